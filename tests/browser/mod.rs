//! Helpers for the browser tests: build the bundled site once, find Chromium and ChromeDriver, start
//! ChromeDriver on a free port and open a headless Chromium session through fantoccini, read the
//! browser's console log.
//!
//! Chromium needs the flags below on a machine whose network is closed (without them it waits on
//! network services at start-up).

use anyhow::{bail, Context, Result};
use fantoccini::wd::WebDriverCompatibleCommand;
use fantoccini::{Client, ClientBuilder};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// The bundled regulation, built once per test binary.
pub const REG: &str = "jlis-ninsho-jimu-kanri-kitei";

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A scratch directory for this test process (removed and re-created on first use).
pub fn scratch() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let d = std::env::temp_dir().join(format!("kitei-browser-test-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        d
    })
}

/// `regulations/` built into `<scratch>/site` with the CLI, once; or the site already built in
/// `$KITEI_BROWSER_SITE` (to run the browser checks on a site built with other templates).
pub fn site() -> &'static Path {
    static SITE: OnceLock<PathBuf> = OnceLock::new();
    SITE.get_or_init(|| {
        if let Some(dir) = std::env::var_os("KITEI_BROWSER_SITE") {
            return std::fs::canonicalize(&dir).expect("KITEI_BROWSER_SITE is a built site");
        }
        let out = scratch().join("site");
        let status = Command::new(env!("CARGO_BIN_EXE_kitei"))
            .arg("build")
            .arg(repo().join("regulations"))
            .arg("-o")
            .arg(&out)
            .arg("--quiet")
            // As of a date when the 2027 amendment is in force: its current page has in-page cross-references
            // (前条) that the 2016 text lacks.
            .args(["--as-of", "2030-01-01"])
            .status()
            .expect("run kitei build");
        assert!(status.success(), "kitei build failed: {status}");
        out
    })
}

/// The fixture regulation of `tests/data/site` (no translation, every level of grouping, 附則 of two acts).
pub const FIXTURE: &str = "soshiki-kitei";

/// `tests/data/site` built into `<scratch>/fixture` with the CLI, once.
pub fn fixture_site() -> &'static Path {
    static SITE: OnceLock<PathBuf> = OnceLock::new();
    SITE.get_or_init(|| {
        let out = scratch().join("fixture");
        let status = Command::new(env!("CARGO_BIN_EXE_kitei"))
            .arg("build")
            .arg(repo().join("tests/data/site"))
            .arg("-o")
            .arg(&out)
            .arg("--quiet")
            .args(["--as-of", "2030-01-01"])
            .status()
            .expect("run kitei build");
        assert!(status.success(), "kitei build of tests/data/site failed: {status}");
        out
    })
}

/// The `file://` URL of a page of the fixture site.
pub fn fixture_url(rel: &str) -> String {
    url_in(fixture_site(), rel)
}

/// The `file://` URL of a page of the built site (`rel` may carry `?query` and `#fragment`).
pub fn url(rel: &str) -> String {
    url_in(site(), rel)
}

/// The `file://` URL of `rel` under the site built in `root`.
pub fn url_in(root: &Path, rel: &str) -> String {
    let (path, rest) = match rel.find(['?', '#']) {
        Some(i) => (&rel[..i], &rel[i..]),
        None => (rel, ""),
    };
    let u = url::Url::from_file_path(root.join(path)).expect("absolute path");
    format!("{u}{rest}")
}

fn which(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    for name in names {
        for dir in std::env::split_paths(&path) {
            let p = dir.join(name);
            if p.is_file() {
                return Some(p);
            }
        }
    }
    None
}

/// A program from `$env_var`, else the first of `names` on PATH; a clear failure otherwise.
fn program(env_var: &str, names: &[&str], package: &str) -> PathBuf {
    if let Some(p) = std::env::var_os(env_var) {
        return PathBuf::from(p);
    }
    which(names).unwrap_or_else(|| {
        panic!(
            "the browser tests need {} (Debian package {package}) and none is on PATH. Run scripts/test, \
             which installs Chromium, ChromeDriver and a CJK font when they are missing, or set {env_var}.",
            names.join(" / ")
        )
    })
}

/// ChromeDriver, killed (with the browser it started) when dropped.
pub struct Driver {
    child: Child,
    pub port: u16,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Driver {
    pub fn start() -> Result<Driver> {
        let driver = program("KITEI_CHROMEDRIVER", &["chromedriver"], "chromium-driver");
        let port = TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
        let log = std::fs::File::create(scratch().join("chromedriver.log"))?;
        let child = Command::new(&driver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .with_context(|| format!("start {}", driver.display()))?;
        let mut d = Driver { child, port };
        let start = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            if let Some(status) = d.child.try_wait()? {
                bail!("chromedriver exited at start ({status}); see {}", scratch().join("chromedriver.log").display());
            }
            if start.elapsed() > Duration::from_secs(15) {
                bail!("chromedriver did not listen on port {port} within 15 s");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        Ok(d)
    }

    /// A new headless Chromium session (`width` × `height` window, console log at level ALL).
    pub async fn session(&self, width: u32, height: u32) -> Result<Client> {
        let chromium = program("KITEI_CHROMIUM", &["chromium", "chromium-browser", "google-chrome"], "chromium");
        let profile = scratch().join("profile");
        let caps = serde_json::json!({
            "goog:chromeOptions": {
                "binary": chromium,
                "args": [
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-quic",
                    "--no-first-run",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--disable-dev-shm-usage",
                    "--hide-scrollbars",
                    format!("--window-size={width},{height}"),
                    format!("--user-data-dir={}", profile.display()),
                ],
            },
            "goog:loggingPrefs": { "browser": "ALL" },
        });
        let serde_json::Value::Object(caps) = caps else { unreachable!() };
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        let client = ClientBuilder::new(connector)
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{}", self.port))
            .await
            .context("open a Chromium session through chromedriver")?;
        Ok(client)
    }
}

/// ChromeDriver's `POST /session/{id}/se/log {"type": "browser"}`: the console entries since the last call.
#[derive(Debug)]
struct BrowserLog;

impl WebDriverCompatibleCommand for BrowserLog {
    fn endpoint(&self, base: &url::Url, session: Option<&str>) -> Result<url::Url, url::ParseError> {
        base.join(&format!("session/{}/se/log", session.unwrap_or_default()))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(r#"{"type":"browser"}"#.to_string()))
    }
}

/// One console entry.
#[derive(Debug, Clone)]
pub struct LogEntry {
    pub level: String,
    pub message: String,
}

/// The console entries logged since the previous call (ChromeDriver empties its buffer on each read).
pub async fn console(c: &Client) -> Result<Vec<LogEntry>> {
    let v = c.issue_cmd(BrowserLog).await.context("read the browser log (POST se/log)")?;
    let entries = v.as_array().with_context(|| format!("se/log answered {v}"))?;
    Ok(entries
        .iter()
        .map(|e| LogEntry {
            level: e["level"].as_str().unwrap_or_default().to_string(),
            message: e["message"].as_str().unwrap_or_default().to_string(),
        })
        .collect())
}

/// Runs `script` (a function body; `arguments[i]` are `args`) in the page.
pub async fn js(c: &Client, script: &str, args: Vec<serde_json::Value>) -> Result<serde_json::Value> {
    c.execute(script, args).await.with_context(|| format!("execute script: {script}"))
}

/// Polls `script` until it returns something truthy (not null/false/0/""/[]), for at most `secs`.
pub async fn wait_js(c: &Client, script: &str, args: Vec<serde_json::Value>, secs: u64) -> Result<serde_json::Value> {
    let start = Instant::now();
    loop {
        let v = js(c, script, args.clone()).await?;
        let truthy = match &v {
            serde_json::Value::Null => false,
            serde_json::Value::Bool(b) => *b,
            serde_json::Value::Number(n) => n.as_f64() != Some(0.0),
            serde_json::Value::String(s) => !s.is_empty(),
            serde_json::Value::Array(a) => !a.is_empty(),
            serde_json::Value::Object(_) => true,
        };
        if truthy {
            return Ok(v);
        }
        if start.elapsed() > Duration::from_secs(secs) {
            bail!("timed out after {secs} s waiting for: {script}");
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// ChromeDriver's `POST /session/{id}/goog/cdp/execute`: one Chrome DevTools Protocol command.
#[derive(Debug)]
struct Cdp(String);

impl WebDriverCompatibleCommand for Cdp {
    fn endpoint(&self, base: &url::Url, session: Option<&str>) -> Result<url::Url, url::ParseError> {
        base.join(&format!("session/{}/goog/cdp/execute", session.unwrap_or_default()))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(self.0.clone()))
    }
}

/// Emulates the `print` media type (`Some("print")`) or turns the emulation off (`None`), through the DevTools
/// protocol, so that `@media print` rules apply to the page as they would on paper.
pub async fn emulate_media(c: &Client, media: Option<&str>) -> Result<()> {
    let body = serde_json::json!({ "cmd": "Emulation.setEmulatedMedia", "params": { "media": media.unwrap_or("") } });
    c.issue_cmd(Cdp(body.to_string())).await.context("Emulation.setEmulatedMedia")?;
    Ok(())
}

/// Prints the current page to PDF with Chromium's own `Page.printToPDF` (the page's `@page` size honoured,
/// backgrounds off, as a reader's "Save as PDF" does) and returns the PDF's bytes.
#[allow(dead_code)] // used by tests/site_index_print.rs only
pub async fn print_to_pdf(c: &Client) -> Result<Vec<u8>> {
    let body = serde_json::json!({ "cmd": "Page.printToPDF", "params": { "preferCSSPageSize": true } });
    let v = c.issue_cmd(Cdp(body.to_string())).await.context("Page.printToPDF")?;
    let data = v["data"].as_str().context("Page.printToPDF returned no data")?;
    base64_decode(data)
}

/// Standard base64 (RFC 4648, with padding), as the DevTools protocol sends binary data.
fn base64_decode(s: &str) -> Result<Vec<u8>> {
    let value = |c: u8| -> Result<u32> {
        Ok(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => bail!("not base64: {:?}", c as char),
        } as u32)
    };
    let bytes: Vec<u8> = s.bytes().filter(|b| !b.is_ascii_whitespace()).collect();
    let mut out = Vec::with_capacity(bytes.len() / 4 * 3);
    for chunk in bytes.chunks(4) {
        let pad = chunk.iter().rev().take_while(|&&b| b == b'=').count();
        let mut n = 0u32;
        for (i, &b) in chunk.iter().enumerate() {
            n |= if i < chunk.len() - pad { value(b)? } else { 0 } << (18 - 6 * i);
        }
        out.extend_from_slice(&n.to_be_bytes()[1..4 - pad]);
    }
    Ok(out)
}
