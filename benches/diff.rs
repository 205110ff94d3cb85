//! The structural + inline diff of 会社法 (about 1,000 articles) against a copy with a few dozen edits and an
//! inserted article (第百条の二), made on the parsed model. Target: under 50 ms.

mod common;

use criterion::{criterion_group, criterion_main, Criterion};
use kitei::diff::{compare, CompareOptions};

fn bench(c: &mut Criterion) {
    let path = common::corpus().join("lawtext/417AC0000000086_20170401_会社法.law.txt");
    let old = kitei::load(&path).expect("会社法 parses").document;
    let new = common::kaisha::edited(&old);
    let opts = CompareOptions::default();
    let cmp = compare(&old, &new, &opts);
    assert_eq!(cmp.summary.added, 1);
    assert!(cmp.summary.modified >= 30);
    assert_eq!(cmp.summary.removed, 0);
    c.bench_function("compare 会社法 (structural + inline)", |b| b.iter(|| compare(&old, &new, &opts)));
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench
}
criterion_main!(benches);
