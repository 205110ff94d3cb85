//! How a reader cites a provision, for search results: in Japanese as every consumer does
//! ([`crate::refs::cite`]: 第10条第2項, 第十一条第五号イ, 附則第2条), and in English beside it, JLT style
//! ("Article 10, paragraph (2)").
//!
//! ```
//! use kitei::render::cite::cite;
//! let doc = kitei::parse::parse_str("規程\n第十一条　甲\n２　乙\n一　丙\n").unwrap();
//! let mut got = Vec::new();
//! kitei::model::walk::walk_with_ancestors(&doc, &mut |n, anc| got.push(cite(n, anc).0));
//! assert!(got.contains(&"第十一条第二項第一号".to_string()));
//! ```

use super::glossary::en_label;
use crate::model::{Kind, Node, Num};

/// The citation of `n` (whose ancestors are `anc`, outermost first), in Japanese and in English.
pub fn cite(n: &Node, anc: &[&Node]) -> (String, String) {
    let path: Vec<&Node> = anc.iter().copied().chain(std::iter::once(n)).collect();
    let mut en = Vec::new();
    for (i, a) in path.iter().enumerate() {
        let parent = i.checked_sub(1).map(|j| path[j]);
        match (a.kind, &a.num) {
            (Kind::SupplProvision, _) => en.push("Supplementary Provisions".to_string()),
            (Kind::Paragraph, Some(x)) if parent.is_none_or(|p| p.children_of(Kind::Paragraph).count() > 1) => {
                en.push(format!("paragraph ({})", x.main()) + &branch(x))
            }
            (Kind::Item, Some(_)) => en.push(format!("item {}", en_label(a, 1))),
            (Kind::Article | Kind::Subitem | Kind::Appendix, _) => en.push(en_label(a, 1)),
            _ => {}
        }
    }
    (crate::refs::cite::cite(n, anc), en.join(", "))
}

fn branch(n: &Num) -> String {
    n.0.iter().skip(1).map(|b| format!("-{b}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::walk;

    fn cites(text: &str) -> Vec<(String, String, String)> {
        let doc = crate::parse::parse_str(text).unwrap();
        let mut out = Vec::new();
        walk::walk_with_ancestors(&doc, &mut |n, anc| {
            let (ja, en) = cite(n, anc);
            out.push((n.id.clone(), ja, en));
        });
        out
    }

    fn get<'a>(c: &'a [(String, String, String)], id: &str) -> (&'a str, &'a str) {
        let x = c.iter().find(|x| x.0 == id).unwrap_or_else(|| panic!("no {id}: {c:?}"));
        (&x.1, &x.2)
    }

    #[test]
    fn provisions_are_cited_as_readers_write_them() {
        let c = cites("規程\n第10条　甲\n２　乙\n（1）　丙\n（2）　丁\n第11条　戊\n");
        assert_eq!(get(&c, "art_10__para_2"), ("第10条第2項", "Article 10, paragraph (2)"));
        assert_eq!(get(&c, "art_10__para_1"), ("第10条第1項", "Article 10, paragraph (1)"));
        assert_eq!(get(&c, "art_10__para_2__item_2"), ("第10条第2項第2号", "Article 10, paragraph (2), item (ii)"));
        // The sole 項 of an article is the article.
        assert_eq!(get(&c, "art_11__para_1"), ("第11条", "Article 11"));

        let c = cites("規程\n第十一条　次の各号に掲げる。\n一　甲\n五　乙\nイ　丙\n附　則\n第一条　施行する。\n");
        assert_eq!(get(&c, "art_11__para_1__item_5").0, "第十一条第五号");
        assert_eq!(get(&c, "art_11__para_1__item_5__subitem1_1").0, "第十一条第五号イ");
        assert_eq!(get(&c, "suppl_1__art_1__para_1").0, "附則第一条");
    }
}
