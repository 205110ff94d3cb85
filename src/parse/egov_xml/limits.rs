//! What the e-Gov XML reader refuses before building anything from it, each with its location:
//!
//! * elements nested deeper than [`MAX_DEPTH`] (e-Gov's schema nests about 30 deep; a deeper file is not a
//!   law, and bounding the depth keeps every per-element step constant-time and the tree's recursion safe);
//! * characters XML 1.0 forbids (`Char` production), written as they are or as references (`&#x1;`,
//!   `&#xFFFE;`): control characters other than tab, line feed and carriage return, U+FFFE, U+FFFF and
//!   surrogates;
//! * XInclude (`<xi:include>`): its content would be another file's, which the reader never reads, so the
//!   element is refused rather than dropped.

/// The deepest element nesting read (the `<Law>` root counts 1).
pub const MAX_DEPTH: usize = 256;

/// Whether XML 1.0 allows the character.
fn is_xml_char(c: u32) -> bool {
    matches!(c, 0x9 | 0xA | 0xD | 0x20..=0xD7FF | 0xE000..=0xFFFD | 0x10000..=0x10FFFF)
}

/// The byte offset in `raw` (the source text of a tag or a text node) of the first character XML forbids,
/// written as it is or as a character reference, and that character.
pub fn forbidden_char(raw: &str) -> Option<(usize, u32)> {
    let b = raw.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            c if c < 0x20 && !matches!(c, b'\t' | b'\n' | b'\r') => return Some((i, c as u32)),
            0xEF if b.get(i + 1) == Some(&0xBF) && matches!(b.get(i + 2), Some(0xBE) | Some(0xBF)) => {
                return Some((i, 0xFF00 | (u32::from(b[i + 2]) + 0x40)));
            }
            b'&' if b.get(i + 1) == Some(&b'#') => {
                let rest = &raw[i + 2..];
                let end = rest.find(';').unwrap_or(rest.len());
                let value = match rest[..end].strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok(),
                    None => rest[..end].parse::<u32>().ok(),
                };
                // An unreadable reference is left to the XML reader, which refuses it with its position.
                if let Some(v) = value.filter(|&v| !is_xml_char(v)) {
                    return Some((i, v));
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// Whether an element is XInclude's `include` (any prefix: e-Gov's schema has no element of that name).
pub fn is_xinclude(local_name: &[u8]) -> bool {
    local_name == b"include"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forbidden_characters_as_written_and_as_references() {
        assert_eq!(forbidden_char("本文\u{1}"), Some((6, 1)));
        assert_eq!(forbidden_char("甲&#x1;乙"), Some((3, 1)));
        assert_eq!(forbidden_char("&#65534;"), Some((0, 0xFFFE)));
        assert_eq!(forbidden_char("a\u{FFFF}"), Some((1, 0xFFFF)));
        assert_eq!(forbidden_char("a\u{FFFE}"), Some((1, 0xFFFE)));
        assert_eq!(forbidden_char("&#xD800;"), Some((0, 0xD800)));
        assert_eq!(forbidden_char("タブ\t改行\n&#x9;&#12354;&amp;\u{FFFD}"), None);
    }
}
