//! The two seed stories, embedded in the binary: the default corpus.

use super::Article;

/// (file name, contents) of each seed, in order.
pub const SEEDS: [(&str, &str); 2] = [
    (
        "000_6fba3821f320b55a.txt",
        include_str!("../../seeds/000_6fba3821f320b55a.txt"),
    ),
    (
        "001_94aff8d4bb34fe2c.txt",
        include_str!("../../seeds/001_94aff8d4bb34fe2c.txt"),
    ),
];

/// The seeds as articles, with paths `seeds/NAME`.
pub fn seed_articles() -> Vec<Article> {
    SEEDS
        .iter()
        .map(|(name, text)| Article::from_plain_text(format!("seeds/{name}"), text))
        .collect()
}
