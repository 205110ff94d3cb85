//! `word/document.xml` → Markdown lines, streamed with quick-xml (whatever the namespace prefix).
//!
//! One paragraph is one Markdown paragraph; a heading style or outline level gives `#` lines; Word's
//! automatic numbering gives the label as Word displays it ([`super::numbering`]); tables become pipe tables;
//! ruby is written inline as `<Ruby>base<Rt>reading</Rt></Ruby>`; fields give their displayed result (the
//! instruction is dropped); comments and hidden text become Markdown comments before their paragraph.
//!
//! Tracked changes are kept, marked with noncharacters ([`super::INS_OPEN`]…), so that the text before or
//! after the changes is chosen at parse time; numbering is counted separately for each view, and a label that
//! differs between the views is written as a deletion and an insertion.

use super::numbering::{attr, local, Numbering, Styles};
use super::{DEL_CLOSE, DEL_OPEN, INS_CLOSE, INS_OPEN};
use quick_xml::events::Event;
use std::collections::BTreeMap;

/// One paragraph being read.
#[derive(Default)]
struct Para {
    style: Option<String>,
    outline: Option<u8>,
    num: Option<(String, u8)>,
    mark_ins: bool,
    mark_del: bool,
    /// Text with revision marks.
    text: String,
    /// Text shown after / before the changes (to tell whether the paragraph exists in each view).
    after_len: usize,
    before_len: usize,
    comments: Vec<String>,
    hidden: String,
}

/// What a run's text is, by the wrappers it is in.
#[derive(Clone, Copy, PartialEq)]
enum Rev {
    Same,
    Ins,
    Del,
}

/// Reads the document body into Markdown with revision marks.
pub(crate) fn to_markdown(
    xml: &str,
    numbering: &mut [Numbering; 2],
    styles: &Styles,
    comments: &BTreeMap<String, String>,
) -> Result<String, String> {
    let mut r = quick_xml::Reader::from_str(xml);
    let mut out = String::with_capacity(xml.len() / 4);
    let mut paras: Vec<Para> = Vec::new();
    // Table stack: rows of cells, each cell's paragraphs.
    let mut tables: Vec<Vec<Vec<String>>> = Vec::new();
    let mut rev: Vec<Rev> = Vec::new();
    let (mut in_ppr, mut in_rpr, mut skip) = (false, false, 0usize);
    let (mut in_text, mut hidden, mut field_instr) = (false, false, Vec::<bool>::new());
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
                    b"pPrChange" | b"rPrChange" | b"Fallback" | b"instrText" | b"delInstrText"
                    | b"footnoteReference"
                        if !empty =>
                    {
                        skip = 1
                    }
                    b"p" if !empty => paras.push(Para::default()),
                    b"pPr" if !empty => in_ppr = true,
                    b"rPr" if !empty => {
                        in_rpr = true;
                        hidden = false;
                    }
                    b"r" if !empty => hidden = false,
                    b"pStyle" if in_ppr => {
                        if let Some(p) = paras.last_mut() {
                            p.style = attr(e, b"val");
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
                    b"vanish" if in_rpr && !in_ppr => {
                        hidden = !matches!(attr(e, b"val").as_deref(), Some("0" | "false" | "off"))
                    }
                    b"t" | b"delText" if !empty => in_text = true,
                    b"tab" if !in_ppr => push_text(&mut paras, &rev, "　", hidden, &mut ruby, &field_instr),
                    b"br" | b"cr" if attr(e, b"type").as_deref() != Some("page") => {
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
                        if let (Some(p), Some(c)) = (paras.last_mut(), attr(e, b"id").and_then(|id| comments.get(&id)))
                        {
                            p.comments.push(c.clone());
                        }
                    }
                    b"tbl" if !empty => tables.push(Vec::new()),
                    b"tr" if !empty => {
                        if let Some(t) = tables.last_mut() {
                            t.push(Vec::new())
                        }
                    }
                    b"tc" if !empty => {
                        if let Some(row) = tables.last_mut().and_then(|t| t.last_mut()) {
                            row.push(String::new())
                        }
                    }
                    _ => {}
                }
            }
            Event::Text(t) if in_text && skip == 0 => {
                let s = t.unescape().map_err(|e| format!("document.xml: {e}"))?;
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
                    b"rPr" => in_rpr = false,
                    b"t" | b"delText" => in_text = false,
                    b"ins" | b"del" | b"moveTo" | b"moveFrom" => {
                        rev.pop();
                    }
                    b"ruby" => {
                        if let Some((base, reading, _)) = ruby.take() {
                            let s = format!("<Ruby>{base}<Rt>{reading}</Rt></Ruby>");
                            push_text(&mut paras, &rev, &s, hidden, &mut None, &field_instr);
                        }
                    }
                    b"p" => {
                        let Some(p) = paras.pop() else { continue };
                        let line = finish(p, numbering, styles, !tables.is_empty());
                        if let Some(cell) = tables.last_mut().and_then(|t| t.last_mut()).and_then(|r| r.last_mut()) {
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
                            out.push_str(&line);
                        }
                    }
                    b"tbl" => {
                        let Some(rows) = tables.pop() else { continue };
                        let md = table_markdown(&rows);
                        if let Some(cell) = tables.last_mut().and_then(|t| t.last_mut()).and_then(|r| r.last_mut()) {
                            cell.push_str(&md.replace('\n', " "));
                        } else {
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
    Ok(out)
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

/// The paragraph as Markdown (comments first, then its line and a blank line), numbered in each view.
fn finish(p: Para, numbering: &mut [Numbering; 2], styles: &Styles, in_table: bool) -> String {
    let in_after = !(p.mark_del && p.after_len == 0);
    let in_before = !(p.mark_ins && p.before_len == 0);
    let empty = p.text.trim().is_empty() && p.hidden.is_empty() && p.comments.is_empty();
    let mut labels = [None, None];
    if let Some((id, level)) = &p.num {
        for (view, present) in [(0, in_after), (1, in_before)] {
            if present && !empty {
                labels[view] = numbering[view].next_label(id, *level);
            }
        }
    }
    if empty {
        return String::new();
    }
    let mut out = String::new();
    for c in &p.comments {
        out.push_str(&format!("<!-- {} -->\n\n", comment_text(c)));
    }
    if !p.hidden.trim().is_empty() {
        out.push_str(&format!("<!-- 非表示: {} -->\n\n", comment_text(&p.hidden)));
    }
    if p.text.trim().is_empty() {
        return out;
    }
    let mut line = String::new();
    let level = p.outline.or_else(|| p.style.as_deref().and_then(|s| styles.outline_level(s)));
    if let (Some(l), false) = (level, in_table) {
        let hashes = if l == u8::MAX { 1 } else { (l as usize + 2).min(6) };
        line.push_str(&"#".repeat(hashes));
        line.push(' ');
    }
    match labels {
        [Some(a), Some(b)] if a == b => push_label(&mut line, &a),
        [a, b] => {
            // Only in one view: its label needs no mark when the whole paragraph is marked.
            if let Some(b) = &b {
                mark_label(&mut line, b, in_after.then_some((DEL_OPEN, DEL_CLOSE)));
            }
            if let Some(a) = &a {
                mark_label(&mut line, a, in_before.then_some((INS_OPEN, INS_CLOSE)));
            }
        }
    }
    line.push_str(p.text.trim_start_matches([' ', '\u{3000}']));
    if in_table {
        return line;
    }
    line.push_str("\n\n");
    match (in_after, in_before) {
        (true, false) => out.push_str(&format!("{INS_OPEN}{line}{INS_CLOSE}")),
        (false, true) => out.push_str(&format!("{DEL_OPEN}{line}{DEL_CLOSE}")),
        _ => out.push_str(&line),
    }
    out
}

fn mark_label(line: &mut String, label: &str, marks: Option<(char, char)>) {
    match marks {
        Some((open, close)) => {
            line.push(open);
            push_label(line, label);
            line.push(close);
        }
        None => push_label(line, label),
    }
}

fn push_label(line: &mut String, label: &str) {
    line.push_str(label);
    line.push('\u{3000}');
}

/// A comment's text on one line, safe inside `<!-- -->`.
fn comment_text(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ").replace("--", "－－")
}

/// Rows of cells as a pipe table (the first row is the header row).
fn table_markdown(rows: &[Vec<String>]) -> String {
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    if width == 0 {
        return String::new();
    }
    let mut md = String::new();
    for (i, row) in rows.iter().enumerate() {
        md.push('|');
        for c in 0..width {
            let cell = row.get(c).map(String::as_str).unwrap_or("");
            md.push_str(&format!(" {} |", cell.replace('|', "\\|")));
        }
        md.push('\n');
        if i == 0 {
            md.push('|');
            md.push_str(&"---|".repeat(width));
            md.push('\n');
        }
    }
    md
}

#[cfg(test)]
mod tests {
    use super::super::{resolve, Revisions};
    use super::*;

    const NUMBERING: &str = r#"<w:numbering xmlns:w="x"><w:abstractNum w:abstractNumId="0">
        <w:lvl w:ilvl="0"><w:start w:val="2"/><w:numFmt w:val="decimalFullWidth"/><w:lvlText w:val="%1"/></w:lvl>
        </w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#;

    fn read(body: &str) -> String {
        let n = Numbering::read(NUMBERING).unwrap();
        let styles = Styles::read(
            r#"<w:styles xmlns:w="x"><w:style w:styleId="h1"><w:name w:val="heading 1"/></w:style></w:styles>"#,
        )
        .unwrap();
        let comments = BTreeMap::from([("7".to_string(), "確認".to_string())]);
        let xml = format!(r#"<w:document xmlns:w="x"><w:body>{body}</w:body></w:document>"#);
        to_markdown(&xml, &mut [n.clone(), n], &styles, &comments).unwrap()
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
