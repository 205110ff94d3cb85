//! Page furniture of a text copied from a PDF (page numbers, running headers), found and located.

use super::is_space;
use crate::parse::source_lines::{LineInfo, SourceLine};

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::source_lines::text_lines;

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
}
