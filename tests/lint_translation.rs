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

/// A copy of the seed version and its translation in a fresh directory.
fn seed_copy(tag: &str) -> std::path::PathBuf {
    let src = common::root().join("regulations/jlis-ninsho-jimu-kanri-kitei");
    let dir = std::env::temp_dir().join(format!("kitei-lint-{tag}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for f in ["2016-01-01.md", "2016-01-01.en.md"] {
        std::fs::copy(src.join(f), dir.join(f)).unwrap();
    }
    dir
}

fn stale_lines(out: &str) -> Vec<&str> {
    out.lines().filter(|l| l.contains("translation-stale")).collect()
}

#[test]
fn editing_a_version_in_place_flags_exactly_that_provision_at_its_english_line() {
    let dir = seed_copy("inplace");
    let ja = dir.join("2016-01-01.md");
    let original = std::fs::read_to_string(&ja).unwrap();
    // 第12条's wording, edited in the very file the translation names.
    let edited = original.replacen("障害対策等の措置", "障害対策その他の措置", 1);
    assert_ne!(edited, original);
    std::fs::write(&ja, &edited).unwrap();
    let (_, out) = lint(&[&ja]);
    let stale = stale_lines(&out);
    assert_eq!(stale.len(), 1, "{out}");
    // Reported in the English file, at the line of Article 12's English.
    let en = std::fs::read_to_string(dir.join("2016-01-01.en.md")).unwrap();
    let line = en.lines().position(|l| l.starts_with("Article 12 ")).unwrap() + 2;
    assert!(
        stale[0].contains(&format!("2016-01-01.en.md:{line}:1:")) && stale[0].contains("(art_12__para_1)"),
        "{out}"
    );
    // Undoing the edit clears it.
    std::fs::write(&ja, &original).unwrap();
    let (_, out) = lint(&[&ja]);
    assert!(stale_lines(&out).is_empty(), "{out}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_changed_item_flags_the_item_not_its_article_or_lead_in() {
    let dir = seed_copy("item");
    let ja = dir.join("2016-01-01.md");
    let original = std::fs::read_to_string(&ja).unwrap();
    std::fs::write(&ja, original.replacen("その他セキュリティ対策に必要な措置", "その他安全管理に必要な措置", 1))
        .unwrap();
    let (_, out) = lint(&[&ja]);
    let stale = stale_lines(&out);
    assert_eq!(stale.len(), 1, "{out}");
    assert!(stale[0].ends_with("(art_10__para_4__item_5)"), "{out}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_glossary_check_flags_a_term_rendered_otherwise_at_the_english_line() {
    let dir = seed_copy("terms");
    let src = common::root().join("regulations/jlis-ninsho-jimu-kanri-kitei");
    std::fs::copy(src.join("glossary.toml"), dir.join("glossary.toml")).unwrap();
    let (_, out) = lint(&[&dir.join("2016-01-01.md")]);
    assert!(!out.contains("translation-term"), "the project's translation follows its glossary: {out}");
    let en = std::fs::read_to_string(dir.join("2016-01-01.en.md")).unwrap();
    let old = "Entrusted business operators are to be supervised appropriately.";
    assert!(en.contains(old));
    std::fs::write(
        dir.join("2016-01-01.en.md"),
        en.replace(old, "Appropriate oversight is to be exercised over contractors."),
    )
    .unwrap();
    let (_, out) = lint(&[&dir.join("2016-01-01.md")]);
    let terms: Vec<&str> = out.lines().filter(|l| l.contains("translation-term")).collect();
    let line = en.lines().position(|l| l.ends_with(old)).unwrap() + 1;
    // 委託先事業者 and 監督 are both in 第25条第3項 and neither English is used.
    assert_eq!(terms.len(), 2, "{out}");
    assert!(
        terms.iter().all(|l| l.contains(&format!("2016-01-01.en.md:{line}:1:")) && l.ends_with("(art_25__para_3)")),
        "{out}"
    );
    assert!(terms.iter().any(|l| l.contains("「監督」 is \"supervise\"")), "{out}");
    std::fs::remove_dir_all(&dir).unwrap();
}
