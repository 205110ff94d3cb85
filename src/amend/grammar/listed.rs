//! The entries of a 「次に掲げる法律の規定中「A」を「B」に改める。」 list: one provision (or several) a line, after
//! an item number, named with their law (`八　医師法（昭和二十三年法律第二百一号）第三十一条`, `二　同法第十二条`) or
//! bare in a 例規 (`(1)　第3条第1項`).
//!
//! ```
//! let a = kitei::amend::parse("次に掲げる規定中「甲」を「乙」に改める。\n(1)　第3条第1項\n(2)　第5条\n", "a").unwrap();
//! let ins = a.instructions().next().unwrap();
//! let Some(kitei::amend::Special::Listed(items)) = &ins.target.special else { panic!() };
//! assert_eq!(items.len(), 2);
//! assert!(items.iter().all(|i| i.law.is_none()));
//! ```

use crate::model::num::{digit_value, is_kanji_numeral};

use super::sentence::Sentence;
use crate::amend::types::ListedItem;

/// The entry without its item number (`八　`, `(1)　`, `１　`, `（２）`).
fn strip_number(line: &str) -> &str {
    let s = line.trim_start_matches([' ', '\u{3000}']);
    let num = |c: char| is_kanji_numeral(c) || digit_value(c).is_some();
    let rest = if let Some(r) = s.strip_prefix(['(', '（']) {
        let r = r.trim_start_matches(num);
        r.strip_prefix([')', '）']).unwrap_or(s)
    } else {
        let r = s.trim_start_matches(num);
        if r.len() < s.len() && r.starts_with([' ', '\u{3000}']) {
            r
        } else {
            s
        }
    };
    rest.trim_start_matches([' ', '\u{3000}']).trim_end()
}

/// Reads the lines of a list (`first_line` is the first one's line). `law` is the law of the entry before (for
/// 同法). Fails with the line and column (chars) of an entry it cannot read.
pub(super) fn read(lines: &[String], first_line: u32) -> Result<Vec<ListedItem>, (u32, usize, String)> {
    let mut out = Vec::new();
    let mut law: Option<String> = None;
    for (k, raw) in lines.iter().enumerate() {
        let line = first_line + k as u32;
        let text = strip_number(raw);
        if text.is_empty() {
            continue;
        }
        let col = raw.chars().count() - text.chars().count();
        // The law: 同法, この規程, or the words before the first 第 (and the law's number in brackets).
        let (this_law, rest) = if let Some(r) = text.strip_prefix("同法") {
            (Some(law.clone().ok_or((line, col, "a law that 同法 refers back to".to_string()))?), r)
        } else if text.starts_with('第') {
            (None, text)
        } else if let Some(r) = ["この法律", "この規程", "この規則", "この条例", "この訓令", "この要綱"]
            .iter()
            .find_map(|p| text.strip_prefix(p))
        {
            (None, r)
        } else {
            // The first 第 outside the law's number in brackets.
            let mut depth = 0i32;
            let i = text
                .char_indices()
                .find(|&(_, c)| {
                    match c {
                        '（' | '(' => depth += 1,
                        '）' | ')' => depth -= 1,
                        _ => {}
                    }
                    c == '第' && depth == 0
                })
                .map(|(i, _)| i)
                .ok_or((line, col, "a provision (第N条…) in the entry".to_string()))?;
            let mut name = &text[..i];
            if let Some(j) = name.strip_suffix('）').and_then(|n| n.rfind('（')) {
                name = &name[..j];
            }
            (Some(name.to_string()), &text[i..])
        };
        let skip = text.chars().count() - rest.chars().count();
        let targets = Sentence::new(rest, line, 0).only_targets().map_err(|(c, why)| (line, col + skip + c, why))?;
        law = this_law.clone();
        out.push(ListedItem { law: this_law, targets, text: text.to_string(), line });
    }
    if out.is_empty() {
        return Err((first_line, 0, "the listed provisions (one a line) after the sentence".into()));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn laws_are_named_carried_by_dou_hou_or_absent() {
        let lines: Vec<String> = [
            "　八　医師法（昭和二十三年法律第二百一号）第三十一条から第三十三条まで及び第三十三条の二第一項",
            "　九　同法第十二条",
            "　十　この法律第五条",
        ]
        .map(String::from)
        .to_vec();
        let v = read(&lines, 4).unwrap();
        assert_eq!(v[0].law.as_deref(), Some("医師法"));
        assert_eq!(v[0].targets.len(), 2);
        assert!(v[0].targets[0].end.is_some());
        assert_eq!(v[1].law.as_deref(), Some("医師法"));
        assert_eq!((v[2].law.as_ref(), v[2].line), (None, 6));
        let e = read(&["(1)　同法第3条".to_string()], 2).unwrap_err();
        assert_eq!((e.0, e.2.contains("同法")), (2, true));
    }
}
