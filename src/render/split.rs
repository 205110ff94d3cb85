//! Splitting a very long version page into part pages with a contents page.
//!
//! A regulation page whose rows would exceed [`SPLIT_BYTES`] of HTML is published as a contents page (the
//! title, the version's details, the law's own 目次 and 前文, the list of parts, the history) and one page per
//! part. The rule ([`plan`]): each top-level group (編, or 章 when there is no 編) is a part; a group still
//! over the limit is split by its own groups in the same way (its heading goes with its first part); runs of
//! units outside groups (附則, 別表, articles of a law without 章) are packed in document order into parts
//! up to the limit. A page under the limit is never split.
//!
//! Anchors keep working: links between parts are written to the part holding the target ([`relink`]), and
//! every page of a split version loads a small script ([`parts_js`]) that sends `#ID` on a page not holding
//! it (`index.html#art_500`, a search result, a 沿革 link, a moved-ID notice) to the part that does.

use super::view::Row;
use crate::model::{walk, Document, Kind, Node};
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::ops::Range;

/// The size of the rows' HTML above which a version page is split into parts.
pub const SPLIT_BYTES: usize = 1_000_000;

/// How a version page is split: `front` rows stay on the contents page, each part is a run of rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// The leading 目次 and 前文, shown on the contents page.
    pub front: Range<usize>,
    /// The parts, in document order; together with `front` they cover every row once.
    pub parts: Vec<Part>,
}

/// One part page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// Its rows.
    pub rows: Range<usize>,
    /// The headings it is named by (`第二編　株式会社　第一章　設立`), Japanese and English.
    pub title: (String, String),
    /// The rows of the groups holding it whose headings are on an earlier part (第二編 for its 第二章).
    pub context: Vec<usize>,
}

/// The number of nodes in `n`'s subtree (its rows: one per node, in document order).
fn subtree_len(n: &Node) -> usize {
    let mut k = 0;
    walk::walk_node(n, &mut |_| k += 1);
    k
}

fn join(a: &str, b: &str, sep: &str) -> String {
    match (a.is_empty(), b.is_empty()) {
        (true, _) => b.to_string(),
        (_, true) => a.to_string(),
        _ => format!("{a}{sep}{b}"),
    }
}

fn row_title(r: &Row) -> (String, String) {
    let ja = join(&r.ja_label, r.ja_heading.as_deref().unwrap_or(""), "　");
    let en = join(&r.en_label, r.en_heading.as_deref().unwrap_or(""), " ");
    (ja, en)
}

struct Splitter<'a> {
    rows: &'a [Row],
    bytes: &'a [usize],
    limit: usize,
    out: Vec<Part>,
}

impl Splitter<'_> {
    fn size(&self, r: &Range<usize>) -> usize {
        self.bytes[r.clone()].iter().sum()
    }

    /// Splits `children`, whose rows start at `row`; `prefix` is the title of the groups holding them.
    fn units(&mut self, children: &[Node], mut row: usize, prefix: &(String, String), context: &[usize]) {
        let mut run: Option<(Range<usize>, usize)> = None;
        let flush = |s: &mut Self, run: &mut Option<(Range<usize>, usize)>| {
            if let Some((r, _)) = run.take() {
                let (first, last) = (row_title(&s.rows[r.start]), r.clone());
                // A run of several units is named by its first and last (附則 … 附則 shows as one 附則).
                let last_top = s.top_rows(&last).last().map(|&i| row_title(&s.rows[i])).unwrap_or_default();
                let title = if last_top == first || last_top.0.is_empty() {
                    first
                } else {
                    (format!("{}―{}", first.0, last_top.0), format!("{} – {}", first.1, last_top.1))
                };
                let title = (join(&prefix.0, &title.0, "　"), join(&prefix.1, &title.1, " "));
                s.out.push(Part { rows: r, title, context: context.to_vec() });
            }
        };
        for child in children {
            let r = row..row + subtree_len(child);
            row = r.end;
            let size = self.size(&r);
            if child.kind.is_group() {
                flush(self, &mut run);
                let own = row_title(&self.rows[r.start]);
                let title = (join(&prefix.0, &own.0, "　"), join(&prefix.1, &own.1, " "));
                if size > self.limit && child.children.iter().any(|c| c.kind.is_group()) {
                    let first = self.out.len();
                    let inner: Vec<usize> = context.iter().copied().chain([r.start]).collect();
                    self.units(&child.children, r.start + 1, &title, &inner);
                    // The group's own heading opens its first part.
                    if let Some(p) = self.out.get_mut(first) {
                        p.rows.start = r.start;
                        p.context.truncate(context.len());
                    }
                } else {
                    self.out.push(Part { rows: r, title, context: context.to_vec() });
                }
            } else {
                match &mut run {
                    Some((rr, s)) if *s + size <= self.limit => {
                        rr.end = r.end;
                        *s += size;
                    }
                    _ => {
                        flush(self, &mut run);
                        run = Some((r, size));
                    }
                }
            }
        }
        flush(self, &mut run);
    }

    /// The rows of the units directly in `r` that are the first of their unit (a 附則, an article).
    fn top_rows(&self, r: &Range<usize>) -> Vec<usize> {
        let first = r.start;
        let level = self.rows[first].heading_level;
        r.clone()
            .filter(|&i| self.rows[i].heading_level == level && self.rows[i].kind == self.rows[first].kind)
            .collect()
    }
}

/// How to split a version page whose rows (one per node of `doc`, in document order, as
/// [`super::view::rows_for`] makes them) take `bytes[i]` bytes of HTML each; `None` when the page stays whole
/// (its rows are at most `limit` bytes, or the rows do not match the document).
pub fn plan(doc: &Document, rows: &[Row], bytes: &[usize], limit: usize) -> Option<Plan> {
    if rows.len() != bytes.len() || bytes.iter().sum::<usize>() <= limit {
        return None;
    }
    // The rows must be the document's nodes in order, or the ranges below would cut the wrong rows.
    let mut k = 0;
    let mut same = true;
    walk::walk(doc, &mut |n| {
        same &= rows.get(k).is_some_and(|r| r.id == n.id);
        k += 1;
    });
    if !same || k != rows.len() {
        return None;
    }
    let lead = doc.children.iter().take_while(|c| matches!(c.kind, Kind::Toc | Kind::Preamble)).count();
    let front_end: usize = doc.children[..lead].iter().map(subtree_len).sum();
    let mut s = Splitter { rows, bytes, limit, out: Vec::new() };
    s.units(&doc.children[lead..], front_end, &Default::default(), &[]);
    (s.out.len() > 1).then_some(Plan { front: 0..front_end, parts: s.out })
}

/// The headings of the groups holding a part that open an earlier part (第二編 above its 第二章), so the part
/// page says where it stands and its headings keep their levels. They carry no IDs (those are on the rows).
pub fn context_html(rows: &[Row], part: &Part) -> String {
    let mut out = String::new();
    for &i in &part.context {
        let r = &rows[i];
        let level = r.heading_level.clamp(2, 6);
        out.push_str(&format!(
            "<div class=\"provision part-context k-{} d-0\"><div class=\"ja\"><h{level}><span class=\"label\">{}</span>",
            r.kind,
            super::markup::escape(&r.ja_label)
        ));
        if let Some(h) = r.ja_heading.as_deref().filter(|h| !h.is_empty()) {
            out.push_str(&format!(" {}", super::markup::escape(h)));
        }
        out.push_str(&format!("</h{level}></div></div>\n"));
    }
    out
}

/// For each row ID, the page holding it: 0 the contents page, `k` part `k` (1-based).
pub fn pages_of(plan: &Plan, rows: &[Row]) -> HashMap<String, usize> {
    let mut m = HashMap::with_capacity(rows.len());
    for r in &rows[plan.front.clone()] {
        m.insert(r.id.clone(), 0);
    }
    for (k, p) in plan.parts.iter().enumerate() {
        for r in &rows[p.rows.clone()] {
            m.insert(r.id.clone(), k + 1);
        }
    }
    m
}

/// The script shared by the pages of a split version: `files[k]` is page k's file. It sends an anchor not on
/// the page to the page holding it. Its map holds an ID only when its page differs from that of the ID
/// without its last `__` segment (`art_5__para_2` goes where `art_5` goes), which keeps it small.
pub fn parts_js(files: &[String], pages: &HashMap<String, usize>) -> String {
    let mut ids: Vec<(&String, &usize)> = pages.iter().collect();
    ids.sort();
    let mut map = serde_json::Map::new();
    for (id, &k) in ids {
        let parent = id.rsplit_once("__").map(|(h, _)| h);
        let inherited = parent.and_then(|mut p| loop {
            if let Some(&pk) = pages.get(p) {
                break Some(pk);
            }
            p = p.rsplit_once("__")?.0;
        });
        if inherited != Some(k) {
            map.insert(id.clone(), k.into());
        }
    }
    let files = serde_json::to_string(files).unwrap_or_default();
    let map = serde_json::to_string(&map).unwrap_or_default();
    format!(
        "(function () {{\n  var files = {files}, at = {map};\n  function go() {{\n    var id = decodeURIComponent(location.hash.slice(1));\n    \
         if (!id || document.getElementById(id)) return;\n    for (var k = id; ; ) {{\n      \
         if (Object.prototype.hasOwnProperty.call(at, k)) {{ location.replace(files[at[k]] + location.hash); return; }}\n      \
         var i = k.lastIndexOf(\"__\");\n      if (i < 0) return;\n      k = k.slice(0, i);\n    }}\n  }}\n  \
         go();\n  addEventListener(\"hashchange\", go);\n}})();\n"
    )
    .replace("</", "<\\/")
}

/// Where the anchors of a split version page are: `files[0]` is the page others link to (`index.html`),
/// `files[k]` part k, and `pages` each ID's page.
#[derive(Debug, Clone, Default)]
pub struct Anchors {
    /// The pages' files.
    pub files: Vec<String>,
    /// Each ID's page.
    pub pages: HashMap<String, usize>,
}

/// Rewrites links of the regulation's other pages (`slug/…html`: the checklist, the history page, the
/// comparison pages) to an anchor of a split version (`index.html#art_4__para_1`) so they lead straight to
/// the part holding it.
pub fn relink_site(files: &mut std::collections::BTreeMap<String, Vec<u8>>, slug: &str, anchors: &[Anchors]) {
    let prefix = format!("{slug}/");
    for (path, bytes) in files.iter_mut() {
        if !path.starts_with(&prefix) || !path.ends_with(".html") {
            continue;
        }
        let Ok(html) = std::str::from_utf8(bytes) else { continue };
        let mut out: Option<String> = None;
        for a in anchors {
            let Some(first) = a.files.first() else { continue };
            let href = format!("href=\"{first}#");
            let cur = out.as_deref().unwrap_or(html);
            if !cur.contains(&href) {
                continue;
            }
            let mut next = String::with_capacity(cur.len() + 1024);
            let mut rest = cur;
            while let Some(at) = rest.find(&href) {
                let start = at + href.len();
                let Some(len) = rest[start..].find('"') else { break };
                let id = unescape(&rest[start..start + len]);
                next.push_str(&rest[..at + "href=\"".len()]);
                match a.pages.get(id.as_ref()) {
                    Some(&k) if k > 0 => next.push_str(&a.files[k]),
                    _ => next.push_str(first),
                }
                rest = &rest[at + href.len() - 1..];
            }
            next.push_str(rest);
            out = Some(next);
        }
        if let Some(o) = out {
            *bytes = o.into_bytes();
        }
    }
}

/// Rewrites the page's links to anchors held by another page of the version (`href="#art_9"` →
/// `href="index.p3.html#art_9"`); `page` is this page's number, `files[k]` page k's file.
pub fn relink(html: &str, page: usize, pages: &HashMap<String, usize>, files: &[String]) -> String {
    const HREF: &str = "href=\"#";
    let mut out = String::with_capacity(html.len() + html.len() / 64);
    let mut done = 0;
    for at in memchr::memmem::find_iter(html.as_bytes(), HREF) {
        let start = at + HREF.len();
        let Some(len) = memchr::memchr(b'"', &html.as_bytes()[start..]) else { break };
        // Up to and including `href="`: the file goes before the `#`.
        out.push_str(&html[done..at + "href=\"".len()]);
        match pages.get(unescape(&html[start..start + len]).as_ref()) {
            Some(&k) if k != page => out.push_str(&files[k]),
            _ => {}
        }
        done = at + "href=\"".len();
    }
    out.push_str(&html[done..]);
    out
}

/// An attribute value as written by [`super::markup::escape`], read back.
fn unescape(s: &str) -> Cow<'_, str> {
    if !s.contains('&') {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&"),
    )
}

const DFN: &str = "<dfn id=\"dfn-";
const USE: &str = "<abbr class=\"term\" data-d=\"";

/// The numbers written after each `marker` in `html` (up to the next quote).
fn numbers<'h>(html: &'h str, marker: &'static str) -> impl Iterator<Item = &'h str> {
    memchr::memmem::find_iter(html.as_bytes(), marker)
        .map(move |at| html[at + marker.len()..].split('"').next().unwrap_or_default())
}

/// The meaning of each defined term of a version's rows (their whole HTML), by its number (`dfn-N`): read
/// once, for [`carried_definitions`] on each part.
pub struct Meanings<'h>(HashMap<&'h str, &'h str>);

impl<'h> Meanings<'h> {
    /// The meanings written in `full`, every row's HTML (the first definition of a number wins).
    pub fn of(full: &'h str) -> Meanings<'h> {
        let mut meanings: HashMap<&str, &str> = HashMap::new();
        for at in memchr::memmem::find_iter(full.as_bytes(), DFN) {
            let rest = &full[at + DFN.len()..];
            let Some((n, tail)) = rest.split_once('"') else { continue };
            if let Some(m) = tail.strip_prefix(" data-m=\"").and_then(|t| t.split('"').next()) {
                meanings.entry(n).or_insert(m);
            }
        }
        Meanings(meanings)
    }
}

/// The meanings of defined terms used in `part` but defined on another page of the version (`meanings` read
/// from every row's HTML): hidden `<span id="dfn-N" data-m="…">` elements for the page's tooltips
/// (`static/site.js`).
pub fn carried_definitions(meanings: &Meanings, part: &str) -> String {
    let here: HashSet<&str> = numbers(part, DFN).collect();
    let mut used: Vec<&str> = numbers(part, USE).filter(|n| !here.contains(n)).collect();
    used.sort_unstable();
    used.dedup();
    let mut out = String::new();
    for n in used {
        if let Some(m) = meanings.0.get(n) {
            out.push_str("<span hidden id=\"dfn-");
            out.push_str(n);
            out.push_str("\" data-m=\"");
            out.push_str(m);
            out.push_str("\"></span>");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::view::{rows_for, RowInputs};

    fn rows(doc: &Document) -> Vec<Row> {
        rows_for(&RowInputs { ja: doc, en: None, alignment: None, changed: &Default::default(), compare_href: None })
    }

    const LAW: &str = "法\n目次\n第一編　総則（第一条）\n第二編　各則（第二条―第四条）\n\
        第一編　総則\n第一条　甲\n\
        第二編　各則\n第一章　通則\n第二条　乙\n第三条　丙\n第二章　雑則\n第四条　丁\n\
        附　則\nこの法律は、公布の日から施行する。\n附　則\nこの法律は、令和二年四月一日から施行する。\n";

    fn titles(plan: &Plan) -> Vec<&str> {
        plan.parts.iter().map(|p| p.title.0.as_str()).collect()
    }

    #[test]
    fn a_page_under_the_limit_is_never_split() {
        let doc = crate::parse::parse_str(LAW).unwrap();
        let rows = rows(&doc);
        let bytes = vec![10; rows.len()];
        assert_eq!(plan(&doc, &rows, &bytes, 10 * rows.len()), None);
    }

    #[test]
    fn parts_follow_the_top_groups_and_a_large_group_is_split_by_its_own() {
        let doc = crate::parse::parse_str(LAW).unwrap();
        let rows = rows(&doc);
        let ids: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
        let at = |id: &str| ids.iter().position(|i| *i == id).unwrap();
        // Every row weighs the same: 第一編 (3 rows) fits, 第二編 (9 rows) does not and is split by 章.
        let bytes = vec![1; rows.len()];
        let p = plan(&doc, &rows, &bytes, 6).unwrap();
        assert_eq!(p.front, 0..at("part_1"), "the 目次 stays on the contents page");
        assert_eq!(titles(&p), ["第一編　総則", "第二編　各則　第一章　通則", "第二編　各則　第二章　雑則", "附　則"]);
        // The 編 heading opens its first part; the 附則 are packed into one part.
        assert_eq!(p.parts[1].rows.start, at("part_2"));
        assert_eq!(p.parts[2].rows.start, at("part_2__chp_2"));
        // A 章's part names its 編 above it; the 編's first part holds the 編 heading itself.
        assert_eq!((p.parts[1].context.clone(), p.parts[2].context.clone()), (vec![], vec![at("part_2")]));
        assert!(context_html(&rows, &p.parts[2]).contains("<h2><span class=\"label\">第二編</span> 各則</h2>"));
        assert_eq!(p.parts[3].rows, at("suppl_1")..rows.len());
        // The parts cover every row once, in order.
        let mut next = p.front.end;
        for part in &p.parts {
            assert_eq!(part.rows.start, next);
            next = part.rows.end;
        }
        assert_eq!(next, rows.len());
        // With a larger limit 第二編 stays one part.
        let p = plan(&doc, &rows, &bytes, 10).unwrap();
        assert_eq!(titles(&p), ["第一編　総則", "第二編　各則", "附　則"]);
    }

    #[test]
    fn a_part_carries_the_meanings_of_terms_defined_on_other_pages_once() {
        let full = "<dfn id=\"dfn-1\" data-m=\"甲の意味\">甲</dfn><dfn id=\"dfn-2\" data-m=\"乙&amp;\">乙</dfn>\
                    <dfn id=\"dfn-1\" data-m=\"later\">甲</dfn>";
        let meanings = Meanings::of(full);
        let part = "<abbr class=\"term\" data-d=\"2\">乙</abbr><abbr class=\"term\" data-d=\"1\">甲</abbr>\
                    <abbr class=\"term\" data-d=\"2\">乙</abbr><abbr class=\"term\" data-d=\"3\">丙</abbr>";
        // Each once, in order of number; the first definition of a number wins; an unknown number is left out.
        assert_eq!(
            carried_definitions(&meanings, part),
            "<span hidden id=\"dfn-1\" data-m=\"甲の意味\"></span><span hidden id=\"dfn-2\" data-m=\"乙&amp;\"></span>"
        );
        // A term defined on the page itself is not carried.
        let here = format!("<dfn id=\"dfn-1\" data-m=\"x\">甲</dfn>{part}");
        assert_eq!(carried_definitions(&meanings, &here), "<span hidden id=\"dfn-2\" data-m=\"乙&amp;\"></span>");
        assert_eq!(carried_definitions(&meanings, "<p>甲</p>"), "");
    }

    #[test]
    fn relinking_reads_escaped_ids_and_leaves_a_broken_link_as_it_is() {
        let pages: HashMap<String, usize> = [("a&b".to_string(), 2), ("c".to_string(), 1)].into_iter().collect();
        let files: Vec<String> = (0..3).map(|k| format!("f{k}.html")).collect();
        assert_eq!(relink("<a href=\"#a&amp;b\">", 1, &pages, &files), "<a href=\"f2.html#a&amp;b\">");
        assert_eq!(relink("<a href=\"#c\"><a href=\"#c", 2, &pages, &files), "<a href=\"f1.html#c\"><a href=\"#c");
        assert_eq!(relink("no links", 0, &pages, &files), "no links");
    }

    #[test]
    fn anchors_reach_the_part_holding_them() {
        let doc = crate::parse::parse_str(LAW).unwrap();
        let rows = rows(&doc);
        let p = plan(&doc, &rows, &vec![1; rows.len()], 6).unwrap();
        let pages = pages_of(&p, &rows);
        let files: Vec<String> = (0..=p.parts.len()).map(|k| format!("f{k}.html")).collect();
        let html = "<a href=\"#art_1\">x</a><a href=\"#art_4\">y</a><a href=\"#main\">z</a>";
        assert_eq!(
            relink(html, 1, &pages, &files),
            "<a href=\"#art_1\">x</a><a href=\"f3.html#art_4\">y</a><a href=\"#main\">z</a>"
        );
        // Another page of the regulation linking to the contents page's anchor leads straight to the part.
        let mut site = std::collections::BTreeMap::new();
        site.insert("r/checklist.html".to_string(), b"<a href=\"f0.html#art_4__para_1\">".to_vec());
        site.insert("r/history.js".to_string(), b"<a href=\"f0.html#art_4\">".to_vec());
        relink_site(&mut site, "r", &[Anchors { files: files.clone(), pages: pages.clone() }]);
        assert_eq!(site["r/checklist.html"], b"<a href=\"f3.html#art_4__para_1\">");
        assert_eq!(site["r/history.js"], b"<a href=\"f0.html#art_4\">");
        let js = parts_js(&files, &pages);
        // A paragraph goes where its article goes: only the article is listed.
        assert!(js.contains("\"art_4\":3") && !js.contains("art_4__"), "{js}");
        assert!(js.contains("\"part_2__chp_2\":3"), "{js}");
    }
}
