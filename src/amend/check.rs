//! Checking a generated amendment: it must apply to OLD and give NEW (without NEW's new 附則), compared on
//! every field but spans and the source format.
//!
//! ```
//! let a = kitei::parse::parse_str("例\n第一条　甲。\n").unwrap();
//! assert_eq!(kitei::amend::check::comparable(&a), kitei::amend::check::comparable(&a.clone()));
//! ```

use similar::TextDiff;

use crate::error::{Error, Result};
use crate::model::{walk, Document};

/// Applies the text to OLD and checks that it gives `want` (NEW without the act's own 附則).
pub fn verify(old: &Document, want: &Document, text: &str) -> Result<()> {
    let got = super::apply(old, text, "<generated>")
        .map_err(|e| Error::Other(format!("the generated amendment does not apply: {e}\n{text}")))?;
    let (a, b) = (comparable(&got), comparable(want));
    if a != b {
        let diff = TextDiff::from_lines(&a, &b);
        let d: String = diff.unified_diff().context_radius(2).to_string().chars().take(3000).collect();
        return Err(Error::Other(format!("the generated amendment does not give NEW:\n{d}\n{text}")));
    }
    Ok(())
}

/// The document as text with every field but spans and `format` (IDs, numbers, labels, texts).
pub fn comparable(doc: &Document) -> String {
    let mut out = format!("{}|{:?}\n", doc.title, doc.number);
    walk::walk(doc, &mut |n| {
        out.push_str(&format!(
            "{:?}|{}|{:?}|{:?}|{}|{:?}|{:?}|{}|{}|{:?}|{:?}|{:?}\n",
            n.kind,
            n.id,
            n.num,
            n.num_end,
            n.label,
            n.heading,
            n.heading_raw,
            n.text,
            n.deleted,
            n.level,
            n.scheme,
            n.attrs
        ));
    });
    out
}
