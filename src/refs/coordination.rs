//! References written as one list (「第5条第1項及び第2項」, 「同条第2項、第3項」, 「第4項（第4号を除く。）」):
//! what a reference takes from the one before it, and whether the text between two references joins them.
//! Used by [`super::find`] for every reference after the first, so the test of the text in between reads it
//! lazily and stops at the first character no list is made of (most text between references is prose).

use super::find::{Reference, Target};

/// Coordinated references (第5条第1項及び第2項, 同条第2項、第3項) and exceptions in brackets right after a
/// reference (第4項（第4号を除く。）) take the upper levels of the reference before them; 同条 takes the
/// external flag of the reference it repeats, and so does a whole reference coordinated with an external one
/// (刑事訴訟法第157条第1項及び第2項、第158条第2項: all of 刑事訴訟法).
pub(super) fn inherit(text: &str, last: Option<&Reference>, peer: Option<&Reference>, r: &mut Reference) {
    let Some(last) = last else { return };
    if r.article == Some(Target::Same) || (r.article.is_none() && r.paragraph == Some(Target::Same)) {
        r.external = r.external || last.external;
        r.suppl = r.suppl || (r.article.is_none() && last.suppl);
    }
    let after_last = &text[last.range.end..r.range.start];
    let in_bracket = after_last == "（" || after_last == "(";
    let (prev, coordinated) = match peer {
        _ if in_bracket => (last, false),
        Some(p) if is_coordination(&text[p.range.end..r.range.start]) => (p, true),
        _ => return,
    };
    if r.article.is_some() {
        if coordinated && prev.external && !r.suppl && r.article != Some(Target::Same) {
            r.external = true;
        }
        return;
    }
    let absolute = |t: &Option<Target>| matches!(t, Some(Target::Num(_)) | Some(Target::Range(..)));
    if r.paragraph.is_some() {
        if absolute(&r.paragraph) && prev.article.is_some() && (prev.paragraph.is_some() || in_bracket) {
            r.article = prev.article.clone();
            r.suppl = prev.suppl;
            r.external = prev.external;
            r.inherited = true;
        }
    } else if absolute(&r.item) && (prev.paragraph.is_some() || prev.item.is_some() || in_bracket) {
        r.article = prev.article.clone();
        r.paragraph = prev.paragraph.clone();
        r.suppl = prev.suppl;
        r.external = prev.external;
        r.inherited = true;
    }
}

/// True when the text between two references joins them in one list: connectors (及び, 又は, 、…), perhaps
/// after the end of a bracketed aside that follows the first (第四項（第四号を除く。）、第五項).
pub fn joins(between: &str) -> bool {
    let after_aside =
        between.rfind(['）', ')']).map(|i| &between[i + between[i..].chars().next().map_or(1, char::len_utf8)..]);
    is_coordination(between) || after_aside.is_some_and(is_coordination)
}

/// The words a list of references is joined with, tried in this order (a longer word before its prefix).
const WORDS: [&str; 19] = [
    "及び",
    "又は",
    "若しくは",
    "並びに",
    "または",
    "および",
    "、",
    "，",
    "・",
    ",",
    "乃至",
    "ただし書",
    "本文",
    "前段",
    "後段",
    "中段",
    "柱書",
    "各号列記以外の部分",
    "各号",
];

/// The characters of a text outside its brackets, read one at a time (the text need not be balanced: the
/// caller checks that apart).
#[derive(Clone)]
struct Plain<'a> {
    chars: std::str::Chars<'a>,
    depth: i32,
}

impl Iterator for Plain<'_> {
    type Item = char;

    fn next(&mut self) -> Option<char> {
        loop {
            match self.chars.next()? {
                '（' | '(' => self.depth += 1,
                '）' | ')' => self.depth -= 1,
                c if self.depth == 0 => return Some(c),
                _ => {}
            }
        }
    }
}

/// Only connectors (及び, 又は, 、…), parts of a provision (ただし書, 後段…) and bracketed asides between two
/// references: the text outside brackets is a sequence of [`WORDS`] and subitem letters (第百三十八条第一号ハ
/// 又は第二号ハ), and the brackets are balanced.
fn is_coordination(between: &str) -> bool {
    if between.is_empty() {
        return false;
    }
    let mut plain = Plain { chars: between.chars(), depth: 0 };
    'words: loop {
        let mut after_first = plain.clone();
        let Some(first) = after_first.next() else { break };
        // Most text between two references is prose: its first character starts no word.
        for w in WORDS {
            let mut rest = w.chars();
            if rest.next() != Some(first) {
                continue;
            }
            let mut ahead = after_first.clone();
            if rest.all(|c| ahead.next() == Some(c)) {
                plain = ahead;
                continue 'words;
            }
        }
        if crate::model::num::iroha_index(first).is_none() {
            return false;
        }
        plain = after_first;
    }
    balanced(between)
}

/// No bracket closes before it opens, and every one opened is closed.
fn balanced(s: &str) -> bool {
    let mut depth = 0i32;
    for c in s.chars() {
        match c {
            '（' | '(' => depth += 1,
            '）' | ')' => depth -= 1,
            _ => {}
        }
        if depth < 0 {
            return false;
        }
    }
    depth == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rule as first written: the text outside brackets gathered, then read word by word.
    fn gathered(between: &str) -> bool {
        if between.is_empty() || !balanced(between) {
            return false;
        }
        let plain: String = Plain { chars: between.chars(), depth: 0 }.collect();
        let mut rest = plain.as_str();
        while !rest.is_empty() {
            match WORDS.iter().find(|w| rest.starts_with(*w)) {
                Some(w) => rest = &rest[w.len()..],
                None if rest.starts_with(|c: char| crate::model::num::iroha_index(c).is_some()) => {
                    rest = &rest[rest.chars().next().map_or(0, char::len_utf8)..]
                }
                None => return false,
            }
        }
        true
    }

    #[test]
    fn connectors_parts_asides_and_letters_join_and_prose_does_not() {
        for t in [
            "及び",
            "、",
            "ただし書若しくは",
            "（第四号を除く。）、",
            "ハ又は",
            "各号列記以外の部分及び",
            "本文（（甲）乙）又は",
        ] {
            assert!(is_coordination(t), "{t}");
        }
        for t in ["", "の規定により", "及び甲", "（", "）及び", "（甲）（", "及び（甲"] {
            assert!(!is_coordination(t), "{t}");
        }
        // A word may be read across an aside, as in the text outside brackets.
        assert!(is_coordination("及（甲）び"));
        assert!(joins("（第四号を除く。）、") && joins("を除く。）、"));
    }

    proptest::proptest! {
        /// Read lazily, the rule gives what gathering the text outside brackets first gives.
        #[test]
        fn lazy_reading_agrees_with_gathering(s in "[及び又は若しく並にまたおよ、，・,乃至ただし書本文前段後中柱各号列記以外の部分イロハ（）()甲]{0,16}") {
            proptest::prop_assert_eq!(is_coordination(&s), gathered(&s), "{}", s);
        }
    }
}
