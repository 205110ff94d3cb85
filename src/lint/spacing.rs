//! `spaced-text`: texts spaced out character by character, as pasted from some PDFs (「第 1 条 大 阪 樟 蔭 …」).
//!
//! One hint per document, at the first such text (title, caption or provision), counting the others: the
//! remedy is the same for all of them (`kitei parse --normalize-spacing`, or `normalize_spacing = true` in the
//! regulation's `regulation.toml`), and the source is best left as received.

use super::Locator;
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{walk, Document, Pos};
use crate::parse::spacing::looks_spaced;

/// Reports the first spaced text, with how many texts look spaced.
pub fn check(doc: &Document, loc: &Locator<'_>) -> Vec<Diagnostic> {
    let mut found: Vec<(Pos, Option<String>, String)> = Vec::new();
    if looks_spaced(&doc.title) {
        found.push((loc.locate(doc.span.start, &doc.title, 0), None, doc.title.clone()));
    }
    walk::walk(doc, &mut |n| {
        for text in n.heading.iter().chain(std::iter::once(&n.text)) {
            if looks_spaced(text) {
                found.push((loc.locate(n.span.start, text, 0), Some(n.id.clone()), text.clone()));
            }
        }
    });
    let Some((at, id, text)) = found.first() else { return Vec::new() };
    let sample: String = text.chars().take(12).collect();
    let mut d = Diagnostic::new(
        Severity::Info,
        "spaced-text",
        format!(
            "{} text(s) look spaced out character by character (「{sample}…」), as pasted from a PDF; read them \
             with `kitei parse --normalize-spacing` or `normalize_spacing = true` in regulation.toml",
            found.len()
        ),
    )
    .at(at.line, at.column);
    if let Some(id) = id {
        d = d.with_id(id);
    }
    vec![d]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_hint_at_the_first_spaced_text() {
        let text = "大学規則\n( 目 的 )\n第1条  本 学 は 、 人 材 を 育 成 す る 。\n2 前 項 の 目 的 は 、 別 に 定 め る 。\n";
        let doc = crate::parse::parse_str(text).unwrap();
        let d = check(&doc, &Locator::new(Some(text)));
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!((d[0].code.as_str(), d[0].line, d[0].column), ("spaced-text", 3, 6));
        assert!(d[0].message.starts_with("2 text(s)"), "{}", d[0].message);
        assert_eq!(d[0].id.as_deref(), Some("art_1__para_1"));
        // Normalised, nothing is reported.
        let mut doc = doc;
        crate::parse::spacing::normalize_document(&mut doc);
        assert!(check(&doc, &Locator::new(Some(text))).is_empty());
    }
}
