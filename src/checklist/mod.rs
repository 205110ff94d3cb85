//! Compliance checklists from a regulation's obligations, with audit state that survives amendments.
//!
//! * [`extract()`] lists one [`Entry`] per actionable provision (義務, 禁止, 設置, 努力義務, 権限), classified by
//!   its wording ([`classify`], conventions §5), with its responsible party ([`party`]).
//! * [`state`] is the audit state file (TOML, keyed by provision ID) that auditors edit by hand.
//! * [`migrate()`] carries the state over to an amended version: renumbered entries keep their status, changed ones
//!   need a recheck, removed ones are archived.
//! * [`output`] writes the checklist as Markdown, CSV or JSON; [`html`] as a printable page; [`oscal`] as an
//!   OSCAL catalog.
//!
//! ```
//! let doc = kitei::parse::parse_str("規程\n第1条　職員は、秘密を漏らしてはならない。\n").unwrap();
//! let list = kitei::checklist::extract(&doc, &kitei::checklist::Options::default());
//! assert_eq!(list.entries[0].classification, kitei::checklist::Class::Prohibition);
//! assert_eq!(list.entries[0].label, "第1条");
//! ```

pub mod classify;
pub mod extract;
pub mod fingerprint;
pub mod party;
pub mod penalty;
pub mod rules;
pub mod statute;

pub use classify::Class;
pub use extract::{extract, Checklist, Entry, Group, Options};
pub use party::Party;
pub mod html;
pub mod migrate;
pub mod oscal;
pub mod output;
pub mod state;

pub use html::render_html;
pub use migrate::{migrate, IdMapping};
pub use state::{State, Status};
