//! New provisions given as text after 「次のように改める。」 or 「次の一条を加える。」, read into nodes with the
//! normal parser (the text layout, or Markdown with nested lists and pipe tables).
//!
//! ```
//! use kitei::amend::{apply::body::body_nodes, Body};
//! let body = Body { text: "第二条　乙とする。".into(), line: 1, unit: None };
//! let nodes = body_nodes(&body, kitei::Kind::Article, 0).unwrap();
//! assert_eq!(nodes[0].children[0].text, "乙とする。");
//! ```

use crate::amend::style::kind_word;
use crate::amend::types::Body;
use crate::model::{Kind, Node};

type R<T> = std::result::Result<T, String>;

/// Parses new provisions given as text into nodes of `kind`, using the normal parser on a synthetic snippet.
pub fn body_nodes(body: &Body, kind: Kind, level: u8) -> R<Vec<Node>> {
    if body.text.trim().is_empty() {
        return Err("the new text is missing".into());
    }
    let markdown = body.text.lines().any(|l| {
        let t = l.trim_start();
        let ordered = t.split_once(". ").is_some_and(|(n, _)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
        t.starts_with("- ")
            || t.starts_with("## ")
            || t.starts_with("### ")
            || t.starts_with("> ")
            || t.starts_with('|')
            || ordered
    });
    // The first line that is not a caption (a numbered 項 may have one above it).
    let mut lines = body.text.lines().map(|l| l.trim_start_matches([' ', '\u{3000}']));
    let first = lines.next().unwrap_or("");
    let first = if first.starts_with('（') && first.ends_with('）') { lines.next().unwrap_or(first) } else { first };
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
        Kind::Paragraph => (if markdown { "# 仮\n\n## 第一条\n\n本文。\n\n" } else { "仮\n第一条　本文。\n" }, true),
        // Markdown items and subitems are list items nested in a paragraph's list item.
        _ if markdown => ("# 仮\n\n## 第一条\n\n1. 本文。\n\n", false),
        _ => ("仮\n第一条　本文。\n", false),
    };
    let text = if markdown && !matches!(kind, Kind::Paragraph) && !kind.is_group() && kind != Kind::Article {
        text.lines()
            .map(|l| if l.is_empty() { String::new() } else { format!("    {l}") })
            .collect::<Vec<_>>()
            .join("\n")
    } else {
        text
    };
    let (text, tables) = if markdown { (text, Vec::new()) } else { super::yomikae::take_tables(&text) };
    let mut doc = crate::parse::parse_str(&format!("{prefix}{text}\n"))
        .map_err(|e| format!("the new text (line {}) does not parse: {e}", body.line))?;
    super::yomikae::place_tables(&mut doc, tables, body.line)?;
    // A line read as another article (`第四条　月額　日額` in a 項) would be dropped below: say so instead.
    if kind != Kind::Article && !kind.is_group() {
        if let Some(a) = doc.children.iter().filter(|n| n.kind == Kind::Article).nth(1) {
            let words: String = a.full_text().chars().take(20).collect();
            return Err(format!(
                "the new text (line {}) holds 「{}\u{3000}{words}」, which is no {}",
                body.line,
                a.label,
                kind_word(kind)
            ));
        }
    }
    let mut nodes: Vec<Node> = match kind {
        Kind::Article => {
            let mut v = Vec::new();
            for mut n in doc.children {
                match n.kind {
                    Kind::Article => v.push(n),
                    k if k.is_group() => v.append(&mut n.children),
                    _ => {}
                }
            }
            v
        }
        k if k.is_group() => doc.children.into_iter().filter(|n| n.kind == k).collect(),
        Kind::Paragraph => {
            let mut art =
                doc.children.into_iter().find(|n| n.kind == Kind::Article).ok_or("no provision in the new text")?;
            std::mem::take(&mut art.children).into_iter().skip(usize::from(skip_first)).collect()
        }
        _ => {
            let mut art =
                doc.children.into_iter().find(|n| n.kind == Kind::Article).ok_or("no provision in the new text")?;
            let mut para =
                std::mem::take(&mut art.children).into_iter().next().ok_or("no provision in the new text")?;
            let mut v = std::mem::take(&mut para.children);
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
        return Err(format!(
            "the new text (line {}) holds no {}: {} is expected, as in 「{}」",
            body.line,
            kind_word(kind),
            kind_word(kind),
            example_of(kind)
        ));
    }
    Ok(nodes)
}

/// The first line of a provision of `kind` as a drafter writes it, for a message saying one is missing.
fn example_of(kind: Kind) -> &'static str {
    match kind {
        Kind::Article => "第五条　…",
        Kind::Paragraph => "２　…",
        Kind::Item => "一　…",
        Kind::Subitem => "イ　…",
        Kind::Chapter => "第二章　…",
        Kind::Section => "第一節　…",
        _ => "…",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 「同条に次の一号を加える。」 followed by a 項's line: the message names the 号 the Japanese way, with the
    /// line where the new text stands, and no internal kind name.
    #[test]
    fn a_missing_provision_is_named_in_japanese() {
        let body =
            Body {
                text: "２　営業者は、前項の規定による届出をしなければならない。".into(), line: 7, unit: None
            };
        let err = body_nodes(&body, Kind::Item, 1).unwrap_err();
        assert!(err.contains("(line 7) holds no 号") && err.contains("「一　…」"), "{err}");
        for internal in ["item", "Item", "paragraph", "Paragraph"] {
            assert!(!err.contains(internal), "{err}");
        }
    }
}
