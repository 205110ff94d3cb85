//! Cross-references inside a regulation's text: 第N条(のM)*(第N項)?(第N号)? with kanji or Arabic numerals.
//!
//! A bare 第N項 or 第N号 joined to the reference before it by 及び, 又は, 、 etc. inherits its article (and
//! paragraph). A reference immediately preceded by a law's name, 法, 令 or 規則 (法第39条,
//! 「…法律（平成十四年法律第百五十三号）第三条」) refers to another law and is left out.
//!
//! ```
//! use kitei::diff::refs::find_references;
//! let refs = find_references("法第39条及び第5条第2項並びに第3項の規定");
//! assert_eq!(refs.len(), 2);
//! assert_eq!(refs[0].text, "第5条第2項");
//! assert_eq!(refs[1].inherited_article.as_ref().map(|n| n.to_string()), Some("5".to_string()));
//! ```

use crate::model::num::{is_kanji_numeral, parse_number};
use crate::model::Num;

/// A reference found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    /// Byte range in the text.
    pub start: usize,
    /// End of the byte range.
    pub end: usize,
    /// The reference as written (`第5条第2項`).
    pub text: String,
    /// 第N条 (with branches), when written.
    pub article: Option<Num>,
    /// 第N項, when written.
    pub paragraph: Option<Num>,
    /// 第N号, when written.
    pub item: Option<Num>,
    /// For a bare 第N項 or 第N号 joined to a previous reference (第5条第2項及び第3項): that reference's article.
    pub inherited_article: Option<Num>,
    /// For a bare 第N号 joined to a previous reference: that reference's paragraph.
    pub inherited_paragraph: Option<Num>,
    /// True when written in kanji numerals.
    pub kanji: bool,
}

/// Finds the references to this regulation's own provisions in a text (see the module docs).
pub fn find_references(text: &str) -> Vec<Reference> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out: Vec<Reference> = Vec::new();
    let mut k = 0;
    while k < chars.len() {
        if chars[k].1 != '第' {
            k += 1;
            continue;
        }
        let start_k = k;
        let mut r = Reference {
            start: chars[k].0,
            end: 0,
            text: String::new(),
            article: None,
            paragraph: None,
            item: None,
            inherited_article: None,
            inherited_paragraph: None,
            kanji: false,
        };
        let mut pos = k;
        let mut any = false;
        for unit in ['条', '項', '号'] {
            let Some((num, kanji, next)) = numbered(&chars, pos, unit) else { continue };
            r.kanji |= kanji;
            match unit {
                '条' => r.article = Some(num),
                '項' => r.paragraph = Some(num),
                _ => r.item = Some(num),
            }
            pos = next;
            any = true;
        }
        if !any {
            k += 1;
            continue;
        }
        r.end = chars.get(pos).map(|c| c.0).unwrap_or(text.len());
        r.text = text[r.start..r.end].to_string();
        if other_law(&chars, start_k) {
            k = pos;
            continue;
        }
        if r.article.is_none() {
            if let Some(prev) = out.last() {
                let between = &text[prev.end..r.start];
                if prev.end <= r.start && is_connective(between) {
                    r.inherited_article = prev.article.clone().or(prev.inherited_article.clone());
                    if r.paragraph.is_none() {
                        r.inherited_paragraph = prev.paragraph.clone().or(prev.inherited_paragraph.clone());
                    }
                }
            }
        }
        out.push(r);
        k = pos;
    }
    out
}

fn is_connective(s: &str) -> bool {
    matches!(s, "及び" | "又は" | "若しくは" | "並びに" | "、" | "・" | "から" | "乃至" | "及び同条" | "又は同条")
}

/// Parses 第<number>(の<number>)*<unit> at `pos`; returns the number, whether kanji, and the next position.
fn numbered(chars: &[(usize, char)], pos: usize, unit: char) -> Option<(Num, bool, usize)> {
    if chars.get(pos)?.1 != '第' {
        return None;
    }
    let (first, kanji, mut p) = number_at(chars, pos + 1)?;
    let mut parts = vec![first];
    if chars.get(p)?.1 != unit {
        return None;
    }
    p += 1;
    // Branch numbers follow the unit: 第十条の二.
    while chars.get(p).is_some_and(|c| c.1 == 'の') {
        match number_at(chars, p + 1) {
            Some((n, _, q)) => {
                parts.push(n);
                p = q;
            }
            None => break,
        }
    }
    Some((Num(parts), kanji, p))
}

fn number_at(chars: &[(usize, char)], pos: usize) -> Option<(u32, bool, usize)> {
    let mut p = pos;
    let mut s = String::new();
    let mut kanji = false;
    while let Some(&(_, c)) = chars.get(p) {
        if c.is_ascii_digit() || ('０'..='９').contains(&c) {
            s.push(c);
        } else if is_kanji_numeral(c) {
            kanji = true;
            s.push(c);
        } else {
            break;
        }
        p += 1;
    }
    if s.is_empty() {
        return None;
    }
    parse_number(&s).map(|n| (n, kanji, p))
}

/// True when the reference at `k` is preceded by a law's name (another law's provision).
fn other_law(chars: &[(usize, char)], k: usize) -> bool {
    let is_law_end = |c: char| matches!(c, '法' | '令' | '則' | '律' | '例');
    let Some(&(_, prev)) = k.checked_sub(1).and_then(|i| chars.get(i)) else { return false };
    if is_law_end(prev) {
        return true;
    }
    if prev == '）' || prev == ')' {
        // Skip back over the bracketed part: 「…法律（平成十四年法律第百五十三号）第三条」.
        let mut depth = 0;
        let mut i = k - 1;
        loop {
            match chars[i].1 {
                '）' | ')' => depth += 1,
                '（' | '(' => {
                    depth -= 1;
                    if depth == 0 {
                        return i > 0 && is_law_end(chars[i - 1].1);
                    }
                }
                _ => {}
            }
            if i == 0 {
                return false;
            }
            i -= 1;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_kanji_branch_and_chains() {
        let r = find_references("第十六条の二第一項第三号及び第二十条");
        assert_eq!(r.len(), 2);
        assert_eq!(r[0].article, Some(Num(vec![16, 2])));
        assert_eq!(r[0].paragraph, Some(Num::simple(1)));
        assert_eq!(r[0].item, Some(Num::simple(3)));
        assert!(r[0].kanji);
        assert_eq!(r[1].article, Some(Num::simple(20)));
    }

    #[test]
    fn other_laws_are_ignored() {
        assert!(find_references("法第39条第1項").is_empty());
        assert!(find_references("労働基準法（昭和22年法律第49号）第89条").is_empty());
        assert!(find_references("同令第3条").is_empty());
        assert_eq!(find_references("この規程の第3条").len(), 1);
    }

    #[test]
    fn bare_paragraphs_inherit_only_after_a_connective() {
        let r = find_references("第5条第2項又は第3項の場合、第4項");
        assert_eq!(r[1].inherited_article, Some(Num::simple(5)));
        assert_eq!(r[2].inherited_article, None);
    }
}
