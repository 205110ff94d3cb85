//! Ruby (振り仮名) written back inline as Lawtext does (`明<Ruby>瞭<Rt>りよう</Rt></Ruby>`), from the
//! `markup` attribute the parser keeps beside a text (`start\tend\tRuby\treading` per line).
//!
//! ```
//! let doc = kitei::parse::parse_str("規程\n第一条　明<Ruby>瞭<Rt>りよう</Rt></Ruby>である。\n").unwrap();
//! let p = doc.find("art_1__para_1").unwrap();
//! assert_eq!(kitei::export::text::text_with_ruby(p), "明<Ruby>瞭<Rt>りよう</Rt></Ruby>である。");
//! ```

use crate::model::Node;

/// The node's text with its ruby written back inline as Lawtext does (`明<Ruby>瞭<Rt>りよう</Rt></Ruby>`).
pub fn text_with_ruby(node: &Node) -> std::borrow::Cow<'_, str> {
    with_ruby(&node.text, node.attrs.get("markup"))
}

/// The caption as written (`heading_raw`, else `（heading）`), with the heading's ruby (attr `heading_markup`)
/// written inline as in [`text_with_ruby`].
pub fn caption_with_ruby(node: &Node) -> Option<String> {
    let h = node.heading.as_deref()?;
    let ruby = with_ruby(h, node.attrs.get("heading_markup"));
    Some(match &node.heading_raw {
        Some(raw) if h.is_empty() => raw.clone(),
        Some(raw) => raw.replacen(h, &ruby, 1),
        None => format!("（{ruby}）"),
    })
}

/// The ruby of a `markup` attr over `text`: (start, end, reading), sorted, each on character boundaries.
pub(crate) fn ruby_spans<'a>(text: &str, markup: Option<&'a String>) -> Vec<(usize, usize, &'a str)> {
    let Some(markup) = markup else { return Vec::new() };
    let mut rubies: Vec<(usize, usize, &str)> = markup
        .lines()
        .filter_map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            (f.len() == 4 && f[2] == "Ruby").then(|| Some((f[0].parse().ok()?, f[1].parse().ok()?, f[3])))?
        })
        .filter(|&(a, b, _)| a <= b && b <= text.len() && text.is_char_boundary(a) && text.is_char_boundary(b))
        .collect();
    rubies.sort();
    rubies
}

/// `text` with the ruby of `markup` written inline.
fn with_ruby<'a>(text: &'a str, markup: Option<&String>) -> std::borrow::Cow<'a, str> {
    let rubies = ruby_spans(text, markup);
    if rubies.is_empty() {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 32 * rubies.len());
    let mut at = 0;
    for (a, b, reading) in rubies {
        if a < at {
            continue;
        }
        out.push_str(&text[at..a]);
        out.push_str("<Ruby>");
        out.push_str(&text[a..b]);
        out.push_str("<Rt>");
        out.push_str(reading);
        out.push_str("</Rt></Ruby>");
        at = b;
    }
    out.push_str(&text[at..]);
    std::borrow::Cow::Owned(out)
}
