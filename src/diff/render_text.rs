//! The 新旧対照表 for a terminal: a summary, then for each changed unit the NEW block above the OLD block.
//! With colour, changed wording is underlined (green on the NEW side, red on the OLD side); without it,
//! changes are bracketed `{+…+}` (NEW) and `[-…-]` (OLD), so nothing is lost in a pipe or a file.
//! Whether to use colour is the caller's decision (the CLI honours `--color`, `NO_COLOR` and whether
//! standard output is a terminal).
//!
//! ```
//! use kitei::diff::{compare, render_text, CompareOptions, RenderOptions};
//! let doc = kitei::model::Document::new("規程");
//! let txt = render_text(&compare(&doc, &doc, &CompareOptions::default()), &RenderOptions::default());
//! assert!(txt.contains("変更なし"));
//! assert!(!txt.contains('\x1b'));
//! ```

use super::table::{build_table, summary_line, Line};
use super::{Comparison, RenderOptions};

const RESET: &str = "\x1b[0m";
const BOLD: &str = "\x1b[1m";
const DIM: &str = "\x1b[2m";
const YELLOW: &str = "\x1b[33m";
const NEW_MARK: &str = "\x1b[4;32m";
const OLD_MARK: &str = "\x1b[4;31m";

/// Renders the comparison for a terminal; ANSI escapes only when `opts.color`.
pub fn render_text(cmp: &Comparison, opts: &RenderOptions) -> String {
    let t = build_table(cmp, opts);
    let c = opts.color;
    let paint = |code: &str, s: &str| if c { format!("{code}{s}{RESET}") } else { s.to_string() };
    let mut out = format!("{}\n", paint(BOLD, &t.title));
    if let Some(n) = &t.note {
        out.push_str(&format!("{n}\n"));
    }
    out.push_str(&format!("\n変更の概要: {}\n", summary_line(&cmp.summary)));
    for a in &t.affected {
        out.push_str(&format!("  {a}\n"));
    }
    for w in &t.warnings {
        out.push_str(&format!("{}\n", paint(YELLOW, &format!("警告（ハネ）: {w}"))));
    }
    // Which column is NEW decides the colours and brackets.
    let new_is_left = !opts.old_left;
    for r in &t.rows {
        if r.change.is_none() {
            // A heading placing the changes, or an unchanged unit (abbreviated or in full): the same on both
            // sides, shown once as NEW has it.
            let lines: Vec<&Line> = if new_is_left { r.left().collect() } else { r.right().collect() };
            out.push('\n');
            for l in lines {
                out.push_str(&format!("{}\n", paint(DIM, &line(l, true, false))));
            }
            continue;
        }
        let tag = r.change.map(|k| format!(" [{}]", k.as_str())).unwrap_or_default();
        out.push_str(&format!("\n{}\n", paint(BOLD, &format!("── {}{} ──", r.label, tag))));
        for (heading, lines, is_new) in [
            (&t.headings[0], r.left().collect::<Vec<_>>(), new_is_left),
            (&t.headings[1], r.right().collect(), !new_is_left),
        ] {
            out.push_str(&format!("{}\n", paint(DIM, &format!("{heading}:"))));
            for l in lines {
                out.push_str(&format!("  {}\n", line(l, is_new, c)));
            }
        }
    }
    out
}

fn line(l: &Line, is_new: bool, color: bool) -> String {
    let mut s = "　".repeat(l.indent as usize);
    for seg in &l.segs {
        if !seg.mark {
            s.push_str(&seg.text);
        } else if color {
            s.push_str(if is_new { NEW_MARK } else { OLD_MARK });
            s.push_str(&seg.text);
            s.push_str(RESET);
        } else if is_new {
            s.push_str(&format!("{{+{}+}}", seg.text));
        } else {
            s.push_str(&format!("[-{}-]", seg.text));
        }
    }
    s
}
