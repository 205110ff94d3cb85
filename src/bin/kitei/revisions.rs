//! `--revisions after|before`: which text of a Word document with tracked changes (変更履歴) a command reads.
//! One clap argument struct, flattened into every command that reads a regulation, so the flag is spelled,
//! documented and defaulted the same everywhere. Files that are not .docx are read as they are.

use kitei::parse::docx::Revisions;
use kitei::parse::ParseOptions;

/// The values of `--revisions`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Which {
    /// The text after the changes (all accepted), as Word shows 最終版.
    #[default]
    After,
    /// The text before the changes (all rejected), as Word shows 初版.
    Before,
}

/// `--revisions`, for `#[command(flatten)]`.
#[derive(clap::Args, Clone, Copy, Debug, Default)]
pub struct RevisionArgs {
    /// For a .docx with tracked changes (変更履歴): read the text after the changes (default) or before
    /// them. Other formats are read as they are.
    #[arg(long, value_enum, default_value = "after")]
    pub revisions: Which,
}

impl RevisionArgs {
    /// The library's choice.
    pub fn get(self) -> Revisions {
        match self.revisions {
            Which::After => Revisions::After,
            Which::Before => Revisions::Before,
        }
    }

    /// Parse options reading this revision.
    pub fn options(self) -> ParseOptions {
        ParseOptions { revisions: self.get(), ..ParseOptions::default() }
    }

    /// The text of a decoded source in this revision: a .docx without any of the reader's marks, any other text as is
    /// (for readers that take text rather than a tree, as the 改め文 of `kitei apply`).
    pub fn text(self, src: &kitei::input::Source) -> String {
        match src.format {
            kitei::input::InputFormat::Docx => kitei::parse::docx::plain_text(&src.text, self.get()),
            _ => src.text.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[derive(clap::Parser)]
    struct Cmd {
        #[command(flatten)]
        r: RevisionArgs,
    }

    #[test]
    fn after_by_default_and_before_when_asked() {
        assert_eq!(Cmd::try_parse_from(["k"]).unwrap().r.get(), Revisions::After);
        assert_eq!(Cmd::try_parse_from(["k", "--revisions", "before"]).unwrap().r.get(), Revisions::Before);
        assert!(Cmd::try_parse_from(["k", "--revisions", "draft"]).is_err());
    }

    #[test]
    fn only_a_docx_text_is_resolved() {
        let marked = format!("甲{}乙{}", kitei::parse::docx::DEL_OPEN, kitei::parse::docx::DEL_CLOSE);
        let src = |format| kitei::input::Source { name: "a".into(), text: marked.clone(), format };
        let before = RevisionArgs { revisions: Which::Before };
        assert_eq!(before.text(&src(kitei::input::InputFormat::Docx)), "甲乙");
        assert_eq!(RevisionArgs::default().text(&src(kitei::input::InputFormat::Docx)), "甲");
        assert_eq!(before.text(&src(kitei::input::InputFormat::Text)), marked);
    }
}
