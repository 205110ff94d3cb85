//! English translations (JLT style) → the same [`Document`] model as the Japanese text, so that IDs align.
//!
//! The grammar follows the Japanese Law Translation conventions: `Chapter I General Provisions` (Roman
//! numerals, `Chapter IV-2`), `Article 1 (Purpose)` (`Article 10-2`), paragraphs `(1)`, `(2)` (an article's
//! first text line without a marker is paragraph 1), items `(i)`, `(ii)`, subitems `(a)`, `(b)`,
//! `Supplementary Provisions` and `Table of Contents`. HTML comments (`<!-- translation-of: 2016-01-01.md -->`)
//! are kept in `attrs["comments"]`, and the `translation-of` value in `attrs["translation-of"]`.
//!
//! ```
//! let text = "<!-- translation-of: 2016-01-01.md -->\nRules\n\nArticle 1 (Purpose)\nThese Rules set out the purpose.\n\nArticle 2\n(1) First.\n(2) Second:\n(i) an item.\n";
//! let doc = kitei::parse::english::parse_english("a.en.md", text).unwrap().document;
//! assert_eq!(doc.title, "Rules");
//! assert_eq!(doc.attrs["translation-of"], "2016-01-01.md");
//! assert_eq!(doc.children[0].heading.as_deref(), Some("Purpose"));
//! assert_eq!(doc.children[0].children[0].id, "art_1__para_1");
//! assert_eq!(doc.children[1].children[1].children[0].id, "art_2__para_2__item_1");
//! ```

use super::Parsed;
use crate::diagnostic::Diagnostic;
use crate::error::{Error, Location, Result};
use crate::model::num::parse_roman;
use crate::model::{ids::assign_ids, Document, Kind, Node, Num, Pos, Scheme, SourceFormat, Span};

/// The first word of the comment holding the fingerprints of the Japanese translated (written by
/// `kitei translate`, read by `crate::translate::fingerprint`); kept in `attrs["fingerprints"]`, apart from
/// the other comments.
pub const FINGERPRINTS_MARK: &str = "kitei-fingerprints";

/// Parses an English translation into the model, with IDs assigned by [`assign_ids`].
pub fn parse_english(name: &str, text: &str) -> Result<Parsed> {
    let mut p = EnParser { doc: Document::new(""), diagnostics: Vec::new(), stack: Vec::new() };
    p.doc.format = SourceFormat::Markdown;
    let mut comments = Vec::new();
    let mut in_toc = false;
    let mut in_comment = false;
    // The fingerprint comment (`crate::translate::fingerprint`), kept apart from the other comments.
    let mut fingerprints: Option<Vec<String>> = None;
    let mut in_fingerprints = false;
    for (i, raw) in text.lines().enumerate() {
        let line_no = i as u32 + 1;
        let line = clean(raw);
        if in_comment {
            let sink = if in_fingerprints { fingerprints.get_or_insert_with(Vec::new) } else { &mut comments };
            if let Some(end) = line.find("-->") {
                sink.push(line[..end].trim().to_string());
                in_comment = false;
                in_fingerprints = false;
            } else {
                sink.push(line.to_string());
            }
            continue;
        }
        if let Some(rest) = line.strip_prefix("<!--") {
            if rest.trim_start().starts_with(FINGERPRINTS_MARK) {
                let body = fingerprints.get_or_insert_with(Vec::new);
                match rest.find("-->") {
                    Some(end) => body.push(rest[..end].trim().to_string()),
                    None => {
                        body.push(rest.trim().to_string());
                        in_comment = true;
                        in_fingerprints = true;
                    }
                }
                continue;
            }
            match rest.find("-->") {
                Some(end) => comments.push(rest[..end].trim().to_string()),
                None => {
                    comments.push(rest.trim().to_string());
                    in_comment = true;
                }
            }
            continue;
        }
        if line.is_empty() {
            in_toc = false;
            continue;
        }
        let span = Span { start: Pos { line: line_no, column: 1 }, end: Pos { line: line_no, column: 1 } };
        if p.doc.title.is_empty() && p.stack.is_empty() && p.doc.children.is_empty() {
            p.doc.title = line.to_string();
            p.doc.span = span;
            continue;
        }
        if line == "Table of Contents" {
            let mut toc = Node::new(Kind::Toc);
            toc.label = line.into();
            toc.span = span;
            p.close_to(0);
            p.doc.children.push(toc);
            in_toc = true;
            continue;
        }
        if in_toc {
            p.toc_entry(line, span);
            continue;
        }
        if let Some((kind, num, heading)) = group_line(line) {
            let rank = kind.group_rank().unwrap_or(1) as usize;
            p.close_groups(rank);
            let mut n = Node::new(kind);
            n.num = Some(num);
            n.label = line[..line.len() - heading.len()].trim().to_string();
            n.heading = (!heading.is_empty()).then(|| heading.to_string());
            n.span = span;
            p.push(n, Level::Group(rank));
            continue;
        }
        if let Some(rest) = line.strip_prefix("Supplementary Provisions") {
            p.close_to(0);
            let mut n = Node::new(Kind::SupplProvision);
            n.label = "Supplementary Provisions".into();
            let h = rest.trim().trim_start_matches('(').trim_end_matches(')').trim();
            n.heading = (!h.is_empty()).then(|| h.to_string());
            n.span = span;
            p.push(n, Level::Suppl);
            continue;
        }
        if let Some((num, heading, rest)) = article_line(line) {
            p.close_articles();
            let mut n = Node::new(Kind::Article);
            n.label = format!("Article {num}");
            n.num = Some(num);
            n.heading = heading.map(str::to_string);
            n.span = span;
            p.push(n, Level::Article);
            if !rest.is_empty() {
                p.paragraph_text(None, rest, span);
            }
            continue;
        }
        match marker(line) {
            Some((Marker::Arabic(n), rest)) => p.paragraph_text(Some((n, line)), rest, span),
            Some((Marker::Roman(n), rest)) if p.expects_latin(n) => {
                let letter = match n {
                    1 => 9,
                    5 => 22,
                    _ => 24,
                };
                p.item(Kind::Subitem, letter, line, rest, span)
            }
            Some((Marker::Roman(n), rest)) => p.item(Kind::Item, n, line, rest, span),
            Some((Marker::Latin(n), rest)) => p.item(Kind::Subitem, n, line, rest, span),
            None => p.paragraph_text(None, line, span),
        }
    }
    if in_comment {
        return Err(Error::Syntax {
            at: Location { file: name.into(), line: text.lines().count() as u32, column: 1 },
            expected: "the end of an HTML comment (-->)".into(),
            found: "the end of the file".into(),
        });
    }
    p.close_to(0);
    if !comments.is_empty() {
        for c in &comments {
            if let Some(v) = c.strip_prefix("translation-of:") {
                p.doc.attrs.insert("translation-of".into(), v.trim().to_string());
            }
        }
        p.doc.attrs.insert("comments".into(), comments.join("\n"));
    }
    if let Some(body) = fingerprints {
        p.doc.attrs.insert("fingerprints".into(), body.join("\n"));
    }
    p.doc.attrs.insert("lang".into(), "en".into());
    assign_ids(&mut p.doc);
    Ok(Parsed { document: p.doc, diagnostics: p.diagnostics })
}

fn clean(raw: &str) -> &str {
    let t = raw.trim();
    let t = t.strip_prefix("- ").unwrap_or(t);
    t.trim_start_matches('#').trim()
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Level {
    Group(usize),
    Suppl,
    Article,
    Paragraph,
    Item,
    Subitem,
}

impl Level {
    fn depth(self) -> usize {
        match self {
            Level::Group(r) => r,
            Level::Suppl => 1,
            Level::Article => 10,
            Level::Paragraph => 11,
            Level::Item => 12,
            Level::Subitem => 13,
        }
    }
}

struct EnParser {
    doc: Document,
    diagnostics: Vec<Diagnostic>,
    /// Open nodes, outermost first.
    stack: Vec<(Node, Level)>,
}

impl EnParser {
    fn push(&mut self, n: Node, level: Level) {
        self.stack.push((n, level));
    }

    fn pop(&mut self) {
        if let Some((n, _)) = self.stack.pop() {
            match self.stack.last_mut() {
                Some((parent, _)) => parent.children.push(n),
                None => self.doc.children.push(n),
            }
        }
    }

    /// Closes every open node at `depth` or deeper.
    fn close_to(&mut self, depth: usize) {
        while self.stack.last().is_some_and(|(_, l)| l.depth() >= depth) {
            self.pop();
        }
    }

    fn close_groups(&mut self, rank: usize) {
        // A group closes articles, the 附則 and groups of the same or lower rank.
        while let Some((_, l)) = self.stack.last() {
            let close = match l {
                Level::Group(r) => *r >= rank,
                _ => true,
            };
            if !close {
                break;
            }
            self.pop();
        }
    }

    fn close_articles(&mut self) {
        self.close_to(Level::Article.depth());
    }

    fn top_level(&self) -> Option<Level> {
        self.stack.last().map(|(_, l)| *l)
    }

    fn toc_entry(&mut self, line: &str, span: Span) {
        let mut e = Node::new(Kind::TocEntry);
        e.span = span;
        if line.starts_with("Supplementary Provisions") {
            e.label = "Supplementary Provisions".into();
            e.attrs.insert("target".into(), "suppl".into());
        } else if let Some((kind, num, rest)) = group_line(line) {
            e.label = line[..line.len() - rest.len()].trim().to_string();
            e.num = Some(num);
            e.attrs.insert("target".into(), crate::model::ids::group_prefix_name(kind).into());
            let (heading, range) = match rest.rfind(" (") {
                Some(i) if rest.ends_with(')') => (&rest[..i], &rest[i + 1..]),
                _ => (rest, ""),
            };
            e.heading = Some(heading.trim().to_string());
            e.set_text(range);
        } else {
            e.label = line.into();
        }
        if let Some((toc, _)) = self.stack.last_mut().filter(|(n, _)| n.kind == Kind::Toc) {
            toc.children.push(e);
        } else if let Some(toc) = self.doc.children.iter_mut().rev().find(|n| n.kind == Kind::Toc) {
            toc.children.push(e);
        }
    }

    /// A text line: a numbered paragraph (`(2) …`), the first paragraph of an article, or a continuation.
    fn paragraph_text(&mut self, numbered: Option<(u32, &str)>, text: &str, span: Span) {
        if self.top_level().is_none() {
            // Text before any provision: a preamble-like note; keep it as a Text node.
            let mut n = Node::new(Kind::Text);
            n.set_text(text);
            n.span = span;
            self.doc.children.push(n);
            return;
        }
        let in_container = matches!(self.top_level(), Some(Level::Article) | Some(Level::Suppl));
        if numbered.is_none() && !in_container {
            // A continuation line of the open paragraph or item.
            if let Some((n, _)) = self.stack.last_mut() {
                let joined = if n.text.is_empty() { text.to_string() } else { format!("{} {}", n.text, text) };
                n.set_text(joined);
            }
            return;
        }
        self.close_to(Level::Paragraph.depth());
        if matches!(self.top_level(), Some(Level::Group(_)) | None) {
            self.diagnostics.push(
                Diagnostic::warning("en-text-outside-article", format!("text outside any article: {text}"))
                    .at(span.start.line, 1),
            );
            let mut n = Node::new(Kind::Text);
            n.set_text(text);
            n.span = span;
            match self.stack.last_mut() {
                Some((p, _)) => p.children.push(n),
                None => self.doc.children.push(n),
            }
            return;
        }
        let count = self.stack.last().map(|(n, _)| n.children_of(Kind::Paragraph).count() as u32).unwrap_or(0);
        let mut para = Node::new(Kind::Paragraph);
        para.num = Some(Num::simple(numbered.map(|(n, _)| n).unwrap_or(count + 1)));
        if let Some((n, _)) = numbered {
            para.label = format!("({n})");
        }
        para.set_text(text);
        para.span = span;
        self.push(para, Level::Paragraph);
    }

    /// True when `(i)`, `(v)`, `(x)` should be read as Latin letters: inside subitems that have reached (h)…
    fn expects_latin(&self, roman: u32) -> bool {
        let Some((n, Level::Subitem)) = self.stack.last() else { return false };
        let prev = n.num.as_ref().map(|x| x.main()).unwrap_or(0);
        let letter = match roman {
            1 => 9,   // i
            5 => 22,  // v
            10 => 24, // x
            _ => return false,
        };
        prev + 1 == letter
    }

    fn item(&mut self, kind: Kind, n: u32, label: &str, text: &str, span: Span) {
        let level = if kind == Kind::Item { Level::Item } else { Level::Subitem };
        let num = n;
        self.close_to(level.depth());
        if kind == Kind::Item && matches!(self.top_level(), Some(Level::Article) | Some(Level::Suppl)) {
            // Items directly after the article line: they belong to paragraph 1.
            self.paragraph_text(None, "", span);
        }
        if kind == Kind::Subitem && self.top_level() != Some(Level::Item) {
            self.diagnostics.push(
                Diagnostic::warning("en-subitem-outside-item", format!("subitem {label} outside an item"))
                    .at(span.start.line, 1),
            );
        }
        // JLT writes 三の二 as "(iii)-2": the branch numbers follow the marker.
        let (branches, text) = branch_suffix(text);
        let mut node = Node::new(kind);
        node.num = Some(Num(std::iter::once(num).chain(branches.iter().copied()).collect()));
        let branch_label: String = branches.iter().map(|b| format!("-{b}")).collect();
        node.label = label.split(')').next().map(|s| format!("{s}){branch_label}")).unwrap_or_default();
        node.scheme = Some(if kind == Kind::Item { Scheme::Roman } else { Scheme::Latin });
        if kind == Kind::Subitem {
            node.level = 1;
        }
        node.set_text(text);
        node.span = span;
        self.push(node, level);
    }
}

/// `-2 text` after a marker → ([2], "text"); no branch → ([], text).
fn branch_suffix(text: &str) -> (Vec<u32>, &str) {
    let mut branches = Vec::new();
    let mut rest = text;
    while let Some(after) = rest.strip_prefix('-') {
        let end = after.find(|c: char| !c.is_ascii_digit()).unwrap_or(after.len());
        match after[..end].parse::<u32>() {
            Ok(b) if end > 0 => {
                branches.push(b);
                rest = &after[end..];
            }
            _ => break,
        }
    }
    if branches.is_empty() {
        (branches, text)
    } else {
        (branches, rest.trim_start())
    }
}

enum Marker {
    Arabic(u32),
    Roman(u32),
    Latin(u32),
}

/// `(1) text`, `(ii) text`, `(a) text` → the marker and the rest.
fn marker(line: &str) -> Option<(Marker, &str)> {
    let inner_end = line.find(')')?;
    let inner = line.strip_prefix('(')?.get(..inner_end - 1)?;
    let rest = line[inner_end + 1..].trim();
    if inner.is_empty() || inner.len() > 8 {
        return None;
    }
    if let Ok(n) = inner.parse::<u32>() {
        return Some((Marker::Arabic(n), rest));
    }
    let single_non_roman = inner.len() == 1 && !matches!(inner, "i" | "v" | "x");
    if let Some(n) = parse_roman(inner).filter(|_| !single_non_roman && inner.chars().all(|c| c.is_ascii_lowercase())) {
        return Some((Marker::Roman(n), rest));
    }
    if inner.len() == 1 && inner.chars().all(|c| c.is_ascii_lowercase()) {
        return Some((Marker::Latin(inner.as_bytes()[0] as u32 - b'a' as u32 + 1), rest));
    }
    None
}

/// `Chapter IV-2 Heading` → (kind, number, heading).
fn group_line(line: &str) -> Option<(Kind, Num, &str)> {
    let (word, rest) = line.split_once(' ')?;
    let kind = match word {
        "Part" => Kind::Part,
        "Chapter" => Kind::Chapter,
        "Section" => Kind::Section,
        "Subsection" => Kind::Subsection,
        "Division" => Kind::Division,
        _ => return None,
    };
    let (numtok, heading) = rest.split_once(' ').unwrap_or((rest, ""));
    let mut parts = Vec::new();
    for (i, p) in numtok.split('-').enumerate() {
        let v = if i == 0 { parse_roman(p).or_else(|| p.parse().ok()) } else { p.parse().ok() };
        parts.push(v?);
    }
    Some((kind, Num(parts), heading.trim()))
}

/// `Article 10-2 (Heading) text` → (number, heading, rest of the line).
fn article_line(line: &str) -> Option<(Num, Option<&str>, &str)> {
    let rest = line.strip_prefix("Article ")?;
    let end = rest.find(|c: char| !(c.is_ascii_digit() || c == '-')).unwrap_or(rest.len());
    let num = Num::parse_arabic(&rest[..end])?;
    let mut rest = rest[end..].trim_start();
    if rest.starts_with(',') {
        return None; // a citation ("Article 39, paragraph (1) …"), not an article line
    }
    let mut heading = None;
    if let Some(r) = rest.strip_prefix('(') {
        let close = r.find(')')?;
        heading = Some(r[..close].trim());
        rest = r[close + 1..].trim_start();
    }
    Some((num, heading, rest))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_keep_their_branch_numbers_and_align_with_the_japanese() {
        let en = parse_english("x", "R\n\nArticle 1\nAs follows:\n(iii) third;\n(iii)-2 inserted;\n(iv) -fourth.\n")
            .unwrap();
        let ja = crate::parse::parse_str("規程\n第1条　次に掲げる。\n三　三\n三の二　挿入\n四　四\n").unwrap();
        let items = &en.document.children[0].children[0].children;
        let got: Vec<_> = items.iter().map(|n| (n.id.as_str(), n.label.as_str(), n.text.as_str())).collect();
        assert_eq!(
            got,
            vec![
                ("art_1__para_1__item_3", "(iii)", "third;"),
                ("art_1__para_1__item_3-2", "(iii)-2", "inserted;"),
                ("art_1__para_1__item_4", "(iv)", "-fourth.")
            ]
        );
        let ja_ids: Vec<_> = ja.children[0].children[0].children.iter().map(|n| n.id.as_str()).collect();
        assert_eq!(ja_ids, vec!["art_1__para_1__item_3", "art_1__para_1__item_3-2", "art_1__para_1__item_4"]);
    }

    #[test]
    fn the_seed_translation_aligns_with_the_japanese_ids() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/regulations/jlis-ninsho-jimu-kanri-kitei/");
        let en = std::fs::read_to_string(format!("{dir}2016-01-01.en.md")).unwrap();
        let en = parse_english("2016-01-01.en.md", &en).unwrap().document;
        let ja = crate::load(std::path::Path::new(&format!("{dir}2016-01-01.md"))).unwrap().document;
        let ids = |d: &Document| {
            let mut v = Vec::new();
            crate::model::walk::walk(d, &mut |n| {
                if n.kind.is_provision() || n.kind.is_group() || n.kind == Kind::SupplProvision {
                    v.push(n.id.clone())
                }
            });
            v
        };
        assert_eq!(ids(&ja), ids(&en));
        assert_eq!(
            en.find("art_10__para_4__item_5").unwrap().text,
            "other measures necessary for security countermeasures."
        );
        assert_eq!(en.find("chp_4").unwrap().heading.as_deref(), Some("Security Management"));
        let toc = en.toc().unwrap();
        assert_eq!(toc.children[0].id, "toc__chp_1");
        assert_eq!(toc.children.last().unwrap().id, "toc__suppl");
    }

    #[test]
    fn subitems_and_branch_numbers() {
        let t = "T\n\nArticle 3-2\n(1) Para:\n(i) item\n(a) sub a\n(b) sub b\n(ii) item two\n";
        let d = parse_english("t", t).unwrap().document;
        let art = &d.children[0];
        assert_eq!(art.id, "art_3-2");
        let item = &art.children[0].children[0];
        assert_eq!(item.children[1].id, "art_3-2__para_1__item_1__subitem1_2");
        assert_eq!(art.children[0].children[1].id, "art_3-2__para_1__item_2");
    }

    #[test]
    fn an_unclosed_comment_is_an_error() {
        assert!(parse_english("x", "<!-- open\nText").is_err());
    }
}
