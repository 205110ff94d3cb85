//! Styles, read from `word/styles.xml`: what the body needs of a paragraph or character style, following
//! `w:basedOn`: its outline level (a heading) and whether it hides its text (`w:vanish` in the style's run
//! properties, applied through `w:pStyle` or `w:rStyle`).

use super::numbering::{attr, local};
use quick_xml::events::Event;
use std::collections::BTreeMap;

/// One style as written.
#[derive(Debug, Default)]
struct Style {
    name: String,
    outline: Option<u8>,
    based_on: Option<String>,
    /// `w:vanish` in the style's run properties: `Some(false)` when the style turns it off explicitly.
    vanish: Option<bool>,
}

/// Paragraph and character styles by `w:styleId`.
#[derive(Debug, Default)]
pub(crate) struct Styles {
    styles: BTreeMap<String, Style>,
}

/// `w:val` of an on/off property: on unless it says 0, false or off.
pub(crate) fn on(e: &quick_xml::events::BytesStart) -> bool {
    !matches!(attr(e, b"val").as_deref(), Some("0" | "false" | "off"))
}

impl Styles {
    /// Reads `styles.xml`.
    pub(crate) fn read(xml: &str) -> Result<Styles, String> {
        let mut r = quick_xml::Reader::from_str(xml);
        let mut s = Styles::default();
        let mut cur: Option<String> = None;
        // Inside the style's own run properties (`w:style/w:rPr`), not its paragraph mark's (`w:pPr/w:rPr`).
        let (mut in_ppr, mut in_rpr) = (false, false);
        loop {
            let ev = r.read_event().map_err(|e| format!("styles.xml: {e}"))?;
            let e = match &ev {
                Event::Start(e) | Event::Empty(e) => e,
                Event::End(e) => {
                    match local(e.name().as_ref()) {
                        b"style" => cur = None,
                        b"pPr" => in_ppr = false,
                        b"rPr" => in_rpr = false,
                        _ => {}
                    }
                    continue;
                }
                Event::Eof => break,
                _ => continue,
            };
            let start = matches!(ev, Event::Start(_));
            match local(e.name().as_ref()) {
                b"style" if start => {
                    cur = attr(e, b"styleId");
                    if let Some(id) = &cur {
                        s.styles.insert(id.clone(), Style { name: id.clone(), ..Style::default() });
                    }
                }
                b"pPr" if start => in_ppr = true,
                b"rPr" if start => in_rpr = true,
                name @ (b"name" | b"outlineLvl" | b"basedOn" | b"vanish") => {
                    let Some(st) = cur.as_ref().and_then(|id| s.styles.get_mut(id)) else { continue };
                    match (name, attr(e, b"val")) {
                        (b"vanish", _) if in_rpr && !in_ppr => st.vanish = Some(on(e)),
                        (b"vanish", _) => {}
                        (b"name", Some(v)) => st.name = v,
                        (b"outlineLvl", Some(v)) => st.outline = v.parse().ok(),
                        (b"basedOn", Some(v)) => st.based_on = Some(v),
                        _ => {}
                    }
                }
                _ => {}
            }
        }
        Ok(s)
    }

    /// The style and its bases, nearest first (at most 10: a cycle of bases ends there).
    fn chain<'a>(&'a self, id: &str) -> impl Iterator<Item = &'a Style> + 'a {
        let mut next = self.styles.get(id);
        std::iter::from_fn(move || {
            let st = next?;
            next = st.based_on.as_deref().and_then(|b| self.styles.get(b));
            Some(st)
        })
        .take(10)
    }

    /// The outline level of a paragraph style (0 for Heading 1), from the style, its bases, or its name
    /// (`heading 2`, `見出し 2`); `Some(u8::MAX)` for the Title style.
    pub(crate) fn outline_level(&self, id: &str) -> Option<u8> {
        for st in self.chain(id) {
            if let Some(l) = st.outline {
                return (l < 9).then_some(l);
            }
            let lower = st.name.to_lowercase();
            if lower == "title" || st.name == "表題" {
                return Some(u8::MAX);
            }
            for p in ["heading ", "見出し "] {
                if let Some(n) = lower.strip_prefix(p).and_then(|n| n.trim().parse::<u8>().ok()) {
                    return Some(n.saturating_sub(1));
                }
            }
        }
        None
    }

    /// True when the style (or the nearest of its bases that says) hides its text.
    pub(crate) fn hidden(&self, id: &str) -> bool {
        self.chain(id).find_map(|st| st.vanish).unwrap_or(false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heading_levels_from_styles() {
        let s = Styles::read(
            r#"<w:styles xmlns:w="x"><w:style w:styleId="1"><w:name w:val="heading 1"/></w:style>
            <w:style w:styleId="a"><w:name w:val="章"/><w:basedOn w:val="1"/></w:style>
            <w:style w:styleId="b"><w:name w:val="節"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style>
            <w:style w:styleId="c"><w:name w:val="Normal"/></w:style></w:styles>"#,
        )
        .unwrap();
        assert_eq!(s.outline_level("a"), Some(0));
        assert_eq!(s.outline_level("b"), Some(1));
        assert_eq!(s.outline_level("c"), None);
    }

    #[test]
    fn hidden_styles_follow_their_bases_and_may_turn_it_off() {
        let s = Styles::read(
            r#"<w:styles xmlns:w="x"><w:style w:styleId="memo"><w:rPr><w:vanish/></w:rPr></w:style>
            <w:style w:styleId="memo2"><w:basedOn w:val="memo"/></w:style>
            <w:style w:styleId="shown"><w:basedOn w:val="memo"/><w:rPr><w:vanish w:val="0"/></w:rPr></w:style>
            <w:style w:styleId="mark"><w:pPr><w:rPr><w:vanish/></w:rPr></w:pPr></w:style>
            <w:style w:styleId="loop"><w:basedOn w:val="loop"/></w:style></w:styles>"#,
        )
        .unwrap();
        assert!(s.hidden("memo") && s.hidden("memo2"));
        assert!(!s.hidden("shown"), "an explicit vanish=0 wins over the base");
        assert!(!s.hidden("mark"), "a hidden paragraph mark does not hide the text");
        assert!(!s.hidden("loop") && !s.hidden("unknown"));
    }
}
