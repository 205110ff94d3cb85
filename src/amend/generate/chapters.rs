//! Chapters (編, 章) added, removed or renumbered between two versions, written as drafters do:
//! 「第三章を削る。」, 「第四章を第三章とする。」, 「第二章の次に次の一章を加える。」 followed by the whole chapter.
//!
//! Groups are paired level by level (章, then the 節 inside each chapter that stays, and so on), by content as
//! articles are. The articles of a removed group go with it and those of an added group come with it, so the
//! article-level instructions see neither. Inside a group that stays, its sections are cited with it
//! (「第二章第三節を同章第二節とする。」) and written before the top level is renumbered, while the chapter
//! still has its old number.
//!
//! ```
//! let old = kitei::parse::parse_str("例\n第一章　総則\n第一条　甲。\n第二章　雑則\n第二条　乙。\n").unwrap();
//! let new = kitei::parse::parse_str("例\n第一章　総則\n第一条　甲。\n第二章　手続\n第二条　丙。\n第三章　雑則\n第三条　乙。\n").unwrap();
//! let text = kitei::amend::generate(&old, &new, &Default::default()).unwrap();
//! assert!(text.contains("第二条を第三条とする。\n第二章を第三章とする。\n第一章の次に次の一章を加える。\n第二章　手続\n第二条　丙。\n"), "{text}");
//! ```

use crate::model::{Document, Node};

use crate::amend::style::{cite, unit_char, NumStyle};

use super::body::node_text;
use super::pairing::{pair, similarity};

/// The instructions for the groups (編, 章, 節, 款, 目), in the places they go in the amendment.
#[derive(Default)]
pub(super) struct ChapterPlan<'a> {
    /// 「第三章を削る。」, 「第二章第三節を削る。」: written before the article instructions (the articles go
    /// with their group).
    pub removals: Vec<String>,
    /// Groups that stay, as (cite under the old numbers, OLD, NEW), parents before children: their names are
    /// compared.
    pub kept: Vec<(String, &'a Node, &'a Node)>,
    /// Renumbering and additions inside groups that stay (節 in a chapter), written after the article
    /// instructions and before the top level's, while the parent still has its old number.
    pub inner: Vec<String>,
    /// Renumbering of the top level, written after `inner` (繰上げ front to back, 繰下げ from the back).
    pub moves: Vec<String>,
    /// 「…の次に次の一章を加える。」 with the group's text, written last.
    pub additions: Vec<String>,
    /// The groups whose articles the article-level pairing must not see (removed from OLD, added to NEW).
    pub skipped: Vec<&'a Node>,
}

fn groups_in(nodes: &[Node]) -> Vec<&Node> {
    nodes.iter().filter(|n| n.kind.is_group()).collect()
}

/// Pairs OLD's groups with NEW's, level by level (by content, as articles are).
pub(super) fn plan<'a>(old: &'a Document, new: &'a Document, style: NumStyle) -> ChapterPlan<'a> {
    let mut plan = ChapterPlan::default();
    level(&groups_in(&old.children), &groups_in(&new.children), "", style, &mut plan);
    plan
}

/// One level: `a` and `b` are the sibling groups of OLD and NEW under a parent cited as `parent` (old
/// numbering; empty at the top).
fn level<'a>(a: &[&'a Node], b: &[&'a Node], parent: &str, style: NumStyle, plan: &mut ChapterPlan<'a>) {
    if a.is_empty() && b.is_empty() {
        return;
    }
    let pairs: Vec<(Option<usize>, Option<usize>)> = if same_outline(a, b) {
        // Nothing at this level was added, removed, renumbered or renamed: each group stays as its
        // counterpart, as a drafter reads them, without comparing whole chapters' content.
        (0..a.len()).map(|k| (Some(k), Some(k))).collect()
    } else {
        // A group stays when it keeps its name or most of its content; the alignment's same-number fallback
        // (a 削除 placeholder refilled) is no reason to call two different chapters one.
        pair(a, b)
            .into_iter()
            .flat_map(|p| match p {
                (Some(i), Some(j)) if a[i].heading != b[j].heading && similarity(a[i], b[j]) < 0.5 => {
                    vec![(Some(i), None), (None, Some(j))]
                }
                p => vec![p],
            })
            .collect()
    };
    let name = |n: &Node| {
        let own = n.num.as_ref().map(|num| cite(n.kind, num, style)).unwrap_or_else(|| n.label.clone());
        format!("{parent}{own}")
    };
    // After the first clause, the parent is 同章 (同編, 同節…).
    let same = |n: &Node| {
        let own = n.num.as_ref().map(|num| cite(n.kind, num, style)).unwrap_or_else(|| n.label.clone());
        match parent.chars().last() {
            Some(u) => format!("同{u}{own}"),
            None => own,
        }
    };
    let top = parent.is_empty();
    let mut kept = Vec::new();
    for &(i, j) in &pairs {
        match (i, j) {
            (Some(i), None) => {
                plan.removals.push(format!("{}を削る。", name(a[i])));
                plan.skipped.push(a[i]);
            }
            (None, Some(j)) => plan.skipped.push(b[j]),
            (Some(i), Some(j)) => kept.push((a[i], b[j])),
            (None, None) => {}
        }
    }
    let mut moves = Vec::new();
    let moved: Vec<(&Node, &Node)> = kept.iter().copied().filter(|(o, n)| o.num != n.num).collect();
    for (o, n) in moved.iter().filter(|(o, n)| n.num < o.num) {
        moves.push(format!("{}を{}とする。", name(o), same(n)));
    }
    for (o, n) in moved.iter().rev().filter(|(o, n)| n.num > o.num) {
        moves.push(format!("{}を{}とする。", name(o), same(n)));
    }
    // Additions under the new numbers, after the group before (or before the one after).
    let mut additions = Vec::new();
    for (k, &(i, j)) in pairs.iter().enumerate() {
        let (None, Some(j)) = (i, j) else { continue };
        let unit = unit_char(b[j].kind);
        let head = match pairs[..k].iter().rev().find_map(|p| p.1) {
            Some(p) => format!("{}の次に次の{}{unit}を加える。", name(b[p]), style.n(1)),
            None => match pairs[k + 1..].iter().find_map(|p| p.1) {
                Some(nx) => format!("{}の前に次の{}{unit}を加える。", name(b[nx]), style.n(1)),
                None if top => format!("本則に次の{}{unit}を加える。", style.n(1)),
                None => format!("{parent}に次の{}{unit}を加える。", style.n(1)),
            },
        };
        additions.push(format!("{head}\n{}", node_text(b[j], None)));
    }
    if top {
        plan.moves.extend(moves);
        plan.additions.extend(additions);
    } else {
        plan.inner.extend(moves);
        plan.inner.extend(additions);
    }
    for (o, n) in kept {
        let cite_o = name(o);
        plan.kept.push((cite_o.clone(), o, n));
        level(&groups_in(&o.children), &groups_in(&n.children), &cite_o, style, plan);
    }
}

/// True when two sibling lists of groups have the same kinds, labels, numbers and names, in the same order.
fn same_outline(a: &[&Node], b: &[&Node]) -> bool {
    a.len() == b.len()
        && a.iter().zip(b).all(|(x, y)| {
            x.kind == y.kind && x.level == y.level && x.num == y.num && x.label == y.label && x.heading == y.heading
        })
}

/// The nodes inside `groups` (by address), to leave their articles out of the article-level pairing.
pub(super) fn nodes_in(groups: &[&Node]) -> std::collections::HashSet<*const Node> {
    let mut out = std::collections::HashSet::new();
    for g in groups {
        crate::model::walk::walk_node(g, &mut |n| {
            out.insert(n as *const Node);
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::parse_str;

    /// Two chapters keep their numbers and names while every word of their articles changes: both stay (the
    /// articles are rewritten), and no chapter is removed, added or renumbered.
    #[test]
    fn groups_with_the_same_outline_stay_in_order() {
        let (x, y) = ("甲は、乙に対し、丙の事務を行わせるものとする。", "丁は、戊の帳簿を備え付けなければならない。");
        let old = parse_str(&format!("例\n第一章　総則\n第一条　{x}\n第二章　雑則\n第二条　{y}\n")).unwrap();
        let (z, w) = ("己は、庚の記録を保存しなければならない。", "辛は、壬の報告を受けるものとする。");
        let new = parse_str(&format!("例\n第一章　総則\n第一条　{z}\n第二章　雑則\n第二条　{w}\n")).unwrap();
        let plan = plan(&old, &new, NumStyle::of_document(&old));
        let kept: Vec<(&str, &str, &str)> =
            plan.kept.iter().map(|(c, o, n)| (c.as_str(), o.label.as_str(), n.label.as_str())).collect();
        assert_eq!(kept, [("第一章", "第一章", "第一章"), ("第二章", "第二章", "第二章")]);
        assert!(plan.removals.is_empty() && plan.moves.is_empty() && plan.additions.is_empty());
        assert!(plan.skipped.is_empty() && plan.inner.is_empty());
        let text = crate::amend::generate(&old, &new, &Default::default()).unwrap();
        assert!(!text.contains("章を") && !text.contains("章の次に"), "{text}");
    }

    /// A chapter inserted between two others changes the outline: the content pairing decides, as before.
    #[test]
    fn a_changed_outline_is_paired_by_content() {
        let old = parse_str("例\n第一章　総則\n第一条　甲。\n第二章　雑則\n第二条　乙。\n").unwrap();
        let new = parse_str("例\n第一章　総則\n第一条　甲。\n第二章　手続\n第二条　丙。\n第三章　雑則\n第三条　乙。\n")
            .unwrap();
        let plan = plan(&old, &new, NumStyle::of_document(&old));
        assert_eq!(plan.moves, ["第二章を第三章とする。"]);
        assert_eq!(plan.additions.len(), 1, "{:?}", plan.additions);
    }
}
