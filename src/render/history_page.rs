//! The site's history of a regulation (`kitei build`): one page per regulation, `<slug>/history.html`,
//! with the timeline of its amendments (date, provisions changed, links to the 新旧対照表 and the 改め文)
//! and the chain of every top-level provision (条, or a 項 standing outside any 条) across the versions
//! ([`crate::history::build_with`], drawn by [`crate::history::render::html_fragment`]).
//!
//! Each version page gets, in each top-level provision's Japanese column, a link to its entry on the history page, and
//! a small script, `<date>.moved.js`, mapping the IDs that earlier versions gave to provisions now
//! numbered otherwise or removed: a reader following an old link (`2027-04-01.html#art_20` after 第20条
//! became 第21条) sees a notice naming where the provision went. The map comes from the history's chains,
//! that is from the diff's alignment, so it claims no lineage the 新旧対照表 does not show.

use super::load::{LoadedRegulation, LoadedVersion};
use super::pages::{current_index, RegSummary, VersionInfo};
use super::templates::Templates;
use crate::diff::Comparison;
use crate::error::Result;
use crate::history::{self, History, Version};
use crate::impact;
use crate::model::{walk, Document};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// The history page's file name, in the regulation's directory.
pub const HISTORY_FILE: &str = "history.html";

/// The script of old IDs of version `date`, in the regulation's directory.
pub fn moved_file(date: &str) -> String {
    format!("{date}.moved.js")
}

/// One amendment in the timeline.
#[derive(Debug, Clone, Serialize)]
pub struct Amendment {
    /// The version's effective date.
    pub date: String,
    /// The previous version's date.
    pub prev_date: String,
    /// Top-level provisions (条, or 項 outside any 条) added, removed or changed in any way (number, place,
    /// wording, anything inside).
    pub changed: usize,
    /// The comparison page (新旧対照表).
    pub compare_href: String,
    /// The 改め文 on that page.
    pub amendment_href: String,
}

#[derive(Serialize)]
struct HistoryPage<'a> {
    root: &'a str,
    page_title: String,
    reg: RegSummary,
    timeline: Vec<Amendment>,
    provisions: String,
    labels: &'a BTreeMap<&'static str, &'static str>,
}

/// Where an old ID's provision went: (the earlier version's date, the ID now or none when removed, its
/// citation then, its citation now).
pub type MovedTo = (String, Option<String>, String, String);

/// A regulation's history, as the site uses it.
pub struct SiteHistory {
    history: History,
    /// Per version: provision ID → the ID of its top-level provision (itself when top-level).
    top: Vec<HashMap<String, String>>,
}

impl SiteHistory {
    /// The history of a regulation's versions; `cmps[i]` compares version `i - 1` with version `i` (none
    /// for 0).
    pub fn new(versions: &[LoadedVersion], cmps: &[Option<Comparison>]) -> SiteHistory {
        let labelled: Vec<Version<'_>> = versions.iter().map(|v| Version::new(&v.date, &v.ja)).collect();
        let made: Vec<&Comparison> = cmps.iter().skip(1).map_while(Option::as_ref).collect();
        let history = history::build_with(&labelled, &made);
        let top = versions
            .iter()
            .map(|v| {
                let mut m = HashMap::new();
                walk::walk_with_ancestors(&v.ja, &mut |n, anc| {
                    if n.kind.is_provision() && !n.id.is_empty() {
                        let top = anc.iter().find(|a| a.kind.is_provision() && !a.id.is_empty()).unwrap_or(&n);
                        m.insert(n.id.clone(), top.id.clone());
                    }
                });
                m
            })
            .collect();
        SiteHistory { history, top }
    }

    /// True for the chain of a top-level provision (条, or a 項 outside any 条) in some version: the chains
    /// the page lists and the timeline counts (a change inside a 条 counts once, as the 条's).
    fn is_top(&self, chain: &history::Chain) -> bool {
        chain.steps.iter().any(|s| self.top[s.version].get(&s.id) == Some(&s.id))
    }

    /// The timeline: one entry per version after the first.
    pub fn timeline(&self, infos: &[VersionInfo]) -> Vec<Amendment> {
        let mut out = Vec::new();
        for (v, info) in infos.iter().enumerate().skip(1) {
            let changed = self
                .history
                .chains
                .iter()
                .filter(|c| self.is_top(c))
                .filter(|c| c.removed_in == Some(v) || c.steps.iter().any(|s| s.version == v && !s.change.is_empty()))
                .count();
            let compare_href = info.compare_href.clone().unwrap_or_default();
            out.push(Amendment {
                date: info.date.clone(),
                prev_date: info.prev_date.clone().unwrap_or_default(),
                changed,
                amendment_href: format!("{compare_href}#amendment-title"),
                compare_href,
            });
        }
        out
    }

    /// The history page.
    pub fn page(
        &self,
        templates: &Templates,
        reg: RegSummary,
        infos: &[VersionInfo],
        labels: &BTreeMap<&'static str, &'static str>,
    ) -> Result<String> {
        let listed: Vec<usize> =
            (0..self.history.chains.len()).filter(|&c| self.is_top(&self.history.chains[c])).collect();
        let page = HistoryPage {
            root: "../",
            page_title: format!("{} 沿革", reg.title_ja),
            reg,
            timeline: self.timeline(infos),
            provisions: history::render::html_fragment(&self.history, &listed),
            labels,
        };
        templates.render("history.html.tera", &page)
    }

    /// Old IDs of version `v`'s page: for every earlier version, each ID whose provision is numbered
    /// otherwise in `v` or was removed, as (old ID → [(earlier version's date, new ID or none, citation
    /// there, citation in `v`)]).
    pub fn moved(&self, v: usize) -> BTreeMap<String, Vec<MovedTo>> {
        let mut out: BTreeMap<String, Vec<MovedTo>> = BTreeMap::new();
        for chain in &self.history.chains {
            let now = chain.steps.iter().find(|s| s.version == v);
            if !chain.kind.is_provision() || chain.steps[0].version >= v {
                continue;
            }
            for s in chain.steps.iter().filter(|s| s.version < v) {
                if now.is_some_and(|n| n.id == s.id) {
                    continue;
                }
                let date = self.history.versions[s.version].clone();
                let to = now.map(|n| n.id.clone());
                let entry = (date, to, s.citation.clone(), now.map(|n| n.citation.clone()).unwrap_or_default());
                let list = out.entry(s.id.clone()).or_default();
                // One entry per distinct fate, named by the latest version that had the old ID.
                match list.iter_mut().find(|e| e.1 == entry.1) {
                    Some(e) => *e = entry,
                    None => list.push(entry),
                }
            }
        }
        out
    }

    /// The script for version `v`'s page, when an earlier version gave IDs that now mean something else.
    pub fn moved_js(&self, v: usize) -> Option<String> {
        let moved = self.moved(v);
        if moved.is_empty() {
            return None;
        }
        let map: BTreeMap<&String, Vec<serde_json::Value>> = moved
            .iter()
            .filter(|(id, list)| !derivable(&moved, id, list))
            .map(|(id, list)| {
                let entries = list.iter().map(|(d, to, was, is)| serde_json::json!([d, to, was, is])).collect();
                (id, entries)
            })
            .collect();
        let data = serde_json::to_string(&map).ok()?.replace("</", "<\\/");
        Some(format!("var KITEI_MOVED = {data};\n{MOVED_SCRIPT}"))
    }

    /// Version `v`'s rendered page with a history link in each top-level provision's row and, when there
    /// are old IDs, the script that explains them.
    pub fn decorate(&self, html: String, v: usize, date: &str, has_script: bool) -> String {
        let Some(top) = self.top.get(v) else { return html };
        // A top-level provision's own row (`<div class="provision …" id="art_3">`) gets its 沿革 link inside the
        // Japanese column (`<div class="ja" …>`), floated to the right of the caption; rows below it do not
        // repeat it (the page stays light).
        let marker = "<div class=\"provision ";
        // `<div class="ja" lang="ja">`, or `<div class="ja">` on a page without translation.
        let ja = "<div class=\"ja\"";
        let mut out = String::with_capacity(html.len() + html.len() / 32);
        let mut rest = html.as_str();
        while let Some(at) = rest.find(marker) {
            let Some(close) = rest[at..].find('>').map(|c| at + c + 1) else { break };
            let id = rest[at..close].split(" id=\"").nth(1).and_then(|t| t.split('"').next()).unwrap_or("");
            let own = top.get(id).filter(|t| t.as_str() == id);
            let ja_end = rest[close..].starts_with(ja).then(|| rest[close..].find('>')).flatten();
            match (own, ja_end) {
                (Some(t), Some(end)) => {
                    let cut = close + end + 1;
                    out.push_str(&rest[..cut]);
                    out.push_str(&format!(
                        "<a class=\"history-link\" href=\"{HISTORY_FILE}#v{v}-{t}\" title=\"沿革 History\">沿革</a>"
                    ));
                    rest = &rest[cut..];
                }
                _ => {
                    out.push_str(&rest[..close]);
                    rest = &rest[close..];
                }
            }
        }
        out.push_str(rest);
        if has_script {
            if let Some(at) = out.rfind("</body>") {
                out.insert_str(at, &format!("<script src=\"{}\"></script>\n", moved_file(date)));
            }
        }
        out
    }
}

/// The other regulations of the site, whose citations of the one compared are listed under its 新旧対照表
/// (as `kitei impact --folder` lists them): each at its current version (the one published as its
/// `index.html`, in force on `as_of`).
#[derive(Debug, Clone, Copy)]
pub struct Peers<'a> {
    /// Every regulation of the site.
    pub regs: &'a [LoadedRegulation],
    /// The site's `--as-of` date.
    pub as_of: Option<&'a str>,
    /// The slug of the regulation compared (left out).
    pub this: &'a str,
    /// Set when the site's other regulations were not looked at, the folder holding more than this many
    /// (`BuildOptions::peer_limit`): the page says so instead of showing an empty list.
    pub left_out_over: Option<usize>,
}

/// The other regulations a regulation's comparison pages look at ([`Peers`]): those of the site, or none
/// because the site has more than `left_out_over` (memory).
#[derive(Debug, Clone, Copy, Default)]
pub struct SitePeers<'a> {
    /// The regulations (empty when left out, or for a site of one).
    pub regs: &'a [LoadedRegulation],
    /// See [`Peers::left_out_over`].
    pub left_out_over: Option<usize>,
}

impl<'a> Peers<'a> {
    /// The other regulations, named by slug, and their pages relative to a comparison page.
    fn others(&self) -> (Vec<impact::Other<'a>>, BTreeMap<String, String>) {
        let mut others = Vec::new();
        let mut pages = BTreeMap::new();
        for r in self.regs.iter().filter(|r| r.slug != self.this) {
            if let Some(v) = r.versions.get(current_index(r, self.as_of)) {
                others.push(impact::Other { name: &r.slug, doc: &v.ja });
                pages.insert(r.slug.clone(), format!("../{}/index.html", r.slug));
            }
        }
        (others, pages)
    }
}

/// True when the script can work out `id`'s entries from a provision above it: one fate, the same date,
/// and the same tail of ID and citation on both sides (`art_100__para_2` → `art_99__para_2`, 第百条第二項 →
/// 第九十九条第二項, under `art_100` → `art_99`). A law renumbered after an early deletion then lists its 条,
/// not every 項 and 号 below them.
fn derivable(moved: &BTreeMap<String, Vec<MovedTo>>, id: &str, list: &[MovedTo]) -> bool {
    let [(date, Some(to), was, is)] = list else { return false };
    let b = id.as_bytes();
    (1..b.len().saturating_sub(1)).rev().filter(|&i| b[i] == b'_' && b[i + 1] == b'_' && b[i - 1] != b'_').any(|i| {
        let (up, tail) = id.split_at(i);
        match moved.get(up).map(Vec::as_slice) {
            Some([(d, Some(up_to), up_was, up_is)]) => {
                let label = was.strip_prefix(up_was.as_str());
                d == date
                    && to.strip_prefix(up_to.as_str()) == Some(tail)
                    && label.is_some()
                    && is.strip_prefix(up_is.as_str()) == label
            }
            _ => false,
        }
    })
}

/// The review list of the amendment OLD → NEW for the comparison page, linking to the two version pages.
/// `pages` are the two versions' pages (the current version's is `index.html`); `peers` the site's other
/// regulations, whose citations of this one are listed too.
pub fn impact_html(old: &Document, new: &Document, cmp: &Comparison, pages: (&str, &str), peers: &Peers<'_>) -> String {
    let (others, pages_of_others) = peers.others();
    let links =
        impact::Links { old: Some(pages.0.to_string()), new: Some(pages.1.to_string()), others: pages_of_others };
    // Above the limit the other regulations were not loaded: not "none cite this one", but not looked at.
    let looked = peers.left_out_over.is_none().then_some(others.as_slice());
    let why =
        peers.left_out_over.map_or(impact::render::NotLookedAt::NoneGiven, impact::render::NotLookedAt::OverLimit);
    impact::render::html_fragment(&impact::analyse_with(old, new, cmp, looked, &links), 3, why)
}

/// Shows a notice when the page's anchor is an ID an earlier version gave to a provision now numbered
/// otherwise or removed (run on load and on every change of the anchor).
const MOVED_SCRIPT: &str = r##"(function () {
  function show() {
    var old = document.getElementById("kitei-moved");
    if (old) old.parentNode.removeChild(old);
    var id = decodeURIComponent(location.hash.slice(1));
    var list = KITEI_MOVED[id];
    // A 項 or 号 that moved with its 条 (same tail of ID and citation) is not listed: the notice names the
    // nearest provision above it that is, and links to the 項 or 号 itself.
    for (var i = id.lastIndexOf("__"); !list && i > 0; i = id.lastIndexOf("__", i - 1)) {
      var up = KITEI_MOVED[id.slice(0, i)];
      if (up && up.length === 1 && up[0][1] && document.getElementById(up[0][1] + id.slice(i))) {
        list = [[up[0][0], up[0][1] + id.slice(i), up[0][2], up[0][3]]];
      }
    }
    if (!list) return;
    var box = document.createElement("div");
    box.id = "kitei-moved";
    box.className = "moved-notice";
    box.setAttribute("role", "note");
    list.forEach(function (e) {
      var p = document.createElement("p");
      p.appendChild(document.createTextNode(e[0] + " 版の" + e[2] + "は、"));
      if (e[1]) {
        p.appendChild(document.createTextNode("この版では"));
        var a = document.createElement("a");
        a.href = "#" + e[1];
        a.textContent = e[3];
        p.appendChild(a);
        p.appendChild(document.createTextNode(" です。"));
      } else {
        p.appendChild(document.createTextNode("この版までに削られました。"));
      }
      var h = document.createElement("a");
      h.href = "history.html";
      h.textContent = "沿革";
      p.appendChild(document.createTextNode(" "));
      p.appendChild(h);
      box.appendChild(p);
    });
    var main = document.getElementById("main") || document.body;
    main.insertBefore(box, main.firstChild);
  }
  window.addEventListener("hashchange", show);
  show();
})();
"##;

#[cfg(test)]
mod tests {
    use super::*;

    fn reg(texts: &[(&str, &str)]) -> Vec<LoadedVersion> {
        texts
            .iter()
            .map(|(date, t)| LoadedVersion {
                date: date.to_string(),
                file: format!("{date}.md"),
                ja: crate::parse::parse_str(t).unwrap(),
                en: None,
                en_file: None,
            })
            .collect()
    }

    #[test]
    fn an_old_number_maps_to_where_the_provision_went() {
        let r = reg(&[
            ("2020-01-01", "規程\n第1条　甲を定める。\n第2条　乙を定める。\n第3条　丙を定める。\n"),
            ("2021-01-01", "規程\n第1条　乙を定める。\n第2条　丙を定める。\n"),
        ]);
        let cmps = vec![None, Some(crate::diff::compare(&r[0].ja, &r[1].ja, &Default::default()))];
        let h = SiteHistory::new(&r, &cmps);
        let m = h.moved(1);
        let art3 = &m["art_3"];
        assert_eq!(art3.len(), 1);
        assert_eq!(art3[0].1.as_deref(), Some("art_2"), "第3条 became 第2条");
        assert_eq!((art3[0].2.as_str(), art3[0].3.as_str()), ("第3条", "第2条"));
        assert_eq!(m["art_1"][0].1, None, "第1条 was removed");
        assert!(h.moved(0).is_empty() && h.moved_js(0).is_none());
        assert!(h.moved_js(1).unwrap().contains("\"art_3\":[[\"2020-01-01\",\"art_2\""));
    }

    #[test]
    fn paragraphs_that_moved_with_their_article_are_left_to_the_script() {
        let r = reg(&[
            ("2020-01-01", "規程\n第1条　甲を定める。\n第2条　乙を定める。\n２　丁を定める。\n第3条　丙を定める。\n２　戊を定める。\n３　己を定める。\n"),
            ("2021-01-01", "規程\n第1条　乙を定める。\n２　丁を定める。\n第2条　丙を定める。\n２　己を定める。\n"),
        ]);
        let cmps = vec![None, Some(crate::diff::compare(&r[0].ja, &r[1].ja, &Default::default()))];
        let h = SiteHistory::new(&r, &cmps);
        let js = h.moved_js(1).unwrap();
        let data = js.lines().next().unwrap();
        assert!(data.contains("\"art_2\":") && data.contains("\"art_3\":"), "{data}");
        assert!(!data.contains("\"art_2__para_2\":"), "第2条第2項 → 第1条第2項 follows 第2条 → 第1条: {data}");
        // 第3条第3項 became 第2条第2項 (its own number changed) and 第3条第2項 was removed: both listed.
        assert!(data.contains("\"art_3__para_3\":[[\"2020-01-01\",\"art_2__para_2\""), "{data}");
        assert!(data.contains("\"art_3__para_2\":[[\"2020-01-01\",null"), "{data}");
        assert!(h.moved(1).contains_key("art_2__para_2"), "the map itself keeps every ID");
    }

    #[test]
    fn each_top_level_provision_gets_a_link_in_its_japanese_column() {
        let r = reg(&[("2020-01-01", "規程\n第1条　甲を定める。\n２　乙を定める。\n")]);
        let h = SiteHistory::new(&r, &[None]);
        let html = "<div class=\"provision k-article d-0\" id=\"art_1\"><div class=\"ja\" lang=\"ja\"><h3>第1条</h3></div></div>\
                    <div class=\"provision k-paragraph d-1\" id=\"art_1__para_2\"><div class=\"ja\" lang=\"ja\"><p>乙</p></div></div>\
                    <div class=\"provision k-paragraph d-1\" id=\"nowhere\"><div class=\"ja\" lang=\"ja\"><p>丙</p></div></div></body>";
        let out = h.decorate(html.into(), 0, "2020-01-01", true);
        assert!(out.contains("href=\"history.html#v0-art_1\""), "{out}");
        assert_eq!(out.matches("history-link").count(), 1, "the article's own row only; an unknown ID none: {out}");
        assert!(out.ends_with("<script src=\"2020-01-01.moved.js\"></script>\n</body>"), "{out}");
        assert!(out.contains("id=\"art_1\"><div class=\"ja\" lang=\"ja\"><a class=\"history-link\""), "{out}");
    }
}
