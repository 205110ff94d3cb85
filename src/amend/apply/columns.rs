//! Column sentences (e-Gov `<Column>`) in provisions an amendment writes.
//!
//! e-Gov XML gives a 号 such as 「一　第二条第一項第一号に掲げる不正競争　当該侵害に係る商品等表示の使用」 as two
//! columns, which the model keeps as [`SentenceRole::Column`] sentences joined by a full-width space. An
//! amendment's new text is plain text, so a 号 it adds or rewords would come out as one main sentence. Where
//! the document's own reader would split it ([`expected`]), applying splits such 号 at their full-width spaces
//! (outside brackets) again, so the amended text has the shape a new reading of it would have. Where that is
//! unknown (e-Gov XML without any column), the 号 stays one sentence, and the generator's self-check
//! (`check::verify`, which compares the columns) refuses a 改め文 that would lose NEW's columns.
//!
//! ```
//! use kitei::model::{Kind, Node, SentenceRole};
//! let mut item = Node::new(Kind::Item);
//! item.set_text("法令　法律及び命令をいう。");
//! kitei::amend::apply::columns::split(&mut item);
//! assert_eq!(item.sentences.len(), 2);
//! assert!(item.sentences.iter().all(|s| s.role == SentenceRole::Column));
//! ```

use std::collections::BTreeMap;

use crate::model::{walk, Document, Kind, Node, SentenceRole, SourceFormat};

/// Whether a 号 or subitem an amendment writes into `doc` is split into columns: always in a text or Markdown
/// document (its parser splits every such 号, [`crate::model::sentences_of`]), and in e-Gov XML or JSON when
/// the document uses columns anywhere (e-Gov marks them with `<Column>`; words alone do not tell).
pub fn expected(doc: &Document) -> bool {
    matches!(doc.format, SourceFormat::Text | SourceFormat::Markdown) || uses_columns(doc)
}

/// Whether any provision of the document has column sentences.
pub fn uses_columns(doc: &Document) -> bool {
    let mut found = false;
    walk::walk(doc, &mut |n| found |= n.sentences.iter().any(|s| s.role == SentenceRole::Column));
    found
}

/// Splits a node's text into column sentences by the model's rule ([`crate::model::sentences_of`]: full-width
/// spaces outside brackets, every part non-empty); leaves it alone when it has no columns.
pub fn split(n: &mut Node) {
    if crate::model::split_columns(&n.text).is_some() {
        n.sentences = crate::model::sentences_of(Kind::Item, &n.text);
    }
}

/// In a document that uses columns, re-splits every 号 and subitem the amendment wrote: new ones, reworded
/// ones and ones given again as text (a provision rewritten whole) that had columns before. `before` maps an
/// old ID to the old node's text and whether it had columns; `origin_of` reads a node's old ID.
pub(super) fn restore(
    doc: &mut Document,
    before: &BTreeMap<String, (String, bool)>,
    origin_of: impl Fn(&Node) -> Option<String>,
) {
    walk::walk_mut(doc, &mut |n| {
        if !matches!(n.kind, Kind::Item | Kind::Subitem) || n.sentences.iter().any(|s| s.role != SentenceRole::Main) {
            return;
        }
        let written = match origin_of(n).and_then(|o| before.get(&o)) {
            Some((old_text, had_columns)) => *had_columns || *old_text != n.text,
            None => true,
        };
        if written {
            split(n);
        }
    });
}

/// The `before` map of [`restore`] for the old document.
pub(super) fn snapshot(old: &Document) -> BTreeMap<String, (String, bool)> {
    let mut out = BTreeMap::new();
    walk::walk(old, &mut |n| {
        out.insert(n.id.clone(), (n.text.clone(), n.sentences.iter().any(|s| s.role == SentenceRole::Column)));
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spaces_inside_brackets_do_not_split() {
        let mut n = Node::new(Kind::Item);
        n.set_text("甲（乙　丙）");
        split(&mut n);
        assert_eq!(n.sentences.len(), 1);
        assert_eq!(n.sentences[0].role, SentenceRole::Main);
    }

    /// A 号 reworded into the two columns of a definition (「一　法令　法律及び命令をいう。」) in a text document
    /// that had none: applying gives the columns the text parser gives NEW.
    #[test]
    fn an_item_reworded_into_columns_in_a_text_without_columns_gets_them() {
        let head = "法\n第二条　この法律において、次の各号に掲げる用語の意義は、当該各号に定めるところによる。\n";
        let old = crate::parse::parse_str(&format!("{head}一　法令とは、法律及び命令をいう。\n")).unwrap();
        let new = crate::parse::parse_str(&format!("{head}一　法令　法律及び命令をいう。\n")).unwrap();
        assert!(!uses_columns(&old) && uses_columns(&new));
        let act = "第二条第一号を次のように改める。\n一　法令　法律及び命令をいう。\n";
        let got = crate::amend::apply(&old, act, "act").unwrap();
        let item = |d: &Document| d.articles()[0].children[0].children[0].sentences.clone();
        assert_eq!(item(&got), item(&new));
    }

    #[test]
    fn only_written_items_are_split() {
        let mut doc = crate::parse::parse_str("法\n第一条　次に掲げる。\n一　甲　乙\n二　丙　丁\n").unwrap();
        // The parser gives columns; an amendment's text comes as one main sentence (`set_text`).
        for item in doc.children[0].children[0].children.iter_mut() {
            assert_eq!(item.sentences.len(), 2);
            let t = item.text.clone();
            item.set_text(t);
        }
        let before: BTreeMap<String, (String, bool)> =
            [("art_1__para_1__item_1".to_string(), ("甲　乙".to_string(), false))].into_iter().collect();
        restore(&mut doc, &before, |n| Some(n.id.clone()));
        let items = &doc.articles()[0].children[0].children;
        assert_eq!(items[0].sentences.len(), 1, "unchanged");
        assert_eq!(items[1].sentences.len(), 2, "not in before: written by the amendment");
    }
}
