//! The checks of one file and of one version pair, each guarded so that a panic is recorded, not
//! propagated.

use super::articles::article_lines;
use super::{amend_round_trip, canonical_round_trip, fidelity, xml_round_trip};
use super::{AmendOutcome, Mismatch, RoundTripFailure};
use crate::input::InputFormat;
use crate::model::{Document, Kind};
use std::collections::{BTreeMap, BTreeSet};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

/// How parsing a file ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// A document was built.
    Parsed,
    /// Refused with an error that names a place (`file:line:column`).
    Refused {
        /// 1-based line.
        line: u32,
        /// 1-based column.
        column: u32,
        /// The error as printed.
        message: String,
    },
    /// Any other error (unreadable file, error without a place).
    Error(String),
    /// The parser panicked, with the panic's message.
    Panic(String),
}

/// Everything checked on one file.
#[derive(Debug, Clone)]
pub struct FileReport {
    /// The file as given.
    pub path: String,
    /// Its detected format.
    pub format: Option<InputFormat>,
    /// Its size in bytes.
    pub bytes: usize,
    /// How parsing ended.
    pub outcome: Outcome,
    /// Parse diagnostics per code.
    pub parse_codes: BTreeMap<String, usize>,
    /// `lint` diagnostics per code.
    pub lint_codes: BTreeMap<String, usize>,
    /// Kanji/kana fidelity (text and Markdown inputs that parsed).
    pub fidelity: Option<Result<(), Mismatch>>,
    /// parse → canonical text → parse (inputs that parsed).
    pub canonical: Option<Result<(), RoundTripFailure>>,
    /// XML → model → XML → model (XML inputs that parsed).
    pub xml: Option<Result<(), RoundTripFailure>>,
    /// Article nodes in the tree and article lines in the source (inputs that parsed).
    pub articles: Option<(usize, usize)>,
    /// Where the article nodes and the article lines first disagree (when their numbers differ).
    pub article_difference: Option<String>,
    /// Checks after parsing that panicked: (check, message).
    pub panics: Vec<(&'static str, String)>,
}

impl FileReport {
    /// Whether any step panicked.
    pub fn panicked(&self) -> bool {
        matches!(self.outcome, Outcome::Panic(_)) || !self.panics.is_empty()
    }

    /// The structure findings: parse diagnostic codes and lint codes that start with `structure`, with
    /// their counts.
    pub fn structure_findings(&self) -> BTreeMap<String, usize> {
        let mut out = self.parse_codes.clone();
        for (c, n) in self.lint_codes.iter().filter(|(c, _)| c.starts_with("structure")) {
            *out.entry(c.clone()).or_default() += n;
        }
        out
    }

    /// Whether the article count differs from the independent count.
    pub fn article_mismatch(&self) -> bool {
        self.articles.is_some_and(|(m, s)| m != s)
    }
}

/// Runs `f`, turning a panic into `Err(message)`.
pub fn guard<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    catch_unwind(AssertUnwindSafe(f)).map_err(|p| {
        p.downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| p.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "panic".into())
    })
}

/// Every Article node of the tree (本則 and 附則 alike, appendices included; not 目次 entries).
pub fn article_nodes(doc: &Document) -> usize {
    let mut n = 0;
    crate::model::walk::walk(doc, &mut |x| n += usize::from(x.kind == Kind::Article));
    n
}

fn codes(diags: &[crate::diagnostic::Diagnostic]) -> BTreeMap<String, usize> {
    let mut m = BTreeMap::new();
    for d in diags {
        *m.entry(d.code.clone()).or_default() += 1;
    }
    m
}

/// Reads one file and runs every check on it.
pub fn check_file(path: &Path) -> FileReport {
    let mut r = FileReport {
        path: path.display().to_string(),
        format: None,
        bytes: 0,
        outcome: Outcome::Parsed,
        parse_codes: BTreeMap::new(),
        lint_codes: BTreeMap::new(),
        fidelity: None,
        canonical: None,
        xml: None,
        articles: None,
        article_difference: None,
        panics: Vec::new(),
    };
    let src = match crate::input::load(path, None) {
        Ok(s) => s,
        Err(e) => {
            r.outcome = outcome_of_error(&e);
            return r;
        }
    };
    r.format = Some(src.format);
    r.bytes = src.text.len();
    let parsed = match guard(|| crate::parse::parse_source(&src)) {
        Ok(Ok(p)) => p,
        Ok(Err(e)) => {
            r.outcome = outcome_of_error(&e);
            return r;
        }
        Err(m) => {
            r.outcome = Outcome::Panic(m);
            return r;
        }
    };
    let doc = &parsed.document;
    r.parse_codes = codes(&parsed.diagnostics);
    let step = |name: &'static str, r: &mut FileReport, f: &mut dyn FnMut(&mut FileReport)| {
        if let Err(m) = guard(|| f(r)) {
            r.panics.push((name, m));
        }
    };
    step("lint", &mut r, &mut |r| r.lint_codes = codes(&crate::lint::lint_source(doc, &src.text)));
    if matches!(src.format, InputFormat::Text | InputFormat::Markdown) {
        step("fidelity", &mut r, &mut |r| r.fidelity = Some(fidelity(&src.text, doc)));
    }
    step("canonical", &mut r, &mut |r| r.canonical = Some(canonical_round_trip(doc)));
    if src.format == InputFormat::Xml {
        step("xml", &mut r, &mut |r| r.xml = Some(xml_round_trip(doc)));
    }
    step("articles", &mut r, &mut |r| {
        let source = article_lines(&src.text);
        let nodes = article_nodes(doc);
        if nodes != source.len() {
            r.article_difference = first_article_difference(doc, &source, &src.text);
        }
        r.articles = Some((nodes, source.len()));
    });
    r
}

/// The first source line where an article node starts without an article line there, or the reverse.
fn first_article_difference(doc: &Document, source: &[usize], text: &str) -> Option<String> {
    let mut model = Vec::new();
    crate::model::walk::walk(doc, &mut |x| {
        if x.kind == Kind::Article {
            model.push(x.span.start.line as usize);
        }
    });
    model.sort_unstable();
    let (m, s): (BTreeSet<usize>, BTreeSet<usize>) =
        (model.iter().copied().collect(), source.iter().copied().collect());
    let extra = m.difference(&s).next().copied();
    let missing = s.difference(&m).next().copied();
    let show = |l: usize| text.lines().nth(l.wrapping_sub(1)).unwrap_or("").chars().take(30).collect::<String>();
    let duplicate = model.windows(2).find(|w| w[0] == w[1]).map(|w| w[0]);
    match (extra, missing) {
        (Some(e), Some(x)) if x < e => Some(format!("line {x} 「{}」: article line, no article node", show(x))),
        (Some(e), _) => Some(format!("line {e} 「{}」: article node, not an article line", show(e))),
        (None, Some(x)) => Some(format!("line {x} 「{}」: article line, no article node", show(x))),
        (None, None) => duplicate.map(|d| format!("line {d} 「{}」: several article nodes", show(d))),
    }
}

fn outcome_of_error(e: &crate::Error) -> Outcome {
    use crate::Error::*;
    let at = match e {
        Encoding { at, .. } | Syntax { at, .. } | Xml { at, .. } | Invalid { at, .. } => Some(at),
        _ => None,
    };
    match at {
        Some(at) if at.line > 0 => Outcome::Refused { line: at.line, column: at.column, message: e.to_string() },
        _ => Outcome::Error(e.to_string()),
    }
}

/// Everything checked on one version pair.
#[derive(Debug, Clone)]
pub struct PairReport {
    /// A name for the pair (usually the law's folder).
    pub name: String,
    /// `diff::compare`: the number of changes, or why it failed (a parse error, a panic).
    pub diff: Result<usize, String>,
    /// generate → apply.
    pub amend: AmendOutcome,
}

/// Parses both versions, compares them and runs the amend round trip.
pub fn check_pair(name: &str, old: &Path, new: &Path) -> PairReport {
    let load = |p: &Path| -> Result<Document, String> {
        match guard(|| crate::load(p)) {
            Ok(Ok(d)) => Ok(d.document),
            Ok(Err(e)) => Err(format!("parse: {e}")),
            Err(m) => Err(format!("parse panicked: {m}")),
        }
    };
    let (old, new) = match (load(old), load(new)) {
        (Ok(o), Ok(n)) => (o, n),
        (Err(e), _) | (_, Err(e)) => {
            return PairReport { name: name.into(), diff: Err(e.clone()), amend: AmendOutcome::Failed(e) }
        }
    };
    let diff = guard(|| crate::diff::compare(&old, &new, &Default::default()).changes.len())
        .map_err(|m| format!("compare panicked: {m}"));
    let amend = guard(|| amend_round_trip(&old, &new))
        .unwrap_or_else(|m| AmendOutcome::Failed(format!("generate/apply panicked: {m}")));
    PairReport { name: name.into(), diff, amend }
}
