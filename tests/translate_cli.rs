//! `kitei translate`: stamp, update, status, XLIFF export and import, on the project's own translations.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn kitei(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kitei")).args(args).output().unwrap()
}

fn reg() -> PathBuf {
    common::root().join("regulations/jlis-ninsho-jimu-kanri-kitei")
}

fn temp(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("kitei-translate-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// The lines before the fingerprint comment.
fn body(text: &str) -> Vec<&str> {
    text.lines().take_while(|l| !l.starts_with("<!-- kitei-fingerprints")).collect()
}

#[test]
fn update_from_2016_to_2027_carries_every_unchanged_provision_and_marks_only_new_or_changed_ones() {
    let dir = temp("update");
    let out = dir.join("2027-04-01.en.md");
    let o = kitei(&[
        "translate",
        "update",
        s(&reg().join("2016-01-01.en.md")),
        "--to",
        s(&reg().join("2027-04-01.md")),
        "-o",
        s(&out),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let got = std::fs::read_to_string(&out).unwrap();
    // The project's 2027 translation, made by hand, is the independent reference: every line of the result
    // is either that line or a TODO.
    let want = std::fs::read_to_string(reg().join("2027-04-01.en.md")).unwrap();
    let (got_lines, want_lines) = (body(&got), body(&want));
    assert_eq!(got_lines.len(), want_lines.len(), "{got}");
    let mut todo = Vec::new();
    for (g, w) in got_lines.iter().zip(&want_lines) {
        if g.contains("[TODO]") {
            todo.push(*w);
        } else {
            assert_eq!(g, w);
        }
    }
    // Renumbered 第21条–第27条 (old 第20条–第26条) keep their English.
    for n in 21..=27 {
        let at = got_lines.iter().position(|l| l.starts_with(&format!("Article {n} "))).unwrap();
        assert!(!got_lines[at].contains("[TODO]") && !got_lines[at + 1].contains("[TODO]"), "Article {n}");
    }
    // Only what 2027 added or changed: the contents' ranges, 第11条's items, the new 第20条, 第5章's title and
    // the new 附則.
    let todo_starts: Vec<String> = todo.iter().map(|l| l.split(' ').take(2).collect::<Vec<_>>().join(" ")).collect();
    assert_eq!(
        todo_starts,
        [
            "Chapter IV",
            "Chapter V",
            "(iii) measures",
            "(v) measures",
            "(vi) measures",
            "Article 20",
            "(1) Beyond",
            "(2) If",
            "Chapter V",
            "These Regulations"
        ],
        "{todo:?}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn an_updated_translation_lints_with_its_todos_and_nothing_stale() {
    let dir = temp("lint");
    std::fs::copy(reg().join("2027-04-01.md"), dir.join("2027-04-01.md")).unwrap();
    let out = dir.join("2027-04-01.en.md");
    let o = kitei(&[
        "translate",
        "update",
        s(&reg().join("2016-01-01.en.md")),
        "--to",
        s(&dir.join("2027-04-01.md")),
        "-o",
        s(&out),
    ]);
    assert!(o.status.success());
    let o = kitei(&["lint", s(&dir.join("2027-04-01.md"))]);
    let text = String::from_utf8_lossy(&o.stdout);
    let count = |code: &str| text.lines().filter(|l| l.contains(code)).count();
    assert_eq!(count("warning[translation-todo]"), 10, "{text}");
    assert_eq!(count("translation-stale") + count("translation-missing") + count("translation-orphaned"), 0, "{text}");
    assert!(
        text.lines().any(|l| l.contains("2027-04-01.en.md:92:1: warning[translation-todo]") && l.ends_with("(art_20)")),
        "{text}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn status_reports_each_version_and_lists_the_stale_provisions() {
    let dir = temp("status");
    let r = dir.join("r");
    std::fs::create_dir_all(&r).unwrap();
    for f in ["2016-01-01.md", "2016-01-01.en.md", "2027-04-01.md"] {
        std::fs::copy(reg().join(f), r.join(f)).unwrap();
    }
    let ja = std::fs::read_to_string(reg().join("2016-01-01.md")).unwrap();
    std::fs::write(r.join("2016-01-01.md"), ja.replacen("障害対策等の措置", "障害対策その他の措置", 1)).unwrap();
    let o = kitei(&["translate", "status", s(&dir)]);
    assert!(o.status.success());
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(text.contains("  2016-01-01  translated 94/95 (98.9%), stale 1 (1.1%), todo 0, missing 0 (0.0%)\n    stale: art_12__para_1\n"), "{text}");
    assert!(text.contains("  2027-04-01  no translation (99 provisions)\n"), "{text}");
    std::fs::remove_dir_all(&dir).unwrap();
}
