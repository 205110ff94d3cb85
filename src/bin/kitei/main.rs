//! The `kitei` command: a thin clap layer over the library. One file per subcommand.

mod cmd_amend;
mod cmd_build;
mod cmd_checklist;
mod cmd_diff;
mod cmd_export;
mod cmd_history;
mod cmd_impact;
mod cmd_lint;
mod cmd_parse;
#[cfg(feature = "serve")]
mod cmd_serve;
mod cmd_translate;
mod common;
mod format;
mod lock;
mod outfile;
mod revisions;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// The exit status convention, shown by `kitei --help` (README: "Exit status").
const EXIT_STATUS: &str = "Exit status (every command):\n  0  success\n  1  findings: lint errors, `diff --exit-code` with differences, `checklist --exit-code` with open items,\n     `impact --exit-code` with stale or dangling references\n  2  an error: a bad invocation, an input that cannot be read or parsed, an output that cannot be written\n\nWith -o FILE the output format follows FILE's extension (.json, .txt, .md, .html, .csv, .xml) unless the\ncommand's format option says otherwise; an extension that contradicts it is an error. Files are written\natomically; devices and FIFOs (/dev/null, a named pipe) are written through.";

/// kitei: parse, compare, publish and check Japanese regulations (規程, 規則, 法令).
#[derive(Parser)]
#[command(name = "kitei", version, about, long_about = None, propagate_version = true, after_help = EXIT_STATUS)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Parse a regulation and print its tree as JSON (or canonical text).
    Parse(cmd_parse::Args),
    /// Check a regulation for drafting problems (目次, numbering, references, brackets, variant kanji).
    Lint(cmd_lint::Args),
    /// Compare two versions: a 新旧対照表 in HTML, Markdown, terminal text or JSON.
    Diff(cmd_diff::Args),
    /// Write the 改め文 (amendment text) that turns OLD into NEW.
    Amend(cmd_amend::Args),
    /// Apply a 改め文 to OLD and print the amended version.
    Apply(cmd_amend::ApplyArgs),
    /// Publish regulations/ as a bilingual static site.
    Build(cmd_build::Args),
    /// Audit checklists from obligations, with audit state that survives amendments.
    Checklist(cmd_checklist::Args),
    /// A provision's history across every version: numbers, captions and what changed at each step.
    History(cmd_history::Args),
    /// What an amendment touches: definitions, citations, obligations and other regulations citing it.
    Impact(cmd_impact::Args),
    /// Export to e-Gov 法令標準XML, Akoma Ntoso, JSON or text.
    Export(cmd_export::Args),
    /// Translation tools: fingerprints (stamp), update, status, XLIFF export and import.
    Translate(cmd_translate::Args),
    /// Print the JSON Schema of `kitei parse` output.
    Schema(cmd_export::SchemaArgs),
    /// Serve the site and a live drafting workspace on a local port.
    #[cfg(feature = "serve")]
    Serve(cmd_serve::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Parse(a) => cmd_parse::run(a),
        Command::Lint(a) => cmd_lint::run(a),
        Command::Diff(a) => cmd_diff::run(a),
        Command::Amend(a) => cmd_amend::run(a),
        Command::Apply(a) => cmd_amend::run_apply(a),
        Command::Build(a) => cmd_build::run(a),
        Command::Checklist(a) => cmd_checklist::run(a),
        Command::History(a) => cmd_history::run(a),
        Command::Impact(a) => cmd_impact::run(a),
        Command::Export(a) => cmd_export::run(a),
        Command::Schema(a) => cmd_export::run_schema(a),
        Command::Translate(a) => cmd_translate::run(a),
        #[cfg(feature = "serve")]
        Command::Serve(a) => cmd_serve::run(a),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            common::report(&e);
            ExitCode::from(2)
        }
    }
}
