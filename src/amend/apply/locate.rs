//! Finding the provision an instruction names (第三条第二項, 第二条成人の日の項, 附則第二項, a range) in a
//! [`Document`], as a path of child indices.
//!
//! ```
//! use kitei::amend::{apply::locate::{locate, node_at}, Step};
//! use kitei::{Kind, Num};
//! let doc = kitei::parse::parse_str("例\n第一条　甲。\n２　乙。\n").unwrap();
//! let steps = [Step::Unit { kind: Kind::Article, num: Num::simple(1), level: 0 }, Step::Unit { kind: Kind::Paragraph, num: Num::simple(2), level: 0 }];
//! let p = locate(&doc, None, &steps).unwrap();
//! assert_eq!(node_at(&doc, &p).text, "乙。");
//! ```

use crate::model::{Document, Kind, Node, Num};

use crate::amend::grammar::appendix::key;
use crate::amend::style::{cite, NumStyle};
use crate::amend::types::{Special, Step};

/// A path of child indices from the document root.
pub type Path = Vec<usize>;

type R<T> = std::result::Result<T, String>;

/// Finds the node a target names. Articles are found anywhere in the main provision; lower levels inside.
pub fn locate(doc: &Document, special: Option<&Special>, steps: &[Step]) -> R<Path> {
    let mut path: Path = Vec::new();
    let mut kids: &Vec<Node> = &doc.children;
    match special {
        Some(Special::Toc) => {
            let i = kids.iter().position(|n| n.kind == Kind::Toc).ok_or("the text has no 目次")?;
            return Ok(vec![i]);
        }
        Some(Special::Suppl) => {
            let i = kids.iter().position(|n| n.kind == Kind::SupplProvision).ok_or("the text has no 附則")?;
            path.push(i);
            kids = &kids[i].children;
        }
        Some(s @ (Special::Appendix(_) | Special::Annex { .. })) => {
            let (name, num) = super::appendix::target_key(s).expect("an appendix target");
            let i = super::appendix::position(kids, &name, num.as_ref()).ok_or_else(|| {
                format!("the text has no {name}{}", num.map(|n| format!("第{n}")).unwrap_or_default())
            })?;
            path.push(i);
            kids = &kids[i].children;
            if steps.is_empty() {
                return Ok(path);
            }
        }
        _ => {}
    }
    for step in steps {
        match step {
            Step::Unit { kind, num, level } => {
                let found = if path.is_empty() && (*kind == Kind::Article || kind.is_group()) {
                    find_deep(kids, *kind, num).map(|mut p| {
                        let out = p.clone();
                        p.clear();
                        out
                    })
                } else {
                    find_child(kids, *kind, num, *level)
                };
                let Some(rel) = found else {
                    return Err(format!("{} is not in the text", describe(*kind, num)));
                };
                for i in rel {
                    path.push(i);
                    kids = &node_in(kids, i).children;
                }
            }
            Step::Table => {
                let rel = find_table(kids).ok_or("the provision has no table")?;
                for i in rel {
                    path.push(i);
                    kids = &node_in(kids, i).children;
                }
            }
            Step::Named(name) => {
                let here = (!path.is_empty()).then(|| node_at(doc, &path)).filter(|n| n.kind == Kind::Table);
                let rel = match here {
                    Some(table) => super::table::find_row(table, name)?.map(|r| vec![r]),
                    None => find_named(kids, name)?,
                };
                let rel = rel.ok_or_else(|| format!("no entry named 「{name}」"))?;
                for i in rel {
                    path.push(i);
                    kids = &node_in(kids, i).children;
                }
            }
            Step::Column(name) => {
                let row = path.last().copied().filter(|_| path.len() > 1 && node_at(doc, &path).kind == Kind::TableRow);
                let Some(r) = row else {
                    return Err(format!("the {name}欄 of a whole table is not one provision: name its row (…の項)"));
                };
                let table = node_at(doc, &path[..path.len() - 1]);
                let (row, cell) = super::table::find_cell(table, r, name)?;
                path.pop();
                path.extend([row, cell]);
                kids = &table.children[row].children[cell].children;
            }
        }
    }
    if path.is_empty() {
        return Err("no provision named".into());
    }
    Ok(path)
}

/// The cells of a whole column when a target names a column and no row (`第四条の表の下欄`, `別表第一の第二欄`):
/// their paths, top to bottom. `Ok(None)` for any other target (a column of a named row is one cell, which
/// [`locate`] finds).
pub fn column_cells(doc: &Document, special: Option<&Special>, steps: &[Step]) -> R<Option<Vec<Path>>> {
    let Some((Step::Column(name), before)) = steps.split_last() else { return Ok(None) };
    let appendix = matches!(special, Some(Special::Appendix(_) | Special::Annex { .. }));
    if before.iter().any(|s| matches!(s, Step::Named(_))) || (before.is_empty() && !appendix) {
        return Ok(None);
    }
    let mut path = locate(doc, special, before)?;
    if node_at(doc, &path).kind != Kind::Table {
        let rel = find_table(&node_at(doc, &path).children).ok_or("the provision has no table")?;
        path.extend(rel);
    }
    let cells = super::table::column_cells(node_at(doc, &path), name)?;
    Ok(Some(
        cells
            .into_iter()
            .map(|(r, c)| {
                let mut p = path.clone();
                p.extend([r, c]);
                p
            })
            .collect(),
    ))
}

fn node_in(kids: &[Node], i: usize) -> &Node {
    &kids[i]
}

fn describe(kind: Kind, num: &Num) -> String {
    cite(kind, num, NumStyle::Arabic)
}

/// An article or group anywhere below (outside 目次, 附則 and 別表), as a relative path.
fn find_deep(kids: &[Node], kind: Kind, num: &Num) -> Option<Path> {
    for (i, n) in kids.iter().enumerate() {
        if matches!(n.kind, Kind::Toc | Kind::SupplProvision | Kind::Appendix) {
            continue;
        }
        if n.kind == kind && n.num.as_ref() == Some(num) {
            return Some(vec![i]);
        }
        if n.kind.is_group() {
            if let Some(mut p) = find_deep(&n.children, kind, num) {
                p.insert(0, i);
                return Some(p);
            }
        }
    }
    None
}

/// A child of this kind and number; an item of an article is looked for in its paragraphs.
fn find_child(kids: &[Node], kind: Kind, num: &Num, level: u8) -> Option<Path> {
    let ok = |n: &Node| n.kind == kind && n.num.as_ref() == Some(num) && (kind != Kind::Subitem || n.level == level);
    if let Some(i) = kids.iter().position(ok) {
        return Some(vec![i]);
    }
    if kind.is_group() || kind == Kind::Article {
        return find_deep(kids, kind, num);
    }
    // 第七条の表救急課の項中第十一号: the items in the cells of a row (one cell holding it).
    if kids.first().is_some_and(|c| c.kind == Kind::TableCell) {
        let mut hits = kids.iter().enumerate().filter_map(|(i, c)| c.children.iter().position(ok).map(|j| vec![i, j]));
        let first = hits.next();
        return if hits.next().is_some() { None } else { first };
    }
    // 第三条第二号 = the items of the article's (first) paragraph.
    for (i, n) in kids.iter().enumerate() {
        if n.kind == Kind::Paragraph && n.num.as_ref().is_some_and(|p| p.0 == [1]) {
            if let Some(j) = n.children.iter().position(ok) {
                return Some(vec![i, j]);
            }
        }
    }
    None
}

/// The first table below, as a relative path.
fn find_table(kids: &[Node]) -> Option<Path> {
    for (i, n) in kids.iter().enumerate() {
        if n.kind == Kind::Table {
            return Some(vec![i]);
        }
        if let Some(mut p) = find_table(&n.children) {
            p.insert(0, i);
            return Some(p);
        }
    }
    None
}

/// An item or table row whose text starts with `name` (`成人の日　一月十五日…`), or a table row named so (see
/// [`super::table::find_row`]).
fn find_named(kids: &[Node], name: &str) -> R<Option<Path>> {
    for (i, n) in kids.iter().enumerate() {
        if n.kind == Kind::Table {
            if let Some(r) = super::table::find_row(n, name)? {
                return Ok(Some(vec![i, r]));
            }
        }
    }
    for (i, n) in kids.iter().enumerate() {
        let t = n.text.strip_prefix(name);
        if t.is_some_and(|r| r.is_empty() || r.starts_with(['\u{3000}', ' ', '\t'])) {
            return Ok(Some(vec![i]));
        }
    }
    for (i, n) in kids.iter().enumerate() {
        if n.kind == Kind::Table {
            continue;
        }
        if let Some(mut p) = find_named(&n.children, name)? {
            p.insert(0, i);
            return Ok(Some(p));
        }
    }
    Ok(None)
}

/// The sibling paths from `start` to the sibling numbered as the end of the range.
pub(super) fn range(doc: &Document, start: &Path, end: &[Step]) -> R<Vec<Path>> {
    let Some(Step::Unit { kind, num: end_num, .. }) = end.last() else { return Err("a bad range".into()) };
    let sib = siblings(doc, start);
    let first = *start.last().expect("non-empty");
    let mut out = Vec::new();
    let parent = &start[..start.len() - 1];
    if *kind == Kind::Article {
        // Articles of a range may sit in different chapters: walk every article in order.
        let mut all = Vec::new();
        article_paths(&doc.children, &mut Vec::new(), &mut all);
        let s = all.iter().position(|p| p == start).ok_or("the range start is not an article")?;
        for p in &all[s..] {
            out.push(p.clone());
            if node_at(doc, p).num.as_ref() == Some(end_num) {
                return Ok(out);
            }
        }
        return Err(format!("{} is not in the text", describe(*kind, end_num)));
    }
    for (i, n) in sib.iter().enumerate().skip(first) {
        if n.kind != *kind {
            continue;
        }
        let mut p = parent.to_vec();
        p.push(i);
        out.push(p);
        let labelled = *kind == Kind::Appendix && key(&n.label).1.as_ref() == Some(end_num);
        if n.num.as_ref() == Some(end_num) || labelled {
            return Ok(out);
        }
    }
    Err(format!("{} is not in the text", describe(*kind, end_num)))
}

fn article_paths(kids: &[Node], prefix: &mut Path, out: &mut Vec<Path>) {
    for (i, n) in kids.iter().enumerate() {
        if matches!(n.kind, Kind::Toc | Kind::SupplProvision | Kind::Appendix) {
            continue;
        }
        prefix.push(i);
        if n.kind == Kind::Article {
            out.push(prefix.clone());
        } else if n.kind.is_group() {
            article_paths(&n.children, prefix, out);
        }
        prefix.pop();
    }
}

/// The node at a path.
pub fn node_at<'a>(doc: &'a Document, path: &[usize]) -> &'a Node {
    let mut n = &doc.children[path[0]];
    for &i in &path[1..] {
        n = &n.children[i];
    }
    n
}

/// The node at a path, mutably.
pub fn node_mut<'a>(doc: &'a mut Document, path: &[usize]) -> &'a mut Node {
    let mut n = &mut doc.children[path[0]];
    for &i in &path[1..] {
        n = &mut n.children[i];
    }
    n
}

pub(super) fn siblings<'a>(doc: &'a Document, path: &[usize]) -> &'a Vec<Node> {
    if path.len() == 1 {
        &doc.children
    } else {
        &node_at(doc, &path[..path.len() - 1]).children
    }
}

pub(super) fn siblings_mut<'a>(doc: &'a mut Document, path: &[usize]) -> &'a mut Vec<Node> {
    if path.len() == 1 {
        &mut doc.children
    } else {
        &mut node_mut(doc, &path[..path.len() - 1]).children
    }
}

#[cfg(test)]
mod tests {
    use crate::amend::apply;
    use crate::model::{Document, Kind, Node};

    const RULE: &str =
        "# 例規程\n\n## 第4条\n\n手当の額は、次の表及び別表第1のとおりとする。\n\n| 区分 | 額 |\n| --- | --- |\n\
                        | 教授 | 1000円 |\n| 准教授 | 800円 |\n\n## 別表第1（第4条関係）\n\n| 部 | 教授 | 1000円 |\n\
                        | --- | --- | --- |\n| 部 | 准教授 | 800円 |\n| 科 | 教授 | 900円 |\n";

    fn cells(doc: &Document, appendix: bool) -> Vec<Vec<String>> {
        fn table(n: &Node) -> Option<&Node> {
            if n.kind == Kind::Table {
                return Some(n);
            }
            n.children.iter().find_map(table)
        }
        let top = doc.children.iter().find(|n| (n.kind == Kind::Appendix) == appendix).unwrap();
        table(top).unwrap().children.iter().map(|r| r.children.iter().map(|c| c.full_text()).collect()).collect()
    }

    #[test]
    fn a_provisions_table_and_a_row_found_by_its_first_cells() {
        let old = crate::parse::parse_str(RULE).unwrap();
        let act = "第4条の表中「1000円」を「1200円」に改める。\n第4条の表准教授の項中「800円」を「850円」に改める。\n\
                   別表第1の部教授の項中「1000円」を「1100円」に改める。\n";
        let new = apply(&old, act, "a").unwrap();
        let t = cells(&new, false);
        assert_eq!((t[1][1].as_str(), t[2][1].as_str()), ("1200円", "850円"));
        let t = cells(&new, true);
        assert_eq!(t.iter().map(|r| r[2].as_str()).collect::<Vec<_>>(), ["1100円", "800円", "900円"]);
        assert_eq!(new.articles()[0].children[0].text, "手当の額は、次の表及び別表第1のとおりとする。");
    }

    #[test]
    fn a_row_or_table_that_is_not_there_is_refused() {
        let old = crate::parse::parse_str(RULE).unwrap();
        let e =
            apply(&old, "別表第1の部講師の項中「1000円」を「1100円」に改める。\n", "a.txt").unwrap_err().to_string();
        assert!(e.contains("a.txt:1:1") && e.contains("no entry named 「部講師」"), "{e}");
        let old = crate::parse::parse_str("例法\n第四条　甲とする。\n").unwrap();
        let e = apply(&old, "第四条の表中「甲」を「乙」に改める。\n", "a.txt").unwrap_err().to_string();
        assert!(e.contains("has no table"), "{e}");
    }
}
