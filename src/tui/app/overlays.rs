//! The pickers over the screen: the feeds (`F`), the actors of the corpus
//! (`P`) and an actor's statements, and what picking a row does.

use super::*;

/// A picker over the screen, and what its rows stand for.
#[derive(Clone, Debug)]
pub enum Overlay {
    /// The feeds (`F`): the query feeds, then the feeds.
    Feeds { picker: Picker, keys: Vec<FeedKey> },
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
    /// `F`: the query feeds of the config, then the feeds, with their
    /// counts, last fetch and last error. The query feeds are counted
    /// again in the background.
    pub(in crate::tui) fn show_feeds(&mut self, _: Action) {
        let at = self.in_feed.as_ref().map(|i| i.key.clone());
        self.overlay = Some(self.feeds_overlay(at.as_ref()));
        self.evaluate_rules();
    }

    /// The feeds view, its row `select` selected (when it is there).
    pub(super) fn feeds_overlay(&self, select: Option<&FeedKey>) -> Overlay {
        let entries = self.feed_entries();
        let clock = self.settings.clock;
        let rows = entries
            .iter()
            .map(|f| {
                // counts, then what went wrong (before it is cut), when, where
                let mut detail = vec![match f.counts {
                    Some((unread, total)) => tr(
                        "unread-of",
                        &[
                            ("unread", (unread as u64).into()),
                            ("total", (total as u64).into()),
                        ],
                    ),
                    None => t("counting"),
                }];
                // how many have their whole text, and why a page failed last
                if f.full_text + f.pages_failed > 0 {
                    detail.push(tr(
                        "full-text-of",
                        &[
                            ("n", (f.full_text as u64).into()),
                            ("total", (f.counts.map_or(0, |c| c.1) as u64).into()),
                        ],
                    ));
                }
                detail.extend(f.error.clone());
                detail.extend(f.page_error.clone());
                match (&f.key, &f.rule) {
                    (FeedKey::Query(_), Some(rule)) => {
                        detail.push(tr("query-rule", &[("rule", rule.as_str().into())]));
                    }
                    (FeedKey::Url(url), _) => {
                        detail.push(f.fetched_at.map_or_else(
                            || tr("never-fetched", &[]),
                            |t| tr("fetched", &[("when", clock.compact(t).into())]),
                        ));
                        detail.push(url.clone());
                    }
                    _ => {}
                }
                let mut row = PickRow::with_details(f.name.clone(), &detail);
                row.alert = f.error.is_some();
                row
            })
            .collect();
        let keys: Vec<FeedKey> = entries.into_iter().map(|e| e.key).collect();
        let mut picker = Picker::new(tr("feeds", &[]), rows, false, tr("no-feeds", &[]));
        if let Some(i) = select.and_then(|k| keys.iter().position(|x| x == k)) {
            picker.select(i, self.layout.screen.height.saturating_sub(1));
        }
        Overlay::Feeds { picker, keys }
    }

    /// `r` in `F`: refresh the selected row's feed (a query feed: every
    /// feed); `R`: every feed. The view stays, its counts updated.
    fn refresh_from_feeds(&mut self, action: Action) {
        let key = match &self.overlay {
            Some(Overlay::Feeds { picker, keys }) => {
                picker.selected().and_then(|i| keys.get(i)).cloned()
            }
            _ => None,
        };
        match (action, key) {
            (Action::RefreshFeed, Some(FeedKey::Url(url))) => self.refresh_these(vec![url]),
            _ => self.refresh(action),
        }
    }

    /// A key in the feeds or actors view.
    pub(super) fn overlay_action(&mut self, action: Action) {
        let height = self.layout.screen.height.saturating_sub(1);
        if matches!(self.overlay, Some(Overlay::Feeds { .. }))
            && matches!(action, Action::Refresh | Action::RefreshFeed)
        {
            self.refresh_from_feeds(action);
            return;
        }
        if action == Action::Messages {
            self.log.open();
            return;
        }
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
                    Overlay::Feeds { picker, keys } => {
                        if !self.show_feed(&keys[i]) {
                            self.overlay = Some(Overlay::Feeds { picker, keys });
                        }
                    }
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

    /// Enter on a row of `F`: the list holds its articles (Esc: back to
    /// `F`). False when a query feed is still being counted.
    pub(super) fn show_feed(&mut self, key: &FeedKey) -> bool {
        let Some(ids) = self.feed_articles(key) else {
            self.status.say(t("counting"));
            return false;
        };
        self.enter_feed(key.clone(), ids);
        true
    }
}
