//! The 附則 side of applying an amending act: the earlier act's 附則 a part of the act amends (named by the act
//! number that heads it in the text), and the act's own 附則, which stays behind in the amended text after
//! 溶け込み ([`append_suppl`]), as a new 附則 or as bullets of a history list.

use crate::amend::types::Amendment;
use crate::model::{Document, Kind, Node, Num};

/// A 附則 kept as a history list: every child a bullet paragraph (`- この規則は、…から施行する。`, or `*`, `+`).
pub fn is_history(n: &Node) -> bool {
    !n.children.is_empty()
        && n.children.iter().all(|c| {
            c.kind == Kind::Paragraph && crate::parse::source_lines::is_bullet(&c.label) && c.children.is_empty()
        })
}

/// The 附則 a law part of an amending act amends, when the part names an earlier amending act by the number
/// that heads its 附則 in the text (`平成二九年六月二日法律第四五号`): its index among `doc.children`.
pub fn act_suppl_index(doc: &Document, law: &str) -> Option<usize> {
    let norm = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let law = norm(law);
    if law.is_empty() {
        return None;
    }
    doc.children
        .iter()
        .position(|n| n.kind == Kind::SupplProvision && n.heading.as_deref().is_some_and(|h| norm(h) == law))
}

/// Appends the amending act's own 附則 to an amended document, as it stays behind in the amended text after
/// 溶け込み (each amendment of a 規程 leaves its 附則 at the end). The new 附則 takes the label style of the
/// document's last 附則 (`附 則`, `附　則`); without any, `附　則`. The act number the act's 附則 heading gives
/// (`附　則（令和五年三月三十一日規程第十二号）`) is the new 附則's heading, as e-Gov gives it. When the last 附則 is a history list (one
/// bullet per amendment), the act's 附則 is added to it as bullets instead. Does nothing when the act has no
/// 附則.
///
/// ```
/// let old = kitei::parse::parse_str("規程\n第1条　目的を定める。\n\n附　則\n\nこの規程は、令和2年4月1日から施行する。\n").unwrap();
/// let act = "規程の一部を改正する規程\n規程の一部を次のように改正する。\n第1条中「目的」を「趣旨」に改める。\n　　　附　則\nこの規程は、令和9年4月1日から施行する。\n";
/// let amendment = kitei::amend::parse::parse(act, "act.txt").unwrap();
/// let mut new = kitei::amend::apply_amendment(&old, &amendment, "act.txt").unwrap();
/// kitei::amend::append_suppl(&mut new, &amendment);
/// let last = new.suppl_provisions().last().unwrap();
/// assert_eq!(last.id, "suppl_2");
/// assert_eq!(last.children[0].text, "この規程は、令和9年4月1日から施行する。");
/// ```
pub fn append_suppl(doc: &mut Document, amendment: &Amendment) {
    if amendment.suppl.is_empty() {
        return;
    }
    if let Some(history) =
        doc.children.iter_mut().rev().find(|n| n.kind == Kind::SupplProvision).filter(|n| is_history(n))
    {
        for line in &amendment.suppl {
            let mut p = Node::new(Kind::Paragraph);
            p.num = Some(Num::simple(history.children.len() as u32 + 1));
            p.label = "-".into();
            p.set_text(line.clone());
            history.children.push(p);
        }
        crate::model::ids::assign_ids(doc);
        return;
    }
    let label = doc.suppl_provisions().last().map(|s| s.label.clone()).unwrap_or_else(|| "附　則".into());
    let snippet = format!("題名\n附　則\n{}\n", amendment.suppl.join("\n"));
    let Ok(parsed) = crate::parse::parse_str(&snippet) else {
        return;
    };
    if let Some(mut suppl) = parsed.children.into_iter().find(|n| n.kind == Kind::SupplProvision) {
        suppl.label = label;
        suppl.heading = amendment.suppl_heading.clone();
        doc.children.push(suppl);
        crate::model::ids::assign_ids(doc);
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_acts_number_in_its_suppl_heading_heads_the_new_suppl() {
        let old = crate::parse::parse_str("規程\n第一条　甲。\n附　則\nこの規程は、公布の日から施行する。\n").unwrap();
        let act = "規程の一部を改正する規程\n規程の一部を次のように改正する。\n第一条中「甲」を「乙」に改める。\n\
                   \u{3000}\u{3000}\u{3000}附　則（令和五年三月三十一日規程第十二号）\nこの規程は、令和五年四月一日から施行する。\n";
        let amendment = crate::amend::parse::parse(act, "act.txt").unwrap();
        assert_eq!(amendment.suppl_heading.as_deref(), Some("令和五年三月三十一日規程第十二号"));
        let mut new = crate::amend::apply_amendment(&old, &amendment, "act.txt").unwrap();
        super::append_suppl(&mut new, &amendment);
        let last = new.suppl_provisions().last().unwrap();
        assert_eq!(last.heading.as_deref(), Some("令和五年三月三十一日規程第十二号"));
        assert_eq!(last.children[0].text, "この規程は、令和五年四月一日から施行する。");
        // The same text written by a reader, parsed as a version: the same 附則.
        let written = crate::parse::parse_str(
            "規程\n第一条　乙。\n附　則\nこの規程は、公布の日から施行する。\n\
             附　則（令和五年三月三十一日規程第十二号）\nこの規程は、令和五年四月一日から施行する。\n",
        )
        .unwrap();
        let w = written.suppl_provisions().last().unwrap();
        assert_eq!((&w.label, &w.heading), (&last.label, &last.heading));
    }
}
