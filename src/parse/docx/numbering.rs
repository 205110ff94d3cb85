//! Word's automatic numbering, read from `word/numbering.xml`:
//! each numbered paragraph gets the label Word displays (`第%1条` → 第3条, `(%1)` → (2), ①, ア, イ, 一…).
//!
//! Counters follow Word: one set per list (`w:num`), shared by the lists of one abstract definition unless a
//! list restarts it (`w:startOverride`); a level's counter restarts when a shallower level advances.

use quick_xml::events::{BytesStart, Event};
use std::collections::BTreeMap;

/// One level of an abstract numbering definition.
#[derive(Debug, Clone, Default)]
pub(crate) struct Level {
    start: u32,
    format: String,
    text: String,
}

/// The numbering definitions and the running counters.
#[derive(Debug, Clone, Default)]
pub(crate) struct Numbering {
    abstracts: BTreeMap<String, BTreeMap<u8, Level>>,
    /// numId → (abstractNumId, start overrides by level).
    nums: BTreeMap<String, (String, BTreeMap<u8, u32>)>,
    /// Counters by list key (the abstract's id, or the numId for a list that restarts), by level.
    counters: BTreeMap<String, BTreeMap<u8, u32>>,
}

/// The `w:val` (or another `w:` attribute) of an element.
pub(crate) fn attr(e: &BytesStart, name: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| local(a.key.as_ref()) == name)
        .and_then(|a| a.unescape_value().ok())
        .map(|v| v.into_owned())
}

/// The local part of a qualified name (`w:numId` → `numId`), whatever the prefix.
pub(crate) fn local(name: &[u8]) -> &[u8] {
    name.iter().rposition(|&b| b == b':').map_or(name, |i| &name[i + 1..])
}

impl Numbering {
    /// Reads `numbering.xml`.
    pub(crate) fn read(xml: &str) -> Result<Numbering, String> {
        let mut r = quick_xml::Reader::from_str(xml);
        let mut n = Numbering::default();
        let (mut abs, mut lvl, mut num, mut over): (Option<String>, Option<u8>, Option<String>, Option<u8>) =
            (None, None, None, None);
        loop {
            let ev = r.read_event().map_err(|e| format!("numbering.xml: {e}"))?;
            let (e, empty) = match &ev {
                Event::Start(e) => (e, false),
                Event::Empty(e) => (e, true),
                Event::End(e) => {
                    match local(e.name().as_ref()) {
                        b"abstractNum" => abs = None,
                        b"lvl" => lvl = None,
                        b"num" => num = None,
                        b"lvlOverride" => over = None,
                        _ => {}
                    }
                    continue;
                }
                Event::Eof => break,
                _ => continue,
            };
            let val = attr(e, b"val");
            match local(e.name().as_ref()) {
                b"abstractNum" if !empty => abs = attr(e, b"abstractNumId"),
                b"lvl" if !empty => {
                    lvl = attr(e, b"ilvl").and_then(|v| v.parse().ok());
                    if let (Some(a), Some(l), None) = (&abs, lvl, &num) {
                        n.abstracts.entry(a.clone()).or_default().insert(l, Level { start: 1, ..Level::default() });
                    }
                }
                b"num" if !empty => {
                    num = attr(e, b"numId");
                    if let Some(id) = &num {
                        n.nums.insert(id.clone(), (String::new(), BTreeMap::new()));
                    }
                }
                b"abstractNumId" => {
                    if let (Some(id), Some(v)) = (&num, val) {
                        if let Some(x) = n.nums.get_mut(id) {
                            x.0 = v;
                        }
                    }
                }
                b"lvlOverride" if !empty => over = attr(e, b"ilvl").and_then(|v| v.parse().ok()),
                b"startOverride" => {
                    if let (Some(id), Some(l), Some(v)) = (&num, over, val.and_then(|v| v.parse().ok())) {
                        if let Some(x) = n.nums.get_mut(id) {
                            x.1.insert(l, v);
                        }
                    }
                }
                name @ (b"start" | b"numFmt" | b"lvlText") if num.is_none() => {
                    if let (Some(a), Some(l), Some(v)) = (&abs, lvl, val) {
                        if let Some(level) = n.abstracts.get_mut(a).and_then(|m| m.get_mut(&l)) {
                            match name {
                                b"start" => level.start = v.parse().unwrap_or(1),
                                b"numFmt" => level.format = v,
                                _ => level.text = v,
                            }
                        }
                    }
                }
                _ => {}
            }
        }
        Ok(n)
    }

    /// Advances the counter of list `num_id` at `level` and returns the label Word displays, or `None` when
    /// the list or level is undefined (Word shows no number then) or the level shows nothing.
    pub(crate) fn next_label(&mut self, num_id: &str, level: u8) -> Option<String> {
        let (abs_id, overrides) = self.nums.get(num_id)?.clone();
        let levels = self.abstracts.get(&abs_id)?;
        let this = levels.get(&level)?;
        let key = if overrides.is_empty() { abs_id.clone() } else { format!("num:{num_id}") };
        let counters = self.counters.entry(key).or_default();
        let start = |l: u8| overrides.get(&l).copied().or(levels.get(&l).map(|x| x.start)).unwrap_or(1);
        let value = counters.get(&level).map_or(start(level), |c| c + 1);
        counters.insert(level, value);
        counters.retain(|l, _| *l <= level);
        if this.format == "none" || this.format == "bullet" {
            return if this.format == "bullet" { None } else { Some(this.text.clone()).filter(|t| !t.is_empty()) };
        }
        let mut out = String::new();
        let mut chars = this.text.chars().peekable();
        while let Some(c) = chars.next() {
            match (c, chars.peek().and_then(|d| d.to_digit(10))) {
                ('%', Some(d)) if (1..=9).contains(&d) => {
                    chars.next();
                    let l = (d - 1) as u8;
                    let v = counters.get(&l).copied().unwrap_or_else(|| start(l));
                    let fmt = levels.get(&l).map_or("decimal", |x| x.format.as_str());
                    out.push_str(&format_number(v, fmt));
                }
                _ => out.push(c),
            }
        }
        Some(out).filter(|s| !s.is_empty())
    }
}

/// A counter value in one of Word's number formats (`w:numFmt`).
pub(crate) fn format_number(v: u32, format: &str) -> String {
    const AIUEO: &str = "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲン";
    const IROHA: &str =
        "イロハニホヘトチリヌルヲワカヨタレソツネナラムウヰノオクヤマケフコエテアサキユメミシヱヒモセスン";
    let from_list = |list: &str| {
        let chars: Vec<char> = list.chars().collect();
        chars.get((v.max(1) as usize - 1) % chars.len()).map(|c| c.to_string()).unwrap_or_default()
    };
    match format {
        "decimalFullWidth" | "decimalFullWidth2" => v.to_string().chars().map(full_width_digit).collect(),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" if (1..=20).contains(&v) => {
            char::from_u32(0x2460 + v - 1).map(String::from).unwrap_or_default()
        }
        "decimalEnclosedParen" if (1..=20).contains(&v) => {
            char::from_u32(0x2474 + v - 1).map(String::from).unwrap_or_default()
        }
        "aiueoFullWidth" => from_list(AIUEO),
        "irohaFullWidth" => from_list(IROHA),
        "aiueo" | "iroha" => {
            let full = from_list(if format == "aiueo" { AIUEO } else { IROHA });
            full.chars().map(half_width_kana).collect()
        }
        "japaneseCounting" | "ideographTraditional" | "japaneseLegal" | "chineseCounting" => {
            crate::model::num::to_kanji(v)
        }
        "upperLetter" | "lowerLetter" => {
            let base = if format == "upperLetter" { b'A' } else { b'a' };
            let n = (v.max(1) - 1) as usize;
            std::iter::repeat_n((base + (n % 26) as u8) as char, n / 26 + 1).collect()
        }
        "upperRoman" | "lowerRoman" => {
            let r = roman(v);
            if format == "lowerRoman" {
                r.to_lowercase()
            } else {
                r
            }
        }
        _ => v.to_string(),
    }
}

fn full_width_digit(c: char) -> char {
    c.to_digit(10).and_then(|d| char::from_u32(0xFF10 + d)).unwrap_or(c)
}

fn half_width_kana(c: char) -> char {
    const FULL: &str = "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲン";
    const HALF: &str = "ｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜｦﾝ";
    FULL.chars().position(|f| f == c).and_then(|i| HALF.chars().nth(i)).unwrap_or(c)
}

fn roman(mut v: u32) -> String {
    const T: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut s = String::new();
    for (n, r) in T {
        while v >= n {
            s.push_str(r);
            v -= n;
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    const NUMBERING: &str = r#"<w:numbering xmlns:w="x">
      <w:abstractNum w:abstractNumId="0">
        <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="第%1条"/></w:lvl>
        <w:lvl w:ilvl="1"><w:start w:val="2"/><w:numFmt w:val="decimalFullWidth"/><w:lvlText w:val="%2"/></w:lvl>
        <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="(%3)"/></w:lvl>
        <w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="irohaFullWidth"/><w:lvlText w:val="%4"/></w:lvl>
      </w:abstractNum>
      <w:abstractNum w:abstractNumId="1">
        <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimalEnclosedCircle"/><w:lvlText w:val="%1"/></w:lvl>
      </w:abstractNum>
      <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
      <w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
      <w:num w:numId="3"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
    </w:numbering>"#;

    #[test]
    fn labels_are_computed_as_word_displays_them() {
        let mut n = Numbering::read(NUMBERING).unwrap();
        assert_eq!(n.next_label("1", 0).as_deref(), Some("第1条"));
        assert_eq!(n.next_label("1", 1).as_deref(), Some("２"));
        assert_eq!(n.next_label("1", 2).as_deref(), Some("(1)"));
        assert_eq!(n.next_label("1", 2).as_deref(), Some("(2)"));
        assert_eq!(n.next_label("1", 3).as_deref(), Some("イ"));
        assert_eq!(n.next_label("1", 3).as_deref(), Some("ロ"));
        assert_eq!(n.next_label("1", 1).as_deref(), Some("３"));
        assert_eq!(n.next_label("1", 2).as_deref(), Some("(1)"), "deeper levels restart");
        assert_eq!(n.next_label("1", 0).as_deref(), Some("第2条"));
        assert_eq!(n.next_label("1", 1).as_deref(), Some("２"));
        assert_eq!(n.next_label("2", 0).as_deref(), Some("①"));
        assert_eq!(n.next_label("2", 0).as_deref(), Some("②"));
        assert_eq!(n.next_label("3", 0).as_deref(), Some("①"), "a start override restarts the list");
        assert_eq!(n.next_label("9", 0), None, "an undefined list shows no number");
    }

    #[test]
    fn number_formats() {
        assert_eq!(format_number(2, "aiueoFullWidth"), "イ");
        assert_eq!(format_number(2, "aiueo"), "ｲ");
        assert_eq!(format_number(12, "decimalFullWidth"), "１２");
        assert_eq!(format_number(14, "japaneseCounting"), "十四");
        assert_eq!(format_number(4, "lowerRoman"), "iv");
        assert_eq!(format_number(3, "decimalEnclosedParen"), "⑶");
        assert_eq!(format_number(27, "upperLetter"), "AA");
    }
}
