//! `~/.config/khabar/config.toml`: theme, layout, bidi mode, feeds and key
//! bindings, used by the browser and the command-line subcommands alike. A
//! broken file is an error naming the file, the line and the problem; khabar
//! never starts with half a config.
//!
//! ```toml
//! theme = "dark"        # or "light"
//! layout = "rtl"        # list on the right (default), or "ltr"
//! bidi = "auto"         # what suits the terminal; or "engine", "terminal"
//! feeds = ["https://example.com/rss.xml"]   # opened beside the paths given
//! refresh_on_start = true   # fetch the feeds when khabar opens (R: any time)
//! fetch_timeout = 30        # seconds a whole feed may take to arrive
//! full_text = "auto"    # fetch feed items' pages for their whole text:
//!                       # "auto" (when the feed gives a summary), "always", "never"
//! [full_text_feeds]     # the same, feed by feed
//! "https://example.com/rss.xml" = "always"
//! [keys]
//! quit = ["q", "ctrl-c"]
//! down = "n"
//! ```
//!
//! The key table is kept as written, with where each entry is: the browser
//! checks it against its actions (see `tui::keymap`) and reports problems
//! with the same `file:line:col`.

use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::corpus::fetch::{FetchLimits, is_url};
pub use crate::corpus::refresh::FullText;

/// Which side the article list is on.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum LayoutDir {
    /// Mirrored for a right-to-left reader: list on the right, facts on the left.
    #[default]
    Rtl,
    Ltr,
}

/// Who does the bidi: what suits the terminal detected (`auto`), khabar's
/// engine, or the terminal.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum BidiMode {
    #[default]
    Auto,
    Engine,
    Terminal,
}

/// Colour scheme.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ThemeName {
    #[default]
    Dark,
    Light,
}

/// One entry of the `[keys]` table: an action's name and the keys given
/// for it, as written, with the entry's place in the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyEntry {
    pub action: String,
    pub keys: Vec<String>,
    pub line: usize,
    pub column: usize,
}

/// The settings khabar runs with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    pub theme: ThemeName,
    pub layout: LayoutDir,
    pub bidi: BidiMode,
    /// The `[keys]` table, in the order written.
    pub keys: Vec<KeyEntry>,
    /// Feeds (http(s) URLs) opened beside the paths given.
    pub feeds: Vec<String>,
    /// Fetch the feeds as soon as khabar opens (the stored articles show
    /// at once either way).
    pub refresh_on_start: bool,
    /// Seconds a whole fetch may take (default 30).
    pub fetch_timeout: u64,
    /// The command `o` opens links with (the link is its last argument,
    /// or takes the place of `%u`); `$BROWSER`, else `xdg-open`, when unset.
    pub browser: Option<Vec<String>>,
    /// The interface's language, `en` or `ar` (else the locale's).
    pub lang: Option<String>,
    /// When feed items' pages are fetched for their whole text, and the
    /// feeds that say otherwise.
    pub full_text: FullText,
    pub full_text_feeds: Vec<(String, FullText)>,
    /// The file it came from, if any.
    pub path: Option<PathBuf>,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            theme: ThemeName::default(),
            layout: LayoutDir::default(),
            bidi: BidiMode::default(),
            keys: Vec::new(),
            feeds: Vec::new(),
            refresh_on_start: true,
            fetch_timeout: 30,
            browser: None,
            lang: None,
            full_text: FullText::Auto,
            full_text_feeds: Vec::new(),
            path: None,
        }
    }
}

/// A config file that cannot be used: where, and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}:{line}:{column}: {message}", path.display())]
pub struct ConfigError {
    pub path: PathBuf,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl ConfigError {
    /// An error about the file at `path`, at `line`:`column`.
    pub fn at(path: Option<&Path>, line: usize, column: usize, message: String) -> ConfigError {
        ConfigError {
            path: path.map_or_else(|| PathBuf::from("<config>"), Path::to_path_buf),
            line,
            column,
            message,
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    theme: Option<Spanned<String>>,
    layout: Option<Spanned<String>>,
    bidi: Option<Spanned<String>>,
    keys: Option<std::collections::BTreeMap<Spanned<String>, toml::Value>>,
    feeds: Option<Vec<Spanned<String>>>,
    refresh_on_start: Option<bool>,
    fetch_timeout: Option<Spanned<i64>>,
    browser: Option<Spanned<String>>,
    lang: Option<Spanned<String>>,
    full_text: Option<Spanned<String>>,
    full_text_feeds: Option<std::collections::BTreeMap<Spanned<String>, Spanned<String>>>,
}

/// Is `NO_COLOR` set to something (<https://no-color.org>: set and not empty)?
pub fn no_color() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

/// Where the config file lives: `$KHABAR_CONFIG`, else the platform's
/// config directory (`~/.config/khabar/config.toml` on Linux).
pub fn default_path() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("KHABAR_CONFIG") {
        return Some(PathBuf::from(p));
    }
    directories::ProjectDirs::from("", "", "khabar").map(|d| d.config_dir().join("config.toml"))
}

impl Config {
    /// The config at `path` (the `--config` given), else at the default
    /// path; the defaults when there is none.
    pub fn load_or_default(path: Option<&Path>) -> Result<Config, ConfigError> {
        match path.map(Path::to_path_buf).or_else(default_path) {
            Some(p) => Config::load(&p),
            None => Ok(Config::default()),
        }
    }

    /// When the items of feed `url` have their pages fetched.
    pub fn full_text_for(&self, url: &str) -> FullText {
        self.full_text_feeds
            .iter()
            .find(|(u, _)| u == url)
            .map_or(self.full_text, |(_, m)| *m)
    }

    /// The limits of a fetch, with the configured timeout.
    pub fn fetch_limits(&self) -> FetchLimits {
        let total = std::time::Duration::from_secs(self.fetch_timeout);
        let d = FetchLimits::default();
        FetchLimits {
            total,
            connect: d.connect.min(total),
            ..d
        }
    }

    /// Load the config at `path`; a missing file gives the defaults.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        match std::fs::read(path) {
            Ok(bytes) => {
                let text = String::from_utf8(bytes).map_err(|e| {
                    ConfigError::at(
                        Some(path),
                        1,
                        1,
                        format!("not valid UTF-8 (byte {})", e.utf8_error().valid_up_to()),
                    )
                })?;
                Config::parse(path, &text)
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Config::default()),
            Err(e) => Err(ConfigError::at(
                Some(path),
                0,
                0,
                format!("cannot read: {e}"),
            )),
        }
    }

    /// Parse config text; `path` names it in errors.
    pub fn parse(path: &Path, text: &str) -> Result<Config, ConfigError> {
        let err = |span: Option<Range<usize>>, message: String| {
            let (line, column) = line_col(text, span.map_or(0, |s| s.start));
            ConfigError::at(Some(path), line, column, message)
        };
        let raw: RawConfig =
            toml::from_str(text).map_err(|e| err(e.span(), e.message().trim().to_string()))?;
        let mut config = Config {
            path: Some(path.to_path_buf()),
            ..Config::default()
        };
        if let Some(t) = raw.theme {
            config.theme = match t.get_ref().as_str() {
                "dark" => ThemeName::Dark,
                "light" => ThemeName::Light,
                other => {
                    return Err(err(
                        Some(t.span()),
                        format!("theme must be \"dark\" or \"light\", not {other:?}"),
                    ));
                }
            };
        }
        if let Some(l) = raw.layout {
            config.layout = parse_layout(l.get_ref()).ok_or_else(|| {
                err(
                    Some(l.span()),
                    format!("layout must be \"rtl\" or \"ltr\", not {:?}", l.get_ref()),
                )
            })?;
        }
        if let Some(b) = raw.bidi {
            config.bidi = parse_bidi(b.get_ref()).ok_or_else(|| {
                err(
                    Some(b.span()),
                    format!(
                        "bidi must be \"auto\", \"engine\" or \"terminal\", not {:?}",
                        b.get_ref()
                    ),
                )
            })?;
        }
        for f in raw.feeds.unwrap_or_default() {
            let url = f.get_ref().trim();
            if !is_url(url) {
                return Err(err(
                    Some(f.span()),
                    format!("feeds: {url:?} is not an http(s) URL"),
                ));
            }
            config.feeds.push(url.to_string());
        }
        if let Some(r) = raw.refresh_on_start {
            config.refresh_on_start = r;
        }
        if let Some(t) = raw.fetch_timeout {
            let secs = *t.get_ref();
            if !(1..=3600).contains(&secs) {
                return Err(err(
                    Some(t.span()),
                    format!("fetch_timeout is in seconds, from 1 to 3600, not {secs}"),
                ));
            }
            config.fetch_timeout = secs as u64;
        }
        if let Some(b) = raw.browser {
            let words = shlex::split(b.get_ref()).filter(|w| !w.is_empty());
            config.browser = Some(words.ok_or_else(|| {
                err(
                    Some(b.span()),
                    "browser must be a command, with its arguments quoted as in a shell".into(),
                )
            })?);
        }
        if let Some(l) = raw.lang {
            let lang = l.get_ref().trim().to_ascii_lowercase();
            if !matches!(lang.as_str(), "en" | "ar") {
                return Err(err(
                    Some(l.span()),
                    format!("lang must be \"en\" or \"ar\", not {:?}", l.get_ref()),
                ));
            }
            config.lang = Some(lang);
        }
        let full_text = |v: &Spanned<String>, key: &str| {
            FullText::parse(v.get_ref()).ok_or_else(|| {
                err(
                    Some(v.span()),
                    format!(
                        "{key} must be \"auto\", \"always\" or \"never\", not {:?}",
                        v.get_ref()
                    ),
                )
            })
        };
        if let Some(f) = &raw.full_text {
            config.full_text = full_text(f, "full_text")?;
        }
        for (url, mode) in raw.full_text_feeds.iter().flatten() {
            if !is_url(url.get_ref().trim()) {
                return Err(err(
                    Some(url.span()),
                    format!(
                        "[full_text_feeds]: {:?} is not an http(s) URL",
                        url.get_ref()
                    ),
                ));
            }
            let mode = full_text(mode, "[full_text_feeds]: a feed's value")?;
            config
                .full_text_feeds
                .push((url.get_ref().trim().to_string(), mode));
        }
        if let Some(keys) = raw.keys {
            for (name, value) in keys {
                // the entry's place: where its name is written
                let (line, column) = line_col(text, name.span().start);
                let name = name.into_inner();
                let keys = match value {
                    toml::Value::String(s) => vec![s],
                    toml::Value::Array(items) => items
                        .into_iter()
                        .map(|v| match v {
                            toml::Value::String(s) => Ok(s),
                            other => Err(other.type_str()),
                        })
                        .collect::<Result<_, _>>()
                        .map_err(|t| {
                            ConfigError::at(
                                Some(path),
                                line,
                                column,
                                format!("[keys]: `{name}` lists a {t}, not a key name"),
                            )
                        })?,
                    other => {
                        return Err(ConfigError::at(
                            Some(path),
                            line,
                            column,
                            format!(
                                "[keys]: `{name}` must be a key or a list of keys, not a {}",
                                other.type_str()
                            ),
                        ));
                    }
                };
                config.keys.push(KeyEntry {
                    action: name,
                    keys,
                    line,
                    column,
                });
            }
            config.keys.sort_by_key(|e| (e.line, e.column));
        }
        Ok(config)
    }
}

/// `rtl` / `ltr`.
pub fn parse_layout(s: &str) -> Option<LayoutDir> {
    match s {
        "rtl" => Some(LayoutDir::Rtl),
        "ltr" => Some(LayoutDir::Ltr),
        _ => None,
    }
}

/// `auto` / `engine` / `terminal`.
pub fn parse_bidi(s: &str) -> Option<BidiMode> {
    match s {
        "auto" => Some(BidiMode::Auto),
        "engine" => Some(BidiMode::Engine),
        "terminal" => Some(BidiMode::Terminal),
        _ => None,
    }
}

/// 1-based line and column of a byte offset.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(t: &str) -> Result<Config, ConfigError> {
        Config::parse(Path::new("/home/u/.config/khabar/config.toml"), t)
    }

    #[test]
    fn full_config() {
        let c = parse("theme = \"light\"\nlayout = \"ltr\"\nbidi = \"terminal\"\nfeeds = [\"https://a.example/rss\"]\nrefresh_on_start = false\n[keys]\nquit = \"x\"\ndown = [\"n\", \"down\"]\n").unwrap();
        assert_eq!(c.feeds, ["https://a.example/rss"]);
        assert!(!c.refresh_on_start);
        assert!(Config::default().refresh_on_start);
        assert_eq!(
            parse("fetch_timeout = 5\n")
                .unwrap()
                .fetch_limits()
                .total
                .as_secs(),
            5
        );
        let e = parse("\nfetch_timeout = 0\n").unwrap_err();
        assert_eq!((e.line, e.column), (2, 17), "{e}");
        assert_eq!(c.theme, ThemeName::Light);
        assert_eq!(c.layout, LayoutDir::Ltr);
        assert_eq!(c.bidi, BidiMode::Terminal);
        assert_eq!(
            c.keys,
            [
                KeyEntry {
                    action: "quit".into(),
                    keys: vec!["x".into()],
                    line: 7,
                    column: 1
                },
                KeyEntry {
                    action: "down".into(),
                    keys: vec!["n".into(), "down".into()],
                    line: 8,
                    column: 1
                }
            ]
        );
    }

    #[test]
    fn errors_name_file_line_and_problem() {
        let e = parse("theme = \"dark\"\nlayout = \"sideways\"\n").unwrap_err();
        assert_eq!((e.line, e.column), (2, 10));
        assert!(
            e.to_string()
                .starts_with("/home/u/.config/khabar/config.toml:2:10: layout must be"),
            "{e}"
        );

        let e = parse("theme = \"dark\"\ncolour = 3\n").unwrap_err();
        assert_eq!(e.line, 2);
        assert!(e.message.contains("unknown field `colour`"), "{e}");

        let e = parse("feeds = [\"https://ok.example/\", \"ftp://no\"]\n").unwrap_err();
        assert_eq!(e.line, 1);
        assert!(e.message.contains("not an http(s) URL"), "{e}");

        let e = parse("theme = \"dark\n").unwrap_err();
        assert_eq!(e.line, 1);

        let e = parse("[keys]\nquit = \"q\"\nfly = 3\n").unwrap_err();
        assert_eq!((e.line, e.column), (3, 1));
        assert!(e.message.contains("must be a key or a list"), "{e}");
    }

    #[test]
    fn missing_file_gives_defaults() {
        let c = Config::load(Path::new("/nonexistent/khabar/config.toml")).unwrap();
        assert_eq!(c, Config::default());
    }
}
