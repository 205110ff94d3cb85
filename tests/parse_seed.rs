//! Acceptance tests of the parser on the seed regulation (issue 2).

mod common;

use kitei::model::{Kind, SentenceRole};

#[test]
fn seed_has_five_chapters_and_26_articles_with_captions() {
    let doc = common::load(&common::seed_path());
    assert_eq!(doc.title, "地方公共団体情報システム機構認証事務管理規程");
    let chapters: Vec<_> = doc.children.iter().filter(|n| n.kind == Kind::Chapter).collect();
    let titles: Vec<_> = chapters.iter().map(|c| c.heading.clone().unwrap()).collect();
    assert_eq!(titles, ["総則", "基本原則", "管理体制", "安全管理", "その他"]);
    let ids: Vec<_> = chapters.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["chp_1", "chp_2", "chp_3", "chp_4", "chp_5"]);
    let articles = doc.articles();
    assert_eq!(articles.len(), 26);
    for (i, a) in articles.iter().enumerate() {
        assert_eq!(a.id, format!("art_{}", i + 1));
        assert!(a.heading.as_deref().is_some_and(|h| !h.is_empty()), "{} has no caption", a.id);
    }
    assert_eq!(articles[0].heading.as_deref(), Some("目的"));
    assert_eq!(articles[6].heading.as_deref(), Some("総合的なセキュリティ対策"));
    // Half-width brackets from 第7条 are remembered as written.
    assert_eq!(articles[6].heading_raw.as_deref(), Some("(総合的なセキュリティ対策)"));
    assert_eq!(articles[5].heading_raw, None);
}

#[test]
fn seed_article_10_and_25_structure() {
    let doc = common::load(&common::seed_path());
    let a10 = doc.find("art_10").unwrap();
    assert_eq!(a10.children.len(), 4);
    assert_eq!(a10.children[0].label, "", "the first paragraph is unnumbered");
    let p4 = doc.find("art_10__para_4").unwrap();
    assert_eq!(p4.children.len(), 5);
    assert_eq!(p4.children[4].id, "art_10__para_4__item_5");
    assert_eq!(p4.children[4].text, "その他セキュリティ対策に必要な措置");

    let a25 = doc.find("art_25").unwrap();
    assert_eq!(a25.children.len(), 3);
    let p2 = doc.find("art_25__para_2").unwrap();
    assert_eq!(p2.children.len(), 7);
    assert_eq!(
        p2.text,
        "認証事務に係る電子計算処理等の一部を委託する場合は、認証業務情報の保護のために次の各号に掲げる事項を委託先事業者と取り交わすものとする。"
    );
    assert!(p2
        .text
        .ends_with("…保護のために次の各号に掲げる事項を委託先事業者と取り交わすものとする。".trim_start_matches('…')));
}

#[test]
fn seed_suppl_provisions_and_toc() {
    let doc = common::load(&common::seed_path());
    let suppl: Vec<_> = doc.suppl_provisions().collect();
    assert_eq!(suppl.len(), 3);
    assert_eq!(suppl[2].id, "suppl_3");
    assert_eq!(suppl[2].children[0].id, "suppl_3__para_1");
    assert_eq!(suppl[2].children[0].text, "この規程は、平成28年1月1日から施行する。");

    let toc = doc.toc().expect("a 目次");
    let chapters: Vec<_> =
        toc.children.iter().filter(|e| e.attrs.get("target").map(String::as_str) == Some("chp")).collect();
    assert_eq!(chapters.len(), 5);
    let ranges: Vec<_> = chapters.iter().map(|e| format!("{}-{}", e.attrs["from"], e.attrs["to"])).collect();
    assert_eq!(ranges, ["1-3", "4-8", "9-10", "11-21", "22-26"]);
    assert_eq!(chapters[3].heading.as_deref(), Some("安全管理"));
    assert_eq!(chapters[0].id, "toc__chp_1");
}

#[test]
fn seed_sentences_have_roles() {
    let doc = common::load(&common::seed_path());
    let p = doc.find("art_26__para_1").unwrap();
    assert_eq!(p.sentences.len(), 1);
    assert_eq!(p.sentences[0].role, SentenceRole::Main);
    let joined: String = p.sentences.iter().map(|s| s.text.as_str()).collect();
    assert_eq!(joined, p.text);
}

#[test]
fn seed_versions_in_regulations_parse() {
    let dir = common::root().join("regulations/jlis-ninsho-jimu-kanri-kitei");
    let v2014 = common::load(&dir.join("2014-04-01.md"));
    let v2027 = common::load(&dir.join("2027-04-01.md"));
    assert_eq!(v2014.articles().len(), 26);
    assert_eq!(v2014.suppl_provisions().count(), 2);
    assert_eq!(v2027.articles().len(), 27);
    assert_eq!(v2027.suppl_provisions().count(), 4);
    assert_eq!(v2027.find("art_10").unwrap().children.len(), 3);
}

#[test]
fn markdown_front_matter_gives_the_number_not_the_title() {
    let doc = common::load(&common::corpus("amendments/shukujitsu/19480720-law-178_as_enacted_1948.md"));
    assert_eq!(doc.title, "国民の祝日に関する法律");
    assert_eq!(doc.number.as_deref(), Some("昭和二三年七月二〇日法律第百七十八号"));
    assert_eq!(doc.articles()[0].id, "art_1");
}
