//! A printable HTML checklist (tera template `templates/checklist.html.tera`, embedded; overridable).
//!
//! The site builder reuses [`render_html`] for its checklist page.
//!
//! ```
//! use kitei::checklist::{extract, Options, output::Lang, html::render_html};
//! let doc = kitei::parse::parse_str("規程\n第1条　委員会を置く。\n").unwrap();
//! let html = render_html(&extract(&doc, &Options::default()), Lang::Ja, None, None).unwrap();
//! assert!(html.contains("id=\"art_1__para_1\""));
//! assert!(html.contains("@media print"));
//! ```

use super::extract::Checklist;
use super::output::Lang;
use super::state::{value_text, Progress, State};
use crate::error::Error;
use serde::Serialize;

/// The default template.
pub const TEMPLATE: &str = include_str!("../../templates/checklist.html.tera");

#[derive(Serialize)]
struct HtmlEntry {
    id: String,
    label: String,
    class: &'static str,
    class_ja: &'static str,
    party: String,
    party_inferred: bool,
    show_ja: bool,
    text: String,
    exceptions: Vec<String>,
    penalties: Vec<String>,
    english: Option<String>,
    status: String,
    previous_status: String,
    evidence: String,
    notes: String,
}

#[derive(Serialize)]
struct HtmlGroup {
    id: String,
    title: String,
    entries: Vec<HtmlEntry>,
}

#[derive(Serialize)]
struct Row {
    status: &'static str,
    count: usize,
    percent: String,
}

#[derive(Serialize)]
struct HtmlProgress {
    rows: Vec<Row>,
    reviewed: usize,
    total: usize,
    percent: String,
}

/// Links back into the site for a checklist page that is part of one (`site.regulation`, `site.index` in the
/// template context); the default template renders them as a navigation line hidden in print.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SiteLinks {
    /// The regulation's page, relative to the checklist (`index.html`).
    pub regulation: String,
    /// The site's list of regulations, relative to the checklist (`../index.html`).
    pub index: String,
}

/// Renders the printable checklist. `template` overrides the embedded default (tera syntax, same context:
/// `title`, `lang`, `progress`, `groups[].{id,title,entries[]}`, and `site`, empty here: see
/// [`render_site_html`]).
pub fn render_html(
    list: &Checklist,
    lang: Lang,
    state: Option<&State>,
    template: Option<&str>,
) -> crate::Result<String> {
    render(list, lang, state, template, None)
}

/// [`render_html`] for a page of a site: the template context's `site` holds the [`SiteLinks`], which the
/// template places (the default puts a navigation line first in `<body>`).
///
/// ```
/// use kitei::checklist::{extract, Options, output::Lang, html::{render_site_html, SiteLinks}};
/// let doc = kitei::parse::parse_str("規程\n第1条　委員会を置く。\n").unwrap();
/// let links = SiteLinks { regulation: "index.html".into(), index: "../index.html".into() };
/// let tpl = "<body class=\"x\"><a href=\"{{ site.regulation }}\">back</a></body>";
/// let html = render_site_html(&extract(&doc, &Options::default()), Lang::Ja, None, Some(tpl), &links).unwrap();
/// assert_eq!(html, "<body class=\"x\"><a href=\"index.html\">back</a></body>");
/// ```
pub fn render_site_html(
    list: &Checklist,
    lang: Lang,
    state: Option<&State>,
    template: Option<&str>,
    site: &SiteLinks,
) -> crate::Result<String> {
    render(list, lang, state, template, Some(site))
}

fn render(
    list: &Checklist,
    lang: Lang,
    state: Option<&State>,
    template: Option<&str>,
    site: Option<&SiteLinks>,
) -> crate::Result<String> {
    let mut groups: Vec<HtmlGroup> = Vec::new();
    for e in &list.entries {
        let (gid, gtitle) = e.group.as_ref().map(|g| (g.id.clone(), g.title.clone())).unwrap_or_default();
        if groups.last().is_none_or(|g| g.id != gid) {
            groups.push(HtmlGroup { id: gid, title: gtitle, entries: Vec::new() });
        }
        let s = state.and_then(|st| st.entries.get(&e.id));
        let entry = HtmlEntry {
            id: e.id.clone(),
            label: e.label.clone(),
            class: e.classification.as_str(),
            class_ja: e.classification.label_ja(),
            party: e.party.as_ref().map(|p| p.name.clone()).unwrap_or_default(),
            party_inferred: e.party.as_ref().is_some_and(|p| p.inferred),
            show_ja: lang != Lang::En || e.english.is_none(),
            text: e.text.clone(),
            exceptions: e.exceptions.clone(),
            penalties: e.penalties.clone(),
            english: if lang == Lang::Ja { None } else { e.english.clone() },
            status: state.map(|st| st.status(&e.id).as_str().to_string()).unwrap_or_default(),
            previous_status: s.and_then(|s| s.previous_status).map(|p| p.as_str().to_string()).unwrap_or_default(),
            evidence: value_text(s.and_then(|s| s.evidence.as_ref())),
            notes: value_text(s.and_then(|s| s.notes.as_ref())),
        };
        groups.last_mut().expect("pushed above").entries.push(entry);
    }
    let progress = state.map(|st| {
        let p = Progress::of(list, st);
        HtmlProgress {
            rows: p.counts.iter().map(|(s, n)| Row { status: s.as_str(), count: *n, percent: p.percent(*n) }).collect(),
            reviewed: p.reviewed,
            total: p.total,
            percent: p.percent(p.reviewed),
        }
    });
    let mut ctx = tera::Context::new();
    ctx.insert("title", &list.title);
    ctx.insert("lang", if lang == Lang::En { "en" } else { "ja" });
    ctx.insert("groups", &groups);
    ctx.insert("progress", &progress);
    ctx.insert("site", &site);
    let name = "checklist.html.tera";
    let mut t = tera::Tera::default();
    t.autoescape_on(vec![".tera", ".html"]);
    let fail = |e: tera::Error| {
        let mut message = e.to_string();
        let mut src = std::error::Error::source(&e);
        while let Some(s) = src {
            message.push_str(&format!(": {s}"));
            src = s.source();
        }
        Error::Template { name: name.into(), message }
    };
    t.add_raw_template(name, template.unwrap_or(TEMPLATE)).map_err(fail)?;
    t.render(name, &ctx).map_err(fail)
}
