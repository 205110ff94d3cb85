//! Applying real 改め文: the corpus acts parse, the 1966 amendment of 国民の祝日に関する法律 gives the 1966 text,
//! and the provisions an act touches are those its 新旧対照表 lists.

use std::collections::BTreeSet;
use std::path::PathBuf;

use kitei::amend::{parse::parse, Op, Special, Step};
use kitei::model::Document;

fn shared() -> PathBuf {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared");
    if p.join("corpus").exists() {
        p
    } else {
        PathBuf::from("/work/shared")
    }
}

fn amendments() -> PathBuf {
    shared().join("corpus/amendments")
}

fn read(p: &std::path::Path) -> String {
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// The model without spans and source format, for comparing documents read from different sources.
fn strip(doc: &Document) -> serde_json::Value {
    fn clean(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::Object(m) => {
                m.remove("span");
                m.remove("format");
                m.values_mut().for_each(clean);
            }
            serde_json::Value::Array(a) => a.iter_mut().for_each(clean),
            _ => {}
        }
    }
    let mut v = serde_json::to_value(doc).unwrap();
    clean(&mut v);
    v
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
