//! The ハネ check on minimal acts in real wording: 法令 style (kanji) and 例規 style (Arabic numerals).

use super::*;
use crate::parse::parse_str;

/// Applies `act` to `old`: the error message, or the warnings.
fn run(old: &str, act: &str) -> Result<Vec<String>, String> {
    let old = parse_str(old).unwrap();
    let a = crate::amend::grammar::parse(act, "a.txt").unwrap();
    crate::amend::apply_units(&old, &a, "a.txt", None).map(|x| x.warnings).map_err(|e| e.to_string())
}

const KANJI: &str = "例規程\n第一条　甲は、届出をしなければならない。\n２　乙は、報告をしなければならない。\n３　前項の報告は、書面でしなければならない。\n";
const INSERT: &str = "同条第二項の次に次の一項を加える。\n３　丙は、記録を保存しなければならない。\n";

#[test]
fn an_unchanged_zenko_after_an_inserted_paragraph_is_a_hane_more() {
    let act = format!("第一条第三項を同条第四項とし、{INSERT}");
    let e = run(KANJI, &act).unwrap_err();
    assert!(e.starts_with("a.txt:1:1: "), "placed at the renumbering: {e}");
    assert!(e.contains("ハネ漏れ"), "{e}");
    assert!(
        e.contains("第一条第4項: 「前項」 pointed at 第1条第2項, and unchanged it now points at 第1条第3項"),
        "names the provision, quotes the words, says both readings: {e}"
    );
}

#[test]
fn zenko_amended_to_the_right_number_passes() {
    let act = format!("第一条第三項中「前項」を「第二項」に改め、同項を同条第四項とし、{INSERT}");
    assert_eq!(run(KANJI, &act), Ok(vec![]));
}

#[test]
fn zenko_amended_to_a_wrong_number_is_a_warning_naming_both() {
    let act = format!("第一条第三項中「前項」を「第四項」に改め、同項を同条第四項とし、{INSERT}");
    let w = run(KANJI, &act).unwrap();
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(w[0].starts_with("a.txt:1:1: warning: 第一条第4項: 「前項」 pointed at 第1条第2項"), "{w:?}");
    assert!(w[0].contains("rewritten as 「第四項」 it points at 第1条第4項"), "{w:?}");
}

#[test]
fn a_rewritten_reference_to_a_missing_provision_is_an_error() {
    let act = format!("第一条第三項中「前項」を「第五項」に改め、同項を同条第四項とし、{INSERT}");
    let e = run(KANJI, &act).unwrap_err();
    assert!(e.contains("rewritten as 「第五項」 it points at nothing"), "{e}");
}

#[test]
fn a_reference_pointed_at_the_acts_new_provision_is_deliberate() {
    // The act redirects 「前項」 to its own new 第三項: no warning (the old 第二項 still exists).
    let act = "第一条第三項を同条第四項とし、同条第二項を同条第三項とし、同条第一項の次に次の一項を加える。\n２　丙は、記録を保存しなければならない。\n第一条第四項中「前項」を「第二項」に改める。\n";
    assert_eq!(run(KANJI, act), Ok(vec![]), "前項 → 第二項 is the new 項 the act added");
}

#[test]
fn a_zenko_that_still_points_at_the_same_provision_passes() {
    // Both moved by one: 前項 of the old 第三項 (now 第四項) is the old 第二項 (now 第三項).
    let act = "第一条第三項を同条第四項とし、同条第二項を同条第三項とし、同条第一項の次に次の一項を加える。\n２　丙は、記録を保存しなければならない。\n";
    assert_eq!(run(KANJI, act), Ok(vec![]));
    // A 項 added at the end moves nothing.
    assert_eq!(run(KANJI, "第一条に次の一項を加える。\n４　丙は、記録を保存しなければならない。\n"), Ok(vec![]));
}

#[test]
fn zenkakugo_covers_an_added_item() {
    let old = "例規程\n第一条　次に掲げる者は、届け出なければならない。\n一　甲\n二　乙\n２　前項各号に掲げる者は、書面で届け出る。\n";
    assert_eq!(run(old, "第一条第一項に次の一号を加える。\n三　丙\n"), Ok(vec![]));
}

const ARABIC: &str = "例規則\n第1条　この規則は、事務の手続を定める。\n第2条　申請は、書面でする。\n第3条　前条の申請は、受付の日から起算する。\n";
const ARTICLE: &str = "第2条の次に次の1条を加える。\n第3条　届出は、書面でする。\n";

#[test]
fn an_unchanged_zenjo_after_an_inserted_article_is_a_hane_more_in_reiki_style() {
    let e = run(ARABIC, &format!("第3条を第4条とし、{ARTICLE}")).unwrap_err();
    // Placed at the insertion after 第2条, which changed what 「前条」 reads.
    assert!(e.starts_with("a.txt:1:11: ") && e.contains("ハネ漏れ"), "{e}");
    assert!(e.contains("第4条: 「前条」 pointed at 第2条, and unchanged it now points at 第3条"), "{e}");
    assert_eq!(run(ARABIC, &format!("第3条中「前条」を「第2条」に改め、同条を第4条とし、{ARTICLE}")), Ok(vec![]));
}

#[test]
fn an_unchanged_absolute_reference_to_a_renumbered_article_quotes_its_words() {
    let old = "例規則\n第1条　第2条の申請は、書面でする。\n第2条　申請をする。\n";
    let e = run(old, "第2条を第3条とし、第1条の次に次の1条を加える。\n第2条　届出をする。\n").unwrap_err();
    assert!(e.contains("第1条 still cites 第2条 (now 第3条) with 「第2条」"), "{e}");
}

#[test]
fn references_are_paired_by_the_text_around_them() {
    let (old, new) = ("前項の規定により、第三条の", "第二項の規定により、第三条の");
    let (o, n) = (find_references(old), find_references(new));
    let (carried, rewritten) = pair(old, new, &o, &n);
    assert_eq!(carried, [(1, 1)], "第三条 is carried over");
    assert_eq!(rewritten, [(0, 0)], "前項 became 第二項");
    // A list is carried over only whole: 第三条 joined to a rewritten reference is rewritten too.
    let (old, new) = ("第2条及び第3条の規定", "第3条及び第4条の規定");
    let (o, n) = (find_references(old), find_references(new));
    assert_eq!(pair(old, new, &o, &n), (vec![], vec![(0, 0), (1, 1)]));
}

#[test]
fn a_reference_to_a_removed_provision_may_be_redirected_but_not_left() {
    // 国家公務員退職手当法施行令 (2013): 「前条第二項第一号」 became 「第三条各号」 when that 号 was removed.
    let old = "例規則\n第1条　甲\n一　乙\n二　丙\n第2条　丁\n２　戊\n一　己\n二　庚\n第3条　前条第2項第1号の者は、届け出る。\n";
    let act =
        "第3条中「前条第2項第1号」を「第1条各号」に改める。\n第2条第2項第1号を削り、同項第2号を同項第1号とする。\n";
    assert_eq!(run(old, act), Ok(vec![]));
    let e = run(old, "第2条第2項第1号を削り、同項第2号を同項第1号とする。\n").unwrap_err();
    assert!(e.contains("第3条: 「前条第2項第1号」 pointed at 第2条第2項第1号, now removed"), "{e}");
}

/// Nothing moves when 第一号の二 is inserted, yet 「前号」 in 第二号 now reads it: the article that gained
/// the 号 is still checked, while 「前号」 in an article that gained nothing is left alone (it reads as before).
#[test]
fn an_item_inserted_with_a_branch_number_is_checked_in_its_article_only() {
    let old = "例規程\n第一条　次に掲げる者は、届け出なければならない。\n  一　甲\n  二　前号に掲げる者の代理人\n\
               第二条　次に掲げる者は、報告しなければならない。\n  一　乙\n  二　前号に掲げる者の使用人\n";
    let act = "第一条第一号の次に次の一号を加える。\n  一の二　丙\n";
    let e = run(old, act).unwrap_err();
    assert!(
        e.contains("ハネ漏れ")
            && e.contains(
                "第一条第2号: 「前号」 pointed at 第1条第1項第1号, and unchanged it now points at 第1条第1項第1号の2"
            ),
        "{e}"
    );
    assert!(!e.contains("第二条"), "{e}");
}
