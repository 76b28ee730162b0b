//! The decoder: a Llama / Qwen2 transformer we own, so that a learned
//! *quality prefix* can be spliced into every layer's attention and trained.
//!
//! - [`config`] — the architecture's hyper-parameters, read from GGUF metadata
//!   (`llama.*`, `qwen2.*`) or a Hugging Face `config.json`.
//! - [`weights`] — loading GGUF (dequantized, or kept quantized for inference)
//!   and safetensors checkpoints under one set of names; a damaged file is one
//!   clear error.
//! - [`decoder`] — embeddings, RoPE, grouped-query attention with a causal
//!   mask, SwiGLU MLP, RMSNorm; an external [`decoder::KvCache`]; fused kernels
//!   for [`decoder::ForwardMode::Inference`], differentiable ones for
//!   [`decoder::ForwardMode::Training`].
//! - [`prefix`] — the prefix: per layer M keys and M values per KV head,
//!   prepended to the attention keys/values; its file format and fit checks.
//! - [`manifest`] — `models/<name>/model.toml` and `--model NAME|PATH`.
//!
//! Architecture invariant: this module knows nothing of text. Tokens are ids;
//! the tokenizer, prompts and sampling live in `generate`.

pub mod config;
pub mod decoder;
pub mod manifest;
pub mod prefix;
pub mod weights;

pub use config::{Architecture, Config};
pub use decoder::{Decoder, ForwardMode, KvCache};
pub use manifest::Manifest;
pub use prefix::Prefix;
pub use weights::{WeightFormat, Weights};
