//! Column sentences of 号 and subitems: the text parse's side of e-Gov's `<Column>`.
//!
//! e-Gov XML writes an item such as 「一　従業員　…をいう。」 as two `<Column>`s (term, definition), and the XML
//! import keeps them as sentences of role [`SentenceRole::Column`] joined by a full-width space. Lawtext writes
//! the same item on one line with the columns separated by full-width spaces, so the text parser splits an
//! item's text the same way, and both inputs give the same sentences.
//!
//! The rule: only the text of a 号 or subitem ([`Kind::Item`], [`Kind::Subitem`]) is split; it is split at
//! every full-width space outside brackets (（）「」『』), and only when there are two parts or more and every
//! part is non-empty (two spaces in a row, or a space at either end, leave the text one sentence). Within a
//! column, sentences are split at 。 as [`split_sentences`] does; the first sentence of each column has role
//! `Column`, the later ones keep theirs (本文, ただし書), as the XML import gives them.
//!
//! ```
//! use kitei::model::{sentences_of, Kind, SentenceRole};
//! let s = sentences_of(Kind::Item, "法令　法律及び命令をいう。");
//! assert_eq!(s.len(), 2);
//! assert!(s.iter().all(|s| s.role == SentenceRole::Column));
//! assert_eq!(sentences_of(Kind::Paragraph, "法令　法律をいう。").len(), 1);
//! ```

use super::{label_sentence_parts, split_sentences, Kind, Sentence, SentenceRole};

/// The columns of an item's text: its parts between full-width spaces outside brackets, or `None` when there
/// are fewer than two or one is empty.
pub fn split_columns(text: &str) -> Option<Vec<&str>> {
    let mut cols = Vec::new();
    let (mut depth, mut start) = (0i32, 0);
    for (i, c) in text.char_indices() {
        match c {
            '（' | '(' | '「' | '『' => depth += 1,
            '）' | ')' | '」' | '』' => depth = (depth - 1).max(0),
            '\u{3000}' if depth == 0 => {
                cols.push(&text[start..i]);
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    cols.push(&text[start..]);
    (cols.len() >= 2 && cols.iter().all(|c| !c.is_empty())).then_some(cols)
}

/// The sentences of a node of kind `kind` with text `text`: columns for a 号 or subitem whose text has
/// them (see the module docs), else [`split_sentences`].
pub fn sentences_of(kind: Kind, text: &str) -> Vec<Sentence> {
    let cols = match kind {
        Kind::Item | Kind::Subitem => split_columns(text),
        _ => None,
    };
    let Some(cols) = cols else { return split_sentences(text) };
    let mut out = Vec::new();
    for col in cols {
        let mut s = split_sentences(col);
        s[0].role = SentenceRole::Column;
        out.extend(s);
    }
    label_sentence_parts(&mut out);
    out.shrink_to_fit();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roles(s: &[Sentence]) -> Vec<(SentenceRole, &str)> {
        s.iter().map(|s| (s.role, s.text.as_str())).collect()
    }

    #[test]
    fn item_columns_and_their_sentences() {
        let s = sentences_of(Kind::Item, "不利益処分　処分をいう。ただし、次のものを除く。");
        assert_eq!(
            roles(&s),
            vec![
                (SentenceRole::Column, "不利益処分"),
                (SentenceRole::Column, "処分をいう。"),
                (SentenceRole::Proviso, "ただし、次のものを除く。")
            ]
        );
    }

    #[test]
    fn what_is_not_split() {
        // Not an item; a space inside brackets; an empty part (two spaces, a space at an end).
        assert_eq!(sentences_of(Kind::Paragraph, "甲　乙").len(), 1);
        assert_eq!(sentences_of(Kind::Subitem, "甲（乙　丙）").len(), 1);
        assert_eq!(sentences_of(Kind::Item, "甲　　乙").len(), 1);
        assert_eq!(sentences_of(Kind::Item, "甲　").len(), 1);
        assert_eq!(sentences_of(Kind::Item, "略").len(), 1);
        assert_eq!(sentences_of(Kind::Item, "").len(), 0);
        assert_eq!(roles(&sentences_of(Kind::Subitem, "甲　乙　丙")).len(), 3);
    }
}
