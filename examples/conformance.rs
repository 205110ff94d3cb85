//! The corpus conformance runner (issue 11): every check of [`kitei::conformance`] over the shared corpus.
//!
//! ```text
//! cargo run --release --example conformance -- [--sample N] [--json FILE] [--worst N] [PATHS…]
//! ```
//!
//! Without PATHS it reads the whole shared corpus (`../shared/corpus` beside the repository, or
//! `/work/shared/corpus`): the 1,075 e-Gov 2013 laws and 36 version pairs of `egov-2013/`, and the text,
//! Markdown and XML files of `text-2013/`, `egov-revisions/`, `lawtext/`, `internal-rules/` and `egov-xml/`.
//! A PATH may be a file or a folder (its `.txt`, `.md` and `.xml` files; a folder holding `2013-11-02.txt`
//! and `2013-11-26.txt` is a version pair). `--sample N` keeps every N-th file and pair. It prints the table
//! of counts, then the worst offenders per category; `--json FILE` writes every offence as JSON lines.
//!
//! `--paste` runs the paste check instead ([`kitei::conformance::paste`]): every e-Gov 2013 law and internal
//! rule (or the PATHS) printed, then pasted as from PDF, from Word and with digits of the other width, each
//! parse compared with the original's; it prints per variant the files equal, warned and silently different,
//! then the worst files with their first difference.

#[path = "conformance/paste.rs"]
mod paste;
#[path = "conformance/pool.rs"]
mod pool;

use kitei::conformance::{self, FileReport, PairReport, Summary};
use std::path::{Path, PathBuf};
use std::time::Instant;

enum Job {
    File(PathBuf),
    Pair(String, PathBuf, PathBuf),
}

enum Done {
    File(Box<FileReport>),
    Pair(PairReport),
}

fn corpus_root() -> PathBuf {
    let beside = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if beside.is_dir() {
        beside
    } else {
        PathBuf::from("/work/shared/corpus")
    }
}

fn files_in(dir: &Path, exts: &[&str]) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> =
        std::fs::read_dir(dir).map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect()).unwrap_or_default();
    v.retain(|p| p.is_file() && p.extension().and_then(|e| e.to_str()).is_some_and(|e| exts.contains(&e)));
    v.sort();
    v
}

fn pair_in(dir: &Path) -> Option<Job> {
    let (old, new) = (dir.join("2013-11-02.txt"), dir.join("2013-11-26.txt"));
    (old.is_file() && new.is_file()).then(|| {
        let name = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        Job::Pair(name, old, new)
    })
}

/// The jobs for one path: a file, a pair folder, or a folder walked recursively.
fn jobs_for(path: &Path, out: &mut Vec<Job>) {
    if path.is_file() {
        out.push(Job::File(path.to_path_buf()));
        return;
    }
    if let Some(p) = pair_in(path) {
        out.push(p);
        return;
    }
    for f in files_in(path, &["txt", "md", "xml"]) {
        out.push(Job::File(f));
    }
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(path)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.is_dir()).collect())
        .unwrap_or_default();
    dirs.sort();
    for d in dirs {
        jobs_for(&d, out);
    }
}

fn default_jobs() -> Vec<Job> {
    let root = corpus_root();
    let mut out = Vec::new();
    for sub in
        ["egov-2013/laws", "egov-2013/pairs", "text-2013", "egov-revisions", "lawtext", "internal-rules", "egov-xml"]
    {
        jobs_for(&root.join(sub), &mut out);
    }
    out
}

fn main() {
    let mut args = std::env::args().skip(1);
    let (mut sample, mut json, mut worst, mut paths) = (1usize, None, 5usize, Vec::new());
    let mut paste = false;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--sample" => sample = args.next().and_then(|s| s.parse::<usize>().ok()).expect("--sample N").max(1),
            "--json" => json = Some(PathBuf::from(args.next().expect("--json FILE"))),
            "--worst" => worst = args.next().and_then(|s| s.parse().ok()).expect("--worst N"),
            "--paste" => paste = true,
            "-h" | "--help" => {
                println!("conformance [--paste] [--sample N] [--json FILE] [--worst N] [PATHS…]");
                return;
            }
            _ => paths.push(PathBuf::from(a)),
        }
    }
    // Panics are caught and reported per file; the default hook would print each one in the middle of the table.
    std::panic::set_hook(Box::new(|_| {}));
    if paste {
        if json.is_some() {
            eprintln!("conformance: --json is not written by --paste (its table is the whole report)");
            std::process::exit(2);
        }
        paste::run(&paths, sample, worst, &corpus_root());
        return;
    }
    let mut jobs = Vec::new();
    if paths.is_empty() {
        jobs = default_jobs();
    } else {
        for p in &paths {
            jobs_for(p, &mut jobs);
        }
    }
    let jobs: Vec<Job> = jobs.into_iter().enumerate().filter(|(i, _)| i % sample == 0).map(|(_, j)| j).collect();

    let start = Instant::now();
    let root = corpus_root().display().to_string();
    let short = |s: &str| s.strip_prefix(&root).map(|r| r.trim_start_matches('/').to_string()).unwrap_or(s.into());
    let (mut files, mut pairs): (Vec<FileReport>, Vec<PairReport>) = (Vec::new(), Vec::new());
    pool::run(
        jobs,
        |job| match job {
            Job::File(p) => Done::File(Box::new(conformance::check_file(&p))),
            Job::Pair(n, o, w) => Done::Pair(conformance::check_pair(&n, &o, &w)),
        },
        |d| match d {
            Done::File(mut r) => {
                r.path = short(&r.path);
                files.push(*r)
            }
            Done::Pair(p) => pairs.push(p),
        },
    );
    let elapsed = start.elapsed();
    files.sort_by(|a, b| a.path.cmp(&b.path));
    pairs.sort_by(|a, b| a.name.cmp(&b.name));

    let mut summary = Summary::default();
    let mut offenders = Vec::new();
    for r in &files {
        summary.add_file(r);
        offenders.extend(conformance::file_offences(r));
    }
    for p in &pairs {
        summary.add_pair(p);
        offenders.extend(conformance::pair_offences(p));
    }
    println!(
        "# kitei conformance: {} files, {} pairs, {:.1} s on 2 threads\n",
        summary.files,
        summary.pairs,
        elapsed.as_secs_f64()
    );
    println!("{}", summary.table());
    println!("## structure findings (code: files, findings)");
    for (c, (f, n)) in &summary.structure_codes {
        println!("- {c}: {f}, {n}");
    }
    print!("{}", conformance::worst(&offenders, worst));
    if let Some(path) = json {
        let mut out = String::new();
        for o in &offenders {
            let v = serde_json::json!({"category": o.category, "name": o.name, "reason": o.reason, "weight": o.weight});
            out.push_str(&v.to_string());
            out.push('\n');
        }
        std::fs::write(&path, out).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    }
}
