//! Translation coverage: which Japanese provisions have no English (missing), which English provisions have
//! no Japanese counterpart (orphaned), and which changed since the version the translation was made from
//! (stale). Alignment is by ID (the English is parsed into the same model), through the diff engine's ID map
//! when the translation was made from an older version. A provision is stale when its own Japanese (caption
//! and wording) no longer matches the fingerprint recorded in the translation
//! ([`crate::translate::fingerprint`]); without recorded fingerprints, when the diff from the translated
//! version changed its own text. English still marked `[TODO]` (`kitei translate update`) is reported as
//! such. Findings point at the English file's lines.
//!
//! ```
//! let ja = kitei::parse::parse_str("規程\n第1条　目的。\n第2条　定義。\n").unwrap();
//! let en = kitei::parse::english::parse_english("x.en.md", "Rules\n\nArticle 1\nPurpose.\n\nArticle 3\nOrphan.\n").unwrap().document;
//! let report = kitei::render::translation::translation_report(&ja, &en, None);
//! assert!(report.iter().all(|d| d.line > 0));
//! let codes: Vec<_> = report.iter().map(|d| (d.code.as_str(), d.id.clone().unwrap())).collect();
//! assert!(codes.contains(&("translation-missing", "art_2".to_string())));
//! assert!(codes.contains(&("translation-orphaned", "art_3".to_string())));
//! ```

use crate::diagnostic::Diagnostic;
use crate::diff::{ChangeKind, Comparison};
use crate::model::{walk, Document, Kind, Node};
use crate::translate::fingerprint::{own_fingerprint, Fingerprints};
use crate::translate::update::TODO;
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
                if ch.kind == ChangeKind::Renumbered || !ch.own_changed {
                    continue;
                }
                if let Some(id) = &ch.new_id {
                    a.stale.insert(id.clone());
                }
            }
        }
        a
    }

    /// Aligns `ja` with its translation `en`: stale provisions by the fingerprints `en` records when it has
    /// them (whatever changed the Japanese), else by the comparison `since` as in [`Alignment::new`].
    pub fn for_translation(ja: &Document, en: Option<&Document>, since: Option<&Comparison>) -> Alignment {
        let a = Alignment::new(ja, since);
        match en.and_then(Fingerprints::recorded) {
            Some(fp) => a.with_fingerprints(ja, &fp),
            None => a,
        }
    }

    /// [`Alignment::for_translation`] of a version, which may have no translation: then nothing aligns (no
    /// English to show, nothing stale), and the version's provisions are not indexed for nothing.
    pub fn of_version(ja: &Document, en: Option<&Document>, since: Option<&Comparison>) -> Alignment {
        match en {
            Some(_) => Alignment::for_translation(ja, en, since),
            None => Alignment::default(),
        }
    }

    /// Replaces the stale set: a Japanese provision is stale when the fingerprint recorded for its English
    /// counterpart differs from its own text's (or none was recorded).
    pub fn with_fingerprints(mut self, ja: &Document, fp: &Fingerprints) -> Alignment {
        self.stale.clear();
        walk::walk(ja, &mut |n| {
            if !is_translatable(n) {
                return;
            }
            if let Some(en) = self.en_id.get(&n.id) {
                if fp.by_id.get(en) != Some(&own_fingerprint(n)) {
                    self.stale.insert(n.id.clone());
                }
            }
        });
        self
    }
}

/// Missing, orphaned and stale translations, as warnings with the provision's ID. `since` is the comparison
/// from the Japanese version the translation was made from to `ja`, when they differ.
pub fn translation_report(ja: &Document, en: &Document, since: Option<&Comparison>) -> Vec<Diagnostic> {
    report_aligned(ja, en, &Alignment::for_translation(ja, Some(en), since))
}

/// [`translation_report`] with the alignment already made. Stale and orphaned provisions are reported at
/// their English line, a missing one at the English line of its nearest translated ancestor (where its
/// English belongs; line 1 when there is none).
pub fn report_aligned(ja: &Document, en: &Document, align: &Alignment) -> Vec<Diagnostic> {
    let mut en_spans = BTreeMap::new();
    let mut todo = BTreeSet::new();
    walk::walk(en, &mut |n| {
        if is_translatable(n) {
            en_spans.insert(n.id.clone(), n.span);
            if n.text.contains(TODO) || n.heading.as_deref().is_some_and(|h| h.contains(TODO)) {
                todo.insert(n.id.clone());
            }
        }
    });
    let en_ids: BTreeSet<String> = en_spans.keys().cloned().collect();
    let top = crate::model::Span::at(1, 1);
    let mut used = BTreeSet::new();
    let mut out = Vec::new();
    walk::walk_with_ancestors(ja, &mut |n, anc| {
        if !is_translatable(n) {
            return;
        }
        let en_id = align.en_id.get(&n.id);
        match en_id {
            Some(e) if en_ids.contains(e) => {
                used.insert(e.clone());
                if todo.contains(e) {
                    out.push(
                        Diagnostic::warning("translation-todo", format!("{}: still to be translated ({TODO})", n.id))
                            .at_span(en_spans.get(e).copied().unwrap_or(top))
                            .with_id(n.id.clone()),
                    );
                } else if align.stale.contains(&n.id) {
                    out.push(
                        Diagnostic::warning(
                            "translation-stale",
                            format!("{}: its Japanese changed since the English was made from it", n.id),
                        )
                        .at_span(en_spans.get(e).copied().unwrap_or(top))
                        .with_id(n.id.clone()),
                    );
                }
            }
            _ => {
                let near = anc.iter().rev().filter_map(|a| align.en_id.get(&a.id)).find_map(|e| en_spans.get(e));
                out.push(
                    Diagnostic::warning("translation-missing", format!("{} {}: no English translation", n.id, n.label))
                        .at_span(near.copied().unwrap_or(top))
                        .with_id(n.id.clone()),
                )
            }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::{compare, CompareOptions};

    fn ja(text: &str) -> Document {
        crate::parse::parse_str(text).unwrap()
    }

    #[test]
    fn a_version_without_translation_aligns_nothing_and_renders_the_same() {
        let old = ja("規程\n第1条　甲。\n第2条　乙。\n");
        let new = ja("規程\n第1条　甲。\n第2条　前条の丙。\n");
        let cmp = compare(&old, &new, &CompareOptions::default());
        let none = Alignment::of_version(&new, None, Some(&cmp));
        assert!(none.en_id.is_empty() && none.stale.is_empty());
        // The rows read the same as with every provision aligned to itself: no English, nothing stale.
        let html = |a: &Alignment| {
            let changed = Default::default();
            let inputs = super::super::view::RowInputs {
                ja: &new,
                en: None,
                alignment: Some(a),
                changed: &changed,
                compare_href: None,
            };
            super::super::rows_html::rows_html(&super::super::view::rows_for(&inputs), "2020-01-01")
        };
        let full = Alignment::new(&new, Some(&cmp));
        assert!(!full.stale.is_empty());
        assert_eq!(html(&none), html(&full));
        // With a translation it is the usual alignment.
        let en = crate::parse::english::parse_english("a.en.md", "Rules\n\nArticle 1\nA.\n").unwrap().document;
        assert_eq!(Alignment::of_version(&new, Some(&en), None).en_id, Alignment::new(&new, None).en_id);
    }

    #[test]
    fn without_fingerprints_only_provisions_whose_own_text_changed_are_stale() {
        let old = ja("規程\n第1条　次に掲げる。\n一　甲\n二　乙\n");
        let new = ja("規程\n第1条　次に掲げる。\n一　甲\n二　丙\n");
        let cmp = compare(&old, &new, &CompareOptions::default());
        let a = Alignment::new(&new, Some(&cmp));
        assert_eq!(a.stale.iter().collect::<Vec<_>>(), vec!["art_1__para_1__item_2"]);
    }

    #[test]
    fn recorded_fingerprints_catch_an_edit_that_kept_the_file_name() {
        let old = ja("規程\n第1条　甲。\n第2条　乙。\n");
        let new = ja("規程\n第1条　甲。\n第2条　丙。\n");
        let fp = Fingerprints::of(&old, "a.md", "");
        let en_text = crate::translate::fingerprint::with_fingerprints(
            "<!-- translation-of: a.md -->\nRules\n\nArticle 1\nA.\n\nArticle 2\nB.\n",
            &fp,
        );
        let en = crate::parse::english::parse_english("a.en.md", &en_text).unwrap().document;
        let report = translation_report(&new, &en, None);
        let stale: Vec<_> = report.iter().filter(|d| d.code == "translation-stale").collect();
        assert_eq!(stale.len(), 1, "{report:?}");
        assert_eq!((stale[0].id.as_deref(), stale[0].line), (Some("art_2__para_1"), 8));
        assert!(translation_report(&old, &en, None).iter().all(|d| d.code != "translation-stale"));
    }
}
