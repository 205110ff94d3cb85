//! Articles where a correct tree would not put them: numbers that go backwards or repeat within the 本則 or
//! within one 附則 (`structure-article-order`), and articles gathered in a 附則 or an appendix while the main
//! provision has few or none (`structure-misplaced-articles`).

use super::{ARTICLE_ORDER, MISPLACED_ARTICLES};
use crate::diagnostic::Diagnostic;
use crate::lint::numbering::name;
use crate::model::{walk, Document, Kind, Node, Num};

/// Every article under `n` (itself included), in document order.
fn articles_in(n: &Node) -> Vec<&Node> {
    let mut v = Vec::new();
    walk::walk_node(n, &mut |c| {
        if c.kind == Kind::Article {
            v.push(c)
        }
    });
    v
}

/// `structure-article-order`: within one sequence (the 本則, one 附則, one appendix), an article whose number
/// was seen before (an error: two articles cannot share a number) or is lower than one before it (a warning).
/// 枝番号 (第十条の二) and ranges (第五条から第八条まで　削除) are in order; gaps are [`crate::lint::numbering`]'s.
pub(super) fn order(doc: &Document, out: &mut Vec<Diagnostic>) {
    sequence(&doc.articles(), "the main provision", out);
    for c in &doc.children {
        match c.kind {
            Kind::SupplProvision => sequence(&articles_in(c), "this 附則", out),
            Kind::Appendix => sequence(&articles_in(c), "this appendix", out),
            _ => {}
        }
    }
}

fn sequence(arts: &[&Node], within: &str, out: &mut Vec<Diagnostic>) {
    let mut seen: Vec<&Num> = Vec::new();
    // The highest number so far and the article that carried it.
    let mut top: Option<(Num, &Node)> = None;
    for a in arts {
        let Some(num) = &a.num else { continue };
        let what = name(Kind::Article, num);
        if seen.contains(&num) {
            out.push(
                Diagnostic::error(ARTICLE_ORDER, format!("{what} ({}) occurs twice in {within}", a.label))
                    .at_span(a.span)
                    .with_id(&a.id),
            );
            continue;
        }
        seen.push(num);
        if let Some((t, prev)) = &top {
            if num <= t {
                out.push(
                    Diagnostic::warning(
                        ARTICLE_ORDER,
                        format!("{what} follows {} (line {}) in {within}", prev.label, prev.span.start.line),
                    )
                    .at_span(a.span)
                    .with_id(&a.id),
                );
                continue;
            }
        }
        top = Some((a.num_end.clone().unwrap_or_else(|| num.clone()), a));
    }
}

/// How many articles the main provision must at least hold, for a 附則 or appendix of `n` articles to be
/// plausible: a 附則 may outnumber a short main provision (transitional provisions of a short amending law),
/// but not by an order of magnitude, and a main provision without any article under a 附則 or appendix
/// with several is a body read as something else (the whole body taken as a 目次, or swallowed by a 様式).
fn plausible(main: usize, n: usize) -> bool {
    n < 2 || main * 10 >= n
}

/// `structure-misplaced-articles`: a 附則 or an appendix holding articles while the main provision has few or
/// none (see [`plausible`]).
pub(super) fn misplaced(doc: &Document, out: &mut Vec<Diagnostic>) {
    let main = doc.articles().iter().filter(|a| !a.deleted).count();
    for c in &doc.children {
        let what = match c.kind {
            Kind::SupplProvision => "附則",
            Kind::Appendix => "appendix",
            _ => continue,
        };
        let arts = articles_in(c);
        let live = arts.iter().filter(|a| !a.deleted).count();
        if plausible(main, live) {
            continue;
        }
        let label = if c.label.is_empty() { what.to_string() } else { c.label.clone() };
        let first = arts.first().map(|a| format!(", the first {} at line {}", a.label, a.span.start.line));
        out.push(
            Diagnostic::warning(
                MISPLACED_ARTICLES,
                format!(
                    "the {what} 「{label}」 holds {live} articles{} while the main provision holds {main}",
                    first.unwrap_or_default()
                ),
            )
            .at_span(c.span)
            .with_id(&c.id),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str, f: fn(&Document, &mut Vec<Diagnostic>)) -> Vec<Diagnostic> {
        let doc = crate::parse::parse_str(text).unwrap();
        let mut out = Vec::new();
        f(&doc, &mut out);
        out
    }

    #[test]
    fn backwards_and_repeated_articles() {
        // An item list of cited articles on their own lines, read as articles.
        let t = "規程\n第一条\n\n　甲\n第二条\n\n　次の各号に掲げる規定\n一\n\n　第一条\n\n二\n\n　第三条\n\n第三条\n\n　丙\n";
        let d = run(t, order);
        let got: Vec<(&str, u32)> = d.iter().map(|d| (d.id.as_deref().unwrap_or(""), d.line)).collect();
        assert_eq!(got, [("art_1_dup2", 10), ("art_3_dup2", 16)], "{d:?}");
        assert!(d[0].message.contains("occurs twice"), "{}", d[0].message);
        assert!(d.iter().all(|d| d.code == ARTICLE_ORDER));
        let d = run("規程\n第1条　甲\n第9条　乙\n第5条　丙\n", order);
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(d[0].message.starts_with("第5条 follows 第9条 (line 3)"), "{}", d[0].message);
        assert_eq!((d[0].line, d[0].column), (4, 1));
    }

    #[test]
    fn branches_ranges_gaps_and_restarting_suppl_are_in_order() {
        let t = "規程\n第一条　甲\n第一条の二　乙\n第二条から第四条まで　削除\n第七条　丙\n附　則\n第一条　施行する。\n第二条　経過措置\n附　則　（令和五年規程第三号）\n第一条　施行する。\n第三条　経過措置\n";
        assert!(run(t, order).is_empty(), "{:?}", run(t, order));
        // Backwards inside one 附則 is reported (two acts' 附則 run together).
        let t = "規程\n第一条　甲\n附　則\n第一条　施行する。\n第二条　経過措置\n第一条　施行する。\n";
        let d = run(t, order);
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(d[0].message.contains("this 附則"), "{}", d[0].message);
    }

    #[test]
    fn suppl_outnumbering_an_empty_main_provision() {
        let mut t = String::from("規程\n附　則\n");
        for i in 1..=12 {
            t.push_str(&format!("第{i}条　規定{i}\n"));
        }
        let d = run(&t, misplaced);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].line, 2);
        assert!(d[0].message.contains("holds 12 articles") && d[0].message.contains("holds 0"), "{}", d[0].message);
        // A short main provision with a longer 附則 is a real law's shape.
        let t = "規程\n第1条　甲\n附　則\n第1条　施行\n第2条　経過\n第3条　経過\n";
        assert!(run(t, misplaced).is_empty());
        assert!(plausible(0, 1) && plausible(3, 30) && !plausible(3, 31) && !plausible(0, 2));
    }
}
