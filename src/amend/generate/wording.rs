//! Wording changes between two texts as 改め文 edits: 「A」を「B」に改め / 「A」を削り / 「A」の下に「B」を加え.
//!
//! The changed span is widened to whole units (a run of kanji, hiragana or katakana; a number with its unit; a
//! whole 第N条 reference), then, while the quote would also change text that stays, grown by one unit to the
//! right, to the left, or both (「職員を」, 「その職員」), never into the next change. A word changed at every
//! occurrence is quoted once (「労働者」を「社員」に), as an edit changes every occurrence after the previous one.
//! The result is checked by applying it the way [`crate::amend::apply()`] does; `None` means the change is better
//! written as a rewrite of the whole provision.
//!
//! ```
//! use kitei::amend::{generate::wording::edits_for, Edit};
//! let e = edits_for(&["常に最新の状態を保つ。".to_string()], 0, "常に最新かつ正確な状態を保つ。").unwrap();
//! assert_eq!(e, vec![Edit::Replace { from: "最新の".into(), to: "最新かつ正確な".into() }]);
//! ```

use similar::{ChangeTag, TextDiff};

use crate::amend::apply::edit::edit_strings;
use crate::amend::types::Edit;

use super::conventions::units::{class, unit_left, unit_right, whole_words, widen_refs, widen_units, Class};

/// The edits that turn `segments[index]` into `new`, checked against all `segments` (the provision's texts as
/// [`crate::amend::apply()`] sees them). `None` when no safe edit list was found.
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
        push_widened(&mut wide, widen_refs(&o, &n, widen_units(&o, &n, h)));
    }
    let total = o.len().max(1);
    let changed: usize = wide.iter().map(|h| h.1 - h.0).sum();
    if changed * 2 > total && o.len() > 20 {
        // Scattered changes over most of the text are a rewrite; one phrase replaced between a kept head and
        // ending is quoted whole however long (「伝染性の疾病にかかつていると明らかに認められる」を「特定感染症の
        // 患者等である」に).
        let (p, q) = one_phrase(&o, &n)?;
        wide = vec![(p, o.len() - q, p, n.len() - q)];
    }
    let wide = whole_quotes(&o, &wide);
    let mut edits = Vec::new();
    let mut work: Vec<String> = segments.to_vec();
    let mut done: Vec<Done> = vec![None; wide.len()];
    for hi in 0..wide.len() {
        if done[hi].is_some() {
            continue;
        }
        // The quote may grow up to the neighbouring hunks, not into them (their text differs between versions).
        let lo = done[..hi].iter().flatten().map(|r| r.1).max().unwrap_or(0);
        let hi_lim = (hi + 1..wide.len()).map(|j| done[j].map_or(wide[j].0, |r| r.0)).min().unwrap_or(o.len());
        let (a0, b0, c0, d0) = wide[hi];
        let at = |x: usize, y: usize| (x, y, c0 - (a0 - x), d0 + (y - b0));
        let t = Trial { o: &o, n: &n, wide: &wide, done: &done, work: &work, index, hi };
        let mut found = t.edit(at(a0, b0));
        let (mut a, mut b) = (a0, b0);
        while found.is_none() {
            // Grow the quote by one unit to the right, then to the left, then both (「□□□を」, 「その□□□」).
            let (l, r) = (unit_left(&o, a, lo), unit_right(&o, b, hi_lim));
            // Never into the middle of a word (「きは、」, 「をし」).
            let (l, r, _, _) = whole_words(&o, Some(&n), at(l, r), lo, hi_lim);
            if (l, r) == (a, b) {
                return None;
            }
            found = [(a, r), (l, b), (l, r)].into_iter().filter(|&q| q != (a, b)).find_map(|(x, y)| t.edit(at(x, y)));
            (a, b) = (l, r);
        }
        let (e, trial, accepted) = found.expect("loop ends with an edit");
        for (j, v) in accepted {
            done[j] = Some(v);
        }
        work = trial;
        edits.push(e);
    }
    (work[index] == new).then_some(edits)
}

/// The kept head and ending (in chars) when `o` becomes `n` by one phrase replaced between them, both kept parts
/// real (a subject or a word before, at least the ending after) and together a quarter of the old text or more.
fn one_phrase(o: &[char], n: &[char]) -> Option<(usize, usize)> {
    let p = o.iter().zip(n).take_while(|(a, b)| a == b).count();
    let room = o.len().min(n.len()) - p;
    let mut q = o.iter().rev().zip(n.iter().rev()).take(room).take_while(|(a, b)| a == b).count();
    // The ending kept is the clause's formal noun (とき, こと, もの…): kana before it end the word the quote changes
    // (「…認められる」 of 「…認められるとき。」).
    let tail: String = o[o.len() - q..].iter().collect();
    if let Some(k) = (1..=2).find(|&k| {
        let rest: String = tail.chars().skip(k).collect();
        tail.chars().take(k).all(|c| class(c) == Class::Hira)
            && ["とき", "こと", "もの", "ところ", "場合"].iter().any(|w| rest.starts_with(w))
    }) {
        q -= k;
    }
    (p >= 2 && q >= 2 && (p + q) * 4 >= o.len() && p + q < o.len()).then_some((p, q))
}

/// Whether `old` becomes `new` by one phrase replaced between a kept head and ending ([`edits_for`] quotes it
/// whole rather than rewriting the provision).
pub fn is_one_phrase(old: &str, new: &str) -> bool {
    let (o, n): (Vec<char>, Vec<char>) = (old.chars().collect(), new.chars().collect());
    one_phrase(&o, &n).is_some()
}

/// A written hunk: the old range its quote covered and how much it changed the length of the text.
type Done = Option<(usize, usize, isize)>;

/// One attempt at writing a hunk as an edit, checked by applying it to the texts as they are so far.
struct Trial<'a> {
    o: &'a [char],
    n: &'a [char],
    wide: &'a [(usize, usize, usize, usize)],
    done: &'a [Done],
    work: &'a [String],
    index: usize,
    hi: usize,
}

impl Trial<'_> {
    /// The edit quoting old `a..b` (new `c..d`) for hunk `hi`, the texts after it, and the hunks it wrote (this
    /// one and, since an edit changes every occurrence, later ones making the very same change), if applying it
    /// gives exactly the expected text.
    #[allow(clippy::type_complexity)]
    fn edit(
        &self,
        (a, b, c, d): (usize, usize, usize, usize),
    ) -> Option<(Edit, Vec<String>, Vec<(usize, (usize, usize, isize))>)> {
        let (o, n, index) = (self.o, self.n, self.index);
        let e = make_edit(o, n, a, b, c, d);
        let mut trial = self.work.to_vec();
        {
            let mut refs: Vec<&mut String> = trial.iter_mut().collect();
            edit_strings(&mut refs, std::slice::from_ref(&e)).ok()?;
        }
        if !trial.iter().enumerate().all(|(k, t)| k == index || *t == self.work[k]) {
            return None;
        }
        let shift = |k: usize| -> isize { self.done[..k].iter().flatten().map(|r| r.2).sum() };
        let (from, to) = (&o[a..b], &n[c..d]);
        let same: Vec<usize> = if from.is_empty() {
            Vec::new()
        } else {
            (self.hi + 1..self.wide.len())
                .filter(|&j| {
                    let (ja, jb, jc, jd) = self.wide[j];
                    self.done[j].is_none() && ja >= b && &o[ja..jb] == from && &n[jc..jd] == to
                })
                .collect()
        };
        let cur: Vec<char> = self.work[index].chars().collect();
        let expect = |upto: usize| -> String {
            let mut s = String::new();
            let mut at = 0usize;
            let hunks = std::iter::once((self.hi, (a, b, c, d))).chain(same[..upto].iter().map(|&j| (j, self.wide[j])));
            for (k, (ka, kb, kc, kd)) in hunks {
                let sa = ((ka as isize + shift(k)) as usize).min(cur.len());
                let sb = ((kb as isize + shift(k)) as usize).min(cur.len());
                s.extend(cur[at.min(sa)..sa].iter());
                s.extend(&n[kc..kd]);
                at = sb;
            }
            s.extend(cur[at.min(cur.len())..].iter());
            s
        };
        let upto = (0..=same.len()).find(|&u| trial[index] == expect(u))?;
        let mut wrote = vec![(self.hi, (a, b, (d - c) as isize - (b - a) as isize))];
        for &j in &same[..upto] {
            let (ja, jb, jc, jd) = self.wide[j];
            wrote.push((j, (ja, jb, (jd - jc) as isize - (jb - ja) as isize)));
        }
        Some((e, trial, wrote))
    }
}

/// Adds a widened hunk, merging it with every earlier one it overlaps. A hunk widened to the left may reach back
/// over several earlier ones (a phrase holding three changes), so merging goes on while the one before touches.
/// Each side's ends are aligned only through context shared by both texts: on the left that before the first
/// hunk, on the right that after the last (a hunk widened across a later one has its new end out of step:
/// 「九月二十七日」 → 「十月十五日」 is three hunks in one kanji run).
fn push_widened(wide: &mut Vec<(usize, usize, usize, usize)>, mut h: (usize, usize, usize, usize)) {
    while let Some(&last) = wide.last().filter(|last| h.0 <= last.1) {
        wide.pop();
        let a = last.0.min(h.0);
        let b = last.1.max(h.1);
        h = (a, b, last.2.saturating_sub(last.0 - a), h.3 + (b - h.1));
    }
    wide.push(h);
}

/// Hunks apart only by a bracket or a dash become one quote (「その他（第22条—第26条）」, not 「その他」, 「第22条—」
/// and 「第26条」), and a quote is grown until its brackets pair up (never 「…（以下「」). The text between and
/// around hunks is the same in both versions, so each side grows by the same amount.
fn whole_quotes(o: &[char], hunks: &[(usize, usize, usize, usize)]) -> Vec<(usize, usize, usize, usize)> {
    let mut out: Vec<(usize, usize, usize, usize)> = Vec::new();
    let mut k = 0;
    while k < hunks.len() {
        let mut h = hunks[k];
        k += 1;
        loop {
            // The next hunk, when only one or two marks stand between.
            if let Some(&nx) = hunks.get(k) {
                let gap = &o[h.1..nx.0];
                if !gap.is_empty()
                    && gap.len() <= 2
                    && gap.iter().all(|&c| class(c) == Class::Other && c != '、' && c != '。')
                {
                    h = (h.0, nx.1, h.2, nx.3);
                    k += 1;
                    continue;
                }
                // Letters changed a few characters apart inside one phrase are the phrase changed: 「左の各号の一」を
                // 「次の各号のいずれか」に, not 「左」を「次」に、「一」を「いずれか」に (a lone numeral quoted reads as a number).
                if (1..=4).contains(&gap.len())
                    && h.1 - h.0 <= 2
                    && nx.1 - nx.0 <= 2
                    && gap.iter().all(|&c| class(c) != Class::Other)
                {
                    h = (h.0, nx.1, h.2, nx.3);
                    k += 1;
                    continue;
                }
            }
            // Brackets opened in the quote and not closed: take in the text up to the closing one.
            let depth = o[h.0..h.1].iter().fold(0i32, |d, &c| d + bracket(c));
            let limit = hunks.get(k).map_or(o.len(), |nx| nx.0);
            if depth > 0 && h.1 < limit {
                h = (h.0, h.1 + 1, h.2, h.3 + 1);
                if h.1 == limit && k < hunks.len() {
                    h = (h.0, hunks[k].1, h.2, hunks[k].3);
                    k += 1;
                }
                continue;
            }
            let floor = out.last().map_or(0, |p| p.1);
            if depth < 0 && h.0 > floor && h.2 > 0 {
                h = (h.0 - 1, h.1, h.2 - 1, h.3);
                continue;
            }
            break;
        }
        out.push(h);
    }
    out
}

/// +1 for an opening bracket, -1 for a closing one.
fn bracket(c: char) -> i32 {
    match c {
        '（' | '(' | '「' | '『' => 1,
        '）' | ')' | '」' | '』' => -1,
        _ => 0,
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A hunk widened back over two earlier, separate ones becomes one hunk with both (a fuzz finding: the
    /// hunks overlapped and slicing the text between them panicked).
    #[test]
    fn a_hunk_widened_over_several_earlier_ones_merges_with_all() {
        let mut wide = Vec::new();
        push_widened(&mut wide, (2, 4, 2, 4));
        push_widened(&mut wide, (10, 12, 10, 15));
        push_widened(&mut wide, (13, 15, 16, 20));
        push_widened(&mut wide, (8, 16, 14, 22));
        assert_eq!(wide, vec![(2, 4, 2, 4), (8, 16, 8, 22)]);
        assert!(wide.windows(2).all(|w| w[0].1 < w[1].0), "sorted and apart: {wide:?}");
    }

    #[test]
    fn letters_changed_close_together_are_one_phrase() {
        // 旅館業法第五条 (令和五年法律第五十二号): 「左の各号の一」を「次の各号のいずれか」に改める.
        let e = edits_for(
            &["営業者は、左の各号の一に該当する場合を除いては、宿泊を拒んではならない。".into()],
            0,
            "営業者は、次の各号のいずれかに該当する場合を除いては、宿泊を拒んではならない。",
        )
        .unwrap();
        assert_eq!(e, vec![Edit::Replace { from: "左の各号の一".into(), to: "次の各号のいずれか".into() }]);
    }

    #[test]
    fn one_long_phrase_replaced_is_quoted_whole() {
        // 旅館業法第五条第一号 (令和五年法律第五十二号).
        let (o, n) = (
            "宿泊しようとする者が伝染性の疾病にかかつていると明らかに認められるとき。",
            "宿泊しようとする者が特定感染症の患者等であるとき。",
        );
        let e = edits_for(&[o.into()], 0, n).unwrap();
        assert_eq!(
            e,
            vec![Edit::Replace {
                from: "伝染性の疾病にかかつていると明らかに認められる".into(),
                to: "特定感染症の患者等である".into()
            }]
        );
        // Changed throughout, with no head kept: no edit (the provision is rewritten).
        assert_eq!(edits_for(&[o.into()], 0, "営業者が宿泊を拒むことができる事由として条例で定めるとき。"), None);
    }

    #[test]
    fn a_toc_entry_is_quoted_whole() {
        let segs = vec!["第4章　安全管理（第11条—第22条）".to_string(), "第5章　その他（第22条—第26条）".to_string()];
        let e = edits_for(&segs, 1, "第5章　補則（第23条—第27条）").unwrap();
        assert_eq!(
            e,
            vec![Edit::Replace {
                from: "その他（第22条—第26条）".into(), to: "補則（第23条—第27条）".into()
            }]
        );
    }

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
    fn widened_by_whole_units() {
        let segs = vec!["職員は、職員を指導する。".to_string()];
        let e = edits_for(&segs, 0, "職員は、社員を指導する。").unwrap();
        assert_eq!(e, vec![Edit::Replace { from: "職員を".into(), to: "社員を".into() }]);
        let segs = vec!["職員を置き、その職員を指導する。".to_string()];
        let e = edits_for(&segs, 0, "職員を置き、その社員を指導する。").unwrap();
        assert_eq!(e, vec![Edit::Replace { from: "その職員".into(), to: "その社員".into() }]);
    }

    #[test]
    fn a_unit_changed_in_several_places_is_one_quote() {
        // 「九月二十七日」→「十月十五日」 is several hunks inside one kanji run: the whole date is quoted.
        let segs = vec!["この省令は、平成二十五年九月二十七日から施行する。".to_string()];
        let e = edits_for(&segs, 0, "この省令は、平成二十五年十月十五日から施行する。").unwrap();
        assert_eq!(
            e,
            vec![Edit::Replace {
                from: "平成二十五年九月二十七日".into(), to: "平成二十五年十月十五日".into()
            }]
        );
    }

    #[test]
    fn reference_runs_quoted_whole() {
        let segs = vec![
            "第1項、第2項、第3項又は第4項の年次有給休暇は、社員があらかじめ請求する時季に取得させる。".to_string()
        ];
        let e =
            edits_for(&segs, 0, "第1項又は第2項の年次有給休暇は、社員があらかじめ請求する時季に取得させる。").unwrap();
        assert_eq!(
            e,
            vec![Edit::Replace {
                from: "第1項、第2項、第3項又は第4項".into(), to: "第1項又は第2項".into()
            }]
        );
        // Whole references stay as they are.
        let segs = vec!["第15条、第16条に違反したとき。".to_string()];
        let e = edits_for(&segs, 0, "第14条、第15条、第16条に違反したとき。").unwrap();
        assert_eq!(e, vec![Edit::Replace { from: "第15条".into(), to: "第14条、第15条".into() }]);
        let e = edits_for(
            &["所定労働時間を超え又は休日に労働させる。".into()],
            0,
            "所定労働時間を超え、又は休日に労働させる。",
        );
        assert_eq!(e.unwrap(), vec![Edit::Replace { from: "又は".into(), to: "、又は".into() }]);
        let e = edits_for(&["期間が1か月を超えたとき。".into()], 0, "期間が2か月を超えたとき。").unwrap();
        assert_eq!(e, vec![Edit::Replace { from: "1か月".into(), to: "2か月".into() }]);
    }
}
