//! Dangling references: 第N条, 前項, 次条, 前号, 同条第2項… that point at no article, paragraph or item of the
//! document (error), and 第N条第1項 cited for an article that has only one paragraph (warning, a citation
//! form the conventions forbid: cite it as 第N条).
//!
//! References are found and resolved by [`crate::refs::Resolver`]; external ones (法第39条) are skipped.
//! Scopes (the resolver's): in the main provision and in an original 附則, 第N条 means the main provision's article and
//! 附則第N条 a 附則 article; a 附則 of an amending act (one with an act number) speaks of the amending act's
//! articles, which the document does not hold (and is often an extract, 抄), so nothing in it is checked.
//! 前条/次条 are relative to the articles of the same part (main provision or that 附則).
//!
//! ```
//! let doc = kitei::parse::parse_str("規程\n第1条　第3条に定める。\n第2条　前条第2項による。\n").unwrap();
//! let d = kitei::lint::dangling::check(&doc, &kitei::lint::Locator::new(None));
//! assert_eq!(d.len(), 2);
//! assert!(d.iter().all(|d| d.code == "dangling-reference"));
//! ```

use super::{cited, Cited, Locator};
use crate::diagnostic::Diagnostic;
use crate::model::Document;
use crate::refs::{Position, Resolver};

/// Checks every internal reference in the document's provisions.
pub fn check(doc: &Document, loc: &Locator<'_>) -> Vec<Diagnostic> {
    check_cited(doc, &cited(doc), loc)
}

/// [`check`] on references already found (the lint run finds them once for every check).
pub(crate) fn check_cited(doc: &Document, cited: &[Cited<'_>], loc: &Locator<'_>) -> Vec<Diagnostic> {
    let resolver = Resolver::new(doc);
    let mut out = Vec::new();
    for Cited { site, refs } in cited {
        let pos = Position { suppl: site.suppl, article: site.article, paragraph: site.paragraph, item: site.item };
        // A 附則 of an amending act (it has the act's number) speaks of that act's articles, and is often an
        // extract (抄): nothing in it can be checked against this document.
        if pos.in_amending_act() {
            continue;
        }
        let text = &site.node.text;
        for res in resolver.resolve_all(&pos, refs.clone()) {
            let r = &res.reference;
            if r.external {
                continue;
            }
            let written = &text[r.range.clone()];
            let at = loc.locate(site.node.span.start, text, r.range.start);
            match &res.error {
                None if res.single_paragraph_cited => out.push(
                    Diagnostic::warning(
                        "citation-form",
                        format!("「{written}」: the article has only one paragraph; cite it without 第1項"),
                    )
                    .at(at.line, at.column)
                    .with_id(&site.node.id),
                ),
                None => {}
                Some(why) => out.push(
                    Diagnostic::error("dangling-reference", format!("「{written}」 points nowhere: {why}"))
                        .at(at.line, at.column)
                        .with_id(&site.node.id),
                ),
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::Locator;

    fn codes(text: &str) -> Vec<String> {
        let doc = crate::parse::parse_str(text).unwrap();
        check(&doc, &Locator::new(Some(text))).into_iter().map(|d| format!("{}:{}", d.line, d.message)).collect()
    }

    #[test]
    fn existing_targets_are_fine() {
        let t = "規程\n第1条　次条及び第2条第2項第1号による。\n第2条　前条に定める。\n２　前項の規定により、次の各号による。\n一　甲\n二　前号に同じ。\n３　前二項及び第二項各号、同項第二号並びに第一条から第二条までによる。\n";
        assert!(codes(t).is_empty(), "{:?}", codes(t));
    }

    #[test]
    fn missing_targets_are_errors() {
        let t = "規程\n第1条　前条及び第3条による。\n２　第1条第3項及び前項第1号による。\n第2条　次条による。\n";
        let c = codes(t);
        assert_eq!(c.len(), 5, "{c:?}");
        assert!(c[0].starts_with("2:「前条」"), "{c:?}");
        assert!(c[1].contains("there is no 第3条 in this regulation"), "{c:?}");
        assert!(c[2].contains("第1条 has no 第3項"), "{c:?}");
        assert!(c[3].contains("has no 第1号"), "{c:?}");
        assert!(c[4].starts_with("4:「次条」"), "{c:?}");
    }

    #[test]
    fn external_and_amending_act_references_are_skipped() {
        let t = "規程\n第1条　法第39条及び施行令第3条による。\n附　則　（令和五年規程第十二号）\n第一条　第二百条の規定は、公布の日から施行する。\n";
        assert!(codes(t).is_empty(), "{:?}", codes(t));
    }

    #[test]
    fn suppl_references() {
        let t = "規程\n第1条　附則第2条による。\n附　則\n第1条　施行する。\n第2条　前条及び第1条による。\n";
        assert!(codes(t).is_empty(), "{:?}", codes(t));
        let t = "規程\n第1条　附則第3条による。\n附　則\n第1条　施行する。\n";
        assert_eq!(codes(t).len(), 1);
    }

    #[test]
    fn single_paragraph_citation_is_a_warning() {
        let t = "規程\n第1条　甲とする。\n第2条　第1条第1項による。\n";
        let doc = crate::parse::parse_str(t).unwrap();
        let d = check(&doc, &Locator::new(Some(t)));
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].code, "citation-form");
        assert_eq!((d[0].line, d[0].column), (3, 5));
    }
}
