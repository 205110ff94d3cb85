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
    let (old, new) = load_kaisha();
    let links = kitei::impact::Links::default();
    g.bench_function("impact 会社法 (74 provisions reworded, 2 項 added)", |b| {
        b.iter(|| kitei::impact::analyse(&old, &new, &[], &links))
    });
    g.finish();
}

/// 会社法 2017 (e-Gov XML) and an edited version of its canonical text, as in `benches/amend.rs`.
fn load_kaisha() -> (kitei::model::Document, kitei::model::Document) {
    let path = common::corpus().join("egov-xml/417AC0000000086_20170401_428AC0000000062.xml");
    let old = kitei::load(&path).expect("会社法").document;
    let text = kitei::export::text::to_text(&old).replace("電磁的方法", "電子的方法");
    let mut lines: Vec<&str> = text.lines().collect();
    for label in ["第百条", "第五百条"] {
        let at = lines.iter().position(|l| l.starts_with(label)).expect("article line");
        let end = (at + 1..lines.len()).find(|&i| lines[i].starts_with('第') || lines[i].starts_with('（')).unwrap();
        let numbered =
            lines[at + 1..end].iter().filter(|l| l.starts_with(|c: char| ('２'..='９').contains(&c))).count();
        let digit = char::from_u32('２' as u32 + numbered as u32).expect("one digit");
        lines.insert(
            end,
            Box::leak(format!("{digit}　前各項の規定は、法務省令で定める場合には、適用しない。").into_boxed_str()),
        );
    }
    let new = kitei::parse::parse_str(&(lines.join("\n") + "\n")).expect("edited 会社法");
    (old, new)
}

criterion_group!(benches, bench);
criterion_main!(benches);
