//! Reading .docx: a Word document of the seed, built here with docx-rs from the seed's Markdown with Word's
//! automatic numbering for 項 and 号, parses to the same tree as the Markdown; a Word document holding the
//! 2016 → 2027 amendment as tracked changes gives the same 新旧対照表 as the two versions. The documents hold
//! what Word would: Markdown comments as Word comments, list items as their label and text; a paragraph
//! typed with Markdown syntax (`- 2 本文`) is plain text in Word, not a list.

mod common;

use docx_rs::{
    AbstractNumbering, Comment, Delete, Docx, IndentLevel, Insert, Level, LevelJc, LevelOverride, LevelText,
    NumberFormat, Numbering, NumberingId, Paragraph, Run, Start,
};
use kitei::diff::{compare, render_markdown, CompareOptions, RenderOptions};
use kitei::input::InputFormat;
use kitei::parse::docx::Revisions;
use kitei::parse::ParseOptions;

fn seed_text(version: &str) -> String {
    let p = common::root().join(format!("regulations/jlis-ninsho-jimu-kanri-kitei/{version}.md"));
    std::fs::read_to_string(p).unwrap()
}

fn pack(docx: Docx) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    docx.build().pack(&mut out).unwrap();
    out.into_inner()
}

fn parse_docx(bytes: &[u8], revisions: Revisions) -> kitei::Document {
    let src = kitei::input::from_bytes("t.docx", bytes, None).unwrap();
    assert_eq!(src.format, InputFormat::Docx);
    kitei::parse::parse_source_with(&src, ParseOptions { revisions, ..ParseOptions::default() }).unwrap().document
}

fn parse_md(text: &str) -> kitei::Document {
    let src = kitei::input::Source { name: "t.md".into(), text: text.into(), format: InputFormat::Markdown };
    kitei::parse::parse_source(&src).unwrap().document
}

/// `- 2 本文` (項) and `- (1) 本文` (号): the level and the text without its label.
fn list_item(line: &str) -> Option<(usize, &str)> {
    let rest = line.strip_prefix("- ")?;
    let (label, text) = rest.split_once(' ')?;
    if label.starts_with('(') && label.ends_with(')') && label[1..label.len() - 1].chars().all(|c| c.is_ascii_digit()) {
        Some((1, text))
    } else if label.chars().all(|c| c.is_ascii_digit()) {
        Some((0, text))
    } else {
        None
    }
}

/// The seed as Word writes it: every line a paragraph, 項 (from 2) and 号 ((1), (2)…) numbered by Word, a new
/// list for every article's 項 and every run of 号.
fn seed_docx(text: &str) -> Vec<u8> {
    let para_level =
        Level::new(0, Start::new(2), NumberFormat::new("decimal"), LevelText::new("%1"), LevelJc::new("left"));
    let item_level =
        Level::new(0, Start::new(1), NumberFormat::new("decimal"), LevelText::new("(%1)"), LevelJc::new("left"));
    let mut doc = Docx::new()
        .add_abstract_numbering(AbstractNumbering::new(1).add_level(para_level))
        .add_abstract_numbering(AbstractNumbering::new(2).add_level(item_level));
    let (mut next_id, mut para_list, mut item_list, mut last_item) = (1usize, None, None, false);
    // A Markdown comment is a Word comment on the paragraph it precedes.
    let mut comment: Option<&str> = None;
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        if let Some(c) = markdown_comment(line) {
            comment = Some(c);
            continue;
        }
        let p = match list_item(line.trim_start()) {
            Some((level, body)) => {
                let id = if level == 0 {
                    *para_list.get_or_insert_with(|| {
                        next_id += 1;
                        doc = std::mem::take(&mut doc)
                            .add_numbering(Numbering::new(next_id, 1).add_override(LevelOverride::new(0).start(2)));
                        next_id
                    })
                } else {
                    if !last_item || item_list.is_none() {
                        next_id += 1;
                        doc = std::mem::take(&mut doc)
                            .add_numbering(Numbering::new(next_id, 2).add_override(LevelOverride::new(0).start(1)));
                        item_list = Some(next_id);
                    }
                    item_list.unwrap()
                };
                last_item = level == 1;
                Paragraph::new().numbering(NumberingId::new(id), IndentLevel::new(0)).add_run(Run::new().add_text(body))
            }
            None => {
                if line.starts_with('第') && line.contains('条') && !line.contains('章') {
                    para_list = None;
                }
                last_item = false;
                Paragraph::new().add_run(Run::new().add_text(line))
            }
        };
        let p = match comment.take() {
            Some(c) => {
                let note =
                    Comment::new(1).author("kitei").add_paragraph(Paragraph::new().add_run(Run::new().add_text(c)));
                p.add_comment_start(note).add_comment_end(1)
            }
            None => p,
        };
        doc = doc.add_paragraph(p);
    }
    pack(doc)
}

/// The text of a one-line Markdown comment (`<!-- 例示: … -->`).
fn markdown_comment(line: &str) -> Option<&str> {
    Some(line.trim().strip_prefix("<!--")?.strip_suffix("-->")?.trim())
}

/// A Markdown line as typed in Word: a list item's label and text (`- 2 本文` → `2　本文`); comments left out.
fn typed(line: &str) -> Option<String> {
    if markdown_comment(line).is_some() {
        return None;
    }
    let trimmed = line.trim_start();
    Some(match list_item(trimmed) {
        Some((_, text)) => {
            let label = &trimmed[2..trimmed.len() - text.len() - 1];
            format!("{label}\u{3000}{text}")
        }
        None => line.to_string(),
    })
}

#[test]
fn the_seed_in_word_with_automatic_numbering_reads_as_its_markdown() {
    for version in ["2016-01-01", "2027-04-01"] {
        let md = seed_text(version);
        let from_word = parse_docx(&seed_docx(&md), Revisions::After);
        let from_md = parse_md(&md);
        assert_eq!(
            serde_json::to_value(common::without_spans(&from_word)).unwrap(),
            serde_json::to_value(common::without_spans(&from_md)).unwrap(),
            "{version}"
        );
    }
}

/// The 2016 text with the 2027 amendment as tracked changes, line by line as typed in Word ([`typed`]):
/// removed lines deleted (text and paragraph mark), added lines inserted.
fn tracked_docx(old: &str, new: &str) -> Vec<u8> {
    let mut doc = Docx::new();
    let diff = similar::TextDiff::from_lines(old, new);
    for change in diff.iter_all_changes() {
        let Some(line) = typed(change.value().trim_end_matches('\n')) else { continue };
        let line = line.as_str();
        if line.trim().is_empty() {
            continue;
        }
        let run = Run::new().add_text(line);
        let p = match change.tag() {
            similar::ChangeTag::Equal => Paragraph::new().add_run(run),
            similar::ChangeTag::Delete => Paragraph::new()
                .add_delete(
                    Delete::new()
                        .add_run(Run::new().add_delete_text(line))
                        .author("kitei")
                        .date("2027-01-01T00:00:00Z"),
                )
                .delete("kitei", "2027-01-01T00:00:00Z"),
            similar::ChangeTag::Insert => Paragraph::new()
                .add_insert(Insert::new(run).author("kitei").date("2027-01-01T00:00:00Z"))
                .insert("kitei", "2027-01-01T00:00:00Z"),
        };
        doc = doc.add_paragraph(p);
    }
    pack(doc)
}

#[test]
fn tracked_changes_give_the_same_table_as_the_two_versions() {
    // Without the Markdown comments, which a Word document holds as comments, not as paragraphs.
    let text = |v| seed_text(v).lines().filter(|l| markdown_comment(l).is_none()).map(|l| format!("{l}\n")).collect();
    let (old, new): (String, String) = (text("2016-01-01"), text("2027-04-01"));
    let docx = tracked_docx(&old, &new);
    let before = parse_docx(&docx, Revisions::Before);
    let after = parse_docx(&docx, Revisions::After);
    let o = CompareOptions::default();
    let r = RenderOptions::default();
    let from_word = render_markdown(&compare(&before, &after, &o), &r);
    let from_versions = render_markdown(&compare(&parse_md(&old), &parse_md(&new), &o), &r);
    assert!(from_versions.contains("<u>"), "the versions differ");
    assert_eq!(from_word, from_versions);
}

#[test]
fn comments_stay_out_of_provisions() {
    let doc = Docx::new()
        .add_paragraph(Paragraph::new().add_run(Run::new().add_text("テスト規程")))
        .add_paragraph(
            Paragraph::new()
                .add_comment_start(
                    Comment::new(1)
                        .author("法務")
                        .add_paragraph(Paragraph::new().add_run(Run::new().add_text("要確認"))),
                )
                .add_run(Run::new().add_text("第1条　この規程は、例である。"))
                .add_comment_end(1),
        )
        .add_paragraph(
            Paragraph::new().add_run(Run::new().add_text("第2条　隠し")).add_run(Run::new().add_text("メモ").vanish()),
        );
    let d = parse_docx(&pack(doc), Revisions::After);
    assert_eq!(d.children[0].children[0].text, "この規程は、例である。");
    assert_eq!(d.children[0].attrs.get("comments").map(String::as_str), Some("<!-- 要確認 -->"));
    assert_eq!(d.children[1].children[0].text, "隠し", "hidden text is out of the provision");
    assert_eq!(d.children[1].attrs.get("comments").map(String::as_str), Some("<!-- 非表示: メモ -->"));
}

#[test]
fn kitei_diff_of_one_docx_compares_before_with_after() {
    let text = |v| seed_text(v).lines().filter(|l| markdown_comment(l).is_none()).map(|l| format!("{l}\n")).collect();
    let (old, new): (String, String) = (text("2016-01-01"), text("2027-04-01"));
    let dir = std::env::temp_dir().join(format!("kitei-docx-read-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (docx, old_p, new_p) = (dir.join("tracked.docx"), dir.join("old.md"), dir.join("new.md"));
    std::fs::write(&docx, tracked_docx(&old, &new)).unwrap();
    std::fs::write(&old_p, &old).unwrap();
    std::fs::write(&new_p, &new).unwrap();
    let kitei = |args: &[&std::path::Path]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_kitei"))
            .arg("diff")
            .args(args)
            .args(["--format", "md"])
            .output()
            .unwrap();
        (out.status.success(), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
    };
    let (ok, one, err) = kitei(&[&docx]);
    assert!(ok, "{err}");
    let (_, two, _) = kitei(&[&old_p, &new_p]);
    assert_eq!(one, two);
    // One file without tracked changes is an error that says what to do.
    let (ok, _, err) = kitei(&[&old_p]);
    assert!(!ok && err.contains("give OLD and NEW"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_binary_doc_is_named() {
    let mut doc = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    doc.extend("WordDocument".encode_utf16().flat_map(u16::to_le_bytes));
    let e = kitei::input::from_bytes("old.doc", &doc, None).unwrap_err().to_string();
    assert!(e.contains("Word 97–2003") && e.contains("save it as .docx"), "{e}");
}

/// kitei's own .docx output reads back: the 改め文's lines and every checklist entry come back as written.
#[test]
fn the_amend_and_checklist_documents_read_back() {
    let (old, new) = (parse_md(&seed_text("2016-01-01")), parse_md(&seed_text("2027-04-01")));
    let text = kitei::amend::generate(&old, &new, &kitei::amend::Options::default()).unwrap();
    let docx = kitei::export::docx::amend::amend_docx(&text).unwrap();
    let marked = kitei::parse::docx::to_marked_markdown("a.docx", &docx).unwrap();
    let marked = kitei::parse::docx::plain_text(&marked, Revisions::After);
    let back: Vec<&str> = marked.lines().filter(|l| !l.is_empty()).collect();
    let want: Vec<&str> = text.lines().map(|l| l.trim_start_matches('\u{3000}')).filter(|l| !l.is_empty()).collect();
    assert_eq!(back, want);

    let list = kitei::checklist::extract(&old, &Default::default());
    assert!(list.entries.len() > 10);
    let docx = kitei::export::docx::checklist::checklist_docx(&list, kitei::checklist::output::Lang::Ja, None).unwrap();
    let marked = kitei::parse::docx::to_marked_markdown("c.docx", &docx).unwrap();
    let rows: Vec<&str> = marked.lines().filter(|l| l.starts_with("| ")).collect();
    assert_eq!(rows.len(), list.entries.len() + 1, "a header row and a row per entry");
    for (e, row) in list.entries.iter().zip(&rows[1..]) {
        assert!(row.starts_with(&format!("| {} | {} |", e.id, e.label)), "{row}");
    }
}
