//! The site's index and print in headless Chromium, from `file://`:
//! - the index of `tests/data/index-site` (four small regulations with categories in `regulation.toml`):
//!   filter as you type (Japanese or English title, number, full-width digits alike), by category, and sort
//!   by title, number (by era and year, not by characters) and 施行日, on a phone's width too;
//! - a regulation page of `regulations/` printed to PDF by Chromium (`Page.printToPDF`): A4 portrait, the
//!   Japanese and English columns side by side on paper even after the reader chose one language, no
//!   編/章/節 heading or caption as the last line of a page; the comparison page prints on A4 landscape.
//!   The PDFs are read with poppler (`pdfinfo`, `pdftotext`) and their pages left as PNG in
//!   `/tmp/kitei-print-*.png` (`pdftoppm`) for a human to look at, as the index is in `/tmp/kitei-index.png`
//!   and `/tmp/kitei-index-phone.png`.
//!
//! Needs Chromium, ChromeDriver and poppler-utils (`scripts/test` installs them).

#[allow(dead_code)]
mod browser;

use anyhow::{ensure, Context, Result};
use browser::{emulate_media, js, print_to_pdf, scratch, url, wait_js, Driver, REG};
use fantoccini::{Client, Locator};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

/// `tests/data/index-site` built into the scratch directory.
fn index_site() -> PathBuf {
    let out = scratch().join("index-site");
    let status = Command::new(env!("CARGO_BIN_EXE_kitei"))
        .args(["build", "tests/data/index-site", "-o"])
        .arg(&out)
        .arg("--quiet")
        .current_dir(browser::repo())
        .status()
        .expect("run kitei build");
    assert!(status.success(), "kitei build of tests/data/index-site failed");
    out
}

/// The titles of the rows shown, in order, and the count line.
const SHOWN: &str = "return { titles: Array.from(document.querySelectorAll('#reg-index tbody tr'))
  .filter(r => !r.hidden && r.getClientRects().length > 0).map(r => r.dataset.title),
  count: document.querySelector('.index-count').textContent,
  none: !document.querySelector('.index-none').hidden }";

async fn shown(c: &Client) -> Result<Vec<String>> {
    let v = js(c, SHOWN, vec![]).await?;
    Ok(v["titles"].as_array().context("titles")?.iter().map(|t| t.as_str().unwrap_or("").to_string()).collect())
}

async fn type_filter(c: &Client, text: &str) -> Result<()> {
    let input = c.find(Locator::Id("index-filter")).await?;
    input.clear().await?;
    input.send_keys(text).await?;
    Ok(())
}

async fn sort_by(c: &Client, key: &str) -> Result<Vec<String>> {
    c.find(Locator::Css(&format!("th[data-sort=\"{key}\"] button"))).await?.click().await?;
    shown(c).await
}

async fn index(c: &Client, site: &Path) -> Result<()> {
    let page = url::Url::from_file_path(site.join("index.html")).unwrap().to_string();
    c.goto(&page).await?;
    wait_js(c, "return document.readyState === 'complete'", vec![], 10).await?;
    let all = shown(c).await?;
    ensure!(all.len() == 4, "index: {all:?}");
    let v = js(c, SHOWN, vec![]).await?;
    ensure!(v["count"] == "4 / 4 件" && v["none"] == false, "index: count {v}");

    // Filter as you type: Japanese title, English title (any case), number with full-width digits.
    type_filter(c, "職員").await?;
    ensure!(shown(c).await? == ["職員就業規則", "職員研修規程"], "filter 職員: {:?}", shown(c).await?);
    type_filter(c, "SECURITY").await?;
    ensure!(shown(c).await? == ["情報セキュリティ規程"], "filter SECURITY: {:?}", shown(c).await?);
    type_filter(c, "第１２号").await?;
    ensure!(shown(c).await? == ["情報セキュリティ規程"], "filter 第１２号: {:?}", shown(c).await?);
    type_filter(c, "該当なし").await?;
    let v = js(c, SHOWN, vec![]).await?;
    ensure!(v["titles"].as_array().is_some_and(|t| t.is_empty()) && v["none"] == true, "no match: {v}");
    type_filter(c, "").await?;

    // By category (from regulation.toml), combined with the filter.
    js(
        c,
        "const s = document.getElementById('index-category'); s.value = '人事'; s.dispatchEvent(new Event('change'));",
        vec![],
    )
    .await?;
    ensure!(shown(c).await? == ["職員就業規則", "職員研修規程"], "category 人事: {:?}", shown(c).await?);
    type_filter(c, "研修").await?;
    ensure!(shown(c).await? == ["職員研修規程"], "人事 + 研修: {:?}", shown(c).await?);
    type_filter(c, "").await?;
    js(
        c,
        "const s = document.getElementById('index-category'); s.value = ''; s.dispatchEvent(new Event('change'));",
        vec![],
    )
    .await?;

    // Sort: number by era and year (昭和60 < 平成9 < 平成10 < 令和元), again to reverse; 施行日; title.
    let by_number = sort_by(c, "number").await?;
    ensure!(by_number == ["会計規程", "情報セキュリティ規程", "職員就業規則", "職員研修規程"], "number: {by_number:?}");
    let reversed = sort_by(c, "number").await?;
    ensure!(reversed.iter().rev().eq(by_number.iter()), "number reversed: {reversed:?}");
    let by_date = sort_by(c, "date").await?;
    ensure!(by_date == ["情報セキュリティ規程", "職員研修規程", "職員就業規則", "会計規程"], "date: {by_date:?}");
    let by_title = sort_by(c, "title").await?;
    let mut want = by_title.clone();
    want.sort();
    ensure!(by_title.len() == 4 && by_title != by_date, "title: {by_title:?}");
    let aria =
        js(c, "return document.querySelector('th[data-sort=\"title\"]').getAttribute('aria-sort')", vec![]).await?;
    ensure!(aria == "ascending", "aria-sort on the title heading: {aria}");

    type_filter(c, "規").await?;
    std::fs::write("/tmp/kitei-index.png", c.screenshot().await?)?;
    type_filter(c, "").await?;

    // On a phone (390 px, the index as cards) the sort buttons are still on screen and work.
    c.set_window_size(390, 800).await?;
    let b = js(
        c,
        "const r = document.querySelector('th[data-sort=\"date\"] button').getBoundingClientRect();
         return { w: r.width, left: r.left, right: r.right, inner: window.innerWidth }",
        vec![],
    )
    .await?;
    let result = async {
        ensure!(b["w"].as_f64().unwrap_or(0.0) > 10.0 && b["right"].as_f64() <= b["inner"].as_f64(), "phone: {b}");
        let by_date = sort_by(c, "date").await?;
        ensure!(by_date.first().is_some_and(|t| t == "情報セキュリティ規程"), "phone, date: {by_date:?}");
        std::fs::write("/tmp/kitei-index-phone.png", c.screenshot().await?)?;
        Ok(())
    }
    .await;
    c.set_window_size(1200, 900).await?;
    result
}

fn run(program: &str, args: &[&str], file: &Path) -> Result<String> {
    let out = Command::new(program).args(args).arg(file).output().with_context(|| format!("run {program}"))?;
    ensure!(out.status.success(), "{program} failed: {}", String::from_utf8_lossy(&out.stderr));
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Prints the current page to `<scratch>/NAME.pdf`, leaves its pages as `/tmp/kitei-print-NAME-*.png`, and
/// returns pdfinfo's page size line and the text of each page (pdftotext -layout).
async fn print(c: &Client, name: &str) -> Result<(String, Vec<String>)> {
    let pdf = scratch().join(format!("{name}.pdf"));
    std::fs::write(&pdf, print_to_pdf(c).await?)?;
    let info = run("pdfinfo", &[], &pdf)?;
    let size = info.lines().find(|l| l.starts_with("Page size:")).context("page size")?.to_string();
    let out = Command::new("pdftotext").arg("-layout").arg(&pdf).arg("-").output()?;
    let pages = String::from_utf8_lossy(&out.stdout)
        .split('\u{c}')
        .map(str::to_string)
        .filter(|p| !p.trim().is_empty())
        .collect();
    let prefix = format!("/tmp/kitei-print-{name}");
    let _ = Command::new("pdftoppm").args(["-png", "-r", "60"]).arg(&pdf).arg(&prefix).status();
    Ok((size, pages))
}

/// pdfinfo's `Page size:       594.96 x 841.92 pts (A4)` is `w` × `h` points, within 2 points.
fn is_size(line: &str, w: f64, h: f64) -> bool {
    let nums: Vec<f64> = line.split_whitespace().filter_map(|t| t.parse().ok()).collect();
    nums.len() >= 2 && (nums[0] - w).abs() < 2.0 && (nums[1] - h).abs() < 2.0
}

/// A line that is a heading of a group (第N章, 第N節…) or an article's caption （…）, in the Japanese column.
fn is_heading(line: &str) -> bool {
    let t = line.trim_start();
    let ja: String = t.split("  ").next().unwrap_or("").trim().to_string();
    let group = ja.starts_with('第') && ja.chars().take(8).any(|c| "編章節款目".contains(c)) && !ja.contains('条');
    let caption = ja.starts_with('（') && ja.ends_with('）');
    group || caption
}

async fn printing(c: &Client) -> Result<()> {
    // The reader chose Japanese only: paper still shows both languages side by side.
    c.goto(&url(&format!("{REG}/index.html"))).await?;
    wait_js(c, "return document.readyState === 'complete'", vec![], 10).await?;
    js(c, "document.documentElement.dataset.lang = 'ja'", vec![]).await?;
    emulate_media(c, Some("print")).await?;
    let cols: Value = js(
        c,
        "const p = document.querySelector('.provision.k-article'); const ja = p.querySelector(':scope > .ja').getBoundingClientRect();
         const en = p.querySelector(':scope > .en').getBoundingClientRect();
         return { jaRight: ja.right, enLeft: en.left, enWidth: en.width, jaTop: ja.top, enTop: en.top }",
        vec![],
    )
    .await?;
    emulate_media(c, None).await?;
    ensure!(cols["enWidth"].as_f64().unwrap_or(0.0) > 100.0, "print: English column hidden: {cols}");
    ensure!(
        cols["enLeft"].as_f64() >= cols["jaRight"].as_f64() && cols["jaTop"] == cols["enTop"],
        "print: not side by side: {cols}"
    );

    let (size, pages) = print(c, "regulation").await?;
    ensure!(is_size(&size, 595.3, 841.9), "regulation PDF not A4 portrait: {size}");
    ensure!(pages.len() >= 2, "regulation PDF: {} pages", pages.len());
    // Both columns on paper: lines holding Japanese on the left and English on the right.
    let both = pages.iter().flat_map(|p| p.lines()).filter(|l| l.contains('第') && l.contains("Article")).count();
    ensure!(both >= 5, "regulation PDF: {both} lines with both languages");
    // No heading as the last line of a page.
    for (i, p) in pages.iter().enumerate().take(pages.len() - 1) {
        let last = p.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or("");
        ensure!(!is_heading(last), "regulation PDF page {}: ends with a heading: {last:?}", i + 1);
    }

    c.goto(&url(&format!("{REG}/compare-2016-01-01_2027-04-01.html"))).await?;
    wait_js(c, "return document.readyState === 'complete'", vec![], 10).await?;
    let (size, pages) = print(c, "compare").await?;
    ensure!(is_size(&size, 841.9, 595.3), "compare PDF not A4 landscape: {size}");
    ensure!(pages.iter().any(|p| p.contains("改正後") && p.contains("改正前")), "compare PDF: no header row");
    Ok(())
}

#[tokio::test(flavor = "current_thread")]
async fn the_index_filters_and_sorts_and_pages_print_on_a4() {
    let index_dir = index_site();
    browser::site();
    let driver = Driver::start().unwrap_or_else(|e| panic!("{e:#}"));
    let c = driver.session(1200, 900).await.unwrap_or_else(|e| panic!("{e:#}"));
    let result = async {
        index(&c, &index_dir).await.context("index")?;
        printing(&c).await.context("print")
    }
    .await;
    let _ = c.close().await;
    drop(driver);
    match result {
        // The scratch dir (sites, PDFs, chromedriver.log) is kept when a check fails.
        Ok(()) => {
            let _ = std::fs::remove_dir_all(scratch());
        }
        Err(e) => panic!("{e:#} (chromedriver log: {})", scratch().join("chromedriver.log").display()),
    }
}

#[test]
fn page_sizes_are_read_from_pdfinfo() {
    assert!(is_size("Page size:       594.96 x 841.92 pts (A4)", 595.3, 841.9));
    assert!(!is_size("Page size:       841.92 x 594.96 pts (A4)", 595.3, 841.9));
    assert!(!is_size("Page size:       612 x 792 pts (letter)", 595.3, 841.9));
}

#[test]
fn headings_are_recognised_in_pdf_text() {
    assert!(is_heading("   第4章 安全管理                Chapter IV Security"));
    assert!(is_heading("（目的）        (Purpose)"));
    assert!(!is_heading("第1条 この規程は、                Article 1 This"));
}
