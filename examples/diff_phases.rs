//! Times the phases of a diff (development aid): `cargo run --release --example diff_phases OLD NEW`.
use std::time::Instant;
fn main() {
    let a = std::fs::read_to_string(std::env::args().nth(1).expect("OLD")).expect("read OLD");
    let b = std::fs::read_to_string(std::env::args().nth(2).expect("NEW")).expect("read NEW");
    for _ in 0..std::env::args().nth(3).map_or(3, |n| n.parse().expect("count")) {
        let t = Instant::now();
        let n = pulldown_cmark::Parser::new_ext(&a, policyc::markdown::options()).count();
        let t0 = t.elapsed();
        let rules = policyc::classify::RuleSet::builtin();
        let t1 = t.elapsed();
        let old = policyc::diff::input::from_markdown(&a, None, "a".into());
        let new = policyc::diff::input::from_markdown(&b, None, "b".into());
        let t2 = t.elapsed();
        let d = policyc::diff::diff(&old, &new, &["en".into()]);
        let t3 = t.elapsed();
        let _assessment = policyc::classify::assess(&d, &rules, "en", false);
        let t4 = t.elapsed();
        eprintln!(
            "pulldown-only {t0:?} ({n} events) rules {:?} parse {:?} diff {:?} assess {:?}",
            t1 - t0,
            t2 - t1,
            t3 - t2,
            t4 - t3
        );
    }
}
