//! Pairing the provisions of two versions: identical ones by longest common subsequence, the rest by the
//! best total similarity (two provisions pair when at least half alike, or a quarter alike under the same
//! number). Used by [`super::generate()`].
//!
//! ```
//! use kitei::amend::pairing::pair;
//! let a = kitei::parse::parse_str("例\n第一条　甲とする。\n第二条　乙とする。\n").unwrap();
//! let b = kitei::parse::parse_str("例\n第一条　甲とする。\n第二条　丙とする。\n第三条　乙とする。\n").unwrap();
//! let p = pair(&a.articles(), &b.articles());
//! assert_eq!(p, vec![(Some(0), Some(0)), (None, Some(1)), (Some(1), Some(2))]);
//! ```

use similar::{capture_diff_slices, Algorithm, DiffOp, TextDiff};

use crate::model::{walk, Node};

/// The caption, labels and texts of a provision and everything under it: equal keys mean equal provisions.
pub fn content_key(n: &Node) -> String {
    let mut s = n.heading.clone().unwrap_or_default();
    s.push('|');
    walk::walk_node(n, &mut |x| {
        if !std::ptr::eq(x, n) {
            s.push_str(&x.label);
        }
        s.push_str(&x.text);
        s.push('|');
    });
    s
}

/// Character similarity of two provisions (0–1).
pub fn similarity(a: &Node, b: &Node) -> f32 {
    let (x, y) = (content_key(a), content_key(b));
    if x == y {
        return 1.0;
    }
    TextDiff::configure().algorithm(Algorithm::Myers).diff_chars(&x, &y).ratio()
}

/// Pairs children: identical content first (LCS), then by similarity inside the changed blocks.
pub fn pair(old: &[&Node], new: &[&Node]) -> Vec<(Option<usize>, Option<usize>)> {
    let ok: Vec<String> = old.iter().map(|n| content_key(n)).collect();
    let nk: Vec<String> = new.iter().map(|n| content_key(n)).collect();
    let mut out = Vec::new();
    for op in capture_diff_slices(Algorithm::Myers, &ok, &nk) {
        match op {
            DiffOp::Equal { old_index, new_index, len } => {
                for k in 0..len {
                    out.push((Some(old_index + k), Some(new_index + k)));
                }
            }
            DiffOp::Delete { old_index, old_len, .. } => {
                out.extend((old_index..old_index + old_len).map(|i| (Some(i), None)))
            }
            DiffOp::Insert { new_index, new_len, .. } => {
                out.extend((new_index..new_index + new_len).map(|j| (None, Some(j))))
            }
            DiffOp::Replace { old_index, old_len, new_index, new_len } => {
                out.extend(align_block(
                    &old[old_index..old_index + old_len],
                    &new[new_index..new_index + new_len],
                    old_index,
                    new_index,
                ));
            }
        }
    }
    out
}

/// Aligns a block of changed provisions, maximising the total similarity of the pairs (monotonic). Two
/// provisions pair when they are at least half alike, or a quarter alike under the same number.
fn align_block(old: &[&Node], new: &[&Node], oi: usize, ni: usize) -> Vec<(Option<usize>, Option<usize>)> {
    let (n, m) = (old.len(), new.len());
    let score = |i: usize, j: usize| -> Option<f32> {
        let s = similarity(old[i], new[j]);
        let same_num = old[i].num.is_some() && old[i].num == new[j].num;
        (s >= 0.5 || (same_num && s >= 0.25)).then_some(s + if same_num { 0.1 } else { 0.0 })
    };
    let mut best = vec![vec![0f32; m + 1]; n + 1];
    let mut pairs = vec![vec![None; m]; n];
    for (i, row) in pairs.iter_mut().enumerate() {
        for (j, cell) in row.iter_mut().enumerate() {
            *cell = score(i, j);
        }
    }
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            let mut b = best[i + 1][j].max(best[i][j + 1]);
            if let Some(s) = pairs[i][j] {
                b = b.max(s + best[i + 1][j + 1]);
            }
            best[i][j] = b;
        }
    }
    let mut out = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < n && j < m {
        if let Some(s) = pairs[i][j] {
            if (best[i][j] - (s + best[i + 1][j + 1])).abs() < 1e-6 {
                out.push((Some(oi + i), Some(ni + j)));
                i += 1;
                j += 1;
                continue;
            }
        }
        if (best[i][j] - best[i + 1][j]).abs() < 1e-6 {
            out.push((Some(oi + i), None));
            i += 1;
        } else {
            out.push((None, Some(ni + j)));
            j += 1;
        }
    }
    out.extend((i..n).map(|x| (Some(oi + x), None)));
    out.extend((j..m).map(|y| (None, Some(ni + y))));
    out
}
