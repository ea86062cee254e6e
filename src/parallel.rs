//! Work spread over the machine's cores: an ordered map over a list, each item taken by the next
//! free worker. Results come back in the list's order, so output does not depend on scheduling.
//! Also what the workers share: [`lock`] and the bounded result map [`Bounded`].

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

/// How many workers to use: `POLICYC_JOBS` when it is a positive number, else the cores available
/// (at most 8), 1 where that is unknown.
pub fn workers() -> usize {
    if let Some(n) = std::env::var("POLICYC_JOBS")
        .ok()
        .and_then(|v| v.trim().parse::<usize>().ok())
        .filter(|n| *n > 0)
    {
        return n;
    }
    std::thread::available_parallelism().map_or(1, |n| n.get().min(8))
}

/// `f` of every item, in order, on up to [`workers`] threads. Items are taken in order; after the
/// first `Err` no new item is started, and the result holds the first error in list order (the same
/// one a loop would have met first).
pub fn try_map<T: Sync, R: Send, E: Send>(
    items: &[T],
    f: impl Fn(&T) -> Result<R, E> + Sync,
) -> Result<Vec<R>, E> {
    try_map_with(items, workers(), || (), |_, x| f(x))
}

/// [`try_map`] on up to `threads` workers, each with its own state made by `init` (a memo of
/// what its items share): `f` must give the same result whatever the state holds, so that the
/// output does not depend on which worker took an item.
pub fn try_map_with<'a, T: Sync, S, R: Send, E: Send>(
    items: &'a [T],
    threads: usize,
    init: impl Fn() -> S + Sync,
    f: impl Fn(&mut S, &'a T) -> Result<R, E> + Sync,
) -> Result<Vec<R>, E> {
    let n = threads.min(items.len());
    if n <= 1 {
        let mut state = init();
        return items.iter().map(|x| f(&mut state, x)).collect();
    }
    let next = AtomicUsize::new(0);
    let failed = AtomicBool::new(false);
    let mut slots: Vec<Option<Result<R, E>>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..n)
            .map(|_| {
                scope.spawn(|| {
                    let mut state = init();
                    let mut done = Vec::new();
                    while !failed.load(Ordering::Relaxed) {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(item) = items.get(i) else { break };
                        let r = f(&mut state, item);
                        if r.is_err() {
                            failed.store(true, Ordering::Relaxed);
                        }
                        done.push((i, r));
                    }
                    done
                })
            })
            .collect();
        let mut slots: Vec<Option<Result<R, E>>> = (0..items.len()).map(|_| None).collect();
        for h in handles {
            // a panic in a worker is a bug: carry it to the caller as it is
            let done = h.join().unwrap_or_else(|p| std::panic::resume_unwind(p));
            for (i, r) in done {
                slots[i] = Some(r);
            }
        }
        slots
    });
    let mut out = Vec::with_capacity(items.len());
    for slot in slots.drain(..) {
        match slot {
            Some(Ok(r)) => out.push(r),
            Some(Err(e)) => return Err(e),
            // items after a failure are never started; the failure comes first in order
            None => unreachable!("an item is skipped only after an earlier failure"),
        }
    }
    Ok(out)
}

/// [`try_map_with`] for work that cannot fail.
pub fn map_with<'a, T: Sync, S, R: Send>(
    items: &'a [T],
    threads: usize,
    init: impl Fn() -> S + Sync,
    f: impl Fn(&mut S, &'a T) -> R + Sync,
) -> Vec<R> {
    let all: Result<Vec<R>, std::convert::Infallible> =
        try_map_with(items, threads, init, |s, x| Ok(f(s, x)));
    all.unwrap_or_else(|never| match never {})
}

/// The value behind `m`. A worker that panicked while holding it is a bug whose panic reaches
/// the caller anyway; shared maps take whole entries, so the value is never half-made.
pub fn lock<T>(m: &std::sync::Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// Results shared by the workers, by key, holding at most `cap` entries (an arbitrary one goes to
/// make room): what a build shares repeats between neighbouring versions, so a few entries catch it
/// and memory stays bounded however much the content changes.
pub struct Bounded<V> {
    cap: usize,
    map: std::sync::Mutex<std::collections::HashMap<String, V>>,
}

impl<V: Clone> Bounded<V> {
    /// An empty map for at most `cap` entries.
    pub fn new(cap: usize) -> Self {
        Bounded {
            cap: cap.max(1),
            map: Default::default(),
        }
    }

    /// The value of `key`, when kept.
    pub fn get(&self, key: &str) -> Option<V> {
        lock(&self.map).get(key).cloned()
    }

    /// Keeps `value` for `key` unless a worker kept one first; returns the one kept.
    pub fn insert(&self, key: &str, value: V) -> V {
        let mut map = lock(&self.map);
        if let Some(v) = map.get(key) {
            return v.clone();
        }
        if map.len() >= self.cap
            && let Some(old) = map.keys().next().cloned()
        {
            map.remove(&old);
        }
        map.insert(key.to_string(), value.clone());
        value
    }
}

/// `f` of every item, in order, on up to [`workers`] threads, for work that cannot fail.
pub fn map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let all: Result<Vec<R>, std::convert::Infallible> = try_map(items, |x| Ok(f(x)));
    all.unwrap_or_else(|never| match never {})
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounded_keeps_the_first_value_and_at_most_cap() {
        let m = Bounded::new(2);
        assert_eq!(m.insert("a", 1), 1);
        assert_eq!(m.insert("a", 2), 1, "a worker's value made first is the one kept");
        m.insert("b", 3);
        m.insert("c", 4);
        let kept = ["a", "b", "c"].iter().filter(|k| m.get(k).is_some()).count();
        assert_eq!(kept, 2);
        assert_eq!(m.get("c"), Some(4));
    }

    #[test]
    fn keeps_order() {
        let items: Vec<u32> = (0..1000).collect();
        let out: Result<Vec<u32>, ()> = try_map(&items, |x| Ok(x * 2));
        assert_eq!(out.unwrap(), items.iter().map(|x| x * 2).collect::<Vec<_>>());
    }

    #[test]
    fn map_with_keeps_order_and_gives_each_worker_its_state() {
        let items: Vec<u32> = (0..500).collect();
        for threads in [1, 2, 4] {
            // the state counts the items its worker took: every item is counted by exactly one
            let out = map_with(
                &items,
                threads,
                || 0u32,
                |seen, &x| {
                    *seen += 1;
                    (x * 3, *seen)
                },
            );
            assert_eq!(
                out.iter().map(|r| r.0).collect::<Vec<_>>(),
                items.iter().map(|x| x * 3).collect::<Vec<_>>()
            );
            let firsts = out.iter().filter(|r| r.1 == 1).count();
            assert!(
                (1..=threads).contains(&firsts),
                "{threads} workers, {firsts} first items"
            );
        }
    }

    #[test]
    fn first_error_in_order() {
        let items: Vec<u32> = (0..1000).collect();
        for _ in 0..20 {
            let out = try_map(&items, |&x| if x % 97 == 50 { Err(x) } else { Ok(x) });
            assert_eq!(out, Err(50));
        }
    }

    /// A worker's panic unwinds its thread and is raised again in the caller, with its message.
    #[test]
    fn a_workers_panic_reaches_the_caller() {
        let items: Vec<u32> = (0..64).collect();
        let caught = std::panic::catch_unwind(|| {
            map(&items, |&x| {
                assert!(x != 40, "worker failed on {x}");
                x
            })
        });
        let payload = caught.expect_err("the panic is carried to the caller");
        let message = payload
            .downcast_ref::<String>()
            .map(String::as_str)
            .unwrap_or_default();
        assert_eq!(message, "worker failed on 40");
    }
}
