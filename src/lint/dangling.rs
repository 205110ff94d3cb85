//! Dangling references: 第N条, 前項, 次条, 前号, 同条第2項… that point at no article, paragraph or item of the
//! document (error), and 第N条第1項 cited for an article that has only one paragraph (warning, a citation
//! form the conventions forbid: cite it as 第N条).
//!
//! References are found by [`super::references::find_references`]; external ones (法第39条) are skipped.
//! Scopes: in the main provision and in an original 附則, 第N条 means the main provision's article and
//! 附則第N条 a 附則 article; a 附則 of an amending act (one with an act number) speaks of the amending act's
//! articles, which the document does not hold (and is often an extract, 抄), so nothing in it is checked.
//! 前条/次条 are relative to the articles of the same part (main provision or that 附則).
//!
//! ```
//! let doc = kitei::parse::parse_str("規程\n第1条　第3条に定める。\n第2条　前条第2項による。\n").unwrap();
//! let d = kitei::lint::dangling::check(&doc, &kitei::lint::Locator::new(None));
//! assert_eq!(d.len(), 2);
//! assert!(d.iter().all(|d| d.code == "dangling-reference"));
//! ```

use super::numbering::name;
use super::references::{find_references, Reference, Target};
use super::{sites, Locator, Site};
use crate::diagnostic::Diagnostic;
use crate::model::{walk, Document, Kind, Node, Num};

/// What a level of a reference resolved to.
#[derive(Clone, Copy)]
enum Found<'a> {
    /// One node.
    One(&'a Node),
    /// Several nodes (a range, 前各項, 各号): deeper levels are not checked.
    Many,
    /// Cannot be known from this document (an amending act's article, 同条 without antecedent).
    Unknown,
}

/// The nodes the previous reference in the same text resolved to, for 同条/同項/同号.
#[derive(Default, Clone, Copy)]
struct Last<'a> {
    article: Option<&'a Node>,
    paragraph: Option<&'a Node>,
    item: Option<&'a Node>,
}

struct Ctx<'a> {
    main: Vec<&'a Node>,
    suppl_all: Vec<&'a Node>,
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

fn find_article<'a>(list: &[&'a Node], n: &Num) -> Option<&'a Node> {
    list.iter().copied().find(|a| match (&a.num, &a.num_end) {
        (Some(x), Some(y)) => x <= n && n <= y,
        (Some(x), None) => x == n,
        _ => false,
    })
}

/// Checks every internal reference in the document's provisions.
pub fn check(doc: &Document, loc: &Locator<'_>) -> Vec<Diagnostic> {
    let ctx = Ctx { main: doc.articles(), suppl_all: doc.suppl_provisions().flat_map(articles_in).collect() };
    let mut out = Vec::new();
    for site in sites(doc) {
        // A 附則 of an amending act (it has the act's number) speaks of that act's articles, and is often an
        // extract (抄): nothing in it can be checked against this document.
        if site.suppl.is_some_and(|s| s.heading.is_some() || s.attrs.get("extract").is_some_and(|v| v == "true")) {
            continue;
        }
        let text = &site.node.text;
        let mut last = Last::default();
        for r in find_references(text) {
            if r.external {
                continue;
            }
            let written = &text[r.range.clone()];
            let at = loc.locate(site.node.span.start, text, r.range.start);
            match resolve(&ctx, &site, &r, &last) {
                Ok((now, single_para_cited)) => {
                    // 同条 is the last article named (前項 in between does not change it), 同項 the last
                    // paragraph named.
                    if r.article.is_some() {
                        last = now;
                    } else if r.paragraph.is_some() {
                        last.paragraph = now.paragraph;
                        last.item = now.item;
                    } else if r.item.is_some() {
                        last.item = now.item;
                    }
                    if single_para_cited {
                        out.push(
                            Diagnostic::warning(
                                "citation-form",
                                format!("「{written}」: the article has only one paragraph; cite it without 第1項"),
                            )
                            .at(at.line, at.column)
                            .with_id(&site.node.id),
                        );
                    }
                }
                Err(why) => out.push(
                    Diagnostic::error("dangling-reference", format!("「{written}」 points nowhere: {why}"))
                        .at(at.line, at.column)
                        .with_id(&site.node.id),
                ),
            }
        }
    }
    out
}

/// Resolves a reference level by level. `Ok((resolved, cites 第1項 of a one-paragraph article))` or the
/// reason it points nowhere.
fn resolve<'a>(ctx: &Ctx<'a>, site: &Site<'a>, r: &Reference, last: &Last<'a>) -> Result<(Last<'a>, bool), String> {
    let own: Vec<&'a Node> = match site.suppl {
        Some(s) => articles_in(s),
        None => ctx.main.clone(),
    };
    let here = site.article.filter(|a| a.kind == Kind::Article);
    let idx = here.and_then(|h| own.iter().position(|a| std::ptr::eq(*a, h)));
    // Where absolute article numbers are looked up.
    let scope: &[&'a Node] = match (r.suppl, site.suppl.is_some()) {
        (true, true) => &own,
        (true, false) => &ctx.suppl_all,
        (false, _) => &ctx.main,
    };
    let missing = |n: &Num| {
        let where_ = if r.suppl { "in the 附則" } else { "in this regulation" };
        format!("there is no {} {where_}", name(Kind::Article, n))
    };
    let art: Found<'a> = match &r.article {
        None => site.article.map(Found::One).unwrap_or(Found::Unknown),
        Some(Target::Num(n)) => Found::One(find_article(scope, n).ok_or_else(|| missing(n))?),
        Some(Target::Range(a, b)) => {
            for n in [a, b] {
                find_article(scope, n).ok_or_else(|| missing(n))?;
            }
            Found::Many
        }
        Some(Target::Previous(k)) => match idx {
            Some(i) if i >= *k as usize => {
                if *k == 1 {
                    Found::One(own[i - 1])
                } else {
                    Found::Many
                }
            }
            Some(i) => return Err(format!("only {i} article(s) precede this one")),
            None => Found::Unknown,
        },
        Some(Target::PreviousAll) => match idx {
            Some(0) => return Err("no article precedes this one".into()),
            _ => Found::Many,
        },
        Some(Target::Next) => match idx {
            Some(i) => Found::One(own.get(i + 1).copied().ok_or("no article follows this one")?),
            None => Found::Unknown,
        },
        Some(Target::Same) => last.article.map(Found::One).unwrap_or(Found::Unknown),
        Some(Target::All) => Found::Many,
    };
    let mut now = Last { article: None, paragraph: None, item: None };
    let Found::One(article) = art else { return Ok((now, false)) };
    now.article = Some(article);
    if article.deleted || (r.paragraph.is_none() && r.item.is_none()) {
        return Ok((now, false));
    }
    let paras: Vec<&'a Node> = article.children_of(Kind::Paragraph).collect();
    let relative = r.article.is_none();
    let here_para = site.paragraph.and_then(|p| paras.iter().position(|q| std::ptr::eq(*q, p)));
    let para: Found<'a> = match &r.paragraph {
        None if relative => site.paragraph.map(Found::One).unwrap_or(Found::Unknown),
        None => paras.first().copied().map(Found::One).unwrap_or(Found::Unknown),
        Some(Target::Num(m)) => Found::One(
            find_num(&paras, m).ok_or_else(|| format!("{} has no {}", label(article), name(Kind::Paragraph, m)))?,
        ),
        Some(Target::Range(a, b)) => {
            for m in [a, b] {
                find_num(&paras, m).ok_or_else(|| format!("{} has no {}", label(article), name(Kind::Paragraph, m)))?;
            }
            Found::Many
        }
        Some(Target::Previous(k)) if relative => match here_para {
            Some(i) if i >= *k as usize => {
                if *k == 1 {
                    Found::One(paras[i - 1])
                } else {
                    Found::Many
                }
            }
            Some(0) => return Err("this is the first paragraph".into()),
            Some(i) => return Err(format!("only {i} paragraph(s) precede this one")),
            None => Found::Unknown,
        },
        Some(Target::PreviousAll) if relative => match here_para {
            Some(0) => return Err("this is the first paragraph".into()),
            _ => Found::Many,
        },
        Some(Target::Next) if relative => match here_para {
            Some(i) => Found::One(paras.get(i + 1).copied().ok_or("no paragraph follows this one")?),
            None => Found::Unknown,
        },
        Some(Target::Same) => last.paragraph.map(Found::One).unwrap_or(Found::Unknown),
        _ => Found::Many,
    };
    let single = !r.inherited
        && matches!(r.article, Some(Target::Num(_)))
        && r.paragraph == Some(Target::Num(Num::simple(1)))
        && paras.len() == 1;
    let Found::One(paragraph) = para else { return Ok((now, single)) };
    now.paragraph = Some(paragraph);
    let Some(item_ref) = &r.item else { return Ok((now, single)) };
    let items: Vec<&'a Node> = paragraph.children_of(Kind::Item).collect();
    let same_para = site.paragraph.is_some_and(|p| std::ptr::eq(p, paragraph));
    let here_item = site.item.filter(|_| same_para).and_then(|it| items.iter().position(|q| std::ptr::eq(*q, it)));
    let whose = || if paragraph.label.is_empty() { label(article) } else { format!("paragraph {}", paragraph.label) };
    match item_ref {
        Target::Num(k) => {
            now.item = Some(find_num(&items, k).ok_or_else(|| format!("{} has no {}", whose(), name(Kind::Item, k)))?);
        }
        Target::Range(a, b) => {
            for k in [a, b] {
                find_num(&items, k).ok_or_else(|| format!("{} has no {}", whose(), name(Kind::Item, k)))?;
            }
        }
        Target::Previous(k) => match here_item {
            Some(i) if i >= *k as usize => now.item = (*k == 1).then(|| items[i - 1]),
            Some(0) => return Err("this is the first item".into()),
            Some(i) => return Err(format!("only {i} item(s) precede this one")),
            None => {}
        },
        Target::PreviousAll => {
            if here_item == Some(0) {
                return Err("this is the first item".into());
            }
        }
        Target::Next => {
            if let Some(i) = here_item {
                now.item = Some(items.get(i + 1).copied().ok_or("no item follows this one")?);
            }
        }
        Target::Same => now.item = last.item,
        Target::All => {
            if items.is_empty() && !relative {
                return Err(format!("{} has no items", whose()));
            }
            if items.is_empty() && r.paragraph.is_some() {
                return Err("the paragraph referred to has no items".into());
            }
        }
    }
    Ok((now, single))
}

fn find_num<'a>(list: &[&'a Node], n: &Num) -> Option<&'a Node> {
    list.iter().copied().find(|p| match (&p.num, &p.num_end) {
        (Some(x), Some(y)) => x <= n && n <= y,
        (Some(x), None) => x == n,
        _ => false,
    })
}

fn label(article: &Node) -> String {
    if article.label.is_empty() {
        article.kind.as_str().to_string()
    } else {
        article.label.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::Locator;

    fn codes(text: &str) -> Vec<String> {
        let doc = crate::parse::parse_str(text).unwrap();
        check(&doc, &Locator::new(Some(text))).into_iter().map(|d| format!("{}:{}", d.line, d.message)).collect()
    }

    #[test]
    fn existing_targets_are_fine() {
        let t = "規程\n第1条　次条及び第2条第2項第1号による。\n第2条　前条に定める。\n２　前項の規定により、次の各号による。\n一　甲\n二　前号に同じ。\n３　前二項及び第二項各号、同項第二号並びに第一条から第二条までによる。\n";
        assert!(codes(t).is_empty(), "{:?}", codes(t));
    }

    #[test]
    fn missing_targets_are_errors() {
        let t = "規程\n第1条　前条及び第3条による。\n２　第1条第3項及び前項第1号による。\n第2条　次条による。\n";
        let c = codes(t);
        assert_eq!(c.len(), 5, "{c:?}");
        assert!(c[0].starts_with("2:「前条」"), "{c:?}");
        assert!(c[1].contains("there is no 第3条 in this regulation"), "{c:?}");
        assert!(c[2].contains("第1条 has no 第3項"), "{c:?}");
        assert!(c[3].contains("has no 第1号"), "{c:?}");
        assert!(c[4].starts_with("4:「次条」"), "{c:?}");
    }

    #[test]
    fn external_and_amending_act_references_are_skipped() {
        let t = "規程\n第1条　法第39条及び施行令第3条による。\n附　則　（令和五年規程第十二号）\n第一条　第二百条の規定は、公布の日から施行する。\n";
        assert!(codes(t).is_empty(), "{:?}", codes(t));
    }

    #[test]
    fn suppl_references() {
        let t = "規程\n第1条　附則第2条による。\n附　則\n第1条　施行する。\n第2条　前条及び第1条による。\n";
        assert!(codes(t).is_empty(), "{:?}", codes(t));
        let t = "規程\n第1条　附則第3条による。\n附　則\n第1条　施行する。\n";
        assert_eq!(codes(t).len(), 1);
    }

    #[test]
    fn single_paragraph_citation_is_a_warning() {
        let t = "規程\n第1条　甲とする。\n第2条　第1条第1項による。\n";
        let doc = crate::parse::parse_str(t).unwrap();
        let d = check(&doc, &Locator::new(Some(t)));
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].code, "citation-form");
        assert_eq!((d[0].line, d[0].column), (3, 5));
    }
}
