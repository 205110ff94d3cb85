//! Citation forms (warning), after the conventions (§6.10): 第23条1項 (write 第23条第1項), 第104条の第11
//! (write 第104条の11), circled-number paragraphs (① ② as 項 numbers). 第1条第1項 cited for an article with
//! a single paragraph is reported by [`super::dangling`], which resolves references.
//!
//! ```
//! let text = "規程\n第1条　第1条1項及び第1条の第2による。\n";
//! let doc = kitei::parse::parse_str(text).unwrap();
//! let d = kitei::lint::citation::check(&doc, &kitei::lint::Locator::new(Some(text)));
//! assert_eq!(d.len(), 2);
//! assert!(d[0].message.contains("第1条第1項"));
//! assert!(d[1].message.contains("第1条の2"));
//! ```

use super::{cited, Cited, Locator};
use crate::diagnostic::Diagnostic;
use crate::model::num::circled_value;
use crate::model::{walk, Document, Kind};
use crate::refs::numeral_at;

/// Checks citation forms in provision texts and circled paragraph numbers.
pub fn check(doc: &Document, loc: &Locator<'_>) -> Vec<Diagnostic> {
    check_cited(doc, &cited(doc), loc)
}

/// [`check`] on references already found (the lint run finds them once for every check).
pub(crate) fn check_cited(doc: &Document, cited: &[Cited<'_>], loc: &Locator<'_>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for Cited { site, refs } in cited {
        let text = &site.node.text;
        for r in refs {
            let written = &text[r.range.clone()];
            let after = &text[r.range.end..];
            let warn = |msg: String| {
                let at = loc.locate(site.node.span.start, text, r.range.start);
                Diagnostic::warning("citation-form", msg).at(at.line, at.column).with_id(&site.node.id)
            };
            // 第23条1項: a bare number after the reference.
            if let Some((_, end, _)) = numeral_at(after, 0) {
                if let Some(unit) = after[end..].chars().next().filter(|c| matches!(c, '項' | '号')) {
                    let bare = &after[..end];
                    let upper_ok = match unit {
                        '項' => r.paragraph.is_none() && r.item.is_none() && r.article.is_some(),
                        _ => r.item.is_none(),
                    };
                    if upper_ok {
                        out.push(warn(format!(
                            "「{written}{bare}{unit}」: write 「{written}第{bare}{unit}」 (第 before every unit)"
                        )));
                    }
                }
            }
            // 第104条の第11: no 第 before a branch number.
            if written.ends_with('条') || written.ends_with('号') {
                if let Some(rest) = after.strip_prefix("の第") {
                    if let Some((_, end, _)) = numeral_at(rest, 0) {
                        let next = rest[end..].chars().next();
                        if !matches!(next, Some('条' | '項' | '号' | '章' | '節' | '款' | '目' | '編')) {
                            let n = &rest[..end];
                            out.push(warn(format!(
                                "「{written}の第{n}」: a branch number takes no 第; write 「{written}の{n}」"
                            )));
                        }
                    }
                }
            }
        }
    }
    let mut circled = Vec::new();
    walk::walk(doc, &mut |n| {
        // ① as a 項 number (the parser may read ① ② under an empty first paragraph as items).
        let marker = matches!(n.kind, Kind::Paragraph | Kind::Item);
        if marker && n.label.chars().next().is_some_and(|c| circled_value(c).is_some()) {
            circled.push(n);
        }
    });
    if let Some(first) = circled.first() {
        out.push(
            Diagnostic::warning(
                "citation-form",
                format!(
                    "{} paragraph(s) are numbered with circled digits ({}…); paragraph numbers are 2, 3… (the first \
                     unnumbered)",
                    circled.len(),
                    first.label
                ),
            )
            .at_span(first.span)
            .with_id(&first.id),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> Vec<Diagnostic> {
        check(&crate::parse::parse_str(text).unwrap(), &Locator::new(Some(text)))
    }

    #[test]
    fn proper_citations_are_clean() {
        assert!(run("規程\n第1条　第1条第1項第2号及び第1条の2並びに前条1号による。\n").len() == 1);
        assert!(run("規程\n第1条　第10条の2第1項及び第3号の2による。\n").is_empty());
    }

    #[test]
    fn bare_numbers_and_branch_with_dai() {
        let d = run("規程\n第1条　次に掲げる。\n２　第1条1項又は第1項2号による。\n");
        assert_eq!(d.len(), 2, "{d:?}");
        assert_eq!((d[0].line, d[0].column), (3, 3));
        assert!(d[1].message.contains("第1項第2号"));
        let d = run("規程\n第1条　第104条の第11による。\n");
        assert_eq!(d.len(), 1);
    }

    #[test]
    fn circled_paragraphs() {
        let d = run("規程\n第1条\n①　甲\n②　乙\n第2条　丙\n");
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(d[0].message.starts_with("2 paragraph(s)"));
        assert_eq!(d[0].line, 3);
    }
}
