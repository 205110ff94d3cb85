//! Defined terms: 「X」とは、…をいう (a definition item) and （以下「X」という。） (an abbreviation in
//! brackets), found in a document so that the site can mark the definition (`<dfn>`) and every later use.
//!
//! ```
//! let doc = kitei::parse::parse_str("規程\n第1条　この規程は、地方公共団体情報システム機構（以下「機構」という。）の規程とする。\n").unwrap();
//! let defs = kitei::render::terms::find_definitions(&doc);
//! assert_eq!(defs[0].term, "機構");
//! assert_eq!(defs[0].meaning, "地方公共団体情報システム機構");
//! assert_eq!(defs[0].id, "art_1__para_1");
//! ```

use crate::model::{walk, Document, Kind};

/// A defined term.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Definition {
    /// The term as written.
    pub term: String,
    /// What it stands for: the definiens, or the whole defining item.
    pub meaning: String,
    /// The ID of the provision that defines it.
    pub id: String,
    /// The article the definition is limited to (「以下この条において」), if any.
    pub scope: Option<String>,
    /// Its position among the document's definitions (0-based), which makes its anchor unique.
    pub n: usize,
}

impl Definition {
    /// The anchor of the `<dfn>` element.
    pub fn anchor(&self) -> String {
        format!("dfn-{}", self.n + 1)
    }
}

fn is_word_char(c: char) -> bool {
    // Kanji, katakana (with ー), and the 々 iteration mark.
    ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{30a0}'..='\u{30ff}').contains(&c) || c == '々' || c == '〇'
}

/// Every definition in the document, in document order (the first definition of a term wins).
pub fn find_definitions(doc: &Document) -> Vec<Definition> {
    let mut out: Vec<Definition> = Vec::new();
    walk::walk_with_ancestors(doc, &mut |n, anc| {
        if !n.kind.is_provision() || n.text.is_empty() {
            return;
        }
        let article = std::iter::once(n).chain(anc.iter().rev().copied()).find(|a| a.kind == Kind::Article);
        let text = &n.text;
        // 「X」とは、…をいう。
        let stripped = text.trim_start_matches('「');
        if let Some(pos) = stripped.find("とは、") {
            let term = stripped[..pos].trim_end_matches('」');
            if !term.is_empty() && term.chars().count() <= 30 && !term.contains(['、', '。']) && text.contains("をいう")
            {
                let d = Definition { term: term.into(), meaning: text.clone(), id: n.id.clone(), scope: None, n: 0 };
                push(&mut out, d);
            }
        }
        // （以下「X」という。）
        let mut from = 0;
        while let Some(p) = text[from..].find("」という") {
            let close = from + p;
            from = close + "」という".len();
            let Some(open) = text[..close].rfind('「') else { continue };
            let term = &text[open + '「'.len_utf8()..close];
            let Some(paren) = text[..open].rfind('（') else { continue };
            let inside = &text[paren..open];
            if !inside.contains("以下") || term.is_empty() {
                continue;
            }
            let scope = if inside.contains("この条") { article.map(|a| a.id.clone()) } else { None };
            let meaning = definiens(&text[..paren]);
            if meaning.is_empty() {
                continue;
            }
            push(&mut out, Definition { term: term.into(), meaning, id: n.id.clone(), scope, n: 0 });
        }
    });
    out
}

fn push(out: &mut Vec<Definition>, mut d: Definition) {
    if !out.iter().any(|o| o.term == d.term) {
        d.n = out.len();
        out.push(d);
    }
}

/// The phrase just before a bracket: the run of kanji and katakana, or, when that is too short (法律), the
/// phrase back to the previous comma, bracket or sentence end.
fn definiens(before: &str) -> String {
    let run: String = {
        let mut v: Vec<char> = before.chars().rev().take_while(|c| is_word_char(*c)).collect();
        v.reverse();
        v.into_iter().collect()
    };
    if run.chars().count() >= 4 {
        return run;
    }
    let mut depth = 0;
    let mut start = 0;
    for (i, c) in before.char_indices().rev() {
        match c {
            '）' => depth += 1,
            '（' if depth > 0 => depth -= 1,
            '、' | '。' | '「' | '」' | '（' if depth == 0 => {
                start = i + c.len_utf8();
                break;
            }
            _ => {}
        }
    }
    let phrase = before[start..].trim();
    // Drop a leading bracketed remark or connective up to the last particle run is not attempted: keep it.
    phrase.to_string()
}

/// True when the term `term` may be read as used at byte `at` of `text`: not glued to a longer word on the
/// left, and (for one- and two-character terms) not on the right either, 第 及 又 並 若 excepted (法第39条).
pub fn is_use_at(text: &str, at: usize, term: &str) -> bool {
    if text[..at].chars().next_back().is_some_and(is_word_char) {
        return false;
    }
    if term.chars().count() <= 2 {
        if let Some(next) = text[at + term.len()..].chars().next() {
            if is_word_char(next) && !matches!(next, '第' | '及' | '又' | '並' | '若') {
                return false;
            }
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seed_definitions() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/regulations/jlis-ninsho-jimu-kanri-kitei/2016-01-01.md");
        let doc = crate::load(std::path::Path::new(path)).unwrap().document;
        let defs = find_definitions(&doc);
        let terms: Vec<&str> = defs.iter().map(|d| d.term.as_str()).collect();
        assert_eq!(terms, ["法", "機構", "認証事務従事者", "情報資産"]);
        assert_eq!(defs[0].meaning, "電子署名等に係る地方公共団体情報システム機構の認証業務に関する法律");
        assert_eq!(defs[2].id, "art_2__para_1__item_1");
    }

    #[test]
    fn uses_respect_word_boundaries() {
        assert!(is_use_at("法第44条", 0, "法"));
        assert!(!is_use_at("法令を", 0, "法"));
        assert!(!is_use_at("方法の", "方".len(), "法"));
        assert!(is_use_at("、法及び", "、".len(), "法"));
    }
}
