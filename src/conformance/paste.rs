//! Paste variants: a regulation as it reaches kitei when legal staff copy it out of a PDF or Word
//! document, and the check that kitei reads it as the clean text or says where it cannot be sure.
//!
//! The clean text is the document as printed ([`printed`]: the canonical text, Markdown syntax turned into
//! the law layout). [`variant`] damages it the way a paste does:
//!
//! * [`Variant::Pdf`]: lines hard-wrapped at a fixed width (30–40 full-width characters), indents and blank
//!   lines lost, and at every page break (40 lines) a page number line (「- 12 -」, 「12」 or 「12/40」) and a
//!   running header (the title);
//! * [`Variant::Word`]: no blank lines, 全角 space indents (one per level below the article), the caption
//!   on the article's line (「第一条（目的）　…」; a law's number stays under its title) and, in every other
//!   file, a tab after the article number;
//! * [`Variant::Digits`]: half-width and full-width digits swapped, and the space after a label swapped
//!   between 全角 and half-width.
//!
//! [`compare`] parses a variant and compares it with the parse of the original: the sequence of nodes
//! (kind and number) and their texts (captions marked, white space removed, full-width ASCII folded) must
//! be equal ([`Outcome::Equal`]), or the variant's parse must carry more findings (parse diagnostics and structure
//! findings) than the original's, one of them located at or just after the first node that differs
//! ([`Outcome::Warned`]); anything else is silently different ([`Outcome::Different`], with the
//! first difference).
//!
//! ```
//! use kitei::conformance::paste::{compare, variant, Outcome, Variant};
//! let text = "規程\n\n（目的）\n第一条　この規程は、例を定める。\n２　前項は例である。\n";
//! let doc = kitei::parse::parse_str(text).unwrap();
//! let word = variant(text, "規程", Variant::Word, 1);
//! assert!(word.contains("第一条（目的）\tこの規程"), "{word}");
//! assert_eq!(compare(&doc, 0, &word), Outcome::Equal);
//! ```

use crate::input::{InputFormat, Source};
use crate::model::{Document, Kind, Node, SourceFormat};
use crate::parse::line::{classify, LineKind};

/// How a text reached kitei.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Variant {
    /// The printed text as it is.
    Clean,
    /// Copied from a PDF.
    Pdf,
    /// Copied from Word.
    Word,
    /// Digits and spaces of the other width.
    Digits,
}

impl Variant {
    /// Every variant, in table order.
    pub const ALL: [Variant; 4] = [Variant::Clean, Variant::Pdf, Variant::Word, Variant::Digits];

    /// Its name in tables.
    pub fn name(self) -> &'static str {
        match self {
            Variant::Clean => "clean",
            Variant::Pdf => "pdf",
            Variant::Word => "word",
            Variant::Digits => "digits",
        }
    }
}

/// How the parse of a variant compares with the parse of the original.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The same nodes and texts.
    Equal,
    /// Different, but the parse says so (more structure findings than the original's).
    Warned,
    /// Different without a word: the first difference (kind, number, excerpts).
    Different(String),
}

/// The document as printed: its canonical text, with a Markdown document's headings and list markers
/// written in the law layout (「（目的）」 above 「第1条　…」, 「２　…」, 「・…」).
pub fn printed(doc: &Document) -> String {
    let text = crate::export::text::to_text(doc);
    if doc.format != SourceFormat::Markdown {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    let mut pending: Option<String> = None;
    for line in text.lines() {
        let t = line.trim_start_matches(' ');
        if t.is_empty() {
            continue;
        }
        let hashes = t.bytes().take_while(|&b| b == b'#').count();
        let t = if hashes > 0 { t[hashes..].trim_start_matches(' ') } else { t };
        if let LineKind::Article { label, rest, .. } = classify(t) {
            if rest.is_empty() {
                flush(&mut out, &mut pending);
                pending = Some(label.to_string());
                continue;
            }
            if hashes > 0 && !rest.contains('。') {
                flush(&mut out, &mut pending);
                out.push_str(&format!("（{rest}）\n"));
                pending = Some(label.to_string());
                continue;
            }
        }
        let digits = t.bytes().take_while(u8::is_ascii_digit).count();
        let body = if digits > 0 && t[digits..].starts_with(". ") {
            let n = &t[..digits];
            let rest = &t[digits + 2..];
            match pending.take() {
                Some(label) if n == "1" => format!("{label}\u{3000}{rest}"),
                Some(label) => format!("{label}\n{}\u{3000}{rest}", widen(n)),
                None => format!("{}\u{3000}{rest}", widen(n)),
            }
        } else if let Some(rest) = t.strip_prefix("- ").or_else(|| t.strip_prefix("* ")) {
            format!("・{rest}")
        } else {
            t.to_string()
        };
        flush(&mut out, &mut pending);
        out.push_str(&body);
        out.push('\n');
    }
    flush(&mut out, &mut pending);
    out
}

fn flush(out: &mut String, pending: &mut Option<String>) {
    if let Some(label) = pending.take() {
        out.push_str(&label);
        out.push('\n');
    }
}

/// ASCII digits as full-width ones.
fn widen(s: &str) -> String {
    s.chars().map(|c| if c.is_ascii_digit() { char::from_u32(c as u32 + 0xFEE0).unwrap_or(c) } else { c }).collect()
}

/// A line kitei's own syntax (tags, attributes, HTML tables): left as it is in every variant.
fn verbatim(line: &str) -> bool {
    line.trim_start().starts_with([':', '[', '<', '|'])
}

/// The display width of a character in half-width units.
fn width(c: char) -> usize {
    if (c as u32) < 0x1100 || (0xFF61..=0xFF9F).contains(&(c as u32)) {
        1
    } else {
        2
    }
}

/// `base` as pasted in `v`; `seed` (a file's index) varies the width, page number form and separators.
pub fn variant(base: &str, title: &str, v: Variant, seed: usize) -> String {
    match v {
        Variant::Clean => base.to_string(),
        Variant::Pdf => pdf(base, title, seed),
        Variant::Word => word(base, seed),
        Variant::Digits => digits(base),
    }
}

fn pdf(base: &str, title: &str, seed: usize) -> String {
    let columns = 2 * (30 + seed % 11);
    let mut lines: Vec<String> = Vec::new();
    for line in base.lines() {
        if verbatim(line) {
            lines.push(line.to_string());
            continue;
        }
        let line = line.trim_start_matches([' ', '\u{3000}']);
        let mut cur = String::new();
        let mut w = 0;
        for c in line.chars() {
            if w + width(c) > columns {
                lines.push(std::mem::take(&mut cur));
                w = 0;
            }
            cur.push(c);
            w += width(c);
        }
        if !cur.trim().is_empty() {
            lines.push(cur);
        }
    }
    let pages = lines.len().div_ceil(40);
    let mut out = String::new();
    for (i, l) in lines.iter().enumerate() {
        if i > 0 && i % 40 == 0 {
            let page = i / 40;
            let number = match seed % 3 {
                0 => format!("- {page} -"),
                1 => page.to_string(),
                _ => format!("{page}/{pages}"),
            };
            out.push_str(&format!("{number}\n{title}\n"));
        }
        out.push_str(l);
        out.push('\n');
    }
    out
}

/// The depth below the article of a line's label (号 1, イ 2…), 0 for anything else.
fn depth(line: &str) -> usize {
    use crate::parse::line::{Bracket, MarkerValue};
    match classify(line) {
        LineKind::Marker { marker, .. } => match (marker.bracket, marker.value) {
            (Bracket::Bare, MarkerValue::Kanji(_)) => 1,
            (Bracket::Bare, _) => 2,
            _ => 3,
        },
        _ => 0,
    }
}

fn word(base: &str, seed: usize) -> String {
    let tab = seed % 2 == 1;
    let mut out = String::new();
    let mut caption: Option<&str> = None;
    for line in base.lines() {
        let t = line.trim_start_matches(' ');
        if t.is_empty() {
            continue;
        }
        if verbatim(line) {
            flush_caption(&mut out, &mut caption);
            out.push_str(line);
            out.push('\n');
            continue;
        }
        // A law's number under its title (「（明治二十七年三月六日勅令第二十三号）」) stays there: only a
        // caption goes on its article's line.
        if let LineKind::Caption { inner } = classify(t) {
            if is_act_number(inner) {
                flush_caption(&mut out, &mut caption);
                out.push_str(t);
                out.push('\n');
                continue;
            }
            flush_caption(&mut out, &mut caption);
            caption = Some(t);
            continue;
        }
        if let LineKind::Article { label, rest, .. } = classify(t) {
            if t.starts_with(label) {
                let sep = if tab { "\t" } else { "\u{3000}" };
                let cap = caption.take().unwrap_or("");
                let sep = if rest.is_empty() { "" } else { sep };
                out.push_str(&format!("{label}{cap}{sep}{rest}\n"));
                continue;
            }
        }
        flush_caption(&mut out, &mut caption);
        let indent = (line.len() - t.len()) / 2 + depth(t);
        out.push_str(&"\u{3000}".repeat(indent));
        out.push_str(t);
        out.push('\n');
    }
    flush_caption(&mut out, &mut caption);
    out
}

/// An act's number in brackets (「明治二十七年三月六日勅令第二十三号」): a year, then a number.
fn is_act_number(inner: &str) -> bool {
    inner.ends_with('号') && inner.find('年').is_some_and(|y| inner[y..].contains('第'))
}

fn flush_caption(out: &mut String, caption: &mut Option<&str>) {
    if let Some(c) = caption.take() {
        out.push_str(c);
        out.push('\n');
    }
}

fn digits(base: &str) -> String {
    let mut out = String::with_capacity(base.len());
    for line in base.lines() {
        if verbatim(line) {
            out.push_str(line);
            out.push('\n');
            continue;
        }
        let mut swapped_space = false;
        for c in line.chars() {
            let d = match c {
                '0'..='9' => char::from_u32(c as u32 + 0xFEE0).unwrap_or(c),
                '０'..='９' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
                '\u{3000}' if !swapped_space => {
                    swapped_space = true;
                    ' '
                }
                ' ' if !swapped_space && !out.ends_with('\n') && !out.is_empty() => {
                    swapped_space = true;
                    '\u{3000}'
                }
                _ => c,
            };
            out.push(d);
        }
        out.push('\n');
    }
    out
}

/// One node as compared: kind, number and folded text (and the last line of its span, not compared).
struct Entry {
    kind: Kind,
    num: String,
    text: String,
    end_line: u32,
}

impl PartialEq for Entry {
    fn eq(&self, other: &Entry) -> bool {
        (self.kind, &self.num, &self.text) == (other.kind, &other.num, &other.text)
    }
}

/// White space removed, full-width ASCII folded.
fn fold(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if ('！'..='～').contains(&c) { char::from_u32(c as u32 - 0xFEE0).unwrap_or(c) } else { c })
        .collect()
}

fn entries(doc: &Document) -> Vec<Entry> {
    let mut out = vec![Entry { kind: Kind::Text, num: "title".into(), text: fold(&doc.title), end_line: 1 }];
    crate::model::walk::walk(doc, &mut |n: &Node| {
        let caption = n.heading.as_deref().map(|h| format!("⟨{}⟩", fold(h))).unwrap_or_default();
        let num = n.num.as_ref().map(|n| n.to_egov()).unwrap_or_default();
        out.push(Entry {
            kind: n.kind,
            num,
            text: caption + &fold(&n.text),
            end_line: n.span.end.line.max(n.span.start.line),
        });
    });
    out
}

/// The lines of the parse diagnostics and structure findings of a parse (0 where unknown).
pub fn findings(parsed: &crate::parse::Parsed, text: &str) -> Vec<u32> {
    let structure = crate::lint::structure::check_source(&parsed.document, text);
    parsed.diagnostics.iter().chain(&structure).map(|d| d.line).collect()
}

/// Parses `text` (plain text) and compares it with `original`, which carried `original_findings` findings.
/// A difference is warned when the variant carries more, one of them located at or before the end of the
/// first node that differs (or two lines after it).
pub fn compare(original: &Document, original_findings: usize, text: &str) -> Outcome {
    let src = Source { name: "paste.txt".into(), text: text.into(), format: InputFormat::Text };
    let parsed = match crate::parse::parse_source(&src) {
        Ok(p) => p,
        Err(_) => return Outcome::Warned,
    };
    let (a, b) = (entries(original), entries(&parsed.document));
    let first =
        a.iter().zip(&b).position(|(x, y)| x != y).or_else(|| (a.len() != b.len()).then(|| a.len().min(b.len())));
    let Some(i) = first else { return Outcome::Equal };
    let found = findings(&parsed, text);
    let until = b.get(i).or(b.last()).map_or(u32::MAX, |e| e.end_line.saturating_add(2));
    if found.len() > original_findings && found.iter().any(|&l| l >= 1 && l <= until) {
        return Outcome::Warned;
    }
    Outcome::Different(difference(a.get(i), b.get(i)))
}

fn difference(a: Option<&Entry>, b: Option<&Entry>) -> String {
    let show = |e: Option<&Entry>, at: usize| match e {
        None => "(none)".to_string(),
        Some(e) => {
            let t: String = e.text.chars().skip(at.saturating_sub(8)).take(24).collect();
            format!("{} {} 「{t}」", e.kind.as_str(), e.num)
        }
    };
    let at = match (a, b) {
        (Some(x), Some(y)) => x.text.chars().zip(y.text.chars()).take_while(|(p, q)| p == q).count(),
        _ => 0,
    };
    format!("{} ≠ {}", show(a, at), show(b, at))
}

/// The outcome of every variant for one file.
#[derive(Debug, Clone)]
pub struct PasteReport {
    /// The file.
    pub path: String,
    /// Per variant, in [`Variant::ALL`] order.
    pub outcomes: Vec<(Variant, Outcome)>,
}

/// Reads one file, prints it, makes every variant and compares each with the original; `seed` varies the
/// variants between files. An error when the original does not parse.
pub fn check_paste(path: &std::path::Path, seed: usize) -> Result<PasteReport, String> {
    let src = crate::input::load(path, None).map_err(|e| e.to_string())?;
    let parsed = crate::parse::parse_source(&src).map_err(|e| e.to_string())?;
    let found = findings(&parsed, &src.text).len();
    let doc = &parsed.document;
    let base = printed(doc);
    let outcomes = Variant::ALL
        .iter()
        .map(|&v| {
            let text = variant(&base, &doc.title, v, seed);
            let o = super::guard(|| compare(doc, found, &text))
                .unwrap_or_else(|m| Outcome::Different(format!("panic: {m}")));
            (v, o)
        })
        .collect();
    Ok(PasteReport { path: path.display().to_string(), outcomes })
}

#[cfg(test)]
mod tests {
    use super::*;

    const LAW: &str = "何規程\n\n第一章　総則\n\n（目的）\n第一条　この規程は、職員の勤務時間その他の勤務条件に関し必要な事項を定めることを目的とする。\n２　前項の規程は、次に掲げる者に適用する。\n一　常勤の職員\n二　非常勤の職員\n\n（定義）\n第二条　この規程において「職員」とは、何組合に勤務する者をいう。\n";

    #[test]
    fn the_clean_text_of_a_law_compares_equal() {
        let doc = crate::parse::parse_str(LAW).unwrap();
        assert_eq!(compare(&doc, 0, &printed(&doc)), Outcome::Equal);
    }

    #[test]
    fn a_lost_item_is_a_difference_naming_the_node() {
        let doc = crate::parse::parse_str(LAW).unwrap();
        let Outcome::Different(d) = compare(&doc, 0, &LAW.replace("二　非常勤", "非常勤")) else {
            panic!("a merged item compared equal");
        };
        assert!(d.starts_with("item 1 「常勤の職員」 ≠ item 1 「常勤の職員非常勤"), "{d}");
    }

    #[test]
    fn pdf_variant_wraps_and_adds_page_furniture() {
        let long: String = (0..30).map(|i| format!("第{}条　{}\n", i + 1, "甲は、乙とする。".repeat(6))).collect();
        let v = variant(&long, "何規程", Variant::Pdf, 2);
        assert!(v.lines().all(|l| l.chars().map(width).sum::<usize>() <= 64), "{v}");
        assert!(v.contains("\n1/"), "{v}");
        assert!(v.contains("\n何規程\n"), "{v}");
        assert_eq!(
            fold(&v).replace("何規程", "").len(),
            fold(&long).len() + v.lines().filter(|l| l.contains('/')).map(|l| fold(l).len()).sum::<usize>()
        );
    }

    #[test]
    fn digits_variant_swaps_widths() {
        assert_eq!(digits("第１条　甲は12人\n"), "第1条 甲は１２人\n");
    }

    #[test]
    fn markdown_is_printed_in_the_law_layout() {
        let md = "# 賃金規程\n\n### 第1条　目的\n\n1. この規程は、賃金を定める。\n2. 基本給は、時間給とする。\n    - 基本給\n";
        let src = Source { name: "a.md".into(), text: md.into(), format: InputFormat::Markdown };
        let doc = crate::parse::parse_source(&src).unwrap().document;
        let p = printed(&doc);
        assert!(p.contains("（目的）\n第1条\u{3000}この規程は"), "{p}");
        assert!(p.contains("\n２\u{3000}基本給は"), "{p}");
        assert!(p.contains("\n・基本給"), "{p}");
    }
}
