//! Politeness: how many requests a refresh has open at once, in all and to
//! one host. Every fetch of a refresh (feeds and their items' pages) takes
//! a slot for its host and gives it back when its answer is read.

use std::collections::HashMap;
use std::sync::{Condvar, Mutex};

/// Slots for requests: at most `per_host` to one host, `total` in all.
#[derive(Debug)]
pub struct HostSlots {
    per_host: usize,
    total: usize,
    open: Mutex<(HashMap<String, usize>, usize)>,
    freed: Condvar,
}

/// A slot held; given back when dropped.
pub struct Slot<'a> {
    slots: &'a HostSlots,
    host: String,
}

impl HostSlots {
    pub fn new(per_host: usize, total: usize) -> HostSlots {
        HostSlots {
            per_host: per_host.max(1),
            total: total.max(1),
            open: Mutex::new((HashMap::new(), 0)),
            freed: Condvar::new(),
        }
    }

    /// Wait for a slot for `url`'s host.
    pub fn take(&self, url: &str) -> Slot<'_> {
        let host = host_of(url);
        let mut open = self.open.lock().unwrap_or_else(|e| e.into_inner());
        loop {
            let here = open.0.get(&host).copied().unwrap_or(0);
            if here < self.per_host && open.1 < self.total {
                *open.0.entry(host.clone()).or_default() += 1;
                open.1 += 1;
                return Slot { slots: self, host };
            }
            open = self.freed.wait(open).unwrap_or_else(|e| e.into_inner());
        }
    }
}

impl Drop for Slot<'_> {
    fn drop(&mut self) {
        let mut open = self.slots.open.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(n) = open.0.get_mut(&self.host) {
            *n -= 1;
            if *n == 0 {
                open.0.remove(&self.host);
            }
        }
        open.1 -= 1;
        drop(open);
        self.slots.freed.notify_all();
    }
}

/// The host (and port) of a URL, lowercased; the URL itself when it has none.
pub fn host_of(url: &str) -> String {
    url::Url::parse(url)
        .ok()
        .and_then(|u| {
            u.host_str().map(|h| {
                format!(
                    "{}:{}",
                    h.to_ascii_lowercase(),
                    u.port_or_known_default().unwrap_or(0)
                )
            })
        })
        .unwrap_or_else(|| url.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn never_more_than_two_to_a_host() {
        let slots = HostSlots::new(2, 6);
        let (now, most) = (AtomicUsize::new(0), AtomicUsize::new(0));
        std::thread::scope(|s| {
            for i in 0..12 {
                let (slots, now, most) = (&slots, &now, &most);
                s.spawn(move || {
                    let url = if i % 3 == 0 {
                        format!("http://other{i}.example/x")
                    } else {
                        "http://one.example/page".to_string()
                    };
                    let _slot = slots.take(&url);
                    if url.contains("one.example") {
                        let n = now.fetch_add(1, Ordering::SeqCst) + 1;
                        most.fetch_max(n, Ordering::SeqCst);
                        std::thread::sleep(std::time::Duration::from_millis(20));
                        now.fetch_sub(1, Ordering::SeqCst);
                    }
                });
            }
        });
        assert_eq!(most.load(Ordering::SeqCst), 2);
        assert_eq!(host_of("HTTP://Example.COM/a"), "example.com:80");
    }
}
