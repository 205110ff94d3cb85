//! Applying one [`Instruction`] to a document: finding its target ([`super::locate`]) and editing, removing,
//! inserting, rewriting, renumbering or moving provisions.

use crate::amend::style::{label_like, relabel, unit_char, NumStyle};
use crate::amend::types::{Body, Instruction, Op, Part, Special, Step};
use crate::model::{Document, Kind, Node, Num};

use super::body::body_nodes;
use super::edit::{edit_node, edit_strings};
use super::locate::{column_cells, locate, node_at, node_mut, range, siblings, siblings_mut, Path};
use super::parts;

type R<T> = std::result::Result<T, String>;

pub(super) fn apply_one(doc: &mut Document, ins: &Instruction, style: NumStyle) -> R<()> {
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
                Op::InsertAfter(b) if b.unit.is_some_and(|u| u.0 == Kind::Toc) => {
                    if doc.toc().is_some() {
                        return Err("the text has a 目次 already".into());
                    }
                    let toc = toc_node(b)?;
                    doc.children.insert(0, toc);
                    Ok(())
                }
                _ => Err("only wording changes and 次のように改める apply to the 題名".into()),
            }
        }
        Some(Special::Listed(_)) => return Err("a list of provisions is applied entry by entry".into()),
        _ => {}
    }
    if let (Op::Edits(edits), Part::Whole, None) = (&ins.op, t.part, &t.end) {
        if let Some(cells) = column_cells(doc, t.special.as_ref(), &t.steps)? {
            return edit_column(doc, &cells, edits);
        }
    }
    let path = locate(doc, t.special.as_ref(), &t.steps)?;
    if !matches!(t.part, Part::Whole | Part::Heading) {
        return apply_to_part(doc, &path, ins);
    }
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
                return super::toc::edit_toc(node_mut(doc, &path), edits);
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
        Op::Rewrite(body) if t.part == Part::Heading => {
            // 「第五条の見出しを次のように改める。」 followed by the caption.
            let h = body.text.trim_matches(|c: char| c.is_whitespace());
            if h.is_empty() {
                return Err("the new 見出し is missing".into());
            }
            set_heading(node_mut(doc, &path), Some(h));
            Ok(())
        }
        Op::Rewrite(body) if t.special == Some(Special::Toc) && t.steps.is_empty() => {
            let mut toc = toc_node(body)?;
            let old = node_mut(doc, &path);
            old.children = std::mem::take(&mut toc.children);
            Ok(())
        }
        Op::Rewrite(body) if node_at(doc, &path).kind == Kind::Table && t.end.is_none() => {
            // 「第四条の表を次のように改める。」: the whole table, its shape and cell attributes included.
            let old = node_at(doc, &path);
            let mut table = super::table::new_table(&body.text, body.line, old)?;
            super::refs::keep_origin(old, &mut table);
            *node_mut(doc, &path) = table;
            Ok(())
        }
        Op::Rewrite(body) => {
            let old = node_at(doc, &path);
            let mut nodes = new_nodes(body, old.kind, old.level)?;
            if let [one] = nodes.as_mut_slice() {
                // An unlabelled 項 (of a one-項 article, or of a 本則 without 条) is numbered by its place: the
                // one that replaces it takes that place's number.
                if one.kind == Kind::Paragraph && one.label.is_empty() && old.label.is_empty() {
                    one.num = old.num.clone();
                }
                super::refs::keep_origin(old, one);
            }
            let idx = *path.last().expect("non-empty");
            // A range (別記様式第一から別記様式第四までを次のように改める) is replaced as a whole.
            let last = match &t.end {
                Some(end) => {
                    let paths = range(doc, &path, end)?;
                    let last = paths.last().map(|p| p.as_slice()).unwrap_or(&path);
                    if last[..last.len() - 1] != path[..path.len() - 1] {
                        return Err("a range that spans groups cannot be rewritten as one".into());
                    }
                    last[last.len() - 1]
                }
                None => idx,
            };
            let sib = siblings_mut(doc, &path);
            sib.splice(idx..=last, nodes);
            Ok(())
        }
        Op::InsertAfter(body) | Op::InsertBefore(body) => {
            let anchor = node_at(doc, &path);
            let kind = body.unit.map(|u| u.0).unwrap_or(anchor.kind);
            let nodes = new_nodes(body, kind, anchor.level)?;
            announced(body, &nodes)?;
            let idx = *path.last().expect("non-empty") + usize::from(matches!(ins.op, Op::InsertAfter(_)));
            let sib = siblings_mut(doc, &path);
            sib.splice(idx..idx, nodes);
            Ok(())
        }
        Op::Append(body) => {
            let parent = node_at(doc, &path);
            // 「第二条第一号に次のように加える。」 adds イロハ: no counter, the unit is the one below the target.
            let below = if matches!(parent.kind, Kind::Item | Kind::Subitem) { Kind::Subitem } else { Kind::Paragraph };
            let kind = body.unit.map(|u| u.0).unwrap_or(below);
            let mut into = path.clone();
            if matches!(kind, Kind::Item) && parent.kind == Kind::Article {
                into.push(parent.children.iter().rposition(|c| c.kind == Kind::Paragraph).ok_or("no 項 to add 号 to")?);
            }
            let level = node_at(doc, &into).level + 1;
            let nodes = body_nodes(body, kind, level)?;
            announced(body, &nodes)?;
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

/// An instruction aimed at one part of a provision (前段, 後段, ただし書, 柱書): see [`super::sentences`].
fn apply_to_part(doc: &mut Document, path: &Path, ins: &Instruction) -> R<()> {
    let part = ins.target.part;
    if ins.target.end.is_some() && !matches!(ins.op, Op::Edits(_)) {
        return Err("a part of a range of provisions can only have its wording changed".into());
    }
    if let Some(end) = &ins.target.end {
        let Op::Edits(edits) = &ins.op else { unreachable!("checked above") };
        for p in range(doc, path, end)? {
            edit_node(node_mut(doc, &p), part, edits)?;
        }
        return Ok(());
    }
    let n = node_mut(doc, path);
    match &ins.op {
        Op::Edits(edits) => edit_node(n, part, edits),
        Op::Rewrite(body) => parts::rewrite_part(n, part, body),
        Op::Delete => parts::delete_part(n, part),
        Op::Append(body) => parts::add_part(n, part, body),
        _ => Err("this operation does not apply to a part of a provision (ただし書, 前段, 後段, 柱書)".into()),
    }
}

/// 「第四条の表の下欄中「A」を「B」に改める。」: each edit is made in every cell of the column that holds its
/// words, and must find them in one cell at least.
fn edit_column(doc: &mut Document, cells: &[Path], edits: &[crate::amend::types::Edit]) -> R<()> {
    for edit in edits {
        let mut done = 0;
        let mut first_err = None;
        for p in cells {
            let mut cell = node_at(doc, p).clone();
            match edit_node(&mut cell, Part::Whole, std::slice::from_ref(edit)) {
                Ok(()) => {
                    *node_mut(doc, p) = cell;
                    done += 1;
                }
                Err(e) => {
                    first_err.get_or_insert(e);
                }
            }
        }
        if done == 0 {
            let e = first_err.unwrap_or_else(|| "the column has no cells".into());
            return Err(format!("no cell of the column: {e}"));
        }
    }
    Ok(())
}

/// A 目次 given as text (`目次` and its entries), read by the parser.
fn toc_node(body: &Body) -> R<Node> {
    let snippet = format!("仮\n{}\n第一条　仮。\n", body.text);
    let parsed = crate::parse::parse_str(&snippet)
        .map_err(|e| format!("the new 目次 (line {}) does not parse: {e}", body.line))?;
    parsed.children.into_iter().find(|n| n.kind == Kind::Toc).ok_or_else(|| "the new text holds no 目次".into())
}

/// The new provisions of a body; 別表 and 様式 are read by [`super::appendix::body_nodes`].
fn new_nodes(body: &Body, kind: Kind, level: u8) -> R<Vec<Node>> {
    if kind == Kind::Appendix {
        return super::appendix::body_nodes(&body.text);
    }
    body_nodes(body, kind, level)
}

/// The count an instruction announces (次の二号を加える) must be the count its text gives: a 号 too many or too
/// few is a slip in the act (or a line the act's text does not hold), not something to apply as it comes.
fn announced(body: &Body, nodes: &[Node]) -> R<()> {
    let Some((kind, n)) = body.unit.filter(|u| u.1 > 0) else { return Ok(()) };
    let got = nodes.iter().filter(|x| x.kind == kind).count();
    if got == n as usize {
        return Ok(());
    }
    let unit = if kind == Kind::Appendix { "表".to_string() } else { unit_char(kind).to_string() };
    Err(format!(
        "「次の{}{unit}」 announces {n} but the new text (line {}) gives {got}",
        crate::model::num::to_kanji(n),
        body.line
    ))
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

#[cfg(test)]
mod tests {
    use crate::parse::parse_str;

    const RULE: &str =
        "例規程\n第一条　次に掲げる者は、届け出なければならない。\n一　職員\n二　嘱託員\n第二条　乙とする。\n";

    #[test]
    fn the_count_announced_is_the_count_given() {
        let old = parse_str(RULE).unwrap();
        let act = "第一条に次の二号を加える。\n三　臨時職員\n四　派遣職員\n五　実習生\n";
        let e = crate::amend::apply(&old, act, "a.txt").unwrap_err().to_string();
        assert!(e.contains("a.txt:1:1") && e.contains("「次の二号」 announces 2") && e.contains("gives 3"), "{e}");
        let act = "第一条に次の二号を加える。\n三　臨時職員\n四　派遣職員\n";
        let new = crate::amend::apply(&old, act, "a.txt").unwrap();
        assert_eq!(new.articles()[0].children[0].children.len(), 4);
    }

    #[test]
    fn a_toc_is_added_after_the_title_once() {
        let old = parse_str("例規程\n第一章　総則\n第一条　甲。\n").unwrap();
        let act = "題名の次に次の目次を付する。\n目次\n　第一章　総則（第一条）\n　附則\n";
        let new = crate::amend::apply(&old, act, "a.txt").unwrap();
        let toc = new.toc().unwrap();
        let entries: Vec<String> = toc.children.iter().map(|e| e.label.replace('\u{3000}', "")).collect();
        assert_eq!(entries, ["第一章", "附則"], "the entry 附則 is the 目次's, not the act's 附則");
        assert_eq!(new.articles().len(), 1);
        let e = crate::amend::apply(&new, act, "a.txt").unwrap_err().to_string();
        assert!(e.contains("a 目次 already"), "{e}");
    }

    #[test]
    fn articles_and_paragraphs_are_counted_too() {
        let old = parse_str(RULE).unwrap();
        let act = "第一条の次に次の一条を加える。\n第一条の二　丙とする。\n第一条の三　丁とする。\n";
        let e = crate::amend::apply(&old, act, "a.txt").unwrap_err().to_string();
        assert!(e.contains("「次の一条」 announces 1") && e.contains("gives 2"), "{e}");
        let act = "第二条に次の二項を加える。\n２　丙とする。\n";
        let e = crate::amend::apply(&old, act, "a.txt").unwrap_err().to_string();
        assert!(e.contains("「次の二項」 announces 2") && e.contains("gives 1"), "{e}");
    }

    #[test]
    fn subitems_added_to_an_item_are_subitems() {
        // 「第一条第一号に次のように加える。」 followed by イ, ロ: both under the 号, at the first level.
        let old = parse_str(RULE).unwrap();
        let act = "第一条第一号に次のように加える。\nイ　常勤の職員\nロ　非常勤の職員\n";
        let new = crate::amend::apply(&old, act, "a.txt").unwrap();
        let item = &new.articles()[0].children[0].children[0];
        let subs: Vec<(crate::model::Kind, u8, &str)> =
            item.children.iter().map(|c| (c.kind, c.level, c.text.as_str())).collect();
        use crate::model::Kind::Subitem;
        assert_eq!(subs, [(Subitem, 1, "常勤の職員"), (Subitem, 1, "非常勤の職員")]);
        assert_eq!(new.articles()[0].children[0].children.len(), 2, "no 号 added");
    }
}
