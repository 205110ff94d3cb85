//! Wording edits (「A」を「B」に改める, 「A」を削る, 「A」の下に「B」を加える) applied to the texts of a provision or
//! to one part of it (見出し, 柱書, ただし書), and the 目次 line form edits of a table of contents work on.
//!
//! Inline markup kept by byte offsets (ruby and 傍点, Sup, Sub, Line…: attrs `markup` and `heading_markup`,
//! see [`crate::parse::egov_xml`]) follows the edits ([`markup`]): marks before a replaced span stay, marks
//! after it move by the difference in length, and ruby on the replaced characters is dropped, since the act
//! gives the new words as plain text. Only the characters that change count as replaced: the quotes of 「A」を
//! 「B」に改める may be wider than the change (「賭博場」を「賭博場等」に), and what A and B share at their start
//! and end is the same words in the same place, so their ruby stays.
//!
//! ```
//! use kitei::amend::{apply::edit::edit_strings, Edit};
//! let (mut a, mut b) = ("甲及び乙".to_string(), "甲".to_string());
//! edit_strings(&mut [&mut a, &mut b], &[Edit::Replace { from: "甲".into(), to: "丙".into() }]).unwrap();
//! assert_eq!((a.as_str(), b.as_str()), ("丙及び乙", "丙"));
//! ```

pub mod markup;

use crate::amend::types::{Edit, Part};
use crate::model::{Kind, Node};
use markup::Splice;

type R<T> = std::result::Result<T, String>;

/// A 目次 entry as one line (`第二章　雑則（第四条）`), so that a quote may span its title and range.
pub fn toc_line(e: &Node) -> String {
    format!("{}\u{3000}{}{}", e.label, e.heading.as_deref().unwrap_or(""), e.text)
}

/// The label, title and range of a 目次 line written by [`toc_line`].
pub(super) fn split_toc_line(line: &str) -> (String, String, String) {
    let (label, rest) = line.split_once('\u{3000}').unwrap_or((line, ""));
    let range_at = if rest.ends_with('）') { rest.rfind('（') } else { None };
    let (h, t) = match range_at {
        Some(i) => rest.split_at(i),
        None => (rest, ""),
    };
    (label.to_string(), h.to_string(), t.to_string())
}

/// Applies wording edits to a node (or part of it), moving its inline markup with the text.
pub(super) fn edit_node(n: &mut Node, part: Part, edits: &[Edit]) -> R<()> {
    match part {
        Part::Heading => {
            let mut h = n.heading.clone().unwrap_or_default();
            let splices = edit_tracked(&mut [&mut h], edits)?;
            markup::follow(n, "heading_markup", &splices[0]);
            if let Some(raw) = &mut n.heading_raw {
                let _ = edit_strings(&mut [raw], edits);
            }
            n.heading = Some(h);
            Ok(())
        }
        Part::Pillar => {
            let target = if n.kind == Kind::Article { n.children.first_mut().ok_or("an empty article")? } else { n };
            let mut t = target.text.clone();
            let splices = edit_tracked(&mut [&mut t], edits)?;
            markup::follow(target, "markup", &splices[0]);
            target.set_text(t);
            Ok(())
        }
        Part::Proviso => {
            let mut texts = Vec::new();
            texts_of(n, &mut texts);
            let k = texts
                .iter()
                .position(|t| {
                    crate::model::split_sentences(t).iter().any(|s| s.role == crate::model::SentenceRole::Proviso)
                })
                .ok_or("the provision has no ただし書")?;
            // Where the ただし書 sentence starts: after the sentences before it (they concatenate back to the
            // text), not at the first ただし, which may stand in the main sentence (前項ただし書の規定…).
            let sentences = crate::model::split_sentences(&texts[k]);
            let pos = sentences
                .iter()
                .take_while(|s| s.role != crate::model::SentenceRole::Proviso)
                .map(|s| s.text.len())
                .sum::<usize>();
            let mut tail = texts[k][pos..].to_string();
            let tail_splices = edit_tracked(&mut [&mut tail], edits)?;
            texts[k] = format!("{}{tail}", &texts[k][..pos]);
            let mut splices = vec![Vec::new(); texts.len()];
            splices[k] = tail_splices[0].iter().map(|s| Splice { at: s.at + pos, ..*s }).collect();
            write_back(n, &mut texts.into_iter().zip(splices));
            Ok(())
        }
        Part::Former | Part::Latter => super::parts::edit_part(n, part, edits),
        Part::Items => super::parts::edit_items(n, edits),
        Part::Whole => {
            let mut texts = Vec::new();
            texts_of(n, &mut texts);
            let splices = {
                let mut refs: Vec<&mut String> = texts.iter_mut().collect();
                edit_tracked(&mut refs, edits)?
            };
            write_back(n, &mut texts.into_iter().zip(splices));
            Ok(())
        }
    }
}

/// The texts of a node and everything below it, in document order.
pub fn texts_of(n: &Node, out: &mut Vec<String>) {
    out.push(n.text.clone());
    for c in &n.children {
        texts_of(c, out);
    }
}

/// Gives the node and everything below it their edited texts (in [`texts_of`] order), moving each one's
/// markup by the splices made in it.
fn write_back(n: &mut Node, texts: &mut impl Iterator<Item = (String, Vec<Splice>)>) {
    if let Some((t, splices)) = texts.next() {
        if t != n.text {
            markup::follow(n, "markup", &splices);
            n.set_text(t);
        }
    }
    for c in &mut n.children {
        write_back(c, texts);
    }
}

/// Applies edits to a sequence of strings with a cursor (string index, byte offset), front to back.
pub fn edit_strings(texts: &mut [&mut String], edits: &[Edit]) -> R<()> {
    edit_tracked(texts, edits).map(|_| ())
}

/// [`edit_strings`], returning for each string the splices made in it, in the order made.
fn edit_tracked(texts: &mut [&mut String], edits: &[Edit]) -> R<Vec<Vec<Splice>>> {
    let mut splices = vec![Vec::new(); texts.len()];
    let mut cursor = (0usize, 0usize);
    for e in edits {
        let needle = match e {
            Edit::Replace { from, .. } => from,
            Edit::Delete(q) => q,
            Edit::InsertAfter { anchor, .. } => anchor,
        };
        let found_after = find_from(texts, needle, cursor);
        let start = if found_after { cursor } else { (0, 0) };
        if !found_after && !find_from(texts, needle, start) {
            return Err(format!("「{needle}」 is not in the provision"));
        }
        let replacement = match e {
            Edit::Replace { to, .. } => to.clone(),
            Edit::Delete(_) => String::new(),
            Edit::InsertAfter { anchor, text } => format!("{anchor}{text}"),
        };
        let change = Splice::between(needle, &replacement);
        for (i, t) in texts.iter_mut().enumerate().skip(start.0) {
            let from = if i == start.0 { start.1 } else { 0 };
            let t: &mut String = t;
            let mut pos = from;
            while let Some(k) = t[pos..].find(needle.as_str()) {
                let at = pos + k;
                t.replace_range(at..at + needle.len(), &replacement);
                splices[i].push(Splice { at: at + change.at, ..change });
                pos = at + replacement.len();
                cursor = (i, pos);
            }
        }
    }
    Ok(splices)
}

fn find_from(texts: &[&mut String], needle: &str, (i0, b0): (usize, usize)) -> bool {
    texts.iter().enumerate().skip(i0).any(|(i, t)| {
        let from = if i == i0 { b0.min(t.len()) } else { 0 };
        t.get(from..).is_some_and(|s| s.contains(needle))
    })
}

#[cfg(test)]
mod tests {
    use crate::model::Document;

    /// A law whose 第一条 reads 「宿泊しようとする者が<と><ば><く>、その他の行為又は風紀を乱す行為をする虞がある
    /// とき。」 with 傍点 on とばく, and whose caption has ruby on 旅.
    fn law() -> Document {
        let xml = r#"<Law Era="Showa" Year="23" Num="138" LawType="Act" Lang="ja"><LawNum>昭和二十三年法律第百三十八号</LawNum>
          <LawBody><LawTitle>例法</LawTitle><MainProvision><Article Num="1">
          <ArticleCaption>（<Ruby>旅<Rt>りよ</Rt></Ruby>館の宿泊）</ArticleCaption><ArticleTitle>第一条</ArticleTitle>
          <Paragraph Num="1"><ParagraphNum/><ParagraphSentence><Sentence Num="1">宿泊しようとする者が<Ruby>と<Rt>ヽ</Rt></Ruby><Ruby>ば<Rt>ヽ</Rt></Ruby><Ruby>く<Rt>ヽ</Rt></Ruby>、その他の行為又は風紀を乱す行為をする<Ruby>虞<Rt>おそれ</Rt></Ruby>があるとき。</Sentence></ParagraphSentence></Paragraph>
          </Article></MainProvision></LawBody></Law>"#;
        crate::parse::egov_xml::parse("law.xml", xml).unwrap().document
    }

    /// 第一条's text with its ruby, after `act`.
    fn after(act: &str) -> String {
        let new = crate::amend::apply(&law(), act, "a.txt").unwrap();
        crate::export::text::text_with_ruby(&new.articles()[0].children[0]).into_owned()
    }

    #[test]
    fn ruby_on_replaced_words_is_dropped_and_later_ruby_moves() {
        // The enacted 旅館業法 form: 傍点 on the replaced とばく go, the ruby on 虞 follows its shorter text.
        assert_eq!(
            after("第一条中「とばく、」を「賭博」に改める。\n"),
            "宿泊しようとする者が賭博その他の行為又は風紀を乱す行為をする<Ruby>虞<Rt>おそれ</Rt></Ruby>があるとき。"
        );
        // Replacing 虞 itself drops its ruby; the 傍点 before it stay where they were.
        assert_eq!(
            after("第一条中「虞」を「おそれ」に改める。\n"),
            "宿泊しようとする者が<Ruby>と<Rt>ヽ</Rt></Ruby><Ruby>ば<Rt>ヽ</Rt></Ruby><Ruby>く<Rt>ヽ</Rt></Ruby>、その他の行為又は風紀を乱す行為をするおそれがあるとき。"
        );
    }

    #[test]
    fn ruby_inside_a_wider_quote_stays_on_the_words_both_quotes_share() {
        // The quote 「する虞が」 is wider than the change (する→し): 虞 keeps its ruby, moved back.
        let got = after("第一条中「する虞が」を「し虞が」に改める。\n");
        assert!(got.ends_with("行為をし<Ruby>虞<Rt>おそれ</Rt></Ruby>があるとき。"), "{got}");
        // An insertion before the 傍点 moves them all.
        let got = after("第一条中「者が」の下に「、」を加える。\n");
        assert!(got.starts_with("宿泊しようとする者が、<Ruby>と<Rt>ヽ</Rt></Ruby>"), "{got}");
    }

    #[test]
    fn caption_ruby_follows_a_caption_edit() {
        let new = crate::amend::apply(&law(), "第一条の見出し中「宿泊」を「宿泊等」に改める。\n", "a.txt").unwrap();
        let art = &new.articles()[0];
        assert_eq!(art.heading.as_deref(), Some("旅館の宿泊等"));
        assert_eq!(art.attrs.get("heading_markup").map(String::as_str), Some("0\t3\tRuby\tりよ"));
        let new = crate::amend::apply(&law(), "第一条の見出し中「旅館」を「ホテル」に改める。\n", "a.txt").unwrap();
        assert_eq!(new.articles()[0].attrs.get("heading_markup"), None, "the ruby's base 旅 was replaced");
    }
}
