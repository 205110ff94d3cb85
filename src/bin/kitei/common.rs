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
    let parsed = kitei::parse::parse_source_with(&src, options)?;
    if let Some(line) = structure_warning(path, &src, &parsed.document) {
        eprintln!("{line}");
    }
    Ok(parsed)
}

/// The structure check's one line for a loaded file: its first finding and how many there are, or `None`.
/// English translations are not checked (their tree is aligned to the Japanese one elsewhere); kitei JSON has
/// no source lines, so its findings keep the positions stored in the tree.
pub fn structure_warning(path: &Path, src: &kitei::input::Source, doc: &kitei::Document) -> Option<String> {
    let text = match src.format {
        InputFormat::English => return None,
        InputFormat::Json => None,
        _ => Some(src.text.as_str()),
    };
    let found = kitei::lint::structure::check(doc, &kitei::lint::Locator::new(text));
    kitei::lint::structure::summary_line(&path.display().to_string(), &found)
}

/// A `--templates` directory must exist: a mistyped house-style path would otherwise fall back to the
/// built-in templates without a word.
pub fn check_templates(dir: Option<&Path>) -> anyhow::Result<()> {
    match dir {
        Some(d) if !d.is_dir() => anyhow::bail!("{}: no such templates directory", d.display()),
        _ => Ok(()),
    }
}
