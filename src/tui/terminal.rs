//! Entering and leaving the terminal, and the loop: events and background
//! work are pumped into [`App::update`], the effects it returns are run,
//! and a frame is drawn. The loop blocks on its inbox, which the input
//! thread ([`super::input`]), the signals' thread and the work in the
//! background write to; it wakes unasked only at each minute of the clock.
//! The loop is generic over ratatui's `Backend`, so tests drive the whole
//! app on a `TestBackend`.
//!
//! Terminals with a bidi of their own would reorder khabar's already
//! visual text a second time: after entering the alternate screen khabar
//! sends what the terminal detected needs ([`crate::terminals`]: BDSM for
//! VTE and the like, Konsole's and mlterm's switches, through tmux to its
//! client), and sets it back on exit, on a signal and on a panic; a frame
//! is drawn for qterminal's runs. With `--bidi terminal` it sends logical,
//! unshaped text instead and leaves the terminal's bidi on.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::backend::Backend;
use ratatui::crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use ratatui::crossterm::execute;

use crate::config::{BidiMode, Config, ConfigError, LayoutDir};
use crate::corpus::fetch::is_url;
use crate::corpus::refresh::feed_list;
use crate::corpus::{Store, seeds};

use super::app::{App, library_of};
use super::i18n::{self, tr};
use super::input::Input;
use super::keymap::KeyMap;
use super::library::Library;
use super::msg::{Effect, Msg, Signal};
use super::prompt::History;
use super::runtime::{Runtime, Sources};
use super::trace::Trace;
use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP};
use signal_hook::iterator::Signals;

/// Sent after entering the alternate screen (engine mode): explicit bidi
/// mode, left-to-right presentation.
pub const BIDI_OFF: &str = crate::terminals::strategy::BIDI_OFF;
/// Sent on exit: default presentation, implicit bidi mode back.
pub const BIDI_RESTORE: &str = crate::terminals::strategy::BIDI_RESTORE;

/// What the command line asks of the browser.
#[derive(Clone, Debug, Default)]
pub struct Options {
    pub paths: Vec<PathBuf>,
    pub layout: Option<LayoutDir>,
    pub bidi: Option<BidiMode>,
    pub config: Option<PathBuf>,
}

/// Why the browser could not run.
#[derive(Debug, thiserror::Error)]
pub enum TuiError {
    #[error("config error: {0}")]
    Config(#[from] ConfigError),
    #[error(
        "the browser needs a terminal (stdin and stdout are not both one).\n\
         To print an article laid out for any terminal, use `khabar render PATH`."
    )]
    NotATerminal,
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

/// What the loop asks of the terminal it runs in (nothing, on a test's
/// backend).
pub trait Host {
    /// Give the terminal back (screen, modes) and stop until continued;
    /// then take it again.
    fn suspend(&mut self) {}

    /// Give the terminal to `command` until it ends, then take it again;
    /// why it failed, if it did.
    fn run(&mut self, command: &[String]) -> Result<(), String> {
        let _ = command;
        Ok(())
    }

    /// Put `text` on the terminal's clipboard.
    fn copy(&mut self, text: &str) {
        let _ = text;
    }

    /// Give the terminal to `sh -c command` with `text` on its standard
    /// input until it ends and Enter is pressed (what it printed stays on
    /// screen till then), then take it again; why it failed, if it did.
    fn pipe(&mut self, command: &str, text: &str) -> Result<(), String> {
        let _ = (command, text);
        Ok(())
    }
}

/// A host that does nothing (tests on a TestBackend).
pub struct NoHost;

impl Host for NoHost {}

/// Handle what is waiting in `inbox` (waiting up to `wait` for the first
/// message, then taking what else is there for up to 15 ms), run the
/// effects, draw a frame. False once the app asked to quit or the inbox
/// closed.
pub fn step<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    inbox: &Receiver<Msg>,
    runtime: &mut Runtime,
    wait: Duration,
    trace: &mut Trace,
    host: &mut dyn Host,
) -> Result<bool, B::Error> {
    let first = match inbox.recv_timeout(wait) {
        Ok(m) => m,
        Err(RecvTimeoutError::Timeout) => Msg::Tick,
        Err(RecvTimeoutError::Disconnected) => return Ok(false),
    };
    let start = Instant::now();
    let mut next = Some((first, start));
    // what the host answered, handled before the inbox
    let mut answers: Vec<Msg> = Vec::new();
    while let Some((msg, at)) = next {
        trace.message(&msg, at);
        let effects = app.update(msg);
        trace.effects(&effects);
        for effect in effects {
            match effect {
                Effect::Suspend => {
                    host.suspend();
                    clear(terminal)?;
                }
                Effect::Redraw => clear(terminal)?,
                Effect::Run(command) => {
                    if let Err(e) = host.run(&command) {
                        answers.push(Msg::Problem(e));
                    }
                    clear(terminal)?;
                }
                Effect::Copy(text) => host.copy(&text),
                Effect::Pipe { command, text } => {
                    answers.push(match host.pipe(&command, &text) {
                        Ok(()) => Msg::Piped(command),
                        Err(e) => Msg::Problem(e),
                    });
                    clear(terminal)?;
                }
                effect => {
                    if !runtime.run(effect) {
                        return Ok(false);
                    }
                }
            }
        }
        if let Some(m) = answers.pop() {
            next = Some((m, Instant::now()));
            continue;
        }
        if start.elapsed() >= Duration::from_millis(15) {
            break;
        }
        next = inbox.try_recv().ok().map(|m| (m, Instant::now()));
    }
    terminal.draw(|f| app.draw(f))?;
    trace.frame(app.settled());
    app.after_frame();
    Ok(true)
}

/// Clear the screen; the next frame is drawn whole. (ratatui's
/// `Terminal::clear` asks the terminal where its cursor is, and the answer
/// would go to the input thread: a resize to the size it has clears as
/// well, without asking.)
fn clear<B: Backend>(terminal: &mut Terminal<B>) -> Result<(), B::Error> {
    let size = terminal.size()?;
    terminal.resize(ratatui::layout::Rect::new(0, 0, size.width, size.height))
}

/// Run the app until it quits. Between messages it waits for the next
/// one, or for the next minute of the clock (dates such as `14:05` or
/// `yesterday` may then read otherwise): nothing else wakes it.
pub fn drive<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    inbox: &Receiver<Msg>,
    runtime: &mut Runtime,
    trace: &mut Trace,
    host: &mut dyn Host,
) -> Result<(), B::Error> {
    terminal.draw(|f| app.draw(f))?;
    trace.frame(app.settled());
    app.after_frame();
    loop {
        if !step(
            terminal,
            app,
            inbox,
            runtime,
            until_next_minute(),
            trace,
            host,
        )? {
            return Ok(());
        }
    }
}

/// How long until the clock's next minute begins.
fn until_next_minute() -> Duration {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    Duration::from_secs(60) - Duration::from_nanos((now.as_nanos() % 60_000_000_000) as u64)
}

/// Is `url` among the store's subscriptions?
fn real_store_subscribed(store: &Store, url: &str) -> bool {
    store
        .subscriptions()
        .is_ok_and(|s| s.iter().any(|u| u == url))
}

/// Run the browser; the signal that ended it, if one did.
pub fn run(opts: Options) -> Result<Option<i32>, TuiError> {
    let mut trace = Trace::from_env(Instant::now());
    let mut config = Config::load_or_default(opts.config.as_deref())?;
    let keys = KeyMap::from_config(&config)?;
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        return Err(TuiError::NotATerminal);
    }
    if let Some(l) = opts.layout {
        config.layout = l;
    }
    if let Some(b) = opts.bidi {
        config.bidi = b;
    }
    let _ = color_eyre::install();
    i18n::set(
        config
            .lang
            .as_deref()
            .and_then(i18n::Lang::parse)
            .unwrap_or_else(i18n::Lang::from_env),
    );

    // The store is the corpus: what it holds shows at once, offline. When
    // it cannot be opened, khabar still runs and keeps nothing.
    let mut problems = Vec::new();
    let mut store = Store::open_default().unwrap_or_else(|e| {
        problems.push(format!("{e}; nothing will be kept this session"));
        Store::in_memory()
    });
    let given: Vec<String> = opts
        .paths
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let read_only = store.is_read_only();
    if read_only {
        problems.push(tr(
            "read-only-store",
            &[("path", store.location().to_string().into())],
        ));
        if !given.is_empty() {
            // what was given is read into memory for this session
            store = Store::in_memory();
        }
    }
    // a URL given is read, not followed: say how to follow it
    let unfollowed = given
        .iter()
        .find(|g| is_url(g) && !real_store_subscribed(&store, g))
        .map(|url| tr("to-subscribe", &[("url", url.as_str().into())]));
    let feeds = feed_list(&[], &config.feeds, &store);
    let sources = Sources {
        given: given.clone(),
        refresh_now: if config.refresh_on_start && !read_only {
            feeds.clone()
        } else {
            Vec::new()
        },
        feeds: if read_only { Vec::new() } else { feeds },
    };
    let (tx, inbox) = channel();
    let mut runtime = Runtime::start(store.handle(), tx.clone(), config.fetch_limits())
        .with_retention(config.retention.clone())
        .with_full_text(config.full_text, config.full_text_feeds.clone());
    let real = store.handle();
    let empty = store.article_count().unwrap_or(0) == 0;
    // the seeds when there is nothing else to show
    let library = if given.is_empty() && empty {
        library_of(seeds::seed_articles())
    } else {
        Library::new(store, false)
    };
    let seeds = library.is_seeds();
    // the terminal, asked before anything reads it, and what it is told of
    // bidi on the way in and out
    let plan = crate::terminals::plan(config.bidi);
    let mut app = App::new(library, &config, keys)
        .drawn_for(plan.frames())
        .with_history(History::load());
    if seeds {
        app.set_real_store(real);
    }
    app.set_feed_count(sources.feeds.len());
    app.follow_given(given.iter().filter(|g| is_url(g)).cloned());
    if let Some(every) = config.reload.filter(|_| !read_only) {
        runtime.reload_every(every);
    }
    for p in problems {
        let _ = tx.send(Msg::Problem(p));
    }
    if let Some(note) = unfollowed {
        let _ = tx.send(Msg::Note(note));
    }
    // what the user must change in the terminal, said once
    if plan.advice().is_some() {
        let _ = tx.send(Msg::Note(tr("advice-kitty", &[])));
    }
    runtime.open(sources);

    let bidi = plan.browser_switches();
    // through tmux, to its client terminal (its passthrough on meanwhile)
    let passthrough = crate::terminals::strategy::Passthrough::on(&plan);
    // inside tmux, before its pane enters the alternate screen: tmux drops
    // what passes through while it has the pane's redraw pending
    let early = plan.detected.mux.is_some();
    let mut out = std::io::stdout();
    if early {
        let _ = out.write_all(bidi.0.as_bytes());
        let _ = out.flush();
    }
    let mut terminal = ratatui::init();
    install_panic_hook(bidi.1.clone());
    let _ = execute!(out, EnableMouseCapture);
    if !early {
        let _ = out.write_all(bidi.0.as_bytes());
        let _ = out.flush();
    }
    let _ = clear(&mut terminal);
    if let Ok(size) = terminal.size() {
        app.update(Msg::Resize(size.width, size.height));
    }
    let signals = forward_signals(tx.clone())?;
    let mut host = Screen {
        bidi,
        early,
        input: Some(Input::start(tx)?),
    };
    let result = drive(
        &mut terminal,
        &mut app,
        &inbox,
        &mut runtime,
        &mut trace,
        &mut host,
    );
    signals.close();
    // the input thread stops before the terminal is given back: what is
    // typed at the shell then is the shell's
    if let Some(input) = host.input.take() {
        input.stop();
    }
    // the last read marks reach the disk before khabar exits
    runtime.finish();

    leave(&host.bidi.1);
    ratatui::restore();
    drop(passthrough);
    let mut problems = app.take_problems();
    if let Err(e) = app.history().save() {
        problems.push(format!("cannot save the search history: {e}"));
    }
    for p in &problems {
        crate::report::say(p);
    }
    result.map_err(TuiError::Io)?;
    Ok(app.ended_by())
}

/// The real terminal, as the loop's host.
struct Screen {
    /// What the terminal is told of bidi on the way in and out.
    bidi: (String, String),
    /// The bidi switches go before the alternate screen (inside tmux).
    early: bool,
    /// The thread reading the terminal (paused while another program has
    /// it).
    input: Option<Input>,
}

impl Screen {
    /// Give the terminal back as khabar found it.
    fn give_back(&mut self) {
        if let Some(input) = &mut self.input {
            input.pause();
        }
        leave(&self.bidi.1);
        ratatui::restore();
    }

    /// Take the terminal again.
    fn take(&mut self) {
        let _ = ratatui::crossterm::terminal::enable_raw_mode();
        let mut out = std::io::stdout();
        if self.early {
            let _ = out.write_all(self.bidi.0.as_bytes());
        }
        let _ = execute!(
            out,
            ratatui::crossterm::terminal::EnterAlternateScreen,
            EnableMouseCapture,
            ratatui::crossterm::cursor::Hide
        );
        if !self.early {
            let _ = out.write_all(self.bidi.0.as_bytes());
        }
        let _ = out.flush();
        if let Some(input) = &mut self.input {
            input.resume();
        }
    }
}

impl Host for Screen {
    fn suspend(&mut self) {
        self.give_back();
        // stop as SIGTSTP would have, had khabar not caught it
        let _ = signal_hook::low_level::emulate_default_handler(SIGTSTP);
        // continued: take the terminal again
        self.take();
    }

    fn run(&mut self, command: &[String]) -> Result<(), String> {
        let Some((program, args)) = command.split_first() else {
            return Err("no browser to run: set browser = \"...\" in the config".into());
        };
        self.give_back();
        let status = std::process::Command::new(program).args(args).status();
        self.take();
        match status {
            Ok(s) if s.success() => Ok(()),
            Ok(s) => Err(format!("{program}: {s}")),
            Err(e) => Err(format!("{program}: {e}")),
        }
    }

    fn copy(&mut self, text: &str) {
        let mut out = std::io::stdout();
        let _ = write!(out, "\x1b]52;c;{}\x07", base64(text.as_bytes()));
        let _ = out.flush();
    }

    fn pipe(&mut self, command: &str, text: &str) -> Result<(), String> {
        use std::process::{Command, Stdio};
        self.give_back();
        let run = || -> std::io::Result<std::process::ExitStatus> {
            let mut child = Command::new("sh")
                .args(["-c", command])
                .stdin(Stdio::piped())
                .spawn()?;
            // written by a thread of its own: a command that does not read
            // its input (or reads it slowly) never blocks khabar
            let mut stdin = child.stdin.take();
            let text = text.to_string();
            let writer = std::thread::spawn(move || {
                if let Some(mut i) = stdin.take() {
                    let _ = i.write_all(text.as_bytes());
                }
            });
            let status = child.wait();
            let _ = writer.join();
            status
        };
        let status = run();
        // what it printed stays until Enter (like vim's :!)
        let mut out = std::io::stdout();
        let _ = write!(out, "\n{} ", i18n::t("pipe-return"));
        let _ = out.flush();
        let mut line = String::new();
        let _ = std::io::stdin().read_line(&mut line);
        self.take();
        match status {
            Ok(s) if s.success() => Ok(()),
            Ok(s) => Err(format!("| {command}: {s}")),
            Err(e) => Err(format!("| {command}: {e}")),
        }
    }
}

/// Standard base64 (RFC 4648), for OSC 52.
fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (b[0] as u32) << 16 | (b[1] as u32) << 8 | b[2] as u32;
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ABC[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The signals khabar answers, forwarded to `inbox` by a thread of their
/// own: the ones that end it (the terminal is restored first), SIGTSTP
/// (suspend) and SIGCONT (draw again).
fn forward_signals(inbox: Sender<Msg>) -> std::io::Result<signal_hook::iterator::Handle> {
    let mut signals = Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGTSTP, SIGCONT])?;
    let handle = signals.handle();
    std::thread::spawn(move || {
        for sig in signals.forever() {
            let s = match sig {
                SIGTSTP => Signal::Suspend,
                SIGCONT => Signal::Continued,
                other => Signal::End(other),
            };
            if inbox.send(Msg::Signal(s)).is_err() {
                return;
            }
        }
    });
    Ok(handle)
}

fn leave(bidi_restore: &str) {
    let mut out = std::io::stdout();
    let _ = execute!(out, DisableMouseCapture, ratatui::crossterm::cursor::Show);
    let _ = out.write_all(bidi_restore.as_bytes());
    let _ = out.flush();
}

/// On a panic, put the terminal back (mouse, bidi mode) before ratatui's
/// own hook restores the screen and color-eyre prints the report.
fn install_panic_hook(bidi_restore: String) {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        leave(&bidi_restore);
        previous(info);
    }));
}

#[cfg(test)]
mod tests {
    #[test]
    fn base64_as_rfc_4648() {
        assert_eq!(super::base64(b""), "");
        assert_eq!(super::base64(b"f"), "Zg==");
        assert_eq!(super::base64(b"fo"), "Zm8=");
        assert_eq!(super::base64(b"foo"), "Zm9v");
        assert_eq!(super::base64("خبر".as_bytes()), "2K7YqNix");
    }
}
