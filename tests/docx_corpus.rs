//! Corpus texts typed into Word, one paragraph per line, read back through the .docx reader: no word is lost
//! (kanji/kana fidelity against the text Word holds), and lines that look like Markdown (the 就業規則's
//! `### 第N条`, `1. ` 項) stay plain text. For plain-text laws, the articles found are those the text
//! parser finds in the same lines.

mod common;

use docx_rs::{Docx, Paragraph, Run};
use kitei::input::{InputFormat, Source};
use kitei::parse::docx::{plain_text, Revisions};

/// The text as a .docx, one paragraph per non-empty line.
fn typed_into_word(text: &str) -> Vec<u8> {
    let mut doc = Docx::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        doc = doc.add_paragraph(Paragraph::new().add_run(Run::new().add_text(line)));
    }
    let mut out = std::io::Cursor::new(Vec::new());
    doc.build().pack(&mut out).unwrap();
    out.into_inner()
}

fn files(dir: &str, ext: &str) -> Vec<std::path::PathBuf> {
    let mut v: Vec<_> = std::fs::read_dir(common::corpus(dir))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect();
    v.sort();
    v
}

fn articles(doc: &kitei::Document) -> usize {
    kitei::conformance::article_nodes(doc)
}

#[test]
fn corpus_texts_typed_into_word_keep_every_word() {
    let mut paths = files("internal-rules", "md");
    paths.extend(files("text-2013", "txt"));
    for d in std::fs::read_dir(common::corpus("egov-revisions")).unwrap() {
        paths.extend(files(&format!("egov-revisions/{}", d.unwrap().file_name().to_string_lossy()), "txt"));
    }
    let mut checked = 0;
    for path in &paths {
        let name = path.display().to_string();
        let src = kitei::input::load(path, None).unwrap();
        let marked = kitei::parse::docx::to_marked_markdown("t.docx", &typed_into_word(&src.text)).unwrap();
        let text = plain_text(&marked, Revisions::After);
        let docx = Source { name: name.clone(), text: marked, format: InputFormat::Docx };
        let doc = kitei::parse::parse_source(&docx).unwrap().document;
        if let Err(m) = kitei::conformance::fidelity(&text, &doc) {
            panic!("{name}: a word lost at {}: input 「{}」, model 「{}」", m.at, m.input_context, m.model_context);
        }
        if src.format == InputFormat::Text {
            let plain = kitei::parse::parse_source(&src).unwrap().document;
            assert_eq!(articles(&doc), articles(&plain), "{name}: articles from Word and from the text");
        } else {
            // Typed with the Markdown heading marks, the articles are text; typed as Word users do (第N条 at
            // the start of the paragraph), they are the Markdown's articles.
            let md = kitei::parse::parse_source(&src).unwrap().document;
            let unmarked: String =
                src.text.lines().map(|l| format!("{}\n", l.trim_start_matches(['#', ' ']))).collect();
            let marked = kitei::parse::docx::to_marked_markdown("t.docx", &typed_into_word(&unmarked)).unwrap();
            let docx = Source { name: name.clone(), text: marked, format: InputFormat::Docx };
            let word = kitei::parse::parse_source(&docx).unwrap().document;
            assert_eq!(articles(&word), articles(&md), "{name}: articles typed in Word and in the Markdown");
            assert!(articles(&md) > 10 && articles(&doc) == 0, "{name}: `### 第N条` typed in Word is text");
        }
        checked += 1;
    }
    assert!(checked >= 15, "only {checked} corpus files");
}
