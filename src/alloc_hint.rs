//! The one signal the library gives the `policyc` binary's memory allocator: bulk work on every
//! core has begun (a content tree is being loaded). From then on the binary serves new
//! allocations from an allocator made for many threads and many small objects; a short command
//! (a diff of two files, `--help`) never pays for starting it. The library works the same
//! whichever allocator serves it.

use std::sync::atomic::{AtomicBool, Ordering};

static BULK_WORK: AtomicBool = AtomicBool::new(false);

/// Records that bulk work begins: called once a command starts loading a content tree.
pub fn bulk_work_begins() {
    BULK_WORK.store(true, Ordering::Relaxed);
}

/// Has bulk work begun?
pub fn bulk_work() -> bool {
    BULK_WORK.load(Ordering::Relaxed)
}
