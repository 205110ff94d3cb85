//! The 新旧対照表 as rows of underlined text segments: the layout shared by the HTML, Markdown, text and Word
//! renderers, so that they differ only in markup.
//!
//! One row per top-level unit (章/節 heading, 条, 附則…), NEW in one cell and OLD in the other, following
//! the conventions (§1): changed wording underlined on both sides; a new provision underlined whole with
//! （新設） on the old side; a removed one underlined whole with （削る） on the new side; a renumbered provision
//! with its number underlined. Unchanged units are left out, or abbreviated, or shown in full, as
//! [`Unchanged`] says; when they are left out, the 編/章/節 headings enclosing a change stay as rows of their
//! own so that the reader can place it.
//!
//! A row is made of [`Part`]s, one per 項 and 号 present on both sides, so that a renderer can keep the two
//! columns aligned 項 by 項 and 号 by 号 (the HTML draws one table row per part).
//!
//! ```
//! use kitei::diff::{compare, table::build_table, CompareOptions, RenderOptions};
//! let doc = kitei::model::Document::new("規程");
//! let t = build_table(&compare(&doc, &doc, &CompareOptions::default()), &RenderOptions::default());
//! assert_eq!(t.headings, ["改正後".to_string(), "改正前".to_string()]);
//! assert!(t.rows.is_empty());
//! ```

use super::{Aligned, ChangeKind, Comparison, InlineOp, OpKind, RenderOptions, Side, Summary, Unchanged};
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

/// A slice of a row that starts at the same height in both columns: the unit's own lines, or one 項 or 号
/// (with whatever is added or removed whole below it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Part {
    /// The lines of the left cell.
    pub left: Vec<Line>,
    /// The lines of the right cell.
    pub right: Vec<Line>,
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
    /// The cells, part by part (at least one).
    pub parts: Vec<Part>,
}

impl Row {
    /// The lines of the left cell, all parts together.
    pub fn left(&self) -> impl Iterator<Item = &Line> {
        self.parts.iter().flat_map(|p| &p.left)
    }

    /// The lines of the right cell, all parts together.
    pub fn right(&self) -> impl Iterator<Item = &Line> {
        self.parts.iter().flat_map(|p| &p.right)
    }
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
        let new = vec![(Vec::new(), Line { indent: 0, segs: segs(&cmp.title_ops, Pick::New, false) })];
        let old = vec![(Vec::new(), Line { indent: 0, segs: segs(&cmp.title_ops, Pick::Old, false) })];
        rows.push(make_row("title".into(), Some(ChangeKind::Modified), "題名".into(), new, old, opts));
    }
    for a in shown_units(&cmp.tree, opts.unchanged) {
        let mut new = Vec::new();
        let mut old = Vec::new();
        let full = opts.unchanged.full();
        side_lines(a, Pick::New, full, false, &mut Vec::new(), &[], &mut new);
        side_lines(a, Pick::Old, full, false, &mut Vec::new(), &[], &mut old);
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

/// The top-level units that get a row: all of them, or (when unchanged ones are omitted) the changed ones
/// and the group headings (編/章/節…) enclosing them, each heading once.
fn shown_units(tree: &[Aligned], mode: Unchanged) -> Vec<&Aligned> {
    if mode != Unchanged::Omit {
        return tree.iter().collect();
    }
    let mut out = Vec::new();
    // The open group headings, outermost first, each with whether it has been shown.
    let mut open: Vec<(&Aligned, bool)> = Vec::new();
    for a in tree {
        if a.kind.is_group() {
            while open.last().is_some_and(|(g, _)| g.depth >= a.depth) {
                open.pop();
            }
            open.push((a, false));
        } else {
            // A unit outside the groups (附則, 別表 after the last chapter) closes the deeper ones.
            while open.last().is_some_and(|(g, _)| g.depth >= a.depth) {
                open.pop();
            }
        }
        if a.change.is_some() {
            for (g, shown) in open.iter_mut() {
                if !*shown {
                    out.push(*g);
                    *shown = true;
                }
            }
            if !a.kind.is_group() {
                out.push(a);
            }
        }
    }
    out
}

/// A part's place: the path (child indices) of the aligned node whose lines start it. Both sides walk the
/// same aligned tree, so equal keys are the same provision and keys sort in document order.
type Key = Vec<usize>;

fn make_row(
    id: String,
    change: Option<ChangeKind>,
    label: String,
    new: Vec<(Key, Line)>,
    old: Vec<(Key, Line)>,
    opts: &RenderOptions,
) -> Row {
    let change_name = change.map(|c| c.as_str().to_string()).unwrap_or_default();
    let (left, right) = if opts.old_left { (old, new) } else { (new, old) };
    Row { id, change, change_name, label, parts: parts(left, right) }
}

/// Merges the keyed lines of the two sides into parts, in key order (both inputs are in key order).
fn parts(left: Vec<(Key, Line)>, right: Vec<(Key, Line)>) -> Vec<Part> {
    let mut out: Vec<(Key, Part)> = Vec::new();
    let mut l = left.into_iter().peekable();
    let mut r = right.into_iter().peekable();
    loop {
        let take_left = match (l.peek(), r.peek()) {
            (None, None) => break,
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (Some((a, _)), Some((b, _))) => a <= b,
        };
        let (key, line) = if take_left { l.next() } else { r.next() }.expect("peeked");
        if out.last().is_none_or(|(k, _)| *k != key) {
            out.push((key, Part { left: Vec::new(), right: Vec::new() }));
        }
        let part = &mut out.last_mut().expect("pushed").1;
        if take_left { &mut part.left } else { &mut part.right }.push(line);
    }
    if out.is_empty() {
        out.push((Vec::new(), Part { left: Vec::new(), right: Vec::new() }));
    }
    out.into_iter().map(|(_, p)| p).collect()
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
        // A replacement that only changes what comparing ignores (「7」 → 「７」) is not marked.
        let mark = whole || (op.op != OpKind::Equal && !super::align::same_after_norm(&op.old, &op.new));
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

/// Appends the lines of one side of `a` (and its children) to `out`, each with the key of its part.
/// `whole`: inside an added or removed subtree. `path`: `a`'s place below the row's unit (empty for the unit
/// itself). `key`: the part `a`'s own lines belong to.
fn side_lines(
    a: &Aligned,
    p: Pick,
    full: bool,
    whole: bool,
    path: &mut Vec<usize>,
    key: &[usize],
    out: &mut Vec<(Key, Line)>,
) {
    let top = path.is_empty();
    let mut emit = |line: Line| out.push((key.to_vec(), line));
    let Some(s) = pick(a, p) else {
        // Absent on this side: 新設 on the old side, 削る on the new side.
        let note = if p == Pick::Old { "（新設）" } else { "（削る）" };
        let indent = indent_of(a.kind, a.new.as_ref().or(a.old.as_ref()).map(|s| s.level).unwrap_or(0));
        emit(Line { indent: if top { 0 } else { indent }, segs: vec![Seg { text: note.into(), mark: false }] });
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
        emit(Line { indent: 0, segs: line });
        return;
    }

    // The caption line (見出し) of an article.
    if s.kind == Kind::Article && s.heading.is_some() {
        let mut line = Vec::new();
        push(&mut line, "（", false);
        line.extend(heading_segs(s));
        push(&mut line, "）", false);
        emit(Line { indent: 0, segs: line });
    }

    let mut first = Vec::new();
    push(&mut first, &s.label, label_mark);
    // 附則 (附則（令和…号）) and 別表 keep their heading: it tells them apart.
    let own_heading = |first: &mut Vec<Seg>| {
        if s.kind != Kind::Article && s.heading.is_some() {
            let bracket = s.kind == Kind::SupplProvision;
            push(first, if bracket { "（" } else { "　" }, false);
            first.extend(heading_segs(s));
            if bracket {
                push(first, "）", false);
            }
        }
    };
    let renumbered_only = a.change == Some(ChangeKind::Renumbered) && !full;
    if abbreviated || renumbered_only {
        own_heading(&mut first);
        if !first.is_empty() {
            push(&mut first, "　", false);
        }
        push(&mut first, ABBREV, false);
        emit(Line { indent, segs: first });
        return;
    }

    let mut children = a.children.iter().enumerate().peekable();
    if s.kind == Kind::Article {
        // The first paragraph (no number) shares the article's line. Decided from both sides, so that the
        // parts match: when it is absent here, the article's line is followed by （新設） or （削る）.
        let merged = children.peek().filter(|(_, c0)| {
            c0.kind == Kind::Paragraph && [&c0.old, &c0.new].into_iter().flatten().all(|x| x.label.is_empty())
        });
        if let Some(&(i0, c0)) = merged.filter(|(_, c0)| pick(c0, p).is_none()) {
            children.next();
            emit(Line { indent, segs: first });
            path.push(i0);
            side_lines(c0, p, full, whole, path, key, out);
            path.pop();
        } else if let Some(&(i0, c0)) = merged {
            children.next();
            let c_whole = whole || matches!(c0.change, Some(ChangeKind::Added | ChangeKind::Removed));
            if !first.is_empty() {
                push(&mut first, "　", false);
            }
            if !full && !c_whole && c0.change.is_none() {
                push(&mut first, ABBREV, false);
                emit(Line { indent, segs: first });
            } else {
                first.extend(text_segs(c0, p, c_whole));
                emit(Line { indent, segs: first });
                path.push(i0);
                for (j, g) in c0.children.iter().enumerate() {
                    child_lines(g, j, p, full, c_whole, path, key, out);
                }
                path.pop();
            }
        } else {
            emit(Line { indent, segs: first });
        }
    } else {
        own_heading(&mut first);
        let t = text_segs(a, p, whole);
        if !first.is_empty() && !t.is_empty() && s.heading.is_none() {
            push(&mut first, "　", false);
        }
        first.extend(t);
        if !first.is_empty() {
            emit(Line { indent, segs: first });
        }
    }
    for (i, c) in children {
        child_lines(c, i, p, full, whole, path, key, out);
    }
}

/// The lines of child `i` of the node at `path`: a part of its own, unless inside a subtree added or removed
/// whole (which stays in its parent's part, as the other side has one note for all of it).
#[allow(clippy::too_many_arguments)]
fn child_lines(
    c: &Aligned,
    i: usize,
    p: Pick,
    full: bool,
    whole: bool,
    path: &mut Vec<usize>,
    key: &[usize],
    out: &mut Vec<(Key, Line)>,
) {
    path.push(i);
    let own: Key = if whole { key.to_vec() } else { path.clone() };
    side_lines(c, p, full, whole, path, &own, out);
    path.pop();
}

fn text_segs(a: &Aligned, p: Pick, whole: bool) -> Vec<Seg> {
    // Texts equal after normalising (「7年」 and 「７年」) are no change: each side's own text, unmarked.
    let no_change =
        || a.old.as_ref().zip(a.new.as_ref()).is_some_and(|(o, n)| super::align::same_after_norm(&o.text, &n.text));
    if a.ops.is_empty() || (!whole && no_change()) {
        let mut v = Vec::new();
        if let Some(s) = pick(a, p) {
            push(&mut v, &s.text, whole);
        }
        v
    } else {
        segs(&a.ops, p, whole)
    }
}

#[cfg(test)]
mod tests;
