//! Chapters (編, 章) added, removed or renumbered between two versions, written as drafters do:
//! 「第三章を削る。」, 「第四章を第三章とする。」, 「第二章の次に次の一章を加える。」 followed by the whole chapter.
//!
//! Only the top-level groups of the main provision are paired here (by content, as articles are). The articles
//! of a removed chapter go with it and those of an added chapter come with it, so the article-level
//! instructions see neither. Sections inside a chapter that stays must keep their structure (their names may
//! change); anything else is an error from [`super::generate()`].
//!
//! ```
//! let old = kitei::parse::parse_str("例\n第一章　総則\n第一条　甲。\n第二章　雑則\n第二条　乙。\n").unwrap();
//! let new = kitei::parse::parse_str("例\n第一章　総則\n第一条　甲。\n第二章　手続\n第二条　丙。\n第三章　雑則\n第三条　乙。\n").unwrap();
//! let text = kitei::amend::generate(&old, &new, &Default::default()).unwrap();
//! assert!(text.contains("第二条を第三条とする。\n第二章を第三章とする。\n第一章の次に次の一章を加える。\n第二章　手続\n第二条　丙。\n"), "{text}");
//! ```

use crate::model::{Document, Node};

use super::body::node_text;
use super::pairing::pair;
use super::style::{cite, NumStyle};

/// The instructions for the top-level groups, in the places they go in the amendment.
#[derive(Default)]
pub(super) struct ChapterPlan<'a> {
    /// 「第三章を削る。」: written before the article instructions (the articles go with their chapter).
    pub removals: Vec<String>,
    /// Pairs of chapters that stay (OLD, NEW): their names and sections are compared one by one.
    pub kept: Vec<(&'a Node, &'a Node)>,
    /// Renumbering, written after the article instructions (繰上げ front to back, 繰下げ from the back).
    pub moves: Vec<String>,
    /// 「…の次に次の一章を加える。」 with the chapter's text, written last.
    pub additions: Vec<String>,
    /// The chapters whose articles the article-level pairing must not see (removed from OLD, added to NEW).
    pub skipped: Vec<&'a Node>,
}

fn top_groups(doc: &Document) -> Vec<&Node> {
    doc.children.iter().filter(|n| n.kind.is_group()).collect()
}

/// Pairs OLD's top-level groups with NEW's (by content); `None` when each stays where it was (the usual case,
/// left to the group-by-group comparison).
pub(super) fn plan<'a>(old: &'a Document, new: &'a Document, style: NumStyle) -> Option<ChapterPlan<'a>> {
    let (a, b) = (top_groups(old), top_groups(new));
    let pairs = pair(&a, &b);
    let in_place = pairs.iter().enumerate().all(|(k, &(i, j))| i == Some(k) && j == Some(k));
    if in_place && a.len() == b.len() && a.iter().zip(&b).all(|(x, y)| x.kind == y.kind && x.num == y.num) {
        return None;
    }
    let mut plan = ChapterPlan::default();
    let name = |n: &Node| n.num.as_ref().map(|num| cite(n.kind, num, style)).unwrap_or_else(|| n.label.clone());
    for &(i, j) in &pairs {
        match (i, j) {
            (Some(i), None) => {
                plan.removals.push(format!("{}を削る。", name(a[i])));
                plan.skipped.push(a[i]);
            }
            (None, Some(j)) => plan.skipped.push(b[j]),
            (Some(i), Some(j)) => plan.kept.push((a[i], b[j])),
            (None, None) => {}
        }
    }
    let moved: Vec<(&Node, &Node)> = plan.kept.iter().copied().filter(|(o, n)| o.num != n.num).collect();
    for (o, n) in moved.iter().filter(|(o, n)| n.num < o.num) {
        plan.moves.push(format!("{}を{}とする。", name(o), name(n)));
    }
    for (o, n) in moved.iter().rev().filter(|(o, n)| n.num > o.num) {
        plan.moves.push(format!("{}を{}とする。", name(o), name(n)));
    }
    // Additions under the new numbers, after the chapter before (or before the one after).
    for (k, &(i, j)) in pairs.iter().enumerate() {
        let (None, Some(j)) = (i, j) else { continue };
        let unit = super::quote::unit_char(b[j].kind);
        let head = match pairs[..k].iter().rev().find_map(|p| p.1) {
            Some(p) => format!("{}の次に次の{}{unit}を加える。", name(b[p]), style.n(1)),
            None => match pairs[k + 1..].iter().find_map(|p| p.1) {
                Some(nx) => format!("{}の前に次の{}{unit}を加える。", name(b[nx]), style.n(1)),
                None => format!("本則に次の{}{unit}を加える。", style.n(1)),
            },
        };
        plan.additions.push(format!("{head}\n{}", node_text(b[j], None)));
    }
    Some(plan)
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
