//! Sentences and inline markup: a node's `text`, split by its `sentences`, with the `markup` attr restored.

use crate::model::{split_sentences, Node, SentenceRole};
use quick_xml::escape::escape;

/// An inline element over `start..end` (byte offsets into a node's text).
pub(super) struct Mark {
    start: usize,
    end: usize,
    tag: String,
    extra: String,
}

const INLINE: [&str; 6] = ["Line", "QuoteStruct", "ArithFormula", "Ruby", "Sup", "Sub"];

/// Reads the `markup` attr (`start<TAB>end<TAB>Tag[<TAB>reading]` per line), sorted outermost first.
pub(super) fn marks(node: &Node) -> Vec<Mark> {
    parse_marks(node.attrs.get("markup"), &node.text)
}

/// The marks of the node's caption as written by [`super::body`] (`heading_raw`, else `（heading）`): the
/// `heading_markup` attr, moved to where the heading stands in the caption.
pub(super) fn caption_marks(node: &Node, caption: &str) -> Vec<Mark> {
    let Some(h) = node.heading.as_deref().filter(|h| !h.is_empty()) else { return Vec::new() };
    let off = match &node.heading_raw {
        None => '（'.len_utf8(),
        Some(raw) => match raw.find(h) {
            Some(i) => i,
            None => return Vec::new(),
        },
    };
    let mut out = parse_marks(node.attrs.get("heading_markup"), h);
    for m in &mut out {
        m.start += off;
        m.end += off;
    }
    out.retain(|m| m.end <= caption.len());
    out
}

fn parse_marks(spec: Option<&String>, text: &str) -> Vec<Mark> {
    let mut out: Vec<Mark> = spec
        .map(|s| {
            s.lines()
                .filter_map(|l| {
                    let mut f = l.split('\t');
                    let start = f.next()?.parse().ok()?;
                    let end = f.next()?.parse().ok()?;
                    let tag = f.next()?.to_string();
                    let extra = f.next().unwrap_or("").to_string();
                    let ok = INLINE.contains(&tag.as_str())
                        && start < end
                        && end <= text.len()
                        && text.is_char_boundary(start)
                        && text.is_char_boundary(end);
                    ok.then_some(Mark { start, end, tag, extra })
                })
                .collect()
        })
        .unwrap_or_default();
    out.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    out
}

/// One sentence of the node's text: its role and byte range.
pub(super) struct Piece {
    pub role: SentenceRole,
    pub start: usize,
    pub end: usize,
}

/// Splits the node's text into sentences: by `sentences` when they add up to `text` (columns joined by
/// U+3000), else by [`split_sentences`].
pub(super) fn pieces(node: &Node) -> Vec<Piece> {
    let text = &node.text;
    let mut out = Vec::with_capacity(node.sentences.len());
    let mut cur = 0;
    let mut seen_column = false;
    let mut ok = true;
    for s in &node.sentences {
        if s.role == SentenceRole::Column && seen_column {
            if text[cur..].starts_with('\u{3000}') {
                cur += '\u{3000}'.len_utf8();
            } else {
                ok = false;
                break;
            }
        }
        if !text[cur..].starts_with(s.text.as_str()) {
            ok = false;
            break;
        }
        out.push(Piece { role: s.role, start: cur, end: cur + s.text.len() });
        cur += s.text.len();
        seen_column |= s.role == SentenceRole::Column;
    }
    if ok && cur == text.len() {
        return out;
    }
    let mut cur = 0;
    split_sentences(text)
        .into_iter()
        .map(|s| {
            let p = Piece { role: s.role, start: cur, end: cur + s.text.len() };
            cur = p.end;
            p
        })
        .collect()
}

/// Writes `text[start..end]` escaped, with the marks that fall inside it as elements.
pub(super) fn write_range(out: &mut String, text: &str, start: usize, end: usize, marks: &[Mark], parent: &str) {
    let mut cur = start;
    let mut i = 0;
    while i < marks.len() {
        let m = &marks[i];
        // Marks nested in this one follow it (sorted by start, outermost first).
        let j = i + 1 + marks[i + 1..].iter().take_while(|n| n.start < m.end).count();
        if m.start < cur || m.end > end || !allowed_in(parent, &m.tag) {
            i += 1;
            continue;
        }
        out.push_str(&escape(&text[cur..m.start]));
        out.push('<');
        out.push_str(&m.tag);
        out.push('>');
        write_range(out, text, m.start, m.end, &marks[i + 1..j], &m.tag);
        if m.tag == "Ruby" && !m.extra.is_empty() {
            out.push_str("<Rt>");
            out.push_str(&escape(m.extra.as_str()));
            out.push_str("</Rt>");
        }
        out.push_str("</");
        out.push_str(&m.tag);
        out.push('>');
        cur = m.end;
        i = j;
    }
    out.push_str(&escape(&text[cur..end]));
}

fn allowed_in(parent: &str, tag: &str) -> bool {
    match parent {
        "Sentence" => true,
        "Line" => tag != "Line",
        // Captions and titles: the schema allows Line, Ruby, Sup and Sub.
        p if p.ends_with("Caption") || p.ends_with("StructTitle") || p == "RelatedArticleNum" => {
            matches!(tag, "Line" | "Ruby" | "Sup" | "Sub")
        }
        _ => false,
    }
}
