//! Checking a generated amendment: it must apply to OLD and give NEW (without NEW's new 附則), compared on
//! every field but spans and the source format.
//!
//! ```
//! let a = kitei::parse::parse_str("例\n第一条　甲。\n").unwrap();
//! assert_eq!(kitei::amend::apply::check::comparable(&a), kitei::amend::apply::check::comparable(&a.clone()));
//! ```

use crate::error::{Error, Result};
use crate::model::{walk, Document, Node, SentenceRole};

/// Applies the text to OLD and checks that it gives `want` (NEW without the act's own 附則). Returns what the
/// application made (its ハネ warnings and [`super::Applied::hane_error`] are the text's, so that a caller
/// need not apply it again to report them).
pub fn verify(old: &Document, want: &Document, text: &str) -> Result<super::Applied> {
    let not_applied =
        |e| Error::Other(format!("kitei cannot write this amendment yet: its own 改め文 does not apply ({e})"));
    // A ハネ漏れ is not fatal here: the result is compared with NEW, so a reference carried over unchanged is
    // accepted only where NEW carries it too.
    let amendment = crate::amend::grammar::parse(text, "<generated>").map_err(not_applied)?;
    let applied = super::apply_keeping_hane(old, &amendment, "<generated>").map_err(not_applied)?;
    let got = &applied.document;
    if comparable(got) != comparable(want) {
        return Err(Error::Other(format!("kitei cannot write this amendment yet: {}", first_difference(got, want))));
    }
    Ok(applied)
}

/// The first provision where what the 改め文 gives differs from NEW, in words: where it stands (第三十八条第三項)
/// and the two texts, quoted around their first differing character; or the field that differs when the
/// texts are the same.
fn first_difference(got: &Document, want: &Document) -> String {
    let (a, b) = (flat(got), flat(want));
    let k = a.iter().zip(&b).position(|(x, y)| !same_fields(x.1, y.1)).unwrap_or(a.len().min(b.len()));
    match (a.get(k), b.get(k)) {
        (Some(x), Some(y)) if x.0 == y.0 => {
            let (tx, ty) = (text_of(x.1), text_of(y.1));
            if tx != ty {
                let (qx, qy) = crate::diagnostic::excerpts_at_difference(&tx, &ty, 40);
                format!("at {} its 改め文 would give 「{qx}」 where the new version has 「{qy}」", y.0)
            } else {
                format!(
                    "at {} its 改め文 would give the same words with another {}",
                    y.0,
                    differing_field(x.1, y.1).unwrap_or("structure")
                )
            }
        }
        (Some(x), Some(y)) => format!("its 改め文 would give {} where the new version has {}", x.0, y.0),
        (None, Some(y)) => format!("its 改め文 leaves out {} of the new version", y.0),
        (Some(x), None) => format!("its 改め文 would keep {}, which the new version does not have", x.0),
        (None, None) => "its 改め文 does not give the new version".to_string(),
    }
}

fn text_of(n: &Node) -> String {
    crate::export::text::text_with_ruby(n).into_owned()
}

/// The first compared field (other than the text) in which two nodes differ, in words; `None` when
/// [`comparable`] finds them the same (not looking at children, spans or sentences other than columns). The
/// one list of what is compared: [`same_fields`] is its `None`.
fn differing_field(x: &Node, y: &Node) -> Option<&'static str> {
    Some(if x.kind != y.kind {
        "kind of provision"
    } else if x.heading != y.heading || x.heading_raw != y.heading_raw {
        "caption (見出し)"
    } else if x.label != y.label || x.num != y.num || x.num_end != y.num_end || x.scheme != y.scheme {
        "number"
    } else if x.attrs != y.attrs || x.level != y.level {
        "layout or attributes"
    } else if x.deleted != y.deleted {
        "削除 mark"
    } else if x.text != y.text {
        "markup (ruby, emphasis)"
    } else if columns(x).ne(columns(y)) {
        "column split (a term and its definition, e-Gov's <Column>, which no 改め文 can say)"
    } else if x.id != y.id {
        "structure"
    } else {
        return None;
    })
}

/// Per node in document order: where it stands in words, and the node.
fn flat(doc: &Document) -> Vec<(String, &Node)> {
    let mut out = Vec::new();
    let mut path: Vec<(usize, String)> = Vec::new();
    fn go<'a>(n: &'a Node, depth: usize, path: &mut Vec<(usize, String)>, out: &mut Vec<(String, &'a Node)>) {
        path.truncate(depth);
        path.push((depth, super::refs::reader_name(n)));
        let place: String = path.iter().map(|(_, s)| s.as_str()).collect();
        let place = if place.is_empty() { unnamed(n) } else { place };
        out.push((place, n));
        for c in &n.children {
            go(c, depth + 1, path, out);
        }
    }
    for c in &doc.children {
        go(c, 0, &mut path, &mut out);
    }
    out
}

/// The document as compared: title, number and every node's fields but spans and `format` (IDs, numbers,
/// labels, texts), node by node and level by level. Equality is structural (no text is formatted); `Debug`
/// writes one line per node, for a failing test.
pub fn comparable(doc: &Document) -> Comparable<'_> {
    Comparable(doc)
}

/// A document seen as [`comparable`] compares it.
#[derive(Clone, Copy)]
pub struct Comparable<'a>(&'a Document);

impl PartialEq for Comparable<'_> {
    fn eq(&self, other: &Self) -> bool {
        let (a, b) = (self.0, other.0);
        if a.title != b.title || a.number != b.number {
            return false;
        }
        // Sibling lists still to compare; iterative, as deep trees are allowed.
        let mut todo: Vec<(&[Node], &[Node])> = vec![(&a.children, &b.children)];
        while let Some((xs, ys)) = todo.pop() {
            if xs.len() != ys.len() {
                return false;
            }
            for (x, y) in xs.iter().zip(ys) {
                if !same_fields(x, y) {
                    return false;
                }
                todo.push((&x.children, &y.children));
            }
        }
        true
    }
}

impl std::fmt::Debug for Comparable<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "{}|{:?}", self.0.title, self.0.number)?;
        let mut out = Ok(());
        walk::walk(self.0, &mut |n| {
            if out.is_ok() {
                out = writeln!(f, "{}", comparable_node(n));
            }
        });
        out
    }
}

/// The fields [`comparable`] compares of one node (not its children, spans or sentences).
fn same_fields(x: &Node, y: &Node) -> bool {
    differing_field(x, y).is_none()
}

/// The column sentences of a 号 (e-Gov `<Column>`, 「法令　法律及び命令をいう。」): what an amendment's plain
/// text does not say, so what applying must give back ([`super::columns`]).
fn columns(n: &Node) -> impl Iterator<Item = &str> {
    n.sentences.iter().filter(|s| s.role == SentenceRole::Column).map(|s| s.text.as_str())
}

/// A provision that no label or number names (a 前文, a text block), in words for a message: never its ID.
pub(crate) fn unnamed(n: &Node) -> String {
    let word = match n.kind {
        crate::model::Kind::Subitem => "号の細分",
        k => crate::amend::style::kind_word(k),
    };
    format!("the unnumbered {word}")
}

/// One node's compared fields as a line, for messages and test output.
fn comparable_node(n: &Node) -> String {
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

    /// Equality is structural: the same nodes in the same order but under another parent differ; spans and
    /// sentences do not count, every other field does.
    #[test]
    fn comparison_sees_shape_and_fields_but_not_spans() {
        let a = doc("例\n第一条　甲。\n２　乙。\n");
        let mut b = a.clone();
        b.children[0].span = Default::default();
        b.children[0].children[0].sentences.clear();
        assert_eq!(comparable(&a), comparable(&b));
        b.children[0].children[1].heading_raw = Some("（乙）".into());
        assert_ne!(comparable(&a), comparable(&b));
        // The second 項 lifted to the top level: document order and every field unchanged, the shape not.
        let mut c = a.clone();
        let second = c.children[0].children.pop().unwrap();
        c.children.push(second);
        assert_ne!(comparable(&a), comparable(&c));
        assert_eq!(format!("{:?}", comparable(&a)), format!("{:?}", comparable(&c)), "the lines alone agree");
    }

    /// A provision without label or number is named by its kind in words, not by its ID.
    #[test]
    fn a_refusal_about_an_unnumbered_provision_names_no_id() {
        let want = doc("例\n第一条　甲。\n");
        let mut got = want.clone();
        let mut p = Node::new(crate::model::Kind::Preamble);
        p.id = "preamble_1".into();
        p.text = "乙を定める。".into();
        got.children.insert(0, p);
        let msg = first_difference(&got, &want);
        assert_eq!(msg, "its 改め文 would give the unnumbered 前文 where the new version has 第一条");
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

    /// A long 前文 whose difference lies past the first 40 characters is quoted around that difference, so the
    /// two quotes differ; the same words with another layout name the field instead of quoting twice.
    #[test]
    fn a_refusal_quotes_around_the_first_difference() {
        let head = "国家公安委員会は、風俗営業等の規制及び業務の適正化等に関する法律第二十条第三項の規定に基づき、";
        let old = doc(&format!("例\n{head}指定試験機関を指定する規則を次のように定める。\n第一条　甲。\n"));
        let new = doc(&format!("例\n{head}同項の指定試験機関を指定する規則を次のように定める。\n第一条　甲。\n"));
        let msg = first_difference(&old, &new);
        let quotes: Vec<&str> = msg.split('「').skip(1).map(|q| q.split('」').next().unwrap()).collect();
        assert_eq!(quotes.len(), 2, "{msg}");
        assert_ne!(quotes[0], quotes[1], "{msg}");
        assert!(quotes[1].contains("同項の指定") && quotes[0].starts_with('…'), "{msg}");
        let mut attrs = old.clone();
        attrs.children[0].attrs.insert("style".into(), "centered".into());
        let msg = first_difference(&attrs, &old);
        assert!(msg.contains("same words with another layout"), "{msg}");
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
