//! The lines before the body: the title, the law number (`（平成十四年法律第百五十三号）`, `（令和5年4月1日規程第3号）`)
//! and Lawtext's law attributes (`[LawType="Rule"]`). A title wrapped over lines (a PDF's width) is joined
//! when its number follows within three lines, and a note after the number (e-Gov's 最終改正) wrapped before
//! its act's number goes on in the next line: 「インターネット異性紹介事業を利用して児童を誘引する行為の」
//! 「規制等に関する法律施行令」 「（平成十五年政令第三百七十五号）」 is one title.

use super::{span_of, Builder};
use crate::parse::line::{classify, LineKind};
use crate::parse::reflow::wrap::Wrap;
use crate::parse::source_lines::{LineInfo, SourceLine};

impl Builder<'_> {
    /// Title and number lines; `ahead` holds the next lines that are not blank (see [`ahead`]). Returns
    /// true when the line was consumed.
    pub(super) fn header_line(&mut self, l: &SourceLine<'_>, kind: &LineKind<'_>, ahead: &[&str]) -> bool {
        let structural = matches!(
            kind,
            LineKind::Toc
                | LineKind::Group { .. }
                | LineKind::Article { .. }
                | LineKind::Suppl { .. }
                | LineKind::Paragraph { .. }
                | LineKind::Caption { .. }
                | LineKind::Tag { .. }
                | LineKind::Marker { .. }
        ) || matches!(l.info, LineInfo::ListItem { .. });
        let c = l.content;
        if !self.title_seen && c.starts_with('[') && c.ends_with(']') && c.contains("=\"") {
            // Lawtext law attributes: [LawType="Rule"][Era="Heisei"]
            for part in c.split(']') {
                if let Some((k, v)) = part.trim_start_matches('[').split_once("=\"") {
                    self.doc.attrs.insert(k.trim().to_string(), v.trim_end_matches('"').to_string());
                }
            }
            return true;
        }
        if !self.title_seen {
            self.title_seen = true;
            // A Markdown list item or a 号 marker (`（1）　…`) is a 項 or 号, never the title (a list item's
            // marker would be lost in it).
            if structural {
                return false;
            }
            self.doc.title = l.content.to_string();
            self.doc.span = span_of(l);
            self.number_possible = true;
            return true;
        }
        let nothing_yet = self.stack.is_empty() && self.doc.children.is_empty() && self.toc.is_none();
        // A PDF wrapped the title, or the number's note, at its width: the line goes on the one above (a
        // title that fills the width exactly is followed by its number, never continued by it).
        // (A bracketed piece of a note, 「（未施行）」, looks like a caption.)
        let piece = matches!(kind, LineKind::Text(_) | LineKind::Caption { .. }) && l.info == LineInfo::Plain;
        let wrapped = piece && nothing_yet && self.wraps.get(&l.line) == Some(&Wrap::Sure);
        if wrapped && (self.doc.number.is_some() || number_line(c).is_none()) {
            let c = c.trim_end();
            match self.doc.attrs.get_mut("number_note") {
                Some(note) => note.push_str(c),
                None if self.doc.number.is_none() => {
                    self.doc.title.push_str(c);
                    self.doc.span.end = span_of(l).end;
                }
                None => return false,
            }
            // Only the title may still have its number below.
            self.number_possible = self.doc.number.is_none();
            return true;
        }
        if self.number_possible {
            let c = l.content;
            if self.doc.number.is_some() {
                // The rest of a note wrapped after the number (「最終改正：平成一七年二」 「月一八日政令第二四号」).
                self.number_possible = false;
                let plain = matches!(kind, LineKind::Text(_)) && l.info == LineInfo::Plain;
                let note = self.doc.attrs.get_mut("number_note");
                if let Some(note) = note.filter(|_| plain && !c.contains('。') && c.trim_end().ends_with('号')) {
                    note.push_str(c.trim_end());
                    return true;
                }
                return false;
            }
            if let Some((end, close, inner)) = number_line(c) {
                self.doc.number = Some(inner.to_string());
                let tail = c[end + close.len_utf8()..].trim();
                if !tail.is_empty() {
                    self.doc.attrs.insert("number_note".into(), tail.to_string());
                }
                // A note cut before its act's number goes on in the next line.
                self.number_possible = !tail.is_empty() && !tail.ends_with('号') && tail.chars().count() < 40;
                return true;
            }
            // The rest of a wrapped title: plain words, no sentence, and the number on the next line.
            let plain = matches!(kind, LineKind::Text(_)) && l.info == LineInfo::Plain;
            let number_below = ahead.iter().position(|n| number_line(n).is_some()).is_some_and(|j| {
                ahead[..j].iter().all(|t| !t.contains('。') && matches!(classify(t), LineKind::Text(_)))
            });
            if plain && !c.contains('。') && !self.doc.title.ends_with('。') && number_below {
                self.doc.title.push_str(c.trim_end());
                self.doc.span.end = span_of(l).end;
                return true;
            }
            self.number_possible = false;
        }
        false
    }
}

/// The contents of the next three lines after `i` that are not blank.
pub(super) fn ahead<'a>(lines: &[SourceLine<'a>], kinds: &[LineKind<'_>], i: usize) -> Vec<&'a str> {
    (i + 1..lines.len()).filter(|&k| kinds[k] != LineKind::Blank).take(3).map(|k| lines[k].content).collect()
}

/// A number line (`（平成十四年法律第百五十三号）`, `（令和5年4月1日規程第3号）`, `（平成22年11月25日学長裁定）`):
/// where its bracket closes, the closing bracket and the number.
fn number_line(c: &str) -> Option<(usize, char, &str)> {
    if !(c.starts_with('（') || c.starts_with('(')) {
        return None;
    }
    let close = if c.starts_with('（') { '）' } else { ')' };
    let open_len = c.chars().next().map(char::len_utf8).unwrap_or(0);
    let end = c.find(close)?;
    let inner = &c[open_len..end];
    let number = (inner.ends_with('号') && inner.contains('第'))
        || inner.ends_with("制定")
        || inner.ends_with("決定")
        || inner.ends_with("裁定");
    number.then_some((end, close, inner))
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_title_wrapped_before_the_number_is_one_title() {
        let text = "インターネット異性紹介事業を利用して児童を誘引する行為の\n規制等に関する法律施行令\n（平成十五年政令第三百七十五号）\n第一条　この政令は、公布の日から施行する。\n";
        let doc = crate::parse::parse_str(text).unwrap();
        assert_eq!(doc.title, "インターネット異性紹介事業を利用して児童を誘引する行為の規制等に関する法律施行令");
        let three = text.replacen("行為の\n", "行為\nの", 1).replacen("施行令", "施行\n令", 1);
        assert_eq!(crate::parse::parse_str(&three).unwrap().title, doc.title, "{three}");
        assert_eq!(doc.number.as_deref(), Some("平成十五年政令第三百七十五号"));
        // A note wrapped after the number goes on in the next line, not into the preamble.
        let note = "とん税法施行令\n（昭和三十二年三月三十一日政令第四十八号）最終改正：平成一七年二\n月一八日政令第二四号\n　内閣は、とん税法の規定に基き、この政令を制定する。\n第一条　甲とする。\n";
        let doc = crate::parse::parse_str(note).unwrap();
        assert_eq!(
            doc.attrs.get("number_note").map(String::as_str),
            Some("最終改正：平成一七年二月一八日政令第二四号")
        );
        assert_eq!(doc.children[0].text, "内閣は、とん税法の規定に基き、この政令を制定する。");
        // Without a number line below, the second line is no part of the title.
        let doc =
            crate::parse::parse_str("何規程\n職員の服務について定める\n第一条　この規程は、例である。\n").unwrap();
        assert_eq!(doc.title, "何規程");
    }
}
