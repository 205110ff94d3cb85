//! Does a reference belong to another instrument? Decided from the text just before it: a law name or an
//! abbreviation (法, 令, 規則, 施行令…, but not この規程 or 本規則), a bracket citing a law number
//! （平成25年法律第29号） or defining an abbreviation （以下「法」という。）, or any other name (kanji,
//! katakana, Latin letters) written directly before 第N条. Used by [`super::find`].
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

/// `…法律（平成25年法律第29号）` or `…（以下「法」という。）`: the bracket cites or names a law.
fn bracket_names_law(before: &str) -> bool {
    let mut depth = 0;
    let mut open = None;
    for (i, c) in before.char_indices().rev() {
        match c {
            '）' | ')' => depth += 1,
            '（' | '(' => {
                depth -= 1;
                if depth == 0 {
                    open = Some(i);
                    break;
                }
            }
            _ => {}
        }
    }
    let Some(open) = open else { return false };
    let inner = &before[open..];
    let law_number = inner.contains('号')
        && (["明治", "大正", "昭和", "平成", "令和"].iter().any(|e| inner.contains(e)) || inner.contains('年'));
    law_number || inner.contains("という")
}
