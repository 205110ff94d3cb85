//! Wording changes between two texts as 改め文 edits: 「A」を「B」に改め / 「A」を削り / 「A」の下に「B」を加え.
//!
//! The changed span is widened to whole units (a run of kanji, hiragana or katakana; a number with its unit; a
//! whole 第N条 reference), then widened further while the quote occurs more than once in the provision.
//! The result is checked by applying it the way [`super::apply()`] does; `None` means the change is better
//! written as a rewrite of the whole provision.
//!
//! ```
//! use kitei::amend::{wording::edits_for, Edit};
//! let e = edits_for(&["常に最新の状態を保つ。".to_string()], 0, "常に最新かつ正確な状態を保つ。").unwrap();
//! assert_eq!(e, vec![Edit::Replace { from: "最新の".into(), to: "最新かつ正確な".into() }]);
//! ```

use similar::{ChangeTag, TextDiff};

use super::apply::edit_strings;
use super::Edit;

#[derive(PartialEq, Eq, Clone, Copy)]
enum Class {
    Kanji,
    Hira,
    Kata,
    Digit,
    Latin,
    Other,
}

fn class(c: char) -> Class {
    match c {
        '0'..='9' | '０'..='９' | '，' | ',' => Class::Digit,
        'a'..='z' | 'A'..='Z' | 'ａ'..='ｚ' | 'Ａ'..='Ｚ' => Class::Latin,
        '\u{3041}'..='\u{309F}' => Class::Hira,
        '\u{30A0}'..='\u{30FF}' => Class::Kata,
        '\u{4E00}'..='\u{9FFF}' | '々' | '〆' | '\u{3400}'..='\u{4DBF}' => Class::Kanji,
        _ => Class::Other,
    }
}

/// The edits that turn `segments[index]` into `new`, checked against all `segments` (the provision's texts as
/// [`super::apply()`] sees them). `None` when no safe edit list was found.
pub fn edits_for(segments: &[String], index: usize, new: &str) -> Option<Vec<Edit>> {
    let old = &segments[index];
    if old == new {
        return Some(Vec::new());
    }
    let o: Vec<char> = old.chars().collect();
    let n: Vec<char> = new.chars().collect();
    let diff = TextDiff::configure().algorithm(similar::Algorithm::Myers).diff_chars(old.as_str(), new);
    // Hunks as (old range, new range) in chars.
    let mut hunks: Vec<(usize, usize, usize, usize)> = Vec::new();
    let (mut oi, mut ni) = (0usize, 0usize);
    for ch in diff.iter_all_changes() {
        let len = ch.value().chars().count();
        match ch.tag() {
            ChangeTag::Equal => {
                oi += len;
                ni += len;
            }
            ChangeTag::Delete => {
                push_hunk(&mut hunks, (oi, oi + len, ni, ni));
                oi += len;
            }
            ChangeTag::Insert => {
                push_hunk(&mut hunks, (oi, oi, ni, ni + len));
                ni += len;
            }
        }
    }
    // Widen each hunk to whole units, merging hunks that come to touch.
    let mut wide: Vec<(usize, usize, usize, usize)> = Vec::new();
    for h in hunks {
        let h = widen_units(&o, &n, h);
        match wide.last_mut() {
            Some(last) if h.0 <= last.1 => {
                // Overlapping after widening: one hunk (the shared context keeps both sides aligned).
                *last = (last.0, last.1.max(h.1), last.2, last.3.max(h.3));
            }
            _ => wide.push(h),
        }
    }
    let total = o.len().max(1);
    let changed: usize = wide.iter().map(|h| h.1 - h.0).sum();
    if changed * 2 > total && o.len() > 20 {
        return None;
    }
    let mut edits = Vec::new();
    let mut work: Vec<String> = segments.to_vec();
    // For each hunk, once written: how much it changed the length of the text.
    let mut delta: Vec<Option<isize>> = vec![None; wide.len()];
    let shift = |delta: &[Option<isize>], k: usize| -> isize { delta[..k].iter().flatten().sum() };
    for (hi, &(a, b, c, d)) in wide.iter().enumerate() {
        if delta[hi].is_some() {
            continue;
        }
        let (mut a, mut b, mut c, mut d) = (a, b, c, d);
        loop {
            let e = make_edit(&o, &n, a, b, c, d);
            let mut trial = work.clone();
            let ok = {
                let mut refs: Vec<&mut String> = trial.iter_mut().collect();
                edit_strings(&mut refs, std::slice::from_ref(&e)).is_ok()
            };
            let others_same = trial.iter().enumerate().all(|(k, t)| k == index || *t == work[k]);
            // The expected text after this edit: this hunk replaced, and, since an edit changes every occurrence,
            // possibly also the later hunks that make the very same change (「労働者」を「社員」に for all of them).
            let (from, to) = (&o[a..b], &n[c..d]);
            let same: Vec<usize> = (hi + 1..wide.len())
                .filter(|&j| {
                    let (ja, jb, jc, jd) = wide[j];
                    delta[j].is_none() && (ja >= b) && &o[ja..jb] == from && &n[jc..jd] == to
                })
                .collect();
            let cur: Vec<char> = work[index].chars().collect();
            let expect = |upto: usize| -> String {
                let mut s = String::new();
                let mut at = 0usize;
                for (k, (ka, kb, kc, kd)) in
                    std::iter::once((hi, (a, b, c, d))).chain(same[..upto].iter().map(|&j| (j, wide[j])))
                {
                    let sa = ((ka as isize + shift(&delta, k)) as usize).min(cur.len());
                    let sb = ((kb as isize + shift(&delta, k)) as usize).min(cur.len());
                    s.extend(cur[at.min(sa)..sa].iter());
                    s.extend(&n[kc..kd]);
                    at = sb;
                }
                s.extend(cur[at.min(cur.len())..].iter());
                s
            };
            let hit = if !ok || !others_same {
                None
            } else {
                (0..=same.len()).find(|&upto| (upto == 0 || !from.is_empty()) && trial[index] == expect(upto))
            };
            if let Some(upto) = hit {
                for &k in std::iter::once(&hi).chain(same[..upto].iter()) {
                    let (ka, kb, kc, kd) = if k == hi { (a, b, c, d) } else { wide[k] };
                    delta[k] = Some((kd - kc) as isize - (kb - ka) as isize);
                }
                work = trial;
                edits.push(e);
                break;
            }
            // Widen by one character on each side, staying inside the text.
            if a == 0 && b == o.len() {
                return None;
            }
            if b < o.len() {
                b += 1;
                d += 1;
            }
            if a > 0 {
                a -= 1;
                c -= 1;
            }
        }
    }
    (work[index] == new).then_some(edits)
}

fn push_hunk(hunks: &mut Vec<(usize, usize, usize, usize)>, h: (usize, usize, usize, usize)) {
    if let Some(last) = hunks.last_mut() {
        if last.1 == h.0 && last.3 == h.2 {
            last.1 = h.1;
            last.3 = h.3;
            return;
        }
    }
    hunks.push(h);
}

/// Extends a hunk to whole units on both sides (the context is shared by both texts).
fn widen_units(
    o: &[char],
    n: &[char],
    (mut a, mut b, mut c, mut d): (usize, usize, usize, usize),
) -> (usize, usize, usize, usize) {
    // Left: while the char before has the class of the first changed char.
    while a > 0 && c > 0 {
        let prev = o[a - 1];
        let cls = [o.get(a).copied(), n.get(c).copied()].into_iter().flatten().map(class).collect::<Vec<_>>();
        let changed_first = if b > a { o.get(a).copied() } else { n.get(c).copied().filter(|_| d > c) };
        let join = changed_first.map(class).is_some_and(|k| k == class(prev) && k != Class::Other)
            || (matches!(prev, '第') && cls.contains(&Class::Digit))
            || (cls.contains(&Class::Digit) && class(prev) == Class::Digit);
        if !join {
            break;
        }
        a -= 1;
        c -= 1;
    }
    // Right.
    while b < o.len() && d < n.len() {
        let next = o[b];
        let last_changed = if b > a {
            Some(o[b - 1])
        } else if d > c {
            Some(n[d - 1])
        } else {
            None
        };
        let Some(lc) = last_changed else { break };
        let join = (class(lc) == class(next) && class(next) != Class::Other)
            || (class(lc) == Class::Digit && class(next) == Class::Kanji)
            || (lc == '第' && class(next) == Class::Digit);
        if !join {
            break;
        }
        b += 1;
        d += 1;
    }
    if b > a
        && b - a <= 2
        && o[a..b].iter().all(|&ch| class(ch) == Class::Hira)
        && a > 0
        && class(o[a - 1]) != Class::Other
    {
        // A lone particle is no unit: quote it with the word it follows (「最新の」, not 「の」).
        let k = class(o[a - 1]);
        while a > 0 && c > 0 && class(o[a - 1]) == k {
            a -= 1;
            c -= 1;
        }
    }
    if a == b && c < d {
        // A pure insertion: take in the unit after it when that is a word (「提供」を「利用及び提供」に),
        // otherwise the unit before it (「するための」の下に「必要な」を加える).
        let word = |ch: char| matches!(class(ch), Class::Kanji | Class::Kata | Class::Digit | Class::Latin);
        if b < o.len() && word(o[b]) {
            let k = class(o[b]);
            while b < o.len() && class(o[b]) == k {
                b += 1;
                d += 1;
            }
        } else if a > 0 && class(o[a - 1]) != Class::Other {
            let k = class(o[a - 1]);
            while a > 0 && c > 0 && class(o[a - 1]) == k {
                a -= 1;
                c -= 1;
            }
        }
    }
    (a, b, c, d)
}

fn make_edit(o: &[char], n: &[char], a: usize, b: usize, c: usize, d: usize) -> Edit {
    let from: String = o[a..b].iter().collect();
    let to: String = n[c..d].iter().collect();
    if to.is_empty() {
        return Edit::Delete(from);
    }
    if !from.is_empty() && to.len() > from.len() && to.starts_with(&from) {
        return Edit::InsertAfter { text: to[from.len()..].to_string(), anchor: from };
    }
    if from.is_empty() {
        // Pure insertion: anchor on the unit before it.
        if a > 0 {
            let mut s = a - 1;
            while s > 0 && class(o[s - 1]) == class(o[a - 1]) && class(o[a - 1]) != Class::Other {
                s -= 1;
            }
            return Edit::InsertAfter { anchor: o[s..a].iter().collect(), text: to };
        }
        let mut e = b;
        while e < o.len() && (e == b || class(o[e]) == class(o[b])) && class(o[b]) != Class::Other {
            e += 1;
        }
        let e = e.max((b + 1).min(o.len()));
        let tail: String = o[b..e].iter().collect();
        return Edit::Replace { from: tail.clone(), to: format!("{to}{tail}") };
    }
    Edit::Replace { from, to }
}

/// Writes edits as the text after 中: 「A」を「B」に改め、「C」を削る — with the final verb in the given form.
pub fn write_edits(edits: &[Edit], last: bool) -> String {
    let mut out = String::new();
    let mut i = 0;
    while i < edits.len() {
        if i > 0 {
            out.push('、');
        }
        match &edits[i] {
            Edit::Replace { .. } => {
                // A run of replacements shares one 改め.
                let mut j = i;
                while j < edits.len() {
                    let Edit::Replace { from, to } = &edits[j] else { break };
                    if j > i {
                        out.push('、');
                    }
                    out.push_str(&format!("「{from}」を「{to}」に"));
                    j += 1;
                }
                out.push_str(if last && j == edits.len() { "改める" } else { "改め" });
                i = j;
            }
            Edit::Delete(q) => {
                out.push_str(&format!("「{q}」を"));
                i += 1;
                out.push_str(if last && i == edits.len() { "削る" } else { "削り" });
            }
            Edit::InsertAfter { anchor, text } => {
                out.push_str(&format!("「{anchor}」の下に「{text}」を"));
                i += 1;
                out.push_str(if last && i == edits.len() { "加える" } else { "加え" });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_with_units_and_references() {
        let e = edits_for(&["期間は30日とする。".into()], 0, "期間は60日とする。").unwrap();
        assert_eq!(e, vec![Edit::Replace { from: "30日".into(), to: "60日".into() }]);
        let e = edits_for(&["第十条の規定による。".into()], 0, "第十一条の規定による。").unwrap();
        assert_eq!(e, vec![Edit::Replace { from: "第十条".into(), to: "第十一条".into() }]);
    }

    #[test]
    fn widened_when_repeated() {
        let segs = vec!["甲は乙に、乙は丙に通知する。".to_string()];
        let e = edits_for(&segs, 0, "甲は乙に、丁は丙に通知する。").unwrap();
        let mut t = segs.clone();
        edit_strings(&mut t.iter_mut().collect::<Vec<_>>(), &e).unwrap();
        assert_eq!(t[0], "甲は乙に、丁は丙に通知する。");
    }

    #[test]
    fn every_occurrence_changed_by_one_quote() {
        let segs = vec!["労働者は、労働者が請求する時季に取得する。".to_string()];
        let e = edits_for(&segs, 0, "社員は、社員が請求する時季に取得する。").unwrap();
        assert_eq!(e, vec![Edit::Replace { from: "労働者".into(), to: "社員".into() }]);
        // Only one of two occurrences changes: the quote is widened.
        let e = edits_for(&segs, 0, "社員は、労働者が請求する時季に取得する。").unwrap();
        assert_eq!(e.len(), 1);
        assert!(matches!(&e[0], Edit::Replace { from, .. } if from.len() > "労働者".len()), "{e:?}");
    }

    #[test]
    fn written() {
        let e = vec![
            Edit::Replace { from: "A".into(), to: "B".into() },
            Edit::Replace { from: "C".into(), to: "D".into() },
            Edit::Delete("E".into()),
        ];
        assert_eq!(write_edits(&e, true), "「A」を「B」に、「C」を「D」に改め、「E」を削る");
    }
}
