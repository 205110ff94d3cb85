//! Translation coverage: which Japanese provisions have no English (missing), which English provisions have
//! no Japanese counterpart (orphaned), and which changed since the version the translation was made from
//! (stale). Alignment is by ID (the English is parsed into the same model), through the diff engine's ID map
//! when the translation was made from an older version.
//!
//! ```
//! let ja = kitei::parse::parse_str("規程\n第1条　目的。\n第2条　定義。\n").unwrap();
//! let en = kitei::parse::english::parse_english("x.en.md", "Rules\n\nArticle 1\nPurpose.\n\nArticle 3\nOrphan.\n").unwrap().document;
//! let report = kitei::render::translation::translation_report(&ja, &en, None);
//! let codes: Vec<_> = report.iter().map(|d| (d.code.as_str(), d.id.clone().unwrap())).collect();
//! assert!(codes.contains(&("translation-missing", "art_2".to_string())));
//! assert!(codes.contains(&("translation-orphaned", "art_3".to_string())));
//! ```

use crate::diagnostic::Diagnostic;
use crate::diff::{ChangeKind, Comparison};
use crate::model::{walk, Document, Kind, Node};
use std::collections::{BTreeMap, BTreeSet};

/// True for the nodes a translation is expected to cover.
pub fn is_translatable(n: &Node) -> bool {
    n.kind.is_provision()
        || n.kind.is_group()
        || matches!(n.kind, Kind::SupplProvision | Kind::Toc | Kind::TocEntry | Kind::Text)
}

/// How the Japanese of one version lines up with its translation.
#[derive(Debug, Clone, Default)]
pub struct Alignment {
    /// For each Japanese ID, the English ID to show beside it.
    pub en_id: BTreeMap<String, String>,
    /// Japanese IDs whose provision changed since the translated version.
    pub stale: BTreeSet<String>,
}

impl Alignment {
    /// Aligns `ja` with a translation of `translated` (the same document when the translation is current):
    /// `since` is the comparison `translated → ja` when they differ.
    pub fn new(ja: &Document, since: Option<&Comparison>) -> Alignment {
        let mut a = Alignment::default();
        let reverse = since.map(|c| c.reverse_id_map());
        walk::walk(ja, &mut |n| {
            let en = match &reverse {
                Some(r) => match r.get(&n.id) {
                    Some(Some(old)) => old.clone(),
                    Some(None) => return,
                    None => n.id.clone(),
                },
                None => n.id.clone(),
            };
            a.en_id.insert(n.id.clone(), en);
        });
        if let Some(c) = since {
            for ch in &c.changes {
                if ch.kind == ChangeKind::Renumbered {
                    continue;
                }
                if let Some(id) = &ch.new_id {
                    a.stale.insert(id.clone());
                }
            }
        }
        a
    }
}

/// Missing, orphaned and stale translations, as warnings with the provision's ID. `since` is the comparison
/// from the Japanese version the translation was made from to `ja`, when they differ.
pub fn translation_report(ja: &Document, en: &Document, since: Option<&Comparison>) -> Vec<Diagnostic> {
    let align = Alignment::new(ja, since);
    let mut en_ids = BTreeSet::new();
    walk::walk(en, &mut |n| {
        if is_translatable(n) {
            en_ids.insert(n.id.clone());
        }
    });
    let mut used = BTreeSet::new();
    let mut out = Vec::new();
    walk::walk(ja, &mut |n| {
        if !is_translatable(n) {
            return;
        }
        let en_id = align.en_id.get(&n.id);
        match en_id {
            Some(e) if en_ids.contains(e) => {
                used.insert(e.clone());
                if align.stale.contains(&n.id) {
                    out.push(
                        Diagnostic::warning(
                            "translation-stale",
                            format!("{} {}: changed since the translated version", n.id, n.label),
                        )
                        .at_span(n.span)
                        .with_id(n.id.clone()),
                    );
                }
            }
            _ => out.push(
                Diagnostic::warning("translation-missing", format!("{} {}: no English translation", n.id, n.label))
                    .at_span(n.span)
                    .with_id(n.id.clone()),
            ),
        }
    });
    walk::walk(en, &mut |n| {
        if is_translatable(n) && !used.contains(&n.id) {
            out.push(
                Diagnostic::warning(
                    "translation-orphaned",
                    format!("{} {}: no Japanese provision with this ID", n.id, n.label),
                )
                .at_span(n.span)
                .with_id(n.id.clone()),
            );
        }
    });
    out
}
