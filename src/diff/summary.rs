//! The summary every output opens with: counts of changed top-level units by kind, and the affected units.
//!
//! ```
//! use kitei::diff::{pair_label, Side};
//! use kitei::model::{Kind, Num};
//! let side = |n: u32| Side {
//!     id: format!("art_{n}"), kind: Kind::Article, num: Some(Num::simple(n)), label: format!("第{n}条"),
//!     heading: None, text: String::new(), deleted: false, level: 0, line: 0,
//! };
//! assert_eq!(pair_label(Some(&side(5)), Some(&side(6))), "第5条→第6条");
//! ```

use super::{Aligned, Change, ChangeKind, Side};
use crate::model::Kind;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A provision affected by the amendment, for summaries.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Affected {
    /// What happened.
    pub kind: ChangeKind,
    /// The ID in OLD.
    pub old_id: Option<String>,
    /// The ID in NEW.
    pub new_id: Option<String>,
    /// A readable label: `第5条`, `第5条→第6条`.
    pub label: String,
}

/// Counts by kind (over top-level units: 章/節, 条, 附則…) and the affected provisions.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Summary {
    /// Top-level units added.
    pub added: usize,
    /// Top-level units removed.
    pub removed: usize,
    /// Top-level units modified.
    pub modified: usize,
    /// Top-level units renumbered.
    pub renumbered: usize,
    /// Top-level units renumbered and modified.
    #[serde(rename = "renumbered+modified")]
    pub renumbered_modified: usize,
    /// Top-level units moved.
    pub moved: usize,
    /// Changes at every level (項, 号 included), by kind name.
    pub all_levels: BTreeMap<String, usize>,
    /// The affected top-level units, in NEW order.
    pub affected: Vec<Affected>,
}

impl Summary {
    /// The count for a kind.
    pub fn count(&self, kind: ChangeKind) -> usize {
        match kind {
            ChangeKind::Added => self.added,
            ChangeKind::Removed => self.removed,
            ChangeKind::Modified => self.modified,
            ChangeKind::Renumbered => self.renumbered,
            ChangeKind::RenumberedModified => self.renumbered_modified,
            ChangeKind::Moved => self.moved,
        }
    }

    /// The total number of changed top-level units.
    pub fn total(&self) -> usize {
        ChangeKind::ALL.iter().map(|k| self.count(*k)).sum()
    }
}

/// A readable label for a pair: `第5条`, `第5条→第6条`, or the kind when there is no label.
pub fn pair_label(old: Option<&Side>, new: Option<&Side>) -> String {
    fn one(s: &Side) -> String {
        let mut l = if s.label.is_empty() {
            match s.kind {
                Kind::Paragraph => "第1項".to_string(),
                k => k.as_str().to_string(),
            }
        } else {
            s.label.clone()
        };
        if matches!(s.kind, Kind::SupplProvision) {
            if let Some(h) = &s.heading {
                l.push_str(&format!("（{h}）"));
            }
        }
        l
    }
    match (old, new) {
        (Some(o), Some(n)) if o.num != n.num || o.label != n.label => format!("{}→{}", one(o), one(n)),
        (_, Some(n)) => one(n),
        (Some(o), None) => one(o),
        (None, None) => String::new(),
    }
}

pub(crate) fn summarise(tree: &[Aligned], changes: &[Change]) -> Summary {
    let mut s = Summary::default();
    for a in tree {
        let Some(kind) = a.change else { continue };
        match kind {
            ChangeKind::Added => s.added += 1,
            ChangeKind::Removed => s.removed += 1,
            ChangeKind::Modified => s.modified += 1,
            ChangeKind::Renumbered => s.renumbered += 1,
            ChangeKind::RenumberedModified => s.renumbered_modified += 1,
            ChangeKind::Moved => s.moved += 1,
        }
        s.affected.push(Affected {
            kind,
            old_id: a.old.as_ref().map(|x| x.id.clone()),
            new_id: a.new.as_ref().map(|x| x.id.clone()),
            label: pair_label(a.old.as_ref(), a.new.as_ref()),
        });
    }
    for c in changes {
        *s.all_levels.entry(c.kind.as_str().to_string()).or_insert(0) += 1;
    }
    s
}
