//! Reads the sharded search index of a built site (`search/`, see `kitei::render::search`) back into its
//! documents and posting lists, parsing the files as written (not through the library).

use serde_json::Value;
use std::collections::BTreeMap;

/// The JSON of `window.KITEI_SEARCH_PART("<name>", <json>);`.
fn part(get: &dyn Fn(&str) -> Option<String>, name: &str) -> Value {
    let js = get(&format!("search/{name}.js")).unwrap_or_else(|| panic!("search/{name}.js missing"));
    let json = js
        .strip_prefix(&format!("window.KITEI_SEARCH_PART(\"{name}\", "))
        .and_then(|s| s.trim_end().strip_suffix(");"))
        .unwrap_or_else(|| panic!("search/{name}.js is not a KITEI_SEARCH_PART call"));
    serde_json::from_str(json).unwrap_or_else(|e| panic!("search/{name}.js: {e}"))
}

/// The index: `meta` (search/index.js), the documents as objects {r, u, lj, le, j, e}, and token → ascending
/// document numbers (delta-decoded).
pub struct Index {
    pub meta: Value,
    pub docs: Vec<Value>,
    pub postings: BTreeMap<String, Vec<u64>>,
}

pub fn read(get: &dyn Fn(&str) -> Option<String>) -> Index {
    let meta = get("search/index.js").expect("search/index.js missing");
    let meta: Value = serde_json::from_str(
        meta.strip_prefix("window.KITEI_SEARCH_INDEX = ")
            .and_then(|s| s.trim_end().strip_suffix(';'))
            .expect("search/index.js assigns window.KITEI_SEARCH_INDEX"),
    )
    .unwrap();
    let mut docs = Vec::new();
    let starts = meta["dstarts"].as_array().expect("dstarts");
    for (k, start) in starts.iter().enumerate() {
        assert_eq!(start.as_u64(), Some(docs.len() as u64), "document shard {k} starts elsewhere");
        for row in part(get, &format!("d/{k}")).as_array().expect("a document shard is an array") {
            let keys = ["r", "u", "lj", "le", "j", "e"];
            docs.push(Value::Object(keys.iter().map(|k| k.to_string()).zip(row.as_array().unwrap().clone()).collect()));
        }
    }
    let mut postings = BTreeMap::new();
    for k in 0..meta["tshards"].as_u64().expect("tshards") {
        for (t, list) in part(get, &format!("t/{k}")).as_object().expect("a token shard is an object") {
            postings.insert(t.clone(), decode(list));
        }
    }
    Index { meta, docs, postings }
}

/// A posting list: the differences between ascending document numbers, or a base64 bitmap (bit `d % 8`,
/// least significant first, of byte `d / 8` set for document `d`).
fn decode(v: &Value) -> Vec<u64> {
    if let Some(b64) = v.as_str() {
        const ABC: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        let sextets: Vec<u32> = b64.trim_end_matches('=').chars().map(|c| ABC.find(c).unwrap() as u32).collect();
        let bits: Vec<bool> = sextets.iter().flat_map(|s| (0..6).rev().map(move |i| s >> i & 1 == 1)).collect();
        let bytes: Vec<u8> = bits.chunks_exact(8).map(|b| b.iter().fold(0, |n, &x| n << 1 | u8::from(x))).collect();
        return (0..bytes.len() as u64 * 8).filter(|d| bytes[*d as usize / 8] >> (d % 8) & 1 == 1).collect();
    }
    let mut d = 0;
    let list = v.as_array().expect("a posting list").iter();
    list.map(|x| {
        d += x.as_u64().unwrap();
        d
    })
    .collect()
}
