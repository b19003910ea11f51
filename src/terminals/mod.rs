//! The terminal khabar writes to: which one it is ([`detect`], from what
//! it answers to [`query`] and the variables it sets, through tmux or GNU
//! screen to their client terminal), and what khabar sends it so that
//! Arabic shows as in a terminal without bidi ([`strategy`]). Used by the
//! browser and by every command that prints shaped text on a terminal;
//! `khabar doctor` reports it.

pub mod detect;
pub mod query;
pub mod strategy;

pub use detect::{Detected, Kind, Mux};
pub use strategy::{Frames, LineForm, Mode, Plan, Strategy};

/// mlterm (`--bidi terminal`): `|` and `+` separate its bidi segments.
pub const MLTERM_SEPARATORS_ON: &str = "\x1b]5379;bidi_separators=|+\x07";
/// mlterm's default again: no separators.
pub const MLTERM_SEPARATORS_OFF: &str = "\x1b]5379;bidi_separators=\x07";

/// The terminal on the controlling tty, asked (XTVERSION, DA2: a short
/// wait) and read from the environment; inside tmux, its client.
pub fn detect() -> Detected {
    let var = |k: &str| std::env::var(k).ok();
    let replies = query::ask(query::TIMEOUT);
    let tmux = var("TMUX").is_some_and(|v| !v.is_empty());
    let client = tmux
        .then(|| detect::tmux_client(var("TMUX_PANE").as_deref()))
        .flatten();
    detect::from_clues(&var, replies.as_ref(), client.as_ref())
}

/// The plan for the terminal on the controlling tty in `mode`.
pub fn plan(mode: Mode) -> Plan {
    Plan::choose(detect(), mode)
}
