//! Regression inputs the `diff` fuzz target found (tests/data/fuzz/diff/): each file is OLD and NEW joined
//! by U+001E, and runs through the check the target makes — the inline operations of every aligned
//! provision give back its old and its new text, and a version compared with itself has no change.

use kitei::diff::{compare, Aligned, CompareOptions};
use std::path::Path;

/// The separator `fuzz/common/mod.rs` splits a pair input at.
const SEP: char = '\u{1e}';

/// A text parsed as `kitei parse` would (format detected); `None` when the parser refuses it.
fn parse(name: &str, text: &str) -> Option<kitei::Document> {
    let src =
        kitei::input::Source { name: name.into(), text: text.to_string(), format: kitei::input::detect_format(text) };
    kitei::parse::parse_source(&src).ok().map(|p| p.document)
}

/// The provisions whose inline operations do not give back their old or new text.
fn bad_ops(tree: &[Aligned]) -> Vec<String> {
    let mut bad = Vec::new();
    let mut stack: Vec<&Aligned> = tree.iter().collect();
    while let Some(a) = stack.pop() {
        if !a.ops.is_empty() {
            let old: String = a.ops.iter().map(|o| o.old.as_str()).collect();
            let new: String = a.ops.iter().map(|o| o.new.as_str()).collect();
            let want_old = a.old.as_ref().map(|s| s.text.as_str()).unwrap_or("");
            let want_new = a.new.as_ref().map(|s| s.text.as_str()).unwrap_or("");
            if old != want_old {
                bad.push(format!("{}: old side {old:?} is not the old text {want_old:?}", a.id()));
            }
            if new != want_new {
                bad.push(format!("{}: new side {new:?} is not the new text {want_new:?}", a.id()));
            }
        }
        stack.extend(a.children.iter());
    }
    bad
}

#[test]
fn every_fuzz_finding_gives_back_both_texts() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/fuzz/diff");
    let mut files: Vec<_> = std::fs::read_dir(&dir).expect("the fuzz data folder").map(|e| e.unwrap().path()).collect();
    files.sort();
    assert!(!files.is_empty(), "no inputs in {}", dir.display());
    let mut checked = 0;
    let mut failures = Vec::new();
    for path in &files {
        let bytes = std::fs::read(path).unwrap();
        let Some((old_text, new_text)) = std::str::from_utf8(&bytes).ok().and_then(|t| t.split_once(SEP)) else {
            continue;
        };
        let (Some(old), Some(new)) = (parse("old.txt", old_text), parse("new.txt", new_text)) else {
            continue;
        };
        let opts = CompareOptions::default();
        let cmp = compare(&old, &new, &opts);
        for b in bad_ops(&cmp.tree) {
            failures.push(format!("{}: {b}", path.display()));
        }
        let same = compare(&old, &old, &opts);
        if !same.changes.is_empty() {
            failures.push(format!("{}: OLD compared with itself has changes", path.display()));
        }
        checked += 1;
    }
    assert!(checked > 0, "no input in {} parsed on both sides", dir.display());
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
