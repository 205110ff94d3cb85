//! Renders a law's current version page N times, as `cargo bench --bench site` does (for profiling with
//! `perf` or `valgrind --tool=callgrind`), and writes its files (the page, or the contents page, the part
//! pages and their script) into OUT_DIR when given, to compare the output before and after a change:
//!
//! ```text
//! cargo run --release --example render_page -- ../shared/corpus/lawtext/417AC0000000086_20170401_会社法.law.txt 1 /tmp/out
//! cargo run --release --example render_page -- --site regulations /tmp/site
//! ```
//!
//! With `--site IN_DIR OUT_DIR` it builds the whole site of a regulations folder instead (as of 2026-12-01).
use kitei::render::load::LoadedRegulation;

fn main() {
    let mut args = std::env::args().skip(1).peekable();
    if args.peek().map(String::as_str) == Some("--site") {
        let (input, out) = (args.nth(1).expect("IN_DIR"), args.next().expect("OUT_DIR"));
        let options = kitei::render::BuildOptions { out: out.into(), clean: true, ..Default::default() };
        let site = kitei::render::SiteOptions { as_of: Some("2026-12-01".into()) };
        let report = kitei::render::build_site_as_of(input.as_ref(), &options, &site, &mut |_, _, _| {});
        println!("{} files", report.expect("builds").files);
        return;
    }
    let path = std::path::PathBuf::from(args.next().expect("usage: render_page FILE [N] [OUT_DIR]"));
    let n: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(1);
    let out = args.next().map(std::path::PathBuf::from);
    let parsed = kitei::load(&path).expect("parses");
    let reg = LoadedRegulation::single(
        "kaisha",
        path.parent().map(|p| p.to_path_buf()).unwrap_or_default(),
        "2017-04-01",
        "2017-04-01.txt",
        parsed.document,
    );
    let templates = kitei::render::templates::Templates::load(None).expect("templates");
    let mut files = Default::default();
    for _ in 0..n {
        files = kitei::render::render_current_files(&reg, &templates).expect("renders");
    }
    let bytes: usize = files.pages.iter().map(|p| p.1.len()).sum();
    println!("{} pages, {bytes} bytes", files.pages.len());
    if let Some(dir) = out {
        std::fs::create_dir_all(&dir).expect("output folder");
        for (name, text) in files.pages.iter().chain(files.script.iter()) {
            std::fs::write(dir.join(name), text).expect("written");
        }
    }
}
