//! Where the time of one workspace update goes on a 会社法-sized draft (`kitei serve`, issue 19): the
//! Lawtext 会社法 of the corpus as the base, a phrase changed in one article as the draft, the panes computed
//! as the server computes them, with each pane's milliseconds. Run with `--release` to compare with the
//! README's figures: `cargo run --release --example serve_latency [RUNS]`.

use kitei::input::InputFormat;
use kitei::serve::panes;

fn main() -> anyhow::Result<()> {
    let runs: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(5);
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpus/lawtext/417AC0000000086_20170401_会社法.law.txt");
    let base_text = kitei::input::load(&path, None)?.text;
    let base = kitei::parse::parse_source(&kitei::input::Source {
        name: "base".into(),
        text: base_text.clone(),
        format: InputFormat::Text,
    })?
    .document;
    let draft = base_text.replacen("株式会社の設立", "株式会社の新たな設立", 1);
    anyhow::ensure!(draft != base_text, "the phrase to change is in the text");
    for run in 0..runs {
        let (p, _, lint) = panes::compute(&base, "draft", &draft, InputFormat::Text);
        println!("run {run}: changes {}, findings {}, ms {:?}", p.changes, lint.len(), p.timings);
    }
    Ok(())
}
