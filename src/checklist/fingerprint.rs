//! Fingerprints that tie audit state to what was audited: one per checklist entry (the provision text that
//! was reviewed) and one per version (everything the version says), both FNV-1a 64, the same on every run
//! and platform.
//!
//! The version fingerprint (`content1:…`) is taken over the document's content (title, and each provision's
//! ID, label, caption, text and attributes, in order), not over any file layout: the same regulation saved as
//! Markdown or as plain text, or kitei's canonical text written differently by a later release, keeps its
//! fingerprint, so an audit state does not have to be migrated because the tool changed. States written by
//! releases that hashed the canonical text (`fnv1a64:…`) are still recognised ([`belongs_to`]).
//!
//! ```
//! use kitei::checklist::fingerprint::{belongs_to, document_fingerprint};
//! let saved = kitei::parse::parse_str("規程\n第1条　甲は、届け出る。\n").unwrap();
//! let resaved = kitei::parse::parse_str("規程\n\n\n第1条　甲は、届け出る。\n\n").unwrap();
//! assert!(belongs_to(&document_fingerprint(&saved), &resaved));
//! let amended = kitei::parse::parse_str("規程\n第1条　乙は、届け出る。\n").unwrap();
//! assert!(!belongs_to(&document_fingerprint(&saved), &amended));
//! ```

use super::extract::Entry;
use crate::model::{Document, Node};

/// The FNV-1a 64-bit hash of the provision text with whitespace removed, as `fnv1a64:<16 hex digits>`.
/// Deterministic across platforms and versions.
pub fn fingerprint(entry: &Entry) -> String {
    let mut h = Fnv::default();
    let text = std::iter::once(entry.text.as_str()).chain(entry.exceptions.iter().map(String::as_str));
    for part in text {
        for c in part.chars().filter(|c| !c.is_whitespace()) {
            let mut buf = [0u8; 4];
            h.write(c.encode_utf8(&mut buf).as_bytes());
        }
    }
    h.finish("fnv1a64")
}

/// The fingerprint of a whole version, `content1:<16 hex digits>`: its title, number and attributes, then every
/// node in document order with its kind, ID, label, caption, text, deletion mark and attributes (not where it
/// stood in the source file, nor the input format). Two versions that differ in any word differ here.
pub fn document_fingerprint(doc: &Document) -> String {
    let mut h = Fnv::default();
    h.field(&doc.doc_type);
    h.field(&doc.title);
    h.field(doc.number.as_deref().unwrap_or(""));
    for (k, v) in &doc.attrs {
        h.field(k);
        h.field(v);
    }
    for n in &doc.children {
        node(&mut h, n);
    }
    h.finish("content1")
}

/// Whether a state's recorded version fingerprint is that of `doc` (either scheme).
pub fn belongs_to(recorded: &str, doc: &Document) -> bool {
    if recorded.starts_with("fnv1a64:") {
        let mut h = Fnv::default();
        h.write(crate::export::text::to_text(doc).as_bytes());
        return h.finish("fnv1a64") == recorded;
    }
    recorded == document_fingerprint(doc)
}

/// Feeds `n` and its descendants in document order, iteratively (a tree as deep as the parser allows must not
/// exhaust the stack); `0x02` opens a node and `0x03` closes it, so the shape counts, not only the texts.
fn node(h: &mut Fnv, n: &Node) {
    // `None` closes the node opened before its children.
    let mut stack: Vec<Option<&Node>> = vec![Some(n)];
    while let Some(top) = stack.pop() {
        let Some(n) = top else {
            h.write(&[0x03]);
            continue;
        };
        h.write(&[0x02]);
        // The kind's JSON name, which the schema fixes (not `Debug`, which a rename would change).
        h.field(n.kind.as_str());
        h.field(&n.id);
        h.field(&n.label);
        h.field(n.heading.as_deref().unwrap_or(""));
        h.field(n.heading_raw.as_deref().unwrap_or(""));
        h.field(&n.text);
        h.field(if n.deleted { "deleted" } else { "" });
        for (k, v) in &n.attrs {
            h.field(k);
            h.field(v);
        }
        stack.push(None);
        stack.extend(n.children.iter().rev().map(Some));
    }
}

/// FNV-1a, 64 bits: small, stable, and enough to tell versions apart (not a security hash).
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }

    /// A string and a separator no text holds, so that ("ab", "c") and ("a", "bc") differ.
    fn field(&mut self, s: &str) {
        self.write(s.as_bytes());
        self.write(&[0x1f]);
    }

    fn finish(&self, scheme: &str) -> String {
        format!("{scheme}:{:016x}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv_matches_the_reference_vectors_and_versions_differ() {
        let hash = |b: &[u8]| {
            let mut h = Fnv::default();
            h.write(b);
            h.finish("fnv1a64")
        };
        // The FNV-1a 64 test vectors (Fowler, Noll, Vo).
        assert_eq!(hash(b""), "fnv1a64:cbf29ce484222325");
        assert_eq!(hash(b"a"), "fnv1a64:af63dc4c8601ec8c");
        assert_eq!(hash(b"foobar"), "fnv1a64:85944171f73967e8");
        let a = crate::parse::parse_str("規程\n第1条　甲は、届け出る。\n").unwrap();
        let b = crate::parse::parse_str("規程\n第1条　乙は、届け出る。\n").unwrap();
        assert_eq!(document_fingerprint(&a), document_fingerprint(&a.clone()));
        assert_ne!(document_fingerprint(&a), document_fingerprint(&b));
    }

    #[test]
    fn the_version_fingerprint_follows_content_not_layout() {
        let seed = include_str!("../../regulations/jlis-ninsho-jimu-kanri-kitei/2016-01-01.md");
        let md = crate::parse::parse_str(seed).unwrap();
        // The same regulation as kitei's canonical plain text: another file, the same content.
        let txt = crate::parse::parse_str(&crate::export::text::to_text(&md)).unwrap();
        assert_eq!(document_fingerprint(&md), document_fingerprint(&txt));
        assert!(document_fingerprint(&md).starts_with("content1:"));
        // Any word changed, a caption, a deletion: another version.
        let changed = |f: &dyn Fn(&mut Node)| {
            let mut d = md.clone();
            f(&mut d.children.iter_mut().find(|n| !n.children.is_empty()).unwrap().children[0]);
            document_fingerprint(&d)
        };
        let base = document_fingerprint(&md);
        assert_ne!(changed(&|n| n.text.push('。')), base);
        assert_ne!(changed(&|n| n.heading = Some("（別）".into())), base);
        assert_ne!(changed(&|n| n.deleted = !n.deleted), base);
        // Field boundaries count: a character moved from the caption into the text is a change.
        let a = crate::parse::parse_str("規程\n（目的）\n第1条　甲\n").unwrap();
        let mut b = a.clone();
        let art = b.children.iter_mut().find(|n| n.heading.is_some()).unwrap();
        art.heading = Some("（目的".into());
        art.children[0].text.insert(0, '）');
        assert_ne!(document_fingerprint(&a), document_fingerprint(&b));
    }

    #[test]
    fn a_deep_tree_is_fingerprinted_without_recursion() {
        // 100,000 nested subitems: a recursive walk would overflow the test thread's stack.
        let mut n = Node::new(crate::model::Kind::Subitem);
        for _ in 0..100_000 {
            let mut parent = Node::new(crate::model::Kind::Subitem);
            parent.children.push(n);
            n = parent;
        }
        let mut doc = Document::new("規程");
        doc.children.push(n);
        assert!(document_fingerprint(&doc).starts_with("content1:"));
        // Dropping the tree recursively would overflow too: take it apart level by level.
        let mut next = doc.children.pop();
        while let Some(mut n) = next {
            next = n.children.pop();
        }
    }

    #[test]
    fn states_of_the_canonical_text_scheme_are_still_recognised() {
        let a = crate::parse::parse_str("規程\n第1条　甲は、届け出る。\n").unwrap();
        let b = crate::parse::parse_str("規程\n第1条　乙は、届け出る。\n").unwrap();
        let mut h = Fnv::default();
        h.write(crate::export::text::to_text(&a).as_bytes());
        let legacy = h.finish("fnv1a64");
        assert!(belongs_to(&legacy, &a));
        assert!(!belongs_to(&legacy, &b));
        assert!(belongs_to(&document_fingerprint(&a), &a));
        assert!(!belongs_to(&document_fingerprint(&a), &b));
    }
}
