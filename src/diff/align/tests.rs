//! Alignment tests on hand-built documents.

use super::similarity::SAMPLE_ABOVE;
use super::{dice, Unit};
use crate::diff::{compare, ChangeKind, CompareOptions, Comparison};
use crate::model::{ids::assign_ids, Document, Kind, Node, Num};

fn para(n: u32, text: &str, items: Vec<Node>) -> Node {
    let mut p = Node::new(Kind::Paragraph);
    p.num = Some(Num::simple(n));
    p.label = if n == 1 { String::new() } else { n.to_string() };
    p.set_text(text);
    p.children = items;
    p
}

fn item(n: u32, text: &str) -> Node {
    let mut i = Node::new(Kind::Item);
    i.num = Some(Num::simple(n));
    i.label = format!("({n})");
    i.set_text(text);
    i
}

fn art(num: &str, heading: &str, paras: Vec<Node>) -> Node {
    let mut a = Node::new(Kind::Article);
    let n = Num::parse_arabic(num).unwrap();
    a.label = format!("第{}条", n.to_arabic_ja());
    a.num = Some(n);
    if !heading.is_empty() {
        a.heading = Some(heading.into());
    }
    a.children = paras;
    a
}

fn simple(num: &str, text: &str) -> Node {
    art(num, "", vec![para(1, text, vec![])])
}

fn deleted(num: &str) -> Node {
    let mut a = simple(num, "削除");
    a.deleted = true;
    a
}

fn doc(children: Vec<Node>) -> Document {
    let mut d = Document::new("テスト規程");
    d.children = children;
    assign_ids(&mut d);
    d
}

fn texts() -> Vec<&'static str> {
    vec![
        "この規程は、認証事務の適正な実施を目的とする。",
        "この規程において用語の意義は、次に定めるところによる。",
        "機構は、情報資産の機密性を確保しなければならない。",
        "理事長は、認証事務の責任者を置くものとする。",
        "責任者は、年に一回以上、監査を実施しなければならない。",
        "監査の結果は、理事会に報告するものとする。",
        "この規程に定めるもののほか、必要な事項は別に定める。",
    ]
}

fn run(old: &Document, new: &Document) -> Comparison {
    compare(old, new, &CompareOptions::default())
}

fn kinds(c: &Comparison) -> Vec<(ChangeKind, Option<String>, Option<String>)> {
    c.changes.iter().filter(|c| c.top_level).map(|c| (c.kind, c.old_id.clone(), c.new_id.clone())).collect()
}

fn s(x: &str) -> Option<String> {
    Some(x.to_string())
}

#[test]
fn identical_documents_have_no_changes() {
    let t = texts();
    let a = doc(t.iter().enumerate().map(|(i, x)| simple(&(i + 1).to_string(), x)).collect());
    let c = run(&a, &a.clone());
    assert!(c.changes.is_empty());
    assert!(c.is_empty());
    assert_eq!(c.id_map()["art_3__para_1"], s("art_3__para_1"));
}

#[test]
fn removed_article_renumbers_the_rest() {
    let t = texts();
    let old = doc(t.iter().enumerate().map(|(i, x)| simple(&(i + 1).to_string(), x)).collect());
    // 第3条 removed; 第4条… become 第3条…
    let new = doc(t
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != 2)
        .enumerate()
        .map(|(k, (_, x))| simple(&(k + 1).to_string(), x))
        .collect());
    let c = run(&old, &new);
    assert_eq!(
        kinds(&c),
        vec![
            (ChangeKind::Removed, s("art_3"), None),
            (ChangeKind::Renumbered, s("art_4"), s("art_3")),
            (ChangeKind::Renumbered, s("art_5"), s("art_4")),
            (ChangeKind::Renumbered, s("art_6"), s("art_5")),
            (ChangeKind::Renumbered, s("art_7"), s("art_6")),
        ]
    );
    let map = c.id_map();
    assert_eq!(map["art_3"], None);
    assert_eq!(map["art_3__para_1"], None);
    assert_eq!(map["art_7__para_1"], s("art_6__para_1"));
    assert_eq!(c.summary.removed, 1);
    assert_eq!(c.summary.renumbered, 4);
}

#[test]
fn renumbered_and_edited_is_one_change_with_only_the_edit_underlined() {
    let t = texts();
    let old = doc(vec![simple("1", t[0]), simple("2", t[1]), simple("3", t[4])]);
    let new = doc(vec![
        simple("1", t[0]),
        simple("2", t[2]),
        simple("3", t[1]),
        simple("4", "責任者は、年に二回以上、監査を実施しなければならない。"),
    ]);
    let c = run(&old, &new);
    let top = kinds(&c);
    assert_eq!(top[0], (ChangeKind::Added, None, s("art_2")));
    assert_eq!(top[1], (ChangeKind::Renumbered, s("art_2"), s("art_3")));
    assert_eq!(top[2], (ChangeKind::RenumberedModified, s("art_3"), s("art_4")));
    let para = c.changes.iter().find(|x| x.new_id.as_deref() == Some("art_4__para_1")).unwrap();
    assert_eq!(para.kind, ChangeKind::Modified);
    let changed: Vec<(&str, &str)> =
        para.ops.iter().filter(|o| o.is_change()).map(|o| (o.old.as_str(), o.new.as_str())).collect();
    assert_eq!(changed, vec![("一回", "二回")]);
}

#[test]
fn branch_article_is_added_and_nothing_after_it_removed() {
    let t = texts();
    let old = doc(vec![simple("1", t[0]), simple("2", t[1]), simple("3", t[2])]);
    let new = doc(vec![simple("1", t[0]), simple("2", t[1]), simple("2-2", t[3]), simple("3", t[2])]);
    let c = run(&old, &new);
    assert_eq!(kinds(&c), vec![(ChangeKind::Added, None, s("art_2-2"))]);
}

#[test]
fn deleted_placeholder_replaced_by_a_new_article_is_modified() {
    let t = texts();
    let old = doc(vec![simple("1", t[0]), deleted("2"), simple("3", t[2])]);
    let new = doc(vec![simple("1", t[0]), simple("2", t[5]), simple("3", t[2])]);
    let c = run(&old, &new);
    assert_eq!(kinds(&c), vec![(ChangeKind::Modified, s("art_2"), s("art_2"))]);
    // And the other way: an article replaced by a placeholder keeps its ID.
    let c = run(&new, &old);
    assert_eq!(kinds(&c), vec![(ChangeKind::Modified, s("art_2"), s("art_2"))]);
}

#[test]
fn paragraph_inserted_in_the_middle_renumbers_later_ones() {
    let t = texts();
    let old = doc(vec![art("1", "目的", vec![para(1, t[0], vec![]), para(2, t[3], vec![]), para(3, t[4], vec![])])]);
    let new = doc(vec![art(
        "1",
        "目的",
        vec![para(1, t[0], vec![]), para(2, t[6], vec![]), para(3, t[3], vec![]), para(4, t[4], vec![])],
    )]);
    let c = run(&old, &new);
    let all: Vec<_> = c.changes.iter().map(|c| (c.kind, c.old_id.clone(), c.new_id.clone())).collect();
    assert_eq!(
        all,
        vec![
            (ChangeKind::Modified, s("art_1"), s("art_1")),
            (ChangeKind::Added, None, s("art_1__para_2")),
            (ChangeKind::Renumbered, s("art_1__para_2"), s("art_1__para_3")),
            (ChangeKind::Renumbered, s("art_1__para_3"), s("art_1__para_4")),
        ]
    );
    assert!(!c.changes[0].own_changed);
}

#[test]
fn items_removed_and_changed() {
    let t = texts();
    let old = doc(vec![art(
        "1",
        "",
        vec![para(1, "次に掲げる者をいう。", vec![item(1, "総会"), item(2, "理事"), item(3, "監事")])],
    )]);
    let new =
        doc(vec![art("1", "", vec![para(1, "次に掲げる者をいう。", vec![item(1, "評議員会"), item(2, "監事")])])]);
    let _ = t;
    let c = run(&old, &new);
    let all: Vec<_> = c.changes.iter().map(|c| (c.kind, c.old_id.clone(), c.new_id.clone())).collect();
    // 監事 is an exact anchor; 総会→評議員会 pairs by number; 理事 is removed.
    assert!(all.contains(&(ChangeKind::Renumbered, s("art_1__para_1__item_3"), s("art_1__para_1__item_2"))));
    assert!(all.contains(&(ChangeKind::Removed, s("art_1__para_1__item_2"), None)));
    assert!(all.contains(&(ChangeKind::Modified, s("art_1__para_1__item_1"), s("art_1__para_1__item_1"))));
}

#[test]
fn swapped_articles_are_a_move() {
    let t = texts();
    let old = doc(vec![simple("1", t[0]), simple("2", t[1]), simple("3", t[2]), simple("4", t[3])]);
    let new = doc(vec![simple("1", t[0]), simple("2", t[3]), simple("3", t[1]), simple("4", t[2])]);
    let c = run(&old, &new);
    let top = kinds(&c);
    assert_eq!(top[0], (ChangeKind::Moved, s("art_4"), s("art_2")));
    assert_eq!(top[1], (ChangeKind::Renumbered, s("art_2"), s("art_3")));
    assert_eq!(top[2], (ChangeKind::Renumbered, s("art_3"), s("art_4")));
}

#[test]
fn chapters_are_aligned_as_headings() {
    let t = texts();
    let chp = |n: u32, h: &str, arts: Vec<Node>| {
        let mut c = Node::new(Kind::Chapter);
        c.num = Some(Num::simple(n));
        c.label = format!("第{n}章");
        c.heading = Some(h.into());
        c.children = arts;
        c
    };
    let old =
        doc(vec![chp(1, "総則", vec![simple("1", t[0]), simple("2", t[1])]), chp(2, "雑則", vec![simple("3", t[6])])]);
    let new = doc(vec![
        chp(1, "総則", vec![simple("1", t[0]), simple("2", t[1])]),
        chp(2, "その他", vec![simple("3", t[6])]),
    ]);
    let c = run(&old, &new);
    assert_eq!(kinds(&c), vec![(ChangeKind::Modified, s("chp_2"), s("chp_2"))]);
    assert_eq!(c.changes[0].heading_ops[0].old, "雑則");
    assert_eq!(c.changes[0].heading_ops[0].new, "その他");
}

#[test]
fn lis_finds_a_longest_run() {
    let v = vec![3, 1, 2, 8, 4, 5, 0];
    let k = super::lis(&v);
    let vals: Vec<usize> = k.iter().map(|&i| v[i]).collect();
    assert_eq!(vals, vec![1, 2, 4, 5]);
}

#[test]
fn a_thousand_articles_with_one_insertion() {
    let make = |n: usize, insert: bool| {
        let mut v = Vec::new();
        let mut k = 0;
        for i in 0..n {
            if insert && i == 500 {
                k += 1;
                v.push(simple(&k.to_string(), "新たに設けられた条文である。"));
            }
            k += 1;
            v.push(simple(&k.to_string(), &format!("第{i}の事項について、必要な措置を講ずる。")));
        }
        doc(v)
    };
    let c = run(&make(1000, false), &make(1000, true));
    assert_eq!(c.summary.added, 1);
    assert_eq!(c.summary.renumbered, 500);
    assert_eq!(c.summary.removed, 0);
}

fn ids_in_order(doc: &Document) -> Vec<String> {
    let mut v = Vec::new();
    crate::model::walk::walk(doc, &mut |n| v.push(n.id.clone()));
    v
}

fn tree_ids(c: &Comparison, new_side: bool) -> Vec<String> {
    fn go(a: &crate::diff::Aligned, new_side: bool, out: &mut Vec<String>) {
        let s = if new_side { a.new.as_ref() } else { a.old.as_ref() };
        if let Some(s) = s {
            out.push(s.id.clone());
        }
        for c in &a.children {
            go(c, new_side, out);
        }
    }
    let mut v = Vec::new();
    for a in &c.tree {
        go(a, new_side, &mut v);
    }
    v
}

proptest::proptest! {
    /// Whatever the edit, every node of NEW appears once, in document order, and every node of OLD once.
    #[test]
    fn every_node_is_aligned_once_in_new_order(
        old_picks in proptest::collection::vec(0usize..7, 0..12),
        new_picks in proptest::collection::vec(0usize..7, 0..12),
        paras in proptest::collection::vec(1usize..4, 12),
    ) {
        let t = texts();
        let build = |picks: &[usize]| {
            doc(picks
                .iter()
                .enumerate()
                .map(|(k, &i)| {
                    let ps = (0..paras[k]).map(|p| para(p as u32 + 1, t[(i + p) % t.len()], vec![])).collect();
                    art(&(k + 1).to_string(), "", ps)
                })
                .collect())
        };
        let old = build(&old_picks);
        let new = build(&new_picks);
        let c = run(&old, &new);
        proptest::prop_assert_eq!(tree_ids(&c, true), ids_in_order(&new));
        let mut o = tree_ids(&c, false);
        let mut expected = ids_in_order(&old);
        o.sort();
        expected.sort();
        proptest::prop_assert_eq!(o, expected);
        // id_map agrees with the reverse map.
        for (old_id, new_id) in c.id_map() {
            if let Some(n) = new_id {
                proptest::prop_assert_eq!(c.reverse_id_map()[&n].clone(), Some(old_id));
            }
        }
    }
}

#[test]
fn long_texts_are_compared_on_a_consistent_sample_close_to_the_exact_dice() {
    // Distinct bigrams: a long run of varied kanji, then the same run with a tenth of it rewritten.
    let base: String = (0..20_000u32).map(|i| char::from_u32(0x4E00 + (i * 7919) % 20_000).unwrap()).collect();
    let mut edited: Vec<char> = base.chars().collect();
    for c in edited.iter_mut().skip(5_000).take(2_000) {
        *c = 'あ';
    }
    let edited: String = edited.into_iter().collect();
    let exact = |a: &str, b: &str| {
        let set = |s: &str| {
            s.chars().collect::<Vec<_>>().windows(2).map(|w| (w[0], w[1])).collect::<std::collections::BTreeSet<_>>()
        };
        let (x, y) = (set(a), set(b));
        2.0 * x.intersection(&y).count() as f64 / (x.len() + y.len()) as f64
    };
    assert!(base.chars().count() > SAMPLE_ABOVE);
    let (sampled, want) = (dice(&base, &edited), exact(&base, &edited));
    assert!((sampled - want).abs() < 0.03, "sampled {sampled}, exact {want}");
    assert_eq!(dice(&base, &base), 1.0);
    assert!(dice(&base, &"い".repeat(20_000)) < 0.01);
}

#[test]
fn content_hashes_ignore_white_space_and_full_width_ascii_but_not_words() {
    let doc = |t: &str| crate::parse::parse_str(t).unwrap();
    let hash = |d: &crate::model::Document| Unit::new(&d.children[0], 0, false).hash;
    let a = doc("例\n第一条　甲は、ABCとする。\n２　乙とする。\n");
    let b = doc("例\n第二条　甲は、ＡＢＣ とする。\n２　乙とする。\n");
    let c = doc("例\n第一条　甲は、ABCとする。\n２　丙とする。\n");
    assert_eq!(hash(&a), hash(&b), "same content, another number");
    assert_ne!(hash(&a), hash(&c), "a child's words differ");
}

/// Every aligned node whose ops do not give back its old and new text (id, ops' old, ops' new).
fn ops_not_giving_back(tree: &[crate::diff::Aligned]) -> Vec<(String, String, String)> {
    let mut bad = Vec::new();
    for a in tree {
        if !a.ops.is_empty() {
            let old: String = a.ops.iter().map(|o| o.old.as_str()).collect();
            let new: String = a.ops.iter().map(|o| o.new.as_str()).collect();
            let want_old = a.old.as_ref().map_or("", |s| s.text.as_str());
            let want_new = a.new.as_ref().map_or("", |s| s.text.as_str());
            if old != want_old || new != want_new {
                bad.push((a.id().to_string(), old, new));
            }
        }
        bad.extend(ops_not_giving_back(&a.children));
    }
    bad
}

#[test]
fn texts_equal_only_after_normalising_keep_their_exact_characters_in_the_ops() {
    // White space, a control character (U+000B) or full-width ASCII is dropped or folded when deciding
    // whether a text changed; the ops must still carry each side's own characters, whether the provision
    // is paired whole (art_2) or diffed because something below it changed (art_1's 項, whose 号 changed).
    let old = doc(vec![
        art("1", "", vec![para(1, "第十八条\u{b}\u{b}\u{b}に規定する者　は、次の\tとおり", vec![item(1, "甲")])]),
        simple("2", "第１条の規定 による。\u{b}"),
    ]);
    let new = doc(vec![
        art("1", "", vec![para(1, "第十八条に規定する者は、次のとおり", vec![item(1, "乙")])]),
        simple("2", "第1条の規定による。"),
    ]);
    for (o, n) in [(&old, &new), (&new, &old)] {
        let c = run(o, n);
        assert_eq!(ops_not_giving_back(&c.tree), vec![]);
        let para = &c.tree[0].children[0];
        assert!(!para.own_changed, "a white-space difference is no change of the 項's own text");
        assert_eq!(para.change, Some(ChangeKind::Modified), "its 号 changed");
        assert_eq!(c.tree[1].change, None, "第2条 differs in white space and width only");
    }
}
