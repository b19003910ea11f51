//! Search in the browser: the prompt (`/` in the article, `s` across the
//! corpus), matches in the reader, `n`/`N`, and the query history kept in
//! the data directory.

use std::ops::Range;
use std::path::PathBuf;

/// Where a prompt searches.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PromptKind {
    /// The shown article (`/`).
    Article,
    /// Every article (`s`, Ctrl-f).
    Corpus,
}

/// The search prompt being typed at the bottom of the screen.
#[derive(Clone, Debug)]
pub struct Prompt {
    pub kind: PromptKind,
    pub text: String,
    /// Position in the history while browsing it with Up/Down.
    pub history_at: Option<usize>,
    /// What to go back to on Esc: reader scroll and selected article.
    pub saved_scroll: usize,
    pub saved_selected: usize,
}

/// Matches of a query in the shown article.
#[derive(Clone, Debug, Default)]
pub struct ArticleSearch {
    pub query: String,
    /// Byte ranges in the article's text.
    pub matches: Vec<Range<usize>>,
    pub current: usize,
}

/// Where the query history lives: `$KHABAR_DATA/history`, else the
/// platform's data directory (`~/.local/share/khabar/history` on Linux).
pub fn history_path() -> Option<PathBuf> {
    crate::corpus::store::data_dir().map(|d| d.join("history"))
}

/// The saved history, oldest first (one query per line).
pub fn load_history() -> Vec<String> {
    history_path()
        .and_then(|p| std::fs::read_to_string(p).ok())
        .map(|s| {
            s.lines()
                .filter(|l| !l.trim().is_empty())
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

/// Save the last 200 queries; errors are reported, never fatal.
pub fn save_history(history: &[String]) -> Result<(), String> {
    let Some(path) = history_path() else {
        return Ok(());
    };
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    let start = history.len().saturating_sub(200);
    let mut text = history[start..].join("\n");
    text.push('\n');
    std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))
}
