//! A model ready to complete code: weights, decoder, tokenizer, manifest and
//! (optionally) the quality prefix, loaded once and used for many requests
//! (the language server keeps one).

use super::prompt::{cursor_prompt, Prompt};
use super::session::{self, Completion, Options, Stats};
use super::stops::PythonStop;
use super::tokenizer::Tokenizer;
use crate::model::manifest::{self, ResolvedModel};
use crate::model::{Decoder, ForwardMode, Manifest, Prefix, WeightFormat, Weights};
use anyhow::{bail, Context, Result};
use candle_core::Device;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

/// Which quality prefix to load.
#[derive(Clone, Debug, Default)]
pub enum PrefixChoice {
    /// `prefix.safetensors` beside the weights, if there is one.
    #[default]
    Installed,
    File(PathBuf),
    /// Random values of M positions (benchmarks of the prefix's cost).
    Random { m: usize, seed: u64 },
    None,
}

pub struct LoadedModel {
    /// The model as named (`smollm2-135m-instruct`, or a path).
    pub name: String,
    pub decoder: Decoder,
    pub tokenizer: Tokenizer,
    pub manifest: Option<Manifest>,
    pub prefix: Option<Prefix>,
    pub prefix_path: Option<PathBuf>,
    pub load_time: Duration,
}

/// `cpu`, `cuda` or `cuda:N`.
pub fn parse_device(spec: &str) -> Result<Device> {
    if spec == "cpu" {
        return Ok(Device::Cpu);
    }
    let ordinal = match spec.strip_prefix("cuda") {
        Some("") => 0,
        Some(rest) => rest
            .strip_prefix(':')
            .and_then(|n| n.parse().ok())
            .with_context(|| format!("bad device {spec:?} (expected cpu, cuda or cuda:N)"))?,
        None => bail!("bad device {spec:?} (expected cpu, cuda or cuda:N)"),
    };
    if !cfg!(feature = "cuda") {
        bail!("this pyqual was built without CUDA support: rebuild with `--features cuda` to use {spec}");
    }
    Device::new_cuda(ordinal).with_context(|| format!("cannot open CUDA device {ordinal}"))
}

impl LoadedModel {
    /// Loads `model` (a name under models/ or a path), checking the manifest's
    /// checksum; weights dequantized (candle's quantized CPU kernels are slower).
    pub fn load(model: &str, device: &Device, prefix: &PrefixChoice) -> Result<LoadedModel> {
        let started = Instant::now();
        let resolved = manifest::resolve(model)?;
        if let Some(manifest) = &resolved.manifest {
            manifest.verify()?;
        }
        let weights = Weights::load(&resolved.path, WeightFormat::Dequantized, device)?;
        Self::from_weights(model, resolved, &weights, prefix, started)
    }

    /// The decoder, tokenizer and prefix for weights already loaded (and
    /// checked) from `resolved`; `started` is when loading began.
    pub fn from_weights(
        model: &str,
        resolved: ResolvedModel,
        weights: &Weights,
        prefix: &PrefixChoice,
        started: Instant,
    ) -> Result<LoadedModel> {
        let device = weights.device.clone();
        let decoder = Decoder::new(weights, ForwardMode::Inference)?;
        let tokenizer = match weights.gguf() {
            Some(content) => Tokenizer::for_model(&resolved.path, content)?,
            None => Tokenizer::from_tokenizer_json(&resolved.path.with_file_name("tokenizer.json"))?,
        };
        let prefix_path = match prefix {
            PrefixChoice::Installed => Some(resolved.path.with_file_name("prefix.safetensors")).filter(|p| p.is_file()),
            PrefixChoice::File(path) => Some(path.clone()),
            PrefixChoice::Random { .. } | PrefixChoice::None => None,
        };
        let model_sha = resolved.manifest.as_ref().map(|m| m.sha256().to_owned());
        let prefix = match prefix {
            PrefixChoice::Random { m, seed } => Some(Prefix::random(&weights.config, *m, 1.0, *seed, &device, weights.dtype)?),
            _ => prefix_path
                .as_deref()
                .map(|path| Prefix::load_for(path, &weights.config, model_sha.as_deref(), &device, weights.dtype))
                .transpose()?,
        };
        Ok(LoadedModel {
            name: model.to_string(),
            decoder,
            tokenizer,
            manifest: resolved.manifest,
            prefix,
            prefix_path,
            load_time: started.elapsed(),
        })
    }

    /// Token ids that end a completion: end of text plus the manifest's stops.
    pub fn stop_ids(&self) -> Vec<u32> {
        let mut ids: Vec<u32> = self.tokenizer.eos_id().into_iter().collect();
        if let Some(manifest) = &self.manifest {
            ids.extend(manifest.tokens.stop.iter().filter_map(|token| self.tokenizer.token_id(token)));
        }
        ids
    }

    /// Greedy options for a cursor after `before`: the model's stop ids and
    /// the Python block stop. Callers adjust the rest.
    pub fn options_for(&self, before: &str) -> Options {
        Options { stop_ids: self.stop_ids(), python_stop: Some(PythonStop::new(before)), ..Options::default() }
    }

    /// Completions for a cursor between `before` and `after` (FIM when the
    /// model has it) with `options` as given (see [`LoadedModel::options_for`]).
    pub fn complete_at(
        &self,
        before: &str,
        after: &str,
        options: Options,
        use_prefix: bool,
        on_text: &mut dyn FnMut(usize, &str),
        cancel: &AtomicBool,
    ) -> Result<(Vec<Completion>, Stats)> {
        let prompt = self.prompt_at(before, after)?;
        self.complete(&prompt, &options, use_prefix, on_text, cancel)
    }

    /// The prompt for a cursor between `before` and `after`.
    pub fn prompt_at(&self, before: &str, after: &str) -> Result<Prompt> {
        cursor_prompt(&self.tokenizer, self.manifest.as_ref(), before, after)
    }

    /// Completions of `prompt`, with the quality prefix when `use_prefix`.
    pub fn complete(
        &self,
        prompt: &Prompt,
        options: &Options,
        use_prefix: bool,
        on_text: &mut dyn FnMut(usize, &str),
        cancel: &AtomicBool,
    ) -> Result<(Vec<Completion>, Stats)> {
        let prefix = if use_prefix { self.prefix.as_ref() } else { None };
        session::generate(&self.decoder, prefix, &self.tokenizer, &prompt.ids, options, on_text, cancel)
    }

    pub fn prefix_file(&self) -> Option<&Path> {
        self.prefix_path.as_deref()
    }
}
