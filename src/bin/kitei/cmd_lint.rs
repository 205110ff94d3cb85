//! `kitei lint`: drafting problems in a regulation (目次, numbering, references, caption brackets, old kanji,
//! numeral styles, citation forms). Exit status: 0 with warnings only, 1 with errors, 2 for a bad invocation
//! or a file that cannot be read.

use crate::common;
use crate::revisions::RevisionArgs;
use kitei::diagnostic::{Diagnostic, Severity};
use kitei::input::InputFormat;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Check a regulation for drafting problems.
#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  kitei lint regulations/jlis-ninsho-jimu-kanri-kitei/2016-01-01.md\n  kitei lint law.txt --format json\n  kitei lint --against old.md new.md\n\nExit status: 0 when there are no errors (warnings only, or nothing), 1 with errors, 2 for a bad invocation\nor a file that cannot be read."
)]
pub struct Args {
    /// The regulation (text, Markdown or e-Gov XML; `-` for standard input).
    pub file: PathBuf,
    /// Output format: text (`FILE:LINE:COL: warning[code]: message (id)`, then a summary) or json (an array)
    /// [default: from the extension of -o (.txt, .json), else text].
    #[arg(long, value_parser = ["text", "json"])]
    pub format: Option<String>,
    /// Also report ハネ: references in FILE left stale by the renumbering since this older version.
    #[arg(long, value_name = "OLD")]
    pub against: Option<PathBuf>,
    /// Check this English translation against FILE: missing, orphaned and stale translations. By default
    /// the sibling `<name>.en.md` is checked when it exists.
    #[arg(long, value_name = "EN")]
    pub translation: Option<PathBuf>,
    /// Do not look for a sibling English translation.
    #[arg(long, conflicts_with = "translation")]
    pub no_translation: bool,
    /// Force the input format instead of detecting it (text, markdown, xml, json).
    #[arg(long, value_parser = common::parse_input_format)]
    pub input_format: Option<InputFormat>,
    /// Write the report to this file (atomically) instead of standard output.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub revisions: RevisionArgs,
}

/// The translation to check: `--translation`, else the sibling `<stem>.en.md` of a Japanese file.
fn translation_path(a: &Args) -> Option<PathBuf> {
    if let Some(p) = &a.translation {
        return Some(p.clone());
    }
    if a.no_translation || a.file.as_os_str() == "-" {
        return None;
    }
    let name = a.file.file_name()?.to_str()?;
    if name.ends_with(".en.md") {
        return None;
    }
    let stem = a.file.file_stem()?.to_str()?;
    Some(a.file.with_file_name(format!("{stem}.en.md"))).filter(|p| p.exists())
}

/// Missing, orphaned and stale translations, at the English file's lines. Stale provisions are found by the
/// fingerprints the translation records (`kitei translate stamp`); without them, a translation made from an
/// older version (`<!-- translation-of: 2014-04-01.md -->`) is compared through the diff engine. Also the
/// glossary check (`kitei::translate::terms`) when the regulation has a `glossary.toml`.
fn translation_findings(
    ja: &kitei::Document,
    en_path: &Path,
    format: Option<InputFormat>,
    revisions: RevisionArgs,
) -> anyhow::Result<Vec<Diagnostic>> {
    let en = common::load(en_path, Some(InputFormat::English))?.document;
    // `<!-- translation-of: 2014-04-01.md -->`; an empty or dangling declaration means "this version".
    let source =
        en.attrs.get("translation-of").filter(|s| !s.trim().is_empty()).map(|s| en_path.with_file_name(s.trim()));
    let older = match source {
        Some(p) if p.is_file() => Some(common::load_with(&p, format, revisions.options())?.document),
        _ => None,
    };
    let cmp = older
        .as_ref()
        .filter(|o| *o != ja)
        .map(|o| kitei::diff::compare(o, ja, &kitei::diff::CompareOptions::default()));
    let mut out = kitei::render::translation_report(ja, &en, cmp.as_ref());
    let glossary = crate::cmd_translate::glossary_beside(en_path)?;
    if !glossary.is_empty() {
        let align = kitei::render::translation::Alignment::new(ja, cmp.as_ref());
        out.extend(kitei::translate::terms::check_terms(ja, &en, &align, &glossary));
    }
    Ok(out)
}

pub fn run(a: Args) -> anyhow::Result<ExitCode> {
    use crate::format::Kind;
    let format = crate::format::choose(
        "--format",
        a.format.as_deref(),
        a.output.as_ref(),
        &[("text", Kind::Text), ("json", Kind::Json)],
        "text",
    )?;
    let mut named: Vec<&Path> = vec![&a.file];
    named.extend(a.against.as_deref());
    named.extend(a.translation.as_deref());
    common::stdin_once(&named)?;
    // Loaded as `common::load` does, keeping the decoded text for exact line and column positions.
    let src = common::read_source(&a.file, a.input_format)?;
    let parsed = kitei::parse::parse_source_with(&src, a.revisions.options())
        .map_err(|e| common::at_paragraph(e, &a.file, &src, a.revisions.get()))?;
    let mut diags = parsed.diagnostics.clone();
    // A .docx is checked as the Markdown it reads as, in the chosen revision.
    let text = a.revisions.text(&src);
    diags.extend(kitei::lint::lint_source(&parsed.document, &text));
    if let Some(old_path) = &a.against {
        let old = common::load_with(old_path, a.input_format, a.revisions.options())?.document;
        let cmp = kitei::diff::compare(&old, &parsed.document, &kitei::diff::CompareOptions::default());
        diags.extend(cmp.warnings);
    }
    let mut en_diags = Vec::new();
    let en_path = translation_path(&a);
    if let Some(en_path) = &en_path {
        en_diags = translation_findings(&parsed.document, en_path, a.input_format, a.revisions)?;
    }
    // Document order, parser notes and ハネ among the lint findings (stable: ties keep their order).
    diags.sort_by_key(|d| (d.line, d.column));
    en_diags.sort_by_key(|d| (d.line, d.column));
    let out = match format {
        "json" => {
            // Findings in the translation carry its file name (the others are in FILE).
            let mut v = serde_json::to_value(&diags)?;
            if let (Some(arr), Some(p)) = (v.as_array_mut(), &en_path) {
                for d in &en_diags {
                    let mut o = serde_json::to_value(d)?;
                    o["file"] = serde_json::Value::String(p.display().to_string());
                    arr.push(o);
                }
            }
            let mut s = serde_json::to_string_pretty(&v)?;
            s.push('\n');
            s
        }
        _ => {
            // A .docx's findings name its paragraphs (¶N), not lines of the text it was read as.
            let paragraphs = common::docx_paragraphs(&a.file, &src, a.revisions.get());
            let mut s = lines(&a.file, &diags, paragraphs.as_ref());
            if let Some(p) = &en_path {
                s.push_str(&lines(p, &en_diags, None));
            }
            let all: Vec<Diagnostic> = diags.iter().chain(&en_diags).cloned().collect();
            s.push_str(&summary_line(&a.file, &all));
            s
        }
    };
    diags.extend(en_diags);
    common::write_output(a.output.as_ref(), out.as_bytes(), &[&a.file])?;
    let errors = diags.iter().any(|d| d.severity == Severity::Error);
    Ok(if errors { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

#[cfg(test)]
/// `FILE:LINE:COL: warning[code]: message (id)` per finding, then the [`summary`].
fn text_report(file: &Path, diags: &[Diagnostic]) -> String {
    let mut s = lines(file, diags, None);
    s.push_str(&summary_line(file, diags));
    s
}

/// The last line of the report: `FILE: no problems found` or `FILE: N errors, M warnings`.
fn summary_line(file: &Path, diags: &[Diagnostic]) -> String {
    let name = file.display();
    if diags.is_empty() {
        format!("{name}: no problems found\n")
    } else {
        format!("{name}: {}\n", summary(diags))
    }
}

/// `FILE:LINE:COL: warning[code]: message (id)` per finding. For a .docx (`paragraphs`), `FILE:¶N:` names the
/// Word paragraph instead of the line and column.
fn lines(file: &Path, diags: &[Diagnostic], paragraphs: Option<&kitei::parse::docx::Paragraphs>) -> String {
    let name = file.display();
    let mut s = String::new();
    for d in diags {
        let sev = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        };
        match paragraphs.and_then(|p| p.of_line(d.line)) {
            Some(n) => s.push_str(&format!("{name}:¶{n}: {sev}[{}]: {}", d.code, d.message)),
            None => s.push_str(&format!("{name}:{}:{}: {sev}[{}]: {}", d.line, d.column, d.code, d.message)),
        }
        if let Some(id) = &d.id {
            s.push_str(&format!(" ({id})"));
        }
        s.push('\n');
    }
    s
}

/// `N errors, M warnings`, then `, K notes` when there are Info findings, so the summary counts every
/// finding the report lists (and the JSON array holds).
fn summary(diags: &[Diagnostic]) -> String {
    let (e, w) = kitei::lint::counts(diags);
    let notes = diags.iter().filter(|d| d.severity == Severity::Info).count();
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let mut s = format!("{}, {}", plural(e, "error"), plural(w, "warning"));
    if notes > 0 {
        s.push_str(&format!(", {}", plural(notes, "note")));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(diags: &[Diagnostic]) -> String {
        text_report(Path::new("k.md"), diags)
    }

    #[test]
    fn the_summary_counts_info_findings_too() {
        let info = |code| Diagnostic::new(Severity::Info, code, "worth knowing").at(3, 1);
        let out = report(&[info("a"), Diagnostic::warning("b", "w").at(4, 1), info("c")]);
        assert!(out.contains("k.md:3:1: info[a]: worth knowing\n"), "{out}");
        assert!(out.ends_with("k.md: 0 errors, 1 warning, 2 notes\n"), "{out}");
        let out = report(&[info("a")]);
        assert!(out.ends_with("k.md: 0 errors, 0 warnings, 1 note\n"), "{out}");
    }

    #[test]
    fn without_info_findings_the_summary_is_unchanged() {
        let out = report(&[Diagnostic::error("a", "e").at(1, 1), Diagnostic::warning("b", "w").at(2, 1)]);
        assert!(out.ends_with("k.md: 1 error, 1 warning\n"), "{out}");
        assert_eq!(report(&[]), "k.md: no problems found\n");
    }
}
