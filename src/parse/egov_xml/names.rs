//! What each e-Gov element becomes: a model node, a text field of its parent, a sentence, or nothing.

use crate::model::{Kind, Scheme};

/// The role of an element in the structural (non-inline) context.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Role {
    /// A transparent container: its children attach to the enclosing node.
    Pass,
    /// A model node of this kind (`level` for subitems).
    Node(Kind, u8),
    /// A model node that keeps its element name in attr `egov` (appendices, remarks, generic elements).
    Named(Kind),
    /// Text that sets a field of the enclosing node.
    Field(Field),
    /// A 目次 entry (`TOCChapter`…) with its `target` attr.
    TocEntry(&'static str),
    /// A 目次 entry that is a single label (`TOCPreambleLabel`, `TOCAppdxTableLabel`).
    TocLeaf(&'static str),
    /// `<Sentence>`.
    Sentence,
    /// `<Column>`.
    Column,
    /// `<Rt>` (a ruby reading).
    Rt,
    /// `<Table>` inside `<TableStruct>` (its attributes go to the table node).
    TableBody,
}

/// Which field a text element sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Field {
    /// `label` as written (`ArticleTitle`, `ParagraphNum`, `ItemTitle`…).
    Label,
    /// `heading` without brackets and `heading_raw` as written (`ArticleCaption`, `RelatedArticleNum`…).
    Caption,
    /// `第一章　総則`: label before the first full-width space, heading after it.
    GroupTitle,
    /// A 目次 entry's article range, kept as its text.
    RangeText,
    /// The document's title.
    DocTitle,
    /// The document's number.
    DocNum,
}

/// Classifies an element name.
pub(super) fn role(name: &[u8]) -> Role {
    use Field::*;
    match name {
        b"LawBody"
        | b"MainProvision"
        | b"ParagraphSentence"
        | b"ItemSentence"
        | b"ClassSentence"
        | b"AmendProvisionSentence"
        | b"ListSentence"
        | b"Sublist1Sentence"
        | b"Sublist2Sentence"
        | b"Sublist3Sentence" => Role::Pass,
        b"LawNum" => Role::Field(DocNum),
        b"LawTitle" => Role::Field(DocTitle),
        b"Part" => Role::Node(Kind::Part, 0),
        b"Chapter" => Role::Node(Kind::Chapter, 0),
        b"Section" => Role::Node(Kind::Section, 0),
        b"Subsection" => Role::Node(Kind::Subsection, 0),
        b"Division" => Role::Node(Kind::Division, 0),
        b"PartTitle" | b"ChapterTitle" | b"SectionTitle" | b"SubsectionTitle" | b"DivisionTitle" => {
            Role::Field(GroupTitle)
        }
        b"Article" => Role::Node(Kind::Article, 0),
        b"Paragraph" => Role::Node(Kind::Paragraph, 0),
        b"Item" => Role::Node(Kind::Item, 0),
        b"ArticleTitle"
        | b"ParagraphNum"
        | b"ItemTitle"
        | b"SupplProvisionLabel"
        | b"TOCLabel"
        | b"RemarksLabel"
        | b"ClassTitle"
        | b"AppdxTableTitle"
        | b"AppdxNoteTitle"
        | b"AppdxStyleTitle"
        | b"AppdxFormatTitle"
        | b"AppdxFigTitle"
        | b"ArithFormulaNum"
        | b"SupplProvisionAppdxTableTitle"
        | b"SupplProvisionAppdxStyleTitle" => Role::Field(Label),
        b"ArticleCaption" | b"ParagraphCaption" | b"RelatedArticleNum" | b"TableStructTitle" | b"FigStructTitle"
        | b"StyleStructTitle" | b"NoteStructTitle" | b"FormatStructTitle" => Role::Field(Caption),
        b"ArticleRange" => Role::Field(RangeText),
        b"SupplProvision" => Role::Node(Kind::SupplProvision, 0),
        b"AppdxTable"
        | b"AppdxNote"
        | b"AppdxStyle"
        | b"AppdxFormat"
        | b"AppdxFig"
        | b"Appdx"
        | b"SupplProvisionAppdxTable"
        | b"SupplProvisionAppdxStyle"
        | b"SupplProvisionAppdx" => Role::Named(Kind::Appendix),
        b"TOC" => Role::Node(Kind::Toc, 0),
        b"TOCPart" => Role::TocEntry("part"),
        b"TOCChapter" => Role::TocEntry("chp"),
        b"TOCSection" => Role::TocEntry("sec"),
        b"TOCSubsection" => Role::TocEntry("subsec"),
        b"TOCDivision" => Role::TocEntry("div"),
        b"TOCArticle" => Role::TocEntry("art"),
        b"TOCSupplProvision" => Role::TocEntry("suppl"),
        b"TOCPreambleLabel" => Role::TocLeaf("preamble"),
        b"TOCAppdxTableLabel" => Role::TocLeaf("appdx"),
        b"Preamble" => Role::Node(Kind::Preamble, 0),
        b"EnactStatement" => Role::Node(Kind::EnactStatement, 0),
        b"TableStruct" => Role::Node(Kind::Table, 0),
        b"Table" => Role::TableBody,
        b"TableRow" => Role::Node(Kind::TableRow, 0),
        b"TableHeaderRow" => Role::Named(Kind::TableRow),
        b"TableColumn" => Role::Node(Kind::TableCell, 0),
        b"TableHeaderColumn" => Role::Named(Kind::TableCell),
        b"Sentence" => Role::Sentence,
        b"Column" => Role::Column,
        b"Rt" => Role::Rt,
        _ => match subitem_level(name) {
            Some((level, b"")) => Role::Node(Kind::Subitem, level),
            Some((_, b"Title")) => Role::Field(Label),
            Some((_, b"Sentence")) => Role::Pass,
            _ => Role::Named(Kind::Text),
        },
    }
}

/// `Subitem3Title` → (3, "Title").
fn subitem_level(name: &[u8]) -> Option<(u8, &[u8])> {
    let rest = name.strip_prefix(b"Subitem")?;
    let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
    let level: u8 = std::str::from_utf8(&rest[..digits]).ok()?.parse().ok()?;
    (1..=10).contains(&level).then_some((level, &rest[digits..]))
}

/// Attributes whose value is the schema default, dropped from `attrs`.
pub(super) fn is_default_attr(key: &str, value: &str) -> bool {
    match key {
        "Delete" | "Hide" | "OldStyle" | "OldNum" | "LineBreak" => value == "false",
        "WritingMode" => value == "vertical",
        "BorderTop" | "BorderBottom" | "BorderLeft" | "BorderRight" => value == "solid",
        _ => false,
    }
}

/// Whether an attribute of an element mapped to `kind` is kept in `attrs`: the schema's attributes that have
/// no field of their own (e-Gov's internal metadata such as `Id` or `AmendLawId` is not part of the schema).
/// Elements kept as generic `Text` nodes keep all their attributes.
pub(super) fn keeps_attr(kind: Kind, key: &str) -> bool {
    match kind {
        Kind::Text | Kind::Appendix => true,
        Kind::Paragraph => matches!(key, "OldStyle" | "OldNum" | "Hide"),
        Kind::SupplProvision => key == "Type",
        Kind::Table => key == "WritingMode",
        Kind::TableCell => {
            matches!(
                key,
                "BorderTop"
                    | "BorderBottom"
                    | "BorderLeft"
                    | "BorderRight"
                    | "rowspan"
                    | "colspan"
                    | "Align"
                    | "Valign"
            )
        }
        Kind::TableRow | Kind::Toc | Kind::TocEntry | Kind::Preamble | Kind::EnactStatement => false,
        _ => key == "Hide",
    }
}

/// The numbering scheme of an item or subitem label.
pub(super) fn scheme_of(kind: Kind, label: &str) -> Option<Scheme> {
    let inner = label.trim_start_matches(['（', '(']);
    let c = inner.chars().next()?;
    Some(match c {
        _ if kind == Kind::Item && crate::model::num::kanji_digit(c).is_some() => Scheme::Kanji,
        '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十' => Scheme::Kanji,
        '0'..='9' | '０'..='９' | '①'..='⑳' => Scheme::Arabic,
        'ア' => Scheme::Aiueo,
        'i' | 'v' | 'x' | 'ｉ' | 'ｖ' | 'ｘ' => Scheme::Roman,
        'a'..='z' | 'ａ'..='ｚ' => Scheme::Latin,
        _ if crate::model::num::iroha_index(c).is_some() => Scheme::Iroha,
        _ if crate::model::num::aiueo_index(c).is_some() => Scheme::Aiueo,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_subitems_and_fields() {
        assert_eq!(role(b"Subitem10"), Role::Node(Kind::Subitem, 10));
        assert_eq!(role(b"Subitem2Title"), Role::Field(Field::Label));
        assert_eq!(role(b"Subitem3Sentence"), Role::Pass);
        assert_eq!(role(b"Subitem11"), Role::Named(Kind::Text));
        assert_eq!(role(b"ChapterTitle"), Role::Field(Field::GroupTitle));
        assert_eq!(scheme_of(Kind::Subitem, "（１）"), Some(Scheme::Arabic));
        assert_eq!(scheme_of(Kind::Subitem, "ロ"), Some(Scheme::Iroha));
        assert_eq!(scheme_of(Kind::Item, "十二"), Some(Scheme::Kanji));
    }
}
