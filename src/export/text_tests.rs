//! The canonical text of Markdown documents reads back to the same tree (issue 11): minimal examples of
//! each way the writer once lost the Markdown structure.

use super::to_text;
use crate::conformance::tree_difference;
use crate::input::{InputFormat, Source};

fn markdown(text: &str) -> crate::model::Document {
    let src = Source { name: "t.md".into(), text: text.into(), format: InputFormat::Markdown };
    crate::parse::parse_source(&src).unwrap().document
}

/// The canonical text, read back as `kitei parse` reads a file (format detected), is the same tree.
fn round_trips(text: &str) -> String {
    let doc = markdown(text);
    let canonical = to_text(&doc);
    assert_eq!(crate::input::detect_format(&canonical), InputFormat::Markdown, "{canonical}");
    let again = crate::parse::parse_str(&canonical).unwrap();
    assert!(tree_difference(&doc, &again).is_none(), "{:?}\n{canonical}", tree_difference(&doc, &again));
    canonical
}

#[test]
fn a_table_inside_a_numbered_paragraph_keeps_the_item_after_it_nested() {
    let doc = markdown("# 規程\n\n### 第1条　目的\n\n1. 本文。\n    | 甲 | 乙 |\n    |---|---|\n    1. 号。\n");
    assert_eq!(doc.children[0].children[0].children.len(), 2, "a table and an item in the 項");
    let text = round_trips("# 規程\n\n### 第1条　目的\n\n1. 本文。\n    | 甲 | 乙 |\n    |---|---|\n    1. 号。\n");
    assert!(text.contains("\n    | 甲 | 乙 |\n"), "{text}");
}

#[test]
fn a_text_line_beginning_2_dot_stays_text() {
    // `2. …` under a bullet whose sentence it continues is text, not a list item (Markdown lets only a list
    // starting at 1 interrupt a paragraph); written at column 0 or after a blank line it would be one.
    let src = "# 規程\n\n### 第1条　目的\n\n## 第1章　総則\n\n- 甲とする。\n    2. 　乙とする。\n";
    let doc = markdown(src);
    let texts: Vec<&str> = doc.children[1].children.iter().map(|p| p.text.as_str()).collect();
    assert_eq!(texts, ["甲とする。", "2. 　乙とする。"]);
    round_trips(src);
}

/// A Markdown paragraph's continuation line that opens like a block (`- …`, `* …`, `1. …`, `# …`, `> …`): the
/// parser reads it as text (a 項 of its own after a sentence), so the writer must not write it where it opens
/// that block (the Markdown property test's finding: `- 　…` nested under `2.` came back as a 項 labelled `-`).
#[test]
fn a_continuation_line_that_opens_like_a_markdown_block_stays_text() {
    for start in ["- ", "* ", "+ ", "1. ", "1) ", "# ", "> ", "| 甲 |", "==="] {
        let src = format!("# 規程\n\n### 第1条　目的\n\n1. 本文である。\n        {start}　全角で始まる。\n");
        let doc = markdown(&src);
        let texts: Vec<(&str, &str)> =
            doc.children[0].children.iter().map(|p| (p.label.as_str(), p.text.as_str())).collect();
        assert_eq!(texts, [("1.", "本文である。"), ("", &*format!("{start}　全角で始まる。"))], "{src}");
        round_trips(&src);
    }
}

/// The same after a comment that stood between the article and its first 項 (an unclosed `<!--` runs to the
/// next `-->`; the indented line after it is a code block, read as text).
#[test]
fn a_first_paragraph_after_a_comment_that_opens_like_a_block_stays_text() {
    for start in ["- ", "2. "] {
        let src = format!("# 規程\n\n### 第1条　目的\n\n<!-- 閉じ忘れ\n1. 本文である。\n    <!-- 起草メモ -->\n    {start}本文である。\n");
        let p = &markdown(&src).children[0].children[0];
        assert_eq!((p.label.as_str(), p.text.as_str()), ("", &*format!("{start}本文である。")));
        assert!(p.attrs["comments"].starts_with("<!-- 閉じ忘れ"));
        round_trips(&src);
    }
}

/// An HTML table written in an indented code block after a comment is text (its lines joined), and must not come
/// back as a table.
#[test]
fn an_html_table_read_as_text_stays_text() {
    let src = "# 規程\n\n### 第1条　目的\n\n<!-- 閉じ忘れ\n1. 本文である。\n    <!-- 起草メモ -->\n    <table>\n    \
               <tr><td>十日</td></tr>\n    </table>\n";
    let p = &markdown(src).children[0].children[0];
    assert_eq!(p.text, "<table><tr><td>十日</td></tr></table>");
    round_trips(src);
}

/// `2. …` read as text because the line before it was a paragraph (here a line of one full-width space) is
/// written under a blank line (after 附則): there it would open a list, so it is tagged.
#[test]
fn a_text_line_beginning_2_dot_after_a_blank_line_stays_text() {
    let src = "# 規程\n\n### 第1条　目的\n\n## 附則\n\u{3000}\n2. 本文である。\n";
    let doc = markdown(src);
    let p = &doc.children.last().unwrap().children[0];
    assert_eq!((p.label.as_str(), p.text.as_str()), ("", "2. 本文である。"));
    round_trips(src);
}

/// Text of a chapter (outside any provision) that opens like a list item after a comment is tagged too.
#[test]
fn text_of_a_chapter_that_opens_like_a_list_item_stays_text() {
    let src =
        "# 規程\n\n### 第1条　目的\n\n## 第1章　総則\n<!-- 閉じ忘れ\n1. 甲。\n    <!-- 注 -->\n    1. 乙である。\n";
    let doc = markdown(src);
    let t = &doc.children[1].children[0];
    assert_eq!((t.kind, t.text.as_str()), (crate::model::Kind::Text, "1. 乙である。"));
    round_trips(src);
}

/// `2. …` read as text under a paragraph that itself continues a `1.` item (no blank line in the canonical
/// text between them) would be the list's second item: it is tagged wherever it stands.
#[test]
fn a_text_line_beginning_2_dot_inside_a_list_stays_text() {
    let src = "# 規程\n\n### 第1条　目的\n1. 本文である。\n甲である。\n\n乙である。\n2. 丙である。\n";
    let doc = markdown(src);
    let last = doc.children[0].children.last().unwrap();
    assert_eq!((last.label.as_str(), last.text.as_str()), ("", "2. 丙である。"));
    round_trips(src);
}

/// `2. …` read as text under a `1.` item, with a table and a nested item after it: its tag stays inside the
/// item, so the table and the nested `1.` stay in the item too.
#[test]
fn a_tagged_line_under_a_list_item_keeps_the_item_open() {
    let src = "# 規程\n\n### 第1条　目的\n\n1. 本文である。\n    2. 乙である。\n    <!-- メモ -->\n    <table>\n    \
               <tr><td rowspan=\"2\">正社員</td><td>二十日</td></tr>\n    <tr><td>十日</td></tr>\n    </table>\n\n    \
               1. 丙である。\n";
    let text = round_trips(src);
    assert!(text.contains("\n   :anonym-paragraph:2. 乙である。\n"), "{text}");
}

#[test]
fn an_article_heading_without_text_before_suppl_provisions() {
    // A number alone on a plain line takes the next line as its text: `附則` would become the article's.
    let text = round_trips("# 規程\n\n### 第1条　目的\n\n## 附則\n");
    assert!(text.contains("### 第1条　目的\n"), "{text}");
}

#[test]
fn a_short_markdown_document_is_read_back_as_markdown() {
    let text = round_trips("# 規程\n\n### 第1条　目的\n\n- 甲\n");
    assert!(text.starts_with("# 規程\n"), "{text}");
}

#[test]
fn a_pipe_table_after_an_html_table_and_a_blank_line_is_a_table_of_its_own() {
    let src = "# 規程\n\n### 第1条　目的\n\n本文。\n<table>\n<tr><td rowspan=\"2\">甲</td><td>乙</td></tr>\n\
               <tr><td>丙</td></tr>\n</table>\n\n| 区分 | 日数 |\n|---|---|\n| 正社員 | 二十日 |\n";
    let doc = markdown(src);
    let para = &doc.children[0].children[0];
    assert_eq!(para.children.iter().filter(|n| n.kind == crate::model::Kind::Table).count(), 2);
    round_trips(src);
    round_trips("# 規程\n\n### 第1条　目的\n\n<table><tr><td colspan=\"2\">甲</td></tr></table>\n\n\n| 乙 |\n|---|\n");
}

#[test]
fn a_line_after_an_html_table_is_not_part_of_it() {
    let src = "# 規程\n\n### 第1条　目的\n\n## 附則\n<table><caption>表題</caption><tr><td>丙</td></tr></table>\n\n\
               ### 第1条　目的\n## 第1章　総則\n";
    let text = round_trips(src);
    assert!(text.contains("</table>\n\n"), "{text}");
}

/// Found by the property test asserting the same tree: a document without a title whose first provision
/// is a plain line (an unnumbered 項, a preamble), which read back as the title.
#[test]
fn a_first_plain_line_of_an_untitled_document_is_not_read_back_as_its_title() {
    for src in ["（目的）\n- (1) 号", "（目的）\n- (1) 号\n2　次項である。"] {
        let doc = crate::parse::parse_str(src).unwrap();
        assert!(doc.title.is_empty(), "{src}");
        let canonical = to_text(&doc);
        assert_eq!(crate::conformance::canonical_round_trip(&doc), Ok(()), "{canonical}");
    }
}

#[test]
fn a_markdown_title_that_reads_as_an_appendix_heading_stays_a_plain_first_line() {
    // `# 別表…` is Lawtext's appendix: written so, the title would come back as a 別表 or as 「# 別表…」.
    let doc = markdown("別表第一（第三条関係）\n\n### 第1条　目的\n\n1. 本文。\n");
    assert_eq!(doc.title, "別表第一（第三条関係）");
    let canonical = to_text(&doc);
    // After the empty front matter that says Markdown (the text has too few list items to tell).
    assert!(canonical.starts_with("---\n---\n別表第一（第三条関係）\n"), "{canonical}");
    assert_eq!(crate::input::detect_format(&canonical), InputFormat::Markdown);
    let again = markdown(&canonical);
    assert!(tree_difference(&doc, &again).is_none(), "{:?}\n{canonical}", tree_difference(&doc, &again));
}

/// Items standing at the top after a 目次, following a top-level 項 「2」: the paragraph that holds them is
/// implicit (the parser opens it, numbered after the last 項), so it is written as nothing, not as an
/// `:anonym-paragraph:` that would read back as an explicit one (the plain-text property test's finding).
#[test]
fn an_implicit_paragraph_at_the_top_is_written_as_nothing() {
    let src = "2　次項である。\n第一条　本文である。\n目次\n  一　号の文\n";
    let doc = crate::parse::parse_str(src).unwrap();
    let canonical = to_text(&doc);
    assert!(!canonical.contains(":anonym-paragraph:"), "{canonical}");
    let again = crate::parse::parse_str(&canonical).unwrap();
    assert!(tree_difference(&doc, &again).is_none(), "{:?}\n{canonical}", tree_difference(&doc, &again));
}

/// A 本則 of paragraphs after a 制定文, one of them a figure note: every 項 is tagged, so none comes back as a
/// second 前文 (the 2013 layout of a 様式 省令).
#[test]
fn a_main_provision_of_paragraphs_after_an_enacting_text_reads_back() {
    let src =
        "省令\n（昭和四十四年省令第二十五号）\n\n法第六十八条の規定を実施するため、この省令を次のように制定する。\n\n\
               証票の様式を次のように定める。\n\n図略\n\n      附　則\n\nこの省令は、公布の日から施行する。\n";
    let doc = crate::parse::parse_str(src).unwrap();
    let kinds: Vec<_> = doc.children.iter().map(|c| c.kind).collect();
    assert_eq!(kinds[..2], [crate::model::Kind::Preamble, crate::model::Kind::Paragraph], "{kinds:?}");
    let canonical = to_text(&doc);
    let again = crate::parse::parse_str(&canonical).unwrap();
    assert!(tree_difference(&doc, &again).is_none(), "{:?}\n{canonical}", tree_difference(&doc, &again));
}

/// A preamble (前文) whose words look like something else — a numbered 項 (`2. …`), a 目次, a 条, a bullet —
/// or that follows a preamble it would join: written as a plain line it would be read back as that, so it
/// is tagged, and the tag is read wherever a preamble may stand.
#[test]
fn a_preamble_that_reads_as_a_label_is_tagged() {
    let kinds = |d: &crate::model::Document| d.children.iter().map(|c| c.kind).collect::<Vec<_>>();
    for text in ["2. 週の所定労働日数が四日である者", "目次", "第三条　準用する。", "- 元日"]
    {
        let doc = crate::parse::parse_str(&format!("規程\n\n前文。\n\n:preamble:{text}\n\n第一条　本文。\n")).unwrap();
        assert_eq!(kinds(&doc)[..2], [crate::model::Kind::Preamble; 2], "{text}");
        assert_eq!(doc.children[1].text, text);
        let canonical = to_text(&doc);
        assert!(canonical.contains(&format!("\n:preamble:{text}\n")), "{canonical}");
        let again = crate::parse::parse_str(&canonical).unwrap();
        assert!(tree_difference(&doc, &again).is_none(), "{text}: {:?}\n{canonical}", tree_difference(&doc, &again));
    }
    // Two preambles, the first without 「。」: the second, as a plain line, would continue it.
    let doc = crate::parse::parse_str("規程\n\n:preamble:甲であり\n:preamble:乙である。\n\n第一条　本文。\n").unwrap();
    assert_eq!(kinds(&doc)[..2], [crate::model::Kind::Preamble; 2]);
    let canonical = to_text(&doc);
    let again = crate::parse::parse_str(&canonical).unwrap();
    assert!(tree_difference(&doc, &again).is_none(), "{:?}\n{canonical}", tree_difference(&doc, &again));
    // A plain preamble stays a plain line; after the body, the tag is text.
    let doc = crate::parse::parse_str("規程\n\n前文である。\n\n第一条　本文。\n:preamble:甲\n").unwrap();
    assert!(to_text(&doc).contains("\n前文である。\n"));
    assert_eq!(kinds(&doc), [crate::model::Kind::Preamble, crate::model::Kind::Article]);
}

/// A Markdown document with YAML front matter: written as a law attribute line first, the front matter made
/// the canonical text plain text, whose reader took a bullet 項 (`- 元日…`) for words and `# 題名` for the
/// title. It is written back as front matter, and the text is read as Markdown again.
#[test]
fn markdown_front_matter_is_written_back_as_front_matter() {
    let doc = markdown("---\ntitle: \"祝日法\"\nkind: 法律\n---\n\n# 祝日法\n\n## 第二条\n\n次のとおり。\n\n- 元日　一月一日\n- 成人の日\n");
    assert_eq!(doc.attrs.get("front_matter.title").map(String::as_str), Some("祝日法"));
    let canonical = to_text(&doc);
    assert!(canonical.starts_with("---\n"), "{canonical}");
    assert_eq!(crate::input::detect_format(&canonical), InputFormat::Markdown);
    let again = crate::parse::parse_str(&canonical).unwrap();
    assert!(tree_difference(&doc, &again).is_none(), "{:?}\n{canonical}", tree_difference(&doc, &again));
    assert_eq!(again.find("art_2__para_2").map(|p| p.label.as_str()), Some("-"));
    // Untitled, its first preamble is still told from a title after the front matter.
    let doc = markdown("---\nkind: 規程\n---\n:preamble:前文である。\n\n## 第一条\n\n本文。\n");
    assert!(doc.title.is_empty() && doc.children[0].kind == crate::model::Kind::Preamble, "{doc:?}");
    let canonical = to_text(&doc);
    let again = crate::parse::parse_str(&canonical).unwrap();
    assert!(tree_difference(&doc, &again).is_none(), "{:?}\n{canonical}", tree_difference(&doc, &again));
}

/// An untitled Markdown document whose text has few list items, or opens with a `translation-of` comment,
/// once read back as plain text (`1. 本文` as words) or as an English translation: its canonical text starts
/// with an empty front matter, which says Markdown.
#[test]
fn an_untitled_markdown_document_reads_back_as_markdown() {
    let text = round_trips("### 第1条　目的\n\n1. 本文。\n");
    assert!(text.starts_with("---\n---\n"), "{text}");
    assert_eq!(crate::parse::parse_str(&text).unwrap().find("art_1__para_1").unwrap().label, "1.");
    let text = round_trips("<!-- translation-of: a.md -->\nTable of Contents\n\n### 第1条\n\n本文。\n");
    assert!(text.starts_with("---\n---\n<!-- translation-of"), "{text}");
    // A titled one needs none.
    assert!(!round_trips("# 規程\n\n### 第1条　目的\n\n1. 本文。\n").starts_with("---"));
}

/// A Markdown heading's caption that reads as no caption on its own line (a sentence in brackets, a bracket
/// closing early) was lost: the article came back without it, or as text. It is written in its heading.
#[test]
fn a_caption_that_is_no_caption_line_stays_in_its_heading() {
    for (src, caption) in [
        ("# 規程\n\n### 第19条　始業を定める。\n\n4. 本文。\n", "始業を定める。"),
        ("# 規程\n\n### 第39条　休業(iv) of und) the\n\n1Japa.\n", "休業(iv) of und) the"),
    ] {
        let doc = markdown(src);
        assert_eq!(doc.find("art_19").or(doc.find("art_39")).unwrap().heading.as_deref(), Some(caption));
        let text = round_trips(src);
        assert!(text.contains("### 第"), "{text}");
    }
}

/// A 附則 entry of a 目次 with its heading was written `附則　令和…`, which reads back as a 前文 (the property
/// test's finding): its heading is written in brackets, as it was read.
#[test]
fn a_suppl_entry_of_a_toc_keeps_its_brackets() {
    let doc = crate::parse::parse_str("目次\n附則（令和五年三月三十一日規程第十二号）\n2　次項である。").unwrap();
    let entry = &doc.children[0].children[0];
    assert_eq!(entry.heading.as_deref(), Some("令和五年三月三十一日規程第十二号"));
    let text = to_text(&doc);
    assert!(text.contains("\n  附則（令和五年三月三十一日規程第十二号）\n"), "{text}");
    assert_eq!(crate::conformance::canonical_round_trip(&doc), Ok(()), "{text}");
}

#[test]
fn a_comment_inside_a_list_item_keeps_the_item_open() {
    // A comment and a 項 of plain text (or text tagged because it reads like a bullet) inside `1.`'s
    // content: at column 0 the comment would end the list, and the `1.` nested under them would read back
    // as words.
    // (`- …` at the item's content column would be a bullet; deeper, it continues the item's paragraph.)
    for (indent, text) in [("    ", "乙とする。"), ("        ", "- 乙とする。")] {
        let src =
            format!("# 規程\n\n### 第1条　目的\n\n1. 甲とする。\n{indent}<!-- メモ -->\n{indent}{text}\n    1. 丙\n");
        let doc = markdown(&src);
        let second = &doc.children[0].children.get(1).expect("a second 項");
        assert_eq!((second.text.as_str(), second.children.len()), (text, 1), "the item nests in the 項");
        let canonical = round_trips(&src);
        assert!(canonical.contains("\n   <!-- メモ -->\n"), "{canonical}");
    }
}
