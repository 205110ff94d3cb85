//! The skip of the reference finder ([`super::find`]): most of a provision's text is neither a bracket, a
//! quote nor a character a reference can start with, and is passed over byte-wise, without decoding each
//! character, to the next one that is.

/// The characters a reference can start with; the finder tries a reference at each of them and only there.
pub(crate) const STARTS: [char; 5] = ['第', '前', '次', '同', '附'];

/// The characters the finder acts on that are three bytes long in UTF-8: quotes and brackets (tracked) and
/// [`STARTS`].
const SIGNIFICANT3: [char; 11] = ['「', '」', '『', '』', '（', '）', '第', '前', '次', '同', '附'];

/// For each lead byte of three (its low four bits), the second bytes (their low six bits, as a bit set) that
/// a character of [`SIGNIFICANT3`] has after it: most characters are passed over on these two bytes alone.
const PAIRS: [u64; 16] = {
    let mut t = [0u64; 16];
    let mut k = 0;
    while k < SIGNIFICANT3.len() {
        let c = SIGNIFICANT3[k] as u32;
        t[(c >> 12) as usize & 0x0F] |= 1 << ((c >> 6) & 0x3F);
        k += 1;
    }
    t
};

/// The next character at or after byte `i` (a char boundary) that [`find_references`] acts on: a quote or
/// bracket (tracked) or a character a reference starts with (第, 前, 次, 同, 附), with its byte position.
/// Every other character is passed over by its length, without being decoded.
///
/// [`find_references`]: super::find_references
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
                let b1 = *bytes.get(i + 1)?;
                if PAIRS[(b & 0x0F) as usize] & (1 << (b1 & 0x3F)) != 0 {
                    let b2 = *bytes.get(i + 2)?;
                    let c = (u32::from(b & 0x0F) << 12) | (u32::from(b1 & 0x3F) << 6) | u32::from(b2 & 0x3F);
                    if let Some(c) = char::from_u32(c).filter(|c| SIGNIFICANT3.contains(c)) {
                        return Some((i, c));
                    }
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
        // Three-byte characters sharing their first two bytes with a significant one are passed over.
        assert_eq!(next_significant("笫箪剃吉陀〆".as_bytes(), 0), None);
        // A truncated tail is no character to act on.
        assert_eq!(next_significant(&"第".as_bytes()[..2], 0), None);
    }
}
