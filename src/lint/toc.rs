//! 目次 against the body (errors): every entry must name a group that exists, with the same title, and its
//! article range (`（第1条—第3条）`, parsed into the entry's `from`/`to` attributes) must be the first and
//! last articles actually inside that group. Groups of a rank the 目次 lists (章, 節…) that it leaves out are
//! reported too. Titles are compared without white space (PDF pastes space them out).
//!
//! ```
//! let text = "規程\n目次\n第1章　総則（第1条・第2条）\n第2章　雑則（第3条）\n第1章　総則\n第1条　甲\n第2章　補則\n第2条　乙\n第3条　丙\n";
//! let doc = kitei::parse::parse_str(text).unwrap();
//! let d = kitei::lint::toc::check(&doc);
//! assert_eq!(d.len(), 3); // 第1章's range, 第2章's title and range
//! assert!(d.iter().all(|d| d.code == "toc-mismatch"));
//! ```

use super::numbering::name;
use crate::diagnostic::Diagnostic;
use crate::model::{walk, Document, Kind, Node, Num};
use std::collections::BTreeSet;

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn range_text(a: &Num, b: &Num) -> String {
    if a == b {
        name(Kind::Article, a)
    } else {
        format!("{}—{}", name(Kind::Article, a), name(Kind::Article, b))
    }
}

/// Checks the 目次, if there is one.
pub fn check(doc: &Document) -> Vec<Diagnostic> {
    let Some(toc) = doc.toc() else { return Vec::new() };
    let mut out = Vec::new();
    let mut listed = BTreeSet::new();
    let mut ranks = BTreeSet::new();
    walk::walk_node(toc, &mut |e| {
        if e.kind != Kind::TocEntry {
            return;
        }
        let err = |msg: String| Diagnostic::error("toc-mismatch", msg).at_span(e.span).with_id(&e.id);
        let shown = format!("{}{}", e.label, e.heading.as_deref().map(|h| format!("　{h}")).unwrap_or_default());
        if e.attrs.get("target").map(String::as_str) == Some("suppl") {
            if doc.suppl_provisions().next().is_none() {
                out.push(err("the 目次 lists 附則 but the body has none".into()));
            }
            return;
        }
        let body_id = e.id.strip_prefix("toc__").unwrap_or(&e.id);
        let Some(group) = doc.find(body_id).filter(|g| g.kind.is_group()) else {
            out.push(err(format!("the 目次 lists 「{shown}」 but the body has no such group")));
            return;
        };
        listed.insert(group.id.clone());
        ranks.insert(group.kind);
        let (t, b) = (e.heading.as_deref().unwrap_or(""), group.heading.as_deref().unwrap_or(""));
        if squeeze(t) != squeeze(b) {
            out.push(err(format!(
                "the 目次 calls {} 「{t}」 but the body's title (line {}) is 「{b}」",
                e.label, group.span.start.line
            )));
        }
        let arts = articles_in(group);
        // The text parser stores the bounds in `from`/`to`; otherwise (e-Gov XML import) read the range text.
        let parsed = || crate::parse::builder::parse_toc_range(&e.text);
        let from = e.attrs.get("from").and_then(|s| Num::parse_arabic(s)).or_else(|| parsed().map(|p| p.0));
        let to = e.attrs.get("to").and_then(|s| Num::parse_arabic(s)).or_else(|| parsed().map(|p| p.1));
        match (from, to, arts.first(), arts.last()) {
            (Some(f), Some(t), Some(first), Some(last)) => {
                let first_n = first.num.clone().unwrap_or(Num(Vec::new()));
                let last_n = last.num_end.as_deref().cloned().or_else(|| last.num.clone()).unwrap_or(Num(Vec::new()));
                if f != first_n || t != last_n {
                    out.push(err(format!(
                        "the 目次 gives {} for {} but it holds {}",
                        range_text(&f, &t),
                        e.label,
                        range_text(&first_n, &last_n)
                    )));
                }
            }
            (Some(f), Some(t), None, _) => {
                out.push(err(format!("the 目次 gives {} for {} but it holds no articles", range_text(&f, &t), e.label)))
            }
            (None, _, _, _) if !e.text.is_empty() => out.push(
                Diagnostic::warning("toc-range", format!("cannot read the article range 「{}」", e.text))
                    .at_span(e.span)
                    .with_id(&e.id),
            ),
            _ => {}
        }
    });
    for c in &doc.children {
        walk::walk_node(c, &mut |g| {
            if g.kind.is_group() && ranks.contains(&g.kind) && !listed.contains(&g.id) {
                let title = g.heading.as_deref().unwrap_or("");
                out.push(
                    Diagnostic::error("toc-mismatch", format!("{}　{title} is not listed in the 目次", g.label))
                        .at_span(g.span)
                        .with_id(&g.id),
                );
            }
        });
    }
    out
}

fn articles_in(n: &Node) -> Vec<&Node> {
    let mut v = Vec::new();
    walk::walk_node(n, &mut |c| {
        if c.kind == Kind::Article {
            v.push(c)
        }
    });
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    fn msgs(text: &str) -> Vec<String> {
        check(&crate::parse::parse_str(text).unwrap()).into_iter().map(|d| d.message).collect()
    }

    #[test]
    fn matching_toc_is_clean() {
        let t = "規程\n目次\n第一章　総則（第一条・第二条）\n第二章　雑則（第三条）\n附則\n第一章　総則\n第一条　甲\n第二条　乙\n第二章　雑則\n第三条　丙\n附　則\nこの規程は、施行する。\n";
        assert!(msgs(t).is_empty(), "{:?}", msgs(t));
    }

    #[test]
    fn mismatches_are_reported() {
        let t = "規程\n目次\n第1章　総則（第1条—第3条）\n第2章　雑則（第3条）\n第1章　総則\n第1条　甲\n第2条　乙\n第2章　補則\n第3条　丙\n第3章　罰則\n第4条　丁\n";
        let m = msgs(t);
        assert_eq!(m.len(), 3, "{m:?}");
        assert!(m[0].contains("第1条—第3条") && m[0].contains("第1条—第2条"), "{m:?}");
        assert!(m[1].contains("補則"), "{m:?}");
        assert!(m[2].contains("第3章") && m[2].contains("not listed"), "{m:?}");
    }

    #[test]
    fn range_read_from_text_without_attributes() {
        let t = "規程\n目次\n第1章　総則（第1条—第3条）\n第1章　総則\n第1条　甲\n第2条　乙\n";
        let mut doc = crate::parse::parse_str(t).unwrap();
        for e in &mut doc.children[0].children {
            e.attrs.remove("from");
            e.attrs.remove("to");
        }
        let d = check(&doc);
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(d[0].message.contains("第1条—第2条"));
    }

    #[test]
    fn listed_group_missing_from_body() {
        let t = "規程\n目次\n第1章　総則（第1条）\n第2章　雑則（第2条）\n第1章　総則\n第1条　甲\n第2条　乙\n";
        let m = msgs(t);
        assert!(m.iter().any(|m| m.contains("第2章") && m.contains("no such group")), "{m:?}");
    }
}
