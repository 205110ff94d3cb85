//! Fuzz the .docx reader (`kitei::parse::docx`): any bytes read as Word are a document or an error, never a
//! panic. The marked Markdown resolves, before and after the tracked changes, to text without revision marks,
//! and what the Markdown parser accepts of it round-trips through canonical text as the same tree.
//! Seed with `scripts/fuzz` (the test fixtures and .docx files written by kitei's exporters); run with
//! `cargo +nightly fuzz run docx`.
#![no_main]

use kitei::parse::docx::{resolve, Revisions, DEL_CLOSE, DEL_OPEN, INS_CLOSE, INS_OPEN};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(marked) = kitei::parse::docx::to_marked_markdown("fuzz.docx", data) else { return };
    for which in [Revisions::After, Revisions::Before] {
        let text = resolve(&marked, which);
        assert!(!text.contains([INS_OPEN, INS_CLOSE, DEL_OPEN, DEL_CLOSE]), "a revision mark left: {text:?}");
        let src = kitei::input::Source { name: "fuzz.md".into(), text, format: kitei::input::InputFormat::Markdown };
        if let Ok(parsed) = kitei::parse::parse_source(&src) {
            if let Err(e) = kitei::conformance::canonical_round_trip(&parsed.document) {
                panic!("round trip: {e}\nMarkdown:\n{}", src.text);
            }
        }
    }
});
