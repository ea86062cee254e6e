fn main() {
    std::process::exit(policyc::run(std::env::args_os()));
}
