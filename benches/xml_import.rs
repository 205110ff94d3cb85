//! Importing the 3 MB 会社法 e-Gov XML (target: under 25 ms, peak memory under 10× the file).
//!
//! Run with `cargo bench --bench xml_import`. Before timing, one import is measured with a counting
//! allocator and its peak heap use is printed next to the file size.

mod common;

use criterion::{criterion_group, criterion_main, Criterion};
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

/// The system allocator, counting live and peak bytes.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        let p = System.alloc(l);
        if !p.is_null() {
            let now = LIVE.fetch_add(l.size(), Ordering::Relaxed) + l.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        System.dealloc(p, l);
        LIVE.fetch_sub(l.size(), Ordering::Relaxed);
    }
    unsafe fn realloc(&self, p: *mut u8, l: Layout, new: usize) -> *mut u8 {
        let q = System.realloc(p, l, new);
        if !q.is_null() {
            if new > l.size() {
                let now = LIVE.fetch_add(new - l.size(), Ordering::Relaxed) + new - l.size();
                PEAK.fetch_max(now, Ordering::Relaxed);
            } else {
                LIVE.fetch_sub(l.size() - new, Ordering::Relaxed);
            }
        }
        q
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

fn bench(c: &mut Criterion) {
    let path = common::shared().join("corpus/egov-xml/417AC0000000086_20170401_428AC0000000062.xml");
    let text = std::fs::read_to_string(&path).expect("the 会社法 XML of the corpus");
    let base = LIVE.load(Ordering::Relaxed);
    PEAK.store(base, Ordering::Relaxed);
    let parsed = kitei::parse::egov_xml::parse("kaishaho.xml", &text).unwrap();
    let peak = PEAK.load(Ordering::Relaxed) - base;
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
