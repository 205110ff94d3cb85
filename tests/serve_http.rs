//! `kitei serve` over HTTP (the binary on port 0, raw requests): path traversal in every spelling, foreign
//! Host and Origin, a 100 MB body, 200 concurrent requests, saving a draft. Every request is refused or
//! served correctly, the server stays up, and no file outside the served folder is touched.

mod serve;

use serve::{Server, REG};
use std::io::Write;

/// Every file under `dir` with its content, to show that nothing outside the served folder changed.
fn snapshot(dir: &std::path::Path) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push((p.clone(), std::fs::read(&p).unwrap()));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn traversal_foreign_hosts_and_bad_requests_are_refused() {
    let s = Server::start("guard");
    let before = snapshot(&s.root);
    for path in [
        "/site/../../outside.txt",
        "/site/..%2f..%2foutside.txt",
        "/site/%2e%2e/%2e%2e/outside.txt",
        "/site/%252e%252e/outside.txt",
        "/site/..\\..\\outside.txt",
        "/site//etc/passwd",
        "/site/%2Fetc%2Fpasswd",
        "/site/.kitei-site",
        "/draft/..",
        "/draft/..%2F..%2F",
        "/api/..%2F/draft?base=2016-01-01",
        "/etc/passwd",
        "http://evil.example/etc/passwd",
    ] {
        let (status, body) = s.get(path);
        assert!(status == 400 || status == 404, "{path}: {status}");
        let body = String::from_utf8_lossy(&body);
        assert!(!body.contains("SECRET-OUTSIDE") && !body.contains("root:"), "{path} leaked {body}");
    }
    // Saving under a slug that climbs out, or with a date that is a path.
    for (path, json) in [
        ("/api/..%2F/save", r#"{"base":"2016-01-01","text":"x","date":"2031-01-01"}"#.to_string()),
        (&format!("/api/{REG}/save") as &str, r#"{"base":"2016-01-01","text":"x","date":"../../outside"}"#.to_string()),
        (&format!("/api/{REG}/save"), r#"{"base":"2016-01-01","text":"x","date":"/tmp/x"}"#.to_string()),
    ] {
        let (status, _) = s.post(path, &json);
        assert!(status == 400 || status == 404, "{path} {json}: {status}");
    }
    // DNS rebinding: a foreign Host, or a foreign Origin on a write.
    let (status, _) = s.raw(b"GET / HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n");
    assert_eq!(status, 421);
    let (status, _) = s
        .raw(format!("GET / HTTP/1.1\r\nHost: evil.example:{}\r\nConnection: close\r\n\r\n", s.addr.port()).as_bytes());
    assert_eq!(status, 421);
    let (status, _) = s.raw(b"GET / HTTP/1.1\r\nConnection: close\r\n\r\n");
    assert_eq!(status, 421, "no Host at all");
    let json = r#"{"base":"2016-01-01","text":"x","date":"2031-01-01"}"#;
    let req = format!(
        "POST /api/{REG}/save HTTP/1.1\r\nHost: {}\r\nOrigin: http://evil.example\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{json}",
        s.host(),
        json.len()
    );
    assert_eq!(s.raw(req.as_bytes()).0, 403);
    assert!(!s.root.join("regulations").join(REG).join("2031-01-01.md").exists());
    // Malformed requests.
    assert_eq!(s.raw(b"\x00\x01garbage\r\n\r\n").0 / 100, 4);
    assert_eq!(s.post(&format!("/api/{REG}/panes"), "{not json").0, 400);
    assert_eq!(
        s.raw(format!("DELETE / HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n", s.host()).as_bytes()).0,
        405
    );
    // What is echoed is escaped: the page names only existing regulations, errors are plain text.
    let (status, body) = s.get("/draft/%3Cscript%3E");
    assert_eq!(status, 404);
    assert!(!String::from_utf8_lossy(&body).contains("<script>"));
    assert_eq!(s.get("/").0, 200, "the server is still up");
    assert_eq!(snapshot(&s.root), before, "nothing in or outside the folder changed");
}

#[test]
fn a_100_mb_body_is_refused_and_the_server_stays_up() {
    let s = Server::start("huge");
    // Declared: refused before it is read.
    let req = format!(
        "POST /api/{REG}/panes HTTP/1.1\r\nHost: {h}\r\nOrigin: http://{h}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        100 * 1024 * 1024,
        h = s.host()
    );
    assert_eq!(s.raw(req.as_bytes()).0, 413);
    // Streamed in chunks with no length: cut off at the limit.
    let mut sock = std::net::TcpStream::connect(s.addr).unwrap();
    sock.set_read_timeout(Some(std::time::Duration::from_secs(60))).unwrap();
    let head = format!(
        "POST /api/{REG}/panes HTTP/1.1\r\nHost: {h}\r\nOrigin: http://{h}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n",
        h = s.host()
    );
    sock.write_all(head.as_bytes()).unwrap();
    let chunk = vec![b'a'; 1024 * 1024];
    let mut sent = 0;
    for _ in 0..100 {
        let mut c = format!("{:x}\r\n", chunk.len()).into_bytes();
        c.extend_from_slice(&chunk);
        c.extend_from_slice(b"\r\n");
        if sock.write_all(&c).is_err() {
            break;
        }
        sent += 1;
    }
    let mut out = Vec::new();
    let _ = std::io::Read::read_to_end(&mut sock, &mut out);
    let (status, _) = serve::parse_response(&out);
    assert!(status == 413 || (status == 0 && sent < 100), "status {status} after {sent} MiB");
    assert_eq!(s.get("/").0, 200, "the server is still up");
}

#[test]
fn two_hundred_concurrent_requests_are_all_served() {
    let s = Server::start("many");
    let text = String::from_utf8(s.get(&format!("/api/{REG}/draft?base=2016-01-01")).1).unwrap();
    let draft: serde_json::Value = serde_json::from_str(&text).unwrap();
    let body = serde_json::json!({"base": "2016-01-01", "text": draft["text"], "tab": "t", "rev": 0}).to_string();
    let results: Vec<(usize, u16, Vec<u8>)> = std::thread::scope(|sc| {
        let hs: Vec<_> = (0..200)
            .map(|i| {
                let (s, body) = (&s, &body);
                sc.spawn(move || {
                    let (status, b) = match i % 4 {
                        0 => s.post(&format!("/api/{REG}/panes"), body),
                        1 => s.get(&format!("/site/{REG}/")),
                        2 => s.get("/site/../outside.txt"),
                        _ => s.get(&format!("/draft/{REG}")),
                    };
                    (i, status, b)
                })
            })
            .collect();
        hs.into_iter().map(|h| h.join().unwrap()).collect()
    });
    for (i, status, body) in results {
        let expected = if i % 4 == 2 { 400 } else { 200 };
        assert_eq!(status, expected, "request {i}: {}", String::from_utf8_lossy(&body));
        if i % 4 == 0 {
            let v: serde_json::Value = serde_json::from_slice(&body).unwrap();
            // Fifty updates at once may outlast the panes' deadline: each pane is then said to have timed
            // out, never left hanging.
            let late = v["timed_out"].as_array().expect("timed_out is listed");
            if late.is_empty() {
                assert_eq!(v["changes"], 0, "the unchanged draft has no rows");
                assert!(v["shinkyu_html"].as_str().unwrap().starts_with("<!DOCTYPE html>"));
            }
        }
    }
    assert_eq!(s.get("/").0, 200);
}

#[test]
fn a_draft_is_saved_as_a_new_version_never_over_one() {
    let s = Server::start("save");
    let dir = s.root.join("regulations").join(REG);
    let before = std::fs::read(dir.join("2016-01-01.md")).unwrap();
    let text = String::from_utf8(s.get(&format!("/api/{REG}/draft?base=2016-01-01")).1).unwrap();
    let draft: serde_json::Value = serde_json::from_str(&text).unwrap();
    let changed = draft["text"].as_str().unwrap().replacen("継続性を確保するため", "継続性を確実に確保するため", 1);
    assert_ne!(changed, draft["text"].as_str().unwrap());
    let save = |date: &str, overwrite: bool| {
        let body = serde_json::json!({"base": "2016-01-01", "text": changed, "date": date, "overwrite": overwrite});
        s.post(&format!("/api/{REG}/save"), &body.to_string())
    };
    assert_eq!(save("2016-01-01", false).0, 409, "an existing version is not overwritten");
    assert_eq!(std::fs::read(dir.join("2016-01-01.md")).unwrap(), before);
    assert_eq!(save("2031-02-30", false).0, 400, "no such day");
    let (status, body) = save("2031-04-01", false);
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&body));
    assert_eq!(std::fs::read_to_string(dir.join("2031-04-01.md")).unwrap(), changed);
    // Downloads: the 新旧対照表 and the 改め文 in each format.
    for (what, format, starts) in [
        ("shinkyu", "html", &b"<!DOCTYPE html>"[..]),
        ("shinkyu", "docx", &b"PK"[..]),
        ("amend", "docx", &b"PK"[..]),
        ("amend", "html", &b"<!DOCTYPE html>"[..]),
        ("shinkyu", "md", &b"# "[..]),
    ] {
        let body = serde_json::json!({"base": "2016-01-01", "text": changed, "what": what, "format": format});
        let (status, bytes) = s.post(&format!("/api/{REG}/download"), &body.to_string());
        assert_eq!(status, 200, "{what} {format}: {}", String::from_utf8_lossy(&bytes));
        assert!(bytes.starts_with(starts), "{what} {format}");
    }
}

#[test]
fn a_client_that_sends_nothing_is_cut_off() {
    let s = Server::start("slow");
    let mut sock = std::net::TcpStream::connect(s.addr).unwrap();
    sock.set_read_timeout(Some(std::time::Duration::from_secs(30))).unwrap();
    let started = std::time::Instant::now();
    let mut out = Vec::new();
    let _ = std::io::Read::read_to_end(&mut sock, &mut out);
    let waited = started.elapsed();
    assert!(waited < std::time::Duration::from_secs(20), "the connection was held {waited:?}");
    assert_eq!(s.get("/").0, 200, "the server is still up");
}

#[test]
fn panes_that_take_too_long_say_timed_out_and_tabs_learn_who_wrote_last() {
    // A deadline of 0 ms: no computation can finish in time.
    let s = Server::start_with("timeout", &["--pane-timeout", "0"]);
    let text = String::from_utf8(s.get(&format!("/api/{REG}/draft?base=2016-01-01")).1).unwrap();
    let draft: serde_json::Value = serde_json::from_str(&text).unwrap();
    let changed = draft["text"].as_str().unwrap().replacen("継続性を確保", "継続性を確実に確保", 1);
    let body = |tab: &str, rev: u64| serde_json::json!({"base": "2016-01-01", "text": changed, "tab": tab, "rev": rev});
    let started = std::time::Instant::now();
    let (status, out) = s.post(&format!("/api/{REG}/panes"), &body("a", 0).to_string());
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&out));
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["timed_out"], serde_json::json!(["shinkyu", "amend"]), "{v}");
    assert_eq!(v["shinkyu_html"], "");
    assert!(v["parse_error"].is_null(), "a timeout is no parse error: {v}");
    for follow in ["impact", "lint"] {
        let (status, out) = s.post(&format!("/api/{REG}/{follow}"), &body("a", 1).to_string());
        assert_eq!(status, 200);
        let l: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(l["timed_out"], true, "{follow}: {l}");
    }
    assert!(started.elapsed() < std::time::Duration::from_secs(5), "answered without waiting: {:?}", started.elapsed());
    assert_eq!(s.get("/").0, 200, "the server is still up");

    // Tab a wrote revision 1; tab b, which saw revision 0, replaces it and is warned; tab a learns it from
    // who wrote last.
    let (_, out) = s.post(&format!("/api/{REG}/panes"), &body("b", 0).to_string());
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert!(v["warning"].as_str().is_some_and(|w| w.contains("別のタブ")), "{v}");
    let (status, out) = s.get(&format!("/api/{REG}/rev"));
    assert_eq!(status, 200);
    let r: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!((r["rev"].as_u64(), r["tab"].as_str(), r["base"].as_str()), (Some(2), Some("b"), Some("2016-01-01")));
    assert_eq!(s.get("/api/..%2F/rev").0 / 100, 4);
}

#[test]
fn ctrl_c_and_sigterm_stop_the_server_and_remove_its_site_folder() {
    for sig in ["INT", "TERM"] {
        let mut s = Server::start(&format!("signal-{sig}"));
        let temp = s.temp_folder();
        assert!(temp.join("site").join("index.html").is_file(), "the site is built in {}", temp.display());
        let status = s.signal(sig).unwrap_or_else(|| panic!("the server did not stop on SIG{sig}"));
        assert!(status.success(), "SIG{sig}: {status}");
        assert!(!temp.exists(), "SIG{sig}: {} is left behind", temp.display());
    }
}

#[test]
fn a_draft_of_an_egov_xml_base_is_saved_as_the_text_it_reads_as() {
    let s = Server::start("xml");
    let reg = s.root.join("regulations").join("tetsuzuki");
    std::fs::create_dir_all(&reg).unwrap();
    let xml = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpus/egov-xml/405AC0000000088_20180401_429AC0000000004.xml");
    std::fs::copy(&xml, reg.join("2018-04-01.xml")).unwrap();
    // The draft starts as the XML's canonical text.
    let (status, out) = s.get("/api/tetsuzuki/draft?base=2018-04-01");
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&out));
    let draft: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let text = draft["text"].as_str().unwrap();
    assert!(!text.trim_start().starts_with('<'), "a text to edit, not XML");
    let changed = text.replacen("公正の確保と透明性", "公正の確保と一層の透明性", 1);
    assert_ne!(changed, text);
    let body = serde_json::json!({"base": "2018-04-01", "text": changed, "tab": "t", "date": "2024-04-01"});
    let (status, out) = s.post("/api/tetsuzuki/panes", &body.to_string());
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&out));
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["changes"], 1, "only 第1条 changed: {}", v["amend"]);
    assert_eq!(v["amend"]["checked"], true, "{}", v["amend"]);
    // Saved as plain text, the format it was read in; read back as every command reads it, it is the draft.
    let (status, out) = s.post("/api/tetsuzuki/save", &body.to_string());
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&out));
    let saved: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(saved["saved"], "2024-04-01.txt");
    let path = reg.join("2024-04-01.txt");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), changed);
    let src = kitei::input::load(&path, None).unwrap();
    assert_eq!(src.format, kitei::input::InputFormat::Text);
    let reread = kitei::parse::parse_source(&src).unwrap().document;
    let base = kitei::load(&reg.join("2018-04-01.xml")).unwrap().document;
    let cmp = kitei::diff::compare(&base, &reread, &Default::default());
    let changed_ids: Vec<_> = cmp.changes.iter().filter(|c| c.top_level).filter_map(|c| c.new_id.clone()).collect();
    assert_eq!(changed_ids.len(), 1, "the saved version differs from the base by 第1条 only: {changed_ids:?}");
    assert!(kitei::export::text::to_text(&reread).contains("一層の透明性"));
}

#[test]
fn the_impact_list_follows_the_base_asked_for_not_the_one_kept() {
    // The same draft text compared first with 2014-04-01, then its impact asked for against 2016-01-01: the
    // kept comparison (against 2014) must not serve; the answer equals a fresh server's for 2016.
    let s = Server::start("kept-base");
    let text = String::from_utf8(s.get(&format!("/api/{REG}/draft?base=2016-01-01")).1).unwrap();
    let draft: serde_json::Value = serde_json::from_str(&text).unwrap();
    let changed = draft["text"].as_str().unwrap().replacen("継続性を確保", "継続性を確実に確保", 1);
    let body = |base: &str, rev: u64| serde_json::json!({"base": base, "text": changed, "tab": "a", "rev": rev});
    let impact = |s: &Server, base: &str, rev: u64| {
        let (status, out) = s.post(&format!("/api/{REG}/impact"), &body(base, rev).to_string());
        assert_eq!(status, 200, "{}", String::from_utf8_lossy(&out));
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
        v["impact_html"].as_str().unwrap_or_else(|| panic!("{v}")).to_string()
    };
    assert_eq!(s.post(&format!("/api/{REG}/panes"), &body("2014-04-01", 0).to_string()).0, 200);
    let after_2014 = impact(&s, "2016-01-01", 1);
    let fresh = Server::start("fresh-base");
    assert_eq!(after_2014, impact(&fresh, "2016-01-01", 0));
    assert_ne!(impact(&fresh, "2014-04-01", 1), after_2014, "the two bases give different lists");
}
