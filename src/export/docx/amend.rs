//! The 一部改正 document (改め文) as Word lays it out for drafters (A4 portrait, 明朝): the title set in three
//! ems, the 制定文 and each instruction with a one-em first-line indent, new provisions as the 規程 itself
//! sets them (a caption one em in; 条 and 項 with a hanging indent of one em; 号 one em further, イロハ two),
//! and the 附則 heading and its text. It lays out the text [`crate::amend::generate()`] writes, line by line.
//!
//! ```
//! let text = "甲規程の一部を改正する規程\n甲規程の一部を次のように改正する。\n第2条を削る。\n　　　附　則\nこの規程は、公布の日から施行する。\n";
//! let bytes = kitei::export::docx::amend::amend_docx(text).unwrap();
//! assert!(bytes.starts_with(b"PK"));
//! ```

use super::{new_document, pack, EM_TWIPS};
use docx_rs::{AlignmentType, Footer, PageNum, Paragraph, Run, SpecialIndentType};

/// How a line of the 改め文 is set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    /// The act's title (the first line).
    Title,
    /// 制定文, an instruction, or 附則 text: first line indented one em.
    Sentence,
    /// A caption 「（目的）」 of a new article: one em in.
    Caption,
    /// A provision with its label (第3条　…, 2　…): hanging indent; the level is 0 for 条/項, 1 for 号, 2 and
    /// more for イロハ and deeper.
    Provision(u8),
    /// The 附則 heading, set as written.
    Heading,
}

/// Classifies one line of a 改め文 (after the title).
pub fn classify(line: &str) -> LineKind {
    let t = line.trim_start_matches(['　', ' ']);
    if t.replace(['　', ' '], "") == "附則" || t.starts_with("附　則") {
        return LineKind::Heading;
    }
    let bracketed = |open: char, close: char| t.starts_with(open) && t.ends_with(close);
    if bracketed('（', '）') || bracketed('(', ')') {
        return LineKind::Caption;
    }
    let Some((label, _)) = t.split_once('　') else { return LineKind::Sentence };
    let all = |f: fn(char) -> bool| !label.is_empty() && label.chars().all(f);
    let digit = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c);
    if (label.starts_with('第') && (label.contains('条') || label.contains('章') || label.contains('節'))) || all(digit)
    {
        LineKind::Provision(0)
    } else if (label.starts_with('(') || label.starts_with('（')) && label.chars().filter(|c| digit(*c)).count() > 0
        || all(crate::model::num::is_kanji_numeral)
    {
        LineKind::Provision(1)
    } else if label.chars().count() == 1 && label.chars().all(|c| ('ア'..='ン').contains(&c)) {
        LineKind::Provision(2)
    } else {
        LineKind::Sentence
    }
}

/// Renders a 改め文 as a .docx file.
pub fn amend_docx(text: &str) -> crate::Result<Vec<u8>> {
    let mut doc = new_document(false).footer(
        Footer::new().add_paragraph(Paragraph::new().align(AlignmentType::Center).add_page_num(PageNum::new())),
    );
    for (i, line) in text.lines().enumerate() {
        let kind = if i == 0 { LineKind::Title } else { classify(line) };
        let em = EM_TWIPS;
        let p = Paragraph::new().add_run(Run::new().add_text(line));
        let p = match kind {
            LineKind::Title => p.indent(Some(3 * em), None, None, None),
            LineKind::Sentence => p.indent(None, Some(SpecialIndentType::FirstLine(em)), None, None),
            LineKind::Caption => p.indent(Some(em), None, None, None),
            LineKind::Provision(level) => {
                p.indent(Some(em * (i32::from(level) + 1)), Some(SpecialIndentType::Hanging(em)), None, None)
            }
            LineKind::Heading => p,
        };
        doc = doc.add_paragraph(p);
    }
    pack(doc, 0)
}

#[cfg(test)]
mod tests {
    use super::{classify, LineKind};

    #[test]
    fn lines_are_classified_by_their_form() {
        assert_eq!(classify("第10条第3項を削る。"), LineKind::Sentence);
        assert_eq!(classify("第20条　前条に定めるもののほか、"), LineKind::Provision(0));
        assert_eq!(classify("2　統括管理責任者は、"), LineKind::Provision(0));
        assert_eq!(classify("(6)　認証業務情報へのアクセス権限"), LineKind::Provision(1));
        assert_eq!(classify("三　帳簿"), LineKind::Provision(1));
        assert_eq!(classify("イ　書類"), LineKind::Provision(2));
        assert_eq!(classify("(情報セキュリティインシデントへの対応)"), LineKind::Caption);
        assert_eq!(classify("　　　附　則"), LineKind::Heading);
        assert_eq!(classify("この規程は、令和9年4月1日から施行する。"), LineKind::Sentence);
    }
}
