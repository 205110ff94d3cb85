//! Generating the 改め文 between two real revisions of 不正競争防止法 (e-Gov XML, about 60 articles with many
//! 項 and 号: wording changes, 号 renumbered, 第二十一条 rewritten) — generation includes applying the text to
//! check it — and applying the generated text alone. And a 会社法-sized pair (issue 12: amend with its
//! self-check under 100 ms): 会社法 (2017, 1,092 条) against itself with a phrase changed in 74 provisions
//! (「電磁的方法」→「電子的方法」) and two 項 added.

mod common;

use criterion::{criterion_group, criterion_main, Criterion};

fn bench(c: &mut Criterion) {
    let dir = common::corpus().join("egov-revisions/405AC0000000047");
    let load = |f: &str| kitei::load(&dir.join(f)).expect("corpus file").document;
    let old = load("405AC0000000047_20240216_505AC0000000028.xml");
    let new = load("405AC0000000047_20240613_505AC0000000051.xml");
    let opts = kitei::amend::Options::default();
    let text = kitei::amend::generate(&old, &new, &opts).expect("generates");
    let mut g = c.benchmark_group("amend");
    g.sample_size(20);
    g.bench_function("generate 不正競争防止法 2024-02→2024-06", |b| {
        b.iter(|| kitei::amend::generate(&old, &new, &opts).unwrap())
    });
    g.bench_function("apply 不正競争防止法 2024-02→2024-06", |b| {
        b.iter(|| kitei::amend::apply(&old, &text, "generated").unwrap())
    });
    let kaisha = common::kaisha::reworded_pair();
    g.bench_function("generate 会社法 (74 provisions changed, 2 項 added)", |b| {
        b.iter(|| kitei::amend::generate(&kaisha.0, &kaisha.1, &opts).unwrap())
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
