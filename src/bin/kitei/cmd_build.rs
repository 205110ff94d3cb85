//! `kitei build [DIR] [-o OUT] [--quiet] [--strict] [--fail-fast] [--clean] [-j N] [--templates DIR]`: publishes a folder of regulations as a bilingual
//! static site (see `kitei::render`). The output depends on the as-of date (`--as-of`, default today
//! in Japan, JST): the current version of each regulation is the latest one in force on that date.

use crate::common;
use anyhow::Context;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

/// Publish regulations/ as a bilingual static site.
#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  kitei build                                  # regulations/ → site/, as of today\n  kitei build regulations -o public --as-of 2027-04-01 --quiet\n  kitei build --templates my-templates"
)]
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
    /// The date the site is built for (YYYY-MM-DD; default: today in Japan (JST)). The current version of each
    /// regulation is the latest one in force on that date; later versions are marked 施行予定 (not yet in
    /// force). The output depends on it: pass it explicitly for reproducible builds.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub as_of: Option<String>,
    /// Fail (exit 2, nothing written) when the regulations folder holds anything that would not be
    /// published: an impossible date (2023-13-45.md), two files for one date, a name that is not a date, a
    /// translation with no Japanese version or whose translation-of names no version, a folder with no
    /// version, no regulation at all. Without it, each is a warning.
    #[arg(long)]
    pub strict: bool,
    /// Stop at the first regulation that cannot be read (exit 2, nothing written). Without it, such a
    /// regulation is reported with its location and skipped, the others are published, every failure is
    /// listed at the end and the exit status is 2.
    #[arg(long)]
    pub fail_fast: bool,
    /// Render every regulation again. Without it, a regulation whose files, templates and kitei version
    /// are those of the previous build into OUT (and whose versions in force are the same) is taken from
    /// OUT as it is (the cache in OUT/.kitei-cache/).
    #[arg(long)]
    pub clean: bool,
    /// Threads rendering regulations (default: one per core). The output is the same whatever the number.
    #[arg(short, long, value_name = "N")]
    pub jobs: Option<usize>,
}

/// Accepts `YYYY-MM-DD` naming a real calendar day (2026-02-31 is refused).
pub(crate) fn parse_date(s: &str) -> Result<String, String> {
    if kitei::render::folder::is_calendar_date(s) {
        Ok(s.to_string())
    } else {
        Err(format!("expected a date YYYY-MM-DD, found {s:?}"))
    }
}

/// Today's date in Japan (JST, UTC+9, no daylight saving), from the system clock: 施行日 are Japanese dates, so
/// a rule taking effect today must count as in force from midnight JST, not from 09:00.
pub(crate) fn today_jst() -> String {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
    civil_from_days(((secs + 9 * 3600) / 86_400) as i64)
}

/// The proleptic Gregorian date of a day count since 1970-01-01 (H. Hinnant's algorithm).
fn civil_from_days(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

pub fn run(a: Args) -> anyhow::Result<ExitCode> {
    common::check_templates(a.templates.as_deref())?;
    let show_progress = !a.quiet && std::io::stderr().is_terminal();
    let bar = indicatif::ProgressBar::new(0);
    if show_progress {
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{bar:30} {pos}/{len} regulations, {elapsed} (ETA {eta}) {wide_msg}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
    } else {
        bar.set_draw_target(indicatif::ProgressDrawTarget::hidden());
    }
    let options = kitei::render::BuildOptions {
        out: a.out.clone(),
        templates: a.templates.clone(),
        strict: a.strict,
        fail_fast: a.fail_fast,
        threads: a.jobs.unwrap_or(0),
        clean: a.clean,
        peer_limit: None,
        cancel: None,
    };
    let site = kitei::render::SiteOptions { as_of: Some(a.as_of.clone().unwrap_or_else(today_jst)) };
    let report = kitei::render::build_site_as_of(&a.dir, &options, &site, &mut |done, total, what| {
        bar.set_length(total as u64);
        bar.set_position(done as u64);
        bar.set_message(what.to_string());
    })
    .with_context(|| format!("building the site from {}", a.dir.display()))?;
    bar.finish_and_clear();
    if !a.quiet {
        for w in &report.warnings {
            eprintln!("{}", kitei::render::folder::display(w));
        }
        for line in &report.structure {
            eprintln!("{line}");
        }
        for (file, d) in &report.diagnostics {
            let at = if d.line > 0 { format!("{file}:{}:{}", d.line, d.column) } else { file.clone() };
            eprintln!("{at}: warning[{}]: {}", d.code, d.message);
        }
        if let Some(limit) = report.peers_left_out {
            eprintln!(
                "kitei: warning: more than {limit} regulations: comparison pages do not list the other regulations \
                 citing the one compared (each page says so)"
            );
        }
        // The reused count only when something was: a first or clean build has nothing to reuse.
        let reused = if report.reused > 0 {
            format!(" ({} unchanged since the last build, reused)", report.reused)
        } else {
            String::new()
        };
        eprintln!(
            "kitei: built {} regulation(s), {} version(s), {} files into {}{reused}",
            report.regulations,
            report.versions,
            report.files,
            a.out.display(),
        );
    }
    // Errors are said even with --quiet: the site lacks these regulations.
    if !report.failures.is_empty() {
        for f in &report.failures {
            eprintln!("{f}");
        }
        eprintln!(
            "kitei: error: {} regulation(s) could not be read and were not published (listed above)",
            report.failures.len()
        );
        return Ok(ExitCode::from(2));
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_from_day_counts() {
        assert_eq!(civil_from_days(0), "1970-01-01");
        assert_eq!(civil_from_days(20_517), "2026-03-05");
        assert_eq!(civil_from_days(11_016), "2000-02-29");
        assert_eq!(today_jst().len(), 10);
    }

    #[test]
    fn as_of_must_be_a_date() {
        assert_eq!(parse_date("2026-11-25").unwrap(), "2026-11-25");
        assert!(parse_date("2026-13-01").is_err());
        assert!(parse_date("26-11-25").is_err());
        assert!(parse_date("today").is_err());
        assert!(parse_date("2026-02-31").is_err());
        assert!(parse_date("2027-02-29").is_err());
        assert_eq!(parse_date("2028-02-29").unwrap(), "2028-02-29");
    }
}
