//! Fuzz the whole input path as `kitei parse` reads a file: bytes → decoding → format detection → parse.
//! What the parser accepts (text, Markdown or XML) must round-trip: its canonical text reads back as the same
//! tree (`kitei::conformance::canonical_round_trip`). Run with `cargo +nightly fuzz run parse_text` from the
//! repository root.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(src) = kitei::input::from_bytes("fuzz", data, None) {
        if let Ok(parsed) = kitei::parse::parse_source(&src) {
            if let Err(e) = kitei::conformance::canonical_round_trip(&parsed.document) {
                let canonical = kitei::export::text::to_text(&parsed.document);
                panic!("round trip: {e}\nsource:\n{}\ncanonical:\n{canonical}", src.text);
            }
        }
    }
});
