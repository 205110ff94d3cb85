//! Finding references in provision text: 第N条, 第N条の2第M項第K号, 前条, 前項, 次条, 前号, 同条, 前二条,
//! 前各項, 第N条から第M条まで, 附則第N条… with their byte ranges, marked external when they belong to another
//! instrument (「法第39条第1項」, 「…法（平成25年法律第29号）第26条」). Numerals may be kanji, Arabic or
//! full-width. References inside 「」 quotations are literal text (amending provisions quote the text they
//! change) and are not returned. What a reference points at is worked out by [`super::resolve`].
//!
//! ```
//! use kitei::refs::{find_references, RefKind, Target};
//! use kitei::model::Num;
//! let refs = find_references("前条第二項及び第十条の二第一項第三号の規定は、法第39条には適用しない。");
//! assert_eq!(refs.len(), 3);
//! assert_eq!(refs[0].article, Some(Target::Previous(1)));
//! assert_eq!(refs[0].paragraph, Some(Target::Num(Num::simple(2))));
//! assert_eq!(refs[1].article, Some(Target::Num(Num(vec![10, 2]))));
//! assert_eq!(refs[1].kind(), RefKind::Item);
//! assert!(refs[2].external);
//! ```

use super::coordination::inherit;
pub use super::coordination::joins;
use super::external::is_external_before;
use super::scan::next_significant;
use crate::model::num::{digit_value, is_kanji_numeral, parse_number};
use crate::model::Num;
use std::ops::Range;

/// The finest level a reference points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RefKind {
    /// 条.
    Article,
    /// 項.
    Paragraph,
    /// 号.
    Item,
}

/// What a reference names at one level (条, 項 or 号).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Target {
    /// 第N条 (with 枝番号: 第十条の二 → 10-2).
    Num(Num),
    /// 第N条から第M条まで (both ends included).
    Range(Num, Num),
    /// 前条 (1), 前二条 (2)…: the n units immediately before the current one.
    Previous(u32),
    /// 前各項, 前各号: every unit before the current one.
    PreviousAll,
    /// 次条, 次項, 次号.
    Next,
    /// 同条, 同項, 同号: the unit named by the previous reference.
    Same,
    /// 各号 after a 条 or 項 (前項各号): every unit of that level.
    All,
}

/// How the numbers of a reference are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Numerals {
    /// No numeral (前条, 同項).
    None,
    /// 第十条.
    Kanji,
    /// 第10条.
    Arabic,
    /// 第１０条.
    FullWidth,
}

/// One reference found in a text.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Reference {
    /// Byte range in the text, from 第/前/次/同 (or 附則) to the last unit character (or まで).
    pub range: Range<usize>,
    /// True when the reference belongs to another law or instrument (法第39条, …（平成25年法律第29号）第26条).
    pub external: bool,
    /// True for 附則第N条.
    pub suppl: bool,
    /// The 条 part, if written (or inherited: in 第5条第1項及び第2項 the second reference is 第5条第2項).
    pub article: Option<Target>,
    /// The 項 part.
    pub paragraph: Option<Target>,
    /// The 号 part.
    pub item: Option<Target>,
    /// True when `article`/`paragraph` were inherited from the preceding reference in a coordination.
    pub inherited: bool,
    /// How the numerals are written (the first numeral of the reference).
    pub numerals: Numerals,
}

impl Reference {
    /// A reference naming nothing, at 0..0 (a placeholder that allocates nothing).
    pub(crate) fn empty() -> Reference {
        Reference {
            range: 0..0,
            external: false,
            suppl: false,
            article: None,
            paragraph: None,
            item: None,
            inherited: false,
            numerals: Numerals::None,
        }
    }

    /// The finest level named.
    pub fn kind(&self) -> RefKind {
        if self.item.is_some() {
            RefKind::Item
        } else if self.paragraph.is_some() {
            RefKind::Paragraph
        } else {
            RefKind::Article
        }
    }
}

/// Finds the references in a provision's text, in order. See the module documentation.
pub fn find_references(text: &str) -> Vec<Reference> {
    let mut out: Vec<Reference> = Vec::new();
    let mut depths: Vec<i32> = Vec::new(); // bracket depth of each reference
    let mut quote = 0i32;
    let mut depth = 0i32;
    let mut i = 0;
    while let Some((at, c)) = next_significant(text.as_bytes(), i) {
        i = at;
        match c {
            '「' | '『' => quote += 1,
            '」' | '』' => quote = (quote - 1).max(0),
            '（' | '(' => depth += 1,
            '）' | ')' => depth = (depth - 1).max(0),
            _ => {}
        }
        if quote == 0 && super::scan::STARTS.contains(&c) {
            if let Some(mut r) = parse_chain(text, i) {
                i = r.range.end;
                if is_form_number(text, &r) {
                    continue;
                }
                r.external = r.external || is_external_before(&text[..r.range.start]);
                // The reference it may be coordinated with: the last one at the same bracket depth.
                let peer = out.iter().zip(&depths).rev().find(|(_, d)| **d == depth).map(|(r, _)| r);
                inherit(text, out.last(), peer, &mut r);
                out.push(r);
                depths.push(depth);
                continue;
            }
        }
        i += c.len_utf8();
    }
    out
}

/// 様式第1号, 第1号様式, 別記第2号: numbered forms, not 号 references.
fn is_form_number(text: &str, r: &Reference) -> bool {
    if r.article.is_some() || r.paragraph.is_some() {
        return false;
    }
    let before = &text[..r.range.start];
    let after = &text[r.range.end..];
    ["様式", "別記", "別表", "別紙", "付録", "書式"].iter().any(|w| before.ends_with(w))
        || ["様式", "の様式", "書式", "議案", "証"].iter().any(|w| after.starts_with(w))
}

/// A parsed numeral: value, end, style.
pub(crate) fn numeral_at(s: &str, i: usize) -> Option<(u32, usize, Numerals)> {
    let rest = &s[i..];
    let first = rest.chars().next()?;
    let (end, style) = if digit_value(first).is_some() {
        let len: usize = rest.chars().take_while(|c| digit_value(*c).is_some()).map(char::len_utf8).sum();
        (i + len, if first.is_ascii_digit() { Numerals::Arabic } else { Numerals::FullWidth })
    } else if is_kanji_numeral(first) {
        let len: usize = rest.chars().take_while(|c| is_kanji_numeral(*c)).map(char::len_utf8).sum();
        (i + len, Numerals::Kanji)
    } else {
        return None;
    };
    Some((parse_number(&s[i..end])?, end, style))
}

/// One level's part: (target, end, numerals).
type Part = (Target, usize, Numerals);

/// 第N<unit>(のM)* [から第K<unit>まで], 前<unit>, 前N<unit>, 前各<unit>, 次<unit>, 同<unit>, 各<unit>.
/// Called at every possible start and after every level read, so the first character picks the one form
/// that may follow.
fn parse_part(s: &str, i: usize, unit: char, allow_all: bool) -> Option<Part> {
    let rest = &s[i..];
    let unit_len = unit.len_utf8();
    let simple = |prefix: &str, t: Target| -> Option<Part> {
        let r = rest.strip_prefix(prefix)?;
        r.starts_with(unit).then(|| (t, i + prefix.len() + unit_len, Numerals::None))
    };
    match rest.chars().next()? {
        '第' => {
            let (num, end, style) = absolute(s, i, unit)?;
            // A range: から第M<unit>まで.
            if let Some(from) = s[end..].strip_prefix("から").map(|_| end + "から".len()) {
                if let Some((num2, end2, _)) = absolute(s, from, unit) {
                    if s[end2..].starts_with("まで") {
                        return Some((Target::Range(num, num2), end2 + "まで".len(), style));
                    }
                }
            }
            Some((Target::Num(num), end, style))
        }
        '前' => simple("前各", Target::PreviousAll).or_else(|| simple("前", Target::Previous(1))).or_else(|| {
            // 前二条, 前三項.
            let (n, end, _) = numeral_at(s, i + '前'.len_utf8())?;
            let first = rest['前'.len_utf8()..].chars().next();
            (first.is_some_and(is_kanji_numeral) && s[end..].starts_with(unit) && n >= 2).then_some((
                Target::Previous(n),
                end + unit_len,
                Numerals::None,
            ))
        }),
        '次' => simple("次", Target::Next),
        '同' => simple("同", Target::Same),
        '各' if allow_all => simple("各", Target::All),
        _ => None,
    }
}

/// 第N<unit>(のM)*, returning the number and the end of the branches.
fn absolute(s: &str, i: usize, unit: char) -> Option<(Num, usize, Numerals)> {
    if !s[i..].starts_with('第') {
        return None;
    }
    let (n, mut end, style) = numeral_at(s, i + '第'.len_utf8())?;
    if !s[end..].starts_with(unit) {
        return None;
    }
    end += unit.len_utf8();
    let mut parts = vec![n];
    // 枝番号: の二 (never の一; 第五条の一部 is not a branch).
    while s[end..].starts_with(['の', 'ノ']) {
        let at = end + 'の'.len_utf8();
        let Some((b, bend, _)) = numeral_at(s, at) else { break };
        if b < 2 || s[bend..].starts_with('分') || s[bend..].starts_with('部') {
            break;
        }
        parts.push(b);
        end = bend;
    }
    Some((Num(parts), end, style))
}

/// A whole reference starting at `i`: [附則] [条] [項] [号], at least one level.
fn parse_chain(s: &str, i: usize) -> Option<Reference> {
    let mut j = i;
    let suppl = s[i..].starts_with("附則");
    if suppl {
        j += "附則".len();
    }
    let article = parse_part(s, j, '条', false);
    if suppl && article.is_none() {
        return None;
    }
    if let Some((_, e, _)) = &article {
        j = *e;
    }
    let paragraph = parse_part(s, j, '項', article.is_some());
    if let Some((_, e, _)) = &paragraph {
        j = *e;
    }
    let item = parse_part(s, j, '号', article.is_some() || paragraph.is_some());
    if let Some((_, e, _)) = &item {
        j = *e;
    }
    if article.is_none() && paragraph.is_none() && item.is_none() {
        return None;
    }
    let numerals = [&article, &paragraph, &item]
        .iter()
        .filter_map(|p| p.as_ref().map(|p| p.2))
        .find(|n| *n != Numerals::None)
        .unwrap_or(Numerals::None);
    Some(Reference {
        range: i..j,
        external: false,
        suppl,
        article: article.map(|p| p.0),
        paragraph: paragraph.map(|p| p.0),
        item: item.map(|p| p.0),
        inherited: false,
        numerals,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(v: &[u32]) -> Target {
        Target::Num(Num(v.to_vec()))
    }

    fn one(text: &str) -> Reference {
        let r = find_references(text);
        assert_eq!(r.len(), 1, "{text}: {r:?}");
        r.into_iter().next().unwrap()
    }

    #[test]
    fn absolute_references_in_any_numerals() {
        for t in ["第十条の二第一項第三号", "第10条の2第1項第3号", "第１０条の２第１項第３号"]
        {
            let r = one(t);
            assert_eq!(r.article, Some(n(&[10, 2])), "{t}");
            assert_eq!(r.paragraph, Some(n(&[1])));
            assert_eq!(r.item, Some(n(&[3])));
            assert_eq!(r.range, 0..t.len());
            assert!(!r.external);
        }
        assert_eq!(one("第十条").numerals, Numerals::Kanji);
        assert_eq!(one("第10条").numerals, Numerals::Arabic);
        assert_eq!(one("第１０条").numerals, Numerals::FullWidth);
        assert_eq!(one("第三号の二").item, Some(n(&[3, 2])));
    }

    #[test]
    fn relative_references() {
        assert_eq!(one("前条").article, Some(Target::Previous(1)));
        assert_eq!(one("前二条").article, Some(Target::Previous(2)));
        assert_eq!(one("次条").article, Some(Target::Next));
        assert_eq!(one("前項").paragraph, Some(Target::Previous(1)));
        assert_eq!(one("前三項").paragraph, Some(Target::Previous(3)));
        assert_eq!(one("前各項").paragraph, Some(Target::PreviousAll));
        assert_eq!(one("前各号").item, Some(Target::PreviousAll));
        assert_eq!(one("前号").item, Some(Target::Previous(1)));
        let r = one("前項各号");
        assert_eq!((r.paragraph, r.item), (Some(Target::Previous(1)), Some(Target::All)));
        // 次の各号 and 当該各号 are not references.
        assert!(find_references("次の各号に掲げる用語の意義は、当該各号に定めるところによる。").is_empty());
    }

    #[test]
    fn ranges() {
        let r = one("第五条から第八条まで");
        assert_eq!(r.article, Some(Target::Range(Num::simple(5), Num::simple(8))));
        let r = one("第1条第1項から第3項まで");
        assert_eq!(r.paragraph, Some(Target::Range(Num::simple(1), Num::simple(3))));
    }

    #[test]
    fn same_and_coordination() {
        let r = find_references("第三条第一項又は同条第二項");
        assert_eq!(r[1].article, Some(Target::Same));
        assert_eq!(r[1].paragraph, Some(n(&[2])));
        let r = find_references("第5条第1項及び第2項");
        assert_eq!(r[1].article, Some(n(&[5])));
        assert!(r[1].inherited);
        let r = find_references("第5条第1項第1号、第2号");
        assert_eq!((r[1].article.clone(), r[1].paragraph.clone()), (Some(n(&[5])), Some(n(&[1]))));
        // Exceptions in brackets, ただし書 and asides between coordinated references.
        let r = find_references("第二十一条第一項、第四項（第四号を除く。）、第五項ただし書若しくは第六項");
        assert_eq!(r.len(), 5);
        assert!(r[1..].iter().all(|r| r.article == Some(n(&[21]))), "{r:?}");
        assert_eq!((r[2].paragraph.clone(), r[2].item.clone()), (Some(n(&[4])), Some(n(&[4]))));
        // A reference coordinated with an external one is external; 第四条ノ二 is a branch.
        let r = find_references("刑事訴訟法第百五十七条第一項及び第二項、第百五十八条第二項又は第四条ノ二");
        assert!(r.iter().all(|r| r.external), "{r:?}");
        assert_eq!(r[3].article, Some(n(&[4, 2])));
        // Coordination across a bracketed aside that holds references of its own, and subitem letters.
        let r = find_references("第二十七条第一項（同条第三項において準用する場合を含む。）若しくは第二項");
        assert_eq!(r[2].article, Some(n(&[27])), "{r:?}");
        let r = find_references("第百三十八条第一号ハ又は第二号ハ");
        assert_eq!(r[1].article, Some(n(&[138])), "{r:?}");
        let r = find_references("第二十七条（第四号及び第五号を除く。）");
        assert_eq!(r[1].article, Some(n(&[27])), "{r:?}");
        // Not a coordination: words in between.
        let r = find_references("第5条第1項の規定により第2項");
        assert_eq!(r[1].article, None);
        // 同条 after an external reference is external.
        let r = find_references("法第39条第1項及び同条第2項");
        assert!(r[0].external && r[1].external);
    }

    #[test]
    fn external_references() {
        let seed = "法律（平成14年法律第153号。以下「法」という。）第39条第1項の規定により";
        let r = find_references(seed);
        assert_eq!(r.len(), 2, "{r:?}"); // 第153号 (a law number) and 第39条第1項
        assert!(r.iter().all(|r| r.external));
        let r = find_references("地方公共団体情報システム機構法（平成25年法律第29号）第26条第1項に基づく");
        assert!(r.iter().all(|r| r.external));
        assert!(one("法第44条第2項").external);
        assert!(one("施行令第3条").external);
        assert!(one("同法第3条").external);
        assert!(one("規則第3条").external);
        assert!(!one("この規程第3条").external);
        assert!(!one("本規則第3条").external);
        assert!(!one("及び第3条").external);
        assert!(!one("（第3条において同じ。）").external);
    }

    proptest::proptest! {
        /// Any mix of the characters references are made of: no panic, ranges on char boundaries, in order.
        #[test]
        fn never_panics(s in "[第前次同附則条項号の一二三十百1２各からまで及び、（）「」法ノイ]{0,40}") {
            let refs = find_references(&s);
            let mut end = 0;
            for r in &refs {
                proptest::prop_assert!(r.range.start >= end && r.range.end <= s.len());
                proptest::prop_assert!(s.is_char_boundary(r.range.start) && s.is_char_boundary(r.range.end));
                end = r.range.end;
            }
        }
    }

    #[test]
    fn suppl_and_non_references() {
        let r = one("附則第二条");
        assert!(r.suppl);
        assert_eq!(r.article, Some(n(&[2])));
        assert!(find_references("第三者に委託する").is_empty());
        assert!(find_references("別記様式第1号による").is_empty());
        assert!(find_references("第1号様式による").is_empty());
        assert!(find_references("「第五条」を「第六条」に改める").is_empty());
        // 第五条の一部: not a branch.
        assert_eq!(one("第五条の一部").article, Some(n(&[5])));
        assert!(find_references("同日").is_empty());
    }
}
