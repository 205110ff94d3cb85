//! The canonical text of an English translation (`*.en.md`, read by `parse::english`): written in the
//! layout that reader takes, not the Japanese one, so that it reads back as the same tree. Comments first
//! (the `translation-of` one among them), the title, `Table of Contents` and its entries, `Chapter I
//! Title`, `Article 1 (Caption)` with the first paragraph's text below it, `(2) …`, `(i) …`, `(a) …`,
//! `Supplementary Provisions`, and the fingerprints comment last.

use crate::model::{Document, Kind, Node};
use crate::parse::english::FINGERPRINTS_MARK;

/// True for a document read by `parse::english` (it marks every one `lang="en"`).
pub(super) fn is_english(doc: &Document) -> bool {
    doc.format == crate::model::SourceFormat::Markdown && doc.attrs.get("lang").is_some_and(|v| v == "en")
}

/// The canonical text of an English translation.
pub(super) fn to_text(doc: &Document) -> String {
    let mut out = String::new();
    if let Some(c) = doc.attrs.get("comments") {
        for l in c.split('\n') {
            out.push_str(&format!("<!-- {l} -->\n"));
        }
    }
    out.push_str(&doc.title);
    out.push('\n');
    for n in &doc.children {
        node(&mut out, n);
    }
    if let Some(f) = doc.attrs.get("fingerprints") {
        // Read back line by line, the first (the mark) included: `<!-- first`, the lines, `last -->`.
        let lines: Vec<&str> = f.split('\n').collect();
        out.push('\n');
        match lines.as_slice() {
            [one] => out.push_str(&format!("<!-- {one} -->\n")),
            [first, middle @ .., last] => {
                out.push_str(&format!("<!-- {first}\n"));
                for l in middle {
                    out.push_str(l);
                    out.push('\n');
                }
                out.push_str(&format!("{last} -->\n"));
            }
            [] => out.push_str(&format!("<!-- {FINGERPRINTS_MARK} -->\n")),
        }
    }
    out
}

fn push_line(out: &mut String, parts: &[&str]) {
    let line = parts.iter().filter(|p| !p.is_empty()).copied().collect::<Vec<_>>().join(" ");
    out.push_str(&line);
    out.push('\n');
}

fn node(out: &mut String, n: &Node) {
    match n.kind {
        Kind::Toc => {
            out.push('\n');
            push_line(out, &[&n.label]);
            for e in &n.children {
                push_line(out, &[&e.label, e.heading.as_deref().unwrap_or(""), &e.text]);
            }
        }
        k if k.is_group() => {
            out.push('\n');
            push_line(out, &[&n.label, n.heading.as_deref().unwrap_or("")]);
            n.children.iter().for_each(|c| node(out, c));
        }
        Kind::SupplProvision => {
            out.push('\n');
            let heading = n.heading.as_ref().map(|h| format!("({h})")).unwrap_or_default();
            push_line(out, &[&n.label, &heading]);
            n.children.iter().for_each(|c| node(out, c));
        }
        Kind::Article => {
            out.push('\n');
            let heading = n.heading.as_ref().map(|h| format!("({h})")).unwrap_or_default();
            push_line(out, &[&n.label, &heading]);
            n.children.iter().for_each(|c| node(out, c));
        }
        Kind::Paragraph | Kind::Item | Kind::Subitem => {
            // An unnumbered first paragraph is the text line below the article (none when it only holds
            // items: they follow the article line directly).
            if !(n.label.is_empty() && n.text.is_empty()) {
                push_line(out, &[&n.label, &n.text]);
            }
            n.children.iter().for_each(|c| node(out, c));
        }
        _ => {
            // After a blank line: right after the contents, a line would be read as one of its entries.
            out.push('\n');
            push_line(out, &[&n.text]);
            n.children.iter().for_each(|c| node(out, c));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::conformance::tree_difference;

    fn round_trips(text: &str) -> String {
        let doc = crate::parse::english::parse_english("t.en.md", text).unwrap().document;
        let canonical = crate::export::text::to_text(&doc);
        assert_eq!(crate::input::detect_format(&canonical), crate::input::InputFormat::English, "{canonical}");
        let again = crate::parse::parse_str(&canonical).unwrap();
        assert!(tree_difference(&doc, &again).is_none(), "{:?}\n{canonical}", tree_difference(&doc, &again));
        assert_eq!(doc.attrs, again.attrs, "{canonical}");
        canonical
    }

    /// Written in the Japanese layout, an English translation read back with its attribute line as the
    /// title and its captions as text.
    #[test]
    fn an_english_translation_reads_back_as_the_same_tree() {
        let text = round_trips(
            "<!-- translation-of: a.md -->\nRules\n\nTable of Contents\nChapter I General (Articles 1 to 2)\n\
             Supplementary Provisions\n\nChapter I General\n\nArticle 1 (Purpose)\nThe purpose.\n(2) Second:\n\
             (i) item;\n(a) sub.\n\nArticle 2\n(i) only items\n\nSupplementary Provisions\nIn force.\n\n\
             <!-- kitei-fingerprints\nart_1 0123\n-->\n",
        );
        assert!(text.contains("\nArticle 1 (Purpose)\nThe purpose.\n(2) Second:\n"), "{text}");
    }

    /// Every translation in the repository's regulations reads back the same.
    #[test]
    fn the_seed_translations_round_trip() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/regulations/jlis-ninsho-jimu-kanri-kitei/");
        for date in ["2014-04-01", "2016-01-01", "2027-04-01"] {
            round_trips(&std::fs::read_to_string(format!("{dir}{date}.en.md")).unwrap());
        }
    }
}
