//! Fuzz the e-Gov XML import: any text read as e-Gov 法令標準XML is a document or an error with a location,
//! never a panic, and an accepted document exports to e-Gov XML that imports again
//! (`kitei::conformance::xml_round_trip` must not fail to re-read). Seed it with the files of
//! `../shared/corpus/egov-xml/`. Run with `cargo +nightly fuzz run egov_xml` from the repository root.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(parsed) = kitei::parse::egov_xml::parse("fuzz.xml", text) {
        if let Err(kitei::conformance::RoundTripFailure::Reparse(e)) =
            kitei::conformance::xml_round_trip(&parsed.document)
        {
            panic!("the exported XML does not import again: {e}\nsource:\n{text}");
        }
    }
});
