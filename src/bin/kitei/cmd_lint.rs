//! `kitei lint`: drafting problems in a regulation (目次, numbering, references, caption brackets, old kanji,
//! numeral styles, citation forms). Exit status: 0 with warnings only, 1 with errors (or when the file cannot be
//! read), 2 for a bad invocation.

use crate::common;
use anyhow::Context;
use kitei::diagnostic::{Diagnostic, Severity};
use kitei::input::InputFormat;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Check a regulation for drafting problems.
#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  kitei lint regulations/jlis-ninsho-jimu-kanri-kitei/2016-01-01.md\n  kitei lint law.txt --format json\n  kitei lint --against old.md new.md\n\nExit status: 0 when there are no errors (warnings only, or nothing), 1 with errors, 2 for a bad invocation."
)]
pub struct Args {
    /// The regulation (text, Markdown or e-Gov XML; `-` for standard input).
    pub file: PathBuf,
    /// Output format: text (`FILE:LINE:COL: warning[code]: message (id)`, then a summary) or json (an array).
    #[arg(long, default_value = "text", value_parser = ["text", "json"])]
    pub format: String,
    /// Also report ハネ: references in FILE left stale by the renumbering since this older version.
    #[arg(long, value_name = "OLD")]
    pub against: Option<PathBuf>,
    /// Force the input format instead of detecting it (text, markdown, xml, json).
    #[arg(long, value_parser = common::parse_input_format)]
    pub input_format: Option<InputFormat>,
    /// Write the report to this file (atomically) instead of standard output.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
}

pub fn run(a: Args) -> anyhow::Result<ExitCode> {
    if a.file.as_os_str() != "-" && !a.file.exists() {
        anyhow::bail!("{}: file not found", a.file.display());
    }
    // Loaded as `common::load` does, keeping the decoded text for exact line and column positions.
    let src = kitei::input::load(&a.file, a.input_format).with_context(|| format!("reading {}", a.file.display()))?;
    let parsed = kitei::parse::parse_source(&src)?;
    let mut diags = parsed.diagnostics.clone();
    diags.extend(kitei::lint::lint_source(&parsed.document, &src.text));
    if let Some(old_path) = &a.against {
        if old_path.as_os_str() != "-" && !old_path.exists() {
            anyhow::bail!("{}: file not found", old_path.display());
        }
        let old = common::load(old_path, a.input_format)?.document;
        let cmp = kitei::diff::compare(&old, &parsed.document, &kitei::diff::CompareOptions::default());
        diags.extend(kitei::diff::stale_references(&old, &parsed.document, &cmp));
    }
    // Document order, parser notes and ハネ among the lint findings (stable: ties keep their order).
    diags.sort_by_key(|d| (d.line, d.column));
    let out = match a.format.as_str() {
        "json" => {
            let mut s = serde_json::to_string_pretty(&diags)?;
            s.push('\n');
            s
        }
        _ => text_report(&a.file, &diags),
    };
    common::write_output(a.output.as_ref(), out.as_bytes(), &[&a.file])?;
    let errors = diags.iter().any(|d| d.severity == Severity::Error);
    Ok(if errors { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// `FILE:LINE:COL: warning[code]: message (id)` per finding, then `N errors, M warnings`.
fn text_report(file: &Path, diags: &[Diagnostic]) -> String {
    let name = file.display();
    let mut s = String::new();
    for d in diags {
        let sev = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        };
        s.push_str(&format!("{name}:{}:{}: {sev}[{}]: {}", d.line, d.column, d.code, d.message));
        if let Some(id) = &d.id {
            s.push_str(&format!(" ({id})"));
        }
        s.push('\n');
    }
    let (e, w) = kitei::lint::counts(diags);
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    if diags.is_empty() {
        s.push_str(&format!("{name}: no problems found\n"));
    } else {
        s.push_str(&format!("{name}: {}, {}\n", plural(e, "error"), plural(w, "warning")));
    }
    s
}
