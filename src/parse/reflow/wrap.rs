//! Lines a PDF wrapped right after a full stop. A PDF breaks its lines at a fixed width, wherever the
//! width runs out; when that falls just after 「。」 (or 「。）」, 「。」」), the next line looks like a new
//! unnumbered 項 though the sentence, or the 項, goes on:
//!
//! ```text
//! 第三条　組合員は、共済契約（以下「契約」という。）    ← full width, ends in 「。）」
//! の共済契約者となったものとする。                       ← no label: the same 項
//! ```
//!
//! The document's wrap width is inferred (most long lines have the same width, within one character,
//! and almost none is longer). A line of that width ending a sentence, followed directly by a line that
//! starts no provision, is a wrap for sure when the next line cannot start a sentence (「の」, 「、」, 「）」…);
//! when it could (「この場合において」), the line may also start an unnumbered 項: it is read as going on (the
//! likelier reading, measured on the paste check) and kitei says so, a `pdf-wrap` warning at the line.

use super::starts_sentence;
use crate::diagnostic::Diagnostic;
use crate::parse::line::{classify, LineKind};
use crate::parse::source_lines::{LineInfo, SourceLine};
use std::collections::HashMap;

/// How a line after a full-width line ending a sentence is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wrap {
    /// It cannot start a sentence: the wrapped line goes on.
    Sure,
    /// It could start an unnumbered 項 as well as go on.
    Unsure,
}

/// The shortest width (half-width units) taken for a wrapped line: shorter lines are headings and labels.
const MIN_WIDTH: usize = 40;

/// The display width of a character in half-width units.
fn width(c: char) -> usize {
    if (c as u32) < 0x1100 || (0xFF61..=0xFF9F).contains(&(c as u32)) {
        1
    } else {
        2
    }
}

fn line_width(s: &str) -> usize {
    s.chars().map(width).sum()
}

/// The width at which the lines were wrapped, if they were: the most frequent width among the long
/// lines, held (within one half-width unit) by at least a third of them and exceeded by at most one in
/// twenty (kitei's tag lines and the title, repeated as a running header, are not counted). `None` for
/// text typed or exported with its own line breaks.
pub fn wrap_width(lines: &[SourceLine<'_>]) -> Option<usize> {
    // kitei's own syntax (tag lines, tables) is never wrapped, and a running header repeats the title (whose
    // first line is the title's start, when the title was wrapped too).
    let title = lines.iter().find(|l| l.info == LineInfo::Plain && !l.content.is_empty()).map(|l| l.content);
    let widths: Vec<usize> = lines
        .iter()
        .filter(|l| {
            l.info == LineInfo::Plain
                && !l.content.starts_with([':', '<', '|'])
                && !title.is_some_and(|t| l.content.starts_with(t))
        })
        .map(|l| line_width(l.content))
        .filter(|&w| w >= MIN_WIDTH)
        .collect();
    let mut count: HashMap<usize, usize> = HashMap::new();
    for &w in &widths {
        *count.entry(w).or_default() += 1;
    }
    // The mode, the larger width on a tie (deterministic whatever the map's order).
    let (&mode, _) = count.iter().max_by_key(|&(w, n)| (*n, *w))?;
    let at = |w: usize| count.get(&w).copied().unwrap_or(0);
    // A full-width character that no longer fits leaves the line one unit short.
    let (full, top) =
        if at(mode + 1) > 0 { (at(mode) + at(mode + 1), mode + 1) } else { (at(mode) + at(mode - 1), mode) };
    let longer = widths.iter().filter(|&&w| w > top).count();
    (full >= 8 && full * 3 >= widths.len() && longer * 20 <= widths.len()).then_some(top)
}

/// Whether a text ends a sentence where a PDF may have wrapped it.
fn ends_sentence(t: &str) -> bool {
    t.ends_with('。') || t.ends_with("。）") || t.ends_with("。)") || t.ends_with("。」")
}

/// The lines (by line number) that follow a full-width line directly and start no provision, with how
/// sure it is that they go on: for sure after a line cut inside a sentence (a title, a law number's note, a
/// table cell) or when they cannot start a sentence, unsure when the line above ended one and they could
/// start another. Empty when the text was not wrapped.
pub fn continuations(lines: &[SourceLine<'_>]) -> HashMap<u32, Wrap> {
    let mut out = HashMap::new();
    let Some(w) = wrap_width(lines) else { return out };
    for pair in lines.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        let plain = a.info == LineInfo::Plain && b.info == LineInfo::Plain;
        if !plain || b.line != a.line + 1 || b.column != 1 || line_width(a.content) + 1 < w {
            continue;
        }
        // A bracketed line (「（未施行）」) looks like a caption; only the header reads it as going on.
        if !matches!(classify(b.content), LineKind::Text(_) | LineKind::Caption { .. }) {
            continue;
        }
        // 「ただし」 never starts a 項: it goes on the sentence before, wrapped or not.
        let proviso = b.content.starts_with("ただし") || b.content.starts_with("但し");
        let sure = !ends_sentence(a.content) || !starts_sentence(b.content) || proviso;
        out.insert(b.line, if sure { Wrap::Sure } else { Wrap::Unsure });
    }
    out
}

/// The warning for a line that may go on the wrapped line above it or start an unnumbered 項.
pub fn unsure(l: &SourceLine<'_>, read_as: &str) -> Diagnostic {
    let head: String = l.content.chars().take(12).collect();
    Diagnostic::warning(
        "pdf-wrap",
        format!(
            "the line above ends a sentence at the width the text was wrapped at: 「{head}…」 may go on it or \
             start an unnumbered paragraph; read as {read_as}"
        ),
    )
    .at(l.line, l.column)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::source_lines::text_lines;

    /// A rule's lines wrapped at `n` full-width characters, as a PDF does.
    fn wrapped(text: &str, n: usize) -> String {
        let mut out = String::new();
        for line in text.lines() {
            let chars: Vec<char> = line.chars().collect();
            for chunk in chars.chunks(n) {
                out.extend(chunk);
                out.push('\n');
            }
        }
        out
    }

    const RULE: &str = "共済規程\n\
        第一条　この規程は、組合員の共済事業に関し、必要な事項を定めることを目的とする。\n\
        第二条　組合は、組合員との間で共済契約（以下「契約」という。）を締結するものとする。\n\
        ２　組合員は、契約の申込みに際し、組合の定める書面を提出しなければならない。\n\
        第三条　契約の期間は、一年とする。ただし、理事会が認めたときは、この限りでない。\n";

    /// `head` and then articles long enough to wrap, so that the wrap width shows.
    fn with_articles(head: &str) -> String {
        let mut t = head.to_string();
        for n in ["五", "六", "七", "八", "九", "十"] {
            t.push_str(&format!(
                "第{n}条　組合員は、この規程に定める手続に従い、所定の書面により理事長に届け出るものとし、その様式は理事会が別に定める\n"
            ));
        }
        t
    }

    #[test]
    fn the_wrap_width_is_found_only_in_wrapped_text() {
        let rule = with_articles(RULE);
        assert_eq!(wrap_width(&text_lines(&wrapped(&rule, 20))), Some(40));
        assert_eq!(wrap_width(&text_lines(&rule)), None);
    }

    #[test]
    fn a_line_wrapped_after_a_bracketed_full_stop_goes_on() {
        // 「（以下「契約」という。）」 fills the line to the width; 「を締結する…」 cannot start a sentence.
        let rule = with_articles(RULE);
        let text = wrapped(&rule, 31);
        assert!(text.contains("という。）\nを締結する"), "{text}");
        let lines = text_lines(&text);
        let wraps = continuations(&lines);
        let at = lines.iter().find(|l| l.content.starts_with("を締結")).unwrap().line;
        assert_eq!(wraps.get(&at), Some(&Wrap::Sure), "{wraps:?}");
        let doc = crate::parse::parse_str(&text).unwrap();
        let clean = crate::parse::parse_str(&rule).unwrap();
        assert_eq!(doc.children[1].children[0].text, clean.children[1].children[0].text);
        assert_eq!(doc.children[1].children.len(), 2);
    }

    #[test]
    fn a_wrapped_title_and_number_note_stay_in_the_header() {
        // The title, and the note after the number, cut at the width: the next lines go on them, never into
        // a 前文 (the title filling the width exactly is followed by its number, which stays the number).
        let head = "組合員の共済契約に係る書面の保存等に関する規程\n\
            （令和二年三月一日規程第一号）最終改正：令和五年四月一日規程第七号（最終改正までの未施行規程）令和六年四月一日規程第二号（未施行）\n\
            第一条　この規程は、書面の保存に関し必要な事項を定める。\n";
        let rule = with_articles(head);
        let clean = crate::parse::parse_str(&rule).unwrap();
        assert!(clean.attrs["number_note"].ends_with("（未施行）"), "{:?}", clean.attrs);
        for n in [20, 23] {
            let doc = crate::parse::parse_str(&wrapped(&rule, n)).unwrap();
            assert_eq!((&doc.title, &doc.number), (&clean.title, &clean.number), "{n}");
            assert_eq!(doc.attrs.get("number_note"), clean.attrs.get("number_note"), "{n}");
            assert_eq!(doc.children[0].kind, crate::model::Kind::Article, "{n}");
        }
    }

    #[test]
    fn a_new_sentence_after_a_full_line_is_located() {
        // 「ただし、」 after 「一年とする。」 at the width: the same 項 (ただし never starts one); a sentence
        // that could start a 項 is warned at its line.
        let rule = with_articles(
            "規程\n\
            第一条　この規程は、共済事業の必要な事項を定める。ただし、理事会が別に定めるものを除く。\n\
            第二条　組合は、組合員との間で共済契約を締結する。この場合において、契約書を作成する。\n\
            第三条　この規程に定めるもののほか、必要な事項は、理事長が別に定める。\n\
            第四条　この規程は、令和二年四月一日から施行し、同日以後の契約に適用する。\n",
        );
        let text = wrapped(&rule, 25);
        assert!(text.contains("締結する。\nこの場合"), "{text}");
        let lines = text_lines(&text);
        let at = lines.iter().find(|l| l.content.starts_with("この場合")).unwrap();
        assert_eq!(continuations(&lines).get(&at.line), Some(&Wrap::Unsure));
        let proviso = lines.iter().find(|l| l.content.starts_with("ただし")).unwrap();
        assert_eq!(continuations(&lines).get(&proviso.line), Some(&Wrap::Sure), "{text}");
        let parsed = crate::parse::parse_source(&crate::input::Source {
            name: "a.txt".into(),
            text: text.clone(),
            format: crate::input::InputFormat::Text,
        })
        .unwrap();
        let warned: Vec<(u32, u32)> =
            parsed.diagnostics.iter().filter(|d| d.code == "pdf-wrap").map(|d| (d.line, d.column)).collect();
        assert_eq!(warned, [(at.line, 1)]);
        // Both read as going on: one 項 each, as in the clean text.
        let clean = crate::parse::parse_str(&rule).unwrap();
        for k in 0..2 {
            assert_eq!(parsed.document.children[k].children.len(), 1);
            assert_eq!(parsed.document.children[k].children[0].text, clean.children[k].children[0].text);
        }
    }
}
