use super::*;
use crate::parse::parse_str;

fn doc(src: &str) -> Document {
    parse_str(src).unwrap()
}

/// Every tracked node of every version is in exactly one chain, at its version.
fn assert_partition(h: &History, versions: &[Version<'_>]) {
    for (v, version) in versions.iter().enumerate() {
        let mut seen = std::collections::HashSet::new();
        walk::walk(version.doc, &mut |n| {
            if n.id.is_empty() || !seen.insert(n.id.clone()) {
                return;
            }
            let holding: Vec<usize> = (0..h.chains.len())
                .filter(|&c| h.chains[c].steps.iter().any(|s| s.version == v && s.id == n.id))
                .collect();
            assert_eq!(holding.len(), 1, "{}: {} is in {} chains", version.label, n.id, holding.len());
        });
    }
}

#[test]
fn a_deleted_article_renumbers_the_rest_and_the_chain_follows() {
    let v1 = doc("規程\n第1条　総則を定める。\n第2条　業務の時間を指定する。\n第3条　欠勤は届け出る。\n第4条　就業場所を定める。\n");
    let v2 = doc("規程\n第1条　総則を定める。\n第2条　欠勤は届け出る。\n第3条　就業場所を定める。\n");
    let vs = [Version::new("old", &v1), Version::new("new", &v2)];
    let h = build(&vs);
    assert_partition(&h, &vs);
    let c = &h.chains[h.chain_of(1, "art_2").unwrap()];
    assert_eq!(c.key, "old:art_3");
    assert!(c.steps[1].change.number && !c.steps[1].change.wording);
    let gone = &h.chains[h.chain_of(0, "art_2").unwrap()];
    assert_eq!(gone.removed_in, Some(1));
    assert_eq!(gone.steps.len(), 1);
}

#[test]
fn a_deletion_placeholder_keeps_the_chain() {
    let v1 = doc("規程\n第1条　甲を定める。\n第2条　乙を定める。\n");
    let v2 = doc("規程\n第1条　甲を定める。\n第2条　削除\n");
    let vs = [Version::new("a", &v1), Version::new("b", &v2)];
    let h = build(&vs);
    assert_partition(&h, &vs);
    let c = &h.chains[h.chain_of(1, "art_2").unwrap()];
    assert_eq!(c.steps.len(), 2, "{c:?}");
    assert!(c.steps[1].change.deleted);
    assert_eq!(c.steps[1].change.describe(), "削除");
}

#[test]
fn three_versions_chain_through_and_new_provisions_start_chains() {
    let rec = "従業員は、始業及び終業の時刻を記録しなければならない。";
    let v1 = doc(&format!("規程\n第1条　甲を定める。\n第2条　{rec}\n"));
    let v2 = doc(&format!("規程\n第1条　甲を定める。\n第2条　新しい丙を定める。\n第3条　{rec}\n"));
    let v3 = doc(&format!(
        "規程\n第1条　甲を定める。\n第2条　新しい丙を定める。\n第3条　丁を定める。\n第4条　{}\n",
        rec.replace("記録し", "記録するよう努め")
    ));
    let vs = [Version::new("1", &v1), Version::new("2", &v2), Version::new("3", &v3)];
    let h = build(&vs);
    assert_partition(&h, &vs);
    let c = &h.chains[h.chain_of(2, "art_4").unwrap()];
    let ids: Vec<&str> = c.steps.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["art_2", "art_3", "art_4"]);
    assert!(c.steps[2].change.wording && c.steps[2].change.number);
    assert!(c.steps[2].ops.iter().any(|o| o.new.contains("努め")), "{:?}", c.steps[2].ops);
    let added = &h.chains[h.chain_of(1, "art_2").unwrap()];
    assert!(added.steps[0].change.added);
    assert_eq!(added.key, "2:art_2");
}

#[test]
fn chains_agree_with_the_id_maps() {
    let v1 = doc("規程\n第1条　甲を定める。\n２　乙を定める。\n第2条　丙を定める。\n");
    let v2 = doc("規程\n第1条　丁を定める。\n第2条　甲を定める。\n２　乙を定める。\n");
    let vs = [Version::new("a", &v1), Version::new("b", &v2)];
    let h = build(&vs);
    let map = compare(&v1, &v2, &CompareOptions::default()).id_map();
    for (old, new) in &map {
        let c = h.chain_of(0, old).unwrap();
        assert_eq!(h.step_in(c, 1).map(|s| s.id.clone()), new.clone(), "{old}");
    }
    assert!(map.contains_key("art_1__para_2"));
}
