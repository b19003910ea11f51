//! A daily reader's keys: `w` saves the article as text, `|` pipes it to a
//! command, `n`/`N` go to the next or previous unread article (across the
//! feeds, when the list holds a feed's) unless a search is shown, `m`
//! shows the message log; the list's unread count, and the refreshes that
//! `reload` asks for.

use super::*;

/// Where `w` saves when the config says nothing: the documents directory's
/// `khabar` (`~/Documents/khabar`), else the home directory's.
pub(super) fn save_dir(config: &Config) -> PathBuf {
    config.save_dir.clone().unwrap_or_else(|| {
        let user = directories::UserDirs::new();
        user.as_ref()
            .and_then(|u| u.document_dir().map(|d| d.join("khabar")))
            .or_else(|| user.as_ref().map(|u| u.home_dir().join("khabar")))
            .unwrap_or_else(|| PathBuf::from("khabar"))
    })
}

/// The text of an article as khabar reads it: the title, then each
/// paragraph, a blank line between, and its link or file last.
pub fn article_text(a: &Article) -> String {
    let mut out = a.title.clone();
    for p in a.paragraph_texts() {
        out.push_str("\n\n");
        out.push_str(p);
    }
    if let Some(link) = a.url.as_deref().filter(|u| !u.is_empty()) {
        out.push_str("\n\n");
        out.push_str(link);
    }
    out.push('\n');
    out
}

/// The file name of an article titled `title`: its words (Arabic and all)
/// joined by `-`, without what a file name cannot or should not hold
/// (`/`, controls, bidi controls, a leading dot), at most 150 bytes, and
/// `.txt`.
pub fn file_name(title: &str) -> String {
    let mut words: Vec<String> = Vec::new();
    for w in title.split_whitespace() {
        let clean: String = w
            .chars()
            .filter(|&c| {
                !c.is_control()
                    && !crate::text::safety::is_hidden(c)
                    && !matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|')
            })
            .collect();
        if !clean.is_empty() {
            words.push(clean);
        }
    }
    let mut name = String::new();
    for w in words {
        let more = if name.is_empty() { 0 } else { 1 } + w.len();
        if name.len() + more > 150 {
            // a long word alone is cut at a character
            if name.is_empty() {
                let mut end = 150;
                while !w.is_char_boundary(end) {
                    end -= 1;
                }
                name.push_str(&w[..end]);
            }
            break;
        }
        if !name.is_empty() {
            name.push('-');
        }
        name.push_str(&w);
    }
    let name = name.trim_start_matches('.');
    if name.is_empty() {
        "article.txt".to_string()
    } else {
        format!("{name}.txt")
    }
}

impl App {
    /// `w`: save the shown article's text in the save directory.
    pub(in crate::tui) fn save_article(&mut self, _: Action) {
        let Some(a) = self.current_article() else {
            self.status.say(t("nothing-to-save"));
            return;
        };
        self.effects.push(Effect::Save {
            dir: self.save_dir.clone(),
            name: file_name(&a.title),
            text: article_text(a),
        });
    }

    /// `|`: ask for a command to pipe the shown article's text to.
    pub(in crate::tui) fn pipe_article(&mut self, _: Action) {
        if self.current_article().is_none() {
            self.status.say(t("nothing-to-save"));
            return;
        }
        self.prompt = Some(Prompt::new(
            PromptKind::Pipe,
            (self.reader.article(), self.reader.place()),
            self.current(),
        ));
        self.status.clear();
    }

    /// The command typed at `|`, run on the shown article.
    pub(super) fn run_pipe(&mut self, command: &str) {
        let command = command.trim();
        if command.is_empty() {
            return;
        }
        self.pipe_history.push(command);
        if let Some(a) = self.current_article() {
            let text = article_text(a);
            self.effects.push(Effect::Pipe {
                command: command.to_string(),
                text,
            });
        }
    }

    /// `m`: the message log.
    pub(in crate::tui) fn show_messages(&mut self, _: Action) {
        self.log.open();
    }

    /// The messages for the log, newest first.
    pub(super) fn logged(&self) -> Vec<(i64, String)> {
        self.status.logged().rev().cloned().collect()
    }

    /// `reload` says it is time: refresh the feeds, unless a refresh runs.
    pub(super) fn reload_due(&mut self) {
        if self.progress.refreshing.is_none() && self.feeds.count > 0 {
            self.effects.push(Effect::Refresh);
            self.progress.refreshing = Some((0, self.feeds.count));
        }
    }

    /// How many articles of the list shown are unread: the store's count
    /// for the whole store, else the list's, counted in the background
    /// when it changes (a search still running is not counted).
    pub(super) fn list_unread(&self) -> usize {
        match (self.list.filter(), self.list.base()) {
            (None, Listing::All) => self.library.unread(),
            _ => self.unread.unread.unwrap_or(0),
        }
    }

    /// Ask for the list's unread count when the list is a new one.
    pub(super) fn count_unread(&mut self) {
        let ids = match (self.list.filter(), self.list.base()) {
            (Some(f), _) if !f.complete => {
                self.unread.counted = None;
                self.unread.unread = None;
                return;
            }
            (Some(f), _) => Arc::clone(&f.ids),
            (None, Listing::Ids(ids)) => Arc::clone(ids),
            (None, Listing::All) => {
                self.unread.counted = None;
                return;
            }
        };
        let key = (Arc::as_ptr(&ids) as usize, ids.len());
        if self.unread.counted == Some(key) {
            return;
        }
        self.unread.counted = Some(key);
        self.unread.unread = None;
        self.unread.generation += 1;
        self.effects.push(Effect::CountUnread {
            generation: self.unread.generation,
            ids,
            marks: self.library.marks(),
            store: self.library.handle(),
        });
    }

    /// `n` / `N` without a search shown: the next (previous) unread
    /// article of the list after (before) the selection, opened; in a
    /// feed's list entered from `F`, on to the next (previous) feed with
    /// unread articles when this one has no more.
    pub(super) fn step_unread(&mut self, forward: bool) {
        let at = self.list.selected_pos();
        // the selected article, unread and not opened yet, is the next
        let here = self
            .list
            .current()
            .filter(|r| forward && !self.library.is_read(r) && self.reader.opened() != Some(r.id))
            .cloned();
        if let Some(row) = here {
            self.open_unread(at, row);
            self.status.say(t("next-unread"));
            return;
        }
        let found = match self.list.listing() {
            Listing::Ids(ids) => {
                let range: Vec<usize> = if forward {
                    (at + 1..ids.len()).collect()
                } else {
                    (0..at.min(ids.len())).rev().collect()
                };
                self.unread_at(&ids, range)
            }
            Listing::All => {
                let from = self.list.current().map(ListRow::key);
                if forward {
                    self.library.next_unread(from)
                } else {
                    self.library.previous_unread(from)
                }
            }
        };
        if let Some((pos, row)) = found {
            self.open_unread(pos, row);
            self.status.say(t("next-unread"));
            return;
        }
        // the feed's list is read: the next feed with unread articles
        if self.in_feed_list()
            && let Some((key, ids)) = self.next_feed_with_unread(forward)
        {
            let range: Vec<usize> = if forward {
                (0..ids.len()).collect()
            } else {
                (0..ids.len()).rev().collect()
            };
            if let Some((pos, row)) = self.unread_at(&ids, range) {
                let name = self.enter_feed(key, ids);
                self.open_unread(pos, row);
                self.status.say(tr("next-feed", &[("feed", name.into())]));
                return;
            }
        }
        self.status.say(t(if forward {
            "no-unread-after"
        } else {
            "no-unread-before"
        }));
    }

    /// Select the unread article at `pos`, open it (it is then read).
    fn open_unread(&mut self, pos: usize, row: ListRow) {
        self.list.select(pos, &self.library);
        self.reader.open(row.id);
        self.set_read(&row, true);
    }

    /// The first unread article of `ids` at the positions `order` (in that
    /// order), its rows read 256 at a time.
    pub(super) fn unread_at(&self, ids: &[i64], order: Vec<usize>) -> Option<(usize, ListRow)> {
        for chunk in order.chunks(256) {
            let wanted: Vec<i64> = chunk.iter().map(|&p| ids[p]).collect();
            // (an id no longer stored has no row: matched by id, not place)
            let mut rows: std::collections::HashMap<i64, ListRow> = self
                .library
                .rows_of(&wanted)
                .into_iter()
                .map(|r| (r.id, r))
                .collect();
            for &p in chunk {
                if let Some(row) = rows.remove(&ids[p])
                    && !self.library.is_read(&row)
                {
                    return Some((p, row));
                }
            }
        }
        None
    }
}
