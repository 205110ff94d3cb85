//! Does a reference belong to another instrument? Decided from the text just before it: a law name or an
//! abbreviation (法, 令, 規則, 施行令…, but not この規程 or 本規則), a bracket citing a law number
//! （平成25年法律第29号） or defining an abbreviation （以下「法」という。）, or any other name (kanji,
//! katakana, Latin letters) written directly before 第N条. Used by [`super::find`]. [`instrument_ends`]
//! tells which instrument each external reference cites: where its name ends in the text, also for
//! 「同規則第5条」 (同 + the instrument named just before) and references that inherit another's (「就業規則第
//! 4条及び第5条」, 「同条第2項」).
//!
//! ```
//! use kitei::refs::external::is_external_before;
//! assert!(is_external_before("地方公共団体情報システム機構法（平成25年法律第29号）"));
//! assert!(is_external_before("次に掲げる法"));
//! assert!(!is_external_before("この規程"));
//! assert!(!is_external_before("及び"));
//! ```

/// The names of instruments whose 第N条 is theirs, not this document's: 法, 令, 規則, 施行令…
const INSTRUMENTS: &[&str] = &[
    "法律", "法", "政令", "省令", "府令", "令", "規則", "規程", "条例", "要綱", "細則", "規約", "要領", "告示", "訓令",
    "通達", "基準", "定款", "協定", "条約", "憲法",
];

/// Does the text just before a reference name another instrument?
pub fn is_external_before(before: &str) -> bool {
    let Some(last) = before.chars().next_back() else { return false };
    if last == '）' || last == ')' {
        return bracket_names_law(before);
    }
    // この規程第5条, 本規則第2条: this document.
    for w in INSTRUMENTS {
        if let Some(head) = before.strip_suffix(w) {
            return !(head.ends_with("この") || head.ends_with('本') || head.ends_with("当該"));
        }
    }
    if before.ends_with("乃至") {
        return false;
    }
    // 旧第5条, 新第5条 (amending acts), ガイドライン第3条, JIS第2条: not this document as it stands.
    is_name_char(last)
}

fn is_name_char(c: char) -> bool {
    matches!(c as u32,
        0x4E00..=0x9FFF | 0x3400..=0x4DBF | 0xF900..=0xFAFF // kanji
        | 0x30A1..=0x30FA | 0x30FC // katakana
    ) || c.is_ascii_alphabetic()
        || ('Ａ'..='Ｚ').contains(&c)
        || ('ａ'..='ｚ').contains(&c)
        || c == '」'
}

/// Where the bracket that `before` ends with opens (None when it ends with no closed bracket).
fn bracket_open(before: &str) -> Option<usize> {
    if !before.ends_with(['）', ')']) {
        return None;
    }
    let mut depth = 0;
    for (i, c) in before.char_indices().rev() {
        match c {
            '）' | ')' => depth += 1,
            '（' | '(' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

/// `…法律（平成25年法律第29号）` or `…（以下「法」という。）`: the bracket cites or names a law.
fn bracket_names_law(before: &str) -> bool {
    let Some(open) = bracket_open(before) else { return false };
    let inner = &before[open..];
    let law_number = inner.contains('号')
        && (["明治", "大正", "昭和", "平成", "令和"].iter().any(|e| inner.contains(e)) || inner.contains('年'));
    law_number || inner.contains("という")
}

/// For each reference of `refs` (found in `text` by [`super::find_references`]), where the name of the
/// instrument it cites ends in `text`, so that `text[..end]` ends with that name as written: for
/// 「就業規則第21条」 the start of the reference; for 「同規則第5条」 the end of the 規則 named just before
/// (「就業規則第4条…同規則第5条」, 「就業規則に定める…同規則第5条」); for a reference external only because
/// it inherits (「及び第5条」, 「同条第2項」) the end of the one it follows. None for a reference of this
/// document, and for 同X when no X is named before it in the text (or the one named is この規則).
///
/// ```
/// use kitei::refs::{external::instrument_ends, find_references};
/// let text = "就業規則第4条及び第5条並びに同規則第9条は、賃金規程第2条に準ずる。";
/// let ends = instrument_ends(text, &find_references(text));
/// let names: Vec<&str> = ends.iter().map(|e| &text[..e.unwrap()]).collect();
/// assert!(names[..3].iter().all(|n| n.ends_with("就業規則")));
/// assert!(names[3].ends_with("賃金規程"));
/// ```
pub fn instrument_ends(text: &str, refs: &[super::Reference]) -> Vec<Option<usize>> {
    let mut out: Vec<Option<usize>> = Vec::with_capacity(refs.len());
    for r in refs {
        let start = r.range.start;
        let end = if !r.external {
            None
        } else if let Some(kind) = same_kind(&text[..start]) {
            antecedent(text, start - "同".len() - kind.len(), kind)
        } else if is_external_before(&text[..start]) {
            // 労働基準法（昭和二十二年法律第四十九号）第三十二条: the name ends before the bracket.
            Some(bracket_open(&text[..start]).unwrap_or(start))
        } else {
            // External by inheritance: the instrument of the last external reference before it.
            refs.iter().zip(&out).rev().find(|(p, _)| p.external && p.range.end <= start).and_then(|(_, e)| *e)
        };
        out.push(end);
    }
    out
}

/// The instrument word X when `before` ends with 同X (同法, 同規則, 同規程…).
fn same_kind(before: &str) -> Option<&'static str> {
    INSTRUMENTS.iter().copied().find(|w| before.strip_suffix(w).is_some_and(|h| h.ends_with('同')))
}

/// The words an instrument of kind `kind` may end with: 同法 names a 〇〇法 or a 〇〇に関する法律.
fn endings(kind: &str) -> &[&str] {
    match kind {
        "法" => &["法", "法律"],
        "令" => &["令", "政令", "省令", "府令"],
        _ => std::slice::from_ref(INSTRUMENTS.iter().find(|w| **w == kind).expect("an instrument word")),
    }
}

/// The end of the last instrument of kind `kind` named in `text[..to]` outside brackets and quotations:
/// a name followed by 第 (a reference) or by a bracket citing or naming it (（平成25年法律第29号）,
/// （以下「法」という。）), or, for words of two characters or more (規則, 規程), a name written with a word
/// before it (就業規則に). Another 同X leads further back; この・本・当該X is this document (None).
fn antecedent(text: &str, to: usize, kind: &str) -> Option<usize> {
    let mut depth = 0i32;
    let mut to = to;
    for (i, c) in text[..to].char_indices().rev() {
        match c {
            '）' | ')' | '」' | '』' => depth += 1,
            '（' | '(' | '「' | '『' => depth = (depth - 1).max(0),
            _ => {}
        }
        let e = i + c.len_utf8();
        if depth > 0 || e > to {
            continue;
        }
        let Some(word) = endings(kind).iter().find(|w| text[..e].ends_with(**w)) else { continue };
        let head = &text[..e - word.len()];
        if head.ends_with('同') {
            to = head.len() - '同'.len_utf8();
            continue;
        }
        if head.ends_with("この") || head.ends_with('本') || head.ends_with("当該") {
            return None;
        }
        let after = &text[e..];
        let named_by_bracket =
            (after.starts_with('（') || after.starts_with('(')) && bracket_names_law(&text[..e + closing(after)]);
        let named_by_word = word.chars().count() >= 2 && head.chars().next_back().is_some_and(is_name_char);
        if after.starts_with('第') || named_by_bracket || named_by_word {
            return Some(e);
        }
    }
    None
}

/// The length of the bracketed text at the start of `after`, through its closing bracket (all of it when
/// unclosed).
fn closing(after: &str) -> usize {
    let mut depth = 0;
    for (i, c) in after.char_indices() {
        match c {
            '（' | '(' => depth += 1,
            '）' | ')' => {
                depth -= 1;
                if depth == 0 {
                    return i + c.len_utf8();
                }
            }
            _ => {}
        }
    }
    after.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::refs::find_references;

    fn cited(text: &str) -> Vec<Option<&str>> {
        let refs = find_references(text);
        instrument_ends(text, &refs).into_iter().map(|e| e.map(|e| &text[..e])).collect()
    }

    #[test]
    fn same_rule_names_the_rule_cited_just_before() {
        let got = cited("就業規則第21条の休職期間は、同規則第5条の勤続年数に算入しない。");
        assert!(got.iter().all(|n| n.unwrap().ends_with("就業規則")), "{got:?}");
        // Named without an article, then 同規程 twice: both lead to 旅費規程.
        let got = cited("旅費規程に定める日当は、同規程第3条第2項の額とし、同規程第4条は適用しない。");
        assert_eq!(got.len(), 2);
        assert!(got.iter().all(|n| n.unwrap().ends_with("旅費規程")), "{got:?}");
    }

    #[test]
    fn same_law_skips_the_law_number_in_the_bracket() {
        let text = "労働基準法（昭和二十二年法律第四十九号）第三十二条の労働時間は、同法第三十五条の休日を除く。";
        let got = cited(text);
        // The law number (法律第四十九号) is a reference of its own, to another instrument.
        assert_eq!(got.len(), 3, "{got:?}");
        assert!(got[1..].iter().all(|n| n.unwrap().ends_with("労働基準法")), "{got:?}");
        let text = "個人情報の保護に関する法律（平成十五年法律第五十七号）の定めにより、同法第二十三条による。";
        assert!(cited(text).last().unwrap().unwrap().ends_with("に関する法律"));
    }

    #[test]
    fn same_rule_with_nothing_named_before_is_no_instrument() {
        // 方法 is no law, and この規則 is this document.
        assert_eq!(cited("電磁的方法により、同法第3条の届出をする。"), [None]);
        assert_eq!(cited("この規則の定めにより、同規則第3条による。"), [None]);
    }

    #[test]
    fn references_inheriting_an_instrument_take_its_name() {
        let got = cited("賃金規程第3条及び第4条並びに同条第2項の規定は、第9条に準ずる。");
        assert_eq!(got.len(), 4);
        assert!(got[..3].iter().all(|n| n.unwrap().ends_with("賃金規程")), "{got:?}");
        assert_eq!(got[3], None, "第9条 is this document's");
    }
}
