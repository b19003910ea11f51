//! `khabar import-opml FILE`, `khabar export-opml`, `khabar refresh
//! [URL...]`, `khabar feeds` and `khabar remove URL`: subscriptions and the
//! store, from the command line (cron jobs, scripts). Piped, each prints
//! lines for scripts (tab-separated, logical text); on a terminal, the
//! feeds' titles shaped and in visual order, like `render`.

use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use super::shaped::Lines;
use super::{CommandError, Out, Outcome};
use crate::config::Config;
use crate::corpus::fetch::is_url;
use crate::corpus::opml::{OpmlFeed, parse_opml, write_opml};
use crate::corpus::refresh::{FeedResult, FullText, Options, feed_list, refresh_with};
use crate::corpus::store::lock;
use crate::corpus::{Store, read_text};
use crate::report::say;
use crate::text::safety::value;

/// Subscribe to every feed of an OPML file, keeping its folders and
/// titles (a feed's own title, once fetched, wins).
pub fn import_opml(path: &Path) -> Result<Outcome, CommandError> {
    let name = path.to_string_lossy();
    let (text, _) = read_text(&name)?;
    let (feeds, skipped) = parse_opml(&name, &text)?;
    let store = Store::open_default()?;
    let mut added = 0;
    for f in &feeds {
        added += store.subscribe(&f.url)? as usize;
        if let Some(t) = f.title.as_ref().filter(|t| **t != f.url) {
            store.title_feed(&f.url, t)?;
        }
        if !f.folder.is_empty() {
            store.set_feed_folder(&f.url, &f.folder)?;
        }
    }
    Out::default().line(&format!(
        "{}: {added} feeds subscribed, {} already were{}",
        value(&path.to_string_lossy()),
        feeds.len() - added,
        if skipped > 0 {
            format!(", {skipped} skipped (not http(s) URLs)")
        } else {
            String::new()
        }
    ))?;
    Ok(Outcome::Done)
}

/// `khabar export-opml`: the feeds followed (subscribed, and the config's)
/// as an OPML 2.0 list on standard output, with their titles, nested by
/// folder when they are in folders.
pub fn export_opml() -> Result<Outcome, CommandError> {
    let config = Config::load_or_default(None)?;
    let store = Store::open_default()?;
    let feeds: Vec<OpmlFeed> = store
        .listed_feeds(&config.feeds)?
        .into_iter()
        .filter(|f| f.subscribed || f.configured)
        .map(|f| OpmlFeed {
            folder: store.feed_folder(&f.url),
            title: f.title,
            url: f.url,
        })
        .collect();
    super::write_stdout(write_opml(&feeds, "khabar").as_bytes())?;
    Ok(Outcome::Done)
}

/// Fetch the feeds into the store; one line per feed, then a summary
/// (none with `quiet`, for cron: errors only). A feed that failed is said
/// on stderr and makes the outcome [`Outcome::SomeFailed`]; the others are
/// kept. A reader that closes the pipe ends it: the feeds being fetched
/// are stored, no other is started.
/// `full_text` false fetches no item's page (`--no-full-text`).
pub fn refresh_command(
    given: &[String],
    quiet: bool,
    full_text: bool,
) -> Result<Outcome, CommandError> {
    if let Some(bad) = given.iter().find(|u| !is_url(u)) {
        return Err(CommandError::Usage(format!(
            "{bad:?} is not an http(s) URL"
        )));
    }
    let config = Config::load_or_default(None)?;
    let store = Store::open_default()?;
    let urls = feed_list(given, &config.feeds, &store);
    if urls.is_empty() {
        return Err(CommandError::Usage(
            "no feeds: give URLs, list them as feeds = [...] in the config, or use `khabar import-opml FILE`".into(),
        ));
    }
    let start = Instant::now();
    let lines = Lines::for_stdout();
    let store = Arc::new(Mutex::new(store));
    // (new articles, feeds failed, the output)
    let state = Mutex::new((0usize, 0usize, Out::default(), None::<CommandError>));
    let options = Options {
        limits: config.fetch_limits(),
        full_text: if full_text {
            config.full_text
        } else {
            FullText::Never
        },
        per_feed: if full_text {
            config.full_text_feeds.clone()
        } else {
            Vec::new()
        },
    };
    let report = |result| {
        let mut guard = state.lock().unwrap_or_else(|e| e.into_inner());
        let (fresh_total, failed, out, error) = &mut *guard;
        match result {
            FeedResult::Fetched {
                url,
                fresh,
                listed,
                note,
                pages,
            } => {
                *fresh_total += fresh.len();
                let whole = if pages.fetched + pages.failed.len() > 0 {
                    format!(
                        ", {} whole texts fetched{}{}",
                        pages.fetched,
                        if pages.completed.is_empty() {
                            String::new()
                        } else {
                            format!(" ({} in place of summaries)", pages.completed.len())
                        },
                        if pages.failed.is_empty() {
                            String::new()
                        } else {
                            format!(", {} pages failed (summaries kept)", pages.failed.len())
                        }
                    )
                } else {
                    String::new()
                };
                if let Some(n) = note {
                    say(&n);
                }
                // for cron, a page that failed is no error: its summary is
                // kept and it is tried again (khabar feeds says why)
                for why in pages.failed.iter().filter(|_| !quiet) {
                    say(&format!(
                        "{why} (its summary is kept; tried again at the next refresh)"
                    ));
                }
                if !quiet {
                    let text = if lines.shaped.is_some() {
                        let title = lock(&store).feed(&url).ok().flatten().and_then(|f| f.title);
                        let prefix = format!("{:>4} new of {:<4} ", fresh.len(), listed);
                        let mut t = lines.line(&prefix, title.as_deref().unwrap_or(&url), &[]);
                        if title.is_some() || !whole.is_empty() {
                            let under = if title.is_some() {
                                format!("{url}{whole}")
                            } else {
                                whole.trim_start_matches(", ").to_string()
                            };
                            t.push_str(&lines.line(&" ".repeat(prefix.len()), &under, &[]));
                        }
                        t
                    } else {
                        format!("{}: {} new of {listed}{whole}", value(&url), fresh.len())
                    };
                    if let Err(e) = out.line(&text) {
                        *error = Some(e);
                        return false;
                    }
                }
            }
            FeedResult::Failed { error, .. } => {
                *failed += 1;
                say(&error);
            }
        }
        // a closed pipe is the end
        !out.closed()
    };
    refresh_with(&store, &urls, &options, &report, &|_| {});
    let (fresh, failed, mut out, error) = state.into_inner().unwrap_or_else(|e| e.into_inner());
    if let Some(e) = error {
        return Err(e);
    }
    if !quiet && !out.closed() {
        out.line(&format!(
            "{fresh} new articles from {} feeds in {:.2} s{}",
            urls.len() - failed,
            start.elapsed().as_secs_f64(),
            if failed > 0 {
                format!(", {failed} failed")
            } else {
                String::new()
            }
        ))?;
    }
    Ok(if failed > 0 {
        Outcome::SomeFailed
    } else {
        Outcome::Done
    })
}

/// `khabar feeds [--json]`: every feed followed or read, one line each
/// (tab-separated: URL, title, unread, total, last fetch in UTC, last
/// error), followed ones first; or a JSON array. On a terminal, each
/// feed's title shaped, its URL and error under it.
pub fn list(json: bool) -> Result<Outcome, CommandError> {
    let config = Config::load_or_default(None)?;
    let store = Store::open_default()?;
    let feeds = store.listed_feeds(&config.feeds)?;
    let mut out = String::new();
    if json {
        out = super::to_json(&feeds);
    } else {
        let lines = Lines::for_stdout();
        for f in &feeds {
            let fetched = f
                .fetched_at
                .and_then(|t| chrono::DateTime::from_timestamp(t, 0))
                .map_or_else(
                    || "never".to_string(),
                    |d| d.format("%Y-%m-%d %H:%M").to_string(),
                );
            let unfollowed = if f.subscribed || f.configured {
                ""
            } else {
                "(not subscribed)"
            };
            if lines.shaped.is_some() {
                let prefix = format!("{:>5}/{:<5} {:<16}  ", f.unread, f.total, fetched);
                let indent = " ".repeat(prefix.len());
                out.push_str(&lines.line(&prefix, f.title.as_deref().unwrap_or(&f.url), &[]));
                if f.title.is_some() || !unfollowed.is_empty() {
                    let url = format!("{} {unfollowed}", f.url);
                    out.push_str(&lines.line(&indent, url.trim_end(), &[]));
                }
                if let Some(e) = &f.error {
                    out.push_str(&lines.line(&format!("{indent}error: "), e, &[]));
                }
                if let Some(e) = &f.page_error {
                    out.push_str(&lines.line(&format!("{indent}a page: "), e, &[]));
                }
            } else {
                out.push_str(&format!(
                    "{}\t{}\t{}\t{}\t{}\t{}{}\n",
                    value(&f.url),
                    value(f.title.as_deref().unwrap_or("")),
                    f.unread,
                    f.total,
                    fetched,
                    value(f.error.as_deref().unwrap_or("")),
                    if unfollowed.is_empty() {
                        String::new()
                    } else {
                        format!("\t{unfollowed}")
                    }
                ));
            }
        }
    }
    super::write_stdout(out.as_bytes())?;
    Ok(Outcome::Done)
}

/// `khabar remove URL [--purge]`: stop following a feed and take it off
/// the list of feeds; its articles stay readable, unless `purge` removes
/// them with it. A feed the config lists is followed through the config:
/// it is said so, and nothing changes.
pub fn remove(url: &str, purge: bool) -> Result<Outcome, CommandError> {
    let config = Config::load_or_default(None)?;
    let mut store = Store::open_default()?;
    if !store.knows_feed(url)? {
        return Err(CommandError::Usage(format!(
            "{}: no such feed (khabar feeds lists them)",
            value(url)
        )));
    }
    if config.feeds.iter().any(|f| f == url) {
        return Err(CommandError::Usage(format!(
            "{} is in the config's feeds ({}): remove it there",
            value(url),
            config
                .path
                .as_deref()
                .map_or_else(|| "the config".to_string(), |p| value(&p.to_string_lossy()))
        )));
    }
    let mut out = Out::default();
    if purge {
        let n = store.purge_feed(url)?;
        out.line(&format!("{}: removed, with its {n} articles", value(url)))?;
    } else if store.remove_feed(url)? {
        out.line(&format!(
            "{}: unsubscribed and removed from the feeds (its articles stay; --purge removes them)",
            value(url)
        ))?;
    } else {
        out.line(&format!(
            "{}: removed from the feeds (it was not subscribed; its articles stay)",
            value(url)
        ))?;
    }
    Ok(Outcome::Done)
}
