//! Defined terms whose definition changed, and where they are used.
//!
//! Definitions (「X」とは、…をいう, Xとは、…をいう, a definition article's items in columns, （以下「X」と
//! いう。）) are compared by term: the defining words (from the term to をいう, or
//! the sentence up to the bracket) changed, the term is new, or it is gone. For each, every provision of NEW
//! whose text uses the term is listed (for a removed term, of OLD too): a widened 「職員等」 changes every
//! provision that says 職員等.
//!
//! Definitions and uses are found by [`crate::refs::terms`], the finder the site marks terms with.

use super::{Cite, Side};
use crate::model::walk;
use crate::refs::terms::{find_definitions, is_use_at, Definition};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};

/// What happened to a definition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TermKind {
    /// The defining words changed.
    Changed,
    /// Defined in NEW only.
    Added,
    /// Defined in OLD only.
    Removed,
}

/// One definition that changed, and the provisions using the term.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TermChange {
    /// The term.
    pub term: String,
    /// What happened.
    pub kind: TermKind,
    /// The definition in OLD.
    pub old: Option<Cite>,
    /// The definition in NEW.
    pub new: Option<Cite>,
    /// Provisions of NEW using the term (the definition itself excluded).
    pub uses_new: Vec<Cite>,
    /// Provisions of OLD using the term, for a removed term.
    pub uses_old: Vec<Cite>,
}

/// For each `(term, except)`, the provisions of `side` whose own text uses the term, but `except` (the
/// definition), in document order. One pass over the text for all the terms: a term is looked for only
/// where its first character stands (a 会社法-sized pair changes dozens of definitions).
fn uses(side: &Side<'_>, queries: &[(&str, Option<&str>)]) -> Vec<Vec<Cite>> {
    let mut by_first: HashMap<char, Vec<usize>> = HashMap::new();
    for (q, (term, _)) in queries.iter().enumerate() {
        if let Some(c) = term.chars().next() {
            by_first.entry(c).or_default().push(q);
        }
    }
    let mut out: Vec<Vec<Cite>> = vec![Vec::new(); queries.len()];
    let mut found: Vec<Option<usize>> = vec![None; queries.len()];
    walk::walk(side.doc, &mut |n| {
        if !n.kind.is_provision() || n.id.is_empty() {
            return;
        }
        let text = n.text.as_str();
        found.iter_mut().for_each(|f| *f = None);
        for (i, c) in text.char_indices() {
            for &q in by_first.get(&c).map_or(&[][..], Vec::as_slice) {
                let term = queries[q].0;
                if found[q].is_none() && text[i..].starts_with(term) && is_use_at(text, i, term) {
                    found[q] = Some(i);
                }
            }
        }
        for (q, f) in found.iter().enumerate() {
            if let Some(i) = *f {
                if Some(n.id.as_str()) != queries[q].1 {
                    out[q].push(side.cite(&n.id, super::quote_around(text, i..i + queries[q].0.len())));
                }
            }
        }
    });
    out
}

/// The changed, added and removed definitions between OLD and NEW, with the provisions using each term.
pub(crate) fn changes(old: &Side<'_>, new: &Side<'_>, _id_map: &BTreeMap<String, Option<String>>) -> Vec<TermChange> {
    let (a, b) = (find_definitions(old.doc), find_definitions(new.doc));
    let b_by_term: HashMap<&str, &Definition> = b.iter().map(|d| (d.term.as_str(), d)).collect();
    let mut out = Vec::new();
    for d in &a {
        let now = b_by_term.get(d.term.as_str()).copied();
        let kind = match now {
            None => TermKind::Removed,
            Some(x) if x.words != d.words => TermKind::Changed,
            Some(_) => continue,
        };
        out.push(TermChange {
            term: d.term.clone(),
            kind,
            old: Some(old.cite(&d.id, d.words.clone())),
            new: now.map(|x| new.cite(&x.id, x.words.clone())),
            uses_new: Vec::new(),
            uses_old: Vec::new(),
        });
    }
    let a_terms: HashSet<&str> = a.iter().map(|d| d.term.as_str()).collect();
    for x in b.iter().filter(|x| !a_terms.contains(x.term.as_str())) {
        out.push(TermChange {
            term: x.term.clone(),
            kind: TermKind::Added,
            old: None,
            new: Some(new.cite(&x.id, x.words.clone())),
            uses_new: Vec::new(),
            uses_old: Vec::new(),
        });
    }
    let in_new: Vec<(&str, Option<&str>)> =
        out.iter().map(|t| (t.term.as_str(), t.new.as_ref().map(|c| c.id.as_str()))).collect();
    let removed: Vec<usize> = (0..out.len()).filter(|&i| out[i].kind == TermKind::Removed).collect();
    let in_old: Vec<(&str, Option<&str>)> =
        removed.iter().map(|&i| (out[i].term.as_str(), out[i].old.as_ref().map(|c| c.id.as_str()))).collect();
    let (uses_new, uses_old) = (uses(new, &in_new), uses(old, &in_old));
    for (t, u) in out.iter_mut().zip(uses_new) {
        t.uses_new = u;
    }
    for (&i, u) in removed.iter().zip(uses_old) {
        out[i].uses_old = u;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::impact::Side;
    use crate::parse::parse_str;

    #[test]
    fn a_widened_term_lists_every_provision_using_it() {
        let old = parse_str("規程\n第1条　この規程において「職員等」とは、機構の職員をいう。\n第2条　職員等は、法令を遵守しなければならない。\n第3条　理事長は、職員等に研修を行う。\n第4条　嘱託職員等の扱いは別に定める。\n").unwrap();
        let new_text = "規程\n第1条　この規程において「職員等」とは、機構の職員及び派遣労働者をいう。\n第2条　職員等は、法令を遵守しなければならない。\n第3条　理事長は、職員等に研修を行う。\n第4条　嘱託職員等の扱いは別に定める。\n";
        let new = parse_str(new_text).unwrap();
        let (o, n) = (Side::new(&old, None), Side::new(&new, Some("new.html")));
        let got = changes(&o, &n, &Default::default());
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].kind, TermKind::Changed);
        let ids: Vec<&str> = got[0].uses_new.iter().map(|c| c.citation.as_str()).collect();
        assert_eq!(ids, ["第2条", "第3条"], "第4条's 嘱託職員等 is another word");
        assert_eq!(got[0].uses_new[0].link.as_deref(), Some("new.html#art_2__para_1"));
    }

    #[test]
    fn terms_sharing_a_first_character_are_each_found_in_one_pass() {
        let old = parse_str("規程\n第1条　「職員」とは、機構の職員をいう。\n２　「職務」とは、機構の業務をいう。\n第2条　職務は、職員が行う。\n第3条　職員は、研修を受ける。\n").unwrap();
        let new = parse_str("規程\n第1条　「職員」とは、機構の職員及び派遣労働者をいう。\n２　「職務」とは、機構の事務をいう。\n第2条　職務は、職員が行う。\n第3条　職員は、研修を受ける。\n").unwrap();
        let got = changes(&Side::new(&old, None), &Side::new(&new, None), &Default::default());
        let found: Vec<(&str, Vec<&str>)> =
            got.iter().map(|t| (t.term.as_str(), t.uses_new.iter().map(|c| c.citation.as_str()).collect())).collect();
        // Each definition is left out of its own term's uses; 第2条 holds both terms.
        assert_eq!(found, [("職員", vec!["第2条", "第3条"]), ("職務", vec!["第2条"])]);
        assert_eq!(got[0].uses_new[0].quote, "職務は、職員が行う。");
    }

    #[test]
    fn a_removed_abbreviation_lists_uses_in_both_versions() {
        let old = parse_str(
            "規程\n第1条　情報システム機構（以下「機構」という。）の規程とする。\n第2条　機構は、委員会を置く。\n",
        )
        .unwrap();
        let new = parse_str("規程\n第1条　情報システム機構の規程とする。\n第2条　機構は、委員会を置く。\n").unwrap();
        let got = changes(&Side::new(&old, None), &Side::new(&new, None), &Default::default());
        assert_eq!(got[0].kind, TermKind::Removed);
        assert_eq!(got[0].uses_new.len(), 1);
        assert_eq!(got[0].uses_old[0].citation, "第2条");
    }
}
