//! What reads differently in an enacted law (法律, 政令, 省令, 規則 with a promulgation number) than in an
//! internal rule.
//!
//! In a 規程 or 就業規則 a bare present-tense verb states what the organisation does (「交通費は…支給する」), and
//! the checklist lists it as an obligation (conventions §5). In an enacted law the same form, with a thing as
//! its subject, states how the law computes or applies: 「…その期間中の賃金は、…賃金の総額から控除する」「労働時間
//! は、…通算する」 (労働基準法 第12条, 第38条) bind nobody, they are legal rules (constitutive). A bare verb
//! whose subject is a person or body (「…は、厚生労働大臣が定める」「裁判所は、…命ずる」) stays a duty.
//!
//! ```
//! use kitei::checklist::statute::{is_enacted, is_legal_rule};
//! assert!(is_enacted(Some("昭和二十二年法律第四十九号")));
//! assert!(!is_enacted(None));
//! assert!(is_legal_rule("労働時間は、事業場を異にする場合においても、…通算する。"));
//! assert!(!is_legal_rule("…必要な事項は、厚生労働大臣が定める。"));
//! ```

use super::party::{find_party, is_party};

/// Kinds of enacted instrument named in a promulgation number (「昭和二十二年法律第四十九号」「平成十九年国家
/// 公安委員会規則第五号」「…省令第三号」).
const ENACTED: &[&str] = &["法律", "政令", "省令", "府令", "勅令", "規則", "条例"];

/// True when the document's number is a promulgation number of an enacted law (法律第…号, 政令第…号…).
/// Internal rules (規程, 就業規則) carry none.
pub fn is_enacted(number: Option<&str>) -> bool {
    let Some(n) = number else { return false };
    ENACTED.iter().any(|k| n.find(&format!("{k}第")).is_some_and(|i| n[i..].contains('号')))
}

/// True when a sentence of an enacted law whose predicate is a bare verb names no person or body as its
/// subject (a period, an amount, working time): a rule of the law, not a duty. A person named as the
/// recipient topic (「鑑定委員には、…旅費…を支給する」) makes it an entitlement someone must pay: not a rule.
pub fn is_legal_rule(sentence: &str) -> bool {
    if find_party(sentence).is_some() {
        return false;
    }
    let recipient = sentence.find("には、").map(|i| &sentence[..i]).map(|h| h.rsplit('、').next().unwrap_or(h));
    !recipient.is_some_and(is_party)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn promulgation_numbers_are_enacted() {
        assert!(is_enacted(Some("平成十七年五月六日法律第四十号")));
        assert!(is_enacted(Some("平成十九年国家公安委員会規則第五号")));
        assert!(is_enacted(Some("昭和四十年厚生省令第十号")));
        assert!(!is_enacted(Some("規程")));
        assert!(!is_enacted(Some("法律")));
        assert!(!is_enacted(None));
    }

    #[test]
    fn a_thing_as_subject_is_a_legal_rule() {
        assert!(is_legal_rule("前項の期間は、賃金締切日がある場合においては、直前の賃金締切日から起算する。"));
        assert!(is_legal_rule("…期間がある場合においては、その日数及びその期間中の賃金は、…総額から控除する。"));
        assert!(is_legal_rule("組合員の損益分配の割合は、…出資の価額に応じて定める。"));
        assert!(!is_legal_rule("裁判所は、当事者の申立てにより、鑑定委員を指定する。"));
        assert!(!is_legal_rule("都道府県知事は、…その旨を公示する。"));
        assert!(!is_legal_rule("…財産処分を必要とするときは、関係市町村が協議してこれを定める。"));
        assert!(!is_legal_rule("…に関し必要な事項は、厚生労働大臣が定める。"));
        assert!(!is_legal_rule("鑑定委員には、最高裁判所規則で定める旅費、日当及び宿泊料を支給する。"));
        assert!(is_legal_rule("第一項の賃金の総額には、臨時に支払われた賃金を算入する。"));
    }
}
