//! `kitei diff OLD NEW`: a 新旧対照表 in HTML, Markdown, terminal text or JSON.

use crate::common;
use crate::revisions::{RevisionArgs, Which};
use kitei::diff::{self, ColumnHeadings, CompareOptions, RenderOptions, Unchanged};
use kitei::input::InputFormat;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

/// Compare two versions of a regulation.
#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  kitei diff old.md new.md\n  kitei diff old.md new.md --format html -o shinkyu.html\n  kitei diff old.txt new.txt --format json | jq '.summary'\n  kitei diff old.md new.md --format md --headings draft --old-left\n  kitei diff old.md new.md --unchanged abbreviate -o shinkyu.docx"
)]
pub struct Args {
    /// The old version (text, Markdown, e-Gov XML, kitei JSON or Word .docx). A single .docx holding tracked
    /// changes (変更履歴) is compared before the changes with after them.
    pub old: PathBuf,
    /// The new version.
    pub new: Option<PathBuf>,
    /// Output format [default: from the extension of -o (.html, .md, .json, .txt, .docx), else text].
    #[arg(long, value_parser = ["html", "md", "markdown", "text", "json", "docx"])]
    pub format: Option<String>,
    /// Write to this file (atomically) instead of standard output.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// A directory whose `shinkyu.html.tera` overrides the built-in HTML template.
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// Put the old version (改正前) in the left column (default: new on the left).
    #[arg(long)]
    pub old_left: bool,
    /// Column headings: adopted (改正後/改正前), draft (改正案/現行) or short (新/旧).
    #[arg(long, default_value = "adopted", value_parser = ["adopted", "draft", "short"])]
    pub headings: String,
    /// Unchanged provisions: omit (the official style: unchanged articles, 附則 and 目次 are left out, the
    /// 編/章/節 headings that place a change are kept, and unchanged 項 and 号 of a changed article read
    /// 「２　（略）」), abbreviate (every article as a row, unchanged ones as number, caption and （略）, a 附則
    /// with its act) or full (every provision in full).
    #[arg(long, default_value = "omit", value_parser = ["omit", "abbreviate", "full"], conflicts_with = "full")]
    pub unchanged: String,
    /// Show every provision in full: the same as --unchanged full.
    #[arg(long)]
    pub full: bool,
    /// Leave out unchanged articles: the default since the official style became it (--unchanged omit).
    #[arg(long, hide = true)]
    pub omit_unchanged: bool,
    /// Leave out the note 「（傍線部分は改正部分）」 under the title.
    #[arg(long)]
    pub no_note: bool,
    /// Colour in text output: auto (when standard output is a terminal and NO_COLOR is unset), always, never.
    #[arg(long, default_value = "auto", value_parser = ["auto", "always", "never"])]
    pub color: String,
    /// Force the input format of both files instead of detecting it (text, markdown, xml, json).
    #[arg(long, value_parser = common::parse_input_format)]
    pub input_format: Option<InputFormat>,
    /// Exit with status 1 when the versions differ, 0 when they do not (as `git diff --exit-code`).
    #[arg(long)]
    pub exit_code: bool,
    #[command(flatten)]
    pub revisions: RevisionArgs,
}

pub fn run(a: Args) -> anyhow::Result<ExitCode> {
    use crate::format::Kind;
    common::check_templates(a.templates.as_deref())?;
    let inputs: Vec<&std::path::Path> = std::iter::once(a.old.as_path()).chain(a.new.as_deref()).collect();
    common::stdin_once(&inputs)?;
    let formats = [
        ("html", Kind::Html),
        ("md", Kind::Markdown),
        ("markdown", Kind::Markdown),
        ("json", Kind::Json),
        ("text", Kind::Text),
        ("docx", Kind::Docx),
    ];
    let format = crate::format::choose("--format", a.format.as_deref(), a.output.as_ref(), &formats, "text")?;
    let options = |revisions| RevisionArgs { revisions }.options();
    let (old, new) = match &a.new {
        Some(new) => (
            common::load_with(&a.old, a.input_format, a.revisions.options())?,
            common::load_with(new, a.input_format, a.revisions.options())?,
        ),
        None => {
            let src = kitei::input::load(&a.old, a.input_format)?;
            if src.format != InputFormat::Docx || !kitei::parse::docx::has_revisions(&src.text) {
                anyhow::bail!(
                    "{}: one file is compared only when it is a .docx with tracked changes (変更履歴); give OLD and NEW",
                    a.old.display()
                );
            }
            (
                common::load_with(&a.old, a.input_format, options(Which::Before))?,
                common::load_with(&a.old, a.input_format, options(Which::After))?,
            )
        }
    };
    let cmp = diff::compare(&old.document, &new.document, &CompareOptions::default());
    let to_stdout = match &a.output {
        None => true,
        Some(p) => p.as_os_str() == "-",
    };
    let color = match a.color.as_str() {
        "always" => true,
        "never" => false,
        _ => to_stdout && std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    };
    let opts = RenderOptions {
        old_left: a.old_left,
        headings: match a.headings.as_str() {
            "draft" => ColumnHeadings::Draft,
            "short" => ColumnHeadings::Short,
            _ => ColumnHeadings::Adopted,
        },
        unchanged: match (a.full, a.unchanged.as_str()) {
            (true, _) | (_, "full") => Unchanged::Full,
            (_, "abbreviate") => Unchanged::Abbreviate,
            _ => Unchanged::Omit,
        },
        note: if a.no_note { None } else { RenderOptions::default().note },
        color,
    };
    let differ = !cmp.changes.is_empty() || !cmp.title_ops.is_empty() || cmp.old_number != cmp.new_number;
    let status = if a.exit_code && differ { ExitCode::from(1) } else { ExitCode::SUCCESS };
    if format == "docx" {
        let bytes = kitei::export::docx::shinkyu::render_docx(&cmp, &opts)?;
        // The Word table is the document to file: it carries no summary, so the ハネ warnings go to stderr.
        for w in &cmp.warnings {
            eprintln!(
                "kitei: warning (ハネ): {}",
                if w.line > 0 { format!("{}行: {}", w.line, w.message) } else { w.message.clone() }
            );
        }
        common::write_output(a.output.as_ref(), &bytes, &inputs)?;
        return Ok(status);
    }
    let out = match format {
        "html" => diff::render_html(&cmp, &opts, a.templates.as_deref())?,
        "md" | "markdown" => diff::render_markdown(&cmp, &opts),
        "json" => diff::to_json(&cmp),
        _ => diff::render_text(&cmp, &opts),
    };
    common::write_output(a.output.as_ref(), out.as_bytes(), &inputs)?;
    Ok(status)
}
