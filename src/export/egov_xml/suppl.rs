//! 附則 (`SupplProvision` with its act number and `Extract`) and appendices (`AppdxTable`, `AppdxNote`,
//! `AppdxStyle`…, and their `SupplProvision…` forms inside a 附則), chosen from the node's `egov` attr or its
//! content.

use super::body::{caption, copy_attrs, Ctx, IntoTextNode, Writer};
use crate::model::{Kind, Node};

impl Writer {
    pub(crate) fn suppl_provision(&mut self, n: &Node) {
        let mut attrs = Vec::new();
        copy_attrs(n, &["Type"], &mut attrs);
        if let Some(h) = &n.heading {
            attrs.push(("AmendLawNum", h.clone()));
        }
        if let Some(e) = n.attrs.get("extract").filter(|e| *e == "true" || *e == "false") {
            attrs.push(("Extract", e.clone()));
        }
        self.open("SupplProvision", &attrs);
        self.text_element("SupplProvisionLabel", &[], if n.label.is_empty() { "附則" } else { &n.label });
        if !n.text.is_empty() {
            self.loose_paragraph(&n.clone_shallow(), 1);
        }
        for (i, c) in n.children.iter().filter(|c| c.kind != Kind::Appendix).enumerate() {
            self.node(c, i + 1, Ctx::Body);
        }
        for c in n.children.iter().filter(|c| c.kind == Kind::Appendix) {
            self.appendix(c, true);
        }
        self.close("SupplProvision");
    }

    pub(crate) fn appendix(&mut self, n: &Node, in_suppl: bool) {
        let egov = n.attrs.get("egov").map(String::as_str).unwrap_or("");
        let base = egov.strip_prefix("SupplProvision").unwrap_or(egov);
        let base = match base {
            "AppdxTable" | "AppdxNote" | "AppdxStyle" | "AppdxFormat" | "AppdxFig" | "Appdx" => base,
            _ if n.text.is_empty() && n.children.iter().all(|c| c.kind == Kind::Table || c.kind == Kind::Item) => {
                "AppdxTable"
            }
            _ => "AppdxNote",
        };
        let el = match (in_suppl, base) {
            (false, b) => b.to_string(),
            (true, "AppdxStyle") => "SupplProvisionAppdxStyle".into(),
            (true, "Appdx") => "SupplProvisionAppdx".into(),
            (true, _) => "SupplProvisionAppdxTable".into(),
        };
        let mut attrs = Vec::new();
        if let Some(x) = n.num.as_ref().map(|x| x.main()).filter(|x| *x > 0) {
            if el != "Appdx" {
                attrs.push(("Num", x.to_string()));
            }
        }
        self.open(&el, &attrs);
        let title = if el.ends_with("Appdx") { "ArithFormulaNum".to_string() } else { format!("{el}Title") };
        if !n.label.is_empty() || in_suppl {
            self.text_element(&title, &[], &n.label);
        }
        if let Some(c) = caption(n) {
            self.caption_element("RelatedArticleNum", n, &c);
        }
        if !n.text.is_empty() {
            let mut text = n.clone_shallow();
            text.attrs.clear();
            self.node(&text.into_text_node(), 1, Ctx::Appendix);
        }
        self.children(n, Ctx::Appendix);
        self.close(&el);
    }
}
