//! The instructions for the provisions of one version pair, level by level: the 目次, group names, and for
//! each level (条, 項, 号, イ) the wording changes under the old numbers, then 削る, renumbering and additions
//! under the new numbers ([`Gen::children`]); a provision that changed much is rewritten whole.

use std::collections::HashMap;

use crate::amend::apply::edit::{texts_of, toc_line};
use crate::amend::style::{unit_char, NumStyle};
use crate::error::{Error, Result};
use crate::model::{Document, Kind, Node, Num};

use super::body::node_text;
use super::conventions::{back_reference, close, count, shift_down, unit, write_edits, SHIFT_BLOCK_MIN};
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

    /// The instructions for one level: `old`/`new` are the children of a provision cited as `prefix`.
    pub(super) fn children(&mut self, prefix: &str, kind: Kind, old: &[&Node], new: &[&Node]) -> Result<()> {
        let pairs = pair(old, new);
        let cite = |g: &Gen, n: &Node| format!("{prefix}{}", g.unit(kind, n.num.as_ref().expect("numbered")));
        // 1. Content, under the old numbers.
        let top = prefix.is_empty() && kind == Kind::Article;
        for &(i, j) in &pairs {
            if let (Some(i), Some(j)) = (i, j) {
                if top {
                    self.flush_names(i);
                }
                // The 項 of an article that had one is cited as the article, under the old text, even when NEW
                // adds a 項 (「第五条中…、同条第一号中…。第五条に次の一項を加える。」).
                let single = kind == Kind::Paragraph && old.len() == 1;
                let c = if single { prefix.to_string() } else { cite(self, old[i]) };
                self.content(&c, old[i], new[j])?;
            }
        }
        if top {
            self.flush_names(usize::MAX);
        }
        // 2. 削る, a run of consecutive numbers at once (第二項から第七項まで, 第十一項及び第十二項).
        let gone: Vec<usize> = pairs.iter().filter_map(|&(i, j)| if j.is_none() { i } else { None }).collect();
        for run in runs(&gone, |k| old[k].num.as_ref()) {
            let (first, last) = (old[run[0]], old[run[run.len() - 1]]);
            let last_unit = || self.unit(kind, last.num.as_ref().expect("numbered"));
            let what = match run.len() {
                1 => cite(self, first),
                2 => format!("{}及び{}", cite(self, first), last_unit()),
                _ => format!("{}から{}まで", cite(self, first), last_unit()),
            };
            self.out.push(format!("{what}を削る。"));
        }
        // 3. Moves up, front to back; 4. moves down, from the back.
        let moves: Vec<(usize, usize)> =
            pairs.iter().filter_map(|&(i, j)| Some((i?, j?))).filter(|&(i, j)| old[i].num != new[j].num).collect();
        let same = back_reference(prefix, kind);
        // A later clause of the same sentence cites the provision under the parent named first (同条第三項).
        let later = |g: &Gen, n: &Node| {
            if prefix.is_empty() {
                cite(g, n)
            } else {
                format!("{same}{}", g.unit(kind, n.num.as_ref().expect("numbered")))
            }
        };
        let up: Vec<(usize, usize)> = moves.iter().copied().filter(|&(i, j)| new[j].num < old[i].num).collect();
        if !up.is_empty() {
            let mut parts = Vec::new();
            let olds: Vec<usize> = up.iter().map(|m| m.0).collect();
            let mut at = 0;
            for run in runs(&olds, |k| old[k].num.as_ref()) {
                let ms = &up[at..at + run.len()];
                at += run.len();
                let d = |&(i, j): &(usize, usize)| main(old[i].num.as_ref()) - main(new[j].num.as_ref());
                let c = |g: &Gen, n: &Node, first: bool| if first { cite(g, n) } else { later(g, n) };
                if ms.len() > SHIFT_BLOCK_MIN && ms.iter().all(|m| d(m) == d(&ms[0])) {
                    let last = self.unit(kind, old[ms[ms.len() - 1].0].num.as_ref().expect("numbered"));
                    let by = self.count(d(&ms[0]) as usize, kind);
                    let first = c(self, old[ms[0].0], parts.is_empty());
                    parts.push(format!("{first}から{last}までを{by}ずつ繰り上げ"));
                    continue;
                }
                for &(i, j) in ms {
                    let to = self.unit(kind, new[j].num.as_ref().expect("numbered"));
                    let from = c(self, old[i], parts.is_empty());
                    parts.push(format!("{from}を{same}{to}とし"));
                }
            }
            self.out.push(close(&parts));
        }
        let down: Vec<(usize, usize)> = moves.iter().copied().filter(|&(i, j)| new[j].num > old[i].num).collect();
        if !down.is_empty() {
            let mut parts = Vec::new();
            let mut k = down.len();
            while k > 0 {
                // A run of consecutive numbers moved by the same distance, without 枝番号, ending at k-1.
                let (i, j) = down[k - 1];
                let delta = |(i, j): (usize, usize)| {
                    new[j].num.as_ref().map(|n| n.main() as i64).unwrap_or(0)
                        - old[i].num.as_ref().map(|n| n.main() as i64).unwrap_or(0)
                };
                let d = delta((i, j));
                let mut s = k - 1;
                while s > 0 {
                    let (pi, _) = down[s - 1];
                    let prev_num = old[pi].num.as_ref().expect("numbered");
                    let cur_num = old[down[s].0].num.as_ref().expect("numbered");
                    if delta(down[s - 1]) == d
                        && !prev_num.is_branch()
                        && !cur_num.is_branch()
                        && prev_num.main() + 1 == cur_num.main()
                    {
                        s -= 1;
                    } else {
                        break;
                    }
                }
                let to = self.unit(kind, new[j].num.as_ref().expect("numbered"));
                let from = if parts.is_empty() { cite(self, old[i]) } else { later(self, old[i]) };
                parts.push(format!("{from}を{same}{to}とし"));
                if k - 1 - s >= SHIFT_BLOCK_MIN {
                    let last = old[down[k - 2].0].num.as_ref().expect("numbered");
                    parts.push(shift_down(
                        &later(self, old[down[s].0]),
                        &self.unit(kind, last),
                        &self.count(d as usize, kind),
                    ));
                    k = s;
                } else {
                    k -= 1;
                }
            }
            self.out.push(close(&parts));
        }
        // 5. Additions, under the new numbers.
        let mut k = 0;
        while k < pairs.len() {
            if pairs[k].0.is_some() || pairs[k].1.is_none() {
                k += 1;
                continue;
            }
            let start = k;
            while k < pairs.len() && pairs[k].0.is_none() && pairs[k].1.is_some() {
                k += 1;
            }
            let run: Vec<&Node> = pairs[start..k].iter().map(|p| new[p.1.expect("insert")]).collect();
            let prev = pairs[..start].iter().rev().find_map(|p| p.1).map(|j| new[j]);
            let next = pairs[k..].iter().find_map(|p| if p.0.is_some() { p.1 } else { None }).map(|j| new[j]);
            // イロハ are added 「次のように」: they have no counter of their own.
            let what = if kind == Kind::Subitem {
                "次のように加える。".to_string()
            } else if kind == Kind::Item && old.is_empty() {
                // The first 号 of a provision that had none: 「第七条第二項に次の各号を加える。」
                "次の各号を加える。".to_string()
            } else {
                format!("次の{}を加える。", self.count(run.len(), kind))
            };
            let body = run.iter().map(|n| node_text(n, None)).collect::<Vec<_>>().join("\n");
            let group_of = |a: &Node| self.groups.get(&(a as *const Node));
            let same_group = |a: &Node| kind != Kind::Article || group_of(a) == group_of(run[0]);
            // A last 項 is added to the article: 「第七条に次の一項を加える。」
            let last_para = kind == Kind::Paragraph && !prefix.is_empty() && prefix != "附則" && next.is_none();
            // An article added at the end of its 節 or 章 names the group, or it could be read as opening the next
            // one: 「第二章第一節中第四条の次に次の一条を加える。」
            let after = pairs[k..].iter().find_map(|p| p.1).map(|j| new[j]);
            let group_end = kind == Kind::Article && prefix.is_empty() && after.is_some_and(|a| !same_group(a));
            let in_group = group_of(run[0]).filter(|_| group_end).and_then(|path| self.group_cite(path));
            let head = match (prev, next) {
                (Some(_), None) if last_para => format!("{prefix}に{what}"),
                (Some(p), _) if same_group(p) => match &in_group {
                    Some(g) => format!("{g}中{}の次に{what}", cite(self, p)),
                    None => format!("{}の次に{what}", cite(self, p)),
                },
                (_, Some(n)) => format!("{}の前に{what}", cite(self, n)),
                (Some(p), None) => format!("{}の次に{what}", cite(self, p)),
                (None, None) if !prefix.is_empty() => format!("{prefix}に{what}"),
                (None, None) => {
                    return Err(Error::Other(
                        "a text whose every article is new cannot be written as an amendment".into(),
                    ))
                }
            };
            if kind == Kind::Paragraph && prev.is_none() {
                return Err(Error::Other(format!("adding a new first 項 to {prefix} cannot be written yet")));
            }
            self.out.push(format!("{head}\n{body}"));
        }
        Ok(())
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

/// The main number of a provision (3 of 第三条の二), 0 when unnumbered.
fn main(n: Option<&Num>) -> i64 {
    n.map(|n| n.main() as i64).unwrap_or(0)
}

/// `items` (indices, in order) cut into runs of consecutive numbers without 枝番号 (第三項, 第四項, 第五項).
fn runs<'n>(items: &[usize], num: impl Fn(usize) -> Option<&'n Num>) -> Vec<Vec<usize>> {
    let mut out: Vec<Vec<usize>> = Vec::new();
    for &k in items {
        let joins = out.last().and_then(|r| r.last()).is_some_and(|&p| match (num(p), num(k)) {
            (Some(a), Some(b)) => !a.is_branch() && !b.is_branch() && a.main() + 1 == b.main(),
            _ => false,
        });
        match out.last_mut() {
            Some(r) if joins => r.push(k),
            _ => out.push(vec![k]),
        }
    }
    out
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
