//! XLIFF 1.2 export and import of a translation, for CAT tools (Trados, memoQ, OmegaT): one `<trans-unit>` per
//! English provision, its ID as the unit's `id`, the Japanese as `<source>`, the English as `<target>` with
//! `state="translated"` (current), `"needs-review-translation"` (stale) or `"needs-translation"` (`[TODO]`),
//! glossary terms found in the Japanese as `<note from="glossary">`, and the fingerprint of the Japanese as
//! `<note from="kitei-fingerprint">`. The `.en.md` itself travels as the skeleton (`<skl><internal-file>`) with
//! a placeholder where each unit's English stands, so import gives back the file byte for byte; a unit
//! imported as `translated` (or `final`/`signed-off`) records its fingerprint, so a stale provision revised
//! in the CAT tool stops being stale.
//!
//! A provision whose English runs over continuation lines is one unit, its line breaks kept in the target.
//! Japanese provisions without any English line get no unit (run `kitei translate update` first).
//!
//! ```
//! use kitei::translate::xliff::{export, import};
//! let ja = kitei::parse::parse_str("規程\n第1条　目的を定める。\n").unwrap();
//! let en = "<!-- translation-of: a.md -->\nRules\n\nArticle 1\nThis sets out the purpose.\n";
//! let xlf = export(en, &ja, &[]).unwrap();
//! assert!(xlf.contains("<trans-unit id=\"art_1__para_1\""));
//! assert_eq!(import(&xlf).unwrap(), en);
//! ```

use super::fingerprint::{own_fingerprint, with_fingerprints, Fingerprints};
use super::update::TODO;
use crate::error::{Error, Result};
use crate::model::{walk, Document, Node};
use crate::parse::english::parse_english;
use crate::render::load::GlossaryTerm;
use crate::render::translation::{is_translatable, Alignment};
use quick_xml::escape::escape;
use quick_xml::events::Event;
use std::collections::BTreeMap;

const OPEN: &str = "{{kitei-unit:";
const CLOSE: &str = "}}";

/// One unit: where its English stands in the file, as a byte range of the whole text (it may run over
/// continuation lines).
struct Unit<'a> {
    id: String,
    start: usize,
    end: usize,
    en: &'a Node,
}

/// Where a node's English (caption and wording) stands on its line, as a byte range; `None` when it is not
/// found there as written (a continuation line joined it).
fn locate(line: &str, n: &Node) -> Option<(usize, usize)> {
    let trimmed = line.trim_end();
    if !n.text.is_empty() {
        let start = trimmed.len().checked_sub(n.text.len()).filter(|&s| trimmed[s..] == n.text)?;
        let start = match &n.heading {
            Some(h) => trimmed[..start].rfind(h.as_str())?,
            None => start,
        };
        return Some((start, trimmed.len()));
    }
    let h = n.heading.as_deref()?;
    if let Some(inner) = trimmed.strip_suffix(')').filter(|t| t.ends_with(h)) {
        return Some((inner.len() - h.len(), inner.len()));
    }
    let start = trimmed.len().checked_sub(h.len()).filter(|&s| trimmed[s..] == *h)?;
    Some((start, trimmed.len()))
}

/// A node's English written over several lines (its first line, then continuation lines up to its first
/// child): the byte range from where its words start to the end of its last line, when those lines hold
/// exactly its words (white space aside).
fn locate_lines(text: &str, starts: &[usize], next_start: usize, n: &Node) -> Option<(usize, usize)> {
    let first = n.span.start.line as usize;
    let line_end = |l: usize| starts.get(l).map_or(text.len(), |&s| s - 1);
    let line = |l: usize| &text[starts[l - 1]..line_end(l)];
    // Continuation lines: the lines that follow, up to a blank line, a comment or the next node.
    let mut last = first;
    while last + 1 < next_start && last < starts.len() && {
        let l = line(last + 1).trim();
        !l.is_empty() && !l.starts_with("<!--")
    } {
        last += 1;
    }
    if last == first {
        return None;
    }
    let words = join(n.heading.as_deref(), &n.text);
    let lead: String = words.chars().take_while(|c| !c.is_whitespace()).take(12).collect();
    if lead.is_empty() {
        return None;
    }
    let start = starts[first - 1] + line(first).find(lead.as_str())?;
    let end = starts[last - 1] + line(last).trim_end().len();
    let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    (start < end && squeeze(&text[start..end]) == squeeze(&words)).then_some((start, end))
}

fn units<'a>(text: &str, en: &'a Document) -> Vec<Unit<'a>> {
    // The byte offset where each line starts.
    let starts: Vec<usize> = std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect();
    // Where each node starts, to end a node's continuation lines before the next.
    let mut node_lines: Vec<usize> = Vec::new();
    walk::walk(en, &mut |n| node_lines.push(n.span.start.line as usize));
    node_lines.sort_unstable();
    let mut out: Vec<Unit> = Vec::new();
    walk::walk(en, &mut |n| {
        if !is_translatable(n) || (n.text.is_empty() && n.heading.is_none()) {
            return;
        }
        let line = n.span.start.line as usize;
        let Some(&at) = line.checked_sub(1).and_then(|i| starts.get(i)) else { return };
        let raw = &text[at..starts.get(line).map_or(text.len(), |&s| s - 1)];
        let found = locate(raw, n).map(|(s, e)| (at + s, at + e)).or_else(|| {
            let next = node_lines.iter().find(|&&l| l > line).copied().unwrap_or(usize::MAX);
            locate_lines(text, &starts, next, n)
        });
        if let Some((start, end)) = found {
            // Units must not overlap (an article line carrying its first paragraph).
            if !out.iter().any(|u| start < u.end && u.start < end) {
                out.push(Unit { id: n.id.clone(), start, end, en: n });
            }
        }
    });
    out.sort_by_key(|u| u.start);
    out
}

fn join(heading: Option<&str>, text: &str) -> String {
    [heading.unwrap_or(""), text].iter().filter(|s| !s.is_empty()).copied().collect::<Vec<_>>().join(" ")
}

/// The XLIFF 1.2 document for the translation `text` of `ja` (the Japanese its `translation-of` names, or the
/// version it is checked against), with the glossary's terms as notes.
pub fn export(text: &str, ja: &Document, glossary: &[GlossaryTerm]) -> Result<String> {
    let en = parse_english("translation.en.md", text)?.document;
    let align = Alignment::for_translation(ja, Some(&en), None);
    let mut ja_of: BTreeMap<&str, &Node> = BTreeMap::new();
    walk::walk(ja, &mut |n| {
        if let Some(e) = align.en_id.get(&n.id) {
            ja_of.insert(e.as_str(), n);
        }
    });
    let units = units(text, &en);
    // The skeleton: the file with a placeholder for each unit's English.
    let mut skeleton = String::new();
    let mut at = 0;
    for u in &units {
        skeleton.push_str(&text[at..u.start]);
        skeleton.push_str(&format!("{OPEN}{}{CLOSE}", u.id));
        at = u.end;
    }
    skeleton.push_str(&text[at..]);
    let original = en.attrs.get("translation-of").cloned().unwrap_or_default();
    let mut x = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    x.push_str("<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">\n");
    x.push_str(&format!(
        "<file original=\"{}\" source-language=\"ja\" target-language=\"en\" datatype=\"x-kitei-en-md\">\n",
        escape(original.as_str())
    ));
    x.push_str("<header>\n<tool tool-id=\"kitei\" tool-name=\"kitei\"/>\n<skl><internal-file form=\"text/plain\">");
    x.push_str(&escape(skeleton.as_str()));
    x.push_str("</internal-file></skl>\n</header>\n<body>\n");
    for u in &units {
        let target = &text[u.start..u.end];
        let ja_node = ja_of.get(u.id.as_str());
        let source = ja_node.map(|n| join(n.heading.as_deref(), &n.text)).unwrap_or_default();
        let stale = ja_node.is_none_or(|n| align.stale.contains(&n.id));
        let state = if target.contains(TODO) || ja_node.is_none() {
            "needs-translation"
        } else if stale {
            "needs-review-translation"
        } else {
            "translated"
        };
        let approved = if state == "translated" { " approved=\"yes\"" } else { "" };
        x.push_str(&format!(
            "<trans-unit id=\"{}\" resname=\"{}\"{approved}>\n",
            escape(u.id.as_str()),
            escape(u.en.label.as_str())
        ));
        x.push_str(&format!("<source xml:lang=\"ja\">{}</source>\n", escape(source.as_str())));
        x.push_str(&format!("<target xml:lang=\"en\" state=\"{state}\">{}</target>\n", escape(target)));
        for t in glossary.iter().filter(|t| !t.ja.is_empty() && source.contains(&t.ja)) {
            x.push_str(&format!(
                "<note from=\"glossary\">{} = {}</note>\n",
                escape(t.ja.as_str()),
                escape(t.en.as_str())
            ));
        }
        if let Some(n) = ja_node {
            x.push_str(&format!("<note from=\"kitei-fingerprint\">{}</note>\n", own_fingerprint(n)));
        }
        x.push_str("</trans-unit>\n");
    }
    x.push_str("</body>\n</file>\n</xliff>\n");
    Ok(x)
}

fn xml_error(e: impl std::fmt::Display) -> Error {
    Error::Other(format!("XLIFF: {e}"))
}

/// The `.en.md` an XLIFF file written by [`export`] holds, with the targets as edited.
pub fn import(xliff: &str) -> Result<String> {
    let mut reader = quick_xml::Reader::from_str(xliff);
    let mut skeleton: Option<String> = None;
    let mut targets: BTreeMap<String, String> = BTreeMap::new();
    let mut done: BTreeMap<String, String> = BTreeMap::new();
    let (mut id, mut state, mut note_from) = (String::new(), String::new(), String::new());
    let mut buf = String::new();
    let mut capture = false;
    loop {
        match reader.read_event().map_err(xml_error)? {
            Event::Start(e) => {
                let attr = |name: &[u8]| -> Result<String> {
                    match e.try_get_attribute(name).map_err(xml_error)? {
                        Some(a) => Ok(a.unescape_value().map_err(xml_error)?.into_owned()),
                        None => Ok(String::new()),
                    }
                };
                match e.local_name().as_ref() {
                    b"trans-unit" => id = attr(b"id")?,
                    b"target" => state = attr(b"state")?,
                    b"note" => note_from = attr(b"from")?,
                    _ => {}
                }
                capture = matches!(e.local_name().as_ref(), b"internal-file" | b"target" | b"note");
                buf.clear();
            }
            Event::Text(t) if capture => buf.push_str(&t.unescape().map_err(xml_error)?),
            Event::CData(t) if capture => buf.push_str(&String::from_utf8_lossy(&t)),
            Event::End(e) => {
                match e.local_name().as_ref() {
                    b"internal-file" => skeleton = Some(std::mem::take(&mut buf)),
                    b"target" => {
                        targets.insert(id.clone(), std::mem::take(&mut buf));
                    }
                    b"note" if note_from == "kitei-fingerprint" => {
                        if matches!(state.as_str(), "translated" | "final" | "signed-off") {
                            done.insert(id.clone(), buf.trim().to_string());
                        }
                    }
                    _ => {}
                }
                capture = false;
            }
            Event::Eof => break,
            _ => {}
        }
    }
    let skeleton = skeleton.ok_or_else(|| xml_error("no <internal-file> skeleton (not written by kitei?)"))?;
    let mut out = String::with_capacity(skeleton.len());
    let mut rest = skeleton.as_str();
    while let Some(i) = rest.find(OPEN) {
        out.push_str(&rest[..i]);
        let after = &rest[i + OPEN.len()..];
        let end = after.find(CLOSE).ok_or_else(|| xml_error("an unterminated placeholder in the skeleton"))?;
        let unit = &after[..end];
        let target = targets.get(unit).ok_or_else(|| xml_error(format!("no <target> for unit {unit}")))?;
        out.push_str(target);
        rest = &after[end + CLOSE.len()..];
    }
    out.push_str(rest);
    // Units marked translated record the fingerprint of the Japanese they were translated from.
    let en = parse_english("translation.en.md", &out)?.document;
    if let Some(mut fp) = Fingerprints::recorded(&en) {
        let before = fp.clone();
        fp.by_id.extend(done);
        if fp != before {
            out = with_fingerprints(&out, &fp);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn captions_and_text_are_found_on_their_line() {
        let en =
            parse_english("x", "T\n\nArticle 1 (Purpose)\nText here.\nChapter II Basic Principles\n").unwrap().document;
        let art = &en.children[0];
        assert_eq!(locate("Article 1 (Purpose)", art), Some((11, 18)));
        assert_eq!(locate("Text here.  ", &art.children[0]), Some((0, 10)));
        assert_eq!(locate("(1) Other", &art.children[0]), None);
    }

    #[test]
    fn english_over_continuation_lines_is_one_unit_and_comes_back_byte_for_byte() {
        let ja = crate::parse::parse_str("規程\n第1条　目的を定める。\n第2条　乙。\n").unwrap();
        let en = "<!-- translation-of: a.md -->\nRules\n\nArticle 1\nThis sets out\n  the purpose.\nArticle 2\nB.\n";
        let doc = parse_english("x", en).unwrap().document;
        let p = doc.find("art_1__para_1").unwrap();
        assert!(p.text.contains("sets out") && p.text.contains("the purpose."), "{p:?}");
        let xlf = export(en, &ja, &[]).unwrap();
        assert!(xlf.contains("<trans-unit id=\"art_1__para_1\""), "{:?} {:?} {xlf}", p.span, p.text);
        assert!(xlf.contains(">This sets out\n  the purpose.</target>"), "{xlf}");
        assert!(xlf.contains("<trans-unit id=\"art_2__para_1\""), "{xlf}");
        assert_eq!(import(&xlf).unwrap(), en);
        let revised = xlf.replace("This sets out\n  the purpose.", "This states the purpose.");
        let back = import(&revised).unwrap();
        assert!(back.contains("Article 1\nThis states the purpose.\nArticle 2"), "{back}");
    }

    #[test]
    fn a_stale_unit_marked_translated_in_the_cat_tool_records_its_fingerprint() {
        let old = crate::parse::parse_str("規程\n第1条　甲。\n").unwrap();
        let new = crate::parse::parse_str("規程\n第1条　乙。\n").unwrap();
        let en = with_fingerprints(
            "<!-- translation-of: a.md -->\nRules\n\nArticle 1\nA.\n",
            &Fingerprints::of(&old, "a.md", ""),
        );
        let xlf =
            export(&en, &new, &[GlossaryTerm { ja: "乙".into(), en: "B".into(), note: None, scope: None }]).unwrap();
        assert!(xlf.contains("<target xml:lang=\"en\" state=\"needs-review-translation\">A.</target>"), "{xlf}");
        assert!(xlf.contains("<note from=\"glossary\">乙 = B</note>"), "{xlf}");
        assert_eq!(import(&xlf).unwrap(), en);
        let revised = xlf.replace("state=\"needs-review-translation\">A.", "state=\"translated\">B.");
        let back = import(&revised).unwrap();
        let doc = parse_english("x", &back).unwrap().document;
        assert_eq!(doc.find("art_1__para_1").unwrap().text, "B.");
        let report = crate::render::translation::translation_report(&new, &doc, None);
        assert!(report.iter().all(|d| d.code != "translation-stale"), "{report:?}");
    }
}
