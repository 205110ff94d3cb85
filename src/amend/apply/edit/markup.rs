//! Inline markup following wording edits: a node's `markup` (or `heading_markup`) attr holds one mark per line,
//! `start<TAB>end<TAB>Tag[<TAB>ruby reading]`, byte offsets into its text. When an edit replaces
//! characters, a mark before them stays, a mark after them moves by the difference in length, and a ruby
//! (振り仮名, 傍点) over any replaced character is dropped: the act gives the new words as plain text, so the
//! reading no longer has its base. Other marks (Sup, Sub, Line, QuoteStruct…) that span the change grow or
//! shrink with it; one that overlaps its edge keeps only its unchanged part.
//!
//! ```
//! use kitei::amend::apply::edit::markup::{shift, Splice};
//! // 「とばく、」 → 「賭博」 before 「その他」, whose 傍点 move back by the difference.
//! let marks = "0\t3\tRuby\tヽ\n15\t18\tRuby\tヽ";
//! let s = Splice::between("とばく、", "賭博");
//! assert_eq!(shift(marks, &[s]), "9\t12\tRuby\tヽ");
//! ```

use crate::model::Node;

/// One change made in a text: at byte `at`, `removed` bytes gave way to `inserted` bytes (offsets of the text
/// as it was when the change was made).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Splice {
    /// Where the change starts.
    pub at: usize,
    /// Bytes removed.
    pub removed: usize,
    /// Bytes inserted in their place.
    pub inserted: usize,
}

impl Splice {
    /// The change that replacing `from` by `to` makes, relative to where `from` starts: without what the two
    /// share at their start and end (whole characters), which stays in place with its markup.
    pub fn between(from: &str, to: &str) -> Splice {
        let pre: usize =
            from.chars().zip(to.chars()).take_while(|(a, b)| a == b).map(|(a, _)| a.len_utf8()).sum::<usize>();
        let (f, t) = (&from[pre..], &to[pre..]);
        let suf: usize =
            f.chars().rev().zip(t.chars().rev()).take_while(|(a, b)| a == b).map(|(a, _)| a.len_utf8()).sum();
        Splice { at: pre, removed: f.len() - suf, inserted: t.len() - suf }
    }
}

/// Moves the node's marks in attr `attr` by the splices made in its text, in order; removes the attr when no
/// mark is left.
pub(crate) fn follow(n: &mut Node, attr: &str, splices: &[Splice]) {
    let Some(spec) = n.attrs.get(attr) else { return };
    if splices.is_empty() {
        return;
    }
    let moved = shift(spec, splices);
    if moved.is_empty() {
        n.attrs.remove(attr);
    } else {
        n.attrs.insert(attr.into(), moved);
    }
}

/// The marks of a `markup` spec moved by the splices, in order (see the module documentation). Lines that are
/// not marks are kept as they are.
pub fn shift(spec: &str, splices: &[Splice]) -> String {
    let mut out = Vec::new();
    for line in spec.lines() {
        let mut f = line.splitn(3, '\t');
        let (Some(Ok(mut start)), Some(Ok(mut end)), Some(rest)) =
            (f.next().map(str::parse::<usize>), f.next().map(str::parse::<usize>), f.next())
        else {
            out.push(line.to_string());
            continue;
        };
        let ruby = rest.split('\t').next() == Some("Ruby");
        let mut kept = true;
        for s in splices {
            match moved(start, end, s, ruby) {
                Some((a, b)) => (start, end) = (a, b),
                None => {
                    kept = false;
                    break;
                }
            }
        }
        if kept {
            out.push(format!("{start}\t{end}\t{rest}"));
        }
    }
    out.join("\n")
}

/// Where a mark over `start..end` stands after one splice, `None` when it is dropped.
fn moved(start: usize, end: usize, s: &Splice, ruby: bool) -> Option<(usize, usize)> {
    let (cut_from, cut_to) = (s.at, s.at + s.removed);
    let delta = |x: usize| x + s.inserted - s.removed;
    if end <= cut_from {
        return Some((start, end)); // before the change (an insertion right after it leaves it alone)
    }
    if start >= cut_to {
        return Some((delta(start), delta(end))); // after the change (an insertion right before it moves it)
    }
    if ruby {
        return None; // its base changed
    }
    match (start <= cut_from, end >= cut_to) {
        (true, true) => Some((start, delta(end))), // around the change: grows or shrinks
        (true, false) => Some((start, cut_from)).filter(|(a, b)| a < b), // into the change from the left
        (false, true) => Some((s.at + s.inserted, delta(end))).filter(|(a, b)| a < b), // from the right
        (false, false) => None,                    // inside the replaced characters
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shared_start_and_end_of_the_quotes_are_not_replaced() {
        assert_eq!(Splice::between("賭博場", "賭博場等"), Splice { at: 9, removed: 0, inserted: 3 });
        assert_eq!(Splice::between("とばく、", "賭博"), Splice { at: 0, removed: 12, inserted: 6 });
        assert_eq!(Splice::between("前項の規定", "前二項の規定"), Splice { at: 3, removed: 0, inserted: 3 });
        assert_eq!(Splice::between("甲", "甲"), Splice { at: 3, removed: 0, inserted: 0 });
    }

    #[test]
    fn ruby_before_stays_after_shifts_and_inside_is_dropped() {
        // 「明瞭に定める」: ruby on 瞭 (3..6); replacing 「定める」 (9..18) by 「定め、及び公表する」 leaves it.
        let s = Splice { at: 9, removed: 9, inserted: 27 };
        assert_eq!(shift("3\t6\tRuby\tりよう", &[s]), "3\t6\tRuby\tりよう");
        // Replacing 「明」 (0..3) by 「明確かつ明」 inserts 12 bytes after the shared 明: it moves by 12.
        let s = Splice::between("明", "明確かつ明");
        assert_eq!(s, Splice { at: 3, removed: 0, inserted: 12 });
        assert_eq!(shift("3\t6\tRuby\tりよう", &[s]), "15\t18\tRuby\tりよう");
        // Replacing 「明瞭」 (0..6) drops it; so does a replacement that cuts into its base.
        assert_eq!(shift("3\t6\tRuby\tりよう", &[Splice { at: 0, removed: 6, inserted: 6 }]), "");
        assert_eq!(shift("3\t9\tRuby\tよみ", &[Splice { at: 6, removed: 6, inserted: 3 }]), "");
        // An insertion inside a ruby's base drops it; one at its edge does not.
        assert_eq!(shift("3\t9\tRuby\tよみ", &[Splice { at: 6, removed: 0, inserted: 3 }]), "");
        assert_eq!(shift("3\t9\tRuby\tよみ", &[Splice { at: 9, removed: 0, inserted: 3 }]), "3\t9\tRuby\tよみ");
        assert_eq!(shift("3\t9\tRuby\tよみ", &[Splice { at: 3, removed: 0, inserted: 3 }]), "6\t12\tRuby\tよみ");
    }

    #[test]
    fn other_marks_grow_shrink_or_keep_their_unchanged_part() {
        // A Line (傍線) over 0..30 around a change of 6 → 3 bytes at 9 shrinks by 3.
        assert_eq!(shift("0\t30\tLine", &[Splice { at: 9, removed: 6, inserted: 3 }]), "0\t27\tLine");
        // A Sup over 6..12 cut from the left by a change of 0..9 keeps 9..12, moved.
        assert_eq!(shift("6\t12\tSup", &[Splice { at: 0, removed: 9, inserted: 3 }]), "3\t6\tSup");
        // Inside the replaced characters: dropped.
        assert_eq!(shift("3\t6\tSub", &[Splice { at: 0, removed: 9, inserted: 3 }]), "");
    }

    #[test]
    fn splices_apply_in_order() {
        let s = [Splice { at: 0, removed: 3, inserted: 6 }, Splice { at: 12, removed: 3, inserted: 0 }];
        // 9..12 → 12..15 after the first; the second cuts 12..15: dropped.
        assert_eq!(shift("9\t12\tRuby\tよ\n18\t21\tRuby\tみ", &s), "18\t21\tRuby\tみ");
    }
}
