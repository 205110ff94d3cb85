//! Helpers shared by the subcommands: loading input, writing output atomically, reporting errors.

use anyhow::Context;
use kitei::input::InputFormat;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Prints an error and its causes to standard error, in the form `kitei: error: …`.
pub fn report(e: &anyhow::Error) {
    let mut msg = format!("kitei: error: {e}");
    for cause in e.chain().skip(1) {
        // Library errors already name their cause (`path: No such file…`); don't say it twice.
        let cause = cause.to_string();
        if !msg.contains(&cause) {
            msg.push_str(&format!("\n  caused by: {cause}"));
        }
    }
    eprintln!("{msg}");
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
    let src = kitei::input::load(path, format)?;
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

/// Writes `content` to `out` atomically (a temporary file beside it, then a rename), or to standard
/// output when `out` is `None` or `-`. Refuses to overwrite any of `inputs`.
/// A `--templates` directory must exist: a mistyped house-style path would otherwise fall back to the
/// built-in templates without a word.
pub fn check_templates(dir: Option<&Path>) -> anyhow::Result<()> {
    match dir {
        Some(d) if !d.is_dir() => anyhow::bail!("{}: no such templates directory", d.display()),
        _ => Ok(()),
    }
}

pub fn write_output(out: Option<&PathBuf>, content: &[u8], inputs: &[&Path]) -> anyhow::Result<()> {
    match out {
        None => {
            std::io::stdout().write_all(content).context("writing to standard output")?;
            Ok(())
        }
        Some(p) if p.as_os_str() == "-" => {
            std::io::stdout().write_all(content).context("writing to standard output")?;
            Ok(())
        }
        Some(p) => {
            for input in inputs {
                if same_file(p, input) {
                    anyhow::bail!("refusing to write the output over the input {}", input.display());
                }
            }
            write_atomic(p, content)
        }
    }
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}

/// Writes a file atomically: temporary file in the same directory, then rename.
pub fn write_atomic(path: &Path, content: &[u8]) -> anyhow::Result<()> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "out".into());
    let tmp = dir.join(format!(".{name}.kitei-tmp-{}", std::process::id()));
    std::fs::write(&tmp, content).with_context(|| format!("writing {}", tmp.display()))?;
    std::fs::rename(&tmp, path).with_context(|| format!("renaming {} to {}", tmp.display(), path.display()))?;
    Ok(())
}
