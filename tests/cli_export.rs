//! `kitei export` end to end: every target format, atomic `-o`, refusal to overwrite the input.

use std::path::{Path, PathBuf};
use std::process::Command;

fn kitei() -> Command {
    Command::new(env!("CARGO_BIN_EXE_kitei"))
}

fn seed() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("regulations/jlis-ninsho-jimu-kanri-kitei/2016-01-01.md")
}

#[test]
fn exports_every_format() {
    for (to, needle) in [
        ("egov-xml", "<ArticleTitle>第1条</ArticleTitle>"),
        ("akn", "<article eId=\"art_1\">"),
        ("json", "\"id\": \"art_1\""),
        ("text", "第1条"),
    ] {
        let out = kitei().args(["export", "--to", to]).arg(seed()).output().unwrap();
        assert!(out.status.success(), "{to}: {}", String::from_utf8_lossy(&out.stderr));
        let s = String::from_utf8(out.stdout).unwrap();
        assert!(s.contains(needle), "{to}: {needle} not in the output");
        let again = kitei().args(["export", "--to", to]).arg(seed()).output().unwrap();
        assert_eq!(s.as_bytes(), &again.stdout[..], "{to}: output is not deterministic");
    }
}

#[test]
fn writes_to_a_file_and_never_over_the_input() {
    let dir = std::env::temp_dir().join(format!("kitei-cli-export-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let out = dir.join("seed.xml");
    let st = kitei().args(["export", "--to", "egov-xml"]).arg(seed()).arg("-o").arg(&out).status().unwrap();
    assert!(st.success());
    let xml = std::fs::read_to_string(&out).unwrap();
    let doc = kitei::parse::egov_xml::parse("seed.xml", &xml).unwrap().document;
    assert_eq!(doc.articles().len(), kitei::load(&seed()).unwrap().document.articles().len());
    let r = kitei().args(["export", "--to", "egov-xml"]).arg(&out).arg("-o").arg(&out).output().unwrap();
    assert!(!r.status.success());
    assert!(String::from_utf8_lossy(&r.stderr).contains("refusing"));
    let bad = dir.join("bad.xml");
    std::fs::write(&bad, "<Law>\n<LawNum>x</Law>").unwrap();
    let r = kitei().args(["export", "--to", "akn"]).arg(&bad).output().unwrap();
    assert!(!r.status.success());
    let err = String::from_utf8_lossy(&r.stderr);
    assert!(err.contains("bad.xml:2:"), "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn help_lists_every_format_and_a_wrong_one_is_refused() {
    let out = kitei().args(["export", "--help"]).output().unwrap();
    assert!(out.status.success());
    let help = String::from_utf8(out.stdout).unwrap();
    // Each format is listed with what it is, not only by name.
    for line in ["egov-xml: e-Gov 法令標準XML", "akn:      Akoma Ntoso 3.0", "json:", "text:"] {
        assert!(help.contains(line), "{line:?} not in:\n{help}");
    }
    let r = kitei().args(["export", "--to", "docx"]).arg(seed()).output().unwrap();
    assert_eq!(r.status.code(), Some(2), "a bad invocation");
    let err = String::from_utf8_lossy(&r.stderr);
    assert!(err.contains("invalid value 'docx'"), "{err}");
    assert!(err.contains("egov-xml, akn, json, text"), "{err}");
}
