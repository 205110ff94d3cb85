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

/// `kitei translate update` of the 2016 translation to the Japanese `to`, written to `out`; asserts success.
fn update_2016_to(to: &Path, out: &Path) {
    let o = kitei(&["translate", "update", s(&reg().join("2016-01-01.en.md")), "--to", s(to), "-o", s(out)]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

/// The lines before the fingerprint comment.
fn body(text: &str) -> Vec<&str> {
    text.lines().take_while(|l| !l.starts_with("<!-- kitei-fingerprints")).collect()
}

#[test]
fn update_from_2016_to_2027_carries_every_unchanged_provision_and_marks_only_new_or_changed_ones() {
    let dir = temp("update");
    let out = dir.join("2027-04-01.en.md");
    update_2016_to(&reg().join("2027-04-01.md"), &out);
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
    update_2016_to(&dir.join("2027-04-01.md"), &out);
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

/// Reads an XLIFF file with translate-toolkit (an independent XLIFF implementation): one JSON line per unit
/// (id, state, approved, source, target, notes). `None` (with a message) only when pip itself is unavailable.
fn read_with_translate_toolkit(xlf: &Path) -> Option<Vec<serde_json::Value>> {
    let script = "import json,sys\nfrom translate.storage import xliff\nf = xliff.xlifffile.parsefile(open(sys.argv[1], 'rb'))\nfor u in f.getunits():\n    print(json.dumps({'id': u.xmlelement.get('id'), 'state': u.get_state_n(), 'translated': u.istranslated(), 'source': u.source, 'target': u.target, 'notes': u.getnotes()}))\n";
    let probe = Command::new("python3").args(["-c", "import translate.storage.xliff"]).output();
    if !probe.is_ok_and(|o| o.status.success()) {
        let pip = Command::new("python3").args(["-m", "pip", "--version"]).output();
        if !pip.is_ok_and(|o| o.status.success()) {
            eprintln!("SKIPPED: pip is unavailable, so translate-toolkit cannot be installed to check the XLIFF");
            return None;
        }
        panic!("translate-toolkit is not installed: `python3 -m pip install translate-toolkit` (scripts/test does)");
    }
    let o = Command::new("python3").args(["-c", script]).arg(xlf).output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    Some(String::from_utf8(o.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect())
}

#[test]
fn xliff_export_reads_in_translate_toolkit_and_imports_back_byte_for_byte() {
    let dir = temp("xliff");
    for d in ["2014-04-01", "2016-01-01", "2027-04-01"] {
        let en = reg().join(format!("{d}.en.md"));
        let xlf = dir.join(format!("{d}.xlf"));
        let back = dir.join(format!("{d}.en.md"));
        assert!(kitei(&["translate", "export", s(&en), "-o", s(&xlf)]).status.success());
        assert!(kitei(&["translate", "import", s(&xlf), "-o", s(&back)]).status.success());
        assert_eq!(std::fs::read(&back).unwrap(), std::fs::read(&en).unwrap(), "{d}: import gives back the .en.md");
    }
    let Some(units) = read_with_translate_toolkit(&dir.join("2016-01-01.xlf")) else { return };
    let unit = |id: &str| units.iter().find(|u| u["id"] == id).unwrap_or_else(|| panic!("no unit {id}"));
    assert!(units.len() >= 85, "{}", units.len());
    // Every unit of a current translation is translated (state 100 in translate-toolkit's scale).
    assert!(units.iter().all(|u| u["state"] == 100 && u["translated"] == true), "{units:?}");
    let a1 = unit("art_1__para_1");
    assert!(a1["source"].as_str().unwrap().starts_with("この規程は、電子署名等に係る"), "{a1}");
    let en = std::fs::read_to_string(reg().join("2016-01-01.en.md")).unwrap();
    let line = en.lines().find(|l| l.contains("proper and reliable implementation of certification affairs")).unwrap();
    assert_eq!(a1["target"], line);
    assert!(a1["notes"].as_str().unwrap().contains("認証事務 = certification affairs"), "{a1}");
    assert_eq!(unit("art_9")["source"], "統括管理責任者");
    // A translation carried forward with TODOs: those units need translation.
    let up = dir.join("up.en.md");
    update_2016_to(&reg().join("2027-04-01.md"), &up);
    let xlf = dir.join("up.xlf");
    let ja = reg().join("2027-04-01.md");
    assert!(kitei(&["translate", "export", s(&up), "--ja", s(&ja), "-o", s(&xlf)]).status.success());
    let Some(units) = read_with_translate_toolkit(&xlf) else { return };
    let todo: Vec<&str> = units.iter().filter(|u| u["state"] == 30).map(|u| u["id"].as_str().unwrap()).collect();
    assert!(todo.contains(&"art_20__para_1") && todo.contains(&"art_11__para_1__item_6"), "{todo:?}");
    assert_eq!(todo.len(), 10, "{todo:?}");
    std::fs::remove_dir_all(&dir).unwrap();
}
