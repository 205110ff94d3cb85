//! Structured data for other tools: the JSON Schema of the model ([`json_schema`], checked in as
//! `schema/kitei-document.schema.json`), canonical text ([`text`]), e-Gov 法令標準XML ([`egov_xml`], valid
//! against `XMLSchemaForJapaneseLaw_v3.xsd`, lossless for e-Gov input) and Akoma Ntoso 3.0 ([`akn`], with the
//! model's IDs as eIds). The command line is `kitei export FILE --to egov-xml|akn|json|text`.
//!
//! ```
//! let schema = kitei::export::json_schema();
//! assert!(schema.contains("\"title\": \"Document\""));
//! let doc = kitei::parse::parse_str("規程\n第1条　この規程は、例である。\n").unwrap();
//! assert!(kitei::export::egov_xml::to_egov_xml(&doc).contains("<ArticleTitle>第1条</ArticleTitle>"));
//! assert!(kitei::export::akn::to_akn(&doc).contains(r#"<article eId="art_1">"#));
//! ```

pub mod akn;
pub mod docx;
pub mod egov_xml;
pub mod text;
mod xml_writer;

/// The JSON Schema of [`crate::model::Document`] (the output of `kitei parse`), pretty-printed with a
/// trailing newline. `schema/kitei-document.schema.json` is this, checked in.
pub fn json_schema() -> String {
    let schema = schemars::schema_for!(crate::model::Document);
    let mut s = serde_json::to_string_pretty(&schema).expect("a schema always serialises");
    s.push('\n');
    s
}
