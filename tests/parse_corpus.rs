//! The text parser on real inputs: every corpus text file parses, article counts agree with the e-Gov XML
//! of the same revision, no kanji or kana is lost, canonical text round-trips, and encodings don't matter.

mod common;

use kitei::conformance::fidelity;
use kitei::model::{Document, Kind};

fn all_text_inputs() -> Vec<std::path::PathBuf> {
    let mut v = common::corpus_text_files();
    v.extend(
        common::files(&common::root().join("regulations/jlis-ninsho-jimu-kanri-kitei"), &["md"])
            .into_iter()
            .filter(|p| !p.to_string_lossy().ends_with(".en.md")),
    );
    v
}

#[test]
fn every_corpus_text_file_parses() {
    let files = all_text_inputs();
    assert!(files.len() >= 19, "corpus incomplete: {files:?}");
    for f in files {
        let doc = common::load(&f);
        assert!(
            !doc.articles().is_empty() || doc.children.iter().any(|c| c.kind == Kind::Paragraph),
            "{}",
            f.display()
        );
    }
}

#[test]
fn article_counts_match_the_xml_of_the_same_revision() {
    let mut pairs = Vec::new();
    for d in std::fs::read_dir(common::corpus("egov-revisions")).unwrap() {
        for txt in common::files(&d.unwrap().path(), &["txt"]) {
            pairs.push((txt.clone(), txt.with_extension("xml")));
        }
    }
    pairs.push((
        common::corpus("lawtext/417AC0000000086_20170401_会社法.law.txt"),
        common::corpus("egov-xml/417AC0000000086_20170401_428AC0000000062.xml"),
    ));
    assert_eq!(pairs.len(), 9);
    for (txt, xml) in pairs {
        let doc = common::load(&txt);
        let expected = common::xml_main_article_count(&std::fs::read_to_string(&xml).unwrap());
        assert!(expected > 0);
        assert_eq!(doc.articles().len(), expected, "{}", txt.display());
    }
}

#[test]
fn no_kanji_or_kana_is_lost_or_altered() {
    for f in all_text_inputs() {
        let input = kitei::input::decode("x", &std::fs::read(&f).unwrap()).unwrap();
        let doc = common::load(&f);
        if let Err(m) = fidelity(&input, &doc) {
            panic!("{}: {m}", f.display());
        }
    }
}

#[test]
fn canonical_text_round_trips_to_the_same_model() {
    for f in all_text_inputs() {
        let doc = common::load(&f);
        let text = kitei::export::text::to_text(&doc);
        let again = kitei::parse::parse_str(&text).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        let (a, b) = (common::without_spans(&doc), common::without_spans(&again));
        if a != b {
            let (ja, jb) = (serde_json::to_string_pretty(&a).unwrap(), serde_json::to_string_pretty(&b).unwrap());
            let first = ja.lines().zip(jb.lines()).position(|(x, y)| x != y).unwrap_or(0);
            let show = |s: &str| s.lines().skip(first.saturating_sub(8)).take(14).collect::<Vec<_>>().join("\n");
            panic!(
                "{}: models differ after text round trip\n--- original\n{}\n--- reparsed\n{}",
                f.display(),
                show(&ja),
                show(&jb)
            );
        }
    }
}

#[test]
fn shift_jis_and_crlf_copies_parse_to_the_same_model() {
    for rel in [
        "internal-rules/01_就業規則_tag20191217.md",
        "egov-revisions/330AC1000000186/330AC1000000186_20250606_505AC0000000044.txt",
    ] {
        let path = common::corpus(rel);
        let utf8 = std::fs::read_to_string(&path).unwrap();
        let original = kitei::parse::parse_source(&kitei::input::from_bytes("f", utf8.as_bytes(), None).unwrap())
            .unwrap()
            .document;
        let (sjis, _, unmappable) = encoding_rs::SHIFT_JIS.encode(&utf8);
        assert!(!unmappable, "{rel} has characters outside Shift_JIS");
        let crlf = utf8.replace('\n', "\r\n");
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(crlf.as_bytes());
        for (what, bytes) in [("Shift_JIS", sjis.into_owned()), ("CRLF", crlf.into_bytes()), ("BOM+CRLF", bom)] {
            let doc =
                kitei::parse::parse_source(&kitei::input::from_bytes("f", &bytes, None).unwrap()).unwrap().document;
            assert_eq!(common::without_spans(&doc), common::without_spans(&original), "{rel} as {what}");
            assert_eq!(doc.children.len(), original.children.len());
        }
    }
}

#[test]
fn lenient_layout_article_numbers_on_their_own_line() {
    let doc =
        common::load(&common::corpus("text-2013/電子署名に係る地方公共団体の認証業務に関する法律_2013-11-26.txt"));
    let a2 = doc.find("art_2").unwrap();
    assert_eq!(a2.heading.as_deref(), Some("定義"));
    assert_eq!(a2.children.len(), 2);
    assert!(a2.children[0].text.starts_with("この法律において「電子署名」とは"));
    assert!(doc.find("art_19-3").is_some(), "branch article 第十九条の三");
    let toc = doc.toc().expect("the 目次 is recognised from its ranges");
    assert!(toc.children.iter().any(|e| e.id == "toc__chp_2"));
}

#[test]
fn deleted_articles_are_flagged() {
    let doc = common::load(&common::corpus("text-2013/民法_2013-11-26.txt"));
    let deleted = doc.articles().into_iter().filter(|a| a.deleted).count();
    assert!(deleted >= 30, "民法 has many 削除 articles, found {deleted}");
}

/// Beyond the main provision: every ID, label and text outside the 別表 agrees between the Lawtext `.txt` and
/// the `.xml` of each revision of 原子力基本法, 附則 included (their 抄 extracts list omitted items as
/// `二及び三　略`).
#[test]
fn lawtext_and_xml_agree_in_the_suppl_provisions_too() {
    fn outline(doc: &Document) -> Vec<(String, String, String)> {
        let mut out = Vec::new();
        for top in doc.children.iter().filter(|n| !matches!(n.kind, Kind::Appendix | Kind::Toc)) {
            kitei::model::walk::walk_node(top, &mut |n| out.push((n.id.clone(), n.label.clone(), n.text.clone())));
        }
        out
    }
    let dir = common::corpus("egov-revisions/330AC1000000186");
    for txt in common::files(&dir, &["txt"]) {
        let (t, x) = (common::load(&txt), common::load(&txt.with_extension("xml")));
        let (ot, ox) = (outline(&t), outline(&x));
        for (a, b) in ot.iter().zip(&ox) {
            assert_eq!(a, b, "{}", txt.display());
        }
        assert_eq!(ot.len(), ox.len(), "{}", txt.display());
    }
}

/// Lawtext's inline ruby (`明<Ruby>瞭<Rt>りよう</Rt></Ruby>`) becomes the same model as e-Gov XML's `<Ruby>`:
/// base characters in the text, the reading in attr `markup`.
#[test]
fn lawtext_ruby_matches_the_xml_import() {
    fn rubies(doc: &Document) -> Vec<(String, String, String)> {
        let mut out = Vec::new();
        kitei::model::walk::walk(doc, &mut |n| {
            for l in n.attrs.get("markup").map(|m| m.lines().collect::<Vec<_>>()).unwrap_or_default() {
                if l.contains("\tRuby\t") {
                    out.push((n.id.clone(), n.text.clone(), l.to_string()));
                }
            }
        });
        out
    }
    let t = common::load(&common::corpus("lawtext/417AC0000000086_20170401_会社法.law.txt"));
    let x = common::load(&common::corpus("egov-xml/417AC0000000086_20170401_428AC0000000062.xml"));
    let (rt, rx) = (rubies(&t), rubies(&x));
    assert!(!rt.is_empty());
    assert_eq!(rt, rx);
    assert!(!kitei::export::text::to_text(&t).is_empty());
    kitei::model::walk::walk(&t, &mut |n| assert!(!n.text.contains("<Ruby>"), "{}", n.id));
}
