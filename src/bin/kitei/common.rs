//! Helpers shared by the subcommands: reading input, reporting errors (the one form every command uses),
//! and writing output (`outfile`).

use anyhow::anyhow;
use kitei::input::InputFormat;
use std::path::Path;

pub use crate::outfile::{io_message, write_file, write_output};

/// Prints an error and its causes to standard error, in the form `kitei: error: …`. I/O errors read the
/// same in every command (`cannot read FILE: No such file or directory`), without Rust's `(os error N)`.
pub fn report(e: &anyhow::Error) {
    let mut msg = format!("kitei: error: {}", crate::outfile::strip_os_error(&e.to_string()));
    for cause in e.chain().skip(1) {
        // Library errors already name their cause (`path: No such file…`); don't say it twice.
        let cause = crate::outfile::strip_os_error(&cause.to_string());
        if !msg.contains(&cause) {
            msg.push_str(&format!("\n  caused by: {cause}"));
        }
    }
    eprintln!("{msg}");
}

/// The error for a file that cannot be read: `cannot read FILE: No such file or directory`.
pub fn cannot_read(path: &Path, e: &std::io::Error) -> anyhow::Error {
    anyhow!("cannot read {}: {}", path.display(), io_message(e))
}

/// Reads and decodes an input file (`-`: standard input), with the one message for unreadable files.
pub fn read_source(path: &Path, format: Option<InputFormat>) -> anyhow::Result<kitei::input::Source> {
    kitei::input::load(path, format).map_err(|e| match e {
        kitei::Error::Io { path, source } => cannot_read(&path, &source),
        e => e.into(),
    })
}

/// Reads a UTF-8 file that is not a regulation (an audit state, a template).
pub fn read_to_string(path: &Path) -> anyhow::Result<String> {
    std::fs::read_to_string(path).map_err(|e| cannot_read(path, &e))
}

/// Standard input can be read once: `kitei diff - -` is a bad invocation.
pub fn stdin_once(paths: &[&Path]) -> anyhow::Result<()> {
    if paths.iter().filter(|p| p.as_os_str() == "-").count() > 1 {
        anyhow::bail!("standard input (-) is named more than once; it can be read only once");
    }
    Ok(())
}

/// Parses `--input-format` values.
pub fn parse_input_format(s: &str) -> Result<InputFormat, String> {
    InputFormat::from_name(s)
        .ok_or_else(|| format!("unknown input format {s:?} (expected text, markdown, xml, json or english)"))
}

/// Loads and parses a regulation file, forcing the format if asked. When the tree looks implausible (the
/// structure check), prints one warning line about it on standard error: every command that reads a
/// regulation says so, without changing its output or exit status.
pub fn load(path: &Path, format: Option<InputFormat>) -> anyhow::Result<kitei::parse::Parsed> {
    load_with(path, format, kitei::parse::ParseOptions::default())
}

/// [`load`] with parse options (`kitei parse --normalize-spacing`).
pub fn load_with(
    path: &Path,
    format: Option<InputFormat>,
    options: kitei::parse::ParseOptions,
) -> anyhow::Result<kitei::parse::Parsed> {
    let src = read_source(path, format)?;
    let parsed = match kitei::parse::parse_source_with(&src, options) {
        Ok(p) => p,
        Err(e) => return Err(at_paragraph(e, path, &src, options.revisions)),
    };
    if let Some(line) = structure_warning(path, &src, &parsed.document, options.revisions) {
        eprintln!("{line}");
    }
    Ok(parsed)
}

/// The paragraphs of a .docx read from a file (standard input cannot be read again: `None`).
pub fn docx_paragraphs(
    path: &Path,
    src: &kitei::input::Source,
    which: kitei::parse::docx::Revisions,
) -> Option<kitei::parse::docx::Paragraphs> {
    if src.format != InputFormat::Docx || path.as_os_str() == "-" {
        return None;
    }
    let bytes = std::fs::read(path).ok()?;
    kitei::parse::docx::Paragraphs::read(&src.name, &bytes, which).ok()
}

/// A parse error in a .docx names the Word paragraph (`FILE:¶N: …`) rather than a line of the text it was
/// read as.
pub fn at_paragraph(
    e: kitei::Error,
    path: &Path,
    src: &kitei::input::Source,
    which: kitei::parse::docx::Revisions,
) -> anyhow::Error {
    let at = match &e {
        kitei::Error::Syntax { at, .. } | kitei::Error::Invalid { at, .. } => at.clone(),
        _ => return e.into(),
    };
    let prefix = at.to_string();
    match docx_paragraphs(path, src, which).and_then(|p| p.of_line(at.line)) {
        Some(n) => {
            let text = e.to_string();
            anyhow::anyhow!("{}:¶{n}{}", at.file, text.strip_prefix(&prefix).unwrap_or(&text))
        }
        None => e.into(),
    }
}

/// The structure check's one line for a loaded file: its first finding and how many there are, or `None`.
/// English translations are not checked (their tree is aligned to the Japanese one elsewhere); kitei JSON has
/// no source lines, so its findings keep the positions stored in the tree. A .docx is checked against the text
/// it was read as, and its finding names the Word paragraph.
pub fn structure_warning(
    path: &Path,
    src: &kitei::input::Source,
    doc: &kitei::Document,
    which: kitei::parse::docx::Revisions,
) -> Option<String> {
    let plain;
    let text = match src.format {
        InputFormat::English => return None,
        InputFormat::Json => None,
        InputFormat::Docx => {
            plain = kitei::parse::docx::plain_text(&src.text, which);
            Some(plain.as_str())
        }
        _ => Some(src.text.as_str()),
    };
    let found = kitei::lint::structure::check(doc, &kitei::lint::Locator::new(text));
    let file = path.display().to_string();
    let paragraphs = if found.is_empty() { None } else { docx_paragraphs(path, src, which) };
    match paragraphs {
        Some(p) => kitei::lint::structure::summary_line_at(&file, &found, |d| match p.of_line(d.line) {
            Some(n) => format!("¶{n}"),
            None => format!("{}:{}", d.line, d.column),
        }),
        None => kitei::lint::structure::summary_line(&file, &found),
    }
}

/// A `--templates` directory must exist: a mistyped house-style path would otherwise fall back to the
/// built-in templates without a word.
pub fn check_templates(dir: Option<&Path>) -> anyhow::Result<()> {
    match dir {
        Some(d) if !d.is_dir() => anyhow::bail!("{}: no such templates directory", d.display()),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_parse_error_in_a_docx_names_the_paragraph() {
        let dir = std::env::temp_dir().join(format!("kitei-common-docx-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("e.docx");
        let p = |t: &str| docx_rs::Paragraph::new().add_run(docx_rs::Run::new().add_text(t));
        let doc = docx_rs::Docx::new().add_paragraph(p("規程")).add_paragraph(docx_rs::Paragraph::new());
        let mut out = std::io::Cursor::new(Vec::new());
        doc.add_paragraph(p("第1条　甲")).build().pack(&mut out).unwrap();
        std::fs::write(&path, out.into_inner()).unwrap();
        let src = read_source(&path, None).unwrap();
        let error = |line| kitei::Error::Invalid {
            at: kitei::error::Location { file: src.name.clone(), line, column: 1 },
            message: "bad".into(),
        };
        let after = kitei::parse::docx::Revisions::After;
        // Line 3 of the text is the third paragraph (the second is empty); a line past the end keeps its place.
        assert_eq!(at_paragraph(error(3), &path, &src, after).to_string(), format!("{}:¶3: bad", src.name));
        assert_eq!(at_paragraph(error(99), &path, &src, after).to_string(), format!("{}:99:1: bad", src.name));
        std::fs::remove_dir_all(&dir).ok();
    }
}
