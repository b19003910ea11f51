//! The terminal application: ratatui widgets over the text engine.
//!
//! - [`app`]: the state and what each key does (no drawing);
//! - [`view`]: where the panes go and how a frame is drawn;
//! - one file per pane: [`article_list`], [`article_view`] (the reader),
//!   [`facts_panel`], [`status_bar`], [`help`];
//! - [`keymap`]: the one list of key commands; [`config`]: the config file;
//! - [`terminal`]: entering and leaving the terminal, the event loop.

pub mod app;
pub mod article_list;
pub mod article_view;
pub mod config;
pub mod facts_panel;
pub mod help;
pub mod keymap;
pub mod search;
pub mod status_bar;
pub mod terminal;
pub mod theme;
pub mod view;
