//! Prints the sections the structure reader finds in a Markdown file (for looking at failures).
fn main() {
    let path = std::env::args().nth(1).expect("a Markdown file");
    let text = std::fs::read_to_string(&path).expect("readable");
    let doc = policyc::diff::doc::from_markdown(&text);
    for s in &doc.sections {
        println!("== {} ({} blocks)", s.heading, s.blocks.len());
    }
    println!("controller: {:?}", policyc::classify::controller(&text));
}
