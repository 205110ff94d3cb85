//! Issue 18: the history of every provision across the seed's three versions (target: under 20 ms), and
//! the impact review list on a 会社法-sized pair (target: under 200 ms): 会社法 (2017, 1,092 条) against its
//! canonical text with a phrase changed in 74 provisions (「電磁的方法」→「電子的方法」) and two 項 added, the
//! pair of `benches/amend.rs`.

mod common;

use criterion::{criterion_group, criterion_main, Criterion};
use kitei::history::{build, Version};

fn bench(c: &mut Criterion) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("regulations/jlis-ninsho-jimu-kanri-kitei");
    let seed: Vec<(String, kitei::Document)> = ["2014-04-01", "2016-01-01", "2027-04-01"]
        .iter()
        .map(|d| (d.to_string(), kitei::load(&dir.join(format!("{d}.md"))).expect("seed").document))
        .collect();
    let versions: Vec<Version<'_>> = seed.iter().map(|(l, d)| Version::new(l, d)).collect();
    let mut g = c.benchmark_group("history_impact");
    g.sample_size(20);
    g.bench_function("history of every provision, seed 2014→2016→2027", |b| b.iter(|| build(&versions)));
    let (old, new) = common::kaisha::reworded_pair();
    let links = kitei::impact::Links::default();
    g.bench_function("impact 会社法 (74 provisions reworded, 2 項 added)", |b| {
        b.iter(|| kitei::impact::analyse(&old, &new, None, &links))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
