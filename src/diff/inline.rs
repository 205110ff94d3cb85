//! Inline (within-provision) diff of Japanese text that reads as whole phrases.
//!
//! Japanese has no spaces between words, so a raw character diff turns 「総会」→「理事会」 into 「総」→「理事」
//! with a stray 会 left equal. Here the text is cut into runs of one script (kanji, hiragana, katakana,
//! Latin letters and digits; each punctuation mark alone), the runs are diffed with `similar` (Myers), and
//! short equal islands between two changes are folded into the change around them.
//!
//! Long texts never go quadratic: above a size bound the diff is first taken sentence by sentence, and a
//! rewritten block that is still too large is reported as one replacement. The result depends only on the
//! input (the size bound, not a clock, decides), so output is reproducible.
//!
//! ```
//! use kitei::diff::inline::diff_text;
//! use kitei::diff::OpKind;
//! let ops = diff_text("総会の承認を得る。", "理事会の承認を得る。");
//! assert_eq!(ops[0].op, OpKind::Replace);
//! assert_eq!((ops[0].old.as_str(), ops[0].new.as_str()), ("総会", "理事会"));
//! assert_eq!(ops[1].op, OpKind::Equal);
//! ```

use super::{InlineOp, OpKind};
use similar::{Algorithm, DiffOp};
use std::time::{Duration, Instant};

/// Above this product of token counts, the diff is first taken sentence by sentence.
const TOKEN_PRODUCT_LIMIT: usize = 2_000_000;
/// Equal islands of at most this many characters between two changes are folded into the change.
const ISLAND_MAX: usize = 2;
/// A safety net only: the size bound above keeps the diff well under it.
const DEADLINE: Duration = Duration::from_secs(2);

#[derive(Clone, Copy, PartialEq, Eq)]
enum Script {
    Kanji,
    Hiragana,
    Katakana,
    Alnum,
    Space,
    Punct,
}

fn script(c: char) -> Script {
    match c {
        '々' | '〆' | '〇' => Script::Kanji,
        '\u{3041}'..='\u{309F}' => Script::Hiragana,
        'ー' | '\u{30A0}'..='\u{30FF}' | '\u{31F0}'..='\u{31FF}' | '\u{FF66}'..='\u{FF9F}' => Script::Katakana,
        '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{2FFFF}' => {
            Script::Kanji
        }
        c if c.is_ascii_alphanumeric() => Script::Alnum,
        '\u{FF10}'..='\u{FF19}' | '\u{FF21}'..='\u{FF3A}' | '\u{FF41}'..='\u{FF5A}' => Script::Alnum,
        c if c.is_whitespace() => Script::Space,
        c if c.is_alphanumeric() => Script::Alnum,
        _ => Script::Punct,
    }
}

/// Cuts text into runs of one script; each punctuation mark is a token of its own.
///
/// ```
/// assert_eq!(kitei::diff::inline::tokenize("第5条の規定により、"), vec!["第", "5", "条", "の", "規定", "により", "、"]);
/// ```
pub fn tokenize(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut prev: Option<Script> = None;
    for (i, c) in text.char_indices() {
        let s = script(c);
        let boundary = match prev {
            None => false,
            Some(p) => p != s || s == Script::Punct,
        };
        if boundary {
            out.push(&text[start..i]);
            start = i;
        }
        prev = Some(s);
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

/// Diffs two texts into inline operations (equal, insert, delete, replace), cleaned up to read as phrases.
/// Concatenating the `old` sides gives back `old`, the `new` sides `new`.
pub fn diff_text(old: &str, new: &str) -> Vec<InlineOp> {
    if old == new {
        return if old.is_empty() { Vec::new() } else { vec![InlineOp::equal(old)] };
    }
    let a = tokenize(old);
    let b = tokenize(new);
    let mut raw = Vec::new();
    diff_tokens(&a, &b, &mut raw);
    let ops = coalesce(raw);
    let ops = fold_islands(ops);
    let ops = trim_replacements(ops);
    coalesce(ops)
}

/// Token diff with a size bound: above it, sentences first, then tokens inside small rewritten blocks.
fn diff_tokens(a: &[&str], b: &[&str], out: &mut Vec<InlineOp>) {
    // Common prefix and suffix cost nothing and shrink the problem.
    let pre = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let suf = a[pre..].iter().rev().zip(b[pre..].iter().rev()).take_while(|(x, y)| x == y).count();
    if pre > 0 {
        out.push(InlineOp::equal(&a[..pre].concat()));
    }
    let (ma, mb) = (&a[pre..a.len() - suf], &b[pre..b.len() - suf]);
    if ma.len().saturating_mul(mb.len()) <= TOKEN_PRODUCT_LIMIT {
        myers(ma, mb, out);
    } else {
        by_sentences(ma, mb, out);
    }
    if suf > 0 {
        out.push(InlineOp::equal(&a[a.len() - suf..].concat()));
    }
}

fn myers(a: &[&str], b: &[&str], out: &mut Vec<InlineOp>) {
    if a.is_empty() && b.is_empty() {
        return;
    }
    if a.is_empty() || b.is_empty() {
        out.push(InlineOp::change(&a.concat(), &b.concat()));
        return;
    }
    let ops = similar::capture_diff_slices_deadline(Algorithm::Myers, a, b, Some(Instant::now() + DEADLINE));
    for op in ops {
        match op {
            DiffOp::Equal { old_index, len, .. } => out.push(InlineOp::equal(&a[old_index..old_index + len].concat())),
            DiffOp::Delete { old_index, old_len, .. } => {
                out.push(InlineOp::change(&a[old_index..old_index + old_len].concat(), ""))
            }
            DiffOp::Insert { new_index, new_len, .. } => {
                out.push(InlineOp::change("", &b[new_index..new_index + new_len].concat()))
            }
            DiffOp::Replace { old_index, old_len, new_index, new_len } => out.push(InlineOp::change(
                &a[old_index..old_index + old_len].concat(),
                &b[new_index..new_index + new_len].concat(),
            )),
        }
    }
}

/// Splits a token list after each 。 (and line break).
fn sentences<'a>(toks: &[&'a str]) -> Vec<Vec<&'a str>> {
    let mut out = Vec::new();
    let mut cur = Vec::new();
    for t in toks {
        cur.push(*t);
        if *t == "。" || t.contains('\n') {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

fn by_sentences(a: &[&str], b: &[&str], out: &mut Vec<InlineOp>) {
    let sa = sentences(a);
    let sb = sentences(b);
    let ja: Vec<String> = sa.iter().map(|s| s.concat()).collect();
    let jb: Vec<String> = sb.iter().map(|s| s.concat()).collect();
    if ja.len().saturating_mul(jb.len()) > TOKEN_PRODUCT_LIMIT || (ja.len() == 1 && jb.len() == 1) {
        out.push(InlineOp::change(&ja.concat(), &jb.concat()));
        return;
    }
    let ops = similar::capture_diff_slices_deadline(Algorithm::Myers, &ja, &jb, Some(Instant::now() + DEADLINE));
    for op in ops {
        let (or, nr) = (op.old_range(), op.new_range());
        match op {
            DiffOp::Equal { .. } => out.push(InlineOp::equal(&ja[or].concat())),
            _ => {
                let ta: Vec<&str> = sa[or.clone()].iter().flatten().copied().collect();
                let tb: Vec<&str> = sb[nr.clone()].iter().flatten().copied().collect();
                if ta.len().saturating_mul(tb.len()) <= TOKEN_PRODUCT_LIMIT {
                    myers(&ta, &tb, out);
                } else {
                    out.push(InlineOp::change(&ja[or].concat(), &jb[nr].concat()));
                }
            }
        }
    }
}

/// Merges neighbours of the same kind (equal+equal, any change+change) and sets each change's kind.
fn coalesce(ops: Vec<InlineOp>) -> Vec<InlineOp> {
    let mut out: Vec<InlineOp> = Vec::with_capacity(ops.len());
    for op in ops {
        if op.old.is_empty() && op.new.is_empty() {
            continue;
        }
        if let Some(last) = out.last_mut() {
            let both_equal = last.op == OpKind::Equal && op.op == OpKind::Equal;
            let both_change = last.op != OpKind::Equal && op.op != OpKind::Equal;
            if both_equal || both_change {
                last.old.push_str(&op.old);
                last.new.push_str(&op.new);
                last.op = if both_equal { OpKind::Equal } else { change_kind(&last.old, &last.new) };
                continue;
            }
        }
        out.push(op);
    }
    out
}

fn change_kind(old: &str, new: &str) -> OpKind {
    match (old.is_empty(), new.is_empty()) {
        (true, _) => OpKind::Insert,
        (_, true) => OpKind::Delete,
        _ => OpKind::Replace,
    }
}

/// Folds equal islands of at most [`ISLAND_MAX`] characters that stand between two changes.
fn fold_islands(ops: Vec<InlineOp>) -> Vec<InlineOp> {
    let mut out: Vec<InlineOp> = Vec::with_capacity(ops.len());
    let n = ops.len();
    for (i, op) in ops.into_iter().enumerate() {
        let island = op.op == OpKind::Equal
            && i > 0
            && i + 1 < n
            && op.old.chars().count() <= ISLAND_MAX
            && out.last().is_some_and(|l| l.op != OpKind::Equal);
        if island {
            out.push(InlineOp { op: OpKind::Replace, old: op.old, new: op.new });
        } else {
            out.push(op);
        }
    }
    coalesce(out)
}

/// In a replacement, keeps a long common head or tail (two characters or more) as equal text:
/// 「認証事務従事者」→「認証業務従事者」 becomes 「事務」→「業務」, while 「総会」→「理事会」 stays whole.
fn trim_replacements(ops: Vec<InlineOp>) -> Vec<InlineOp> {
    let mut out = Vec::with_capacity(ops.len());
    for op in ops {
        if op.op != OpKind::Replace {
            out.push(op);
            continue;
        }
        let oc: Vec<char> = op.old.chars().collect();
        let nc: Vec<char> = op.new.chars().collect();
        let mut pre = oc.iter().zip(&nc).take_while(|(x, y)| x == y).count();
        let mut suf = oc[pre..].iter().rev().zip(nc[pre..].iter().rev()).take_while(|(x, y)| x == y).count();
        if pre < 2 {
            pre = 0;
        }
        if suf < 2 {
            suf = 0;
        }
        // Keep at least two characters replaced (a kanji compound is two): 事務→業務, not 事→業.
        // (A pure insertion or deletion is fine as it is: 「電子署名」→「電子署名等」 inserts 「等」.)
        let mid = |pre: usize, suf: usize| (oc.len() - pre - suf, nc.len() - pre - suf);
        while (pre > 0 || suf > 0) && {
            let (a, b) = mid(pre, suf);
            a > 0 && b > 0 && a.max(b) < 2
        } {
            if suf >= pre {
                suf -= 1;
                if suf < 2 {
                    suf = 0;
                }
            } else {
                pre -= 1;
                if pre < 2 {
                    pre = 0;
                }
            }
        }
        // Something must be left to replace on at least one side.
        if pre + suf >= oc.len().max(nc.len()) {
            out.push(op);
            continue;
        }
        let s = |v: &[char]| v.iter().collect::<String>();
        if pre > 0 {
            out.push(InlineOp::equal(&s(&oc[..pre])));
        }
        out.push(InlineOp::change(&s(&oc[pre..oc.len() - suf]), &s(&nc[pre..nc.len() - suf])));
        if suf > 0 {
            out.push(InlineOp::equal(&s(&oc[oc.len() - suf..])));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(ops: &[InlineOp]) -> String {
        ops.iter()
            .map(|o| match o.op {
                OpKind::Equal => o.old.clone(),
                OpKind::Insert => format!("{{+{}+}}", o.new),
                OpKind::Delete => format!("[-{}-]", o.old),
                OpKind::Replace => format!("[-{}-]{{+{}+}}", o.old, o.new),
            })
            .collect()
    }

    fn roundtrip(old: &str, new: &str) -> Vec<InlineOp> {
        let ops = diff_text(old, new);
        let o: String = ops.iter().map(|x| x.old.as_str()).collect();
        let n: String = ops.iter().map(|x| x.new.as_str()).collect();
        assert_eq!(o, old);
        assert_eq!(n, new);
        ops
    }

    #[test]
    fn whole_words_are_replaced() {
        let ops = roundtrip("総会の議決を経て会長が定める。", "理事会の議決を経て理事長が定める。");
        assert_eq!(render(&ops), "[-総会-]{+理事会+}の議決を経て[-会長-]{+理事長+}が定める。");
    }

    #[test]
    fn long_common_heads_are_kept() {
        let ops = roundtrip("認証事務従事者をいう。", "認証業務従事者をいう。");
        assert_eq!(render(&ops), "認証[-事務-]{+業務+}従事者をいう。");
    }

    #[test]
    fn insertion_at_the_end_of_a_word() {
        let ops = roundtrip("電子署名に係る", "電子署名等に係る");
        assert_eq!(render(&ops), "電子署名{+等+}に係る");
    }

    #[test]
    fn insertions_and_deletions() {
        let ops = roundtrip("証人を呼ぶ。", "証人、鑑定人を呼ぶ。");
        assert_eq!(render(&ops), "証人{+、鑑定人+}を呼ぶ。");
        let ops = roundtrip("速やかに、かつ、確実に行う。", "確実に行う。");
        assert_eq!(render(&ops), "[-速やかに、かつ、-]確実に行う。");
    }

    #[test]
    fn small_islands_are_folded() {
        // 「の」 between two changes is absorbed so that the change reads as one phrase.
        let ops = roundtrip("甲の乙", "丙の丁");
        assert_eq!(render(&ops), "[-甲の乙-]{+丙の丁+}");
    }

    #[test]
    fn identical_and_empty_texts() {
        assert!(diff_text("", "").is_empty());
        assert_eq!(diff_text("同じ。", "同じ。"), vec![InlineOp::equal("同じ。")]);
        assert_eq!(render(&roundtrip("", "新しい。")), "{+新しい。+}");
    }

    proptest::proptest! {
        #[test]
        // The alphabet holds white space and controls (U+000B, a tab, an ideographic space) and a full-width
        // digit: characters the aligner ignores when deciding a change, which the ops must still carry.
        fn ops_give_back_both_texts(
            a in "[総会理事長のをにはア-ウ1-3１a、。（）「」 \u{b}\t\u{3000}]{0,40}",
            b in "[総会理事長のをにはア-ウ1-3１a、。（）「」 \u{b}\t\u{3000}]{0,40}",
        ) {
            let ops = diff_text(&a, &b);
            let o: String = ops.iter().map(|x| x.old.as_str()).collect();
            let n: String = ops.iter().map(|x| x.new.as_str()).collect();
            proptest::prop_assert_eq!(o, a.clone());
            proptest::prop_assert_eq!(n, b.clone());
            // No empty ops, no two equal ops in a row, and equal ops really are equal.
            for w in ops.windows(2) {
                proptest::prop_assert!(!(w[0].op == OpKind::Equal && w[1].op == OpKind::Equal));
            }
            for op in &ops {
                proptest::prop_assert!(!(op.old.is_empty() && op.new.is_empty()));
                proptest::prop_assert!(op.op != OpKind::Equal || op.old == op.new);
            }
        }
    }

    #[test]
    fn huge_rewrites_stay_linear() {
        let old: String = (0..4000).map(|i| format!("第{i}号の規定。")).collect();
        let new: String = (0..4000).map(|i| format!("別表{i}による。")).collect();
        let ops = roundtrip(&old, &new);
        assert!(ops.iter().any(|o| o.op == OpKind::Replace));
    }
}
