//! The drafting workspace's panes, computed from a base version and the draft text with the library's
//! public API only: the 新旧対照表 (`diff::compare` + `diff::render_html`, the site's HTML), the 改め文
//! (`amend::generate_checked`, with its self-check), the lint report (`lint::lint_source` plus the parser's
//! own findings), and a hook for the impact list (`kitei impact` lives on another branch).

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

/// Everything the workspace shows after one edit.
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
    /// The lint report of the draft, in document order.
    pub lint: Vec<Finding>,
    /// The impact list: `None` until `kitei impact` is merged (the pane says so).
    pub impact: Option<Vec<String>>,
    /// Milliseconds spent: parse, 新旧対照表 (compare + HTML), 改め文 (with self-check), lint. The last
    /// three run in parallel.
    pub timings: BTreeMap<&'static str, u64>,
}

/// The format a draft of a base file is read in: Markdown for `.md` bases, plain text otherwise (a base in
/// e-Gov XML is drafted as its canonical text).
pub fn draft_format(base_file: &str) -> InputFormat {
    if base_file.ends_with(".md") {
        InputFormat::Markdown
    } else {
        InputFormat::Text
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

/// Computes every pane for `draft` against `base`. `name` is the draft's name in messages. After the parse,
/// the 新旧対照表, the 改め文 and the lint run on their own threads (each is independent of the others).
pub fn compute(base: &Document, name: &str, draft: &str, format: InputFormat) -> Panes {
    let started = Instant::now();
    let parsed = match parse_draft(name, draft, format) {
        Ok(p) => p,
        Err(e) => return Panes { parse_error: Some(e), ..Panes::default() },
    };
    let mut timings = BTreeMap::from([("parse", ms(started))]);
    let new = &parsed.document;
    let ((shinkyu_html, changes, t_diff), (amend, t_amend), (lint, t_lint)) = std::thread::scope(|s| {
        let diff = s.spawn(|| {
            let t = Instant::now();
            let cmp = crate::diff::compare(base, new, &crate::diff::CompareOptions::default());
            let html = match crate::diff::render_html(&cmp, &crate::diff::RenderOptions::default(), None) {
                Ok(h) => h,
                Err(e) => format!("<!DOCTYPE html><p>{}</p>", escape_html(&e.to_string())),
            };
            (html, cmp.changes.iter().filter(|c| c.top_level).count(), ms(t))
        });
        let amend = s.spawn(|| {
            let t = Instant::now();
            let pane = match crate::amend::generate_checked(base, new, &crate::amend::Options::default()) {
                Ok(g) => AmendPane { text: g.text, checked: true, warnings: g.warnings, error: None },
                Err(e) => AmendPane { error: Some(e.to_string()), ..AmendPane::default() },
            };
            (pane, ms(t))
        });
        let t = Instant::now();
        let mut lint: Vec<Finding> = parsed.diagnostics.iter().map(finding).collect();
        lint.extend(crate::lint::lint_source(new, draft).iter().map(finding));
        lint.sort_by_key(|f| (f.line, f.column));
        let lint = (lint, ms(t));
        let failed = |what: &str| format!("<!DOCTYPE html><p>{what} failed</p>");
        let diff = diff.join().unwrap_or_else(|_| (failed("the comparison"), 0, 0));
        let amend = amend.join().unwrap_or_else(|_| {
            (AmendPane { error: Some("the 改め文 generator failed".into()), ..AmendPane::default() }, 0)
        });
        (diff, amend, lint)
    });
    timings.extend([("shinkyu", t_diff), ("amend", t_amend), ("lint", t_lint), ("total", ms(started))]);
    Panes { parse_error: None, shinkyu_html, changes, amend, lint, impact: None, timings }
}

fn ms(t: Instant) -> u64 {
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
        let p = compute(&base, "draft.md", &draft, InputFormat::Markdown);
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
        let p = compute(&base, "draft.md", BASE, InputFormat::Markdown);
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
        let p = compute(&base, "draft.md", &draft, InputFormat::Markdown);
        let e = p.parse_error.expect("refused");
        assert_eq!(e.line as usize, 4 + crate::parse::builder::MAX_LIST_DEPTH as usize + 2, "{e:?}");
        assert!(e.message.contains("draft.md"), "{}", e.message);
        assert!(p.shinkyu_html.is_empty() && p.lint.is_empty());
    }

    #[test]
    fn lint_findings_carry_their_line() {
        let base = crate::parse::parse_str(BASE).unwrap();
        let draft = format!("{BASE}\n第4条　前条の規定は、第9条に準用する。\n");
        let p = compute(&base, "draft.md", &draft, InputFormat::Markdown);
        assert!(!p.lint.is_empty(), "numbering gap or dangling reference expected");
        assert!(p.lint.iter().any(|f| f.line == 7), "{:?}", p.lint);
    }

    #[test]
    fn html_is_escaped() {
        assert_eq!(escape_html("<a href=\"x\">'&'</a>"), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
    }

    #[test]
    fn formats_follow_the_base_file() {
        assert_eq!(draft_format("2016-01-01.md"), InputFormat::Markdown);
        assert_eq!(draft_format("2016-01-01.txt"), InputFormat::Text);
        assert_eq!(draft_format("2016-01-01.xml"), InputFormat::Text);
    }
}
