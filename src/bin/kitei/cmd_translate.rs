//! `kitei translate`: tools for translators of `*.en.md` files. `stamp` records the fingerprints of the
//! Japanese a translation renders; `update` carries a translation forward to a new version; `status` reports
//! coverage; `export`/`import` convert to and from XLIFF 1.2. Each turns flags into one `kitei::translate`
//! call.

use crate::common;
use kitei::input::InputFormat;
use kitei::translate::fingerprint::Fingerprints;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Translation tools: fingerprints, carrying forward, coverage, XLIFF.
#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: Sub,
}

#[derive(clap::Subcommand)]
enum Sub {
    /// Record in EN.en.md the fingerprints of the Japanese it translates (the file its `translation-of` names),
    /// after checking the English against it. Rewrites EN in place unless -o is given.
    Stamp {
        /// The translation (`*.en.md`).
        en: PathBuf,
        /// Write here instead of rewriting EN.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Carry OLD.en.md forward to the Japanese version NEW: unchanged provisions keep their English (renumbered
    /// ones too), new and changed ones get their Japanese behind a [TODO] marker, removed ones are dropped.
    Update {
        /// The translation to carry forward (its `translation-of` names the Japanese it translates).
        old_en: PathBuf,
        /// The new Japanese version.
        #[arg(long)]
        to: PathBuf,
        /// The new translation (`NEW.en.md`).
        #[arg(short, long)]
        output: PathBuf,
    },
    /// Coverage per regulation and version: provisions translated, stale, [TODO] and missing, and the stale
    /// ones. DIR is a folder of regulations (default `regulations`) or one regulation's folder.
    Status {
        /// The folder.
        #[arg(default_value = "regulations")]
        dir: PathBuf,
        /// Output format [default: from the extension of -o (.txt, .json), else text].
        #[arg(long, value_parser = ["text", "json"])]
        format: Option<String>,
        /// Write the report to this file instead of standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Write X.en.md as XLIFF 1.2 for a CAT tool: one unit per provision, the Japanese (from the file its
    /// `translation-of` names, or --ja) as source, glossary terms (the sibling glossary.toml) as notes.
    Export {
        /// The translation.
        en: PathBuf,
        /// The Japanese to translate from [default: the file `translation-of` names].
        #[arg(long)]
        ja: Option<PathBuf>,
        /// The XLIFF file to write (`.xlf`).
        #[arg(short, long)]
        output: PathBuf,
    },
    /// Write back the .en.md an XLIFF file exported by kitei holds, with the targets as edited.
    Import {
        /// The XLIFF file.
        xliff: PathBuf,
        /// The translation to write (`.en.md`).
        #[arg(short, long)]
        output: PathBuf,
    },
}

pub fn run(a: Args) -> anyhow::Result<ExitCode> {
    match a.command {
        Sub::Stamp { en, output } => stamp(&en, output),
        Sub::Update { old_en, to, output } => update(&old_en, &to, &output),
        Sub::Status { dir, format, output } => status(&dir, format.as_deref(), output),
        Sub::Export { en, ja, output } => export(&en, ja.as_deref(), &output),
        Sub::Import { xliff, output } => {
            let text = common::read_to_string(&xliff)?;
            let out = kitei::translate::xliff::import(&text)?;
            common::write_output(Some(&output), out.as_bytes(), &[&xliff])?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// The Japanese file a translation names (`translation-of`, relative to the translation), with its text.
pub fn source_of(en_path: &Path, en: &kitei::Document) -> anyhow::Result<(String, PathBuf)> {
    let Some(name) = en.attrs.get("translation-of").map(|s| s.trim()).filter(|s| !s.is_empty()) else {
        anyhow::bail!("{}: no <!-- translation-of: FILE --> header naming the Japanese version", en_path.display());
    };
    Ok((name.to_string(), en_path.with_file_name(name)))
}

fn stamp(en_path: &Path, output: Option<PathBuf>) -> anyhow::Result<ExitCode> {
    let text = common::read_to_string(en_path)?;
    let en = kitei::parse::english::parse_english(&en_path.display().to_string(), &text)?.document;
    let (name, ja_path) = source_of(en_path, &en)?;
    let src = common::read_source(&ja_path, None::<InputFormat>)?;
    let ja = kitei::parse::parse_source(&src)?.document;
    let fp = Fingerprints::of(&ja, &name, &src.text);
    let out = kitei::translate::fingerprint::with_fingerprints(&text, &fp);
    match output {
        Some(o) => common::write_output(Some(&o), out.as_bytes(), &[en_path, &ja_path])?,
        None => crate::outfile::write_file(en_path, out.as_bytes())?,
    }
    Ok(ExitCode::SUCCESS)
}

/// A translation with the fingerprints of the Japanese it was made from: recorded ones, else those of the
/// file its `translation-of` names as it stands now.
fn translation_with_source(en_path: &Path) -> anyhow::Result<(kitei::Document, kitei::Document, Fingerprints)> {
    let text = common::read_to_string(en_path)?;
    let en = kitei::parse::english::parse_english(&en_path.display().to_string(), &text)?.document;
    let (name, ja_path) = source_of(en_path, &en)?;
    let src = common::read_source(&ja_path, None::<InputFormat>)?;
    let ja = kitei::parse::parse_source(&src)?.document;
    let fp = Fingerprints::recorded(&en).unwrap_or_else(|| Fingerprints::of(&ja, &name, &src.text));
    Ok((en, ja, fp))
}

fn update(old_en: &Path, to: &Path, output: &Path) -> anyhow::Result<ExitCode> {
    let (en, old_ja, fp) = translation_with_source(old_en)?;
    let src = common::read_source(to, None::<InputFormat>)?;
    let new_ja = kitei::parse::parse_source(&src)?.document;
    let cmp = kitei::diff::compare(&old_ja, &new_ja, &kitei::diff::CompareOptions::default());
    let name = to.file_name().and_then(|n| n.to_str()).unwrap_or_default();
    let up = kitei::translate::update::update(&en, &fp, &cmp, &new_ja, name, &src.text);
    common::write_output(Some(&output.to_path_buf()), up.text.as_bytes(), &[old_en, to])?;
    eprintln!(
        "{}: {} provisions carried over, {} to translate ({}), {} dropped",
        output.display(),
        up.carried.len(),
        up.todo.len(),
        kitei::translate::update::TODO,
        up.dropped.len()
    );
    Ok(ExitCode::SUCCESS)
}

fn status(dir: &Path, format: Option<&str>, output: Option<PathBuf>) -> anyhow::Result<ExitCode> {
    use crate::format::Kind;
    let format = crate::format::choose(
        "--format",
        format,
        output.as_ref(),
        &[("text", Kind::Text), ("json", Kind::Json)],
        "text",
    )?;
    let mut regs = kitei::render::load::load_folder(dir)?.regulations;
    if regs.is_empty() {
        regs.extend(kitei::render::load::load_regulation(dir)?.0);
    }
    let report: Vec<_> = regs.iter().map(kitei::translate::status::regulation_status).collect();
    let out = match format {
        "json" => serde_json::to_string_pretty(&report)? + "\n",
        _ => kitei::translate::status::to_text(&report),
    };
    common::write_output(output.as_ref(), out.as_bytes(), &[])?;
    Ok(ExitCode::SUCCESS)
}

/// The glossary beside a translation (`glossary.toml`), or none.
pub fn glossary_beside(en_path: &Path) -> anyhow::Result<Vec<kitei::render::load::GlossaryTerm>> {
    let path = en_path.with_file_name("glossary.toml");
    if !path.is_file() {
        return Ok(Vec::new());
    }
    Ok(kitei::render::load::parse_glossary(&path, &common::read_to_string(&path)?)?)
}

fn export(en_path: &Path, ja: Option<&Path>, output: &Path) -> anyhow::Result<ExitCode> {
    let text = common::read_to_string(en_path)?;
    let en = kitei::parse::english::parse_english(&en_path.display().to_string(), &text)?.document;
    let ja_path = match ja {
        Some(p) => p.to_path_buf(),
        None => source_of(en_path, &en)?.1,
    };
    let ja = common::load(&ja_path, None)?.document;
    let xlf = kitei::translate::xliff::export(&text, &ja, &glossary_beside(en_path)?)?;
    common::write_output(Some(&output.to_path_buf()), xlf.as_bytes(), &[en_path, &ja_path])?;
    Ok(ExitCode::SUCCESS)
}
