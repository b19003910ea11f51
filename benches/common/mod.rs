//! What the benches share.

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
