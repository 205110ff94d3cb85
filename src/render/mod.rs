//! The static site: `kitei build` publishes a folder of regulations as a bilingual HTML site that works from
//! any web server or straight from disk (`file://`: relative links everywhere, no fetch()).
//!
//! Input: one directory per regulation (see [`load`]). Output:
//!
//! | path | what |
//! |---|---|
//! | `index.html` | the regulations, titles in both languages, latest effective date |
//! | `<slug>/index.html` | the current version, bilingual, with history and glossary |
//! | `<slug>/<date>.html` | each version; the current one is published once, as `index.html`, and its dated page leads there |
//! | `<slug>/history.html`, `<slug>/<date>.moved.js` | the amendments and each provision's history; old IDs' notices ([`history_page`]) |
//! | `<slug>/checklist.html` | the printable checklist of the current version's obligations ([`checklist_page`]) |
//! | `<slug>/compare-<old>_<new>.html` | 新旧対照表 between consecutive versions (the diff engine's table), with the 改め文 |
//! | `<slug>/shinkyu-<old>_<new>.html` | the same, as the diff engine's standalone printable page |
//! | `<slug>/shinkyu-<old>_<new>.docx` | the same table as a Word document ([`crate::export::docx::shinkyu`]) |
//! | `<slug>/<date>.json`, `<slug>/<date>.en.json` | the model as JSON |
//! | `<slug>/<date>.xml` | e-Gov 法令標準XML |
//! | `api/index.json` | regulations, versions, effective dates and URLs |
//! | `search.html`, `search/` | client-side search (bigrams for Japanese, words for English), a sharded index ([`search`]) |
//! | `static/` | CSS and JS (no external assets) |
//! | `.kitei-site` | the marker that lets a rebuild replace the directory |
//! | `.kitei-cache/` | what a rebuild needs to reuse unchanged regulations ([`cache`]) |
//!
//! Regulations are rendered in parallel and written as each is finished ([`build_site_as_of`]). Output is
//! deterministic (sorted, no timestamps, the same whatever the threads) and written atomically ([`mod@write`]).
//!
//! ```
//! let files = kitei::render::site_files(
//!     &kitei::render::load::load_folder(std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/regulations"))).unwrap().regulations,
//!     &kitei::render::templates::Templates::load(None).unwrap(),
//!     &mut |_, _, _| {},
//! ).unwrap();
//! assert!(files.0.contains_key("jlis-ninsho-jimu-kanri-kitei/index.html"));
//! ```

mod build;
pub mod cache;
pub mod checklist_page;
pub mod cite;
pub mod folder;
pub mod glossary;
pub mod history_page;
pub mod index_page;
pub mod load;
pub mod markup;
pub mod model_json;
pub mod pages;
pub mod rows_html;
pub mod search;
pub mod search_part;
pub mod search_stream;
pub mod split;
pub mod stamps;
pub mod suppl;
pub mod templates;
pub mod translation;
pub mod view;
pub mod write;
pub mod xref;

pub(crate) use build::is_regulation_dir;
pub use build::PEER_LIMIT;
pub use translation::translation_report;

use crate::diagnostic::Diagnostic;
use crate::diff::{compare, CompareOptions, Comparison, RenderOptions};
use crate::error::{Error, Result};
use load::LoadedRegulation;
use pages::{
    changed_anchors, compare_file, docx_file, printable_file, render_version_files, summary, version_infos,
    version_page, version_rows, ComparePage, IndexPage,
};
use search::SearchIndex;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use templates::Templates;
use translation::Alignment;

/// Options of [`build_site`].
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// The output directory.
    pub out: PathBuf,
    /// A directory whose templates and assets override the embedded ones.
    pub templates: Option<PathBuf>,
    /// Refuse to build, before anything is written, when the regulations folder holds anything that would
    /// not be published ([`BuildReport::warnings`], see [`folder`]), or a regulation that cannot be read.
    pub strict: bool,
    /// Stop at the first regulation that cannot be read (its error is the build's). Without it, such a
    /// regulation is skipped and listed in [`BuildReport::failures`].
    pub fail_fast: bool,
    /// Worker threads rendering regulations (0: one per core). The output does not depend on it.
    pub threads: usize,
    /// Render every regulation, ignoring the previous build's cache ([`cache`]).
    pub clean: bool,
    /// The most regulations a folder may hold for comparison pages to list the other regulations citing the
    /// one compared (they are all held in memory); `None`: [`PEER_LIMIT`]. Above it the pages say the
    /// list is left out and [`BuildReport::peers_left_out`] is set.
    pub peer_limit: Option<usize>,
    /// Set (by another thread) to stop the build: no regulation starts after it, and the build returns an
    /// error once those in flight are done, leaving `out` as it was and nothing beside it (`kitei serve`
    /// stopping during a build).
    pub cancel: Option<std::sync::Arc<std::sync::atomic::AtomicBool>>,
}

/// What the site shows as current. The output depends on it: the same input built with another as-of date
/// gives another current version.
#[derive(Debug, Clone, Default)]
pub struct SiteOptions {
    /// The as-of date (`YYYY-MM-DD`): the current version of each regulation is the latest one in force on
    /// that date (see [`pages::current_index`]); later ones are marked 施行予定 (not yet in force). `None`:
    /// the latest version is current. The library never reads the clock; `kitei build` passes today's date.
    pub as_of: Option<String>,
}

/// What a build did.
#[derive(Debug, Clone, Default)]
pub struct BuildReport {
    /// Regulations published.
    pub regulations: usize,
    /// Versions published.
    pub versions: usize,
    /// Files written.
    pub files: usize,
    /// Findings (parser recoveries, missing, orphaned and stale translations), as (file, diagnostic).
    pub diagnostics: Vec<(String, Diagnostic)>,
    /// The structure check's line for each version file whose tree looks implausible, in path order.
    pub structure: Vec<String>,
    /// What in the regulations folder is not published, and why ([`folder`]): as (path, warning).
    pub warnings: Vec<folder::FolderWarning>,
    /// The regulations that could not be read and were skipped ([`BuildOptions::fail_fast`]). The site was
    /// built without them; the caller should report failure.
    pub failures: Vec<load::LoadFailure>,
    /// Regulations whose files were taken from the previous build, their inputs unchanged ([`cache`]).
    pub reused: usize,
    /// Regulation directories whose files were read to hash them: once each at most, in the build's first
    /// pass; none of a directory whose files' stamps are the last build's ([`stamps`]).
    pub hashed: usize,
    /// The peer limit ([`BuildOptions::peer_limit`]) when the folder holds more regulations and some have
    /// comparison pages: their lists of other regulations citing them are left out (the pages say so).
    pub peers_left_out: Option<usize>,
}

/// The site's files in memory (site path → bytes), and the findings.
pub type SiteFiles = (BTreeMap<String, Vec<u8>>, Vec<(String, Diagnostic)>);

/// Builds the site for the regulations under `input_dir` into `options.out`, the latest version of each
/// being current (see [`build_site_as_of`]). `progress(done, total, what)` is called after each regulation.
pub fn build_site(
    input_dir: &Path,
    options: &BuildOptions,
    progress: &mut dyn FnMut(usize, usize, &str),
) -> Result<BuildReport> {
    build_site_as_of(input_dir, options, &SiteOptions::default(), progress)
}

/// Builds the site as [`build_site`] does, with the current versions chosen by `site.as_of`: regulations
/// are rendered in parallel and written as each is finished, those unchanged since the previous build into
/// `options.out` are taken from it ([`cache`]); `progress(done, total, what)` is called after each
/// regulation.
pub fn build_site_as_of(
    input_dir: &Path,
    options: &BuildOptions,
    site: &SiteOptions,
    progress: &mut dyn FnMut(usize, usize, &str),
) -> Result<BuildReport> {
    if let (Ok(a), Ok(b)) = (std::fs::canonicalize(input_dir), std::fs::canonicalize(&options.out)) {
        if a == b || a.starts_with(&b) {
            return Err(Error::Other(format!("refusing to write the site over its input {}", input_dir.display())));
        }
    }
    build::build(input_dir, options, site, progress)
}

/// The built-in UI labels.
pub fn labels() -> BTreeMap<&'static str, &'static str> {
    glossary::TERMS.iter().copied().collect()
}

fn html(s: String) -> Vec<u8> {
    s.into_bytes()
}

fn json<T: serde::Serialize>(v: &T) -> Result<Vec<u8>> {
    let mut s = serde_json::to_string_pretty(v).map_err(|e| Error::Other(format!("JSON: {e}")))?;
    s.push('\n');
    Ok(s.into_bytes())
}

fn check_slug(slug: &str) -> Result<()> {
    let ok = !slug.is_empty()
        && slug.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.')
        && !slug.starts_with('.');
    // `api/`, `static/` and `search/` (the search index's shards) are the site's own folders.
    if ok && !["api", "static", "search"].contains(&slug) {
        Ok(())
    } else {
        Err(Error::Other(format!(
            "regulation slug {slug:?}: expected ASCII letters, digits, '-', '_' (and not 'api', 'static' or 'search')"
        )))
    }
}

/// Renders the whole site in memory, the latest version of each regulation being current.
pub fn site_files(
    regs: &[LoadedRegulation],
    templates: &Templates,
    progress: &mut dyn FnMut(usize, usize, &str),
) -> Result<SiteFiles> {
    site_files_as_of(regs, templates, &SiteOptions::default(), progress)
}

/// Renders the whole site in memory, the current versions chosen by `site.as_of`: each regulation with
/// [`render_regulation`], then the files that list them all ([`global_files`], [`SearchIndex`]).
pub fn site_files_as_of(
    regs: &[LoadedRegulation],
    templates: &Templates,
    site: &SiteOptions,
    progress: &mut dyn FnMut(usize, usize, &str),
) -> Result<SiteFiles> {
    let mut files: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    let mut diagnostics = Vec::new();
    let mut search = SearchIndex::default();
    let total: usize = regs.iter().map(|r| 2 * r.versions.len() + 1).sum::<usize>() + 2;
    let mut done = 0;
    let (mut summaries, mut api_regs) = (Vec::new(), Vec::new());
    for reg in regs {
        let peers = history_page::SitePeers { regs, left_out_over: None };
        let out = render_regulation(reg, peers, templates, site, &mut |what| {
            done += 1;
            progress(done, total, what);
        })?;
        files.extend(out.files);
        diagnostics.extend(out.diagnostics);
        search.add_regulation_search(&out.search);
        summaries.push(out.summary);
        api_regs.push(out.api);
    }
    files.extend(global_files(summaries, api_regs, templates, site)?);
    files.extend(search.to_files());
    done += 2;
    progress(done, total, "index");
    Ok((files, diagnostics))
}

/// One regulation's share of the site: its files (all under `<slug>/`) and what the site's global files
/// need of it.
#[derive(Debug)]
pub struct RegOutput {
    /// Site path → bytes, every path under `<slug>/`.
    pub files: BTreeMap<String, Vec<u8>>,
    /// The translation report's findings, as (file, diagnostic).
    pub diagnostics: Vec<(String, Diagnostic)>,
    /// Its entry in `api/index.json`.
    pub api: serde_json::Value,
    /// Its line in the index page.
    pub summary: pages::RegSummary,
    /// Its current version's provisions, for the search index.
    pub search: search::RegSearch,
}

/// Renders one regulation's pages and files; `progress(what)` is called after each version's pages and
/// each comparison. Depends on nothing but the regulation, `peers` (other regulations whose citations of it
/// are listed under its comparisons; empty for none, or left out), the templates and `site`, so regulations
/// can be rendered in any order, in parallel.
pub fn render_regulation(
    reg: &LoadedRegulation,
    peers: history_page::SitePeers<'_>,
    templates: &Templates,
    site: &SiteOptions,
    progress: &mut dyn FnMut(&str),
) -> Result<RegOutput> {
    let labels = labels();
    let mut files: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    let mut diagnostics = Vec::new();
    let mut search = search::RegSearch::default();
    check_slug(&reg.slug)?;
    let slug = &reg.slug;
    let current = pages::current_index(reg, site.as_of.as_deref());
    // The page a version is read on: the current one is published as index.html.
    let page_of = |k: usize, href: &str| -> String {
        if k == current {
            "index.html".into()
        } else {
            href.into()
        }
    };
    // Comparisons between consecutive versions.
    let cmps: Vec<Option<Comparison>> = (0..reg.versions.len())
        .map(|i| {
            i.checked_sub(1).map(|j| compare(&reg.versions[j].ja, &reg.versions[i].ja, &CompareOptions::default()))
        })
        .collect();
    let infos = version_infos(reg, &cmps, current);
    let history = history_page::SiteHistory::new(&reg.versions, &cmps);
    let mut api_versions = Vec::new();
    let mut anchors = Vec::new();
    for (i, v) in reg.versions.iter().enumerate() {
        // The translation may have been made from an older version.
        let translated = v.en.as_ref().and_then(|e| e.attrs.get("translation-of")).cloned();
        // A translation of the previous version reuses the comparison already made for that pair.
        let owned;
        let since: Option<&Comparison> = match &translated {
            Some(f) if *f != v.file => match reg.versions.iter().position(|o| o.file == *f) {
                Some(j) if i >= 1 && j == i - 1 => cmps[i].as_ref(),
                Some(j) => {
                    owned = compare(&reg.versions[j].ja, &v.ja, &CompareOptions::default());
                    Some(&owned)
                }
                None => None,
            },
            _ => None,
        };
        let alignment = Alignment::of_version(&v.ja, v.en.as_ref(), since);
        let report = match &v.en {
            Some(en) => translation::report_aligned(&v.ja, en, &alignment),
            None => Vec::new(),
        };
        let en_file = v.en_file.clone().unwrap_or_default();
        diagnostics.extend(report.iter().map(|d| (format!("{slug}/{en_file}"), d.clone())));
        let table = cmps[i].as_ref().map(|c| crate::diff::table::build_table(c, &RenderOptions::default()));
        let changed = match (&cmps[i], &table) {
            (Some(c), Some(t)) => changed_anchors(c, t),
            _ => BTreeMap::new(),
        };
        let (rows, translation) = version_rows(v, &infos[i], &changed, Some(&alignment), &report);
        if i == current {
            search = search::regulation_search(reg, v, &alignment);
        }
        let page = version_page(reg, &infos, current, i, &rows, translation, &labels);
        let moved = history.moved_js(i);
        let has_moved = moved.is_some();
        if let Some(js) = moved {
            files.insert(format!("{slug}/{}", history_page::moved_file(&v.date)), js.into_bytes());
        }
        // A very long page is split into a contents page and part pages (`split`).
        let (name, stem) =
            if i == current { ("regulation.html.tera", "index") } else { ("version.html.tera", &*v.date) };
        let out = render_version_files(templates, name, &page, &rows, &v.ja, stem)?;
        for (file, page) in out.pages {
            files.insert(format!("{slug}/{file}"), html(history.decorate(page, i, &v.date, has_moved)));
        }
        files.extend(out.script.map(|(file, js)| (format!("{slug}/{file}"), js.into_bytes())));
        if let (true, Some(a)) = (i == current, &out.anchors) {
            search.link_parts(slug, a);
        }
        anchors.extend(out.anchors);
        if i == current {
            // The current version is published once, as index.html; its dated page leads there.
            let title = format!("{} ({})", page.reg.title_ja, v.date);
            files.insert(format!("{slug}/{}.html", v.date), html(pages::redirect_page(&title, "index.html")));
            let list = checklist_page::site_page(
                templates,
                summary(reg, current),
                infos[i].clone(),
                &v.ja,
                v.en.as_ref(),
                Some(&alignment),
            )?;
            files.insert(format!("{slug}/{}", checklist_page::CHECKLIST_FILE), html(list));
        }
        progress(&format!("{slug}/{}", v.date));
        // Compact, and in parts when still over 5 MB (`model_json`).
        for (file, bytes) in model_json::model_json(&v.ja, &v.date, model_json::MAX_FILE)? {
            files.insert(format!("{slug}/{file}"), bytes);
        }
        files.insert(format!("{slug}/{}.xml", v.date), crate::export::egov_xml::to_egov_xml(&v.ja).into_bytes());
        if let Some(en) = &v.en {
            for (file, bytes) in model_json::model_json(en, &format!("{}.en", v.date), model_json::MAX_FILE)? {
                files.insert(format!("{slug}/{file}"), bytes);
            }
        }
        if let (Some(cmp), Some(t), Some(prev)) = (&cmps[i], table, i.checked_sub(1).map(|j| &infos[j])) {
            let printable = printable_file(&prev.date, &v.date);
            let standalone = crate::diff::render_html(cmp, &RenderOptions::default(), templates.dir.as_deref())?;
            files.insert(format!("{slug}/{printable}"), html(standalone));
            let docx = docx_file(&prev.date, &v.date);
            let word = crate::export::docx::shinkyu::render_docx(cmp, &RenderOptions::default())?;
            files.insert(format!("{slug}/{docx}"), word);
            let (amendment, amendment_error) = pages::amendment_lines(&reg.versions[i - 1].ja, &v.ja);
            let page = ComparePage {
                root: "../",
                page_title: format!("{} 新旧対照表 {} → {}", summary(reg, current).title_ja, prev.date, v.date),
                reg: summary(reg, current),
                old: prev.clone(),
                new: infos[i].clone(),
                t,
                printable_href: printable,
                docx_href: docx,
                amendment,
                amendment_error,
                impact_html: history_page::impact_html(
                    &reg.versions[i - 1].ja,
                    &v.ja,
                    cmp,
                    (&page_of(i - 1, &prev.href), &page_of(i, &infos[i].href)),
                    &history_page::Peers {
                        regs: peers.regs,
                        as_of: site.as_of.as_deref(),
                        this: slug,
                        left_out_over: peers.left_out_over,
                    },
                ),
                labels: &labels,
            };
            let out = templates.render("compare.html.tera", &page)?;
            files.insert(format!("{slug}/{}", compare_file(&prev.date, &v.date)), html(out));
        }
        progress(&format!("{slug}/{} (compare)", v.date));
        api_versions.push(serde_json::json!({
            "date": v.date,
            "illustrative": infos[i].illustrative,
            "current": infos[i].is_current,
            "in_force": !infos[i].is_future,
            "note": infos[i].note,
            "effective": infos[i].effective_text,
            "html": format!("{slug}/{}.html", v.date),
            "json": format!("{slug}/{}.json", v.date),
            "egov_xml": format!("{slug}/{}.xml", v.date),
            "translation_json": v.en.as_ref().map(|_| format!("{slug}/{}.en.json", v.date)),
            "compare": infos[i].compare_href.as_ref().map(|c| format!("{slug}/{c}")),
            "compare_docx": i.checked_sub(1).map(|j| format!("{slug}/{}", docx_file(&infos[j].date, &v.date))),
        }));
    }
    let page = history.page(templates, summary(reg, current), &infos, &labels)?;
    files.insert(format!("{slug}/{}", history_page::HISTORY_FILE), html(page));
    split::relink_site(&mut files, slug, &anchors);
    let s = summary(reg, current);
    let api = serde_json::json!({
        "slug": slug,
        "title_ja": s.title_ja,
        "title_en": s.title_en,
        "number": s.number,
        "latest": s.latest_date,
        "current": s.current_date,
        "url": s.href,
        "versions": api_versions,
    });
    progress(slug);
    Ok(RegOutput { files, diagnostics, api, summary: s, search })
}

/// The files that list every regulation: `index.html`, `search.html`, `api/index.json` and the static
/// assets (the search index is [`SearchIndex::to_files`]), from each regulation's summary and API entry in
/// folder order.
pub fn global_files(
    summaries: Vec<pages::RegSummary>,
    api_regs: Vec<serde_json::Value>,
    templates: &Templates,
    site: &SiteOptions,
) -> Result<BTreeMap<String, Vec<u8>>> {
    let labels = labels();
    let mut files = BTreeMap::new();
    let categories = index_page::categories(&summaries);
    let index =
        IndexPage {
            root: "", page_title: "規程集 Regulations".into(), regs: summaries, categories, labels: &labels
        };
    files.insert("index.html".into(), html(templates.render("index.html.tera", &index)?));
    files.insert("search.html".into(), html(templates.render("search.html.tera", &index)?));
    let api = serde_json::json!({ "generator": "kitei", "as_of": site.as_of, "regulations": api_regs });
    files.insert("api/index.json".into(), json(&api)?);
    for (path, content) in &templates.assets {
        files.insert(path.clone(), content.clone().into_bytes());
    }
    Ok(files)
}

/// Renders the current version's page (`<slug>/index.html`) of one regulation on its own, without the
/// comparisons with earlier versions: the page, or when split its contents page.
pub fn render_current_page(reg: &LoadedRegulation, templates: &Templates) -> Result<String> {
    let files = render_current_files(reg, templates)?;
    files.pages.into_iter().next().map(|(_, html)| html).ok_or_else(|| Error::Other("no page".into()))
}

/// Every file of the current version's page ([`pages::render_version_files`]: the page, or the contents page,
/// the part pages and their script), as [`render_current_page`] renders it (what the benchmarks time).
pub fn render_current_files(reg: &LoadedRegulation, templates: &Templates) -> Result<pages::VersionFiles> {
    let Some(i) = reg.versions.len().checked_sub(1) else {
        return Err(Error::Other(format!("{}: no versions", reg.slug)));
    };
    let labels = labels();
    let none: Vec<Option<Comparison>> = vec![None; reg.versions.len()];
    let infos = version_infos(reg, &none, i);
    let v = &reg.versions[i];
    let alignment = Alignment::of_version(&v.ja, v.en.as_ref(), None);
    let report = match &v.en {
        Some(en) => translation::report_aligned(&v.ja, en, &alignment),
        None => Vec::new(),
    };
    let (rows, translation) = version_rows(v, &infos[i], &BTreeMap::new(), Some(&alignment), &report);
    let page = version_page(reg, &infos, i, i, &rows, translation, &labels);
    render_version_files(templates, "regulation.html.tera", &page, &rows, &v.ja, "index")
}
