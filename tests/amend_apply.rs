//! Applying real 改め文: the corpus acts parse, the 1966 amendment of 国民の祝日に関する法律 gives the 1966 text,
//! and the provisions an act touches are those its 新旧対照表 lists.

mod common;

use common::shared;
use std::collections::BTreeSet;
use std::path::PathBuf;

use kitei::amend::{parse::parse, Op, Special, Step};
use kitei::model::Document;

fn amendments() -> PathBuf {
    shared().join("corpus/amendments")
}

fn read(p: &std::path::Path) -> String {
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// The model without spans and source format, for comparing documents read from different sources.
fn strip(doc: &Document) -> serde_json::Value {
    serde_json::to_value(common::without_spans(doc)).unwrap()
}

#[test]
fn every_corpus_amendment_parses() {
    let mut n = 0;
    for e in std::fs::read_dir(amendments()).unwrap() {
        let p = e.unwrap().path();
        let name = p.file_name().unwrap().to_string_lossy().to_string();
        if !name.starts_with("amendments_") {
            continue;
        }
        let a = parse(&read(&p), &name).unwrap_or_else(|e| panic!("{e}"));
        assert!(a.instructions().count() > 0, "{name}: no instructions");
        n += 1;
    }
    assert_eq!(n, 4);
    let kaime = read(&amendments().join("shukujitsu/19660625-law-086_amending_act_kaimebun.md"));
    let a = parse(&kaime, "shukujitsu").unwrap();
    assert_eq!(a.instructions().count(), 3);
    assert_eq!(a.effective.as_deref(), Some("この法律は、公布の日から施行する。"));
}

#[test]
fn municipal_cases_parse() {
    let text = read(&amendments().join("reiki_cases_yamato_subset.jsonl"));
    let mut parsed = 0;
    for line in text.lines() {
        let case: serde_json::Value = serde_json::from_str(line).unwrap();
        let lines: Vec<&str> = case["aratamebun"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
        let a = parse(&lines.join("\n"), case["case_id"].as_str().unwrap()).unwrap_or_else(|e| panic!("{e}"));
        assert!(a.laws[0].law.ends_with(['例', '則']), "{}", a.laws[0].law);
        // Every provision the case lists as changed is touched by some instruction.
        let touched: BTreeSet<String> = a
            .instructions()
            .map(|i| match (&i.target.special, i.target.steps.first()) {
                (Some(Special::Appendix(_)), _) => "別表".to_string(),
                (_, Some(Step::Unit { num, .. })) => num.main().to_string(),
                _ => String::new(),
            })
            .collect();
        for c in case["changed"].as_array().unwrap() {
            let c = c.as_str().unwrap();
            let key = if c.starts_with("別表") {
                "別表".to_string()
            } else {
                kitei::model::num::parse_number(c.trim_start_matches('第').trim_end_matches('条')).unwrap().to_string()
            };
            assert!(touched.contains(&key), "{}: {c} not touched ({touched:?})", case["case_id"]);
        }
        parsed += 1;
    }
    assert!(parsed >= 9);
}

#[test]
fn shukujitsu_1966_amendment_gives_the_1966_text() {
    let dir = amendments().join("shukujitsu");
    let old = kitei::parse::parse_str(&read(&dir.join("19480720-law-178_as_enacted_1948.md"))).unwrap();
    let new = kitei::parse::parse_str(&read(&dir.join("19480720-law-178_after_S41amend_1966.md"))).unwrap();
    let kaime = read(&dir.join("19660625-law-086_amending_act_kaimebun.md"));
    let got = kitei::amend::apply(&old, &kaime, "kaimebun.md").unwrap();
    assert_eq!(strip(&got), strip(&new));
}

fn key(steps: &[Step]) -> String {
    let mut k = String::new();
    for s in steps {
        if let Step::Unit { kind, num, .. } = s {
            k.push_str(&kitei::amend::style::cite(*kind, num, kitei::amend::style::NumStyle::Kanji));
        }
    }
    k
}

/// The provisions an act touches, as its 新旧対照表 lists them: each provision whose wording changes (旧 under
/// its old number, 新 under the number it ends with), and each provision added (新). Pure moves are omitted,
/// as the table omits provisions whose body did not change.
fn touched_provisions(text: &str) -> BTreeSet<String> {
    let a = parse(text, "art35").unwrap();
    let mut edited: Vec<(String, String)> = Vec::new();
    let mut added = BTreeSet::new();
    for i in a.instructions() {
        let k = key(&i.target.steps);
        match &i.op {
            Op::Edits(_) | Op::Rewrite(_) if !edited.iter().any(|(_, now)| *now == k) => {
                edited.push((k.clone(), k));
            }
            Op::Renumber(to) => {
                for e in edited.iter_mut().filter(|e| e.1 == k) {
                    e.1 = key(to);
                }
            }
            Op::InsertAfter(b) | Op::Append(b) => {
                let label: String =
                    b.text.trim_start_matches([' ', '\u{3000}']).chars().take_while(|c| *c != '\u{3000}').collect();
                let n = kitei::model::num::parse_number(&label).unwrap();
                let article = key(&i.target.steps[..1]);
                added.insert(format!("新 {article}第{}項", kitei::model::num::to_kanji(n)));
            }
            _ => {}
        }
    }
    let mut out: BTreeSet<String> = added;
    for (old, new) in edited {
        out.insert(format!("旧 {old}"));
        out.insert(format!("新 {new}"));
    }
    out
}

#[test]
fn shakuchi_touches_the_provisions_of_its_shinkyu_table() {
    let kaime = read(&amendments().join("amendments_503AC0000000037_art35.txt"));
    let taisho = read(&amendments().join("taisho_503AC0000000037_art35.txt"));
    let listed: BTreeSet<String> = taisho
        .lines()
        .filter(|l| l.starts_with("新 ") || l.starts_with("旧 "))
        .map(|l| l.split('\u{3000}').next().unwrap().to_string())
        .collect();
    let got = touched_provisions(&kaime);
    assert_eq!(got, listed, "instructions touch {got:#?}\nthe 新旧対照表 lists {listed:#?}");
}

const HANE_BASE: &str = "例規程\n第一条　この規程は、例を定める。\n第二条　第三条の届出は、書面でする。\n第三条　届出をしなければならない。\n";

#[test]
fn renumbering_without_the_references_is_a_hane_more_error() {
    let old = kitei::parse::parse_str(HANE_BASE).unwrap();
    let text = "例規程の一部を改正する規程\n例規程の一部を次のように改正する。\n第三条を第四条とし、第二条の次に次の一条を加える。\n第三条　報告をしなければならない。\n";
    let e = kitei::amend::apply(&old, text, "a.txt").unwrap_err().to_string();
    // Named as a reader names it, and placed at the renumbering instruction (line 3), not at line 1.
    assert!(e.contains("ハネ漏れ") && e.contains("第二条 still cites 第3条 (now 第4条)"), "{e}");
    assert!(e.starts_with("a.txt:3:"), "{e}");
    // With the reference amended too, it applies.
    let fixed = text.replace("第三条を第四条とし", "第二条中「第三条」を「第四条」に改める。\n第三条を第四条とし");
    let new = kitei::amend::apply(&old, &fixed, "a.txt").unwrap();
    assert_eq!(new.articles()[1].children[0].text, "第四条の届出は、書面でする。");
    assert_eq!(new.articles()[3].label, "第四条");
}

#[test]
fn an_instruction_that_cannot_apply_names_its_place_and_reason() {
    let old = kitei::parse::parse_str(HANE_BASE).unwrap();
    let e = kitei::amend::apply(
        &old,
        "例規程の一部を改正する規程\n\n第一条中「例を」を「例外を」に改め、「見本」を削る。\n",
        "a.txt",
    )
    .unwrap_err()
    .to_string();
    assert!(e.starts_with("a.txt:3:1: cannot apply 「第一条中「例を」を「例外を」に改め、「見本」を削る」"), "{e}");
    assert!(e.contains("「見本」 is not in the provision"), "{e}");
    let e = kitei::amend::apply(&old, "第九条を削る。\n", "a.txt").unwrap_err().to_string();
    assert!(e.contains("a.txt:1:1") && e.contains("第9条 is not in the text"), "{e}");
}

#[test]
fn generated_hane_changes_only_where_new_has_them() {
    let old = kitei::parse::parse_str(HANE_BASE).unwrap();
    let new = kitei::parse::parse_str(
        "例規程\n第一条　この規程は、例を定める。\n第二条　第四条の届出は、書面でする。\n第三条　報告をしなければならない。\n第四条　届出をしなければならない。\n",
    )
    .unwrap();
    let text = kitei::amend::generate(&old, &new, &Default::default()).unwrap();
    assert!(text.contains("第二条中「第三条」を「第四条」に改める。"), "{text}");
    // The renumbering and the addition it makes room for are one sentence, as drafters write them.
    assert!(
        text.contains("第三条を第四条とし、第二条の次に次の一条を加える。\n第三条　報告をしなければならない。"),
        "{text}"
    );
}

#[test]
fn shukujitsu_generated_amendment_is_the_enacted_one() {
    let dir = amendments().join("shukujitsu");
    let old = kitei::parse::parse_str(&read(&dir.join("19480720-law-178_as_enacted_1948.md"))).unwrap();
    let new = kitei::parse::parse_str(&read(&dir.join("19480720-law-178_after_S41amend_1966.md"))).unwrap();
    let generated = kitei::amend::generate(&old, &new, &Default::default()).unwrap();
    let enacted = read(&dir.join("19660625-law-086_amending_act_kaimebun.md"));
    let ops = |t: &str| -> Vec<(kitei::amend::Target, String)> {
        parse(t, "t")
            .unwrap()
            .instructions()
            .map(|i| match &i.op {
                Op::InsertAfter(b) => (i.target.clone(), b.text.trim().to_string()),
                o => panic!("unexpected {o:?}"),
            })
            .collect()
    };
    assert_eq!(ops(&generated), ops(&enacted), "{generated}");
}

#[test]
fn chapters_captions_and_moves_up() {
    let old = kitei::parse::parse_str(
        "例規程\n目次\n第一章　総則（第一条―第三条）\n第二章　雑則（第四条）\n附則\n第一章　総則\n（目的）\n第一条　目的を定める。\n第二条　甲とする。\n第三条　乙とする。\n第二章　雑則\n第四条　丙とする。\n附　則\nこの規程は、公布の日から施行する。\n",
    )
    .unwrap();
    let text = "例規程の一部を改正する規程\n例規程の一部を次のように改正する。\n目次中「第三条」を「第二条」に、「雑則（第四条）」を「補則（第三条）」に改める。\n第一条の見出し中「目的」を「趣旨」に改める。\n第二条を削る。\n第三条を第二条とし、同条に見出しとして「（乙）」を付する。\n第二章の章名を「補則」に改める。\n第二章中第四条を第三条とする。\n";
    let new = kitei::amend::apply(&old, text, "a.txt").unwrap();
    let arts = new.articles();
    let labels: Vec<_> = arts.iter().map(|a| a.label.as_str()).collect();
    assert_eq!(labels, ["第一条", "第二条", "第三条"]);
    assert_eq!(arts[0].heading.as_deref(), Some("趣旨"));
    assert_eq!(arts[1].heading.as_deref(), Some("乙"));
    let chapters: Vec<_> = new.children.iter().filter(|c| c.kind == kitei::Kind::Chapter).collect();
    assert_eq!(chapters[1].heading.as_deref(), Some("補則"));
    let toc = new.toc().unwrap();
    assert_eq!(toc.children[0].text, "（第一条―第二条）");
    assert_eq!(toc.children[1].heading.as_deref(), Some("補則"));
    assert_eq!(toc.children[1].text, "（第三条）");
    // Moving up a run: 第三条から第四条までを一条ずつ繰り上げる.
    let text = "第二条を削り、第三条から第四条までを一条ずつ繰り上げる。\n";
    let new = kitei::amend::apply(&old, text, "b.txt").unwrap();
    let labels: Vec<_> = new.articles().iter().map(|a| a.label.clone()).collect();
    assert_eq!(labels, ["第一条", "第二条", "第三条"]);
    assert_eq!(new.articles()[2].children[0].text, "丙とする。");
}
