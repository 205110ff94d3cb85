//! Making the page contexts of [`super`] from a loaded regulation: its summary, the version list, each
//! version's rows and page, the site's file names, and the provisions a comparison reports as changed.

use super::super::load::{LoadedRegulation, LoadedVersion};
use super::super::translation::Alignment;
use super::super::view::{rows_for, toc_items, Row, RowInputs};
use super::{RegSummary, TranslationInfo, VersionInfo, VersionPage, ROWS_PLACEHOLDER, TOC_PLACEHOLDER};
use crate::diff::Comparison;
use crate::model::Document;
use std::collections::BTreeMap;

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
        number_key: number.as_deref().map(super::super::index_page::number_key).unwrap_or_default(),
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
    let (t, to) = (super::super::markup::escape(title), super::super::markup::escape(target));
    format!(
        "<!DOCTYPE html>\n<html lang=\"ja\">\n<head>\n<meta charset=\"utf-8\">\n<title>{t}</title>\n\
         <link rel=\"canonical\" href=\"{to}\">\n<script>location.replace(\"{to}\" + location.hash);</script>\n\
         <meta http-equiv=\"refresh\" content=\"0; url={to}\">\n</head>\n<body>\n\
         <p>現行版 <span lang=\"en\">Current version</span>: <a href=\"{to}\">{t}</a></p>\n</body>\n</html>\n"
    )
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
        toc_html: TOC_PLACEHOLDER,
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
