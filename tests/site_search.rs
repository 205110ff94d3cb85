//! Search at the scale of a 例規集: laws of `../shared/corpus/egov-2013` built as a site and searched in
//! headless Chromium from `file://`, timing the first results.
//!
//! By default 50 laws (what CI runs). `KITEI_SEARCH_LAWS=N` builds the first N laws (`all`: the 1,075 of the
//! sample; above that, the sample repeated under other slugs, to reach e.g. the 7,950 laws of the whole 2013
//! collection); the figures (index size, largest file, time to first results) are printed, e.g.
//! `KITEI_SEARCH_LAWS=all cargo test --release --test site_search -- --nocapture`.
//! `KITEI_SEARCH_INDEX_LAWS=N` then replaces the built site's `search/` with an index of N laws made in this
//! process as `kitei build` makes it (Japanese only: no translations), for scales whose whole site takes too
//! long to build in a test; the results are then only
//! timed, not cross-checked, and their links point to pages not built.
//! `KITEI_SEARCH_MAX_MS` bounds the time to first results (default 3,000 ms: CI machines are slow and shared).
//!
//! Needs Chromium and ChromeDriver, as `tests/site_browser.rs` does.

#[allow(dead_code)]
mod browser;
#[path = "common/search_index.rs"]
mod search_index;

use anyhow::{ensure, Context, Result};
use browser::{scratch, Driver};
use fantoccini::Client;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// The largest file the search index may hold (a browser tab must load any of them quickly). The largest
/// file of the whole site is printed, not checked here: pages and the model's JSON are another matter.
const MAX_FILE: u64 = 5 * 1024 * 1024;

fn laws() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/egov-2013/laws");
    let mut all: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    all.sort();
    all
}

/// A regulations folder of `n` laws (`law-00001/2013-11-26.txt`…), linked to the corpus files.
fn regulations(n: usize) -> PathBuf {
    let laws = laws();
    let dir = scratch().join("regulations");
    for i in 0..n {
        let reg = dir.join(format!("law-{:05}", i + 1));
        std::fs::create_dir_all(&reg).unwrap();
        let to = reg.join("2013-11-26.txt");
        #[cfg(unix)]
        std::os::unix::fs::symlink(&laws[i % laws.len()], &to).unwrap();
        #[cfg(not(unix))]
        std::fs::copy(&laws[i % laws.len()], &to).unwrap();
    }
    dir
}

/// Every file under `dir`: (path relative to it, size).
fn sizes(root: &Path, dir: &Path, out: &mut Vec<(String, u64)>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            sizes(root, &p, out);
        } else {
            let rel = p.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
            out.push((rel, std::fs::metadata(&p).unwrap().len()));
        }
    }
}

/// Types `q` into a freshly opened search page and waits for the status line: the milliseconds from the
/// input event to the results, the status, and each result's citation, link and Japanese snippet.
const TIMED: &str = r#"
const done = arguments[arguments.length - 1], q = arguments[0];
const st = document.getElementById('search-status'), input = document.getElementById('search-input');
const t0 = performance.now();
const finish = () => done({ ms: performance.now() - t0, status: st.textContent,
  hits: Array.from(document.querySelectorAll('#search-results li')).map(li => ({
    cite: li.querySelector('a').textContent, href: li.querySelector('a').getAttribute('href'),
    reg: (li.querySelector('.reg') || {}).textContent || '',
    snippet: (li.querySelector('.snippet[lang=ja]') || {}).textContent || '' })) });
const obs = new MutationObserver(() => { if (st.textContent) { obs.disconnect(); finish(); } });
obs.observe(st, { childList: true, characterData: true, subtree: true });
input.value = q;
input.dispatchEvent(new Event('input'));
"#;

async fn timed(c: &Client, site: &Path, q: &str) -> Result<Value> {
    let page = url::Url::from_file_path(site.join("search.html")).unwrap();
    c.goto(page.as_str()).await?;
    browser::wait_js(c, "return document.readyState === 'complete'", vec![], 20).await?;
    c.execute_async(TIMED, vec![json!(q)]).await.with_context(|| format!("search {q}"))
}

/// The number at the start of the status line ("123 件…", "最大 123 件…").
fn count(status: &str) -> usize {
    let digits: String = status.chars().skip_while(|c| !c.is_ascii_digit()).take_while(char::is_ascii_digit).collect();
    digits.parse().unwrap_or(usize::MAX)
}

/// The search index of `n` laws (the sample repeated past its end), made as `kitei build` makes it, written
/// over `site/search`.
fn index_only(n: usize, site: &Path) {
    let laws = laws();
    let mut ix = kitei::render::search::SearchIndex::default();
    for i in 0..n {
        let doc = kitei::load(&laws[i % laws.len()]).expect("a corpus law parses").document;
        ix.add_regulation(&doc.title, "");
        let slug = format!("law-{:05}", i + 1);
        kitei::model::walk::walk_with_ancestors(&doc, &mut |node, anc| {
            if node.kind.is_provision() && !node.text.is_empty() {
                let (label, label_en) = kitei::render::cite::cite(node, anc);
                ix.add(&format!("{slug}/index.html#{}", node.id), &label, &label_en, &node.text, "");
            }
        });
    }
    std::fs::remove_dir_all(site.join("search")).unwrap();
    for (path, bytes) in ix.to_files() {
        let p = site.join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
    }
}

async fn run(c: &Client, site: &Path, max_ms: f64, check: bool) -> Result<()> {
    if !check {
        for q in ["政令", "しなければならない", "の規定により", "監査", "条"] {
            let r = timed(c, site, q).await?;
            let (ms, status) = (r["ms"].as_f64().unwrap_or(f64::NAN), r["status"].as_str().unwrap_or_default());
            eprintln!("search {q}: {ms:.0} ms to the first results ({status})");
            ensure!(ms < max_ms && r["hits"].as_array().is_some_and(|h| !h.is_empty()), "search {q}: {r}");
        }
        return Ok(());
    }
    let get = |p: &str| std::fs::read_to_string(site.join(p)).ok();
    let index = search_index::read(&get);
    let text = |d: &Value, k: &str| d[k].as_str().unwrap_or_default().to_string();

    // A bigram: the count is exact, every document holding it in a text or citation.
    let q = "政令";
    let r = timed(c, site, q).await?;
    let want = index.docs.iter().filter(|d| ["j", "e", "lj", "le"].iter().any(|k| text(d, k).contains(q))).count();
    let status = r["status"].as_str().unwrap_or_default();
    ensure!(want > 0 && count(status) == want, "search {q}: status {status:?}, {want} documents hold it");
    ensure!(
        index.postings.get(q).map_or(0, Vec::len) == want,
        "search {q}: the posting list is not the {want} documents"
    );
    ensure!(
        index.meta["ndocs"].as_u64() == Some(index.docs.len() as u64),
        "search/index.js: ndocs {}",
        index.meta["ndocs"]
    );
    eprintln!("search {q}: {:.0} ms to the first results ({status})", r["ms"].as_f64().unwrap_or(f64::NAN));
    ensure!(r["ms"].as_f64().is_some_and(|ms| ms < max_ms), "search {q}: too slow: {r}");

    // A phrase: bigrams found out of order are checked against the texts; the results are the first documents
    // holding it as written, in order, each cited and named.
    for q in ["しなければならない", "の規定により", "監査"] {
        let r = timed(c, site, q).await?;
        let status = r["status"].as_str().unwrap_or_default();
        let hits = r["hits"].as_array().context("hits")?;
        let holding: Vec<&Value> =
            index.docs.iter().filter(|d| text(d, "j").contains(q) || text(d, "lj").contains(q)).collect();
        let shown: Vec<(String, String)> = hits.iter().map(|h| (text(h, "href"), text(h, "cite"))).collect();
        let first: Vec<(String, String)> =
            holding.iter().take(hits.len()).map(|d| (text(d, "u"), text(d, "lj"))).collect();
        ensure!(!hits.is_empty() && shown == first, "search {q}: {status:?}, results {shown:?} but {first:?} hold it");
        for h in hits {
            ensure!(text(h, "snippet").contains(q), "search {q}: the snippet lacks it: {h}");
            ensure!(!text(h, "reg").is_empty(), "search {q}: the law is not named: {h}");
        }
        if holding.len() <= hits.len() {
            ensure!(count(status) == holding.len(), "search {q}: status {status:?}, {} hold it", holding.len());
        } else {
            ensure!(status.contains("showing the first") && count(status) >= holding.len(), "search {q}: {status:?}");
        }
        eprintln!("search {q}: {:.0} ms to the first results ({status})", r["ms"].as_f64().unwrap_or(f64::NAN));
        ensure!(r["ms"].as_f64().is_some_and(|ms| ms < max_ms), "search {q}: too slow: {r}");
    }
    Ok(())
}

#[tokio::test(flavor = "current_thread")]
async fn a_corpus_site_is_searched_from_file_urls() {
    let n = match std::env::var("KITEI_SEARCH_LAWS").as_deref() {
        Ok("all") => laws().len(),
        Ok(n) => n.parse().expect("KITEI_SEARCH_LAWS is a number or all"),
        Err(_) => 50,
    };
    let max_ms: f64 = std::env::var("KITEI_SEARCH_MAX_MS").map_or(3000.0, |v| v.parse().expect("a number"));
    let regs = regulations(n);
    let site = scratch().join("site");
    let started = Instant::now();
    let status = Command::new(env!("CARGO_BIN_EXE_kitei"))
        .arg("build")
        .arg(&regs)
        .arg("-o")
        .arg(&site)
        .arg("--quiet")
        .status()
        .expect("run kitei build");
    assert!(status.success(), "kitei build of {n} laws failed: {status}");
    let built = started.elapsed();
    let scale = std::env::var("KITEI_SEARCH_INDEX_LAWS").ok().map(|v| v.parse::<usize>().expect("a number"));
    if let Some(m) = scale {
        let started = Instant::now();
        index_only(m, &site);
        eprintln!("search index of {m} laws made in {:.1?}", started.elapsed());
    }
    let mut files = Vec::new();
    sizes(&site, &site, &mut files);
    let (largest, big) = files.iter().max_by_key(|(_, s)| *s).cloned().unwrap();
    let search: Vec<&(String, u64)> = files.iter().filter(|(p, _)| p.starts_with("search/")).collect();
    let (index_bytes, index_largest) =
        (search.iter().map(|(_, s)| s).sum::<u64>(), search.iter().map(|(_, s)| *s).max().unwrap_or(0));
    eprintln!(
        "{n} laws: built in {built:.1?}; {} files, largest {largest} ({:.2} MB); search index {:.1} MB in {} files, \
         largest {:.2} MB",
        files.len(),
        big as f64 / 1e6,
        index_bytes as f64 / 1e6,
        search.len(),
        index_largest as f64 / 1e6
    );
    for (path, size) in &search {
        assert!(*size <= MAX_FILE, "{path} is {size} bytes, over {MAX_FILE}");
    }

    let driver = Driver::start().unwrap_or_else(|e| panic!("{e:#}"));
    let c = driver.session(1200, 900).await.unwrap_or_else(|e| panic!("{e:#}"));
    let result = run(&c, &site, max_ms, scale.is_none()).await;
    let _ = c.close().await;
    drop(driver);
    match result {
        Ok(()) => {
            let _ = std::fs::remove_dir_all(scratch());
        }
        Err(e) => panic!("{e:#} (site kept in {})", site.display()),
    }
}
