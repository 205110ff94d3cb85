//! # kitei: a toolkit for Japanese regulations (規程, 規則, 法令)
//!
//! One pipeline, data flowing one way:
//!
//! ```text
//! bytes ──input──▶ text ──parse──▶ model::Document ──▶ diff / render / checklist / export / lint / amend
//! ```
//!
//! * [`input`] decodes bytes (UTF-8, Shift_JIS, CRLF) and detects the format.
//! * [`parse`] turns text, Markdown or e-Gov XML into the [`model`] tree, with IDs assigned.
//! * [`model`] is the one tree everything reads: [`model::Document`], [`model::Node`], [`model::Num`] and
//!   the one ID scheme ([`model::ids`]).
//! * [`refs`] finds the cross-references in provision text (第N条第M項, 前条, 同項…) and resolves them to
//!   existing node IDs; every consumer that needs references uses it.
//! * Consumers read the model, never raw text: [`lint`], [`diff`] (新旧対照表), [`amend`] (改め文),
//!   [`render`] (the static site), [`checklist`], [`export`] (JSON Schema, e-Gov XML, Akoma Ntoso).
//! * `serve` (cargo feature `serve`, default on) is `kitei serve`'s local drafting server.
//!
//! ```
//! let doc = kitei::parse::parse_str("規程\n第1条　この規程は、例である。\n").unwrap();
//! assert_eq!(doc.articles().len(), 1);
//! assert_eq!(doc.articles()[0].id, "art_1");
//! ```
#![warn(missing_docs)]

pub mod amend;
pub mod checklist;
pub mod conformance;
pub mod diagnostic;
pub mod diff;
pub mod error;
pub mod export;
pub mod history;
pub mod impact;
pub mod input;
pub mod lint;
pub mod model;
pub mod parse;
pub mod refs;
pub mod render;
#[cfg(feature = "serve")]
pub mod serve;
pub mod translate;

pub use error::{Error, Result};
pub use model::{Document, Kind, Node, Num};

/// Reads, decodes and parses a file (`-` for standard input), detecting its format.
pub fn load(path: &std::path::Path) -> Result<parse::Parsed> {
    let src = input::load(path, None)?;
    parse::parse_source(&src)
}
