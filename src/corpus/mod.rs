//! Articles and where they come from.

pub mod article;
pub mod date;
pub mod encoding;
pub mod extract;
pub mod feed;
pub mod fetch;
pub mod hosts;
pub mod ingest;
pub mod load;
pub mod markdown;
pub mod opml;
pub mod refresh;
pub mod seeds;
pub mod store;

pub use article::Article;
pub use load::{LoadError, collect_paths, load_file, load_path, read_text};
pub use store::{Store, StoreError};
