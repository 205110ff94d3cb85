//! What alignment compares: the normalised content of a provision (white space dropped, full-width ASCII
//! folded), hashed for exact matches and cut into character bigrams for Dice similarity.
//!
//! One walker, [`unit_content`], defines the content; it feeds either a `String` (for similarity) or a
//! [`ContentHash`] (for anchors), so the two can never disagree.
//!
//! ```
//! use kitei::diff::align::dice;
//! assert!(dice("理事会の承認を得る", "理事会の承認を受ける") > 0.5);
//! ```

use crate::model::Node;
use std::hash::Hasher;

/// Where [`unit_content`] writes: a string of the content, or its hash.
pub(super) trait ContentSink {
    /// A structural marker (1: between caption and text, 2: a descendant begins).
    fn marker(&mut self, m: u8);
    /// Text, normalised as [`push_norm`] does.
    fn norm(&mut self, s: &str);
    /// The end of a descendant (only the hash marks it).
    fn end_deep(&mut self) {}
}

impl ContentSink for String {
    fn marker(&mut self, m: u8) {
        self.push(char::from(m));
    }

    fn norm(&mut self, s: &str) {
        push_norm(self, s);
    }
}

impl ContentSink for ContentHash {
    fn marker(&mut self, m: u8) {
        self.mix(m as u64);
    }

    fn norm(&mut self, s: &str) {
        for c in s.chars() {
            if let Some(c) = norm_char(c) {
                self.mix(c as u64 + 0x100);
            }
        }
    }

    fn end_deep(&mut self) {
        self.mix(3);
    }
}

/// The normalised content of a unit: caption, text and (unless shallow) every descendant's label, caption
/// and text; not the unit's own number.
pub(super) fn unit_content<S: ContentSink>(node: &Node, shallow: bool, out: &mut S) {
    out.norm(node.heading.as_deref().unwrap_or(""));
    out.marker(1);
    out.norm(&node.text);
    if !shallow {
        for c in &node.children {
            deep_content(c, out);
        }
    }
}

fn deep_content<S: ContentSink>(n: &Node, out: &mut S) {
    out.marker(2);
    out.norm(&n.label);
    out.norm(n.heading.as_deref().unwrap_or(""));
    out.norm(&n.text);
    for c in &n.children {
        deep_content(c, out);
    }
    out.end_deep();
}

/// A 64-bit FNV-1a-style hash of normalised content, one multiply per character.
#[derive(Default)]
pub(super) struct ContentHash(u64);

impl ContentHash {
    const PRIME: u64 = 0x0000_0100_0000_01b3;

    fn mix(&mut self, v: u64) {
        self.0 = (self.0 ^ v).wrapping_mul(Self::PRIME);
    }
}

impl Hasher for ContentHash {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.mix(b as u64);
        }
    }

    fn finish(&self) -> u64 {
        // A final avalanche so that nearby states spread over the table.
        let mut x = self.0 ^ 0xcbf2_9ce4_8422_2325;
        x ^= x >> 33;
        x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
        x ^= x >> 33;
        x
    }
}

/// One character normalised for comparison: `None` for white space, full-width ASCII folded.
fn norm_char(c: char) -> Option<char> {
    match c {
        '\u{3000}' => None,
        _ if c.is_ascii() => (!c.is_ascii_whitespace() && c != '\u{b}').then_some(c),
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0),
        _ if c.is_whitespace() => None,
        _ => Some(c),
    }
}

/// Appends `s` normalised for comparison: full-width ASCII folded to ASCII, white space dropped.
fn push_norm(out: &mut String, s: &str) {
    out.reserve(s.len());
    out.extend(s.chars().filter_map(norm_char));
}

/// `s` normalised for comparison (see [`push_norm`]).
pub(crate) fn norm(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_norm(&mut out, s);
    out
}

/// Character-bigram Dice similarity (0–1) of two texts, after normalisation.
pub fn dice(a: &str, b: &str) -> f64 {
    dice_sets(&bigrams(&norm(a)), &bigrams(&norm(b)))
}

/// Texts longer than this many characters are compared on a sample of their bigrams.
pub(super) const SAMPLE_ABOVE: usize = 8_192;

/// The set of character bigrams of `s`, sorted. For a long text (a whole 章 being aligned) the set is a
/// consistent sample: the bigrams whose mixed value falls in one sixteenth of the range, the same rule on both
/// sides, so Dice on the samples estimates Dice on the sets without sorting every bigram of a law.
pub(super) fn bigrams(s: &str) -> Vec<u64> {
    let chars: Vec<u32> = s.chars().map(|c| c as u32).collect();
    let mut v: Vec<u64> = if chars.len() == 1 {
        vec![chars[0] as u64]
    } else if chars.len() > SAMPLE_ABOVE {
        chars
            .windows(2)
            .map(|w| {
                let mut x = ((w[0] as u64) << 32 | w[1] as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
                x ^= x >> 29;
                x
            })
            .filter(|x| x & 0xF == 0)
            .collect()
    } else {
        chars.windows(2).map(|w| ((w[0] as u64) << 32) | w[1] as u64).collect()
    };
    v.sort_unstable();
    v.dedup();
    v
}

pub(super) fn dice_sets(a: &[u64], b: &[u64]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    2.0 * common as f64 / (a.len() + b.len()) as f64
}
