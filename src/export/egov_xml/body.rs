//! The XML writer and the structure elements (TOC, provisions, 附則, appendices, generic nodes; tables in `table.rs`, 附則 and appendices in `suppl.rs`).

use super::inline::{self, Piece};
use crate::model::{Kind, Node, SentenceRole};
use quick_xml::escape::escape;

/// Where a node stands, which decides how text without a schema element of its own is wrapped.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Ctx {
    /// Main provision, group, article or 附則: loose text becomes a paragraph.
    Body,
    /// Paragraph, item or subitem: loose text becomes a `List`.
    Provision,
    /// An appendix: loose text becomes a `NoteStruct`.
    Appendix,
    /// A table cell or a generic element: loose text becomes sentences.
    Inline,
}

pub(crate) use crate::export::xml_writer::Writer;

impl Writer {
    /// A caption element (`ArticleCaption`, `TableStructTitle`…) with the heading's ruby and other markup.
    pub(super) fn caption_element(&mut self, el: &str, n: &Node, caption: &str) {
        let marks = inline::caption_marks(n, caption);
        if marks.is_empty() {
            return self.text_element(el, &[], caption);
        }
        self.newline();
        self.tag(el, &[], false);
        inline::write_range(&mut self.out, caption, 0, caption.len(), &marks, el);
        self.out.push_str(&format!("</{el}>"));
    }

    pub(crate) fn toc(&mut self, toc: &Node) {
        let main = |e: &&Node| !matches!(target(e), "suppl" | "appdx" | "preamble");
        if !toc.children.iter().any(|e| main(&e)) {
            return; // the schema requires at least one chapter or article entry
        }
        self.open("TOC", &[]);
        if !toc.label.is_empty() {
            self.text_element("TOCLabel", &[], &toc.label);
        }
        for e in toc.children.iter().filter(|e| target(e) == "preamble") {
            self.text_element("TOCPreambleLabel", &[], &e.label);
        }
        for (i, e) in toc.children.iter().filter(main).enumerate() {
            self.toc_entry(e, i + 1);
        }
        if let Some(e) = toc.children.iter().find(|e| target(e) == "suppl") {
            self.toc_entry(e, 1);
        }
        for e in toc.children.iter().filter(|e| target(e) == "appdx") {
            self.text_element("TOCAppdxTableLabel", &[], &e.label);
        }
        self.close("TOC");
    }

    fn toc_entry(&mut self, e: &Node, pos: usize) {
        let (el, title) = match target(e) {
            "part" => ("TOCPart", "PartTitle"),
            "sec" => ("TOCSection", "SectionTitle"),
            "subsec" => ("TOCSubsection", "SubsectionTitle"),
            "div" => ("TOCDivision", "DivisionTitle"),
            "art" => ("TOCArticle", "ArticleTitle"),
            "suppl" => ("TOCSupplProvision", "SupplProvisionLabel"),
            _ => ("TOCChapter", "ChapterTitle"),
        };
        let attrs = if el == "TOCSupplProvision" { vec![] } else { vec![("Num", num_attr(e, pos))] };
        self.open(el, &attrs);
        if el == "TOCArticle" {
            self.text_element("ArticleTitle", &[], &e.label);
            self.text_element("ArticleCaption", &[], &caption(e).unwrap_or_default());
        } else if el == "TOCSupplProvision" {
            self.text_element(title, &[], &e.label);
        } else {
            self.text_element(title, &[], &group_title(e));
        }
        if !e.text.is_empty() && el != "TOCArticle" {
            self.text_element("ArticleRange", &[], &e.text);
        }
        for (i, c) in e.children.iter().enumerate() {
            self.toc_entry(c, i + 1);
        }
        self.close(el);
    }

    pub(crate) fn preamble(&mut self, p: &Node) {
        self.open("Preamble", &[]);
        if p.children.is_empty() {
            self.loose_paragraph(p, 1);
        }
        for (i, c) in p.children.iter().enumerate() {
            self.node(c, i + 1, Ctx::Body);
        }
        self.close("Preamble");
    }

    pub(crate) fn main_provision(&mut self, nodes: &[&Node]) {
        self.open("MainProvision", &[]);
        if nodes.is_empty() {
            self.loose_paragraph(&Node::new(Kind::Paragraph), 1);
        }
        for (i, n) in nodes.iter().enumerate() {
            self.node(n, i + 1, Ctx::Body);
        }
        self.close("MainProvision");
    }

    pub(super) fn node(&mut self, n: &Node, pos: usize, ctx: Ctx) {
        match n.kind {
            k if k.is_group() => self.group(n, pos),
            Kind::Article => self.article(n, pos),
            Kind::Paragraph => self.paragraph(n, pos),
            Kind::Item => self.item_of(n, pos, &[], 0),
            Kind::Subitem => self.item_of(n, pos, &[], n.level.max(1)),
            Kind::SupplProvision => self.suppl_provision(n),
            Kind::Appendix => self.appendix(n, false),
            Kind::Table => self.table(n, true),
            Kind::TableRow => self.row(n),
            Kind::TableCell => self.cell(n),
            _ if n.attrs.contains_key("egov") => self.generic(n),
            _ => match ctx {
                Ctx::Body => self.loose_paragraph(n, pos),
                Ctx::Provision => {
                    self.open("List", &[]);
                    self.sentences(n, Some("ListSentence"));
                    self.close("List");
                    self.children(n, Ctx::Provision);
                }
                Ctx::Appendix => {
                    self.open("NoteStruct", &[]);
                    self.open("Note", &[]);
                    self.sentences(n, None);
                    self.children(n, Ctx::Inline);
                    self.close("Note");
                    self.close("NoteStruct");
                }
                Ctx::Inline => {
                    self.sentences(n, None);
                    self.children(n, Ctx::Inline);
                }
            },
        }
    }

    pub(super) fn children(&mut self, n: &Node, ctx: Ctx) {
        for (i, c) in n.children.iter().enumerate() {
            self.node(c, i + 1, ctx);
        }
    }

    fn group(&mut self, n: &Node, pos: usize) {
        let (el, title) = match n.kind {
            Kind::Part => ("Part", "PartTitle"),
            Kind::Chapter => ("Chapter", "ChapterTitle"),
            Kind::Section => ("Section", "SectionTitle"),
            Kind::Subsection => ("Subsection", "SubsectionTitle"),
            _ => ("Division", "DivisionTitle"),
        };
        let mut attrs = vec![("Num", num_attr(n, pos))];
        copy_attrs(n, &["Hide"], &mut attrs);
        self.open(el, &attrs);
        self.text_element(title, &[], &group_title(n));
        self.children(n, Ctx::Body);
        self.close(el);
    }

    fn article(&mut self, n: &Node, pos: usize) {
        let mut attrs = vec![("Num", num_attr(n, pos))];
        copy_attrs(n, &["Hide"], &mut attrs);
        self.open("Article", &attrs);
        if let Some(c) = caption(n) {
            self.caption_element("ArticleCaption", n, &c);
        }
        self.text_element("ArticleTitle", &[], &n.label);
        if !n.text.is_empty() || n.children.is_empty() {
            self.loose_paragraph(n, 1);
        }
        self.children(n, Ctx::Body);
        self.close("Article");
    }

    /// A paragraph holding a node's own text (for text the schema has no other place for).
    pub(super) fn loose_paragraph(&mut self, n: &Node, pos: usize) {
        self.open("Paragraph", &[("Num", pos.to_string())]);
        self.text_element("ParagraphNum", &[], "");
        self.sentences(n, Some("ParagraphSentence"));
        if n.kind != Kind::Article {
            self.children(n, Ctx::Provision);
        }
        self.close("Paragraph");
    }

    fn paragraph(&mut self, n: &Node, pos: usize) {
        let num = n.num.as_ref().map(|x| x.main()).filter(|x| *x > 0).map_or(pos.to_string(), |x| x.to_string());
        let mut attrs = vec![("Num", num)];
        copy_attrs(n, &["OldStyle", "OldNum", "Hide"], &mut attrs);
        self.open("Paragraph", &attrs);
        if let Some(c) = caption(n) {
            self.caption_element("ParagraphCaption", n, &c);
        }
        self.text_element("ParagraphNum", &[], &n.label);
        self.sentences(n, Some("ParagraphSentence"));
        let children: Vec<&Node> = n.children.iter().collect();
        self.provision_children(&children, Kind::Item, 0);
        self.close("Paragraph");
    }

    #[allow(clippy::too_many_arguments)]
    fn item(&mut self, n: &Node, pos: usize, el: &str, title: &str, sentence: &str, level: u8, extra: &[&Node]) {
        let mut attrs = vec![("Num", num_attr(n, pos))];
        copy_attrs(n, &["Hide"], &mut attrs);
        self.open(el, &attrs);
        self.text_element(title, &[], &n.label);
        let bare_table = n.sentences.is_empty()
            && n.text.is_empty()
            && n.children.first().is_some_and(|c| c.attrs.get("egov").is_some_and(|e| e == "Table"));
        if bare_table {
            self.open(sentence, &[]);
            self.table(&n.children[0], false);
            self.close(sentence);
        } else {
            self.sentences(n, Some(sentence));
        }
        let rest: Vec<&Node> = n.children.iter().skip(usize::from(bare_table)).chain(extra.iter().copied()).collect();
        self.provision_children(&rest, Kind::Subitem, level + 1);
        self.close(el);
    }

    /// Writes an item (or subitem) with the nodes that follow it inside it.
    fn item_of(&mut self, n: &Node, pos: usize, extra: &[&Node], level: u8) {
        if n.kind == Kind::Item && level == 0 {
            self.item(n, pos, "Item", "ItemTitle", "ItemSentence", 0, extra);
        } else {
            let l = level.clamp(1, 10);
            let (a, b, c) = (format!("Subitem{l}"), format!("Subitem{l}Title"), format!("Subitem{l}Sentence"));
            self.item(n, pos, &a, &b, &c, l, extra);
        }
    }

    /// The children of a paragraph, item or subitem, in the order the schema allows without moving any
    /// text: tables and figures before the first item stay there; one between two items goes inside the
    /// item before it; those after the last item follow it. Text with no element of its own becomes a
    /// `List` after items, or a one-cell table before them.
    fn provision_children(&mut self, children: &[&Node], item: Kind, level: u8) {
        let mut list: Vec<&Node> = Vec::with_capacity(children.len());
        for c in children {
            list.push(c);
            if c.kind == Kind::Table && c.attrs.get("egov").is_none_or(|e| e != "Table") {
                list.extend(lifted(c));
            }
        }
        // An item met where subitems stand (below a table inside an item) is written as a subitem.
        let is_item = |c: &Node| c.kind == item || (item == Kind::Subitem && c.kind == Kind::Item);
        let first = list.iter().position(|c| is_item(c)).unwrap_or(list.len());
        // Only a paragraph may have tables before its items; in an item they go after the subitems.
        let (lead, deferred) =
            if item == Kind::Item { (&list[..first], &list[..0]) } else { (&list[..0], &list[..first]) };
        for (i, c) in lead.iter().enumerate() {
            if is_loose(c) {
                self.one_cell_table(c);
            } else {
                self.node_lifting(c, i + 1, Ctx::Provision);
            }
        }
        let mut i = first;
        let mut pos = 0;
        while i < list.len() {
            let next = list[i + 1..].iter().position(|c| is_item(c)).map(|k| i + 1 + k);
            match next {
                Some(j) => {
                    pos += 1;
                    self.item_of(list[i], pos, &list[i + 1..j], level);
                    i = j;
                }
                None => {
                    pos += 1;
                    self.item_of(list[i], pos, &[], level);
                    for (k, c) in list[i + 1..].iter().enumerate() {
                        self.node_lifting(c, k + 1, Ctx::Provision);
                    }
                    break;
                }
            }
        }
        for (k, c) in deferred.iter().enumerate() {
            self.node_lifting(c, k + 1, Ctx::Provision);
        }
    }

    fn node_lifting(&mut self, n: &Node, pos: usize, ctx: Ctx) {
        if n.kind == Kind::Table {
            self.table(n, false);
        } else {
            self.node(n, pos, ctx);
        }
    }

    /// An element read from XML that has no model kind of its own: written back as it was.
    fn generic(&mut self, n: &Node) {
        let el = n.attrs.get("egov").map(String::as_str).unwrap_or("Note");
        let attrs: Vec<(&str, String)> = n
            .attrs
            .iter()
            .filter(|(k, _)| !matches!(k.as_str(), "egov" | "markup" | "target" | "comments"))
            .map(|(k, v)| (k.as_str(), v.clone()))
            .collect();
        if n.children.is_empty() && n.sentences.is_empty() && n.label.is_empty() && n.heading.is_none() {
            self.text_element(el, &attrs, &n.text);
            return;
        }
        self.open(el, &attrs);
        let label = match el {
            "Remarks" => Some("RemarksLabel"),
            "Class" => Some("ClassTitle"),
            "ArithFormula" => Some("ArithFormulaNum"),
            _ => None,
        };
        if let Some(l) = label {
            self.text_element(l, &[], &n.label);
        }
        if el.ends_with("Struct") {
            if let Some(c) = caption(n) {
                self.caption_element(&format!("{el}Title"), n, &c);
            }
        }
        let wrapper = match el {
            "List" => Some("ListSentence".to_string()),
            "Class" => Some("ClassSentence".to_string()),
            "AmendProvision" => Some("AmendProvisionSentence".to_string()),
            s if s.starts_with("Sublist") => Some(format!("{s}Sentence")),
            _ => None,
        };
        if !n.sentences.is_empty() || wrapper.is_some() {
            self.sentences(n, wrapper.as_deref());
        } else if !n.text.is_empty() {
            self.newline();
            self.out.push_str(&escape(n.text.as_str()));
        }
        self.children(n, Ctx::Inline);
        self.close(el);
    }

    /// The node's text as `<Sentence>`s (or `<Column>`s), inside `wrapper` when given.
    pub(super) fn sentences(&mut self, n: &Node, wrapper: Option<&str>) {
        if let Some(w) = wrapper {
            self.open(w, &[]);
        }
        let pieces = inline::pieces(n);
        let marks = inline::marks(n);
        if pieces.is_empty() {
            self.text_element("Sentence", &[], "");
        } else if pieces.iter().any(|p| p.role == SentenceRole::Column) {
            let mut groups: Vec<Vec<&Piece>> = Vec::new();
            for p in &pieces {
                match groups.last_mut() {
                    Some(g) if p.role != SentenceRole::Column => g.push(p),
                    _ => groups.push(vec![p]),
                }
            }
            for (i, g) in groups.iter().enumerate() {
                self.open("Column", &[("Num", (i + 1).to_string())]);
                self.sentence_run(n, g, &marks);
                self.close("Column");
            }
        } else {
            let all: Vec<&Piece> = pieces.iter().collect();
            self.sentence_run(n, &all, &marks);
        }
        if let Some(w) = wrapper {
            self.close(w);
        }
    }

    fn sentence_run(&mut self, n: &Node, run: &[&Piece], marks: &[inline::Mark]) {
        let has_proviso = run.iter().any(|p| p.role == SentenceRole::Proviso);
        for (i, p) in run.iter().enumerate() {
            let mut attrs = vec![("Num", (i + 1).to_string())];
            if has_proviso {
                let f = if p.role == SentenceRole::Proviso { "proviso" } else { "main" };
                attrs.push(("Function", f.to_string()));
            }
            self.newline();
            self.tag("Sentence", &attrs, false);
            inline::write_range(&mut self.out, &n.text, p.start, p.end, marks, "Sentence");
            self.out.push_str("</Sentence>");
        }
    }
}

pub(super) trait IntoTextNode {
    fn into_text_node(self) -> Node;
}

impl IntoTextNode for Node {
    fn into_text_node(mut self) -> Node {
        self.kind = Kind::Text;
        self
    }
}

/// What hangs below a table besides its rows and remarks (items the text parser put after a table): the
/// schema has no place for it inside a `TableStruct`, so it is written after the table.
pub(super) fn lifted(n: &Node) -> impl Iterator<Item = &Node> {
    let first_row = n.children.iter().position(|c| c.kind == Kind::TableRow).unwrap_or(n.children.len());
    let rows_end = first_row + n.children[first_row..].iter().take_while(|c| c.kind == Kind::TableRow).count();
    n.children[rows_end..]
        .iter()
        .filter(|c| c.kind != Kind::TableRow && c.attrs.get("egov").is_none_or(|e| e != "Remarks"))
}

fn target(e: &Node) -> &str {
    e.attrs.get("target").map(String::as_str).unwrap_or("")
}

fn is_loose(n: &Node) -> bool {
    n.kind == Kind::Text && !n.attrs.contains_key("egov")
}

/// `第一章` + `総則` → `第一章　総則`.
fn group_title(n: &Node) -> String {
    match &n.heading {
        Some(h) if !n.label.is_empty() => format!("{}\u{3000}{h}", n.label),
        Some(h) => h.clone(),
        None => n.label.clone(),
    }
}

/// The caption as written (`heading_raw`), else the heading in full-width brackets.
pub(super) fn caption(n: &Node) -> Option<String> {
    n.heading_raw.clone().or_else(|| n.heading.as_ref().map(|h| format!("（{h}）")))
}

/// e-Gov's `Num`: `16_2`, a range `1:4`, or the position when the node has no number.
fn num_attr(n: &Node, pos: usize) -> String {
    match (&n.num, n.num_end.as_deref()) {
        (Some(a), Some(b)) if a != b => format!("{}:{}", a.to_egov(), b.to_egov()),
        (Some(a), _) => a.to_egov(),
        (None, _) => pos.to_string(),
    }
}

pub(super) fn copy_attrs<'a>(n: &Node, keys: &[&'a str], out: &mut Vec<(&'a str, String)>) {
    for k in keys {
        if let Some(v) = n.attrs.get(*k) {
            out.push((k, v.clone()));
        }
    }
}
