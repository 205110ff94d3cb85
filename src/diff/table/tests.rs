//! The layout rules of the 新旧対照表 on small hand-written regulations.

use super::*;
use crate::diff::{compare, CompareOptions};

const OLD: &str = "例規程\n第一章　総則\n第一条　甲とする。\n第二条　乙とする。\n第二章　手続\n第一節　申請\n\
第三条　丙とする。\n２　丁とする。\n第四条　戊とする。\n第二節　審査\n第五条　己とする。\n\
附則（令和元年規程第一号）\nこの規程は、令和元年四月一日から施行する。\n";

fn table(old: &str, new: &str, unchanged: Unchanged) -> Table {
    let (o, n) = (crate::parse::parse_str(old).unwrap(), crate::parse::parse_str(new).unwrap());
    build_table(&compare(&o, &n, &CompareOptions::default()), &RenderOptions { unchanged, ..RenderOptions::default() })
}

fn texts(lines: &[Line]) -> Vec<String> {
    lines.iter().map(Line::plain).collect()
}

/// Each row's first left line.
fn firsts(t: &Table) -> Vec<String> {
    t.rows.iter().map(|r| r.left().next().map(Line::plain).unwrap_or_default()).collect()
}

#[test]
fn unchanged_units_are_left_out_but_the_headings_placing_a_change_stay() {
    let new = OLD.replace("第四条　戊とする。", "第四条　戊とする。庚とする。");
    let t = table(OLD, &new, Unchanged::Omit);
    // 第四条 is in 第二章第一節: both headings place it; 第一章, 第二節, the other articles and 附則 are left out.
    assert_eq!(firsts(&t), ["第二章　手続", "第一節　申請", "第四条　戊とする。庚とする。"]);
    assert!(t.rows[..2].iter().all(|r| r.change.is_none()));
    // A second change under the same headings does not repeat them; one in the next 節 adds that 節 only.
    let new = new.replace("第三条　丙とする。", "第三条　丙とした。").replace("己とする", "己とした");
    let t = table(OLD, &new, Unchanged::Omit);
    let got = firsts(&t);
    assert_eq!(got[..2], ["第二章　手続", "第一節　申請"]);
    assert!(got[2].starts_with("第三条") && got[3].starts_with("第四条"), "{got:?}");
    assert_eq!(got[4..], ["第二節　審査", "第五条　己とした。"]);
}

#[test]
fn a_change_outside_any_chapter_brings_no_heading() {
    let new = OLD.replace("令和元年四月一日", "令和元年五月一日");
    let t = table(OLD, &new, Unchanged::Omit);
    assert_eq!(t.rows.len(), 1, "{:?}", firsts(&t));
    assert!(firsts(&t)[0].starts_with("附則（令和元年規程第一号）"));
}

#[test]
fn the_other_modes_keep_every_unit() {
    let new = OLD.replace("第四条　戊とする。", "第四条　戊とした。");
    let abbreviated = table(OLD, &new, Unchanged::Abbreviate);
    let full = table(OLD, &new, Unchanged::Full);
    assert_eq!(abbreviated.rows.len(), full.rows.len());
    // 2 chapters, 2 sections, 5 articles, 附則.
    assert_eq!(full.rows.len(), 10);
    let f = firsts(&abbreviated);
    assert!(f.contains(&"第一条　（略）".to_string()), "{f:?}");
    assert!(firsts(&full).contains(&"第一条　甲とする。".to_string()));
}

#[test]
fn an_abbreviated_suppl_provision_keeps_its_act() {
    let new = OLD.replace("甲とする", "甲とした");
    let t = table(OLD, &new, Unchanged::Abbreviate);
    let last = firsts(&t).pop().unwrap();
    assert_eq!(last, "附則（令和元年規程第一号）　（略）");
}

#[test]
fn the_columns_align_paragraph_by_paragraph_and_item_by_item() {
    let old = "例規程\n第一条　甲とする。\n２　乙とする。\n一　丙\n二　丁\n３　戊とする。\n";
    // The first 項 grows long, a 号 is added, the third 項 is unchanged.
    let new =
        "例規程\n第一条　甲とし、その他の事項についても同様に甲とする。\n２　乙とする。\n一　丙\n二　丁\n三　戊\n\
３　戊とする。\n";
    let t = table(old, new, Unchanged::Omit);
    assert_eq!(t.rows.len(), 1);
    let parts: Vec<(Vec<String>, Vec<String>)> =
        t.rows[0].parts.iter().map(|p| (texts(&p.left), texts(&p.right))).collect();
    let want = [
        (vec!["第一条　甲とし、その他の事項についても同様に甲とする。"], vec!["第一条　甲とする。"]),
        // The 項 whose 号 changed keeps its own words (its 柱書), unchanged 号 are abbreviated.
        (vec!["２　乙とする。"], vec!["２　乙とする。"]),
        (vec!["一　（略）"], vec!["一　（略）"]),
        (vec!["二　（略）"], vec!["二　（略）"]),
        (vec!["三　戊"], vec!["（新設）"]),
        (vec!["３　（略）"], vec!["３　（略）"]),
    ];
    let want: Vec<(Vec<String>, Vec<String>)> = want
        .iter()
        .map(|(l, r)| (l.iter().map(|s| s.to_string()).collect(), r.iter().map(|s| s.to_string()).collect()))
        .collect();
    assert_eq!(parts, want);
}

#[test]
fn an_article_added_whole_is_one_part() {
    let old = "例規程\n第一条　甲とする。\n";
    let new = "例規程\n第一条　甲とする。\n第二条　乙とする。\n２　丙とする。\n一　丁\n";
    let t = table(old, new, Unchanged::Omit);
    assert_eq!(t.rows.len(), 1);
    assert_eq!(t.rows[0].parts.len(), 1);
    assert_eq!(texts(&t.rows[0].parts[0].left), ["第二条　乙とする。", "２　丙とする。", "一　丁"]);
    assert_eq!(texts(&t.rows[0].parts[0].right), ["（新設）"]);
    assert!(t.rows[0].left().flat_map(|l| &l.segs).all(|s| s.mark || s.text == "　"));
}

#[test]
fn a_first_paragraph_added_before_the_old_one_keeps_the_columns_aligned() {
    let old = "例規程\n第一条　次の各号のいずれかに該当する者は、投票券を購入してはならない。\n";
    let new = "例規程\n第一条　政府職員は、投票券を譲り受けてはならない。\n\
２　次の各号のいずれかに該当する者は、投票券を購入してはならない。\n";
    let t = table(old, new, Unchanged::Omit);
    let parts: Vec<(Vec<String>, Vec<String>)> =
        t.rows[0].parts.iter().map(|p| (texts(&p.left), texts(&p.right))).collect();
    // The added first 項 shares the article's line on the new side; the old side has （新設） in its place.
    assert_eq!(parts[0].0, ["第一条　政府職員は、投票券を譲り受けてはならない。"]);
    assert_eq!(parts[0].1, ["第一条", "（新設）"]);
    assert_eq!(parts.len(), 2, "{parts:?}");
    // The old first 項, now the second, faces it (its words unchanged: abbreviated).
    assert_eq!(parts[1], (vec!["２　（略）".to_string()], vec!["（略）".to_string()]));
}

#[test]
fn texts_equal_after_normalising_are_shown_unmarked() {
    // Only the width of the digits differs in 第1条 (a version pasted from another source): no change, so
    // nothing in it is underlined even when unchanged provisions are shown in full; 第2条's real change is.
    let old = "規程\n第1条　令和7年4月1日から施行する。\n第2条　甲は乙とする。\n";
    let new = "規程\n第1条　令和７年４月１日から施行する。\n第2条　甲は丙とする。\n";
    let t = table(old, new, Unchanged::Full);
    let marked = |l: &Line| l.segs.iter().filter(|s| s.mark).map(|s| s.text.clone()).collect::<Vec<_>>();
    let first: Vec<&Line> = t.rows[0].left().chain(t.rows[0].right()).collect();
    assert!(first.iter().all(|l| marked(l).is_empty()), "{:?}", first.iter().map(|l| &l.segs).collect::<Vec<_>>());
    // Each side keeps its own characters.
    assert!(
        first.iter().any(|l| l.plain().contains("令和７年")) && first.iter().any(|l| l.plain().contains("令和7年"))
    );
    let second: Vec<String> = t.rows[1].left().chain(t.rows[1].right()).flat_map(marked).collect();
    assert!(second.contains(&"丙".to_string()) && second.contains(&"乙".to_string()), "{second:?}");
}

#[test]
fn a_width_change_beside_a_real_change_is_not_marked() {
    let old = "規程\n第1条　令和7年に甲は乙とする。\n";
    let new = "規程\n第1条　令和７年に甲は丙とする。\n";
    let t = table(old, new, Unchanged::Omit);
    let marked: Vec<String> = t.rows[0]
        .left()
        .chain(t.rows[0].right())
        .flat_map(|l| l.segs.iter().filter(|s| s.mark))
        .map(|s| s.text.clone())
        .collect();
    assert!(marked.iter().all(|m| !m.contains('7') && !m.contains('７')), "{marked:?}");
    assert!(marked.iter().any(|m| m.contains('丙')), "{marked:?}");
}
