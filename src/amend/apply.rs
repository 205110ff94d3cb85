//! Applying parsed [`Instruction`]s to a [`Document`]: the amended version (溶け込み).
//!
//! Instructions are applied one by one, in order, to the evolving document, so that a reference written after
//! a renumbering (同項を同条第五項とし、同項の次に…) finds the provision under its new number. Wording edits
//! inside one provision are applied front to back; each edit changes every occurrence of its quote from
//! where the previous edit stopped. After the last instruction IDs are re-assigned and references to
//! renumbered provisions are checked (see [`super::refs`]).
//!
//! ```
//! let old = kitei::parse::parse_str("例規程\n第一条　甲とする。\n第二条　乙とする。\n").unwrap();
//! let new = kitei::amend::apply(&old, "第二条を第三条とし、第一条の次に次の一条を加える。\n第二条　丙とする。\n", "a").unwrap();
//! let labels: Vec<_> = new.articles().iter().map(|a| a.label.clone()).collect();
//! assert_eq!(labels, ["第一条", "第二条", "第三条"]);
//! ```

use crate::error::{Error, Location, Result};
use crate::model::{Document, Kind, Node, Num};

use super::style::{label_like, relabel, NumStyle};
use super::{Amendment, Body, Edit, Instruction, Op, Part, Special, Step};

/// A path of child indices from the document root.
pub type Path = Vec<usize>;

/// Applies every instruction of `amendment` (for the law whose name matches `old`'s title, or the only one).
pub fn apply_amendment(old: &Document, amendment: &Amendment, name: &str) -> Result<Document> {
    let laws: Vec<_> = amendment.laws.iter().filter(|l| !l.instructions.is_empty()).collect();
    let law = match laws.len() {
        0 => return Ok(old.clone()),
        1 => laws[0],
        _ => {
            laws.iter().find(|l| !l.law.is_empty() && old.title.contains(l.law.as_str())).copied().ok_or_else(|| {
                Error::Other(format!("{name}: the act amends {} laws and none is named 「{}」", laws.len(), old.title))
            })?
        }
    };
    let mut doc = old.clone();
    super::refs::mark_origins(&mut doc);
    let style = NumStyle::of_document(old);
    for ins in &law.instructions {
        apply_one(&mut doc, ins, style).map_err(|reason| Error::Invalid {
            at: Location { file: name.into(), line: ins.line, column: ins.column },
            message: format!("cannot apply 「{}」: {reason}", ins.text),
        })?;
    }
    for n in doc.children.iter_mut() {
        number_unlabelled(n);
    }
    crate::model::ids::assign_ids(&mut doc);
    let stale = super::refs::stale_after(old, &doc);
    super::refs::clear_origins(&mut doc);
    if !stale.is_empty() {
        return Err(Error::Invalid {
            at: Location { file: name.into(), line: 1, column: 1 },
            message: format!(
                "the amendment renumbers provisions but leaves references to them unchanged (ハネ漏れ): {}",
                stale.join("; ")
            ),
        });
    }
    Ok(doc)
}

type R<T> = std::result::Result<T, String>;

fn apply_one(doc: &mut Document, ins: &Instruction, style: NumStyle) -> R<()> {
    let t = &ins.target;
    match t.special {
        Some(Special::Title) => {
            return match &ins.op {
                Op::Rewrite(b) => {
                    doc.title = b.text.trim().to_string();
                    Ok(())
                }
                Op::Edits(e) => {
                    let mut title = doc.title.clone();
                    edit_strings(&mut [&mut title], e)?;
                    doc.title = title;
                    Ok(())
                }
                _ => Err("only wording changes and 次のように改める apply to the 題名".into()),
            }
        }
        Some(Special::Listed) => return Err("「次に掲げる法律の規定」 names other laws; it is not applied here".into()),
        _ => {}
    }
    let path = locate(doc, t.special.as_ref(), &t.steps)?;
    match &ins.op {
        Op::Edits(edits) => {
            if let Some(end) = &t.end {
                let paths = range(doc, &path, end)?;
                for p in paths {
                    edit_node(node_mut(doc, &p), t.part, edits)?;
                }
                return Ok(());
            }
            if t.special == Some(Special::Toc) && t.steps.is_empty() {
                let toc = node_mut(doc, &path);
                let mut fields: Vec<String> = Vec::new();
                for e in &toc.children {
                    fields.extend([e.label.clone(), e.heading.clone().unwrap_or_default(), e.text.clone()]);
                }
                edit_strings(&mut fields.iter_mut().collect::<Vec<_>>(), edits)?;
                let mut it = fields.into_iter();
                for e in toc.children.iter_mut() {
                    let (l, h, t) =
                        (it.next().unwrap_or_default(), it.next().unwrap_or_default(), it.next().unwrap_or_default());
                    if e.label != l {
                        e.num = crate::model::Num::parse_japanese(l.trim_start_matches('第').trim_end_matches(
                            |c: char| {
                                !crate::model::num::is_kanji_numeral(c)
                                    && !c.is_ascii_digit()
                                    && !('０'..='９').contains(&c)
                            },
                        ))
                        .or(e.num.clone());
                        e.label = l;
                    }
                    if e.heading.as_deref().unwrap_or("") != h {
                        e.heading = Some(h);
                    }
                    if e.text != t {
                        // The article range the entry states, as the parser records it.
                        let refs = super::refs::find_refs(&t);
                        if let (Some(f), Some(l)) =
                            (refs.first().and_then(|r| r.article.clone()), refs.last().and_then(|r| r.article.clone()))
                        {
                            e.attrs.insert("from".into(), f.to_string());
                            e.attrs.insert("to".into(), l.to_string());
                        }
                        e.set_text(t);
                    }
                }
                return Ok(());
            }
            edit_node(node_mut(doc, &path), t.part, edits)
        }
        Op::SetHeading(h) => {
            let n = node_mut(doc, &path);
            set_heading(n, h.as_deref());
            Ok(())
        }
        Op::Delete => {
            let paths = match &t.end {
                Some(end) => range(doc, &path, end)?,
                None => vec![path.clone()],
            };
            for p in paths.iter().rev() {
                siblings_mut(doc, p).remove(*p.last().expect("non-empty path"));
            }
            Ok(())
        }
        Op::Rewrite(body) => {
            let old = node_at(doc, &path);
            let nodes = body_nodes(body, old.kind, old.level)?;
            let idx = *path.last().expect("non-empty");
            let sib = siblings_mut(doc, &path);
            sib.splice(idx..=idx, nodes);
            Ok(())
        }
        Op::InsertAfter(body) | Op::InsertBefore(body) => {
            let anchor = node_at(doc, &path);
            let kind = body.unit.map(|u| u.0).unwrap_or(anchor.kind);
            let nodes = body_nodes(body, kind, anchor.level)?;
            let idx = *path.last().expect("non-empty") + usize::from(matches!(ins.op, Op::InsertAfter(_)));
            let sib = siblings_mut(doc, &path);
            sib.splice(idx..idx, nodes);
            Ok(())
        }
        Op::Append(body) => {
            let parent = node_at(doc, &path);
            let kind = body.unit.map(|u| u.0).unwrap_or(Kind::Paragraph);
            let mut into = path.clone();
            if matches!(kind, Kind::Item) && parent.kind == Kind::Article {
                into.push(parent.children.iter().rposition(|c| c.kind == Kind::Paragraph).ok_or("no 項 to add 号 to")?);
            }
            let level = node_at(doc, &into).level + 1;
            let nodes = body_nodes(body, kind, level)?;
            node_mut(doc, &into).children.extend(nodes);
            Ok(())
        }
        Op::Renumber(to) => {
            let Some(Step::Unit { num, .. }) = to.last() else { return Err("no new number".into()) };
            renumber(doc, &path, num.clone(), style);
            Ok(())
        }
        Op::Shift(by) => {
            let Some(end) = &t.end else { return Err("繰り下げ needs a range (…から…まで)".into()) };
            let paths = range(doc, &path, end)?;
            for p in paths {
                let old = node_at(doc, &p).num.clone().ok_or("an unnumbered provision in the range")?;
                let mut v = old.0.clone();
                v[0] = (v[0] as i64 + *by as i64).max(1) as u32;
                renumber(doc, &p, Num(v), style);
            }
            Ok(())
        }
    }
}

fn set_heading(n: &mut Node, h: Option<&str>) {
    match h {
        None => {
            n.heading = None;
            n.heading_raw = None;
        }
        Some(q) => {
            let inner = q
                .strip_prefix('（')
                .and_then(|s| s.strip_suffix('）'))
                .or_else(|| q.strip_prefix('(').and_then(|s| s.strip_suffix(')')));
            match inner {
                Some(i) if n.kind == Kind::Article => {
                    n.heading = Some(i.to_string());
                    n.heading_raw = Some(q.to_string());
                }
                _ => {
                    n.heading = Some(q.to_string());
                    n.heading_raw = None;
                }
            }
        }
    }
}

fn renumber(doc: &mut Document, path: &Path, num: Num, style: NumStyle) {
    let sibling_label = {
        let sib = siblings(doc, path);
        let kind = node_at(doc, path).kind;
        sib.iter().find(|s| s.kind == kind && !s.label.is_empty()).map(|s| s.label.clone())
    };
    let n = node_mut(doc, path);
    if n.label.is_empty() || (n.kind == Kind::Paragraph && num.0 == [1]) {
        n.label = if n.kind == Kind::Paragraph && num.0 == [1] {
            String::new()
        } else {
            label_like(sibling_label.as_deref(), n.kind, &num, style)
        };
    } else {
        n.label = relabel(&n.label, &num);
    }
    n.num = Some(num);
}

/// Applies wording edits to a node (or part of it).
fn edit_node(n: &mut Node, part: Part, edits: &[Edit]) -> R<()> {
    match part {
        Part::Heading => {
            let mut h = n.heading.clone().unwrap_or_default();
            edit_strings(&mut [&mut h], edits)?;
            if let Some(raw) = &mut n.heading_raw {
                let _ = edit_strings(&mut [raw], edits);
            }
            n.heading = Some(h);
            Ok(())
        }
        Part::Pillar => {
            let target = if n.kind == Kind::Article { n.children.first_mut().ok_or("an empty article")? } else { n };
            let mut t = target.text.clone();
            edit_strings(&mut [&mut t], edits)?;
            target.set_text(t);
            Ok(())
        }
        Part::Proviso => {
            let mut texts = Vec::new();
            texts_of(n, &mut texts);
            let k = texts
                .iter()
                .position(|t| {
                    crate::model::split_sentences(t).iter().any(|s| s.role == crate::model::SentenceRole::Proviso)
                })
                .ok_or("the provision has no ただし書")?;
            let pos = texts[k].find("ただし").unwrap_or(0);
            let mut tail = texts[k][pos..].to_string();
            edit_strings(&mut [&mut tail], edits)?;
            texts[k] = format!("{}{tail}", &texts[k][..pos]);
            write_back(n, &mut texts.into_iter());
            Ok(())
        }
        Part::Whole => {
            let mut texts = Vec::new();
            texts_of(n, &mut texts);
            {
                let mut refs: Vec<&mut String> = texts.iter_mut().collect();
                edit_strings(&mut refs, edits)?;
            }
            write_back(n, &mut texts.into_iter());
            Ok(())
        }
    }
}

fn texts_of(n: &Node, out: &mut Vec<String>) {
    out.push(n.text.clone());
    for c in &n.children {
        texts_of(c, out);
    }
}

fn write_back(n: &mut Node, texts: &mut impl Iterator<Item = String>) {
    if let Some(t) = texts.next() {
        if t != n.text {
            n.set_text(t);
        }
    }
    for c in &mut n.children {
        write_back(c, texts);
    }
}

/// Applies edits to a sequence of strings with a cursor (string index, byte offset), front to back.
pub fn edit_strings(texts: &mut [&mut String], edits: &[Edit]) -> R<()> {
    let mut cursor = (0usize, 0usize);
    for e in edits {
        let needle = match e {
            Edit::Replace { from, .. } => from,
            Edit::Delete(q) => q,
            Edit::InsertAfter { anchor, .. } => anchor,
        };
        let found_after = find_from(texts, needle, cursor);
        let start = if found_after { cursor } else { (0, 0) };
        if !found_after && !find_from(texts, needle, start) {
            return Err(format!("「{needle}」 is not in the provision"));
        }
        let replacement = match e {
            Edit::Replace { to, .. } => to.clone(),
            Edit::Delete(_) => String::new(),
            Edit::InsertAfter { anchor, text } => format!("{anchor}{text}"),
        };
        for (i, t) in texts.iter_mut().enumerate().skip(start.0) {
            let from = if i == start.0 { start.1 } else { 0 };
            let t: &mut String = t;
            let mut pos = from;
            while let Some(k) = t[pos..].find(needle.as_str()) {
                let at = pos + k;
                t.replace_range(at..at + needle.len(), &replacement);
                pos = at + replacement.len();
                cursor = (i, pos);
            }
        }
    }
    Ok(())
}

fn find_from(texts: &[&mut String], needle: &str, (i0, b0): (usize, usize)) -> bool {
    texts.iter().enumerate().skip(i0).any(|(i, t)| {
        let from = if i == i0 { b0.min(t.len()) } else { 0 };
        t.get(from..).is_some_and(|s| s.contains(needle))
    })
}

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
        Some(Special::Appendix(num)) => {
            let i = kids
                .iter()
                .position(|n| n.kind == Kind::Appendix && (num.is_none() || n.num.as_ref() == num.as_ref()))
                .ok_or("the text has no such 別表")?;
            path.push(i);
            kids = &kids[i].children;
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
            Step::Named(name) => {
                let rel = find_named(kids, name).ok_or_else(|| format!("no entry named 「{name}」"))?;
                for i in rel {
                    path.push(i);
                    kids = &node_in(kids, i).children;
                }
            }
        }
    }
    if path.is_empty() {
        return Err("no provision named".into());
    }
    Ok(path)
}

fn node_in(kids: &[Node], i: usize) -> &Node {
    &kids[i]
}

fn describe(kind: Kind, num: &Num) -> String {
    super::style::cite(kind, num, NumStyle::Arabic)
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

/// An item or table row whose text starts with `name` (`成人の日　一月十五日…`).
fn find_named(kids: &[Node], name: &str) -> Option<Path> {
    for (i, n) in kids.iter().enumerate() {
        let t = n.text.strip_prefix(name);
        if t.is_some_and(|r| r.is_empty() || r.starts_with(['\u{3000}', ' ', '\t'])) {
            return Some(vec![i]);
        }
    }
    for (i, n) in kids.iter().enumerate() {
        if let Some(mut p) = find_named(&n.children, name) {
            p.insert(0, i);
            return Some(p);
        }
    }
    None
}

/// The sibling paths from `start` to the sibling numbered as the end of the range.
fn range(doc: &Document, start: &Path, end: &[Step]) -> R<Vec<Path>> {
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
        if n.num.as_ref() == Some(end_num) {
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

fn siblings<'a>(doc: &'a Document, path: &[usize]) -> &'a Vec<Node> {
    if path.len() == 1 {
        &doc.children
    } else {
        &node_at(doc, &path[..path.len() - 1]).children
    }
}

fn siblings_mut<'a>(doc: &'a mut Document, path: &[usize]) -> &'a mut Vec<Node> {
    if path.len() == 1 {
        &mut doc.children
    } else {
        &mut node_mut(doc, &path[..path.len() - 1]).children
    }
}

/// Parses new provisions given as text into nodes of `kind`, using the normal parser on a synthetic snippet.
pub fn body_nodes(body: &Body, kind: Kind, level: u8) -> R<Vec<Node>> {
    if body.text.trim().is_empty() {
        return Err("the new text is missing".into());
    }
    let markdown = body.text.lines().any(|l| {
        let t = l.trim_start();
        t.starts_with("- ") || t.starts_with("## ") || t.starts_with("> ")
    });
    let first = body.text.lines().next().unwrap_or("").trim_start_matches([' ', '\u{3000}']);
    let labelled_para = first.chars().next().is_some_and(|c| c.is_ascii_digit() || ('０'..='９').contains(&c));
    let text = if markdown {
        body.text.clone()
    } else {
        body.text.lines().map(|l| l.trim_start_matches([' ', '\u{3000}'])).collect::<Vec<_>>().join("\n")
    };
    let (prefix, skip_first) = match kind {
        Kind::Article | Kind::Chapter | Kind::Section | Kind::Part | Kind::Subsection | Kind::Division => {
            (if markdown { "# 仮\n\n" } else { "仮\n" }, false)
        }
        Kind::Paragraph if !(labelled_para || markdown && first.starts_with("- ")) => {
            (if markdown { "# 仮\n\n## 第一条\n\n" } else { "仮\n第一条　" }, false)
        }
        _ => (if markdown { "# 仮\n\n## 第一条\n\n本文。\n\n" } else { "仮\n第一条　本文。\n" }, true),
    };
    let doc = crate::parse::parse_str(&format!("{prefix}{text}\n"))
        .map_err(|e| format!("the new text (line {}) does not parse: {e}", body.line))?;
    let mut nodes: Vec<Node> = match kind {
        Kind::Article => {
            let mut v = Vec::new();
            for n in doc.children {
                match n.kind {
                    Kind::Article => v.push(n),
                    k if k.is_group() => v.extend(n.children),
                    _ => {}
                }
            }
            v
        }
        k if k.is_group() => doc.children.into_iter().filter(|n| n.kind == k).collect(),
        Kind::Paragraph => {
            let art =
                doc.children.into_iter().find(|n| n.kind == Kind::Article).ok_or("no provision in the new text")?;
            art.children.into_iter().skip(usize::from(skip_first)).collect()
        }
        _ => {
            let art =
                doc.children.into_iter().find(|n| n.kind == Kind::Article).ok_or("no provision in the new text")?;
            let para = art.children.into_iter().next().ok_or("no provision in the new text")?;
            let mut v = para.children;
            if kind == Kind::Subitem {
                for n in &mut v {
                    n.kind = Kind::Subitem;
                    n.level = level.max(1);
                }
            }
            v
        }
    };
    nodes.retain(|n| n.kind == kind || kind == Kind::Item && n.kind == Kind::Subitem);
    if nodes.is_empty() {
        return Err(format!("the new text holds no {}", kind.as_str()));
    }
    Ok(nodes)
}

/// Items whose marker carries no number (`-`, `・`) are numbered by position, as the parser numbers them.
fn number_unlabelled(n: &mut Node) {
    let mut k = 0;
    for c in n.children.iter_mut() {
        if matches!(c.kind, Kind::Item | Kind::Subitem) || (c.kind == Kind::Paragraph && n.kind == Kind::Article) {
            k += 1;
            let unnumbered =
                NumStyle::of(&c.label).is_none() && !c.label.chars().any(|ch| crate::model::num::IROHA.contains(&ch));
            if unnumbered && (c.kind != Kind::Paragraph || !c.label.is_empty() || k == 1) {
                c.num = Some(Num::simple(k));
            }
        }
        number_unlabelled(c);
    }
}
