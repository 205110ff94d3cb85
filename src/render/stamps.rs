//! File-system stamps of a regulation directory's entries, so that a no-change rebuild need not read and
//! hash every input again (at 7,950 laws, 360 MB read on every build) to know it is unchanged.
//!
//! When the build cache ([`super::cache`]) hashes a directory's bytes, it keeps each entry's stamp (size,
//! modification and change times, inode, device): the next build takes the hash as it was when every stamp
//! is the same. That is sound because the change time (`ctime`) cannot be set by a program: any write,
//! rename over, `touch` or `chmod` sets it to the present. A stamp is kept only when the entry's change time
//! is at least [`SETTLED`] before the build started (the build's marker file's own change time, from the
//! same clock), so that a file written again within the clock's resolution of its last hashing cannot keep
//! its stamp. On other systems than Unix there are no stamps: the bytes are always read.

use serde::{Deserialize, Serialize};
use std::path::Path;

/// How long before the build an entry must have last changed for its stamp to be kept (nanoseconds).
pub const SETTLED: i128 = 2_000_000_000;

/// One directory entry's stamp.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    /// The entry's name.
    pub name: String,
    /// Size in bytes (of the file a symbolic link leads to).
    pub len: u64,
    /// Modification time, nanoseconds since the epoch.
    pub mtime: i128,
    /// Change time, nanoseconds since the epoch.
    pub ctime: i128,
    /// Inode and device.
    pub ino: u64,
    /// Device.
    pub dev: u64,
}

impl Stamp {
    /// The stamp of the entry `name` (its target, for a symbolic link); `None` on other systems than Unix.
    #[cfg(unix)]
    pub fn of(name: &str, meta: &std::fs::Metadata) -> Option<Stamp> {
        use std::os::unix::fs::MetadataExt;
        let ns = |s: i64, n: i64| i128::from(s) * 1_000_000_000 + i128::from(n);
        Some(Stamp {
            name: name.to_string(),
            len: meta.size(),
            mtime: ns(meta.mtime(), meta.mtime_nsec()),
            ctime: ns(meta.ctime(), meta.ctime_nsec()),
            ino: meta.ino(),
            dev: meta.dev(),
        })
    }

    /// No stamps on other systems than Unix: the bytes are always read.
    #[cfg(not(unix))]
    pub fn of(_: &str, _: &std::fs::Metadata) -> Option<Stamp> {
        None
    }
}

/// The change time of `path` (the build's marker file, just written), in nanoseconds: "now" by the file
/// system's clock; `None` when it cannot be read or on other systems than Unix (no stamps are kept).
pub fn now_by(path: &Path) -> Option<i128> {
    let meta = std::fs::metadata(path).ok()?;
    Stamp::of("", &meta).map(|s| s.ctime)
}

/// The stamps worth keeping: all of them, when each entry last changed [`SETTLED`] before `now`; else none.
pub fn settled(stamps: Option<Vec<Stamp>>, now: Option<i128>) -> Option<Vec<Stamp>> {
    let now = now?;
    stamps.filter(|s| s.iter().all(|s| s.ctime + SETTLED <= now))
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn a_write_changes_the_stamp_and_fresh_files_keep_none() {
        let dir = std::env::temp_dir().join(format!("kitei-stamps-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let f = dir.join("2020-01-01.md");
        std::fs::write(&f, "規程\n第1条　甲とする。\n").unwrap();
        let stamp = || Stamp::of("2020-01-01.md", &std::fs::metadata(&f).unwrap()).unwrap();
        let first = stamp();
        assert_eq!(first, stamp());
        // The same size and modification time set back: the change time still moves.
        let mtime = std::fs::metadata(&f).unwrap().modified().unwrap();
        std::thread::sleep(std::time::Duration::from_millis(20));
        std::fs::write(&f, "規程\n第1条　乙とする。\n").unwrap();
        std::fs::File::options().write(true).open(&f).unwrap().set_modified(mtime).unwrap();
        let second = stamp();
        assert_eq!((second.len, second.mtime), (first.len, first.mtime));
        assert_ne!(second, first);
        // Just written: not settled by the present; settled a while later.
        let now = now_by(&f).unwrap();
        assert_eq!(settled(Some(vec![second.clone()]), Some(now)), None);
        assert_eq!(settled(Some(vec![second.clone()]), Some(now + SETTLED)), Some(vec![second]));
        assert_eq!(settled(Some(vec![]), None), None);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
