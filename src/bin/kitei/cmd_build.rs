//! `kitei build` (to be written).

use std::process::ExitCode;

/// (to be written)
#[derive(clap::Args)]
pub struct Args {
    /// Arguments.
    pub rest: Vec<String>,
}

pub fn run(_a: Args) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`kitei build` is not available yet")
}
