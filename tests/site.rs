//! Integration tests of `kitei build`: the bundled regulations built into a temporary directory.

#[path = "common/search_index.rs"]
mod search_index;

use kitei::render::{build_site_as_of, BuildOptions, SiteOptions};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn temp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("kitei-site-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    d
}

/// The as-of date every build uses, so that the current version does not depend on the day the tests run.
const AS_OF: &str = "2026-11-25";

fn as_of(date: &str) -> SiteOptions {
    SiteOptions { as_of: Some(date.to_string()) }
}

fn build_site(
    input: &Path,
    options: &BuildOptions,
    progress: &mut dyn FnMut(usize, usize, &str),
) -> kitei::Result<kitei::render::BuildReport> {
    build_site_as_of(input, options, &as_of(AS_OF), progress)
}

fn build(input: &Path, out: &Path) -> kitei::render::BuildReport {
    build_site(
        input,
        &BuildOptions {
            out: out.to_path_buf(),
            templates: None,
            strict: false,
            fail_fast: false,
            ..Default::default()
        },
        &mut |_, _, _| {},
    )
    .unwrap()
}

fn files(root: &Path) -> BTreeMap<String, Vec<u8>> {
    fn go(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                go(root, &p, out);
            } else {
                let rel = p.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
                out.insert(rel, std::fs::read(&p).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    go(root, root, &mut out);
    out
}

/// The value of every `attr="…"` in the HTML.
fn attr_values(html: &str, attr: &str) -> Vec<String> {
    let pat = format!(" {attr}=\"");
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find(&pat) {
        rest = &rest[i + pat.len()..];
        let end = rest.find('"').unwrap();
        out.push(
            rest[..end]
                .replace("&#x2F;", "/")
                .replace("&quot;", "\"")
                .replace("&#x27;", "'")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&amp;", "&"),
        );
        rest = &rest[end..];
    }
    out
}

const VOID: &[&str] =
    &["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"];

/// Checks that every element is closed in order (void elements excepted). Returns the first problem.
fn check_balance(html: &str) -> Result<(), String> {
    let mut stack: Vec<String> = Vec::new();
    let mut rest = html;
    let mut line = 1;
    while let Some(i) = rest.find('<') {
        line += rest[..i].matches('\n').count();
        rest = &rest[i..];
        if rest.starts_with("<!--") {
            let end = rest.find("-->").ok_or("unclosed comment")?;
            line += rest[..end].matches('\n').count();
            rest = &rest[end + 3..];
            continue;
        }
        let end = rest.find('>').ok_or(format!("line {line}: unclosed tag"))?;
        let tag = &rest[1..end];
        line += tag.matches('\n').count();
        rest = &rest[end + 1..];
        if tag.starts_with('!') {
            continue;
        }
        if let Some(name) = tag.strip_prefix('/') {
            let name = name.trim().to_ascii_lowercase();
            match stack.pop() {
                Some(open) if open == name => {}
                other => return Err(format!("line {line}: </{name}> closes {other:?}")),
            }
            continue;
        }
        let name: String =
            tag.chars().take_while(|c| c.is_ascii_alphanumeric()).collect::<String>().to_ascii_lowercase();
        if name.is_empty() {
            return Err(format!("line {line}: bad tag <{tag}>"));
        }
        if tag.contains('<') {
            return Err(format!("line {line}: '<' inside tag <{tag}>"));
        }
        if VOID.contains(&name.as_str()) || tag.ends_with('/') {
            continue;
        }
        if name == "script" {
            let close = rest.find("</script>").ok_or("unclosed script")?;
            rest = &rest[close + "</script>".len()..];
            continue;
        }
        stack.push(name);
    }
    if stack.is_empty() {
        Ok(())
    } else {
        Err(format!("unclosed at the end: {stack:?}"))
    }
}

/// Headings start at h1 and never skip a level going down.
fn check_headings(html: &str) -> Result<(), String> {
    let mut prev = 0;
    for (i, _) in html.match_indices("<h") {
        let Some(level) = html[i + 2..].chars().next().and_then(|c| c.to_digit(10)) else { continue };
        if !html[i + 3..].starts_with(['>', ' ']) {
            continue;
        }
        if (prev == 0 && level != 1) || level > prev + 1 {
            return Err(format!("h{level} after h{prev}"));
        }
        prev = level;
    }
    if prev == 0 && html.contains("<main") {
        return Err("no headings".into());
    }
    Ok(())
}

struct Built {
    dir: PathBuf,
    out: PathBuf,
    files: BTreeMap<String, Vec<u8>>,
}

fn built(name: &str) -> Built {
    let dir = temp(name);
    let out = dir.join("site");
    build(&repo().join("regulations"), &out);
    let files = files(&out);
    Built { dir, out, files }
}

fn text(b: &Built, path: &str) -> String {
    String::from_utf8(b.files.get(path).unwrap_or_else(|| panic!("{path} missing")).clone()).unwrap()
}

/// Every page is balanced, has ordered headings and unique IDs, and every link and anchor resolves.
/// Returns the number of links checked.
fn check_site(files: &BTreeMap<String, Vec<u8>>) -> usize {
    let text = |p: &str| String::from_utf8(files[p].clone()).unwrap();
    let html: Vec<&String> = files.keys().filter(|k| k.ends_with(".html")).collect();
    let ids: BTreeMap<&str, BTreeSet<String>> =
        html.iter().map(|p| (p.as_str(), attr_values(&text(p), "id").into_iter().collect())).collect();
    let mut checked = 0;
    for page in &html {
        let content = text(page);
        check_balance(&content).unwrap_or_else(|e| panic!("{page}: {e}"));
        check_headings(&content).unwrap_or_else(|e| panic!("{page}: {e}"));
        let all = attr_values(&content, "id");
        let set: BTreeSet<_> = all.iter().collect();
        assert_eq!(all.len(), set.len(), "{page}: duplicate ids");
        for href in attr_values(&content, "href").into_iter().chain(attr_values(&content, "src")) {
            assert!(
                !href.starts_with("http:") && !href.starts_with("https:") && !href.starts_with("//"),
                "{page}: external {href}"
            );
            let (path, frag) = href.split_once('#').map(|(p, f)| (p, Some(f))).unwrap_or((href.as_str(), None));
            let target = if path.is_empty() {
                page.to_string()
            } else {
                let base = Path::new(page.as_str()).parent().unwrap().join(path);
                let mut parts: Vec<String> = Vec::new();
                for c in base.components() {
                    match c {
                        std::path::Component::ParentDir => {
                            parts.pop();
                        }
                        std::path::Component::Normal(s) => parts.push(s.to_string_lossy().into_owned()),
                        _ => {}
                    }
                }
                parts.join("/")
            };
            assert!(files.contains_key(&target), "{page}: link {href} → missing {target}");
            if let Some(f) = frag {
                let t = ids.get(target.as_str()).unwrap_or_else(|| panic!("{page}: #{f} in non-HTML {target}"));
                assert!(t.contains(f), "{page}: anchor {href} not found in {target}");
            }
            checked += 1;
        }
    }
    checked
}

#[test]
fn site_links_anchors_and_markup_are_sound() {
    let b = built("links");
    assert!(b.files.keys().filter(|k| k.ends_with(".html")).count() >= 10);
    let checked = check_site(&b.files);
    assert!(checked > 200, "only {checked} links checked");
}

fn shared() -> PathBuf {
    let local = repo().join("../shared");
    if local.join("corpus").exists() {
        local
    } else {
        PathBuf::from("/work/shared")
    }
}

#[test]
fn the_kaisha_ho_builds_with_sound_links() {
    let dir = temp("kaisha");
    let reg = dir.join("in/kaisha");
    std::fs::create_dir_all(&reg).unwrap();
    std::fs::copy(shared().join("corpus/lawtext/417AC0000000086_20170401_会社法.law.txt"), reg.join("2017-04-01.txt"))
        .unwrap();
    let report = build(&dir.join("in"), &dir.join("out"));
    assert_eq!(report.versions, 1);
    let out = files(&dir.join("out"));
    let checked = check_site(&out);
    // 会社法 is split into a contents page and part pages (`render::split`); together they are the law.
    let page = String::from_utf8(out["kaisha/index.html"].clone()).unwrap();
    let parts: Vec<String> = out
        .iter()
        .filter(|(k, _)| k.starts_with("kaisha/index.p") && k.ends_with(".html"))
        .map(|(_, v)| String::from_utf8(v.clone()).unwrap())
        .collect();
    assert!(parts.len() >= 8, "{} parts", parts.len());
    // Thousands of internal references, all resolving (checked above), and untranslated rows flagged.
    assert!(parts.iter().map(|p| p.matches("class=\"xref\"").count()).sum::<usize>() > 3000, "{checked}");
    assert!(parts.iter().any(|p| p.contains("id=\"art_2__para_1__item_1\"")));
    assert!(page.contains("No English translation"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_version_page_has_the_stable_hooks() {
    let b = built("hooks");
    // 2016-01-01 is current: published once, as index.html; its dated page leads there, fragment and all.
    let dated = text(&b, "jlis-ninsho-jimu-kanri-kitei/2016-01-01.html");
    assert!(dated.len() < 1000 && dated.contains("location.replace(\"index.html\" + location.hash)"), "{dated}");
    assert!(dated.contains("url=index.html") && !dated.contains("class=\"provision"), "{dated}");
    let page = text(&b, "jlis-ninsho-jimu-kanri-kitei/index.html");
    for hook in [
        "<main id=\"main\">",
        "<div class=\"provision k-item d-2\" id=\"art_10__para_4__item_5\">",
        "<div class=\"ja\" lang=\"ja\">",
        "<div class=\"en\" lang=\"en\">",
        "data-lang-toggle=\"ja\"",
        "data-lang-toggle=\"en\"",
        "data-lang-toggle=\"both\"",
        "class=\"xref-external\"",
        "<dfn id=",
        "<abbr class=\"term\" data-d=\"",
        "href=\"#main\"",
    ] {
        assert!(page.contains(hook), "missing {hook}");
    }
    // The English beside the Japanese, aligned by ID.
    let row = page.split("id=\"art_10__para_4__item_5\"").nth(1).unwrap();
    let row = &row[..row.find("<div class=\"provision").unwrap()];
    // Each use of a defined term names a definition that is on the page, with its meaning written once.
    for n in page.split("<abbr class=\"term\" data-d=\"").skip(1).map(|r| &r[..r.find('"').unwrap()]) {
        assert!(page.contains(&format!("<dfn id=\"dfn-{n}\" data-m=\"")), "no definition dfn-{n}");
    }
    assert!(!page.contains("data-tip=") && !page.contains("title=\"機構"), "a tooltip repeated at a use");
    assert!(row.contains("その他セキュリティ対策に必要な措置"));
    assert!(row.contains("other measures necessary for security countermeasures."));
    // The current page links changed provisions to the 新旧対照表, and 前条 to the previous article.
    // On 2026-11-25 the 2016 version is in force; the 2027 one is scheduled.
    let current = text(&b, "jlis-ninsho-jimu-kanri-kitei/index.html");
    assert!(current.contains("<a class=\"xref\" href=\"#art_9\">第9条</a>"));
    assert!(current.contains("<time datetime=\"2016-01-01\">2016-01-01</time>"));
    assert!(current.contains("class=\"changed\" href=\"compare-2014-04-01_2016-01-01.html#art_10\""));
    assert!(!current.contains("illustrative-banner"));
    let search = text(&b, "search.html");
    assert!(search.contains("<input id=\"search-input\""));
    assert!(search.contains("<ol id=\"search-results\">"));
}

#[test]
fn the_checklist_page_lists_the_obligations_bilingually_and_prints() {
    let b = built("checklist");
    let page = text(&b, "jlis-ninsho-jimu-kanri-kitei/checklist.html");
    // In the site's frame, printable through the site's stylesheet.
    assert!(page.contains("static/site.css\">") && page.contains("<main id=\"main\"") && page.contains("site-search"));
    assert!(text(&b, "static/site.css").contains("@media print"));
    // 第11条's five items, each readable on its own (柱書 shortened, then the item), with the English.
    let items: Vec<&str> = (1..=6)
        .filter_map(|n| {
            let id = format!("id=\"art_11__para_1__item_{n}\"");
            page.split(id.as_str()).nth(1).map(|row| &row[..row.find("</tr>").unwrap()])
        })
        .collect();
    assert!(items.len() >= 5, "第11条 items on the checklist: {}", items.len());
    assert!(items[0].contains("次の措置を講ずる：認証業務情報の入力を適正に実施するための必要な措置"));
    assert!(items[0].contains("measures necessary for the proper input of certification services information"));
    assert!(items[4].contains("認証業務情報の漏えい、滅失及び毀損を防止するための"));
    assert!(items.iter().all(|r| r.contains("第11条第") && r.contains("lang=\"en\"")));
    // Linked from the regulation page and every version page (the current one, 2016-01-01, is index.html),
    // and linking back.
    for p in ["index.html", "2014-04-01.html", "2027-04-01.html"] {
        let v = text(&b, &format!("jlis-ninsho-jimu-kanri-kitei/{p}"));
        assert!(v.contains("<a href=\"checklist.html\">"), "{p} does not link the checklist");
    }
    assert!(page.contains("<a href=\"index.html\">"));
}

#[test]
fn the_compare_page_shows_the_amending_text() {
    let b = built("amend");
    let page = text(&b, "jlis-ninsho-jimu-kanri-kitei/compare-2016-01-01_2027-04-01.html");
    let section = page.split("id=\"amendment-title\"").nth(1).expect("改め文 section");
    let section = &section[..section.find("</section>").unwrap()];
    assert!(section.contains("<p>地方公共団体情報システム機構認証事務管理規程の一部を改正する規程</p>"));
    assert!(section.contains("改める。"));
    assert!(section.contains("を加える。"));
    assert!(section.contains("第11条第3号中「提供」を「利用及び提供」に改め"));
    assert!(!section.contains("自動生成できませんでした"));
}

#[test]
fn the_compare_page_offers_the_table_as_a_word_document() {
    let b = built("docx");
    let slug = "jlis-ninsho-jimu-kanri-kitei";
    let page = text(&b, &format!("{slug}/compare-2016-01-01_2027-04-01.html"));
    let link = page.split("<a href=\"").find(|a| a.contains(">Word (.docx)</a>")).expect("a Word (.docx) link");
    let href = &link[..link.find('"').unwrap()];
    let bytes = &b.files[&format!("{slug}/{href}")];
    // A ZIP holding word/document.xml, whose table has the new wording of 第11条第3号.
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("the .docx is a ZIP archive");
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").expect("word/document.xml"), &mut xml).unwrap();
    assert!(xml.contains("<w:tbl>") && xml.contains("利用及び"), "document.xml lacks the table");
    // The same bytes `kitei diff --format docx` writes for the two versions.
    let version = |d: &str| {
        kitei::parse::parse_source(
            &kitei::input::load(&repo().join(format!("regulations/{slug}/{d}.md")), None).unwrap(),
        )
        .unwrap()
        .document
    };
    let cmp = kitei::diff::compare(&version("2016-01-01"), &version("2027-04-01"), &Default::default());
    let expected = kitei::export::docx::shinkyu::render_docx(&cmp, &Default::default()).unwrap();
    assert!(bytes == &expected, "the site's .docx differs from the diff command's");
    // Every comparison has one, and the API names it.
    let api: serde_json::Value = serde_json::from_slice(&b.files["api/index.json"]).unwrap();
    let named: Vec<&str> = api["regulations"][0]["versions"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|v| v["compare_docx"].as_str())
        .collect();
    assert_eq!(named.len(), 2, "{named:?}");
    assert!(named.iter().all(|p| b.files.contains_key(*p)), "{named:?}");
}

#[test]
fn an_amendment_that_cannot_be_generated_leaves_a_note() {
    let dir = temp("amend-note");
    let reg = dir.join("in/r");
    std::fs::create_dir_all(&reg).unwrap();
    std::fs::write(reg.join("2020-01-01.md"), "例規程\n\n第1条　委員会を置く。\n").unwrap();
    // A new 別表 is a change generate() does not write yet.
    std::fs::write(reg.join("2021-01-01.md"), "例規程\n\n第1条　委員会を置く。\n\n別表第1（第1条関係）\n\n委員長\n")
        .unwrap();
    build(&dir.join("in"), &dir.join("site"));
    let page = std::fs::read_to_string(dir.join("site/r/compare-2020-01-01_2021-01-01.html")).unwrap();
    assert!(page.contains("改め文を自動生成できませんでした: "), "no note");
    assert!(page.contains("別表"));
    let _ = std::fs::remove_dir_all(&dir);
}

/// The `<li>` of the version history for `date`.
fn history_item<'a>(page: &'a str, date: &str) -> &'a str {
    let history = &page[page.find("id=\"history-title\"").expect("history")..];
    let item = history.split("<li").find(|li| li.contains(&format!("href=\"{date}.html\""))).expect(date);
    &item[..item.find("</li>").unwrap()]
}

#[test]
fn the_current_version_is_the_one_in_force_on_the_as_of_date() {
    const FUTURE: &str = "施行予定 <span lang=\"en\">Not yet in force</span>";
    let current = |b: &Built| -> String {
        let page = text(b, "jlis-ninsho-jimu-kanri-kitei/index.html");
        let meta = &page[page.find("class=\"version-meta\"").unwrap()..];
        meta[meta.find("datetime=\"").unwrap() + 10..][..10].to_string()
    };
    // Today (2026-11-25): 2016-01-01 is current, 2027-04-01 is scheduled.
    let today = built("as-of-today");
    assert_eq!(current(&today), "2016-01-01");
    let index = text(&today, "jlis-ninsho-jimu-kanri-kitei/index.html");
    assert!(history_item(&index, "2027-04-01").contains(FUTURE));
    assert!(!history_item(&index, "2016-01-01").contains(FUTURE));
    assert!(history_item(&index, "2016-01-01").contains("現行"));
    let meta = |b: &Built, p: &str| {
        let page = text(b, p);
        let m = &page[page.find("class=\"version-meta\"").unwrap()..];
        m[..m.find("</p>").unwrap()].to_string()
    };
    assert!(meta(&today, "jlis-ninsho-jimu-kanri-kitei/2027-04-01.html").contains(FUTURE));
    assert!(!meta(&today, "jlis-ninsho-jimu-kanri-kitei/index.html").contains(FUTURE));
    assert!(text(&today, "index.html").contains(FUTURE));
    let api: serde_json::Value = serde_json::from_slice(&today.files["api/index.json"]).unwrap();
    assert_eq!(api["as_of"], AS_OF);
    assert_eq!(api["regulations"][0]["current"], "2016-01-01");
    assert_eq!(api["regulations"][0]["latest"], "2027-04-01");
    assert_eq!(api["regulations"][0]["versions"][2]["in_force"], false);
    // The checklist is the current version's: 第11条 has five items in 2016 (six in 2027).
    let checklist = text(&today, "jlis-ninsho-jimu-kanri-kitei/checklist.html");
    assert!(checklist.contains("id=\"art_11__para_1__item_5\""));
    assert!(!checklist.contains("id=\"art_11__para_1__item_6\""));

    // In 2030 the 2027 amendment is in force: it is current and nothing is scheduled.
    let dir = temp("as-of-2030");
    build_site_as_of(
        &repo().join("regulations"),
        &BuildOptions { out: dir.join("site"), templates: None, strict: false, fail_fast: false, ..Default::default() },
        &as_of("2030-01-01"),
        &mut |_, _, _| {},
    )
    .unwrap();
    let later = Built { files: files(&dir.join("site")), out: dir.join("site"), dir };
    assert_eq!(current(&later), "2027-04-01");
    let index = text(&later, "jlis-ninsho-jimu-kanri-kitei/index.html");
    assert!(!index.contains(FUTURE));
    assert!(history_item(&index, "2027-04-01").contains("現行"));
    assert!(index.contains("<a class=\"xref\" href=\"#art_19\">前条</a>"));
    assert!(index.contains("class=\"changed\" href=\"compare-2016-01-01_2027-04-01.html#art_20\""));
    assert!(index.contains("illustrative-banner"));
    assert!(text(&later, "jlis-ninsho-jimu-kanri-kitei/checklist.html").contains("id=\"art_11__para_1__item_6\""));
}

#[test]
fn the_api_lists_every_version_and_the_json_parses() {
    let b = built("api");
    let api: serde_json::Value = serde_json::from_slice(&b.files["api/index.json"]).unwrap();
    let reg = &api["regulations"][0];
    assert_eq!(reg["slug"], "jlis-ninsho-jimu-kanri-kitei");
    let dates: Vec<&str> = reg["versions"].as_array().unwrap().iter().map(|v| v["date"].as_str().unwrap()).collect();
    assert_eq!(dates, ["2014-04-01", "2016-01-01", "2027-04-01"]);
    for v in reg["versions"].as_array().unwrap() {
        let path = v["json"].as_str().unwrap();
        let doc: kitei::Document = serde_json::from_slice(&b.files[path]).unwrap();
        assert_eq!(doc.title, "地方公共団体情報システム機構認証事務管理規程");
        assert!(b.files.contains_key(v["html"].as_str().unwrap()));
        let xml = String::from_utf8(b.files[v["egov_xml"].as_str().unwrap()].clone()).unwrap();
        assert!(
            xml.starts_with("<?xml")
                && xml.contains("<LawTitle>地方公共団体情報システム機構認証事務管理規程</LawTitle>")
        );
    }
}

#[test]
fn the_search_index_holds_japanese_bigrams_and_english_words() {
    let b = built("search");
    let ix = search_index::read(&|p| b.files.get(p).map(|f| String::from_utf8(f.clone()).unwrap()));
    let (postings, docs) = (&ix.postings, &ix.docs);
    assert_eq!(ix.meta["ndocs"].as_u64(), Some(docs.len() as u64));
    for token in ["認証", "従事", "certification", "confidentiality"] {
        let hits = postings.get(token).unwrap_or_else(|| panic!("{token} not indexed"));
        assert!(!hits.is_empty());
        let d = &docs[hits[0] as usize];
        let both = format!("{} {}", d["j"], d["e"]).to_lowercase();
        assert!(both.contains(token), "{token} not in {both}");
        assert!(d["u"].as_str().unwrap().starts_with("jlis-ninsho-jimu-kanri-kitei/index.html#"));
    }
}

#[test]
fn rebuilds_are_byte_identical_and_replace_only_kitei_sites() {
    let dir = temp("determinism");
    build(&repo().join("regulations"), &dir.join("a"));
    build(&repo().join("regulations"), &dir.join("b"));
    assert_eq!(files(&dir.join("a")), files(&dir.join("b")));
    // A rebuild over a previous site works; over anything else it is refused.
    build(&repo().join("regulations"), &dir.join("a"));
    std::fs::create_dir_all(dir.join("c")).unwrap();
    std::fs::write(dir.join("c/notes.txt"), "mine").unwrap();
    let err = build_site(
        &repo().join("regulations"),
        &BuildOptions { out: dir.join("c"), templates: None, strict: false, fail_fast: false, ..Default::default() },
        &mut |_, _, _| {},
    );
    assert!(err.is_err());
    assert_eq!(std::fs::read_to_string(dir.join("c/notes.txt")).unwrap(), "mine");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn regulation_text_is_escaped() {
    let dir = temp("escape");
    let reg = dir.join("in/evil");
    std::fs::create_dir_all(&reg).unwrap();
    std::fs::write(reg.join("2020-01-01.txt"), "悪い規程\n\n第1条　<script>alert(\"x\")</script>を定める。\n").unwrap();
    build(&dir.join("in"), &dir.join("out"));
    let out = files(&dir.join("out"));
    let page = String::from_utf8(out["evil/index.html"].clone()).unwrap();
    assert!(!page.contains("<script>alert"), "unescaped script");
    assert!(page.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"));
    for (path, bytes) in out.iter().filter(|(p, _)| p.starts_with("search/")) {
        assert!(!String::from_utf8_lossy(bytes).contains("</script>"), "{path}");
    }
    let ix = search_index::read(&|p| out.get(p).map(|f| String::from_utf8(f.clone()).unwrap()));
    assert!(ix.docs.iter().any(|d| d["j"].as_str().is_some_and(|j| j.contains("</script>"))));
    check_balance(&page).unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn stale_missing_and_orphaned_translations_are_reported_and_shown() {
    let dir = temp("stale");
    let src = repo().join("regulations/jlis-ninsho-jimu-kanri-kitei");
    let reg = dir.join("in/r");
    std::fs::create_dir_all(&reg).unwrap();
    std::fs::copy(src.join("2016-01-01.md"), reg.join("2016-01-01.md")).unwrap();
    std::fs::copy(src.join("2027-04-01.md"), reg.join("2027-04-01.md")).unwrap();
    // The 2027 version carries the 2016 translation, with one article removed and one invented.
    let en = std::fs::read_to_string(src.join("2016-01-01.en.md")).unwrap();
    let en = en.replace("Article 9 (General Management Officer)\n", "Article 99 (Invented)\n");
    std::fs::write(reg.join("2027-04-01.en.md"), en).unwrap();
    // Built as of a date when the 2027 version is in force (it is the current page).
    let report = build_site_as_of(
        &dir.join("in"),
        &BuildOptions { out: dir.join("out"), templates: None, strict: false, fail_fast: false, ..Default::default() },
        &as_of("2027-04-01"),
        &mut |_, _, _| {},
    )
    .unwrap();
    let codes: BTreeSet<(String, String)> =
        report.diagnostics.iter().map(|(_, d)| (d.code.clone(), d.id.clone().unwrap_or_default())).collect();
    assert!(codes.contains(&("translation-stale".into(), "art_11__para_1__item_3".into())), "{codes:?}");
    assert!(codes.contains(&("translation-missing".into(), "art_20".into())), "{codes:?}");
    assert!(codes.contains(&("translation-missing".into(), "art_9".into())), "{codes:?}");
    assert!(codes.contains(&("translation-orphaned".into(), "art_99".into())), "{codes:?}");
    let page = String::from_utf8(files(&dir.join("out"))["r/index.html"].clone()).unwrap();
    // 第11条 changed (new item 6): flagged; 第21条 (old 第20条, only renumbered) shows the old translation.
    let row = |id: &str| {
        let r = page.split(&format!("id=\"{id}\"")).nth(1).unwrap().to_string();
        r[..r.find("<div class=\"provision").unwrap()].to_string()
    };
    assert!(row("art_11__para_1__item_3").contains("stale-note"));
    assert!(row("art_21__para_1").contains("respond promptly to the occurrence of a disaster"));
    assert!(!row("art_21__para_1").contains("stale-note"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn templates_can_be_overridden_by_name() {
    let dir = temp("templates");
    std::fs::create_dir_all(dir.join("t/static")).unwrap();
    std::fs::write(dir.join("t/static/site.css"), "/* custom */").unwrap();
    std::fs::write(
        dir.join("t/checklist.html.tera"),
        "<!DOCTYPE html><html lang=\"ja\"><head><meta charset=\"utf-8\"><title>c</title></head><body>\n<h1>Own {{ groups | length }}</h1><a href=\"{{ site.regulation }}\">back</a></body></html>",
    )
    .unwrap();
    std::fs::write(dir.join("t/index.html.tera"), "{% extends \"base.html.tera\" %}{% block body %}<main id=\"main\"><h1>Custom {{ regs | length }}</h1></main>{% endblock body %}").unwrap();
    build_site(
        &repo().join("regulations"),
        &BuildOptions {
            out: dir.join("out"),
            templates: Some(dir.join("t")),
            strict: false,
            fail_fast: false,
            ..Default::default()
        },
        &mut |_, _, _| {},
    )
    .unwrap();
    let out = files(&dir.join("out"));
    assert_eq!(out["static/site.css"], b"/* custom */");
    assert!(String::from_utf8(out["index.html"].clone()).unwrap().contains("<h1>Custom 1</h1>"));
    let checklist = String::from_utf8(out["jlis-ninsho-jimu-kanri-kitei/checklist.html"].clone()).unwrap();
    assert!(checklist.contains("<h1>Own "), "checklist template not overridden: {checklist}");
    assert!(checklist.contains("<a href=\"index.html\">"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn an_overriding_checklist_template_places_the_site_links_itself() {
    // The body tag has attributes and the links come last: nothing may depend on a bare `<body>`.
    let dir = temp("checklist-body");
    std::fs::create_dir_all(dir.join("t")).unwrap();
    std::fs::write(
        dir.join("t/checklist.html.tera"),
        "<!DOCTYPE html><html lang=\"ja\"><head><meta charset=\"utf-8\"><title>c</title></head>\
         <body class=\"x\" data-n=\"{{ groups | length }}\"><h1>{{ title }}</h1>\
         {% if site %}<footer><a href=\"{{ site.regulation }}\">規程本文</a> <a href=\"{{ site.index }}\">規程集</a></footer>{% endif %}\
         </body></html>",
    )
    .unwrap();
    build_site(
        &repo().join("regulations"),
        &BuildOptions {
            out: dir.join("out"),
            templates: Some(dir.join("t")),
            strict: false,
            fail_fast: false,
            ..Default::default()
        },
        &mut |_, _, _| {},
    )
    .unwrap();
    let out = files(&dir.join("out"));
    let page = String::from_utf8(out["jlis-ninsho-jimu-kanri-kitei/checklist.html"].clone()).unwrap();
    // tera's autoescape writes `/` as `&#x2F;` (as in every page's `{{ root }}`).
    let page = page.replace("&#x2F;", "/");
    assert!(page.contains("<body class=\"x\" data-n=\""), "{page}");
    let footer = "<footer><a href=\"index.html\">規程本文</a> <a href=\"../index.html\">規程集</a></footer></body>";
    assert!(page.contains(footer), "the template's own links are missing: {page}");
    assert_eq!(page.matches("href=\"index.html\"").count(), 1, "links added besides the template's: {page}");
    check_balance(&page).unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn snapshot_of_the_seed_version_page() {
    let b = built("snapshot");
    let page = text(&b, "jlis-ninsho-jimu-kanri-kitei/index.html");
    let start = page.find("<main id=\"main\">").unwrap();
    let end = page.find("</main>").unwrap() + "</main>".len();
    insta::assert_snapshot!("seed_2016_main", &page[start..end]);
    assert!(b.out.join(".kitei-site").exists());
}

impl Drop for Built {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

#[test]
fn a_version_edited_in_place_shows_exactly_that_provision_stale_and_names_the_translated_version() {
    let dir = temp("inplace");
    let src = repo().join("regulations/jlis-ninsho-jimu-kanri-kitei");
    let reg = dir.join("in/r");
    std::fs::create_dir_all(&reg).unwrap();
    let ja = std::fs::read_to_string(src.join("2016-01-01.md")).unwrap();
    let edited = ja.replacen("障害対策等の措置", "障害対策その他の措置", 1);
    assert_ne!(ja, edited);
    std::fs::write(reg.join("2016-01-01.md"), edited).unwrap();
    std::fs::copy(src.join("2016-01-01.en.md"), reg.join("2016-01-01.en.md")).unwrap();
    let report = build(&dir.join("in"), &dir.join("out"));
    let stale: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|(_, d)| d.code == "translation-stale")
        .map(|(f, d)| (f.clone(), d.id.clone().unwrap_or_default()))
        .collect();
    assert_eq!(stale, vec![("r/2016-01-01.en.md".to_string(), "art_12__para_1".to_string())]);
    let page = String::from_utf8(files(&dir.join("out"))["r/index.html"].clone()).unwrap();
    assert_eq!(page.matches("class=\"stale-note\"").count(), 1, "one stale row");
    let row = page.split("id=\"art_12__para_1\"").nth(1).unwrap();
    let row_end = row.find("class=\"provision").unwrap_or(row.len());
    assert!(row[..row_end].contains("stale-note"), "the stale note is on 第12条第1項's own row");
    assert!(page.contains("class=\"translation-source\""), "the page names the translated version");
    assert!(page.contains("English translated from the Japanese of</span> 2016-01-01"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_regulation_cannot_take_the_search_index_folder() {
    let dir = temp("search-slug");
    let reg = dir.join("in/search");
    std::fs::create_dir_all(&reg).unwrap();
    std::fs::write(reg.join("2020-01-01.txt"), "検索規程\n\n第1条　検索を定める。\n").unwrap();
    let options =
        BuildOptions { out: dir.join("out"), templates: None, strict: false, fail_fast: false, ..Default::default() };
    let err = build_site(&dir.join("in"), &options, &mut |_, _, _| {}).unwrap_err();
    assert!(err.to_string().contains("\"search\""), "{err}");
    assert!(!dir.join("out").exists());
    std::fs::remove_dir_all(&dir).unwrap();
}
