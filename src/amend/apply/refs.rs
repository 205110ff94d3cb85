//! References to provisions inside a text (第十条, 第3条第2項, 第二項) and the ハネ漏れ check: after an
//! amendment renumbers provisions, every reference to them must have been amended too. Both use the shared
//! finder and resolver ([`crate::refs`]), so 「この規程第5条」 is this regulation's, 「法第3条」 another
//! law's, 号 count, and lists carry their article over (第5条第2項及び第3項).
//!
//! ```
//! use kitei::amend::apply::refs::find_refs;
//! let r = find_refs("第十条第二項及び法第三条の規定");
//! assert_eq!(r.len(), 1); // 法第三条 cites another law
//! assert_eq!(r[0].article.as_ref().unwrap().to_string(), "10");
//! assert_eq!(r[0].paragraph, Some(2));
//! assert_eq!(find_refs("この規程第五条")[0].article.as_ref().unwrap().to_string(), "5");
//! ```

use std::collections::{BTreeMap, HashMap};

use crate::model::{walk, Document, Kind, Node, Num};
use crate::refs::{find_references, Position, Resolver, Step, Target};

/// One reference found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ref {
    /// The article cited; `None` for a bare 第二項 (the citing article's own paragraph).
    pub article: Option<Num>,
    /// The paragraph cited, if any.
    pub paragraph: Option<u32>,
    /// The reference as written.
    pub text: String,
}

pub(super) const ORIGIN: &str = "kitei-amend-origin";

/// Finds references to provisions of the same text: 第N条（第M項） and bare 第M項, skipping those that cite
/// another law (法第三条, 令第二条, （…号）第五条) or the 附則. A range 第N条から第M条まで gives both ends.
pub fn find_refs(text: &str) -> Vec<Ref> {
    let mut out = Vec::new();
    for r in find_references(text) {
        if r.external || r.suppl {
            continue;
        }
        let written = text[r.range.clone()].to_string();
        let paragraph = match &r.paragraph {
            Some(Target::Num(n)) => Some(n.main()),
            _ => None,
        };
        let mut push = |article: Option<Num>| out.push(Ref { article, paragraph, text: written.clone() });
        match &r.article {
            Some(Target::Num(n)) => push(Some(n.clone())),
            Some(Target::Range(a, b)) => {
                push(Some(a.clone()));
                push(Some(b.clone()));
            }
            None if paragraph.is_some() && !r.inherited => push(None),
            _ => {}
        }
    }
    out
}

/// Marks every node with its ID before an amendment, so that [`stale_after`] can tell where it came from.
pub fn mark_origins(doc: &mut Document) {
    walk::walk_mut(doc, &mut |n| {
        n.attrs.insert(ORIGIN.into(), n.id.clone());
    });
}

/// Gives a provision rewritten whole (「第十条を次のように改める。」) the mark of the one it replaces, and its
/// parts the marks of the old parts with the same number: they keep their numbers, so references to them stay
/// right.
pub fn keep_origin(old: &Node, new: &mut Node) {
    if old.kind != new.kind || old.num != new.num {
        return;
    }
    if let Some(o) = old.attrs.get(ORIGIN) {
        new.attrs.insert(ORIGIN.into(), o.clone());
    }
    for c in new.children.iter_mut() {
        if let Some(oc) = old.children.iter().find(|x| x.kind == c.kind && x.num == c.num) {
            keep_origin(oc, c);
        }
    }
}

/// Removes the marks of [`mark_origins`].
pub fn clear_origins(doc: &mut Document) {
    walk::walk_mut(doc, &mut |n| {
        n.attrs.remove(ORIGIN);
    });
}

/// Where each provision of the main provision went: old path → new path (`None` when removed), for those
/// whose path changed. `image` maps an old ID to the new node carrying its origin mark.
fn moves(
    old: &Resolver<'_>,
    new: &Resolver<'_>,
    old_doc: &Document,
    image: &HashMap<&str, &Node>,
) -> BTreeMap<Vec<Step>, Option<Vec<Step>>> {
    let mut out = BTreeMap::new();
    walk::walk(old_doc, &mut |n| {
        if !matches!(n.kind, Kind::Article | Kind::Paragraph | Kind::Item) {
            return;
        }
        let Some((from, false)) = old.path_of(&n.id) else { return };
        let to = image.get(n.id.as_str()).and_then(|m| new.path_of(&m.id)).filter(|(_, suppl)| !suppl).map(|p| p.0);
        if to.as_ref() != Some(&from) {
            out.insert(from, to);
        }
    });
    out
}

/// How many references of a text, read at `pos`, cite each path (main provision only).
fn cited(resolver: &Resolver<'_>, pos: &Position<'_>, text: &str) -> BTreeMap<Vec<Step>, usize> {
    let mut m = BTreeMap::new();
    for r in resolver.references(pos, text) {
        if r.reference.external || r.suppl || r.path.is_empty() {
            continue;
        }
        *m.entry(r.path).or_insert(0) += 1;
    }
    m
}

/// The references left pointing at the wrong provision after `new` was made from `old` (whose nodes carry
/// [`mark_origins`] marks): each reference to a moved provision that a node still carries as in the old text
/// (it cites the old number as often as before, and the new number no more often than before).
pub fn stale_after(old: &Document, new: &Document) -> Vec<String> {
    let mut image: HashMap<&str, &Node> = HashMap::new();
    walk::walk(new, &mut |n| {
        if let Some(o) = n.attrs.get(ORIGIN) {
            image.entry(o.as_str()).or_insert(n);
        }
    });
    let (ro, rn) = (Resolver::new(old), Resolver::new(new));
    let moved = moves(&ro, &rn, old, &image);
    if moved.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    walk::walk_with_ancestors(new, &mut |n, anc| {
        let top = anc.first().copied().unwrap_or(n);
        if n.text.is_empty() || matches!(top.kind, Kind::SupplProvision | Kind::Appendix | Kind::Toc) {
            return;
        }
        let Some(origin) = n.attrs.get(ORIGIN) else { return };
        let (Some(old_node), Some(old_pos)) = (ro.node(origin), ro.position(origin)) else { return };
        let before = cited(&ro, &old_pos, &old_node.text);
        if !before.keys().any(|k| moved.contains_key(k)) {
            return;
        }
        let after = cited(&rn, &Position::of(n, anc), &n.text);
        let count = |m: &BTreeMap<Vec<Step>, usize>, k: &Vec<Step>| m.get(k).copied().unwrap_or(0);
        for (key, &b) in &before {
            let Some(to) = moved.get(key) else { continue };
            let gained = to.as_ref().is_some_and(|t| count(&after, t) > count(&before, t));
            if count(&after, key) >= b && !gained {
                let now = match to {
                    Some(t) => format!("now {}", show(t)),
                    None => "now removed".into(),
                };
                let mut place: String = anc.iter().chain(std::iter::once(&n)).map(|a| reader_name(a)).collect();
                if place.is_empty() {
                    place = if n.id.is_empty() { origin.clone() } else { n.id.clone() };
                }
                out.push(format!("{place} still cites {} ({now})", show(key)));
            }
        }
    });
    out
}

/// A node as a reader names it in a path: 第十二条, 第2項, 第3号, 附則, 別表第一; nothing for the first 項 of an
/// article that has only one (第十二条, not 第十二条第1項), nor for table parts and text blocks.
pub(crate) fn reader_name(n: &Node) -> String {
    match (n.kind, &n.num) {
        (Kind::Paragraph, Some(num)) if num.0 == [1] && n.label.is_empty() => String::new(),
        // 第2項, 第3号の2: the resolver's names, as references are written.
        (Kind::Paragraph | Kind::Item, Some(num)) => crate::refs::resolve::name(n.kind, num),
        (Kind::Subitem | Kind::Text | Kind::Table | Kind::TableRow | Kind::TableCell, _) => String::new(),
        _ => n.label.split_whitespace().collect(),
    }
}

/// 第3条第2項第1号 (Arabic numerals).
fn show(path: &[Step]) -> String {
    path.iter().map(|(k, n)| crate::refs::resolve::name(*k, n)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// OLD, and NEW with the origin marks an amendment would have left: `origins` maps NEW IDs to OLD ones.
    fn stale(old: &str, new: &str, origins: &[(&str, &str)]) -> Vec<String> {
        let old = crate::parse::parse_str(old).unwrap();
        let mut new = crate::parse::parse_str(new).unwrap();
        walk::walk_mut(&mut new, &mut |n| {
            if let Some((_, o)) = origins.iter().find(|(id, _)| *id == n.id) {
                n.attrs.insert(ORIGIN.into(), o.to_string());
            }
        });
        stale_after(&old, &new)
    }

    const OLD: &str = "規程\n第1条　{}\n第2条　甲\n一　乙\n二　丙\n";
    const NEW: &str = "規程\n第1条　{}\n第2条　丁\n第3条　甲\n一　乙\n二　丙\n";
    const ORIGINS: &[(&str, &str)] = &[
        ("art_1", "art_1"),
        ("art_1__para_1", "art_1__para_1"),
        ("art_3", "art_2"),
        ("art_3__para_1", "art_2__para_1"),
        ("art_3__para_1__item_1", "art_2__para_1__item_1"),
        ("art_3__para_1__item_2", "art_2__para_1__item_2"),
    ];

    fn pair(text: &str, new_text: &str) -> Vec<String> {
        stale(&OLD.replace("{}", text), &NEW.replace("{}", new_text), ORIGINS)
    }

    #[test]
    fn this_regulations_article_is_internal_and_another_laws_is_not() {
        assert_eq!(pair("この規程第2条による。", "この規程第2条による。"), ["第1条 still cites 第2条 (now 第3条)"]);
        assert!(pair("この規程第2条による。", "この規程第3条による。").is_empty());
        assert!(pair("法第2条による。", "法第2条による。").is_empty());
    }

    #[test]
    fn items_and_lists_are_checked() {
        // 第N条第M号 is an item of the first paragraph.
        let w = pair("第2条第2号による。", "第2条第2号による。");
        assert_eq!(w, ["第1条 still cites 第2条第1項第2号 (now 第3条第1項第2号)"]);
        // The article carried over a list: 第2条第1号及び第2号.
        let w = pair("第2条第1号及び第2号による。", "第3条第1号及び第2条第2号による。");
        assert_eq!(w, ["第1条 still cites 第2条第1項第2号 (now 第3条第1項第2号)"]);
        assert!(pair("第2条第1号及び第2号による。", "第3条第1号及び第2号による。").is_empty());
    }

    #[test]
    fn find_refs_reads_ranges_and_lists() {
        let r = find_refs("第一条から第五条まで及びこの規則第七条第二項並びに第三項");
        let arts: Vec<String> = r.iter().map(|r| r.article.as_ref().unwrap().to_string()).collect();
        assert_eq!(arts, ["1", "5", "7", "7"]);
        assert_eq!(r[3].paragraph, Some(3));
    }

    #[test]
    fn reader_names_carry_branch_numbers_as_written() {
        let doc = crate::parse::parse_str("例\n第一条　甲。\n２　乙。\n  三の二　丙\n").unwrap();
        let item = doc.find("art_1__para_2__item_3-2").unwrap();
        assert_eq!(reader_name(item), "第3号の2");
        assert_eq!(reader_name(doc.find("art_1__para_1").unwrap()), "");
        assert_eq!(reader_name(doc.find("art_1__para_2").unwrap()), "第2項");
    }
}
