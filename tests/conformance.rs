//! The CI sample of the corpus conformance runner (`cargo run --release --example conformance`, issue 11):
//! the same library checks ([`kitei::conformance`]) on a deterministic sample of the shared corpus (every
//! 25th e-Gov 2013 law, every 9th version pair, and the small corpus folders).
//!
//! The targets are those of issue 11: no panic, every file parses (a refusal counts as a failure: every
//! corpus file is a regulation), no kanji or kana lost, canonical and XML round trips give the same tree,
//! article counts equal the source's article lines, every pair diffs and amend → apply gives NEW. On a sample
//! this size the rates of 99.5% and 95% mean every file and every pair.
//!
//! The paste sample ([`paste_sample_is_read_as_the_clean_text_or_warned`]) runs the runner's `--paste` check
//! (`--paste --sample 25`: the same files and variants) and holds the figures measured: no more silently
//! different files per variant than today.
//!
//! The parser is being fixed; what fails today is listed in [`KNOWN_FAILURES`] (file, category). The test
//! fails on any failure not in the list, and on a listed failure that no longer happens: fix the parser,
//! then shorten the list.

mod common;

use kitei::conformance::{self, Summary};
use std::collections::BTreeSet;
use std::path::PathBuf;

/// Failures seen today, as (file relative to the corpus, category of [`conformance::Offender`]).
const KNOWN_FAILURES: &[(&str, &str)] = &[];

/// Categories that are findings, not failures.
const INFORMATIONAL: &[&str] = &["structure"];

fn sample_files() -> Vec<PathBuf> {
    let laws = common::files(&common::corpus("egov-2013/laws"), &["txt"]);
    assert_eq!(laws.len(), 1075, "egov-2013/laws incomplete");
    let mut v: Vec<PathBuf> = laws.into_iter().step_by(25).collect();
    v.extend(common::files(&common::corpus("text-2013"), &["txt"]));
    for d in std::fs::read_dir(common::corpus("egov-revisions")).unwrap() {
        v.extend(common::files(&d.unwrap().path(), &["txt", "xml"]));
    }
    v.extend(common::files(&common::corpus("internal-rules"), &["md"]));
    // The small e-Gov XML files (行政手続法, 労働契約法…); 会社法 (3 MB) is left to the runner.
    v.extend(
        common::files(&common::corpus("egov-xml"), &["xml"])
            .into_iter()
            .filter(|p| std::fs::metadata(p).map(|m| m.len() < 1_000_000).unwrap_or(false)),
    );
    v
}

fn sample_pairs() -> Vec<(String, PathBuf, PathBuf)> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(common::corpus("egov-2013/pairs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    assert_eq!(dirs.len(), 36, "egov-2013/pairs incomplete");
    dirs.into_iter()
        .step_by(9)
        .map(|d| {
            let name = d.file_name().unwrap().to_string_lossy().into_owned();
            (name, d.join("2013-11-02.txt"), d.join("2013-11-26.txt"))
        })
        .collect()
}

#[test]
fn corpus_sample_meets_the_conformance_targets() {
    let root = common::corpus("").display().to_string();
    let rel = |s: &str| s.strip_prefix(&root).unwrap_or(s).trim_start_matches('/').to_string();
    let mut summary = Summary::default();
    let mut offenders = Vec::new();
    for f in sample_files() {
        let mut r = conformance::check_file(&f);
        r.path = rel(&r.path);
        summary.add_file(&r);
        offenders.extend(conformance::file_offences(&r));
    }
    for (name, old, new) in sample_pairs() {
        let p = conformance::check_pair(&format!("egov-2013/pairs/{name}"), &old, &new);
        summary.add_pair(&p);
        offenders.extend(conformance::pair_offences(&p));
    }
    println!("{}", summary.table());
    assert!(summary.files >= 60 && summary.pairs == 4, "{summary:?}");
    assert!(summary.fidelity.0 >= 55 && summary.xml.0 >= 8, "the checks ran: {summary:?}");

    let failures: Vec<&conformance::Offender> =
        offenders.iter().filter(|o| !INFORMATIONAL.contains(&o.category)).collect();
    let seen: BTreeSet<(&str, &str)> = failures.iter().map(|o| (o.name.as_str(), o.category)).collect();
    let known: BTreeSet<(&str, &str)> = KNOWN_FAILURES.iter().copied().collect();
    println!("known failures ({}):", known.len());
    for (f, c) in &known {
        println!("  {c}: {f}");
    }
    let new: Vec<String> = failures
        .iter()
        .filter(|o| !known.contains(&(o.name.as_str(), o.category)))
        .map(|o| format!("{}: {}: {}", o.category, o.name, o.reason))
        .collect();
    let fixed: Vec<&(&str, &str)> = known.difference(&seen).collect();
    assert!(new.is_empty(), "new conformance failures:\n{}", new.join("\n"));
    assert!(fixed.is_empty(), "fixed, remove from KNOWN_FAILURES: {fixed:?}");
}

/// Silently different files of the paste sample today, per variant (clean, pdf, word, digits): lower them as
/// the parser learns more of pasted text, never raise them.
/// (Clean, Word and digits: 就業規則's 「・」 list read as one 項's text; PDF: a 政令 whose wrapped title
/// runs into its only 項.)
const PASTE_SILENT_CEILING: [usize; 4] = [1, 1, 1, 1];

#[test]
fn paste_sample_is_read_as_the_clean_text_or_warned() {
    use kitei::conformance::paste::{check_paste, Outcome, Variant};
    let mut all = common::files(&common::corpus("egov-2013/laws"), &["txt"]);
    all.extend(common::files(&common::corpus("internal-rules"), &["md"]));
    let mut silent = [0usize; 4];
    let mut equal = [0usize; 4];
    let mut checked = 0;
    for (i, path) in all.iter().enumerate().step_by(25) {
        let report = check_paste(path, i).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        checked += 1;
        for (v, o) in &report.outcomes {
            let k = Variant::ALL.iter().position(|w| w == v).unwrap();
            match o {
                Outcome::Equal => equal[k] += 1,
                Outcome::Warned => {}
                Outcome::Different(d) => {
                    silent[k] += 1;
                    println!("{}: {}: {d}", v.name(), report.path);
                }
            }
        }
    }
    println!("checked {checked}: equal {equal:?}, silently different {silent:?}");
    assert_eq!(checked, 44);
    // The check compares for real: the clean text and swapped digits mostly compare equal, a PDF copy not.
    assert!(equal[0] * 2 > checked && equal[3] * 2 > checked && equal[1] < checked, "{equal:?}");
    for (k, v) in Variant::ALL.iter().enumerate() {
        assert!(silent[k] <= PASTE_SILENT_CEILING[k], "{}: {} silently different", v.name(), silent[k]);
    }
}
