//! Snapshots of every output format of `kitei diff` on small real pairs (reviewed by eye).

mod common;

use kitei::diff::{
    compare, render_html, render_markdown, render_text, to_json, CompareOptions, RenderOptions, Unchanged,
};

fn pair(old: &std::path::Path, new: &std::path::Path) -> kitei::diff::Comparison {
    let o = kitei::load(old).unwrap().document;
    let n = kitei::load(new).unwrap().document;
    compare(&o, &n, &CompareOptions::default())
}

fn genshiryoku() -> kitei::diff::Comparison {
    let dir = common::corpus("egov-revisions/330AC1000000186");
    pair(
        &dir.join("330AC1000000186_20230607_505AC0000000044.txt"),
        &dir.join("330AC1000000186_20250606_505AC0000000044.txt"),
    )
}

fn opts() -> RenderOptions {
    RenderOptions::default()
}

#[test]
fn genshiryoku_markdown() {
    let md = render_markdown(&genshiryoku(), &opts());
    assert!(md.contains("<u>第十六条の二</u>"));
    insta::assert_snapshot!(md);
}

#[test]
fn genshiryoku_text() {
    let txt = render_text(&genshiryoku(), &opts());
    assert!(!txt.contains('\x1b'));
    insta::assert_snapshot!(txt);
}

#[test]
fn genshiryoku_text_in_colour() {
    let txt = render_text(&genshiryoku(), &RenderOptions { color: true, ..opts() });
    assert!(txt.contains("\x1b[4;32m"));
    insta::assert_snapshot!(txt);
}

#[test]
fn genshiryoku_html() {
    let html = render_html(&genshiryoku(), &opts(), None).unwrap();
    assert!(html.contains("@page { size: A4 landscape"));
    assert!(html.contains("<u>第十六条の二</u>"));
    insta::assert_snapshot!(html);
}

#[test]
fn genshiryoku_json() {
    let json = to_json(&genshiryoku());
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["changes"][0]["kind"], "added");
    assert!(v["changes"][0]["old_id"].is_null());
    insta::assert_snapshot!(json);
}

fn seed() -> kitei::diff::Comparison {
    let dir = common::root().join("regulations/jlis-ninsho-jimu-kanri-kitei");
    pair(&dir.join("2016-01-01.md"), &dir.join("2027-04-01.md"))
}

#[test]
fn seed_2016_2027_markdown_with_every_article() {
    let md = render_markdown(&seed(), &RenderOptions { unchanged: Unchanged::Abbreviate, ..opts() });
    // Unchanged articles reduced to label, caption and （略）; the renumbered ones with their number underlined.
    assert!(md.contains("（目的）<br>第1条　（略）"));
    assert!(md.contains("<u>第21条</u>　（略）"));
    insta::assert_snapshot!(md);
}

#[test]
fn seed_2016_2027_text() {
    insta::assert_snapshot!(render_text(&seed(), &opts()));
}

#[test]
fn seed_2016_2027_html_old_left_draft() {
    let o = RenderOptions { old_left: true, headings: kitei::diff::ColumnHeadings::Draft, ..opts() };
    let html = render_html(&seed(), &o, None).unwrap();
    assert!(html.contains("<th>現行</th><th>改正案</th>"));
    insta::assert_snapshot!(html);
}

#[test]
fn seed_2016_2027_json() {
    insta::assert_snapshot!(to_json(&seed()));
}
