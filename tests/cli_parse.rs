//! The `kitei parse` command end to end: JSON shape, text output, standard input, errors and exit codes,
//! atomic output that never overwrites the input, determinism.

mod common;

use std::process::{Command, Output};

fn kitei(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kitei")).args(args).output().expect("kitei runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn parse_prints_json_where_every_node_has_the_documented_fields() {
    let seed = common::seed_path();
    let o = kitei(&["parse", seed.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["type"], "regulation");
    assert_eq!(v["title"], "地方公共団体情報システム機構認証事務管理規程");
    fn check(n: &serde_json::Value, count: &mut usize) {
        for key in ["type", "id", "num", "label", "heading", "text", "children", "span"] {
            assert!(n.get(key).is_some(), "node {} lacks {key}", n["id"]);
        }
        *count += 1;
        for c in n["children"].as_array().unwrap() {
            check(c, count);
        }
    }
    let mut count = 0;
    for c in v["children"].as_array().unwrap() {
        check(c, &mut count);
    }
    assert!(count > 90, "{count} nodes");
    let art10 = &v["children"][3]["children"][1];
    assert_eq!(art10["id"], "art_10");
    assert_eq!(art10["label"], "第10条");
    assert_eq!(art10["num"], "10");
    assert_eq!(art10["span"]["start"]["line"], 66, "第10条 stands on line 66 of the seed");
}

#[test]
fn parse_is_deterministic_and_reads_standard_input() {
    let seed = common::seed_path();
    let a = kitei(&["parse", seed.to_str().unwrap()]);
    let b = kitei(&["parse", seed.to_str().unwrap()]);
    assert_eq!(a.stdout, b.stdout);
    let mut child = Command::new(env!("CARGO_BIN_EXE_kitei"))
        .args(["parse", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child.stdin.take().unwrap().write_all(&std::fs::read(&seed).unwrap()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["children"].as_array().unwrap().len(), 9, "目次, 5 chapters, 3 附則");
}

#[test]
fn text_output_parses_back() {
    let seed = common::seed_path();
    let o = kitei(&["parse", seed.to_str().unwrap(), "--format", "text"]);
    assert!(o.status.success());
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(text.contains("第25条\u{3000}委託先事業者の選定については"));
    assert!(text.contains("  (1)\u{3000}法第44条第2項に規定する"));
    let again = kitei::parse::parse_str(&text).unwrap();
    assert_eq!(again.articles().len(), 26);
}

#[test]
fn bad_input_names_file_line_and_column_and_fails() {
    let dir = std::env::temp_dir().join(format!("kitei-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let empty = dir.join("empty.txt");
    std::fs::write(&empty, "").unwrap();
    let o = kitei(&["parse", empty.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let e = stderr(&o);
    assert!(e.contains("empty.txt:1:1: expected a regulation with at least one article"), "{e}");
    assert!(e.contains("found an empty document"), "{e}");

    let garbage = dir.join("garbage.txt");
    std::fs::write(&garbage, b"\xE7\xAC\xAC1\xE6\x9D\xA1 ok\n\x80\x80\xFF\xFE\xFD").unwrap();
    let o = kitei(&["parse", garbage.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let e = stderr(&o);
    assert!(e.contains("garbage.txt:2:1: expected UTF-8 or Shift_JIS text, found the bytes"), "{e}");

    let prose = dir.join("prose.txt");
    std::fs::write(&prose, "これは規程ではない文章です。\n").unwrap();
    let o = kitei(&["parse", prose.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("found only the text 「これは規程ではない文章です。」"), "{}", stderr(&o));

    let missing = dir.join("missing.txt");
    let o = kitei(&["parse", missing.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("missing.txt"), "{}", stderr(&o));
    assert!(!stderr(&o).contains("panicked"));

    let o = kitei(&["parse"]);
    assert_eq!(o.status.code(), Some(2), "a bad invocation exits 2");
    let o = kitei(&["parse", empty.to_str().unwrap(), "--input-format", "nonsense"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn output_is_written_atomically_and_never_over_the_input() {
    let dir = std::env::temp_dir().join(format!("kitei-out-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let input = dir.join("rule.md");
    std::fs::copy(common::seed_path(), &input).unwrap();
    let before = std::fs::read(&input).unwrap();
    // -o rule.md would be refused for its extension (parse writes JSON or text); a link named .json to the
    // input is refused for being the input.
    let link = dir.join("link.json");
    let _ = std::fs::remove_file(&link);
    std::os::unix::fs::symlink(&input, &link).unwrap();
    let o = kitei(&["parse", input.to_str().unwrap(), "-o", link.to_str().unwrap()]);
    std::fs::remove_file(&link).unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("refusing to write the output over the input"), "{}", stderr(&o));
    assert_eq!(std::fs::read(&input).unwrap(), before);

    let out = dir.join("sub/rule.json");
    std::fs::create_dir_all(out.parent().unwrap()).unwrap();
    let o = kitei(&["parse", input.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!(v["type"], "regulation");
    let leftovers: Vec<_> = std::fs::read_dir(out.parent().unwrap()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(leftovers.len(), 1, "no temporary files left: {leftovers:?}");
}

#[test]
fn help_has_examples_and_version_is_printed() {
    let o = kitei(&["parse", "--help"]);
    assert!(String::from_utf8_lossy(&o.stdout).contains("Examples:"));
    let o = kitei(&["--version"]);
    assert!(String::from_utf8_lossy(&o.stdout).starts_with("kitei "));
}

#[test]
fn every_subcommand_help_has_examples() {
    for cmd in ["parse", "lint", "diff", "amend", "apply", "build", "checklist", "export", "schema"] {
        let o = kitei(&[cmd, "--help"]);
        assert!(o.status.success(), "{cmd}");
        assert!(String::from_utf8_lossy(&o.stdout).contains("Example"), "`kitei {cmd} --help` has no example");
    }
}

#[test]
fn an_english_translation_is_read_with_the_english_grammar() {
    let en = common::root().join("regulations/jlis-ninsho-jimu-kanri-kitei/2016-01-01.en.md");
    let o = kitei(&["parse", en.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let doc: kitei::Document = serde_json::from_slice(&o.stdout).unwrap();
    let a1 = doc.find("art_1").expect("Article 1 has the same ID as 第1条");
    assert_eq!(a1.heading.as_deref(), Some("Purpose"));
    assert_eq!(doc.articles().len(), 26);
}
