//! `kitei amend` and `kitei apply` from the command line: output, errors with file:line:column, nothing written
//! on error.

use std::path::PathBuf;
use std::process::Command;

fn kitei() -> Command {
    Command::new(env!("CARGO_BIN_EXE_kitei"))
}

fn seed(v: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("regulations/jlis-ninsho-jimu-kanri-kitei/{v}.md"))
}

fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("kitei-amend-cli-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d.join(name)
}

#[test]
fn amend_then_apply_gives_the_new_text() {
    let am = tmp("amendment.txt");
    let out =
        kitei().args(["amend"]).arg(seed("2016-01-01")).arg(seed("2027-04-01")).arg("-o").arg(&am).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = std::fs::read_to_string(&am).unwrap();
    assert!(text.starts_with("地方公共団体情報システム機構認証事務管理規程の一部を改正する規程\n"), "{text}");
    let out = kitei().args(["apply"]).arg(seed("2016-01-01")).arg(&am).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let applied = String::from_utf8(out.stdout).unwrap();
    assert!(applied.contains("情報セキュリティインシデント"), "{applied}");
    // The act's own 附則 is appended to the amended text.
    assert!(applied.trim_end().ends_with("この規程は、令和9年4月1日から施行する。"), "{applied}");
}

#[test]
fn a_failing_instruction_writes_nothing() {
    let am = tmp("bad.txt");
    std::fs::write(&am, "規程の一部を改正する規程\n第5条中「存在しない」を「何か」に改める。\n").unwrap();
    let dest = tmp("never-written.txt");
    let out = kitei().args(["apply"]).arg(seed("2016-01-01")).arg(&am).arg("-o").arg(&dest).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bad.txt:2:1: cannot apply 「第5条中「存在しない」を「何か」に改める」"), "{err}");
    assert!(!dest.exists());
}

#[test]
fn amend_says_which_excerpted_suppl_provisions_it_leaves_out() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/egov-xml");
    let dir = if dir.is_dir() { dir } else { PathBuf::from("/work/shared/corpus/egov-xml") };
    let out = kitei()
        .arg("amend")
        .arg(dir.join("405AC0000000088_20180401_429AC0000000004.xml"))
        .arg(dir.join("405AC0000000088_20240401_504AC0100000052.xml"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("行政手続法の一部を改正する法律\n"), "{text}");
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("note: the excerpt (抄) of the 附則 of 平成二九年三月三一日法律第四号"), "{stderr}");
}

#[test]
fn every_unit_for_the_text_is_applied_and_a_unit_for_another_law_is_named() {
    let old = tmp("kou.txt");
    std::fs::write(&old, "甲規程\n第一条　甲とする。\n").unwrap();
    let act = tmp("act.txt");
    std::fs::write(
        &act,
        "第一条　甲規程の一部を次のように改正する。\n第一条中「甲」を「乙」に改める。\n\
         第二条　丙規程の一部を次のように改正する。\n第一条中「丙」を「丁」に改める。\n\
         第三条　甲規程の一部を次のように改正する。\n第一条中「乙」を「戊」に改める。\n",
    )
    .unwrap();
    let out = kitei().args(["apply"]).arg(&old).arg(&act).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("第一条　戊とする。"));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("skipped unit 2 (丙規程): it amends another law"), "{err}");
    let out = kitei().args(["apply", "--unit", "1"]).arg(&old).arg(&act).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("第一条　乙とする。"));
}

/// NEW removed 第二項 but still cites 「第三項」 (now 第二項): the 改め文 gives NEW and is written, with one
/// warning saying that `kitei apply` will call it a ハネ漏れ (from the self-check, not a second application).
#[test]
fn amend_warns_once_when_new_itself_keeps_a_stale_reference() {
    let (old, new) = (tmp("stale-old.txt"), tmp("stale-new.txt"));
    std::fs::write(
        &old,
        "例規程\n第一条　甲とする。\n２　乙とする。\n３　丙とする。\n４　第三項の規定は、丁に準用する。\n",
    )
    .unwrap();
    std::fs::write(&new, "例規程\n第一条　甲とする。\n２　丙とする。\n３　第三項の規定は、丁に準用する。\n").unwrap();
    let out = kitei().args(["amend"]).arg(&old).arg(&new).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("第一条第二項を削り"), "{text}");
    let err = String::from_utf8(out.stderr).unwrap();
    let warnings: Vec<&str> = err.lines().filter(|l| l.starts_with("kitei: warning: ")).collect();
    assert_eq!(warnings.len(), 1, "{err}");
    assert!(
        warnings[0].starts_with("kitei: warning: the new version keeps references its renumbering moved; <generated>:")
            && warnings[0].contains("ハネ漏れ"),
        "{err}"
    );
}
