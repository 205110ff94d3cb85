//! The 目次: entries nested by rank (編 > 章 > 節…), ranges parsed, and the point where the body starts again.

use super::{span_of, strip_brackets, Builder};
use crate::model::{Kind, Node, Num};
use crate::parse::line::LineKind;
use crate::parse::source_lines::SourceLine;

impl Builder<'_> {
    pub(super) fn end_toc(&mut self) {
        if self.toc.is_none() {
            return;
        }
        while let Some(e) = self.toc_stack.pop() {
            self.toc_attach(e);
        }
        if let Some(toc) = self.toc.take() {
            self.doc.children.push(toc);
        }
    }

    pub(super) fn toc_attach(&mut self, e: Node) {
        match self.toc_stack.last_mut() {
            Some(p) => p.children.push(e),
            None => {
                if let Some(t) = self.toc.as_mut() {
                    t.span.end = e.span.end.max(t.span.end);
                    t.children.push(e);
                }
            }
        }
    }

    /// The path of (kind, number) pairs a 目次 entry would have: its open ancestors of higher rank, then itself.
    pub(super) fn toc_path(&self, kind: Kind, num: &Num) -> Vec<(Kind, Num)> {
        let rank = kind.group_rank().unwrap_or(0);
        let mut path: Vec<(Kind, Num)> = self
            .toc_stack
            .iter()
            .filter_map(|e| {
                let k = e.attrs.get("rank").and_then(|r| r.parse::<u8>().ok()).unwrap_or(0);
                let kind = group_kind_of_rank(k)?;
                (k < rank).then(|| (kind, e.num.clone().unwrap_or(Num::simple(0))))
            })
            .collect();
        path.push((kind, num.clone()));
        path
    }

    pub(super) fn toc_entry(
        &mut self,
        l: &SourceLine<'_>,
        kind: Kind,
        num: Option<Num>,
        label: &str,
        title: &str,
        range: Option<&str>,
    ) {
        let rank = kind.group_rank().unwrap_or(0);
        while let Some(top) = self.toc_stack.last() {
            let top_rank = top.attrs.get("rank").and_then(|r| r.parse::<u8>().ok()).unwrap_or(0);
            if rank != 0 && top_rank != 0 && top_rank < rank {
                break;
            }
            let e = self.toc_stack.pop().expect("checked above");
            self.toc_attach(e);
        }
        let mut e = Node::new(Kind::TocEntry);
        e.label = label.to_string();
        e.heading = (!title.is_empty()).then(|| title.to_string());
        e.num = num.clone();
        e.span = span_of(l);
        let target = kind.group_rank().map(|_| crate::model::ids::group_prefix_name(kind)).unwrap_or("suppl");
        e.attrs.insert("target".into(), target.into());
        e.attrs.insert("rank".into(), rank.to_string());
        if let Some(r) = range {
            e.text = r.to_string();
            if let Some((from, to)) = parse_toc_range(r) {
                e.attrs.insert("from".into(), from.to_string());
                e.attrs.insert("to".into(), to.to_string());
            }
        }
        if let Some(n) = &num {
            let path = self.toc_path(kind, n);
            self.toc_seen.insert(path);
        }
        if rank == 0 {
            self.toc_attach(e);
        } else {
            self.toc_stack.push(e);
        }
    }
}

/// Before the body, a group heading without a range still opens a 目次 when a later group heading, before
/// the first article, carries one (民法's 目次 starts `第一編　総則` and only its 章 have ranges), or when the
/// headings before the first article come round again: e-Gov's 2013 text lists a 目次 without the word 目次
/// and without ranges (`第一編　総則` … `附則`), then starts the body with `第一編　総則`.
pub(super) fn toc_ahead(kinds: &[LineKind<'_>], i: usize) -> bool {
    let mut path: Vec<(u8, &Num)> = Vec::new();
    let mut seen: std::collections::HashSet<Vec<(u8, &Num)>> = std::collections::HashSet::new();
    for kind in &kinds[i..] {
        match kind {
            LineKind::Group { range: Some(_), .. } => return true,
            LineKind::Group { kind, num, .. } => {
                let rank = kind.group_rank().unwrap_or(0);
                path.retain(|(r, _)| *r < rank);
                path.push((rank, num));
                if !seen.insert(path.clone()) {
                    return true;
                }
            }
            // A 目次 holds headings (編…, 附則, 別表) only: a provision, a 号 or a line of text ends it
            // (`Builder::text`), and a group before one is no entry of a 目次 after it. Of the tag lines only
            // an attribute line belongs to a heading; the others (`:anonym-paragraph:`, `:text:`, `:block:`…)
            // hold text, as the plain line they were written for would.
            LineKind::Blank | LineKind::Toc | LineKind::Suppl { .. } | LineKind::Appendix { .. } => {}
            LineKind::Tag { name: "attr", .. } => {}
            _ => return false,
        }
    }
    false
}

fn group_kind_of_rank(rank: u8) -> Option<Kind> {
    [Kind::Part, Kind::Chapter, Kind::Section, Kind::Subsection, Kind::Division]
        .into_iter()
        .find(|k| k.group_rank() == Some(rank))
}

/// `（第一条―第三条）` → (1, 3); `（第九条・第十条）` → (9, 10); `（第十三条）` → (13, 13).
pub fn parse_toc_range(r: &str) -> Option<(Num, Num)> {
    let inner = strip_brackets(r);
    let parts: Vec<&str> = inner
        .split(['―', '—', '‐', '-', '－', '～', '〜', '・', '?', '−', '─'])
        .flat_map(|p| p.split("から"))
        .map(|p| p.trim_end_matches("まで").trim())
        .filter(|p| !p.is_empty())
        .collect();
    let art = |s: &str| -> Option<Num> {
        let s = s.strip_prefix('第')?;
        let (main, branch) = match s.split_once('条') {
            Some((m, b)) => (m, b),
            None => (s, ""),
        };
        let mut v = Num::parse_japanese(main.trim())?.0;
        if let Some(b) = branch.strip_prefix('の') {
            v.extend(Num::parse_japanese(b)?.0);
        }
        Some(Num(v))
    };
    let from = art(parts.first()?)?;
    let to = parts.last().and_then(|p| art(p)).unwrap_or_else(|| from.clone());
    Some((from, to))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A chapter at the top whose text is no caption (`（目的）!`), then a group with a range: the chapter was
    /// read back from its canonical text as an entry of a 目次 (the property test's finding).
    #[test]
    fn a_text_line_ends_the_look_ahead_for_a_toc() {
        let doc = crate::parse::parse_str("第1章　総則\n（目的）!\n　第一編　総則（第一条―第三条）\nイ　細目").unwrap();
        assert_eq!(doc.children[0].kind, Kind::Chapter);
        assert_eq!(doc.children[0].children[0].text, "（目的）!");
        assert_eq!(crate::conformance::canonical_round_trip(&doc), Ok(()));
        // A 号 alone likewise.
        let doc = crate::parse::parse_str("第1章　総則\n一\n\n　第一編　総則（第一条―第三条）\n").unwrap();
        assert_eq!(doc.children[0].kind, Kind::Chapter);
        assert_eq!(crate::conformance::canonical_round_trip(&doc), Ok(()));
    }

    /// A chapter before a 目次, then text written as a tag line (`:anonym-paragraph:!` in canonical text),
    /// then the chapter again: the tag is text, so the first chapter is no 目次 entry (the property test's
    /// finding at PROPTEST_CASES=3000).
    #[test]
    fn a_text_tag_line_ends_the_look_ahead_for_a_toc() {
        let doc = crate::parse::parse_str("第4章　総則\n目次\n!\n第4章　総則\n").unwrap();
        assert_eq!(doc.children[0].kind, Kind::Chapter);
        assert_eq!(crate::conformance::canonical_round_trip(&doc), Ok(()));
        let doc = crate::parse::parse_str("第4章　総則\n\n目次\n\n:anonym-paragraph:!\n\n第4章　総則\n").unwrap();
        assert_eq!(doc.children[0].kind, Kind::Chapter);
    }

    #[test]
    pub(super) fn toc_ranges() {
        assert_eq!(
            parse_toc_range("（第1条—第3条）").map(|(a, b)| (a.to_string(), b.to_string())),
            Some(("1".into(), "3".into()))
        );
        assert_eq!(
            parse_toc_range("（第九条・第十条）").map(|(a, b)| (a.to_string(), b.to_string())),
            Some(("9".into(), "10".into()))
        );
        assert_eq!(
            parse_toc_range("（第十三条）").map(|(a, b)| (a.to_string(), b.to_string())),
            Some(("13".into(), "13".into()))
        );
        assert_eq!(
            parse_toc_range("（第十七条―第十九条の三）").map(|(a, b)| (a.to_string(), b.to_string())),
            Some(("17".into(), "19-3".into()))
        );
    }
}
