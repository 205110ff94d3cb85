//! `kitei amend OLD NEW` (write the 改め文 that turns OLD into NEW) and `kitei apply OLD AMENDMENT` (apply a
//! 改め文 to OLD and print the new version).

use std::path::PathBuf;
use std::process::ExitCode;

use crate::common;
use crate::revisions::RevisionArgs;

/// `kitei amend OLD NEW [-o FILE]`.
#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  kitei amend regulations/jlis-ninsho-jimu-kanri-kitei/2016-01-01.md regulations/jlis-ninsho-jimu-kanri-kitei/2027-04-01.md\n  kitei amend old.txt new.txt -o kaisei.txt"
)]
pub struct Args {
    /// The version before the amendment.
    pub old: PathBuf,
    /// The version after the amendment.
    pub new: PathBuf,
    /// Write to this file instead of standard output.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Output format: text, or docx (the 一部改正 document laid out in Word) [default: docx when -o ends in
    /// .docx, else text].
    #[arg(long, value_parser = ["text", "docx"])]
    pub format: Option<String>,
    #[command(flatten)]
    pub revisions: RevisionArgs,
}

/// `kitei apply OLD AMENDMENT [--shinkyu] [-o FILE]`.
#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  kitei apply old.md kaisei.txt -o new.txt\n  kitei apply old.md kaisei.txt --shinkyu\n\nAn instruction that cannot be applied is an error naming its line and reason; nothing is written."
)]
pub struct ApplyArgs {
    /// The version to amend.
    pub old: PathBuf,
    /// The amending act (改め文), as text or Markdown.
    pub amendment: PathBuf,
    /// Print the 新旧対照表 (old/new comparison) instead of the new version.
    #[arg(long)]
    pub shinkyu: bool,
    /// Apply only this unit of the act (1-based: the N-th 「…の一部を次のように改正する。」 with instructions).
    /// By default every unit for this text is applied in order, and units for other laws are listed on
    /// standard error.
    #[arg(long, value_name = "N")]
    pub unit: Option<usize>,
    /// Do not append the amending act's own 附則 to the amended text (by default it is appended, as it stays
    /// behind in the amended 規程).
    #[arg(long)]
    pub no_suppl: bool,
    /// Write to this file instead of standard output.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub revisions: RevisionArgs,
}

pub fn run(a: Args) -> anyhow::Result<ExitCode> {
    use crate::format::Kind;
    let format = crate::format::choose(
        "--format",
        a.format.as_deref(),
        a.output.as_ref(),
        &[("text", Kind::Text), ("docx", Kind::Docx)],
        "text",
    )?;
    common::stdin_once(&[&a.old, &a.new])?;
    let old = common::load_with(&a.old, None, a.revisions.options())?.document;
    let new = common::load_with(&a.new, None, a.revisions.options())?.document;
    // The 改め文 gives NEW exactly; when NEW itself still cites provisions under their old numbers, the text
    // carries those references over and `kitei apply` will call it a ハネ漏れ: the self-check says so.
    let generated = kitei::amend::generate_checked(&old, &new, &kitei::amend::Options::default())?;
    for w in &generated.warnings {
        eprintln!("kitei: warning: {w}");
    }
    let text = generated.text;
    if format == "docx" {
        let bytes = kitei::export::docx::amend::amend_docx(&text)?;
        common::write_output(a.output.as_ref(), &bytes, &[&a.old, &a.new])?;
    } else {
        common::write_output(a.output.as_ref(), text.as_bytes(), &[&a.old, &a.new])?;
    }
    for act in kitei::amend::generate::suppl::unwritten(&old, &new) {
        eprintln!(
            "kitei: note: the excerpt (抄) of the 附則 of {act} differs between the versions; excerpts are e-Gov's \
             selection, not amendments, so it is not written"
        );
    }
    for (o, n) in kitei::amend::generate::annotation::unwritten(&old, &new) {
        eprintln!(
            "kitei: note: the header note changes from 「{o}」 to 「{n}」; it is e-Gov's annotation (最終改正), not \
             the regulation's text, so it is not written"
        );
    }
    Ok(ExitCode::SUCCESS)
}

pub fn run_apply(a: ApplyArgs) -> anyhow::Result<ExitCode> {
    crate::format::check_single(a.output.as_ref(), crate::format::Kind::Text)?;
    common::stdin_once(&[&a.old, &a.amendment])?;
    let old = common::load_with(&a.old, None, a.revisions.options())?.document;
    let src = common::read_source(&a.amendment, None)?;
    let amendment = kitei::amend::parse::parse(&a.revisions.text(&src), &src.name)?;
    let applied = kitei::amend::apply_units(&old, &amendment, &src.name, a.unit)?;
    for unit in &applied.skipped {
        eprintln!("kitei: {}: skipped {unit}", src.name);
    }
    for w in &applied.warnings {
        eprintln!("kitei: {w}");
    }
    let mut new = applied.document;
    if a.no_suppl {
        if let Some(e) = &amendment.effective {
            eprintln!("kitei: the amending act's 附則 (not appended): {e}");
        }
    } else {
        kitei::amend::append_suppl(&mut new, &amendment);
    }
    let out = if a.shinkyu {
        let cmp = kitei::diff::compare(&old, &new, &kitei::diff::CompareOptions::default());
        kitei::diff::render_text(&cmp, &kitei::diff::RenderOptions::default())
    } else {
        kitei::export::text::to_text(&new)
    };
    common::write_output(a.output.as_ref(), out.as_bytes(), &[&a.old, &a.amendment])?;
    Ok(ExitCode::SUCCESS)
}
