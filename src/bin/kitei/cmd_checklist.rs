//! `kitei checklist`: list a regulation's obligations, start an audit state file, migrate it over an amendment.

use crate::common;
use crate::revisions::RevisionArgs;
use anyhow::Context;
use kitei::checklist::{self, output::Lang, Checklist, IdMapping, Options, State};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Audit checklists from obligations, with audit state that survives amendments.
#[derive(clap::Args)]
#[command(
    args_conflicts_with_subcommands = true,
    subcommand_negates_reqs = true,
    after_help = "Examples:\n  kitei checklist regulations/jlis-ninsho-jimu-kanri-kitei/2016-01-01.md\n  kitei checklist init 2016-01-01.md -o audit.toml\n  kitei checklist 2016-01-01.md --state audit.toml --format html -o checklist.html\n  kitei checklist migrate --from 2016-01-01.md --to 2027-04-01.md --state audit.toml -o audit-2027.toml"
)]
pub struct Args {
    #[command(subcommand)]
    pub command: Option<Sub>,
    #[command(flatten)]
    pub list: ListArgs,
}

/// The subcommands; without one, `kitei checklist FILE` lists the checklist.
#[derive(clap::Subcommand)]
pub enum Sub {
    /// Write a fresh audit state file (every entry not_checked).
    Init(InitArgs),
    /// Carry an audit state file over to an amended version.
    Migrate(MigrateArgs),
}

/// `kitei checklist FILE`.
#[derive(clap::Args)]
pub struct ListArgs {
    /// The regulation (text, Markdown or e-Gov XML).
    #[arg(required = true)]
    pub file: Option<PathBuf>,
    /// Output format [default: from the extension of -o (.md, .csv, .json, .html, .docx), else md].
    #[arg(long, value_parser = ["md", "csv", "json", "html", "oscal", "docx"])]
    pub format: Option<String>,
    /// Language of the provision text (English from the sibling `.en.md` where available).
    #[arg(long, default_value = "ja", value_parser = ["ja", "en", "both"])]
    pub lang: String,
    /// List every classified provision (purpose, definition, constitutive, legal effect, delegation,
    /// incapacity, sanction), not only what an auditor can check.
    #[arg(long, alias = "include-definitions")]
    pub all: bool,
    /// Show the audit state (status, evidence, progress) from this file.
    #[arg(long)]
    pub state: Option<PathBuf>,
    /// Use this tera template for --format html instead of the built-in one.
    #[arg(long)]
    pub template: Option<PathBuf>,
    /// Write to this file (atomically) instead of standard output.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Exit with status 1 when entries are open: not compliant, partly compliant, not checked or needing a
    /// recheck (without --state, every entry is open).
    #[arg(long)]
    pub exit_code: bool,
    #[command(flatten)]
    pub revisions: RevisionArgs,
}

/// `kitei checklist init FILE`.
#[derive(clap::Args)]
pub struct InitArgs {
    /// The regulation.
    pub file: PathBuf,
    /// List every classified provision (purpose, definition, constitutive, legal effect, delegation,
    /// incapacity, sanction), not only what an auditor can check.
    #[arg(long, alias = "include-definitions")]
    pub all: bool,
    /// Write the state here (default: standard output).
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Overwrite an existing state file.
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    pub revisions: RevisionArgs,
}

/// `kitei checklist migrate --from OLD --to NEW --state S`.
#[derive(clap::Args)]
pub struct MigrateArgs {
    /// The version the state was made for.
    #[arg(long)]
    pub from: PathBuf,
    /// The amended version.
    #[arg(long)]
    pub to: PathBuf,
    /// The audit state file.
    #[arg(long)]
    pub state: PathBuf,
    /// Write the migrated state here (default: standard output).
    #[arg(short, long, conflicts_with = "in_place")]
    pub output: Option<PathBuf>,
    /// Replace the state file (atomically) with the migrated state.
    #[arg(long)]
    pub in_place: bool,
    /// List every classified provision (purpose, definition, constitutive, legal effect, delegation,
    /// incapacity, sanction), not only what an auditor can check.
    #[arg(long, alias = "include-definitions")]
    pub all: bool,
    /// How to match old and new provisions: `diff` (the structural diff engine) or `text` (entry texts only).
    #[arg(long, default_value = "diff", value_parser = ["diff", "text"])]
    pub align: String,
    /// Write the change report here instead of standard error.
    #[arg(long)]
    pub report: Option<PathBuf>,
    #[command(flatten)]
    pub revisions: RevisionArgs,
}

pub fn run(a: Args) -> anyhow::Result<ExitCode> {
    match a.command {
        Some(Sub::Init(i)) => run_init(i),
        Some(Sub::Migrate(m)) => run_migrate(m),
        None => run_list(a.list),
    }
}

fn options(all: bool) -> Options {
    Options { all, ..Options::default() }
}

/// The file's stem (`2016-01-01`), used as the version.
fn version_of(p: &Path) -> String {
    p.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default()
}

fn load_list(path: &Path, opts: &Options, rev: RevisionArgs) -> anyhow::Result<(kitei::Document, Checklist)> {
    let doc = common::load_with(path, None, rev.options())?.document;
    let list = checklist::extract(&doc, opts);
    Ok((doc, list))
}

/// A state is used only with the version it belongs to (its recorded fingerprint; for files written before
/// fingerprints were recorded, its version name): against another, its evidence would stand beside other
/// provisions (an old 第20条's evidence on a new, different 第20条).
fn check_state_version(st: &State, doc: &kitei::Document, file: &Path, state_path: &Path) -> anyhow::Result<()> {
    let other = if st.meta.fingerprint.is_empty() {
        !st.meta.version.is_empty() && st.meta.version != version_of(file)
    } else {
        !checklist::fingerprint::belongs_to(&st.meta.fingerprint, doc)
    };
    if other {
        let source = if st.meta.source.is_empty() { "OLD" } else { st.meta.source.as_str() };
        anyhow::bail!(
            "{} belongs to another version ({}), not to {}; carry it over first: kitei checklist migrate --from {} \
             --to {} --state {} -o NEW.toml",
            state_path.display(),
            if st.meta.version.is_empty() { source } else { st.meta.version.as_str() },
            file.display(),
            source,
            file.display(),
            state_path.display()
        );
    }
    Ok(())
}

fn load_state(path: &Path) -> anyhow::Result<State> {
    let text = common::read_to_string(path)?;
    Ok(State::parse(&text, &path.display().to_string())?)
}

/// The sibling translation (`2016-01-01.en.md` for `2016-01-01.md`), if there is one.
fn translation_of(path: &Path) -> Option<PathBuf> {
    // Translations are `<stem>.en.md` beside the Japanese version, whatever its own extension.
    let stem = path.file_stem()?.to_string_lossy().into_owned();
    let p = path.with_file_name(format!("{stem}.en.md"));
    p.is_file().then_some(p)
}

fn run_list(a: ListArgs) -> anyhow::Result<ExitCode> {
    use crate::format::Kind;
    let file = a.file.context("missing FILE")?;
    let formats = [
        ("md", Kind::Markdown),
        ("csv", Kind::Csv),
        ("json", Kind::Json),
        ("html", Kind::Html),
        ("oscal", Kind::Json),
        ("docx", Kind::Docx),
    ];
    let format = crate::format::choose("--format", a.format.as_deref(), a.output.as_ref(), &formats, "md")?;
    let lang = Lang::from_name(&a.lang).unwrap_or_default();
    let (doc, mut list) = load_list(&file, &options(a.all), a.revisions)?;
    if lang != Lang::Ja {
        match translation_of(&file) {
            Some(t) => {
                // Decoded like any input (BOM, Shift_JIS, CRLF), read with the English grammar.
                let src = common::read_source(&t, Some(kitei::input::InputFormat::English))?;
                let en = kitei::parse::parse_source(&src)?;
                list.attach_english(&checklist::extract::text_by_id(&en.document));
                let missing = list.entries.iter().filter(|e| e.english.is_none()).count();
                if missing > 0 {
                    eprintln!("kitei: note: {missing} entries have no English in {}", t.display());
                }
            }
            None => eprintln!("kitei: note: no translation beside {}; English left empty", file.display()),
        }
    }
    let mut state = match &a.state {
        Some(p) => {
            let st = load_state(p)?;
            check_state_version(&st, &doc, &file, p)?;
            Some(st)
        }
        None => None,
    };
    if let Some(st) = &mut state {
        for e in &list.entries {
            if let Some(s) = st.entries.get_mut(&e.id) {
                if !s.fingerprint.is_empty() && s.fingerprint != checklist::state::fingerprint(e) {
                    eprintln!("kitei: warning: {} ({}): text differs from the one reviewed (fingerprint); shown as needs_recheck; run `kitei checklist migrate`", e.id, e.label);
                    if s.status != checklist::state::Status::NeedsRecheck {
                        s.previous_status = Some(s.status);
                        s.status = checklist::state::Status::NeedsRecheck;
                    }
                }
            }
        }
    }
    let out = match format {
        "docx" => String::new(),
        "csv" => checklist::output::csv(&list, lang, state.as_ref()),
        "json" => checklist::output::json(&list, state.as_ref()),
        "html" => {
            let tpl = match &a.template {
                Some(p) => Some(common::read_to_string(p)?),
                None => None,
            };
            checklist::render_html(&list, lang, state.as_ref(), tpl.as_deref())?
        }
        "oscal" => {
            let mut s = serde_json::to_string_pretty(&checklist::oscal::catalog_with_state(
                &list,
                &version_of(&file),
                state.as_ref(),
            ))?;
            s.push('\n');
            s
        }
        _ => checklist::output::markdown(&list, lang, state.as_ref()),
    };
    let mut inputs: Vec<&Path> = vec![&file];
    if let Some(s) = &a.state {
        inputs.push(s);
    }
    if format == "docx" {
        let bytes = kitei::export::docx::checklist::checklist_docx(&list, lang, state.as_ref())?;
        common::write_output(a.output.as_ref(), &bytes, &inputs)?;
    } else {
        common::write_output(a.output.as_ref(), out.as_bytes(), &inputs)?;
    }
    let open = |id: &str| !state.as_ref().and_then(|s| s.entries.get(id)).is_some_and(|e| e.status.is_closed());
    let any_open = list.entries.iter().any(|e| open(&e.id));
    Ok(if a.exit_code && any_open { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

fn run_init(a: InitArgs) -> anyhow::Result<ExitCode> {
    crate::format::check_single(a.output.as_ref(), crate::format::Kind::Toml)?;
    let (doc, list) = load_list(&a.file, &options(a.all), a.revisions)?;
    let _lock = match &a.output {
        Some(o) if o.as_os_str() != "-" => Some(crate::lock::Lock::acquire(o)?),
        _ => None,
    };
    if let Some(o) = &a.output {
        if o.exists() && !a.force {
            anyhow::bail!(
                "{} exists; it may hold audit results (use --force to overwrite, or `kitei checklist migrate`)",
                o.display()
            );
        }
    }
    let mut state = State::init(&list, &a.file.display().to_string(), &version_of(&a.file));
    state.meta.fingerprint = checklist::state::document_fingerprint(&doc);
    let order: Vec<&str> = list.entries.iter().map(|e| e.id.as_str()).collect();
    common::write_output(a.output.as_ref(), state.to_toml(&order).as_bytes(), &[&a.file])?;
    if a.output.is_some() {
        eprintln!("kitei: {} entries written", list.entries.len());
    }
    Ok(ExitCode::SUCCESS)
}

fn run_migrate(a: MigrateArgs) -> anyhow::Result<ExitCode> {
    crate::format::check_single(a.output.as_ref(), crate::format::Kind::Toml)?;
    common::stdin_once(&[&a.from, &a.to])?;
    // Held from reading the state to writing it back: two updates of one state never interleave.
    let _lock = if a.in_place { Some(crate::lock::Lock::acquire(&a.state)?) } else { None };
    // The state first: a malformed state file is an error before anything is written.
    let state = load_state(&a.state)?;
    let opts = options(a.all);
    let old_doc = common::load_with(&a.from, None, a.revisions.options())?.document;
    check_state_version(&state, &old_doc, &a.from, &a.state)?;
    let new_doc = common::load_with(&a.to, None, a.revisions.options())?.document;
    let old = checklist::extract(&old_doc, &opts);
    let new = checklist::extract(&new_doc, &opts);
    let mapping = match a.align.as_str() {
        "text" => IdMapping::align(&old, &new),
        _ => IdMapping::from_diff(&old_doc, &new_doc, &old, &new),
    };
    let (mut next, report) =
        checklist::migrate(&state, &old, &new, &mapping, &a.to.display().to_string(), &version_of(&a.to));
    next.meta.fingerprint = checklist::state::document_fingerprint(&new_doc);
    let order: Vec<&str> = new.entries.iter().map(|e| e.id.as_str()).collect();
    let text = next.to_toml(&order);
    if a.in_place {
        common::write_file(&a.state, text.as_bytes())?;
    } else {
        common::write_output(a.output.as_ref(), text.as_bytes(), &[&a.from, &a.to, &a.state])?;
    }
    let mut lines = format!(
        "# checklist migration {} → {}: {} change(s)\n",
        version_of(&a.from),
        version_of(&a.to),
        report.iter().filter(|c| c.kind != "warning").count()
    );
    for c in &report {
        lines.push_str(&format!("{:<10} {}\n", c.kind, c.message));
    }
    match &a.report {
        Some(p) => {
            // Never over a regulation, the state file or the migrated state.
            let mut keep: Vec<&Path> = vec![&a.from, &a.to, &a.state];
            keep.extend(a.output.as_deref());
            common::write_output(Some(p), lines.as_bytes(), &keep)?
        }
        None => eprint!("{lines}"),
    }
    Ok(ExitCode::SUCCESS)
}
