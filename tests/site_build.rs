//! The site build at the scale of a 例規集 (`kitei::render::build_site_as_of`): regulations rendered in
//! parallel and streamed to disk give the same bytes as one thread and as the site rendered in memory, and a
//! rebuild renders only the regulations whose inputs changed, giving the same site as a clean build.
//! On a sample of ~50 regulations: the bundled one, 40 laws of `../shared/corpus/egov-2013/laws` (every 27th)
//! and 4 version pairs of `egov-2013/pairs`.

use kitei::render::templates::{self, Templates};
use kitei::render::{build_site_as_of, cache, load, site_files_as_of, BuildOptions, SiteOptions};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn corpus(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus").join(rel)
}

fn sorted(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    v.sort();
    v
}

/// A scratch directory holding `regs/`, the sample regulations folder (copies, so they can be edited).
fn sample(name: &str) -> PathBuf {
    let root = std::env::temp_dir().join(format!("kitei-site-build-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    let regs = root.join("regs");
    let bundled = Path::new(env!("CARGO_MANIFEST_DIR")).join("regulations/jlis-ninsho-jimu-kanri-kitei");
    std::fs::create_dir_all(regs.join("jlis")).unwrap();
    for f in sorted(&bundled) {
        std::fs::copy(&f, regs.join("jlis").join(f.file_name().unwrap())).unwrap();
    }
    let laws = sorted(&corpus("egov-2013/laws"));
    assert_eq!(laws.len(), 1075, "egov-2013/laws incomplete");
    for (k, law) in laws.iter().step_by(27).enumerate() {
        std::fs::create_dir_all(regs.join(format!("law-{k:02}"))).unwrap();
        std::fs::copy(law, regs.join(format!("law-{k:02}/2013-11-26.txt"))).unwrap();
    }
    for (k, pair) in sorted(&corpus("egov-2013/pairs")).iter().step_by(9).enumerate() {
        let to = regs.join(format!("pair-{k}"));
        std::fs::create_dir_all(&to).unwrap();
        for f in sorted(pair) {
            std::fs::copy(&f, to.join(f.file_name().unwrap())).unwrap();
        }
    }
    root
}

fn build(root: &Path, out: &str, threads: usize, clean: bool) -> kitei::render::BuildReport {
    let options = BuildOptions { out: root.join(out), threads, clean, ..Default::default() };
    let site = SiteOptions { as_of: Some("2026-01-01".into()) };
    build_site_as_of(&root.join("regs"), &options, &site, &mut |_, _, _| {}).unwrap()
}

/// Every file under `root`: site path → bytes.
fn tree(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(d) = stack.pop() {
        for p in sorted(&d) {
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
                out.insert(rel, std::fs::read(&p).unwrap());
            }
        }
    }
    out
}

/// The paths where two trees differ, but the build cache's stamps of the input files (their inodes and
/// times: another copy of the same folder has others).
fn differences(a: &BTreeMap<String, Vec<u8>>, b: &BTreeMap<String, Vec<u8>>) -> Vec<String> {
    let paths: std::collections::BTreeSet<&String> = a.keys().chain(b.keys()).collect();
    let stamps = |p: &&String| p.starts_with(".kitei-cache/stamps/");
    paths.into_iter().filter(|p| !stamps(p) && a.get(*p) != b.get(*p)).cloned().collect()
}

#[test]
fn parallel_sequential_and_in_memory_builds_give_the_same_bytes() {
    let root = sample("threads");
    let one = build(&root, "one", 1, true);
    let four = build(&root, "four", 4, true);
    assert!(one.regulations >= 45, "{} regulations", one.regulations);
    assert!(one.failures.is_empty(), "{:?}", one.failures);
    assert_eq!((one.regulations, one.versions, one.files), (four.regulations, four.versions, four.files));
    assert_eq!(one.diagnostics, four.diagnostics);
    let (a, b) = (tree(&root.join("one")), tree(&root.join("four")));
    assert_eq!(differences(&a, &b), Vec::<String>::new());
    // The site as rendered in memory, one regulation after the other (what the build did before it was
    // parallel): the same files, the build cache aside.
    let regs = load::load_folder_lenient(&root.join("regs")).unwrap().regulations;
    let site = SiteOptions { as_of: Some("2026-01-01".into()) };
    let (mut memory, _) = site_files_as_of(&regs, &Templates::load(None).unwrap(), &site, &mut |_, _, _| {}).unwrap();
    memory.insert(".kitei-site".into(), a[".kitei-site"].clone());
    let published: BTreeMap<String, Vec<u8>> = a.into_iter().filter(|(p, _)| !p.starts_with(".kitei-cache/")).collect();
    assert_eq!(published.len(), one.files);
    assert_eq!(differences(&memory, &published), Vec::<String>::new());
    std::fs::remove_dir_all(&root).unwrap();
}

#[cfg(unix)]
fn inode(p: &Path) -> u64 {
    std::os::unix::fs::MetadataExt::ino(&std::fs::metadata(p).unwrap())
}

#[test]
fn a_rebuild_renders_only_what_changed_and_equals_a_clean_build() {
    let root = sample("incremental");
    let first = build(&root, "site", 0, false);
    assert_eq!(first.reused, 0);
    let n = first.regulations;
    let before = tree(&root.join("site"));
    // A regulation's search contribution (its texts read as tokens) in the build cache.
    let part = |law: &str| root.join("site").join(cache::search_path(&cache::cache_name(Path::new(law))));
    #[cfg(unix)]
    let (kept, edited) = (inode(&root.join("site/law-03/index.html")), inode(&root.join("site/law-07/index.html")));
    #[cfg(unix)]
    let (kept_part, edited_part) = (inode(&part("law-03")), inode(&part("law-07")));

    // Nothing changed: every regulation is reused, the site is the same.
    let again = build(&root, "site", 0, false);
    assert_eq!(again.reused, n);
    assert_eq!(differences(&before, &tree(&root.join("site"))), Vec::<String>::new());

    // One regulation edited: only it is rendered again.
    let law = root.join("regs/law-07/2013-11-26.txt");
    let mut text = std::fs::read_to_string(&law).unwrap();
    text.push_str("\n附　則\nこの規程は、公布の日から施行する。\n");
    std::fs::write(&law, text).unwrap();
    let edit = build(&root, "site", 0, false);
    // Besides it, the regulations with comparison pages are rendered again: their impact lists name the
    // other regulations citing them, and the edited one may now.
    let compared = ["jlis", "pair-0", "pair-1", "pair-2", "pair-3"];
    assert!(compared.iter().all(|d| root.join("regs").join(d).is_dir()));
    assert_eq!(edit.reused, n - 1 - compared.len());
    #[cfg(unix)]
    {
        // The unchanged regulation's page is the previous build's file (a hard link), the edited one is new.
        assert_eq!(inode(&root.join("site/law-03/index.html")), kept);
        assert_ne!(inode(&root.join("site/law-07/index.html")), edited);
        // The search index is made again from the contributions: the unchanged ones taken as they were.
        assert_eq!(inode(&part("law-03")), kept_part);
        assert_ne!(inode(&part("law-07")), edited_part);
    }
    let after = tree(&root.join("site"));
    assert_ne!(after["law-07/index.html"], before["law-07/index.html"]);
    // The same site as a clean build of the edited folder, search index and cache included.
    build(&root, "clean", 0, true);
    assert_eq!(differences(&after, &tree(&root.join("clean"))), Vec::<String>::new());

    // Another as-of date on which the same versions are in force reuses everything; templates changed
    // render everything again.
    let site = SiteOptions { as_of: Some("2026-06-01".into()) };
    let options = BuildOptions { out: root.join("site"), ..Default::default() };
    let later = build_site_as_of(&root.join("regs"), &options, &site, &mut |_, _, _| {}).unwrap();
    assert_eq!(later.reused, n);
    std::fs::create_dir_all(root.join("t/static")).unwrap();
    std::fs::write(root.join("t/static/site.css"), "body { color: black }\n").unwrap();
    let options = BuildOptions { templates: Some(root.join("t")), ..options };
    let restyled = build_site_as_of(&root.join("regs"), &options, &site, &mut |_, _, _| {}).unwrap();
    assert_eq!(restyled.reused, 0);
    // An override of a page template, edited: the pages are rendered again with it.
    let page = templates::DEFAULT_TEMPLATES.iter().find(|(n, _)| *n == "regulation.html.tera").unwrap().1;
    let styled = page.replacen("{% block extra %}", "{% block extra %}<!-- house style -->", 1);
    assert_ne!(styled, page);
    std::fs::write(root.join("t/regulation.html.tera"), styled).unwrap();
    let overridden = build_site_as_of(&root.join("regs"), &options, &site, &mut |_, _, _| {}).unwrap();
    assert_eq!(overridden.reused, 0);
    let html = std::fs::read_to_string(root.join("site/law-03/index.html")).unwrap();
    assert!(html.contains("<!-- house style -->"), "law-03 not rendered with the override");
    std::fs::remove_dir_all(&root).unwrap();
}

/// A 例規集's comparison pages list the other regulations citing the one compared (issue 18), as `kitei impact
/// --folder` does: the 就業規則 of the corpus renumbered after its 第21条 was deleted, and a 賃金規程 citing its
/// articles (tests/data/impact/wage). Editing the 賃金規程 renders the 就業規則 again, its list being about it.
#[test]
fn comparison_pages_list_the_other_regulations_citing_the_one_compared() {
    let (root, regs) = two_regulations("peers");
    let wage = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/impact/wage/賃金規程.md");
    let first = build(&root, "site", 0, false);
    assert!(first.failures.is_empty(), "{:?}", first.failures);
    let page =
        |root: &Path| std::fs::read_to_string(root.join("site/shugyo/compare-2019-12-17_2020-03-26.html")).unwrap();
    let html = page(&root);
    let at = html.find("賃金規程").expect("the 賃金規程 is named under the 就業規則's 新旧対照表");
    // Its 第5条第2項 cites 就業規則第21条, deleted: listed, linked to the 賃金規程's page.
    assert!(html[at..].contains("第5条第2項"), "{}", &html[at..]);
    assert!(html.contains("../chingin/"), "a link to the citing regulation");

    // The 賃金規程 no longer cites 第21条: the 就業規則's page is rendered again and says so.
    let text = std::fs::read_to_string(&wage).unwrap().replace("就業規則第21条による", "会社の指示による");
    std::fs::write(regs.join("chingin/2019-12-17.md"), text).unwrap();
    let again = build(&root, "site", 0, false);
    assert_eq!(again.reused, 0, "both rendered again: the one edited and the one it cites");
    let html = page(&root);
    let at = html.find("賃金規程").expect("its other citations are still listed");
    assert!(!html[at..].contains("第5条第2項"), "the citation is gone from the list: {}", &html[at..]);
    std::fs::remove_dir_all(&root).unwrap();
}

/// Above the peer limit (a parameter; 300 by default) the other regulations are not loaded: the comparison
/// page says the list of regulations citing the one compared is left out, rather than showing it empty, and
/// the report says it once. The same folder as above, with a limit of 1.
#[test]
fn above_the_peer_limit_comparison_pages_say_the_citing_regulations_are_left_out() {
    let (root, regs) = two_regulations("limit");
    let site = SiteOptions { as_of: Some("2026-01-01".into()) };
    let page = || std::fs::read_to_string(root.join("site/shugyo/compare-2019-12-17_2020-03-26.html")).unwrap();
    let with = |limit| BuildOptions { out: root.join("site"), peer_limit: limit, ..Default::default() };

    let listed = build_site_as_of(&regs, &with(None), &site, &mut |_, _, _| {}).unwrap();
    assert_eq!(listed.peers_left_out, None);
    assert!(page().contains("../chingin/") && !page().contains("peers-left-out"));

    let over = build_site_as_of(&regs, &with(Some(1)), &site, &mut |_, _, _| {}).unwrap();
    assert_eq!(over.peers_left_out, Some(1));
    // The compared regulation is rendered again (its list changed), the other one is reused.
    assert_eq!(over.reused, 1);
    let html = page();
    assert!(!html.contains("../chingin/"), "the citing regulation is still listed");
    let notes: Vec<&str> = html.lines().filter(|l| l.contains("peers-left-out")).collect();
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert!(notes[0].contains("1件を超える") && notes[0].contains("調べていません"), "{}", notes[0]);
    // Where the list would be: under its heading, instead of "none".
    let at = html.find("この規程を引く他の規程").expect("the section of other regulations");
    assert!(html[at..].find("peers-left-out") < html[at..].find("</section>"));
    assert!(!html[at..].split("</section>").next().unwrap().contains("<p>なし</p>"));

    // A folder without comparison pages loses nothing: no warning.
    std::fs::remove_dir_all(regs.join("shugyo")).unwrap();
    let single = build_site_as_of(&regs, &with(Some(0)), &site, &mut |_, _, _| {}).unwrap();
    assert_eq!(single.peers_left_out, None);
    std::fs::remove_dir_all(&root).unwrap();
}

/// The build cache knows a regulation by its directory's name, not by the path the folder was given as:
/// `kitei build ./regs` after `kitei build regs` (or the folder moved) renders nothing again, and the
/// findings it kept are shown at the path given now.
#[test]
fn the_cache_does_not_depend_on_how_the_folder_is_written() {
    let (root, regs) = two_regulations("spelling");
    std::fs::write(regs.join("chingin/notes.txt"), "メモ").unwrap();
    let site = SiteOptions { as_of: Some("2026-01-01".into()) };
    let options = BuildOptions { out: root.join("site"), ..Default::default() };
    let build = |dir: &Path| build_site_as_of(dir, &options, &site, &mut |_, _, _| {}).unwrap();
    let first = build(&regs);
    assert_eq!((first.regulations, first.reused), (2, 0));
    let before = tree(&root.join("site"));
    let warned = |r: &kitei::render::BuildReport| r.warnings.iter().map(|(p, _)| p.clone()).collect::<Vec<_>>();
    assert_eq!(warned(&first), [regs.join("chingin/notes.txt").display().to_string()]);

    let dotted = root.join(".").join("regs");
    assert_ne!(dotted.display().to_string(), regs.display().to_string());
    let again = build(&dotted);
    assert_eq!(again.reused, 2, "written another way, the same folder is not rendered again");
    assert_eq!(warned(&again), [dotted.join("chingin/notes.txt").display().to_string()]);
    // The same site as a clean build from that path (its cache entries name the path given now).
    let after = tree(&root.join("site"));
    assert_eq!(differences(&before, &after).iter().filter(|p| !p.starts_with(".kitei-cache/")).count(), 0);
    let clean = BuildOptions { out: root.join("clean"), clean: true, ..Default::default() };
    build_site_as_of(&dotted, &clean, &site, &mut |_, _, _| {}).unwrap();
    assert_eq!(differences(&after, &tree(&root.join("clean"))), Vec::<String>::new());

    // Moved: the same.
    std::fs::rename(&regs, root.join("moved")).unwrap();
    let moved = build(&root.join("moved"));
    assert_eq!(moved.reused, 2);
    std::fs::remove_dir_all(&root).unwrap();
}

/// A scratch directory holding `regs/`: the 就業規則 of the corpus in two versions (`shugyo`, with a
/// comparison page) and a 賃金規程 citing it (`chingin`).
fn two_regulations(name: &str) -> (PathBuf, PathBuf) {
    let root = std::env::temp_dir().join(format!("kitei-site-build-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    let regs = root.join("regs");
    std::fs::create_dir_all(regs.join("shugyo")).unwrap();
    std::fs::create_dir_all(regs.join("chingin")).unwrap();
    for (tag, date) in [("tag20191217", "2019-12-17"), ("tag20200326", "2020-03-26")] {
        let from = corpus(&format!("internal-rules/01_就業規則_{tag}.md"));
        std::fs::copy(from, regs.join(format!("shugyo/{date}.md"))).unwrap();
    }
    let wage = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/impact/wage/賃金規程.md");
    std::fs::copy(&wage, regs.join("chingin/2019-12-17.md")).unwrap();
    (root, regs)
}

/// A build reads each input once at most: the folder's key for the impact lists is made from the
/// regulations' own keys, so that a no-change rebuild whose files' stamps are the last build's reads none
/// (it used to hash every file again, one after the other, before the parallel pass).
#[cfg(unix)]
#[test]
fn a_no_change_rebuild_reads_no_input_and_an_edit_reads_only_its_directory() {
    let (root, regs) = two_regulations("hashed");
    // Stamps are kept only of files that last changed a while before the build.
    std::thread::sleep(std::time::Duration::from_nanos(kitei::render::stamps::SETTLED as u64 + 100_000_000));
    let site = SiteOptions { as_of: Some("2026-01-01".into()) };
    let options = BuildOptions { out: root.join("site"), ..Default::default() };
    let build = || build_site_as_of(&regs, &options, &site, &mut |_, _, _| {}).unwrap();
    let first = build();
    assert_eq!((first.regulations, first.reused, first.hashed), (2, 0, 2));
    let again = build();
    assert_eq!((again.reused, again.hashed), (2, 0), "nothing changed: nothing read");
    // The 賃金規程 edited: only its directory is read; the 就業規則 is rendered again all the same, its
    // comparison page listing the regulations citing it.
    let wage = regs.join("chingin/2019-12-17.md");
    let text = std::fs::read_to_string(&wage).unwrap().replace("就業規則第21条による", "会社の指示による");
    std::fs::write(&wage, text).unwrap();
    let edited = build();
    assert_eq!((edited.reused, edited.hashed), (0, 1));
    std::fs::remove_dir_all(&root).unwrap();
}

/// A build asked to stop (`kitei serve` shutting down) starts no regulation after it, returns an error and
/// leaves the previous site as it was, with nothing beside it still being written.
#[test]
fn a_cancelled_build_stops_and_leaves_the_previous_site() {
    let (root, regs) = two_regulations("cancel");
    let site = SiteOptions { as_of: Some("2026-01-01".into()) };
    let cancel = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let options = BuildOptions {
        out: root.join("site"),
        threads: 1,
        clean: true,
        cancel: Some(cancel.clone()),
        ..Default::default()
    };
    build_site_as_of(&regs, &options, &site, &mut |_, _, _| {}).unwrap();
    let before = tree(&root.join("site"));
    // Asked to stop before it starts rendering (the workers ask before each regulation): none is.
    cancel.store(true, std::sync::atomic::Ordering::SeqCst);
    let mut done = 0;
    let stopped = build_site_as_of(&regs, &options, &site, &mut |_, _, _| done += 1);
    assert!(stopped.is_err_and(|e| e.to_string().contains("cancelled")));
    assert_eq!(done, 0, "no regulation rendered");
    assert_eq!(differences(&before, &tree(&root.join("site"))), Vec::<String>::new());
    let beside: Vec<_> = std::fs::read_dir(&root).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(beside.len(), 2, "{beside:?}");
    std::fs::remove_dir_all(&root).unwrap();
}
