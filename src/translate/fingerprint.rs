//! Fingerprints of the Japanese a translation was made from: one per translatable provision (its own text:
//! caption and wording, not its number nor its children) and one for the whole file. They are kept at the end
//! of the `.en.md` in a `<!-- kitei-fingerprints … -->` comment, so that a provision whose Japanese changed
//! after the translation (edited in place, in a new version, or renumbered) is found by comparing texts, not
//! by trusting the `translation-of` header.
//!
//! ```
//! use kitei::translate::fingerprint::{Fingerprints, own_fingerprint};
//! let ja = kitei::parse::parse_str("規程\n第1条　目的。\n").unwrap();
//! let fp = Fingerprints::of(&ja, "2016-01-01.md", "規程\n第1条　目的。\n");
//! let block = fp.to_comment();
//! let back = Fingerprints::parse_comment(&block).unwrap();
//! assert_eq!(back, fp);
//! assert_eq!(back.by_id["art_1__para_1"], own_fingerprint(&ja.children[0].children[0]));
//! ```

use crate::model::{walk, Document, Node};
use crate::render::translation::is_translatable;
use std::collections::BTreeMap;

/// The first word of the comment that holds the fingerprints.
pub use crate::parse::english::FINGERPRINTS_MARK as MARK;

/// What a translation was made from.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Fingerprints {
    /// The Japanese file's name (as in `translation-of`).
    pub source: String,
    /// The fingerprint of the whole Japanese file's text.
    pub file: String,
    /// Provision ID (in the translated version) → fingerprint of its own Japanese.
    pub by_id: BTreeMap<String, String>,
}

/// FNV-1a, 64 bits, as 16 hex digits: stable across platforms and releases (no `std` hasher).
pub fn hash(text: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// The Japanese a provision's translation renders itself: its caption and its own wording (children and the
/// number excluded, so a changed item does not make its article stale, nor renumbering alone).
pub fn own_text(n: &Node) -> String {
    format!("{}\u{1f}{}\u{1f}{}", n.kind.as_str(), n.heading.as_deref().unwrap_or(""), n.text)
}

/// The fingerprint of [`own_text`].
pub fn own_fingerprint(n: &Node) -> String {
    hash(&own_text(n))
}

impl Fingerprints {
    /// The fingerprints of `ja`, read from the file `source` whose text is `text`.
    pub fn of(ja: &Document, source: &str, text: &str) -> Fingerprints {
        let mut by_id = BTreeMap::new();
        walk::walk(ja, &mut |n| {
            if is_translatable(n) && !n.id.is_empty() {
                by_id.insert(n.id.clone(), own_fingerprint(n));
            }
        });
        Fingerprints { source: source.to_string(), file: hash(text), by_id }
    }

    /// The body of the comment kept in the `.en.md` (without `<!--` and `-->`).
    pub fn to_comment(&self) -> String {
        let mut s = format!("{MARK} of {} (kitei translate; do not edit)\nfile {}\n", self.source, self.file);
        for (id, fp) in &self.by_id {
            s.push_str(&format!("{id} {fp}\n"));
        }
        s
    }

    /// Reads a comment body written by [`Fingerprints::to_comment`]; `None` when it is not one.
    pub fn parse_comment(body: &str) -> Option<Fingerprints> {
        let mut lines = body.lines().map(str::trim).filter(|l| !l.is_empty());
        let first = lines.next()?.strip_prefix(MARK)?.trim();
        let source = first.strip_prefix("of ")?.split(" (").next()?.trim().to_string();
        let mut fp = Fingerprints { source, ..Fingerprints::default() };
        for l in lines {
            let (key, value) = l.split_once(' ')?;
            if key == "file" {
                fp.file = value.trim().to_string();
            } else {
                fp.by_id.insert(key.to_string(), value.trim().to_string());
            }
        }
        Some(fp)
    }

    /// The fingerprints recorded in a parsed translation (`attrs["fingerprints"]`, set by the English parser).
    pub fn recorded(en: &Document) -> Option<Fingerprints> {
        en.attrs.get("fingerprints").and_then(|b| Fingerprints::parse_comment(b))
    }
}

/// `text` (an `.en.md`) with its fingerprint comment replaced by `fp`, or appended at the end; every other
/// byte is kept.
pub fn with_fingerprints(text: &str, fp: &Fingerprints) -> String {
    let block = format!("<!-- {}-->\n", fp.to_comment());
    let open = format!("<!-- {MARK}");
    if let Some(start) = text.find(&open) {
        if let Some(len) = text[start..].find("-->") {
            let mut end = start + len + 3;
            if text[end..].starts_with('\n') {
                end += 1;
            }
            return format!("{}{block}{}", &text[..start], &text[end..]);
        }
    }
    let mut out = text.to_string();
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
    out.push('\n');
    out.push_str(&block);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ja(text: &str) -> Document {
        crate::parse::parse_str(text).unwrap()
    }

    #[test]
    fn an_item_change_leaves_the_article_and_lead_in_fingerprints_alone() {
        let a = ja("規程\n第1条　次に掲げる。\n一　甲\n二　乙\n");
        let b = ja("規程\n第1条　次に掲げる。\n一　甲\n二　丙\n");
        let (fa, fb) = (Fingerprints::of(&a, "a.md", "a"), Fingerprints::of(&b, "b.md", "b"));
        let differ: Vec<_> = fa.by_id.iter().filter(|(id, f)| fb.by_id.get(*id) != Some(f)).map(|(id, _)| id).collect();
        assert_eq!(differ, vec!["art_1__para_1__item_2"]);
    }

    #[test]
    fn renumbering_alone_keeps_the_fingerprint() {
        let a = ja("規程\n第1条　甲。\n");
        let b = ja("規程\n第2条　甲。\n");
        assert_eq!(own_fingerprint(&a.children[0].children[0]), own_fingerprint(&b.children[0].children[0]));
    }

    #[test]
    fn the_comment_is_replaced_in_place_and_other_bytes_kept() {
        let fp = Fingerprints { source: "x.md".into(), file: hash("x"), by_id: BTreeMap::new() };
        let once = with_fingerprints("Title\n\nArticle 1\nText.", &fp);
        assert!(once.starts_with("Title\n\nArticle 1\nText.\n\n<!-- kitei-fingerprints of x.md"), "{once}");
        let other = Fingerprints { file: hash("y"), ..fp.clone() };
        let twice = with_fingerprints(&once, &other);
        assert_eq!(twice, once.replace(&hash("x"), &hash("y")));
        assert_eq!(Fingerprints::parse_comment(&other.to_comment()), Some(other));
        assert_eq!(Fingerprints::parse_comment("translation-of: x.md"), None);
    }

    #[test]
    fn the_hash_is_fnv1a() {
        assert_eq!(hash(""), "cbf29ce484222325");
        assert_eq!(hash("a"), "af63dc4c8601ec8c");
    }
}
