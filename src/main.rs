//! The `policyc` command: parses arguments and exits with the code `policyc::run` returns.

fn main() {
    std::process::exit(policyc::run(std::env::args_os()));
}
