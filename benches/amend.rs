//! Generating the 改め文 between two real revisions of 不正競争防止法 (e-Gov XML, about 60 articles with many
//! 項 and 号: wording changes, 号 renumbered, 第二十一条 rewritten) — generation includes applying the text to
//! check it — and applying the generated text alone.

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
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
