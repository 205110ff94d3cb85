//! Parse throughput on the 1.3 MB 会社法 text (Lawtext layout), and on halves of it to show linearity; and
//! the whole shared e-Gov 2013 set (1,075 laws, 57 MB of real laws of every shape), in-process, one thread.
//!
//! Run: `cargo bench --bench parse`

mod common;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::path::PathBuf;

fn corpus_file() -> PathBuf {
    common::corpus().join("lawtext/417AC0000000086_20170401_会社法.law.txt")
}

fn parse(text: &str) -> kitei::Document {
    let src =
        kitei::input::Source {
            name: "会社法".into(), text: text.to_string(), format: kitei::input::InputFormat::Text
        };
    kitei::parse::parse_source(&src).expect("会社法 parses").document
}

fn bench(c: &mut Criterion) {
    let text = std::fs::read_to_string(corpus_file()).expect("the corpus is beside the repository");
    let mut g = c.benchmark_group("parse");
    g.sample_size(20);
    // The whole law, then its first half (cut at a line break): time should scale with size.
    let mut mid = text.len() / 2;
    while !text.is_char_boundary(mid) {
        mid -= 1;
    }
    let half_at = text[..mid].rfind('\n').unwrap_or(0);
    for (name, input) in [("kaisha-ho-full", &text[..]), ("kaisha-ho-half", &text[..half_at])] {
        g.throughput(Throughput::Bytes(input.len() as u64));
        g.bench_with_input(BenchmarkId::from_parameter(name), input, |b, t| b.iter(|| parse(t)));
    }
    g.finish();
}

/// Every law of `egov-2013/laws/`, read into memory first, parsed one after another on one thread.
fn egov_2013_set(c: &mut Criterion) {
    let dir = common::corpus().join("egov-2013/laws");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("the corpus is beside the repository")
        .map(|e| e.expect("readable").path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    let sources: Vec<kitei::input::Source> =
        paths.iter().map(|p| kitei::input::load(p, None).expect("the corpus decodes")).collect();
    let bytes: usize = sources.iter().map(|s| s.text.len()).sum();
    let mut g = c.benchmark_group("parse-egov-2013-set");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function(BenchmarkId::from_parameter(format!("{}-laws", sources.len())), |b| {
        b.iter(|| sources.iter().filter(|s| kitei::parse::parse_source(s).is_ok()).count())
    });
    g.finish();
}

criterion_group!(benches, bench, egov_2013_set);
criterion_main!(benches);
