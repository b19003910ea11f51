//! Searching: `/` in the article shown, `s` across the corpus (the
//! prompt's keys, the hits as they come, the summary the prompt shows).

use super::*;

impl App {
    pub(in crate::tui) fn open_prompt(&mut self, action: Action) {
        let kind = if action == Action::SearchArticle {
            PromptKind::Article
        } else {
            PromptKind::Corpus
        };
        let saved = match self.list.filter() {
            Some(f) if f.query.is_some() => f.saved,
            _ => self.current(),
        };
        self.prompt = Some(Prompt::new(
            kind,
            (self.reader.article(), self.reader.place()),
            saved,
        ));
        self.status.clear();
    }

    /// `n` / `N`: the next or previous match while a search is shown in
    /// the reader; else the next or previous unread article (across the
    /// feeds, from a feed's list).
    pub(in crate::tui) fn next_match(&mut self, action: Action) {
        let forward = action == Action::NextMatch;
        if self.reader.search().is_some() {
            let message = self.reader.next_match(forward);
            self.status.say(message);
        } else {
            self.step_unread(forward);
        }
    }

    /// A prompt key.
    pub(in crate::tui) fn prompt_key(&mut self, action: Action) {
        if let Some(p) = &mut self.prompt {
            let history = match p.kind() {
                PromptKind::Pipe => &self.pipe_history.entries,
                _ => &self.history.entries,
            };
            let event = p.on_action(action, history);
            self.prompt_event(event);
        }
    }

    pub(super) fn prompt_event(&mut self, event: PromptEvent) {
        let Some(p) = self.prompt.clone() else {
            return;
        };
        match event {
            PromptEvent::Unchanged => {}
            PromptEvent::Cancelled => {
                self.prompt = None;
                match p.kind() {
                    PromptKind::Pipe => {
                        self.status.clear();
                        return;
                    }
                    PromptKind::Article => self.reader.clear_search(),
                    PromptKind::Corpus => {
                        self.stop_corpus_search();
                        if let Some(i) = p.saved_article() {
                            self.select(i);
                        }
                    }
                }
                // the article read before, where it was read (once it is
                // shown again)
                let (article, place) = p.saved_scroll();
                self.reader_target = Some(ReaderTarget::Place(article, place));
                self.status.clear();
            }
            PromptEvent::Accepted if p.kind() == PromptKind::Pipe => {
                self.prompt = None;
                self.run_pipe(p.text());
            }
            PromptEvent::Accepted => {
                self.prompt = None;
                self.history.push(p.text());
                if p.kind() == PromptKind::Corpus
                    && self.list.filter().is_some_and(|f| f.query.is_some())
                {
                    self.focus = Pane::List;
                }
            }
            PromptEvent::Edited => match p.kind() {
                PromptKind::Pipe => {}
                PromptKind::Article => {
                    let place = p.saved_scroll().1;
                    self.reader.scroll_to(place);
                    self.find_in_article(p.text(), place);
                }
                PromptKind::Corpus => self.search_corpus(p.text(), p.saved_article()),
            },
        }
    }

    /// What the corpus search found so far: `N articles · M matches`
    /// (`…` until it is over), or that nothing contains the query.
    pub(super) fn corpus_summary(&self) -> Option<String> {
        let f = self.list.filter()?;
        let query = f.query.as_ref()?;
        let n = f.ids.len();
        if f.complete && n == 0 {
            return Some(tr(
                "no-article-contains",
                &[("query", query.as_str().into())],
            ));
        }
        let m: u64 = f
            .counts
            .as_ref()
            .map_or(0, |c| c.iter().map(|&x| x as u64).sum());
        let said = tr(
            "found",
            &[("articles", (n as u64).into()), ("matches", m.into())],
        );
        Some(if f.complete {
            said
        } else {
            format!("{said}…")
        })
    }

    /// Search the shown article and say where the match is.
    pub(super) fn find_in_article(&mut self, query: &str, from: Place) {
        let Some(article) = self.shown.as_ref().map(|s| Arc::clone(&s.article)) else {
            return;
        };
        let said = self.reader.find(query, &article.text, from);
        self.status.set(said);
    }

    /// The list holds a corpus search's hits: stop it, and list what was
    /// listed before.
    fn stop_corpus_search(&mut self) {
        if self.list.filter().is_some_and(|f| f.query.is_some()) {
            self.effects.push(Effect::StopSearch);
            self.list.take_filter();
        }
    }

    /// Search every article for `query` (title, body), in the background:
    /// the list fills as the hits come, ranked when they are all in.
    pub(super) fn search_corpus(&mut self, query: &str, saved: Option<i64>) {
        self.pending.generation += 1;
        self.pending.scores = Vec::new();
        self.pending.moved = false;
        if Query::new(query).is_none() {
            self.effects.push(Effect::StopSearch);
            if self.list.filter().is_some_and(|f| f.query.is_some()) {
                self.list.take_filter();
            }
            self.status.clear();
            return;
        }
        self.effects.push(Effect::Search {
            generation: self.pending.generation,
            query: query.to_string(),
            store: self.library.handle(),
        });
        self.list.set_filter(Filter {
            name: format!("«{query}»"),
            ids: Arc::new(Vec::new()),
            counts: Some(Arc::new(Vec::new())),
            query: Some(query.to_string()),
            saved,
            complete: false,
        });
        self.status.progress(t("searching"));
    }

    /// Hits of the corpus search running: listed as they come.
    pub(super) fn search_hits(&mut self, generation: u64, hits: Vec<Hit>) {
        if generation != self.pending.generation {
            return;
        }
        // within the paths given; never what an ignore rule hides
        let base: Option<HashSet<i64>> = match self.list.base() {
            Listing::Ids(ids)
                if self
                    .all_visible
                    .as_ref()
                    .is_none_or(|v| !Arc::ptr_eq(v, ids)) =>
            {
                Some(ids.iter().copied().collect())
            }
            _ => None,
        };
        let hidden = Arc::clone(&self.rules.hidden);
        if self.list.filter().is_none() {
            return;
        }
        let hits: Vec<Hit> = hits
            .into_iter()
            .filter(|h| base.as_ref().is_none_or(|b| b.contains(&h.id)) && !hidden.contains(&h.id))
            .collect();
        self.pending.scores.extend(hits.iter().map(Hit::score));
        self.list.add_hits(hits.iter().map(|h| (h.id, h.matches)));
        if let Some(said) = self.corpus_summary() {
            self.status.progress(said);
        }
    }

    /// The corpus search is over: the hits ranked, best first.
    pub(super) fn search_done(&mut self, generation: u64, titles_only: bool) {
        if generation != self.pending.generation {
            return;
        }
        let scores = std::mem::take(&mut self.pending.scores);
        let selected = self.current();
        let moved = self.pending.moved;
        let Some(f) = self.list.filter() else {
            return;
        };
        // best first: the highest score, then the newest id
        let mut order: Vec<u32> = (0..f.ids.len() as u32).collect();
        order.sort_unstable_by(|&a, &b| {
            let (a, b) = (a as usize, b as usize);
            scores[b].cmp(&scores[a]).then(f.ids[b].cmp(&f.ids[a]))
        });
        self.list.rank(&order);
        let mut said = self.corpus_summary().unwrap_or_default();
        if titles_only {
            said.push_str(&tr("titles-only", &[]));
        }
        self.status.say(said);
        match selected.filter(|_| moved) {
            Some(id) => self.select(id),
            None => self.list.to_top(&self.library),
        }
    }
}
