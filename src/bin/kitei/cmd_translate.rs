//! `kitei translate`: tools for translators of `*.en.md` files. `stamp` records the fingerprints of the
//! Japanese a translation renders; `update` carries a translation forward to a new version; `status` reports
//! coverage; `export`/`import` convert to and from XLIFF 1.2. Each turns flags into one `kitei::translate`
//! call.

use crate::common;
use kitei::input::InputFormat;
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
}

pub fn run(a: Args) -> anyhow::Result<ExitCode> {
    match a.command {
        Sub::Stamp { en, output } => stamp(&en, output),
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
    let fp = kitei::translate::fingerprint::Fingerprints::of(&ja, &name, &src.text);
    let out = kitei::translate::fingerprint::with_fingerprints(&text, &fp);
    match output {
        Some(o) => common::write_output(Some(&o), out.as_bytes(), &[en_path, &ja_path])?,
        None => crate::outfile::write_file(en_path, out.as_bytes())?,
    }
    Ok(ExitCode::SUCCESS)
}
