//! The `policyc` command: parses arguments and exits with the code `policyc::run` returns.
//!
//! Memory comes from the C library's allocator (ARCHITECTURE.md says why, with the measurements).

fn main() {
    std::process::exit(policyc::run(std::env::args_os()));
}
