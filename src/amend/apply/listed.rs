//! 「次に掲げる規定中「A」を「B」に改める。」: one edit applied to each provision of the list after it. Entries
//! for the text amended (bare provisions, この規程…, or naming it by its title) are applied in order; entries
//! naming another law are left alone and reported, the way units for another law are (see `select`).
//!
//! ```
//! let old = kitei::parse::parse_str("例規程\n第1条　甲とする。\n第2条　甲又は乙とする。\n").unwrap();
//! let act = "次に掲げる規定中「甲」を「丙」に改める。\n(1)　第1条\n(2)　他規程第4条\n(3)　第2条\n";
//! let a = kitei::amend::parse(act, "a").unwrap();
//! let applied = kitei::amend::apply_units(&old, &a, "a", None).unwrap();
//! assert_eq!(applied.document.articles()[1].children[0].text, "丙又は乙とする。");
//! assert_eq!(applied.skipped, ["line 3 「他規程第4条」: it names another law (他規程)"]);
//! ```

use crate::amend::style::NumStyle;
use crate::amend::types::{Instruction, ListedItem, Op};
use crate::model::Document;

use super::instruction::apply_one;

type R<T> = std::result::Result<T, String>;

fn norm(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Applies the instruction's edits to every entry of `items` for this text; notes the others in `skipped`.
pub(super) fn apply_listed(
    doc: &mut Document,
    ins: &Instruction,
    items: &[ListedItem],
    style: NumStyle,
    skipped: &mut Vec<String>,
) -> R<()> {
    if !matches!(ins.op, Op::Edits(_)) {
        return Err(
            "only wording changes (「次に掲げる規定中「A」を「B」に改める」) apply to a list of provisions".into()
        );
    }
    if items.is_empty() {
        return Err("the list of provisions is missing".into());
    }
    let title = norm(&doc.title);
    for item in items {
        if let Some(law) = item.law.as_deref().filter(|l| norm(l) != title) {
            skipped.push(format!("line {} 「{}」: it names another law ({law})", item.line, item.text));
            continue;
        }
        for t in &item.targets {
            let one = Instruction { target: t.clone(), ..ins.clone() };
            apply_one(doc, &one, style)
                .map_err(|r| format!("the entry 「{}」 (line {}): {r}", item.text, item.line))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::amend::{apply, apply_units, grammar::parse};
    use crate::parse::parse_str;

    /// 法令 style, as a 整備法 writes it: the entries name laws, 同法 carries the last one over.
    #[test]
    fn entries_for_this_law_are_applied_and_others_reported() {
        let old = parse_str("例法\n第十条　懲役に処する。\n２　懲役又は罰金に処する。\n第十二条　懲役に処する。\n第十三条　懲役に処する。\n").unwrap();
        let act = "第二百二十一条　次に掲げる法律の規定中「懲役」を「拘禁刑」に改める。\n\
                   一　他法（昭和二十三年法律第一号）第三条\n\
                   二　例法（昭和二十四年法律第二号）第十条第一項\n\
                   三　同法第十二条\n";
        let a = parse(act, "act.txt").unwrap();
        let applied = apply_units(&old, &a, "act.txt", None).unwrap();
        let texts: Vec<_> = applied.document.articles().iter().map(|a| a.children[0].text.clone()).collect();
        assert_eq!(texts, ["拘禁刑に処する。", "拘禁刑に処する。", "懲役に処する。"]);
        assert_eq!(applied.document.articles()[0].children[1].text, "懲役又は罰金に処する。");
        assert_eq!(applied.skipped, ["line 2 「他法（昭和二十三年法律第一号）第三条」: it names another law (他法)"]);
    }

    /// 例規 style: bare provisions; one that is not in the text is refused naming the entry.
    #[test]
    fn bare_entries_of_a_reiki_are_this_texts() {
        let old = parse_str("例規程\n第3条　市長が定める。\n２　市長が認める。\n第5条　市長に届け出る。\n").unwrap();
        let act = "次に掲げる規定中「市長」を「教育委員会」に改める。\n(1)　第3条第1項\n(2)　第5条\n";
        let new = apply(&old, act, "a.txt").unwrap();
        let a = new.articles();
        assert_eq!(a[0].children[0].text, "教育委員会が定める。");
        assert_eq!(a[0].children[1].text, "市長が認める。");
        assert_eq!(a[1].children[0].text, "教育委員会に届け出る。");
        let e =
            apply(&old, "次に掲げる規定中「市長」を「町長」に改める。\n(1)　第3条\n(2)　第9条\n", "a.txt").unwrap_err();
        let e = e.to_string();
        assert!(e.contains("a.txt:1:1") && e.contains("「第9条」 (line 3)") && e.contains("not in the text"), "{e}");
    }
}
