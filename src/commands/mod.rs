//! The command-line subcommands, as library functions `main.rs` calls.

pub mod facts;
pub mod feeds;
pub mod render;
pub mod search;
