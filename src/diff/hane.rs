//! ハネ: references an amendment left behind.
use super::Comparison;
use crate::diagnostic::Diagnostic;
use crate::model::Document;

/// References in NEW that still name the old number of a renumbered provision, or now name a different one.
pub fn stale_references(_old: &Document, _new: &Document, _cmp: &Comparison) -> Vec<Diagnostic> {
    Vec::new()
}
