//! The diff engine on the seed regulation's versions (2014, 2016, 2027): the 2027 amendment inserts 第20条
//! after 第19条 and renumbers the rest, removes 第10条第3項, changes items, renames 第5章 and adds a 附則.

mod common;

use kitei::diff::{compare, ChangeKind, CompareOptions, Comparison};

fn seed(version: &str) -> String {
    let p = common::root().join(format!("regulations/jlis-ninsho-jimu-kanri-kitei/{version}.md"));
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn parse(text: &str) -> kitei::Document {
    kitei::parse::parse_str(text).unwrap()
}

fn run(old: &str, new: &str) -> Comparison {
    compare(&parse(old), &parse(new), &CompareOptions::default())
}

fn change<'a>(c: &'a Comparison, old_id: Option<&str>, new_id: Option<&str>) -> &'a kitei::diff::Change {
    c.changes
        .iter()
        .find(|x| x.old_id.as_deref() == old_id && x.new_id.as_deref() == new_id)
        .unwrap_or_else(|| panic!("no change {old_id:?} → {new_id:?} in {:#?}", c.summary.affected))
}

#[test]
fn amendment_2027_is_recognised_structurally() {
    let c = run(&seed("2016-01-01"), &seed("2027-04-01"));
    // The inserted article after 第19条.
    let added = change(&c, None, Some("art_20"));
    assert_eq!(added.kind, ChangeKind::Added);
    assert_eq!(added.new_heading.as_deref(), Some("情報セキュリティインシデントへの対応"));
    // Every later article moves down by one, none is removed.
    let map = c.id_map();
    for n in 20..=26 {
        assert_eq!(map[&format!("art_{n}")].as_deref(), Some(format!("art_{}", n + 1).as_str()));
        let k = change(&c, Some(&format!("art_{n}")), Some(&format!("art_{}", n + 1))).kind;
        assert!(matches!(k, ChangeKind::Renumbered | ChangeKind::RenumberedModified), "art_{n}: {k:?}");
    }
    assert!(c.changes.iter().all(|x| !(x.kind == ChangeKind::Removed && x.top_level)));
    // 第10条第3項 removed, 第4項 becomes 第3項.
    assert_eq!(change(&c, Some("art_10__para_3"), None).kind, ChangeKind::Removed);
    assert_eq!(change(&c, Some("art_10__para_4"), Some("art_10__para_3")).kind, ChangeKind::Renumbered);
    // Items: 第11条 gains item (6); 第25条 (now 第26条) loses item (5).
    assert_eq!(change(&c, None, Some("art_11__para_1__item_6")).kind, ChangeKind::Added);
    assert_eq!(change(&c, Some("art_25__para_2__item_5"), None).kind, ChangeKind::Removed);
    assert_eq!(change(&c, Some("art_25"), Some("art_26")).kind, ChangeKind::RenumberedModified);
    // 第5章 renamed.
    let chp = change(&c, Some("chp_5"), Some("chp_5"));
    assert_eq!(chp.kind, ChangeKind::Modified);
    assert!(chp.heading_ops.iter().any(|o| o.old == "その他" && o.new == "補則"), "{:?}", chp.heading_ops);
    // A new 附則.
    assert_eq!(change(&c, None, Some("suppl_4")).kind, ChangeKind::Added);
    assert_eq!(c.summary.added, 2);
    assert!(c.warnings.is_empty(), "{:?}", c.warnings);
}

#[test]
fn amendment_2016_edits_wording_and_items_in_place() {
    let c = run(&seed("2014-04-01"), &seed("2016-01-01"));
    let p = change(&c, Some("art_1__para_1"), Some("art_1__para_1"));
    let changed: Vec<(&str, &str)> =
        p.ops.iter().filter(|o| o.is_change()).map(|o| (o.old.as_str(), o.new.as_str())).collect();
    assert!(changed.contains(&("", "等")), "{changed:?}");
    assert!(changed.contains(&("42", "39")), "{changed:?}");
    assert!(c.changes.iter().all(|x| !(x.top_level && x.kind == ChangeKind::Removed)));
}

#[test]
fn a_reference_left_behind_by_the_2027_renumbering_is_a_warning() {
    // Give 第9条 a reference to 第21条 (監査) in both versions; in 2027 監査 is 第22条.
    let from = "統括管理責任者を置く。";
    let to = "統括管理責任者を置く。統括管理責任者は、第21条の監査の結果を理事長に報告する。";
    let old = seed("2016-01-01").replacen(from, to, 1);
    let new = seed("2027-04-01").replacen(from, to, 1);
    let c = run(&old, &new);
    let w: Vec<_> = c.warnings.iter().filter(|w| w.code == "stale-reference").collect();
    assert_eq!(w.len(), 1, "{w:?}");
    assert_eq!(w[0].id.as_deref(), Some("art_9__para_1"));
    assert!(w[0].message.contains("第22条"), "{}", w[0].message);
    // Amended properly, there is nothing to report.
    let fixed = seed("2027-04-01").replacen(from, &to.replace("第21条", "第22条"), 1);
    assert!(run(&old, &fixed).warnings.is_empty());
    // The public function gives the same result as the comparison.
    let (o, n) = (parse(&old), parse(&new));
    let cmp = compare(&o, &n, &CompareOptions::default());
    assert_eq!(kitei::diff::stale_references(&o, &n, &cmp), cmp.warnings);
}

#[test]
fn a_relative_reference_whose_neighbour_changed_is_a_warning() {
    // The old 第20条 (災害時等の対応) becomes 第21条 after the inserted 第20条: its 「前条」 meant 第19条 and now
    // means the new 第20条.
    let from = "公的個人認証サービスシステムの運用に支障をきたすおそれがある災害等";
    let to = format!("前条に定めるもののほか、{from}");
    let old = seed("2016-01-01").replacen(from, &to, 1);
    let new = seed("2027-04-01").replacen(from, &to, 1);
    let c = run(&old, &new);
    let w: Vec<_> = c.warnings.iter().filter(|w| w.message.contains("「前条」")).collect();
    assert_eq!(w.len(), 1, "{:?}", c.warnings);
    assert_eq!(w[0].id.as_deref(), Some("art_21__para_1"));
    assert!(w[0].message.contains("第19条") && w[0].message.contains("第20条"), "{}", w[0].message);
    // The inserted 第20条's own 「前条」 is new wording, written for the new numbering: not reported.
    assert!(c.warnings.iter().all(|w| w.id.as_deref() != Some("art_20__para_1")));
}
