//! `khabar import-opml FILE` and `khabar refresh [URL...]`: subscriptions
//! and the store, from the command line (cron jobs, scripts).

use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use super::{CommandError, Outcome};
use crate::config::Config;
use crate::corpus::fetch::is_url;
use crate::corpus::opml::parse_opml;
use crate::corpus::refresh::{FeedResult, FullText, Options, feed_list, refresh_with};
use crate::corpus::{Store, read_text};
use crate::report::say;
use crate::text::safety::value;

/// Subscribe to every feed of an OPML file.
pub fn import_opml(path: &Path) -> Result<Outcome, CommandError> {
    let name = path.to_string_lossy();
    let (text, _) = read_text(&name)?;
    let (feeds, skipped) = parse_opml(&name, &text)?;
    let store = Store::open_default()?;
    let mut added = 0;
    for f in &feeds {
        added += store.subscribe(&f.url)? as usize;
    }
    println!(
        "{}: {added} feeds subscribed, {} already were{}",
        value(&path.to_string_lossy()),
        feeds.len() - added,
        if skipped > 0 {
            format!(", {skipped} skipped (not http(s) URLs)")
        } else {
            String::new()
        }
    );
    Ok(Outcome::Done)
}

/// Fetch the feeds into the store; one line per feed, then a summary.
/// A feed that failed is said on stderr and makes the outcome
/// [`Outcome::SomeFailed`]; the others are kept.
pub fn refresh_command(given: &[String], full_text: bool) -> Result<Outcome, CommandError> {
    if let Some(bad) = given.iter().find(|u| !is_url(u)) {
        return Err(CommandError::Usage(format!(
            "{bad:?} is not an http(s) URL"
        )));
    }
    let config = Config::load_or_default(None)?;
    let store = Store::open_default()?;
    let urls = feed_list(given, &config.feeds, &store);
    if urls.is_empty() {
        return Err(CommandError::Usage(
            "no feeds: give URLs, list them as feeds = [...] in the config, or use `khabar import-opml FILE`".into(),
        ));
    }
    let start = Instant::now();
    let store = Arc::new(Mutex::new(store));
    let totals = Mutex::new((0usize, 0usize));
    let options = Options {
        limits: config.fetch_limits(),
        full_text: if full_text {
            config.full_text
        } else {
            FullText::Never
        },
        per_feed: if full_text {
            config.full_text_feeds.clone()
        } else {
            Vec::new()
        },
    };
    let report = |result| {
        let mut t = totals.lock().unwrap_or_else(|e| e.into_inner());
        match result {
            FeedResult::Fetched {
                url,
                fresh,
                listed,
                note,
                pages,
            } => {
                t.0 += fresh.len();
                let whole = if pages.fetched + pages.failed.len() > 0 {
                    format!(
                        ", {} whole texts fetched{}{}",
                        pages.fetched,
                        if pages.completed.is_empty() {
                            String::new()
                        } else {
                            format!(" ({} in place of summaries)", pages.completed.len())
                        },
                        if pages.failed.is_empty() {
                            String::new()
                        } else {
                            format!(", {} pages failed (summaries kept)", pages.failed.len())
                        }
                    )
                } else {
                    String::new()
                };
                println!("{}: {} new of {listed}{whole}", value(&url), fresh.len());
                if let Some(n) = note {
                    say(&n);
                }
                for why in &pages.failed {
                    say(&format!(
                        "{why} (its summary is kept; tried again at the next refresh)"
                    ));
                }
            }
            FeedResult::Failed { error, .. } => {
                t.1 += 1;
                say(&error);
            }
        }
        true
    };
    refresh_with(&store, &urls, &options, &report, &|_| {});
    let (fresh, failed) = *totals.lock().unwrap_or_else(|e| e.into_inner());
    println!(
        "{fresh} new articles from {} feeds in {:.2} s{}",
        urls.len() - failed,
        start.elapsed().as_secs_f64(),
        if failed > 0 {
            format!(", {failed} failed")
        } else {
            String::new()
        }
    );
    Ok(if failed > 0 {
        Outcome::SomeFailed
    } else {
        Outcome::Done
    })
}

/// `khabar feeds [--json]`: every feed, one line each (tab-separated: URL,
/// title, unread, total, last fetch in UTC, last error), subscribed ones
/// first; or a JSON array.
pub fn list(json: bool) -> Result<Outcome, CommandError> {
    let store = Store::open_default()?;
    let feeds = store.feed_summaries()?;
    let mut out = String::new();
    if json {
        out = super::to_json(&feeds);
    } else {
        for f in &feeds {
            let fetched = f
                .fetched_at
                .and_then(|t| chrono::DateTime::from_timestamp(t, 0))
                .map_or_else(
                    || "never".to_string(),
                    |d| d.format("%Y-%m-%d %H:%M").to_string(),
                );
            out.push_str(&format!(
                "{}\t{}\t{}\t{}\t{}\t{}{}\n",
                value(&f.url),
                value(f.title.as_deref().unwrap_or("")),
                f.unread,
                f.total,
                fetched,
                value(f.error.as_deref().unwrap_or("")),
                if f.subscribed {
                    ""
                } else {
                    "\t(not subscribed)"
                }
            ));
        }
    }
    super::write_stdout(out.as_bytes())?;
    Ok(Outcome::Done)
}

/// `khabar remove URL [--purge]`: stop following a feed; its articles stay
/// readable, unless `purge` removes them with it.
pub fn remove(url: &str, purge: bool) -> Result<Outcome, CommandError> {
    let mut store = Store::open_default()?;
    if !store.knows_feed(url)? {
        return Err(CommandError::Usage(format!(
            "{}: no such feed (khabar feeds lists them)",
            value(url)
        )));
    }
    let was = store.unsubscribe(url)?;
    if purge {
        let n = store.purge_feed(url)?;
        println!("{}: removed, with its {n} articles", value(url));
    } else if was {
        println!(
            "{}: unsubscribed (its articles stay; --purge removes them)",
            value(url)
        );
    } else {
        println!("{}: was not subscribed", value(url));
    }
    Ok(Outcome::Done)
}
