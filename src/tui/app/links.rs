//! The article's links: `o` opens one with the browser of the config, `y`
//! copies one. When the article has numbered links (`[3]` in its text, the
//! list at its end), they ask which: Enter for the article's own link, a
//! number then Enter for that link, Esc for none.

use super::*;

/// A question `o` or `y` is asking: which link.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct LinkQuestion {
    /// `OpenLink` or `CopyLink`.
    pub action: Action,
    /// The digits typed so far.
    pub typed: String,
    /// The article's numbered links.
    pub links: Vec<String>,
}

impl App {
    /// Where the shown article is: its link, else its file.
    pub(super) fn current_link(&self) -> Option<String> {
        let a = self.current_article()?;
        a.url.clone().filter(|u| !u.is_empty()).or_else(|| {
            (!a.path.is_empty() && !a.path.starts_with("seeds/")).then(|| a.path.clone())
        })
    }

    /// `o`: open a link of the article (or its file) with the browser; the
    /// terminal comes back when it ends.
    pub(in crate::tui) fn open_link(&mut self, action: Action) {
        self.ask_link(action);
    }

    /// `y`: copy a link of the article (OSC 52, which works over SSH).
    pub(in crate::tui) fn copy_link(&mut self, action: Action) {
        self.ask_link(action);
    }

    /// Ask which link when the article numbers some, else take its own.
    fn ask_link(&mut self, action: Action) {
        let links = self
            .current_article()
            .map(|a| a.links())
            .unwrap_or_default();
        if links.is_empty() {
            let link = self.current_link();
            self.use_link(action, link);
            return;
        }
        let q = LinkQuestion {
            action,
            typed: String::new(),
            links,
        };
        self.status.say(question(&q));
        self.link_question = Some(q);
    }

    /// A key while the question is asked: digits, Backspace, Enter, Esc.
    pub(super) fn link_key(&mut self, key: &KeyEvent) {
        let Some(mut q) = self.link_question.take() else {
            return;
        };
        match key.code {
            KeyCode::Char(c) if c.is_ascii_digit() && q.typed.len() < 6 => {
                q.typed.push(c);
            }
            KeyCode::Backspace => {
                q.typed.pop();
            }
            KeyCode::Enter if q.typed.is_empty() => {
                let link = self.current_link();
                self.use_link(q.action, link);
                return;
            }
            KeyCode::Enter => {
                let n: usize = q.typed.parse().unwrap_or(0);
                match q.links.get(n.wrapping_sub(1)) {
                    Some(l) => self.use_link(q.action, Some(l.clone())),
                    None => self.status.say(tr(
                        "no-such-link",
                        &[
                            ("n", (n as u64).into()),
                            ("count", (q.links.len() as u64).into()),
                        ],
                    )),
                }
                return;
            }
            _ => {
                self.status.say(tr("not-done", &[]));
                return;
            }
        }
        self.status.say(question(&q));
        self.link_question = Some(q);
    }

    /// Open or copy `link`.
    fn use_link(&mut self, action: Action, link: Option<String>) {
        let Some(link) = link else {
            self.status.say(tr("no-link", &[]));
            return;
        };
        if action == Action::CopyLink {
            self.effects.push(Effect::Copy(link.clone()));
            self.status.say(tr("copied", &[("link", link.into())]));
            return;
        }
        let mut command = self.browser.clone();
        if command.iter().any(|w| w.contains("%u")) {
            for w in &mut command {
                *w = w.replace("%u", &link);
            }
        } else {
            command.push(link.clone());
        }
        self.effects.push(Effect::Run(command));
        self.status.say(tr("opened", &[("link", link.into())]));
    }
}

/// The question, with what was typed.
fn question(q: &LinkQuestion) -> String {
    tr(
        if q.action == Action::CopyLink {
            "which-link-copy"
        } else {
            "which-link-open"
        },
        &[
            ("count", (q.links.len() as u64).into()),
            ("typed", q.typed.clone().into()),
        ],
    )
}

/// The command that opens links: the config's `browser`, else
/// `$BROWSER`, else the desktop's opener.
pub(super) fn browser_command(config: &Config) -> Vec<String> {
    config
        .browser
        .clone()
        .or_else(|| {
            std::env::var("BROWSER")
                .ok()
                .and_then(|b| shlex::split(&b))
                .filter(|w| !w.is_empty())
        })
        .unwrap_or_else(|| {
            vec![
                if cfg!(target_os = "macos") {
                    "open"
                } else {
                    "xdg-open"
                }
                .to_string(),
            ]
        })
}
