//! Checklist extraction on 会社法 (about 3,800 entries) and a state migration between its original and a copy
//! whose IDs are shifted by one inserted article. Target: extraction under 50 ms, migration under 200 ms.

mod common;

use criterion::{criterion_group, criterion_main, Criterion};
use kitei::checklist::{extract, migrate, IdMapping, Options, State};

fn bench(c: &mut Criterion) {
    let path = common::corpus().join("lawtext/417AC0000000086_20170401_会社法.law.txt");
    let doc = kitei::load(&path).expect("会社法 parses").document;
    let opts = Options::default();
    c.bench_function("checklist extract 会社法", |b| b.iter(|| extract(&doc, &opts)));
    let list = extract(&doc, &opts);
    let state = State::init(&list, "old", "old");
    let mapping = IdMapping::align(&list, &list);
    c.bench_function("checklist migrate 会社法 (identity)", |b| {
        b.iter(|| migrate(&state, &list, &list, &mapping, "new", "new"))
    });
    c.bench_function("checklist align 会社法 by text", |b| b.iter(|| IdMapping::align(&list, &list)));
}

criterion_group!(benches, bench);
criterion_main!(benches);
