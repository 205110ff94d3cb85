//! Defined terms and their uses, the one definition finder: the site marks each definition (`<dfn>`) and
//! every later use (`render::markup`), impact compares definitions between versions and lists the
//! provisions using a changed term, and impact's other-regulation check reads the abbreviations another
//! regulation gives this one (（以下「規則」という。）).
//!
//! A definition is 「X」とは、…をいう (anywhere in a provision), Xとは、…をいう (a provision that starts so),
//! an item of a definition article written as term and meaning in columns (「職員等　機構の役員及び職員を
//! いう。」), or an abbreviation in brackets （以下「X」という。）, limited to its article when it says
//! 以下この条において.
//!
//! ```
//! let doc = kitei::parse::parse_str("規程\n第1条　この規程は、地方公共団体情報システム機構（以下「機構」という。）の規程とする。\n").unwrap();
//! let defs = kitei::refs::terms::find_definitions(&doc);
//! assert_eq!(defs[0].term, "機構");
//! assert_eq!(defs[0].meaning, "地方公共団体情報システム機構");
//! assert_eq!(defs[0].words, "この規程は、地方公共団体情報システム機構（以下「機構」という。）");
//! assert_eq!(defs[0].id, "art_1__para_1");
//! ```

use crate::model::{walk, Document, Kind, Node};

/// A defined term.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Definition {
    /// The term as written.
    pub term: String,
    /// What it stands for: the phrase before an abbreviation's bracket, or the whole defining provision.
    pub meaning: String,
    /// The defining words, to compare between versions: from the term to をいう, or the sentence up to the
    /// abbreviation's closing bracket.
    pub words: String,
    /// The ID of the provision that defines it.
    pub id: String,
    /// The article the definition is limited to (「以下この条において」), if any.
    pub scope: Option<String>,
    /// Its position among the document's definitions (0-based).
    pub n: usize,
}

/// A character a term is made of: no use of a term starts right after one ([`is_use_at`]).
pub(crate) fn is_word_char(c: char) -> bool {
    // Kanji, katakana (with ー), and the 々 iteration mark.
    ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{30a0}'..='\u{30ff}').contains(&c) || c == '々' || c == '〇'
}

fn plausible(term: &str) -> bool {
    !term.is_empty() && term.chars().count() <= 30 && !term.contains(['、', '。', '「', '」'])
}

/// Every definition in the document, in document order (the first definition of a term wins).
pub fn find_definitions(doc: &Document) -> Vec<Definition> {
    let mut out: Vec<Definition> = Vec::new();
    walk::walk_with_ancestors(doc, &mut |n, anc| {
        if n.kind.is_provision() && !n.text.is_empty() {
            in_provision(n, anc, &mut out);
        }
    });
    out
}

fn in_provision(n: &Node, anc: &[&Node], out: &mut Vec<Definition>) {
    let text = n.text.as_str();
    let mut push = |term: &str, meaning: String, words: &str, scope: Option<String>| {
        if !out.iter().any(|o| o.term == term) {
            let (id, n) = (n.id.clone(), out.len());
            out.push(Definition { term: term.into(), meaning, words: words.into(), id, scope, n });
        }
    };
    // 「X」とは、…をいう。
    let mut from = 0;
    while let Some(p) = find(&text[from..], Word::DefinedAs) {
        let close = from + p;
        from = close + "」とは".len();
        let Some(open) = text[..close].rfind('「') else { continue };
        let term = &text[open + '「'.len_utf8()..close];
        let Some(e) = text[close..].find("をいう") else { continue };
        if plausible(term) {
            push(term, text.into(), &text[open..close + e + "をいう".len()], None);
        }
    }
    // 認証事務従事者とは、…をいう。 (a definition item without brackets)
    if let Some(pos) = find(text, Word::Is).filter(|_| !text.starts_with('「')) {
        let term = &text[..pos];
        if let (true, Some(e)) = (plausible(term) && !term.contains(['（', '）']), text[pos..].find("をいう")) {
            push(term, text.into(), &text[..pos + e + "をいう".len()], None);
        }
    }
    // 職員等　…をいう。 (an item of a definition article, in columns)
    let in_definitions =
        anc.iter().any(|a| a.kind == Kind::Article && a.heading.as_deref().is_some_and(|h| h.contains("定義")));
    if in_definitions && n.kind == Kind::Item {
        if let Some((term, meaning)) = text.split_once('　') {
            if plausible(term) && meaning.contains("をいう") {
                push(term, text.into(), text, None);
            }
        }
    }
    // （以下「X」という。）
    let article = std::iter::once(n).chain(anc.iter().rev().copied()).find(|a| a.kind == Kind::Article);
    let mut from = 0;
    while let Some(p) = find(&text[from..], Word::Called) {
        let close = from + p;
        from = close + "」という".len();
        let Some(open) = text[..close].rfind('「') else { continue };
        let Some(paren) = text[..open].rfind('（') else { continue };
        let term = &text[open + '「'.len_utf8()..close];
        let inside = &text[paren..open];
        let meaning = definiens(&text[..paren]);
        if !inside.contains("以下") || !plausible(term) || meaning.is_empty() {
            continue;
        }
        let scope = if inside.contains("この条") { article.map(|a| a.id.clone()) } else { None };
        let start = sentence_start(&text[..paren]);
        let end = text[close..].find('）').map_or(text.len(), |e| close + e + '）'.len_utf8());
        push(term, meaning, &text[start..end], scope);
    }
}

/// The words a definition is found by.
#[derive(Clone, Copy)]
enum Word {
    /// 」とは
    DefinedAs,
    /// とは、
    Is,
    /// 」という
    Called,
}

/// Where `word` first occurs in `text`. The searchers are built once (every provision is searched for
/// the three words, and building a searcher costs more than most searches).
fn find(text: &str, word: Word) -> Option<usize> {
    use memchr::memmem::Finder;
    static FINDERS: std::sync::LazyLock<[Finder<'static>; 3]> =
        std::sync::LazyLock::new(|| ["」とは", "とは、", "」という"].map(|w| Finder::new(w.as_bytes())));
    FINDERS[word as usize].find(text.as_bytes())
}

/// Where the sentence holding the end of `before` starts: after the last 。 outside brackets.
fn sentence_start(before: &str) -> usize {
    let mut depth = 0i32;
    let mut start = 0;
    for (i, c) in before.char_indices() {
        match c {
            '（' | '(' => depth += 1,
            '）' | ')' => depth -= 1,
            '。' if depth <= 0 => start = i + c.len_utf8(),
            _ => {}
        }
    }
    start
}

/// The phrase just before a bracket: the run of kanji and katakana, or, when that is too short (法律), the
/// phrase back to the previous comma, bracket or sentence end.
fn definiens(before: &str) -> String {
    let mut run: Vec<char> = before.chars().rev().take_while(|c| is_word_char(*c)).collect();
    if run.len() >= 4 {
        run.reverse();
        return run.into_iter().collect();
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
    before[start..].trim().to_string()
}

/// True when the term `term` may be read as used at byte `at` of `text`: not glued to a longer word on the
/// left, and (for one- and two-character terms) not on the right either, 第 及 又 並 若 excepted (法第39条);
/// and not the 「X」とは that defines it.
pub fn is_use_at(text: &str, at: usize, term: &str) -> bool {
    let before = text[..at].chars().next_back();
    let after = &text[at + term.len()..];
    if before.is_some_and(is_word_char) || before == Some('「') && after.starts_with("」とは") {
        return false;
    }
    if term.chars().count() <= 2 {
        if let Some(next) = after.chars().next() {
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
    use crate::parse::parse_str;

    #[test]
    fn the_seed_definitions() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/regulations/jlis-ninsho-jimu-kanri-kitei/2016-01-01.md");
        let doc = crate::load(std::path::Path::new(path)).unwrap().document;
        let defs = find_definitions(&doc);
        let terms: Vec<&str> = defs.iter().map(|d| d.term.as_str()).collect();
        assert_eq!(terms, ["法", "機構", "認証事務従事者", "情報資産"]);
        assert_eq!(defs[0].meaning, "電子署名等に係る地方公共団体情報システム機構の認証業務に関する法律");
        assert_eq!(defs[2].id, "art_2__para_1__item_1");
        assert_eq!(defs[2].words, "認証事務従事者とは、機構の役員及び職員のうち認証事務に従事する者をいう");
    }

    #[test]
    fn the_four_forms_of_definition() {
        let doc = parse_str("規程\n（定義）\n第1条　この規程において「職員」とは、機構の職員をいう。\n２　この規程において、次の各号に掲げる用語の意義は、当該各号に定めるところによる。\n一　役員等　理事及び監事をいう。\n二　委員とは、委員会の委員をいう。\n第2条　地方公共団体情報システム機構（以下「機構」という。）は、職員を置く。\n").unwrap();
        let terms: Vec<String> = find_definitions(&doc).into_iter().map(|d| d.term).collect();
        assert_eq!(terms, ["職員", "役員等", "委員", "機構"]);
        let doc = parse_str(
            "規程\n第1条　この規則（以下「規則」という。）は、株式会社（以下この条において「会社」という。）に適用する。\n",
        )
        .unwrap();
        let defs = find_definitions(&doc);
        assert_eq!(defs[1].words, "この規則（以下「規則」という。）は、株式会社（以下この条において「会社」という。）");
        assert_eq!((defs[0].scope.as_deref(), defs[1].scope.as_deref()), (None, Some("art_1")));
    }

    #[test]
    fn a_quotation_with_no_meaning_is_no_definition() {
        // An amending provision quoting 「X」とは without をいう defines nothing.
        let doc = parse_str("規程\n第1条　第2条中「職員」とは、を削る。\n").unwrap();
        assert!(find_definitions(&doc).is_empty());
    }

    #[test]
    fn uses_respect_word_boundaries() {
        assert!(is_use_at("法第44条", 0, "法"));
        assert!(!is_use_at("法令を", 0, "法"));
        assert!(!is_use_at("方法の", "方".len(), "法"));
        assert!(is_use_at("、法及び", "、".len(), "法"));
        assert!(!is_use_at("「職員」とは、", "「".len(), "職員"), "the definition itself");
        assert!(is_use_at("「職員」の", "「".len(), "職員"));
    }
}
