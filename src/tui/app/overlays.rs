//! The pickers over the screen: the feeds (`F`), the actors of the corpus
//! (`P`) and an actor's statements, and what picking a row does.

use super::*;

/// A picker over the screen, and what its rows stand for.
#[derive(Clone, Debug)]
pub enum Overlay {
    /// The feeds (`F`): their URLs.
    Feeds { picker: Picker, urls: Vec<String> },
    /// The actors of the corpus (`P`).
    Actors {
        picker: Picker,
        actors: Vec<ActorTotal>,
    },
    /// An actor's statements across the stories; Esc goes back to the
    /// actors as they were.
    Statements {
        picker: Picker,
        actor: ActorTotal,
        statements: Vec<ActorStatement>,
        back: Box<Overlay>,
    },
}

impl Overlay {
    pub fn picker(&self) -> &Picker {
        match self {
            Overlay::Feeds { picker, .. }
            | Overlay::Actors { picker, .. }
            | Overlay::Statements { picker, .. } => picker,
        }
    }

    pub(super) fn picker_mut(&mut self) -> &mut Picker {
        match self {
            Overlay::Feeds { picker, .. }
            | Overlay::Actors { picker, .. }
            | Overlay::Statements { picker, .. } => picker,
        }
    }
}

/// The most actors the actors view holds (those in most stories).
const ACTORS_SHOWN: usize = 20_000;

impl App {
    /// `F`: the feeds, with their counts, last fetch and last error.
    pub(in crate::tui) fn show_feeds(&mut self, _: Action) {
        let feeds = self.library.feeds();
        let clock = self.settings.clock;
        let rows = feeds
            .iter()
            .map(|f| {
                let fetched = f.fetched_at.map_or_else(
                    || tr("never-fetched", &[]),
                    |t| tr("fetched", &[("when", clock.compact(t).into())]),
                );
                // counts, then what went wrong (before it is cut), when, where
                let mut detail = vec![tr(
                    "unread-of",
                    &[
                        ("unread", (f.unread as u64).into()),
                        ("total", (f.total as u64).into()),
                    ],
                )];
                // how many have their whole text, and why a page failed last
                if f.full_text + f.pages_failed > 0 {
                    detail.push(tr(
                        "full-text-of",
                        &[
                            ("n", (f.full_text as u64).into()),
                            ("total", (f.total as u64).into()),
                        ],
                    ));
                }
                detail.extend(f.error.clone());
                detail.extend(f.page_error.clone());
                detail.push(fetched);
                detail.push(f.url.clone());
                let title = f.title.clone().unwrap_or_else(|| f.url.clone());
                let mut row = PickRow::with_details(title, &detail);
                row.alert = f.error.is_some();
                row
            })
            .collect();
        self.overlay = Some(Overlay::Feeds {
            picker: Picker::new(tr("feeds", &[]), rows, false, tr("no-feeds", &[])),
            urls: feeds.into_iter().map(|f| f.url).collect(),
        });
    }

    /// A key in the feeds or actors view.
    pub(super) fn overlay_action(&mut self, action: Action) {
        let height = self.layout.screen.height.saturating_sub(1);
        let Some(o) = &mut self.overlay else {
            return;
        };
        match o.picker_mut().on_action(action, height) {
            Picked::Stay => {}
            Picked::Back => {
                self.overlay = match self.overlay.take() {
                    Some(Overlay::Statements { back, .. }) => Some(*back),
                    _ => None,
                }
            }
            Picked::Row(i) => {
                let Some(o) = self.overlay.take() else {
                    return;
                };
                match o {
                    Overlay::Feeds { picker, urls } => self.show_feed(&picker, &urls[i]),
                    Overlay::Actors { picker, actors } => {
                        let actor = actors[i].clone();
                        self.show_statements(Overlay::Actors { picker, actors }, actor);
                    }
                    Overlay::Statements {
                        statements, actor, ..
                    } => self.open_statement(&actor, &statements, i),
                }
            }
        }
    }

    /// `P`: every actor of the corpus, most stories first, with its kind
    /// and how many stories name it and how often.
    pub(in crate::tui) fn show_actors(&mut self, _: Action) {
        let (actors, all) = self.library.actors(ACTORS_SHOWN);
        let rows = actors
            .iter()
            .map(|a| {
                let detail = [
                    tr(&format!("kind-{}", a.kind.name()), &[]),
                    tr("stories", &[("n", (a.stories as u64).into())]),
                    tr("mentions", &[("n", (a.mentions as u64).into())]),
                ];
                PickRow::with_details(a.name.clone(), &detail)
            })
            .collect();
        let title = if all > actors.len() {
            tr(
                "actors-most",
                &[
                    ("shown", (actors.len() as u64).into()),
                    ("all", (all as u64).into()),
                ],
            )
        } else {
            tr("actors", &[])
        };
        self.overlay = Some(Overlay::Actors {
            picker: Picker::new(title, rows, true, tr("no-actors", &[])),
            actors,
        });
    }

    /// Enter on an actor: its statements across the stories, newest first
    /// (date, kind, with whom, on what, source).
    pub(super) fn show_statements(&mut self, back: Overlay, actor: ActorTotal) {
        let statements = self.library.statements_of(&actor);
        let clock = self.settings.clock;
        let rows = statements
            .iter()
            .map(|s| {
                let mut detail = vec![
                    clock.compact(s.date),
                    format!(
                        "{} ({})",
                        tr(&format!("statement-{}", s.kind.name()), &[]),
                        s.verb
                    ),
                ];
                if !s.with.is_empty() {
                    detail.push(tr("with", &[("who", s.with.join("، ").into())]));
                }
                detail.extend(s.source.clone());
                PickRow::with_details(s.topic.clone(), &detail)
            })
            .collect();
        let title = tr("statements-of", &[("actor", actor.name.clone().into())]);
        self.overlay = Some(Overlay::Statements {
            picker: Picker::new(title, rows, false, tr("no-statements", &[])),
            actor,
            statements,
            back: Box::new(back),
        });
    }

    /// Enter on a statement: the list holds the stories of the actor's
    /// statements, and the reader opens the story at that sentence.
    pub(super) fn open_statement(
        &mut self,
        actor: &ActorTotal,
        statements: &[ActorStatement],
        i: usize,
    ) {
        let mut ids: Vec<i64> = Vec::new();
        for s in statements {
            if !ids.contains(&s.article) {
                ids.push(s.article);
            }
        }
        let ids = self.within_base(ids);
        let saved = self.current();
        self.list.set_filter(Filter {
            name: actor.name.clone(),
            ids: Arc::new(ids),
            counts: None,
            query: None,
            saved,
            complete: true,
        });
        let s = &statements[i];
        // the sentence is shown once the story is (see `reconcile`)
        self.reader_target = Some(ReaderTarget::Sentence(s.article, s.start..s.end));
        self.focus = Pane::Reader;
        self.select(s.article);
    }

    /// Enter on a feed: the list holds its articles (Esc: all of them).
    pub(super) fn show_feed(&mut self, picker: &Picker, url: &str) {
        let ids = self.library.feed_ids(url);
        let title = picker
            .selected()
            .map_or_else(|| url.to_string(), |i| picker.row(i).title.clone());
        let saved = self.current();
        self.list.set_filter(Filter {
            name: title,
            ids: Arc::new(ids),
            counts: None,
            query: None,
            saved,
            complete: true,
        });
        self.focus = Pane::List;
    }
}
