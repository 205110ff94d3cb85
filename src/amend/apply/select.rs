//! Which units of an amending act apply to a text. An act may amend several laws (one article each), and may
//! amend one law in several units (an act's 第七十三条 and 第七十四条 amending it in two stages, or a file
//! holding several acts). Every unit for this text is applied, in order; a unit for another law is left
//! alone and named, never dropped in silence; `--unit N` picks one unit.
//!
//! ```
//! let act = "第一条　甲規程の一部を次のように改正する。\n第一条中「甲」を「乙」に改める。\n\
//!            第二条　丙規程の一部を次のように改正する。\n第一条中「丙」を「丁」に改める。\n\
//!            第三条　甲規程の一部を次のように改正する。\n第一条中「乙」を「戊」に改める。\n";
//! let amendment = kitei::amend::parse::parse(act, "act").unwrap();
//! let old = kitei::parse::parse_str("甲規程\n第一条　甲とする。\n").unwrap();
//! let applied = kitei::amend::apply_units(&old, &amendment, "act", None).unwrap();
//! assert_eq!(applied.document.articles()[0].children[0].text, "戊とする。");
//! assert_eq!(applied.skipped, ["unit 2 (丙規程): it amends another law"]);
//! ```

use crate::amend::types::{Amendment, LawAmendment};
use crate::error::{Error, Location, Result};
use crate::model::Document;

/// The units of an act to apply to `old`: those for this text (in order) and those for an earlier amending
/// act whose 附則 stands in it; and the units left alone, named with the reason
/// (`unit 2 (丙規程): it amends another law`).
pub(super) struct Selection<'a> {
    pub main: Vec<&'a LawAmendment>,
    pub acts: Vec<&'a LawAmendment>,
    pub skipped: Vec<String>,
}

fn norm(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Chooses the units (1-based `unit` picks one; `None`, all that are for this text).
pub(super) fn select<'a>(
    old: &Document,
    amendment: &'a Amendment,
    name: &str,
    unit: Option<usize>,
) -> Result<Selection<'a>> {
    let at = Location { file: name.into(), line: 1, column: 1 };
    let units: Vec<&LawAmendment> = amendment.laws.iter().filter(|l| !l.instructions.is_empty()).collect();
    let label = |k: usize, l: &LawAmendment| {
        if l.law.is_empty() {
            format!("unit {}", k + 1)
        } else {
            format!("unit {} ({})", k + 1, l.law)
        }
    };
    if let Some(n) = unit {
        if n == 0 || n > units.len() {
            return Err(Error::Invalid {
                at,
                message: format!("--unit {n}: the act has {} unit(s) with instructions", units.len()),
            });
        }
    }
    let title = norm(&old.title);
    let is_act = |l: &LawAmendment| super::suppl::act_suppl_index(old, &l.law).is_some();
    let for_this = |l: &LawAmendment| l.law.is_empty() || title.contains(&norm(&l.law));
    let mut sel = Selection { main: Vec::new(), acts: Vec::new(), skipped: Vec::new() };
    let only_one_main = units.iter().filter(|l| !is_act(l)).count() == 1;
    for (k, l) in units.iter().copied().enumerate() {
        if unit.is_some_and(|n| n != k + 1) {
            sel.skipped.push(format!("{}: not the --unit asked for", label(k, l)));
        } else if is_act(l) {
            sel.acts.push(l);
        } else if for_this(l) {
            sel.main.push(l);
        } else if only_one_main || unit.is_some() {
            // The one unit of the act (or the one asked for) names another text: applying it here would
            // change this text by another's instructions.
            return Err(Error::Invalid {
                at, message: format!("the act amends 「{}」, not 「{}」", l.law, old.title)
            });
        } else {
            sel.skipped.push(format!("{}: it amends another law", label(k, l)));
        }
    }
    if sel.main.is_empty() && sel.acts.is_empty() && !sel.skipped.is_empty() && unit.is_none() {
        return Err(Error::Other(format!(
            "{name}: the act amends {} law(s) and none is named 「{}」",
            sel.skipped.len(),
            old.title
        )));
    }
    Ok(sel)
}

#[cfg(test)]
mod tests {
    use super::super::apply_units;
    use crate::amend::grammar::parse;

    const ACT: &str = "第一条　甲規程の一部を次のように改正する。\n第一条中「甲」を「乙」に改める。\n\
                       第二条　丙規程の一部を次のように改正する。\n第一条中「丙」を「丁」に改める。\n\
                       第三条　甲規程の一部を次のように改正する。\n第一条中「乙」を「戊」に改める。\n";

    fn old() -> crate::model::Document {
        crate::parse::parse_str("甲規程\n第一条　甲とする。\n").unwrap()
    }

    #[test]
    fn every_unit_for_this_text_is_applied_in_order_and_the_others_are_named() {
        let a = parse(ACT, "act").unwrap();
        let applied = apply_units(&old(), &a, "act", None).unwrap();
        assert_eq!(applied.document.articles()[0].children[0].text, "戊とする。");
        assert_eq!(applied.skipped, ["unit 2 (丙規程): it amends another law"]);
    }

    #[test]
    fn one_unit_can_be_picked() {
        let a = parse(ACT, "act").unwrap();
        let applied = apply_units(&old(), &a, "act", Some(1)).unwrap();
        assert_eq!(applied.document.articles()[0].children[0].text, "乙とする。");
        assert_eq!(applied.skipped.len(), 2);
        let err = apply_units(&old(), &a, "act", Some(2)).unwrap_err().to_string();
        assert!(err.contains("丙規程"), "{err}");
        assert!(apply_units(&old(), &a, "act", Some(4)).is_err());
    }

    #[test]
    fn an_act_for_other_laws_only_is_refused() {
        let act = "第一条　丙規程の一部を次のように改正する。\n第一条中「丙」を「丁」に改める。\n\
                   第二条　丁規程の一部を次のように改正する。\n第一条中「丁」を「戊」に改める。\n";
        let err = apply_units(&old(), &parse(act, "act").unwrap(), "act", None).unwrap_err().to_string();
        assert!(err.contains("none is named"), "{err}");
    }
}
