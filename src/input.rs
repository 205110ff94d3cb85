//! Bytes → clean text: encoding detection (UTF-8 with or without BOM, Shift_JIS/CP932), line endings
//! (CRLF, CR → LF) and input-format detection. Besides the CLI, the site loader and writer and the template
//! loaders, the only module that touches the file system ([`load`]).
//!
//! ```
//! use kitei::input::{decode, detect_format, InputFormat};
//! let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode("第一条　目的\r\n");
//! let text = decode("a.txt", &sjis).unwrap();
//! assert_eq!(text, "第一条　目的\n");
//! assert_eq!(detect_format(&text), InputFormat::Text);
//! assert_eq!(detect_format("### 第3条　見出し\n\n1. 本文\n2. 次項\n"), InputFormat::Markdown);
//! ```

use crate::error::{Error, Location, Result};
use std::path::Path;

/// The input formats kitei reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum InputFormat {
    /// Plain text: law layout, PDF/Word paste, Lawtext.
    Text,
    /// Markdown (headings, list markers).
    Markdown,
    /// e-Gov 法令標準XML (bare `<Law>` or the API v2 `<law_data_response>` wrapper).
    Xml,
    /// kitei's JSON (the output of `kitei parse`).
    Json,
    /// An English translation in JLT style (`Article 1 (Purpose)`, `(1)`, `(i)`): `*.en.md` files, or text
    /// that opens with `<!-- translation-of: … -->`.
    English,
    /// Word (.docx), detected by content (a ZIP holding `word/document.xml`). The source's text is the
    /// document as Markdown with its tracked changes marked ([`crate::parse::docx`]).
    Docx,
}

impl InputFormat {
    /// Parses a format name as given on the command line (`text`, `markdown`/`md`, `xml`, `json`).
    pub fn from_name(s: &str) -> Option<InputFormat> {
        match s.to_ascii_lowercase().as_str() {
            "text" | "txt" | "plain" => Some(InputFormat::Text),
            "markdown" | "md" => Some(InputFormat::Markdown),
            "xml" | "egov" | "egov-xml" => Some(InputFormat::Xml),
            "json" => Some(InputFormat::Json),
            "english" | "en" => Some(InputFormat::English),
            "docx" | "word" => Some(InputFormat::Docx),
            _ => None,
        }
    }
}

/// A decoded input: its name (for error messages), its text (LF line endings, no BOM) and its format.
#[derive(Debug, Clone)]
pub struct Source {
    /// The file name as given, or `<stdin>`.
    pub name: String,
    /// The decoded text.
    pub text: String,
    /// The detected or forced format.
    pub format: InputFormat,
}

/// Reads and decodes a file (`-` reads standard input). `format` forces the input format.
pub fn load(path: &Path, format: Option<InputFormat>) -> Result<Source> {
    let (name, bytes) = if path.as_os_str() == "-" {
        let mut buf = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut buf).map_err(|e| Error::io("<stdin>", e))?;
        ("<stdin>".to_string(), buf)
    } else {
        (path.display().to_string(), std::fs::read(path).map_err(|e| Error::io(path, e))?)
    };
    from_bytes(&name, &bytes, format)
}

/// Decodes bytes and detects (or applies the forced) format.
pub fn from_bytes(name: &str, bytes: &[u8], format: Option<InputFormat>) -> Result<Source> {
    // Word, by content: a ZIP (.docx), or an OLE file (.doc, or an encrypted .docx) that is explained.
    if crate::parse::docx::is_zip(bytes) || format == Some(InputFormat::Docx) {
        let text = crate::parse::docx::to_marked_markdown(name, bytes)?;
        return Ok(Source { name: name.to_string(), text, format: InputFormat::Docx });
    }
    if crate::parse::docx::is_ole(bytes) {
        return Err(crate::parse::docx::ole_error(name, bytes));
    }
    let mut format_hint = format;
    if format_hint.is_none() {
        let lower = name.to_ascii_lowercase();
        if lower.ends_with(".xml") {
            format_hint = Some(InputFormat::Xml);
        } else if lower.ends_with(".json") {
            format_hint = Some(InputFormat::Json);
        } else if lower.ends_with(".en.md") || lower.ends_with(".en.txt") {
            format_hint = Some(InputFormat::English);
        }
    }
    // XML declares its own encoding; e-Gov XML is UTF-8. Decode the same way.
    let text = decode(name, bytes)?;
    let format = format_hint.unwrap_or_else(|| detect_format(&text));
    Ok(Source { name: name.to_string(), text, format })
}

/// Decodes UTF-8 (with or without BOM) or Shift_JIS/CP932, and normalises line endings to LF.
pub fn decode(name: &str, bytes: &[u8]) -> Result<String> {
    let text = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        utf8(name, rest)?
    } else if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        let enc = if bytes[0] == 0xFF { encoding_rs::UTF_16LE } else { encoding_rs::UTF_16BE };
        let (s, _, bad) = enc.decode(bytes);
        if bad {
            return Err(Error::Encoding {
                at: Location { file: name.into(), line: 1, column: 1 },
                found: "malformed UTF-16".into(),
            });
        }
        s.into_owned()
    } else {
        match std::str::from_utf8(bytes) {
            Ok(s) => s.to_string(),
            Err(utf8_err) => {
                let (s, _, bad) = encoding_rs::SHIFT_JIS.decode(bytes);
                if bad {
                    let at = byte_location(name, bytes, utf8_err.valid_up_to());
                    let end = (utf8_err.valid_up_to() + 4).min(bytes.len());
                    let found =
                        bytes[utf8_err.valid_up_to()..end].iter().map(|b| format!("{b:02X}")).collect::<Vec<_>>();
                    return Err(Error::Encoding { at, found: format!("the bytes {}", found.join(" ")) });
                }
                s.into_owned()
            }
        }
    };
    Ok(normalize_newlines(text))
}

fn utf8(name: &str, bytes: &[u8]) -> Result<String> {
    std::str::from_utf8(bytes).map(str::to_string).map_err(|e| Error::Encoding {
        at: byte_location(name, bytes, e.valid_up_to()),
        found: format!("a byte sequence that is not UTF-8 after a UTF-8 byte-order mark (byte {})", e.valid_up_to()),
    })
}

fn byte_location(name: &str, bytes: &[u8], offset: usize) -> Location {
    let before = &bytes[..offset];
    let line = before.iter().filter(|&&b| b == b'\n').count() as u32 + 1;
    let line_start = before.iter().rposition(|&b| b == b'\n').map(|p| p + 1).unwrap_or(0);
    let column = String::from_utf8_lossy(&before[line_start..]).chars().count() as u32 + 1;
    Location { file: name.into(), line, column }
}

fn normalize_newlines(text: String) -> String {
    if !text.contains('\r') {
        return text;
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// Guesses the format of decoded text: XML (`<`), JSON (`{`), Markdown (YAML front matter, ATX headings,
/// `- `/`1. ` list markers on structural lines) or plain text.
pub fn detect_format(text: &str) -> InputFormat {
    let mut first = text.trim_start_matches('\u{feff}').trim_start();
    // YAML front matter (`---`, `key: value` lines, `---`) is Markdown's.
    if let Some(rest) = first.strip_prefix("---\n") {
        // An empty front matter (`---` twice) too: the canonical text of a Markdown document says so.
        let empty = (rest.starts_with("---\n") || rest.trim_end() == "---").then_some(0);
        if let Some(end) = empty.or_else(|| rest.find("\n---\n")).or_else(|| rest.strip_suffix("\n---").map(str::len)) {
            if rest[..end].lines().all(|l| l.trim().is_empty() || l.contains(": ")) {
                return InputFormat::Markdown;
            }
        }
    }
    while first.starts_with("<!--") {
        match first.find("-->") {
            Some(end) => first = first[end + 3..].trim_start(),
            None => break,
        }
    }
    if text.trim_start_matches('\u{feff}').trim_start().starts_with("<!--")
        && text.lines().take(3).any(|l| l.contains("translation-of:"))
    {
        return InputFormat::English;
    }
    if first.starts_with('<') {
        return InputFormat::Xml;
    }
    if first.starts_with('{') {
        return InputFormat::Json;
    }
    // A first line that is an ATX heading (`# 規程`; not Lawtext's `# 別表…`) is Markdown, however short.
    let first_line = first.split('\n').next().unwrap_or("");
    let heading = first_line.trim_start_matches('#');
    if first_line.starts_with('#')
        && first_line.len() - heading.len() <= 6
        && heading.starts_with(' ')
        && !["別表", "別記", "様式"].iter().any(|w| heading.trim_start().starts_with(w))
    {
        return InputFormat::Markdown;
    }
    let mut md_signals = 0;
    let mut lines = 0;
    for line in text.lines().take(400) {
        let t = line.trim_start_matches([' ', '\t']);
        if t.is_empty() {
            continue;
        }
        lines += 1;
        // Lawtext writes law attributes as `[LawType="Rule"]`, appendix heads as `# 別表…` and table
        // cells as `* - …`: none of them is a Markdown signal.
        if t.starts_with('[') && t.contains("=\"") {
            return InputFormat::Text;
        }
        if t.starts_with("# ") && (t.contains("別表") || t.contains("別記") || t.contains("様式")) {
            continue;
        }
        if t.starts_with("* -") || t.starts_with("* *") {
            continue;
        }
        if (t.starts_with('#') && t.trim_start_matches('#').starts_with(' ') && line.starts_with('#'))
            || t.starts_with("- ")
            || t.starts_with("* ")
            || t.starts_with('|')
            || t.split_once(". ").is_some_and(|(n, _)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
        {
            md_signals += 1;
        }
    }
    if md_signals >= 3 && md_signals * 20 >= lines {
        InputFormat::Markdown
    } else {
        InputFormat::Text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_first_heading_line_is_markdown() {
        assert_eq!(detect_format("# 規程\n\n第1条　本文\n"), InputFormat::Markdown);
        assert_eq!(detect_format("<!-- メモ -->\n## 第1章　総則\n"), InputFormat::Markdown);
        assert_eq!(detect_format("---\ntitle: \"法\"\n---\n# 法\n\n## 第一条\n"), InputFormat::Markdown);
        assert_eq!(detect_format("---\nkind: 規程\n---\n:preamble:前文。\n第1条　本文\n"), InputFormat::Markdown);
        assert_eq!(detect_format("---\n規程\n---\n第1条　本文\n"), InputFormat::Text);
        assert_eq!(detect_format("# 別表第一\n第1条　本文\n"), InputFormat::Text);
        assert_eq!(detect_format("#規程\n第1条　本文\n"), InputFormat::Text);
        assert_eq!(detect_format("規程\n# 注\n"), InputFormat::Text);
        // An empty front matter, as the canonical text of an untitled Markdown document starts.
        assert_eq!(detect_format("---\n---\n（目的）\n第1条\n1. 本文\n"), InputFormat::Markdown);
        assert_eq!(detect_format("---\n---"), InputFormat::Markdown);
    }

    #[test]
    fn bom_and_crlf() {
        let t = decode("x", b"\xEF\xBB\xBF\xE7\xAC\xAC\r\n").unwrap();
        assert_eq!(t, "第\n");
    }

    #[test]
    fn bad_bytes_name_the_place() {
        let e = decode("x.txt", b"ok\n\xFF\xFF\xFF").unwrap_err().to_string();
        assert!(e.starts_with("x.txt:2:1: expected UTF-8 or Shift_JIS text"), "{e}");
    }
}
