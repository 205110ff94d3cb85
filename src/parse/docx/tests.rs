//! Tests of the Word reader on minimal .docx packages built here: the parts are written as XML strings and
//! zipped, then read as `kitei` reads a file (marked Markdown, then the tree in each revision).

use super::*;
use crate::input::{InputFormat, Source};
use crate::parse::{parse_source_with, ParseOptions};

const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

/// A .docx of these parts; `word/document.xml` gets `body` inside `w:document/w:body`.
fn docx(body: &str, parts: &[(&str, &str)]) -> Vec<u8> {
    let mut buf = std::io::Cursor::new(Vec::new());
    let mut z = zip::ZipWriter::new(&mut buf);
    let document = format!("<w:document {W}><w:body>{body}</w:body></w:document>");
    for (name, xml) in std::iter::once(("word/document.xml", document.as_str())).chain(parts.iter().copied()) {
        z.start_file(name, zip::write::SimpleFileOptions::default()).unwrap();
        std::io::Write::write_all(&mut z, xml.as_bytes()).unwrap();
    }
    z.finish().unwrap();
    buf.into_inner()
}

fn marked(bytes: &[u8]) -> String {
    to_marked_markdown("t.docx", bytes).unwrap()
}

fn tree(bytes: &[u8], revisions: Revisions) -> crate::Document {
    let src = Source { name: "t.docx".into(), text: marked(bytes), format: InputFormat::Docx };
    parse_source_with(&src, ParseOptions { revisions, ..ParseOptions::default() }).unwrap().document
}

fn p(inner: &str) -> String {
    format!("<w:p>{inner}</w:p>")
}

fn r(t: &str) -> String {
    format!("<w:r><w:t xml:space=\"preserve\">{t}</w:t></w:r>")
}

fn ins(t: &str) -> String {
    format!(r#"<w:ins w:id="9" w:author="a"><w:r><w:t>{t}</w:t></w:r></w:ins>"#)
}

fn del(t: &str) -> String {
    format!(r#"<w:del w:id="9" w:author="a"><w:r><w:delText>{t}</w:delText></w:r></w:del>"#)
}

/// A row of one-paragraph cells; `rev` is `<w:ins/>` or `<w:del/>` for a tracked row, with its text so marked.
fn row(cells: &[&str], rev: &str) -> String {
    let cell = |t: &str| match rev {
        "ins" => format!("<w:tc>{}</w:tc>", p(&ins(t))),
        "del" => format!("<w:tc>{}</w:tc>", p(&del(t))),
        _ => format!("<w:tc>{}</w:tc>", p(&r(t))),
    };
    let pr =
        if rev.is_empty() { String::new() } else { format!(r#"<w:trPr><w:{rev} w:id="8" w:author="a"/></w:trPr>"#) };
    format!("<w:tr>{pr}{}</w:tr>", cells.iter().map(|c| cell(c)).collect::<String>())
}

#[test]
fn rows_inserted_or_deleted_as_tracked_changes_exist_in_one_view() {
    let body = format!(
        "<w:tbl>{}{}{}{}</w:tbl>",
        row(&["区分", "内容"], ""),
        row(&["一", "甲"], ""),
        row(&["二", "乙"], "ins"),
        row(&["三", "丙"], "del")
    );
    let m = marked(&docx(&body, &[]));
    let head = "| 区分 | 内容 |\n|---|---|\n| 一 | 甲 |\n";
    assert_eq!(resolve(&m, Revisions::After), format!("{head}| 二 | 乙 |\n\n"));
    assert_eq!(resolve(&m, Revisions::Before), format!("{head}| 三 | 丙 |\n\n"));
    // A deleted first row: after the changes, the next row heads the table.
    let body = format!("<w:tbl>{}{}</w:tbl>", row(&["旧見出し"], "del"), row(&["甲"], ""));
    let m = marked(&docx(&body, &[]));
    assert_eq!(resolve(&m, Revisions::After), "| 甲 |\n|---|\n\n");
    assert_eq!(resolve(&m, Revisions::Before), "| 旧見出し |\n|---|\n| 甲 |\n\n");
}

/// `w:pPr/w:rPr/w:del`: the paragraph mark is deleted.
const MARK_DELETED: &str = r#"<w:pPr><w:rPr><w:del w:id="5" w:author="a"/></w:rPr></w:pPr>"#;

#[test]
fn a_deleted_paragraph_mark_joins_the_paragraph_with_the_next_after_the_changes() {
    let body = [
        p(&r("テスト規程")),
        p(&format!("{MARK_DELETED}{}", r("第1条　甲は、"))),
        p(&r("乙とする。")),
        p(&r("第2条　丙とする。")),
    ]
    .concat();
    let bytes = docx(&body, &[]);
    let m = marked(&bytes);
    assert_eq!(resolve(&m, Revisions::After), "テスト規程\n\n第1条　甲は、乙とする。\n\n第2条　丙とする。\n\n");
    assert_eq!(resolve(&m, Revisions::Before), "テスト規程\n\n第1条　甲は、\n\n乙とする。\n\n第2条　丙とする。\n\n");
    let after = tree(&bytes, Revisions::After);
    assert_eq!(after.children[0].children[0].text, "甲は、乙とする。");
    assert_eq!(after.children.len(), 2);
    // At the end of the document, or before a table, there is nothing to join: the line ends all the same.
    let body = [
        p(&r("テスト規程")),
        p(&format!("{MARK_DELETED}{}", r("第1条　甲は、"))),
        format!("<w:tbl>{}</w:tbl>", row(&["丁"], "")),
    ];
    let m = marked(&docx(&body.concat(), &[]));
    assert_eq!(resolve(&m, Revisions::After), "テスト規程\n\n第1条　甲は、\n\n| 丁 |\n|---|\n\n");
    let m = marked(&docx(&body[..2].concat(), &[]));
    assert_eq!(resolve(&m, Revisions::After), "テスト規程\n\n第1条　甲は、\n\n");
}

#[test]
fn a_joined_paragraph_loses_its_label_and_heading_only_after_the_changes() {
    let numbering = r#"<w:numbering xmlns:w="x"><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="2"/>
        <w:numFmt w:val="decimalFullWidth"/><w:lvlText w:val="%1"/></w:lvl></w:abstractNum>
        <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#;
    let num = r#"<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>"#;
    let num_mark_deleted = r#"<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr><w:rPr><w:del w:id="5" w:author="a"/></w:rPr></w:pPr>"#;
    let body = [
        p(&r("第1条　甲とする。")),
        p(&format!("{num_mark_deleted}{}", r("乙は、"))),
        p(&format!("{num}{}", r("丙とする。"))),
        p(&format!("{num}{}", r("丁とする。"))),
    ]
    .concat();
    let m = marked(&docx(&body, &[("word/numbering.xml", numbering)]));
    assert_eq!(resolve(&m, Revisions::After), "第1条　甲とする。\n\n２　乙は、丙とする。\n\n３　丁とする。\n\n");
    assert_eq!(
        resolve(&m, Revisions::Before),
        "第1条　甲とする。\n\n２　乙は、\n\n３　丙とする。\n\n４　丁とする。\n\n"
    );
}

#[test]
fn footnotes_and_endnotes_stay_out_of_the_text_as_notes() {
    let footnotes = format!(
        r#"<w:footnotes {W}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
        <w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> 令和二年の改正による。</w:t></w:r></w:p></w:footnote></w:footnotes>"#
    );
    let endnotes = format!(r#"<w:endnotes {W}><w:endnote w:id="2"><w:p>{}</w:p></w:endnote></w:endnotes>"#, r("出典"));
    let body = [
        p(&r("テスト規程")),
        p(&format!(r#"{}<w:r><w:footnoteReference w:id="1"/></w:r>{}"#, r("第1条　甲は、"), r("乙とする。"))),
        p(&format!(r#"{}<w:r><w:endnoteReference w:id="2"/></w:r>"#, r("第2条　丙とする。"))),
    ]
    .concat();
    let doc =
        tree(&docx(&body, &[("word/footnotes.xml", &footnotes), ("word/endnotes.xml", &endnotes)]), Revisions::After);
    assert_eq!(doc.children[0].children[0].text, "甲は、乙とする。");
    assert_eq!(
        doc.children[0].attrs.get("comments").map(String::as_str),
        Some("<!-- 脚注1: 令和二年の改正による。 -->")
    );
    assert_eq!(doc.children[1].attrs.get("comments").map(String::as_str), Some("<!-- 文末脚注1: 出典 -->"));
}

#[test]
fn text_hidden_by_a_style_is_a_note() {
    let styles = format!(
        r#"<w:styles {W}><w:style w:type="paragraph" w:styleId="memo"><w:rPr><w:vanish/></w:rPr></w:style>
        <w:style w:type="character" w:styleId="hide"><w:rPr><w:vanish/></w:rPr></w:style></w:styles>"#
    );
    let run = |style: &str, extra: &str, t: &str| {
        format!(r#"<w:r><w:rPr><w:rStyle w:val="{style}"/>{extra}</w:rPr><w:t>{t}</w:t></w:r>"#)
    };
    let body = [
        p(&r("テスト規程")),
        p(&format!(
            "{}{}{}",
            r("第1条　甲は、"),
            run("hide", "", "（要検討）"),
            run("hide", r#"<w:vanish w:val="0"/>"#, "乙とする。")
        )),
        p(&format!(r#"<w:pPr><w:pStyle w:val="memo"/></w:pPr>{}"#, r("担当者メモ"))),
        p(&r("第2条　丙とする。")),
    ]
    .concat();
    let doc = tree(&docx(&body, &[("word/styles.xml", &styles)]), Revisions::After);
    assert_eq!(doc.children[0].children[0].text, "甲は、乙とする。");
    assert_eq!(doc.children[0].attrs.get("comments").map(String::as_str), Some("<!-- 非表示: （要検討） -->"));
    assert_eq!(doc.children[1].attrs.get("comments").map(String::as_str), Some("<!-- 非表示: 担当者メモ -->"));
}

#[test]
fn paragraphs_that_look_like_markdown_are_plain_text() {
    let lines = ["テスト規程", "第1条　甲は、次のとおりとする。", "1. 総則", "- 乙", "# 丙", "2) 丁", "> 戊", "---"];
    let body: String = lines.iter().map(|l| p(&r(l))).collect();
    let m = marked(&docx(&body, &[]));
    let doc = tree(&docx(&body, &[]), Revisions::After);
    // Nothing became a list item (項, 号) or a heading: every line after 第1条 is its text, word for word.
    let art = &doc.children[0];
    assert_eq!(doc.children.len(), 1, "{m}");
    let text: String = art.children.iter().map(|c| c.text.clone()).collect();
    assert_eq!(text, lines[1..].concat().trim_start_matches("第1条　"), "{m}");
    assert!(art.children.iter().all(|c| c.label.is_empty()), "{:?}", art.children);
    assert!(!plain_text(&m, Revisions::After).contains(PLAIN));
}

#[test]
fn lines_are_traced_to_their_word_paragraph_in_each_revision() {
    let whole_deleted =
        format!(r#"<w:pPr><w:rPr><w:del w:id="5" w:author="a"/></w:rPr></w:pPr>{}"#, del("第2条　削る。"));
    let body = [
        p(&r("テスト規程")),
        p(""),
        p(&r("第1条　甲とする。")),
        p(&whole_deleted),
        p(&r("第3条　乙とする。")),
        format!("<w:tbl>{}{}</w:tbl>", row(&["区分"], ""), row(&["丙"], "")),
        p(&r("第4条　丁とする。")),
    ]
    .concat();
    let bytes = docx(&body, &[]);
    let m = marked(&bytes);
    // A table's rows come from its first paragraph; the deleted 第2条 (¶4) exists before the changes only.
    let after: &[u32] = &[1, 3, 5, 6, 6, 8];
    let before: &[u32] = &[1, 3, 4, 5, 6, 6, 8];
    for (which, paras) in [(Revisions::After, after), (Revisions::Before, before)] {
        let text = resolve(&m, which);
        let map = Paragraphs::read("t.docx", &bytes, which).unwrap();
        let found: Vec<u32> = text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.is_empty() && !l.starts_with("|---"))
            .map(|(i, _)| map.of_line(i as u32 + 1).unwrap())
            .collect();
        assert_eq!(found, paras, "{which:?}\n{text}");
    }
    assert_eq!(Paragraphs::default().of_line(1), None);
}

#[test]
fn ole_files_are_named() {
    let mut doc = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    doc.extend("WordDocument".encode_utf16().flat_map(u16::to_le_bytes));
    assert!(is_ole(&doc));
    assert!(ole_error("a.doc", &doc).to_string().contains("save it as .docx"));
    doc.extend("EncryptionInfo".encode_utf16().flat_map(u16::to_le_bytes));
    assert!(ole_error("a.docx", &doc).to_string().contains("encrypted"));
}

#[test]
fn a_zip_without_a_document_is_not_word() {
    let mut buf = std::io::Cursor::new(Vec::new());
    let mut z = zip::ZipWriter::new(&mut buf);
    z.start_file("a.txt", zip::write::SimpleFileOptions::default()).unwrap();
    std::io::Write::write_all(&mut z, b"x").unwrap();
    z.finish().unwrap();
    let e = to_marked_markdown("a.zip", buf.get_ref()).unwrap_err().to_string();
    assert!(e.contains("without word/document.xml"), "{e}");
    let e = to_marked_markdown("b.docx", b"PK\x03\x04garbage").unwrap_err().to_string();
    assert!(e.starts_with("b.docx:1:1: a damaged .docx"), "{e}");
}

#[test]
fn nested_marks_drop_with_their_region() {
    let s = format!("a{INS_OPEN}b{DEL_OPEN}c{DEL_CLOSE}d{INS_CLOSE}e");
    assert_eq!(resolve(&s, Revisions::After), "abde");
    assert_eq!(resolve(&s, Revisions::Before), "ae");
}
