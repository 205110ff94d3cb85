//! Minimal examples of the real-world layouts the builder reads (issue: corpus-scale conformance).

use crate::model::{Document, Kind};

fn parse(t: &str) -> Document {
    crate::parse::parse_str(t).unwrap()
}

fn article_nums(doc: &Document) -> Vec<String> {
    doc.articles().iter().map(|a| a.num.as_ref().unwrap().to_string()).collect()
}

#[test]
fn item_text_on_its_own_line_is_never_a_heading() {
    let t = "令\n\n第一条\n\n　次に掲げる書類を提出する。\n一\n\n　様式第一（別紙一から別紙六までを含む。）による届出書\n\n\
             二\n\n　第三条\n\n第二条\n\n　前条による。\n";
    let doc = parse(t);
    assert_eq!(article_nums(&doc), ["1", "2"]);
    assert!(doc.children.iter().all(|c| c.kind != Kind::Appendix));
    let items = &doc.find("art_1__para_1").unwrap().children;
    assert_eq!(items[0].text, "様式第一（別紙一から別紙六までを含む。）による届出書");
    assert_eq!(items[1].text, "第三条");
}

#[test]
fn a_toc_without_the_word_or_ranges_ends_where_its_headings_come_round_again() {
    let t = concat!(
        "令\n\n　第一章　総則\n　第二章　雑則\n　附則\n\n　　第一章　総則\n\n第一条\n\n　目的を定める。\n\n",
        "　　第二章　雑則\n\n第二条\n\n　前条による。\n\n　　　附　則\n\n　この令は、施行する。\n"
    );
    let doc = parse(t);
    let toc = doc.toc().expect("a 目次");
    assert_eq!(toc.children.len(), 3, "two chapters and the 附則");
    assert_eq!(article_nums(&doc), ["1", "2"]);
    assert_eq!(doc.suppl_provisions().count(), 1);
}

#[test]
fn a_caption_below_the_article_number_is_its_caption() {
    let doc = parse("法\n\n第一条\n（免官）\n　裁判官は、免ずる。\n第二条\n（懲戒）\n　懲戒とする。\n");
    let a1 = doc.find("art_1").unwrap();
    assert_eq!(a1.heading.as_deref(), Some("免官"));
    assert_eq!(a1.children[0].text, "裁判官は、免ずる。");
    // Written back as it stood, and read again to the same tree.
    let again = parse(&crate::export::text::to_text(&doc));
    assert_eq!(again.find("art_1").unwrap().heading.as_deref(), Some("免官"));
    assert_eq!(again.find("art_1__para_1").unwrap().text, "裁判官は、免ずる。");
}

#[test]
fn a_caption_broken_after_a_law_name_is_one_caption() {
    let doc = parse("法\n\n（商標法\nの施行期日）\n第一条\n\n　新法は、施行する。\n（商標法\nの廃止）\n第二条\n\n　旧法は、廃止する。\n");
    assert_eq!(doc.find("art_1").unwrap().heading.as_deref(), Some("商標法の施行期日"));
    assert_eq!(doc.find("art_2").unwrap().heading.as_deref(), Some("商標法の廃止"));
    assert_eq!(doc.find("art_1").unwrap().children.len(), 1, "no paragraph made of the caption");
    assert!(doc.children.iter().all(|c| c.kind != Kind::Preamble));
}

#[test]
fn circled_paragraph_numbers_of_egov_2013_are_labels() {
    let doc = parse("令\n\n第一条\n\n　本文である。\n○２\n\n　第二項である。\n");
    let p2 = doc.find("art_1__para_2").unwrap();
    assert_eq!(p2.label, "○２");
    assert_eq!(p2.text, "第二項である。");
}

#[test]
fn a_law_without_articles_is_a_main_provision_of_paragraphs() {
    let doc = parse(
        "失火ノ責任ニ関スル法律\n（明治三十二年三月八日法律第四十号）\n\n民法ノ規定ハ失火ノ場合ニハ之ヲ適用セス\n",
    );
    assert_eq!(doc.children.len(), 1);
    assert_eq!(doc.children[0].kind, Kind::Paragraph);
    assert_eq!(doc.children[0].id, "para_1");
    let enacted =
        parse("令\n（明治四十五年逓信省令第三十三号）\n　左ノ条規ヲ定メ之ヲ施行ス\n\n船舶ハ同一ナリト看做ス\n");
    let kinds: Vec<Kind> = enacted.children.iter().map(|c| c.kind).collect();
    assert_eq!(kinds, [Kind::Preamble, Kind::Paragraph]);
}

/// Text before a 目次 is a 前文 or 制定文, never the main provision: a law cut after its 目次 (a fuzz finding, 民法's
/// first 4 KB) has none and is refused, where its 制定文 was read as the 本則 and the 目次 after it came back from
/// the canonical text as 編 and 章.
#[test]
fn text_before_a_toc_is_no_main_provision() {
    let cut = "民法\n（明治二十九年法律第八十九号）\n　民法第一編別冊ノ通定ム\n\n　第一編　総則（第一条―第三条）\n";
    assert!(crate::parse::parse_str(cut).is_err());
    let doc = parse(&format!("{cut}\n失火ノ場合ニハ之ヲ適用セス\n"));
    let kinds: Vec<Kind> = doc.children.iter().map(|c| c.kind).collect();
    assert_eq!(kinds, [Kind::Preamble, Kind::Toc, Kind::Paragraph]);
    assert_eq!(crate::conformance::canonical_round_trip(&doc), Ok(()));
}

/// A 政令 of one paragraph after its 制定文 and before its 附則 (建国記念の日となる日を定める政令): the paragraph is
/// the main provision, not a second 前文 (the 附則's paragraphs do not make the 本則 one of articles).
#[test]
fn a_seirei_without_articles_before_its_suppl_has_a_main_provision() {
    let doc = parse(
        "日を定める政令\n（昭和四十一年政令第一号）\n\n内閣は、法律第二条の規定に基づき、この政令を制定する。\n\n\
         法律第二条に規定する日は、二月十一日とする。\n\n      附　則\n\nこの政令は、公布の日から施行する。\n",
    );
    let kinds: Vec<Kind> = doc.children.iter().map(|c| c.kind).collect();
    assert_eq!(kinds, [Kind::Preamble, Kind::Paragraph, Kind::SupplProvision]);
    assert_eq!(doc.children[1].id, "para_1");
    assert_eq!(doc.children[1].text, "法律第二条に規定する日は、二月十一日とする。");
}

/// Bullets standing at the top, with no 条 (a piece of a law, or a short rule), are 項 numbered by position, not
/// each a first 項.
#[test]
fn top_level_bullets_are_numbered_by_position() {
    let doc =
        parse("# 法\n\n- 元日　一月一日　年のはじめを祝う。\n- 成人の日　一月十五日　祝う。\n- 春分の日　春分日\n");
    let ids: Vec<&str> = doc.children.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["para_1", "para_2", "para_3"]);
}

#[test]
fn one_kanji_captions_are_captions() {
    let doc = parse("規則\n（数）\n第一条　委員の数は、五人とする。\n（額）\n第二条　手当の額は、別に定める。\n");
    assert_eq!(doc.find("art_1").unwrap().heading.as_deref(), Some("数"));
    assert_eq!(doc.find("art_1").unwrap().children.len(), 1, "（額） is no 項 of 第一条");
    assert_eq!(doc.find("art_2").unwrap().heading.as_deref(), Some("額"));
}

/// Markdown lists deeper than the model's levels are refused where they go too deep (issue 15: the depth
/// was a u8 and wrapped at 256, bringing items back to the top level).
#[test]
fn a_list_nested_too_deep_is_refused_with_its_location() {
    let nested = |n: usize| {
        let mut t = String::from("# 規程\n\n### 第1条\n\n");
        for k in 0..n {
            t.push_str(&format!("{}- 甲{k}\n", "  ".repeat(k)));
        }
        t
    };
    let md = |t: &str| {
        let src =
            crate::input::Source { name: "t.md".into(), text: t.into(), format: crate::input::InputFormat::Markdown };
        crate::parse::parse_source(&src)
    };
    assert!(md(&nested(30)).is_ok());
    let deep = super::MAX_LIST_DEPTH as usize + 2;
    match md(&nested(300)) {
        Err(crate::Error::Syntax { at, .. }) => assert_eq!(at.line as usize, 4 + deep),
        other => panic!("expected a located refusal, got {other:?}"),
    }
}

/// A NUL byte after a Markdown heading (issue 15) must not make the canonical text run the heading into the
/// body: parse → text → parse gives the same tree.
#[test]
fn a_nul_after_a_markdown_heading_round_trips() {
    for t in [
        "## 第1条\0",
        "# 規程\n\n## 第1条\0\n本文である。\n",
        "# 規程\n\n## 第1条\0\n\n本文である。\n",
        "# 規程\n\n### 第1条　目的\0\n\n本文である。\n",
    ] {
        let src =
            crate::input::Source { name: "t.md".into(), text: t.into(), format: crate::input::InputFormat::Markdown };
        // Accepted or refused with a location; what is accepted round-trips.
        let Ok(parsed) = crate::parse::parse_source(&src) else { continue };
        let text = crate::export::text::to_text(&parsed.document);
        assert_eq!(crate::conformance::canonical_round_trip(&parsed.document), Ok(()), "{t:?} → {text:?}");
    }
}
