//! Writing the site atomically: everything is written into a temporary directory beside OUT, then swapped in
//! by rename. An existing OUT is replaced only if it is a previous kitei site (it holds the marker file
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
use std::path::{Path, PathBuf};

/// The marker file that identifies a kitei site.
pub const MARKER: &str = ".kitei-site";

/// Writes `files` (site-relative path → bytes) as the directory `out`.
pub fn write_site(out: &Path, files: &BTreeMap<String, Vec<u8>>) -> Result<()> {
    if out.exists() && !out.join(MARKER).is_file() {
        return Err(Error::Other(format!(
            "refusing to replace {}: it exists and is not a kitei site (no {MARKER} file)",
            out.display()
        )));
    }
    let parent = out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
    let name = out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "site".into());
    let tmp = parent.join(format!(".{name}.kitei-tmp-{}", std::process::id()));
    let old = parent.join(format!(".{name}.kitei-old-{}", std::process::id()));
    if tmp.exists() {
        std::fs::remove_dir_all(&tmp).map_err(|e| Error::io(&tmp, e))?;
    }
    let result = write_tree(&tmp, files);
    if let Err(e) = result {
        let _ = std::fs::remove_dir_all(&tmp);
        return Err(e);
    }
    if out.exists() {
        std::fs::rename(out, &old).map_err(|e| Error::io(out, e))?;
        if let Err(e) = std::fs::rename(&tmp, out) {
            let _ = std::fs::rename(&old, out);
            return Err(Error::io(out, e));
        }
        std::fs::remove_dir_all(&old).map_err(|e| Error::io(&old, e))?;
    } else {
        std::fs::rename(&tmp, out).map_err(|e| Error::io(out, e))?;
    }
    Ok(())
}

fn write_tree(root: &Path, files: &BTreeMap<String, Vec<u8>>) -> Result<()> {
    std::fs::create_dir_all(root).map_err(|e| Error::io(root, e))?;
    std::fs::write(root.join(MARKER), b"This directory was written by `kitei build`; it is replaced on rebuild.\n")
        .map_err(|e| Error::io(root.join(MARKER), e))?;
    for (rel, content) in files {
        if rel.split('/').any(|c| c.is_empty() || c == ".." || c == ".") {
            return Err(Error::Other(format!("invalid output path {rel:?}")));
        }
        let path: PathBuf = root.join(rel);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        }
        std::fs::write(&path, content).map_err(|e| Error::io(&path, e))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

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
