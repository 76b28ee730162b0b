//! The Llama / Qwen2 decoder with an external KV cache and the prefix hook.
//!
//! Shapes: one sequence at a time (batch 1). Attention tensors are
//! `(1, heads, seq, head_dim)`; query heads are grouped by the KV head they
//! share (grouped-query attention), so `(1, kv_heads, group * seq, head_dim)`
//! is the same memory and attends to K/V without repeating them.
//!
//! # Prefix position convention
//!
//! A [`Prefix`] adds M keys and values per layer and KV head *in front of*
//! the token keys. Prefix keys carry **no rotary embedding** (they are learned
//! directly in the rotated space), and tokens keep positions 0, 1, 2, ... as
//! if there were no prefix. Every token attends to all M prefix positions
//! (the causal mask only orders tokens). With no prefix the computation is
//! exactly the plain decoder's, bit for bit. Training and inference use the
//! same convention because both go through [`Decoder::forward_with`].

use super::config::Config;
use super::prefix::Prefix;
use super::weights::{Param, Weights};
use anyhow::{bail, Result};
use candle_core::quantized::QMatMul;
use candle_core::{DType, Device, Module, Tensor, D};

/// Which kernels a forward pass uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ForwardMode {
    /// Fused kernels (softmax, RMSNorm, RoPE) and quantized matmuls: fast, but
    /// candle cuts the autograd graph at them.
    Inference,
    /// Differentiable compositions of basic ops; dequantized weights only.
    Training,
}

/// A linear layer `y = x Wᵀ + b`, weights frozen.
#[derive(Clone, Debug)]
enum Linear {
    Dense { weight: Tensor, bias: Option<Tensor> },
    Quantized { weight: QMatMul, bias: Option<Tensor> },
}

impl Linear {
    fn load(weights: &Weights, name: &str, bias: bool) -> Result<Self> {
        let bias = if bias { Some(weights.dense(&format!("{name}.bias"))?) } else { None };
        let weight_name = format!("{name}.weight");
        Ok(match weights.get(&weight_name)? {
            Param::Dense(weight) => Self::Dense { weight: weight.clone(), bias },
            Param::Quantized(q) => Self::Quantized { weight: QMatMul::from_arc(q.clone())?, bias },
        })
    }

    fn is_quantized(&self) -> bool {
        matches!(self, Self::Quantized { weight: QMatMul::QTensor(_), .. })
    }

    /// `x`: `(seq, in)` → `(seq, out)`.
    fn forward(&self, x: &Tensor, mode: ForwardMode) -> Result<Tensor> {
        let (y, bias) = match self {
            Self::Dense { weight, bias } if mode == ForwardMode::Training && FROZEN.get() && x.track_op() => {
                (frozen_matmul(x, weight)?, bias)
            }
            Self::Dense { weight, bias } => (x.matmul(&weight.t()?)?, bias),
            Self::Quantized { weight, bias } => (weight.forward(x)?, bias),
        };
        Ok(match bias {
            Some(b) => y.broadcast_add(b)?,
            None => y,
        })
    }
}

thread_local! {
    /// Whether training uses [`frozen_matmul`] (on by default; off only to measure it).
    static FROZEN: std::cell::Cell<bool> = const { std::cell::Cell::new(true) };
}

/// Turns the frozen-weight matmul of training mode off (`false`) or on for
/// this thread: gradients are the same, only speed and memory differ.
pub fn set_frozen_matmul(on: bool) {
    FROZEN.set(on);
}

/// `x Wᵀ` whose backward sends the gradient to `x` only. candle's matmul
/// backward would also compute a weight-sized gradient for the frozen weight
/// (and keep it in the gradient store) although nothing uses it.
fn frozen_matmul(x: &Tensor, weight: &Tensor) -> Result<Tensor> {
    let output = x.detach().matmul(&weight.t()?)?;
    Ok(x.apply_op1(FrozenMatmul { weight: weight.clone(), output })?)
}

/// The custom op behind [`frozen_matmul`]: its forward hands back the
/// product computed outside the graph; its backward is `grad · W`.
struct FrozenMatmul {
    weight: Tensor,
    output: Tensor,
}

impl candle_core::CustomOp1 for FrozenMatmul {
    fn name(&self) -> &'static str {
        "frozen-matmul"
    }

    fn cpu_fwd(
        &self,
        _: &candle_core::CpuStorage,
        _: &candle_core::Layout,
    ) -> candle_core::Result<(candle_core::CpuStorage, candle_core::Shape)> {
        let (storage, layout) = self.output.storage_and_layout();
        match &*storage {
            candle_core::Storage::Cpu(s) => Ok((s.clone(), layout.shape().clone())),
            _ => candle_core::bail!("frozen-matmul: output is not on the CPU"),
        }
    }

    #[cfg(feature = "cuda")]
    fn cuda_fwd(
        &self,
        _: &candle_core::CudaStorage,
        _: &candle_core::Layout,
    ) -> candle_core::Result<(candle_core::CudaStorage, candle_core::Shape)> {
        use candle_core::backend::BackendStorage;
        let (storage, layout) = self.output.storage_and_layout();
        match &*storage {
            candle_core::Storage::Cuda(s) => Ok((s.try_clone(layout)?, layout.shape().clone())),
            _ => candle_core::bail!("frozen-matmul: output is not on a CUDA device"),
        }
    }

    fn bwd(&self, _arg: &Tensor, _res: &Tensor, grad: &Tensor) -> candle_core::Result<Option<Tensor>> {
        Ok(Some(grad.matmul(&self.weight)?))
    }
}

#[derive(Clone, Debug)]
struct RmsNorm {
    weight: Tensor,
    eps: f32,
}

impl RmsNorm {
    fn forward(&self, x: &Tensor, mode: ForwardMode) -> Result<Tensor> {
        Ok(match mode {
            ForwardMode::Inference => candle_nn::ops::rms_norm(x, &self.weight, self.eps)?,
            ForwardMode::Training => candle_nn::ops::rms_norm_slow(x, &self.weight, self.eps)?,
        })
    }
}

/// Rotary tables, computed once: `cos`, `sin` of shape `(context, head_dim / 2)`.
#[derive(Clone, Debug)]
struct Rotary {
    cos: Tensor,
    sin: Tensor,
    interleaved: bool,
}

impl Rotary {
    fn new(cfg: &Config, dtype: DType, device: &Device) -> Result<Self> {
        let half = cfg.head_dim / 2;
        let inv_freq: Vec<f32> =
            (0..half).map(|i| 1.0 / cfg.rope_theta.powf(2.0 * i as f32 / cfg.head_dim as f32)).collect();
        let positions: Vec<f32> = (0..cfg.context_length).map(|p| p as f32).collect();
        let inv_freq = Tensor::from_vec(inv_freq, (1, half), device)?;
        let positions = Tensor::from_vec(positions, (cfg.context_length, 1), device)?;
        let angles = positions.matmul(&inv_freq)?;
        Ok(Self { cos: angles.cos()?.to_dtype(dtype)?, sin: angles.sin()?.to_dtype(dtype)?, interleaved: cfg.rope_interleaved })
    }

    /// `x`: `(1, heads, seq, head_dim)`, contiguous, tokens at `start..start + seq`.
    fn apply(&self, x: &Tensor, start: usize, mode: ForwardMode) -> Result<Tensor> {
        let seq = x.dim(2)?;
        let cos = self.cos.narrow(0, start, seq)?;
        let sin = self.sin.narrow(0, start, seq)?;
        use candle_nn::rotary_emb::{rope, rope_i, rope_i_slow, rope_slow};
        Ok(match (mode, self.interleaved) {
            (ForwardMode::Inference, true) => rope_i(x, &cos, &sin)?,
            (ForwardMode::Inference, false) => rope(x, &cos, &sin)?,
            (ForwardMode::Training, true) => rope_i_slow(x, &cos, &sin)?,
            (ForwardMode::Training, false) => rope_slow(x, &cos, &sin)?,
        })
    }
}

#[derive(Clone, Debug)]
struct Layer {
    attn_norm: RmsNorm,
    q: Linear,
    k: Linear,
    v: Linear,
    o: Linear,
    ffn_norm: RmsNorm,
    gate: Linear,
    up: Linear,
    down: Linear,
}

/// Per layer the keys and values attention has seen: the prefix's M positions
/// first, then the tokens'. Cloning is cheap (tensors are shared), which is how
/// several samples share one prefill.
#[derive(Clone, Debug)]
pub struct KvCache {
    layers: Vec<Option<(Tensor, Tensor)>>,
    prefix_len: usize,
    len: usize,
}

impl KvCache {
    /// An empty cache for a decoder without prefix.
    pub fn new(cfg: &Config) -> Self {
        Self { layers: vec![None; cfg.layers], prefix_len: 0, len: 0 }
    }

    /// An empty cache whose attention starts with `prefix` (checked to fit `cfg`).
    pub fn with_prefix(cfg: &Config, prefix: Option<&Prefix>) -> Result<Self> {
        let Some(prefix) = prefix else { return Ok(Self::new(cfg)) };
        prefix.check_shape(cfg)?;
        let mut layers = Vec::with_capacity(cfg.layers);
        for (k, v) in prefix.keys.iter().zip(&prefix.values) {
            layers.push(Some((k.unsqueeze(0)?, v.unsqueeze(0)?)));
        }
        Ok(Self { layers, prefix_len: prefix.len(), len: 0 })
    }

    /// Tokens seen so far (the prefix not counted).
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Prefix positions in front of the tokens.
    pub fn prefix_len(&self) -> usize {
        self.prefix_len
    }

    /// Forgets every token from position `len` on; the prefix stays.
    pub fn truncate(&mut self, len: usize) -> Result<()> {
        if len >= self.len {
            return Ok(());
        }
        let keep = self.prefix_len + len;
        for entry in &mut self.layers {
            if let Some((k, v)) = entry.take() {
                if keep > 0 {
                    *entry = Some((k.narrow(2, 0, keep)?, v.narrow(2, 0, keep)?));
                }
            }
        }
        self.len = len;
        Ok(())
    }
}

/// The decoder: frozen weights, rotary tables, and the kernels' mode.
#[derive(Clone, Debug)]
pub struct Decoder {
    config: Config,
    embed: Tensor,
    layers: Vec<Layer>,
    norm: RmsNorm,
    head: Linear,
    rotary: Rotary,
    mode: ForwardMode,
    device: Device,
    dtype: DType,
}

impl Decoder {
    /// Builds the decoder from loaded weights. `Training` needs dequantized weights.
    pub fn new(weights: &Weights, mode: ForwardMode) -> Result<Self> {
        let cfg = weights.config.clone();
        let eps = cfg.rms_eps as f32;
        let norm = |name: &str| -> Result<RmsNorm> { Ok(RmsNorm { weight: weights.dense(name)?, eps }) };
        let mut layers = Vec::with_capacity(cfg.layers);
        for i in 0..cfg.layers {
            let p = |part: &str| format!("blk.{i}.{part}");
            layers.push(Layer {
                attn_norm: norm(&p("attn_norm.weight"))?,
                q: Linear::load(weights, &p("attn_q"), cfg.qkv_bias)?,
                k: Linear::load(weights, &p("attn_k"), cfg.qkv_bias)?,
                v: Linear::load(weights, &p("attn_v"), cfg.qkv_bias)?,
                o: Linear::load(weights, &p("attn_output"), false)?,
                ffn_norm: norm(&p("ffn_norm.weight"))?,
                gate: Linear::load(weights, &p("ffn_gate"), false)?,
                up: Linear::load(weights, &p("ffn_up"), false)?,
                down: Linear::load(weights, &p("ffn_down"), false)?,
            });
        }
        let head_name = if weights.contains("output.weight") { "output" } else { "token_embd" };
        let decoder = Self {
            embed: weights.dense("token_embd.weight")?,
            head: Linear::load(weights, head_name, false)?,
            norm: norm("output_norm.weight")?,
            rotary: Rotary::new(&cfg, weights.dtype, &weights.device)?,
            layers,
            config: cfg,
            mode: ForwardMode::Inference,
            device: weights.device.clone(),
            dtype: weights.dtype,
        };
        decoder.with_mode(mode)
    }

    /// The same weights with another kernel mode.
    pub fn with_mode(mut self, mode: ForwardMode) -> Result<Self> {
        if mode == ForwardMode::Training && self.is_quantized() {
            bail!("training needs dequantized weights (load with WeightFormat::Dequantized)");
        }
        self.mode = mode;
        Ok(self)
    }

    fn is_quantized(&self) -> bool {
        self.head.is_quantized()
            || self.layers.iter().any(|l| {
                [&l.q, &l.k, &l.v, &l.o, &l.gate, &l.up, &l.down].iter().any(|lin| lin.is_quantized())
            })
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    pub fn mode(&self) -> ForwardMode {
        self.mode
    }

    pub fn device(&self) -> &Device {
        &self.device
    }

    pub fn dtype(&self) -> DType {
        self.dtype
    }

    /// An empty cache for this decoder, starting with `prefix` if given.
    pub fn cache(&self, prefix: Option<&Prefix>) -> Result<KvCache> {
        KvCache::with_prefix(&self.config, prefix)
    }

    /// Runs `tokens` after what `cache` holds; returns f32 logits for every
    /// position, `(tokens.len(), vocab)`, and appends to the cache.
    pub fn forward(&self, tokens: &[u32], cache: &mut KvCache) -> Result<Tensor> {
        let hidden = self.hidden_states(tokens, cache)?;
        Ok(self.head.forward(&hidden, self.mode)?.to_dtype(DType::F32)?)
    }

    /// Like [`forward`](Self::forward) but only the last position's logits,
    /// `(vocab,)`: the output head runs on one row.
    pub fn forward_last(&self, tokens: &[u32], cache: &mut KvCache) -> Result<Tensor> {
        let hidden = self.hidden_states(tokens, cache)?;
        let last = hidden.narrow(0, hidden.dim(0)? - 1, 1)?;
        Ok(self.head.forward(&last, self.mode)?.squeeze(0)?.to_dtype(DType::F32)?)
    }

    /// The final-norm hidden states, `(seq, hidden)`.
    pub fn hidden_states(&self, tokens: &[u32], cache: &mut KvCache) -> Result<Tensor> {
        if tokens.is_empty() {
            bail!("forward needs at least one token");
        }
        let start = cache.len;
        if start + tokens.len() > self.config.context_length {
            bail!(
                "{} tokens exceed the model's context length {}",
                start + tokens.len(),
                self.config.context_length
            );
        }
        if cache.layers.len() != self.layers.len() {
            bail!("KV cache has {} layers, the decoder {}", cache.layers.len(), self.layers.len());
        }
        let ids = Tensor::new(tokens, &self.device)?;
        let mut x = self.embed.index_select(&ids, 0)?;
        let mask = self.mask(tokens.len(), cache.prefix_len + start)?;
        for (layer, entry) in self.layers.iter().zip(cache.layers.iter_mut()) {
            let h = layer.attn_norm.forward(&x, self.mode)?;
            let attn = self.attention(layer, &h, entry, start, mask.as_ref())?;
            let x1 = (x + attn)?;
            let h = layer.ffn_norm.forward(&x1, self.mode)?;
            let gated = (candle_nn::ops::silu(&layer.gate.forward(&h, self.mode)?)? * layer.up.forward(&h, self.mode)?)?;
            let mlp = layer.down.forward(&gated, self.mode)?;
            x = (x1 + mlp)?;
        }
        cache.len += tokens.len();
        self.norm.forward(&x, self.mode)
    }

    /// Additive mask `(seq, past + seq)`: 0 where a query may look, −∞ at later
    /// tokens; `past` includes the prefix, which every query sees.
    fn mask(&self, seq: usize, past: usize) -> Result<Option<Tensor>> {
        if seq == 1 {
            return Ok(None);
        }
        let kv = past + seq;
        let data: Vec<f32> = (0..seq)
            .flat_map(|i| (0..kv).map(move |j| if j > past + i { f32::NEG_INFINITY } else { 0.0 }))
            .collect();
        Ok(Some(Tensor::from_vec(data, (seq, kv), &self.device)?.to_dtype(self.dtype)?))
    }

    /// `x`: `(seq, hidden)` normed input → `(seq, hidden)` attention output.
    fn attention(
        &self,
        layer: &Layer,
        x: &Tensor,
        entry: &mut Option<(Tensor, Tensor)>,
        start: usize,
        mask: Option<&Tensor>,
    ) -> Result<Tensor> {
        let cfg = &self.config;
        let (seq, _) = x.dims2()?;
        let (heads, kv_heads, hd) = (cfg.heads, cfg.kv_heads, cfg.head_dim);
        let group = heads / kv_heads;
        let split = |t: Tensor, n: usize| -> Result<Tensor> {
            Ok(t.reshape((1, seq, n, hd))?.transpose(1, 2)?.contiguous()?)
        };
        let q = self.rotary.apply(&split(layer.q.forward(x, self.mode)?, heads)?, start, self.mode)?;
        let k = self.rotary.apply(&split(layer.k.forward(x, self.mode)?, kv_heads)?, start, self.mode)?;
        let v = split(layer.v.forward(x, self.mode)?, kv_heads)?;
        let (k, v) = match entry.take() {
            Some((pk, pv)) => (Tensor::cat(&[&pk, &k], 2)?, Tensor::cat(&[&pv, &v], 2)?),
            None => (k, v),
        };
        *entry = Some((k.clone(), v.clone()));
        let kv_len = k.dim(2)?;
        // (1, heads, seq, hd) → (1, kv_heads, group·seq, hd): heads sharing a KV head side by side.
        let q = q.reshape((1, kv_heads, group * seq, hd))?;
        let scores = (q.matmul(&k.t()?)? * (1.0 / (hd as f64).sqrt()))?;
        let scores = match mask {
            Some(mask) => scores.reshape((1, kv_heads, group, seq, kv_len))?.broadcast_add(mask)?.reshape((
                1,
                kv_heads,
                group * seq,
                kv_len,
            ))?,
            None => scores,
        };
        let probs = match self.mode {
            ForwardMode::Inference => candle_nn::ops::softmax_last_dim(&scores)?,
            ForwardMode::Training => candle_nn::ops::softmax(&scores, D::Minus1)?,
        };
        let y = probs.matmul(&v)?; // (1, kv_heads, group·seq, hd)
        let y = y.reshape((1, heads, seq, hd))?.transpose(1, 2)?.reshape((seq, heads * hd))?;
        layer.o.forward(&y, self.mode)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use candle_core::Var;

    #[test]
    fn frozen_matmul_has_the_plain_gradient_for_x_and_none_for_w() {
        let dev = Device::Cpu;
        let x = Var::from_tensor(&Tensor::arange(0f32, 12.0, &dev).unwrap().reshape((3, 4)).unwrap()).unwrap();
        let w = (Tensor::arange(0f32, 20.0, &dev).unwrap().reshape((5, 4)).unwrap() * 0.1).unwrap();
        let plain = x.as_tensor().matmul(&w.t().unwrap()).unwrap();
        let frozen = frozen_matmul(x.as_tensor(), &w).unwrap();
        assert_eq!(plain.to_vec2::<f32>().unwrap(), frozen.to_vec2::<f32>().unwrap());
        let g_plain = plain.sqr().unwrap().sum_all().unwrap().backward().unwrap();
        let g_frozen = frozen.sqr().unwrap().sum_all().unwrap().backward().unwrap();
        let gx = |g: &candle_core::backprop::GradStore| g.get(x.as_tensor()).unwrap().to_vec2::<f32>().unwrap();
        assert_eq!(gx(&g_plain), gx(&g_frozen));
        assert!(g_frozen.get(&w).is_none());
    }
}
