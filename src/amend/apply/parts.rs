//! A part of a provision as a target. One sentence: its 前段, 後段 or ただし書 rewritten (「第五条後段を次のように
//! 改める。」), removed (「第五条第一項ただし書を削る。」), edited (「第五条前段中「A」を「B」に改める。」) or added
//! (「第五条に次のただし書を加える。」, 「第五条第二項に後段として次のように加える。」); the 柱書 rewritten; and its
//! 各号 as a whole: rewritten (「第二条各号を次のように改める。」), edited or removed.
//!
//! The sentences are the model's ([`crate::model::split_sentences`]): a ただし書 opens with 「ただし、」; 前段 and
//! 後段 are the first and the last sentence of a 本文 of two or three. An article's own text is its first 項's.
//! What does not exist (a 後段 of a one-sentence 本文, a second ただし書) is refused, naming the provision.
//!
//! ```
//! use kitei::amend::apply;
//! let old = kitei::parse::parse_str("例規程\n第一条　甲とする。この場合において、乙とする。\n").unwrap();
//! let new = apply(&old, "第一条後段を次のように改める。\n　この場合において、丙とする。\n", "a").unwrap();
//! assert_eq!(new.articles()[0].children[0].text, "甲とする。この場合において、丙とする。");
//! ```

use crate::amend::types::{Body, Edit, Part};
use crate::model::{split_sentences, Kind, Node, SentenceRole};

use super::edit::edit_strings;

type R<T> = std::result::Result<T, String>;

/// The node holding a provision's own text: an article's first 項, or the provision itself.
fn own(n: &mut Node) -> R<&mut Node> {
    if n.kind == Kind::Article {
        return n.children.iter_mut().find(|c| c.kind == Kind::Paragraph).ok_or_else(|| "an empty article".into());
    }
    Ok(n)
}

fn part_name(part: Part) -> &'static str {
    match part {
        Part::Proviso => "ただし書",
        Part::Former => "前段",
        Part::Latter => "後段",
        Part::Pillar => "各号列記以外の部分",
        Part::Items => "各号",
        Part::Heading => "見出し",
        Part::Whole => "本文",
    }
}

/// The byte range of a part in a text, if the text has it.
fn range_of(text: &str, part: Part) -> Option<std::ops::Range<usize>> {
    let sentences = split_sentences(text);
    let mains: Vec<usize> =
        sentences.iter().enumerate().filter(|(_, s)| s.role == SentenceRole::Main).map(|(i, _)| i).collect();
    let k = match part {
        Part::Proviso => sentences.iter().position(|s| s.role == SentenceRole::Proviso)?,
        Part::Former if (2..=3).contains(&mains.len()) => mains[0],
        Part::Latter if (2..=3).contains(&mains.len()) => *mains.last()?,
        _ => return None,
    };
    let start: usize = sentences[..k].iter().map(|s| s.text.len()).sum();
    Some(start..start + sentences[k].text.len())
}

fn missing(part: Part, text: &str) -> String {
    let mains = split_sentences(text).iter().filter(|s| s.role == SentenceRole::Main).count();
    match part {
        Part::Proviso => "the provision has no ただし書".into(),
        _ => format!(
            "the provision's 本文 has {mains} sentence(s), so no {} (前段/後段 need two or three)",
            part_name(part)
        ),
    }
}

/// Wording edits inside the 前段 or 後段 of a provision's own text.
pub(super) fn edit_part(n: &mut Node, part: Part, edits: &[Edit]) -> R<()> {
    let n = own(n)?;
    let r = range_of(&n.text, part).ok_or_else(|| missing(part, &n.text))?;
    let mut s = n.text[r.clone()].to_string();
    edit_strings(&mut [&mut s], edits)?;
    let mut text = n.text.clone();
    text.replace_range(r, &s);
    n.set_text(text);
    Ok(())
}

/// The node whose children are the provision's 各号 and their kind: an article's 項 that lists 号, a 項, or a
/// 号 (its subitems).
fn items_holder(n: &mut Node) -> R<(&mut Node, Kind)> {
    let kind = if n.kind == Kind::Item { Kind::Subitem } else { Kind::Item };
    let lists = |c: &Node| c.children.iter().any(|i| i.kind == kind);
    if n.kind == Kind::Article {
        let p = n.children.iter_mut().find(|c| c.kind == Kind::Paragraph && lists(c));
        return p.map(|p| (p, kind)).ok_or_else(|| "the article lists no 号".into());
    }
    if !lists(n) {
        return Err(format!("the provision lists no {}", if kind == Kind::Item { "号" } else { "細分" }));
    }
    Ok((n, kind))
}

/// Wording edits in the 各号 of a provision (「第二条各号中「A」を「B」に改める。」), front to back.
pub(super) fn edit_items(n: &mut Node, edits: &[Edit]) -> R<()> {
    fn collect(n: &Node, out: &mut Vec<String>) {
        out.push(n.text.clone());
        n.children.iter().for_each(|c| collect(c, out));
    }
    fn put(n: &mut Node, texts: &mut impl Iterator<Item = String>) {
        if let Some(t) = texts.next().filter(|t| *t != n.text) {
            n.set_text(t);
        }
        n.children.iter_mut().for_each(|c| put(c, texts));
    }
    let (holder, kind) = items_holder(n)?;
    let mut texts = Vec::new();
    holder.children.iter().filter(|c| c.kind == kind).for_each(|c| collect(c, &mut texts));
    edit_strings(&mut texts.iter_mut().collect::<Vec<_>>(), edits)?;
    let mut it = texts.into_iter();
    holder.children.iter_mut().filter(|c| c.kind == kind).for_each(|c| put(c, &mut it));
    Ok(())
}

/// The new sentence(s) of a body: its lines joined, without indentation.
fn sentence_text(body: &Body) -> R<String> {
    let t: String = body.text.lines().map(|l| l.trim_matches([' ', '\u{3000}'])).collect();
    if t.is_empty() {
        return Err("the new text is missing".into());
    }
    Ok(t)
}

/// 次のように改める on a part: the 前段, 後段 or ただし書 replaced by the body's sentence, or the 柱書 by its text.
pub(super) fn rewrite_part(n: &mut Node, part: Part, body: &Body) -> R<()> {
    if part == Part::Items {
        let (holder, kind) = items_holder(n)?;
        let level = if kind == Kind::Subitem { holder.level + 1 } else { 0 };
        let nodes = super::body::body_nodes(body, kind, level)?;
        let first = holder.children.iter().position(|c| c.kind == kind).expect("items_holder found one");
        let last = holder.children.iter().rposition(|c| c.kind == kind).expect("items_holder found one");
        holder.children.splice(first..=last, nodes);
        return Ok(());
    }
    let new = sentence_text(body)?;
    if part == Part::Pillar {
        let n = if n.kind == Kind::Article { own(n)? } else { n };
        if !n.is_chapeau() {
            return Err("the provision lists no 号, so it has no 各号列記以外の部分".into());
        }
        n.set_text(new);
        return Ok(());
    }
    if part == Part::Proviso && SentenceRole::of_text(&new) != SentenceRole::Proviso {
        return Err(format!("the new ただし書 「{new}」 does not open with 「ただし、」"));
    }
    let n = own(n)?;
    let r = range_of(&n.text, part).ok_or_else(|| missing(part, &n.text))?;
    let mut text = n.text.clone();
    text.replace_range(r, &new);
    n.set_text(text);
    Ok(())
}

/// 削る on a part: the 前段, 後段 or ただし書 removed from the provision's text.
pub(super) fn delete_part(n: &mut Node, part: Part) -> R<()> {
    if part == Part::Items {
        let (holder, kind) = items_holder(n)?;
        holder.children.retain(|c| c.kind != kind);
        return Ok(());
    }
    if !matches!(part, Part::Proviso | Part::Former | Part::Latter) {
        return Err(format!("the {} cannot be removed on its own", part_name(part)));
    }
    let n = own(n)?;
    let r = range_of(&n.text, part).ok_or_else(|| missing(part, &n.text))?;
    let mut text = n.text.clone();
    text.replace_range(r, "");
    n.set_text(text);
    Ok(())
}

/// に次のただし書を加える / に後段として次のように加える: a sentence added after the 本文 (a 後段 before any
/// ただし書; a ただし書 at the end, refused if there is one already).
pub(super) fn add_part(n: &mut Node, part: Part, body: &Body) -> R<()> {
    let new = sentence_text(body)?;
    let n = own(n)?;
    let mut text = n.text.clone();
    match part {
        Part::Proviso => {
            if range_of(&text, Part::Proviso).is_some() {
                return Err("the provision has a ただし書 already".into());
            }
            if SentenceRole::of_text(&new) != SentenceRole::Proviso {
                return Err(format!("the new ただし書 「{new}」 does not open with 「ただし、」"));
            }
            text.push_str(&new);
        }
        Part::Latter => {
            if SentenceRole::of_text(&new) == SentenceRole::Proviso {
                return Err(format!("the new 後段 「{new}」 opens with 「ただし、」: it would be a ただし書"));
            }
            let at = range_of(&text, Part::Proviso).map_or(text.len(), |r| r.start);
            text.insert_str(at, &new);
        }
        _ => return Err(format!("a {} cannot be added as a sentence", part_name(part))),
    }
    n.set_text(text);
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::amend::apply;
    use crate::model::Document;
    use crate::parse::parse_str;

    /// 法令 style: a one-paragraph article with 前段 and 後段, and a two-paragraph one with a ただし書.
    const LAW: &str =
        "例法\n第五条　事業者は、記録を保存しなければならない。この場合において、記録は、五年間保存するものとする。\n\
                       ２　事業者は、報告をしなければならない。ただし、軽微なものは、この限りでない。\n\
                       第六条　事業者は、届出をしなければならない。\n";

    fn law() -> Document {
        parse_str(LAW).unwrap()
    }

    fn text(doc: &Document, art: usize, para: usize) -> String {
        doc.articles()[art].children[para].text.clone()
    }

    #[test]
    fn a_kodan_is_rewritten_and_a_zendan_edited() {
        let act =
            "例法の一部を次のように改正する。\n第五条前段中「記録」を「帳簿」に改め、同条後段を次のように改める。\n\
                   \u{3000}この場合において、帳簿は、七年間保存するものとする。\n";
        let new = apply(&law(), act, "a").unwrap();
        assert_eq!(
            text(&new, 0, 0),
            "事業者は、帳簿を保存しなければならない。この場合において、帳簿は、七年間保存するものとする。"
        );
    }

    #[test]
    fn a_kodan_is_added_after_a_deletion_in_the_same_sentence() {
        // 「…を削り、同条後段を次のように改める」 and 「同項に後段として次のように加える」.
        let act = "第五条第二項ただし書を削り、同項に後段として次のように加える。\n\
                   \u{3000}この場合において、報告は、書面でしなければならない。\n";
        let new = apply(&law(), act, "a").unwrap();
        assert_eq!(
            text(&new, 0, 1),
            "事業者は、報告をしなければならない。この場合において、報告は、書面でしなければならない。"
        );
        let act = "第五条第二項を削り、同条後段を次のように改める。\n\u{3000}この場合において、記録は、電磁的方法によることができる。\n";
        let new = apply(&law(), act, "a").unwrap();
        assert_eq!(new.articles()[0].children.len(), 1);
        assert_eq!(
            text(&new, 0, 0),
            "事業者は、記録を保存しなければならない。この場合において、記録は、電磁的方法によることができる。"
        );
    }

    #[test]
    fn a_proviso_is_added_rewritten_and_edited() {
        let act = "第六条に次のただし書を加える。\n　ただし、規則で定める場合は、この限りでない。\n\
                   第五条第二項ただし書を次のように改める。\n　ただし、急を要するときは、事後に報告することができる。\n\
                   第六条ただし書中「規則」を「省令」に改める。\n";
        let new = apply(&law(), act, "a").unwrap();
        assert_eq!(
            text(&new, 1, 0),
            "事業者は、届出をしなければならない。ただし、省令で定める場合は、この限りでない。"
        );
        assert_eq!(
            text(&new, 0, 1),
            "事業者は、報告をしなければならない。ただし、急を要するときは、事後に報告することができる。"
        );
        assert_eq!(new.articles()[1].children[0].sentences.len(), 2);
    }

    #[test]
    fn reikii_style_arabic_targets_read_the_same() {
        let old = parse_str("例規程\n第5条　職員は、申請する。この場合において、様式を用いる。\n").unwrap();
        let new = apply(&old, "第5条後段を削る。\n", "a").unwrap();
        assert_eq!(text(&new, 0, 0), "職員は、申請する。");
    }

    #[test]
    fn parts_that_do_not_exist_are_refused_with_the_place() {
        for (act, why) in [
            ("第六条後段を次のように改める。\n　この場合において、甲とする。\n", "1 sentence(s), so no 後段"),
            ("第五条第二項に次のただし書を加える。\n　ただし、乙とする。\n", "has a ただし書 already"),
            ("第六条ただし書を削る。\n", "no ただし書"),
            ("第六条に次のただし書を加える。\n　なお、乙とする。\n", "does not open with 「ただし、」"),
        ] {
            let e = apply(&law(), act, "a.txt").unwrap_err().to_string();
            assert!(e.contains("a.txt:1:1") && e.contains(why), "{act}: {e}");
        }
    }

    /// 例規 style: a paragraph whose text changes and that gets 号, then 号 rewritten and edited.
    #[test]
    fn items_are_added_rewritten_and_edited() {
        let old = parse_str("例規程\n第2条　委員会は、委員で組織する。\n第3条　委員は、次に掲げる者とする。\n(1)　学識経験者\n(2)　関係団体の職員\n").unwrap();
        let act = "例規程の一部を次のように改正する。\n第2条中「委員で」を「次に掲げる委員で」に改め、同条に次の各号を加える。\n\
                   (1)　学識経験者\n(2)　市職員\n第3条各号を次のように改める。\n(1)　学識経験を有する者\n(2)　公募による市民\n(3)　市職員\n";
        let new = apply(&old, act, "a").unwrap();
        let items: Vec<_> = new.articles()[0].children[0].children.iter().map(|i| i.text.as_str()).collect();
        assert_eq!(new.articles()[0].children[0].text, "委員会は、次に掲げる委員で組織する。");
        assert_eq!(items, ["学識経験者", "市職員"]);
        let items: Vec<_> = new.articles()[1].children[0].children.iter().map(|i| i.text.as_str()).collect();
        assert_eq!(items, ["学識経験を有する者", "公募による市民", "市職員"]);
        let new = apply(&new, "第3条各号中「市職員」を「本市の職員」に改める。\n", "a").unwrap();
        assert_eq!(new.articles()[1].children[0].children[2].text, "本市の職員");
        assert_eq!(new.articles()[1].children[0].text, "委員は、次に掲げる者とする。");
    }

    /// 法令 style: 「同項に次の各号を加える。」 and the 柱書 edited (「各号列記以外の部分中」).
    #[test]
    fn a_paragraph_gets_items_and_its_pillar_is_edited() {
        let old = parse_str(
            "例法\n第二条　大臣は、計画を定める。\n２　計画には、次に掲げる事項を定める。\n一　目標\n二　期間\n",
        )
        .unwrap();
        let act = "第二条第一項中「定める」を「次に掲げる事項に配慮して定める」に改め、同項に次の各号を加える。\n\
                   一　環境の保全\n二　地域の振興\n第二条第二項各号列記以外の部分中「事項」を「事項その他必要な事項」に改める。\n";
        let new = apply(&old, act, "a").unwrap();
        let p1 = &new.articles()[0].children[0];
        assert_eq!(p1.text, "大臣は、計画を次に掲げる事項に配慮して定める。");
        assert_eq!(p1.children.len(), 2);
        assert_eq!(p1.children[1].text, "地域の振興");
        let p2 = &new.articles()[0].children[1];
        assert_eq!(p2.text, "計画には、次に掲げる事項その他必要な事項を定める。");
        assert_eq!(p2.children[0].text, "目標", "the items are not the 柱書");
        let e = apply(&old, "第二条第一項各号を次のように改める。\n一　甲\n", "a.txt").unwrap_err().to_string();
        assert!(e.contains("a.txt:1:1") && e.contains("lists no 号"), "{e}");
    }
}
