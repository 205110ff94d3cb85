//! Text, Markdown and e-Gov XML → [`Document`]. Parsing does no I/O: it takes decoded text (see
//! [`crate::input`]) and returns the document plus diagnostics, or a [`crate::Error`] naming
//! `file:line:column`, what was expected and what was found.
//!
//! ```
//! let text = "テスト規程\n\n（目的）\n第一条　この規程は、目的を定める。\n２　前項は例である。\n";
//! let doc = kitei::parse::parse_str(text).unwrap();
//! assert_eq!(doc.children[0].id, "art_1");
//! assert_eq!(doc.children[0].heading.as_deref(), Some("目的"));
//! assert_eq!(doc.children[0].children[1].id, "art_1__para_2");
//! ```

pub mod builder;
pub mod docx;
pub mod egov_xml;
pub mod english;
pub mod html_table;
pub mod line;
pub mod reflow;
mod ruby;
pub mod source_lines;
pub mod spacing;

use crate::diagnostic::Diagnostic;
use crate::error::Result;
use crate::input::{InputFormat, Source};
use crate::model::Document;

/// A parsed document and what the parser noticed on the way (recoveries, oddities).
#[derive(Debug, Clone)]
pub struct Parsed {
    /// The tree, with IDs assigned.
    pub document: Document,
    /// Non-fatal findings.
    pub diagnostics: Vec<Diagnostic>,
}

/// How to read a source, beyond its format.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ParseOptions {
    /// Remove the spaces of text spaced out character by character, as pasted from some PDFs (see
    /// [`spacing`]). The source is not changed; only the tree's texts, captions, labels and titles are.
    pub normalize_spacing: bool,
    /// For a .docx with tracked changes: read the text after the changes (the default) or before them.
    pub revisions: docx::Revisions,
}

/// Parses a decoded source in its format.
pub fn parse_source(src: &Source) -> Result<Parsed> {
    parse_source_with(src, ParseOptions::default())
}

/// Parses a decoded source in its format, with options.
pub fn parse_source_with(src: &Source, options: ParseOptions) -> Result<Parsed> {
    let mut parsed = if src.format == InputFormat::Docx {
        // The Markdown the Word reader wrote, in the chosen revision; lines it marked plain are plain text.
        let text = docx::resolve(&src.text, options.revisions);
        let lines = source_lines::markdown_lines(&text).into_iter().map(plain_line).collect();
        builder::build(&src.name, reflow::reflow(lines), crate::model::SourceFormat::Markdown).map(lift_heading_ruby)?
    } else {
        parse_format(src)?
    };
    if options.normalize_spacing && matches!(src.format, InputFormat::Text | InputFormat::Markdown | InputFormat::Docx)
    {
        spacing::normalize_document(&mut parsed.document);
    }
    Ok(parsed)
}

fn parse_format(src: &Source) -> Result<Parsed> {
    match src.format {
        InputFormat::Xml => egov_xml::parse(&src.name, &src.text),
        InputFormat::Json => parse_json(&src.name, &src.text),
        InputFormat::English => english::parse_english(&src.name, &src.text),
        InputFormat::Text => {
            let lines = reflow::reflow(source_lines::text_lines(&src.text));
            let furniture = reflow::page_furniture(&lines);
            builder::build(&src.name, lines, crate::model::SourceFormat::Text)
                .map(|p| with_page_furniture(p, furniture))
                .map(lift_heading_ruby)
        }
        InputFormat::Markdown | InputFormat::Docx => {
            let lines = reflow::reflow(source_lines::markdown_lines(&src.text));
            let furniture = reflow::page_furniture(&lines);
            builder::build(&src.name, lines, crate::model::SourceFormat::Markdown)
                .map(|p| with_page_furniture(p, furniture))
                .map(lift_heading_ruby)
        }
    }
}

/// A line of a .docx's Markdown that starts with [`docx::PLAIN`]: Markdown read it as a paragraph line
/// (the mark is no syntax); the mark is removed. Its column stays the mark's, where the text starts once the
/// marks are gone ([`docx::plain_text`]).
fn plain_line(mut l: source_lines::SourceLine<'_>) -> source_lines::SourceLine<'_> {
    if let Some(rest) = l.content.strip_prefix(docx::PLAIN) {
        l.content = rest;
    }
    l
}

/// Adds the `page-furniture` warnings of text pasted from a PDF ([`reflow::page_furniture`]), found before
/// the build consumed the lines.
fn with_page_furniture(mut p: Parsed, furniture: Vec<crate::diagnostic::Diagnostic>) -> Parsed {
    p.diagnostics.extend(furniture);
    p
}

fn lift_heading_ruby(mut p: Parsed) -> Parsed {
    ruby::lift_heading_ruby(&mut p.document);
    p
}

/// Parses text whose format is detected automatically, as `<input>`.
pub fn parse_str(text: &str) -> Result<Document> {
    let src = Source { name: "<input>".into(), text: text.to_string(), format: crate::input::detect_format(text) };
    parse_source(&src).map(|p| p.document)
}

/// The node levels kitei JSON input reads: serde_json reads 127 nested JSON levels, and node level k holds
/// its `children` array at JSON level 2k + 2 (the document's object and array are levels 1 and 2).
const JSON_NODE_LEVELS: usize = 62;

/// Reads kitei JSON. serde_json stops at 128 nesting levels (a node and its `children` array take two) and
/// says so as an error at the place it stopped, never by overflowing the stack; the error names the limit in
/// node levels and what to read instead.
fn parse_json(name: &str, text: &str) -> Result<Parsed> {
    let mut document: Document = serde_json::from_str(text).map_err(|e| crate::Error::Syntax {
        at: crate::error::Location { file: name.into(), line: e.line() as u32, column: e.column() as u32 },
        expected: "kitei JSON (the output of `kitei parse`)".into(),
        found: if e.to_string().starts_with("recursion limit exceeded") {
            format!(
                "a tree nested deeper than kitei JSON input reads ({JSON_NODE_LEVELS} levels of \
                 provisions, 127 JSON levels): read the source text or e-Gov XML instead"
            )
        } else {
            e.to_string()
        },
    })?;
    crate::model::ids::assign_ids(&mut document);
    Ok(Parsed { document, diagnostics: Vec::new() })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Kind, Node};

    /// A document whose one top-level node holds a chain of `levels` subitems, as kitei JSON.
    fn nested_json(levels: usize) -> String {
        let mut top = Node::new(Kind::Subitem);
        top.set_text("最も深い細目を定める。");
        for _ in 1..levels {
            let mut n = Node::new(Kind::Subitem);
            n.children.push(top);
            top = n;
        }
        let mut doc = Document::new("深い規程");
        doc.children.push(top);
        serde_json::to_string(&doc).unwrap()
    }

    /// The start of the same JSON, `levels` deep, cut after the deepest `"children":[` (built as text: the
    /// serialiser itself recurses). The reader must stop at its limit before it finds the text cut.
    fn deep_prefix(levels: usize) -> String {
        let cut = |json: String| json[..json.find("\"children\":[").unwrap() + 12].to_string();
        let doc = cut(serde_json::to_string(&Document::new("深い規程")).unwrap());
        doc + &cut(serde_json::to_string(&Node::new(Kind::Subitem)).unwrap()).repeat(levels)
    }

    #[test]
    fn json_within_the_nesting_limit_reads_back() {
        let json = nested_json(JSON_NODE_LEVELS);
        let doc = parse_json("a.json", &json).unwrap().document;
        assert_eq!(crate::model::walk::flatten(&doc).len(), JSON_NODE_LEVELS);
    }

    #[test]
    fn json_deeper_than_the_limit_is_a_located_error_not_a_crash() {
        for json in [nested_json(JSON_NODE_LEVELS + 1), deep_prefix(100_000)] {
            let Err(crate::Error::Syntax { at, found, .. }) = parse_json("deep.json", &json) else {
                panic!("a tree deeper than the limit was read");
            };
            assert_eq!((at.file.as_str(), at.line), ("deep.json", 1));
            // Where the reader stopped: at its 128th opening bracket, not at the end of the text.
            let before = &json[..at.column as usize];
            assert_eq!(before.matches(['{', '[']).count(), 128, "{before}");
            assert!(found.contains("62 levels of provisions"), "{found}");
        }
    }

    #[test]
    fn a_parsed_tree_keeps_no_spare_capacity() {
        // A parent's children grow by doubling while it is built (four slots for two nodes, three 項 in
        // four, five 号 in eight); a finished tree holds only its nodes, in text and in Markdown.
        let text =
            "規程\n第一条　甲は、乙とする。ただし、丙はこの限りでない。\n２　丁とする。\n一　戊\n二　己\n三　庚\n\
                    ３　辛とする。\n第二条　壬とする。\n";
        let md = "# 規程\n\n### 第1条\n\n1. 甲とする。\n2. 乙とする。\n3. 丙とする。\n";
        for (name, text, format) in [("a.txt", text, InputFormat::Text), ("a.md", md, InputFormat::Markdown)] {
            let src = Source { name: name.into(), text: text.into(), format };
            let doc = parse_source(&src).unwrap().document;
            assert_eq!(doc.children.capacity(), doc.children.len(), "{name}");
            let mut parents = 0;
            crate::model::walk::walk(&doc, &mut |n| {
                parents += usize::from(n.children.len() > 1);
                assert_eq!(n.children.capacity(), n.children.len(), "{name} {}", n.id);
                assert_eq!(n.sentences.capacity(), n.sentences.len(), "{name} {}", n.id);
                assert_eq!(n.text.capacity(), n.text.len(), "{name} {}", n.id);
            });
            assert!(parents >= 1, "{name}: the example has a parent of several nodes");
        }
    }

    #[test]
    fn an_indented_code_block_after_a_paragraph_is_text_and_round_trips() {
        let text = "# 規程\n\n### 第1条　目的\n\n本文である。\n\n    <!--\n    第5章　旧規定\n    ### 第30条　削除予定\n    -->\n";
        let src = Source { name: "a.md".into(), text: text.into(), format: InputFormat::Markdown };
        let doc = parse_source(&src).unwrap().document;
        let kinds: Vec<Kind> = crate::model::walk::flatten(&doc).iter().map(|n| n.kind).collect();
        assert!(!kinds.contains(&Kind::Chapter), "{kinds:?}");
        assert_eq!(doc.articles().len(), 1, "{kinds:?}");
        let all: String = crate::model::walk::flatten(&doc).iter().map(|n| n.text.as_str()).collect();
        assert!(all.contains("<!--第5章　旧規定### 第30条　削除予定"), "{all}");
        assert_eq!(crate::conformance::canonical_round_trip(&doc), Ok(()));
    }
}
