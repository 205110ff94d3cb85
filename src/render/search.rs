//! The browser search index, sharded so that a whole 例規集 (thousands of laws) stays searchable: character
//! bigrams (and single characters) for Japanese, no word splitting needed, and lowercase words for English.
//!
//! Written as small script files under `search/` that `static/search.js` loads with `<script>` tags on demand,
//! because browsers refuse `fetch()` under `file://` and the site must work from disk:
//!
//! - `search/index.js`: `window.KITEI_SEARCH_INDEX = {...}`: the regulations' titles, the number of token
//!   shards, the first document of each document shard, the number of documents;
//! - `search/t/<k>.js`: token → document numbers (ascending, delta-encoded), for the tokens whose shard key
//!   ([`shard_key`]) hashes ([`shard_of`]) to `k`; English words share a shard with every word of the same
//!   first three letters, so that `static/search.js` can match a term against every word starting with it
//!   (`audit` → `audits`, `auditing`);
//! - `search/d/<k>.js`: consecutive documents (regulation, URL, citations, texts), for the results' lines and
//!   the check that a Japanese phrase occurs as written.
//!
//! Each part calls `window.KITEI_SEARCH_PART(name, data)`. Shards are cut at about [`SHARD_BYTES`], so a
//! query loads a few hundred kilobytes whatever the size of the site.
//!
//! ```
//! use kitei::render::search::{SearchIndex, tokens};
//! assert_eq!(tokens("認証事務 Article"), ["認証", "証事", "事務", "article"]);
//! let mut ix = SearchIndex::default();
//! ix.add_regulation("規程", "Rules");
//! ix.add("a/index.html#art_1", "第1条", "Article 1", "認証事務", "certification affairs");
//! assert_eq!(ix.postings["certification"], vec![0]);
//! assert_eq!(ix.postings["認"], vec![0]);
//! let files = ix.to_files();
//! assert!(files["search/index.js"].starts_with(b"window.KITEI_SEARCH_INDEX = {"));
//! assert!(files.contains_key("search/t/0.js") && files.contains_key("search/d/0.js"));
//! ```

use super::load::{LoadedRegulation, LoadedVersion};
use super::translation::Alignment;
use crate::model::walk;
use serde::Serialize;
use std::collections::BTreeMap;

pub(crate) fn is_cjk(c: char) -> bool {
    ('\u{3040}'..='\u{30ff}').contains(&c) || ('\u{3400}'..='\u{9fff}').contains(&c) || c == '々' || c == 'ー'
}

/// The search tokens of a text: bigrams of each run of Japanese characters (a single character when the run
/// has one), and lowercase ASCII words of two or more characters.
pub fn tokens(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut run: Vec<char> = Vec::new();
    let mut word = String::new();
    let flush_run = |run: &mut Vec<char>, out: &mut Vec<String>| {
        if run.len() == 1 {
            out.push(run[0].to_string());
        }
        for w in run.windows(2) {
            out.push(w.iter().collect());
        }
        run.clear();
    };
    let flush_word = |word: &mut String, out: &mut Vec<String>| {
        if word.len() >= 2 {
            out.push(std::mem::take(word));
        }
        word.clear();
    };
    for c in text.chars() {
        if is_cjk(c) {
            flush_word(&mut word, &mut out);
            run.push(c);
        } else if c.is_ascii_alphanumeric() {
            flush_run(&mut run, &mut out);
            word.push(c.to_ascii_lowercase());
        } else {
            flush_run(&mut run, &mut out);
            flush_word(&mut word, &mut out);
        }
    }
    flush_run(&mut run, &mut out);
    flush_word(&mut word, &mut out);
    out
}

/// One searchable provision.
#[derive(Debug, Clone, Serialize)]
pub struct SearchDoc {
    /// The regulation (an index into [`SearchIndex::regs`]).
    pub r: usize,
    /// The page and anchor, relative to the site root.
    pub u: String,
    /// Japanese citation (第10条第2項).
    pub lj: String,
    /// English citation (Article 10, paragraph (2)).
    pub le: String,
    /// Japanese text.
    pub j: String,
    /// English text.
    pub e: String,
}

/// One provision as a regulation's search data holds it (the fields of [`SearchDoc`] but the regulation).
#[derive(Debug, Clone, Default, PartialEq, Serialize, serde::Deserialize)]
pub struct SearchEntry {
    /// The page and anchor, relative to the site root.
    pub u: String,
    /// Japanese citation.
    pub lj: String,
    /// English citation.
    pub le: String,
    /// Japanese text.
    pub j: String,
    /// English text.
    pub e: String,
}

/// What one regulation adds to the index: its titles and its current version's provisions, in document
/// order. Made per regulation (in parallel, or kept in the build cache) and added in folder order, so the
/// index does not depend on the order regulations were rendered in.
#[derive(Debug, Clone, Default, PartialEq, Serialize, serde::Deserialize)]
pub struct RegSearch {
    /// Japanese title.
    pub title_ja: String,
    /// English title.
    pub title_en: String,
    /// The provisions.
    pub docs: Vec<SearchEntry>,
}

impl RegSearch {
    /// Points each provision of a split current version (`split`) at the part page holding it
    /// (`slug/index.p3.html#art_40`), not at the contents page that would send the reader on by script. An ID
    /// the split does not list goes where its nearest listed ancestor (`art_40__para_2` → `art_40`) goes.
    pub fn link_parts(&mut self, slug: &str, anchors: &super::split::Anchors) {
        let Some(first) = anchors.files.first() else { return };
        let prefix = format!("{slug}/{first}#");
        for d in &mut self.docs {
            let Some(id) = d.u.strip_prefix(&prefix) else { continue };
            let mut key = id;
            let page = loop {
                if let Some(&k) = anchors.pages.get(key) {
                    break Some(k);
                }
                match key.rsplit_once("__") {
                    Some((parent, _)) => key = parent,
                    None => break None,
                }
            };
            if let Some(file) = page.filter(|&k| k > 0).and_then(|k| anchors.files.get(k)) {
                d.u = format!("{slug}/{file}#{id}");
            }
        }
    }
}

/// The provisions of `v`, the current version of `reg`, as the search index takes them.
pub(super) fn regulation_search(reg: &LoadedRegulation, v: &LoadedVersion, align: &Alignment) -> RegSearch {
    let title_ja = reg.meta.title_ja.clone().filter(|t| !t.is_empty()).unwrap_or_else(|| v.ja.title.clone());
    let title_en = reg.meta.title_en.clone().filter(|t| !t.is_empty());
    let title_en = title_en.or_else(|| v.en.as_ref().map(|e| e.title.clone())).unwrap_or_default();
    let mut search = RegSearch { title_ja, title_en, docs: Vec::new() };
    let mut en_text: BTreeMap<&str, &str> = BTreeMap::new();
    if let Some(en) = &v.en {
        walk::walk(en, &mut |n| {
            en_text.insert(n.id.as_str(), n.text.as_str());
        });
    }
    walk::walk_with_ancestors(&v.ja, &mut |n, anc| {
        if !n.kind.is_provision() || n.text.is_empty() {
            return;
        }
        let (label, label_en) = super::cite::cite(n, anc);
        let en = align.en_id.get(&n.id).and_then(|e| en_text.get(e.as_str())).copied().unwrap_or("");
        search.docs.push(SearchEntry {
            u: format!("{}/index.html#{}", reg.slug, n.id),
            lj: label,
            le: label_en,
            j: n.text.clone(),
            e: en.to_string(),
        });
    });
    search
}

/// The index: documents and token → document numbers (sorted, for byte-identical output).
#[derive(Debug, Clone, Default, Serialize)]
pub struct SearchIndex {
    /// The regulations' titles, Japanese and English, that results name.
    pub regs: Vec<(String, String)>,
    /// The provisions.
    pub docs: Vec<SearchDoc>,
    /// Token → ascending document numbers.
    pub postings: BTreeMap<String, Vec<u32>>,
}

impl SearchIndex {
    /// Starts a regulation: the provisions added next belong to it.
    pub fn add_regulation(&mut self, title_ja: &str, title_en: &str) {
        self.regs.push((title_ja.into(), title_en.into()));
    }

    /// Adds a regulation and its provisions ([`SearchIndex::add_regulation`], then [`SearchIndex::add`] each).
    pub fn add_regulation_search(&mut self, reg: &RegSearch) {
        self.add_regulation(&reg.title_ja, &reg.title_en);
        for d in &reg.docs {
            self.add(&d.u, &d.lj, &d.le, &d.j, &d.e);
        }
    }

    /// Adds a provision of the last regulation started.
    pub fn add(&mut self, url: &str, label_ja: &str, label_en: &str, ja: &str, en: &str) {
        let n = self.docs.len() as u32;
        let texts = [ja, en, label_ja, label_en];
        let chars = texts.iter().flat_map(|t| t.chars()).filter(|c| is_cjk(*c)).map(String::from);
        for t in texts.iter().flat_map(|t| tokens(t)).chain(chars) {
            let v = self.postings.entry(t).or_default();
            if v.last() != Some(&n) {
                v.push(n);
            }
        }
        self.docs.push(SearchDoc {
            r: self.regs.len().saturating_sub(1),
            u: url.into(),
            lj: label_ja.into(),
            le: label_en.into(),
            j: ja.into(),
            e: en.into(),
        });
    }
    /// The index's files, paths relative to the site root (see the module docs).
    pub fn to_files(&self) -> BTreeMap<String, Vec<u8>> {
        let mut files = BTreeMap::new();
        // Token shards: a power of two, enough for about SHARD_BYTES each.
        let encoded: Vec<(&str, String)> =
            self.postings.iter().map(|(t, docs)| (t.as_str(), encode_postings(docs, self.docs.len()))).collect();
        let total: usize = encoded.iter().map(|(t, p)| t.len() + p.len() + 4).sum();
        let shards = total.div_ceil(SHARD_BYTES).max(1).next_power_of_two();
        let mut parts: Vec<Vec<(&str, &str)>> = vec![Vec::new(); shards];
        for (t, p) in &encoded {
            parts[shard_of(shard_key(t), shards)].push((t, p));
        }
        for (k, part) in parts.iter().enumerate() {
            let body: Vec<String> = part.iter().map(|(t, p)| format!("{}:{p}", script_json(t))).collect();
            files.insert(format!("search/t/{k}.js"), part_js(&format!("t/{k}"), &format!("{{{}}}", body.join(","))));
        }
        // Document shards: consecutive documents, cut after about SHARD_BYTES.
        let mut starts = vec![0usize];
        let mut part: Vec<String> = Vec::new();
        let mut size = 0;
        for (n, d) in self.docs.iter().enumerate() {
            let row = script_json(&(d.r, &d.u, &d.lj, &d.le, &d.j, &d.e));
            size += row.len() + 1;
            part.push(row);
            if size >= SHARD_BYTES && n + 1 < self.docs.len() {
                let k = starts.len() - 1;
                files.insert(format!("search/d/{k}.js"), part_js(&format!("d/{k}"), &format!("[{}]", part.join(","))));
                part.clear();
                size = 0;
                starts.push(n + 1);
            }
        }
        let k = starts.len() - 1;
        files.insert(format!("search/d/{k}.js"), part_js(&format!("d/{k}"), &format!("[{}]", part.join(","))));
        let meta = serde_json::json!({
            "regs": self.regs,
            "tshards": shards,
            "dstarts": starts,
            "ndocs": self.docs.len(),
        });
        files.insert(
            "search/index.js".into(),
            format!("window.KITEI_SEARCH_INDEX = {};\n", script_json(&meta)).into_bytes(),
        );
        files
    }
}

/// The size a shard is cut at (bytes of JSON). A common token's postings alone may exceed it (a shard holds
/// whole posting lists): at 7,950 laws the largest is about 1 MB.
pub const SHARD_BYTES: usize = 256 * 1024;

/// What a token's shard is chosen by: an English word's first three letters (so that the words a prefix
/// matches share its shard), a Japanese token itself.
pub fn shard_key(token: &str) -> &str {
    match token.char_indices().nth(3) {
        Some((i, _)) if token.is_ascii() => &token[..i],
        _ => token,
    }
}

/// The token shard of a shard key among `shards`: FNV-1a over its UTF-16 code units, as `static/search.js`
/// computes it on JavaScript strings.
pub fn shard_of(key: &str, shards: usize) -> usize {
    let mut h: u32 = 0x811c_9dc5;
    for u in key.encode_utf16() {
        h ^= u32::from(u);
        h = h.wrapping_mul(0x0100_0193);
    }
    h as usize % shards.max(1)
}

/// A posting list as JSON: the differences between ascending document numbers (`[3,1,5]`), or, for a token in
/// more than one document in 15 (where that is smaller), a bitmap as a base64 string: bit `d % 8` (least
/// significant first) of byte `d / 8` is set for document `d`.
pub(crate) fn encode_postings(docs: &[u32], ndocs: usize) -> String {
    if docs.len() * 15 <= ndocs {
        return script_json(&deltas(docs));
    }
    let mut bits = vec![0u8; ndocs.div_ceil(8)];
    for &d in docs {
        bits[d as usize / 8] |= 1 << (d % 8);
    }
    format!("\"{}\"", base64(&bits))
}

/// Standard base64 with padding (what the browser's `atob` reads).
pub(crate) fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..4 {
            out.push(if i <= chunk.len() { char::from(ABC[(n >> (18 - 6 * i)) as usize & 63]) } else { '=' });
        }
    }
    out
}

/// Ascending document numbers as the differences from the previous one (the first from 0).
fn deltas(docs: &[u32]) -> Vec<u32> {
    let mut prev = 0;
    docs.iter()
        .map(|&d| {
            let x = d - prev;
            prev = d;
            x
        })
        .collect()
}

/// JSON that is harmless inside a script file (`</script>`, U+2028/2029).
pub(crate) fn script_json<T: Serialize + ?Sized>(value: &T) -> String {
    let json = serde_json::to_string(value).unwrap_or_else(|_| "null".into());
    json.replace("</", "<\\/").replace('\u{2028}', "\\u2028").replace('\u{2029}', "\\u2029")
}

/// One part file: `window.KITEI_SEARCH_PART("<name>", <json>);`.
pub(crate) fn part_js(name: &str, json: &str) -> Vec<u8> {
    format!("window.KITEI_SEARCH_PART({}, {json});\n", script_json(name)).into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    /// The JSON of a part file, checked to be named `name`.
    fn part(files: &BTreeMap<String, Vec<u8>>, name: &str) -> Value {
        let js = std::str::from_utf8(&files[&format!("search/{name}.js")]).unwrap();
        let prefix = format!("window.KITEI_SEARCH_PART(\"{name}\", ");
        let json = js.strip_prefix(&prefix).and_then(|s| s.strip_suffix(");\n")).expect("a part call");
        serde_json::from_str(json).unwrap()
    }

    /// A posting list read back: deltas, or a base64 bitmap (decoded here independently of the encoder).
    fn decode(v: &Value) -> Vec<u32> {
        if let Some(b64) = v.as_str() {
            const ABC: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
            let sextets: Vec<u32> = b64.trim_end_matches('=').chars().map(|c| ABC.find(c).unwrap() as u32).collect();
            let bits: Vec<bool> = sextets.iter().flat_map(|s| (0..6).rev().map(move |i| s >> i & 1 == 1)).collect();
            let bytes: Vec<u8> = bits.chunks_exact(8).map(|b| b.iter().fold(0, |n, &x| n << 1 | u8::from(x))).collect();
            return (0..bytes.len() as u32 * 8).filter(|d| bytes[*d as usize / 8] >> (d % 8) & 1 == 1).collect();
        }
        let mut d = 0;
        let list = v.as_array().expect("a posting list").iter();
        list.map(|x| {
            d += x.as_u64().unwrap() as u32;
            d
        })
        .collect()
    }

    #[test]
    fn shards_hash_like_fnv1a_and_keep_english_prefixes_together() {
        // FNV-1a 32 of "a" is 0xe40c292c (a UTF-16 unit below 0x80 is its byte).
        assert_eq!(shard_of("a", 1 << 31), 0xe40c_292c % (1 << 31));
        assert_eq!(shard_key("auditing"), "aud");
        assert_eq!(shard_key("au"), "au");
        assert_eq!(shard_key("監査役会"), "監査役会");
        assert_eq!(shard_of(shard_key("audits"), 64), shard_of(shard_key("audit"), 64));
    }

    #[test]
    fn a_large_index_splits_into_shards_that_read_back_whole() {
        let mut ix = SearchIndex::default();
        for r in 0..100 {
            ix.add_regulation(&format!("規程{r}"), "");
            for a in 0..100 {
                let text = format!("第{a}条の規定により理事会は監査{r}を行う。</script>").repeat(8);
                let en = format!("audits w{r}x{a} v{a}y{r}");
                ix.add(&format!("r{r}/index.html#art_{a}"), &format!("第{a}条"), "", &text, &en);
            }
        }
        let files = ix.to_files();
        let meta = std::str::from_utf8(&files["search/index.js"]).unwrap();
        let meta: Value = serde_json::from_str(
            meta.strip_prefix("window.KITEI_SEARCH_INDEX = ").unwrap().trim_end().strip_suffix(';').unwrap(),
        )
        .unwrap();
        let starts: Vec<usize> = serde_json::from_value(meta["dstarts"].clone()).unwrap();
        assert!(starts.len() > 2, "only {} document shards", starts.len());
        assert_eq!(meta["ndocs"], 10000);
        // Every document comes back, in order, from its shard.
        let mut docs = Vec::new();
        for (k, &start) in starts.iter().enumerate() {
            assert_eq!(docs.len(), start);
            docs.extend(part(&files, &format!("d/{k}")).as_array().unwrap().clone());
        }
        assert_eq!(docs.len(), 10000);
        assert_eq!(docs[1234][1], "r12/index.html#art_34");
        assert_eq!(docs[1234][0], 12);
        // Every posting list comes back from the shard its token hashes to, delta-decoded.
        let shards = meta["tshards"].as_u64().unwrap() as usize;
        assert!(shards > 1 && shards.is_power_of_two());
        let parsed: Vec<Value> = (0..shards).map(|k| part(&files, &format!("t/{k}"))).collect();
        for (t, list) in &ix.postings {
            let shard = &parsed[shard_of(shard_key(t), shards)];
            assert_eq!(&decode(&shard[t.as_str()]), list, "{t}");
            // A token of every document is a bitmap, a token of one a list.
            assert_eq!(shard[t.as_str()].is_string(), list.len() * 15 > 10000, "{t}");
        }
        // No file is much over the shard size, and none holds a closing script tag.
        for (path, bytes) in &files {
            assert!(bytes.len() < 2 * SHARD_BYTES, "{path}: {} bytes", bytes.len());
            assert!(!String::from_utf8_lossy(bytes).contains("</script>"), "{path}");
        }
    }

    #[test]
    fn dense_posting_lists_are_bitmaps() {
        assert_eq!(base64(b"Man"), "TWFu");
        assert_eq!(base64(b"Ma"), "TWE=");
        assert_eq!(base64(b"M"), "TQ==");
        // Documents 0, 9 and 15 of 16: bytes 0b0000_0001 and 0b1000_0010.
        assert_eq!(encode_postings(&[0, 9, 15], 16), format!("\"{}\"", base64(&[0x01, 0x82])));
        assert_eq!(encode_postings(&[3, 40], 100), "[3,37]");
    }

    #[test]
    fn provisions_of_a_split_page_link_to_their_part() {
        let entry = |id: &str| SearchEntry { u: format!("kaisha/index.html#{id}"), ..Default::default() };
        let mut reg = RegSearch {
            docs: vec![entry("preamble"), entry("art_1"), entry("art_40"), entry("art_40__para_2__item_1"), entry("x")],
            ..Default::default()
        };
        let files = ["index.html", "index.p1.html", "index.p2.html"].map(String::from).to_vec();
        let pages = [("preamble", 0), ("art_1", 1), ("art_40", 2)].map(|(id, k)| (id.to_string(), k));
        reg.link_parts("kaisha", &crate::render::split::Anchors { files, pages: pages.into_iter().collect() });
        let urls: Vec<&str> = reg.docs.iter().map(|d| d.u.as_str()).collect();
        assert_eq!(
            urls,
            [
                "kaisha/index.html#preamble",
                "kaisha/index.p1.html#art_1",
                "kaisha/index.p2.html#art_40",
                "kaisha/index.p2.html#art_40__para_2__item_1",
                // Unknown to the split: left on the contents page, whose script knows no better either.
                "kaisha/index.html#x",
            ]
        );
    }

    #[test]
    fn single_japanese_characters_are_indexed() {
        let mut ix = SearchIndex::default();
        ix.add_regulation("規程", "");
        ix.add("a/index.html#art_1", "第1条", "", "監査する。", "");
        ix.add("a/index.html#art_2", "第2条", "", "報告", "");
        assert_eq!(ix.postings["監"], vec![0]);
        assert_eq!(ix.postings["条"], vec![0, 1]);
        assert!(!ix.postings.contains_key("。"));
    }
}
