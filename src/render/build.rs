//! The build loop of `kitei build`: regulations are loaded, rendered and written in parallel (rayon), one
//! at a time per worker, each written into the new site's temporary directory as soon as it is finished
//! ([`SiteWriter`]), so that memory is bounded by the largest regulations in flight, not by the site. A
//! regulation whose inputs did not change since the previous build is not rendered: its files are taken from
//! the previous site by hard link ([`super::cache`]). The files that list every regulation (the index page,
//! `api/index.json`, the search index) are made at the end, in folder order, from what each regulation left
//! in the cache, so the bytes written do not depend on the number of threads or their scheduling.
//!
//! A first pass lists each regulation directory once, in parallel, for its cache key (its files read and
//! hashed only when their stamps changed, [`super::stamps`]) and its number of versions; the folder's key
//! for the impact lists below is made from those keys.
//!
//! A 例規集 of up to [`PEER_LIMIT`] regulations is also loaded whole once, so that each comparison page lists
//! the other regulations citing the one compared (its impact list, [`super::history_page::Peers`]); the
//! cache key of a regulation with comparison pages (two versions or more) then includes every regulation's,
//! as a change anywhere may change those lists.
//! Larger folders (all of e-Gov) are built without that list (README, "A whole 例規集"): their comparison
//! pages say so in one line, and the report says it once ([`BuildReport::peers_left_out`]). The limit is
//! [`BuildOptions::peer_limit`].

use super::cache::{self, RegCache, SiteCache};
use super::folder::FolderWarning;
use super::history_page::SitePeers;
use super::load::{self, LoadFailure};
use super::search_part::SearchPart;
use super::search_stream::IndexWriter;
use super::stamps;
use super::templates::Templates;
use super::write::SiteWriter;
use super::{global_files, render_regulation, BuildOptions, BuildReport, SiteOptions};
use crate::error::{Error, Result};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

/// The most regulations a folder may hold for its comparison pages to list the other regulations citing the
/// one compared: they are all held in memory while the site is built.
pub const PEER_LIMIT: usize = 300;

/// The search index's entry in the cache folder.
const SITE_CACHE: &str = ".kitei-cache/site.json";

/// What became of one regulation directory.
enum Outcome {
    /// Published: rendered, or taken from the previous site (`reused`).
    Built { cache: Box<RegCache>, reused: bool },
    /// No version file: nothing published, its warnings only.
    Empty(Vec<FolderWarning>),
    /// It could not be read (a load error: skipped and listed, or the build's error with `--fail-fast`).
    Failed(Error),
    /// Rendering failed (a template error, a bad slug): the build's error.
    Fatal(Error),
    /// Not looked at: `--fail-fast` stopped the build.
    Skipped,
}

/// What every worker shares.
struct Ctx<'a> {
    writer: &'a SiteWriter,
    templates: &'a Templates,
    site: &'a SiteOptions,
    options: &'a BuildOptions,
    /// The folder's regulation directories.
    dirs: &'a [&'a PathBuf],
    /// Every readable regulation of the folder, for the impact lists: loaded once, when the first regulation
    /// with comparison pages is rendered (a rebuild that reuses them all loads nothing).
    peers: std::sync::OnceLock<Vec<load::LoadedRegulation>>,
    /// A key of every regulation's inputs, part of each compared one's cache key; `None` above the peer
    /// limit, where the impact lists leave the other regulations out.
    peers_key: Option<String>,
    /// The peer limit when the folder holds more regulations: the other regulations are left out.
    left_out: Option<usize>,
}

/// What the build's first pass took of one regulation directory: one listing, and its files read and
/// hashed only when their stamps are not the last build's.
struct Scan {
    /// The name of its cache files ([`cache::cache_name`]).
    name: String,
    /// Its inputs as the last build hashed them.
    last: Option<cache::Inputs>,
    /// Its key, inputs and number of versions; the error when it cannot be listed or read.
    found: Result<cache::Scanned>,
}

/// Builds the site (see [`super::build_site_as_of`]).
pub fn build(
    input_dir: &Path,
    options: &BuildOptions,
    site: &SiteOptions,
    progress: &mut dyn FnMut(usize, usize, &str),
) -> Result<BuildReport> {
    let entries = load::read_dir(input_dir)?;
    let dirs: Vec<&PathBuf> = entries.iter().filter(|p| is_regulation_dir(p)).collect();
    let templates = Templates::load(options.templates.as_deref())?;
    let fingerprint = cache::templates_fingerprint(options.templates.as_deref())?;
    let writer = SiteWriter::begin(&options.out)?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(options.threads)
        .build()
        .map_err(|e| Error::Other(format!("starting the build's threads: {e}")))?;
    // The file system's present when the build started: stamps older than that may stand for bytes.
    let now = stamps::now_by(&writer.root().join(super::write::MARKER));
    let scans: Vec<Scan> =
        pool.install(|| dirs.par_iter().map(|d| scan(&writer, options, fingerprint, site, now, d)).collect());
    let hashed = scans.iter().filter(|s| s.found.as_ref().is_ok_and(|f| f.read)).count();
    cancelled(options)?;
    let limit = options.peer_limit.unwrap_or(PEER_LIMIT);
    let left_out = (dirs.len() > limit).then_some(limit);
    let peers_key = if left_out.is_some() { None } else { peers_key(&scans) };
    let peers = std::sync::OnceLock::new();
    let ctx = Ctx { writer: &writer, templates: &templates, site, options, dirs: &dirs, peers, peers_key, left_out };
    let outcomes = render_all(&ctx, &pool, &dirs, scans, progress);
    cancelled(options)?;

    let mut report = BuildReport { hashed, ..BuildReport::default() };
    let mut built: Vec<RegCache> = Vec::new();
    let mut slugs: BTreeMap<String, String> = BTreeMap::new();
    for (d, outcome) in dirs.iter().zip(outcomes) {
        match outcome {
            Outcome::Built { cache, reused } => {
                if let Some(other) = slugs.insert(cache.slug.clone(), cache.dir.clone()) {
                    return Err(Error::Other(format!(
                        "{other} and {} are both published as {:?}: give one another slug in its regulation.toml",
                        cache.dir, cache.slug
                    )));
                }
                report.warnings.extend(cache.warnings.iter().cloned());
                report.reused += usize::from(reused);
                built.push(*cache);
            }
            Outcome::Empty(warnings) => report.warnings.extend(warnings),
            Outcome::Failed(e) if options.fail_fast => return Err(e),
            Outcome::Failed(e) => {
                report.failures.push(LoadFailure { dir: d.display().to_string(), message: e.to_string() })
            }
            Outcome::Fatal(e) => return Err(e),
            Outcome::Skipped => {}
        }
    }
    report.warnings.extend(super::folder::check_top(input_dir, &entries, built.len() + report.failures.len()));
    if options.strict && !(report.warnings.is_empty() && report.failures.is_empty()) {
        let mut lines: Vec<String> = report.warnings.iter().map(super::folder::display).collect();
        lines.extend(report.failures.iter().map(|f| format!("{f} (not published)")));
        return Err(Error::Other(format!(
            "strict build refused: {} problem(s) in the regulations folder {}:\n{}",
            lines.len(),
            input_dir.display(),
            lines.join("\n")
        )));
    }

    let summaries = built.iter().map(|c| c.summary.clone().into()).collect();
    let apis = built.iter().map(|c| c.api.clone()).collect();
    let global = global_files(summaries, apis, &templates, site)?;
    for (path, bytes) in &global {
        writer.write(path, bytes)?;
    }
    let search_files = search_files(&ctx, &built)?;
    report.files = 1 + global.len() + search_files + built.iter().map(|c| c.files.len()).sum::<usize>();
    progress(dirs.len() + 1, dirs.len() + 1, "index");

    report.regulations = built.len();
    report.peers_left_out = left_out.filter(|_| built.iter().any(|c| c.versions > 1));
    report.versions = built.iter().map(|c| c.versions).sum();
    let mut diagnostics: Vec<_> = built.iter().flat_map(|c| c.translation.iter().cloned()).collect();
    for c in &built {
        diagnostics.extend(c.diagnostics.iter().map(|(f, d)| (format!("{}/{f}", c.slug), d.clone())));
    }
    report.diagnostics = diagnostics;
    report.structure = built.iter().flat_map(|c| c.structure.iter().cloned()).collect();
    writer.finish()?;
    Ok(report)
}

/// An error when the build was asked to stop ([`BuildOptions::cancel`]): the unfinished site is dropped.
fn cancelled(options: &BuildOptions) -> Result<()> {
    match &options.cancel {
        Some(c) if c.load(Ordering::SeqCst) => Err(Error::Other("the build was cancelled".into())),
        _ => Ok(()),
    }
}

/// Whether an entry of the regulations folder is a regulation's directory (what the peer limit counts):
/// a directory whose name does not start with a dot.
pub(crate) fn is_regulation_dir(p: &Path) -> bool {
    p.is_dir() && !p.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.'))
}

/// One regulation directory's key, inputs and versions, its files read only when their stamps are not the
/// last build's ([`cache::regulation_inputs`]).
fn scan(
    writer: &SiteWriter,
    options: &BuildOptions,
    fingerprint: u64,
    site: &SiteOptions,
    now: Option<i128>,
    dir: &Path,
) -> Scan {
    let name = cache::cache_name(dir);
    let last =
        if options.clean { None } else { cache::read::<cache::Inputs>(writer.previous(), &cache::stamps_path(&name)) };
    let found = cache::regulation_inputs(dir, fingerprint, site.as_of.as_deref(), last.as_ref(), now);
    Scan { name, last, found }
}

/// A key of the inputs of every regulation of a folder (within the peer limit), from the first pass;
/// `None` for a single regulation.
fn peers_key(scans: &[Scan]) -> Option<String> {
    if scans.len() < 2 {
        return None;
    }
    let keys: Vec<(&str, String)> = scans
        .iter()
        .map(|s| (s.name.as_str(), s.found.as_ref().map_or_else(|e| e.to_string(), |f| f.key.clone())))
        .collect();
    Some(cache::search_key(keys.iter().map(|(n, k)| (*n, k.as_str()))))
}

/// The other regulations a rendered regulation's impact lists look at: every readable one of the folder,
/// loaded by the first worker that needs them (a regulation that cannot be read is left out here and
/// reported when its turn comes); none above the peer limit.
fn peers<'c>(ctx: &'c Ctx<'_>) -> &'c [load::LoadedRegulation] {
    if ctx.peers_key.is_none() {
        return &[];
    }
    ctx.peers
        .get_or_init(|| ctx.dirs.iter().filter_map(|d| load::load_regulation(d).ok().and_then(|(r, _)| r)).collect())
}

/// Renders (or reuses) every regulation on the pool's workers; the calling thread reports progress as each
/// one finishes. The outcomes are in folder order.
fn render_all(
    ctx: &Ctx<'_>,
    pool: &rayon::ThreadPool,
    dirs: &[&PathBuf],
    scans: Vec<Scan>,
    progress: &mut dyn FnMut(usize, usize, &str),
) -> Vec<Outcome> {
    let stop = AtomicBool::new(false);
    let mut outcomes: Vec<Outcome> = dirs.iter().map(|_| Outcome::Skipped).collect();
    let (tx, rx) = std::sync::mpsc::channel::<(usize, Outcome)>();
    let total = dirs.len() + 1;
    std::thread::scope(|s| {
        let (pool, stop) = (&pool, &stop);
        s.spawn(move || {
            pool.install(|| {
                dirs.par_iter().zip(scans).enumerate().for_each_with(tx, |tx, (i, (d, scan))| {
                    if stop.load(Ordering::Relaxed) || cancelled(ctx.options).is_err() {
                        return;
                    }
                    let outcome = one(ctx, d, scan);
                    if matches!(outcome, Outcome::Fatal(_))
                        || (ctx.options.fail_fast && matches!(outcome, Outcome::Failed(_)))
                    {
                        stop.store(true, Ordering::Relaxed);
                    }
                    let _ = tx.send((i, outcome));
                })
            })
        });
        for (done, (i, outcome)) in rx.into_iter().enumerate() {
            let name = dirs[i].file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            progress(done + 1, total, &name);
            outcomes[i] = outcome;
        }
    });
    outcomes
}

/// One regulation directory: reused when its key (from the first pass, [`Scan`]) matches the previous
/// build's, else loaded and rendered.
fn one(ctx: &Ctx<'_>, dir: &Path, scan: Scan) -> Outcome {
    let Scan { name, last, found } = scan;
    let found = match found {
        Ok(f) => f,
        Err(e) => return Outcome::Failed(e),
    };
    // Two versions or more: comparison pages, whose impact lists look at the other regulations.
    let key = match (&ctx.peers_key, ctx.left_out) {
        (Some(all), _) if found.versions > 1 => format!("{}+{all}", found.key),
        // The pages name the limit they were left out above.
        (None, Some(limit)) if found.versions > 1 => format!("{}+over-{limit}", found.key),
        _ => found.key,
    };
    let previous = if ctx.options.clean {
        None
    } else {
        let c = cache::read::<RegCache>(ctx.writer.previous(), &cache::reg_path(&name));
        c.filter(|c| cache::dir_name(Path::new(&c.dir)) == cache::dir_name(dir))
    };
    if let Some(c) = previous.and_then(|c| reusable(ctx, c, dir, &key, (&found.inputs, last.as_ref()), &name)) {
        return Outcome::Built { cache: Box::new(c), reused: true };
    }
    match load::load_regulation(dir) {
        Err(e) => Outcome::Failed(e),
        Ok((None, warnings)) => Outcome::Empty(warnings),
        Ok((Some(reg), warnings)) => match render_one(ctx, &reg, warnings, (key, found.inputs), &name) {
            Ok(c) => Outcome::Built { cache: Box::new(c), reused: false },
            Err(e) => Outcome::Fatal(e),
        },
    }
}

/// The previous build's entry `c` when its key is `key`, its files and cache files taken into the new site,
/// its stamps written again when they differ from the last build's (`inputs`: now, last); `None` when a file
/// is missing. Its findings are shown at the path `dir` is given as now ([`rerooted`]).
fn reusable(
    ctx: &Ctx<'_>,
    c: RegCache,
    dir: &Path,
    key: &str,
    inputs: (&cache::Inputs, Option<&cache::Inputs>),
    name: &str,
) -> Option<RegCache> {
    if c.key != key {
        return None;
    }
    c.files.iter().chain([&cache::search_path(name)]).try_for_each(|f| ctx.writer.reuse(f)).ok()?;
    let c = match rerooted(c, &dir.display().to_string()) {
        (c, false) => ctx.writer.reuse(&cache::reg_path(name)).ok().map(|()| c)?,
        (c, true) => ctx.writer.write(&cache::reg_path(name), &cache::bytes(&c).ok()?).ok().map(|()| c)?,
    };
    if Some(inputs.0) == inputs.1 {
        ctx.writer.reuse(&cache::stamps_path(name)).ok()?;
    } else {
        // Stamps kept for the first time (or changed without a change of bytes): the next build reads less.
        ctx.writer.write(&cache::stamps_path(name), &cache::bytes(inputs.0).ok()?).ok()?;
    }
    Some(c)
}

/// A cache entry made when the regulation's directory was given as another path (`regulations/x` then,
/// `./regulations/x` now): its directory and the paths in its findings (`then/2020-01-01.md:3:1: …, run
/// \`kitei lint then/2020-01-01.md\``), as given now; and whether anything changed.
fn rerooted(mut c: RegCache, now: &str) -> (RegCache, bool) {
    if c.dir == now {
        return (c, false);
    }
    let then = std::mem::replace(&mut c.dir, now.to_string());
    c.warnings.iter_mut().for_each(|(path, _)| *path = reroot(path, &then, now));
    c.structure.iter_mut().for_each(|line| *line = reroot(line, &then, now));
    (c, true)
}

/// `text` with each path under the directory `then` (at the start or after a space or backquote, followed
/// by a separator, a colon, a space or the end) under `now` instead.
fn reroot(text: &str, then: &str, now: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(then) {
        let before = rest[..at].chars().next_back();
        let after = rest[at + then.len()..].chars().next();
        let whole =
            before.is_none_or(|c| c == ' ' || c == '`') && after.is_none_or(|c| matches!(c, '/' | '\\' | ':' | ' '));
        out.push_str(&rest[..at]);
        out.push_str(if whole { now } else { then });
        rest = &rest[at + then.len()..];
    }
    out.push_str(rest);
    out
}

/// Renders a loaded regulation, writes its files and its cache entry, and returns the entry.
fn render_one(
    ctx: &Ctx<'_>,
    reg: &load::LoadedRegulation,
    warnings: Vec<FolderWarning>,
    (key, inputs): (String, cache::Inputs),
    name: &str,
) -> Result<RegCache> {
    // Only a regulation with comparison pages needs the others (its impact lists).
    let others = if reg.versions.len() > 1 { peers(ctx) } else { &[] };
    let peers = SitePeers { regs: others, left_out_over: ctx.left_out };
    let out = render_regulation(reg, peers, ctx.templates, ctx.site, &mut |_| {})?;
    for (path, bytes) in &out.files {
        ctx.writer.write(path, bytes)?;
    }
    let dir = reg.dir.display().to_string();
    let c = RegCache {
        dir: dir.clone(),
        key,
        slug: reg.slug.clone(),
        files: out.files.keys().cloned().collect(),
        versions: reg.versions.len(),
        translation: out.diagnostics,
        diagnostics: reg.diagnostics.clone(),
        structure: reg.structure.clone(),
        warnings,
        api: out.api,
        summary: (&out.summary).into(),
    };
    ctx.writer.write(&cache::reg_path(name), &cache::bytes(&c)?)?;
    ctx.writer.write(&cache::stamps_path(name), &cache::bytes(&inputs)?)?;
    // The search contribution is made here, on the worker: a rebuild merges it without tokenising again.
    let part = SearchPart::of(&cache::dir_name(&reg.dir), &out.search);
    ctx.writer.write(&cache::search_path(name), part.as_bytes())?;
    Ok(c)
}

/// Writes the search index (taken whole from the previous site when no regulation's search data changed,
/// else made from every regulation's cache entry in folder order); returns the number of its files.
fn search_files(ctx: &Ctx<'_>, built: &[RegCache]) -> Result<usize> {
    let names: Vec<String> = built.iter().map(|c| cache::dir_name(Path::new(&c.dir))).collect();
    let key = cache::search_key(names.iter().zip(built).map(|(n, c)| (n.as_str(), c.key.as_str())));
    let previous: Option<SiteCache> =
        if ctx.options.clean { None } else { cache::read(ctx.writer.previous(), SITE_CACHE) };
    let reused = previous
        .filter(|p| p.search_key == key)
        .filter(|p| p.search_files.iter().try_for_each(|f| ctx.writer.reuse(f)).is_ok());
    let files = match reused {
        Some(p) => p.search_files,
        None => {
            let mut index = IndexWriter::default();
            let mut files = Vec::new();
            let mut sink = |path: String, bytes: Vec<u8>| {
                ctx.writer.write(&path, &bytes)?;
                files.push(path);
                Ok(())
            };
            for (c, dir_name) in built.iter().zip(&names) {
                let name = cache::cache_name(Path::new(&c.dir));
                let path = ctx.writer.root().join(cache::search_path(&name));
                let part = std::fs::read(&path).ok().and_then(SearchPart::from_bytes);
                let Some(part) = part.filter(|p| p.dir() == Some(dir_name.as_str())) else {
                    return Err(Error::Other(format!(
                        "build cache: the search data of {} is missing or damaged (build with --clean)",
                        c.dir
                    )));
                };
                index.add_part(&part, &mut sink)?;
            }
            index.finish(&mut sink)?;
            files.sort();
            files
        }
    };
    let n = files.len();
    ctx.writer.write(SITE_CACHE, &cache::bytes(&SiteCache { search_key: key, search_files: files })?)?;
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::reroot;

    #[test]
    fn paths_under_the_old_spelling_take_the_new_one_and_nothing_else_changes() {
        let line = "regs/x/a.md:3:1: warning[w]: regs/x 「regs/xy」 (run `kitei lint regs/x/a.md`)";
        assert_eq!(
            reroot(line, "regs/x", "./regs/x"),
            "./regs/x/a.md:3:1: warning[w]: ./regs/x 「regs/xy」 (run `kitei lint ./regs/x/a.md`)"
        );
        assert_eq!(reroot("regs/x", "regs/x", "/abs/regs/x"), "/abs/regs/x");
        assert_eq!(reroot("myregs/x/a.md", "regs/x", "./regs/x"), "myregs/x/a.md");
    }
}
