//! What a reference points at: [`Resolver`] looks each reference found by [`super::find_references`] up in
//! the document, from the position of the text it stands in, and returns the EXISTING nodes (so their
//! [`Node::id`]s, never an ID built by hand) and the target as a path of (`Kind`, `Num`) steps.
//!
//! Scopes: in the main provision and in an original 附則, 第N条 means the main provision's article and
//! 附則第N条 a 附則 article; 前条/次条 are relative to the articles of the same part (main provision or that
//! 附則). 同条/同項/同号 repeat the last article, paragraph or item named in the same text. 第N条第M号 names an
//! item of the article's first paragraph. A 附則 of an amending act (one with an act number, or an extract
//! 抄) speaks of the amending act's articles, which the document does not hold: nothing in it resolves.
//!
//! ```
//! use kitei::refs::{Position, Resolver};
//! let doc = kitei::parse::parse_str("規程\n第1条　甲\n一　乙\n第2条　前条第一号及び法第3条による。\n").unwrap();
//! let resolver = Resolver::new(&doc);
//! let here = resolver.position("art_2__para_1").unwrap();
//! let refs = resolver.references(&here, &doc.find("art_2__para_1").unwrap().text);
//! assert_eq!(refs[0].node().map(|n| n.id.as_str()), Some("art_1__para_1__item_1"));
//! assert!(refs[1].reference.external && refs[1].node().is_none());
//! ```

use super::find::{find_references, Reference, Target};
use super::resolved::{Position, Resolved, Step};
use crate::model::{walk, Document, Kind, Node, Num};
use std::collections::HashMap;

/// A list of articles (the main provision's, one 附則's, all 附則's) indexed by number.
#[derive(Default)]
struct Articles<'a> {
    list: Vec<&'a Node>,
    by_num: HashMap<&'a Num, usize>,
    /// Articles standing for a range (第5条から第8条まで削除).
    ranged: Vec<usize>,
}

impl<'a> Articles<'a> {
    fn new(list: Vec<&'a Node>) -> Articles<'a> {
        let mut by_num = HashMap::new();
        let mut ranged = Vec::new();
        for (i, a) in list.iter().enumerate() {
            if a.num_end.is_some() {
                ranged.push(i);
            } else if let Some(n) = &a.num {
                by_num.entry(n).or_insert(i);
            }
        }
        Articles { list, by_num, ranged }
    }

    fn find(&self, n: &Num) -> Option<&'a Node> {
        let exact = self.by_num.get(n).map(|i| self.list[*i]);
        exact.or_else(|| {
            self.ranged.iter().map(|i| self.list[*i]).find(|a| match (&a.num, a.num_end.as_deref()) {
                (Some(x), Some(y)) => x <= n && n <= y,
                _ => false,
            })
        })
    }

    fn range(&self, a: &Num, b: &Num) -> Vec<&'a Node> {
        self.list.iter().copied().filter(|x| in_range(x, a, b)).collect()
    }
}

fn in_range(x: &Node, a: &Num, b: &Num) -> bool {
    x.num.as_ref().is_some_and(|n| a <= n && n <= b)
}

/// Looks references up in one document. Build it once per document (it indexes every node by ID).
pub struct Resolver<'a> {
    main: Articles<'a>,
    suppl_all: Articles<'a>,
    /// Each 附則's own articles, by the 附則's ID.
    suppl_own: HashMap<&'a str, Articles<'a>>,
    /// Each article's index in its own list (the main provision's or its 附則's), by ID.
    article_index: HashMap<&'a str, usize>,
    /// Every node and its position, by ID.
    nodes: HashMap<&'a str, (&'a Node, Position<'a>)>,
}

/// The nodes named last in a text, for 同条/同項/同号.
#[derive(Default, Clone, Copy)]
struct Last<'a> {
    article: Option<&'a Node>,
    paragraph: Option<&'a Node>,
    item: Option<&'a Node>,
}

/// What one level of a reference resolved to.
enum Found<'a> {
    One(&'a Node),
    /// Several provisions: deeper levels are not looked up.
    Many(Vec<&'a Node>),
    /// Cannot be known from this document.
    Unknown,
}

impl<'a> Resolver<'a> {
    /// Indexes `doc`.
    pub fn new(doc: &'a Document) -> Resolver<'a> {
        let main = doc.articles();
        let mut article_index = HashMap::new();
        for (i, a) in main.iter().enumerate() {
            article_index.insert(a.id.as_str(), i);
        }
        let mut suppl_own = HashMap::new();
        let mut all = Vec::new();
        for s in doc.suppl_provisions() {
            let mut own = Vec::new();
            walk::walk_node(s, &mut |c| {
                if c.kind == Kind::Article {
                    own.push(c)
                }
            });
            for (i, a) in own.iter().enumerate() {
                article_index.insert(a.id.as_str(), i);
            }
            all.extend(own.iter().copied());
            suppl_own.insert(s.id.as_str(), Articles::new(own));
        }
        let mut nodes = HashMap::new();
        walk::walk_with_ancestors(doc, &mut |n, anc| {
            nodes.insert(n.id.as_str(), (n, Position::of(n, anc)));
        });
        Resolver { main: Articles::new(main), suppl_all: Articles::new(all), suppl_own, article_index, nodes }
    }

    /// The node with this ID.
    pub fn node(&self, id: &str) -> Option<&'a Node> {
        self.nodes.get(id).map(|(n, _)| *n)
    }

    /// The position of the node with this ID.
    pub fn position(&self, id: &str) -> Option<Position<'a>> {
        self.nodes.get(id).map(|(_, p)| *p)
    }

    /// The path of an existing node: its article's number, then its paragraph's, then its item's (as far
    /// as the node goes), and whether it stands in a 附則. `None` outside articles.
    pub fn path_of(&self, id: &str) -> Option<(Vec<Step>, bool)> {
        let (n, pos) = self.nodes.get(id)?;
        let mut path = vec![(Kind::Article, pos.own_article()?.num.clone()?)];
        if matches!(n.kind, Kind::Paragraph | Kind::Item) {
            path.push((Kind::Paragraph, pos.paragraph?.num.clone()?));
        }
        if n.kind == Kind::Item {
            path.push((Kind::Item, pos.item?.num.clone()?));
        }
        Some((path, pos.suppl.is_some()))
    }

    /// Finds and resolves the references in `text`, which stands at `pos`.
    pub fn references(&self, pos: &Position<'a>, text: &str) -> Vec<Resolved<'a>> {
        self.resolve_all(pos, find_references(text))
    }

    /// Resolves references already found in a text standing at `pos` (in order: 同条 repeats the last
    /// article named).
    pub fn resolve_all(&self, pos: &Position<'a>, refs: Vec<Reference>) -> Vec<Resolved<'a>> {
        let mut last = Last::default();
        let mut out = Vec::with_capacity(refs.len());
        for r in refs {
            let mut res = Resolved::new(r);
            if res.reference.external || pos.in_amending_act() {
                out.push(res);
                continue;
            }
            match self.resolve(pos, &mut res, &last) {
                Ok(()) => {
                    let r = &res.reference;
                    let now = Last { article: res.article, paragraph: res.paragraph, item: res.item };
                    // 同条 is the last article named (前項 in between does not change it), 同項 the last
                    // paragraph named.
                    if r.article.is_some() {
                        last = now;
                    } else if r.paragraph.is_some() {
                        last.paragraph = now.paragraph;
                        last.item = now.item;
                    } else if r.item.is_some() {
                        last.item = now.item;
                    }
                }
                Err(why) => {
                    res.error = Some(why);
                    res.targets.clear();
                }
            }
            res.path = res.path_from(pos);
            let r = &res.reference;
            res.suppl = r.suppl
                || (pos.suppl.is_some() && !matches!(r.article, Some(Target::Num(_)) | Some(Target::Range(..))));
            out.push(res);
        }
        out
    }

    /// Resolves a reference level by level into `res`, or gives the reason it points nowhere.
    fn resolve(&self, pos: &Position<'a>, res: &mut Resolved<'a>, last: &Last<'a>) -> Result<(), String> {
        // Read beside `res` while its other fields are filled in, then put back (not copied).
        let r = std::mem::replace(&mut res.reference, Reference::empty());
        let outcome = self.resolve_levels(pos, &r, res, last);
        res.reference = r;
        outcome
    }

    /// [`Self::resolve`] of the reference `r`, read beside `res`.
    fn resolve_levels(
        &self,
        pos: &Position<'a>,
        r: &Reference,
        res: &mut Resolved<'a>,
        last: &Last<'a>,
    ) -> Result<(), String> {
        // The articles of the part the text stands in, for 前条 and 次条.
        let own: &Articles<'a> = match pos.suppl {
            Some(s) => self.suppl_own.get(s.id.as_str()).unwrap_or(&self.suppl_all),
            None => &self.main,
        };
        let here = pos.own_article();
        let idx = here.and_then(|h| self.article_index.get(h.id.as_str()).copied());
        // Where absolute article numbers are looked up.
        let scope: &Articles<'a> = match (r.suppl, pos.suppl.is_some()) {
            (true, true) => own,
            (true, false) => &self.suppl_all,
            (false, _) => &self.main,
        };
        let missing = |n: &Num| {
            let where_ = if r.suppl { "in the 附則" } else { "in this regulation" };
            format!("there is no {} {where_}", name(Kind::Article, n))
        };
        let art: Found<'a> = match &r.article {
            None => pos.article.map(Found::One).unwrap_or(Found::Unknown),
            Some(Target::Num(n)) => Found::One(scope.find(n).ok_or_else(|| missing(n))?),
            Some(Target::Range(a, b)) => {
                for n in [a, b] {
                    scope.find(n).ok_or_else(|| missing(n))?;
                }
                Found::Many(scope.range(a, b))
            }
            Some(Target::Previous(k)) => match idx {
                Some(i) if i >= *k as usize => many_or_one(own.list[i - *k as usize..i].to_vec()),
                Some(i) => return Err(format!("only {i} article(s) precede this one")),
                None => Found::Unknown,
            },
            Some(Target::PreviousAll) => match idx {
                Some(0) => return Err("no article precedes this one".into()),
                Some(i) => Found::Many(own.list[..i].to_vec()),
                None => Found::Unknown,
            },
            Some(Target::Next) => match idx {
                Some(i) => Found::One(own.list.get(i + 1).copied().ok_or("no article follows this one")?),
                None => Found::Unknown,
            },
            Some(Target::Same) => last.article.map(Found::One).unwrap_or(Found::Unknown),
            Some(Target::All) => Found::Unknown,
        };
        let article = match art {
            Found::One(a) => a,
            Found::Many(v) => {
                if r.paragraph.is_none() && r.item.is_none() {
                    res.targets = v;
                }
                return Ok(());
            }
            Found::Unknown => return Ok(()),
        };
        res.article = Some(article);
        if article.deleted || (r.paragraph.is_none() && r.item.is_none()) {
            res.targets = vec![article];
            return Ok(());
        }
        let paras: Vec<&'a Node> = article.children_of(Kind::Paragraph).collect();
        let relative = r.article.is_none();
        let here_para = pos.paragraph.and_then(|p| paras.iter().position(|q| std::ptr::eq(*q, p)));
        let no_para = |m: &Num| format!("{} has no {}", label(article), name(Kind::Paragraph, m));
        let para: Found<'a> = match &r.paragraph {
            None if relative => pos.paragraph.map(Found::One).unwrap_or(Found::Unknown),
            None => paras.first().copied().map(Found::One).unwrap_or(Found::Unknown),
            Some(Target::Num(m)) => Found::One(find_num(&paras, m).ok_or_else(|| no_para(m))?),
            Some(Target::Range(a, b)) => {
                for m in [a, b] {
                    find_num(&paras, m).ok_or_else(|| no_para(m))?;
                }
                Found::Many(paras.iter().copied().filter(|x| in_range(x, a, b)).collect())
            }
            Some(Target::Previous(k)) if relative => match here_para {
                Some(i) if i >= *k as usize => many_or_one(paras[i - *k as usize..i].to_vec()),
                Some(0) => return Err("this is the first paragraph".into()),
                Some(i) => return Err(format!("only {i} paragraph(s) precede this one")),
                None => Found::Unknown,
            },
            Some(Target::PreviousAll) if relative => match here_para {
                Some(0) => return Err("this is the first paragraph".into()),
                Some(i) => Found::Many(paras[..i].to_vec()),
                None => Found::Unknown,
            },
            Some(Target::Next) if relative => match here_para {
                Some(i) => Found::One(paras.get(i + 1).copied().ok_or("no paragraph follows this one")?),
                None => Found::Unknown,
            },
            Some(Target::Same) => last.paragraph.map(Found::One).unwrap_or(Found::Unknown),
            _ => Found::Unknown,
        };
        res.single_paragraph_cited = !r.inherited
            && matches!(r.article, Some(Target::Num(_)))
            && r.paragraph == Some(Target::Num(Num::simple(1)))
            && paras.len() == 1;
        let paragraph = match para {
            Found::One(p) => p,
            Found::Many(v) => {
                if r.item.is_none() {
                    res.targets = v;
                }
                return Ok(());
            }
            Found::Unknown => return Ok(()),
        };
        res.paragraph = Some(paragraph);
        let Some(item_ref) = &r.item else {
            res.targets = vec![paragraph];
            return Ok(());
        };
        let items: Vec<&'a Node> = paragraph.children_of(Kind::Item).collect();
        let same_para = pos.paragraph.is_some_and(|p| std::ptr::eq(p, paragraph));
        let here_item = pos.item.filter(|_| same_para).and_then(|it| items.iter().position(|q| std::ptr::eq(*q, it)));
        let whose =
            || if paragraph.label.is_empty() { label(article) } else { format!("paragraph {}", paragraph.label) };
        let no_item = |k: &Num| format!("{} has no {}", whose(), name(Kind::Item, k));
        res.targets = match item_ref {
            Target::Num(k) => {
                let item = find_num(&items, k).ok_or_else(|| no_item(k))?;
                res.item = Some(item);
                vec![item]
            }
            Target::Range(a, b) => {
                for k in [a, b] {
                    find_num(&items, k).ok_or_else(|| no_item(k))?;
                }
                items.iter().copied().filter(|x| in_range(x, a, b)).collect()
            }
            Target::Previous(k) => match here_item {
                Some(i) if i >= *k as usize => {
                    res.item = (*k == 1).then(|| items[i - 1]);
                    items[i - *k as usize..i].to_vec()
                }
                Some(0) => return Err("this is the first item".into()),
                Some(i) => return Err(format!("only {i} item(s) precede this one")),
                None => Vec::new(),
            },
            Target::PreviousAll => match here_item {
                Some(0) => return Err("this is the first item".into()),
                Some(i) => items[..i].to_vec(),
                None => Vec::new(),
            },
            Target::Next => match here_item {
                Some(i) => {
                    let item = items.get(i + 1).copied().ok_or("no item follows this one")?;
                    res.item = Some(item);
                    vec![item]
                }
                None => Vec::new(),
            },
            Target::Same => {
                res.item = last.item;
                last.item.into_iter().collect()
            }
            Target::All => {
                if items.is_empty() && !relative {
                    return Err(format!("{} has no items", whose()));
                }
                if items.is_empty() && r.paragraph.is_some() {
                    return Err("the paragraph referred to has no items".into());
                }
                items
            }
        };
        Ok(())
    }
}

fn many_or_one(v: Vec<&Node>) -> Found<'_> {
    match v.as_slice() {
        [one] => Found::One(one),
        _ => Found::Many(v),
    }
}

fn find_num<'a>(list: &[&'a Node], n: &Num) -> Option<&'a Node> {
    list.iter().copied().find(|p| match (&p.num, p.num_end.as_deref()) {
        (Some(x), Some(y)) => x <= n && n <= y,
        (Some(x), None) => x == n,
        _ => false,
    })
}

fn label(article: &Node) -> String {
    if article.label.is_empty() {
        article.kind.as_str().to_string()
    } else {
        article.label.clone()
    }
}

/// 第3条, 第2項, 第1号 (Arabic numerals, for messages).
pub fn name(kind: Kind, n: &Num) -> String {
    let unit = match kind {
        Kind::Article => '条',
        Kind::Paragraph => '項',
        _ => '号',
    };
    let mut s = format!("第{}{unit}", n.main());
    for b in n.0.iter().skip(1) {
        s.push_str(&format!("の{b}"));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "規程\n第1条　甲\n第2条　乙\n２　丙\n一　丁\n二　戊\n第3条　己\n一　庚\n二　辛\n第4条　{}\n附　則\n第1条　施行する。\n第2条　前条による。\n";

    /// The references of 第4条's text, each as (written, ID of the one target or "-", error?).
    fn read(text: &str) -> Vec<(String, String, bool)> {
        let doc = crate::parse::parse_str(&DOC.replace("{}", text)).unwrap();
        let r = Resolver::new(&doc);
        let here = r.position("art_4__para_1").unwrap();
        r.references(&here, text)
            .into_iter()
            .map(|x| {
                let id = x.node().map_or("-".to_string(), |n| n.id.clone());
                (text[x.reference.range.clone()].to_string(), id, x.error.is_some())
            })
            .collect()
    }

    fn s(w: &str, id: &str) -> (String, String, bool) {
        (w.into(), id.into(), false)
    }

    #[test]
    fn this_regulation_is_internal_and_another_law_external() {
        assert_eq!(read("この規程第2条第2項による。"), [s("第2条第2項", "art_2__para_2")]);
        assert_eq!(read("この規則第3条による。"), [s("第3条", "art_3")]);
        assert_eq!(read("法第3条及び民法第十条による。"), [s("第3条", "-"), s("第十条", "-")]);
    }

    #[test]
    fn an_item_of_an_article_is_an_item_of_its_first_paragraph() {
        assert_eq!(read("第3条第2号による。"), [s("第3条第2号", "art_3__para_1__item_2")]);
        // Lists carry the article (and paragraph) over.
        let r = read("第2条第2項第1号及び第2号による。");
        assert_eq!(r[1], s("第2号", "art_2__para_2__item_2"));
        // A number the document does not have points nowhere.
        assert_eq!(read("第3条第3号による。"), [("第3条第3号".into(), "-".into(), true)]);
    }

    #[test]
    fn relative_references_follow_the_position() {
        assert_eq!(read("前条第二号による。"), [s("前条第二号", "art_3__para_1__item_2")]);
        assert_eq!(read("「前条」を「次条」に改める。"), []);
        assert_eq!(read("第2条第2項及び同条第1項による。")[1], s("同条第1項", "art_2__para_1"));
        // 前二条: two articles.
        let doc = crate::parse::parse_str(&DOC.replace("{}", "前二条による。")).unwrap();
        let r = Resolver::new(&doc);
        let x = &r.references(&r.position("art_4__para_1").unwrap(), "前二条による。")[0];
        let ids: Vec<&str> = x.targets.iter().map(|n| n.id.as_str()).collect();
        assert_eq!(ids, ["art_2", "art_3"]);
        assert!(x.path.is_empty());
        // 前条 in a 附則 is the 附則's previous article.
        let y = &r.references(&r.position("suppl_1__art_2__para_1").unwrap(), "前条による。")[0];
        assert_eq!((y.node().map(|n| n.id.as_str()), y.suppl), (Some("suppl_1__art_1"), true));
    }

    #[test]
    fn paths_keep_written_numbers() {
        let doc = crate::parse::parse_str(&DOC.replace("{}", "第9条第2号による。")).unwrap();
        let r = Resolver::new(&doc);
        let x = &r.references(&r.position("art_4__para_1").unwrap(), "第9条第2号による。")[0];
        let want =
            vec![(Kind::Article, Num::simple(9)), (Kind::Paragraph, Num::simple(1)), (Kind::Item, Num::simple(2))];
        assert_eq!(x.path, want);
        assert!(x.error.is_some());
        assert_eq!(r.path_of("art_2__para_2__item_1").unwrap().0.len(), 3);
    }
}
