//! The lines before the body: the title, the law number (`（平成十四年法律第百五十三号）`, `（令和5年4月1日規程第3号）`)
//! and Lawtext's law attributes (`[LawType="Rule"]`).

use super::{span_of, Builder};
use crate::parse::line::LineKind;
use crate::parse::source_lines::SourceLine;

impl Builder<'_> {
    /// Title and number lines. Returns true when the line was consumed.
    pub(super) fn header_line(&mut self, l: &SourceLine<'_>, kind: &LineKind<'_>) -> bool {
        let structural = matches!(
            kind,
            LineKind::Toc
                | LineKind::Group { .. }
                | LineKind::Article { .. }
                | LineKind::Suppl { .. }
                | LineKind::Paragraph { .. }
                | LineKind::Caption { .. }
                | LineKind::Tag { .. }
        );
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
            if structural {
                return false;
            }
            self.doc.title = l.content.to_string();
            self.doc.span = span_of(l);
            self.number_possible = true;
            return true;
        }
        if self.number_possible {
            self.number_possible = false;
            let c = l.content;
            if c.starts_with('（') || c.starts_with('(') {
                let close = if c.starts_with('（') { '）' } else { ')' };
                let open_len = c.chars().next().map(char::len_utf8).unwrap_or(0);
                // `（平成十四年法律第百五十三号）`, `（令和5年4月1日規程第3号）`, `（平成22年11月25日学長裁定）`.
                let number = c.find(close).map(|end| (end, &c[open_len..end])).filter(|(_, inner)| {
                    (inner.ends_with('号') && inner.contains('第'))
                        || inner.ends_with("制定")
                        || inner.ends_with("決定")
                        || inner.ends_with("裁定")
                });
                if let Some((end, inner)) = number {
                    self.doc.number = Some(inner.to_string());
                    let tail = c[end + close.len_utf8()..].trim();
                    if !tail.is_empty() {
                        self.doc.attrs.insert("number_note".into(), tail.to_string());
                    }
                    return true;
                }
            }
        }
        false
    }
}
