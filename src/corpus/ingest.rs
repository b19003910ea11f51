//! Ingest: every source (files, directories, feeds, pages) into the store,
//! once. A file whose path, size and modification time the store already
//! has is not read again; the same content is stored once. Files are read
//! and their articles prepared (facts, folded text) on every core while
//! one writer stores them, a batch per transaction, so that memory stays
//! bounded whatever the size and a kill loses at most the batch open.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, UNIX_EPOCH};

use super::fetch::{FetchLimits, is_url, load_url_as};
use super::load::{Format, LoadError, MAX_FILE_BYTES, Walk, decode, parse_document};
use super::store::write::{Prepared, Stored, prepare_batch};
use super::store::{Result, Store, now};

/// How an ingest goes.
#[derive(Clone, Debug)]
pub struct Options {
    pub limits: FetchLimits,
    /// Subscribe to the feeds among the URLs (`khabar add`), or not
    /// (`khabar URL` only opens them).
    pub subscribe: bool,
    pub threads: usize,
    /// Keep the ids of every article of the sources (to show just those).
    pub collect_ids: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            limits: FetchLimits::default(),
            subscribe: true,
            threads: crate::parallel::cores(),
            collect_ids: false,
        }
    }
}

/// What an ingest did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    /// Articles stored for the first time.
    pub added: usize,
    /// Sources (files, pages, feeds) whose articles were all known already.
    pub unchanged: usize,
    /// Sources that could not be read or stored.
    pub failed: usize,
    /// Every article of the sources, when asked for.
    pub ids: Vec<i64>,
}

/// What an ingest tells as it goes.
#[derive(Clone, Debug)]
pub enum Event {
    /// Sources done so far; the total once the walk is over.
    Progress { done: usize, total: Option<usize> },
    /// A source that failed (it is counted in `failed`), or how one was
    /// decoded: one line each.
    Problem(String),
    /// The subscribed feed among the sources.
    Subscribed(String),
}

/// One source to read.
enum Job {
    File {
        path: PathBuf,
        size: u64,
        mtime: i64,
    },
    Url(String),
}

/// What became of one source before the writer.
enum Done {
    /// Read, its articles prepared.
    Read {
        job: Job,
        result: std::result::Result<(Vec<Prepared>, Format), LoadError>,
        note: Option<String>,
    },
    /// Known with this size and time: its articles, not read again.
    Unchanged(Vec<i64>),
    /// Not found, not readable: said in one line.
    Failed(String),
}

/// Articles written per transaction (a batch is also closed after
/// [`BATCH_TIME`], or as soon as the ingest is stopped). Each transaction
/// writes every page it changed once more into the write-ahead log, and
/// the indexes a new article lands in at random places (by date, by path,
/// by hash) have a page changed by nearly every article once a store is
/// large: at 1,000,000 articles, batches of 500 wrote 150-200 KB an
/// article, batches of 2,000 about half of it.
const BATCH: usize = 2_000;

/// The longest a batch stays open: what a kill can lose.
const BATCH_TIME: Duration = Duration::from_secs(2);

fn mtime_of(m: &std::fs::Metadata) -> i64 {
    m.modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_secs() as i64)
}

fn read_job(job: Job, limits: &FetchLimits) -> Done {
    let (result, note) = match &job {
        Job::File { path, size, mtime } => {
            let name = path.to_string_lossy().into_owned();
            if *size as usize > MAX_FILE_BYTES {
                (Err(LoadError::TooLarge(name, *size as usize)), None)
            } else {
                match std::fs::read(path)
                    .map_err(|e| LoadError::Io(name.clone(), e))
                    .and_then(|bytes| decode(&name, bytes))
                {
                    Ok((text, note)) => {
                        let format = super::load::sniff(&name, &text);
                        let parsed = parse_document(&name, &text)
                            .map(|articles| (prepare_batch(articles, *mtime), format));
                        (parsed, note)
                    }
                    Err(e) => (Err(e), None),
                }
            }
        }
        Job::Url(url) => match load_url_as(url, limits) {
            Ok((articles, note, format)) => {
                let at = now();
                let prepared = prepare_batch(articles, at);
                (Ok((prepared, format)), note)
            }
            Err(e) => (Err(e), None),
        },
    };
    Done::Read { job, result, note }
}

/// Ingest `sources` (paths and http(s) URLs) into `store`. `events` hears
/// the progress, the problems and the feeds subscribed; `stop` ends it
/// after the batch being written. A store that fails stops it with the
/// error; a source that fails is counted and said, and the others go on.
///
/// Three kinds of threads: one walks the paths (a file the store knows
/// unchanged goes straight to the writer), `opts.threads` read the others
/// and prepare their articles, and the caller's thread writes.
pub fn ingest(
    store: &mut Store,
    sources: &[String],
    opts: &Options,
    events: &(dyn Fn(Event) + Sync),
    stop: &AtomicBool,
) -> Result<Report> {
    let (urls, paths): (Vec<&String>, Vec<&String>) = sources.iter().partition(|s| is_url(s));
    let paths: Vec<PathBuf> = paths.into_iter().map(PathBuf::from).collect();
    let urls: Vec<String> = urls.into_iter().cloned().collect();
    // the total: counted on a thread of its own while the work goes on
    let total: Arc<Mutex<Option<usize>>> = Arc::new(Mutex::new(None));
    {
        let total = Arc::clone(&total);
        let paths = paths.clone();
        let n_urls = urls.len();
        std::thread::spawn(move || {
            let n = Walk::new(&paths).count() + n_urls;
            *total.lock().unwrap_or_else(|e| e.into_inner()) = Some(n);
        });
    }
    let threads = opts.threads.max(1);
    // the files the walker asked the system to read ahead wait here
    let (job_tx, job_rx) = sync_channel::<Job>(threads * 32);
    // room for a batch commit's worth of prepared articles: the readers
    // go on while the writer commits
    let (done_tx, done_rx) = sync_channel::<Done>(threads * 128);
    let job_rx = Arc::new(Mutex::new(job_rx));
    let reader = store.reopen()?;
    store.bulk_writes(true)?;
    let mut report = Report::default();
    let result = std::thread::scope(|scope| {
        for _ in 0..threads {
            let job_rx = Arc::clone(&job_rx);
            let done_tx = done_tx.clone();
            let limits = opts.limits.clone();
            std::thread::Builder::new()
                .name("khabar-read".into())
                .spawn_scoped(scope, move || work(&job_rx, &done_tx, &limits))
                .map_err(|e| crate::corpus::StoreError::Open {
                    location: "threads".into(),
                    reason: e.to_string(),
                })?;
        }
        {
            let done_tx = done_tx.clone();
            std::thread::Builder::new()
                .name("khabar-walk".into())
                .spawn_scoped(scope, move || {
                    walk(reader, Walk::new(&paths), urls, &job_tx, &done_tx, stop)
                })
                .map_err(|e| crate::corpus::StoreError::Open {
                    location: "threads".into(),
                    reason: e.to_string(),
                })?;
        }
        drop(done_tx);
        let r = write_all(store, &done_rx, opts, events, stop, &total, &mut report);
        if r.is_err() {
            store.rollback();
        }
        // the others end when nobody takes what they send
        drop(done_rx);
        r
    });
    store.bulk_writes(false)?;
    result.map(|()| report)
}

fn work(jobs: &Mutex<Receiver<Job>>, done: &SyncSender<Done>, limits: &FetchLimits) {
    loop {
        let job = jobs.lock().unwrap_or_else(|e| e.into_inner()).recv();
        let Ok(job) = job else { return };
        if done.send(read_job(job, limits)).is_err() {
            return;
        }
    }
}

/// Ask the system to read the file at `path` into its cache now, in the
/// background, so that a reader finds it there: a corpus that is not in
/// memory (a year of articles) is read from the disk by many requests at
/// once instead of one file at a time by each reader. A hint: a file that
/// cannot be opened is the reader's to report.
fn read_ahead(path: &Path) {
    use std::os::unix::fs::OpenOptionsExt;
    use std::os::unix::io::AsRawFd;
    // never blocks (a FIFO, a device), never changes the access time
    let Ok(f) = std::fs::File::options()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOATIME)
        .open(path)
        .or_else(|_| {
            std::fs::File::options()
                .read(true)
                .custom_flags(libc::O_NONBLOCK)
                .open(path)
        })
    else {
        return;
    };
    // SAFETY: a valid descriptor; the advice reads nothing into our memory
    unsafe { libc::posix_fadvise(f.as_raw_fd(), 0, 0, libc::POSIX_FADV_WILLNEED) };
}

/// The walker: every file found goes to the readers, or, when the store
/// has it unchanged, straight to the writer; then the URLs.
fn walk(
    store: Store,
    files: Walk,
    urls: Vec<String>,
    jobs: &SyncSender<Job>,
    done: &SyncSender<Done>,
    stop: &AtomicBool,
) {
    for found in files {
        if stop.load(Ordering::Relaxed) {
            return;
        }
        let sent = match found {
            Ok((path, meta)) => {
                let mtime = mtime_of(&meta);
                match store.unchanged_file(&path.to_string_lossy(), meta.len(), mtime) {
                    Ok(Some(ids)) => done.send(Done::Unchanged(ids)).is_ok(),
                    Ok(None) => {
                        if meta.is_file() {
                            read_ahead(&path);
                        }
                        jobs.send(Job::File {
                            path,
                            size: meta.len(),
                            mtime,
                        })
                        .is_ok()
                    }
                    Err(e) => done.send(Done::Failed(e.to_string())).is_ok(),
                }
            }
            Err(problem) => done.send(Done::Failed(problem)).is_ok(),
        };
        if !sent {
            return;
        }
    }
    for u in urls {
        if stop.load(Ordering::Relaxed) || jobs.send(Job::Url(u)).is_err() {
            return;
        }
    }
}

/// The writer: stores what comes, a batch per transaction.
fn write_all(
    store: &mut Store,
    done: &Receiver<Done>,
    opts: &Options,
    events: &(dyn Fn(Event) + Sync),
    stop: &AtomicBool,
    total: &Mutex<Option<usize>>,
    report: &mut Report,
) -> Result<()> {
    let mut sources_done = 0usize;
    let mut batch = 0usize;
    let mut batch_start = Instant::now();
    let mut last_event = Instant::now();
    store.begin()?;
    let progress = |done: usize| Event::Progress {
        done,
        total: *total.lock().unwrap_or_else(|e| e.into_inner()),
    };
    loop {
        let d = match done.recv_timeout(Duration::from_millis(200)) {
            Ok(d) => d,
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) => continue,
            // every sender is gone: the walk and the reads are over
            Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => break,
        };
        sources_done += 1;
        match d {
            Done::Unchanged(ids) => {
                report.unchanged += 1;
                if opts.collect_ids {
                    report.ids.extend(ids);
                }
            }
            Done::Failed(problem) => {
                report.failed += 1;
                events(Event::Problem(problem));
            }
            Done::Read { job, result, note } => {
                if let Some(n) = note {
                    events(Event::Problem(n));
                }
                match result {
                    Err(e) => {
                        report.failed += 1;
                        if let Job::Url(u) = &job {
                            store.record_error(u, &e.to_string())?;
                        }
                        events(Event::Problem(e.to_string()));
                    }
                    Ok((prepared, format)) => {
                        batch += prepared.len().max(1);
                        write_source(store, &job, &prepared, format, opts, events, report)?;
                    }
                }
            }
        }
        let stopped = stop.load(Ordering::Relaxed);
        if batch >= BATCH || batch_start.elapsed() >= BATCH_TIME || stopped {
            store.commit()?;
            if stopped {
                return Ok(());
            }
            store.begin()?;
            batch = 0;
            batch_start = Instant::now();
        }
        if last_event.elapsed() >= Duration::from_millis(100) {
            events(progress(sources_done));
            last_event = Instant::now();
        }
    }
    store.commit()?;
    events(progress(sources_done));
    Ok(())
}

/// Store one source's articles, and what it was.
fn write_source(
    store: &mut Store,
    job: &Job,
    prepared: &[Prepared],
    format: Format,
    opts: &Options,
    events: &(dyn Fn(Event) + Sync),
    report: &mut Report,
) -> Result<()> {
    let origin = match job {
        Job::File { path, .. } => path.to_string_lossy().into_owned(),
        Job::Url(u) => u.clone(),
    };
    let mut ids = Vec::with_capacity(prepared.len());
    let mut added = 0;
    for p in prepared {
        let stored = store.insert_in_transaction(&origin, p)?;
        added += matches!(stored, Stored::New(_)) as usize;
        ids.push(stored.id());
    }
    report.added += added;
    if added == 0 {
        report.unchanged += 1;
    }
    match job {
        Job::File { size, mtime, .. } => store.record_file(&origin, *size, *mtime, &ids)?,
        Job::Url(u) if format == Format::Feed => {
            store.feed_fetched(u, prepared.iter().find_map(|p| p.article.source.clone()))?;
            if opts.subscribe && store.subscribe(u)? {
                events(Event::Subscribed(u.clone()));
            }
        }
        Job::Url(_) => {}
    }
    if opts.collect_ids {
        report.ids.extend(ids);
    }
    Ok(())
}
