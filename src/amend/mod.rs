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

pub mod annotation;
pub mod appendix;
pub mod apply;
pub mod body;
pub mod chapters;
pub mod check;
pub mod columns;
pub mod generate;
mod labels;
pub mod locate;
pub mod named;
pub mod pairing;
pub mod parse;
pub mod quote;
pub mod refs;
mod select;
pub mod sentence;
pub mod sentences;
pub mod style;
pub mod suppl;
pub mod units;
pub mod wording;

use crate::model::{Kind, Num};

pub use apply::{apply_amendment, apply_units, Applied};
pub use generate::{generate, Options};
pub use suppl::append_suppl;

/// One step of a target path: a numbered unit (第三条, 第二項, 第一号, ロ), or a named entry of a list
/// (`第二条成人の日の項` → `Named("成人の日")`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// A numbered unit of this kind. Subitems carry their depth in `level` (1 = イ).
    Unit {
        /// 編, 章, 条, 項, 号, イ…
        kind: Kind,
        /// Its number.
        num: Num,
        /// Subitem depth, 0 otherwise.
        level: u8,
    },
    /// An entry of a list or table named by its first word (`成人の日の項`).
    Named(String),
}

/// Which part of the target provision an instruction touches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Part {
    /// The whole provision (its own text and its children's).
    #[default]
    Whole,
    /// The 見出し (caption) of an article, or a group's title (章名).
    Heading,
    /// The ただし書.
    Proviso,
    /// 各号列記以外の部分 (柱書): the provision's own text without its items.
    Pillar,
}

/// What an instruction is aimed at.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Target {
    /// The path from the top: `[Article 38, Paragraph 2]`. Empty for the document itself.
    pub steps: Vec<Step>,
    /// A special target that is not a numbered provision.
    pub special: Option<Special>,
    /// The part of the provision meant.
    pub part: Part,
    /// For a range (`第四項から第六項まで`), the last provision.
    pub end: Option<Vec<Step>>,
}

/// Targets that are not numbered provisions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Special {
    /// 目次.
    Toc,
    /// 題名.
    Title,
    /// 附則 (of the amended text), optionally followed by steps.
    Suppl,
    /// 別表 (with its number, if any).
    Appendix(Option<Num>),
    /// Another appendix named by the word before its number: 別記様式第一, 様式第二, 別記, 別紙.
    Annex {
        /// The word as written (`別記様式`).
        name: String,
        /// Its number, if any.
        num: Option<Num>,
    },
    /// 「次に掲げる法律の規定」: the provisions listed in the body.
    Listed,
}

/// One wording change inside a provision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edit {
    /// 「A」を「B」に改める.
    Replace {
        /// The quoted old wording.
        from: String,
        /// The new wording.
        to: String,
    },
    /// 「A」を削る.
    Delete(String),
    /// 「A」の下に「B」を加える (also の次に).
    InsertAfter {
        /// The quoted anchor.
        anchor: String,
        /// The added wording.
        text: String,
    },
}

/// New provisions given as text after the instruction, already parsed.
#[derive(Debug, Clone, PartialEq)]
pub struct Body {
    /// The text as written (lines joined by `\n`).
    pub text: String,
    /// The line in the amendment where it starts.
    pub line: u32,
    /// The unit announced (`次の一条` → Article, count 1), when known.
    pub unit: Option<(Kind, u32)>,
}

/// What an instruction does.
#[derive(Debug, Clone, PartialEq)]
pub enum Op {
    /// Wording changes inside the target, front to back.
    Edits(Vec<Edit>),
    /// 削る: remove the provision.
    Delete,
    /// 次のように改める: replace the provision with the body.
    Rewrite(Body),
    /// の次に次の…を加える: insert the body after the target.
    InsertAfter(Body),
    /// の前に次の…を加える: insert the body before the target.
    InsertBefore(Body),
    /// に次の…を加える: append the body at the end of the target.
    Append(Body),
    /// を第Y条とし: renumber the target.
    Renumber(Vec<Step>),
    /// から…までを N 条ずつ繰り下げ (positive) / 繰り上げ (negative): move a run of provisions.
    Shift(i32),
    /// の見出しを「（…）」に改める / に見出しとして「（…）」を付する; `None` for の見出しを削る.
    SetHeading(Option<String>),
}

/// One instruction of an amending act, with where it was written.
#[derive(Debug, Clone, PartialEq)]
pub struct Instruction {
    /// 1-based line in the amendment.
    pub line: u32,
    /// 1-based column (characters) of the clause.
    pub column: u32,
    /// The clause as written.
    pub text: String,
    /// What it is aimed at.
    pub target: Target,
    /// What it does.
    pub op: Op,
}

/// The amendments to one law inside an amending act (an act may amend several).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LawAmendment {
    /// The amended law's name as the enacting sentence gives it (without its number).
    pub law: String,
    /// The instructions in order.
    pub instructions: Vec<Instruction>,
}

/// A parsed amending act.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Amendment {
    /// The title line (`○○規程の一部を改正する規程`), if present.
    pub title: Option<String>,
    /// One entry per amended law, in order.
    pub laws: Vec<LawAmendment>,
    /// The act's own 附則 as written (not applied to the amended text).
    pub suppl: Vec<String>,
    /// The 施行期日 sentence of the 附則 (`この規程は、…から施行する。`), if found.
    pub effective: Option<String>,
}

impl Amendment {
    /// Every instruction, for every law, in order.
    pub fn instructions(&self) -> impl Iterator<Item = &Instruction> {
        self.laws.iter().flat_map(|l| l.instructions.iter())
    }
}

/// Parses `amendment_text` (named `name` in errors) and applies it to `old`, returning the new version with IDs
/// assigned. Errors name the instruction (`name:line:column`, its text) and the reason; a renumbering that
/// leaves references pointing at the wrong provision (ハネ漏れ) is an error too.
pub fn apply(old: &crate::Document, amendment_text: &str, name: &str) -> crate::Result<crate::Document> {
    let amendment = parse::parse(amendment_text, name)?;
    apply_amendment(old, &amendment, name)
}
