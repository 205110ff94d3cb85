//! New provisions written out as the text that follows 「次のように改める。」 or 「次の一条を加える。」, in
//! the form the text parser reads back (caption line, `第十条　…`, `２　…`, `一　…`).
//!
//! ```
//! let doc = kitei::parse::parse_str("例\n（目的）\n第一条　目的を定める。\n２　例とする。\n").unwrap();
//! let t = kitei::amend::body::node_text(&doc.children[0], None);
//! assert_eq!(t, "（目的）\n第一条　目的を定める。\n２　例とする。");
//! ```

use crate::model::{Kind, Node};

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
