//! `kitei parse`.

use crate::common;
use crate::revisions::RevisionArgs;
use kitei::input::InputFormat;
use std::path::PathBuf;
use std::process::ExitCode;

/// Parse a regulation and print its tree.
#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  kitei parse regulations/jlis-ninsho-jimu-kanri-kitei/2016-01-01.md\n  kitei parse law.txt --format text\n  kitei parse pasted-from-pdf.txt --normalize-spacing\n  cat law.txt | kitei parse -"
)]
pub struct Args {
    /// The regulation (text, Markdown or e-Gov XML; `-` for standard input).
    pub file: PathBuf,
    /// Output format: json (the tree) or text (canonical plain text) [default: from the extension of -o
    /// (.json, .txt), else json].
    #[arg(long, value_parser = ["json", "text"])]
    pub format: Option<String>,
    /// Force the input format instead of detecting it (text, markdown, xml, json).
    #[arg(long, value_parser = common::parse_input_format)]
    pub input_format: Option<InputFormat>,
    /// Remove the spaces of text spaced out character by character, as pasted from some PDFs (「第 1 条 大 学
    /// は 、」 → 「第1条大学は、」): spaces between Japanese characters only; the file itself is not changed.
    #[arg(long)]
    pub normalize_spacing: bool,
    /// Write to this file (atomically) instead of standard output.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub revisions: RevisionArgs,
}

pub fn run(a: Args) -> anyhow::Result<ExitCode> {
    use crate::format::Kind;
    let formats = [("json", Kind::Json), ("text", Kind::Text)];
    let format = crate::format::choose("--format", a.format.as_deref(), a.output.as_ref(), &formats, "json")?;
    let options = kitei::parse::ParseOptions { normalize_spacing: a.normalize_spacing, ..a.revisions.options() };
    let parsed = common::load_with(&a.file, a.input_format, options)?;
    let out = match format {
        "text" => kitei::export::text::to_text(&parsed.document),
        _ => {
            let mut s = serde_json::to_string_pretty(&parsed.document)?;
            s.push('\n');
            s
        }
    };
    common::write_output(a.output.as_ref(), out.as_bytes(), &[&a.file])?;
    Ok(ExitCode::SUCCESS)
}
