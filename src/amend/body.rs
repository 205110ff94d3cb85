//! New provisions written out as the text that follows 「次のように改める。」 or 「次の一条を加える。」, in
//! the form the text parser reads back (caption line, `第十条　…`, `２　…`, `一　…`).
//!
//! ```
//! let doc = kitei::parse::parse_str("例\n（目的）\n第一条　目的を定める。\n２　例とする。\n").unwrap();
//! let t = kitei::amend::body::node_text(&doc.children[0], None);
//! assert_eq!(t, "（目的）\n第一条　目的を定める。\n２　例とする。");
//! ```

use crate::model::{Kind, Node};

use super::Body;

type R<T> = std::result::Result<T, String>;

/// The node as body text. `label` overrides the node's own label (a rewrite keeps the old number).
pub fn node_text(n: &Node, label: Option<&str>) -> String {
    let mut lines = Vec::new();
    write(n, label, &mut lines, 0);
    lines.join("\n")
}

fn write(n: &Node, label: Option<&str>, out: &mut Vec<String>, depth: usize) {
    let label = label.unwrap_or(&n.label);
    let indent = "\u{3000}".repeat(depth);
    match n.kind {
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
                    write(c, None, out, 1);
                }
            }
            for c in kids {
                write(c, None, out, 0);
            }
        }
        _ if n.kind.is_group() => {
            let h = n.heading.as_deref().unwrap_or("");
            out.push(format!("{label}\u{3000}{h}"));
            for c in &n.children {
                write(c, None, out, 0);
            }
        }
        _ => {
            if label == "-" {
                out.push(format!("{}- {}", "    ".repeat(depth), n.text));
            } else if label.ends_with('.') {
                out.push(format!("{}{label} {}", "    ".repeat(depth), n.text));
            } else if label.is_empty() {
                out.push(n.text.clone());
            } else {
                out.push(format!("{indent}{label}\u{3000}{}", n.text));
            }
            for c in &n.children {
                write(c, None, out, depth + 1);
            }
        }
    }
}

/// A 目次 as body text, as drafters write it: `目次`, then one line per entry indented under it
/// (`　第二章　雑則（第四条）`, `　附則`), entries below the top level indented further.
pub fn toc_text(toc: &Node) -> String {
    fn lines(n: &Node, depth: usize, out: &mut Vec<String>) {
        for e in &n.children {
            let line = super::apply::toc_line(e);
            out.push(format!("{}{}", "\u{3000}".repeat(depth), line.trim_end_matches('\u{3000}')));
            lines(e, depth + 1, out);
        }
    }
    let mut out = vec![toc.label.clone()];
    lines(toc, 1, &mut out);
    out.join("\n")
}

/// Parses new provisions given as text into nodes of `kind`, using the normal parser on a synthetic snippet.
pub fn body_nodes(body: &Body, kind: Kind, level: u8) -> R<Vec<Node>> {
    if body.text.trim().is_empty() {
        return Err("the new text is missing".into());
    }
    let markdown = body.text.lines().any(|l| {
        let t = l.trim_start();
        t.starts_with("- ") || t.starts_with("## ") || t.starts_with("> ")
    });
    let first = body.text.lines().next().unwrap_or("").trim_start_matches([' ', '\u{3000}']);
    let labelled_para = first.chars().next().is_some_and(|c| c.is_ascii_digit() || ('０'..='９').contains(&c));
    let text = if markdown {
        body.text.clone()
    } else {
        body.text.lines().map(|l| l.trim_start_matches([' ', '\u{3000}'])).collect::<Vec<_>>().join("\n")
    };
    let (prefix, skip_first) = match kind {
        Kind::Article | Kind::Chapter | Kind::Section | Kind::Part | Kind::Subsection | Kind::Division => {
            (if markdown { "# 仮\n\n" } else { "仮\n" }, false)
        }
        Kind::Paragraph if !(labelled_para || markdown && first.starts_with("- ")) => {
            (if markdown { "# 仮\n\n## 第一条\n\n" } else { "仮\n第一条　" }, false)
        }
        _ => (if markdown { "# 仮\n\n## 第一条\n\n本文。\n\n" } else { "仮\n第一条　本文。\n" }, true),
    };
    let doc = crate::parse::parse_str(&format!("{prefix}{text}\n"))
        .map_err(|e| format!("the new text (line {}) does not parse: {e}", body.line))?;
    let mut nodes: Vec<Node> = match kind {
        Kind::Article => {
            let mut v = Vec::new();
            for n in doc.children {
                match n.kind {
                    Kind::Article => v.push(n),
                    k if k.is_group() => v.extend(n.children),
                    _ => {}
                }
            }
            v
        }
        k if k.is_group() => doc.children.into_iter().filter(|n| n.kind == k).collect(),
        Kind::Paragraph => {
            let art =
                doc.children.into_iter().find(|n| n.kind == Kind::Article).ok_or("no provision in the new text")?;
            art.children.into_iter().skip(usize::from(skip_first)).collect()
        }
        _ => {
            let art =
                doc.children.into_iter().find(|n| n.kind == Kind::Article).ok_or("no provision in the new text")?;
            let para = art.children.into_iter().next().ok_or("no provision in the new text")?;
            let mut v = para.children;
            if kind == Kind::Subitem {
                for n in &mut v {
                    n.kind = Kind::Subitem;
                    n.level = level.max(1);
                }
            }
            v
        }
    };
    nodes.retain(|n| n.kind == kind || kind == Kind::Item && n.kind == Kind::Subitem);
    if nodes.is_empty() {
        return Err(format!("the new text holds no {}", kind.as_str()));
    }
    Ok(nodes)
}
