//! The diff engine on real pairs from the corpus: renumbering, inserted branch articles, ハネ, long rewrites.

mod common;

use kitei::diff::{compare, ChangeKind, CompareOptions, Comparison, OpKind};
use kitei::model::Kind;

fn load(rel: &str) -> kitei::Document {
    let p = common::corpus(rel);
    kitei::load(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display())).document
}

fn run(old: &str, new: &str) -> Comparison {
    compare(&load(old), &load(new), &CompareOptions::default())
}

#[test]
fn shugyo_kisoku_removed_article_renumbers_every_later_one() {
    let c = run("internal-rules/01_就業規則_tag20191217.md", "internal-rules/01_就業規則_tag20200326.md");
    let old = load("internal-rules/01_就業規則_tag20191217.md");
    let old_articles = old.articles().len() as u32;
    // Exactly one article removed: the old 第21条 (業務の時間指定); none added.
    let arts: Vec<_> = c.changes.iter().filter(|x| x.node == Kind::Article).collect();
    let removed: Vec<_> = arts.iter().filter(|x| x.kind == ChangeKind::Removed).collect();
    assert_eq!(removed.len(), 1);
    assert_eq!(removed[0].old_id.as_deref(), Some("art_21"));
    assert!(arts.iter().all(|x| x.kind != ChangeKind::Added));
    // Every later article is renumbered one down (possibly with real edits as well), none is removed or moved.
    let map = c.id_map();
    for n in 22..=old_articles {
        let id = format!("art_{n}");
        assert_eq!(map[&id].as_deref(), Some(format!("art_{}", n - 1).as_str()), "{id}");
        let ch = arts.iter().find(|x| x.old_id.as_deref() == Some(id.as_str())).unwrap();
        assert!(matches!(ch.kind, ChangeKind::Renumbered | ChangeKind::RenumberedModified), "{id}: {:?}", ch.kind);
    }
    // The old 第22条 欠勤 (heavily rewritten) is the new 第21条, not removed+added.
    assert_eq!(map["art_22"].as_deref(), Some("art_21"));
    // An article renumbered without edits is a pure renumbering: no underline in its wording.
    let pure: Vec<_> = arts.iter().filter(|x| x.kind == ChangeKind::Renumbered).collect();
    assert!(!pure.is_empty());
    for p in &pure {
        let below: Vec<_> = c
            .changes
            .iter()
            .filter(|x| {
                x.new_id.as_deref().is_some_and(|id| id.starts_with(&format!("{}__", p.new_id.as_deref().unwrap())))
            })
            .collect();
        assert!(below.is_empty(), "{:?} has changes below it: {below:?}", p.new_id);
    }
    // In a renumbered+modified article only the real wording change is underlined: 労働者 → 社員.
    let renumbered_modified: Vec<&str> =
        arts.iter().filter(|x| x.kind == ChangeKind::RenumberedModified).filter_map(|x| x.new_id.as_deref()).collect();
    let mut seen = 0;
    for ch in c.changes.iter().filter(|x| x.node == Kind::Paragraph) {
        let Some(id) = ch.new_id.as_deref() else { continue };
        if !renumbered_modified.iter().any(|a| id.starts_with(&format!("{a}__"))) {
            continue;
        }
        let changed: Vec<(&str, &str)> =
            ch.ops.iter().filter(|o| o.op != OpKind::Equal).map(|o| (o.old.as_str(), o.new.as_str())).collect();
        if changed == [("労働者", "社員")] {
            seen += 1;
        }
    }
    assert!(seen >= 5, "only {seen} paragraphs with just 労働者→社員 underlined");
    // Counts in the summary agree with the change list.
    assert_eq!(c.summary.removed, 1);
    assert_eq!(c.summary.renumbered + c.summary.renumbered_modified, (22..=old_articles).count());
}

#[test]
fn shugyo_kisoku_stale_paragraph_references_are_reported() {
    let c = run("internal-rules/01_就業規則_tag20191217.md", "internal-rules/01_就業規則_tag20200326.md");
    // 第35条 lost a paragraph; its paragraph 6 still says 「第5項又は第6項」 (old paragraphs 5 and 6, now 4 and 5).
    let w: Vec<_> = c.warnings.iter().filter(|w| w.code == "stale-reference").collect();
    assert!(w.iter().any(|w| w.id.as_deref() == Some("art_34__para_6") && w.message.contains("「第5項」")), "{w:?}");
    assert!(w.iter().any(|w| w.message.contains("第34条第4項")), "{w:?}");
    // References the amendment did update (第62条第2項 → 第61条第2項 in 第7条) are not reported.
    assert!(w.iter().all(|w| !w.message.contains("第62条")), "{w:?}");
    assert!(w.iter().all(|w| w.line > 0));
}

#[test]
fn genshiryoku_kihonho_inserted_branch_article_is_added_and_nothing_removed() {
    let dir = "egov-revisions/330AC1000000186/";
    let c = run(
        &format!("{dir}330AC1000000186_20230607_505AC0000000044.txt"),
        &format!("{dir}330AC1000000186_20250606_505AC0000000044.txt"),
    );
    let added: Vec<_> = c.changes.iter().filter(|x| x.kind == ChangeKind::Added).collect();
    assert_eq!(added.len(), 1, "{:?}", c.changes);
    assert_eq!(added[0].new_id.as_deref(), Some("art_16-2"));
    assert_eq!(added[0].new_label.as_deref(), Some("第十六条の二"));
    assert!(c.changes.iter().all(|x| x.kind != ChangeKind::Removed), "{:?}", c.changes);
    // Everything after it keeps its ID.
    let map = c.id_map();
    for (old, new) in &map {
        assert_eq!(Some(old), new.as_ref());
    }
    assert_eq!(c.summary.added, 1);
    assert_eq!(c.summary.total(), 1);
}

#[test]
fn genshiryoku_kihonho_2015_to_2023_adds_branch_articles_before_later_ones() {
    let dir = "egov-revisions/330AC1000000186/";
    let c = run(
        &format!("{dir}330AC1000000186_20150801_000000000000000.txt"),
        &format!("{dir}330AC1000000186_20230607_505AC0000000044.txt"),
    );
    let added: Vec<_> = c
        .changes
        .iter()
        .filter(|x| x.kind == ChangeKind::Added && x.node == Kind::Article)
        .map(|x| x.new_id.clone().unwrap())
        .collect();
    assert!(added.contains(&"art_2-2".to_string()), "{added:?}");
    // No article of the main provision is removed (the 附則 of older amending acts are abridged to 抄 in 2023).
    assert!(c
        .changes
        .iter()
        .all(|x| !(x.kind == ChangeKind::Removed && x.old_id.as_deref().is_some_and(|id| id.starts_with("art_")))));
    // 第一条's wording change reads as phrases.
    let p = c.changes.iter().find(|x| x.new_id.as_deref() == Some("art_1__para_1")).unwrap();
    assert!(
        p.ops.iter().any(|o| o.is_change() && o.new.contains("地球温暖化の防止") && o.new.chars().count() < 15),
        "{:?}",
        p.ops
    );
}

#[test]
fn a_fully_rewritten_20000_character_provision_diffs_without_blow_up() {
    let old_text: String = (0..1000).map(|i| format!("第{i}号に掲げる事項を定める。")).collect::<String>();
    let new_text: String = (0..1000).map(|i| format!("別表{i}により処理する。")).collect::<String>();
    assert!(old_text.chars().count() >= 12_000 && new_text.chars().count() >= 10_000);
    let old_text = old_text.repeat(2);
    let new_text = new_text.repeat(2);
    assert!(old_text.chars().count() >= 20_000);
    let doc = |t: &str| {
        kitei::parse::parse_str(&format!("長文規程\n\n第1条　{t}\n第2条　この規程は、公布の日から施行する。\n"))
            .unwrap()
    };
    let c = compare(&doc(&old_text), &doc(&new_text), &CompareOptions::default());
    let p = c.changes.iter().find(|x| x.new_id.as_deref() == Some("art_1__para_1")).unwrap();
    let o: String = p.ops.iter().map(|x| x.old.as_str()).collect();
    let n: String = p.ops.iter().map(|x| x.new.as_str()).collect();
    assert_eq!(o, old_text);
    assert_eq!(n, new_text);
    assert_eq!(c.summary.modified, 1);
}

/// The 新旧対照表's omission on every pair of `egov-2013/pairs` and consecutive `egov-revisions` versions: the
/// default table has exactly the changed units of the every-article one, its unchanged rows are 編/章/節
/// headings only, each of them followed by a change under it, and no part (項, 号) of a changed unit has lines
/// on one side only (a provision missing on a side reads （新設） or （削る） there).
#[test]
fn the_official_table_leaves_out_only_unchanged_units_across_the_corpus() {
    use kitei::diff::{table::build_table, RenderOptions, Unchanged};
    let pairs = corpus_pairs();
    assert!(pairs.len() > 36, "{} pairs", pairs.len());
    let (mut rows, mut headings) = (0, 0);
    for (o, n) in &pairs {
        let cmp = compare(&kitei::load(o).unwrap().document, &kitei::load(n).unwrap().document, &Default::default());
        let at = |u| build_table(&cmp, &RenderOptions { unchanged: u, ..RenderOptions::default() });
        let (omit, every) = (at(Unchanged::Omit), at(Unchanged::Abbreviate));
        let changed = |t: &kitei::diff::table::Table| -> Vec<String> {
            t.rows.iter().filter(|r| r.change.is_some()).map(|r| r.id.clone()).collect()
        };
        assert_eq!(changed(&omit), changed(&every), "{}", n.display());
        let groups: std::collections::BTreeSet<&str> =
            cmp.tree.iter().filter(|a| a.kind.is_group()).map(|a| a.id()).collect();
        for (i, r) in omit.rows.iter().enumerate().filter(|(_, r)| r.change.is_none()) {
            assert!(groups.contains(r.id.as_str()), "{}: unchanged {} shown", n.display(), r.label);
            assert!(
                omit.rows[i + 1..].iter().any(|r| r.change.is_some()),
                "{}: {} places nothing",
                n.display(),
                r.label
            );
            headings += 1;
        }
        for r in omit.rows.iter().filter(|r| r.change.is_some()) {
            for p in &r.parts {
                let plain = |l: &[kitei::diff::table::Line]| l.iter().map(|l| l.plain()).collect::<Vec<_>>();
                let one_sided = p.left.is_empty() != p.right.is_empty();
                assert!(!one_sided, "{}: {} {:?} | {:?}", n.display(), r.label, plain(&p.left), plain(&p.right));
            }
        }
        rows += omit.rows.len();
        assert!(omit.rows.len() <= every.rows.len());
    }
    assert!(headings > 0 && rows > headings, "{rows} rows, {headings} headings");
}

/// The corpus pairs the table test reads: the egov-2013 pairs and consecutive egov-revisions versions.
fn corpus_pairs() -> Vec<(std::path::PathBuf, std::path::PathBuf)> {
    let mut pairs = Vec::new();
    for d in std::fs::read_dir(common::corpus("egov-2013/pairs")).unwrap() {
        let d = d.unwrap().path();
        if d.is_dir() {
            pairs.push((d.join("2013-11-02.txt"), d.join("2013-11-26.txt")));
        }
    }
    for d in std::fs::read_dir(common::corpus("egov-revisions")).unwrap() {
        let v = common::files(&d.unwrap().path(), &["txt"]);
        pairs.extend(v.windows(2).map(|w| (w[0].clone(), w[1].clone())));
    }
    pairs
}

/// Every aligned provision's inline operations give back its exact old and new text (what the diff fuzz
/// target checks), on every corpus pair in both directions.
#[test]
fn every_aligned_provision_gives_back_both_texts_across_the_corpus() {
    let pairs = corpus_pairs();
    assert!(pairs.len() > 36, "{} pairs", pairs.len());
    let mut checked = 0;
    for (o, n) in &pairs {
        let (old, new) = (kitei::load(o).unwrap().document, kitei::load(n).unwrap().document);
        for (a, b) in [(&old, &new), (&new, &old)] {
            let cmp = compare(a, b, &Default::default());
            let mut stack: Vec<&kitei::diff::Aligned> = cmp.tree.iter().collect();
            while let Some(x) = stack.pop() {
                if !x.ops.is_empty() {
                    let got_old: String = x.ops.iter().map(|op| op.old.as_str()).collect();
                    let got_new: String = x.ops.iter().map(|op| op.new.as_str()).collect();
                    assert_eq!(got_old, x.old.as_ref().map_or("", |s| s.text.as_str()), "{}: {}", n.display(), x.id());
                    assert_eq!(got_new, x.new.as_ref().map_or("", |s| s.text.as_str()), "{}: {}", n.display(), x.id());
                    checked += 1;
                }
                stack.extend(x.children.iter());
            }
        }
    }
    assert!(checked > 1000, "only {checked} provisions checked");
    eprintln!("{checked} aligned provisions checked over {} pairs", pairs.len());
}
