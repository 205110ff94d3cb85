//! Conformance checks on real documents, shared by the tests and the corpus runner
//! (`cargo run --release --example conformance`).
//!
//! For one file ([`check_file`]): the parse outcome (a document, a refusal naming `line:column`, another
//! error, or a panic, caught), the parse and lint diagnostics per code, kanji/kana [`fidelity`], the
//! [`canonical_round_trip`] (parse → canonical text → parse gives the same tree), the [`xml_round_trip`]
//! for XML inputs, and the number of article nodes against an independent count of the source's article
//! lines ([`count_article_lines`], which does not use the parser). For a version pair ([`check_pair`]):
//! the diff, and generate → apply gives NEW ([`amend_round_trip`]). [`Summary`] adds reports up into the
//! table the runner prints.
//!
//! ```
//! use kitei::conformance::{canonical_round_trip, count_article_lines, fidelity};
//! let text = "規程\n\n（目的）\n第一条　この規程は、例を定める。\n２　前項は例である。\n第二条　削除\n";
//! let doc = kitei::parse::parse_str(text).unwrap();
//! assert!(fidelity(text, &doc).is_ok());
//! assert!(canonical_round_trip(&doc).is_ok());
//! assert_eq!(count_article_lines(text), kitei::conformance::article_nodes(&doc));
//! ```

mod articles;
mod check;
mod fidelity;
mod pairs;
pub mod paste;
mod roundtrip;
mod summary;

pub use articles::{article_lines, count_article_lines};
pub use check::{article_nodes, check_file, check_pair, guard, FileReport, Outcome, PairReport};
pub use fidelity::{fidelity, is_kanji_or_kana, jp, model_sequence, Mismatch};
pub use pairs::{amend_round_trip, amendable_part, provisions_json, AmendOutcome};
pub use roundtrip::{
    canonical_round_trip, json_difference, tree_difference, without_spans, xml_round_trip, RoundTripFailure, TreeDiff,
};
pub use summary::{file_offences, pair_offences, worst, Offender, Summary};
