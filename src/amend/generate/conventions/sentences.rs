//! Joining consecutive instructions on the same article into one sentence, as drafters write them: the later
//! clauses refer back with 同条 and every verb but the last takes its continuative form (改め, 加え, とし).
//! A 削る of a whole provision, moves and instructions followed by new text close their sentence.
//!
//! ```
//! use kitei::amend::generate::conventions::sentences::join_per_article;
//! let s = vec!["第3条中「甲」を「乙」に改める。".to_string(), "第3条第2項中「丙」を削る。".to_string()];
//! assert_eq!(join_per_article(&s), vec!["第3条中「甲」を「乙」に改め、同条第2項中「丙」を削る。".to_string()]);
//! ```

use crate::model::num::{digit_value, is_kanji_numeral};

/// The article cited at the start of a sentence (`第10条の2`), if the sentence is about one article.
fn article_cite(s: &str) -> Option<&str> {
    let rest = s.strip_prefix('第')?;
    let mut end = '第'.len_utf8();
    let mut chars = rest.char_indices().peekable();
    let mut seen_unit = false;
    while let Some((i, c)) = chars.next() {
        if is_kanji_numeral(c) || digit_value(c).is_some() {
            continue;
        }
        if c == '条' && !seen_unit {
            seen_unit = true;
            end = '第'.len_utf8() + i + c.len_utf8();
            // Branch numbers: の二, の2.
            while let Some(&(j, 'の')) = chars.peek() {
                let after: String = rest[j + 'の'.len_utf8()..].chars().take(1).collect();
                if after.chars().next().is_some_and(|d| is_kanji_numeral(d) || digit_value(d).is_some()) {
                    chars.next();
                    let mut k = j + 'の'.len_utf8();
                    for d in rest[k..].chars() {
                        if is_kanji_numeral(d) || digit_value(d).is_some() {
                            k += d.len_utf8();
                        } else {
                            break;
                        }
                    }
                    end = '第'.len_utf8() + k;
                    while chars.peek().is_some_and(|&(x, _)| x < k) {
                        chars.next();
                    }
                } else {
                    break;
                }
            }
            break;
        }
        return None;
    }
    seen_unit.then(|| &s[..end])
}

/// The continuative form of a sentence's final verb, or `None` when it has none that can be continued.
fn continuative(head: &str) -> Option<String> {
    let stem = head.strip_suffix('。')?;
    for (fin, cont) in
        [("改める", "改め"), ("加える", "加え"), ("削る", "削り"), ("とする", "とし"), ("付する", "付し")]
    {
        if let Some(s) = stem.strip_suffix(fin) {
            return Some(format!("{s}{cont}"));
        }
    }
    None
}

/// The 項 a clause cites right after its article (`第一項` of `第一項第八号中…`), if any.
fn paragraph_cite(rest: &str) -> Option<&str> {
    let r = rest.strip_prefix('第')?;
    let digits = r.chars().take_while(|&c| is_kanji_numeral(c) || digit_value(c).is_some()).count();
    let after: String = r.chars().skip(digits).take(1).collect();
    if digits == 0 || after != "項" {
        return None;
    }
    let len = '第'.len_utf8() + r.chars().take(digits + 1).map(char::len_utf8).sum::<usize>();
    Some(&rest[..len])
}

/// Joins consecutive sentences about the same article (see the module docs).
pub fn join_per_article(sentences: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut group: Vec<String> = Vec::new();
    let mut cite: Option<String> = None;
    // The 項 the last clause of the group cites, after its article (`第一項`).
    let mut para: Option<String> = None;
    let flush = |group: &mut Vec<String>, out: &mut Vec<String>| {
        if group.is_empty() {
            return;
        }
        let last = group.len() - 1;
        let mut s = String::new();
        for (i, g) in group.iter().enumerate() {
            if i > 0 {
                s.push('、');
            }
            if i < last {
                s.push_str(&continuative(g).expect("checked when grouped"));
            } else {
                s.push_str(g);
            }
        }
        out.push(s);
        group.clear();
    };
    for sentence in sentences {
        let (head, has_body) = match sentence.split_once('\n') {
            Some((h, _)) => (h, true),
            None => (sentence.as_str(), false),
        };
        let c = article_cite(head).map(str::to_string);
        let whole_delete = c.as_deref().is_some_and(|c| {
            head.strip_prefix(c).and_then(|r| r.strip_suffix("を削る。")).is_some_and(|r| !r.contains('中'))
        });
        let movement = head.contains("とし、") || head.contains("繰り下げ") || head.contains("繰り上げ");
        let joinable = c.is_some() && !whole_delete && !movement;
        let same =
            joinable && c == cite && group.last().is_some_and(|g| !g.contains('\n') && continuative(g).is_some());
        if same {
            let c = c.as_deref().expect("joinable");
            let rest = &sentence[c.len()..];
            // The same 項 as the clause before: 同項第十号 rather than 同条第一項第十号.
            let p = paragraph_cite(rest);
            match p.filter(|p| Some(*p) == para.as_deref()) {
                Some(p) => group.push(format!("同項{}", &rest[p.len()..])),
                None => group.push(format!("同条{rest}")),
            }
            para = p.map(str::to_string);
        } else {
            flush(&mut group, &mut out);
            if joinable {
                group.push(sentence.clone());
                para = c.as_deref().and_then(|c| paragraph_cite(&sentence[c.len()..])).map(str::to_string);
                cite = c;
            } else {
                out.push(sentence.clone());
                cite = None;
            }
        }
        if has_body {
            flush(&mut group, &mut out);
            cite = None;
        }
    }
    flush(&mut group, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cites() {
        assert_eq!(article_cite("第十条の二第一項中"), Some("第十条の二"));
        assert_eq!(article_cite("第10条を削る。"), Some("第10条"));
        assert_eq!(article_cite("第5章の章名中"), None);
    }

    #[test]
    fn bodies_end_a_sentence_and_deletions_stand_alone() {
        let s: Vec<String> = [
            "第3条中「甲」を「乙」に改める。",
            "第3条第2項の次に次の1項を加える。\n3　追加。",
            "第3条第4項を削る。",
            "第4条に見出しとして「（目的）」を付する。",
            "第4条中「丙」を「丁」に改める。",
        ]
        .map(String::from)
        .to_vec();
        let j = join_per_article(&s);
        assert_eq!(j[0], "第3条中「甲」を「乙」に改め、同条第2項の次に次の1項を加える。\n3　追加。");
        assert_eq!(j[1], "第3条第4項を削る。");
        assert_eq!(j[2], "第4条に見出しとして「（目的）」を付し、同条中「丙」を「丁」に改める。");
    }

    #[test]
    fn the_same_paragraph_is_cited_as_dou_kou() {
        let s: Vec<String> = [
            "第三条第一項第八号中「甲」を「乙」に改める。",
            "第三条第一項第十号中「丙」を「丁」に改める。",
            "第三条第二項中「戊」を「己」に改める。",
            "第三条第二項第一号中「庚」を削る。",
        ]
        .map(String::from)
        .to_vec();
        assert_eq!(
            join_per_article(&s),
            ["第三条第一項第八号中「甲」を「乙」に改め、同項第十号中「丙」を「丁」に改め、同条第二項中「戊」を「己」に改め、同項第一号中「庚」を削る。"]
        );
    }
}
