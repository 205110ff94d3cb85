//! The checked-in JSON Schema of `kitei parse` output is up to date, and `kitei parse` output validates
//! against its basic shape.

use std::path::Path;

#[test]
fn checked_in_schema_is_up_to_date() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("schema/kitei-document.schema.json");
    let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        on_disk == kitei::export::json_schema(),
        "{} is out of date with the model: regenerate it with `cargo run -- schema -o schema/kitei-document.schema.json`",
        path.display()
    );
}

#[test]
fn schema_names_every_node_kind() {
    let schema: serde_json::Value = serde_json::from_str(&kitei::export::json_schema()).unwrap();
    let text = schema.to_string();
    for k in ["article", "paragraph", "suppl_provision", "toc_entry", "table_cell"] {
        assert!(text.contains(&format!("\"{k}\"")), "kind {k} missing from the schema");
    }
}
