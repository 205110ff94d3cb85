//! The layout of the tables in a provision (e-Gov's table, row and cell attributes: borders, rowspan, colspan,
//! Align), which the content key leaves out: [`super::generate()`] compares it so that a change of layout alone
//! is said rather than lost. A provision with one table whose layout changed is amended as a drafter does,
//! 「第四条の表を次のように改める。」 followed by the whole new table ([`table_rewrite`]), when the table's text
//! reads back the same; what that text cannot carry (the attributes of the table itself) stays a refusal.

use crate::model::{Kind, Node};

/// The attributes of every table, row and cell under a provision, in document order.
pub(super) fn table_layout(n: &Node) -> Vec<(Kind, &std::collections::BTreeMap<String, String>)> {
    let mut out = Vec::new();
    let mut todo = vec![n];
    while let Some(x) = todo.pop() {
        if matches!(x.kind, Kind::Table | Kind::TableRow | Kind::TableCell) {
            out.push((x.kind, &*x.attrs));
        }
        todo.extend(x.children.iter().rev());
    }
    out
}

/// The tables under a provision, in document order.
fn tables(n: &Node) -> Vec<&Node> {
    let mut out = Vec::new();
    let mut todo = vec![n];
    while let Some(x) = todo.pop() {
        if x.kind == Kind::Table {
            out.push(x);
            continue;
        }
        todo.extend(x.children.iter().rev());
    }
    out
}

/// 「{cite}の表を次のように改める。」 and the new table, for a provision whose words are the same and whose one
/// table changed its layout; `None` when the provision has several tables, when the table's own attributes
/// changed, or when the written table does not read back as NEW's.
pub(super) fn table_rewrite(cite: &str, o: &Node, n: &Node) -> Option<String> {
    let (ot, nt) = (tables(o), tables(n));
    let ([ot], [nt]) = (ot.as_slice(), nt.as_slice()) else { return None };
    if ot.attrs != nt.attrs {
        return None;
    }
    let text = crate::export::text::table_to_text(nt);
    let back = crate::amend::apply::table::new_table(&text, 1, ot).ok()?;
    back.same_content(nt).then(|| format!("{cite}の表を次のように改める。\n{text}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Document;

    #[test]
    fn a_table_layout_change_is_said_not_dropped() {
        // Only a cell's border changes: the words are the same, the table is not, and nothing is written
        // silently without it.
        let xml = |border: &str| {
            format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Law Era=\"Reiwa\" Lang=\"ja\" LawType=\"Act\" Num=\"001\" \
                 Year=\"05\"><LawNum>令和五年法律第一号</LawNum><LawBody><LawTitle>例法</LawTitle><MainProvision>\
                 <Article Num=\"1\"><ArticleTitle>第一条</ArticleTitle><Paragraph Num=\"1\"><ParagraphNum/>\
                 <ParagraphSentence><Sentence Num=\"1\">手数料は、次の表のとおりとする。</Sentence></ParagraphSentence>\
                 <TableStruct><Table><TableRow><TableColumn {border}><Sentence Num=\"1\">区分</Sentence></TableColumn>\
                 <TableColumn><Sentence Num=\"1\">金額</Sentence></TableColumn></TableRow></Table></TableStruct>\
                 </Paragraph></Article></MainProvision></LawBody></Law>"
            )
        };
        let old = crate::parse::egov_xml::parse("old.xml", &xml("BorderTop=\"solid\"")).unwrap().document;
        let new = crate::parse::egov_xml::parse("new.xml", &xml("BorderTop=\"none\" rowspan=\"1\"")).unwrap().document;
        assert_ne!(table_layout(old.articles()[0]), table_layout(new.articles()[0]), "the parser keeps the attributes");
        let text = crate::amend::generate(&old, &new, &Default::default()).unwrap();
        assert!(text.contains("第一条の表を次のように改める。\n<table>"), "{text}");
        let got = crate::amend::apply(&old, &text, "t").unwrap();
        let cell = |d: &Document| tables(d.articles()[0])[0].children[0].children[0].attrs.clone();
        assert_eq!(cell(&got), cell(&new), "{text}");
        assert_eq!(
            crate::amend::apply::check::comparable(&got),
            crate::amend::apply::check::comparable(&new),
            "{text}"
        );
    }

    /// A change of the table's own attributes, which no table text writes, is still refused, naming the
    /// provision.
    #[test]
    fn a_change_the_text_cannot_carry_is_refused() {
        let doc = |attr: &str| {
            let mut d = crate::parse::parse_str(
                "例\n第四条　次の表のとおりとする。\n| 区分 | 金額 |\n|---|---|\n| 甲 | 一円 |\n",
            )
            .unwrap();
            let t = &mut d.children[0].children[0].children[0];
            assert_eq!(t.kind, Kind::Table);
            if !attr.is_empty() {
                t.attrs.insert("WritingMode".into(), attr.into());
            }
            d
        };
        let (old, new) = (doc(""), doc("horizontal"));
        assert_eq!(table_rewrite("第四条", old.articles()[0], new.articles()[0]), None);
        let e = crate::amend::generate(&old, &new, &Default::default()).unwrap_err().to_string();
        assert!(e.contains("the layout of the table in 第四条 changed"), "{e}");
    }
}
