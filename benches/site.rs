//! Site build speed: the bundled regulations plus the 1.3 MB 会社法 text (no translation).
//! Run with `cargo bench --bench site`.

mod common;

use criterion::{criterion_group, criterion_main, Criterion};
use kitei::render::load::LoadedRegulation;
use std::path::PathBuf;

const KAISHA: &str = "corpus/lawtext/417AC0000000086_20170401_会社法.law.txt";

/// CPU time of the current thread, from `/proc/thread-self/schedstat` (nanoseconds on CPU).
fn cpu_time() -> Option<std::time::Duration> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = s.split_whitespace().next()?.parse().ok()?;
    Some(std::time::Duration::from_nanos(ns))
}

fn bench(c: &mut Criterion) {
    let kaisha_path = common::shared().join(KAISHA);
    let parsed = kitei::load(&kaisha_path).expect("会社法 parses");
    let reg = LoadedRegulation::single(
        "kaisha",
        kaisha_path.parent().unwrap().to_path_buf(),
        "2017-04-01",
        "2017-04-01.txt",
        parsed.document,
    );
    let templates = kitei::render::templates::Templates::load(None).unwrap();
    c.bench_function("render the 会社法 page", |b| {
        b.iter(|| {
            kitei::render::render_current_files(&reg, &templates)
                .unwrap()
                .pages
                .iter()
                .map(|p| p.1.len())
                .sum::<usize>()
        })
    });
    // The same in CPU time of this thread (Linux: /proc/thread-self/schedstat), which does not count the time
    // the thread waits for a core on a loaded machine; wall time elsewhere.
    c.bench_function("render the 会社法 page (thread CPU time)", |b| {
        b.iter_custom(|iters| {
            let start = cpu_time();
            let wall = std::time::Instant::now();
            for _ in 0..iters {
                std::hint::black_box(
                    kitei::render::render_current_files(&reg, &templates)
                        .unwrap()
                        .pages
                        .iter()
                        .map(|p| p.1.len())
                        .sum::<usize>(),
                );
            }
            match (start, cpu_time()) {
                (Some(a), Some(b)) => b - a,
                _ => wall.elapsed(),
            }
        })
    });

    // The whole build: the bundled regulations and 会社法, from files to the written site.
    let dir = std::env::temp_dir().join(format!("kitei-bench-site-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let input = dir.join("regulations");
    let bundled = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("regulations/jlis-ninsho-jimu-kanri-kitei");
    std::fs::create_dir_all(input.join("jlis-ninsho-jimu-kanri-kitei")).unwrap();
    for e in std::fs::read_dir(&bundled).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, input.join("jlis-ninsho-jimu-kanri-kitei").join(p.file_name().unwrap())).unwrap();
    }
    std::fs::create_dir_all(input.join("kaisha")).unwrap();
    std::fs::copy(&kaisha_path, input.join("kaisha/2017-04-01.txt")).unwrap();
    let options = kitei::render::BuildOptions {
        out: dir.join("site"),
        templates: None,
        strict: false,
        fail_fast: false,
        clean: true,
        ..Default::default()
    };
    let mut group = c.benchmark_group("build");
    group.sample_size(10);
    // `clean`: everything rendered and written each time (the cache would otherwise make every run after the
    // first a rebuild with nothing to do, measured apart below).
    group.bench_function("whole site (bundled + 会社法)", |b| {
        b.iter(|| kitei::render::build_site(&input, &options, &mut |_, _, _| {}).unwrap().files)
    });
    let incremental = kitei::render::BuildOptions { clean: false, ..options.clone() };
    kitei::render::build_site(&input, &incremental, &mut |_, _, _| {}).unwrap();
    group.bench_function("no-change rebuild (bundled + 会社法)", |b| {
        b.iter(|| kitei::render::build_site(&input, &incremental, &mut |_, _, _| {}).unwrap().files)
    });
    group.finish();
    let _ = std::fs::remove_dir_all(&dir);
}

criterion_group!(benches, bench);
criterion_main!(benches);
