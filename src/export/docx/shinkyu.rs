//! The 新旧対照表 as a Word document: the rows of [`crate::diff::table`] (the same rows the HTML and Markdown
//! renderers draw, so every option of [`RenderOptions`] applies) in a two-column table on A4 landscape.
//!
//! Title, then 「（傍線部分は改正部分）」 on the right; the header row (改正後 | 改正前, or as the options say)
//! repeats on every page; changed wording is underlined with Word's single underline and nothing else is;
//! （略）, （新設）, （削る） are written as the HTML writes them; each line has a hanging indent of one em plus
//! one em per level (号, イロハ…), as the HTML's `p.iN`. Page numbers are in the footer.
//!
//! Rows: one Word row per part of a table row (the unit's own lines, then each 項 and 号), with no rule
//! between the parts of one unit, so that the two columns stay aligned 項 by 項. A short row (at most [`KEEP_TOGETHER_LINES`] lines once wrapped) is kept on one page (`cantSplit`);
//! a longer one may break across pages between its lines, since a row taller than a page that cannot split
//! would be cut off.
//!
//! ```
//! use kitei::diff::{compare, CompareOptions, RenderOptions};
//! let old = kitei::parse::parse_str("規程\n第1条　甲は、乙とする。\n").unwrap();
//! let new = kitei::parse::parse_str("規程\n第1条　甲は、丙とする。\n").unwrap();
//! let cmp = compare(&old, &new, &CompareOptions::default());
//! let bytes = kitei::export::docx::shinkyu::render_docx(&cmp, &RenderOptions::default()).unwrap();
//! assert!(bytes.starts_with(b"PK"));
//! ```

use super::{new_document, pack, text_width, EM_TWIPS};
use crate::diff::table::{build_table, Line};
use crate::diff::{Comparison, RenderOptions};
use docx_rs::{
    AlignmentType, BorderType, Footer, PageNum, Paragraph, Run, Shading, SpecialIndentType, Table, TableCell,
    TableCellBorder, TableCellBorderPosition, TableCellMargins, TableLayoutType, TableRow, WidthType,
};

/// Rows of at most this many lines (estimated once wrapped) are kept on one page.
pub const KEEP_TOGETHER_LINES: usize = 12;

/// Title size in half-points (13 pt).
const TITLE_HALF_POINTS: usize = 26;

/// Renders the 新旧対照表 as a .docx file.
pub fn render_docx(cmp: &Comparison, opts: &RenderOptions) -> crate::Result<Vec<u8>> {
    let t = build_table(cmp, opts);
    let width = text_width(true);
    let col = width / 2;
    let mut doc = new_document(true).footer(
        Footer::new().add_paragraph(Paragraph::new().align(AlignmentType::Center).add_page_num(PageNum::new())),
    );
    doc = doc.add_paragraph(Paragraph::new().add_run(Run::new().add_text(&t.title).size(TITLE_HALF_POINTS)));
    if let Some(note) = &t.note {
        doc = doc.add_paragraph(Paragraph::new().align(AlignmentType::Right).add_run(Run::new().add_text(note)));
    }
    let head = |s: &str| {
        TableCell::new()
            .width(col, WidthType::Dxa)
            .shading(Shading::new().fill("F3F3F3"))
            .add_paragraph(Paragraph::new().align(AlignmentType::Center).add_run(Run::new().add_text(s)))
    };
    let mut rows = vec![TableRow::new(vec![head(&t.headings[0]), head(&t.headings[1])]).cant_split()];
    let chars_per_line = (col as i32 / EM_TWIPS).max(1) as usize;
    // One Word row per part (項, 号), so that the columns stay aligned; the rule between the parts of one
    // unit is left out, so that it still reads as one cell.
    for r in &t.rows {
        let last = r.parts.len() - 1;
        for (i, p) in r.parts.iter().enumerate() {
            let rule = |c: TableCell| {
                let c = if i > 0 { c.set_border(nil(TableCellBorderPosition::Top)) } else { c };
                if i < last {
                    c.set_border(nil(TableCellBorderPosition::Bottom))
                } else {
                    c
                }
            };
            let row = TableRow::new(vec![rule(cell(&p.left, col)), rule(cell(&p.right, col))]);
            let tall = wrapped_lines(&p.left, chars_per_line).max(wrapped_lines(&p.right, chars_per_line));
            rows.push(if tall <= KEEP_TOGETHER_LINES { row.cant_split() } else { row });
        }
    }
    let table = Table::new(rows)
        .set_grid(vec![col, col])
        .width(width, WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
        .margins(TableCellMargins::new().margin(57, 113, 57, 113));
    doc = doc.add_table(table);
    pack(doc, 1)
}

/// No rule on this side of a cell.
fn nil(position: TableCellBorderPosition) -> TableCellBorder {
    TableCellBorder::new(position).border_type(BorderType::Nil)
}

/// One cell: a paragraph per line, underlined segments marked.
fn cell(lines: &[Line], width: usize) -> TableCell {
    let mut c = TableCell::new().width(width, WidthType::Dxa);
    if lines.is_empty() {
        // A cell must hold a paragraph.
        return c.add_paragraph(Paragraph::new());
    }
    for l in lines {
        let left = EM_TWIPS * (i32::from(l.indent) + 1);
        let mut p = Paragraph::new().indent(Some(left), Some(SpecialIndentType::Hanging(EM_TWIPS)), None, None);
        for s in &l.segs {
            let run = Run::new().add_text(&s.text);
            p = p.add_run(if s.mark { run.underline("single") } else { run });
        }
        c = c.add_paragraph(p);
    }
    c
}

/// Lines of a cell once wrapped at `per_line` full-width characters (indent included).
fn wrapped_lines(lines: &[Line], per_line: usize) -> usize {
    lines
        .iter()
        .map(|l| {
            let chars: usize = l.segs.iter().map(|s| s.text.chars().count()).sum::<usize>() + l.indent as usize + 1;
            chars.div_ceil(per_line).max(1)
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::table::Seg;

    fn line(n: usize) -> Line {
        Line { indent: 0, segs: vec![Seg { text: "あ".repeat(n), mark: false }] }
    }

    #[test]
    fn wrapped_lines_count_the_hanging_em() {
        assert_eq!(wrapped_lines(&[line(9)], 10), 1);
        assert_eq!(wrapped_lines(&[line(10)], 10), 2);
        assert_eq!(wrapped_lines(&[line(1), line(25)], 10), 4);
    }
}
