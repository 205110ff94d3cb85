//! Kanji/kana fidelity: the kanji and kana of the input, in order, equal those of the model.
//!
//! Punctuation, spaces, digits and Latin letters may be normalised by the parser (full-width digits in
//! labels, brackets around captions), but no word may be lost, altered or moved. The model is read back in
//! source order: comments, title, number, then for each node its caption (above a provision), label,
//! heading, text (with ruby readings after their base characters) and children.

use crate::model::{Document, Kind, Node};

/// Whether a character counts for fidelity: hiragana, katakana (without the middle dot), 々 〆 and CJK
/// ideographs.
pub fn is_kanji_or_kana(c: char) -> bool {
    matches!(c as u32,
        0x3041..=0x309F   // hiragana
        | 0x30A1..=0x30FA // katakana (without the middle dot)
        | 0x30FC..=0x30FF // prolonged sound mark, iteration marks
        | 0x3005 | 0x3006 // 々 〆
        | 0x4E00..=0x9FFF // CJK unified ideographs
        | 0x3400..=0x4DBF
        | 0xF900..=0xFAFF)
}

/// The kanji and kana of a text, in order.
pub fn jp(s: &str) -> String {
    s.chars().filter(|&c| is_kanji_or_kana(c)).collect()
}

/// The kanji and kana of the model in source order (see the module documentation). `input` is the text the
/// document was parsed from: it tells a Markdown heading's inline caption (`### 第1条　目的`) from a caption
/// on its own line above the provision.
pub fn model_sequence(doc: &Document, input: &str) -> String {
    let lines: Vec<&str> = input.lines().collect();
    let mut out = String::new();
    if let Some(c) = doc.attrs.get("comments") {
        out.push_str(&jp(c));
    }
    out.push_str(&jp(&doc.title));
    out.push_str(&jp(doc.number.as_deref().unwrap_or("")));
    out.push_str(&jp(doc.attrs.get("number_note").map(String::as_str).unwrap_or("")));
    for c in &doc.children {
        node(c, &mut out, &lines);
    }
    // Comments after the last node.
    if let Some(c) = doc.attrs.get("comments_end") {
        out.push_str(&jp(c));
    }
    out
}

fn node(n: &Node, out: &mut String, lines: &[&str]) {
    // A caption stands above its provision, except in a Markdown heading (`### 第1条　目的`).
    let own_line = (n.span.start.line as usize).checked_sub(1).and_then(|i| lines.get(i)).copied().unwrap_or("");
    let after_label = own_line
        .trim_start_matches(['#', ' ', '\u{3000}'])
        .strip_prefix(n.label.as_str())
        .map(|r| r.trim_start_matches([' ', '\u{3000}', '（', '(']));
    let inline_caption = own_line.starts_with('#')
        && !n.label.is_empty()
        && n.heading.as_ref().is_some_and(|h| after_label.is_some_and(|r| r.starts_with(h.as_str())));
    // `第一条` / `（免官）`: e-Gov's 2013 text may put the caption below the number.
    let below = n.attrs.get("caption_below").is_some_and(|v| v == "true");
    let caption_first = matches!(n.kind, Kind::Article | Kind::Paragraph) && !inline_caption && !below;
    // A comment stands before the node it is kept with, caption included.
    if let Some(c) = n.attrs.get("comments") {
        out.push_str(&jp(c));
    }
    let heading = n.heading_raw.clone().or_else(|| n.heading.clone()).unwrap_or_default();
    if caption_first {
        out.push_str(&jp(&heading));
    }
    out.push_str(&jp(&n.label));
    if !caption_first {
        out.push_str(&jp(&heading));
    }
    if n.attrs.get("extract").is_some_and(|v| v == "true") {
        out.push('抄');
    }
    if let Some(r) = n.attrs.get("range") {
        out.push_str(&jp(r));
    }
    // Ruby readings (kept in attr `markup`) stand after their base characters in the input.
    out.push_str(&jp(&crate::export::text::text_with_ruby(n)));
    for c in &n.children {
        node(c, out, lines);
    }
}

/// Where the model's kanji and kana first differ from the input's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mismatch {
    /// The index (in kanji/kana characters) of the first difference.
    pub at: usize,
    /// Kanji and kana of the input around the difference.
    pub input_context: String,
    /// Kanji and kana of the model around the difference.
    pub model_context: String,
}

impl std::fmt::Display for Mismatch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "kanji/kana differ at character {}: input …{}… model …{}…",
            self.at, self.input_context, self.model_context
        )
    }
}

/// Checks that the kanji and kana of `input`, in order, equal those of `doc` (parsed from `input`).
///
/// ```
/// let text = "規程\n第1条　この規程は、例である。\n";
/// let doc = kitei::parse::parse_str(text).unwrap();
/// assert!(kitei::conformance::fidelity(text, &doc).is_ok());
/// let mut lost = doc.clone();
/// lost.children[0].children[0].set_text("この規程は、例。");
/// assert!(kitei::conformance::fidelity(text, &lost).unwrap_err().input_context.contains("である"));
/// ```
pub fn fidelity(input: &str, doc: &Document) -> Result<(), Mismatch> {
    let (a, b) = (jp(input), model_sequence(doc, input));
    if a == b {
        return Ok(());
    }
    let at = a.chars().zip(b.chars()).position(|(x, y)| x != y).unwrap_or(a.chars().count().min(b.chars().count()));
    let ctx = |s: &str| s.chars().skip(at.saturating_sub(20)).take(50).collect::<String>();
    Err(Mismatch { at, input_context: ctx(&a), model_context: ctx(&b) })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_kanji_and_kana_count() {
        assert_eq!(jp("第１条（目的）　A・b、ア々ー"), "第条目的ア々ー");
    }

    #[test]
    fn a_dropped_word_is_found_at_its_place() {
        let text = "規程\n第1条　甲は乙とする。\n第2条　丙は丁とする。\n";
        let doc = crate::parse::parse_str(text).unwrap();
        fidelity(text, &doc).unwrap();
        let mut d = doc.clone();
        d.children[1].children[0].set_text("丙とする。");
        let m = fidelity(text, &d).unwrap_err();
        assert_eq!(m.at, jp("規程第条甲は乙とする第条丙").chars().count());
    }
}
