//! 目次中「A」を「B」に改める: quotes looked for in every entry of the 目次, nested 節/款 entries included, each
//! entry read as one line (label, title and range: `第一節　申請（第三条・第四条）`), so a quote may fall
//! inside a range or span a title and its range. An entry whose range changes gets the article numbers it now
//! states (`from`/`to`, as the parser records them).
//!
//! ```
//! let old = kitei::parse::parse_str("例法\n目次\n　第一章　総則\n　　第一節　通則（第一条・第二条）\n　附則\n第一章　総則\n第一節　通則\n第一条　甲。\n第二条　乙。\n第三条　丙。\n").unwrap();
//! let new = kitei::amend::apply(&old, "目次中「第一条・第二条」を「第一条―第三条」に改める。\n", "a").unwrap();
//! let sec = &new.toc().unwrap().children[0].children[0];
//! assert_eq!(sec.text, "（第一条―第三条）");
//! assert_eq!(sec.attrs["to"], "3");
//! ```

use crate::amend::types::Edit;
use crate::model::{Kind, Node, Num};

use super::edit::{edit_strings, split_toc_line, toc_line};

type R<T> = std::result::Result<T, String>;

/// Applies wording edits to the entries of a 目次, front to back.
pub(super) fn edit_toc(toc: &mut Node, edits: &[Edit]) -> R<()> {
    let mut lines = Vec::new();
    collect(toc, &mut lines);
    edit_strings(&mut lines.iter_mut().collect::<Vec<_>>(), edits)?;
    let mut it = lines.into_iter();
    write_back(toc, &mut it);
    Ok(())
}

fn collect(n: &Node, out: &mut Vec<String>) {
    for c in n.children.iter().filter(|c| c.kind == Kind::TocEntry) {
        out.push(toc_line(c));
        collect(c, out);
    }
}

fn write_back(n: &mut Node, lines: &mut impl Iterator<Item = String>) {
    for e in n.children.iter_mut().filter(|c| c.kind == Kind::TocEntry) {
        if let Some(line) = lines.next() {
            update(e, &line);
        }
        write_back(e, lines);
    }
}

/// One entry given its new line.
fn update(e: &mut Node, line: &str) {
    let (l, h, t) = split_toc_line(line);
    if e.label != l {
        let digits = |c: char| crate::model::num::is_kanji_numeral(c) || crate::model::num::digit_value(c).is_some();
        let number = l.trim_start_matches('第').trim_end_matches(|c: char| !digits(c));
        e.num = Num::parse_japanese(number).or(e.num.clone());
        e.label = l;
    }
    if e.heading.as_deref().unwrap_or("") != h {
        e.heading = Some(h);
    }
    if e.text != t {
        // The article range the entry states, as the parser records it.
        let refs = super::refs::find_refs(&t);
        match (refs.first().and_then(|r| r.article.clone()), refs.last().and_then(|r| r.article.clone())) {
            (Some(f), Some(l)) => {
                e.attrs.insert("from".into(), f.to_string());
                e.attrs.insert("to".into(), l.to_string());
            }
            _ => {
                e.attrs.remove("from");
                e.attrs.remove("to");
            }
        }
        e.set_text(t);
    }
}

#[cfg(test)]
mod tests {
    use crate::amend::apply;
    use crate::parse::parse_str;

    const LAW: &str =
        "例法\n目次\n　第一章　総則（第一条・第二条）\n　第二章　手続\n　　第一節　申請（第三条・第四条）\n\
                       \u{3000}\u{3000}第二節　審査（第五条）\n　附則\n第一章　総則\n第一条　甲。\n第二条　乙。\n第二章　手続\n\
                       第一節　申請\n第三条　丙。\n第四条　丁。\n第二節　審査\n第五条　戊。\n";

    #[test]
    fn a_quote_inside_a_section_entry_is_found_and_the_range_follows() {
        let act = "目次中「第三条・第四条」を「第三条―第五条」に、「審査（第五条）」を「審査（第六条）」に改める。\n";
        let new = apply(&parse_str(LAW).unwrap(), act, "a").unwrap();
        let ch2 = &new.toc().unwrap().children[1];
        let (s1, s2) = (&ch2.children[0], &ch2.children[1]);
        assert_eq!(
            (s1.text.as_str(), s1.attrs["from"].as_str(), s1.attrs["to"].as_str()),
            ("（第三条―第五条）", "3", "5")
        );
        assert_eq!((s2.text.as_str(), s2.attrs["from"].as_str(), s2.attrs["to"].as_str()), ("（第六条）", "6", "6"));
        assert_eq!(new.toc().unwrap().children[0].attrs["to"], "2", "entries not quoted are left alone");
    }

    #[test]
    fn reiki_style_and_a_missing_quote() {
        let old = parse_str("例規程\n目次\n　第1章　総則（第1条・第2条）\n　　第1節　通則（第1条）\n第1章　総則\n第1節　通則\n第1条　甲。\n第2条　乙。\n").unwrap();
        let new = apply(&old, "目次中「通則（第1条）」を「通則（第1条・第2条）」に改める。\n", "a").unwrap();
        assert_eq!(new.toc().unwrap().children[0].children[0].attrs["to"], "2");
        let e = apply(&old, "目次中「第3条」を「第4条」に改める。\n", "a.txt").unwrap_err().to_string();
        assert!(e.contains("a.txt:1:1") && e.contains("「第3条」 is not in the provision"), "{e}");
    }
}
