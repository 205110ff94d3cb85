//! Counts over many files and pairs, as a Markdown table, and the worst offenders per category.

use super::check::{FileReport, Outcome, PairReport};
use super::AmendOutcome;
use std::collections::BTreeMap;
use std::fmt::Write;

/// A failing file or pair, with a short reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Offender {
    /// The category (`panic`, `refusal`, `error`, `fidelity`, `canonical`, `xml`, `articles`, `structure`,
    /// `diff`, `amend-refused`, `amend-failed`).
    pub category: &'static str,
    /// The file or pair.
    pub name: String,
    /// The first difference or the message.
    pub reason: String,
    /// How bad it is, for ordering (larger is worse).
    pub weight: usize,
}

/// Every failure of a file, one per failing category.
pub fn file_offences(r: &FileReport) -> Vec<Offender> {
    let mut out = Vec::new();
    let mut push = |category, reason: String, weight| {
        out.push(Offender { category, name: r.path.clone(), reason, weight });
    };
    match &r.outcome {
        Outcome::Parsed => {}
        Outcome::Refused { message, .. } => push("refusal", message.clone(), r.bytes),
        Outcome::Error(m) => push("error", m.clone(), r.bytes),
        Outcome::Panic(m) => push("panic", format!("parse: {m}"), r.bytes),
    }
    for (step, m) in &r.panics {
        push("panic", format!("{step}: {m}"), r.bytes);
    }
    if let Some(Err(m)) = &r.fidelity {
        push("fidelity", m.to_string(), r.bytes);
    }
    if let Some(Err(d)) = &r.canonical {
        push("canonical", d.to_string(), r.bytes);
    }
    if let Some(Err(d)) = &r.xml {
        push("xml", d.to_string(), r.bytes);
    }
    if let Some((m, s)) = r.articles.filter(|(m, s)| m != s) {
        let at = r.article_difference.as_deref().map(|d| format!("; first at {d}")).unwrap_or_default();
        push("articles", format!("{m} article nodes, {s} article lines{at}"), m.abs_diff(s));
    }
    let found = r.structure_findings();
    if !found.is_empty() {
        let total = found.values().sum();
        let list: Vec<String> = found.iter().map(|(c, n)| format!("{c}×{n}")).collect();
        push("structure", list.join(", "), total);
    }
    out
}

/// The failure of a pair, if any.
pub fn pair_offences(p: &PairReport) -> Vec<Offender> {
    let mut out = Vec::new();
    if let Err(m) = &p.diff {
        out.push(Offender { category: "diff", name: p.name.clone(), reason: m.clone(), weight: 1 });
    }
    match &p.amend {
        AmendOutcome::Same | AmendOutcome::Identical => {}
        AmendOutcome::Refused(m) => {
            out.push(Offender { category: "amend-refused", name: p.name.clone(), reason: m.clone(), weight: 1 })
        }
        AmendOutcome::Failed(m) => {
            out.push(Offender { category: "amend-failed", name: p.name.clone(), reason: m.clone(), weight: 1 })
        }
    }
    out
}

/// Counts per check.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Files checked.
    pub files: usize,
    /// Files that parsed.
    pub parsed: usize,
    /// Files refused with a location.
    pub refused: usize,
    /// Files that failed with another error.
    pub errors: usize,
    /// Files where any step panicked.
    pub panics: usize,
    /// Files whose fidelity was checked, and those that lost or altered kanji/kana.
    pub fidelity: (usize, usize),
    /// Files whose canonical round trip was checked, and those that failed.
    pub canonical: (usize, usize),
    /// XML files round-tripped through XML, and those that failed.
    pub xml: (usize, usize),
    /// Files whose articles were counted, and those whose count differs from the source's article lines.
    pub articles: (usize, usize),
    /// Files with structure findings.
    pub structure: usize,
    /// Structure finding codes over all files: (files, findings).
    pub structure_codes: BTreeMap<String, (usize, usize)>,
    /// Every diagnostic code (parse and lint) over all files: (files, findings).
    pub codes: BTreeMap<String, (usize, usize)>,
    /// Version pairs checked.
    pub pairs: usize,
    /// Pairs whose diff succeeded.
    pub diff_ok: usize,
    /// Pairs where apply(OLD, generate(OLD, NEW)) gave NEW (identical pairs included).
    pub amend_ok: usize,
    /// Pairs where generate refused, with its reason.
    pub amend_refused: usize,
    /// Pairs where the amend round trip failed.
    pub amend_failed: usize,
}

fn count<T>(c: &mut (usize, usize), r: &Option<Result<(), T>>) {
    if let Some(r) = r {
        c.0 += 1;
        c.1 += usize::from(r.is_err());
    }
}

impl Summary {
    /// Adds a file's report.
    pub fn add_file(&mut self, r: &FileReport) {
        self.files += 1;
        match r.outcome {
            Outcome::Parsed => self.parsed += 1,
            Outcome::Refused { .. } => self.refused += 1,
            Outcome::Error(_) => self.errors += 1,
            Outcome::Panic(_) => {}
        }
        self.panics += usize::from(r.panicked());
        count(&mut self.fidelity, &r.fidelity);
        count(&mut self.canonical, &r.canonical);
        count(&mut self.xml, &r.xml);
        if r.articles.is_some() {
            self.articles.0 += 1;
            self.articles.1 += usize::from(r.article_mismatch());
        }
        let found = r.structure_findings();
        self.structure += usize::from(!found.is_empty());
        for (c, n) in found {
            let e = self.structure_codes.entry(c).or_default();
            e.0 += 1;
            e.1 += n;
        }
        for (c, n) in r.parse_codes.iter().chain(&r.lint_codes) {
            let e = self.codes.entry(c.clone()).or_default();
            e.0 += 1;
            e.1 += n;
        }
    }

    /// Adds a pair's report.
    pub fn add_pair(&mut self, p: &PairReport) {
        self.pairs += 1;
        self.diff_ok += usize::from(p.diff.is_ok());
        match p.amend {
            AmendOutcome::Same | AmendOutcome::Identical => self.amend_ok += 1,
            AmendOutcome::Refused(_) => self.amend_refused += 1,
            AmendOutcome::Failed(_) => self.amend_failed += 1,
        }
    }

    /// The counts as a Markdown table.
    pub fn table(&self) -> String {
        let pct = |ok: usize, of: usize| {
            if of == 0 {
                "–".to_string()
            } else {
                format!("{:.1}%", 100.0 * ok as f64 / of as f64)
            }
        };
        let mut t = String::from("| check | count | of | rate |\n|---|---:|---:|---:|\n");
        let mut row = |name: &str, n: usize, of: usize, rate: String| {
            let _ = writeln!(t, "| {name} | {n} | {of} | {rate} |");
        };
        row("files parsed", self.parsed, self.files, pct(self.parsed, self.files));
        row("refused with a location", self.refused, self.files, String::new());
        row("other errors", self.errors, self.files, String::new());
        row("panics", self.panics, self.files, String::new());
        let (f, fb) = self.fidelity;
        row("kanji/kana fidelity failures", fb, f, pct(f - fb, f));
        let (c, cb) = self.canonical;
        row("canonical round-trip failures", cb, c, pct(c - cb, c));
        let (x, xb) = self.xml;
        row("XML round-trip failures", xb, x, pct(x - xb, x));
        let (a, ab) = self.articles;
        row("article-count mismatches", ab, a, pct(a - ab, a));
        row("files with structure findings", self.structure, self.parsed, String::new());
        row("pairs: diff ok", self.diff_ok, self.pairs, pct(self.diff_ok, self.pairs));
        row("pairs: amend → apply = NEW", self.amend_ok, self.pairs, pct(self.amend_ok, self.pairs));
        row("pairs: amend refused (named reason)", self.amend_refused, self.pairs, String::new());
        row("pairs: amend failed", self.amend_failed, self.pairs, String::new());
        t
    }
}

/// The worst `n` offenders of each category, worst first, as text lines.
pub fn worst(offenders: &[Offender], n: usize) -> String {
    let mut by: BTreeMap<&str, Vec<&Offender>> = BTreeMap::new();
    for o in offenders {
        by.entry(o.category).or_default().push(o);
    }
    let mut out = String::new();
    for (cat, mut v) in by {
        v.sort_by(|a, b| b.weight.cmp(&a.weight).then_with(|| a.name.cmp(&b.name)));
        let _ = writeln!(out, "\n## {cat} ({})", v.len());
        for o in v.into_iter().take(n) {
            let reason: String = o.reason.chars().take(200).collect();
            let _ = writeln!(out, "- {}: {}", o.name, reason.replace('\n', " "));
        }
    }
    out
}
