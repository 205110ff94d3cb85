//! Tables as the schema writes them: `TableStruct` with its title, rows of `TableColumn` cells with their
//! border and span attributes, header rows, `Remarks`, and a one-cell table around text that needs one.

use super::body::{caption, copy_attrs, lifted, Ctx, Writer};
use crate::model::{Kind, Node};

impl Writer {
    pub(super) fn one_cell_table(&mut self, n: &Node) {
        self.open("TableStruct", &[]);
        self.open("Table", &[]);
        self.open("TableRow", &[]);
        self.open("TableColumn", &[]);
        self.node(n, 1, Ctx::Inline);
        self.close("TableColumn");
        self.close("TableRow");
        self.close("Table");
        self.close("TableStruct");
    }

    /// A `TableStruct` (or a bare `Table`); other children under it follow it when `lift` is set, else the
    /// caller writes them (see [`lifted`]).
    pub(super) fn table(&mut self, n: &Node, lift: bool) {
        let mut table_attrs = Vec::new();
        copy_attrs(n, &["WritingMode"], &mut table_attrs);
        let bare = n.attrs.get("egov").is_some_and(|e| e == "Table");
        if bare {
            self.open("Table", &table_attrs);
            self.children(n, Ctx::Inline);
            self.close("Table");
            return;
        }
        self.open("TableStruct", &[]);
        if let Some(c) = caption(n) {
            self.caption_element("TableStructTitle", n, &c);
        }
        let first_row = n.children.iter().position(|c| c.kind == Kind::TableRow).unwrap_or(n.children.len());
        for c in &n.children[..first_row] {
            self.node(c, 1, Ctx::Inline);
        }
        self.open("Table", &table_attrs);
        let rows_end = first_row + n.children[first_row..].iter().take_while(|c| c.kind == Kind::TableRow).count();
        for c in &n.children[first_row..rows_end] {
            self.row(c);
        }
        self.close("Table");
        let is_remarks = |c: &Node| c.attrs.get("egov").is_some_and(|e| e == "Remarks");
        for c in n.children[rows_end..].iter().filter(|c| is_remarks(c)) {
            self.node(c, 1, Ctx::Inline);
        }
        self.close("TableStruct");
        if lift {
            for (i, c) in lifted(n).enumerate() {
                self.node(c, i + 1, Ctx::Provision);
            }
        }
    }

    pub(super) fn row(&mut self, n: &Node) {
        let header = n.attrs.get("egov").is_some_and(|e| e == "TableHeaderRow");
        let el = if header { "TableHeaderRow" } else { "TableRow" };
        self.open(el, &[]);
        for c in &n.children {
            if c.kind == Kind::TableCell {
                self.cell(c);
            } else {
                self.node(c, 1, Ctx::Inline);
            }
        }
        self.close(el);
    }

    pub(super) fn cell(&mut self, n: &Node) {
        if n.attrs.get("egov").is_some_and(|e| e == "TableHeaderColumn") {
            self.text_element("TableHeaderColumn", &[], &n.text);
            return;
        }
        let mut attrs = Vec::new();
        copy_attrs(
            n,
            &["BorderTop", "BorderBottom", "BorderLeft", "BorderRight", "rowspan", "colspan", "Align", "Valign"],
            &mut attrs,
        );
        self.open("TableColumn", &attrs);
        if !n.text.is_empty() || n.children.is_empty() {
            self.sentences(n, None);
        }
        self.children(n, Ctx::Inline);
        self.close("TableColumn");
    }
}
