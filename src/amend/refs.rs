//! References to provisions inside a text (第十条, 第3条第2項, 第二項) and the ハネ check: after an amendment
//! renumbers provisions, every reference to them must have been amended too.
//!
//! ```
//! use kitei::amend::refs::find_refs;
//! let r = find_refs("第十条第二項及び法第三条の規定");
//! assert_eq!(r.len(), 1); // 法第三条 cites another law
//! assert_eq!(r[0].article.as_ref().unwrap().to_string(), "10");
//! assert_eq!(r[0].paragraph, Some(2));
//! ```

use std::collections::BTreeMap;

use crate::model::{walk, Document, Kind, Node, Num};

use super::quote::Cursor;
use super::Step;

/// One reference found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ref {
    /// The article cited; `None` for a bare 第二項 (the citing article's own paragraph).
    pub article: Option<Num>,
    /// The paragraph cited, if any.
    pub paragraph: Option<u32>,
    /// The reference as written.
    pub text: String,
}

pub(super) const ORIGIN: &str = "kitei-amend-origin";

/// Finds references to provisions of the same text: 第N条（第M項） and bare 第M項, skipping those that cite
/// another law (法第三条, 令第二条, （…号）第五条) or the 附則.
pub fn find_refs(text: &str) -> Vec<Ref> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut c = Cursor::new(text);
    while !c.done() {
        let start = c.pos;
        let prev = if start > 0 { Some(chars[start - 1]) } else { None };
        if c.at("第") {
            if let Some((Step::Unit { kind, num, .. }, _)) = c.piece(false) {
                let external = prev.is_some_and(|p| "法令則律）)約程例規".contains(p));
                match kind {
                    Kind::Article => {
                        let save = c.pos;
                        let para = match c.piece(false) {
                            Some((Step::Unit { kind: Kind::Paragraph, num, .. }, _)) => Some(num.main()),
                            _ => {
                                c.pos = save;
                                None
                            }
                        };
                        if !external {
                            out.push(Ref { article: Some(num), paragraph: para, text: c.slice(start, c.pos) });
                        }
                        continue;
                    }
                    Kind::Paragraph if !external && prev != Some('条') => {
                        out.push(Ref { article: None, paragraph: Some(num.main()), text: c.slice(start, c.pos) });
                        continue;
                    }
                    _ => continue,
                }
            }
        }
        c.pos = start + 1;
    }
    out
}

/// Marks every node with its ID before an amendment, so that [`stale_after`] can tell where it came from.
pub fn mark_origins(doc: &mut Document) {
    walk::walk_mut(doc, &mut |n| {
        n.attrs.insert(ORIGIN.into(), n.id.clone());
    });
}

/// Gives a provision rewritten whole (「第十条を次のように改める。」) the mark of the one it replaces, and its
/// parts the marks of the old parts with the same number: they keep their numbers, so references to them stay
/// right.
pub fn keep_origin(old: &Node, new: &mut Node) {
    if old.kind != new.kind || old.num != new.num {
        return;
    }
    if let Some(o) = old.attrs.get(ORIGIN) {
        new.attrs.insert(ORIGIN.into(), o.clone());
    }
    for c in new.children.iter_mut() {
        if let Some(oc) = old.children.iter().find(|x| x.kind == c.kind && x.num == c.num) {
            keep_origin(oc, c);
        }
    }
}

/// Removes the marks of [`mark_origins`].
pub fn clear_origins(doc: &mut Document) {
    walk::walk_mut(doc, &mut |n| {
        n.attrs.remove(ORIGIN);
    });
}

type Key = (Num, Option<u32>);

/// Where each old article (and paragraph) went: old (article, paragraph) → new, `None` when removed.
/// Only provisions whose number changed are listed.
fn moves(old: &Document, new: &Document) -> BTreeMap<Key, Option<Key>> {
    let mut now: BTreeMap<String, Key> = BTreeMap::new();
    for a in new.articles() {
        let Some(an) = a.num.clone() else { continue };
        if let Some(o) = a.attrs.get(ORIGIN) {
            now.insert(o.clone(), (an.clone(), None));
        }
        for p in a.children.iter().filter(|p| p.kind == Kind::Paragraph) {
            if let (Some(o), Some(pn)) = (p.attrs.get(ORIGIN), &p.num) {
                now.insert(o.clone(), (an.clone(), Some(pn.main())));
            }
        }
    }
    let mut out = BTreeMap::new();
    for a in old.articles() {
        let Some(an) = a.num.clone() else { continue };
        let key = (an.clone(), None);
        let to = now.get(&a.id).cloned();
        if to.as_ref() != Some(&key) {
            out.insert(key, to);
        }
        for p in a.children.iter().filter(|p| p.kind == Kind::Paragraph) {
            let Some(pn) = &p.num else { continue };
            let key = (an.clone(), Some(pn.main()));
            let to = now.get(&p.id).cloned();
            if to.as_ref() != Some(&key) {
                out.insert(key, to);
            }
        }
    }
    out
}

/// The references left pointing at the wrong provision after `new` was made from `old` (whose nodes carry
/// [`mark_origins`] marks): each reference to a moved provision that a node still carries as in the old text.
pub fn stale_after(old: &Document, new: &Document) -> Vec<String> {
    let moved = moves(old, new);
    if moved.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut visit = |n: &Node, article: Option<&Node>| {
        let Some(origin) = n.attrs.get(ORIGIN) else { return };
        let Some(old_node) = old.find(origin) else { return };
        let old_art = article.and_then(|a| a.attrs.get(ORIGIN)).and_then(|o| old.find(o)).and_then(|a| a.num.clone());
        let count = |text: &str, art: Option<&Num>| -> BTreeMap<Key, usize> {
            let mut m = BTreeMap::new();
            for r in find_refs(text) {
                let a = match (&r.article, art) {
                    (Some(a), _) => a.clone(),
                    (None, Some(a)) => a.clone(),
                    (None, None) => continue,
                };
                *m.entry((a, r.paragraph)).or_insert(0) += 1;
            }
            m
        };
        let before = count(&old_node.text, old_art.as_ref());
        let new_art = article.and_then(|a| a.num.clone());
        let after = count(&n.text, new_art.as_ref());
        for (key, to) in &moved {
            let b = before.get(key).copied().unwrap_or(0);
            let a = after.get(key).copied().unwrap_or(0);
            let gained = match to {
                Some(t) => after.get(t).copied().unwrap_or(0) > before.get(t).copied().unwrap_or(0),
                None => false,
            };
            if b > 0 && a >= b && !gained {
                let now = match to {
                    Some((na, np)) => format!("now {}", show(na, *np)),
                    None => "now removed".into(),
                };
                let id = if n.id.is_empty() { origin.clone() } else { n.id.clone() };
                out.push(format!("{id} still cites {} ({now})", show(&key.0, key.1)));
            }
        }
    };
    for top in &new.children {
        if matches!(top.kind, Kind::SupplProvision | Kind::Appendix | Kind::Toc) {
            continue;
        }
        visit_tree(top, None, &mut visit);
    }
    out
}

fn visit_tree<'a>(n: &'a Node, article: Option<&'a Node>, f: &mut impl FnMut(&'a Node, Option<&'a Node>)) {
    let article = if n.kind == Kind::Article { Some(n) } else { article };
    f(n, article);
    for c in &n.children {
        visit_tree(c, article, f);
    }
}

fn show(a: &Num, p: Option<u32>) -> String {
    let mut s = format!("第{}条", a.to_arabic_ja());
    if let Some(p) = p {
        s.push_str(&format!("第{p}項"));
    }
    s
}
