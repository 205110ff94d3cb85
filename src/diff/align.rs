//! Structural alignment of two versions: which provision of OLD is which provision of NEW.
//!
//! The top level of a document is read as one sequence of units in document order: each 編/章/節/款/目
//! heading, each article (whatever group it stands in), the 附則 and 別表. Every matched pair of units is then
//! aligned child by child (項, 号, subitems) with the same procedure:
//!
//! 1. **Anchors.** A unit whose normalised content (caption, text and everything below it, but not its own
//!    number) occurs exactly once on each side is paired. The longest increasing subsequence of those pairs
//!    (patience diff, O(n log n)) keeps the order; anchors out of that order are *moves*.
//! 2. **Gaps** between anchors are aligned by dynamic programming on character-bigram Dice similarity: a pair
//!    is accepted above the threshold, with equal numbers as a tie-breaker; two units with the same number and
//!    nothing better (a 削除 placeholder replaced by a new article) are paired too. Gaps too large for the DP
//!    are matched by number.
//! 3. **Moves.** Units left over on both sides that are very similar are paired as moved.
//!
//! So an article that went from 第5条 to 第6条 unchanged is *renumbered*, an inserted 第16条の2 is *added*,
//! and nothing after it is removed.
//!
//! ```
//! use kitei::diff::align::dice;
//! assert!(dice("理事会の承認を得る", "理事会の承認を受ける") > 0.5);
//! assert!(dice("理事会の承認を得る", "別表に定める") < 0.2);
//! ```

use super::{inline, Aligned, ChangeKind, CompareOptions, InlineOp, Side};
use crate::model::{Document, Node};
use std::collections::HashMap;
use std::hash::{Hash, Hasher};

pub use similarity::dice;
use similarity::{bigrams, dice_sets, norm, unit_content, ContentHash};

/// Gaps larger than this (product of the two sides) are matched by number instead of by DP.
const DP_LIMIT: usize = 40_000;

/// One element of a sibling list being aligned.
struct Unit<'a> {
    node: &'a Node,
    depth: u8,
    /// Groups are headings only: their children are separate units of the same sequence.
    shallow: bool,
    /// Hash of the normalised content (caption, text, everything below; not the unit's own number).
    hash: u64,
}

impl<'a> Unit<'a> {
    /// The hash is taken over the same normalised content as [`Unit::content`], streamed (no string is built:
    /// groups are hashed once per level they are aligned at, so this runs over the whole text several times).
    fn new(node: &'a Node, depth: u8, shallow: bool) -> Unit<'a> {
        let mut h = ContentHash::default();
        node.kind.hash(&mut h);
        node.level.hash(&mut h);
        unit_content(node, shallow, &mut h);
        Unit { node, depth, shallow, hash: h.finish() }
    }

    fn content(&self) -> String {
        let mut s = String::new();
        unit_content(self.node, self.shallow, &mut s);
        s
    }
}

/// Aligns two whole documents into the alignment tree (see [`super::Aligned`]).
pub fn align_documents(old: &Document, new: &Document, opts: &CompareOptions) -> Vec<Aligned> {
    let ou = top_units(&old.children);
    let nu = top_units(&new.children);
    build(&ou, &nu, opts)
}

/// Pairs two sibling lists the way the 新旧対照表 does, for a consumer that writes changes in document order
/// (the 改め文): `(OLD index, NEW index)` pairs, increasing on both sides, with `None` on the side a
/// provision is missing from. A provision the alignment finds *moved* comes out as removed and added, since
/// an in-order writer cannot express a move.
///
/// ```
/// use kitei::diff::align::pair_siblings;
/// let a = kitei::parse::parse_str("例\n第一条　甲とする。\n第二条　乙とする。\n").unwrap();
/// let b = kitei::parse::parse_str("例\n第一条　甲とする。\n第二条　丙とする。\n第三条　乙とする。\n").unwrap();
/// let p = pair_siblings(&a.articles(), &b.articles(), &Default::default());
/// assert_eq!(p, vec![(Some(0), Some(0)), (None, Some(1)), (Some(1), Some(2))]);
/// ```
pub fn pair_siblings(old: &[&Node], new: &[&Node], opts: &CompareOptions) -> Vec<(Option<usize>, Option<usize>)> {
    let ou: Vec<Unit> = old.iter().map(|n| Unit::new(n, 0, false)).collect();
    let nu: Vec<Unit> = new.iter().map(|n| Unit::new(n, 0, false)).collect();
    let mut pairs: Vec<(usize, usize)> = align_lists(&ou, &nu, opts)
        .into_iter()
        .filter_map(|s| match s {
            Step::Pair(i, j, false) => Some((i, j)),
            _ => None,
        })
        .collect();
    pairs.sort_unstable();
    // Keep the pairs increasing on both sides (the alignment marks out-of-order ones as moved already).
    let mut out = Vec::with_capacity(old.len().max(new.len()));
    let (mut i, mut j) = (0, 0);
    for (pi, pj) in pairs {
        if pi < i || pj < j {
            continue;
        }
        out.extend((i..pi).map(|k| (Some(k), None)));
        out.extend((j..pj).map(|k| (None, Some(k))));
        out.push((Some(pi), Some(pj)));
        (i, j) = (pi + 1, pj + 1);
    }
    out.extend((i..old.len()).map(|k| (Some(k), None)));
    out.extend((j..new.len()).map(|k| (None, Some(k))));
    out
}

fn top_units(children: &[Node]) -> Vec<Unit<'_>> {
    fn go<'a>(nodes: &'a [Node], depth: u8, out: &mut Vec<Unit<'a>>) {
        for n in nodes {
            if n.kind.is_group() {
                out.push(Unit::new(n, depth, true));
                go(&n.children, depth.saturating_add(1), out);
            } else {
                out.push(Unit::new(n, depth, false));
            }
        }
    }
    let mut out = Vec::new();
    go(children, 0, &mut out);
    out
}

fn child_units(node: &Node, depth: u8) -> Vec<Unit<'_>> {
    node.children.iter().map(|c| Unit::new(c, depth, false)).collect()
}

/// One step of an alignment, in output order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    Pair(usize, usize, bool),
    Old(usize),
    New(usize),
}

fn build(old: &[Unit], new: &[Unit], opts: &CompareOptions) -> Vec<Aligned> {
    align_lists(old, new, opts)
        .into_iter()
        .map(|step| match step {
            Step::Pair(i, j, moved) => pair(&old[i], &new[j], moved, opts),
            Step::Old(i) => one_sided(old[i].node, old[i].depth, old[i].shallow, false),
            Step::New(j) => one_sided(new[j].node, new[j].depth, new[j].shallow, true),
        })
        .collect()
}

fn pair(o: &Unit, n: &Unit, moved: bool, opts: &CompareOptions) -> Aligned {
    let (on, nn) = (o.node, n.node);
    if o.hash == n.hash && !moved && o.shallow == n.shallow {
        if let Some(a) = identical(on, nn, n.depth, o.shallow) {
            return a;
        }
    }
    let children = if o.shallow || n.shallow {
        Vec::new()
    } else {
        build(&child_units(on, o.depth.saturating_add(1)), &child_units(nn, n.depth.saturating_add(1)), opts)
    };
    let oh = on.heading.as_deref().unwrap_or("");
    let nh = nn.heading.as_deref().unwrap_or("");
    let heading_changed = norm(oh) != norm(nh);
    let text_changed = norm(&on.text) != norm(&nn.text) || on.deleted != nn.deleted;
    let own_changed = heading_changed || text_changed;
    let renumbered = on.num.is_some() && nn.num.is_some() && on.num != nn.num;
    let children_changed = children.iter().any(|c| c.change.is_some());
    let change = if moved {
        Some(ChangeKind::Moved)
    } else if renumbered && (own_changed || children_changed) {
        Some(ChangeKind::RenumberedModified)
    } else if renumbered {
        Some(ChangeKind::Renumbered)
    } else if own_changed || children_changed {
        Some(ChangeKind::Modified)
    } else {
        None
    };
    let heading_ops = if heading_changed { inline::diff_text(oh, nh) } else { Vec::new() };
    // Not `text_changed`: texts equal after `norm` (white space, controls such as U+000B, full-width ASCII
    // apart) are no change, yet their ops must give back each side's exact text, so they are diffed too.
    let ops = inline::diff_text(&on.text, &nn.text);
    Aligned {
        change,
        kind: nn.kind,
        depth: n.depth,
        old: Some(Side::of(on)),
        new: Some(Side::of(nn)),
        renumbered,
        own_changed,
        heading_ops,
        ops,
        children,
    }
}

/// A pair with the same content (up to its own number): children paired in order, no diffing needed.
/// `None` if the shapes differ after all (then the caller aligns them properly).
fn identical(on: &Node, nn: &Node, depth: u8, shallow: bool) -> Option<Aligned> {
    let children = if shallow {
        Vec::new()
    } else {
        if on.children.len() != nn.children.len() {
            return None;
        }
        let mut v = Vec::with_capacity(nn.children.len());
        for (a, b) in on.children.iter().zip(&nn.children) {
            if a.kind != b.kind {
                return None;
            }
            v.push(identical(a, b, depth.saturating_add(1), false)?);
        }
        v
    };
    let renumbered = on.num.is_some() && nn.num.is_some() && on.num != nn.num;
    let children_changed = children.iter().any(|c: &Aligned| c.change.is_some());
    let change = match (renumbered, children_changed) {
        (true, true) => Some(ChangeKind::RenumberedModified),
        (true, false) => Some(ChangeKind::Renumbered),
        (false, true) => Some(ChangeKind::Modified),
        (false, false) => None,
    };
    Some(Aligned {
        change,
        kind: nn.kind,
        depth,
        old: Some(Side::of(on)),
        new: Some(Side::of(nn)),
        renumbered,
        own_changed: false,
        heading_ops: Vec::new(),
        // Equal after `norm` only: the exact texts may still differ (see `pair`).
        ops: inline::diff_text(&on.text, &nn.text),
        children,
    })
}

/// Whether two texts differ only in what comparing ignores (white space, controls, full-width ASCII and
/// digits): such a pair is no change, and the 新旧対照表 marks nothing in it.
pub(crate) fn same_after_norm(a: &str, b: &str) -> bool {
    a == b || norm(a) == norm(b)
}

/// A provision present on one side only, with its whole subtree.
fn one_sided(node: &Node, depth: u8, shallow: bool, added: bool) -> Aligned {
    let side = Some(Side::of(node));
    let ops = if node.text.is_empty() {
        Vec::new()
    } else if added {
        vec![InlineOp::change("", &node.text)]
    } else {
        vec![InlineOp::change(&node.text, "")]
    };
    let children = if shallow {
        Vec::new()
    } else {
        node.children.iter().map(|c| one_sided(c, depth.saturating_add(1), false, added)).collect()
    };
    Aligned {
        change: Some(if added { ChangeKind::Added } else { ChangeKind::Removed }),
        kind: node.kind,
        depth,
        old: if added { None } else { side.clone() },
        new: if added { side } else { None },
        renumbered: false,
        own_changed: true,
        heading_ops: Vec::new(),
        ops,
        children,
    }
}

/// Aligns two sibling lists: anchors, gaps, moves; then the steps in NEW order.
fn align_lists(old: &[Unit], new: &[Unit], opts: &CompareOptions) -> Vec<Step> {
    let n = old.len();
    let m = new.len();
    let mut m_old: Vec<Option<(usize, bool)>> = vec![None; n];
    let mut m_new: Vec<Option<(usize, bool)>> = vec![None; m];

    // 1. Anchors: content unique on both sides.
    let mut count: HashMap<u64, (usize, usize, usize, usize)> = HashMap::new();
    for (i, u) in old.iter().enumerate() {
        let e = count.entry(u.hash).or_insert((0, 0, i, 0));
        e.0 += 1;
        e.2 = i;
    }
    for (j, u) in new.iter().enumerate() {
        if let Some(e) = count.get_mut(&u.hash) {
            e.1 += 1;
            e.3 = j;
        }
    }
    let mut anchors: Vec<(usize, usize)> = Vec::new();
    for (j, u) in new.iter().enumerate() {
        if let Some(&(1, 1, i, _)) = count.get(&u.hash) {
            anchors.push((i, j));
        }
    }
    anchors.sort_unstable();
    let keep = lis(&anchors.iter().map(|a| a.1).collect::<Vec<_>>());
    let mut in_order = vec![false; anchors.len()];
    for k in keep {
        in_order[k] = true;
    }
    for (k, &(i, j)) in anchors.iter().enumerate() {
        let moved = !in_order[k];
        m_old[i] = Some((j, moved));
        m_new[j] = Some((i, moved));
    }

    // 2. Gaps between ordered anchors.
    let mut bounds: Vec<(usize, usize)> = anchors.iter().zip(&in_order).filter(|(_, k)| **k).map(|(a, _)| *a).collect();
    bounds.push((n, m));
    let (mut pi, mut pj) = (0usize, 0usize);
    let mut cache = BigramCache::new(old, new);
    for (bi, bj) in bounds {
        let gi: Vec<usize> = (pi..bi).filter(|&i| m_old[i].is_none()).collect();
        let gj: Vec<usize> = (pj..bj).filter(|&j| m_new[j].is_none()).collect();
        if !gi.is_empty() && !gj.is_empty() {
            for (i, j) in align_gap(&gi, &gj, old, new, &mut cache, opts) {
                m_old[i] = Some((j, false));
                m_new[j] = Some((i, false));
            }
        }
        pi = bi + 1;
        pj = bj + 1;
    }

    // 3. Moves among what is left.
    let left_old: Vec<usize> = (0..n).filter(|&i| m_old[i].is_none()).collect();
    let left_new: Vec<usize> = (0..m).filter(|&j| m_new[j].is_none()).collect();
    if !left_old.is_empty() && left_old.len() * left_new.len() <= DP_LIMIT {
        let mut cands: Vec<(u64, usize, usize)> = Vec::new();
        for &i in &left_old {
            for &j in &left_new {
                if old[i].node.kind != new[j].node.kind {
                    continue;
                }
                let s = cache.sim(i, j);
                if s >= opts.move_threshold {
                    cands.push(((s * 1e9) as u64, i, j));
                }
            }
        }
        cands.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
        for (_, i, j) in cands {
            if m_old[i].is_none() && m_new[j].is_none() {
                m_old[i] = Some((j, true));
                m_new[j] = Some((i, true));
            }
        }
    }
    // A "move" that keeps the order of everything around it is an ordinary match.
    fix_order(&mut m_old, &mut m_new);

    // 4. Steps in NEW order; removed units where they stood.
    let mut steps = Vec::with_capacity(n.max(m));
    let (mut i, mut j) = (0, 0);
    loop {
        while i < n && !matches!(m_old[i], Some((_, false))) {
            if m_old[i].is_none() {
                steps.push(Step::Old(i));
            }
            i += 1;
        }
        while j < m && !matches!(m_new[j], Some((_, false))) {
            match m_new[j] {
                None => steps.push(Step::New(j)),
                Some((oi, _)) => steps.push(Step::Pair(oi, j, true)),
            }
            j += 1;
        }
        if i < n && j < m {
            steps.push(Step::Pair(i, j, false));
            i += 1;
            j += 1;
        } else {
            break;
        }
    }
    steps
}

/// Re-derives which matches are in order (the longest increasing run) and which are moves.
fn fix_order(m_old: &mut [Option<(usize, bool)>], m_new: &mut [Option<(usize, bool)>]) {
    let pairs: Vec<(usize, usize)> = m_old.iter().enumerate().filter_map(|(i, m)| m.map(|(j, _)| (i, j))).collect();
    let keep = lis(&pairs.iter().map(|p| p.1).collect::<Vec<_>>());
    let mut ordered = vec![false; pairs.len()];
    for k in keep {
        ordered[k] = true;
    }
    for (k, &(i, j)) in pairs.iter().enumerate() {
        m_old[i] = Some((j, !ordered[k]));
        m_new[j] = Some((i, !ordered[k]));
    }
}

/// Lazily computed bigram sets for the units of both sides.
struct BigramCache<'u, 'a> {
    old: &'u [Unit<'a>],
    new: &'u [Unit<'a>],
    o: Vec<Option<Vec<u64>>>,
    n: Vec<Option<Vec<u64>>>,
}

impl<'u, 'a> BigramCache<'u, 'a> {
    fn new(old: &'u [Unit<'a>], new: &'u [Unit<'a>]) -> Self {
        BigramCache { old, new, o: vec![None; old.len()], n: vec![None; new.len()] }
    }

    fn sim(&mut self, i: usize, j: usize) -> f64 {
        if self.o[i].is_none() {
            self.o[i] = Some(bigrams(&self.old[i].content()));
        }
        if self.n[j].is_none() {
            self.n[j] = Some(bigrams(&self.new[j].content()));
        }
        dice_sets(self.o[i].as_deref().unwrap_or(&[]), self.n[j].as_deref().unwrap_or(&[]))
    }
}

mod gap;
mod similarity;

use gap::{align_gap, lis};

#[cfg(test)]
mod tests;
