//! `khabar actors [--json] [QUERY]`: every actor of the store, most
//! stories first, with its kind and how many stories name it and how
//! often; QUERY keeps those whose name holds it (folded: hamza forms, ta
//! marbuta, harakat do not matter).

use super::shaped::Lines;
use super::{CommandError, Outcome};
use crate::corpus::Store;
use crate::text::safety::value;

/// The most actors printed.
const MOST: usize = 1_000_000;

pub fn run(query: Option<&str>, json: bool) -> Result<Outcome, CommandError> {
    let store = Store::open_default()?;
    let (actors, _) = store.actors(query.unwrap_or(""), MOST)?;
    let mut out = String::new();
    let mut terminal = None;
    if json {
        out = super::to_json(&actors);
    } else {
        let lines = Lines::for_stdout();
        // the terminal's switches around the output (VTE, mlterm)
        terminal = Some(super::shaped::TerminalOutput::begin());
        for a in &actors {
            if lines.shaped.is_some() {
                // on a terminal: counts and kind as a prefix, the name shaped
                let prefix = format!("{:>6} {:>7}  {:<13} ", a.stories, a.mentions, a.kind.name());
                out.push_str(&lines.line(&prefix, &a.name, &[]));
            } else {
                out.push_str(&format!(
                    "{}\t{}\t{}\t{}\n",
                    value(&a.name),
                    a.kind.name(),
                    a.stories,
                    a.mentions
                ));
            }
        }
    }
    super::write_stdout(out.as_bytes())?;
    drop(terminal);
    Ok(if actors.is_empty() && query.is_some() {
        Outcome::NothingFound
    } else {
        Outcome::Done
    })
}
