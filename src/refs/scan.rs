//! The skip of the reference finder ([`super::find`]): most of a provision's text is neither a bracket, a
//! quote nor a character a reference can start with, and is passed over byte-wise, without decoding each
//! character, to the next one that is.

/// The characters a reference can start with; the finder tries a reference at each of them and only there.
pub(crate) const STARTS: [char; 5] = ['第', '前', '次', '同', '附'];

/// The next character at or after byte `i` (a char boundary) that [`find_references`] acts on: a quote or
/// bracket (tracked) or a character a reference starts with (第, 前, 次, 同, 附), with its byte position.
/// Every other character is passed over by its length, without being decoded.
pub(crate) fn next_significant(bytes: &[u8], mut i: usize) -> Option<(usize, char)> {
    while let Some(&b) = bytes.get(i) {
        let len = match b {
            b'(' => return Some((i, '(')),
            b')' => return Some((i, ')')),
            0..0x80 => 1,
            0x80..0xE0 => 2,
            0xF0.. => 4,
            // The significant characters are all three bytes long.
            _ => {
                let (Some(&b1), Some(&b2)) = (bytes.get(i + 1), bytes.get(i + 2)) else { return None };
                let c = match [b, b1, b2] {
                    [0xE3, 0x80, 0x8C] => Some('「'),
                    [0xE3, 0x80, 0x8D] => Some('」'),
                    [0xE3, 0x80, 0x8E] => Some('『'),
                    [0xE3, 0x80, 0x8F] => Some('』'),
                    [0xEF, 0xBC, 0x88] => Some('（'),
                    [0xEF, 0xBC, 0x89] => Some('）'),
                    [0xE7, 0xAC, 0xAC] => Some('第'),
                    [0xE5, 0x89, 0x8D] => Some('前'),
                    [0xE6, 0xAC, 0xA1] => Some('次'),
                    [0xE5, 0x90, 0x8C] => Some('同'),
                    [0xE9, 0x99, 0x84] => Some('附'),
                    _ => None,
                };
                if let Some(c) = c {
                    return Some((i, c));
                }
                3
            }
        };
        i += len;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_skip_stops_at_every_significant_character_and_only_there() {
        let text = "a(b)「c」『d』（e）第f前g次h同i附jé𠮷条";
        let mut found = Vec::new();
        let mut i = 0;
        while let Some((at, c)) = next_significant(text.as_bytes(), i) {
            assert_eq!(text[at..].chars().next(), Some(c));
            found.push(c);
            i = at + c.len_utf8();
        }
        assert_eq!(found.into_iter().collect::<String>(), "()「」『』（）第前次同附");
        // Every start the finder acts on is one the skip stops at (a start added to STARTS alone would be
        // passed over here and its references lost).
        for c in STARTS {
            assert_eq!(next_significant(c.to_string().as_bytes(), 0), Some((0, c)), "{c}");
        }
        // A truncated tail is no character to act on.
        assert_eq!(next_significant(&"第".as_bytes()[..2], 0), None);
    }
}
