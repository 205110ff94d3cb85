//! `word/document.xml` → Markdown lines, streamed with quick-xml (whatever the namespace prefix).
//!
//! One paragraph is one Markdown paragraph; a heading style or outline level gives `#` lines; Word's
//! automatic numbering gives the label as Word displays it ([`super::numbering`]); tables become pipe tables;
//! ruby is written inline as `<Ruby>base<Rt>reading</Rt></Ruby>`; fields give their displayed result (the
//! instruction is dropped); comments, footnotes, endnotes (`脚注N: …`, numbered apart) and hidden text (a
//! run's `w:vanish`, or a paragraph or character style's) become Markdown comments before their paragraph.
//! Paragraph text that Markdown would read as syntax (`1. `, `- `, `#` at the start of a line) is marked plain
//! text ([`super::PLAIN`]).
//!
//! Tracked changes are kept, marked with noncharacters ([`super::INS_OPEN`]…), so that the text before or
//! after the changes is chosen at parse time; numbering is counted separately for each view, and a label that
//! differs between the views is written as a deletion and an insertion. A deleted paragraph mark joins the
//! paragraph to the next one after the changes (the next one's label and heading marks are kept before them
//! only); a table row inserted or deleted (`w:trPr/w:ins`, `w:del`) gives the table of each view
//! ([`super::para`]). Paragraph marks deleted inside table cells or before a table are not joined.

use super::numbering::{attr, local, Numbering};
use super::para::{finish, table, Para, Row};
use super::styles::{on, Styles};
use super::{Notes, DEL_CLOSE, DEL_OPEN, INS_CLOSE, INS_OPEN};
use quick_xml::events::Event;

/// What a run's text is, by the wrappers it is in.
#[derive(Clone, Copy, PartialEq)]
enum Rev {
    Same,
    Ins,
    Del,
}

/// Reads the document body into Markdown with revision marks, and where each paragraph's text starts: (byte
/// offset in the Markdown, the paragraph's 1-based number among the document's `w:p`, in document order,
/// table cells and empty paragraphs included). A table starts at its first paragraph.
pub(crate) fn to_markdown(
    xml: &str,
    numbering: &mut [Numbering; 2],
    styles: &Styles,
    notes: &Notes,
) -> Result<(String, Vec<(usize, u32)>), String> {
    let mut r = quick_xml::Reader::from_str(xml);
    let (mut seen, mut starts, mut table_start) = (0u32, Vec::<(usize, u32)>::new(), 0u32);
    let mut out = String::with_capacity(xml.len() / 4);
    let mut paras: Vec<Para> = Vec::new();
    // Table stack: rows of cells, each cell's paragraphs.
    let mut tables: Vec<Vec<Row>> = Vec::new();
    let mut rev: Vec<Rev> = Vec::new();
    let (mut in_ppr, mut in_rpr, mut in_trpr, mut skip) = (false, false, false, 0usize);
    let (mut in_text, mut field_instr) = (false, Vec::<bool>::new());
    // A run's own w:vanish (None: not said), and whether its character style hides it.
    let (mut vanish, mut style_hidden) = (None::<bool>, false);
    // The line of a top-level paragraph whose mark is deleted, waiting for the paragraph it runs on into.
    let mut held: Option<(String, u32)> = None;
    // Footnotes and endnotes are numbered apart, in the order of their references, as Word numbers them.
    let mut note_numbers = [0usize; 2];
    let mut ruby: Option<(String, String, bool)> = None; // (base, reading, in reading)
    loop {
        let ev = r.read_event().map_err(|e| format!("document.xml at byte {}: {e}", r.buffer_position()))?;
        match &ev {
            Event::Start(e) | Event::Empty(e) => {
                let empty = matches!(ev, Event::Empty(_));
                let name = local(e.name().as_ref()).to_vec();
                if skip > 0 {
                    if !empty {
                        skip += 1;
                    }
                    continue;
                }
                match name.as_slice() {
                    // Formatting history, the fallback copy of alternate content, deleted-paragraph numbering.
                    b"pPrChange" | b"rPrChange" | b"trPrChange" | b"Fallback" | b"instrText" | b"delInstrText"
                        if !empty =>
                    {
                        skip = 1
                    }
                    b"p" if !empty => paras.push(Para::default()),
                    b"pPr" if !empty => in_ppr = true,
                    b"rPr" if !empty => {
                        in_rpr = true;
                        if !in_ppr {
                            (vanish, style_hidden) = (None, false);
                        }
                    }
                    b"r" if !empty => (vanish, style_hidden) = (None, false),
                    b"pStyle" if in_ppr => {
                        if let Some(p) = paras.last_mut() {
                            p.style = attr(e, b"val");
                            p.style_hidden = p.style.as_deref().is_some_and(|s| styles.hidden(s));
                        }
                    }
                    b"rStyle" if in_rpr && !in_ppr => {
                        style_hidden = attr(e, b"val").is_some_and(|s| styles.hidden(&s));
                    }
                    b"trPr" if !empty => in_trpr = true,
                    b"ins" | b"del" if in_trpr => {
                        if let Some(row) = tables.last_mut().and_then(|t| t.last_mut()) {
                            if name == b"ins" {
                                row.ins = true
                            } else {
                                row.del = true
                            }
                        }
                        if !empty {
                            skip = 1;
                        }
                    }
                    b"outlineLvl" if in_ppr && !in_rpr => {
                        if let Some(p) = paras.last_mut() {
                            p.outline = attr(e, b"val").and_then(|v| v.parse().ok()).filter(|l: &u8| *l < 9);
                        }
                    }
                    b"ilvl" if in_ppr => {
                        if let (Some(p), Some(l)) = (paras.last_mut(), attr(e, b"val").and_then(|v| v.parse().ok())) {
                            p.num.get_or_insert((String::new(), 0)).1 = l;
                        }
                    }
                    b"numId" if in_ppr => {
                        if let (Some(p), Some(v)) = (paras.last_mut(), attr(e, b"val")) {
                            p.num.get_or_insert((String::new(), 0)).0 = v;
                        }
                    }
                    b"ins" | b"del" if in_ppr && in_rpr => {
                        if let Some(p) = paras.last_mut() {
                            if name == b"ins" {
                                p.mark_ins = true
                            } else {
                                p.mark_del = true
                            }
                        }
                    }
                    b"ins" | b"moveTo" if !empty => rev.push(Rev::Ins),
                    b"del" | b"moveFrom" if !empty => rev.push(Rev::Del),
                    b"vanish" if in_rpr && !in_ppr => vanish = Some(on(e)),
                    b"t" | b"delText" if !empty => in_text = true,
                    b"tab" if !in_ppr => {
                        let hidden = is_hidden(&paras, vanish, style_hidden);
                        push_text(&mut paras, &rev, "　", hidden, &mut ruby, &field_instr)
                    }
                    b"br" | b"cr" if attr(e, b"type").as_deref() != Some("page") => {
                        let hidden = is_hidden(&paras, vanish, style_hidden);
                        push_text(&mut paras, &rev, "\n\n", hidden, &mut ruby, &field_instr)
                    }
                    b"fldChar" => match attr(e, b"fldCharType").as_deref() {
                        Some("begin") => field_instr.push(true),
                        Some("separate") => {
                            if let Some(f) = field_instr.last_mut() {
                                *f = false;
                            }
                        }
                        Some("end") => {
                            field_instr.pop();
                        }
                        _ => {}
                    },
                    b"ruby" if !empty => ruby = Some((String::new(), String::new(), false)),
                    b"rt" if !empty => {
                        if let Some(x) = ruby.as_mut() {
                            x.2 = true
                        }
                    }
                    b"rubyBase" if !empty => {
                        if let Some(x) = ruby.as_mut() {
                            x.2 = false
                        }
                    }
                    b"commentReference" => {
                        let c = attr(e, b"id").and_then(|id| notes.comments.get(&id));
                        if let (Some(p), Some(c)) = (paras.last_mut(), c) {
                            p.comments.push(c.clone());
                        }
                    }
                    b"footnoteReference" | b"endnoteReference" => {
                        let (part, what, k) = match name.as_slice() {
                            b"footnoteReference" => (&notes.footnotes, "脚注", 0),
                            _ => (&notes.endnotes, "文末脚注", 1),
                        };
                        if let (Some(p), Some(t)) = (paras.last_mut(), attr(e, b"id").and_then(|id| part.get(&id))) {
                            note_numbers[k] += 1;
                            p.comments.push(format!("{what}{}: {t}", note_numbers[k]));
                        }
                        if !empty {
                            skip = 1;
                        }
                    }
                    b"tbl" if !empty => {
                        if tables.is_empty() && paras.is_empty() {
                            // A deleted paragraph mark before a table: the paragraph is not joined to it.
                            if let Some((h, at)) = held.take() {
                                starts.push((out.len(), at));
                                out.push_str(&h);
                                out.extend([INS_OPEN, '\n', '\n', INS_CLOSE]);
                            }
                            table_start = seen + 1;
                        }
                        tables.push(Vec::new())
                    }
                    b"tr" if !empty => {
                        if let Some(t) = tables.last_mut() {
                            t.push(Row::default())
                        }
                    }
                    b"tc" if !empty => {
                        if let Some(row) = tables.last_mut().and_then(|t| t.last_mut()) {
                            row.cells.push(String::new())
                        }
                    }
                    _ => {}
                }
            }
            Event::Text(t) if in_text && skip == 0 => {
                let s = t.unescape().map_err(|e| format!("document.xml: {e}"))?;
                let hidden = is_hidden(&paras, vanish, style_hidden);
                push_text(&mut paras, &rev, &s, hidden, &mut ruby, &field_instr);
            }
            Event::End(e) => {
                let name = local(e.name().as_ref()).to_vec();
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                match name.as_slice() {
                    b"pPr" => in_ppr = false,
                    b"trPr" => in_trpr = false,
                    b"rPr" => in_rpr = false,
                    b"t" | b"delText" => in_text = false,
                    b"ins" | b"del" | b"moveTo" | b"moveFrom" => {
                        rev.pop();
                    }
                    b"ruby" => {
                        if let Some((base, reading, _)) = ruby.take() {
                            let s = format!("<Ruby>{base}<Rt>{reading}</Rt></Ruby>");
                            let hidden = is_hidden(&paras, vanish, style_hidden);
                            push_text(&mut paras, &rev, &s, hidden, &mut None, &field_instr);
                        }
                    }
                    b"p" => {
                        let Some(p) = paras.pop() else { continue };
                        seen += 1;
                        let top = tables.is_empty() && paras.is_empty();
                        let done = finish(p, numbering, styles, !tables.is_empty(), top && held.is_some());
                        let line = format!("{}{}", done.notes, done.line);
                        if let Some(cell) =
                            tables.last_mut().and_then(|t| t.last_mut()).and_then(|r| r.cells.last_mut())
                        {
                            if !line.trim().is_empty() {
                                if !cell.is_empty() {
                                    cell.push_str("<br>");
                                }
                                cell.push_str(line.trim_end_matches('\n'));
                            }
                        } else if let Some(outer) = paras.last_mut() {
                            // A text box inside a paragraph: its paragraphs follow the outer one's text.
                            outer.text.push_str("\n\n");
                            outer.text.push_str(line.trim_end());
                        } else {
                            // Notes stand before the paragraph a deleted mark joins to this one.
                            starts.push((out.len(), seen));
                            out.push_str(&done.notes);
                            if let Some((h, at)) = held.take() {
                                starts.push((out.len(), at));
                                out.push_str(&h);
                                if done.line.is_empty() {
                                    // Joined to an empty paragraph: the line ends there all the same.
                                    out.extend([INS_OPEN, '\n', '\n', INS_CLOSE]);
                                }
                            }
                            if done.joins_next {
                                held = Some((done.line, seen));
                            } else {
                                starts.push((out.len(), seen));
                                out.push_str(&done.line);
                            }
                        }
                    }
                    b"tbl" => {
                        let Some(rows) = tables.pop() else { continue };
                        let md = table(&rows);
                        if let Some(cell) =
                            tables.last_mut().and_then(|t| t.last_mut()).and_then(|r| r.cells.last_mut())
                        {
                            cell.push_str(&md.replace('\n', " "));
                        } else {
                            starts.push((out.len(), table_start));
                            out.push_str(&md);
                            out.push('\n');
                        }
                    }
                    _ => {}
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if let Some((h, at)) = held {
        // The last paragraph's mark deleted: nothing follows to join.
        starts.push((out.len(), at));
        out.push_str(&h);
        out.extend([INS_OPEN, '\n', '\n', INS_CLOSE]);
    }
    Ok((out, starts))
}

/// Whether the run being read is hidden: its own `w:vanish` if it says, else its character style's or its
/// paragraph style's.
fn is_hidden(paras: &[Para], vanish: Option<bool>, style_hidden: bool) -> bool {
    vanish.unwrap_or_else(|| style_hidden || paras.last().is_some_and(|p| p.style_hidden))
}

fn push_text(
    paras: &mut [Para],
    rev: &[Rev],
    s: &str,
    hidden: bool,
    ruby: &mut Option<(String, String, bool)>,
    field: &[bool],
) {
    if field.last() == Some(&true) {
        return; // a field's instruction, not its result
    }
    if let Some((base, reading, in_rt)) = ruby.as_mut() {
        if *in_rt {
            reading.push_str(s)
        } else {
            base.push_str(s)
        }
        return;
    }
    let Some(p) = paras.last_mut() else { return };
    let kind = rev.last().copied().unwrap_or(Rev::Same);
    if hidden {
        if kind != Rev::Del {
            p.hidden.push_str(s);
        }
        return;
    }
    match kind {
        Rev::Same => {
            p.text.push_str(s);
            p.after_len += s.len();
            p.before_len += s.len();
        }
        Rev::Ins => {
            p.text.push(INS_OPEN);
            p.text.push_str(s);
            p.text.push(INS_CLOSE);
            p.after_len += s.len();
        }
        Rev::Del => {
            p.text.push(DEL_OPEN);
            p.text.push_str(s);
            p.text.push(DEL_CLOSE);
            p.before_len += s.len();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{resolve, Revisions};
    use super::*;
    use std::collections::BTreeMap;

    const NUMBERING: &str = r#"<w:numbering xmlns:w="x"><w:abstractNum w:abstractNumId="0">
        <w:lvl w:ilvl="0"><w:start w:val="2"/><w:numFmt w:val="decimalFullWidth"/><w:lvlText w:val="%1"/></w:lvl>
        </w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#;

    fn read(body: &str) -> String {
        let n = Numbering::read(NUMBERING).unwrap();
        let styles = Styles::read(
            r#"<w:styles xmlns:w="x"><w:style w:styleId="h1"><w:name w:val="heading 1"/></w:style></w:styles>"#,
        )
        .unwrap();
        let notes = Notes {
            comments: BTreeMap::from([("7".to_string(), "確認".to_string())]),
            footnotes: BTreeMap::from([("1".to_string(), "平成十年の改正による。".to_string())]),
            endnotes: BTreeMap::new(),
        };
        let xml = format!(r#"<w:document xmlns:w="x"><w:body>{body}</w:body></w:document>"#);
        to_markdown(&xml, &mut [n.clone(), n], &styles, &notes).unwrap().0
    }

    fn p(inner: &str) -> String {
        format!("<w:p>{inner}</w:p>")
    }

    fn r(t: &str) -> String {
        format!("<w:r><w:t>{t}</w:t></w:r>")
    }

    const NUM: &str = r#"<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>"#;

    #[test]
    fn ruby_fields_headings_and_tables() {
        let ruby = r#"<w:r><w:ruby><w:rt><w:r><w:t>りよう</w:t></w:r></w:rt><w:rubyBase><w:r><w:t>瞭</w:t></w:r></w:rubyBase></w:ruby></w:r>"#;
        let field = r#"<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> REF x </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>第3条</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>"#;
        let md = read(
            &[
                p(&format!(r#"<w:pPr><w:pStyle w:val="h1"/></w:pPr>{}"#, r("第1章　総則"))),
                p(&format!("{}{ruby}{}", r("第1条　明"), r("とする。"))),
                p(&format!("{}{field}{}", r("第2条　"), r("による。"))),
                format!(
                    "<w:tbl><w:tr><w:tc>{}</w:tc><w:tc>{}</w:tc></w:tr><w:tr><w:tc>{}{}</w:tc><w:tc/></w:tr></w:tbl>",
                    p(&r("区分")),
                    p(&r("a|b")),
                    p(&r("一")),
                    p(&r("二"))
                ),
            ]
            .concat(),
        );
        assert_eq!(
            md,
            "## 第1章　総則\n\n第1条　明<Ruby>瞭<Rt>りよう</Rt></Ruby>とする。\n\n第2条　第3条による。\n\n| 区分 | a\\|b |\n|---|---|\n| 一<br>二 |  |\n\n"
        );
    }

    #[test]
    fn comments_and_hidden_text_go_before_the_paragraph() {
        let hidden = r#"<w:r><w:rPr><w:vanish/></w:rPr><w:t>メモ</w:t></w:r>"#;
        let md = read(&p(&format!(r#"{}<w:r><w:commentReference w:id="7"/></w:r>{hidden}"#, r("第1条　本文"))));
        assert_eq!(md, "<!-- 確認 -->\n\n<!-- 非表示: メモ -->\n\n第1条　本文\n\n");
    }

    #[test]
    fn tracked_paragraphs_are_numbered_in_each_view() {
        let ins_mark = r#"<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr><w:rPr><w:ins w:id="1"/></w:rPr></w:pPr>"#;
        let md = read(
            &[
                p(&r("第1条　本文")),
                p(&format!(r#"{ins_mark}<w:ins w:id="2"><w:r><w:t>新しい項</w:t></w:r></w:ins>"#)),
                p(&format!(r#"{NUM}{}<w:del w:id="3"><w:r><w:delText>旧</w:delText></w:r></w:del><w:ins w:id="4"><w:r><w:t>新</w:t></w:r></w:ins>"#, r("元の項の"))),
            ]
            .concat(),
        );
        assert_eq!(resolve(&md, Revisions::After), "第1条　本文\n\n２　新しい項\n\n３　元の項の新\n\n");
        assert_eq!(resolve(&md, Revisions::Before), "第1条　本文\n\n２　元の項の旧\n\n");
    }
}
