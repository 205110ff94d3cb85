//! `kitei lint` checks the sibling English translation: missing, orphaned and stale provisions.

mod common;

use std::process::Command;

fn lint(args: &[&std::path::Path]) -> (i32, String) {
    let o = Command::new(env!("CARGO_BIN_EXE_kitei")).arg("lint").args(args).output().unwrap();
    (o.status.code().unwrap_or(-1), String::from_utf8_lossy(&o.stdout).into_owned())
}

#[test]
fn an_up_to_date_translation_gives_no_translation_findings() {
    let (code, out) = lint(&[&common::root().join("regulations/jlis-ninsho-jimu-kanri-kitei/2016-01-01.md")]);
    assert_eq!(code, 0);
    assert!(!out.contains("translation-"), "{out}");
}

#[test]
fn a_translation_of_an_older_version_is_reported_stale_and_incomplete() {
    let src = common::root().join("regulations/jlis-ninsho-jimu-kanri-kitei");
    let dir = std::env::temp_dir().join(format!("kitei-lint-tr-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for f in ["2014-04-01.md", "2016-01-01.md"] {
        std::fs::copy(src.join(f), dir.join(f)).unwrap();
    }
    // The 2016 text with only the 2014 translation beside it.
    std::fs::copy(src.join("2014-04-01.en.md"), dir.join("2016-01-01.en.md")).unwrap();
    let (code, out) = lint(&[&dir.join("2016-01-01.md")]);
    assert_eq!(code, 0, "translation findings are warnings: {out}");
    // 第1条 cites the law by its new title since 2016: changed since the translated version.
    assert!(out.contains("warning[translation-stale]") && out.contains("(art_1__para_1)"), "{out}");
    // 第25条第2項第6号 (再委託) is new in 2016: the 2014 translation lacks it.
    assert!(out.lines().any(|l| l.contains("translation-missing") && l.contains("art_25__para_2__item_6")), "{out}");
    // Unchanged provisions are not reported.
    assert!(!out.contains("(art_9__para_1)"), "{out}");
    let (_, quiet) = lint(&[&dir.join("2016-01-01.md"), std::path::Path::new("--no-translation")]);
    assert!(!quiet.contains("translation-"), "{quiet}");
}

#[test]
fn an_empty_translation_of_declaration_does_not_break_lint() {
    let src = common::root().join("regulations/jlis-ninsho-jimu-kanri-kitei");
    let dir = std::env::temp_dir().join(format!("kitei-lint-empty-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(src.join("2016-01-01.md"), dir.join("2016-01-01.md")).unwrap();
    let en = std::fs::read_to_string(src.join("2016-01-01.en.md")).unwrap();
    std::fs::write(dir.join("2016-01-01.en.md"), en.replacen("translation-of: 2016-01-01.md", "translation-of: ", 1))
        .unwrap();
    let (code, out) = lint(&[&dir.join("2016-01-01.md")]);
    assert_eq!(code, 0, "{out}");
    assert!(!out.contains("translation-"), "{out}");
}
