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
    let mut seen: std::collections::BTreeSet<&Num> = std::collections::BTreeSet::new();
    // The highest number so far and the article that carried it.
    let mut top: Option<(Num, &Node)> = None;
    for a in arts {
        let Some(num) = &a.num else { continue };
        // As written (第五条), else by number.
        let what = if a.label.is_empty() { name(Kind::Article, num) } else { a.label.clone() };
        if seen.contains(num) {
            out.push(
                Diagnostic::error(ARTICLE_ORDER, format!("{what} occurs twice in {within}"))
                    .at_span(a.span)
                    .with_id(&a.id),
            );
            continue;
        }
        seen.insert(num);
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
        top = Some((a.num_end.as_deref().cloned().unwrap_or_else(|| num.clone()), a));
    }
}

/// Whether `n` articles in one 附則 or appendix are plausible beside a main provision of `main` articles
/// (`groups`: whether it has 編/章/節… headings). A main provision without articles is a real law's shape (a
/// single sentence, an abolition act 「〇〇法は、廃止する。」 whose 附則 carries a dozen transitional
/// articles), and so is a short amending act whose 附則 outnumbers it. Not plausible: headings with no
/// article under any of them while a 附則 holds articles (the body read as a 目次), no article at all beside
/// twenty or more, or a 附則 a hundred articles long beside thirty times fewer.
fn plausible(main: usize, groups: bool, n: usize) -> bool {
    match main {
        _ if n == 0 => true,
        0 => !groups && n < 20,
        m => n < 100 || n <= 30 * m,
    }
}

/// `structure-misplaced-articles`: a 附則 or an appendix holding articles while the main provision has few or
/// none (see [`plausible`]). One finding per document, on the longest such part, naming how many there are.
pub(super) fn misplaced(doc: &Document, out: &mut Vec<Diagnostic>) {
    let main = doc.articles().iter().filter(|a| !a.deleted).count();
    let groups = doc.children.iter().any(|c| c.kind.is_group());
    let mut parts: Vec<(&Node, usize)> = Vec::new();
    for c in &doc.children {
        if matches!(c.kind, Kind::SupplProvision | Kind::Appendix) {
            let live = articles_in(c).iter().filter(|a| !a.deleted).count();
            if !plausible(main, groups, live) {
                parts.push((c, live));
            }
        }
    }
    let Some(&(c, live)) = parts.iter().max_by_key(|(c, n)| (*n, std::cmp::Reverse(c.span.start.line))) else {
        return;
    };
    let what = if c.kind == Kind::Appendix { "appendix" } else { "附則" };
    let label = if c.label.is_empty() { what.to_string() } else { c.label.split_whitespace().collect() };
    let others = match parts.len() {
        1 => String::new(),
        k => format!(" ({} more 附則 or appendices like it)", k - 1),
    };
    let empty = if main == 0 && groups { ", and none under its headings" } else { "" };
    out.push(
        Diagnostic::warning(
            MISPLACED_ARTICLES,
            format!(
                "the {what} 「{label}」 holds {live} articles while the main provision holds {main}{empty}{others}"
            ),
        )
        .at_span(c.span)
        .with_id(&c.id),
    );
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
        // Article numbers that come round again (a list of cited articles read as articles looks so).
        let t = "規程\n第一条　甲\n第二条　乙\n第一条　丙\n第三条　丁\n第三条　戊\n";
        let d = run(t, order);
        let got: Vec<(&str, u32)> = d.iter().map(|d| (d.id.as_deref().unwrap_or(""), d.line)).collect();
        assert_eq!(got, [("art_1_dup2", 4), ("art_3_dup2", 6)], "{d:?}");
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
        // Twelve articles beside none: an abolition act's shape.
        assert!(run(&t, misplaced).is_empty());
        // The same under a chapter heading with nothing in it: the body was read as something else.
        let t = t.replacen("規程\n", "規程\n第一章　総則\n", 1);
        let d = run(&t, misplaced);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].line, 3);
        assert!(d[0].message.contains("holds 12 articles") && d[0].message.contains("holds 0"), "{}", d[0].message);
        // A short main provision with a longer 附則 is a real law's shape.
        let t = "規程\n第1条　甲\n附　則\n第1条　施行\n第2条　経過\n第3条　経過\n";
        assert!(run(t, misplaced).is_empty());
        assert!(plausible(0, false, 19) && !plausible(0, false, 20) && !plausible(0, true, 1));
        assert!(plausible(1, false, 99) && plausible(4, false, 120) && !plausible(3, false, 100));
    }
}
