//! One line → what it is: a 条 heading, a 項 number, a 号/イロハ marker, a 章 heading, a caption, 附則…
//!
//! The recognisers are small nom parsers over the line's content (leading indentation already removed).
//! They know nothing of context; [`super::builder`] decides what a line means where it stands.
//!
//! ```
//! use kitei::parse::line::{classify, LineKind};
//! match classify("第十条の二　委員会を置く。") {
//!     LineKind::Article { num, rest, .. } => {
//!         assert_eq!(num.to_string(), "10-2");
//!         assert_eq!(rest, "委員会を置く。");
//!     }
//!     other => panic!("{other:?}"),
//! }
//! ```

use crate::model::num::{circled_value, digit_value, is_kanji_numeral, parse_roman};
use crate::model::{Kind, Num};
use nom::branch::alt;
use nom::bytes::complete::{tag, take_while, take_while1};
use nom::combinator::{opt, recognize};
use nom::multi::many0;
use nom::sequence::preceded;
use nom::{IResult, Parser};

/// What a line is, before context is applied.
#[derive(Debug, Clone, PartialEq)]
pub enum LineKind<'a> {
    /// Nothing but white space.
    Blank,
    /// `目次`.
    Toc,
    /// `第一章　総則` or, in a 目次, `第一章　総則（第一条―第三条）`.
    Group {
        /// 編/章/節/款/目.
        kind: Kind,
        /// Its number.
        num: Num,
        /// `第一章`.
        label: &'a str,
        /// `総則` (without the range).
        title: &'a str,
        /// `（第一条―第三条）`, as written, when present.
        range: Option<&'a str>,
    },
    /// `第一条　…`, `第十条の二`, `第五条から第八条まで　削除`.
    Article {
        /// Its number.
        num: Num,
        /// The last number of a range.
        num_end: Option<Num>,
        /// `第十条の二` (or the whole range as written).
        label: &'a str,
        /// The rest of the line after the separator (text, or a caption in a Markdown heading).
        rest: &'a str,
    },
    /// A line that is one bracketed phrase: `（目的）`, `(目的)`.
    Caption {
        /// `目的`.
        inner: &'a str,
    },
    /// `附　則`, `附則（令和五年三月三十一日規程第十二号）`, `附　則　（…）　抄`.
    Suppl {
        /// `附　則` as written.
        label: &'a str,
        /// The amending act's number, without brackets.
        heading: Option<&'a str>,
        /// The bracketed part as written.
        heading_raw: Option<&'a str>,
        /// `抄` (an extract).
        extract: bool,
    },
    /// `別表第一（第三条関係）`, `別記様式第１…`.
    Appendix {
        /// `別表第一`.
        label: &'a str,
        /// What follows: `（第三条関係）`.
        rest: &'a str,
    },
    /// A 項 number: `２　…`, `2 …`, `２` alone.
    Paragraph {
        /// Its number.
        num: Num,
        /// `２`.
        label: &'a str,
        /// The text after the separator.
        rest: &'a str,
    },
    /// A 号 or subitem marker: `一　`, `(1) `, `（１）`, `イ　`, `(ア)`, `(i)`, `①`.
    Marker {
        /// The marker's class and value.
        marker: Marker,
        /// The marker as written.
        label: &'a str,
        /// The text after it.
        rest: &'a str,
    },
    /// A Lawtext control tag: `:anonym-paragraph:…`, `:enact-statement:…`.
    Tag {
        /// `anonym-paragraph`.
        name: &'a str,
        /// What follows the tag.
        rest: &'a str,
    },
    /// Anything else: ordinary text.
    Text(&'a str),
}

/// Whether a marker is bracketed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Bracket {
    /// `一`, `イ`.
    Bare,
    /// `(1)`, `（１）`.
    Paren,
    /// `①`.
    Circled,
}

/// The character class of a marker.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum MarkerValue {
    /// 一, 三の二.
    Kanji(Num),
    /// 1, １, 3の2.
    Arabic(Num),
    /// A katakana; its value depends on the scheme (イロハ or アイウ).
    Kana(char),
    /// i, ii, iv.
    Roman(u32),
    /// a, b, c.
    Latin(u32),
}

/// A 号/subitem marker.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Marker {
    /// Bracketed or not.
    pub bracket: Bracket,
    /// Class and value.
    pub value: MarkerValue,
    /// The last number of a range of omitted items (`二及び三　略`, `二から四まで　略`).
    pub end: Option<Num>,
}

impl Marker {
    /// A key that is equal for markers of the same level style (`(1)` and `（２）`, `イ` and `ロ`).
    pub fn class(&self) -> (Bracket, u8) {
        let c = match self.value {
            MarkerValue::Kanji(_) => 0,
            MarkerValue::Arabic(_) => 1,
            MarkerValue::Kana(_) => 2,
            MarkerValue::Roman(_) => 3,
            MarkerValue::Latin(_) => 4,
        };
        (self.bracket, c)
    }
}

fn is_space(c: char) -> bool {
    c == ' ' || c == '\u{3000}' || c == '\t'
}

fn is_num_char(c: char) -> bool {
    is_kanji_numeral(c) || digit_value(c).is_some()
}

fn spaces(i: &str) -> IResult<&str, &str> {
    take_while(is_space)(i)
}

/// `十`, `10`, `１０` (a numeral, any style).
fn numeral(i: &str) -> IResult<&str, &str> {
    take_while1(is_num_char)(i)
}

/// `十の二の三`.
fn branched(i: &str) -> IResult<&str, &str> {
    recognize((numeral, many0(preceded(tag("の"), numeral)))).parse(i)
}

/// `第 十 の 二` up to (not including) the unit character; returns the number.
fn dai_num(i: &str) -> IResult<&str, Num> {
    let (i, _) = (tag("第"), spaces).parse(i)?;
    let (i, n) = branched(i)?;
    let (i, _) = spaces(i)?;
    match Num::parse_japanese(n) {
        Some(num) => Ok((i, num)),
        None => Err(nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::Digit))),
    }
}

/// After a label: a separator, or the end of the line. Returns the rest.
fn after_label(i: &str) -> Option<&str> {
    if i.is_empty() {
        return Some("");
    }
    let rest = i.trim_start_matches(is_space);
    if rest.len() < i.len() {
        return Some(rest);
    }
    None
}

/// After the label of a title line (章…): one white-space character as the separator, or the end of the
/// line. White space after the separator belongs to the title: e-Gov XML has titles that start with a
/// full-width space, which the canonical text writes after the separator, doubling it.
fn after_separator(i: &str) -> Option<&str> {
    if i.is_empty() {
        return Some("");
    }
    i.strip_prefix(is_space)
}

fn article(line: &str) -> Option<LineKind<'_>> {
    let (after, num) = dai_num(line).ok()?;
    let after = after.strip_prefix('条')?;
    // Branch after 条 (第十条の二 written as 第十条の二): already handled by `branched` before 条 when the form
    // is 第十の二条 (rare); handle the common 第十条の二 here.
    let (after, num) = match branch_suffix(after) {
        Some((rest, branches)) => {
            let mut v = num.0.clone();
            v.extend(branches);
            (rest, Num(v))
        }
        None => (after, num),
    };
    // Ranges: 第五条から第八条まで, 第五条及び第六条.
    let mut num_end = None;
    let mut after = after;
    // Older laws: 第五条及第六条, 第二十条乃至第七十三条.
    for joiner in ["から", "及び", "・", "、", "及", "乃至"] {
        if let Some(r) = after.strip_prefix(joiner) {
            if let Ok((r2, end)) = dai_num(r) {
                if let Some(r3) = r2.strip_prefix('条') {
                    let (r4, end) = match branch_suffix(r3) {
                        Some((r, b)) => {
                            let mut v = end.0.clone();
                            v.extend(b);
                            (r, Num(v))
                        }
                        None => (r3, end),
                    };
                    let r5 = r4.strip_prefix("まで").unwrap_or(r4);
                    num_end = Some(end);
                    after = r5;
                    break;
                }
            }
        }
    }
    let rest = after_label(after)?;
    let label = line[..line.len() - after.len()].trim_end_matches(is_space);
    Some(LineKind::Article { num, num_end, label, rest })
}

/// `の二の三` after a unit character.
fn branch_suffix(i: &str) -> Option<(&str, Vec<u32>)> {
    let mut rest = i;
    let mut out = Vec::new();
    // 第七条ノ二: older laws write the branch with a katakana ノ.
    while let Some(r) = rest.strip_prefix(['の', 'ノ']) {
        let (r2, n) = numeral(r).ok()?;
        out.push(crate::model::num::parse_number(n)?);
        rest = r2;
    }
    (!out.is_empty()).then_some((rest, out))
}

fn group(line: &str) -> Option<LineKind<'_>> {
    let (after, num) = dai_num(line).ok()?;
    let mut chars = after.chars();
    let unit = chars.next()?;
    let kind = Kind::from_group_char(unit)?;
    let after = chars.as_str();
    let (after, num) = match branch_suffix(after) {
        Some((rest, b)) => {
            let mut v = num.0.clone();
            v.extend(b);
            (rest, Num(v))
        }
        None => (after, num),
    };
    let rest = after_separator(after)?;
    let label = line[..line.len() - after.len()].trim_end_matches(is_space);
    // A range at the end: （第一条―第三条）, (第1条-第3条).
    let (title, range) = split_range(rest);
    Some(LineKind::Group { kind, num, label, title: title.trim_end_matches(is_space), range })
}

/// Splits `総則（第一条―第三条）` into the title and the range, when the last bracket holds article numbers.
fn split_range(s: &str) -> (&str, Option<&str>) {
    let t = s.trim_end_matches(is_space);
    if !(t.ends_with('）') || t.ends_with(')')) {
        return (s, None);
    }
    let open = t.rfind(['（', '(']);
    if let Some(o) = open {
        let inner = &t[o..];
        if inner.contains('条') && inner[inner.char_indices().nth(1).map(|x| x.0).unwrap_or(0)..].starts_with('第') {
            return (&t[..o], Some(inner));
        }
    }
    (s, None)
}

fn caption(line: &str) -> Option<LineKind<'_>> {
    let t = line.trim_end_matches(is_space);
    let (open, close) = if t.starts_with('（') {
        ('（', '）')
    } else if t.starts_with('(') {
        ('(', ')')
    } else {
        return None;
    };
    if !t.ends_with(close) {
        return None;
    }
    // The first bracket must close at the very end.
    let mut depth = 0;
    for (i, c) in t.char_indices() {
        if c == open || c == '（' || c == '(' {
            depth += 1;
        } else if c == close || c == '）' || c == ')' {
            depth -= 1;
            if depth == 0 && i + c.len_utf8() != t.len() {
                return None;
            }
        }
    }
    let inner = &t[open.len_utf8()..t.len() - close.len_utf8()];
    if inner.is_empty() || inner.chars().all(is_num_char) || inner.contains('。') {
        return None;
    }
    // Markers such as (ア), (i), (a), (一) are not captions; a one-kanji caption such as （数） or （額） is.
    let one_kanji = inner.chars().count() == 1 && inner.chars().all(|c| is_ideograph(c) && !is_kanji_numeral(c));
    if (inner.chars().count() == 1 && !one_kanji) || parse_roman(inner).is_some() {
        return None;
    }
    Some(LineKind::Caption { inner })
}

fn suppl(line: &str) -> Option<LineKind<'_>> {
    let (after, label) = recognize((tag("附"), spaces, tag("則"))).parse(line).ok()?;
    let after_sp = after.trim_start_matches(is_space);
    if after_sp.is_empty() {
        return Some(LineKind::Suppl { label, heading: None, heading_raw: None, extract: false });
    }
    if after_sp == "抄" {
        return Some(LineKind::Suppl { label, heading: None, heading_raw: None, extract: true });
    }
    let (open, close) = match after_sp.chars().next()? {
        '（' => ('（', '）'),
        '(' => ('(', ')'),
        _ => return None,
    };
    let end = after_sp.find(close)?;
    let raw = &after_sp[..end + close.len_utf8()];
    let inner = &after_sp[open.len_utf8()..end];
    let tail = after_sp[end + close.len_utf8()..].trim_matches(is_space);
    let extract = match tail {
        "" => false,
        "抄" => true,
        _ => return None,
    };
    Some(LineKind::Suppl { label, heading: Some(inner), heading_raw: Some(raw), extract })
}

fn appendix(line: &str) -> Option<LineKind<'_>> {
    let body = line.strip_prefix("# ").unwrap_or(line);
    type E<'x> = nom::error::Error<&'x str>;
    let (after, _) =
        alt((tag::<_, _, E>("別表"), tag("別記様式"), tag("別記"), tag("様式"), tag("別紙"))).parse(body).ok()?;
    let (after, _) = opt((tag::<_, _, E>("第"), numeral, many0(preceded(tag("の"), numeral)))).parse(after).ok()?;
    let rest_ok = after.is_empty() || after.starts_with(is_space) || after.starts_with('（') || after.starts_with('(');
    if !rest_ok {
        return None;
    }
    let label = &body[..body.len() - after.len()];
    // One separator (none before a bracket): white space after it is the title's own (`after_separator`).
    Some(LineKind::Appendix { label, rest: after.strip_prefix(is_space).unwrap_or(after) })
}

fn paragraph(line: &str) -> Option<LineKind<'_>> {
    // e-Gov's 2013 text marks 項 numbers with a circle: `○２`.
    let digits = line.strip_prefix('○').unwrap_or(line);
    let (after, number) = take_while1::<_, _, nom::error::Error<&str>>(|c| digit_value(c).is_some())(digits).ok()?;
    let num = Num::simple(crate::model::num::parse_number(number)?);
    let label = &line[..line.len() - after.len()];
    // `2.` without a space is a decimal number in text, but `2. ` in a list is a paragraph number.
    let rest = after_label(after)?;
    Some(LineKind::Paragraph { num, label, rest })
}

fn marker(line: &str) -> Option<LineKind<'_>> {
    let mut chars = line.chars();
    let first = chars.next()?;
    // ① …
    if let Some(v) = circled_value(first) {
        let after = chars.as_str();
        let rest = after.trim_start_matches(is_space);
        return Some(LineKind::Marker {
            marker: Marker { bracket: Bracket::Circled, value: MarkerValue::Arabic(Num::simple(v)), end: None },
            label: &line[..first.len_utf8()],
            rest,
        });
    }
    // (1) （１） (ア) （イ） (i) (a)
    if first == '(' || first == '（' {
        let close = if first == '(' { [')', '）'] } else { ['）', ')'] };
        let body = chars.as_str();
        let end = body.find(close)?;
        let inner = &body[..end];
        let close_len = body[end..].chars().next()?.len_utf8();
        let after = &body[end + close_len..];
        let value = marker_value(inner)?;
        let label = &line[..line.len() - after.len()];
        let rest = after.trim_start_matches(is_space);
        return Some(LineKind::Marker { marker: Marker { bracket: Bracket::Paren, value, end: None }, label, rest });
    }
    // 一　 三の二　 イ　 ア　 (bare markers need a separator)
    let mut end = None;
    let (after, label) = if first.is_ascii_digit() || digit_value(first).is_some() {
        return None; // bare digits are paragraph numbers
    } else if is_kanji_numeral(first) {
        let (after, label) = branched(line).ok()?;
        // A range of items left out of an extract: 二及び三　略, 二から四まで　略, 一～五　略.
        match kanji_range_end(after) {
            Some((rest, e)) => {
                end = Some(e);
                (rest, &line[..line.len() - rest.len()])
            }
            None => (after, label),
        }
    } else if is_katakana(first) {
        // A range of subitems left out of an extract: イ・ロ　略, イからハまで　略.
        let after = chars.as_str();
        match kana_range_end(after) {
            Some((rest, last)) => {
                end = crate::model::num::iroha_index(last)
                    .or_else(|| crate::model::num::aiueo_index(last))
                    .map(Num::simple);
                (rest, &line[..line.len() - rest.len()])
            }
            None => (after, &line[..first.len_utf8()]),
        }
    } else {
        return None;
    };
    let rest = after_label(after)?;
    let value = if is_katakana(first) {
        MarkerValue::Kana(first)
    } else {
        let (_, first_num) = branched(label).ok()?;
        MarkerValue::Kanji(Num::parse_japanese(first_num)?)
    };
    Some(LineKind::Marker { marker: Marker { bracket: Bracket::Bare, value, end }, label, rest })
}

/// A circled number opening a text (`①この規程は…`, `① こ の`): its value, the label and the text after it.
/// Internal rules number their 項 ① ② … (the builder decides where they are 項 rather than 号).
pub fn circled_lead(s: &str) -> Option<(u32, &str, &str)> {
    let first = s.chars().next()?;
    let v = circled_value(first)?;
    let label = &s[..first.len_utf8()];
    Some((v, label, s[first.len_utf8()..].trim_start_matches(is_space)))
}

/// `及び三`, `から四まで`, `・三`, `～五` (e-Gov's excerpts) after an item number: the rest of the line and the
/// last number.
fn kanji_range_end(after: &str) -> Option<(&str, Num)> {
    let r = ["及び", "から", "～", "〜", "・"].iter().find_map(|j| after.strip_prefix(j))?;
    let (r, n) = branched(r).ok()?;
    let r = r.strip_prefix("まで").unwrap_or(r);
    if !(r.is_empty() || r.starts_with(is_space)) {
        return None;
    }
    Some((r, Num::parse_japanese(n)?))
}

/// `・ロ`, `からハまで`, `～ハ` after a katakana marker, when a separator follows: the rest of the line and
/// the last katakana.
fn kana_range_end(after: &str) -> Option<(&str, char)> {
    let r = ["・", "から", "～", "〜"].iter().find_map(|j| after.strip_prefix(j))?;
    let mut cs = r.chars();
    let last = cs.next().filter(|c| is_katakana(*c))?;
    let r = cs.as_str();
    let r = r.strip_prefix("まで").unwrap_or(r);
    r.starts_with(is_space).then_some((r, last))
}

fn is_ideograph(c: char) -> bool {
    matches!(c as u32, 0x4E00..=0x9FFF | 0x3400..=0x4DBF | 0xF900..=0xFAFF)
}

fn is_katakana(c: char) -> bool {
    ('ァ'..='ヺ').contains(&c)
}

fn marker_value(inner: &str) -> Option<MarkerValue> {
    let inner = inner.trim_matches(is_space);
    if inner.is_empty() {
        return None;
    }
    if inner.chars().all(|c| digit_value(c).is_some() || c == 'の') {
        return Num::parse_japanese(inner).map(MarkerValue::Arabic);
    }
    if inner.chars().all(|c| is_kanji_numeral(c) || c == 'の') {
        return Num::parse_japanese(inner).map(MarkerValue::Kanji);
    }
    let mut cs = inner.chars();
    let c = cs.next()?;
    if cs.next().is_none() {
        if is_katakana(c) {
            return Some(MarkerValue::Kana(c));
        }
        // Full-width Latin letters (（ｄ）) are the same letters; a full-width ｄ is no Roman 500.
        let c = match c {
            'ａ'..='ｚ' | 'Ａ'..='Ｚ' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        };
        let lc = c.to_ascii_lowercase();
        if lc.is_ascii_lowercase() && lc != 'i' && lc != 'v' && lc != 'x' {
            return Some(MarkerValue::Latin(lc as u32 - 'a' as u32 + 1));
        }
    }
    parse_roman(inner).map(MarkerValue::Roman)
}

fn lawtext_tag(line: &str) -> Option<LineKind<'_>> {
    let body = line.strip_prefix(':')?;
    let end = body.find(':')?;
    let name = &body[..end];
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_lowercase() || c == '-') {
        return None;
    }
    Some(LineKind::Tag { name, rest: &body[end + 1..] })
}

/// `目次`, `目　次`, or a law's name before it as some older laws write it (`労働基準法目次`).
fn is_toc_label(line: &str) -> bool {
    if line.starts_with('目') && line.chars().filter(|c| !is_space(*c)).eq("目次".chars()) {
        return true;
    }
    let Some(name) = line.strip_suffix("目次") else { return false };
    !name.is_empty()
        && (name.chars().count() <= 30
            && !name.contains(['、', '。', '「', '」', '（', '）', '(', ')', '　', ' '])
            && ["法", "法律", "令", "規則", "規程", "条例"].iter().any(|e| name.ends_with(e)))
}

/// Classifies one line's content (indentation already removed; trailing white space is ignored).
pub fn classify(line: &str) -> LineKind<'_> {
    let line = line.trim_end_matches([' ', '\u{3000}', '\t']);
    if line.is_empty() {
        return LineKind::Blank;
    }
    if is_toc_label(line) {
        return LineKind::Toc;
    }
    let first = line.chars().next().unwrap_or(' ');
    let found = match first {
        '第' => article(line).or_else(|| group(line)),
        '附' => suppl(line),
        '別' | '様' | '#' => appendix(line),
        '（' | '(' => caption(line).or_else(|| marker(line)),
        ':' => lawtext_tag(line),
        c if digit_value(c).is_some() || c == '○' => paragraph(line),
        _ => marker(line),
    };
    found.unwrap_or(LineKind::Text(line))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn art(l: &str) -> (String, Option<String>, String) {
        match classify(l) {
            LineKind::Article { num, num_end, rest, .. } => {
                (num.to_string(), num_end.map(|n| n.to_string()), rest.into())
            }
            other => panic!("{l}: {other:?}"),
        }
    }

    #[test]
    fn articles() {
        assert_eq!(art("第一条　目的"), ("1".into(), None, "目的".into()));
        assert_eq!(art("第10条 設置する。"), ("10".into(), None, "設置する。".into()));
        assert_eq!(art("第十条の二"), ("10-2".into(), None, "".into()));
        assert_eq!(art("第五条から第八条まで　削除"), ("5".into(), Some("8".into()), "削除".into()));
        assert_eq!(art("第 1 条 総則"), ("1".into(), None, "総則".into()));
        assert_eq!(art("第七条ノ二"), ("7-2".into(), None, "".into()));
        assert_eq!(art("第五条及第六条"), ("5".into(), Some("6".into()), "".into()));
        assert_eq!(art("第二十条乃至第七十三条"), ("20".into(), Some("73".into()), "".into()));
        assert!(matches!(classify("第三条の規定により"), LineKind::Text(_)));
        assert!(matches!(classify("第三条に規定する"), LineKind::Text(_)));
    }

    #[test]
    fn groups_and_toc() {
        match classify("第4章 安全管理（第11条—第21条）") {
            LineKind::Group { kind, num, title, range, .. } => {
                assert_eq!(kind, Kind::Chapter);
                assert_eq!(num.to_string(), "4");
                assert_eq!(title, "安全管理");
                assert_eq!(range, Some("（第11条—第21条）"));
            }
            o => panic!("{o:?}"),
        }
        match classify("第一章の二　原子力規制委員会") {
            LineKind::Group { num, title, .. } => {
                assert_eq!(num.to_string(), "1-2");
                assert_eq!(title, "原子力規制委員会");
            }
            o => panic!("{o:?}"),
        }
        assert_eq!(classify("目　次"), LineKind::Toc);
        assert_eq!(classify("労働基準法目次"), LineKind::Toc);
        for t in ["一　目次", "この表の目次", "様式の目次", "法、令の目次"] {
            assert_ne!(classify(t), LineKind::Toc, "{t}");
        }
    }

    #[test]
    fn captions_suppl_markers() {
        assert_eq!(classify("（目的）"), LineKind::Caption { inner: "目的" });
        assert_eq!(classify("(総合的なセキュリティ対策)"), LineKind::Caption { inner: "総合的なセキュリティ対策" });
        assert!(matches!(classify("（１）　事項"), LineKind::Marker { .. }));
        assert_eq!(classify("（数）"), LineKind::Caption { inner: "数" });
        match classify("イ・ロ　略") {
            LineKind::Marker { label, rest, .. } => assert_eq!((label, rest), ("イ・ロ", "略")),
            o => panic!("{o:?}"),
        }
        assert!(matches!(classify("イからハまで　略"), LineKind::Marker { label: "イからハまで", .. }));
        assert!(matches!(classify("イ・ロの規定"), LineKind::Text(_)));
        match classify("（ｄ）　事項") {
            LineKind::Marker { marker, .. } => assert_eq!(marker.value, MarkerValue::Latin(4)),
            o => panic!("{o:?}"),
        }
        assert_eq!(classify("（額）"), LineKind::Caption { inner: "額" });
        assert!(!matches!(classify("（一）"), LineKind::Caption { .. }));
        assert!(!matches!(classify("（ア）"), LineKind::Caption { .. }));
        match classify("附　則　（令和二年一二月二八日国家公安委員会規則第一三号）　抄")
        {
            LineKind::Suppl { heading, extract, .. } => {
                assert_eq!(heading, Some("令和二年一二月二八日国家公安委員会規則第一三号"));
                assert!(extract);
            }
            o => panic!("{o:?}"),
        }
        assert!(matches!(classify("附則第五条の規定"), LineKind::Text(_)));
        assert!(matches!(classify("２　前項の"), LineKind::Paragraph { .. }));
        assert!(matches!(classify("２"), LineKind::Paragraph { .. }));
        assert!(matches!(classify("2016年に"), LineKind::Text(_)));
        assert!(matches!(classify("○２"), LineKind::Paragraph { label: "○２", .. }));
        assert!(matches!(classify("○印の欄"), LineKind::Text(_)));
        assert!(matches!(classify("二・三　略"), LineKind::Marker { marker: Marker { end: Some(_), .. }, .. }));
        match classify("一～五　略") {
            LineKind::Marker { marker, label, rest } => {
                assert_eq!(
                    (marker.value, marker.end.map(|n| n.to_string())),
                    (MarkerValue::Kanji(Num::parse_japanese("一").unwrap()), Some("5".into()))
                );
                assert_eq!((label, rest), ("一～五", "略"));
            }
            o => panic!("{o:?}"),
        }
        assert!(matches!(classify("一～五の規定"), LineKind::Text(_)), "a range needs a separator after it");
        match classify("二及び三　略") {
            LineKind::Marker { marker, label, rest } => {
                assert_eq!(marker.end.map(|n| n.to_string()), Some("3".into()));
                assert_eq!(label, "二及び三");
                assert_eq!(rest, "略");
            }
            o => panic!("{o:?}"),
        }
        for m in ["一　事項", "三の二　事項", "イ　事項", "(1) 事項", "（ア）事項", "(ii) 事項", "① 事項"]
        {
            assert!(matches!(classify(m), LineKind::Marker { .. }), "{m}");
        }
        assert!(matches!(classify("一般の"), LineKind::Text(_)));
        assert!(matches!(classify("イベントは"), LineKind::Text(_)));
        assert!(matches!(classify("別表第一（第三条関係）"), LineKind::Appendix { .. }));
        assert!(matches!(classify("別表第一に掲げる"), LineKind::Text(_)));
        assert!(matches!(classify(":anonym-paragraph:この法律は"), LineKind::Tag { name: "anonym-paragraph", .. }));
    }
}
