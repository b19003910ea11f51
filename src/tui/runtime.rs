//! The browser's work in the background, and the effects it runs: the
//! paths given stored (ingest), feeds refreshed, searches and actor
//! filters answered, facts found again by a newer extractor, read marks
//! written, each on a thread of its own with its own connection to the
//! store. Each sends what it finds to the app's inbox as a [`Msg`]; the
//! app asks for work with [`Effect`]s.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

use crate::corpus::fetch::FetchLimits;
use crate::corpus::ingest::{self, Event};
use crate::corpus::refresh::{FeedResult, FullText, Options, Progress, refresh_with};
use crate::corpus::store::find::{Scope, SearchOptions};
use crate::corpus::store::{Handle, Store};
use crate::search::Query;

use super::msg::{Effect, Msg};

/// What the browser opens besides the store itself.
#[derive(Clone, Debug, Default)]
pub struct Sources {
    /// Paths and URLs given: stored, then listed alone.
    pub given: Vec<String>,
    /// Every feed (`R` refreshes them all).
    pub feeds: Vec<String>,
    /// The feeds fetched at once.
    pub refresh_now: Vec<String>,
}

/// The threads working for the browser.
pub struct Runtime {
    inbox: Sender<Msg>,
    /// The real store (the one on disk, or in memory when it cannot be used).
    store: Handle,
    limits: FetchLimits,
    /// Feed items' whole text: the config's mode, and its feeds' own.
    full_text: (FullText, Vec<(String, FullText)>),
    feeds: Vec<String>,
    read_marks: Option<Sender<(i64, bool)>>,
    writer: Option<JoinHandle<()>>,
    /// Set to stop the search running.
    search_stop: Option<Arc<AtomicBool>>,
    /// Set to stop everything at exit.
    stop: Arc<AtomicBool>,
}

impl Runtime {
    /// When refreshes fetch feed items' pages (the config's `full_text`).
    pub fn with_full_text(mut self, mode: FullText, per_feed: Vec<(String, FullText)>) -> Runtime {
        self.full_text = (mode, per_feed);
        self
    }

    /// Start the read-mark writer over `store`; messages go to `inbox`.
    pub fn start(store: Handle, inbox: Sender<Msg>, limits: FetchLimits) -> Runtime {
        // read marks are written by a thread of their own: keys never wait
        // on the disk
        let (read_marks, marks) = channel::<(i64, bool)>();
        let writer = {
            let store = store.clone();
            let inbox = inbox.clone();
            std::thread::spawn(move || write_marks(&store, marks, &inbox))
        };
        Runtime {
            inbox,
            store,
            limits,
            full_text: Default::default(),
            feeds: Vec::new(),
            read_marks: Some(read_marks),
            writer: Some(writer),
            search_stop: None,
            stop: Arc::new(AtomicBool::new(false)),
        }
    }

    /// Open `sources` in the background: the paths and URLs given stored
    /// and then listed, the feeds to fetch now fetched, the facts of an
    /// older extractor found again.
    pub fn open(&mut self, sources: Sources) {
        self.feeds = sources.feeds.clone();
        if !sources.refresh_now.is_empty() {
            let _ = self.inbox.send(Msg::Refreshing {
                feeds: sources.refresh_now.len(),
            });
            self.refresh(sources.refresh_now.clone());
        }
        if !sources.given.is_empty() {
            let _ = self.inbox.send(Msg::Ingesting {
                done: 0,
                total: None,
            });
            let (store, inbox, limits, stop) = (
                self.store.clone(),
                self.inbox.clone(),
                self.limits.clone(),
                Arc::clone(&self.stop),
            );
            std::thread::spawn(move || {
                let opts = ingest::Options {
                    limits,
                    subscribe: false,
                    threads: crate::parallel::cores(),
                    collect_ids: true,
                };
                let events = |e: Event| {
                    let _ = inbox.send(match e {
                        Event::Progress { done, total } => Msg::Ingesting { done, total },
                        Event::Problem(p) => Msg::Problem(p),
                        Event::Subscribed(_) => return,
                    });
                };
                let result = store.open().and_then(|mut s| {
                    ingest::ingest(&mut s, &sources.given, &opts, &events, &stop)
                });
                let _ = inbox.send(match result {
                    Ok(report) => Msg::Ingested { ids: report.ids },
                    Err(e) => Msg::Problem(e.to_string()),
                });
            });
        }
        self.update_facts();
    }

    /// Facts an older extractor found are found again, a batch at a time.
    fn update_facts(&self) {
        let (store, inbox, stop) = (
            self.store.clone(),
            self.inbox.clone(),
            Arc::clone(&self.stop),
        );
        std::thread::spawn(move || {
            let Ok(mut s) = store.open() else { return };
            let total = s.stale_facts_count().unwrap_or(0);
            let mut done = 0;
            while done < total && !stop.load(Ordering::Relaxed) {
                let Ok(batch) = s.stale_facts(64) else { return };
                if batch.is_empty() {
                    break;
                }
                let found: Vec<_> =
                    crate::parallel::map(batch.len(), crate::parallel::cores(), |i| {
                        crate::facts::extract(&batch[i].2)
                    });
                let stored = s.transaction(|s| {
                    for ((id, date, _), f) in batch.iter().zip(&found) {
                        s.replace_facts(*id, *date, f)?;
                    }
                    Ok(())
                });
                if let Err(e) = stored {
                    let _ = inbox.send(Msg::Problem(e.to_string()));
                    return;
                }
                done += batch.len();
                let _ = inbox.send(Msg::FactsUpdating { done, total });
            }
        });
    }

    fn refresh(&self, urls: Vec<String>) {
        let (store, inbox) = (self.store.clone(), self.inbox.clone());
        let options = Options {
            limits: self.limits.clone(),
            full_text: self.full_text.0,
            per_feed: self.full_text.1.clone(),
        };
        std::thread::spawn(move || {
            let Ok(s) = store.open() else {
                let _ = inbox.send(Msg::RefreshDone);
                return;
            };
            let s = Arc::new(Mutex::new(s));
            // pages read, feed by feed: the status bar shows their sum
            let pages: Mutex<std::collections::HashMap<String, (usize, usize)>> =
                Default::default();
            let progress = |p: Progress| {
                let Progress::Pages { feed, done, total } = p;
                let mut pages = pages.lock().unwrap_or_else(|e| e.into_inner());
                pages.insert(feed, (done, total));
                let (done, total) = pages
                    .values()
                    .fold((0, 0), |(d, t), (d2, t2)| (d + d2, t + t2));
                let _ = inbox.send(Msg::Pages { done, total });
            };
            let report = |result| {
                let msgs = match result {
                    FeedResult::Fetched {
                        fresh, note, pages, ..
                    } => {
                        let mut msgs: Vec<Msg> = note.map(Msg::Problem).into_iter().collect();
                        msgs.push(Msg::FeedDone {
                            fresh: fresh
                                .into_iter()
                                .chain(pages.completed)
                                .map(|(id, _)| id)
                                .collect(),
                            error: None,
                            pages_failed: pages.failed,
                            pages_fetched: pages.fetched,
                        });
                        msgs
                    }
                    FeedResult::Failed { error, .. } => vec![Msg::FeedDone {
                        fresh: Vec::new(),
                        error: Some(error),
                        pages_failed: Vec::new(),
                        pages_fetched: 0,
                    }],
                };
                msgs.into_iter().all(|m| inbox.send(m).is_ok())
            };
            refresh_with(&s, &urls, &options, &report, &progress);
            let _ = inbox.send(Msg::RefreshDone);
        });
    }

    /// Run one effect; false for [`Effect::Quit`].
    pub fn run(&mut self, effect: Effect) -> bool {
        match effect {
            Effect::Quit => return false,
            // the terminal's: done by the loop
            Effect::Suspend | Effect::Redraw | Effect::Run(_) | Effect::Copy(_) => {}
            Effect::SaveRead { id, read } => {
                if let Some(tx) = &self.read_marks {
                    let _ = tx.send((id, read));
                }
            }
            Effect::Refresh => self.refresh(self.feeds.clone()),
            Effect::RefreshFeeds(urls) => self.refresh(urls),
            // the terminal's: done by the loop
            Effect::Pipe { .. } => {}
            Effect::StopSearch => {
                if let Some(s) = self.search_stop.take() {
                    s.store(true, Ordering::Relaxed);
                }
            }
            effect @ (Effect::Search { .. }
            | Effect::Mentioning { .. }
            | Effect::Sort { .. }
            | Effect::MarkAllRead { .. }
            | Effect::Save { .. }
            | Effect::EvaluateRules { .. }
            | Effect::CountUnread { .. }
            | Effect::SaveFeedOrder { .. }) => {
                // a new search stops the one before
                if let (Effect::Search { .. }, Some(s)) = (&effect, self.search_stop.take()) {
                    s.store(true, Ordering::Relaxed);
                }
                let stop = Arc::new(AtomicBool::new(false));
                if matches!(effect, Effect::Search { .. }) {
                    self.search_stop = Some(Arc::clone(&stop));
                }
                let inbox = self.inbox.clone();
                std::thread::spawn(move || {
                    answer(&effect, &stop, &|m| inbox.send(m).is_ok());
                });
            }
        }
        true
    }

    /// Ask the app to refresh the feeds every `every` (`reload` in the
    /// config), from now on, until khabar ends.
    pub fn reload_every(&self, every: std::time::Duration) {
        // it sleeps the whole time (no waking to look): at exit, the
        // inbox is gone and its next send ends it, or the process does
        let inbox = self.inbox.clone();
        std::thread::spawn(move || {
            loop {
                std::thread::sleep(every);
                if inbox.send(Msg::ReloadDue).is_err() {
                    return;
                }
            }
        });
    }

    /// Wait for the read marks sent so far to reach the store, and stop
    /// the work in the background.
    pub fn finish(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(s) = self.search_stop.take() {
            s.store(true, Ordering::Relaxed);
        }
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

fn write_marks(store: &Handle, marks: Receiver<(i64, bool)>, inbox: &Sender<Msg>) {
    let mut s: Option<Store> = None;
    for (id, read) in marks {
        if s.is_none() {
            s = store.open().ok();
        }
        let result = match &s {
            Some(s) => s.set_read(id, read),
            None => continue,
        };
        if let Err(e) = result {
            let _ = inbox.send(Msg::Problem(e.to_string()));
        }
    }
}

/// Answer a search or an actor filter, on the calling thread; `send` gets
/// the messages (and says false when nobody listens any more).
pub fn answer(effect: &Effect, stop: &AtomicBool, send: &(dyn Fn(Msg) -> bool + Sync)) {
    match effect {
        Effect::Search {
            generation,
            query,
            store,
        } => {
            let Some(q) = Query::new(query) else { return };
            let Ok(s) = store.open() else { return };
            let generation = *generation;
            let found = |hits| send(Msg::SearchHits { generation, hits });
            let opts = SearchOptions {
                threads: crate::parallel::cores(),
                names: false,
                first_page: 200,
            };
            match s.search(&q, &opts, stop, &found) {
                Ok(scope) if !stop.load(Ordering::Relaxed) => {
                    send(Msg::SearchDone {
                        generation,
                        titles_only: scope == Scope::Titles,
                    });
                }
                Ok(_) => {}
                Err(e) => {
                    send(Msg::Problem(e.to_string()));
                }
            }
        }
        Effect::MarkAllRead { ids, store } => {
            let done = store
                .open()
                .and_then(|mut s| s.mark_all_read(ids.as_ref().map(|i| i.as_slice())));
            send(match done {
                Ok(_) => Msg::MarkedAllRead,
                Err(e) => Msg::Problem(e.to_string()),
            });
        }
        Effect::Sort {
            generation,
            order,
            among,
            marks,
            store,
        } => {
            let ids = store
                .open()
                .and_then(|s| s.sorted(*order, among.as_ref().map(|a| a.as_slice()), marks))
                .unwrap_or_default();
            send(Msg::Sorted {
                generation: *generation,
                order: *order,
                ids,
            });
        }
        Effect::Mentioning {
            generation,
            names,
            store,
        } => {
            let ids = store
                .open()
                .and_then(|s| s.mentioning(names))
                .unwrap_or_default();
            send(Msg::Mentioning {
                generation: *generation,
                ids,
            });
        }
        Effect::Save { dir, name, text } => {
            send(match save(dir, name, text) {
                Ok(path) => Msg::Saved(path),
                Err(e) => Msg::Problem(format!("{}: {e}", dir.join(name).display())),
            });
        }
        Effect::EvaluateRules {
            generation,
            queries,
            ignore,
            store,
        } => {
            let rules: Vec<&crate::search::rules::Rule> =
                queries.iter().map(|q| &*q.rule).collect();
            let hidden: Vec<&crate::search::rules::Rule> =
                ignore.iter().map(|q| &*q.rule).collect();
            let now = crate::corpus::store::now();
            match store
                .open()
                .and_then(|s| s.evaluation(&rules, &hidden, now, stop))
            {
                Ok(e) if !stop.load(Ordering::Relaxed) => {
                    send(Msg::RulesEvaluated {
                        generation: *generation,
                        evaluation: Arc::new(e),
                    });
                }
                Ok(_) => {}
                Err(e) => {
                    send(Msg::Problem(e.to_string()));
                }
            }
        }
        Effect::CountUnread {
            generation,
            ids,
            marks,
            store,
        } => {
            if let Ok(unread) = store.open().and_then(|s| s.unread_among(ids, marks)) {
                send(Msg::UnreadCounted {
                    generation: *generation,
                    unread,
                });
            }
        }
        Effect::SaveFeedOrder { url, order, store } => {
            if let Err(e) = store
                .open()
                .and_then(|s| s.set_feed_order(url, order.name()))
            {
                send(Msg::Problem(e.to_string()));
            }
        }
        _ => {}
    }
}

/// Write `text` to `dir/name` (the directory made if need be); a name
/// already taken gets ` (2)`, ` (3)`... before its extension. Where it
/// went.
fn save(dir: &std::path::Path, name: &str, text: &str) -> std::io::Result<std::path::PathBuf> {
    std::fs::create_dir_all(dir)?;
    let (stem, ext) = match name.rsplit_once('.') {
        Some((s, e)) => (s.to_string(), format!(".{e}")),
        None => (name.to_string(), String::new()),
    };
    for n in 1..10_000 {
        let file = if n == 1 {
            format!("{stem}{ext}")
        } else {
            format!("{stem} ({n}){ext}")
        };
        let path = dir.join(file);
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(mut f) => {
                use std::io::Write;
                f.write_all(text.as_bytes())?;
                return Ok(path);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(std::io::Error::other("too many files of that name"))
}

/// [`answer`] at once, the messages returned (tests, and anything that
/// must not wait for a thread).
pub fn answer_now(effect: &Effect) -> Vec<Msg> {
    let out = Mutex::new(Vec::new());
    answer(effect, &AtomicBool::new(false), &|m| {
        out.lock().unwrap_or_else(|e| e.into_inner()).push(m);
        true
    });
    out.into_inner().unwrap_or_else(|e| e.into_inner())
}
