//! A pre-pass on plain lines for rules pasted from PDF: a whole rule on one line, or lines wrapped at the
//! PDF's width that hold the start of the next provision (「…とする。 (名 称) 第2条 本組合は…」).
//!
//! A line is split, before classification, where a provision starts inside it:
//!
//! * a caption followed by an article (`(名称) 第2条 …`): split before the caption and between the two;
//! * an article (`第2条 …`), a group heading (`第2章 …`) or the next 項 number (`2 …`, only the number that
//!   follows the open article's last 項);
//!
//! and only at a safe place: after a sentence end 「。」, or after a heading segment (the title, 目次, a group
//! heading, a caption), never inside 「」 or brackets, never where the number is cited (「第3条の規定により」,
//! 「第 3 条 に 規 定 す る」: the words after the label must start a sentence), never after an amendment
//! instruction in the same line (「…次の一条を加える。（名称）第十条の二…」 quotes the amended text), never in
//! a 別表 or 様式 (notes 「注　１　…。２　…」), and a 項 number only after an article begun in the same line. Lines broken mid-sentence need
//! nothing here: the builder joins a line without a marker to an unfinished sentence.
//!
//! Segments are slices of the original line, with their own column, so positions still point into the
//! source and no character is lost (only the white space at a split point is left between segments).
//!
//! ```
//! use kitei::parse::{reflow::reflow, source_lines::text_lines};
//! let lines = reflow(text_lines("(目的) 第1条 本組合は、目的を定める。 (名称) 第2条 本組合は、何組合と称する。"));
//! let parts: Vec<(&str, u32)> = lines.iter().map(|l| (l.content, l.column)).collect();
//! assert_eq!(parts[0], ("(目的)", 1));
//! assert_eq!(parts[1], ("第1条 本組合は、目的を定める。", 6));
//! assert_eq!(parts[2], ("(名称)", 23));
//! assert_eq!(parts[3].0, "第2条 本組合は、何組合と称する。");
//! ```

mod caption;
mod furniture;
pub mod wrap;

pub use furniture::page_furniture;

use super::line::{classify, LineKind};
use super::source_lines::{LineInfo, SourceLine};
use caption::{caption_after_label, caption_then_article};

fn is_space(c: char) -> bool {
    c == ' ' || c == '\u{3000}' || c == '\t'
}

/// Splits plain lines where a provision starts inside them; other lines are returned as they are.
pub fn reflow(lines: Vec<SourceLine<'_>>) -> Vec<SourceLine<'_>> {
    let mut out = Vec::with_capacity(lines.len());
    let mut state = State { next_para: None, title_pending: true, in_appendix: false };
    for l in lines {
        if l.info != LineInfo::Plain || l.content.is_empty() {
            if !l.content.is_empty() && !matches!(l.info, LineInfo::Comment | LineInfo::FrontMatter) {
                state.title_pending = false;
            }
            out.push(l);
            continue;
        }
        let title_line = state.title_pending;
        state.title_pending = false;
        let whole = classify(l.content);
        match whole {
            LineKind::Appendix { .. } => state.in_appendix = true,
            LineKind::Group { .. } | LineKind::Suppl { .. } | LineKind::Toc => state.in_appendix = false,
            _ => {}
        }
        // A 目次 label as a whole line (`労働基準法目次`) is one heading: never the title, then `目次`.
        if state.in_appendix || whole == LineKind::Toc {
            out.push(l);
            continue;
        }
        let not_an_article = !matches!(whole, LineKind::Article { .. });
        if let Some(parts) = not_an_article.then(|| caption_after_label(l.content)).flatten() {
            // `第一条（目的）　…` (Word): the caption first, then the number, then the text, as printed laws
            // have them; each a slice of the line with its own column.
            for (start, end) in parts {
                let column = l.column + l.content[..start].chars().count() as u32;
                out.push(SourceLine {
                    line: l.line,
                    column,
                    content: &l.content[start..end],
                    list_marker: "",
                    info: l.info,
                });
            }
            continue;
        }
        // A 項 number is looked for only after an article that starts in the same line.
        state.next_para = None;
        let cuts = split_points(l.content, title_line, &mut state);
        if cuts.is_empty() {
            out.push(l);
            continue;
        }
        let mut start = 0;
        for cut in cuts.into_iter().chain(std::iter::once(l.content.len())) {
            let piece = l.content[start..cut].trim_end_matches(is_space);
            if !piece.is_empty() {
                let column = l.column + l.content[..start].chars().count() as u32;
                out.push(SourceLine { line: l.line, column, content: piece, list_marker: "", info: l.info });
            }
            start = cut;
        }
    }
    out
}

struct State {
    /// The 項 number that may follow (the open article's last 項 + 1).
    next_para: Option<u32>,
    /// No plain line seen yet: the next is the title.
    title_pending: bool,
    /// Inside a 別表 or 様式, whose notes and cells are never split.
    in_appendix: bool,
}

/// What a segment starting at some point is, for deciding whether the next split is safe.
#[derive(Clone, Copy, PartialEq)]
enum Seg {
    Heading,
    Provision,
}

/// Byte offsets inside `content` where a new segment starts (never 0).
fn split_points(content: &str, title_line: bool, state: &mut State) -> Vec<usize> {
    let mut cuts = Vec::new();
    let mut seg = begin(content, state, title_line);
    let mut seg_start = 0;
    let mut quote = 0u32;
    let mut paren = 0u32;
    let mut skip_to = 0;
    // A caption directly followed by its article at the start of the line: split between them.
    if let Some(after) = caption_then_article(content) {
        cuts.push(after);
        seg_start = after;
        skip_to = after;
        seg = begin(&content[after..], state, false);
    }
    // Where the first amendment instruction ends: no split after it (found once, not at every character).
    let amends_at = amendment_end(content);
    for (i, c) in content.char_indices() {
        if i < skip_to {
            continue;
        }
        if i >= amends_at {
            break;
        }
        let safe = seg == Seg::Heading || ends_sentence(&content[seg_start..i]);
        if i > 0 && quote == 0 && paren == 0 && safe && starts_provision(c) {
            let rest = &content[i..];
            if let Some(after_caption) = caption_then_article(rest) {
                cuts.push(i);
                cuts.push(i + after_caption);
                seg_start = i + after_caption;
                skip_to = seg_start;
                seg = begin(&content[seg_start..], state, false);
                continue;
            }
            if provision_here(rest, state) {
                cuts.push(i);
                seg_start = i;
                seg = begin(rest, state, false);
            }
        }
        match c {
            '「' | '『' => quote += 1,
            '」' | '』' => quote = quote.saturating_sub(1),
            '(' | '（' => paren += 1,
            ')' | '）' => paren = paren.saturating_sub(1),
            _ => {}
        }
    }
    cuts
}

fn starts_provision(c: char) -> bool {
    matches!(c, '(' | '（' | '第' | '目') || crate::model::num::digit_value(c).is_some()
}

/// Classifies the segment starting at `s`, updating the 項 count, and says whether it is a heading.
fn begin(s: &str, state: &mut State, title_line: bool) -> Seg {
    match classify(first_line(s)) {
        LineKind::Article { .. } => {
            state.next_para = Some(2);
            Seg::Provision
        }
        LineKind::Paragraph { num, .. } => {
            state.next_para = state.next_para.map(|_| num.main() + 1);
            Seg::Provision
        }
        LineKind::Group { .. } | LineKind::Toc | LineKind::Caption { .. } => {
            state.next_para = None;
            Seg::Heading
        }
        _ if title_line && !s.contains('。') => Seg::Heading,
        _ if title_line && is_title_then_structure(s) => Seg::Heading,
        _ => Seg::Provision,
    }
}

fn first_line(s: &str) -> &str {
    s.split('\n').next().unwrap_or(s)
}

/// A first line whose first sentence end comes after an article: the title is what precedes it.
fn is_title_then_structure(s: &str) -> bool {
    let dai = s.find('第').unwrap_or(s.len());
    let maru = s.find('。').unwrap_or(s.len());
    dai < maru
}

/// Whether the text so far holds an amendment instruction: what follows it is the amended text (new articles
/// quoted without 「」, 「…次の一条を加える。（名称）第十条の二　…」), never this rule's own provisions.
/// Returns the byte offset where the first such instruction word ends (the length when there is none).
fn amendment_end(content: &str) -> usize {
    ["改め", "改正する", "加える", "付する", "削る", "読み替え"]
        .iter()
        .filter_map(|w| content.find(w).map(|p| p + w.len()))
        .min()
        .unwrap_or(content.len() + 1)
}

/// Whether the text before a candidate ends a sentence (white space ignored).
fn ends_sentence(before: &str) -> bool {
    before.trim_end_matches(is_space).ends_with('。')
}

/// An article, a group heading, 目次 or the next 項 number at the start of `s`.
fn provision_here(s: &str, state: &State) -> bool {
    let s = first_line(s);
    if let Some(r) = s.strip_prefix('目') {
        let r = r.trim_start_matches(is_space);
        return r.strip_prefix('次').is_some_and(|r| r.is_empty() || r.starts_with(is_space));
    }
    match classify(s) {
        LineKind::Article { rest, .. } => starts_sentence(rest),
        LineKind::Group { title, .. } => starts_sentence(title),
        LineKind::Paragraph { num, rest, .. } => {
            state.next_para == Some(num.main()) && !rest.is_empty() && starts_sentence(rest)
        }
        _ => false,
    }
}

/// Whether the words after a label can start a provision: not a particle or a continuation of a citation
/// (「第 3 条 の 規 定」, 「第3条 及び第4条」, 「第1条 ~ 第5条」).
pub(crate) fn starts_sentence(rest: &str) -> bool {
    let Some(first) = rest.chars().next() else {
        return true;
    };
    const CONTINUATIONS: [&str; 16] = [
        "及び",
        "及 び",
        "又は",
        "又 は",
        "若しく",
        "若 し",
        "並びに",
        "並 び",
        "から",
        "か ら",
        "まで",
        "ま で",
        "中",
        "各号",
        "各 号",
        "前段",
    ];
    if CONTINUATIONS.iter().any(|p| rest.starts_with(p)) {
        return false;
    }
    let particle = matches!(first, 'の' | 'に' | 'を' | 'は' | 'が' | 'で' | 'と' | 'も' | 'へ' | 'や' | 'よ');
    let after = rest[first.len_utf8()..].chars().next();
    if particle && after.is_none_or(|c| is_space(c) || !is_kana(c)) {
        return false;
    }
    !(matches!(first, '~' | '〜' | '～' | '―' | '－' | '-' | '、' | '。' | ')' | '）' | ',' | '，' | '第')
        || crate::model::num::digit_value(first).is_some())
}

fn is_kana(c: char) -> bool {
    ('ぁ'..='ゖ').contains(&c) || ('ァ'..='ヺ').contains(&c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::source_lines::text_lines;

    pub(super) fn pieces(t: &str) -> Vec<String> {
        reflow(text_lines(t)).iter().map(|l| l.content.to_string()).collect()
    }

    #[test]
    fn a_toc_label_with_the_law_name_stays_whole() {
        // Some laws write their name before 目次 (`労働基準法目次`): one heading, not a title and `目次`.
        assert_eq!(
            pieces("何法\n（昭和一年法律第一号）\n何法目次\n  第一章　総則"),
            ["何法", "（昭和一年法律第一号）", "何法目次", "第一章　総則"]
        );
        let doc =
            crate::parse::parse_str("何法\n\n何法目次\n  第一章　総則（第一条）\n\n第一章　総則\n第一条　甲とする。\n")
                .unwrap();
        assert_eq!(doc.children[0].kind, crate::model::Kind::Toc);
        assert_eq!(doc.children[0].label, "何法目次");
    }

    #[test]
    fn one_line_rule_is_split_at_captions_and_articles() {
        let p = pieces("何組合規約 (目 的) 第1条 本組合は、目的を定める。 (名 称) 第2条 本組合は、何組合と称する。 第3条 事務所を置く。");
        assert_eq!(
            p,
            [
                "何組合規約",
                "(目 的)",
                "第1条 本組合は、目的を定める。",
                "(名 称)",
                "第2条 本組合は、何組合と称する。",
                "第3条 事務所を置く。"
            ]
        );
    }

    #[test]
    fn citations_are_not_split() {
        for t in [
            "規程\n第1条 本会は、第3条の規定により置く。第3条に規定する者は、出席する。",
            "規程\n第1条 本会は、前条に定める。 第 3 条 に 規 定 す る 者 は 出 席 す る 。",
            "規程\n第1条 本会は、置く。第2条及び第3条の規定は、適用しない。",
            "規程\n第1条 本会は、法(昭和22年法律第26号) 第100条 この場合を定める。",
            "規程\n第1条 引用する。「第2条 本会は、置く。」と改める。",
        ] {
            let p = pieces(t);
            assert_eq!(p.len(), 2, "{t}: {p:?}");
        }
    }

    #[test]
    fn paragraphs_and_groups_split_only_in_sequence() {
        let p = pieces("規程 第1章 総則 (目的) 第1条 目的を定める。 2 前項の規定は適用しない。 5 人以上とする。");
        assert_eq!(
            p,
            ["規程", "第1章 総則", "(目的)", "第1条 目的を定める。", "2 前項の規定は適用しない。 5 人以上とする。"]
        );
    }

    #[test]
    fn amended_text_notes_and_appendices_are_not_split() {
        for t in [
            "法\n附　則\n１　規則の一部を次のように改正する。第三条の次に次の一条を加える。（名称）第三条の二　会を置く。",
            "法\n附　則\n１　同条を次のように改める。第三条　削除",
            "法\n第2条　この法律において、次の用語の意義は、当該各号に定める。\n  十六　距離　備考　１　Ｘは、能力を表す。２　Ｌ１は、次の表による。",
            "法\n第1条　置く。\n別表第一（第一条関係）\n注　１　金額とする。２　科目を設ける。第二章　雑則",
        ] {
            let p = pieces(t);
            assert_eq!(p.len(), t.split('\n').count(), "{t}: {p:?}");
        }
        // A heading glued to the enactment sentence before it is split off.
        let p = pieces("規則\n規則を次のように定める。　　　第一章　総則\n第1条　置く。");
        assert_eq!(p[1..3], ["規則を次のように定める。", "第一章　総則"]);
    }

    #[test]
    fn a_line_wrapped_after_a_full_stop_inside_brackets_goes_on() {
        // A PDF's width broke the line after 「除く。」, inside the bracket: the same 項, not a second one.
        let wrapped = "省令\n第一条　電気事業者（卸電気事業者を除く。\n以下「事業者」という。）は、振替供給を行う。\n第二条　削除\n";
        let doc = crate::parse::parse_str(wrapped).unwrap();
        let first = &doc.children[0];
        assert_eq!(first.children.len(), 1, "{:?}", first.children);
        assert_eq!(
            first.children[0].text,
            "電気事業者（卸電気事業者を除く。以下「事業者」という。）は、振替供給を行う。"
        );
        // Brackets closed: the line after the full stop still starts a 項 of its own (old laws number none).
        let old = "勅令\n第一条　甲ハ乙トス（丙ヲ除ク）。\n前項ノ規定ハ之ヲ準用ス。\n";
        assert_eq!(crate::parse::parse_str(old).unwrap().children[0].children.len(), 2);
    }

    #[test]
    fn columns_point_into_the_line_and_nothing_is_lost() {
        let text = "前文\n  (目 的) 第 1 条 本 組 合 は 置 く 。 (名 称) 第 2 条 本 組 合 と 称 す る 。";
        let lines = reflow(text_lines(text));
        let raw = text.split('\n').nth(1).unwrap();
        let mut joined = String::new();
        for l in &lines[1..] {
            assert_eq!(l.line, 2);
            let at: String = raw.chars().skip(l.column as usize - 1).take(l.content.chars().count()).collect();
            assert_eq!(at, l.content);
            joined.push_str(l.content);
        }
        let strip = |s: &str| s.chars().filter(|c| !is_space(*c)).collect::<String>();
        assert_eq!(strip(&joined), strip(raw));
        assert_eq!(lines.len(), 5);
    }
}
