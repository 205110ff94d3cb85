//! The 新旧対照表 as rows of underlined text segments: the layout shared by the HTML, Markdown and text
//! renderers, so that they differ only in markup.
//!
//! One row per top-level unit (章/節 heading, 条, 附則…), NEW in one cell and OLD in the other, following
//! the conventions (§1): changed wording underlined on both sides; an unchanged provision reduced to its label
//! and caption plus （略）; a new provision underlined whole with （新設） on the old side; a removed one
//! underlined whole with （削る） on the new side; a renumbered provision with its number underlined.
//!
//! ```
//! use kitei::diff::{compare, table::build_table, CompareOptions, RenderOptions};
//! let doc = kitei::model::Document::new("規程");
//! let t = build_table(&compare(&doc, &doc, &CompareOptions::default()), &RenderOptions::default());
//! assert_eq!(t.headings, ["改正後".to_string(), "改正前".to_string()]);
//! assert!(t.rows.is_empty());
//! ```

use super::{Aligned, ChangeKind, Comparison, InlineOp, OpKind, RenderOptions, Side, Summary};
use crate::model::Kind;
use serde::Serialize;

/// A run of text, underlined (`mark`) or not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Seg {
    /// The text.
    pub text: String,
    /// True when underlined (changed).
    pub mark: bool,
}

/// One line of a cell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Line {
    /// Indentation level (0 for 条 and 項, 1 for 号, 2 and more for subitems).
    pub indent: u8,
    /// The segments.
    pub segs: Vec<Seg>,
}

impl Line {
    /// The line's text without marks.
    pub fn plain(&self) -> String {
        self.segs.iter().map(|s| s.text.as_str()).collect()
    }
}

/// One row: a top-level unit, the left and right cells as laid out (NEW left unless `old_left`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    /// The unit's ID (NEW's, else OLD's).
    pub id: String,
    /// What happened to it (`None` when unchanged).
    pub change: Option<ChangeKind>,
    /// The JSON name of the change, or "" when unchanged (for templates).
    pub change_name: String,
    /// A readable label of the pair (`第5条→第6条`).
    pub label: String,
    /// The left cell.
    pub left: Vec<Line>,
    /// The right cell.
    pub right: Vec<Line>,
}

/// A count of changes of one kind, for summaries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Count {
    /// JSON name of the kind.
    pub kind: String,
    /// Japanese name.
    pub ja: String,
    /// How many top-level units.
    pub count: usize,
}

/// The whole table with its header and summary.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Table {
    /// The regulation's title (NEW's), with the number in brackets when there is one.
    pub title: String,
    /// The note under the title (「（傍線部分は改正部分）」).
    pub note: Option<String>,
    /// The column headings, left then right.
    pub headings: [String; 2],
    /// Non-zero counts by kind.
    pub counts: Vec<Count>,
    /// The affected units (`第5条→第6条（番号変更）`).
    pub affected: Vec<String>,
    /// ハネ warnings, as `line: message`.
    pub warnings: Vec<String>,
    /// The rows.
    pub rows: Vec<Row>,
}

/// Lays out the comparison as a 新旧対照表.
pub fn build_table(cmp: &Comparison, opts: &RenderOptions) -> Table {
    let (hn, ho) = opts.headings.pair();
    let mut rows = Vec::new();
    if cmp.title_ops.iter().any(InlineOp::is_change) {
        let new = vec![Line { indent: 0, segs: segs(&cmp.title_ops, Pick::New, false) }];
        let old = vec![Line { indent: 0, segs: segs(&cmp.title_ops, Pick::Old, false) }];
        rows.push(make_row("title".into(), Some(ChangeKind::Modified), "題名".into(), new, old, opts));
    }
    for a in &cmp.tree {
        if opts.omit_unchanged && a.change.is_none() {
            continue;
        }
        let mut new = Vec::new();
        let mut old = Vec::new();
        side_lines(a, Pick::New, opts.full_text, false, true, &mut new);
        side_lines(a, Pick::Old, opts.full_text, false, true, &mut old);
        let label = super::pair_label(a.old.as_ref(), a.new.as_ref());
        rows.push(make_row(a.id().to_string(), a.change, label, new, old, opts));
    }
    let title = match &cmp.new_number {
        Some(n) => format!("{}（{}）", cmp.new_title, n),
        None => cmp.new_title.clone(),
    };
    Table {
        title,
        note: opts.note.clone(),
        headings: if opts.old_left { [ho, hn] } else { [hn, ho] },
        counts: counts(&cmp.summary),
        affected: cmp.summary.affected.iter().map(|a| format!("{}（{}）", a.label, a.kind.as_ja())).collect(),
        warnings: cmp
            .warnings
            .iter()
            .map(|w| if w.line > 0 { format!("{}行: {}", w.line, w.message) } else { w.message.clone() })
            .collect(),
        rows,
    }
}

fn make_row(
    id: String,
    change: Option<ChangeKind>,
    label: String,
    new: Vec<Line>,
    old: Vec<Line>,
    opts: &RenderOptions,
) -> Row {
    let change_name = change.map(|c| c.as_str().to_string()).unwrap_or_default();
    let (left, right) = if opts.old_left { (old, new) } else { (new, old) };
    Row { id, change, change_name, label, left, right }
}

/// Non-zero counts by kind, in summary order.
pub fn counts(s: &Summary) -> Vec<Count> {
    ChangeKind::ALL
        .iter()
        .filter(|k| s.count(**k) > 0)
        .map(|k| Count { kind: k.as_str().into(), ja: k.as_ja().into(), count: s.count(*k) })
        .collect()
}

/// A one-line summary: 「新設 1、削る 1、番号変更 17」, or 「変更なし」.
pub fn summary_line(s: &Summary) -> String {
    let c = counts(s);
    if c.is_empty() {
        return "変更なし".into();
    }
    c.iter().map(|c| format!("{} {}", c.ja, c.count)).collect::<Vec<_>>().join("、")
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Pick {
    New,
    Old,
}

fn pick(a: &Aligned, p: Pick) -> Option<&Side> {
    match p {
        Pick::New => a.new.as_ref(),
        Pick::Old => a.old.as_ref(),
    }
}

/// The segments of one side of a list of inline operations.
fn segs(ops: &[InlineOp], p: Pick, whole: bool) -> Vec<Seg> {
    let mut out: Vec<Seg> = Vec::new();
    for op in ops {
        let text = if p == Pick::New { &op.new } else { &op.old };
        if text.is_empty() {
            continue;
        }
        let mark = whole || op.op != OpKind::Equal;
        push(&mut out, text, mark);
    }
    out
}

fn push(out: &mut Vec<Seg>, text: &str, mark: bool) {
    if text.is_empty() {
        return;
    }
    if let Some(last) = out.last_mut() {
        if last.mark == mark {
            last.text.push_str(text);
            return;
        }
    }
    out.push(Seg { text: text.to_string(), mark });
}

fn indent_of(kind: Kind, level: u8) -> u8 {
    match kind {
        Kind::Item => 1,
        Kind::Subitem => 1 + level.max(1),
        _ => 0,
    }
}

const ABBREV: &str = "（略）";

/// Appends the lines of one side of `a` (and its children) to `out`.
/// `whole`: inside an added or removed subtree. `top`: the row's own unit.
fn side_lines(a: &Aligned, p: Pick, full: bool, whole: bool, top: bool, out: &mut Vec<Line>) {
    let Some(s) = pick(a, p) else {
        // Absent on this side: 新設 on the old side, 削る on the new side.
        let note = if p == Pick::Old { "（新設）" } else { "（削る）" };
        let indent = indent_of(a.kind, a.new.as_ref().or(a.old.as_ref()).map(|s| s.level).unwrap_or(0));
        out.push(Line { indent: if top { 0 } else { indent }, segs: vec![Seg { text: note.into(), mark: false }] });
        return;
    };
    let whole = whole || matches!(a.change, Some(ChangeKind::Added | ChangeKind::Removed));
    // 目次 lines are short and read as a whole: never abbreviated.
    let abbreviated = !full && !whole && a.change.is_none() && s.kind != Kind::TocEntry;
    let label_mark = whole || a.renumbered || a.change == Some(ChangeKind::Moved);
    let indent = indent_of(s.kind, s.level);
    let heading_segs = |s: &Side| -> Vec<Seg> {
        if a.heading_ops.is_empty() {
            let mut v = Vec::new();
            push(&mut v, s.heading.as_deref().unwrap_or(""), whole);
            v
        } else {
            segs(&a.heading_ops, p, whole)
        }
    };

    if s.kind.is_group() {
        let mut line = Vec::new();
        push(&mut line, &s.label, label_mark);
        push(&mut line, "　", false);
        line.extend(heading_segs(s));
        out.push(Line { indent: 0, segs: line });
        return;
    }

    // The caption line (見出し) of an article.
    if s.kind == Kind::Article && s.heading.is_some() {
        let mut line = Vec::new();
        push(&mut line, "（", false);
        line.extend(heading_segs(s));
        push(&mut line, "）", false);
        out.push(Line { indent: 0, segs: line });
    }

    let mut first = Vec::new();
    push(&mut first, &s.label, label_mark);
    let renumbered_only = a.change == Some(ChangeKind::Renumbered) && !full;
    if abbreviated || renumbered_only {
        if !first.is_empty() {
            push(&mut first, "　", false);
        }
        push(&mut first, ABBREV, false);
        out.push(Line { indent, segs: first });
        return;
    }

    let mut children: &[Aligned] = &a.children;
    if s.kind == Kind::Article {
        // The first paragraph (no number) shares the article's line.
        if let Some(c0) = children.first() {
            let c0_side = pick(c0, p);
            if c0.kind == Kind::Paragraph && c0_side.is_some_and(|x| x.label.is_empty()) {
                let c_whole = whole || matches!(c0.change, Some(ChangeKind::Added | ChangeKind::Removed));
                if !first.is_empty() {
                    push(&mut first, "　", false);
                }
                if !full && !c_whole && c0.change.is_none() {
                    push(&mut first, ABBREV, false);
                    out.push(Line { indent, segs: first });
                } else {
                    first.extend(text_segs(c0, p, c_whole));
                    out.push(Line { indent, segs: first });
                    for g in &c0.children {
                        side_lines(g, p, full, c_whole, false, out);
                    }
                }
                children = &children[1..];
            } else {
                out.push(Line { indent, segs: first });
            }
        } else {
            out.push(Line { indent, segs: first });
        }
    } else {
        if s.heading.is_some() {
            // 目次 entries (第4章　安全管理（第11条—第22条）), 附則 (附則（令和…号）), 別表.
            let bracket = s.kind == Kind::SupplProvision;
            push(&mut first, if bracket { "（" } else { "　" }, false);
            first.extend(heading_segs(s));
            if bracket {
                push(&mut first, "）", false);
            }
        }
        let t = text_segs(a, p, whole);
        if !first.is_empty() && !t.is_empty() && s.heading.is_none() {
            push(&mut first, "　", false);
        }
        first.extend(t);
        if !first.is_empty() {
            out.push(Line { indent, segs: first });
        }
    }
    for c in children {
        side_lines(c, p, full, whole, false, out);
    }
}

fn text_segs(a: &Aligned, p: Pick, whole: bool) -> Vec<Seg> {
    if a.ops.is_empty() {
        let mut v = Vec::new();
        if let Some(s) = pick(a, p) {
            push(&mut v, &s.text, whole);
        }
        v
    } else {
        segs(&a.ops, p, whole)
    }
}
