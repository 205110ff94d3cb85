//! `kitei impact OLD NEW`: the review list of an amendment (definitions, citations, obligations, other
//! regulations of the folder that cite this one).

use crate::common;
use kitei::impact::{self, Links, Other};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// What an amendment touches: a review list.
#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  kitei impact 2016-01-01.md 2027-04-01.md\n  kitei impact old.md new.md --folder regulations --format html -o impact.html\n  kitei impact regulations/x/2016-01-01.md regulations/x/2027-04-01.md --site site --format html -o site-impact.html"
)]
pub struct Args {
    /// The old version.
    pub old: PathBuf,
    /// The new version.
    pub new: PathBuf,
    /// A folder of other regulations (files, or regulation folders of dated versions: the latest is read)
    /// whose citations of this one are checked.
    #[arg(long, value_name = "DIR")]
    pub folder: Option<PathBuf>,
    /// A built site (`kitei build`): findings link to the provisions' pages in it.
    #[arg(long, value_name = "DIR")]
    pub site: Option<PathBuf>,
    /// Output format [default: from the extension of -o (.md, .json, .html), else md].
    #[arg(long, value_parser = ["md", "markdown", "json", "html"])]
    pub format: Option<String>,
    /// Write to this file (atomically) instead of standard output.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Exit with status 1 when the list reports stale or dangling references (a citer left naming a
    /// renumbered or removed provision, a ハネ, another regulation citing an old number), as `diff
    /// --exit-code` does when the versions differ.
    #[arg(long)]
    pub exit_code: bool,
}

fn sorted_entries(dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| common::cannot_read(dir, &e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    v.sort();
    Ok(v)
}

fn is_version_file(p: &Path) -> bool {
    let name = p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let ext = name.rsplit_once('.').map(|x| x.1).unwrap_or("");
    p.is_file()
        && !name.starts_with('.')
        && !name.contains(".en.")
        && kitei::render::folder::VERSION_EXTENSIONS.contains(&ext)
}

/// The other regulations' files: loose files in DIR, and the latest version of each regulation folder in it.
fn other_files(dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for p in sorted_entries(dir)? {
        if p.is_dir() {
            let entries = sorted_entries(&p)?;
            let files = kitei::render::folder::classify(&p, &entries, &["regulation.toml", "glossary.toml"]);
            out.extend(files.versions.last().map(|(_, _, path)| path.clone()));
        } else if is_version_file(&p) {
            out.push(p);
        }
    }
    Ok(out)
}

/// The page of a version in a built site: `<site>/<slug>/<date>.html`, else `<site>/<slug>/index.html`.
fn page(site: &Path, version: &Path) -> Option<String> {
    let slug = version.parent()?.file_name()?;
    let date = version.file_stem()?;
    let dated = site.join(slug).join(format!("{}.html", date.to_string_lossy()));
    let index = site.join(slug).join("index.html");
    [dated, index].into_iter().find(|p| p.is_file()).map(|p| p.display().to_string())
}

pub fn run(a: Args) -> anyhow::Result<ExitCode> {
    use crate::format::Kind;
    let formats = [("md", Kind::Markdown), ("markdown", Kind::Markdown), ("json", Kind::Json), ("html", Kind::Html)];
    let format = crate::format::choose("--format", a.format.as_deref(), a.output.as_ref(), &formats, "md")?;
    let old = common::load(&a.old, None)?.document;
    let new = common::load(&a.new, None)?.document;
    let same = |p: &Path| [&a.old, &a.new].iter().any(|x| x.canonicalize().ok() == p.canonicalize().ok());
    let mut loaded: Vec<(String, PathBuf, kitei::Document)> = Vec::new();
    if let Some(dir) = &a.folder {
        for p in other_files(dir)?.into_iter().filter(|p| !same(p)) {
            match common::load(&p, None) {
                Ok(parsed) if parsed.document.title == old.title || parsed.document.title == new.title => {}
                Ok(parsed) => {
                    // Several versions of one other regulation as loose files: the last (by name) is read.
                    loaded.retain(|(_, _, d)| d.title != parsed.document.title);
                    loaded.push((p.display().to_string(), p.clone(), parsed.document));
                }
                Err(e) => eprintln!("kitei: warning: {}: not read, its citations are not checked: {e:#}", p.display()),
            }
        }
    }
    let mut links = Links::default();
    if let Some(site) = &a.site {
        links.old = page(site, &a.old);
        links.new = page(site, &a.new);
        if links.new.is_none() {
            eprintln!(
                "kitei: warning: {}: no page for {} (expected <site>/<slug>/<date>.html); findings are not linked",
                site.display(),
                a.new.display()
            );
        }
        let others: BTreeMap<String, String> =
            loaded.iter().filter_map(|(name, p, _)| page(site, p).map(|pg| (name.clone(), pg))).collect();
        links.others = others;
    }
    let others: Vec<Other<'_>> = loaded.iter().map(|(name, _, doc)| Other { name, doc }).collect();
    // Without --folder no other regulation was looked at: the list says so, not 「なし」.
    let report = impact::analyse(&old, &new, a.folder.as_ref().map(|_| others.as_slice()), &links);
    let out = match format {
        "json" => impact::render::json(&report),
        "html" => impact::render::html(&report),
        _ => impact::render::markdown(&report),
    };
    let inputs = [a.old.as_path(), a.new.as_path()];
    common::write_output(a.output.as_ref(), out.as_bytes(), &inputs)?;
    Ok(if a.exit_code && report.has_stale_references() { ExitCode::from(1) } else { ExitCode::SUCCESS })
}
