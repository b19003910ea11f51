//! Entering and leaving the terminal, and the event loop.
//!
//! Bidi-aware terminals (VTE, mintty, WezTerm with bidi on) would reorder
//! khabar's already-visual text a second time, so after entering the
//! alternate screen khabar sends `CSI 8 l` (BDSM: explicit mode) and
//! `CSI 1 SP k` (SCP: left-to-right), and on exit `CSI 0 SP k` and `CSI 8 h`.
//! With `--bidi terminal` it sends logical, unshaped text instead and leaves
//! the terminal's bidi on.

use std::collections::HashSet;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, mpsc};
use std::time::{Duration, Instant};

use ratatui::crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyEventKind,
};
use ratatui::crossterm::execute;

use crate::corpus::fetch::{FetchLimits, is_url};
use crate::corpus::refresh::{FeedResult, feed_list, refresh};
use crate::corpus::store::lock;
use crate::corpus::{Article, Store, collect_paths, load_file, seeds};
use crate::facts::{Facts, extract};

use super::app::App;
use super::config::{BidiMode, Config, LayoutDir};
use super::view;

/// Sent after entering the alternate screen (engine mode): explicit bidi
/// mode, left-to-right presentation.
pub const BIDI_OFF: &str = "\x1b[8l\x1b[1 k";
/// Sent on exit: default presentation, implicit bidi mode back.
pub const BIDI_RESTORE: &str = "\x1b[0 k\x1b[8h";

/// What the command line asks of the browser.
#[derive(Clone, Debug, Default)]
pub struct Options {
    pub paths: Vec<PathBuf>,
    pub layout: Option<LayoutDir>,
    pub bidi: Option<BidiMode>,
    pub config: Option<PathBuf>,
}

enum Loaded {
    Article {
        article: Box<Article>,
        read: bool,
        /// Brought by a refresh (not stored before).
        fresh: bool,
    },
    Problem(String),
    Warning(String),
    /// One file read (progress counts files; a feed gives many articles).
    FileDone,
    /// Every file read.
    Done,
    /// One feed refreshed, or why it failed.
    FeedDone {
        error: Option<String>,
    },
    RefreshDone,
}

/// Refresh `urls` on a thread of their own; articles not stored before are
/// sent as fresh, then one `FeedDone` per feed and `RefreshDone`.
fn start_refresh(
    store: Arc<Mutex<Store>>,
    urls: Vec<String>,
    read_keys: Arc<HashSet<String>>,
    limits: FetchLimits,
    tx: mpsc::Sender<Loaded>,
) {
    std::thread::spawn(move || {
        refresh(&store, &urls, &limits, &|result| {
            let mut msgs = Vec::new();
            let error = match result {
                FeedResult::Fetched { fresh, note, .. } => {
                    msgs.extend(note.map(Loaded::Warning));
                    for a in fresh {
                        let read = read_keys.contains(&a.key());
                        msgs.push(Loaded::Article {
                            article: Box::new(a),
                            read,
                            fresh: true,
                        });
                    }
                    None
                }
                FeedResult::Failed { error, .. } => {
                    msgs.push(Loaded::Problem(error.clone()));
                    Some(error)
                }
            };
            msgs.push(Loaded::FeedDone { error });
            msgs.into_iter().all(|m| tx.send(m).is_ok())
        });
        let _ = tx.send(Loaded::RefreshDone);
    });
}

/// Run the browser; returns the process exit code.
pub fn run(opts: Options) -> i32 {
    let mut config = match Config::load_or_default(opts.config.as_deref()) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("khabar: config error: {e}");
            return 2;
        }
    };
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        eprintln!(
            "khabar: the browser needs a terminal (stdin and stdout are not both one).\n\
             To print an article laid out for any terminal, use `khabar render PATH`."
        );
        return 2;
    }
    if let Some(l) = opts.layout {
        config.layout = l;
    }
    if let Some(b) = opts.bidi {
        config.bidi = b;
    }
    let _ = color_eyre::install();

    // The store: what was fetched before shows at once, offline. When it
    // cannot be opened, khabar still runs and keeps nothing.
    let mut problems = Vec::new();
    let store = Store::open_default().unwrap_or_else(|e| {
        problems.push(format!("{e}; nothing will be kept this session"));
        Store::in_memory()
    });
    let read_keys = Arc::new(store.read_keys().unwrap_or_default());

    // Articles: the seeds, or the files found under the paths (loaded in
    // the background so that the first frame never waits for the disk).
    let files = if opts.paths.is_empty() {
        Vec::new()
    } else {
        let local: Vec<PathBuf> = opts
            .paths
            .iter()
            .filter(|p| !is_url(&p.to_string_lossy()))
            .cloned()
            .collect();
        let (files, bad) = collect_paths(&local);
        problems.extend(bad);
        files
    };
    // the URLs given, the feeds of the config and the subscribed ones
    let given: Vec<String> = opts
        .paths
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .filter(|p| is_url(p))
        .collect();
    let feeds = feed_list(&given, &config.feeds, &store);
    // fetched at start: every feed, or only the URLs given
    let first_refresh = if config.refresh_on_start {
        feeds.clone()
    } else {
        given.clone()
    };
    let store = Arc::new(Mutex::new(store));
    let mut app = if opts.paths.is_empty() {
        App::new(seeds::seed_articles(), &config)
    } else {
        App::new(Vec::new(), &config)
    };
    app.apply_read_keys(&read_keys);
    app.feed_count = feeds.len();
    for p in problems.drain(..) {
        app.problem(p);
    }
    // Facts are extracted on a thread of their own, article by article.
    let (job_tx, job_rx) = mpsc::channel::<(usize, Article)>();
    let (facts_tx, facts_rx) = mpsc::channel::<(usize, Facts)>();
    std::thread::spawn(move || {
        for (i, article) in job_rx {
            if facts_tx.send((i, extract(&article))).is_err() {
                return;
            }
        }
    });
    let mut jobs = FactsJobs {
        tx: job_tx,
        sent: 0,
        done: 0,
    };
    for (i, a) in app.articles.iter().enumerate() {
        jobs.send(i, a);
    }
    let (tx, rx) = mpsc::channel();
    // Read state is written by a thread of its own: keys never wait on the disk.
    let (read_tx, read_rx) = mpsc::channel::<(String, bool)>();
    let writer = {
        let store = Arc::clone(&store);
        let tx = tx.clone();
        std::thread::spawn(move || {
            for (key, read) in read_rx {
                if let Err(e) = lock(&store).set_read(&key, read) {
                    let _ = tx.send(Loaded::Problem(e.to_string()));
                }
            }
        })
    };
    if !files.is_empty() {
        app.loading = Some((0, files.len()));
    }
    if !first_refresh.is_empty() {
        app.refreshing = Some((0, first_refresh.len()));
    }
    let all_feeds = feeds.clone();
    let limits = config.fetch_limits();
    {
        let store = Arc::clone(&store);
        let read_keys = Arc::clone(&read_keys);
        let tx = tx.clone();
        let limits = limits.clone();
        std::thread::spawn(move || {
            let send = |m: Loaded| tx.send(m).is_ok();
            // what the store holds, first: shown even offline
            if !feeds.is_empty() {
                let stored = lock(&store).articles(&feeds);
                match stored {
                    Ok(list) => {
                        for a in list {
                            let read = read_keys.contains(&a.key());
                            if !send(Loaded::Article {
                                article: Box::new(a),
                                read,
                                fresh: false,
                            }) {
                                return;
                            }
                        }
                    }
                    Err(e) => {
                        send(Loaded::Problem(e.to_string()));
                    }
                }
            }
            if !first_refresh.is_empty() {
                start_refresh(
                    Arc::clone(&store),
                    first_refresh,
                    Arc::clone(&read_keys),
                    limits,
                    tx.clone(),
                );
            }
            for f in &files {
                let mut msgs: Vec<Loaded> = Vec::new();
                match load_file(f) {
                    Ok((articles, warning)) => {
                        msgs.extend(warning.map(Loaded::Warning));
                        msgs.extend(articles.into_iter().map(|a| Loaded::Article {
                            read: read_keys.contains(&a.key()),
                            article: Box::new(a),
                            fresh: false,
                        }));
                    }
                    Err(e) => msgs.push(Loaded::Problem(e.to_string())),
                }
                msgs.push(Loaded::FileDone);
                if !msgs.into_iter().all(send) {
                    return;
                }
            }
            send(Loaded::Done);
        });
    }

    let engine_bidi = config.bidi == BidiMode::Engine;
    let mut terminal = ratatui::init();
    install_panic_hook(engine_bidi);
    let mut out = std::io::stdout();
    let _ = execute!(out, EnableMouseCapture);
    if engine_bidi {
        let _ = out.write_all(BIDI_OFF.as_bytes());
        let _ = out.flush();
    }
    let _ = terminal.clear();

    app.history = super::search::load_history();
    let mut refresh = RefreshCtl {
        store,
        feeds: all_feeds,
        limits,
        read_keys,
        tx,
        fresh: 0,
        errors: Vec::new(),
        read_tx: read_tx.clone(),
    };
    let result = event_loop(
        &mut terminal,
        &mut app,
        &rx,
        &facts_rx,
        &mut jobs,
        &mut refresh,
    );
    drop(refresh);
    // the last read marks reach the disk before khabar exits
    for change in app.read_changes.drain(..) {
        let _ = read_tx.send(change);
    }
    drop(read_tx);
    let _ = writer.join();

    leave(engine_bidi);
    ratatui::restore();
    if let Err(e) = super::search::save_history(&app.history) {
        app.problems
            .push(format!("cannot save the search history: {e}"));
    }
    for p in &app.problems {
        eprintln!("khabar: {p}");
    }
    match result {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("khabar: {e}");
            1
        }
    }
}

/// Articles sent to the facts thread, and how many came back.
struct FactsJobs {
    tx: mpsc::Sender<(usize, Article)>,
    sent: usize,
    done: usize,
}

impl FactsJobs {
    fn send(&mut self, index: usize, article: &Article) {
        if self.tx.send((index, article.clone())).is_ok() {
            self.sent += 1;
        }
    }
}

/// What a refresh needs, and the tally of the one running.
struct RefreshCtl {
    store: Arc<Mutex<Store>>,
    feeds: Vec<String>,
    limits: FetchLimits,
    read_keys: Arc<HashSet<String>>,
    tx: mpsc::Sender<Loaded>,
    /// New articles of the refresh running.
    fresh: usize,
    /// The failures of the refresh running, in the order they came.
    errors: Vec<String>,
    read_tx: mpsc::Sender<(String, bool)>,
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    rx: &mpsc::Receiver<Loaded>,
    facts_rx: &mpsc::Receiver<(usize, Facts)>,
    jobs: &mut FactsJobs,
    refresh: &mut RefreshCtl,
) -> std::io::Result<()> {
    let mut backlog = false;
    loop {
        for change in app.read_changes.drain(..) {
            let _ = refresh.read_tx.send(change);
        }
        if app.refresh_requested {
            app.refresh_requested = false;
            start_refresh(
                Arc::clone(&refresh.store),
                refresh.feeds.clone(),
                Arc::clone(&refresh.read_keys),
                refresh.limits.clone(),
                refresh.tx.clone(),
            );
        }
        app.facts_progress = (jobs.done < jobs.sent).then_some((jobs.done, jobs.sent));
        terminal.draw(|f| view::draw(f, app))?;
        let busy = app.loading.is_some() || app.facts_progress.is_some();
        // more work already waiting: only look for keys, don't wait for them
        let timeout = if backlog {
            Duration::ZERO
        } else if busy {
            Duration::from_millis(30)
        } else {
            Duration::from_millis(500)
        };
        if event::poll(timeout)? {
            // Take every pending event before drawing again.
            loop {
                match event::read()? {
                    Event::Key(k) if k.kind != KeyEventKind::Release => app.handle_key(&k),
                    Event::Mouse(m) => app.handle_mouse(&m),
                    _ => {}
                }
                if app.quit || !event::poll(Duration::ZERO)? {
                    break;
                }
            }
        }
        if app.quit {
            return Ok(());
        }
        // Take what the loader and the extractor have, a slice of time at a
        // time: keys first.
        let start = Instant::now();
        backlog = false;
        loop {
            if start.elapsed() >= Duration::from_millis(15) {
                backlog = true;
                break;
            }
            match rx.try_recv() {
                Ok(Loaded::Article {
                    article,
                    read,
                    fresh,
                }) => {
                    jobs.send(app.articles.len(), &article);
                    app.push_article_marked(*article, read, fresh);
                    refresh.fresh += fresh as usize;
                }
                Ok(Loaded::FeedDone { error }) => {
                    if let Some((done, _)) = &mut app.refreshing {
                        *done += 1;
                    }
                    refresh.errors.extend(error);
                }
                Ok(Loaded::RefreshDone) => {
                    let total = app.refreshing.take().map_or(0, |(_, t)| t);
                    // short enough for the status bar: no URL schemes
                    let errors = std::mem::take(&mut refresh.errors);
                    let first_error = errors
                        .first()
                        .map(|e| e.replace("https://", "").replace("http://", ""));
                    app.message = Some(format!(
                        "refreshed {}/{total} feeds: {} new{}",
                        total - errors.len(),
                        refresh.fresh,
                        match (errors.len(), first_error) {
                            (1, Some(e)) => format!("; failed: {e}"),
                            (n, Some(e)) => format!("; {n} failed, first: {e}"),
                            _ => String::new(),
                        }
                    ));
                    refresh.fresh = 0;
                }
                Ok(Loaded::FileDone) => {
                    if let Some((done, _)) = &mut app.loading {
                        *done += 1;
                    }
                }
                Ok(Loaded::Problem(p)) => app.problem(p),
                Ok(Loaded::Warning(w)) => app.problem(w),
                Ok(Loaded::Done) => app.loading = None,
                Err(_) => break,
            }
        }
        while start.elapsed() < Duration::from_millis(20) {
            match facts_rx.try_recv() {
                Ok((i, f)) => {
                    app.set_facts(i, &f);
                    jobs.done += 1;
                }
                Err(_) => break,
            }
        }
    }
}

fn leave(engine_bidi: bool) {
    let mut out = std::io::stdout();
    let _ = execute!(out, DisableMouseCapture);
    if engine_bidi {
        let _ = out.write_all(BIDI_RESTORE.as_bytes());
    }
    let _ = out.flush();
}

/// On a panic, put the terminal back (mouse, bidi mode) before ratatui's
/// own hook restores the screen and color-eyre prints the report.
fn install_panic_hook(engine_bidi: bool) {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        leave(engine_bidi);
        previous(info);
    }));
}
