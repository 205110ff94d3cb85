//! Numbering shapes of internal rules (学則, 定款, 規約) as published in PDF and pasted as text.
//!
//! * **Circled 項 numbers.** 「第2条　①この規程は… ②前項の…」: when a circled number is the first level under
//!   an article (it opens the article's text, or the line after an article line with no text), the circled
//!   numbers of that article are its 項 (`para_1` labelled ①, `para_2` labelled ②). Under a 項 with text of its
//!   own (「次のとおりとする。」 then ① ②), they stay 号, as in most rules that use them for items.
//! * **Arabic 号 after a lead-in.** 「第3条　…は、次のとおりとする。」 then 「1　文学部」 「2　経済学部」: bare
//!   Arabic numbers are 項 numbers elsewhere, but a run restarting at 1 under a 項 whose last sentence leads
//!   in to a list (次の各号, 次に掲げる, 次のとおり…) is that 項's 号 (label kept as written). The run goes on
//!   while the numbers follow; a number that is both the next 号 and the next 項 is decided by what follows (the
//!   same number again later in the article makes this one a 号), by its words (「前項」 opens a 項), and by its
//!   shape (a sentence ending 「。」 where the 号 had none, or the reverse, is a 項). What stays unclear is read
//!   as a 項, as before, with an `ambiguous-number` warning at its line and column.

use super::{Builder, Mode};
use crate::diagnostic::Diagnostic;
use crate::model::num::digit_value;
use crate::model::{Kind, Node, Num};
use crate::parse::line::{circled_lead, Bracket, LineKind, Marker, MarkerValue};
use crate::parse::source_lines::SourceLine;

/// Splits a leading ① off an article's first 項 (`第2条　①この規程は…`).
pub(super) fn circled_first_paragraph(p: &mut Node) {
    if let Some((1, label, rest)) = circled_lead(&p.text) {
        let (label, rest) = (label.to_string(), rest.to_string());
        p.label = label;
        p.text = rest;
    }
}

fn is_circled_label(label: &str) -> bool {
    label.chars().next().and_then(crate::model::num::circled_value).is_some()
}

fn is_bare_arabic(label: &str) -> bool {
    !label.is_empty() && label.chars().all(|c| digit_value(c).is_some())
}

/// Whether the last sentence of a 項 leads in to a list of 号.
pub(super) fn leads_in(text: &str) -> bool {
    let text = crate::parse::spacing::normalize(text);
    let t = text.trim_end();
    if !(t.ends_with('。') || t.ends_with('：') || t.ends_with(':')) {
        return false;
    }
    let body = t.trim_end_matches(['。', '：', ':']);
    let last = body.rsplit('。').next().unwrap_or(body);
    ["次の", "次に掲げる", "以下のとおり", "以下の通り", "以下に掲げる"].iter().any(|p| last.contains(p))
}

impl Builder<'_> {
    /// Index in the stack of the innermost article or 附則 and of the 項 open under it.
    fn open_paragraph(&self) -> Option<(usize, usize)> {
        let pi = self.stack.iter().rposition(|n| n.kind == Kind::Paragraph)?;
        let ci = pi.checked_sub(1)?;
        matches!(self.stack[ci].kind, Kind::Article | Kind::SupplProvision).then_some((ci, pi))
    }

    /// A circled marker read as a 項 when the article numbers its 項 that way. Returns false to leave it a 号.
    pub(super) fn circled_paragraph(&mut self, l: &SourceLine<'_>, m: &Marker, label: &str, rest: &str) -> bool {
        if m.bracket != Bracket::Circled {
            return false;
        }
        let Some((ci, pi)) = self.open_paragraph() else { return false };
        let MarkerValue::Arabic(num) = &m.value else { return false };
        let container = &self.stack[ci];
        let first = container.children.iter().find(|c| c.kind == Kind::Paragraph).unwrap_or(&self.stack[pi]);
        let circled_scheme = is_circled_label(&first.label);
        let open = &self.stack[pi];
        let empty_first = pi + 1 == self.stack.len()
            && num.main() == 1
            && !container.children.iter().any(|c| c.kind == Kind::Paragraph)
            && open.text.is_empty()
            && open.label.is_empty()
            && open.children.is_empty();
        if !(circled_scheme || empty_first) {
            return false;
        }
        self.paragraph(l, Some(num.clone()), label, rest);
        true
    }

    /// A bare Arabic number read as a 号 after a lead-in. Returns false to leave it a 項.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn arabic_item(
        &mut self,
        l: &SourceLine<'_>,
        kinds: &[LineKind<'_>],
        i: usize,
        num: &Num,
        label: &str,
        rest: &str,
    ) -> bool {
        if self.mode == Mode::Appendix || num.0.len() != 1 {
            return false;
        }
        let Some((_, pi)) = self.open_paragraph() else { return false };
        let para = &self.stack[pi];
        let p = para.num.as_ref().map(Num::main).unwrap_or(1);
        let n = num.main();
        let open_item = self.stack.get(pi + 1).filter(|x| x.kind == Kind::Item);
        let last_item = open_item.or_else(|| para.children.iter().rev().find(|c| c.kind == Kind::Item));
        let run =
            last_item.filter(|it| is_bare_arabic(&it.label)).map(|it| it.num.as_ref().map(Num::main).unwrap_or(0));
        let as_item = match run {
            None => n == 1 && n <= p && para.children.is_empty() && open_item.is_none() && leads_in(&para.text),
            Some(m) if n == m + 1 && n != p + 1 => true,
            Some(m) if n == m + 1 => {
                let first_ends = para
                    .children
                    .iter()
                    .chain(open_item)
                    .find(|c| c.kind == Kind::Item)
                    .is_some_and(|it| it.text.trim_end().ends_with('。'));
                match decide(kinds, i, n, rest, first_ends) {
                    Some(v) => v,
                    None => {
                        self.diagnostics.push(
                            Diagnostic::warning(
                                "ambiguous-number",
                                format!(
                                    "「{label}」 may be 号 {n} of the list above or 項 {n}; read as 項 (write 号 as \
                                     （{n}） or 一, 二… to make it clear)"
                                ),
                            )
                            .at(l.line, l.column),
                        );
                        false
                    }
                }
            }
            Some(_) => false,
        };
        if !as_item {
            return false;
        }
        let m = Marker { bracket: Bracket::Bare, value: MarkerValue::Arabic(num.clone()), end: None };
        self.marker(l, &m, label, rest);
        true
    }
}

/// A number that is both the next 号 and the next 项: `Some(true)` for a 号, `Some(false)` for a 項, `None`
/// when nothing tells.
fn decide(kinds: &[LineKind<'_>], i: usize, n: u32, rest: &str, first_item_ends: bool) -> Option<bool> {
    for k in &kinds[i + 1..] {
        match k {
            LineKind::Article { .. } | LineKind::Group { .. } | LineKind::Suppl { .. } | LineKind::Appendix { .. } => {
                break
            }
            LineKind::Paragraph { num, .. } if num.main() == n && num.0.len() == 1 => return Some(true),
            _ => {}
        }
    }
    let rest = crate::parse::spacing::normalize(rest);
    if ["前項", "前各項", "前二項", "前三項", "第1項", "第１項"].iter().any(|w| rest.starts_with(w)) {
        return Some(false);
    }
    let ends = rest.trim_end().ends_with('。');
    if ends != first_item_ends {
        return Some(false);
    }
    (!ends).then_some(true)
}

#[cfg(test)]
mod tests {
    use crate::model::{Document, Kind};
    use crate::parse::{parse_source, Parsed};

    fn parse(text: &str) -> Parsed {
        let src = crate::input::Source { name: "t".into(), text: text.into(), format: crate::input::InputFormat::Text };
        parse_source(&src).unwrap()
    }

    fn ids(doc: &Document) -> Vec<String> {
        let mut v = Vec::new();
        crate::model::walk::walk(doc, &mut |n| {
            if matches!(n.kind, Kind::Paragraph | Kind::Item | Kind::Subitem) {
                v.push(format!("{}={}|{}", n.id, n.label, n.text));
            }
        });
        v
    }

    #[test]
    fn circled_numbers_opening_an_article_are_paragraphs() {
        let p = parse("規則\n第1条　①この規則は、目的を定める。\n②前項の目的は、別に定める。\n第2条　本則とする。\n");
        assert_eq!(
            ids(&p.document),
            [
                "art_1__para_1=①|この規則は、目的を定める。",
                "art_1__para_2=②|前項の目的は、別に定める。",
                "art_2__para_1=|本則とする。"
            ]
        );
        // On the line after an article line without text (a caption in a Markdown heading, or nothing).
        let p = parse("規則\n第1条\n① 会を置く。\n② 会は、次のとおりとする。\n一 委員\n③ 会は、置く。\n");
        assert_eq!(
            ids(&p.document),
            [
                "art_1__para_1=①|会を置く。",
                "art_1__para_2=②|会は、次のとおりとする。",
                "art_1__para_2__item_1=一|委員",
                "art_1__para_3=③|会は、置く。"
            ]
        );
    }

    #[test]
    fn circled_numbers_under_a_lead_in_stay_items() {
        let p = parse("規則\n第1条　会の事業は、次のとおりとする。\n① 研修\n② 調査\n");
        assert_eq!(
            ids(&p.document),
            [
                "art_1__para_1=|会の事業は、次のとおりとする。",
                "art_1__para_1__item_1=①|研修",
                "art_1__para_1__item_2=②|調査"
            ]
        );
    }

    #[test]
    fn arabic_numbers_after_a_lead_in_are_items() {
        let t =
            "規則\n第3条　本会の会員は、次のとおりとする。\n1　文学部\n2　経済学部\n2　前項の会員は、会費を納める。\n";
        let p = parse(t);
        assert_eq!(
            ids(&p.document),
            [
                "art_3__para_1=|本会の会員は、次のとおりとする。",
                "art_3__para_1__item_1=1|文学部",
                "art_3__para_1__item_2=2|経済学部",
                "art_3__para_2=2|前項の会員は、会費を納める。"
            ]
        );
        assert!(p.diagnostics.is_empty(), "{:?}", p.diagnostics);
        // Spaced out as pasted from a PDF.
        let p = parse(
            "規則\n第 3 条 本 会 の 会 員 は 、 次 の と お り と す る 。\n1 文 学 部\n2 前 項 の 会 員 と す る 。\n",
        );
        assert_eq!(ids(&p.document)[1], "art_3__para_1__item_1=1|文 学 部");
        assert_eq!(ids(&p.document)[2], "art_3__para_2=2|前 項 の 会 員 と す る 。");
        // Under a second 項, with a 号 of its own below: the run restarts at 1.
        let t = "規則\n第3条　会を置く。\n2　会の事業は、次に掲げるものとする。\n1　研修\n（1）　初任者研修\n2　調査\n3　会は、公告する。\n";
        let got = ids(&parse(t).document);
        assert_eq!(got[2], "art_3__para_2__item_1=1|研修");
        assert_eq!(got[3], "art_3__para_2__item_1__subitem1_1=（1）|初任者研修");
        assert_eq!(got[4], "art_3__para_2__item_2=2|調査");
        assert_eq!(got[5], "art_3__para_3=3|会は、公告する。");
    }

    #[test]
    fn without_a_lead_in_or_when_unclear_numbers_stay_paragraphs() {
        // No lead-in: a repeated 1 stays a (duplicate) 項, as before.
        let p = parse("規則\n第3条　会を置く。\n1　会員とする。\n");
        assert_eq!(ids(&p.document)[1], "art_3__para_1_dup2=1|会員とする。");
        // Items that are sentences, then a sentence numbered 2 that nothing tells apart: 項, with a warning.
        let p = parse("規則\n第3条　会員の義務は、次のとおりとする。\n1　会費を納めること。\n2　会は、総会を開く。\n");
        assert_eq!(ids(&p.document)[2], "art_3__para_2=2|会は、総会を開く。");
        let d = &p.diagnostics[0];
        assert_eq!((d.code.as_str(), d.line, d.column), ("ambiguous-number", 4, 1));
    }
}
