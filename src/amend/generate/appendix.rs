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
//! use kitei::amend::generate::conventions::cite_label;
//! use kitei::amend::grammar::appendix::key;
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
use crate::model::{walk, Document, Kind, Node};

use crate::amend::apply::appendix::body_nodes;
use crate::amend::grammar::appendix::key;
use crate::amend::style::NumStyle;
use crate::amend::types::{Edit, Op};

use super::conventions::{cite_label, write_edits};
use super::pairing::similarity;
use super::wording::edits_for;

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
    Edits(Vec<Edit>),
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
fn wording(o: &Node, n: &Node) -> Option<Vec<Edit>> {
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
    let act = crate::amend::grammar::parse(&format!("別表を次のように改める。\n{text}\n"), "<appendix>")?;
    let read: Vec<_> = act.instructions().collect();
    let body = match read.as_slice() {
        [ins] => match &ins.op {
            Op::Rewrite(b) => b.text.clone(),
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
    use crate::amend::apply::check::comparable;
    use crate::amend::grammar::parse;
    use crate::model::Num;

    fn doc(appendices: &str) -> Document {
        crate::parse::parse_str(&format!("例規程\n第一条　別表及び別記様式による。\n{appendices}")).unwrap()
    }

    fn round_trip(old: &Document, new: &Document) -> String {
        let text = crate::amend::generate(old, new, &Default::default()).unwrap();
        let got = crate::amend::apply(old, &text, "t").unwrap();
        assert_eq!(comparable(&got), comparable(new), "{text}");
        text
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
