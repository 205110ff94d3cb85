//! Finishing a node once its end tag arrives: numbers from `Num` and from titles, the `markup` attr that
//! keeps inline elements as offset ranges, and the 削除 / enact-statement forms.

use super::builder::Mark;
use super::names;
use crate::model::{Kind, Node, Num};

/// `（目的）` → `目的`; anything else unchanged.
pub(super) fn strip_brackets(s: &str) -> &str {
    for (open, close) in [('（', '）'), ('(', ')')] {
        if let Some(inner) = s.strip_prefix(open).and_then(|r| r.strip_suffix(close)) {
            return inner;
        }
    }
    s
}

/// `16_2` → 16-2; `1:4` → 1 to 4.
pub(super) fn set_num(node: &mut Node, v: &str) {
    match v.split_once(':') {
        Some((a, b)) => {
            node.num = Num::parse_arabic(a);
            node.num_end = Num::parse_arabic(b).map(Box::new);
        }
        None => node.num = Num::parse_arabic(v),
    }
}

/// Items and subitems numbered as their titles say. In excerpts (「イからハまで　略」, then 「ニ」) e-Gov's `Num`
/// often counts the elements (`Num="2"` for ニ) or leaves out a range's end (`Num="1"` for 一から二十五まで),
/// while the title is what is cited and what the text parser reads: when a title is a marker, its value (a
/// katakana read in the scheme of the first sibling, as the text parser does) and its range end win.
fn number_by_titles(children: &mut [Node]) {
    use crate::parse::line::{classify, LineKind, MarkerValue};
    let Some(first) = children.iter().find(|c| matches!(c.kind, Kind::Item | Kind::Subitem)) else { return };
    let aiueo = first.label.starts_with('ア');
    for c in children.iter_mut().filter(|c| matches!(c.kind, Kind::Item | Kind::Subitem)) {
        let line = format!("{}\u{3000}略", c.label);
        let LineKind::Marker { marker, label, .. } = classify(&line) else { continue };
        if label != c.label {
            continue;
        }
        let kana = |k: char| {
            if aiueo {
                crate::model::num::aiueo_index(k)
            } else {
                crate::model::num::iroha_index(k)
            }
        };
        let num = match marker.value {
            MarkerValue::Kanji(n) if c.kind == Kind::Item => Some(n),
            MarkerValue::Kana(k) if c.kind == Kind::Subitem => kana(k).map(Num::simple),
            _ => None,
        };
        if let Some(n) = num {
            c.num = Some(n);
            if marker.end.is_some() {
                c.num_end = marker.end.map(Box::new);
            }
        }
    }
}

/// The `markup` attr: `start<TAB>end<TAB>Element[<TAB>ruby reading]`, one line per mark.
pub(super) fn markup_attr(marks: Vec<Mark>) -> String {
    let mut s = String::new();
    for m in marks {
        if !s.is_empty() {
            s.push('\n');
        }
        s.push_str(&format!("{}\t{}\t{}", m.start, m.end, m.tag));
        if !m.extra.is_empty() {
            s.push('\t');
            s.push_str(&m.extra);
        }
    }
    s
}

pub(super) fn finish_node(node: &mut Node, marks: Vec<Mark>) {
    crate::model::label_sentence_parts(&mut node.sentences);
    number_by_titles(&mut node.children);
    if !marks.is_empty() {
        node.attrs.insert("markup".into(), markup_attr(marks));
    }
    match node.kind {
        Kind::Item | Kind::Subitem => {
            node.scheme = names::scheme_of(node.kind, &node.label);
            if node.text == "削除" && node.children.is_empty() {
                node.deleted = true;
            }
        }
        Kind::Article => {
            if let [p] = node.children.as_slice() {
                if p.kind == Kind::Paragraph && p.text == "削除" && p.children.is_empty() {
                    node.deleted = true;
                }
            }
        }
        Kind::EnactStatement => {
            let t = std::mem::take(&mut node.text);
            node.set_text(t);
        }
        _ => {}
    }
}
