//! `khabar add PATH_OR_URL...`: store articles once (files, directories,
//! feeds, pages), with their facts and search index; the URLs of feeds are
//! subscribed. A progress bar on a terminal; `added N, unchanged M, failed
//! K` on stderr at the end.

use std::io::IsTerminal;
use std::sync::atomic::AtomicBool;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::{CommandError, Outcome};
use crate::config::Config;
use crate::corpus::Store;
use crate::corpus::ingest::{self, Event};
use crate::report::say;

/// Run the command.
pub fn run(sources: &[String]) -> Result<Outcome, CommandError> {
    if sources.is_empty() {
        return Err(CommandError::Usage(
            "give the files, directories or URLs to add".into(),
        ));
    }
    let config = Config::load_or_default(None)?;
    let mut store = Store::open_default()?;
    let bar = if std::io::stderr().is_terminal() {
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
        bar.set_style(
            ProgressStyle::with_template("{spinner} {pos}/{len} sources {wide_bar} {eta}")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        bar.enable_steady_tick(Duration::from_millis(120));
        bar
    } else {
        ProgressBar::hidden()
    };
    let opts = ingest::Options {
        limits: config.fetch_limits(),
        ..ingest::Options::default()
    };
    let events = |e: Event| match e {
        Event::Progress { done, total } => {
            if let Some(t) = total {
                bar.set_length(t as u64);
            }
            bar.set_position(done as u64);
        }
        Event::Problem(p) => bar.suspend(|| say(&p)),
        Event::Subscribed(u) => bar.suspend(|| say(&format!("subscribed to {u}"))),
    };
    let report = ingest::ingest(&mut store, sources, &opts, &events, &AtomicBool::new(false));
    bar.finish_and_clear();
    let report = report?;
    crate::report::line(&format!(
        "added {}, unchanged {}, failed {}",
        report.added, report.unchanged, report.failed
    ));
    Ok(if report.failed > 0 {
        Outcome::SomeFailed
    } else {
        Outcome::Done
    })
}
