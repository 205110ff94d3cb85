//! The `kitei lint` command: report formats (snapshots of the seed's text and JSON reports), exit status
//! (0 with warnings only, 1 with errors or an unreadable file, 2 for a bad invocation) and the JSON shape.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const SEED: &str = "regulations/jlis-ninsho-jimu-kanri-kitei/2016-01-01.md";

fn kitei(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kitei")).args(args).current_dir(common::root()).output().expect("run kitei")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

/// A scratch file with this content, unique to the test.
fn scratch(name: &str, content: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("kitei-lint-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, content).unwrap();
    p
}

#[test]
fn seed_text_report() {
    let o = kitei(&["lint", SEED]);
    assert_eq!(o.status.code(), Some(0), "warnings only: {}", String::from_utf8_lossy(&o.stderr));
    let out = stdout(&o);
    assert!(out.lines().last().unwrap().ends_with(": 0 errors, 2 warnings"), "{out}");
    assert!(out.contains(&format!("{SEED}:123:56: warning[variant-kanji]:")), "{out}");
    insta::assert_snapshot!("seed_text", out);
}

#[test]
fn seed_json_report() {
    let o = kitei(&["lint", SEED, "--format", "json"]);
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let arr = v.as_array().expect("an array");
    assert_eq!(arr.len(), 2);
    for d in arr {
        let keys: Vec<&str> = d.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(keys, ["code", "column", "id", "line", "message", "severity"], "{d}");
        assert!(matches!(d["severity"].as_str(), Some("warning" | "error" | "info")));
        assert!(d["line"].as_u64().unwrap() > 0 && d["column"].as_u64().unwrap() > 0);
    }
    insta::assert_json_snapshot!("seed_json", v);
}

#[test]
fn errors_exit_1() {
    let p = scratch("dangling.txt", "テスト規程\n第1条　第5条の規定による。\n第2条　前条に定める。\n");
    let o = kitei(&["lint", p.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    let first = out.lines().next().unwrap();
    assert!(first.starts_with(&format!("{}:2:5: error[dangling-reference]:", p.display())), "{out}");
    assert!(first.ends_with("(art_1__para_1)"), "{out}");
    assert!(out.ends_with(": 1 error, 0 warnings\n"), "{out}");
    let clean = scratch("clean.txt", "テスト規程\n第1条　前項の規定によらない。\n");
    let o = kitei(&["lint", clean.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "前項 in the first paragraph points nowhere");
    let clean = scratch("clean2.txt", "テスト規程\n第1条　甲とする。\n第2条　前条による。\n");
    let o = kitei(&["lint", clean.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).ends_with(": no problems found\n"), "{}", stdout(&o));
}

#[test]
fn missing_file_exits_2_and_says_so() {
    let o = kitei(&["lint", "no/such/file.md"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("cannot read no/such/file.md: No such file or directory"), "{err}");
}

#[test]
fn bad_invocation_exits_2() {
    assert_eq!(kitei(&["lint"]).status.code(), Some(2));
    assert_eq!(kitei(&["lint", SEED, "--format", "xml"]).status.code(), Some(2));
    assert_eq!(kitei(&["lint", SEED, "--no-such-flag"]).status.code(), Some(2));
}

#[test]
fn output_file_is_written() {
    let out = scratch("report.json", "");
    let o = kitei(&["lint", SEED, "--format", "json", "-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0));
    assert!(o.stdout.is_empty());
    let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 2);
    assert!(Path::new(&out).exists());
}

#[test]
fn against_reports_stale_references() {
    let old = common::corpus("internal-rules/01_就業規則_tag20191217.md");
    let new = common::corpus("internal-rules/01_就業規則_tag20200326.md");
    let o = kitei(&["lint", "--against", old.to_str().unwrap(), new.to_str().unwrap(), "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let stale: Vec<&serde_json::Value> =
        v.as_array().unwrap().iter().filter(|d| d["code"] == "stale-reference").collect();
    // 第35条 lost a paragraph; the new 第34条第6項 still cites 「第5項又は第6項」.
    assert_eq!(stale.len(), 2, "{v}");
    assert!(stale.iter().all(|d| d["id"] == "art_34__para_6"), "{v}");
    // Without --against, no ハネ.
    let o = kitei(&["lint", new.to_str().unwrap(), "--format", "json"]);
    assert!(!stdout(&o).contains("stale-reference"));
    // A missing OLD is an error.
    let o = kitei(&["lint", "--against", "no/such/old.md", new.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("cannot read no/such/old.md: No such file or directory"));
}
