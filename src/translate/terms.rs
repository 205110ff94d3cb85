//! The glossary check of `kitei lint` on a translation: a Japanese term of `glossary.toml` in a provision
//! whose listed English is missing from that provision's translation is a warning (`translation-term`), at
//! the English line. Longer terms are matched first and hide the shorter ones inside them (機構 inside
//! 地方公共団体情報システム機構); one-character terms (法) are too ambiguous to check this way and are skipped.
//! A term with `scope = "heading"` is checked in captions and titles only, one with `scope = "phrase"` not at
//! all.
//! The English is compared case-insensitively, without a leading "the" and allowing a final plural "s".
//!
//! ```
//! use kitei::render::load::GlossaryTerm;
//! let ja = kitei::parse::parse_str("規程\n第1条　委託先を監督する。\n").unwrap();
//! let en = kitei::parse::english::parse_english("x.en.md", "Rules\n\nArticle 1\nThe Agency oversees contractors.\n").unwrap().document;
//! let glossary = [GlossaryTerm { ja: "監督".into(), en: "supervise".into(), note: None, scope: None }];
//! let align = kitei::render::translation::Alignment::new(&ja, None);
//! let found = kitei::translate::terms::check_terms(&ja, &en, &align, &glossary);
//! assert_eq!(found.len(), 1);
//! assert_eq!((found[0].code.as_str(), found[0].line), ("translation-term", 4));
//! ```

use super::update::TODO;
use crate::diagnostic::Diagnostic;
use crate::model::{walk, Document, Node};
use crate::render::load::GlossaryTerm;
use crate::render::translation::{is_translatable, Alignment};
use std::collections::BTreeMap;

/// The glossary terms of `ja` whose English its translation `en` lacks, one warning per term and provision.
pub fn check_terms(ja: &Document, en: &Document, align: &Alignment, glossary: &[GlossaryTerm]) -> Vec<Diagnostic> {
    let mut terms: Vec<&GlossaryTerm> =
        glossary.iter().filter(|t| t.ja.chars().count() >= 2 && !t.en.trim().is_empty()).collect();
    terms.sort_by_key(|t| std::cmp::Reverse(t.ja.chars().count()));
    let mut en_nodes: BTreeMap<&str, &Node> = BTreeMap::new();
    walk::walk(en, &mut |n| {
        en_nodes.insert(n.id.as_str(), n);
    });
    let mut out = Vec::new();
    walk::walk(ja, &mut |n| {
        if !is_translatable(n) {
            return;
        }
        let Some(e) = align.en_id.get(&n.id).and_then(|e| en_nodes.get(e.as_str())) else { return };
        let english = format!("{} {}", e.heading.as_deref().unwrap_or(""), e.text).to_lowercase();
        if english.contains(&TODO.to_lowercase()) {
            return;
        }
        let heading = n.heading.as_deref().unwrap_or("");
        let mut japanese = format!("{heading}\u{1f}{}", n.text);
        for t in &terms {
            if !japanese.contains(t.ja.as_str()) {
                continue;
            }
            let in_heading = heading.contains(t.ja.as_str()) || (n.text.is_empty() && !n.kind.is_provision());
            japanese = japanese.replace(t.ja.as_str(), "\u{1f}");
            match t.scope.as_deref() {
                Some("phrase") => continue,
                Some("heading") if !in_heading => continue,
                _ => {}
            }
            if !uses(&english, &t.en) {
                let msg =
                    format!("{}: 「{}」 is \"{}\" in the glossary, which this English does not use", n.id, t.ja, t.en);
                out.push(Diagnostic::warning("translation-term", msg).at_span(e.span).with_id(n.id.clone()));
            }
        }
    });
    out
}

/// True when `english` (lower case) uses the glossary rendering `term`.
fn uses(english: &str, term: &str) -> bool {
    let t = term.trim().to_lowercase();
    let t = t.strip_prefix("the ").unwrap_or(&t);
    english.contains(t) || t.strip_suffix('s').is_some_and(|s| english.contains(s))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(ja: &str, en: &str, glossary: &[(&str, &str)]) -> Vec<String> {
        let ja = crate::parse::parse_str(ja).unwrap();
        let en = crate::parse::english::parse_english("x", en).unwrap().document;
        let g: Vec<GlossaryTerm> = glossary
            .iter()
            .map(|(j, e)| GlossaryTerm { ja: j.to_string(), en: e.to_string(), note: None, scope: None })
            .collect();
        check_terms(&ja, &en, &Alignment::new(&ja, None), &g).into_iter().map(|d| d.message).collect()
    }

    #[test]
    fn a_longer_term_hides_the_shorter_one_inside_it() {
        let g = [("情報システム機構", "Information Systems Agency"), ("機構", "the Agency")];
        assert!(check(
            "規程\n第1条　情報システム機構が定める。\n",
            "R\n\nArticle 1\nThe Information Systems Agency sets.\n",
            &g
        )
        .is_empty());
        let found = check("規程\n第1条　機構が定める。\n", "R\n\nArticle 1\nThe Organization sets.\n", &g);
        assert_eq!(
            found,
            vec!["art_1__para_1: 「機構」 is \"the Agency\" in the glossary, which this English does not use"]
        );
    }

    #[test]
    fn heading_terms_are_checked_in_captions_only_and_phrases_not_at_all() {
        let ja = crate::parse::parse_str("規程\n（その他）\n第1条　その他の措置を講ずる。\n").unwrap();
        let en = crate::parse::english::parse_english("x", "R\n\nArticle 1 (Misc)\nOther measures are taken.\n")
            .unwrap()
            .document;
        let term = |ja: &str, en: &str, scope: &str| GlossaryTerm {
            ja: ja.into(),
            en: en.into(),
            note: None,
            scope: Some(scope.into()),
        };
        let g = [term("その他", "Other Provisions", "heading"), term("講ずる", "is to take measures", "phrase")];
        let found = check_terms(&ja, &en, &Alignment::new(&ja, None), &g);
        let ids: Vec<_> = found.iter().map(|d| d.id.clone().unwrap()).collect();
        assert_eq!(ids, vec!["art_1"], "{found:?}");
    }

    #[test]
    fn case_articles_plurals_and_one_character_terms() {
        let g = [("情報資産", "information assets"), ("法", "the Act")];
        assert!(
            check("規程\n第1条　情報資産を守る。\n", "R\n\nArticle 1\nInformation asset protection.\n", &g).is_empty()
        );
        assert!(check("規程\n第1条　方法を定める。\n", "R\n\nArticle 1\nA method.\n", &g).is_empty());
    }
}
