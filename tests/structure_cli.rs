//! The structure check's one warning line: `parse`, `diff`, `amend`, `checklist` and `build` print it on
//! standard error for a file whose tree is implausible (naming the file, the position, the lint code and the
//! count), once per file, and nothing for a clean file; standard output and the exit status are those of the
//! command without it. `kitei lint` lists the finding in its report instead.

use std::path::PathBuf;
use std::process::{Command, Output};

/// 第5条 after 第9条: `structure-article-order` at line 4.
const BROKEN: &str = "テスト規程\n第1条　この規程は、目的を定める。\n第9条　職員は、届け出なければならない。\n第5条　前条の届出は、書面による。\n";
const CLEAN: &str = "テスト規程\n第1条　この規程は、目的を定める。\n第2条　職員は、届け出なければならない。\n第3条　前条の届出は、書面による。\n";

fn scratch(name: &str, content: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("kitei-structure-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, content).unwrap();
    p
}

fn kitei(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kitei")).args(args).current_dir(env!("CARGO_MANIFEST_DIR")).output().unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The lines of standard error that are structure warnings.
fn warnings(o: &Output) -> Vec<String> {
    stderr(o).lines().filter(|l| l.contains("[structure-")).map(str::to_string).collect()
}

fn expected_line(path: &str) -> String {
    format!(
        "{path}:4:1: warning[structure-article-order]: 第5条 follows 第9条 (line 3) in the main provision \
         (1 of 1 structure finding; run `kitei lint {path}`)"
    )
}

#[test]
fn parse_warns_once_and_leaves_stdout_alone() {
    let broken = scratch("parse-broken.txt", BROKEN);
    let b = broken.to_str().unwrap();
    let o = kitei(&["parse", b]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(warnings(&o), [expected_line(b)]);
    assert_eq!(stderr(&o).lines().count(), 1, "{}", stderr(&o));
    // Standard output is the tree, as the library builds it.
    let doc = kitei::parse::parse_str(BROKEN).unwrap();
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(json["children"].as_array().unwrap().len(), doc.children.len());
    assert_eq!(json["children"][2]["label"], "第5条");
    // The text output too.
    let o = kitei(&["parse", b, "--format", "text"]);
    assert_eq!(String::from_utf8(o.stdout.clone()).unwrap(), kitei::export::text::to_text(&doc));
    assert_eq!(warnings(&o).len(), 1);
    // A clean text: nothing on standard error.
    let clean = scratch("parse-clean.txt", CLEAN);
    let o = kitei(&["parse", clean.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0));
    assert!(o.stderr.is_empty(), "{}", stderr(&o));
}

#[test]
fn diff_and_amend_warn_for_the_broken_version_only() {
    let old = scratch("two-old.txt", CLEAN);
    let new = scratch("two-new.txt", BROKEN);
    let (o, n) = (old.to_str().unwrap(), new.to_str().unwrap());
    for args in [vec!["diff", o, n, "--color", "never"], vec!["amend", o, n]] {
        let out = kitei(&args);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        assert_eq!(warnings(&out), [expected_line(n)], "{args:?}");
        let stdout = String::from_utf8(out.stdout.clone()).unwrap();
        assert!(!stdout.is_empty() && !stdout.contains("structure-"), "{args:?}: {stdout}");
    }
    // Both versions clean: no warning.
    let out = kitei(&["diff", o, o, "--color", "never"]);
    assert!(warnings(&out).is_empty(), "{}", stderr(&out));
    // Both broken: one line per file.
    let out = kitei(&["diff", n, n, "--color", "never"]);
    assert_eq!(warnings(&out).len(), 2, "{}", stderr(&out));
}

#[test]
fn checklist_warns() {
    let broken = scratch("checklist-broken.txt", BROKEN);
    let b = broken.to_str().unwrap();
    let o = kitei(&["checklist", b]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(warnings(&o), [expected_line(b)]);
    assert!(String::from_utf8(o.stdout.clone()).unwrap().contains("届け出なければならない"));
    let clean = scratch("checklist-clean.txt", CLEAN);
    let o = kitei(&["checklist", clean.to_str().unwrap()]);
    assert!(warnings(&o).is_empty(), "{}", stderr(&o));
}

#[test]
fn build_warns_per_version_file() {
    let root = std::env::temp_dir().join(format!("kitei-structure-cli-build-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    let reg = root.join("regs/test-kitei");
    std::fs::create_dir_all(&reg).unwrap();
    std::fs::write(reg.join("2020-04-01.txt"), CLEAN).unwrap();
    std::fs::write(reg.join("2021-04-01.txt"), BROKEN).unwrap();
    let regs = root.join("regs");
    let site = root.join("site");
    let args = ["build", "--as-of", "2026-01-01", regs.to_str().unwrap(), "-o", site.to_str().unwrap()];
    let o = kitei(&args);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let broken = reg.join("2021-04-01.txt");
    assert_eq!(warnings(&o), [expected_line(broken.to_str().unwrap())]);
    assert!(site.join("index.html").is_file());
    // The bundled regulations are clean.
    let o = kitei(&["build", "--as-of", "2026-01-01", "regulations", "-o", root.join("site2").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(warnings(&o).is_empty(), "{}", stderr(&o));
}

#[test]
fn lint_reports_the_finding_in_its_report() {
    let broken = scratch("lint-broken.txt", BROKEN);
    let b = broken.to_str().unwrap();
    let o = kitei(&["lint", b, "--no-translation"]);
    let out = String::from_utf8(o.stdout.clone()).unwrap();
    assert!(out.contains(&format!("{b}:4:1: warning[structure-article-order]: 第5条 follows 第9条")), "{out}");
    // Said once: not also as numbering-disorder, and not as a second line on standard error.
    assert!(!out.contains("numbering-disorder"), "{out}");
    assert!(warnings(&o).is_empty(), "{}", stderr(&o));
}
