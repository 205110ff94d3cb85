//! What a 改め文 quote counts as a whole unit: a run of one script (kanji, hiragana, katakana, digits, Latin),
//! a number with its counter (「1か月」), a whole run of references (「第1項、第2項又は第3項」). Used by
//! [`crate::amend::generate::wording`] to widen a changed span (a hunk: old range `a..b`, new range `c..d`, in chars, with the
//! context around it shared by both texts).
//!
//! ```
//! use kitei::amend::generate::conventions::units::widen_refs;
//! let o: Vec<char> = "第1項、第2項又は第3項の規定".chars().collect();
//! let n: Vec<char> = "第1項又は第2項の規定".chars().collect();
//! // The change 「、第2項」→「」 and 「第3項」→「第2項」 cuts the run: the whole run is quoted.
//! let (a, b, c, d) = widen_refs(&o, &n, (3, 7, 3, 3));
//! assert_eq!(o[a..b].iter().collect::<String>(), "第1項、第2項又は第3項");
//! assert_eq!(n[c..d].iter().collect::<String>(), "第1項又は第2項");
//! ```

/// The script of a character, for telling where a unit ends.
#[derive(PartialEq, Eq, Clone, Copy, Debug)]
pub enum Class {
    /// 漢字 (and 々, 〆).
    Kanji,
    /// ひらがな.
    Hira,
    /// カタカナ.
    Kata,
    /// Digits, half- or full-width, and the thousands comma.
    Digit,
    /// Latin letters.
    Latin,
    /// Anything else: punctuation, brackets, spaces. Each is a unit of its own.
    Other,
}

/// The script of `c`.
pub fn class(c: char) -> Class {
    match c {
        '0'..='9' | '０'..='９' | '，' | ',' => Class::Digit,
        'a'..='z' | 'A'..='Z' | 'ａ'..='ｚ' | 'Ａ'..='Ｚ' => Class::Latin,
        '\u{3041}'..='\u{309F}' => Class::Hira,
        '\u{30A0}'..='\u{30FF}' => Class::Kata,
        '\u{4E00}'..='\u{9FFF}' | '々' | '〆' | '\u{3400}'..='\u{4DBF}' => Class::Kanji,
        _ => Class::Other,
    }
}

/// The start of the unit before `a`, not before `lo` (a particle counts as at most two characters).
pub fn unit_left(o: &[char], a: usize, lo: usize) -> usize {
    if a <= lo {
        return a;
    }
    let k = class(o[a - 1]);
    let mut s = a - 1;
    while k != Class::Other && s > lo && class(o[s - 1]) == k && (k != Class::Hira || a - s < 2) {
        s -= 1;
    }
    s
}

/// The end of the unit after `b`, not after `hi` (a particle counts as at most two characters).
pub fn unit_right(o: &[char], b: usize, hi: usize) -> usize {
    if b >= hi {
        return b;
    }
    let k = class(o[b]);
    let mut e = b + 1;
    while k != Class::Other && e < hi && class(o[e]) == k && (k != Class::Hira || e - b < 2) {
        e += 1;
    }
    e
}

/// Extends a hunk to whole units on both sides (the context is shared by both texts).
pub fn widen_units(
    o: &[char],
    n: &[char],
    (mut a, mut b, mut c, mut d): (usize, usize, usize, usize),
) -> (usize, usize, usize, usize) {
    // Left: while the char before has the class of the first changed char.
    while a > 0 && c > 0 {
        let prev = o[a - 1];
        let cls = [o.get(a).copied(), n.get(c).copied()].into_iter().flatten().map(class).collect::<Vec<_>>();
        let changed_first = if b > a { o.get(a).copied() } else { n.get(c).copied().filter(|_| d > c) };
        // A conjunction opens a unit: 「及び会計年度任用職員」, not 「職員及び会計年度任用職員」.
        if b > a && conn_at(o, a).is_some_and(|e| e > a + 1) {
            break;
        }
        // A one-kana particle after a noun ends it (「者が|とばく、」): the changed kana word starts after it.
        if class(prev) == Class::Hira && opens_particle(prev) && a >= 2 && class(o[a - 2]) == Class::Kanji {
            break;
        }
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
    // A number takes its counter (「1か月」, not 「1」).
    let counted = |k: usize| k > 0 && class(o[k - 1]) == Class::Digit;
    if b > a && counted(b) || c < d && d > 0 && class(n[d - 1]) == Class::Digit {
        for counter in ["か月", "ヶ月", "ケ月", "カ月", "箇月", "か年", "か所"] {
            let k: Vec<char> = counter.chars().collect();
            if o[b..].starts_with(&k) && n[d..].starts_with(&k) {
                b += k.len();
                d += k.len();
                break;
            }
        }
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
    (a, b, c, d) = whole_words(o, None, (a, b, c, d), 0, o.len());
    if a == b && c < d {
        // A pure insertion: take in the unit after it when that is a word (「提供」を「利用及び提供」に),
        // otherwise the unit before it (「するための」の下に「必要な」を加える).
        let word = |ch: char| matches!(class(ch), Class::Kanji | Class::Kata | Class::Digit | Class::Latin);
        if let Some(e) = conn_at(o, b).filter(|&e| e > b + 1) {
            // A conjunction is quoted whole, with the 読点 added before it: 「又は」を「、又は」に.
            d += e - b;
            b = e;
        } else if b < o.len() && word(o[b]) {
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

/// Hiragana that may open a particle (の, を, に, は, が, と, へ, も, で, や, か, より, まで): a quote may end
/// before one or start with one; before any other, a cut is inside a word (「並|びに」, 「と|きは」).
fn opens_particle(c: char) -> bool {
    matches!(c, 'の' | 'を' | 'に' | 'は' | 'が' | 'と' | 'へ' | 'も' | 'で' | 'や' | 'か' | 'よ' | 'ま')
}

/// Hiragana words that stand on their own after a noun (「職業その他」, 「法人この法律」): a quote ending before one
/// or starting with one cuts no word, though the kana after kanji could otherwise be okurigana.
const KANA_WORDS: &[&str] =
    &["その", "この", "あの", "これ", "それ", "もの", "こと", "ほか", "ため", "うち", "など", "ただし", "なお", "かつ"];

/// Whether `t[i..]` opens a [`KANA_WORDS`] word.
fn opens_kana_word(t: &[char], i: usize) -> bool {
    KANA_WORDS.iter().any(|w| w.chars().enumerate().all(|(k, c)| t.get(i + k) == Some(&c)))
}

/// How far a quote starting at `i` of `t` must move left (not before `lo`) so as not to start inside a word:
/// inside a conjunction (「び」 of 及び), or on hiragana that opens no particle after kana or kanji (「きは」 of
/// 「ときは」, 「めるところ」 of 「定めるところ」).
pub fn left_cut(t: &[char], i: usize, lo: usize) -> usize {
    if i <= lo || i >= t.len() {
        return 0;
    }
    if let Some(s) = (i.saturating_sub(3).max(lo)..i).find(|&s| conn_at(t, s).is_some_and(|e| e > i)) {
        return i - s;
    }
    if opens_kana_word(t, i) {
        return 0;
    }
    let mut s = i;
    while s > lo && class(t[s]) == Class::Hira && !opens_particle(t[s]) && class(t[s - 1]) == Class::Hira {
        s -= 1;
    }
    if s > lo && class(t[s]) == Class::Hira && !opens_particle(t[s]) && class(t[s - 1]) == Class::Kanji {
        while s > lo && class(t[s - 1]) == Class::Kanji {
            s -= 1;
        }
    }
    i - s
}

/// How far a quote ending at `j` of `t` must move right (not past `hi`) so as not to end inside a word: inside a
/// conjunction (「支援並」 → 「支援並びに」), or before okurigana or an inflection (「をし」 → 「をしない」). After
/// kanji, する (し, す, さ, せ) stays outside: 「承認」, not 「承認し」.
pub fn right_cut(t: &[char], j: usize, hi: usize) -> usize {
    let hi = hi.min(t.len());
    if j == 0 || j >= hi {
        return 0;
    }
    if let Some(e) = (j.saturating_sub(3)..j).find_map(|s| conn_at(t, s).filter(|&e| e > j && e <= hi)) {
        return e - j;
    }
    let suru = |c: char| matches!(c, 'し' | 'す' | 'さ' | 'せ');
    if opens_kana_word(t, j) {
        return 0;
    }
    let inside = match class(t[j - 1]) {
        Class::Kanji => class(t[j]) == Class::Hira && !opens_particle(t[j]) && !suru(t[j]),
        Class::Hira => class(t[j]) == Class::Hira && !opens_particle(t[j]),
        _ => false,
    };
    if !inside {
        return 0;
    }
    let mut e = j;
    while e < hi && class(t[e]) == Class::Hira && !opens_particle(t[e]) {
        e += 1;
    }
    e - j
}

/// Moves a quote's ends (old `a..b`, new `c..d`, the context around shared) off the middle of words: see
/// [`left_cut`] and [`right_cut`]. `lo`/`hi` bound the old side. The new text is looked at only when given:
/// while hunks are widened one by one, a hunk's new end is out of step with the old one until hunks that
/// come to touch are merged (see [`crate::amend::generate::wording`]).
pub fn whole_words(
    o: &[char],
    n: Option<&[char]>,
    (a, b, c, d): (usize, usize, usize, usize),
    lo: usize,
    hi: usize,
) -> (usize, usize, usize, usize) {
    let mut left = 0;
    if b > a && a > lo {
        let new_side = n.filter(|_| d > c).map_or(0, |n| left_cut(n, c, c - (a - lo).min(c)));
        left = left_cut(o, a, lo).max(new_side);
    }
    let left = left.min(a - lo).min(c);
    let mut right = 0;
    if b > a && b < hi {
        let room = hi - b;
        right = right_cut(o, b, hi).max(n.filter(|_| d > c).map_or(0, |n| right_cut(n, d, d + room)));
    }
    let right = right.min(hi - b).min(n.map_or(usize::MAX, |n| n.len()) - d);
    (a - left, b + right, c - left, d + right)
}

/// The tokens of each run of references joined by 、, 又は, 及び, 若しくは, 並びに or ・ (`第1項、第2項又は第3項`):
/// (start, end, is a reference) in chars. The references are the shared finder's ([`crate::refs`]).
pub fn ref_runs(t: &[char]) -> Vec<Vec<(usize, usize, bool)>> {
    let text: String = t.iter().collect();
    // Byte offset → char index.
    let mut at = vec![0usize; text.len() + 1];
    for (k, (b, _)) in text.char_indices().enumerate() {
        at[b] = k;
    }
    at[text.len()] = t.len();
    let mut runs: Vec<Vec<(usize, usize, bool)>> = Vec::new();
    let mut prev_end: Option<usize> = None;
    for r in crate::refs::find_references(&text) {
        let (s, e) = (at[r.range.start], at[r.range.end]);
        // 「第三条・第四条」 (a 目次 entry's two articles) is a run as well.
        let joined = prev_end.is_some_and(|pe| conn_at(t, pe) == Some(s) || (t.get(pe) == Some(&'・') && pe + 1 == s));
        match (joined, runs.last_mut()) {
            (true, Some(run)) => {
                let pe = prev_end.expect("joined follows a reference");
                run.push((pe, s, false));
                run.push((s, e, true));
            }
            _ => runs.push(vec![(s, e, true)]),
        }
        prev_end = Some(e);
    }
    runs
}

/// The end of a connector between references (、, 又は, 及び, 若しくは, 並びに) starting at `i`.
pub fn conn_at(t: &[char], i: usize) -> Option<usize> {
    ["、", "又は", "及び", "若しくは", "並びに"].iter().find_map(|c| {
        let k: Vec<char> = c.chars().collect();
        t[i.min(t.len())..].starts_with(&k).then_some(i + k.len())
    })
}

/// Extends a hunk that cuts a run of references badly (「、第2項、第3項又」) to the whole run on both sides
/// (「第1項、第2項、第3項又は第4項」を「第1項又は第2項」に). A hunk made of whole references is left alone.
pub fn widen_refs(
    o: &[char],
    n: &[char],
    (mut a, mut b, mut c, mut d): (usize, usize, usize, usize),
) -> (usize, usize, usize, usize) {
    for _ in 0..4 {
        let mut grown = false;
        for (t, x, y) in [(o, a, b), (n, c, d)] {
            for run in ref_runs(t) {
                let (rs, re) = (run[0].0, run[run.len() - 1].1);
                let starts = |p: usize| run.iter().any(|k| k.2 && k.0 == p);
                let ends = |p: usize| run.iter().any(|k| k.2 && k.1 == p);
                let ok = if x == y {
                    x <= rs || x >= re || run.iter().any(|k| k.0 == x || k.1 == x)
                } else {
                    x >= re || y <= rs || (x <= rs || starts(x)) && (y >= re || ends(y))
                };
                if ok {
                    continue;
                }
                let (left, right) = (x.saturating_sub(rs), re.saturating_sub(y));
                if left > a || left > c || b + right > o.len() || d + right > n.len() {
                    continue;
                }
                (a, b, c, d) = (a - left, b + right, c - left, d + right);
                grown = true;
                break;
            }
            if grown {
                break;
            }
        }
        if !grown {
            break;
        }
    }
    (a, b, c, d)
}

#[cfg(test)]
mod word_tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn a_quote_takes_the_okurigana_of_its_last_word() {
        let t = chars("支援並びに指導");
        assert_eq!(right_cut(&t, 3, t.len()), 2, "「支援並」 → 「支援並びに」");
        let t = chars("当該行為をしないとき");
        assert_eq!(right_cut(&t, 6, t.len()), 2, "「当該行為をし」 → 「当該行為をしない」");
        let t = chars("規則で定めるところ");
        assert_eq!(right_cut(&t, 4, t.len()), 2, "「規則で定」 → 「規則で定める」");
        assert_eq!(right_cut(&t, 6, t.len()), 0, "before と: a particle");
        let t = chars("承認した");
        assert_eq!(right_cut(&t, 2, t.len()), 0, "する stays outside");
    }

    /// 旅館業法第六条第一項 「職業その他」 → 「連絡先その他」: その opens a word, so the quote is 「職業」, not
    /// 「職業そ」; 第五条第二号 「者がとばく、その他」 → 「者が賭博その他」: が after 者 is a particle, so the quote
    /// is 「とばく、」, not 「がとばく、」.
    #[test]
    fn a_quote_stops_at_a_kana_word_and_after_a_particle() {
        let t = chars("住所、職業その他の事項");
        assert_eq!(right_cut(&t, 5, t.len()), 0, "「職業」 before その");
        assert_eq!(left_cut(&t, 5, 0), 0, "「その他」 is a word of its own");
        use crate::amend::generate::wording::edits_for;
        use crate::amend::types::Edit;
        let segs = vec!["宿泊者の氏名、住所、職業その他の事項".to_string()];
        let e = edits_for(&segs, 0, "宿泊者の氏名、住所、連絡先その他の事項").unwrap();
        assert_eq!(e, [Edit::Replace { from: "職業".into(), to: "連絡先".into() }]);
        let segs = vec!["宿泊しようとする者がとばく、その他の違法行為をする虞があると認められるとき。".to_string()];
        let e =
            edits_for(&segs, 0, "宿泊しようとする者が賭博その他の違法行為をする虞があると認められるとき。").unwrap();
        assert_eq!(e, [Edit::Replace { from: "とばく、".into(), to: "賭博".into() }]);
    }

    #[test]
    fn a_quote_starts_at_the_start_of_its_first_word() {
        let t = chars("したときは、当該");
        assert_eq!(left_cut(&t, 3, 0), 1, "「きは、」 → 「ときは、」");
        let t = chars("規則で定めるところ");
        assert_eq!(left_cut(&t, 4, 0), 1, "「めるところ」 → 「定めるところ」");
        let t = chars("職員及び嘱託員");
        assert_eq!(left_cut(&t, 3, 0), 1, "「び嘱託員」 → 「及び嘱託員」");
        assert_eq!(left_cut(&t, 2, 0), 0);
    }

    #[test]
    fn a_conjunction_is_quoted_whole_in_a_generated_edit() {
        use crate::amend::generate::wording::edits_for;
        use crate::amend::types::Edit;
        let segs = vec!["相談、支援並びに指導を行う。".to_string()];
        let e = edits_for(&segs, 0, "相談、支援及び指導を行う。").unwrap();
        let Edit::Replace { from, to } = &e[0] else { panic!("{e:?}") };
        assert!(from.ends_with("並びに") && to.ends_with("及び"), "{e:?}");
        let segs = vec!["前条の規定に違反したときは、当該行為をしないよう命ずる。".to_string()];
        let e = edits_for(&segs, 0, "前条の規定に違反したときは、当該行為をやめるよう命ずる。").unwrap();
        let Edit::Replace { from, .. } = &e[0] else { panic!("{e:?}") };
        assert!(!from.starts_with('き') && !from.ends_with('し'), "{e:?}");
    }
}
