//! Criterion benches of the text engine.
//!
//! - layout of a 200-paragraph article at a new width (target: under 5 ms);
//! - the engine's throughput on news paragraphs (MB/s);
//! - one long paragraph at two lengths, to show linear time.

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use khabar::corpus::Article;
use khabar::text::{Paragraph, layout_blocks};

mod common;

/// Seed paragraphs, repeated to `n` paragraphs.
fn paragraphs(n: usize) -> Vec<String> {
    common::seed_lines().into_iter().cycle().take(n).collect()
}

fn article_of(n: usize) -> Article {
    Article::from_plain_text("bench", &paragraphs(n + 1).join("\n"))
}

fn layout_200_paragraphs(c: &mut Criterion) {
    let article = article_of(200);
    let blocks = article.blocks(None);
    let mut g = c.benchmark_group("layout");
    g.bench_function("200 paragraphs at a new width", |b| {
        let mut width = 40u16;
        b.iter(|| {
            width = if width >= 160 { 40 } else { width + 1 };
            black_box(layout_blocks(&blocks, width))
        })
    });
    g.finish();
}

fn throughput(c: &mut Criterion) {
    let text = paragraphs(400);
    let bytes: usize = text.iter().map(String::len).sum();
    let mut g = c.benchmark_group("engine");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("shape+bidi+wrap+draw news paragraphs at 100", |b| {
        let mut out = String::new();
        b.iter(|| {
            for p in &text {
                let para = Paragraph::new(p, None);
                for line in para.wrap(100) {
                    out.clear();
                    black_box(para.draw_line(line, 100, &mut out, |_| {}));
                }
            }
        })
    });
    g.finish();
}

fn long_paragraph(c: &mut Criterion) {
    let mut g = c.benchmark_group("one long paragraph");
    g.sample_size(10);
    for mb in [1usize, 2] {
        let mut text = String::new();
        let parts = paragraphs(200);
        while text.len() < mb * 1_000_000 {
            for p in &parts {
                text.push_str(p);
                text.push(' ');
            }
        }
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_with_input(
            BenchmarkId::from_parameter(format!("{mb} MB")),
            &text,
            |b, text| {
                let mut out = String::new();
                b.iter(|| {
                    let para = Paragraph::new(text, None);
                    for line in para.wrap(100) {
                        out.clear();
                        black_box(para.draw_line(line, 100, &mut out, |_| {}));
                    }
                })
            },
        );
    }
    g.finish();
}

criterion_group!(benches, layout_200_paragraphs, throughput, long_paragraph);
criterion_main!(benches);
