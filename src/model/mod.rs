//! The regulation tree: the one data structure every consumer reads.
//!
//! A [`Document`] is a regulation (規程, 規則 or 法令): its title and number, and a list of top-level
//! [`Node`]s (目次, 編/章/節/款/目, 条, 附則, 別表…). Every node has a [`Kind`], an ID in Akoma Ntoso eId
//! style (assigned only by [`ids::assign_ids`]), a normalised [`Num`], the label as written, an optional
//! caption (見出し), its own text split into [`Sentence`]s, its children and its source [`Span`].
//!
//! ```
//! use kitei::model::{Document, Kind, Node, Num};
//! let mut doc = Document::new("テスト規程");
//! let mut art = Node::new(Kind::Article);
//! art.num = Some(Num::parse_arabic("10-2").unwrap());
//! art.label = "第10条の2".into();
//! doc.children.push(art);
//! kitei::model::ids::assign_ids(&mut doc);
//! assert_eq!(doc.children[0].id, "art_10-2");
//! ```

mod attrs;
mod columns;
mod deep;
mod drop;
pub mod ids;
pub mod num;
pub mod walk;

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub use attrs::Attrs;
pub use columns::{sentences_of, split_columns};
pub use num::Num;

/// A position in the source text: 1-based line and column (columns count characters, not bytes).
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, schemars::JsonSchema,
)]
pub struct Pos {
    /// 1-based line number.
    pub line: u32,
    /// 1-based column, in characters.
    pub column: u32,
}

/// The source range a node was read from (start inclusive, end exclusive).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Span {
    /// Where the node starts.
    pub start: Pos,
    /// Where the node ends.
    pub end: Pos,
}

impl Span {
    /// A span covering a single position.
    pub fn at(line: u32, column: u32) -> Span {
        let p = Pos { line, column };
        Span { start: p, end: p }
    }
}

/// What a node is. Serialised in snake_case (`"article"`, `"suppl_provision"`…).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// 目次.
    Toc,
    /// One line of the 目次 (it may hold nested entries).
    TocEntry,
    /// 前文.
    Preamble,
    /// 制定文 (enacting statement).
    EnactStatement,
    /// 編.
    Part,
    /// 章.
    Chapter,
    /// 節.
    Section,
    /// 款.
    Subsection,
    /// 目.
    Division,
    /// 条.
    Article,
    /// 項.
    Paragraph,
    /// 号.
    Item,
    /// イロハ, (1), (i)… below a 号; the depth is in [`Node::level`] (1 = イ).
    Subitem,
    /// 附則.
    SupplProvision,
    /// 別表, 別記様式 and other appendices.
    Appendix,
    /// A table (表, 別表's body).
    Table,
    /// A table row.
    TableRow,
    /// A table cell.
    TableCell,
    /// A block of text that belongs to no numbered unit (a remark, a note, a figure reference).
    Text,
}

impl Kind {
    /// The rank of an article group (編 = 1 … 目 = 5); `None` for other kinds.
    pub fn group_rank(self) -> Option<u8> {
        match self {
            Kind::Part => Some(1),
            Kind::Chapter => Some(2),
            Kind::Section => Some(3),
            Kind::Subsection => Some(4),
            Kind::Division => Some(5),
            _ => None,
        }
    }

    /// True for 編/章/節/款/目.
    pub fn is_group(self) -> bool {
        self.group_rank().is_some()
    }

    /// True for the provisions that carry text: 条, 項, 号 and subitems.
    pub fn is_provision(self) -> bool {
        matches!(self, Kind::Article | Kind::Paragraph | Kind::Item | Kind::Subitem)
    }

    /// The name used in JSON (`"article"`…).
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Toc => "toc",
            Kind::TocEntry => "toc_entry",
            Kind::Preamble => "preamble",
            Kind::EnactStatement => "enact_statement",
            Kind::Part => "part",
            Kind::Chapter => "chapter",
            Kind::Section => "section",
            Kind::Subsection => "subsection",
            Kind::Division => "division",
            Kind::Article => "article",
            Kind::Paragraph => "paragraph",
            Kind::Item => "item",
            Kind::Subitem => "subitem",
            Kind::SupplProvision => "suppl_provision",
            Kind::Appendix => "appendix",
            Kind::Table => "table",
            Kind::TableRow => "table_row",
            Kind::TableCell => "table_cell",
            Kind::Text => "text",
        }
    }

    /// The group kind for a Japanese group character (編 章 節 款 目).
    pub fn from_group_char(c: char) -> Option<Kind> {
        match c {
            '編' => Some(Kind::Part),
            '章' => Some(Kind::Chapter),
            '節' => Some(Kind::Section),
            '款' => Some(Kind::Subsection),
            '目' => Some(Kind::Division),
            _ => None,
        }
    }

    /// The Japanese group character for 編/章/節/款/目.
    pub fn group_char(self) -> Option<char> {
        match self {
            Kind::Part => Some('編'),
            Kind::Chapter => Some('章'),
            Kind::Section => Some('節'),
            Kind::Subsection => Some('款'),
            Kind::Division => Some('目'),
            _ => None,
        }
    }
}

/// The role of a sentence within a provision's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SentenceRole {
    /// 本文 (or the only sentence). With two or more main sentences they are 前段, (中段), 後段.
    #[default]
    Main,
    /// ただし書: a sentence beginning 「ただし、」.
    Proviso,
    /// A column of an item whose text is split by a full-width space (term　definition), as e-Gov's `<Column>`.
    Column,
}

/// Where a sentence stands among the sentences of one provision, as legal staff cite it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SentencePart {
    /// 本文: the main clause that a ただし書 qualifies.
    Honbun,
    /// ただし書.
    Tadashigaki,
    /// 前段: the first of two or three sentences.
    Zendan,
    /// 中段: the middle one of three.
    Chudan,
    /// 後段: the last of two or three.
    Kodan,
    /// 第N段 (the number is the sentence's position), for four or more sentences.
    Dan(u8),
}

impl SentenceRole {
    /// The role of a sentence from its wording: one opening 「ただし、」 (or the older 「但し、」) is a ただし書.
    pub fn of_text(sentence: &str) -> SentenceRole {
        if sentence.starts_with("ただし、") || sentence.starts_with("但し、") {
            SentenceRole::Proviso
        } else {
            SentenceRole::Main
        }
    }
}

/// One sentence (or column) of a node's own text.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Sentence {
    /// Its role (本文, ただし書, column).
    pub role: SentenceRole,
    /// The text, exactly as written.
    pub text: String,
    /// 本文/ただし書, 前段/中段/後段 or 第N段; `None` for a lone sentence and for columns.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub part: Option<SentencePart>,
}

/// Names each sentence's part (前段, 後段, 本文, ただし書…) from the roles of all of them.
///
/// ```
/// use kitei::model::{split_sentences, SentencePart};
/// let s = split_sentences("甲とする。この場合において、乙とする。");
/// assert_eq!(s[0].part, Some(SentencePart::Zendan));
/// assert_eq!(s[1].part, Some(SentencePart::Kodan));
/// ```
pub fn label_sentence_parts(sentences: &mut [Sentence]) {
    let has_proviso = sentences.iter().any(|s| s.role == SentenceRole::Proviso);
    let mains = sentences.iter().filter(|s| s.role == SentenceRole::Main).count();
    let mut k = 0u8;
    for s in sentences.iter_mut() {
        s.part = match s.role {
            SentenceRole::Column => None,
            SentenceRole::Proviso => Some(SentencePart::Tadashigaki),
            SentenceRole::Main => {
                k = k.saturating_add(1);
                match (mains, has_proviso) {
                    (1, true) => Some(SentencePart::Honbun),
                    (1, false) => None,
                    (2, _) => Some(if k == 1 { SentencePart::Zendan } else { SentencePart::Kodan }),
                    (3, _) => Some([SentencePart::Zendan, SentencePart::Chudan, SentencePart::Kodan][k as usize - 1]),
                    _ => Some(SentencePart::Dan(k)),
                }
            }
        };
    }
}

/// The marker scheme of a subitem level, inferred from the first sibling (イ is first in イロハ, second in アイウ).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Scheme {
    /// 一 二 三 (号 in laws).
    Kanji,
    /// 1 2 3, (1) (2), ① ②.
    Arabic,
    /// イ ロ ハ.
    Iroha,
    /// ア イ ウ.
    Aiueo,
    /// (i) (ii) (iii).
    Roman,
    /// (a) (b) (c).
    Latin,
}

/// A node of the regulation tree.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Node {
    /// What the node is (`type` in JSON).
    #[serde(rename = "type")]
    pub kind: Kind,
    /// Akoma Ntoso-style eId (`art_10__para_4__item_5`); assigned by [`ids::assign_ids`].
    pub id: String,
    /// The normalised number (第10条の2 → `10-2`); `None` for unnumbered nodes.
    pub num: Option<Num>,
    /// For a range (`第五条から第八条まで　削除`, a 目次 range), the last number.
    // Boxed: rare, and a node's slot is paid by every node of a large document (issue 15).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub num_end: Option<Box<Num>>,
    /// The label as written: `第10条`, `第十条の二`, `２`, `(1)`, `イ`, `附則（令和五年…）`. Empty for an unnumbered first 項.
    pub label: String,
    /// The caption without brackets: an article's 見出し, a chapter's title, a 附則's amending-act number.
    pub heading: Option<String>,
    /// The caption exactly as written, brackets included, when it is not the canonical full-width form
    /// `（heading）`: e.g. `(目的)` with half-width brackets. `None` for `（目的）` and for captions written
    /// without brackets (a Markdown heading `### 第1条　目的`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub heading_raw: Option<String>,
    /// The node's own text, without its children's (the concatenation of `sentences`).
    pub text: String,
    /// The node's own text split into sentences with their roles (本文, ただし書, column).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sentences: Vec<Sentence>,
    /// True for a 削除 placeholder (`第十条　削除`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub deleted: bool,
    /// Subitem depth (1 = イ level, 2 = (1) level…); 0 for other kinds.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub level: u8,
    /// The numbering scheme of this node's marker, for items and subitems.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scheme: Option<Scheme>,
    /// Extra attributes kept for faithful round trips (e-Gov XML attributes such as `Extract`, table cell spans).
    // (The doc comment is the JSON Schema's description.) Reads and writes as a `BTreeMap<String, String>`,
    // one pointer while empty: see `Attrs`.
    #[serde(default, skip_serializing_if = "Attrs::is_empty")]
    #[schemars(with = "BTreeMap<String, String>")]
    pub attrs: Attrs,
    /// Child nodes, in document order.
    pub children: Vec<Node>,
    /// Where the node was read from.
    pub span: Span,
}

fn is_zero(v: &u8) -> bool {
    *v == 0
}

impl Node {
    /// An empty node of the given kind.
    pub fn new(kind: Kind) -> Node {
        Node {
            kind,
            id: String::new(),
            num: None,
            num_end: None,
            label: String::new(),
            heading: None,
            heading_raw: None,
            text: String::new(),
            sentences: Vec::new(),
            deleted: false,
            level: 0,
            scheme: None,
            attrs: Attrs::default(),
            children: Vec::new(),
            span: Span::default(),
        }
    }

    /// Sets `text` and splits it into `sentences` (see [`split_sentences`]).
    pub fn set_text(&mut self, text: impl Into<String>) {
        self.text = text.into();
        self.sentences = split_sentences(&self.text);
    }

    /// Gives back the spare capacity of this node's own vectors and strings (not its descendants'): a parser
    /// calls it on a node it has finished, since a vector left at its growth capacity (four children where
    /// two stand) costs a large tree more than the nodes themselves.
    pub fn shrink_to_fit(&mut self) {
        self.children.shrink_to_fit();
        self.sentences.shrink_to_fit();
        self.text.shrink_to_fit();
        self.label.shrink_to_fit();
        if let Some(h) = &mut self.heading {
            h.shrink_to_fit();
        }
    }

    /// Equal to `other` on every field but spans and IDs, all the way down (what two versions of a provision
    /// share when nothing in it changed; sentences follow from the text).
    ///
    /// ```
    /// let a = kitei::parse::parse_str("例\n第一条　甲。\n").unwrap();
    /// let b = kitei::parse::parse_str("例\n\n第一条　甲。\n").unwrap();
    /// assert!(a.children[0].same_content(&b.children[0]));
    /// ```
    pub fn same_content(&self, other: &Node) -> bool {
        self.kind == other.kind
            && self.num == other.num
            && self.num_end == other.num_end
            && self.label == other.label
            && self.heading == other.heading
            && self.heading_raw == other.heading_raw
            && self.text == other.text
            && self.deleted == other.deleted
            && self.level == other.level
            && self.scheme == other.scheme
            && self.attrs == other.attrs
            && self.children.len() == other.children.len()
            && self.children.iter().zip(&other.children).all(|(x, y)| x.same_content(y))
    }

    /// This node's text followed by all its descendants' text, in document order.
    pub fn full_text(&self) -> String {
        let mut out = String::new();
        walk::walk_node(self, &mut |n| out.push_str(&n.text));
        out
    }

    /// Direct children of the given kind.
    pub fn children_of(&self, kind: Kind) -> impl Iterator<Item = &Node> {
        self.children.iter().filter(move |c| c.kind == kind)
    }

    /// The first descendant (or self) with this ID.
    pub fn find(&self, id: &str) -> Option<&Node> {
        if self.id == id {
            return Some(self);
        }
        self.children.iter().find_map(|c| c.find(id))
    }

    /// 前段/後段 etc.: the main sentences, excluding the ただし書.
    pub fn main_sentences(&self) -> impl Iterator<Item = &Sentence> {
        self.sentences.iter().filter(|s| s.role == SentenceRole::Main)
    }

    /// The ただし書, if any.
    pub fn proviso(&self) -> Option<&Sentence> {
        self.sentences.iter().find(|s| s.role == SentenceRole::Proviso)
    }

    /// True when this node's own text is a 柱書 (各号列記以外の部分): the text of a 項 or 号 that lists
    /// 号 or subitems below it.
    pub fn is_chapeau(&self) -> bool {
        !self.text.is_empty() && self.children.iter().any(|c| matches!(c.kind, Kind::Item | Kind::Subitem))
    }
}

/// Splits a provision's text into sentences at 。 (outside brackets), marking 「ただし、」 sentences as provisos.
/// Concatenating the result gives back `text` exactly.
///
/// ```
/// use kitei::model::{split_sentences, SentenceRole};
/// let s = split_sentences("許可を受けなければならない。ただし、緊急の場合は、この限りでない。");
/// assert_eq!(s.len(), 2);
/// assert_eq!(s[1].role, SentenceRole::Proviso);
/// ```
pub fn split_sentences(text: &str) -> Vec<Sentence> {
    if text.is_empty() {
        return Vec::new();
    }
    // Fast path: one sentence (no 。 before the end).
    match text.find('。') {
        None => return vec![sentence(text)],
        Some(i) if i + '。'.len_utf8() == text.len() => return vec![sentence(text)],
        _ => {}
    }
    let mut out = split_at_periods(text);
    label_sentence_parts(&mut out);
    out.shrink_to_fit();
    out
}

fn split_at_periods(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut depth: i32 = 0;
    let mut start = 0;
    for (i, c) in text.char_indices() {
        match c {
            '（' | '(' | '「' | '『' => depth += 1,
            '）' | ')' | '」' | '』' => depth = (depth - 1).max(0),
            '。' if depth == 0 => {
                let end = i + c.len_utf8();
                push_sentence(&mut out, &text[start..end]);
                start = end;
            }
            _ => {}
        }
    }
    if start < text.len() {
        push_sentence(&mut out, &text[start..]);
    }
    out
}

fn push_sentence(out: &mut Vec<Sentence>, s: &str) {
    out.push(sentence(s));
}

fn sentence(s: &str) -> Sentence {
    let role = SentenceRole::of_text(s);
    Sentence { role, text: s.to_string(), part: None }
}

/// Which input format a document was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum SourceFormat {
    /// Plain text (law layout, PDF or Word paste, Lawtext).
    Text,
    /// Markdown.
    Markdown,
    /// e-Gov 法令標準XML.
    EgovXml,
    /// kitei's own JSON.
    Json,
}

/// A whole regulation: the root of the tree.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Document {
    /// Always `"regulation"` in JSON, so that every object in the tree has a `type`.
    #[serde(rename = "type")]
    pub doc_type: String,
    /// The title (題名), exactly as written.
    pub title: String,
    /// The number line without brackets (`平成十四年法律第百五十三号`), where there is one.
    pub number: Option<String>,
    /// The format the document was read from.
    pub format: SourceFormat,
    /// Extra root attributes kept for round trips (e-Gov `Era`, `Year`, `LawType`, `Lang`…).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub attrs: BTreeMap<String, String>,
    /// 目次, 前文, the main provision's groups and articles, then 附則 and 別表, in document order.
    pub children: Vec<Node>,
    /// Where the title was read from.
    pub span: Span,
}

impl Document {
    /// An empty document with a title.
    pub fn new(title: impl Into<String>) -> Document {
        Document {
            doc_type: "regulation".into(),
            title: title.into(),
            number: None,
            format: SourceFormat::Text,
            attrs: BTreeMap::new(),
            children: Vec::new(),
            span: Span::default(),
        }
    }

    /// The 目次, if the document has one.
    pub fn toc(&self) -> Option<&Node> {
        self.children.iter().find(|n| n.kind == Kind::Toc)
    }

    /// The 附則, in order.
    pub fn suppl_provisions(&self) -> impl Iterator<Item = &Node> {
        self.children.iter().filter(|n| n.kind == Kind::SupplProvision)
    }

    /// Every article of the main provision (outside 附則), in order, whatever group it stands in.
    pub fn articles(&self) -> Vec<&Node> {
        let mut out = Vec::new();
        for c in &self.children {
            if c.kind == Kind::SupplProvision || c.kind == Kind::Appendix || c.kind == Kind::Toc {
                continue;
            }
            walk::walk_node(c, &mut |n| {
                if n.kind == Kind::Article {
                    out.push(n);
                }
            });
        }
        out
    }

    /// The node with this ID, anywhere in the tree.
    pub fn find(&self, id: &str) -> Option<&Node> {
        self.children.iter().find_map(|c| c.find(id))
    }

    /// All the text of the document in order: title, number, then every node's heading and text.
    pub fn full_text(&self) -> String {
        let mut out = self.title.clone();
        if let Some(n) = &self.number {
            out.push_str(n);
        }
        walk::walk(self, &mut |n| {
            out.push_str(&n.label);
            if let Some(h) = &n.heading {
                out.push_str(h);
            }
            out.push_str(&n.text);
        });
        out
    }
}
