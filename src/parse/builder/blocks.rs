//! HTML blocks in the source: comments and `<table>`s.
//!
//! A comment (`<!-- … -->`, one line or many: a drafter's note, a commented-out chapter) is never regulation
//! text. Before the title it goes to the document's `attrs["comments"]` (its inner text, one line per line,
//! as before). Elsewhere it is kept, as written, in `attrs["comments"]` of the node it stands before: the
//! first node, in document order, that starts at or after the next line of text; comments after the last
//! node go to the document's `attrs["comments_end"]`. The canonical text writes them back at those places.
//! A comment also ends a sentence broken across lines (the next line starts a new 項), so that the comment's
//! place among the words is kept.
//!
//! An HTML `<table>` becomes the model's table (see [`crate::parse::html_table`]); one it cannot read is
//! kept as text lines, with a warning naming its line: text blocks (`Kind::Text`) of the open provision, so
//! that a table nested in a list item stays in that item.

use super::{span_of, Builder, Mode};
use crate::diagnostic::Diagnostic;
use crate::model::{Document, Kind, Node, Pos, Span};
use crate::parse::line::LineKind;
use crate::parse::source_lines::{LineInfo, SourceLine};

/// A comment line waiting for the node it stands before.
pub(super) struct PendingComment {
    /// The line as written (indentation removed).
    pub(super) text: String,
    /// The next line of text after it (0 when there is none).
    pub(super) next_line: u32,
}

impl Builder<'_> {
    /// Takes one comment line (a [`LineInfo::Comment`] line).
    pub(super) fn comment_line(&mut self, lines: &[SourceLine<'_>], kinds: &[LineKind<'_>], i: usize) {
        let l = &lines[i];
        if !self.title_seen {
            let c = l.content.trim_start_matches("<!--").trim_end_matches("-->").trim();
            if !c.is_empty() {
                self.header_comments.push(c.to_string());
            }
            return;
        }
        // A line after a comment is not the document's number: the comment stands between them.
        self.number_possible = false;
        let next = (i + 1..lines.len()).find(|&k| {
            !matches!(lines[k].info, LineInfo::Comment | LineInfo::TableDelimiter | LineInfo::FrontMatter)
                && kinds[k] != LineKind::Blank
        });
        if i == 0 || lines[i - 1].info != LineInfo::Comment {
            let run: Vec<&str> =
                lines[i..].iter().take_while(|x| x.info == LineInfo::Comment).map(|x| x.content).collect();
            let run = run.join("\n");
            let closed = run.rfind("<!--").is_none_or(|o| run[o + 2..].contains("-->"));
            if !closed {
                self.diagnostics.push(
                    Diagnostic::warning(
                        "unclosed-comment",
                        "an HTML comment (<!--) is never closed (-->): the rest of the text is read as a comment",
                    )
                    .at(l.line, l.column),
                );
            }
        }
        self.comments
            .push(PendingComment { text: l.content.to_string(), next_line: next.map_or(0, |k| lines[k].line) });
    }

    /// True when the line just before this one (blank lines aside) was a comment: a sentence does not
    /// continue across it.
    pub(super) fn just_after_comment(&self, l: &SourceLine<'_>) -> bool {
        self.comments.last().is_some_and(|c| c.next_line == l.line)
    }

    /// Takes one line of an HTML table block: at its first line, reads the whole table.
    pub(super) fn html_table_line(&mut self, lines: &[SourceLine<'_>], i: usize) {
        let is_end = |l: &SourceLine<'_>| l.content.to_ascii_lowercase().contains("</table>");
        if i > 0 && lines[i - 1].info == LineInfo::HtmlTable && !is_end(&lines[i - 1]) {
            return; // Read with the table's first line.
        }
        let last = (i..lines.len())
            .take_while(|&k| lines[k].info == LineInfo::HtmlTable)
            .find(|&k| is_end(&lines[k]))
            .unwrap_or_else(|| i + lines[i..].iter().take_while(|x| x.info == LineInfo::HtmlTable).count() - 1);
        let src: Vec<&str> = lines[i..=last].iter().map(|x| x.content).collect();
        if self.mode == Mode::Toc {
            self.end_toc();
            self.mode = Mode::Body;
        }
        let Some(mut table) = crate::parse::html_table::parse_table(&src.join("\n")) else {
            self.diagnostics.push(
                Diagnostic::warning(
                    "html-table-unread",
                    "an HTML table holds more than rows of cells (a caption, a comment, a nested table or text \
                     outside the cells): kept as text",
                )
                .at(lines[i].line, lines[i].column),
            );
            for l in &lines[i..=last] {
                self.text_block(l, l.content);
            }
            return;
        };
        let start = span_of(&lines[i]).start;
        let end = span_of(&lines[last]).end;
        set_span(&mut table, Span { start, end });
        // A table right after another is its sibling, not part of it.
        self.pop_while(|n| n.kind != Kind::Table);
        if self.stack.is_empty() {
            self.ensure_paragraph(&lines[i]);
        }
        // Left open like a pipe table, so that the text after it starts a new provision.
        self.push(table);
    }

    /// A text block (`Kind::Text`) of the open provision, as it is: a line of a table that could not be read
    /// (inside the list item it is nested in, in Markdown, never a new 項 that would take the provisions
    /// after it out of that item), or a `:text:` tag line. Outside any provision it is text as any other line.
    pub(super) fn text_block(&mut self, l: &SourceLine<'_>, content: &str) {
        let open = self
            .stack
            .iter()
            .rposition(|n| matches!(n.kind, Kind::Paragraph | Kind::Item | Kind::Subitem | Kind::Preamble));
        let Some(at) = open.filter(|_| self.mode != Mode::Appendix) else {
            self.text(l, content);
            return;
        };
        while self.stack.len() > at + 1 {
            self.pop();
        }
        let mut t = Node::new(Kind::Text);
        t.text = content.to_string();
        t.span = span_of(l);
        let top = &mut self.stack[at];
        top.span.end = t.span.end;
        top.children.push(t);
    }

    /// Puts every comment on the node it stands before (see the module docs).
    pub(super) fn attach_comments(&mut self) {
        if !self.header_comments.is_empty() {
            self.doc.attrs.insert("comments".into(), self.header_comments.join("\n"));
        }
        let pending = std::mem::take(&mut self.comments);
        let rest = attach(&mut self.doc, pending);
        if !rest.is_empty() {
            self.doc.attrs.insert("comments_end".into(), rest.join("\n").trim_end_matches('\n').to_string());
        }
    }
}

fn set_span(n: &mut Node, span: Span) {
    n.span = span;
    for c in &mut n.children {
        set_span(c, span);
    }
}

/// Attaches each comment to the first node, in document order, starting at or after its next line; returns
/// the comments left over (after the last node).
fn attach(doc: &mut Document, pending: Vec<PendingComment>) -> Vec<String> {
    let mut pending = pending.into_iter().peekable();
    fn go(n: &mut Node, pending: &mut std::iter::Peekable<impl Iterator<Item = PendingComment>>) {
        let start: Pos = n.span.start;
        let mut here = Vec::new();
        while let Some(c) = pending.next_if(|c| c.next_line > 0 && start.line >= c.next_line) {
            here.push(c.text);
        }
        if !here.is_empty() {
            let mut all: Vec<String> = n.attrs.get("comments").map(|c| vec![c.clone()]).unwrap_or_default();
            all.extend(here);
            // Blank lines at the end of a comment never closed are not part of it.
            n.attrs.insert("comments".into(), all.join("\n").trim_end_matches('\n').to_string());
        }
        for c in &mut n.children {
            go(c, pending);
        }
    }
    for c in &mut doc.children {
        go(c, &mut pending);
    }
    pending.map(|c| c.text).collect()
}

impl Builder<'_> {
    /// The level (0 = 号) a marker belongs at, updating the open levels.
    pub(super) fn table_row(&mut self, l: &SourceLine<'_>) {
        // A pipe table's rows stand on consecutive lines, the delimiter row aside (it follows the first row):
        // after a blank line, a new table, even after an HTML table's rows.
        let continues = self.stack.last().is_some_and(|n| {
            n.kind == Kind::Table
                && (n.span.end.line + 1 >= l.line || (n.children.len() == 1 && n.span.end.line + 2 == l.line))
        });
        if !continues {
            self.pop_while(|n| n.kind != Kind::Table);
            if self.stack.is_empty() {
                self.ensure_paragraph(l);
            }
            let mut t = Node::new(Kind::Table);
            t.span = span_of(l);
            self.push(t);
        }
        let mut row = Node::new(Kind::TableRow);
        row.span = span_of(l);
        let inner = l.content.trim().trim_start_matches('|').trim_end_matches('|');
        for cell in inner.split('|') {
            let mut c = Node::new(Kind::TableCell);
            c.text = cell.trim().to_string();
            c.span = span_of(l);
            row.children.push(c);
        }
        if let Some(t) = self.stack.last_mut() {
            t.span.end = row.span.end;
            t.children.push(row);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::model::{walk, Document, Kind, SourceFormat};
    use crate::parse::source_lines::markdown_lines;
    use crate::parse::Parsed;

    fn md(text: &str) -> Parsed {
        super::super::build("t.md", markdown_lines(text), SourceFormat::Markdown).unwrap()
    }

    fn provisions_text(doc: &Document) -> String {
        let mut s = String::new();
        walk::walk(doc, &mut |n| {
            s.push_str(&n.label);
            s.push_str(&n.text);
        });
        s
    }

    /// The canonical text, read as Markdown again, gives the same model (spans aside).
    fn round_trips(doc: &Document) {
        let text = crate::export::text::to_text(doc);
        let again = md(&text).document;
        let strip = |d: &Document| {
            let mut d = d.clone();
            walk::walk_mut(&mut d, &mut |n| n.span = Default::default());
            d.span = Default::default();
            d.format = SourceFormat::Text;
            d
        };
        assert_eq!(strip(&again), strip(doc), "canonical text:\n{text}");
    }

    const RULE: &str =
        "# 就業規則\n\n<!-- 表題の注記 -->\n\n### 第1条　目的\n\n<!--\n起草メモ：第9条と合わせる。\n-->\n\
        本則の本文である。\n\n### 第2条　休日\n\n1. 休日は、日曜日とする。\n<!--\n### 第3条　旧規定\n\n\
        1. 第9条の規定により届け出なければならない。\n-->\n2. 会社は休日を変えることができる。\n\n<!-- 末尾 -->\n";

    #[test]
    fn comments_are_kept_out_of_provisions_beside_the_node_they_precede() {
        let p = md(RULE);
        let doc = &p.document;
        // No 項 or 条 was made from a comment, and no provision holds its words.
        assert_eq!(doc.articles().len(), 2);
        assert_eq!(doc.find("art_2").unwrap().children.len(), 2);
        assert!(!provisions_text(doc).contains("第9条"), "{}", provisions_text(doc));
        // Each comment is on the node it stands before, as written.
        assert_eq!(doc.find("art_1").unwrap().attrs.get("comments"), Some(&"<!-- 表題の注記 -->".to_string()));
        assert_eq!(
            doc.find("art_1__para_1").unwrap().attrs.get("comments").map(String::as_str),
            Some("<!--\n起草メモ：第9条と合わせる。\n-->")
        );
        assert!(doc.find("art_2__para_2").unwrap().attrs["comments"].contains("### 第3条　旧規定"));
        assert_eq!(doc.attrs.get("comments_end").map(String::as_str), Some("<!-- 末尾 -->"));
        assert_eq!(doc.find("art_1__para_1").unwrap().text, "本則の本文である。");
        assert!(p.diagnostics.is_empty(), "{:?}", p.diagnostics);
        round_trips(doc);
    }

    #[test]
    fn a_sentence_does_not_continue_across_a_comment() {
        let doc = md("# 規程\n\n### 第1条\n\n1. 本文の\n<!-- メモ -->\n続きである。\n").document;
        let a = doc.find("art_1").unwrap();
        assert_eq!(a.children.len(), 2);
        assert_eq!(a.children[0].text, "本文の");
        assert_eq!(a.children[1].text, "続きである。");
        assert_eq!(a.children[1].attrs["comments"], "<!-- メモ -->");
        round_trips(&doc);
    }

    #[test]
    fn a_comment_before_the_title_stays_with_the_document() {
        let doc = md("<!-- 版管理メモ -->\n# 規程\n\n### 第1条\n\n1. 本文。\n").document;
        assert_eq!(doc.attrs.get("comments").map(String::as_str), Some("版管理メモ"));
        assert_eq!(doc.title, "規程");
        round_trips(&doc);
    }

    #[test]
    fn an_unclosed_comment_is_reported() {
        let p = md("# 規程\n\n### 第1条\n\n1. 本文。\n\n<!-- 閉じ忘れ\n### 第2条\n");
        assert_eq!(p.document.articles().len(), 1);
        assert_eq!(p.diagnostics.len(), 1);
        assert_eq!(p.diagnostics[0].code, "unclosed-comment");
    }

    #[test]
    fn an_html_table_in_an_article_is_the_models_table() {
        let doc = md("# 規程\n\n### 第1条　休暇\n\n1. 休暇は、次の表のとおりとする。\n\n<table>\n  \
            <tr><th>区分</th><th>日数</th></tr>\n  <tr><td rowspan=\"2\">正社員</td><td>20日</td></tr>\n  \
            <tr><td>10日</td></tr>\n</table>\n\n2. 前項の休暇は有給とする。\n")
        .document;
        let a = doc.find("art_1").unwrap();
        assert_eq!(a.children.len(), 2, "the table is no 項");
        let t = &a.children[0].children[0];
        assert_eq!(t.kind, Kind::Table);
        let cells: Vec<Vec<&str>> =
            t.children.iter().map(|r| r.children.iter().map(|c| c.text.as_str()).collect()).collect();
        assert_eq!(cells, vec![vec!["区分", "日数"], vec!["正社員", "20日"], vec!["10日"]]);
        assert_eq!(t.children[1].children[0].attrs.get("rowspan").map(String::as_str), Some("2"));
        assert!(!provisions_text(&doc).contains('<'));
        assert_eq!(t.span.start.line, 7);
        assert_eq!(t.span.end.line, 11);
        round_trips(&doc);
    }

    #[test]
    fn an_html_table_the_model_cannot_hold_stays_text_with_a_warning() {
        let p = md("# 規程\n\n### 第1条\n\n1. 表のとおり。\n\n<table><caption>表題</caption>\n<tr><td>甲</td></tr>\n</table>\n");
        assert_eq!(p.diagnostics.iter().map(|d| d.code.as_str()).collect::<Vec<_>>(), ["html-table-unread"]);
        let text = provisions_text(&p.document);
        assert!(text.contains("<caption>表題</caption>") && text.contains("甲"), "{text}");
    }

    #[test]
    fn an_unread_table_in_a_list_item_stays_in_that_item_as_text_blocks() {
        let doc = md("# 規程

### 第1条

1. 次による。
    <!-- 注 -->
    <table><caption>表</caption><tr><td>丙</td></tr></table>

    - 日曜日
")
        .document;
        let p = doc.find("art_1__para_1").unwrap();
        let kinds: Vec<Kind> = p.children.iter().map(|c| c.kind).collect();
        assert_eq!(kinds, [Kind::Text, Kind::Item], "the table is a text block of the 項, the list stays in it");
        assert_eq!(p.children[0].text, "<table><caption>表</caption><tr><td>丙</td></tr></table>");
        assert_eq!(p.children[0].attrs.get("comments").map(String::as_str), Some("<!-- 注 -->"));
        round_trips(&doc);
    }

    #[test]
    fn a_line_after_a_text_block_is_not_joined_before_it() {
        let doc = md("# 規程

### 第1条

<table><caption>表</caption><tr><td>丙</td></tr></table>

後の文
")
        .document;
        let a = doc.find("art_1").unwrap();
        assert_eq!(a.children[0].text, "", "the words after the block do not move before it");
        assert_eq!(a.children[1].text, "後の文");
        round_trips(&doc);
    }
}
