//! The `<Law>` element: its required attributes (derived from the number where possible) and `<LawBody>`.

use super::body::Writer;
use crate::model::num::parse_number;
use crate::model::{Document, Kind};

/// The attributes of `<Law>` as they will be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LawAttrs {
    /// `Meiji`, `Taisho`, `Showa`, `Heisei` or `Reiwa`.
    pub era: String,
    /// Year of the era (positive).
    pub year: u32,
    /// The law's number (positive).
    pub num: u32,
    /// Month of promulgation, where known.
    pub promulgate_month: Option<u32>,
    /// Day of promulgation, where known.
    pub promulgate_day: Option<u32>,
    /// One of the schema's law types (`Act`, `Rule`, `Misc`…).
    pub law_type: String,
    /// `ja` or `en`.
    pub lang: String,
}

const ERAS: [(&str, &str, u32); 5] = [
    ("明治", "Meiji", 1867),
    ("大正", "Taisho", 1911),
    ("昭和", "Showa", 1925),
    ("平成", "Heisei", 1988),
    ("令和", "Reiwa", 2018),
];
const LAW_TYPES: [&str; 7] =
    ["Constitution", "Act", "CabinetOrder", "ImperialOrder", "MinisterialOrdinance", "Rule", "Misc"];

/// Works out the `<Law>` attributes: the document's own attrs when valid, else from its number and title,
/// else the documented defaults (see the module docs).
///
/// ```
/// let mut doc = kitei::model::Document::new("電子署名に係る地方公共団体の認証業務に関する法律");
/// doc.number = Some("平成十四年法律第百五十三号".into());
/// let a = kitei::export::egov_xml::law_attrs(&doc);
/// assert_eq!((a.era.as_str(), a.year, a.num, a.law_type.as_str()), ("Heisei", 14, 153, "Act"));
/// let doc = kitei::model::Document::new("認証事務管理規程");
/// let a = kitei::export::egov_xml::law_attrs(&doc);
/// assert_eq!((a.era.as_str(), a.year, a.num, a.law_type.as_str()), ("Reiwa", 1, 1, "Misc"));
/// ```
pub fn law_attrs(doc: &Document) -> LawAttrs {
    let number = doc.number.as_deref().unwrap_or("");
    let get = |k: &str| doc.attrs.get(k).map(String::as_str);
    let pos = |k: &str| get(k).and_then(|v| v.trim().parse::<u32>().ok()).filter(|n| *n > 0);
    let derived = from_number(number);
    let era = get("Era")
        .filter(|e| ERAS.iter().any(|(_, en, _)| en == e))
        .map(str::to_string)
        .or_else(|| derived.era.clone())
        .unwrap_or_else(|| "Reiwa".into());
    let law_type = get("LawType")
        .filter(|t| LAW_TYPES.contains(t))
        .map(str::to_string)
        .unwrap_or_else(|| infer_law_type(number, &doc.title).into());
    LawAttrs {
        era,
        year: pos("Year").or(derived.year).unwrap_or(1),
        num: pos("Num").or(derived.num).unwrap_or(1),
        promulgate_month: pos("PromulgateMonth").or(derived.month).filter(|m| *m <= 12),
        promulgate_day: pos("PromulgateDay").or(derived.day).filter(|d| *d <= 31),
        law_type,
        lang: get("Lang").filter(|l| *l == "ja" || *l == "en").unwrap_or("ja").to_string(),
    }
}

#[derive(Default)]
struct Derived {
    era: Option<String>,
    year: Option<u32>,
    num: Option<u32>,
    month: Option<u32>,
    day: Option<u32>,
}

/// Reads era, year, month, day and number out of `平成二十七年十二月一日規程第三号` or `2016年4月1日…第3号`.
fn from_number(s: &str) -> Derived {
    let mut d = Derived::default();
    let mut rest = s;
    if let Some((ja, en, _)) = ERAS.iter().find(|(ja, _, _)| s.contains(ja)) {
        let after = &s[s.find(ja).unwrap_or(0) + ja.len()..];
        if let Some((y, r)) = after.split_once('年') {
            d.year = if y == "元" { Some(1) } else { parse_number(y) };
            d.era = Some((*en).to_string());
            rest = r;
        }
    } else if let Some((y, r)) = s.split_once('年') {
        let digits: String = y.chars().rev().take_while(|c| c.is_ascii_digit() || ('０'..='９').contains(c)).collect();
        let digits: String = digits.chars().rev().collect();
        if let Some(year) = parse_number(&digits).filter(|y| *y > 1867) {
            let (_, en, base) = ERAS.iter().rev().find(|(_, _, base)| year > *base).copied().unwrap_or(ERAS[0]);
            d.era = Some(en.to_string());
            d.year = Some(year - base);
            rest = r;
        }
    }
    if let Some((m, r)) = rest.split_once('月') {
        if let Some(month) = parse_number(m) {
            d.month = Some(month);
            if let Some((day, _)) = r.split_once('日') {
                d.day = parse_number(day);
            }
        }
    }
    if let Some(i) = s.rfind('第') {
        if let Some((n, _)) = s[i + '第'.len_utf8()..].split_once('号') {
            d.num = parse_number(n).filter(|n| *n > 0);
        }
    }
    d
}

fn infer_law_type(number: &str, title: &str) -> &'static str {
    let hay = if number.is_empty() { title } else { number };
    if hay.contains("憲法") {
        "Constitution"
    } else if hay.contains("法律") {
        "Act"
    } else if hay.contains("政令") {
        "CabinetOrder"
    } else if hay.contains("勅令") {
        "ImperialOrder"
    } else if hay.contains("省令") || hay.contains("府令") {
        "MinisterialOrdinance"
    } else if hay.contains("規則") || (number.is_empty() && title.ends_with("規則")) {
        "Rule"
    } else {
        "Misc"
    }
}

/// The `<Law>` attributes to write: those of the document read from XML, in their order and as written
/// (zero padding, e-Gov's ADYear, DataInfo…), with the schema's attributes replaced only where the value
/// written was not valid; for other documents, the schema's attributes worked out by [`law_attrs`].
fn root_attrs(doc: &Document) -> Vec<(String, String)> {
    let a = law_attrs(doc);
    let number = |k: &str, n: Option<u32>| -> Option<String> {
        let raw = doc.attrs.get(k).filter(|v| v.trim().parse::<u32>().ok() == n);
        n.map(|n| raw.cloned().unwrap_or_else(|| n.to_string()))
    };
    let schema = |k: &str| -> Option<String> {
        match k {
            "Era" => Some(a.era.clone()),
            "Year" => number(k, Some(a.year)),
            "Num" => number(k, Some(a.num)),
            "PromulgateMonth" => number(k, a.promulgate_month),
            "PromulgateDay" => number(k, a.promulgate_day),
            "LawType" => Some(a.law_type.clone()),
            "Lang" => Some(a.lang.clone()),
            _ => None,
        }
    };
    const SCHEMA: [&str; 7] = ["Era", "Year", "Num", "PromulgateMonth", "PromulgateDay", "LawType", "Lang"];
    let written = doc.attrs.get(crate::parse::egov_xml::LAW_ATTRS_KEY);
    let order: Vec<&str> = written.map(|o| o.split(' ').filter(|k| !k.is_empty()).collect()).unwrap_or_default();
    let mut out = Vec::new();
    for k in order.iter().copied().chain(SCHEMA.into_iter().filter(|k| !order.contains(k))) {
        let v = if SCHEMA.contains(&k) { schema(k) } else { doc.attrs.get(k).cloned() };
        if let Some(v) = v {
            out.push((k.to_string(), v));
        }
    }
    out
}

/// Writes `<Law>` with `<LawNum>` and `<LawBody>`.
pub(super) fn write_law(w: &mut Writer, doc: &Document) {
    let owned = root_attrs(doc);
    let attrs: Vec<(&str, String)> = owned.iter().map(|(k, v)| (k.as_str(), v.clone())).collect();
    w.open("Law", &attrs);
    w.text_element("LawNum", &[], doc.number.as_deref().unwrap_or(""));
    w.open("LawBody", &[]);
    let mut title_attrs = Vec::new();
    for k in ["Kana", "Abbrev", "AbbrevKana"] {
        if let Some(v) = doc.attrs.get(&format!("Title{k}")) {
            title_attrs.push((k, v.clone()));
        }
    }
    w.text_element("LawTitle", &title_attrs, &doc.title);
    for n in doc.children.iter().filter(|n| n.kind == Kind::EnactStatement) {
        w.text_element("EnactStatement", &[], &n.text);
    }
    if let Some(toc) = doc.children.iter().find(|n| n.kind == Kind::Toc) {
        w.toc(toc);
    }
    if let Some(p) = doc.children.iter().find(|n| n.kind == Kind::Preamble) {
        w.preamble(p);
    }
    let main: Vec<_> = doc
        .children
        .iter()
        .filter(|n| {
            !matches!(n.kind, Kind::Toc | Kind::Preamble | Kind::EnactStatement | Kind::SupplProvision | Kind::Appendix)
        })
        .collect();
    w.main_provision(&main);
    for n in &doc.children {
        match n.kind {
            Kind::SupplProvision => w.suppl_provision(n),
            Kind::Appendix => w.appendix(n, false),
            _ => {}
        }
    }
    w.close("LawBody");
    w.close("Law");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derives_attributes_from_numbers() {
        let d = from_number("令和五年三月三十一日規程第十二号");
        assert_eq!(
            (d.era.as_deref(), d.year, d.month, d.day, d.num),
            (Some("Reiwa"), Some(5), Some(3), Some(31), Some(12))
        );
        let d = from_number("2016年1月1日規程第3号");
        assert_eq!((d.era.as_deref(), d.year, d.num), (Some("Heisei"), Some(28), Some(3)));
        let d = from_number("平成元年法律第一号");
        assert_eq!(d.year, Some(1));
        assert_eq!(infer_law_type("平成十九年国家公安委員会規則第五号", ""), "Rule");
        assert_eq!(infer_law_type("", "認証事務管理規程"), "Misc");
        assert_eq!(infer_law_type("昭和二十二年法律第四十九号", ""), "Act");
    }

    #[test]
    fn root_attributes_are_written_back_as_read() {
        let xml = r#"<Law ADYear="1993" DataInfo="x1" Era="Heisei" Lang="ja" LawType="Act" Num="088" Comment="" Year="05" PromulgateDay="05">
          <LawNum>平成五年法律第八十八号</LawNum><LawBody><LawTitle>行政手続法</LawTitle><MainProvision>
          <Paragraph Num="1"><ParagraphNum/><ParagraphSentence><Sentence>甲とする。</Sentence></ParagraphSentence></Paragraph>
          </MainProvision></LawBody></Law>"#;
        let doc = crate::parse::egov_xml::parse("x.xml", xml).unwrap().document;
        let out = crate::export::egov_xml::to_egov_xml(&doc);
        assert!(
            out.contains(r#"<Law ADYear="1993" DataInfo="x1" Era="Heisei" Lang="ja" LawType="Act" Num="088" Comment="" Year="05" PromulgateDay="05">"#),
            "{out}"
        );
        // A value the schema refuses is replaced by the one worked out from the number.
        let mut bad = doc.clone();
        bad.attrs.insert("Num".into(), "八十八".into());
        let out = crate::export::egov_xml::to_egov_xml(&bad);
        assert!(out.contains(r#" Num="88" "#), "{out}");
        // A document not read from XML gets the schema's attributes in the schema's order.
        let mut plain = Document::new("規程");
        plain.number = Some("令和五年三月三十一日規程第十二号".into());
        let names: Vec<String> = root_attrs(&plain).into_iter().map(|(k, _)| k).collect();
        assert_eq!(names, ["Era", "Year", "Num", "PromulgateMonth", "PromulgateDay", "LawType", "Lang"]);
    }
}
