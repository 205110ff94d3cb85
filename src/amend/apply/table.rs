//! Rows and columns of a table as an amendment names them: a row by its first cells (`教授の項`, `部教授の項`),
//! a row inside a row group (`警防部の部救急課の項`: the rows a cell spanning several rows heads, then the row
//! among them), and a column by its header (`金額の欄`) or its position (`上欄`, `下欄`, `第二欄`).
//!
//! A table given whole after 「第四条の表を次のように改める。」 is read by [`new_table`] in the syntax the
//! parser reads (pipe rows, or an HTML `<table>` whose cells carry attributes such as borders and spans).
//!
//! A cell spanning rows (`rowspan`) belongs to every row it covers, so the rows below it are named with it
//! (`部准教授` under a `部` spanning two rows); a Markdown table writes such a group by leaving the cell empty
//! in the rows below, which reads the same.
//!
//! ```
//! let doc = kitei::parse::parse_str(
//!     "# 規程\n\n## 第1条\n\n次の表。\n\n| 部 | 課 | 号 |\n| --- | --- | --- |\n| 総務部 | 人事課 | 1 |\n|  | 会計課 | 2 |\n",
//! ).unwrap();
//! let mut tables = Vec::new();
//! kitei::model::walk::walk_node(&doc.articles()[0], &mut |n| {
//!     if n.kind == kitei::model::Kind::Table {
//!         tables.push(n.clone());
//!     }
//! });
//! let table = &tables[0];
//! assert_eq!(kitei::amend::apply::table::find_row(table, "総務部の部会計課"), Ok(Some(2)));
//! ```

use crate::model::{Kind, Node};

type R<T> = std::result::Result<T, String>;

/// For each row, which cell stands in each column: `(row, cell)` indices into the table's children.
fn grid(table: &Node) -> Vec<Vec<(usize, usize)>> {
    let span = |c: &Node, key: &str| c.attrs.get(key).and_then(|v| v.parse::<usize>().ok()).unwrap_or(1).max(1);
    let mut out: Vec<Vec<Option<(usize, usize)>>> = Vec::new();
    for (r, row) in table.children.iter().enumerate() {
        if out.len() <= r {
            out.resize(r + 1, Vec::new());
        }
        let mut col = 0;
        for (ci, cell) in row.children.iter().enumerate() {
            while out[r].get(col).is_some_and(|s| s.is_some()) {
                col += 1;
            }
            let (rows, cols) = (span(cell, "rowspan"), span(cell, "colspan"));
            // A span reaching past the table is cut at its end.
            let last = (r + rows).min(table.children.len());
            if out.len() < last {
                out.resize(last, Vec::new());
            }
            for line in out.iter_mut().take(last).skip(r) {
                if line.len() < col + cols {
                    line.resize(col + cols, None);
                }
                for slot in &mut line[col..col + cols] {
                    *slot = Some((r, ci));
                }
            }
            col += cols;
        }
    }
    out.into_iter().map(|line| line.into_iter().flatten().collect()).collect()
}

fn text(table: &Node, (r, c): (usize, usize)) -> String {
    table.children[r].children[c].full_text().trim().to_string()
}

/// The leading cells of a row as its labels, a cell spanning from a row above included; in a Markdown table an
/// empty first cell takes the group cell of the rows above.
fn labels(table: &Node, grid: &[Vec<(usize, usize)>], r: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut last = None;
    for &slot in &grid[r] {
        if last == Some(slot) {
            continue;
        }
        last = Some(slot);
        out.push(text(table, slot));
    }
    if out.first().is_some_and(|f| f.is_empty()) {
        if let Some(above) =
            (0..r).rev().map(|k| labels(table, grid, k)).find(|l| l.first().is_some_and(|f| !f.is_empty()))
        {
            out[0] = above[0].clone();
        }
    }
    out
}

/// Whether the labels, joined from the first, give `name` (`部` `教授` → `部教授`).
fn joined_is(labels: &[String], name: &str) -> bool {
    let mut joined = String::new();
    for l in labels {
        joined.push_str(l);
        if joined == name {
            return true;
        }
        if !name.starts_with(joined.as_str()) {
            return false;
        }
    }
    false
}

/// The row of a table an amendment names: `教授` (its first cell), `部教授` (its first cells together, a cell
/// spanning from above included) or `警防部の部救急課` (the row 救急課 in the group headed by 警防部). `Ok(None)`
/// when no row is named so; an error when the name fits more than one row, as it could mean either.
pub fn find_row(table: &Node, name: &str) -> R<Option<usize>> {
    let g = grid(table);
    let rows: Vec<Vec<String>> = (0..g.len()).map(|r| labels(table, &g, r)).collect();
    let own = |r: usize| -> Vec<String> {
        table.children[r].children.iter().map(|c| c.full_text().trim().to_string()).collect::<Vec<_>>()
    };
    let mut hits: Vec<usize> = (0..rows.len()).filter(|&r| joined_is(&own(r), name)).collect();
    if hits.is_empty() {
        hits = (0..rows.len()).filter(|&r| joined_is(&rows[r], name)).collect();
    }
    if hits.is_empty() {
        // 警防部の部救急課: a group named by its heading cell, then the row among its rows.
        for (at, _) in name.match_indices("の部") {
            let (group, row) = (&name[..at], &name[at + "の部".len()..]);
            if group.is_empty() || row.is_empty() {
                continue;
            }
            hits.extend(
                (0..rows.len())
                    .filter(|&r| rows[r].first().is_some_and(|f| f == group) && joined_is(&rows[r][1..], row)),
            );
        }
    }
    hits.dedup();
    match hits.as_slice() {
        [] => Ok(None),
        [one] => Ok(Some(*one)),
        _ => Err(format!("「{name}」 names {} rows of the table; cannot tell which is meant", hits.len())),
    }
}

/// The column a header or a position names: `金額` (a cell of a row above the data that reads so), `上`/`左`
/// (the first), `下`/`右` (the last), `中` (the middle of three), `第二` (the second).
fn find_column(table: &Node, g: &[Vec<(usize, usize)>], name: &str) -> R<usize> {
    let width = g.iter().map(Vec::len).max().unwrap_or(0);
    let by_position = match name {
        "上" | "左" => Some(0),
        "下" | "右" => width.checked_sub(1),
        "中" if width == 3 => Some(1),
        "中" => return Err(format!("中欄 in a table of {width} columns")),
        _ => name
            .strip_prefix('第')
            .and_then(crate::model::num::parse_number)
            .and_then(|n| (n as usize).checked_sub(1))
            .filter(|&c| c < width),
    };
    if let Some(c) = by_position {
        return Ok(c);
    }
    for line in g {
        let hits: Vec<usize> = (0..line.len()).filter(|&c| text(table, line[c]) == name).collect();
        match hits.as_slice() {
            [] => continue,
            [c] => return Ok(*c),
            _ => return Err(format!("more than one column is headed 「{name}」")),
        }
    }
    Err(format!("no column headed 「{name}」"))
}

/// The cell of row `r` in the column `name` names, as (row, cell) indices: a cell spanning from a row above is
/// found in that row.
pub fn find_cell(table: &Node, r: usize, name: &str) -> R<(usize, usize)> {
    let g = grid(table);
    let col = find_column(table, &g, name)?;
    g.get(r).and_then(|line| line.get(col)).copied().ok_or_else(|| format!("the row has no cell in the {name}欄"))
}

/// Every cell of the column `name` names, top to bottom, as (row, cell) indices: for 「第四条の表の下欄中「A」を
/// 「B」に改める。」, which names no row. A cell spanning several rows is listed once.
pub fn column_cells(table: &Node, name: &str) -> R<Vec<(usize, usize)>> {
    let g = grid(table);
    let col = find_column(table, &g, name)?;
    let mut out: Vec<(usize, usize)> = Vec::new();
    for slot in g.iter().filter_map(|line| line.get(col)) {
        if !out.contains(slot) {
            out.push(*slot);
        }
    }
    Ok(out)
}

/// The table given as the new text of 「第四条の表を次のように改める。」 (`line` is where it stands in the act),
/// read by the parser as the table of a provision. The attributes of the table itself (not of its rows and
/// cells), which neither syntax writes, are kept from `old`.
pub fn new_table(text: &str, line: u32, old: &Node) -> R<Node> {
    let doc = crate::parse::parse_str(&format!("仮\n第一条　本文。\n{text}\n"))
        .map_err(|e| format!("the new table (line {line}) does not parse: {e}"))?;
    let mut tables = Vec::new();
    crate::model::walk::walk(&doc, &mut |n| {
        if n.kind == Kind::Table {
            tables.push(n.clone());
        }
    });
    let mut table = match (tables.len(), tables.pop()) {
        (1, Some(t)) => t,
        (0, _) => {
            return Err(format!(
            "the new text (line {line}) holds no 表: rows such as 「| 区分 | 金額 |」 or an HTML <table> are expected"
        ))
        }
        (k, _) => return Err(format!("the new text (line {line}) holds {k} tables where one 表 is replaced")),
    };
    if table.attrs.is_empty() {
        table.attrs = old.attrs.clone();
    }
    Ok(table)
}

#[cfg(test)]
mod tests {
    use crate::amend::apply;
    use crate::model::{Document, Kind, Node, Num};

    /// A 事務分掌 table in the form of a fire department's rule: 警防部 spans its two 課, whose 事務 cells list
    /// numbered duties; the article has 号 of its own with the same numbers.
    fn rule() -> Document {
        let src = "# 消防本部事務分掌規程\n\n## 第7条\n\n各課の事務は、次の表のとおりとする。\n\n<table>\n\
            <tr><th>部</th><th>課</th><th>事務</th></tr>\n\
            <tr><td rowspan=\"2\">警防部</td><td>警防課</td><td>警防計画に関すること。</td></tr>\n\
            <tr><td>救急課</td><td>救急業務に関すること。</td></tr>\n\
            <tr><td>予防部</td><td>予防課</td><td>火災予防に関すること。</td></tr>\n</table>\n";
        let mut doc = crate::parse::parse_str(src).unwrap();
        // The 救急課 cell lists its duties as 号 (as e-Gov's TableColumn may hold them).
        let cell = &mut doc.children[0].children[0].children[0].children[2].children[1];
        assert_eq!(cell.text, "救急業務に関すること。");
        for (n, t) in [(10, "救急隊の編成に関すること。"), (11, "救急統計に関すること。")] {
            let mut item = Node::new(Kind::Item);
            item.num = Some(Num::simple(n));
            item.label = crate::model::num::to_kanji(n);
            item.set_text(t);
            cell.children.push(item);
        }
        doc
    }

    fn table(doc: &Document) -> &Node {
        &doc.articles()[0].children[0].children[0]
    }

    #[test]
    fn a_row_in_a_row_group_is_named_group_then_row() {
        let doc = rule();
        let t = table(&doc);
        assert_eq!(super::find_row(t, "警防部の部救急課"), Ok(Some(2)));
        assert_eq!(super::find_row(t, "警防部救急課"), Ok(Some(2)), "the spanning cell belongs to the row below");
        assert_eq!(super::find_row(t, "警防課救急課"), Ok(None), "labels join from the row's first cell");
        assert_eq!(super::find_row(t, "予防部の部救急課"), Ok(None));
    }

    #[test]
    fn a_numbered_duty_in_a_rows_cell_is_renumbered_not_the_articles() {
        let old = rule();
        let act = "第七条の表警防部の部救急課の項中第十一号を第十二号とする。\n";
        let new = apply(&old, act, "a.txt").unwrap();
        let cell = &table(&new).children[2].children[1];
        let nums: Vec<u32> = cell.children.iter().map(|i| i.num.as_ref().unwrap().main()).collect();
        assert_eq!(nums, [10, 12]);
        assert_eq!(cell.children[1].label, "十二");
        let e = apply(&old, "第七条の表警防部の部警防課の項中第十一号を第十二号とする。\n", "a.txt").unwrap_err();
        assert!(e.to_string().contains("a.txt:1:1"), "{e}");
    }

    #[test]
    fn a_column_named_by_its_header_or_position() {
        let old = rule();
        let act = "第七条の表警防部の部救急課の項事務の欄中「救急業務」を「救急及び救助の業務」に改め、\
                   同表予防部の項下欄中「火災予防」を「火災の予防」に改める。\n";
        let new = apply(&old, act, "a.txt").unwrap();
        let t = table(&new);
        assert_eq!(t.children[2].children[1].text, "救急及び救助の業務に関すること。");
        assert_eq!(t.children[3].children[2].text, "火災の予防に関すること。");
        // 部 is the column of the spanning cell: in the 救急課 row it is the cell of the row above.
        let act = "第七条の表警防部の部救急課の項部の欄中「警防部」を「警防救急部」に改める。\n";
        let new = apply(&old, act, "a.txt").unwrap();
        assert_eq!(table(&new).children[1].children[0].text, "警防救急部");
        let e = apply(&old, "第七条の表予防部の項金額の欄中「火災」を「林野」に改める。\n", "a.txt").unwrap_err();
        assert!(e.to_string().contains("no column headed 「金額」"), "{e}");
    }

    /// 「第四条の表を次のように改める。」 followed by the whole table: its shape and its cells' attributes
    /// (borders, spans) are those of the new table; the provision's words around it are kept.
    #[test]
    fn a_provisions_table_is_replaced_whole() {
        let old = crate::parse::parse_str(
            "手数料条例\n第四条　手数料の額は、次の表のとおりとする。\n| 区分 | 金額 |\n|---|---|\n| 閲覧 | 三百円 |\n",
        )
        .unwrap();
        let act = "第四条の表を次のように改める。\n<table>\n<tr><td>区分</td><td>金額</td></tr>\n\
                   <tr><td rowspan=\"2\">写し</td><td>一枚につき十円</td></tr>\n<tr><td>一通につき百円</td></tr>\n</table>\n";
        let new = apply(&old, act, "a.txt").unwrap();
        let para = &new.articles()[0].children[0];
        assert_eq!(para.text, "手数料の額は、次の表のとおりとする。");
        let t = table(&new);
        assert_eq!(t.children.len(), 3, "three rows");
        assert_eq!(t.children[1].children[0].attrs.get("rowspan").map(String::as_str), Some("2"));
        assert_eq!(t.children[2].children[0].text, "一通につき百円");
        let e = apply(&old, "第四条の表を次のように改める。\n手数料は無料とする。\n", "a.txt").unwrap_err();
        assert!(e.to_string().contains("holds no 表"), "{e}");
    }

    /// 「第七条の表の事務の欄中…」 and 「…の表の下欄中…」 name no row: every cell of the column that holds the
    /// words is amended; words in no cell of it are an error, not a silent no-op.
    #[test]
    fn a_whole_column_is_amended_in_every_cell() {
        let old = rule();
        let new = apply(&old, "第七条の表の事務の欄中「に関すること」を「に関する事務」に改める。\n", "a.txt").unwrap();
        let t = table(&new);
        let col: Vec<&str> = (1..4).map(|r| t.children[r].children.last().unwrap().text.as_str()).collect();
        assert_eq!(col, ["警防計画に関する事務。", "救急業務に関する事務。", "火災予防に関する事務。"]);
        assert_eq!(t.children[1].children[1].text, "警防課", "other columns untouched");
        let new = apply(&old, "第七条の表の下欄中「火災予防」を「火災の予防」に改める。\n", "a.txt").unwrap();
        assert_eq!(table(&new).children[3].children[2].text, "火災の予防に関すること。");
        assert_eq!(table(&new).children[1].children[2].text, "警防計画に関すること。");
        let e = apply(&old, "第七条の表の下欄中「警防課」を「警備課」に改める。\n", "a.txt").unwrap_err();
        assert!(e.to_string().contains("「警防課」"), "{e}");
    }

    /// 「別表第一中…に改め、同表の下欄中…に改める。」: 同表 after a 別表 names that 別表 again.
    #[test]
    fn the_same_table_after_an_appendix() {
        let old = crate::parse::parse_str(
            "手数料条例\n第一条　手数料は、別表第一のとおりとする。\n別表第一（第一条関係）\n\
             | 区分 | 金額 |\n|---|---|\n| 閲覧 | 三百円 |\n| 写しの交付 | 十円 |\n",
        )
        .unwrap();
        let act = "別表第一中「閲覧」を「公文書の閲覧」に改め、同表の下欄中「円」を「円（一件につき）」に改める。\n";
        let new = apply(&old, act, "a.txt").unwrap();
        let mut cells = Vec::new();
        crate::model::walk::walk(&new, &mut |n| {
            if n.kind == Kind::TableCell {
                cells.push(n.text.clone());
            }
        });
        assert_eq!(cells, ["区分", "金額", "公文書の閲覧", "三百円（一件につき）", "写しの交付", "十円（一件につき）"]);
    }
}
