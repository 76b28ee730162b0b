//! Learning from use: what users do with completions becomes training pairs.
//!
//! This module owns the completion events the language server records
//! (`events`). Turning them, git history and self-sampled code into
//! preference pairs builds on these records.
//!
//! Architecture invariant: no LSP here. The server converts its requests into
//! [`events::CompletionEvent`]s; this module only stores and reads them.

pub mod events;
