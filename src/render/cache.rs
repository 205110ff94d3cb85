//! The build cache, for incremental rebuilds: what `kitei build` needs to take a regulation's files from the
//! previous site instead of rendering them again, kept inside the site in `.kitei-cache/`:
//!
//! - `regs/<h>.json` ([`RegCache`]): for the regulation directory whose name hashes to `<h>`, the key of
//!   what it was built from ([`regulation_key`]), the files it wrote, its findings, its line in the index
//!   page and its entry in `api/index.json`;
//! - `search/<h>.bin` ([`SearchPart`](super::search_part::SearchPart)): its contribution to the search
//!   index, its texts already read as tokens, so that a rebuild after an edit merges the others' without
//!   reading them again;
//! - `stamps/<h>.json` ([`Inputs`]): the hash of its inputs and their file-system stamps ([`stamps`]);
//! - `site.json` ([`SiteCache`]): the key of the search index and its files, reused whole when no
//!   regulation's search data changed.
//!
//! A regulation is rendered again when its key changes: the bytes or names of anything in its directory,
//! the directory's name (not its path: `kitei build ./regulations` after `kitei build regulations`, or the
//! folder moved, reuses everything; the findings kept are shown at the path given now), the templates (embedded and `--templates`), kitei's version and the fingerprint of
//! the code it was built from (`KITEI_CODE_FINGERPRINT`, a hash of `src/`, `templates/` and `Cargo.lock`
//! made by the crate's `build.rs`, so that a development build that renders differently needs no
//! `--clean`), or which of its versions are in force on the as-of date. A cache that cannot be read is no
//! cache: the regulation is rendered again. `kitei build --clean` ignores the cache. The keys are 64-bit SipHash (std's
//! `DefaultHasher`, fixed keys): a new Rust release may change them, which only costs one full rebuild.

use super::folder::{version_file_date, FolderWarning};
use super::pages::RegSummary;
use super::stamps::{self, Stamp};
use crate::diagnostic::Diagnostic;
use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use std::hash::Hasher;
use std::path::Path;

/// The cache's folder inside the site.
pub const CACHE_DIR: &str = ".kitei-cache";

/// Changes when the cache's contents or what a key covers change.
const FORMAT: &str = "kitei-build-cache-4";

/// A fresh hasher over the cache format, kitei's version and the fingerprint of its code.
fn hasher() -> std::hash::DefaultHasher {
    let mut h = std::hash::DefaultHasher::new();
    h.write(FORMAT.as_bytes());
    h.write(env!("CARGO_PKG_VERSION").as_bytes());
    h.write(env!("KITEI_CODE_FINGERPRINT").as_bytes());
    h
}

/// A length-prefixed field, so that ("ab", "c") and ("a", "bc") hash differently.
fn field(h: &mut impl Hasher, bytes: &[u8]) {
    h.write_u64(bytes.len() as u64);
    h.write(bytes);
}

/// The fingerprint of the templates and assets: the embedded ones and every file under the override
/// directory (names and bytes), with kitei's version.
pub fn templates_fingerprint(dir: Option<&Path>) -> Result<u64> {
    let mut h = hasher();
    for (name, text) in super::templates::DEFAULT_TEMPLATES.iter().chain(super::templates::DEFAULT_ASSETS) {
        field(&mut h, name.as_bytes());
        field(&mut h, text.as_bytes());
    }
    if let Some(dir) = dir {
        let mut stack = vec![dir.to_path_buf()];
        let mut files = Vec::new();
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(&d).map_err(|e| Error::io(&d, e))? {
                let p = e.map_err(|e| Error::io(&d, e))?.path();
                if p.is_dir() {
                    stack.push(p);
                } else {
                    files.push(p);
                }
            }
        }
        files.sort();
        for p in files {
            field(&mut h, p.strip_prefix(dir).unwrap_or(&p).to_string_lossy().as_bytes());
            field(&mut h, &std::fs::read(&p).map_err(|e| Error::io(&p, e))?);
        }
    }
    Ok(h.finish())
}

/// The key of a regulation directory's output: its name ([`dir_name`]), the names of its entries and the bytes of its
/// files, the templates' fingerprint, and for each version file whether it is in force on `as_of` (what
/// the current version and the 施行予定 marks depend on).
pub fn regulation_key(dir: &Path, templates: u64, as_of: Option<&str>) -> Result<String> {
    regulation_inputs(dir, templates, as_of, None, None).map(|s| s.key)
}

/// What one listing of a regulation directory tells the build ([`regulation_inputs`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Scanned {
    /// [`regulation_key`].
    pub key: String,
    /// The inputs to keep for the next build.
    pub inputs: Inputs,
    /// The number of dates with a Japanese version file: two or more make comparison pages.
    pub versions: usize,
    /// Whether the files were read (their stamps were not the last build's).
    pub read: bool,
}

/// A regulation directory's inputs as last hashed: the hash of its entries' names and bytes, and the
/// entries' stamps when they may stand for those bytes in the next build ([`stamps`]).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Inputs {
    /// The hash of the entries' names and bytes.
    pub content: String,
    /// The entries' stamps, in name order; `None` when they were too fresh to stand for the bytes.
    pub stamps: Option<Vec<Stamp>>,
}

/// [`regulation_key`], the inputs to keep for the next build and the number of versions, from one listing
/// of the directory ([`Scanned`]). The files are not read when `previous`
/// (the last build's) has stamps equal to the entries' now: its hash of their bytes is taken. `now` is the
/// file system's present ([`stamps::now_by`]), which decides whether the stamps may be kept.
pub fn regulation_inputs(
    dir: &Path,
    templates: u64,
    as_of: Option<&str>,
    previous: Option<&Inputs>,
    now: Option<i128>,
) -> Result<Scanned> {
    let mut entries = Vec::new();
    for e in std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))? {
        entries.push(e.map_err(|e| Error::io(dir, e))?.path());
    }
    entries.sort();
    // Stamped before the bytes are read: a write after that changes the stamp.
    let mut names = Vec::with_capacity(entries.len());
    let mut stamps = Some(Vec::with_capacity(entries.len()));
    for p in &entries {
        let name = p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let meta = std::fs::metadata(p).map_err(|e| Error::io(p, e))?;
        match (stamps.as_mut(), Stamp::of(&name, &meta)) {
            (Some(all), Some(s)) => all.push(s),
            _ => stamps = None,
        }
        names.push((name, meta.is_dir()));
    }
    let taken = previous.filter(|p| p.stamps.is_some() && p.stamps == stamps);
    let content = match taken {
        Some(p) => p.content.clone(),
        None => {
            let mut h = hasher();
            for (p, (name, is_dir)) in entries.iter().zip(&names) {
                field(&mut h, name.as_bytes());
                h.write_u8(u8::from(*is_dir));
                if !is_dir {
                    field(&mut h, &std::fs::read(p).map_err(|e| Error::io(p, e))?);
                }
            }
            format!("{:016x}", h.finish())
        }
    };
    let mut h = hasher();
    h.write_u64(templates);
    field(&mut h, dir_name(dir).as_bytes());
    field(&mut h, content.as_bytes());
    let mut dates = std::collections::BTreeSet::new();
    for (name, _) in names.iter().filter(|(_, is_dir)| !is_dir) {
        let date = version_file_date(name);
        let in_force = date.as_ref().map(|(date, _)| as_of.is_none_or(|d| date.as_str() <= d));
        field(&mut h, name.as_bytes());
        h.write_u8(match in_force {
            None => 0,
            Some(false) => 1,
            Some(true) => 2,
        });
        dates.extend(date.filter(|(_, en)| !en).map(|(date, _)| date));
    }
    Ok(Scanned {
        key: format!("{:016x}", h.finish()),
        inputs: Inputs { content, stamps: stamps::settled(stamps, now) },
        versions: dates.len(),
        read: taken.is_none(),
    })
}

/// A regulation directory's name, what the cache knows it by: the same however the regulations folder was
/// written on the command line (`regulations`, `./regulations`, an absolute path) or wherever it was moved.
pub fn dir_name(dir: &Path) -> String {
    dir.file_name().unwrap_or(dir.as_os_str()).to_string_lossy().into_owned()
}

/// The name of a regulation directory's cache files, without extension: a hash of the directory's name.
pub fn cache_name(dir: &Path) -> String {
    let mut h = hasher();
    field(&mut h, dir_name(dir).as_bytes());
    format!("{:016x}", h.finish())
}

/// `RegSummary`, as the cache keeps it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CachedSummary {
    slug: String,
    title_ja: String,
    title_en: String,
    number: Option<String>,
    latest_date: String,
    current_date: String,
    href: String,
    illustrative: bool,
    number_key: String,
    category: String,
}

impl From<&RegSummary> for CachedSummary {
    fn from(s: &RegSummary) -> Self {
        CachedSummary {
            slug: s.slug.clone(),
            title_ja: s.title_ja.clone(),
            title_en: s.title_en.clone(),
            number: s.number.clone(),
            latest_date: s.latest_date.clone(),
            current_date: s.current_date.clone(),
            href: s.href.clone(),
            illustrative: s.illustrative,
            number_key: s.number_key.clone(),
            category: s.category.clone(),
        }
    }
}

impl From<CachedSummary> for RegSummary {
    fn from(s: CachedSummary) -> Self {
        RegSummary {
            slug: s.slug,
            title_ja: s.title_ja,
            title_en: s.title_en,
            number: s.number,
            latest_date: s.latest_date,
            current_date: s.current_date,
            href: s.href,
            illustrative: s.illustrative,
            number_key: s.number_key,
            category: s.category,
        }
    }
}

/// What a build keeps of one regulation (`regs/<h>.json`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RegCache {
    /// The regulation's directory, as the build that wrote the entry was given it (the paths of
    /// `structure` and `warnings` begin with it).
    pub dir: String,
    /// [`regulation_key`].
    pub key: String,
    /// The URL slug.
    pub slug: String,
    /// The site files it wrote (all under `<slug>/`), sorted.
    pub files: Vec<String>,
    /// The number of versions.
    pub versions: usize,
    /// The translation report's findings (file, diagnostic).
    pub translation: Vec<(String, Diagnostic)>,
    /// The parser's findings (file, diagnostic), the file relative to the directory.
    pub diagnostics: Vec<(String, Diagnostic)>,
    /// The structure check's lines.
    pub structure: Vec<String>,
    /// What in the directory is not published.
    pub warnings: Vec<FolderWarning>,
    /// The entry in `api/index.json`.
    pub api: serde_json::Value,
    /// The line in the index page.
    pub summary: CachedSummary,
}

/// The search index of the site (`site.json`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SiteCache {
    /// The hash of every regulation's directory name and key, in folder order.
    pub search_key: String,
    /// The index's files.
    pub search_files: Vec<String>,
}

/// The key of the search index: every published regulation's (directory name, key), in folder order.
pub fn search_key<'a>(regs: impl Iterator<Item = (&'a str, &'a str)>) -> String {
    let mut h = hasher();
    for (dir, key) in regs {
        field(&mut h, dir.as_bytes());
        field(&mut h, key.as_bytes());
    }
    format!("{:016x}", h.finish())
}

/// A regulation's entry (`regs/<name>.json`) inside the cache folder, as a site path.
pub fn reg_path(name: &str) -> String {
    format!("{CACHE_DIR}/regs/{name}.json")
}

/// A regulation's inputs as hashed (`stamps/<name>.json`, [`Inputs`]) inside the cache folder, as a site
/// path: apart from its entry because stamps (inodes, times) differ from one copy of a folder to another,
/// while the rest of the cache is the same bytes for the same inputs.
pub fn stamps_path(name: &str) -> String {
    format!("{CACHE_DIR}/stamps/{name}.json")
}

/// A regulation's search contribution (`search/<name>.bin`) inside the cache folder, as a site path.
pub fn search_path(name: &str) -> String {
    format!("{CACHE_DIR}/search/{name}.bin")
}

/// Reads a cache file of the site at `root`; `None` when it is missing or unreadable (no cache).
pub fn read<T: serde::de::DeserializeOwned>(root: &Path, rel: &str) -> Option<T> {
    let bytes = std::fs::read(root.join(rel)).ok()?;
    serde_json::from_slice(&bytes).ok()
}

/// A cache value as the bytes of its file.
pub fn bytes<T: Serialize>(value: &T) -> Result<Vec<u8>> {
    serde_json::to_vec(value).map_err(|e| Error::Other(format!("build cache: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_changes_with_the_bytes_the_names_and_what_is_in_force() {
        let dir = std::env::temp_dir().join(format!("kitei-cache-key-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("2020-01-01.md"), "規程\n第1条　甲とする。\n").unwrap();
        std::fs::write(dir.join("2030-01-01.md"), "規程\n第1条　乙とする。\n").unwrap();
        let key = |as_of| regulation_key(&dir, 7, as_of).unwrap();
        let base = key(Some("2025-01-01"));
        assert_eq!(base, key(Some("2025-01-01")));
        // Another day on which the same versions are in force: the same output.
        assert_eq!(base, key(Some("2029-12-31")));
        // The later version comes into force: another current version.
        assert_ne!(base, key(Some("2030-01-01")));
        assert_ne!(base, regulation_key(&dir, 8, Some("2025-01-01")).unwrap());
        std::fs::write(dir.join("2030-01-01.md"), "規程\n第1条　丙とする。\n").unwrap();
        let edited = key(Some("2025-01-01"));
        assert_ne!(base, edited);
        std::fs::rename(dir.join("2030-01-01.md"), dir.join("2031-01-01.md")).unwrap();
        assert_ne!(edited, key(Some("2025-01-01")));
        // The same listing counts the versions: dates of Japanese version files, translations aside.
        std::fs::write(dir.join("2031-01-01.en.md"), "Rules\n").unwrap();
        std::fs::write(dir.join("notes.txt"), "メモ").unwrap();
        assert_eq!(regulation_inputs(&dir, 7, None, None, None).unwrap().versions, 2);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn unchanged_stamps_stand_for_the_bytes_and_a_write_does_not() {
        let dir = std::env::temp_dir().join(format!("kitei-cache-stamps-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("2020-01-01.md"), "規程\n第1条　甲とする。\n").unwrap();
        let later = Some(i128::MAX / 2);
        let Scanned { key, inputs, versions, read } = regulation_inputs(&dir, 7, None, None, later).unwrap();
        assert_eq!(key, regulation_key(&dir, 7, None).unwrap());
        assert_eq!((versions, read), (1, true));
        let stamps = inputs.stamps.clone().expect("settled stamps are kept");
        assert_eq!(stamps.len(), 1);
        // The previous build's stamps are the entries' now: its hash is taken, the bytes are not read (a
        // hash that no bytes give shows it).
        let taken = Inputs { content: "not read".into(), stamps: Some(stamps.clone()) };
        let s = regulation_inputs(&dir, 7, None, Some(&taken), later).unwrap();
        assert_eq!((s.inputs.content.as_str(), s.read), ("not read", false));
        assert_ne!(s.key, key);
        // A write changes the stamp: the bytes are read again.
        std::fs::write(dir.join("2020-01-01.md"), "規程\n第1条　乙とする。\n").unwrap();
        let s = regulation_inputs(&dir, 7, None, Some(&taken), later).unwrap();
        assert_eq!((s.key.as_str(), s.read), (regulation_key(&dir, 7, None).unwrap().as_str(), true));
        assert_ne!((s.key, s.inputs.content), (key, inputs.content));
        // Stamps of files written just now are not kept.
        let now = stamps::now_by(&dir.join("2020-01-01.md"));
        assert_eq!(regulation_inputs(&dir, 7, None, None, now).unwrap().inputs.stamps, None);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn template_overrides_change_the_fingerprint() {
        let dir = std::env::temp_dir().join(format!("kitei-cache-tpl-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("static")).unwrap();
        let none = templates_fingerprint(None).unwrap();
        let empty = templates_fingerprint(Some(&dir)).unwrap();
        assert_eq!(none, empty);
        std::fs::write(dir.join("static/site.css"), "body{}").unwrap();
        let css = templates_fingerprint(Some(&dir)).unwrap();
        assert_ne!(none, css);
        std::fs::write(dir.join("static/site.css"), "body{color:red}").unwrap();
        assert_ne!(css, templates_fingerprint(Some(&dir)).unwrap());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
