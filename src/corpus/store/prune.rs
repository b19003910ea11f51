//! Retention: how long a feed's articles are kept (the config's `keep`,
//! an age, and `keep_per_feed`, a number of the newest; both global and per
//! feed, newsboat's `keep-articles-days` and `max-items`). By default
//! everything is kept. An unread article is never removed unless asked
//! (`khabar prune --unread`); articles of files and pages given on the
//! command line are the reader's own, not a feed's, and are never pruned.

use std::sync::atomic::{AtomicBool, Ordering};

use super::{Result, Store};

/// How long one feed's articles are kept: each limit `None` keeps
/// everything by that measure.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Rule {
    /// Seconds an article is kept after its date.
    pub keep: Option<i64>,
    /// How many of the newest are kept.
    pub per_feed: Option<usize>,
}

impl Rule {
    pub fn keeps_all(&self) -> bool {
        self.keep.is_none() && self.per_feed.is_none()
    }
}

/// A limit of a feed's own, over the global one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Limit<T> {
    /// The global limit (not written for this feed).
    Global,
    /// No limit for this feed (`"all"`).
    None,
    Some(T),
}

impl<T: Copy> Limit<T> {
    fn over(self, global: Option<T>) -> Option<T> {
        match self {
            Limit::Global => global,
            Limit::None => None,
            Limit::Some(v) => Some(v),
        }
    }
}

/// What the config says of keeping articles.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Retention {
    pub global: Rule,
    /// Feed by feed: `keep` and `keep_per_feed` of its own.
    pub feeds: Vec<(String, Limit<i64>, Limit<usize>)>,
}

impl Retention {
    /// The rule for feed `url`.
    pub fn for_feed(&self, url: &str) -> Rule {
        match self.feeds.iter().find(|(u, _, _)| u == url) {
            Some(&(_, keep, per_feed)) => Rule {
                keep: keep.over(self.global.keep),
                per_feed: per_feed.over(self.global.per_feed),
            },
            None => self.global,
        }
    }

    /// Does any feed have a limit?
    pub fn prunes(&self) -> bool {
        !self.global.keeps_all()
            || self
                .feeds
                .iter()
                .any(|(u, _, _)| !self.for_feed(u).keeps_all())
    }
}

/// `365d`, `8w`, `1y`, `all`: seconds (`None`: keep everything).
pub fn parse_age(s: &str) -> std::result::Result<Option<i64>, String> {
    let s = s.trim();
    if s == "all" {
        return Ok(None);
    }
    let (n, unit) = s.split_at(s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len()));
    let day = 86_400;
    let per = match unit {
        "d" => day,
        "w" => 7 * day,
        "y" => 365 * day,
        _ => {
            return Err(format!(
                "keep is an age such as \"365d\", \"8w\" or \"1y\" (days, weeks, years), or \"all\"; not {s:?}"
            ));
        }
    };
    match n.parse::<i64>() {
        Ok(n) if n > 0 && n <= 1000 * 365 => Ok(Some(n * per)),
        _ => Err(format!(
            "keep needs a number of {} from 1: not {s:?}",
            match unit {
                "d" => "days",
                "w" => "weeks",
                _ => "years",
            }
        )),
    }
}

/// What a prune removes (or would) from one feed.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct FeedPrune {
    pub url: String,
    /// Older than the feed's `keep`.
    pub too_old: usize,
    /// Beyond its newest `keep_per_feed` (and not too old).
    pub too_many: usize,
    /// Unread ones the limits reach, kept.
    pub kept_unread: usize,
}

impl FeedPrune {
    pub fn removed(&self) -> usize {
        self.too_old + self.too_many
    }
}

/// Articles removed a transaction at a time (a kill loses none of those
/// committed, and a reader never waits long).
const BATCH: usize = 500;

impl Store {
    /// Remove (or, with `dry_run`, only count) the articles of every feed
    /// that its rule no longer keeps, at `now` (seconds since the epoch);
    /// unread ones only with `unread`. Stops between batches when `stop`
    /// is set. What each feed lost, for the feeds that lose any.
    pub fn prune(
        &mut self,
        retention: &Retention,
        unread: bool,
        dry_run: bool,
        now: i64,
        stop: &AtomicBool,
    ) -> Result<Vec<FeedPrune>> {
        let feeds: Vec<String> = self
            .conn()
            .prepare("SELECT url FROM feeds ORDER BY url")
            .and_then(|mut st| st.query_map([], |r| r.get(0))?.collect())
            .map_err(|e| self.err(e))?;
        let mut out = Vec::new();
        for url in feeds {
            let rule = retention.for_feed(&url);
            if rule.keeps_all() || stop.load(Ordering::Relaxed) {
                continue;
            }
            let rows: Vec<(i64, i64, bool)> = self
                .conn()
                .prepare_cached(
                    "SELECT id, date, read FROM articles WHERE origin = ?1
                     ORDER BY date DESC, id DESC",
                )
                .and_then(|mut st| {
                    st.query_map([&url], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                        .collect()
                })
                .map_err(|e| self.err(e))?;
            let mut report = FeedPrune {
                url: url.clone(),
                ..Default::default()
            };
            let mut gone = Vec::new();
            for (k, &(id, date, read)) in rows.iter().enumerate() {
                let old = rule.keep.is_some_and(|keep| date < now - keep);
                let many = rule.per_feed.is_some_and(|n| k >= n);
                if !old && !many {
                    continue;
                }
                if !read && !unread {
                    report.kept_unread += 1;
                    continue;
                }
                if old {
                    report.too_old += 1;
                } else {
                    report.too_many += 1;
                }
                gone.push(id);
            }
            if !dry_run {
                for chunk in gone.chunks(BATCH) {
                    if stop.load(Ordering::Relaxed) {
                        break;
                    }
                    self.transaction(|s| s.remove_articles(chunk))?;
                }
            }
            if report.removed() > 0 || report.kept_unread > 0 {
                out.push(report);
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ages_are_days_weeks_or_years_or_all() {
        assert_eq!(parse_age("365d"), Ok(Some(365 * 86_400)));
        assert_eq!(parse_age("8w"), Ok(Some(56 * 86_400)));
        assert_eq!(parse_age("1y"), Ok(Some(365 * 86_400)));
        assert_eq!(parse_age("all"), Ok(None));
        for bad in ["", "365", "0d", "-3d", "3m", "d", "1.5d", "12 d"] {
            assert!(parse_age(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_feeds_own_limits_stand_over_the_global_ones() {
        let r = Retention {
            global: Rule {
                keep: Some(100),
                per_feed: Some(5),
            },
            feeds: vec![
                ("a".into(), Limit::None, Limit::Global),
                ("b".into(), Limit::Some(7), Limit::None),
            ],
        };
        assert_eq!(
            r.for_feed("a"),
            Rule {
                keep: None,
                per_feed: Some(5)
            }
        );
        assert_eq!(
            r.for_feed("b"),
            Rule {
                keep: Some(7),
                per_feed: None
            }
        );
        assert_eq!(r.for_feed("c"), r.global);
        assert!(r.prunes());
        assert!(!Retention::default().prunes());
    }
}
