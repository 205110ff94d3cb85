//! `kitei history DIR|FILES… [PROVISION]`: a provision's history across every version of a regulation.

use crate::common;
use kitei::history::{self, query, Version};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// A provision's whole history across versions.
#[derive(clap::Args)]
#[command(
    after_help = "A DIR is a regulation folder (regulations/<slug>/: YYYY-MM-DD.md, .txt, .xml; translations skipped);\nFILES are versions, oldest first. The last argument is the provision when it is not a file: a citation\n(第21条, 第21条第2項), an ID (art_21) or a phrase of its text. A citation or ID is read in the latest version\nunless --at names another. Without a provision, every provision's history is written.\n\nExamples:\n  kitei history regulations/jlis-ninsho-jimu-kanri-kitei 第5条\n  kitei history 2019.md 2020.md 第25条 --format md\n  kitei history regulations/jlis-ninsho-jimu-kanri-kitei 第5条 --at 2016-01-01 --format json"
)]
pub struct Args {
    /// A regulation folder, or version files oldest first, then optionally the provision.
    #[arg(required = true, num_args = 1..)]
    pub args: Vec<String>,
    /// The version (its label: the date, or the file name without extension) in which the provision's number
    /// or ID is read [default: the latest].
    #[arg(long, value_name = "VERSION")]
    pub at: Option<String>,
    /// Output format [default: from the extension of -o (.md, .json, .html, .txt), else text].
    #[arg(long, value_parser = ["md", "markdown", "json", "text", "html"])]
    pub format: Option<String>,
    /// Write to this file (atomically) instead of standard output.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
}

/// The versions of a folder: its dated files, else (a folder of named files) every version file, which must
/// then all be one regulation.
fn folder_versions(dir: &Path) -> anyhow::Result<Vec<(String, PathBuf)>> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| common::cannot_read(dir, &e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    let files = kitei::render::folder::classify(dir, &entries, &["regulation.toml", "glossary.toml"]);
    if !files.versions.is_empty() {
        return Ok(files.versions.into_iter().map(|(date, _, path)| (date, path)).collect());
    }
    Ok(entries
        .into_iter()
        .filter(|p| p.is_file())
        .filter(|p| {
            let name = p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let ext = name.rsplit_once('.').map(|x| x.1).unwrap_or("");
            kitei::render::folder::VERSION_EXTENSIONS.contains(&ext) && !name.contains(".en.") && !name.starts_with('.')
        })
        .map(|p| (stem(&p), p))
        .collect())
}

fn stem(p: &Path) -> String {
    p.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default()
}

pub fn run(a: Args) -> anyhow::Result<ExitCode> {
    use crate::format::Kind;
    let formats = [
        ("md", Kind::Markdown),
        ("markdown", Kind::Markdown),
        ("json", Kind::Json),
        ("text", Kind::Text),
        ("html", Kind::Html),
    ];
    let format = crate::format::choose("--format", a.format.as_deref(), a.output.as_ref(), &formats, "text")?;
    let mut args = a.args.clone();
    let provision = match args.last() {
        Some(last) if args.len() > 1 && !Path::new(last).exists() => args.pop(),
        _ => None,
    };
    if args.is_empty() {
        anyhow::bail!("give a regulation folder or its version files before the provision");
    }
    let paths: Vec<(String, PathBuf)> = match args.as_slice() {
        [one] if Path::new(one).is_dir() => folder_versions(Path::new(one))?,
        _ => args.iter().map(|p| (stem(Path::new(p)), PathBuf::from(p))).collect(),
    };
    if paths.is_empty() {
        anyhow::bail!("{}: no version files (YYYY-MM-DD.md, .txt or .xml)", args[0]);
    }
    let mut docs = Vec::with_capacity(paths.len());
    for (_, p) in &paths {
        docs.push(common::load(p, None)?.document);
    }
    let titles: std::collections::BTreeSet<&str> = docs.iter().map(|d| d.title.as_str()).collect();
    if titles.len() > 1 && args.len() == 1 {
        anyhow::bail!(
            "{}: the files hold more than one regulation ({}); name the versions of one",
            args[0],
            titles.into_iter().collect::<Vec<_>>().join(", ")
        );
    }
    let versions: Vec<Version<'_>> = paths.iter().zip(&docs).map(|((label, _), d)| Version::new(label, d)).collect();
    let h = history::build(&versions);
    let at = match &a.at {
        None => None,
        Some(label) => Some(
            h.versions
                .iter()
                .position(|v| v == label)
                .ok_or_else(|| anyhow::anyhow!("--at {label}: no such version (have {})", h.versions.join(", ")))?,
        ),
    };
    let chosen = match &provision {
        Some(q) => query::find(&h, &versions, q, at)?,
        None => (0..h.chains.len()).collect(),
    };
    let title = &docs.last().expect("at least one version").title;
    let out = match format {
        "json" => history::render::json(&h, &chosen),
        "md" | "markdown" => format!("# {title}\n\n{}", history::render::markdown(&h, &chosen)),
        "html" => history::render::html_page(&h, &chosen, title),
        _ => history::render::text(&h, &chosen),
    };
    let inputs: Vec<&Path> = paths.iter().map(|(_, p)| p.as_path()).collect();
    common::write_output(a.output.as_ref(), out.as_bytes(), &inputs)?;
    Ok(ExitCode::SUCCESS)
}
