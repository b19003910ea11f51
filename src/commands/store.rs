//! `khabar stats` and `khabar prune [--dry-run] [--unread]`: what the
//! store is made of, and keeping it to what the config keeps.

use std::sync::atomic::AtomicBool;

use super::{CommandError, Outcome};
use crate::config::Config;
use crate::corpus::Store;
use crate::corpus::store::compact::Compacted;
use crate::text::safety::value;

/// Bytes as megabytes, one decimal.
fn mb(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1e6)
}

/// A count with its thousands separated.
fn count(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `khabar stats`: the store's parts and their sizes.
pub fn stats() -> Result<Outcome, CommandError> {
    let store = Store::open_default()?;
    let s = store.stats()?;
    let mut out = format!(
        "store {}: {} articles ({} unread), schema {}\n",
        value(store.location()),
        count(s.articles),
        count(s.unread),
        crate::corpus::store::VERSION
    );
    let ratio = |a: u64, b: u64| {
        if b == 0 {
            String::new()
        } else {
            format!(" ({:.2}x the text)", a as f64 / b as f64)
        }
    };
    out.push_str(&format!(
        "the articles' text: {} as text, {} as stored{}\n",
        mb(s.text),
        mb(s.text_stored),
        if s.text_stored > 0 {
            format!(
                " ({:.2} times smaller)",
                s.text as f64 / s.text_stored as f64
            )
        } else {
            String::new()
        }
    ));
    for p in &s.parts {
        out.push_str(&format!("  {:<46} {:>12}\n", p.name, mb(p.bytes)));
    }
    out.push_str(&format!(
        "  {:<46} {:>12}{}\n",
        "total on disk",
        mb(s.total),
        ratio(s.total, s.text)
    ));
    if s.reclaimable > 0 {
        out.push_str(&format!(
            "{} can be given back (khabar prune does it; the browser after a refresh)\n",
            mb(s.reclaimable)
        ));
    }
    super::write_stdout(out.as_bytes())?;
    Ok(Outcome::Done)
}

/// What a compaction gave back, in a line.
pub fn compacted_line(c: &Compacted) -> String {
    format!(
        "gave back {} (search text {} -> {}, database {} -> {})",
        mb(c.freed()),
        mb(c.codes_before),
        mb(c.codes_after),
        mb(c.db_before),
        mb(c.db_after)
    )
}

/// `khabar prune`: the articles the config no longer keeps removed (or,
/// with `dry_run`, listed), feed by feed; unread ones only with `unread`;
/// then the space given back.
pub fn prune(dry_run: bool, unread: bool) -> Result<Outcome, CommandError> {
    let config = Config::load_or_default(None)?;
    let mut store = Store::open_default()?;
    let stop = AtomicBool::new(false);
    let pruned = store.prune(
        &config.retention,
        unread,
        dry_run,
        crate::corpus::store::now(),
        &stop,
    )?;
    let verb = if dry_run { "would remove" } else { "removed" };
    let mut out = String::new();
    if !config.retention.prunes() {
        out.push_str(
            "the config keeps every article (keep = \"365d\" or keep_per_feed = N limit them)\n",
        );
    }
    let (mut removed, mut kept_unread) = (0, 0);
    for f in &pruned {
        let mut why = Vec::new();
        if f.too_old > 0 {
            why.push(format!("{} older than keep", count(f.too_old)));
        }
        if f.too_many > 0 {
            why.push(format!("{} beyond keep_per_feed", count(f.too_many)));
        }
        let unread_kept = if f.kept_unread > 0 {
            format!("; {} unread kept", count(f.kept_unread))
        } else {
            String::new()
        };
        out.push_str(&format!(
            "{}: {verb} {} articles{}{unread_kept}\n",
            value(&f.url),
            count(f.removed()),
            if why.is_empty() {
                String::new()
            } else {
                format!(" ({})", why.join(", "))
            }
        ));
        removed += f.removed();
        kept_unread += f.kept_unread;
    }
    let feeds = pruned.iter().filter(|f| f.removed() > 0).count();
    out.push_str(&format!(
        "{verb} {} articles of {} feeds",
        count(removed),
        count(feeds)
    ));
    if kept_unread > 0 && !unread {
        out.push_str(&format!(
            "; {} unread kept (--unread removes them too)",
            count(kept_unread)
        ));
    }
    out.push('\n');
    super::write_stdout(out.as_bytes())?;
    if !dry_run {
        let c = store.compact(false, &stop)?;
        super::write_stdout(format!("{}\n", compacted_line(&c)).as_bytes())?;
    }
    Ok(Outcome::Done)
}
