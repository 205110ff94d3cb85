//! Fuzz the Markdown path: any text read as Markdown (headings, lists, comments, HTML and pipe tables). What
//! the parser accepts must round-trip: its canonical text reads back as the same tree
//! (`kitei::conformance::canonical_round_trip`, the conformance runner's check). Run with
//! `cargo +nightly fuzz run parse_markdown` from the repository root.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = kitei::input::decode("fuzz.md", data) else { return };
    let src = kitei::input::Source { name: "fuzz.md".into(), text, format: kitei::input::InputFormat::Markdown };
    if let Ok(parsed) = kitei::parse::parse_source(&src) {
        if let Err(e) = kitei::conformance::canonical_round_trip(&parsed.document) {
            let canonical = kitei::export::text::to_text(&parsed.document);
            panic!("round trip: {e}\nsource:\n{}\ncanonical:\n{canonical}", src.text);
        }
    }
});
