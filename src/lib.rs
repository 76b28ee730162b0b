//! # pyqual
//!
//! A pylint-compatible analyzer for Python built on tree-sitter, and (in
//! later milestones) a language server with quality-steered completions.
//!
//! Bird's-eye view: bytes → [`syntax`] (tree, positions, pragmas, statement
//! count) → [`semantic`] (scopes, bindings, references) → [`rules`] (one file
//! per pylint message) → [`checker`] (dispatch, suppressions) → [`score`]
//! (pylint's evaluation) → [`cli`] (the only place that prints or exits).
//! See `docs/architecture.md`.

pub mod checker;
pub mod cli;
pub mod config;
pub mod generate;
pub mod harvest;
pub mod model;
pub mod rules;
pub mod score;
pub mod semantic;
pub mod server;
pub mod syntax;

pub use checker::{Checker, FileReport};
pub use config::Profile;
