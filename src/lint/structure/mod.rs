//! The structure check: findings that the parsed tree itself is implausible, so that what kitei could not
//! read is said, never silently wrong. `kitei lint` lists them with the other checks; `parse`, `diff`,
//! `amend`, `build` and `checklist` print one warning line per input file naming the first (see
//! [`summary_line`]).
//!
//! Codes:
//!
//! * `structure-article-order`: within the main provision (本則), one 附則 or one appendix, an article
//!   number that repeats (error) or goes backwards (warning). 枝番号, 削除 ranges, gaps and 附則 restarting at
//!   第一条 are in order. It takes the place of [`crate::lint::numbering`]'s findings on the same article.
//! * `structure-misplaced-articles`: a 附則 or appendix holding articles while the main provision holds none,
//!   or more than ten times fewer (the whole body read as a 目次, articles swallowed by a 様式).
//! * `structure-toc-unmatched`: a 目次 entry naming no group of the body (or 附則 when there is none); it
//!   takes the place of [`crate::lint::toc`]'s `toc-mismatch` on the same entry.
//! * `structure-label-position`: a 項 or 号 whose written label disagrees with its number or position (a 項
//!   「8.」 seventh; 「1. 2. 3. 2. 3.」); it takes the place of numbering findings on the same node.
//! * `structure-bare-marker`: a provision whose text is only a bracket or comment marker (「（」, 「-->」).
//! * `structure-appendix-after-item`: an appendix opened straight after an item with no text (an item
//!   「一　様式第一（…）による届出書」 whose text opened an appendix).
//!
//! ```
//! let text = "規程\n第1条　甲\n第9条　乙\n第5条　丙\n";
//! let doc = kitei::parse::parse_str(text).unwrap();
//! let found = kitei::lint::structure::check_source(&doc, text);
//! assert_eq!(found.len(), 1);
//! assert_eq!((found[0].code.as_str(), found[0].line), ("structure-article-order", 4));
//! let line = kitei::lint::structure::summary_line("k.txt", &found).unwrap();
//! assert!(line.starts_with("k.txt:4:1: warning[structure-article-order]: 第5条 follows 第9条"), "{line}");
//! ```

mod articles;
mod labels;
mod markers;

use crate::diagnostic::Diagnostic;
use crate::lint::Locator;
use crate::model::Document;

/// Article numbers repeating or going backwards within one 本則, 附則 or appendix.
pub const ARTICLE_ORDER: &str = "structure-article-order";
/// Articles in a 附則 or appendix while the main provision has few or none.
pub const MISPLACED_ARTICLES: &str = "structure-misplaced-articles";
/// A 目次 entry matching no heading of the body.
pub const TOC_UNMATCHED: &str = "structure-toc-unmatched";
/// A 項 or 号 label disagreeing with its position.
pub const LABEL_POSITION: &str = "structure-label-position";
/// A provision whose text is only a bracket or a comment marker.
pub const BARE_MARKER: &str = "structure-bare-marker";
/// An appendix heading directly after an item marker.
pub const APPENDIX_AFTER_ITEM: &str = "structure-appendix-after-item";

/// Every code of the structure check.
pub const CODES: [&str; 6] =
    [ARTICLE_ORDER, MISPLACED_ARTICLES, TOC_UNMATCHED, LABEL_POSITION, BARE_MARKER, APPENDIX_AFTER_ITEM];

/// Runs the structure check, positions from the source text where there is one; findings in document order.
pub fn check(doc: &Document, loc: &Locator<'_>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    articles::order(doc, &mut out);
    articles::misplaced(doc, &mut out);
    markers::toc_unmatched(doc, &mut out);
    labels::check(doc, loc, &mut out);
    markers::bare(doc, loc, &mut out);
    markers::appendix_after_item(doc, &mut out);
    out.sort_by_key(|d| (d.line, d.column));
    out
}

/// Runs the structure check with the text the document was parsed from.
pub fn check_source(doc: &Document, source: &str) -> Vec<Diagnostic> {
    check(doc, &Locator::new(Some(source)))
}

/// The one line the commands print on standard error for a file with structure findings:
/// `FILE:LINE:COL: warning[code]: message (1 of N structure findings; run `kitei lint FILE`)`, the form of
/// `kitei lint`'s lines (and of compilers', so editors jump to it). `None` when there are none.
pub fn summary_line(file: &str, findings: &[Diagnostic]) -> Option<String> {
    summary_line_at(file, findings, |d| format!("{}:{}", d.line, d.column))
}

/// [`summary_line`] with the first finding's place written by `place` (`¶12` for a Word paragraph).
pub fn summary_line_at(file: &str, findings: &[Diagnostic], place: impl Fn(&Diagnostic) -> String) -> Option<String> {
    let first = findings.first()?;
    let n = findings.len();
    let plural = if n == 1 { "finding" } else { "findings" };
    Some(format!(
        "{file}:{}: warning[{}]: {} (1 of {n} structure {plural}; run `kitei lint {file}`)",
        place(first),
        first.code,
        first.message
    ))
}

/// Codes of other checks that a structure finding on the same node replaces, so that `kitei lint` says one
/// thing once.
pub(crate) fn supersedes(code: &str) -> bool {
    matches!(code, "duplicate-number" | "numbering-disorder" | "numbering-gap" | "toc-mismatch")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_counts_the_findings() {
        let d = [Diagnostic::warning(BARE_MARKER, "x").at(3, 2), Diagnostic::warning(ARTICLE_ORDER, "y").at(5, 1)];
        let line = summary_line("a b.md", &d).unwrap();
        assert_eq!(
            line,
            "a b.md:3:2: warning[structure-bare-marker]: x (1 of 2 structure findings; run `kitei lint a b.md`)"
        );
        assert!(summary_line("a.md", &d[..1]).unwrap().contains("(1 of 1 structure finding;"));
        assert_eq!(summary_line("a.md", &[]), None);
        let at = summary_line_at("a.docx", &d, |d| format!("¶{}", d.line * 2)).unwrap();
        assert!(at.starts_with("a.docx:¶6: warning[structure-bare-marker]: x"), "{at}");
    }

    #[test]
    fn a_clean_regulation_has_no_structure_findings() {
        let t = "規程\n目次\n第1章　総則（第1条・第2条）\n附則\n第1章　総則\n（目的）\n第1条　甲\n２　乙\n一　a\n二　b\n第2条　丙\n附　則\nこの規程は、施行する。\n";
        let doc = crate::parse::parse_str(t).unwrap();
        assert!(check_source(&doc, t).is_empty(), "{:?}", check_source(&doc, t));
    }
}
