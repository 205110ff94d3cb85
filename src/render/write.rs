//! Writing the site atomically: everything is written into a temporary directory beside OUT, unique to the
//! run (`.OUT.kitei-tmp-PID-N`), then swapped in by rename under a lock file beside OUT (`.OUT.kitei-lock`,
//! created with `O_EXCL`), so that two builds into one folder at once leave one whole site or the other, never
//! a mix. Files are written as they are made ([`SiteWriter`]); a rebuild may take unchanged files of the
//! previous site by hard link ([`SiteWriter::reuse`]). An existing OUT is replaced only if it is a previous kitei site (it holds the marker file
//! `.kitei-site`); anything else is refused, never deleted.
//!
//! ```
//! let dir = std::env::temp_dir().join(format!("kitei-write-doc-{}", std::process::id()));
//! let _ = std::fs::remove_dir_all(&dir);
//! let files = [("index.html".to_string(), b"<p>hi</p>".to_vec())].into_iter().collect();
//! kitei::render::write::write_site(&dir, &files).unwrap();
//! assert!(dir.join(kitei::render::write::MARKER).exists());
//! std::fs::remove_dir_all(&dir).unwrap();
//! ```

use crate::error::{Error, Result};
use std::collections::BTreeMap;
use std::fs::OpenOptions;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// The marker file that identifies a kitei site.
pub const MARKER: &str = ".kitei-site";

/// Writes `files` (site-relative path → bytes) as the directory `out`.
pub fn write_site(out: &Path, files: &BTreeMap<String, Vec<u8>>) -> Result<()> {
    let writer = SiteWriter::begin(out)?;
    for (rel, content) in files {
        writer.write(rel, content)?;
    }
    writer.finish()
}

/// A site being written: files go into the run's temporary directory as they are made (from any thread),
/// and [`SiteWriter::finish`] swaps the whole directory in. Dropped unfinished (an error, a panic), the
/// temporary directory is removed and `out` is left as it was.
#[derive(Debug)]
pub struct SiteWriter {
    out: PathBuf,
    parent: PathBuf,
    name: String,
    tmp: PathBuf,
    done: bool,
}

impl SiteWriter {
    /// Starts a site at `out`: refuses an `out` that is not a previous kitei site, creates the temporary
    /// directory beside it and writes the marker there.
    pub fn begin(out: &Path) -> Result<SiteWriter> {
        check_replaceable(out)?;
        let parent = out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        let name = out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "site".into());
        let tmp = unique_dir(parent, &name, "tmp")?;
        let writer = SiteWriter { out: out.to_path_buf(), parent: parent.to_path_buf(), name, tmp, done: false };
        std::fs::write(writer.tmp.join(MARKER), MARKER_TEXT).map_err(|e| Error::io(writer.tmp.join(MARKER), e))?;
        Ok(writer)
    }

    /// Where `rel` goes in the temporary directory; `rel` must be a plain relative path (no `..`, `.` or
    /// empty component).
    fn target(&self, rel: &str) -> Result<PathBuf> {
        if rel.split('/').any(|c| c.is_empty() || c == ".." || c == ".") || rel == MARKER {
            return Err(Error::Other(format!("invalid output path {rel:?}")));
        }
        let path = self.tmp.join(rel);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        }
        Ok(path)
    }

    /// Writes one file of the site. A file already there (taken from the previous site by [`Self::reuse`])
    /// is unlinked first, never written through: it may be the previous site's file under another name.
    pub fn write(&self, rel: &str, content: &[u8]) -> Result<()> {
        let path = self.target(rel)?;
        match std::fs::remove_file(&path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(Error::io(&path, e)),
            _ => {}
        }
        std::fs::write(&path, content).map_err(|e| Error::io(&path, e))
    }

    /// The temporary directory the new site is written into.
    pub fn root(&self) -> &Path {
        &self.tmp
    }

    /// Takes the file `rel` of the site being replaced (the current `out`) into the new one: a hard link
    /// where the file system allows it, else a copy. An error (the file is gone) is for the caller to handle
    /// by making the file again.
    pub fn reuse(&self, rel: &str) -> Result<()> {
        let from = self.out.join(rel);
        let to = self.target(rel)?;
        if std::fs::hard_link(&from, &to).is_ok() {
            return Ok(());
        }
        std::fs::copy(&from, &to).map(|_| ()).map_err(|e| Error::io(&from, e))
    }

    /// The site being replaced, to read a previous build's files from (it may not exist).
    pub fn previous(&self) -> &Path {
        &self.out
    }

    /// Swaps the finished site in (under the output's lock) and removes the previous one.
    pub fn finish(mut self) -> Result<()> {
        self.done = true;
        let swapped = swap_in(&self.out, &self.parent, &self.name, &self.tmp);
        if swapped.is_err() {
            let _ = std::fs::remove_dir_all(&self.tmp);
        }
        if let Some(old) = swapped? {
            remove_tree(&old)?;
        }
        Ok(())
    }
}

impl Drop for SiteWriter {
    fn drop(&mut self) {
        if !self.done {
            let _ = std::fs::remove_dir_all(&self.tmp);
        }
    }
}

/// How many threads remove the previous site ([`remove_tree`]).
const REMOVERS: usize = 8;

/// Removes the directory tree `dir` (the previous site, moved aside): its files on [`REMOVERS`] threads, then
/// its directories, deepest first. Removing tens of thousands of hard links is mostly waiting for the file
/// system (on a busy machine, 0.2 ms an unlink: most of a no-change rebuild's wall time with one thread),
/// which threads overlap.
fn remove_tree(dir: &Path) -> Result<()> {
    let (mut files, mut dirs) = (Vec::new(), vec![(0usize, dir.to_path_buf())]);
    let mut k = 0;
    while let Some((depth, d)) = dirs.get(k).cloned() {
        k += 1;
        for e in std::fs::read_dir(&d).map_err(|e| Error::io(&d, e))? {
            let e = e.map_err(|e| Error::io(&d, e))?;
            match e.file_type() {
                Ok(t) if t.is_dir() => dirs.push((depth + 1, e.path())),
                _ => files.push(e.path()),
            }
        }
    }
    let each = |paths: &[PathBuf], remove: fn(&Path) -> std::io::Result<()>| -> Result<()> {
        let next = std::sync::atomic::AtomicUsize::new(0);
        std::thread::scope(|s| {
            let workers: Vec<_> = (0..REMOVERS.min(paths.len()))
                .map(|_| {
                    s.spawn(|| loop {
                        let Some(p) = paths.get(next.fetch_add(1, Ordering::Relaxed)) else { return Ok(()) };
                        remove(p).map_err(|e| Error::io(p, e))?;
                    })
                })
                .collect();
            workers.into_iter().try_for_each(|w| w.join().unwrap_or_else(|_| Err(Error::Other("removing".into()))))
        })
    };
    each(&files, |p| std::fs::remove_file(p))?;
    // Deepest first: a directory is empty when its turn comes.
    dirs.sort_by_key(|d| std::cmp::Reverse(d.0));
    for level in dirs.chunk_by(|a, b| a.0 == b.0) {
        let paths: Vec<PathBuf> = level.iter().map(|(_, p)| p.clone()).collect();
        each(&paths, |p| std::fs::remove_dir(p))?;
    }
    Ok(())
}

/// What the marker file says.
const MARKER_TEXT: &[u8] = b"This directory was written by `kitei build`; it is replaced on rebuild.\n";

/// An existing `out` may be replaced only if it is a kitei site.
fn check_replaceable(out: &Path) -> Result<()> {
    if out.exists() && !out.join(MARKER).is_file() {
        return Err(Error::Other(format!(
            "refusing to replace {}: it exists and is not a kitei site (no {MARKER} file)",
            out.display()
        )));
    }
    Ok(())
}

/// Replaces `out` by the finished `tmp` under the output's lock, so that two builds never interleave their
/// renames; returns the previous site, moved aside, for the caller to remove.
fn swap_in(out: &Path, parent: &Path, name: &str, tmp: &Path) -> Result<Option<PathBuf>> {
    let _lock = OutLock::acquire(parent, name)?;
    check_replaceable(out)?;
    if !out.exists() {
        std::fs::rename(tmp, out).map_err(|e| Error::io(out, e))?;
        return Ok(None);
    }
    let old = unique_name(parent, name, "old");
    std::fs::rename(out, &old).map_err(|e| Error::io(out, e))?;
    if let Err(e) = std::fs::rename(tmp, out) {
        let _ = std::fs::rename(&old, out);
        return Err(Error::io(out, e));
    }
    Ok(Some(old))
}

/// Runs in this process, so that two builds in one process (two threads) never share a directory.
static RUN: AtomicU64 = AtomicU64::new(0);

/// `.NAME.kitei-KIND-PID-N` beside the output, unique to this run (the process ID and a counter).
fn unique_name(parent: &Path, name: &str, kind: &str) -> PathBuf {
    let n = RUN.fetch_add(1, Ordering::Relaxed);
    parent.join(format!(".{name}.kitei-{kind}-{}-{n}", std::process::id()))
}

/// Creates a new empty directory named by [`unique_name`]; one left by a killed run whose process ID has
/// come back is skipped, never reused.
fn unique_dir(parent: &Path, name: &str, kind: &str) -> Result<PathBuf> {
    loop {
        let dir = unique_name(parent, name, kind);
        match std::fs::create_dir(&dir) {
            Ok(()) => return Ok(dir),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(Error::io(&dir, e)),
        }
    }
}

/// `.NAME.kitei-lock` beside the output, created with `O_EXCL`: held while a build swaps its site in, and
/// removed when dropped. Another build waits for it; one left behind by a killed build is named in the error.
struct OutLock(PathBuf);

/// How long a build waits for another one's swap (a few renames) before giving up.
const LOCK_WAIT: Duration = Duration::from_secs(30);

impl OutLock {
    fn acquire(parent: &Path, name: &str) -> Result<OutLock> {
        let path = parent.join(format!(".{name}.kitei-lock"));
        let began = Instant::now();
        loop {
            match OpenOptions::new().write(true).create_new(true).open(&path) {
                Ok(mut f) => {
                    let _ = writeln!(f, "{}", std::process::id());
                    return Ok(OutLock(path));
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && began.elapsed() < LOCK_WAIT => {
                    std::thread::sleep(Duration::from_millis(10));
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    return Err(Error::Other(format!(
                        "{} is being replaced by another kitei build ({} exists); if none is running, remove it",
                        parent.join(name).display(),
                        path.display()
                    )))
                }
                Err(e) => return Err(Error::io(&path, e)),
            }
        }
    }
}

impl Drop for OutLock {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tree_is_removed_whole() {
        let dir = std::env::temp_dir().join(format!("kitei-remove-tree-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        for k in 0..40 {
            let d = dir.join(format!("r{k}/sub/deeper"));
            std::fs::create_dir_all(&d).unwrap();
            std::fs::write(dir.join(format!("r{k}/index.html")), "x").unwrap();
            std::fs::write(d.join("a.js"), "y").unwrap();
            std::fs::hard_link(d.join("a.js"), d.join("b.js")).unwrap();
        }
        std::fs::create_dir_all(dir.join("empty")).unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(dir.join("r0"), dir.join("link")).unwrap();
        remove_tree(&dir).unwrap();
        assert!(!dir.exists());
        assert!(remove_tree(&dir).is_err(), "a missing tree is an error");
    }

    #[test]
    fn refuses_to_replace_a_directory_that_is_not_a_site() {
        let dir = std::env::temp_dir().join(format!("kitei-write-test-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("precious.txt"), "keep").unwrap();
        let files = BTreeMap::from([("a.html".to_string(), b"x".to_vec())]);
        assert!(write_site(&dir, &files).is_err());
        assert_eq!(std::fs::read_to_string(dir.join("precious.txt")).unwrap(), "keep");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    /// A site of `n` pages, each saying `who`, under `who/`, plus an index saying `who`.
    fn site(who: &str, n: usize) -> BTreeMap<String, Vec<u8>> {
        let mut files: BTreeMap<String, Vec<u8>> =
            (0..n).map(|i| (format!("{who}/{i}.html"), who.as_bytes().to_vec())).collect();
        files.insert("index.html".into(), who.as_bytes().to_vec());
        files
    }

    /// Every file under `root` (site-relative path → bytes).
    fn read_tree(root: &Path) -> BTreeMap<String, Vec<u8>> {
        let mut out = BTreeMap::new();
        let mut stack = vec![root.to_path_buf()];
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(&d).unwrap() {
                let p = e.unwrap().path();
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

    #[test]
    fn two_builds_into_one_folder_at_once_leave_one_whole_site() {
        let root = std::env::temp_dir().join(format!("kitei-write-race-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        let out = root.join("site");
        let marker = |mut f: BTreeMap<String, Vec<u8>>| {
            f.insert(
                MARKER.into(),
                b"This directory was written by `kitei build`; it is replaced on rebuild.\n".to_vec(),
            );
            f
        };
        let (a, b) = (site("a", 200), site("b", 150));
        for round in 0..10 {
            let workers: Vec<_> = [a.clone(), b.clone()]
                .into_iter()
                .map(|files| {
                    let out = out.clone();
                    std::thread::spawn(move || write_site(&out, &files))
                })
                .collect();
            for w in workers {
                w.join().unwrap().unwrap();
            }
            let got = read_tree(&out);
            assert!(got == marker(a.clone()) || got == marker(b.clone()), "round {round}: a mixed site");
            // Nothing is left beside it: no temporary or old directory, no lock.
            let beside: Vec<String> = std::fs::read_dir(&root)
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect();
            assert_eq!(beside, ["site"], "round {round}");
        }
        std::fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn replaces_a_previous_site() {
        let dir = std::env::temp_dir().join(format!("kitei-write-test2-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        write_site(&dir, &BTreeMap::from([("old.html".to_string(), b"x".to_vec())])).unwrap();
        write_site(&dir, &BTreeMap::from([("new.html".to_string(), b"y".to_vec())])).unwrap();
        assert!(!dir.join("old.html").exists());
        assert!(dir.join("new.html").exists());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
