//! Labels alone on their line and the captions around them. e-Gov's 2013 text puts every article, 項 and
//! 号 number on a line of its own: the next line is that label's text, even when it looks like a heading
//! (「様式第一（…）による届出書」, a cited 「第三条」). Captions may stand below the article number, or be
//! broken after a law's name over two lines. A law without a single 条 is a main provision of paragraphs.
//!
//! ```
//! let doc = kitei::parse::parse_str("令\n\n第一条\n（目的）\n　目的を定める。\n").unwrap();
//! assert_eq!(doc.children[0].heading.as_deref(), Some("目的"));
//! ```

use super::{raw_if_unusual, Builder};
use crate::model::{Document, Kind, Num};
use crate::parse::line::LineKind;
use crate::parse::source_lines::{LineInfo, SourceLine};

/// What kind of label stood alone on the last significant line.
#[derive(PartialEq, Eq, Clone, Copy)]
pub(super) enum LabelOnly {
    /// No label alone.
    No,
    /// A 項 number or a 号/subitem marker.
    Item,
    /// An article number.
    Article,
}

/// What a line leaves open: a label standing alone, whose text follows on the next line (e-Gov's 2013
/// layout puts every article number and item number on a line of its own).
pub(super) fn label_only(l: &SourceLine<'_>, kind: &LineKind<'_>) -> LabelOnly {
    if l.info != LineInfo::Plain {
        return LabelOnly::No;
    }
    match kind {
        LineKind::Marker { rest, .. } | LineKind::Paragraph { rest, .. } if rest.is_empty() => LabelOnly::Item,
        LineKind::Article { rest: "", num_end: None, .. } => LabelOnly::Article,
        _ => LabelOnly::No,
    }
}

/// Whether a line after a lone label is that label's text although it looks like a heading: an item's text
/// may begin 「様式第一（…）による」 or be a cited 「第三条」; an article's text is never an appendix, 附則 or
/// caption line (another article or a group heading still stands as one: an article has text of its own).
pub(super) fn text_of_label(after: LabelOnly, kind: &LineKind<'_>) -> bool {
    match after {
        LabelOnly::No => false,
        LabelOnly::Item => matches!(
            kind,
            LineKind::Article { .. }
                | LineKind::Group { .. }
                | LineKind::Appendix { .. }
                | LineKind::Suppl { .. }
                | LineKind::Caption { .. }
                | LineKind::Toc
        ),
        LabelOnly::Article => matches!(kind, LineKind::Appendix { .. } | LineKind::Suppl { .. } | LineKind::Toc),
    }
}

/// A caption broken over lines: a line opening a bracket that a following line (within three) closes at
/// its very end, the whole reading as one caption. Returns (inner, raw, index of the last line).
pub(super) fn wrapped_caption(
    lines: &[SourceLine<'_>],
    kinds: &[LineKind<'_>],
    i: usize,
) -> Option<(String, String, usize)> {
    let LineKind::Text(first) = kinds[i] else { return None };
    if !(first.starts_with('（') || first.starts_with('(')) || lines[i].info != LineInfo::Plain {
        return None;
    }
    let depth = |s: &str| {
        s.chars().fold(0i32, |d, c| match c {
            '（' | '(' => d + 1,
            '）' | ')' => d - 1,
            _ => d,
        })
    };
    if depth(first) <= 0 {
        return None;
    }
    let mut raw = first.to_string();
    for (k, l) in lines.iter().enumerate().skip(i + 1).take(3) {
        if l.info != LineInfo::Plain || kinds[k] == LineKind::Blank || l.content.contains('。') {
            return None;
        }
        raw.push_str(l.content);
        match depth(&raw) {
            0 => {
                let LineKind::Caption { inner } = crate::parse::line::classify(&raw) else { return None };
                return Some((inner.to_string(), raw.clone(), k));
            }
            d if d < 0 => return None,
            _ => {}
        }
    }
    None
}

/// Whether a text enacts what follows (…ヲ定メ, …を次のように定める, 制定, 公布).
pub(super) fn enacts(t: &str) -> bool {
    ["定メ", "定める", "制定", "公布"].iter().any(|w| t.contains(w))
}

/// A law without a single 条 (失火ノ責任ニ関スル法律, 年齢計算ニ関スル法律: one sentence, or a few) has a
/// main provision of paragraphs. What was read as 前文 becomes those paragraphs, except a first text that
/// enacts (…ヲ定メ…施行ス, …を次のように定める) when more text follows it. Text before a 目次 stays 前文: the 目次
/// stands before the 本則 (a law cut after its 目次 has no main provision, rather than its 制定文 as one).
pub(super) fn main_provision_of_paragraphs(doc: &mut Document) {
    let after_toc = doc.children.iter().rposition(|c| c.kind == Kind::Toc).map_or(0, |t| t + 1);
    let preambles: Vec<usize> = doc
        .children
        .iter()
        .enumerate()
        .filter(|(i, c)| *i >= after_toc && c.kind == Kind::Preamble)
        .map(|(i, _)| i)
        .collect();
    let skip = usize::from(preambles.len() > 1 && enacts(&doc.children[preambles[0]].text));
    for (k, &i) in preambles.iter().skip(skip).enumerate() {
        let n = &mut doc.children[i];
        n.kind = Kind::Paragraph;
        n.num = Some(Num::simple(k as u32 + 1));
    }
}

impl Builder<'_> {
    /// Gives the open article, still without caption or text, the caption written below its number.
    pub(super) fn caption_below_article(&mut self, inner: &str, raw: &str) -> bool {
        let [.., article, para] = self.stack.as_mut_slice() else { return false };
        if article.kind != Kind::Article || article.heading.is_some() || !para.text.is_empty() {
            return false;
        }
        article.heading = Some(inner.to_string());
        article.heading_raw = raw_if_unusual(raw, inner);
        article.attrs.insert("caption_below".into(), "true".into());
        true
    }
}
