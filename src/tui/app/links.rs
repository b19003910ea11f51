//! The article's link: `o` opens it with the browser of the config, `y`
//! copies it.

use super::*;

impl App {
    /// Where the shown article is: its link, else its file.
    pub(super) fn current_link(&self) -> Option<String> {
        let a = self.current_article()?;
        a.url.clone().filter(|u| !u.is_empty()).or_else(|| {
            (!a.path.is_empty() && !a.path.starts_with("seeds/")).then(|| a.path.clone())
        })
    }

    /// `o`: open the article's link (or file) with the browser; the
    /// terminal comes back when it ends.
    pub(in crate::tui) fn open_link(&mut self, _: Action) {
        let Some(link) = self.current_link() else {
            self.status.say(tr("no-link", &[]));
            return;
        };
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

    /// `y`: copy the article's link (OSC 52, which works over SSH).
    pub(in crate::tui) fn copy_link(&mut self, _: Action) {
        let Some(link) = self.current_link() else {
            self.status.say(tr("no-link", &[]));
            return;
        };
        self.effects.push(Effect::Copy(link.clone()));
        self.status.say(tr("copied", &[("link", link.into())]));
    }
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
