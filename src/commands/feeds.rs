//! `khabar import-opml FILE` and `khabar refresh [URL...]`: subscriptions
//! and the store, from the command line (cron jobs, scripts).

use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use crate::corpus::fetch::is_url;
use crate::corpus::opml::parse_opml;
use crate::corpus::refresh::{FeedResult, feed_list, refresh};
use crate::corpus::{Store, read_text};
use crate::tui::config::Config;

/// The store at the default path, or `None` once the reason is printed.
fn open_store() -> Option<Store> {
    Store::open_default()
        .map_err(|e| eprintln!("khabar: {e}"))
        .ok()
}

/// Subscribe to every feed of an OPML file. Exit code: 0, or 2 when the
/// file or the store cannot be used.
pub fn import_opml(path: &Path) -> i32 {
    let (text, _) = match read_text(&path.to_string_lossy()) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("khabar: {e}");
            return 2;
        }
    };
    let (feeds, skipped) = match parse_opml(&text) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("khabar: {}: {e}", path.display());
            return 2;
        }
    };
    let Some(store) = open_store() else {
        return 2;
    };
    let mut added = 0;
    for f in &feeds {
        match store.subscribe(&f.url) {
            Ok(true) => added += 1,
            Ok(false) => {}
            Err(e) => {
                eprintln!("khabar: {e}");
                return 2;
            }
        }
    }
    println!(
        "{}: {added} feeds subscribed, {} already were{}",
        path.display(),
        feeds.len() - added,
        if skipped > 0 {
            format!(", {skipped} skipped (not http(s) URLs)")
        } else {
            String::new()
        }
    );
    0
}

/// Fetch the feeds into the store; one line per feed, then a summary.
/// Exit code: 0, or 2 when a feed failed (the others are kept).
pub fn refresh_command(given: &[String]) -> i32 {
    if let Some(bad) = given.iter().find(|u| !is_url(u)) {
        eprintln!("khabar: {bad:?} is not an http(s) URL");
        return 2;
    }
    let config = match Config::load_or_default(None) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("khabar: config error: {e}");
            return 2;
        }
    };
    let Some(store) = open_store() else {
        return 2;
    };
    let urls = feed_list(given, &config.feeds, &store);
    if urls.is_empty() {
        eprintln!(
            "khabar: no feeds: give URLs, list them as feeds = [...] in the config, or use `khabar import-opml FILE`"
        );
        return 2;
    }
    let start = Instant::now();
    let store = Arc::new(Mutex::new(store));
    let totals = Mutex::new((0usize, 0usize));
    refresh(&store, &urls, &config.fetch_limits(), &|result| {
        let mut t = totals.lock().unwrap_or_else(|e| e.into_inner());
        match result {
            FeedResult::Fetched {
                url,
                fresh,
                listed,
                note,
            } => {
                t.0 += fresh.len();
                println!("{url}: {} new of {listed}", fresh.len());
                if let Some(n) = note {
                    eprintln!("khabar: {n}");
                }
            }
            FeedResult::Failed { error, .. } => {
                t.1 += 1;
                eprintln!("khabar: {error}");
            }
        }
        true
    });
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
    if failed > 0 { 2 } else { 0 }
}
