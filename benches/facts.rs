//! Criterion bench of the facts extractor: throughput on Arabic news text
//! (target: at least 20 MB/s on one core), with the allocator khabar runs
//! with.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use khabar::facts;

mod common;

/// The allocator the khabar binary runs with (see `src/main.rs`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn news(bytes: usize) -> String {
    let paragraphs = common::seed_lines();
    let mut text = String::from("عنوان\n");
    while text.len() < bytes {
        for p in &paragraphs {
            text.push_str(p);
            text.push('\n');
        }
    }
    text
}

fn extraction(c: &mut Criterion) {
    let mut g = c.benchmark_group("facts");
    g.sample_size(20);
    // one article of a normal size, and a large one
    for (name, bytes) in [("one 10 KB article", 10_000), ("1 MB of news", 1_000_000)] {
        let text = news(bytes);
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_function(name, |b| b.iter(|| black_box(facts::extract(&text))));
    }
    g.finish();
}

criterion_group!(benches, extraction);
criterion_main!(benches);
