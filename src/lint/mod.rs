//! `kitei lint`: drafting problems in a regulation, as [`Diagnostic`]s.
//!
//! Each check is a module of its own and reads only the model:
//!
//! * [`toc`]: 目次 entries whose titles or article ranges do not match the body (error);
//! * [`numbering`]: duplicates (error), gaps and disorder (warning) among articles, paragraphs, items, groups;
//! * [`dangling`]: references (found and resolved by [`crate::refs`]) to articles, paragraphs or items that do not exist
//!   (error);
//! * [`brackets`]: captions mixing full-width （…） and half-width (…) brackets (warning);
//! * [`kanji`]: old or variant kanji (續 → 続) (warning);
//! * [`numerals`]: labels mixing kanji, Arabic and full-width numerals, references mixing digit widths or
//!   written unlike the labels (warning);
//! * [`citation`]: citation forms such as 第23条1項, 第104条の第11, 第1条第1項 for a single-paragraph article,
//!   circled paragraph numbers (warning);
//! * [`structure`]: a tree that is implausible as parsed (articles out of order or outside the main provision,
//!   目次 entries matching nothing, 項/号 labels unlike their position, lone brackets or comment markers, an
//!   appendix opened by an item's text). Its codes start with `structure-`; the other commands print the
//!   first of them as a warning line. A structure finding replaces the numbering or 目次 finding on the same
//!   provision.
//! * [`spacing`]: text spaced out character by character, as pasted from a PDF (info).
//!
//! With the source text ([`lint_source`]), findings inside a provision's text point at the exact line and
//! column; without it ([`lint`]) they point at the provision.
//!
//! ```
//! use kitei::diagnostic::Severity;
//! let text = "規程\n第1条　第5条の規定は、手續に適用する。\n第3条　前条による。\n";
//! let doc = kitei::parse::parse_str(text).unwrap();
//! let found = kitei::lint::lint_source(&doc, text);
//! let codes: Vec<&str> = found.iter().map(|d| d.code.as_str()).collect();
//! assert!(codes.contains(&"dangling-reference")); // 第5条
//! assert!(codes.contains(&"variant-kanji")); // 續
//! assert!(codes.contains(&"numbering-gap")); // 第2条 is missing
//! assert!(found.iter().any(|d| d.severity == Severity::Error));
//! ```

pub mod brackets;
pub mod citation;
pub mod dangling;
pub mod kanji;
pub mod numbering;
pub mod numerals;
pub mod spacing;
pub mod structure;
pub mod toc;

use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{Document, Kind, Node, Pos};

/// Runs every check, without the source text (positions are those of the provisions).
pub fn lint(doc: &Document) -> Vec<Diagnostic> {
    run(doc, &Locator::new(None))
}

/// Runs every check; `source` is the text the document was parsed from, for exact positions.
pub fn lint_source(doc: &Document, source: &str) -> Vec<Diagnostic> {
    run(doc, &Locator::new(Some(source)))
}

fn run(doc: &Document, loc: &Locator<'_>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    out.extend(toc::check(doc));
    out.extend(numbering::check(doc));
    // The references of every provision are found once, for the three checks that read them.
    let cited = cited(doc);
    out.extend(dangling::check_cited(doc, &cited, loc));
    out.extend(brackets::check(doc, loc));
    out.extend(kanji::check(doc, loc));
    out.extend(numerals::check_cited(doc, &cited, loc));
    out.extend(citation::check_cited(doc, &cited, loc));
    let found = structure::check(doc, loc);
    let replaced: std::collections::BTreeSet<String> = found.iter().filter_map(|d| d.id.clone()).collect();
    out.retain(|d| !(structure::supersedes(&d.code) && d.id.as_ref().is_some_and(|id| replaced.contains(id))));
    out.extend(found);
    out.extend(spacing::check(doc, loc));
    // Document order; the checks' order breaks ties. Stable, so output is deterministic.
    out.sort_by_key(|d| (d.line, d.column));
    out
}

/// Counts errors and warnings: `(errors, warnings)`.
pub fn counts(diags: &[Diagnostic]) -> (usize, usize) {
    let errors = diags.iter().filter(|d| d.severity == Severity::Error).count();
    let warnings = diags.iter().filter(|d| d.severity == Severity::Warning).count();
    (errors, warnings)
}

/// A provision's text with where it stands: the article (or 附則 without articles), paragraph and item that
/// contain it, and which part of the document it belongs to.
#[derive(Clone, Copy)]
pub(crate) struct Site<'a> {
    /// The node whose `text` this is.
    pub node: &'a Node,
    /// The 附則 containing it, if any.
    pub suppl: Option<&'a Node>,
    /// The enclosing article, or the 附則 itself when its paragraphs stand without articles.
    pub article: Option<&'a Node>,
    /// The enclosing paragraph.
    pub paragraph: Option<&'a Node>,
    /// The enclosing item.
    pub item: Option<&'a Node>,
}

/// Every paragraph, item and subitem with text, outside the 目次, tables and appendices.
pub(crate) fn sites(doc: &Document) -> Vec<Site<'_>> {
    let mut out = Vec::new();
    crate::model::walk::walk_with_ancestors(doc, &mut |n, anc| {
        if !matches!(n.kind, Kind::Paragraph | Kind::Item | Kind::Subitem) || n.text.is_empty() {
            return;
        }
        if anc.iter().any(|a| matches!(a.kind, Kind::Toc | Kind::Appendix | Kind::Table)) {
            return;
        }
        let chain: Vec<&Node> = anc.iter().copied().chain(std::iter::once(n)).collect();
        let find = |k: Kind| chain.iter().rev().find(|a| a.kind == k).copied();
        let suppl = find(Kind::SupplProvision);
        out.push(Site {
            node: n,
            suppl,
            article: find(Kind::Article).or(suppl),
            paragraph: find(Kind::Paragraph),
            item: find(Kind::Item),
        });
    });
    out
}

/// A provision's text with the references found in it ([`crate::refs::find_references`]).
pub(crate) struct Cited<'a> {
    pub site: Site<'a>,
    pub refs: Vec<crate::refs::Reference>,
}

/// Every [`sites`] entry with its references.
pub(crate) fn cited(doc: &Document) -> Vec<Cited<'_>> {
    sites(doc).into_iter().map(|site| Cited { refs: crate::refs::find_references(&site.node.text), site }).collect()
}

/// Maps a byte offset in a node's text to a line and column of the source.
///
/// ```
/// use kitei::lint::Locator;
/// use kitei::model::Pos;
/// let loc = Locator::new(Some("第1条　手續"));
/// assert_eq!(loc.locate(Pos { line: 1, column: 1 }, "手續", 3), Pos { line: 1, column: 6 });
/// ```
///
/// Linear over a text's findings: the walk through a text resumes where the previous finding in the same text
/// stopped (the checks report findings in text order), and columns are counted from the last one on the same
/// line. Without this, a 1 MB line with a finding every few characters took hours.
pub struct Locator<'a> {
    lines: Vec<&'a str>,
    /// Where the last walk through a text stopped.
    walk: std::cell::Cell<Option<Walked>>,
    /// The last column computed: (line, byte, characters before byte).
    column: std::cell::Cell<Option<(usize, usize, usize)>>,
}

/// A walk through one node's text: `text` (its address and length) read from `start`, consumed up to byte
/// `off`, standing at source `line` and `byte`.
#[derive(Clone, Copy)]
struct Walked {
    start: Pos,
    text: (usize, usize),
    off: usize,
    line: usize,
    byte: usize,
}

impl<'a> Locator<'a> {
    /// A locator over the source text (`None`: positions fall back to the provisions').
    pub fn new(source: Option<&'a str>) -> Locator<'a> {
        Locator {
            lines: source.map(|s| s.split('\n').collect()).unwrap_or_default(),
            walk: std::cell::Cell::new(None),
            column: std::cell::Cell::new(None),
        }
    }

    /// The 1-based column of `byte` on `line`, counting on from the last column asked on that line.
    fn column_of(&self, line: usize, byte: usize) -> u32 {
        let src = self.lines[line];
        let (from, before) = match self.column.get() {
            Some((l, b, n)) if l == line && b <= byte => (b, n),
            _ => (0, 0),
        };
        let n = before + src[from..byte].chars().count();
        self.column.set(Some((line, byte, n)));
        n as u32 + 1
    }

    /// Where byte `off` of `text` stands, `text` being read from around `start` (its node's span start). Falls
    /// back to `start` when the text cannot be found in the source.
    pub fn locate(&self, start: Pos, text: &str, off: usize) -> Pos {
        self.try_locate(start, text, off).unwrap_or(start)
    }

    /// Where `needle` is written on the line of `start` or up to four lines above it (a caption above its
    /// article). Falls back to `start`'s line, column 1, just above it when not found.
    pub fn find_above(&self, start: Pos, needle: &str) -> Pos {
        let first = start.line as usize;
        for l in (first.saturating_sub(5)..first).rev() {
            if let Some(b) = self.lines.get(l).and_then(|s| s.find(needle).map(|b| (s, b))) {
                return Pos { line: l as u32 + 1, column: b.0[..b.1].chars().count() as u32 + 1 };
            }
        }
        Pos { line: start.line.saturating_sub(1).max(1), column: 1 }
    }

    /// Where `needle` first stands on source line `line` (1-based), if it does.
    pub fn find_on_line(&self, line: u32, needle: &str) -> Option<Pos> {
        let src = self.lines.get((line as usize).checked_sub(1)?)?;
        let b = src.find(needle)?;
        Some(Pos { line, column: src[..b].chars().count() as u32 + 1 })
    }

    fn try_locate(&self, start: Pos, text: &str, off: usize) -> Option<Pos> {
        if self.lines.is_empty() || start.line == 0 {
            return None;
        }
        let key = (text.as_ptr() as usize, text.len());
        let resume = self.walk.get().filter(|w| w.start == start && w.text == key && w.off <= off);
        let (mut line, mut byte, from) = match resume {
            Some(w) => (w.line, w.byte, w.off),
            None => {
                let (line, byte) = self.text_start(start, text)?;
                (line, byte, 0)
            }
        };
        // Walk the text and the source together; the source may hold line breaks, indentation and list markers
        // that the text does not.
        let wanted = text.get(from..off)?;
        for c in wanted.chars() {
            let mut skipped = 0;
            loop {
                let src = self.lines.get(line)?;
                match src[byte..].chars().next() {
                    Some(s) if s == c => {
                        byte += s.len_utf8();
                        break;
                    }
                    Some(s) => {
                        byte += s.len_utf8();
                        skipped += 1;
                    }
                    None => {
                        line += 1;
                        byte = 0;
                        skipped += 1;
                    }
                }
                if skipped > 40 {
                    return None;
                }
            }
        }
        self.walk.set(Some(Walked { start, text: key, off, line, byte }));
        // Skip to the next character actually present (the character at `off`).
        let target = text[off..].chars().next();
        let mut skipped = 0;
        loop {
            let src = self.lines.get(line)?;
            match src[byte..].chars().next() {
                Some(s) if Some(s) == target || target.is_none() => break,
                Some(s) => byte += s.len_utf8(),
                None => {
                    line += 1;
                    byte = 0;
                }
            }
            skipped += 1;
            if skipped > 40 {
                return None;
            }
        }
        Some(Pos { line: line as u32 + 1, column: self.column_of(line, byte) })
    }

    /// Where a node's text begins in the source: (line index, byte).
    fn text_start(&self, start: Pos, text: &str) -> Option<(usize, usize)> {
        let first = start.line as usize - 1;
        // Where the text begins: its first few characters, on the start line or close to it (a caption stands
        // a line or two above its article).
        // (The text may continue on the next line: try shorter prefixes.)
        let candidates: Vec<usize> = std::iter::once(first)
            .chain((first.saturating_sub(3)..first).rev())
            .chain(first + 1..(first + 3).min(self.lines.len()))
            .collect();
        (1..=6).rev().find_map(|n| {
            let prefix: String = text.chars().take(n).collect();
            if prefix.chars().count() < n || prefix.trim().is_empty() {
                return None;
            }
            candidates.iter().find_map(|&l| self.lines.get(l)?.find(prefix.as_str()).map(|b| (l, b)))
        })
    }
}

/// 第1条–第6条 style list of labels, compressing runs of consecutive entries.
pub(crate) fn label_runs(labels: &[(usize, &str)]) -> String {
    let mut parts = Vec::new();
    let mut i = 0;
    while i < labels.len() {
        let mut j = i;
        while j + 1 < labels.len() && labels[j + 1].0 == labels[j].0 + 1 {
            j += 1;
        }
        if j == i {
            parts.push(labels[i].1.to_string());
        } else {
            parts.push(format!("{}–{}", labels[i].1, labels[j].1));
        }
        i = j + 1;
    }
    parts.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locator_finds_joined_and_indented_text() {
        let src = "規程\n第1条　この規程は、\n  手續を定める。\n";
        let loc = Locator::new(Some(src));
        let text = "この規程は、手續を定める。";
        let off = text.find('續').unwrap();
        assert_eq!(loc.locate(Pos { line: 2, column: 1 }, text, off), Pos { line: 3, column: 4 });
        assert_eq!(loc.locate(Pos { line: 2, column: 1 }, text, 0), Pos { line: 2, column: 5 });
        // Without the source, the provision's position.
        let none = Locator::new(None);
        assert_eq!(none.locate(Pos { line: 2, column: 1 }, text, off), Pos { line: 2, column: 1 });
    }

    #[test]
    fn many_findings_on_one_long_line_are_located_in_linear_time() {
        // 100,000 findings on a 1.7 MB line: walking the text from its start for each took hours.
        let unit = "第1条第1項、";
        let n = 100_000;
        let text = unit.repeat(n);
        let src = format!("規程\n第1条　{text}\n");
        let loc = Locator::new(Some(&src));
        let start = Pos { line: 2, column: 1 };
        let began = std::time::Instant::now();
        for k in 0..n {
            let at = loc.locate(start, &text, k * unit.len());
            assert_eq!(at, Pos { line: 2, column: 5 + (k * 7) as u32 }, "finding {k}");
        }
        assert!(began.elapsed() < std::time::Duration::from_secs(5), "{:?}", began.elapsed());
        // Going back in the same text starts over, and still finds the right place.
        assert_eq!(loc.locate(start, &text, unit.len()), Pos { line: 2, column: 12 });
    }

    #[test]
    fn lint_of_a_long_line_of_references_finishes() {
        let text = "第1条第1項、".repeat(60_000); // 1 MB
        let src = format!("規程\n第1条　{text}とする。\n");
        let doc = crate::parse::parse_str(&src).unwrap();
        let began = std::time::Instant::now();
        let found = lint_source(&doc, &src);
        assert!(began.elapsed() < std::time::Duration::from_secs(20), "{:?}", began.elapsed());
        assert!(found.iter().all(|d| d.line <= 3), "every finding on a line of the text");
        // One citation-form finding per reference, each at its own column.
        let cols: std::collections::BTreeSet<u32> =
            found.iter().filter(|d| d.code == "citation-form").map(|d| d.column).collect();
        assert_eq!(cols.len(), 60_000);
        assert_eq!(cols.last(), Some(&(5 + 59_999 * 7)));
    }

    proptest::proptest! {
        /// Whatever the parser makes of regulation-like noise, linting it does not panic and every finding
        /// points at a line of the text.
        #[test]
        fn lint_never_panics(s in "(規程\n)?([第前次同附則目次章条項号の一二三十1２　 （）()「」法續\n-]{0,12}\n){0,12}") {
            if let Ok(doc) = crate::parse::parse_str(&s) {
                let lines = s.split('\n').count() as u32;
                for d in lint_source(&doc, &s) {
                    proptest::prop_assert!(d.line <= lines, "{d:?}");
                }
            }
        }
    }

    #[test]
    fn label_runs_compress() {
        let l = [(0, "第1条"), (1, "第2条"), (2, "第3条"), (5, "第6条")];
        assert_eq!(label_runs(&l), "第1条–第3条, 第6条");
    }
}
