//! Parses a file N times (for profiling): `cargo run --release --example parse_file -- FILE [N]`.
fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("usage: parse_file FILE [N]");
    let n: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(1);
    let src = kitei::input::load(std::path::Path::new(&path), None).expect("readable");
    let mut articles = 0;
    for _ in 0..n {
        articles = kitei::parse::parse_source(&src).expect("parses").document.articles().len();
    }
    println!("{articles} articles");
}
