//! Renumbered and removed provisions, the provisions citing them, and ハネ.
//!
//! A provision whose number changed (繰下げ/繰上げ) or which was removed is listed once, at the highest level
//! where it happened (第22条 → 第21条 covers its 項 and 号). Its citers are the provisions whose references,
//! resolved by [`crate::refs`], name it or something inside it: in OLD (where they should have been amended),
//! each with what became of it in NEW ([`Status`]), and in NEW citers that OLD did not have. The diff's ハネ
//! warnings ([`crate::diff::hane`]) follow, each with the fix its message gives.

use super::{quote_around, Cite, Side};
use crate::diff::{Aligned, Comparison};
use crate::model::{walk, Kind};
use crate::refs::{Position, Resolver};
use serde::Serialize;
use std::collections::BTreeMap;

/// What became of a citation of a renumbered or removed provision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// NEW's citer names the provision under its new number.
    Updated,
    /// NEW's citer still names something else (the old number): it must be amended.
    Stale,
    /// The provision was removed and NEW's citer still cites it (now nothing or something else).
    Dangling,
    /// The citer itself was removed, or no longer cites it.
    Gone,
    /// A citer only in NEW.
    New,
}

/// One provision citing a renumbered or removed one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Citer {
    /// The citer in OLD, quoting the reference.
    pub old: Option<Cite>,
    /// The citer in NEW, quoting the reference (or its text when it no longer cites).
    pub new: Option<Cite>,
    /// What became of it.
    pub status: Status,
    /// The fix to make, when there is one (「第22条」を「第21条」に改める).
    pub fix: Option<String>,
}

/// A renumbered or removed provision and its citers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Moved {
    /// The provision in OLD.
    pub old: Cite,
    /// The provision in NEW (none when removed).
    pub new: Option<Cite>,
    /// The provisions citing it.
    pub citers: Vec<Citer>,
}

/// A reference left pointing somewhere else (ハネ), as the diff reports it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Hane {
    /// The provision holding the reference, in NEW.
    pub at: Cite,
    /// The diff's message, with the fix.
    pub message: String,
}

/// The citations section.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Citations {
    /// Renumbered and removed provisions.
    pub moved: Vec<Moved>,
    /// ハネ warnings.
    pub hane: Vec<Hane>,
}

/// Renumbered or removed 条/項/号, highest level first: (old ID, new ID).
fn moved_provisions(tree: &[Aligned]) -> Vec<(String, Option<String>)> {
    let mut out = Vec::new();
    let mut stack: Vec<&Aligned> = tree.iter().rev().collect();
    while let Some(a) = stack.pop() {
        if matches!(a.kind, Kind::SupplProvision | Kind::Appendix | Kind::Toc) {
            continue;
        }
        if let Some(o) = &a.old {
            let counts = matches!(a.kind, Kind::Article | Kind::Paragraph | Kind::Item);
            if counts && (a.new.is_none() || a.renumbered) {
                out.push((o.id.clone(), a.new.as_ref().map(|n| n.id.clone())));
                continue;
            }
        }
        stack.extend(a.children.iter().rev());
    }
    out
}

/// The amendment to a reference: 「第23条第2項」を「第22条第2項」に改める, or, when the words do not spell the
/// citation out (前条, kanji numerals), 「前条」（第23条）を第22条に改める.
pub fn fix(words: &str, old: &str, new: &str) -> String {
    if words.contains(old) {
        format!("「{words}」を「{}」に改める", words.replacen(old, new, 1))
    } else {
        format!("「{words}」（{old}）を{new}に改める")
    }
}

fn inside(id: &str, of: &str) -> bool {
    id == of || id.strip_prefix(of).is_some_and(|rest| rest.starts_with("__"))
}

/// One internal reference: the citing provision's ID, the reference's range in its text, its place among
/// the text's references and their count, and the IDs it names.
struct Ref {
    citer: String,
    range: std::ops::Range<usize>,
    nth: (usize, usize),
    targets: Vec<String>,
}

type Found = Vec<Ref>;

fn references(side: &Side<'_>) -> Found {
    let resolver = Resolver::new(side.doc);
    let mut out = Vec::new();
    walk::walk_with_ancestors(side.doc, &mut |n, anc| {
        if !n.kind.is_provision() || n.text.is_empty() {
            return;
        }
        let pos = Position::of(n, anc);
        let all = resolver.references(&pos, &n.text);
        let count = all.len();
        for (k, r) in all.into_iter().enumerate() {
            if r.reference.external {
                continue;
            }
            let targets: Vec<String> = r.targets.iter().map(|t| t.id.clone()).collect();
            if !targets.is_empty() {
                out.push(Ref { citer: n.id.clone(), range: r.reference.range.clone(), nth: (k, count), targets });
            }
        }
    });
    out
}

fn text_of<'a>(side: &Side<'a>, id: &str) -> &'a str {
    side.node(id).map_or("", |n| n.text.as_str())
}

pub(crate) fn find(
    old: &Side<'_>,
    new: &Side<'_>,
    cmp: &Comparison,
    id_map: &BTreeMap<String, Option<String>>,
) -> Citations {
    let moved = moved_provisions(&cmp.tree);
    let mut out = Citations::default();
    if !moved.is_empty() {
        let (in_old, in_new) = (references(old), references(new));
        for (old_id, new_id) in moved {
            out.moved.push(one(old, new, &old_id, new_id.as_deref(), &in_old, &in_new, id_map));
        }
    }
    for w in &cmp.warnings {
        let Some(id) = &w.id else { continue };
        out.hane.push(Hane { at: new.cite(id, text_of(new, id)), message: w.message.clone() });
    }
    out
}

fn one(
    old: &Side<'_>,
    new: &Side<'_>,
    old_id: &str,
    new_id: Option<&str>,
    in_old: &Found,
    in_new: &Found,
    id_map: &BTreeMap<String, Option<String>>,
) -> Moved {
    let mut citers = Vec::new();
    let mut seen_new = Vec::new();
    for Ref { citer, range, nth, targets } in in_old {
        if !targets.iter().any(|t| inside(t, old_id)) || inside(citer, old_id) {
            continue;
        }
        let words = &text_of(old, citer)[range.clone()];
        let old_cite = old.cite(citer, quote_around(text_of(old, citer), range.clone()));
        let now = id_map.get(citer).cloned().flatten();
        let Some(now) = now else {
            citers.push(Citer { old: Some(old_cite), new: None, status: Status::Gone, fix: None });
            continue;
        };
        // The same reference in NEW: the one at the same place when the citer has as many references.
        let same_place = |r: &&Ref| r.nth.1 != nth.1 || r.nth.0 == nth.0;
        let follows = new_id.and_then(|nid| {
            in_new
                .iter()
                .filter(|r| r.citer == now)
                .filter(same_place)
                .find(|r| r.targets.iter().any(|t| inside(t, nid)))
        });
        let (status, new_cite, fix) = match (new_id, follows.map(|r| &r.range)) {
            (Some(_), Some(r)) => {
                seen_new.push((now.clone(), r.clone()));
                (Status::Updated, new.cite(&now, quote_around(text_of(new, &now), r.clone())), None)
            }
            (Some(nid), None) => {
                let still = text_of(new, &now).find(words);
                let quote = match still {
                    Some(i) => quote_around(text_of(new, &now), i..i + words.len()),
                    None => text_of(new, &now).to_string(),
                };
                let status = if still.is_some() { Status::Stale } else { Status::Gone };
                let fix = still.map(|_| fix(words, &old.citation(old_id), &new.citation(nid)));
                (status, new.cite(&now, quote), fix)
            }
            (None, _) => match text_of(new, &now).find(words) {
                Some(i) => (
                    Status::Dangling,
                    new.cite(&now, quote_around(text_of(new, &now), i..i + words.len())),
                    Some(format!("削られた{}を引く「{words}」を改めるか削る", old.citation(old_id))),
                ),
                None => (Status::Gone, new.cite(&now, text_of(new, &now)), None),
            },
        };
        citers.push(Citer { old: Some(old_cite), new: Some(new_cite), status, fix });
    }
    if let Some(nid) = new_id {
        for Ref { citer, range, targets, .. } in in_new {
            let known = seen_new.iter().any(|(c, r)| c == citer && r == range);
            if known || !targets.iter().any(|t| inside(t, nid)) || inside(citer, nid) {
                continue;
            }
            let quote = quote_around(text_of(new, citer), range.clone());
            citers.push(Citer { old: None, new: Some(new.cite(citer, quote)), status: Status::New, fix: None });
        }
    }
    Moved {
        old: old.cite(old_id, old.node(old_id).and_then(|n| n.heading.clone()).unwrap_or_default()),
        new: new_id.map(|nid| new.cite(nid, new.node(nid).and_then(|n| n.heading.clone()).unwrap_or_default())),
        citers,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::{compare, CompareOptions};
    use crate::parse::parse_str;

    fn run(a: &str, b: &str) -> Citations {
        let (old, new) = (parse_str(a).unwrap(), parse_str(b).unwrap());
        let cmp = compare(&old, &new, &CompareOptions::default());
        find(&Side::new(&old, None), &Side::new(&new, None), &cmp, &cmp.id_map())
    }

    const OLD: &str = "規程\n第1条　総則を定める。\n第2条　業務の時間を指定する。\n第3条　欠勤は届け出る。\n２　届出の様式は別に定める。\n第4条　第3条第2項の届出は書面による。\n第5条　第3条の欠勤は、第2条の時間による。\n";

    #[test]
    fn a_deletion_lists_each_citer_with_what_became_of_it() {
        let new = "規程\n第1条　総則を定める。\n第2条　欠勤は届け出る。\n２　届出の様式は別に定める。\n第3条　第2条第2項の届出は書面による。\n第4条　第3条の欠勤は、第2条の時間による。\n";
        let got = run(OLD, new);
        let cites: Vec<(String, Option<String>)> =
            got.moved.iter().map(|m| (m.old.citation.clone(), m.new.as_ref().map(|n| n.citation.clone()))).collect();
        assert_eq!(cites[0], ("第2条".to_string(), None));
        let art3 = got.moved.iter().find(|m| m.old.citation == "第3条").unwrap();
        let statuses: Vec<Status> = art3.citers.iter().map(|c| c.status).collect();
        // 第4条 was amended (第3条第2項 → 第2条第2項); 第5条's 「第3条の欠勤」 was not; and NEW's 第4条 now
        // names it by accident in 「第2条の時間」 (meant for the removed 第2条).
        assert_eq!(statuses, [Status::Updated, Status::Stale, Status::New], "{art3:#?}");
        assert_eq!(art3.citers[2].new.as_ref().unwrap().citation, "第4条");
        assert!(
            art3.citers[1].fix.as_deref().unwrap().contains("「第3条」を「第2条」に改める"),
            "{:?}",
            art3.citers[1].fix
        );
        let removed = &got.moved[0];
        assert_eq!(removed.citers[0].status, Status::Dangling, "第5条 still cites the removed 第2条");
        assert!(!got.hane.is_empty());
    }
}
