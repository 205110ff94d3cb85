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
use super::{Amendment, Edit, Instruction, Op, Part, Special, Step};

use super::body::body_nodes;
pub use super::locate::Path;
use super::locate::{locate, node_at, node_mut, range, siblings, siblings_mut};

/// Applies every instruction of `amendment` for the law whose name matches `old`'s title (or the only one),
/// and the parts that amend an earlier amending act whose 附則 stands in the text under its number (see
/// [`super::suppl`]). Parts for other laws are left alone.
pub fn apply_amendment(old: &Document, amendment: &Amendment, name: &str) -> Result<Document> {
    apply_units(old, amendment, name, None).map(|a| a.document)
}

/// What [`apply_units`] made: the amended version, and the units of the act it left alone (for another law,
/// or not the `--unit` asked for), named for the reader.
#[derive(Debug, Clone)]
pub struct Applied {
    /// The amended version, IDs assigned.
    pub document: Document,
    /// `unit 2 (丙規程)`: units not applied.
    pub skipped: Vec<String>,
}

/// Applies every unit of `amendment` for this text, in order (or only unit `unit`, 1-based), and reports the
/// units left alone (every unit for this text in order; a unit for another law is named, never dropped).
pub fn apply_units(old: &Document, amendment: &Amendment, name: &str, unit: Option<usize>) -> Result<Applied> {
    let sel = super::select::select(old, amendment, name, unit)?;
    if sel.main.is_empty() && sel.acts.is_empty() {
        if !amendment.suppl.is_empty() && amendment.laws.iter().all(|l| l.instructions.is_empty()) {
            // Only the act's own 附則: nothing in the text changes.
            return Ok(Applied { document: old.clone(), skipped: sel.skipped });
        }
        // Nothing at all to apply is a wrong file, not an amendment that changes nothing.
        return Err(Error::Invalid {
            at: Location { file: name.into(), line: 1, column: 1 },
            message:
                "no amendment instructions found (expected sentences such as 「第五条中「甲」を「乙」に改める。」)"
                    .into(),
        });
    }
    let (main, acts, sel_skipped) = (sel.main, sel.acts, sel.skipped);
    let mut doc = old.clone();
    super::refs::mark_origins(&mut doc);
    let style = NumStyle::of_document(old);
    let fail = |ins: &Instruction, reason: String| Error::Invalid {
        at: Location { file: name.into(), line: ins.line, column: ins.column },
        message: format!("cannot apply 「{}」: {reason}", ins.text),
    };
    for ins in main.iter().flat_map(|l| l.instructions.iter()) {
        apply_one(&mut doc, ins, style).map_err(|reason| fail(ins, reason))?;
    }
    // An earlier act's 附則 is amended on its own: inside a document holding only it, 附則 names it.
    for act in &acts {
        let index = super::suppl::act_suppl_index(&doc, &act.law).ok_or_else(|| {
            Error::Other(format!("{name}: the 附則 of 「{}」 is no longer in the text to amend", act.law))
        })?;
        let mut part = Document { children: vec![doc.children[index].clone()], ..Document::new(doc.title.clone()) };
        for ins in &act.instructions {
            apply_one(&mut part, ins, style).map_err(|reason| fail(ins, reason))?;
        }
        doc.children[index] = part.children.remove(0);
    }
    for n in doc.children.iter_mut() {
        super::labels::number_unlabelled(n);
    }
    crate::model::ids::assign_ids(&mut doc);
    let stale = super::refs::stale_after(old, &doc);
    if super::columns::uses_columns(old) {
        let before = super::columns::snapshot(old);
        super::columns::restore(&mut doc, &before, |n| n.attrs.get(super::refs::ORIGIN).cloned());
    }
    super::refs::clear_origins(&mut doc);
    if !stale.is_empty() {
        // Placed at the first instruction that moves or removes provisions: the one whose consequences are
        // missing.
        let moving = main.iter().chain(&acts).flat_map(|l| l.instructions.iter()).find(|i| {
            matches!(i.op, Op::Renumber(_) | Op::Shift(_) | Op::Delete | Op::InsertAfter(_) | Op::InsertBefore(_))
        });
        let (line, column) = moving.map(|i| (i.line, i.column)).unwrap_or((1, 1));
        return Err(Error::Invalid {
            at: Location { file: name.into(), line, column },
            message: format!(
                "the amendment renumbers provisions but leaves references to them unchanged (ハネ漏れ): {}",
                stale.join("; ")
            ),
        });
    }
    Ok(Applied { document: doc, skipped: sel_skipped })
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
                let mut fields: Vec<String> = toc.children.iter().map(toc_line).collect();
                edit_strings(&mut fields.iter_mut().collect::<Vec<_>>(), edits)?;
                for (e, line) in toc.children.iter_mut().zip(fields) {
                    let (l, h, t) = split_toc_line(&line);
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
        Op::Rewrite(body) if t.special == Some(Special::Toc) && t.steps.is_empty() => {
            let snippet = format!("仮\n{}\n第一条　仮。\n", body.text);
            let parsed = crate::parse::parse_str(&snippet)
                .map_err(|e| format!("the new 目次 (line {}) does not parse: {e}", body.line))?;
            let toc = parsed.children.into_iter().find(|n| n.kind == Kind::Toc).ok_or("the new text holds no 目次")?;
            let old = node_mut(doc, &path);
            old.children = toc.children;
            Ok(())
        }
        Op::Rewrite(body) => {
            let old = node_at(doc, &path);
            let mut nodes = new_nodes(body, old.kind, old.level)?;
            if let [one] = nodes.as_mut_slice() {
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

/// The new provisions of a body; 別表 and 様式 are read by [`super::appendix::body_nodes`].
fn new_nodes(body: &super::Body, kind: Kind, level: u8) -> R<Vec<Node>> {
    if kind == Kind::Appendix {
        return super::appendix::body_nodes(&body.text);
    }
    body_nodes(body, kind, level)
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

/// A 目次 entry as one line (`第二章　雑則（第四条）`), so that a quote may span its title and range.
pub fn toc_line(e: &Node) -> String {
    format!("{}\u{3000}{}{}", e.label, e.heading.as_deref().unwrap_or(""), e.text)
}

/// The label, title and range of a 目次 line written by [`toc_line`].
fn split_toc_line(line: &str) -> (String, String, String) {
    let (label, rest) = line.split_once('\u{3000}').unwrap_or((line, ""));
    let range_at = if rest.ends_with('）') { rest.rfind('（') } else { None };
    let (h, t) = match range_at {
        Some(i) => rest.split_at(i),
        None => (rest, ""),
    };
    (label.to_string(), h.to_string(), t.to_string())
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
            // Where the ただし書 sentence starts: after the sentences before it (they concatenate back to the
            // text), not at the first ただし, which may stand in the main sentence (前項ただし書の規定…).
            let sentences = crate::model::split_sentences(&texts[k]);
            let pos = sentences
                .iter()
                .take_while(|s| s.role != crate::model::SentenceRole::Proviso)
                .map(|s| s.text.len())
                .sum::<usize>();
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

/// The texts of a node and everything below it, in document order.
pub(super) fn texts_of(n: &Node, out: &mut Vec<String>) {
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

#[cfg(test)]
mod review_tests {
    use crate::parse::parse_str;

    #[test]
    fn a_text_without_instructions_is_an_error() {
        let old = parse_str("例規程\n第一条　甲とする。\n").unwrap();
        let e = crate::amend::apply(&old, "例規程の一部を改正する規程\n", "a.txt").unwrap_err().to_string();
        assert!(e.contains("a.txt:1:1") && e.contains("no amendment instructions"), "{e}");
    }

    #[test]
    fn an_empty_quote_is_a_syntax_error_not_a_hang() {
        let old = parse_str("例規程\n第一条　甲とする。\n").unwrap();
        let e = crate::amend::apply(&old, "第一条中「」を削る。\n", "a.txt").unwrap_err().to_string();
        assert!(e.contains("「」"), "{e}");
    }

    #[test]
    fn a_proviso_edit_starts_at_the_proviso_sentence() {
        let old =
            parse_str("例規程\n第一条　前項ただし書の規定は、適用する。ただし、ただし書の例外は除く。\n").unwrap();
        let new = crate::amend::apply(&old, "第一条ただし書中「ただし書」を「特例」に改める。\n", "a.txt").unwrap();
        assert_eq!(new.articles()[0].children[0].text, "前項ただし書の規定は、適用する。ただし、特例の例外は除く。");
    }

    #[test]
    fn a_change_of_caption_brackets_alone_is_written() {
        let old = parse_str("例規程\n（目的）\n第一条　甲とする。\n").unwrap();
        let new = parse_str("例規程\n(目的)\n第一条　甲とする。\n").unwrap();
        assert_ne!(old.articles()[0].heading_raw, new.articles()[0].heading_raw, "the parser keeps the brackets");
        let text = crate::amend::generate(&old, &new, &Default::default()).unwrap();
        assert!(text.contains("第一条の見出しを「(目的)」に改める。"), "{text}");
    }

    #[test]
    fn identical_versions_are_not_an_amendment() {
        let old = parse_str("例規程\n第一条　甲とする。\n").unwrap();
        let e = crate::amend::generate(&old, &old.clone(), &Default::default()).unwrap_err().to_string();
        assert!(e.contains("do not differ"), "{e}");
    }

    #[test]
    fn an_act_for_another_regulation_is_refused() {
        let old = parse_str("例規程\n第一条　甲とする。\n").unwrap();
        let act =
            "就業規則の一部を改正する規則\n就業規則の一部を次のように改正する。\n第一条中「甲」を「乙」に改める。\n";
        let e = crate::amend::apply(&old, act, "a.txt").unwrap_err().to_string();
        assert!(e.contains("the act amends 「就業規則」, not 「例規程」"), "{e}");
    }
}
