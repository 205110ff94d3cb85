//! `kitei build` from the command line: exit codes, --quiet, refusing to overwrite a directory that is not a site.

use std::path::PathBuf;
use std::process::Command;

fn temp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("kitei-cli-build-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    d
}

fn kitei() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_kitei"));
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    c
}

#[test]
fn build_writes_a_site_quietly_and_refuses_foreign_directories() {
    let dir = temp("quiet");
    let out = dir.join("site");
    let o = kitei()
        .args(["build", "--as-of", "2026-11-25", "regulations", "-o"])
        .arg(&out)
        .arg("--quiet")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(o.stderr.is_empty(), "--quiet printed {}", String::from_utf8_lossy(&o.stderr));
    assert!(out.join("index.html").is_file());
    assert!(out.join(".kitei-site").is_file());
    // Without --quiet, a summary on stderr (no progress bar: stderr is not a terminal).
    let o = kitei().args(["build", "--as-of", "2026-11-25", "regulations", "-o"]).arg(&out).output().unwrap();
    assert!(o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("built 1 regulation(s), 3 version(s)"));
    // A directory that is not a kitei site is left alone.
    let foreign = dir.join("foreign");
    std::fs::create_dir_all(&foreign).unwrap();
    std::fs::write(foreign.join("keep.txt"), "x").unwrap();
    let o = kitei().args(["build", "--as-of", "2026-11-25", "regulations", "-o"]).arg(&foreign).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("not a kitei site"));
    assert!(foreign.join("keep.txt").is_file());
    // A missing input folder is an error, not a panic.
    let o =
        kitei().args(["build", "--as-of", "2026-11-25", "no-such-folder", "-o"]).arg(dir.join("x")).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no-such-folder"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn folder_problems_are_located_warnings_and_strict_makes_them_an_error() {
    let dir = temp("strict");
    let reg = dir.join("in/r");
    std::fs::create_dir_all(&reg).unwrap();
    let text = "規程\n\n第1条　目的とする。\n";
    std::fs::write(reg.join("2019-12-17.md"), text).unwrap();
    std::fs::write(reg.join("2023-13-45.md"), text).unwrap();
    let build = |extra: &[&str]| {
        kitei()
            .args(["build", "--as-of", "2026-11-25", "-o"])
            .arg(dir.join("out"))
            .arg(dir.join("in"))
            .args(extra)
            .output()
            .unwrap()
    };
    let o = build(&["--strict"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("2023-13-45.md: warning[version-date-impossible]"), "{err}");
    assert!(!dir.join("out").exists());
    let o = build(&[]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(
        err.contains("r/2023-13-45.md: warning[version-date-impossible]: 2023-13-45 is not a calendar date"),
        "{err}"
    );
    assert!(err.contains("1 version(s)"), "{err}");
    assert!(dir.join("out/r/2019-12-17.html").is_file() && !dir.join("out/r/2023-13-45.html").exists());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn an_unreadable_regulation_is_reported_and_skipped_or_stops_the_build_with_fail_fast() {
    let dir = temp("failures");
    let regs = dir.join("regs");
    for (sub, file, text) in [
        ("a-broken", "2020-01-01.xml", "<?xml version=\"1.0\"?>\n<Law><LawBody><MainProvision>\n<Article Num=\"1\">\n"),
        ("b-good", "2020-01-01.md", "# 規程\n\n第1条　甲とする。\n"),
        ("c-bad-toml", "regulation.toml", "slug = \"c\"\ntitle_ja = \"規程\" x\n"),
        ("c-bad-toml", "2020-01-01.md", "# 規程\n\n第1条　乙とする。\n"),
    ] {
        std::fs::create_dir_all(regs.join(sub)).unwrap();
        std::fs::write(regs.join(sub).join(file), text).unwrap();
    }
    let out = dir.join("site");
    let o = kitei().args(["build", "--as-of", "2026-11-25", "--quiet", "-o"]).arg(&out).arg(&regs).output().unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    // Each failure names its file (and line:column where there is one); the good regulation is published.
    assert!(err.contains("a-broken/2020-01-01.xml"), "{err}");
    assert!(err.contains("c-bad-toml/regulation.toml:2:"), "{err}");
    assert!(err.contains("2 regulation(s) could not be read"), "{err}");
    assert!(out.join("b-good/index.html").is_file());
    assert!(!out.join("a-broken").exists() && !out.join("c").exists());
    // --fail-fast: the first failure is the error and nothing is written.
    let out2 = dir.join("site2");
    let o = kitei().args(["build", "--fail-fast", "--quiet", "-o"]).arg(&out2).arg(&regs).output().unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("a-broken/2020-01-01.xml") && !err.contains("c-bad-toml"), "{err}");
    assert!(!out2.exists());
    std::fs::remove_dir_all(&dir).unwrap();
}
