//! Caption (見出し) brackets: full-width （…） and half-width (…) mixed in one document (one warning naming
//! the articles that use the less common width, at the first of them), and captions whose brackets do not
//! pair up (`（目的)`, one warning each). Captions are read from `heading_raw`, which keeps the brackets as
//! written when they are not the canonical full-width （…）; captions written without brackets (Markdown
//! `### 第1条　目的`) take no part.
//!
//! ```
//! let text = "規程\n（目的）\n第1条　甲\n(定義)\n第2条　乙\n(適用)\n第3条　丙\n";
//! let doc = kitei::parse::parse_str(text).unwrap();
//! let d = kitei::lint::brackets::check(&doc, &kitei::lint::Locator::new(Some(text)));
//! assert_eq!(d.len(), 1);
//! assert_eq!(d[0].id.as_deref(), Some("art_1"));
//! assert!(d[0].message.contains("第1条"));
//! ```

use super::{label_runs, Locator};
use crate::diagnostic::Diagnostic;
use crate::model::{walk, Document, Kind, Node, Pos};

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Width {
    Full,
    Half,
    Unpaired,
}

fn width(raw: &str) -> Option<Width> {
    let open = raw.chars().next()?;
    let close = raw.chars().next_back()?;
    match (open, close) {
        ('（', '）') => Some(Width::Full),
        ('(', ')') => Some(Width::Half),
        ('（' | '(', '）' | ')') => Some(Width::Unpaired),
        _ => None,
    }
}

/// Checks the captions of every article (main provision and 附則).
pub fn check(doc: &Document, loc: &Locator<'_>) -> Vec<Diagnostic> {
    let mut arts: Vec<&Node> = Vec::new();
    walk::walk(doc, &mut |n| {
        if n.kind == Kind::Article {
            arts.push(n)
        }
    });
    let mut out = Vec::new();
    let mut full = Vec::new();
    let mut half = Vec::new();
    for (i, a) in arts.iter().enumerate() {
        if a.heading.is_none() {
            continue;
        }
        // `None` is the canonical full-width form （見出し）.
        let raw = a.heading_raw.clone().unwrap_or_else(|| "（）".into());
        match width(&raw) {
            Some(Width::Full) => full.push((i, *a)),
            Some(Width::Half) => half.push((i, *a)),
            Some(Width::Unpaired) => out.push(
                Diagnostic::warning(
                    "caption-brackets",
                    format!("the caption {raw} of {} mixes bracket widths", a.label),
                )
                .at_pos(caption_at(a, &raw, loc))
                .with_id(&a.id),
            ),
            None => {}
        }
    }
    if !full.is_empty() && !half.is_empty() {
        let (minority, majority, min_name, maj_name) = if full.len() <= half.len() {
            (&full, &half, "full-width （…）", "half-width (…)")
        } else {
            (&half, &full, "half-width (…)", "full-width （…）")
        };
        let list = |v: &[(usize, &Node)]| {
            let labels: Vec<(usize, &str)> = v.iter().map(|(i, a)| (*i, a.label.as_str())).collect();
            label_runs(&labels)
        };
        let first = minority[0].1;
        out.push(
            Diagnostic::warning(
                "mixed-caption-brackets",
                format!(
                    "captions mix bracket widths: {min_name} in {} ({} caption(s)), {maj_name} in {} ({} caption(s))",
                    list(minority),
                    minority.len(),
                    list(majority),
                    majority.len()
                ),
            )
            .at_pos(caption_at(first, &first.heading_raw.clone().unwrap_or_default(), loc))
            .with_id(&first.id),
        );
    }
    out
}

/// Where the caption is written: above its article (or on its line, in a Markdown heading).
fn caption_at(a: &Node, raw: &str, loc: &Locator<'_>) -> Pos {
    let raw = if raw.is_empty() { format!("（{}）", a.heading.as_deref().unwrap_or("")) } else { raw.to_string() };
    loc.find_above(a.span.start, &raw)
}

trait AtPos {
    fn at_pos(self, p: Pos) -> Self;
}

impl AtPos for Diagnostic {
    fn at_pos(self, p: Pos) -> Diagnostic {
        self.at(p.line, p.column)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> Vec<Diagnostic> {
        check(&crate::parse::parse_str(text).unwrap(), &Locator::new(Some(text)))
    }

    #[test]
    fn one_width_is_clean() {
        assert!(run("規程\n（目的）\n第1条　甲\n（定義）\n第2条　乙\n").is_empty());
        assert!(run("規程\n(目的)\n第1条　甲\n(定義)\n第2条　乙\n").is_empty());
    }

    #[test]
    fn mixed_widths_name_the_minority() {
        let d = run("規程\n(目的)\n第1条　甲\n（定義）\n第2条　乙\n(適用)\n第3条　丙\n(雑則)\n第4条　丁\n");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].code, "mixed-caption-brackets");
        assert_eq!(d[0].id.as_deref(), Some("art_2"));
        assert_eq!(d[0].line, 4);
        assert!(d[0].message.contains("full-width （…） in 第2条 (1"), "{}", d[0].message);
        assert!(d[0].message.contains("第1条, 第3条–第4条"), "{}", d[0].message);
    }

    #[test]
    fn widths() {
        assert_eq!(width("（目的）"), Some(Width::Full));
        assert_eq!(width("(目的)"), Some(Width::Half));
        assert_eq!(width("（目的)"), Some(Width::Unpaired));
        assert_eq!(width("目的"), None);
    }
}
