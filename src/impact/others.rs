//! Other regulations that cite this one: 「就業規則第21条」 in a 賃金規程, 「法第26条」 in a 施行規則.
//!
//! A reference in another regulation is this one's when the words just before it are this regulation's
//! title (OLD's or NEW's), an abbreviation the other regulation defines for it (「…法（…）（以下「法」と
//! いう。）」), or — in a regulation whose title starts with this one's (〇〇法施行規則) — 法 or 令. The
//! other regulation is taken to cite OLD (it has not been amended yet): its reference is resolved in OLD
//! with [`crate::refs`], and listed when the provision named was renumbered, removed or reworded.

use super::{quote_around, Cite, Other, Side};
use crate::diff::{ChangeKind, Comparison};
use crate::model::walk;
use crate::refs::external::instrument_ends;
use crate::refs::terms::find_definitions;
use crate::refs::{find_references, Position, Reference, Resolver, Target};
use serde::Serialize;
use std::collections::BTreeMap;

/// What happened to the provision another regulation cites.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CitedChange {
    /// It has a new number: the citation must follow.
    Renumbered,
    /// It was removed.
    Removed,
    /// Its wording changed: the citing provision may need a look.
    Reworded,
    /// Both renumbered and reworded.
    RenumberedReworded,
}

/// One citation from another regulation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OtherCitation {
    /// The citing provision of the other regulation, quoting the reference.
    pub at: Cite,
    /// The provision cited, in OLD.
    pub cited: Cite,
    /// The same provision in NEW.
    pub now: Option<Cite>,
    /// What happened to it.
    pub change: CitedChange,
    /// The fix to make in the other regulation, when the number changed or the provision went.
    pub fix: Option<String>,
}

/// The findings in one other regulation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OtherRegulation {
    /// Its name.
    pub name: String,
    /// Its title.
    pub title: String,
    /// Its citations of changed provisions.
    pub citations: Vec<OtherCitation>,
}

fn is_word_char(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{30a0}'..='\u{30ff}').contains(&c) || c == '々'
}

/// The names by which `other` calls the regulation titled `titles`.
fn names(titles: &[&str], other: &crate::model::Document) -> Vec<String> {
    let mut out: Vec<String> = titles.iter().filter(|t| !t.is_empty()).map(|t| t.to_string()).collect();
    for d in find_definitions(other) {
        if titles.iter().any(|t| !t.is_empty() && d.words.contains(t)) {
            out.push(d.term);
        }
    }
    for t in titles {
        if !t.is_empty() && other.title.starts_with(t) && other.title != *t {
            for (end, short) in [("法", "法"), ("令", "令"), ("規則", "規則"), ("規程", "規程")] {
                if t.ends_with(end) {
                    out.push(short.to_string());
                }
            }
        }
    }
    out.sort_by_key(|n| std::cmp::Reverse(n.chars().count()));
    out.dedup();
    out
}

/// True when `before` ends with `name` standing as a word (not the tail of 施行規則 for 規則).
fn ends_with_name(before: &str, name: &str) -> bool {
    before.strip_suffix(name).is_some_and(|head| !head.chars().next_back().is_some_and(is_word_char))
}

pub(crate) fn find(
    old: &Side<'_>,
    new: &Side<'_>,
    cmp: &Comparison,
    id_map: &BTreeMap<String, Option<String>>,
    others: &[Other<'_>],
    pages: &BTreeMap<String, String>,
) -> Vec<OtherRegulation> {
    if others.is_empty() {
        return Vec::new();
    }
    let changed: BTreeMap<&str, ChangeKind> =
        cmp.changes.iter().filter_map(|c| c.old_id.as_deref().map(|id| (id, c.kind))).collect();
    let resolver = Resolver::new(old.doc);
    let titles = [old.doc.title.as_str(), new.doc.title.as_str()];
    let mut out = Vec::new();
    for other in others {
        let names = names(&titles, other.doc);
        let side = Side::new(other.doc, pages.get(other.name).map(String::as_str));
        let mut citations = Vec::new();
        walk::walk(other.doc, &mut |n| {
            if !n.kind.is_provision() || n.text.is_empty() {
                return;
            }
            // This regulation's references: the instrument each cites (「同規則」 and 「及び第5条」 included,
            // as `refs` tells) is named by one of its names. They are resolved together, so that 同条
            // repeats the article named before it.
            let refs = find_references(&n.text);
            let ends = instrument_ends(&n.text, &refs);
            let ours: Vec<Reference> = refs
                .into_iter()
                .zip(ends)
                .filter(|(r, end)| {
                    !r.suppl && end.is_some_and(|e| names.iter().any(|name| ends_with_name(&n.text[..e], name)))
                })
                .map(|(mut r, _)| {
                    r.external = false;
                    r
                })
                .collect();
            for found in resolver.resolve_all(&Position::default(), ours) {
                let range = found.reference.range.clone();
                for target in &found.targets {
                    let now = id_map.get(&target.id).cloned().unwrap_or(Some(target.id.clone()));
                    let renumbered = now.as_ref().is_some_and(|nid| old.citation(&target.id) != new.citation(nid));
                    let reworded = matches!(
                        changed.get(target.id.as_str()),
                        Some(ChangeKind::Modified | ChangeKind::RenumberedModified | ChangeKind::Moved)
                    );
                    let change = match (&now, renumbered, reworded) {
                        (None, ..) => CitedChange::Removed,
                        (_, true, false) => CitedChange::Renumbered,
                        (_, true, true) => CitedChange::RenumberedReworded,
                        (_, false, true) => CitedChange::Reworded,
                        (_, false, false) => continue,
                    };
                    let words = &n.text[range.clone()];
                    let fix = match &now {
                        None => Some(format!("「{words}」が引く{}は削られた", old.citation(&target.id))),
                        // 同条 follows the reference it repeats: the fix is made there.
                        Some(_) if found.reference.article == Some(Target::Same) => None,
                        Some(nid) if renumbered => {
                            Some(super::citations::fix(words, &old.citation(&target.id), &new.citation(nid)))
                        }
                        _ => None,
                    };
                    citations.push(OtherCitation {
                        at: side.cite(&n.id, quote_around(&n.text, range.clone())),
                        cited: old.cite(&target.id, target.heading.clone().unwrap_or_default()),
                        now: now.as_deref().map(|nid| {
                            new.cite(nid, new.node(nid).and_then(|x| x.heading.clone()).unwrap_or_default())
                        }),
                        change,
                        fix,
                    });
                }
            }
        });
        if !citations.is_empty() {
            out.push(OtherRegulation { name: other.name.to_string(), title: other.doc.title.clone(), citations });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::{compare, CompareOptions};
    use crate::parse::parse_str;

    #[test]
    fn a_wage_rule_citing_a_renumbered_article_is_listed_with_the_fix() {
        let old = parse_str("就業規則\n第1条　総則を定める。\n第2条　業務の時間を指定する。\n第3条　欠勤は届け出る。\n第4条　賃金は賃金規程による。\n").unwrap();
        let new =
            parse_str("就業規則\n第1条　総則を定める。\n第2条　欠勤は届け出る。\n第3条　賃金は賃金規程による。\n")
                .unwrap();
        let wage = parse_str("賃金規程\n第1条　この規程は、就業規則第4条に基づく。\n第2条　就業規則第3条の欠勤は控除する。\n第3条　就業規則第1条の総則による。\n第4条　第3条の規定は、施行規則第2条に準ずる。\n").unwrap();
        let cmp = compare(&old, &new, &CompareOptions::default());
        let others = [Other { name: "賃金規程.md", doc: &wage }];
        let got = find(&Side::new(&old, None), &Side::new(&new, None), &cmp, &cmp.id_map(), &others, &BTreeMap::new());
        assert_eq!(got.len(), 1);
        let at: Vec<(&str, &str)> = got[0]
            .citations
            .iter()
            .map(|c| (c.at.citation.as_str(), c.now.as_ref().unwrap().citation.as_str()))
            .collect();
        assert_eq!(at, [("第1条", "第3条"), ("第2条", "第2条")]);
        assert!(got[0].citations[0].fix.as_deref().unwrap().contains("「第4条」を「第3条」に改める"));
    }

    #[test]
    fn same_rule_and_inherited_references_are_the_rules_citations() {
        let old = parse_str("就業規則\n第1条　総則を定める。\n第2条　休職を命ずる。\n２　休職期間を定める。\n第3条　勤続年数を数える。\n第4条　賞与を支給する。\n").unwrap();
        let new =
            parse_str("就業規則\n第1条　総則を定める。\n第2条　勤続年数を数える。\n第3条　賞与を支給する。\n").unwrap();
        let wage = parse_str("賃金規程\n第1条　就業規則第2条第2項の休職期間は、同規則第3条の勤続年数に算入しない。\n第2条　賞与は、就業規則第1条及び第4条並びに同条の定めによる。\n第3条　第2条の規定は、旅費規程第3条に準ずる。\n").unwrap();
        let cmp = compare(&old, &new, &CompareOptions::default());
        let others = [Other { name: "賃金規程.md", doc: &wage }];
        let got = find(&Side::new(&old, None), &Side::new(&new, None), &cmp, &cmp.id_map(), &others, &BTreeMap::new());
        let found: Vec<(&str, &str, CitedChange)> =
            got[0].citations.iter().map(|c| (c.at.citation.as_str(), c.cited.citation.as_str(), c.change)).collect();
        assert_eq!(
            found,
            [
                ("第1条", "第2条第2項", CitedChange::Removed),
                ("第1条", "第3条", CitedChange::Renumbered),
                ("第2条", "第4条", CitedChange::Renumbered),
                ("第2条", "第4条", CitedChange::Renumbered),
            ],
            "旅費規程第3条 is another rule's; 第2条 of 賃金規程 is its own"
        );
        assert!(got[0].citations[1].fix.as_deref().unwrap().contains("「第3条」を「第2条」に改める"));
        assert!(got[0].citations[2].fix.is_some() && got[0].citations[3].fix.is_none(), "同条 follows 第4条");
    }

    #[test]
    fn a_regulation_citing_its_law_as_ho() {
        let law = parse_str("情報公開法\n第1条　目的を定める。\n第2条　開示を請求できる。\n").unwrap();
        let law2 =
            parse_str("情報公開法\n第1条　目的を定める。\n第2条　新設の条。\n第3条　開示を請求できる。\n").unwrap();
        let rule =
            parse_str("情報公開法施行規則\n第1条　法第2条の請求は、書面による。\n第2条　規則第2条とは関係がない。\n")
                .unwrap();
        let cmp = compare(&law, &law2, &CompareOptions::default());
        let others = [Other { name: "rule", doc: &rule }];
        let got = find(&Side::new(&law, None), &Side::new(&law2, None), &cmp, &cmp.id_map(), &others, &BTreeMap::new());
        assert_eq!(got[0].citations.len(), 1, "{got:#?}");
        assert_eq!(got[0].citations[0].change, CitedChange::Renumbered);
    }
}
