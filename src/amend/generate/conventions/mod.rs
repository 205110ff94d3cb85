//! The drafting conventions generation follows, in one place: how provisions, counts and appendices are cited,
//! how a sentence is phrased and closed, which run of renumbered provisions is one block move, the act's title
//! and enacting lines; with [`units`] (what a quote widens to: whole words, numbers with their counter, whole
//! runs of references) and [`sentences`] (joining instructions on one article into one sentence with 同条).
//!
//! Numerals follow the amended text's own style ([`NumStyle`]: 第三条 in a law, 第3条 in a horizontal 例規),
//! which lives in [`crate::amend::style`] because applying relabels renumbered provisions with it too.
//!
//! ```
//! use kitei::amend::generate::conventions::{close, count, shift_down, unit};
//! use kitei::amend::style::NumStyle;
//! use kitei::{Kind, Num};
//! assert_eq!(unit(Kind::Article, &Num(vec![3, 2]), NumStyle::Kanji), "第三条の二");
//! assert_eq!(count(2, Kind::Article, NumStyle::Kanji), "二条");
//! let block = shift_down("第三条", "第五条", &count(1, Kind::Article, NumStyle::Kanji));
//! assert_eq!(close(&["第六条を第七条とし".to_string(), block]), "第六条を第七条とし、第三条から第五条までを一条ずつ繰り下げる。");
//! ```

pub mod sentences;
pub mod units;

use crate::amend::grammar::appendix::key;
use crate::amend::style::{cite, unit_char, NumStyle};
use crate::amend::types::Edit;
use crate::model::num::IROHA;
use crate::model::{Kind, Num};

/// A provision cited under its number in the text's style (第三条, 第２項, 第一号); a subitem by its letter (ロ).
pub fn unit(kind: Kind, num: &Num, style: NumStyle) -> String {
    match kind {
        Kind::Subitem => {
            num.0.first().and_then(|&i| IROHA.get(i as usize - 1)).map(|c| c.to_string()).unwrap_or_default()
        }
        _ => cite(kind, num, style),
    }
}

/// A number of units: 一条, 二項 (次の一条を加える, 一条ずつ繰り下げ).
pub fn count(k: usize, kind: Kind, style: NumStyle) -> String {
    format!("{}{}", style.n(k as u32), unit_char(kind))
}

/// The 同条 / 同項 that refers back to the parent of a child in a renumbering (`prefix` cites the parent;
/// empty at the top level, where nothing is referred back to).
pub fn back_reference(prefix: &str, kind: Kind) -> &'static str {
    if prefix.is_empty() {
        return "";
    }
    match kind {
        // 附則第三条を附則第四条とし: articles of a 附則 are cited with 附則 again.
        Kind::Article => "附則",
        Kind::Paragraph => "同条",
        Kind::Item if prefix.ends_with('項') => "同項",
        Kind::Item => "同条",
        _ => "同号",
    }
}

/// Of provisions moved by the same distance, consecutive and without 枝番号 or edits, a run of at least this
/// many is one block move: down, the last alone and the rest at once (`第六十一条を第六十二条とし、第五十六条から
/// 第六十条までを一条ずつ繰り下げ`), up, all at once (`第二十二条から第六十四条までを一条ずつ繰り上げ`); a shorter
/// run is renumbered one by one (conventions.md, "Block move": four or more).
pub const BLOCK_RUN: usize = 4;

/// A block move down: 「`first`から`last`までを`by`ずつ繰り下げ」 (continuative form, see [`close`]).
pub fn shift_down(first: &str, last: &str, by: &str) -> String {
    format!("{first}から{last}までを{by}ずつ繰り下げ")
}

/// Clauses in their continuative form (…とし, …繰り下げ) joined by 「、」 into one sentence, the last verb in
/// its final form (…とする。, …繰り下げる。).
pub fn close(clauses: &[String]) -> String {
    let mut sentence = clauses.join("、");
    if let Some(stem) = sentence.strip_suffix("とし") {
        sentence = format!("{stem}とする。");
    } else {
        sentence.push_str("る。");
    }
    sentence
}

/// Writes edits as the text after 中: 「A」を「B」に改め、「C」を削る — with the final verb in the given form.
pub fn write_edits(edits: &[Edit], last: bool) -> String {
    let mut out = String::new();
    let mut i = 0;
    while i < edits.len() {
        if i > 0 {
            out.push('、');
        }
        match &edits[i] {
            Edit::Replace { .. } => {
                // A run of replacements shares one 改め.
                let mut j = i;
                while j < edits.len() {
                    let Edit::Replace { from, to } = &edits[j] else { break };
                    if j > i {
                        out.push('、');
                    }
                    out.push_str(&format!("「{from}」を「{to}」に"));
                    j += 1;
                }
                out.push_str(if last && j == edits.len() { "改める" } else { "改め" });
                i = j;
            }
            Edit::Delete(q) => {
                out.push_str(&format!("「{q}」を"));
                i += 1;
                out.push_str(if last && i == edits.len() { "削る" } else { "削り" });
            }
            Edit::InsertAfter { anchor, text } => {
                out.push_str(&format!("「{anchor}」の下に「{text}」を"));
                i += 1;
                out.push_str(if last && i == edits.len() { "加える" } else { "加え" });
            }
        }
    }
    out
}

/// The text with the groups named before an added article left out (「第二章第一節中第四条の次に」 →
/// 「第四条の次に」), for a reader that does not take them.
pub fn without_group_cites(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let mut l = line.to_string();
        while let Some(cut) = group_cite_at(&l) {
            l.replace_range(cut, "");
        }
        out.push_str(&l);
    }
    out
}

/// The byte range of a group citation with its 中 (`第二章第一節中`) that opens a clause adding after an article.
fn group_cite_at(line: &str) -> Option<std::ops::Range<usize>> {
    for (i, _) in line.match_indices('中') {
        let start = line[..i].rfind('、').map_or(0, |k| k + '、'.len_utf8());
        let seg = &line[start..i];
        let after = &line[i + '中'.len_utf8()..];
        let groups =
            seg.starts_with('第') && seg.ends_with(['章', '節', '款', '目', '編']) && !seg.contains(['条', '「']);
        let adds = after.starts_with('第') && after.split_once('条').is_some_and(|(_, r)| r.contains("の次に次の"));
        if groups && adds && !after.contains('「') {
            return Some(start..i + '中'.len_utf8());
        }
    }
    None
}

/// The appendix cited in the document's number style: `別記様式第１` → `別記様式第一` (kanji style).
pub fn cite_label(label: &str, style: NumStyle) -> String {
    match key(label) {
        (name, Some(num)) => {
            let branches: String = num.0.iter().skip(1).map(|b| format!("の{}", style.n(*b))).collect();
            format!("{name}第{}{branches}", style.n(num.main()))
        }
        (name, None) => name,
    }
}

/// The kind of act that amends a text of this title: 法律 for a law, 政令/省令/規則/条例 for those, 規程 for an
/// internal rule (規程, 要綱, 細則…).
pub fn act_word(title: &str) -> &'static str {
    ["法律", "政令", "省令", "規則", "条例"]
        .into_iter()
        .find(|w| title.ends_with(w))
        .unwrap_or(if title.ends_with('法') { "法律" } else { "規程" })
}

/// The amending act's title line: `○○の一部を改正する規程`, or `○○等の一部を改正する法律` when the act also
/// amends earlier acts' 附則 (`several`).
pub fn title_line(title: &str, word: &str, several: bool) -> String {
    let more = if several { "等" } else { "" };
    format!("{title}{more}の一部を改正する{word}\n")
}

/// The enacting sentence before the instructions for the text cited as `cited` (its title and number).
pub fn enacting_line(cited: &str) -> String {
    format!("{cited}の一部を次のように改正する。\n")
}

/// The heading and enacting sentence of article `k` of an act that amends several texts, one per text:
/// `（○○の一部改正）` then `第k条　○○の一部を次のように改正する。`.
pub fn part_heading(name: &str, k: u32, cited: &str, style: NumStyle) -> String {
    let art = cite(Kind::Article, &Num::simple(k), style);
    format!("（{name}の一部改正）\n{art}\u{3000}{cited}の一部を次のように改正する。\n")
}

/// The heading of the amending act's own 附則, with the act's date and number when known: once absorbed, the
/// 附則 stays behind under 「附　則（令和五年三月三十一日規程第十二号）」.
pub fn suppl_heading(act: Option<&str>) -> String {
    match act {
        Some(a) => format!("\u{3000}\u{3000}\u{3000}附\u{3000}則（{a}）\n"),
        None => "\u{3000}\u{3000}\u{3000}附\u{3000}則\n".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_amending_act_is_of_the_amended_texts_kind() {
        assert_eq!(act_word("原子力基本法"), "法律");
        assert_eq!(act_word("道路交通法施行令の一部を改正する政令"), "政令");
        assert_eq!(act_word("国家公安委員会規則"), "規則");
        assert_eq!(act_word("個人情報保護委員会事務局組織省令"), "省令");
        assert_eq!(act_word("認証事務管理規程"), "規程");
        assert_eq!(act_word("文書取扱要綱"), "規程");
    }

    #[test]
    fn citations_in_the_documents_style() {
        assert_eq!(cite_label("別表第2の3", NumStyle::Kanji), "別表第二の三");
        assert_eq!(cite_label("別記様式第一", NumStyle::Arabic), "別記様式第1");
    }

    #[test]
    fn group_cites_left_out() {
        let t = "第三条を第四条とし、第一章中第二条の次に次の一条を加える。\n第三条　追加。\n第五条中「甲」を「乙」に改める。\n";
        assert_eq!(
            without_group_cites(t),
            "第三条を第四条とし、第二条の次に次の一条を加える。\n第三条　追加。\n第五条中「甲」を「乙」に改める。\n"
        );
    }

    #[test]
    fn written() {
        let e = vec![
            Edit::Replace { from: "A".into(), to: "B".into() },
            Edit::Replace { from: "C".into(), to: "D".into() },
            Edit::Delete("E".into()),
        ];
        assert_eq!(write_edits(&e, true), "「A」を「B」に、「C」を「D」に改め、「E」を削る");
    }
}
