//! The text side of generation: the tokenizer (text ⇄ token ids, built from a
//! GGUF file's own metadata), and later prompts, sampling, stop conditions and
//! streaming. Knows nothing of tensors: the decoder lives in `model`.

pub mod tokenizer;
