//! Deontic classification of a sentence by its final predicate (conventions §5).
//!
//! The rules are the table [`RULES`] (in `rules.rs`): the sentence-final 。 is stripped and the first rule whose
//! ending matches the end of the sentence wins, so longer, more specific endings come first. Before the table,
//! a sentence that delegates to a named instrument (「…は、政令で定める」「…は、別に定める」) is a delegation,
//! and 「…のものとする」 (a noun before ものとする) declares rather than requires. A sentence that matches no rule
//! but ends in a verb's dictionary form (…る, …う, …く, …す…) is an obligation: in a 規程 a bare present-tense
//! verb states a duty in constitutive form (「…措置を講ずる」, 「…を遵守する」, 「理事長が定める」). Such a
//! bare-verb class is *weak* ([`Classified::weak`]): in a provision of two sentences it does not override the
//! class an explicit ending gave.
//!
//! ```
//! use kitei::checklist::classify::{classify_sentence, Class};
//! assert_eq!(classify_sentence("…使用してはならない。").class, Class::Prohibition);
//! assert_eq!(classify_sentence("統括管理責任者を置く。").class, Class::Establishment);
//! assert_eq!(classify_sentence("…により構成する。").class, Class::Constitutive);
//! assert_eq!(classify_sentence("統括管理責任者が招集する。").class, Class::Obligation);
//! assert_eq!(classify_sentence("…五十万円以下の罰金に処する。").class, Class::Sanction);
//! assert!(!classify_sentence("…をいう。").class.is_actionable());
//! ```

use serde::{Deserialize, Serialize};
use std::fmt;

/// What a provision asks of its addressee.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Class {
    /// A duty: しなければならない, ものとする, 講ずる, 実施する, 行う, 定める, 徹底させる, a bare verb.
    Obligation,
    /// A prohibition: してはならない, 拒んではならない.
    Prohibition,
    /// Establishing a body or post: 置く, 設置する, 設ける.
    Establishment,
    /// An effort duty (訓示規定): 努めなければならない, 努めるものとする.
    Effort,
    /// A permission or power: することができる.
    Permission,
    /// A definition: …をいう, …とおりとする.
    Definition,
    /// The purpose clause: …目的とする.
    Purpose,
    /// A sanction (罰則, 両罰規定): …に処する, …罰金刑を科する. Not an entry: the duty it cites carries it.
    Sanction,
    /// A legal effect on a right, a permit or a status: 効力を失う, 消滅する, 承継する, なお効力を有する.
    LegalEffect,
    /// A delegation to another instrument: 「…必要な事項は、政令で定める」, 「…別に定める」.
    Delegation,
    /// A legal incapacity: 取り消すことができない, 対抗することができない (no power, not a prohibition).
    Incapacity,
    /// Constitutive or declaratory text that asks nothing to be done: 構成する, 適用する, 施行する, みなす, とする.
    Constitutive,
    /// An exception (この限りでない); attached to its main clause, never an entry of its own.
    Exception,
    /// No rule matched (a noun phrase, an unusual ending).
    Unclassified,
}

impl Class {
    /// True for the classes that become checklist entries by default.
    pub fn is_actionable(self) -> bool {
        matches!(
            self,
            Class::Obligation | Class::Prohibition | Class::Establishment | Class::Effort | Class::Permission
        )
    }

    /// Every class, in the order of the evaluation tables.
    pub const ALL: [Class; 14] = [
        Class::Obligation,
        Class::Prohibition,
        Class::Effort,
        Class::Permission,
        Class::Establishment,
        Class::Sanction,
        Class::LegalEffect,
        Class::Delegation,
        Class::Incapacity,
        Class::Definition,
        Class::Purpose,
        Class::Constitutive,
        Class::Exception,
        Class::Unclassified,
    ];

    /// The class named `name` ([`Class::as_str`]).
    pub fn from_name(name: &str) -> Option<Class> {
        Class::ALL.into_iter().find(|c| c.as_str() == name)
    }

    /// The name used in every output format (`obligation`, `prohibition`…).
    pub fn as_str(self) -> &'static str {
        match self {
            Class::Obligation => "obligation",
            Class::Prohibition => "prohibition",
            Class::Establishment => "establishment",
            Class::Effort => "effort",
            Class::Permission => "permission",
            Class::Sanction => "sanction",
            Class::LegalEffect => "legal_effect",
            Class::Delegation => "delegation",
            Class::Incapacity => "incapacity",
            Class::Definition => "definition",
            Class::Purpose => "purpose",
            Class::Constitutive => "constitutive",
            Class::Exception => "exception",
            Class::Unclassified => "unclassified",
        }
    }

    /// A short Japanese name (義務, 禁止…), for Japanese output.
    pub fn label_ja(self) -> &'static str {
        match self {
            Class::Obligation => "義務",
            Class::Prohibition => "禁止",
            Class::Establishment => "設置",
            Class::Effort => "努力義務",
            Class::Permission => "権限・許容",
            Class::Sanction => "罰則",
            Class::LegalEffect => "法的効果",
            Class::Delegation => "委任",
            Class::Incapacity => "無能力・不可",
            Class::Definition => "定義",
            Class::Purpose => "目的",
            Class::Constitutive => "構成・宣言",
            Class::Exception => "例外",
            Class::Unclassified => "未分類",
        }
    }
}

impl fmt::Display for Class {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

pub use super::rules::{Rule, RULES};

/// The result of classifying one sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Classified {
    /// The class.
    pub class: Class,
    /// The ending that decided it (empty for the bare-verb rule or no match).
    pub ending: &'static str,
    /// True when only the bare-verb rule decided (no ending of the table): a weaker reading.
    pub weak: bool,
}

/// Instruments a provision can delegate to (「…は、政令で定める」).
const INSTRUMENTS: &[&str] =
    &["法律", "政令", "省令", "府令", "規則", "命令", "条例", "規程", "告示", "細則", "内規", "要領", "通達", "契約"];

/// True when the sentence leaves its content to another instrument: 「…政令で定める」, 「…別に定める」,
/// 「…省令で定めるところによる」, with or without ものとする.
fn delegates(s: &str) -> bool {
    let s = s.strip_suffix("ものとする").unwrap_or(s);
    // 「別に法律をもつて、…の特例を定める」: the instrument named earlier in the sentence.
    if s.ends_with("定める") && ["別に法律をもつて", "別に法律をもって", "別に法律で"].iter().any(|m| s.contains(m))
    {
        return true;
    }
    // 「都道府県が条例で、これを定める」
    let joined = s.replace("、これを", "").replace("でこれを定める", "で定める");
    let s = joined.as_str();
    let Some(head) = s.strip_suffix("定めるところによる").or_else(|| s.strip_suffix("定める")) else {
        return false;
    };
    if head.ends_with("別に") || head.ends_with("別途") {
        return true;
    }
    let Some(head) = head.strip_suffix('で') else { return false };
    // 「…の条例（…にあつては、規約）で定める」: the instrument before a parenthetical note.
    let head = strip_paren_end(head);
    // 「国家公安委員会規則で」「厚生労働省令で」「政令で」: the instrument right before で.
    INSTRUMENTS.iter().any(|i| head.ends_with(i))
}

/// The text without a bracketed note that ends it (「条例（…規約）」 → 「条例」), brackets nested or not.
fn strip_paren_end(s: &str) -> &str {
    if !s.ends_with('）') {
        return s;
    }
    let mut depth = 0usize;
    for (i, c) in s.char_indices().rev() {
        match c {
            '）' => depth += 1,
            '（' => {
                depth -= 1;
                if depth == 0 {
                    return &s[..i];
                }
            }
            _ => {}
        }
    }
    s
}

/// Hiragana that end a verb's dictionary form (う-row).
const VERB_ENDINGS: &[char] = &['う', 'く', 'ぐ', 'す', 'つ', 'ぬ', 'ぶ', 'む', 'る'];

/// Classifies one sentence by its final predicate (the 。 and trailing brackets or spaces are ignored).
pub fn classify_sentence(sentence: &str) -> Classified {
    let s = strip_end(sentence);
    let found = |class, ending| Classified { class, ending, weak: false };
    if delegates(s) {
        return found(Class::Delegation, "で定める");
    }
    // 「…は、会社の負担のものとする」「…であるものとする」: a noun or a copula before ものとする declares.
    if ["のものとする", "であるものとする"].iter().any(|e| s.ends_with(e)) {
        return found(Class::Constitutive, "のものとする");
    }
    // 「…の種類は、次のとおりとする」 declares; only a sentence about terms (定義, 意義, 用語, 「…」とは) defines.
    if ["とおりとする", "とおりである", "通りとする"].iter().any(|e| s.ends_with(e)) {
        let defines = ["定義", "意義", "用語", "とは"].iter().any(|w| s.contains(w));
        return found(if defines { Class::Definition } else { Class::Constitutive }, "とおりとする");
    }
    for rule in RULES {
        if s.ends_with(rule.ending) {
            let weak = super::rules::WEAK_ENDINGS.contains(&rule.ending);
            return Classified { class: rule.class, ending: rule.ending, weak };
        }
    }
    // 「…は、支給しない」「…算入しない」: a negative predicate that no rule names limits, it asks nothing.
    if s.ends_with("ない") {
        return found(Class::Constitutive, "ない");
    }
    if s.chars().last().is_some_and(|c| VERB_ENDINGS.contains(&c)) {
        return Classified { class: Class::Obligation, ending: "", weak: true };
    }
    Classified { class: Class::Unclassified, ending: "", weak: false }
}

/// The sentence without its final 。, trailing whitespace or a closing bracket after the 。.
pub fn strip_end(sentence: &str) -> &str {
    sentence.trim_end_matches(|c: char| c.is_whitespace() || c == '。' || c == '．' || c == '.')
}

/// The stronger of two actionable classes, when one provision has two main sentences (前段, 後段).
pub fn stronger(a: Class, b: Class) -> Class {
    fn rank(c: Class) -> u8 {
        match c {
            Class::Prohibition => 0,
            Class::Obligation => 1,
            Class::Establishment => 2,
            Class::Effort => 3,
            Class::Permission => 4,
            Class::Incapacity => 5,
            Class::Delegation => 6,
            Class::Sanction => 7,
            Class::LegalEffect => 8,
            Class::Definition => 9,
            Class::Purpose => 10,
            Class::Constitutive => 11,
            Class::Exception => 12,
            Class::Unclassified => 13,
        }
    }
    if rank(b) < rank(a) {
        b
    } else {
        a
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(s: &str) -> Class {
        classify_sentence(s).class
    }

    #[test]
    fn endings_of_the_seed() {
        assert_eq!(c("漏えい等から保護するための措置を講ずる。"), Class::Obligation);
        assert_eq!(c("法令等に定める場合以外に使用してはならない。"), Class::Prohibition);
        assert_eq!(c("認証事務運営会議を設置する。"), Class::Establishment);
        assert_eq!(c("統括管理責任者を置く。"), Class::Establishment);
        assert_eq!(c("統括管理責任者及び関連部門の責任者等により構成する。"), Class::Constitutive);
        assert_eq!(c("統括管理責任者が招集する。"), Class::Obligation);
        assert_eq!(c("秘密の保持義務を徹底させる。"), Class::Obligation);
        assert_eq!(c("委託先事業者と取り交わすものとする。"), Class::Obligation);
        assert_eq!(c("この規程は、…実施することを目的とする。"), Class::Purpose);
        assert_eq!(c("認証事務従事者とは、…者をいう。"), Class::Definition);
        assert_eq!(c("この規程は、平成28年1月1日から施行する。"), Class::Constitutive);
        assert_eq!(c("…情報資産、建物及び関連設備に適用する。"), Class::Constitutive);
        assert_eq!(c("…他の法令を遵守する。"), Class::Obligation);
    }

    #[test]
    fn modal_endings() {
        assert_eq!(c("報告しなければならない。"), Class::Obligation);
        assert_eq!(c("向上に努めなければならない。"), Class::Effort);
        assert_eq!(c("努めるものとする。"), Class::Effort);
        assert_eq!(c("請求することができる。"), Class::Permission);
        assert_eq!(c("請求することができない。"), Class::Incapacity);
        assert_eq!(c("ただし、…この限りでない。"), Class::Exception);
        assert_eq!(c("委員会を置くものとする。"), Class::Establishment);
        assert_eq!(c("その他セキュリティ対策に必要な措置"), Class::Unclassified);
    }

    #[test]
    fn sanctions_are_not_obligations() {
        assert_eq!(c("第十条の規定に違反した者は、一年以下の拘禁刑又は五十万円以下の罰金に処する。"), Class::Sanction);
        assert_eq!(c("…行為者を罰するほか、その法人又は人に対して各本条の罰金刑を科する。"), Class::Sanction);
        assert_eq!(c("次の各号のいずれかに該当する者は、三十万円以下の罰金に処する。"), Class::Sanction);
        assert_eq!(c("…届出をしなかった者は、十万円以下の過料に処する。"), Class::Sanction);
    }

    #[test]
    fn legal_effects_are_not_duties() {
        assert_eq!(c("許可は、その効力を失う。"), Class::LegalEffect);
        assert_eq!(c("借地権は、前項の期間の満了によって消滅する。"), Class::LegalEffect);
        assert_eq!(c("従前の規定は、なおその効力を有する。"), Class::LegalEffect);
        assert_eq!(c("相続人は、営業者の地位を承継する。"), Class::LegalEffect);
        assert_eq!(c("建物の賃貸借は、…経過することによって終了する。"), Class::LegalEffect);
    }

    #[test]
    fn delegations_name_an_instrument() {
        assert_eq!(c("…に関し必要な事項は、国家公安委員会規則で定める。"), Class::Delegation);
        assert_eq!(c("…の手続は、政令で定めるところによる。"), Class::Delegation);
        assert_eq!(c("賃金の細目は、別に定める。"), Class::Delegation);
        // A person who decides is a role assignment, as in the seed (第26条第2項).
        assert_eq!(c("…必要な事項は、理事長が定める。"), Class::Obligation);
    }

    #[test]
    fn fictions_readings_and_lists_are_constitutive() {
        assert_eq!(c("…とみなして、前項の規定を適用する。"), Class::Constitutive);
        assert_eq!(c("「第二条」とあるのは「第三条」と読み替えるものとする。"), Class::Constitutive);
        assert_eq!(c("…の種類及び内容は、次に掲げるものとする。"), Class::Constitutive);
        assert_eq!(c("前項と同様とする。"), Class::Constitutive);
        assert_eq!(c("通勤手当は、全額会社の負担のものとする。"), Class::Constitutive);
    }

    #[test]
    fn incapacity_is_not_prohibition() {
        assert_eq!(c("その意思表示は、取り消すことができない。"), Class::Incapacity);
        assert_eq!(c("これをもって第三者に対抗することができない。"), Class::Incapacity);
        assert_eq!(c("正当な理由がなければ、これを拒んではならない。"), Class::Prohibition);
    }

    #[test]
    fn lists_define_only_terms() {
        assert_eq!(c("次の各号に掲げる用語の定義は、当該各号に示すとおりとする。"), Class::Definition);
        assert_eq!(c("休日は、次のとおりとする。"), Class::Constitutive);
        assert_eq!(c("…の要件は、次のとおりとする。"), Class::Constitutive);
    }

    #[test]
    fn remits_and_posts_are_constitutive() {
        assert_eq!(c("会議は、次に掲げる事務をつかさどる。"), Class::Constitutive);
        assert_eq!(c("議長は、内閣総理大臣をもつて充てる。"), Class::Constitutive);
        assert_eq!(c("会議は、議長、副議長及び議員をもつて組織する。"), Class::Constitutive);
        assert_eq!(c("…事件は、地方裁判所が管轄する。"), Class::Constitutive);
        assert_eq!(c("…立入検査の権限は、犯罪捜査のために認められたものと解してはならない。"), Class::Constitutive);
        assert_eq!(c("…立入検査の権限は、犯罪捜査のために認められたものと解釈してはならない。"), Class::Constitutive);
        assert_eq!(c("交通費は、支給しない。"), Class::Constitutive);
    }

    #[test]
    fn duties_stated_otherwise() {
        assert_eq!(c("国は、…必要な措置を講ずる責務を有する。"), Class::Obligation);
        assert_eq!(c("…勤務日を明示しなくてはならない。"), Class::Obligation);
        assert_eq!(c("前項の措置の基準については、都道府県が条例で、これを定める。"), Class::Delegation);
        assert_eq!(c("…区分については、政令でこれを定める。"), Class::Delegation);
        assert_eq!(c("…に関しては、別に法律をもつて、鉱業法の特例を定めるものとする。"), Class::Delegation);
        assert_eq!(c("標準となる1日の労働時間は、個別の契約で定める。"), Class::Delegation);
        assert_eq!(
            c("…組織及び所掌事務は、…当該市町村の条例（第二項の場合にあつては、規約）で定める。"),
            Class::Delegation
        );
        assert_eq!(c("…の範囲は、（注）で定める。"), Class::Obligation, "a note alone names no instrument");
        assert_eq!(c("…相当と認める額の地代等を支払うことをもって足りる。"), Class::LegalEffect);
        assert_eq!(c("借地権は、その登記がなくても、…第三者に対抗することができる。"), Class::LegalEffect);
        assert_eq!(c("…六月以下の懲役若しくは百万円以下の罰金に処し、又はこれを併科する。"), Class::Sanction);
    }

    #[test]
    fn discretion_is_permission() {
        assert_eq!(c("…個別の契約で休日を定める場合がある。"), Class::Permission);
        assert_eq!(c("会社は、業務上必要がある場合、配置転換を命ずることがある。"), Class::Permission);
        assert_eq!(c("…請求をすることを妨げない。"), Class::Permission);
    }

    #[test]
    fn bare_verbs_are_weak() {
        assert!(classify_sentence("機構は、監査を実施する。").weak, "実施する is listed, as weak as a bare verb");
        assert!(!classify_sentence("機構は、委員会を置く。").weak);
        assert!(classify_sentence("会社は、社員を採用する。").weak);
        assert!(!classify_sentence("報告しなければならない。").weak);
        assert_eq!(Class::from_name("legal_effect"), Some(Class::LegalEffect));
        assert!(Class::ALL.iter().all(|c| Class::from_name(c.as_str()) == Some(*c)));
    }

    #[test]
    fn stronger_prefers_prohibition() {
        assert_eq!(stronger(Class::Obligation, Class::Prohibition), Class::Prohibition);
        assert_eq!(stronger(Class::Obligation, Class::Permission), Class::Obligation);
    }
}
