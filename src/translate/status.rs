//! Translation coverage per regulation and version (`kitei translate status`): how many provisions have
//! current English, how many are stale, still `[TODO]` or missing, and which are stale.
//!
//! ```
//! let ja = kitei::parse::parse_str("規程\n第1条　目的。\n第2条　定義。\n").unwrap();
//! let en = kitei::parse::english::parse_english("x.en.md", "Rules\n\nArticle 1\nPurpose.\n").unwrap().document;
//! let s = kitei::translate::status::version_status("2016-01-01", &ja, Some(&en), None);
//! assert_eq!((s.total, s.translated, s.missing), (4, 2, 2));
//! ```

use crate::diff::{compare, CompareOptions, Comparison};
use crate::model::{walk, Document};
use crate::render::load::LoadedRegulation;
use crate::render::translation::{is_translatable, report_aligned, Alignment};
use serde::Serialize;

/// Coverage of one version's translation.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct VersionStatus {
    /// The version's effective date.
    pub date: String,
    /// Whether a translation exists.
    pub has_translation: bool,
    /// Provisions a translation is expected to cover.
    pub total: usize,
    /// Provisions with current English.
    pub translated: usize,
    /// Provisions whose Japanese changed since their English was made.
    pub stale: usize,
    /// Provisions whose English is still `[TODO]`.
    pub todo: usize,
    /// Provisions without English.
    pub missing: usize,
    /// The stale provisions' IDs.
    pub stale_ids: Vec<String>,
}

/// Coverage of one regulation's versions, oldest first.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RegulationStatus {
    /// The regulation's slug.
    pub slug: String,
    /// Its versions.
    pub versions: Vec<VersionStatus>,
}

/// The coverage of `en` as a translation of `ja`; `since` compares the version it was made from with `ja`.
pub fn version_status(date: &str, ja: &Document, en: Option<&Document>, since: Option<&Comparison>) -> VersionStatus {
    let mut s = VersionStatus { date: date.to_string(), has_translation: en.is_some(), ..VersionStatus::default() };
    walk::walk(ja, &mut |n| {
        if is_translatable(n) {
            s.total += 1;
        }
    });
    let Some(en) = en else {
        s.missing = s.total;
        return s;
    };
    let report = report_aligned(ja, en, &Alignment::for_translation(ja, Some(en), since));
    for d in &report {
        match d.code.as_str() {
            "translation-stale" => {
                s.stale += 1;
                s.stale_ids.extend(d.id.clone());
            }
            "translation-todo" => s.todo += 1,
            "translation-missing" => s.missing += 1,
            _ => {}
        }
    }
    s.translated = s.total - s.stale - s.todo - s.missing;
    s
}

/// The coverage of every version of a loaded regulation. A translation naming an older version of the
/// regulation in `translation-of` is compared through the diff engine when it records no fingerprints.
pub fn regulation_status(reg: &LoadedRegulation) -> RegulationStatus {
    let versions = reg
        .versions
        .iter()
        .map(|v| {
            let of = v.en.as_ref().and_then(|e| e.attrs.get("translation-of")).map(|s| s.trim());
            let older = of.filter(|f| *f != v.file).and_then(|f| reg.versions.iter().find(|o| o.file == f));
            let cmp = older.map(|o| compare(&o.ja, &v.ja, &CompareOptions::default()));
            version_status(&v.date, &v.ja, v.en.as_ref(), cmp.as_ref())
        })
        .collect();
    RegulationStatus { slug: reg.slug.clone(), versions }
}

/// The report as text: one line per version, then its stale provisions.
pub fn to_text(regs: &[RegulationStatus]) -> String {
    let mut out = String::new();
    for r in regs {
        out.push_str(&format!("{}\n", r.slug));
        for v in &r.versions {
            if !v.has_translation {
                out.push_str(&format!("  {}  no translation ({} provisions)\n", v.date, v.total));
                continue;
            }
            let pct = |n: usize| if v.total == 0 { 0.0 } else { 100.0 * n as f64 / v.total as f64 };
            out.push_str(&format!(
                "  {}  translated {}/{} ({:.1}%), stale {} ({:.1}%), todo {}, missing {} ({:.1}%)\n",
                v.date,
                v.translated,
                v.total,
                pct(v.translated),
                v.stale,
                pct(v.stale),
                v.todo,
                v.missing,
                pct(v.missing)
            ));
            if !v.stale_ids.is_empty() {
                out.push_str(&format!("    stale: {}\n", v.stale_ids.join(", ")));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stale_todo_and_missing_are_counted_apart() {
        let old = crate::parse::parse_str("規程\n第1条　甲。\n第2条　乙。\n第3条　丙。\n").unwrap();
        let new = crate::parse::parse_str("規程\n第1条　甲。\n第2条　丁。\n第3条　丙。\n第4条　戊。\n").unwrap();
        let fp = crate::translate::fingerprint::Fingerprints::of(&old, "a.md", "");
        let en = "<!-- translation-of: a.md -->\nRules\n\nArticle 1\nA.\n\nArticle 2\nB.\n\nArticle 3\n[TODO] 丙。\n";
        let en = crate::translate::fingerprint::with_fingerprints(en, &fp);
        let en = crate::parse::english::parse_english("a.en.md", &en).unwrap().document;
        let s = version_status("d", &new, Some(&en), None);
        assert_eq!((s.total, s.stale, s.todo, s.missing), (8, 1, 1, 2));
        assert_eq!(s.stale_ids, vec!["art_2__para_1"]);
        assert_eq!(s.translated, 4);
        let text = to_text(&[RegulationStatus { slug: "r".into(), versions: vec![s] }]);
        assert!(
            text.contains(
                "  d  translated 4/8 (50.0%), stale 1 (12.5%), todo 1, missing 2 (25.0%)\n    stale: art_2__para_1\n"
            ),
            "{text}"
        );
    }
}
