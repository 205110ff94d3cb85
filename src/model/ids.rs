//! The one ID scheme: Akoma Ntoso-style eIds, assigned here and nowhere else.
//!
//! | node | ID |
//! |---|---|
//! | 章 (under a 編: `part_1__chp_2`) | `chp_1` |
//! | 節, 款, 目 | `chp_2__sec_1`, `…__subsec_1`, `…__div_1` |
//! | 条 (whatever group it stands in) | `art_10`, 第10条の2 → `art_10-2`, 第5条から第8条まで削除 → `art_5to8` |
//! | 項, 号 | `art_10__para_4`, `art_10__para_4__item_5` |
//! | subitems (イ, (1)…) | `…__item_1__subitem1_2`, `…__subitem2_1` |
//! | 附則 (in order of appearance) | `suppl_1`, `suppl_2__para_1`, `suppl_2__art_1__para_1` |
//! | 目次 and its entries | `toc`, `toc__chp_1`, `toc__suppl` |
//! | 別表 and tables | `appdx_1`, `appdx_1__table_1__row_2__cell_1` |
//!
//! A node whose prefix would pass [`MAX_PREFIX`] bytes (a tree hundreds of levels deep, never a real
//! regulation) is prefixed `deep<N>` instead: `deep1__item_1`.
//!
//! A number that occurs twice among siblings (a drafting error the linter reports) gets `_dup2`, `_dup3`… so
//! that IDs stay unique.
//!
//! ```
//! use kitei::model::{Document, Kind, Node, Num, ids::assign_ids};
//! let mut doc = Document::new("規程");
//! let mut art = Node::new(Kind::Article);
//! art.num = Some(Num::simple(3));
//! art.children.push(Node::new(Kind::Paragraph));
//! doc.children.push(art);
//! assign_ids(&mut doc);
//! assert_eq!(doc.children[0].children[0].id, "art_3__para_1");
//! ```

use super::{Document, Kind, Node};

/// Assigns `id` to every node of the document. Iterative (a tree of any depth is fine on a small stack),
/// and linear in memory: an ID whose prefix would pass [`MAX_PREFIX`] bytes starts afresh (see
/// `deep_prefix`), so IDs do not grow with depth without bound.
pub fn assign_ids(doc: &mut Document) {
    let mut suppl = 0;
    let mut appdx = 0;
    let mut top = Counters::default();
    let mut seq = 0;
    // One top-level node's subtree at a time, so that the stack holds one subtree's pending nodes, not every
    // top-level node of a large document with its prefixes (the same IDs: a subtree's labels depend only
    // on its ancestors and on the order subtrees are visited in, which is unchanged).
    let mut stack: Vec<(&mut Node, String, String)> = Vec::new();
    for node in &mut doc.children {
        let (group, article) = match node.kind {
            Kind::SupplProvision => {
                suppl += 1;
                node.id = format!("suppl_{suppl}");
                (node.id.clone(), node.id.clone())
            }
            Kind::Appendix => {
                appdx += 1;
                node.id = format!("appdx_{appdx}");
                (node.id.clone(), node.id.clone())
            }
            _ => label(node, "", "", &mut top, &mut seq),
        };
        stack.push((node, group, article));
        // Each node's children are labelled together (their counters are the parent's), then visited.
        while let Some((node, group, article)) = stack.pop() {
            let mut counters = Counters::default();
            let mut next = Vec::with_capacity(node.children.len());
            for child in &mut node.children {
                let (g, a) = label(child, &group, &article, &mut counters, &mut seq);
                next.push((child, g, a));
            }
            stack.extend(next.into_iter().rev());
        }
    }
    make_unique(doc);
}

/// The longest ID prefix kept: deeper IDs start afresh from a short, unique one. Real regulations stay far
/// below it (about ten levels, under 100 bytes); a tree thousands of levels deep would otherwise need memory
/// growing with the square of its depth.
pub const MAX_PREFIX: usize = 512;

/// The prefix that replaces one longer than [`MAX_PREFIX`]: `deep<N>`, N counting such nodes in the order
/// they are labelled (deterministic, and unique).
fn deep_prefix(seq: &mut u64) -> String {
    *seq += 1;
    format!("deep{seq}")
}

/// Renames IDs that occur twice in the document (two 第9条 in different chapters, say) to `…_dup2`,
/// `…_dup3`, carrying the new prefix down to the node's descendants.
fn make_unique(doc: &mut Document) {
    use std::hash::BuildHasher;
    // Hashes only (no string copies); a hash collision merely renames one node more than needed.
    // Fixed keys, so that even the (astronomically unlikely) collision renames the same node every time.
    let state = std::hash::BuildHasherDefault::<std::collections::hash_map::DefaultHasher>::default();
    let hash = |s: &str| state.hash_one(s);
    // Sized once for every node: growing would hold the old table and the new one at once, at the end of a
    // parse, when the whole tree is alive.
    let mut nodes = 0;
    super::walk::walk(doc, &mut |_| nodes += 1);
    let mut seen = Seen { all: std::collections::HashSet::with_capacity(nodes), ..Seen::default() };
    for top in &mut doc.children {
        dedupe(top, &mut seen, &hash);
    }
}

/// The IDs given so far (as hashes), and per duplicated ID the next `_dupK` to try: the k-th duplicate of an
/// ID starts where the one before it stopped, instead of trying `_dup2` … `_dupK` again (quadratic when
/// thousands of 項 share a number, as in a table read as 項).
#[derive(Default)]
struct Seen {
    all: std::collections::HashSet<u64>,
    next_dup: std::collections::HashMap<u64, u32>,
}

fn dedupe(n: &mut Node, seen: &mut Seen, hash: &dyn Fn(&str) -> u64) {
    let mut stack = vec![n];
    while let Some(n) = stack.pop() {
        if !seen.all.insert(hash(&n.id)) {
            let old = n.id.clone();
            let key = hash(&old);
            let mut k = seen.next_dup.get(&key).copied().unwrap_or(2);
            let new = loop {
                let candidate = format!("{old}_dup{k}");
                if seen.all.insert(hash(&candidate)) {
                    break candidate;
                }
                k += 1;
            };
            seen.next_dup.insert(key, k + 1);
            let old_prefix = format!("{old}__");
            let new_prefix = format!("{new}__");
            let mut below: Vec<&mut Node> = n.children.iter_mut().collect();
            while let Some(c) = below.pop() {
                if let Some(rest) = c.id.strip_prefix(&old_prefix) {
                    c.id = format!("{new_prefix}{rest}");
                }
                below.extend(c.children.iter_mut());
            }
            n.id = new;
        }
        stack.extend(n.children.iter_mut().rev());
    }
}

/// Per-parent counters: position by kind.
#[derive(Default)]
struct Counters {
    position: Vec<(Kind, u32)>,
}

impl Counters {
    fn next_position(&mut self, kind: Kind) -> u32 {
        match self.position.iter_mut().find(|(k, _)| *k == kind) {
            Some((_, p)) => {
                *p += 1;
                *p
            }
            None => {
                self.position.push((kind, 1));
                1
            }
        }
    }
}

/// `prefix__name_num` (or `name_num` without a prefix).
fn make_id(prefix: &str, name: &str, num: &str) -> String {
    let mut id = String::with_capacity(prefix.len() + name.len() + num.len() + 3);
    if !prefix.is_empty() {
        id.push_str(prefix);
        id.push_str("__");
    }
    id.push_str(name);
    if !num.is_empty() {
        id.push('_');
        id.push_str(num);
    }
    id
}

/// Sets `node.id` and returns the group and article prefixes of its children. `group_prefix` is the ID
/// prefix for groups (their ancestors' path); `article_prefix` is the prefix for articles ("" in the main
/// provision, `suppl_2` in a 附則), since articles are numbered across groups.
fn label(
    node: &mut Node,
    group_prefix: &str,
    article_prefix: &str,
    counters: &mut Counters,
    seq: &mut u64,
) -> (String, String) {
    let pos = counters.next_position(node.kind);
    let mut num = String::new();
    match (&node.num, node.num_end.as_deref()) {
        (Some(a), Some(b)) if a != b => {
            a.write_joined(&mut num, "-");
            num.push_str("to");
            b.write_joined(&mut num, "-");
        }
        (Some(a), _) => a.write_joined(&mut num, "-"),
        (None, _) => num.push_str(&pos.to_string()),
    }
    let subitem_name;
    // Provisions that stand directly in a group (a 項 under a 章 in a regulation without articles) hang
    // under the group's ID; inside an article both prefixes are the article's ID.
    let other_prefix = if group_prefix.is_empty() { article_prefix } else { group_prefix };
    let article_prefix_for_kind = |k: Kind| if k == Kind::Article { article_prefix } else { other_prefix };
    let (prefix, name, num): (&str, &str, &str) = match node.kind {
        Kind::Toc => ("", "toc", ""),
        Kind::TocEntry => match node.attrs.get("target").map(String::as_str) {
            Some("suppl") => (group_prefix, "suppl", ""),
            Some(t) => (group_prefix, t, &num),
            None => (group_prefix, "entry", &num),
        },
        Kind::Preamble => (other_prefix, "preamble", ""),
        Kind::EnactStatement => (other_prefix, "enact", &num),
        k if k.is_group() => (group_prefix, group_prefix_name(k), &num),
        Kind::Article => (article_prefix, "art", &num),
        Kind::Paragraph => (other_prefix, "para", &num),
        Kind::Item => (other_prefix, "item", &num),
        Kind::Subitem => {
            subitem_name = format!("subitem{}", node.level.max(1));
            (other_prefix, subitem_name.as_str(), &num)
        }
        Kind::SupplProvision => (other_prefix, "suppl", &num),
        Kind::Appendix => (other_prefix, "appdx", &num),
        Kind::Table => (other_prefix, "table", &num),
        Kind::TableRow => (other_prefix, "row", &num),
        Kind::TableCell => (other_prefix, "cell", &num),
        Kind::Text => (other_prefix, "text", &num),
        _ => (article_prefix_for_kind(node.kind), "node", &num),
    };
    // Positional kinds are numbered by position even when they carry a number of their own.
    let positional = matches!(
        node.kind,
        Kind::EnactStatement
            | Kind::SupplProvision
            | Kind::Appendix
            | Kind::Table
            | Kind::TableRow
            | Kind::TableCell
            | Kind::Text
    );
    let pos_s;
    let num = if positional {
        pos_s = pos.to_string();
        pos_s.as_str()
    } else {
        num
    };
    let deep;
    let prefix = if prefix.len() > MAX_PREFIX {
        deep = deep_prefix(seq);
        deep.as_str()
    } else {
        prefix
    };
    node.id = make_id(prefix, name, num);
    // Groups pass their path to sub-groups, but articles inside keep the article prefix.
    if node.kind.is_group() {
        (node.id.clone(), article_prefix.to_string())
    } else {
        (node.id.clone(), node.id.clone())
    }
}

/// The eId prefix of a group kind: `part`, `chp`, `sec`, `subsec`, `div`.
pub fn group_prefix_name(kind: Kind) -> &'static str {
    match kind {
        Kind::Part => "part",
        Kind::Chapter => "chp",
        Kind::Section => "sec",
        Kind::Subsection => "subsec",
        Kind::Division => "div",
        _ => "grp",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Num;

    /// A chain of `depth` nested 号, built and torn down without recursion.
    fn chain(depth: usize) -> Document {
        let mut n = node(Kind::Item, 1, vec![]);
        for _ in 1..depth {
            n = node(Kind::Item, 1, vec![n]);
        }
        let mut doc = Document::new("t");
        doc.children = vec![node(Kind::Article, 1, vec![node(Kind::Paragraph, 1, vec![n])])];
        doc
    }

    fn tear_down(mut doc: Document) {
        let mut stack = std::mem::take(&mut doc.children);
        while let Some(mut n) = stack.pop() {
            stack.append(&mut n.children);
        }
    }

    #[test]
    fn a_very_deep_tree_gets_bounded_ids_on_a_small_stack() {
        let run = || {
            let mut doc = chain(50_000);
            assign_ids(&mut doc);
            let mut longest = 0;
            let mut count = 0;
            let mut ids = std::collections::HashSet::new();
            crate::model::walk::walk(&doc, &mut |n| {
                longest = longest.max(n.id.len());
                count += 1;
                ids.insert(n.id.clone());
            });
            assert_eq!(count, 50_002);
            assert_eq!(ids.len(), count, "unique");
            assert!(longest <= MAX_PREFIX + 64, "{longest}");
            // Shallow IDs are untouched by the bound.
            assert_eq!(doc.children[0].children[0].children[0].id, "art_1__para_1__item_1");
            tear_down(doc);
        };
        let t = std::thread::Builder::new().stack_size(256 * 1024).spawn(run).unwrap();
        t.join().unwrap();
    }

    #[test]
    fn deep_prefixes_are_numbered_in_document_order_across_top_level_nodes() {
        // Two articles, each over a chain of 100 号 (its prefix passes MAX_PREFIX): the first article's
        // `deep<N>` prefixes all come before the second's, whichever subtree is labelled first.
        let mut doc = chain(100);
        let mut second = chain(100).children.remove(0);
        second.num = Some(Num::simple(2));
        doc.children.push(second);
        assign_ids(&mut doc);
        let deep_numbers = |n: &Node| {
            let mut out = Vec::new();
            crate::model::walk::walk_node(n, &mut |x| {
                if let Some(k) = x.id.strip_prefix("deep").and_then(|r| r.split("__").next()) {
                    out.push(k.parse::<u64>().unwrap());
                }
            });
            out
        };
        let (first, second) = (deep_numbers(&doc.children[0]), deep_numbers(&doc.children[1]));
        assert!(!first.is_empty() && !second.is_empty());
        assert_eq!(first[0], 1);
        assert!(first.iter().max() < second.iter().min(), "{first:?} {second:?}");
        assert_eq!(doc.children[1].children[0].children[0].id, "art_2__para_1__item_1");
        tear_down(doc);
    }

    fn node(kind: Kind, num: u32, children: Vec<Node>) -> Node {
        let mut n = Node::new(kind);
        n.num = Some(Num::simple(num));
        n.children = children;
        n
    }

    #[test]
    fn ids_follow_the_scheme() {
        let mut sub = node(Kind::Subitem, 2, vec![]);
        sub.level = 1;
        let item = node(Kind::Item, 1, vec![sub]);
        let para = node(Kind::Paragraph, 1, vec![item]);
        let art = node(Kind::Article, 2, vec![para]);
        let sec = node(Kind::Section, 1, vec![art]);
        let chp = node(Kind::Chapter, 2, vec![sec]);
        let mut suppl = Node::new(Kind::SupplProvision);
        suppl.children.push(node(Kind::Paragraph, 1, vec![]));
        let mut doc = Document::new("t");
        doc.children = vec![chp, suppl.clone(), suppl];
        assign_ids(&mut doc);
        let chp = &doc.children[0];
        assert_eq!(chp.id, "chp_2");
        assert_eq!(chp.children[0].id, "chp_2__sec_1");
        let art = &chp.children[0].children[0];
        assert_eq!(art.id, "art_2");
        assert_eq!(art.children[0].children[0].children[0].id, "art_2__para_1__item_1__subitem1_2");
        assert_eq!(doc.children[2].id, "suppl_2");
        assert_eq!(doc.children[2].children[0].id, "suppl_2__para_1");
    }

    #[test]
    fn duplicates_and_ranges_stay_unique() {
        let mut range = node(Kind::Article, 5, vec![]);
        range.num_end = Some(Box::new(Num::simple(8)));
        let mut doc = Document::new("t");
        doc.children = vec![
            node(Kind::Article, 3, vec![node(Kind::Paragraph, 1, vec![])]),
            node(Kind::Article, 3, vec![node(Kind::Paragraph, 1, vec![])]),
            range,
        ];
        assign_ids(&mut doc);
        assert_eq!(doc.children[1].id, "art_3_dup2");
        assert_eq!(doc.children[1].children[0].id, "art_3_dup2__para_1");
        assert_eq!(doc.children[2].id, "art_5to8");
    }

    #[test]
    fn many_duplicates_number_on_and_skip_an_id_already_taken() {
        let mut doc = Document::new("t");
        let para = |n| node(Kind::Paragraph, n, vec![]);
        doc.children = vec![node(Kind::Article, 1, vec![para(1), para(1), para(1), para(1)])];
        assign_ids(&mut doc);
        let ids: Vec<&str> = doc.children[0].children.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["art_1__para_1", "art_1__para_1_dup2", "art_1__para_1_dup3", "art_1__para_1_dup4"]);
    }
}
