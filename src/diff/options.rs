//! Options: how the two versions are aligned ([`CompareOptions`]) and how the 新旧対照表 is laid out
//! ([`RenderOptions`]: column order, headings, and what becomes of unchanged provisions, [`Unchanged`]).
//!
//! ```
//! use kitei::diff::{ColumnHeadings, RenderOptions};
//! let o = RenderOptions { old_left: true, headings: ColumnHeadings::Draft, ..RenderOptions::default() };
//! assert_eq!(o.headings.pair(), ("改正案".to_string(), "現行".to_string()));
//! ```

/// Tuning of the alignment.
#[derive(Debug, Clone, PartialEq)]
pub struct CompareOptions {
    /// Minimum similarity (character-bigram Dice, 0–1) for two provisions to be taken as the same one.
    pub similarity_threshold: f64,
    /// Minimum similarity for a provision found out of order to be reported as moved.
    pub move_threshold: f64,
}

impl Default for CompareOptions {
    fn default() -> Self {
        CompareOptions { similarity_threshold: 0.5, move_threshold: 0.8 }
    }
}

/// How the 新旧対照表 is laid out (shared by the HTML, Markdown and text renderers).
#[derive(Debug, Clone, PartialEq)]
pub struct RenderOptions {
    /// Put 改正前 (OLD) in the left column; the default is NEW on the left.
    pub old_left: bool,
    /// The column headings.
    pub headings: ColumnHeadings,
    /// What becomes of unchanged provisions (by default, the official style: [`Unchanged::Omit`]).
    pub unchanged: Unchanged,
    /// The note under the title; `None` for none.
    pub note: Option<String>,
    /// Terminal colour and underline (text renderer only).
    pub color: bool,
}

impl Default for RenderOptions {
    fn default() -> Self {
        RenderOptions {
            old_left: false,
            headings: ColumnHeadings::Adopted,
            unchanged: Unchanged::Omit,
            note: Some("（傍線部分は改正部分）".into()),
            color: false,
        }
    }
}

/// What the 新旧対照表 does with provisions that did not change. The three modes differ only in unchanged
/// units; changed ones are laid out the same in all three.
///
/// | mode | unchanged 条, 附則, 目次… (top level) | unchanged 項 and 号 inside a changed unit |
/// |---|---|---|
/// | `Omit` | left out; the 編/章/節 heading rows that enclose a change are kept to place it | label + （略） |
/// | `Abbreviate` | label, caption (a 附則's act) + （略） | label + （略） |
/// | `Full` | in full | in full |
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Unchanged {
    /// The official style: only the changed units and the headings that place them (the default).
    #[default]
    Omit,
    /// One row per unit, the unchanged ones reduced to label, caption and （略）.
    Abbreviate,
    /// One row per unit, every provision in full.
    Full,
}

impl Unchanged {
    /// True when unchanged provisions are shown in full.
    pub fn full(self) -> bool {
        self == Unchanged::Full
    }
}

/// Column headings of the 新旧対照表.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ColumnHeadings {
    /// 改正後 / 改正前 (once adopted; the default).
    Adopted,
    /// 改正案 / 現行 (a draft or bill).
    Draft,
    /// 新 / 旧.
    Short,
    /// Custom: (NEW heading, OLD heading).
    Custom(String, String),
}

impl ColumnHeadings {
    /// (NEW heading, OLD heading).
    pub fn pair(&self) -> (String, String) {
        match self {
            ColumnHeadings::Adopted => ("改正後".into(), "改正前".into()),
            ColumnHeadings::Draft => ("改正案".into(), "現行".into()),
            ColumnHeadings::Short => ("新".into(), "旧".into()),
            ColumnHeadings::Custom(n, o) => (n.clone(), o.clone()),
        }
    }
}
