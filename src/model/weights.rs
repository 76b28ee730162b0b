//! Checkpoint loading. Tensors are kept under GGUF's names (`blk.N.attn_q.weight`,
//! `token_embd.weight`, ...) whatever the file format; safetensors checkpoints
//! with Hugging Face names are renamed on load.
//!
//! A missing, truncated or corrupt file is one `anyhow` error naming the file
//! and what is wrong with it, never a panic: sizes are checked against the
//! header before any tensor is read.

use super::config::Config;
use anyhow::{bail, Context, Result};
use candle_core::quantized::{gguf_file, QTensor};
use candle_core::{DType, Device, Tensor};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// How GGUF weights are held in memory.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WeightFormat {
    /// Every matrix dequantized to the compute dtype: exact reference numerics,
    /// and the only format training accepts.
    Dequantized,
    /// Matrices stay in their GGUF block format and multiply through candle's
    /// quantized kernels (inference only; fewer bytes per token).
    Quantized,
}

/// One stored tensor.
#[derive(Clone, Debug)]
pub enum Param {
    Dense(Tensor),
    Quantized(Arc<QTensor>),
}

/// A checkpoint's configuration and tensors.
pub struct Weights {
    pub config: Config,
    pub path: PathBuf,
    pub device: Device,
    /// The compute dtype: f32 on CPU, bf16 on CUDA.
    pub dtype: DType,
    tensors: HashMap<String, Param>,
    /// The GGUF header (metadata, vocabulary), kept for the tokenizer.
    gguf: Option<gguf_file::Content>,
}

/// The compute dtype for a device.
pub fn default_dtype(device: &Device) -> DType {
    if device.is_cuda() {
        DType::BF16
    } else {
        DType::F32
    }
}

/// Reads and checks a GGUF header: every tensor's data must lie inside the file.
pub fn read_gguf_header(path: &Path) -> Result<gguf_file::Content> {
    let mut file = std::fs::File::open(path).with_context(|| format!("cannot open model file {}", path.display()))?;
    let file_len = file.metadata()?.len();
    let content = gguf_file::Content::read(&mut file)
        .map_err(|e| anyhow::anyhow!("{} is not a readable GGUF file (truncated or corrupt header): {e}", path.display()))?;
    for (name, info) in &content.tensor_infos {
        let elems = info.shape.elem_count();
        let block = info.ggml_dtype.block_size();
        if elems % block != 0 {
            bail!("{}: tensor {name} has {elems} elements, not a multiple of its block size {block}", path.display());
        }
        let bytes = (elems / block * info.ggml_dtype.type_size()) as u64;
        let end = content.tensor_data_offset + info.offset + bytes;
        if end > file_len {
            bail!(
                "{} is truncated: tensor {name} ends at byte {end} but the file has {file_len} bytes (run `models/fetch` to rebuild it)",
                path.display()
            );
        }
    }
    Ok(content)
}

impl Weights {
    /// Loads a GGUF file onto `device`.
    pub fn from_gguf(path: &Path, format: WeightFormat, device: &Device) -> Result<Self> {
        let content = read_gguf_header(path)?;
        let config = Config::from_gguf(&content).with_context(|| format!("reading the configuration of {}", path.display()))?;
        let dtype = default_dtype(device);
        let file = std::fs::File::open(path)?;
        let mut reader = std::io::BufReader::with_capacity(1 << 20, file);
        let mut tensors = HashMap::new();
        let mut names: Vec<_> = content.tensor_infos.keys().cloned().collect();
        names.sort();
        for name in names {
            let qtensor = content
                .tensor(&mut reader, &name, device)
                .map_err(|e| anyhow::anyhow!("{}: cannot read tensor {name}: {e}", path.display()))?;
            let keep_quantized = format == WeightFormat::Quantized
                && qtensor.shape().rank() == 2
                && !matches!(qtensor.dtype(), candle_core::quantized::GgmlDType::F32);
            let param = if keep_quantized {
                Param::Quantized(Arc::new(qtensor))
            } else {
                Param::Dense(qtensor.dequantize(device)?.to_dtype(dtype)?)
            };
            tensors.insert(name, param);
        }
        Ok(Self { config, path: path.to_owned(), device: device.clone(), dtype, tensors, gguf: Some(content) })
    }

    /// Loads a safetensors checkpoint with Hugging Face names; its `config.json`
    /// must sit beside it.
    pub fn from_safetensors(path: &Path, device: &Device) -> Result<Self> {
        let config_path = path.with_file_name("config.json");
        let text = std::fs::read_to_string(&config_path)
            .with_context(|| format!("{} needs a config.json beside it ({})", path.display(), config_path.display()))?;
        let config = Config::from_hf_json(&text).with_context(|| format!("reading {}", config_path.display()))?;
        let dtype = default_dtype(device);
        let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
        let loaded = candle_core::safetensors::load_buffer(&bytes, device)
            .map_err(|e| anyhow::anyhow!("{} is not a readable safetensors file (truncated or corrupt): {e}", path.display()))?;
        let mut tensors = HashMap::new();
        for (name, tensor) in loaded {
            let Some(gguf_name) = hf_to_gguf_name(&name) else { continue };
            tensors.insert(gguf_name, Param::Dense(tensor.to_dtype(dtype)?));
        }
        Ok(Self { config, path: path.to_owned(), device: device.clone(), dtype, tensors, gguf: None })
    }

    /// Loads by extension: `.gguf` or `.safetensors`.
    pub fn load(path: &Path, format: WeightFormat, device: &Device) -> Result<Self> {
        match path.extension().and_then(|e| e.to_str()) {
            Some("safetensors") => Self::from_safetensors(path, device),
            _ => Self::from_gguf(path, format, device),
        }
    }

    /// The same weights computing in `dtype` (e.g. f16 on CPU: half the bytes
    /// per token of f32). Quantized matrices stay quantized.
    pub fn with_dtype(mut self, dtype: DType) -> Result<Self> {
        for param in self.tensors.values_mut() {
            if let Param::Dense(t) = param {
                *t = t.to_dtype(dtype)?;
            }
        }
        self.dtype = dtype;
        Ok(self)
    }

    /// The GGUF header, when the weights came from a GGUF file.
    pub fn gguf(&self) -> Option<&gguf_file::Content> {
        self.gguf.as_ref()
    }

    pub fn get(&self, name: &str) -> Result<&Param> {
        self.tensors.get(name).with_context(|| format!("{}: the checkpoint has no tensor {name}", self.path.display()))
    }

    pub fn contains(&self, name: &str) -> bool {
        self.tensors.contains_key(name)
    }

    /// A tensor in the compute dtype, dequantized if needed.
    pub fn dense(&self, name: &str) -> Result<Tensor> {
        Ok(match self.get(name)? {
            Param::Dense(t) => t.clone(),
            Param::Quantized(q) => q.dequantize(&self.device)?.to_dtype(self.dtype)?,
        })
    }
}

/// `model.layers.3.self_attn.q_proj.weight` → `blk.3.attn_q.weight`.
fn hf_to_gguf_name(name: &str) -> Option<String> {
    let name = name.strip_prefix("model.").unwrap_or(name);
    match name {
        "embed_tokens.weight" => return Some("token_embd.weight".into()),
        "norm.weight" => return Some("output_norm.weight".into()),
        "lm_head.weight" => return Some("output.weight".into()),
        _ => {}
    }
    let rest = name.strip_prefix("layers.")?;
    let (index, rest) = rest.split_once('.')?;
    let part = match rest {
        "self_attn.q_proj.weight" => "attn_q.weight",
        "self_attn.k_proj.weight" => "attn_k.weight",
        "self_attn.v_proj.weight" => "attn_v.weight",
        "self_attn.q_proj.bias" => "attn_q.bias",
        "self_attn.k_proj.bias" => "attn_k.bias",
        "self_attn.v_proj.bias" => "attn_v.bias",
        "self_attn.o_proj.weight" => "attn_output.weight",
        "mlp.gate_proj.weight" => "ffn_gate.weight",
        "mlp.up_proj.weight" => "ffn_up.weight",
        "mlp.down_proj.weight" => "ffn_down.weight",
        "input_layernorm.weight" => "attn_norm.weight",
        "post_attention_layernorm.weight" => "ffn_norm.weight",
        _ => return None,
    };
    Some(format!("blk.{index}.{part}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hf_names_map_to_gguf_names() {
        assert_eq!(hf_to_gguf_name("model.layers.12.mlp.down_proj.weight").as_deref(), Some("blk.12.ffn_down.weight"));
        assert_eq!(hf_to_gguf_name("model.embed_tokens.weight").as_deref(), Some("token_embd.weight"));
        assert_eq!(hf_to_gguf_name("lm_head.weight").as_deref(), Some("output.weight"));
        assert_eq!(hf_to_gguf_name("model.layers.0.self_attn.rotary_emb.inv_freq"), None);
    }
}
