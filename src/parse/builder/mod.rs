//! Classified lines → the tree. Applies context: the 目次 ends where the body starts again, a caption belongs
//! to the article below it, a line without a marker continues an unfinished sentence (even across a blank
//! line, as PDF pastes break them, or after a full-width line a PDF wrapped just after 「。」: `reflow::wrap`)
//! or starts an unnumbered 項, and a 号/イロハ marker's level is found from
//! the markers already open (イ is first in イロハ but second in アイウ: the scheme comes from the first sibling).
//!
//! The 目次 is built in `toc.rs`, 号 and subitem levels in `lists.rs`.

mod blocks;
mod header;
mod labels;
mod layout;
mod lists;
mod pasted;
pub(crate) mod tags;
#[cfg(test)]
mod tests;
mod toc;

pub use toc::parse_toc_range;

use labels::{label_only, main_provision_of_paragraphs, text_of_label, wrapped_caption, LabelOnly};
use toc::toc_ahead;

use super::line::{classify, Bracket, LineKind};
use super::reflow::wrap::{self, Wrap};
use super::source_lines::{LineInfo, SourceLine};
use super::Parsed;
use crate::diagnostic::Diagnostic;
use crate::error::{Error, Location, Result};
use crate::model::{Document, Kind, Node, Num, Pos, Scheme, SourceFormat, Span};

/// One open level of 号/subitem markers.
struct ListLevel {
    class: (Bracket, u8),
    scheme: Scheme,
    last: Num,
}

#[derive(PartialEq, Eq, Clone, Copy)]
enum Mode {
    Header,
    Toc,
    Body,
    Appendix,
}

struct Builder<'a> {
    name: &'a str,
    doc: Document,
    stack: Vec<Node>,
    levels: Vec<ListLevel>,
    pending_caption: Option<(String, String)>,
    toc: Option<Node>,
    toc_stack: Vec<Node>,
    toc_seen: std::collections::HashSet<Vec<(Kind, Num)>>,
    mode: Mode,
    title_seen: bool,
    number_possible: bool,
    diagnostics: Vec<Diagnostic>,
    /// Comments before the title, and comments waiting for their node (`blocks.rs`).
    header_comments: Vec<String>,
    comments: Vec<blocks::PendingComment>,
    /// The last significant line was a label alone (`一`, `２`, `第三条` with its text on the next line).
    label_only: LabelOnly,
    /// Lines up to (not including) this index were consumed with an earlier line.
    skip_to: usize,
    /// e-Gov's 2013 indented layout, when the text is in it.
    indented: Option<layout::Indented>,
    /// The line of an explicitly empty 項 (`:anonym-paragraph:` alone), which the next 項 must not replace.
    pinned_empty: Option<u32>,
    /// Lines that go on the line above, which a PDF wrapped at its width (`reflow::wrap`).
    wraps: std::collections::HashMap<u32, Wrap>,
}

/// The deepest Markdown list (0 = top level) placed in the tree; deeper is refused with its location.
pub const MAX_LIST_DEPTH: u32 = 100;

/// Builds a document from logical lines. The lines and their classification are freed before the tree is
/// finished (sentences, IDs), so that they are not alive with the whole tree at the peak of a large parse.
pub fn build(name: &str, lines: Vec<SourceLine<'_>>, format: SourceFormat) -> Result<Parsed> {
    // An indented code block's lines are text as they stand (never a heading, label or 章).
    let kinds: Vec<LineKind<'_>> = lines
        .iter()
        .map(|l| match l.info {
            LineInfo::CodeBlock if !l.content.is_empty() => LineKind::Text(l.content),
            // A list item's marker is its label: a number alone after it (`- 0`, `- (1)`) is its text, not a
            // label of its own waiting for its text on the next line.
            LineInfo::ListItem { .. } => match classify(l.content) {
                LineKind::Paragraph { rest: "", .. } | LineKind::Marker { rest: "", .. } => LineKind::Text(l.content),
                k => k,
            },
            _ => classify(l.content),
        })
        .collect();
    let mut b = Builder {
        name,
        doc: Document::new(""),
        stack: Vec::new(),
        levels: Vec::new(),
        pending_caption: None,
        toc: None,
        toc_stack: Vec::new(),
        toc_seen: std::collections::HashSet::new(),
        mode: Mode::Header,
        title_seen: false,
        number_possible: false,
        diagnostics: Vec::new(),
        header_comments: Vec::new(),
        comments: Vec::new(),
        label_only: LabelOnly::No,
        skip_to: 0,
        indented: layout::detect(&lines, &kinds),
        pinned_empty: None,
        wraps: super::reflow::wrap::continuations(&lines),
    };
    b.doc.format = format;
    for i in 0..lines.len() {
        b.line(&lines, &kinds, i)?;
    }
    drop(kinds);
    drop(lines);
    b.finish()
}

fn span_of(l: &SourceLine<'_>) -> Span {
    let start = Pos { line: l.line, column: l.column };
    let end = Pos { line: l.line, column: l.column + l.content.chars().count() as u32 };
    Span { start, end }
}

fn next_significant<'a, 'b>(
    lines: &'b [SourceLine<'a>],
    kinds: &'b [LineKind<'a>],
    i: usize,
) -> Option<&'b LineKind<'a>> {
    (i + 1..lines.len())
        .find(|&k| {
            !matches!(lines[k].info, LineInfo::Comment | LineInfo::TableDelimiter | LineInfo::FrontMatter)
                && kinds[k] != LineKind::Blank
        })
        .map(|k| &kinds[k])
}

/// Lawtext writes ruby inline (`明<Ruby>瞭<Rt>りよう</Rt></Ruby>`). The text keeps the base characters and the
/// reading goes to attr `markup` (`start\tend\tRuby\treading`, byte offsets into `text`), exactly as the
/// e-Gov XML import records `<Ruby>`, so both inputs give the same model.
fn lift_ruby(n: &mut Node) {
    let mut text = String::with_capacity(n.text.len());
    let mut marks = Vec::new();
    let mut rest = n.text.as_str();
    while let Some(i) = rest.find("<Ruby>") {
        text.push_str(&rest[..i]);
        let after = &rest[i + "<Ruby>".len()..];
        let (Some(rt), Some(end)) = (after.find("<Rt>"), after.find("</Ruby>")) else {
            break;
        };
        let rt_end = after.find("</Rt>").filter(|&e| e > rt && e < end);
        let Some(rt_end) = rt_end else { break };
        let start = text.len();
        text.push_str(&after[..rt]);
        marks.push(format!("{start}\t{}\tRuby\t{}", text.len(), &after[rt + "<Rt>".len()..rt_end]));
        rest = &after[end + "</Ruby>".len()..];
    }
    text.push_str(rest);
    if !marks.is_empty() {
        n.text = text;
        n.attrs.insert("markup".into(), marks.join("\n"));
    }
}

fn strip_brackets(s: &str) -> &str {
    let t = s.trim();
    for (o, c) in [('（', '）'), ('(', ')')] {
        if let Some(inner) = t.strip_prefix(o).and_then(|r| r.strip_suffix(c)) {
            return inner;
        }
    }
    t
}

impl<'a> Builder<'a> {
    fn err(&self, l: &SourceLine<'_>, expected: &str, found: &str) -> Error {
        Error::Syntax {
            at: Location { file: self.name.into(), line: l.line, column: l.column },
            expected: expected.into(),
            found: found.into(),
        }
    }

    fn line(&mut self, lines: &[SourceLine<'_>], kinds: &[LineKind<'_>], i: usize) -> Result<()> {
        let l = &lines[i];
        if l.info == LineInfo::Comment {
            self.comment_line(lines, kinds, i);
            return Ok(());
        }
        if l.info == LineInfo::HtmlTable {
            self.html_table_line(lines, i);
            return Ok(());
        }
        if l.info == LineInfo::FrontMatter {
            // `number: 昭和二三年…号` gives the number; other keys are kept as attributes.
            if let Some((k, v)) = l.content.split_once(':') {
                let v = v.trim().trim_matches('"').trim_matches('\'');
                match k.trim() {
                    "number" if self.doc.number.is_none() => self.doc.number = Some(v.to_string()),
                    key if !key.is_empty() && !v.is_empty() => {
                        self.doc.attrs.insert(format!("front_matter.{key}"), v.to_string());
                    }
                    _ => {}
                }
            }
            return Ok(());
        }
        let kind = &kinds[i];
        if *kind == LineKind::Blank || l.info == LineInfo::TableDelimiter {
            return Ok(());
        }
        if self.mode == Mode::Header && self.header_line(l, kind, &header::ahead(lines, kinds, i)) {
            return Ok(());
        }
        if let LineInfo::ListItem { depth, .. } = l.info {
            if depth > MAX_LIST_DEPTH {
                // The model's levels are small numbers: a deeper list cannot be placed faithfully.
                let expected = format!("a list nested at most {MAX_LIST_DEPTH} deep");
                return Err(self.err(l, &expected, &format!("a list item at depth {depth}")));
            }
        }
        if l.info == LineInfo::TableRow {
            self.table_row(l);
            return Ok(());
        }
        if i < self.skip_to {
            return Ok(());
        }
        if let Some((inner, raw, last)) = wrapped_caption(lines, kinds, i) {
            // `（商標法` / `の施行期日）`: e-Gov's 2013 text breaks a line after a law's name, captions too.
            let below = self.label_only == LabelOnly::Article && self.caption_below_article(&inner, &raw);
            let above = !below && matches!(next_significant(lines, kinds, last), Some(LineKind::Article { .. }));
            if below || above {
                if above {
                    self.end_toc();
                    self.mode = Mode::Body;
                    self.pending_caption = Some((inner, raw));
                }
                self.skip_to = last + 1;
                return Ok(());
            }
        }
        let unindented_text = l.column == 1 && l.info == LineInfo::Plain && matches!(kind, LineKind::Text(_));
        if self.indented.as_ref().is_some_and(|d| d.not_label[i] || (unindented_text && self.mode == Mode::Body)) {
            self.label_only = LabelOnly::No;
            self.cell(l, l.content);
            return Ok(());
        }
        let now = if self.mode == Mode::Appendix { LabelOnly::No } else { label_only(l, kind) };
        let after_label = std::mem::replace(&mut self.label_only, now);
        if let (LabelOnly::Article, LineKind::Caption { inner }) = (after_label, kind) {
            // `第一条` alone, then `（免官）`: some e-Gov texts put the caption below the article number.
            if self.caption_below_article(inner, l.content) {
                self.label_only = LabelOnly::Article;
                return Ok(());
            }
        }
        if text_of_label(after_label, kind) {
            // `一` alone, then `様式第一（…）による届出書` or `第三条`: the label's text, never a heading.
            self.label_only = LabelOnly::No;
            self.text(l, l.content);
            return Ok(());
        }
        match kind {
            LineKind::Blank => {}
            LineKind::Toc => {
                self.close_all();
                self.end_toc();
                let mut toc = Node::new(Kind::Toc);
                toc.label = l.content.to_string();
                toc.span = span_of(l);
                self.toc = Some(toc);
                self.mode = Mode::Toc;
            }
            LineKind::Group { kind: gk, num, label, title, range } => {
                let in_toc =
                    self.mode == Mode::Toc || (self.mode == Mode::Header && (range.is_some() || toc_ahead(kinds, i)));
                if in_toc && !self.toc_seen.contains(&self.toc_path(*gk, num)) {
                    if self.toc.is_none() {
                        self.close_all();
                        let mut toc = Node::new(Kind::Toc);
                        toc.span = span_of(l);
                        self.toc = Some(toc);
                    }
                    self.mode = Mode::Toc;
                    self.toc_entry(l, *gk, Some(num.clone()), label, title, *range);
                    return Ok(());
                }
                self.end_toc();
                self.mode = Mode::Body;
                self.group(l, *gk, num, label, title, *range);
            }
            LineKind::Suppl { label, heading, heading_raw, extract } => {
                if self.mode == Mode::Toc {
                    self.toc_entry(l, Kind::SupplProvision, None, label, heading.unwrap_or(""), None);
                    return Ok(());
                }
                self.close_all();
                self.mode = Mode::Body;
                let mut n = Node::new(Kind::SupplProvision);
                n.label = label.to_string();
                n.heading = heading.map(str::to_string);
                n.heading_raw = heading_raw.and_then(|r| raw_if_unusual(r, heading.unwrap_or("")));
                if *extract {
                    n.attrs.insert("extract".into(), "true".into());
                }
                n.span = span_of(l);
                self.push(n);
            }
            LineKind::Appendix { label, rest } => {
                self.end_toc();
                self.close_all();
                self.mode = Mode::Appendix;
                let mut n = Node::new(Kind::Appendix);
                n.label = label.to_string();
                if !rest.is_empty() {
                    // A title that starts with white space keeps it (`line::after_separator`).
                    let heading =
                        if rest.starts_with(char::is_whitespace) { rest.trim_end() } else { strip_brackets(rest) };
                    n.heading = Some(heading.to_string());
                    n.heading_raw = raw_if_unusual(rest, heading);
                }
                n.span = span_of(l);
                self.push(n);
            }
            LineKind::Article { num, num_end, label, rest } if self.mode != Mode::Appendix => {
                self.end_toc();
                self.mode = Mode::Body;
                self.article(l, num, num_end.clone(), label, rest);
            }
            LineKind::Caption { inner } if self.mode != Mode::Appendix => match next_significant(lines, kinds, i) {
                Some(LineKind::Article { .. }) | Some(LineKind::Paragraph { .. }) => {
                    self.end_toc();
                    self.mode = Mode::Body;
                    self.pending_caption = Some((inner.to_string(), l.content.to_string()));
                }
                _ => self.text(l, l.content),
            },
            LineKind::Paragraph { num, label, rest } if self.mode != Mode::Appendix => {
                self.end_toc();
                self.mode = Mode::Body;
                if !self.arabic_item(l, kinds, i, num, label, rest) {
                    self.paragraph(l, Some(num.clone()), label, rest);
                }
            }
            LineKind::Marker { marker, label, rest } if self.mode != Mode::Appendix => {
                self.end_toc();
                self.mode = Mode::Body;
                if !self.circled_paragraph(l, marker, label, rest) {
                    self.marker(l, marker, label, rest);
                }
            }
            LineKind::Tag { name, rest } => {
                if !self.tag(l, name, rest) {
                    self.text(l, l.content);
                }
            }
            _ => {
                let bullet_next =
                    matches!(next_significant(lines, kinds, i), Some(LineKind::Text(t)) if t.starts_with('・'));
                self.list_or_text(l, bullet_next)
            }
        }
        Ok(())
    }

    fn push(&mut self, n: Node) {
        self.stack.push(n);
    }

    fn pop(&mut self) {
        if let Some(mut n) = self.stack.pop() {
            n.shrink_to_fit();
            match self.stack.last_mut() {
                Some(p) => {
                    if n.span.end > p.span.end {
                        p.span.end = n.span.end;
                    }
                    p.children.push(n)
                }
                None => self.doc.children.push(n),
            }
        }
    }

    fn close_all(&mut self) {
        while !self.stack.is_empty() {
            self.pop();
        }
        self.levels.clear();
    }

    fn pop_while(&mut self, mut keep: impl FnMut(&Node) -> bool) {
        while let Some(top) = self.stack.last() {
            if keep(top) {
                break;
            }
            self.pop();
        }
    }

    fn group(&mut self, l: &SourceLine<'_>, kind: Kind, num: &Num, label: &str, title: &str, range: Option<&str>) {
        let rank = kind.group_rank().unwrap_or(0);
        self.pop_while(|n| n.kind == Kind::SupplProvision || n.kind.group_rank().is_some_and(|r| r < rank));
        self.levels.clear();
        let mut n = Node::new(kind);
        n.num = Some(num.clone());
        n.label = label.to_string();
        n.heading = (!title.is_empty()).then(|| title.to_string());
        if title == "削除" {
            n.deleted = true;
        }
        if let Some(r) = range {
            n.attrs.insert("range".into(), r.to_string());
        }
        n.span = span_of(l);
        if let Some((c, _)) = self.pending_caption.take() {
            self.diagnostics.push(
                Diagnostic::warning("orphan-caption", format!("caption （{c}） is not followed by an article"))
                    .at(l.line, 1),
            );
        }
        self.push(n);
    }

    fn article(&mut self, l: &SourceLine<'_>, num: &Num, num_end: Option<Num>, label: &str, rest: &str) {
        self.pop_while(|n| n.kind == Kind::SupplProvision || n.kind.is_group());
        self.levels.clear();
        let mut a = Node::new(Kind::Article);
        a.num = Some(num.clone());
        a.num_end = num_end.map(Box::new);
        a.label = label.to_string();
        a.span = span_of(l);
        let mut text = rest;
        if let Some((inner, raw)) = self.pending_caption.take() {
            a.heading = Some(inner.clone());
            a.heading_raw = raw_if_unusual(&raw, &inner);
        } else if matches!(l.info, LineInfo::Heading(_)) && !rest.is_empty() {
            // `### 第3条　見出し`: in a Markdown heading the rest is the caption.
            a.heading = Some(strip_brackets(rest).to_string());
            if strip_brackets(rest) != rest {
                a.heading_raw = raw_if_unusual(rest, strip_brackets(rest));
            }
            text = "";
        }
        self.push(a);
        let mut p = Node::new(Kind::Paragraph);
        p.num = Some(Num::simple(1));
        p.text = text.to_string();
        pasted::circled_first_paragraph(&mut p);
        p.span = span_of(l);
        self.push(p);
    }

    fn paragraph(&mut self, l: &SourceLine<'_>, num: Option<Num>, label: &str, rest: &str) {
        self.pop_while(|n| {
            matches!(n.kind, Kind::Article | Kind::SupplProvision | Kind::Appendix) || n.kind.is_group()
        });
        self.levels.clear();
        let caption = self.pending_caption.take();
        let mut reuse = false;
        if let Some(top) = self.stack.last_mut() {
            if top.kind == Kind::Article {
                if let Some(last) = top.children.last() {
                    reuse = last.kind == Kind::Paragraph
                        && self.pinned_empty != Some(last.span.start.line)
                        && last.text.is_empty()
                        && last.children.is_empty()
                        && last.label.is_empty()
                        && top.children.len() == 1;
                }
                if reuse {
                    top.children.pop();
                }
            }
        }
        // Counted only for an unnumbered 項: counting for every one is quadratic on long runs of 項.
        // At the top (a 本則 without 条), after the last 項 there: its number, as written or counted.
        let position = || match self.stack.last() {
            Some(t) => t.children_of(Kind::Paragraph).count() as u32 + 1,
            None => self
                .doc
                .children
                .iter()
                .rev()
                .find(|c| c.kind == Kind::Paragraph)
                .and_then(|c| c.num.as_ref())
                .map_or(1, |n| n.main() + 1),
        };
        let mut p = Node::new(Kind::Paragraph);
        p.num = Some(num.unwrap_or_else(|| Num::simple(position())));
        p.label = label.to_string();
        p.text = rest.to_string();
        p.span = span_of(l);
        if let Some((inner, raw)) = caption {
            p.heading = Some(inner.clone());
            p.heading_raw = raw_if_unusual(&raw, &inner);
        }
        self.push(p);
    }

    fn text(&mut self, l: &SourceLine<'_>, content: &str) {
        let after_comment = self.just_after_comment(l);
        if self.mode == Mode::Toc {
            self.end_toc();
            self.mode = Mode::Body;
        }
        let wrap = self.wraps.get(&l.line).copied();
        if self.mode == Mode::Appendix {
            let mut t = Node::new(Kind::Text);
            t.text = content.to_string();
            t.span = span_of(l);
            self.pop_while(|n| n.kind == Kind::Appendix);
            // A cell a PDF wrapped just after its full stop goes on in the next line.
            let cell = self.stack.last_mut().and_then(|a| a.children.last_mut()).filter(|c| c.kind == Kind::Text);
            if let Some(c) = cell.filter(|_| wrap == Some(Wrap::Sure)) {
                join_text(&mut c.text, content);
                c.span.end = t.span.end;
            } else if let Some(a) = self.stack.last_mut() {
                a.span.end = t.span.end;
                a.children.push(t);
            }
            return;
        }
        let end = span_of(l).end;
        if let Some(top) = self.stack.last_mut() {
            // An old law's enacting words (…ヲ定メ…之ヲ施行ス) end without 「。」 and stand apart.
            let enacted = top.kind == Kind::Preamble && labels::enacts(&top.text) && top.text.ends_with('ス');
            // Never into a provision that already holds blocks or items: the words would move before them.
            if matches!(top.kind, Kind::Paragraph | Kind::Item | Kind::Subitem | Kind::Preamble | Kind::Text)
                && top.children.is_empty()
                && !after_comment
                && !enacted
                && (top.text.is_empty()
                    || !ends_sentence(&top.text)
                    || parens_open(&top.text)
                    || content.starts_with("ただし")
                    || content.starts_with("但し")
                    || wrap.is_some())
            {
                if wrap == Some(Wrap::Unsure) && ends_sentence(&top.text) && !parens_open(&top.text) {
                    self.diagnostics.push(wrap::unsure(l, "the same provision"));
                }
                join_text(&mut top.text, content);
                top.span.end = end;
                return;
            }
        }
        if wrap == Some(Wrap::Unsure) {
            self.diagnostics.push(wrap::unsure(l, "a new paragraph"));
        }
        // A new unnumbered paragraph (or preamble before any provision).
        let in_group_only = self.stack.last().is_some_and(|n| n.kind.is_group());
        if self.before_body() {
            self.close_all();
            let mut p = Node::new(Kind::Preamble);
            p.text = content.to_string();
            p.span = span_of(l);
            self.push(p);
            return;
        }
        if in_group_only {
            let mut t = Node::new(Kind::Text);
            t.text = content.to_string();
            t.span = span_of(l);
            self.push(t);
            return;
        }
        self.paragraph(l, None, "", content);
    }

    /// True where a plain line is a preamble (前文): before any provision, with nothing but preambles open.
    fn before_body(&self) -> bool {
        let in_body = self.stack.iter().any(|n| matches!(n.kind, Kind::Article | Kind::SupplProvision))
            || !self.doc.children.iter().all(|c| matches!(c.kind, Kind::Toc | Kind::Preamble | Kind::EnactStatement));
        !in_body && self.stack.iter().all(|n| n.kind == Kind::Preamble)
    }

    fn finish(mut self) -> Result<Parsed> {
        self.close_all();
        self.end_toc();
        if let Some((c, _)) = self.pending_caption.take() {
            self.diagnostics
                .push(Diagnostic::warning("orphan-caption", format!("caption （{c}） is not followed by an article")));
        }
        self.attach_comments();
        let has_provision = |doc: &Document| {
            doc.children.iter().any(|c| {
                let mut found = false;
                crate::model::walk::walk_node(c, &mut |n| found |= matches!(n.kind, Kind::Article | Kind::Paragraph));
                found
            })
        };
        // The 本則 is what stands outside the 附則 and 別表: a 政令 of one paragraph after its 制定文, followed by
        // a 附則, still has a main provision of paragraphs (not a second 前文).
        let main_has_provision = self.doc.children.iter().any(|c| {
            !matches!(c.kind, Kind::SupplProvision | Kind::Appendix) && {
                let mut found = false;
                crate::model::walk::walk_node(c, &mut |n| found |= matches!(n.kind, Kind::Article | Kind::Paragraph));
                found
            }
        });
        if !main_has_provision {
            main_provision_of_paragraphs(&mut self.doc);
        }
        if !has_provision(&self.doc) {
            let l = SourceLine { line: 1, column: 1, content: "", list_marker: "", info: LineInfo::Plain };
            let found = if self.doc.title.is_empty() {
                "an empty document".to_string()
            } else {
                format!("only the text 「{}」", truncate(&self.doc.title, 20))
            };
            return Err(self.err(&l, "a regulation with at least one article (第N条) or paragraph", &found));
        }
        crate::model::walk::walk_mut(&mut self.doc, &mut |n| {
            if n.text.contains("<Ruby>") {
                lift_ruby(n);
            }
            n.shrink_to_fit();
            n.sentences = crate::model::sentences_of(n.kind, &n.text);
            if n.kind == Kind::Article
                && n.children.len() == 1
                && n.children[0].children.is_empty()
                && is_deleted_text(&n.children[0].text)
            {
                n.deleted = true;
            }
            if matches!(n.kind, Kind::Item | Kind::Subitem) && is_deleted_text(&n.text) {
                n.deleted = true;
            }
        });
        self.doc.children.shrink_to_fit();
        crate::model::ids::assign_ids(&mut self.doc);
        Ok(Parsed { document: self.doc, diagnostics: self.diagnostics })
    }
}

/// The caption as written, kept only when it is not the canonical full-width `（inner）` (so a half-width
/// `(目的)` is remembered, for the linter and for faithful output).
fn raw_if_unusual(raw: &str, inner: &str) -> Option<String> {
    (raw != format!("（{inner}）")).then(|| raw.to_string())
}

fn truncate(s: &str, n: usize) -> String {
    let mut out: String = s.chars().take(n).collect();
    if s.chars().count() > n {
        out.push('…');
    }
    out
}

fn is_deleted_text(t: &str) -> bool {
    matches!(t.trim(), "削除" | "削除。")
}

/// Whether a round bracket of the text is still open: a sentence that ends inside it
/// (「（…を除く。」 wrapped there by a PDF) goes on in the next line.
fn parens_open(t: &str) -> bool {
    let depth = t.chars().fold(0i32, |d, c| match c {
        '（' | '(' => d + 1,
        '）' | ')' => d - 1,
        _ => d,
    });
    depth > 0
}

fn ends_sentence(t: &str) -> bool {
    let t = t.trim_end();
    t.ends_with('。') || t.ends_with("。）") || t.ends_with("。」")
}

/// Joins a continuation line: directly for Japanese, with a space between two Latin words.
fn join_text(text: &mut String, more: &str) {
    let need_space = text.chars().last().is_some_and(|c| c.is_ascii_alphanumeric() || c == ',' || c == ';')
        && more.chars().next().is_some_and(|c| c.is_ascii_alphanumeric() || c == '(');
    if need_space {
        text.push(' ');
    }
    text.push_str(more);
}
