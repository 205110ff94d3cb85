//! Carrying a translation forward to a new Japanese version (`kitei translate update`): every provision
//! whose own Japanese is unchanged keeps its English (found through the diff's ID map, so renumbered
//! provisions keep theirs under their new number), new and changed provisions get the Japanese behind a
//! [`TODO`] marker, removed ones are dropped, and fingerprints are recorded for what was carried.
//!
//! ```
//! use kitei::translate::{fingerprint::Fingerprints, update::update};
//! let old = kitei::parse::parse_str("規程\n第1条　甲。\n第2条　乙。\n").unwrap();
//! let new = kitei::parse::parse_str("規程\n第1条　甲。\n第2条　丙。\n第3条　乙。\n").unwrap();
//! let en = "<!-- translation-of: a.md -->\nRules\n\nArticle 1\nA.\n\nArticle 2\nB.\n";
//! let en = kitei::parse::english::parse_english("a.en.md", en).unwrap().document;
//! let cmp = kitei::diff::compare(&old, &new, &Default::default());
//! let up = update(&en, &Fingerprints::of(&old, "a.md", ""), &cmp, &new, "b.md", "");
//! assert!(up.text.contains("Article 1\nA.\n") && up.text.contains("Article 3\nB.\n"));
//! assert!(up.text.contains("Article 2\n[TODO] 丙。\n"));
//! ```

use super::fingerprint::{hash, own_fingerprint, with_fingerprints, Fingerprints};
use crate::diff::Comparison;
use crate::model::{walk, Document, Kind, Node, SourceFormat};
use crate::render::glossary::en_label;
use crate::render::translation::is_translatable;
use std::collections::{BTreeMap, BTreeSet};

/// The marker before the Japanese of a provision still to be translated.
pub const TODO: &str = "[TODO]";

/// A translation carried forward.
#[derive(Debug, Clone, Default)]
pub struct Updated {
    /// The new `.en.md`, fingerprints included.
    pub text: String,
    /// New IDs whose English was carried over.
    pub carried: Vec<String>,
    /// New IDs written as [`TODO`] (new or changed provisions).
    pub todo: Vec<String>,
    /// Old English IDs dropped (their provision was removed, or changed and rewritten as TODO).
    pub dropped: Vec<String>,
}

struct Writer<'a> {
    en: BTreeMap<&'a str, &'a Node>,
    reverse: BTreeMap<String, Option<String>>,
    old_fp: &'a Fingerprints,
    carried_fp: BTreeMap<String, String>,
    result: Updated,
    used: BTreeSet<String>,
}

/// Carries `old_en` (a translation whose fingerprints are `old_fp`) forward to `new_ja`, the Japanese file
/// `new_name` with text `new_text`; `cmp` compares the translated Japanese with `new_ja`.
///
/// The new translation is built as an English [`Document`] and written by the one writer of the English
/// layout ([`crate::export::text::to_text`]), the layout `parse::english` reads back.
pub fn update(
    old_en: &Document,
    old_fp: &Fingerprints,
    cmp: &Comparison,
    new_ja: &Document,
    new_name: &str,
    new_text: &str,
) -> Updated {
    let mut en = BTreeMap::new();
    walk::walk(old_en, &mut |n| {
        en.insert(n.id.as_str(), n);
    });
    let mut w = Writer {
        en,
        reverse: cmp.reverse_id_map(),
        old_fp,
        carried_fp: BTreeMap::new(),
        result: Updated::default(),
        used: BTreeSet::new(),
    };
    let mut doc = Document::new(&old_en.title);
    doc.format = SourceFormat::Markdown;
    doc.attrs.insert("lang".into(), "en".into());
    doc.attrs.insert("comments".into(), format!("translation-of: {new_name}"));
    doc.children = new_ja.children.iter().map(|n| w.block(n)).collect();
    walk::walk(old_en, &mut |n| {
        if is_translatable(n) && !w.used.contains(&n.id) {
            w.result.dropped.push(n.id.clone());
        }
    });
    let fp = Fingerprints { source: new_name.to_string(), file: hash(new_text), by_id: w.carried_fp };
    let mut result = w.result;
    result.text = with_fingerprints(&crate::export::text::to_text(&doc), &fp);
    result
}

/// An English node of `kind` with its label, caption and text.
fn english_node(kind: Kind, label: String, heading: Option<String>, text: String) -> Node {
    let mut e = Node::new(kind);
    e.label = label;
    e.heading = heading;
    e.text = text;
    e
}

impl<'a> Writer<'a> {
    /// The English heading and text of `n`: carried when its own Japanese is what the English translated.
    fn english(&mut self, n: &Node) -> (Option<String>, String) {
        let old = match self.reverse.get(&n.id) {
            Some(Some(old)) => Some(old.clone()),
            Some(None) => None,
            None => Some(n.id.clone()),
        };
        let fp = own_fingerprint(n);
        if let Some(old) = old {
            if let Some(e) = self.en.get(old.as_str()).filter(|_| self.old_fp.by_id.get(&old) == Some(&fp)) {
                self.used.insert(old);
                self.carried_fp.insert(n.id.clone(), fp);
                self.result.carried.push(n.id.clone());
                return (e.heading.clone(), e.text.clone());
            }
        }
        if n.heading.is_none() && n.text.is_empty() {
            // Nothing to translate beyond the label kitei writes: current as it stands.
            self.carried_fp.insert(n.id.clone(), fp);
            self.result.carried.push(n.id.clone());
            return (None, String::new());
        }
        self.result.todo.push(n.id.clone());
        let heading = n.heading.as_ref().map(|h| format!("{TODO} {h}"));
        let text = if n.text.is_empty() { String::new() } else { format!("{TODO} {}", n.text) };
        (heading, text)
    }

    /// The English of a top-level unit or group member.
    fn block(&mut self, n: &Node) -> Node {
        match n.kind {
            Kind::Toc => {
                self.english(n);
                let mut toc = english_node(Kind::Toc, en_label(n, 1), None, String::new());
                toc.children = n.children.iter().map(|e| self.toc_entry(e)).collect();
                toc
            }
            k if k.is_group() => {
                let (heading, _) = self.english(n);
                let mut g = english_node(k, en_label(n, 1), heading, String::new());
                g.children = n.children.iter().map(|c| self.block(c)).collect();
                g
            }
            Kind::SupplProvision => {
                let (heading, _) = self.english(n);
                let mut s = english_node(Kind::SupplProvision, en_label(n, 1), heading, String::new());
                s.children = self.body(n);
                s
            }
            Kind::Article => self.article(n),
            _ => self.provision(n, 1),
        }
    }

    fn toc_entry(&mut self, e: &Node) -> Node {
        let old = self.reverse.get(&e.id).cloned().flatten().unwrap_or_else(|| e.id.clone());
        let word = self.en.get(old.as_str()).and_then(|o| o.label.split(' ').next()).unwrap_or("Chapter");
        let label = match (&e.num, e.label.as_str()) {
            (Some(num), _) if word != "Supplementary" => {
                let roman = crate::model::num::to_roman(num.main()).to_uppercase();
                let branch: String = num.0[1..].iter().map(|b| format!("-{b}")).collect();
                format!("{word} {roman}{branch}")
            }
            _ => "Supplementary Provisions".to_string(),
        };
        let (heading, text) = self.english(e);
        english_node(Kind::TocEntry, label, heading, text)
    }

    fn article(&mut self, n: &Node) -> Node {
        let (heading, text) = self.english(n);
        let mut a = english_node(Kind::Article, en_label(n, 1), heading, String::new());
        if !text.is_empty() {
            // Text of the article itself: the line below the article line, as an unnumbered first paragraph.
            a.children.push(english_node(Kind::Paragraph, String::new(), None, text));
        }
        a.children.extend(self.body(n));
        a
    }

    /// The paragraphs (and other children) of an article or 附則.
    fn body(&mut self, n: &Node) -> Vec<Node> {
        let paras = n.children_of(Kind::Paragraph).count();
        n.children
            .iter()
            .map(|c| match c.kind {
                Kind::Article => self.article(c),
                _ => self.provision(c, paras),
            })
            .collect()
    }

    /// A paragraph, item or subitem, with its children; any other unit as a line of text (its label first).
    fn provision(&mut self, n: &Node, siblings: usize) -> Node {
        let (_, text) = self.english(n);
        let label = en_label(n, siblings);
        let mut p = match n.kind {
            Kind::Paragraph | Kind::Item | Kind::Subitem => english_node(n.kind, label, None, text),
            _ => {
                let line = [label, text].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" ");
                english_node(Kind::Text, String::new(), None, line)
            }
        };
        p.children = n.children.iter().map(|c| self.provision(c, 1)).collect();
        p
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::{compare, CompareOptions};

    fn ja(text: &str) -> Document {
        crate::parse::parse_str(text).unwrap()
    }

    fn en(text: &str) -> Document {
        crate::parse::english::parse_english("x.en.md", text).unwrap().document
    }

    /// `old_en`, a translation of `old` (o.md), carried forward to `new` (n.md).
    fn carry(old: &Document, new: &Document, old_en: &Document) -> Updated {
        update(
            old_en,
            &Fingerprints::of(old, "o.md", ""),
            &compare(old, new, &CompareOptions::default()),
            new,
            "n.md",
            "",
        )
    }

    #[test]
    fn a_renumbered_article_keeps_its_english_and_a_changed_item_becomes_todo() {
        let old = ja("規程\n第1条　次に掲げる。\n一　甲\n二　乙\n第2条　丙。\n");
        let new = ja("規程\n第1条　次に掲げる。\n一　甲\n二　丁\n第2条　新。\n第3条　丙。\n");
        let old_en = en("Rules\n\nArticle 1\nAs follows:\n(i) A;\n(ii) B.\n\nArticle 2\nC.\n");
        let up = carry(&old, &new, &old_en);
        assert!(
            up.text.contains(
                "Article 1\nAs follows:\n(i) A;\n(ii) [TODO] 丁\n\nArticle 2\n[TODO] 新。\n\nArticle 3\nC.\n"
            ),
            "{}",
            up.text
        );
        assert_eq!(up.todo, vec!["art_1__para_1__item_2", "art_2__para_1"]);
        assert_eq!(up.dropped, vec!["art_1__para_1__item_2"]);
        // The result reads back with the new IDs, and its fingerprints cover exactly what was carried.
        let back = en(&up.text);
        assert_eq!(back.find("art_3__para_1").map(|n| n.text.as_str()), Some("C."));
        let fp = Fingerprints::recorded(&back).unwrap();
        assert_eq!(fp.by_id.keys().cloned().collect::<Vec<_>>(), up.carried);
        assert!(!fp.by_id.contains_key("art_2__para_1"));
    }

    #[test]
    fn the_carried_translation_is_in_the_layout_the_english_reader_reads() {
        // Chapters, a caption, 附則 with an act and articles: written by the one English writer, the result
        // reads back and writes again unchanged.
        let old = ja("規程\n第1章　総則\n（目的）\n第1条　甲。\n附則（令和元年規程第1号）\n第1条　乙。\n第2条　丙。\n");
        let new = ja(
            "規程\n第1章　総則\n（目的）\n第1条　甲。\n２　新。\n附則（令和元年規程第1号）\n第1条　乙。\n第2条　丙。\n",
        );
        let old_en = en("Rules\n\nChapter I General Provisions\n\nArticle 1 (Purpose)\nA.\n\n\
             Supplementary Provisions (Rules No. 1 of 2019)\n\nArticle 1\nB.\n\nArticle 2\nC.\n");
        let up = carry(&old, &new, &old_en);
        assert!(up.text.contains("Article 1 (Purpose)\n(1) A.\n(2) [TODO] 新。\n"), "{}", up.text);
        let back = en(&up.text);
        // Everything up to the fingerprints block (which `with_fingerprints` closes on a line of its own).
        let body = |t: &str| t.split("<!-- kitei-fingerprints").next().unwrap_or_default().to_string();
        assert_eq!(body(&crate::export::text::to_text(&back)), body(&up.text));
        assert_eq!(back.find("suppl_1__art_2__para_1").map(|n| n.text.as_str()), Some("C."), "{}", up.text);
    }
}
