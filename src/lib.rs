//! khabar: a terminal browser for Arabic news.
//!
//! - [`text`]: the Arabic text engine (shaping, bidi, line breaking, layout);
//! - [`corpus`]: articles and where they come from;
//! - [`commands`]: the command-line subcommands;
//! - [`tui`]: the terminal application.

pub mod commands;
pub mod corpus;
pub mod facts;
pub mod search;
pub mod text;
pub mod tui;
