//! `khabar doctor`: which terminal this is, how khabar found out, and what
//! it sends it so that Arabic shows right, and why.

use std::io::{IsTerminal, Write};

use super::{CommandError, Outcome};
use crate::config::{BidiMode, Config};
use crate::terminals::{self, LineForm, Mux, Plan};

/// A control sequence as text: ESC as `ESC`, BEL as `BEL`.
fn readable(seq: &str) -> String {
    if seq.is_empty() {
        return "nothing".into();
    }
    seq.replace('\x1b', " ESC ")
        .replace('\x07', " BEL ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The report, for `plan` chosen in `mode` (`from`: where the mode came from).
pub fn report(plan: &Plan, from: &str) -> String {
    let d = &plan.detected;
    let mut out = String::new();
    let name = match &d.version {
        Some(v) if !v.contains(d.kind.name()) => format!("{} ({v})", d.kind.name()),
        Some(v) => v.clone(),
        None => d.kind.name().to_string(),
    };
    out.push_str(&format!("terminal: {name}\n"));
    out.push_str(&format!(
        "found by: {}\n",
        if d.clues.is_empty() {
            "nothing: no answer, no variable".to_string()
        } else {
            d.clues.join("; ")
        }
    ));
    match &d.mux {
        Some(Mux::Tmux { pane }) => out.push_str(&format!(
            "through: tmux{} (the terminal is its client)\n",
            pane.as_deref()
                .map(|p| format!(", pane {p}"))
                .unwrap_or_default()
        )),
        Some(Mux::Screen) => out.push_str("through: GNU screen\n"),
        None => {}
    }
    let mode = match plan.mode {
        BidiMode::Auto => "auto",
        BidiMode::Engine => "engine",
        BidiMode::Terminal => "terminal",
    };
    out.push_str(&format!("bidi: {mode} ({from})\n"));
    out.push_str(&format!("strategy: {:?}: {}\n", plan.strategy, plan.why));
    let (enter, leave) = plan.browser_switches();
    out.push_str(&format!(
        "the browser sends: {} after entering its screen, {} before leaving it\n",
        readable(&enter),
        readable(&leave)
    ));
    let (before, after) = plan.command_switches();
    let lines = match plan.line_form() {
        LineForm::Visual => "shaped, in visual order",
        LineForm::BreakRuns => {
            "shaped, in visual order, each character's colour one unit of blue from the last"
        }
        LineForm::Konsole => {
            "in logical order for Konsole's bidi: a right-to-left line is its padding, RLE, then its text (lam-alef as one ligature)"
        }
        LineForm::Logical => "in logical order, unshaped",
    };
    out.push_str(&format!(
        "commands (render, search, facts, actors) print: {lines}; {} before, {} after\n",
        readable(&before),
        readable(&after)
    ));
    if plan.needs_passthrough() {
        out.push_str("tmux: khabar turns allow-passthrough on for its pane while it writes to the client terminal, and back after\n");
    }
    if let Some(a) = plan.advice() {
        out.push_str(&format!("to do: {a}\n"));
    }
    out
}

/// `khabar doctor`.
pub fn run(flag: Option<BidiMode>) -> Result<Outcome, CommandError> {
    let config = Config::load_or_default(None)?;
    let (mode, from) = match flag {
        Some(m) => (m, "--bidi".to_string()),
        None => (
            config.bidi,
            // the config's when its file says bidi, else the default
            config
                .path
                .as_ref()
                .filter(|p| {
                    std::fs::read_to_string(p)
                        .ok()
                        .and_then(|t| t.parse::<toml::Table>().ok())
                        .is_some_and(|t| t.contains_key("bidi"))
                })
                .map_or("the default".to_string(), |p| {
                    format!("bidi in {}", p.display())
                }),
        ),
    };
    if !std::io::stdout().is_terminal() && std::fs::File::open("/dev/tty").is_err() {
        return Err(CommandError::Usage(
            "khabar doctor asks the terminal who it is: run it in a terminal".into(),
        ));
    }
    let plan = terminals::plan(mode);
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(report(&plan, &from).as_bytes());
    Ok(Outcome::Done)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::terminals::detect::from_clues;
    use crate::terminals::query::Replies;

    #[test]
    fn the_report_says_the_terminal_the_clues_the_strategy_and_what_to_do() {
        let r = Replies::parse(b"\x1bP>|kitty(0.26.5)\x1b\\\x1b[>1;4000;26c\x1b[?62;c");
        let var = |k: &str| (k == "KITTY_WINDOW_ID").then(|| "1".to_string());
        let plan = Plan::choose(from_clues(&var, Some(&r), None), BidiMode::Auto);
        let text = report(&plan, "the default");
        assert!(text.starts_with("terminal: kitty(0.26.5)\n"), "{text}");
        assert!(
            text.contains("found by: XTVERSION: kitty(0.26.5); DA2: >1;4000;26; KITTY_WINDOW_ID=1"),
            "{text}"
        );
        assert!(text.contains("bidi: auto (the default)"), "{text}");
        assert!(
            text.contains("to do: kitty reverses each Arabic word: add `force_ltr yes`"),
            "{text}"
        );
        assert!(text.contains("ESC [8l ESC [1 k after entering"), "{text}");
    }
}
