//! The page contexts handed to the templates, built from the loaded regulations: the index, a regulation's
//! current version (with history and glossary), each version, each 新旧対照表, and the search page.

use super::load::{GlossaryTerm, LoadedRegulation, LoadedVersion};
use super::translation::Alignment;
use super::view::{rows_for, toc_items, Row, RowInputs, TocItem};
use crate::diff::Comparison;
use crate::model::Document;
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
    /// Navigation.
    pub toc: Vec<TocItem>,
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

/// The files of one version page: the page (or, when split, the contents page and the part pages) and the
/// script of a split version.
#[derive(Debug, Clone, Default)]
pub struct VersionFiles {
    /// (file name, HTML), the first being `<stem>.html`.
    pub pages: Vec<(String, String)>,
    /// (file name, JavaScript), when split.
    pub script: Option<(String, String)>,
    /// Where each ID is, when split (for the links of the regulation's other pages).
    pub anchors: Option<super::split::Anchors>,
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

/// The 施行 sentence of the last 附則 that has one.
pub fn effective_text(doc: &Document) -> Option<String> {
    doc.suppl_provisions().filter_map(|s| Some(s.full_text()).filter(|t| t.contains("施行"))).last()
}

/// The index of the current version of `reg` on the date `as_of` (`YYYY-MM-DD`): the latest version whose
/// effective date is on or before it, or the earliest when none is; with no date, the latest version.
///
/// ```
/// # use kitei::render::load::load_folder;
/// let regs = load_folder(std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/regulations"))).unwrap().regulations;
/// let at = |d| regs[0].versions[kitei::render::pages::current_index(&regs[0], d)].date.clone();
/// assert_eq!(at(Some("2026-11-25")), "2016-01-01");
/// assert_eq!(at(Some("2027-04-01")), "2027-04-01");
/// assert_eq!(at(Some("1999-01-01")), "2014-04-01");
/// assert_eq!(at(None), "2027-04-01");
/// ```
pub fn current_index(reg: &LoadedRegulation, as_of: Option<&str>) -> usize {
    let last = reg.versions.len().saturating_sub(1);
    match as_of {
        None => last,
        Some(d) => reg.versions.iter().rposition(|v| v.date.as_str() <= d).unwrap_or(0),
    }
}

/// The summary of a regulation whose current version is `reg.versions[current]`.
pub fn summary(reg: &LoadedRegulation, current: usize) -> RegSummary {
    let last = reg.versions.last();
    let latest = reg.versions.get(current).or(last);
    let title_ja = reg
        .meta
        .title_ja
        .clone()
        .filter(|t| !t.is_empty())
        .or_else(|| latest.map(|v| v.ja.title.clone()))
        .unwrap_or_else(|| reg.slug.clone());
    let title_en = reg
        .meta
        .title_en
        .clone()
        .filter(|t| !t.is_empty())
        .or_else(|| latest.and_then(|v| v.en.as_ref()).map(|e| e.title.clone()))
        .unwrap_or_default();
    let number = reg.meta.number.clone().filter(|n| !n.is_empty()).or_else(|| latest.and_then(|v| v.ja.number.clone()));
    RegSummary {
        slug: reg.slug.clone(),
        title_ja,
        title_en,
        number_key: number.as_deref().map(super::index_page::number_key).unwrap_or_default(),
        number,
        category: reg.meta.category.clone().unwrap_or_default().trim().to_string(),
        latest_date: last.map(|v| v.date.clone()).unwrap_or_default(),
        current_date: latest.map(|v| v.date.clone()).unwrap_or_default(),
        href: format!("{}/index.html", reg.slug),
        illustrative: latest.is_some_and(|v| is_illustrative(reg, v)),
    }
}

fn is_illustrative(reg: &LoadedRegulation, v: &LoadedVersion) -> bool {
    reg.meta.version.iter().any(|m| m.date == v.date && m.note.as_deref() == Some("illustrative"))
}

/// The file name of the 新旧対照表 between two dates.
pub fn compare_file(old: &str, new: &str) -> String {
    format!("compare-{old}_{new}.html")
}

/// Version information for every version of a regulation; `cmps[i]` compares version i-1 with i, and
/// `reg.versions[current]` is the current version.
pub fn version_infos(reg: &LoadedRegulation, cmps: &[Option<Comparison>], current: usize) -> Vec<VersionInfo> {
    reg.versions
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let meta = reg.meta.version.iter().find(|m| m.date == v.date);
            let prev = i.checked_sub(1).map(|j| &reg.versions[j]);
            VersionInfo {
                date: v.date.clone(),
                href: format!("{}.html", v.date),
                json_href: format!("{}.json", v.date),
                xml_href: format!("{}.xml", v.date),
                en_json_href: v.en.as_ref().map(|_| format!("{}.en.json", v.date)),
                illustrative: is_illustrative(reg, v),
                note: meta.and_then(|m| m.note.clone()),
                description: meta.and_then(|m| m.description.clone()),
                effective_text: effective_text(&v.ja),
                is_current: i == current,
                is_future: i > current,
                compare_href: prev.map(|p| compare_file(&p.date, &v.date)),
                prev_date: prev.map(|p| p.date.clone()),
                changes: cmps.get(i).and_then(|c| c.as_ref()).map(|c| c.summary.total()).unwrap_or(0),
                en_file: v.en_file.clone(),
                translation_of: v.en.as_ref().and_then(|e| e.attrs.get("translation-of").cloned()),
            }
        })
        .collect()
}

/// The rows and translation status of one version.
pub fn version_rows(
    v: &LoadedVersion,
    info: &VersionInfo,
    changed: &BTreeMap<String, (String, String)>,
    alignment: Option<&Alignment>,
    report: &[crate::diagnostic::Diagnostic],
) -> (Vec<Row>, TranslationInfo) {
    let rows = rows_for(&RowInputs {
        ja: &v.ja,
        en: v.en.as_ref(),
        alignment,
        changed,
        compare_href: info.compare_href.as_deref(),
    });
    let ids = |code: &str| report.iter().filter(|d| d.code == code).filter_map(|d| d.id.clone()).collect();
    let translation = TranslationInfo {
        present: v.en.is_some(),
        missing: if v.en.is_some() { ids("translation-missing") } else { Vec::new() },
        orphaned: ids("translation-orphaned"),
        stale: ids("translation-stale"),
    };
    (rows, translation)
}

/// A small page that sends the reader to `target`, keeping the fragment (`#art_5`): the dated page of the
/// current version, which is published once, as `index.html`. Without JavaScript the refresh (which drops the
/// fragment) and the link lead there.
pub fn redirect_page(title: &str, target: &str) -> String {
    let (t, to) = (super::markup::escape(title), super::markup::escape(target));
    format!(
        "<!DOCTYPE html>\n<html lang=\"ja\">\n<head>\n<meta charset=\"utf-8\">\n<title>{t}</title>\n\
         <link rel=\"canonical\" href=\"{to}\">\n<script>location.replace(\"{to}\" + location.hash);</script>\n\
         <meta http-equiv=\"refresh\" content=\"0; url={to}\">\n</head>\n<body>\n\
         <p>現行版 <span lang=\"en\">Current version</span>: <a href=\"{to}\">{t}</a></p>\n</body>\n</html>\n"
    )
}

/// What templates see as `rows_html`, replaced by the rows after rendering.
pub const ROWS_PLACEHOLDER: &str = "<!--kitei:rows-->";

/// Renders a version page (`version.html.tera` or `regulation.html.tera`) with its rows.
pub fn render_version(
    templates: &super::templates::Templates,
    name: &str,
    page: &VersionPage,
    rows: &[Row],
) -> crate::Result<String> {
    let html = templates.render(name, page)?;
    Ok(fill(html, &super::rows_html::rows_html(rows, &page.version.date)))
}

fn fill(html: String, rows_html: &str) -> String {
    let Some(at) = html.find(ROWS_PLACEHOLDER) else { return html };
    let mut out = String::with_capacity(html.len() + rows_html.len());
    out.push_str(&html[..at]);
    out.push_str(rows_html);
    out.push_str(&html[at + ROWS_PLACEHOLDER.len()..]);
    out
}

/// Renders a version page as [`render_version`] does, published as `<stem>.html`; a page whose rows exceed
/// [`super::split::SPLIT_BYTES`] is split ([`super::split::plan`]) into a contents page `<stem>.html` and part
/// pages `<stem>.p1.html`…, with the script `<stem>.parts.js`. `doc` is the version the rows were made from.
pub fn render_version_files(
    templates: &super::templates::Templates,
    name: &str,
    page: &VersionPage,
    rows: &[Row],
    doc: &Document,
    stem: &str,
) -> crate::Result<VersionFiles> {
    use super::split;
    let (all, at) = super::rows_html::rows_html_at(rows, &page.version.date);
    let bytes: Vec<usize> = at.windows(2).map(|w| w[1] - w[0]).collect();
    let Some(plan) = split::plan(doc, rows, &bytes, split::SPLIT_BYTES) else {
        let html = fill(templates.render(name, page)?, &all);
        return Ok(VersionFiles { pages: vec![(format!("{stem}.html"), html)], script: None, anchors: None });
    };
    let files: Vec<String> = std::iter::once(format!("{stem}.html"))
        .chain((1..=plan.parts.len()).map(|k| format!("{stem}.p{k}.html")))
        .collect();
    let pages = split::pages_of(&plan, rows);
    let script = format!("{stem}.parts.js");
    let links: Vec<PartLink> = plan
        .parts
        .iter()
        .enumerate()
        .map(|(k, p)| {
            let arts: Vec<&Row> =
                rows[p.rows.clone()].iter().filter(|r| r.kind == "article" && !r.id.contains("__")).collect();
            let range = match (arts.first(), arts.last()) {
                (Some(a), Some(b)) if a.id == b.id => a.ja_label.clone(),
                (Some(a), Some(b)) => format!("{}―{}", a.ja_label, b.ja_label),
                _ => String::new(),
            };
            PartLink { href: files[k + 1].clone(), ja: p.title.0.clone(), en: p.title.1.clone(), range }
        })
        .collect();
    let nav_rows: Vec<Row> = rows
        .iter()
        .filter(|r| matches!(r.kind, "suppl_provision" | "part" | "chapter" | "section" | "subsection" | "division"))
        .cloned()
        .collect();
    let mut out = VersionFiles { pages: Vec::with_capacity(files.len()), script: None, anchors: None };
    let mut contents = page.clone();
    contents.parts = links.clone();
    contents.parts_js = Some(script.clone());
    contents.toc = toc_items(&nav_rows);
    let html = fill(templates.render(name, &contents)?, &all[at[plan.front.start]..at[plan.front.end]]);
    out.pages.push((files[0].clone(), split::relink(&html, 0, &pages, &files)));
    for (k, p) in plan.parts.iter().enumerate() {
        let mut part = page.clone();
        part.page_title = format!("{} {} ({})", page.reg.title_ja, p.title.0, page.version.date);
        part.toc = toc_items(&rows[p.rows.clone()]);
        part.parts = links.clone();
        part.parts_js = Some(script.clone());
        part.part = Some(PartNav {
            this: links[k].clone(),
            contents: files[0].clone(),
            prev: k.checked_sub(1).map(|j| links[j].clone()),
            next: links.get(k + 1).cloned(),
        });
        let body = &all[at[p.rows.start]..at[p.rows.end]];
        let body = format!("{}{body}{}", split::context_html(rows, p), split::carried_definitions(&all, body));
        let html = fill(templates.render(name, &part)?, &body);
        out.pages.push((files[k + 1].clone(), split::relink(&html, k + 1, &pages, &files)));
    }
    out.script = Some((script, split::parts_js(&files, &pages)));
    out.anchors = Some(split::Anchors { files, pages });
    Ok(out)
}

/// Builds the page context of a version.
#[allow(clippy::too_many_arguments)]
pub fn version_page<'a>(
    reg: &'a LoadedRegulation,
    infos: &[VersionInfo],
    current: usize,
    index: usize,
    rows: &[Row],
    translation: TranslationInfo,
    labels: &'a BTreeMap<&'static str, &'static str>,
) -> VersionPage<'a> {
    let sum = summary(reg, current);
    let info = infos[index].clone();
    VersionPage {
        root: "../",
        page_title: format!("{} ({})", sum.title_ja, info.date),
        reg: sum,
        version: info,
        versions: infos.to_vec(),
        toc: toc_items(rows),
        rows_html: ROWS_PLACEHOLDER,
        glossary: &reg.glossary,
        translation,
        labels,
        parts: Vec::new(),
        part: None,
        parts_js: None,
    }
}

/// The 改め文 from `old` to `new` as lines, or why it could not be written (an unsupported change such as
/// a new 章 is not an error of the build).
pub fn amendment_lines(old: &Document, new: &Document) -> (Vec<String>, Option<String>) {
    match crate::amend::generate(old, new, &crate::amend::Options::default()) {
        Ok(text) => (text.lines().filter(|l| !l.trim().is_empty()).map(str::to_string).collect(), None),
        Err(e) => (Vec::new(), Some(e.to_string())),
    }
}

/// The file name of the diff engine's standalone (printable) 新旧対照表.
pub fn printable_file(old: &str, new: &str) -> String {
    format!("shinkyu-{old}_{new}.html")
}

/// The file name of the 新旧対照表 as a Word document, beside the printable page.
pub fn docx_file(old: &str, new: &str) -> String {
    format!("shinkyu-{old}_{new}.docx")
}

/// For each changed provision of NEW (by ID), the anchor of its row on the 新旧対照表 page (the top-level unit
/// that holds it) and the change's Japanese name.
pub fn changed_anchors(cmp: &Comparison, table: &crate::diff::table::Table) -> BTreeMap<String, (String, String)> {
    let rows: std::collections::BTreeSet<&str> = table.rows.iter().map(|r| r.id.as_str()).collect();
    let mut out = BTreeMap::new();
    for ch in &cmp.changes {
        // A provision modified only below it (an article whose item changed) is not marked itself.
        if ch.kind == crate::diff::ChangeKind::Modified && !ch.own_changed {
            continue;
        }
        let Some(id) = &ch.new_id else { continue };
        let mut anchor = id.as_str();
        let found = loop {
            if rows.contains(anchor) {
                break Some(anchor);
            }
            match anchor.rsplit_once("__") {
                Some((head, _)) => anchor = head,
                None => break None,
            }
        };
        if let Some(a) = found {
            out.insert(id.clone(), (a.to_string(), ch.kind.as_ja().to_string()));
        }
    }
    out
}
