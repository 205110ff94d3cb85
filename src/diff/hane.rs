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

use super::{Aligned, ChangeKind, Comparison, OpKind};
use crate::diagnostic::Diagnostic;
use crate::model::num::{is_kanji_numeral, parse_number, to_kanji};
use crate::model::{Document, Kind, Num};
use std::collections::BTreeMap;

/// A reference found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    /// Byte range in the text.
    pub start: usize,
    /// End of the byte range.
    pub end: usize,
    /// The reference as written (`第5条第2項`).
    pub text: String,
    /// 第N条 (with branches), when written.
    pub article: Option<Num>,
    /// 第N項, when written.
    pub paragraph: Option<Num>,
    /// 第N号, when written.
    pub item: Option<Num>,
    /// For a bare 第N項 or 第N号 joined to a previous reference (第5条第2項及び第3項): that reference's article.
    pub inherited_article: Option<Num>,
    /// For a bare 第N号 joined to a previous reference: that reference's paragraph.
    pub inherited_paragraph: Option<Num>,
    /// True when written in kanji numerals.
    pub kanji: bool,
}

/// Finds the references to this regulation's own provisions in a text (see the module docs).
pub fn find_references(text: &str) -> Vec<Reference> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out: Vec<Reference> = Vec::new();
    let mut k = 0;
    while k < chars.len() {
        if chars[k].1 != '第' {
            k += 1;
            continue;
        }
        let start_k = k;
        let mut r = Reference {
            start: chars[k].0,
            end: 0,
            text: String::new(),
            article: None,
            paragraph: None,
            item: None,
            inherited_article: None,
            inherited_paragraph: None,
            kanji: false,
        };
        let mut pos = k;
        let mut any = false;
        for unit in ['条', '項', '号'] {
            let Some((num, kanji, next)) = numbered(&chars, pos, unit) else { continue };
            r.kanji |= kanji;
            match unit {
                '条' => r.article = Some(num),
                '項' => r.paragraph = Some(num),
                _ => r.item = Some(num),
            }
            pos = next;
            any = true;
        }
        if !any {
            k += 1;
            continue;
        }
        r.end = chars.get(pos).map(|c| c.0).unwrap_or(text.len());
        r.text = text[r.start..r.end].to_string();
        if other_law(&chars, start_k) {
            k = pos;
            continue;
        }
        if r.article.is_none() {
            if let Some(prev) = out.last() {
                let between = &text[prev.end..r.start];
                if prev.end <= r.start && is_connective(between) {
                    r.inherited_article = prev.article.clone().or(prev.inherited_article.clone());
                    if r.paragraph.is_none() {
                        r.inherited_paragraph = prev.paragraph.clone().or(prev.inherited_paragraph.clone());
                    }
                }
            }
        }
        out.push(r);
        k = pos;
    }
    out
}

fn is_connective(s: &str) -> bool {
    matches!(s, "及び" | "又は" | "若しくは" | "並びに" | "、" | "・" | "から" | "乃至" | "及び同条" | "又は同条")
}

/// Parses 第<number>(の<number>)*<unit> at `pos`; returns the number, whether kanji, and the next position.
fn numbered(chars: &[(usize, char)], pos: usize, unit: char) -> Option<(Num, bool, usize)> {
    if chars.get(pos)?.1 != '第' {
        return None;
    }
    let (first, kanji, mut p) = number_at(chars, pos + 1)?;
    let mut parts = vec![first];
    if chars.get(p)?.1 != unit {
        return None;
    }
    p += 1;
    // Branch numbers follow the unit: 第十条の二.
    while chars.get(p).is_some_and(|c| c.1 == 'の') {
        match number_at(chars, p + 1) {
            Some((n, _, q)) => {
                parts.push(n);
                p = q;
            }
            None => break,
        }
    }
    Some((Num(parts), kanji, p))
}

fn number_at(chars: &[(usize, char)], pos: usize) -> Option<(u32, bool, usize)> {
    let mut p = pos;
    let mut s = String::new();
    let mut kanji = false;
    while let Some(&(_, c)) = chars.get(p) {
        if c.is_ascii_digit() || ('０'..='９').contains(&c) {
            s.push(c);
        } else if is_kanji_numeral(c) {
            kanji = true;
            s.push(c);
        } else {
            break;
        }
        p += 1;
    }
    if s.is_empty() {
        return None;
    }
    parse_number(&s).map(|n| (n, kanji, p))
}

/// True when the reference at `k` is preceded by a law's name (another law's provision).
fn other_law(chars: &[(usize, char)], k: usize) -> bool {
    let is_law_end = |c: char| matches!(c, '法' | '令' | '則' | '律' | '例');
    let Some(&(_, prev)) = k.checked_sub(1).and_then(|i| chars.get(i)) else { return false };
    if is_law_end(prev) {
        return true;
    }
    if prev == '）' || prev == ')' {
        // Skip back over the bracketed part: 「…法律（平成十四年法律第百五十三号）第三条」.
        let mut depth = 0;
        let mut i = k - 1;
        loop {
            match chars[i].1 {
                '）' | ')' => depth += 1,
                '（' | '(' => {
                    depth -= 1;
                    if depth == 0 {
                        return i > 0 && is_law_end(chars[i - 1].1);
                    }
                }
                _ => {}
            }
            if i == 0 {
                return false;
            }
            i -= 1;
        }
    }
    false
}

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
}

/// Both versions' article numbers in order, for 前条 and 次条.
struct Orders {
    old: Vec<Num>,
    new: Vec<Num>,
    /// True when NEW numbers its articles in kanji (第十条), for messages.
    kanji: bool,
}

/// The neighbour of `n` in `order` (`step` -1 for 前, +1 for 次).
fn neighbour(order: &[Num], n: &Num, step: i32) -> Option<Num> {
    let i = order.iter().position(|x| x == n)? as i64 + step as i64;
    usize::try_from(i).ok().and_then(|i| order.get(i)).cloned()
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
    let map = address_map(&cmp.tree);
    let nums = |d: &Document| d.articles().iter().filter_map(|a| a.num.clone()).collect::<Vec<_>>();
    let kanji = new.articles().first().is_some_and(|a| a.label.chars().any(is_kanji_numeral));
    let orders = Orders { old: nums(old), new: nums(new), kanji };
    let mut out = Vec::new();
    for a in &cmp.tree {
        if a.kind == Kind::SupplProvision || a.kind == Kind::Appendix || a.kind == Kind::Toc {
            continue;
        }
        let ctx = Ctx {
            old_art: a.old.as_ref().filter(|s| s.kind == Kind::Article).and_then(|s| s.num.clone()),
            new_art: a.new.as_ref().filter(|s| s.kind == Kind::Article).and_then(|s| s.num.clone()),
            old_para: None,
            new_para: None,
            old_paras: paragraph_nums(a, false),
            new_paras: paragraph_nums(a, true),
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
    if !n.text.is_empty() {
        check_text(a, &ctx, map, out);
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
        for (start, _) in n.text.match_indices(word) {
            let end = start + word.len();
            if !equal.iter().any(|&(s, e)| s <= start && end <= e) {
                continue;
            }
            let (from, intended, reading) = if is_article {
                let (Some(op), Some(np)) =
                    (neighbour(&orders.old, old_art, step), neighbour(&orders.new, new_art, step))
                else {
                    continue;
                };
                let from = Addr(op, None, None);
                let Some(intended) = map.get(&from).cloned() else { continue };
                (from, intended, Addr(np, None, None))
            } else {
                let (Some(opara), Some(npara)) = (&ctx.old_para, &ctx.new_para) else { continue };
                let (Some(op), Some(np)) =
                    (neighbour(&ctx.old_paras, opara, step), neighbour(&ctx.new_paras, npara, step))
                else {
                    continue;
                };
                let from = Addr(old_art.clone(), Some(op), None);
                let Some(intended) = map.get(&from).cloned() else { continue };
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
    fn parses_kanji_branch_and_chains() {
        let r = find_references("第十六条の二第一項第三号及び第二十条");
        assert_eq!(r.len(), 2);
        assert_eq!(r[0].article, Some(Num(vec![16, 2])));
        assert_eq!(r[0].paragraph, Some(Num::simple(1)));
        assert_eq!(r[0].item, Some(Num::simple(3)));
        assert!(r[0].kanji);
        assert_eq!(r[1].article, Some(Num::simple(20)));
    }

    #[test]
    fn other_laws_are_ignored() {
        assert!(find_references("法第39条第1項").is_empty());
        assert!(find_references("労働基準法（昭和22年法律第49号）第89条").is_empty());
        assert!(find_references("同令第3条").is_empty());
        assert_eq!(find_references("この規程の第3条").len(), 1);
    }

    #[test]
    fn bare_paragraphs_inherit_only_after_a_connective() {
        let r = find_references("第5条第2項又は第3項の場合、第4項");
        assert_eq!(r[1].inherited_article, Some(Num::simple(5)));
        assert_eq!(r[2].inherited_article, None);
    }

    #[test]
    fn formats_addresses() {
        let a = Addr(Num(vec![16, 2]), Some(Num::simple(2)), None);
        assert_eq!(fmt_addr(&a, true), "第十六条の二第二項");
        assert_eq!(fmt_addr(&a, false), "第16条の2第2項");
    }
}
