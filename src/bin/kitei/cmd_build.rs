//! `kitei build [DIR] [-o OUT] [--quiet] [--templates DIR]`: publishes a folder of regulations as a bilingual
//! static site (see `kitei::render`).

use anyhow::Context;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

/// Publish regulations/ as a bilingual static site.
#[derive(clap::Args)]
pub struct Args {
    /// The regulations folder: one directory per regulation (versions YYYY-MM-DD.md, translations
    /// YYYY-MM-DD.en.md, regulation.toml, glossary.toml).
    #[arg(default_value = "regulations")]
    pub dir: PathBuf,
    /// The output directory. Replaced on rebuild if it is a previous kitei site (it holds `.kitei-site`);
    /// any other existing directory is refused.
    #[arg(short, long, default_value = "site")]
    pub out: PathBuf,
    /// No progress bar and no warnings on standard error.
    #[arg(short, long)]
    pub quiet: bool,
    /// A directory of templates and assets overriding the built-in ones by name (base.html.tera,
    /// index.html.tera, regulation.html.tera, version.html.tera, compare.html.tera, search.html.tera,
    /// macros.html.tera, static/site.css, static/site.js, static/search.js).
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
}

pub fn run(a: Args) -> anyhow::Result<ExitCode> {
    let show_progress = !a.quiet && std::io::stderr().is_terminal();
    let bar = indicatif::ProgressBar::new(0);
    if show_progress {
        bar.set_style(
            indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} {msg}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
    } else {
        bar.set_draw_target(indicatif::ProgressDrawTarget::hidden());
    }
    let options = kitei::render::BuildOptions { out: a.out.clone(), templates: a.templates.clone() };
    let report = kitei::render::build_site(&a.dir, &options, &mut |done, total, what| {
        bar.set_length(total as u64);
        bar.set_position(done as u64);
        bar.set_message(what.to_string());
    })
    .with_context(|| format!("building the site from {}", a.dir.display()))?;
    bar.finish_and_clear();
    if !a.quiet {
        for (file, d) in &report.diagnostics {
            let at = if d.line > 0 { format!("{file}:{}:{}", d.line, d.column) } else { file.clone() };
            eprintln!("{at}: warning[{}]: {}", d.code, d.message);
        }
        eprintln!(
            "kitei: built {} regulation(s), {} version(s), {} files into {}",
            report.regulations,
            report.versions,
            report.files,
            a.out.display()
        );
    }
    Ok(ExitCode::SUCCESS)
}
