//! The 新旧対照表 for the terminal.
use super::{Comparison, RenderOptions};

/// Renders the comparison for a terminal (ANSI colour when `opts.color`).
pub fn render_text(_cmp: &Comparison, _opts: &RenderOptions) -> String {
    String::new()
}
