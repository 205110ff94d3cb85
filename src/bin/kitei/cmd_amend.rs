//! `kitei amend` and `kitei apply` (to be written).

use std::process::ExitCode;

/// (to be written)
#[derive(clap::Args)]
pub struct Args {
    /// Arguments.
    pub rest: Vec<String>,
}

/// (to be written)
#[derive(clap::Args)]
pub struct ApplyArgs {
    /// Arguments.
    pub rest: Vec<String>,
}

pub fn run(_a: Args) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`kitei amend` is not available yet")
}

pub fn run_apply(_a: ApplyArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`kitei apply` is not available yet")
}
