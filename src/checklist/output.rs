//! Writing a checklist as Markdown, CSV or JSON, with the audit state when one is given.
//!
//! ```
//! use kitei::checklist::{extract, Options, output::{markdown, Lang}};
//! let doc = kitei::parse::parse_str("規程\n第1条　委員会を置く。\n").unwrap();
//! let md = markdown(&extract(&doc, &Options::default()), Lang::Ja, None);
//! assert!(md.contains("| 第1条 | 設置 |"));
//! ```

use super::extract::{Checklist, Entry};
use super::state::{value_text, Progress, State};
use serde::Serialize;
use std::fmt::Write as _;

/// Which language(s) to show the provision text in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// Japanese only.
    #[default]
    Ja,
    /// English where a translation exists (Japanese otherwise, marked).
    En,
    /// Both.
    Both,
}

impl Lang {
    /// Parses `ja`, `en` or `both`.
    pub fn from_name(s: &str) -> Option<Lang> {
        match s {
            "ja" => Some(Lang::Ja),
            "en" => Some(Lang::En),
            "both" => Some(Lang::Both),
            _ => None,
        }
    }
}

/// The entry's text in the chosen language(s), with its exceptions and the sanctions that cite it.
pub fn entry_text(e: &Entry, lang: Lang) -> String {
    let mut ja = e.text.clone();
    for x in &e.exceptions {
        ja.push_str(&format!("（例外：{x}）"));
    }
    for x in &e.penalties {
        ja.push_str(&format!("〔{x}〕"));
    }
    match (lang, &e.english) {
        (Lang::Ja, _) => ja,
        (Lang::En, Some(en)) => en.clone(),
        (Lang::En, None) => format!("{ja} [no translation]"),
        (Lang::Both, Some(en)) => format!("{ja} / {en}"),
        (Lang::Both, None) => ja,
    }
}

/// The party column: the name, with 「（推定）」 when inferred and 「（対象）」 when it is the addressee of 徹底させる.
pub fn party_text(e: &Entry) -> String {
    match &e.party {
        Some(p) if p.inferred => format!("{}（推定）", p.name),
        Some(p) if p.basis == "addressee" => format!("{}（対象）", p.name),
        Some(p) => p.name.clone(),
        None => String::new(),
    }
}

fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

/// The progress summary as Markdown lines.
fn progress_md(out: &mut String, p: &Progress) {
    let _ = writeln!(out, "## 進捗 (progress)\n");
    let _ = writeln!(out, "Reviewed: {} / {} ({}%)\n", p.reviewed, p.total, p.percent(p.reviewed));
    out.push_str("| status | count | % |\n|---|---:|---:|\n");
    for (s, n) in &p.counts {
        let _ = writeln!(out, "| {} | {} | {} |", s.as_str(), n, p.percent(*n));
    }
    out.push('\n');
}

/// A Markdown checklist: a table per chapter, with status columns when a state is given.
pub fn markdown(list: &Checklist, lang: Lang, state: Option<&State>) -> String {
    let mut out = format!("# チェックリスト: {}\n\n", list.title);
    if let Some(st) = state {
        progress_md(&mut out, &Progress::of(list, st));
    }
    let mut group: Option<&str> = None;
    let mut first = true;
    for e in &list.entries {
        let g = e.group.as_ref().map(|g| g.title.as_str());
        if first || g != group {
            if let Some(t) = g {
                let _ = writeln!(out, "{}## {t}\n", if first { "" } else { "\n" });
            } else if !first {
                out.push('\n');
            }
            out.push_str(match state {
                Some(_) => {
                    "| ID | 条項 | 分類 | 責任主体 | 内容 | 状態 | 証跡 | 備考 |\n|---|---|---|---|---|---|---|---|\n"
                }
                None => "| ☐ | ID | 条項 | 分類 | 責任主体 | 内容 |\n|---|---|---|---|---|---|\n",
            });
            group = g;
            first = false;
        }
        let class = e.classification.label_ja();
        let text = cell(&entry_text(e, lang));
        let party = party_text(e);
        match state {
            Some(st) => {
                let s = st.entries.get(&e.id);
                let status = st.status(&e.id).as_str();
                let evidence = cell(&value_text(s.and_then(|s| s.evidence.as_ref())));
                let notes = cell(&value_text(s.and_then(|s| s.notes.as_ref())));
                let _ = writeln!(
                    out,
                    "| `{}` | {} | {class} | {party} | {text} | {status} | {evidence} | {notes} |",
                    e.id, e.label
                );
            }
            None => {
                let _ = writeln!(out, "| ☐ | `{}` | {} | {class} | {party} | {text} |", e.id, e.label);
            }
        }
    }
    if list.entries.is_empty() {
        out.push_str("(no actionable provisions)\n");
    }
    out
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// CSV (RFC 4180, CRLF-free): one row per entry; with a state, status columns and closing progress rows
/// (`progress:<status>` with the count and percentage, and `progress:reviewed`).
pub fn csv(list: &Checklist, lang: Lang, state: Option<&State>) -> String {
    let mut cols =
        vec!["id", "label", "chapter", "classification", "party", "party_inferred", "text", "exceptions", "penalties"];
    if lang != Lang::Ja {
        cols.push("english");
    }
    if state.is_some() {
        cols.extend(["status", "previous_status", "evidence", "notes", "reviewer", "date"]);
    }
    let mut out = cols.join(",");
    out.push('\n');
    for e in &list.entries {
        let mut row = vec![
            e.id.clone(),
            e.label.clone(),
            e.group.as_ref().map(|g| g.title.clone()).unwrap_or_default(),
            e.classification.as_str().to_string(),
            e.party.as_ref().map(|p| p.name.clone()).unwrap_or_default(),
            e.party.as_ref().map(|p| p.inferred.to_string()).unwrap_or_default(),
            e.text.clone(),
            e.exceptions.join(" "),
            e.penalties.join(" "),
        ];
        if lang != Lang::Ja {
            row.push(e.english.clone().unwrap_or_default());
        }
        if let Some(st) = state {
            let s = st.entries.get(&e.id);
            row.push(st.status(&e.id).as_str().to_string());
            row.push(s.and_then(|s| s.previous_status).map(|p| p.as_str().to_string()).unwrap_or_default());
            for v in [s.and_then(|s| s.evidence.as_ref()), s.and_then(|s| s.notes.as_ref())] {
                row.push(value_text(v));
            }
            row.push(value_text(s.and_then(|s| s.reviewer.as_ref())));
            row.push(value_text(s.and_then(|s| s.date.as_ref())));
        }
        out.push_str(&row.iter().map(|f| csv_field(f)).collect::<Vec<_>>().join(","));
        out.push('\n');
    }
    if let Some(st) = state {
        // Progress as closing rows of the same width (a spreadsheet's totals rows): `id` is
        // `progress:<status>`, `status` the status, `text` the count and percentage.
        let progress = super::state::Progress::of(list, st);
        let text_col = cols.iter().position(|c| *c == "text").unwrap_or(0);
        let status_col = cols.iter().position(|c| *c == "status").unwrap_or(0);
        let mut rows: Vec<(String, String, String)> = progress
            .counts
            .iter()
            .map(|(status, n)| {
                (
                    format!("progress:{}", status.as_str()),
                    status.as_str().to_string(),
                    format!("{n} ({}%)", progress.percent(*n)),
                )
            })
            .collect();
        rows.push((
            "progress:reviewed".into(),
            String::new(),
            format!("{} / {} ({}%)", progress.reviewed, progress.total, progress.percent(progress.reviewed)),
        ));
        for (id, status, text) in rows {
            let mut row = vec![String::new(); cols.len()];
            row[0] = id;
            row[status_col] = status;
            row[text_col] = text;
            out.push_str(&row.iter().map(|f| csv_field(f)).collect::<Vec<_>>().join(","));
            out.push('\n');
        }
    }
    out
}

#[derive(Serialize)]
struct JsonEntry<'a> {
    #[serde(flatten)]
    entry: &'a Entry,
    #[serde(skip_serializing_if = "Option::is_none")]
    state: Option<JsonState>,
}

#[derive(Serialize)]
struct JsonState {
    status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    previous_status: Option<&'static str>,
    evidence: String,
    notes: String,
    reviewer: String,
    date: String,
}

#[derive(Serialize)]
struct JsonProgress {
    total: usize,
    reviewed: usize,
    counts: std::collections::BTreeMap<&'static str, usize>,
}

#[derive(Serialize)]
struct JsonChecklist<'a> {
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    progress: Option<JsonProgress>,
    entries: Vec<JsonEntry<'a>>,
}

/// JSON: `{title, progress?, entries: [{id, label, classification, party, text, exceptions, english, penalties?,
/// state?}]}` (`penalties` only when a 罰則 cites the entry).
pub fn json(list: &Checklist, state: Option<&State>) -> String {
    let progress = state.map(|st| {
        let p = Progress::of(list, st);
        JsonProgress {
            total: p.total,
            reviewed: p.reviewed,
            counts: p.counts.iter().map(|(s, n)| (s.as_str(), *n)).collect(),
        }
    });
    let entries = list
        .entries
        .iter()
        .map(|e| JsonEntry {
            entry: e,
            state: state.map(|st| {
                let s = st.entries.get(&e.id);
                JsonState {
                    status: st.status(&e.id).as_str(),
                    previous_status: s.and_then(|s| s.previous_status).map(|p| p.as_str()),
                    evidence: value_text(s.and_then(|s| s.evidence.as_ref())),
                    notes: value_text(s.and_then(|s| s.notes.as_ref())),
                    reviewer: value_text(s.and_then(|s| s.reviewer.as_ref())),
                    date: value_text(s.and_then(|s| s.date.as_ref())),
                }
            }),
        })
        .collect();
    let doc = JsonChecklist { title: &list.title, progress, entries };
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_commas() {
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"x\""), "\"say \"\"x\"\"\"");
        assert_eq!(csv_field("認証"), "認証");
    }
}
