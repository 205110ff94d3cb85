//! The view structs the templates see: flat rows of bilingual provisions, tables of contents, version lists.
//! Text fields ending in `_html` are already escaped (and marked up); everything else is plain text that the
//! templates escape.
//!
//! ```
//! use kitei::render::view::{rows_for, RowInputs};
//! let doc = kitei::parse::parse_str("規程\n第1条　前条の<script>。\n").unwrap();
//! let rows = rows_for(&RowInputs { ja: &doc, en: None, alignment: None, changed: &Default::default(), compare_href: None });
//! assert_eq!(rows[0].id, "art_1");
//! assert!(rows[1].ja_html.contains("&lt;script&gt;"));
//! assert!(rows[1].en_missing);
//! ```

use super::glossary::en_label;
use super::markup::{escape, Markup};
use super::translation::{is_translatable, Alignment};
use super::xref::{english_links, links};
use crate::model::{walk, Document, Kind, Node};
use crate::refs::terms::find_definitions;
use crate::refs::{Position, Resolver};
use serde::Serialize;
use std::collections::{BTreeMap, HashSet};
use std::fmt::Write;

/// One bilingual row: a heading (章, 条, 附則) or a provision (項, 号…).
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    /// The model ID (the anchor).
    pub id: String,
    /// The node kind (`article`, `paragraph`…).
    pub kind: &'static str,
    /// Indentation: 0 for headings and articles, 1 for paragraphs, 2 for items, 3+ for subitems.
    pub depth: u8,
    /// The heading level (2–6) for heading rows, 0 for text rows.
    pub heading_level: u8,
    /// Japanese label as written (`第1条`, `２`, `(1)`).
    pub ja_label: String,
    /// Japanese caption.
    pub ja_heading: Option<String>,
    /// Japanese text, escaped and marked up.
    pub ja_html: String,
    /// English label.
    pub en_label: String,
    /// English caption.
    pub en_heading: Option<String>,
    /// English text, escaped.
    pub en_html: String,
    /// No English for this row (the label comes from the built-in glossary).
    pub en_missing: bool,
    /// The version has no translation at all: the row is written in one column, without an English side.
    pub en_absent: bool,
    /// The provision changed since the translated version.
    pub en_stale: bool,
    /// A 削除 placeholder.
    pub deleted: bool,
    /// `compare-….html#ID` when the last comparison reports this provision as changed.
    pub changed_href: Option<String>,
    /// What changed (新設, 改正…).
    pub changed_kind: Option<String>,
    /// The article's number written inline before this row's text, as e-Gov and JLT print an article
    /// (「第一条　この規程は…」, "Article 1  These…"): set on the first 項 of an article, and on an article
    /// whose own text stands without 項 (「第五条　削除」). Japanese and English.
    pub lead: Option<(String, String)>,
    /// A 附則 without its act's date and number in the text: the date it comes into force, read from its
    /// text (「平成26年4月1日施行」, "effective April 1, 2014"), to tell it from the other 附則. Japanese and
    /// English (empty when the English has none).
    pub suppl_note: Option<(String, String)>,
    /// An article whose number is shown inline by [`Row::lead`] (on itself or its first 項): its heading
    /// carries the caption only to the eye.
    pub number_inline: bool,
    /// A table cell's spans as HTML attributes (` rowspan="2" colspan="3"`, from the e-Gov XML), else empty.
    pub cell_span: String,
}

/// What [`rows_for`] needs.
pub struct RowInputs<'a> {
    /// The Japanese version.
    pub ja: &'a Document,
    /// Its translation.
    pub en: Option<&'a Document>,
    /// How the translation lines up (`None`: by ID).
    pub alignment: Option<&'a Alignment>,
    /// Changed provisions from the comparison with the previous version: ID → (anchor of its row on the
    /// 新旧対照表 page, change kind in Japanese).
    pub changed: &'a BTreeMap<String, (String, String)>,
    /// The comparison page (`compare-2016-01-01_2027-04-01.html`).
    pub compare_href: Option<&'a str>,
}

/// Every ID of a document.
pub fn all_ids(doc: &Document) -> HashSet<String> {
    let mut s = HashSet::new();
    walk::walk(doc, &mut |n| {
        s.insert(n.id.clone());
    });
    s
}

fn index(doc: &Document) -> BTreeMap<&str, &Node> {
    let mut m = BTreeMap::new();
    walk::walk(doc, &mut |n| {
        m.insert(n.id.as_str(), n);
    });
    m
}

/// The rows of a version page, in document order.
pub fn rows_for(inp: &RowInputs) -> Vec<Row> {
    let ids = all_ids(inp.ja);
    let defs = find_definitions(inp.ja);
    let markup = Markup::new(&ids, &defs);
    let resolver = Resolver::new(inp.ja);
    let en_index = inp.en.map(index).unwrap_or_default();
    let mut rows = Vec::new();
    walk::walk_with_ancestors(inp.ja, &mut |n, anc| {
        let pos = Position::of(n, anc);
        let groups = anc.iter().filter(|a| a.kind.is_group()).count() as u8;
        let provision_depth = anc.iter().filter(|a| a.kind.is_provision()).count() as u8;
        let (heading_level, depth) = match n.kind {
            k if k.is_group() => (2 + groups, 0),
            Kind::Article => (2 + groups + anc.iter().any(|a| a.kind == Kind::SupplProvision) as u8, 0),
            Kind::SupplProvision | Kind::Toc | Kind::Appendix => (2, 0),
            _ => (0, provision_depth.max(1)),
        };
        let en_id = match inp.alignment {
            Some(a) => a.en_id.get(&n.id).cloned(),
            None => Some(n.id.clone()),
        };
        let en = en_id.as_deref().and_then(|e| en_index.get(e).copied());
        // English labels are written only beside a translation (`rows_html` stops at the Japanese column of a
        // version without one, and the contents page shows parts' English only with it): none are made without.
        let siblings = || anc.last().map(|p| p.children_of(Kind::Paragraph).count()).unwrap_or(1);
        let ja_html = match n.kind {
            Kind::TocEntry => {
                toc_entry_html(n, &n.label, n.heading.as_deref(), &ids)
                    + &markup.render(&n.text, &n.id, &links(&resolver, &pos, &n.text))
            }
            _ => markup.render(&n.text, &n.id, &links(&resolver, &pos, &n.text)),
        };
        let en_html = match (n.kind, en) {
            (Kind::TocEntry, Some(e)) => {
                let range = if e.text.is_empty() { String::new() } else { format!(" {}", escape(&e.text)) };
                toc_entry_html(n, &e.label, e.heading.as_deref(), &ids) + &range
            }
            (_, Some(e)) => markup.render_en(&e.text, &english_links(&resolver, &pos, &e.text)),
            _ => String::new(),
        };
        let en_label = match en {
            _ if n.kind == Kind::TocEntry || inp.en.is_none() => String::new(),
            Some(e) if n.kind.is_provision() => en_label(e, siblings()),
            Some(e) if !e.label.is_empty() => e.label.clone(),
            _ => en_label(n, siblings()),
        };
        let en_missing = inp.en.is_none() || (en.is_none() && is_translatable(n));
        let (changed_href, changed_kind) = match (inp.changed.get(&n.id), inp.compare_href) {
            (Some((anchor, kind)), Some(href)) => (Some(format!("{href}#{anchor}")), Some(kind.clone())),
            _ => (None, None),
        };
        let lead_of = |a: &Node, en_art: Option<&Node>| -> (String, String) {
            let en = match en_art {
                _ if inp.en.is_none() => String::new(),
                Some(e) if !e.label.is_empty() => e.label.clone(),
                Some(e) => super::glossary::en_label(e, 1),
                None => super::glossary::en_label(a, 1),
            };
            (a.label.clone(), en)
        };
        let en_parent = |a: &Node| {
            let id = match inp.alignment {
                Some(al) => al.en_id.get(&a.id).cloned(),
                None => Some(a.id.clone()),
            };
            id.and_then(|i| en_index.get(i.as_str()).copied())
        };
        let (lead, number_inline) = match (n.kind, anc.last()) {
            (Kind::Paragraph, Some(a)) if a.kind == Kind::Article && first_para(a) == Some(n.id.as_str()) => {
                (Some(lead_of(a, en_parent(a))), false)
            }
            (Kind::Article, _) if !n.text.is_empty() => (Some(lead_of(n, en)), true),
            (Kind::Article, _) => (None, first_para(n).is_some()),
            _ => (None, false),
        };
        let suppl_note = match n.kind {
            Kind::SupplProvision if n.heading.as_deref().is_none_or(str::is_empty) => {
                super::suppl::effective_ja(&n.full_text()).map(|d| {
                    let en = en.and_then(|e| super::suppl::effective_en(&e.full_text())).unwrap_or_default();
                    (d, en)
                })
            }
            _ => None,
        };
        let cell_span = match n.kind {
            Kind::TableCell => ["rowspan", "colspan"]
                .iter()
                .filter_map(|a| n.attrs.get(*a).filter(|v| v.parse::<u16>().is_ok_and(|k| k > 1)).map(|v| (a, v)))
                .map(|(a, v)| format!(" {a}=\"{v}\""))
                .collect(),
            _ => String::new(),
        };
        rows.push(Row {
            cell_span,
            suppl_note,
            lead,
            number_inline,
            id: n.id.clone(),
            kind: n.kind.as_str(),
            depth,
            heading_level: heading_level.min(6),
            ja_label: if n.kind == Kind::TocEntry { String::new() } else { n.label.clone() },
            ja_heading: n.heading.clone(),
            ja_html,
            en_label,
            en_heading: en.and_then(|e| e.heading.clone()),
            en_html,
            en_missing,
            en_absent: inp.en.is_none(),
            en_stale: inp.alignment.is_some_and(|a| a.stale.contains(&n.id)) && en.is_some(),
            deleted: n.deleted,
            changed_href,
            changed_kind,
        });
    });
    rows
}

/// The ID of an article's first 項.
fn first_para(a: &Node) -> Option<&str> {
    a.children_of(Kind::Paragraph).next().map(|p| p.id.as_str())
}

fn toc_entry_html(n: &Node, label: &str, heading: Option<&str>, ids: &HashSet<String>) -> String {
    let target = match n.attrs.get("target").map(String::as_str) {
        Some("suppl") => Some("suppl_1".to_string()),
        _ => n.id.strip_prefix("toc__").map(str::to_string),
    };
    let text = match heading {
        Some(h) => format!("{label} {h}"),
        None => label.to_string(),
    };
    match target.filter(|t| ids.contains(t)) {
        Some(t) => format!("<a href=\"#{t}\">{}</a>", escape(&text)),
        None => escape(&text),
    }
}

/// One entry of the navigation table of contents.
#[derive(Debug, Clone, Serialize)]
pub struct TocItem {
    /// `#chp_1`.
    pub href: String,
    /// Japanese label and caption.
    pub ja: String,
    /// English label and caption.
    pub en: String,
    /// Nesting (0 = top).
    pub depth: u8,
}

/// The navigation table of contents: groups, articles and 附則 (built from the rows).
pub fn toc_items(rows: &[Row]) -> Vec<TocItem> {
    let mut out = Vec::new();
    for r in rows {
        let is_nav = matches!(
            r.kind,
            "article" | "suppl_provision" | "part" | "chapter" | "section" | "subsection" | "division"
        );
        if !is_nav || r.id.contains("__art_") {
            continue;
        }
        let join = |l: &str, h: &Option<String>| match h {
            Some(h) if !h.is_empty() => format!("{l} {h}"),
            _ => l.to_string(),
        };
        let (note_ja, note_en) = match &r.suppl_note {
            Some((j, e)) => {
                (format!("（{j}施行）"), if e.is_empty() { String::new() } else { format!(" (effective {e})") })
            }
            None => Default::default(),
        };
        let heading_ja =
            r.ja_heading.as_ref().filter(|h| !h.is_empty() && r.kind == "suppl_provision").map(|h| format!("（{h}）"));
        let ja = match heading_ja {
            Some(h) => format!("{}{h}", r.ja_label),
            None => join(&r.ja_label, &r.ja_heading) + &note_ja,
        };
        out.push(TocItem {
            href: format!("#{}", r.id),
            ja,
            // A provision without English has no English line (not a placeholder made of its label).
            en: if r.en_missing { String::new() } else { join(&r.en_label, &r.en_heading) + &note_en },
            depth: r.heading_level.saturating_sub(2),
        });
    }
    out
}

/// The entries of the table of contents as `version.html.tera` places them (`toc_html`): one `<li>` each,
/// escaped as the template engine escapes, each followed by the template's line break and indent.
pub fn toc_html(items: &[TocItem]) -> String {
    let mut out = String::with_capacity(items.iter().map(|t| t.ja.len() + t.en.len() + 100).sum());
    for t in items {
        let _ = write!(out, "<li class=\"t-{}\"><a href=\"{}\">", t.depth, tera::escape_html(&t.href));
        let _ = write!(out, "<span class=\"toc-ja\">{}</span>", tera::escape_html(&t.ja));
        if !t.en.is_empty() {
            let _ = write!(out, " <span class=\"toc-en\" lang=\"en\">{}</span>", tera::escape_html(&t.en));
        }
        out.push_str("</a></li>\n  ");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_of_contents_reads_as_the_template_loop_wrote_it() {
        // The loop `version.html.tera` had, rendered by tera with its escaping (& < > " ' /).
        let looped = "{% for t in toc %}<li class=\"t-{{ t.depth }}\"><a href=\"{{ t.href }}\"><span class=\"toc-ja\">\
            {{ t.ja }}</span>{% if t.en %} <span class=\"toc-en\" lang=\"en\">{{ t.en }}</span>{% endif %}</a></li>\n  \
            {% endfor %}";
        let item =
            |href: &str, ja: &str, en: &str, depth| TocItem { href: href.into(), ja: ja.into(), en: en.into(), depth };
        let toc = vec![
            item("#chp_1", "第一章　総則", "Chapter I General Provisions", 0),
            item("#art_1", "第一条 <目的> & \"趣旨\"", "", 1),
            item("#art_2", "第二条", "Article 2 (A/B's)", 2),
        ];
        let mut tera = tera::Tera::default();
        tera.autoescape_on(vec![".html"]);
        tera.add_raw_template("toc.html", looped).unwrap();
        let mut ctx = tera::Context::new();
        ctx.insert("toc", &toc);
        assert_eq!(toc_html(&toc), tera.render("toc.html", &ctx).unwrap());
        assert_eq!(toc_html(&[]), "");
    }

    #[test]
    fn each_suppl_provision_is_told_apart_in_the_contents() {
        let doc = crate::parse::parse_str(
            "規程\n第1条　甲\n附　則\nこの規程は、総務大臣の認可のあった日から施行する。\n附　則\nこの規程は、平成26年4月1日から施行する。\n附　則（令和三年三月三十一日規程第五号）\nこの規程は、令和三年四月一日から施行する。\n",
        )
        .unwrap();
        let changed = BTreeMap::new();
        let rows = rows_for(&RowInputs { ja: &doc, en: None, alignment: None, changed: &changed, compare_href: None });
        let toc: Vec<String> =
            toc_items(&rows).into_iter().filter(|t| t.href.starts_with("#suppl")).map(|t| t.ja).collect();
        assert_eq!(toc, ["附　則", "附　則（平成26年4月1日施行）", "附　則（令和三年三月三十一日規程第五号）"]);
        // The body says the same.
        let html = super::super::rows_html::rows_html(&rows, "2021-04-01");
        assert!(html.contains("<span class=\"suppl-note\">（平成26年4月1日施行）</span>"), "{html}");
        assert!(html.contains("附　則</span>（令和三年三月三十一日規程第五号）</h2>"), "{html}");
    }
}
