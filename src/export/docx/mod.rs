//! Word (.docx) output: the page, fonts and packaging shared by the documents kitei writes as .docx (the
//! 新旧対照表 in [`shinkyu`]). Documents are built with the `docx-rs` crate; this module adds what the crate
//! cannot say yet, on the XML parts it produced, before the crate packs them:
//!
//! - `w:tblHeader` on a table's header row (docx-rs has `cantSplit` but no `tblHeader`), so that Word and
//!   LibreOffice repeat it on every page;
//! - a font table naming the 明朝 faces with their alternative names (docx-rs writes a fixed table of
//!   Times New Roman, Symbol and Arial), written with quick-xml.
//!
//! Output is deterministic: docx-rs dates `docProps/core.xml` 1970-01-01 unless told otherwise, and the ZIP
//! entries carry the fixed DOS epoch, so the same input gives the same bytes.

pub mod amend;
pub mod checklist;
pub mod shinkyu;

use docx_rs::{Docx, LineSpacing, LineSpacingType, PageMargin, PageOrientationType, RunFonts};

/// The 明朝 face of every run (East Asian, ASCII and high-ANSI text alike): ＭＳ 明朝, which Word has on
/// Windows and macOS and which LibreOffice replaces by IPA明朝 through its own substitution table. 游明朝 was
/// tried first: LibreOffice knows no substitute for it and draws the text in a ゴシック face.
pub const MINCHO: &str = "ＭＳ 明朝";

/// The other 明朝 faces listed in the font table (with their Latin names as `w:altName`).
pub const MINCHO_FALLBACKS: [&str; 2] = ["游明朝", "IPA明朝"];

/// Body text size in half-points (10.5 pt, the usual size of 規程).
pub const BODY_HALF_POINTS: usize = 21;

/// One em of body text in twentieths of a point.
pub const EM_TWIPS: i32 = 210;

/// A4 in twips (210 × 297 mm).
const A4_SHORT: u32 = 11906;
const A4_LONG: u32 = 16838;

/// Page margins, 20 mm, in twips.
pub const MARGIN_TWIPS: i32 = 1134;

/// The fonts of every run: 明朝 for East Asian and Latin text, East Asian hint for ambiguous characters.
pub fn mincho() -> RunFonts {
    RunFonts::new().ascii(MINCHO).hi_ansi(MINCHO).east_asia(MINCHO).cs(MINCHO).hint("eastAsia")
}

/// A new document: A4 (landscape or portrait), 20 mm margins, 明朝 10.5 pt by default.
pub fn new_document(landscape: bool) -> Docx {
    let (w, h, o) = if landscape {
        (A4_LONG, A4_SHORT, PageOrientationType::Landscape)
    } else {
        (A4_SHORT, A4_LONG, PageOrientationType::Portrait)
    };
    let m = MARGIN_TWIPS;
    Docx::new()
        .page_size(w, h)
        .page_orient(o)
        .page_margin(PageMargin::new().top(m).bottom(m).left(m).right(m).header(567).footer(567))
        .default_fonts(mincho())
        .default_size(BODY_HALF_POINTS)
        .default_line_spacing(LineSpacing::new().line_rule(LineSpacingType::Auto).line(276))
}

/// The text width between the margins, in twips.
pub fn text_width(landscape: bool) -> usize {
    let w = if landscape { A4_LONG } else { A4_SHORT };
    (w as i32 - 2 * MARGIN_TWIPS) as usize
}

/// Builds the package: marks the first row of every table whose first row `header_rows` says is a header
/// with `w:tblHeader`, replaces the font table, and packs. `header_tables` is how many tables open with a
/// header row (they must be the first tables of the body, in order).
pub fn pack(docx: Docx, header_tables: usize) -> crate::Result<Vec<u8>> {
    let mut xml = docx.build();
    xml.document = mark_header_rows(&xml.document, header_tables)?;
    xml.font_table = font_table()?;
    let mut out = std::io::Cursor::new(Vec::new());
    xml.pack(&mut out).map_err(|e| crate::Error::Other(format!("writing the .docx package: {e}")))?;
    Ok(out.into_inner())
}

/// Inserts `<w:tblHeader/>` into the row properties of the first row of the first `n` tables.
fn mark_header_rows(document: &[u8], n: usize) -> crate::Result<Vec<u8>> {
    let mut out = Vec::with_capacity(document.len() + 32 * n);
    let mut rest = document;
    for _ in 0..n {
        let missing = || crate::Error::Other("docx: a table has no row properties to mark as header".into());
        let tbl = find(rest, b"<w:tbl>").ok_or_else(missing)?;
        let tr = tbl + find(&rest[tbl..], b"<w:trPr>").ok_or_else(missing)? + b"<w:trPr>".len();
        out.extend_from_slice(&rest[..tr]);
        out.extend_from_slice(b"<w:tblHeader />");
        rest = &rest[tr..];
    }
    out.extend_from_slice(rest);
    Ok(out)
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// `word/fontTable.xml`: the 明朝 faces with their alternative names, and the crate's Latin faces.
fn font_table() -> crate::Result<Vec<u8>> {
    use quick_xml::events::{BytesDecl, BytesStart, Event};
    let err = |e: std::io::Error| crate::Error::Other(format!("docx: writing the font table: {e}"));
    let mut w = quick_xml::Writer::new(Vec::new());
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), Some("yes")))).map_err(err)?;
    let mut fonts = BytesStart::new("w:fonts");
    fonts.push_attribute(("xmlns:w", "http://schemas.openxmlformats.org/wordprocessingml/2006/main"));
    w.write_event(Event::Start(fonts)).map_err(err)?;
    let faces: [(&str, &str, &str, &str); 5] = [
        (MINCHO, "MS Mincho", "80", "roman"),
        (MINCHO_FALLBACKS[0], "Yu Mincho", "80", "roman"),
        (MINCHO_FALLBACKS[1], "IPAMincho", "80", "roman"),
        ("Times New Roman", "", "00", "roman"),
        ("Symbol", "", "02", "roman"),
    ];
    for (name, alt, charset, family) in faces {
        let mut f = BytesStart::new("w:font");
        f.push_attribute(("w:name", name));
        w.write_event(Event::Start(f)).map_err(err)?;
        if !alt.is_empty() {
            w.create_element("w:altName").with_attribute(("w:val", alt)).write_empty().map_err(err)?;
        }
        w.create_element("w:charset").with_attribute(("w:val", charset)).write_empty().map_err(err)?;
        w.create_element("w:family").with_attribute(("w:val", family)).write_empty().map_err(err)?;
        w.create_element("w:pitch").with_attribute(("w:val", "variable")).write_empty().map_err(err)?;
        w.write_event(Event::End(quick_xml::events::BytesEnd::new("w:font"))).map_err(err)?;
    }
    w.write_event(Event::End(quick_xml::events::BytesEnd::new("w:fonts"))).map_err(err)?;
    Ok(w.into_inner())
}

#[cfg(test)]
mod tests {
    #[test]
    fn header_rows_are_marked_once_per_table() {
        let doc = b"<w:body><w:tbl><w:tr><w:trPr></w:trPr></w:tr><w:tr><w:trPr></w:trPr></w:tr></w:tbl></w:body>";
        let out = String::from_utf8(super::mark_header_rows(doc, 1).unwrap()).unwrap();
        assert_eq!(out.matches("<w:tblHeader />").count(), 1);
        assert!(out.starts_with("<w:body><w:tbl><w:tr><w:trPr><w:tblHeader />"));
        assert!(super::mark_header_rows(b"<w:body></w:body>", 1).is_err());
    }

    #[test]
    fn the_font_table_names_the_mincho_faces() {
        let t = String::from_utf8(super::font_table().unwrap()).unwrap();
        for f in ["游明朝", "ＭＳ 明朝", "IPA明朝"] {
            assert!(t.contains(&format!("<w:font w:name=\"{f}\">")), "{t}");
        }
    }
}
