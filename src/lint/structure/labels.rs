//! `structure-label-position`: a 項 or 号 whose written label disagrees with where it stands. The label is
//! what the author wrote (「8.」, 「２」, 「三」); the tree holds it at a position (the seventh 項) and under a
//! number (`para_7`). When they differ, either the author slipped (「1. 2. 3. 2. 3.」) or the parser
//! numbered by position what was written otherwise; either way the IDs, citations and diffs built on the
//! number are in doubt.
//!
//! Reported, per group of siblings: a label whose number differs from the node's number; a label repeating or
//! going below an earlier one; and for 項 (which have no 枝番号 and are renumbered rather than left as gaps), a
//! label ahead of its position, except in a 附則 quoted in part (抄, or an amending act's 附則), where e-Gov
//! leaves 項 out.

use super::LABEL_POSITION;
use crate::diagnostic::Diagnostic;
use crate::lint::Locator;
use crate::model::num::{circled_value, Num};
use crate::model::{walk, Document, Kind, Node};

/// The number a label writes: 「8.」 → 8, 「２」 → 2, 「（3）」 → 3, 「三」 → 3, 「十の二」 → 10-2, 「①」 → 1,
/// 「第二項」 → 2, 「三から五まで」 → 3. `None` for bullets, イロハ and anything else.
pub(crate) fn written(label: &str) -> Option<Num> {
    let s = label.trim().trim_start_matches('第');
    let s = s.split("から").next().unwrap_or(s);
    let s = s.trim_start_matches(['(', '（']).trim_end_matches([')', '）', '.', '．', '、', '項', '号']);
    let mut chars = s.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        if let Some(v) = circled_value(c) {
            return Some(Num::simple(v));
        }
    }
    Num::parse_japanese(s)
}

fn ja_kind(k: Kind) -> &'static str {
    if k == Kind::Paragraph {
        "項"
    } else {
        "号"
    }
}

/// Checks the 項 and 号 of the whole document (outside the 目次, tables and appendices).
pub(super) fn check(doc: &Document, loc: &Locator<'_>, out: &mut Vec<Diagnostic>) {
    // A 本則 of paragraphs without 条 (a short 政令): its 項 stand at the top.
    siblings(&doc.children, Kind::Paragraph, false, loc, out);
    for c in &doc.children {
        if matches!(c.kind, Kind::Toc | Kind::Appendix) {
            continue;
        }
        let partial = c.kind == Kind::SupplProvision && crate::lint::numbering::partial(c);
        walk::walk_node(c, &mut |n| {
            if !matches!(n.kind, Kind::Table | Kind::TableRow | Kind::TableCell) {
                siblings(&n.children, Kind::Paragraph, partial, loc, out);
                siblings(&n.children, Kind::Item, partial, loc, out);
            }
        });
    }
}

fn siblings(children: &[Node], kind: Kind, partial: bool, loc: &Locator<'_>, out: &mut Vec<Diagnostic>) {
    let kids: Vec<&Node> = children.iter().filter(|k| k.kind == kind).collect();
    let mut position = 0u32;
    // The highest label so far: a label at or below it repeats or goes back.
    let mut top: Option<Num> = None;
    let mut prev: Option<&Node> = None;
    let mut seen: Vec<Num> = Vec::new();
    for k in kids {
        let w = written(&k.label);
        let end = k.num_end.as_deref().and_then(|e| (k.num.as_ref() != Some(e)).then_some(e));
        position += match (&k.num, end) {
            (Some(a), Some(b)) if !a.is_branch() && b.main() > a.main() => b.main() - a.main() + 1,
            _ => 1,
        };
        let Some(w) = w else {
            // No number written: the parser numbered it. Two such siblings under one number mean text it could
            // not place (a 2013 table's cells read as 項 of a 本則), so every ID built on the number is in doubt.
            if let Some(n) = k.num.as_ref().filter(|n| seen.contains(n)) {
                let at = k.span.start;
                let what = crate::lint::numbering::name(kind, n);
                let msg = format!(
                    "a second {what} with no label: kitei could not place this text (「{}」)",
                    excerpt(&k.text)
                );
                out.push(Diagnostic::warning(LABEL_POSITION, msg).at(at.line, at.column).with_id(&k.id));
            }
            seen.extend(k.num.clone());
            prev = Some(k);
            continue;
        };
        seen.extend(k.num.clone());
        let unit = ja_kind(kind);
        let problem = if k.num.as_ref().is_some_and(|n| n != &w) {
            let read = k.num.as_ref().map(|n| crate::lint::numbering::name(kind, n)).unwrap_or_default();
            Some(format!("the {unit} labelled 「{}」 is read as {read}", k.label))
        } else if top.as_ref().is_some_and(|t| t >= &w) {
            let after = prev.map(|p| format!(" after 「{}」", p.label)).unwrap_or_default();
            Some(format!("the {unit} labelled 「{}」 repeats or goes back{after}", k.label))
        } else if kind == Kind::Paragraph && !w.is_branch() && w.main() != position && !(partial && w.main() > position)
        {
            Some(format!("the {unit} labelled 「{}」 stands at position {position}", k.label))
        } else {
            None
        };
        if let Some(msg) = problem {
            // At the label as written, when the source line holds it; else where the node starts.
            let at = loc.find_on_line(k.span.start.line, k.label.trim()).unwrap_or(k.span.start);
            out.push(Diagnostic::warning(LABEL_POSITION, msg).at(at.line, at.column).with_id(&k.id));
            // Count from the label, so that one slip is one finding.
            if kind == Kind::Paragraph && !w.is_branch() {
                position = w.main();
            }
        }
        if top.as_ref().is_none_or(|t| t < &w) {
            top = Some(w);
        }
        prev = Some(k);
    }
}

/// The first words of a text, to quote in a message.
fn excerpt(t: &str) -> String {
    let mut s: String = t.chars().take(20).collect();
    if t.chars().nth(20).is_some() {
        s.push('…');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn findings(text: &str) -> Vec<(String, u32, u32)> {
        let doc = crate::parse::parse_str(text).unwrap();
        let mut out = Vec::new();
        check(&doc, &Locator::new(Some(text)), &mut out);
        out.into_iter().map(|d| (d.id.unwrap_or_default(), d.line, d.column)).collect()
    }

    #[test]
    fn labels_are_read() {
        assert_eq!(written("8."), Some(Num::simple(8)));
        assert_eq!(written("２"), Some(Num::simple(2)));
        assert_eq!(written("（3）"), Some(Num::simple(3)));
        assert_eq!(written("十の二"), Some(Num(vec![10, 2])));
        assert_eq!(written("②"), Some(Num::simple(2)));
        assert_eq!(written("三から五まで"), Some(Num::simple(3)));
        assert_eq!(written("イ"), None);
        assert_eq!(written("-"), None);
        assert_eq!(written(""), None);
    }

    #[test]
    fn markdown_paragraph_slips() {
        let t = "# 規程\n\n### 第1条　目的\n\n1. 甲\n2. 乙\n3. 丙\n2. 丁\n3. 戊\n\n### 第2条　定義\n\n1. a\n2. b\n3. c\n4. d\n5. e\n6. f\n8. g\n";
        let f = findings(t);
        let ids: Vec<&str> = f.iter().map(|(i, _, _)| i.as_str()).collect();
        // 「2.」 and 「3.」 again in 第1条, 「8.」 seventh in 第2条.
        assert_eq!(ids.len(), 3, "{f:?}");
        // At the label as written, column 1.
        let at: Vec<(u32, u32)> = f.iter().map(|f| (f.1, f.2)).collect();
        assert_eq!(at, [(8, 1), (9, 1), (19, 1)]);
    }

    #[test]
    fn written_numbers_that_skip_or_repeat() {
        // A 項 written ３ second, and an item 二 after 三.
        let f = findings("規程\n第1条　甲\n３　乙\n第2条　丙\n一　a\n三　b\n二　c\n");
        assert_eq!(f.len(), 2, "{f:?}");
        assert_eq!(f[0], ("art_1__para_3".to_string(), 3, 1));
        assert_eq!(f[1].1, 7);
    }

    /// A 本則 of bare paragraphs where cells of a table, each on its own line, came back as more first 項:
    /// the repeated unlabelled 第1項 is said (the 2013 layout of a fee table).
    #[test]
    fn unlabelled_paragraphs_under_one_number_are_said() {
        let t =
            "規則\n\n手数料の額は、次の表のとおりとする。\n一　設置の工事\n二　変更の工事\n\n十一万円\n\n二十万円\n";
        let doc = crate::parse::parse_str(t).unwrap();
        let mut out = Vec::new();
        check(&doc, &Locator::new(Some(t)), &mut out);
        let dup: Vec<&Diagnostic> = out.iter().filter(|d| d.message.contains("no label")).collect();
        let firsts = doc.children.iter().filter(|c| c.kind == Kind::Paragraph && c.num == Some(Num::simple(1)));
        assert_eq!(dup.len(), firsts.count().saturating_sub(1), "{out:?}");
        // Numbered by position (Markdown bullets, plain paragraphs) is never said.
        let t = "# 規程\n\n### 第1条\n\n甲である。\n\n乙である。\n\n- a\n- b\n";
        let doc = crate::parse::parse_str(t).unwrap();
        let mut out = Vec::new();
        check(&doc, &Locator::new(Some(t)), &mut out);
        assert!(out.is_empty(), "{out:?}");
    }

    #[test]
    fn correct_labels_branches_ranges_and_extracts() {
        let t = "規程\n第1条　甲\n２　乙\n一　a\n一の二　b\n二から四まで　削除\n五　c\n３　丙\n附　則　抄\n１　施行する。\n４　経過措置\n";
        assert!(findings(t).is_empty(), "{:?}", findings(t));
        // The same gap outside an extract is reported.
        let f = findings("規程\n第1条　甲\n附　則\n１　施行する。\n４　経過措置\n");
        assert_eq!(f.len(), 1, "{f:?}");
    }
}
