//! The drafting workspace's panes, computed from a base version and the draft text with the library's
//! public API only. The draft is parsed and compared with the base once ([`prepare`]: one
//! `diff::Comparison` per update); the 新旧対照表 ([`shinkyu`]: `diff::render_html`, the site's HTML), the
//! 改め文 ([`amend`]: `amend::generate_checked`, with its self-check) and the impact list ([`impact`]:
//! `impact::analyse_with` on that comparison, the HTML `kitei impact` writes) are each a function of the
//! prepared draft, so that the server can run them side by side under a deadline. The impact list and the
//! lint report ([`lint`]) are sent separately, after the 新旧対照表 and the 改め文, so that they never hold
//! them up (on 会社法 the impact list takes longer than the other two together). [`compute`] runs them all
//! in turn (for tests and `examples/serve_latency.rs`).

use crate::diagnostic::{Diagnostic, Severity};
use crate::error::Error;
use crate::input::{InputFormat, Source};
use crate::model::Document;
use serde::Serialize;
use std::collections::BTreeMap;
use std::time::Instant;

/// Where the draft does not parse: the panes keep their last good state and the editor marks this place.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ParseError {
    /// 1-based line (0 when unknown).
    pub line: u32,
    /// 1-based column (0 when unknown).
    pub column: u32,
    /// The parser's message.
    pub message: String,
}

/// One finding shown in the lint pane and beside its line in the editor.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Finding {
    /// `error`, `warning` or `info`.
    pub severity: &'static str,
    /// The stable code (`dangling-reference`…).
    pub code: String,
    /// The message.
    pub message: String,
    /// 1-based line (0 when unknown).
    pub line: u32,
    /// 1-based column (0 when unknown).
    pub column: u32,
}

/// The 改め文 pane: the text and what its self-check (applying it to the base) said.
#[derive(Debug, Clone, Serialize, Default)]
pub struct AmendPane {
    /// The 改め文 (empty when nothing changed or it could not be written).
    pub text: String,
    /// Whether the self-check passed: applying the text to the base gives the draft.
    pub checked: bool,
    /// The self-check's warnings (ハネ漏れ the draft itself carries).
    pub warnings: Vec<String>,
    /// Why no 改め文 could be written, when none could.
    pub error: Option<String>,
}

/// The 新旧対照表 and the 改め文 after one edit (the impact list and the lint report follow: [`impact`],
/// [`lint`]).
#[derive(Debug, Clone, Serialize, Default)]
pub struct Panes {
    /// Set when the draft does not parse; every other field is then empty and the client keeps its panes.
    pub parse_error: Option<ParseError>,
    /// The 新旧対照表 as a standalone HTML document (the site's and `kitei diff`'s HTML).
    pub shinkyu_html: String,
    /// How many top-level units changed (articles, chapters, 附則…), for the polite announcement.
    pub changes: usize,
    /// The 改め文 pane.
    pub amend: AmendPane,
    /// The panes whose computation ran out of time (`shinkyu`, `amend`); their fields are empty and the
    /// client says "timed out" in them.
    pub timed_out: Vec<&'static str>,
    /// Milliseconds spent: parse (with the comparison), 新旧対照表, 改め文 (with self-check).
    pub timings: BTreeMap<&'static str, u64>,
}

/// A draft parsed and compared with its base: what every pane is computed from.
#[derive(Debug)]
pub struct Prepared {
    /// The draft's text.
    pub text: String,
    /// The parsed draft and the parser's findings.
    pub parsed: crate::parse::Parsed,
    /// The one comparison of base and draft the panes share.
    pub cmp: crate::diff::Comparison,
}

/// Parses `text` (named `name` in messages) and compares it with `base`.
pub fn prepare(base: &Document, name: &str, text: &str, format: InputFormat) -> Result<Prepared, ParseError> {
    let parsed = parse_draft(name, text, format)?;
    let cmp = crate::diff::compare(base, &parsed.document, &crate::diff::CompareOptions::default());
    Ok(Prepared { text: text.to_string(), parsed, cmp })
}

/// The 新旧対照表 pane: the HTML document and the number of changed top-level units.
pub fn shinkyu(p: &Prepared) -> (String, usize) {
    let html = match crate::diff::render_html(&p.cmp, &crate::diff::RenderOptions::default(), None) {
        Ok(h) => h,
        Err(e) => format!("<!DOCTYPE html><p>{}</p>", escape_html(&e.to_string())),
    };
    (html, p.cmp.changes.iter().filter(|c| c.top_level).count())
}

/// The 改め文 pane, with the result of its self-check.
pub fn amend(base: &Document, p: &Prepared) -> AmendPane {
    match crate::amend::generate_checked(base, &p.parsed.document, &crate::amend::Options::default()) {
        Ok(g) => AmendPane { text: g.text, checked: true, warnings: g.warnings, error: None },
        Err(e) => AmendPane { error: Some(e.to_string()), ..AmendPane::default() },
    }
}

/// The impact pane: the review list of `kitei impact` for base → draft, on the shared comparison, with the
/// other regulations of the folder, as HTML (headings at level 3, under the pane's own). `others`: `Err`
/// with the limit when the folder holds more regulations than that (as the site's pages, they are not
/// looked at).
pub fn impact(
    base: &Document,
    p: &Prepared,
    others: Result<&[crate::impact::Other<'_>], usize>,
    links: &crate::impact::Links,
) -> String {
    use crate::impact::render::NotLookedAt;
    let report = crate::impact::analyse_with(base, &p.parsed.document, &p.cmp, others.ok(), links);
    let why = others.err().map_or(NotLookedAt::NoneGiven, NotLookedAt::OverLimit);
    crate::impact::render::html_fragment(&report, 3, why)
}

/// The lint report of the draft (the parser's findings and `lint::lint_source`), in document order.
pub fn lint(p: &Prepared) -> Vec<Finding> {
    let mut lint: Vec<Finding> = p.parsed.diagnostics.iter().map(finding).collect();
    lint.extend(crate::lint::lint_source(&p.parsed.document, &p.text).iter().map(finding));
    lint.sort_by_key(|f| (f.line, f.column));
    lint
}

/// The format a draft is read in: the one `kitei build` and every command will read the saved file in
/// (`input::detect_format`, since a version file's extension does not decide between Markdown and plain
/// text), so that the panes show what the saved version will be. A draft of an e-Gov XML base is its
/// canonical text, which reads as plain text.
pub fn draft_format(text: &str) -> InputFormat {
    crate::input::detect_format(text)
}

/// The extension a draft read in `format` is saved with, so that it reads back in that format; `None` for
/// what is no version file (JSON, an English translation).
pub fn saved_extension(format: InputFormat) -> Option<&'static str> {
    match format {
        InputFormat::Markdown => Some("md"),
        InputFormat::Text => Some("txt"),
        InputFormat::Xml => Some("xml"),
        _ => None,
    }
}

/// Parses a draft; on failure, where and why.
pub fn parse_draft(name: &str, text: &str, format: InputFormat) -> Result<crate::parse::Parsed, ParseError> {
    let src = Source { name: name.into(), text: text.into(), format };
    crate::parse::parse_source(&src).map_err(|e| parse_error(&e))
}

fn parse_error(e: &Error) -> ParseError {
    let (line, column) = match e {
        Error::Syntax { at, .. } | Error::Encoding { at, .. } | Error::Xml { at, .. } | Error::Invalid { at, .. } => {
            (at.line, at.column)
        }
        _ => (0, 0),
    };
    ParseError { line, column, message: e.to_string() }
}

fn finding(d: &Diagnostic) -> Finding {
    let severity = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
    };
    Finding { severity, code: d.code.clone(), message: d.message.clone(), line: d.line, column: d.column }
}

/// Computes every pane for `draft` against `base`, one after the other, with no other regulations and no
/// links: the panes (with the impact list's and the lint's milliseconds), the impact list and the lint
/// report. `name` is the draft's name in messages.
pub fn compute(base: &Document, name: &str, draft: &str, format: InputFormat) -> (Panes, String, Vec<Finding>) {
    let t = Instant::now();
    let p = match prepare(base, name, draft, format) {
        Ok(p) => p,
        Err(e) => return (Panes { parse_error: Some(e), ..Panes::default() }, String::new(), Vec::new()),
    };
    let mut timings = BTreeMap::from([("parse", ms(t))]);
    let t = Instant::now();
    let (shinkyu_html, changes) = shinkyu(&p);
    timings.insert("shinkyu", ms(t));
    let t = Instant::now();
    let amend = amend(base, &p);
    timings.insert("amend", ms(t));
    let t = Instant::now();
    let impact_html = impact(base, &p, Ok(&[]), &crate::impact::Links::default());
    timings.insert("impact", ms(t));
    let t = Instant::now();
    let lint = lint(&p);
    timings.insert("lint", ms(t));
    (Panes { parse_error: None, shinkyu_html, changes, amend, timed_out: Vec::new(), timings }, impact_html, lint)
}

/// Milliseconds since `t`.
pub fn ms(t: Instant) -> u64 {
    t.elapsed().as_millis() as u64
}

/// Escapes text for HTML content and attribute values (the site's one escaper).
pub use crate::render::markup::escape as escape_html;

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = "# 例規程\n\n第1条　この規程は、例である。\n\n第2条　職員は、届け出なければならない。\n";

    #[test]
    fn a_changed_article_shows_in_every_pane() {
        let base = crate::parse::parse_str(BASE).unwrap();
        let draft = BASE.replace("届け出なければ", "速やかに届け出なければ");
        let (p, _, _) = compute(&base, "draft.md", &draft, InputFormat::Markdown);
        assert!(p.parse_error.is_none());
        assert_eq!(p.changes, 1);
        assert!(p.shinkyu_html.contains("速やかに"), "{}", p.shinkyu_html);
        assert!(p.amend.checked, "{:?}", p.amend.error);
        assert!(p.amend.text.contains("第二条") || p.amend.text.contains("第2条"), "{}", p.amend.text);
        assert!(p.amend.text.contains("速やかに"), "{}", p.amend.text);
    }

    #[test]
    fn an_unchanged_draft_has_no_rows() {
        let base = crate::parse::parse_str(BASE).unwrap();
        let (p, _, _) = compute(&base, "draft.md", BASE, InputFormat::Markdown);
        assert_eq!(p.changes, 0);
        assert!(p.parse_error.is_none());
    }

    #[test]
    fn a_draft_that_does_not_parse_says_where() {
        let base = crate::parse::parse_str(BASE).unwrap();
        // A Markdown list nested deeper than the model's levels is refused at the line that goes too deep.
        let mut draft = String::from("# 例規程\n\n### 第1条\n\n");
        for k in 0..150 {
            draft.push_str(&format!("{}- 甲{k}\n", "  ".repeat(k)));
        }
        let (p, impact, lint) = compute(&base, "draft.md", &draft, InputFormat::Markdown);
        let e = p.parse_error.expect("refused");
        assert_eq!(e.line as usize, 4 + crate::parse::builder::MAX_LIST_DEPTH as usize + 2, "{e:?}");
        assert!(e.message.contains("draft.md"), "{}", e.message);
        assert!(p.shinkyu_html.is_empty() && impact.is_empty() && lint.is_empty());
    }

    #[test]
    fn lint_findings_carry_their_line() {
        let base = crate::parse::parse_str(BASE).unwrap();
        let draft = format!("{BASE}\n第4条　前条の規定は、第9条に準用する。\n");
        let (_, _, lint) = compute(&base, "draft.md", &draft, InputFormat::Markdown);
        assert!(!lint.is_empty(), "numbering gap or dangling reference expected");
        assert!(lint.iter().any(|f| f.line == 7), "{lint:?}");
    }

    #[test]
    fn a_changed_definition_lists_the_provisions_using_the_term() {
        let base = "# 例規程\n\n第1条　この規程において「職員」とは、常勤の者をいう。\n\n第2条　職員は、届け出なければならない。\n\n第3条　理事は、承認する。\n";
        let old = crate::parse::parse_str(base).unwrap();
        let draft = base.replace("常勤の者", "常勤又は非常勤の者");
        let p = prepare(&old, "draft.md", &draft, InputFormat::Markdown).unwrap();
        let html = impact(&old, &p, Ok(&[]), &crate::impact::Links::default());
        let (term, using) = (html.find("「職員」").expect("the term"), html.find("第2条").expect("its user"));
        assert!(term < using, "{html}");
        assert!(!html.contains("第3条"), "第3条 does not use the term: {html}");
        // The same comparison drew the 新旧対照表 beside it.
        assert_eq!(shinkyu(&p).1, 1);
    }

    #[test]
    fn html_is_escaped() {
        assert_eq!(escape_html("<a href=\"x\">'&'</a>"), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
    }

    #[test]
    fn a_draft_is_read_and_saved_as_its_file_will_be_read() {
        // A Markdown heading first: Markdown, saved as .md.
        assert_eq!(saved_extension(draft_format(BASE)), Some("md"));
        // The drafter removed the heading of a .md base's draft: the saved file will read as plain text, so
        // the panes read it so too and it is saved as .txt.
        let plain = "例規程\n\n第1条　この規程は、例である。\n";
        assert_eq!(draft_format(plain), InputFormat::Text);
        assert_eq!(saved_extension(draft_format(plain)), Some("txt"));
        // Pasted e-Gov XML is XML; JSON is no version file.
        assert_eq!(saved_extension(draft_format("<Law><LawBody/></Law>")), Some("xml"));
        assert_eq!(saved_extension(draft_format("{\"title\": \"x\"}")), None);
    }
}
