//! The `policyc` command: parses arguments and exits with the code `policyc::run` returns.
//!
//! Memory comes from mimalloc: a build allocates millions of small objects on every core, and
//! `scripts/bench-build` measures it against the C library's allocator (`docs/performance.md`).

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(policyc::run(std::env::args_os()));
}
