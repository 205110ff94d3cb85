//! Reading the regulations folder: one directory per regulation holding its versions (`YYYY-MM-DD.md`,
//! `.txt` or e-Gov 法令標準XML `.xml`, named by effective date), translations (`YYYY-MM-DD.en.md`), `regulation.toml` and a glossary.
//! This is the only place the site builder reads files.
//!
//! ```
//! let regs = kitei::render::load::load_folder(std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/regulations"))).unwrap().regulations;
//! assert!(regs.iter().any(|r| r.slug == "jlis-ninsho-jimu-kanri-kitei" && r.versions.len() >= 3));
//! ```

use super::folder::{FolderFiles, FolderWarning};
use crate::diagnostic::Diagnostic;
use crate::error::{Error, Location, Result};
use crate::model::Document;
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// `regulation.toml`.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct RegulationMeta {
    /// The URL slug (defaults to the directory name).
    pub slug: Option<String>,
    /// Japanese title (defaults to the latest version's title).
    pub title_ja: Option<String>,
    /// English title (defaults to the latest translation's title).
    pub title_en: Option<String>,
    /// Regulation number.
    pub number: Option<String>,
    /// The category the index groups and filters by (`category = "人事"`), free text.
    pub category: Option<String>,
    /// The glossary file name, relative to the directory.
    pub glossary: Option<String>,
    /// Remove the spaces of versions spaced out character by character, as pasted from some PDFs (see
    /// [`crate::parse::spacing`]); the version files are not changed.
    #[serde(default)]
    pub normalize_spacing: bool,
    /// Notes on versions.
    #[serde(default)]
    pub version: Vec<VersionMeta>,
}

/// A `[[version]]` entry of `regulation.toml`.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct VersionMeta {
    /// The effective date, as in the file name.
    pub date: String,
    /// `"illustrative"` marks a constructed version; `"source"` the text as received.
    pub note: Option<String>,
    /// A description of the version.
    pub description: Option<String>,
}

/// A `[[term]]` of a glossary file.
#[derive(Debug, Clone, Default, Deserialize, serde::Serialize)]
pub struct GlossaryTerm {
    /// Japanese.
    pub ja: String,
    /// English.
    pub en: String,
    /// A note.
    pub note: Option<String>,
    /// What `kitei lint` checks (`translate::terms`): `"term"` (default) in captions and wording,
    /// `"heading"` in captions and titles only, `"phrase"` not at all (a drafting pattern whose English
    /// follows the sentence).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
}

#[derive(Deserialize)]
struct GlossaryFile {
    #[serde(default)]
    term: Vec<GlossaryTerm>,
}

/// One version of a regulation with its translation.
#[derive(Debug, Clone)]
pub struct LoadedVersion {
    /// The effective date (`YYYY-MM-DD`, from the file name).
    pub date: String,
    /// The file name of the Japanese text.
    pub file: String,
    /// The Japanese text.
    pub ja: Document,
    /// The English translation, if any.
    pub en: Option<Document>,
    /// The translation's file name.
    pub en_file: Option<String>,
}

/// One regulation: its metadata and its versions, oldest first.
#[derive(Debug, Clone)]
pub struct LoadedRegulation {
    /// The URL slug.
    pub slug: String,
    /// Its directory.
    pub dir: PathBuf,
    /// `regulation.toml` (defaults when absent).
    pub meta: RegulationMeta,
    /// The glossary terms.
    pub glossary: Vec<GlossaryTerm>,
    /// Versions, oldest first.
    pub versions: Vec<LoadedVersion>,
    /// Parser findings, as (file, diagnostic).
    pub diagnostics: Vec<(String, Diagnostic)>,
    /// The structure check's one line for each version whose tree looks implausible
    /// ([`crate::lint::structure::summary_line`]), run on the tree the site publishes.
    pub structure: Vec<String>,
}

pub use super::folder::version_file_date;

/// The regulations of a folder, and the warnings about files and folders that are not published.
#[derive(Debug, Clone, Default)]
pub struct LoadedFolder {
    /// The regulations, sorted by folder name.
    pub regulations: Vec<LoadedRegulation>,
    /// Files and folders not published, and translations naming no version ([`super::folder`]), by path.
    pub warnings: Vec<FolderWarning>,
    /// The regulations that could not be read and were skipped, in folder order ([`load_folder_lenient`]).
    pub failures: Vec<LoadFailure>,
}

/// A regulation directory that could not be read: its path, and the error (which names the file, and the
/// line and column when it is a syntax error).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadFailure {
    /// The regulation's directory.
    pub dir: String,
    /// What went wrong, as `file:line:column: …`.
    pub message: String,
}

impl std::fmt::Display for LoadFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The error names its file; the directory is said only when it does not.
        if self.message.contains(&self.dir) {
            write!(f, "{}", self.message)
        } else {
            write!(f, "{}: {}", self.dir, self.message)
        }
    }
}

impl LoadedRegulation {
    /// A regulation of one Japanese version with no translation, glossary or metadata: what a page is
    /// rendered from when a single document is published (the page bench, `examples/render_page.rs`).
    pub fn single(slug: &str, dir: PathBuf, date: &str, file: &str, ja: Document) -> LoadedRegulation {
        LoadedRegulation {
            slug: slug.into(),
            dir,
            meta: Default::default(),
            glossary: Vec::new(),
            versions: vec![LoadedVersion { date: date.into(), file: file.into(), ja, en: None, en_file: None }],
            diagnostics: Vec::new(),
            structure: Vec::new(),
        }
    }
}

/// Loads every regulation directory under `dir` (sorted by name). What is not published (a folder without
/// versions, a file whose name is no date…) is named in [`LoadedFolder::warnings`]. The first regulation that
/// cannot be read is the error.
pub fn load_folder(dir: &Path) -> Result<LoadedFolder> {
    load_folder_with(dir, true)
}

/// Loads every regulation directory under `dir` as [`load_folder`] does, but a regulation that cannot be
/// read is skipped and listed in [`LoadedFolder::failures`]; only an unreadable `dir` is an error.
pub fn load_folder_lenient(dir: &Path) -> Result<LoadedFolder> {
    load_folder_with(dir, false)
}

fn load_folder_with(dir: &Path, fail_fast: bool) -> Result<LoadedFolder> {
    let entries = read_dir(dir)?;
    let mut out = LoadedFolder::default();
    for d in entries.iter().filter(|p| p.is_dir()) {
        if d.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.')) {
            continue;
        }
        match load_regulation(d) {
            Ok((reg, warnings)) => {
                out.regulations.extend(reg);
                out.warnings.extend(warnings);
            }
            Err(e) if !fail_fast => {
                out.failures.push(LoadFailure { dir: d.display().to_string(), message: e.to_string() });
            }
            Err(e) => return Err(e),
        }
    }
    let seen = out.regulations.len() + out.failures.len();
    out.warnings.extend(super::folder::check_top(dir, &entries, seen));
    Ok(out)
}

pub(crate) fn read_dir(dir: &Path) -> Result<Vec<PathBuf>> {
    let rd = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    let mut v = Vec::new();
    for e in rd {
        v.push(e.map_err(|e| Error::io(dir, e))?.path());
    }
    v.sort();
    Ok(v)
}

fn read_text(path: &Path) -> Result<String> {
    Ok(crate::input::load(path, None)?.text)
}

/// Parses a TOML file's decoded `text`, placing an error by its span in that same text (the file on disk may
/// be Shift_JIS, carry a BOM or CRLF line endings, so its bytes are not the text the span counts in).
/// The `[[term]]`s of a glossary file (`glossary.toml`) whose text is `text`.
pub fn parse_glossary(path: &Path, text: &str) -> Result<Vec<GlossaryTerm>> {
    Ok(parse_toml::<GlossaryFile>(path, text)?.term)
}

fn parse_toml<T: serde::de::DeserializeOwned>(path: &Path, text: &str) -> Result<T> {
    toml::from_str(text).map_err(|e| toml_error(path, text, &e))
}

fn toml_error(path: &Path, text: &str, e: &toml::de::Error) -> Error {
    let (line, column) = e
        .span()
        .map(|s| {
            let mut start = s.start.min(text.len());
            while !text.is_char_boundary(start) {
                start -= 1;
            }
            let before = &text[..start];
            let line = before.matches('\n').count() as u32 + 1;
            let col = before.rsplit('\n').next().map(|l| l.chars().count()).unwrap_or(0) as u32 + 1;
            (line, col)
        })
        .unwrap_or((1, 1));
    Error::Syntax {
        at: Location { file: path.display().to_string(), line, column },
        expected: "valid TOML".into(),
        found: e.message().to_string(),
    }
}

/// Loads one regulation directory (`None` when it holds no version file), with the warnings about what in it
/// is not published.
pub fn load_regulation(dir: &Path) -> Result<(Option<LoadedRegulation>, Vec<FolderWarning>)> {
    let meta_path = dir.join("regulation.toml");
    let meta: RegulationMeta =
        if meta_path.exists() { parse_toml(&meta_path, &read_text(&meta_path)?)? } else { RegulationMeta::default() };
    let glossary_name = meta.glossary.clone().unwrap_or_else(|| "glossary.toml".into());
    let glossary_path = dir.join(&glossary_name);
    let glossary = if glossary_path.exists() {
        let g: GlossaryFile = parse_toml(&glossary_path, &read_text(&glossary_path)?)?;
        g.term
    } else {
        Vec::new()
    };
    let skip = ["regulation.toml", glossary_name.as_str()];
    let FolderFiles { versions: ja_files, translations: en_files, mut warnings } =
        super::folder::classify(dir, &read_dir(dir)?, &skip);
    if ja_files.is_empty() {
        return Ok((None, warnings));
    }
    let mut diagnostics = Vec::new();
    let mut structure = Vec::new();
    let mut versions = Vec::new();
    let mut translated = Vec::new();
    for (date, name, path) in ja_files {
        let src = crate::input::load(&path, None)?;
        let options = crate::parse::ParseOptions { normalize_spacing: meta.normalize_spacing, ..Default::default() };
        let parsed = crate::parse::parse_source_with(&src, options)?;
        diagnostics.extend(parsed.diagnostics.into_iter().map(|d| (name.clone(), d)));
        let found = crate::lint::structure::check_source(&parsed.document, &src.text);
        structure.extend(crate::lint::structure::summary_line(&path.display().to_string(), &found));
        let (en, en_file) = match en_files.get(&date) {
            Some((en_name, en_path)) => {
                let text = read_text(en_path)?;
                let p = crate::parse::english::parse_english(en_name, &text)?;
                translated.push((en_path.clone(), text, p.document.attrs.get("translation-of").cloned()));
                diagnostics.extend(p.diagnostics.into_iter().map(|d| (en_name.clone(), d)));
                (Some(p.document), Some(en_name.clone()))
            }
            None => (None, None),
        };
        versions.push(LoadedVersion { date, file: name, ja: parsed.document, en, en_file });
    }
    let slug = meta
        .slug
        .clone()
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default());
    warnings.extend(dangling_translation_of(&versions, &translated));
    let reg = LoadedRegulation { slug, dir: dir.to_path_buf(), meta, glossary, versions, diagnostics, structure };
    Ok((Some(reg), warnings))
}

/// A translation's `<!-- translation-of: FILE -->` naming no published version of its regulation: the site
/// would show it as a translation of its own version. `translated` holds (path, text, declared file).
fn dangling_translation_of(
    versions: &[LoadedVersion],
    translated: &[(PathBuf, String, Option<String>)],
) -> Vec<FolderWarning> {
    let mut out = Vec::new();
    for (path, text, of) in translated {
        let Some(of) = of.as_deref().map(str::trim).filter(|f| !f.is_empty()) else { continue };
        if versions.iter().any(|v| v.file == of) {
            continue;
        }
        let (line, column) = super::folder::locate(text, "translation-of");
        let msg = format!("translation-of names {of}, which is not a published version of this regulation");
        out.push((path.display().to_string(), Diagnostic::warning("translation-of-missing", msg).at(line, column)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_spacing_in_metadata_reads_spaced_versions_without_changing_them() {
        let dir = std::env::temp_dir().join(format!("kitei-load-spacing-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let text = "大 学 規 則\n\n( 目 的 )\n第 1 条 本 学 は 、 人 材 を 育 成 す る 。\n";
        std::fs::write(dir.join("2024-04-01.txt"), text).unwrap();
        let load = |toml: &str| {
            std::fs::write(dir.join("regulation.toml"), toml).unwrap();
            load_regulation(&dir).unwrap().0.unwrap()
        };
        let plain = load("normalize_spacing = true\n");
        let spaced = load("slug = \"k\"\n");
        let after = std::fs::read_to_string(dir.join("2024-04-01.txt")).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        assert!(plain.meta.normalize_spacing && !spaced.meta.normalize_spacing);
        let art = |r: &LoadedRegulation| r.versions[0].ja.children[0].clone();
        assert_eq!(plain.versions[0].ja.title, "大学規則");
        assert_eq!(art(&plain).heading.as_deref(), Some("目的"));
        assert_eq!(art(&plain).children[0].text, "本学は、人材を育成する。");
        assert_eq!(art(&spaced).children[0].text, "本 学 は 、 人 材 を 育 成 す る 。");
        assert_eq!(after, text);
    }

    #[test]
    fn an_unreadable_regulation_is_skipped_and_listed_or_stops_the_load() {
        let dir = std::env::temp_dir().join(format!("kitei-load-failures-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        for (sub, file, text) in [
            ("a", "2020-01-01.md", "規程\n第1条　甲とする。\n"),
            ("b", "regulation.toml", "title_ja = \"規程\" x\n"),
            ("b", "2020-01-01.md", "規程\n第1条　乙とする。\n"),
            ("c", "2020-01-01.md", "規程\n第1条　丙とする。\n"),
        ] {
            std::fs::create_dir_all(dir.join(sub)).unwrap();
            std::fs::write(dir.join(sub).join(file), text).unwrap();
        }
        let lenient = load_folder_lenient(&dir).unwrap();
        let strict = load_folder(&dir);
        std::fs::remove_dir_all(&dir).unwrap();
        let slugs: Vec<&str> = lenient.regulations.iter().map(|r| r.slug.as_str()).collect();
        assert_eq!(slugs, ["a", "c"]);
        assert_eq!(lenient.failures.len(), 1);
        let line = lenient.failures[0].to_string();
        assert!(line.contains("regulation.toml:1:"), "{line}");
        assert!(line.contains("valid TOML"), "{line}");
        let Err(Error::Syntax { at, .. }) = strict else { panic!("expected the TOML error, got {strict:?}") };
        assert!(at.file.ends_with("regulation.toml"), "{}", at.file);
    }

    /// The error's place, from loading a regulation directory holding `name` with these bytes.
    fn toml_error_at(name: &str, bytes: &[u8]) -> (u32, u32, String) {
        let dir = std::env::temp_dir().join(format!("kitei-load-toml-{}-{name}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(name), bytes).unwrap();
        let r = load_regulation(&dir);
        std::fs::remove_dir_all(&dir).unwrap();
        match r {
            Err(Error::Syntax { at, expected, .. }) => {
                assert!(at.file.ends_with(name), "{}", at.file);
                (at.line, at.column, expected)
            }
            other => panic!("expected a TOML syntax error, got {other:?}"),
        }
    }

    #[test]
    fn toml_errors_are_placed_in_the_decoded_text() {
        // Line 3, after `title_ja = "規程" ` (the error is at the stray `x`, column 17).
        let toml = "# 規程のメタデータ\r\nslug = \"k\"\r\ntitle_ja = \"規程\" x\r\n";
        assert_eq!(toml_error_at("regulation.toml", toml.as_bytes()), (3, 17, "valid TOML".into()));
        // The same file in Shift_JIS, as the regulations themselves may be: not readable as UTF-8 from disk.
        let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode(toml);
        assert_eq!(toml_error_at("regulation.toml", &sjis).0, 3);
        // With a BOM, whose three bytes the decoded text does not have.
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice("[[term]]\nja = \"規程\"\nen = \"rules\"\nnote = 規\n".as_bytes());
        assert_eq!(toml_error_at("glossary.toml", &bom).0, 4);
    }
}
