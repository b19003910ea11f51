//! Refreshing feeds: fetch several at a time, keep what each gives in the
//! store (one transaction per feed), and report feed by feed.

use std::sync::{Arc, Mutex};

use super::fetch::{FetchLimits, load_url};
use super::store::lock;
use super::store::write::prepare_batch;
use super::{Article, Store};

/// Feeds fetched at the same time.
pub const WORKERS: usize = 8;

/// What became of one feed.
#[derive(Debug)]
pub enum FeedResult {
    /// Fetched and stored: the articles not seen before, how many the feed
    /// listed, and how its text was decoded when not plain UTF-8.
    Fetched {
        url: String,
        /// The new articles, with their ids in the store.
        fresh: Vec<(i64, Article)>,
        listed: usize,
        note: Option<String>,
    },
    /// Not fetched or not stored, in one line that names the feed.
    Failed { url: String, error: String },
}

/// The feeds a refresh covers: the URLs given, the configured ones and the
/// store's subscriptions, each once, in that order.
pub fn feed_list(given: &[String], configured: &[String], store: &Store) -> Vec<String> {
    let subscribed = store.subscriptions().unwrap_or_default();
    let mut seen = std::collections::HashSet::new();
    given
        .iter()
        .chain(configured)
        .chain(&subscribed)
        .filter(|u| seen.insert(u.as_str()))
        .cloned()
        .collect()
}

fn failed(url: &str, error: String) -> FeedResult {
    let error = if error.contains(url) {
        error
    } else {
        format!("{url}: {error}")
    };
    FeedResult::Failed {
        url: url.to_string(),
        error,
    }
}

/// Refresh `urls` into `store`, [`WORKERS`] at a time. `report` is called
/// once per feed, from the worker threads; when it returns false the
/// refresh stops after the feeds in flight.
pub fn refresh(
    store: &Arc<Mutex<Store>>,
    urls: &[String],
    limits: &FetchLimits,
    report: &(dyn Fn(FeedResult) -> bool + Sync),
) {
    crate::parallel::for_each(urls.len(), WORKERS, |i| {
        report(refresh_one(store, &urls[i], limits))
    });
}

fn refresh_one(store: &Arc<Mutex<Store>>, url: &str, limits: &FetchLimits) -> FeedResult {
    match load_url(url, limits) {
        Ok((articles, note)) => {
            let listed = articles.len();
            // facts and folding here, on the worker: the store waits for nothing
            let at = super::store::now();
            let prepared = prepare_batch(articles, at);
            match lock(store).save_fetch(url, prepared) {
                Ok(fresh) => FeedResult::Fetched {
                    url: url.to_string(),
                    fresh,
                    listed,
                    note,
                },
                Err(e) => failed(url, e.to_string()),
            }
        }
        Err(e) => {
            let error = e.to_string();
            // the feed's stored articles stay; the error is remembered
            let _ = lock(store).record_error(url, &error);
            failed(url, error)
        }
    }
}
