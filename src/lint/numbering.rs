//! Numbering: duplicates (error), gaps and disorder (warning).
//!
//! Articles are numbered across the whole main provision (whatever group they stand in) and within each
//! 附則; paragraphs within an article; items within a paragraph; subitems within their parent, per level;
//! 編/章/節/款/目 within their parent. 枝番号 are peers: 10, 10-2, 10-3, 11 is in order. 削除 placeholders
//! count as present, and a deleted range 第5条から第8条まで covers 5 to 8. A duplicate is the node whose ID
//! got a `_dup2` suffix from [`crate::model::ids`]. 附則 marked 抄 (extract) and 附則 of amending acts are not
//! checked for gaps or disorder (they quote their act in part, and e-Gov numbers 略 ranges such as
//! 「ホからルまで」 by position); bullet items (`-`, `・`) take no part.
//!
//! ```
//! let doc = kitei::parse::parse_str("規程\n第1条　甲\n第3条　乙\n第3条　丙\n").unwrap();
//! let d = kitei::lint::numbering::check(&doc);
//! assert_eq!(d.iter().map(|d| d.code.as_str()).collect::<Vec<_>>(), ["numbering-gap", "duplicate-number"]);
//! assert_eq!(d[1].id.as_deref(), Some("art_3_dup2"));
//! ```

use crate::diagnostic::Diagnostic;
use crate::model::{walk, Document, Kind, Node, Num};

/// Checks the numbering of the whole document.
pub fn check(doc: &Document) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    sequence(&doc.articles(), false, &mut out);
    for s in doc.suppl_provisions() {
        let mut arts = Vec::new();
        walk::walk_node(s, &mut |n| {
            if n.kind == Kind::Article {
                arts.push(n)
            }
        });
        sequence(&arts, partial(s), &mut out);
    }
    let root: Vec<&Node> = doc.children.iter().collect();
    siblings(&root, false, &mut out);
    for c in &doc.children {
        let partial = c.kind == Kind::SupplProvision && partial(c);
        walk::walk_node(c, &mut |n| {
            let skip = matches!(n.kind, Kind::Toc | Kind::TocEntry | Kind::Appendix | Kind::Table | Kind::TableRow)
                || (n.kind == Kind::Article && n.deleted);
            if !skip {
                let kids: Vec<&Node> = n.children.iter().collect();
                siblings(&kids, partial, &mut out);
            }
        });
    }
    out
}

/// A 附則 that may quote only part of its act: marked 抄, or the 附則 of an amending act (it has the act's
/// number), whose items e-Gov often lists only in part. Gaps and disorder in it are not reported.
pub(crate) fn partial(suppl: &Node) -> bool {
    suppl.heading.is_some() || suppl.attrs.get("extract").is_some_and(|v| v == "true")
}

/// A bullet (`-`, `・`) rather than a number: the parser numbers such items by position, but the author did
/// not, so they take no part in the numbering checks.
fn is_bullet(n: &Node) -> bool {
    !n.label.is_empty()
        && !n.label.chars().any(|c| {
            crate::model::num::digit_value(c).is_some()
                || crate::model::num::is_kanji_numeral(c)
                || crate::model::num::circled_value(c).is_some()
                || c.is_alphabetic()
        })
}

/// Siblings of the same kind (and subitem level), except articles (checked across groups).
fn siblings(kids: &[&Node], partial: bool, out: &mut Vec<Diagnostic>) {
    let kinds = [
        Kind::Part,
        Kind::Chapter,
        Kind::Section,
        Kind::Subsection,
        Kind::Division,
        Kind::Paragraph,
        Kind::Item,
        Kind::Subitem,
    ];
    for kind in kinds {
        let mut levels: Vec<u8> = kids.iter().filter(|k| k.kind == kind).map(|k| k.level).collect();
        levels.sort_unstable();
        levels.dedup();
        for level in levels {
            let same: Vec<&Node> =
                kids.iter().copied().filter(|k| k.kind == kind && k.level == level && !is_bullet(k)).collect();
            sequence(&same, partial, out);
        }
    }
}

/// The numbers that may follow `p`: the next at any depth (10-2-2 → 10-2-3, 10-3, 11) or a first branch (10-2).
fn successors(p: &Num) -> Vec<Num> {
    let mut v = Vec::new();
    for k in 1..=p.0.len() {
        v.push(Num(p.0[..k].to_vec()).next());
    }
    let mut b = p.0.clone();
    b.push(2);
    v.push(Num(b));
    v
}

/// How a number is named in messages: 第10条の2, 第2項, 第3号, 第1章…
pub(crate) fn name(kind: Kind, n: &Num) -> String {
    // 枝番号 follow the unit: 第10条の2, 第3号の2, 第4章の2.
    let main = n.main();
    let branches: String = n.0.iter().skip(1).map(|b| format!("の{b}")).collect();
    let unit = match kind {
        Kind::Article => '条',
        Kind::Paragraph => '項',
        Kind::Item => '号',
        k => match k.group_char() {
            Some(c) => c,
            None => return format!("{} {}", if k == Kind::Subitem { "subitem" } else { k.as_str() }, n.to_arabic_ja()),
        },
    };
    format!("第{main}{unit}{branches}")
}

fn sequence(nodes: &[&Node], partial: bool, out: &mut Vec<Diagnostic>) {
    let mut prev: Option<Num> = None;
    let mut seen: Vec<Num> = Vec::new();
    for n in nodes {
        let Some(num) = &n.num else { continue };
        let end = n.num_end.as_deref().cloned().unwrap_or_else(|| num.clone());
        let what = name(n.kind, num);
        // (Not the ID's `_dup` suffix alone: the parser numbers bullets by position, and a bullet's number
        // taken first must not make the real item 1 a duplicate.)
        if seen.contains(num) {
            out.push(
                Diagnostic::error("duplicate-number", format!("{what} ({}) occurs more than once", n.label))
                    .at_span(n.span)
                    .with_id(&n.id),
            );
            continue;
        }
        match &prev {
            None if !partial && num != &Num::simple(1) && !(n.kind == Kind::Paragraph && num.main() == 0) => {
                out.push(
                    Diagnostic::warning("numbering-gap", format!("numbering starts at {what}, not at 1"))
                        .at_span(n.span)
                        .with_id(&n.id),
                );
            }
            Some(p) if !partial && num <= p => {
                out.push(
                    Diagnostic::warning(
                        "numbering-disorder",
                        format!("{what} comes after {}: out of order", name(n.kind, p)),
                    )
                    .at_span(n.span)
                    .with_id(&n.id),
                );
            }
            Some(p) if !partial && !successors(p).contains(num) => {
                let missing = successors(p).into_iter().find(|s| s < num).unwrap_or_else(|| p.next());
                out.push(
                    Diagnostic::warning(
                        "numbering-gap",
                        format!("{what} follows {}: {} is missing", name(n.kind, p), name(n.kind, &missing)),
                    )
                    .at_span(n.span)
                    .with_id(&n.id),
                );
            }
            _ => {}
        }
        seen.push(num.clone());
        match &prev {
            Some(p) if p >= &end => {}
            _ => prev = Some(end),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(text: &str) -> Vec<(String, String)> {
        let doc = crate::parse::parse_str(text).unwrap();
        check(&doc).into_iter().map(|d| (d.code, d.id.unwrap_or_default())).collect()
    }

    #[test]
    fn branches_and_deleted_ranges_are_in_order() {
        let t = "規程\n第一条　甲\n第一条の二　乙\n第一条の三　丙\n第二条から第四条まで　削除\n第五条　丁\n第五条の二　戊\n第六条　己\n";
        assert!(codes(t).is_empty(), "{:?}", codes(t));
    }

    #[test]
    fn gaps_disorder_and_duplicates() {
        let t = "規程\n第1条　甲\n第3条　乙\n第2条　丙\n第3条　丁\n";
        let c = codes(t);
        assert_eq!(c[0], ("numbering-gap".into(), "art_3".into()));
        assert_eq!(c[1], ("numbering-disorder".into(), "art_2".into()));
        assert_eq!(c[2], ("duplicate-number".into(), "art_3_dup2".into()));
        assert_eq!(c.len(), 3);
        // A branch that skips one.
        assert_eq!(codes("規程\n第1条　甲\n第1条の3　乙\n")[0].0, "numbering-gap");
    }

    #[test]
    fn paragraphs_and_items() {
        let t = "規程\n第1条　甲\n３　乙\n一　丙\n三　丁\n";
        let c = codes(t);
        assert_eq!(c.len(), 2, "{c:?}");
        assert_eq!(c[0].1, "art_1__para_3");
        assert_eq!(c[1].1, "art_1__para_3__item_3");
    }

    #[test]
    fn amending_suppl_extracts_and_bullets() {
        // Items quoted in part in an amending act's 附則: no gap.
        let t = "規程\n第1条　甲\n附　則　（令和五年規程第十二号）\n第一条　施行する。\n三　丙\n五　丁\n";
        assert!(codes(t).is_empty(), "{:?}", codes(t));
        // In the original 附則 a gap is a gap.
        let t = "規程\n第1条　甲\n附　則\n第一条　施行する。\n三　丙\n";
        assert_eq!(codes(t).len(), 1, "{:?}", codes(t));
        let doc = crate::parse::parse_str("規程\n第1条　甲\n").unwrap();
        let mut bullet = Node::new(Kind::Item);
        bullet.label = "-".into();
        assert!(is_bullet(&bullet));
        assert!(!is_bullet(&doc.children[0]));
    }

    #[test]
    fn names_put_branches_after_the_unit() {
        assert_eq!(name(Kind::Article, &Num(vec![16, 2])), "第16条の2");
        assert_eq!(name(Kind::Chapter, &Num(vec![4, 2])), "第4章の2");
        assert_eq!(name(Kind::Item, &Num::simple(3)), "第3号");
        assert_eq!(name(Kind::Subitem, &Num::simple(3)), "subitem 3");
    }

    #[test]
    fn successors_cover_branches() {
        let p = Num(vec![10, 2]);
        let s = successors(&p);
        assert!(s.contains(&Num(vec![11])) && s.contains(&Num(vec![10, 3])) && s.contains(&Num(vec![10, 2, 2])));
    }
}
