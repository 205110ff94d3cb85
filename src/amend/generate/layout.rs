//! The layout of the tables in a provision (e-Gov's table, row and cell attributes: borders, rowspan, colspan,
//! Align), which the content key leaves out: [`super::generate()`] compares it so that a change of layout alone
//! is said rather than lost.

use crate::model::{Kind, Node};

/// The attributes of every table, row and cell under a provision, in document order.
pub(super) fn table_layout(n: &Node) -> Vec<(Kind, &std::collections::BTreeMap<String, String>)> {
    let mut out = Vec::new();
    let mut todo = vec![n];
    while let Some(x) = todo.pop() {
        if matches!(x.kind, Kind::Table | Kind::TableRow | Kind::TableCell) {
            out.push((x.kind, &x.attrs));
        }
        todo.extend(x.children.iter().rev());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let e = crate::amend::generate(&old, &new, &Default::default()).unwrap_err().to_string();
        assert!(e.contains("the layout of the table in 第一条 changed"), "{e}");
    }
}
