//! Helpers shared by the integration tests: where the shared corpus is, and model comparison.
#![allow(dead_code)]

use kitei::model::Document;
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
    kitei::conformance::without_spans(doc)
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

/// The kanji and kana of a text, in order (see [`kitei::conformance::fidelity`]).
pub fn jp(s: &str) -> String {
    kitei::conformance::jp(s)
}

/// The model's kanji and kana in source order (see [`kitei::conformance::fidelity`]).
pub fn model_sequence(doc: &Document, input: &str) -> String {
    kitei::conformance::model_sequence(doc, input)
}
