//! Wording edits (「A」を「B」に改める, 「A」を削る, 「A」の下に「B」を加える) applied to the texts of a provision or
//! to one part of it (見出し, 柱書, ただし書), and the 目次 line form edits of a table of contents work on.
//!
//! ```
//! use kitei::amend::{apply::edit::edit_strings, Edit};
//! let (mut a, mut b) = ("甲及び乙".to_string(), "甲".to_string());
//! edit_strings(&mut [&mut a, &mut b], &[Edit::Replace { from: "甲".into(), to: "丙".into() }]).unwrap();
//! assert_eq!((a.as_str(), b.as_str()), ("丙及び乙", "丙"));
//! ```

use crate::amend::types::{Edit, Part};
use crate::model::{Kind, Node};

type R<T> = std::result::Result<T, String>;

/// A 目次 entry as one line (`第二章　雑則（第四条）`), so that a quote may span its title and range.
pub fn toc_line(e: &Node) -> String {
    format!("{}\u{3000}{}{}", e.label, e.heading.as_deref().unwrap_or(""), e.text)
}

/// The label, title and range of a 目次 line written by [`toc_line`].
pub(super) fn split_toc_line(line: &str) -> (String, String, String) {
    let (label, rest) = line.split_once('\u{3000}').unwrap_or((line, ""));
    let range_at = if rest.ends_with('）') { rest.rfind('（') } else { None };
    let (h, t) = match range_at {
        Some(i) => rest.split_at(i),
        None => (rest, ""),
    };
    (label.to_string(), h.to_string(), t.to_string())
}

/// Applies wording edits to a node (or part of it).
pub(super) fn edit_node(n: &mut Node, part: Part, edits: &[Edit]) -> R<()> {
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
        Part::Former | Part::Latter => super::parts::edit_part(n, part, edits),
        Part::Items => super::parts::edit_items(n, edits),
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
pub fn texts_of(n: &Node, out: &mut Vec<String>) {
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
