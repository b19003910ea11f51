//! The one worker pool: `n` jobs shared by a few scoped threads, each
//! taking the next job from a counter so that no thread waits for another.
//! Used for the command line's batches (render, search, facts), ingest and
//! the refresh of feeds.

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

/// The machine's cores (at least one).
pub fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// Run `job(i)` for every `i` in `0..n` on up to `threads` threads. When a
/// job returns false, the jobs not started yet are left out.
pub fn for_each(n: usize, threads: usize, job: impl Fn(usize) -> bool + Sync) {
    let threads = threads.clamp(1, n.max(1));
    if threads == 1 {
        for i in 0..n {
            if !job(i) {
                return;
            }
        }
        return;
    }
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| {
                while !stop.load(Ordering::Relaxed) {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= n {
                        return;
                    }
                    if !job(i) {
                        stop.store(true, Ordering::Relaxed);
                    }
                }
            });
        }
    });
}

/// `f(i)` for every `i` in `0..n`, computed on up to `threads` threads,
/// in order.
pub fn map<T: Send>(n: usize, threads: usize, f: impl Fn(usize) -> T + Sync) -> Vec<T> {
    let slots: Vec<Mutex<Option<T>>> = (0..n).map(|_| Mutex::new(None)).collect();
    for_each(n, threads, |i| {
        let value = f(i);
        *slots[i].lock().unwrap_or_else(|e| e.into_inner()) = Some(value);
        true
    });
    slots
        .into_iter()
        .map(|m| {
            m.into_inner()
                .unwrap_or_else(|e| e.into_inner())
                .expect("every job ran")
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn map_keeps_the_order_and_for_each_stops() {
        assert_eq!(
            map(100, 4, |i| i * 2),
            (0..100).map(|i| i * 2).collect::<Vec<_>>()
        );
        assert!(map(0, 4, |i| i).is_empty());
        let ran = AtomicUsize::new(0);
        for_each(1000, 1, |i| {
            ran.fetch_add(1, Ordering::Relaxed);
            i < 10
        });
        assert_eq!(ran.load(Ordering::Relaxed), 11);
    }
}
