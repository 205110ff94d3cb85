//! The binary's output files, formats and exit status, the same in every command: `-o` on a device or FIFO
//! writes through it, a regular file is replaced atomically, a directory or a missing folder is an error, the
//! extension of `-o` decides the format, and exit status 2 means an error (1 is kept for findings).

mod common;

use std::os::unix::fs::FileTypeExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn kitei() -> Command {
    Command::new(env!("CARGO_BIN_EXE_kitei"))
}

fn run(args: &[&str]) -> Output {
    kitei().args(args).output().unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn tmpdir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("kitei-cli-output-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn seed() -> String {
    common::seed_path().display().to_string()
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn no_temp_files(d: &Path) {
    let left: Vec<_> = std::fs::read_dir(d)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("kitei-tmp"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn a_fifo_is_written_through_not_replaced() {
    let d = tmpdir("fifo");
    let fifo = d.join("pipe");
    assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let reader = Command::new("cat").arg(&fifo).stdout(std::process::Stdio::piped()).spawn().unwrap();
    let o = run(&["parse", &seed(), "--format", "text", "-o", s(&fifo)]);
    assert!(o.status.success(), "{}", stderr(&o));
    let read = reader.wait_with_output().unwrap();
    assert!(String::from_utf8_lossy(&read.stdout).contains("第1条"));
    assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo(), "the FIFO is still a FIFO");
    no_temp_files(&d);
    std::fs::remove_dir_all(&d).unwrap();
}

#[test]
fn a_device_is_written_through_and_its_errors_are_reported() {
    let d = tmpdir("dev");
    // Through a link in a scratch folder: the link stays a link, /dev/null a device.
    let link = d.join("null.json");
    std::os::unix::fs::symlink("/dev/null", &link).unwrap();
    let o = run(&["parse", &seed(), "-o", s(&link)]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
    assert!(std::fs::metadata("/dev/null").unwrap().file_type().is_char_device());
    // A full device: an error, exit 2, and the device stays a device. As root, a private node for /dev/full
    // (major 1, minor 7) in the scratch folder, so a regression could not replace the real one; without
    // the right to make one, /dev/full itself, which an unprivileged user cannot replace.
    let node = d.join("full");
    let full = if Command::new("mknod").arg(&node).args(["c", "1", "7"]).status().is_ok_and(|s| s.success()) {
        node
    } else if is_root() {
        return; // root without mknod: do not risk the real /dev/full
    } else {
        PathBuf::from("/dev/full")
    };
    let o = run(&["parse", &seed(), "-o", s(&full)]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains(&format!("kitei: error: cannot write {}: No space left on device", full.display())));
    assert!(std::fs::metadata(&full).unwrap().file_type().is_char_device());
    std::fs::remove_dir_all(&d).unwrap();
}

fn is_root() -> bool {
    Command::new("id").arg("-u").output().is_ok_and(|o| o.stdout.starts_with(b"0\n"))
}

#[test]
fn regular_files_and_links_to_them_are_replaced_atomically() {
    let d = tmpdir("regular");
    let real = d.join("real.json");
    std::fs::write(&real, "old").unwrap();
    let link = d.join("link.json");
    std::os::unix::fs::symlink("real.json", &link).unwrap();
    let o = run(&["parse", &seed(), "-o", s(&link)]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink(), "the link is kept");
    assert!(std::fs::read_to_string(&real).unwrap().starts_with('{'));
    no_temp_files(&d);
    std::fs::remove_dir_all(&d).unwrap();
}

#[test]
fn a_directory_or_a_missing_folder_is_a_clear_error() {
    let d = tmpdir("dir");
    let o = run(&["parse", &seed(), "-o", s(&d)]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(stderr(&o), format!("kitei: error: cannot write {}: Is a directory\n", d.display()));
    no_temp_files(&d);
    no_temp_files(d.parent().unwrap());
    let out = d.join("missing/dir/out.json");
    let o = run(&["parse", &seed(), "-o", s(&out)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains(&format!("the folder {} does not exist", d.join("missing/dir").display())));
    assert!(!d.join("missing").exists(), "nothing is created");
    std::fs::remove_dir_all(&d).unwrap();
}

#[test]
fn unreadable_inputs_read_the_same_in_every_command_and_exit_2() {
    let d = tmpdir("read");
    let missing = d.join("missing.md");
    let m = s(&missing);
    let expected = format!("kitei: error: cannot read {m}: No such file or directory\n");
    for args in [
        vec!["parse", m],
        vec!["lint", m],
        vec!["diff", m, m],
        vec!["amend", m, m],
        vec!["export", m, "--to", "json"],
        vec!["checklist", m],
    ] {
        let o = run(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert_eq!(stderr(&o), expected, "{args:?}");
    }
    // A directory given as a file.
    let o = run(&["lint", s(&d)]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(stderr(&o), format!("kitei: error: cannot read {}: Is a directory\n", d.display()));
    // Standard input twice.
    let o = run(&["diff", "-", "-"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("standard input (-) is named more than once"), "{}", stderr(&o));
    // A bad flag (clap).
    assert_eq!(run(&["diff", "--no-such-flag"]).status.code(), Some(2));
    std::fs::remove_dir_all(&d).unwrap();
}

#[test]
fn exit_status_1_is_for_findings_when_asked() {
    let reg = common::root().join("regulations/jlis-ninsho-jimu-kanri-kitei");
    let (old, new) = (reg.join("2016-01-01.md"), reg.join("2027-04-01.md"));
    let o = kitei().args(["diff", "--exit-code"]).arg(&old).arg(&new).output().unwrap();
    assert_eq!(o.status.code(), Some(1), "the versions differ");
    let o = kitei().args(["diff", "--exit-code"]).arg(&old).arg(&old).output().unwrap();
    assert_eq!(o.status.code(), Some(0), "no difference");
    let o = kitei().args(["diff"]).arg(&old).arg(&new).output().unwrap();
    assert_eq!(o.status.code(), Some(0), "without --exit-code");
    // A checklist without state: every entry is open.
    let o = kitei().args(["checklist", "--exit-code"]).arg(&old).output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    let o = kitei().args(["checklist"]).arg(&old).output().unwrap();
    assert_eq!(o.status.code(), Some(0));
    let help = String::from_utf8(run(&["--help"]).stdout).unwrap();
    assert!(help.contains("Exit status") && help.contains("1  findings"), "{help}");
}

#[test]
fn the_extension_of_o_decides_the_format() {
    let d = tmpdir("ext");
    let p = d.join("p.txt");
    assert!(run(&["parse", &seed(), "-o", s(&p)]).status.success());
    assert!(std::fs::read_to_string(&p).unwrap().contains("第1条"), "canonical text, not JSON");
    assert!(!std::fs::read_to_string(&p).unwrap().starts_with('{'));
    let c = d.join("c.csv");
    assert!(run(&["checklist", &seed(), "-o", s(&c)]).status.success());
    assert!(std::fs::read_to_string(&c).unwrap().starts_with("id,label,"));
    let x = d.join("k.xml");
    assert!(run(&["export", &seed(), "-o", s(&x)]).status.success());
    assert!(std::fs::read_to_string(&x).unwrap().starts_with("<?xml"));
    let l = d.join("l.json");
    run(&["lint", &seed(), "-o", s(&l)]);
    assert!(std::fs::read_to_string(&l).unwrap().starts_with('['));
    // Contradictions and kinds a command cannot write are errors, and nothing is written.
    let bad = d.join("bad.json");
    let o = run(&["parse", &seed(), "--format", "text", "-o", s(&bad)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--format text writes text, but -o"), "{}", stderr(&o));
    let o = run(&["checklist", &seed(), "-o", s(&d.join("x.xml"))]);
    assert_eq!(o.status.code(), Some(2));
    let o = run(&["amend", &seed(), &seed(), "-o", s(&bad)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(!bad.exists());
    // An extension kitei does not know keeps the default (JSON for parse).
    let u = d.join("p.out");
    assert!(run(&["parse", &seed(), "-o", s(&u)]).status.success());
    assert!(std::fs::read_to_string(&u).unwrap().starts_with('{'));
    std::fs::remove_dir_all(&d).unwrap();
}
