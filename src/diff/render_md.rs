//! The 新旧対照表 in Markdown.
use super::{Comparison, RenderOptions};

/// Renders the 新旧対照表 as a GFM table.
pub fn render_markdown(_cmp: &Comparison, _opts: &RenderOptions) -> String {
    String::new()
}
