//! The 改め文 grammar: the text of an amending act → an [`Amendment`](crate::amend::Amendment) of
//! [`Instruction`](crate::amend::Instruction)s. It reads text only: it knows nothing of the document amended,
//! of applying or of generating, and depends on nothing else in [`crate::amend`] but the shared types and the
//! numeral style.
//!
//! * [`parse`](mod@parse) splits the act into its title, enacting sentences, instruction sentences, the new
//!   text that follows them and the act's own 附則;
//! * [`sentence`] is the grammar of one instruction sentence (targets, 同条, ranges, the operations);
//! * [`quote`] the cursor that reads numerals, provision references and quotes;
//! * [`listed`] the entries of a 「次に掲げる規定中…」 list;
//! * [`appendix`] the 別表 / 別記様式 citations and the name and number of an appendix label.
//!
//! ```
//! use kitei::amend::{grammar::parse, Edit, Op};
//! let a = parse("第五条中「最新」を「最新かつ正確」に改める。\n", "a.txt").unwrap();
//! let ins = a.instructions().next().unwrap();
//! assert_eq!(ins.op, Op::Edits(vec![Edit::Replace { from: "最新".into(), to: "最新かつ正確".into() }]));
//! ```

pub mod appendix;
pub mod listed;
pub mod parse;
pub mod quote;
pub mod sentence;

pub use parse::parse;
