//! Time each stage of the text engine on a file of paragraphs (one per line):
//! `cargo run --release --example stage FILE`.
use std::time::Instant;

fn main() {
    let path = std::env::args()
        .nth(1)
        .unwrap_or("target/bench/news4mb.txt".into());
    let text = std::fs::read_to_string(path).unwrap();
    let paras: Vec<&str> = text.lines().collect();
    let t = Instant::now();
    let mut v = Vec::new();
    for p in &paras {
        v.push(khabar::text::Paragraph::new(p, None));
    }
    println!("Paragraph::new {:?}", t.elapsed());
    let t = Instant::now();
    let lines: Vec<_> = v.iter().map(|p| p.wrap(100)).collect();
    println!("wrap {:?}", t.elapsed());
    let t = Instant::now();
    let mut s = String::new();
    let mut n = 0;
    for (p, ls) in v.iter().zip(&lines) {
        for l in ls {
            s.clear();
            n += p.draw_line(l.clone(), 100, &mut s, |_| {});
        }
    }
    println!("draw {:?} ({n} columns)", t.elapsed());
}
