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
use super::terms::find_definitions;
use super::translation::{is_translatable, Alignment};
use super::xref::{english_links, links};
use crate::model::{walk, Document, Kind, Node};
use crate::refs::{Position, Resolver};
use serde::Serialize;
use std::collections::{BTreeMap, HashSet};

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
    /// The provision changed since the translated version.
    pub en_stale: bool,
    /// A 削除 placeholder.
    pub deleted: bool,
    /// `compare-….html#ID` when the last comparison reports this provision as changed.
    pub changed_href: Option<String>,
    /// What changed (新設, 改正…).
    pub changed_kind: Option<String>,
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
        let siblings = anc.last().map(|p| p.children_of(Kind::Paragraph).count()).unwrap_or(1);
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
            _ if n.kind == Kind::TocEntry => String::new(),
            Some(e) if n.kind.is_provision() => en_label(e, siblings),
            Some(e) if !e.label.is_empty() => e.label.clone(),
            _ => en_label(n, siblings),
        };
        let en_missing = inp.en.is_none() || (en.is_none() && is_translatable(n));
        let (changed_href, changed_kind) = match (inp.changed.get(&n.id), inp.compare_href) {
            (Some((anchor, kind)), Some(href)) => (Some(format!("{href}#{anchor}")), Some(kind.clone())),
            _ => (None, None),
        };
        rows.push(Row {
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
            en_stale: inp.alignment.is_some_and(|a| a.stale.contains(&n.id)) && en.is_some(),
            deleted: n.deleted,
            changed_href,
            changed_kind,
        });
    });
    rows
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
        out.push(TocItem {
            href: format!("#{}", r.id),
            ja: join(&r.ja_label, &r.ja_heading),
            en: join(&r.en_label, &r.en_heading),
            depth: r.heading_level.saturating_sub(2),
        });
    }
    out
}
