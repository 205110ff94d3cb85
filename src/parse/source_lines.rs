//! Decoded text → logical source lines: indentation and Markdown syntax removed, position kept.
//!
//! For Markdown, pulldown-cmark finds the blocks (ATX headings, list items and their nesting, tables, HTML
//! comments); the line's own text is then taken from the source, so that nothing Markdown would reinterpret
//! (emphasis, escapes) is lost. For plain text a line is a line.
//!
//! ```
//! use kitei::parse::source_lines::{markdown_lines, LineInfo};
//! let lines = markdown_lines("### 第1条　目的\n\n1. 本文\n    1. 一号\n");
//! assert_eq!(lines[0].content, "第1条　目的");
//! assert_eq!(lines[0].info, LineInfo::Heading(3));
//! assert!(matches!(lines[2].info, LineInfo::ListItem { depth: 0, ordered: Some(1) }));
//! assert!(matches!(lines[3].info, LineInfo::ListItem { depth: 1, ordered: Some(1) }));
//! ```

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// What Markdown said about a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineInfo {
    /// Plain text (or a Markdown paragraph line).
    Plain,
    /// An ATX heading of this level.
    Heading(u8),
    /// The first line of a list item: its nesting depth (0 = top level) and, for an ordered list, its number.
    ListItem {
        /// 0 for a top-level list.
        depth: u8,
        /// The number of an ordered list item (`1.` → 1); `None` for a bullet.
        ordered: Option<u32>,
    },
    /// A row of a Markdown table (the delimiter row is dropped).
    TableRow,
    /// An HTML comment (kept as metadata, not regulation text).
    Comment,
    /// A Markdown table's delimiter row (`|---|---|`): layout only.
    TableDelimiter,
    /// A line of YAML front matter (`---` … `---` at the top of a Markdown file), or one of its fences.
    FrontMatter,
}

/// One logical line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceLine<'a> {
    /// 1-based line number.
    pub line: u32,
    /// 1-based column (characters) where `content` starts.
    pub column: u32,
    /// The line without indentation, list marker, heading marker or trailing white space.
    pub content: &'a str,
    /// The list marker as written (`1.`, `-`), for list items.
    pub list_marker: &'a str,
    /// What Markdown said about it.
    pub info: LineInfo,
}

fn is_indent(c: char) -> bool {
    c == ' ' || c == '\u{3000}' || c == '\t'
}

fn make<'a>(line_no: usize, raw: &'a str, content: &'a str, list_marker: &'a str, info: LineInfo) -> SourceLine<'a> {
    let offset = raw.len() - content.len();
    let column = raw[..offset].chars().count() as u32 + 1;
    SourceLine { line: line_no as u32 + 1, column, content: content.trim_end_matches(is_indent), list_marker, info }
}

/// Plain text: every line, indentation removed. HTML comment lines are marked as comments.
pub fn text_lines(text: &str) -> Vec<SourceLine<'_>> {
    let mut in_comment = false;
    text.split('\n')
        .enumerate()
        .map(|(i, raw)| {
            let content = raw.trim_start_matches(is_indent);
            let info = comment_state(content, &mut in_comment);
            make(i, raw, content, "", info)
        })
        .collect()
}

fn comment_state(content: &str, in_comment: &mut bool) -> LineInfo {
    if *in_comment {
        if content.contains("-->") {
            *in_comment = false;
        }
        return LineInfo::Comment;
    }
    if content.starts_with("<!--") {
        *in_comment = !content.contains("-->");
        return LineInfo::Comment;
    }
    LineInfo::Plain
}

/// Markdown: lines with heading, list and table information from pulldown-cmark.
pub fn markdown_lines(text: &str) -> Vec<SourceLine<'_>> {
    let raw_lines: Vec<&str> = text.split('\n').collect();
    let mut starts = Vec::with_capacity(raw_lines.len());
    let mut pos = 0;
    for l in &raw_lines {
        starts.push(pos);
        pos += l.len() + 1;
    }
    let line_of = |offset: usize| match starts.binary_search(&offset) {
        Ok(i) => i,
        Err(i) => i - 1,
    };
    let mut info = vec![LineInfo::Plain; raw_lines.len()];
    // YAML front matter: `---` on the first line up to the next `---`.
    let mut body_start = 0;
    if raw_lines.first().is_some_and(|l| l.trim_end() == "---") {
        if let Some(end) = raw_lines.iter().skip(1).position(|l| l.trim_end() == "---") {
            for slot in info.iter_mut().take(end + 2) {
                *slot = LineInfo::FrontMatter;
            }
            body_start = starts.get(end + 2).copied().unwrap_or(text.len());
        }
    }
    let mut lists: Vec<Option<u64>> = Vec::new();
    let mut item_counters: Vec<u64> = Vec::new();
    for (event, range) in Parser::new_ext(&text[body_start..], Options::ENABLE_TABLES).into_offset_iter() {
        let range = range.start + body_start..range.end + body_start;
        match event {
            Event::Start(Tag::List(start)) => {
                lists.push(start);
                item_counters.push(start.unwrap_or(1));
            }
            Event::End(TagEnd::List(_)) => {
                lists.pop();
                item_counters.pop();
            }
            Event::Start(Tag::Item) => {
                let l = line_of(range.start);
                let depth = lists.len().saturating_sub(1) as u8;
                let ordered = match lists.last() {
                    Some(Some(_)) => {
                        let n = item_counters.last().copied().unwrap_or(1);
                        Some(n as u32)
                    }
                    _ => None,
                };
                if let Some(c) = item_counters.last_mut() {
                    *c += 1;
                }
                if info[l] == LineInfo::Plain {
                    info[l] = LineInfo::ListItem { depth, ordered };
                }
            }
            Event::Start(Tag::Heading { level, .. }) => {
                info[line_of(range.start)] = LineInfo::Heading(level as u8);
            }
            Event::Start(Tag::Table(_)) => {
                let (a, b) = (line_of(range.start), line_of(range.end.saturating_sub(1)));
                for (k, slot) in info.iter_mut().enumerate().take(b + 1).skip(a) {
                    let t = raw_lines[k].trim();
                    *slot = if is_delimiter_row(t) { LineInfo::TableDelimiter } else { LineInfo::TableRow };
                }
            }
            Event::Html(_) | Event::InlineHtml(_) => {
                let (a, b) = (line_of(range.start), line_of(range.end.saturating_sub(1)));
                for k in a..=b {
                    if raw_lines[k].trim_start().starts_with("<!--") || info[k] == LineInfo::Comment {
                        for slot in info.iter_mut().take(b + 1).skip(k) {
                            *slot = LineInfo::Comment;
                        }
                        break;
                    }
                }
            }
            _ => {}
        }
    }
    raw_lines
        .iter()
        .enumerate()
        .map(|(i, raw)| {
            let trimmed = raw.trim_start_matches(is_indent);
            match info[i] {
                LineInfo::Heading(_) => {
                    let c = trimmed.trim_start_matches('#').trim_start_matches(is_indent);
                    let c = c.trim_end_matches(is_indent).trim_end_matches('#');
                    make(i, raw, c, "", info[i])
                }
                LineInfo::ListItem { .. } => {
                    let (marker, rest) = split_list_marker(trimmed);
                    make(i, raw, rest.trim_start_matches(is_indent), marker, info[i])
                }
                _ => make(i, raw, trimmed, "", info[i]),
            }
        })
        .collect()
}

fn is_delimiter_row(t: &str) -> bool {
    !t.is_empty() && t.contains('-') && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '))
}

/// `- text` → (`-`, `text`); `12. text` → (`12.`, `text`).
fn split_list_marker(s: &str) -> (&str, &str) {
    let b = s.as_bytes();
    if let Some(&c) = b.first() {
        if matches!(c, b'-' | b'*' | b'+') && b.get(1).is_none_or(|&n| n == b' ' || n == b'\t') {
            return (&s[..1], &s[1..]);
        }
        let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
        if digits > 0 && matches!(b.get(digits), Some(b'.') | Some(b')')) {
            return (&s[..digits + 1], &s[digits + 1..]);
        }
    }
    ("", s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_like_lists() {
        let t = "第10条 設置する。\n\n- 2 構成する。\n- 4 検討する。\n - (1) 管理\n";
        let l = markdown_lines(t);
        assert_eq!(l[2].content, "2 構成する。");
        assert_eq!(l[2].list_marker, "-");
        assert_eq!(l[4].content, "(1) 管理");
        assert_eq!(l[4].column, 4);
    }

    #[test]
    fn front_matter_is_set_apart() {
        let l = markdown_lines("---\ntitle: \"法\"\n---\n\n# 法\n");
        assert_eq!(l[0].info, LineInfo::FrontMatter);
        assert_eq!(l[1].info, LineInfo::FrontMatter);
        assert_eq!(l[2].info, LineInfo::FrontMatter);
        assert_eq!(l[4].info, LineInfo::Heading(1));
    }

    #[test]
    fn comments_and_tables() {
        let t = "<!-- note -->\n# 題名\n\n| a | b |\n|---|---|\n| c | d |\n";
        let l = markdown_lines(t);
        assert_eq!(l[0].info, LineInfo::Comment);
        assert_eq!(l[1].info, LineInfo::Heading(1));
        assert_eq!(l[3].info, LineInfo::TableRow);
        assert_eq!(l[4].info, LineInfo::TableDelimiter);
        assert_eq!(l[5].info, LineInfo::TableRow);
    }
}
