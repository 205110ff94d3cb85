//! What the plain layout cannot say, written as Lawtext-style tag lines that the parser reads back
//! (`parse::builder::tags` documents the notation): e-Gov attributes of a node (`:attr:[Type="Amend"]`),
//! and text blocks with attributes, children or no text (`:block:>[egov="Fig"][src="…"]:`).

use super::Writer;
use crate::model::{Kind, Node};
use crate::parse::builder::tags::write_attrs;

/// Attributes the layout itself says (or the parser keeps for its own use): never written as `:attr:`.
const LAYOUT_ATTRS: &[&str] = &[
    "comments",
    "comments_end",
    "number_note",
    "markup",
    "heading_markup",
    "extract",
    "implicit",
    "caption_below",
    "range",
    "target",
    "rank",
    "from",
    "to",
    "rowspan",
    "colspan",
];

/// The attributes of a node that only an `:attr:` line can carry, sorted by key.
fn extra_attrs(node: &Node) -> Vec<(&String, &String)> {
    node.attrs.iter().filter(|(k, _)| !LAYOUT_ATTRS.contains(&k.as_str())).collect()
}

/// True when a text block can be written as a plain line (`:text:` in a provision, the line itself in an
/// appendix): it has text, and neither attributes nor children.
pub(super) fn is_plain_text(node: &Node) -> bool {
    !node.text.is_empty() && node.children.is_empty() && extra_attrs(node).is_empty()
}

impl Writer {
    /// `:attr:` for the node whose opening line was just written, when it has attributes to carry.
    pub(super) fn attr_line(&mut self, node: &Node) {
        let extra = extra_attrs(node);
        if !extra.is_empty() {
            self.line(0, &format!(":attr:{}", write_attrs(extra)));
        }
    }

    /// A text block (and its blocks) as `:block:` lines, at `depth` below the open appendix or provision.
    pub(super) fn block(&mut self, node: &Node, depth: usize) {
        let text = super::text_with_ruby(node);
        let attrs = write_attrs(extra_attrs(node));
        self.line(0, &format!(":block:{}{attrs}:{text}", ">".repeat(depth)));
        for c in &node.children {
            if c.kind == Kind::Text {
                self.block(c, depth + 1);
            } else {
                self.node(c, 0);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    //! What e-Gov XML says and the plain layout cannot: each minimal example reads back from its
    //! canonical text as the same tree.

    use crate::conformance::canonical_round_trip;
    use crate::model::Kind;

    fn law(body: &str) -> crate::model::Document {
        let xml = format!(
            r#"<?xml version="1.0" encoding="UTF-8"?>
<Law Era="Heisei" Year="5" Num="88" LawType="Act" Lang="ja"><LawNum>平成五年法律第八十八号</LawNum>
<LawBody><LawTitle>テスト法</LawTitle><MainProvision><Article Num="1"><ArticleTitle>第一条</ArticleTitle>
<Paragraph Num="1"><ParagraphNum/><ParagraphSentence><Sentence>本文。</Sentence></ParagraphSentence></Paragraph>
</Article></MainProvision>{body}</LawBody></Law>"#
        );
        crate::parse::egov_xml::parse("t.xml", &xml).unwrap().document
    }

    fn round_trips(doc: &crate::model::Document) -> String {
        let text = crate::export::text::to_text(doc);
        assert_eq!(canonical_round_trip(doc), Ok(()), "{text}");
        text
    }

    #[test]
    fn an_amending_acts_suppl_provision_keeps_its_type() {
        let doc = law(
            r#"<SupplProvision Type="Amend" AmendLawNum="平成六年法律第一号"><SupplProvisionLabel>附　則</SupplProvisionLabel>
<Paragraph Num="1"><ParagraphNum/><ParagraphSentence><Sentence>施行する。</Sentence></ParagraphSentence></Paragraph></SupplProvision>"#,
        );
        assert_eq!(doc.children[1].attrs.get("Type").map(String::as_str), Some("Amend"));
        assert!(round_trips(&doc).contains("\n:attr:[Type=\"Amend\"]\n"));
    }

    #[test]
    fn an_empty_first_paragraph_before_the_third_stays() {
        // An excerpt: 第一項 and 第二項 left out, 第一項 as an empty <Sentence/>.
        let doc = law(
            r#"<SupplProvision><SupplProvisionLabel>附　則</SupplProvisionLabel><Article Num="2"><ArticleTitle>第二条</ArticleTitle>
<Paragraph Num="1"><ParagraphNum/><ParagraphSentence><Sentence Num="1"/></ParagraphSentence></Paragraph>
<Paragraph Num="3"><ParagraphNum>３</ParagraphNum><ParagraphSentence><Sentence>政府は、検討する。</Sentence></ParagraphSentence></Paragraph>
</Article></SupplProvision>"#,
        );
        let art = &doc.children[1].children[0];
        assert_eq!(art.children.len(), 2);
        assert!(art.children[0].sentences.is_empty(), "an empty <Sentence/> is no sentence");
        assert!(round_trips(&doc).contains("第二条\n:anonym-paragraph:\n３　"));
    }

    #[test]
    fn an_unnumbered_paragraph_after_an_unfinished_item_is_not_joined_to_it() {
        let doc = law(
            r#"<SupplProvision><SupplProvisionLabel>附　則</SupplProvisionLabel><Article Num="2"><ArticleTitle>第二条</ArticleTitle>
<Paragraph Num="1"><ParagraphNum/><ParagraphSentence><Sentence>次の額とする。</Sentence></ParagraphSentence>
<Item Num="1"><ItemTitle>一</ItemTitle><ItemSentence><Sentence>前号の金額の合算額</Sentence></ItemSentence></Item></Paragraph>
<Paragraph Num="2" OldNum="true"><ParagraphNum/><ParagraphSentence><Sentence>前項の期間は、起算する。</Sentence></ParagraphSentence></Paragraph>
</Article></SupplProvision>"#,
        );
        let text = round_trips(&doc);
        assert!(text.contains(":anonym-paragraph:前項の期間は、起算する。\n:attr:[OldNum=\"true\"]"), "{text}");
    }

    #[test]
    fn a_style_appendix_keeps_its_empty_blocks_and_figure() {
        let doc = law(
            r#"<AppdxStyle><AppdxStyleTitle>別記様式第１</AppdxStyleTitle><RelatedArticleNum>（第１条関係）</RelatedArticleNum>
<StyleStruct><Style><Fig src="./pict/a.pdf"/></Style></StyleStruct></AppdxStyle>"#,
        );
        let appdx = &doc.children[1];
        assert_eq!(appdx.kind, Kind::Appendix);
        let fig = &appdx.children[0].children[0].children[0];
        assert_eq!(fig.attrs.get("src").map(String::as_str), Some("./pict/a.pdf"));
        let text = round_trips(&doc);
        assert!(text.contains(":block:>>[egov=\"Fig\"][src=\"./pict/a.pdf\"]:"), "{text}");
    }

    #[test]
    fn an_appendix_of_items_reads_back_as_items() {
        let doc = law(
            r#"<AppdxTable><AppdxTableTitle>別表第一</AppdxTableTitle><RelatedArticleNum>（第一条関係）</RelatedArticleNum>
<Item Num="1"><ItemTitle>一</ItemTitle><ItemSentence><Sentence>物の製造の事業</Sentence></ItemSentence>
<Subitem1 Num="1"><Subitem1Title>イ</Subitem1Title><Subitem1Sentence><Sentence>細目</Sentence></Subitem1Sentence></Subitem1></Item>
<Item Num="2"><ItemTitle>二</ItemTitle><ItemSentence><Sentence>鉱業</Sentence></ItemSentence></Item></AppdxTable>"#,
        );
        let appdx = &doc.children[1];
        assert_eq!(appdx.children.iter().filter(|c| c.kind == Kind::Item).count(), 2);
        assert!(round_trips(&doc).contains("\n:item:一　物の製造の事業\n"));
    }

    #[test]
    fn a_title_starting_with_white_space_keeps_it() {
        // The separator after a label is one white-space character: what follows it is the title's own.
        let doc = law(
            r#"<AppdxTable><AppdxTableTitle>別表第二</AppdxTableTitle><RelatedArticleNum>　補償表（第七十七条関係）</RelatedArticleNum>
<Item Num="1"><ItemTitle>一</ItemTitle><ItemSentence><Sentence>物の製造の事業</Sentence></ItemSentence></Item></AppdxTable>"#,
        );
        assert_eq!(doc.children[1].heading.as_deref(), Some("\u{3000}補償表（第七十七条関係）"));
        assert!(round_trips(&doc).contains("\n別表第二\u{3000}\u{3000}補償表（第七十七条関係）\n"));
    }

    #[test]
    fn a_chapter_title_starting_with_white_space_keeps_it() {
        let xml = r#"<?xml version="1.0" encoding="UTF-8"?>
<Law Era="Heisei" Year="5" Num="88" LawType="Act" Lang="ja"><LawNum>平成五年法律第八十八号</LawNum>
<LawBody><LawTitle>テスト法</LawTitle><MainProvision><Chapter Num="1"><ChapterTitle>第一章　　総則</ChapterTitle>
<Article Num="1"><ArticleTitle>第一条</ArticleTitle>
<Paragraph Num="1"><ParagraphNum/><ParagraphSentence><Sentence>本文。</Sentence></ParagraphSentence></Paragraph>
</Article></Chapter></MainProvision></LawBody></Law>"#;
        let doc = crate::parse::egov_xml::parse("t.xml", xml).unwrap().document;
        assert_eq!(doc.children[0].heading.as_deref(), Some("\u{3000}総則"));
        assert!(round_trips(&doc).contains("第一章\u{3000}\u{3000}総則\n"));
    }

    #[test]
    fn a_tables_cell_borders_are_kept() {
        let doc = law(r#"<AppdxTable><AppdxTableTitle>別表第一</AppdxTableTitle><TableStruct><Table><TableRow>
<TableColumn BorderBottom="none"><Sentence>等級</Sentence></TableColumn><TableColumn><Sentence>補償</Sentence></TableColumn>
</TableRow></Table></TableStruct></AppdxTable>"#);
        assert!(round_trips(&doc).contains(r#"<tr><td BorderBottom="none">等級</td><td>補償</td></tr>"#));
    }
}
