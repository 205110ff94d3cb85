//! The 新旧対照表 as a standalone HTML page (A4 landscape when printed, header row repeated on every page, no
//! external assets), drawn by the tera template `templates/shinkyu.html.tera`. The template is embedded in the
//! binary; a directory holding a `shinkyu.html.tera` of its own overrides it. All text is escaped.
//!
//! ```
//! use kitei::diff::{compare, render_html, CompareOptions, RenderOptions};
//! let doc = kitei::model::Document::new("規程<案>");
//! let html = render_html(&compare(&doc, &doc, &CompareOptions::default()), &RenderOptions::default(), None).unwrap();
//! assert!(html.contains("<html lang=\"ja\">"));
//! assert!(html.contains("規程&lt;案&gt;"));
//! ```

use super::table::build_table;
use super::{Comparison, RenderOptions};
use std::path::Path;

/// The embedded default template.
pub const DEFAULT_TEMPLATE: &str = include_str!("../../templates/shinkyu.html.tera");

/// The template's file name, looked for in an override directory.
pub const TEMPLATE_NAME: &str = "shinkyu.html.tera";

/// Renders the 新旧対照表 as HTML; `template_dir` may hold an overriding `shinkyu.html.tera`.
/// The template receives `t`, a [`super::table::Table`].
pub fn render_html(cmp: &Comparison, opts: &RenderOptions, template_dir: Option<&Path>) -> crate::Result<String> {
    let source = match template_dir.map(|d| d.join(TEMPLATE_NAME)) {
        Some(p) if p.is_file() => std::fs::read_to_string(&p).map_err(|e| crate::Error::io(p, e))?,
        _ => DEFAULT_TEMPLATE.to_string(),
    };
    let table = build_table(cmp, opts);
    let err = |e: tera::Error| {
        let mut msg = e.to_string();
        let mut src = std::error::Error::source(&e);
        while let Some(s) = src {
            msg.push_str(": ");
            msg.push_str(&s.to_string());
            src = s.source();
        }
        crate::Error::Template { name: TEMPLATE_NAME.into(), message: msg }
    };
    let mut tera = tera::Tera::default();
    // Registered under a `.html` name so that tera escapes everything.
    tera.add_raw_template("shinkyu.html", &source).map_err(err)?;
    let mut ctx = tera::Context::new();
    ctx.insert("t", &table);
    tera.render("shinkyu.html", &ctx).map_err(err)
}
