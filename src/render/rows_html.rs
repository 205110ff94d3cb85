//! The bilingual provision rows as HTML, written directly (a 会社法-sized page has tens of thousands of rows;
//! writing them here rather than in a template keeps the page well under the 50 ms budget). The templates
//! place the result (`rows_html`) in the page. The markup is a stable interface (see `templates/version.html.tera`):
//!
//! ```
//! let doc = kitei::parse::parse_str("規程\n第1条　前条。\n").unwrap();
//! let rows = kitei::render::view::rows_for(&kitei::render::view::RowInputs {
//!     ja: &doc, en: None, alignment: None, changed: &Default::default(), compare_href: None });
//! let html = kitei::render::rows_html::rows_html(&rows, "2020-01-01");
//! assert!(html.contains("<div class=\"provision k-article d-0 untranslated\" id=\"art_1\">"));
//! assert!(html.contains("<div class=\"ja\" lang=\"ja\">"));
//! ```

use super::markup::escape;
use super::view::Row;
use std::fmt::Write;

/// Writes the rows; `date` is the version's effective date (for "changed in" links).
pub fn rows_html(rows: &[Row], date: &str) -> String {
    let mut out = String::with_capacity(rows.iter().map(|r| r.ja_html.len() + r.en_html.len() + 400).sum());
    for r in rows {
        write_row(&mut out, r, date);
    }
    out
}

fn heading(out: &mut String, level: u8, label: &str, caption: Option<&str>, article: bool, ja: bool) {
    let _ = write!(out, "<h{level}><span class=\"label\">{}</span>", escape(label));
    if let Some(c) = caption.filter(|c| !c.is_empty()) {
        match (article, ja) {
            (true, true) => {
                let _ = write!(out, "（{}）", escape(c));
            }
            (true, false) => {
                let _ = write!(out, " ({})", escape(c));
            }
            _ => {
                let _ = write!(out, " {}", escape(c));
            }
        }
    }
    let _ = write!(out, "</h{level}>");
}

fn write_row(out: &mut String, r: &Row, date: &str) {
    let id = escape(&r.id);
    let _ = write!(out, "<div class=\"provision k-{} d-{}", r.kind, r.depth);
    if r.deleted {
        out.push_str(" deleted");
    }
    if r.en_missing {
        out.push_str(" untranslated");
    }
    if r.en_stale {
        out.push_str(" stale");
    }
    let _ = writeln!(out, "\" id=\"{id}\">");
    let article = r.kind == "article";
    out.push_str("  <div class=\"ja\" lang=\"ja\">\n    ");
    if r.heading_level > 0 {
        heading(out, r.heading_level, &r.ja_label, r.ja_heading.as_deref(), article, true);
        if !r.ja_html.is_empty() {
            let _ = write!(out, "<p>{}</p>", r.ja_html);
        }
    } else {
        out.push_str("<p>");
        if !r.ja_label.is_empty() {
            let _ = write!(out, "<span class=\"label\">{}</span> ", escape(&r.ja_label));
        }
        let _ = write!(out, "{}</p>", r.ja_html);
    }
    if let (Some(href), Some(kind)) = (&r.changed_href, &r.changed_kind) {
        let _ = write!(
            out,
            " <a class=\"changed\" href=\"{}\">{}（{d}） <span lang=\"en\">changed in {d}</span></a>",
            escape(href),
            escape(kind),
            d = escape(date)
        );
    }
    out.push_str("\n  </div>\n  <div class=\"en\" lang=\"en\">\n    ");
    if r.heading_level > 0 {
        heading(out, r.heading_level, &r.en_label, r.en_heading.as_deref(), article, false);
        if !r.en_html.is_empty() {
            let _ = write!(out, "<p>{}</p>", r.en_html);
        }
    } else if r.en_missing {
        out.push_str("<p class=\"missing\">");
        if !r.en_label.is_empty() {
            let _ = write!(out, "<span class=\"label\">{}</span> ", escape(&r.en_label));
        }
        out.push_str("<em>[no translation]</em></p>");
    } else {
        out.push_str("<p>");
        if !r.en_label.is_empty() {
            let _ = write!(out, "<span class=\"label\">{}</span> ", escape(&r.en_label));
        }
        let _ = write!(out, "{}</p>", r.en_html);
    }
    if r.en_stale {
        out.push_str(
            "<p class=\"stale-note\">translation may be out of date <span lang=\"ja\">（翻訳が古い可能性があります）</span></p>",
        );
    }
    let _ = writeln!(
        out,
        "\n  </div>\n  <a class=\"permalink\" href=\"#{id}\" aria-label=\"この規定へのリンク Link to {id}\">¶</a>\n</div>"
    );
}
