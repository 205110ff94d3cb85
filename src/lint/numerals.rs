//! Numeral styles (warning): in labels, 第一条 and 第2条 in one document, ２ and 2 as paragraph numbers, (1)
//! and （１） as item markers (one warning per kind of label, naming the labels in the less common style, at
//! the first of them); in references, half- and full-width digits mixed (第1条 and 第２条), and internal
//! references whose numerals differ from the article labels' (第三条 cited in a document numbered 第1条, 第2条…;
//! one warning each, at the first such reference).
//!
//! ```
//! let text = "規程\n第一条　甲\n第二条　乙\n第3条　丙\n";
//! let doc = kitei::parse::parse_str(text).unwrap();
//! let d = kitei::lint::numerals::check(&doc, &kitei::lint::Locator::new(Some(text)));
//! assert_eq!(d.len(), 1);
//! assert_eq!(d[0].id.as_deref(), Some("art_3"));
//! ```

use super::{cited, label_runs, Cited, Locator};
use crate::diagnostic::Diagnostic;
use crate::model::num::{digit_value, is_kanji_numeral};
use crate::model::{walk, Document, Kind, Node, Scheme};
use crate::refs::Numerals;
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

/// Checks numeral styles in labels and references.
pub fn check(doc: &Document, loc: &Locator<'_>) -> Vec<Diagnostic> {
    check_cited(doc, &cited(doc), loc)
}

/// [`check`] on references already found (the lint run finds them once for every check).
pub(crate) fn check_cited(doc: &Document, cited: &[Cited<'_>], loc: &Locator<'_>) -> Vec<Diagnostic> {
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
    let articles: Vec<&Node> = numbered.iter().copied().filter(|n| n.kind == Kind::Article).collect();
    references(cited, &articles, loc, &mut out);
    out
}

fn numerals_of(label: &str) -> Option<Numerals> {
    let first = label.chars().find(|c| digit_value(*c).is_some() || is_kanji_numeral(*c))?;
    Some(match first {
        '0'..='9' => Numerals::Arabic,
        '０'..='９' => Numerals::FullWidth,
        _ => Numerals::Kanji,
    })
}

fn describe(n: Numerals) -> &'static str {
    match n {
        Numerals::Arabic => "half-width digits (第1条)",
        Numerals::FullWidth => "full-width digits (第１条)",
        Numerals::Kanji => "kanji numerals (第一条)",
        Numerals::None => "no numerals",
    }
}

/// References: half- and full-width digits mixed; internal references in another style than the labels.
fn references(cited: &[Cited<'_>], articles: &[&Node], loc: &Locator<'_>, out: &mut Vec<Diagnostic>) {
    // The labels' style, when all article labels agree (kanji against digits; widths are checked apart).
    let label_styles: Vec<Numerals> = articles.iter().filter_map(|a| numerals_of(&a.label)).collect();
    let labels = label_styles.first().copied().filter(|f| label_styles.iter().all(|s| s == f));
    let mut first_of: Vec<(Numerals, Diagnostic)> = Vec::new();
    let mut unlike_labels: Option<Diagnostic> = None;
    for Cited { site, refs } in cited {
        let text = &site.node.text;
        for r in refs {
            if r.numerals == Numerals::None {
                continue;
            }
            let written = &text[r.range.clone()];
            let at = loc.locate(site.node.span.start, text, r.range.start);
            let here =
                |code: &str, msg: String| Diagnostic::warning(code, msg).at(at.line, at.column).with_id(&site.node.id);
            if r.numerals != Numerals::Kanji && !first_of.iter().any(|(n, _)| *n == r.numerals) {
                first_of.push((r.numerals, here("mixed-numerals", String::new())));
                let last = first_of.last_mut().expect("just pushed");
                last.1.message = format!("「{written}」");
            }
            if let Some(l) = labels {
                if unlike_labels.is_none() && !r.external && (r.numerals == Numerals::Kanji) != (l == Numerals::Kanji) {
                    unlike_labels = Some(here(
                        "mixed-numerals",
                        format!(
                            "「{written}」 is written in {}, but the articles are numbered in {}",
                            describe(r.numerals),
                            describe(l)
                        ),
                    ));
                }
            }
        }
    }
    if first_of.len() == 2 {
        // Report at the later style's first use.
        let (n, mut d) = first_of.pop().expect("two");
        let (m, first) = &first_of[0];
        d.message =
            format!("references mix {} (first {}) and {} ({})", describe(*m), first.message, describe(n), d.message);
        out.push(d);
    }
    out.extend(unlike_labels);
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
        check(&crate::parse::parse_str(text).unwrap(), &Locator::new(Some(text)))
    }

    #[test]
    fn reference_numerals() {
        let d = run("規程\n第1条　第2条及び第２条による。\n第2条　甲\n");
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!((d[0].line, d[0].column), (2, 10));
        assert!(d[0].message.contains("「第２条」"), "{}", d[0].message);
        let d = run("規程\n第1条　第二条による。\n第2条　法第三条による。\n");
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(d[0].message.contains("「第二条」 is written in kanji"), "{}", d[0].message);
        assert!(run("規程\n第一条　第二条及び法第3条による。\n第二条　甲\n").is_empty());
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
