//! e-Gov 法令標準XML → [`Document`](crate::model::Document).
//!
//! Reads a bare `<Law>` or the e-Gov API v2 `<law_data_response>` wrapper (the `<Law>` under
//! `law_full_text`) with quick-xml's streaming reader and builds the model tree directly, without an
//! intermediate DOM. The mapping follows the text parser, so that the Lawtext `.txt` of a revision and its
//! `.xml` give the same IDs and the same text:
//!
//! | XML | model |
//! |---|---|
//! | `Part`…`Division` + `*Title` `第一章　総則` | group node, label `第一章`, heading `総則` |
//! | `Article` (`Num="16_2"`), `ArticleTitle`, `ArticleCaption` | label `第十六条の二`, num `16-2`, heading without brackets; `heading_raw` only when the caption is not the canonical `（…）` |
//! | `Paragraph`, `ParagraphNum`, `ParagraphCaption` | label as written (`""` for an unnumbered first 項) |
//! | `Item`, `Subitem1`…`Subitem10` | label `一`, `イ`, `（１）`; `level` 1…10 for subitems |
//! | `Sentence` (`Function="proviso"`), `Column` | [`Sentence`](crate::model::Sentence)s; the first sentence of each column has role `Column` (later ones in the same column keep theirs), and columns are joined by U+3000 in `text` |
//! | `SupplProvision` (`AmendLawNum`, `Extract`) | label as written, heading = the amending act's number, attr `extract` |
//! | `TOC`, `TOCChapter`…, `ArticleRange` | `Toc`, `TocEntry` (attr `target`), text = the article range |
//! | `TableStruct`/`TableRow`/`TableColumn` | `Table`/`TableRow`/`TableCell` (non-default cell attributes kept) |
//! | `AppdxTable`, `AppdxStyle`… | `Appendix` (attr `egov` = the element name), label = title, heading = related articles |
//! | `Ruby`, `Sup`, `Sub`, `Line`, `QuoteStruct` in a sentence | their text inline; position and reading in attr `markup` (in a caption, `heading_markup`, offsets into `heading`) |
//! | `<Law>` attributes | document `attrs` under their XML names, values as written (`Num="088"`, `ADYear`, empty ones); their order in attr `egov_law_attrs` |
//! | anything else (`Remarks`, `StyleStruct`, `Fig`, `List`…) | a `Text` node with attr `egov` = the element name |
//!
//! `markup` holds one line per inline element: `start<TAB>end<TAB>Element[<TAB>ruby reading]`, byte offsets
//! into the node's `text`. Attributes with their schema default (`Delete="false"`, `WritingMode="vertical"`,
//! borders `solid`…) are dropped; other attributes are kept in `attrs` under their XML names.
//!
//! ```
//! let xml = r#"<Law Era="Showa" Year="30" Num="186" LawType="Act" Lang="ja">
//!   <LawNum>昭和三十年法律第百八十六号</LawNum>
//!   <LawBody><LawTitle>原子力基本法</LawTitle><MainProvision>
//!     <Article Num="16_2"><ArticleCaption>（国の措置）</ArticleCaption><ArticleTitle>第十六条の二</ArticleTitle>
//!       <Paragraph Num="1"><ParagraphNum/><ParagraphSentence>
//!         <Sentence Num="1">国は、措置を講ずる。</Sentence></ParagraphSentence></Paragraph>
//!     </Article></MainProvision></LawBody></Law>"#;
//! let doc = kitei::parse::egov_xml::parse("law.xml", xml).unwrap().document;
//! assert_eq!(doc.title, "原子力基本法");
//! let art = &doc.children[0];
//! assert_eq!((art.id.as_str(), art.label.as_str()), ("art_16-2", "第十六条の二"));
//! assert_eq!(art.heading.as_deref(), Some("国の措置"));
//! assert_eq!(art.children[0].text, "国は、措置を講ずる。");
//! ```

mod builder;
mod finish;
mod limits;
mod names;

use super::Parsed;
use crate::error::{Error, Location, Result};
use crate::model::Pos;

/// Document attr listing the `<Law>` element's attribute names in their order (space-separated), so that the
/// export writes the root back as it was read.
pub const LAW_ATTRS_KEY: &str = "egov_law_attrs";

/// Parses e-Gov 法令標準XML (a bare `<Law>` or the API v2 `<law_data_response>` wrapper).
///
/// Malformed XML gives [`Error::Xml`] at `file:line:column`; a document whose root is neither `<Law>` nor
/// `<law_data_response>` gives a clear error too, and so do elements nested deeper than 256, characters
/// XML forbids (`&#x1;`) and XInclude elements (see `limits.rs`).
pub fn parse(name: &str, text: &str) -> Result<Parsed> {
    let mut document = builder::build(name, text)?;
    crate::model::walk::walk_mut(&mut document, &mut |n| {
        if n.kind == crate::model::Kind::TocEntry {
            toc_entry_attrs(n);
        }
    });
    crate::model::ids::assign_ids(&mut document);
    Ok(Parsed { document, diagnostics: Vec::new() })
}

/// A 目次 entry gets what the text parser gives one: its rank (編 1 … 目 5, 附則 0), the article range
/// `from`/`to` read from its `ArticleRange` and that range as its sentence, so that both inputs give the
/// same model.
fn toc_entry_attrs(n: &mut crate::model::Node) {
    use crate::model::Kind;
    let target = n.attrs.get("target").cloned().unwrap_or_default();
    let rank = [Kind::Part, Kind::Chapter, Kind::Section, Kind::Subsection, Kind::Division]
        .into_iter()
        .find(|k| crate::model::ids::group_prefix_name(*k) == target)
        .and_then(Kind::group_rank)
        .unwrap_or(0);
    n.attrs.entry("rank".into()).or_insert_with(|| rank.to_string());
    if n.sentences.is_empty() {
        n.sentences = crate::model::split_sentences(&n.text);
    }
    if let Some((from, to)) = super::builder::parse_toc_range(&n.text) {
        n.attrs.entry("from".into()).or_insert_with(|| from.to_string());
        n.attrs.entry("to".into()).or_insert_with(|| to.to_string());
    }
}

/// Turns byte offsets into 1-based line and character column, moving forward only (O(n) over a file).
struct LineCounter<'a> {
    text: &'a str,
    pos: usize,
    line: u32,
    column: u32,
}

impl<'a> LineCounter<'a> {
    fn new(text: &'a str) -> Self {
        LineCounter { text, pos: 0, line: 1, column: 1 }
    }

    /// The position of byte offset `to` (clamped to the text; offsets before the last one restart from 0).
    fn at(&mut self, to: usize) -> Pos {
        let mut to = to.min(self.text.len());
        while !self.text.is_char_boundary(to) {
            to -= 1;
        }
        if to < self.pos {
            *self = LineCounter::new(self.text);
        }
        let seg = &self.text[self.pos..to];
        match seg.rfind('\n') {
            Some(i) => {
                self.line += seg.bytes().filter(|&b| b == b'\n').count() as u32;
                self.column = seg[i + 1..].chars().count() as u32 + 1;
            }
            None => self.column += seg.chars().count() as u32,
        }
        self.pos = to;
        Pos { line: self.line, column: self.column }
    }
}

#[cfg(test)]
#[test]
fn line_counter_counts_characters() {
    let mut c = LineCounter::new("ab\n第一条\n<x>");
    assert_eq!(c.at(1), Pos { line: 1, column: 2 });
    assert_eq!(c.at(3 + 3), Pos { line: 2, column: 2 });
    assert_eq!(c.at(4), Pos { line: 2, column: 1 }, "mid-character offsets round down");
    assert_eq!(c.at(13), Pos { line: 3, column: 1 });
}

fn xml_error(name: &str, pos: Pos, message: impl Into<String>) -> Error {
    Error::Xml { at: Location { file: name.into(), line: pos.line, column: pos.column }, message: message.into() }
}

#[cfg(test)]
mod tests;
