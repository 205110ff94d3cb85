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

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

/// What Markdown said about a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineInfo {
    /// Plain text (or a Markdown paragraph line).
    Plain,
    /// An ATX heading of this level.
    Heading(u8),
    /// The first line of a list item: its nesting depth (0 = top level) and, for an ordered list, its number.
    ListItem {
        /// 0 for a top-level list. Never wraps: the builder refuses lists deeper than the model's levels.
        depth: u32,
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
    /// A line of an HTML `<table>` block, from the line starting `<table` to the one holding `</table>`
    /// (read into the model's table by [`crate::parse::html_table`]).
    HtmlTable,
    /// A line of an indented code block (four spaces after a paragraph and a blank line): text as it
    /// stands, never a heading, a label or a comment, whatever it looks like.
    CodeBlock,
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

/// The byte offset of `part` (a subslice of `raw`) from the start of `raw`. Computed from the slices'
/// addresses, never from lengths after trimming: `part` may have been trimmed at either end.
fn offset_in(raw: &str, part: &str) -> usize {
    let offset = (part.as_ptr() as usize).wrapping_sub(raw.as_ptr() as usize);
    debug_assert!(offset <= raw.len() && offset + part.len() <= raw.len(), "not a subslice");
    offset.min(raw.len())
}

fn make<'a>(line_no: usize, raw: &'a str, content: &'a str, list_marker: &'a str, info: LineInfo) -> SourceLine<'a> {
    let offset = offset_in(raw, content);
    let column = raw.get(..offset).map_or(0, |s| s.chars().count()) as u32 + 1;
    SourceLine { line: line_no as u32 + 1, column, content: content.trim_end_matches(is_indent), list_marker, info }
}

/// The text of an ATX heading line (`### 第1条　目的 ##`): without its opening `#`s, the spaces after them,
/// and a closing sequence of `#`s, which counts only when preceded by a space or tab (`# C#` keeps `C#`).
fn heading_text(trimmed: &str) -> &str {
    let c = trimmed.trim_start_matches('#').trim_start_matches(is_indent).trim_end_matches(is_indent);
    let without = c.trim_end_matches('#');
    if without.is_empty() {
        return without;
    }
    if without.len() < c.len() && without.ends_with([' ', '\t']) {
        return without.trim_end_matches(is_indent);
    }
    c
}

/// Plain text: every line, indentation removed. HTML comment lines are marked as comments.
pub fn text_lines(text: &str) -> Vec<SourceLine<'_>> {
    let raw_lines: Vec<&str> = text.split('\n').collect();
    let mut in_comment = false;
    let mut info: Vec<LineInfo> =
        raw_lines.iter().map(|raw| comment_state(raw.trim_start_matches(is_indent), &mut in_comment)).collect();
    let mut k = 0;
    while k < raw_lines.len() {
        if info[k] == LineInfo::Plain && starts_html_table(raw_lines[k]) {
            k = mark_html_table(&raw_lines, &mut info, k);
        } else if info[k] == LineInfo::Plain {
            k = mark_pipe_table(&raw_lines, &mut info, k);
        }
        k += 1;
    }
    raw_lines.iter().enumerate().map(|(i, raw)| make(i, raw, raw.trim_start_matches(is_indent), "", info[i])).collect()
}

/// True when a line opens an HTML table (`<table>` or `<table …>`, any case).
fn starts_html_table(raw: &str) -> bool {
    let t = raw.trim_start_matches(is_indent).as_bytes();
    t.len() >= 6
        && t[..6].eq_ignore_ascii_case(b"<table")
        && t.get(6).is_none_or(|c| matches!(c, b'>' | b' ' | b'\t' | b'/'))
}

/// Marks lines `start..` up to the one holding `</table>` (or the end of the text) as [`LineInfo::HtmlTable`];
/// returns the last line marked.
fn mark_html_table(raw_lines: &[&str], info: &mut [LineInfo], start: usize) -> usize {
    let mut k = start;
    loop {
        info[k] = LineInfo::HtmlTable;
        if raw_lines[k].to_ascii_lowercase().contains("</table>") || k + 1 == raw_lines.len() {
            return k;
        }
        k += 1;
    }
}

/// A pipe table in plain text, as the canonical text writes one (and as GFM reads one): a row `| … |`, then
/// a delimiter row `|---|---|`, then the rows on the lines right after. Marks them and returns the last line
/// marked (`start` itself when no table starts there).
fn mark_pipe_table(raw_lines: &[&str], info: &mut [LineInfo], start: usize) -> usize {
    let row = |info: &[LineInfo], k: usize| {
        let t = raw_lines[k].trim_matches(is_indent);
        info[k] == LineInfo::Plain && t.len() >= 2 && t.starts_with('|') && t.ends_with('|')
    };
    if !row(info, start) || start + 1 >= raw_lines.len() || !is_delimiter_row(raw_lines[start + 1].trim()) {
        return start;
    }
    info[start] = LineInfo::TableRow;
    info[start + 1] = LineInfo::TableDelimiter;
    let mut k = start + 1;
    while k + 1 < raw_lines.len() && row(info, k + 1) {
        k += 1;
        info[k] = LineInfo::TableRow;
    }
    k
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
                let depth = u32::try_from(lists.len().saturating_sub(1)).unwrap_or(u32::MAX);
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
                let l = line_of(range.start);
                if !matches!(info[l], LineInfo::Comment | LineInfo::HtmlTable) {
                    info[l] = LineInfo::Heading(level as u8);
                }
            }
            Event::Start(Tag::CodeBlock(CodeBlockKind::Indented)) => {
                let (a, b) = (line_of(range.start), line_of(range.end.saturating_sub(1)));
                for slot in info.iter_mut().take(b + 1).skip(a) {
                    if *slot == LineInfo::Plain {
                        *slot = LineInfo::CodeBlock;
                    }
                }
            }
            Event::Start(Tag::Table(_)) => {
                let (a, b) = (line_of(range.start), line_of(range.end.saturating_sub(1)));
                for (k, slot) in info.iter_mut().enumerate().take(b + 1).skip(a) {
                    if matches!(slot, LineInfo::Comment | LineInfo::HtmlTable) {
                        continue;
                    }
                    let t = raw_lines[k].trim();
                    *slot = if is_delimiter_row(t) { LineInfo::TableDelimiter } else { LineInfo::TableRow };
                }
            }
            Event::Html(_) | Event::InlineHtml(_) => {
                let l = line_of(range.start);
                if matches!(info[l], LineInfo::Comment | LineInfo::HtmlTable) {
                    continue;
                }
                let raw = raw_lines[l].trim_start_matches(is_indent);
                // Only a comment that opens its line is set apart: one inside a sentence stays in the text.
                if raw.starts_with("<!--") && offset_in(text, raw) == range.start {
                    // A comment runs to its `-->` whatever Markdown makes of the lines in between (a browser
                    // does the same with the HTML), or to the end of the text when it is never closed.
                    let close = text[range.start + 2..].find("-->");
                    let last = close.map_or(raw_lines.len() - 1, |e| line_of(range.start + 2 + e));
                    for slot in info.iter_mut().take(last + 1).skip(l) {
                        *slot = LineInfo::Comment;
                    }
                } else if starts_html_table(raw_lines[l]) && offset_in(text, raw) == range.start {
                    mark_html_table(&raw_lines, &mut info, l);
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
                LineInfo::Heading(_) => make(i, raw, heading_text(trimmed), "", info[i]),
                LineInfo::ListItem { depth, ordered } => {
                    let (marker, rest) = split_list_marker(trimmed);
                    // The number as written wins over the list position pulldown-cmark counts (`1. 2. 3. 2.`
                    // stays 1 2 3 2, so that a drafting slip is seen, not renumbered away).
                    let written = marker.trim_end_matches(['.', ')']).parse::<u32>().ok();
                    let info = LineInfo::ListItem { depth, ordered: ordered.map(|n| written.unwrap_or(n)) };
                    make(i, raw, rest.trim_start_matches(is_indent), marker, info)
                }
                _ => make(i, raw, trimmed, "", info[i]),
            }
        })
        .collect()
}

fn is_delimiter_row(t: &str) -> bool {
    !t.is_empty() && t.contains('-') && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '))
}

/// True for a Markdown bullet marker kept as a label: `-`, `*` or `+` (all three make the same list).
pub fn is_bullet(label: &str) -> bool {
    matches!(label, "-" | "*" | "+")
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
    fn pipe_tables_in_plain_text() {
        let t = "第一条　次の表による。\n\n| 年 | 日 |\n|---|---|\n| 一年 | 十日 |\n\n| 行 |\nの文\n";
        let info: Vec<LineInfo> = text_lines(t).iter().map(|l| l.info).collect();
        assert_eq!(info[2..5], [LineInfo::TableRow, LineInfo::TableDelimiter, LineInfo::TableRow]);
        assert_eq!(info[6], LineInfo::Plain, "a row without a delimiter row after it is text");
        let doc = crate::parse::parse_str(&format!("規程\n{t}")).unwrap();
        let para = doc.find("art_1__para_1").unwrap();
        assert_eq!(para.children[0].kind, crate::model::Kind::Table);
        assert_eq!(para.children[0].children.len(), 2);
    }

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

#[cfg(test)]
mod markdown_tests {
    use super::*;

    #[test]
    fn heading_text_starts_after_the_marker_whatever_trails_it() {
        // Trailing spaces (ASCII or full-width) and a closing `#` sequence used to be subtracted from the
        // line's length, putting the start of the text inside 第.
        for (src, content, column) in [
            ("### 第1条　目的 ", "第1条　目的", 5),
            ("# あ #", "あ", 3),
            ("## 第2条 ##  ", "第2条", 4),
            ("  #  第3条\u{3000}", "第3条", 6),
            ("# C#", "C#", 3),
            ("# 第4条#", "第4条#", 3),
            ("## ##", "", 4),
            ("#", "", 2),
        ] {
            let l = markdown_lines(src);
            assert!(matches!(l[0].info, LineInfo::Heading(_)), "{src}");
            assert_eq!((l[0].content, l[0].column), (content, column), "{src}");
        }
    }

    #[test]
    fn offsets_are_taken_from_the_start() {
        let raw = "  ### 第1条 ";
        let part = &raw[6..raw.len() - 1];
        assert_eq!(offset_in(raw, part), 6);
        assert_eq!(make(0, raw, part, "", LineInfo::Plain).column, 7);
    }

    #[test]
    fn a_multi_line_comment_is_one_comment_whatever_it_holds() {
        let t = "# 規程\n\n<!--\n### 第2条　旧規定\n1. 第9条の規定による。\n-->\n1. 本文。\n";
        let l = markdown_lines(t);
        assert!(l[2..=5].iter().all(|x| x.info == LineInfo::Comment));
        assert!(matches!(l[6].info, LineInfo::ListItem { depth: 0, ordered: Some(1) }));
        // Inside a list item, and a comment whose lines Markdown would read as a paragraph.
        let t = "1. 本文。\n    <!-- メモ\n注記\n    -->\n\n2. 次。\n";
        let l = markdown_lines(t);
        assert_eq!([l[1].info, l[2].info, l[3].info], [LineInfo::Comment; 3]);
        assert!(matches!(l[5].info, LineInfo::ListItem { ordered: Some(2), .. }));
        // Never closed: to the end.
        let l = markdown_lines("本文。\n\n<!-- メモ\n第1条\n");
        assert_eq!([l[2].info, l[3].info, l[4].info], [LineInfo::Comment; 3]);
        // Inside a sentence it stays text.
        assert_eq!(markdown_lines("本文<!-- メモ -->である。\n")[0].info, LineInfo::Plain);
    }

    #[test]
    fn the_written_number_wins_over_the_list_position() {
        let l = markdown_lines("1. 一。\n2. 二。\n3. 三。\n2. 四。\n3. 五。\n8. 六。\n\n3) 七。\n");
        let nums: Vec<Option<u32>> = l
            .iter()
            .filter_map(|x| match x.info {
                LineInfo::ListItem { ordered, .. } => Some(ordered),
                _ => None,
            })
            .collect();
        assert_eq!(nums, [Some(1), Some(2), Some(3), Some(2), Some(3), Some(8), Some(3)]);
        assert_eq!(l[5].list_marker, "8.");
    }

    #[test]
    fn html_table_blocks_are_marked_to_their_end() {
        let t = "1. 表のとおり。\n\n<table>\n<tr><td>a</td></tr>\n\n<tr><td>b</td></tr>\n</table>\n\n2. 次。\n";
        for l in [markdown_lines(t), text_lines(t)] {
            assert_eq!(l[1].info, LineInfo::Plain);
            assert!(l[2..=6].iter().all(|x| x.info == LineInfo::HtmlTable));
            assert_eq!(l[7].info, LineInfo::Plain);
        }
        assert!(!starts_html_table("<tables>"));
        assert!(starts_html_table("  <TABLE border=1>"));
    }

    #[test]
    fn lines_of_an_indented_code_block_are_code_whatever_they_look_like() {
        let text = "本文である。\n\n    <!--\n    第5章　旧規定\n    ### 第30条\n    -->\n\n第2条　次\n";
        let lines = markdown_lines(text);
        let info: Vec<LineInfo> = lines.iter().map(|l| l.info).collect();
        use LineInfo::{CodeBlock as C, Plain as P};
        assert_eq!(info, [P, P, C, C, C, C, P, P, P]);
        assert_eq!(lines[4].content, "### 第30条");
    }
}
