//! Comparing two versions of a regulation: the structural diff behind a 新旧対照表 (old/new comparison table).
//!
//! [`compare`] aligns the two trees (章/節, 条, 項, 号 and subitems) by content first and number second, so
//! that renumbering (繰下げ/繰上げ), moves, inserted branch articles (第16条の2) and 削除 placeholders are
//! recognised rather than reported as removed+added. Matched provisions are then diffed inline, phrase by
//! phrase ([`inline`]). References that the amendment left pointing at an old number (ハネ) are reported as
//! warnings ([`stale_references`]).
//!
//! The result, a [`Comparison`], is rendered as a 新旧対照表 in HTML ([`render_html()`]), Markdown
//! ([`render_markdown`]) or terminal text ([`render_text()`]), or serialised as JSON ([`to_json`]).
//!
//! ```
//! use kitei::diff::{compare, ChangeKind, CompareOptions};
//! use kitei::model::{ids::assign_ids, Document, Kind, Node, Num};
//!
//! fn article(n: u32, text: &str) -> Node {
//!     let mut a = Node::new(Kind::Article);
//!     a.num = Some(Num::simple(n));
//!     a.label = format!("第{n}条");
//!     let mut p = Node::new(Kind::Paragraph);
//!     p.num = Some(Num::simple(1));
//!     p.set_text(text);
//!     a.children.push(p);
//!     a
//! }
//! let mut old = Document::new("規程");
//! old.children = vec![article(1, "目的を定める。"), article(2, "総会が定める。")];
//! let mut new = Document::new("規程");
//! new.children = vec![article(1, "目的を定める。"), article(2, "新しい条文。"), article(3, "総会が定める。")];
//! assign_ids(&mut old);
//! assign_ids(&mut new);
//! let cmp = compare(&old, &new, &CompareOptions::default());
//! assert_eq!(cmp.changes[0].kind, ChangeKind::Added);
//! assert_eq!(cmp.changes[1].kind, ChangeKind::Renumbered);
//! assert_eq!(cmp.id_map()["art_2"].as_deref(), Some("art_3"));
//! assert_eq!(cmp.find_change("art_3").unwrap().old_id.as_deref(), Some("art_2"));
//! ```

pub mod align;
pub mod hane;
pub mod inline;
pub mod options;
pub mod render_html;
pub mod render_md;
pub mod render_text;
pub mod summary;
pub mod table;

pub use hane::stale_references;
pub use options::{ColumnHeadings, CompareOptions, RenderOptions, Unchanged};
pub use render_html::render_html;
pub use render_md::render_markdown;
pub use render_text::render_text;
pub use summary::{pair_label, Affected, Summary};

use crate::diagnostic::Diagnostic;
use crate::model::{Document, Kind, Node, Num};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What happened to a provision between the two versions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema)]
pub enum ChangeKind {
    /// Only in NEW (新設).
    #[serde(rename = "added")]
    Added,
    /// Only in OLD (削る).
    #[serde(rename = "removed")]
    Removed,
    /// Same number; its own wording, caption or something below it changed.
    #[serde(rename = "modified")]
    Modified,
    /// Same content under a new number (繰下げ/繰上げ).
    #[serde(rename = "renumbered")]
    Renumbered,
    /// Taken out of its order among its siblings (possibly edited as well).
    #[serde(rename = "moved")]
    Moved,
    /// Renumbered and edited.
    #[serde(rename = "renumbered+modified")]
    RenumberedModified,
}

impl ChangeKind {
    /// The JSON name (`"renumbered+modified"`…).
    pub fn as_str(self) -> &'static str {
        match self {
            ChangeKind::Added => "added",
            ChangeKind::Removed => "removed",
            ChangeKind::Modified => "modified",
            ChangeKind::Renumbered => "renumbered",
            ChangeKind::Moved => "moved",
            ChangeKind::RenumberedModified => "renumbered+modified",
        }
    }

    /// The Japanese name used in summaries (新設, 削る, 改正, 繰下げ等, 移動, 繰下げ等・改正).
    pub fn as_ja(self) -> &'static str {
        match self {
            ChangeKind::Added => "新設",
            ChangeKind::Removed => "削る",
            ChangeKind::Modified => "改正",
            ChangeKind::Renumbered => "番号変更",
            ChangeKind::Moved => "移動",
            ChangeKind::RenumberedModified => "番号変更・改正",
        }
    }

    /// All kinds, in summary order.
    pub const ALL: [ChangeKind; 6] = [
        ChangeKind::Added,
        ChangeKind::Removed,
        ChangeKind::Modified,
        ChangeKind::Renumbered,
        ChangeKind::RenumberedModified,
        ChangeKind::Moved,
    ];
}

/// The kind of an inline operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum OpKind {
    /// Text present in both.
    Equal,
    /// Text only in NEW.
    Insert,
    /// Text only in OLD.
    Delete,
    /// OLD text replaced by NEW text.
    Replace,
}

/// One inline operation. `old` is empty for an insert, `new` for a delete; both equal for `equal`.
/// Concatenating the `old` sides of a list gives the old text, the `new` sides the new text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct InlineOp {
    /// equal, insert, delete or replace.
    pub op: OpKind,
    /// The old text.
    pub old: String,
    /// The new text.
    pub new: String,
}

impl InlineOp {
    /// Unchanged text.
    pub fn equal(text: &str) -> InlineOp {
        InlineOp { op: OpKind::Equal, old: text.into(), new: text.into() }
    }

    /// A change; its kind (insert, delete, replace) follows from which side is empty.
    pub fn change(old: &str, new: &str) -> InlineOp {
        let op = match (old.is_empty(), new.is_empty()) {
            (true, _) => OpKind::Insert,
            (_, true) => OpKind::Delete,
            _ => OpKind::Replace,
        };
        InlineOp { op, old: old.into(), new: new.into() }
    }

    /// True for anything but `equal`.
    pub fn is_change(&self) -> bool {
        self.op != OpKind::Equal
    }
}

/// One side of an aligned pair: a provision as it stands in one version (its own text, not its children's).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Side {
    /// The eId (`art_10__para_2`).
    pub id: String,
    /// The node's kind.
    pub kind: Kind,
    /// The normalised number.
    pub num: Option<Num>,
    /// The label as written (`第十条`, `２`, `(1)`); empty for an unnumbered first 項.
    pub label: String,
    /// The caption (見出し, a chapter's title).
    pub heading: Option<String>,
    /// The node's own text.
    pub text: String,
    /// True for a 削除 placeholder.
    pub deleted: bool,
    /// Subitem depth (1 = イ level); 0 for other kinds.
    pub level: u8,
    /// The source line (0 when unknown).
    pub line: u32,
}

impl Side {
    /// The side of a node.
    pub fn of(n: &Node) -> Side {
        Side {
            id: n.id.clone(),
            kind: n.kind,
            num: n.num.clone(),
            label: n.label.clone(),
            heading: n.heading.clone(),
            text: n.text.clone(),
            deleted: n.deleted,
            level: n.level,
            line: n.span.start.line,
        }
    }
}

/// A node of the alignment tree: a provision in OLD, in NEW or in both, with its aligned children.
/// The tree holds every provision (unchanged ones too), in NEW order with removed ones where they stood.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Aligned {
    /// What happened here; `None` when this provision and everything below it is unchanged.
    pub change: Option<ChangeKind>,
    /// The node kind (NEW's where both exist).
    pub kind: Kind,
    /// Nesting: the number of enclosing 編/章/節/款/目 for a unit of the top-level sequence (so 0 for a 附則
    /// or an article outside any chapter, 1 for an article in a 章, 2 in a 節…); a 項, 号 or subitem is one
    /// deeper than its parent (saturating at 255: a deeper provision shows at that depth).
    pub depth: u8,
    /// The provision in OLD.
    pub old: Option<Side>,
    /// The provision in NEW.
    pub new: Option<Side>,
    /// True when the number changed (both sides present).
    pub renumbered: bool,
    /// True when its own caption or text changed (not its children's).
    pub own_changed: bool,
    /// Inline operations on the caption (empty when both captions are equal or absent).
    pub heading_ops: Vec<InlineOp>,
    /// Inline operations on the node's own text (a single insert or delete for added or removed provisions).
    pub ops: Vec<InlineOp>,
    /// The aligned children.
    pub children: Vec<Aligned>,
}

impl Aligned {
    /// The ID in NEW, else in OLD.
    pub fn id(&self) -> &str {
        self.new.as_ref().or(self.old.as_ref()).map(|s| s.id.as_str()).unwrap_or("")
    }
}

/// One change, flattened out of the alignment tree in NEW order (removed provisions where they stood).
/// Descendants of an added or removed provision are not listed separately; they go with it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Change {
    /// What happened.
    pub kind: ChangeKind,
    /// The node kind (`article`, `paragraph`…).
    pub node: Kind,
    /// Nesting depth (see [`Aligned::depth`]).
    pub depth: u8,
    /// True for a unit of the top-level sequence (an article of the main provision, a 編/章/節 heading, a 附則,
    /// a 別表, the 目次); false for a 項, 号 or subitem, or an article inside a 附則.
    pub top_level: bool,
    /// The ID in OLD (`null` when added).
    pub old_id: Option<String>,
    /// The ID in NEW (`null` when removed).
    pub new_id: Option<String>,
    /// The label in OLD.
    pub old_label: Option<String>,
    /// The label in NEW.
    pub new_label: Option<String>,
    /// The caption in OLD.
    pub old_heading: Option<String>,
    /// The caption in NEW.
    pub new_heading: Option<String>,
    /// True when its own caption or text changed (false when only something below it did).
    pub own_changed: bool,
    /// Inline operations on the caption (empty when unchanged).
    pub heading_ops: Vec<InlineOp>,
    /// Inline operations on its own text.
    pub ops: Vec<InlineOp>,
}

/// The result of comparing two versions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Comparison {
    /// OLD's title.
    pub old_title: String,
    /// NEW's title.
    pub new_title: String,
    /// Inline operations on the title (empty when unchanged).
    pub title_ops: Vec<InlineOp>,
    /// OLD's number line.
    pub old_number: Option<String>,
    /// NEW's number line.
    pub new_number: Option<String>,
    /// Counts and affected provisions.
    pub summary: Summary,
    /// Every change, in NEW order.
    pub changes: Vec<Change>,
    /// ハネ: references in NEW left pointing at an old number or at a different provision.
    pub warnings: Vec<Diagnostic>,
    /// The whole alignment, unchanged provisions included (what the 新旧対照表 is drawn from).
    #[serde(skip)]
    pub tree: Vec<Aligned>,
}

impl Comparison {
    /// For each provision ID in OLD, its ID in NEW (`None` when removed). Every node of OLD that was aligned
    /// is listed, unchanged ones included (mapped to themselves or to their renumbered ID).
    pub fn id_map(&self) -> BTreeMap<String, Option<String>> {
        let mut map = BTreeMap::new();
        fn go(a: &Aligned, map: &mut BTreeMap<String, Option<String>>) {
            if let Some(o) = &a.old {
                if !o.id.is_empty() {
                    map.insert(o.id.clone(), a.new.as_ref().map(|n| n.id.clone()));
                }
            }
            for c in &a.children {
                go(c, map);
            }
        }
        for a in &self.tree {
            go(a, &mut map);
        }
        map
    }

    /// The reverse of [`Comparison::id_map`]: for each provision ID in NEW, its ID in OLD (`None` when added).
    pub fn reverse_id_map(&self) -> BTreeMap<String, Option<String>> {
        let mut map = BTreeMap::new();
        fn go(a: &Aligned, map: &mut BTreeMap<String, Option<String>>) {
            if let Some(n) = &a.new {
                if !n.id.is_empty() {
                    map.insert(n.id.clone(), a.old.as_ref().map(|o| o.id.clone()));
                }
            }
            for c in &a.children {
                go(c, map);
            }
        }
        for a in &self.tree {
            go(a, &mut map);
        }
        map
    }

    /// The change concerning a provision, looked up by its ID in NEW first, then in OLD.
    pub fn find_change(&self, id: &str) -> Option<&Change> {
        let by_new = self.changes.iter().find(|c| c.new_id.as_deref() == Some(id));
        by_new.or_else(|| self.changes.iter().find(|c| c.old_id.as_deref() == Some(id)))
    }

    /// True when nothing changed (title included).
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty() && self.title_ops.iter().all(|o| !o.is_change())
    }
}

/// Compares two versions of a regulation. Both documents must have their IDs assigned (as every parser does).
pub fn compare(old: &Document, new: &Document, opts: &CompareOptions) -> Comparison {
    let tree = align::align_documents(old, new, opts);
    let mut changes = Vec::new();
    for a in &tree {
        flatten(a, true, &mut changes);
    }
    let summary = summary::summarise(&tree, &changes);
    let title_ops = if old.title == new.title { Vec::new() } else { inline::diff_text(&old.title, &new.title) };
    let mut cmp = Comparison {
        old_title: old.title.clone(),
        new_title: new.title.clone(),
        title_ops,
        old_number: old.number.clone(),
        new_number: new.number.clone(),
        summary,
        changes,
        warnings: Vec::new(),
        tree,
    };
    cmp.warnings = stale_references(old, new, &cmp);
    cmp
}

fn flatten(a: &Aligned, top_level: bool, out: &mut Vec<Change>) {
    if let Some(kind) = a.change {
        out.push(Change {
            kind,
            node: a.kind,
            depth: a.depth,
            top_level,
            old_id: a.old.as_ref().map(|s| s.id.clone()),
            new_id: a.new.as_ref().map(|s| s.id.clone()),
            old_label: a.old.as_ref().map(|s| s.label.clone()),
            new_label: a.new.as_ref().map(|s| s.label.clone()),
            old_heading: a.old.as_ref().and_then(|s| s.heading.clone()),
            new_heading: a.new.as_ref().and_then(|s| s.heading.clone()),
            own_changed: a.own_changed,
            heading_ops: a.heading_ops.clone(),
            ops: a.ops.clone(),
        });
        if matches!(kind, ChangeKind::Added | ChangeKind::Removed) {
            return;
        }
    }
    if a.change.is_some() {
        for c in &a.children {
            flatten(c, false, out);
        }
    }
}

/// The comparison as pretty JSON: title, summary, changes (with inline operations) and warnings.
pub fn to_json(cmp: &Comparison) -> String {
    let mut s = serde_json::to_string_pretty(cmp).expect("a comparison always serialises");
    s.push('\n');
    s
}
