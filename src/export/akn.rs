//! [`Document`] → Akoma Ntoso 3.0 (`<akomaNtoso><act>`), valid against the OASIS `akomantoso30.xsd`.
//!
//! * `<meta><identification source="#kitei">`: FRBRWork, FRBRExpression and FRBRManifestation with
//!   `/akn/jp/act/{year}/{number}` URIs (`/akn/jp/act/2002/153/jpn@`…); the year and number come from the
//!   document's number via [`crate::export::egov_xml::law_attrs`], the date is the promulgation date where
//!   known, else 1 January of that year (never today's date: the same input gives the same output).
//! * `<preface>`: title (`docTitle`), number (`docNumber`) and the 目次 as `<toc>`.
//! * `<preamble>`: 制定文 and 前文.
//! * `<body>`: 編/章/節/款/目 as `part`/`chapter`/`section`/`subsection`/`division`, 条 as `article`, 項 as
//!   `paragraph`, 号 and subitems as nested `point`s, each with `<num>` (the label as written), `<heading>`
//!   and the text in `<content><p>` (or `<intro><p>` when sub-provisions follow); tables as `<table>`.
//!   Every `eId` is the model's ID, unchanged.
//! * 附則 and 別表: `<hcontainer name="supplProvision">` and `<hcontainer name="appendix">` after the
//!   main provision.
//!
//! ```
//! let mut doc = kitei::model::Document::new("テスト規程");
//! let mut art = kitei::model::Node::new(kitei::model::Kind::Article);
//! art.num = Some(kitei::model::Num::simple(1));
//! art.label = "第1条".into();
//! let mut para = kitei::model::Node::new(kitei::model::Kind::Paragraph);
//! para.set_text("この規程は、例である。");
//! art.children.push(para);
//! doc.children.push(art);
//! kitei::model::ids::assign_ids(&mut doc);
//! let akn = kitei::export::akn::to_akn(&doc);
//! assert!(akn.contains(r#"<article eId="art_1">"#));
//! assert!(akn.contains("<p>この規程は、例である。</p>"));
//! ```

use crate::export::egov_xml::law_attrs;
use crate::export::xml_writer::Writer;
use crate::model::{Document, Kind, Node};
use quick_xml::escape::escape;

/// The Akoma Ntoso 3.0 namespace.
pub const AKN_NS: &str = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0";

const ERA_BASE: [(&str, u32); 5] =
    [("Meiji", 1867), ("Taisho", 1911), ("Showa", 1925), ("Heisei", 1988), ("Reiwa", 2018)];

/// Writes the document as Akoma Ntoso 3.0 XML (UTF-8, with a final newline).
pub fn to_akn(doc: &Document) -> String {
    let mut w = Writer::new();
    w.open("akomaNtoso", &[("xmlns", AKN_NS.to_string())]);
    w.open("act", &[("name", "act".to_string())]);
    meta(&mut w, doc);
    preface(&mut w, doc);
    let pre: Vec<&Node> =
        doc.children.iter().filter(|n| matches!(n.kind, Kind::EnactStatement | Kind::Preamble)).collect();
    if !pre.is_empty() {
        w.open("preamble", &[]);
        for n in pre {
            let mut texts = Vec::new();
            crate::model::walk::walk_node(n, &mut |m| {
                if !m.text.is_empty() {
                    texts.push(m.text.clone());
                }
            });
            for t in texts {
                w.text_element("p", &[], &t);
            }
        }
        w.close("preamble");
    }
    w.open("body", &[]);
    let body: Vec<&Node> =
        doc.children.iter().filter(|n| !matches!(n.kind, Kind::Toc | Kind::EnactStatement | Kind::Preamble)).collect();
    if body.is_empty() {
        w.open("hcontainer", &[("eId", "empty".to_string()), ("name", "empty".to_string())]);
        w.open("content", &[]);
        w.text_element("p", &[], "");
        w.close("content");
        w.close("hcontainer");
    }
    for n in body {
        hier(&mut w, n);
    }
    w.close("body");
    w.close("act");
    w.close("akomaNtoso");
    w.finish()
}

/// The FRBR identification, with `/akn/jp/act/{year}/{number}` URIs.
fn meta(w: &mut Writer, doc: &Document) {
    let a = law_attrs(doc);
    let base = ERA_BASE.iter().find(|(e, _)| *e == a.era).map_or(2018, |(_, b)| *b);
    let year = base + a.year;
    let date = format!("{year:04}-{:02}-{:02}", a.promulgate_month.unwrap_or(1), a.promulgate_day.unwrap_or(1));
    let work = format!("/akn/jp/act/{year}/{}", a.num);
    let expr = format!("{work}/jpn@");
    let author = || vec![("href", "#kitei".to_string())];
    let frbr_date = || vec![("date", date.clone()), ("name", "Generation".to_string())];
    w.open("meta", &[]);
    w.open("identification", &[("source", "#kitei".to_string())]);
    w.open("FRBRWork", &[]);
    w.text_element("FRBRthis", &[("value", format!("{work}/!main"))], "");
    w.text_element("FRBRuri", &[("value", work.clone())], "");
    w.text_element("FRBRalias", &[("value", doc.title.clone()), ("name", "title".to_string())], "");
    w.text_element("FRBRdate", &frbr_date(), "");
    w.text_element("FRBRauthor", &author(), "");
    w.text_element("FRBRcountry", &[("value", "jp".to_string())], "");
    w.text_element("FRBRsubtype", &[("value", a.law_type.to_ascii_lowercase())], "");
    w.text_element("FRBRnumber", &[("value", a.num.to_string())], "");
    w.text_element("FRBRname", &[("value", doc.title.clone())], "");
    w.close("FRBRWork");
    w.open("FRBRExpression", &[]);
    w.text_element("FRBRthis", &[("value", format!("{expr}/!main"))], "");
    w.text_element("FRBRuri", &[("value", expr.clone())], "");
    w.text_element("FRBRdate", &frbr_date(), "");
    w.text_element("FRBRauthor", &author(), "");
    w.text_element("FRBRlanguage", &[("language", "jpn".to_string())], "");
    w.close("FRBRExpression");
    w.open("FRBRManifestation", &[]);
    w.text_element("FRBRthis", &[("value", format!("{expr}/!main.xml"))], "");
    w.text_element("FRBRuri", &[("value", format!("{expr}/.akn"))], "");
    w.text_element("FRBRdate", &frbr_date(), "");
    w.text_element("FRBRauthor", &author(), "");
    w.close("FRBRManifestation");
    w.close("identification");
    w.open("references", &[("source", "#kitei".to_string())]);
    let org = [
        ("eId", "kitei".to_string()),
        ("href", "/ontology/organization/kitei".to_string()),
        ("showAs", "kitei".to_string()),
    ];
    w.text_element("TLCOrganization", &org, "");
    w.close("references");
    w.close("meta");
}

fn preface(w: &mut Writer, doc: &Document) {
    w.open("preface", &[]);
    inline_p(w, "docTitle", &doc.title);
    if let Some(n) = &doc.number {
        inline_p(w, "docNumber", n);
    }
    if let Some(toc) = doc.toc() {
        w.open("toc", &[]);
        toc_items(w, toc, 1);
        w.close("toc");
    }
    w.close("preface");
}

/// `<p><docTitle>…</docTitle></p>`.
/// `<heading>` with the heading's ruby as `<inline name="ruby" title="reading">base</inline>`.
fn heading(w: &mut Writer, h: &str, markup: Option<&String>) {
    let rubies = crate::export::text::ruby_spans(h, markup);
    if rubies.is_empty() {
        return w.text_element("heading", &[], h);
    }
    w.newline();
    w.tag("heading", &[], false);
    let mut at = 0;
    for (a, b, reading) in rubies.into_iter().filter(|(a, b, _)| a < b) {
        if a < at {
            continue;
        }
        w.out.push_str(&escape(&h[at..a]));
        w.tag("inline", &[("name", "ruby".to_string()), ("title", reading.to_string())], false);
        w.out.push_str(&escape(&h[a..b]));
        w.out.push_str("</inline>");
        at = b;
    }
    w.out.push_str(&escape(&h[at..]));
    w.out.push_str("</heading>");
}

fn inline_p(w: &mut Writer, el: &str, text: &str) {
    w.newline();
    w.out.push_str("<p><");
    w.out.push_str(el);
    w.out.push('>');
    w.out.push_str(&escape(text));
    w.out.push_str("</");
    w.out.push_str(el);
    w.out.push_str("></p>");
}

fn toc_items(w: &mut Writer, parent: &Node, level: usize) {
    for e in &parent.children {
        let target = match e.id.strip_prefix("toc__").unwrap_or(&e.id) {
            "suppl" => "suppl_1",
            t => t,
        };
        let mut text = e.label.clone();
        if let Some(h) = &e.heading {
            text.push('\u{3000}');
            text.push_str(h);
        }
        text.push_str(&e.text);
        let attrs = [("eId", e.id.clone()), ("href", format!("#{target}")), ("level", level.to_string())];
        w.text_element("tocItem", &attrs, &text);
        toc_items(w, e, level + 1);
    }
}

/// The Akoma Ntoso element of a node kind.
fn element(kind: Kind) -> &'static str {
    match kind {
        Kind::Part => "part",
        Kind::Chapter => "chapter",
        Kind::Section => "section",
        Kind::Subsection => "subsection",
        Kind::Division => "division",
        Kind::Article => "article",
        Kind::Paragraph => "paragraph",
        Kind::Item | Kind::Subitem => "point",
        _ => "hcontainer",
    }
}

/// A hierarchy element: `num`, `heading`, then `content`, or `intro` + children + `wrapUp`.
fn hier(w: &mut Writer, n: &Node) {
    if matches!(n.kind, Kind::Table | Kind::TableRow | Kind::TableCell) {
        // A table outside any provision: wrap it.
        w.open("hcontainer", &[("eId", format!("{}__wrap", n.id)), ("name", "table".to_string())]);
        w.open("content", &[]);
        table(w, n);
        w.close("content");
        w.close("hcontainer");
        return;
    }
    let el = element(n.kind);
    let mut attrs = vec![("eId", n.id.clone())];
    if el == "hcontainer" {
        let name = match n.kind {
            Kind::SupplProvision => "supplProvision".to_string(),
            Kind::Appendix => "appendix".to_string(),
            _ => n.attrs.get("egov").cloned().unwrap_or_else(|| n.kind.as_str().to_string()),
        };
        attrs.push(("name", name));
    }
    w.open(el, &attrs);
    if !n.label.is_empty() {
        w.text_element("num", &[], &n.label);
    }
    if let Some(h) = &n.heading {
        heading(w, h, n.attrs.get("heading_markup"));
    }
    let is_hier = |c: &Node| !matches!(c.kind, Kind::Table | Kind::TableRow | Kind::TableCell);
    let first = n.children.iter().position(is_hier);
    match first {
        None => {
            w.open("content", &[]);
            blocks(w, n, &n.children.iter().collect::<Vec<_>>());
            w.close("content");
        }
        Some(first) => {
            let last = n.children.iter().rposition(is_hier).unwrap_or(first);
            let before: Vec<&Node> = n.children[..first].iter().collect();
            if !n.text.is_empty() || !before.is_empty() {
                w.open("intro", &[]);
                blocks(w, n, &before);
                w.close("intro");
            }
            for c in &n.children[first..=last] {
                hier(w, c);
            }
            let after: Vec<&Node> = n.children[last + 1..].iter().collect();
            if !after.is_empty() {
                w.open("wrapUp", &[]);
                for t in after {
                    table(w, t);
                }
                w.close("wrapUp");
            }
        }
    }
    w.close(el);
}

/// The node's own text as a `<p>` (always one, so that `content` is never empty), then its tables.
fn blocks(w: &mut Writer, n: &Node, tables: &[&Node]) {
    if !n.text.is_empty() || tables.is_empty() {
        w.text_element("p", &[], &n.text);
    }
    for t in tables {
        table(w, t);
    }
}

/// A table (rows of cells holding paragraphs of text).
fn table(w: &mut Writer, n: &Node) {
    match n.kind {
        Kind::Table => {
            w.open("table", &[("eId", n.id.clone())]);
            let rows: Vec<&Node> = n.children.iter().filter(|c| c.kind == Kind::TableRow).collect();
            if rows.is_empty() {
                w.open("tr", &[]);
                w.open("td", &[]);
                w.text_element("p", &[], &n.full_text());
                w.close("td");
                w.close("tr");
            }
            for r in rows {
                w.open("tr", &[("eId", r.id.clone())]);
                for c in &r.children {
                    let mut attrs = vec![("eId", c.id.clone())];
                    for (k, a) in [("rowspan", "rowspan"), ("colspan", "colspan")] {
                        if let Some(v) = c.attrs.get(k).filter(|v| v.parse::<u32>().is_ok()) {
                            attrs.push((a, v.clone()));
                        }
                    }
                    w.open("td", &attrs);
                    w.text_element("p", &[], &c.full_text());
                    w.close("td");
                }
                w.close("tr");
            }
            // Text hanging below the table (remarks, notes) follows as paragraphs inside its last cell's
            // table would be invalid, so it is kept as a trailing row.
            let rest: Vec<&Node> = n.children.iter().filter(|c| c.kind != Kind::TableRow).collect();
            if !rest.is_empty() {
                w.open("tr", &[]);
                w.open("td", &[]);
                for c in rest {
                    w.text_element("p", &[], &c.full_text());
                }
                w.close("td");
                w.close("tr");
            }
            w.close("table");
        }
        _ => w.text_element("p", &[("eId", n.id.clone())], &n.full_text()),
    }
}
