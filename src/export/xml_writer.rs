//! A small indenting XML writer shared by the e-Gov and Akoma Ntoso exports. Text and attribute values are
//! escaped with `quick_xml::escape`; mixed content is written by the callers on one line.

use quick_xml::escape::escape;

/// Indenting XML writer over a `String`.
pub(crate) struct Writer {
    pub(crate) out: String,
    pub(crate) depth: usize,
}

impl Writer {
    pub(crate) fn new() -> Writer {
        let mut out = String::with_capacity(1 << 16);
        out.push_str(r#"<?xml version="1.0" encoding="UTF-8"?>"#);
        Writer { out, depth: 0 }
    }

    pub(crate) fn finish(mut self) -> String {
        self.out.push('\n');
        self.out
    }

    pub(crate) fn newline(&mut self) {
        self.out.push('\n');
        for _ in 0..self.depth {
            self.out.push_str("  ");
        }
    }

    pub(crate) fn tag(&mut self, name: &str, attrs: &[(&str, String)], empty: bool) {
        self.out.push('<');
        self.out.push_str(name);
        for (k, v) in attrs {
            self.out.push(' ');
            self.out.push_str(k);
            self.out.push_str("=\"");
            self.out.push_str(&escape(v.as_str()));
            self.out.push('"');
        }
        self.out.push_str(if empty { "/>" } else { ">" });
    }

    pub(crate) fn open(&mut self, name: &str, attrs: &[(&str, String)]) {
        self.newline();
        self.tag(name, attrs, false);
        self.depth += 1;
    }

    pub(crate) fn close(&mut self, name: &str) {
        self.depth -= 1;
        self.newline();
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push('>');
    }

    /// `<name attrs>text</name>` on its own line (`<name/>` when the text is empty).
    pub(crate) fn text_element(&mut self, name: &str, attrs: &[(&str, String)], text: &str) {
        self.newline();
        self.tag(name, attrs, text.is_empty());
        if !text.is_empty() {
            self.out.push_str(&escape(text));
            self.out.push_str("</");
            self.out.push_str(name);
            self.out.push('>');
        }
    }
}
