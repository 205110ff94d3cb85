//! The instruction types shared by the grammar, application and generation: an [`Amendment`] holds, per amended
//! law, [`Instruction`]s, each a [`Target`] (a path of [`Step`]s, a [`Part`], a [`Special`] target) and an
//! [`Op`] ([`Edit`]s, new provisions as a [`Body`], 削る, renumbering…). Re-exported from [`crate::amend`].
//!
//! ```
//! use kitei::amend::{Edit, Op, Part, Step};
//! let a = kitei::amend::parse("第五条第二項中「甲」を削る。\n", "a.txt").unwrap();
//! let ins = a.instructions().next().unwrap();
//! assert!(matches!(ins.target.steps[..], [Step::Unit { .. }, Step::Unit { kind: kitei::Kind::Paragraph, .. }]));
//! assert_eq!(ins.target.part, Part::Whole);
//! assert_eq!(ins.op, Op::Edits(vec![Edit::Delete("甲".into())]));
//! ```

use crate::model::{Kind, Num};

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
    /// An entry of a list or table named by its first word (`成人の日の項`); in a table, a row whose first
    /// cell (or first cells together: `部教授`) is the name, or a row inside a row group (`警防部の部救急課`).
    Named(String),
    /// The table of a provision (`第四条の表`).
    Table,
    /// A column of the table row named before, by its header (`金額の欄` → `Column("金額")`) or its position
    /// (`下欄` → `Column("下")`, `第二欄` → `Column("第二")`).
    Column(String),
}

/// Which part of the target provision an instruction touches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Part {
    /// The whole provision (its own text and its children's).
    #[default]
    Whole,
    /// The 見出し (caption) of an article, or a group's title (章名).
    Heading,
    /// The ただし書. With [`Op::Append`], a ただし書 added (「第五条に次のただし書を加える。」).
    Proviso,
    /// 前段: the first sentence of a 本文 of two or three sentences.
    Former,
    /// 後段: the last sentence of a 本文 of two or three sentences. With [`Op::Append`], a sentence added after
    /// the 本文 (「第五条第二項に後段として次のように加える。」).
    Latter,
    /// 各号列記以外の部分 (柱書): the provision's own text without its items.
    Pillar,
    /// 各号: all the items of the provision (「第二条各号を次のように改める。」).
    Items,
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
    /// 「次に掲げる法律の規定」 / 「次に掲げる規定」: the provisions listed after the sentence, one entry a line.
    Listed(Vec<ListedItem>),
}

/// One entry of a 「次に掲げる規定」 list (`一　○○法第十条第一項`, `(1) 第3条第1項`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListedItem {
    /// The law the entry names (`医師法`; 同法 is resolved to the law before), `None` for a provision of the text
    /// amended (`第3条第1項`, `この規程第五条`).
    pub law: Option<String>,
    /// The provisions named.
    pub targets: Vec<Target>,
    /// The entry as written, without its item number.
    pub text: String,
    /// Its line in the act.
    pub line: u32,
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
    /// The unit announced (`次の一条` → Article, count 1), when known; `次の各号` → Item, count 0 (as many as
    /// the text gives).
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
    /// The act's number in the heading of its 附則 (`附　則（令和五年三月三十一日規程第十二号）` →
    /// `令和五年三月三十一日規程第十二号`), which the 附則 keeps in the amended text.
    pub suppl_heading: Option<String>,
    /// The 施行期日 sentence of the 附則 (`この規程は、…から施行する。`), if found.
    pub effective: Option<String>,
}

impl Amendment {
    /// Every instruction, for every law, in order.
    pub fn instructions(&self) -> impl Iterator<Item = &Instruction> {
        self.laws.iter().flat_map(|l| l.instructions.iter())
    }
}
