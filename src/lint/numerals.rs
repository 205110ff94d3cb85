//! Numeral styles in labels (warning): 第一条 and 第2条 in one document, ２ and 2 as paragraph numbers,
//! (1) and （１） as item markers. One warning per kind of label, naming the labels in the less common
//! style, at the first of them.
//!
//! ```
//! let doc = kitei::parse::parse_str("規程\n第一条　甲\n第二条　乙\n第3条　丙\n").unwrap();
//! let d = kitei::lint::numerals::check(&doc);
//! assert_eq!(d.len(), 1);
//! assert_eq!(d[0].id.as_deref(), Some("art_3"));
//! ```

use super::label_runs;
use crate::diagnostic::Diagnostic;
use crate::model::num::{digit_value, is_kanji_numeral};
use crate::model::{walk, Document, Kind, Node, Scheme};
use std::collections::BTreeMap;

/// How the number of a label is written: `kanji`, `arabic` (half-width), `full-width`, or for item markers
/// the marker's shape with digits replaced (`(9)`, `（９）`).
fn style(label: &str, shape: bool) -> Option<String> {
    if shape {
        let s: String = label
            .chars()
            .map(|c| match c {
                '0'..='9' => '9',
                '０'..='９' => '９',
                c => c,
            })
            .collect();
        let s = collapse(&s);
        return s.chars().any(|c| c == '9' || c == '９').then_some(s);
    }
    let first = label.chars().find(|c| digit_value(*c).is_some() || is_kanji_numeral(*c))?;
    Some(
        match first {
            '0'..='9' => "arabic (第1条)",
            '０'..='９' => "full-width (第１条)",
            _ => "kanji (第一条)",
        }
        .to_string(),
    )
}

/// `(99)` → `(9)`: the number of digits does not matter.
fn collapse(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if (c == '9' || c == '９') && out.ends_with(c) {
            continue;
        }
        out.push(c);
    }
    out
}

/// Checks label numeral styles.
pub fn check(doc: &Document) -> Vec<Diagnostic> {
    let mut numbered: Vec<&Node> = Vec::new(); // 条 and 編章節款目
    let mut paras: Vec<&Node> = Vec::new();
    let mut items: Vec<&Node> = Vec::new();
    for c in &doc.children {
        if c.kind == Kind::Toc {
            continue;
        }
        walk::walk_node(c, &mut |n| match n.kind {
            Kind::Article if !n.label.is_empty() => numbered.push(n),
            k if k.is_group() => numbered.push(n),
            Kind::Paragraph if !n.label.is_empty() => paras.push(n),
            Kind::Item | Kind::Subitem if n.scheme == Some(Scheme::Arabic) => items.push(n),
            _ => {}
        });
    }
    let mut out = Vec::new();
    mixed(&numbered, false, "article and chapter labels", &mut out);
    mixed(&paras, false, "paragraph numbers", &mut out);
    mixed(&items, true, "item markers", &mut out);
    out
}

fn mixed(nodes: &[&Node], shape: bool, what: &str, out: &mut Vec<Diagnostic>) {
    let mut by_style: BTreeMap<String, Vec<(usize, &Node)>> = BTreeMap::new();
    for (i, n) in nodes.iter().enumerate() {
        if let Some(s) = style(&n.label, shape) {
            by_style.entry(s).or_default().push((i, n));
        }
    }
    if by_style.len() < 2 {
        return;
    }
    let mut styles: Vec<(&String, &Vec<(usize, &Node)>)> = by_style.iter().collect();
    // Most common first; ties by first appearance.
    styles.sort_by_key(|(_, v)| (std::cmp::Reverse(v.len()), v[0].0));
    let describe = |(s, v): &(&String, &Vec<(usize, &Node)>)| {
        let labels: Vec<(usize, &str)> = v.iter().map(|(i, n)| (*i, n.label.as_str())).collect();
        let list = label_runs(&labels);
        let list = if list.chars().count() > 120 { format!("{} labels", v.len()) } else { list };
        format!("{s}: {list}")
    };
    let minority = styles[1..].iter().flat_map(|(_, v)| v.iter()).min_by_key(|(i, _)| *i).expect("two styles");
    let parts: Vec<String> = styles.iter().map(describe).collect();
    out.push(
        Diagnostic::warning("mixed-numerals", format!("{what} mix numeral styles — {}", parts.join("; ")))
            .at_span(minority.1.span)
            .with_id(&minority.1.id),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> Vec<Diagnostic> {
        check(&crate::parse::parse_str(text).unwrap())
    }

    #[test]
    fn consistent_labels_are_clean() {
        assert!(run("規程\n第一章　総則\n第一条　甲\n２　乙\n第二条　丙\n").is_empty());
        assert!(run("規程\n第1条　甲\n2　乙\n(1)　丙\n(2)　丁\n(10)　戊\n").is_empty());
    }

    #[test]
    fn mixed_styles() {
        let d = run("規程\n第1条　甲\n２　乙\n第2条　丙\n2　丁\n3　戊\n");
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].id.as_deref(), Some("art_1__para_2"));
        assert!(d[0].message.contains("paragraph numbers"));
        let d = run("規程\n第1条　甲\n(1)　乙\n（２）　丙\n");
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].id.as_deref(), Some("art_1__para_1__item_2"));
    }

    #[test]
    fn styles() {
        assert_eq!(style("第十条の二", false).as_deref(), Some("kanji (第一条)"));
        assert_eq!(style("第１０条", false).as_deref(), Some("full-width (第１条)"));
        assert_eq!(style("(12)", true).as_deref(), Some("(9)"));
        assert_eq!(style("イ", true), None);
    }
}
