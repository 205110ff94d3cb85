//! [`Document`] → e-Gov 法令標準XML that validates against `XMLSchemaForJapaneseLaw_v3.xsd`, from any input.
//!
//! Structure nodes map back onto the schema's elements (`Article`/`ArticleCaption`/`ArticleTitle`,
//! `Paragraph`/`ParagraphNum`/`ParagraphSentence`, `Item`, `Subitem1`…`Subitem10`, `SupplProvision`, `TOC`,
//! `TableStruct`, appendices…); nodes read from XML that carry attr `egov` are written back as that element,
//! and inline markup recorded in attr `markup` (ruby, sup, sub, line, quote) is restored. All text is escaped
//! with `quick_xml::escape`.
//!
//! The `<Law>` attributes the schema requires are taken from the document's attrs when present and valid,
//! else derived from the number (`平成十四年法律第百五十三号` → `Era="Heisei" Year="14" Num="153"
//! LawType="Act"`; a Western year such as `2016年` is converted to its era), else these defaults:
//! `Era="Reiwa"`, `Year="1"`, `Num="1"`, `Lang="ja"`. `LawType` comes from the number or the title: 法律 →
//! `Act`, 政令 → `CabinetOrder`, 勅令 → `ImperialOrder`, 省令/府令 → `MinisterialOrdinance`, 規則 → `Rule`,
//! 憲法 → `Constitution`, anything else (an internal 規程, 要綱, 告示…) → `Misc`. A document without a number
//! gets an empty `<LawNum/>` rather than an invented one.
//!
//! Text the schema has no place for is wrapped, never dropped: free text in an appendix becomes a
//! `NoteStruct`, and text directly under the main provision or a 附則 becomes a paragraph without a number.
//!
//! **Round trip.** XML → model → XML keeps every text node and the structure (re-importing the output gives
//! the same model) for every law of the corpus. Not kept: attributes outside the schema (e-Gov's `LawId`,
//! `Id`, `AmendLawId`… metadata), `Sentence`/`Column` presentation attributes (`Num` and `Function` are
//! regenerated, `WritingMode`, `Indent`, `LineBreak`, `Align` dropped), markup inside titles and captions
//! (a `Ruby` in an `ArticleCaption` keeps its base text only), `MainProvision`'s `Extract`, and the inner
//! structure of a `QuoteStruct` or `ArithFormula` inside a sentence (its text is kept, in one element).
//!
//! ```
//! let xml = r#"<Law Era="Showa" Year="30" Num="186" LawType="Act" Lang="ja"><LawNum>昭和三十年法律第百八十六号</LawNum>
//! <LawBody><LawTitle>原子力基本法</LawTitle><MainProvision><Article Num="1"><ArticleCaption>（目的）</ArticleCaption>
//! <ArticleTitle>第一条</ArticleTitle><Paragraph Num="1"><ParagraphNum/><ParagraphSentence>
//! <Sentence>A &amp; B。</Sentence></ParagraphSentence></Paragraph></Article></MainProvision></LawBody></Law>"#;
//! let doc = kitei::parse::egov_xml::parse("a.xml", xml).unwrap().document;
//! let out = kitei::export::egov_xml::to_egov_xml(&doc);
//! assert!(out.contains(r#"<Law Era="Showa" Year="30" Num="186" LawType="Act" Lang="ja">"#));
//! assert!(out.contains("<ArticleCaption>（目的）</ArticleCaption>"));
//! assert!(out.contains("A &amp; B。"));
//! let again = kitei::parse::egov_xml::parse("b.xml", &out).unwrap().document;
//! assert_eq!(again.children[0].children[0].text, "A & B。");
//! ```

mod body;
mod inline;
mod law;
mod suppl;
mod table;

use crate::model::Document;

/// Writes the document as e-Gov 法令標準XML (UTF-8, with an XML declaration and a final newline).
pub fn to_egov_xml(doc: &Document) -> String {
    let mut w = body::Writer::new();
    law::write_law(&mut w, doc);
    w.finish()
}

pub use law::{law_attrs, LawAttrs};
