//! Text pasted from PDF with a space between every character (「第 1 条 大 阪 樟 蔭 …」, 「( 目 的 )」).
//!
//! The parser reads the structure of such text as it is; the spaces then stay in every text, caption,
//! search entry and diff. [`normalize`] removes them where they cannot be words' separators: an ASCII space
//! run between two Japanese characters (kanji, kana, Japanese punctuation and full-width forms), between a
//! Japanese character and a half-width bracket, and around a number standing between Japanese characters or
//! brackets (「第 1 条」 → 「第1条」, 「( 1 )」 → 「(1)」). Spaces next to Latin letters stay (「ISO 27001」), and
//! so do full-width spaces and tabs, which are written on purpose. Only spaces are removed: no other
//! character is lost or moved.
//!
//! It is applied to the parsed tree, never to the source (which stays untouched), when asked:
//! `kitei parse --normalize-spacing`, `normalize_spacing = true` in a regulation's `regulation.toml`, or
//! [`super::ParseOptions`]. [`looks_spaced`] is what the `spaced-text` lint hint uses.
//!
//! ```
//! use kitei::parse::spacing::{looks_spaced, normalize};
//! assert_eq!(normalize("第 1 条 大 阪 樟 蔭 女 子 大 学 は 、 ISO 27001 に 基 づ く 。"), "第1条大阪樟蔭女子大学は、 ISO 27001 に基づく。");
//! assert_eq!(normalize("( 目 的 )"), "(目的)");
//! assert!(looks_spaced("大 阪 樟 蔭 女 子 大 学"));
//! assert!(!looks_spaced("大阪樟蔭女子大学 ISO 27001"));
//! ```

use crate::model::{Document, Kind, Node};
use std::borrow::Cow;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    /// Kanji, kana, Japanese punctuation, full-width forms.
    Japanese,
    /// `(`, `)`, `~` written half-width between Japanese words.
    Bracket,
    /// An ASCII digit.
    Digit,
    /// An ASCII space.
    Space,
    /// Anything else (Latin letters, other punctuation, full-width space, tab).
    Other,
}

fn class(c: char) -> Class {
    match c {
        ' ' => Class::Space,
        '(' | ')' | '~' => Class::Bracket,
        '0'..='9' => Class::Digit,
        '\u{3000}' => Class::Other,
        _ if is_japanese(c) => Class::Japanese,
        _ => Class::Other,
    }
}

/// Kanji, kana, Japanese punctuation and symbols, full-width forms, circled numbers.
pub fn is_japanese(c: char) -> bool {
    matches!(c as u32,
        0x3001..=0x303F // 、。〃々〆〇「」（ ）…
        | 0x3040..=0x30FF // kana, ・ー
        | 0x31F0..=0x31FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xF900..=0xFAFF
        | 0xFF01..=0xFF60 // full-width forms
        | 0xFF61..=0xFF9F // half-width kana
        | 0x2460..=0x24FF // ① …
        | 0x2015 | 0x2026 | 0x203B // ― … ※
    )
}

/// Each character's class, digits counted as Japanese when their number stands between Japanese characters or
/// brackets (through at most one space run on each side; the string's ends count as such).
fn classes(chars: &[char]) -> Vec<Class> {
    let mut cl: Vec<Class> = chars.iter().map(|&c| class(c)).collect();
    let mut i = 0;
    while i < cl.len() {
        if cl[i] != Class::Digit {
            i += 1;
            continue;
        }
        let start = i;
        while i < cl.len() && cl[i] == Class::Digit {
            i += 1;
        }
        let outer = |mut k: isize, step: isize| {
            while k >= 0 && (k as usize) < cl.len() && cl[k as usize] == Class::Space {
                k += step;
            }
            if k < 0 || k as usize >= cl.len() {
                true
            } else {
                matches!(cl[k as usize], Class::Japanese | Class::Bracket)
            }
        };
        if outer(start as isize - 1, -1) && outer(i as isize, 1) {
            for c in cl.iter_mut().take(i).skip(start) {
                *c = Class::Japanese;
            }
        }
    }
    cl
}

/// Removes the spaces of text spaced out character by character (see the module documentation).
pub fn normalize(s: &str) -> Cow<'_, str> {
    if !s.contains(' ') {
        return Cow::Borrowed(s);
    }
    let chars: Vec<char> = s.chars().collect();
    let cl = classes(&chars);
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        if cl[i] != Class::Space {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && cl[i] == Class::Space {
            i += 1;
        }
        let joinable = |c: Option<&Class>| matches!(c, Some(Class::Japanese | Class::Bracket));
        let (left, right) = (start.checked_sub(1).and_then(|k| cl.get(k)), cl.get(i));
        let japanese = left == Some(&Class::Japanese) || right == Some(&Class::Japanese);
        if !(joinable(left) && joinable(right) && japanese) {
            out.extend(&chars[start..i]);
        }
    }
    Cow::Owned(out)
}

/// Whether a text looks spaced out character by character: at least four single spaces between Japanese
/// characters, and such a space after at least a third of its Japanese characters.
pub fn looks_spaced(s: &str) -> bool {
    let chars: Vec<char> = s.chars().collect();
    let japanese = chars.iter().filter(|&&c| is_japanese(c)).count();
    let spaced = chars.windows(3).filter(|w| w[1] == ' ' && is_japanese(w[0]) && is_japanese(w[2])).count();
    spaced >= 4 && spaced * 3 >= japanese
}

fn normalize_in_place(s: &mut String) {
    if let Cow::Owned(n) = normalize(s) {
        *s = n;
    }
}

/// Normalises every text, caption, label and title of a parsed document (see [`normalize`]), and recomputes
/// what depends on the text (sentences, 削除).
pub fn normalize_document(doc: &mut Document) {
    normalize_in_place(&mut doc.title);
    if let Some(n) = doc.number.as_mut() {
        normalize_in_place(n);
    }
    crate::model::walk::walk_mut(doc, &mut normalize_node);
}

fn normalize_node(n: &mut Node) {
    // Ruby and other inline markup are placed by byte offsets into the text: leave such a text as it is.
    if !n.attrs.contains_key("markup") {
        normalize_in_place(&mut n.text);
    }
    normalize_in_place(&mut n.label);
    if let Some(h) = n.heading.as_mut() {
        normalize_in_place(h);
        let t = h.trim_matches(' ');
        if t.len() != h.len() {
            *h = t.to_string();
        }
    }
    if let Some(raw) = n.heading_raw.as_mut() {
        normalize_in_place(raw);
    }
    if let (Some(raw), Some(h)) = (&n.heading_raw, &n.heading) {
        if *raw == format!("（{h}）") {
            n.heading_raw = None;
        }
    }
    if let Some(r) = n.attrs.get_mut("range") {
        normalize_in_place(r);
    }
    n.sentences = crate::model::sentences_of(n.kind, &n.text);
    // (Children are visited after their parent: the article looks at its paragraph's normalised text.)
    let deleted = |t: &str| matches!(t.trim(), "削除" | "削除。");
    if n.kind == Kind::Article
        && n.children.len() == 1
        && n.children[0].children.is_empty()
        && deleted(&normalize(&n.children[0].text))
    {
        n.deleted = true;
    }
    if matches!(n.kind, Kind::Item | Kind::Subitem) && deleted(&n.text) {
        n.deleted = true;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The kanji and kana of a text, in order.
    fn words(s: &str) -> String {
        s.chars().filter(|c| !c.is_whitespace()).collect()
    }

    #[test]
    fn spaces_between_japanese_go_latin_and_numbers_stay() {
        assert_eq!(normalize("本 学 は 、 学 生 を 置 く 。"), "本学は、学生を置く。");
        assert_eq!(normalize("平 成 12 年 4 月 1 日"), "平成12年4月1日");
        assert_eq!(normalize("( 第 1 条 ~ 第 5 条 )"), "(第1条~第5条)");
        assert_eq!(normalize("ISO 27001 及 び JIS Q 15001"), "ISO 27001 及び JIS Q 15001");
        assert_eq!(normalize("Web サ イ ト"), "Web サイト");
        // Full-width spaces are written on purpose.
        assert_eq!(normalize("第一条　目的"), "第一条　目的");
        assert_eq!(normalize("附 則"), "附則");
        assert!(matches!(normalize("空白なし"), Cow::Borrowed(_)));
    }

    #[test]
    fn normalising_is_faithful() {
        for s in
            ["第 1 条 大 阪 樟 蔭 は 、 「 本 学 」 と い う 。", "1 2 3 あ い う abc def ( 1 ) ①", " 目 的 ", "a 1 b"]
        {
            let n = normalize(s);
            assert_eq!(words(&n), words(s), "{s}");
            assert!(n.len() <= s.len());
        }
    }

    #[test]
    fn spaced_text_is_recognised() {
        assert!(looks_spaced("組 合 員 の ために 必 要 な 事 業"));
        assert!(!looks_spaced("第1条 この規程は、ISO 27001 に基づく。"));
        assert!(!looks_spaced("学 科"));
    }

    #[test]
    fn a_spaced_document_normalises_to_the_unspaced_one() {
        let spaced = "大 学 規 則\n( 目 的 )\n第 1 条 本 学 は 、 人 材 を 育 成 す る 。\n2 前 項 の 目 的 は 、 別 に 定 め る 。\n第 2 条 削 除\n";
        let plain = "大学規則\n(目的)\n第1条 本学は、人材を育成する。\n2 前項の目的は、別に定める。\n第2条 削除\n";
        let mut a = crate::parse::parse_str(spaced).unwrap();
        normalize_document(&mut a);
        let b = crate::parse::parse_str(plain).unwrap();
        assert_eq!(crate::export::text::to_text(&a), crate::export::text::to_text(&b));
        assert_eq!(a.children[0].heading.as_deref(), Some("目的"));
        assert!(a.children[1].deleted);
    }
}
