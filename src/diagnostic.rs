//! Diagnostics: warnings and errors about a document that do not stop processing (lint findings, parser
//! recoveries, ハネ warnings from the diff engine), and [`excerpts_at_difference`], how a message quotes two
//! texts that differ.
//!
//! ```
//! use kitei::diagnostic::{Diagnostic, Severity};
//! let d = Diagnostic::warning("mixed-caption-brackets", "caption uses half-width ()").at(7, 1);
//! assert_eq!(d.severity, Severity::Warning);
//! ```

use crate::model::Span;
use serde::{Deserialize, Serialize};

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing.
    Info,
    /// Probably a drafting problem.
    Warning,
    /// Certainly wrong.
    Error,
}

/// One finding about a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Diagnostic {
    /// How serious it is.
    pub severity: Severity,
    /// A stable kebab-case code (`dangling-reference`, `variant-kanji`…).
    pub code: String,
    /// A human-readable message (Japanese terms quoted as written).
    pub message: String,
    /// 1-based line (0 when unknown).
    pub line: u32,
    /// 1-based column (0 when unknown).
    pub column: u32,
    /// The ID of the provision concerned, where there is one.
    pub id: Option<String>,
}

impl Diagnostic {
    /// A diagnostic of the given severity.
    pub fn new(severity: Severity, code: &str, message: impl Into<String>) -> Diagnostic {
        Diagnostic { severity, code: code.into(), message: message.into(), line: 0, column: 0, id: None }
    }
    /// A warning.
    pub fn warning(code: &str, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(Severity::Warning, code, message)
    }
    /// An error.
    pub fn error(code: &str, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(Severity::Error, code, message)
    }
    /// Sets the position.
    pub fn at(mut self, line: u32, column: u32) -> Diagnostic {
        self.line = line;
        self.column = column;
        self
    }
    /// Sets the position from a span's start.
    pub fn at_span(self, span: Span) -> Diagnostic {
        self.at(span.start.line, span.start.column)
    }
    /// Sets the provision ID.
    pub fn with_id(mut self, id: impl Into<String>) -> Diagnostic {
        self.id = Some(id.into());
        self
    }
}

/// Excerpts of two texts for a message saying they differ: at most `width` characters of each, taken around
/// the first character where they differ (a few characters of common text before it), with `…` where a side
/// is cut. Two long texts that differ only near their end are thus never quoted as the same excerpt.
///
/// ```
/// let (a, b) = kitei::diagnostic::excerpts_at_difference("甲乙丙丁戊", "甲乙丙丁己", 3);
/// assert_eq!((a.as_str(), b.as_str()), ("…丁戊", "…丁己"));
/// ```
pub fn excerpts_at_difference(a: &str, b: &str, width: usize) -> (String, String) {
    let common = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    // From the start when the difference falls early enough to leave some text after it; else a third of the
    // width of common text before it.
    let before = (width / 3).max(1);
    let start = if common + before < width { 0 } else { common.saturating_sub(before) };
    let cut = |s: &str| {
        let n = s.chars().count();
        let mut out = String::new();
        if start > 0 {
            out.push('…');
        }
        out.extend(s.chars().skip(start).take(width));
        if start + width < n {
            out.push('…');
        }
        out
    };
    (cut(a), cut(b))
}

#[cfg(test)]
mod tests {
    use super::excerpts_at_difference;

    /// Two long 前文 that differ after the first 60 characters are quoted around the difference, both sides
    /// cut the same way; a difference near the start is quoted from the start.
    #[test]
    fn excerpts_show_the_first_difference() {
        let head = "国家公安委員会は、風俗営業等の規制及び業務の適正化等に関する法律第二十条第三項の規定に基づき、同項の指定試験機関";
        let (a, b) = (format!("{head}を指定する。"), format!("{head}を次のように指定する。"));
        let (x, y) = excerpts_at_difference(&a, &b, 30);
        assert_ne!(x, y);
        assert!(x.starts_with('…') && y.starts_with('…'), "{x} / {y}");
        assert!(x.contains("機関を指定") && y.contains("機関を次のように"), "{x} / {y}");
        let (x, y) = excerpts_at_difference("第一条　甲とする。", "第一条　乙とする。", 30);
        assert_eq!((x.as_str(), y.as_str()), ("第一条　甲とする。", "第一条　乙とする。"));
        // A side that ends where the other goes on: the longer one shows what it adds.
        let (x, y) = excerpts_at_difference(&a, &format!("{a}附則"), 12);
        assert!(y.ends_with("附則") && !x.contains("附則"), "{x} / {y}");
    }
}
