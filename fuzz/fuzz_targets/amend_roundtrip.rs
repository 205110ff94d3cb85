//! Fuzz 改め文 generation: the input is OLD and NEW joined by U+001E (`common::SEP`). The 改め文 generated
//! from OLD to NEW, applied to OLD, must give NEW ([`kitei::conformance::amend_round_trip`]), or generation
//! must refuse with a named reason; an act that does not parse, does not apply or gives another tree is a
//! finding, and so is a panic. Seed with `scripts/fuzz`; run with `cargo +nightly fuzz run amend_roundtrip`.
#![no_main]

#[path = "../common/mod.rs"]
mod common;

use kitei::conformance::AmendOutcome;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((old_text, new_text)) = common::split(data) else { return };
    let (Some(old), Some(new)) = (common::parse("old.txt", old_text), common::parse("new.txt", new_text)) else {
        return;
    };
    match kitei::conformance::amend_round_trip(&old, &new) {
        AmendOutcome::Same | AmendOutcome::Identical => {}
        AmendOutcome::Refused(reason) => assert!(!reason.trim().is_empty(), "a refusal without a reason"),
        AmendOutcome::Failed(why) => {
            let text = kitei::amend::generate(&old, &new, &Default::default()).unwrap_or_default();
            panic!("generate → apply did not give NEW: {why}\nOLD:\n{old_text}\nNEW:\n{new_text}\nact:\n{text}");
        }
    }
});
