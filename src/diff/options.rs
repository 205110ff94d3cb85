//! Options: how the two versions are aligned ([`CompareOptions`]) and how the 新旧対照表 is laid out
//! ([`RenderOptions`]: column order, headings, unchanged provisions in full or as （略）).
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
    /// Show unchanged provisions in full instead of label, caption and （略）.
    pub full_text: bool,
    /// Omit top-level units that did not change at all (by default they are shown as label + （略）).
    pub omit_unchanged: bool,
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
            full_text: false,
            omit_unchanged: false,
            note: Some("（傍線部分は改正部分）".into()),
            color: false,
        }
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
