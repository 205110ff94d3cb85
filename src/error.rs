//! The library's error type.
//!
//! Every error that comes from the input names where it was found (`file:line:column`), what was expected and
//! what was found, so that the CLI can print it as it is.
//!
//! ```
//! use kitei::error::{Error, Location};
//! let e = Error::Syntax {
//!     at: Location { file: "a.txt".into(), line: 3, column: 1 },
//!     expected: "an article heading (第N条)".into(),
//!     found: "「附則」".into(),
//! };
//! assert_eq!(e.to_string(), "a.txt:3:1: expected an article heading (第N条), found 「附則」");
//! ```

use std::fmt;
use std::path::PathBuf;

/// A place in an input file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The file name as given (`-` or `<stdin>` for standard input).
    pub file: String,
    /// 1-based line.
    pub line: u32,
    /// 1-based column (characters).
    pub column: u32,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.column)
    }
}

/// Everything that can go wrong in kitei.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// The input is not valid text in any encoding kitei knows (UTF-8, Shift_JIS/CP932).
    #[error("{at}: expected UTF-8 or Shift_JIS text, found {found}")]
    Encoding {
        /// Where decoding failed.
        at: Location,
        /// What was found.
        found: String,
    },
    /// The input does not have the shape of a regulation.
    #[error("{at}: expected {expected}, found {found}")]
    Syntax {
        /// Where.
        at: Location,
        /// What the parser expected.
        expected: String,
        /// What it found.
        found: String,
    },
    /// Malformed XML, or XML that is not e-Gov 法令標準XML.
    #[error("{at}: {message}")]
    Xml {
        /// Where.
        at: Location,
        /// What is wrong.
        message: String,
    },
    /// A template failed to load or render.
    #[error("template {name}: {message}")]
    Template {
        /// The template's name.
        name: String,
        /// What went wrong (the tera error chain).
        message: String,
    },
    /// An amendment (改め文) instruction could not be applied, or a state file is malformed, etc.
    #[error("{at}: {message}")]
    Invalid {
        /// Where.
        at: Location,
        /// What is wrong.
        message: String,
    },
    /// Any other error, with a message.
    #[error("{0}")]
    Other(String),
}

/// Shorthand for results in kitei.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// An I/O error on a path.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Error {
        Error::Io { path: path.into(), source }
    }
}
