//! Canonical plain text (to be written).

use crate::model::Document;

/// Canonical plain text of a document.
pub fn to_text(doc: &Document) -> String {
    doc.full_text()
}
