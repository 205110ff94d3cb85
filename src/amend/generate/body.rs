//! New provisions written out as the text that follows 「次のように改める。」 or 「次の一条を加える。」, in
//! the form the text parser reads back (caption line, `第十条　…`, `２　…`, `一　…`), or, for provisions
//! read from Markdown, as Markdown (`### 第10条　見出し`, nested `1.` / `-` lists, pipe tables).
//!
//! ```
//! let doc = kitei::parse::parse_str("例\n（目的）\n第一条　目的を定める。\n２　例とする。\n").unwrap();
//! let t = kitei::amend::generate::body::node_text(&doc.children[0], None);
//! assert_eq!(t, "（目的）\n第一条　目的を定める。\n２　例とする。");
//! ```

use crate::model::{Kind, Node};

#[cfg(doc)]
use crate::amend::apply::body::body_nodes;
use crate::amend::apply::edit::toc_line;

/// The node as body text. `label` overrides the node's own label (a rewrite keeps the old number).
///
/// Provisions read from Markdown (list-marker labels such as `1.` and `-`, or tables) are written as Markdown:
/// articles and groups as headings, nested lists indented by four spaces, tables as pipe tables, so that
/// [`body_nodes`] reads them back into the same nodes.
pub fn node_text(n: &Node, label: Option<&str>) -> String {
    let mut lines = Vec::new();
    write(n, label, &mut lines, 0, is_markdown(n));
    lines.join("\n")
}

/// Whether the node or one below it comes from Markdown (a list-marker label or a table).
fn is_markdown(n: &Node) -> bool {
    n.kind == Kind::Table
        || crate::parse::source_lines::is_bullet(&n.label)
        || n.label.ends_with('.')
        || n.children.iter().any(is_markdown)
}

fn write(n: &Node, label: Option<&str>, out: &mut Vec<String>, depth: usize, md: bool) {
    let label = label.unwrap_or(&n.label);
    let indent = "\u{3000}".repeat(depth);
    match n.kind {
        Kind::Article if md => {
            let h = n.heading.as_deref().map(|h| format!("\u{3000}{h}")).unwrap_or_default();
            out.push(format!("### {label}{h}"));
            out.push(String::new());
            for c in &n.children {
                write_child(c, false, out, 0, md);
                // A list item cannot interrupt a paragraph unless it is numbered 1.
                if c.label.is_empty() {
                    out.push(String::new());
                }
            }
        }
        Kind::Article => {
            if let Some(h) = &n.heading {
                out.push(n.heading_raw.clone().unwrap_or_else(|| format!("（{h}）")));
            }
            let mut kids = n.children.iter();
            let first = kids.next();
            let text = first.map(|p| p.text.as_str()).unwrap_or("");
            out.push(format!("{label}\u{3000}{text}"));
            if let Some(p) = first {
                for c in &p.children {
                    write_child(c, false, out, 1, md);
                }
            }
            for c in kids {
                write(c, None, out, 0, md);
            }
        }
        _ if n.kind.is_group() => {
            let h = n.heading.as_deref().unwrap_or("");
            if md {
                out.push(format!("## {label}\u{3000}{h}"));
                out.push(String::new());
            } else {
                out.push(format!("{label}\u{3000}{h}"));
            }
            for c in &n.children {
                write(c, None, out, 0, md);
            }
        }
        // A text block inside a provision (a cell of a flattened table): tagged as the canonical text writes
        // it, so that it is read back as one, not as a new 項 or as words joined to its parent's sentence.
        Kind::Text if !md && label.is_empty() => out.push(format!(":text:{}", n.text)),
        _ => {
            if crate::parse::source_lines::is_bullet(label) || label.ends_with('.') {
                out.push(format!("{}{label} {}", "    ".repeat(depth), n.text));
            } else if label.is_empty() {
                out.push(n.text.clone());
            } else {
                // A numbered 項 may carry a caption (附則 「（施行期日）」 above 「１」); the parser attaches
                // the line above to it.
                if n.kind == Kind::Paragraph {
                    if let Some(h) = &n.heading {
                        out.push(n.heading_raw.clone().unwrap_or_else(|| format!("（{h}）")));
                    }
                }
                out.push(format!("{indent}{label}\u{3000}{}", n.text));
            }
            let list_item = crate::parse::source_lines::is_bullet(label) || label.ends_with('.');
            for c in &n.children {
                write_child(c, list_item, out, depth + 1, md);
            }
        }
    }
}

/// A 目次 as body text, as drafters write it: `目次`, then one line per entry indented under it
/// (`　第二章　雑則（第四条）`, `　附則`), entries below the top level indented further.
pub fn toc_text(toc: &Node) -> String {
    fn lines(n: &Node, depth: usize, out: &mut Vec<String>) {
        for e in &n.children {
            let line = toc_line(e);
            out.push(format!("{}{}", "\u{3000}".repeat(depth), line.trim_end_matches('\u{3000}')));
            lines(e, depth + 1, out);
        }
    }
    let mut out = vec![toc.label.clone()];
    lines(toc, 1, &mut out);
    out.join("\n")
}

/// A child provision, or a table as Markdown: indented into its parent's list item (so that what follows
/// stays in the list), set off by blank lines, with a delimiter row after the first (the column alignment
/// is not kept in the model).
fn write_child(c: &Node, in_list_item: bool, out: &mut Vec<String>, depth: usize, md: bool) {
    if c.kind != Kind::Table {
        write(c, None, out, depth, md);
        return;
    }
    let pad = if in_list_item { "    ".repeat(depth) } else { String::new() };
    out.push(String::new());
    for (i, row) in c.children.iter().enumerate() {
        let cells: Vec<&str> = row.children.iter().map(|c| c.text.as_str()).collect();
        out.push(format!("{pad}| {} |", cells.join(" | ")));
        if i == 0 {
            out.push(format!("{pad}|{}", " --- |".repeat(cells.len())));
        }
    }
    out.push(String::new());
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::amend::apply::body::body_nodes;
    use crate::amend::apply::check::comparable;
    use crate::amend::types::Body;
    use crate::model::Document;

    fn doc(children: Vec<Node>) -> Document {
        let mut d = crate::parse::parse_str("# 仮\n\n### 第1条\n\n1. 仮。\n").unwrap();
        d.children = children;
        crate::model::ids::assign_ids(&mut d);
        d
    }

    /// Writes the node, reads it back as `kind`, and compares the two (IDs assigned, spans ignored).
    fn round_trip(src: &str, pick: impl Fn(&Document) -> Node) {
        let d = crate::parse::parse_str(src).unwrap();
        let n = pick(&d);
        let text = node_text(&n, None);
        let body = Body { text: text.clone(), line: 1, unit: None };
        let back = body_nodes(&body, n.kind, n.level).unwrap();
        assert_eq!(back.len(), 1, "{text}");
        let (want, got) = (doc(vec![n.clone()]), doc(back));
        assert_eq!(comparable(&got), comparable(&want), "{text}");
    }

    #[test]
    fn a_numbered_paragraph_keeps_its_caption() {
        let src = "例\n第一条　甲。\n附　則\n（施行期日）\n１　この規則は、公布の日から施行する。\n（経過措置）\n２　なお従前の例による。\n";
        let d = crate::parse::parse_str(src).unwrap();
        let s = d.suppl_provisions().next().unwrap();
        assert_eq!(s.children[1].heading.as_deref(), Some("経過措置"));
        let t = node_text(&s.children[1], None);
        assert_eq!(t, "（経過措置）\n２\u{3000}なお従前の例による。");
        round_trip(src, |d| d.suppl_provisions().next().unwrap().children[0].clone());
        round_trip(src, |d| d.suppl_provisions().next().unwrap().children[1].clone());
    }

    #[test]
    fn text_blocks_of_a_provision_stay_text_blocks() {
        // A flattened table: the cells 「警告」 and 「仮の命令」 are text blocks of the paragraph, each
        // followed by an item.
        let src =
            "例\n第一条　次の表のとおりとする。\n:text:警告\n一　警告書の番号\n:text:仮の命令\n一　命令書の番号\n";
        let d = crate::parse::parse_str(src).unwrap();
        let para = &d.articles()[0].children[0];
        assert_eq!(para.children[0].kind, Kind::Text);
        let t = node_text(para, None);
        assert!(t.contains("\n:text:警告\n"), "{t}");
        round_trip(src, |d| d.articles()[0].children[0].clone());
        round_trip(src, |d| d.articles()[0].clone());
    }

    const MD: &str = "# 規則\n\n### 第1条　区分\n\n1. 区分は、次のとおりとする。\n    1. 正社員\n        - 常勤の者\n\n            | 区分 | 時間 |\n            | -: | -: |\n            | 甲 | 8時間 |\n\n    2. 短時間社員\n2. 前項の表は、例とする。\n\n| 日数 | 時間 |\n| - | - |\n| 31日 | 132.8時間 |\n";

    #[test]
    fn markdown_article_with_nested_lists_and_tables() {
        round_trip(MD, |d| d.articles()[0].clone());
        let d = crate::parse::parse_str(MD).unwrap();
        let t = node_text(d.articles()[0], None);
        assert!(t.starts_with("### 第1条\u{3000}区分\n\n1. 区分は"), "{t}");
        assert!(t.contains("\n            | 区分 | 時間 |\n            | --- | --- |\n"), "{t}");
    }

    #[test]
    fn markdown_paragraphs_with_items_subitems_and_tables() {
        round_trip(MD, |d| d.articles()[0].children[0].clone());
        round_trip(MD, |d| d.articles()[0].children[1].clone());
    }

    #[test]
    fn markdown_items_nest_under_a_paragraph() {
        round_trip(MD, |d| d.articles()[0].children[0].children[0].clone());
        // An item numbered other than 1 cannot interrupt a paragraph: it still reads back as an item.
        round_trip(MD, |d| d.articles()[0].children[0].children[1].clone());
        round_trip("# 規則\n\n### 第1条\n\n1. 次の式による。\n    - `手当 = 基本給 × 1.25`\n", |d| {
            d.articles()[0].children[0].children[0].clone()
        });
    }

    #[test]
    fn a_plain_first_paragraph_is_set_off_from_the_list() {
        round_trip(
            "# 規則\n\n### 第1条　目的\n\nこの規則は、例とする。\n\n2. 前項は、例とする。\n",
            |d| d.articles()[0].clone(),
        );
    }
}
