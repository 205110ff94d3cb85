//! The built-in bilingual glossary (JLT 標準対訳辞書 conventions, see docs/conventions.md §4): structural labels
//! in English for provisions without a translation, and the site's UI labels in both languages.
//!
//! ```
//! use kitei::model::{Kind, Node, Num};
//! use kitei::render::glossary::{en_label, term_en};
//! let mut art = Node::new(Kind::Article);
//! art.num = Some(Num::parse_arabic("10-2").unwrap());
//! assert_eq!(en_label(&art, 1), "Article 10-2");
//! let mut ch = Node::new(Kind::Chapter);
//! ch.num = Some(Num::simple(4));
//! assert_eq!(en_label(&ch, 1), "Chapter IV");
//! assert_eq!(term_en("新旧対照表"), Some("Comparison Table (New/Old)"));
//! ```

use crate::model::num::to_roman;
use crate::model::{Kind, Node};

/// Japanese ↔ English pairs of the JLT standard dictionary used for labels and the site's interface.
pub const TERMS: &[(&str, &str)] = &[
    ("条", "Article"),
    ("項", "paragraph"),
    ("号", "item"),
    ("編", "Part"),
    ("章", "Chapter"),
    ("節", "Section"),
    ("款", "Subsection"),
    ("目", "Division"),
    ("目次", "Table of Contents"),
    ("附則", "Supplementary Provisions"),
    ("別表", "Appended Table"),
    ("本文", "main clause"),
    ("ただし書", "proviso"),
    ("前段", "first sentence"),
    ("後段", "second sentence"),
    ("前項", "the preceding paragraph"),
    ("前条", "the preceding Article"),
    ("前号", "the preceding item"),
    ("次条", "the following Article"),
    ("同条", "the same Article"),
    ("前各号", "the preceding items"),
    ("施行する", "come into effect"),
    ("新旧対照表", "Comparison Table (New/Old)"),
    ("改正前", "Before Amendment"),
    ("改正後", "After Amendment"),
    ("施行日", "Effective Date"),
    ("沿革", "Version History"),
    ("規程一覧", "Regulations"),
    ("検索", "Search"),
    ("用語", "Glossary"),
    ("定義", "definition"),
    ("他の法令", "another law"),
    ("翻訳なし", "no translation"),
    ("翻訳が古い可能性", "translation may be out of date"),
    ("例示", "illustrative"),
];

/// The English for a Japanese term of the built-in glossary.
pub fn term_en(ja: &str) -> Option<&'static str> {
    TERMS.iter().find(|(j, _)| *j == ja).map(|(_, e)| *e)
}

/// The English structural label of a node, JLT style: `Article 10-2`, `Chapter IV`, `(2)`, `(iii)`, `(a)`,
/// `Supplementary Provisions`. `siblings` is the number of paragraphs in the article (paragraph 1 carries no
/// number when it is the only one).
pub fn en_label(node: &Node, siblings: usize) -> String {
    let num = node.num.as_ref();
    let main = num.map(|n| n.main()).unwrap_or(0);
    let branch = |n: &crate::model::Num| n.0[1..].iter().map(|b| format!("-{b}")).collect::<String>();
    match node.kind {
        Kind::Article => match num {
            Some(n) => format!("Article {n}"),
            None => "Article".into(),
        },
        Kind::Paragraph if siblings <= 1 && main <= 1 => String::new(),
        // Branch numbers follow JLT's "(ii)-2" for 第二号の二.
        Kind::Paragraph => format!("({main}){}", num.map(branch).unwrap_or_default()),
        Kind::Item => format!("({}){}", to_roman(main), num.map(branch).unwrap_or_default()),
        Kind::Subitem => {
            let b = num.map(branch).unwrap_or_default();
            match node.level {
                1 => format!("({}){b}", latin(main)),
                2 => format!("{main}{b}."),
                _ => format!("{}{b}.", to_roman(main)),
            }
        }
        Kind::Part | Kind::Chapter | Kind::Section | Kind::Subsection | Kind::Division => {
            let word = term_en(&node.kind.group_char().unwrap_or('章').to_string()).unwrap_or("Chapter");
            match num {
                Some(n) if node.kind == Kind::Part || node.kind == Kind::Chapter => {
                    format!("{word} {}{}", to_roman(main).to_uppercase(), branch(n))
                }
                Some(n) => format!("{word} {n}"),
                None => word.to_string(),
            }
        }
        Kind::SupplProvision => "Supplementary Provisions".into(),
        Kind::Toc => "Table of Contents".into(),
        Kind::Appendix => match num {
            Some(n) => format!("Appended Table {n}"),
            None => "Appended Table".into(),
        },
        _ => String::new(),
    }
}

fn latin(n: u32) -> String {
    if (1..=26).contains(&n) {
        char::from(b'a' + (n - 1) as u8).to_string()
    } else {
        n.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Num;

    #[test]
    fn english_labels_keep_branch_numbers() {
        let node = |kind, n: &str| {
            let mut x = Node::new(kind);
            x.num = Some(Num::parse_arabic(n).unwrap());
            x
        };
        assert_eq!(en_label(&node(Kind::Item, "2-2"), 1), "(ii)-2");
        assert_eq!(en_label(&node(Kind::Item, "3"), 1), "(iii)");
        assert_eq!(en_label(&node(Kind::Paragraph, "2-2"), 3), "(2)-2");
        let mut sub = node(Kind::Subitem, "1-2");
        sub.level = 1;
        assert_eq!(en_label(&sub, 1), "(a)-2");
        assert_eq!(en_label(&node(Kind::Section, "1-2"), 1), "Section 1-2");
    }
}
