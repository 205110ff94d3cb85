//! What the resolver works from and returns: the [`Position`] of a text (the nodes around it) and, for each
//! reference, a [`Resolved`] holding the existing provisions it points at and its path of steps.
//!
//! ```
//! use kitei::refs::Position;
//! let doc = kitei::parse::parse_str("規程\n第1条　甲\n一　乙\n").unwrap();
//! let article = &doc.children[0];
//! let paragraph = &article.children[0];
//! let item = &paragraph.children[0];
//! let pos = Position::of(item, &[article, paragraph]);
//! assert_eq!(pos.article.unwrap().id, "art_1");
//! assert_eq!(pos.item.unwrap().id, "art_1__para_1__item_1");
//! ```

use super::find::{Reference, Target};
use crate::model::{Kind, Node, Num};

/// One step of a target's path: 第5条 is `(Kind::Article, 5)`.
pub type Step = (Kind, Num);

/// Where a text stands: the nodes around it.
#[derive(Debug, Clone, Copy, Default)]
pub struct Position<'a> {
    /// The 附則 containing it, if any.
    pub suppl: Option<&'a Node>,
    /// The enclosing article, or the 附則 itself when its paragraphs stand without articles.
    pub article: Option<&'a Node>,
    /// The enclosing paragraph.
    pub paragraph: Option<&'a Node>,
    /// The enclosing item.
    pub item: Option<&'a Node>,
}

impl<'a> Position<'a> {
    /// The position of `node`, given its ancestors (outermost first), as [`crate::model::walk::walk_with_ancestors`]
    /// gives them.
    pub fn of(node: &'a Node, ancestors: &[&'a Node]) -> Position<'a> {
        let find = |k: Kind| std::iter::once(node).chain(ancestors.iter().rev().copied()).find(|a| a.kind == k);
        let suppl = find(Kind::SupplProvision);
        Position {
            suppl,
            article: find(Kind::Article).or(suppl),
            paragraph: find(Kind::Paragraph),
            item: find(Kind::Item),
        }
    }

    /// True in a 附則 of an amending act (it has the act's number, or is an extract 抄): its references are to
    /// the amending act's articles.
    pub fn in_amending_act(&self) -> bool {
        self.suppl.is_some_and(|s| s.heading.is_some() || s.attrs.get("extract").is_some_and(|v| v == "true"))
    }

    pub(super) fn own_article(&self) -> Option<&'a Node> {
        self.article.filter(|a| a.kind == Kind::Article)
    }
}

/// A reference and what it points at.
#[derive(Debug, Clone)]
pub struct Resolved<'a> {
    /// The reference as found.
    pub reference: Reference,
    /// The target as (Kind, Num) steps from the article down, as far as each level names one provision
    /// (written numbers are kept even when nothing has them). Empty for external references.
    pub path: Vec<Step>,
    /// True when the path is in a 附則 (附則第N条, or 前条 inside a 附則), not in the main provision.
    pub suppl: bool,
    /// The article named, when it is one existing article.
    pub article: Option<&'a Node>,
    /// The paragraph named, when it is one existing paragraph.
    pub paragraph: Option<&'a Node>,
    /// The item named, when it is one existing item.
    pub item: Option<&'a Node>,
    /// The existing provisions pointed at, at the finest level named (several for 前二条, ranges, 前各号,
    /// 各号; empty when unknown or missing).
    pub targets: Vec<&'a Node>,
    /// Why the reference points nowhere (a number the document does not have, 前条 of the first article).
    pub error: Option<String>,
    /// True for 第N条第1項 cited for an article that has only one paragraph.
    pub single_paragraph_cited: bool,
}

impl<'a> Resolved<'a> {
    pub(super) fn new(reference: Reference) -> Resolved<'a> {
        Resolved {
            reference,
            path: Vec::new(),
            suppl: false,
            article: None,
            paragraph: None,
            item: None,
            targets: Vec::new(),
            error: None,
            single_paragraph_cited: false,
        }
    }

    /// The path of a resolved reference: written numbers, and the numbers of the provisions relative levels
    /// resolved to; it stops at the first level that names several provisions or cannot be known.
    pub(super) fn path_from(&self, pos: &Position<'_>) -> Vec<Step> {
        let res = self;
        let r = &res.reference;
        let num = |n: Option<&Node>| n.and_then(|n| n.num.clone());
        let mut out = Vec::new();
        let article = match &r.article {
            Some(Target::Num(n)) => Some(n.clone()),
            None => num(pos.own_article()),
            Some(Target::Previous(1) | Target::Next | Target::Same) => num(res.article),
            Some(_) => None,
        };
        let Some(article) = article else { return out };
        out.push((Kind::Article, article));
        if r.paragraph.is_none() && r.item.is_none() {
            return out;
        }
        let relative = r.article.is_none();
        let paragraph = match &r.paragraph {
            Some(Target::Num(m)) => Some(m.clone()),
            None if relative => num(pos.paragraph),
            None => num(res.paragraph).or(Some(Num::simple(1))),
            Some(Target::Previous(1) | Target::Next | Target::Same) => num(res.paragraph),
            Some(_) => None,
        };
        let Some(paragraph) = paragraph else { return out };
        out.push((Kind::Paragraph, paragraph));
        let item = match &r.item {
            Some(Target::Num(k)) => Some(k.clone()),
            Some(Target::Previous(1) | Target::Next | Target::Same) => num(res.item),
            _ => None,
        };
        if let Some(item) = item {
            out.push((Kind::Item, item));
        }
        out
    }

    /// The one existing provision pointed at, if there is exactly one.
    pub fn node(&self) -> Option<&'a Node> {
        match self.targets.as_slice() {
            [n] => Some(n),
            _ => None,
        }
    }

    /// The provision to link to: the one pointed at, else the deepest single provision named (the paragraph
    /// of 前項各号), else the first of several (第5条から第8条まで → 第5条).
    pub fn anchor(&self) -> Option<&'a Node> {
        self.node().or(self.item).or(self.paragraph).or(self.article).or_else(|| self.targets.first().copied())
    }
}
