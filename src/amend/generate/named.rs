//! Lists whose entries carry no number (`- 元日　一月一日…`, a table of 国民の祝日) amended entry by entry,
//! each named by its first word as the 1966 amendment of 国民の祝日に関する法律 names them:
//! 「第二条成人の日の項の次に次のように加える。」, 「…の項を次のように改める。」, 「…の項を削る。」.
//!
//! ```
//! let old = kitei::parse::parse_str("# 例\n\n## 第一条\n\n次のとおり。\n\n- 甲　一\n- 丙　三\n").unwrap();
//! let new = kitei::parse::parse_str("# 例\n\n## 第一条\n\n次のとおり。\n\n- 甲　一\n- 乙　二\n- 丙　三\n").unwrap();
//! let a = &old.articles()[0].children.iter().collect::<Vec<_>>();
//! let b = &new.articles()[0].children.iter().collect::<Vec<_>>();
//! assert!(kitei::amend::generate::named::named_entries_ok(a, b));
//! assert_eq!(kitei::amend::generate::named::named_entries("第一条", a, b), ["第一条甲の項の次に次のように加える。\n- 乙　二"]);
//! ```

use crate::model::Node;

use super::pairing::{content_key, pair};

/// The first word of an unnumbered list entry (`成人の日` of `成人の日　一月十五日…`), if it can name it.
fn entry_name(c: &Node) -> Option<String> {
    if !crate::parse::source_lines::is_bullet(&c.label) || !c.children.is_empty() {
        return None;
    }
    let name = c.text.split(['\u{3000}', ' ']).next()?;
    (!name.is_empty() && name.chars().count() <= 20 && !name.contains(['「', '」', '、', '。', '中']) && name != c.text)
        .then(|| name.to_string())
}

/// True when two lists can be amended entry by entry by name: every entry is named (an unnumbered lead
/// paragraph aside, unchanged), names are unique, and the first entry of NEW is an old one.
pub fn named_entries_ok(old: &[&Node], new: &[&Node]) -> bool {
    let lead = |c: &Node| c.label.is_empty() && c.children.is_empty();
    let unique = |v: &[&Node]| {
        let names: Vec<String> = v.iter().filter_map(|c| entry_name(c)).collect();
        let set: std::collections::BTreeSet<&String> = names.iter().collect();
        set.len() == names.len()
    };
    if !old.iter().chain(new).all(|c| lead(c) || entry_name(c).is_some()) || !unique(old) || !unique(new) {
        return false;
    }
    let pairs = pair(old, new);
    let first_new_is_old = pairs.iter().find(|p| p.1.is_some()).is_some_and(|p| p.0.is_some());
    let leads_unchanged = pairs.iter().all(|&(i, j)| match (i, j) {
        (Some(i), Some(j)) if lead(old[i]) || lead(new[j]) => content_key(old[i]) == content_key(new[j]),
        (Some(i), None) => !lead(old[i]),
        (None, Some(j)) => !lead(new[j]),
        _ => true,
    });
    first_new_is_old && leads_unchanged
}

/// Entries of a list without numbers (`- 元日　一月一日…`), named by their first word as the 1966 act
/// names them: 「第二条成人の日の項の次に次のように加える。」, 「…の項を次のように改める。」, 「…の項を削る。」.
pub fn named_entries(cite: &str, old: &[&Node], new: &[&Node]) -> Vec<String> {
    let mut out = Vec::new();
    let pairs = pair(old, new);
    for &(i, j) in &pairs {
        match (i, j) {
            (Some(i), Some(j)) if content_key(old[i]) != content_key(new[j]) => {
                let name = entry_name(old[i]).unwrap_or_default();
                out.push(format!("{cite}{name}の項を次のように改める。\n- {}", new[j].text));
            }
            (Some(i), None) => {
                let name = entry_name(old[i]).unwrap_or_default();
                out.push(format!("{cite}{name}の項を削る。"));
            }
            _ => {}
        }
    }
    let mut k = 0;
    while k < pairs.len() {
        if !(pairs[k].0.is_none() && pairs[k].1.is_some()) {
            k += 1;
            continue;
        }
        let start = k;
        while k < pairs.len() && pairs[k].0.is_none() && pairs[k].1.is_some() {
            k += 1;
        }
        let prev = pairs[..start].iter().rev().find_map(|p| p.1).map(|j| new[j]);
        let name = prev.and_then(entry_name).unwrap_or_default();
        let body: Vec<String> =
            pairs[start..k].iter().filter_map(|p| p.1).map(|j| format!("- {}", new[j].text)).collect();
        out.push(format!("{cite}{name}の項の次に次のように加える。\n{}", body.join("\n")));
    }
    out
}
