//! The search prompt, a layer over the status line with keys of its own
//! (`Mode::Prompt`): `/` searches the shown article, `s` every article, as
//! the query is typed. Queries are kept in a history (↑/↓) saved in the
//! data directory.

use std::path::PathBuf;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use unicode_width::UnicodeWidthStr;

use crate::text::{Direction, Order, Place, fit_line, fit_line_as};

use super::actions::Action;
use super::theme::Theme;

/// Where a prompt searches.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PromptKind {
    /// The shown article (`/`).
    Article,
    /// Every article (`s`, Ctrl-f).
    Corpus,
    /// A shell command the article's text is piped to (`|`).
    Pipe,
}

/// What a key did to the prompt.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PromptEvent {
    /// The query changed: search again.
    Edited,
    /// Enter: keep the results, close the prompt.
    Accepted,
    /// Esc: undo the search, close the prompt.
    Cancelled,
    /// Nothing changed.
    Unchanged,
}

/// The prompt being typed at the bottom of the screen.
#[derive(Clone, Debug)]
pub struct Prompt {
    kind: PromptKind,
    text: String,
    /// Position in the history while browsing it with ↑/↓.
    history_at: Option<usize>,
    /// What Esc goes back to: the article to select, and the article
    /// the reader showed with its scroll.
    saved_article: Option<i64>,
    saved_scroll: (Option<i64>, Place),
}

impl Prompt {
    pub fn new(
        kind: PromptKind,
        saved_scroll: (Option<i64>, Place),
        saved_article: Option<i64>,
    ) -> Prompt {
        Prompt {
            kind,
            text: String::new(),
            history_at: None,
            saved_scroll,
            saved_article,
        }
    }

    /// Where it searches.
    pub fn kind(&self) -> PromptKind {
        self.kind
    }

    /// The query typed.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The article selected when it opened (Esc selects it again).
    pub fn saved_article(&self) -> Option<i64> {
        self.saved_article
    }

    /// The article the reader showed when it opened, and where.
    pub fn saved_scroll(&self) -> (Option<i64>, Place) {
        self.saved_scroll
    }

    /// A character typed.
    pub fn type_char(&mut self, c: char) -> PromptEvent {
        self.text.push(c);
        PromptEvent::Edited
    }

    /// One of the prompt's actions.
    pub fn on_action(&mut self, action: Action, history: &[String]) -> PromptEvent {
        match action {
            Action::PromptAccept => PromptEvent::Accepted,
            Action::PromptCancel => PromptEvent::Cancelled,
            Action::PromptErase => self.edit(|t| {
                t.pop();
            }),
            Action::PromptEraseWord => self.edit(|t| {
                let kept = t.trim_end().rfind(' ').map_or(0, |i| i + 1);
                t.truncate(kept);
            }),
            Action::PromptClear => self.edit(String::clear),
            Action::PromptHistoryPrev | Action::PromptHistoryNext if !history.is_empty() => {
                let last = history.len() - 1;
                let at = match (action, self.history_at) {
                    (Action::PromptHistoryPrev, None) => Some(last),
                    (Action::PromptHistoryPrev, Some(i)) => Some(i.saturating_sub(1)),
                    (Action::PromptHistoryNext, Some(i)) if i < last => Some(i + 1),
                    _ => None,
                };
                self.history_at = at;
                self.text = at.map(|i| history[i].clone()).unwrap_or_default();
                PromptEvent::Edited
            }
            _ => PromptEvent::Unchanged,
        }
    }

    fn edit(&mut self, f: impl FnOnce(&mut String)) -> PromptEvent {
        let before = self.text.len();
        f(&mut self.text);
        if self.text.len() == before {
            PromptEvent::Unchanged
        } else {
            PromptEvent::Edited
        }
    }

    /// Draw the prompt on the status line: the query shaped, right-to-left,
    /// then `message` (the count of matches).
    pub fn render(&self, area: Rect, buf: &mut Buffer, message: &str, order: Order, theme: &Theme) {
        let label = match self.kind {
            PromptKind::Article => "/".to_string(),
            PromptKind::Corpus => super::i18n::t("prompt-corpus"),
            PromptKind::Pipe => super::i18n::t("prompt-pipe"),
        };
        let dir = super::i18n::direction();
        let label = fit_line_as(label.trim_end(), area.width as usize / 3, order, dir).text;
        let label = match (self.kind, dir) {
            (PromptKind::Article, _) => label,
            (_, Direction::Ltr) => format!("{label} "),
            (_, Direction::Rtl) => format!(" {label}"),
        };
        let room = (area.width as usize).saturating_sub(label.width() + 2);
        let typed = fit_line(&self.text, room, order);
        let message = fit_line_as(message, area.width as usize, order, dir).text;
        let style = theme.status;
        // in Arabic from the right: the label, the query, the cursor at
        // its left end, then the message
        let line = match dir {
            Direction::Ltr => Line::from(vec![
                Span::styled(label, style),
                Span::styled(typed.text, style),
                Span::styled("▏", style),
                Span::styled(format!("   {message}"), style),
            ]),
            Direction::Rtl => Line::from(vec![
                Span::styled(format!("{message}   "), style),
                Span::styled("▕", style),
                Span::styled(typed.text, style),
                Span::styled(label, style),
            ])
            .right_aligned(),
        };
        Paragraph::new(line).style(theme.status).render(area, buf);
    }
}

/// The queries typed, oldest first.
#[derive(Clone, Debug, Default)]
pub struct History {
    pub entries: Vec<String>,
}

impl History {
    /// Remember `query` (once, as the latest).
    pub fn push(&mut self, query: &str) {
        let q = query.trim();
        if !q.is_empty() {
            self.entries.retain(|h| h != q);
            self.entries.push(q.to_string());
        }
    }

    /// Where the history lives: `$KHABAR_DATA/history`, else the
    /// platform's data directory (`~/.local/share/khabar/history` on Linux).
    pub fn path() -> Option<PathBuf> {
        crate::corpus::store::data_dir()
            .ok()
            .map(|d| d.join("history"))
    }

    /// The saved history (one query per line).
    pub fn load() -> History {
        let entries = History::path()
            .and_then(|p| std::fs::read_to_string(p).ok())
            .map(|s| {
                s.lines()
                    .filter(|l| !l.trim().is_empty())
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default();
        History { entries }
    }

    /// Save the last 200 queries.
    pub fn save(&self) -> std::io::Result<()> {
        let Some(path) = History::path() else {
            return Ok(());
        };
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let start = self.entries.len().saturating_sub(200);
        let mut text = self.entries[start..].join("\n");
        text.push('\n');
        std::fs::write(&path, text)
    }
}
