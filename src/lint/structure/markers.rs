//! Pieces of the tree that only a misreading makes: a provision whose whole text is a bracket or a comment
//! marker (`structure-bare-marker`), an appendix opened right after an item marker
//! (`structure-appendix-after-item`), and 目次 entries naming no group of the body (`structure-toc-unmatched`).

use super::{APPENDIX_AFTER_ITEM, BARE_MARKER, TOC_UNMATCHED};
use crate::diagnostic::Diagnostic;
use crate::lint::Locator;
use crate::model::{walk, Document, Kind};

/// Texts that are never a provision on their own: the halves of a bracket pair or of an HTML comment.
const MARKERS: &[&str] = &["（", "）", "(", ")", "「", "」", "［", "］", "[", "]", "【", "】"];

/// HTML comment delimiters: in a provision's text, wherever they stand, a comment (a drafter's note, a
/// commented-out article) was read as a provision.
const COMMENT: &[&str] = &["<!--", "-->", "--&gt;"];

/// `structure-bare-marker`: a 項, 号 or text block whose text, blanks aside, is one of [`MARKERS`] (a caption's
/// bracket split from its caption, a comment's opening or closing line read as a provision), or whose text
/// holds an HTML comment delimiter.
pub(super) fn bare(doc: &Document, loc: &Locator<'_>, out: &mut Vec<Diagnostic>) {
    walk::walk(doc, &mut |n| {
        if !matches!(n.kind, Kind::Paragraph | Kind::Item | Kind::Subitem | Kind::Text) {
            return;
        }
        let t = n.text.trim_matches(|c: char| c.is_whitespace());
        let what = n.kind.as_str();
        let (off, msg) = if MARKERS.contains(&t) {
            (n.text.find(t).unwrap_or(0), format!("the {what} text is only 「{t}」"))
        } else if let Some((off, m)) = COMMENT.iter().find_map(|m| n.text.find(m).map(|o| (o, m))) {
            (off, format!("the {what} text holds the comment marker 「{m}」: a comment read as a provision"))
        } else {
            return;
        };
        let at = loc.locate(n.span.start, &n.text, off);
        out.push(Diagnostic::warning(BARE_MARKER, msg).at(at.line, at.column).with_id(&n.id));
    });
}

/// `structure-appendix-after-item`: an appendix (別表, 様式…) that comes straight after a 号 or subitem with no
/// text of its own. That is an item whose text begins like an appendix heading (「一　様式第一（…）による
/// 届出書」 with the marker on its own line), split so that the heading opened an appendix that swallowed what
/// follows.
pub(super) fn appendix_after_item(doc: &Document, out: &mut Vec<Diagnostic>) {
    let flat = walk::flatten(doc);
    for w in flat.windows(2) {
        let (item, app) = (w[0], w[1]);
        // The marker alone: an item with no text, or a provision whose whole text is a marker (a Markdown
        // bullet 「- 一」 reads as a 項 with the text 「一」).
        let marker = if matches!(item.kind, Kind::Item | Kind::Subitem) && item.text.trim().is_empty() {
            Some(item.label.as_str())
        } else if matches!(item.kind, Kind::Paragraph | Kind::Item | Kind::Subitem) && is_marker_alone(&item.text) {
            Some(item.text.trim())
        } else {
            None
        };
        if let Some(marker) = marker.filter(|_| app.kind == Kind::Appendix && item.children.is_empty()) {
            let heading = app.heading.as_deref().map(|h| format!("{}{h}", app.label)).unwrap_or(app.label.clone());
            out.push(
                Diagnostic::warning(
                    APPENDIX_AFTER_ITEM,
                    format!(
                        "the appendix 「{heading}」 follows the empty item 「{marker}」 (line {}): probably that item's text",
                        item.span.start.line
                    ),
                )
                .at_span(app.span)
                .with_id(&app.id),
            );
        }
    }
}

/// Whether a text is a 号 or subitem marker and nothing else (「一」, 「（１）」, 「イ」).
fn is_marker_alone(text: &str) -> bool {
    use crate::parse::line::{classify, LineKind};
    let t = text.trim();
    !t.is_empty() && matches!(classify(&format!("{t}\u{3000}略")), LineKind::Marker { label, .. } if label == t)
}

/// `structure-toc-unmatched`: a 目次 entry (other than 附則) naming no 編/章/節/款/目 of the body, the same
/// lookup [`crate::lint::toc`] makes; the 目次 listing 附則 when the body has none.
pub(super) fn toc_unmatched(doc: &Document, out: &mut Vec<Diagnostic>) {
    let Some(toc) = doc.toc() else { return };
    let has_suppl = doc.suppl_provisions().next().is_some();
    walk::walk_node(toc, &mut |e| {
        if e.kind != Kind::TocEntry {
            return;
        }
        let shown = format!("{}{}", e.label, e.heading.as_deref().map(|h| format!("　{h}")).unwrap_or_default());
        let missing = if e.attrs.get("target").map(String::as_str) == Some("suppl") {
            !has_suppl
        } else {
            let body_id = e.id.strip_prefix("toc__").unwrap_or(&e.id);
            !doc.find(body_id).is_some_and(|g| g.kind.is_group())
        };
        if missing {
            out.push(
                Diagnostic::warning(
                    TOC_UNMATCHED,
                    format!("the 目次 entry 「{shown}」 matches no heading in the body"),
                )
                .at_span(e.span)
                .with_id(&e.id),
            );
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(text: &str) -> Vec<(String, u32, u32)> {
        let doc = crate::parse::parse_str(text).unwrap();
        let loc = Locator::new(Some(text));
        let mut out = Vec::new();
        bare(&doc, &loc, &mut out);
        appendix_after_item(&doc, &mut out);
        toc_unmatched(&doc, &mut out);
        out.into_iter().map(|d| (d.code, d.line, d.column)).collect()
    }

    #[test]
    fn a_lone_bracket_is_reported_where_it_stands() {
        let mut doc = crate::parse::parse_str("規程\n第1条　甲\n２　乙\n").unwrap();
        doc.children[0].children[1].set_text("）");
        let loc = Locator::new(Some("規程\n第1条　甲\n２　）\n"));
        let mut out = Vec::new();
        bare(&doc, &loc, &mut out);
        assert_eq!(out.len(), 1, "{out:?}");
        assert_eq!((out[0].line, out[0].column), (3, 3));
        assert_eq!(out[0].id.as_deref(), Some("art_1__para_2"));
        // Brackets inside a sentence are text.
        assert!(codes("規程\n第1条　甲（乙）\n２　「丙」\n").is_empty());
    }

    #[test]
    fn a_comment_marker_read_as_a_paragraph() {
        let c = codes("規程\n第1条　甲\n２　-->\n");
        assert_eq!(c, [(BARE_MARKER.to_string(), 3, 3)]);
        // A Markdown comment over several lines, one of them a list item: the closing marker is reported
        // where it stands.
        let t = "# 就業規則\n\n### 第1条　目的\n\n1. この規則は、目的を定める。\n<!--\n2. 起草メモ\n-->\n";
        let doc = crate::parse::parse_str(t).unwrap();
        if doc.find("art_1__para_2").is_some_and(|p| p.text.contains("-->")) {
            assert_eq!(codes(t), [(BARE_MARKER.to_string(), 8, 1)], "{:?}", codes(t));
        } else {
            // (Once the parser keeps comments out of provisions, nothing to report.)
            assert!(codes(t).is_empty(), "{:?}", codes(t));
        }
    }

    #[test]
    fn appendix_heading_split_from_its_item() {
        // The text parser reads a lone 「一」's next line as its text; a Markdown bullet holding only the
        // number, with the text as the next paragraph, still opens an appendix.
        let t = "# 規程\n\n### 第1条\n\n届出は、次に掲げる書類による。\n\n- 一\n\n様式第一（別紙一から別紙六までを含む。）による届出書\n\n### 第2条\n\n丙\n";
        let c = codes(t);
        assert_eq!(c, [(APPENDIX_AFTER_ITEM.to_string(), 9, 1)], "{c:?}");
        // The same item on one line is an item; a real 様式 after the articles is an appendix.
        let t = "規程\n第1条　次に掲げる書類\n一　様式第一による届出書\n二　その他\n第2条　丙\n様式第一（第1条関係）\n届出書\n";
        assert!(codes(t).is_empty(), "{:?}", codes(t));
    }

    #[test]
    fn toc_entries_without_a_group() {
        let t = "規程\n目次\n第1章　総則（第1条）\n第2章　雑則（第2条）\n附則\n第1章　総則\n第1条　甲\n第2条　乙\n";
        let c = codes(t);
        let lines: Vec<u32> = c.iter().map(|c| c.1).collect();
        assert_eq!(lines, [4, 5], "{c:?}"); // 第2章 and 附則
        assert!(c.iter().all(|c| c.0 == TOC_UNMATCHED));
        let ok = "規程\n目次\n第1章　総則（第1条）\n附則\n第1章　総則\n第1条　甲\n附　則\nこの規程は、施行する。\n";
        assert!(codes(ok).is_empty(), "{:?}", codes(ok));
    }
}
