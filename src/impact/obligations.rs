//! Obligations that changed: the checklist entries ([`crate::checklist`]) of OLD and NEW, paired through
//! the diff's ID map as [`crate::checklist::IdMapping::from_id_map`] pairs them. An entry is listed when it was added
//! or removed, or when its wording, its classification (義務 → 努力義務, even if the words barely moved) or
//! its party changed. Entries only renumbered are counted, not listed.

use super::{Cite, Side};
use crate::checklist::migrate::{ChangeKind, IdMapping};
use crate::checklist::{extract, Entry, Options};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// One changed checklist entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Obligation {
    /// added, removed or modified.
    pub kind: ChangeKind,
    /// The entry in OLD (the quote is its text).
    pub old: Option<Cite>,
    /// The entry in NEW.
    pub new: Option<Cite>,
    /// The classification before and after (義務, 努力義務…), when it changed or the entry is new or gone.
    pub class: (Option<String>, Option<String>),
    /// The party before and after, when it changed.
    pub party: Option<(String, String)>,
    /// True when the classification changed.
    pub class_changed: bool,
}

/// The obligations section.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Obligations {
    /// Changed entries, in NEW order (removed ones after).
    pub changed: Vec<Obligation>,
    /// Entries only renumbered.
    pub renumbered: usize,
}

fn party(e: &Entry) -> String {
    e.party.as_ref().map(|p| p.name.clone()).unwrap_or_default()
}

pub(crate) fn changes(old: &Side<'_>, new: &Side<'_>, id_map: &BTreeMap<String, Option<String>>) -> Obligations {
    let (a, b) = (extract(old.doc, &Options::default()), extract(new.doc, &Options::default()));
    let by_id =
        |l: &'_ [Entry]| -> HashMap<String, usize> { l.iter().enumerate().map(|(i, e)| (e.id.clone(), i)).collect() };
    let (ia, ib) = (by_id(&a.entries), by_id(&b.entries));
    let mut out = Obligations::default();
    for l in &IdMapping::from_id_map(id_map, &a, &b).links {
        let o = l.old.as_deref().and_then(|id| ia.get(id)).map(|&i| &a.entries[i]);
        let n = l.new.as_deref().and_then(|id| ib.get(id)).map(|&i| &b.entries[i]);
        let class_changed = matches!((o, n), (Some(x), Some(y)) if x.classification != y.classification);
        let party = match (o, n) {
            (Some(x), Some(y)) if party(x) != party(y) => Some((party(x), party(y))),
            _ => None,
        };
        let listed = match l.kind {
            ChangeKind::Added | ChangeKind::Removed | ChangeKind::Modified => true,
            ChangeKind::Renumbered | ChangeKind::Unchanged => class_changed || party.is_some(),
        };
        if !listed {
            out.renumbered += usize::from(l.kind == ChangeKind::Renumbered);
            continue;
        }
        out.changed.push(Obligation {
            kind: l.kind,
            old: o.map(|e| old.cite(&e.id, e.text.clone())),
            new: n.map(|e| new.cite(&e.id, e.text.clone())),
            class: (
                o.map(|e| e.classification.label_ja().to_string()),
                n.map(|e| e.classification.label_ja().to_string()),
            ),
            party,
            class_changed,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::{compare, CompareOptions};
    use crate::parse::parse_str;

    #[test]
    fn a_duty_softened_to_an_effort_is_a_change_of_class() {
        let old = parse_str(
            "規程\n第1条　職員は、研修を受けなければならない。\n第2条　職員は、記録を保存しなければならない。\n",
        )
        .unwrap();
        let new = parse_str("規程\n第1条　職員は、研修を受けるよう努めなければならない。\n第2条　職員は、記録を保存しなければならない。\n第3条　理事長は、監査を行う。\n").unwrap();
        let cmp = compare(&old, &new, &CompareOptions::default());
        let got = changes(&Side::new(&old, None), &Side::new(&new, None), &cmp.id_map());
        assert_eq!(got.changed.len(), 2, "{got:#?}");
        assert!(got.changed[0].class_changed);
        assert_ne!(got.changed[0].class.0, got.changed[0].class.1);
        assert_eq!(got.changed[1].kind, ChangeKind::Added);
        assert_eq!(got.changed[1].new.as_ref().unwrap().citation, "第3条");
    }
}
