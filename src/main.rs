//! The `policyc` command: parses arguments and exits with the code `policyc::run` returns.
//!
//! It also chooses the memory allocator. Short commands keep the C library's, which costs nothing
//! to start; once the library signals bulk work ([`policyc::alloc_hint`]), new allocations come
//! from mimalloc, which serves a build's millions of small objects on every core in about 20%
//! less time (see `docs/performance.md`). Each block is freed by the allocator that made it.
//!
//! And it starts the process itself (`no_main`) rather than through Rust's runtime start-up,
//! which costs 0.1–0.2 ms per run (measured on a 2.5 ms `policyc diff` of two files): it reads
//! `/proc/self/maps` to find the main thread's stack and maps a signal stack, both only to print a
//! message on stack overflow (policyc bounds its own nesting instead). What else that start-up
//! does, [`main`] does too.
//!
//! It also defines `pow`, so that the process does not load libm (`build.rs` says how the binary is
//! linked for a quick start).
#![cfg_attr(not(test), no_main)]

use std::alloc::{GlobalAlloc, Layout, System};

use mimalloc::MiMalloc;

/// The C library's allocator until bulk work begins, then mimalloc.
struct Switching;

// Two of mimalloc's own (v3) start-up functions, not its public interface: `Cargo.lock` pins the
// version, and a release that renames them fails to link rather than misbehaving.
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

/// The process entry. As Rust's own start-up would: a closed standard descriptor is reopened on
/// `/dev/null` (so no file opened later takes its number), SIGPIPE is ignored (a closed pipe is an
/// error policyc handles: `output::stdout`), and a panic ends the process with code 101. The
/// arguments come from `std::env` (the C library hands them to it before `main`).
#[cfg(not(test))]
#[allow(unsafe_code)]
#[unsafe(no_mangle)]
extern "C" fn main(_argc: std::ffi::c_int, _argv: *const *const std::ffi::c_char) -> std::ffi::c_int {
    reopen_closed_standard_fds();
    // SAFETY: setting a signal's disposition to "ignore" has no preconditions.
    unsafe { libc::signal(libc::SIGPIPE, libc::SIG_IGN) };
    let code = std::panic::catch_unwind(|| policyc::run(std::env::args_os())).unwrap_or(101);
    std::process::exit(code)
}

/// Opens `/dev/null` on each of descriptors 0, 1 and 2 that is closed.
#[cfg(not(test))]
#[allow(unsafe_code)]
fn reopen_closed_standard_fds() {
    let mut fds = [0, 1, 2].map(|fd| libc::pollfd {
        fd,
        events: 0,
        revents: 0,
    });
    // SAFETY: `fds` is a valid array of three `pollfd`s for the whole call.
    let polled = unsafe { libc::poll(fds.as_mut_ptr(), 3, 0) };
    for pfd in &fds {
        // where poll itself failed, each descriptor is asked directly
        // SAFETY: F_GETFD only reads the descriptor's flags.
        let closed = if polled < 0 {
            (unsafe { libc::fcntl(pfd.fd, libc::F_GETFD) }) == -1
        } else {
            pfd.revents & libc::POLLNVAL != 0
        };
        // SAFETY: the path is a NUL-terminated string; open returns the lowest free descriptor,
        // which is this one since the lower ones are open by now.
        if closed && (unsafe { libc::open(c"/dev/null".as_ptr(), libc::O_RDWR) }) == -1 {
            std::process::abort();
        }
    }
}

/// `pow` for the one caller policyc has (tera's `**` operator), so the process need not load the C
/// library's libm at start (`build.rs`, `link_for_quick_start`). The `libm` crate's is FreeBSD's
/// (within an ulp) in plain Rust, so every machine gets the same result, where the C library picks
/// a variant by CPU.
#[cfg(all(target_arch = "x86_64", target_os = "linux", target_env = "gnu"))]
#[allow(unsafe_code)]
#[unsafe(no_mangle)]
pub extern "C" fn pow(x: f64, y: f64) -> f64 {
    libm::pow(x, y)
}

#[cfg(test)]
mod tests {
    /// Powers through `f64::powf` (which calls `pow`, the one above in this binary) and the
    /// function itself.
    #[test]
    #[cfg(all(target_arch = "x86_64", target_os = "linux", target_env = "gnu"))]
    fn powers_are_right() {
        let p = |x: f64, y: f64| std::hint::black_box(x).powf(std::hint::black_box(y));
        assert_eq!(p(2.0, 10.0), 1024.0);
        assert_eq!(p(10.0, -2.0), 0.01);
        assert_eq!(p(9.0, 0.5), 3.0);
        assert!(p(-8.0, 1.0 / 3.0).is_nan());
        assert_eq!(super::pow(1.5, 3.0), 3.375);
    }
}
