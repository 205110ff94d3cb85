//! Carrying audit state over an amendment.
//!
//! An [`IdMapping`] says, for every checklist entry, where it went: unchanged, renumbered (same text, new ID),
//! modified, removed or added. [`IdMapping::align`] builds one from the two checklists themselves (an LCS over
//! the entries' texts, then pairing of similar texts within each changed run); [`IdMapping::from_diff`] builds
//! it from the diff engine's structural alignment ([`crate::diff::compare`]), which is what the CLI uses.
//! [`migrate`] then applies it:
//!
//! | change | state |
//! |---|---|
//! | unchanged | kept |
//! | renumbered | kept, under the new ID (label updated) |
//! | modified | `needs_recheck`, the old status kept as `previous_status` (a `not_checked` entry stays so) |
//! | removed | moved to `[archived."<old id>"]` with `reason` and `removed_in` |
//! | added | `not_checked` |
//!
//! Nothing is dropped: state entries that are in neither checklist are archived too, and every change is
//! listed in the returned report.
//!
//! ```
//! use kitei::checklist::{extract, Options, state::{State, Status}, migrate::{migrate, IdMapping}};
//! let old = extract(&kitei::parse::parse_str("規程\n第1条　委員会を置く。\n第2条　監査を実施する。\n").unwrap(), &Options::default());
//! let new = extract(&kitei::parse::parse_str("規程\n第1条　委員会を置く。\n第2条　研修を行う。\n第3条　監査を実施する。\n").unwrap(), &Options::default());
//! let mut state = State::init(&old, "old.md", "old");
//! state.entries.get_mut("art_2__para_1").unwrap().status = Status::Compliant;
//! let (next, report) = migrate(&state, &old, &new, &IdMapping::align(&old, &new), "new.md", "new");
//! assert_eq!(next.entries["art_3__para_1"].status, Status::Compliant);
//! assert_eq!(next.entries["art_2__para_1"].status, Status::NotChecked);
//! assert!(report.iter().any(|c| c.kind == "renumbered"));
//! ```

use super::extract::Checklist;
use super::state::{fingerprint, EntryState, State, Status};
use crate::model::Document;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// How an entry changed between two versions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// Same ID, same text.
    Unchanged,
    /// Same text under a new ID.
    Renumbered,
    /// The text changed (the ID may have changed too).
    Modified,
    /// Only in the old version.
    Removed,
    /// Only in the new version.
    Added,
}

/// One correspondence between an old and a new entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Link {
    /// The old ID (none for an added entry).
    pub old: Option<String>,
    /// The new ID (none for a removed entry).
    pub new: Option<String>,
    /// What happened.
    pub kind: ChangeKind,
}

/// The old → new correspondence of checklist entries.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct IdMapping {
    /// Every old and every new entry appears in exactly one link.
    pub links: Vec<Link>,
}

/// Minimum character similarity (0..1) for a changed entry to count as the same provision modified.
pub const MIN_SIMILARITY: f32 = 0.5;

impl IdMapping {
    /// Links given by another engine (the diff engine's old → new mapping).
    pub fn from_links(links: Vec<Link>) -> IdMapping {
        IdMapping { links }
    }

    /// Links from the diff engine's old → new ID map ([`crate::diff::Comparison::id_map`]). An entry whose
    /// provision maps to a new entry is unchanged or renumbered when its text (柱書 included) is the same, and
    /// modified otherwise; one whose provision was removed, or is no longer an entry, is removed; new entries
    /// that nothing maps to are added.
    pub fn from_id_map(id_map: &BTreeMap<String, Option<String>>, old: &Checklist, new: &Checklist) -> IdMapping {
        let mut links = Vec::new();
        let mut taken: BTreeSet<&str> = BTreeSet::new();
        // Looked up by hash: a 会社法-sized checklist has thousands of entries.
        let by_id: HashMap<&str, &super::Entry> = new.entries.iter().map(|e| (e.id.as_str(), e)).collect();
        for e in &old.entries {
            let target = id_map.get(&e.id).cloned().flatten();
            let n = target.as_deref().and_then(|t| by_id.get(t).copied()).filter(|n| !taken.contains(n.id.as_str()));
            match n {
                Some(n) => {
                    taken.insert(n.id.as_str());
                    let kind = if fingerprint(e) != fingerprint(n) {
                        ChangeKind::Modified
                    } else if e.id == n.id {
                        ChangeKind::Unchanged
                    } else {
                        ChangeKind::Renumbered
                    };
                    links.push(Link { old: Some(e.id.clone()), new: Some(n.id.clone()), kind });
                }
                None => links.push(Link { old: Some(e.id.clone()), new: None, kind: ChangeKind::Removed }),
            }
        }
        for n in &new.entries {
            if !taken.contains(n.id.as_str()) {
                links.push(Link { old: None, new: Some(n.id.clone()), kind: ChangeKind::Added });
            }
        }
        IdMapping { links }
    }

    /// The mapping the diff engine gives for two documents and their checklists.
    pub fn from_diff(old_doc: &Document, new_doc: &Document, old: &Checklist, new: &Checklist) -> IdMapping {
        let cmp = crate::diff::compare(old_doc, new_doc, &crate::diff::CompareOptions::default());
        IdMapping::from_id_map(&cmp.id_map(), old, new)
    }

    /// Aligns two checklists by their entries' texts alone (no diff engine): an LCS over the texts, then
    /// pairing of similar texts within each changed run.
    pub fn align(old: &Checklist, new: &Checklist) -> IdMapping {
        let a: Vec<String> = old.entries.iter().map(fingerprint).collect();
        let b: Vec<String> = new.entries.iter().map(fingerprint).collect();
        let ops = similar::capture_diff_slices(similar::Algorithm::Myers, &a, &b);
        let mut links = Vec::new();
        let (mut pend_old, mut pend_new) = (Vec::new(), Vec::new());
        for op in ops {
            let (tag, o, n) = op.as_tag_tuple();
            if tag == similar::DiffTag::Equal {
                pair_run(old, new, &pend_old, &pend_new, &mut links);
                pend_old.clear();
                pend_new.clear();
                for (i, j) in o.zip(n) {
                    let (oi, ni) = (&old.entries[i].id, &new.entries[j].id);
                    let kind = if oi == ni { ChangeKind::Unchanged } else { ChangeKind::Renumbered };
                    links.push(Link { old: Some(oi.clone()), new: Some(ni.clone()), kind });
                }
            } else {
                pend_old.extend(o);
                pend_new.extend(n);
            }
        }
        pair_run(old, new, &pend_old, &pend_new, &mut links);
        IdMapping { links }
    }

    /// The link of an old ID.
    pub fn of_old(&self, id: &str) -> Option<&Link> {
        self.links.iter().find(|l| l.old.as_deref() == Some(id))
    }
}

/// Pairs the entries of one changed run in order, most similar first; the rest are removed or added.
fn pair_run(old: &Checklist, new: &Checklist, o: &[usize], n: &[usize], links: &mut Vec<Link>) {
    let mut used = vec![false; n.len()];
    let mut last = 0usize;
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for &i in o {
        let mut best: Option<(usize, f32)> = None;
        for (k, &j) in n.iter().enumerate().skip(last) {
            if used[k] {
                continue;
            }
            let r = similar::TextDiff::from_chars(&old.entries[i].text, &new.entries[j].text).ratio();
            if r >= MIN_SIMILARITY && best.is_none_or(|(_, br)| r > br) {
                best = Some((k, r));
            }
        }
        if let Some((k, _)) = best {
            used[k] = true;
            last = k + 1;
            pairs.push((i, n[k]));
        } else {
            links.push(Link { old: Some(old.entries[i].id.clone()), new: None, kind: ChangeKind::Removed });
        }
    }
    for (i, j) in pairs {
        links.push(Link {
            old: Some(old.entries[i].id.clone()),
            new: Some(new.entries[j].id.clone()),
            kind: ChangeKind::Modified,
        });
    }
    for (k, &j) in n.iter().enumerate() {
        if !used[k] {
            links.push(Link { old: None, new: Some(new.entries[j].id.clone()), kind: ChangeKind::Added });
        }
    }
}

/// One change made to the state by a migration.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    /// `kept`, `renumbered`, `recheck`, `archived`, `added` or `warning`.
    pub kind: String,
    /// The old ID.
    pub old: Option<String>,
    /// The new ID.
    pub new: Option<String>,
    /// A sentence for the report.
    pub message: String,
}

fn change(kind: &str, old: Option<&str>, new: Option<&str>, message: String) -> Change {
    Change { kind: kind.into(), old: old.map(Into::into), new: new.map(Into::into), message }
}

/// Migrates `state` (made for `old`) to `new`, following `mapping`. Returns the new state and the report.
pub fn migrate(
    state: &State,
    old: &Checklist,
    new: &Checklist,
    mapping: &IdMapping,
    new_source: &str,
    new_version: &str,
) -> (State, Vec<Change>) {
    let mut next = State {
        meta: state.meta.clone(),
        entries: BTreeMap::new(),
        archived: state.archived.clone(),
        extra: state.extra.clone(),
    };
    next.meta.regulation = new.title.clone();
    next.meta.source = new_source.to_string();
    next.meta.version = new_version.to_string();
    // The old version's fingerprint no longer applies; the caller records the new one.
    next.meta.fingerprint.clear();
    let mut report = Vec::new();
    let label_old = |id: &str| old.get(id).map(|e| e.label.clone()).unwrap_or_else(|| id.to_string());
    let mut handled: BTreeSet<&str> = BTreeSet::new();

    for e in &old.entries {
        if let Some(s) = state.entries.get(&e.id) {
            if !s.fingerprint.is_empty() && s.fingerprint != fingerprint(e) {
                report.push(change(
                    "warning",
                    Some(&e.id),
                    None,
                    format!("{} ({}): the state's fingerprint does not match the old text; was it made for another version?", e.id, e.label),
                ));
            }
        }
    }

    for link in &mapping.links {
        let old_state = link.old.as_deref().and_then(|id| {
            handled.insert(id);
            state.entries.get(id)
        });
        match (link.kind, link.old.as_deref(), link.new.as_deref()) {
            (ChangeKind::Added, _, Some(n)) | (_, None, Some(n)) => {
                let e = new.get(n).expect("mapping names a new entry");
                next.entries.insert(n.to_string(), EntryState::new(e));
                report.push(change("added", None, Some(n), format!("{n} ({}): new provision, not_checked", e.label)));
            }
            (ChangeKind::Removed, Some(o), _) | (_, Some(o), None) => {
                let mut a = old_state.cloned().unwrap_or_else(|| old.get(o).map(EntryState::new).unwrap_or_default());
                a.extra
                    .insert("reason".into(), toml::Value::String(format!("removed by the amendment to {new_version}")));
                a.extra.insert("removed_in".into(), toml::Value::String(new_version.to_string()));
                report.push(change(
                    "archived",
                    Some(o),
                    None,
                    format!("{o} ({}): provision removed; state ({}) archived", label_old(o), a.status.as_str()),
                ));
                next.archived.insert(o.to_string(), a);
            }
            (kind, Some(o), Some(n)) => {
                let e = new.get(n).expect("mapping names a new entry");
                let mut s = old_state.cloned().unwrap_or_else(|| EntryState::new(e));
                s.label = e.label.clone();
                let was = s.status;
                if kind == ChangeKind::Modified {
                    s.fingerprint = fingerprint(e);
                    if was != Status::NotChecked {
                        s.previous_status =
                            Some(if was == Status::NeedsRecheck { s.previous_status.unwrap_or(was) } else { was });
                        s.status = Status::NeedsRecheck;
                    }
                    let moved = if o == n { String::new() } else { format!(" → {n} ({})", e.label) };
                    report.push(change(
                        "recheck",
                        Some(o),
                        Some(n),
                        format!(
                            "{o} ({}){moved}: text changed; {} → {}",
                            label_old(o),
                            was.as_str(),
                            s.status.as_str()
                        ),
                    ));
                } else if o != n {
                    report.push(change(
                        "renumbered",
                        Some(o),
                        Some(n),
                        format!("{o} ({}) → {n} ({}): renumbered, status {} kept", label_old(o), e.label, was.as_str()),
                    ));
                }
                next.entries.insert(n.to_string(), s);
            }
            (_, None, None) => {}
        }
    }

    // State entries the old checklist does not have: keep them if the new one has the ID, else archive them.
    for (id, s) in &state.entries {
        if handled.contains(id.as_str()) {
            continue;
        }
        if new.get(id).is_some() && !next.entries.contains_key(id) {
            next.entries.insert(id.clone(), s.clone());
            report.push(change(
                "warning",
                Some(id),
                Some(id),
                format!("{id}: not in the old checklist; state kept under the same ID"),
            ));
        } else {
            let mut a = s.clone();
            a.extra
                .insert("reason".into(), toml::Value::String("not in the checklist of the old or new version".into()));
            a.extra.insert("removed_in".into(), toml::Value::String(new_version.to_string()));
            let key = if next.archived.contains_key(id) { format!("{id}@{new_version}") } else { id.clone() };
            report.push(change("archived", Some(id), None, format!("{id}: not in either checklist; state archived")));
            next.archived.insert(key, a);
        }
    }
    (next, report)
}
