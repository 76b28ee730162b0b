//! Architecture hyper-parameters, from GGUF metadata or a Hugging Face
//! `config.json`.

use anyhow::{bail, Context, Result};
use candle_core::quantized::gguf_file;
use serde::Deserialize;

/// The decoder families pyqual runs. They differ only in q/k/v biases (Qwen2)
/// and in GGUF's rotary layout (see [`Config::rope_interleaved`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Architecture {
    Llama,
    Qwen2,
}

impl Architecture {
    pub fn parse(name: &str) -> Result<Self> {
        match name {
            "llama" => Ok(Self::Llama),
            "qwen2" => Ok(Self::Qwen2),
            other => bail!("unsupported model architecture {other:?} (pyqual runs llama and qwen2)"),
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Self::Llama => "llama",
            Self::Qwen2 => "qwen2",
        }
    }
}

/// Everything the decoder needs to know about a checkpoint's shape.
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    pub architecture: Architecture,
    pub layers: usize,
    pub hidden: usize,
    pub intermediate: usize,
    pub heads: usize,
    pub kv_heads: usize,
    pub head_dim: usize,
    pub rope_theta: f32,
    pub rms_eps: f64,
    pub vocab: usize,
    pub context_length: usize,
    /// The output head reuses the token embeddings.
    pub tied_embeddings: bool,
    /// Rotary pairs are (2i, 2i+1) rather than (i, i + d/2). llama.cpp's
    /// converter permutes Llama's q/k rows into this layout; Qwen2 GGUFs and
    /// all Hugging Face checkpoints use the half-split layout.
    pub rope_interleaved: bool,
    /// q/k/v projections carry a bias (Qwen2).
    pub qkv_bias: bool,
}

impl Config {
    /// Reads `<arch>.*` keys of a GGUF file's metadata.
    pub fn from_gguf(content: &gguf_file::Content) -> Result<Self> {
        let md = &content.metadata;
        let arch_name = md
            .get("general.architecture")
            .and_then(|v| v.to_string().ok())
            .context("GGUF metadata lacks general.architecture")?;
        let architecture = Architecture::parse(arch_name)?;
        let key = |k: &str| format!("{arch_name}.{k}");
        let get_u = |k: &str| -> Result<usize> {
            let full = key(k);
            let value = md.get(&full).with_context(|| format!("GGUF metadata lacks {full}"))?;
            Ok(value
                .to_u32()
                .map(|v| v as usize)
                .or_else(|_| value.to_u64().map(|v| v as usize))
                .map_err(|e| anyhow::anyhow!("GGUF metadata {full}: {e}"))?)
        };
        let get_f = |k: &str| -> Option<f32> { md.get(&key(k)).and_then(|v| v.to_f32().ok()) };
        let hidden = get_u("embedding_length")?;
        let heads = get_u("attention.head_count")?;
        let kv_heads = get_u("attention.head_count_kv").unwrap_or(heads);
        let head_dim = match get_u("rope.dimension_count") {
            Ok(d) => d,
            Err(_) => hidden / heads,
        };
        let vocab = match get_u("vocab_size") {
            Ok(v) => v,
            Err(_) => match md.get("tokenizer.ggml.tokens").and_then(|v| v.to_vec().ok()) {
                Some(tokens) => tokens.len(),
                None => content
                    .tensor_infos
                    .get("token_embd.weight")
                    .map(|t| t.shape.dims()[0])
                    .context("GGUF has no vocabulary size, token list nor token_embd.weight")?,
            },
        };
        let config = Self {
            architecture,
            layers: get_u("block_count")?,
            hidden,
            intermediate: get_u("feed_forward_length")?,
            heads,
            kv_heads,
            head_dim,
            rope_theta: get_f("rope.freq_base").unwrap_or(10_000.0),
            rms_eps: get_f("attention.layer_norm_rms_epsilon").unwrap_or(1e-6) as f64,
            vocab,
            context_length: get_u("context_length").unwrap_or(4096),
            tied_embeddings: !content.tensor_infos.contains_key("output.weight"),
            rope_interleaved: architecture == Architecture::Llama,
            qkv_bias: architecture == Architecture::Qwen2,
        };
        config.validate()?;
        Ok(config)
    }

    /// Reads a Hugging Face `config.json` (`model_type` llama or qwen2).
    pub fn from_hf_json(text: &str) -> Result<Self> {
        #[derive(Deserialize)]
        struct Hf {
            model_type: String,
            hidden_size: usize,
            intermediate_size: usize,
            num_hidden_layers: usize,
            num_attention_heads: usize,
            num_key_value_heads: Option<usize>,
            head_dim: Option<usize>,
            rope_theta: Option<f32>,
            rms_norm_eps: Option<f64>,
            vocab_size: usize,
            max_position_embeddings: Option<usize>,
            tie_word_embeddings: Option<bool>,
        }
        let hf: Hf = serde_json::from_str(text).context("config.json is not a Hugging Face model config")?;
        let architecture = Architecture::parse(&hf.model_type)?;
        let config = Self {
            architecture,
            layers: hf.num_hidden_layers,
            hidden: hf.hidden_size,
            intermediate: hf.intermediate_size,
            heads: hf.num_attention_heads,
            kv_heads: hf.num_key_value_heads.unwrap_or(hf.num_attention_heads),
            head_dim: hf.head_dim.unwrap_or(hf.hidden_size / hf.num_attention_heads),
            rope_theta: hf.rope_theta.unwrap_or(10_000.0),
            rms_eps: hf.rms_norm_eps.unwrap_or(1e-6),
            vocab: hf.vocab_size,
            context_length: hf.max_position_embeddings.unwrap_or(4096),
            tied_embeddings: hf.tie_word_embeddings.unwrap_or(false),
            rope_interleaved: false,
            qkv_bias: architecture == Architecture::Qwen2,
        };
        config.validate()?;
        Ok(config)
    }

    fn validate(&self) -> Result<()> {
        if self.layers == 0 || self.heads == 0 || self.kv_heads == 0 || self.head_dim == 0 {
            bail!("model config has a zero dimension: {self:?}");
        }
        if self.heads % self.kv_heads != 0 {
            bail!("{} attention heads are not a multiple of {} KV heads", self.heads, self.kv_heads);
        }
        if self.head_dim % 2 != 0 {
            bail!("head dimension {} is odd; RoPE needs pairs", self.head_dim);
        }
        Ok(())
    }
}
