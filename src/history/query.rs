//! Finding a provision's chain from what a reader types: a citation (第21条, 第二十一条第2項, 附則第1条), an
//! ID (`art_21__para_2`) or a phrase of its text. A citation or an ID is read in one version (the latest
//! unless told otherwise), because numbers change: 第25条 of 2020 is 第26条 of 2019.
//!
//! ```
//! use kitei::history::{build, query::find, Version};
//! let v1 = kitei::parse::parse_str("規程\n第1条　甲\n第2条　乙\n第3条　丙\n").unwrap();
//! let v2 = kitei::parse::parse_str("規程\n第1条　甲\n第2条　丙\n").unwrap();
//! let versions = [Version::new("v1", &v1), Version::new("v2", &v2)];
//! let h = build(&versions);
//! let found = find(&h, &versions, "第2条", None).unwrap();
//! assert_eq!(h.chains[found[0]].steps[0].label, "第3条");
//! ```

use super::{History, Version};
use crate::model::Kind;
use crate::refs::{find_references, Position, Resolver};
use crate::{Error, Result};

/// The chains a query names, read in version `at` (default: the latest). A citation or an ID names one
/// chain; a phrase names every article whose text contains it (or, when no article does, every provision).
/// An error when nothing matches.
pub fn find(history: &History, versions: &[Version<'_>], query: &str, at: Option<usize>) -> Result<Vec<usize>> {
    let query = query.trim();
    let Some(last) = versions.len().checked_sub(1) else {
        return Err(Error::Other("no version to look the provision up in".into()));
    };
    let at = at.unwrap_or(last).min(last);
    let label = &history.versions[at];
    if query.is_empty() {
        return Err(Error::Other("the provision to look up is empty".into()));
    }
    if query.is_ascii() && query.contains('_') {
        return match history.chain_of(at, query) {
            Some(c) => Ok(vec![c]),
            None => Err(Error::Other(format!("{label}: no provision has the ID {query}"))),
        };
    }
    if let Some(c) = by_citation(history, versions[at].doc, at, query) {
        return c.map(|c| vec![c]).ok_or_else(|| Error::Other(format!("{label}: there is no {query}")));
    }
    let matching = |articles_only: bool| -> Vec<usize> {
        let mut found: Vec<usize> = (0..history.chains.len())
            .filter(|&c| !articles_only || history.chains[c].kind == Kind::Article)
            .filter(|&c| history.step_in(c, at).is_some_and(|s| s.text.contains(query)))
            .collect();
        if found.is_empty() {
            found = (0..history.chains.len())
                .filter(|&c| !articles_only || history.chains[c].kind == Kind::Article)
                .filter(|&c| history.chains[c].steps.iter().any(|s| s.text.contains(query)))
                .collect();
        }
        found
    };
    let mut found = matching(true);
    if found.is_empty() {
        found = matching(false);
    }
    if found.is_empty() {
        return Err(Error::Other(format!("no provision of any version contains 「{query}」")));
    }
    Ok(found)
}

/// `Some(Some(chain))` for a citation that names one provision of the version, `Some(None)` for a citation
/// that names none, `None` when the query is not a citation.
fn by_citation(history: &History, doc: &crate::model::Document, at: usize, query: &str) -> Option<Option<usize>> {
    let refs = find_references(query);
    let [r] = refs.as_slice() else { return None };
    let before = &query[..r.range.start];
    let after = &query[r.range.end..];
    if r.external || !(before.is_empty() || before == "附則") || !after.is_empty() {
        return None;
    }
    let resolver = Resolver::new(doc);
    let resolved = resolver.resolve_all(&Position::default(), refs);
    Some(resolved.first().and_then(|x| x.node()).and_then(|n| history.chain_of(at, &n.id)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::build;

    fn two() -> (crate::model::Document, crate::model::Document) {
        let v1 = crate::parse::parse_str("規程\n第1条　甲を定める。\n第2条　乙を定める。\n２　丁を定める。\n").unwrap();
        let v2 = crate::parse::parse_str(
            "規程\n第1条　新設する。\n第2条　甲を定める。\n第3条　乙を定める。\n２　丁を定める。\n",
        )
        .unwrap();
        (v1, v2)
    }

    #[test]
    fn citations_are_read_in_the_chosen_version() {
        let (v1, v2) = two();
        let vs = [Version::new("a", &v1), Version::new("b", &v2)];
        let h = build(&vs);
        let latest = find(&h, &vs, "第3条第2項", None).unwrap();
        assert_eq!(h.chains[latest[0]].steps[0].id, "art_2__para_2");
        let first = find(&h, &vs, "第2条", Some(0)).unwrap();
        assert_eq!(h.chains[first[0]].steps[1].id, "art_3");
        assert!(find(&h, &vs, "第9条", None).is_err());
    }

    #[test]
    fn ids_and_phrases() {
        let (v1, v2) = two();
        let vs = [Version::new("a", &v1), Version::new("b", &v2)];
        let h = build(&vs);
        assert_eq!(h.chains[find(&h, &vs, "art_2", None).unwrap()[0]].steps[0].id, "art_1");
        let by_phrase = find(&h, &vs, "丁を", None).unwrap();
        assert_eq!(by_phrase.len(), 1);
        assert_eq!(h.chains[by_phrase[0]].kind, Kind::Article);
        assert!(find(&h, &vs, "ない言葉", None).is_err());
    }
}
