//! Pairing the provisions of two versions for [`super::generate()`]: the diff engine's alignment (so the
//! 改め文 and the 新旧対照表 pair provisions alike), and the content key and similarity that decide when a
//! provision is rewritten whole.
//!
//! ```
//! use kitei::amend::generate::pairing::pair;
//! let a = kitei::parse::parse_str("例\n第一条　甲とする。\n第二条　乙とする。\n").unwrap();
//! let b = kitei::parse::parse_str("例\n第一条　甲とする。\n第二条　丙とする。\n第三条　乙とする。\n").unwrap();
//! let p = pair(&a.articles(), &b.articles());
//! assert_eq!(p, vec![(Some(0), Some(0)), (None, Some(1)), (Some(1), Some(2))]);
//! ```

use similar::{Algorithm, TextDiff};

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

/// [`content_key`] equality, node by node without building the keys: the captions, then every node's text
/// and every descendant's label, in document order (true only when the keys are equal and split alike).
///
/// ```
/// use kitei::amend::generate::pairing::{content_key, same_key};
/// let a = kitei::parse::parse_str("例\n（目的）\n第一条　甲。\n２　乙。\n").unwrap();
/// let b = kitei::parse::parse_str("例\n（目的）\n第二条　甲。\n２　丙。\n").unwrap();
/// let (x, y) = (a.articles()[0], b.articles()[0]);
/// assert!(same_key(x, x) && !same_key(x, y));
/// assert_eq!(same_key(x, y), content_key(x) == content_key(y));
/// ```
pub fn same_key(a: &Node, b: &Node) -> bool {
    if a.heading != b.heading {
        return false;
    }
    fn nodes(n: &Node) -> Vec<&Node> {
        let mut v = Vec::new();
        walk::walk_node(n, &mut |x| v.push(x));
        v
    }
    let (xs, ys) = (nodes(a), nodes(b));
    xs.len() == ys.len()
        && xs.iter().zip(&ys).enumerate().all(|(k, (x, y))| (k == 0 || x.label == y.label) && x.text == y.text)
}

/// Character similarity of two provisions (0–1).
///
/// ```
/// use kitei::amend::generate::pairing::{kept_share, similarity};
/// let a = kitei::parse::parse_str("例\n第一条　甲とする。\n").unwrap();
/// let b = kitei::parse::parse_str("例\n第一条　甲とする。\n２　乙は、丙とし、丁及び戊の事務を行わせるものとする。\n").unwrap();
/// let (o, n) = (a.articles()[0], b.articles()[0]);
/// assert!(similarity(o, n) < 0.5 && kept_share(o, n) > 0.9);
/// ```
pub fn similarity(a: &Node, b: &Node) -> f32 {
    let (x, y) = (content_key(a), content_key(b));
    if x == y {
        return 1.0;
    }
    TextDiff::configure().algorithm(Algorithm::Myers).diff_chars(&x, &y).ratio()
}

/// The share (0–1) of the old provision's characters that stay in the new one: low when most of it changes,
/// high when it is kept and only added to (a 項 added to an article keeps the article).
pub fn kept_share(old: &Node, new: &Node) -> f32 {
    let (x, y) = (content_key(old), content_key(new));
    if x == y {
        return 1.0;
    }
    let diff = TextDiff::configure().algorithm(Algorithm::Myers).diff_chars(&x, &y);
    let kept: usize = diff
        .ops()
        .iter()
        .filter_map(|op| match *op {
            similar::DiffOp::Equal { len, .. } => Some(len),
            _ => None,
        })
        .sum();
    kept as f32 / x.chars().count().max(1) as f32
}

/// Pairs children as the 新旧対照表 does ([`crate::diff::align::pair_siblings`]), so that the 改め文 and the
/// table beside it agree on which provision is which. Moves come out as removed and added.
pub fn pair(old: &[&Node], new: &[&Node]) -> Vec<(Option<usize>, Option<usize>)> {
    crate::diff::align::pair_siblings(old, new, &crate::diff::CompareOptions::default())
}
