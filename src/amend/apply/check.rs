//! Checking a generated amendment: it must apply to OLD and give NEW (without NEW's new 附則), compared on
//! every field but spans and the source format.
//!
//! ```
//! let a = kitei::parse::parse_str("例\n第一条　甲。\n").unwrap();
//! assert_eq!(kitei::amend::apply::check::comparable(&a), kitei::amend::apply::check::comparable(&a.clone()));
//! ```

use crate::error::{Error, Result};
use crate::model::{walk, Document};

/// Applies the text to OLD and checks that it gives `want` (NEW without the act's own 附則).
pub fn verify(old: &Document, want: &Document, text: &str) -> Result<()> {
    let not_applied =
        |e| Error::Other(format!("kitei cannot write this amendment yet: its own 改め文 does not apply ({e})"));
    // A ハネ漏れ is not fatal here: the result is compared with NEW, so a reference carried over unchanged is
    // accepted only where NEW carries it too.
    let amendment = crate::amend::grammar::parse(text, "<generated>").map_err(not_applied)?;
    let got = super::apply_keeping_hane(old, &amendment, "<generated>").map_err(not_applied)?.document;
    let (a, b) = (comparable(&got), comparable(want));
    if a != b {
        return Err(Error::Other(format!("kitei cannot write this amendment yet: {}", first_difference(&got, want))));
    }
    Ok(())
}

/// The first provision where what the 改め文 gives differs from NEW, in words: where it stands (第三十八条第三項)
/// and the two texts.
fn first_difference(got: &Document, want: &Document) -> String {
    let (a, b) = (flat(got), flat(want));
    let k = a.iter().zip(&b).position(|(x, y)| x.1 != y.1).unwrap_or(a.len().min(b.len()));
    let short = |s: &str| {
        let t: String = s.chars().take(40).collect();
        if s.chars().count() > 40 {
            format!("{t}…")
        } else {
            t
        }
    };
    match (a.get(k), b.get(k)) {
        (Some(x), Some(y)) if x.0 == y.0 => format!(
            "at {} its 改め文 would give 「{}」 where the new version has 「{}」",
            y.0,
            short(&x.2),
            short(&y.2)
        ),
        (Some(x), Some(y)) => format!("its 改め文 would give {} where the new version has {}", x.0, y.0),
        (None, Some(y)) => format!("its 改め文 leaves out {} of the new version", y.0),
        (Some(x), None) => format!("its 改め文 would keep {}, which the new version does not have", x.0),
        (None, None) => "its 改め文 does not give the new version".to_string(),
    }
}

/// Per node in document order: where it stands in words, its comparable line, and its text.
fn flat(doc: &Document) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    let mut path: Vec<(usize, String)> = Vec::new();
    fn go(
        n: &crate::model::Node,
        depth: usize,
        path: &mut Vec<(usize, String)>,
        out: &mut Vec<(String, String, String)>,
    ) {
        path.truncate(depth);
        path.push((depth, super::refs::reader_name(n)));
        let place: String = path.iter().map(|(_, s)| s.as_str()).collect();
        let place = if place.is_empty() { n.id.clone() } else { place };
        let mut line = comparable_node(n);
        line.push('\n');
        out.push((place, line, crate::export::text::text_with_ruby(n).into_owned()));
        for c in &n.children {
            go(c, depth + 1, path, out);
        }
    }
    for c in &doc.children {
        go(c, 0, &mut path, &mut out);
    }
    out
}

/// The document as text with every field but spans and `format` (IDs, numbers, labels, texts).
pub fn comparable(doc: &Document) -> String {
    let mut out = format!("{}|{:?}\n", doc.title, doc.number);
    walk::walk(doc, &mut |n| {
        out.push_str(&comparable_node(n));
        out.push('\n');
    });
    out
}

fn comparable_node(n: &crate::model::Node) -> String {
    format!(
        "{:?}|{}|{:?}|{:?}|{}|{:?}|{:?}|{}|{}|{:?}|{:?}|{:?}",
        n.kind,
        n.id,
        n.num,
        n.num_end,
        n.label,
        n.heading,
        n.heading_raw,
        n.text,
        n.deleted,
        n.level,
        n.scheme,
        n.attrs
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(t: &str) -> Document {
        crate::parse::parse_str(t).unwrap()
    }

    #[test]
    fn a_refusal_names_the_provision_and_quotes_both_texts() {
        let (got, want) = (doc("例\n第一条　甲。\n２　乙。\n"), doc("例\n第一条　甲。\n２　丙。\n"));
        assert_eq!(
            first_difference(&got, &want),
            "at 第一条第2項 its 改め文 would give 「乙。」 where the new version has 「丙。」"
        );
        let old = doc("例\n第一条　甲とする。\n");
        let err = verify(&old, &doc("例\n第一条　乙とする。\n"), "第一条中「甲」を「丁」に改める。\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("kitei cannot write this amendment yet: at 第一条 "), "{err}");
        assert!(!err.contains('|') && !err.contains("art_1"), "no internal dump: {err}");
    }

    #[test]
    fn a_reference_new_itself_leaves_stale_is_carried_over_and_apply_still_calls_it_hane() {
        // NEW removed 第二項 but kept 「第三項」 (which meant 丙, now 第二項): a slip in NEW, not in the 改め文.
        let old = doc("例\n第一条　甲とする。\n２　乙とする。\n３　丙とする。\n４　第三項の規定は、丁に準用する。\n");
        let new = doc("例\n第一条　甲とする。\n２　丙とする。\n３　第三項の規定は、丁に準用する。\n");
        let text = "第一条第二項を削り、同条第三項を同条第二項とし、同条第四項を同条第三項とする。\n";
        verify(&old, &new, text).expect("the targeted 改め文 gives NEW");
        let strict = crate::amend::apply(&old, text, "a.txt").unwrap_err().to_string();
        assert!(strict.contains("ハネ漏れ"), "{strict}");
        // When NEW did amend the reference, carrying it over unchanged is still refused by the comparison.
        let fixed = doc("例\n第一条　甲とする。\n２　丙とする。\n３　第二項の規定は、丁に準用する。\n");
        assert!(verify(&old, &fixed, text).is_err());
    }
}
