//! Fuzz 改め文 parsing and application: the input is a base regulation and an amending act joined by U+001E
//! (`common::SEP`). The act is read ([`kitei::amend::parse`]) and applied to the base; either step may refuse
//! with an error, never panic. What apply returns is a regulation like any other: its canonical text reads
//! back as the same tree, and applying the same act again gives the same tree (apply is deterministic).
//! Seed with `scripts/fuzz`; run with `cargo +nightly fuzz run amend_apply`.
#![no_main]

#[path = "../common/mod.rs"]
mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((base, act)) = common::split(data) else { return };
    let Some(old) = common::parse("base.txt", base) else { return };
    let Ok(amendment) = kitei::amend::parse(act, "act.txt") else { return };
    let Ok(new) = kitei::amend::apply_amendment(&old, &amendment, "act.txt") else { return };
    if let Err(e) = kitei::conformance::canonical_round_trip(&new) {
        let canonical = kitei::export::text::to_text(&new);
        panic!("the amended regulation does not round-trip: {e}\nbase:\n{base}\nact:\n{act}\ncanonical:\n{canonical}");
    }
    let again = kitei::amend::apply_amendment(&old, &amendment, "act.txt").expect("the second apply refused");
    assert!(kitei::conformance::tree_difference(&new, &again).is_none(), "apply is not deterministic");
});
