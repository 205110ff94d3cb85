//! The served folder as the workspace sees it: its regulations and their versions, reading a version,
//! saving a draft as a new version file (never over an existing one unless asked), the shared draft of each
//! regulation (several tabs: the last writer wins and is told), and a fingerprint of the folder so that
//! the site is rebuilt when a file changes.

use super::guard;
use crate::error::{Error, Result};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// A version file of a regulation.
#[derive(Debug, Clone, serde::Serialize, PartialEq, Eq)]
pub struct Version {
    /// The effective date (the file stem).
    pub date: String,
    /// The file name (`2016-01-01.md`).
    pub file: String,
}

/// The regulations of `dir` (folders with a plain slug name) and their Japanese versions, by date.
pub fn regulations(dir: &Path) -> Result<BTreeMap<String, Vec<Version>>> {
    let mut out = BTreeMap::new();
    for entry in std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))? {
        let entry = entry.map_err(|e| Error::io(dir, e))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if !guard::slug_ok(&name) || !entry.path().is_dir() {
            continue;
        }
        let versions = versions(&entry.path())?;
        if !versions.is_empty() {
            out.insert(name, versions);
        }
    }
    Ok(out)
}

/// The Japanese versions in a regulation's folder (`YYYY-MM-DD.md`, `.txt`, `.xml`), oldest first.
pub fn versions(reg: &Path) -> Result<Vec<Version>> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(reg).map_err(|e| Error::io(reg, e))? {
        let file = entry.map_err(|e| Error::io(reg, e))?.file_name().to_string_lossy().into_owned();
        let Some((date, ext)) = file.split_once('.') else { continue };
        if matches!(ext, "md" | "txt" | "xml") && crate::render::folder::is_calendar_date(date) {
            out.push(Version { date: date.to_string(), file });
        }
    }
    out.sort_by(|a, b| a.date.cmp(&b.date));
    Ok(out)
}

/// The text a draft of this version starts from: the file's own text, or for e-Gov XML its canonical text.
pub fn draft_text(reg: &Path, v: &Version) -> Result<String> {
    let src = crate::input::load(&reg.join(&v.file), None)?;
    if src.format == crate::input::InputFormat::Xml {
        let doc = crate::parse::parse_source(&src)?.document;
        return Ok(crate::export::text::to_text(&doc));
    }
    Ok(src.text)
}

/// Why a draft was not saved.
#[derive(Debug, PartialEq, Eq)]
pub enum SaveRefused {
    /// The date is no calendar date `YYYY-MM-DD`.
    BadDate,
    /// A version with that date exists (any extension) and `overwrite` was not given.
    Exists(String),
}

/// Saves `text` as the version `date` of the regulation folder `reg`, with extension `ext` (`md`, `txt` or
/// `xml`; anything else is saved as `txt`).
/// Refuses an existing date unless `overwrite`; writes atomically (a temporary file beside it, renamed).
pub fn save(
    reg: &Path,
    date: &str,
    ext: &str,
    text: &str,
    overwrite: bool,
) -> Result<std::result::Result<PathBuf, SaveRefused>> {
    if !crate::render::folder::is_calendar_date(date) {
        return Ok(Err(SaveRefused::BadDate));
    }
    let ext = if matches!(ext, "md" | "xml") { ext } else { "txt" };
    let existing = versions(reg)?.into_iter().find(|v| v.date == date);
    if let Some(v) = &existing {
        if !overwrite {
            return Ok(Err(SaveRefused::Exists(v.file.clone())));
        }
    }
    let path = reg.join(format!("{date}.{ext}"));
    let tmp = reg.join(format!(".{date}.{ext}.kitei-tmp"));
    std::fs::write(&tmp, text).map_err(|e| Error::io(&tmp, e))?;
    std::fs::rename(&tmp, &path).map_err(|e| Error::io(&path, e))?;
    // Overwriting 2016-01-01.txt with a .md draft leaves one version per date.
    if let Some(v) = existing.filter(|v| v.file != format!("{date}.{ext}")) {
        std::fs::remove_file(reg.join(&v.file)).map_err(|e| Error::io(reg.join(&v.file), e))?;
    }
    Ok(Ok(path))
}

/// The shared draft of one regulation: the text, a revision counter and which tab wrote it last.
#[derive(Debug, Clone, Default)]
pub struct Draft {
    /// The base version's date.
    pub base: String,
    /// The text.
    pub text: String,
    /// Incremented on every write.
    pub rev: u64,
    /// The tab that wrote last.
    pub tab: String,
}

impl Draft {
    /// Records a write from `tab`, which last saw revision `seen`. Returns a warning when another tab wrote
    /// in between (its edit is replaced: the last writer wins, and both tabs are told).
    pub fn write(&mut self, tab: &str, seen: u64, base: &str, text: &str) -> Option<String> {
        let lost = seen < self.rev && self.tab != tab && !self.tab.is_empty();
        self.base = base.to_string();
        self.text = text.to_string();
        self.rev += 1;
        self.tab = tab.to_string();
        lost.then(|| "この下書きは別のタブでも編集されています。最後の編集が採用されました。".to_string())
    }
}

/// A cheap fingerprint of the folder (names, sizes, modification times), to notice changes by polling.
pub fn fingerprint(dir: &Path) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    let mut stack = vec![dir.to_path_buf()];
    let mut seen = 0usize;
    while let Some(d) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&d) else { continue };
        let mut entries: Vec<_> = rd.filter_map(|e| e.ok()).collect();
        entries.sort_by_key(|e| e.file_name());
        for e in entries {
            seen += 1;
            if seen > 100_000 {
                return h.finish();
            }
            let name = e.file_name();
            if name.to_string_lossy().starts_with('.') {
                continue;
            }
            let Ok(meta) = e.metadata() else { continue };
            e.path().hash(&mut h);
            meta.len().hash(&mut h);
            meta.modified().ok().hash(&mut h);
            if meta.is_dir() {
                stack.push(e.path());
            }
        }
    }
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("kitei-ws-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(d.join("reg-a")).unwrap();
        std::fs::write(d.join("reg-a/2020-04-01.md"), "# 規程\n\n第1条　例。\n").unwrap();
        std::fs::write(d.join("reg-a/2020-04-01.en.md"), "# Rules\n").unwrap();
        std::fs::write(d.join("reg-a/notes.md"), "x").unwrap();
        d
    }

    #[test]
    fn versions_are_dated_japanese_files() {
        let d = temp("versions");
        let regs = regulations(&d).unwrap();
        assert_eq!(regs.len(), 1);
        assert_eq!(regs["reg-a"], vec![Version { date: "2020-04-01".into(), file: "2020-04-01.md".into() }]);
        let _ = std::fs::remove_dir_all(&d);
    }

    #[test]
    fn saving_never_overwrites_without_asking() {
        let d = temp("save");
        let reg = d.join("reg-a");
        assert_eq!(save(&reg, "2020-13-01", "md", "x", false).unwrap(), Err(SaveRefused::BadDate));
        assert_eq!(
            save(&reg, "2020-04-01", "md", "new", false).unwrap(),
            Err(SaveRefused::Exists("2020-04-01.md".into()))
        );
        assert_eq!(std::fs::read_to_string(reg.join("2020-04-01.md")).unwrap(), "# 規程\n\n第1条　例。\n");
        let p = save(&reg, "2021-04-01", "md", "new", false).unwrap().unwrap();
        assert_eq!(std::fs::read_to_string(p).unwrap(), "new");
        save(&reg, "2020-04-01", "md", "replaced", true).unwrap().unwrap();
        assert_eq!(std::fs::read_to_string(reg.join("2020-04-01.md")).unwrap(), "replaced");
        let _ = std::fs::remove_dir_all(&d);
    }

    #[test]
    fn a_second_tab_writing_over_another_is_warned() {
        let mut d = Draft::default();
        assert!(d.write("a", 0, "2020", "one").is_none());
        assert!(d.write("a", 1, "2020", "two").is_none());
        // Tab b saw revision 0 only: tab a's edits since are replaced, and b is told.
        assert!(d.write("b", 0, "2020", "three").is_some());
        assert_eq!((d.text.as_str(), d.rev), ("three", 3));
        // b is up to date now.
        assert!(d.write("b", 3, "2020", "four").is_none());
    }

    #[test]
    fn the_fingerprint_notices_a_new_file() {
        let d = temp("fp");
        let a = fingerprint(&d);
        assert_eq!(a, fingerprint(&d));
        std::fs::write(d.join("reg-a/2022-01-01.md"), "# 規程\n").unwrap();
        assert_ne!(a, fingerprint(&d));
        let _ = std::fs::remove_dir_all(&d);
    }
}
