//! The 新旧対照表 in HTML.
use super::{Comparison, RenderOptions};
use std::path::Path;

/// Renders the 新旧対照表 as a standalone HTML page; `template_dir` may hold an overriding `shinkyu.html.tera`.
pub fn render_html(_cmp: &Comparison, _opts: &RenderOptions, _template_dir: Option<&Path>) -> crate::Result<String> {
    Err(crate::Error::Other("not yet".into()))
}
