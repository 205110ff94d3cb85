//! Provision text → escaped HTML with cross-reference links and defined-term markup. Everything that is not
//! markup kitei adds is escaped, so regulation text containing `<script>` stays text.
//!
//! ```
//! use kitei::render::markup::{escape, Markup};
//! assert_eq!(escape("<script>&\"'"), "&lt;script&gt;&amp;&quot;&#39;");
//! use kitei::render::xref::{Reference, Target};
//! let ids = ["art_1".to_string()].into_iter().collect();
//! let m = Markup::new(&ids, &[]);
//! let links = [Reference { start: 0, end: "前条".len(), target: Target::Internal("art_1".into()) }];
//! assert_eq!(m.render("前条<b>", "art_2__para_1", &links), "<a class=\"xref\" href=\"#art_1\">前条</a>&lt;b&gt;");
//! ```

use super::xref::{Reference, Target};
use crate::refs::terms::{is_use_at, is_word_char, Definition};
use std::collections::{HashMap, HashSet};
use std::fmt::Write;

/// Escapes text for HTML content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    escape_into(&mut out, s);
    out
}

/// Appends `s` escaped to `out`.
pub fn escape_into(out: &mut String, s: &str) {
    // Most provision text has none of them: one branch-free pass (which the compiler vectorises) says so.
    let special = |b: u8| matches!(b, b'&' | b'<' | b'>' | b'"' | b'\'');
    if !s.bytes().fold(false, |any, b| any | special(b)) {
        out.push_str(s);
        return;
    }
    // The characters escaped are ASCII: the text between them is copied whole.
    let mut done = 0;
    for (i, b) in s.bytes().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&s[done..i]);
        out.push_str(entity);
        done = i + 1;
    }
    out.push_str(&s[done..]);
}

/// What the renderer needs to know about the document.
pub struct Markup<'a> {
    /// Every ID of the document (links are made only to IDs that exist).
    ids: &'a HashSet<String>,
    /// The document's defined terms.
    definitions: &'a [Definition],
    /// Definitions by the first character of the term, longest term first: `groups[first[c] - 1]` for a
    /// character `c` of the Basic Multilingual Plane (0: no term starts with it), `by_first` for the others.
    groups: Vec<Vec<usize>>,
    first: Vec<u32>,
    by_first: HashMap<char, usize>,
    /// The definitions made in each provision, by its ID.
    by_id: HashMap<&'a str, Vec<usize>>,
}

/// A piece of markup over a byte range of the text.
enum Span<'d> {
    Ref(&'d Target),
    Dfn(&'d Definition),
    Use(&'d Definition),
}

impl<'a> Markup<'a> {
    /// A renderer for a document with these IDs and definitions.
    pub fn new(ids: &'a HashSet<String>, definitions: &'a [Definition]) -> Markup<'a> {
        let mut groups: Vec<Vec<usize>> = Vec::new();
        let mut by_first: HashMap<char, usize> = HashMap::new();
        let mut by_id: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, d) in definitions.iter().enumerate() {
            if let Some(c) = d.term.chars().next() {
                let g = *by_first.entry(c).or_insert_with(|| {
                    groups.push(Vec::new());
                    groups.len() - 1
                });
                groups[g].push(i);
            }
            by_id.entry(d.id.as_str()).or_default().push(i);
        }
        for v in &mut groups {
            v.sort_by_key(|i| std::cmp::Reverse(definitions[*i].term.len()));
        }
        // A table over the BMP (where the terms' first characters are) spares hashing each character.
        let mut first = Vec::new();
        if !definitions.is_empty() {
            first = vec![0u32; 0x10000];
            for (&c, &g) in &by_first {
                if let Some(slot) = first.get_mut(c as usize) {
                    *slot = g as u32 + 1;
                }
            }
        }
        Markup { ids, definitions, groups, first, by_first, by_id }
    }

    /// The definitions whose term starts with `c`, longest first.
    fn starting_with(&self, c: char) -> &[usize] {
        let g = match self.first.get(c as usize) {
            Some(&g) => (g as usize).checked_sub(1),
            None => self.by_first.get(&c).copied(),
        };
        g.map(|g| self.groups[g].as_slice()).unwrap_or_default()
    }

    /// Renders English text with its cross-references ([`super::xref::english_links`]).
    pub fn render_en(&self, text: &str, links: &[Reference]) -> String {
        let spans = links.iter().map(|r| (r.start, r.end, Span::Ref(&r.target)));
        self.write(text, spans.collect())
    }

    /// Renders the text of provision `id` with its cross-references ([`super::xref::links`]) and defined
    /// terms.
    pub fn render(&self, text: &str, id: &str, links: &[Reference]) -> String {
        let mut spans: Vec<(usize, usize, Span)> = Vec::new();
        for r in links {
            spans.push((r.start, r.end, Span::Ref(&r.target)));
        }
        // The definitions made here.
        for d in self.by_id.get(id).into_iter().flatten().map(|&k| &self.definitions[k]) {
            let quoted = format!("「{}」", d.term);
            let at = text.find(&quoted).map(|p| p + '「'.len_utf8()).or_else(|| text.find(&d.term));
            if let Some(at) = at {
                if !overlaps(&spans, at, at + d.term.len()) {
                    spans.push((at, at + d.term.len(), Span::Dfn(d)));
                }
            }
        }
        // Uses of defined terms, longest first.
        if !self.definitions.is_empty() {
            // A use found skips the characters of its term. A use never follows a word character
            // ([`is_use_at`]), so the terms are looked up only where the character before is none.
            let mut next = 0;
            let mut after_word = false;
            for (i, c) in text.char_indices() {
                let skip = i < next || after_word;
                after_word = is_word_char(c);
                if skip {
                    continue;
                }
                let candidates = self.starting_with(c);
                if candidates.is_empty() {
                    continue;
                }
                let rest = &text[i..];
                let found = candidates
                    .iter()
                    .map(|k| &self.definitions[*k])
                    .filter(|d| rest.starts_with(d.term.as_str()))
                    .find(|d| d.scope.as_deref().is_none_or(|s| in_scope(id, s)));
                if let Some(d) = found {
                    let end = i + d.term.len();
                    let quoted = text[..i].ends_with('「') && text[end..].starts_with('」');
                    if !quoted && is_use_at(text, i, &d.term) && !overlaps(&spans, i, end) {
                        spans.push((i, end, Span::Use(d)));
                        next = end;
                    }
                }
            }
        }
        self.write(text, spans)
    }

    fn write(&self, text: &str, mut spans: Vec<(usize, usize, Span)>) -> String {
        spans.sort_by_key(|s| s.0);
        let mut out = String::with_capacity(text.len() * 2);
        let mut pos = 0;
        for (start, end, span) in spans {
            if start < pos {
                continue;
            }
            escape_into(&mut out, &text[pos..start]);
            let inner = &text[start..end];
            match span {
                Span::Ref(Target::Internal(target)) if self.ids.contains(target) => {
                    out.push_str("<a class=\"xref\" href=\"#");
                    out.push_str(target);
                    out.push_str("\">");
                    escape_into(&mut out, inner);
                    out.push_str("</a>");
                }
                Span::Ref(Target::Internal(_) | Target::Unresolved) => {
                    out.push_str("<span class=\"xref-unresolved\">");
                    escape_into(&mut out, inner);
                    out.push_str("</span>");
                }
                Span::Ref(Target::External) => {
                    // Its title (他の法令) is given by `static/site.js` on hover, not repeated at each one.
                    out.push_str("<span class=\"xref-external\">");
                    escape_into(&mut out, inner);
                    out.push_str("</span>");
                }
                Span::Dfn(d) => {
                    // The meaning is written once, here; each use refers to it by number (`data-d`) and
                    // `static/site.js` builds its tooltip on hover or focus.
                    out.push_str("<dfn id=\"");
                    escape_into(&mut out, &format!("dfn-{}", d.n + 1));
                    out.push_str("\" data-m=\"");
                    escape_into(&mut out, &d.meaning);
                    out.push_str("\">");
                    escape_into(&mut out, inner);
                    out.push_str("</dfn>");
                }
                Span::Use(d) => {
                    let _ = write!(out, "<abbr class=\"term\" data-d=\"{}\">", d.n + 1);
                    escape_into(&mut out, inner);
                    out.push_str("</abbr>");
                }
            }
            pos = end;
        }
        escape_into(&mut out, &text[pos..]);
        out
    }
}

/// True when the provision `id` is inside `scope` (the article a definition is limited to) or is it.
fn in_scope(id: &str, scope: &str) -> bool {
    id.strip_prefix(scope).is_some_and(|rest| rest.is_empty() || rest.starts_with("__"))
}

fn overlaps(spans: &[(usize, usize, Span<'_>)], start: usize, end: usize) -> bool {
    spans.iter().any(|(s, e, _)| start < *e && *s < end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_in_regulation_text_stays_text() {
        let ids = HashSet::new();
        let m = Markup::new(&ids, &[]);
        let text = "<script>alert('x')</script>第1条";
        let at = text.find('第').unwrap();
        let links = [Reference { start: at, end: text.len(), target: Target::Unresolved }];
        let html = m.render(text, "art_2__para_1", &links);
        assert!(!html.contains("<script"));
        assert!(html.starts_with("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
        assert!(html.contains("xref-unresolved"));
    }

    fn definition(term: &str, id: &str, scope: Option<&str>, n: usize) -> Definition {
        Definition {
            term: term.into(),
            meaning: format!("{term}の意味"),
            words: String::new(),
            id: id.into(),
            scope: scope.map(str::to_string),
            n,
        }
    }

    #[test]
    fn escaping_keeps_every_other_character() {
        assert_eq!(escape("甲<乙>&\"丙\"'丁'𠮷"), "甲&lt;乙&gt;&amp;&quot;丙&quot;&#39;丁&#39;𠮷");
        assert_eq!(escape("第一条　甲"), "第一条　甲");
        assert_eq!(escape(""), "");
    }

    #[test]
    fn terms_are_found_whatever_their_first_character_and_only_in_their_scope() {
        let ids = HashSet::new();
        // A term starting outside the Basic Multilingual Plane (𠮷), the longest term first (株式会社 before
        // 株式), and one limited to its article.
        let defs = vec![
            definition("𠮷野", "art_1__para_1", None, 0),
            definition("株式", "art_1__para_1", None, 1),
            definition("株式会社", "art_1__para_1", None, 2),
            definition("会社", "art_2__para_1", Some("art_2"), 3),
        ];
        let m = Markup::new(&ids, &defs);
        let html = m.render("𠮷野の株式会社及び株式、会社", "art_3__para_1", &[]);
        assert_eq!(
            html,
            "<abbr class=\"term\" data-d=\"1\">𠮷野</abbr>の<abbr class=\"term\" data-d=\"3\">株式会社</abbr>及び\
             <abbr class=\"term\" data-d=\"2\">株式</abbr>、会社"
        );
        // Inside the article the scoped term is used; an article whose ID merely starts the same is outside.
        assert!(m.render("、会社", "art_2__para_2", &[]).contains("data-d=\"4\""));
        assert!(!m.render("、会社", "art_20__para_1", &[]).contains("data-d"));
    }

    #[test]
    fn a_longer_term_out_of_scope_leaves_the_shorter_one_in_scope() {
        let ids = HashSet::new();
        // 株式会社等 is limited to article 2; elsewhere the longest term in scope at that place is 株式会社.
        // The same term defined twice is the first definition in scope.
        let defs = vec![
            definition("株式会社等", "art_2__para_1", Some("art_2"), 0),
            definition("株式会社", "art_1__para_1", Some("art_9"), 1),
            definition("株式会社", "art_1__para_2", None, 2),
        ];
        let m = Markup::new(&ids, &defs);
        let outside = m.render("、株式会社等", "art_3__para_1", &[]);
        assert_eq!(outside, "、<abbr class=\"term\" data-d=\"3\">株式会社</abbr>等");
        let inside = m.render("、株式会社等", "art_2__para_2", &[]);
        assert_eq!(inside, "、<abbr class=\"term\" data-d=\"1\">株式会社等</abbr>");
        assert!(m.render("、株式会社", "art_9__para_1", &[]).contains("data-d=\"2\""));
    }

    #[test]
    fn a_term_glued_to_the_word_before_it_is_no_use() {
        let ids = HashSet::new();
        let defs = vec![definition("会社", "art_1__para_1", None, 0), definition("社員", "art_1__para_1", None, 1)];
        let m = Markup::new(&ids, &defs);
        // 親会社 and 会社員 are other words (nor is 社員 used inside 会社員); after a kana 会社 is the term;
        // quoted, it is a mention.
        let html = m.render("親会社の会社、「会社」会社員", "art_2__para_1", &[]);
        assert_eq!(html, "親会社の<abbr class=\"term\" data-d=\"1\">会社</abbr>、「会社」会社員");
        assert!(m.render("社員", "art_2__para_1", &[]).contains("data-d=\"2\""));
    }

    #[test]
    fn terms_are_marked_at_uses_and_definition() {
        let ids = HashSet::new();
        let defs = vec![Definition {
            term: "機構".into(),
            meaning: "地方公共団体情報システム機構".into(),
            words: "地方公共団体情報システム機構（以下「機構」という。）".into(),
            id: "art_1__para_1".into(),
            scope: None,
            n: 0,
        }];
        let m = Markup::new(&ids, &defs);
        let html = m.render("機構（以下「機構」という。）", "art_1__para_1", &[]);
        assert!(html.contains("<dfn id=\"dfn-1\" data-m=\"地方公共団体情報システム機構\">機構</dfn>"), "{html}");
        // A use names its definition by number (the meaning is not repeated at each use).
        let html = m.render("機構の役員", "art_2__para_1", &[]);
        assert_eq!(html, "<abbr class=\"term\" data-d=\"1\">機構</abbr>の役員");
    }
}
