//! Every input the fuzzers found (issue 15: "every crash found becomes a regression test") goes through the
//! same check its fuzz target makes (fuzz/fuzz_targets/*.rs). The inputs are in tests/data/fuzz/<target>/,
//! one file each, as libFuzzer wrote them (or minimised by hand); a new finding is added by copying it there.
//! Findings not fixed yet wait in tests/data/fuzz-open/<target>/, run by the ignored `open_findings` test
//! (`cargo test --test fuzz_regressions -- --ignored`): a file moves to tests/data/fuzz/ with its fix.

use std::path::{Path, PathBuf};

use kitei::conformance::AmendOutcome;
use kitei::input::{InputFormat, Source};

/// The files of tests/data/<set>/<target>/ (hidden ones aside), sorted.
fn inputs(set: &str, target: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data").join(set).join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file() && !p.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.')))
        .collect();
    files.sort();
    files
}

/// The findings of `target` in tests/data/<set>/ that fail `check`, each as `file: why`.
fn failures(set: &str, target: &str, check: fn(&[u8]) -> Result<(), String>) -> Vec<String> {
    inputs(set, target)
        .iter()
        .filter_map(|p| {
            let data = std::fs::read(p).unwrap();
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            match std::panic::catch_unwind(|| check(&data)) {
                Ok(Ok(())) => None,
                Ok(Err(e)) => Some(format!("{name}: {e}")),
                Err(_) => Some(format!("{name}: panicked")),
            }
        })
        .collect()
}

/// Runs `check` on every fixed finding of `target` and fails with all the failures at once.
fn run(target: &str, check: fn(&[u8]) -> Result<(), String>) {
    let failures = failures("fuzz", target, check);
    assert!(failures.is_empty(), "{} of the {target} findings fail:\n{}", failures.len(), failures.join("\n"));
}

/// parse → canonical text → parse gives the same tree, for whatever the parser accepts.
fn round_trips(src: &Source) -> Result<(), String> {
    match kitei::parse::parse_source(src) {
        Ok(parsed) => kitei::conformance::canonical_round_trip(&parsed.document).map_err(|e| e.to_string()),
        Err(_) => Ok(()),
    }
}

/// The parse_text target: bytes read as `kitei parse` reads a file (format detected).
fn parse_text(data: &[u8]) -> Result<(), String> {
    match kitei::input::from_bytes("fuzz", data, None) {
        Ok(src) => round_trips(&src),
        Err(_) => Ok(()),
    }
}

/// The parse_markdown target: text read as Markdown.
fn parse_markdown(data: &[u8]) -> Result<(), String> {
    match kitei::input::decode("fuzz.md", data) {
        Ok(text) => round_trips(&Source { name: "fuzz.md".into(), text, format: InputFormat::Markdown }),
        Err(_) => Ok(()),
    }
}

/// A pair input: OLD and NEW joined by U+001E, each parsed as `kitei parse` reads a file (format detected), as
/// the pair targets' `fuzz/common/mod.rs` does; `None` when it is no pair or a side does not parse.
fn pair(data: &[u8]) -> Option<(kitei::Document, kitei::Document)> {
    let (old, new) = std::str::from_utf8(data).ok()?.split_once('\u{1e}')?;
    let parse = |name: &str, text: &str| {
        let src = Source { name: name.into(), text: text.to_string(), format: kitei::input::detect_format(text) };
        kitei::parse::parse_source(&src).ok().map(|p| p.document)
    };
    Some((parse("old.txt", old)?, parse("new.txt", new)?))
}

/// The amend_roundtrip target: the 改め文 generated from OLD to NEW (split at U+001E), applied to OLD, gives
/// NEW, or generation refuses with a reason.
fn amend_roundtrip(data: &[u8]) -> Result<(), String> {
    let Some((old, new)) = pair(data) else { return Ok(()) };
    match kitei::conformance::amend_round_trip(&old, &new) {
        AmendOutcome::Same | AmendOutcome::Identical => Ok(()),
        AmendOutcome::Refused(reason) if !reason.trim().is_empty() => Ok(()),
        AmendOutcome::Refused(_) => Err("a refusal without a reason".into()),
        AmendOutcome::Failed(why) => Err(why),
    }
}

/// The diff target: the inline operations of every aligned provision of OLD → NEW (split at U+001E) give back
/// its old and its new text, and OLD compared with itself has no change.
fn diff(data: &[u8]) -> Result<(), String> {
    let Some((old, new)) = pair(data) else { return Ok(()) };
    let opts = kitei::diff::CompareOptions::default();
    let cmp = kitei::diff::compare(&old, &new, &opts);
    let mut stack: Vec<&kitei::diff::Aligned> = cmp.tree.iter().collect();
    while let Some(a) = stack.pop() {
        if !a.ops.is_empty() {
            let side = |f: fn(&kitei::diff::InlineOp) -> &str| a.ops.iter().map(f).collect::<String>();
            let (got_old, got_new) = (side(|o| o.old.as_str()), side(|o| o.new.as_str()));
            let want_old = a.old.as_ref().map_or("", |s| s.text.as_str());
            let want_new = a.new.as_ref().map_or("", |s| s.text.as_str());
            if got_old != want_old {
                return Err(format!("{}: the ops' old side {got_old:?} is not the old text {want_old:?}", a.id()));
            }
            if got_new != want_new {
                return Err(format!("{}: the ops' new side {got_new:?} is not the new text {want_new:?}", a.id()));
            }
        }
        stack.extend(a.children.iter());
    }
    if !kitei::diff::compare(&old, &old, &opts).changes.is_empty() {
        return Err("OLD compared with itself has changes".into());
    }
    Ok(())
}

#[test]
fn parse_text_findings_round_trip() {
    run("parse_text", parse_text);
}

#[test]
fn parse_markdown_findings_round_trip() {
    run("parse_markdown", parse_markdown);
}

#[test]
fn amend_roundtrip_findings_give_new() {
    run("amend_roundtrip", amend_roundtrip);
}

#[test]
fn diff_findings_give_back_both_texts() {
    run("diff", diff);
}

/// The findings not fixed yet: lists those that still fail, and fails when one passes (move it to
/// tests/data/fuzz/ with the commit that fixed it).
#[test]
#[ignore = "findings not fixed yet"]
fn open_findings() {
    let mut passing = Vec::new();
    for (target, check) in [
        ("parse_text", parse_text as fn(&[u8]) -> Result<(), String>),
        ("parse_markdown", parse_markdown),
        ("amend_roundtrip", amend_roundtrip),
    ] {
        let failing = failures("fuzz-open", target, check);
        eprintln!("{target}: {} open\n{}", failing.len(), failing.join("\n"));
        let all = inputs("fuzz-open", target);
        passing.extend(
            all.iter()
                .filter(|p| {
                    let name = p.file_name().unwrap().to_string_lossy();
                    !failing.iter().any(|f| f.starts_with(&format!("{name}:")))
                })
                .map(|p| format!("{target}/{}", p.file_name().unwrap().to_string_lossy())),
        );
    }
    assert!(passing.is_empty(), "fixed, move to tests/data/fuzz/: {passing:?}");
}
