//! Tables in new text given as plain lines, such as a 読替え table: a provision that announces 「次の表」
//! followed by rows whose cells are set apart by full-width spaces (`第三条第一項　職員　職員及び嘱託員`), as
//! an act pasted from the 官報 or a PDF gives them. The rows become the provision's table, as a pipe table
//! would; without this, each row would be read as a provision of its own (`第四条　月額　日額` an article).
//!
//! A row has two cells or more, none ending in 。 (a sentence is a provision, not a cell), and every row of a
//! table as many as the first; the first line that is no such row ends the table.

use crate::model::{Document, Kind, Node};

type R<T> = std::result::Result<T, String>;

/// A table taken out of the text: the line that announced it, and its rows of cells.
pub(super) struct Taken {
    anchor: String,
    rows: Vec<Vec<String>>,
}

fn cells(line: &str) -> Option<Vec<String>> {
    let cells: Vec<String> =
        line.split('\u{3000}').map(str::trim).filter(|c| !c.is_empty()).map(str::to_string).collect();
    (cells.len() >= 2 && !cells.iter().any(|c| c.ends_with('。'))).then_some(cells)
}

/// Takes the table rows after each line announcing 「次の表」 out of `text`.
pub(super) fn take_tables(text: &str) -> (String, Vec<Taken>) {
    let mut kept: Vec<&str> = Vec::new();
    let mut out: Vec<Taken> = Vec::new();
    let mut open: Option<Taken> = None;
    for line in text.lines() {
        if let Some(t) = open.as_mut() {
            let width = t.rows.first().map(Vec::len);
            match cells(line).filter(|c| width.is_none_or(|w| w == c.len())) {
                Some(row) => {
                    t.rows.push(row);
                    continue;
                }
                None => out.extend(open.take().filter(|t| !t.rows.is_empty())),
            }
        }
        if line.contains("次の表") && cells(line).is_none() {
            open = Some(Taken { anchor: line.to_string(), rows: Vec::new() });
        }
        kept.push(line);
    }
    out.extend(open.filter(|t| !t.rows.is_empty()));
    (kept.join("\n"), out)
}

/// Puts each table under the provision whose text its announcing line ends with, before that provision's
/// children (its 号 follow the table).
pub(super) fn place_tables(doc: &mut Document, tables: Vec<Taken>, line: u32) -> R<()> {
    for t in tables {
        let table = table_node(&t.rows);
        if !place(&mut doc.children, &t.anchor, table) {
            return Err(format!("the new text (line {line}): no provision announces the table after 「{}」", t.anchor));
        }
    }
    Ok(())
}

fn place(kids: &mut [Node], anchor: &str, table: Node) -> bool {
    let mut table = Some(table);
    place_in(kids, anchor, &mut table);
    table.is_none()
}

fn place_in(kids: &mut [Node], anchor: &str, table: &mut Option<Node>) {
    for n in kids {
        if table.is_none() {
            return;
        }
        if !n.text.is_empty() && n.text.contains("次の表") && anchor.ends_with(n.text.as_str()) {
            if let Some(t) = table.take() {
                n.children.insert(0, t);
            }
            return;
        }
        place_in(&mut n.children, anchor, table);
    }
}

fn table_node(rows: &[Vec<String>]) -> Node {
    let mut table = Node::new(Kind::Table);
    for r in rows {
        let mut row = Node::new(Kind::TableRow);
        for c in r {
            let mut cell = Node::new(Kind::TableCell);
            cell.text = c.clone();
            row.children.push(cell);
        }
        table.children.push(row);
    }
    table
}

#[cfg(test)]
mod tests {
    use crate::parse::parse_str;

    const RULE: &str = "例規程\n第五条　職員の手当は、月額とする。\n２　嘱託員については、前項の規定を準用する。\n";
    const PARA: &str =
        "第五条第二項を次のように改める。\n２　嘱託員については、前項の規定を準用する。この場合において、\
                        次の表の上欄に掲げる規定中同表の中欄に掲げる字句は、それぞれ同表の下欄に掲げる字句とする。\n";

    fn rows(doc: &crate::model::Document) -> Vec<Vec<String>> {
        let p = &doc.articles()[0].children[1];
        assert_eq!(p.children[0].kind, crate::model::Kind::Table);
        p.children[0].children.iter().map(|r| r.children.iter().map(|c| c.text.clone()).collect()).collect()
    }

    #[test]
    fn a_yomikae_table_in_plain_lines_is_the_paragraphs_table() {
        let old = parse_str(RULE).unwrap();
        let act = format!("{PARA}第三条第一項　職員　職員及び嘱託員\n第五条第一項　月額　日額\n");
        let new = crate::amend::apply(&old, &act, "a.txt").unwrap();
        assert_eq!(new.articles().len(), 1, "no row became an article");
        let want = [["第三条第一項", "職員", "職員及び嘱託員"], ["第五条第一項", "月額", "日額"]];
        assert_eq!(rows(&new), want);
        assert!(new.articles()[0].children[1].text.ends_with("同表の下欄に掲げる字句とする。"));
    }

    #[test]
    fn a_pipe_table_reads_the_same() {
        let old = parse_str(RULE).unwrap();
        let act = format!(
            "{PARA}| 第三条第一項 | 職員 | 職員及び嘱託員 |\n| --- | --- | --- |\n| 第五条第一項 | 月額 | 日額 |\n"
        );
        let new = crate::amend::apply(&old, &act, "a.txt").unwrap();
        assert_eq!(rows(&new), [["第三条第一項", "職員", "職員及び嘱託員"], ["第五条第一項", "月額", "日額"]]);
    }

    #[test]
    fn a_row_of_another_width_is_not_swallowed() {
        // The second line has two cells where the table has three: it is no row, and as an article line
        // inside a 項 it is refused rather than dropped.
        let old = parse_str(RULE).unwrap();
        let act = format!("{PARA}第三条第一項　職員　職員及び嘱託員\n第五条　日額\n");
        let e = crate::amend::apply(&old, &act, "a.txt").unwrap_err().to_string();
        assert!(e.contains("a.txt:1:1") && e.contains("第五条") && e.contains("no 項"), "{e}");
    }
}
