//! Joining consecutive instructions on the same article into one sentence, as drafters write them: the later
//! clauses refer back with 同条 (同項, 同号 for the 項 or 号 the clause before named) and every verb but the last
//! takes its continuative form (改め, 加え, とし). A 項 removed joins the moves it causes (「第十条第三項を削り、
//! 同条第四項を同条第三項とする。」); renumbering joins the addition it makes room for (「…繰り下げ、第十九条の次に
//! 次の一条を加える。」). A whole article removed stands alone, and new text closes its sentence.
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
    for (fin, cont) in [
        ("改める", "改め"),
        ("加える", "加え"),
        ("削る", "削り"),
        ("とする", "とし"),
        ("付する", "付し"),
        ("繰り下げる", "繰り下げ"),
        ("繰り上げる", "繰り上げ"),
    ] {
        if let Some(s) = stem.strip_suffix(fin) {
            return Some(format!("{s}{cont}"));
        }
    }
    None
}

/// The cites after the article at the start of a clause (`第一項`, `第八号` of `第一項第八号中…`), in order.
fn sub_cites(rest: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(r) = rest[at..].strip_prefix('第') {
        let digits: usize =
            r.chars().take_while(|&c| is_kanji_numeral(c) || digit_value(c).is_some()).map(char::len_utf8).sum();
        let Some(unit) = r[digits..].chars().next().filter(|&u| digits > 0 && matches!(u, '項' | '号')) else {
            break;
        };
        let mut end = at + '第'.len_utf8() + digits + unit.len_utf8();
        // Branch numbers: 第二号の二.
        while let Some(b) = rest[end..].strip_prefix('の') {
            let k: usize =
                b.chars().take_while(|&c| is_kanji_numeral(c) || digit_value(c).is_some()).map(char::len_utf8).sum();
            if k == 0 {
                break;
            }
            end += 'の'.len_utf8() + k;
        }
        out.push(&rest[at..end]);
        at = end;
    }
    out
}

/// The unit a cite ends in (項, 号).
fn unit_of(cite: &str) -> char {
    cite.chars().rev().find(|&c| matches!(c, '項' | '号')).unwrap_or('条')
}

/// A later clause about the same article, referring back: 同条 for the article, 同項 / 同号 for the 項 or 号
/// the clause before named (「同条第五号中…に改め、同号の次に…」).
fn refer_back(rest: &str, prev: &[String]) -> String {
    let subs = sub_cites(rest);
    let common = subs.iter().zip(prev).take_while(|(a, b)| **a == b.as_str()).count();
    if common == 0 {
        return format!("同条{rest}");
    }
    let len: usize = subs[..common].iter().map(|s| s.len()).sum();
    format!("同{}{}", unit_of(subs[common - 1]), &rest[len..])
}

/// Whether a sentence only moves provisions (…とする。, …繰り下げる。, …繰り上げる。), quoting nothing.
fn is_move(head: &str) -> bool {
    !head.contains('「') && ["とする。", "繰り下げる。", "繰り上げる。"].iter().any(|e| head.ends_with(e))
}

/// The number a sentence that moves one provision gives it, after the 同条 / 同項 of its parent
/// (`第三十八条第二項を同条第三項とする。` → `第三項`); `None` for a block or several moves.
fn moved_to(head: &str) -> Option<&str> {
    if head.contains('、') {
        return None;
    }
    let (_, to) = head.split_once('を')?;
    let to = to.strip_suffix("とする。")?;
    let to = to.strip_prefix("同条").or_else(|| to.strip_prefix("同項")).unwrap_or(to);
    let subs = sub_cites(to);
    (subs.len() == 1 && subs[0].len() == to.len()).then_some(to)
}

/// The unit (条, 項, 号) of the provisions a sentence adds (`次の一条を加える。`), if it adds some.
fn added_unit(head: &str) -> Option<char> {
    head.strip_suffix("を加える。")?.chars().last().filter(|c| matches!(c, '条' | '項' | '号'))
}

/// The unit a move sentence renumbers (the unit of its first cite: 第二十六条を… → 条, 第十条第四項を… → 項).
fn moved_unit(head: &str) -> Option<char> {
    let (first, _) = head.split_once('を')?;
    // 第三条の四: the unit before the branch number.
    let first = first.trim_end_matches(|c: char| is_kanji_numeral(c) || digit_value(c).is_some() || c == 'の');
    first.chars().last()
}

/// A sentence that begins by moving a 項 (or a 号) of one article names the article once, with 中, and the
/// moves and additions that follow inside it cite their 項 bare, as current acts write it (借地借家法 by
/// 令和三年法律第三十七号: 「第三十八条中第七項を第九項とし、第四項から第六項までを二項ずつ繰り下げ、同条第三項中
/// 「前項」を…」; 「第八条第一項中第十五号を第十六号とし、第十一号から第十四号までを一号ずつ繰り下げ、第十号の次に
/// 次の一号を加える」). The first clause that quotes, or that leaves the article's 項 (or the 項's 号), cites with
/// 同条 again, and so does everything after it. A sentence that begins otherwise is returned unchanged.
fn scoped_moves(sentence: &str) -> String {
    let (head, body) = match sentence.split_once('\n') {
        Some((h, b)) => (h, Some(b)),
        None => (sentence, None),
    };
    let Some(art) = article_cite(head) else { return sentence.to_string() };
    let rest = &head[art.len()..];
    let subs = sub_cites(rest);
    // 第十条第五項を同条第六項と… (scope 同条), or 第八条第一項第十五号を同項第十六号と… (scope 同項).
    let (scope, outer) = match subs.as_slice() {
        [_] => ("同条", ""),
        [para, _] if unit_of(para) == '項' => ("同項", *para),
        _ => return sentence.to_string(),
    };
    let moved = subs[subs.len() - 1];
    let unit = unit_of(moved);
    let after = &rest[outer.len() + moved.len()..];
    let Some(to) = after.strip_prefix('を').and_then(|a| a.strip_prefix(scope)) else {
        return sentence.to_string();
    };
    let to_cites = sub_cites(to);
    if to_cites.len() != 1 || unit_of(to_cites[0]) != unit || !to[to_cites[0].len()..].starts_with('と') {
        return sentence.to_string();
    }
    // The clauses up to the first quote (a quote may hold 、).
    let quote = head.find('「').unwrap_or(head.len());
    let mut clauses: Vec<&str> = Vec::new();
    let mut start = 0;
    for (i, c) in head.char_indices() {
        if c == '、' && i < quote {
            clauses.push(&head[start..i]);
            start = i + c.len_utf8();
        }
    }
    clauses.push(&head[start..]);
    // The first clause without the scope word before its target.
    let skip = art.len() + outer.len() + moved.len() + 'を'.len_utf8() + scope.len();
    let mut out = format!("{art}{outer}中{moved}を{}", &clauses[0][skip..]);
    let mut scoped = true;
    for clause in &clauses[1..] {
        out.push('、');
        let bare = clause.strip_prefix(scope).filter(|c| {
            let cites = sub_cites(c);
            scoped && !c.contains('「') && cites.len() == 1 && unit_of(cites[0]) == unit
        });
        match bare {
            Some(c) => out.push_str(&c.replacen(&format!("を{scope}第"), "を第", 1)),
            None => {
                scoped = false;
                out.push_str(clause);
            }
        }
    }
    match body {
        Some(b) => format!("{out}\n{b}"),
        None => out,
    }
}

/// Joins consecutive sentences about the same article (see the module docs).
pub fn join_per_article(sentences: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut group: Vec<String> = Vec::new();
    let mut cite: Option<String> = None;
    // The 項 and 号 the last clause of the group cites, after its article (`第一項`, `第八号`).
    let mut subs: Vec<String> = Vec::new();
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
        out.push(scoped_moves(&s));
        group.clear();
    };
    for sentence in sentences {
        let (head, has_body) = match sentence.split_once('\n') {
            Some((h, _)) => (h, true),
            None => (sentence.as_str(), false),
        };
        let c = article_cite(head).map(str::to_string);
        // A whole article removed stands alone; a 項 or 号 removed joins the moves it causes.
        let whole_delete = c.as_deref().is_some_and(|c| {
            head.ends_with("を削る。") && !head.contains('中') && sub_cites(&head[c.len()..]).is_empty()
        });
        let joinable = c.is_some() && !whole_delete;
        let open = group.last().filter(|g| !g.contains('\n') && continuative(g).is_some());
        let same = joinable && c == cite && open.is_some();
        // Renumbering followed by the addition it makes room for, at the same level:
        // 「第二十六条を第二十七条とし、…繰り下げ、第十九条の次に次の一条を加える。」
        let makes_room = !same
            && has_body
            && open.is_some_and(|g| is_move(g) && moved_unit(g).is_some() && moved_unit(g) == added_unit(head));
        if same {
            let c = c.as_deref().expect("joinable");
            let rest = &sentence[c.len()..];
            group.push(refer_back(rest, &subs));
        } else if makes_room {
            group.push(sentence.clone());
            cite = c.clone();
        } else {
            flush(&mut group, &mut out);
            if joinable {
                group.push(sentence.clone());
                cite = c.clone();
            } else {
                out.push(sentence.clone());
                cite = None;
            }
        }
        if let Some(c) = c.as_deref().filter(|_| joinable) {
            subs = sub_cites(&head[c.len()..]).into_iter().map(str::to_string).collect();
            if is_move(head) {
                // The moved unit is referred back to under its new number (「同項を同条第三項とし、同項の次に…」), when
                // the sentence moves it alone; otherwise it is not referred back to.
                match moved_to(head).filter(|t| subs.last().is_some_and(|s| unit_of(s) == unit_of(t))) {
                    Some(t) => *subs.last_mut().expect("checked") = t.to_string(),
                    None => {
                        subs.pop();
                    }
                }
            }
        } else {
            subs.clear();
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
    fn removal_joins_its_moves_and_moves_join_their_addition() {
        let s: Vec<String> = [
            "第10条第3項を削る。",
            "第10条第4項を同条第3項とする。",
            "第11条第5号中「措置」を「必要な措置」に改める。",
            "第11条第5号の次に次の1号を加える。\n(6)　追加",
            "第18条を削る。",
            "第26条を第27条とし、第20条から第25条までを1条ずつ繰り下げる。",
            "第19条の次に次の1条を加える。\n第20条　追加",
        ]
        .map(String::from)
        .to_vec();
        assert_eq!(
            join_per_article(&s),
            [
                "第10条第3項を削り、同条第4項を同条第3項とする。",
                "第11条第5号中「措置」を「必要な措置」に改め、同号の次に次の1号を加える。\n(6)　追加",
                "第18条を削る。",
                "第26条を第27条とし、第20条から第25条までを1条ずつ繰り下げ、第19条の次に次の1条を加える。\n第20条　追加",
            ]
        );
        let s: Vec<String> = ["第三条の四を第三条の五とする。", "第三条の次に次の一条を加える。\n第三条の二　追加"]
            .map(String::from)
            .to_vec();
        assert_eq!(
            join_per_article(&s),
            ["第三条の四を第三条の五とし、第三条の次に次の一条を加える。\n第三条の二　追加"]
        );
        // An addition at another level does not join a renumbering of articles.
        let s: Vec<String> =
            ["第5条を第6条とする。", "第3条第2項の次に次の1項を加える。\n3　追加"].map(String::from).to_vec();
        assert_eq!(join_per_article(&s).len(), 2);
    }

    #[test]
    fn a_provision_moved_alone_is_referred_back_to_under_its_new_number() {
        // 借地借家法第三十八条 (令和三年法律第三十七号): 「同条第二項中「前項」を「第一項」に改め、同項を同条第三項とし、
        // 同項の次に次の一項を加える。」
        let s: Vec<String> = [
            "第三十八条第二項中「前項」を「第一項」に改める。",
            "第三十八条第二項を同条第三項とする。",
            "第三十八条第三項の次に次の一項を加える。\n４　追加",
        ]
        .map(String::from)
        .to_vec();
        assert_eq!(
            join_per_article(&s),
            ["第三十八条第二項中「前項」を「第一項」に改め、同項を同条第三項とし、同項の次に次の一項を加える。\n４　追加"]
        );
        // After several moves, the provision named last is not referred back to (and the moves, opening the
        // sentence, name the article once: 「第二条中第五号を第七号とし、第四号を第六号とし、第三号の次に…」).
        let s: Vec<String> = [
            "第五条第四号を同条第五号とし、同条第三号を同条第四号とする。",
            "第五条第四号の次に次の一号を加える。\n五　追加",
        ]
        .map(String::from)
        .to_vec();
        assert_eq!(
            join_per_article(&s),
            ["第五条中第四号を第五号とし、第三号を第四号とし、第四号の次に次の一号を加える。\n五　追加"]
        );
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

    #[test]
    fn moves_inside_one_article_name_it_once_with_naka() {
        // 借地借家法第三十八条 as 令和三年法律第三十七号 enacted it.
        let s = "第三十八条第七項を同条第九項とし、同条第四項から第六項までを二項ずつ繰り下げ、同条第三項中「前項」を「第三項」に改め、同項を同条第五項とする。";
        assert_eq!(
            scoped_moves(s),
            "第三十八条中第七項を第九項とし、第四項から第六項までを二項ずつ繰り下げ、同条第三項中「前項」を「第三項」に改め、同項を同条第五項とする。"
        );
        // 号 of a 項, then the addition they make room for (its body untouched).
        let s = "第八条第一項第十五号を同項第十六号とし、同項第十一号から第十四号までを一号ずつ繰り下げ、同項第十号の次に次の一号を加える。\n十一　追加";
        assert_eq!(
            scoped_moves(s),
            "第八条第一項中第十五号を第十六号とし、第十一号から第十四号までを一号ずつ繰り下げ、第十号の次に次の一号を加える。\n十一　追加"
        );
        // 号 of an article without 項; a clause about the moved 号 itself keeps 同号.
        assert_eq!(
            scoped_moves("第一条第三号を同条第四号とし、同条第二号の次に次の一号を加える。"),
            "第一条中第三号を第四号とし、第二号の次に次の一号を加える。"
        );
        assert_eq!(
            scoped_moves("第五条第一項を同条第二項とし、同項の前に次の一項を加える。"),
            "第五条中第一項を第二項とし、同項の前に次の一項を加える。"
        );
        // A clause leaving the scope (another 項's 号) and everything after it keep 同条.
        assert_eq!(
            scoped_moves("第五条第二項を同条第三項とし、同条第一項第二号を同項第三号とする。"),
            "第五条中第二項を第三項とし、同条第一項第二号を同項第三号とする。"
        );
        // Sentences that begin otherwise are unchanged: an edit, a deletion, an article moved.
        for s in [
            "第三十八条第二項中「前項」を「第一項」に改め、同項を同条第三項とする。",
            "第十条第三項を削り、同条第四項を同条第三項とする。",
            "第二十六条を第二十七条とし、第二十条から第二十五条までを一条ずつ繰り下げる。",
        ] {
            assert_eq!(scoped_moves(s), s);
        }
    }
}
