//! The impact of an amendment: a review list of what else an OLD → NEW change touches.
//!
//! [`analyse`] compares the two versions with the diff engine and lists, in sections:
//!
//! - [`terms`]: definitions (用語の定義 items, 「以下「X」という。」, 「…とは、…をいう。」) that changed, were
//!   added or removed, and every provision of NEW that uses each term (and of OLD, for removed ones);
//! - [`citations`]: renumbered or removed provisions and every provision citing them, with whether NEW's
//!   wording followed, and the diff's ハネ warnings (references that now point somewhere else) with the fix;
//! - [`obligations`]: checklist entries added, removed, or whose wording, classification or party changed
//!   (義務 → 努力義務 is a real change even when the words barely move);
//! - [`others`]: other regulations (a 賃金規程 citing 「就業規則第21条」, a 施行規則 citing 「法第26条」) that
//!   cite renumbered, removed or reworded provisions, by regulation.
//!
//! Every finding cites the provision (第N条第M項), quotes its words, and links to it when the caller gives
//! the pages of a built site ([`Links`]). [`render`] writes the list as Markdown, JSON or HTML.
//!
//! ```
//! let old = kitei::parse::parse_str("規程\n第1条　甲を定める。\n第2条　乙を定める。\n第3条　第2条の規定による。\n").unwrap();
//! let new = kitei::parse::parse_str("規程\n第1条　乙を定める。\n第2条　第2条の規定による。\n").unwrap();
//! let report = kitei::impact::analyse(&old, &new, None, &kitei::impact::Links::default());
//! assert_eq!(report.others, None); // no other regulation was looked at
//! assert_eq!(report.citations.moved[0].old.citation, "第1条"); // removed
//! let moved = &report.citations.moved[1];
//! assert_eq!(moved.old.citation, "第2条");
//! assert_eq!(moved.new.as_ref().unwrap().citation, "第1条");
//! assert_eq!(moved.citers[0].status, kitei::impact::citations::Status::Stale);
//! ```

pub mod citations;
pub mod obligations;
pub mod others;
pub mod render;
pub mod terms;

use crate::diff::{compare, CompareOptions, Comparison};
use crate::model::{walk, Document, Node};
use crate::refs::cite::cite;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// A provision named in a finding: its ID, how it is cited, the words quoted, and a link to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Cite {
    /// The provision's ID in its version.
    pub id: String,
    /// How it is cited (第21条第2項).
    pub citation: String,
    /// The words quoted (the provision's text, or the part around a reference).
    pub quote: String,
    /// The provision on the built site, when the caller gave its page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
}

/// Where the versions' pages are on a built site (`2027-04-01.html`, relative or absolute); links are the
/// page followed by `#` and the provision's ID. Empty by default: no links.
#[derive(Debug, Clone, Default)]
pub struct Links {
    /// OLD's page.
    pub old: Option<String>,
    /// NEW's page.
    pub new: Option<String>,
    /// Other regulations' pages, by their name in [`Other::name`].
    pub others: BTreeMap<String, String>,
}

/// Another regulation of the same folder, which may cite this one.
#[derive(Debug, Clone, Copy)]
pub struct Other<'a> {
    /// How it is named in the output (its title or file name).
    pub name: &'a str,
    /// The regulation.
    pub doc: &'a Document,
}

/// The review list.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Impact {
    /// OLD's title.
    pub old_title: String,
    /// NEW's title.
    pub new_title: String,
    /// Changed, added and removed definitions and where the terms are used.
    pub terms: Vec<terms::TermChange>,
    /// Renumbered and removed provisions, their citers, and ハネ.
    pub citations: citations::Citations,
    /// Checklist entries that changed.
    pub obligations: obligations::Obligations,
    /// Citations from other regulations, by regulation; `None` when no other regulation was looked at (none
    /// given, or a collection too large to load), which is not the same as none citing this one.
    pub others: Option<Vec<others::OtherRegulation>>,
}

impl Impact {
    /// True when the list reports a reference that must still be amended: a citer left naming a renumbered
    /// provision ([`citations::Status::Stale`]) or a removed one ([`citations::Status::Dangling`]), a ハネ
    /// warning, or another regulation citing a provision that was renumbered or removed. `kitei impact
    /// --exit-code` exits 1 then.
    pub fn has_stale_references(&self) -> bool {
        use citations::Status;
        let mut citers = self.citations.moved.iter().flat_map(|m| &m.citers);
        citers.any(|c| matches!(c.status, Status::Stale | Status::Dangling))
            || !self.citations.hane.is_empty()
            || self.others.iter().flatten().flat_map(|o| &o.citations).any(|c| c.fix.is_some())
    }
}

/// One version's provisions, indexed for findings: ID → citation, and the version's page.
pub(crate) struct Side<'a> {
    pub doc: &'a Document,
    cites: HashMap<&'a str, String>,
    nodes: HashMap<&'a str, &'a Node>,
    page: Option<&'a str>,
}

impl<'a> Side<'a> {
    pub(crate) fn new(doc: &'a Document, page: Option<&'a str>) -> Side<'a> {
        let mut cites = HashMap::new();
        let mut nodes = HashMap::new();
        walk::walk_with_ancestors(doc, &mut |n, anc| {
            if !n.id.is_empty() {
                cites.entry(n.id.as_str()).or_insert_with(|| cite(n, anc));
                nodes.entry(n.id.as_str()).or_insert(n);
            }
        });
        Side { doc, cites, nodes, page }
    }

    /// The node with ID `id` (the first, as [`Document::find`] finds it), looked up by hash.
    pub(crate) fn node(&self, id: &str) -> Option<&'a Node> {
        self.nodes.get(id).copied()
    }

    /// How a provision is cited (its ID when it has no citation).
    pub(crate) fn citation(&self, id: &str) -> String {
        self.cites.get(id).cloned().unwrap_or_else(|| id.to_string())
    }

    /// A finding's reference to a provision, quoting `quote`.
    pub(crate) fn cite(&self, id: &str, quote: impl Into<String>) -> Cite {
        Cite {
            id: id.to_string(),
            citation: self.citation(id),
            quote: quote.into(),
            link: self.page.map(|p| format!("{p}#{id}")),
        }
    }
}

/// The words around byte range `range` of `text`: up to 12 characters either side, with … where cut.
pub fn quote_around(text: &str, range: std::ops::Range<usize>) -> String {
    let before: Vec<char> = text[..range.start].chars().collect();
    let after: Vec<char> = text[range.end..].chars().collect();
    let from = before.len().saturating_sub(12);
    let to = after.len().min(12);
    let mut s = String::new();
    if from > 0 {
        s.push('…');
    }
    s.extend(&before[from..]);
    s.push_str(&text[range]);
    s.extend(&after[..to]);
    if to < after.len() {
        s.push('…');
    }
    s
}

/// The review list for the amendment OLD → NEW, with the other regulations of the folder (`None`: not looked
/// at, and the list says so).
pub fn analyse(old: &Document, new: &Document, others: Option<&[Other<'_>]>, links: &Links) -> Impact {
    let cmp = compare(old, new, &CompareOptions::default());
    analyse_with(old, new, &cmp, others, links)
}

/// [`analyse`] with a comparison already made (as the site has).
pub fn analyse_with(
    old: &Document,
    new: &Document,
    cmp: &Comparison,
    others: Option<&[Other<'_>]>,
    links: &Links,
) -> Impact {
    let o = Side::new(old, links.old.as_deref());
    let n = Side::new(new, links.new.as_deref());
    let id_map = cmp.id_map();
    Impact {
        old_title: old.title.clone(),
        new_title: new.title.clone(),
        terms: terms::changes(&o, &n, &id_map),
        citations: citations::find(&o, &n, cmp, &id_map),
        obligations: obligations::changes(&o, &n, &id_map),
        others: others.map(|others| others::find(&o, &n, cmp, &id_map, others, &links.others)),
    }
}

#[cfg(test)]
mod tests {
    /// history and impact consume model, diff, refs and checklist; none of those may import them.
    #[test]
    fn the_layers_below_do_not_import_history_or_impact() {
        let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut stack: Vec<std::path::PathBuf> =
            ["model", "diff", "refs", "checklist", "parse"].iter().map(|d| src.join(d)).collect();
        let mut files = 0;
        while let Some(p) = stack.pop() {
            if p.is_dir() {
                stack.extend(std::fs::read_dir(&p).unwrap().map(|e| e.unwrap().path()));
            } else if p.extension().is_some_and(|e| e == "rs") {
                files += 1;
                let text = std::fs::read_to_string(&p).unwrap();
                for bad in ["crate::history", "crate::impact", "kitei::history", "kitei::impact"] {
                    assert!(!text.contains(bad), "{} uses {bad}", p.display());
                }
            }
        }
        assert!(files > 20);
    }
}
