//! Numeral style: writing numbers and labels the way the amended text writes them (kanji for a law, Arabic or
//! full-width digits for a horizontal 例規), relabelling a renumbered provision, and the unit characters
//! (条, 項, 号…) of each kind. Shared by the grammar, application and generation.
//!
//! ```
//! use kitei::amend::style::{relabel, NumStyle};
//! use kitei::model::Num;
//! assert_eq!(relabel("第十条の二", &Num(vec![11])), "第十一条");
//! assert_eq!(relabel("(3)", &Num::simple(4)), "(4)");
//! assert_eq!(NumStyle::Kanji.num(&Num(vec![3, 2])), "三の二");
//! ```

use crate::model::num::{digit_value, is_kanji_numeral, to_fullwidth, to_kanji, IROHA};
use crate::model::{Document, Kind, Num};

/// How numerals are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumStyle {
    /// 十一.
    Kanji,
    /// １１.
    FullWidth,
    /// 11.
    Arabic,
}

impl NumStyle {
    /// One number.
    pub fn n(self, n: u32) -> String {
        match self {
            NumStyle::Kanji => to_kanji(n),
            NumStyle::FullWidth => to_fullwidth(n),
            NumStyle::Arabic => n.to_string(),
        }
    }

    /// A number with branches joined by の.
    pub fn num(self, num: &Num) -> String {
        num.0.iter().map(|n| self.n(*n)).collect::<Vec<_>>().join("の")
    }

    /// The style of a written numeral.
    pub fn of(s: &str) -> Option<NumStyle> {
        if s.chars().any(is_kanji_numeral) {
            Some(NumStyle::Kanji)
        } else if s.chars().any(|c| ('０'..='９').contains(&c)) {
            Some(NumStyle::FullWidth)
        } else if s.chars().any(|c| c.is_ascii_digit()) {
            Some(NumStyle::Arabic)
        } else {
            None
        }
    }

    /// The style of a document's article labels (kanji if none are found).
    pub fn of_document(doc: &Document) -> NumStyle {
        doc.articles().iter().find_map(|a| NumStyle::of(&a.label)).unwrap_or(NumStyle::Kanji)
    }
}

fn is_num_char(c: char) -> bool {
    is_kanji_numeral(c) || digit_value(c).is_some()
}

/// The label with its number replaced by `num`, in the label's own style (`第十条` → `第十一条`, `２` → `３`,
/// `(1)` → `(2)`, `イ` → `ロ`).
pub fn relabel(label: &str, num: &Num) -> String {
    let chars: Vec<char> = label.chars().collect();
    if chars.len() == 1 && IROHA.contains(&chars[0]) {
        let i = num.main() as usize;
        return IROHA.get(i.wrapping_sub(1)).map(|c| c.to_string()).unwrap_or_else(|| num.to_string());
    }
    let Some(start) = chars.iter().position(|&c| is_num_char(c)) else { return label.to_string() };
    let mut end = start;
    while end < chars.len() {
        // 第十条の二: the branch follows the unit and is handled below.
        if is_num_char(chars[end]) || (chars[end] == 'の' && chars.get(end + 1).is_some_and(|&c| is_num_char(c))) {
            end += 1;
        } else {
            break;
        }
    }
    let run: String = chars[start..end].iter().collect();
    let style = NumStyle::of(&run).unwrap_or(NumStyle::Arabic);
    let head: String = chars[..start].iter().collect();
    let mut tail: String = chars[end..].iter().collect();
    // Drop an old branch after the unit (第十条の二 → 第十一条), then write the new one.
    let mut unit = String::new();
    if let Some(u) = tail.chars().next().filter(|c| matches!(c, '条' | '章' | '節' | '款' | '目' | '編')) {
        unit.push(u);
        let after: Vec<char> = tail.chars().skip(1).collect();
        let mut k = 0;
        while k < after.len() && after[k] == 'の' && after.get(k + 1).is_some_and(|&c| is_num_char(c)) {
            k += 1;
            while k < after.len() && is_num_char(after[k]) {
                k += 1;
            }
        }
        tail = after[k..].iter().collect();
        let main = style.n(num.main());
        let branches: String = num.0.iter().skip(1).map(|b| format!("の{}", style.n(*b))).collect();
        return format!("{head}{main}{unit}{branches}{tail}");
    }
    format!("{head}{}{tail}", style.num(num))
}

/// The label for a renumbered node whose label is empty (an unnumbered first 項 becoming 第二項): in the style
/// of a sibling's label.
pub fn label_like(sibling_label: Option<&str>, kind: Kind, num: &Num, doc_style: NumStyle) -> String {
    if let Some(l) = sibling_label.filter(|l| !l.is_empty()) {
        return relabel(l, num);
    }
    match kind {
        Kind::Paragraph => match doc_style {
            NumStyle::Kanji | NumStyle::FullWidth => NumStyle::FullWidth.num(num),
            NumStyle::Arabic => num.to_string(),
        },
        _ => doc_style.num(num),
    }
}

/// How a provision is cited in a 改め文: `第十条の二`, `第3項`, `第一号`.
pub fn cite(kind: Kind, num: &Num, style: NumStyle) -> String {
    let unit = unit_char(kind);
    let main = style.n(num.main());
    let branches: String = num.0.iter().skip(1).map(|b| format!("の{}", style.n(*b))).collect();
    format!("第{main}{unit}{branches}")
}

/// The unit character of a reference: 条 → Article etc.
pub fn unit_kind(c: char) -> Option<Kind> {
    Some(match c {
        '編' => Kind::Part,
        '章' => Kind::Chapter,
        '節' => Kind::Section,
        '款' => Kind::Subsection,
        '目' => Kind::Division,
        '条' => Kind::Article,
        '項' => Kind::Paragraph,
        '号' => Kind::Item,
        _ => return None,
    })
}

/// The unit character for a kind (inverse of [`unit_kind`]).
pub fn unit_char(kind: Kind) -> char {
    match kind {
        Kind::Part => '編',
        Kind::Chapter => '章',
        Kind::Section => '節',
        Kind::Subsection => '款',
        Kind::Division => '目',
        Kind::Article => '条',
        Kind::Paragraph => '項',
        _ => '号',
    }
}

/// A kind of provision in the word a drafter uses for it (条, 項, 号, 別表…), for messages: never the model's
/// internal name.
pub fn kind_word(kind: Kind) -> &'static str {
    match kind {
        Kind::Toc => "目次",
        Kind::TocEntry => "目次の項目",
        Kind::Preamble => "前文",
        Kind::EnactStatement => "制定文",
        Kind::Part => "編",
        Kind::Chapter => "章",
        Kind::Section => "節",
        Kind::Subsection => "款",
        Kind::Division => "目",
        Kind::Article => "条",
        Kind::Paragraph => "項",
        Kind::Item => "号",
        Kind::Subitem => "号の細分（イ、ロ…）",
        Kind::SupplProvision => "附則",
        Kind::Appendix => "別表",
        Kind::Table | Kind::TableRow | Kind::TableCell => "表",
        Kind::Text => "文",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relabels_in_style() {
        assert_eq!(relabel("第3条の2", &Num(vec![3, 3])), "第3条の3");
        assert_eq!(relabel("第十条", &Num(vec![10, 2])), "第十条の二");
        assert_eq!(relabel("２", &Num::simple(12)), "１２");
        assert_eq!(relabel("一", &Num::simple(4)), "四");
        assert_eq!(relabel("第１章", &Num::simple(2)), "第２章");
        assert_eq!(cite(Kind::Article, &Num(vec![3, 2]), NumStyle::Kanji), "第三条の二");
    }
}
