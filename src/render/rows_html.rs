//! The bilingual provision rows as HTML, written directly (a 会社法-sized page has tens of thousands of rows;
//! writing them here rather than in a template keeps the page well under the 50 ms budget). The templates
//! place the result (`rows_html`) in the page. The markup is a stable interface (see `templates/version.html.tera`):
//!
//! ```
//! let doc = kitei::parse::parse_str("規程\n第1条　前条。\n").unwrap();
//! let rows = kitei::render::view::rows_for(&kitei::render::view::RowInputs {
//!     ja: &doc, en: None, alignment: None, changed: &Default::default(), compare_href: None });
//! let html = kitei::render::rows_html::rows_html(&rows, "2020-01-01");
//! // Without a translation a row is one column (`mono`), with no English side.
//! assert!(html.contains("<div class=\"provision k-article d-0\" id=\"art_1\"><div class=\"ja\">"));
//! assert!(!html.contains("<div class=\"en\""));
//! ```

use super::markup::{escape, escape_into};
use super::view::Row;
use std::fmt::Write;

/// Writes the rows; `date` is the version's effective date (for "changed in" links).
pub fn rows_html(rows: &[Row], date: &str) -> String {
    let mut out = String::with_capacity(rows.iter().map(|r| r.ja_html.len() + r.en_html.len() + 200).sum());
    let mut i = 0;
    while i < rows.len() {
        i = write_row(&mut out, rows, i, date);
    }
    out
}

/// Writes the rows as [`rows_html`] does, and where each starts: row `i` is `html[at[i]..at[i + 1]]`.
pub fn rows_html_at(rows: &[Row], date: &str) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(rows.iter().map(|r| r.ja_html.len() + r.en_html.len() + 200).sum());
    let mut at = Vec::with_capacity(rows.len() + 1);
    let mut i = 0;
    while i < rows.len() {
        at.push(out.len());
        let next = write_row(&mut out, rows, i, date);
        // The rows a table row wrote (its rows and cells) take no bytes of their own.
        at.resize(next, out.len());
        i = next;
    }
    at.push(out.len());
    (out, at)
}

fn heading(out: &mut String, r: &Row, label: &str, caption: Option<&str>, ja: bool) {
    let (level, article) = (r.heading_level, r.kind == "article");
    // An article's number is printed inline with its first 項; its heading shows the caption above it, the
    // number staying in the heading for screen readers and the outline.
    let class = if article && r.number_inline { " class=\"caption\"" } else { "" };
    let _ = write!(out, "<h{level}{class}><span class=\"label\">");
    escape_into(out, label);
    out.push_str("</span>");
    let suppl = r.kind == "suppl_provision";
    if let Some(c) = caption.filter(|c| !c.is_empty()) {
        match (article || suppl, ja) {
            (true, true) => {
                out.push('（');
                escape_into(out, c);
                out.push('）');
            }
            (true, false) => {
                out.push_str(" (");
                escape_into(out, c);
                out.push(')');
            }
            _ => {
                out.push(' ');
                escape_into(out, c);
            }
        }
    }
    // A 附則 without its act's date and number: the date it comes into force, from its text.
    match (&r.suppl_note, ja) {
        (Some((j, _)), true) => {
            let _ = write!(out, "<span class=\"suppl-note\">（{}施行）</span>", escape(j));
        }
        (Some((_, e)), false) if !e.is_empty() => {
            let _ = write!(out, " <span class=\"suppl-note\">(effective {})</span>", escape(e));
        }
        _ => {}
    }
    let _ = write!(out, "</h{level}>");
}

/// The inline article number before a row's text (hidden from screen readers, which read it in the heading).
fn lead(out: &mut String, r: &Row, ja: bool) {
    if let Some((j, e)) = &r.lead {
        let l = if ja { j } else { e };
        if !l.is_empty() {
            out.push_str("<span class=\"label num\" aria-hidden=\"true\">");
            escape_into(out, l);
            out.push_str("</span>");
            out.push_str(if ja { "\u{3000}" } else { " " });
        }
    }
}

/// The rows after `rows[i]` inside it: those whose ID continues its ID (`table_1__row_1__cell_2`).
fn inside(rows: &[Row], i: usize) -> usize {
    let id = &rows[i].id;
    let mut end = i + 1;
    while rows.get(end).is_some_and(|r| {
        r.id.len() > id.len() + 2 && r.id.starts_with(id.as_str()) && r.id[id.len()..].starts_with("__")
    }) {
        end += 1;
    }
    end
}

/// A table (表, a 別表's body) as one `<table>` per language, its rows and cells keeping their IDs on the
/// Japanese side; text below a cell (a sentence, an item) is written inside the cell.
fn write_table(out: &mut String, rows: &[Row], i: usize, end: usize, ja: bool) {
    out.push_str("<table class=\"law-table\">");
    let mut open_tr = false;
    let mut open_td = false;
    let close_td = |out: &mut String, open: &mut bool| {
        if std::mem::take(open) {
            out.push_str("</td>");
        }
    };
    for r in &rows[i + 1..end] {
        let html = if ja { &r.ja_html } else { &r.en_html };
        let id = |out: &mut String| {
            if ja {
                let _ = write!(out, " id=\"{}\"", escape(&r.id));
            }
        };
        match r.kind {
            "table_row" => {
                close_td(out, &mut open_td);
                if std::mem::take(&mut open_tr) {
                    out.push_str("</tr>");
                }
                out.push_str("<tr");
                id(out);
                out.push('>');
                open_tr = true;
            }
            "table_cell" => {
                close_td(out, &mut open_td);
                if !open_tr {
                    out.push_str("<tr>");
                    open_tr = true;
                }
                out.push_str("<td");
                id(out);
                let _ = write!(out, "{}>{html}", r.cell_span);
                open_td = true;
            }
            _ if open_td => {
                // Text below a cell: a line of its own in the cell.
                out.push_str("<br>");
                if !r.ja_label.is_empty() && ja {
                    let _ = write!(out, "<span class=\"label\">{}</span> ", escape(&r.ja_label));
                }
                out.push_str(html);
            }
            _ => {}
        }
    }
    close_td(out, &mut open_td);
    if open_tr {
        out.push_str("</tr>");
    }
    out.push_str("</table>");
}

/// Writes `rows[i]` (with the rows of its table when it is one) and returns the index of the next row.
fn write_row(out: &mut String, rows: &[Row], i: usize, date: &str) -> usize {
    let r = &rows[i];
    let end = if r.kind == "table" { inside(rows, i) } else { i + 1 };
    let table = end > i + 1;
    out.push_str("<div class=\"provision k-");
    out.push_str(r.kind);
    let _ = write!(out, " d-{}", r.depth);
    if r.deleted {
        out.push_str(" deleted");
    }
    // A page without any translation says so once, on `.provisions.mono`; its rows carry no flags for it.
    if r.en_missing && !r.en_absent {
        out.push_str(" untranslated");
    }
    if r.en_stale {
        out.push_str(" stale");
    }
    // The page is Japanese (`<html lang="ja">`): the Japanese side names its language only beside English.
    let ja_open = if r.en_absent { "<div class=\"ja\">" } else { "<div class=\"ja\" lang=\"ja\">" };
    out.push_str("\" id=\"");
    escape_into(out, &r.id);
    out.push_str("\">");
    out.push_str(ja_open);
    if r.heading_level > 0 {
        heading(out, r, &r.ja_label, r.ja_heading.as_deref(), true);
        if !r.ja_html.is_empty() {
            out.push_str("<p>");
            lead(out, r, true);
            out.push_str(&r.ja_html);
            out.push_str("</p>");
        }
    } else if table {
        write_table(out, rows, i, end, true);
    } else {
        out.push_str("<p>");
        lead(out, r, true);
        if !r.ja_label.is_empty() {
            out.push_str("<span class=\"label\">");
            escape_into(out, &r.ja_label);
            out.push_str("</span> ");
        }
        out.push_str(&r.ja_html);
        out.push_str("</p>");
    }
    changed_mark(out, r, date, true);
    if r.en_absent {
        // No translation at all: one column, no English placeholders. The permalink (¶) is added by
        // `static/site.js` to the row under the pointer or focus, not written into every row.
        out.push_str("</div></div>\n");
        return end;
    }
    out.push_str("</div><div class=\"en\" lang=\"en\">");
    if r.heading_level > 0 {
        heading(out, r, &r.en_label, r.en_heading.as_deref(), false);
        if !r.en_html.is_empty() {
            out.push_str("<p>");
            lead(out, r, false);
            let _ = write!(out, "{}</p>", r.en_html);
        }
    } else if table {
        write_table(out, rows, i, end, false);
    } else if r.en_missing {
        out.push_str("<p class=\"missing\">");
        if !r.en_label.is_empty() {
            let _ = write!(out, "<span class=\"label\">{}</span> ", escape(&r.en_label));
        }
        out.push_str("<em>[no translation]</em></p>");
    } else {
        out.push_str("<p>");
        lead(out, r, false);
        if !r.en_label.is_empty() {
            let _ = write!(out, "<span class=\"label\">{}</span> ", escape(&r.en_label));
        }
        let _ = write!(out, "{}</p>", r.en_html);
    }
    changed_mark(out, r, date, false);
    if r.en_stale {
        out.push_str(
            "<p class=\"stale-note\">translation may be out of date <span lang=\"ja\">（翻訳が古い可能性があります）</span></p>",
        );
    }
    out.push_str("</div></div>\n");
    end
}

/// The change kinds of the 新旧対照表 in English.
pub fn change_en(kind: &str) -> String {
    let one = |k: &str| match k {
        "改正" => "amended",
        "新設" => "added",
        "削る" | "削除" => "deleted",
        "番号変更" => "renumbered",
        "移動" => "moved",
        _ => "changed",
    };
    kind.split('・').map(one).collect::<Vec<_>>().join(" and ")
}

/// The "changed in" mark linking to the 新旧対照表 row: 「改正（2027-04-01）」 on the Japanese side, "amended
/// (2027-04-01)" on the English side.
fn changed_mark(out: &mut String, r: &Row, date: &str, ja: bool) {
    let (Some(href), Some(kind)) = (&r.changed_href, &r.changed_kind) else { return };
    let (href, d) = (escape(href), escape(date));
    if ja {
        let _ = write!(out, " <a class=\"changed\" href=\"{href}\">{}（{d}）</a>", escape(kind));
    } else {
        let _ = write!(out, " <a class=\"changed\" href=\"{href}\">{} ({d})</a>", change_en(kind));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::view::{rows_for, RowInputs};

    fn rows(text: &str) -> Vec<Row> {
        let ja = crate::parse::parse_str(text).unwrap();
        rows_for(&RowInputs { ja: &ja, en: None, alignment: None, changed: &Default::default(), compare_href: None })
    }

    #[test]
    fn a_table_is_one_html_table_not_a_block_per_row_and_cell() {
        let xml = r#"<Law Era="Reiwa" Lang="ja" LawType="Act" Num="1" Year="1"><LawNum>令和元年法律第一号</LawNum><LawBody><LawTitle>表の法律</LawTitle><MainProvision><Article Num="1"><ArticleTitle>第一条</ArticleTitle><Paragraph Num="1"><ParagraphNum/><ParagraphSentence><Sentence>次の表のとおりとする。</Sentence></ParagraphSentence><TableStruct><Table><TableRow><TableColumn rowspan="2"><Sentence>甲</Sentence></TableColumn><TableColumn><Sentence>乙</Sentence></TableColumn></TableRow><TableRow><TableColumn><Sentence>丙</Sentence></TableColumn></TableRow></Table></TableStruct></Paragraph></Article></MainProvision></LawBody></Law>"#;
        let ja = crate::parse::egov_xml::parse("t.xml", xml).unwrap().document;
        let rows = rows_for(&RowInputs {
            ja: &ja,
            en: None,
            alignment: None,
            changed: &Default::default(),
            compare_href: None,
        });
        let (html, at) = rows_html_at(&rows, "2020-01-01");
        assert!(!html.contains("k-table_row") && !html.contains("k-table_cell"), "{html}");
        let table = rows.iter().position(|r| r.kind == "table").unwrap();
        let tid = &rows[table].id;
        let expected = format!(
            "<table class=\"law-table\"><tr id=\"{tid}__row_1\"><td id=\"{tid}__row_1__cell_1\" rowspan=\"2\">甲</td>\
             <td id=\"{tid}__row_1__cell_2\">乙</td></tr><tr id=\"{tid}__row_2\"><td id=\"{tid}__row_2__cell_1\">丙</td></tr></table>"
        );
        assert!(html.contains(&expected), "{html}");
        // The table's rows and cells take no bytes of their own; every row is accounted for once.
        assert_eq!(at.len(), rows.len() + 1);
        assert_eq!(at[table + 1], *at.last().unwrap());
        assert_eq!(html, rows_html(&rows, "2020-01-01"));
    }

    #[test]
    fn change_kinds_read_in_english() {
        assert_eq!(change_en("改正"), "amended");
        assert_eq!(change_en("新設"), "added");
        assert_eq!(change_en("番号変更"), "renumbered");
        assert_eq!(change_en("番号変更・改正"), "renumbered and amended");
        assert_eq!(change_en("削る"), "deleted");
    }

    #[test]
    fn an_untranslated_version_is_one_column_without_placeholders() {
        let html = rows_html(&rows("規程\n第1条　甲は、乙とする。\n２　丙とする。\n"), "2020-01-01");
        assert!(!html.contains("no translation"), "{html}");
        assert!(!html.contains("class=\"en\""), "{html}");
        assert!(
            html.contains("<div class=\"provision k-paragraph d-1\" id=\"art_1__para_2\"><div class=\"ja\">"),
            "{html}"
        );
        // Nothing per row that the page already says once: no permalink, no language, no whitespace.
        assert!(!html.contains("permalink") && !html.contains("lang=") && !html.contains("\n "), "{html}");
    }

    #[test]
    fn the_article_number_runs_into_its_first_paragraph() {
        let html =
            rows_html(&rows("規程\n（目的）\n第1条　甲は、乙とする。\n２　丙とする。\n第2条　削除\n"), "2020-01-01");
        // The caption is the heading's visible text; the number starts the first 項, not the second.
        assert!(html.contains("<h2 class=\"caption\"><span class=\"label\">第1条</span>（目的）</h2>"), "{html}");
        assert!(
            html.contains("<p><span class=\"label num\" aria-hidden=\"true\">第1条</span>\u{3000}甲は、"),
            "{html}"
        );
        assert!(html.contains("<p><span class=\"label\">２</span> 丙とする。</p>"), "{html}");
        // An article with text of its own and no 項 shows its number there.
        assert!(html.contains("第2条</span>\u{3000}削除"), "{html}");
    }
}
