//! A provision's whole history: a stable identity for each provision across every version of a regulation.
//!
//! [`build`] compares each pair of consecutive versions with the diff engine ([`crate::diff::compare`]) and
//! chains its alignments: a provision of version *k* continues the chain of the provision of version *k−1*
//! that the 新旧対照表 pairs it with, whatever its number became (renumbering, moves, a 削除 placeholder). A
//! provision the alignment pairs with nothing starts a new chain (added), and a chain ends where its
//! provision was removed. Every node with an ID (provisions, headings, 目次 lines, tables) of every version is
//! in exactly one [`Chain`]. IDs still follow
//! the text (`art_21` is 第21条 of that version); the chain's [`Chain::key`] (the first version's label and
//! ID, `2016-01-01:art_21`) is the extra, stable identity.
//!
//! The alignment pairs provisions one to one, so a split or a merge shows as the end of one chain and the
//! start of others: the history never claims a lineage the 新旧対照表 does not show.
//!
//! [`query::find`] looks a provision up (第21条, `art_21`, or a phrase of its text) and [`render`] writes a
//! chain as Markdown, text, JSON or HTML. The site's history pages (`render/history_page.rs`) call
//! [`build_with`] with the comparisons it has already made, and [`render::html_fragment`].
//!
//! ```
//! use kitei::history::{build, Version};
//! let v1 = kitei::parse::parse_str("規程\n第1条　甲\n第2条　乙\n第3条　丙\n").unwrap();
//! let v2 = kitei::parse::parse_str("規程\n第1条　甲\n第2条　丙\n").unwrap();
//! let h = build(&[Version::new("v1", &v1), Version::new("v2", &v2)]);
//! let chain = &h.chains[h.chain_of(1, "art_2").unwrap()];
//! assert_eq!(chain.key, "v1:art_3");
//! assert_eq!(chain.steps[0].label, "第3条");
//! assert!(chain.steps[1].change.number);
//! assert_eq!(h.chains[h.chain_of(0, "art_2").unwrap()].removed_in, Some(1));
//! ```

pub mod query;
pub mod render;

use crate::diff::{compare, inline::diff_text, Aligned, ChangeKind, CompareOptions, Comparison, InlineOp};
use crate::model::{walk, Document, Kind, Node};
use crate::refs::cite;
use serde::Serialize;
use std::collections::HashMap;

/// One version of the regulation, with a label (its effective date or file name).
#[derive(Debug, Clone, Copy)]
pub struct Version<'a> {
    /// How the version is named in the output (`2016-01-01`).
    pub label: &'a str,
    /// The parsed version.
    pub doc: &'a Document,
}

impl<'a> Version<'a> {
    /// A labelled version.
    pub fn new(label: &'a str, doc: &'a Document) -> Version<'a> {
        Version { label, doc }
    }
}

/// What changed at one step of a chain, from the previous version to this one.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct StepChange {
    /// New in this version (or the chain's first version is not the first one).
    pub added: bool,
    /// The number changed (繰下げ/繰上げ).
    pub number: bool,
    /// Taken out of its order among its siblings.
    pub moved: bool,
    /// The caption, the text or anything below changed.
    pub wording: bool,
    /// It became a 削除 placeholder in this version.
    pub deleted: bool,
}

impl StepChange {
    /// True when nothing changed.
    pub fn is_empty(&self) -> bool {
        *self == StepChange::default()
    }

    /// The changes in words (「番号変更・改正」), or 「変更なし」.
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        for (on, name) in [
            (self.added, "新設"),
            (self.number, "番号変更"),
            (self.moved, "移動"),
            (self.deleted, "削除"),
            (self.wording && !self.deleted, "改正"),
        ] {
            if on {
                parts.push(name);
            }
        }
        if parts.is_empty() {
            "変更なし".into()
        } else {
            parts.join("・")
        }
    }
}

/// A provision as it stands in one version.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Step {
    /// Index of the version in [`History::versions`].
    pub version: usize,
    /// Its ID there (`art_21`).
    pub id: String,
    /// The label as written (`第二十一条`).
    pub label: String,
    /// How it is cited there (`第21条第2項`).
    pub citation: String,
    /// The caption there.
    pub heading: Option<String>,
    /// Its whole text there (its own and its descendants', one per line).
    pub text: String,
    /// True for a 削除 placeholder.
    pub deleted: bool,
    /// The source line (0 when unknown).
    pub line: u32,
    /// What changed since the previous version.
    pub change: StepChange,
    /// Phrase-level diff of the caption from the previous version (empty when unchanged).
    pub heading_ops: Vec<InlineOp>,
    /// Phrase-level diff of the whole text from the previous version (empty when unchanged).
    pub ops: Vec<InlineOp>,
}

/// One provision across versions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Chain {
    /// The stable identity: the first version's label and the provision's ID there (`2016-01-01:art_21`).
    pub key: String,
    /// The node kind.
    pub kind: Kind,
    /// The versions in which it exists, in order (consecutive).
    pub steps: Vec<Step>,
    /// The version in which it no longer exists (removed), if it ends before the last version.
    pub removed_in: Option<usize>,
}

/// Every provision's chain across the versions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct History {
    /// The version labels, oldest first.
    pub versions: Vec<String>,
    /// The chains, in order of first appearance (document order within a version).
    pub chains: Vec<Chain>,
    /// For each version, provision ID → chain index.
    #[serde(skip)]
    index: Vec<HashMap<String, usize>>,
}

impl History {
    /// The chain holding the provision `id` of version `version`.
    pub fn chain_of(&self, version: usize, id: &str) -> Option<usize> {
        self.index.get(version)?.get(id).copied()
    }

    /// The step of a chain in a given version.
    pub fn step_in(&self, chain: usize, version: usize) -> Option<&Step> {
        self.chains.get(chain)?.steps.iter().find(|s| s.version == version)
    }
}

/// How one provision of NEW is paired with OLD by the alignment.
struct Link {
    old_id: Option<String>,
    number: bool,
    moved: bool,
}

fn links(tree: &[Aligned]) -> HashMap<String, Link> {
    let mut out = HashMap::new();
    let mut stack: Vec<&Aligned> = tree.iter().rev().collect();
    while let Some(a) = stack.pop() {
        if let Some(n) = &a.new {
            let link = Link {
                old_id: a.old.as_ref().map(|o| o.id.clone()),
                number: a.renumbered,
                moved: a.change == Some(ChangeKind::Moved),
            };
            out.insert(n.id.clone(), link);
        }
        stack.extend(a.children.iter().rev());
    }
    out
}

/// The whole text of a node, its own and its descendants', one per line (captions excluded).
fn whole_text(n: &Node) -> String {
    let mut lines = Vec::new();
    walk::walk_node(n, &mut |c| {
        if !c.text.is_empty() {
            lines.push(c.text.as_str());
        }
    });
    lines.join("\n")
}

fn step_of(version: usize, n: &Node, anc: &[&Node]) -> Step {
    Step {
        version,
        id: n.id.clone(),
        label: n.label.clone(),
        citation: cite::cite(n, anc),
        heading: n.heading.clone(),
        text: whole_text(n),
        deleted: n.deleted,
        line: n.span.start.line,
        change: StepChange::default(),
        heading_ops: Vec::new(),
        ops: Vec::new(),
    }
}

/// Builds the history of every provision across `versions` (oldest first).
pub fn build(versions: &[Version<'_>]) -> History {
    let cmps: Vec<Comparison> =
        versions.windows(2).map(|w| compare(w[0].doc, w[1].doc, &CompareOptions::default())).collect();
    build_with(versions, &cmps.iter().collect::<Vec<_>>())
}

/// [`build`] with the comparisons of consecutive versions already made (as the site has): `cmps[k]` compares
/// `versions[k]` with `versions[k + 1]`. A missing one is made here.
pub fn build_with(versions: &[Version<'_>], cmps: &[&Comparison]) -> History {
    let mut chains: Vec<Chain> = Vec::new();
    let mut index: Vec<HashMap<String, usize>> = Vec::with_capacity(versions.len());
    for (v, version) in versions.iter().enumerate() {
        let links = match (v, cmps.get(v.wrapping_sub(1))) {
            (0, _) => HashMap::new(),
            (_, Some(cmp)) => links(&cmp.tree),
            (_, None) => links(&compare(versions[v - 1].doc, version.doc, &CompareOptions::default()).tree),
        };
        let mut here: HashMap<String, usize> = HashMap::new();
        walk::walk_with_ancestors(version.doc, &mut |n, anc| {
            if n.id.is_empty() || here.contains_key(&n.id) {
                return;
            }
            let mut step = step_of(v, n, anc);
            let link = links.get(&n.id);
            let prev = link
                .and_then(|l| l.old_id.as_ref())
                .and_then(|old| index.last().and_then(|m| m.get(old)).copied())
                .filter(|&c| chains[c].steps.last().is_some_and(|s| s.version + 1 == v));
            match prev {
                Some(c) => {
                    let before = chains[c].steps.last().expect("a chain has steps");
                    let l = link.expect("prev comes from a link");
                    step.change.number = l.number;
                    step.change.moved = l.moved;
                    step.change.deleted = step.deleted && !before.deleted;
                    if before.heading != step.heading {
                        step.heading_ops =
                            diff_text(before.heading.as_deref().unwrap_or(""), step.heading.as_deref().unwrap_or(""));
                    }
                    if before.text != step.text {
                        step.ops = diff_text(&before.text, &step.text);
                    }
                    step.change.wording = !step.heading_ops.is_empty() || !step.ops.is_empty();
                    chains[c].steps.push(step);
                    here.insert(n.id.clone(), c);
                }
                None => {
                    step.change.added = v > 0;
                    here.insert(n.id.clone(), chains.len());
                    chains.push(Chain {
                        key: format!("{}:{}", version.label, n.id),
                        kind: n.kind,
                        steps: vec![step],
                        removed_in: None,
                    });
                }
            }
        });
        index.push(here);
    }
    for c in &mut chains {
        let last = c.steps.last().map_or(0, |s| s.version);
        if last + 1 < versions.len() {
            c.removed_in = Some(last + 1);
        }
    }
    History { versions: versions.iter().map(|v| v.label.to_string()).collect(), chains, index }
}

#[cfg(test)]
mod tests;
