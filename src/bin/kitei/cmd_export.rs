//! `kitei export` and `kitei schema`.

use crate::common;
use std::path::PathBuf;
use std::process::ExitCode;

/// Export a regulation to another format.
#[derive(clap::Args)]
pub struct Args {
    /// Arguments.
    pub rest: Vec<String>,
}

/// Print the JSON Schema of `kitei parse` output.
#[derive(clap::Args)]
#[command(after_help = "Example:\n  kitei schema -o schema/kitei-document.schema.json")]
pub struct SchemaArgs {
    /// Write to this file (atomically) instead of standard output.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
}

pub fn run(_a: Args) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`kitei export` is not available yet")
}

pub fn run_schema(a: SchemaArgs) -> anyhow::Result<ExitCode> {
    let s = kitei::export::json_schema();
    common::write_output(a.output.as_ref(), s.as_bytes(), &[])?;
    Ok(ExitCode::SUCCESS)
}
