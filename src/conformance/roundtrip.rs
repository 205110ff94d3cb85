//! Round trips that must give the same tree: parse → canonical text → parse, and e-Gov XML → model →
//! e-Gov XML → model. Trees are compared without spans and with the source format unified
//! ([`without_spans`]); a difference is reported as the first differing line of the two trees' JSON.

use crate::model::{Document, Node, SourceFormat, Span};

/// A copy of the tree without spans (and with the source format unified), for comparing models.
pub fn without_spans(doc: &Document) -> Document {
    fn strip(n: &Node) -> Node {
        let mut n = n.clone();
        n.span = Span::default();
        n.children = n.children.iter().map(strip).collect();
        n
    }
    let mut d = doc.clone();
    d.span = Span::default();
    d.format = SourceFormat::Text;
    d.children = d.children.iter().map(strip).collect();
    d
}

/// Where two trees first differ: the JSON line number and a few lines of each side around it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TreeDiff {
    /// 0-based line of the pretty-printed JSON where the trees first differ.
    pub line: usize,
    /// The first differing line of the expected tree (trimmed), or empty when it ended.
    pub expected: String,
    /// The first differing line of the tree obtained (trimmed), or empty when it ended.
    pub got: String,
    /// The nearest `"id"` at or above the difference in the expected tree, if any.
    pub near_id: Option<String>,
}

impl std::fmt::Display for TreeDiff {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if let Some(id) = &self.near_id {
            write!(f, "near {id}: ")?;
        }
        if self.expected.is_empty() || self.got.is_empty() {
            let end = |s: &str| if s.is_empty() { "(end)".to_string() } else { short(s, "") };
            return write!(f, "expected {} got {}", end(&self.expected), end(&self.got));
        }
        write!(f, "expected {} got {}", short(&self.expected, &self.got), short(&self.got, &self.expected))
    }
}

/// `s` cut to 70 characters around where it first differs from `other`, so that two long lines differing
/// near their end are not shown as the same excerpt.
fn short(s: &str, other: &str) -> String {
    crate::diagnostic::excerpts_at_difference(s, other, 70).0
}

/// Compares two JSON values line by line; `None` when equal.
pub fn json_difference(expected: &serde_json::Value, got: &serde_json::Value) -> Option<TreeDiff> {
    if expected == got {
        return None;
    }
    let (a, b) = (pretty(expected), pretty(got));
    let (la, lb): (Vec<&str>, Vec<&str>) = (a.lines().collect(), b.lines().collect());
    let line = la.iter().zip(&lb).position(|(x, y)| x != y).unwrap_or(la.len().min(lb.len()));
    let near_id = la[..line.min(la.len())]
        .iter()
        .rev()
        .find_map(|l| l.trim().strip_prefix("\"id\": \"").map(|r| r.trim_end_matches([',', '"']).to_string()));
    let at = |v: &[&str]| v.get(line).map(|l| l.trim().to_string()).unwrap_or_default();
    Some(TreeDiff { line, expected: at(&la), got: at(&lb), near_id })
}

fn pretty(v: &serde_json::Value) -> String {
    serde_json::to_string_pretty(v).unwrap_or_default()
}

/// Compares two documents without spans and source format; `None` when they are the same tree.
pub fn tree_difference(expected: &Document, got: &Document) -> Option<TreeDiff> {
    let (a, b) = (without_spans(expected), without_spans(got));
    if a == b {
        return None;
    }
    // The first node that differs in kind, label, caption or text says most; the JSON, anything else.
    let (oa, ob) = (outline(&a), outline(&b));
    if let Some(i) = (0..oa.len().max(ob.len())).find(|&i| oa.get(i) != ob.get(i)) {
        let at = |o: &[(String, String)]| o.get(i).map(|(_, s)| s.clone()).unwrap_or_default();
        return Some(TreeDiff {
            line: i,
            expected: at(&oa),
            got: at(&ob),
            near_id: oa.get(i).map(|(id, _)| id.clone()),
        });
    }
    let json = |d: &Document| serde_json::to_value(d).unwrap_or(serde_json::Value::Null);
    json_difference(&json(&a), &json(&b))
}

/// Each node in document order: its ID, and its kind, label, caption and the start of its text.
fn outline(doc: &Document) -> Vec<(String, String)> {
    let mut out = Vec::new();
    crate::model::walk::walk(doc, &mut |n| {
        let text: String = n.text.chars().take(24).collect();
        let heading = n.heading.as_deref().unwrap_or("");
        out.push((n.id.clone(), format!("{:?} 「{}」（{heading}）{text}", n.kind, n.label)));
    });
    out
}

/// A round trip that did not give the same tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RoundTripFailure {
    /// The written form could not be read back.
    Reparse(String),
    /// It was read back as a different tree.
    Differs(TreeDiff),
    /// The provisions are the same, but the document's attributes (law metadata) differ: the first key.
    Attributes(String),
}

impl std::fmt::Display for RoundTripFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RoundTripFailure::Reparse(e) => write!(f, "re-parse failed: {e}"),
            RoundTripFailure::Differs(d) => d.fmt(f),
            RoundTripFailure::Attributes(k) => write!(f, "document attributes differ: {k}"),
        }
    }
}

/// parse → [`crate::export::text::to_text`] → parse gives the same tree.
///
/// ```
/// let doc = kitei::parse::parse_str("規程\n第1条　例である。\n２　次の項である。\n").unwrap();
/// assert!(kitei::conformance::canonical_round_trip(&doc).is_ok());
/// ```
pub fn canonical_round_trip(doc: &Document) -> Result<(), RoundTripFailure> {
    let text = crate::export::text::to_text(doc);
    let again = crate::parse::parse_str(&text).map_err(|e| RoundTripFailure::Reparse(e.to_string()))?;
    tree_difference(doc, &again).map_or(Ok(()), |d| Err(RoundTripFailure::Differs(d)))
}

/// model → [`crate::export::egov_xml::to_egov_xml`] → model gives the same tree (for documents read from
/// e-Gov XML).
pub fn xml_round_trip(doc: &Document) -> Result<(), RoundTripFailure> {
    let xml = crate::export::egov_xml::to_egov_xml(doc);
    let again = crate::parse::egov_xml::parse("<exported>", &xml)
        .map_err(|e| RoundTripFailure::Reparse(e.to_string()))?
        .document;
    let (mut a, mut b) = (doc.clone(), again);
    let (aa, ba) = (std::mem::take(&mut a.attrs), std::mem::take(&mut b.attrs));
    if let Some(d) = tree_difference(&a, &b) {
        return Err(RoundTripFailure::Differs(d));
    }
    let key = aa.keys().chain(ba.keys()).find(|k| aa.get(*k) != ba.get(*k));
    match key {
        None => Ok(()),
        Some(k) => Err(RoundTripFailure::Attributes(format!("{k}: expected {:?} got {:?}", aa.get(k), ba.get(k)))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_do_not_count_but_text_does() {
        let a = crate::parse::parse_str("規程\n第1条　甲とする。\n").unwrap();
        let b = crate::parse::parse_str("規程\n\n\n第1条　甲とする。\n").unwrap();
        assert_ne!(a.children[0].span, b.children[0].span);
        assert!(tree_difference(&a, &b).is_none());
        let c = crate::parse::parse_str("規程\n第1条　乙とする。\n").unwrap();
        let d = tree_difference(&a, &c).unwrap();
        assert!(d.expected.contains("甲とする") && d.got.contains("乙とする"), "{d:?}");
        assert_eq!(d.near_id.as_deref(), Some("art_1__para_1"));
    }

    #[test]
    fn xml_round_trip_of_a_text_law() {
        let doc = crate::parse::parse_str("規程\n第一条　甲とする。\n２　乙とする。\n").unwrap();
        let xml = crate::export::egov_xml::to_egov_xml(&doc);
        let back = crate::parse::egov_xml::parse("x", &xml).unwrap().document;
        assert_eq!(back.articles().len(), 1);
        assert!(matches!(xml_round_trip(&back), Ok(())));
    }
}
