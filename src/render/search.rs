//! The browser search index: character bigrams for Japanese (no word splitting needed), lowercase words for
//! English, written as `search-index.js` (`window.KITEI_SEARCH = {...}`) so that it loads from `file://`.
//! The index stays word-based; `static/search.js` matches an English query term of three or more letters
//! against every word that starts with it (`audit` → `audits`, `auditing`).
//!
//! ```
//! use kitei::render::search::{SearchIndex, tokens};
//! assert_eq!(tokens("認証事務 Article"), ["認証", "証事", "事務", "article"]);
//! let mut ix = SearchIndex::default();
//! ix.add("a/index.html#art_1", "第1条", "Article 1", "認証事務", "certification affairs");
//! assert_eq!(ix.postings["certification"], vec![0]);
//! assert!(ix.to_js().starts_with("window.KITEI_SEARCH = {"));
//! ```

use serde::Serialize;
use std::collections::BTreeMap;

fn is_cjk(c: char) -> bool {
    ('\u{3040}'..='\u{30ff}').contains(&c) || ('\u{3400}'..='\u{9fff}').contains(&c) || c == '々' || c == 'ー'
}

/// The search tokens of a text: bigrams of each run of Japanese characters (a single character when the run
/// has one), and lowercase ASCII words of two or more characters.
pub fn tokens(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut run: Vec<char> = Vec::new();
    let mut word = String::new();
    let flush_run = |run: &mut Vec<char>, out: &mut Vec<String>| {
        if run.len() == 1 {
            out.push(run[0].to_string());
        }
        for w in run.windows(2) {
            out.push(w.iter().collect());
        }
        run.clear();
    };
    let flush_word = |word: &mut String, out: &mut Vec<String>| {
        if word.len() >= 2 {
            out.push(std::mem::take(word));
        }
        word.clear();
    };
    for c in text.chars() {
        if is_cjk(c) {
            flush_word(&mut word, &mut out);
            run.push(c);
        } else if c.is_ascii_alphanumeric() {
            flush_run(&mut run, &mut out);
            word.push(c.to_ascii_lowercase());
        } else {
            flush_run(&mut run, &mut out);
            flush_word(&mut word, &mut out);
        }
    }
    flush_run(&mut run, &mut out);
    flush_word(&mut word, &mut out);
    out
}

/// One searchable provision.
#[derive(Debug, Clone, Serialize)]
pub struct SearchDoc {
    /// The regulation (an index into [`SearchIndex::regs`]).
    pub r: usize,
    /// The page and anchor, relative to the site root.
    pub u: String,
    /// Japanese citation (第10条第2項).
    pub lj: String,
    /// English citation (Article 10, paragraph (2)).
    pub le: String,
    /// Japanese text.
    pub j: String,
    /// English text.
    pub e: String,
}

/// The index: documents and token → document numbers (sorted, for byte-identical output).
#[derive(Debug, Clone, Default, Serialize)]
pub struct SearchIndex {
    /// The regulations' titles, Japanese and English, that results name.
    pub regs: Vec<(String, String)>,
    /// The provisions.
    pub docs: Vec<SearchDoc>,
    /// Token → ascending document numbers.
    pub postings: BTreeMap<String, Vec<u32>>,
}

impl SearchIndex {
    /// Starts a regulation: the provisions added next belong to it.
    pub fn add_regulation(&mut self, title_ja: &str, title_en: &str) {
        self.regs.push((title_ja.into(), title_en.into()));
    }

    /// Adds a provision of the last regulation started.
    pub fn add(&mut self, url: &str, label_ja: &str, label_en: &str, ja: &str, en: &str) {
        let n = self.docs.len() as u32;
        for t in tokens(ja).into_iter().chain(tokens(en)).chain(tokens(label_ja)).chain(tokens(label_en)) {
            let v = self.postings.entry(t).or_default();
            if v.last() != Some(&n) {
                v.push(n);
            }
        }
        self.docs.push(SearchDoc {
            r: self.regs.len().saturating_sub(1),
            u: url.into(),
            lj: label_ja.into(),
            le: label_en.into(),
            j: ja.into(),
            e: en.into(),
        });
    }

    /// The `search-index.js` file.
    pub fn to_js(&self) -> String {
        let json = serde_json::to_string(self).unwrap_or_else(|_| "{}".into());
        // Keep `</script>` and U+2028/2029 harmless inside a script file.
        let json = json.replace("</", "<\\/").replace('\u{2028}', "\\u2028").replace('\u{2029}', "\\u2029");
        format!("window.KITEI_SEARCH = {json};\n")
    }
}
