//! e-Gov's annotations in a text's header, which no 改め文 writes.
//!
//! e-Gov prints under the title the law's number followed by its own note of the latest amendment:
//! `（昭和三十五年六月九日人事院規則九―三〇）最終改正：平成二五年五月一六日人事院規則九―三〇―八二`, sometimes
//! with a list of amendments not yet in force (`（最終改正までの未施行法令）平成二十五年…第百号（未施行）`).
//! The note changes with every amendment, but it is the publisher's, not the regulation's: an amending act
//! never amends it. When the parser leaves the header line in the 前文 (a law whose 制定文 follows the number),
//! a change of the note alone is left as in OLD, like e-Gov's excerpts of 附則 ([`super::suppl`]), and
//! [`unwritten`] says so. Any other change of a 前文 is refused with its reason ([`preamble_change`]).
//!
//! ```
//! let old = "（平成十六年一月三十日国家公安委員会規則第二号）最終改正：平成二五年二月四日国家公安委員会規則第二号　法の規定に基づき、この規則を定める。";
//! let new = "（平成十六年一月三十日国家公安委員会規則第二号）最終改正：平成二五年一一月一日国家公安委員会規則第一三号　法の規定に基づき、この規則を定める。";
//! assert!(kitei::amend::generate::annotation::only_the_note_differs(old, new));
//! ```

use crate::model::{Document, Kind};

const ERAS: [&str; 5] = ["明治", "大正", "昭和", "平成", "令和"];
const PENDING: &str = "（最終改正までの未施行法令）";
const PENDING_END: &str = "（未施行）";

/// Splits a text that opens with e-Gov's header (`（number）最終改正：date act-number`, then any list of
/// amendments not yet in force) into the header and the rest. `None` when the text does not open so.
pub fn split_header(text: &str) -> Option<(&str, &str)> {
    let close = text.strip_prefix('（')?.find('）')? + '（'.len_utf8();
    let after = &text[close + '）'.len_utf8()..];
    let note = after.strip_prefix("最終改正：")?;
    // The date: an era, then up to 日.
    let era = ERAS.iter().find(|e| note.starts_with(*e))?;
    let day = note.find('日').filter(|&d| note[..d].chars().count() <= 16 && d > era.len())?;
    let mut rest = &note[day + '日'.len_utf8()..];
    // The act's number: its name (国家公安委員会規則第), then the run of numerals, ―, の and 号.
    let numeral = |c: char| "〇一二三四五六七八九十百千".contains(c);
    let start = rest.char_indices().take(30).find(|&(_, c)| numeral(c)).map(|(i, _)| i)?;
    let run = rest[start..].find(|c: char| !(numeral(c) || "―のノ号".contains(c))).unwrap_or(rest.len() - start);
    rest = &rest[start + run..];
    if let Some(p) = rest.strip_prefix(PENDING) {
        let end = p.rfind(PENDING_END)? + PENDING_END.len();
        rest = &p[end..];
    }
    let rest = rest.trim_start_matches([' ', '\u{3000}']);
    Some((&text[..text.len() - rest.len()], rest))
}

/// Whether two texts differ only in e-Gov's header note (both open with one, and what follows is the same).
pub fn only_the_note_differs(old: &str, new: &str) -> bool {
    match (split_header(old), split_header(new)) {
        (Some((oh, or)), Some((nh, nr))) => oh != nh && or == nr,
        _ => false,
    }
}

/// The 前文 whose only change is e-Gov's header note, as (OLD's header, NEW's header).
pub fn unwritten(old: &Document, new: &Document) -> Vec<(String, String)> {
    let pre = |d: &Document| d.children.iter().find(|c| c.kind == Kind::Preamble).map(|c| c.text.clone());
    match (pre(old), pre(new)) {
        (Some(o), Some(n)) if only_the_note_differs(&o, &n) => {
            let head = |t: &str| split_header(t).map(|(h, _)| h.to_string()).unwrap_or_default();
            vec![(head(&o), head(&n))]
        }
        _ => Vec::new(),
    }
}

/// What an amendment of OLD must give: `want` (NEW, or what of it an amendment can give) with its 前文 taken
/// from OLD when only e-Gov's header note changed.
pub fn keep_old_notes(old: &Document, want: &mut Document) {
    let Some(o) = old.children.iter().find(|c| c.kind == Kind::Preamble) else { return };
    if let Some(n) = want.children.iter_mut().find(|c| c.kind == Kind::Preamble) {
        if only_the_note_differs(&o.text, &n.text) {
            n.text = o.text.clone();
            n.sentences = o.sentences.clone();
        }
    }
}

/// An error naming the first 前文 that differs between OLD and `want` (what the amendment must give): kitei
/// writes no amendment of a 前文 (「前文中「…」を「…」に改める。」), so generate refuses with this reason
/// rather than return a text that does not give NEW.
pub fn preamble_change(old: &Document, want: &Document) -> Option<String> {
    let pre = |d: &Document| d.children.iter().filter(|c| c.kind == Kind::Preamble).cloned().collect::<Vec<_>>();
    let (o, n) = (pre(old), pre(want));
    let short = |t: &str| {
        let s: String = t.chars().take(30).collect();
        if s.len() < t.len() {
            format!("{s}…")
        } else {
            s
        }
    };
    if o.len() != n.len() {
        return Some(format!(
            "the number of 前文 blocks changes ({} → {}); kitei writes no 前文 amendment",
            o.len(),
            n.len()
        ));
    }
    let blocks = o.len();
    o.iter().zip(&n).enumerate().find(|(_, (a, b))| a.full_text() != b.full_text()).map(|(block, (a, b))| {
        // Show where they part, after e-Gov's header note.
        let body = |t: String| split_header(&t).map_or(t.clone(), |(_, r)| r.to_string());
        let (from, to) = (body(a.full_text()), body(b.full_text()));
        let k = from.chars().zip(to.chars()).take_while(|(x, y)| x == y).count();
        let tail = |t: &str| short(&t.chars().skip(k.saturating_sub(5)).collect::<String>());
        // Which block, in words (never its ID): only when there are several.
        let which = if blocks > 1 { format!(" (block {} of {blocks})", block + 1) } else { String::new() };
        format!("the 前文{which} changes (「{}」 → 「{}」); kitei writes no 前文 amendment", tail(&from), tail(&to))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The refusal says which 前文 block in words, never its ID.
    #[test]
    fn a_changed_preamble_is_named_in_words() {
        let doc = |texts: &[&str]| {
            let mut d = Document::new("例");
            for (k, t) in texts.iter().enumerate() {
                let mut p = crate::model::Node::new(Kind::Preamble);
                p.id = format!("preamble_{}", k + 1);
                p.text = t.to_string();
                d.children.push(p);
            }
            d
        };
        let one = preamble_change(&doc(&["甲は、乙を定める。"]), &doc(&["甲は、丙を定める。"])).unwrap();
        assert!(one.starts_with("the 前文 changes (「"), "{one}");
        let two =
            preamble_change(&doc(&["甲。", "乙は、丙を定める。"]), &doc(&["甲。", "乙は、丁を定める。"])).unwrap();
        assert!(two.starts_with("the 前文 (block 2 of 2) changes (「"), "{two}");
        assert!(!one.contains("preamble_") && !two.contains("preamble_"), "{one} / {two}");
    }

    const OLD: &str = "（昭和三十五年六月九日人事院規則九―三〇）最終改正：平成二五年五月一六日人事院規則九―三〇―八二人事院は、法律に基づき、この規則を定める。";
    const NEW: &str = "（昭和三十五年六月九日人事院規則九―三〇）最終改正：平成二五年一〇月三一日人事院規則九―三〇―八三人事院は、法律に基づき、この規則を定める。";

    #[test]
    fn the_header_ends_after_the_acts_number() {
        let (h, rest) = split_header(OLD).unwrap();
        assert!(h.ends_with("九―三〇―八二"), "{h}");
        assert_eq!(rest, "人事院は、法律に基づき、この規則を定める。");
        let t = "（昭和三十三年九月十七日厚生省令第二十七号）最終改正：平成二五年九月一一日厚生労働省令第一〇〇号（最終改正までの未施行法令）平成二十五年九月十一日厚生労働省令第百号（未施行）　本文。";
        assert_eq!(split_header(t).unwrap().1, "本文。");
    }

    #[test]
    fn a_change_of_the_note_alone_is_not_written() {
        assert!(only_the_note_differs(OLD, NEW));
        // A change of the 前文 itself is one.
        assert!(!only_the_note_differs(OLD, &NEW.replace("法律", "政令")));
        // Without the note, nothing is taken for one.
        assert!(split_header("（目的）この規則は、例とする。").is_none());
        assert!(!only_the_note_differs("甲。", "乙。"));
    }

    #[test]
    fn what_must_be_given_keeps_olds_note() {
        let doc = |t: &str| crate::parse::parse_str(&format!("規則\n{t}\n第一条　例とする。\n")).unwrap();
        let (old, new) = (doc(OLD), doc(NEW));
        let pre = |d: &Document| d.children.iter().find(|c| c.kind == Kind::Preamble).map(|c| c.text.clone());
        let Some(p) = pre(&old) else { panic!("no 前文 in {old:?}") };
        assert!(p.starts_with("（昭和"), "{p}");
        assert_eq!(unwritten(&old, &new).len(), 1);
        let mut want = new.clone();
        keep_old_notes(&old, &mut want);
        assert_eq!(pre(&want), pre(&old));
        assert!(unwritten(&old, &old).is_empty());
        // The note alone is no change of the 前文; its words are.
        assert!(preamble_change(&old, &want).is_none());
        let other = doc(&NEW.replace("法律", "政令"));
        let e = preamble_change(&old, &other).unwrap();
        assert!(e.starts_with("the 前文 changes") && e.contains("政令に基づき") && !e.contains("preamble"), "{e}");
        let e = crate::amend::generate(&old, &other, &Default::default()).unwrap_err().to_string();
        assert!(e.contains("no 前文 amendment"), "{e}");
    }
}
