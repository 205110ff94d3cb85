//! An HTML `<table>` block written inside a Markdown regulation → the model's table ([`Kind::Table`] of
//! [`Kind::TableRow`] of [`Kind::TableCell`]), the same nodes e-Gov XML tables and Markdown pipe tables give.
//!
//! Only what a table needs is read: `table`, `thead`/`tbody`/`tfoot`, `tr`, `td`/`th` (with `rowspan`,
//! `colspan`, `align`, `valign` and e-Gov's `BorderTop`… kept as cell attributes under the e-Gov importer's
//! names), line breaks (`<br>`, `<p>`) and
//! inline formatting tags inside cells, which are dropped around their text. Cell text is kept as written,
//! with the five XML entities and numeric references decoded; a line break between two Japanese characters
//! joins them directly, between two Latin words with a space (as the builder joins wrapped lines).
//!
//! Anything else (a caption, a nested table, a comment, text between cells, text after `</table>`) makes
//! [`parse_table`] return `None`: the caller then keeps the lines as text and says so, rather than guess.
//!
//! ```
//! use kitei::model::Kind;
//! let t = kitei::parse::html_table::parse_table(
//!     "<table>\n<tr><th>区分</th><th>日数</th></tr>\n<tr><td rowspan=\"2\">正社員</td><td>20日</td></tr>\n</table>",
//! )
//! .unwrap();
//! assert_eq!(t.kind, Kind::Table);
//! assert_eq!(t.children[1].children[0].text, "正社員");
//! assert_eq!(t.children[1].children[0].attrs["rowspan"], "2");
//! ```

use crate::model::{Kind, Node};

/// Cell attributes kept in the model, by lower-cased HTML name: the model's key (the e-Gov importer's) and
/// the values it may take (an empty list: a positive number). Spans, and e-Gov's borders and alignment,
/// which the canonical text writes on `<td>` (`export::text`).
const KEPT_ATTRS: &[(&str, &str, &[&str])] = &[
    ("rowspan", "rowspan", &[]),
    ("colspan", "colspan", &[]),
    ("bordertop", "BorderTop", BORDERS),
    ("borderbottom", "BorderBottom", BORDERS),
    ("borderleft", "BorderLeft", BORDERS),
    ("borderright", "BorderRight", BORDERS),
    ("align", "Align", &["left", "center", "right", "justify"]),
    ("valign", "Valign", &["top", "middle", "bottom"]),
];

const BORDERS: &[&str] = &["solid", "none", "double", "dotted"];

/// Inline tags dropped around their text inside a cell.
const INLINE_TAGS: &[&str] =
    &["b", "strong", "i", "em", "u", "s", "span", "small", "sup", "sub", "a", "font", "ruby", "rb", "code"];

/// One tag: its lower-cased name, whether it closes, and its attributes (lower-cased keys).
struct Tag {
    name: String,
    closing: bool,
    attrs: Vec<(String, String)>,
}

/// Reads one HTML table (the text from `<table` to `</table>`). `None` when it holds anything the model's
/// table cannot carry faithfully.
pub fn parse_table(src: &str) -> Option<Node> {
    let mut table = Node::new(Kind::Table);
    let mut row: Option<Node> = None;
    let mut cell: Option<(Node, String)> = None;
    let (mut opened, mut closed) = (false, false);
    let mut rest = src;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('<') {
            if after.starts_with("!--") {
                return None;
            }
            let end = after.find('>')?;
            let tag = parse_tag(&after[..end])?;
            rest = &after[end + 1..];
            if closed {
                return None;
            }
            match (tag.name.as_str(), tag.closing) {
                ("table", false) if !opened => opened = true,
                ("table", true) if opened => {
                    close_row(&mut table, &mut row, &mut cell);
                    closed = true;
                }
                ("thead" | "tbody" | "tfoot" | "colgroup" | "col", _) if cell.is_none() => {}
                ("tr", _) if opened => {
                    close_row(&mut table, &mut row, &mut cell);
                    if !tag.closing {
                        row = Some(Node::new(Kind::TableRow));
                    }
                }
                ("td" | "th", false) if opened => {
                    close_cell(&mut row, &mut cell);
                    let mut c = Node::new(Kind::TableCell);
                    for (k, v) in tag.attrs {
                        let Some(&(_, key, values)) = KEPT_ATTRS.iter().find(|a| a.0 == k) else { continue };
                        if values.is_empty() {
                            // Only a plain number is a span; anything else is not what it seems.
                            v.parse::<u32>().ok()?;
                        } else if !values.contains(&v.as_str()) {
                            continue;
                        }
                        c.attrs.insert(key.to_string(), v);
                    }
                    row.get_or_insert_with(|| Node::new(Kind::TableRow));
                    cell = Some((c, String::new()));
                }
                ("td" | "th", true) if cell.is_some() => close_cell(&mut row, &mut cell),
                ("br" | "p", _) if cell.is_some() => cell.as_mut()?.1.push('\n'),
                (name, _) if cell.is_some() && INLINE_TAGS.contains(&name) => {}
                _ => return None,
            }
        } else {
            let end = rest.find('<').unwrap_or(rest.len());
            let text = &rest[..end];
            rest = &rest[end..];
            match cell.as_mut() {
                Some((_, buf)) => buf.push_str(&decode_entities(text)),
                None if text.trim().is_empty() => {}
                None => return None,
            }
        }
    }
    (opened && closed && !table.children.is_empty()).then_some(table)
}

fn close_cell(row: &mut Option<Node>, cell: &mut Option<(Node, String)>) {
    if let Some((mut c, buf)) = cell.take() {
        c.text = join_lines(&buf);
        row.get_or_insert_with(|| Node::new(Kind::TableRow)).children.push(c);
    }
}

fn close_row(table: &mut Node, row: &mut Option<Node>, cell: &mut Option<(Node, String)>) {
    close_cell(row, cell);
    if let Some(r) = row.take() {
        table.children.push(r);
    }
}

/// `td rowspan="2"` → a [`Tag`]; `None` for something that is not a tag (`<` followed by a space).
fn parse_tag(inner: &str) -> Option<Tag> {
    let inner = inner.trim_end_matches('/');
    let (closing, body) = match inner.strip_prefix('/') {
        Some(b) => (true, b),
        None => (false, inner),
    };
    let name_len = body.find(|c: char| !c.is_ascii_alphanumeric()).unwrap_or(body.len());
    if name_len == 0 {
        return None;
    }
    let name = body[..name_len].to_ascii_lowercase();
    let mut attrs = Vec::new();
    let mut s = body[name_len..].trim_start();
    while !s.is_empty() {
        let key_len = s.find(|c: char| c == '=' || c.is_whitespace()).unwrap_or(s.len());
        let key = s[..key_len].to_ascii_lowercase();
        s = s[key_len..].trim_start();
        let value = if let Some(v) = s.strip_prefix('=') {
            let v = v.trim_start();
            let (value, after) = match v.chars().next() {
                Some(q @ ('"' | '\'')) => {
                    let end = v[1..].find(q)? + 1;
                    (&v[1..end], &v[end + 1..])
                }
                _ => {
                    let end = v.find(char::is_whitespace).unwrap_or(v.len());
                    (&v[..end], &v[end..])
                }
            };
            s = after.trim_start();
            value.to_string()
        } else {
            String::new()
        };
        if key.is_empty() {
            return None;
        }
        attrs.push((key, value));
    }
    Some(Tag { name, closing, attrs })
}

/// `&amp;` `&lt;` `&gt;` `&quot;` `&apos;` `&nbsp;` and numeric references decoded; anything else kept as written.
fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let decoded = after.find(';').filter(|&e| e <= 10).and_then(|e| {
            let c = match &after[..e] {
                "amp" => '&',
                "lt" => '<',
                "gt" => '>',
                "quot" => '"',
                "apos" => '\'',
                "nbsp" => '\u{a0}',
                n => {
                    let n = n.strip_prefix('#')?;
                    let v = match n.strip_prefix(['x', 'X']) {
                        Some(h) => u32::from_str_radix(h, 16).ok()?,
                        None => n.parse().ok()?,
                    };
                    char::from_u32(v).filter(|c| !c.is_control() || *c == '\t')?
                }
            };
            Some((c, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &after[e + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// A cell's text: each source line (or `<br>` line) trimmed of ASCII white space, joined directly, or with
/// one space between two Latin words.
fn join_lines(buf: &str) -> String {
    let mut out = String::new();
    for piece in buf.split('\n').map(|p| p.trim_matches([' ', '\t', '\r'])).filter(|p| !p.is_empty()) {
        let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || c == ',' || c == ';');
        if latin(out.chars().last()) && latin(piece.chars().next()) {
            out.push(' ');
        }
        out.push_str(piece);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(t: &Node) -> Vec<Vec<String>> {
        t.children.iter().map(|r| r.children.iter().map(|c| c.text.clone()).collect()).collect()
    }

    #[test]
    fn rows_cells_and_spans() {
        let t = parse_table(
            "<table>\n  <thead><tr><th>区分</th><th colspan='2'>日数</th></tr></thead>\n  <tbody>\n    <tr>\n      \
             <td rowspan=2>正社員</td>\n      <td>20日</td><td>10日</td>\n    </tr>\n  </tbody>\n</table>",
        )
        .unwrap();
        assert_eq!(cells(&t), vec![vec!["区分", "日数"], vec!["正社員", "20日", "10日"]]);
        assert_eq!(t.children[0].children[1].attrs.get("colspan").map(String::as_str), Some("2"));
        assert_eq!(t.children[1].children[0].attrs.get("rowspan").map(String::as_str), Some("2"));
        assert!(t.children[1].children[1].attrs.is_empty());
    }

    #[test]
    fn borders_and_alignment_are_kept_under_the_egov_names() {
        let t =
            parse_table(r#"<table><tr><td BorderBottom="none" align="center" valign="sideways">甲</td></tr></table>"#)
                .unwrap();
        let cell = &t.children[0].children[0];
        assert_eq!(cell.attrs.get("BorderBottom").map(String::as_str), Some("none"));
        assert_eq!(cell.attrs.get("Align").map(String::as_str), Some("center"));
        assert!(!cell.attrs.contains_key("Valign"), "a value e-Gov does not have is not kept");
    }

    #[test]
    fn cell_text_is_kept_with_entities_decoded_and_lines_joined() {
        let t = parse_table(
            "<TABLE border=\"1\"><TR><TD>A &amp; B &lt;甲&gt;</TD><TD>始業<br>終業</TD>\
             <TD><b>重要</b>事項</TD><TD>half\nday</TD><TD>&unknown; &#x7B2C;</TD></TR></TABLE>",
        )
        .unwrap();
        assert_eq!(cells(&t), vec![vec!["A & B <甲>", "始業終業", "重要事項", "half day", "&unknown; 第"]]);
    }

    #[test]
    fn what_a_table_cannot_carry_is_refused() {
        for src in [
            "<table><caption>表題</caption><tr><td>a</td></tr></table>",
            "<table><tr><td>a</td></tr>表の外</table>",
            "<table><tr><td>a</td></tr></table>後ろ",
            "<table><tr><td><!-- メモ -->a</td></tr></table>",
            "<table><tr><td><table><tr><td>a</td></tr></table></td></tr></table>",
            "<table><tr><td rowspan=\"two\">a</td></tr></table>",
            "<table><tr><td>a</td></tr>",
            "<table></table>",
            "<table><tr><td>a < b</td></tr></table>",
        ] {
            assert!(parse_table(src).is_none(), "{src}");
        }
    }
}
