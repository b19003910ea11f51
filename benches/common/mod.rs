//! What the benches share.
#![allow(dead_code)] // each bench uses some of these

use khabar::corpus::seeds::SEEDS;

/// The seeds' non-empty lines (titles and paragraphs), trimmed, in order.
pub fn seed_lines() -> Vec<String> {
    SEEDS
        .iter()
        .flat_map(|(_, t)| {
            t.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_string)
        })
        .collect()
}

/// `n` articles built from the seeds' lines: a title and eight paragraphs.
pub fn articles(n: usize) -> Vec<khabar::corpus::Article> {
    let mut p = seed_lines();
    p.dedup();
    (0..n)
        .map(|i| {
            let body: Vec<&str> = (0..8)
                .map(|k| p[(i * 7 + k * 13) % p.len()].as_str())
                .collect();
            khabar::corpus::Article::from_plain_text(
                format!("{i}.txt"),
                &format!("{}\n{}", p[i % p.len()], body.join("\n")),
            )
        })
        .collect()
}

/// A store on disk (in a fresh directory under target/) holding `articles`.
pub fn store_on_disk(name: &str, articles: Vec<khabar::corpus::Article>) -> std::path::PathBuf {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target")
        .join("bench")
        .join(format!("store-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    let path = dir.join("khabar.db");
    let mut store = khabar::corpus::Store::open(&path).unwrap();
    let prepared = articles
        .into_iter()
        .enumerate()
        .map(|(i, a)| khabar::corpus::store::write::Prepared::new(a, 2_000_000_000 - i as i64))
        .collect();
    store.save_fetch("bench", prepared).unwrap();
    path
}
