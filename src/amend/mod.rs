//! 改め文 (amendment sentences): read them, apply them to a regulation, and write them from two versions.
//!
//! * [`parse`] turns the text of an amending act (title, enacting sentence, instructions such as
//!   「第五条中「最新」を「最新かつ正確」に改める。」, new provisions given as text, and its 附則) into an
//!   [`Amendment`]: a list of [`Instruction`]s.
//! * [`apply`](fn@apply) applies them to the old version and returns the new one, checking that every
//!   reference to a renumbered provision was amended too (ハネ).
//! * [`generate()`] writes the 一部改正 text that turns one version into another.
//!
//! ```
//! let old = kitei::parse::parse_str("例規程\n第一条　情報を最新の状態に保つ。\n").unwrap();
//! let text = "例規程の一部を改正する規程\n例規程の一部を次のように改正する。\n第一条中「最新」を「最新かつ正確」に改める。\n";
//! let new = kitei::amend::apply(&old, text, "a.txt").unwrap();
//! assert_eq!(new.articles()[0].children[0].text, "情報を最新かつ正確の状態に保つ。");
//! ```

pub mod apply;
pub mod generate;
pub mod grammar;
pub mod style;
pub mod types;

pub use apply::{append_suppl, apply, apply_amendment, apply_units, Applied};
pub use generate::{generate, Options};
pub use grammar::parse;
pub use types::{Amendment, Body, Edit, Instruction, LawAmendment, Op, Part, Special, Step, Target};
