//! Diagnostics: warnings and errors about a document that do not stop processing (lint findings, parser
//! recoveries, ハネ warnings from the diff engine).
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
