//! The table of sentence endings that [`classify`](super::classify) reads, most specific first.
//!
//! Each row is an ending (matched against the end of the sentence without 。), the class it gives and why.
//! The order matters: the first matching row wins, so 「努めなければならない」 comes before 「なければならない」,
//! 「ことができない」 before 「ことができる」, and 「読み替えるものとする」 before 「ものとする」. The rules that
//! need more than the ending (delegation to a named instrument, 「…のものとする」) are in `classify.rs`.

use super::classify::Class;

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

/// The verbs of conventions §5 that are listed for the record: as weak as the bare-verb rule.
pub const WEAK_ENDINGS: &[&str] = &["講ずる", "講じる", "実施する", "行う", "定める", "させる", "招集する"];

/// The classification table, most specific endings first. The first match wins.
pub const RULES: &[Rule] = &[
    // Effort duties before obligations: 努めなければならない also ends in なければならない.
    r("努めなければならない", Class::Effort, "訓示規定: must endeavor to"),
    r("努めるものとする", Class::Effort, "訓示規定: is to endeavor to"),
    r("努める", Class::Effort, "訓示規定 (よう努める)"),
    // Sanctions (罰則, 両罰規定): what happens to whoever breaks a duty; never an entry of their own.
    r("に処する", Class::Sanction, "罰則: is punished by"),
    r("に処す", Class::Sanction, "罰則 (older form)"),
    r("刑を科する", Class::Sanction, "両罰規定: 各本条の罰金刑を科する"),
    r("を科する", Class::Sanction, "罰則: a fine is imposed"),
    r("併科する", Class::Sanction, "罰則: 「…に処し、又はこれを併科する」"),
    r("に処せられる", Class::Sanction, "罰則 (passive)"),
    // Prohibitions before permissions. 「拒んではならない」 is the voiced form.
    r("なくてはならない", Class::Obligation, "しなくてはならない: must (not a prohibition)"),
    r("解してはならない", Class::Constitutive, "「…と解してはならない」: a rule of interpretation"),
    r("解釈してはならない", Class::Constitutive, "「…と解釈してはならない」: a rule of interpretation"),
    r("てはならない", Class::Prohibition, "してはならない: must not"),
    r("ではならない", Class::Prohibition, "拒んではならない: must not (voiced)"),
    r("てはならず", Class::Prohibition, "してはならず (cut short)"),
    // Incapacity: 「することができない」 denies a legal power (対抗, 取消し, 請求), it does not forbid conduct.
    r("ことができない", Class::Incapacity, "することができない: has no power to"),
    r("ことはできない", Class::Incapacity, "することはできない: has no power to"),
    r("ことができないものとする", Class::Incapacity, "することができない"),
    r("対抗することができる", Class::LegalEffect, "対抗力: opposable to third parties, not a permission"),
    r("ことができるものとする", Class::Permission, "することができる: may"),
    r("ことができる", Class::Permission, "することができる: may"),
    r("ことがある", Class::Permission, "することがある: discretion, not a duty"),
    r("ことがあり得る", Class::Permission, "discretion"),
    r("場合がある", Class::Permission, "「…定める場合がある」: discretion"),
    r("委ねるものとする", Class::Permission, "「…は、社員に委ねるものとする」: left to the addressee"),
    r("に委ねる", Class::Permission, "left to the addressee"),
    r("を妨げない", Class::Permission, "…を妨げない: does not preclude"),
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
    // Legal effects: what happens to a right, a permit or a status, not what someone must do.
    r("効力を失う", Class::LegalEffect, "失効: loses its effect"),
    r("効力を有する", Class::LegalEffect, "なお…の効力を有する: remains in force"),
    r("効力を生ずる", Class::LegalEffect, "効力発生"),
    r("効力を生じる", Class::LegalEffect, "効力発生"),
    r("効力を生じない", Class::LegalEffect, "効力不発生"),
    r("効力を保存する", Class::LegalEffect, "効力保存"),
    r("消滅する", Class::LegalEffect, "消滅: is extinguished"),
    r("消滅しない", Class::LegalEffect, "消滅しない: is not extinguished"),
    r("もって足りる", Class::LegalEffect, "「…支払うことをもって足りる」: suffices"),
    r("をもつて足りる", Class::LegalEffect, "suffices (old kana)"),
    r("終了する", Class::LegalEffect, "終了: ends"),
    r("承継する", Class::LegalEffect, "…の地位を承継する: succeeds to"),
    r("失効する", Class::LegalEffect, "失効"),
    r("失う", Class::LegalEffect, "…を失う: loses"),
    r("帰属する", Class::LegalEffect, "帰属"),
    r("成立する", Class::LegalEffect, "成立"),
    r("存続する", Class::LegalEffect, "存続"),
    r("生ずる", Class::LegalEffect, "…が生ずる: arises"),
    r("生じる", Class::LegalEffect, "…が生じる: arises"),
    r("及ぶ", Class::LegalEffect, "…に及ぶ: extends to"),
    r("推定する", Class::LegalEffect, "推定: presumption"),
    r("要しない", Class::LegalEffect, "…を要しない: exemption"),
    r("無効とする", Class::LegalEffect, "無効"),
    r("責務を有する", Class::Obligation, "「…措置を講ずる責務を有する」: a duty stated as a responsibility"),
    r("義務を有する", Class::Obligation, "a duty stated as held"),
    r("を有する", Class::LegalEffect, "…権利を有する: holds a right"),
    r("に属する", Class::LegalEffect, "…に属する: belongs to"),
    // Constitutive and declaratory endings: nothing to audit.
    r("により構成する", Class::Constitutive, "構成: composition of a body, not a duty"),
    r("で構成する", Class::Constitutive, "構成"),
    r("構成する", Class::Constitutive, "構成"),
    r("組織する", Class::Constitutive, "組織: composition of a body (「…をもつて組織する」)"),
    r("充てる", Class::Constitutive, "「議長は、内閣総理大臣をもつて充てる」: who holds a post"),
    r("つかさどる", Class::Constitutive, "所掌事務: a body's remit, not a duty"),
    r("掌理する", Class::Constitutive, "所掌: a body's remit"),
    r("管轄する", Class::Constitutive, "管轄: jurisdiction"),
    r("定めに従う", Class::Constitutive, "「その定めに従う」: the agreement governs"),
    r("適用する", Class::Constitutive, "適用範囲 and 「…とみなして、前項の規定を適用する」"),
    r("適用しない", Class::Constitutive, "適用除外"),
    r("施行する", Class::Constitutive, "施行: entry into force"),
    r("みなす", Class::Constitutive, "みなし: legal fiction"),
    r("準用する", Class::Constitutive, "準用: cross-application"),
    r("読み替えるものとする", Class::Constitutive, "読替え: reading one word as another"),
    r("読み替える", Class::Constitutive, "読替え"),
    r("掲げるものとする", Class::Constitutive, "「…種類及び内容は、次に掲げるものとする」: a list, not a duty"),
    r("によるものとする", Class::Constitutive, "「…労働条件によるものとする」: which rule governs"),
    r("ところによる", Class::Constitutive, "「…の定めるところによる」: refers elsewhere"),
    r("による", Class::Constitutive, "「…による」: refers elsewhere"),
    r("同様とする", Class::Constitutive, "「前項と同様とする」 (the referenced class, where it resolves)"),
    // Obligations with a modal ending.
    r("なければならない", Class::Obligation, "義務規定: shall / must"),
    r("なければならず", Class::Obligation, "義務規定 (cut short)"),
    r("ものとする", Class::Obligation, "するものとする: shall / is to"),
    r("を負う", Class::Obligation, "…責任を負う: is liable"),
    // Any other とする (「…は、…とする」) declares, it does not require.
    r("とする", Class::Constitutive, "「…とする」: declaratory"),
    r("である", Class::Constitutive, "「…である」: declaratory"),
    // The obligation verbs named in conventions §5 (also covered by the bare-verb rule; listed for the record,
    // and as weak as a bare verb: 「…この場合において、建物の借賃は、裁判所が定める」 does not override).
    r("講ずる", Class::Obligation, "講ずる: take measures"),
    r("講じる", Class::Obligation, "講ずる: take measures"),
    r("実施する", Class::Obligation, "実施する: carry out"),
    r("行う", Class::Obligation, "行う: conduct"),
    r("定める", Class::Obligation, "定める: prescribe (role assignment when a party is named)"),
    r("させる", Class::Obligation, "徹底させる: have the addressee observe"),
    r("招集する", Class::Obligation, "招集する: role assignment to the named party"),
];
