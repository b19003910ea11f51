//! The terminal application: ratatui widgets over the text engine.
//!
//! - [`app`]: the state, made of one component per pane, and
//!   `App::update(Msg) -> Vec<Effect>`, the one place it changes; drawing
//!   reads it;
//! - [`msg`]: what reaches the app and what it asks for;
//! - [`actions`]: every action declared once (name, keys, help, handler);
//!   [`keymap`]: keys, and the config's `[keys]` applied;
//! - [`layout`]: where the panes go, the width breakpoints;
//! - one file per pane: [`article_list`], [`reader`], [`facts_panel`],
//!   [`prompt`] (the search prompt and its history), [`help`],
//!   [`status_bar`], [`messages`] (the message log); [`scroll`]: the
//!   lists' one scrolling rule;
//! - [`library`]: the articles shown; [`runtime`]: the work done in the
//!   background and the effects run;
//! - [`terminal`]: entering and leaving the terminal, the loop;
//!   [`input`]: the thread reading the terminal (keys, the mouse, resizes);
//!   [`overflow`]: changed rows of Arabic sent whole (glyphs reach past
//!   their cells);
//!   [`trace`]: its timings, when asked for; [`theme`]: colours.

pub mod actions;
pub mod app;
pub mod article_list;
pub mod dates;
pub mod facts_panel;
pub mod help;
pub mod i18n;
pub mod input;
pub mod keymap;
pub mod layout;
pub mod library;
pub mod messages;
pub mod msg;
pub mod overflow;
pub mod picker;
pub mod prompt;
pub mod reader;
pub mod runtime;
pub mod scroll;
pub mod status_bar;
pub mod terminal;
pub mod terminal_bidi;
pub mod theme;
pub mod trace;
