//! Entering and leaving the terminal, and the event loop.
//!
//! Bidi-aware terminals (VTE, mintty, WezTerm with bidi on) would reorder
//! khabar's already-visual text a second time, so after entering the
//! alternate screen khabar sends `CSI 8 l` (BDSM: explicit mode) and
//! `CSI 1 SP k` (SCP: left-to-right), and on exit `CSI 0 SP k` and `CSI 8 h`.
//! With `--bidi terminal` it sends logical, unshaped text instead and leaves
//! the terminal's bidi on.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use ratatui::crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyEventKind,
};
use ratatui::crossterm::execute;

use crate::corpus::fetch::{FetchLimits, is_url, load_url};
use crate::corpus::{Article, collect_paths, load_file, seeds};
use crate::facts::{Facts, extract};

use super::app::App;
use super::config::{self, BidiMode, Config, LayoutDir};
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
    Article(Box<crate::corpus::Article>),
    Problem(String),
    Warning(String),
    /// One file read (progress counts files; a feed gives many articles).
    FileDone,
    Done,
}

/// Run the browser; returns the process exit code.
pub fn run(opts: Options) -> i32 {
    let config_path = opts.config.clone().or_else(config::default_path);
    let mut config = match &config_path {
        Some(p) => match Config::load(p) {
            Ok(c) => c,
            Err(e) => {
                eprintln!("khabar: config error: {e}");
                return 2;
            }
        },
        None => Config::default(),
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

    // Articles: the seeds, or the files found under the paths (loaded in
    // the background so that the first frame never waits for the disk).
    let (files, mut problems) = if opts.paths.is_empty() {
        (Vec::new(), Vec::new())
    } else {
        let local: Vec<PathBuf> = opts
            .paths
            .iter()
            .filter(|p| !is_url(&p.to_string_lossy()))
            .cloned()
            .collect();
        collect_paths(&local)
    };
    // the URLs given, and the feeds of the config
    let mut urls: Vec<String> = opts
        .paths
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .filter(|p| is_url(p))
        .collect();
    for f in &config.feeds {
        if !urls.contains(f) {
            urls.push(f.clone());
        }
    }
    let mut app = if opts.paths.is_empty() {
        App::new(seeds::seed_articles(), &config)
    } else {
        App::new(Vec::new(), &config)
    };
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
    if !files.is_empty() || !urls.is_empty() {
        app.loading = Some((0, files.len() + urls.len()));
        std::thread::spawn(move || {
            let send_all = |tx: &mpsc::Sender<Loaded>,
                            result: Result<
                (Vec<Article>, Option<String>),
                crate::corpus::LoadError,
            >| {
                let mut msgs: Vec<Loaded> = Vec::new();
                match result {
                    Ok((articles, warning)) => {
                        msgs.extend(warning.map(Loaded::Warning));
                        msgs.extend(articles.into_iter().map(|a| Loaded::Article(Box::new(a))));
                    }
                    Err(e) => msgs.push(Loaded::Problem(e.to_string())),
                }
                msgs.push(Loaded::FileDone);
                msgs.into_iter().all(|m| tx.send(m).is_ok())
            };
            // feeds and pages on the network, several at a time, beside the files
            let limits = FetchLimits::default();
            std::thread::scope(|scope| {
                for chunk in urls.chunks(urls.len().div_ceil(4).max(1)) {
                    let tx = tx.clone();
                    let limits = &limits;
                    scope.spawn(move || {
                        for u in chunk {
                            if !send_all(&tx, load_url(u, limits)) {
                                return;
                            }
                        }
                    });
                }
                for f in &files {
                    if !send_all(&tx, load_file(f)) {
                        return;
                    }
                }
            });
            let _ = tx.send(Loaded::Done);
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
    let result = event_loop(&mut terminal, &mut app, &rx, &facts_rx, &mut jobs);

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

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    rx: &mpsc::Receiver<Loaded>,
    facts_rx: &mpsc::Receiver<(usize, Facts)>,
    jobs: &mut FactsJobs,
) -> std::io::Result<()> {
    let mut backlog = false;
    loop {
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
                Ok(Loaded::Article(a)) => {
                    jobs.send(app.articles.len(), &a);
                    app.push_article(*a);
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
