//! Export of a checklist as an OSCAL 1.1.2 catalog (JSON), for compliance tools.
//!
//! Groups are chapters, controls are articles, parts are paragraphs and items (`name: "item"`), with props for
//! the classification and the responsible party. UUIDs are name-based (RFC 4122 version 5, SHA-1, URL
//! namespace, name `urn:kitei:<title>:<id>`), so the same input always gives the same catalog. `last-modified`
//! is derived from the version when it is a date (`2016-01-01` → `2016-01-01T00:00:00+09:00`), never the clock.
//!
//! ```
//! use kitei::checklist::{extract, Options, oscal::{catalog, uuid_v5, URL_NAMESPACE}};
//! let doc = kitei::parse::parse_str("規程\n第1条　委員会を置く。\n").unwrap();
//! let cat = catalog(&extract(&doc, &Options::default()), "2016-01-01");
//! assert_eq!(cat["catalog"]["controls"][0]["id"], "art_1");
//! assert_eq!(cat["catalog"]["metadata"]["oscal-version"], "1.1.2");
//! // RFC 4122 appendix B test vector (DNS namespace, "www.example.com"); here with the URL namespace.
//! assert_eq!(uuid_v5(&URL_NAMESPACE, "http://www.example.com/").len(), 36);
//! ```

use super::extract::{Checklist, Entry};
use super::state::{Progress, State};
use serde_json::{json, Value};

/// Namespace of the OSCAL props kitei adds.
pub const PROP_NS: &str = "urn:kitei:oscal";

/// The RFC 4122 URL namespace UUID (6ba7b811-9dad-11d1-80b4-00c04fd430c8).
pub const URL_NAMESPACE: [u8; 16] =
    [0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8];

/// The OSCAL catalog of a checklist, as a JSON value (`{"catalog": …}`).
pub fn catalog(list: &Checklist, version: &str) -> Value {
    catalog_with_state(list, version, None)
}

/// The catalog with the audit state as props: `audit-status` on each entry's part, and the progress
/// (`audit-reviewed`, `audit-total`, `audit-<status>` counts) in the metadata.
pub fn catalog_with_state(list: &Checklist, version: &str, state: Option<&State>) -> Value {
    let uuid = |id: &str| uuid_v5(&URL_NAMESPACE, &format!("urn:kitei:{}:{id}", list.title));
    let last_modified =
        if is_date(version) { format!("{version}T00:00:00+09:00") } else { "1970-01-01T00:00:00Z".to_string() };
    let mut groups: Vec<Value> = Vec::new();
    let mut loose: Vec<Value> = Vec::new();
    let mut i = 0;
    while i < list.entries.len() {
        let art = &list.entries[i].article_id;
        let end = list.entries[i..].iter().position(|e| &e.article_id != art).map_or(list.entries.len(), |k| i + k);
        let control = control(&list.entries[i..end], state);
        match &list.entries[i].group {
            Some(g) => {
                let same = groups.last().is_some_and(|v| v["id"] == g.id.as_str());
                if !same {
                    groups.push(json!({"id": g.id, "class": "chapter", "title": g.title, "controls": []}));
                }
                if let Some(Value::Array(c)) = groups.last_mut().and_then(|v| v.get_mut("controls")) {
                    c.push(control);
                }
            }
            None => loose.push(control),
        }
        i = end;
    }
    let mut cat = json!({
        "uuid": uuid("catalog"),
        "metadata": {
            "title": list.title,
            "last-modified": last_modified,
            "version": if version.is_empty() { "unversioned" } else { version },
            "oscal-version": "1.1.2",
        },
    });
    if let Some(st) = state {
        let p = Progress::of(list, st);
        let mut props = vec![
            json!({"name": "audit-reviewed", "ns": PROP_NS, "value": p.reviewed.to_string()}),
            json!({"name": "audit-total", "ns": PROP_NS, "value": p.total.to_string()}),
        ];
        for (s, n) in &p.counts {
            props.push(json!({"name": format!("audit-{}", s.as_str().replace('_', "-")), "ns": PROP_NS, "value": n.to_string()}));
        }
        cat["metadata"]["props"] = Value::Array(props);
    }
    if !groups.is_empty() {
        cat["groups"] = Value::Array(groups);
    }
    if !loose.is_empty() {
        cat["controls"] = Value::Array(loose);
    }
    json!({ "catalog": cat })
}

fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

fn props(e: &Entry, state: Option<&State>) -> Value {
    let mut p = vec![
        json!({"name": "label", "ns": PROP_NS, "value": e.label}),
        json!({"name": "classification", "ns": PROP_NS, "value": e.classification.as_str()}),
    ];
    if let Some(party) = &e.party {
        p.push(json!({"name": "responsible-party", "ns": PROP_NS, "value": party.name,
            "class": if party.inferred { "inferred" } else { "stated" }}));
    }
    for x in &e.penalties {
        p.push(json!({"name": "penalty", "ns": PROP_NS, "value": x}));
    }
    if let Some(st) = state {
        p.push(json!({"name": "audit-status", "ns": PROP_NS, "value": st.status(&e.id).as_str()}));
    }
    Value::Array(p)
}

fn prose(e: &Entry, text: &str) -> String {
    let mut s = text.to_string();
    for x in &e.exceptions {
        s.push_str(&format!("\n\n{x}"));
    }
    s
}

/// One control per article; its entries become parts (a paragraph part holding item parts where the entries are
/// items of one 柱書).
fn control(entries: &[Entry], state: Option<&State>) -> Value {
    let first = &entries[0];
    let title = match &first.heading {
        Some(h) => format!("{} {h}", first.article_label),
        None => first.article_label.clone(),
    };
    let mut parts: Vec<Value> = Vec::new();
    for e in entries {
        let para_id = match e.id.find("__item_") {
            Some(k) => &e.id[..k],
            None => e.id.as_str(),
        };
        if para_id == e.id {
            parts.push(json!({"id": e.id, "name": "item", "class": "paragraph", "props": props(e, state), "prose": prose(e, &e.text)}));
            continue;
        }
        let (head, item) = e.text.split_once('：').unwrap_or(("", e.text.as_str()));
        let item_part = json!({"id": e.id, "name": "item", "class": "item", "title": e.label, "props": props(e, state), "prose": prose(e, item)});
        let same = parts.last().is_some_and(|p| p["id"] == para_id);
        if !same {
            let mut p = json!({"id": para_id, "name": "item", "class": "paragraph", "parts": []});
            if !head.is_empty() {
                p["prose"] = Value::String(head.to_string());
            }
            parts.push(p);
        }
        if let Some(Value::Array(v)) = parts.last_mut().and_then(|p| p.get_mut("parts")) {
            v.push(item_part);
        }
    }
    json!({
        "id": first.article_id,
        "class": "article",
        "title": title,
        "parts": [{"id": format!("{}_smt", first.article_id), "name": "statement", "parts": parts}],
    })
}

/// A name-based (version 5, SHA-1) UUID, formatted `xxxxxxxx-xxxx-5xxx-yxxx-xxxxxxxxxxxx`.
pub fn uuid_v5(namespace: &[u8; 16], name: &str) -> String {
    let mut data = namespace.to_vec();
    data.extend_from_slice(name.as_bytes());
    let h = sha1(&data);
    let mut b = [0u8; 16];
    b.copy_from_slice(&h[..16]);
    b[6] = (b[6] & 0x0f) | 0x50;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!("{}-{}-{}-{}-{}", &hex[0..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..32])
}

/// SHA-1 (FIPS 180-4). Used only for name-based UUIDs, not for security.
pub fn sha1(data: &[u8]) -> [u8; 20] {
    let mut h: [u32; 5] = [0x6745_2301, 0xEFCD_AB89, 0x98BA_DCFE, 0x1032_5476, 0xC3D2_E1F0];
    let mut msg = data.to_vec();
    let bit_len = (data.len() as u64).wrapping_mul(8);
    msg.push(0x80);
    while msg.len() % 64 != 56 {
        msg.push(0);
    }
    msg.extend_from_slice(&bit_len.to_be_bytes());
    for chunk in msg.chunks(64) {
        let mut w = [0u32; 80];
        for (i, word) in chunk.chunks(4).enumerate() {
            w[i] = u32::from_be_bytes([word[0], word[1], word[2], word[3]]);
        }
        for i in 16..80 {
            w[i] = (w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16]).rotate_left(1);
        }
        let [mut a, mut b, mut c, mut d, mut e] = h;
        for (i, wi) in w.iter().enumerate() {
            let (f, k) = match i {
                0..=19 => ((b & c) | (!b & d), 0x5A82_7999),
                20..=39 => (b ^ c ^ d, 0x6ED9_EBA1),
                40..=59 => ((b & c) | (b & d) | (c & d), 0x8F1B_BCDC),
                _ => (b ^ c ^ d, 0xCA62_C1D6),
            };
            let t = a.rotate_left(5).wrapping_add(f).wrapping_add(e).wrapping_add(k).wrapping_add(*wi);
            e = d;
            d = c;
            c = b.rotate_left(30);
            b = a;
            a = t;
        }
        for (x, y) in h.iter_mut().zip([a, b, c, d, e]) {
            *x = x.wrapping_add(y);
        }
    }
    let mut out = [0u8; 20];
    for (i, x) in h.iter().enumerate() {
        out[i * 4..i * 4 + 4].copy_from_slice(&x.to_be_bytes());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(b: &[u8]) -> String {
        b.iter().map(|x| format!("{x:02x}")).collect()
    }

    #[test]
    fn sha1_test_vectors() {
        assert_eq!(hex(&sha1(b"abc")), "a9993e364706816aba3e25717850c26c9cd0d89d");
        assert_eq!(hex(&sha1(b"")), "da39a3ee5e6b4b0d3255bfef95601890afd80709");
        let long = b"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
        assert_eq!(hex(&sha1(long)), "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
    }

    #[test]
    fn uuid_v5_matches_python() {
        // python3 -c "import uuid; print(uuid.uuid5(uuid.NAMESPACE_URL, 'http://www.example.com/'))"
        assert_eq!(uuid_v5(&URL_NAMESPACE, "http://www.example.com/"), "fcde3c85-2270-590f-9e7c-ee003d65e0e2");
    }
}
