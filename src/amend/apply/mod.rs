//! Applying parsed [`Instruction`]s to a [`Document`]: the amended version (溶け込み).
//!
//! Instructions are applied one by one, in order, to the evolving document, so that a reference written after
//! a renumbering (同項を同条第五項とし、同項の次に…) finds the provision under its new number. Wording edits
//! inside one provision are applied front to back; each edit changes every occurrence of its quote from
//! where the previous edit stopped. After the last instruction IDs are re-assigned and references to
//! renumbered provisions are checked (see [`hane`]).
//!
//! Application: instructions × tree → tree. It reads the act with [`crate::amend::grammar`] and knows nothing of
//! generation. `select` picks the units of the act for this text, `instruction` applies one instruction,
//! finding its target with [`locate`] (a table's rows and columns with [`table`]) and changing wording with [`edit`] (in a 目次, `toc`); a part of a
//! provision as the target (前段, 後段, ただし書, 柱書, 各号) is [`parts`], the entries of a 「次に掲げる規定」
//! list `listed`. New provisions given as text are read by [`body`] and [`appendix`], an earlier act's 附則
//! and the act's own by [`suppl`]. Afterwards `labels` numbers unlabelled provisions, [`columns`] restores
//! e-Gov column sentences and [`hane`] checks ハネ (with the origin marks of [`refs`]).
//! [`check`] compares a result with the version wanted (generation's self-check).
//!
//! ```
//! let old = kitei::parse::parse_str("例規程\n第一条　甲とする。\n第二条　乙とする。\n").unwrap();
//! let new = kitei::amend::apply(&old, "第二条を第三条とし、第一条の次に次の一条を加える。\n第二条　丙とする。\n", "a").unwrap();
//! let labels: Vec<_> = new.articles().iter().map(|a| a.label.clone()).collect();
//! assert_eq!(labels, ["第一条", "第二条", "第三条"]);
//! ```

pub mod appendix;
pub mod body;
pub mod check;
pub mod columns;
pub mod edit;
pub mod hane;
mod instruction;
mod labels;
mod listed;
pub mod locate;
pub mod parts;
pub mod refs;
mod select;
pub mod suppl;
pub mod table;
mod toc;
mod yomikae;

use crate::amend::style::NumStyle;
use crate::amend::types::{Amendment, Instruction, Op, Special};
use crate::error::{Error, Location, Result};
use crate::model::Document;

use instruction::apply_one;
pub use locate::Path;
pub use suppl::append_suppl;

/// Parses `amendment_text` (named `name` in errors) and applies it to `old`, returning the new version with IDs
/// assigned. Errors name the instruction (`name:line:column`, its text) and the reason; a renumbering that
/// leaves references pointing at the wrong provision (ハネ漏れ) is an error too.
pub fn apply(old: &Document, amendment_text: &str, name: &str) -> Result<Document> {
    let amendment = crate::amend::grammar::parse(amendment_text, name)?;
    apply_amendment(old, &amendment, name)
}

/// Applies every instruction of `amendment` for the law whose name matches `old`'s title (or the only one),
/// and the parts that amend an earlier amending act whose 附則 stands in the text under its number (see
/// [`suppl`]). Parts for other laws are left alone.
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
    /// `act.txt:3:1: 第1条第4項: 「前項」 pointed at …`: references the act rewrote that point elsewhere than
    /// where the provision they cited went (see [`hane`]); the amendment is applied all the same.
    pub warnings: Vec<String>,
    /// `act.txt:3:1: the amendment renumbers provisions but leaves references …`: the ハネ漏れ error that
    /// [`apply_units`] refuses with, as it would print; set only by [`apply_keeping_hane`], which applies the
    /// amendment all the same (and lists each reference in `warnings` too).
    pub hane_error: Option<String>,
}

/// Applies every unit of `amendment` for this text, in order (or only unit `unit`, 1-based), and reports the
/// units left alone (every unit for this text in order; a unit for another law is named, never dropped).
pub fn apply_units(old: &Document, amendment: &Amendment, name: &str, unit: Option<usize>) -> Result<Applied> {
    apply_with(old, amendment, name, unit, true)
}

/// As [`apply_units`], but a ハネ漏れ is a warning, not an error. For generation's self-check, which compares
/// the result with NEW: when NEW itself still cites a provision under its old number (a slip in NEW, which the
/// 新旧対照表 reports), the 改め文 that gives NEW is right to carry the reference over unchanged.
pub fn apply_keeping_hane(old: &Document, amendment: &Amendment, name: &str) -> Result<Applied> {
    apply_with(old, amendment, name, None, false)
}

fn apply_with(
    old: &Document,
    amendment: &Amendment,
    name: &str,
    unit: Option<usize>,
    hane_is_error: bool,
) -> Result<Applied> {
    let sel = select::select(old, amendment, name, unit)?;
    if sel.main.is_empty() && sel.acts.is_empty() {
        if !amendment.suppl.is_empty() && amendment.laws.iter().all(|l| l.instructions.is_empty()) {
            // Only the act's own 附則: nothing in the text changes.
            return Ok(Applied { document: old.clone(), skipped: sel.skipped, warnings: Vec::new(), hane_error: None });
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
    refs::mark_origins(&mut doc);
    let style = NumStyle::of_document(old);
    let fail = |ins: &Instruction, reason: String| Error::Invalid {
        at: Location { file: name.into(), line: ins.line, column: ins.column },
        message: format!("cannot apply 「{}」: {reason}", ins.text),
    };
    let mut skipped = sel_skipped;
    let mut run = |doc: &mut Document, ins: &Instruction| match &ins.target.special {
        Some(Special::Listed(items)) => listed::apply_listed(doc, ins, items, style, &mut skipped),
        _ => apply_one(doc, ins, style),
    };
    for ins in main.iter().flat_map(|l| l.instructions.iter()) {
        run(&mut doc, ins).map_err(|reason| fail(ins, reason))?;
    }
    // An earlier act's 附則 is amended on its own: inside a document holding only it, 附則 names it.
    for act in &acts {
        let index = suppl::act_suppl_index(&doc, &act.law).ok_or_else(|| {
            Error::Other(format!("{name}: the 附則 of 「{}」 is no longer in the text to amend", act.law))
        })?;
        let mut part = Document { children: vec![doc.children[index].clone()], ..Document::new(doc.title.clone()) };
        for ins in &act.instructions {
            run(&mut part, ins).map_err(|reason| fail(ins, reason))?;
        }
        doc.children[index] = part.children.remove(0);
    }
    for n in doc.children.iter_mut() {
        labels::number_unlabelled(n);
    }
    crate::model::ids::assign_ids(&mut doc);
    let found = hane::check(old, &doc);
    if columns::expected(old) {
        let before = columns::snapshot(old);
        columns::restore(&mut doc, &before, |n| n.attrs.get(refs::ORIGIN).cloned());
    }
    refs::clear_origins(&mut doc);
    let all: Vec<&Instruction> = main.iter().chain(&acts).flat_map(|l| l.instructions.iter()).collect();
    let hane_error = found.errors.first().map(|first| {
        let (line, column) = place_error(&all, first);
        let messages: Vec<&str> = found.errors.iter().map(|f| f.message.as_str()).collect();
        Error::Invalid {
            at: Location { file: name.into(), line, column },
            message: format!(
                "the amendment renumbers provisions but leaves references to them pointing elsewhere (ハネ漏れ): {}",
                messages.join("; ")
            ),
        }
    });
    let hane_error = match hane_error {
        Some(e) if hane_is_error => return Err(e),
        other => other.map(|e| e.to_string()),
    };
    let mut warnings: Vec<String> = found
        .warnings
        .iter()
        .map(|f| {
            let (line, column) = place_warning(&all, f);
            format!("{name}:{line}:{column}: warning: {} (ハネ?)", f.message)
        })
        .collect();
    if !hane_is_error {
        warnings.extend(found.errors.iter().map(|f| {
            let (line, column) = place_error(&all, f);
            format!("{name}:{line}:{column}: warning: {} (ハネ漏れ)", f.message)
        }));
    }
    Ok(Applied { document: doc, skipped, warnings, hane_error })
}

/// True for an instruction that moves or removes provisions.
fn moves(i: &Instruction) -> bool {
    matches!(i.op, Op::Renumber(_) | Op::Shift(_) | Op::Delete | Op::InsertAfter(_) | Op::InsertBefore(_))
}

/// The article an instruction is aimed at, if its target starts with one.
fn article_of(i: &Instruction) -> Option<&crate::model::Num> {
    match i.target.steps.first() {
        Some(crate::amend::types::Step::Unit { kind: crate::model::Kind::Article, num, .. }) => Some(num),
        _ => None,
    }
}

/// A ハネ漏れ is placed at the instruction whose consequences are missing: the first that moves provisions
/// of the article the reference pointed into, else the first that moves any.
fn place_error(all: &[&Instruction], f: &hane::Finding) -> (u32, u32) {
    let moving = || all.iter().filter(|i| moves(i));
    let at = moving().find(|i| f.article.is_some() && article_of(i) == f.article.as_ref()).or_else(|| moving().next());
    at.map(|i| (i.line, i.column)).unwrap_or((1, 1))
}

/// A doubtful rewritten reference is placed at the instruction that wrote its words.
fn place_warning(all: &[&Instruction], f: &hane::Finding) -> (u32, u32) {
    let quoted = format!("「{}」", f.words);
    let at = all
        .iter()
        .find(|i| matches!(i.op, Op::Edits(_)) && i.text.contains(&quoted))
        .or_else(|| all.iter().find(|i| i.text.contains(&f.words)));
    match at {
        Some(i) => (i.line, i.column),
        None => place_error(all, f),
    }
}

#[cfg(test)]
mod review_tests {
    use crate::parse::parse_str;

    #[test]
    fn a_text_without_instructions_is_an_error() {
        let old = parse_str("例規程\n第一条　甲とする。\n").unwrap();
        let e = super::apply(&old, "例規程の一部を改正する規程\n", "a.txt").unwrap_err().to_string();
        assert!(e.contains("a.txt:1:1") && e.contains("no amendment instructions"), "{e}");
    }

    #[test]
    fn an_empty_quote_is_a_syntax_error_not_a_hang() {
        let old = parse_str("例規程\n第一条　甲とする。\n").unwrap();
        let e = super::apply(&old, "第一条中「」を削る。\n", "a.txt").unwrap_err().to_string();
        assert!(e.contains("「」"), "{e}");
    }

    #[test]
    fn a_proviso_edit_starts_at_the_proviso_sentence() {
        let old =
            parse_str("例規程\n第一条　前項ただし書の規定は、適用する。ただし、ただし書の例外は除く。\n").unwrap();
        let new = super::apply(&old, "第一条ただし書中「ただし書」を「特例」に改める。\n", "a.txt").unwrap();
        assert_eq!(new.articles()[0].children[0].text, "前項ただし書の規定は、適用する。ただし、特例の例外は除く。");
    }

    /// 「第三章中第五条を第六条とし」: while numbers are moved front to back, two articles may share a number;
    /// the group names the one meant, and an article added at the end of a 節 goes into it.
    #[test]
    fn a_group_prefix_picks_the_article_in_that_group() {
        let old = parse_str(
            "例法\n第一章　総則\n第一条　甲。\n第二章　手続\n第一節　申請\n第二条　乙。\n第三条　丙。\n\
             第二節　審査\n第四条　丁。\n第三章　雑則\n第五条　戊。\n",
        )
        .unwrap();
        let act = "第二章第二節中第四条を第五条とし、第三章中第五条を第六条とし、\
                   第二章第一節中第三条の次に次の一条を加える。\n第四条　追加。\n";
        let new = super::apply(&old, act, "a").unwrap();
        let ch2 = &new.children[1];
        let s1: Vec<_> =
            ch2.children[0].children.iter().map(|a| (a.label.as_str(), a.children[0].text.as_str())).collect();
        assert_eq!(s1, [("第二条", "乙。"), ("第三条", "丙。"), ("第四条", "追加。")]);
        assert_eq!(ch2.children[1].children[0].label, "第五条");
        assert_eq!(ch2.children[1].children[0].children[0].text, "丁。");
        assert_eq!(new.children[2].children[0].label, "第六条");
        assert_eq!(new.children[2].children[0].children[0].text, "戊。");
    }

    #[test]
    fn a_caption_is_rewritten_by_a_body() {
        let old = parse_str("例規程\n（目的）\n第一条　甲とする。\n").unwrap();
        let new = super::apply(&old, "第一条の見出しを次のように改める。\n（趣旨）\n", "a.txt").unwrap();
        assert_eq!(new.articles()[0].heading.as_deref(), Some("趣旨"));
        assert_eq!(new.articles()[0].children[0].text, "甲とする。");
    }

    #[test]
    fn an_act_for_another_regulation_is_refused() {
        let old = parse_str("例規程\n第一条　甲とする。\n").unwrap();
        let act =
            "就業規則の一部を改正する規則\n就業規則の一部を次のように改正する。\n第一条中「甲」を「乙」に改める。\n";
        let e = super::apply(&old, act, "a.txt").unwrap_err().to_string();
        assert!(e.contains("the act amends 「就業規則」, not 「例規程」"), "{e}");
    }
}
