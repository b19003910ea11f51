//! The one place that lists khabar's key commands: what each action is
//! called, what it does, and which keys trigger it. The help overlay and the
//! status bar's hints are generated from here, and the config file rebinds
//! actions by name.

use std::collections::HashMap;
use std::fmt;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Everything a key can do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Action {
    Quit,
    FocusNext,
    FocusPrev,
    Down,
    Up,
    Open,
    PageDown,
    PageUp,
    HalfPageDown,
    HalfPageUp,
    Top,
    Bottom,
    PrevArticle,
    NextArticle,
    ToggleFacts,
    FlipLayout,
    FilterActor,
    SearchArticle,
    SearchCorpus,
    NextMatch,
    PrevMatch,
    ToggleRead,
    NextUnread,
    Refresh,
    Help,
    Close,
}

impl Action {
    /// Every action, in the order the help lists them.
    pub const ALL: [Action; 26] = [
        Action::Down,
        Action::Up,
        Action::PageDown,
        Action::PageUp,
        Action::HalfPageDown,
        Action::HalfPageUp,
        Action::Top,
        Action::Bottom,
        Action::Open,
        Action::NextArticle,
        Action::PrevArticle,
        Action::NextUnread,
        Action::ToggleRead,
        Action::Refresh,
        Action::FocusNext,
        Action::FocusPrev,
        Action::ToggleFacts,
        Action::FlipLayout,
        Action::FilterActor,
        Action::SearchArticle,
        Action::SearchCorpus,
        Action::NextMatch,
        Action::PrevMatch,
        Action::Help,
        Action::Close,
        Action::Quit,
    ];

    /// The name used in the config file's `[keys]` table.
    pub fn name(self) -> &'static str {
        match self {
            Action::Quit => "quit",
            Action::FocusNext => "focus_next",
            Action::FocusPrev => "focus_prev",
            Action::Down => "down",
            Action::Up => "up",
            Action::Open => "open",
            Action::PageDown => "page_down",
            Action::PageUp => "page_up",
            Action::HalfPageDown => "half_page_down",
            Action::HalfPageUp => "half_page_up",
            Action::Top => "top",
            Action::Bottom => "bottom",
            Action::PrevArticle => "prev_article",
            Action::NextArticle => "next_article",
            Action::ToggleFacts => "toggle_facts",
            Action::FlipLayout => "flip_layout",
            Action::FilterActor => "filter_actor",
            Action::SearchArticle => "search",
            Action::SearchCorpus => "search_all",
            Action::NextMatch => "next_match",
            Action::PrevMatch => "prev_match",
            Action::ToggleRead => "toggle_read",
            Action::NextUnread => "next_unread",
            Action::Refresh => "refresh",
            Action::Help => "help",
            Action::Close => "close",
        }
    }

    /// What it does, for the help overlay.
    pub fn description(self) -> &'static str {
        match self {
            Action::Quit => "quit",
            Action::FocusNext => "focus the next pane",
            Action::FocusPrev => "focus the previous pane",
            Action::Down => "move down / scroll down",
            Action::Up => "move up / scroll up",
            Action::Open => "open the article, or show the fact's sentence",
            Action::PageDown => "page down",
            Action::PageUp => "page up",
            Action::HalfPageDown => "half a page down",
            Action::HalfPageUp => "half a page up",
            Action::Top => "go to the top",
            Action::Bottom => "go to the bottom",
            Action::PrevArticle => "previous article (from anywhere)",
            Action::NextArticle => "next article (from anywhere)",
            Action::ToggleFacts => "show or hide the facts panel",
            Action::FlipLayout => "flip the layout (right-to-left / left-to-right)",
            Action::FilterActor => "only the stories that mention the selected actor",
            Action::SearchArticle => "search in this article (↑/↓: past queries)",
            Action::SearchCorpus => "search every article",
            Action::NextMatch => "next match",
            Action::PrevMatch => "previous match",
            Action::ToggleRead => "mark the article read / unread (unread: bold)",
            Action::NextUnread => "open the next unread article",
            Action::Refresh => "refresh the feeds (new articles marked ●)",
            Action::Help => "this help",
            Action::Close => "close the overlay, clear a highlight or a filter",
        }
    }

    fn from_name(name: &str) -> Option<Action> {
        Action::ALL.into_iter().find(|a| a.name() == name)
    }
}

/// One key with its modifiers, as written in the config (`j`, `G`, `ctrl-d`,
/// `shift-tab`, `pgdn`, `space`, `enter`, `esc`, `f1`, ...).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
    pub alt: bool,
}

impl Key {
    const fn plain(code: KeyCode) -> Key {
        Key {
            code,
            ctrl: false,
            alt: false,
        }
    }

    const fn char(c: char) -> Key {
        Key::plain(KeyCode::Char(c))
    }

    const fn ctrl(c: char) -> Key {
        Key {
            code: KeyCode::Char(c),
            ctrl: true,
            alt: false,
        }
    }

    /// The key of a terminal event. Shift is carried by the character itself
    /// (`G`), except for Shift-Tab, which terminals send as BackTab.
    pub fn from_event(e: &KeyEvent) -> Key {
        let code = match e.code {
            KeyCode::Char(c) if e.modifiers.contains(KeyModifiers::CONTROL) => {
                KeyCode::Char(c.to_ascii_lowercase())
            }
            other => other,
        };
        Key {
            code,
            ctrl: e.modifiers.contains(KeyModifiers::CONTROL),
            alt: e.modifiers.contains(KeyModifiers::ALT),
        }
    }

    /// Parse a key as written in the config.
    pub fn parse(s: &str) -> Result<Key, String> {
        let mut ctrl = false;
        let mut alt = false;
        let mut shift = false;
        let mut rest = s;
        loop {
            let lower = rest.to_ascii_lowercase();
            if let Some(r) = lower
                .strip_prefix("ctrl-")
                .or_else(|| lower.strip_prefix("c-"))
            {
                ctrl = true;
                rest = &rest[rest.len() - r.len()..];
            } else if let Some(r) = lower
                .strip_prefix("alt-")
                .or_else(|| lower.strip_prefix("m-"))
            {
                alt = true;
                rest = &rest[rest.len() - r.len()..];
            } else if let Some(r) = lower.strip_prefix("shift-") {
                shift = true;
                rest = &rest[rest.len() - r.len()..];
            } else {
                break;
            }
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) => KeyCode::Char(if ctrl { c.to_ascii_lowercase() } else { c }),
            _ => match rest.to_ascii_lowercase().as_str() {
                "enter" | "return" => KeyCode::Enter,
                "esc" | "escape" => KeyCode::Esc,
                "tab" if shift => KeyCode::BackTab,
                "tab" => KeyCode::Tab,
                "backtab" => KeyCode::BackTab,
                "space" => KeyCode::Char(' '),
                "up" => KeyCode::Up,
                "down" => KeyCode::Down,
                "left" => KeyCode::Left,
                "right" => KeyCode::Right,
                "pgup" | "pageup" => KeyCode::PageUp,
                "pgdn" | "pagedown" => KeyCode::PageDown,
                "home" => KeyCode::Home,
                "end" => KeyCode::End,
                "backspace" => KeyCode::Backspace,
                "delete" | "del" => KeyCode::Delete,
                f if f.starts_with('f')
                    && f[1..].parse::<u8>().is_ok_and(|n| (1..=12).contains(&n)) =>
                {
                    KeyCode::F(f[1..].parse().unwrap_or(1))
                }
                _ => return Err(format!("unknown key `{s}`")),
            },
        };
        Ok(Key { code, ctrl, alt })
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            write!(f, "Ctrl-")?;
        }
        if self.alt {
            write!(f, "Alt-")?;
        }
        match self.code {
            KeyCode::Char(' ') => write!(f, "Space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Enter => write!(f, "Enter"),
            KeyCode::Esc => write!(f, "Esc"),
            KeyCode::Tab => write!(f, "Tab"),
            KeyCode::BackTab => write!(f, "Shift-Tab"),
            KeyCode::Up => write!(f, "↑"),
            KeyCode::Down => write!(f, "↓"),
            KeyCode::Left => write!(f, "←"),
            KeyCode::Right => write!(f, "→"),
            KeyCode::PageUp => write!(f, "PgUp"),
            KeyCode::PageDown => write!(f, "PgDn"),
            KeyCode::Home => write!(f, "Home"),
            KeyCode::End => write!(f, "End"),
            KeyCode::Backspace => write!(f, "Backspace"),
            KeyCode::Delete => write!(f, "Del"),
            KeyCode::F(n) => write!(f, "F{n}"),
            other => write!(f, "{other:?}"),
        }
    }
}

/// Keys to actions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyMap {
    bindings: Vec<(Key, Action)>,
}

impl Default for KeyMap {
    fn default() -> Self {
        use Action::*;
        use KeyCode as K;
        let bindings = vec![
            (Key::char('q'), Quit),
            (Key::ctrl('c'), Quit),
            (Key::plain(K::Tab), FocusNext),
            (Key::plain(K::BackTab), FocusPrev),
            (Key::char('j'), Down),
            (Key::plain(K::Down), Down),
            (Key::char('k'), Up),
            (Key::plain(K::Up), Up),
            (Key::plain(K::Enter), Open),
            (Key::char(' '), PageDown),
            (Key::plain(K::PageDown), PageDown),
            (Key::char('b'), PageUp),
            (Key::plain(K::PageUp), PageUp),
            (Key::ctrl('d'), HalfPageDown),
            (Key::ctrl('u'), HalfPageUp),
            (Key::char('g'), Top),
            (Key::plain(K::Home), Top),
            (Key::char('G'), Bottom),
            (Key::plain(K::End), Bottom),
            (Key::char('['), PrevArticle),
            (Key::char(']'), NextArticle),
            (Key::char('f'), ToggleFacts),
            (Key::char('L'), FlipLayout),
            (Key::char('a'), FilterActor),
            (Key::char('/'), SearchArticle),
            (Key::char('s'), SearchCorpus),
            (Key::ctrl('f'), SearchCorpus),
            (Key::char('n'), NextMatch),
            (Key::char('N'), PrevMatch),
            (Key::char('u'), ToggleRead),
            (Key::char('.'), NextUnread),
            (Key::char('R'), Refresh),
            (Key::char('?'), Help),
            (Key::plain(K::Esc), Close),
        ];
        KeyMap { bindings }
    }
}

impl KeyMap {
    /// The action bound to a key event.
    pub fn action(&self, e: &KeyEvent) -> Option<Action> {
        let key = Key::from_event(e);
        if key == Key::ctrl('c') {
            return Some(Action::Quit); // always a way out
        }
        self.bindings
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, a)| *a)
    }

    /// The keys bound to `action`.
    pub fn keys(&self, action: Action) -> Vec<Key> {
        self.bindings
            .iter()
            .filter(|(_, a)| *a == action)
            .map(|(k, _)| *k)
            .collect()
    }

    /// The keys of `action` as the help shows them: `j / ↓`.
    pub fn keys_label(&self, action: Action) -> String {
        self.keys(action)
            .iter()
            .map(Key::to_string)
            .collect::<Vec<_>>()
            .join(" / ")
    }

    /// Rebind: each named action gets exactly the keys given; a key taken
    /// from another action leaves it. Errors name the action or key.
    pub fn rebind(&mut self, overrides: &HashMap<String, Vec<String>>) -> Result<(), String> {
        let mut names: Vec<&String> = overrides.keys().collect();
        names.sort();
        for name in names {
            let action = Action::from_name(name).ok_or_else(|| {
                let known: Vec<&str> = Action::ALL.iter().map(|a| a.name()).collect();
                format!("unknown action `{name}` (known: {})", known.join(", "))
            })?;
            let keys = overrides[name]
                .iter()
                .map(|k| Key::parse(k))
                .collect::<Result<Vec<_>, _>>()?;
            self.bindings
                .retain(|(k, a)| *a != action && !keys.contains(k));
            self.bindings.extend(keys.into_iter().map(|k| (k, action)));
        }
        Ok(())
    }

    /// (keys, description) for every action, for the help overlay.
    pub fn help(&self) -> Vec<(String, &'static str)> {
        Action::ALL
            .iter()
            .map(|&a| (self.keys_label(a), a.description()))
            .filter(|(k, _)| !k.is_empty())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(code: KeyCode, m: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, m)
    }

    #[test]
    fn defaults_and_shifted_letters() {
        let k = KeyMap::default();
        assert_eq!(
            k.action(&ev(KeyCode::Char('j'), KeyModifiers::NONE)),
            Some(Action::Down)
        );
        assert_eq!(
            k.action(&ev(KeyCode::Char('G'), KeyModifiers::SHIFT)),
            Some(Action::Bottom)
        );
        assert_eq!(
            k.action(&ev(KeyCode::Char('d'), KeyModifiers::CONTROL)),
            Some(Action::HalfPageDown)
        );
        assert_eq!(
            k.action(&ev(KeyCode::BackTab, KeyModifiers::SHIFT)),
            Some(Action::FocusPrev)
        );
    }

    #[test]
    fn rebinding_moves_keys() {
        let mut k = KeyMap::default();
        let mut o = HashMap::new();
        o.insert("quit".to_string(), vec!["x".to_string()]);
        o.insert(
            "down".to_string(),
            vec!["n".to_string(), "ctrl-n".to_string()],
        );
        k.rebind(&o).unwrap();
        assert_eq!(
            k.action(&ev(KeyCode::Char('x'), KeyModifiers::NONE)),
            Some(Action::Quit)
        );
        assert_eq!(k.action(&ev(KeyCode::Char('q'), KeyModifiers::NONE)), None);
        assert_eq!(
            k.action(&ev(KeyCode::Char('n'), KeyModifiers::CONTROL)),
            Some(Action::Down)
        );
        assert_eq!(k.keys_label(Action::Down), "n / Ctrl-n");
        // Ctrl-C always quits
        assert_eq!(
            k.action(&ev(KeyCode::Char('c'), KeyModifiers::CONTROL)),
            Some(Action::Quit)
        );
    }

    #[test]
    fn bad_names_are_errors() {
        let mut k = KeyMap::default();
        let mut o = HashMap::new();
        o.insert("fly".to_string(), vec!["x".to_string()]);
        assert!(k.rebind(&o).unwrap_err().contains("unknown action `fly`"));
        let mut o = HashMap::new();
        o.insert("quit".to_string(), vec!["hyper-x".to_string()]);
        assert!(k.rebind(&o).unwrap_err().contains("unknown key"));
    }
}
