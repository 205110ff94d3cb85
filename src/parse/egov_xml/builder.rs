//! The streaming builder: one frame per open XML element, model nodes built as their end tags arrive.

use super::finish::{finish_node, markup_attr, set_num, strip_brackets};
use super::names::{self, Field, Role};
use super::{xml_error, LineCounter, LAW_ATTRS_KEY};
use crate::error::Result;
use crate::model::{Document, Kind, Node, Sentence, SentenceRole, SourceFormat, Span};
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

/// An inline element inside a sentence (Ruby, Sup, Sub, Line, QuoteStruct…), kept as an offset range.
pub(super) struct Mark {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) tag: String,
    pub(super) extra: String,
}

/// A node being built, with the inline markup of its text.
struct Open {
    node: Node,
    marks: Vec<Mark>,
}

/// Text collected by a sentence or a column.
struct Collect {
    text: String,
    marks: Vec<Mark>,
    role: SentenceRole,
}

enum Frame {
    /// Outside the `<Law>` (the API wrapper's metadata): ignored.
    Outside,
    /// The `<Law>` element.
    Root,
    /// A transparent container.
    Pass,
    Node(Box<Open>),
    Field(Field, String),
    TocLeaf(&'static str, String),
    Sentence(Collect),
    Column(Collect),
    /// An inline element; `record` is false inside titles and inside another element's flattened content.
    Inline {
        tag: String,
        start: usize,
        extra: String,
        record: bool,
    },
    Rt(String),
}

impl Frame {
    fn is_collector(&self) -> bool {
        matches!(self, Frame::Field(..) | Frame::TocLeaf(..) | Frame::Sentence(_) | Frame::Column(_))
    }
}

struct Builder<'a> {
    name: &'a str,
    doc: Document,
    frames: Vec<Frame>,
    lines: LineCounter<'a>,
    seen_law: bool,
    /// Inline markup (`Ruby`, `Sup`…) of the caption being read, offsets into the caption's text.
    caption_marks: Vec<Mark>,
}

/// Reads the whole XML text into a document (IDs not yet assigned).
pub(super) fn build(name: &str, text: &str) -> Result<Document> {
    let mut reader = Reader::from_str(text);
    reader.config_mut().trim_text(false);
    let mut doc = Document::new("");
    doc.format = SourceFormat::EgovXml;
    let mut b = Builder {
        name,
        doc,
        frames: Vec::with_capacity(32),
        lines: LineCounter::new(text),
        seen_law: false,
        caption_marks: Vec::new(),
    };
    loop {
        let before = reader.buffer_position() as usize;
        let event = match reader.read_event() {
            Ok(e) => e,
            Err(e) => {
                let pos = b.lines.at(reader.error_position() as usize);
                return Err(xml_error(name, pos, format!("malformed XML: {e}")));
            }
        };
        let after = reader.buffer_position() as usize;
        if let Event::Start(_) | Event::Empty(_) | Event::Text(_) = &event {
            if let Some((off, c)) = text.get(before..after).and_then(super::limits::forbidden_char) {
                let pos = b.lines.at(before + off);
                return Err(xml_error(name, pos, format!("a character XML does not allow: U+{c:04X}")));
            }
        }
        if let Event::Start(e) | Event::Empty(e) = &event {
            if super::limits::is_xinclude(e.local_name().as_ref()) {
                let pos = b.lines.at(before);
                let msg = "an XInclude element: kitei reads no other file, and will not drop what it includes";
                return Err(xml_error(name, pos, msg));
            }
        }
        if matches!(event, Event::Start(_)) && b.frames.len() >= super::limits::MAX_DEPTH {
            let pos = b.lines.at(before);
            let msg =
                format!("elements nested deeper than {} (e-Gov XML nests about 30 deep)", super::limits::MAX_DEPTH);
            return Err(xml_error(name, pos, msg));
        }
        match event {
            Event::Start(e) => b.start(&e, before)?,
            Event::Empty(e) => {
                b.start(&e, before)?;
                b.end(after)?;
            }
            Event::End(_) => b.end(after)?,
            Event::Text(_) => {
                // The event is exactly text[before..after] (both ends are at `<` or `>`): slicing the
                // input avoids quick-xml validating the UTF-8 of every text node again.
                let raw = text.get(before..after).unwrap_or("");
                if raw.bytes().all(|c| matches!(c, b' ' | b'\t' | b'\r' | b'\n')) {
                    continue;
                }
                if raw.contains('&') {
                    let s = quick_xml::escape::unescape(raw)
                        .map_err(|e| xml_error(name, b.lines.at(before), format!("bad text: {e}")))?;
                    b.text(&s);
                } else {
                    b.text(raw);
                }
            }
            Event::CData(c) => {
                let s = String::from_utf8_lossy(&c.into_inner()).into_owned();
                b.text(&s);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !b.frames.is_empty() {
        let pos = b.lines.at(text.len());
        return Err(xml_error(name, pos, "unexpected end of file: an element is not closed"));
    }
    if !b.seen_law {
        return Err(xml_error(
            name,
            b.lines.at(text.len()),
            "expected e-Gov 法令標準XML: no <Law> element found in the <law_data_response>",
        ));
    }
    Ok(b.doc)
}

/// Calls `f` with each attribute's name and unescaped value, without allocating for the common case.
fn for_attrs(e: &BytesStart, mut f: impl FnMut(&str, std::borrow::Cow<'_, str>)) -> std::result::Result<(), String> {
    for a in e.attributes() {
        let a = a.map_err(|err| format!("bad attribute: {err}"))?;
        let key = std::str::from_utf8(a.key.as_ref()).map_err(|err| format!("bad attribute name: {err}"))?;
        let value = a.unescape_value().map_err(|err| format!("bad attribute value: {err}"))?;
        f(key, value);
    }
    Ok(())
}

impl<'a> Builder<'a> {
    /// Index of the frame that collects text (skipping inline frames), if the context is inline.
    fn collector(&self) -> Option<usize> {
        for (i, f) in self.frames.iter().enumerate().rev() {
            match f {
                Frame::Inline { .. } => continue,
                f if f.is_collector() || matches!(f, Frame::Rt(_)) => return Some(i),
                _ => return None,
            }
        }
        None
    }

    fn collector_len(&self, i: usize) -> usize {
        match &self.frames[i] {
            Frame::Field(_, s) | Frame::TocLeaf(_, s) | Frame::Rt(s) => s.len(),
            Frame::Sentence(c) | Frame::Column(c) => c.text.len(),
            _ => 0,
        }
    }

    fn nearest_node(&mut self) -> Option<&mut Open> {
        self.frames.iter_mut().rev().find_map(|f| match f {
            Frame::Node(o) => Some(o.as_mut()),
            _ => None,
        })
    }

    fn start(&mut self, e: &BytesStart, at: usize) -> Result<()> {
        let local = e.local_name();
        let tag = local.as_ref();
        if !self.seen_law {
            return self.start_outside(e, tag, at);
        }
        if matches!(self.frames.last(), Some(Frame::Outside)) || self.frames.is_empty() {
            self.frames.push(Frame::Outside);
            return Ok(());
        }
        let sentence_in_column = tag == b"Sentence" && matches!(self.frames.last(), Some(Frame::Column(_)));
        if let Some(ci) = self.collector().filter(|_| !sentence_in_column) {
            // Inline context: text flows into the collector.
            if tag == b"Rt" {
                self.frames.push(Frame::Rt(String::new()));
                return Ok(());
            }
            // Markup is recorded in sentences only, and not inside an element whose content is flattened.
            let flattened = self.frames[ci + 1..].iter().any(|f| {
                matches!(f, Frame::Inline { tag, record, .. } if !record || tag == "QuoteStruct" || tag == "ArithFormula")
            });
            let record =
                matches!(self.frames[ci], Frame::Sentence(_) | Frame::Column(_) | Frame::Field(Field::Caption, _))
                    && !flattened;
            let start = self.collector_len(ci);
            let tag = String::from_utf8_lossy(tag).into_owned();
            self.frames.push(Frame::Inline { tag, start, extra: String::new(), record });
            return Ok(());
        }
        let role = names::role(tag);
        let frame = match role {
            Role::Pass => Frame::Pass,
            Role::Field(f) => {
                if f == Field::DocTitle {
                    let attrs = &mut self.doc.attrs;
                    for_attrs(e, |k, v| {
                        if !v.is_empty() && matches!(k, "Kana" | "Abbrev" | "AbbrevKana") {
                            attrs.insert(format!("Title{k}"), v.into_owned());
                        }
                    })
                    .map_err(|m| xml_error(self.name, self.lines.at(at), m))?;
                }
                Frame::Field(f, String::new())
            }
            Role::TocLeaf(t) => Frame::TocLeaf(t, String::new()),
            Role::Sentence => {
                let mut role = SentenceRole::Main;
                for_attrs(e, |k, v| {
                    if k == "Function" && v == "proviso" {
                        role = SentenceRole::Proviso;
                    }
                })
                .map_err(|m| xml_error(self.name, self.lines.at(at), m))?;
                Frame::Sentence(Collect { text: String::new(), marks: Vec::new(), role })
            }
            Role::Column => {
                Frame::Column(Collect { text: String::new(), marks: Vec::new(), role: SentenceRole::Column })
            }
            Role::Rt => Frame::Rt(String::new()),
            Role::TableBody => match self.frames.last_mut() {
                Some(Frame::Node(o)) if o.node.kind == Kind::Table && !o.node.attrs.contains_key("egov") => {
                    let attrs = &mut o.node.attrs;
                    for_attrs(e, |k, v| {
                        if !names::is_default_attr(k, &v) {
                            attrs.insert(k.to_string(), v.into_owned());
                        }
                    })
                    .map_err(|m| xml_error(self.name, self.lines.at(at), m))?;
                    Frame::Pass
                }
                _ => self.node_frame(Kind::Table, 0, Some("Table"), e, at)?,
            },
            Role::Node(kind, level) => self.node_frame(kind, level, None, e, at)?,
            Role::Named(kind) => {
                let name = String::from_utf8_lossy(tag).into_owned();
                self.node_frame(kind, 0, Some(&name), e, at)?
            }
            Role::TocEntry(target) => {
                let mut f = self.node_frame(Kind::TocEntry, 0, None, e, at)?;
                if let Frame::Node(o) = &mut f {
                    o.node.attrs.insert("target".into(), target.into());
                }
                f
            }
        };
        self.frames.push(frame);
        Ok(())
    }

    fn start_outside(&mut self, e: &BytesStart, tag: &[u8], at: usize) -> Result<()> {
        let pos = self.lines.at(at);
        if tag == b"Law" {
            self.seen_law = true;
            // Every attribute as written (zero padding, empty values, e-Gov's own ADYear, DataInfo…), and
            // their order, so that the export writes the same `<Law>` back.
            let attrs = &mut self.doc.attrs;
            let mut order = Vec::new();
            for_attrs(e, |k, v| {
                order.push(k.to_string());
                attrs.insert(k.to_string(), v.into_owned());
            })
            .map_err(|m| xml_error(self.name, pos, m))?;
            attrs.insert(LAW_ATTRS_KEY.into(), order.join(" "));
            self.doc.span.start = pos;
            self.frames.push(Frame::Root);
            return Ok(());
        }
        if self.frames.is_empty() && tag != b"law_data_response" {
            return Err(super::xml_error(
                self.name,
                pos,
                format!(
                    "expected e-Gov 法令標準XML (a <Law> root element, or an e-Gov API <law_data_response>), found <{}>",
                    String::from_utf8_lossy(tag)
                ),
            ));
        }
        self.frames.push(Frame::Outside);
        Ok(())
    }

    fn node_frame(&mut self, kind: Kind, level: u8, egov: Option<&str>, e: &BytesStart, at: usize) -> Result<Frame> {
        let mut node = Node::new(kind);
        node.level = level;
        node.span.start = self.lines.at(at);
        if let Some(name) = egov {
            node.attrs.insert("egov".into(), name.into());
        }
        for_attrs(e, |k, v| match k {
            "Num" if kind != Kind::Text => set_num(&mut node, &v),
            "Delete" if v == "true" => node.deleted = true,
            "Extract" => {
                node.attrs.insert("extract".into(), v.into_owned());
            }
            "AmendLawNum" if kind == Kind::SupplProvision => node.heading = Some(v.into_owned()),
            _ if names::is_default_attr(k, &v) || !names::keeps_attr(kind, k) => {}
            _ => {
                node.attrs.insert(k.to_string(), v.into_owned());
            }
        })
        .map_err(|m| xml_error(self.name, node.span.start, m))?;
        Ok(Frame::Node(Box::new(Open { node, marks: Vec::new() })))
    }

    fn text(&mut self, s: &str) {
        if s.bytes().all(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n')) {
            return;
        }
        match self.frames.iter_mut().rev().find(|f| !matches!(f, Frame::Inline { .. })) {
            Some(Frame::Field(_, buf)) | Some(Frame::TocLeaf(_, buf)) | Some(Frame::Rt(buf)) => buf.push_str(s),
            Some(Frame::Sentence(c)) | Some(Frame::Column(c)) => c.text.push_str(s),
            Some(Frame::Node(o)) => o.node.text.push_str(s),
            _ => {
                // Text directly in a container (invalid e-Gov XML): keep it in the nearest node.
                if let Some(o) = self.nearest_node() {
                    o.node.text.push_str(s);
                }
            }
        }
    }

    fn end(&mut self, at: usize) -> Result<()> {
        let Some(frame) = self.frames.pop() else { return Ok(()) };
        match frame {
            Frame::Outside | Frame::Pass => {}
            Frame::Root => self.doc.span.end = self.lines.at(at),
            Frame::Inline { tag, start, extra, record } => {
                if record {
                    if let Some(ci) = self.collector() {
                        let end = self.collector_len(ci);
                        match &mut self.frames[ci] {
                            Frame::Sentence(c) | Frame::Column(c) => c.marks.push(Mark { start, end, tag, extra }),
                            Frame::Field(..) => self.caption_marks.push(Mark { start, end, tag, extra }),
                            _ => {}
                        }
                    }
                }
            }
            Frame::Rt(reading) => {
                if let Some(Frame::Inline { tag, extra, .. }) = self.frames.last_mut() {
                    if tag == "Ruby" {
                        extra.push_str(&reading);
                    }
                }
            }
            Frame::Field(field, text) => self.set_field(field, text),
            Frame::TocLeaf(target, text) => {
                let mut node = Node::new(Kind::TocEntry);
                node.attrs.insert("target".into(), target.into());
                node.label = text;
                node.span = Span { start: self.lines.at(at), end: self.lines.at(at) };
                self.attach(node);
            }
            Frame::Sentence(mut c) => {
                // The first sentence of a column is the column; later ones keep their own role.
                if let Some(Frame::Column(col)) = self.frames.last_mut() {
                    if col.role == SentenceRole::Column {
                        c.role = SentenceRole::Column;
                        col.role = SentenceRole::Main;
                    }
                }
                self.push_sentence(c);
            }
            Frame::Column(c) => {
                if c.role == SentenceRole::Column {
                    // An empty column still counts.
                    self.push_sentence(c);
                }
            }
            Frame::Node(open) => {
                let Open { mut node, marks } = *open;
                node.span.end = self.lines.at(at);
                finish_node(&mut node, marks);
                self.attach(node);
            }
        }
        Ok(())
    }

    fn push_sentence(&mut self, c: Collect) {
        let Some(open) = self.nearest_node() else { return };
        if c.text.is_empty() && c.role != SentenceRole::Column {
            // `<Sentence/>` (an excerpt's empty 項) says nothing: no sentence, as the text parser reads an
            // empty provision. An empty column still counts.
            return;
        }
        let role = if c.role == SentenceRole::Main { SentenceRole::of_text(&c.text) } else { c.role };
        // A column after the first (even one whose column held two sentences) starts after a full-width space.
        if role == SentenceRole::Column && open.node.sentences.iter().any(|s| s.role == SentenceRole::Column) {
            open.node.text.push('\u{3000}');
        }
        let off = open.node.text.len();
        open.node.text.push_str(&c.text);
        open.marks.extend(c.marks.into_iter().map(|m| Mark { start: m.start + off, end: m.end + off, ..m }));
        open.node.sentences.push(Sentence { role, text: c.text, part: None });
    }

    fn attach(&mut self, node: Node) {
        match self.nearest_node() {
            Some(parent) => parent.node.children.push(node),
            None => self.doc.children.push(node),
        }
    }

    fn set_field(&mut self, field: Field, text: String) {
        match field {
            Field::DocTitle => {
                self.doc.title = text;
                return;
            }
            Field::DocNum => {
                self.doc.number = (!text.is_empty()).then_some(text);
                return;
            }
            _ => {}
        }
        let caption_marks = std::mem::take(&mut self.caption_marks);
        let Some(open) = self.nearest_node() else { return };
        let node = &mut open.node;
        match field {
            Field::Label => node.label = text,
            Field::Caption => {
                // Markup inside the brackets goes to `heading_markup`, offsets into `heading`.
                let inner = strip_brackets(&text);
                let off = inner.as_ptr() as usize - text.as_ptr() as usize;
                let inside: Vec<Mark> = caption_marks
                    .into_iter()
                    .filter(|m| m.start >= off && m.end <= off + inner.len())
                    .map(|m| Mark { start: m.start - off, end: m.end - off, ..m })
                    .collect();
                if !inside.is_empty() {
                    node.attrs.insert("heading_markup".into(), markup_attr(inside));
                }
                // `heading_raw` only when the caption is not the canonical `（heading）`: half-width
                // brackets, or none at all (kept so that the XML writes back as it was).
                match text.strip_prefix('（').and_then(|r| r.strip_suffix('）')) {
                    Some(inner) => node.heading = Some(inner.to_string()),
                    None => {
                        node.heading = Some(strip_brackets(&text).to_string());
                        node.heading_raw = Some(text);
                    }
                }
            }
            Field::GroupTitle => match text.split_once('\u{3000}') {
                Some((label, heading)) => {
                    node.label = label.to_string();
                    node.heading = Some(heading.to_string());
                }
                None => node.label = text,
            },
            Field::RangeText => node.text.push_str(&text),
            Field::DocTitle | Field::DocNum => {}
        }
    }
}
