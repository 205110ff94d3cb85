//! The search index written as it is made, for a whole 例規集: the same files as
//! [`SearchIndex::to_files`](super::search::SearchIndex::to_files), byte for byte, without holding the
//! documents or the files in memory. Regulations are added in folder order; each document shard is written
//! as soon as it is full, and posting lists are kept as LEB128 varints of the gaps between document numbers
//! (most gaps fit in a byte, against four for a `u32`), then written shard by shard at the end.
//!
//! ```
//! use kitei::render::search::{RegSearch, SearchEntry, SearchIndex};
//! let reg = RegSearch {
//!     title_ja: "規程".into(),
//!     title_en: "Rules".into(),
//!     docs: vec![SearchEntry { u: "a/index.html#art_1".into(), lj: "第1条".into(), j: "認証事務".into(), ..Default::default() }],
//! };
//! let mut files = std::collections::BTreeMap::new();
//! let mut w = kitei::render::search_stream::IndexWriter::default();
//! w.add(&reg, &mut |p, b| { files.insert(p, b); Ok(()) }).unwrap();
//! w.finish(&mut |p, b| { files.insert(p, b); Ok(()) }).unwrap();
//! let mut ix = SearchIndex::default();
//! ix.add_regulation_search(&reg);
//! assert_eq!(files, ix.to_files());
//! ```

use super::search::{base64, part_js, script_json, shard_key, shard_of, RegSearch, SHARD_BYTES};
use super::search_part::{put_varint, varints, SearchPart};
use crate::error::{Error, Result};
use std::collections::HashMap;

/// Where the files go: (site path, bytes).
pub type Sink<'a> = dyn FnMut(String, Vec<u8>) -> Result<()> + 'a;

/// One token's documents: the gaps between ascending document numbers (the first from 0) as LEB128.
#[derive(Debug, Default)]
struct Postings {
    last: u32,
    count: u32,
    gaps: Vec<u8>,
}

impl Postings {
    fn push(&mut self, doc: u32) {
        if self.count > 0 && self.last == doc {
            return;
        }
        put_varint(&mut self.gaps, u64::from(doc - self.last));
        self.last = doc;
        self.count += 1;
    }

    fn gaps(&self) -> impl Iterator<Item = u32> + '_ {
        // Written by `push` from u32 gaps: every varint reads back whole and fits.
        varints(&self.gaps).map_while(|v| v.and_then(|v| u32::try_from(v).ok()))
    }

    /// As `search::encode_postings` writes it: the gaps as a JSON array, or a base64 bitmap for a token in
    /// more than one document in 15.
    fn encode(&self, ndocs: usize) -> String {
        if self.count as usize * 15 <= ndocs {
            let items: Vec<String> = self.gaps().map(|g| g.to_string()).collect();
            return format!("[{}]", items.join(","));
        }
        let mut bits = vec![0u8; ndocs.div_ceil(8)];
        let mut d = 0;
        for g in self.gaps() {
            d += g;
            bits[d as usize / 8] |= 1 << (d % 8);
        }
        format!("\"{}\"", base64(&bits))
    }

    /// The length of [`Self::encode`], without making it.
    fn encoded_len(&self, ndocs: usize) -> usize {
        if self.count as usize * 15 <= ndocs {
            let digits: usize = self.gaps().map(|g| g.checked_ilog10().unwrap_or(0) as usize + 1).sum();
            return 2 + digits + (self.count as usize).saturating_sub(1);
        }
        2 + ndocs.div_ceil(8).div_ceil(3) * 4
    }
}

/// The index being written.
#[derive(Debug, Default)]
pub struct IndexWriter {
    regs: Vec<(String, String)>,
    postings: HashMap<String, Postings>,
    ndocs: u32,
    /// The rows of the document shard being filled, and their size.
    part: Vec<String>,
    size: usize,
    /// The first document of each shard, the open one included.
    starts: Vec<usize>,
}

impl IndexWriter {
    /// Adds a regulation and its provisions; writes the document shards this fills.
    pub fn add(&mut self, reg: &RegSearch, sink: &mut Sink<'_>) -> Result<()> {
        self.add_part(&SearchPart::of("", reg), sink)
    }

    /// Adds a regulation's contribution, its texts already read as tokens ([`SearchPart`]); writes the
    /// document shards this fills. An error when its bytes are not a contribution.
    pub fn add_part(&mut self, part: &SearchPart, sink: &mut Sink<'_>) -> Result<()> {
        let damaged = || Error::Other("build cache: a regulation's search data is damaged (build with --clean)".into());
        let v = part.view().ok_or_else(damaged)?;
        self.regs.push((v.title_ja.to_string(), v.title_en.to_string()));
        let r = self.regs.len() - 1;
        let base = self.ndocs;
        for rest in &v.rows {
            if self.starts.is_empty() {
                self.starts.push(0);
            } else if self.size >= SHARD_BYTES {
                // The open shard is full and another document follows: it is finished.
                self.flush(sink)?;
                self.starts.push(self.ndocs as usize);
            }
            let row = format!("[{r},{rest}");
            self.size += row.len() + 1;
            self.part.push(row);
            self.ndocs += 1;
        }
        for (token, gaps) in &v.postings {
            let p = match self.postings.get_mut(*token) {
                Some(p) => p,
                None => self.postings.entry(token.to_string()).or_default(),
            };
            let mut local = 0u32;
            for gap in varints(gaps) {
                local = gap.and_then(|g| local.checked_add(u32::try_from(g).ok()?)).ok_or_else(damaged)?;
                if local >= self.ndocs - base {
                    return Err(damaged());
                }
                p.push(base + local);
            }
        }
        Ok(())
    }

    fn flush(&mut self, sink: &mut Sink<'_>) -> Result<()> {
        let k = self.starts.len().saturating_sub(1);
        let body = format!("[{}]", self.part.join(","));
        self.part.clear();
        self.size = 0;
        sink(format!("search/d/{k}.js"), part_js(&format!("d/{k}"), &body))
    }

    /// Writes the last document shard, the token shards and `search/index.js`.
    pub fn finish(mut self, sink: &mut Sink<'_>) -> Result<()> {
        if self.starts.is_empty() {
            self.starts.push(0);
        }
        self.flush(sink)?;
        let ndocs = self.ndocs as usize;
        let mut keys: Vec<&String> = self.postings.keys().collect();
        keys.sort();
        let total: usize = keys.iter().map(|t| t.len() + self.postings[*t].encoded_len(ndocs) + 4).sum();
        let shards = total.div_ceil(SHARD_BYTES).max(1).next_power_of_two();
        let mut parts: Vec<Vec<&String>> = vec![Vec::new(); shards];
        for t in keys {
            parts[shard_of(shard_key(t), shards)].push(t);
        }
        for (k, part) in parts.iter().enumerate() {
            let body: Vec<String> = part
                .iter()
                .map(|t| format!("{}:{}", script_json(t.as_str()), self.postings[*t].encode(ndocs)))
                .collect();
            sink(format!("search/t/{k}.js"), part_js(&format!("t/{k}"), &format!("{{{}}}", body.join(","))))?;
        }
        let meta = serde_json::json!({
            "regs": self.regs,
            "tshards": shards,
            "dstarts": self.starts,
            "ndocs": ndocs,
        });
        let index = format!("window.KITEI_SEARCH_INDEX = {};\n", script_json(&meta));
        sink("search/index.js".into(), index.into_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::super::search::{SearchEntry, SearchIndex};
    use super::*;
    use std::collections::BTreeMap;

    /// `n` regulations of `m` provisions, with common and rare tokens, English and a closing script tag.
    fn regs(n: usize, m: usize) -> Vec<RegSearch> {
        (0..n)
            .map(|r| RegSearch {
                title_ja: format!("規程{r}"),
                title_en: format!("Rules {r}"),
                docs: (0..m)
                    .map(|a| SearchEntry {
                        u: format!("r{r}/index.html#art_{a}"),
                        lj: format!("第{a}条"),
                        le: format!("Article {a}"),
                        j: format!("第{a}条の規定により理事会は監査{r}を行う。</script>").repeat(1 + a % 9),
                        e: if a % 7 == 0 { String::new() } else { format!("audits w{r}x{a} v{a}y{r} z{a}{r}q") },
                    })
                    .collect(),
            })
            .collect()
    }

    fn both(regs: &[RegSearch]) -> (BTreeMap<String, Vec<u8>>, BTreeMap<String, Vec<u8>>) {
        let mut ix = SearchIndex::default();
        let mut streamed = BTreeMap::new();
        let mut w = IndexWriter::default();
        let mut sink = |p: String, b: Vec<u8>| {
            assert!(streamed.insert(p.clone(), b).is_none(), "{p} written twice");
            Ok(())
        };
        for r in regs {
            ix.add_regulation_search(r);
            w.add(r, &mut sink).unwrap();
        }
        w.finish(&mut sink).unwrap();
        (ix.to_files(), streamed)
    }

    #[test]
    fn the_streamed_index_is_the_index_in_memory_byte_for_byte() {
        // Many shards of each kind, bitmaps and gap lists, gaps over 127 (two LEB128 bytes).
        let (memory, streamed) = both(&regs(60, 90));
        assert!(memory.keys().filter(|p| p.starts_with("search/d/")).count() > 3);
        assert!(memory.keys().filter(|p| p.starts_with("search/t/")).count() > 1);
        assert_eq!(memory.keys().collect::<Vec<_>>(), streamed.keys().collect::<Vec<_>>());
        for (path, bytes) in &memory {
            assert!(streamed[path] == *bytes, "{path} differs");
        }
        // Empty and tiny indexes too.
        for n in [0, 1] {
            let (memory, streamed) = both(&regs(n, 1));
            assert_eq!(memory, streamed, "{n} regulations");
        }
    }

    #[test]
    fn postings_keep_their_gaps_and_lengths() {
        let mut p = Postings::default();
        for d in [0, 0, 5, 300, 70_000, 70_001] {
            p.push(d);
        }
        assert_eq!(p.gaps().collect::<Vec<_>>(), [0, 5, 295, 69_700, 1]);
        assert_eq!(p.encode(1_000_000), "[0,5,295,69700,1]");
        assert_eq!(p.encoded_len(1_000_000), p.encode(1_000_000).len());
        // A token of more than one document in 15: a bitmap, as the index in memory writes it.
        let mut dense = Postings::default();
        for d in [0, 9, 15] {
            dense.push(d);
        }
        assert_eq!(dense.encode(16), super::super::search::encode_postings(&[0, 9, 15], 16));
        assert_eq!(dense.encoded_len(16), dense.encode(16).len());
    }
}
