//! One regulation's contribution to the search index, made when the regulation is rendered (on its rayon
//! worker) and kept in the build cache (`.kitei-cache/search/<h>.bin`), so that a rebuild after an edit
//! merges every other regulation's contribution without reading its texts as tokens again
//! ([`IndexWriter::add_part`](super::search_stream::IndexWriter::add_part)).
//!
//! A contribution holds the regulation's titles, each provision's row of the document shards already as
//! JSON (without the regulation's number, which depends on its place in the folder), and each token's
//! documents, numbered from the regulation's first, as LEB128 gaps. Its bytes:
//!
//! ```text
//! "kitei-search-part-1\n"  dir  title_ja  title_en
//! n_rows   row*             (each: the row's JSON after its leading "[": "u","lj","le","j","e"])
//! n_tokens (token gaps)*    (tokens sorted, so that the bytes do not depend on hash-map order)
//! ```
//!
//! where a string or a byte string is its length as a LEB128 varint, then its bytes.
//!
//! ```
//! use kitei::render::search::{RegSearch, SearchEntry};
//! use kitei::render::search_part::SearchPart;
//! let reg = RegSearch {
//!     title_ja: "規程".into(),
//!     docs: vec![SearchEntry { u: "a/index.html#art_1".into(), j: "認証事務".into(), ..Default::default() }],
//!     ..Default::default()
//! };
//! let part = SearchPart::of("regs/a", &reg);
//! let read = SearchPart::from_bytes(part.as_bytes().to_vec()).unwrap();
//! assert_eq!(read.dir(), Some("regs/a"));
//! ```

use super::search::{is_cjk, script_json, tokens, RegSearch};
use std::collections::HashMap;

/// The first bytes of a contribution; changes with its layout.
const MAGIC: &[u8] = b"kitei-search-part-1\n";

/// One regulation's contribution, as its cache file's bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchPart {
    bytes: Vec<u8>,
}

/// A contribution read: borrowed from its bytes.
#[derive(Debug)]
pub(crate) struct PartView<'a> {
    pub title_ja: &'a str,
    pub title_en: &'a str,
    /// Each provision's row after its leading `[`.
    pub rows: Vec<&'a str>,
    /// (token, LEB128 gaps between its documents' numbers within the regulation, the first from 0).
    pub postings: Vec<(&'a str, &'a [u8])>,
}

impl SearchPart {
    /// The contribution of `reg`, whose directory is `dir`: its texts read as tokens once, here.
    pub fn of(dir: &str, reg: &RegSearch) -> SearchPart {
        let mut postings: HashMap<String, Vec<u8>> = HashMap::new();
        let mut last: HashMap<String, u32> = HashMap::new();
        let mut bytes = MAGIC.to_vec();
        for s in [dir, &reg.title_ja, &reg.title_en] {
            put_bytes(&mut bytes, s.as_bytes());
        }
        put_varint(&mut bytes, reg.docs.len() as u64);
        for (n, d) in reg.docs.iter().enumerate() {
            let n = n as u32;
            let row = script_json(&(&d.u, &d.lj, &d.le, &d.j, &d.e));
            put_bytes(&mut bytes, &row.as_bytes()[1..]);
            let texts = [d.j.as_str(), d.e.as_str(), d.lj.as_str(), d.le.as_str()];
            let chars = texts.iter().flat_map(|t| t.chars()).filter(|c| is_cjk(*c)).map(String::from);
            for t in texts.iter().flat_map(|t| tokens(t)).chain(chars) {
                let prev = last.get(&t).copied();
                if prev == Some(n) {
                    continue;
                }
                let gaps = postings.entry(t.clone()).or_default();
                put_varint(gaps, u64::from(n - prev.unwrap_or(0)));
                last.insert(t, n);
            }
        }
        let mut sorted: Vec<(String, Vec<u8>)> = postings.into_iter().collect();
        sorted.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        put_varint(&mut bytes, sorted.len() as u64);
        for (t, gaps) in &sorted {
            put_bytes(&mut bytes, t.as_bytes());
            put_bytes(&mut bytes, gaps);
        }
        SearchPart { bytes }
    }

    /// A contribution read from a cache file; `None` when the bytes are not one (no cache).
    pub fn from_bytes(bytes: Vec<u8>) -> Option<SearchPart> {
        let part = SearchPart { bytes };
        part.view()?;
        Some(part)
    }

    /// The bytes of its cache file.
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// The regulation directory it was made for.
    pub fn dir(&self) -> Option<&str> {
        let mut r = Reader { bytes: self.bytes.strip_prefix(MAGIC)? };
        r.str()
    }

    /// The contribution read; `None` when its bytes are not one.
    pub(crate) fn view(&self) -> Option<PartView<'_>> {
        let mut r = Reader { bytes: self.bytes.strip_prefix(MAGIC)? };
        let (_dir, title_ja, title_en) = (r.str()?, r.str()?, r.str()?);
        let n = usize::try_from(r.varint()?).ok()?;
        let mut rows = Vec::with_capacity(n.min(r.bytes.len()));
        for _ in 0..n {
            rows.push(r.str()?);
        }
        let n = usize::try_from(r.varint()?).ok()?;
        let mut postings = Vec::with_capacity(n.min(r.bytes.len()));
        for _ in 0..n {
            postings.push((r.str()?, r.bytes()?));
        }
        r.bytes.is_empty().then_some(PartView { title_ja, title_en, rows, postings })
    }
}

/// Appends `n` as a LEB128 varint (the one writer of them, with [`varints`] the one reader).
pub(crate) fn put_varint(out: &mut Vec<u8>, mut n: u64) {
    loop {
        let byte = (n & 0x7f) as u8;
        n >>= 7;
        if n == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

/// Appends a length-prefixed byte string.
fn put_bytes(out: &mut Vec<u8>, bytes: &[u8]) {
    put_varint(out, bytes.len() as u64);
    out.extend_from_slice(bytes);
}

/// Reads LEB128 varints from `bytes`; `None` at a truncated or overlong one.
pub(crate) fn varints(bytes: &[u8]) -> impl Iterator<Item = Option<u64>> + '_ {
    let mut r = Reader { bytes };
    std::iter::from_fn(move || (!r.bytes.is_empty()).then(|| r.varint()))
}

/// A cursor over a contribution's bytes.
struct Reader<'a> {
    bytes: &'a [u8],
}

impl<'a> Reader<'a> {
    fn varint(&mut self) -> Option<u64> {
        let mut value = 0u64;
        for (i, &b) in self.bytes.iter().enumerate().take(10) {
            value |= u64::from(b & 0x7f) << (7 * i);
            if b & 0x80 == 0 {
                self.bytes = &self.bytes[i + 1..];
                return Some(value);
            }
        }
        None
    }

    fn bytes(&mut self) -> Option<&'a [u8]> {
        let n = usize::try_from(self.varint()?).ok()?;
        let (head, rest) = (self.bytes.get(..n)?, self.bytes.get(n..)?);
        self.bytes = rest;
        Some(head)
    }

    fn str(&mut self) -> Option<&'a str> {
        std::str::from_utf8(self.bytes()?).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::super::search::SearchEntry;
    use super::*;

    fn reg() -> RegSearch {
        RegSearch {
            title_ja: "監査規程".into(),
            title_en: "Audit Rules".into(),
            docs: (0..200)
                .map(|a| SearchEntry {
                    u: format!("a/index.html#art_{a}"),
                    lj: format!("第{a}条"),
                    le: format!("Article {a}"),
                    j: if a % 50 == 0 { "監査</script>".into() } else { format!("理事{a}は報告する。") },
                    e: "audit".into(),
                })
                .collect(),
        }
    }

    #[test]
    fn a_part_reads_back_its_rows_and_each_tokens_documents() {
        let part = SearchPart::of("regs/a", &reg());
        let v = part.view().expect("its own bytes read back");
        assert_eq!((part.dir(), v.title_ja, v.title_en), (Some("regs/a"), "監査規程", "Audit Rules"));
        assert_eq!(v.rows.len(), 200);
        // A row is the document shard's row without "[r,": the closing script tag escaped.
        assert_eq!(v.rows[50], r#""a/index.html#art_50","第50条","Article 50","監査<\/script>","audit"]"#);
        let docs = |token: &str| -> Vec<u64> {
            let (_, gaps) = v.postings.iter().find(|(t, _)| *t == token).expect(token);
            let mut d = 0;
            varints(gaps)
                .map(|g| {
                    d += g.expect("a varint");
                    d
                })
                .collect()
        };
        assert_eq!(docs("監査"), [0, 50, 100, 150]);
        assert_eq!(docs("audit"), (0..200).collect::<Vec<_>>());
        // 条 is in every citation, listed once per document.
        assert_eq!(docs("条").len(), 200);
        assert!(v.postings.windows(2).all(|w| w[0].0 < w[1].0), "tokens sorted");
    }

    #[test]
    fn damaged_bytes_are_no_part() {
        let bytes = SearchPart::of("regs/a", &reg()).as_bytes().to_vec();
        for cut in [0, 5, MAGIC.len() + 3, bytes.len() / 2, bytes.len() - 1] {
            assert!(SearchPart::from_bytes(bytes[..cut].to_vec()).is_none(), "cut at {cut}");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(SearchPart::from_bytes(longer).is_none());
        assert!(SearchPart::from_bytes(b"{\"dir\":\"regs/a\"}".to_vec()).is_none());
        assert!(SearchPart::from_bytes(bytes).is_some());
    }
}
