//! Reading the regulations folder: one directory per regulation holding its versions (`YYYY-MM-DD.md` or
//! `.txt`, named by effective date), translations (`YYYY-MM-DD.en.md`), `regulation.toml` and a glossary.
//! This is the only place the site builder reads files.
//!
//! ```
//! let regs = kitei::render::load::load_regulations(std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/regulations"))).unwrap();
//! assert!(regs.iter().any(|r| r.slug == "jlis-ninsho-jimu-kanri-kitei" && r.versions.len() >= 3));
//! ```

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

/// `YYYY-MM-DD.md` → `(date, is_translation)`.
pub fn version_file_date(name: &str) -> Option<(String, bool)> {
    let (stem, ext) = name.rsplit_once('.')?;
    if !matches!(ext, "md" | "txt") {
        return None;
    }
    let (date, en) = match stem.strip_suffix(".en") {
        Some(d) => (d, true),
        None => (stem, false),
    };
    let b = date.as_bytes();
    let ok = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    ok.then(|| (date.to_string(), en))
}

/// Loads every regulation directory under `dir` (sorted by name). Directories without version files are skipped.
pub fn load_regulations(dir: &Path) -> Result<Vec<LoadedRegulation>> {
    let mut subdirs: Vec<PathBuf> = read_dir(dir)?.into_iter().filter(|p| p.is_dir()).collect();
    subdirs.sort();
    let mut out = Vec::new();
    for d in subdirs {
        if let Some(r) = load_regulation(&d)? {
            out.push(r);
        }
    }
    Ok(out)
}

fn read_dir(dir: &Path) -> Result<Vec<PathBuf>> {
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

/// Loads one regulation directory; `None` when it holds no version file.
pub fn load_regulation(dir: &Path) -> Result<Option<LoadedRegulation>> {
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
    let mut ja_files = Vec::new();
    let mut en_files = std::collections::BTreeMap::new();
    for p in read_dir(dir)? {
        let Some(name) = p.file_name().and_then(|n| n.to_str()).map(str::to_string) else { continue };
        match version_file_date(&name) {
            Some((date, false)) => ja_files.push((date, name, p)),
            Some((date, true)) => {
                en_files.insert(date, (name, p));
            }
            None => {}
        }
    }
    if ja_files.is_empty() {
        return Ok(None);
    }
    ja_files.sort();
    let mut diagnostics = Vec::new();
    let mut structure = Vec::new();
    let mut versions = Vec::new();
    for (date, name, path) in ja_files {
        let src = crate::input::load(&path, None)?;
        let options = crate::parse::ParseOptions { normalize_spacing: meta.normalize_spacing, ..Default::default() };
        let parsed = crate::parse::parse_source_with(&src, options)?;
        diagnostics.extend(parsed.diagnostics.into_iter().map(|d| (name.clone(), d)));
        let found = crate::lint::structure::check_source(&parsed.document, &src.text);
        structure.extend(crate::lint::structure::summary_line(&path.display().to_string(), &found));
        let (en, en_file) = match en_files.get(&date) {
            Some((en_name, en_path)) => {
                let p = crate::parse::english::parse_english(en_name, &read_text(en_path)?)?;
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
    Ok(Some(LoadedRegulation { slug, dir: dir.to_path_buf(), meta, glossary, versions, diagnostics, structure }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_file_names() {
        assert_eq!(version_file_date("2016-01-01.md"), Some(("2016-01-01".into(), false)));
        assert_eq!(version_file_date("2016-01-01.en.md"), Some(("2016-01-01".into(), true)));
        assert_eq!(version_file_date("regulation.toml"), None);
        assert_eq!(version_file_date("2016-1-01.md"), None);
    }

    #[test]
    fn normalize_spacing_in_metadata_reads_spaced_versions_without_changing_them() {
        let dir = std::env::temp_dir().join(format!("kitei-load-spacing-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let text = "大 学 規 則\n\n( 目 的 )\n第 1 条 本 学 は 、 人 材 を 育 成 す る 。\n";
        std::fs::write(dir.join("2024-04-01.txt"), text).unwrap();
        let load = |toml: &str| {
            std::fs::write(dir.join("regulation.toml"), toml).unwrap();
            load_regulation(&dir).unwrap().unwrap()
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
