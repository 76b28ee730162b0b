//! The text side of generation: the tokenizer (text ⇄ token ids, built from a
//! GGUF file's own metadata), prompts (plain or fill-in-the-middle from the
//! model manifest), sampling, stop conditions, and the session that runs the
//! `model` decoder: n samples sharing one prefill, streamed, cancellable.

pub mod loaded;
pub mod prompt;
pub mod sampling;
pub mod session;
pub mod stops;
pub mod tokenizer;
