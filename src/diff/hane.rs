//! ハネ: cross-references an amendment left behind.
//!
//! When provisions are renumbered (繰下げ/繰上げ) or removed, every 第N条, 第N項 and 第N号 elsewhere that named
//! them must be amended too; a reference that was not is called a ハネ. This module finds, in NEW, references
//! in wording carried over unchanged from OLD (inside an `equal` inline operation) whose target moved: read
//! in OLD they named one provision, read in NEW the same words name another one, or none.
//!
//! References are parsed as 第N条(のM)*(第N項)?(第N号)? with kanji or Arabic numerals, and bare 第N項 /
//! 第N号 are resolved against the article (and paragraph) they stand in, or against the reference just before
//! them when joined by 及び, 又は, 、 etc. The relative references 前条, 次条, 前項 and 次項 are checked too:
//! an article inserted before 第21条 makes its unchanged 「前条」 name the new article instead of the old
//! 第19条. A reference immediately preceded by a law's name, 法, 令 or 規則
//! (法第39条, 「…法律（…）第26条」) refers to another law and is ignored, and so is the 附則.
//!
//! ```
//! use kitei::diff::hane::find_references;
//! let refs = find_references("法第39条及び第5条第2項並びに第3項の規定");
//! assert_eq!(refs.len(), 2);
//! assert_eq!(refs[0].text, "第5条第2項");
//! assert_eq!(refs[1].text, "第3項");
//! assert_eq!(refs[1].inherited_article.as_ref().map(|n| n.to_string()), Some("5".to_string()));
//! ```

pub use super::refs::{find_references, Reference};
use super::{Aligned, ChangeKind, Comparison, OpKind};
use crate::diagnostic::Diagnostic;
use crate::model::num::{is_kanji_numeral, to_kanji};
use crate::model::{Document, Kind, Num};
use std::collections::{BTreeMap, HashMap};

/// An address in the main provision: article, paragraph, item.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Addr(Num, Option<Num>, Option<Num>);

fn fmt_addr(a: &Addr, kanji: bool) -> String {
    // 第十六条の二: the unit follows the main number, branches follow the unit.
    let one = |x: u32| if kanji { to_kanji(x) } else { x.to_string() };
    let part = |x: &Num, unit: char| {
        let mut s = format!("第{}{}", one(x.main()), unit);
        for b in x.0.iter().skip(1) {
            s.push('の');
            s.push_str(&one(*b));
        }
        s
    };
    let mut s = part(&a.0, '条');
    if let Some(p) = &a.1 {
        s.push_str(&part(p, '項'));
    }
    if let Some(i) = &a.2 {
        s.push_str(&part(i, '号'));
    }
    s
}

/// OLD address → NEW address (`None` when removed), at article, paragraph and item level.
fn address_map(tree: &[Aligned]) -> BTreeMap<Addr, Option<Addr>> {
    let mut map = BTreeMap::new();
    for a in tree {
        let Some(oa) = a.old.as_ref().filter(|s| s.kind == Kind::Article).and_then(|s| s.num.clone()) else {
            continue;
        };
        let na = a.new.as_ref().and_then(|s| s.num.clone());
        map.insert(Addr(oa.clone(), None, None), na.clone().map(|n| Addr(n, None, None)));
        for p in &a.children {
            let Some(op) = p.old.as_ref().filter(|s| s.kind == Kind::Paragraph).and_then(|s| s.num.clone()) else {
                continue;
            };
            let np = p.new.as_ref().and_then(|s| s.num.clone());
            let nap = na.clone().zip(np.clone());
            map.insert(Addr(oa.clone(), Some(op.clone()), None), nap.clone().map(|(x, y)| Addr(x, Some(y), None)));
            for i in &p.children {
                let Some(oi) = i.old.as_ref().filter(|s| s.kind == Kind::Item).and_then(|s| s.num.clone()) else {
                    continue;
                };
                let ni = i.new.as_ref().and_then(|s| s.num.clone());
                map.insert(
                    Addr(oa.clone(), Some(op.clone()), Some(oi)),
                    nap.clone().zip(ni).map(|((x, y), z)| Addr(x, Some(y), Some(z))),
                );
            }
        }
    }
    map
}

/// Where a referencing text stands, in OLD and in NEW.
#[derive(Clone)]
struct Ctx {
    old_art: Option<Num>,
    new_art: Option<Num>,
    old_para: Option<Num>,
    new_para: Option<Num>,
    /// The article's paragraph numbers in order, in OLD and in NEW.
    old_paras: Vec<Num>,
    new_paras: Vec<Num>,
    /// False when 前条 and 次条 of this article still name the same provisions (nothing to check).
    article_suspect: bool,
    /// False when the article's paragraphs kept their order and numbers (前項 and 次項 cannot be stale).
    paragraph_suspect: bool,
}

/// Both versions' article numbers in order, for 前条 and 次条.
struct Orders {
    old: Vec<Num>,
    new: Vec<Num>,
    old_pos: HashMap<Num, usize>,
    new_pos: HashMap<Num, usize>,
    /// True when NEW numbers its articles in kanji (第十条), for messages.
    kanji: bool,
    /// True when every OLD address maps to itself: no absolute reference can have gone stale.
    identity: bool,
}

impl Orders {
    fn new(old: Vec<Num>, new: Vec<Num>, kanji: bool, identity: bool) -> Orders {
        let pos = |v: &[Num]| v.iter().enumerate().map(|(i, n)| (n.clone(), i)).collect::<HashMap<_, _>>();
        Orders { old_pos: pos(&old), new_pos: pos(&new), old, new, kanji, identity }
    }

    /// Where an OLD address went: `None` if unknown, `Some(None)` if removed.
    fn lookup(&self, map: &BTreeMap<Addr, Option<Addr>>, a: &Addr) -> Option<Option<Addr>> {
        if self.identity {
            Some(Some(a.clone()))
        } else {
            map.get(a).cloned()
        }
    }

    /// The neighbour of article `n` (`step` -1 for 前条, +1 for 次条), in OLD or in NEW.
    fn neighbour(&self, new_side: bool, n: &Num, step: i32) -> Option<Num> {
        let (order, pos) = if new_side { (&self.new, &self.new_pos) } else { (&self.old, &self.old_pos) };
        neighbour_at(order, *pos.get(n)?, step)
    }
}

fn neighbour_at(order: &[Num], i: usize, step: i32) -> Option<Num> {
    let i = i as i64 + step as i64;
    usize::try_from(i).ok().and_then(|i| order.get(i)).cloned()
}

/// The neighbour of `n` in a short list (`step` -1 for 前, +1 for 次).
fn neighbour(order: &[Num], n: &Num, step: i32) -> Option<Num> {
    neighbour_at(order, order.iter().position(|x| x == n)?, step)
}

fn paragraph_nums(a: &Aligned, new_side: bool) -> Vec<Num> {
    a.children
        .iter()
        .filter_map(|c| if new_side { c.new.as_ref() } else { c.old.as_ref() })
        .filter(|s| s.kind == Kind::Paragraph)
        .filter_map(|s| s.num.clone())
        .collect()
}

/// References in NEW that still name the old number of a renumbered provision, or now name a different one
/// (or none). Each is a warning with code `stale-reference`, the referencing provision's ID and its line.
pub fn stale_references(old: &Document, new: &Document, cmp: &Comparison) -> Vec<Diagnostic> {
    let structural = cmp.changes.iter().any(|c| {
        matches!(c.kind, ChangeKind::Added | ChangeKind::Removed | ChangeKind::Moved)
            || matches!(c.kind, ChangeKind::Renumbered | ChangeKind::RenumberedModified)
    });
    if !structural {
        return Vec::new();
    }
    // With only additions (and wording changes), every old address keeps its number: no need for the map.
    let identity = !cmp.changes.iter().any(|c| {
        matches!(c.node, Kind::Article | Kind::Paragraph | Kind::Item)
            && !matches!(c.kind, ChangeKind::Added | ChangeKind::Modified)
    });
    let map = if identity { BTreeMap::new() } else { address_map(&cmp.tree) };
    let nums = |d: &Document| d.articles().iter().filter_map(|a| a.num.clone()).collect::<Vec<_>>();
    let kanji = new.articles().first().is_some_and(|a| a.label.chars().any(is_kanji_numeral));
    let orders = Orders::new(nums(old), nums(new), kanji, identity);
    let mut out = Vec::new();
    for a in &cmp.tree {
        if a.kind == Kind::SupplProvision || a.kind == Kind::Appendix || a.kind == Kind::Toc {
            continue;
        }
        let old_art = a.old.as_ref().filter(|s| s.kind == Kind::Article).and_then(|s| s.num.clone());
        let new_art = a.new.as_ref().filter(|s| s.kind == Kind::Article).and_then(|s| s.num.clone());
        let article_suspect = match (&old_art, &new_art) {
            (Some(o), Some(n)) => [-1, 1].iter().any(|&step| {
                let intended: Option<Option<Addr>> =
                    orders.neighbour(false, o, step).map(|x| orders.lookup(&map, &Addr(x, None, None)).flatten());
                let reading: Option<Option<Addr>> = orders.neighbour(true, n, step).map(|x| Some(Addr(x, None, None)));
                intended.is_some() && intended != reading
            }),
            _ => false,
        };
        let old_paras = paragraph_nums(a, false);
        let new_paras = paragraph_nums(a, true);
        let paragraph_suspect = old_paras != new_paras
            || a.children
                .iter()
                .any(|c| matches!(c.change, Some(ChangeKind::Moved | ChangeKind::Added | ChangeKind::Removed)));
        let ctx = Ctx {
            old_art,
            new_art,
            old_para: None,
            new_para: None,
            old_paras,
            new_paras,
            article_suspect,
            paragraph_suspect,
        };
        scan(a, &ctx, &map, &orders, &mut out);
    }
    out
}

fn scan(a: &Aligned, ctx: &Ctx, map: &BTreeMap<Addr, Option<Addr>>, orders: &Orders, out: &mut Vec<Diagnostic>) {
    let (Some(o), Some(n)) = (&a.old, &a.new) else { return };
    let mut ctx = ctx.clone();
    if n.kind == Kind::Paragraph {
        ctx.old_para = o.num.clone();
        ctx.new_para = n.num.clone();
    }
    if !orders.identity && n.text.contains('第') {
        check_text(a, &ctx, map, out);
    }
    if (ctx.article_suspect || ctx.paragraph_suspect) && !n.text.is_empty() {
        check_relative(a, &ctx, map, orders, out);
    }
    for c in &a.children {
        scan(c, &ctx, map, orders, out);
    }
}

/// Byte ranges of NEW's text that are carried over unchanged.
fn equal_ranges(a: &Aligned) -> Vec<(usize, usize)> {
    let mut equal = Vec::new();
    let mut pos = 0;
    for op in &a.ops {
        if op.op == OpKind::Equal {
            equal.push((pos, pos + op.new.len()));
        }
        pos += op.new.len();
    }
    equal
}

/// 前条, 次条, 前項, 次項 carried over unchanged whose neighbour changed.
fn check_relative(
    a: &Aligned,
    ctx: &Ctx,
    map: &BTreeMap<Addr, Option<Addr>>,
    orders: &Orders,
    out: &mut Vec<Diagnostic>,
) {
    let Some(n) = &a.new else { return };
    let (Some(old_art), Some(new_art)) = (&ctx.old_art, &ctx.new_art) else { return };
    let equal = equal_ranges(a);
    for (word, step, is_article) in [("前条", -1, true), ("次条", 1, true), ("前項", -1, false), ("次項", 1, false)]
    {
        if (is_article && !ctx.article_suspect) || (!is_article && !ctx.paragraph_suspect) {
            continue;
        }
        for (start, _) in n.text.match_indices(word) {
            let end = start + word.len();
            if !equal.iter().any(|&(s, e)| s <= start && end <= e) {
                continue;
            }
            let (from, intended, reading) = if is_article {
                let (Some(op), Some(np)) =
                    (orders.neighbour(false, old_art, step), orders.neighbour(true, new_art, step))
                else {
                    continue;
                };
                let from = Addr(op, None, None);
                let Some(intended) = orders.lookup(map, &from) else { continue };
                (from, intended, Addr(np, None, None))
            } else {
                let (Some(opara), Some(npara)) = (&ctx.old_para, &ctx.new_para) else { continue };
                let (Some(op), Some(np)) =
                    (neighbour(&ctx.old_paras, opara, step), neighbour(&ctx.new_paras, npara, step))
                else {
                    continue;
                };
                let from = Addr(old_art.clone(), Some(op), None);
                let Some(intended) = orders.lookup(map, &from) else { continue };
                (from, intended, Addr(new_art.clone(), Some(np), None))
            };
            if intended.as_ref() == Some(&reading) {
                continue;
            }
            let kanji = orders.kanji;
            let msg = format!(
                "「{word}」は改正前は{}を指していたが、改正後は{}を指す（ハネ）",
                fmt_addr(&from, kanji),
                fmt_addr(&reading, kanji)
            );
            out.push(Diagnostic::warning("stale-reference", msg).at(n.line, 0).with_id(n.id.clone()));
        }
    }
}

fn check_text(a: &Aligned, ctx: &Ctx, map: &BTreeMap<Addr, Option<Addr>>, out: &mut Vec<Diagnostic>) {
    let Some(n) = &a.new else { return };
    let equal = equal_ranges(a);
    for r in find_references(&n.text) {
        if !equal.iter().any(|&(s, e)| s <= r.start && r.end <= e) {
            continue;
        }
        // 前条第2項, 同条第3号: relative to another article, not to this one.
        let before = &n.text[..r.start];
        if r.article.is_none() && ["前条", "次条", "同条", "各条"].iter().any(|w| before.ends_with(w)) {
            continue;
        }
        // The reference read in OLD and in NEW.
        let read = |art: &Option<Num>, para: &Option<Num>| -> Option<Addr> {
            let article = r.article.clone().or(r.inherited_article.clone()).or(art.clone())?;
            let paragraph = r.paragraph.clone().or(r.inherited_paragraph.clone()).or_else(|| {
                if r.item.is_some() && r.article.is_none() {
                    para.clone()
                } else {
                    None
                }
            });
            if r.item.is_some() && paragraph.is_none() {
                // 第5条第2号: items of the first paragraph.
                return Some(Addr(article, Some(Num::simple(1)), r.item.clone()));
            }
            Some(Addr(article, paragraph, r.item.clone()))
        };
        let (Some(old_reading), Some(new_reading)) =
            (read(&ctx.old_art, &ctx.old_para), read(&ctx.new_art, &ctx.new_para))
        else {
            continue;
        };
        // The most precise level the map knows.
        let target = map.get(&old_reading).map(|t| (old_reading.clone(), t.clone())).or_else(|| {
            let art = Addr(old_reading.0.clone(), None, None);
            map.get(&art).map(|t| (art, t.clone()))
        });
        let Some((from, to)) = target else { continue };
        let new_reading = if from.1.is_none() { Addr(new_reading.0.clone(), None, None) } else { new_reading };
        let msg = match &to {
            Some(t) if *t == new_reading => continue,
            Some(t) => format!(
                "「{}」は改正前の{}を指していたが、その規定は{}になった（ハネ）",
                r.text,
                fmt_addr(&from, r.kanji),
                fmt_addr(t, r.kanji)
            ),
            None => format!(
                "「{}」は改正前の{}を指していたが、その規定は削られた（ハネ）",
                r.text,
                fmt_addr(&from, r.kanji)
            ),
        };
        out.push(Diagnostic::warning("stale-reference", msg).at(n.line, 0).with_id(n.id.clone()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_inserted_branch_article_makes_the_next_articles_zenjo_stale() {
        let old = crate::parse::parse_str(
            "規程\n第1条　甲を定める。\n第2条　乙を定める。\n第3条　前条の規定は、丙に準用する。\n",
        )
        .unwrap();
        let new = crate::parse::parse_str(
            "規程\n第1条　甲を定める。\n第2条　乙を定める。\n第2条の2　丁を定める。\n第3条　前条の規定は、丙に準用する。\n",
        )
        .unwrap();
        let cmp = crate::diff::compare(&old, &new, &crate::diff::CompareOptions::default());
        assert_eq!(cmp.warnings.len(), 1, "{:?}", cmp.warnings);
        assert_eq!(cmp.warnings[0].id.as_deref(), Some("art_3__para_1"));
        assert!(cmp.warnings[0].message.contains("第2条の2"), "{}", cmp.warnings[0].message);
    }

    #[test]
    fn formats_addresses() {
        let a = Addr(Num(vec![16, 2]), Some(Num::simple(2)), None);
        assert_eq!(fmt_addr(&a, true), "第十六条の二第二項");
        assert_eq!(fmt_addr(&a, false), "第16条の2第2項");
    }
}
