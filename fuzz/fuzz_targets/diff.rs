//! Fuzz the 新旧対照表: the input is OLD and NEW joined by U+001E (`common::SEP`). The comparison is drawn in
//! every format (HTML, Markdown, terminal text with and without colour, JSON) without a panic, and holds:
//! the inline operations of every aligned provision give back its old and its new text; the JSON reads back
//! as the same comparison; a version compared with itself has no change.
//! Seed with `scripts/fuzz`; run with `cargo +nightly fuzz run diff`.
#![no_main]

#[path = "../common/mod.rs"]
mod common;

use kitei::diff::{compare, Aligned, Comparison, CompareOptions, InlineOp, RenderOptions, Unchanged};
use libfuzzer_sys::fuzz_target;

/// The old and the new side of a list of inline operations.
fn sides(ops: &[InlineOp]) -> (String, String) {
    (ops.iter().map(|o| o.old.as_str()).collect(), ops.iter().map(|o| o.new.as_str()).collect())
}

/// Every aligned node, iteratively.
fn check_ops(tree: &[Aligned]) {
    let mut stack: Vec<&Aligned> = tree.iter().collect();
    while let Some(a) = stack.pop() {
        if !a.ops.is_empty() {
            let (old, new) = sides(&a.ops);
            let want_old = a.old.as_ref().map(|s| s.text.as_str()).unwrap_or("");
            let want_new = a.new.as_ref().map(|s| s.text.as_str()).unwrap_or("");
            assert_eq!(old, want_old, "{}: the ops' old side is not the old text", a.id());
            assert_eq!(new, want_new, "{}: the ops' new side is not the new text", a.id());
        }
        stack.extend(a.children.iter());
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((old_text, new_text)) = common::split(data) else { return };
    let (Some(old), Some(new)) = (common::parse("old.txt", old_text), common::parse("new.txt", new_text)) else {
        return;
    };
    let opts = CompareOptions::default();
    let cmp = compare(&old, &new, &opts);
    check_ops(&cmp.tree);
    for r in [RenderOptions::default(), RenderOptions { old_left: true, unchanged: Unchanged::Full, color: true, ..Default::default() }] {
        kitei::diff::render_html(&cmp, &r, None).expect("the embedded template renders");
        kitei::diff::render_markdown(&cmp, &r);
        kitei::diff::render_text(&cmp, &r);
    }
    let json = kitei::diff::to_json(&cmp);
    let back: Comparison = serde_json::from_str(&json).expect("the comparison's JSON reads back");
    assert!(back == Comparison { tree: Vec::new(), ..cmp.clone() }, "the JSON reads back as another comparison");
    let same = compare(&old, &old, &opts);
    assert!(same.changes.is_empty(), "OLD compared with itself has changes: {:?}", same.changes);
});
