//! Content -> pages, pure: typed views of the model handed to tera templates.
//!
//! 1. [`site::render_site`] walks every version x locale that is to be published;
//! 2. each section body becomes HTML once ([`crate::markdown::render`]), facts expanded through
//!    [`sections::FactResolver`] and the `partials/` templates;
//! 3. the web page, the print page, the archive and the language chooser are rendered from
//!    [`views`] structs; each unit's [`crate::output::Artifact`]s go to a [`site::Sink`] (the
//!    streaming writer of a build, or memory for `serve`).

pub mod dates;
pub mod images;
pub mod sections;
pub mod site;
pub mod templates;
pub mod views;
