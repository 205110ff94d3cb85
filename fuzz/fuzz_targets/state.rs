//! Fuzz the checklist audit-state reader (`kitei::checklist::state`): any text is a state or an error naming
//! `file:line:column`, never a panic, and a state it reads is written back (`State::to_toml`) as TOML that
//! reads again as a state written the same way (every key and value kept).
//! Seed with `scripts/fuzz`; run with `cargo +nightly fuzz run state`.
#![no_main]

use kitei::checklist::state::State;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let state = match State::parse(text, "state.toml") {
        Ok(s) => s,
        Err(e) => {
            assert!(e.to_string().starts_with("state.toml:"), "an error without its location: {e}");
            return;
        }
    };
    let written = state.to_toml(&[]);
    let again = State::parse(&written, "written.toml")
        .unwrap_or_else(|e| panic!("the written state does not read back: {e}\ninput:\n{text}\nwritten:\n{written}"));
    let rewritten = again.to_toml(&[]);
    assert_eq!(written, rewritten, "the state changed when written and read again\ninput:\n{text}");
});
