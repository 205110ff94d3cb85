//! Rough phase timings of the XML import (min of 15 runs): `cargo run --release --example xml_timing`.
fn main() {
    let text =
        std::fs::read_to_string("/work/shared/corpus/egov-xml/417AC0000000086_20170401_428AC0000000062.xml").unwrap();
    let (mut raw, mut full, mut ids) = (f64::MAX, f64::MAX, f64::MAX);
    for _ in 0..15 {
        let t = std::time::Instant::now();
        let mut r = quick_xml::Reader::from_str(&text);
        loop {
            match r.read_event().unwrap() {
                quick_xml::events::Event::Eof => break,
                quick_xml::events::Event::Text(t) => {
                    std::hint::black_box(t.unescape().unwrap());
                }
                e => {
                    std::hint::black_box(e);
                }
            }
        }
        raw = raw.min(t.elapsed().as_secs_f64() * 1e3);
        let t = std::time::Instant::now();
        let mut doc = kitei::parse::egov_xml::parse("k", &text).unwrap().document;
        full = full.min(t.elapsed().as_secs_f64() * 1e3);
        let t = std::time::Instant::now();
        kitei::model::ids::assign_ids(&mut doc);
        ids = ids.min(t.elapsed().as_secs_f64() * 1e3);
    }
    println!("quick-xml events only {raw:.1} ms, full import {full:.1} ms (of which assign_ids ≈ {ids:.1} ms)");
}
