//! References to provisions inside a text (第十条, 第3条第2項, 第二項) with the shared finder
//! ([`crate::refs`]), so 「この規程第5条」 is this regulation's, 「法第3条」 another law's, 号 count, and lists
//! carry their article over (第5条第2項及び第3項); the origin marks that tell, after an amendment, which old
//! provision each node comes from (the ID map the ハネ漏れ check of [`super::hane`] reads); and the names of
//! provisions as readers write them (第12条第2項).
//!
//! ```
//! use kitei::amend::apply::refs::find_refs;
//! let r = find_refs("第十条第二項及び法第三条の規定");
//! assert_eq!(r.len(), 1); // 法第三条 cites another law
//! assert_eq!(r[0].article.as_ref().unwrap().to_string(), "10");
//! assert_eq!(r[0].paragraph, Some(2));
//! assert_eq!(find_refs("この規程第五条")[0].article.as_ref().unwrap().to_string(), "5");
//! ```

use crate::model::{walk, Document, Kind, Node, Num};
use crate::refs::{find_references, Target};

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

/// Marks every node with its ID before an amendment, so that the ハネ check ([`super::hane::check`]) can tell
/// where it came from.
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

#[cfg(test)]
mod tests {
    use super::*;

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
