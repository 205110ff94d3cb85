//! Writing the 一部改正 text (改め文) that turns one version into another.
//!
//! Provisions are paired by content (unchanged ones first, then by similarity), and the amendment is written in
//! the order that applies cleanly: wording changes under the old numbers, front to back; then 削る; then
//! renumbering (繰上げ front to back, 繰下げ from the back, consecutive runs as one block move); then
//! additions under the new numbers. A provision that mostly changed is rewritten whole. The result is checked
//! by applying it to OLD: `generate` never returns text that does not give NEW.
//!
//! ```
//! let old = kitei::parse::parse_str("例規程\n第一条　情報を最新の状態に保つ。\n").unwrap();
//! let new = kitei::parse::parse_str("例規程\n第一条　情報を最新かつ正確な状態に保つ。\n").unwrap();
//! let text = kitei::amend::generate(&old, &new, &Default::default()).unwrap();
//! assert!(text.contains("第一条中「最新の」を「最新かつ正確な」に改める。"), "{text}");
//! ```

use std::collections::HashMap;

use crate::error::{Error, Result};
use crate::model::num::IROHA;
use crate::model::{walk, Document, Kind, Node, Num};

use super::body::node_text;
use super::check::verify;
use super::pairing::{content_key, pair, similarity};
use super::style::NumStyle;
use super::wording::{edits_for, write_edits};

/// Options for [`generate`].
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The 施行期日 sentence for the 附則, overriding the one taken from NEW's last 附則.
    pub effective: Option<String>,
}

/// Writes the 改め文 that turns `old` into `new`: title line, enacting sentence, instructions and 附則.
///
/// If the text does not give NEW (typically a renumbering inside a provision whose references the pairing
/// cannot account for), it is written again with every provision whose parts would be renumbered rewritten
/// whole, as drafters do with a heavily amended article.
pub fn generate(old: &Document, new: &Document, opts: &Options) -> Result<String> {
    // What does not depend on the attempt is planned once.
    let style = NumStyle::of_document(old);
    let plans = Plans {
        style,
        paths: group_paths(new),
        appendix: super::appendix::changes(old, new, style)?,
        groups: super::chapters::plan(old, new, style),
        suppl: super::suppl::plan(old, new)?,
    };
    if let Some(reason) = super::annotation::preamble_change(old, &plans.suppl.want) {
        return Err(Error::Other(reason));
    }
    attempt(old, new, opts, &plans, false).or_else(|first| attempt(old, new, opts, &plans, true).map_err(|_| first))
}

/// The parts of a generated amendment that both attempts share.
struct Plans<'a> {
    style: NumStyle,
    paths: HashMap<*const Node, Vec<(Kind, Option<Num>)>>,
    appendix: Vec<String>,
    groups: super::chapters::ChapterPlan<'a>,
    suppl: super::suppl::SupplPlan<'a>,
}

fn attempt(old: &Document, new: &Document, opts: &Options, p: &Plans, whole_on_renumber: bool) -> Result<String> {
    let style = p.style;
    let mut g = Gen { style, out: Vec::new(), groups: &p.paths, whole_on_renumber };
    if old.title != new.title {
        g.out.push(format!("題名を次のように改める。\n{}", new.title));
    }
    g.toc(old, new)?;
    let groups = &p.groups;
    g.out.extend(groups.removals.iter().cloned());
    for (cite, o, n) in &groups.kept {
        g.group_name(cite, o, n);
    }
    let mut oa = old.articles();
    let mut na = new.articles();
    if !groups.skipped.is_empty() {
        let skip = super::chapters::nodes_in(&groups.skipped);
        oa.retain(|a| !skip.contains(&(*a as *const Node)));
        na.retain(|a| !skip.contains(&(*a as *const Node)));
    }
    g.children("", Kind::Article, &oa, &na)?;
    g.out.extend(groups.inner.iter().cloned());
    g.out.extend(groups.moves.iter().cloned());
    g.out.extend(groups.additions.iter().cloned());
    let plan = &p.suppl;
    if let Some((o, n)) = plan.original {
        g.suppl(o, n)?;
    }
    // 別表 and 様式 come after the 附則, as they stand in the text.
    g.out.extend(p.appendix.iter().cloned());
    let mut parts = Vec::new();
    for (act, o, n) in &plan.acts {
        let mut part = Gen { style, out: Vec::new(), groups: &p.paths, whole_on_renumber };
        part.suppl(o, n)?;
        parts.push((act.clone(), part.out));
    }
    let own = match &opts.effective {
        Some(e) => vec![e.clone()],
        None => plan.own.clone(),
    };
    if g.out.is_empty() && parts.is_empty() && own.is_empty() {
        return Err(Error::Other("the two versions do not differ in anything an amendment writes".into()));
    }
    let write = |join: bool| -> String {
        let lines = |v: &[String]| if join { super::sentences::join_per_article(v) } else { v.to_vec() };
        let word = act_word(&old.title);
        let number = old.number.as_deref().map(|n| format!("（{n}）")).unwrap_or_default();
        let mut text = String::new();
        if parts.is_empty() {
            text.push_str(&format!("{}の一部を改正する{word}\n", old.title));
            text.push_str(&format!("{}{number}の一部を次のように改正する。\n", old.title));
            for s in lines(&g.out) {
                text.push_str(&s);
                text.push('\n');
            }
        } else {
            // One article of the act per amended text: the text itself, then each earlier act whose 附則 changed.
            text.push_str(&format!("{}等の一部を改正する{word}\n", old.title));
            let mut k = 0;
            let mut part = |text: &mut String, name: &str, cited: &str, out: &[String]| {
                k += 1;
                let art = super::style::cite(Kind::Article, &Num::simple(k), style);
                text.push_str(&format!("（{name}の一部改正）\n{art}\u{3000}{cited}の一部を次のように改正する。\n"));
                for s in lines(out) {
                    text.push_str(&s);
                    text.push('\n');
                }
            };
            if !g.out.is_empty() {
                part(&mut text, &old.title, &format!("{}{number}", old.title), &g.out);
            }
            for (act, out) in &parts {
                part(&mut text, act, act, out);
            }
        }
        if !own.is_empty() {
            text.push_str("\u{3000}\u{3000}\u{3000}附\u{3000}則\n");
            for l in &own {
                text.push_str(l);
                text.push('\n');
            }
        }
        text
    };
    // One sentence per article where possible (同条 for the later clauses); the plain form if that fails.
    let joined = write(true);
    if verify(old, &plan.want, &joined).is_ok() {
        return Ok(joined);
    }
    let text = write(false);
    verify(old, &plan.want, &text)?;
    Ok(text)
}

/// The kind of act that amends a text of this title: 法律 for a law, 政令/省令/規則/条例 for those, 規程 for an
/// internal rule (規程, 要綱, 細則…).
fn act_word(title: &str) -> &'static str {
    ["法律", "政令", "省令", "規則", "条例"]
        .into_iter()
        .find(|w| title.ends_with(w))
        .unwrap_or(if title.ends_with('法') { "法律" } else { "規程" })
}

struct Gen<'a> {
    style: NumStyle,
    out: Vec<String>,
    /// The group path of each of NEW's articles ([`group_paths`]).
    groups: &'a HashMap<*const Node, Vec<(Kind, Option<Num>)>>,
    /// Rewrite a provision whole rather than renumber its parts (the second attempt).
    whole_on_renumber: bool,
}

impl Gen<'_> {
    fn unit(&self, kind: Kind, num: &Num) -> String {
        match kind {
            Kind::Subitem => {
                num.0.first().and_then(|&i| IROHA.get(i as usize - 1)).map(|c| c.to_string()).unwrap_or_default()
            }
            _ => super::style::cite(kind, num, self.style),
        }
    }

    fn count(&self, k: usize, kind: Kind) -> String {
        format!("{}{}", self.style.n(k as u32), super::quote::unit_char(kind))
    }

    /// The 同条 / 同項 that refers back to the parent of a child in a renumbering.
    fn same(&self, prefix: &str, kind: Kind) -> &'static str {
        if prefix.is_empty() {
            return "";
        }
        match kind {
            // 附則第三条を附則第四条とし: articles of a 附則 are cited with 附則 again.
            Kind::Article => "附則",
            Kind::Paragraph => "同条",
            Kind::Item if prefix.ends_with('項') => "同項",
            Kind::Item => "同条",
            _ => "同号",
        }
    }

    fn toc(&mut self, old: &Document, new: &Document) -> Result<()> {
        let (Some(a), Some(b)) = (old.toc(), new.toc()) else {
            if old.toc().is_some() != new.toc().is_some() {
                return Err(Error::Other("adding or removing the 目次 cannot be written yet".into()));
            }
            return Ok(());
        };
        if !same_shape(a, b) || nested_differ(a, b) {
            // Entries added or removed: the 目次 is rewritten whole.
            self.out.push(format!("目次を次のように改める。\n{}", super::body::toc_text(b)));
            return Ok(());
        }
        let fields = |t: &Node| -> Vec<String> { t.children.iter().map(super::apply::toc_line).collect() };
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
    fn group_name(&mut self, cite: &str, old: &Node, new: &Node) {
        if old.heading == new.heading {
            return;
        }
        let name = format!("{}名", super::quote::unit_char(old.kind));
        let (h0, h1) = (old.heading.clone().unwrap_or_default(), new.heading.clone().unwrap_or_default());
        match edits_for(&[h0], 0, &h1) {
            Some(e) => self.out.push(format!("{cite}の{name}中{}。", write_edits(&e, true))),
            None => self.out.push(format!("{cite}の{name}を「{h1}」に改める。")),
        }
    }

    /// The instructions for a changed 附則 (cited as 附則): its articles or paragraphs, added, removed,
    /// renumbered or reworded.
    fn suppl(&mut self, o: &Node, n: &Node) -> Result<()> {
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
    fn children(&mut self, prefix: &str, kind: Kind, old: &[&Node], new: &[&Node]) -> Result<()> {
        let pairs = pair(old, new);
        let cite = |g: &Gen, n: &Node| format!("{prefix}{}", g.unit(kind, n.num.as_ref().expect("numbered")));
        // 1. Content, under the old numbers.
        for &(i, j) in &pairs {
            if let (Some(i), Some(j)) = (i, j) {
                let single = kind == Kind::Paragraph && old.len() == 1 && new.len() == 1;
                let c = if single { prefix.to_string() } else { cite(self, old[i]) };
                self.content(&c, old[i], new[j])?;
            }
        }
        // 2. 削る.
        for &(i, j) in &pairs {
            if let (Some(i), None) = (i, j) {
                self.out.push(format!("{}を削る。", cite(self, old[i])));
            }
        }
        // 3. Moves up, front to back; 4. moves down, from the back.
        let moves: Vec<(usize, usize)> =
            pairs.iter().filter_map(|&(i, j)| Some((i?, j?))).filter(|&(i, j)| old[i].num != new[j].num).collect();
        let same = self.same(prefix, kind);
        for &(i, j) in moves.iter().filter(|&&(i, j)| new[j].num < old[i].num) {
            let to = self.unit(kind, new[j].num.as_ref().expect("numbered"));
            self.out.push(format!("{}を{same}{to}とする。", cite(self, old[i])));
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
                parts.push(format!("{}を{same}{to}とし", cite(self, old[i])));
                if k - 1 - s >= 2 {
                    let first = old[down[s].0].num.as_ref().expect("numbered");
                    let last = old[down[k - 2].0].num.as_ref().expect("numbered");
                    parts.push(format!(
                        "{}から{}までを{}ずつ繰り下げ",
                        format_args!("{prefix}{}", self.unit(kind, first)),
                        self.unit(kind, last),
                        self.count(d as usize, kind)
                    ));
                    k = s;
                } else {
                    k -= 1;
                }
            }
            let mut sentence = parts.join("、");
            if let Some(stem) = sentence.strip_suffix("とし") {
                sentence = format!("{stem}とする。");
            } else {
                sentence.push_str("る。");
            }
            self.out.push(sentence);
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
            let what = format!("次の{}を加える。", self.count(run.len(), kind));
            let body = run.iter().map(|n| node_text(n, None)).collect::<Vec<_>>().join("\n");
            let group_of = |a: &Node| self.groups.get(&(a as *const Node));
            let same_group = |a: &Node| kind != Kind::Article || group_of(a) == group_of(run[0]);
            let head = match (prev, next) {
                (Some(p), _) if same_group(p) => format!("{}の次に{what}", cite(self, p)),
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
                return Err(Error::Other("adding a new first 項 cannot be written yet".into()));
            }
            self.out.push(format!("{head}\n{body}"));
        }
        Ok(())
    }

    /// Changes inside one provision (cited as `cite`), under its old number.
    fn content(&mut self, cite: &str, o: &Node, n: &Node) -> Result<()> {
        // The content key leaves out the caption's brackets: 「（目的）」 → 「(目的)」 is a change too.
        if content_key(o) == content_key(n) && o.heading_raw == n.heading_raw {
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
        if similarity(o, n) < 0.5
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
        let same_children = oc.len() == nc.len() && oc.iter().zip(&nc).all(|(a, b)| content_key(a) == content_key(b));
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
            super::apply::texts_of(o, &mut segs);
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

/// The group path (章, 節 numbers) of every article of a document, by address: one walk, looked up for each
/// added article.
fn group_paths(doc: &Document) -> HashMap<*const Node, Vec<(Kind, Option<Num>)>> {
    let mut out = HashMap::new();
    walk::walk_with_ancestors(doc, &mut |n, anc| {
        if n.kind == Kind::Article {
            out.insert(
                n as *const Node,
                anc.iter().filter(|x| x.kind.is_group()).map(|x| (x.kind, x.num.clone())).collect(),
            );
        }
    });
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_amending_act_is_of_the_amended_texts_kind() {
        assert_eq!(super::act_word("原子力基本法"), "法律");
        assert_eq!(super::act_word("道路交通法施行令の一部を改正する政令"), "政令");
        assert_eq!(super::act_word("国家公安委員会規則"), "規則");
        assert_eq!(super::act_word("個人情報保護委員会事務局組織省令"), "省令");
        assert_eq!(super::act_word("認証事務管理規程"), "規程");
        assert_eq!(super::act_word("文書取扱要綱"), "規程");
    }
}
