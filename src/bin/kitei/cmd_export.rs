//! `kitei export` and `kitei schema`.

use crate::common;
use crate::format::Kind;
use crate::revisions::RevisionArgs;
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
    /// Output format [default: from the extension of -o: .xml e-Gov XML, .json, .txt].
    #[arg(long, value_enum, required_unless_present = "output")]
    pub to: Option<Format>,
    /// Force the input format instead of detecting it (text, markdown, xml, json).
    #[arg(long, value_parser = common::parse_input_format)]
    pub input_format: Option<InputFormat>,
    /// Write to this file (atomically) instead of standard output.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub revisions: RevisionArgs,
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

impl Format {
    /// The `--to` name and the kind of file it writes.
    const ALL: [(&'static str, Kind); 4] =
        [("egov-xml", Kind::Xml), ("akn", Kind::Xml), ("json", Kind::Json), ("text", Kind::Text)];

    fn from_name(name: &str) -> Format {
        match name {
            "akn" => Format::Akn,
            "json" => Format::Json,
            "text" => Format::Text,
            _ => Format::EgovXml,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Format::EgovXml => "egov-xml",
            Format::Akn => "akn",
            Format::Json => "json",
            Format::Text => "text",
        }
    }
}

pub fn run(a: Args) -> anyhow::Result<ExitCode> {
    let explicit = a.to.map(Format::name);
    let to = crate::format::choose("--to", explicit, a.output.as_ref(), &Format::ALL, "")?;
    if to.is_empty() {
        anyhow::bail!("say which format to write: --to, or -o with the extension .xml, .json or .txt");
    }
    let doc = common::load_with(&a.file, a.input_format, a.revisions.options())?.document;
    let out = match Format::from_name(to) {
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
    crate::format::check_single(a.output.as_ref(), Kind::Json)?;
    let s = kitei::export::json_schema();
    common::write_output(a.output.as_ref(), s.as_bytes(), &[])?;
    Ok(ExitCode::SUCCESS)
}
