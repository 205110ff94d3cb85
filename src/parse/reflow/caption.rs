//! Captions written beside an article number rather than above it: `(名称) 第2条 …` inside a pasted
//! line, and Word's `第一条（目的）　…`, each told from a citation or an act's number in brackets.

use super::{is_space, starts_sentence};
use crate::parse::line::{classify, LineKind};

/// The longest caption (in characters, brackets included) looked for inside a line.
const MAX_CAPTION: usize = 40;

/// `(名称) 第2条 …` at the start of `s`: the offset of the article after the caption.
pub(super) fn caption_then_article(s: &str) -> Option<usize> {
    let close = match s.chars().next()? {
        '(' => ')',
        '（' => '）',
        _ => return None,
    };
    let open_len = s.chars().next()?.len_utf8();
    let end = s.char_indices().take(MAX_CAPTION).find(|&(_, c)| c == close || c == ')' || c == '）')?.0;
    let inner = &s[open_len..end];
    if !caption_like(inner) {
        return None;
    }
    let after_close = end + s[end..].chars().next()?.len_utf8();
    let rest = s[after_close..].trim_start_matches(is_space);
    let offset = s.len() - rest.len();
    match classify(rest) {
        LineKind::Article { rest: text, .. } if starts_sentence(text) => Some(offset),
        _ => None,
    }
}

/// `第一条（目的）　この規程は…` or `第1条(目的)この規程は…`: an article number with its caption on its right, as
/// Word documents write them. Returns the byte ranges of the caption, the number and the text, in
/// the order a printed law has them.
///
/// What makes it a caption is its place, not its length: the number at the start of the line, a balanced
/// bracket right after it (captions may hold brackets of their own and run long: 「（一般職の職員の給与に関する
/// 法律附則第八項の規定による…）」), then a space or tab before the text, or text that starts a sentence.
/// Not a number followed by a citation (the bracket ends a sentence: 「第四条（…を含む。）並びに」) or an act's
/// number (「第一条（明治二十七年勅令第二十三号）」). The caller has classified the whole line already and calls
/// this only when it is no article line.
pub(super) fn caption_after_label(content: &str) -> Option<Vec<(usize, usize)>> {
    if !content.starts_with('第') {
        return None;
    }
    let open = content.find(['（', '('])?;
    let LineKind::Article { rest: "", num_end: None, .. } = classify(&content[..open]) else { return None };
    let after = balanced_end(&content[open..])? + open;
    let close_len = content[..after].chars().next_back()?.len_utf8();
    let inner = &content[open + content[open..].chars().next()?.len_utf8()..after - close_len];
    let words: String = inner.chars().filter(|c| !is_space(*c)).collect();
    // An act's number is a year, then a number: 「明治二十七年勅令第二十三号」, never 「（基礎年金番号）」.
    let act_number = words.ends_with('号') && words.find('年').is_some_and(|y| words[y..].contains('第'));
    if words.is_empty() || act_number || words.contains(['。', '「']) {
        return None;
    }
    // Text must follow on the line: 「第百三十五条（…の特例）」 alone is a cell of a 読替え table. After a
    // space or tab it may be anything (「第二十条（準用）　第五条の規定は…」); directly after the bracket it
    // must start a sentence (「第四条（…を含む。）並びに」 is a citation).
    let text = content[after..].trim_start_matches(is_space);
    let separated = text.len() < content.len() - after;
    if text.is_empty() || !(separated || starts_sentence(text)) {
        return None;
    }
    Some(vec![(open, after), (0, open), (content.len() - text.len(), content.len())])
}

/// The byte offset just after the bracket that closes the one `s` starts with (full or half width, nested
/// brackets counted); `None` when it is not closed on the line.
fn balanced_end(s: &str) -> Option<usize> {
    let mut depth = 0u32;
    for (i, c) in s.char_indices() {
        match c {
            '（' | '(' => depth += 1,
            '）' | ')' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(i + c.len_utf8());
                }
            }
            _ => {}
        }
    }
    None
}

/// A caption's words: not a number, a citation (第…), a sentence or a bracketed phrase of a sentence.
fn caption_like(inner: &str) -> bool {
    let words: String = inner.chars().filter(|c| !is_space(*c)).collect();
    let n = words.chars().count();
    (1..=20).contains(&n)
        && !words.chars().any(|c| {
            matches!(c, '。' | '、' | '第' | '「' | '」' | '(' | '（' | '，' | ',')
                || crate::model::num::digit_value(c).is_some()
        })
}

#[cfg(test)]
mod tests {
    use super::super::tests::pieces;

    #[test]
    fn a_caption_on_the_article_line_reads_as_the_caption_above() {
        let clean = "規程\n（目的）\n第一条　この規程は、職員の服務に関し必要な事項を定める。\n（定義）\n第二条　この規程において職員とは、常勤の者をいう。\n２　前項の規定は、準用する。\n";
        let want = crate::parse::parse_str(clean).unwrap();
        for word in [
            "規程\n第一条（目的）\tこの規程は、職員の服務に関し必要な事項を定める。\n第二条（定義）　この規程において職員とは、常勤の者をいう。\n２　前項の規定は、準用する。\n",
            "規程\n第一条（目的）この規程は、職員の服務に関し必要な事項を定める。\n第二条(定義)この規程において職員とは、常勤の者をいう。\n２　前項の規定は、準用する。\n",
        ] {
            let got = crate::parse::parse_str(word).unwrap();
            assert_eq!(got.children.len(), 2, "{word}");
            for (a, b) in got.children.iter().zip(&want.children) {
                assert_eq!((&a.num, &a.heading), (&b.num, &b.heading), "{word}");
                assert_eq!(a.children.len(), b.children.len(), "{word}");
                assert_eq!(a.children[0].text, b.children[0].text, "{word}");
            }
        }
        // Text after a separator may start with a citation.
        let p = pieces("規程\n第二十条（準用）\t第五条の規定は、前条の場合に準用する。");
        assert_eq!(p[1..], ["（準用）", "第二十条", "第五条の規定は、前条の場合に準用する。"]);
        // A long caption, with a bracket of its own, is a caption all the same: its place makes it one.
        let long = "職員の給与に関する規程（平成十年規程第五号）附則第二項の規定による給料の切替えに伴う経過措置";
        let clean = format!("規程\n（目的）\n第一条　この規程は、給与を定める。\n２　前項は例である。\n（{long}）\n第二条　切替日の前日に受けていた給料の月額を保障する。\n");
        let word = format!("規程\n第一条（目的）　この規程は、給与を定める。\n　２　前項は例である。\n第二条（{long}）　切替日の前日に受けていた給料の月額を保障する。\n");
        let (want, got) = (crate::parse::parse_str(&clean).unwrap(), crate::parse::parse_str(&word).unwrap());
        assert_eq!(got.children.len(), 2, "{got:?}");
        assert_eq!(got.children[1].heading.as_deref(), Some(long));
        assert_eq!(got.children[1].children[0].text, want.children[1].children[0].text);
        assert_eq!(got.children[0].children.len(), 2);
        // Unclosed on the line, it is no caption.
        assert_eq!(pieces("規程\n第二条（給料の切替えに伴う　経過措置").len(), 2);
        // Not a caption: an act's number, or a citation going on after the bracket.
        assert_eq!(pieces("勅令\n第一条（明治二十七年勅令第二十三号）ハ之ヲ廃止ス").len(), 2);
        // A caption may end in 号 and hold 年 without being an act's number.
        assert_eq!(pieces("規則\n第一条（基礎年金番号）　基礎年金番号は、一の番号とする。")[1], "（基礎年金番号）");
        assert_eq!(pieces("規程\n第三条（第五条において準用する場合を含む。）の規定").len(), 2);
        assert_eq!(pieces("令\n第百三十五条（非事業用資産を業務の用に供した場合の償却費の計算の特例）").len(), 2);
    }
}
