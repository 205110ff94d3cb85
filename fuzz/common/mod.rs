//! What the pair targets share: an input holding two texts is split at its first record separator
//! (U+001E), the separator `scripts/fuzz` joins seed pairs with.

/// The separator between the two texts of a pair target's input.
pub const SEP: char = '\u{1e}';

/// The two texts of `data` (UTF-8, split at the first [`SEP`]); `None` for other bytes.
pub fn split(data: &[u8]) -> Option<(&str, &str)> {
    std::str::from_utf8(data).ok()?.split_once(SEP)
}

/// A text as plain text or Markdown (detected as `kitei parse` does), parsed; `None` when refused.
pub fn parse(name: &str, text: &str) -> Option<kitei::Document> {
    let src = kitei::input::Source {
        name: name.into(),
        text: text.to_string(),
        format: kitei::input::detect_format(text),
    };
    kitei::parse::parse_source(&src).ok().map(|p| p.document)
}
