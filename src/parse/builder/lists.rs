//! 号 and subitem levels: which level a marker belongs at (by its class, with the scheme taken from the
//! first sibling), Markdown list items that carry no marker of their own, and `・` bullets in plain text.
//! A list item that cannot be placed (no 項 open) keeps its marker in its words and is reported.

use super::{span_of, Builder, ListLevel, Mode};
use crate::diagnostic::Diagnostic;
use crate::model::num::{aiueo_index, iroha_index};
use crate::model::{Kind, Node, Num, Scheme};
use crate::parse::line::{Bracket, Marker, MarkerValue};
use crate::parse::source_lines::{LineInfo, SourceLine};

impl Builder<'_> {
    pub(super) fn marker_level(&mut self, m: &Marker) -> (usize, Num, Scheme) {
        let class = m.class();
        let found = self.levels.iter().rposition(|lv| lv.class == class);
        if let Some(i) = found {
            let lv = &self.levels[i];
            let value = value_in(&m.value, lv.scheme);
            let is_top = i + 1 == self.levels.len();
            if is_top || value > lv.last {
                self.levels.truncate(i + 1);
                let scheme = self.levels[i].scheme;
                self.levels[i].last = value.clone();
                return (i, value, scheme);
            }
        }
        let scheme = scheme_of(&m.value);
        let value = value_in(&m.value, scheme);
        self.levels.push(ListLevel { class, scheme, last: value.clone() });
        (self.levels.len() - 1, value, scheme)
    }

    pub(super) fn marker(&mut self, l: &SourceLine<'_>, m: &Marker, label: &str, rest: &str) {
        self.ensure_paragraph(l);
        let (level, num, scheme) = self.marker_level(m);
        if let Some(end) = &m.end {
            // Later siblings continue after the range.
            if let Some(lv) = self.levels.get_mut(level) {
                lv.last = end.clone();
            }
        }
        self.push_item(l, level, num, scheme, label, rest);
        if let Some(top) = self.stack.last_mut() {
            top.num_end = m.end.clone().map(Box::new);
        }
    }

    pub(super) fn ensure_paragraph(&mut self, l: &SourceLine<'_>) {
        let has_para = self.stack.iter().any(|n| n.kind == Kind::Paragraph);
        if !has_para {
            self.paragraph(l, None, "", "");
            if let Some(p) = self.stack.last_mut() {
                p.attrs.insert("implicit".into(), "true".into());
            }
        }
    }

    pub(super) fn push_item(
        &mut self,
        l: &SourceLine<'_>,
        level: usize,
        num: Num,
        scheme: Scheme,
        label: &str,
        rest: &str,
    ) {
        self.pop_while(|n| match n.kind {
            Kind::Paragraph => true,
            Kind::Item => level >= 1,
            Kind::Subitem => (n.level as usize) < level,
            Kind::Table | Kind::TableRow | Kind::TableCell | Kind::Text => false,
            _ => true,
        });
        let mut it = Node::new(if level == 0 { Kind::Item } else { Kind::Subitem });
        it.level = level as u8;
        it.num = Some(num);
        it.scheme = Some(scheme);
        it.label = label.to_string();
        it.text = rest.to_string();
        it.span = span_of(l);
        self.push(it);
    }

    /// Markdown list items without a marker of their own, or plain text.
    /// `bullet_next`: the next line that is not blank starts with `・` (see [`Self::bullet`]).
    pub(super) fn list_or_text(&mut self, l: &SourceLine<'_>, bullet_next: bool) {
        if let LineInfo::ListItem { depth, ordered } = l.info {
            if self.mode != Mode::Appendix && self.mode != Mode::Toc {
                if depth == 0 {
                    // Top-level list items are 項 (`1.` in internal rules; `-` lines in a 附則).
                    self.mode = Mode::Body;
                    self.paragraph(l, ordered.map(Num::simple), l.list_marker, l.content);
                    return;
                }
                if self.stack.iter().any(|n| n.kind == Kind::Paragraph) {
                    let level = (depth as usize).saturating_sub(1);
                    self.levels.truncate(level);
                    let (num, scheme) = match ordered {
                        Some(n) => (Num::simple(n), Scheme::Arabic),
                        None => {
                            let prev = self.stack.iter().rev().find(|n| {
                                (level == 0 && n.kind == Kind::Item)
                                    || (n.kind == Kind::Subitem && n.level as usize == level)
                            });
                            let _ = prev;
                            (Num::simple(0), Scheme::Arabic)
                        }
                    };
                    let num = if num.main() == 0 { self.next_unnumbered(level) } else { num };
                    let m = Marker { bracket: Bracket::Bare, value: MarkerValue::Arabic(num.clone()), end: None };
                    let class = (m.class().0, 10 + ordered.is_some() as u8);
                    self.levels.push(ListLevel { class, scheme, last: num.clone() });
                    let scheme = if ordered.is_some() { Some(scheme) } else { None };
                    self.push_item(l, level, num, scheme.unwrap_or(Scheme::Arabic), l.list_marker, l.content);
                    if ordered.is_none() {
                        if let Some(top) = self.stack.last_mut() {
                            top.scheme = None;
                        }
                    }
                    return;
                }
                // A nested item with no 項 open (its parent item was read as a heading, a 附則 line or the
                // title): no level to place it at. Its marker stays in its words, and the parse says so.
                self.diagnostics.push(
                    Diagnostic::warning(
                        "list-item-outside-provision",
                        format!("the list item 「{}」 has no 項 to belong to; kept as text", l.list_marker),
                    )
                    .at(l.line, l.column),
                );
            }
            // Never dropped: the marker is part of what was written (a list in a 別表 is its text).
            let written = if l.list_marker.is_empty() {
                l.content.to_string()
            } else {
                format!("{} {}", l.list_marker, l.content)
            };
            self.text(l, &written);
            return;
        }
        if !self.bullet(l, bullet_next) {
            self.text(l, l.content);
        }
    }

    /// `・…` lines (a printed Markdown list, or Word's bullets, pasted as text), read as the Markdown's bullets
    /// are: under a 項 or item that ends its sentence or leads in, they are its items, and under an item
    /// without 「。」 too when another `・` line follows (a run; one line alone there is more likely a PDF's
    /// wrap inside 「審査・証明」); where no 項 holds them (a 附則, an article's first line) and after a `・`
    /// 項, they are 項 labelled `・`. Not a line that goes on from an unfinished 項, nor a leader `・・・`.
    fn bullet(&mut self, l: &SourceLine<'_>, bullet_next: bool) -> bool {
        if self.mode != Mode::Body || l.info != LineInfo::Plain {
            return false;
        }
        let Some(rest) = l.content.strip_prefix('・') else { return false };
        let rest = rest.trim_start_matches([' ', '\u{3000}', '\t']);
        let Some(top) = self.stack.last() else { return false };
        if rest.is_empty() || rest.starts_with('・') || top.text.ends_with('・') {
            return false;
        }
        let bare = top.text.is_empty() && top.label.is_empty() && top.children.is_empty();
        let as_paragraph = match top.kind {
            Kind::SupplProvision => true,
            // The 項 an article line opens, still empty (`第2条` alone, then `・…`).
            Kind::Paragraph => bare || top.label == BULLET_LABEL,
            _ => false,
        };
        if as_paragraph {
            self.paragraph(l, None, BULLET_LABEL, rest);
            return true;
        }
        let ends = super::ends_sentence(&top.text) || top.text.ends_with(['：', ':']);
        let under = match top.kind {
            Kind::Paragraph => ends,
            Kind::Item | Kind::Subitem => ends || bullet_next || top.label == BULLET_LABEL,
            _ => false,
        };
        if !under {
            return false;
        }
        // The level of the bullets already open, else one below the open item (the 項's first level).
        let level = self.levels.iter().rposition(|lv| lv.class == BULLET_CLASS).unwrap_or(self.levels.len());
        self.levels.truncate(level);
        let num = self.next_unnumbered(level);
        self.levels.push(ListLevel { class: BULLET_CLASS, scheme: Scheme::Arabic, last: num.clone() });
        self.push_item(l, level, num, Scheme::Arabic, BULLET_LABEL, rest);
        if let Some(top) = self.stack.last_mut() {
            // Unnumbered, as a Markdown bullet item.
            top.scheme = None;
        }
        true
    }

    /// The position number for an unnumbered list item at `level` in the current paragraph.
    pub(super) fn next_unnumbered(&self, level: usize) -> Num {
        let siblings = if level == 0 {
            self.stack.iter().rev().find(|n| n.kind == Kind::Paragraph).map(|p| p.children.len()).unwrap_or(0)
        } else {
            self.stack
                .iter()
                .rev()
                .find(|n| {
                    (n.kind == Kind::Item && level == 1) || (n.kind == Kind::Subitem && n.level as usize + 1 == level)
                })
                .map(|p| p.children.len())
                .unwrap_or(0)
        };
        // The open sibling (still on the stack) counts too.
        let open_sibling = self.stack.iter().any(|n| {
            (level == 0 && n.kind == Kind::Item) || (level > 0 && n.kind == Kind::Subitem && n.level as usize == level)
        });
        Num::simple(siblings as u32 + 1 + open_sibling as u32)
    }
}

/// The label of a bullet item in plain text, and the class of its level (apart from every marker's).
const BULLET_LABEL: &str = "・";
const BULLET_CLASS: (Bracket, u8) = (Bracket::Bare, 30);

fn scheme_of(v: &MarkerValue) -> Scheme {
    match v {
        MarkerValue::Kanji(_) => Scheme::Kanji,
        MarkerValue::Arabic(_) => Scheme::Arabic,
        MarkerValue::Kana('ア') => Scheme::Aiueo,
        MarkerValue::Kana(c) if iroha_index(*c).is_none() => Scheme::Aiueo,
        MarkerValue::Kana(_) => Scheme::Iroha,
        MarkerValue::Roman(_) => Scheme::Roman,
        MarkerValue::Latin(_) => Scheme::Latin,
    }
}

fn value_in(v: &MarkerValue, scheme: Scheme) -> Num {
    match v {
        MarkerValue::Kanji(n) | MarkerValue::Arabic(n) => n.clone(),
        MarkerValue::Kana(c) => {
            let i = if scheme == Scheme::Aiueo { aiueo_index(*c) } else { iroha_index(*c) };
            Num::simple(i.or_else(|| aiueo_index(*c)).unwrap_or(0))
        }
        MarkerValue::Roman(n) | MarkerValue::Latin(n) => Num::simple(*n),
    }
}

#[cfg(test)]
mod tests {
    use crate::model::{Document, Kind, SourceFormat};
    use crate::parse::source_lines::markdown_lines;

    fn md(text: &str) -> Document {
        super::super::build("t.md", markdown_lines(text), SourceFormat::Markdown).unwrap().document
    }

    fn outline(n: &crate::model::Node) -> Vec<(String, String, String)> {
        n.children.iter().map(|c| (c.id.clone(), c.label.clone(), c.text.clone())).collect()
    }

    #[test]
    fn the_written_label_wins_over_the_list_position() {
        let doc = md("# 規程\n\n### 第1条\n\n1. 甲。\n2. 乙。\n3. 丙。\n2. 丁。\n3. 戊。\n\n### 第2条\n\n8. 己。\n");
        let a1 = doc.find("art_1").unwrap();
        let nums: Vec<u32> = a1.children.iter().map(|p| p.num.as_ref().unwrap().main()).collect();
        assert_eq!(nums, [1, 2, 3, 2, 3]);
        let labels: Vec<&str> = a1.children.iter().map(|p| p.label.as_str()).collect();
        assert_eq!(labels, ["1.", "2.", "3.", "2.", "3."]);
        // Duplicates are made unique by `model::ids`, not renumbered.
        assert_eq!(a1.children[3].id, "art_1__para_2_dup2");
        assert_eq!(doc.find("art_2").unwrap().children[0].id, "art_2__para_8");
        // Nested ordered lists too: `3.` after `1.` is item 3.
        let doc = md("# 規程\n\n### 第1条\n\n1. 次のとおり。\n    1. 甲\n    3. 乙\n");
        assert!(doc.find("art_1__para_1__item_3").is_some());
    }

    fn parsed(text: &str) -> crate::parse::Parsed {
        super::super::build("t.md", markdown_lines(text), SourceFormat::Markdown).unwrap()
    }

    /// A rule pasted without its article heading (fuzz crash-80016c95): its `1.` is a 項 (not the title, which
    /// lost the marker), and the nested `1.` `2.` are that 項's items, read back the same.
    #[test]
    fn a_list_item_on_the_first_line_is_a_paragraph_not_the_title() {
        let p = parsed("1. 次のとおり。\n    1. 甲・・・20日\n    2. 乙・・・16日\n2. 丙とする。\n");
        let doc = &p.document;
        assert_eq!(doc.title, "");
        let para = doc.find("para_1").unwrap();
        assert_eq!((para.label.as_str(), para.text.as_str()), ("1.", "次のとおり。"));
        let items: Vec<(&str, &str)> = para.children.iter().map(|c| (c.label.as_str(), c.text.as_str())).collect();
        assert_eq!(items, [("1.", "甲・・・20日"), ("2.", "乙・・・16日")]);
        assert_eq!(doc.find("para_2").unwrap().text, "丙とする。");
        assert_eq!(crate::conformance::canonical_round_trip(doc), Ok(()));
    }

    /// A nested item whose parent item was read as something else (here a 附則 line) has no 項 to be placed
    /// in: its words keep their marker, and the parse reports it at its line.
    #[test]
    fn a_nested_item_with_no_paragraph_keeps_its_marker_and_is_reported() {
        let p = parsed("# 規程\n\n### 第1条\n\n本文。\n\n- 附則\n    1. 乙\n");
        let suppl = p.document.suppl_provisions().next().unwrap();
        assert_eq!(suppl.children[0].text, "1. 乙");
        let d: Vec<(&str, u32)> = p.diagnostics.iter().map(|d| (d.code.as_str(), d.line)).collect();
        assert_eq!(d, [("list-item-outside-provision", 8)]);
        assert_eq!(crate::conformance::canonical_round_trip(&p.document), Ok(()));
        // In a 別表, a list is the appendix's text, marker included.
        let p = parsed("# 規程\n\n### 第1条\n\n本文。\n\n## 別表\n\n- 甲\n- 乙\n");
        let texts: Vec<&str> = p.document.children[1].children.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(texts, ["- 甲", "- 乙"]);
        assert_eq!(crate::conformance::canonical_round_trip(&p.document), Ok(()));
    }

    /// `- 0`: a number alone in a list item is its text (the marker is the label), not a 項 number whose text
    /// follows on the next line; and a `- (1)` first line is a 号, not the title without its `- `.
    #[test]
    fn a_number_alone_in_a_list_item_is_its_text() {
        let doc = md("- (1) 号\n- 0\n\n第一条　本文である。\n");
        assert_eq!(doc.title, "");
        let para = doc.find("para_1").unwrap();
        assert_eq!((para.children[0].label.as_str(), para.children[0].text.as_str()), ("(1)", "号"));
        let zero = doc.find("para_2").unwrap();
        assert_eq!((zero.label.as_str(), zero.text.as_str()), ("-", "0"));
        assert_eq!(doc.find("art_1__para_1").unwrap().text, "本文である。");
        assert_eq!(crate::conformance::canonical_round_trip(&doc), Ok(()));
    }

    /// `・` bullets, as a printed Markdown list or Word's bullets paste: items of the 項 above, as the nested
    /// `-` items of the Markdown are (same kinds, numbers and words).
    #[test]
    fn nakaguro_bullets_under_a_paragraph_are_its_items() {
        let plain = |t: &str| crate::parse::parse_str(t).unwrap();
        let shape = |doc: &Document| {
            let mut v = Vec::new();
            crate::model::walk::walk(doc, &mut |n| v.push((n.kind, n.id.clone(), n.text.clone())));
            v
        };
        let text = "規程\n第4条　社員の区分は、次のとおりとする。\n・正社員・・・フルタイムで勤務する社員\n\
                    ・アルバイト社員・・・短時間勤務をする社員\n２　前項の区分は、会社が定める。\n";
        let doc = plain(text);
        let para = doc.find("art_4__para_1").unwrap();
        let items: Vec<(&str, &str)> = para.children.iter().map(|c| (c.label.as_str(), c.text.as_str())).collect();
        assert_eq!(
            items,
            [("・", "正社員・・・フルタイムで勤務する社員"), ("・", "アルバイト社員・・・短時間勤務をする社員")]
        );
        assert_eq!(doc.find("art_4__para_2").unwrap().text, "前項の区分は、会社が定める。");
        let markdown = md(
            "# 規程\n\n### 第4条\n\n1. 社員の区分は、次のとおりとする。\n    - 正社員・・・フルタイムで勤務する社員\n\
                           \x20   - アルバイト社員・・・短時間勤務をする社員\n2. 前項の区分は、会社が定める。\n",
        );
        assert_eq!(shape(&doc), shape(&markdown));
        assert_eq!(crate::conformance::canonical_round_trip(&doc), Ok(()));
        // Under an item without 「。」 (its subitems), and in a 附則 (its 項, as the Markdown's `-` lines).
        let text = "規程\n第6条　次の書類を提出する。\n1　住民票\n2　資格等のうち、会社が求めるもの\n・国籍を有する者\n\
                    ・学位を有する者\n3　その他\n附則\n・この規則は、令和2年から施行する。\n・この規則は、令和4年に改正する。\n";
        let doc = plain(text);
        let item = doc.find("art_6__para_1__item_2").unwrap();
        assert_eq!(
            item.children.iter().map(|c| c.text.as_str()).collect::<Vec<_>>(),
            ["国籍を有する者", "学位を有する者"]
        );
        assert_eq!(doc.find("art_6__para_1__item_3").unwrap().text, "その他");
        let suppl = doc.suppl_provisions().next().unwrap();
        let paras: Vec<(&str, &str)> = suppl.children.iter().map(|c| (c.label.as_str(), c.text.as_str())).collect();
        assert_eq!(paras, [("・", "この規則は、令和2年から施行する。"), ("・", "この規則は、令和4年に改正する。")]);
        assert_eq!(crate::conformance::canonical_round_trip(&doc), Ok(()));
        // One `・` line alone under an item without 「。」: a PDF's wrap inside the item's words.
        let doc = plain("規程\n第1条　次のとおりとする。\n一　審査\n・証明事業の実施\n二　調査\n");
        assert_eq!(doc.find("art_1__para_1__item_1").unwrap().text, "審査・証明事業の実施");
        // Not a bullet: a line going on from an unfinished sentence, or a leader 「・・・」.
        let doc = plain("規程\n第1条　甲及び乙\n・丙とする。\n第2条　次のとおりとする。\n・・・保険\n");
        assert_eq!(doc.find("art_1__para_1").unwrap().text, "甲及び乙・丙とする。");
        assert!(doc.find("art_2__para_1").unwrap().children.is_empty());
    }

    #[test]
    fn every_bullet_marker_makes_the_same_tree() {
        let shape = |m: &str| {
            let t = format!(
                "# 規程\n\n### 第1条　区分\n\n1. 区分は、次のとおりとする。\n    {m} 正社員\n    {m} アルバイト\n\
                 \n### 第2条\n\n{m} 社員は誠実に勤務する。\n\n## 附則\n\n{m} この規則は、令和2年4月21日から施行する。\n\
                 {m} この規則は、令和4年11月21日に改正する。\n"
            );
            let doc = md(&t);
            let mut all = Vec::new();
            crate::model::walk::walk(&doc, &mut |n| all.push((n.kind, n.id.clone(), n.text.clone())));
            (doc, all)
        };
        let (dash, want) = shape("-");
        for m in ["*", "+"] {
            let (doc, got) = shape(m);
            assert_eq!(got, want, "`{m}` bullets");
            let items = doc.find("art_1__para_1").unwrap();
            assert_eq!(items.children.iter().filter(|c| c.kind == Kind::Item).count(), 2);
            assert!(items.children.iter().all(|c| c.label == m));
            let suppl = doc.suppl_provisions().next().unwrap();
            assert_eq!(outline(suppl).len(), 2);
            assert!(suppl.children.iter().all(|c| c.kind == Kind::Paragraph && c.label == m));
        }
        assert_eq!(dash.find("art_2__para_1").unwrap().label, "-");
    }
}
