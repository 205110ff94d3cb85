//! The checklist's classification measured against provisions labelled by reading (tests/data/checklist_eval/).
//!
//! `labelled.tsv` (the evaluation set) and `heldout.tsv` (texts never used while tuning the rules) hold one
//! provision a line: source, provision ID, expected class, expected party, text. The test extracts every class
//! (`Options::all`), compares, prints precision, recall and the confusion matrix per class, and fails when
//! the precision or recall of any class with at least 15 labelled cases drops below the figure recorded here,
//! or when obligation, prohibition, effort or permission misses issue 16's target on either set. See GUIDE.md for the
//! labelling rules and README.md for the last table.

mod common;

use kitei::checklist::{extract, Class, Options};
use std::collections::BTreeMap;

/// One labelled provision.
struct Label {
    source: String,
    id: String,
    class: Class,
    party: Option<String>,
}

fn read(name: &str) -> Vec<Label> {
    let path = common::root().join("tests/data/checklist_eval").join(name);
    let text = std::fs::read_to_string(&path).unwrap();
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        assert!(f.len() >= 4, "{name}:{}: expected source, id, class, party, text", n + 1);
        let class = Class::from_name(f[2]).unwrap_or_else(|| panic!("{name}:{}: unknown class {}", n + 1, f[2]));
        let party = (f[3] != "-").then(|| f[3].to_string());
        out.push(Label { source: f[0].into(), id: f[1].into(), class, party });
    }
    out
}

fn path_of(source: &str) -> std::path::PathBuf {
    match source.strip_prefix("corpus/") {
        Some(rel) => common::corpus(rel),
        None => common::root().join(source),
    }
}

/// What kitei says for each labelled provision: (class, party), `unclassified` when it lists nothing.
fn predict(labels: &[Label]) -> Vec<(Class, Option<String>)> {
    let mut by_source: BTreeMap<&str, BTreeMap<String, (Class, Option<String>)>> = BTreeMap::new();
    for l in labels {
        by_source.entry(&l.source).or_insert_with(|| {
            let doc = common::load(&path_of(&l.source));
            let list = extract(&doc, &Options { all: true, ..Options::default() });
            list.entries.into_iter().map(|e| (e.id, (e.classification, e.party.map(|p| p.name)))).collect()
        });
    }
    labels
        .iter()
        .map(|l| by_source[l.source.as_str()].get(&l.id).cloned().unwrap_or((Class::Unclassified, None)))
        .collect()
}

/// Precision, recall and support of one class.
#[derive(Debug, Clone, Copy)]
struct Score {
    precision: f64,
    recall: f64,
    support: usize,
    predicted: usize,
}

struct Report {
    scores: BTreeMap<Class, Score>,
    confusion: BTreeMap<(Class, Class), usize>,
    party_agree: (usize, usize),
    table: String,
}

fn evaluate(name: &str) -> Report {
    let labels = read(name);
    let got = predict(&labels);
    let mut confusion: BTreeMap<(Class, Class), usize> = BTreeMap::new();
    let mut party_agree = (0, 0);
    let mut misses = String::new();
    for (l, (c, p)) in labels.iter().zip(&got) {
        if l.class != *c {
            misses.push_str(&format!(
                "  {} {}: {} → {}\n",
                l.source.rsplit('/').next().unwrap_or(""),
                l.id,
                l.class,
                c
            ));
        }
        *confusion.entry((l.class, *c)).or_default() += 1;
        if l.class.is_actionable() && l.class == *c {
            party_agree.1 += 1;
            if l.party.as_deref() == p.as_deref() {
                party_agree.0 += 1;
            }
        }
    }
    let mut scores = BTreeMap::new();
    let mut table = format!(
        "{name}: {} provisions from {} texts\n\n| class | precision | recall | labelled | predicted |\n|---|---|---|---|---|\n",
        labels.len(),
        labels.iter().map(|l| l.source.as_str()).collect::<std::collections::BTreeSet<_>>().len()
    );
    for c in Class::ALL {
        let tp = confusion.get(&(c, c)).copied().unwrap_or(0);
        let support: usize = confusion.iter().filter(|((e, _), _)| *e == c).map(|(_, n)| n).sum();
        let predicted: usize = confusion.iter().filter(|((_, g), _)| *g == c).map(|(_, n)| n).sum();
        if support == 0 && predicted == 0 {
            continue;
        }
        let ratio = |a: usize, b: usize| if b == 0 { 1.0 } else { a as f64 / b as f64 };
        let s = Score { precision: ratio(tp, predicted), recall: ratio(tp, support), support, predicted };
        table.push_str(&format!(
            "| {} | {:.2} | {:.2} | {} | {} |\n",
            c.as_str(),
            s.precision,
            s.recall,
            s.support,
            s.predicted
        ));
        scores.insert(c, s);
    }
    table.push_str("\nConfusion (labelled → predicted, off-diagonal only):\n\n");
    for ((e, g), n) in &confusion {
        if e != g {
            table.push_str(&format!("- {} → {}: {n}\n", e.as_str(), g.as_str()));
        }
    }
    table.push_str(&format!(
        "\nParty agrees on {} of {} correctly classified actionable provisions.\n",
        party_agree.0, party_agree.1
    ));
    println!("{name} misses:\n{misses}");
    Report { scores, confusion, party_agree, table }
}

/// The figures recorded in README.md (precision, recall), rounded down: a change that lowers them fails. Every
/// class with at least [`GATED`] labelled cases in a set has a row.
const FLOORS: &[(&str, Class, f64, f64)] = &[
    ("labelled.tsv", Class::Obligation, 0.99, 1.0),
    ("labelled.tsv", Class::Prohibition, 1.0, 1.0),
    ("labelled.tsv", Class::Effort, 1.0, 1.0),
    ("labelled.tsv", Class::Permission, 1.0, 1.0),
    ("labelled.tsv", Class::Sanction, 1.0, 1.0),
    ("labelled.tsv", Class::LegalEffect, 1.0, 1.0),
    ("labelled.tsv", Class::Delegation, 1.0, 1.0),
    ("labelled.tsv", Class::Incapacity, 1.0, 1.0),
    ("labelled.tsv", Class::Constitutive, 1.0, 0.99),
    ("heldout.tsv", Class::Obligation, 0.98, 1.0),
    ("heldout.tsv", Class::Prohibition, 1.0, 1.0),
    ("heldout.tsv", Class::Effort, 1.0, 1.0),
    ("heldout.tsv", Class::Permission, 1.0, 1.0),
    ("heldout.tsv", Class::Sanction, 1.0, 1.0),
    ("heldout.tsv", Class::LegalEffect, 1.0, 1.0),
    ("heldout.tsv", Class::Delegation, 1.0, 1.0),
    ("heldout.tsv", Class::Incapacity, 1.0, 1.0),
    ("heldout.tsv", Class::Constitutive, 1.0, 0.96),
];

/// A class is gated (and must have a row in [`FLOORS`]) from this many labelled cases in a set.
const GATED: usize = 15;

/// Issue 16's acceptance targets (precision, recall), required on both sets.
const TARGETS: &[(Class, f64, f64)] = &[
    (Class::Obligation, 0.95, 0.95),
    (Class::Prohibition, 0.9, 0.9),
    (Class::Effort, 0.9, 0.9),
    (Class::Permission, 0.9, 0.9),
];

fn check(name: &str) {
    let r = evaluate(name);
    println!("{}", r.table);
    let total: usize = r.confusion.values().sum();
    assert!(total >= 100, "{name}: only {total} provisions");
    for (c, s) in &r.scores {
        if s.support >= GATED {
            assert!(
                FLOORS.iter().any(|f| f.0 == name && f.1 == *c),
                "{name}: {c} has {} cases but no floor",
                s.support
            );
        }
    }
    for (set, class, precision, recall) in FLOORS.iter().filter(|f| f.0 == name) {
        let Some(s) = r.scores.get(class) else { panic!("{set}: no {class} labelled or predicted") };
        assert!(s.support >= GATED, "{set}: {class} has only {} cases", s.support);
        assert!(s.precision >= *precision, "{set}: {class} precision {:.3} < {precision}\n{}", s.precision, r.table);
        assert!(s.recall >= *recall, "{set}: {class} recall {:.3} < {recall}\n{}", s.recall, r.table);
    }
    for (class, precision, recall) in TARGETS {
        let s = r.scores.get(class).unwrap_or_else(|| panic!("{name}: no {class}"));
        assert!(s.support >= GATED, "{name}: {class} has only {} cases, the target is not measured", s.support);
        assert!(s.precision >= *precision && s.recall >= *recall, "{name}: {class} misses the target\n{}", r.table);
    }
    assert!(r.party_agree.1 > 0);
}

#[test]
fn evaluation_set() {
    let labels = read("labelled.tsv");
    assert!(labels.len() >= 400);
    let texts: std::collections::BTreeSet<_> = labels.iter().map(|l| l.source.as_str()).collect();
    assert!(texts.len() >= 8, "{texts:?}");
    check("labelled.tsv");
}

#[test]
fn held_out_set() {
    let held = read("heldout.tsv");
    let eval: std::collections::BTreeSet<_> = read("labelled.tsv").into_iter().map(|l| l.source).collect();
    assert!(held.iter().all(|l| !eval.contains(&l.source)), "held-out texts are not in the evaluation set");
    check("heldout.tsv");
}
