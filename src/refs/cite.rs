//! How a provision is cited, the inverse of a reference: 第10条第2項, 第十一条第五号イ, 附則第2条, 第2章.
//! The numerals follow the article's own (kanji for 第十一条, Arabic for 第10条), branch numbers stay
//! (第3号の2), and the first 項 of an article with only one is not named. The one Japanese citation for
//! every consumer: history and impact name provisions with it, and the site (`render::cite`) adds the
//! English (Article 10, paragraph (2)) beside it.
//!
//! ```
//! use kitei::refs::cite::cite;
//! let doc = kitei::parse::parse_str("規程\n第十一条　甲\n２　乙\n一　丙\n").unwrap();
//! let mut got = Vec::new();
//! kitei::model::walk::walk_with_ancestors(&doc, &mut |n, anc| got.push(cite(n, anc)));
//! assert!(got.contains(&"第十一条第二項第一号".to_string()));
//! assert!(got.contains(&"第十一条".to_string()));
//! ```

use crate::model::{Kind, Node, Num};

/// The citation of `n`, whose ancestors are `anc` (outermost first).
pub fn cite(n: &Node, anc: &[&Node]) -> String {
    let path: Vec<&Node> = anc.iter().copied().chain(std::iter::once(n)).collect();
    let article = path.iter().rev().find(|a| a.kind == Kind::Article);
    let in_kanji = article.is_none_or(|a| !a.label.chars().any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c)));
    let num = |x: &Num| if in_kanji { x.to_kanji() } else { x.to_arabic_ja() };
    let mut out = String::new();
    for (i, a) in path.iter().enumerate() {
        let parent = i.checked_sub(1).map(|j| path[j]);
        match (a.kind, &a.num) {
            (Kind::SupplProvision, _) => out.push_str("附則"),
            (Kind::Paragraph, Some(x)) if parent.is_none_or(|p| p.children_of(Kind::Paragraph).count() > 1) => {
                out.push_str(&format!("第{}項", num(x)))
            }
            (Kind::Item, Some(x)) => out.push_str(&format!("第{}号", num(x))),
            (Kind::Article | Kind::Subitem | Kind::Appendix, _) => {
                out.push_str(&a.label.split_whitespace().collect::<String>())
            }
            (k, _) if k.is_group() && std::ptr::eq(*a, n) => out.push_str(&a.label),
            _ => {}
        }
    }
    if out.is_empty() {
        out = n.label.clone();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::walk;

    fn all(src: &str) -> Vec<(String, String)> {
        let doc = crate::parse::parse_str(src).unwrap();
        let mut got = Vec::new();
        walk::walk_with_ancestors(&doc, &mut |n, anc| got.push((n.id.clone(), cite(n, anc))));
        got
    }

    #[test]
    fn a_lone_paragraph_is_not_named_and_arabic_stays_arabic() {
        let got = all("規程\n第1条　甲\n第2条　乙\n２　丙\n(1) 丁\n");
        let find = |id: &str| got.iter().find(|(i, _)| i == id).map(|(_, c)| c.as_str());
        assert_eq!(find("art_1__para_1"), Some("第1条"));
        assert_eq!(find("art_2__para_2"), Some("第2条第2項"));
        assert_eq!(find("art_2__para_2__item_1"), Some("第2条第2項第1号"));
    }

    #[test]
    fn suppl_provisions_are_prefixed() {
        let got = all("規程\n第1条　甲\n附　則\n第1条　この規程は、公布の日から施行する。\n");
        assert!(got.iter().any(|(_, c)| c == "附則第1条"), "{got:?}");
    }
}
