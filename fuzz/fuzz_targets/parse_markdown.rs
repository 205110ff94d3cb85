//! Fuzz the Markdown path: any text read as Markdown (headings, lists, comments, HTML and pipe tables), its
//! canonical text read again; neither may panic. Run with `cargo +nightly fuzz run parse_markdown` from the
//! repository root.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = kitei::input::decode("fuzz.md", data) else { return };
    let src = kitei::input::Source { name: "fuzz.md".into(), text, format: kitei::input::InputFormat::Markdown };
    if let Ok(parsed) = kitei::parse::parse_source(&src) {
        let text = kitei::export::text::to_text(&parsed.document);
        let again =
            kitei::input::Source { name: "again.md".into(), text, format: kitei::input::InputFormat::Markdown };
        let _ = kitei::parse::parse_source(&again);
    }
});
