//! Word (.docx) → the Markdown text the Markdown parser reads, so that a 規程 kept in Word gives the same
//! tree as the same text in Markdown.
//!
//! The package is opened with the `zip` crate and its parts read with quick-xml (`body` the document,
//! `para` one paragraph and tables, `numbering`, `styles`; comments, footnotes and endnotes here). The `docx-rs` crate that writes kitei's .docx files is not used to read them: its reader
//! merges a ruby's reading into the base text, keeps numbering start values and level texts private, and
//! recognises only the `w:` prefix.
//!
//! Tracked changes (w:ins, w:del, w:moveFrom, w:moveTo) stay in the text as noncharacter marks
//! ([`INS_OPEN`]…), which never occur in interchange text; [`resolve`] keeps the text after the changes (the
//! default) or before them ([`Revisions`]). Formatting changes are ignored. A line whose text Markdown would
//! read as syntax starts with [`PLAIN`], which the parser removes. [`Paragraphs`] traces each line of the text
//! back to the Word paragraph it comes from, for findings that name `¶N`.
//!
//! ```
//! let marked = format!("第1条　甲は{}乙{}{}丙{}とする。", kitei::parse::docx::DEL_OPEN,
//!     kitei::parse::docx::DEL_CLOSE, kitei::parse::docx::INS_OPEN, kitei::parse::docx::INS_CLOSE);
//! use kitei::parse::docx::{resolve, Revisions};
//! assert_eq!(resolve(&marked, Revisions::After), "第1条　甲は丙とする。");
//! assert_eq!(resolve(&marked, Revisions::Before), "第1条　甲は乙とする。");
//! ```

mod body;
mod numbering;
mod para;
mod styles;

use crate::error::{Error, Location, Result};
use std::collections::BTreeMap;
use std::io::Read;

/// Opens inserted text.
pub const INS_OPEN: char = '\u{FDD0}';
/// Closes inserted text.
pub const INS_CLOSE: char = '\u{FDD1}';
/// Opens deleted text.
pub const DEL_OPEN: char = '\u{FDD2}';
/// Closes deleted text.
pub const DEL_CLOSE: char = '\u{FDD3}';
/// Starts a line whose text is plain text, not Markdown syntax: a paragraph typed `1. 総則`, `- 甲` or `#1`
/// in Word is a paragraph of that text, not a list item or a heading. The parser removes it (see
/// [`crate::parse`]); [`plain_text`] gives the text without it.
pub const PLAIN: char = '\u{FDD4}';
/// Every mark the reader writes.
const MARKS: [char; 5] = [INS_OPEN, INS_CLOSE, DEL_OPEN, DEL_CLOSE, PLAIN];

/// Which text of a document with tracked changes to read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Revisions {
    /// The text after the changes (all accepted), as Word shows it in 最終版.
    #[default]
    After,
    /// The text before the changes (all rejected), as Word shows it in 初版.
    Before,
}

/// The magic of a ZIP archive (and so of a .docx).
pub fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

/// The magic of an OLE compound file: a binary .doc, or an encrypted .docx.
pub fn is_ole(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
}

fn error(name: &str, message: impl Into<String>) -> Error {
    Error::Invalid { at: Location { file: name.into(), line: 1, column: 1 }, message: message.into() }
}

/// Explains why an OLE file cannot be read: an encrypted Office document, or a Word 97–2003 .doc.
pub fn ole_error(name: &str, bytes: &[u8]) -> Error {
    let utf16 = |s: &str| s.encode_utf16().flat_map(u16::to_le_bytes).collect::<Vec<u8>>();
    let has = |s: &str| {
        let needle = utf16(s);
        bytes.windows(needle.len()).any(|w| w == needle.as_slice())
    };
    if has("EncryptionInfo") || has("EncryptedPackage") {
        error(name, "an encrypted (password-protected) Office document: remove the password in Word and save again")
    } else if has("WordDocument") {
        error(name, "a Word 97–2003 document (.doc): kitei reads .docx; open it in Word and save it as .docx")
    } else {
        error(name, "an OLE compound file that is not a Word document (kitei reads .docx)")
    }
}

/// Reads a .docx into Markdown with revision marks. Errors name the file and what is wrong: not a ZIP, a
/// ZIP without `word/document.xml`, a damaged part.
pub fn to_marked_markdown(name: &str, bytes: &[u8]) -> Result<String> {
    read_package(name, bytes).map(|(text, _)| text)
}

/// The Markdown with marks, and where each paragraph's text starts in it (byte offset, paragraph number).
fn read_package(name: &str, bytes: &[u8]) -> Result<(String, Vec<(usize, u32)>)> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| error(name, format!("a damaged .docx (the ZIP archive cannot be read: {e})")))?;
    let mut read = |part: &str| -> Result<Option<String>> {
        let mut f = match zip.by_name(part) {
            Ok(f) => f,
            Err(zip::result::ZipError::FileNotFound) => return Ok(None),
            Err(e) => return Err(error(name, format!("a damaged .docx ({part}: {e})"))),
        };
        let mut s = String::with_capacity(f.size() as usize);
        f.read_to_string(&mut s).map_err(|e| error(name, format!("a damaged .docx ({part}: {e})")))?;
        Ok(Some(s))
    };
    let Some(document) = read("word/document.xml")? else {
        return Err(error(name, "a ZIP archive without word/document.xml: not a Word document (.docx)"));
    };
    let bad = |e: String| error(name, format!("a damaged .docx ({e})"));
    let numbering = match read("word/numbering.xml")? {
        Some(x) => numbering::Numbering::read(&x).map_err(bad)?,
        None => numbering::Numbering::default(),
    };
    let numbering_before = numbering.clone();
    let styles = match read("word/styles.xml")? {
        Some(x) => styles::Styles::read(&x).map_err(bad)?,
        None => styles::Styles::default(),
    };
    let mut notes = Notes::default();
    for (part, element, map) in [
        ("word/comments.xml", &b"comment"[..], &mut notes.comments),
        ("word/footnotes.xml", b"footnote", &mut notes.footnotes),
        ("word/endnotes.xml", b"endnote", &mut notes.endnotes),
    ] {
        if let Some(x) = read(part)? {
            *map = read_notes(&x, part, element).map_err(bad)?;
        }
    }
    // Noncharacters in the document itself would be taken for kitei's marks.
    let document = if document.contains(MARKS) { document.replace(MARKS, "") } else { document };
    body::to_markdown(&document, &mut [numbering, numbering_before], &styles, &notes).map_err(bad)
}

/// What stands beside the text: comments, footnotes and endnotes, each by id → its text.
#[derive(Debug, Default)]
pub(crate) struct Notes {
    pub comments: BTreeMap<String, String>,
    pub footnotes: BTreeMap<String, String>,
    pub endnotes: BTreeMap<String, String>,
}

/// `comments.xml`, `footnotes.xml` or `endnotes.xml`: each `element`'s id → its text (paragraphs joined by a
/// space). Empty notes (Word's separator footnotes) are left out.
fn read_notes(xml: &str, part: &str, element: &[u8]) -> std::result::Result<BTreeMap<String, String>, String> {
    use quick_xml::events::Event;
    let mut r = quick_xml::Reader::from_str(xml);
    let mut out = BTreeMap::new();
    let (mut id, mut text, mut in_t) = (None::<String>, String::new(), false);
    loop {
        match r.read_event().map_err(|e| format!("{part}: {e}"))? {
            Event::Start(e) => match numbering::local(e.name().as_ref()) {
                n if n == element => {
                    id = numbering::attr(&e, b"id");
                    text.clear();
                }
                b"t" => in_t = true,
                b"p" if !text.is_empty() => text.push(' '),
                _ => {}
            },
            Event::Text(t) if in_t => text.push_str(&t.unescape().map_err(|e| e.to_string())?),
            Event::End(e) => match numbering::local(e.name().as_ref()) {
                b"t" => in_t = false,
                n if n == element => {
                    if let Some(id) = id.take().filter(|_| !text.trim().is_empty()) {
                        out.insert(id, text.trim().to_string());
                    }
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

/// The text after or before the changes without any of kitei's marks: for readers of the text itself (lint
/// positions, a 改め文 kept in Word), not for the parser.
pub fn plain_text(marked: &str, which: Revisions) -> String {
    resolve(marked, which).replace(PLAIN, "")
}

/// Which Word paragraph each line of a .docx's text (in one revision, as the parser and `kitei lint` see it)
/// comes from, so that findings can name the paragraph (`¶12`: the twelfth `w:p` of the document, empty
/// paragraphs and table cells counted) rather than a line of text the user never sees.
#[derive(Debug, Clone, Default)]
pub struct Paragraphs {
    /// (line of the marked text, paragraph) where each paragraph's text starts, in order.
    starts: Vec<(u32, u32)>,
    /// For each line of the resolved text, the line of the marked text it starts on.
    origins: Vec<u32>,
}

impl Paragraphs {
    /// Reads the package as [`to_marked_markdown`] does, for the text in `which` revision.
    pub fn read(name: &str, bytes: &[u8], which: Revisions) -> Result<Paragraphs> {
        let (marked, offsets) = read_package(name, bytes)?;
        let mut starts = Vec::with_capacity(offsets.len());
        let (mut line, mut at) = (1u32, 0usize);
        for (offset, para) in offsets {
            line += marked.get(at..offset).map_or(0, |s| s.matches('\n').count() as u32);
            at = offset.max(at);
            starts.push((line, para));
        }
        Ok(Paragraphs { starts, origins: resolved_origins(&marked, which) })
    }

    /// The paragraph that line `line` (1-based) of the resolved text comes from.
    pub fn of_line(&self, line: u32) -> Option<u32> {
        let marked = *self.origins.get(line.checked_sub(1)? as usize)?;
        let i = self.starts.partition_point(|(l, _)| *l <= marked);
        i.checked_sub(1).map(|i| self.starts[i].1)
    }
}

/// For each line of [`resolve`]'s output, the 1-based line of the marked text where it starts.
fn resolved_origins(marked: &str, which: Revisions) -> Vec<u32> {
    let (keep_open, keep_close, drop_open, drop_close) = match which {
        Revisions::After => (INS_OPEN, INS_CLOSE, DEL_OPEN, DEL_CLOSE),
        Revisions::Before => (DEL_OPEN, DEL_CLOSE, INS_OPEN, INS_CLOSE),
    };
    let (mut origins, mut line, mut dropping, mut starts_line) = (Vec::new(), 1u32, 0usize, true);
    for c in marked.chars() {
        match c {
            c if c == keep_open || c == keep_close => {}
            c if c == drop_open => dropping += 1,
            c if c == drop_close => dropping = dropping.saturating_sub(1),
            c if dropping == 0 => {
                if starts_line {
                    origins.push(line);
                }
                starts_line = c == '\n';
            }
            _ => {}
        }
        if c == '\n' {
            line += 1;
        }
    }
    if starts_line {
        origins.push(line);
    }
    origins
}

/// True when the marked text holds tracked changes.
pub fn has_revisions(marked: &str) -> bool {
    marked.contains([INS_OPEN, DEL_OPEN])
}

/// The text after or before the changes: the marks removed, and the text of the other view with them.
pub fn resolve(marked: &str, which: Revisions) -> String {
    let (keep_open, keep_close, drop_open, drop_close) = match which {
        Revisions::After => (INS_OPEN, INS_CLOSE, DEL_OPEN, DEL_CLOSE),
        Revisions::Before => (DEL_OPEN, DEL_CLOSE, INS_OPEN, INS_CLOSE),
    };
    let mut out = String::with_capacity(marked.len());
    let mut dropping = 0usize;
    for c in marked.chars() {
        match c {
            c if c == keep_open || c == keep_close => {}
            c if c == drop_open => dropping += 1,
            c if c == drop_close => dropping = dropping.saturating_sub(1),
            c if dropping == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests;
