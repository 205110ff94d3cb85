//! References in English (JLT-style) translations, as the same [`Reference`]s as the Japanese ones so that
//! [`super::Resolver`] resolves both alike: `Article 10-2, paragraph (3), item (ii)`, `paragraph (2)`,
//! `item (iii)`, `the preceding Article`, `the following Article`, `the same Article`, `the preceding
//! paragraph`, `the following paragraph`, `the preceding items`. A citation followed by ` of the …`
//! (`Article 39, paragraph (1) of the Act`) is another law's.
//!
//! ```
//! use kitei::refs::{english::find_english_references, Target};
//! use kitei::model::Num;
//! let r = find_english_references("Article 3, paragraph (2) and the preceding Article");
//! assert_eq!(r[0].article, Some(Target::Num(Num::simple(3))));
//! assert_eq!(r[0].paragraph, Some(Target::Num(Num::simple(2))));
//! assert_eq!(r[1].article, Some(Target::Previous(1)));
//! ```

use super::find::{Numerals, Reference, Target};
use crate::model::Num;

fn reference(
    range: std::ops::Range<usize>,
    article: Option<Target>,
    paragraph: Option<Target>,
    item: Option<Target>,
) -> Reference {
    Reference {
        range,
        external: false,
        suppl: false,
        article,
        paragraph,
        item,
        inherited: false,
        numerals: Numerals::Arabic,
    }
}

/// Finds the references in English text, in order (see the module documentation).
pub fn find_english_references(text: &str) -> Vec<Reference> {
    let mut out = Vec::new();
    let mut i = 0;
    let step = |i: usize| i + text[i..].chars().next().map(char::len_utf8).unwrap_or(1);
    while i < text.len() {
        let rest = &text[i..];
        let at_word = i == 0 || !text[..i].ends_with(|c: char| c.is_ascii_alphanumeric());
        if !at_word || !rest.starts_with(['t', 'A', 'p', 'i']) {
            i = step(i);
            continue;
        }
        let relative = [
            ("the preceding Article", Some(Target::Previous(1)), None, None),
            ("the following Article", Some(Target::Next), None, None),
            ("the same Article", Some(Target::Same), None, None),
            ("the preceding paragraph", None, Some(Target::Previous(1)), None),
            ("the following paragraph", None, Some(Target::Next), None),
            ("the preceding items", None, None, Some(Target::PreviousAll)),
        ]
        .into_iter()
        .find(|(w, ..)| rest.starts_with(w));
        if let Some((word, a, p, it)) = relative {
            let mut r = reference(i..i + word.len(), a, p, it);
            r.numerals = Numerals::None;
            out.push(r);
            i += word.len();
            continue;
        }
        let found = if let Some(after) = rest.strip_prefix("Article ") {
            let end = after.find(|c: char| !(c.is_ascii_digit() || c == '-')).unwrap_or(after.len());
            let written = after[..end].trim_end_matches('-');
            let num = Num::parse_arabic(written);
            match num {
                Some(num) => {
                    let mut len = "Article ".len() + written.len();
                    let mut paragraph = None;
                    let mut item = None;
                    if let Some((l, p)) = en_unit(&rest[len..], ", paragraph (", false) {
                        paragraph = Some(Target::Num(Num::simple(p)));
                        len += l;
                    }
                    if let Some((l, k)) = en_unit(&rest[len..], ", item (", true) {
                        item = Some(Target::Num(Num::simple(k)));
                        len += l;
                    }
                    Some((len, Some(Target::Num(num)), paragraph, item))
                }
                None => None,
            }
        } else if let Some((l, p)) = en_unit(rest, "paragraph (", false) {
            Some((l, None, Some(Target::Num(Num::simple(p))), None))
        } else if let Some((l, k)) = en_unit(rest, "item (", true) {
            Some((l, None, None, Some(Target::Num(Num::simple(k)))))
        } else {
            None
        };
        let Some((len, a, p, it)) = found else {
            i = step(i);
            continue;
        };
        let mut r = reference(i..i + len, a, p, it);
        r.external = text[i + len..].starts_with(" of the ") || text[i + len..].starts_with(" of this Act");
        out.push(r);
        i += len;
    }
    out
}

/// `paragraph (3)` / `item (iii)` at the start of `s` (after `prefix`) → (byte length, number).
fn en_unit(s: &str, prefix: &str, roman: bool) -> Option<(usize, u32)> {
    let r = s.strip_prefix(prefix)?;
    let close = r.find(')')?;
    let inner = &r[..close];
    let n = if roman { crate::model::num::parse_roman(inner)? } else { inner.parse().ok()? };
    Some((prefix.len() + close + 1, n))
}
