//! Keys as written in the config (`j`, `G`, `shift-x`, `ctrl-d`,
//! `shift-tab`, `pgdn`, `space`, `enter`, `esc`, `f1`, ...) and the map from
//! keys to actions: the defaults of [`Action`], with the config's `[keys]`
//! table applied. Each mode (the panes, the prompt) has its own keys.

use std::fmt;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::config::{Config, ConfigError, KeyEntry};

use super::actions::{Action, Mode};

/// One key with its modifiers. Shift is carried by the character itself
/// (`G`, and `shift-g` means the same); for other keys it is a modifier.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
    pub alt: bool,
    pub shift: bool,
}

impl Key {
    /// The key of a terminal event.
    pub fn from_event(e: &KeyEvent) -> Key {
        let ctrl = e.modifiers.contains(KeyModifiers::CONTROL);
        let code = match e.code {
            KeyCode::Char(c) if ctrl => KeyCode::Char(c.to_ascii_lowercase()),
            other => other,
        };
        Key {
            code,
            ctrl,
            alt: e.modifiers.contains(KeyModifiers::ALT),
            shift: !matches!(code, KeyCode::Char(_) | KeyCode::BackTab)
                && e.modifiers.contains(KeyModifiers::SHIFT),
        }
    }

    /// Parse a key as written in the config.
    pub fn parse(s: &str) -> Result<Key, String> {
        let (mut ctrl, mut alt, mut shift) = (false, false, false);
        let mut rest = s;
        loop {
            let lower = rest.to_ascii_lowercase();
            let prefix = ["ctrl-", "c-", "alt-", "m-", "shift-", "s-"]
                .into_iter()
                .find(|p| lower.starts_with(p) && lower.len() > p.len());
            let Some(p) = prefix else { break };
            match p {
                "ctrl-" | "c-" => ctrl = true,
                "alt-" | "m-" => alt = true,
                _ => shift = true,
            }
            rest = &rest[p.len()..];
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) => {
                let c = if ctrl {
                    c.to_ascii_lowercase()
                } else if shift {
                    shift = false;
                    c.to_uppercase().next().unwrap_or(c)
                } else {
                    c
                };
                KeyCode::Char(c)
            }
            _ => match rest.to_ascii_lowercase().as_str() {
                "enter" | "return" => KeyCode::Enter,
                "esc" | "escape" => KeyCode::Esc,
                "tab" if shift => {
                    shift = false;
                    KeyCode::BackTab
                }
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
                f if f.len() > 1
                    && f.starts_with('f')
                    && f[1..].parse::<u8>().is_ok_and(|n| (1..=12).contains(&n)) =>
                {
                    KeyCode::F(f[1..].parse().unwrap_or(1))
                }
                _ => return Err(format!("unknown key `{s}`")),
            },
        };
        Ok(Key {
            code,
            ctrl,
            alt,
            shift,
        })
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
        if self.shift {
            write!(f, "Shift-")?;
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

/// Ctrl-C: always a way out, whatever the config says.
const CTRL_C: Key = Key {
    code: KeyCode::Char('c'),
    ctrl: true,
    alt: false,
    shift: false,
};

/// Keys to actions, per mode.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyMap {
    bindings: Vec<(Key, Action)>,
}

impl Default for KeyMap {
    fn default() -> Self {
        let bindings = Action::ALL
            .iter()
            .flat_map(|&a| {
                a.default_keys()
                    .iter()
                    .map(move |k| (Key::parse(k).unwrap_or_else(|e| panic!("{a:?}: {e}")), a))
            })
            .collect();
        KeyMap { bindings }
    }
}

impl KeyMap {
    /// The default keys with the config's `[keys]` table applied. Each
    /// action named gets exactly the keys given, and a key given to one
    /// action leaves the action it had by default. Refused, with the
    /// entry's `file:line:col`: an unknown action or key, one key given to
    /// two actions of a mode, and an action left with no key.
    pub fn from_config(config: &Config) -> Result<KeyMap, ConfigError> {
        let mut map = KeyMap::default();
        let err = |e: &KeyEntry, message: String| {
            ConfigError::at(
                config.path.as_deref(),
                e.line,
                e.column,
                format!("[keys]: {message}"),
            )
        };
        // (key, mode) -> the entry that gave it
        let mut given: Vec<(Key, Mode, &KeyEntry)> = Vec::new();
        for entry in &config.keys {
            let action = Action::from_name(&entry.action).ok_or_else(|| {
                let known: Vec<&str> = Action::ALL.iter().map(|a| a.name()).collect();
                err(
                    entry,
                    format!(
                        "unknown action `{}` (known: {})",
                        entry.action,
                        known.join(", ")
                    ),
                )
            })?;
            let keys = entry
                .keys
                .iter()
                .map(|k| Key::parse(k))
                .collect::<Result<Vec<_>, _>>()
                .map_err(|m| err(entry, format!("{}: {m}", entry.action)))?;
            for &k in &keys {
                if let Some((_, _, other)) = given
                    .iter()
                    .find(|(g, m, _)| *g == k && *m == action.mode())
                {
                    return Err(err(
                        entry,
                        format!(
                            "`{k}` is given to both `{}` (line {}) and `{}`",
                            other.action, other.line, entry.action
                        ),
                    ));
                }
                given.push((k, action.mode(), entry));
            }
            map.bindings
                .retain(|(k, a)| *a != action && !(a.mode() == action.mode() && keys.contains(k)));
            map.bindings.extend(keys.into_iter().map(|k| (k, action)));
        }
        for &action in Action::ALL {
            if map.keys(action).is_empty() {
                let entry = config
                    .keys
                    .iter()
                    .find(|e| e.action == action.name())
                    .or_else(|| {
                        // the entry that took its last key
                        let defaults: Vec<Key> = action
                            .default_keys()
                            .iter()
                            .filter_map(|k| Key::parse(k).ok())
                            .collect();
                        given
                            .iter()
                            .find(|(k, m, _)| *m == action.mode() && defaults.contains(k))
                            .map(|(_, _, e)| *e)
                    });
                let message = format!("`{}` would have no key left", action.name());
                return Err(match entry {
                    Some(e) => err(e, message),
                    None => ConfigError::at(config.path.as_deref(), 1, 1, message),
                });
            }
        }
        Ok(map)
    }

    /// The action bound to a key event in `mode`.
    pub fn action(&self, mode: Mode, e: &KeyEvent) -> Option<Action> {
        let key = Key::from_event(e);
        if key == CTRL_C {
            return Some(Action::Quit);
        }
        self.bindings
            .iter()
            .find(|(k, a)| *k == key && a.mode() == mode)
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

    /// The first key of `action`, for hints (`? help`).
    pub fn first_key(&self, action: Action) -> String {
        self.keys(action)
            .first()
            .map(Key::to_string)
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn ev(code: KeyCode, m: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, m)
    }

    fn config(keys: &str) -> Config {
        Config::parse(Path::new("/c/config.toml"), &format!("[keys]\n{keys}")).unwrap()
    }

    #[test]
    fn defaults_and_shifted_letters() {
        let k = KeyMap::default();
        let n = Mode::Normal;
        assert_eq!(
            k.action(n, &ev(KeyCode::Char('j'), KeyModifiers::NONE)),
            Some(Action::Down)
        );
        assert_eq!(
            k.action(n, &ev(KeyCode::Char('G'), KeyModifiers::SHIFT)),
            Some(Action::Bottom)
        );
        assert_eq!(
            k.action(n, &ev(KeyCode::Char('d'), KeyModifiers::CONTROL)),
            Some(Action::HalfPageDown)
        );
        assert_eq!(
            k.action(n, &ev(KeyCode::BackTab, KeyModifiers::SHIFT)),
            Some(Action::FocusPrev)
        );
        // the prompt has its own keys: j types, Enter accepts
        assert_eq!(
            k.action(Mode::Prompt, &ev(KeyCode::Char('j'), KeyModifiers::NONE)),
            None
        );
        assert_eq!(
            k.action(Mode::Prompt, &ev(KeyCode::Enter, KeyModifiers::NONE)),
            Some(Action::PromptAccept)
        );
    }

    #[test]
    fn shift_x_means_capital_x() {
        assert_eq!(Key::parse("shift-x"), Key::parse("X"));
        assert_eq!(Key::parse("shift-tab"), Key::parse("backtab"));
        let k = Key::parse("shift-up").unwrap();
        assert!(k.shift);
        assert_eq!(
            Key::from_event(&ev(KeyCode::Up, KeyModifiers::SHIFT)),
            k,
            "Shift+↑ from the terminal"
        );
        let map = KeyMap::from_config(&config("bottom = \"shift-x\"\n")).unwrap();
        assert_eq!(
            map.action(Mode::Normal, &ev(KeyCode::Char('X'), KeyModifiers::SHIFT)),
            Some(Action::Bottom)
        );
    }

    #[test]
    fn rebinding_moves_keys() {
        let k = KeyMap::from_config(&config(
            "quit = \"x\"\ndown = [\"n\", \"ctrl-n\"]\nnext_match = \">\"\n",
        ))
        .unwrap();
        let n = Mode::Normal;
        assert_eq!(
            k.action(n, &ev(KeyCode::Char('x'), KeyModifiers::NONE)),
            Some(Action::Quit)
        );
        assert_eq!(
            k.action(n, &ev(KeyCode::Char('q'), KeyModifiers::NONE)),
            None
        );
        assert_eq!(
            k.action(n, &ev(KeyCode::Char('n'), KeyModifiers::CONTROL)),
            Some(Action::Down)
        );
        assert_eq!(k.keys_label(Action::Down), "n / Ctrl-n");
        // n was next_match's: it moved
        assert_eq!(k.keys_label(Action::NextMatch), ">");
        // Ctrl-C always quits
        assert_eq!(
            k.action(n, &ev(KeyCode::Char('c'), KeyModifiers::CONTROL)),
            Some(Action::Quit)
        );
        // a prompt key may be a pane key too
        let k = KeyMap::from_config(&config("prompt_accept = \"ctrl-j\"\n")).unwrap();
        assert_eq!(
            k.action(Mode::Prompt, &ev(KeyCode::Enter, KeyModifiers::NONE)),
            None
        );
        assert_eq!(
            k.action(Mode::Normal, &ev(KeyCode::Enter, KeyModifiers::NONE)),
            Some(Action::Open)
        );
    }

    #[test]
    fn conflicts_and_actions_without_keys_are_refused_with_the_line() {
        let bad = |keys: &str| {
            let c = config(keys);
            KeyMap::from_config(&c).unwrap_err()
        };
        let e = bad("help = \"x\"\nquit = [\"x\", \"q\"]\n");
        assert_eq!((e.line, e.column), (3, 1), "{e}");
        assert!(e.message.contains("given to both `help`"), "{e}");
        let e = bad("down = \"j\"\nquit = []\n");
        assert_eq!((e.line, e.column), (3, 1), "{e}");
        assert!(e.message.contains("`quit` would have no key left"), "{e}");
        // esc taken by quit: close has no key left, said at quit's line
        let e = bad("\nquit = \"esc\"\n");
        assert_eq!(e.line, 3, "{e}");
        assert!(e.message.contains("`close` would have no key left"), "{e}");
        let e = bad("fly = \"x\"\n");
        assert!(e.message.contains("unknown action `fly`"), "{e}");
        let e = bad("quit = \"hyper-x\"\n");
        assert!(e.message.contains("unknown key"), "{e}");
        assert!(
            e.to_string().starts_with("/c/config.toml:2:1: [keys]"),
            "{e}"
        );
    }
}
