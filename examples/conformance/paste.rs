//! The runner's `--paste` mode: every e-Gov 2013 law and internal rule pasted as from PDF and Word (see
//! [`kitei::conformance::paste`]), counted per variant, with the first `--worst N` silently different
//! files (in path order) and their first difference.

use kitei::conformance::paste::{self, Outcome, PasteReport, Variant};
use std::path::{Path, PathBuf};
use std::time::Instant;

fn files(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) {
    let mut v: Vec<PathBuf> =
        std::fs::read_dir(dir).map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect()).unwrap_or_default();
    v.retain(|p| p.is_file() && p.extension().is_some_and(|e| e == ext));
    v.sort();
    out.extend(v);
}

/// Runs the paste check on `paths` (files or folders of `.txt` and `.md`), or on the corpus's e-Gov 2013
/// laws and internal rules, keeping every `sample`-th file.
pub fn run(paths: &[PathBuf], sample: usize, worst: usize, root: &Path) {
    let mut all = Vec::new();
    if paths.is_empty() {
        files(&root.join("egov-2013/laws"), "txt", &mut all);
        files(&root.join("internal-rules"), "md", &mut all);
    }
    for p in paths {
        if p.is_dir() {
            files(p, "txt", &mut all);
            files(p, "md", &mut all);
        } else {
            all.push(p.clone());
        }
    }
    let jobs: Vec<(usize, PathBuf)> = all.into_iter().enumerate().filter(|(i, _)| i % sample == 0).collect();
    let start = Instant::now();
    let (mut reports, mut failed): (Vec<PasteReport>, Vec<(String, String)>) = (Vec::new(), Vec::new());
    super::pool::run(
        jobs,
        |(i, p): (usize, PathBuf)| {
            kitei::conformance::guard(|| paste::check_paste(&p, i))
                .unwrap_or_else(|m| Err(format!("panic: {m}")))
                .map_err(|e| (p.display().to_string(), e))
        },
        |r| match r {
            Ok(r) => reports.push(r),
            Err(e) => failed.push(e),
        },
    );
    let prefix = format!("{}/", root.display());
    for r in &mut reports {
        r.path = r.path.strip_prefix(&prefix).unwrap_or(&r.path).to_string();
    }
    reports.sort_by(|a, b| a.path.cmp(&b.path));
    println!(
        "# kitei paste conformance: {} files ({} not parsed), {:.1} s on 2 threads\n",
        reports.len(),
        failed.len(),
        start.elapsed().as_secs_f64()
    );
    println!("| variant | equal | warned | silently different |\n|---|---:|---:|---:|");
    for v in Variant::ALL {
        let of = |f: fn(&Outcome) -> bool| {
            reports.iter().filter(|r| r.outcomes.iter().any(|(w, o)| *w == v && f(o))).count()
        };
        let (e, w, d) =
            (of(|o| *o == Outcome::Equal), of(|o| *o == Outcome::Warned), of(|o| matches!(o, Outcome::Different(_))));
        println!("| {} | {e} | {w} | {d} |", v.name());
    }
    for (p, e) in &failed {
        println!("- not parsed: {p}: {e}");
    }
    for v in Variant::ALL {
        let diffs: Vec<(&str, &str)> = reports
            .iter()
            .filter_map(|r| {
                r.outcomes.iter().find_map(|(w, o)| match o {
                    Outcome::Different(d) if *w == v => Some((r.path.as_str(), d.as_str())),
                    _ => None,
                })
            })
            .collect();
        if diffs.is_empty() {
            continue;
        }
        println!("\n## {}: silently different ({})", v.name(), diffs.len());
        for (p, d) in diffs.iter().take(worst) {
            println!("- {p}: {d}");
        }
    }
}
