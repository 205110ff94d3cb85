//! Structured data for other tools: the JSON Schema of the model, canonical text, and (issue 6) e-Gov
//! 法令標準XML and Akoma Ntoso.
//!
//! ```
//! let schema = kitei::export::json_schema();
//! assert!(schema.contains("\"title\": \"Document\""));
//! ```

pub mod akn;
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
