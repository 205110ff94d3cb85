//! Numbers of provisions whose label carries none, after an amendment has added or removed some.
//!
//! Bullets (`-`, `・`, `○`) and unlabelled 項 are numbered by position, as the parser numbers them; a label
//! that carries a number (「三」, 「２」, 「（ｄ）」, 「ロ」) keeps the number the parser read from it, even a
//! surprising one, since nothing here can read it better.

use crate::model::{Kind, Node, Num};

/// Whether the label carries a number of its own: any letter, digit or numeral (漢数字, kana, full-width
/// Latin) counts; bullets, brackets and an empty label do not.
fn carries_number(label: &str) -> bool {
    label.chars().any(char::is_alphanumeric)
}

/// Numbers by position the items, subitems and 項 under `n` (recursively) whose label carries no number.
pub(super) fn number_unlabelled(n: &mut Node) {
    let mut k = 0;
    for c in n.children.iter_mut() {
        if matches!(c.kind, Kind::Item | Kind::Subitem) || (c.kind == Kind::Paragraph && n.kind == Kind::Article) {
            k += 1;
            if !carries_number(&c.label) && (c.kind != Kind::Paragraph || !c.label.is_empty() || k == 1) {
                c.num = Some(Num::simple(k));
            }
        }
        number_unlabelled(c);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bullets_are_numbered_by_position_and_labelled_items_keep_theirs() {
        let mut p = Node::new(Kind::Paragraph);
        for (label, num) in [("・", 7), ("（ｄ）", 4), ("（ｄ）", 4), ("ロ", 2), ("-", 9)] {
            let mut c = Node::new(Kind::Item);
            c.label = label.into();
            c.num = Some(Num::simple(num));
            p.children.push(c);
        }
        number_unlabelled(&mut p);
        let nums: Vec<u32> = p.children.iter().map(|c| c.num.as_ref().unwrap().0[0]).collect();
        assert_eq!(nums, vec![1, 4, 4, 2, 5]);
    }

    #[test]
    fn an_unlabelled_first_paragraph_is_the_first() {
        let mut a = Node::new(Kind::Article);
        let mut p = Node::new(Kind::Paragraph);
        p.num = None;
        a.children.push(p);
        number_unlabelled(&mut a);
        assert_eq!(a.children[0].num, Some(Num::simple(1)));
    }
}
