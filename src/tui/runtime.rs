//! The browser's work in the background, and the effects it runs: files
//! read and feeds fetched on threads of their own, facts extracted on
//! another, read marks written by a third. Each sends what it finds to the
//! app's inbox as a [`Msg`]; the app asks for work with [`Effect`]s.

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

use crate::corpus::fetch::FetchLimits;
use crate::corpus::refresh::{FeedResult, refresh};
use crate::corpus::store::lock;
use crate::corpus::{Store, load_file};
use crate::facts::extract;

use super::msg::{Arrival, Effect, Msg};

/// What the browser opens besides what it was given in memory.
#[derive(Clone, Debug, Default)]
pub struct Sources {
    /// Article files, read in the background.
    pub files: Vec<PathBuf>,
    /// Every feed: their stored articles show first, `R` refreshes them all.
    pub feeds: Vec<String>,
    /// The feeds fetched at once.
    pub refresh_now: Vec<String>,
}

/// The threads working for the browser.
pub struct Runtime {
    inbox: Sender<Msg>,
    store: Arc<Mutex<Store>>,
    read_keys: Arc<HashSet<String>>,
    limits: FetchLimits,
    feeds: Vec<String>,
    facts: Sender<(usize, String)>,
    read_marks: Option<Sender<(String, bool)>>,
    writer: Option<JoinHandle<()>>,
}

impl Runtime {
    /// Start the facts extractor and the read-mark writer; messages go to
    /// `inbox`.
    pub fn start(store: Store, inbox: Sender<Msg>, limits: FetchLimits) -> Runtime {
        let read_keys = Arc::new(store.read_keys().unwrap_or_default());
        let store = Arc::new(Mutex::new(store));
        let (facts, jobs) = channel::<(usize, String)>();
        {
            let inbox = inbox.clone();
            std::thread::spawn(move || {
                for (index, text) in jobs {
                    let facts = Box::new(extract(&text));
                    if inbox.send(Msg::FactsReady { index, facts }).is_err() {
                        return;
                    }
                }
            });
        }
        // read marks are written by a thread of their own: keys never wait
        // on the disk
        let (read_marks, marks) = channel::<(String, bool)>();
        let writer = {
            let store = Arc::clone(&store);
            let inbox = inbox.clone();
            std::thread::spawn(move || write_marks(&store, marks, &inbox))
        };
        Runtime {
            inbox,
            store,
            read_keys,
            limits,
            feeds: Vec::new(),
            facts,
            read_marks: Some(read_marks),
            writer: Some(writer),
        }
    }

    /// Is the article with `key` marked read in the store?
    pub fn is_read(&self, key: &str) -> bool {
        self.read_keys.contains(key)
    }

    /// Open `sources` in the background: the stored articles of the feeds
    /// first (shown even offline), then the feeds to fetch now, then the
    /// files, one message per file.
    pub fn open(&mut self, sources: Sources) {
        self.feeds = sources.feeds.clone();
        if !sources.files.is_empty() {
            let _ = self.inbox.send(Msg::Loading {
                files: sources.files.len(),
            });
        }
        if !sources.refresh_now.is_empty() {
            let _ = self.inbox.send(Msg::Refreshing {
                feeds: sources.refresh_now.len(),
            });
        }
        let store = Arc::clone(&self.store);
        let read_keys = Arc::clone(&self.read_keys);
        let inbox = self.inbox.clone();
        let limits = self.limits.clone();
        std::thread::spawn(move || {
            let arrival = |article: crate::corpus::Article, fresh| Arrival {
                read: read_keys.contains(&article.key()),
                article,
                fresh,
            };
            if !sources.feeds.is_empty() {
                let stored = lock(&store).articles(&sources.feeds);
                let msg = match stored {
                    Ok(list) => {
                        Msg::Articles(list.into_iter().map(|a| arrival(a, false)).collect())
                    }
                    Err(e) => Msg::Problem(e.to_string()),
                };
                if inbox.send(msg).is_err() {
                    return;
                }
            }
            if !sources.refresh_now.is_empty() {
                start_refresh(
                    Arc::clone(&store),
                    sources.refresh_now,
                    Arc::clone(&read_keys),
                    limits,
                    inbox.clone(),
                );
            }
            for f in &sources.files {
                let mut msgs = Vec::new();
                match load_file(f) {
                    Ok((articles, warning)) => {
                        msgs.extend(warning.map(Msg::Problem));
                        msgs.push(Msg::Articles(
                            articles.into_iter().map(|a| arrival(a, false)).collect(),
                        ));
                    }
                    Err(e) => msgs.push(Msg::Problem(e.to_string())),
                }
                msgs.push(Msg::FileDone);
                if !msgs.into_iter().all(|m| inbox.send(m).is_ok()) {
                    return;
                }
            }
            if !sources.files.is_empty() {
                let _ = inbox.send(Msg::LoadDone);
            }
        });
    }

    /// Run one effect; false for [`Effect::Quit`].
    pub fn run(&mut self, effect: Effect) -> bool {
        match effect {
            Effect::Quit => return false,
            Effect::ExtractFacts { index, text } => {
                let _ = self.facts.send((index, text));
            }
            Effect::SaveRead { key, read } => {
                if let Some(tx) = &self.read_marks {
                    let _ = tx.send((key, read));
                }
            }
            Effect::Refresh => start_refresh(
                Arc::clone(&self.store),
                self.feeds.clone(),
                Arc::clone(&self.read_keys),
                self.limits.clone(),
                self.inbox.clone(),
            ),
        }
        true
    }

    /// Wait for the read marks sent so far to reach the store.
    pub fn finish(&mut self) {
        self.read_marks = None;
        if let Some(w) = self.writer.take() {
            let _ = w.join();
        }
    }
}

impl Drop for Runtime {
    fn drop(&mut self) {
        self.finish();
    }
}

fn write_marks(store: &Mutex<Store>, marks: Receiver<(String, bool)>, inbox: &Sender<Msg>) {
    for (key, read) in marks {
        if let Err(e) = lock(store).set_read(&key, read) {
            let _ = inbox.send(Msg::Problem(e.to_string()));
        }
    }
}

/// Refresh `urls` on a thread of their own: the articles not stored before
/// come as fresh, then one `FeedDone` per feed and `RefreshDone`.
fn start_refresh(
    store: Arc<Mutex<Store>>,
    urls: Vec<String>,
    read_keys: Arc<HashSet<String>>,
    limits: FetchLimits,
    inbox: Sender<Msg>,
) {
    std::thread::spawn(move || {
        refresh(&store, &urls, &limits, &|result| {
            let msgs = match result {
                FeedResult::Fetched { fresh, note, .. } => {
                    let articles = fresh
                        .into_iter()
                        .map(|article| Arrival {
                            read: read_keys.contains(&article.key()),
                            article,
                            fresh: true,
                        })
                        .collect();
                    let mut msgs: Vec<Msg> = note.map(Msg::Problem).into_iter().collect();
                    msgs.push(Msg::Articles(articles));
                    msgs.push(Msg::FeedDone { error: None });
                    msgs
                }
                FeedResult::Failed { error, .. } => vec![Msg::FeedDone { error: Some(error) }],
            };
            msgs.into_iter().all(|m| inbox.send(m).is_ok())
        });
        let _ = inbox.send(Msg::RefreshDone);
    });
}
