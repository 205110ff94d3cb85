//! Tools for translators of `*.en.md` translations: fingerprints of the Japanese each translation was made
//! from (so staleness cannot be fooled by editing a version in place), carrying a translation forward to a
//! new version (`update`), coverage per regulation and version (`status`), and XLIFF 1.2 export and import for
//! CAT tools (`xliff`). The site and `kitei lint` read the fingerprints through `render::translation`.

pub mod fingerprint;
pub mod status;
pub mod terms;
pub mod update;
pub mod xliff;
