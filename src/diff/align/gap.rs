//! The two sequence tools of the alignment: the longest increasing subsequence (patience diff of the
//! anchors) and the dynamic programme that aligns the units between two anchors by similarity.

use super::{norm, BigramCache, Unit, DP_LIMIT};
use crate::diff::CompareOptions;
use crate::model::Kind;
use std::collections::HashMap;

/// Indices of a longest strictly increasing subsequence of `v` (patience sorting, O(n log n)).
pub(super) fn lis(v: &[usize]) -> Vec<usize> {
    let mut tails: Vec<usize> = Vec::new(); // index into v of the smallest tail of each length
    let mut prev: Vec<Option<usize>> = vec![None; v.len()];
    for (k, &x) in v.iter().enumerate() {
        let pos = tails.partition_point(|&t| v[t] < x);
        if pos > 0 {
            prev[k] = Some(tails[pos - 1]);
        }
        if pos == tails.len() {
            tails.push(k);
        } else {
            tails[pos] = k;
        }
    }
    let mut out = Vec::with_capacity(tails.len());
    let mut cur = tails.last().copied();
    while let Some(k) = cur {
        out.push(k);
        cur = prev[k];
    }
    out.reverse();
    out
}

/// Aligns one gap (unit indices on each side), returning matched pairs in order.
pub(super) fn align_gap(
    gi: &[usize],
    gj: &[usize],
    old: &[Unit],
    new: &[Unit],
    cache: &mut BigramCache,
    opts: &CompareOptions,
) -> Vec<(usize, usize)> {
    let (a, b) = (gi.len(), gj.len());
    if a * b > DP_LIMIT {
        // Too large for the DP: pair equal numbers, in order.
        let mut by_num: HashMap<(Kind, &crate::model::Num), usize> = HashMap::new();
        for &j in gj {
            if let Some(num) = &new[j].node.num {
                by_num.entry((new[j].node.kind, num)).or_insert(j);
            }
        }
        let cands: Vec<(usize, usize)> = gi
            .iter()
            .filter_map(|&i| {
                old[i].node.num.as_ref().and_then(|num| by_num.get(&(old[i].node.kind, num))).map(|&j| (i, j))
            })
            .collect();
        let keep = lis(&cands.iter().map(|c| c.1).collect::<Vec<_>>());
        return keep.into_iter().map(|k| cands[k]).collect();
    }
    // score[x][y] for gi[x], gj[y]; DP maximising the total score of accepted pairs.
    let mut score = vec![f64::NEG_INFINITY; a * b];
    for (x, &i) in gi.iter().enumerate() {
        for (y, &j) in gj.iter().enumerate() {
            let (on, nn) = (old[i].node, new[j].node);
            if on.kind != nn.kind || on.level != nn.level {
                continue;
            }
            let same_num = on.num.is_some() && on.num == nn.num;
            let mut s = cache.sim(i, j);
            // An unchanged caption (見出し, a chapter's title) is strong evidence of the same provision.
            let same_heading = on.heading.as_deref().is_some_and(|h| !h.is_empty())
                && on.heading.as_deref().map(norm) == nn.heading.as_deref().map(norm);
            if same_heading {
                s = s.max(opts.similarity_threshold) + 0.3;
            }
            score[x * b + y] = if s >= opts.similarity_threshold {
                s + if same_num { 0.1 } else { 0.0 }
            } else if same_num {
                0.01
            } else {
                f64::NEG_INFINITY
            };
        }
    }
    let w = b + 1;
    let mut f = vec![0.0f64; (a + 1) * w];
    for x in 1..=a {
        for y in 1..=b {
            let mut best = f[(x - 1) * w + y].max(f[x * w + y - 1]);
            let s = score[(x - 1) * b + y - 1];
            if s.is_finite() {
                best = best.max(f[(x - 1) * w + y - 1] + s);
            }
            f[x * w + y] = best;
        }
    }
    let mut out = Vec::new();
    let (mut x, mut y) = (a, b);
    while x > 0 && y > 0 {
        let s = score[(x - 1) * b + y - 1];
        if s.is_finite() && f[x * w + y] == f[(x - 1) * w + y - 1] + s {
            out.push((gi[x - 1], gj[y - 1]));
            x -= 1;
            y -= 1;
        } else if f[x * w + y] == f[(x - 1) * w + y] {
            x -= 1;
        } else {
            y -= 1;
        }
    }
    out.reverse();
    out
}
