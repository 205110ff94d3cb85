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
pub fn attach(resolver: &Resolver, sanctions: &[Sanction], entries: &mut [Entry]) {
    for s in sanctions {
        let Some(pos) = resolver.position(&s.id) else { continue };
        let line = if s.penalty.is_empty() {
            format!("罰則: {}", s.label)
        } else {
            format!("罰則: {}（{}）", s.label, s.penalty)
        };
        let mut targets: Vec<String> = Vec::new();
        for r in resolver.references(&pos, &s.citing) {
            if r.reference.external {
                continue;
            }
            targets.extend(r.targets.iter().map(|n| n.id.clone()));
        }
        for e in entries.iter_mut() {
            let cited = targets.iter().any(|t| e.id == *t || e.id.starts_with(&format!("{t}__")));
            if cited && !e.penalties.contains(&line) {
                e.penalties.push(line.clone());
            }
        }
    }
}
