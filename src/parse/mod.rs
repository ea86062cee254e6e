//! Source text -> model, pure: front matter, section files, settings and facts files.

pub mod section;
pub mod toml_file;
