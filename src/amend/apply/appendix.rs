//! 別表 and 別記様式 as instructions meet them: the appendix a target names (by the name and number its label
//! carries, `別記様式第１` for 別記様式第一), and the new tables and forms given as text (the text layout, or
//! the e-Gov XML element for an appendix read from XML).
//!
//! ```
//! use kitei::amend::apply::appendix::position;
//! let doc = kitei::parse::parse_str("例\n第一条　別表による。\n別表第一\n甲\n別表第二\n乙\n").unwrap();
//! assert_eq!(position(&doc.children, "別表", Some(&kitei::Num::simple(2))), Some(2));
//! ```

use crate::amend::grammar::appendix::key;
use crate::amend::types::Special;
use crate::model::{Kind, Node, Num};

type R<T> = std::result::Result<T, String>;

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
