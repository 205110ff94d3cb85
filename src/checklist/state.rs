//! The audit state file: what the auditors found, per checklist entry, in TOML that is easy to edit by hand.
//!
//! ```toml
//! [meta]
//! regulation = "地方公共団体情報システム機構認証事務管理規程"
//! source = "2016-01-01.md"
//! version = "2016-01-01"
//! fingerprint = "content1:…"     # the version's content: the state belongs to this version only
//!
//! [entries."art_11__para_1__item_3"]
//! label = "第11条第3号"
//! fingerprint = "fnv1a64:…"   # hash of the provision text when it was last reviewed
//! status = "compliant"        # compliant, partly_compliant, not_compliant, not_applicable, not_checked, needs_recheck
//! evidence = "…"
//! notes = "…"
//! reviewer = "…"
//! date = 2026-11-20
//!
//! [archived."art_21"]         # entries whose provision was removed by an amendment
//! reason = "…"
//! ```
//!
//! Every key is kept, also those kitei does not know (they are written back after the known ones), but TOML
//! comments are not: the file is rewritten from its values. Entries are written in document order.
//!
//! ```
//! use kitei::checklist::state::{State, Status};
//! let s = State::parse("[entries.art_1__para_1]\nstatus = \"compliant\"\nowner = \"総務課\"\n", "a.toml").unwrap();
//! assert_eq!(s.entries["art_1__para_1"].status, Status::Compliant);
//! assert!(s.to_toml(&[]).contains("owner = \"総務課\""));
//! assert!(State::parse("[entries\n", "a.toml").unwrap_err().to_string().starts_with("a.toml:1:"));
//! ```

use super::extract::{Checklist, Entry};
use crate::error::{Error, Location};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt::Write as _;

pub use super::fingerprint::{document_fingerprint, fingerprint};

/// An audit status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Fully compliant.
    Compliant,
    /// Partly compliant.
    PartlyCompliant,
    /// Not compliant.
    NotCompliant,
    /// Does not apply.
    NotApplicable,
    /// Not checked yet.
    #[default]
    NotChecked,
    /// The provision changed since it was checked.
    NeedsRecheck,
}

impl Status {
    /// Every status, in report order.
    pub const ALL: [Status; 6] = [
        Status::Compliant,
        Status::PartlyCompliant,
        Status::NotCompliant,
        Status::NotApplicable,
        Status::NeedsRecheck,
        Status::NotChecked,
    ];

    /// The name in the state file.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Compliant => "compliant",
            Status::PartlyCompliant => "partly_compliant",
            Status::NotCompliant => "not_compliant",
            Status::NotApplicable => "not_applicable",
            Status::NotChecked => "not_checked",
            Status::NeedsRecheck => "needs_recheck",
        }
    }

    /// True when nothing is left to do: compliant, or not applicable. Every other status is an open item
    /// (`kitei checklist --exit-code`).
    pub fn is_closed(self) -> bool {
        matches!(self, Status::Compliant | Status::NotApplicable)
    }

    /// True when an auditor has reached a verdict (not `not_checked` or `needs_recheck`).
    pub fn is_reviewed(self) -> bool {
        !matches!(self, Status::NotChecked | Status::NeedsRecheck)
    }
}

/// The audit state of one entry.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct EntryState {
    /// The citation when the state was written.
    #[serde(default)]
    pub label: String,
    /// The fingerprint of the provision text that was reviewed ([`fingerprint`]).
    #[serde(default)]
    pub fingerprint: String,
    /// The status.
    #[serde(default)]
    pub status: Status,
    /// The status before an amendment changed the provision.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous_status: Option<Status>,
    /// Evidence (a string, or an array of strings).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<toml::Value>,
    /// Notes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<toml::Value>,
    /// Who reviewed it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reviewer: Option<toml::Value>,
    /// When (a TOML date or a string).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<toml::Value>,
    /// Keys kitei does not know, kept as they are (including `reason`, `archived_from` in archived entries).
    #[serde(skip)]
    pub extra: BTreeMap<String, toml::Value>,
}

/// The `[meta]` table.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Meta {
    /// The regulation's title.
    #[serde(default)]
    pub regulation: String,
    /// The source file the state was made from.
    #[serde(default)]
    pub source: String,
    /// The source version (the file's stem, e.g. `2016-01-01`).
    #[serde(default)]
    pub version: String,
    /// The [`document_fingerprint`] of the version the state belongs to (empty in files written before it
    /// was recorded). A state is shown only against that version; another needs `kitei checklist migrate`.
    #[serde(default)]
    pub fingerprint: String,
    /// Other keys, kept.
    #[serde(skip)]
    pub extra: BTreeMap<String, toml::Value>,
}

/// A whole state file.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct State {
    /// `[meta]`.
    #[serde(default)]
    pub meta: Meta,
    /// `[entries."<id>"]`.
    #[serde(default)]
    pub entries: BTreeMap<String, EntryState>,
    /// `[archived."<id>"]`: entries whose provision an amendment removed.
    #[serde(default)]
    pub archived: BTreeMap<String, EntryState>,
    /// Other top-level keys and tables, kept.
    #[serde(skip)]
    pub extra: BTreeMap<String, toml::Value>,
}

impl State {
    /// A fresh state for a checklist: every entry `not_checked`.
    pub fn init(list: &Checklist, source: &str, version: &str) -> State {
        let mut s = State {
            meta: Meta {
                regulation: list.title.clone(),
                source: source.to_string(),
                version: version.to_string(),
                fingerprint: String::new(),
                extra: BTreeMap::new(),
            },
            ..State::default()
        };
        for e in &list.entries {
            s.entries.insert(e.id.clone(), EntryState::new(e));
        }
        s
    }

    /// Parses a state file; a syntax or type error names `file:line:column`.
    ///
    /// Two passes: the typed one checks the known keys (with the error's span), the untyped one collects every
    /// other key into `extra` (serde's `flatten` would lose TOML dates).
    pub fn parse(text: &str, file: &str) -> crate::Result<State> {
        let err = |e: toml::de::Error| {
            let (line, column) = e.span().map(|sp| line_col(text, sp.start)).unwrap_or((1, 1));
            Error::Invalid {
                at: Location { file: file.to_string(), line, column },
                message: format!("malformed checklist state: {}", e.message().trim_end()),
            }
        };
        let mut state: State = toml::from_str(text).map_err(err)?;
        let table: toml::Table = text.parse().map_err(err)?;
        for (k, v) in table {
            match (k.as_str(), v) {
                ("meta", toml::Value::Table(t)) => {
                    state.meta.extra = unknown(t, &["regulation", "source", "version", "fingerprint"])
                }
                ("entries", toml::Value::Table(t)) => extras_of(&mut state.entries, t),
                ("archived", toml::Value::Table(t)) => extras_of(&mut state.archived, t),
                (_, v) => {
                    state.extra.insert(k, v);
                }
            }
        }
        Ok(state)
    }

    /// The status of an entry (`not_checked` when the state does not list it).
    pub fn status(&self, id: &str) -> Status {
        self.entries.get(id).map(|e| e.status).unwrap_or_default()
    }

    /// Writes the state as TOML, entries in the order of `order` (IDs), then any others sorted by ID.
    pub fn to_toml(&self, order: &[&str]) -> String {
        let mut out = String::new();
        out.push_str("# kitei checklist audit state. Edit status, evidence, notes, reviewer and date by hand.\n");
        out.push_str(
            "# status: compliant, partly_compliant, not_compliant, not_applicable, not_checked, needs_recheck\n",
        );
        out.push_str("# Comments are not kept when kitei rewrites this file; every key and value is.\n\n");
        // Unknown top-level keys must come before the first table.
        for (k, v) in self.extra.iter().filter(|(_, v)| !v.is_table()) {
            kv(&mut out, k, v);
        }
        out.push_str("[meta]\n");
        kv(&mut out, "regulation", &toml::Value::String(self.meta.regulation.clone()));
        kv(&mut out, "source", &toml::Value::String(self.meta.source.clone()));
        kv(&mut out, "version", &toml::Value::String(self.meta.version.clone()));
        if !self.meta.fingerprint.is_empty() {
            kv(&mut out, "fingerprint", &toml::Value::String(self.meta.fingerprint.clone()));
        }
        for (k, v) in &self.meta.extra {
            kv(&mut out, k, v);
        }
        let mut ids: Vec<&str> = order.iter().copied().filter(|id| self.entries.contains_key(*id)).collect();
        let mut rest: Vec<&str> = self.entries.keys().map(String::as_str).filter(|id| !ids.contains(id)).collect();
        rest.sort();
        ids.extend(rest);
        for id in ids {
            write_entry(&mut out, "entries", id, &self.entries[id]);
        }
        for (id, e) in &self.archived {
            write_entry(&mut out, "archived", id, e);
        }
        // Unknown top-level keys and tables, kept as they were.
        let tables: toml::Table =
            self.extra.iter().filter(|(_, v)| v.is_table()).map(|(k, v)| (k.clone(), v.clone())).collect();
        if !tables.is_empty() {
            let table = tables;
            out.push('\n');
            out.push_str(&toml::to_string(&table).unwrap_or_default());
        }
        out
    }
}

impl EntryState {
    /// A `not_checked` state for an entry.
    pub fn new(e: &Entry) -> EntryState {
        EntryState { label: e.label.clone(), fingerprint: fingerprint(e), ..EntryState::default() }
    }
}

const ENTRY_KEYS: &[&str] =
    &["label", "fingerprint", "status", "previous_status", "evidence", "notes", "reviewer", "date"];

fn unknown(t: toml::Table, known: &[&str]) -> BTreeMap<String, toml::Value> {
    t.into_iter().filter(|(k, _)| !known.contains(&k.as_str())).collect()
}

fn extras_of(entries: &mut BTreeMap<String, EntryState>, t: toml::Table) {
    for (id, v) in t {
        if let (Some(e), toml::Value::Table(fields)) = (entries.get_mut(&id), v) {
            // The free-form values from the untyped pass: the typed pass turns TOML dates into tables.
            // An empty string is the blank written for "no value".
            let get = |k: &str| fields.get(k).filter(|v| v.as_str() != Some("")).cloned();
            e.evidence = get("evidence");
            e.notes = get("notes");
            e.reviewer = get("reviewer");
            e.date = get("date");
            e.extra = unknown(fields, ENTRY_KEYS);
        }
    }
}

fn write_entry(out: &mut String, table: &str, id: &str, e: &EntryState) {
    let _ = write!(out, "\n[{table}.{}]\n", toml::Value::String(id.to_string()));
    kv(out, "label", &toml::Value::String(e.label.clone()));
    kv(out, "fingerprint", &toml::Value::String(e.fingerprint.clone()));
    kv(out, "status", &toml::Value::String(e.status.as_str().into()));
    if let Some(p) = e.previous_status {
        kv(out, "previous_status", &toml::Value::String(p.as_str().into()));
    }
    let blank = toml::Value::String(String::new());
    kv(out, "evidence", e.evidence.as_ref().unwrap_or(&blank));
    kv(out, "notes", e.notes.as_ref().unwrap_or(&blank));
    kv(out, "reviewer", e.reviewer.as_ref().unwrap_or(&blank));
    kv(out, "date", e.date.as_ref().unwrap_or(&blank));
    for (k, v) in &e.extra {
        kv(out, k, v);
    }
}

fn kv(out: &mut String, key: &str, v: &toml::Value) {
    let bare = !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    let key = if bare { key.to_string() } else { toml::Value::String(key.to_string()).to_string() };
    let _ = writeln!(out, "{key} = {}", inline(v));
}

/// A value as inline TOML. (`toml::Value`'s own `Display` writes dates as an internal table in toml 0.8.23.)
fn inline(v: &toml::Value) -> String {
    match v {
        toml::Value::Datetime(d) => d.to_string(),
        toml::Value::Array(a) => format!("[{}]", a.iter().map(inline).collect::<Vec<_>>().join(", ")),
        toml::Value::Table(t) => {
            let fields: Vec<String> = t
                .iter()
                .map(|(k, v)| {
                    let bare = !k.is_empty() && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
                    let k = if bare { k.clone() } else { toml::Value::String(k.clone()).to_string() };
                    format!("{k} = {}", inline(v))
                })
                .collect();
            if fields.is_empty() {
                "{}".into()
            } else {
                format!("{{ {} }}", fields.join(", "))
            }
        }
        other => other.to_string(),
    }
}

/// Converts a byte offset into a 1-based line and column (in characters).
pub fn line_col(text: &str, offset: usize) -> (u32, u32) {
    let offset = offset.min(text.len());
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map(|l| l.chars().count()).unwrap_or(0) + 1;
    (line as u32, col as u32)
}

/// Renders a free-form value (string, array of strings, date) as plain text.
pub fn value_text(v: Option<&toml::Value>) -> String {
    match v {
        None => String::new(),
        Some(toml::Value::String(s)) => s.clone(),
        Some(toml::Value::Array(a)) => a.iter().map(|x| value_text(Some(x))).collect::<Vec<_>>().join("; "),
        Some(other) => inline(other),
    }
}

/// Counts per status over a checklist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Progress {
    /// Number of entries.
    pub total: usize,
    /// Entries with a verdict (compliant, partly, not compliant, not applicable).
    pub reviewed: usize,
    /// Count per status name, in [`Status::ALL`] order.
    pub counts: Vec<(Status, usize)>,
}

impl Progress {
    /// Counts the statuses of a checklist's entries in a state.
    pub fn of(list: &Checklist, state: &State) -> Progress {
        let counts: Vec<(Status, usize)> = Status::ALL
            .iter()
            .map(|s| (*s, list.entries.iter().filter(|e| state.status(&e.id) == *s).count()))
            .collect();
        let reviewed = counts.iter().filter(|(s, _)| s.is_reviewed()).map(|(_, n)| n).sum();
        Progress { total: list.entries.len(), reviewed, counts }
    }

    /// `n` as a percentage of the total, with one decimal (`"41.7"`).
    pub fn percent(&self, n: usize) -> String {
        if self.total == 0 {
            return "0.0".into();
        }
        format!("{:.1}", n as f64 * 100.0 / self.total as f64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_version_fingerprint_round_trips() {
        let mut s = State::default();
        s.meta.fingerprint = "fnv1a64:0123456789abcdef".into();
        let back = State::parse(&s.to_toml(&[]), "s.toml").unwrap();
        assert_eq!(back.meta.fingerprint, s.meta.fingerprint);
        assert!(back.meta.extra.is_empty());
    }

    #[test]
    fn keeps_unknown_keys_and_dates() {
        let src = "[meta]\nregulation = \"規程\"\nowner = \"監査室\"\n\n[entries.\"art_2__para_1\"]\nstatus = \"not_compliant\"\nevidence = [\"a.pdf\", \"b.pdf\"]\ndate = 2026-11-20\nticket = 42\n\n[entries.art_1__para_1]\nstatus = \"compliant\"\n\n[custom]\nx = 1\nwhen = 2026-01-02\n";
        let src = format!("top = true\n{src}");
        let s = State::parse(&src, "s.toml").unwrap();
        let out = s.to_toml(&["art_1__para_1", "art_2__para_1"]);
        let back = State::parse(&out, "out.toml").unwrap();
        assert_eq!(back.entries["art_2__para_1"].extra["ticket"], toml::Value::Integer(42));
        assert!(back.entries["art_2__para_1"].date.as_ref().unwrap().is_datetime());
        assert_eq!(value_text(back.entries["art_2__para_1"].date.as_ref()), "2026-11-20");
        assert_eq!(value_text(back.entries["art_2__para_1"].evidence.as_ref()), "a.pdf; b.pdf");
        assert_eq!(back.meta.extra["owner"], toml::Value::String("監査室".into()));
        assert_eq!(back.extra["custom"]["x"], toml::Value::Integer(1));
        assert_eq!(back.extra["top"], toml::Value::Boolean(true));
        assert_eq!(back.extra["custom"]["when"], s.extra["custom"]["when"]);
        assert!(back.extra["custom"]["when"].is_datetime());
        assert!(out.find("art_1__para_1").unwrap() < out.find("art_2__para_1").unwrap());
    }

    #[test]
    fn errors_name_the_line() {
        let e = State::parse("[meta]\nregulation = \"x\"\n[entries.a]\nstatus = \"done\"\n", "s.toml").unwrap_err();
        let msg = e.to_string();
        assert!(msg.starts_with("s.toml:4:"), "{msg}");
        assert_eq!(line_col("ab\ncd", 4), (2, 2));
    }
}
