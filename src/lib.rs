//! khabar: a terminal browser for Arabic news.
//!
//! - [`text`]: the Arabic text engine (shaping, bidi, line breaking, layout);
//! - [`facts`]: the actors and statements of a text;
//! - [`search`]: Arabic-folded matching;
//! - [`corpus`]: articles, where they come from, and the store;
//! - [`config`]: the config file, for the browser and the commands;
//! - [`commands`]: the command-line subcommands;
//! - [`tui`]: the terminal application;
//! - [`fuzzing`]: the fuzz targets' bodies, replayed by the tests;
//! - [`parallel`]: the one worker pool; [`report`]: what khabar says on stderr;
//! - [`manual`]: the manual page (`khabar man`).

pub mod commands;
pub mod config;
pub mod corpus;
pub mod facts;
pub mod fuzzing;
pub mod manual;
pub mod parallel;
pub mod report;
pub mod search;
pub mod terminals;
pub mod text;
pub mod tui;
