//! Rendering a version page into its files: the page shell from its template, with the provision rows
//! ([`rows_html`], written in Rust) put in place of [`ROWS_PLACEHOLDER`]; a long version is split
//! ([`split`]) into a contents page and part pages, whose links lead to the page holding each anchor.

use super::super::templates::Templates;
use super::super::view::{toc_html, toc_items, Row};
use super::super::{rows_html, split};
use super::{PartLink, PartNav, VersionPage};
use crate::model::Document;

/// The files of one version page: the page (or, when split, the contents page and the part pages) and the
/// script of a split version.
#[derive(Debug, Clone, Default)]
pub struct VersionFiles {
    /// (file name, HTML), the first being `<stem>.html`.
    pub pages: Vec<(String, String)>,
    /// (file name, JavaScript), when split.
    pub script: Option<(String, String)>,
    /// Where each ID is, when split (for the links of the regulation's other pages).
    pub anchors: Option<split::Anchors>,
}

/// What templates see as `rows_html`, replaced by the rows after rendering.
pub const ROWS_PLACEHOLDER: &str = "<!--kitei:rows-->";

/// What templates see as `toc_html`, replaced by the table of contents after rendering.
pub const TOC_PLACEHOLDER: &str = "<!--kitei:toc-->";

/// Renders a version page (`version.html.tera` or `regulation.html.tera`) with its rows.
pub fn render_version(templates: &Templates, name: &str, page: &VersionPage, rows: &[Row]) -> crate::Result<String> {
    let html = templates.render(name, page)?;
    Ok(fill(html, &rows_html::rows_html(rows, &page.version.date), page))
}

/// The rendered `html` of `page` with its rows and its table of contents in place of their placeholders
/// (each the first in the page; a template may leave either out).
fn fill(html: String, rows_html: &str, page: &VersionPage) -> String {
    let toc = toc_html(&page.toc);
    let mut at: Vec<(usize, &str, &str)> = [(ROWS_PLACEHOLDER, rows_html), (TOC_PLACEHOLDER, toc.as_str())]
        .into_iter()
        .filter_map(|(mark, with)| html.find(mark).map(|i| (i, mark, with)))
        .collect();
    if at.is_empty() {
        return html;
    }
    at.sort_unstable_by_key(|a| a.0);
    let mut out = String::with_capacity(html.len() + rows_html.len() + toc.len());
    let mut done = 0;
    for (i, mark, with) in at {
        out.push_str(&html[done..i]);
        out.push_str(with);
        done = i + mark.len();
    }
    out.push_str(&html[done..]);
    out
}

/// Renders a version page as [`render_version`] does, published as `<stem>.html`; a page whose rows exceed
/// [`split::SPLIT_BYTES`] is split ([`split::plan`]) into a contents page `<stem>.html` and part pages
/// `<stem>.p1.html`…, with the script `<stem>.parts.js`. `doc` is the version the rows were made from.
pub fn render_version_files(
    templates: &Templates,
    name: &str,
    page: &VersionPage,
    rows: &[Row],
    doc: &Document,
    stem: &str,
) -> crate::Result<VersionFiles> {
    let (all, at) = rows_html::rows_html_at(rows, &page.version.date);
    let bytes: Vec<usize> = at.windows(2).map(|w| w[1] - w[0]).collect();
    let Some(plan) = split::plan(doc, rows, &bytes, split::SPLIT_BYTES) else {
        let html = fill(templates.render(name, page)?, &all, page);
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
    // What every page of the version shares; each sets its own table of contents (the whole version's is not
    // copied for each).
    let mut shared = page.shell();
    shared.parts = links.clone();
    shared.parts_js = Some(script.clone());
    let mut contents = shared.clone();
    contents.toc = toc_items(&nav_rows);
    let html = fill(templates.render(name, &contents)?, &all[at[plan.front.start]..at[plan.front.end]], &contents);
    out.pages.push((files[0].clone(), split::relink(&html, 0, &pages, &files)));
    let meanings = split::Meanings::of(&all);
    for (k, p) in plan.parts.iter().enumerate() {
        let mut part = shared.clone();
        part.page_title = format!("{} {} ({})", page.reg.title_ja, p.title.0, page.version.date);
        part.toc = toc_items(&rows[p.rows.clone()]);
        part.part = Some(PartNav {
            this: links[k].clone(),
            contents: files[0].clone(),
            prev: k.checked_sub(1).map(|j| links[j].clone()),
            next: links.get(k + 1).cloned(),
        });
        let rows_of = &all[at[p.rows.start]..at[p.rows.end]];
        let carried = split::carried_definitions(&meanings, rows_of);
        let context = split::context_html(rows, p);
        let mut body = String::with_capacity(context.len() + rows_of.len() + carried.len());
        body.push_str(&context);
        body.push_str(rows_of);
        body.push_str(&carried);
        let html = fill(templates.render(name, &part)?, &body, &part);
        out.pages.push((files[k + 1].clone(), split::relink(&html, k + 1, &pages, &files)));
    }
    out.script = Some((script, split::parts_js(&files, &pages)));
    out.anchors = Some(split::Anchors { files, pages });
    Ok(out)
}
