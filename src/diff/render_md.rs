//! The 新旧対照表 as Markdown: a summary, then a GFM table with `<u>` for underlined wording.
//!
//! ```
//! use kitei::diff::{compare, render_markdown, CompareOptions, RenderOptions};
//! let doc = kitei::model::Document::new("規程");
//! let md = render_markdown(&compare(&doc, &doc, &CompareOptions::default()), &RenderOptions::default());
//! assert!(md.starts_with("# 規程"));
//! assert!(md.contains("| 改正後 | 改正前 |"));
//! ```

use super::table::{build_table, summary_line, Line};
use super::{Comparison, RenderOptions};

/// Renders the 新旧対照表 as Markdown.
pub fn render_markdown(cmp: &Comparison, opts: &RenderOptions) -> String {
    let t = build_table(cmp, opts);
    let mut out = format!("# {}\n\n", escape(&t.title));
    if let Some(n) = &t.note {
        out.push_str(&format!("{}\n\n", escape(n)));
    }
    out.push_str(&format!("**変更の概要**: {}\n\n", summary_line(&cmp.summary)));
    for a in &t.affected {
        out.push_str(&format!("- {}\n", escape(a)));
    }
    if !t.affected.is_empty() {
        out.push('\n');
    }
    if !t.warnings.is_empty() {
        out.push_str("**警告（ハネ）**\n\n");
        for w in &t.warnings {
            out.push_str(&format!("- ⚠ {}\n", escape(w)));
        }
        out.push('\n');
    }
    out.push_str(&format!("| {} | {} |\n|---|---|\n", escape(&t.headings[0]), escape(&t.headings[1])));
    // One table row per part, so that the columns stay aligned 項 by 項 and 号 by 号.
    for r in &t.rows {
        for p in &r.parts {
            out.push_str(&format!("| {} | {} |\n", cell(&p.left), cell(&p.right)));
        }
    }
    out
}

fn cell(lines: &[Line]) -> String {
    lines
        .iter()
        .map(|l| {
            let mut s = "　".repeat(l.indent as usize);
            for seg in &l.segs {
                if seg.mark {
                    s.push_str(&format!("<u>{}</u>", escape(&seg.text)));
                } else {
                    s.push_str(&escape(&seg.text));
                }
            }
            s
        })
        .collect::<Vec<_>>()
        .join("<br>")
}

/// Escapes text for a GFM table cell: `&`, `<`, `>`, `|`, and line breaks.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '|' => out.push_str("\\|"),
            '\n' => out.push_str("<br>"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn cells_are_escaped() {
        assert_eq!(super::escape("a|b<c>&\n"), "a\\|b&lt;c&gt;&amp;<br>");
    }
}
