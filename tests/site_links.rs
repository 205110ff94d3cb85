//! Soundness of the built site beyond what tests/site.rs checks (tag balance, duplicate ids, the hrefs
//! written in the HTML):
//! - the links that scripts and API clients follow resolve: every search result URL in `search/`
//!   and every file named in `api/index.json` names an existing file, and its `#fragment` an element of it;
//! - the markup parses as written: no block element inside an open `<p>` (the HTML parser would close the
//!   paragraph early and leave an empty `<p></p>` behind), no link inside a link, no control inside a
//!   button, no duplicate attribute, ids without spaces; every page declares its doctype, language,
//!   charset and a title; every site page (one using site.css) has one `<main id="main">`.

#[path = "common/search_index.rs"]
mod search_index;

use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// `regulations/` built with the CLI into a temp dir, once; every file by its `/`-separated path.
fn site() -> &'static BTreeMap<String, String> {
    static SITE: OnceLock<BTreeMap<String, String>> = OnceLock::new();
    SITE.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("kitei-site-links-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let out = dir.join("site");
        let status = Command::new(env!("CARGO_BIN_EXE_kitei"))
            .arg("build")
            .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("regulations"))
            .arg("-o")
            .arg(&out)
            .arg("--quiet")
            .args(["--as-of", "2026-11-25"])
            .status()
            .expect("run kitei build");
        assert!(status.success(), "kitei build failed: {status}");
        let mut files = BTreeMap::new();
        collect(&out, &out, &mut files);
        let _ = std::fs::remove_dir_all(&dir);
        files
    })
}

fn collect(root: &Path, dir: &Path, out: &mut BTreeMap<String, String>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p: PathBuf = e.unwrap().path();
        if p.is_dir() {
            collect(root, &p, out);
        } else {
            let rel = p.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
            out.insert(rel, String::from_utf8_lossy(&std::fs::read(&p).unwrap()).into_owned());
        }
    }
}

/// One tag of an HTML page: its name (lowercase), whether it closes, its attributes, and its line.
#[derive(Debug)]
struct Tag {
    name: String,
    end: bool,
    attrs: Vec<(String, String)>,
    line: usize,
}

fn unescape(s: &str) -> String {
    s.replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#x2F;", "/")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// The tags of `html` in order (comments, doctype and script/style content skipped).
fn tags(html: &str) -> Result<Vec<Tag>, String> {
    let mut out = Vec::new();
    let b = html.as_bytes();
    let (mut i, mut line) = (0, 1);
    while i < b.len() {
        if b[i] == b'\n' {
            line += 1;
        }
        if b[i] != b'<' {
            i += 1;
            continue;
        }
        if html[i..].starts_with("<!--") {
            let end = html[i..].find("-->").ok_or(format!("line {line}: unclosed comment"))? + i + 3;
            line += html[i..end].matches('\n').count();
            i = end;
            continue;
        }
        if html[i..].starts_with("<!") {
            i += html[i..].find('>').ok_or(format!("line {line}: unclosed <!"))? + 1;
            continue;
        }
        let start_line = line;
        let mut j = i + 1;
        let end = b.get(j) == Some(&b'/');
        if end {
            j += 1;
        }
        let n0 = j;
        while j < b.len() && b[j].is_ascii_alphanumeric() {
            j += 1;
        }
        let name = html[n0..j].to_ascii_lowercase();
        if name.is_empty() {
            return Err(format!("line {line}: '<' that starts no tag"));
        }
        // Attributes: name, name=value, name="value", name='value'.
        let mut attrs = Vec::new();
        loop {
            while j < b.len() && (b[j].is_ascii_whitespace() || b[j] == b'/') {
                if b[j] == b'\n' {
                    line += 1;
                }
                j += 1;
            }
            if j >= b.len() {
                return Err(format!("line {start_line}: unclosed <{name}"));
            }
            if b[j] == b'>' {
                j += 1;
                break;
            }
            let a0 = j;
            while j < b.len() && !b"=>/ \t\r\n".contains(&b[j]) {
                if b[j] == b'<' || b[j] == b'"' || b[j] == b'\'' {
                    return Err(format!("line {line}: bad character in an attribute name of <{name}>"));
                }
                j += 1;
            }
            let aname = html[a0..j].to_ascii_lowercase();
            let mut value = String::new();
            if b.get(j) == Some(&b'=') {
                j += 1;
                match b.get(j) {
                    Some(&q) if q == b'"' || q == b'\'' => {
                        let close =
                            html[j + 1..].find(q as char).ok_or(format!("line {line}: unclosed attribute value"))?;
                        value = unescape(&html[j + 1..j + 1 + close]);
                        line += value.matches('\n').count();
                        j += close + 2;
                    }
                    _ => {
                        let v0 = j;
                        while j < b.len() && !b" \t\r\n>".contains(&b[j]) {
                            j += 1;
                        }
                        value = unescape(&html[v0..j]);
                    }
                }
            }
            attrs.push((aname, value));
        }
        i = j;
        if !end && (name == "script" || name == "style") {
            let close = format!("</{name}>");
            let k = html[i..].find(&close).ok_or(format!("line {line}: unclosed <{name}>"))?;
            line += html[i..i + k].matches('\n').count();
            i += k;
        }
        out.push(Tag { name, end, attrs, line: start_line });
    }
    Ok(out)
}

const VOID: &[&str] =
    &["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"];

/// Elements whose start tag closes an open `<p>`.
const CLOSES_P: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "details",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "ul",
];

const INTERACTIVE: &[&str] = &["a", "button", "input", "select", "textarea", "details", "label"];

/// The content-model problems of one page (the first few).
fn markup_problems(html: &str) -> Vec<String> {
    let tags = match tags(html) {
        Ok(t) => t,
        Err(e) => return vec![e],
    };
    let mut problems = Vec::new();
    let mut stack: Vec<&str> = Vec::new();
    let mut mains = 0;
    for t in &tags {
        let at = t.line;
        if t.end {
            if let Some(k) = stack.iter().rposition(|n| *n == t.name) {
                stack.truncate(k);
            } else {
                problems.push(format!("line {at}: </{}> without <{}>", t.name, t.name));
            }
            continue;
        }
        let mut names = BTreeSet::new();
        for (a, v) in &t.attrs {
            if !names.insert(a.as_str()) {
                problems.push(format!("line {at}: <{}> repeats the attribute {a}", t.name));
            }
            if a == "id" && (v.is_empty() || v.chars().any(char::is_whitespace)) {
                problems.push(format!("line {at}: <{}> has an id with spaces or empty: {v:?}", t.name));
            }
        }
        if CLOSES_P.contains(&t.name.as_str()) && stack.contains(&"p") {
            problems.push(format!("line {at}: <{}> inside <p> (the parser closes the <p> early): {stack:?}", t.name));
        }
        if t.name == "a" && stack.contains(&"a") {
            problems.push(format!("line {at}: <a> inside <a>"));
        }
        if INTERACTIVE.contains(&t.name.as_str()) && stack.contains(&"button") {
            problems.push(format!("line {at}: <{}> inside <button>", t.name));
        }
        if t.name == "main" {
            mains += 1;
            if !t.attrs.iter().any(|(a, v)| a == "id" && v == "main") {
                problems.push(format!("line {at}: <main> without id=\"main\""));
            }
        }
        if !VOID.contains(&t.name.as_str()) {
            stack.push(&t.name);
        }
    }
    // Site pages carry the stable hook <main id="main">; standalone pages (the printable 新旧対照表) may not.
    let site_page =
        tags.iter().any(|t| t.name == "link" && t.attrs.iter().any(|(a, v)| a == "href" && v.ends_with("site.css")));
    if mains > 1 || (site_page && mains != 1) {
        problems.push(format!("{mains} <main> elements"));
    }
    let head = &html[..html.len().min(600)];
    if !head.starts_with("<!DOCTYPE html>") {
        problems.push("no <!DOCTYPE html> first".into());
    }
    if !head.contains("<meta charset=\"utf-8\">") {
        problems.push("no <meta charset=\"utf-8\"> near the top".into());
    }
    if !tags.iter().any(|t| t.name == "html" && !t.end && t.attrs.iter().any(|(a, v)| a == "lang" && !v.is_empty())) {
        problems.push("<html> without lang".into());
    }
    match (html.find("<title>"), html.find("</title>")) {
        (Some(a), Some(b)) if html[a + 7..b].trim().len() > 1 => {}
        _ => problems.push("no <title> with text".into()),
    }
    problems.truncate(10);
    problems
}

/// Every id on each HTML page.
fn ids() -> BTreeMap<&'static str, BTreeSet<String>> {
    site()
        .iter()
        .filter(|(p, _)| p.ends_with(".html"))
        .map(|(p, html)| {
            let ids = tags(html)
                .unwrap_or_default()
                .into_iter()
                .filter(|t| !t.end)
                .flat_map(|t| t.attrs.into_iter().filter(|(a, _)| a == "id").map(|(_, v)| v))
                .collect();
            (p.as_str(), ids)
        })
        .collect()
}

/// Checks that `link` (relative to the site root, maybe with a `#fragment`) resolves; `what` says where it came from.
fn resolve(link: &str, ids: &BTreeMap<&str, BTreeSet<String>>, what: &str) -> Result<(), String> {
    let (file, frag) = match link.split_once('#') {
        Some((f, x)) => (f, Some(x)),
        None => (link, None),
    };
    if file.is_empty() || file.starts_with('/') || file.contains("://") || file.split('/').any(|s| s == "..") {
        return Err(format!("{what}: {link:?} is not a path inside the site"));
    }
    if !site().contains_key(file) {
        return Err(format!("{what}: {link} → missing file {file}"));
    }
    if let Some(frag) = frag {
        let page = ids.get(file).ok_or(format!("{what}: {link} has a fragment but {file} is not HTML"))?;
        if !page.contains(frag) {
            return Err(format!("{what}: {link} → no element #{frag} in {file}"));
        }
    }
    Ok(())
}

#[test]
fn search_results_and_api_paths_resolve() {
    let ids = ids();
    let mut errors = Vec::new();

    let index = search_index::read(&|p| site().get(p).cloned());
    let docs = &index.docs;
    assert!(docs.len() > 20, "only {} search documents", docs.len());
    assert_eq!(index.meta["ndocs"].as_u64(), Some(docs.len() as u64));
    for (n, d) in docs.iter().enumerate() {
        let u = d["u"].as_str().unwrap_or_default();
        if !u.contains('#') {
            errors.push(format!("search doc {n}: {u:?} links to no provision"));
        }
        errors.extend(resolve(u, &ids, &format!("search doc {n}")).err());
        if !matches!(d["r"].as_u64(), Some(r) if index.meta["regs"].get(r as usize).is_some()) {
            errors.push(format!("search doc {n}: regulation {} is not in search/index.js", d["r"]));
        }
    }
    // Every posting points to a document.
    for (token, list) in &index.postings {
        for &d in list {
            if d as usize >= docs.len() {
                errors.push(format!("posting {token:?} → {d}, not a document"));
            }
        }
    }

    let api: Value = serde_json::from_str(site().get("api/index.json").expect("api/index.json missing")).unwrap();
    let regs = api["regulations"].as_array().expect("api regulations");
    assert!(!regs.is_empty());
    let mut paths = 0;
    for r in regs {
        let url = r["url"].as_str().unwrap_or_default();
        errors.extend(resolve(url, &ids, "api regulation url").err());
        paths += 1;
        for v in r["versions"].as_array().expect("api versions") {
            // Every file the API names (html, json, compare, translation_json, egov_xml, …).
            for (key, value) in v.as_object().expect("an api version") {
                let Some(p) = value.as_str() else { continue };
                if [".html", ".json", ".xml", ".js", ".docx"]
                    .iter()
                    .any(|ext| p.split('#').next().unwrap_or(p).ends_with(ext))
                {
                    errors.extend(resolve(p, &ids, &format!("api {} {key}", v["date"])).err());
                    paths += 1;
                }
            }
        }
    }
    assert!(paths >= 8, "only {paths} API paths");
    assert!(errors.is_empty(), "{} broken:\n{}", errors.len(), errors.join("\n"));
}

#[test]
fn pages_parse_as_written() {
    let pages: Vec<(&String, &String)> = site().iter().filter(|(p, _)| p.ends_with(".html")).collect();
    assert!(pages.len() >= 8, "only {} pages", pages.len());
    let mut errors = Vec::new();
    for (page, html) in &pages {
        for p in markup_problems(html) {
            errors.push(format!("{page}: {p}"));
        }
    }
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}

#[test]
fn the_markup_checker_catches_what_it_claims() {
    let page = |body: &str| {
        format!("<!DOCTYPE html>\n<html lang=\"ja\">\n<head>\n<meta charset=\"utf-8\">\n<title>t t</title>\n</head>\n<body><main id=\"main\">{body}</main></body>\n</html>\n")
    };
    assert_eq!(markup_problems(&page("<p>a <span class=\"x\">b</span><br></p>")), Vec::<String>::new());
    let cases = [
        ("<p>a<div>b</div></p>", "inside <p>"),
        ("<p>a<ol><li>b</li></ol></p>", "inside <p>"),
        ("<a href=\"#x\">a<a href=\"#y\">b</a></a>", "<a> inside <a>"),
        ("<button><a href=\"#x\">b</a></button>", "inside <button>"),
        ("<span id=\"a\" id=\"b\">x</span>", "repeats the attribute id"),
        ("<span id=\"a b\">x</span>", "id with spaces"),
        ("<main id=\"main\"></main>", "2 <main>"),
        ("</div>", "without <div>"),
        ("<span class=\"a>b</span>", "unclosed"),
    ];
    for (body, want) in cases {
        let got = markup_problems(&page(body));
        assert!(got.iter().any(|p| p.contains(want)), "{body}: expected {want:?}, got {got:?}");
    }
    assert!(markup_problems("<html><body><main id=\"main\"></main></body></html>")
        .iter()
        .any(|p| p.contains("DOCTYPE")));
    let site_page = page("<p>x</p>")
        .replace("<main id=\"main\">", "<div>")
        .replace("</main>", "</div>")
        .replace("<title>", "<link rel=\"stylesheet\" href=\"static/site.css\">\n<title>");
    assert!(markup_problems(&site_page).iter().any(|p| p.contains("0 <main>")), "{site_page}");
}
