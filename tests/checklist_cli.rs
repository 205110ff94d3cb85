//! `kitei checklist` end to end: listing in every format, init, migrate, and errors on a malformed state file.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn kitei(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kitei")).args(args).output().expect("kitei runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn version(v: &str) -> String {
    common::root().join(format!("regulations/jlis-ninsho-jimu-kanri-kitei/{v}.md")).display().to_string()
}

/// A fresh scratch directory under the target directory.
fn scratch(name: &str) -> PathBuf {
    let d = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("checklist-cli-{name}"));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn lists_in_every_format() {
    let seed = version("2016-01-01");
    for (format, marker) in [
        ("md", "| ☐ | `art_8__para_1` | 第8条 | 禁止 |"),
        ("csv", "art_8__para_1,第8条,第2章 基本原則,prohibition,"),
        ("json", "\"classification\": \"prohibition\""),
        ("html", "<tr id=\"art_8__para_1\""),
        ("oscal", "\"oscal-version\": \"1.1.2\""),
    ] {
        let o = kitei(&["checklist", &seed, "--format", format]);
        assert!(o.status.success(), "{format}: {}", stderr(&o));
        let out = String::from_utf8(o.stdout).unwrap();
        assert!(out.contains(marker), "{format} lacks {marker}");
        // Same input, byte-identical output.
        assert_eq!(kitei(&["checklist", &seed, "--format", format]).stdout, out.as_bytes());
    }
}

#[test]
fn init_edit_list_migrate() {
    let dir = scratch("flow");
    let state = dir.join("audit.toml");
    let o = kitei(&["checklist", "init", &version("2016-01-01"), "-o", s(&state)]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = std::fs::read_to_string(&state).unwrap();
    assert!(text.contains("[entries.\"art_11__para_1__item_3\"]"));
    assert!(text.contains("[meta]\nregulation = \"地方公共団体情報システム機構認証事務管理規程\""));
    // init refuses to overwrite a state file.
    let again = kitei(&["checklist", "init", &version("2016-01-01"), "-o", s(&state)]);
    assert!(!again.status.success());
    assert!(stderr(&again).contains("--force"));

    // An auditor marks 第21条 (監査) compliant by hand.
    let edited = text.replacen(
        "[entries.\"art_21__para_1\"]\nlabel = \"第21条\"\n",
        "[entries.\"art_21__para_1\"]\nlabel = \"第21条\"\n# checked on site\nauditor_ref = \"A-7\"\n",
        1,
    );
    let mut lines: Vec<String> = edited.lines().map(String::from).collect();
    let at = lines.iter().position(|l| l == "[entries.\"art_21__para_1\"]").unwrap();
    let st = lines[at..].iter().position(|l| l.starts_with("status = ")).unwrap() + at;
    lines[st] = "status = \"compliant\"".into();
    std::fs::write(&state, lines.join("\n") + "\n").unwrap();

    let o = kitei(&["checklist", &version("2016-01-01"), "--state", s(&state), "--format", "csv"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let csv = String::from_utf8(o.stdout).unwrap();
    assert!(csv.lines().any(|l| l.starts_with("art_21__para_1,第21条,") && l.contains(",compliant,")));
    let o = kitei(&["checklist", &version("2016-01-01"), "--state", s(&state)]);
    assert!(String::from_utf8(o.stdout).unwrap().contains("Reviewed: 1 / 42"));

    let next = dir.join("audit-2027.toml");
    let report = dir.join("report.txt");
    let o = kitei(&[
        "checklist",
        "migrate",
        "--from",
        &version("2016-01-01"),
        "--to",
        &version("2027-04-01"),
        "--state",
        s(&state),
        "-o",
        s(&next),
        "--report",
        s(&report),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let migrated = std::fs::read_to_string(&next).unwrap();
    let block = migrated.split("[entries.\"art_22__para_1\"]").nth(1).unwrap().split("\n[").next().unwrap();
    assert!(block.contains("status = \"compliant\""), "{block}");
    assert!(block.contains("auditor_ref = \"A-7\""), "{block}");
    assert!(migrated.contains("[archived.\"art_10__para_3\"]"));
    let report = std::fs::read_to_string(&report).unwrap();
    assert!(
        report.contains("art_21__para_1 (第21条) → art_22__para_1 (第22条): renumbered, status compliant kept"),
        "{report}"
    );
    assert!(report.contains("archived   art_25__para_2__item_5"));
    // The input state is untouched without --in-place.
    assert!(std::fs::read_to_string(&state).unwrap().contains("[entries.\"art_21__para_1\"]"));

    // --in-place rewrites the state file itself.
    let o = kitei(&[
        "checklist",
        "migrate",
        "--from",
        &version("2016-01-01"),
        "--to",
        &version("2027-04-01"),
        "--state",
        s(&state),
        "--in-place",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("renumbered"));
    assert_eq!(std::fs::read_to_string(&state).unwrap(), migrated);
}

#[test]
fn malformed_state_is_an_error_with_its_line_and_is_left_alone() {
    let dir = scratch("malformed");
    let state = dir.join("bad.toml");
    let bad = "[meta]\nregulation = \"x\"\n\n[entries.\"art_8__para_1\"]\nstatus = \"done\"\n";
    std::fs::write(&state, bad).unwrap();
    let out = dir.join("out.toml");
    let o = kitei(&[
        "checklist",
        "migrate",
        "--from",
        &version("2016-01-01"),
        "--to",
        &version("2027-04-01"),
        "--state",
        s(&state),
        "-o",
        s(&out),
    ]);
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(err.contains(&format!("{}:5:", s(&state))), "{err}");
    assert!(err.contains("done"), "{err}");
    assert_eq!(std::fs::read_to_string(&state).unwrap(), bad);
    assert!(!out.exists());

    // A syntax error too, and for the listing and --in-place.
    let syntax = "[meta]\nregulation = \"x\n";
    std::fs::write(&state, syntax).unwrap();
    let o = kitei(&["checklist", &version("2016-01-01"), "--state", s(&state)]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains(&format!("{}:2:", s(&state))), "{}", stderr(&o));
    let o = kitei(&[
        "checklist",
        "migrate",
        "--from",
        &version("2016-01-01"),
        "--to",
        &version("2027-04-01"),
        "--state",
        s(&state),
        "--in-place",
    ]);
    assert!(!o.status.success());
    assert_eq!(std::fs::read_to_string(&state).unwrap(), syntax);
}

#[test]
fn missing_file_and_bad_format_are_errors() {
    let o = kitei(&["checklist"]);
    assert!(!o.status.success());
    let o = kitei(&["checklist", &version("2016-01-01"), "--format", "pdf"]);
    assert!(!o.status.success());
    let o = kitei(&["checklist", "/nonexistent/x.md"]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("/nonexistent/x.md"));
}

#[test]
fn english_from_the_sibling_translation() {
    let o = kitei(&["checklist", &version("2027-04-01"), "--lang", "en", "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let entries = v["entries"].as_array().unwrap();
    assert!(entries.iter().all(|e| e["english"].is_string()), "{}", stderr(&o));
    let audit = entries.iter().find(|e| e["id"] == "art_22__para_1").unwrap();
    assert!(audit["english"].as_str().unwrap().contains("audit"), "{}", audit["english"]);
}

#[test]
fn migrate_report_never_overwrites_an_input() {
    let dir = std::env::temp_dir().join(format!("kitei-report-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let reg = common::root().join("regulations/jlis-ninsho-jimu-kanri-kitei");
    let old = dir.join("2016-01-01.md");
    std::fs::copy(reg.join("2016-01-01.md"), &old).unwrap();
    let before = std::fs::read(&old).unwrap();
    let state = dir.join("audit.toml");
    let bin = env!("CARGO_BIN_EXE_kitei");
    let o =
        std::process::Command::new(bin).args(["checklist", "init"]).arg(&old).arg("-o").arg(&state).output().unwrap();
    assert!(o.status.success());
    let o = std::process::Command::new(bin)
        .args(["checklist", "migrate", "--from"])
        .arg(&old)
        .arg("--to")
        .arg(reg.join("2027-04-01.md"))
        .arg("--state")
        .arg(&state)
        .arg("-o")
        .arg(dir.join("next.toml"))
        .arg("--report")
        .arg(&old)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("refusing to write the output over the input"));
    assert_eq!(std::fs::read(&old).unwrap(), before);
}

#[test]
fn a_state_is_used_only_with_its_own_version() {
    let dir = scratch("version");
    let state = dir.join("audit.toml");
    assert!(kitei(&["checklist", "init", &version("2016-01-01"), "-o", s(&state)]).status.success());
    let text = std::fs::read_to_string(&state).unwrap();
    assert!(text.contains("fingerprint = \"fnv1a64:"), "{text}");
    // The same bytes on every run.
    let again = dir.join("again.toml");
    assert!(kitei(&["checklist", "init", &version("2016-01-01"), "-o", s(&again)]).status.success());
    assert_eq!(std::fs::read_to_string(&again).unwrap(), text);
    // Against the amended version: refused, saying how to carry it over; nothing shown.
    let o = kitei(&["checklist", &version("2027-04-01"), "--state", s(&state)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("belongs to another version (2016-01-01)"), "{}", stderr(&o));
    assert!(stderr(&o).contains("kitei checklist migrate --from"), "{}", stderr(&o));
    assert!(o.stdout.is_empty());
    // A state written before fingerprints were recorded: its version name decides.
    let meta_line = text.lines().find(|l| l.starts_with("fingerprint = ")).unwrap();
    let legacy = text.replacen(&format!("{meta_line}\n"), "", 1);
    assert!(!legacy.contains(meta_line));
    let legacy_path = dir.join("legacy.toml");
    std::fs::write(&legacy_path, legacy).unwrap();
    let o = kitei(&["checklist", &version("2027-04-01"), "--state", s(&legacy_path)]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    // Migrated in place, the state belongs to the new version.
    let o = kitei(&[
        "checklist",
        "migrate",
        "--from",
        &version("2016-01-01"),
        "--to",
        &version("2027-04-01"),
        "--state",
        s(&state),
        "--in-place",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(kitei(&["checklist", &version("2027-04-01"), "--state", s(&state)]).status.success());
    assert_eq!(kitei(&["checklist", &version("2016-01-01"), "--state", s(&state)]).status.code(), Some(2));
}

#[test]
fn two_migrations_of_one_state_at_once_do_not_interleave() {
    let dir = scratch("concurrent");
    let state = dir.join("audit.toml");
    assert!(kitei(&["checklist", "init", &version("2016-01-01"), "-o", s(&state)]).status.success());
    let spawn = || {
        Command::new(env!("CARGO_BIN_EXE_kitei"))
            .args(["checklist", "migrate", "--from", &version("2016-01-01"), "--to", &version("2027-04-01")])
            .args(["--state", s(&state), "--in-place"])
            .output()
    };
    let (a, b) = std::thread::scope(|sc| {
        let a = sc.spawn(spawn);
        let b = sc.spawn(spawn);
        (a.join().unwrap().unwrap(), b.join().unwrap().unwrap())
    });
    // One migrates; the other waits for the lock, then finds the state already belongs to the new version.
    let codes = [a.status.code(), b.status.code()];
    assert!(codes.contains(&Some(0)) && codes.contains(&Some(2)), "{codes:?} {} {}", stderr(&a), stderr(&b));
    let loser = if a.status.success() { &b } else { &a };
    assert!(stderr(loser).contains("belongs to another version"), "{}", stderr(loser));
    assert!(kitei(&["checklist", &version("2027-04-01"), "--state", s(&state)]).status.success());
    assert!(!dir.join("audit.toml.lock").exists());
    let left: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(left.len(), 1, "{left:?}");
}

#[test]
fn all_lists_every_class_and_the_old_flag_still_works() {
    let seed = version("2016-01-01");
    let count = |o: &Output| String::from_utf8_lossy(&o.stdout).lines().filter(|l| l.starts_with("art_")).count();
    let default = kitei(&["checklist", &seed, "--format", "csv"]);
    let all = kitei(&["checklist", &seed, "--format", "csv", "--all"]);
    let old = kitei(&["checklist", &seed, "--format", "csv", "--include-definitions"]);
    assert!(default.status.success() && all.status.success() && old.status.success(), "{}", stderr(&old));
    assert!(count(&all) > count(&default));
    assert_eq!(all.stdout, old.stdout, "--include-definitions is an alias of --all");
    let text = String::from_utf8_lossy(&all.stdout);
    assert!(text.contains("art_1__para_1,第1条,第1章 総則,purpose,"), "{text}");
    let help = kitei(&["checklist", "--help"]);
    assert!(!String::from_utf8_lossy(&help.stdout).contains("include-definitions"), "the alias is hidden");
}

#[test]
fn sanctions_are_shown_on_the_duties_they_cite() {
    let dir = scratch("sanctions");
    let law = dir.join("law.txt");
    std::fs::write(
        &law,
        "宿泊法\n第一条　営業者は、宿泊者名簿を備えなければならない。\n第二条　前条の規定に違反した者は、五十万円以下の罰金に処する。\n",
    )
    .unwrap();
    let o = kitei(&["checklist", s(&law), "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let entries = v["entries"].as_array().unwrap();
    assert_eq!(entries.len(), 1, "the 罰則 is no entry: {v}");
    assert_eq!(entries[0]["penalties"][0], "罰則: 第2条（五十万円以下の罰金）");
    let md = kitei(&["checklist", s(&law)]);
    assert!(String::from_utf8_lossy(&md.stdout).contains("〔罰則: 第2条（五十万円以下の罰金）〕"));
}
