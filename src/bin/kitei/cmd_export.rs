//! `kitei export` and `kitei schema`.

use crate::common;
use kitei::input::InputFormat;
use std::path::PathBuf;
use std::process::ExitCode;

/// Export a regulation to another format.
#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  kitei export regulations/jlis-ninsho-jimu-kanri-kitei/2016-01-01.md --to egov-xml -o kitei.xml\n  kitei export law.xml --to akn\n  kitei export law.xml --to json"
)]
pub struct Args {
    /// The regulation (text, Markdown, e-Gov XML or kitei JSON; `-` for standard input).
    pub file: PathBuf,
    /// Output format.
    #[arg(long, value_enum)]
    pub to: Format,
    /// Force the input format instead of detecting it (text, markdown, xml, json).
    #[arg(long, value_parser = common::parse_input_format)]
    pub input_format: Option<InputFormat>,
    /// Write to this file (atomically) instead of standard output.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
}

/// The formats `kitei export --to` writes (the doc comments are the `--help` descriptions).
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// e-Gov 法令標準XML
    EgovXml,
    /// Akoma Ntoso 3.0
    Akn,
    /// The kitei tree as JSON (see `kitei schema`)
    Json,
    /// Plain text
    Text,
}

/// Print the JSON Schema of `kitei parse` output.
#[derive(clap::Args)]
#[command(after_help = "Example:\n  kitei schema -o schema/kitei-document.schema.json")]
pub struct SchemaArgs {
    /// Write to this file (atomically) instead of standard output.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
}

pub fn run(a: Args) -> anyhow::Result<ExitCode> {
    let doc = common::load(&a.file, a.input_format)?.document;
    let out = match a.to {
        Format::EgovXml => kitei::export::egov_xml::to_egov_xml(&doc),
        Format::Akn => kitei::export::akn::to_akn(&doc),
        Format::Text => kitei::export::text::to_text(&doc),
        Format::Json => {
            let mut s = serde_json::to_string_pretty(&doc)?;
            s.push('\n');
            s
        }
    };
    common::write_output(a.output.as_ref(), out.as_bytes(), &[&a.file])?;
    Ok(ExitCode::SUCCESS)
}

pub fn run_schema(a: SchemaArgs) -> anyhow::Result<ExitCode> {
    let s = kitei::export::json_schema();
    common::write_output(a.output.as_ref(), s.as_bytes(), &[])?;
    Ok(ExitCode::SUCCESS)
}
