//! What each action does (declared in `tui/actions.rs`, which names these
//! handlers): moving, reading, marking, ordering, focus and layout,
//! filters, closing and quitting.

use super::*;

impl App {
    pub(in crate::tui) fn open(&mut self, _: Action) {
        match self.focus {
            Pane::List => self.focus = Pane::Reader,
            Pane::Facts => {
                if let Some((range, k, n)) = self.facts.next_mention() {
                    self.reader.show_sentence(range);
                    if n > 1 {
                        self.status
                            .say(tr("mention", &[("k", k.into()), ("n", n.into())]));
                    }
                }
            }
            Pane::Reader => {}
        }
    }

    pub(in crate::tui) fn step_article(&mut self, action: Action) {
        let d = if action == Action::NextArticle { 1 } else { -1 };
        if self.list.at_end(d, &self.library) {
            self.status.say(tr(
                if d > 0 {
                    "last-article"
                } else {
                    "first-article"
                },
                &[],
            ));
            return;
        }
        self.list.move_by(d, &self.library);
    }

    pub(in crate::tui) fn next_unread(&mut self, _: Action) {
        let from = self.list.current().map(ListRow::key);
        let found = match self.list.listing() {
            Listing::All => self
                .library
                .next_unread(from)
                .map(|f| (f, false))
                .or_else(|| self.library.next_unread(None).map(|f| (f, true))),
            Listing::Ids(ids) => self.next_unread_in(&ids),
        };
        match found {
            Some(((pos, row), wrapped)) => {
                self.list.select(pos, &self.library);
                self.reader.open(row.id);
                self.set_read(&row, true);
                let left = match self.list.listing() {
                    Listing::All => tr(
                        "unread-left",
                        &[("n", (self.library.unread() as u64).into())],
                    ),
                    Listing::Ids(_) => t("next-unread"),
                };
                self.status.say(format!(
                    "{left}{}",
                    if wrapped { t("wrapped") } else { String::new() }
                ));
            }
            None => self.status.say(t("no-unread")),
        }
    }

    /// The next unread article of a list of ids after the selection,
    /// wrapping around: (position, row), and whether it wrapped.
    pub(super) fn next_unread_in(&self, ids: &[i64]) -> Option<((usize, ListRow), bool)> {
        let n = ids.len();
        let at = self.list.selected_pos() + 1;
        let order: Vec<usize> = (0..n).map(|k| (at + k) % n).collect();
        for chunk in order.chunks(256) {
            let wanted: Vec<i64> = chunk.iter().map(|&p| ids[p]).collect();
            let rows = self.library.rows_of(&wanted);
            for (&p, row) in chunk.iter().zip(rows) {
                if !self.library.is_read(&row) {
                    return Some(((p, row), p < at));
                }
            }
        }
        None
    }

    pub(in crate::tui) fn toggle_read(&mut self, _: Action) {
        if let Some(row) = self.list.current().cloned() {
            let read = !self.library.is_read(&row);
            self.set_read(&row, read);
            self.status
                .say(t(if read { "marked-read" } else { "marked-unread" }));
        }
    }

    /// `A`: mark every article of the list read, once asked.
    pub(in crate::tui) fn mark_all_read(&mut self, action: Action) {
        let n = self.list.len(&self.library);
        if n == 0 {
            return;
        }
        self.confirm = Some(action);
        let key = self.keys.first_key(action);
        self.status.say(tr(
            "mark-all-read-ask",
            &[("n", (n as u64).into()), ("key", key.into())],
        ));
    }

    /// An action said yes to.
    pub(super) fn perform_confirmed(&mut self, action: Action) {
        if action == Action::MarkAllRead {
            let listing = self.list.listing();
            let n = self.library.len(&listing);
            if let Some(ids) = self.library.mark_all_read(&listing) {
                self.effects.push(Effect::MarkAllRead {
                    ids,
                    store: self.library.handle(),
                });
            }
            self.list.forget_rows();
            self.status
                .say(tr("marked-all-read", &[("n", (n as u64).into())]));
        }
    }

    /// `S`: the next order of the list (newest first, oldest first, by
    /// source, unread first). A feed's list is ordered at once, and its
    /// order kept for the feed.
    pub(in crate::tui) fn sort(&mut self, _: Action) {
        if self.in_feed_list() {
            self.sort_feed();
            return;
        }
        let order = self.settings.sort.next();
        self.settings.sort = order;
        self.pending.sort += 1;
        let unsorted = self.list.unsorted();
        if order == SortOrder::Date {
            self.pending.sort += 1;
            let at = self.current();
            self.list.reorder(unsorted, None);
            self.status.say(tr("order-date", &[]));
            self.keep_selected(at);
            return;
        }
        self.effects.push(Effect::Sort {
            generation: self.pending.sort,
            order,
            among: match &unsorted {
                Listing::All => None,
                Listing::Ids(ids) => Some(Arc::clone(ids)),
            },
            marks: self.library.marks(),
            store: self.library.handle(),
        });
        self.list.ordering(unsorted);
        self.status.say(tr("ordering", &[]));
    }

    /// The list in the order asked for arrived.
    pub(super) fn sorted(&mut self, generation: u64, order: SortOrder, ids: Vec<i64>) {
        if generation != self.pending.sort {
            return;
        }
        let at = self.current();
        let unsorted = self.list.unsorted();
        self.list
            .reorder(Listing::Ids(Arc::new(ids)), Some(unsorted));
        self.status.say(tr(order_message(order), &[]));
        self.keep_selected(at);
    }

    /// `S` in a feed's list: its next order, kept for the feed.
    fn sort_feed(&mut self) {
        let Some(feed) = self.in_feed.clone() else {
            return;
        };
        let current = match &feed.key {
            FeedKey::Url(url) => self.library.feed_order(url).unwrap_or_default(),
            FeedKey::Query(_) => self.feed_sort.unwrap_or_default(),
        };
        let order = current.next();
        let at = self.current();
        let ids = match self.feed_articles(&feed.key) {
            Some(ids) if order != SortOrder::Date => self.library.sorted(order, &ids),
            Some(ids) => ids,
            None => return,
        };
        match &feed.key {
            FeedKey::Url(url) => self.effects.push(Effect::SaveFeedOrder {
                url: url.clone(),
                order,
                store: self.library.handle(),
            }),
            FeedKey::Query(_) => self.feed_sort = Some(order),
        }
        self.list.complete(ids);
        self.feed_list_reordered();
        self.status.say(tr(order_message(order), &[]));
        if let Some(id) = at {
            self.select(id);
        }
    }

    /// `r`: refresh the feed of the shown article (in `F`, the row's).
    pub(in crate::tui) fn refresh_feed(&mut self, _: Action) {
        let feed = self
            .current()
            .and_then(|id| self.library.origin_of(id))
            .filter(|o| crate::corpus::fetch::is_url(o));
        match feed {
            Some(url) => self.refresh_these(vec![url]),
            None => self.status.say(t("no-feed-of-article")),
        }
    }

    /// Refresh `urls` (in the background, with progress).
    pub(super) fn refresh_these(&mut self, urls: Vec<String>) {
        if self.progress.refreshing.is_some() {
            self.status.say(t("already-refreshing"));
            return;
        }
        self.progress.refreshing = Some((0, urls.len()));
        self.effects.push(Effect::RefreshFeeds(urls));
    }

    /// Select `id` again in the list as it is now (the top when it is not
    /// listed).
    pub(super) fn keep_selected(&mut self, id: Option<i64>) {
        if self.list.filter().is_none()
            && let Some(id) = id
        {
            self.select(id);
        }
    }

    pub(in crate::tui) fn refresh(&mut self, _: Action) {
        if self.progress.refreshing.is_some() {
            self.status.say(t("already-refreshing"));
        } else if self.feeds.count == 0 {
            self.status.say(t("no-feeds-to-refresh"));
        } else {
            self.effects.push(Effect::Refresh);
            self.progress.refreshing = Some((0, self.feeds.count));
        }
    }

    pub(in crate::tui) fn cycle_focus(&mut self, action: Action) {
        let panes = self.layout.focusable();
        let i = panes.iter().position(|&f| f == self.focus).unwrap_or(0);
        let n = panes.len();
        self.focus = if action == Action::FocusNext {
            panes[(i + 1) % n]
        } else {
            panes[(i + n - 1) % n]
        };
    }

    pub(in crate::tui) fn toggle_facts(&mut self, _: Action) {
        let shown = !self.facts_shown();
        self.settings.facts_toggle = Some(shown);
        // where the panes will be (the layout of the next frame)
        let panes = Panes::compute(
            self.settings.size,
            self.focus,
            shown,
            self.settings.layout_dir,
        );
        if shown && panes.list.is_none() {
            // narrow: the facts panel took the list's place
            self.focus = Pane::Facts;
        } else if !shown && self.focus == Pane::Facts {
            self.focus = Pane::Reader;
        }
    }

    pub(in crate::tui) fn flip_layout(&mut self, _: Action) {
        self.settings.layout_dir = match self.settings.layout_dir {
            LayoutDir::Rtl => LayoutDir::Ltr,
            LayoutDir::Ltr => LayoutDir::Rtl,
        };
    }

    /// Keep only the stories that mention the selected actor, by any of
    /// its names (answered in the background: see [`App::mentioning`]).
    pub(in crate::tui) fn filter_by_actor(&mut self, _: Action) {
        let Some(names) = self.facts.selected().and_then(|f| f.actor.clone()) else {
            self.status.say(t("filter-actor-first"));
            return;
        };
        self.pending.generation += 1;
        self.effects.push(Effect::Mentioning {
            generation: self.pending.generation,
            names: names.clone(),
            store: self.library.handle(),
        });
        let saved = self.current();
        self.list.set_filter(Filter {
            name: names[0].clone(),
            ids: Arc::new(Vec::new()),
            counts: None,
            query: None,
            saved,
            complete: false,
        });
        // the filtered list is what to look at: shown and focused, even
        // where the facts panel took its place
        if self.layout.list.is_none() && self.settings.size.0 >= NARROW {
            self.settings.facts_toggle = Some(false);
        }
        self.focus = Pane::List;
    }

    /// The articles of an actor filter arrived.
    pub(super) fn mentioning(&mut self, generation: u64, ids: Vec<i64>) {
        if generation != self.pending.generation {
            return;
        }
        let ids = self.within_base(ids);
        let Some(f) = self.list.filter() else {
            return;
        };
        let saved = f.saved;
        self.status.say(tr(
            "stories-mention",
            &[
                ("n", (ids.len() as u64).into()),
                ("name", f.name.clone().into()),
            ],
        ));
        self.list.complete(ids);
        // the article shown stays selected when it is listed
        if let Some(id) = saved {
            self.select(id);
        }
    }

    /// Only the ids in the list's base (the paths given), in order, and
    /// none an ignore rule hides.
    pub(super) fn within_base(&self, ids: Vec<i64>) -> Vec<i64> {
        let ids = self.visible(ids);
        match self.list.base() {
            Listing::Ids(base)
                if self
                    .all_visible
                    .as_ref()
                    .is_none_or(|v| !Arc::ptr_eq(v, base)) =>
            {
                let base: HashSet<i64> = base.iter().copied().collect();
                ids.into_iter().filter(|i| base.contains(i)).collect()
            }
            _ => ids,
        }
    }

    pub(in crate::tui) fn toggle_help(&mut self, _: Action) {
        self.help.open();
    }

    pub(in crate::tui) fn close(&mut self, _: Action) {
        // a search of the article shown (`/`) is cleared first, alone: n
        // and N then step through the unread articles again
        let corpus_search = self.list.filter().is_some_and(|f| f.query.is_some());
        if self.reader.search().is_some() && !corpus_search {
            self.reader.clear_highlights();
            self.status.clear();
            return;
        }
        self.reader.clear_highlights();
        self.status.clear();
        // a feed's articles, entered from F: back to F, on that feed
        let back = if self.in_feed_list() {
            self.in_feed.take()
        } else {
            None
        };
        if let Some(f) = self.list.take_filter() {
            if f.query.is_some() && !f.complete {
                self.effects.push(Effect::StopSearch);
            }
            if let Some(i) = f.saved {
                self.select(i);
            }
        }
        if let Some(feed) = back {
            self.overlay = Some(self.feeds_overlay(Some(&feed.key)));
            self.evaluate_rules();
        }
    }

    pub(in crate::tui) fn quit(&mut self, _: Action) {
        self.effects.push(Effect::Quit);
    }

    pub(in crate::tui) fn suspend(&mut self, _: Action) {
        self.effects.push(Effect::Suspend);
    }
}

/// What the status line says of an order.
fn order_message(order: SortOrder) -> &'static str {
    match order {
        SortOrder::Date => "order-date",
        SortOrder::Oldest => "order-oldest",
        SortOrder::Source => "order-source",
        SortOrder::Unread => "order-unread",
    }
}
