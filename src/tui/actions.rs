//! Every action of the browser, declared once: its name in the config's
//! `[keys]` table, the mode it belongs to, its default keys, the line the
//! `?` help shows, and the function that does it. The keymap, the config's
//! action names and the help are all derived from this table: the help's
//! English is the line here, and only a translation (`action-NAME` in
//! `assets/i18n/ar.ftl`) says it in another language.

use super::app::App;

/// Which keys an action listens in: the panes, or the search prompt (which
/// has its own keys, so that typing `j` into it types a `j`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Mode {
    Normal,
    Prompt,
}

macro_rules! actions {
    ($(
        $(#[$doc:meta])*
        $variant:ident = $name:literal, $mode:ident, [$($key:literal),*], $help:literal, $handler:path;
    )*) => {
        /// Everything a key can do.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Action {
            $($(#[$doc])* $variant,)*
        }

        impl Action {
            /// Every action, in the order the help lists them.
            pub const ALL: &'static [Action] = &[$(Action::$variant,)*];

            /// The name used in the config file's `[keys]` table.
            pub fn name(self) -> &'static str {
                match self { $(Action::$variant => $name,)* }
            }

            /// What it does, for the help overlay.
            pub fn description(self) -> &'static str {
                match self { $(Action::$variant => $help,)* }
            }

            /// The keys it has unless the config says otherwise.
            pub fn default_keys(self) -> &'static [&'static str] {
                match self { $(Action::$variant => &[$($key),*],)* }
            }

            /// Where its keys are listened to.
            pub fn mode(self) -> Mode {
                match self { $(Action::$variant => Mode::$mode,)* }
            }

            /// Do it.
            pub(super) fn run(self, app: &mut App) {
                match self { $(Action::$variant => { $handler(app, self); })* }
            }
        }
    };
}

actions! {
    Down = "down", Normal, ["j", "down"], "move down / scroll down", App::move_in_pane;
    Up = "up", Normal, ["k", "up"], "move up / scroll up", App::move_in_pane;
    PageDown = "page_down", Normal, ["space", "pgdn"], "page down", App::move_in_pane;
    PageUp = "page_up", Normal, ["b", "pgup"], "page up", App::move_in_pane;
    HalfPageDown = "half_page_down", Normal, ["ctrl-d"], "half a page down", App::move_in_pane;
    HalfPageUp = "half_page_up", Normal, ["ctrl-u"], "half a page up", App::move_in_pane;
    Top = "top", Normal, ["g", "home"], "go to the top", App::move_in_pane;
    Bottom = "bottom", Normal, ["G", "end"], "go to the bottom", App::move_in_pane;
    Open = "open", Normal, ["enter"], "open the article, or show the fact's sentence", App::open;
    NextArticle = "next_article", Normal, ["]"], "next article (from anywhere)", App::step_article;
    PrevArticle = "prev_article", Normal, ["["], "previous article (from anywhere)", App::step_article;
    NextUnread = "next_unread", Normal, ["."], "open the next unread article", App::next_unread;
    ToggleRead = "toggle_read", Normal, ["u"], "mark the article read / unread (unread: bold)", App::toggle_read;
    Refresh = "refresh", Normal, ["R"], "refresh the feeds (new articles marked ●)", App::refresh;
    RefreshFeed = "refresh_feed", Normal, ["r"], "refresh one feed: the row's in F, else the article's", App::refresh_feed;
    FocusNext = "focus_next", Normal, ["tab"], "focus the next pane", App::cycle_focus;
    FocusPrev = "focus_prev", Normal, ["shift-tab"], "focus the previous pane", App::cycle_focus;
    ToggleFacts = "toggle_facts", Normal, ["f"], "show or hide the facts panel", App::toggle_facts;
    FlipLayout = "flip_layout", Normal, ["L"], "flip the layout (right-to-left / left-to-right)", App::flip_layout;
    OpenLink = "open_link", Normal, ["o"], "open the article's link in the browser of the config", App::open_link;
    CopyLink = "copy_link", Normal, ["y"], "copy the article's link (OSC 52, over SSH too)", App::copy_link;
    Save = "save", Normal, ["w"], "save the article as text in save_dir, named by its title", App::save_article;
    Pipe = "pipe", Normal, ["|"], "pipe the article's text to a shell command (asked for)", App::pipe_article;
    MarkAllRead = "mark_all_read", Normal, ["A"], "mark every article of the list read (asks first)", App::mark_all_read;
    ShowFeeds = "feeds", Normal, ["F"], "the feeds and query feeds (Enter: its articles; r/R: refresh)", App::show_feeds;
    ShowActors = "actors", Normal, ["P"], "every actor of the corpus (Enter: its statements)", App::show_actors;
    Sort = "sort", Normal, ["S"], "order: newest, oldest, by source, unread first (kept per feed)", App::sort;
    FilterActor = "filter_actor", Normal, ["a"], "only the stories that mention the selected actor", App::filter_by_actor;
    SearchArticle = "search", Normal, ["/"], "search in this article (↑/↓: past queries)", App::open_prompt;
    SearchCorpus = "search_all", Normal, ["s", "ctrl-f"], "search every article", App::open_prompt;
    NextMatch = "next_match", Normal, ["n"], "next match (a search shown), else the next unread, feed to feed", App::next_match;
    PrevMatch = "prev_match", Normal, ["N"], "previous match (a search shown), else the previous unread", App::next_match;
    Messages = "messages", Normal, ["m"], "the last messages, whole (Esc closes)", App::show_messages;
    Help = "help", Normal, ["?"], "this help", App::toggle_help;
    Close = "close", Normal, ["esc"], "close, clear a highlight or filter (a feed's list: back to F)", App::close;
    Suspend = "suspend", Normal, ["ctrl-z"], "suspend khabar (the shell's fg brings it back)", App::suspend;
    Quit = "quit", Normal, ["q", "ctrl-c"], "quit", App::quit;
    PromptAccept = "prompt_accept", Prompt, ["enter"], "keep the search and leave the prompt", App::prompt_key;
    PromptCancel = "prompt_cancel", Prompt, ["esc"], "cancel the search, back to where you were", App::prompt_key;
    PromptErase = "prompt_erase", Prompt, ["backspace"], "erase the last character", App::prompt_key;
    PromptEraseWord = "prompt_erase_word", Prompt, ["ctrl-w"], "erase the last word", App::prompt_key;
    PromptClear = "prompt_clear", Prompt, ["ctrl-u"], "erase the whole query", App::prompt_key;
    PromptHistoryPrev = "prompt_history_prev", Prompt, ["up"], "the previous query typed", App::prompt_key;
    PromptHistoryNext = "prompt_history_next", Prompt, ["down"], "the next query typed", App::prompt_key;
}

impl Action {
    /// What it does, in the interface's language: the declaration's
    /// line, or its translation (`action-NAME`) when there is one.
    pub fn label(self) -> String {
        super::i18n::translation(&format!("action-{}", self.name()))
            .unwrap_or_else(|| self.description().to_string())
    }

    /// The action named `name` in the config.
    pub fn from_name(name: &str) -> Option<Action> {
        Action::ALL.iter().copied().find(|a| a.name() == name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_every_action_has_keys_and_help() {
        let mut names: Vec<&str> = Action::ALL.iter().map(|a| a.name()).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), Action::ALL.len());
        for a in Action::ALL {
            assert!(!a.default_keys().is_empty(), "{a:?}");
            assert!(!a.description().is_empty(), "{a:?}");
            assert_eq!(Action::from_name(a.name()), Some(*a));
        }
    }
}
