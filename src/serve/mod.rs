//! `kitei serve`: a local HTTP server for live drafting. It serves the site of a regulations folder (as
//! `kitei build` makes it, rebuilt when a file changes) and a drafting workspace per regulation: an editor
//! beside live panes (新旧対照表, 改め文 with its self-check, the impact list, lint) computed by [`panes`]
//! through the library's public API, each under a deadline (`jobs`), saving a draft as a new version file
//! ([`workspace`]). [`serve_until`] stops on a signal the caller chooses (the CLI: Ctrl-C, SIGTERM) once no
//! site build is half-written, so that the caller can remove the site folder.
//!
//! Safety ([`guard`]): it answers only requests whose `Host` (and `Origin`, when sent) name the server
//! itself (DNS rebinding), reads and writes only inside the folder (no traversal in any spelling, no
//! symlink out), escapes what it echoes, and bounds what a client can make it do: body size, header and
//! connection time, open connections, concurrent pane computations.
//!
//! Behind the cargo feature `serve` (default on), so that the library builds without tokio.

pub mod guard;
mod http;
mod jobs;
mod page;
pub mod panes;
pub mod workspace;

use crate::error::{Error, Result};
use crate::model::Document;
use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// The largest request body accepted (a draft of 会社法 is about 1.5 MB).
pub const MAX_BODY: usize = 8 * 1024 * 1024;
/// Open connections at most; further clients wait in the listen queue.
pub const MAX_CONNECTIONS: usize = 256;

/// What to serve.
#[derive(Debug, Clone)]
pub struct Config {
    /// The regulations folder (one folder per regulation).
    pub dir: PathBuf,
    /// Where the site is built (outside `dir`; replaced on each rebuild).
    pub site_dir: PathBuf,
    /// The as-of date of the site (`YYYY-MM-DD`), as `kitei build --as-of`.
    pub as_of: Option<String>,
    /// How often the folder is checked for changes.
    pub poll: Duration,
    /// How long a pane may take (from the request) before it says "timed out" instead.
    pub pane_timeout: Duration,
    /// The peer limit of the site's build and of the impact pane (`None`: [`crate::render::PEER_LIMIT`]):
    /// above it, the other regulations are not loaded to list those citing the one compared.
    pub peer_limit: Option<usize>,
}

/// Parsed base versions: (slug, file) → (the file's modification time when parsed, the document).
type BaseCache = BTreeMap<(String, String), (Option<std::time::SystemTime>, Arc<Document>)>;

/// The server's shared state.
pub(crate) struct State {
    pub cfg: Config,
    pub hosts: guard::Hosts,
    /// The shared draft of each regulation (slug → draft).
    pub drafts: Mutex<BTreeMap<String, workspace::Draft>>,
    /// Parsed base versions: (slug, file, modification time) → document.
    pub bases: Mutex<BaseCache>,
    /// The last site build: `Ok(builds so far)` or the error of the last attempt.
    pub site: Mutex<std::result::Result<u64, String>>,
    /// Pane computations running at once at most (each is CPU-bound).
    pub compute: Arc<tokio::sync::Semaphore>,
    /// The draft each regulation's last update parsed, for its lint report.
    pub prepared: jobs::Kept,
    /// Held while the site is being built.
    pub building: Mutex<()>,
    /// Set on shutdown: no build starts after it, and one in progress stops after the regulations it is
    /// rendering (`BuildOptions::cancel`).
    pub stop: Arc<AtomicBool>,
}

/// Serves `cfg` on `listener` until the process ends. The site is built first, then rebuilt in a
/// background thread whenever the folder's files change.
pub async fn serve(listener: tokio::net::TcpListener, cfg: Config) -> Result<()> {
    serve_until(listener, cfg, std::future::pending()).await
}

/// As [`serve`], until `shutdown` completes: then no site build starts any more, one in progress is
/// cancelled and waited for (it stops after the regulations it is rendering, writing nothing more), and it
/// returns, so that the caller can remove `cfg.site_dir` with nothing still writing there.
pub async fn serve_until(
    listener: tokio::net::TcpListener,
    cfg: Config,
    shutdown: impl std::future::Future<Output = ()>,
) -> Result<()> {
    let addr: SocketAddr = listener.local_addr().map_err(|e| Error::Other(format!("listener: {e}")))?;
    if !cfg.dir.is_dir() {
        return Err(Error::Other(format!("{}: no such regulations folder", cfg.dir.display())));
    }
    let state = Arc::new(State::new(cfg, addr));
    let watcher = state.clone();
    std::thread::spawn(move || watch(&watcher));
    tokio::select! {
        served = http::accept_loop(listener, state.clone()) => served,
        () = shutdown => {
            state.stop.store(true, Ordering::SeqCst);
            state.compute.close();
            let st = state.clone();
            // No time limit: a build given up on would go on writing into the folder the caller removes.
            let _ = tokio::task::spawn_blocking(move || drop(st.building.lock())).await;
            Ok(())
        }
    }
}

/// Builds the site, then rebuilds it whenever the folder's fingerprint changes.
fn watch(state: &State) {
    let mut last = None;
    loop {
        let now = workspace::fingerprint(&state.cfg.dir);
        if last != Some(now) {
            last = Some(now);
            let _building = state.building.lock().unwrap_or_else(|p| p.into_inner());
            if state.stop.load(Ordering::SeqCst) {
                return;
            }
            let result = build_site(state);
            let mut site = state.site.lock().unwrap_or_else(|p| p.into_inner());
            *site = match (result, &*site) {
                (Ok(()), Ok(n)) => Ok(n + 1),
                (Ok(()), Err(_)) => Ok(1),
                (Err(e), _) => Err(e.to_string()),
            };
        }
        std::thread::sleep(state.cfg.poll);
    }
}

/// Builds the site of `state.cfg`, cancelled when the server stops.
fn build_site(state: &State) -> Result<()> {
    let cfg = &state.cfg;
    let options = crate::render::BuildOptions {
        out: cfg.site_dir.clone(),
        templates: None,
        strict: false,
        fail_fast: false,
        peer_limit: cfg.peer_limit,
        cancel: Some(state.stop.clone()),
        ..Default::default()
    };
    let site = crate::render::SiteOptions { as_of: cfg.as_of.clone() };
    crate::render::build_site_as_of(&cfg.dir, &options, &site, &mut |_, _, _| {}).map(|_| ())
}

impl State {
    /// The state of a server of `cfg` listening on `addr`, before its first site build.
    fn new(cfg: Config, addr: SocketAddr) -> State {
        let workers = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2).clamp(1, 4);
        State {
            hosts: guard::Hosts::for_addr(addr),
            drafts: Mutex::new(BTreeMap::new()),
            bases: Mutex::new(BTreeMap::new()),
            site: Mutex::new(Err("building".into())),
            compute: Arc::new(tokio::sync::Semaphore::new(workers)),
            prepared: Mutex::new(BTreeMap::new()),
            building: Mutex::new(()),
            stop: Arc::new(AtomicBool::new(false)),
            cfg,
        }
    }

    /// The parsed base version `file` of `slug`, from the cache while the file is unchanged.
    pub fn base(&self, slug: &str, file: &str) -> Result<Arc<Document>> {
        let path = self.cfg.dir.join(slug).join(file);
        let mtime = std::fs::metadata(&path).and_then(|m| m.modified()).ok();
        let key = (slug.to_string(), file.to_string());
        if let Some((t, doc)) = self.bases.lock().unwrap_or_else(|p| p.into_inner()).get(&key) {
            if *t == mtime && mtime.is_some() {
                return Ok(doc.clone());
            }
        }
        let doc = Arc::new(crate::load(&path)?.document);
        self.bases.lock().unwrap_or_else(|p| p.into_inner()).insert(key, (mtime, doc.clone()));
        Ok(doc)
    }
}
