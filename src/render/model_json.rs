//! The model as JSON on the site (`<slug>/<date>.json`), kept under [`MAX_FILE`] bytes per file.
//!
//! The file is the document in `kitei parse`'s schema (`schema/kitei-document.schema.json`), written compact
//! (the pretty form was 2× the bytes: 保険業法施行規則 11.1 MB pretty, 5.6 MB compact). A document still over
//! the limit is published in parts: `<date>.json` is then a manifest (`"type": "parts"`, which no document
//! has, so no reader takes it for the whole law) naming `<date>.1.json`…, each a document in the same schema
//! holding a run of the top-level children (目次, 編, 附則…) in order: reading the parts' children one after
//! the other gives the document back. Nothing is dropped or reshaped, so no reader is silently misled.

use crate::error::{Error, Result};
use crate::model::{Document, Node, SourceFormat, Span};
use serde::Serialize;
use std::collections::BTreeMap;

/// The largest site file kitei writes for a model.
pub const MAX_FILE: usize = 5_000_000;

/// A document with some of its top-level children, serialized exactly as [`Document`] is.
#[derive(Serialize)]
struct PartDoc<'a> {
    #[serde(rename = "type")]
    doc_type: &'a str,
    title: &'a str,
    number: &'a Option<String>,
    format: &'a SourceFormat,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    attrs: &'a BTreeMap<String, String>,
    children: &'a [Node],
    span: &'a Span,
}

impl<'a> PartDoc<'a> {
    fn new(doc: &'a Document, children: &'a [Node]) -> PartDoc<'a> {
        PartDoc {
            doc_type: &doc.doc_type,
            title: &doc.title,
            number: &doc.number,
            format: &doc.format,
            attrs: &doc.attrs,
            children,
            span: &doc.span,
        }
    }
}

fn to_json<T: Serialize>(v: &T) -> Result<Vec<u8>> {
    let mut s = serde_json::to_vec(v).map_err(|e| Error::Other(format!("JSON: {e}")))?;
    s.push(b'\n');
    Ok(s)
}

/// The JSON files of a version (`stem` is its date): `[(<stem>.json, the document)]`, or when that is over
/// `limit` bytes the manifest and the parts, each part holding top-level children up to `limit` bytes (a
/// single child larger than that is one part of its own).
pub fn model_json(doc: &Document, stem: &str, limit: usize) -> Result<Vec<(String, Vec<u8>)>> {
    let whole = to_json(&PartDoc::new(doc, &doc.children))?;
    if whole.len() <= limit {
        return Ok(vec![(format!("{stem}.json"), whole)]);
    }
    let sizes: Vec<usize> =
        doc.children.iter().map(|c| serde_json::to_vec(c).map(|v| v.len() + 1).unwrap_or(0)).collect();
    let head = to_json(&PartDoc::new(doc, &[]))?.len();
    let mut runs: Vec<std::ops::Range<usize>> = Vec::new();
    let mut size = head;
    for (i, s) in sizes.iter().enumerate() {
        match runs.last_mut() {
            Some(r) if size + s <= limit => r.end = i + 1,
            _ => {
                runs.push(i..i + 1);
                size = head;
            }
        }
        size += s;
    }
    let mut files = Vec::with_capacity(runs.len() + 1);
    let names: Vec<String> = (1..=runs.len()).map(|k| format!("{stem}.{k}.json")).collect();
    let manifest = serde_json::json!({
        "type": "parts",
        "title": doc.title,
        "number": doc.number,
        "parts": names,
        "note": "The document in parts, each in the kitei-document schema; their children in order are the document's.",
    });
    files.push((format!("{stem}.json"), to_json(&manifest)?));
    for (name, r) in names.into_iter().zip(runs) {
        files.push((name, to_json(&PartDoc::new(doc, &doc.children[r]))?));
    }
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    const LAW: &str = "法\n第一章　総則\n第一条　甲は、乙とする。\n第二章　雑則\n第二条　丙は、丁とする。\n\
        附　則\nこの法律は、公布の日から施行する。\n";

    #[test]
    fn a_document_under_the_limit_is_one_compact_file_in_the_parse_schema() {
        let doc = crate::parse::parse_str(LAW).unwrap();
        let files = model_json(&doc, "2020-01-01", MAX_FILE).unwrap();
        assert_eq!(files.len(), 1);
        assert_eq!(files[0].0, "2020-01-01.json");
        // Exactly what `kitei parse` writes, without the indentation.
        assert_eq!(files[0].1, [serde_json::to_vec(&doc).unwrap(), b"\n".to_vec()].concat());
    }

    #[test]
    fn a_document_over_the_limit_is_parts_whose_children_read_back_as_the_document() {
        let doc = crate::parse::parse_str(LAW).unwrap();
        let whole = serde_json::to_vec(&doc).unwrap().len();
        let files = model_json(&doc, "d", whole / 2).unwrap();
        let manifest: serde_json::Value = serde_json::from_slice(&files[0].1).unwrap();
        assert_eq!(manifest["type"], "parts");
        let names: Vec<&str> = manifest["parts"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
        assert!(names.len() >= 2, "{names:?}");
        let mut children = Vec::new();
        for (name, (file, bytes)) in names.iter().zip(&files[1..]) {
            assert_eq!(name, file);
            let part: Document = serde_json::from_slice(bytes).unwrap();
            assert_eq!((&part.title, &part.number), (&doc.title, &doc.number));
            children.extend(part.children);
        }
        assert_eq!(children, doc.children);
    }
}
