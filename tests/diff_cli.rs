//! `kitei diff` end to end: formats, colour rules, output files, template override.

mod common;

use std::path::PathBuf;
use std::process::Command;

fn kitei() -> Command {
    Command::new(env!("CARGO_BIN_EXE_kitei"))
}

fn pair() -> (PathBuf, PathBuf) {
    let dir = common::corpus("egov-revisions/330AC1000000186");
    (dir.join("330AC1000000186_20230607_505AC0000000044.txt"), dir.join("330AC1000000186_20250606_505AC0000000044.txt"))
}

fn run(args: &[&str], envs: &[(&str, &str)]) -> (bool, String, String) {
    let (o, n) = pair();
    let mut c = kitei();
    c.arg("diff").arg(&o).arg(&n).args(args);
    for (k, v) in envs {
        c.env(k, v);
    }
    let out = c.output().unwrap();
    (out.status.success(), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

#[test]
fn text_output_has_no_escapes_when_piped_or_no_color() {
    let (ok, out, _) = run(&[], &[]);
    assert!(ok);
    assert!(out.contains("第十六条の二"));
    assert!(!out.contains('\x1b'), "piped output must not be coloured");
    let (_, out, _) = run(&["--color", "always"], &[("NO_COLOR", "")]);
    assert!(out.contains("\x1b[4;32m"));
    let (_, out, _) = run(&["--color", "auto"], &[("NO_COLOR", "1")]);
    assert!(!out.contains('\x1b'));
    let (_, out, _) = run(&["--color", "never"], &[]);
    assert!(out.contains("{+第十六条の二+}"));
}

#[test]
fn every_format_opens_with_the_summary() {
    let (_, md, _) = run(&["--format", "md"], &[]);
    assert!(md.contains("**変更の概要**: 新設 1"));
    let (_, html, _) = run(&["--format", "html"], &[]);
    assert!(html.contains("<section class=\"summary\">") && html.contains("新設 1"));
    let (_, txt, _) = run(&["--format", "text"], &[]);
    assert!(txt.contains("変更の概要: 新設 1"));
    let (_, json, _) = run(&["--format", "json"], &[]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["summary"]["added"], 1);
    assert_eq!(v["changes"][0]["new_id"], "art_16-2");
}

#[test]
fn options_change_the_layout() {
    let (_, md, _) = run(&["--format", "md", "--old-left", "--headings", "draft", "--omit-unchanged"], &[]);
    assert!(md.contains("| 現行 | 改正案 |"), "{md}");
    assert!(md.contains("| （新設） | <u>第十六条の二</u>"), "{md}");
    let (_, md, _) = run(&["--format", "md", "--no-note"], &[]);
    assert!(!md.contains("傍線部分は改正部分"));
    // By default unchanged articles are left out; --unchanged abbreviate shows them as label + （略）;
    // --full (or --unchanged full) prints them whole.
    let (_, omitted, _) = run(&["--format", "md"], &[]);
    assert!(!omitted.contains("第一条"), "{omitted}");
    assert!(omitted.contains("第十六条の二"), "{omitted}");
    let (_, abbreviated, _) = run(&["--format", "md", "--unchanged", "abbreviate"], &[]);
    assert!(abbreviated.contains("第一条　（略）"), "{abbreviated}");
    for flag in [&["--full"][..], &["--unchanged", "full"]] {
        let (_, full, _) = run(&[&["--format", "md"][..], flag].concat(), &[]);
        assert!(full.contains("第一条　この法律は、"));
    }
    let (ok, _, err) = run(&["--format", "md", "--full", "--unchanged", "abbreviate"], &[]);
    assert!(!ok, "--full and --unchanged contradict: {err}");
}

#[test]
fn output_file_is_written_and_inputs_are_protected() {
    let dir = std::env::temp_dir().join(format!("kitei-diff-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let out = dir.join("shinkyu.html");
    let (ok, stdout, _) = run(&["--format", "html", "-o", out.to_str().unwrap()], &[]);
    assert!(ok);
    assert!(stdout.is_empty());
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    // Without --format, the extension of -o decides.
    let md = dir.join("shinkyu.md");
    assert!(run(&["-o", md.to_str().unwrap()], &[]).0);
    assert!(std::fs::read_to_string(&md).unwrap().contains("| 改正後 | 改正前 |"));
    // Same input, byte-identical output.
    let (_, again, _) = run(&["--format", "html"], &[]);
    assert_eq!(html, again);
    // Never over an input.
    let (_, n) = pair();
    let (ok, _, err) = run(&["-o", n.to_str().unwrap()], &[]);
    assert!(!ok);
    assert!(err.contains("refusing"), "{err}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn template_directory_overrides_the_html() {
    let dir = std::env::temp_dir().join(format!("kitei-diff-tpl-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("shinkyu.html.tera"),
        "<p>{{ t.title }}|{% for r in t.rows %}{{ r.change_name }};{% endfor %}|{{ \"<b>\" }}</p>",
    )
    .unwrap();
    let (ok, out, err) = run(&["--format", "html", "--omit-unchanged", "--templates", dir.to_str().unwrap()], &[]);
    assert!(ok, "{err}");
    // The unchanged chapter heading placing the added article, then the article.
    assert_eq!(out, "<p>原子力基本法（昭和三十年法律第百八十六号）|;added;|&lt;b&gt;</p>");
    // A directory without the template falls back to the built-in one (a directory that does not exist is an
    // error: see below).
    let empty = dir.join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    let (_, out, _) = run(&["--format", "html", "--templates", empty.to_str().unwrap()], &[]);
    assert!(out.contains("<table class=\"shinkyu\">"));
    // A broken template is an error, not a panic.
    std::fs::write(dir.join("shinkyu.html.tera"), "{% for %}").unwrap();
    let (ok, _, err) = run(&["--format", "html", "--templates", dir.to_str().unwrap()], &[]);
    assert!(!ok);
    assert!(err.contains("template"), "{err}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_missing_file_is_a_clear_error() {
    let out = kitei().args(["diff", "/nonexistent/a.md", "/nonexistent/b.md"]).output().unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent/a.md"));
}

#[test]
fn a_missing_templates_directory_is_an_error() {
    let (ok, _, err) = run(&["--format", "html", "--templates", "/nonexistent/kitei-templates"], &[]);
    assert!(!ok);
    assert!(err.contains("/nonexistent/kitei-templates: no such templates directory"), "{err}");
}
