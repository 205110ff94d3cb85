//! Provision history and amendment impact (issue 18): the library on the seed and the corpus version pairs,
//! and the `kitei history` / `kitei impact` commands.

mod common;

use kitei::diff::{compare, ChangeKind, CompareOptions};
use kitei::history::{build, History, Version};
use kitei::impact::citations::Status;
use kitei::model::{walk, Document};
use std::path::PathBuf;
use std::process::Command;

fn kitei() -> Command {
    Command::new(env!("CARGO_BIN_EXE_kitei"))
}

fn load_all(paths: &[PathBuf]) -> Vec<Document> {
    paths.iter().map(|p| common::load(p)).collect()
}

/// Every tracked provision of every version is in exactly one chain, and consecutive steps of the chains
/// agree with the 新旧対照表 of each pair (its changes and its ID map).
fn check_history(name: &str, docs: &[Document]) -> History {
    let labels: Vec<String> = (0..docs.len()).map(|i| format!("v{i}")).collect();
    let versions: Vec<Version<'_>> = labels.iter().zip(docs).map(|(l, d)| Version::new(l, d)).collect();
    let h = build(&versions);
    for (v, doc) in docs.iter().enumerate() {
        let mut ids = std::collections::HashSet::new();
        walk::walk(doc, &mut |n| {
            if !n.id.is_empty() {
                ids.insert(n.id.clone());
            }
        });
        let mut count = std::collections::HashMap::new();
        for c in &h.chains {
            for s in c.steps.iter().filter(|s| s.version == v) {
                *count.entry(s.id.clone()).or_insert(0) += 1;
            }
        }
        for id in &ids {
            assert_eq!(count.get(id), Some(&1), "{name} v{v}: {id} must be in exactly one chain");
        }
        assert_eq!(count.len(), ids.len(), "{name} v{v}: chains hold provisions the version does not have");
    }
    for v in 0..docs.len().saturating_sub(1) {
        let cmp = compare(&docs[v], &docs[v + 1], &CompareOptions::default());
        for (old, new) in cmp.id_map() {
            let Some(c) = h.chain_of(v, &old) else { continue };
            assert_eq!(h.step_in(c, v + 1).map(|s| s.id.clone()), new, "{name} v{v}: {old}");
        }
        for ch in &cmp.changes {
            match (ch.kind, &ch.old_id, &ch.new_id) {
                (ChangeKind::Removed, Some(o), _) => {
                    let c = h.chain_of(v, o).expect("removed provision has a chain");
                    assert!(h.step_in(c, v + 1).is_none(), "{name} v{v}: {o} was removed");
                }
                (ChangeKind::Added, _, Some(n)) => {
                    let c = h.chain_of(v + 1, n).expect("added provision has a chain");
                    assert!(h.step_in(c, v).is_none(), "{name} v{v}: {n} was added");
                }
                (kind, Some(o), Some(n)) => {
                    let c = h
                        .chain_of(v + 1, n)
                        .unwrap_or_else(|| panic!("{name} v{v}: {:?} {o} → {n} has no chain", ch.node));
                    assert_eq!(h.step_in(c, v).map(|s| s.id.as_str()), Some(o.as_str()), "{name} v{v}: {o} → {n}");
                    let step = h.step_in(c, v + 1).unwrap();
                    if matches!(kind, ChangeKind::Renumbered | ChangeKind::RenumberedModified) {
                        assert!(step.change.number, "{name} v{v}: {o} → {n} renumbered");
                    }
                }
                _ => {}
            }
        }
    }
    h
}

#[test]
fn the_seed_versions_chain_through() {
    let dir = common::root().join("regulations/jlis-ninsho-jimu-kanri-kitei");
    let paths: Vec<PathBuf> =
        common::files(&dir, &["md"]).into_iter().filter(|p| !p.to_string_lossy().ends_with(".en.md")).collect();
    assert!(paths.len() >= 3);
    check_history("seed", &load_all(&paths));
}

#[test]
fn the_corpus_version_series_chain_through() {
    let series: Vec<Vec<PathBuf>> = vec![
        ["tag20191217", "tag20200326", "tag20230621", "HEAD-4938ad4_2025-11-27"]
            .iter()
            .map(|t| common::corpus(&format!("internal-rules/01_就業規則_{t}.md")))
            .collect(),
        vec![
            common::corpus("internal-rules/02_賃金規程_tag20200326.md"),
            common::corpus("internal-rules/02_賃金規程_HEAD-4938ad4_2025-11-27.md"),
        ],
        vec![
            common::corpus("egov-xml/405AC0000000088_20180401_429AC0000000004.xml"),
            common::corpus("egov-xml/405AC0000000088_20240401_504AC0100000052.xml"),
        ],
    ];
    let mut all = series;
    for d in std::fs::read_dir(common::corpus("egov-revisions")).unwrap() {
        all.push(common::files(&d.unwrap().path(), &["txt"]));
    }
    for d in std::fs::read_dir(common::corpus("egov-2013/pairs")).unwrap().map(|d| d.unwrap().path()) {
        if d.is_dir() {
            all.push(common::files(&d, &["txt"]));
        }
    }
    assert!(all.len() >= 40, "{} series", all.len());
    for paths in &all {
        check_history(&paths[0].display().to_string(), &load_all(paths));
    }
}

fn shugyo(tag: &str) -> PathBuf {
    common::corpus(&format!("internal-rules/01_就業規則_{tag}.md"))
}

#[test]
fn history_of_article_25_shows_the_earlier_article_26() {
    let out = kitei()
        .args(["history", "--format", "json"])
        .arg(shugyo("tag20191217"))
        .arg(shugyo("tag20200326"))
        .arg("第25条")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let j: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let steps = j["provisions"][0]["steps"].as_array().unwrap();
    assert_eq!(steps[0]["citation"], "第26条");
    assert_eq!(steps[1]["citation"], "第25条");
    assert_eq!(steps[0]["heading"], steps[1]["heading"]);
    assert_eq!(steps[1]["change"]["number"], true);
    // Read in the old version, 第25条 is another article (休日), which became 第24条.
    let out = kitei()
        .args(["history", "--at", "01_就業規則_tag20191217"])
        .arg(shugyo("tag20191217"))
        .arg(shugyo("tag20200326"))
        .arg("第25条")
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("第24条（休日）"), "{text}");
}

#[test]
fn history_of_a_seed_provision_in_every_format() {
    let dir = common::root().join("regulations/jlis-ninsho-jimu-kanri-kitei");
    for (format, needle) in [("md", "## 第5条"), ("html", "<section class=\"history\""), ("text", "の沿革")] {
        let out = kitei().args(["history", "--format", format]).arg(&dir).arg("art_5").output().unwrap();
        let s = String::from_utf8(out.stdout).unwrap();
        assert!(out.status.success() && s.contains(needle), "{format}: {s}");
        for date in ["2014-04-01", "2016-01-01", "2027-04-01"] {
            assert!(s.contains(date), "{format}: {date} missing");
        }
    }
    let out = kitei().args(["history"]).arg(&dir).arg("第999条").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn impact_lists_every_reference_to_a_renumbered_article_and_every_changed_entry() {
    let (old, new) = (common::load(&shugyo("tag20191217")), common::load(&shugyo("tag20200326")));
    let report = kitei::impact::analyse(&old, &new, None, &kitei::impact::Links::default());
    // Independently: every internal reference of OLD naming an article whose number changed or that went.
    let cmp = compare(&old, &new, &CompareOptions::default());
    let map = cmp.id_map();
    let moved: Vec<&str> = old
        .articles()
        .iter()
        .map(|a| a.id.as_str())
        .filter(|id| map.get(*id).is_none_or(|n| n.as_deref() != Some(*id)))
        .collect();
    assert!(moved.len() > 20, "the deletion of 第21条 renumbers the rest");
    let resolver = kitei::refs::Resolver::new(&old);
    let mut expected = 0;
    walk::walk_with_ancestors(&old, &mut |n, anc| {
        if !n.kind.is_provision() || n.text.is_empty() {
            return;
        }
        let pos = kitei::refs::Position::of(n, anc);
        for r in resolver.references(&pos, &n.text) {
            let art = r.targets.iter().filter_map(|t| t.id.split("__").next()).find(|a| moved.contains(a));
            if !r.reference.external && art.is_some_and(|a| !n.id.starts_with(&format!("{a}__"))) {
                expected += 1;
            }
        }
    });
    let listed = report.citations.moved.iter().flat_map(|m| &m.citers).filter(|c| c.old.is_some()).count();
    assert!(expected > 0);
    assert_eq!(listed, expected);
    assert!(report.citations.moved.iter().flat_map(|m| &m.citers).all(|c| c.status != Status::Stale));
    // Every checklist entry that was added, removed or reworded.
    let (a, b) =
        (kitei::checklist::extract(&old, &Default::default()), kitei::checklist::extract(&new, &Default::default()));
    let links = kitei::checklist::IdMapping::from_id_map(&map, &a, &b);
    use kitei::checklist::migrate::ChangeKind as K;
    let changed = links.links.iter().filter(|l| matches!(l.kind, K::Added | K::Removed | K::Modified)).count();
    assert!(changed > 0);
    assert!(report.obligations.changed.len() >= changed);
    for l in links.links.iter().filter(|l| matches!(l.kind, K::Added | K::Removed | K::Modified)) {
        assert!(
            report
                .obligations
                .changed
                .iter()
                .any(|o| o.old.as_ref().map(|c| &c.id) == l.old.as_ref()
                    && o.new.as_ref().map(|c| &c.id) == l.new.as_ref()),
            "{l:?}"
        );
    }
}

#[test]
fn a_widened_definition_lists_every_provision_using_the_term() {
    let path = common::root().join("regulations/jlis-ninsho-jimu-kanri-kitei/2027-04-01.md");
    let text = std::fs::read_to_string(&path).unwrap();
    let term = "認証事務従事者";
    let widened = text.replacen("機構の役員及び職員のうち", "機構の役員及び職員並びに委託先の従業者のうち", 1);
    assert_ne!(widened, text);
    let old = common::load(&path);
    let new = kitei::parse::parse_str(&widened).unwrap();
    let report = kitei::impact::analyse(&old, &new, None, &kitei::impact::Links::default());
    let t = report.terms.iter().find(|t| t.term == term).expect("the definition changed");
    let defining = t.new.as_ref().unwrap().id.clone();
    let mut expected = Vec::new();
    walk::walk(&new, &mut |n| {
        if n.kind.is_provision() && n.text.contains(term) && n.id != defining {
            expected.push(n.id.clone());
        }
    });
    let got: Vec<String> = t.uses_new.iter().map(|c| c.id.clone()).collect();
    assert!(expected.len() > 5, "{expected:?}");
    assert_eq!(got, expected);
}

#[test]
fn impact_cli_lists_the_wage_rules_citing_moved_articles() {
    let data = common::root().join("tests/data/impact/wage");
    for format in ["md", "html", "json"] {
        let out = kitei()
            .args(["impact", "--format", format, "--folder"])
            .arg(&data)
            .arg(shugyo("tag20191217"))
            .arg(shugyo("tag20200326"))
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let s = String::from_utf8(out.stdout).unwrap();
        if format == "json" {
            let j: serde_json::Value = serde_json::from_str(&s).unwrap();
            let cites = j["others"][0]["citations"].as_array().unwrap();
            let at: Vec<&str> = cites.iter().map(|c| c["at"]["citation"].as_str().unwrap()).collect();
            // 第2条 cites 第4条, whose caption changed (労働者の区分 → 社員の区分): reworded, not moved.
            assert_eq!(at, ["第1条", "第2条", "第4条第2項", "第5条第1項", "第5条第2項"]);
            let changes: Vec<&str> = cites.iter().map(|c| c["change"].as_str().unwrap()).collect();
            assert_eq!(changes[4], "removed");
            assert!(cites[2]["fix"].as_str().unwrap().contains("「第22条第2項」に改める"));
        } else {
            assert!(s.contains("賃金規程") && s.contains("第23条第2項"), "{format}: {s}");
        }
    }
}

/// Without `--folder` no other regulation is looked at: the list says so, in every format, instead of
/// 「なし」 (which would tell the reader that none cites the one amended).
#[test]
fn impact_cli_without_a_folder_says_the_other_regulations_were_not_looked_at() {
    let last = |format: &str, folder: Option<&std::path::Path>| {
        let mut c = kitei();
        c.args(["impact", "--format", format]);
        if let Some(f) = folder {
            c.arg("--folder").arg(f);
        }
        let out = c.arg(shugyo("tag20191217")).arg(shugyo("tag20200326")).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let s = String::from_utf8(out.stdout).unwrap();
        let at =
            s.rfind("この規程を引く他の規程").unwrap_or_else(|| panic!("{format}: no section of other regulations"));
        s[at..].to_string()
    };
    let md = last("md", None);
    assert!(md.contains("調べていません") && !md.contains("なし"), "{md}");
    let html = last("html", None);
    assert!(html.contains("調べていません") && !html.contains("<p>なし</p>"), "{html}");
    let out =
        kitei().args(["impact", "--format", "json"]).arg(shugyo("tag20191217")).arg(shugyo("tag20200326")).output();
    let j: serde_json::Value = serde_json::from_slice(&out.unwrap().stdout).unwrap();
    assert!(j["others"].is_null(), "{}", j["others"]);
    // A folder with no other regulation in it was looked at: none cites this one.
    let empty = std::env::temp_dir().join(format!("kitei-impact-empty-{}", std::process::id()));
    std::fs::create_dir_all(&empty).unwrap();
    assert!(last("md", Some(&empty)).contains("なし"));
    std::fs::remove_dir_all(&empty).unwrap();
}

#[test]
fn impact_links_into_a_built_site() {
    let site = std::env::temp_dir().join(format!("kitei-impact-site-{}", std::process::id()));
    let slug = "jlis-ninsho-jimu-kanri-kitei";
    std::fs::create_dir_all(site.join(slug)).unwrap();
    std::fs::write(site.join(slug).join("2027-04-01.html"), "<html></html>").unwrap();
    let reg = common::root().join("regulations").join(slug);
    let out = kitei()
        .args(["impact", "--format", "md", "--site"])
        .arg(&site)
        .arg(reg.join("2016-01-01.md"))
        .arg(reg.join("2027-04-01.md"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let s = String::from_utf8(out.stdout).unwrap();
    let page = site.join(slug).join("2027-04-01.html").display().to_string();
    assert!(s.contains(&format!("]({page}#")), "{s}");
    std::fs::remove_dir_all(&site).unwrap();
}

#[test]
fn impact_exit_code_is_1_only_with_stale_or_dangling_references() {
    let dir = std::env::temp_dir().join(format!("kitei-impact-exit-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let old = "規程\n第1条　総則を定める。\n第2条　業務を行う。\n第3条　第2条の業務は書面による。\n";
    // 第1条 removed: 第2条 becomes 第1条, and NEW's 第2条 still says 第2条 (stale) or says 第1条 (followed).
    let stale = "規程\n第1条　業務を行う。\n第2条　第2条の業務は書面による。\n";
    let followed = "規程\n第1条　業務を行う。\n第2条　第1条の業務は書面による。\n";
    for (name, text) in [("old.md", old), ("stale.md", stale), ("followed.md", followed)] {
        std::fs::write(dir.join(name), text).unwrap();
    }
    let status = |new: &str, flag: bool| {
        let mut c = kitei();
        c.arg("impact").arg(dir.join("old.md")).arg(dir.join(new));
        if flag {
            c.arg("--exit-code");
        }
        c.output().unwrap().status.code()
    };
    assert_eq!(status("stale.md", true), Some(1));
    assert_eq!(status("stale.md", false), Some(0), "without the flag, findings are not a failure");
    assert_eq!(status("followed.md", true), Some(0));
    std::fs::remove_dir_all(&dir).unwrap();
}
