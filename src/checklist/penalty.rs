//! Sanctions (罰則) attached to the duties they cite.
//!
//! A 罰則 is no checklist entry of its own: 「第三十二条の規定に違反した者は、一年以下の拘禁刑又は五十万円以下の
//! 罰金に処する。」 tells the auditor what breaking 第32条 costs. [`attach`] resolves the references of each
//! sanction (through the shared [`refs`](crate::refs) resolver) and adds 「罰則: 第60条（一年以下の拘禁刑又は
//! 五十万円以下の罰金）」 to every entry at or below a cited provision. References to another law, and those that
//! do not resolve, attach nothing.
//!
//! ```
//! use kitei::checklist::penalty::penalty_phrase;
//! assert_eq!(penalty_phrase("…に違反した者は、一年以下の拘禁刑又は五十万円以下の罰金に処する。"), "一年以下の拘禁刑又は五十万円以下の罰金");
//! assert_eq!(penalty_phrase("…行為者を罰するほか、その法人に対して各本条の罰金刑を科する。"), "各本条の罰金刑");
//! ```

use super::extract::Entry;
use crate::refs::Resolver;
use std::collections::HashMap;

/// One sanction provision found by the extraction.
#[derive(Debug, Clone)]
pub struct Sanction {
    /// The sanction's provision ID.
    pub id: String,
    /// Its citation (第60条, 第61条第2号).
    pub label: String,
    /// The text whose references name the duties (the item's own text for an item of a 罰則 list).
    pub citing: String,
    /// The penalty (一年以下の拘禁刑又は五十万円以下の罰金); empty when the sentence names none.
    pub penalty: String,
}

/// The penalty a sanction sentence imposes: the phrase before 「に処する」 or 「を科する」, back to the last 、
/// (and after 「…に対して」, which names who bears it).
pub fn penalty_phrase(sentence: &str) -> String {
    let s = super::classify::strip_end(sentence);
    let Some(end) = ["に処する", "に処す", "を科する"].iter().find_map(|m| s.rfind(m)) else {
        return String::new();
    };
    let head = &s[..end];
    let start = head.rfind('、').map(|i| i + '、'.len_utf8()).unwrap_or(0);
    let phrase = &head[start..];
    // 「その法人に対して各本条の罰金刑を科する」: the addressee is not part of the penalty.
    let phrase = ["に対しても", "に対して", "に対し"]
        .iter()
        .find_map(|m| phrase.rfind(m).map(|i| &phrase[i + m.len()..]))
        .unwrap_or(phrase);
    phrase.to_string()
}

/// Adds each sanction to the entries it cites (the cited provision and those below it), once per sanction.
/// The cited IDs are indexed once, and each entry looks up its own ID and those above it (`art_5__para_2`,
/// `art_5`): a 会社法 has hundreds of sanctions and thousands of entries.
pub fn attach(resolver: &Resolver, sanctions: &[Sanction], entries: &mut [Entry]) {
    let mut lines: Vec<String> = Vec::new();
    let mut cited: HashMap<String, Vec<usize>> = HashMap::new();
    for s in sanctions {
        let Some(pos) = resolver.position(&s.id) else { continue };
        let k = lines.len();
        lines.push(if s.penalty.is_empty() {
            format!("罰則: {}", s.label)
        } else {
            format!("罰則: {}（{}）", s.label, s.penalty)
        });
        for r in resolver.references(&pos, &s.citing) {
            if !r.reference.external {
                for n in &r.targets {
                    cited.entry(n.id.clone()).or_default().push(k);
                }
            }
        }
    }
    if cited.is_empty() {
        return;
    }
    for e in entries.iter_mut() {
        let mut hits: Vec<usize> = at_or_above(&e.id).filter_map(|id| cited.get(id)).flatten().copied().collect();
        hits.sort_unstable();
        hits.dedup();
        for k in hits {
            if !e.penalties.contains(&lines[k]) {
                e.penalties.push(lines[k].clone());
            }
        }
    }
}

/// `id` and every ID it lies below: each prefix followed by `__` (`art_5__para_2__item_1` → `art_5`,
/// `art_5__para_2`, then itself).
fn at_or_above(id: &str) -> impl Iterator<Item = &str> {
    let b = id.as_bytes();
    (0..b.len().saturating_sub(1)).filter(move |&i| b[i] == b'_' && b[i + 1] == b'_').map(|i| &id[..i]).chain([id])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checklist::{extract, Options};

    #[test]
    fn a_sanction_reaches_what_it_cites_and_what_lies_below_only() {
        let doc = crate::parse::parse_str("宿泊法\n第一条　営業者は、宿泊者名簿を備えなければならない。\n２　営業者は、次に掲げる事項を記載しなければならない。\n一　氏名\n第十条　営業者は、帳簿を保存しなければならない。\n第十一条　第一条の規定に違反した者は、五十万円以下の罰金に処する。\n第十二条　第一条第二項又は同項の規定に違反した者は、十万円以下の過料に処する。\n").unwrap();
        let list = extract(&doc, &Options::default());
        let by_id = |id: &str| list.entries.iter().find(|e| e.id == id).map(|e| e.penalties.clone());
        let both = ["罰則: 第11条（五十万円以下の罰金）", "罰則: 第12条（十万円以下の過料）"];
        assert_eq!(by_id("art_1__para_1").unwrap(), both[..1]);
        // 第十二条 cites 第一条第二項 twice (同項): listed once, after 第十一条's, on the item below it.
        assert_eq!(by_id("art_1__para_2__item_1").unwrap(), both);
        assert_eq!(by_id("art_10__para_1").unwrap(), Vec::<String>::new(), "art_10 is not below art_1");
    }

    #[test]
    fn ids_at_or_above() {
        let got: Vec<&str> = at_or_above("art_5__para_2__item_1").collect();
        assert_eq!(got, ["art_5", "art_5__para_2", "art_5__para_2__item_1"]);
    }
}
