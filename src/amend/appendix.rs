//! 別表 and 別記様式 in 改め文: citing them (`別表第二`, `別記様式第一`), finding them by the label they carry,
//! writing the instructions that change them, and reading the new tables and forms given as text.
//!
//! The instructions follow drafting practice: a 別記様式 is replaced whole (「別記様式第一を次のように改める。」
//! and the new form), as is a 別表 that changed much; a small change inside a 別表 is a wording edit
//! (「別表第二中「甲」を「乙」に改める。」); a new one is 「別表第一の次に次の一表を加える。」 (「次の一様式」
//! for a form), a removed one 「別表第二を削る。」.
//!
//! The new table or form follows its instruction as text. An appendix read from the text layout is written back
//! in that layout (its title line `別記様式第１（第１条関係）`, then its lines), which the text parser reads into
//! the same nodes. An appendix read from e-Gov XML keeps its structure only in element names and attributes
//! (`StyleStruct` › `Style` › `Fig src="…"`, with no text at all), which no text layout carries; it is written as
//! the e-Gov XML element itself (`<AppdxStyle>…</AppdxStyle>`), which is how e-Gov's own amending acts carry a
//! new form (in their `NewProvision`), and read back with the XML importer.
//!
//! ```
//! use kitei::amend::appendix::{key, cite_label};
//! use kitei::amend::style::NumStyle;
//! assert_eq!(key("別記様式第１"), ("別記様式".to_string(), Some(kitei::Num::simple(1))));
//! assert_eq!(cite_label("別記様式第１", NumStyle::Kanji), "別記様式第一");
//!
//! let old = kitei::parse::parse_str("例\n第一条　別表による。\n別表第一（第一条関係）\n甲　一\n").unwrap();
//! let new = kitei::parse::parse_str("例\n第一条　別表による。\n別表第一（第一条関係）\n乙　一\n").unwrap();
//! let text = kitei::amend::generate(&old, &new, &Default::default()).unwrap();
//! assert!(text.contains("別表第一中「甲」を「乙」に改める。"), "{text}");
//! ```

use crate::error::{Error, Result};
use crate::model::{walk, Document, Kind, Node, Num};

use super::pairing::similarity;
use super::quote::Cursor;
use super::style::NumStyle;
use super::wording::{edits_for, write_edits};
use super::{Special, Step};

type R<T> = std::result::Result<T, String>;

/// The words that start an appendix target, longest first.
pub(super) const NAMES: &[&str] = &["別記様式", "別表", "様式", "別記", "別紙"];

/// After an appendix name: its number (`第二`, `第二の二`), if any, and the end of a range
/// (`から別記様式第四まで`), if one follows.
pub(super) fn read_num(c: &mut Cursor, name: &str) -> (Option<Num>, Option<Vec<Step>>) {
    fn num(c: &mut Cursor) -> Option<Num> {
        let save = c.pos;
        let Some(first) = c.eat("第").then(|| c.number()).flatten() else {
            c.pos = save;
            return None;
        };
        let mut n = Num(vec![first]);
        loop {
            let at = c.pos;
            match c.eat("の").then(|| c.number()).flatten() {
                Some(b) => n.0.push(b),
                None => {
                    c.pos = at;
                    return Some(n);
                }
            }
        }
    }
    let start = num(c);
    let save = c.pos;
    if start.is_some() && c.eat("から") && c.eat(name) {
        if let Some(end) = num(c) {
            if c.eat("まで") {
                return (start, Some(vec![Step::Unit { kind: Kind::Appendix, num: end, level: 0 }]));
            }
        }
    }
    c.pos = save;
    (start, None)
}

/// The name and number of an appendix label: `別記様式第１` → (`別記様式`, 1); `別表第二の二` → (`別表`, 2-2);
/// `別表` → (`別表`, none). Spaces are ignored.
pub fn key(label: &str) -> (String, Option<Num>) {
    let label: String = label.chars().filter(|c| !c.is_whitespace()).collect();
    let Some(i) = label.find('第') else { return (label, None) };
    let rest = &label[i + '第'.len_utf8()..];
    let end = rest
        .char_indices()
        .find(|&(_, c)| {
            !(c == 'の' || crate::model::num::is_kanji_numeral(c) || crate::model::num::digit_value(c).is_some())
        })
        .map(|(k, _)| k)
        .unwrap_or(rest.len());
    let digits = rest[..end].trim_end_matches('の');
    match Num::parse_japanese(digits) {
        Some(n) => (label[..i].to_string(), Some(n)),
        None => (label, None),
    }
}

/// The appendix cited in the document's number style: `別記様式第１` → `別記様式第一` (kanji style).
pub fn cite_label(label: &str, style: NumStyle) -> String {
    match key(label) {
        (name, Some(num)) => {
            let branches: String = num.0.iter().skip(1).map(|b| format!("の{}", style.n(*b))).collect();
            format!("{name}第{}{branches}", style.n(num.main()))
        }
        (name, None) => name,
    }
}

/// The name and number a [`Special`] target gives an appendix (`別表` for [`Special::Appendix`]).
pub fn target_key(special: &Special) -> Option<(String, Option<Num>)> {
    match special {
        Special::Appendix(num) => Some(("別表".into(), num.clone())),
        Special::Annex { name, num } => Some((name.clone(), num.clone())),
        _ => None,
    }
}

/// Whether the appendix node is the one named (by its label, or by its `num` for a 別表).
pub fn is_named(n: &Node, name: &str, num: Option<&Num>) -> bool {
    if n.kind != Kind::Appendix {
        return false;
    }
    let (k, m) = key(&n.label);
    k == name && (m.as_ref() == num || (m.is_none() && n.num.as_ref() == num))
}

/// The index among `kids` of the appendix a target names. A bare 別表 with no appendix labelled so names the
/// first appendix.
pub fn position(kids: &[Node], name: &str, num: Option<&Num>) -> Option<usize> {
    kids.iter().position(|n| is_named(n, name, num)).or_else(|| {
        (name == "別表" && num.is_none()).then(|| kids.iter().position(|n| n.kind == Kind::Appendix)).flatten()
    })
}

/// Read from e-Gov XML: some node below carries the element name it came from.
fn is_egov(n: &Node) -> bool {
    let mut found = false;
    walk::walk_node(n, &mut |x| found |= x.attrs.contains_key("egov"));
    found
}

/// A form (様式), replaced whole rather than edited.
fn is_form(n: &Node) -> bool {
    key(&n.label).0.contains("様式") || n.attrs.get("egov").is_some_and(|e| e.contains("Style"))
}

/// The appendix as the new text that follows 「次のように改める。」 or 「次の一表を加える。」.
pub fn body_text(n: &Node) -> String {
    let mut doc = Document::new("仮");
    doc.children.push(n.clone());
    if is_egov(n) {
        let xml = crate::export::egov_xml::to_egov_xml(&doc);
        let lines: Vec<&str> = xml.lines().collect();
        let start = lines.iter().position(|l| l.trim_start().starts_with("<Appdx")).unwrap_or(0);
        let end = lines.iter().rposition(|l| l.trim_start().starts_with("</LawBody>")).unwrap_or(lines.len());
        let indent = lines.get(start).map(|l| l.len() - l.trim_start().len()).unwrap_or(0);
        return lines[start..end.max(start)]
            .iter()
            .map(|l| l.get(indent..).filter(|_| l.starts_with(&" ".repeat(indent))).unwrap_or(l.trim_start()))
            .collect::<Vec<_>>()
            .join("\n");
    }
    let text = crate::export::text::to_text(&doc);
    // The first line is the title of the wrapping document.
    text.lines().skip(1).filter(|l| !l.trim().is_empty()).collect::<Vec<_>>().join("\n")
}

/// Reads appendices given as text: the e-Gov XML element(s) when the text starts with `<Appdx…`, else the text
/// layout (title line, then its lines).
pub fn body_nodes(text: &str) -> R<Vec<Node>> {
    let first = text.lines().map(str::trim).find(|l| !l.is_empty()).ok_or("the new text is missing")?;
    let doc = if first.starts_with("<Appdx") {
        let xml = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Law Era=\"Reiwa\" Year=\"1\" Num=\"1\" LawType=\"Rule\" \
             Lang=\"ja\"><LawNum>仮</LawNum><LawBody><LawTitle>仮</LawTitle><MainProvision><Paragraph Num=\"1\">\
             <ParagraphNum/><ParagraphSentence><Sentence Num=\"1\">仮</Sentence></ParagraphSentence></Paragraph>\
             </MainProvision>\n{text}\n</LawBody></Law>\n"
        );
        crate::parse::egov_xml::parse("<new appendix>", &xml)
            .map_err(|e| format!("the new XML does not parse: {e}"))?
            .document
    } else {
        crate::parse::parse_str(&format!("仮\n第一条　本文。\n{text}\n"))
            .map_err(|e| format!("the new text does not parse: {e}"))?
    };
    let nodes: Vec<Node> = doc.children.into_iter().filter(|n| n.kind == Kind::Appendix).collect();
    if nodes.is_empty() {
        return Err("the new text holds no 別表 or 様式".into());
    }
    Ok(nodes)
}

/// The instructions that turn OLD's appendices into NEW's, in order: changes under the old numbers, then
/// 削る, then additions. Appendices are paired by name and number (`別記様式第１` with `別記様式第一`).
pub fn changes(old: &Document, new: &Document, style: NumStyle) -> Result<Vec<String>> {
    let list = |d: &Document| d.children.iter().filter(|n| n.kind == Kind::Appendix).cloned().collect::<Vec<_>>();
    let (oa, na) = (list(old), list(new));
    let mut out = Vec::new();
    let paired = |o: &Node| na.iter().position(|n| key(&n.label) == key(&o.label));
    // (index in OLD's children, the wording edits or else the whole new text) for each changed appendix.
    let mut changed: Vec<(usize, Change)> = Vec::new();
    for (i, o) in old.children.iter().enumerate().filter(|(_, n)| n.kind == Kind::Appendix) {
        if let Some(j) = paired(o) {
            if !o.same_content(&na[j]) {
                changed.push((i, change(o, &na[j])?));
            }
        }
    }
    let mut k = 0;
    while k < changed.len() {
        let (i, c) = &changed[k];
        let cite = cite_label(&old.children[*i].label, style);
        let Change::Whole(body) = c else {
            let Change::Edits(e) = c else { unreachable!("two kinds of change") };
            out.push(format!("{cite}中{}。", write_edits(e, true)));
            k += 1;
            continue;
        };
        // A run of neighbours of the same name replaced whole: 別記様式第一から別記様式第四までを次のように改める.
        let name = key(&old.children[*i].label).0;
        let mut bodies = vec![body.clone()];
        let mut end = k;
        while let Some((i2, Change::Whole(b))) = changed.get(end + 1) {
            if *i2 != i + bodies.len()
                || key(&old.children[*i2].label).0 != name
                || key(&old.children[*i2].label).1.is_none()
            {
                break;
            }
            bodies.push(b.clone());
            end += 1;
        }
        if end > k && key(&old.children[*i].label).1.is_some() {
            let last = cite_label(&old.children[changed[end].0].label, style);
            out.push(format!("{cite}から{last}までを次のように改める。\n{}", bodies.join("\n")));
            k = end + 1;
        } else {
            out.push(format!("{cite}を次のように改める。\n{body}"));
            k += 1;
        }
    }
    for o in &oa {
        if paired(o).is_none() {
            out.push(format!("{}を削る。", cite_label(&o.label, style)));
        }
    }
    let in_old = |n: &Node| oa.iter().any(|o| key(&o.label) == key(&n.label));
    let mut k = 0;
    while k < na.len() {
        if in_old(&na[k]) {
            k += 1;
            continue;
        }
        let start = k;
        while k < na.len() && !in_old(&na[k]) {
            k += 1;
        }
        let run = &na[start..k];
        let unit = if run.iter().all(is_form) { "様式" } else { "表" };
        let what = format!("次の{}{unit}を加える。", style.n(run.len() as u32));
        let head = match (start.checked_sub(1).map(|i| &na[i]), na.get(k)) {
            (Some(p), _) => format!("{}の次に{what}", cite_label(&p.label, style)),
            (None, Some(n)) => format!("{}の前に{what}", cite_label(&n.label, style)),
            (None, None) => {
                return Err(Error::Other("adding the first 別表 or 様式 cannot be written as an amendment yet".into()))
            }
        };
        let body: Vec<String> = run.iter().map(checked_body).collect::<Result<_>>()?;
        out.push(format!("{head}\n{}", body.join("\n")));
    }
    Ok(out)
}

/// How one appendix changed.
enum Change {
    /// Wording edits (a small change to a 別表's text).
    Edits(Vec<super::Edit>),
    /// The whole new appendix as body text.
    Whole(String),
}

/// One changed appendix: wording edits for a small change to a 別表's text, else the whole of it.
fn change(o: &Node, n: &Node) -> Result<Change> {
    if !is_form(o) && !is_form(n) && !is_egov(o) && !is_egov(n) && similarity(o, n) >= 0.5 {
        if let Some(e) = wording(o, n) {
            return Ok(Change::Edits(e));
        }
    }
    Ok(Change::Whole(checked_body(n)?))
}

/// Wording edits, when the two differ only in the texts of the same nodes.
fn wording(o: &Node, n: &Node) -> Option<Vec<super::Edit>> {
    fn shape(a: &Node, b: &Node) -> bool {
        a.kind == b.kind
            && a.num == b.num
            && a.label == b.label
            && a.heading == b.heading
            && a.heading_raw == b.heading_raw
            && a.attrs == b.attrs
            && a.level == b.level
            && a.scheme == b.scheme
            && a.children.len() == b.children.len()
            && a.children.iter().zip(&b.children).all(|(x, y)| shape(x, y))
    }
    if !shape(o, n) {
        return None;
    }
    let (mut segs, mut want) = (Vec::new(), Vec::new());
    walk::walk_node(o, &mut |x| segs.push(x.text.clone()));
    walk::walk_node(n, &mut |x| want.push(x.text.clone()));
    let mut edits = Vec::new();
    for i in 0..segs.len() {
        if segs[i] != want[i] {
            edits.extend(edits_for(&segs, i, &want[i])?);
            segs[i] = want[i].clone();
        }
    }
    Some(edits)
}

/// The body text of an appendix, checked to read back into the same node.
fn checked_body(n: &Node) -> Result<String> {
    let text = body_text(n);
    // Read back the way the 改め文 parser will: as the body of an instruction.
    let act = super::parse::parse(&format!("別表を次のように改める。\n{text}\n"), "<appendix>")?;
    let read: Vec<_> = act.instructions().collect();
    let body = match read.as_slice() {
        [ins] => match &ins.op {
            super::Op::Rewrite(b) => b.text.clone(),
            _ => String::new(),
        },
        _ => String::new(),
    };
    let back = body_nodes(&body).map_err(Error::Other)?;
    if back.len() != 1 || !back[0].same_content(n) {
        return Err(Error::Other(format!(
            "the 別表/様式 「{}」 cannot be written as text that reads back the same",
            n.label
        )));
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::amend::{parse::parse, Op};

    fn doc(appendices: &str) -> Document {
        crate::parse::parse_str(&format!("例規程\n第一条　別表及び別記様式による。\n{appendices}")).unwrap()
    }

    fn round_trip(old: &Document, new: &Document) -> String {
        let text = crate::amend::generate(old, new, &Default::default()).unwrap();
        let got = crate::amend::apply(old, &text, "t").unwrap();
        assert_eq!(super::super::check::comparable(&got), super::super::check::comparable(new), "{text}");
        text
    }

    #[test]
    fn keys_and_citations() {
        assert_eq!(key("別表第二の二"), ("別表".into(), Some(Num(vec![2, 2]))));
        assert_eq!(key("別　表"), ("別表".into(), None));
        assert_eq!(key("様式第３号"), ("様式".into(), Some(Num::simple(3))));
        assert_eq!(cite_label("別表第2の3", NumStyle::Kanji), "別表第二の三");
        assert_eq!(cite_label("別記様式第一", NumStyle::Arabic), "別記様式第1");
    }

    #[test]
    fn targets_parse_as_appendices() {
        let a = parse("別記様式第一を次のように改める。\n別記様式第１（第１条関係）\n甲\n別表第二の二中「甲」を「乙」に改める。\n別表第三を削る。\n別表第一の次に次の一表を加える。\n別表第一の二\n丙\n", "t").unwrap();
        let v: Vec<_> = a.instructions().collect();
        assert_eq!(v.len(), 4);
        assert_eq!(v[0].target.special, Some(Special::Annex { name: "別記様式".into(), num: Some(Num::simple(1)) }));
        assert!(matches!(&v[0].op, Op::Rewrite(b) if b.text == "別記様式第１（第１条関係）\n甲"));
        assert_eq!(v[1].target.special, Some(Special::Appendix(Some(Num(vec![2, 2])))));
        assert!(matches!(v[2].op, Op::Delete));
        assert!(matches!(&v[3].op, Op::InsertAfter(b) if b.unit == Some((Kind::Appendix, 1))));
    }

    #[test]
    fn small_change_to_a_table_is_a_wording_edit() {
        let old = doc("別表第一（第一条関係）\n甲　一\n乙　二\n");
        let new = doc("別表第一（第一条関係）\n甲　一\n丙　二\n");
        let text = round_trip(&old, &new);
        assert!(text.contains("\n別表第一中「乙」を「丙」に改める。\n"), "{text}");
    }

    #[test]
    fn forms_are_replaced_whole() {
        let old = doc("別記様式第１（第１条関係）\n氏名欄\n");
        let new = doc("別記様式第１（第１条関係）\n氏名及び住所欄\n");
        let text = round_trip(&old, &new);
        assert!(
            text.contains("\n別記様式第一を次のように改める。\n別記様式第１（第１条関係）\n氏名及び住所欄\n"),
            "{text}"
        );
    }

    #[test]
    fn tables_added_and_removed() {
        let old = doc("別表第一\n甲\n別表第二\n乙\n別表第三\n丙\n");
        let new = doc("別表第一\n甲\n別表第一の二\n丁\n別表第三\n丙\n");
        let text = round_trip(&old, &new);
        assert!(text.contains("\n別表第二を削る。\n"), "{text}");
        assert!(text.contains("\n別表第一の次に次の一表を加える。\n別表第一の二\n丁\n"), "{text}");
        let forms = round_trip(&doc("別記様式第１\n甲\n"), &doc("別記様式第１\n甲\n別記様式第２\n乙\n"));
        assert!(forms.contains("\n別記様式第一の次に次の一様式を加える。\n"), "{forms}");
    }

    #[test]
    fn egov_forms_travel_as_their_element() {
        let xml = |src: &str| {
            format!(
                "<Law Era=\"Heisei\" Year=\"1\" Num=\"1\" LawType=\"Rule\" Lang=\"ja\"><LawNum>平成元年規則第一号</LawNum>\
                 <LawBody><LawTitle>例規則</LawTitle><MainProvision><Article Num=\"1\"><ArticleTitle>第一条</ArticleTitle>\
                 <Paragraph Num=\"1\"><ParagraphNum/><ParagraphSentence><Sentence>別記様式による。</Sentence>\
                 </ParagraphSentence></Paragraph></Article></MainProvision><AppdxStyle><AppdxStyleTitle>別記様式\
                 </AppdxStyleTitle><StyleStruct><Style><Fig src=\"{src}\"/></Style></StyleStruct></AppdxStyle></LawBody></Law>"
            )
        };
        let load = |s: &str| crate::parse::egov_xml::parse("t.xml", s).unwrap().document;
        let (old, new) = (load(&xml("./pict/a.pdf")), load(&xml("./pict/b.pdf")));
        let text = round_trip(&old, &new);
        assert!(text.contains("\n別記様式を次のように改める。\n<AppdxStyle>\n"), "{text}");
        assert!(text.contains("<Fig src=\"./pict/b.pdf\"/>"), "{text}");
    }

    #[test]
    fn neighbouring_forms_replaced_as_a_range() {
        let old = doc("別記様式第１\n甲\n別記様式第２\n乙\n別記様式第３\n丙\n");
        let new = doc("別記様式第１\n甲一\n別記様式第２\n乙一\n別記様式第３\n丙\n");
        let text = round_trip(&old, &new);
        assert!(
            text.contains(
                "\n別記様式第一から別記様式第二までを次のように改める。\n別記様式第１\n甲一\n別記様式第２\n乙一\n"
            ),
            "{text}"
        );
        // Not neighbours: two sentences.
        let new = doc("別記様式第１\n甲一\n別記様式第２\n乙\n別記様式第３\n丙一\n");
        let text = round_trip(&old, &new);
        assert!(
            text.contains("\n別記様式第一を次のように改める。\n")
                && text.contains("\n別記様式第三を次のように改める。\n"),
            "{text}"
        );
        let a = parse("別表第一から別表第三までを削る。\n", "t").unwrap();
        let ins: Vec<_> = a.instructions().collect();
        assert_eq!(
            ins[0].target.end,
            Some(vec![crate::amend::Step::Unit { kind: Kind::Appendix, num: Num::simple(3), level: 0 }])
        );
        let got = crate::amend::apply(
            &doc("別表第一\n甲\n別表第二\n乙\n別表第三\n丙\n別表第四\n丁\n"),
            "別表第一から別表第三までを削る。\n",
            "t",
        )
        .unwrap();
        let labels: Vec<_> =
            got.children.iter().filter(|n| n.kind == Kind::Appendix).map(|n| n.label.as_str()).collect();
        assert_eq!(labels, ["別表第四"]);
    }

    #[test]
    fn appendices_come_after_the_suppl_provisions() {
        let text = |year: &str, word: &str| {
            format!("例規程\n第一条　別表による。\n附　則\nこの規程は、令和{year}年四月一日から施行する。\n別表第一\n{word}\n")
        };
        let old = crate::parse::parse_str(&text("二", "甲")).unwrap();
        let new = crate::parse::parse_str(&text("三", "乙")).unwrap();
        let t = round_trip(&old, &new);
        let (suppl, table) = (t.find("\n附則中「"), t.find("\n別表第一中「甲」を「乙」に改める。"));
        assert!(suppl.is_some() && table.is_some() && suppl < table, "{t}");
    }

    #[test]
    fn bad_bodies_are_errors() {
        assert!(body_nodes("").is_err());
        assert!(body_nodes("<AppdxStyle><StyleStruct>").is_err());
        let old = doc("別表第一\n甲\n");
        // A line of the new table that reads as an instruction cannot be carried as a body: an error, not a
        // wrong 改め文.
        let new = doc("別表第一\n第一条を削る。\n");
        assert!(crate::amend::generate(&old, &new, &Default::default()).is_err());
        let e = crate::amend::apply(&old, "別表第二を削る。\n", "t").unwrap_err().to_string();
        assert!(e.contains("別表第2"), "{e}");
    }
}
