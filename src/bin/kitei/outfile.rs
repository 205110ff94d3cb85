//! Writing a command's output (`-o FILE`), the same way in every command.
//!
//! - No `-o`, or `-o -`: standard output.
//! - A device, FIFO or socket, or a symbolic link to one (`/dev/null`, `/dev/stdout`, a named pipe): written
//!   in place, through it. Replacing it by a rename would turn it into a regular file.
//! - A regular file or a new path: atomically, a temporary file in the same folder renamed over the target,
//!   so a reader never sees half a file. A symbolic link to a regular file is replaced at its target (the
//!   link stays a link).
//! - An existing directory, or a path in a folder that does not exist: an error naming it; nothing is
//!   created. Messages never show the temporary name, and no temporary file is left behind.

use anyhow::{anyhow, bail};
use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// An I/O error's message without Rust's ` (os error N)` suffix: `No such file or directory`.
pub fn io_message(e: &io::Error) -> String {
    strip_os_error(&e.to_string())
}

/// Removes every ` (os error N)` from a message (library errors carry the `io::Error` text).
pub fn strip_os_error(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find(" (os error ") {
        let tail = &rest[i + " (os error ".len()..];
        let digits = tail.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 && tail[digits..].starts_with(')') {
            out.push_str(&rest[..i]);
            rest = &tail[digits + 1..];
        } else {
            out.push_str(&rest[..i + 1]);
            rest = &rest[i + 1..];
        }
    }
    out.push_str(rest);
    out
}

/// Writes `content` to `out` (see the module documentation), or to standard output when `out` is `None` or
/// `-`. Refuses to write over any of `inputs`.
pub fn write_output(out: Option<&PathBuf>, content: &[u8], inputs: &[&Path]) -> anyhow::Result<()> {
    let path = match out {
        Some(p) if p.as_os_str() != "-" => p,
        _ => return write_stdout(content),
    };
    for input in inputs {
        if same_file(path, input) {
            bail!("refusing to write the output over the input {}", input.display());
        }
    }
    write_file(path, content)
}

fn write_stdout(content: &[u8]) -> anyhow::Result<()> {
    let mut o = io::stdout().lock();
    match o.write_all(content).and_then(|()| o.flush()) {
        // `kitei parse x | head`: the reader stopped reading; that is not an error of ours.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(anyhow!("cannot write to standard output: {}", io_message(&e))),
        Ok(()) => Ok(()),
    }
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (fs::canonicalize(a), fs::canonicalize(b)) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}

/// Writes one file as the module documentation says. Errors name `path` as the user gave it.
pub fn write_file(path: &Path, content: &[u8]) -> anyhow::Result<()> {
    let fail = |e: io::Error| anyhow!("cannot write {}: {}", path.display(), io_message(&e));
    match fs::metadata(path) {
        Ok(m) if m.is_dir() => bail!("cannot write {}: Is a directory", path.display()),
        Ok(m) if !m.is_file() => {
            let mut f = OpenOptions::new().write(true).open(path).map_err(fail)?;
            f.write_all(content).and_then(|()| f.flush()).map_err(fail)
        }
        Ok(_) => write_atomic_at(&resolve_links(path).map_err(fail)?, content).map_err(fail),
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            // A new path, or a dangling link (its target is created).
            let target = resolve_links(path).map_err(fail)?;
            let dir = folder_of(&target);
            if !dir.is_dir() {
                let why = if dir.exists() { "is not a folder" } else { "does not exist" };
                bail!("cannot write {}: the folder {} {why}", path.display(), dir.display());
            }
            write_atomic_at(&target, content).map_err(fail)
        }
        Err(e) => Err(fail(e)),
    }
}

/// The folder a path is in (`.` for a bare name).
fn folder_of(p: &Path) -> PathBuf {
    p.parent().filter(|d| !d.as_os_str().is_empty()).map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

/// Follows symbolic links from `path` to the path that is not one (which may not exist yet).
fn resolve_links(path: &Path) -> io::Result<PathBuf> {
    let mut p = path.to_path_buf();
    for _ in 0..40 {
        match fs::symlink_metadata(&p) {
            Ok(m) if m.file_type().is_symlink() => {
                let t = fs::read_link(&p)?;
                p = if t.is_absolute() { t } else { folder_of(&p).join(t) };
            }
            _ => return Ok(p),
        }
    }
    Err(io::Error::other("too many levels of symbolic links"))
}

/// Temporary names are unique per process and per write (two threads never share one).
static COUNTER: AtomicUsize = AtomicUsize::new(0);

/// Writes `target` (a regular file or a new path, no link) atomically: a temporary file in its folder,
/// flushed to disk, then renamed over it. The temporary file is removed on failure. An existing file's
/// permissions are kept.
fn write_atomic_at(target: &Path, content: &[u8]) -> io::Result<()> {
    let dir = folder_of(target);
    let name = target.file_name().map_or_else(|| "out".into(), |n| n.to_string_lossy().into_owned());
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let tmp = dir.join(format!(".{name}.kitei-tmp-{}-{n}", std::process::id()));
    let result = (|| {
        let mut f = OpenOptions::new().write(true).create_new(true).open(&tmp)?;
        if let Ok(m) = fs::metadata(target) {
            f.set_permissions(m.permissions())?;
        }
        f.write_all(content)?;
        f.sync_all()?;
        drop(f);
        fs::rename(&tmp, target)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tmpdir(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("kitei-outfile-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&d);
        fs::create_dir_all(&d).unwrap();
        d
    }

    fn leftovers(d: &Path) -> Vec<String> {
        fs::read_dir(d)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains("kitei-tmp"))
            .collect()
    }

    #[test]
    fn os_error_suffixes_are_removed() {
        assert_eq!(strip_os_error("a: No such file or directory (os error 2)"), "a: No such file or directory");
        assert_eq!(strip_os_error("x (os error 2) and y (os error 21)"), "x and y");
        assert_eq!(strip_os_error("keep (os error x)"), "keep (os error x)");
    }

    #[test]
    fn a_link_to_a_regular_file_is_replaced_at_its_target() {
        let d = tmpdir("link");
        fs::write(d.join("real.txt"), "old").unwrap();
        std::os::unix::fs::symlink("real.txt", d.join("link.txt")).unwrap();
        write_file(&d.join("link.txt"), b"new").unwrap();
        assert!(fs::symlink_metadata(d.join("link.txt")).unwrap().file_type().is_symlink());
        assert_eq!(fs::read_to_string(d.join("real.txt")).unwrap(), "new");
        // A dangling link: its target is created.
        std::os::unix::fs::symlink("made.txt", d.join("dangling.txt")).unwrap();
        write_file(&d.join("dangling.txt"), b"made").unwrap();
        assert_eq!(fs::read_to_string(d.join("made.txt")).unwrap(), "made");
        assert!(leftovers(&d).is_empty());
        fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn a_directory_or_a_missing_folder_is_an_error_without_leftovers() {
        let d = tmpdir("dir");
        let e = write_file(&d, b"x").unwrap_err().to_string();
        assert!(e.ends_with(": Is a directory"), "{e}");
        assert!(!e.contains("kitei-tmp"), "{e}");
        let missing = d.join("no/such/out.json");
        let e = write_file(&missing, b"x").unwrap_err().to_string();
        assert!(e.contains(&format!("the folder {} does not exist", d.join("no/such").display())), "{e}");
        assert!(!d.join("no").exists());
        assert!(leftovers(&d).is_empty());
        fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn a_regular_file_is_replaced_keeping_its_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let d = tmpdir("perm");
        let p = d.join("out.txt");
        fs::write(&p, "old").unwrap();
        fs::set_permissions(&p, fs::Permissions::from_mode(0o640)).unwrap();
        write_file(&p, b"new").unwrap();
        assert_eq!(fs::read_to_string(&p).unwrap(), "new");
        assert_eq!(fs::metadata(&p).unwrap().permissions().mode() & 0o777, 0o640);
        assert!(leftovers(&d).is_empty());
        fs::remove_dir_all(&d).unwrap();
    }
}
