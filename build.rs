//! Build script: the fingerprint of the code and files that decide what `kitei build` writes, for the
//! site's build cache (`src/render/cache.rs`). A hash of the names and bytes of every file under `src/`
//! (but the command line, `src/bin/`) and `templates/`, and of `Cargo.lock` (the versions of the crates
//! that parse and render), emitted as `KITEI_CODE_FINGERPRINT`. A development build that renders
//! differently then renders every regulation again instead of reusing the previous site's pages.

use std::hash::Hasher;
use std::path::{Path, PathBuf};

/// Every file under `dir`, recursively.
fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            files(&p, out);
        } else {
            out.push(p);
        }
    }
}

fn main() {
    let mut all = Vec::new();
    for dir in ["src", "templates"] {
        println!("cargo:rerun-if-changed={dir}");
        files(Path::new(dir), &mut all);
    }
    println!("cargo:rerun-if-changed=Cargo.lock");
    all.push(PathBuf::from("Cargo.lock"));
    let cli = Path::new("src").join("bin");
    all.retain(|p| !p.starts_with(&cli));
    all.sort();
    // SipHash with fixed keys: the same files give the same fingerprint on every run.
    let mut h = std::hash::DefaultHasher::new();
    for p in &all {
        let name = p.to_string_lossy().replace('\\', "/");
        let bytes = std::fs::read(p).unwrap_or_default();
        h.write_u64(name.len() as u64);
        h.write(name.as_bytes());
        h.write_u64(bytes.len() as u64);
        h.write(&bytes);
    }
    println!("cargo:rustc-env=KITEI_CODE_FINGERPRINT={:016x}", h.finish());
}
