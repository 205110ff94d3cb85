//! Fuzz the whole input path: bytes → decoding → format detection → parse → canonical text → parse.
//! Run with `cargo +nightly fuzz run parse_text` from the repository root.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(src) = kitei::input::from_bytes("fuzz", data, None) {
        if let Ok(parsed) = kitei::parse::parse_source(&src) {
            let text = kitei::export::text::to_text(&parsed.document);
            let _ = kitei::parse::parse_str(&text);
        }
    }
});
