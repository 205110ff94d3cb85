//! Helpers shared by the integration tests: where the shared corpus is, and model comparison.
#![allow(dead_code)]

use kitei::model::{Document, Kind, Node, Span};
use std::path::PathBuf;

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `../shared` beside the repository (as in CI), or `/work/shared`.
pub fn shared() -> PathBuf {
    let beside = root().join("../shared");
    if beside.join("corpus").is_dir() {
        return beside;
    }
    PathBuf::from("/work/shared")
}

/// A corpus file or folder.
pub fn corpus(rel: &str) -> PathBuf {
    shared().join("corpus").join(rel)
}

/// The seed regulation as bundled.
pub fn seed_path() -> PathBuf {
    root().join("regulations/jlis-ninsho-jimu-kanri-kitei/2016-01-01.md")
}

/// Files in a folder with one of the extensions, sorted.
pub fn files(dir: &std::path::Path, exts: &[&str]) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().and_then(|e| e.to_str()).is_some_and(|e| exts.contains(&e)))
        .collect();
    v.sort();
    v
}

/// Every plain-text and Markdown file of the corpus that the text parser must read.
pub fn corpus_text_files() -> Vec<PathBuf> {
    let mut v = files(&corpus("text-2013"), &["txt"]);
    for d in std::fs::read_dir(corpus("egov-revisions")).unwrap() {
        v.extend(files(&d.unwrap().path(), &["txt"]));
    }
    v.extend(files(&corpus("lawtext"), &["txt"]));
    v.extend(files(&corpus("internal-rules"), &["md"]));
    v.sort();
    v
}

/// Parses a file with kitei, panicking with the error.
pub fn load(path: &std::path::Path) -> Document {
    kitei::load(path).unwrap_or_else(|e| panic!("{}: {e}", path.display())).document
}

/// A copy of the tree without spans (and with the source format unified), for comparing models.
pub fn without_spans(doc: &Document) -> Document {
    fn strip(n: &Node) -> Node {
        let mut n = n.clone();
        n.span = Span::default();
        n.children = n.children.iter().map(strip).collect();
        n
    }
    let mut d = doc.clone();
    d.span = Span::default();
    d.format = kitei::model::SourceFormat::Text;
    d.children = d.children.iter().map(strip).collect();
    d
}

/// Article counts outside 附則 in an e-Gov XML file, counted on the raw XML.
pub fn xml_main_article_count(xml: &str) -> usize {
    let mut count = 0;
    let mut depth_suppl = 0usize;
    let mut rest = xml;
    while let Some(i) = rest.find('<') {
        rest = &rest[i + 1..];
        if rest.starts_with("SupplProvision ") || rest.starts_with("SupplProvision>") {
            depth_suppl += 1;
        } else if rest.starts_with("/SupplProvision>") {
            depth_suppl -= 1;
        } else if (rest.starts_with("Article ") || rest.starts_with("Article>")) && depth_suppl == 0 {
            count += 1;
        }
    }
    count
}

pub fn is_kanji_or_kana(c: char) -> bool {
    matches!(c as u32,
        0x3041..=0x309F   // hiragana
        | 0x30A1..=0x30FA // katakana (without the middle dot)
        | 0x30FC..=0x30FF // prolonged sound mark, iteration marks
        | 0x3005 | 0x3006 // 々 〆
        | 0x4E00..=0x9FFF // CJK unified ideographs
        | 0x3400..=0x4DBF
        | 0xF900..=0xFAFF)
}

pub fn jp(s: &str) -> String {
    s.chars().filter(|&c| is_kanji_or_kana(c)).collect()
}

/// The model's text in source order: comments before the title, title, number, then per node the comments
/// that stood before it, caption (for provisions, which stand below their caption), label, heading, text,
/// children; then the comments after the last node.
pub fn model_sequence(doc: &Document, input: &str) -> String {
    let lines: Vec<&str> = input.lines().collect();
    fn node(n: &Node, out: &mut String, lines: &[&str]) {
        // Comments the parser kept beside the node they stand before.
        out.push_str(&jp(n.attrs.get("comments").map(String::as_str).unwrap_or("")));
        // A caption stands above its provision, except in a Markdown heading (`### 第1条　目的`).
        let own_line = lines.get((n.span.start.line as usize).saturating_sub(1)).copied().unwrap_or("");
        let after_label = own_line
            .trim_start_matches(['#', ' ', '\u{3000}'])
            .strip_prefix(n.label.as_str())
            .map(|r| r.trim_start_matches([' ', '\u{3000}', '（', '(']));
        let inline_caption = own_line.starts_with('#')
            && !n.label.is_empty()
            && n.heading.as_ref().is_some_and(|h| after_label.is_some_and(|r| r.starts_with(h.as_str())));
        // `第一条` / `（免官）`: e-Gov's 2013 text may put the caption below the number.
        let below = n.attrs.get("caption_below").is_some_and(|v| v == "true");
        let caption_first = matches!(n.kind, Kind::Article | Kind::Paragraph) && !inline_caption && !below;
        let heading = n.heading_raw.clone().or_else(|| n.heading.clone()).unwrap_or_default();
        if caption_first {
            out.push_str(&jp(&heading));
        }
        out.push_str(&jp(&n.label));
        if !caption_first {
            out.push_str(&jp(&heading));
        }
        if n.attrs.get("extract").is_some_and(|v| v == "true") {
            out.push('抄');
        }
        if let Some(r) = n.attrs.get("range") {
            out.push_str(&jp(r));
        }
        // Ruby readings (kept in attr `markup`) stand after their base characters in the input.
        out.push_str(&jp(&kitei::export::text::text_with_ruby(n)));
        for c in &n.children {
            node(c, out, lines);
        }
    }
    let mut out = String::new();
    if let Some(c) = doc.attrs.get("comments") {
        out.push_str(&jp(c));
    }
    out.push_str(&jp(&doc.title));
    out.push_str(&jp(doc.number.as_deref().unwrap_or("")));
    out.push_str(&jp(doc.attrs.get("number_note").map(String::as_str).unwrap_or("")));
    for c in &doc.children {
        node(c, &mut out, &lines);
    }
    out.push_str(&jp(doc.attrs.get("comments_end").map(String::as_str).unwrap_or("")));
    out
}
