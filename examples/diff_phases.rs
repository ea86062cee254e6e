//! Times the phases of a diff (development aid), the best of N runs of each:
//! `cargo run --release --example diff_phases OLD NEW [N]`.
use std::time::{Duration, Instant};

fn best<R>(n: usize, mut f: impl FnMut() -> R) -> (Duration, R) {
    let mut best = Duration::MAX;
    let mut out = None;
    for _ in 0..n {
        let t = Instant::now();
        let r = f();
        best = best.min(t.elapsed());
        out = Some(r);
    }
    (best, out.expect("n > 0"))
}

fn main() {
    let a = std::fs::read_to_string(std::env::args().nth(1).expect("OLD")).expect("read OLD");
    let b = std::fs::read_to_string(std::env::args().nth(2).expect("NEW")).expect("read NEW");
    let n: usize = std::env::args().nth(3).map_or(50, |n| n.parse().expect("count"));
    let (pulldown, events) = best(n, || {
        pulldown_cmark::Parser::new_ext(&a, policyc::markdown::options()).count()
            + pulldown_cmark::Parser::new_ext(&b, policyc::markdown::options()).count()
    });
    let (rules_t, rules) = best(n, policyc::classify::RuleSet::builtin);
    let (parse, (old, new)) = best(n, || {
        (
            policyc::diff::input::from_markdown(&a, None, "a".into()),
            policyc::diff::input::from_markdown(&b, None, "b".into()),
        )
    });
    let (diff, d) = best(n, || policyc::diff::diff(&old, &new, &["en".into()]));
    let (assess, _) = best(n, || policyc::classify::assess(&d, &rules, "en", false));
    eprintln!(
        "pulldown both {pulldown:?} ({events} events) | rules {rules_t:?} parse {parse:?} diff {diff:?} assess {assess:?} = {:?}",
        rules_t + parse + diff + assess
    );
}
