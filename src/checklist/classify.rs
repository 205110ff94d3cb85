//! Deontic classification of a sentence by its final predicate (conventions §5).
//!
//! The rules are the table [`RULES`]: the sentence-final 。 is stripped and the first rule whose ending matches
//! the end of the sentence wins, so longer, more specific endings come first. A sentence that matches no rule
//! but ends in a verb's dictionary form (…る, …う, …く, …す…) is an obligation: in a 規程 a bare present-tense
//! verb states a duty in constitutive form (「…措置を講ずる」, 「…を遵守する」, 「理事長が定める」).
//!
//! ```
//! use kitei::checklist::classify::{classify_sentence, Class};
//! assert_eq!(classify_sentence("…使用してはならない。").class, Class::Prohibition);
//! assert_eq!(classify_sentence("統括管理責任者を置く。").class, Class::Establishment);
//! assert_eq!(classify_sentence("…により構成する。").class, Class::Constitutive);
//! assert_eq!(classify_sentence("統括管理責任者が招集する。").class, Class::Obligation);
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
    /// A prohibition: してはならない, することができない.
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

    /// The name used in every output format (`obligation`, `prohibition`…).
    pub fn as_str(self) -> &'static str {
        match self {
            Class::Obligation => "obligation",
            Class::Prohibition => "prohibition",
            Class::Establishment => "establishment",
            Class::Effort => "effort",
            Class::Permission => "permission",
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

/// One row of the classification table: a sentence ending, its class, and why.
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    /// The ending, matched against the end of the sentence without 。.
    pub ending: &'static str,
    /// The class it gives.
    pub class: Class,
    /// Why (the convention it follows).
    pub note: &'static str,
}

const fn r(ending: &'static str, class: Class, note: &'static str) -> Rule {
    Rule { ending, class, note }
}

/// The classification table, most specific endings first. The first match wins.
pub const RULES: &[Rule] = &[
    // Effort duties before obligations: 努めなければならない also ends in なければならない.
    r("努めなければならない", Class::Effort, "訓示規定: must endeavor to"),
    r("努めるものとする", Class::Effort, "訓示規定: is to endeavor to"),
    r("努める", Class::Effort, "訓示規定 (よう努める)"),
    // Prohibitions before permissions: ことができない also starts like ことができる.
    r("てはならない", Class::Prohibition, "してはならない: must not"),
    r("ことができない", Class::Prohibition, "することができない: may not"),
    r("ことができる", Class::Permission, "することができる: may"),
    r("この限りでない", Class::Exception, "ただし書: this does not apply"),
    // Establishment, also with a modal ending.
    r("置くものとする", Class::Establishment, "設置: there is to be"),
    r("置かなければならない", Class::Establishment, "設置: must be established"),
    r("置く", Class::Establishment, "設置: 「…を置く」"),
    r("設置するものとする", Class::Establishment, "設置"),
    r("設置する", Class::Establishment, "設置"),
    r("設けるものとする", Class::Establishment, "設置"),
    r("設ける", Class::Establishment, "設置"),
    // Purpose and definitions.
    r("目的とする", Class::Purpose, "目的規定"),
    r("をいう", Class::Definition, "定義: means"),
    r("という", Class::Definition, "定義 (以下「…」という)"),
    r("とおりとする", Class::Definition, "定義: as prescribed in the items"),
    // Constitutive and declaratory endings: nothing to audit.
    r("により構成する", Class::Constitutive, "構成: composition of a body, not a duty"),
    r("で構成する", Class::Constitutive, "構成"),
    r("構成する", Class::Constitutive, "構成"),
    r("に適用する", Class::Constitutive, "適用範囲: scope"),
    r("施行する", Class::Constitutive, "施行: entry into force"),
    r("みなす", Class::Constitutive, "みなし: legal fiction"),
    r("準用する", Class::Constitutive, "準用: cross-application"),
    // Obligations with a modal ending.
    r("なければならない", Class::Obligation, "義務規定: shall / must"),
    r("ものとする", Class::Obligation, "するものとする: shall / is to"),
    // Any other とする (「…は、…とする」) declares, it does not require.
    r("とする", Class::Constitutive, "「…とする」: declaratory"),
    // The obligation verbs named in conventions §5 (also covered by the bare-verb rule; listed for the record).
    r("講ずる", Class::Obligation, "講ずる: take measures"),
    r("講じる", Class::Obligation, "講ずる: take measures"),
    r("実施する", Class::Obligation, "実施する: carry out"),
    r("行う", Class::Obligation, "行う: conduct"),
    r("定める", Class::Obligation, "定める: prescribe (role assignment when a party is named)"),
    r("させる", Class::Obligation, "徹底させる: have the addressee observe"),
    r("招集する", Class::Obligation, "招集する: role assignment to the named party"),
];

/// The result of classifying one sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Classified {
    /// The class.
    pub class: Class,
    /// The ending that decided it (empty for the bare-verb rule or no match).
    pub ending: &'static str,
}

/// Hiragana that end a verb's dictionary form (う-row).
const VERB_ENDINGS: &[char] = &['う', 'く', 'ぐ', 'す', 'つ', 'ぬ', 'ぶ', 'む', 'る'];

/// Classifies one sentence by its final predicate (the 。 and trailing brackets or spaces are ignored).
pub fn classify_sentence(sentence: &str) -> Classified {
    let s = strip_end(sentence);
    for rule in RULES {
        if s.ends_with(rule.ending) {
            return Classified { class: rule.class, ending: rule.ending };
        }
    }
    if s.chars().last().is_some_and(|c| VERB_ENDINGS.contains(&c)) {
        return Classified { class: Class::Obligation, ending: "" };
    }
    Classified { class: Class::Unclassified, ending: "" }
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
            Class::Definition => 5,
            Class::Purpose => 6,
            Class::Constitutive => 7,
            Class::Exception => 8,
            Class::Unclassified => 9,
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
        assert_eq!(c("請求することができない。"), Class::Prohibition);
        assert_eq!(c("ただし、…この限りでない。"), Class::Exception);
        assert_eq!(c("委員会を置くものとする。"), Class::Establishment);
        assert_eq!(c("その他セキュリティ対策に必要な措置"), Class::Unclassified);
    }

    #[test]
    fn stronger_prefers_prohibition() {
        assert_eq!(stronger(Class::Obligation, Class::Prohibition), Class::Prohibition);
        assert_eq!(stronger(Class::Obligation, Class::Permission), Class::Obligation);
    }
}
