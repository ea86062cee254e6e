//! The `policyc` command: parses arguments and exits with the code `policyc::run` returns.
//!
//! It also chooses the memory allocator. Short commands keep the C library's, which costs nothing
//! to start; once the library signals bulk work ([`policyc::alloc_hint`]), new allocations come
//! from mimalloc, which serves a build's millions of small objects on every core in about 20%
//! less time (see `docs/performance.md`). Each block is freed by the allocator that made it.

use std::alloc::{GlobalAlloc, Layout, System};

use mimalloc::MiMalloc;

/// The C library's allocator until bulk work begins, then mimalloc.
struct Switching;

#[allow(unsafe_code)]
unsafe extern "C" {
    /// mimalloc has not been started (`.cargo/config.toml` builds it without its constructor).
    fn _mi_preloading() -> bool;
    /// What mimalloc's constructor would have done at process start.
    fn _mi_auto_process_init();
}

/// Set once mimalloc has been started: until then every block is the C library's.
static STARTED: std::sync::Once = std::sync::Once::new();

/// Starts mimalloc before its first allocation, once, unless its constructor already has.
#[allow(unsafe_code)]
fn start_mimalloc() {
    // SAFETY: both functions take no arguments; mimalloc's start-up runs once, before any block is
    // asked of it, as its constructor would run it.
    STARTED.call_once(|| unsafe {
        if _mi_preloading() {
            _mi_auto_process_init();
        }
    });
}

/// Was `p` made by mimalloc? (Its page map knows every block it has handed out; before it has
/// started, no block is its own.)
#[allow(unsafe_code)]
fn from_mimalloc(p: *mut u8) -> bool {
    // SAFETY: the call only reads mimalloc's page map; any address may be asked about.
    STARTED.is_completed() && unsafe { libmimalloc_sys::mi_is_in_heap_region(p.cast_const().cast()) }
}

/// A new block from the allocator of the moment.
///
/// # Safety
/// As [`GlobalAlloc::alloc`]: `layout` has a non-zero size.
#[allow(unsafe_code)]
unsafe fn fresh(layout: Layout, zeroed: bool) -> *mut u8 {
    // SAFETY: the caller's contract for `layout` is passed on unchanged.
    unsafe {
        match (policyc::alloc_hint::bulk_work(), zeroed) {
            (true, zeroed) => {
                start_mimalloc();
                if zeroed {
                    MiMalloc.alloc_zeroed(layout)
                } else {
                    MiMalloc.alloc(layout)
                }
            }
            (false, true) => System.alloc_zeroed(layout),
            (false, false) => System.alloc(layout),
        }
    }
}

// SAFETY: every method forwards to one of two sound allocators; a block is always released or
// resized by the allocator that made it (`from_mimalloc`), with the layout it was made with.
#[allow(unsafe_code)]
unsafe impl GlobalAlloc for Switching {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as this method's own contract.
        unsafe { fresh(layout, false) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as this method's own contract.
        unsafe { fresh(layout, true) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` came from this allocator with `layout`; it goes back to the one that made it.
        unsafe {
            if from_mimalloc(ptr) {
                MiMalloc.dealloc(ptr, layout)
            } else {
                System.dealloc(ptr, layout)
            }
        }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: as `dealloc`; a block keeps its allocator when it grows.
        unsafe {
            if from_mimalloc(ptr) {
                MiMalloc.realloc(ptr, layout, new_size)
            } else {
                System.realloc(ptr, layout, new_size)
            }
        }
    }
}

#[global_allocator]
static ALLOCATOR: Switching = Switching;

fn main() {
    std::process::exit(policyc::run(std::env::args_os()));
}
