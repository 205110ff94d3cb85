//! Who a provision binds: the responsible party named in its text.
//!
//! Rules, in order (conventions §5, "Subject = the phrase before は / が"):
//!
//! 1. A conditional opening (「…場合には、」「…ときは、」) is skipped: its subject is not the addressee.
//! 2. For 徹底させる / させる, the target of 「…に対し」 is the party (those who must observe the duty).
//! 3. The last 「Xが」 before the predicate whose X is a person or body (「…は、理事長が定める」).
//! 4. The topic 「Xは、」 or 「Xにおいては、」 whose X is a person or body.
//! 5. Otherwise none; the caller may fill in a default, marked as inferred.
//!
//! X counts as a person or body when it ends in one of [`PARTY_SUFFIXES`] (者, 機構, 理事長, 会議…), so
//! 「認証事務に係る情報資産は、」 (a thing) names no party.
//!
//! ```
//! use kitei::checklist::party::find_party;
//! assert_eq!(find_party("認証事務運営会議は、統括管理責任者が招集する。").unwrap().name, "統括管理責任者");
//! assert_eq!(find_party("認証事務に係る情報資産は、…使用してはならない。"), None);
//! ```

use serde::{Deserialize, Serialize};

/// The responsible party of an entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Party {
    /// The party as named in the text (統括管理責任者, 認証事務従事者, 機構…).
    pub name: String,
    /// How it was found: `subject` (before は/が), `addressee` (the 対し target of 徹底させる) or `default`.
    pub basis: String,
    /// True when the text does not name the party and it was inferred (the default).
    pub inferred: bool,
}

/// Endings of a noun phrase that names a person or body.
pub const PARTY_SUFFIXES: &[&str] = &[
    "者",
    "機構",
    "理事長",
    "会議",
    "委員会",
    "長",
    "部門",
    "員",
    "部",
    "課",
    "室",
    "局",
    "センター",
    "法人",
    "社",
    "人",
    "大臣",
    "知事",
    "庁",
    "省",
    "本学",
    "大学",
    "協会",
    "組合",
    "裁判所",
    "政府",
    "官",
    "公共団体",
    "市町村",
    "都道府県",
];

/// Names that are a party only as a whole phrase (「国は、」; 「外国」 or 「全国」 are not).
pub const PARTY_NAMES: &[&str] = &["国", "国及び地方公共団体"];

/// Endings of a name that can be the organisation a regulation binds (the default party).
pub const ORGANISATION_SUFFIXES: &[&str] =
    &["機構", "会社", "当社", "法人", "組合", "協会", "本学", "大学", "学会", "本会", "センター", "庁", "省"];

/// The organisation a regulation binds when a provision names nobody: the first abbreviation defined as
/// 「（以下「X」という。）」 whose X names an organisation (「機構」), else the organisation most often named as a
/// subject 「Xは、」 (「会社は、」), else none.
pub fn default_party(texts: &[&str]) -> Option<String> {
    let is_org = |x: &str| ORGANISATION_SUFFIXES.iter().any(|s| x.ends_with(s));
    for t in texts {
        let mut rest = *t;
        while let Some(i) = rest.find("以下「") {
            let after = &rest[i + "以下「".len()..];
            if let Some(j) = after.find("」という") {
                let x = &after[..j];
                if is_org(x) && x.chars().count() <= 12 {
                    return Some(x.to_string());
                }
            }
            rest = after;
        }
    }
    let mut counts: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
    for t in texts {
        if let Some(i) = t.find("は、") {
            let x = &t[..i];
            if is_org(x) && !x.contains('、') && x.chars().count() <= 12 {
                *counts.entry(x).or_default() += 1;
            }
        }
    }
    let best = counts.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))?;
    Some(best.0.to_string())
}

/// True when a noun phrase names a person or body ([`PARTY_SUFFIXES`], [`PARTY_NAMES`]).
pub(crate) fn is_party(phrase: &str) -> bool {
    !phrase.is_empty() && (PARTY_SUFFIXES.iter().any(|s| phrase.ends_with(s)) || PARTY_NAMES.contains(&phrase))
}

/// Text after the last conditional opening (「…場合には、」 and the like), or the whole text.
fn main_clause(text: &str) -> &str {
    const MARKERS: &[&str] = &["場合には、", "場合は、", "場合、", "ときは、", "とき、"];
    let mut start = 0;
    for m in MARKERS {
        if let Some(i) = text.rfind(m) {
            start = start.max(i + m.len());
        }
    }
    &text[start..]
}

/// The noun phrase that ends at byte `end` of `text`, back to the previous 、 or start.
fn phrase_before(text: &str, end: usize) -> &str {
    let head = &text[..end];
    let start = head.rfind(['、', '，', '。']).map(|i| i + '、'.len_utf8()).unwrap_or(0);
    &head[start..]
}

/// Finds the party named by a sentence, or `None` when it names none.
pub fn find_party(sentence: &str) -> Option<Party> {
    let text = main_clause(sentence.trim());
    let subject = |name: &str| Some(Party { name: name.to_string(), basis: "subject".into(), inferred: false });
    let body = super::classify::strip_end(text);
    if body.ends_with("させる") {
        if let Some(i) = text.find("に対し") {
            let p = phrase_before(text, i);
            if is_party(p) {
                return Some(Party { name: p.to_string(), basis: "addressee".into(), inferred: false });
            }
        }
    }
    // The last 「Xが」 naming a party.
    let mut found = None;
    for (i, _) in text.match_indices('が') {
        let p = phrase_before(text, i);
        if is_party(p) {
            found = Some(p);
        }
    }
    if let Some(p) = found {
        return subject(p);
    }
    for topic in ["においては、", "は、"] {
        if let Some(i) = text.find(topic) {
            let p = phrase_before(text, i);
            if is_party(p) {
                return subject(p);
            }
        }
    }
    // 「統括管理責任者は、…ときは、…報告するものとする」: the topic that opens the whole sentence.
    let whole = sentence.trim();
    if let Some(i) = whole.find("は、") {
        let p = &whole[..i];
        if !p.contains('、') && is_party(p) {
            return subject(p);
        }
    }
    None
}

/// The party implied when a sentence names none but speaks of 「他の X」 (「…他の社員の就業環境を害するような
/// ことをしてはならない」): the addressee is one of the X (社員), not the organisation. Marked as inferred,
/// with basis `implied`.
pub fn implied_by_others(sentence: &str) -> Option<Party> {
    let mut rest = sentence;
    while let Some(i) = rest.find("他の") {
        let after = &rest[i + "他の".len()..];
        let end = after.find(|c: char| "のにをがはと、。".contains(c)).unwrap_or(after.len());
        let x = &after[..end];
        if is_party(x) && x.chars().count() <= 8 {
            return Some(Party { name: x.to_string(), basis: "implied".into(), inferred: true });
        }
        rest = after;
    }
    None
}

/// The default party, marked as inferred.
pub fn inferred(name: &str) -> Party {
    Party { name: name.to_string(), basis: "default".into(), inferred: true }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn others_of_a_group_imply_the_group() {
        let p = implied_by_others("性的言動により、他の社員に不快感を与えたり、…してはならない。").unwrap();
        assert_eq!((p.name.as_str(), p.basis.as_str(), p.inferred), ("社員", "implied", true));
        assert_eq!(implied_by_others("…他の従業員の就業環境を害してはならない。").unwrap().name, "従業員");
        assert_eq!(implied_by_others("その他の事項を報告しなければならない。"), None);
        assert_eq!(implied_by_others("他の法令に定める場合を除き、…してはならない。"), None);
    }

    fn name(s: &str) -> Option<String> {
        find_party(s).map(|p| p.name)
    }

    #[test]
    fn subjects_and_addressees() {
        assert_eq!(name("認証事務運営会議は、統括管理責任者が招集する。").as_deref(), Some("統括管理責任者"));
        assert_eq!(
            name("この規程の実施のための手続きその他その施行に関して必要な事項は、理事長が定める。").as_deref(),
            Some("理事長")
        );
        assert_eq!(
            name("認証事務従事者及び認証事務従事者であった者は、法…を遵守する。").as_deref(),
            Some("認証事務従事者及び認証事務従事者であった者")
        );
        let p = find_party("認証事務従事者及び認証事務従事者であった者に対し、…保持義務を徹底させる。").unwrap();
        assert_eq!(p.name, "認証事務従事者及び認証事務従事者であった者");
        assert_eq!(p.basis, "addressee");
        assert_eq!(
            name("統括管理責任者は、インシデントが発生したときは、速やかに理事長に報告するものとする。").as_deref(),
            Some("統括管理責任者")
        );
        assert_eq!(
            name("認証事務運営会議においては、…次の各号に掲げる事項を検討する。").as_deref(),
            Some("認証事務運営会議")
        );
    }

    #[test]
    fn default_party_from_abbreviation_or_subjects() {
        let seed = ["…地方公共団体情報システム機構（以下「機構」という。）における…", "措置を講ずる。"];
        assert_eq!(default_party(&seed).as_deref(), Some("機構"));
        let rules = ["会社は、社員を採用する。", "社員は、遵守する。", "会社は、支給する。"];
        assert_eq!(default_party(&rules).as_deref(), Some("会社"));
        assert_eq!(default_party(&["措置を講ずる。"]), None);
        assert_eq!(name("社員は、特に下記の事項を遵守しなければならない。").as_deref(), Some("社員"));
    }

    #[test]
    fn courts_and_the_state_are_parties() {
        assert_eq!(name("裁判所は、審問期日を開き、当事者の陳述を聴かなければならない。").as_deref(), Some("裁判所"));
        assert_eq!(name("国は、…必要な措置を講ずる責務を有する。").as_deref(), Some("国"));
        assert_eq!(name("政府は、…奨励金又は賞金を交付することができる。").as_deref(), Some("政府"));
        assert_eq!(name("…警察官が検査を行うときは、…細心の注意を払わなければならない。"), None, "a 「…とき」 clause");
        assert_eq!(name("外国は、…"), None);
    }

    #[test]
    fn things_and_conditions_are_not_parties() {
        assert_eq!(name("認証事務に係る情報資産は、…使用してはならない。"), None);
        assert_eq!(name("漏えい等から保護するための措置を講ずる。"), None);
        assert_eq!(name("認証事務従事者が故意又は過失により…きたした場合には、…懲戒の措置を行う。"), None);
    }
}
