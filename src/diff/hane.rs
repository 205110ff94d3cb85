//! ハネ: cross-references an amendment left behind.
//!
//! When provisions are renumbered (繰下げ/繰上げ) or removed, every 第N条, 第N項 and 第N号 elsewhere that named
//! them must be amended too; a reference that was not is called a ハネ. This module finds, in NEW, references
//! in wording carried over unchanged from OLD (inside an `equal` inline operation) whose target moved: read
//! in OLD they named one provision, read in NEW the same words name another one, or none.
//!
//! References are found and resolved by the shared [`crate::refs`] module, in OLD (from the provision's old
//! position) and in NEW, so absolute references (第5条第2項及び第3項, 第N条第M号), relative ones (前条, 次条,
//! 前項, 前条第N項, 前二条, 同条) and those in 「」 quotations (literal text, never references) are treated
//! alike everywhere. The intended target is the OLD target mapped through the comparison's ID map: an
//! article inserted before 第21条 makes its unchanged 「前条」 name the new article instead of the old
//! 第19条. References to another law (法第39条, 「…法律（…）第26条」) and the 附則 are ignored.
//!
//! ```
//! let old = kitei::parse::parse_str("規程\n第1条　甲\n第2条　乙\n第3条　第2条による。\n").unwrap();
//! let new = kitei::parse::parse_str("規程\n第1条　甲\n第2条　丙\n第3条　乙\n第4条　第2条による。\n").unwrap();
//! let cmp = kitei::diff::compare(&old, &new, &kitei::diff::CompareOptions::default());
//! let w = kitei::diff::stale_references(&old, &new, &cmp);
//! assert_eq!(w.len(), 1);
//! assert!(w[0].message.contains("第3条になった"), "{}", w[0].message);
//! ```

use super::{Aligned, ChangeKind, Comparison, OpKind};
use crate::diagnostic::Diagnostic;
use crate::model::num::{is_kanji_numeral, to_kanji};
use crate::model::{Document, Kind, Node};
use crate::refs::find::joins;
use crate::refs::{find_references, Numerals, Resolved, Resolver, Step, Target};
use std::collections::BTreeMap;

/// 第十六条の二第二項: the unit follows the main number, branches follow the unit.
fn fmt_path(path: &[Step], kanji: bool) -> String {
    let one = |x: u32| if kanji { to_kanji(x) } else { x.to_string() };
    let mut s = String::new();
    for (kind, n) in path {
        let unit = match kind {
            Kind::Article => '条',
            Kind::Paragraph => '項',
            _ => '号',
        };
        s.push_str(&format!("第{}{unit}", one(n.main())));
        for b in n.0.iter().skip(1) {
            s.push('の');
            s.push_str(&one(*b));
        }
    }
    s
}

/// Several provisions: 第1条及び第2条, 第1条から第5条まで.
fn fmt_paths(paths: &[Vec<Step>], kanji: bool) -> String {
    match paths {
        [] => String::new(),
        [one] => fmt_path(one, kanji),
        [a, b] => format!("{}及び{}", fmt_path(a, kanji), fmt_path(b, kanji)),
        [a, .., b] => format!("{}から{}まで", fmt_path(a, kanji), fmt_path(b, kanji)),
    }
}

/// Both documents' resolvers and the comparison's ID map.
struct Ctx<'a> {
    old: Resolver<'a>,
    new: Resolver<'a>,
    map: BTreeMap<String, Option<String>>,
    /// True when NEW numbers its articles in kanji (第十条), for messages about relative references.
    kanji: bool,
    /// True when no provision was renumbered or removed: absolute references cannot have gone stale.
    identity: bool,
}

/// References in NEW that still name the old number of a renumbered provision, or now name a different one
/// (or none). Each is a warning with code `stale-reference`, the referencing provision's ID and its line.
pub fn stale_references(old: &Document, new: &Document, cmp: &Comparison) -> Vec<Diagnostic> {
    let structural = cmp.changes.iter().any(|c| {
        matches!(c.kind, ChangeKind::Added | ChangeKind::Removed | ChangeKind::Moved)
            || matches!(c.kind, ChangeKind::Renumbered | ChangeKind::RenumberedModified)
    });
    if !structural {
        return Vec::new();
    }
    let identity = !cmp.changes.iter().any(|c| {
        matches!(c.node, Kind::Article | Kind::Paragraph | Kind::Item)
            && !matches!(c.kind, ChangeKind::Added | ChangeKind::Modified)
    });
    let ctx = Ctx {
        old: Resolver::new(old),
        new: Resolver::new(new),
        map: cmp.id_map(),
        kanji: new.articles().first().is_some_and(|a| a.label.chars().any(is_kanji_numeral)),
        identity,
    };
    let mut out = Vec::new();
    for a in &cmp.tree {
        if matches!(a.kind, Kind::SupplProvision | Kind::Appendix | Kind::Toc) {
            continue;
        }
        scan(a, &ctx, &mut out);
    }
    out
}

fn scan(a: &Aligned, ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    if let (Some(o), Some(n)) = (&a.old, &a.new) {
        if !n.text.is_empty() {
            check(a, &o.id, &n.id, &n.text, n.line, ctx, out);
        }
    }
    for c in &a.children {
        scan(c, ctx, out);
    }
}

/// Byte ranges of NEW's text that are carried over unchanged.
fn equal_ranges(a: &Aligned) -> Vec<(usize, usize)> {
    let mut equal = Vec::new();
    let mut pos = 0;
    for op in &a.ops {
        if op.op == OpKind::Equal {
            equal.push((pos, pos + op.new.len()));
        }
        pos += op.new.len();
    }
    equal
}

/// True when no level of the reference is relative (前条, 同項, 次号…).
fn is_absolute(r: &crate::refs::Reference) -> bool {
    [&r.article, &r.paragraph, &r.item]
        .iter()
        .all(|t| matches!(t, None | Some(Target::Num(_)) | Some(Target::Range(..))))
}

/// The references of NEW's text carried over unchanged, read in OLD (from the provision's old position)
/// and in NEW.
fn check(a: &Aligned, old_id: &str, new_id: &str, text: &str, line: u32, ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    let (Some(old_pos), Some(new_pos)) = (ctx.old.position(old_id), ctx.new.position(new_id)) else { return };
    let equal = equal_ranges(a);
    let all = find_references(text);
    // A reference counts as carried over when the whole list it stands in is (「第一項、第三項及び第四項」 →
    // 「第一項、第二項、第四項（第四号を除く。）、第五項及び第六項」: 第四項 is new wording, not a ハネ).
    let mut group = vec![0usize; all.len()];
    for k in 1..all.len() {
        let joined = all[k].inherited || joins(&text[all[k - 1].range.end..all[k].range.start]);
        group[k] = if joined { group[k - 1] } else { k };
    }
    let mut group_end = vec![0usize; all.len()];
    for k in (0..all.len()).rev() {
        group_end[k] = if k + 1 < all.len() && group[k + 1] == group[k] { group_end[k + 1] } else { all[k].range.end };
    }
    let kept: Vec<bool> = (0..all.len())
        .map(|k| {
            let r = &all[k];
            let (start, end) = (all[group[k]].range.start, group_end[k]);
            !r.external && !r.suppl && equal.iter().any(|&(s, e)| s <= start && end <= e)
        })
        .collect();
    if !kept.contains(&true) || (ctx.identity && all.iter().zip(&kept).all(|(r, k)| !k || is_absolute(r))) {
        return;
    }
    let in_old = ctx.old.resolve_all(&old_pos, all.clone());
    let in_new = ctx.new.resolve_all(&new_pos, all);
    for ((o, n), _) in in_old.iter().zip(&in_new).zip(&kept).filter(|(_, k)| **k) {
        if o.suppl || n.suppl || (ctx.identity && is_absolute(&o.reference)) {
            continue;
        }
        let (old_targets, new_targets) = (comparable(o), comparable(n));
        if old_targets.is_empty() || (new_targets.is_empty() && n.error.is_none()) {
            continue; // unknown in OLD or in NEW
        }
        let intended: Vec<Option<&str>> = old_targets
            .iter()
            .map(|t| ctx.map.get(&t.id).map(|m| m.as_deref()).unwrap_or(Some(t.id.as_str())))
            .collect();
        let reading: Vec<Option<&str>> = new_targets.iter().map(|t| Some(t.id.as_str())).collect();
        if intended == reading {
            continue;
        }
        let msg = message(text, (o, &old_targets), &new_targets, &intended, ctx);
        out.push(Diagnostic::warning("stale-reference", msg).at(line, 1).with_id(new_id));
    }
}

/// The paths of existing provisions, by ID.
fn paths<'s>(resolver: &Resolver<'_>, ids: impl Iterator<Item = &'s str>) -> Vec<Vec<Step>> {
    ids.filter_map(|id| resolver.path_of(id).map(|p| p.0)).collect()
}

/// What a reference is compared by: the provisions it names, or for 各号 and 前各号 (whatever items there
/// are) the provision they belong to.
fn comparable<'a>(r: &Resolved<'a>) -> Vec<&'a Node> {
    let finest = [&r.reference.item, &r.reference.paragraph, &r.reference.article].into_iter().flatten().next();
    if matches!(finest, Some(Target::All | Target::PreviousAll)) {
        let owner = if r.reference.item.is_some() { r.paragraph.or(r.article) } else { r.article };
        return owner.into_iter().collect();
    }
    r.targets.clone()
}

fn message(
    text: &str,
    (o, old_targets): (&Resolved<'_>, &[&Node]),
    new_targets: &[&Node],
    intended: &[Option<&str>],
    ctx: &Ctx<'_>,
) -> String {
    let r = &o.reference;
    let written = &text[r.range.clone()];
    let from = paths(&ctx.old, old_targets.iter().map(|t| t.id.as_str()));
    let reading = paths(&ctx.new, new_targets.iter().map(|t| t.id.as_str()));
    // 第5条, or 同条第4項 that still reads as the old numbers: the provision it meant was renumbered.
    if is_absolute(r) || reading == from {
        let kanji = if is_absolute(r) { r.numerals == Numerals::Kanji } else { ctx.kanji };
        let from = fmt_paths(&from, kanji);
        if intended.iter().any(Option::is_none) {
            return format!("「{written}」は改正前の{from}を指していたが、その規定は削られた（ハネ）");
        }
        let to = fmt_paths(&paths(&ctx.new, intended.iter().flatten().copied()), kanji);
        return format!("「{written}」は改正前の{from}を指していたが、その規定は{to}になった（ハネ）");
    }
    let reading = if reading.is_empty() { "存在しない規定".to_string() } else { fmt_paths(&reading, ctx.kanji) };
    format!("「{written}」は改正前は{}を指していたが、改正後は{reading}を指す（ハネ）", fmt_paths(&from, ctx.kanji))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_inserted_branch_article_makes_the_next_articles_zenjo_stale() {
        let old = crate::parse::parse_str(
            "規程\n第1条　甲を定める。\n第2条　乙を定める。\n第3条　前条の規定は、丙に準用する。\n",
        )
        .unwrap();
        let new = crate::parse::parse_str(
            "規程\n第1条　甲を定める。\n第2条　乙を定める。\n第2条の2　丁を定める。\n第3条　前条の規定は、丙に準用する。\n",
        )
        .unwrap();
        let cmp = crate::diff::compare(&old, &new, &crate::diff::CompareOptions::default());
        assert_eq!(cmp.warnings.len(), 1, "{:?}", cmp.warnings);
        assert_eq!(cmp.warnings[0].id.as_deref(), Some("art_3__para_1"));
        assert!(cmp.warnings[0].message.contains("第2条の2"), "{}", cmp.warnings[0].message);
    }

    #[test]
    fn formats_addresses() {
        use crate::model::Num;
        let a = vec![(Kind::Article, Num(vec![16, 2])), (Kind::Paragraph, Num::simple(2))];
        assert_eq!(fmt_path(&a, true), "第十六条の二第二項");
        assert_eq!(fmt_path(&a, false), "第16条の2第2項");
    }

    fn warnings(old: &str, new: &str) -> Vec<Diagnostic> {
        let old = crate::parse::parse_str(old).unwrap();
        let new = crate::parse::parse_str(new).unwrap();
        crate::diff::compare(&old, &new, &crate::diff::CompareOptions::default()).warnings
    }

    const OLD: &str = "規程\n第1条　甲を定める。\n２　乙を定める。\n第2条　丙を定める。\n第3条　{}\n";
    const NEW: &str =
        "規程\n第1条　甲を定める。\n２　乙を定める。\n第2条　丙を定める。\n第2条の2　丁を定める。\n第3条　{}\n";

    fn pair(text: &str) -> Vec<Diagnostic> {
        warnings(&OLD.replace("{}", text), &NEW.replace("{}", text))
    }

    #[test]
    fn zenjo_inside_a_quotation_is_text_not_a_reference() {
        assert!(pair("「前条」とは、字句をいう。").is_empty());
        assert_eq!(pair("前条の規定による。").len(), 1);
    }

    #[test]
    fn zenjo_with_a_paragraph_zen_ni_jo_and_dojo_are_checked() {
        // 前条第一項: 第2条第1項 before, 第2条の2第1項 after.
        let w = pair("前条第一項の規定による。");
        assert_eq!(w.len(), 1, "{w:?}");
        assert!(w[0].message.contains("第2条の2第1項"), "{}", w[0].message);
        // 前二条: 第1条及び第2条 before, 第2条及び第2条の2 after.
        let w = pair("前二条の規定による。");
        assert_eq!(w.len(), 1, "{w:?}");
        assert!(w[0].message.contains("第1条及び第2条"), "{}", w[0].message);
        // 同条 repeats 前条: both are stale.
        let w = pair("前条及び同条第一項の規定による。");
        assert_eq!(w.len(), 2, "{w:?}");
        // Absolute references to unmoved articles are fine.
        assert!(pair("第1条第2項及び第2条の規定による。").is_empty());
    }
}
