//! Version pairs: the 新旧対照表 can be drawn ([`crate::diff::compare`]) and the generated 改め文, applied to
//! OLD, gives NEW ([`crate::amend::generate`], then [`crate::amend::apply`]).
//!
//! NEW cannot always be reached whole from an amendment of OLD: [`amendable_part`] says what can, and the
//! amend round trip compares with that.

use super::roundtrip::{json_difference, without_spans, TreeDiff};
use crate::model::{Document, Kind, Node};

/// What an amendment of OLD can give of NEW, and the text of NEW's 附則 that OLD lacks (if any):
///
/// * NEW's 附則 that OLD lacks (matched by label and act number) are the amending acts' own: e-Gov gives
///   them in a form no 改め文 text carries, so they are left out, and the generated act's 附則 must be the
///   last of them (its text is returned).
/// * e-Gov shows amending acts' 附則 as excerpts (抄) whose selection changes between snapshots without any
///   amendment, and its number metadata varies too: such 附則 are compared as in OLD.
/// * Otherwise (no new 附則) the act's own 附則 joins the text, as `kitei apply` does: a history list gains a
///   bullet.
/// * e-Gov's note of the latest amendment (最終改正：…) left in the 前文 is compared as in OLD
///   ([`crate::amend::generate::annotation`]).
pub fn amendable_part(old: &Document, new: &Document) -> (Document, Option<String>) {
    let (want, extra) = with_new_suppl(old, new);
    (want, extra.as_ref().map(suppl_text))
}

/// The captions and text of a 附則, run together.
fn suppl_text(n: &Node) -> String {
    let mut all = String::new();
    crate::model::walk::walk_node(n, &mut |x| {
        all.push_str(x.heading.as_deref().unwrap_or(""));
        all.push_str(&x.text);
    });
    all
}

/// [`amendable_part`], with the last of NEW's 附則 that OLD lacks (the one the generated act's must be)
/// whole: wherever it stands among NEW's 附則 (a fragment need not keep them in order of enactment).
fn with_new_suppl(old: &Document, new: &Document) -> (Document, Option<Node>) {
    let key = |n: &Node| (n.label.replace(['\u{3000}', ' '], ""), n.heading.clone());
    let os: Vec<&Node> = old.suppl_provisions().collect();
    let mut want = new.clone();
    let mut taken = vec![false; os.len()];
    let mut last_extra = None;
    want.children.retain_mut(|n| {
        if n.kind != Kind::SupplProvision {
            return true;
        }
        let Some(i) = (0..os.len()).find(|&i| !taken[i] && key(os[i]) == key(n)) else {
            last_extra = Some(n.clone());
            return false;
        };
        taken[i] = true;
        let excerpt = |x: &Node| x.attrs.get("extract").is_some_and(|v| v == "true");
        if n.heading.is_some() && (excerpt(n) || excerpt(os[i]) || n.full_text() == os[i].full_text()) {
            *n = os[i].clone();
        }
        true
    });
    crate::amend::generate::annotation::keep_old_notes(old, &mut want);
    crate::model::ids::assign_ids(&mut want);
    (want, last_extra)
}

/// The model as JSON without spans, source format and root attributes (which hold source metadata such as
/// an HTML comment, not provisions).
pub fn provisions_json(doc: &Document) -> serde_json::Value {
    let mut v = serde_json::to_value(without_spans(doc)).unwrap_or(serde_json::Value::Null);
    if let Some(o) = v.as_object_mut() {
        o.remove("attrs");
    }
    v
}

/// How generate → apply went for one pair.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AmendOutcome {
    /// apply(OLD, generate(OLD, NEW)) gave NEW (what of it an amendment can give).
    Same,
    /// OLD and NEW are the same tree, or differ only where no amendment writes ([`amendable_part`]): there
    /// is nothing to amend.
    Identical,
    /// generate refused, with its reason.
    Refused(String),
    /// The act was generated but could not be applied, or applying it did not give NEW.
    Failed(String),
}

/// Generates the 改め文 from OLD to NEW, applies it to OLD and compares with NEW.
///
/// ```
/// use kitei::conformance::{amend_round_trip, AmendOutcome};
/// let old = kitei::parse::parse_str("規程\n第一条　甲とする。\n第二条　乙とする。\n").unwrap();
/// let new = kitei::parse::parse_str("規程\n第一条　甲とする。\n第二条　丙とする。\n").unwrap();
/// assert_eq!(amend_round_trip(&old, &new), AmendOutcome::Same);
/// assert_eq!(amend_round_trip(&old, &old), AmendOutcome::Identical);
/// ```
pub fn amend_round_trip(old: &Document, new: &Document) -> AmendOutcome {
    if provisions_json(old) == provisions_json(new) {
        return AmendOutcome::Identical;
    }
    let (want, extra) = with_new_suppl(old, new);
    if extra.is_none() && provisions_json(old) == provisions_json(&want) {
        // The versions differ only where no amendment writes (an excerpt's selection, e-Gov's header note):
        // applying nothing gives what an amendment can give of NEW.
        return AmendOutcome::Identical;
    }
    let text = match crate::amend::generate(old, new, &Default::default()) {
        Ok(t) => t,
        Err(e) => return AmendOutcome::Refused(e.to_string()),
    };
    let act = match crate::amend::parse::parse(&text, "generated") {
        Ok(a) => a,
        Err(e) => return AmendOutcome::Failed(format!("the generated act does not parse: {e}")),
    };
    // A ハネ漏れ is a warning here: the comparison with NEW below decides, so a reference carried over unchanged
    // passes only where NEW itself carries it (a slip in NEW, not in the 改め文).
    let mut got = match crate::amend::apply::apply_keeping_hane(old, &act, "generated") {
        Ok(a) => a.document,
        Err(e) => return AmendOutcome::Failed(format!("apply: {e}")),
    };
    match extra {
        Some(new_suppl) => {
            // Each line of the act's 附則, without its label (第一条, 一, ２), is in NEW's new 附則.
            let s = suppl_text(&new_suppl);
            for line in &act.suppl {
                let t = line.split_once('\u{3000}').map_or(line.as_str(), |(_, t)| t);
                let t = t.trim_start_matches(['（', '(']).trim_end_matches(['）', ')']);
                if !s.contains(t) {
                    return AmendOutcome::Failed(format!("附則 line {line:?} is not in NEW's new 附則"));
                }
            }
            // NEW's new 附則 is the act's own: its heading (the act number) comes back from the act.
            let mut with = got.clone();
            crate::amend::append_suppl(&mut with, &act);
            let heading = with.suppl_provisions().last().and_then(|n| n.heading.clone());
            if heading != new_suppl.heading {
                return AmendOutcome::Failed(format!(
                    "the act's 附則 is headed {heading:?}, NEW's new one {:?}",
                    new_suppl.heading
                ));
            }
        }
        None => crate::amend::append_suppl(&mut got, &act),
    }
    match json_difference(&provisions_json(&want), &provisions_json(&got)) {
        None => AmendOutcome::Same,
        Some(d) => AmendOutcome::Failed(format!("apply gave another tree: {}", describe(&d))),
    }
}

fn describe(d: &TreeDiff) -> String {
    d.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_differing_only_in_an_excerpt_need_no_amendment() {
        let src = |w: &str| {
            format!("規程\n第一条　甲とする。\n附　則　（平成二年法律第一号）　抄\n第二条　額を控除{w}た額とする。\n")
        };
        let old = crate::parse::parse_str(&src("島")).unwrap();
        let new = crate::parse::parse_str(&src("し")).unwrap();
        let s = old.suppl_provisions().next().unwrap();
        assert!(s.attrs.get("extract").is_some_and(|v| v == "true"), "{s:?}");
        assert_ne!(provisions_json(&old), provisions_json(&new));
        assert_eq!(amend_round_trip(&old, &new), AmendOutcome::Identical);
        // A change in the text itself is still amended.
        let changed = crate::parse::parse_str(&src("島").replace("甲", "乙")).unwrap();
        assert_eq!(amend_round_trip(&old, &changed), AmendOutcome::Same);
    }

    #[test]
    fn a_new_suppl_provision_is_left_out_of_what_an_amendment_gives() {
        let old = crate::parse::parse_str("規程\n第一条　甲とする。\n").unwrap();
        let new =
            crate::parse::parse_str("規程\n第一条　乙とする。\n附　則\nこの規程は、公布の日から施行する。\n").unwrap();
        let (want, extra) = amendable_part(&old, &new);
        assert!(want.suppl_provisions().next().is_none());
        assert!(extra.unwrap().contains("公布の日から施行する"));
    }

    /// A fragment need not keep its 附則 in order of enactment: the act's 附則 is NEW's 附則 that OLD lacks,
    /// wherever it stands, not NEW's last (amend_roundtrip fuzz finding: a new 附則 above an old one).
    #[test]
    fn the_new_suppl_provision_need_not_be_the_last() {
        let suppl = |n: &str| format!("附　則　（平成{n}年規程第{n}号）\nこの規程は、公布の日から施行する。\n");
        let old = crate::parse::parse_str(&format!("規程\n第一条　甲とする。\n{}", suppl("二"))).unwrap();
        for order in [[suppl("三"), suppl("二")], [suppl("二"), suppl("三")]] {
            let new = crate::parse::parse_str(&format!("規程\n第一条　乙とする。\n{}", order.concat())).unwrap();
            let (want, extra) = with_new_suppl(&old, &new);
            assert_eq!(extra.and_then(|n| n.heading.clone()).as_deref(), Some("平成三年規程第三号"));
            assert_eq!(want.suppl_provisions().count(), 1);
            assert_eq!(amend_round_trip(&old, &new), AmendOutcome::Same, "{order:?}");
        }
    }
}
