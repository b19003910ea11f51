//! Timings of the loop, for measuring (`KHABAR_TRACE=FILE`): when the
//! first frame was drawn, and for each key the time from its arrival to
//! the end of the frame that shows what it did; for a corpus search, the
//! time from the keystroke to the frame with its first hits and to the
//! frame with all of them ranked; for an actor filter, to its list. One
//! line each, `what milliseconds`. Off unless asked for: then it costs
//! nothing.

use std::io::Write;
use std::time::Instant;

use ratatui::crossterm::event::KeyCode;

use super::msg::{Effect, Msg};

/// What is being timed.
#[derive(Default)]
pub struct Trace {
    out: Option<std::fs::File>,
    start: Option<Instant>,
    first_frame: bool,
    /// Keys handled since the last frame, with when they arrived.
    keys: Vec<(String, Instant)>,
    /// The search or filter asked for (its generation), with when the key
    /// that asked arrived, and whether its first hits were shown.
    search: Option<(u64, Instant, bool)>,
    filter: Option<(u64, Instant)>,
    /// What the next frame shows for the first time.
    shows: Vec<(&'static str, Instant)>,
}

impl Trace {
    /// Timings appended to the file named by `KHABAR_TRACE`, if set.
    pub fn from_env(start: Instant) -> Trace {
        let out = std::env::var_os("KHABAR_TRACE").and_then(|p| {
            std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(p)
                .ok()
        });
        Trace {
            out,
            start: Some(start),
            ..Trace::default()
        }
    }

    fn on(&self) -> bool {
        self.out.is_some()
    }

    /// A message is about to be handled (it arrived at `at`).
    pub fn message(&mut self, msg: &Msg, at: Instant) {
        if !self.on() {
            return;
        }
        match msg {
            Msg::Key(k) => {
                let name = match k.code {
                    KeyCode::Char(c) => c.to_string(),
                    other => format!("{other:?}"),
                };
                self.keys.push((name, at));
            }
            Msg::SearchHits { generation, .. } => {
                if let Some((g, t, first)) = &mut self.search
                    && g == generation
                    && !*first
                {
                    *first = true;
                    self.shows.push(("search-first-page", *t));
                }
            }
            Msg::SearchDone { generation, .. } => {
                if let Some((g, t, _)) = self.search
                    && g == *generation
                {
                    self.shows.push(("search-all-ranked", t));
                    self.search = None;
                }
            }
            Msg::Mentioning { generation, .. } => {
                if let Some((g, t)) = self.filter
                    && g == *generation
                {
                    self.shows.push(("actor-filter", t));
                    self.filter = None;
                }
            }
            _ => {}
        }
    }

    /// The effects the last message asked for.
    pub fn effects(&mut self, effects: &[Effect]) {
        if !self.on() {
            return;
        }
        let asked = self.keys.last().map_or_else(Instant::now, |(_, t)| *t);
        for e in effects {
            match e {
                Effect::Search { generation, .. } => {
                    self.search = Some((*generation, asked, false));
                }
                Effect::Mentioning { generation, .. } => {
                    self.filter = Some((*generation, asked));
                }
                _ => {}
            }
        }
    }

    /// A frame was drawn; `full` when it shows the articles (the first
    /// such frame is the one timed from the start).
    pub fn frame(&mut self, full: bool) {
        let Some(out) = &mut self.out else { return };
        let now = Instant::now();
        let ms = |t: Instant| now.duration_since(t).as_secs_f64() * 1000.0;
        if !self.first_frame && full {
            self.first_frame = true;
            if let Some(s) = self.start {
                let _ = writeln!(out, "first-frame {:.2}", ms(s));
            }
        }
        for (k, t) in self.keys.drain(..) {
            let _ = writeln!(out, "key {k} {:.2}", ms(t));
        }
        for (what, t) in self.shows.drain(..) {
            let _ = writeln!(out, "{what} {:.2}", ms(t));
        }
    }
}
