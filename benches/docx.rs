//! Word output and input on 会社法 (1,092 条): the 新旧対照表 of 会社法 against a copy with a few dozen edits and
//! an inserted article (`common::kaisha::edited`, the pair of `benches/diff.rs`), written as .docx (target:
//! under 200 ms), and a 会社法-sized .docx (every line of the Lawtext file a paragraph, 1.3 MB of text) read
//! into the Markdown the parser reads (under 100 ms).

mod common;

use criterion::{criterion_group, criterion_main, Criterion};
use kitei::diff::{compare, CompareOptions, RenderOptions};
use kitei::export::docx::shinkyu::render_docx;

fn bench(c: &mut Criterion) {
    let path = common::corpus().join("lawtext/417AC0000000086_20170401_会社法.law.txt");
    let old = kitei::load(&path).expect("会社法 parses").document;
    let new = common::kaisha::edited(&old);
    let cmp = compare(&old, &new, &CompareOptions::default());
    assert!(cmp.summary.modified >= 30);
    let opts = RenderOptions::default();
    let full = RenderOptions { unchanged: kitei::diff::Unchanged::Full, ..RenderOptions::default() };
    c.bench_function("新旧対照表 of 会社法 as .docx", |b| b.iter(|| render_docx(&cmp, &opts).unwrap()));
    c.bench_function("新旧対照表 of 会社法 as .docx, --full", |b| b.iter(|| render_docx(&cmp, &full).unwrap()));

    let text = std::fs::read_to_string(&path).unwrap();
    let mut doc = docx_rs::Docx::new();
    for line in text.lines() {
        doc = doc.add_paragraph(docx_rs::Paragraph::new().add_run(docx_rs::Run::new().add_text(line)));
    }
    let mut buf = std::io::Cursor::new(Vec::new());
    doc.build().pack(&mut buf).unwrap();
    let bytes = buf.into_inner();
    c.bench_function("read a 会社法-sized .docx", |b| {
        b.iter(|| kitei::input::from_bytes("kaisha.docx", &bytes, None).unwrap())
    });
    let src = kitei::input::from_bytes("kaisha.docx", &bytes, None).unwrap();
    c.bench_function("read and parse a 会社法-sized .docx", |b| {
        b.iter(|| kitei::parse::parse_source(&kitei::input::from_bytes("kaisha.docx", &bytes, None).unwrap()).unwrap())
    });
    assert!(src.text.len() > 1_000_000);
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = bench
}
criterion_main!(benches);
