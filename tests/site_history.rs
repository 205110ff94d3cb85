//! The site's history (issue 18): `kitei build` writes a history page per regulation with the timeline of
//! its amendments and each provision's chain, links each provision of a version page to it, explains old
//! numbers on newer pages (`<date>.moved.js`), and shows the impact list on the comparison page.

use kitei::render::{build_site_as_of, BuildOptions, SiteOptions};
use std::path::PathBuf;

const V1: &str = "テスト規程\n第1条　この規程は、総則を定める。\n第2条　職員は、業務を行う。\n第3条　職員は、記録を保存しなければならない。\n第4条　第3条の記録は、五年間保存する。\n";
/// 第2条 removed: 第3条 becomes 第2条, 第4条 becomes 第3条 and still cites 「第3条」 (a stale reference).
const V2: &str = "テスト規程\n第1条　この規程は、総則を定める。\n第2条　職員は、記録を保存しなければならない。\n第3条　第3条の記録は、五年間保存する。\n";

/// The two versions built into a temp dir: every file by its path under the regulation's directory.
fn build(name: &str) -> (PathBuf, std::collections::BTreeMap<String, String>) {
    let dir = std::env::temp_dir().join(format!("kitei-site-history-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let reg = dir.join("regs/test-kitei");
    std::fs::create_dir_all(&reg).unwrap();
    std::fs::write(reg.join("2020-01-01.md"), V1).unwrap();
    std::fs::write(reg.join("2021-04-01.md"), V2).unwrap();
    let out = dir.join("site");
    let options =
        BuildOptions { out: out.clone(), templates: None, strict: false, fail_fast: false, ..Default::default() };
    let site = SiteOptions { as_of: Some("2026-01-01".into()) };
    build_site_as_of(&dir.join("regs"), &options, &site, &mut |_, _, _| {}).unwrap();
    let mut files = std::collections::BTreeMap::new();
    for e in std::fs::read_dir(out.join("test-kitei")).unwrap() {
        let p = e.unwrap().path();
        if let Ok(s) = std::fs::read_to_string(&p) {
            files.insert(p.file_name().unwrap().to_string_lossy().into_owned(), s);
        }
    }
    (dir, files)
}

fn ids(html: &str) -> Vec<&str> {
    html.match_indices(" id=\"").map(|(i, _)| &html[i + 5..i + 5 + html[i + 5..].find('"').unwrap()]).collect()
}

#[test]
fn the_history_page_lists_each_provision_s_chain_and_version_pages_link_to_it() {
    let (dir, files) = build("chains");
    let page = &files["history.html"];
    // 第3条 of 2020 is 第2条 of 2021: one chain, its two entries on the page.
    let anchors = ids(page);
    for a in ["v0-art_3", "v1-art_2", "v0-art_2", "v0-art_1", "v1-art_1"] {
        assert!(anchors.contains(&a), "{a} missing: {anchors:?}");
    }
    let chain = &page[page.find("id=\"v0-art_3\"").unwrap()..];
    let chain = &chain[..chain.find("</section>").unwrap()];
    assert!(chain.contains("第2条") && chain.contains("番号変更"), "{chain}");
    assert!(page.contains("2021-04-01: 削る"), "the removed 第2条's chain ends: {page}");
    // Every provision of each version page links to its entry, and every such entry exists.
    for (date, v) in [("2020-01-01", 0), ("2021-04-01", 1)] {
        // The current version is published as index.html (its dated page leads there).
        let dated = &files[&format!("{date}.html")];
        let html = if dated.contains("class=\"provision ") { dated } else { &files["index.html"] };
        let links: Vec<&str> = html
            .match_indices("href=\"history.html#")
            .map(|(i, _)| &html[i + 19..][..html[i + 19..].find('"').unwrap()])
            .collect();
        let provisions = html.matches("<div class=\"provision k-article ").count();
        assert!(provisions >= 3 && links.len() == provisions, "{date}: {} links, {provisions} provisions", links.len());
        for l in links {
            assert!(l.starts_with(&format!("v{v}-")) && anchors.contains(&l), "{date}: #{l} not on the history page");
        }
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn an_old_number_on_a_newer_page_says_where_the_provision_went() {
    let (dir, files) = build("moved");
    assert!(!files.contains_key("2020-01-01.moved.js"), "the first version has no old numbers");
    let js = &files["2021-04-01.moved.js"];
    let data = js.strip_prefix("var KITEI_MOVED = ").unwrap();
    let data = &data[..data.find(";\n").unwrap()];
    let map: serde_json::Value = serde_json::from_str(data).unwrap();
    assert_eq!(map["art_3"][0], serde_json::json!(["2020-01-01", "art_2", "第3条", "第2条"]));
    assert_eq!(map["art_4"][0], serde_json::json!(["2020-01-01", "art_3", "第4条", "第3条"]));
    assert_eq!(map["art_2"][0][1], serde_json::Value::Null, "2020's 第2条 was removed");
    assert!(map.get("art_1").is_none(), "第1条 kept its number");
    // 2021-04-01 is the current version: published as index.html, which loads its map.
    assert!(files["index.html"].contains("<script src=\"2021-04-01.moved.js\"></script>"));
    assert!(js.contains("hashchange"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_timeline_counts_the_provisions_changed_and_links_to_the_table_and_the_amending_text() {
    let (dir, files) = build("timeline");
    let page = &files["history.html"];
    let table = &page[page.find("<table class=\"amendments\">").unwrap()..];
    let table = &table[..table.find("</table>").unwrap()];
    assert_eq!(table.matches("<tr>").count(), 2, "a heading row and one amendment: {table}");
    let compare = "compare-2020-01-01_2021-04-01.html";
    assert!(files.contains_key(compare));
    assert!(
        table.contains(&format!("href=\"{compare}\""))
            && table.contains(&format!("href=\"{compare}#amendment-title\""))
    );
    assert!(files[compare].contains("id=\"amendment-title\""));
    // Changed: 第2条 removed, 第3条 and 第4条 renumbered (第4条 keeps its words): three provisions.
    assert!(table.contains("<td>3</td>"), "{table}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_comparison_page_shows_the_impact_list_under_the_table() {
    let (dir, files) = build("impact");
    let page = &files["compare-2020-01-01_2021-04-01.html"];
    let table = page.find("<table class=\"shinkyu\">").unwrap();
    let impact = page.find("id=\"impact-title\"").expect("the impact list");
    assert!(table < impact);
    let list = &page[impact..];
    // NEW's 第3条 still cites 「第3条」, meant for the provision now numbered 第2条.
    // 2021-04-01 is the current version: read on index.html.
    assert!(list.contains("<a href=\"index.html#art_3\">第3条</a>"), "{list}");
    assert!(list.contains("「第3条」を「第2条」に改める"), "{list}");
    std::fs::remove_dir_all(&dir).unwrap();
}
