//! The built site in a real browser: headless Chromium driven through ChromeDriver (fantoccini).
//!
//! One build of `regulations/` (the CLI, into a temp dir) and one browser session, reused by every check:
//! the side-by-side layout (and its stacking on a narrow window), anchors and the table of contents,
//! a cross-reference and a "changed in" link landing on their targets, search by a Japanese and an English
//! word (search page and header form), the language toggle, and no console errors on any page of the site.
//! The pages are opened from disk (`file://`), as the site is meant to work from there.
//!
//! Needs `chromium` and `chromedriver` (Debian packages chromium, chromium-driver) and a CJK font;
//! `scripts/test` installs them. Without them the test fails with that advice (it never passes silently).
//! `KITEI_CHROMIUM` / `KITEI_CHROMEDRIVER` override the programs found on PATH; `KITEI_BROWSER_SITE=DIR` runs
//! the checks on a site already built in DIR (e.g. with other templates) instead of building one.
//! A screenshot of a version page is left in `/tmp/kitei-site.png` for a human to look at.

mod browser;

use anyhow::{ensure, Context, Result};
use browser::{console, emulate_media, js, site, url, wait_js, Driver, LogEntry, REG};
use fantoccini::{Client, Locator};
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::time::{Duration, Instant};

/// The page visited, and every SEVERE console entry seen, per page.
struct Pages {
    current: String,
    visited: Vec<String>,
    severe: Vec<(String, LogEntry)>,
}

impl Pages {
    /// Collects the console entries of the current page.
    async fn drain(&mut self, c: &Client) -> Result<()> {
        for e in console(c).await? {
            if e.level == "SEVERE" {
                self.severe.push((self.current.clone(), e));
            }
        }
        Ok(())
    }

    /// Opens `rel` (relative to the site root), after collecting the previous page's console entries.
    async fn goto(&mut self, c: &Client, rel: &str) -> Result<()> {
        self.drain(c).await?;
        c.goto(&url(rel)).await.with_context(|| format!("open {rel}"))?;
        self.arrived(c, rel).await
    }

    /// Records that the browser is now on `rel` (after a click that navigated).
    async fn arrived(&mut self, c: &Client, rel: &str) -> Result<()> {
        wait_js(c, "return document.readyState === 'complete'", vec![], 10).await?;
        self.current = rel.to_string();
        let page = rel.split(['#', '?']).next().unwrap_or(rel).to_string();
        if !self.visited.contains(&page) {
            self.visited.push(page);
        }
        Ok(())
    }
}

fn f(v: &Value, key: &str) -> f64 {
    v[key].as_f64().unwrap_or(f64::NAN)
}

/// The bounding boxes of a row's `.ja` and `.en` blocks, whether each is rendered, and the viewport.
const MEASURE_ROW: &str = r#"
const row = document.getElementById(arguments[0]);
if (!row) { return null; }
const box = (e) => { if (!e) { return null; } const b = e.getBoundingClientRect();
  return { top: b.top, bottom: b.bottom, left: b.left, right: b.right, width: b.width, height: b.height,
           shown: e.offsetParent !== null && getComputedStyle(e).visibility !== 'hidden' }; };
return { ja: box(row.querySelector(':scope > .ja')), en: box(row.querySelector(':scope > .en')),
         innerWidth: window.innerWidth, scrollWidth: document.documentElement.scrollWidth };
"#;

/// 1. On a wide window a provision's Japanese and English sit side by side; on a narrow one they stack.
async fn layout(c: &Client, pages: &mut Pages) -> Result<()> {
    let page = format!("{REG}/2016-01-01.html");
    let row = "art_10__para_4";
    c.set_window_size(1400, 1000).await?;
    pages.goto(c, &format!("{page}#art_10")).await?;
    let wide = js(c, MEASURE_ROW, vec![json!(row)]).await?;
    ensure!(!wide.is_null(), "{page}: no row #{row}");
    let (ja, en) = (&wide["ja"], &wide["en"]);
    ensure!(ja.is_object() && en.is_object(), "{page}#{row}: .ja or .en block missing: {wide}");
    ensure!(f(&wide, "innerWidth") >= 1200.0, "the window did not get wide: {wide}");
    for (name, b) in [("ja", ja), ("en", en)] {
        ensure!(
            b["shown"] == true && f(b, "width") > 50.0 && f(b, "height") > 5.0,
            "wide window: .{name} of #{row} not visible or empty: {b}"
        );
    }
    ensure!((f(ja, "top") - f(en, "top")).abs() <= 4.0, "wide window: .ja and .en of #{row} not on one line: {wide}");
    ensure!(f(en, "left") >= f(ja, "right") - 2.0, "wide window: .en of #{row} not right of .ja: {wide}");
    ensure!(f(en, "right") <= f(&wide, "innerWidth") + 1.0, "wide window: .en of #{row} overflows the window: {wide}");
    ensure!(f(&wide, "scrollWidth") <= f(&wide, "innerWidth") + 1.0, "wide window: the page scrolls sideways: {wide}");

    let png = c.screenshot().await?;
    ensure!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "the screenshot is not a PNG");
    std::fs::write(browser::scratch().join("kitei-site.png"), &png)?;
    std::fs::write("/tmp/kitei-site.png", &png)?;

    c.set_window_size(500, 1000).await?;
    let narrow = wait_js(
        c,
        &format!("return window.innerWidth < 600 && (function () {{ {MEASURE_ROW} }}).apply(null, arguments)"),
        vec![json!(row)],
        5,
    )
    .await
    .with_context(|| format!("the window did not get narrow ({row})"))?;
    let (ja, en) = (&narrow["ja"], &narrow["en"]);
    for (name, b) in [("ja", ja), ("en", en)] {
        ensure!(
            b["shown"] == true && f(b, "width") > 50.0 && f(b, "height") > 5.0,
            "narrow window: .{name} of #{row} not visible or empty: {b}"
        );
    }
    ensure!(f(en, "top") >= f(ja, "bottom") - 1.0, "narrow window: .en of #{row} does not stack below .ja: {narrow}");
    ensure!(
        f(&narrow, "scrollWidth") <= f(&narrow, "innerWidth") + 1.0,
        "narrow window: the page scrolls sideways: {narrow}"
    );
    c.set_window_size(1400, 1000).await?;
    wait_js(c, "return window.innerWidth >= 1200", vec![], 5).await?;
    Ok(())
}

/// Where element `id` is: its top relative to the viewport, the viewport height, `:target`, scroll offset.
const WHERE: &str = r#"
const e = document.getElementById(arguments[0]);
const t = document.querySelector(':target');
return { exists: !!e, top: e ? e.getBoundingClientRect().top : null, height: window.innerHeight,
         target: t ? t.id : null, hash: decodeURIComponent(location.hash), scrollY: window.scrollY,
         path: location.pathname, text: e ? e.textContent : null };
"#;

/// The element `id` is the `:target`, the hash names it and it is in the upper half of the viewport.
async fn landed(c: &Client, id: &str, what: &str) -> Result<Value> {
    let w = js(c, WHERE, vec![json!(id)]).await?;
    ensure!(w["exists"] == true, "{what}: no element #{id}: {w}");
    ensure!(w["hash"] == format!("#{id}"), "{what}: location.hash is not #{id}: {w}");
    ensure!(w["target"] == id, "{what}: :target is not #{id}: {w}");
    let (top, h) = (f(&w, "top"), f(&w, "height"));
    ensure!((-2.0..h / 2.0).contains(&top), "{what}: #{id} is not scrolled into view (top {top}, viewport {h}): {w}");
    Ok(w)
}

/// 2. Loading a page with a fragment scrolls to it; a table-of-contents link navigates in the page.
async fn anchors(c: &Client, pages: &mut Pages) -> Result<()> {
    pages.goto(c, "index.html").await?;
    let page = format!("{REG}/2016-01-01.html");
    pages.goto(c, &format!("{page}#art_21")).await?;
    let w = landed(c, "art_21", &format!("{page}#art_21")).await?;
    ensure!(f(&w, "scrollY") > 100.0, "{page}#art_21: the page did not scroll: {w}");

    // The last article entry of the table of contents.
    let links = c.find_all(Locator::Css("nav.toc a[href^='#art_']")).await?;
    let link = links.last().with_context(|| format!("{page}: no article links in nav.toc"))?;
    let href = link.attr("href").await?.unwrap_or_default();
    js(c, "window.scrollTo(0, 0)", vec![]).await?;
    link.click().await.with_context(|| format!("{page}: click the table of contents link {href}"))?;
    landed(c, &href[1..], &format!("{page}: table of contents link {href}")).await?;
    Ok(())
}

/// 3. A cross-reference lands on the provision it names; a "changed in" link lands on the 新旧対照表 row.
async fn xrefs(c: &Client, pages: &mut Pages) -> Result<()> {
    let page = format!("{REG}/index.html");
    pages.goto(c, &page).await?;
    let xref = c
        .find(Locator::Css(".provision:not(.k-toc):not(.k-toc_entry) a.xref[href^='#']"))
        .await
        .with_context(|| format!("{page}: no a.xref with an in-page href in a provision's text"))?;
    let href = xref.attr("href").await?.unwrap_or_default();
    let id = href.trim_start_matches('#').to_string();
    let label = xref.text().await?;
    js(c, "window.scrollTo(0, 0)", vec![]).await?;
    xref.click().await.with_context(|| format!("{page}: click a.xref {href}"))?;
    let w = landed(c, &id, &format!("{page}: cross-reference {label} → {href}")).await?;
    ensure!(f(&w, "scrollY") > 100.0, "{page}: following {label} did not scroll: {w}");

    let changed = c.find(Locator::Css("a.changed")).await.with_context(|| format!("{page}: no a.changed link"))?;
    let href = changed.attr("href").await?.unwrap_or_default();
    let (file, frag) = href.split_once('#').with_context(|| format!("{page}: a.changed {href} has no fragment"))?;
    ensure!(file.starts_with("compare-"), "{page}: a.changed {href} does not point to a compare page");
    changed.click().await.with_context(|| format!("{page}: click a.changed {href}"))?;
    pages.arrived(c, &format!("{REG}/{href}")).await?;
    let w = landed(c, frag, &format!("{page}: changed link {href}")).await?;
    ensure!(
        w["path"].as_str().is_some_and(|p| p.ends_with(file)),
        "{page}: changed link {href} did not open {file}: {w}"
    );
    Ok(())
}

/// The hrefs of the search results on the page.
const RESULTS: &str =
    "return Array.from(document.querySelectorAll('#search-results li a')).map(a => a.getAttribute('href'))";

/// Types `words` into the search box and returns the results' hrefs.
async fn search_for(c: &Client, words: &str) -> Result<Vec<String>> {
    let input = c.find(Locator::Css("#search-input")).await.context("search.html: no #search-input")?;
    input.clear().await?;
    input.send_keys(words).await?;
    let typed = js(c, "return document.getElementById('search-input').value", vec![]).await?;
    ensure!(typed == words, "search: typed {words:?} but the box holds {typed}");
    let hrefs = wait_js(c, RESULTS, vec![], 5).await.with_context(|| format!("search: no results for {words:?}"))?;
    Ok(hrefs.as_array().unwrap().iter().filter_map(|h| h.as_str().map(str::to_string)).collect())
}

/// 4. Search finds a provision by a Japanese word and by an English word; the header form leads there too.
async fn search(c: &Client, pages: &mut Pages) -> Result<()> {
    // The article captioned （監査） in the current version, and an English word of its translation.
    let current = format!("{REG}/index.html");
    pages.goto(c, &current).await?;
    let art = js(
        c,
        "const r = Array.from(document.querySelectorAll('.provision.k-article'))
           .find(r => (r.querySelector(':scope > .ja') || r).textContent.includes('（監査）'));
         return r ? r.id : null",
        vec![],
    )
    .await?;
    let art = art.as_str().with_context(|| format!("{current}: no article captioned （監査）"))?.to_string();
    let en = js(
        c,
        "return Array.from(document.querySelectorAll('[id^=\"' + arguments[0] + '\"] > .en')).map(e => e.textContent).join(' ')",
        vec![json!(art)],
    )
    .await?;
    // The article's English has a longer word than the query ("audits"): found by prefix matching only.
    let en_words: Vec<String> =
        en.as_str().unwrap_or("").split(|c: char| !c.is_ascii_alphanumeric()).map(str::to_lowercase).collect();
    ensure!(
        !en_words.iter().any(|w| w == "audit")
            && en_words.iter().any(|w| w.starts_with("audit") && w.len() > "audit".len()),
        "{current}#{art}: expected 'audits' or 'auditing' and not the word 'audit' in the translation: {en}"
    );
    let in_article = |h: &str| h.contains(&format!("#{art}__")) || h.ends_with(&format!("#{art}"));

    pages.goto(c, "search.html").await?;
    let hits = search_for(c, "監査").await?;
    let hit = hits
        .iter()
        .find(|h| in_article(h))
        .with_context(|| format!("search 監査: no result in #{art} (the article captioned 監査): {hits:?}"))?
        .clone();
    let status = js(c, "return document.getElementById('search-status').textContent", vec![]).await?;
    ensure!(
        status.as_str().is_some_and(|s| s.contains(&hits.len().to_string())),
        "search 監査: the status line does not count the {} results: {status}",
        hits.len()
    );

    let english = search_for(c, "audit").await?;
    ensure!(
        english.iter().all(|h| h.split_once('#').is_some_and(|(p, id)| p.ends_with(".html")
            && !id.is_empty()
            && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))),
        "search audit: a result does not link to a provision anchor: {english:?}"
    );
    ensure!(english.iter().any(|h| in_article(h)), "search audit (prefix of audits): no result in #{art}: {english:?}");

    // Following the Japanese hit lands on the provision, which contains the word.
    search_for(c, "監査").await?;
    let link = c.find(Locator::Css(&format!("#search-results a[href='{hit}']"))).await?;
    link.click().await.with_context(|| format!("search 監査: click the result {hit}"))?;
    pages.arrived(c, &hit).await?;
    let (file, id) = hit.split_once('#').unwrap();
    let w = landed(c, id, &format!("search result {hit}")).await?;
    ensure!(w["path"].as_str().is_some_and(|p| p.ends_with(file)), "search result {hit} opened another page: {w}");
    ensure!(
        w["text"].as_str().is_some_and(|t| t.contains("監査")),
        "search result {hit}: the provision lacks 監査: {w}"
    );

    // The search box in the header of a version page.
    let page = format!("{REG}/2016-01-01.html");
    pages.goto(c, &page).await?;
    let q = c.find(Locator::Css("#site-q")).await.with_context(|| format!("{page}: no header search box #site-q"))?;
    q.send_keys("監査").await?;
    c.find(Locator::Css("form.site-search [type=submit]")).await?.click().await?;
    wait_js(c, "return location.pathname.endsWith('/search.html')", vec![], 10)
        .await
        .with_context(|| format!("{page}: the header search did not open search.html"))?;
    pages.arrived(c, "search.html?q=監査").await?;
    let hits = wait_js(c, RESULTS, vec![], 5).await.context("header search 監査: no results on search.html")?;
    ensure!(
        hits.as_array().unwrap().iter().any(|h| h.as_str().is_some_and(in_article)),
        "header search 監査: no result in #{art}: {hits}"
    );
    let typed = js(c, "return document.getElementById('search-input').value", vec![]).await?;
    ensure!(typed == "監査", "header search: search.html did not fill the box with the query: {typed}");
    Ok(())
}

/// How many `.ja` / `.en` blocks are rendered, out of how many rows, and which toggle button is pressed.
const SHOWN: &str = r#"
const shown = (sel) => Array.from(document.querySelectorAll(sel)).filter(e => e.offsetParent !== null).length;
const p = document.querySelector('[data-lang-toggle][aria-pressed="true"]');
return { ja: shown('.provision > .ja'), en: shown('.provision > .en'),
         rows: document.querySelectorAll('.provision').length, pressed: p ? p.getAttribute('data-lang-toggle') : null };
"#;

/// 5. The language toggle shows Japanese only, English only, or both.
async fn toggle(c: &Client, pages: &mut Pages) -> Result<()> {
    let page = format!("{REG}/2016-01-01.html");
    pages.goto(c, &page).await?;
    let before = js(c, SHOWN, vec![]).await?;
    let rows = before["rows"].as_u64().unwrap_or(0);
    ensure!(rows > 50, "{page}: only {rows} provision rows: {before}");
    ensure!(before["ja"] == rows && before["en"] == rows, "{page}: both languages should show at first: {before}");
    // The toggle is shown by the script; without it the group stays hidden (CSS must not override `hidden`).
    let group = js(
        c,
        "const g = document.querySelector('.lang-toggle'); if (!g) { return null; }
         const shown = !g.hidden; g.hidden = true; const off = getComputedStyle(g).display; g.hidden = false;
         return { shown: shown, displayWhenHidden: off }",
        vec![],
    )
    .await?;
    ensure!(group["shown"] == true, "{page}: the script did not show the .lang-toggle group: {group}");
    ensure!(group["displayWhenHidden"] == "none", "{page}: .lang-toggle[hidden] is still displayed: {group}");
    for (lang, ja, en) in [("ja", rows, 0), ("en", 0, rows), ("both", rows, rows)] {
        let button = c
            .find(Locator::Css(&format!("button[data-lang-toggle='{lang}']")))
            .await
            .with_context(|| format!("{page}: no toggle button {lang}"))?;
        button.click().await.with_context(|| format!("{page}: click the {lang} toggle (is it shown?)"))?;
        let s = js(c, SHOWN, vec![]).await?;
        ensure!(
            s["ja"] == ja && s["en"] == en && s["pressed"] == lang,
            "{page}: after the {lang} toggle expected {ja} .ja and {en} .en shown, {lang} pressed: {s}"
        );
    }
    Ok(())
}

/// The comparison page between the two latest versions.
const COMPARE: &str = "compare-2016-01-01_2027-04-01.html";

/// The rows of the comparison table: id, changed or not, font size, background of the first cell, shown.
const TABLE_ROWS: &str = r#"
return Array.from(document.querySelectorAll('table.shinkyu tbody tr')).map(r => {
  const td = r.querySelector('td'); const cs = getComputedStyle(td);
  return { id: r.id, changed: r.classList.contains('changed'), size: parseFloat(cs.fontSize),
           bg: cs.backgroundColor, shown: r.getClientRects().length > 0 && getComputedStyle(r).display !== 'none' };
});
"#;

/// 7. The 新旧対照表 page: changed rows print and show at full size, the `:target` row is highlighted, and the
/// 改正後/改正前 header stays in view while the table scrolls.
async fn compare(c: &Client, pages: &mut Pages) -> Result<()> {
    let page = format!("{REG}/{COMPARE}");
    pages.goto(c, &page).await?;
    let rows = js(c, TABLE_ROWS, vec![]).await?;
    let rows = rows.as_array().context("no rows")?.clone();
    let changed: Vec<&Value> = rows.iter().filter(|r| r["changed"] == true).collect();
    let plain: Vec<&Value> = rows.iter().filter(|r| r["changed"] == false).collect();
    ensure!(!changed.is_empty() && !plain.is_empty(), "{page}: expected changed and unchanged rows: {rows:?}");
    let size = f(plain[0], "size");
    for r in &changed {
        ensure!(r["shown"] == true && (f(r, "size") - size).abs() < 0.5, "{page}: changed row not at full size: {r}");
    }

    // On paper every row is printed, the changed ones first of all.
    emulate_media(c, Some("print")).await?;
    let printed = js(c, TABLE_ROWS, vec![]).await;
    emulate_media(c, None).await?;
    let printed = printed?;
    let hidden: Vec<&Value> = printed.as_array().unwrap().iter().filter(|r| r["shown"] != true).collect();
    ensure!(hidden.is_empty(), "{page}: rows hidden in print: {hidden:?}");

    // A link to a changed row highlights it.
    let id = changed[changed.len() - 1]["id"].as_str().unwrap_or_default().to_string();
    pages.goto(c, &format!("{page}#{id}")).await?;
    landed(c, &id, &format!("{page}#{id}")).await?;
    let rows = js(c, TABLE_ROWS, vec![]).await?;
    let target = rows.as_array().unwrap().iter().find(|r| r["id"] == id.as_str()).context("target row")?.clone();
    let other = rows.as_array().unwrap().iter().find(|r| r["changed"] == true && r["id"] != id.as_str());
    if let Some(o) = other {
        ensure!(target["bg"] != o["bg"], "{page}#{id}: the target row looks like the other changed rows: {target} {o}");
    }
    ensure!(target["bg"] != "rgba(0, 0, 0, 0)", "{page}#{id}: the target row is not highlighted: {target}");

    // Scrolled half-way down the table, the header row is at the top of the window.
    let head = js(
        c,
        "const t = document.querySelector('table.shinkyu'); const b = t.getBoundingClientRect();
         window.scrollTo(0, window.scrollY + b.top + b.height / 2);
         const th = t.querySelector('thead th').getBoundingClientRect();
         return { top: th.top, text: t.querySelector('thead').textContent, tableTop: t.getBoundingClientRect().top }",
        vec![],
    )
    .await?;
    ensure!(f(&head, "tableTop") < -50.0, "{page}: the table did not scroll out of view: {head}");
    ensure!(f(&head, "top").abs() <= 2.0, "{page}: the 改正後/改正前 header is not kept at the top: {head}");
    ensure!(
        head["text"].as_str().is_some_and(|t| t.contains("改正後") && t.contains("改正前")),
        "{page}: the header does not name 改正後 and 改正前: {head}"
    );
    let png = c.screenshot().await?;
    std::fs::write("/tmp/kitei-compare.png", &png)?;
    Ok(())
}

/// Every `.html` file under `dir`, relative to `root` with `/` separators, sorted.
fn html_pages(root: &std::path::Path, dir: &std::path::Path, out: &mut Vec<String>) -> Result<()> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)?.collect::<std::io::Result<_>>()?;
    entries.sort_by_key(|e| e.path());
    for e in entries {
        let p = e.path();
        if p.is_dir() {
            html_pages(root, &p, out)?;
        } else if p.extension().is_some_and(|x| x == "html") {
            out.push(p.strip_prefix(root)?.to_string_lossy().replace('\\', "/"));
        }
    }
    Ok(())
}

#[tokio::test(flavor = "current_thread")]
async fn the_site_works_in_headless_chromium() {
    let started = Instant::now();
    site();
    let built = started.elapsed();
    let driver = Driver::start().unwrap_or_else(|e| panic!("{e:#}"));
    let c = driver.session(1400, 1000).await.unwrap_or_else(|e| panic!("{e:#}"));
    let result = run(&c).await;
    let _ = c.close().await;
    drop(driver);
    eprintln!("browser test: site built in {built:.1?}, everything in {:.1?}", started.elapsed());
    match result {
        // The scratch dir (site, browser profile, chromedriver.log) is kept when a check fails.
        Ok(()) => {
            let _ = std::fs::remove_dir_all(browser::scratch());
        }
        Err(e) => panic!("{e:#} (chromedriver log: {})", browser::scratch().join("chromedriver.log").display()),
    }
}

async fn run(c: &Client) -> Result<()> {
    c.update_timeouts(fantoccini::wd::TimeoutConfiguration::new(
        Some(Duration::from_secs(5)),
        Some(Duration::from_secs(20)),
        Some(Duration::from_secs(2)),
    ))
    .await?;
    let mut pages = Pages { current: String::new(), visited: Vec::new(), severe: Vec::new() };

    // The console log is really read: an error logged on purpose shows up as SEVERE.
    c.goto(&url("index.html")).await?;
    console(c).await?;
    js(c, "console.error('kitei-console-selftest')", vec![]).await?;
    let own = console(c).await?;
    ensure!(
        own.iter().any(|e| e.level == "SEVERE" && e.message.contains("kitei-console-selftest")),
        "the browser log does not show a console.error: {own:?}"
    );

    layout(c, &mut pages).await.context("1. side-by-side layout")?;
    anchors(c, &mut pages).await.context("2. anchors")?;
    xrefs(c, &mut pages).await.context("3. cross-references")?;
    search(c, &mut pages).await.context("4. search")?;
    toggle(c, &mut pages).await.context("5. language toggle")?;
    compare(c, &mut pages).await.context("7. comparison page")?;

    // 6. No console errors on any page visited (the index, a version page, the compare page, search),
    // nor on any other page of the site, each opened once.
    let mut all = Vec::new();
    html_pages(browser::site(), browser::site(), &mut all)?;
    ensure!(all.len() >= 8, "6. console: only {} pages in the site: {all:?}", all.len());
    for page in &all {
        if !pages.visited.contains(page) {
            pages.goto(c, page).await.context("6. console")?;
        }
    }
    pages.drain(c).await?;
    let visited: BTreeSet<&str> = pages.visited.iter().map(String::as_str).collect();
    for must in [
        "index.html".to_string(),
        format!("{REG}/index.html"),
        format!("{REG}/2016-01-01.html"),
        "search.html".to_string(),
    ] {
        ensure!(visited.contains(must.as_str()), "6. console: {must} was not visited: {visited:?}");
    }
    ensure!(visited.iter().any(|p| p.contains("/compare-")), "6. console: no compare page visited: {visited:?}");
    let mut by_page: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (page, e) in &pages.severe {
        by_page.entry(page).or_default().push(&e.message);
    }
    ensure!(by_page.is_empty(), "6. console errors: {by_page:#?}");
    Ok(())
}
