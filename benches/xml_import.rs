//! Importing the 3 MB 会社法 e-Gov XML (target: under 25 ms, peak memory under 10× the file).
//!
//! Run with `cargo bench --bench xml_import`. Before timing, one import is measured with a counting
//! allocator and its peak heap use is printed next to the file size.

mod common;

use criterion::{criterion_group, criterion_main, Criterion};

#[global_allocator]
static ALLOC: common::alloc::Counting = common::alloc::Counting;

fn bench(c: &mut Criterion) {
    let path = common::shared().join("corpus/egov-xml/417AC0000000086_20170401_428AC0000000062.xml");
    let text = std::fs::read_to_string(&path).expect("the 会社法 XML of the corpus");
    let (parsed, peak) = common::alloc::peak_during(|| kitei::parse::egov_xml::parse("kaishaho.xml", &text).unwrap());
    eprintln!(
        "会社法 XML: {} bytes, {} articles; peak heap during import {} bytes = {:.2}× the file",
        text.len(),
        parsed.document.articles().len(),
        peak,
        peak as f64 / text.len() as f64
    );
    drop(parsed);
    c.bench_function("import 会社法 e-Gov XML (3 MB)", |b| {
        b.iter(|| kitei::parse::egov_xml::parse("kaishaho.xml", std::hint::black_box(&text)).unwrap())
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
