//! The page contexts handed to the templates, built from the loaded regulations: the index, a regulation's
//! current version (with history and glossary), each version, each 新旧対照表, and the search page.
//!
//! The contexts are here; `info` makes them from a regulation (summaries, version lists, file names, the
//! changed provisions), and `files` renders a version page into its files (the page, or a long one's
//! contents and part pages).

mod files;
mod info;

pub use files::*;
pub use info::*;

use super::load::GlossaryTerm;
use super::view::TocItem;
use serde::Serialize;
use std::collections::BTreeMap;

/// A regulation in lists.
#[derive(Debug, Clone, Serialize)]
pub struct RegSummary {
    /// URL slug.
    pub slug: String,
    /// Japanese title.
    pub title_ja: String,
    /// English title.
    pub title_en: String,
    /// Number.
    pub number: Option<String>,
    /// The number's sort key ([`super::index_page::number_key`]; empty without a number).
    pub number_key: String,
    /// The category from `regulation.toml` (empty when none).
    pub category: String,
    /// The latest effective date (possibly a scheduled version, not yet in force).
    pub latest_date: String,
    /// The effective date of the current version (in force on the as-of date).
    pub current_date: String,
    /// `slug/index.html`, relative to the site root.
    pub href: String,
    /// True when the current version is illustrative.
    pub illustrative: bool,
}

/// One version in lists and headers.
#[derive(Debug, Clone, Serialize)]
pub struct VersionInfo {
    /// Effective date (`YYYY-MM-DD`).
    pub date: String,
    /// `2016-01-01.html` (relative to the regulation's directory).
    pub href: String,
    /// `2016-01-01.json`.
    pub json_href: String,
    /// `2016-01-01.xml` (e-Gov 法令標準XML).
    pub xml_href: String,
    /// `2016-01-01.en.json` when translated.
    pub en_json_href: Option<String>,
    /// The version's note is "illustrative".
    pub illustrative: bool,
    /// The note (`source`, `illustrative`).
    pub note: Option<String>,
    /// The description from `regulation.toml`.
    pub description: Option<String>,
    /// The 施行 sentence of the last 附則.
    pub effective_text: Option<String>,
    /// The current version: the latest in force on the as-of date.
    pub is_current: bool,
    /// 施行予定: a version after the current one (not yet in force on the as-of date).
    pub is_future: bool,
    /// The 新旧対照表 with the previous version.
    pub compare_href: Option<String>,
    /// The previous version's date.
    pub prev_date: Option<String>,
    /// Number of changed top-level units against the previous version.
    pub changes: usize,
    /// The translation file, if any.
    pub en_file: Option<String>,
    /// The Japanese file the translation was made from.
    pub translation_of: Option<String>,
}

/// Translation status shown on a version page.
#[derive(Debug, Clone, Default, Serialize)]
pub struct TranslationInfo {
    /// A translation exists.
    pub present: bool,
    /// Provisions without English.
    pub missing: Vec<String>,
    /// English provisions without a Japanese counterpart.
    pub orphaned: Vec<String>,
    /// Provisions changed since the translated version.
    pub stale: Vec<String>,
}

/// The context of `version.html.tera` and `regulation.html.tera`.
#[derive(Debug, Clone, Serialize)]
pub struct VersionPage<'a> {
    /// Path to the site root (`../`).
    pub root: &'a str,
    /// `<title>`.
    pub page_title: String,
    /// The regulation.
    pub reg: RegSummary,
    /// This version.
    pub version: VersionInfo,
    /// Every version, oldest first.
    pub versions: Vec<VersionInfo>,
    /// The bilingual rows as HTML (see [`super::rows_html`]). The page context holds [`ROWS_PLACEHOLDER`]; the
    /// rows are put in its place after the template has rendered (see [`render_version`]), which spares
    /// copying megabytes of HTML through the template engine.
    pub rows_html: &'static str,
    /// Navigation: the entries of the table of contents.
    pub toc: Vec<TocItem>,
    /// The same as HTML ([`super::view::toc_html`]): the context holds [`TOC_PLACEHOLDER`], replaced after
    /// rendering as the rows are (a template looping over 1,000 entries of a long law was a third of its time).
    pub toc_html: &'static str,
    /// The regulation's glossary.
    pub glossary: &'a [GlossaryTerm],
    /// Translation coverage.
    pub translation: TranslationInfo,
    /// UI labels (Japanese → English), from the built-in glossary.
    pub labels: &'a BTreeMap<&'static str, &'static str>,
    /// A version split into part pages ([`super::split`]): every part, on the contents page and each part.
    pub parts: Vec<PartLink>,
    /// On a part page: where it stands among the parts.
    pub part: Option<PartNav>,
    /// The script of a split version that sends an anchor to the page holding it.
    pub parts_js: Option<String>,
}

impl VersionPage<'_> {
    /// A copy of the page without its table of contents, for the pages of a split version, which each
    /// have their own (copying the whole version's for each would be wasted).
    pub fn shell(&self) -> Self {
        VersionPage {
            root: self.root,
            page_title: self.page_title.clone(),
            reg: self.reg.clone(),
            version: self.version.clone(),
            versions: self.versions.clone(),
            rows_html: self.rows_html,
            toc: Vec::new(),
            toc_html: self.toc_html,
            glossary: self.glossary,
            translation: self.translation.clone(),
            labels: self.labels,
            parts: self.parts.clone(),
            part: self.part.clone(),
            parts_js: self.parts_js.clone(),
        }
    }
}

/// A part page in lists.
#[derive(Debug, Clone, Serialize)]
pub struct PartLink {
    /// `index.p2.html`.
    pub href: String,
    /// `第二編　株式会社`.
    pub ja: String,
    /// `Part II Stock Companies`.
    pub en: String,
    /// The articles it holds (`第二十五条―第五百七十四条`), if any.
    pub range: String,
}

/// Where a part page stands.
#[derive(Debug, Clone, Serialize)]
pub struct PartNav {
    /// This part.
    pub this: PartLink,
    /// The contents page of the version.
    pub contents: String,
    /// The part before.
    pub prev: Option<PartLink>,
    /// The part after.
    pub next: Option<PartLink>,
}

/// The context of `compare.html.tera`.
#[derive(Debug, Clone, Serialize)]
pub struct ComparePage<'a> {
    /// Path to the site root.
    pub root: &'a str,
    /// `<title>`.
    pub page_title: String,
    /// The regulation.
    pub reg: RegSummary,
    /// OLD.
    pub old: VersionInfo,
    /// NEW.
    pub new: VersionInfo,
    /// The diff engine's 新旧対照表 (rows of top-level units, NEW on the left).
    pub t: crate::diff::table::Table,
    /// The diff engine's standalone, printable page (`shinkyu-….html`).
    pub printable_href: String,
    /// The same table as a Word document (`shinkyu-….docx`, [`crate::export::docx::shinkyu`]).
    pub docx_href: String,
    /// The 改め文 that turns OLD into NEW ([`crate::amend::generate()`]), line by line; empty when it could not
    /// be written.
    pub amendment: Vec<String>,
    /// Why the 改め文 could not be written, if so.
    pub amendment_error: Option<String>,
    /// The review list of the amendment ([`crate::impact::render::html_fragment`]), shown under the table.
    pub impact_html: String,
    /// UI labels.
    pub labels: &'a BTreeMap<&'static str, &'static str>,
}

/// The context of `index.html.tera` and `search.html.tera`.
#[derive(Debug, Clone, Serialize)]
pub struct IndexPage<'a> {
    /// Path to the site root (empty).
    pub root: &'a str,
    /// `<title>`.
    pub page_title: String,
    /// The regulations.
    pub regs: Vec<RegSummary>,
    /// Their categories, each once ([`super::index_page::categories`]).
    pub categories: Vec<String>,
    /// UI labels.
    pub labels: &'a BTreeMap<&'static str, &'static str>,
}
