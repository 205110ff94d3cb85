//! Where the benchmarks find `../shared` (beside the repository, as in CI, or `/work/shared`).
#![allow(dead_code)]

pub mod alloc;
pub mod kaisha;

use std::path::PathBuf;

/// `../shared` beside the repository, or `/work/shared`.
pub fn shared() -> PathBuf {
    let beside = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared");
    if beside.is_dir() {
        beside
    } else {
        PathBuf::from("/work/shared")
    }
}

/// The shared corpus folder.
pub fn corpus() -> PathBuf {
    shared().join("corpus")
}
