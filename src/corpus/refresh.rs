//! Refreshing feeds: fetch several at a time, read each item's page for its
//! whole text when the feed gives a summary, keep what each feed gives in
//! the store (one transaction per feed), and report feed by feed.
//!
//! Politeness and bounds: every request of a refresh (feeds and pages)
//! takes a slot, at most [`PER_HOST`] at once to one host and
//! [`PAGES_AT_ONCE`] pages in all; a page is fetched once a refresh, with
//! the limits of a feed (time, size, redirects); an item stored with its
//! whole text is never fetched again, one whose page failed is tried again
//! at later refreshes ([`MAX_TRIES`] in all). A feed on the internet
//! reaches public addresses only (see [`Reach`]).

use std::collections::HashSet;
use std::sync::{Arc, Mutex};

use super::extract::{Page, extract};
use super::fetch::{FetchError, FetchLimits, Reach, fetch_reaching, reach_of};
use super::hosts::HostSlots;
use super::load::{decode_with, parse_document};
use super::store::full_text::{FullTextState, Item, Known};
use super::store::lock;
use super::store::write::{Prepared, batch_dates};
use super::{Article, LoadError, Store};
use crate::text::BlockKind;

/// Feeds fetched at the same time.
pub const WORKERS: usize = 8;

/// Requests open at once to one host.
pub const PER_HOST: usize = 2;

/// Pages fetched at once, in all (each feed's are fetched by as many).
pub const PAGES_AT_ONCE: usize = 4;

/// A page that failed this many times is not asked for again.
pub const MAX_TRIES: u32 = 5;

/// The most pages of one feed a refresh asks for: a feed's first refresh
/// (hundreds of items) has the rest of its pages asked for at the next ones.
pub const PAGES_PER_FEED: usize = 100;

/// A feed item with fewer words than this is a summary (`auto`).
pub const SUMMARY_WORDS: usize = 120;

/// When a refresh fetches a feed item's page for its whole text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum FullText {
    /// When the feed's own text is short (a summary).
    #[default]
    Auto,
    Always,
    Never,
}

impl FullText {
    pub fn parse(s: &str) -> Option<FullText> {
        match s.trim() {
            "auto" => Some(FullText::Auto),
            "always" => Some(FullText::Always),
            "never" => Some(FullText::Never),
            _ => None,
        }
    }
}

/// How a refresh goes.
#[derive(Clone, Debug, Default)]
pub struct Options {
    pub limits: FetchLimits,
    /// The mode of every feed, and of some feeds on their own.
    pub full_text: FullText,
    pub per_feed: Vec<(String, FullText)>,
}

impl Options {
    fn mode(&self, feed: &str) -> FullText {
        self.per_feed
            .iter()
            .find(|(u, _)| u == feed)
            .map_or(self.full_text, |(_, m)| *m)
    }
}

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
        /// What its items' pages gave.
        pages: Pages,
    },
    /// Not fetched or not stored, in one line that names the feed.
    Failed { url: String, error: String },
}

/// What the pages of a feed's items gave in one refresh.
#[derive(Debug, Default)]
pub struct Pages {
    /// Pages fetched and read.
    pub fetched: usize,
    /// Stored articles whose summary gave way to their whole text (new ids).
    pub completed: Vec<(i64, Article)>,
    /// Why each page that failed did (one line, naming the page).
    pub failed: Vec<String>,
}

/// Something a refresh says while it runs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Progress {
    /// `done` of `total` pages of `feed` read (or failed).
    Pages {
        feed: String,
        done: usize,
        total: usize,
    },
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

/// Refresh `urls` into `store` with the default options (whole texts
/// `auto`) and `limits`.
pub fn refresh(
    store: &Arc<Mutex<Store>>,
    urls: &[String],
    limits: &FetchLimits,
    report: &(dyn Fn(FeedResult) -> bool + Sync),
) {
    let options = Options {
        limits: limits.clone(),
        ..Options::default()
    };
    refresh_with(store, urls, &options, report, &|_| {});
}

/// Refresh `urls` into `store`, [`WORKERS`] feeds at a time. `report` is
/// called once per feed, from the worker threads; when it returns false the
/// refresh stops after the feeds in flight. `progress` hears of the pages
/// as they are read.
pub fn refresh_with(
    store: &Arc<Mutex<Store>>,
    urls: &[String],
    options: &Options,
    report: &(dyn Fn(FeedResult) -> bool + Sync),
    progress: &(dyn Fn(Progress) + Sync),
) {
    let run = Run {
        store,
        options,
        slots: HostSlots::new(PER_HOST, WORKERS + PAGES_AT_ONCE),
        pages: HostSlots::new(PAGES_AT_ONCE, PAGES_AT_ONCE),
        seen: Mutex::new(HashSet::new()),
        unreachable: Mutex::new(std::collections::HashMap::new()),
        progress,
    };
    crate::parallel::for_each(urls.len(), WORKERS, |i| report(run.feed(&urls[i])));
}

/// One refresh's shared state.
struct Run<'a> {
    store: &'a Arc<Mutex<Store>>,
    options: &'a Options,
    /// Every request's slot (per host).
    slots: HostSlots,
    /// Pages in flight, in all (one "host").
    pages: HostSlots,
    /// The pages asked for in this refresh.
    seen: Mutex<HashSet<String>>,
    /// Hosts that could not be reached in this refresh (no address, no
    /// connection, no answer in time, TLS), and why: their other pages
    /// are not asked for.
    unreachable: Mutex<std::collections::HashMap<String, String>>,
    progress: &'a (dyn Fn(Progress) + Sync),
}

/// What to do with a feed's item.
enum Plan {
    /// Store it as the feed gives it (and say so when its text is whole).
    AsIs(Option<FullTextState>),
    /// Fetch its page; replacing the stored summary `Some(id)`.
    Fetch(Option<i64>),
    /// Already stored, nothing new to fetch.
    Known,
}

impl Run<'_> {
    fn feed(&self, url: &str) -> FeedResult {
        let read = {
            let _slot = self.slots.take(url);
            load_feed(url, &self.options.limits)
        };
        let (articles, note) = match read {
            Ok(r) => r,
            Err(e) => {
                let error = e.to_string();
                // the feed's stored articles stay; the error is remembered
                let _ = lock(self.store).record_error(url, &error);
                return failed(url, error);
            }
        };
        let listed = articles.len();
        let mode = self.options.mode(url);
        let plans = self.plan(&articles, mode);
        let reach = if plans.iter().any(|p| matches!(p, Plan::Fetch(_))) {
            reach_of(url)
        } else {
            Reach::Public
        };
        // the pages, a few at a time
        let wanted: Vec<usize> = (0..articles.len())
            .filter(|&i| matches!(plans[i], Plan::Fetch(_)))
            .filter(|&i| {
                let link = articles[i].url.clone().unwrap_or_default();
                self.seen
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .insert(link)
            })
            .collect();
        let done = std::sync::atomic::AtomicUsize::new(0);
        let fetched: Vec<Result<Page, String>> =
            crate::parallel::map(wanted.len(), PAGES_AT_ONCE.min(wanted.len().max(1)), |k| {
                let link = articles[wanted[k]].url.as_deref().unwrap_or("");
                let page = self.page(link, reach);
                let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
                (self.progress)(Progress::Pages {
                    feed: url.to_string(),
                    done: n,
                    total: wanted.len(),
                });
                page
            });
        let mut pages = Pages::default();
        let mut by_item: Vec<Option<Result<Page, String>>> =
            (0..articles.len()).map(|_| None).collect();
        for (k, page) in wanted.iter().zip(fetched) {
            by_item[*k] = Some(page);
        }
        // facts and folding here, on the worker: the store waits for nothing
        // an item without a date sorts after the dated ones, in the feed's
        // order (see `write::prepare_batch`)
        let dates = batch_dates(&articles, super::store::now());
        let mut items = Vec::with_capacity(articles.len());
        for (((article, plan), page), at) in articles.into_iter().zip(plans).zip(by_item).zip(dates)
        {
            match (plan, page) {
                (Plan::Known, _) => {}
                (Plan::AsIs(state), _) => items.push(Item {
                    prepared: Prepared::new(article, at),
                    full_text: state.map(|s| (s, None)),
                    replaces: None,
                }),
                // fetched by another feed in this refresh
                (Plan::Fetch(replaces), None) => {
                    if replaces.is_none() {
                        items.push(Item {
                            prepared: Prepared::new(article, at),
                            full_text: None,
                            replaces: None,
                        })
                    }
                }
                (Plan::Fetch(replaces), Some(Ok(page))) => {
                    pages.fetched += 1;
                    items.push(Item {
                        prepared: Prepared::new(whole(article, &page), at),
                        full_text: Some((FullTextState::Fetched, None)),
                        replaces,
                    });
                }
                (Plan::Fetch(replaces), Some(Err(why))) => {
                    pages.failed.push(why.clone());
                    match replaces {
                        // the summary is stored already: its try is counted
                        Some(id) => {
                            let _ = lock(self.store).record_full_text(
                                id,
                                FullTextState::Failed,
                                Some(&why),
                            );
                        }
                        None => items.push(Item {
                            prepared: Prepared::new(article, at),
                            full_text: Some((FullTextState::Failed, Some(why))),
                            replaces: None,
                        }),
                    }
                }
            }
        }
        match lock(self.store).save_feed(url, items) {
            Ok(saved) => {
                pages.completed = saved.completed;
                FeedResult::Fetched {
                    url: url.to_string(),
                    fresh: saved.fresh,
                    listed,
                    note,
                    pages,
                }
            }
            Err(e) => failed(url, e.to_string()),
        }
    }

    /// What to do with each item of a feed in `mode`.
    fn plan(&self, articles: &[Article], mode: FullText) -> Vec<Plan> {
        let links: Vec<&str> = articles.iter().filter_map(|a| a.url.as_deref()).collect();
        let known = lock(self.store).known_links(&links).unwrap_or_default();
        let mut asked = 0;
        articles
            .iter()
            .map(|a| {
                let link = a.url.as_deref().filter(|l| super::fetch::is_url(l));
                let stored: Option<&Known> = a.url.as_deref().and_then(|l| known.get(l));
                let summary = body_words(a) < SUMMARY_WORDS;
                let mut wants = link.is_some()
                    && match mode {
                        FullText::Never => false,
                        FullText::Always => true,
                        FullText::Auto => summary,
                    };
                let done = stored.is_some_and(|k| {
                    matches!(k.state, Some(FullTextState::Fetched | FullTextState::Whole))
                        || k.tries >= MAX_TRIES
                });
                if wants && !done {
                    // past the feed's share of this refresh: stored as it
                    // is (no try counted), asked for at a later one
                    asked += 1;
                    if asked > PAGES_PER_FEED {
                        wants = false;
                        if stored.is_none() {
                            return Plan::AsIs(None);
                        }
                    }
                }
                match (stored, wants) {
                    (None, false) => Plan::AsIs(
                        (mode != FullText::Never && !summary).then_some(FullTextState::Whole),
                    ),
                    (None, true) => Plan::Fetch(None),
                    (Some(k), true) => match k.state {
                        Some(FullTextState::Fetched | FullTextState::Whole) => Plan::Known,
                        Some(FullTextState::Failed) if k.tries >= MAX_TRIES => Plan::Known,
                        _ => Plan::Fetch(Some(k.id)),
                    },
                    (Some(_), false) => Plan::Known,
                }
            })
            .collect()
    }

    /// The article of the page at `link`, or why not (one line naming it).
    fn page(&self, link: &str, reach: Reach) -> Result<Page, String> {
        let host = super::hosts::host_of(link);
        let dead = |this: &Self| {
            this.unreachable
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .get(&host)
                .map(|why| format!("{link}: not asked: {why}"))
        };
        if let Some(why) = dead(self) {
            return Err(why);
        }
        let _all = self.pages.take("pages");
        let _host = self.slots.take(link);
        if let Some(why) = dead(self) {
            return Err(why);
        }
        let limits = &self.options.limits;
        let started = std::time::Instant::now();
        let (bytes, charset, final_url) = fetch_reaching(link, limits, reach).map_err(|e| {
            if matches!(
                e,
                FetchError::HostNotFound { .. }
                    | FetchError::ConnectionFailed { .. }
                    | FetchError::Timeout { .. }
                    | FetchError::Tls { .. }
            ) {
                let why = e.to_string();
                let why = why.strip_prefix(&format!("{link}: ")).unwrap_or(&why);
                self.unreachable
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .insert(host.clone(), format!("its host failed before ({why})"));
            }
            page_error(&e)
        })?;
        let (text, _) =
            decode_with(link, bytes, charset.as_deref()).map_err(|e| format!("{link}: {e}"))?;
        // reading the page counts against the fetch's time, like a feed's
        let left = limits.total.saturating_sub(started.elapsed());
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let _ = tx.send(extract(&text, Some(&final_url)));
        });
        let page = rx
            .recv_timeout(left)
            .map_err(|_| format!("{link}: not read within {} s", limits.total.as_secs()))?;
        if page.words() == 0 {
            return Err(format!("{link}: no article found in the page"));
        }
        Ok(page)
    }
}

/// A page's failure in one line.
fn page_error(e: &FetchError) -> String {
    e.to_string()
}

/// How many words an article's own text has (not its link list).
pub fn body_words(a: &Article) -> usize {
    a.paragraphs
        .iter()
        .zip(&a.kinds)
        .filter(|(_, k)| !matches!(k, BlockKind::LinkRef | BlockKind::Image))
        .map(|(r, _)| a.text[r.clone()].split_whitespace().count())
        .sum()
}

/// The item `item` with its page's article as its text: the feed's title,
/// source, date and link; the summary first (as the lead) unless the
/// article begins with it; then the page's blocks and links.
pub fn whole(item: Article, page: &Page) -> Article {
    let summary: Vec<(BlockKind, String)> = item
        .paragraphs
        .iter()
        .zip(&item.kinds)
        .filter(|(_, k)| !matches!(k, BlockKind::LinkRef))
        .map(|(r, _)| (BlockKind::Lead, item.text[r.clone()].to_string()))
        .collect();
    let first = page
        .blocks
        .iter()
        .find(|b| b.kind != BlockKind::Image)
        .map(|b| fold_words(&b.plain()))
        .unwrap_or_default();
    let summary_text = fold_words(
        &summary
            .iter()
            .map(|(_, t)| t.as_str())
            .collect::<Vec<_>>()
            .join(" "),
    );
    let lead_said = summary_text.is_empty()
        || first.starts_with(&summary_text)
        || summary_text.starts_with(&first)
        || page
            .blocks
            .iter()
            .take(3)
            .any(|b| fold_words(&b.plain()) == summary_text);
    let mut links = page.links.clone();
    links.extend(item.extra.enclosures.iter().map(|e| e.url.clone()));
    let refs = super::article::numbered_links(&links);
    let lead: Vec<(BlockKind, &str)> = if lead_said {
        Vec::new()
    } else {
        summary.iter().map(|(k, t)| (*k, t.as_str())).collect()
    };
    let mut a = Article::from_blocks(
        item.path.clone(),
        &item.title,
        lead.into_iter()
            .chain(page.blocks.iter().map(|b| (b.kind, b.text.as_str())))
            .chain(refs.iter().map(|r| (BlockKind::LinkRef, r.as_str()))),
    );
    a.source = item.source.clone();
    a.date = item.date.clone().or_else(|| page.date.clone());
    a.published = item.published.or(page.published);
    a.url = item.url.clone();
    a.extra = item.extra;
    if a.extra.author.is_none() {
        a.extra.author = page.byline.clone();
    }
    if a.extra.image.is_none() {
        a.extra.image = page.image.clone();
    }
    if a.extra.lang.is_none() {
        a.extra.lang = page.lang.clone();
    }
    a
}

/// Words, lowercased, joined by single spaces: to compare a summary with a
/// paragraph.
fn fold_words(s: &str) -> String {
    s.split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Fetch and read a feed: its articles, and how it was decoded.
fn load_feed(url: &str, limits: &FetchLimits) -> Result<(Vec<Article>, Option<String>), LoadError> {
    let started = std::time::Instant::now();
    let (bytes, charset, _) = fetch_reaching(url, limits, Reach::Any)?;
    let left = limits.total.saturating_sub(started.elapsed());
    let (tx, rx) = std::sync::mpsc::channel();
    let name = url.to_string();
    std::thread::spawn(move || {
        let read = decode_with(&name, bytes, charset.as_deref())
            .and_then(|(text, note)| Ok((parse_document(&name, &text)?, note)));
        let _ = tx.send(read);
    });
    match rx.recv_timeout(left) {
        Ok(Ok((articles, note))) => Ok((articles, note)),
        Ok(Err(e)) => Err(e),
        Err(_) => Err(FetchError::ReadTimeout {
            url: url.to_string(),
            seconds: limits.total.as_secs_f32(),
        }
        .into()),
    }
}
