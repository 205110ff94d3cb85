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
use browser::{console, emulate_media, fixture_url, js, site, url, wait_js, Driver, LogEntry, FIXTURE, REG};
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

    /// Opens `rel` of the fixture site (`tests/data/site`).
    async fn goto_fixture(&mut self, c: &Client, rel: &str) -> Result<()> {
        self.drain(c).await?;
        c.goto(&fixture_url(rel)).await.with_context(|| format!("open fixture {rel}"))?;
        wait_js(c, "return document.readyState === 'complete'", vec![], 10).await?;
        self.current = format!("fixture:{rel}");
        Ok(())
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

/// The rows of the comparison table (one `tbody` per unit, one `tr` per 項 or 号 in it): id, changed or not,
/// font size, background of the first cell, shown, and per part the tops of the first line on each side.
const TABLE_ROWS: &str = r#"
return Array.from(document.querySelectorAll('table.shinkyu tbody')).map(r => {
  const td = r.querySelector('td'); const cs = getComputedStyle(td);
  const tops = Array.from(r.querySelectorAll('tr')).map(tr => Array.from(tr.querySelectorAll('td'))
    .map(d => { const p = d.querySelector('p'); return p ? Math.round(p.getBoundingClientRect().top) : null; }));
  return { id: r.id, changed: r.classList.contains('changed'), size: parseFloat(cs.fontSize), tops,
           bg: cs.backgroundColor, shown: r.getClientRects().length > 0 && getComputedStyle(r).display !== 'none' };
});
"#;

/// Check 7: The 新旧対照表 page: changed rows print and show at full size, the `:target` row is highlighted, and the
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
    // Only the changed units and the headings placing them: unchanged rows are group headings, one part each.
    for r in &plain {
        ensure!(r["id"].as_str().is_some_and(|i| !i.starts_with("art_")), "{page}: unchanged article shown: {r}");
    }
    // Inside a changed article the two columns start each 項 and 号 at the same height.
    let split = changed.iter().filter(|r| r["tops"].as_array().is_some_and(|t| t.len() > 2)).count();
    ensure!(split > 0, "{page}: no changed unit is laid out 項 by 項: {changed:?}");
    for r in &changed {
        for part in r["tops"].as_array().into_iter().flatten() {
            ensure!(part[0] == part[1] || part[0].is_null() || part[1].is_null(), "{page}: columns misaligned: {r}");
        }
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

/// Each line of the `.ja` paragraph of row `id`: its top and left, and the row's heading (its visible text).
const LINES: &str = r#"
const lines = (p) => { if (!p) { return []; } const r = document.createRange(); r.selectNodeContents(p);
  const by = {}; for (const x of r.getClientRects()) { if (x.width < 1) { continue; } const t = Math.round(x.top);
    const k = Object.keys(by).find(k => Math.abs(k - t) < 6); const key = k === undefined ? t : k;
    by[key] = Math.min(by[key] === undefined ? 1e9 : by[key], x.left); }
  return Object.keys(by).map(Number).sort((a, b) => a - b).map(t => ({ top: t, left: by[t] })); };
const out = {};
for (const id of arguments[0]) {
  const row = document.getElementById(id); if (!row) { out[id] = null; continue; }
  const p = row.querySelector(':scope > .ja > p'); const h = row.querySelector(':scope > .ja > :is(h2,h3,h4,h5,h6)');
  const hb = h ? h.getBoundingClientRect() : null; const tn = h ? document.createRange() : null;
  if (tn) { tn.selectNodeContents(h); }
  const vis = tn ? Array.from(tn.getClientRects()).filter(x => x.width > 1) : [];
  out[id] = { lines: lines(p), text: p ? p.innerText : null, em: parseFloat(getComputedStyle(row).fontSize),
    heading: h ? { text: Array.from(h.childNodes).filter(c => c.nodeType !== 1 || c.getBoundingClientRect().width > 1).map(c => c.textContent).join(''), bottom: hb.bottom, size: parseFloat(getComputedStyle(h).fontSize),
                   left: vis.length ? Math.min(...vis.map(x => x.left)) : null } : null };
}
return out;
"#;

/// Check 8: Provisions as e-Gov prints them: the caption above the article, the number inline with its first 項,
/// hanging indents stepping in by 項, 号 and イ, and 編/章/節/款/目 headings graded in size and stepped in.
async fn article_layout(c: &Client, pages: &mut Pages) -> Result<()> {
    pages.goto_fixture(c, &format!("{FIXTURE}/index.html")).await?;
    let ids = [
        "art_1",
        "art_1__para_1",
        "art_1__para_2",
        "art_2__para_1",
        "art_2__para_1__item_1",
        "art_2__para_1__item_2__subitem1_1",
        "part_1",
        "part_1__chp_1",
        "part_1__chp_1__sec_1",
        "part_1__chp_1__sec_1__subsec_1",
        "part_1__chp_1__sec_1__subsec_1__div_1",
    ];
    let m = js(c, LINES, vec![json!(ids)]).await?;
    let page = format!("fixture {FIXTURE}/index.html");
    for id in ids {
        ensure!(!m[id].is_null(), "{page}: no row #{id}");
    }
    let em = f(&m["art_1"], "em");
    // The caption stands above; the number starts the first 項's first line, on the same line as its text.
    let cap = &m["art_1"]["heading"];
    ensure!(
        cap["text"].as_str().is_some_and(|t| t.trim() == "（目的）"),
        "{page}: art_1's heading shows more than the caption: {cap}"
    );
    let p1 = &m["art_1__para_1"];
    ensure!(
        p1["text"].as_str().is_some_and(|t| t.starts_with("第一条") && t.contains("この規程は")),
        "{page}: art_1's first 項 does not start with 第一条: {p1}"
    );
    ensure!(f(cap, "bottom") <= f(&p1["lines"][0], "top") + 1.0, "{page}: the caption is not above the article: {m}");
    // Hanging indents: the lines after the first align one character in; 号 and イ step in further.
    let first = |id: &str| f(&m[id]["lines"][0], "left");
    let second = |id: &str| f(&m[id]["lines"][1], "left");
    for id in ["art_1__para_1", "art_1__para_2", "art_2__para_1__item_1", "art_2__para_1__item_2__subitem1_1"] {
        let n = m[id]["lines"].as_array().map_or(0, Vec::len);
        ensure!(n >= 2, "{page}: #{id} is not long enough to wrap on a 1400 px window: {}", m[id]);
        ensure!(second(id) - first(id) >= 0.8 * em, "{page}: #{id} has no hanging indent: {}", m[id]);
    }
    ensure!(
        (first("art_1__para_2") - first("art_1__para_1")).abs() < 2.0,
        "{page}: 項 2 does not start where 項 1 does: {m}"
    );
    ensure!(
        first("art_2__para_1__item_1") - first("art_2__para_1") >= 0.8 * em,
        "{page}: the 号 is not stepped in: {m}"
    );
    ensure!(
        first("art_2__para_1__item_2__subitem1_1") - first("art_2__para_1__item_1") >= 0.8 * em,
        "{page}: the イ is not stepped in: {m}"
    );
    // 編 > 章 > 節 > 款 > 目 > 条: each smaller (or equal for 目 and 条) and further in than the one above.
    let levels = [
        "part_1",
        "part_1__chp_1",
        "part_1__chp_1__sec_1",
        "part_1__chp_1__sec_1__subsec_1",
        "part_1__chp_1__sec_1__subsec_1__div_1",
    ];
    for w in levels.windows(2) {
        let (a, b) = (&m[w[0]]["heading"], &m[w[1]]["heading"]);
        ensure!(f(a, "size") > f(b, "size"), "{page}: heading #{} is not larger than #{}: {a} {b}", w[0], w[1]);
        ensure!(
            f(b, "left") - f(a, "left") >= 0.8 * em,
            "{page}: heading #{} is not stepped in from #{}: {a} {b}",
            w[1],
            w[0]
        );
    }
    let div = &m[levels[4]]["heading"];
    ensure!(
        f(div, "size") > f(cap, "size") || f(div, "left") > f(cap, "left") + em,
        "{page}: the 目 looks like an article: {div} {cap}"
    );
    Ok(())
}

/// English text outside any `lang="en"` element: text nodes with two English words in a row whose nearest
/// `lang` is not `en` (scripts, styles and the kitei brand aside).
const UNMARKED_ENGLISH: &str = r#"
const out = []; const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
while (w.nextNode()) { const n = w.currentNode; const e = n.parentElement;
  if (!e || e.closest('script, style') || !/[A-Za-z]{3,}[\s:,.()]+[A-Za-z]{3,}/.test(n.textContent)) { continue; }
  const l = e.closest('[lang]'); if (!l || !l.lang.startsWith('en')) { out.push(n.textContent.trim().slice(0, 80)); } }
return out;
"#;

/// Check 9: Languages: an untranslated regulation is one column with no English placeholders (body or contents);
/// the toggle also switches the contents; change marks read in English on the English side; every English
/// text is marked `lang="en"`.
async fn languages(c: &Client, pages: &mut Pages) -> Result<()> {
    pages.goto_fixture(c, &format!("{FIXTURE}/index.html")).await?;
    let page = format!("fixture {FIXTURE}/index.html");
    let m = js(
        c,
        "const rows = document.querySelectorAll('.provision'); const main = document.querySelector('main');
         return { rows: rows.length, en: document.querySelectorAll('.provision > .en').length,
           placeholder: main.innerText.includes('no translation'),
           tocEn: document.querySelectorAll('nav.toc .toc-en').length,
           toggle: !!document.querySelector('.lang-toggle:not([hidden])'),
           jaWidth: document.querySelector('#art_1__para_1 > .ja').getBoundingClientRect().width,
           rowWidth: document.getElementById('art_1__para_1').getBoundingClientRect().width }",
        vec![],
    )
    .await?;
    ensure!(m["rows"].as_u64().unwrap_or(0) > 10, "{page}: too few rows: {m}");
    ensure!(m["en"] == 0 && m["placeholder"] == false, "{page}: English placeholders in an untranslated page: {m}");
    ensure!(m["tocEn"] == 0, "{page}: English placeholder lines in the contents: {m}");
    ensure!(m["toggle"] == false, "{page}: a language toggle on an untranslated page: {m}");
    ensure!(f(&m, "jaWidth") > 0.8 * f(&m, "rowWidth"), "{page}: the Japanese does not take the row: {m}");
    let unmarked = js(c, UNMARKED_ENGLISH, vec![]).await?;
    ensure!(unmarked.as_array().is_some_and(Vec::is_empty), "{page}: English without lang=\"en\": {unmarked}");

    let page = format!("{REG}/index.html");
    pages.goto(c, &page).await?;
    let unmarked = js(c, UNMARKED_ENGLISH, vec![]).await?;
    ensure!(unmarked.as_array().is_some_and(Vec::is_empty), "{page}: English without lang=\"en\": {unmarked}");
    let marks = js(
        c,
        "return Array.from(document.querySelectorAll('.provision > .en a.changed')).map(a => a.textContent)",
        vec![],
    )
    .await?;
    let marks: Vec<&str> = marks.as_array().map(|a| a.iter().filter_map(Value::as_str).collect()).unwrap_or_default();
    ensure!(!marks.is_empty(), "{page}: no change marks on the English side");
    ensure!(
        marks.iter().all(|t| ["amended", "added", "renumbered", "deleted"].iter().any(|w| t.starts_with(w))),
        "{page}: English change marks not in English: {marks:?}"
    );
    const TOC: &str = "const shown = (s) => Array.from(document.querySelectorAll(s)).filter(e => e.offsetParent !== null).length;
        return { ja: shown('nav.toc a:has(.toc-en) > .toc-ja'), en: shown('nav.toc .toc-en'), all: document.querySelectorAll('nav.toc .toc-en').length }";
    for (lang, ja, en) in [("en", false, true), ("ja", true, false), ("both", true, true)] {
        c.find(Locator::Css(&format!("button[data-lang-toggle='{lang}']"))).await?.click().await?;
        let t = js(c, TOC, vec![]).await?;
        ensure!(f(&t, "all") > 10.0, "{page}: too few English contents entries: {t}");
        ensure!(
            (f(&t, "ja") > 0.0) == ja && (f(&t, "en") > 0.0) == en,
            "{page}: contents after the {lang} toggle: {t}"
        );
    }
    Ok(())
}

/// The search results on the page: citation, regulation, marked words, snippets, and the status line.
const HITS: &str = r#"
return { status: document.getElementById('search-status').textContent,
  hits: Array.from(document.querySelectorAll('#search-results li')).map(li => ({
    cite: li.querySelector('a').textContent, href: li.querySelector('a').getAttribute('href'),
    reg: (li.querySelector('.reg') || {}).textContent || '',
    marks: Array.from(li.querySelectorAll('mark')).map(m => m.textContent),
    snippet: (li.querySelector('.snippet[lang=ja]') || {}).textContent || '' })) };
"#;

/// Opens the fixture's search page with `q` and returns [`HITS`] once results show.
async fn fixture_search(c: &Client, pages: &mut Pages, q: &str, max: Option<u32>) -> Result<Value> {
    pages.goto_fixture(c, "search.html").await?;
    if let Some(m) = max {
        js(c, "window.KITEI_SEARCH_MAX = arguments[0]", vec![json!(m)]).await?;
    }
    let input = c.find(Locator::Css("#search-input")).await?;
    input.send_keys(q).await?;
    wait_js(c, RESULTS, vec![], 5).await.with_context(|| format!("fixture search {q}: no results"))?;
    js(c, HITS, vec![]).await
}

/// Check 10: Search results cite the provision (第一条第二項), name the regulation, mark the words found, show
/// where a snippet was cut, count "1 result" in the singular, and say when the list is capped.
async fn search_results(c: &Client, pages: &mut Pages) -> Result<()> {
    let r = fixture_search(c, pages, "理事会", None).await?;
    let hits = r["hits"].as_array().context("hits")?;
    ensure!(hits.len() == 1, "search 理事会: expected one result: {r}");
    let status = r["status"].as_str().unwrap_or_default();
    ensure!(status.contains("1 result") && !status.contains("results"), "search 理事会: status {status:?}");
    let h = &hits[0];
    ensure!(h["cite"] == "第一条第二項", "search 理事会: the result is not cited 第一条第二項: {h}");
    ensure!(h["href"].as_str().is_some_and(|u| u.ends_with("#art_1__para_2")), "search 理事会: wrong link: {h}");
    ensure!(
        h["reg"].as_str().is_some_and(|t| t.contains("組織規程")),
        "search 理事会: the regulation is not named: {h}"
    );
    ensure!(
        h["marks"].as_array().is_some_and(|m| m.iter().any(|x| x == "理事会")),
        "search 理事会: the hit is not marked: {h}"
    );
    ensure!(
        h["snippet"].as_str().is_some_and(|t| t.starts_with('…') && t.contains("理事会")),
        "search 理事会: the cut snippet does not start with …: {h}"
    );

    let r = fixture_search(c, pages, "統括", None).await?;
    ensure!(r["hits"][0]["cite"] == "第二条第一号", "search 統括: not cited 第二条第一号: {r}");

    let r = fixture_search(c, pages, "規程", Some(1)).await?;
    let status = r["status"].as_str().unwrap_or_default();
    ensure!(r["hits"].as_array().map_or(0, Vec::len) == 1, "search 規程 capped at 1: {r}");
    ensure!(
        status.contains("showing the first 1 of"),
        "search 規程 capped at 1: the status does not say so: {status:?}"
    );
    Ok(())
}

/// Check 11: The checklist page: the site's frame, the version and its 施行日, each entry linked to its provision,
/// one box glyph, and the same column widths in every table.
async fn checklist(c: &Client, pages: &mut Pages) -> Result<()> {
    let page = format!("{REG}/checklist.html");
    pages.goto(c, &page).await?;
    let m = js(
        c,
        "const rows = Array.from(document.querySelectorAll('table.checklist tbody tr[id]'));
         const tables = Array.from(document.querySelectorAll('table.checklist'));
         const cols = (t) => Array.from(t.querySelectorAll('thead th')).map(th => Math.round(th.getBoundingClientRect().width));
         return { header: !!document.querySelector('header.site-header form.site-search'), main: !!document.querySelector('main#main'),
           text: document.querySelector('main').innerText, rows: rows.length,
           unlinked: rows.filter(r => !r.querySelector('a[href=\"index.html#' + r.id + '\"]')).map(r => r.id),
           tables: tables.length, widths: tables.map(cols),
           viewport: !!document.querySelector('meta[name=viewport]') }",
        vec![],
    )
    .await?;
    ensure!(m["header"] == true && m["main"] == true, "{page}: not in the site's frame: {}", m["header"]);
    let text = m["text"].as_str().unwrap_or_default();
    ensure!(
        text.contains("2027-04-01") && text.contains("施行日"),
        "{page}: no version or 施行日: {}",
        &text[..text.len().min(400)]
    );
    ensure!(!text.contains('□') && !text.contains('☑'), "{page}: more than one box glyph");
    ensure!(
        m["rows"].as_u64().unwrap_or(0) > 5 && m["unlinked"].as_array().is_some_and(Vec::is_empty),
        "{page}: entries not linked to their provision: {}",
        m["unlinked"]
    );
    let widths = m["widths"].as_array().context("widths")?;
    ensure!(widths.len() >= 2, "{page}: expected several tables: {}", m["tables"]);
    ensure!(widths.iter().all(|w| w == &widths[0]), "{page}: column widths differ between tables: {widths:?}");
    Ok(())
}

/// Check 12: Small things: no empty links in the index, the regulation's name in the compare page's title, the
/// current position marked in the contents, no permalink in the tab order, lines of at most about 40 characters.
async fn small_things(c: &Client, pages: &mut Pages) -> Result<()> {
    pages.goto_fixture(c, "index.html").await?;
    let empty = js(
        c,
        "return Array.from(document.querySelectorAll('a')).filter(a => !a.textContent.trim()).map(a => a.outerHTML)",
        vec![],
    )
    .await?;
    ensure!(empty.as_array().is_some_and(Vec::is_empty), "fixture index.html: empty links: {empty}");

    pages.goto(c, &format!("{REG}/{COMPARE}")).await?;
    let title = js(c, "return document.title", vec![]).await?;
    ensure!(
        title.as_str().is_some_and(|t| t.contains("地方公共団体情報システム機構認証事務管理規程")),
        "{COMPARE}: title without the regulation's name: {title}"
    );

    let page = format!("{REG}/index.html");
    pages.goto(c, &format!("{page}#art_10")).await?;
    const CURRENT: &str = "return Array.from(document.querySelectorAll('nav.toc a[aria-current=location]')).map(a => a.getAttribute('href'))";
    let cur = wait_js(c, CURRENT, vec![], 3)
        .await
        .with_context(|| format!("{page}#art_10: no contents entry marked current"))?;
    ensure!(cur == json!(["#art_10"]), "{page}#art_10: marked current: {cur}");
    js(c, "document.getElementById('art_21').scrollIntoView()", vec![]).await?;
    let cur = wait_js(c, &format!("{} .filter(h => h === '#art_21')", CURRENT.trim_end_matches(';')), vec![], 3).await;
    ensure!(cur.is_ok(), "{page}: scrolled to art_21, the contents do not mark it: {}", js(c, CURRENT, vec![]).await?);

    let tabbable = js(
        c,
        "return Array.from(document.querySelectorAll('a.permalink')).filter(a => a.tabIndex >= 0).length",
        vec![],
    )
    .await?;
    ensure!(tabbable == 0, "{page}: {tabbable} permalinks in the tab order");
    c.find(Locator::Css("button[data-lang-toggle='ja']")).await?.click().await?;
    let w = js(c, "const e = document.querySelector('#art_1__para_1 > .ja'); return e.getBoundingClientRect().width / parseFloat(getComputedStyle(e).fontSize)", vec![]).await?;
    c.find(Locator::Css("button[data-lang-toggle='both']")).await?.click().await?;
    ensure!(w.as_f64().is_some_and(|w| w <= 41.0), "{page}: Japanese-only lines are {w} em wide");
    Ok(())
}

/// Check 13: A phone (390 px): the index's title takes the width, the contents come first and fold, the checklist
/// fits.
async fn mobile(c: &Client, pages: &mut Pages) -> Result<()> {
    c.set_window_size(390, 844).await?;
    let result = async {
        pages.goto(c, "index.html").await?;
        let m = js(c, "const td = document.querySelector('table.reg-index tbody td'); return { w: td.getBoundingClientRect().width, inner: window.innerWidth, scroll: document.documentElement.scrollWidth }", vec![]).await?;
        ensure!(f(&m, "inner") < 500.0, "the window did not get narrow: {m}");
        ensure!(f(&m, "w") >= 0.7 * f(&m, "inner"), "index.html on a phone: the title column is {m}");
        ensure!(f(&m, "scroll") <= f(&m, "inner") + 1.0, "index.html on a phone scrolls sideways: {m}");

        let page = format!("{REG}/index.html");
        pages.goto(c, &page).await?;
        let m = js(c, "const d = document.querySelector('nav.toc details'); return { toc: document.querySelector('nav.toc').getBoundingClientRect().top, main: document.querySelector('main').getBoundingClientRect().top, open: d ? d.open : null }", vec![]).await?;
        ensure!(f(&m, "toc") < f(&m, "main"), "{page} on a phone: the contents are not at the top: {m}");
        ensure!(m["open"] == false, "{page} on a phone: the contents are not folded: {m}");
        c.find(Locator::Css("nav.toc summary")).await?.click().await?;
        let open = js(c, "return document.querySelector('nav.toc details').open", vec![]).await?;
        ensure!(open == true, "{page} on a phone: the contents do not unfold");

        let page = format!("{REG}/checklist.html");
        pages.goto(c, &page).await?;
        let m = js(c, "return { viewport: !!document.querySelector('meta[name=viewport]'), inner: window.innerWidth, scroll: document.documentElement.scrollWidth }", vec![]).await?;
        ensure!(m["viewport"] == true, "{page}: no viewport");
        ensure!(f(&m, "scroll") <= f(&m, "inner") + 1.0, "{page} on a phone scrolls sideways: {m}");
        let png = c.screenshot().await?;
        std::fs::write("/tmp/kitei-mobile-checklist.png", &png)?;
        Ok(())
    }
    .await;
    c.set_window_size(1400, 1000).await?;
    result
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
    article_layout(c, &mut pages).await.context("8. article layout")?;
    languages(c, &mut pages).await.context("9. languages")?;
    search_results(c, &mut pages).await.context("10. search results")?;
    checklist(c, &mut pages).await.context("11. checklist page")?;
    small_things(c, &mut pages).await.context("12. small things")?;
    mobile(c, &mut pages).await.context("13. mobile")?;

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
