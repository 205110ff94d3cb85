//! The indented layout of e-Gov's 2013 plain text: every article number, 項 number and 号 number stands
//! unindented on a line of its own, and the provision's text follows on the next line, indented with a
//! full-width space. Tables are flattened into one unindented line per cell, and a line breaks after every
//! law name or cited provision that carried a link.
//!
//! In that layout indentation tells provisions from everything else, so a line that merely looks like a
//! label is not taken for one: a cell 「第六条」 or 「一」 is followed by another unindented cell, never by
//! indented text; a cell 「様式第十九」 is not an appendix while real articles follow it.
//!
//! ```
//! let text = "令\n\n第一条\n\n　目的を定める。\n\n第二条\n\n　次の表のとおり読み替える。\n\n第六条\n\n第七条\n\n\
//!             第三条\n\n　前条による。\n";
//! let doc = kitei::parse::parse_str(text).unwrap();
//! assert_eq!(doc.articles().len(), 3, "the cells 第六条 and 第七条 are not articles");
//! ```

use super::{ends_sentence, join_text, span_of, Builder, Mode};
use crate::model::{Kind, Node};
use crate::parse::line::{Bracket, LineKind, MarkerValue};
use crate::parse::source_lines::{LineInfo, SourceLine};

/// What the layout says of each line.
pub(super) struct Indented {
    /// Per line: a label alone on its line whose text does not follow indented (a table cell or a cited
    /// provision broken out of its sentence), or an appendix heading before the last article.
    pub not_label: Vec<bool>,
}

/// Whether `next` continues `text` across a line e-Gov broke after a law's name or a cited provision: the
/// text ends with one (…法, …令, …規則, …条, …項, …号) and the next line starts with a particle or a
/// bracket, which no cell of its own starts with.
fn continues_after_break(text: &str, next: &str) -> bool {
    let ends_with_name = ["法", "令", "規則", "規程", "条", "項", "号"].iter().any(|e| text.ends_with(e));
    let starts_as_continuation = next.starts_with(['の', 'に', 'を', 'が', 'と', 'は', 'で', '（'])
        || ["又は", "及び", "並びに", "若しくは"].iter().any(|p| next.starts_with(p));
    ends_with_name && starts_as_continuation
}

fn indented(l: &SourceLine<'_>) -> bool {
    l.column > 1
}

fn next_non_blank(kinds: &[LineKind<'_>], i: usize) -> Option<usize> {
    (i + 1..kinds.len()).find(|&k| kinds[k] != LineKind::Blank)
}

fn lone_label(kind: &LineKind<'_>) -> bool {
    match kind {
        LineKind::Article { rest, .. } => rest.is_empty(),
        LineKind::Paragraph { rest, .. } | LineKind::Marker { rest, .. } => rest.is_empty(),
        _ => false,
    }
}

/// Whether the lone label at `i` has its text after it: the next line is indented (for an article, after a
/// caption written below the number).
fn text_follows(lines: &[SourceLine<'_>], kinds: &[LineKind<'_>], i: usize) -> bool {
    let Some(k) = next_non_blank(kinds, i) else { return false };
    // A Markdown list item's content column is no indentation: `第1条` then `2. …` is no text indented below.
    if lines[k].info != LineInfo::Plain {
        return false;
    }
    if indented(&lines[k]) {
        return true;
    }
    match (&kinds[i], &kinds[k]) {
        (LineKind::Article { .. }, LineKind::Caption { .. }) => {
            next_non_blank(kinds, k).is_some_and(|m| indented(&lines[m]))
        }
        // `（商標法` / `の施行期日）` below the number: a caption broken after a law's name.
        (LineKind::Article { .. }, LineKind::Text(t)) if t.starts_with('（') => true,
        _ => false,
    }
}

/// Whether the line before `i` (blank lines aside) is a caption: `(施行期日)` then `第一条` is an article even
/// where its text is not indented.
fn caption_before(kinds: &[LineKind<'_>], i: usize) -> bool {
    matches!(kinds[..i].iter().rev().find(|k| **k != LineKind::Blank), Some(LineKind::Caption { .. }))
}

/// The same layout in a law without 条 (a 省令 of one sentence and its tables, with numbered 附則): 附則
/// headings indented (`　　　附　則`) and at least three 項 numbers alone with their text indented below.
fn without_articles(lines: &[SourceLine<'_>], kinds: &[LineKind<'_>]) -> bool {
    let plain = |i: usize| lines[i].info == LineInfo::Plain;
    let articles = kinds.iter().any(|k| matches!(k, LineKind::Article { .. }));
    let indented_suppl =
        kinds.iter().enumerate().any(|(i, k)| plain(i) && indented(&lines[i]) && matches!(k, LineKind::Suppl { .. }));
    let numbered = kinds
        .iter()
        .enumerate()
        .filter(|(i, k)| {
            plain(*i)
                && !indented(&lines[*i])
                && matches!(k, LineKind::Paragraph { rest: "", .. })
                && next_non_blank(kinds, *i)
                    .is_some_and(|n| indented(&lines[n]) && matches!(kinds[n], LineKind::Text(_)))
        })
        .count();
    !articles && indented_suppl && numbered >= 3
}

/// Recognises the indented layout: plain text where at least three article numbers stand alone with their
/// text indented below, more than stand alone otherwise.
pub(super) fn detect(lines: &[SourceLine<'_>], kinds: &[LineKind<'_>]) -> Option<Indented> {
    let plain = |i: usize| lines[i].info == LineInfo::Plain && !indented(&lines[i]);
    let (mut with_text, mut without) = (0usize, 0usize);
    let mut last_article = None;
    for (i, kind) in kinds.iter().enumerate() {
        if !plain(i) || !matches!(kind, LineKind::Article { num_end: None, .. }) || !lone_label(kind) {
            continue;
        }
        // Counted only when plain text follows, indented: canonical text indents its 号 below a lone
        // article number too, and is not in this layout.
        // Not the text of the number's own line (`第一条（目的）　…`, split by `reflow`).
        let text_next = next_non_blank(kinds, i)
            .is_some_and(|k| matches!(kinds[k], LineKind::Text(_)) && lines[k].line != lines[i].line);
        if text_follows(lines, kinds, i) && text_next {
            with_text += 1;
            last_article = Some(i);
        } else {
            without += 1;
        }
    }
    if (with_text < 3 || without > with_text) && !without_articles(lines, kinds) {
        return None;
    }
    let last_article = last_article.unwrap_or(0);
    let not_label = kinds
        .iter()
        .enumerate()
        .map(|(i, kind)| {
            plain(i)
                && match kind {
                    // `○２` is e-Gov's own 項 mark, never a cell's.
                    LineKind::Paragraph { label, .. } if label.starts_with('○') => false,
                    k if lone_label(k) => !text_follows(lines, kinds, i) && !caption_before(kinds, i),
                    // In this layout a 項 or 号 number stands alone; one with text beside it is a cell
                    // (「１　設備規則第十九条…」, 「一　…」 in a table). Subitems do carry their text on their
                    // line: 「イ　助言又は勧告」, 「（１）　…」.
                    LineKind::Paragraph { .. } => true,
                    LineKind::Marker { marker, .. } => {
                        marker.bracket == Bracket::Bare && matches!(marker.value, MarkerValue::Kanji(_))
                    }
                    LineKind::Appendix { .. } => i < last_article,
                    _ => false,
                }
        })
        .collect();
    Some(Indented { not_label })
}

impl Builder<'_> {
    /// A line that is neither provision text nor a label: a cell of a flattened table, or a cited provision
    /// broken out of its sentence. It continues an unfinished sentence, or else stands as a text block of
    /// the open provision (never a new 項).
    pub(super) fn cell(&mut self, l: &SourceLine<'_>, content: &str) {
        let open = self.stack.iter().rposition(|n| {
            matches!(n.kind, Kind::Paragraph | Kind::Item | Kind::Subitem | Kind::Preamble) || n.kind == Kind::Appendix
        });
        let Some(at) = open.filter(|_| self.mode != Mode::Appendix) else {
            self.text(l, content);
            return;
        };
        while self.stack.len() > at + 1 {
            self.pop();
        }
        let top = &mut self.stack[at];
        if let Some(last) =
            top.children.last_mut().filter(|c| c.kind == Kind::Text && continues_after_break(&c.text, content))
        {
            // 「憲法記念日　五月三日　日本国憲法」 / 「の施行を記念し、…」: a cell broken after a law's name.
            join_text(&mut last.text, content);
            last.span.end = span_of(l).end;
            return;
        }
        // A provision still without text takes the line as its text (`○２` then an unindented sentence).
        if top.children.is_empty() && !ends_sentence(&top.text) {
            join_text(&mut top.text, content);
            top.span.end = span_of(l).end;
            return;
        }
        let mut t = Node::new(Kind::Text);
        t.text = content.to_string();
        t.span = span_of(l);
        top.span.end = t.span.end;
        top.children.push(t);
    }
}

#[cfg(test)]
mod tests {
    use crate::model::Kind;

    fn parse(t: &str) -> crate::model::Document {
        crate::parse::parse_str(t).unwrap()
    }

    const HEAD: &str = "令\n\n（目的）\n第一条\n\n　目的を定める。\n\n第二条\n\n　前条による。\n\n";

    /// Markdown list items under lone article numbers are no indented text: the layout is not recognised,
    /// and a plain line after an item stays a 項 (it was read as a table cell).
    #[test]
    fn markdown_list_items_are_not_the_indented_layout() {
        let md = "第1条\n\n2. 甲とする。\n第17条出なければならない。\n第2条\n2. 乙とする。\n第3条\n1. 丙とする。\n";
        assert_eq!(crate::input::detect_format(md), crate::input::InputFormat::Markdown);
        let doc = parse(md);
        let kinds: Vec<Kind> = doc.find("art_1").unwrap().children.iter().map(|c| c.kind).collect();
        assert_eq!(kinds, [Kind::Paragraph, Kind::Paragraph], "{doc:?}");
        assert_eq!(doc.articles().len(), 3);
    }

    #[test]
    fn cells_of_a_flattened_table_are_text() {
        let t = format!(
            "{HEAD}第三条\n\n　次の表の上欄に掲げる規定中同表の中欄に掲げる字句は、同表の下欄に掲げる字句とする。\n\n\
             第六条\n\n次の各号\n\n第三号\n\n第七条から第九条まで\n\n第八条\n\n様式第十九\n\n一\n\n二\n\n\
             第四条\n\n　前条による。\n"
        );
        let doc = parse(&t);
        let nums: Vec<String> = doc.articles().iter().map(|a| a.num.as_ref().unwrap().to_string()).collect();
        assert_eq!(nums, ["1", "2", "3", "4"]);
        assert!(doc.children.iter().all(|c| c.kind != Kind::Appendix), "様式第十九 is a cell");
        let a3 = doc.find("art_3").unwrap();
        assert_eq!(a3.children.len(), 1, "no phantom 項: {:?}", a3.children);
        let cells: Vec<&str> = a3.children[0].children.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(cells, ["第六条", "次の各号", "第三号", "第七条から第九条まで", "第八条", "様式第十九", "一", "二"]);
    }

    #[test]
    fn a_cited_article_broken_out_of_its_sentence_is_text() {
        let t =
            format!("{HEAD}第三条\n\n　地方自治法\n第百五十二条\nの規定により、行う。\n\n第四条\n\n　前条による。\n");
        let doc = parse(&t);
        assert_eq!(doc.articles().len(), 4);
        assert_eq!(doc.find("art_3__para_1").unwrap().text, "地方自治法第百五十二条の規定により、行う。");
    }

    #[test]
    fn a_cell_broken_after_a_law_name_is_one_cell() {
        let t = format!(
            "{HEAD}第三条\n\n　次のように定める。\n元日　一月一日\n憲法記念日　五月三日　日本国憲法\nの施行を記念する。\n\n第四条\n\n　前条による。\n"
        );
        let doc = parse(&t);
        let cells: Vec<&str> = doc.find("art_3__para_1").unwrap().children.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(cells, ["元日　一月一日", "憲法記念日　五月三日　日本国憲法の施行を記念する。"]);
    }

    #[test]
    fn numbers_in_a_table_of_a_law_without_articles_are_cells() {
        let t = "省令\n\n　手数料の額は、別表に定める額とする。\n\n　　　附　則\n１\n　この省令は、施行する。\n２\n　旧令は、廃止する。\n\
                 \n　　　附　則　（昭和五三年外務省令第五号）\n１\n　この省令は、施行する。\n２\n　次の表のとおりとする。\n種別\n単位\n３\n９００　\n１９０\n";
        let doc = parse(t);
        let last = doc.suppl_provisions().last().unwrap();
        let paras: Vec<&str> = last.children.iter().map(|p| p.label.as_str()).collect();
        assert_eq!(paras, ["１", "２"], "the numbers of the table are no 項");
        assert_eq!(last.children[1].children.len(), 5, "five cells: {:?}", last.children[1].children);
    }

    #[test]
    fn numbered_cells_with_text_beside_them_are_cells_and_circled_numbers_are_paragraphs() {
        let t = format!(
            "{HEAD}第三条\n\n　次の表のとおりとする。\n種別\n１　設備規則第十九条\n２　設備規則第四十五条\n\
             ○２\n株式会社が目的を変更するときは、届け出る。\n\n第四条\n\n　前条による。\n"
        );
        let doc = parse(&t);
        let a3 = doc.find("art_3").unwrap();
        let labels: Vec<&str> = a3.children.iter().map(|p| p.label.as_str()).collect();
        assert_eq!(labels, ["", "○２"]);
        assert_eq!(a3.children[0].children.len(), 3, "種別 and two numbered cells");
        assert_eq!(a3.children[1].text, "株式会社が目的を変更するときは、届け出る。");
    }

    #[test]
    fn subitems_carry_their_text_on_their_line() {
        let t = format!("{HEAD}第三条\n\n　次に掲げる行為をいう。\n一\n\n　次に掲げる行為\nイ　助言又は勧告\nロ　資料の提出の要求\n\n第四条\n\n　前条による。\n");
        let doc = parse(&t);
        let item = doc.find("art_3__para_1__item_1").unwrap();
        assert_eq!(item.text, "次に掲げる行為");
        let subs: Vec<&str> = item.children.iter().map(|c| c.label.as_str()).collect();
        assert_eq!(subs, ["イ", "ロ"]);
    }

    #[test]
    fn appendices_after_the_last_article_stay_appendices() {
        let t =
            format!("{HEAD}　　　附　則\n\n　この令は、公布の日から施行する。\n\n別表第一　（第一条関係）\n\n名称\n");
        let doc = parse(&t);
        assert!(doc.children.iter().any(|c| c.kind == Kind::Appendix));
    }
}
