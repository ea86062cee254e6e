//! Prints the sections the structure reader finds in a Markdown file (for looking at failures);
//! with `--blocks`, every block under its section too (kind, text, and `chrome` for page chrome).
fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("a Markdown file");
    let blocks = args.next().as_deref() == Some("--blocks");
    let text = std::fs::read_to_string(&path).expect("readable");
    let doc = policyc::diff::doc::from_markdown(&text);
    let site = policyc::diff::chrome::own_site(&doc);
    if blocks {
        println!("site: {site}");
    }
    for s in &doc.sections {
        println!("== {} ({} blocks)", s.heading, s.blocks.len());
        if blocks {
            let chrome = policyc::diff::chrome::chrome(&s.blocks, &site);
            for (b, c) in s.blocks.iter().zip(chrome) {
                let t: String = b.text.chars().take(100).collect();
                println!("   {:?}{} {t}", b.kind, if c { " chrome" } else { "" });
            }
        }
    }
    println!("controller: {:?}", policyc::classify::controller(&text));
}
