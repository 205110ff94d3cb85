//! One paragraph of `word/document.xml` as a Markdown line: comments and notes first (as Markdown comments),
//! then the heading marks, the numbering label in each view of the tracked changes, and the text, protected
//! from being read as Markdown syntax ([`super::PLAIN`]). Also the pipe tables that rows of cells become.

use super::numbering::Numbering;
use super::styles::Styles;
use super::{DEL_CLOSE, DEL_OPEN, INS_CLOSE, INS_OPEN, PLAIN};

/// One paragraph being read.
#[derive(Default)]
pub(super) struct Para {
    pub style: Option<String>,
    /// The paragraph style hides its text (`w:vanish` in the style).
    pub style_hidden: bool,
    pub outline: Option<u8>,
    pub num: Option<(String, u8)>,
    /// The paragraph mark is inserted / deleted (`w:pPr/w:rPr/w:ins`, `w:del`).
    pub mark_ins: bool,
    pub mark_del: bool,
    /// Text with revision marks.
    pub text: String,
    /// Text shown after / before the changes (to tell whether the paragraph exists in each view).
    pub after_len: usize,
    pub before_len: usize,
    /// Comments and notes, each written as a Markdown comment before the paragraph.
    pub comments: Vec<String>,
    pub hidden: String,
}

/// A finished paragraph: the Markdown comments before it, and its line with its end (a blank line).
pub(super) struct Finished {
    pub notes: String,
    pub line: String,
    /// The paragraph mark is deleted but text remains: after the changes it runs on into the next paragraph.
    pub joins_next: bool,
}

/// The paragraph as Markdown, numbered in each view. `joined`: the previous paragraph's mark is deleted, so
/// after the changes this one continues it (no label of its own, no heading marks, no number counted).
pub(super) fn finish(
    p: Para,
    numbering: &mut [Numbering; 2],
    styles: &Styles,
    in_table: bool,
    joined: bool,
) -> Finished {
    let in_after = !(p.mark_del && p.after_len == 0);
    let in_before = !(p.mark_ins && p.before_len == 0);
    let joins_next = p.mark_del && p.after_len > 0 && in_before && !in_table;
    let empty = p.text.trim().is_empty() && p.hidden.is_empty() && p.comments.is_empty();
    let mut labels = [None, None];
    if let Some((id, level)) = &p.num {
        for (view, present) in [(0, in_after && !joined), (1, in_before)] {
            if present && !empty {
                labels[view] = numbering[view].next_label(id, *level);
            }
        }
    }
    let mut done = Finished { notes: String::new(), line: String::new(), joins_next: false };
    if empty {
        return done;
    }
    for c in &p.comments {
        done.notes.push_str(&format!("<!-- {} -->\n\n", comment_text(c)));
    }
    if !p.hidden.trim().is_empty() {
        done.notes.push_str(&format!("<!-- 非表示: {} -->\n\n", comment_text(&p.hidden)));
    }
    if p.text.trim().is_empty() {
        return done;
    }
    done.joins_next = joins_next;
    let mut line = String::new();
    let level = p.outline.or_else(|| p.style.as_deref().and_then(|s| styles.outline_level(s)));
    if let (Some(l), false) = (level, in_table) {
        let hashes = if l == u8::MAX { 1 } else { (l as usize + 2).min(6) };
        let marks = "#".repeat(hashes) + " ";
        if joined {
            line.extend([DEL_OPEN].into_iter().chain(marks.chars()).chain([DEL_CLOSE]));
        } else {
            line.push_str(&marks);
        }
    }
    match labels {
        [Some(a), Some(b)] if a == b => push_label(&mut line, &a),
        [a, b] => {
            // Only in one view: its label needs no mark when the whole paragraph is marked.
            if let Some(b) = &b {
                mark_label(&mut line, b, in_after.then_some((DEL_OPEN, DEL_CLOSE)));
            }
            if let Some(a) = &a {
                mark_label(&mut line, a, in_before.then_some((INS_OPEN, INS_CLOSE)));
            }
        }
    }
    // Text at the start of a line is protected unless a heading mark or a label stands before it.
    let text = p.text.trim_start_matches([' ', '\u{3000}']);
    if in_table {
        // Cell text is inline: Markdown reads no block syntax there.
        line.push_str(text);
        done.line = line;
        return done;
    }
    line.push_str(&protect(text, !line.is_empty(), joined));
    if joins_next {
        line.extend([DEL_OPEN, '\n', '\n', DEL_CLOSE]);
    } else {
        line.push_str("\n\n");
    }
    done.line = match (in_after, in_before) {
        (true, false) => format!("{INS_OPEN}{line}{INS_CLOSE}"),
        (false, true) => format!("{DEL_OPEN}{line}{DEL_CLOSE}"),
        _ => line,
    };
    done
}

/// True when a line starting with `c` may be Markdown syntax: a list (`1.`, `1)`, `-`, `*`, `+`), a heading
/// (`#`), a quote, a table, HTML, a thematic break or fence, an escape. Japanese text never is.
fn may_be_syntax(c: char) -> bool {
    c.is_ascii() && !c.is_ascii_alphabetic()
}

/// Puts [`PLAIN`] before every line of `text` (a paragraph holds several when it has line breaks) whose first
/// character, past revision marks, may be Markdown syntax; the first line too unless `first_covered`. When
/// the paragraph is `joined` to the previous one after the changes, its first line starts a line only before
/// them, and so does the mark.
fn protect(text: &str, first_covered: bool, joined: bool) -> String {
    let first = |s: &str| s.chars().find(|c| !matches!(*c, INS_OPEN | INS_CLOSE | DEL_OPEN | DEL_CLOSE));
    let mut out = String::with_capacity(text.len() + 3);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        if (i > 0 || !first_covered) && first(line).is_some_and(may_be_syntax) {
            if i == 0 && joined {
                out.extend([DEL_OPEN, PLAIN, DEL_CLOSE]);
            } else {
                out.push(PLAIN);
            }
        }
        out.push_str(line);
    }
    out
}

fn mark_label(line: &mut String, label: &str, marks: Option<(char, char)>) {
    match marks {
        Some((open, close)) => {
            line.push(open);
            push_label(line, label);
            line.push(close);
        }
        None => push_label(line, label),
    }
}

fn push_label(line: &mut String, label: &str) {
    line.push_str(label);
    line.push('\u{3000}');
}

/// A comment's text on one line, safe inside `<!-- -->`.
fn comment_text(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ").replace("--", "－－")
}

/// A table row being read: its cells, and whether the row itself is an inserted or deleted one.
#[derive(Default)]
pub(super) struct Row {
    pub cells: Vec<String>,
    pub ins: bool,
    pub del: bool,
}

/// A table as Markdown. When rows are inserted or deleted as tracked changes, the table before them and the
/// one after them are written in turn, marked as deleted and inserted: each view has its own header row.
pub(super) fn table(rows: &[Row]) -> String {
    if rows.iter().all(|r| !r.ins && !r.del) {
        return pipe_table(rows.iter());
    }
    let before = pipe_table(rows.iter().filter(|r| !r.ins));
    let after = pipe_table(rows.iter().filter(|r| !r.del));
    format!("{DEL_OPEN}{before}{DEL_CLOSE}{INS_OPEN}{after}{INS_CLOSE}")
}

/// Rows of cells as a pipe table (the first row is the header row).
fn pipe_table<'a>(rows: impl Iterator<Item = &'a Row> + Clone) -> String {
    let width = rows.clone().map(|r| r.cells.len()).max().unwrap_or(0);
    if width == 0 {
        return String::new();
    }
    let mut md = String::new();
    for (i, row) in rows.enumerate() {
        md.push('|');
        for c in 0..width {
            let cell = row.cells.get(c).map(String::as_str).unwrap_or("");
            md.push_str(&format!(" {} |", cell.replace('|', "\\|")));
        }
        md.push('\n');
        if i == 0 {
            md.push('|');
            md.push_str(&"---|".repeat(width));
            md.push('\n');
        }
    }
    md
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_that_markdown_would_read_as_syntax_are_marked_plain() {
        assert_eq!(protect("1. 総則", false, false), format!("{PLAIN}1. 総則"));
        assert_eq!(protect("1. 総則", true, false), "1. 総則", "after a label the text is not at the line start");
        let lines = protect("第1条\n\n- 甲\n\n# 乙", false, false);
        assert_eq!(lines, format!("第1条\n\n{PLAIN}- 甲\n\n{PLAIN}# 乙"));
        let marked = protect(&format!("{INS_OPEN}2) 丙{INS_CLOSE}"), false, false);
        assert_eq!(marked, format!("{PLAIN}{INS_OPEN}2) 丙{INS_CLOSE}"));
        assert_eq!(protect("ＡＢＣ Abc 第２条", false, false), "ＡＢＣ Abc 第２条");
        assert_eq!(protect("1. 甲", false, true), format!("{DEL_OPEN}{PLAIN}{DEL_CLOSE}1. 甲"));
    }
}
