//! Canonical plain text: the model written back in the law layout (Lawtext-like), so that
//! parse → text → parse gives the same model.
//!
//! Labels are written as they were read (`第十条の二`, `２`, `(1)`, `イ`); the separator after a label is a
//! full-width space. Documents read from Markdown keep their list markers (`1. `, `- `) so that their
//! paragraphs and items come back the same.
//!
//! ```
//! let doc = kitei::parse::parse_str("規程\n（目的）\n第一条　この規程は、例である。\n２　前項は例である。\n").unwrap();
//! let text = kitei::export::text::to_text(&doc);
//! assert_eq!(text, "規程\n\n  （目的）\n第一条　この規程は、例である。\n２　前項は例である。\n");
//! let again = kitei::parse::parse_str(&text).unwrap();
//! assert_eq!(again.find("art_1__para_2").unwrap().text, "前項は例である。");
//! ```

use crate::model::{Document, Kind, Node, SourceFormat};

mod english;
mod ruby;
mod shapes;
mod tags;

pub(crate) use ruby::ruby_spans;
pub use ruby::{caption_with_ruby, text_with_ruby};
use shapes::{
    caption_reads_back, content_column, escape_html, has_cell_attrs, is_list_label, opens_markdown_block,
    reads_as_plain_text, starts_like_ordered_item,
};

/// Attributes the parser keeps for its own purposes, not written as `[Key="Value"]`.
const INTERNAL_ATTRS: &[&str] = &["comments", "comments_end", "number_note"];

/// The prefix of the attributes read from a Markdown file's YAML front matter (`title: …`).
const FRONT_MATTER: &str = "front_matter.";

/// A table as the canonical text writes it inside a provision (pipe rows, or HTML where cells carry
/// attributes), without the blank lines around it: what a 改め文 that rewrites a table quotes.
pub(crate) fn table_to_text(table: &Node) -> String {
    let mut w = Writer {
        out: String::new(),
        indent_groups: true,
        table_indent: 0,
        in_appendix: false,
        untitled: false,
        top: false,
        after_preamble: false,
        front_end: 0,
    };
    w.node(table, 0);
    w.out.trim_matches('\n').to_string()
}

/// Canonical plain text of a document.
pub fn to_text(doc: &Document) -> String {
    if english::is_english(doc) {
        return english::to_text(doc);
    }
    let mut w = Writer {
        out: String::new(),
        indent_groups: doc.format != SourceFormat::Markdown,
        table_indent: 0,
        in_appendix: false,
        untitled: doc.title.is_empty(),
        top: false,
        after_preamble: false,
        front_end: 0,
    };
    // A Markdown document's front matter is written back as front matter: as a law attribute line first,
    // it would make the text plain text (`input::detect_format`), whose reader takes `- ` for words.
    let front_matter = |k: &str| doc.format == SourceFormat::Markdown && k.starts_with(FRONT_MATTER);
    let yaml: Vec<(&str, &String)> =
        doc.attrs.iter().filter(|(k, _)| front_matter(k)).map(|(k, v)| (&k[FRONT_MATTER.len()..], v)).collect();
    if !yaml.is_empty() {
        w.line(0, "---");
        for (k, v) in yaml {
            w.line(0, &format!("{k}: \"{v}\""));
        }
        w.line(0, "---");
        w.front_end = w.out.len();
    }
    if let Some(c) = doc.attrs.get("comments") {
        for line in c.lines() {
            w.line(0, &format!("<!-- {line} -->"));
        }
    }
    let law_attrs: Vec<String> = doc
        .attrs
        .iter()
        .filter(|(k, _)| !INTERNAL_ATTRS.contains(&k.as_str()) && !front_matter(k))
        .map(|(k, v)| format!("[{k}=\"{v}\"]"))
        .collect();
    if !law_attrs.is_empty() {
        w.line(0, &law_attrs.concat());
    }
    let heading = format!("# {}", doc.title);
    if !doc.title.is_empty()
        && doc.format == SourceFormat::Markdown
        && crate::input::detect_format(&heading) == crate::input::InputFormat::Markdown
    {
        // A Markdown title is a heading, and a first line `# …` is how a Markdown document is recognised
        // (`input::detect_format`), however short it is. Not `# 別表…`, which is Lawtext's appendix: such a
        // title stays the plain first line it was.
        w.line(0, &heading);
    } else if !doc.title.is_empty() {
        w.line(0, &doc.title);
    }
    if let Some(n) = &doc.number {
        let note = doc.attrs.get("number_note").map(String::as_str).unwrap_or("");
        w.line(0, &format!("（{n}）{note}"));
    }
    for (i, node) in doc.children.iter().enumerate() {
        w.blank();
        w.top = true;
        w.after_preamble = i > 0 && doc.children[i - 1].kind == Kind::Preamble;
        w.node(node, 0);
    }
    if let Some(c) = doc.attrs.get("comments_end") {
        w.blank();
        w.comment_lines(0, c);
    }
    if doc.format == SourceFormat::Markdown
        && !w.out.trim().is_empty()
        && crate::input::detect_format(&w.out) != crate::input::InputFormat::Markdown
    {
        // Without a title heading or many list items, a Markdown document's text reads as plain text (whose
        // reader takes `1. ` for words), or as an English translation after a `translation-of` comment. An
        // empty front matter says Markdown and adds nothing to the tree.
        w.out.insert_str(0, "---\n---\n");
    }
    w.out
}

struct Writer {
    out: String,
    indent_groups: bool,
    /// Where a table inside a Markdown list item must start (the item's content column).
    table_indent: usize,
    /// Inside an appendix, where the parser reads lines as text: 号 are tagged `:item:`.
    in_appendix: bool,
    /// The document has no title: a plain first line would be read back as one.
    untitled: bool,
    /// The node being written stands at the top of the document (a 本則 without 条).
    top: bool,
    /// The node being written follows a preamble at the top of the document (a plain line may join it).
    after_preamble: bool,
    /// Where the front matter written first ends (0 without one).
    front_end: usize,
}

impl Writer {
    fn line(&mut self, indent: usize, s: &str) {
        if self.out.ends_with("</table>\n") {
            // An HTML block runs to a blank line: without one, the next line would be part of the table.
            self.out.push('\n');
        }
        self.verbatim(indent, s);
    }

    /// A line as it is, even after a table (the lines of a comment are kept as written).
    fn verbatim(&mut self, indent: usize, s: &str) {
        for _ in 0..indent {
            self.out.push(' ');
        }
        self.out.push_str(s);
        self.out.push('\n');
    }

    /// True when the last line written is a Markdown list item at this indentation (a sibling: the list goes
    /// on), or nothing has been written.
    fn after_list_item(&self, indent: usize) -> bool {
        let last = self.out.trim_end_matches('\n').rsplit('\n').next().unwrap_or("");
        let item = last.trim_start_matches(' ');
        item.is_empty()
            || (last.len() - item.len() == indent && item.split_once(' ').is_some_and(|(m, _)| is_list_label(m)))
    }

    /// The column a paragraph's continuation line takes after the last line written: a list item's content
    /// column, else 0.
    fn continuation_column(&self) -> usize {
        let last = self.out.trim_end_matches('\n').rsplit('\n').next().unwrap_or("");
        let item = last.trim_start_matches(' ');
        match item.split_once(' ') {
            Some((m, _)) if is_list_label(m) => last.len() - item.len() + m.len() + 1,
            _ => last.len() - item.len(),
        }
    }

    /// True when the last line written (tag lines aside) ends a sentence, so that a plain line after it
    /// starts a new 項 rather than continuing it (the parser's rule).
    fn after_a_sentence(&self) -> bool {
        let last =
            self.out.lines().rev().find(|l| !l.trim().is_empty() && !l.starts_with(":attr:")).unwrap_or("").trim_end();
        last.is_empty() || last.ends_with('。') || last.ends_with("。）") || last.ends_with("。」")
    }

    /// True when a plain line of this text could be read as markup: a comment (text from a Markdown code
    /// block), or in a Markdown document a list item, heading, quote, fence, table or rule (a paragraph's
    /// continuation line `- …`). Such text is written after a tag (`:anonym-paragraph:`, `:text:`).
    fn reads_as_markup(&self, text: &str) -> bool {
        // `2. …` too: where a paragraph is open it may be read as its continuation, but where none is (after
        // a blank line, a heading, a comment) or where a list is (`1. …` above it) it opens an item.
        text.starts_with("<!--")
            || (!self.indent_groups && (opens_markdown_block(text) || starts_like_ordered_item(text)))
    }

    /// True when the last line written is a line of text a Markdown paragraph goes on from (not a blank line,
    /// a heading, a comment, a table or a tag line).
    fn after_a_text_line(&self) -> bool {
        if self.indent_groups || self.out.ends_with("\n\n") {
            return false;
        }
        let last = self.out.trim_end_matches('\n').rsplit('\n').next().unwrap_or("").trim();
        !(last.is_empty()
            || last.starts_with(['#', '<', '|', ':'])
            || last.ends_with("-->")
            || last.ends_with("</table>"))
    }

    /// True when nothing but law attributes and comments is written yet (a plain line here is a title).
    fn at_the_top(&self) -> bool {
        self.untitled
            && self.out[self.front_end..].lines().all(|l| l.is_empty() || l.starts_with('[') || l.starts_with("<!--"))
    }

    fn blank(&mut self) {
        if !self.out.is_empty() && !self.out.ends_with("\n\n") {
            self.out.push('\n');
        }
    }

    fn labelled(&mut self, indent: usize, label: &str, text: &str) {
        if is_list_label(label) && !label.starts_with("1.") && !label.starts_with("1)") && !self.after_list_item(indent)
        {
            // Markdown lets only a list starting at 1 interrupt a paragraph: `第1条` then `2. …` (a list that
            // starts at its written number) needs a blank line between.
            self.blank();
        }
        let s = if label.is_empty() {
            text.to_string()
        } else if is_list_label(label) {
            format!("{label} {text}")
        } else if text.is_empty() {
            label.to_string()
        } else {
            format!("{label}\u{3000}{text}")
        };
        self.line(indent, &s);
    }

    fn caption(&mut self, node: &Node, indent: usize) {
        if let Some(raw) = caption_with_ruby(node) {
            self.line(indent, &raw);
        }
    }

    /// Comment lines kept as written (`<!-- … -->`, one line or many), at an indentation that keeps them
    /// where they stood: inside a Markdown list item they take the item's indentation.
    fn comment_lines(&mut self, indent: usize, comments: &str) {
        for l in comments.split('\n') {
            self.verbatim(if l.is_empty() { 0 } else { indent }, l);
        }
    }

    /// The comments that stood before this node in the source (the parser keeps them in `attrs["comments"]`).
    fn comments_before(&mut self, node: &Node) {
        let Some(c) = node.attrs.get("comments") else { return };
        let indent = match node.kind {
            Kind::Item | Kind::Subitem if is_list_label(&node.label) => {
                let level = if node.kind == Kind::Item { 0 } else { node.level as usize };
                4 * (level + 1)
            }
            Kind::Table | Kind::TableRow | Kind::Text => self.table_indent,
            Kind::Paragraph => self.paragraph_column(node),
            _ => 0,
        };
        self.comment_lines(indent, c);
    }

    /// The column of the comments before an unlabelled 項 in Markdown (and of the 項 after them): right under
    /// a line (text, a tag line, a comment, a table row), that line's content column, inside the list item
    /// it may stand in (a comment at column 0 would end the list, and what nests in the item after it would
    /// read back as words), else 0.
    fn paragraph_column(&self, node: &Node) -> usize {
        if !self.indent_groups && node.label.is_empty() && !self.out.is_empty() && !self.out.ends_with("\n\n") {
            self.continuation_column()
        } else {
            0
        }
    }

    fn node(&mut self, node: &Node, depth: usize) {
        let top = std::mem::take(&mut self.top);
        let gi = if self.indent_groups { 1 } else { 0 };
        // Where the comments before an unlabelled 項 went (inside a list item or not): the 項 goes there too.
        let after_comments = if node.kind == Kind::Paragraph && node.attrs.contains_key("comments") {
            Some(self.paragraph_column(node))
        } else {
            None
        };
        self.comments_before(node);
        match node.kind {
            Kind::Toc => {
                // A 目次 recognised from its ranges alone had no heading line; write none.
                if !node.label.is_empty() {
                    self.line(0, &node.label);
                }
                for c in &node.children {
                    self.node(c, 1);
                }
            }
            Kind::TocEntry => {
                let mut s = node.label.clone();
                match &node.heading {
                    // A 附則's heading is read from its brackets (`附則（令和五年規程第十二号）`): without them
                    // the entry read back as a 前文.
                    Some(h) if node.attrs.get("target").is_some_and(|t| t == "suppl") => {
                        s.push_str(&format!("（{h}）"));
                    }
                    Some(h) => {
                        s.push('\u{3000}');
                        s.push_str(h);
                    }
                    None => {}
                }
                s.push_str(&node.text);
                self.line(2 * depth, &s);
                for c in &node.children {
                    self.node(c, depth + 1);
                }
            }
            Kind::Preamble => {
                if self.at_the_top()
                    || (self.after_preamble && !self.after_a_sentence())
                    || !reads_as_plain_text(&node.text)
                {
                    // A plain line here would be read as the title, continue the text before it, or be read
                    // as what it looks like (`2. …` a 項, `目次` a 目次).
                    self.line(0, &format!(":preamble:{}", node.text));
                } else if self.reads_as_markup(&node.text) {
                    self.line(0, &format!(":preamble:{}", node.text));
                } else {
                    self.line(0, &node.text);
                }
                self.children(node, depth);
            }
            Kind::EnactStatement => self.line(0, &format!(":enact-statement:{}", node.text)),
            k if k.is_group() => {
                let rank = k.group_rank().unwrap_or(1) as usize;
                let indent = gi * (2 + 2 * rank);
                let mut s = node.label.clone();
                if let Some(h) = &node.heading {
                    s.push('\u{3000}');
                    s.push_str(h);
                }
                if let Some(r) = node.attrs.get("range") {
                    s.push_str(r);
                }
                self.line(indent, &s);
                self.attr_line(node);
                for c in &node.children {
                    if !Self::continues_a_sentence(c) {
                        self.blank();
                    }
                    self.node(c, depth);
                }
            }
            Kind::Article if node.attrs.get("caption_below").is_some_and(|v| v == "true") => {
                // As written: the number alone, the caption below it, then the text.
                self.line(0, &node.label);
                self.caption(node, 2 * gi);
                self.children(node, depth);
            }
            Kind::Article if !self.indent_groups && Self::without_text(node) => {
                // Markdown: an article with no text of its own came from a heading (`### 第1条　目的`). A
                // number alone on a plain line would take the next line (`附則`) as its text: a heading again.
                let mut s = format!("### {}", node.label);
                if let Some(raw) = caption_with_ruby(node) {
                    s.push('\u{3000}');
                    s.push_str(if node.heading_raw.is_none() { node.heading.as_deref().unwrap_or("") } else { &raw });
                }
                self.line(0, &s);
                for c in &node.children {
                    self.children(c, depth);
                }
            }
            Kind::Article if !self.indent_groups && !caption_reads_back(node) => {
                // Markdown: a caption that would not read back from its own line (`（…。）`, an unclosed
                // bracket) is written in the heading it came from (`### 第19条　…`), the text below it.
                let heading = node.heading.as_deref().unwrap_or("");
                self.line(0, &format!("### {}\u{3000}{heading}", node.label));
                self.blank();
                for c in &node.children {
                    self.node(c, depth);
                }
            }
            Kind::Article => {
                self.caption(node, 2 * gi);
                let mut first = true;
                for c in &node.children {
                    if first && c.kind == Kind::Paragraph && c.label.is_empty() && c.heading.is_none() {
                        if c.text.is_empty() && c.children.is_empty() && node.children.len() > 1 {
                            // An empty 項 before others (an excerpt's placeholder): said explicitly, or the
                            // next 項 would take its place.
                            self.line(0, &node.label);
                            self.comments_before(c);
                            self.line(0, ":anonym-paragraph:");
                            self.attr_line(c);
                        } else if c.attrs.contains_key("comments") {
                            // `第1条` / the comment / the text: the comment stood between them.
                            self.line(0, &node.label);
                            self.comments_before(c);
                            if self.reads_as_markup(&c.text) {
                                self.line(0, &format!(":anonym-paragraph:{}", text_with_ruby(c)));
                            } else {
                                self.line(0, &text_with_ruby(c));
                            }
                        } else {
                            self.labelled(0, &node.label, &text_with_ruby(c));
                        }
                        self.children(c, depth);
                    } else {
                        if first {
                            self.line(0, &node.label);
                        }
                        self.node(c, depth);
                    }
                    first = false;
                }
                if node.children.is_empty() {
                    self.line(0, &node.label);
                }
            }
            Kind::Paragraph => {
                self.caption(node, 2 * gi);
                let joins = !node.text.ends_with('。')
                    || node.text.starts_with("ただし")
                    || node.text.starts_with("但し")
                    || !self.after_a_sentence();
                let implicit = node.text.is_empty() && node.attrs.get("implicit").is_some_and(|v| v == "true");
                // A 本則 of paragraphs without 条 is told by its tag: read as a plain line after a 制定文 it
                // could come back as a second 前文, once another 項 of the 本則 is tagged.
                // The column of a list item's content this 項 was written at (its blocks stay there).
                let mut inside = 0;
                if node.label.is_empty()
                    && !implicit
                    && ((node.num.as_ref().is_some_and(|n| n.main() > 1) && joins)
                        || (top && !node.text.is_empty())
                        || (!node.text.is_empty() && self.at_the_top())
                        || self.reads_as_markup(&node.text))
                {
                    // Read as a plain line it would continue the text before it, be the title, open a
                    // comment (text from a Markdown code block), or open a list item, heading or quote
                    // (a Markdown paragraph's continuation line `- …`).
                    // Under a line of text it stays at that line's column: inside a list item's content, so
                    // that the item (and what nests in it after this line) goes on.
                    let indent = match after_comments {
                        Some(column) => column,
                        None if self.after_a_text_line() => self.continuation_column(),
                        None => 0,
                    };
                    self.line(indent, &format!(":anonym-paragraph:{}", text_with_ruby(node)));
                    self.attr_line(node);
                    inside = indent;
                } else if node.text.is_empty() && node.label.is_empty() {
                    // An implicit paragraph holding items directly.
                } else if Self::continues_a_sentence(node) {
                    // `2. …` read as text: it continued a sentence (Markdown lets no list but one starting
                    // at 1 interrupt a paragraph). Written as it stood, right under the line before, inside
                    // the list item that line opens, so that it is read as that continuation again.
                    let indent = self.continuation_column();
                    self.line(indent, &text_with_ruby(node));
                    inside = indent;
                } else {
                    inside = if node.label.is_empty() { after_comments.unwrap_or(0) } else { 0 };
                    self.labelled(inside, &node.label, &text_with_ruby(node));
                    self.attr_line(node);
                }
                let saved = self.table_indent;
                if is_list_label(&node.label) {
                    // A table inside a `1.` 項 is indented into it: at column 0 it would end the list, and
                    // the 号 after it would come back at the top level.
                    self.table_indent = content_column(0, &node.label);
                } else if inside > 0 {
                    self.table_indent = inside;
                }
                self.children(node, depth);
                self.table_indent = saved;
            }
            Kind::Item | Kind::Subitem => {
                let level = if node.kind == Kind::Item { 0 } else { node.level as usize };
                let list = is_list_label(&node.label);
                let indent = if list { 4 * (level + 1) } else { 2 * (level + 1) };
                if self.in_appendix && !list && !node.label.is_empty() {
                    // An appendix of 号 (e-Gov's `<AppdxTable><Item>`): its lines would be read as text.
                    self.line(0, &format!(":item:{}\u{3000}{}", node.label, text_with_ruby(node)));
                } else {
                    self.labelled(indent, &node.label, &text_with_ruby(node));
                }
                self.attr_line(node);
                let saved = self.table_indent;
                if list {
                    self.table_indent = content_column(indent, &node.label);
                }
                self.children(node, depth);
                self.table_indent = saved;
            }
            Kind::SupplProvision => {
                let mut s = node.label.clone();
                if let Some(raw) = caption_with_ruby(node) {
                    s.push_str(&raw);
                }
                if node.attrs.get("extract").is_some_and(|v| v == "true") {
                    s.push_str("\u{3000}抄");
                }
                self.line(6 * gi, &s);
                self.attr_line(node);
                self.blank();
                for c in &node.children {
                    self.node(c, depth);
                }
            }
            Kind::Appendix => {
                let mut s = node.label.clone();
                if let Some(raw) = caption_with_ruby(node) {
                    if !raw.starts_with(['（', '(']) {
                        // `別表第一　第一号法定受託事務（第二条関係）`: a title, not a bracket, follows the label.
                        s.push('\u{3000}');
                    }
                    s.push_str(&raw);
                }
                self.line(0, &s);
                self.attr_line(node);
                self.blank();
                self.in_appendix = true;
                self.children(node, depth);
                self.in_appendix = false;
            }
            Kind::Table if has_cell_attrs(node) => self.html_table(node),
            Kind::Table => {
                self.blank();
                if self.out.ends_with("</table>\n\n") {
                    // A pipe row one blank line after a one-row table's last row continues that table.
                    self.out.push('\n');
                }
                for (i, row) in node.children.iter().enumerate() {
                    self.comments_before(row);
                    let cells: Vec<String> = row.children.iter().map(|c| c.full_text().replace('|', "｜")).collect();
                    self.line(self.table_indent, &format!("| {} |", cells.join(" | ")));
                    if i == 0 {
                        self.line(self.table_indent, &format!("|{}", "---|".repeat(cells.len().max(1))));
                    }
                }
                self.blank();
            }
            _ => {
                if node.kind == Kind::Text && self.reads_as_markup(&node.text) {
                    // Outside a provision `:text:` is a plain line of text, never markup.
                    self.line(0, &format!(":text:{}", node.text));
                } else if !node.text.is_empty() {
                    self.line(0, &node.text);
                }
                self.children(node, depth);
            }
        }
    }

    /// A table whose cells have attributes, which a pipe table cannot say: written as HTML.
    fn html_table(&mut self, node: &Node) {
        self.blank();
        self.line(self.table_indent, "<table>");
        for row in &node.children {
            self.comments_before(row);
            let mut s = String::from("<tr>");
            for c in &row.children {
                s.push_str("<td");
                for (k, v) in &c.attrs {
                    s.push_str(&format!(" {k}=\"{}\"", escape_html(v)));
                }
                s.push('>');
                s.push_str(&escape_html(&c.full_text()));
                s.push_str("</td>");
            }
            s.push_str("</tr>");
            self.line(self.table_indent, &s);
        }
        self.line(self.table_indent, "</table>");
        self.blank();
    }

    /// True when an article has no text of its own: no children, or one implicit paragraph without text,
    /// caption or comments.
    fn without_text(node: &Node) -> bool {
        match node.children.first() {
            None => true,
            Some(p) => {
                node.children.len() == 1
                    && p.kind == Kind::Paragraph
                    && p.label.is_empty()
                    && p.text.is_empty()
                    && p.heading.is_none()
                    && !p.attrs.contains_key("comments")
            }
        }
    }

    /// A paragraph with no label whose text begins `2. …`: it must follow the line before it directly.
    fn continues_a_sentence(node: &Node) -> bool {
        node.kind == Kind::Paragraph
            && node.label.is_empty()
            && node.heading.is_none()
            && !node.attrs.contains_key("comments")
            && starts_like_ordered_item(&node.text)
    }

    fn children(&mut self, node: &Node, depth: usize) {
        for c in &node.children {
            let in_provision = matches!(node.kind, Kind::Paragraph | Kind::Item | Kind::Subitem | Kind::Preamble);
            if c.kind == Kind::Text && (in_provision || node.kind == Kind::Appendix) && !tags::is_plain_text(c) {
                // With attributes, children or no text: a block, which a plain line cannot say.
                self.block(c, 0);
                continue;
            }
            if c.kind == Kind::Text && in_provision {
                // A text block inside a provision (a cell of a flattened table): tagged, so that it is read
                // back as one and never as a label.
                self.comments_before(c);
                // Inside a Markdown list item, at its content column (at column 0 it would end the list).
                self.line(self.table_indent, &format!(":text:{}", c.text));
                continue;
            }
            self.node(c, depth);
        }
    }
}

#[cfg(test)]
#[path = "text_tests.rs"]
mod tests;
