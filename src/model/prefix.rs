//! The quality prefix: per layer, M key vectors and M value vectors for each
//! KV head, prepended to that layer's attention keys and values (see the
//! position convention in [`super::decoder`]: prefix keys carry no RoPE,
//! tokens keep positions from 0, every token sees all M prefix positions).
//!
//! File format: safetensors with tensors `layers.N.key` and `layers.N.value`,
//! each `(kv_heads, M, head_dim)`, and metadata `model_sha256`, `m`,
//! `layers`, `kv_heads`, `head_dim`. A prefix that does not fit the model is
//! refused with an error naming the mismatch.

use super::config::Config;
use anyhow::{bail, Context, Result};
use candle_core::{DType, Device, Tensor, Var};
use std::collections::HashMap;
use std::path::Path;

#[derive(Clone, Debug)]
pub struct Prefix {
    /// Per layer `(kv_heads, M, head_dim)`.
    pub keys: Vec<Tensor>,
    /// Per layer `(kv_heads, M, head_dim)`.
    pub values: Vec<Tensor>,
    /// The sha256 of the model file the prefix was trained for, if known.
    pub model_sha256: Option<String>,
}

impl Prefix {
    /// A prefix of `m` positions drawn from N(0, scale²) with a fixed seed.
    pub fn random(cfg: &Config, m: usize, scale: f32, seed: u64, device: &Device, dtype: DType) -> Result<Self> {
        let mut rng = seed;
        let mut normal = move || {
            // Box–Muller over splitmix64 uniforms.
            let mut uniform = || (splitmix64(&mut rng) >> 40) as f32 / (1u64 << 24) as f32;
            let (u1, u2) = (uniform().max(1e-7), uniform());
            (-2.0 * u1.ln()).sqrt() * (std::f32::consts::TAU * u2).cos()
        };
        let shape = (cfg.kv_heads, m, cfg.head_dim);
        let mut tensor = || -> Result<Tensor> {
            let data: Vec<f32> = (0..cfg.kv_heads * m * cfg.head_dim).map(|_| normal() * scale).collect();
            Ok(Tensor::from_vec(data, shape, device)?.to_dtype(dtype)?)
        };
        let mut keys = Vec::with_capacity(cfg.layers);
        let mut values = Vec::with_capacity(cfg.layers);
        for _ in 0..cfg.layers {
            keys.push(tensor()?);
            values.push(tensor()?);
        }
        Ok(Self { keys, values, model_sha256: None })
    }

    /// The same values as trainable variables: the returned prefix's tensors
    /// *are* the variables, so gradients of a loss computed through it land on them.
    pub fn to_vars(&self) -> Result<(Self, Vec<Var>)> {
        let mut vars = Vec::with_capacity(2 * self.keys.len());
        let mut convert = |ts: &[Tensor]| -> Result<Vec<Tensor>> {
            ts.iter()
                .map(|t| {
                    let var = Var::from_tensor(t)?;
                    let tensor = var.as_tensor().clone();
                    vars.push(var);
                    Ok(tensor)
                })
                .collect()
        };
        let keys = convert(&self.keys)?;
        let values = convert(&self.values)?;
        Ok((Self { keys, values, model_sha256: self.model_sha256.clone() }, vars))
    }

    /// M, the number of prefix positions.
    pub fn len(&self) -> usize {
        self.keys.first().and_then(|k| k.dim(1).ok()).unwrap_or(0)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Refuses a prefix whose layer count or per-layer shape differs from `cfg`.
    pub fn check_shape(&self, cfg: &Config) -> Result<()> {
        if self.keys.len() != cfg.layers || self.values.len() != cfg.layers {
            bail!("prefix has {} layers, the model {}", self.keys.len(), cfg.layers);
        }
        let m = self.len();
        for (i, t) in self.keys.iter().chain(&self.values).enumerate() {
            let dims = t.dims();
            if dims.len() != 3 {
                bail!("prefix tensor {i} has shape {dims:?}, expected (kv_heads, M, head_dim)");
            }
            if dims[0] != cfg.kv_heads {
                bail!("prefix has {} KV heads, the model {}", dims[0], cfg.kv_heads);
            }
            if dims[2] != cfg.head_dim {
                bail!("prefix head dimension is {}, the model's {}", dims[2], cfg.head_dim);
            }
            if dims[1] != m {
                bail!("prefix layers disagree on M ({} and {m})", dims[1]);
            }
        }
        Ok(())
    }

    /// [`check_shape`](Self::check_shape) plus the model checksum, when both sides know it.
    pub fn check_fits(&self, cfg: &Config, model_sha256: Option<&str>) -> Result<()> {
        self.check_shape(cfg)?;
        if let (Some(mine), Some(model)) = (self.model_sha256.as_deref(), model_sha256) {
            if !mine.eq_ignore_ascii_case(model) {
                bail!("prefix was trained for the model with sha256 {mine}, not this one ({model})");
            }
        }
        Ok(())
    }

    /// Writes the prefix as f32 safetensors with its metadata.
    pub fn save(&self, path: &Path) -> Result<()> {
        let mut tensors = Vec::with_capacity(2 * self.keys.len());
        for (i, (k, v)) in self.keys.iter().zip(&self.values).enumerate() {
            tensors.push((format!("layers.{i}.key"), k.to_dtype(DType::F32)?.to_device(&Device::Cpu)?));
            tensors.push((format!("layers.{i}.value"), v.to_dtype(DType::F32)?.to_device(&Device::Cpu)?));
        }
        let first = self.keys.first().context("cannot save a prefix with no layers")?;
        let mut metadata = HashMap::new();
        metadata.insert("model_sha256".to_string(), self.model_sha256.clone().unwrap_or_default());
        metadata.insert("m".to_string(), self.len().to_string());
        metadata.insert("layers".to_string(), self.keys.len().to_string());
        metadata.insert("kv_heads".to_string(), first.dim(0)?.to_string());
        metadata.insert("head_dim".to_string(), first.dim(2)?.to_string());
        safetensors::serialize_to_file(tensors, Some(metadata), path)
            .with_context(|| format!("cannot write prefix {}", path.display()))
    }

    /// Reads a prefix file; the metadata must agree with the tensors.
    pub fn load(path: &Path, device: &Device, dtype: DType) -> Result<Self> {
        let bytes = std::fs::read(path).with_context(|| format!("cannot read prefix {}", path.display()))?;
        let bad = |what: String| anyhow::anyhow!("{} is not a pyqual prefix file: {what}", path.display());
        let (_, header) = safetensors::SafeTensors::read_metadata(&bytes).map_err(|e| bad(e.to_string()))?;
        let metadata = header.metadata().clone().ok_or_else(|| bad("no metadata".into()))?;
        let field = |key: &str| -> Result<usize> {
            metadata
                .get(key)
                .and_then(|v| v.parse().ok())
                .ok_or_else(|| bad(format!("metadata lacks a numeric {key}")))
        };
        let (m, layers, kv_heads, head_dim) = (field("m")?, field("layers")?, field("kv_heads")?, field("head_dim")?);
        let tensors = candle_core::safetensors::load_buffer(&bytes, device).map_err(|e| bad(e.to_string()))?;
        let take = |name: String| -> Result<Tensor> {
            let t = tensors.get(&name).ok_or_else(|| bad(format!("missing tensor {name}")))?;
            if t.dims() != [kv_heads, m, head_dim] {
                return Err(bad(format!("tensor {name} has shape {:?}, metadata says ({kv_heads}, {m}, {head_dim})", t.dims())));
            }
            Ok(t.to_dtype(dtype)?)
        };
        let mut keys = Vec::with_capacity(layers);
        let mut values = Vec::with_capacity(layers);
        for i in 0..layers {
            keys.push(take(format!("layers.{i}.key"))?);
            values.push(take(format!("layers.{i}.value"))?);
        }
        let sha = metadata.get("model_sha256").filter(|s| !s.is_empty()).cloned();
        Ok(Self { keys, values, model_sha256: sha })
    }

    /// Loads and checks that the prefix fits the model.
    pub fn load_for(path: &Path, cfg: &Config, model_sha256: Option<&str>, device: &Device, dtype: DType) -> Result<Self> {
        let prefix = Self::load(path, device, dtype)?;
        prefix
            .check_fits(cfg, model_sha256)
            .with_context(|| format!("prefix {} does not fit the model", path.display()))?;
        Ok(prefix)
    }
}

fn splitmix64(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}
