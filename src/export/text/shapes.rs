//! What a written line reads back as: the predicates the canonical text writer consults before it writes a
//! line plainly, so that the plain-text and Markdown readers take it for what it is (text, a caption, a list
//! item, a table) and not for markup.

use crate::model::Node;

/// True when a cell of the table has attributes (spans rows or columns, e-Gov borders or alignment), which
/// a pipe table cannot say.
pub(super) fn has_cell_attrs(table: &Node) -> bool {
    table.children.iter().flat_map(|r| &r.children).any(|c| !c.attrs.is_empty())
}

/// True when a node's caption, written on its own line, reads back as that caption: one written as read
/// (`heading_raw`), or `（heading）` that the line classifier takes for a caption with the same words. Not
/// `（手当を支給する。）` (a sentence) or `（甲(iv) 乙) 丙）` (the first bracket closes early).
pub(super) fn caption_reads_back(node: &Node) -> bool {
    let Some(h) = node.heading.as_deref() else { return true };
    if node.heading_raw.is_some() {
        return true;
    }
    let line = format!("（{h}）");
    matches!(crate::parse::line::classify(&line), crate::parse::line::LineKind::Caption { inner } if inner == h)
}

pub(super) fn escape_html(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

pub(super) fn is_list_label(label: &str) -> bool {
    matches!(label, "-" | "*" | "+")
        || (label.len() > 1
            && (label.ends_with('.') || label.ends_with(')'))
            && label[..label.len() - 1].chars().all(|c| c.is_ascii_digit()))
}

/// Where the content of a Markdown list item written at `indent` with this marker starts, at least four
/// columns in (so that what is indented there belongs to the item whatever its marker's width).
pub(super) fn content_column(indent: usize, label: &str) -> usize {
    indent + (label.len() + 1).max(4)
}

/// True when a line starting with this text would open an ordered Markdown list item other than at 1
/// (`2. …`, `10) …`), which cannot interrupt a paragraph.
pub(super) fn starts_like_ordered_item(text: &str) -> bool {
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0
        && text[digits..].starts_with(['.', ')'])
        && text[digits + 1..].starts_with([' ', '\t'])
        && text[..digits].parse::<u64>().is_ok_and(|n| n != 1)
}

/// True when a line starting with this text could be read as Markdown markup rather than text: a bullet
/// (`- `, `* `, `+ `), an ordered item at 1 (`1. `, `1) `), an ATX heading (`# `), a block quote (`>`), a
/// code fence, an HTML block (`<`), a pipe table row (`|`), a setext underline (`=`) or a thematic break
/// (`---`, `***`, `___`). Text that Markdown read as a paragraph's continuation or as a code block can start
/// so.
pub(super) fn opens_markdown_block(text: &str) -> bool {
    let marker_then_space = |rest: &str| rest.is_empty() || rest.starts_with([' ', '\t']);
    let hashes = text.bytes().take_while(|&b| b == b'#').count();
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    (text.starts_with(['-', '*', '+']) && marker_then_space(&text[1..]))
        || ((1..=6).contains(&hashes) && marker_then_space(&text[hashes..]))
        || (digits > 0
            && text[digits..].starts_with(['.', ')'])
            && marker_then_space(&text[digits + 1..])
            && text[..digits].parse::<u64>().is_ok_and(|n| n == 1))
        || text.starts_with(['>', '<', '|', '='])
        || ["```", "~~~", "---", "***", "___"].iter().any(|m| text.starts_with(m))
}

/// True when a line of this text is read back as plain text, in the plain-text reader and in Markdown: it is
/// no label, heading or tag (`parse::line::classify`) and opens no Markdown block (list, heading, quote,
/// table, HTML, code).
pub(super) fn reads_as_plain_text(text: &str) -> bool {
    let markdown = text.starts_with(|c: char| c.is_ascii_digit() || c.is_whitespace() || "-*+#>|<`~=_".contains(c));
    !markdown && matches!(crate::parse::line::classify(text), crate::parse::line::LineKind::Text(t) if t == text)
}
