//! The workspace's computations as the server runs them: each on a blocking thread, bounded by the
//! server's semaphore of CPU-bound jobs, and under a deadline (`Config::pane_timeout`) after which the
//! pane says "timed out" instead of leaving the client waiting. One update parses the draft and compares
//! it with the cached base once; the 新旧対照表 and the 改め文 are then computed side by side and sent
//! together. The impact list and the lint report are requests of their own, which the client makes once
//! those panes are shown, on the same parsed draft and comparison (kept per regulation): on 会社法 the
//! impact list alone takes longer than the rest of an update.

use super::panes::{self, Finding, ParseError, Prepared};
use super::workspace::{self, Version};
use super::State;
use crate::model::Document;
use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Instant;

/// How a job ended.
pub(crate) enum Outcome<T> {
    /// It returned.
    Done(T),
    /// The deadline passed first (the thread runs on and frees its permit when it ends).
    TimedOut,
    /// It panicked, or the server is shutting down.
    Failed,
}

/// Runs `f` on a blocking thread once a permit is free, and waits for it until `deadline`.
pub(crate) async fn run<T, F>(state: &State, deadline: tokio::time::Instant, f: F) -> Outcome<T>
where
    F: FnOnce() -> T + Send + 'static,
    T: Send + 'static,
{
    // Nothing starts past its deadline (a 0 ms timeout times every pane out, however fast).
    if tokio::time::Instant::now() >= deadline {
        return Outcome::TimedOut;
    }
    let permit = match tokio::time::timeout_at(deadline, state.compute.clone().acquire_owned()).await {
        Ok(Ok(p)) => p,
        Ok(Err(_)) => return Outcome::Failed,
        Err(_) => return Outcome::TimedOut,
    };
    let job = tokio::task::spawn_blocking(move || {
        let v = f();
        drop(permit);
        v
    });
    match tokio::time::timeout_at(deadline, job).await {
        Ok(Ok(v)) => Outcome::Done(v),
        Ok(Err(_)) => Outcome::Failed,
        Err(_) => Outcome::TimedOut,
    }
}

/// `f` with the milliseconds it took.
fn timed<T>(f: impl FnOnce() -> T) -> (T, u64) {
    let t = Instant::now();
    let v = f();
    (v, panes::ms(t))
}

/// Parses and compares a draft of `slug` on `base`, within `deadline`. `Ok(Err(_))`: it does not parse.
async fn prepare(
    state: &Arc<State>,
    slug: &str,
    base: &Version,
    text: String,
    deadline: tokio::time::Instant,
) -> Outcome<crate::Result<(Arc<Document>, Result<Arc<Prepared>, ParseError>, u64)>> {
    let (st, slug, file) = (state.clone(), slug.to_string(), base.file.clone());
    run(state, deadline, move || {
        let doc = st.base(&slug, &file)?;
        let (p, ms) = timed(|| panes::prepare(&doc, "draft", &text, panes::draft_format(&text)));
        Ok((doc, p.map(Arc::new), ms))
    })
    .await
}

/// The panes of one update (the lint report aside), or why there are none (a server-side error).
pub(crate) async fn panes(state: Arc<State>, slug: &str, base: &Version, text: String) -> Result<panes::Panes, String> {
    let started = Instant::now();
    let deadline = tokio::time::Instant::now() + state.cfg.pane_timeout;
    let all = vec!["shinkyu", "amend"];
    let (doc, prepared, parse_ms) = match prepare(&state, slug, base, text, deadline).await {
        Outcome::Done(Ok((_, Err(e), _))) => return Ok(panes::Panes { parse_error: Some(e), ..Default::default() }),
        Outcome::Done(Ok((doc, Ok(p), ms))) => (doc, p, ms),
        Outcome::Done(Err(e)) => return Err(e.to_string()),
        Outcome::TimedOut => return Ok(panes::Panes { timed_out: all, ..Default::default() }),
        Outcome::Failed => return Err("the draft could not be read".into()),
    };
    state.prepared.lock().unwrap_or_else(|p| p.into_inner()).insert(slug.to_string(), (doc.clone(), prepared.clone()));
    let p1 = prepared.clone();
    let (shinkyu, amend) = tokio::join!(
        run(&state, deadline, move || timed(|| panes::shinkyu(&p1))),
        run(&state, deadline, move || timed(|| panes::amend(&doc, &prepared))),
    );
    let mut out = panes::Panes::default();
    out.timings.insert("parse", parse_ms);
    let mut done = |name: &'static str, ms: Option<u64>| match ms {
        Some(ms) => {
            out.timings.insert(name, ms);
        }
        None => out.timed_out.push(name),
    };
    let failed = |what: &str| format!("<!DOCTYPE html><p>{what}: 計算に失敗しました</p>");
    let (shinkyu, amend) = (
        ok_or(shinkyu, (failed("新旧対照表"), 0)),
        ok_or(amend, panes::AmendPane { error: Some("改め文の作成に失敗しました".into()), ..Default::default() }),
    );
    done("shinkyu", shinkyu.as_ref().map(|x| x.1));
    done("amend", amend.as_ref().map(|x| x.1));
    if let Some(((html, changes), _)) = shinkyu {
        (out.shinkyu_html, out.changes) = (html, changes);
    }
    out.amend = amend.map(|x| x.0).unwrap_or_default();
    out.timings.insert("total", panes::ms(started));
    Ok(out)
}

/// `Some((value, ms))` when done, a stand-in when the job failed, `None` when it timed out.
fn ok_or<T>(o: Outcome<(T, u64)>, failed: T) -> Option<(T, u64)> {
    match o {
        Outcome::Done(v) => Some(v),
        Outcome::Failed => Some((failed, 0)),
        Outcome::TimedOut => None,
    }
}

/// The impact pane: the review list with the latest version of every other regulation of the folder, the
/// findings of the base linked to its page of the served site. A regulation that cannot be read is named.
/// Above the peer limit (the build's: `Config::peer_limit`) the others are neither listed nor parsed, and
/// the list says so as the site's comparison pages do.
pub(crate) fn impact(state: &State, slug: &str, date: &str, base: &Document, p: &Prepared) -> String {
    let mut links = crate::impact::Links::default();
    if state.cfg.site_dir.join(slug).join(format!("{date}.html")).is_file() {
        links.old = Some(format!("/site/{slug}/{date}.html"));
    }
    let limit = state.cfg.peer_limit.unwrap_or(crate::render::PEER_LIMIT);
    let dirs = std::fs::read_dir(&state.cfg.dir)
        .map(|entries| entries.filter_map(|e| e.ok()).filter(|e| crate::render::is_regulation_dir(&e.path())).count());
    if dirs.is_ok_and(|n| n > limit) {
        return panes::impact(base, p, Err(limit), &links);
    }
    let mut docs: Vec<(String, Arc<Document>)> = Vec::new();
    let mut unread = Vec::new();
    let regs = workspace::regulations(&state.cfg.dir).unwrap_or_default();
    for (other, versions) in regs.iter().filter(|(s, _)| s.as_str() != slug) {
        let Some(v) = versions.last() else { continue };
        match state.base(other, &v.file) {
            Ok(d) => {
                let name = if d.title.is_empty() { other.clone() } else { d.title.clone() };
                links.others.insert(name.clone(), format!("/site/{other}/{}.html", v.date));
                docs.push((name, d));
            }
            Err(e) => unread.push(format!("{other}/{}: {e}", v.file)),
        }
    }
    let others: Vec<crate::impact::Other<'_>> =
        docs.iter().map(|(n, d)| crate::impact::Other { name: n, doc: d }).collect();
    let mut html = panes::impact(base, p, Ok(&others), &links);
    for u in unread {
        html.push_str(&format!("<p class=\"unread\">読めないため確認していません: {}</p>\n", panes::escape_html(&u)));
    }
    html
}

/// What a follow-up pane (impact, lint) says: its content, or that the draft does not parse, or that it
/// ran out of time.
pub(crate) enum Follow<T> {
    /// Computed, in so many milliseconds.
    Done(T, u64),
    /// The draft does not parse.
    Unparsed(ParseError),
    /// Out of time.
    TimedOut,
}

/// Computes `f` on the draft the last update of `slug` parsed when its text is `text`, else on the draft
/// parsed and compared anew.
async fn follow<T, F>(state: Arc<State>, slug: &str, base: &Version, text: String, f: F) -> Result<Follow<T>, String>
where
    F: FnOnce(&State, &Document, &Prepared) -> T + Send + 'static,
    T: Send + 'static,
{
    let deadline = tokio::time::Instant::now() + state.cfg.pane_timeout;
    let kept = state.prepared.lock().unwrap_or_else(|p| p.into_inner()).get(slug).cloned();
    // The kept draft serves only with the same text and the same base: the base chosen now (another version
    // picked, or its file changed on disk, makes `State::base` return another document).
    let base_now = {
        let (st, slug, file) = (state.clone(), slug.to_string(), base.file.clone());
        match run(&state, deadline, move || st.base(&slug, &file)).await {
            Outcome::Done(Ok(doc)) => Some(doc),
            _ => None,
        }
    };
    let kept = kept.filter(|(b, p)| p.text == text && base_now.as_ref().is_some_and(|now| Arc::ptr_eq(b, now)));
    let prepared = match kept {
        Some((_, p)) => p,
        None => match prepare(&state, slug, base, text, deadline).await {
            Outcome::Done(Ok((_, Ok(p), _))) => p,
            Outcome::Done(Ok((_, Err(e), _))) => return Ok(Follow::Unparsed(e)),
            Outcome::Done(Err(e)) => return Err(e.to_string()),
            Outcome::TimedOut => return Ok(Follow::TimedOut),
            Outcome::Failed => return Err("the draft could not be read".into()),
        },
    };
    let (st, slug, file) = (state.clone(), slug.to_string(), base.file.clone());
    let job = move || -> crate::Result<(T, u64)> {
        let doc = st.base(&slug, &file)?;
        Ok(timed(|| f(&st, &doc, &prepared)))
    };
    match run(&state, deadline, job).await {
        Outcome::Done(Ok((v, ms))) => Ok(Follow::Done(v, ms)),
        Outcome::Done(Err(e)) => Err(e.to_string()),
        Outcome::TimedOut => Ok(Follow::TimedOut),
        Outcome::Failed => Err("the computation failed".into()),
    }
}

/// The impact list of a draft of `slug` on `base` (HTML).
pub(crate) async fn impact_of(
    state: Arc<State>,
    slug: &str,
    base: &Version,
    text: String,
) -> Result<Follow<String>, String> {
    let (slug2, date) = (slug.to_string(), base.date.clone());
    follow(state, slug, base, text, move |st, doc, p| impact(st, &slug2, &date, doc, p)).await
}

/// The lint report of a draft of `slug`.
pub(crate) async fn lint(
    state: Arc<State>,
    slug: &str,
    base: &Version,
    text: String,
) -> Result<Follow<Vec<Finding>>, String> {
    follow(state, slug, base, text, |_, _, p| panes::lint(p)).await
}

/// The kept parsed drafts: the last one per regulation, with the base version (as parsed then) it was
/// compared with, so that a follow-up pane never uses a comparison against another base.
pub(crate) type Kept = std::sync::Mutex<BTreeMap<String, (Arc<Document>, Arc<Prepared>)>>;

#[cfg(test)]
mod tests {
    use super::super::{Config, State};
    use std::path::Path;

    /// A folder of two regulations: `a` in two versions, `b` citing its 第2条.
    fn folder(name: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("kitei-serve-jobs-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        for (path, text) in [
            ("regs/a/2020-01-01.md", "# A規程\n\n第1条　甲を定める。\n\n第2条　乙を定める。\n"),
            ("regs/b/2020-01-01.md", "# B規程\n\n第1条　A規程第2条の定めによる。\n"),
        ] {
            std::fs::create_dir_all(dir.join(path).parent().unwrap()).unwrap();
            std::fs::write(dir.join(path), text).unwrap();
        }
        dir
    }

    fn state(dir: &Path, peer_limit: Option<usize>) -> State {
        let cfg = Config {
            dir: dir.join("regs"),
            site_dir: dir.join("site"),
            as_of: None,
            poll: std::time::Duration::from_secs(1),
            pane_timeout: std::time::Duration::from_secs(5),
            peer_limit,
        };
        State::new(cfg, "127.0.0.1:1".parse().unwrap())
    }

    /// Above the peer limit the impact pane neither parses nor lists the other regulations, and says so
    /// as the site's comparison pages do; within it, they are read.
    #[test]
    fn above_the_peer_limit_the_impact_pane_reads_no_other_regulation() {
        let dir = folder("limit");
        let draft = "# A規程\n\n第1条　乙を定める。\n";
        for (limit, looked) in [(Some(1), false), (None, true)] {
            let st = state(&dir, limit);
            let base = st.base("a", "2020-01-01.md").unwrap();
            let p = super::panes::prepare(&base, "draft", draft, crate::input::InputFormat::Markdown).unwrap();
            let html = super::impact(&st, "a", "2020-01-01", &base, &p);
            let parsed = st.bases.lock().unwrap().keys().any(|(slug, _)| slug == "b");
            assert_eq!(parsed, looked, "{limit:?}: the other regulation parsed");
            assert_eq!(html.contains("B規程"), looked, "{html}");
            assert_eq!(html.contains("1件を超えるため") && html.contains("peers-left-out"), !looked, "{html}");
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }

    /// Stopping the server cancels its site build: a build asked to stop writes no site and leaves nothing
    /// beside it, so that the caller can remove the folder once it has returned.
    #[test]
    fn a_stopped_server_builds_no_site() {
        let dir = folder("stop");
        let st = state(&dir, None);
        super::super::build_site(&st).unwrap();
        assert!(dir.join("site/index.html").is_file());
        std::fs::remove_dir_all(dir.join("site")).unwrap();
        st.stop.store(true, std::sync::atomic::Ordering::SeqCst);
        assert!(super::super::build_site(&st).is_err());
        let left: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(left, [std::ffi::OsString::from("regs")]);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
