//! Provision numbers: kanji, Arabic and full-width numerals normalised to integers, with 枝番号.
//!
//! `第十条の二`, `第10条の2` and `第１０条の２` all become [`Num`] `10-2`.
//!
//! ```
//! use kitei::model::num::{Num, parse_number, to_kanji};
//! assert_eq!(parse_number("百五十三"), Some(153));
//! assert_eq!(parse_number("１２"), Some(12));
//! assert_eq!(Num::parse_japanese("十の二").unwrap().to_string(), "10-2");
//! assert_eq!(to_kanji(1267), "千二百六十七");
//! ```

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A provision number with optional branch numbers (枝番号): `10`, `10-2`, `10-2-3`.
/// Serialised as that string. Ordered numerically, branch after trunk (10 < 10-2 < 11).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Num(pub Vec<u32>);

impl Num {
    /// A number without branches.
    pub fn simple(n: u32) -> Num {
        Num(vec![n])
    }

    /// The main number (10 for 10-2).
    pub fn main(&self) -> u32 {
        self.0.first().copied().unwrap_or(0)
    }

    /// True when it has a branch (枝番号).
    pub fn is_branch(&self) -> bool {
        self.0.len() > 1
    }

    /// Parses `10-2` or `10_2` (e-Gov's `Num` attribute form).
    pub fn parse_arabic(s: &str) -> Option<Num> {
        let parts: Option<Vec<u32>> = s.split(['-', '_']).map(|p| p.parse().ok()).collect();
        parts.filter(|p| !p.is_empty()).map(Num)
    }

    /// Parses a Japanese number with branches: `十の二`, `10の2`, `１０の２`.
    pub fn parse_japanese(s: &str) -> Option<Num> {
        let parts: Option<Vec<u32>> = s.split('の').map(parse_number).collect();
        parts.filter(|p| !p.is_empty()).map(Num)
    }

    /// e-Gov's `Num` attribute form: `10_2`.
    pub fn to_egov(&self) -> String {
        self.join("_")
    }

    /// Written in kanji with の: `十の二`.
    pub fn to_kanji(&self) -> String {
        self.0.iter().map(|n| to_kanji(*n)).collect::<Vec<_>>().join("の")
    }

    /// Written in Arabic numerals with の: `10の2`.
    pub fn to_arabic_ja(&self) -> String {
        self.join("の")
    }

    fn join(&self, sep: &str) -> String {
        let mut out = String::with_capacity(4 * self.0.len());
        self.write_joined(&mut out, sep);
        out
    }

    /// Appends the number to `out` with `sep` between trunk and branches (no allocation of its own).
    pub fn write_joined(&self, out: &mut String, sep: &str) {
        for (i, n) in self.0.iter().enumerate() {
            if i > 0 {
                out.push_str(sep);
            }
            push_u32(out, *n);
        }
    }

    /// The next number in sequence at the same depth (10 → 11, 10-2 → 10-3).
    pub fn next(&self) -> Num {
        let mut v = self.0.clone();
        if let Some(last) = v.last_mut() {
            *last += 1;
        }
        Num(v)
    }
}

impl fmt::Display for Num {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.join("-"))
    }
}

/// Appends a number in decimal.
fn push_u32(out: &mut String, mut n: u32) {
    let mut buf = [0u8; 10];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for &b in &buf[i..] {
        out.push(b as char);
    }
}

impl Serialize for Num {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

impl<'de> Deserialize<'de> for Num {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Num, D::Error> {
        let s = String::deserialize(d)?;
        Num::parse_arabic(&s).ok_or_else(|| serde::de::Error::custom(format!("bad number {s:?}")))
    }
}

impl schemars::JsonSchema for Num {
    fn schema_name() -> String {
        "Num".into()
    }
    fn json_schema(_: &mut schemars::gen::SchemaGenerator) -> schemars::schema::Schema {
        use schemars::schema::*;
        SchemaObject {
            instance_type: Some(InstanceType::String.into()),
            string: Some(Box::new(StringValidation {
                pattern: Some(r"^[0-9]+(-[0-9]+)*$".into()),
                ..Default::default()
            })),
            metadata: Some(Box::new(Metadata {
                description: Some("A provision number with 枝番号 joined by '-': 10, 10-2.".into()),
                ..Default::default()
            })),
            ..Default::default()
        }
        .into()
    }
}

/// The value of one kanji digit (〇 and 零 included).
pub fn kanji_digit(c: char) -> Option<u32> {
    Some(match c {
        '〇' | '零' => 0,
        '一' | '壱' => 1,
        '二' | '弐' => 2,
        '三' | '参' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

/// True for characters that can appear in a kanji numeral.
pub fn is_kanji_numeral(c: char) -> bool {
    kanji_digit(c).is_some() || matches!(c, '十' | '百' | '千' | '万' | '拾')
}

/// The value of an ASCII or full-width digit.
pub fn digit_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

/// Parses a whole numeral: Arabic (`12`), full-width (`１２`) or kanji (`十二`, `百五十三`, `二〇`).
/// Returns `None` for anything else, including the empty string.
pub fn parse_number(s: &str) -> Option<u32> {
    if s.is_empty() {
        return None;
    }
    if s.chars().all(|c| digit_value(c).is_some()) {
        return s.chars().try_fold(0u32, |acc, c| acc.checked_mul(10)?.checked_add(digit_value(c)?));
    }
    if !s.chars().all(is_kanji_numeral) {
        return None;
    }
    // Positional kanji (二〇二四) when there are no unit characters.
    if !s.chars().any(|c| matches!(c, '十' | '百' | '千' | '万' | '拾')) {
        return s.chars().try_fold(0u32, |acc, c| acc.checked_mul(10)?.checked_add(kanji_digit(c)?));
    }
    let mut total: u32 = 0; // completed 万 groups
    let mut section: u32 = 0; // below 万
    let mut digit: Option<u32> = None;
    for c in s.chars() {
        if let Some(d) = kanji_digit(c) {
            digit = Some(digit.unwrap_or(0) * 10 + d);
            continue;
        }
        let unit = match c {
            '十' | '拾' => 10,
            '百' => 100,
            '千' => 1000,
            '万' => {
                section += digit.take().unwrap_or(0);
                total = total.checked_add(section.max(1).checked_mul(10_000)?)?;
                section = 0;
                continue;
            }
            _ => return None,
        };
        section += digit.take().unwrap_or(1) * unit;
    }
    section += digit.unwrap_or(0);
    total.checked_add(section)
}

/// Writes a number in kanji as laws do: 10 → 十, 153 → 百五十三, 1267 → 千二百六十七.
pub fn to_kanji(n: u32) -> String {
    const D: [&str; 10] = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    if n == 0 {
        return "〇".into();
    }
    let mut out = String::new();
    let man = n / 10_000;
    if man > 0 {
        out.push_str(&to_kanji(man));
        out.push('万');
    }
    let mut rest = n % 10_000;
    for (unit, name) in [(1000, "千"), (100, "百"), (10, "十")] {
        let d = rest / unit;
        if d > 0 {
            if d > 1 {
                out.push_str(D[d as usize]);
            }
            out.push_str(name);
        }
        rest %= unit;
    }
    if rest > 0 {
        out.push_str(D[rest as usize]);
    }
    out
}

/// Writes a number in full-width digits: 12 → １２.
pub fn to_fullwidth(n: u32) -> String {
    n.to_string().chars().map(|c| char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap_or(c)).collect()
}

/// イロハ order (47 kana, as used for subitems).
pub const IROHA: &[char] = &[
    'イ', 'ロ', 'ハ', 'ニ', 'ホ', 'ヘ', 'ト', 'チ', 'リ', 'ヌ', 'ル', 'ヲ', 'ワ', 'カ', 'ヨ', 'タ', 'レ', 'ソ', 'ツ',
    'ネ', 'ナ', 'ラ', 'ム', 'ウ', 'ヰ', 'ノ', 'オ', 'ク', 'ヤ', 'マ', 'ケ', 'フ', 'コ', 'エ', 'テ', 'ア', 'サ', 'キ',
    'ユ', 'メ', 'ミ', 'シ', 'ヱ', 'ヒ', 'モ', 'セ', 'ス',
];

/// アイウ order (五十音 without ヰヱヲン duplicates).
pub const AIUEO: &[char] = &[
    'ア', 'イ', 'ウ', 'エ', 'オ', 'カ', 'キ', 'ク', 'ケ', 'コ', 'サ', 'シ', 'ス', 'セ', 'ソ', 'タ', 'チ', 'ツ', 'テ',
    'ト', 'ナ', 'ニ', 'ヌ', 'ネ', 'ノ', 'ハ', 'ヒ', 'フ', 'ヘ', 'ホ', 'マ', 'ミ', 'ム', 'メ', 'モ', 'ヤ', 'ユ', 'ヨ',
    'ラ', 'リ', 'ル', 'レ', 'ロ', 'ワ',
];

/// The 1-based position of a katakana in イロハ order.
pub fn iroha_index(c: char) -> Option<u32> {
    IROHA.iter().position(|&k| k == c).map(|i| i as u32 + 1)
}

/// The 1-based position of a katakana in アイウ order.
pub fn aiueo_index(c: char) -> Option<u32> {
    AIUEO.iter().position(|&k| k == c).map(|i| i as u32 + 1)
}

/// Parses a Roman numeral (i, ii, iv, x… up to mmm), lower or upper case, ASCII or full-width. Only the
/// canonical spelling is accepted ("iv", not "iiii" or "vx"), so that a word is not read as a number.
pub fn parse_roman(s: &str) -> Option<u32> {
    let s: String = s
        .chars()
        .map(|c| match c {
            'ａ'..='ｚ' => char::from_u32(c as u32 - 'ａ' as u32 + 'a' as u32).unwrap_or(c),
            'Ａ'..='Ｚ' => char::from_u32(c as u32 - 'Ａ' as u32 + 'a' as u32).unwrap_or(c),
            _ => c,
        })
        .collect::<String>()
        .to_ascii_lowercase();
    let val = |c: char| match c {
        'i' => Some(1),
        'v' => Some(5),
        'x' => Some(10),
        'l' => Some(50),
        'c' => Some(100),
        'd' => Some(500),
        'm' => Some(1000),
        _ => None,
    };
    let vals: Vec<u32> = s.chars().map(val).collect::<Option<_>>()?;
    let mut total: i64 = 0;
    for (i, v) in vals.iter().enumerate() {
        if vals.get(i + 1).is_some_and(|next| next > v) {
            total -= i64::from(*v);
        } else {
            total += i64::from(*v);
        }
    }
    let total = u32::try_from(total).ok().filter(|t| *t > 0)?;
    (to_roman(total) == s).then_some(total)
}

/// Writes a lower-case Roman numeral (1 → i, 4 → iv).
pub fn to_roman(mut n: u32) -> String {
    const TABLE: [(u32, &str); 13] = [
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ];
    let mut out = String::new();
    for (v, s) in TABLE {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

/// The value of a circled number ① … ⑳.
pub fn circled_value(c: char) -> Option<u32> {
    match c {
        '①'..='⑳' => Some(c as u32 - '①' as u32 + 1),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kanji_numbers() {
        for (s, n) in [
            ("一", 1),
            ("十", 10),
            ("十一", 11),
            ("二十", 20),
            ("百", 100),
            ("百五十三", 153),
            ("千九十二", 1092),
            ("千二百六十七", 1267),
            ("一万二千", 12000),
            ("二〇二四", 2024),
            ("１２", 12),
            ("39", 39),
        ] {
            assert_eq!(parse_number(s), Some(n), "{s}");
        }
        assert_eq!(parse_number(""), None);
        assert_eq!(parse_number("条"), None);
    }

    #[test]
    fn kanji_round_trip() {
        for n in 1..3000 {
            assert_eq!(parse_number(&to_kanji(n)), Some(n), "{n}");
        }
    }

    #[test]
    fn nums_order_branch_after_trunk() {
        let a = Num::parse_arabic("10").unwrap();
        let b = Num::parse_arabic("10-2").unwrap();
        let c = Num::parse_arabic("11").unwrap();
        assert!(a < b && b < c);
        assert_eq!(Num::parse_japanese("十の二").unwrap(), b);
        assert_eq!(b.to_egov(), "10_2");
        assert_eq!(b.to_kanji(), "十の二");
    }

    #[test]
    fn kana_orders() {
        assert_eq!(iroha_index('イ'), Some(1));
        assert_eq!(iroha_index('ロ'), Some(2));
        assert_eq!(aiueo_index('イ'), Some(2));
        assert_eq!(parse_roman("iv"), Some(4));
        assert_eq!(parse_roman("ＸＩＶ"), Some(14));
        assert_eq!(parse_roman("iiii"), None);
        assert_eq!(parse_roman("mcmxcix"), Some(1999));
        for n in 1..60 {
            assert_eq!(parse_roman(&to_roman(n)), Some(n));
            assert_eq!(parse_roman(&to_roman(n).to_uppercase()), Some(n));
        }
        assert_eq!(to_roman(9), "ix");
        assert_eq!(circled_value('③'), Some(3));
    }
}
