//! Unit tests of the extraction ([`super`]): one minimal example per rule and per error pattern of issue 16.
use super::*;

fn list(src: &str, opts: &Options) -> Checklist {
    extract(&crate::parse::parse_str(src).unwrap(), opts)
}

#[test]
fn proviso_is_attached_as_exception() {
    let l = list(
        "規程\n第1条　職員は、秘密を漏らしてはならない。ただし、法令に基づく場合は、この限りでない。\n",
        &Options::default(),
    );
    assert_eq!(l.entries.len(), 1);
    let e = &l.entries[0];
    assert_eq!(e.classification, Class::Prohibition);
    assert_eq!(e.text, "職員は、秘密を漏らしてはならない。");
    assert_eq!(e.exceptions, ["ただし、法令に基づく場合は、この限りでない。"]);
    assert_eq!(e.party.as_ref().unwrap().name, "職員");
    assert!(!e.party.as_ref().unwrap().inferred);
}

#[test]
fn labels_cite_paragraphs_only_when_there_are_several() {
    let l = list("規程\n第3条　委員会を置く。\n２　委員会は、委員長が招集する。\n", &Options::default());
    let labels: Vec<_> = l.entries.iter().map(|e| e.label.as_str()).collect();
    assert_eq!(labels, ["第3条第1項", "第3条第2項"]);
    assert_eq!(l.entries[1].party.as_ref().unwrap().name, "委員長");
}

#[test]
fn definitions_only_on_request() {
    let src = "規程\n（定義）\n第1条　この規程において「職員」とは、常勤の者をいう。\n第2条　職員は、研修を受けるよう努める。\n";
    assert_eq!(list(src, &Options::default()).entries.len(), 1);
    let all = list(src, &Options { all: true, ..Options::default() });
    assert_eq!(all.entries.len(), 2);
    assert_eq!(all.entries[0].classification, Class::Definition);
    assert_eq!(all.entries[1].classification, Class::Effort);
}

#[test]
fn sanctions_attach_to_the_duties_they_cite() {
    let src = "法\n第1条　事業者は、帳簿を備えなければならない。\n第2条　事業者は、正当な理由がなければ、宿泊を拒んではならない。\n第3条　第一条の規定に違反した者は、一年以下の拘禁刑又は五十万円以下の罰金に処する。\n第4条　次の各号のいずれかに該当する者は、三十万円以下の罰金に処する。\n一　第二条の規定に違反した者\n二　虚偽の報告をした者\n";
    let l = list(src, &Options::default());
    let ids: Vec<_> = l.entries.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["art_1__para_1", "art_2__para_1"], "sanctions are no entries");
    assert_eq!(l.entries[1].classification, Class::Prohibition);
    assert_eq!(l.entries[0].penalties, ["罰則: 第3条（一年以下の拘禁刑又は五十万円以下の罰金）"]);
    assert_eq!(l.entries[1].penalties, ["罰則: 第4条第1号（三十万円以下の罰金）"]);
    let all = list(src, &Options { all: true, ..Options::default() });
    let items: Vec<_> = all.entries.iter().filter(|e| e.article_id == "art_4").collect();
    assert_eq!(items.len(), 2);
    assert!(items.iter().all(|e| e.classification == Class::Sanction));
}

#[test]
fn a_penalties_chapter_makes_sanctions() {
    let src = "法\n第一章　総則\n第1条　事業者は、届け出なければならない。\n第二章　罰則\n第2条　前条の届出をせず、又は虚偽の届出をした者は、十万円以下の過料とする。\n";
    let l = list(src, &Options { all: true, ..Options::default() });
    assert_eq!(l.get("art_2__para_1").unwrap().classification, Class::Sanction);
    assert_eq!(l.get("art_1__para_1").unwrap().penalties, ["罰則: 第2条"]);
}

#[test]
fn same_as_cited_takes_its_class() {
    let src = "規程\n第1条　職員は、秘密を漏らしてはならない。\n２　退職した者についても、前項と同様とする。\n";
    let l = list(src, &Options::default());
    assert_eq!(l.get("art_1__para_2").unwrap().classification, Class::Prohibition);
}

#[test]
fn a_legal_effect_after_a_permission_does_not_make_a_duty() {
    let src = "法\n第1条　賃借人は、契約を解除することができる。この場合において、賃貸借は、その時に終了する。\n第2条　会社は、研修を企画する。この場合において、社員は、報告しなければならない。\n";
    let l = list(src, &Options::default());
    assert_eq!(l.get("art_1__para_1").unwrap().classification, Class::Permission);
    assert_eq!(l.get("art_2__para_1").unwrap().classification, Class::Obligation);
    assert_eq!(l.get("art_2__para_1").unwrap().predicate, "なければならない", "the explicit ending wins");
}

#[test]
fn list_chapeaux_that_declare_give_no_duties() {
    let src =
        "令\n第1条　法第二条の交付金の種類及び内容は、次に掲げるものとする。\n一　施設整備交付金\n二　運営交付金\n";
    assert!(list(src, &Options::default()).entries.is_empty());
}

#[test]
fn a_main_provision_without_articles_gives_entries() {
    let src = "政令\n　内閣は、法第二条の規定に基づき、この政令を制定する。\n\n　事業者は、毎年度、報告書を提出しなければならない。\n２　前項の報告書の様式は、経済産業省令で定める。\n";
    let doc = crate::parse::parse_str(src).unwrap();
    assert!(doc.articles().is_empty(), "the test needs a 本則 without 条");
    let l = extract(&doc, &Options { all: true, ..Options::default() });
    let got: Vec<_> = l.entries.iter().map(|e| (e.label.as_str(), e.classification)).collect();
    assert_eq!(got, [("第1項", Class::Obligation), ("第2項", Class::Delegation)]);
}

/// The same text as an enacted law (with a promulgation number) and as an internal rule (without).
fn both(src: &str) -> (Checklist, Checklist) {
    let all = Options { all: true, ..Options::default() };
    let rule = crate::parse::parse_str(src).unwrap();
    let mut law = rule.clone();
    law.number = Some("昭和二十二年法律第四十九号".into());
    (extract(&law, &all), extract(&rule, &all))
}

#[test]
fn a_bare_verb_about_a_thing_is_a_rule_of_the_law() {
    let src = "法\n第1条　前項の期間は、賃金締切日から起算する。\n２　労働時間は、事業場を異にする場合においても、通算する。\n";
    let (law, rule) = both(src);
    assert!(law.entries.iter().all(|e| e.classification == Class::Constitutive), "{:?}", law.entries);
    // In a 規程 the same wording is what the organisation does (conventions §5).
    assert!(rule.entries.iter().all(|e| e.classification == Class::Obligation));
    // Items take the 柱書's class: 「…の賃金は、…総額から控除する。」 with the periods listed.
    let src =
        "法\n第2条　次の期間がある場合においては、その期間中の賃金は、賃金の総額から控除する。\n一　試みの使用期間\n";
    assert_eq!(both(src).0.entries[0].classification, Class::Constitutive);
}

#[test]
fn a_bare_verb_of_a_person_stays_a_duty_in_a_law() {
    let src = "法\n第1条　前項の事項は、厚生労働大臣が定める。\n２　裁判所は、鑑定委員を指定する。\n";
    let (law, _) = both(src);
    assert!(law.entries.iter().all(|e| e.classification == Class::Obligation), "{:?}", law.entries);
}

#[test]
fn a_later_sentence_that_asks_nothing_does_not_replace_the_first() {
    let src = "法\n第1条　前条の規定は、組合の清算について準用する。この場合において、必要な技術的読替えは、政令で定める。\n\
               第2条　組合員は、持分を承継する。この場合においては、組合員は、遅滞なく、その旨を組合に通知しなければならない。\n";
    let (law, _) = both(src);
    let classes: Vec<_> = law.entries.iter().map(|e| e.classification).collect();
    // The explicit duty of a later sentence still decides (GUIDE.md: 「…できる。この場合においては、…しなければならない。」).
    assert_eq!(classes, [Class::Constitutive, Class::Obligation]);
}

#[test]
fn others_of_a_group_name_the_party_before_the_default() {
    let src = "就業規則\n第1条　会社は、社員に研修を行う。\n第2条　性的言動により、他の社員の就業環境を害するようなことをしてはならない。\n";
    let l = list(src, &Options::default());
    let p = l.entries[1].party.as_ref().unwrap();
    assert_eq!((l.entries[1].classification, p.name.as_str()), (Class::Prohibition, "社員"));
    assert_eq!(l.entries[0].party.as_ref().unwrap().name, "会社");
}
