//! Lawtext-style control tags (`:name:rest` on a line of its own), which the canonical text
//! (`export::text`) writes for what the plain layout cannot say:
//!
//! * `:anonym-paragraph:TEXT`: an unnumbered 項 (also an empty one, which no other line can say);
//! * `:text:TEXT`: a text block of the open provision (a cell of a flattened table);
//! * `:enact-statement:TEXT`: the enacting words of an old law;
//! * `:preamble:TEXT`: a preamble at the top of a document without a title (a plain line there is one), or
//!   whose text would read as a label or heading (`2. …`);
//! * `:attr:[Key="Value"]…`: attributes of the node the line before opened (a 附則's `Type="Amend"`, an
//!   appendix's e-Gov element name);
//! * `:item:一　TEXT`: a 号 (or subitem) directly in an appendix, whose lines are otherwise text;
//! * `:block:` `>`×(depth−1) `[Key="Value"]…` `:TEXT`: a text block with attributes or children, or without
//!   text (e-Gov's `StyleStruct` / `Style` / `Fig src="…"` of a 別記様式), a child of the open appendix or
//!   provision, or with `>` of the block before it at that depth.
//!
//! Attribute values are written with `&`, `"` and `]` escaped (`&amp;`, `&quot;`, `&#93;`). An unknown tag,
//! or a tag that does not fit where it stands, is read as text: no word is lost.

use super::{span_of, Builder, Mode};
use crate::model::{Kind, Node};
use crate::parse::source_lines::SourceLine;

/// `[Key="Value"]…` with the escapes of the module docs, and what follows it; `None` when `s` does not start
/// with a well-formed attribute (or with nothing at all, which is an empty list).
pub(crate) fn read_attrs(mut s: &str) -> Option<(Vec<(String, String)>, &str)> {
    let mut out = Vec::new();
    while let Some(r) = s.strip_prefix('[') {
        let (key, r) = r.split_once("=\"")?;
        if key.is_empty() || !key.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.')) {
            return None;
        }
        let (value, r) = r.split_once("\"]")?;
        if value.contains('"') {
            return None;
        }
        out.push((key.to_string(), unescape(value)));
        s = r;
    }
    Some((out, s))
}

/// Writes attributes as [`read_attrs`] reads them.
pub(crate) fn write_attrs<'a>(attrs: impl IntoIterator<Item = (&'a String, &'a String)>) -> String {
    attrs
        .into_iter()
        .map(|(k, v)| format!("[{k}=\"{}\"]", v.replace('&', "&amp;").replace('"', "&quot;").replace(']', "&#93;")))
        .collect()
}

fn unescape(v: &str) -> String {
    v.replace("&quot;", "\"").replace("&#93;", "]").replace("&amp;", "&")
}

impl Builder<'_> {
    /// Handles a tag line; false when it is not one this builder knows, or does not fit (then it is text).
    pub(super) fn tag(&mut self, l: &SourceLine<'_>, name: &str, rest: &str) -> bool {
        match name {
            "anonym-paragraph" if self.mode != Mode::Appendix => {
                self.end_toc();
                self.mode = super::Mode::Body;
                self.paragraph(l, None, "", rest);
                if rest.is_empty() {
                    // Explicitly empty: a 項 after it must not take its place (see `paragraph`).
                    self.pinned_empty = Some(l.line);
                }
                true
            }
            // A text block of the open provision (canonical text writes table cells read from the indented
            // layout so).
            "text" => {
                // Always a block of its own: never joined to the provision's text as a bare line may be.
                self.text_block(l, rest);
                true
            }
            "enact-statement" => {
                self.end_toc();
                self.close_all();
                let mut n = Node::new(Kind::EnactStatement);
                n.text = rest.to_string();
                n.span = span_of(l);
                self.doc.children.push(n);
                true
            }
            // A preamble where a plain line would be the title (a document without one), or would be read
            // as something else (`2. …`, `目次`): wherever a plain line would be a preamble.
            "preamble" if self.before_body() => {
                if self.mode == Mode::Toc {
                    self.end_toc();
                    self.mode = Mode::Body;
                }
                self.close_all();
                let mut p = Node::new(Kind::Preamble);
                p.text = rest.to_string();
                p.span = span_of(l);
                self.push(p);
                true
            }
            "attr" => match (read_attrs(rest), self.stack.last_mut()) {
                (Some((attrs, "")), Some(top)) if !attrs.is_empty() => {
                    top.attrs.extend(attrs);
                    true
                }
                _ => false,
            },
            "block" => self.block(l, rest),
            "item" if self.mode == Mode::Appendix => self.appendix_item(l, rest),
            _ => false,
        }
    }

    /// `:item:一　…`: a 号 (or subitem) directly in the open appendix, at the level its marker takes.
    fn appendix_item(&mut self, l: &SourceLine<'_>, rest: &str) -> bool {
        let crate::parse::line::LineKind::Marker { marker, label, rest } = crate::parse::line::classify(rest) else {
            return false;
        };
        if !self.stack.iter().any(|n| n.kind == Kind::Appendix) {
            return false;
        }
        let (level, num, scheme) = self.marker_level(&marker);
        // Keeps the appendix and the 号 this one is under; closes the rest.
        self.pop_while(|n| match n.kind {
            Kind::Appendix => true,
            Kind::Item => level >= 1,
            Kind::Subitem => (n.level as usize) < level,
            _ => false,
        });
        let mut it = Node::new(if level == 0 { Kind::Item } else { Kind::Subitem });
        it.level = level as u8;
        it.num = Some(num);
        it.num_end = marker.end.clone().map(Box::new);
        it.scheme = Some(scheme);
        it.label = label.to_string();
        it.text = rest.to_string();
        it.span = span_of(l);
        self.push(it);
        true
    }

    /// `:block:>>[k="v"]:text`: a text block at a depth below the open appendix or provision.
    fn block(&mut self, l: &SourceLine<'_>, rest: &str) -> bool {
        let depth = rest.bytes().take_while(|&b| b == b'>').count();
        let Some((attrs, after)) = read_attrs(&rest[depth..]) else { return false };
        let Some(text) = after.strip_prefix(':') else { return false };
        let Some(at) = self.stack.iter().rposition(|n| {
            matches!(n.kind, Kind::Paragraph | Kind::Item | Kind::Subitem | Kind::Preamble | Kind::Appendix)
        }) else {
            return false;
        };
        while self.stack.len() > at + 1 {
            self.pop();
        }
        let mut t = Node::new(Kind::Text);
        t.text = text.to_string();
        t.attrs.extend(attrs);
        t.span = span_of(l);
        let end = t.span.end;
        let mut parent = &mut self.stack[at];
        for _ in 0..depth {
            match parent.children.last_mut().filter(|c| c.kind == Kind::Text) {
                Some(c) => parent = c,
                None => return false,
            }
        }
        parent.children.push(t);
        self.stack[at].span.end = end;
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attributes_read_back_as_written() {
        let (a, b) = ("Type".to_string(), "say \"x\" & [y]".to_string());
        let w = write_attrs([(&a, &b)]);
        assert_eq!(read_attrs(&w), Some((vec![(a, b)], "")));
        assert_eq!(read_attrs("[src=\"a.pdf\"]:本文"), Some((vec![("src".into(), "a.pdf".into())], ":本文")));
        assert_eq!(read_attrs("[bad key=\"1\"]"), None);
        assert_eq!(read_attrs("本文"), Some((vec![], "本文")));
    }
}
