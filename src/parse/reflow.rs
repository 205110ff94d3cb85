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

use super::line::{classify, LineKind};
use super::source_lines::{LineInfo, SourceLine};

/// The longest caption (in characters, brackets included) looked for inside a line.
const MAX_CAPTION: usize = 40;

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

/// `(名称) 第2条 …` at the start of `s`: the offset of the article after the caption.
fn caption_then_article(s: &str) -> Option<usize> {
    let close = match s.chars().next()? {
        '(' => ')',
        '（' => '）',
        _ => return None,
    };
    let open_len = s.chars().next()?.len_utf8();
    let end = s.char_indices().take(MAX_CAPTION).find(|&(_, c)| c == close || c == ')' || c == '）')?.0;
    let inner = &s[open_len..end];
    if !caption_like(inner) {
        return None;
    }
    let after_close = end + s[end..].chars().next()?.len_utf8();
    let rest = s[after_close..].trim_start_matches(is_space);
    let offset = s.len() - rest.len();
    match classify(rest) {
        LineKind::Article { rest: text, .. } if starts_sentence(text) => Some(offset),
        _ => None,
    }
}

/// `第一条（目的）　この規程は…` or `第1条(目的)この規程は…`: an article number with its caption on its right, as
/// Word documents write them. Returns the byte ranges of the caption, the number and the text, in
/// the order a printed law has them. Not a number followed by a citation or an act's number
/// (「第一条（明治二十七年勅令第二十三号）」), and only where the words after the caption start a sentence.
/// The caller has classified the whole line already and calls this only when it is no article line.
fn caption_after_label(content: &str) -> Option<Vec<(usize, usize)>> {
    if !content.starts_with('第') {
        return None;
    }
    let open = content.find(['（', '('])?;
    let LineKind::Article { rest: "", num_end: None, .. } = classify(&content[..open]) else { return None };
    let close_char = if content[open..].starts_with('（') { '）' } else { ')' };
    let inner_start = open + content[open..].chars().next()?.len_utf8();
    let close = inner_start + content[inner_start..].find(close_char)?;
    let inner = &content[inner_start..close];
    let words: String = inner.chars().filter(|c| !is_space(*c)).collect();
    let n = words.chars().count();
    let act_number = words.ends_with('号') && words.contains('年');
    if !(1..=40).contains(&n) || act_number || words.contains(['。', '「', '（', '(', '）', ')']) {
        return None;
    }
    let after = close + close_char.len_utf8();
    // Text must follow on the line: 「第百三十五条（…の特例）」 alone is a cell of a 読替え table. After a
    // space or tab it may be anything (「第二十条（準用）　第五条の規定は…」); directly after the bracket it
    // must start a sentence (「第四条（…を含む。）並びに」 is a citation).
    let text = content[after..].trim_start_matches(is_space);
    let separated = text.len() < content.len() - after;
    if text.is_empty() || !(separated || starts_sentence(text)) {
        return None;
    }
    Some(vec![(open, after), (0, open), (content.len() - text.len(), content.len())])
}

/// Page furniture of a text copied from a PDF, left in the text where it fell: a page number line
/// (「- 12 -」, 「12/40」, or 「12」 before a running header: alone, it may be a 項 number on its own line) and a
/// running header (the first line, the title, standing again alone after a page number). Such a line is read as words of the provision around
/// it, so kitei says where: a `page-furniture` warning at its line and column.
pub fn page_furniture(lines: &[SourceLine<'_>]) -> Vec<crate::diagnostic::Diagnostic> {
    let plain: Vec<&SourceLine<'_>> =
        lines.iter().filter(|l| l.info == LineInfo::Plain && !l.content.trim().is_empty()).collect();
    let Some(title) = plain.first().map(|l| l.content.trim()) else { return Vec::new() };
    let is_title =
        |k: usize| k > 0 && plain.get(k).is_some_and(|l| l.content.trim() == title && l.line > plain[0].line + 2);
    let number = |k: usize| plain.get(k).and_then(|l| page_number(l.content.trim()));
    let mut out = Vec::new();
    for (k, l) in plain.iter().enumerate() {
        let c = l.content.trim();
        // The title alone again is a running header only after a page number: laws name themselves in
        // tables (a 読替え cell 「船員保険法施行規則」).
        let what = match number(k) {
            Some(true) => Some("a page number"),
            Some(false) if is_title(k + 1) => Some("a page number"),
            _ if is_title(k) && k > 0 && number(k - 1).is_some() => Some("a running header (the title repeated)"),
            _ => None,
        };
        if let Some(what) = what {
            out.push(
                crate::diagnostic::Diagnostic::warning(
                    "page-furniture",
                    format!("「{c}」 looks like {what} copied from a PDF; it is read as words of the text around it"),
                )
                .at(l.line, l.column),
            );
        }
    }
    out
}

/// Whether a line is a page number: `Some(true)` for a shape no label has (「- 12 -」, 「－１２－」, 「12/40」),
/// `Some(false)` for a bare number (a 項 number alone on its line looks the same), `None` otherwise.
fn page_number(c: &str) -> Option<bool> {
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| crate::model::num::digit_value(c).is_some());
    let dash = |c: char| matches!(c, '-' | '－' | '‐' | '—' | '―' | '−');
    if digits(c) {
        return (c.chars().count() <= 4).then_some(false);
    }
    let inner = c.trim_matches(|ch: char| dash(ch) || is_space(ch));
    if inner.len() < c.len() && c.starts_with(dash) && c.ends_with(dash) && digits(inner) {
        return Some(true);
    }
    let (a, b) = c.split_once(['/', '／'])?;
    (digits(a.trim()) && digits(b.trim())).then_some(true)
}

/// A caption's words: not a number, a citation (第…), a sentence or a bracketed phrase of a sentence.
fn caption_like(inner: &str) -> bool {
    let words: String = inner.chars().filter(|c| !is_space(*c)).collect();
    let n = words.chars().count();
    (1..=20).contains(&n)
        && !words.chars().any(|c| {
            matches!(c, '。' | '、' | '第' | '「' | '」' | '(' | '（' | '，' | ',')
                || crate::model::num::digit_value(c).is_some()
        })
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

    fn pieces(t: &str) -> Vec<String> {
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
    fn a_caption_on_the_article_line_reads_as_the_caption_above() {
        let clean = "規程\n（目的）\n第一条　この規程は、職員の服務に関し必要な事項を定める。\n（定義）\n第二条　この規程において職員とは、常勤の者をいう。\n２　前項の規定は、準用する。\n";
        let want = crate::parse::parse_str(clean).unwrap();
        for word in [
            "規程\n第一条（目的）\tこの規程は、職員の服務に関し必要な事項を定める。\n第二条（定義）　この規程において職員とは、常勤の者をいう。\n２　前項の規定は、準用する。\n",
            "規程\n第一条（目的）この規程は、職員の服務に関し必要な事項を定める。\n第二条(定義)この規程において職員とは、常勤の者をいう。\n２　前項の規定は、準用する。\n",
        ] {
            let got = crate::parse::parse_str(word).unwrap();
            assert_eq!(got.children.len(), 2, "{word}");
            for (a, b) in got.children.iter().zip(&want.children) {
                assert_eq!((&a.num, &a.heading), (&b.num, &b.heading), "{word}");
                assert_eq!(a.children.len(), b.children.len(), "{word}");
                assert_eq!(a.children[0].text, b.children[0].text, "{word}");
            }
        }
        // Text after a separator may start with a citation.
        let p = pieces("規程\n第二十条（準用）\t第五条の規定は、前条の場合に準用する。");
        assert_eq!(p[1..], ["（準用）", "第二十条", "第五条の規定は、前条の場合に準用する。"]);
        // Not a caption: an act's number, or a citation going on after the bracket.
        assert_eq!(pieces("勅令\n第一条（明治二十七年勅令第二十三号）ハ之ヲ廃止ス").len(), 2);
        assert_eq!(pieces("規程\n第三条（第五条において準用する場合を含む。）の規定").len(), 2);
        assert_eq!(pieces("令\n第百三十五条（非事業用資産を業務の用に供した場合の償却費の計算の特例）").len(), 2);
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
    fn page_numbers_and_running_headers_are_located() {
        let text = "職員服務規程\n第一条　この規程は、職員の服務に\n- 2 -\n職員服務規程\n関し必要な事項を定める。\n第二条　職員は、\n3/9\n誠実に職務を行う。\n";
        let found = page_furniture(&text_lines(text));
        let at: Vec<(u32, u32)> = found.iter().map(|d| (d.line, d.column)).collect();
        assert_eq!(at, [(3, 1), (4, 1), (7, 1)], "{found:?}");
        assert!(found.iter().all(|d| d.code == "page-furniture"));
        // e-Gov's layout: a 項 number alone on its line is no page number.
        let egov = "職員服務規程\n\n第一条\n\n　職員は、誠実に職務を行う。\n\n２\n\n　前項の規定は、準用する。\n";
        assert!(page_furniture(&text_lines(egov)).is_empty());
        let parsed = crate::parse::parse_source(&crate::input::Source {
            name: "a.txt".into(),
            text: text.into(),
            format: crate::input::InputFormat::Text,
        })
        .unwrap();
        assert_eq!(parsed.diagnostics.iter().filter(|d| d.code == "page-furniture").count(), 3);
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
