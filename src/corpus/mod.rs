//! Articles and where they come from.

pub mod article;
pub mod load;
pub mod seeds;

pub use article::Article;
pub use load::{LoadError, load_path, read_text};
