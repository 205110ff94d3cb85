//! A very long law split into part pages (`src/render/split.rs`), in headless Chromium: 会社法 (e-Gov XML,
//! 2017-04-01, `../shared/corpus/egov-xml/`) built as a site. The contents page links every part page
//! written; `index.html#art_N` and the dated page's `#art_N` land on the provision in the part holding it;
//! a cross-reference to another part lands there; a search result links to the part page itself and lands
//! there; and the pages' DOMContentLoaded times are printed
//! (`--nocapture`). Screenshots of the contents page and a part page are left in `/tmp/kitei-parts-*.png`.
//!
//! Needs chromium and chromedriver, as `tests/site_browser.rs` does.

#[allow(dead_code)]
mod browser;
mod common;
#[allow(dead_code)]
#[path = "common/search_index.rs"]
mod search_index;

use anyhow::{ensure, Context, Result};
use browser::{js, url_in, wait_js, Driver};
use fantoccini::{Client, Locator};
use serde_json::{json, Value};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

const KAISHA: &str = "corpus/egov-xml/417AC0000000086_20170401_428AC0000000062.xml";

/// 会社法 built with the CLI into the scratch dir.
fn build() -> PathBuf {
    let input = browser::scratch().join("regs");
    std::fs::create_dir_all(input.join("kaisha")).unwrap();
    std::fs::copy(common::shared().join(KAISHA), input.join("kaisha/2017-04-01.xml")).expect("会社法 XML");
    let out = browser::scratch().join("parts-site");
    let status = Command::new(env!("CARGO_BIN_EXE_kitei"))
        .args(["build", "--quiet", "--as-of", "2026-11-25", "-o"])
        .arg(&out)
        .arg(&input)
        .status()
        .expect("run kitei build");
    assert!(status.success(), "kitei build failed: {status}");
    out
}

/// Where the browser is: the `:target`, the path, and the element `id`'s place in the viewport.
const WHERE: &str = r#"
const e = document.getElementById(arguments[0]);
const t = document.querySelector(':target');
return { exists: !!e, top: e ? e.getBoundingClientRect().top : null, height: window.innerHeight,
         target: t ? t.id : null, path: location.pathname.split('/').pop() };
"#;

/// Opens `rel` and waits until the browser shows `id` as the `:target` in the upper half of the viewport;
/// returns the file it landed on.
async fn lands(c: &Client, site: &Path, rel: &str, id: &str) -> Result<String> {
    c.goto(&url_in(site, rel)).await?;
    wait_js(
        c,
        "return document.readyState === 'complete' && !!document.getElementById(arguments[0])",
        vec![json!(id)],
        15,
    )
    .await
    .with_context(|| format!("{rel}: #{id} never appeared"))?;
    let w = js(c, WHERE, vec![json!(id)]).await?;
    ensure!(w["target"] == id, "{rel}: :target is not #{id}: {w}");
    let top = w["top"].as_f64().unwrap_or(f64::NAN);
    let h = w["height"].as_f64().unwrap_or(0.0);
    ensure!((-2.0..h / 2.0).contains(&top), "{rel}: #{id} is not scrolled into view: {w}");
    Ok(w["path"].as_str().unwrap_or_default().to_string())
}

async fn dcl(c: &Client, site: &Path, rel: &str) -> Result<f64> {
    c.goto(&url_in(site, rel)).await?;
    wait_js(c, "return document.readyState === 'complete'", vec![], 30).await?;
    let v: Value =
        js(c, "return performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd", vec![]).await?;
    Ok(v.as_f64().unwrap_or(f64::NAN))
}

async fn run(c: &Client, site: &Path) -> Result<()> {
    let dir = site.join("kaisha");
    let written: BTreeSet<String> = std::fs::read_dir(&dir)?
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.starts_with("index.p") && n.ends_with(".html"))
        .collect();
    ensure!(written.len() >= 8, "会社法 is not split by 編: {written:?}");

    // 1. The contents page links every part, in order.
    c.goto(&url_in(site, "kaisha/index.html")).await?;
    let mut linked = Vec::new();
    for a in c.find_all(Locator::Css("section.parts a")).await? {
        linked.push(a.attr("href").await?.unwrap_or_default());
    }
    let expected: Vec<String> = (1..=written.len()).map(|k| format!("index.p{k}.html")).collect();
    ensure!(linked == expected, "the contents page links {linked:?}, the parts written are {written:?}");
    let png = c.screenshot().await?;
    std::fs::write("/tmp/kitei-parts-contents.png", png)?;

    // 2. Anchors of the whole law reach the part holding the provision: from the contents page, from the
    // dated page (which leads to index.html), and for a 項 whose article is listed, not the 項 itself.
    let at500 = lands(c, site, "kaisha/index.html#art_500", "art_500").await?;
    ensure!(written.contains(&at500), "index.html#art_500 landed on {at500}");
    let dated = lands(c, site, "kaisha/2017-04-01.html#art_500__para_2", "art_500__para_2").await?;
    ensure!(dated == at500, "the 項 of 第五百条 landed on {dated}, its article on {at500}");
    let first = lands(c, site, "kaisha/index.html#art_1", "art_1").await?;
    ensure!(first != at500, "第一条 and 第五百条 are on the same part {first}");
    let png = c.screenshot().await?;
    std::fs::write("/tmp/kitei-parts-part.png", png)?;

    // 3. A cross-reference to another part links straight to that part and lands on the provision.
    let href: Value = js(
        c,
        "const a = [...document.querySelectorAll('a.xref')].find(a => /^index\\.p\\d+\\.html#/.test(a.getAttribute('href'))); \
         return a ? a.getAttribute('href') : null;",
        vec![],
    )
    .await?;
    let href = href.as_str().context("第一編 has no cross-reference to another part")?.to_string();
    let (file, id) = href.split_once('#').unwrap();
    ensure!(file != first, "{href} is on this page");
    let landed = lands(c, site, &format!("kaisha/{href}"), id).await?;
    ensure!(landed == file, "{href} landed on {landed}");

    // 4. A search hit inside a part links straight to the part page holding it (not to the contents page,
    // which would send the reader on by script), and lands on the provision.
    let get = |p: &str| std::fs::read_to_string(site.join(p)).ok();
    let index = search_index::read(&get);
    let text = |d: &Value, k: &str| d[k].as_str().unwrap_or_default().to_string();
    let doc = index.docs.iter().find(|d| text(d, "u").contains("#art_500")).context("no document of 第五百条")?;
    let (u, id) = (text(doc, "u"), text(doc, "u").split_once('#').map(|(_, id)| id.to_string()).unwrap_or_default());
    ensure!(u == format!("kaisha/{at500}#{id}"), "第五百条's search document links to {u}, not to {at500}");
    // A phrase of it that no other provision holds, so that it is the one result.
    let chars: Vec<char> = text(doc, "j").chars().collect();
    let query = chars
        .windows(12.min(chars.len()))
        .map(|w| w.iter().collect::<String>())
        .find(|q| index.docs.iter().filter(|d| text(d, "j").contains(q.as_str())).count() == 1)
        .context("第五百条 has no phrase of its own")?;
    c.goto(&url_in(site, "search.html")).await?;
    wait_js(c, "return document.readyState === 'complete'", vec![], 20).await?;
    let hrefs = wait_js(
        c,
        "const i = document.getElementById('search-input'); \
         if (i.value !== arguments[0]) { i.value = arguments[0]; i.dispatchEvent(new Event('input')); } \
         const a = [...document.querySelectorAll('#search-results li')].map(li => li.querySelector('a').getAttribute('href')); \
         return a.length ? a : null;",
        vec![json!(query)],
        30,
    )
    .await
    .with_context(|| format!("search {query}: no results"))?;
    ensure!(hrefs == json!([u]), "search {query}: results {hrefs}, expected the one {u}");
    let landed = lands(c, site, &u, &id).await?;
    ensure!(landed == at500, "the search result {u} landed on {landed}");

    // 5. How quickly the pages are ready.
    let mut sizes: Vec<(u64, String)> =
        written.iter().map(|n| (std::fs::metadata(dir.join(n)).map(|m| m.len()).unwrap_or(0), n.clone())).collect();
    sizes.sort();
    let (big, name) = sizes.last().cloned().unwrap_or_default();
    let contents = std::fs::metadata(dir.join("index.html"))?.len();
    for (what, rel, bytes) in
        [("contents", "kaisha/index.html".to_string(), contents), ("largest part", format!("kaisha/{name}"), big)]
    {
        let mut t: Vec<f64> = Vec::new();
        for _ in 0..3 {
            t.push(dcl(c, site, &rel).await?);
        }
        t.sort_by(f64::total_cmp);
        eprintln!("会社法 {what} {rel}: {:.2} MB, DOMContentLoaded median {:.0} ms ({t:?})", bytes as f64 / 1e6, t[1]);
    }
    Ok(())
}

#[tokio::test(flavor = "current_thread")]
async fn a_split_law_has_a_contents_page_and_anchors_reach_their_part() {
    let site = build();
    let driver = Driver::start().unwrap_or_else(|e| panic!("{e:#}"));
    let c = driver.session(1400, 1000).await.unwrap_or_else(|e| panic!("{e:#}"));
    let result = run(&c, &site).await;
    let _ = c.close().await;
    drop(driver);
    match result {
        Ok(()) => {
            let _ = std::fs::remove_dir_all(browser::scratch());
        }
        Err(e) => panic!("{e:#} (chromedriver log: {})", browser::scratch().join("chromedriver.log").display()),
    }
}
