//! The floor no build can beat: pulldown-cmark rendering every Markdown file below a folder, in one
//! process (used by scripts/bench-build). Prints the number of files and bytes rendered.
fn main() {
    let root = std::path::PathBuf::from(std::env::args().nth(1).expect("a folder"));
    let mut stack = vec![root];
    let (mut files, mut bytes) = (0usize, 0usize);
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("readable folder").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "md") {
                let text = std::fs::read_to_string(&path).expect("UTF-8 Markdown");
                let mut html = String::with_capacity(text.len() * 2);
                pulldown_cmark::html::push_html(
                    &mut html,
                    pulldown_cmark::Parser::new_ext(&text, policyc::markdown::options()),
                );
                files += 1;
                bytes += html.len();
            }
        }
    }
    println!("{files} files, {bytes} bytes of HTML");
}
