//! The terminal application: ratatui widgets over the text engine.

pub mod article_view;
pub mod theme;
