//! Run the facts extractor over a file of paragraphs, article by article
//! (30 lines each, or LINES), for profiling:
//! `cargo run --release --example facts_prof FILE [LINES]`.
//! With the allocator the binary and the bench use.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let path = std::env::args()
        .nth(1)
        .unwrap_or("target/bench/news4mb.txt".into());
    let per: usize = std::env::args()
        .nth(2)
        .map_or(30, |n| n.parse().expect("LINES is a number"));
    let text = std::fs::read_to_string(path).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let t = std::time::Instant::now();
    let mut n = 0;
    for _ in 0..3 {
        for chunk in lines.chunks(per) {
            let f = khabar::facts::extract(&chunk.join("\n"));
            n += f.actors.len();
        }
    }
    let secs = t.elapsed().as_secs_f64();
    println!(
        "{n} actors, {:.1} MB/s",
        3.0 * text.len() as f64 / 1e6 / secs
    );
}
