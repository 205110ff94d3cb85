//! Extracting checklist entries from a parsed regulation: one entry per actionable provision.
//!
//! * Each paragraph (項) or item (号, and subitems below it) whose text is actionable by [`classify`](super::classify)
//!   becomes an [`Entry`], keyed by the provision's model ID.
//! * A 柱書 with items becomes one entry per item, each readable on its own: the 柱書 with 「次の各号に掲げる」
//!   shortened to 「次の」, then 「：」 and the item. The items take the 柱書's class.
//! * ただし書 (`SentenceRole::Proviso`) sentences are attached to their main clause as `exceptions`.
//! * By default only what an auditor can check becomes an entry ([`Class::is_actionable`]). Purpose and
//!   definition articles (caption 目的, 定義, 用語の定義, 趣旨), constitutive sentences (「…により構成する」),
//!   legal effects, delegations, incapacities and sanctions are listed only with [`Options::all`]; 附則
//!   (enforcement clauses) and 削除 placeholders never are.
//! * A provision in a 罰則 chapter, or ending in 「…に処する」, is a sanction: the duty it cites gets it as a
//!   `penalties` line (「罰則: 第32条（一年以下の拘禁刑又は五十万円以下の罰金）」, [`super::penalty`]).
//! * 「前項と同様とする」 takes the class of the provision it cites.
//! * A main provision of bare paragraphs (a short 政令 without 条) is read as one article (本則).
//!
//! ```
//! let doc = kitei::parse::parse_str("規程\n第1条　統括管理責任者を置く。\n第2条　機構は、次に掲げる措置を講ずる。\n(1) 入力の管理\n(2) 消去の管理\n").unwrap();
//! let list = kitei::checklist::extract(&doc, &kitei::checklist::Options::default());
//! let ids: Vec<_> = list.entries.iter().map(|e| e.id.as_str()).collect();
//! assert_eq!(ids, ["art_1__para_1", "art_2__para_1__item_1", "art_2__para_1__item_2"]);
//! assert_eq!(list.entries[1].label, "第2条第1号");
//! assert_eq!(list.entries[1].text, "機構は、次の措置を講ずる：入力の管理");
//! ```

use super::classify::{classify_sentence, stronger, Class, Classified};
use super::party::{find_party, inferred, Party};
use super::penalty::{self, Sanction};
use crate::model::{Document, Kind, Node, SentenceRole};
use crate::refs::Resolver;
use serde::{Deserialize, Serialize};

/// What to extract.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// List every classified provision (purpose, definition, constitutive, legal effect, delegation, incapacity,
    /// sanction), not only what an auditor can check.
    pub all: bool,
    /// The party assumed when the text names none (marked `inferred`). `None` (the default) infers it from
    /// the regulation ([`default_party`](super::party::default_party): 「（以下「機構」という。）」, or the
    /// organisation most often named as a subject); when nothing is found the party is left empty.
    pub default_party: Option<String>,
}

/// The chapter (or other top-level group) an entry belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Group {
    /// The group's ID (`chp_4`).
    pub id: String,
    /// Label and caption (`第4章 安全管理`).
    pub title: String,
}

/// One checklist entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// The provision's model ID (`art_11__para_1__item_3`).
    pub id: String,
    /// The citation (`第11条第3号`; 第N項 only when the article has two or more paragraphs).
    pub label: String,
    /// The article's ID (`art_11`).
    pub article_id: String,
    /// The article's label (`第11条`).
    pub article_label: String,
    /// The article's caption (見出し), if any.
    pub heading: Option<String>,
    /// The chapter it stands in, if any.
    pub group: Option<Group>,
    /// What the provision asks.
    pub classification: Class,
    /// The ending that decided the class (`講ずる`, `してはならない`…; empty for the bare-verb rule).
    pub predicate: String,
    /// Who is responsible, where known.
    pub party: Option<Party>,
    /// The provision's text, readable on its own (柱書 + 「：」 + item for items), without ただし書.
    pub text: String,
    /// ただし書 attached to the main clause.
    #[serde(default)]
    pub exceptions: Vec<String>,
    /// The English translation of the provision, where one is known.
    pub english: Option<String>,
    /// The sanctions (罰則) that cite this provision: 「罰則: 第32条（一年以下の拘禁刑…）」.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub penalties: Vec<String>,
}

/// The checklist of one regulation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Checklist {
    /// The regulation's title.
    pub title: String,
    /// The entries, in document order.
    pub entries: Vec<Entry>,
}

impl Checklist {
    /// The entry with this ID.
    pub fn get(&self, id: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.id == id)
    }

    /// Fills `english` from a map provision ID → English text (from the translation parser). An item's English
    /// is its 柱書's English, 「: 」 and the item's, as for the Japanese.
    pub fn attach_english(&mut self, english: &std::collections::BTreeMap<String, String>) {
        for e in &mut self.entries {
            let Some(own) = english.get(&e.id) else { continue };
            let mut parts = Vec::new();
            let mut id = e.id.as_str();
            while let Some(i) = id.rfind("__") {
                id = &id[..i];
                if id.contains("__para_") || id.contains("__item_") {
                    if let Some(t) = english.get(id) {
                        parts.push(t.trim_end_matches(':').to_string());
                    }
                }
            }
            parts.reverse();
            let own = own.trim();
            let own = if parts.is_empty() {
                own
            } else {
                // An item read on its own: without the list punctuation (「…;」「…; and」).
                ["; and", "; or", ";", "."].iter().fold(own, |t, end| t.strip_suffix(end).unwrap_or(t))
            };
            parts.push(own.to_string());
            e.english = Some(parts.join(": "));
        }
    }
}

/// The provision ID → text map of a translation parsed into the model (same IDs as the original), for
/// [`Checklist::attach_english`].
pub fn text_by_id(doc: &Document) -> std::collections::BTreeMap<String, String> {
    let mut map = std::collections::BTreeMap::new();
    crate::model::walk::walk(doc, &mut |n| {
        if matches!(n.kind, Kind::Paragraph | Kind::Item | Kind::Subitem) && !n.text.trim().is_empty() {
            map.insert(n.id.clone(), n.text.trim().to_string());
        }
    });
    map
}

/// Captions of articles that state a purpose or define terms.
pub const DEFINITION_CAPTIONS: &[&str] = &["目的", "趣旨", "定義", "用語の定義", "用語の意義"];

/// Extracts the checklist of a regulation (the main provisions; 附則 are enforcement clauses and give none).
pub fn extract(doc: &Document, opts: &Options) -> Checklist {
    let mut entries = Vec::new();
    let mut opts = opts.clone();
    if opts.default_party.is_none() {
        let mut texts = Vec::new();
        for a in doc.articles() {
            crate::model::walk::walk_node(a, &mut |n| texts.push(n.text.as_str()));
        }
        opts.default_party = super::party::default_party(&texts);
    }
    let resolver = Resolver::new(doc);
    let enacted = super::statute::is_enacted(doc.number.as_deref());
    let mut sanctions = Vec::new();
    let mut out = Out { entries: &mut entries, sanctions: &mut sanctions };
    visit(&doc.children, None, (&opts, enacted), &resolver, &mut out);
    // 本則 of bare paragraphs (no 条): one article of its own.
    let bare = if doc.articles().is_empty() { bare_paragraphs(doc) } else { Vec::new() };
    if !bare.is_empty() {
        let refs: Vec<&Node> = bare.iter().collect();
        let ctx = Ctx {
            art_id: &bare[0].id,
            heading: None,
            group: None,
            art_label: "本則",
            enacted,
            opts: &opts,
            resolver: &resolver,
        };
        paragraphs(&ctx, &refs, &mut out);
    }
    penalty::attach(&resolver, &sanctions, &mut entries);
    Checklist { title: doc.title.clone(), entries }
}

/// The paragraphs of a 本則 without 条. The 2013 plain-text layout reads its first paragraph as a 前文 (after the
/// 制定文 「…この政令を制定する。」), and when items follow, as a 前文 then an empty paragraph holding the items:
/// such a 前文 is taken as the paragraph's text.
fn bare_paragraphs(doc: &Document) -> Vec<Node> {
    let mut out: Vec<Node> = Vec::new();
    let mut pending: Option<&Node> = None;
    for n in &doc.children {
        match n.kind {
            Kind::Preamble | Kind::EnactStatement => {
                let enacting = n.kind == Kind::EnactStatement || n.text.trim_end().ends_with("制定する。");
                if let Some(p) = pending.take() {
                    out.push(p.clone());
                }
                if !enacting {
                    pending = Some(n);
                }
            }
            Kind::Paragraph => {
                let mut para = n.clone();
                if let Some(p) = pending.take() {
                    if para.text.trim().is_empty() {
                        para.text = p.text.clone();
                        para.sentences = p.sentences.clone();
                    } else {
                        out.push(p.clone());
                    }
                }
                out.push(para);
            }
            _ => {}
        }
    }
    out.extend(pending.cloned());
    for p in &mut out {
        p.kind = Kind::Paragraph;
    }
    out
}

/// What the walk collects: the entries, and the sanctions to attach to the duties they cite.
struct Out<'o> {
    entries: &'o mut Vec<Entry>,
    sanctions: &'o mut Vec<Sanction>,
}

fn visit(nodes: &[Node], group: Option<&Group>, opts: (&Options, bool), resolver: &Resolver, out: &mut Out) {
    for n in nodes {
        match n.kind {
            k if k.is_group() => {
                let g = match group {
                    Some(g) => g.clone(),
                    None => Group { id: n.id.clone(), title: join_title(&n.label, n.heading.as_deref()) },
                };
                // A 罰則 chapter below a top-level group still makes its provisions sanctions.
                let g = match n.heading.as_deref() {
                    Some(h) if h.contains("罰則") && !g.title.contains("罰則") => {
                        Group { id: g.id, title: format!("{} {h}", g.title) }
                    }
                    _ => g,
                };
                visit(&n.children, Some(&g), opts, resolver, out);
            }
            Kind::Article => article(n, group, opts, resolver, out),
            _ => {}
        }
    }
}

fn join_title(label: &str, heading: Option<&str>) -> String {
    match heading {
        Some(h) if !label.is_empty() => format!("{label} {h}"),
        Some(h) => h.to_string(),
        None => label.to_string(),
    }
}

fn article(art: &Node, group: Option<&Group>, opts: (&Options, bool), resolver: &Resolver, out: &mut Out) {
    let (opts, enacted) = opts;
    if art.deleted {
        return;
    }
    let definitional = art.heading.as_deref().is_some_and(|h| DEFINITION_CAPTIONS.contains(&h));
    if definitional && !opts.all {
        return;
    }
    let paras: Vec<&Node> = art.children.iter().filter(|c| c.kind == Kind::Paragraph).collect();
    let art_num = art.num.as_ref().map(|n| n.to_arabic_ja()).unwrap_or_default();
    let art_label = format!("第{art_num}条");
    let ctx =
        Ctx { art_id: &art.id, heading: art.heading.as_deref(), group, art_label: &art_label, enacted, opts, resolver };
    paragraphs(&ctx, &paras, out);
}

fn paragraphs(ctx: &Ctx, paras: &[&Node], out: &mut Out) {
    let single = paras.len() <= 1;
    for p in paras {
        if p.deleted {
            continue;
        }
        let num = p.num.as_ref().map(|n| n.to_arabic_ja()).unwrap_or("1".into());
        let label = match (single, ctx.art_label) {
            (true, l) => l.to_string(),
            (false, "本則") => format!("第{num}項"),
            (false, l) => format!("{l}第{num}項"),
        };
        provision(ctx, p, &label, None, out);
    }
}

struct Ctx<'a> {
    art_id: &'a str,
    heading: Option<&'a str>,
    group: Option<&'a Group>,
    art_label: &'a str,
    /// True in an enacted law ([`statute::is_enacted`](super::statute::is_enacted)).
    enacted: bool,
    opts: &'a Options,
    resolver: &'a Resolver<'a>,
}

impl Ctx<'_> {
    /// True in a 罰則 chapter or an article captioned 罰則.
    fn in_penalties(&self) -> bool {
        self.group.is_some_and(|g| g.title.contains("罰則")) || self.heading.is_some_and(|h| h.contains("罰則"))
    }
}

/// The 柱書 inherited by an item: its text (shortened) and its classification.
struct Chapeau {
    text: String,
    class: Class,
    predicate: &'static str,
    party: Option<Party>,
    exceptions: Vec<String>,
    /// The sanction sentence of a 罰則 柱書 (「次の各号のいずれかに該当する者は、…に処する。」).
    sentence: String,
}

/// The class of a provision's main sentences: the first decides, and a later one overrides it only when an
/// explicit ending makes it a stronger duty (「…することができる。…終了する。」 stays a permission, and
/// 「…準用する。この場合において、必要な技術的読替えは、政令で定める。」 stays constitutive: a later sentence that
/// asks nothing of anyone does not replace the first).
fn own_class(ctx: &Ctx, node: &Node, main: &[&str], depth: u8) -> Classified {
    let mut acc = Classified { class: Class::Unclassified, ending: "", weak: false };
    for s in main {
        let mut c = classify_sentence(s);
        if c.ending == "同様とする" {
            c = same_as_cited(ctx, node, s, depth).unwrap_or(c);
        }
        let replaces = acc.class == Class::Unclassified
            || (c.class.is_actionable() && !c.weak && stronger(acc.class, c.class) != acc.class)
            || (acc.weak && !c.weak && c.class == acc.class);
        if replaces {
            acc = c;
        }
    }
    acc
}

/// 「前項と同様とする」「第三条の規定と同様とする」: the class of the provision cited (its main sentences).
fn same_as_cited(ctx: &Ctx, node: &Node, sentence: &str, depth: u8) -> Option<Classified> {
    if depth > 2 {
        return None;
    }
    let pos = ctx.resolver.position(&node.id)?;
    let target = ctx.resolver.references(&pos, sentence).into_iter().rev().find_map(|r| r.anchor())?;
    let texts: Vec<&str> =
        target.sentences.iter().filter(|s| s.role != SentenceRole::Proviso).map(|s| s.text.as_str()).collect();
    let texts = if texts.is_empty() { vec![target.text.as_str()] } else { texts };
    let c = own_class(ctx, target, &texts, depth + 1);
    (c.class != Class::Unclassified).then_some(c)
}

fn provision(ctx: &Ctx, node: &Node, label: &str, chapeau: Option<&Chapeau>, out: &mut Out) {
    let items: Vec<&Node> =
        node.children.iter().filter(|c| matches!(c.kind, Kind::Item | Kind::Subitem) && !c.deleted).collect();
    let main: Vec<&str> =
        node.sentences.iter().filter(|s| s.role != SentenceRole::Proviso).map(|s| s.text.as_str()).collect();
    let main_text: String = if node.sentences.is_empty() { node.text.clone() } else { main.concat() };
    let mut exceptions: Vec<String> =
        node.sentences.iter().filter(|s| s.role == SentenceRole::Proviso).map(|s| s.text.clone()).collect();

    // The provision's own class: its first main sentence, or a later one with a stronger explicit ending.
    let sentences = if main.is_empty() { vec![main_text.as_str()] } else { main.clone() };
    let own = own_class(ctx, node, &sentences, 0);
    let (mut class, mut predicate) = (own.class, own.ending);
    // In an enacted law a bare verb with a thing as subject is a rule of the law (「…から控除する」), not a duty.
    if ctx.enacted && own.weak && class == Class::Obligation && super::statute::is_legal_rule(sentences[0]) {
        (class, predicate) = (Class::Constitutive, "");
    }
    if ctx.in_penalties() && chapeau.is_none() && !matches!(class, Class::Definition | Class::Purpose) {
        (class, predicate) = (Class::Sanction, if predicate.is_empty() { "罰則" } else { predicate });
    }
    // The first paragraph of an article captioned 目的 or 趣旨 states the purpose (「…を定めるものである」).
    let purpose_caption = ctx.heading.is_some_and(|h| h == "目的" || h == "趣旨");
    if purpose_caption && chapeau.is_none() && node.num.as_ref().is_none_or(|n| n.to_arabic_ja() == "1") {
        (class, predicate) = (Class::Purpose, "目的");
    }
    // An item of a list of duties that says what not to do (「…を漏らさないこと。」) is a prohibition.
    if chapeau.is_some_and(|c| c.class == Class::Obligation) {
        let t = super::classify::strip_end(&main_text);
        if t.ends_with("ないこと") && !t.ends_with("なければならないこと") {
            (class, predicate) = (Class::Prohibition, "ないこと");
        }
    }
    let own_party = main.iter().find_map(|s| find_party(s)).or_else(|| find_party(&main_text));
    // No subject, but 「他の社員の…」: one of the 社員 is bound, before the organisation by default.
    let own_party = own_party.or_else(|| super::party::implied_by_others(&main_text));

    // An item inherits its 柱書's class unless its own text decides (a defining item, a full sentence).
    let (class, predicate, party, text) = match chapeau {
        Some(ch) => {
            let own_decides = class != Class::Unclassified
                && !own.weak
                && (predicate == "ないこと" || class != Class::Constitutive)
                && ch.class != Class::Sanction
                && ch.class != Class::Definition;
            let text = format!("{}：{}", ch.text, main_text.trim_end_matches('。'));
            exceptions.splice(0..0, ch.exceptions.iter().cloned());
            if own_decides {
                (class, predicate, own_party.or(ch.party.clone()), text)
            } else {
                // A noun-phrase item (「…会社が求めるもの」) is bound by its 柱書's party, not by a name inside it.
                (ch.class, ch.predicate, ch.party.clone().or(own_party), text)
            }
        }
        None => (class, predicate, own_party, main_text.clone()),
    };

    if !items.is_empty() {
        let ch = Chapeau {
            text: shorten_chapeau(&text),
            class,
            predicate,
            party: party.clone(),
            exceptions: exceptions.clone(),
            sentence: match chapeau {
                Some(c) => c.sentence.clone(),
                None => main_text.clone(),
            },
        };
        for it in items {
            let num = it.num.as_ref().map(|n| n.to_arabic_ja()).unwrap_or_default();
            let l = match it.kind {
                Kind::Item => format!("{label}第{num}号"),
                // イ, (1)… as written; a bullet (「-」「・」) by its number.
                _ if it.label.chars().any(|c| c.is_alphanumeric()) => format!("{label}{}", it.label),
                _ => format!("{label}({num})"),
            };
            provision(ctx, it, &l, Some(&ch), out);
        }
        return;
    }

    if class == Class::Sanction {
        let sentence = chapeau.map(|c| c.sentence.as_str()).unwrap_or(&main_text);
        out.sanctions.push(Sanction {
            id: node.id.clone(),
            label: label.to_string(),
            citing: main_text.clone(),
            penalty: penalty::penalty_phrase(sentence),
        });
    }
    let wanted = class.is_actionable() || (ctx.opts.all && !matches!(class, Class::Exception | Class::Unclassified));
    if !wanted || text.trim().is_empty() || node.deleted {
        return;
    }
    let party = match party {
        Some(p) => Some(p),
        None if class.is_actionable() => ctx.opts.default_party.as_deref().map(inferred),
        None => None,
    };
    out.entries.push(Entry {
        id: node.id.clone(),
        label: label.to_string(),
        article_id: ctx.art_id.to_string(),
        article_label: ctx.art_label.to_string(),
        heading: ctx.heading.map(str::to_string),
        group: ctx.group.cloned(),
        classification: class,
        predicate: predicate.to_string(),
        party,
        text,
        exceptions,
        english: None,
        penalties: Vec::new(),
    });
}

/// 「…次の各号に掲げる措置を講ずる。」 → 「…次の措置を講ずる」: the 柱書 as the head of a standalone entry.
pub fn shorten_chapeau(text: &str) -> String {
    let mut t = text.trim().trim_end_matches('。').to_string();
    for long in ["次の各号に掲げる", "次に掲げる", "次の各号の"] {
        t = t.replace(long, "次の");
    }
    t
}

#[cfg(test)]
mod tests;
