//! The printable checklist page of a regulation (`<slug>/checklist.html`): the obligations of the current
//! version, extracted by [`crate::checklist::extract()`] and rendered by
//! [`crate::checklist::html::render_site_html`]
//! (template `checklist.html.tera`, overridable with `kitei build --templates DIR`), bilingual where a
//! translation exists. The links back to the regulation and the site's index are given to the template as
//! `site.regulation` and `site.index` ([`SiteLinks`]); the default template shows them as a navigation line
//! hidden in print, and an overriding template places them where it likes (or leaves them out).
//!
//! ```
//! let doc = kitei::parse::parse_str("規程\n第1条　機構は、委員会を置く。\n").unwrap();
//! let html = kitei::render::checklist_page::checklist_page(&doc, None, None, None).unwrap();
//! assert!(html.contains("id=\"art_1__para_1\""));
//! assert!(html.contains("href=\"index.html\""));
//! ```

use super::translation::Alignment;
use crate::checklist::html::{render_site_html, SiteLinks};
use crate::checklist::{extract, extract::text_by_id, output::Lang, Options};
use crate::model::Document;
use std::collections::BTreeMap;

/// The file name of the checklist page inside a regulation's directory.
pub const CHECKLIST_FILE: &str = "checklist.html";

/// The checklist's tables inside the site's page (each entry linked to its provision).
const TABLE_TEMPLATE: &str = include_str!("../../templates/checklist-table.html.tera");

/// The context of `checklist-page.html.tera`.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ChecklistPage<'a> {
    /// Path to the site root (`../`).
    pub root: &'a str,
    /// `<title>`.
    pub page_title: String,
    /// The regulation.
    pub reg: super::pages::RegSummary,
    /// The version listed.
    pub version: super::pages::VersionInfo,
    /// The checklist's tables, HTML.
    pub table_html: String,
}

/// Renders the site's checklist page (`checklist.html`): the checklist's tables in the site's frame (header,
/// search, `<main>`), with the version and its 施行日, each entry linked to its provision. An overriding
/// `checklist.html.tera` (`templates.checklist`) renders the whole page instead, as [`checklist_page`] does.
pub fn site_page(
    templates: &super::templates::Templates,
    reg: super::pages::RegSummary,
    version: super::pages::VersionInfo,
    ja: &Document,
    en: Option<&Document>,
    alignment: Option<&Alignment>,
) -> crate::Result<String> {
    if let Some(t) = templates.checklist.as_deref() {
        return checklist_page(ja, en, alignment, Some(t));
    }
    let table_html = checklist_page(ja, en, alignment, Some(TABLE_TEMPLATE))?;
    let page = ChecklistPage {
        root: "../",
        page_title: format!("チェックリスト: {} ({})", reg.title_ja, version.date),
        reg,
        version,
        table_html,
    };
    templates.render("checklist-page.html.tera", &page)
}

/// Renders the checklist page of `ja`. With a translation `en` (aligned to `ja` by `alignment`, or by equal IDs
/// when `None`), each entry also shows its English. `template` overrides the embedded `checklist.html.tera`.
pub fn checklist_page(
    ja: &Document,
    en: Option<&Document>,
    alignment: Option<&Alignment>,
    template: Option<&str>,
) -> crate::Result<String> {
    let mut list = extract(ja, &Options::default());
    if let Some(en) = en {
        let en_text = text_by_id(en);
        let english: BTreeMap<String, String> = match alignment {
            Some(a) => a
                .en_id
                .iter()
                .filter_map(|(ja_id, en_id)| en_text.get(en_id).map(|t| (ja_id.clone(), t.clone())))
                .collect(),
            None => en_text,
        };
        list.attach_english(&english);
    }
    let lang = if en.is_some() { Lang::Both } else { Lang::Ja };
    let site = SiteLinks { regulation: "index.html".into(), index: "../index.html".into() };
    render_site_html(&list, lang, None, template, &site)
}
