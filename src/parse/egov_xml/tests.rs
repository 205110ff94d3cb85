//! Unit tests of the e-Gov XML reader on small hand-written documents.

use super::parse;
use crate::model::{Kind, SentenceRole};
use crate::Error;

fn law(body: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<Law Era="Heisei" Year="5" Num="88" LawType="Act" Lang="ja"><LawNum>平成五年法律第八十八号</LawNum>
<LawBody><LawTitle Kana="てすと">テスト法</LawTitle>{body}</LawBody></Law>"#
    )
}

#[test]
fn reads_groups_articles_columns_and_provisos() {
    let xml = law(r#"<MainProvision><Chapter Num="1"><ChapterTitle>第一章　総則</ChapterTitle>
<Article Num="2" Delete="false"><ArticleCaption>（定義）</ArticleCaption><ArticleTitle>第二条</ArticleTitle>
<Paragraph Num="1"><ParagraphNum/><ParagraphSentence><Sentence Function="main" Num="1">本文。</Sentence>
<Sentence Function="proviso" Num="2">ただし、例外とする。</Sentence></ParagraphSentence>
<Item Num="1"><ItemTitle>一</ItemTitle><ItemSentence><Column Num="1"><Sentence>法令</Sentence></Column>
<Column Num="2"><Sentence>法律をいう。</Sentence></Column></ItemSentence>
<Subitem1 Num="1"><Subitem1Title>イ</Subitem1Title><Subitem1Sentence><Sentence>明<Ruby>瞭<Rt>りよう</Rt></Ruby>に</Sentence></Subitem1Sentence></Subitem1>
</Item></Paragraph>
<Paragraph Num="2"><ParagraphNum>２</ParagraphNum><ParagraphSentence><Sentence>第二項。</Sentence></ParagraphSentence></Paragraph>
</Article></Chapter></MainProvision>
<SupplProvision AmendLawNum="平成一一年法律第一五一号" Extract="true"><SupplProvisionLabel>附　則</SupplProvisionLabel>
<Paragraph Num="1"><ParagraphNum/><ParagraphSentence><Sentence>施行する。</Sentence></ParagraphSentence></Paragraph></SupplProvision>"#);
    let doc = parse("t.xml", &xml).unwrap().document;
    assert_eq!(doc.title, "テスト法");
    assert_eq!(doc.number.as_deref(), Some("平成五年法律第八十八号"));
    assert_eq!(doc.attrs.get("Era").map(String::as_str), Some("Heisei"));
    assert_eq!(doc.attrs.get("TitleKana").map(String::as_str), Some("てすと"));
    let chp = &doc.children[0];
    assert_eq!((chp.id.as_str(), chp.label.as_str(), chp.heading.as_deref()), ("chp_1", "第一章", Some("総則")));
    let art = &chp.children[0];
    assert_eq!(art.id, "art_2");
    assert_eq!(art.heading.as_deref(), Some("定義"));
    assert_eq!(art.heading_raw, None, "the canonical （…） form needs no raw caption");
    assert!(art.attrs.is_empty(), "default attributes are dropped: {:?}", art.attrs);
    let p1 = &art.children[0];
    assert_eq!(p1.label, "");
    assert_eq!(p1.text, "本文。ただし、例外とする。");
    assert_eq!(p1.sentences[1].role, SentenceRole::Proviso);
    let item = &p1.children[0];
    assert_eq!(item.id, "art_2__para_1__item_1");
    assert_eq!(item.text, "法令\u{3000}法律をいう。");
    assert_eq!(item.sentences.len(), 2);
    assert!(item.sentences.iter().all(|s| s.role == SentenceRole::Column));
    let sub = &item.children[0];
    assert_eq!((sub.kind, sub.level, sub.label.as_str()), (Kind::Subitem, 1, "イ"));
    assert_eq!(sub.text, "明瞭に");
    assert_eq!(sub.attrs.get("markup").map(String::as_str), Some("3\t6\tRuby\tりよう"));
    assert_eq!(art.children[1].label, "２");
    let suppl = &doc.children[1];
    assert_eq!(suppl.kind, Kind::SupplProvision);
    assert_eq!(suppl.label, "附　則");
    assert_eq!(suppl.heading.as_deref(), Some("平成一一年法律第一五一号"));
    assert_eq!(suppl.attrs.get("extract").map(String::as_str), Some("true"));
    assert_eq!(suppl.children[0].id, "suppl_1__para_1");
}

#[test]
fn reads_the_api_wrapper_and_ranges() {
    let inner = law(r#"<MainProvision><Article Num="5:8"><ArticleTitle>第五条から第八条まで</ArticleTitle>
<Paragraph Num="1"><ParagraphNum/><ParagraphSentence><Sentence>削除</Sentence></ParagraphSentence></Paragraph></Article>
</MainProvision>"#);
    let inner = inner.trim_start_matches(r#"<?xml version="1.0" encoding="UTF-8"?>"#);
    let xml = format!(
        "<law_data_response><law_info><law_num>無視</law_num></law_info><law_full_text>{inner}</law_full_text></law_data_response>"
    );
    let doc = parse("w.xml", &xml).unwrap().document;
    let art = &doc.children[0];
    assert_eq!(art.id, "art_5to8");
    assert!(art.deleted);
    assert_eq!(doc.number.as_deref(), Some("平成五年法律第八十八号"));
}

#[test]
fn errors_name_the_place() {
    let err = parse("bad.xml", "<Law>\n  <LawNum>x</Lawnum>\n</Law>").unwrap_err();
    let msg = err.to_string();
    assert!(matches!(err, Error::Xml { .. }), "{msg}");
    assert!(msg.starts_with("bad.xml:2:"), "{msg}");
    let err = parse("h.xml", "<html><body/></html>").unwrap_err().to_string();
    assert!(err.contains("found <html>") && err.starts_with("h.xml:1:1"), "{err}");
    let err = parse("w.xml", "<law_data_response><law_info/></law_data_response>").unwrap_err().to_string();
    assert!(err.contains("no <Law>"), "{err}");
    let err = parse("u.xml", "<Law><LawNum>x</LawNum>").unwrap_err().to_string();
    assert!(err.contains("not closed"), "{err}");
}

#[test]
fn keeps_tables_toc_and_appendices() {
    let xml = law(r#"<TOC><TOCLabel>目次</TOCLabel><TOCChapter Num="1"><ChapterTitle>第一章　総則</ChapterTitle>
<ArticleRange>（第一条―第四条）</ArticleRange></TOCChapter><TOCSupplProvision><SupplProvisionLabel>附則</SupplProvisionLabel></TOCSupplProvision></TOC>
<MainProvision><Article Num="1"><ArticleTitle>第一条</ArticleTitle><Paragraph Num="1"><ParagraphNum/>
<ParagraphSentence><Sentence>次の表。</Sentence></ParagraphSentence>
<TableStruct><Table><TableRow><TableColumn BorderTop="none"><Sentence>一年</Sentence></TableColumn>
<TableColumn><Sentence>十日</Sentence></TableColumn></TableRow></Table></TableStruct></Paragraph></Article></MainProvision>
<AppdxStyle><AppdxStyleTitle>別記様式第１</AppdxStyleTitle><RelatedArticleNum>（第１条関係）</RelatedArticleNum>
<StyleStruct><Style><Fig src="./pict/a.pdf"/></Style></StyleStruct></AppdxStyle>"#);
    let doc = parse("t.xml", &xml).unwrap().document;
    let toc = &doc.children[0];
    assert_eq!(toc.kind, Kind::Toc);
    assert_eq!(toc.label, "目次");
    assert_eq!(toc.children[0].id, "toc__chp_1");
    assert_eq!(toc.children[0].text, "（第一条―第四条）");
    assert_eq!(toc.children[1].id, "toc__suppl");
    let table = &doc.children[1].children[0].children[0];
    assert_eq!(table.kind, Kind::Table);
    assert_eq!(table.id, "art_1__para_1__table_1");
    let cell = &table.children[0].children[0];
    assert_eq!(cell.id, "art_1__para_1__table_1__row_1__cell_1");
    assert_eq!(cell.text, "一年");
    assert_eq!(cell.attrs.get("BorderTop").map(String::as_str), Some("none"));
    let appdx = &doc.children[2];
    assert_eq!((appdx.kind, appdx.id.as_str(), appdx.label.as_str()), (Kind::Appendix, "appdx_1", "別記様式第１"));
    assert_eq!(appdx.heading.as_deref(), Some("第１条関係"));
    let fig = &appdx.children[0].children[0].children[0];
    assert_eq!(fig.attrs.get("src").map(String::as_str), Some("./pict/a.pdf"));
}

/// Ruby in an `ArticleCaption` (issue 11, category 7) is kept in `heading_markup` and written back by
/// every export.
#[test]
fn ruby_in_captions_survives_every_export() {
    let xml = r#"<Law Era="Reiwa" Year="1" Num="1" LawType="Misc" Lang="ja"><LawNum/><LawBody><LawTitle>規程</LawTitle>
      <MainProvision><Article Num="1"><ArticleCaption>（<Ruby>傍<Rt>ぼう</Rt></Ruby>点の<Sup>例</Sup>）</ArticleCaption>
      <ArticleTitle>第一条</ArticleTitle><Paragraph Num="1"><ParagraphNum/><ParagraphSentence>
      <Sentence>甲とする。</Sentence></ParagraphSentence></Paragraph></Article></MainProvision></LawBody></Law>"#;
    let doc = parse("x.xml", xml).unwrap().document;
    let art = &doc.children[0];
    assert_eq!(art.heading.as_deref(), Some("傍点の例"));
    assert_eq!(art.heading_raw, None);
    assert_eq!(art.attrs.get("heading_markup").map(String::as_str), Some("0\t3\tRuby\tぼう\n9\t12\tSup"));

    let out = crate::export::egov_xml::to_egov_xml(&doc);
    assert!(
        out.contains("<ArticleCaption>（<Ruby>傍<Rt>ぼう</Rt></Ruby>点の<Sup>例</Sup>）</ArticleCaption>"),
        "{out}"
    );
    let again = parse("y.xml", &out).unwrap().document;
    assert_eq!(again.children[0].attrs, art.attrs);

    let text = crate::export::text::to_text(&doc);
    assert!(text.contains("（<Ruby>傍<Rt>ぼう</Rt></Ruby>点の例）\n第一条"), "{text}");
    let from_text = crate::parse::parse_str(&text).unwrap();
    assert_eq!(from_text.children[0].heading, art.heading);
    assert_eq!(
        from_text.children[0].attrs.get("heading_markup").map(String::as_str),
        Some("0\t3\tRuby\tぼう"),
        "the text carries ruby only, not Sup"
    );

    let akn = crate::export::akn::to_akn(&doc);
    assert!(akn.contains(r#"<heading><inline name="ruby" title="ぼう">傍</inline>点の例</heading>"#), "{akn}");

    let json = serde_json::to_string(&doc).unwrap();
    let back: crate::model::Document = serde_json::from_str(&json).unwrap();
    assert_eq!(back.children[0].attrs.get("heading_markup"), art.attrs.get("heading_markup"));
}

/// Items are numbered as their titles say, as the text parser reads 「一から二十五まで　略」 and 「イからハまで　略」:
/// a range's end that `Num` leaves out, and ニ after イからハまで that e-Gov numbers `Num="2"`.
#[test]
fn excerpt_ranges_in_titles_end_where_the_title_says() {
    let xml = law(r#"<MainProvision><Article Num="3"><ArticleTitle>第三条</ArticleTitle>
<Paragraph Num="1"><ParagraphNum/><ParagraphSentence><Sentence>次に掲げる規定</Sentence></ParagraphSentence>
<Item Num="1"><ItemTitle>一から二十五まで</ItemTitle><ItemSentence><Sentence>略</Sentence></ItemSentence></Item>
<Item Num="26"><ItemTitle>二十六</ItemTitle><ItemSentence><Sentence>甲</Sentence></ItemSentence>
<Subitem1 Num="1"><Subitem1Title>イからハまで</Subitem1Title><Subitem1Sentence><Sentence>略</Sentence></Subitem1Sentence></Subitem1>
<Subitem1 Num="2"><Subitem1Title>ニ</Subitem1Title><Subitem1Sentence><Sentence>乙</Sentence></Subitem1Sentence></Subitem1>
</Item></Paragraph></Article></MainProvision>"#);
    let doc = parse("r.xml", &xml).unwrap().document;
    let items = &doc.children[0].children[0].children;
    assert_eq!(items[0].id, "art_3__para_1__item_1to25");
    assert_eq!(items[1].num_end, None);
    assert_eq!(items[1].children[0].num_end.as_ref().map(|n| n.to_string()).as_deref(), Some("3"));
    assert_eq!(items[1].children[1].id, "art_3__para_1__item_26__subitem1_4");
    let text = crate::parse::parse_str("テスト法\n第三条　次に掲げる規定\n  一から二十五まで　略\n").unwrap();
    assert_eq!(text.children[0].children[0].children[0].id, items[0].id);
}

/// The location of an [`Error::Xml`], and its message.
fn xml_err(xml: &str) -> (u32, u32, String) {
    match parse("t.xml", xml) {
        Err(Error::Xml { at, message }) => (at.line, at.column, message),
        other => panic!("expected an XML error, got {:?}", other.map(|p| p.document.title)),
    }
}

fn one_sentence(inner: &str) -> String {
    law(&format!(
        "<MainProvision><Article Num=\"1\"><ArticleTitle>第一条</ArticleTitle><Paragraph Num=\"1\"><ParagraphNum/>\n\
         <ParagraphSentence><Sentence>{inner}</Sentence></ParagraphSentence></Paragraph></Article></MainProvision>"
    ))
}

#[test]
fn nesting_deeper_than_the_bound_is_refused_where_it_goes_too_deep() {
    // Issue 15: 33,000 nested elements overflowed the stack; 100,000 nested <Sup> took 42 s.
    for (open, close) in [("<Sup>", "</Sup>"), ("<Remarks>", "</Remarks>")] {
        let n = 100_000;
        let xml = one_sentence(&format!("{}甲{}", open.repeat(n), close.repeat(n)));
        let (line, column, message) = xml_err(&xml);
        assert_eq!(line, 4, "{message}");
        assert!(column > 1 && message.contains("nested deeper than 256"), "{column} {message}");
    }
    let ok = one_sentence(&format!("{}甲{}", "<Sup>".repeat(200), "</Sup>".repeat(200)));
    assert_eq!(parse("t.xml", &ok).unwrap().document.articles()[0].children[0].text, "甲");
}

#[test]
fn many_inline_elements_in_one_sentence_read_in_linear_time() {
    let n = 100_000;
    let xml = one_sentence(&"<Sup>１</Sup>甲".repeat(n));
    let start = std::time::Instant::now();
    let doc = parse("t.xml", &xml).unwrap().document;
    assert_eq!(doc.articles()[0].children[0].text.chars().count(), 2 * n);
    // Quadratic work took tens of seconds; linear work is well under a second even in a debug build.
    assert!(start.elapsed().as_secs() < 10, "{:?}", start.elapsed());
}

#[test]
fn characters_xml_forbids_are_refused_with_their_location() {
    for (bad, c) in [("&#x1;", "U+0001"), ("&#xFFFE;", "U+FFFE"), ("\u{1}", "U+0001"), ("\u{FFFF}", "U+FFFF")] {
        let (line, column, message) = xml_err(&one_sentence(&format!("本文{bad}")));
        // Line 4 is `<ParagraphSentence><Sentence>本文…`: the character follows 31 characters.
        assert_eq!((line, column), (4, 32), "{bad}: {message}");
        assert!(message.contains(c), "{message}");
    }
    let xml = law("<MainProvision><Article Num=\"1\" Note=\"&#x2;\"><ArticleTitle>第一条</ArticleTitle></Article></MainProvision>");
    assert!(xml_err(&xml).2.contains("U+0002"));
}

#[test]
fn an_xinclude_is_refused_not_dropped() {
    let xml = one_sentence("本文<xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\"other.xml\"/>である。");
    let (line, column, message) = xml_err(&xml);
    assert_eq!((line, column), (4, 32));
    assert!(message.contains("XInclude"), "{message}");
}

/// Issue 15, "keep it": no entity is ever expanded. A billion-laughs document and an external entity both fail
/// at once with a located error (nothing grows, no file is read: the parser is given a string and does no
/// I/O), and neither the expansion nor the file's text reaches a model.
#[test]
fn entities_are_never_expanded() {
    let laughs =
        (1..10).map(|k| format!("<!ENTITY l{k} \"{}\">", format!("&l{};", k - 1).repeat(10))).collect::<String>();
    let doctype = format!("<!DOCTYPE Law [<!ENTITY l0 \"lol\">{laughs}<!ENTITY ext SYSTEM \"file:///etc/passwd\">]>\n");
    for (entity, name, what) in [("&l9;", "l9", "billion laughs"), ("&ext;", "ext", "external entity")] {
        let xml = one_sentence(&format!("本文{entity}")).replacen("\n", &format!("\n{doctype}"), 1);
        let began = std::time::Instant::now();
        let (line, column, message) = xml_err(&xml);
        assert!(began.elapsed() < std::time::Duration::from_secs(2), "{what}: {:?}", began.elapsed());
        // On the line where it is used, at most at its column (the text it stands in), naming it.
        assert!(line == 5 && column <= 32, "{what}: {line}:{column}: {message}");
        assert!(message.contains(&format!("`{name}`")), "{what}: {message}");
    }
}
