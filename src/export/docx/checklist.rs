//! The audit checklist as a Word table (A4 landscape): entry, provision, classification, responsible party,
//! provision text, status and evidence, one row per entry, the header row repeated on every page. Without
//! an audit state the status column holds an empty box ☐ to tick on paper.
//!
//! ```
//! let doc = kitei::parse::parse_str("規程\n第1条　職員は、報告しなければならない。\n").unwrap();
//! let list = kitei::checklist::extract(&doc, &Default::default());
//! let bytes = kitei::export::docx::checklist::checklist_docx(&list, kitei::checklist::output::Lang::Ja, None).unwrap();
//! assert!(bytes.starts_with(b"PK"));
//! ```

use super::{new_document, pack, text_width};
use crate::checklist::output::{entry_text, party_text, Lang};
use crate::checklist::state::{value_text, State};
use crate::checklist::Checklist;
use docx_rs::{
    AlignmentType, Footer, PageNum, Paragraph, Run, Shading, Table, TableCell, TableLayoutType, TableRow, WidthType,
};

/// Column headings and relative widths.
const COLUMNS: [(&str, usize); 7] =
    [("項目", 14), ("条項", 10), ("分類", 6), ("責任主体", 10), ("内容", 40), ("状態", 8), ("証跡", 12)];

/// Renders the checklist as a .docx file; `state` fills in status and evidence.
pub fn checklist_docx(list: &Checklist, lang: Lang, state: Option<&State>) -> crate::Result<Vec<u8>> {
    let width = text_width(true);
    let total: usize = COLUMNS.iter().map(|c| c.1).sum();
    let widths: Vec<usize> = COLUMNS.iter().map(|c| width * c.1 / total).collect();
    let cell = |text: &str, w: usize| {
        let mut c = TableCell::new().width(w, WidthType::Dxa);
        for line in text.split('\n') {
            c = c.add_paragraph(Paragraph::new().add_run(Run::new().add_text(line)));
        }
        c
    };
    let head = TableRow::new(
        COLUMNS
            .iter()
            .zip(&widths)
            .map(|((h, _), w)| {
                TableCell::new()
                    .width(*w, WidthType::Dxa)
                    .shading(Shading::new().fill("F3F3F3"))
                    .add_paragraph(Paragraph::new().align(AlignmentType::Center).add_run(Run::new().add_text(*h)))
            })
            .collect(),
    )
    .cant_split();
    let mut rows = vec![head];
    for e in &list.entries {
        let (status, evidence) = match state {
            Some(st) => {
                let s = st.entries.get(&e.id);
                (st.status(&e.id).as_str().to_string(), value_text(s.and_then(|s| s.evidence.as_ref())))
            }
            None => ("☐".to_string(), String::new()),
        };
        let values = [
            e.id.clone(),
            e.label.clone(),
            e.classification.label_ja().to_string(),
            party_text(e),
            entry_text(e, lang),
            status,
            evidence,
        ];
        rows.push(TableRow::new(values.iter().zip(&widths).map(|(v, w)| cell(v, *w)).collect()).cant_split());
    }
    let title = format!("チェックリスト: {}", list.title);
    let doc = new_document(true)
        .footer(Footer::new().add_paragraph(Paragraph::new().align(AlignmentType::Center).add_page_num(PageNum::new())))
        .add_paragraph(Paragraph::new().add_run(Run::new().add_text(title).size(26)))
        .add_table(Table::new(rows).set_grid(widths).width(width, WidthType::Dxa).layout(TableLayoutType::Fixed));
    pack(doc, 1)
}
