//! The instructions for the provisions of one version pair, level by level: the 目次, group names, and for
//! each level (条, 項, 号, イ) each provision's changes ([`Gen::content`]: wording, caption, its own children),
//! in the order enacted acts write them with its removal, move and the additions around it ([`order`]); a
//! provision that changed much is rewritten whole.

mod order;

use std::collections::HashMap;

use crate::amend::apply::edit::{texts_of, toc_line};
use crate::amend::style::{unit_char, NumStyle};
use crate::error::{Error, Result};
use crate::model::{Document, Kind, Node, Num};

use super::body::node_text;
use super::conventions::{count, unit, write_edits};
use super::pairing::{content_key, kept_share, pair, same_key, similarity};
use super::wording::edits_for;

pub(super) struct Gen<'a> {
    pub(super) style: NumStyle,
    pub(super) out: Vec<String>,
    /// The group path of each of NEW's articles ([`super::group_paths`]).
    pub(super) groups: &'a HashMap<*const Node, Vec<(Kind, Option<Num>)>>,
    /// Rewrite a provision whole rather than renumber its parts (the second attempt).
    pub(super) whole_on_renumber: bool,
    /// Group name changes (章名, 節名) waiting for their place in text order, each with the index (in the
    /// article list given to [`Gen::children`] at the top) of the group's first article: a drafter goes
    /// through the law front to back, so 「第二章の章名を…」 comes after the articles of 第一章.
    pub(super) names: Vec<(usize, String)>,
}

impl<'a> Gen<'a> {
    pub(super) fn new(
        style: NumStyle,
        groups: &'a HashMap<*const Node, Vec<(Kind, Option<Num>)>>,
        whole_on_renumber: bool,
    ) -> Self {
        Gen { style, out: Vec::new(), groups, whole_on_renumber, names: Vec::new() }
    }

    /// Writes the group names whose first article comes at or before `upto` in text order.
    fn flush_names(&mut self, upto: usize) {
        let (now, later): (Vec<_>, Vec<_>) = std::mem::take(&mut self.names).into_iter().partition(|(k, _)| *k <= upto);
        self.out.extend(now.into_iter().map(|(_, s)| s));
        self.names = later;
    }

    /// A provision cited under its number ([`unit`]).
    fn unit(&self, kind: Kind, num: &Num) -> String {
        unit(kind, num, self.style)
    }

    /// A group cited by its path (第二章第一節); `None` when a group on the way has no number.
    fn group_cite(&self, path: &[(Kind, Option<Num>)]) -> Option<String> {
        path.iter().map(|(k, n)| n.as_ref().map(|n| self.unit(*k, n))).collect()
    }

    /// A count of units ([`count`]).
    fn count(&self, k: usize, kind: Kind) -> String {
        count(k, kind, self.style)
    }

    pub(super) fn toc(&mut self, old: &Document, new: &Document) -> Result<()> {
        let (Some(a), Some(b)) = (old.toc(), new.toc()) else {
            match (old.toc(), new.toc()) {
                (Some(_), None) => self.out.push("目次を削る。".to_string()),
                (None, Some(b)) => self.out.push(format!("題名の次に次の目次を付する。\n{}", super::body::toc_text(b))),
                _ => {}
            }
            return Ok(());
        };
        if !same_shape(a, b) || nested_differ(a, b) {
            // Entries added or removed: the 目次 is rewritten whole.
            self.out.push(format!("目次を次のように改める。\n{}", super::body::toc_text(b)));
            return Ok(());
        }
        let fields = |t: &Node| -> Vec<String> { t.children.iter().map(toc_line).collect() };
        let mut segs = fields(a);
        let want = fields(b);
        let mut edits = Vec::new();
        for i in 0..segs.len() {
            if segs[i] != want[i] {
                let e = edits_for(&segs, i, &want[i])
                    .ok_or_else(|| Error::Other(format!("cannot write the 目次 change to 「{}」", want[i])))?;
                segs[i] = want[i].clone();
                edits.extend(e);
            }
        }
        if !edits.is_empty() {
            self.out.push(format!("目次中{}。", write_edits(&edits, true)));
        }
        Ok(())
    }

    /// A name change of a group that stays, cited under its old number with the groups above it
    /// (第三章第二節の節名).
    pub(super) fn group_name(cite: &str, old: &Node, new: &Node) -> Option<String> {
        if old.heading == new.heading {
            return None;
        }
        let name = format!("{}名", unit_char(old.kind));
        let (h0, h1) = (old.heading.clone().unwrap_or_default(), new.heading.clone().unwrap_or_default());
        Some(match edits_for(&[h0], 0, &h1) {
            Some(e) => format!("{cite}の{name}中{}。", write_edits(&e, true)),
            None => format!("{cite}の{name}を「{h1}」に改める。"),
        })
    }

    /// The instructions for a changed 附則 (cited as 附則): its articles or paragraphs, added, removed,
    /// renumbered or reworded.
    pub(super) fn suppl(&mut self, o: &Node, n: &Node) -> Result<()> {
        let kids = o.children.iter().chain(&n.children);
        let kind = if kids.clone().any(|c| c.kind == Kind::Article) { Kind::Article } else { Kind::Paragraph };
        if o.text != n.text || kids.clone().any(|c| c.kind != kind) {
            return Err(Error::Other(format!("cannot write the change to the 附則 「{}」", o.label)));
        }
        let oc: Vec<&Node> = o.children.iter().collect();
        let nc: Vec<&Node> = n.children.iter().collect();
        self.children("附則", kind, &oc, &nc)
    }

    /// Changes inside one provision (cited as `cite`), under its old number.
    fn content(&mut self, cite: &str, o: &Node, n: &Node) -> Result<()> {
        // The content key leaves out the caption's brackets: 「（目的）」 → 「(目的)」 is a change too.
        if same_key(o, n) && o.heading_raw == n.heading_raw {
            // The words are the same; a table's layout (border, rowspan, colspan, Align) may not be: the table is
            // given again whole, or the change is refused when no table text can carry it.
            if super::layout::table_layout(o) != super::layout::table_layout(n) {
                let Some(text) = super::layout::table_rewrite(cite, o, n) else {
                    return Err(Error::Other(format!(
                        "the layout of the table in {cite} changed in a way no table text carries (the table's own \
                         attributes, or one of several tables); kitei cannot write 「{cite}の表を次のように改める。」 \
                         for it"
                    )));
                };
                self.out.push(text);
            }
            return Ok(());
        }
        let rewrite = |g: &mut Gen| {
            let label = if o.kind == Kind::Paragraph && o.label.is_empty() { String::new() } else { o.label.clone() };
            let mut node = n.clone();
            node.label = label.clone();
            // The first 項 of a one-項 article is cited as the article for wording, but rewritten as a 項.
            let whole = if o.kind == Kind::Paragraph && !cite.ends_with('項') {
                format!("{cite}{}", g.unit(Kind::Paragraph, o.num.as_ref().unwrap_or(&Num::simple(1))))
            } else {
                cite.to_string()
            };
            g.out.push(format!("{whole}を次のように改める。\n{}", node_text(&node, Some(&label))));
        };
        let kinds_ok = o
            .children
            .iter()
            .chain(&n.children)
            .all(|c| matches!(c.kind, Kind::Paragraph | Kind::Item | Kind::Subitem));
        // Much added but little changed (a 項 or イロハ added, the rest kept) is amended, not rewritten.
        // So is one phrase replaced in a provision without parts (its subject and ending kept).
        let phrase = o.children.is_empty()
            && n.children.is_empty()
            && o.heading_raw == n.heading_raw
            && super::wording::is_one_phrase(&o.text, &n.text);
        if (similarity(o, n) < 0.5 && kept_share(o, n) < 0.8 && !phrase)
            || !kinds_ok
            || (o.kind == Kind::Subitem && !o.children.is_empty())
            || o.label != n.label && o.num == n.num
        {
            rewrite(self);
            return Ok(());
        }
        // Decide everything before writing anything, so that a rewrite never follows partial edits.
        let child_kind = match o.kind {
            Kind::Article => Kind::Paragraph,
            Kind::Paragraph => Kind::Item,
            _ => Kind::Subitem,
        };
        let oc: Vec<&Node> = o.children.iter().filter(|c| c.kind == child_kind).collect();
        let nc: Vec<&Node> = n.children.iter().filter(|c| c.kind == child_kind).collect();
        let same_children = oc.len() == nc.len() && oc.iter().zip(&nc).all(|(a, b)| same_key(a, b));
        let unnumbered =
            oc.iter().chain(&nc).any(|c| c.num.is_none() || crate::parse::source_lines::is_bullet(&c.label));
        let deep_subitems = child_kind == Kind::Subitem
            && oc.iter().chain(&nc).any(|c| c.level != 1 || c.scheme != Some(crate::model::Scheme::Iroha));
        let diffable = !unnumbered && !deep_subitems;
        let pairs = pair(&oc, &nc);
        let first_new = pairs.iter().find(|p| p.1.is_some());
        let new_first_para = child_kind == Kind::Paragraph && matches!(first_new, Some((None, Some(_))));
        let named = !same_children && unnumbered && !deep_subitems && super::named::named_entries_ok(&oc, &nc);
        // The second attempt rewrites a provision whose parts would be added, removed or renumbered.
        let renumbered = pairs.iter().any(|&(i, j)| match (i, j) {
            (Some(i), Some(j)) => oc[i].num != nc[j].num,
            _ => true,
        });
        let whole = self.whole_on_renumber && o.kind != Kind::SupplProvision && renumbered;
        if !same_children && !named && (!diffable || new_first_para || whole) {
            rewrite(self);
            return Ok(());
        }
        let text_edits = if o.text != n.text {
            let mut segs = Vec::new();
            texts_of(o, &mut segs);
            match edits_for(&segs, 0, &n.text) {
                Some(e) => Some(e),
                None => {
                    rewrite(self);
                    return Ok(());
                }
            }
        } else {
            None
        };
        if o.heading != n.heading || o.heading_raw != n.heading_raw {
            match (&o.heading, &n.heading) {
                (None, Some(_)) => {
                    let raw = n
                        .heading_raw
                        .clone()
                        .unwrap_or_else(|| format!("（{}）", n.heading.clone().unwrap_or_default()));
                    self.out.push(format!("{cite}に見出しとして「{raw}」を付する。"));
                }
                (Some(_), None) => self.out.push(format!("{cite}の見出しを削る。")),
                _ => {
                    let raw = n
                        .heading_raw
                        .clone()
                        .unwrap_or_else(|| format!("（{}）", n.heading.clone().unwrap_or_default()));
                    let (h0, h1) = (o.heading.clone().unwrap_or_default(), n.heading.clone().unwrap_or_default());
                    let same_brackets = o.heading_raw.as_deref().map(|r| r.replace(&h0, ""))
                        == n.heading_raw.as_deref().map(|r| r.replace(&h1, ""));
                    match edits_for(&[h0], 0, &h1).filter(|_| same_brackets) {
                        Some(e) => self.out.push(format!("{cite}の見出し中{}。", write_edits(&e, true))),
                        None => self.out.push(format!("{cite}の見出しを「{raw}」に改める。")),
                    }
                }
            }
        }
        if let Some(e) = text_edits {
            self.out.push(format!("{cite}中{}。", write_edits(&e, true)));
        }
        if same_children {
            return Ok(());
        }
        if named {
            self.out.extend(super::named::named_entries(cite, &oc, &nc));
            return Ok(());
        }
        self.children(cite, child_kind, &oc, &nc)
    }
}

/// Whether the entries below the top level of two 目次 of the same shape differ (sections renamed, say).
fn nested_differ(a: &Node, b: &Node) -> bool {
    a.children
        .iter()
        .zip(&b.children)
        .any(|(x, y)| x.children.iter().map(content_key).ne(y.children.iter().map(content_key)))
}

/// Whether two 目次 have entries nested the same way (the wording may differ).
fn same_shape(a: &Node, b: &Node) -> bool {
    a.children.len() == b.children.len() && a.children.iter().zip(&b.children).all(|(x, y)| same_shape(x, y))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::parse_str;

    #[test]
    fn an_article_added_at_the_end_of_a_chapter_names_it() {
        let old = parse_str("例規程\n第一章　総則\n第一条　甲。\n第二条　乙。\n第二章　雑則\n第三条　丙。\n").unwrap();
        let new =
            parse_str("例規程\n第一章　総則\n第一条　甲。\n第二条　乙。\n第三条　丁。\n第二章　雑則\n第四条　丙。\n")
                .unwrap();
        let paths = super::super::group_paths(&new);
        let mut g = Gen::new(NumStyle::Kanji, &paths, false);
        g.children("", Kind::Article, &old.articles(), &new.articles()).unwrap();
        assert!(g.out.iter().any(|s| s.starts_with("第一章中第二条の次に次の一条を加える。\n第三条")), "{:?}", g.out);
        // Not where the next article is in the same group.
        let new =
            parse_str("例規程\n第一章　総則\n第一条　甲。\n第二条　丁。\n第三条　乙。\n第二章　雑則\n第四条　丙。\n")
                .unwrap();
        let paths = super::super::group_paths(&new);
        let mut g = Gen::new(NumStyle::Kanji, &paths, false);
        g.children("", Kind::Article, &old.articles(), &new.articles()).unwrap();
        assert!(g.out.iter().any(|s| s.starts_with("第一条の次に次の一条を加える。")), "{:?}", g.out);
    }
}
