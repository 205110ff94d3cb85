//! Ruby written inline in headings (`（<Ruby>傍<Rt>ぼう</Rt></Ruby>点）`, as the canonical text and Lawtext write
//! it): the heading keeps the base characters and the reading goes to attr `heading_markup`
//! (`start<TAB>end<TAB>Ruby<TAB>reading`, byte offsets into `heading`), as the e-Gov XML import records a
//! `<Ruby>` in an `ArticleCaption`. Runs after the builder, so that text and XML inputs give the same model.

use crate::model::{walk, Document};

/// Lifts the ruby out of every heading (and `heading_raw`) of the document.
pub(crate) fn lift_heading_ruby(doc: &mut Document) {
    walk::walk_mut(doc, &mut |n| {
        let Some(h) = n.heading.as_deref().filter(|h| h.contains("<Ruby>")) else { return };
        let Some((base, marks)) = lift(h) else { return };
        n.heading = Some(base);
        n.attrs.insert("heading_markup".into(), marks);
        if let Some(raw) = n.heading_raw.take() {
            let raw = lift(&raw).map_or(raw, |(b, _)| b);
            let canonical = n.heading.as_ref().map(|h| format!("（{h}）"));
            if Some(&raw) != canonical.as_ref() {
                n.heading_raw = Some(raw);
            }
        }
    });
}

/// `明<Ruby>瞭<Rt>りよう</Rt></Ruby>` → (`明瞭`, the marks); `None` when there is no well-formed ruby.
pub(crate) fn lift(s: &str) -> Option<(String, String)> {
    let mut text = String::with_capacity(s.len());
    let mut marks = Vec::new();
    let mut rest = s;
    while let Some(i) = rest.find("<Ruby>") {
        let after = &rest[i + "<Ruby>".len()..];
        let (Some(rt), Some(end)) = (after.find("<Rt>"), after.find("</Ruby>")) else { break };
        let Some(rt_end) = after.find("</Rt>").filter(|&e| e > rt && e < end) else { break };
        text.push_str(&rest[..i]);
        let start = text.len();
        text.push_str(&after[..rt]);
        marks.push(format!("{start}\t{}\tRuby\t{}", text.len(), &after[rt + "<Rt>".len()..rt_end]));
        rest = &after[end + "</Ruby>".len()..];
    }
    text.push_str(rest);
    (!marks.is_empty()).then(|| (text, marks.join("\n")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lifts_ruby_out_of_text() {
        let (t, m) = lift("明<Ruby>瞭<Rt>りよう</Rt></Ruby>な<Ruby>傍<Rt>ぼう</Rt></Ruby>").unwrap();
        assert_eq!(t, "明瞭な傍");
        assert_eq!(m, "3\t6\tRuby\tりよう\n9\t12\tRuby\tぼう");
        assert!(lift("<Ruby>壊れ").is_none(), "an unclosed ruby is left as written");
    }

    #[test]
    fn heading_ruby_from_text_input() {
        let doc = crate::parse::parse_str("規程\n（<Ruby>傍<Rt>ぼう</Rt></Ruby>点）\n第一条　甲とする。\n").unwrap();
        let art = &doc.children[0];
        assert_eq!(art.heading.as_deref(), Some("傍点"));
        assert_eq!(art.heading_raw, None);
        assert_eq!(art.attrs.get("heading_markup").map(String::as_str), Some("0\t3\tRuby\tぼう"));
    }
}
