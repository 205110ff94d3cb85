//! A lock on a file that several `kitei` commands may update at once (an audit state): `FILE.lock`, created
//! with `O_EXCL` (only one process can create it), removed when the lock is dropped. A command that finds it
//! waits, then gives up with a message naming the lock file (left behind by a killed command, the user removes
//! it). The update itself is written atomically, so readers never need the lock.

use std::fs::OpenOptions;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// A held lock; dropping it releases it.
pub struct Lock {
    path: PathBuf,
}

/// How long a command waits for another one's lock.
const WAIT: Duration = Duration::from_secs(30);

impl Lock {
    /// Takes the lock on `file` (`file.lock` beside it), waiting up to 30 seconds for another holder.
    pub fn acquire(file: &Path) -> anyhow::Result<Lock> {
        Self::acquire_within(file, WAIT)
    }

    fn acquire_within(file: &Path, wait: Duration) -> anyhow::Result<Lock> {
        let mut name = file.file_name().unwrap_or_default().to_os_string();
        name.push(".lock");
        let path = file.with_file_name(name);
        let began = Instant::now();
        loop {
            match OpenOptions::new().write(true).create_new(true).open(&path) {
                Ok(mut f) => {
                    // Who holds it, for a user who finds it left behind.
                    let _ = writeln!(f, "{}", std::process::id());
                    return Ok(Lock { path });
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && began.elapsed() < wait => {
                    std::thread::sleep(Duration::from_millis(20));
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => anyhow::bail!(
                    "{} is locked by another kitei command ({} exists); if none is running, remove it",
                    file.display(),
                    path.display()
                ),
                Err(e) => anyhow::bail!("cannot lock {}: {}", file.display(), crate::outfile::io_message(&e)),
            }
        }
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn concurrent_updates_under_the_lock_lose_nothing() {
        let d = std::env::temp_dir().join(format!("kitei-lock-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        let file = d.join("state.toml");
        std::fs::write(&file, "0").unwrap();
        let workers: Vec<_> = (0..4)
            .map(|_| {
                let file = file.clone();
                std::thread::spawn(move || {
                    for _ in 0..50 {
                        let _lock = Lock::acquire(&file).unwrap();
                        let n: u32 = std::fs::read_to_string(&file).unwrap().parse().unwrap();
                        std::thread::yield_now();
                        crate::outfile::write_file(&file, (n + 1).to_string().as_bytes()).unwrap();
                    }
                })
            })
            .collect();
        for w in workers {
            w.join().unwrap();
        }
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "200");
        assert!(!d.join("state.toml.lock").exists(), "released");
        // A lock left behind: a clear error naming it, after the wait.
        std::fs::write(d.join("state.toml.lock"), "1").unwrap();
        let e = Lock::acquire_within(&file, Duration::from_millis(50)).err().unwrap().to_string();
        assert!(e.contains("state.toml.lock exists); if none is running, remove it"), "{e}");
        std::fs::remove_dir_all(&d).unwrap();
    }
}
