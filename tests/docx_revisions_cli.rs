//! `--revisions after|before` on every command that reads a regulation: a Word document whose 第1条 has
//! 「甲」 deleted and 「乙」 inserted as tracked changes reads as 乙 by default and as 甲 with `before`.

use docx_rs::{Delete, Docx, Insert, Paragraph, Run};
use std::path::{Path, PathBuf};
use std::process::Command;

const DATE: &str = "2027-01-01T00:00:00Z";

/// 「テスト規程」, then 第1条 with 甲 → 乙 tracked, and 第2条 unchanged.
fn tracked() -> Vec<u8> {
    let plain = |t: &str| Paragraph::new().add_run(Run::new().add_text(t));
    let article = Paragraph::new()
        .add_run(Run::new().add_text("第1条　職員は、"))
        .add_delete(Delete::new().add_run(Run::new().add_delete_text("甲")).author("k").date(DATE))
        .add_insert(Insert::new(Run::new().add_text("乙")).author("k").date(DATE))
        .add_run(Run::new().add_text("を守らなければならない。"));
    let doc = Docx::new()
        .add_paragraph(plain("テスト規程"))
        .add_paragraph(article)
        .add_paragraph(plain("第2条　職員は、記録を保存しなければならない。"));
    let mut out = std::io::Cursor::new(Vec::new());
    doc.build().pack(&mut out).unwrap();
    out.into_inner()
}

struct Dir(PathBuf);

impl Dir {
    /// A folder of its own for each test (they run in parallel in one process).
    fn new(test: &str) -> Dir {
        let d = std::env::temp_dir().join(format!("kitei-docx-revisions-{}-{test}", std::process::id()));
        std::fs::create_dir_all(&d).unwrap();
        std::fs::write(d.join("t.docx"), tracked()).unwrap();
        Dir(d)
    }
    fn file(&self, name: &str, text: &str) -> String {
        let p = self.0.join(name);
        std::fs::write(&p, text).unwrap();
        s(&p)
    }
    fn docx(&self) -> String {
        s(&self.0.join("t.docx"))
    }
}

impl Drop for Dir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn s(p: &Path) -> String {
    p.to_str().unwrap().to_string()
}

/// Runs kitei; returns standard output, failing with standard error when the command fails.
fn kitei(args: &[&str]) -> String {
    let o = Command::new(env!("CARGO_BIN_EXE_kitei")).args(args).output().unwrap();
    assert!(o.status.success(), "kitei {args:?}: {}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout).unwrap()
}

/// Runs kitei with `--revisions after` (the default, so also without the flag) and `before`.
fn both(args: &[&str]) -> (String, String) {
    let after = kitei(args);
    assert_eq!(after, kitei(&[args, &["--revisions", "after"]].concat()), "after is the default");
    (after, kitei(&[args, &["--revisions", "before"]].concat()))
}

#[test]
fn export_and_parse_read_the_chosen_revision() {
    let d = Dir::new("export");
    let (after, before) = both(&["export", &d.docx(), "--to", "text"]);
    assert!(after.contains("職員は、乙を守らなければならない。") && !after.contains('甲'), "{after}");
    assert!(before.contains("職員は、甲を守らなければならない。") && !before.contains('乙'), "{before}");
    let (after, before) = both(&["parse", &d.docx(), "--format", "text"]);
    assert!(after.contains('乙') && before.contains('甲'));
}

#[test]
fn checklist_lists_the_chosen_revision() {
    let d = Dir::new("checklist");
    let (after, before) = both(&["checklist", &d.docx()]);
    assert!(after.contains("乙を守らなければならない") && !after.contains("甲を"), "{after}");
    assert!(before.contains("甲を守らなければならない") && !before.contains("乙を"), "{before}");
    let (after, before) = both(&["checklist", "init", &d.docx()]);
    assert_ne!(after, before, "the state's fingerprint follows the text read");
}

#[test]
fn amend_and_apply_read_the_chosen_revision() {
    let d = Dir::new("amend");
    let old = d.file(
        "old.txt",
        "テスト規程\n第1条　職員は、甲を守らなければならない。\n第2条　職員は、記録を保存しなければならない。\n",
    );
    let after = kitei(&["amend", &old, &d.docx()]);
    assert!(after.contains("第1条中「甲」を「乙」に改める。"), "{after}");
    // Before the changes, the document is OLD itself.
    let args = ["amend", &old, &d.docx(), "--revisions", "before"];
    let o = Command::new(env!("CARGO_BIN_EXE_kitei")).args(args).output().unwrap();
    assert!(String::from_utf8_lossy(&o.stderr).contains("do not differ"), "{}", String::from_utf8_lossy(&o.stdout));
    // The act applies to the text before the changes only: after them there is no 甲 to replace.
    let act = d.file("act.txt", "第1条中「甲」を「乙」に改める。\n");
    let applied = kitei(&["apply", &d.docx(), &act, "--revisions", "before"]);
    assert!(applied.contains("職員は、乙を守らなければならない。"), "{applied}");
    let o = Command::new(env!("CARGO_BIN_EXE_kitei")).args(["apply", &d.docx(), &act]).output().unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", String::from_utf8_lossy(&o.stdout));
}

#[test]
fn a_tracked_act_in_word_is_applied_in_the_chosen_revision() {
    let d = Dir::new("act");
    let old = d.file("old.txt", "テスト規程\n第1条　職員は、甲を守らなければならない。\n");
    // An act whose instruction was itself edited with tracked changes: 「甲」を「乙」 → 「甲」を「丙」.
    let act = Paragraph::new()
        .add_run(Run::new().add_text("第1条中「甲」を「"))
        .add_delete(Delete::new().add_run(Run::new().add_delete_text("乙")).author("k").date(DATE))
        .add_insert(Insert::new(Run::new().add_text("丙")).author("k").date(DATE))
        .add_run(Run::new().add_text("」に改める。"));
    let mut out = std::io::Cursor::new(Vec::new());
    Docx::new().add_paragraph(act).build().pack(&mut out).unwrap();
    let act_path = d.0.join("act.docx");
    std::fs::write(&act_path, out.into_inner()).unwrap();
    let (after, before) = both(&["apply", &old, &s(&act_path)]);
    assert!(after.contains("職員は、丙を") && !after.contains('\u{FDD0}'), "{after}");
    assert!(before.contains("職員は、乙を"), "{before}");
}

#[test]
fn lint_and_diff_take_the_flag_and_build_does_not() {
    let d = Dir::new("lint");
    let (after, before) = both(&["lint", &d.docx(), "--format", "json"]);
    assert!(after.starts_with('[') && before.starts_with('['));
    let old = d.file(
        "old.md",
        "テスト規程\n\n第1条　職員は、甲を守らなければならない。\n\n第2条　職員は、記録を保存しなければならない。\n",
    );
    let (after, before) = both(&["diff", &old, &d.docx(), "--format", "md"]);
    assert!(after.contains("<u>乙</u>"), "{after}");
    assert!(!before.contains("<u>"), "{before}");
    // The site reads .md, .txt and .xml versions only: the flag is not offered there.
    let o = Command::new(env!("CARGO_BIN_EXE_kitei")).args(["build", "--revisions", "before"]).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
}

/// `kitei lint` names a .docx's paragraph (¶N: the N-th paragraph of the document, empty ones counted), the
/// same in either revision although the lines of text differ.
#[test]
fn lint_findings_in_a_docx_name_the_paragraph() {
    let d = Dir::new("para");
    let plain = |t: &str| Paragraph::new().add_run(Run::new().add_text(t));
    let deleted = Paragraph::new()
        .add_delete(Delete::new().add_run(Run::new().add_delete_text("第2条　削る。")).author("k").date(DATE))
        .delete("k", DATE);
    let doc = Docx::new()
        .add_paragraph(plain("テスト規程"))
        .add_paragraph(Paragraph::new())
        .add_paragraph(plain("第1条　職員は、記録を保存しなければならない。"))
        .add_paragraph(deleted)
        .add_paragraph(plain("第2条　第9条の規定による記録は、保存しなければならない。"));
    let mut out = std::io::Cursor::new(Vec::new());
    doc.build().pack(&mut out).unwrap();
    let path = d.0.join("p.docx");
    std::fs::write(&path, out.into_inner()).unwrap();
    for which in ["after", "before"] {
        let o = Command::new(env!("CARGO_BIN_EXE_kitei"))
            .args(["lint", &s(&path), "--revisions", which, "--no-translation"])
            .output()
            .unwrap();
        let report = String::from_utf8(o.stdout).unwrap();
        let line = report.lines().find(|l| l.contains("第9条")).unwrap_or_else(|| panic!("{which}: {report}"));
        assert!(line.starts_with(&format!("{}:¶5: ", path.display())), "{which}: {line}");
    }
    // Every command's one-line structure warning names the paragraph too: before the changes, the deleted
    // 第2条 (¶4) and the kept one (¶5) are two 第2条.
    let o = Command::new(env!("CARGO_BIN_EXE_kitei"))
        .args(["export", &s(&path), "--to", "text", "--revisions", "before"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains(&format!("{}:¶5: warning[structure-article-order]:", path.display())), "{err}");
}
