//! What a regulations folder holds, checked before anything is parsed: which files are versions (named by a
//! real calendar date), which are translations, and what is wrong with the rest. Every file kitei does not
//! publish is named in a located warning ([`FolderWarning`]), never dropped silently: an impossible date, two
//! files for one date, a name that is not a date, a translation with no Japanese version, a folder with no
//! version, a regulations folder with no regulation. `kitei build --strict` turns them into an error.
//!
//! ```
//! use kitei::render::folder::{is_calendar_date, version_file_date};
//! assert_eq!(version_file_date("2019-12-17.xml"), Some(("2019-12-17".into(), false)));
//! assert!(!is_calendar_date("2023-13-45"));
//! ```

use crate::diagnostic::Diagnostic;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// A problem with the folder's layout, as (the path as displayed, the warning; its line and column are 0 when
/// it is about a whole file or folder).
pub type FolderWarning = (String, Diagnostic);

/// The extensions of version files: text, Markdown and e-Gov 法令標準XML.
pub const VERSION_EXTENSIONS: [&str; 3] = ["md", "txt", "xml"];

/// What the name should look like, for messages.
const EXPECTED: &str = "YYYY-MM-DD.md, .txt or .xml for a version, YYYY-MM-DD.en.md for its translation";

/// `YYYY-MM-DD.md` (`.txt`, `.xml`, `.en.md`, `.en.txt`) → `(date, is_translation)`, whether or not the date
/// is a real day (see [`is_calendar_date`]). English translations are text, never XML.
pub fn version_file_date(name: &str) -> Option<(String, bool)> {
    let (stem, ext) = name.rsplit_once('.')?;
    if !VERSION_EXTENSIONS.contains(&ext) {
        return None;
    }
    let (date, en) = match stem.strip_suffix(".en") {
        Some(d) if ext != "xml" => (d, true),
        Some(_) => return None,
        None => (stem, false),
    };
    let b = date.as_bytes();
    let ok = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    ok.then(|| (date.to_string(), en))
}

/// Whether `s` is `YYYY-MM-DD` naming a day of the proleptic Gregorian calendar (2023-02-29 is not).
pub fn is_calendar_date(s: &str) -> bool {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if !(b.len() == 10 && b[4] == b'-' && b[7] == b'-' && digits(0..4) && digits(5..7) && digits(8..10)) {
        return false;
    }
    let num = |r: std::ops::Range<usize>| s[r].parse::<u32>().unwrap_or(0);
    let (year, month, day) = (num(0..4), num(5..7), num(8..10));
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days_in_month = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    (1..=12).contains(&month) && (1..=days_in_month).contains(&day)
}

/// The files of one regulation folder that are published, by date, and the warnings about the others.
#[derive(Debug, Default)]
pub struct FolderFiles {
    /// The Japanese versions, oldest first: (date, file name, path).
    pub versions: Vec<(String, String, PathBuf)>,
    /// The translations by date (file name, path); each has a version of the same date.
    pub translations: BTreeMap<String, (String, PathBuf)>,
    /// What is not published, and why.
    pub warnings: Vec<FolderWarning>,
}

fn warn(path: &Path, code: &str, message: String) -> FolderWarning {
    (path.display().to_string(), Diagnostic::warning(code, message))
}

/// Sorts the entries of a regulation folder (sorted paths). `skip` are the metadata files' names
/// (`regulation.toml`, the glossary), never versions; hidden files are ignored.
pub fn classify(dir: &Path, entries: &[PathBuf], skip: &[&str]) -> FolderFiles {
    let mut out = FolderFiles::default();
    let mut ja: BTreeMap<String, (String, PathBuf)> = BTreeMap::new();
    let mut en: BTreeMap<String, (String, PathBuf)> = BTreeMap::new();
    for p in entries {
        let Some(name) = p.file_name().map(|n| n.to_string_lossy().into_owned()) else { continue };
        if name.starts_with('.') || skip.contains(&name.as_str()) {
            continue;
        }
        let Some((date, is_en)) = version_file_date(&name).filter(|_| p.is_file()) else {
            let what = if p.is_dir() { "a folder" } else { "not a version file" };
            out.warnings.push(warn(p, "version-file-name", format!("{what} ({EXPECTED}); not published")));
            continue;
        };
        if !is_calendar_date(&date) {
            let msg = format!("{date} is not a calendar date; the file is not published");
            out.warnings.push(warn(p, "version-date-impossible", msg));
            continue;
        }
        let map = if is_en { &mut en } else { &mut ja };
        match map.get(&date) {
            Some((kept, _)) => {
                let msg = format!("a second file for {date} ({kept} is published, this one is not)");
                out.warnings.push(warn(p, "version-date-duplicate", msg));
            }
            None => {
                map.insert(date, (name, p.clone()));
            }
        }
    }
    for (date, (name, path)) in en {
        if ja.contains_key(&date) {
            out.translations.insert(date, (name, path));
        } else {
            let msg = format!("a translation with no Japanese version {date} (.md, .txt or .xml); not published");
            out.warnings.push(warn(&path, "translation-without-version", msg));
        }
    }
    if ja.is_empty() {
        let msg = format!("a regulation folder with no version file ({EXPECTED}); not published");
        out.warnings.push(warn(dir, "folder-without-versions", msg));
    }
    out.versions = ja.into_iter().map(|(date, (name, path))| (date, name, path)).collect();
    out.warnings.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// Warnings about the regulations folder itself (sorted entries): version files placed directly in it (they
/// belong in one folder per regulation), and no regulation at all.
pub fn check_top(dir: &Path, entries: &[PathBuf], regulations: usize) -> Vec<FolderWarning> {
    let mut out = Vec::new();
    for p in entries.iter().filter(|p| p.is_file()) {
        let name = p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        if version_file_date(&name).is_some() {
            let msg = "a version file directly in the regulations folder; versions go in one folder per \
                       regulation (<folder>/<slug>/YYYY-MM-DD.md); not published";
            out.push(warn(p, "version-outside-regulation", msg.into()));
        }
    }
    if regulations == 0 {
        let msg = "no regulation: expected one folder per regulation holding its versions (YYYY-MM-DD.md)";
        out.push(warn(dir, "no-regulations", msg.into()));
    }
    out
}

/// A warning as the commands print it: `PATH[:LINE:COLUMN]: warning[CODE]: MESSAGE`.
pub fn display((path, d): &FolderWarning) -> String {
    let at = if d.line > 0 { format!("{path}:{}:{}", d.line, d.column) } else { path.clone() };
    format!("{at}: warning[{}]: {}", d.code, d.message)
}

/// The line and column (1-based) of `needle`'s first occurrence in `text`, or (0, 0).
pub fn locate(text: &str, needle: &str) -> (u32, u32) {
    let Some(at) = text.find(needle) else { return (0, 0) };
    let before = &text[..at];
    let line = before.matches('\n').count() as u32 + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) as u32 + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_file_names() {
        assert_eq!(version_file_date("2016-01-01.md"), Some(("2016-01-01".into(), false)));
        assert_eq!(version_file_date("2016-01-01.en.md"), Some(("2016-01-01".into(), true)));
        assert_eq!(version_file_date("2016-01-01.xml"), Some(("2016-01-01".into(), false)));
        assert_eq!(version_file_date("2016-01-01.en.xml"), None);
        assert_eq!(version_file_date("regulation.toml"), None);
        assert_eq!(version_file_date("2016-1-01.md"), None);
        assert_eq!(version_file_date("2023-13-45.md"), Some(("2023-13-45".into(), false)));
    }

    #[test]
    fn calendar_dates() {
        assert!(is_calendar_date("2024-02-29") && is_calendar_date("2000-02-29") && is_calendar_date("2019-12-31"));
        for bad in ["2023-13-45", "2023-02-29", "1900-02-29", "2023-04-31", "2023-00-10", "2023-01-00", "2023-1-1"] {
            assert!(!is_calendar_date(bad), "{bad}");
        }
    }

    const XML: &str = r#"<Law Era="Heisei" Year="5" Num="88" LawType="Act" Lang="ja"><LawNum>平成五年法律第八十八号</LawNum>
<LawBody><LawTitle>行政手続法</LawTitle><MainProvision><Article Num="1"><ArticleTitle>第一条</ArticleTitle>
<Paragraph Num="1"><ParagraphNum/><ParagraphSentence><Sentence Num="1">この法律は、目的とする。</Sentence>
</ParagraphSentence></Paragraph></Article></MainProvision></LawBody></Law>"#;

    /// A temporary regulations folder holding `files` (path → text); removed on drop.
    struct Temp(PathBuf);
    impl Temp {
        fn new(name: &str, files: &[(&str, &str)]) -> Temp {
            let dir = std::env::temp_dir().join(format!("kitei-folder-{}-{name}", std::process::id()));
            let _ = std::fs::remove_dir_all(&dir);
            for (path, text) in files {
                let p = dir.join(path);
                if path.ends_with('/') {
                    std::fs::create_dir_all(p).unwrap();
                } else {
                    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
                    std::fs::write(p, text).unwrap();
                }
            }
            std::fs::create_dir_all(&dir).unwrap();
            Temp(dir)
        }
    }
    impl Drop for Temp {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    /// (path relative to the folder, line, code) of each warning.
    fn warnings(t: &Temp, w: &[FolderWarning]) -> Vec<(String, u32, String)> {
        let root = t.0.display().to_string();
        w.iter()
            .map(|(p, d)| {
                (p.strip_prefix(&root).unwrap_or(p).trim_start_matches('/').to_string(), d.line, d.code.clone())
            })
            .collect()
    }

    #[test]
    fn every_file_not_published_is_named_and_xml_versions_are_versions() {
        let md = "規程\n\n第1条　目的とする。\n";
        let t = Temp::new(
            "mixed",
            &[
                ("2024-01-01.md", md),
                ("a/2019-12-17.md", md),
                ("a/2019-12-17.txt", "規程\n\n第1条　別の本文とする。\n"),
                ("a/2023-13-45.md", md),
                ("a/notes.md", "メモ"),
                ("a/regulation.toml", "slug = \"a\"\n"),
                ("a/2020-01-01.en.md", "Rules\n\nArticle 1\nPurpose.\n"),
                ("a/2019-12-17.en.md", "Rules\n<!-- translation-of: 2015-01-01.md -->\nArticle 1\nPurpose.\n"),
                ("empty/", ""),
                ("x/2020-04-01.xml", XML),
            ],
        );
        let loaded = crate::render::load::load_folder(&t.0).unwrap();
        let regs: Vec<(&str, Vec<&str>)> = loaded
            .regulations
            .iter()
            .map(|r| (r.slug.as_str(), r.versions.iter().map(|v| v.file.as_str()).collect()))
            .collect();
        assert_eq!(regs, [("a", vec!["2019-12-17.md"]), ("x", vec!["2020-04-01.xml"])]);
        assert_eq!(loaded.regulations[1].versions[0].ja.title, "行政手続法");
        // The translation of the published version is kept, with its dangling declaration reported.
        assert!(loaded.regulations[0].versions[0].en.is_some());
        let expected: Vec<(String, u32, String)> = [
            ("a/2019-12-17.txt", 0, "version-date-duplicate"),
            ("a/2020-01-01.en.md", 0, "translation-without-version"),
            ("a/2023-13-45.md", 0, "version-date-impossible"),
            ("a/notes.md", 0, "version-file-name"),
            ("a/2019-12-17.en.md", 2, "translation-of-missing"),
            ("empty", 0, "folder-without-versions"),
            ("2024-01-01.md", 0, "version-outside-regulation"),
        ]
        .iter()
        .map(|(p, l, c)| (p.to_string(), *l, c.to_string()))
        .collect();
        assert_eq!(warnings(&t, &loaded.warnings), expected);
        assert_eq!(loaded.warnings[4].1.column, 6, "{:?}", loaded.warnings[4]);
        assert!(display(&loaded.warnings[4]).ends_with(
            "a/2019-12-17.en.md:2:6: warning[translation-of-missing]: translation-of names 2015-01-01.md, which is \
             not a published version of this regulation"
        ));
    }

    #[test]
    fn a_folder_with_no_regulation_is_reported() {
        let t = Temp::new("none", &[("README.md", "x")]);
        let loaded = crate::render::load::load_folder(&t.0).unwrap();
        assert!(loaded.regulations.is_empty());
        assert_eq!(warnings(&t, &loaded.warnings), [(String::new(), 0, "no-regulations".to_string())]);
    }

    #[test]
    fn a_strict_build_writes_nothing_and_a_lenient_one_publishes_the_rest() {
        let md = "規程\n\n第1条　目的とする。\n";
        let t = Temp::new("strict", &[("in/r/2019-12-17.md", md), ("in/r/2019-12-17.txt", md)]);
        let mut options = crate::render::BuildOptions {
            out: t.0.join("out"),
            templates: None,
            strict: true,
            fail_fast: false,
            ..Default::default()
        };
        let err = crate::render::build_site(&t.0.join("in"), &options, &mut |_, _, _| {}).unwrap_err().to_string();
        assert!(err.contains("2019-12-17.txt: warning[version-date-duplicate]"), "{err}");
        assert!(!t.0.join("out").exists());
        options.strict = false;
        let report = crate::render::build_site(&t.0.join("in"), &options, &mut |_, _, _| {}).unwrap();
        assert_eq!((report.versions, report.warnings.len()), (1, 1));
        let names: Vec<String> = std::fs::read_dir(t.0.join("out/r"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert!(names.iter().all(|n| !n.starts_with("compare-")), "{names:?}");
    }

    #[test]
    fn locate_counts_characters() {
        assert_eq!(locate("一\n二三x", "x"), (2, 3));
        assert_eq!(locate("abc", "z"), (0, 0));
    }
}
