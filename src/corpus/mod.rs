//! Articles and where they come from.

pub mod article;
pub mod encoding;
pub mod feed;
pub mod fetch;
pub mod html;
pub mod load;
pub mod markdown;
pub mod seeds;

pub use article::Article;
pub use load::{LoadError, collect_paths, load_file, load_path, read_text};
