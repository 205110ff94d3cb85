//! `kitei parse`.

use crate::common;
use kitei::input::InputFormat;
use std::path::PathBuf;
use std::process::ExitCode;

/// Parse a regulation and print its tree.
#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  kitei parse regulations/jlis-ninsho-jimu-kanri-kitei/2016-01-01.md\n  kitei parse law.txt --format text\n  cat law.txt | kitei parse -"
)]
pub struct Args {
    /// The regulation (text, Markdown or e-Gov XML; `-` for standard input).
    pub file: PathBuf,
    /// Output format: json (the tree) or text (canonical plain text).
    #[arg(long, default_value = "json", value_parser = ["json", "text"])]
    pub format: String,
    /// Force the input format instead of detecting it (text, markdown, xml, json).
    #[arg(long, value_parser = common::parse_input_format)]
    pub input_format: Option<InputFormat>,
    /// Write to this file (atomically) instead of standard output.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
}

pub fn run(a: Args) -> anyhow::Result<ExitCode> {
    let parsed = common::load(&a.file, a.input_format)?;
    let out = match a.format.as_str() {
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
