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
//! keep = "365d"         # feeds' articles kept this long ("8w", "1y", "all": the default)
//! keep_per_feed = 1000  # and at most this many of each feed's newest (0: no limit)
//! [keep_feeds."https://example.com/rss.xml"]   # a feed's own (unread ones always stay)
//! keep = "30d"
//! keep_per_feed = 200
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
pub use crate::corpus::store::prune::Retention;
use crate::corpus::store::prune::{Limit, parse_age};

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

/// A rule of the config (`[[query]]` or `[[ignore]]`), read, with where it
/// is written. Two are equal when they are written alike.
#[derive(Clone)]
pub struct RuleEntry {
    /// A query feed's name (none for an ignore rule).
    pub name: Option<String>,
    /// The rule as written.
    pub text: String,
    pub rule: std::sync::Arc<crate::search::rules::Rule>,
    pub line: usize,
    pub column: usize,
}

impl PartialEq for RuleEntry {
    fn eq(&self, other: &RuleEntry) -> bool {
        (&self.name, &self.text, self.line, self.column)
            == (&other.name, &other.text, other.line, other.column)
    }
}

impl Eq for RuleEntry {}

impl std::fmt::Debug for RuleEntry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RuleEntry")
            .field("name", &self.name)
            .field("text", &self.text)
            .field("line", &self.line)
            .finish()
    }
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
    /// How long feeds' articles are kept (`keep`, `keep_per_feed`, and
    /// `[keep_feeds."URL"]`); everything by default.
    pub retention: Retention,
    /// The file it came from, if any.
    pub path: Option<PathBuf>,
    /// Refresh the feeds this often while the browser runs (`reload`).
    pub reload: Option<std::time::Duration>,
    /// Query feeds (`[[query]]`): named rules, shown as feeds.
    pub queries: Vec<RuleEntry>,
    /// Ignore rules (`[[ignore]]`): the articles they match are hidden.
    pub ignore: Vec<RuleEntry>,
    /// Where `w` saves articles (`save_dir`); else the documents
    /// directory's `khabar`.
    pub save_dir: Option<PathBuf>,
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
            retention: Retention::default(),
            path: None,
            reload: None,
            queries: Vec::new(),
            ignore: Vec::new(),
            save_dir: None,
        }
    }
}

/// A config file that cannot be used: where, and why (line 0: the file
/// as a whole, e.g. missing).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}{}: {message}", path.display(), if *line > 0 { format!(":{line}:{column}") } else { String::new() })]
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
    reload: Option<Spanned<String>>,
    query: Option<Vec<Spanned<RawRule>>>,
    ignore: Option<Vec<Spanned<RawRule>>>,
    save_dir: Option<Spanned<String>>,
    full_text: Option<Spanned<String>>,
    full_text_feeds: Option<std::collections::BTreeMap<Spanned<String>, Spanned<String>>>,
    keep: Option<Spanned<String>>,
    keep_per_feed: Option<Spanned<i64>>,
    keep_feeds: Option<std::collections::BTreeMap<Spanned<String>, RawKeep>>,
}

/// A feed's own `keep` and `keep_per_feed`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawKeep {
    keep: Option<Spanned<String>>,
    keep_per_feed: Option<Spanned<i64>>,
}

/// A `[[query]]` or `[[ignore]]` table as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    name: Option<Spanned<String>>,
    rule: Option<Spanned<String>>,
}

/// Is `NO_COLOR` set to something (<https://no-color.org>: set and not empty)?
pub fn no_color() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

/// Where the config file lives when none is given: the platform's config
/// directory (`~/.config/khabar/config.toml` on Linux).
pub fn default_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "khabar").map(|d| d.config_dir().join("config.toml"))
}

/// The file `--config` named, for the whole run (set once by `main`,
/// whatever the subcommand).
static GIVEN: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();

/// Use the config at `path` for this run (`--config`, before or after the
/// subcommand); it wins over `$KHABAR_CONFIG`.
pub fn use_config(path: PathBuf) {
    let _ = GIVEN.set(path);
}

/// The config file named for this run, and by what: `--config`, else
/// `$KHABAR_CONFIG`. A file named must exist; an empty `KHABAR_CONFIG` is
/// an error, like an empty `KHABAR_DATA`.
fn given_path() -> Result<Option<(PathBuf, &'static str)>, ConfigError> {
    if let Some(p) = GIVEN.get() {
        return Ok(Some((p.clone(), "--config")));
    }
    match std::env::var_os("KHABAR_CONFIG") {
        Some(p) if p.is_empty() => Err(ConfigError::at(
            Some(Path::new("KHABAR_CONFIG")),
            0,
            0,
            "set but empty: give it a config file (or unset it for the default)".into(),
        )),
        Some(p) => Ok(Some((PathBuf::from(p), "KHABAR_CONFIG"))),
        None => Ok(None),
    }
}

impl Config {
    /// The config at `path` (the `--config` given), else the one `--config`
    /// or `$KHABAR_CONFIG` named for this run (which must exist), else the
    /// one at the default path; the defaults when that one does not exist.
    pub fn load_or_default(path: Option<&Path>) -> Result<Config, ConfigError> {
        let given = match path {
            Some(p) => Some((p.to_path_buf(), "--config")),
            None => given_path()?,
        };
        if let Some((p, by)) = given {
            if std::fs::metadata(&p).is_err_and(|e| e.kind() == std::io::ErrorKind::NotFound) {
                return Err(ConfigError::at(
                    Some(&p),
                    0,
                    0,
                    format!("no such config file (named by {by})"),
                ));
            }
            return Config::load(&p);
        }
        match default_path() {
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

    /// Load the config at `path`; a missing file gives the defaults (the
    /// default path's; a file named by `--config` must exist, see
    /// [`Config::load_or_default`]).
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
        let mut raw: RawConfig =
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
        if let Some(r) = raw.reload {
            config.reload = Some(parse_every(r.get_ref()).ok_or_else(|| {
                err(
                    Some(r.span()),
                    format!(
                        "reload is how often to refresh, from 10s to 7d: \"30m\", \"2h\", \"1d\", not {:?}",
                        r.get_ref()
                    ),
                )
            })?);
        }
        if let Some(d) = raw.save_dir {
            let dir = d.get_ref().trim();
            if dir.is_empty() {
                return Err(err(
                    Some(d.span()),
                    "save_dir is empty: give a directory".into(),
                ));
            }
            config.save_dir = Some(expand_home(dir));
        }
        let now = crate::corpus::store::now();
        let mut names = std::collections::HashMap::new();
        for (table, named) in [("query", true), ("ignore", false)] {
            let list = if named {
                raw.query.take()
            } else {
                raw.ignore.take()
            };
            for entry in list.unwrap_or_default() {
                let at = entry.span();
                let entry = entry.into_inner();
                let Some(rule) = entry.rule else {
                    return Err(err(
                        Some(at),
                        format!("[[{table}]] needs a rule = \"...\" (see `man khabar`, RULES)"),
                    ));
                };
                let name = match (named, entry.name) {
                    (true, None) => {
                        return Err(err(
                            Some(at),
                            "[[query]] needs a name = \"...\" (shown in the feeds)".into(),
                        ));
                    }
                    (true, Some(n)) => {
                        let trimmed = n.get_ref().trim().to_string();
                        if trimmed.is_empty() {
                            return Err(err(Some(n.span()), "the query's name is empty".into()));
                        }
                        let line = line_col(text, n.span().start).0;
                        if let Some(first) = names.insert(trimmed.clone(), line) {
                            return Err(err(
                                Some(n.span()),
                                format!("a query named {trimmed:?} is already on line {first}"),
                            ));
                        }
                        Some(trimmed)
                    }
                    (false, Some(n)) => {
                        return Err(err(
                            Some(n.span()),
                            "[[ignore]] takes a rule only, no name".into(),
                        ));
                    }
                    (false, None) => None,
                };
                let span = rule.span();
                let written = rule.into_inner();
                let parsed = crate::search::rules::parse(&written, now).map_err(|e| {
                    let offset = value_offset(text, span.clone(), e.at);
                    let (line, column) = line_col(text, offset);
                    ConfigError::at(
                        Some(path),
                        line,
                        column,
                        format!("[[{table}]] rule: {}", e.message),
                    )
                })?;
                let (line, column) = line_col(text, span.start);
                let entry = RuleEntry {
                    name,
                    text: written,
                    rule: std::sync::Arc::new(parsed),
                    line,
                    column,
                };
                if named {
                    config.queries.push(entry);
                } else {
                    config.ignore.push(entry);
                }
            }
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
        let age = |v: &Spanned<String>| parse_age(v.get_ref()).map_err(|m| err(Some(v.span()), m));
        let count = |v: &Spanned<i64>| match *v.get_ref() {
            0 => Ok(None),
            n @ 1..=100_000_000 => Ok(Some(n as usize)),
            n => Err(err(
                Some(v.span()),
                format!("keep_per_feed is a number of articles (0: no limit), not {n}"),
            )),
        };
        if let Some(k) = &raw.keep {
            config.retention.global.keep = age(k)?;
        }
        if let Some(n) = &raw.keep_per_feed {
            config.retention.global.per_feed = count(n)?;
        }
        for (url, own) in raw.keep_feeds.iter().flatten() {
            if !is_url(url.get_ref().trim()) {
                return Err(err(
                    Some(url.span()),
                    format!("[keep_feeds]: {:?} is not an http(s) URL", url.get_ref()),
                ));
            }
            let keep = match &own.keep {
                None => Limit::Global,
                Some(k) => age(k)?.map_or(Limit::None, Limit::Some),
            };
            let per_feed = match &own.keep_per_feed {
                None => Limit::Global,
                Some(n) => count(n)?.map_or(Limit::None, Limit::Some),
            };
            config
                .retention
                .feeds
                .push((url.get_ref().trim().to_string(), keep, per_feed));
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

/// Every key of the config file: its name, what it does, an example (the
/// manual page lists them; a test checks none of the keys read is left
/// out).
pub const KEYS: &[(&str, &str, &str)] = &[
    (
        "theme",
        "the colours: \"dark\" (the default) or \"light\"; NO_COLOR turns colour off whatever it says",
        "theme = \"light\"",
    ),
    (
        "lang",
        "the interface's language: \"en\" or \"ar\" (else the locale's)",
        "lang = \"ar\"",
    ),
    (
        "layout",
        "which side the article list is on: \"rtl\" (right, the default) or \"ltr\" (left); L flips it",
        "layout = \"ltr\"",
    ),
    (
        "bidi",
        "who does the bidi: \"engine\" (khabar, the default) or \"terminal\" (Konsole, mlterm)",
        "bidi = \"terminal\"",
    ),
    (
        "feeds",
        "feed URLs followed beside the subscriptions (khabar remove leaves them to the config)",
        "feeds = [\"https://example.com/rss.xml\", \"https://example.org/atom\"]",
    ),
    (
        "refresh_on_start",
        "fetch the feeds when the browser opens (true, the default); R any time",
        "refresh_on_start = false",
    ),
    (
        "reload",
        "refresh the feeds this often while the browser runs, in the background (progress in the status bar, the list keeps its place): from 10s to 7d, in s, m, h, d",
        "reload = \"30m\"",
    ),
    (
        "fetch_timeout",
        "seconds a whole fetch may take, from 1 to 3600 (30)",
        "fetch_timeout = 10",
    ),
    (
        "browser",
        "the command o opens links with: %u is the link, else it comes last (else $BROWSER, else xdg-open)",
        "browser = \"firefox --new-tab %u\"",
    ),
    (
        "full_text",
        "when refreshes fetch a feed item's page for its whole text: \"auto\" (when the feed gives a summary, the default), \"always\" or \"never\"",
        "full_text = \"always\"",
    ),
    (
        "[full_text_feeds]",
        "full_text for some feeds: a feed's URL and \"auto\", \"always\" or \"never\"",
        "[full_text_feeds]\n\"https://example.com/rss.xml\" = \"never\"",
    ),
    (
        "save_dir",
        "where w saves articles as text, named by their titles (~/Documents/khabar by default; ~/ is the home directory)",
        "save_dir = \"~/news/saved\"",
    ),
    (
        "keep",
        "how long feeds' articles are kept after their date: \"30d\", \"8w\", \"1y\", or \"all\" (the default); unread ones stay unless khabar prune --unread",
        "keep = \"365d\"",
    ),
    (
        "keep_per_feed",
        "at most this many of each feed's newest articles are kept (0, the default: no limit); unread ones stay",
        "keep_per_feed = 1000",
    ),
    (
        "[keep_feeds]",
        "keep and keep_per_feed for one feed, over the global ones (\"all\" or 0: no limit for it)",
        "[keep_feeds.\"https://example.com/rss.xml\"]\nkeep = \"30d\"\nkeep_per_feed = 200",
    ),
    (
        "[keys]",
        "keys of your own: an action's name (see KEYS) and a key or a list of keys; a key given to an action leaves the one it had",
        "[keys]\nnext_article = [\"ctrl-n\", \"]\"]",
    ),
    (
        "[[query]]",
        "a query feed: a name and a rule (see RULES), listed in F with its unread articles; Enter lists them",
        "[[query]]\nname = \"الأمن\"\nrule = 'text ~ \"الأمن\" and date > 7d'",
    ),
    (
        "[[ignore]]",
        "an ignore rule (see RULES): the articles it matches are hidden from every list, search and count of the browser",
        "[[ignore]]\nrule = 'source = \"إعلانات\" or title ~ \"برعاية\"'",
    ),
];

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

/// How often, from `30m`, `2h`, `1d`, `90s` (and sums: `1h30m`): from ten
/// seconds to seven days.
pub fn parse_every(s: &str) -> Option<std::time::Duration> {
    let s = s.trim();
    let mut total: u64 = 0;
    let mut digits = String::new();
    for c in s.chars() {
        if c.is_ascii_digit() {
            digits.push(c);
            continue;
        }
        let n: u64 = digits.parse().ok()?;
        digits.clear();
        let unit = match c {
            's' => 1,
            'm' => 60,
            'h' => 3600,
            'd' => 86_400,
            _ => return None,
        };
        total = total.checked_add(n.checked_mul(unit)?)?;
    }
    if !digits.is_empty() || s.is_empty() || !(10..=7 * 86_400).contains(&total) {
        return None;
    }
    Some(std::time::Duration::from_secs(total))
}

/// `~/x` as the home directory's `x`.
fn expand_home(dir: &str) -> PathBuf {
    match (dir.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => PathBuf::from(home).join(rest),
        _ => PathBuf::from(dir),
    }
}

/// The byte offset in the file `text` of the `k`th character of the value
/// of the string literal at `span` (basic or literal, one line or many):
/// an escape counts as the character it stands for. Past the end, the
/// literal's closing quote.
fn value_offset(text: &str, span: Range<usize>, k: usize) -> usize {
    let raw = &text[span.clone()];
    let multi = raw.starts_with("\"\"\"") || raw.starts_with("'''");
    let basic = raw.starts_with('"');
    let open = if multi { 3 } else { 1 };
    let mut at = span.start + open;
    // a new line right after the opening quotes is not in the value
    if multi && text[at..].starts_with('\n') {
        at += 1;
    } else if multi && text[at..].starts_with("\r\n") {
        at += 2;
    }
    let body = &text[at..span.end.saturating_sub(open).max(at)];
    let mut chars = body.char_indices().peekable();
    let mut seen = 0;
    while let Some((i, c)) = chars.next() {
        if seen == k {
            return at + i;
        }
        if basic && c == '\\' {
            // \uXXXX, \UXXXXXXXX, or one character
            let skip = match chars.peek() {
                Some((_, 'u')) => 5,
                Some((_, 'U')) => 9,
                _ => 1,
            };
            for _ in 0..skip {
                chars.next();
            }
        }
        seen += 1;
    }
    span.end.saturating_sub(open)
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
    fn keeping_is_an_age_and_a_number_global_and_per_feed() {
        use crate::corpus::store::prune::Rule;
        let c = parse(
            "keep = \"365d\"\nkeep_per_feed = 500\n[keep_feeds.\"https://a.example/rss\"]\nkeep = \"all\"\n[keep_feeds.\"https://b.example/rss\"]\nkeep_per_feed = 0\nkeep = \"2w\"\n",
        )
        .unwrap();
        let day = 86_400;
        assert_eq!(
            c.retention.for_feed("https://c.example/rss"),
            Rule {
                keep: Some(365 * day),
                per_feed: Some(500)
            }
        );
        assert_eq!(
            c.retention.for_feed("https://a.example/rss"),
            Rule {
                keep: None,
                per_feed: Some(500)
            }
        );
        assert_eq!(
            c.retention.for_feed("https://b.example/rss"),
            Rule {
                keep: Some(14 * day),
                per_feed: None
            }
        );
        assert!(!Config::default().retention.prunes());
        let e = parse("\nkeep = \"365\"\n").unwrap_err();
        assert_eq!((e.line, e.column), (2, 8), "{e}");
        assert!(e.message.contains("\"365d\""), "{e}");
        let e = parse("keep_per_feed = -2\n").unwrap_err();
        assert!(e.message.contains("keep_per_feed"), "{e}");
        let e = parse("[keep_feeds.\"x\"]\nkeep = \"1d\"\n").unwrap_err();
        assert!(e.message.contains("not an http(s) URL"), "{e}");
        let e = parse("[keep_feeds.\"https://a.example/\"]\nkept = \"1d\"\n").unwrap_err();
        assert!(e.message.contains("unknown field"), "{e}");
    }

    #[test]
    fn reload_save_dir_queries_and_ignore_rules() {
        let c = parse(concat!(
            "reload = \"30m\"\nsave_dir = \"/tmp/saved\"\n",
            "[[query]]\nname = \"أمن\"\nrule = 'text ~ \"الأمن\" and unread'\n",
            "[[ignore]]\nrule = \"source = \\\"إعلان\\\"\"\n",
        ))
        .unwrap();
        assert_eq!(c.reload, Some(std::time::Duration::from_secs(1800)));
        assert_eq!(c.save_dir.as_deref(), Some(Path::new("/tmp/saved")));
        assert_eq!(c.queries.len(), 1);
        assert_eq!(c.queries[0].name.as_deref(), Some("أمن"));
        assert_eq!(c.queries[0].text, "text ~ \"الأمن\" and unread");
        assert_eq!(c.ignore[0].text, "source = \"إعلان\"");
        assert_eq!(
            parse_every("1h30m"),
            Some(std::time::Duration::from_secs(5400))
        );
        for bad in ["", "30", "9s", "8d", "soon", "m"] {
            assert_eq!(parse_every(bad), None, "{bad}");
        }
        let e = parse("\nreload = \"often\"\n").unwrap_err();
        assert_eq!((e.line, e.column), (2, 10), "{e}");
    }

    #[test]
    fn a_rule_error_is_at_its_place_in_the_file() {
        // a literal string: the column of the bad word itself
        let e = parse("[[query]]\nname = \"x\"\nrule = 'unread and colour ~ \"y\"'\n").unwrap_err();
        assert_eq!((e.line, e.column), (3, 20), "{e}");
        assert!(e.message.contains("`colour` is not a field"), "{e}");
        // a basic string with escapes before the error
        let e = parse("[[ignore]]\nrule = \"title ~ \\\"a\\\" or\"\n").unwrap_err();
        assert_eq!((e.line, e.column), (2, 25), "{e}");
        // a rule on several lines: the line inside it
        let e = parse("[[ignore]]\nrule = '''\nunread\nand date > 3y'''\n").unwrap_err();
        assert_eq!((e.line, e.column), (4, 12), "{e}");
        let e = parse("[[query]]\nrule = 'unread'\n").unwrap_err();
        assert!(e.message.contains("needs a name"), "{e}");
        let e = parse(concat!(
            "[[query]]\nname = \"a\"\nrule = 'unread'\n",
            "[[query]]\nname = \"a\"\nrule = 'read'\n"
        ))
        .unwrap_err();
        assert_eq!(e.line, 5, "{e}");
        let e = parse("[[ignore]]\nname = \"a\"\nrule = 'read'\n").unwrap_err();
        assert!(e.message.contains("no name"), "{e}");
        let e = parse("[[ignore]]\nrules = 'read'\n").unwrap_err();
        assert!(e.message.contains("unknown field"), "{e}");
    }

    #[test]
    fn missing_file_gives_defaults() {
        let c = Config::load(Path::new("/nonexistent/khabar/config.toml")).unwrap();
        assert_eq!(c, Config::default());
    }
}
