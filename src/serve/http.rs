//! The HTTP layer of `kitei serve` (hyper, HTTP/1.1): accepting connections within bounds, refusing
//! foreign hosts and origins, oversized bodies and odd methods, and routing to the site, the workspace
//! page and the workspace's JSON API.

use super::{guard, jobs, page, panes, workspace, State, MAX_BODY, MAX_CONNECTIONS};
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::{Bytes, Incoming};
use hyper::{header, Method, Request, Response, StatusCode};
use std::sync::Arc;
use std::time::{Duration, Instant};

type Resp = Response<Full<Bytes>>;

/// Accepts connections forever, each served in its own task with header and lifetime timeouts.
pub(super) async fn accept_loop(listener: tokio::net::TcpListener, state: Arc<State>) -> crate::Result<()> {
    let slots = Arc::new(tokio::sync::Semaphore::new(MAX_CONNECTIONS));
    loop {
        let Ok(permit) = slots.clone().acquire_owned().await else { return Ok(()) };
        let (stream, _) = match listener.accept().await {
            Ok(s) => s,
            Err(_) => {
                // Out of file descriptors and the like: wait a little rather than spin.
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let state = state.clone();
        tokio::spawn(async move {
            let io = hyper_util::rt::TokioIo::new(stream);
            let service = hyper::service::service_fn(move |req| {
                let state = state.clone();
                async move { Ok::<_, std::convert::Infallible>(handle(req, state).await) }
            });
            let conn = hyper::server::conn::http1::Builder::new()
                .timer(hyper_util::rt::TokioTimer::new())
                .header_read_timeout(Duration::from_secs(10))
                .max_buf_size(64 * 1024)
                .serve_connection(io, service);
            let _ = tokio::time::timeout(Duration::from_secs(300), conn).await;
            drop(permit);
        });
    }
}

/// A response with the headers every answer carries.
fn resp(status: StatusCode, ctype: &str, body: impl Into<Bytes>) -> Resp {
    let mut r = Response::new(Full::new(body.into()));
    *r.status_mut() = status;
    let h = r.headers_mut();
    let set = |h: &mut hyper::HeaderMap, k: header::HeaderName, v: &str| {
        if let Ok(v) = header::HeaderValue::from_str(v) {
            h.insert(k, v);
        }
    };
    set(h, header::CONTENT_TYPE, ctype);
    set(h, header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(h, header::REFERRER_POLICY, "no-referrer");
    set(h, header::CACHE_CONTROL, "no-store");
    set(
        h,
        header::CONTENT_SECURITY_POLICY,
        "default-src 'self'; style-src 'self' 'unsafe-inline'; frame-ancestors 'self'; object-src 'none'",
    );
    r
}

fn text(status: StatusCode, msg: &str) -> Resp {
    resp(status, "text/plain; charset=utf-8", msg.to_string())
}

fn json(status: StatusCode, v: &serde_json::Value) -> Resp {
    resp(status, "application/json", v.to_string())
}

async fn handle(req: Request<Incoming>, state: Arc<State>) -> Resp {
    let host = req.headers().get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or("");
    if !state.hosts.host_ok(host) {
        return text(StatusCode::MISDIRECTED_REQUEST, "unknown Host: kitei serve answers only its own address");
    }
    if let Some(origin) = req.headers().get(header::ORIGIN) {
        if !origin.to_str().is_ok_and(|o| state.hosts.origin_ok(o)) {
            return text(StatusCode::FORBIDDEN, "foreign Origin refused");
        }
    }
    let method = req.method().clone();
    let path = req.uri().path().to_string();
    let query = req.uri().query().unwrap_or("").to_string();
    match method {
        Method::GET | Method::HEAD => get(&state, &path, &query),
        Method::POST => {
            let declared = req.headers().get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()?.parse::<u64>().ok());
            if declared.is_some_and(|n| n > MAX_BODY as u64) {
                return text(StatusCode::PAYLOAD_TOO_LARGE, "request body too large");
            }
            let body =
                match tokio::time::timeout(Duration::from_secs(30), Limited::new(req.into_body(), MAX_BODY).collect())
                    .await
                {
                    Ok(Ok(b)) => b.to_bytes(),
                    Ok(Err(_)) => return text(StatusCode::PAYLOAD_TOO_LARGE, "request body too large or broken"),
                    Err(_) => return text(StatusCode::REQUEST_TIMEOUT, "request body too slow"),
                };
            post(state, &path, body).await
        }
        _ => text(StatusCode::METHOD_NOT_ALLOWED, "method not allowed"),
    }
}

fn get(state: &State, path: &str, query: &str) -> Resp {
    match path {
        "/" => match workspace::regulations(&state.cfg.dir) {
            Ok(regs) => resp(StatusCode::OK, "text/html; charset=utf-8", page::index(&regs)),
            Err(e) => text(StatusCode::INTERNAL_SERVER_ERROR, &e.to_string()),
        },
        "/static/serve.css" => resp(StatusCode::OK, "text/css; charset=utf-8", page::CSS),
        "/static/serve.js" => resp(StatusCode::OK, "text/javascript; charset=utf-8", page::JS),
        "/site" => redirect("/site/"),
        _ => {
            if let Some(rest) = path.strip_prefix("/site/") {
                return site_file(state, rest);
            }
            if let Some(slug) = path.strip_prefix("/draft/") {
                return workspace_page(state, slug);
            }
            if let Some(slug) = path.strip_prefix("/api/").and_then(|r| r.strip_suffix("/draft")) {
                return draft(state, slug, query);
            }
            if let Some(slug) = path.strip_prefix("/api/").and_then(|r| r.strip_suffix("/rev")) {
                return rev(state, slug);
            }
            text(StatusCode::NOT_FOUND, "not found")
        }
    }
}

fn redirect(to: &str) -> Resp {
    let mut r = text(StatusCode::FOUND, "");
    if let Ok(v) = header::HeaderValue::from_str(to) {
        r.headers_mut().insert(header::LOCATION, v);
    }
    r
}

fn content_type(path: &std::path::Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "xml" => "application/xml",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "md" | "txt" | "csv" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

fn site_file(state: &State, rest: &str) -> Resp {
    if let Err(e) = &*state.site.lock().unwrap_or_else(|p| p.into_inner()) {
        let msg = if e == "building" { "the site is being built; reload in a moment".to_string() } else { e.clone() };
        return text(StatusCode::SERVICE_UNAVAILABLE, &msg);
    }
    let Some(rel) = guard::relative_path(rest) else { return text(StatusCode::BAD_REQUEST, "bad path") };
    let Some(mut file) = guard::inside(&state.cfg.site_dir, &rel) else {
        return text(StatusCode::NOT_FOUND, "not found");
    };
    if file.is_dir() {
        file = file.join("index.html");
    }
    match std::fs::read(&file) {
        Ok(bytes) => resp(StatusCode::OK, content_type(&file), bytes),
        Err(_) => text(StatusCode::NOT_FOUND, "not found"),
    }
}

/// The versions of a regulation named in a URL, if it is one of the folder's.
fn versions_of(state: &State, slug: &str) -> Option<Vec<workspace::Version>> {
    if !guard::slug_ok(slug) {
        return None;
    }
    let reg = guard::inside(&state.cfg.dir, std::path::Path::new(slug))?;
    workspace::versions(&reg).ok().filter(|v| !v.is_empty())
}

fn workspace_page(state: &State, slug: &str) -> Resp {
    let Some(versions) = versions_of(state, slug) else { return text(StatusCode::NOT_FOUND, "no such regulation") };
    match page::workspace(slug, &versions) {
        Ok(html) => resp(StatusCode::OK, "text/html; charset=utf-8", html),
        Err(e) => text(StatusCode::INTERNAL_SERVER_ERROR, &e.to_string()),
    }
}

fn query_param(query: &str, key: &str) -> Option<String> {
    query.split('&').find_map(|kv| kv.strip_prefix(key)?.strip_prefix('=')).and_then(guard::percent_decode)
}

/// The shared draft of a regulation on the base `?base=DATE`, or the base's own text when none is kept.
fn draft(state: &State, slug: &str, query: &str) -> Resp {
    let Some(versions) = versions_of(state, slug) else { return text(StatusCode::NOT_FOUND, "no such regulation") };
    let base = query_param(query, "base");
    let Some(v) = versions.iter().rev().find(|v| base.as_deref().is_none_or(|b| b == v.date)) else {
        return text(StatusCode::NOT_FOUND, "no such version");
    };
    let drafts = state.drafts.lock().unwrap_or_else(|p| p.into_inner());
    if let Some(d) = drafts.get(slug).filter(|d| d.base == v.date) {
        return json(StatusCode::OK, &serde_json::json!({"base": v.date, "text": d.text, "rev": d.rev, "kept": true}));
    }
    let rev = drafts.get(slug).map_or(0, |d| d.rev);
    drop(drafts);
    match workspace::draft_text(&state.cfg.dir.join(slug), v) {
        Ok(t) => json(StatusCode::OK, &serde_json::json!({"base": v.date, "text": t, "rev": rev, "kept": false})),
        Err(e) => text(StatusCode::INTERNAL_SERVER_ERROR, &e.to_string()),
    }
}

#[derive(serde::Deserialize)]
struct DraftBody {
    base: String,
    text: String,
    #[serde(default)]
    tab: String,
    #[serde(default)]
    rev: u64,
    #[serde(default)]
    date: String,
    #[serde(default)]
    overwrite: bool,
    #[serde(default)]
    what: String,
    #[serde(default)]
    format: String,
}

async fn post(state: Arc<State>, path: &str, body: Bytes) -> Resp {
    let Some((slug, action)) = path.strip_prefix("/api/").and_then(|r| r.split_once('/')) else {
        return text(StatusCode::NOT_FOUND, "not found");
    };
    let Some(versions) = versions_of(&state, slug) else { return text(StatusCode::NOT_FOUND, "no such regulation") };
    let req: DraftBody = match serde_json::from_slice(&body) {
        Ok(r) => r,
        Err(e) => return text(StatusCode::BAD_REQUEST, &format!("bad request: {e}")),
    };
    let Some(base) = versions.iter().find(|v| v.date == req.base).cloned() else {
        return text(StatusCode::NOT_FOUND, "no such base version");
    };
    let slug = slug.to_string();
    match action {
        "panes" => panes_json(state, &slug, &base, req).await,
        "lint" => follow_json("lint", jobs::lint(state, &slug, &base, req.text).await),
        "impact" => follow_json("impact_html", jobs::impact_of(state, &slug, &base, req.text).await),
        "download" => {
            let Ok(_permit) = state.compute.acquire().await else {
                return text(StatusCode::SERVICE_UNAVAILABLE, "busy");
            };
            let st = state.clone();
            let job = tokio::task::spawn_blocking(move || download(&st, &slug, &base, &req));
            job.await.unwrap_or_else(|_| text(StatusCode::INTERNAL_SERVER_ERROR, "the computation failed"))
        }
        "save" => save(&state, &slug, &req),
        _ => text(StatusCode::NOT_FOUND, "not found"),
    }
}

/// One update: records the tab's write of the shared draft (with a warning when it replaced another tab's
/// edits), then the panes.
async fn panes_json(state: Arc<State>, slug: &str, base: &workspace::Version, req: DraftBody) -> Resp {
    let started = Instant::now();
    let (rev, warning) = {
        let mut drafts = state.drafts.lock().unwrap_or_else(|p| p.into_inner());
        let d = drafts.entry(slug.to_string()).or_default();
        let w = d.write(&req.tab, req.rev, &base.date, &req.text);
        (d.rev, w)
    };
    match jobs::panes(state, slug, base, req.text).await {
        Ok(p) => {
            let mut v = serde_json::to_value(&p).unwrap_or_default();
            v["rev"] = rev.into();
            v["warning"] = warning.into();
            v["ms"] = (started.elapsed().as_millis() as u64).into();
            json(StatusCode::OK, &v)
        }
        Err(e) => text(StatusCode::INTERNAL_SERVER_ERROR, &e),
    }
}

/// The impact list or the lint report of a draft, asked for once the other panes are shown:
/// `{"<key>": …, "parse_error": …, "timed_out": …, "ms": …}`.
fn follow_json<T: serde::Serialize>(key: &str, r: Result<jobs::Follow<T>, String>) -> Resp {
    let (value, parse_error, timed_out, ms) = match r {
        Ok(jobs::Follow::Done(v, ms)) => (serde_json::to_value(v).unwrap_or_default(), None, false, ms),
        Ok(jobs::Follow::Unparsed(e)) => (serde_json::Value::Null, Some(e), false, 0),
        Ok(jobs::Follow::TimedOut) => (serde_json::Value::Null, None, true, 0),
        Err(e) => return text(StatusCode::INTERNAL_SERVER_ERROR, &e),
    };
    let mut v = serde_json::json!({"parse_error": parse_error, "timed_out": timed_out, "ms": ms});
    v[key] = value;
    json(StatusCode::OK, &v)
}

/// Who wrote the shared draft last: the revision and the tab, which a tab polls to learn that another tab
/// replaced its edits.
fn rev(state: &State, slug: &str) -> Resp {
    if versions_of(state, slug).is_none() {
        return text(StatusCode::NOT_FOUND, "no such regulation");
    }
    let drafts = state.drafts.lock().unwrap_or_else(|p| p.into_inner());
    let (rev, tab, base) = drafts.get(slug).map_or((0, "", ""), |d| (d.rev, d.tab.as_str(), d.base.as_str()));
    json(StatusCode::OK, &serde_json::json!({"rev": rev, "tab": tab, "base": base}))
}

fn save(state: &State, slug: &str, req: &DraftBody) -> Resp {
    let Some(ext) = panes::saved_extension(panes::draft_format(&req.text)) else {
        return text(
            StatusCode::UNPROCESSABLE_ENTITY,
            "この下書きは JSON または英訳として読まれるため、版として保存できません",
        );
    };
    let Some(reg) = guard::inside(&state.cfg.dir, std::path::Path::new(slug)) else {
        return text(StatusCode::NOT_FOUND, "no such regulation");
    };
    match workspace::save(&reg, &req.date, ext, &req.text, req.overwrite) {
        Ok(Ok(p)) => {
            let file = p.file_name().map(|f| f.to_string_lossy().into_owned()).unwrap_or_default();
            json(StatusCode::OK, &serde_json::json!({ "saved": file }))
        }
        Ok(Err(workspace::SaveRefused::BadDate)) => {
            text(StatusCode::BAD_REQUEST, "施行日は YYYY-MM-DD の実在する日付で入力してください")
        }
        Ok(Err(workspace::SaveRefused::Exists(f))) => json(StatusCode::CONFLICT, &serde_json::json!({ "exists": f })),
        Err(e) => text(StatusCode::INTERNAL_SERVER_ERROR, &e.to_string()),
    }
}

fn download(state: &State, slug: &str, base: &workspace::Version, req: &DraftBody) -> Resp {
    let doc = match state.base(slug, &base.file) {
        Ok(d) => d,
        Err(e) => return text(StatusCode::INTERNAL_SERVER_ERROR, &e.to_string()),
    };
    let new = match panes::parse_draft("draft", &req.text, panes::draft_format(&req.text)) {
        Ok(p) => p.document,
        Err(e) => return text(StatusCode::UNPROCESSABLE_ENTITY, &e.message),
    };
    let opts = crate::diff::RenderOptions::default();
    let out: crate::Result<(Vec<u8>, &str)> = match (req.what.as_str(), req.format.as_str()) {
        ("shinkyu", f) => {
            let cmp = crate::diff::compare(&doc, &new, &crate::diff::CompareOptions::default());
            match f {
                "html" => crate::diff::render_html(&cmp, &opts, None).map(|h| (h.into_bytes(), "html")),
                "md" => Ok((crate::diff::render_markdown(&cmp, &opts).into_bytes(), "md")),
                "docx" => crate::export::docx::shinkyu::render_docx(&cmp, &opts).map(|b| (b, "docx")),
                _ => return text(StatusCode::BAD_REQUEST, "format: html, md or docx"),
            }
        }
        ("amend", f) => match crate::amend::generate_checked(&doc, &new, &crate::amend::Options::default()) {
            Ok(g) => match f {
                "html" => Ok((page::amend_html(&g.text).into_bytes(), "html")),
                "md" => Ok((g.text.into_bytes(), "md")),
                "docx" => crate::export::docx::amend::amend_docx(&g.text).map(|b| (b, "docx")),
                _ => return text(StatusCode::BAD_REQUEST, "format: html, md or docx"),
            },
            Err(e) => Err(e),
        },
        _ => return text(StatusCode::BAD_REQUEST, "what: shinkyu or amend"),
    };
    match out {
        Ok((bytes, ext)) => {
            let name = format!("{}-{}.{ext}", if req.what == "amend" { "kaibun" } else { "shinkyu" }, base.date);
            let mut r = resp(StatusCode::OK, content_type(std::path::Path::new(&name)), bytes);
            if let Ok(v) = header::HeaderValue::from_str(&format!("attachment; filename=\"{name}\"")) {
                r.headers_mut().insert(header::CONTENT_DISPOSITION, v);
            }
            r
        }
        Err(e) => text(StatusCode::UNPROCESSABLE_ENTITY, &e.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_parameters_are_decoded() {
        assert_eq!(query_param("a=1&base=2016-01-01", "base").as_deref(), Some("2016-01-01"));
        assert_eq!(query_param("base=%3Cx%3E", "base").as_deref(), Some("<x>"));
        assert_eq!(query_param("basement=1", "base"), None);
    }

    #[test]
    fn every_answer_is_nosniff_with_a_policy() {
        let r = text(StatusCode::OK, "<script>");
        assert_eq!(r.headers()[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
        assert!(r.headers()[header::CONTENT_TYPE].to_str().unwrap().starts_with("text/plain"));
        assert!(r.headers().contains_key(header::CONTENT_SECURITY_POLICY));
    }
}
