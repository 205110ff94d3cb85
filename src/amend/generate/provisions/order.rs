//! The order of one level's sentences (the 条 of a text, the 項 of an article, the 号 of a 項…), as enacted acts
//! write them:
//! - front to back in text order, each provision's edits before its move, so that they join into one sentence
//!   (「第三条の二第一項中…に改め、同条第二項中…に改め、同条を第三条の三とし、」);
//! - a stretch moved down (繰下げ) from the back, so that the number each move takes is already free
//!   (「第三条の四を第三条の五とし、第三条の三を第三条の四とする。」); moving up (繰上げ) front to back;
//! - moves without edits chained in one sentence, a run of [`BLOCK_RUN`] or more consecutive numbers (without
//!   枝番号) moved by the same distance as a block: down, the last alone and the rest at once (「第二十六条を
//!   第二十七条とし、第二十条から第二十五条までを一条ずつ繰り下げ」), up, all at once;
//! - 削る where the provision stands (a run of consecutive numbers at once);
//! - new provisions as soon as the provisions around them stand at their final numbers and their place is
//!   free (「…同条を第三条の三とし、第三条の次に次の一条を加える。」, 「同項を同条第三項とし、同項の次に次の一項を
//!   加える。」).
//!
//! Every provision is cited under the number it has when its sentence is reached, which is what apply reads.

use crate::error::{Error, Result};
use crate::model::{Kind, Node, Num};

use super::super::body::node_text;
use super::super::conventions::{back_reference, close, shift_down, BLOCK_RUN};
use super::super::pairing::pair;
use super::Gen;

/// An old and a new index: kept (both), removed (old only) or added (new only).
type Pair = (Option<usize>, Option<usize>);

/// A run of added provisions (pairs `start..end`), its sentence, and the pairs that must be written before it.
struct Addition {
    start: usize,
    end: usize,
    text: String,
    needs: Vec<usize>,
    written: bool,
}

/// A move waiting to be written in the sentence of moves: old and new index, and whether the provision was
/// edited just before (an edited provision is never inside a block).
struct Move {
    i: usize,
    j: usize,
    edited: bool,
}

/// One level being written.
struct Level<'l> {
    prefix: &'l str,
    kind: Kind,
    old: &'l [&'l Node],
    new: &'l [&'l Node],
    pairs: Vec<Pair>,
    /// Pairs whose sentences are written.
    done: Vec<bool>,
    /// Moves not yet written, in the order they are made; `down` tells which way they go.
    chain: Vec<Move>,
    down: bool,
    additions: Vec<Addition>,
}

impl Gen<'_> {
    /// The instructions for one level: `old`/`new` are the children of a provision cited as `prefix`.
    pub(in crate::amend::generate) fn children(
        &mut self,
        prefix: &str,
        kind: Kind,
        old: &[&Node],
        new: &[&Node],
    ) -> Result<()> {
        let pairs = pair(old, new);
        let n = pairs.len();
        let mut l = Level {
            prefix,
            kind,
            old,
            new,
            pairs,
            done: vec![false; n],
            chain: Vec::new(),
            down: false,
            additions: Vec::new(),
        };
        l.additions = l.additions(self)?;
        let top = prefix.is_empty() && kind == Kind::Article;
        let mut k = 0;
        while k < n {
            match l.pairs[k] {
                (None, _) => k += 1,
                (Some(_), None) => {
                    let mut end = k + 1;
                    while end < n && matches!(l.pairs[end], (Some(_), None)) {
                        end += 1;
                    }
                    l.delete(self, k, end);
                    k = end;
                }
                (Some(i), Some(j)) if !l.moves_down(k) => {
                    l.keep(self, top, k, i, j)?;
                    k += 1;
                }
                _ => {
                    // A stretch moved down: its down moves, additions and removals up to the next provision that
                    // stays or moves up, written from the back.
                    let mut end = k + 1;
                    while end < n && (!matches!(l.pairs[end], (Some(_), Some(_))) || l.moves_down(end)) {
                        end += 1;
                    }
                    l.flush(self);
                    l.backwards(self, top, k, end)?;
                    l.flush(self);
                    k = end;
                }
            }
            l.ready(self, false);
        }
        l.flush(self);
        if top {
            self.flush_names(usize::MAX);
        }
        // Every addition's needs are written by now; this only guards against losing one.
        for a in l.additions.iter_mut().filter(|a| !a.written) {
            a.written = true;
            self.out.push(std::mem::take(&mut a.text));
        }
        Ok(())
    }
}

impl Level<'_> {
    /// Whether pair `k` is a provision kept under a higher number.
    fn moves_down(&self, k: usize) -> bool {
        matches!(self.pairs[k], (Some(i), Some(j)) if self.new[j].num > self.old[i].num)
    }

    /// A provision cited in full (第五条第三号), or as a later clause of the same sentence (同条第三号).
    fn cite(&self, g: &Gen, n: &Node, first: bool) -> String {
        let unit = g.unit(self.kind, num(n));
        if first || self.prefix.is_empty() {
            format!("{}{unit}", self.prefix)
        } else {
            format!("{}{unit}", back_reference(self.prefix, self.kind))
        }
    }

    /// The sentences for a kept provision's own changes (and, at the top, the group names due before it).
    fn edits(&self, g: &mut Gen, top: bool, i: usize, j: usize) -> Result<Vec<String>> {
        let saved = std::mem::take(&mut g.out);
        if top {
            g.flush_names(i);
        }
        // The 項 of an article that had one is cited as the article, under the old text, even when NEW adds a 項
        // (「第五条中…、同条第一号中…。第五条に次の一項を加える。」).
        let single = self.kind == Kind::Paragraph && self.old.len() == 1;
        let c = if single { self.prefix.to_string() } else { self.cite(g, self.old[i], true) };
        let res = g.content(&c, self.old[i], self.new[j]);
        let written = std::mem::replace(&mut g.out, saved);
        res.map(|()| written)
    }

    /// A provision that stays or moves up: its edits, then its move into the sentence of moves.
    fn keep(&mut self, g: &mut Gen, top: bool, k: usize, i: usize, j: usize) -> Result<()> {
        let edits = self.edits(g, top, i, j)?;
        let edited = !edits.is_empty();
        if edited {
            self.flush(g);
            g.out.extend(edits);
        }
        if self.old[i].num != self.new[j].num {
            self.chain.push(Move { i, j, edited });
            self.down = false;
        }
        self.done[k] = true;
        Ok(())
    }

    /// Pairs `start..end` removed: 「第十一項及び第十二項を削る。」, one sentence per run of consecutive numbers.
    fn delete(&mut self, g: &mut Gen, start: usize, end: usize) {
        self.flush(g);
        let gone: Vec<usize> = self.pairs[start..end].iter().filter_map(|p| p.0).collect();
        for run in runs(&gone, |k| self.old[k].num.as_ref()) {
            let (first, last) = (self.old[run[0]], self.old[run[run.len() - 1]]);
            let first = self.cite(g, first, true);
            let last = g.unit(self.kind, num(last));
            let what = match run.len() {
                1 => first,
                2 => format!("{first}及び{last}"),
                _ => format!("{first}から{last}まで"),
            };
            g.out.push(format!("{what}を削る。"));
        }
        self.done[start..end].iter_mut().for_each(|d| *d = true);
    }

    /// A stretch moved down (pairs `start..end`), from the back: each provision's edits and then its move;
    /// removals in it before the moves into their numbers; additions when their place is free.
    fn backwards(&mut self, g: &mut Gen, top: bool, start: usize, end: usize) -> Result<()> {
        let mut k = end;
        while k > start {
            k -= 1;
            match self.pairs[k] {
                (None, _) => {}
                (Some(_), None) => {
                    let mut first = k;
                    while first > start && matches!(self.pairs[first - 1], (Some(_), None)) {
                        first -= 1;
                    }
                    self.delete(g, first, k + 1);
                    k = first;
                }
                (Some(i), Some(j)) => {
                    let edits = self.edits(g, top, i, j)?;
                    let edited = !edits.is_empty();
                    if edited {
                        self.flush(g);
                        g.out.extend(edits);
                    }
                    self.chain.push(Move { i, j, edited });
                    self.down = true;
                    self.done[k] = true;
                }
            }
            self.ready(g, true);
        }
        Ok(())
    }

    /// Writes the additions whose needs are written (from the back in a stretch moved down).
    fn ready(&mut self, g: &mut Gen, backwards: bool) {
        loop {
            let mut order: Vec<usize> = (0..self.additions.len()).collect();
            if backwards {
                order.reverse();
            }
            let next = order.into_iter().find(|&a| {
                let a = &self.additions[a];
                !a.written && a.needs.iter().all(|&k| self.done[k])
            });
            let Some(a) = next else { return };
            self.flush(g);
            let a = &mut self.additions[a];
            a.written = true;
            g.out.push(std::mem::take(&mut a.text));
            let (s, e) = (a.start, a.end);
            self.done[s..e].iter_mut().for_each(|d| *d = true);
        }
    }

    /// Whether move `b` continues a block after `a`: the next number (down: the one before) without 枝番号, moved
    /// by the same distance.
    fn follows(&self, a: &Move, b: &Move) -> bool {
        let (oa, ob, na, nb) = (num(self.old[a.i]), num(self.old[b.i]), num(self.new[a.j]), num(self.new[b.j]));
        let plain = [oa, ob, na, nb].iter().all(|n| !n.is_branch());
        let next = if self.down { ob.main() + 1 == oa.main() } else { oa.main() + 1 == ob.main() };
        plain && next && !b.edited && delta(na, oa) == delta(nb, ob)
    }

    /// Writes the waiting moves as one sentence.
    fn flush(&mut self, g: &mut Gen) {
        if self.chain.is_empty() {
            return;
        }
        let ms = std::mem::take(&mut self.chain);
        let same = back_reference(self.prefix, self.kind);
        let mut parts: Vec<String> = Vec::new();
        let mut k = 0;
        while k < ms.len() {
            let mut r = k + 1;
            while r < ms.len() && self.follows(&ms[r - 1], &ms[r]) {
                r += 1;
            }
            let (o, n) = (self.old[ms[k].i], self.new[ms[k].j]);
            let from = self.cite(g, o, parts.is_empty());
            let by = || g.count(delta(num(n), num(o)).unsigned_abs() as usize, self.kind);
            if !self.down && !ms[k].edited && r - k >= BLOCK_RUN {
                let last = g.unit(self.kind, num(self.old[ms[r - 1].i]));
                parts.push(format!("{from}から{last}までを{}ずつ繰り上げ", by()));
                k = r;
                continue;
            }
            parts.push(format!("{from}を{same}{}とし", g.unit(self.kind, num(n))));
            if self.down && r - k >= BLOCK_RUN {
                let (lowest, highest) = (self.old[ms[r - 1].i], self.old[ms[k + 1].i]);
                let first = self.cite(g, lowest, false);
                parts.push(shift_down(&first, &g.unit(self.kind, num(highest)), &by()));
                k = r;
            } else {
                k += 1;
            }
        }
        g.out.push(close(&parts));
    }

    /// The runs of added provisions, each with its sentence and what must be written before it.
    fn additions(&self, g: &Gen) -> Result<Vec<Addition>> {
        let (pairs, old, new, kind, prefix) = (&self.pairs, self.old, self.new, self.kind, self.prefix);
        let cite = |n: &Node| self.cite(g, n, true);
        let mut out = Vec::new();
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
            let prev_at = pairs[..start].iter().rposition(|p| p.1.is_some());
            let prev = prev_at.and_then(|t| pairs[t].1).map(|j| new[j]);
            let next_at = pairs[k..].iter().position(|p| p.0.is_some() && p.1.is_some()).map(|t| t + k);
            let next = next_at.and_then(|t| pairs[t].1).map(|j| new[j]);
            // イロハ are added 「次のように」: they have no counter of their own.
            let what = if kind == Kind::Subitem {
                "次のように加える。".to_string()
            } else if kind == Kind::Item && old.is_empty() {
                // The first 号 of a provision that had none: 「第七条第二項に次の各号を加える。」
                "次の各号を加える。".to_string()
            } else {
                format!("次の{}を加える。", g.count(run.len(), kind))
            };
            let body = run.iter().map(|n| node_text(n, None)).collect::<Vec<_>>().join("\n");
            let group_of = |a: &Node| g.groups.get(&(a as *const Node));
            let same_group = |a: &Node| kind != Kind::Article || group_of(a) == group_of(run[0]);
            // A last 項 is added to the article: 「第七条に次の一項を加える。」
            let last_para = kind == Kind::Paragraph && !prefix.is_empty() && prefix != "附則" && next.is_none();
            // An article added at the end of its 節 or 章 names the group, or it could be read as opening the next
            // one: 「第二章第一節中第四条の次に次の一条を加える。」
            let after = pairs[k..].iter().find_map(|p| p.1).map(|j| new[j]);
            let group_end = kind == Kind::Article && prefix.is_empty() && after.is_some_and(|a| !same_group(a));
            let in_group = group_of(run[0]).filter(|_| group_end).and_then(|path| g.group_cite(path));
            let mut by_next = false;
            let head = match (prev, next) {
                (Some(_), None) if last_para => format!("{prefix}に{what}"),
                (Some(p), _) if same_group(p) => match &in_group {
                    Some(gr) => format!("{gr}中{}の次に{what}", cite(p)),
                    None => format!("{}の次に{what}", cite(p)),
                },
                (_, Some(n)) => {
                    by_next = true;
                    format!("{}の前に{what}", cite(n))
                }
                (Some(p), None) => format!("{}の次に{what}", cite(p)),
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
            // Before it: the provision it follows, in its final number, and what stands between; after it, what
            // still holds its number (a removal, a move down) and the provision it is cited before.
            let mut needs: Vec<usize> = (prev_at.unwrap_or(start)..start).collect();
            let upto = next_at.map_or(pairs.len(), |t| t + 1);
            needs.extend((k..upto).filter(|&t| {
                let holds = matches!(pairs[t], (Some(_), None)) || self.moves_down(t);
                holds || (by_next && Some(t) == next_at)
            }));
            out.push(Addition { start, end: k, text: format!("{head}\n{body}"), needs, written: false });
        }
        Ok(out)
    }
}

/// The number of a numbered provision.
fn num(n: &Node) -> &Num {
    n.num.as_ref().expect("numbered")
}

/// How far a provision moves: its new main number less its old (第三条 → 第五条: 2).
fn delta(new: &Num, old: &Num) -> i64 {
    new.main() as i64 - old.main() as i64
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

#[cfg(test)]
mod tests {
    use crate::amend::generate::generate;
    use crate::parse::parse_str;

    /// The 改め文 from OLD to NEW (the generator checks it by applying it to OLD).
    fn amend(old: &str, new: &str) -> String {
        let (old, new) = (parse_str(old).unwrap(), parse_str(new).unwrap());
        generate(&old, &new, &Default::default()).unwrap()
    }

    /// Where `s` is in `text`, failing with the text.
    fn at(text: &str, s: &str) -> usize {
        text.find(s).unwrap_or_else(|| panic!("「{s}」 missing in\n{text}"))
    }

    #[test]
    fn a_stretch_moved_down_goes_from_the_back_with_each_articles_edits_before_its_move() {
        // 旅館業法 (令和五年法律第五十二号第一条): 第三条の二 to 第三条の四 move down to make room for a new 第三条の二.
        let old = "旅館業法\n第三条　旅館業を営もうとする者は、都道府県知事の許可を受けなければならない。\n\
                   第三条の二　前条第一項の許可を受けて旅館業を営む者（以下「営業者」という。）は、施設の構造設備を変更\
                   しようとするときは、あらかじめ、都道府県知事に届け出なければならない。\n\
                   第三条の三　営業者は、衛生に必要な措置を講じなければならない。\n\
                   第三条の四　営業者は、宿泊者名簿を備えなければならない。\n\
                   第四条　都道府県知事は、営業者から報告を求めることができる。\n";
        let new = "旅館業法\n第三条　旅館業を営もうとする者は、都道府県知事の許可を受けなければならない。\n\
                   第三条の二　譲受人は、譲渡の承認を受けたときは、その地位を承継する。\n\
                   第三条の三　営業者は、施設の構造設備を変更しようとするときは、あらかじめ、都道府県知事に届け出なけれ\
                   ばならない。\n\
                   第三条の四　営業者は、衛生に必要な措置を講じなければならない。\n\
                   第三条の五　営業者は、宿泊者名簿を備えなければならない。\n\
                   ２　営業者は、従業者に対して必要な研修の機会を与えるよう努めなければならない。\n\
                   第四条　都道府県知事は、営業者から報告を求めることができる。\n";
        let text = amend(old, new);
        let added = at(&text, "\n第三条の四に次の一項を加える。\n");
        let moves = at(&text, "\n第三条の四を第三条の五とし、第三条の三を第三条の四とする。\n");
        let edited = at(
            &text,
            "\n第三条の二中「前条第一項の許可を受けて旅館業を営む者（以下「営業者」という。）」を「営業者」に改め、\
             同条を第三条の三とし、第三条の次に次の一条を加える。\n",
        );
        assert!(added < moves && moves < edited, "{text}");
    }

    #[test]
    fn four_or_more_moved_down_are_the_last_alone_and_a_block() {
        let paras = |words: &[&str]| {
            let mut s = String::from("例規程\n第十条　職員は、次の事項を遵守しなければならない。\n");
            for (k, w) in words.iter().enumerate() {
                s.push_str(&format!("{}　{w}の事務を適正に行うこと。\n", ["２", "３", "４", "５", "６"][k]));
            }
            s
        };
        // Four 項 (第二項 to 第五項) moved down one: 「第十条中第五項を第六項とし、第二項から第四項までを一項ずつ繰り下げ、
        // 第一項の次に次の一項を加える。」
        let text = amend(&paras(&["庶務", "会計", "人事", "監査"]), &paras(&["広報", "庶務", "会計", "人事", "監査"]));
        assert!(
            text.contains(
                "第十条中第五項を第六項とし、第二項から第四項までを一項ずつ繰り下げ、第一項の次に次の一項を加える。"
            ),
            "{text}"
        );
        // Three are moved one by one, from the back.
        let text = amend(&paras(&["庶務", "会計", "人事"]), &paras(&["広報", "庶務", "会計", "人事"]));
        assert!(text.contains("第十条中第四項を第五項とし、第三項を第四項とし、第二項を第三項とし、"), "{text}");
    }

    #[test]
    fn moving_up_goes_front_to_back_after_the_removal() {
        // 「第二条を削る。」 then each article's edits and its move, the rest as one block.
        let arts = |words: &[&str]| {
            let mut s = String::from("例規程\n");
            for (k, w) in words.iter().enumerate() {
                let n = ["一", "二", "三", "四", "五", "六", "七"][k];
                match *w {
                    "" => s.push_str(&format!("第{n}条　この規程の実施に関し必要な細目は、理事長が別に定める。\n")),
                    w => s.push_str(&format!("第{n}条　{w}に関する事務は、総務部総務課において処理する。\n")),
                }
            }
            s
        };
        let text = amend(
            &arts(&["庶務", "", "人事", "監査", "広報", "企画", "調査"]),
            &arts(&["庶務", "人事及び研修", "監査", "広報", "企画", "調査"]),
        );
        let edit = at(&text, "\n第二条を削る。\n第三条中「人事」");
        let moves = at(&text, "を加え、同条を第二条とし、第四条から第七条までを一条ずつ繰り上げる。\n");
        assert!(edit < moves, "{text}");
    }
}
