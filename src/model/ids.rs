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
use std::collections::HashMap;

/// Assigns `id` to every node of the document.
pub fn assign_ids(doc: &mut Document) {
    let mut suppl = 0;
    let mut appdx = 0;
    let mut top = Counters::default();
    for node in &mut doc.children {
        match node.kind {
            Kind::SupplProvision => {
                suppl += 1;
                node.id = format!("suppl_{suppl}");
                let prefix = node.id.clone();
                assign_children(node, &prefix, &prefix);
            }
            Kind::Appendix => {
                appdx += 1;
                node.id = format!("appdx_{appdx}");
                let prefix = node.id.clone();
                assign_children(node, &prefix, &prefix);
            }
            _ => assign_one(node, "", "", &mut top),
        }
    }
}

/// Per-parent counters: position by kind, and numbers already used (for duplicates).
#[derive(Default)]
struct Counters {
    position: HashMap<Kind, u32>,
    seen: HashMap<String, u32>,
}

impl Counters {
    fn unique(&mut self, id: String) -> String {
        let n = self.seen.entry(id.clone()).or_insert(0);
        *n += 1;
        if *n == 1 {
            id
        } else {
            format!("{id}_dup{n}")
        }
    }
}

fn assign_children(node: &mut Node, group_prefix: &str, article_prefix: &str) {
    let mut counters = Counters::default();
    for child in &mut node.children {
        assign_one(child, group_prefix, article_prefix, &mut counters);
    }
}

fn join(prefix: &str, part: &str) -> String {
    if prefix.is_empty() {
        part.to_string()
    } else {
        format!("{prefix}__{part}")
    }
}

/// `group_prefix` is the ID prefix for groups (their ancestors' path); `article_prefix` is the prefix for
/// articles ("" in the main provision, `suppl_2` in a 附則), since articles are numbered across groups.
fn assign_one(node: &mut Node, group_prefix: &str, article_prefix: &str, counters: &mut Counters) {
    let pos = {
        let p = counters.position.entry(node.kind).or_insert(0);
        *p += 1;
        *p
    };
    let num = match (&node.num, &node.num_end) {
        (Some(a), Some(b)) if a != b => format!("{a}to{b}"),
        (Some(a), _) => a.to_string(),
        (None, _) => pos.to_string(),
    };
    let (id, next_group, next_article) = match node.kind {
        Kind::Toc => ("toc".to_string(), "toc".to_string(), "toc".to_string()),
        Kind::TocEntry => {
            let part = match node.attrs.get("target").map(String::as_str) {
                Some("suppl") => "suppl".to_string(),
                Some(t) => format!("{t}_{num}"),
                None => format!("entry_{pos}"),
            };
            let id = join(group_prefix, &part);
            (id.clone(), id.clone(), id)
        }
        Kind::Preamble => (join(article_prefix, "preamble"), String::new(), String::new()),
        Kind::EnactStatement => (join(article_prefix, &format!("enact_{pos}")), String::new(), String::new()),
        k if k.is_group() => {
            let id = join(group_prefix, &format!("{}_{num}", group_prefix_name(k)));
            (id.clone(), id, article_prefix.to_string())
        }
        Kind::Article => {
            let id = join(article_prefix, &format!("art_{num}"));
            (id.clone(), id.clone(), id)
        }
        Kind::Paragraph => {
            let id = join(article_prefix, &format!("para_{num}"));
            (id.clone(), id.clone(), id)
        }
        Kind::Item => {
            let id = join(article_prefix, &format!("item_{num}"));
            (id.clone(), id.clone(), id)
        }
        Kind::Subitem => {
            let id = join(article_prefix, &format!("subitem{}_{num}", node.level.max(1)));
            (id.clone(), id.clone(), id)
        }
        Kind::SupplProvision => {
            let id = join(article_prefix, &format!("suppl_{pos}"));
            (id.clone(), id.clone(), id)
        }
        Kind::Appendix => {
            let id = join(article_prefix, &format!("appdx_{pos}"));
            (id.clone(), id.clone(), id)
        }
        Kind::Table => {
            let id = join(article_prefix, &format!("table_{pos}"));
            (id.clone(), id.clone(), id)
        }
        Kind::TableRow => {
            let id = join(article_prefix, &format!("row_{pos}"));
            (id.clone(), id.clone(), id)
        }
        Kind::TableCell => {
            let id = join(article_prefix, &format!("cell_{pos}"));
            (id.clone(), id.clone(), id)
        }
        Kind::Text => {
            let id = join(article_prefix, &format!("text_{pos}"));
            (id.clone(), id.clone(), id)
        }
        _ => unreachable!("every kind is handled above"),
    };
    node.id = counters.unique(id);
    if node.id != next_group && next_group == next_article {
        // A duplicate: children hang under the disambiguated ID.
        let unique = node.id.clone();
        assign_children(node, &unique, &unique);
    } else {
        assign_children(node, &next_group, &next_article);
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
        range.num_end = Some(Num::simple(8));
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
}
