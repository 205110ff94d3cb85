//! The ハネ check of apply: after an amendment moved provisions (renumbered, inserted before, removed), every
//! reference to provisions of the same text must still point where it pointed. Absolute references
//! (第三条第二項) and relative ones (前項, 前条, 次条, 同項, 前二項, 前各号) are treated alike: each is found and
//! resolved by the shared [`crate::refs`] module in OLD (from the provision's old position) and in NEW, and
//! what it pointed at in OLD is carried to NEW through the origin marks apply leaves on every node (the ID map
//! of the amendment, see [`super::refs::mark_origins`]).
//!
//! - A reference **carried over unchanged** (its words, and the whole list they stand in, are equal text
//!   between the old and new wording of the provision) that now points elsewhere is a ハネ漏れ **error**: an
//!   unchanged 「第三条」 whose article became 第四条, or an unchanged 「前項」 in the old 第三項 (now 第四項)
//!   after a 項 was inserted before it, which now reads the inserted 項.
//! - A reference the act **rewrote** (「前項」 → 「第四項」) is the act's wording, and an act may deliberately
//!   point a reference elsewhere, so only a rewrite that is a ハネ fix is judged: one whose old words, left
//!   unchanged, would have pointed elsewhere than where their old target went (it moved, or a provision was
//!   inserted before the reference). If the rewritten words point at a provision that does not exist in NEW, that is an
//!   **error**; if they point at an existing provision other than where the old target went, it is a
//!   **warning** naming both, unless the old target was removed (there is nowhere it went) or the provision
//!   pointed at is one the act added (a reference redirected to the act's new provision is deliberate).
//!
//! 各号 and 前各号 (前各項) are compared by the provision they belong to (an added 号 belongs to them), and a
//! range (第一条から第五条まで) by its two ends. References to another law and to the 附則, and text in the
//! 附則, 別表 and 目次, are not checked.

use std::collections::{HashMap, HashSet};

use super::refs::{reader_name, ORIGIN};
use crate::diff::{inline::diff_text, OpKind};
use crate::model::{walk, Document, Kind, Node, Num};
use crate::refs::find::joins;
use crate::refs::{find_references, Reference, Resolved, Resolver, Step, Target};

/// A reference left or made pointing at the wrong provision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// For the reader: the provision (第12条第2項), the words quoted, where they pointed and where they point.
    pub message: String,
    /// The article of the moved provision (as numbered in OLD), to place the message at the instruction that
    /// moved it.
    pub article: Option<Num>,
    /// The words of the reference in NEW.
    pub words: String,
}

/// What [`check`] found: errors (ハネ漏れ) and warnings (a rewritten reference that may be wrong).
#[derive(Debug, Clone, Default)]
pub struct Findings {
    /// References that certainly point at the wrong provision.
    pub errors: Vec<Finding>,
    /// Rewritten references that point elsewhere than where their old target went.
    pub warnings: Vec<Finding>,
}

/// Both versions, their resolvers, and the ID map: old ID → the new node carrying its origin mark.
struct Ctx<'a> {
    old: Resolver<'a>,
    new: Resolver<'a>,
    image: HashMap<&'a str, &'a Node>,
}

impl Ctx<'_> {
    /// The new ID of an old provision, `None` when it was removed.
    fn new_id(&self, old_id: &str) -> Option<&str> {
        self.image.get(old_id).map(|n| n.id.as_str())
    }

    /// True when an old provision is gone or stands under another path in NEW.
    fn moved(&self, old_id: &str) -> bool {
        // The same ID is the same place: IDs are made of the numbers a path holds (`model::ids`), and most
        // provisions keep theirs, so the paths are built only for those that did not.
        if self.new_id(old_id) == Some(old_id) {
            return false;
        }
        let from = self.old.path_of(old_id);
        let to = self.new_id(old_id).and_then(|id| self.new.path_of(id));
        from != to
    }
}

/// Checks `new`, made from `old` by an amendment that left [`super::refs::mark_origins`] marks on its nodes.
pub fn check(old: &Document, new: &Document) -> Findings {
    let mut image: HashMap<&str, &Node> = HashMap::new();
    let mut added = false;
    // Where provisions were added: the articles (by address in NEW) holding an added 項 or 号, and whether
    // an article (or a provision outside any article) was added.
    let mut added_in: HashSet<*const Node> = HashSet::new();
    let mut added_anywhere = false;
    walk::walk_with_ancestors(new, &mut |n, anc| match n.attrs.get(ORIGIN) {
        Some(o) => {
            image.entry(o.as_str()).or_insert(n);
        }
        None if in_main(n, anc) && matches!(n.kind, Kind::Article | Kind::Paragraph | Kind::Item) => {
            added = true;
            match article_of(n, anc) {
                Some(a) if a.kind == Kind::Article && !std::ptr::eq(a, n) => {
                    added_in.insert(a as *const Node);
                }
                _ => added_anywhere = true,
            }
        }
        None => {}
    });
    let ctx = Ctx { old: Resolver::new(old), new: Resolver::new(new), image };
    let mut moved = false;
    walk::walk(old, &mut |n| {
        moved = moved || (matches!(n.kind, Kind::Article | Kind::Paragraph | Kind::Item) && ctx.moved(&n.id))
    });
    let mut out = Findings::default();
    // Nothing moved and nothing was inserted: every reference reads as before.
    if !moved && !added {
        return out;
    }
    walk::walk_with_ancestors(new, &mut |n, anc| {
        if n.text.is_empty() || !in_main(n, anc) {
            return;
        }
        // Nothing moved and no article was added: a relative reference (前項, 前条, 次号…) reads differently
        // only inside an article that gained a 項 or 号, and an absolute one not at all.
        if !moved && !added_anywhere && article_of(n, anc).is_some_and(|a| !added_in.contains(&(a as *const Node))) {
            return;
        }
        let Some(origin) = n.attrs.get(ORIGIN) else { return };
        let (Some(old_node), Some(old_pos)) = (ctx.old.node(origin), ctx.old.position(origin)) else { return };
        let old_refs = find_references(&old_node.text);
        let new_refs = if old_node.text == n.text { old_refs.clone() } else { find_references(&n.text) };
        if old_refs.is_empty() || new_refs.is_empty() {
            return;
        }
        // When nothing moved, only provisions were added: absolute references read as before.
        if !moved && old_refs.iter().chain(&new_refs).all(absolute) {
            return;
        }
        let (carried, rewritten) = pair(&old_node.text, &n.text, &old_refs, &new_refs);
        let new_pos = crate::refs::Position::of(n, anc);
        // The old words read where they stand now: what they would point at had the act left them.
        let left = if rewritten.is_empty() { Vec::new() } else { ctx.new.resolve_all(&new_pos, old_refs.clone()) };
        let in_old = ctx.old.resolve_all(&old_pos, old_refs);
        let in_new = ctx.new.resolve_all(&new_pos, new_refs);
        // 第十二条第2項: from the article down (not its 章 and 節); worked out only for a finding.
        let place = || {
            let chain: Vec<&Node> = anc.iter().copied().chain(std::iter::once(n)).collect();
            let from = chain.iter().position(|a| a.kind == Kind::Article).unwrap_or(0);
            let place: String = chain[from..].iter().map(|a| reader_name(a)).collect();
            if place.is_empty() {
                super::check::unnamed(n)
            } else {
                place
            }
        };
        for (i, k) in carried {
            if let Some(f) = judge_carried(&ctx, &in_old[i], &in_new[k], &n.text, &place) {
                out.errors.push(f);
            }
        }
        for (i, k) in rewritten {
            match judge_rewritten(&ctx, (&in_old[i], &left[i]), &in_new[k], (&old_node.text, &n.text), &place) {
                Some((true, f)) => out.errors.push(f),
                Some((false, f)) => out.warnings.push(f),
                None => {}
            }
        }
    });
    out
}

/// The article a node stands in (itself when it is one), if any.
fn article_of<'a>(n: &'a Node, anc: &[&'a Node]) -> Option<&'a Node> {
    std::iter::once(n).chain(anc.iter().rev().copied()).find(|a| a.kind == Kind::Article)
}

/// True for a node of the main provision (not in a 附則, 別表 or 目次).
fn in_main(n: &Node, anc: &[&Node]) -> bool {
    let top = anc.first().copied().unwrap_or(n);
    !matches!(top.kind, Kind::SupplProvision | Kind::Appendix | Kind::Toc)
}

/// Pairs the references of a provision's old and new wording: those carried over unchanged (the reference
/// and the list it stands in lie in text equal in both), and those rewritten (between two carried-over ones,
/// as many in OLD as in NEW, paired in order). Indexes into `old_refs` and `new_refs`.
#[allow(clippy::type_complexity)]
fn pair(
    old_text: &str,
    new_text: &str,
    old_refs: &[Reference],
    new_refs: &[Reference],
) -> (Vec<(usize, usize)>, Vec<(usize, usize)>) {
    if old_text == new_text {
        return ((0..new_refs.len()).map(|k| (k, k)).collect(), Vec::new());
    }
    // Equal stretches: (old start, new start, length), bytes.
    let mut equal = Vec::new();
    let (mut o, mut n) = (0, 0);
    for op in diff_text(old_text, new_text) {
        if op.op == OpKind::Equal {
            equal.push((o, n, op.new.len()));
        }
        o += op.old.len();
        n += op.new.len();
    }
    let group = list_spans(new_text, new_refs);
    let mut carried = Vec::new();
    for (k, r) in new_refs.iter().enumerate() {
        let (start, end) = group[k];
        let Some(&(os, ns, _)) = equal.iter().find(|&&(_, ns, len)| ns <= start && end <= ns + len) else { continue };
        let old_range = r.range.start - ns + os..r.range.end - ns + os;
        if let Some(i) = old_refs.iter().position(|x| x.range == old_range) {
            if carried.last().is_none_or(|&(j, _)| j < i) {
                carried.push((i, k));
            }
        }
    }
    let mut rewritten = Vec::new();
    let mut bounds = vec![(None, None)];
    bounds.extend(carried.iter().map(|&(i, k)| (Some(i), Some(k))));
    bounds.push((Some(old_refs.len()), Some(new_refs.len())));
    for w in bounds.windows(2) {
        let from = |x: Option<usize>| x.map_or(0, |v| v + 1);
        let (o0, n0) = (from(w[0].0), from(w[0].1));
        let (o1, n1) = (w[1].0.unwrap_or(0), w[1].1.unwrap_or(0));
        if o1 > o0 && o1 - o0 == n1.saturating_sub(n0) {
            rewritten.extend((o0..o1).zip(n0..n1));
        }
    }
    (carried, rewritten)
}

/// For each reference, the byte span of the list it stands in (「第一項、第三項及び第四項」): a reference counts
/// as carried over only when its whole list is.
fn list_spans(text: &str, refs: &[Reference]) -> Vec<(usize, usize)> {
    let mut first = vec![0usize; refs.len()];
    for k in 1..refs.len() {
        let joined = refs[k].inherited || joins(&text[refs[k - 1].range.end..refs[k].range.start]);
        first[k] = if joined { first[k - 1] } else { k };
    }
    let mut end = vec![0usize; refs.len()];
    for k in (0..refs.len()).rev() {
        end[k] = if k + 1 < refs.len() && first[k + 1] == first[k] { end[k + 1] } else { refs[k].range.end };
    }
    (0..refs.len()).map(|k| (refs[first[k]].range.start, end[k])).collect()
}

/// What a reference is compared by: the provisions it names; for 各号 and 前各号 (whatever items there are)
/// the provision they belong to; for a range its two ends.
fn comparable<'a>(r: &Resolved<'a>) -> Vec<&'a Node> {
    let finest = [&r.reference.item, &r.reference.paragraph, &r.reference.article].into_iter().flatten().next();
    match finest {
        Some(Target::All | Target::PreviousAll) => {
            let owner = if r.reference.item.is_some() { r.paragraph.or(r.article) } else { r.article };
            owner.into_iter().collect()
        }
        Some(Target::Range(..)) if r.targets.len() > 2 => vec![r.targets[0], r.targets[r.targets.len() - 1]],
        _ => r.targets.clone(),
    }
}

/// The references both readings are compared by: (old targets, where they went, new targets), `None` when
/// the reference is not this text's, or cannot be known in OLD.
#[allow(clippy::type_complexity)]
fn readings<'a, 'c>(
    ctx: &'c Ctx<'a>,
    o: &Resolved<'a>,
    n: &Resolved<'a>,
) -> Option<(Vec<&'a Node>, Vec<Option<&'c str>>, Vec<&'a Node>)> {
    if o.reference.external || n.reference.external || o.suppl || n.suppl {
        return None;
    }
    let (old_targets, new_targets) = (comparable(o), comparable(n));
    if old_targets.is_empty() || (new_targets.is_empty() && n.error.is_none()) {
        return None;
    }
    let intended = old_targets.iter().map(|t| ctx.new_id(&t.id)).collect();
    Some((old_targets, intended, new_targets))
}

/// A carried-over reference that now points elsewhere: an error.
fn judge_carried(
    ctx: &Ctx<'_>,
    o: &Resolved<'_>,
    n: &Resolved<'_>,
    text: &str,
    place: &dyn Fn() -> String,
) -> Option<Finding> {
    let (old_targets, intended, new_targets) = readings(ctx, o, n)?;
    if intended == new_targets.iter().map(|t| Some(t.id.as_str())).collect::<Vec<_>>() {
        return None;
    }
    let place = &place();
    let words = &text[n.reference.range.clone()];
    let was = show_nodes(&ctx.old, &old_targets);
    let went = went(ctx, &intended);
    let message = if absolute(&n.reference) && n.path == o.path {
        // 「第三条」 still reads 第3条, which is now 第4条.
        format!("{place} still cites {was} ({went}) with 「{words}」")
    } else {
        let now = if new_targets.is_empty() {
            format!("points at nothing ({})", n.error.as_deref().unwrap_or("no such provision"))
        } else {
            format!("now points at {}", show_nodes(&ctx.new, &new_targets))
        };
        let went = if intended.iter().all(|i| i.is_some()) && paths_equal(ctx, &old_targets, &intended) {
            String::new()
        } else {
            format!(", {went}")
        };
        format!("{place}: 「{words}」 pointed at {was}{went}, and unchanged it {now}")
    };
    Some(Finding { message, article: moved_article(ctx, &old_targets), words: words.to_string() })
}

/// A rewritten reference whose old words, left as they were, would have pointed elsewhere (`left`: the old
/// reference read at its new position), so that the rewrite is a ハネ fix: `(true, _)` when it points at
/// nothing (an error), `(false, _)` when it points at another existing provision than the one the old target
/// became (a warning).
fn judge_rewritten(
    ctx: &Ctx<'_>,
    (o, left): (&Resolved<'_>, &Resolved<'_>),
    n: &Resolved<'_>,
    (old_text, new_text): (&str, &str),
    place: &dyn Fn() -> String,
) -> Option<(bool, Finding)> {
    let (old_targets, intended, new_targets) = readings(ctx, o, n)?;
    let ids = |v: Vec<&Node>| v.iter().map(|t| Some(t.id.clone())).collect::<Vec<_>>();
    let owned = |v: &[Option<&str>]| v.iter().map(|x| x.map(str::to_string)).collect::<Vec<_>>();
    if ids(comparable(left)) == owned(&intended) {
        return None; // not a ハネ fix: unchanged, the words were right; the act changed what is cited
    }
    if owned(&intended) == ids(new_targets.clone()) {
        return None;
    }
    // Pointing at a provision the act added is deliberate; so is pointing elsewhere when the old target was
    // removed (there is nowhere it went).
    let removed = intended.iter().any(Option::is_none);
    if !new_targets.is_empty() && (removed || new_targets.iter().any(|t| !t.attrs.contains_key(ORIGIN))) {
        return None;
    }
    let words = &new_text[n.reference.range.clone()];
    let old_words = &old_text[o.reference.range.clone()];
    let was = show_nodes(&ctx.old, &old_targets);
    let went = went(ctx, &intended);
    let finding = |error: bool, now: String| {
        let place = place();
        let message = format!("{place}: 「{old_words}」 pointed at {was} ({went}); rewritten as 「{words}」 it {now}");
        Some((error, Finding { message, article: moved_article(ctx, &old_targets), words: words.to_string() }))
    };
    if new_targets.is_empty() {
        return finding(true, format!("points at nothing ({})", n.error.as_deref().unwrap_or("no such provision")));
    }
    finding(false, format!("points at {}", show_nodes(&ctx.new, &new_targets)))
}

/// True when no level of the reference is relative (前条, 同項, 次号…).
fn absolute(r: &Reference) -> bool {
    [&r.article, &r.paragraph, &r.item].iter().all(|t| matches!(t, None | Some(Target::Num(_) | Target::Range(..))))
}

/// True when every old target kept its path.
fn paths_equal(ctx: &Ctx<'_>, old: &[&Node], new: &[Option<&str>]) -> bool {
    old.iter().zip(new).all(|(o, n)| n.and_then(|id| ctx.new.path_of(id)) == ctx.old.path_of(&o.id))
}

/// 「now 第4条」, 「now removed」: where the old targets went.
fn went(ctx: &Ctx<'_>, intended: &[Option<&str>]) -> String {
    if intended.iter().any(Option::is_none) {
        return "now removed".into();
    }
    let nodes: Vec<&Node> = intended.iter().flatten().filter_map(|id| ctx.new.node(id)).collect();
    format!("now {}", show_nodes(&ctx.new, &nodes))
}

/// The article, as numbered in OLD, of the first target that moved.
fn moved_article(ctx: &Ctx<'_>, old_targets: &[&Node]) -> Option<Num> {
    let t = old_targets.iter().find(|t| ctx.moved(&t.id)).or(old_targets.first())?;
    ctx.old.path_of(&t.id).and_then(|(p, _)| p.first().map(|s| s.1.clone()))
}

/// 第3条第2項, 第1条及び第2条, 第1条から第5条まで (Arabic numerals).
fn show_nodes(resolver: &Resolver<'_>, nodes: &[&Node]) -> String {
    let paths: Vec<Vec<Step>> = nodes.iter().filter_map(|n| resolver.path_of(&n.id).map(|p| p.0)).collect();
    let show = |p: &Vec<Step>| p.iter().map(|(k, n)| crate::refs::resolve::name(*k, n)).collect::<String>();
    match paths.as_slice() {
        [] => "nothing".into(),
        [one] => show(one),
        [a, b] => format!("{}及び{}", show(a), show(b)),
        [a, .., b] => format!("{}から{}まで", show(a), show(b)),
    }
}

#[cfg(test)]
#[path = "hane_tests.rs"]
mod tests;
