//! `pyqual generate`: complete a prompt file or a cursor position with a local
//! model (optionally steered by a quality prefix), and score each completion
//! with pyqual's own checker.

use crate::checker::Checker;
use crate::config::{self, Profile};
use crate::generate::loaded::{parse_device, LoadedModel, PrefixChoice};
use crate::generate::session::Options;
use crate::model::{manifest, WeightFormat, Weights};
use anyhow::{bail, Context, Result};
use serde_json::json;
use std::io::Write;
use std::path::PathBuf;
use std::sync::atomic::AtomicBool;
use std::time::Instant;

#[derive(clap::Args)]
pub struct GenerateArgs {
    /// Complete the whole text of this file.
    #[arg(long, conflicts_with = "file")]
    prompt_file: Option<PathBuf>,
    /// Complete at a cursor in this file (with --line and --col).
    #[arg(long, requires_all = ["line", "col"])]
    file: Option<PathBuf>,
    /// Cursor line, 1-based.
    #[arg(long)]
    line: Option<usize>,
    /// Cursor column, 0-based UTF-8 bytes (as pylint's columns).
    #[arg(long)]
    col: Option<usize>,
    /// A model name under models/, a directory with a model.toml, or a .gguf/.safetensors file.
    #[arg(long, default_value = manifest::DEFAULT_MODEL)]
    model: String,
    /// Completions to sample (they share one prefill).
    #[arg(short = 'n', long = "num", default_value_t = 1)]
    n: usize,
    /// Sampling temperature; 0 is greedy.
    #[arg(long, default_value_t = 0.0)]
    temperature: f32,
    #[arg(long, default_value_t = 0.95)]
    top_p: f32,
    #[arg(long, default_value_t = 128)]
    max_tokens: usize,
    #[arg(long, default_value_t = 0)]
    seed: u64,
    /// A quality prefix (default: `prefix.safetensors` beside the model, if any).
    #[arg(long, conflicts_with = "no_prefix")]
    prefix: Option<PathBuf>,
    /// Run the plain model even when a default prefix exists.
    #[arg(long)]
    no_prefix: bool,
    /// `cpu`, `cuda` or `cuda:N` (CUDA needs a build with `--features cuda`).
    #[arg(long, default_value = "cpu")]
    device: String,
    /// Keep GGUF matrices quantized (candle's quantized kernels; the default on CPU in
    /// builds with AVX2 enabled) or dequantize them (the default otherwise).
    #[arg(long, value_enum)]
    weights: Option<Weights_>,
    /// Compute dtype (default: f32 on CPU, bf16 on CUDA).
    #[arg(long, value_enum)]
    dtype: Option<Dtype>,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Print load time, prompt tokens, prefill and decode speed to stderr.
    #[arg(long)]
    stats: bool,
    /// Benchmarking: a random prefix of this many positions (seeded by --seed).
    #[arg(long, conflicts_with_all = ["prefix", "no_prefix"])]
    random_prefix: Option<usize>,
    /// Benchmarking: ignore end-of-text tokens and Python stops; always run --max-tokens.
    #[arg(long)]
    no_stop: bool,
    /// Checker profile for the scores.
    #[arg(long, value_enum, default_value_t = Profile::Paper)]
    profile: Profile,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    Text,
    Json,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Dtype {
    F32,
    F16,
    Bf16,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
#[allow(non_camel_case_types)]
enum Weights_ {
    Quantized,
    Dequantized,
}

pub fn run(args: GenerateArgs) -> Result<u8> {
    let (before, after) = read_input(&args)?;
    let device = parse_device(&args.device)?;
    let format = match args.weights {
        Some(Weights_::Quantized) => WeightFormat::Quantized,
        Some(Weights_::Dequantized) => WeightFormat::Dequantized,
        // candle's quantized CPU kernels are only fast when compiled for AVX2
        // (`RUSTFLAGS="-C target-cpu=native"`); dequantized f32 matmuls
        // dispatch to AVX at run time whatever the build.
        None if !device.is_cuda() && cfg!(target_feature = "avx2") => WeightFormat::Quantized,
        None => WeightFormat::Dequantized,
    };

    let started = Instant::now();
    let resolved = manifest::resolve(&args.model)?;
    if let Some(m) = &resolved.manifest {
        m.verify()?;
    }
    let mut weights = Weights::load(&resolved.path, format, &device)?;
    if let Some(dtype) = args.dtype {
        weights = weights.with_dtype(match dtype {
            Dtype::F32 => candle_core::DType::F32,
            Dtype::F16 => candle_core::DType::F16,
            Dtype::Bf16 => candle_core::DType::BF16,
        })?;
    }
    let prefix = match (&args.prefix, args.no_prefix, args.random_prefix) {
        (_, _, Some(m)) => PrefixChoice::Random { m, seed: args.seed },
        (Some(path), _, None) => PrefixChoice::File(path.clone()),
        (None, true, None) => PrefixChoice::None,
        (None, false, None) => PrefixChoice::Installed,
    };
    let weights_path = resolved.path.clone();
    let model = LoadedModel::from_weights(&args.model, resolved, &weights, &prefix, started)?;
    let load_time = model.load_time;
    let mut options = Options {
        n: args.n.max(1),
        max_tokens: args.max_tokens,
        temperature: args.temperature,
        top_p: args.top_p,
        seed: args.seed,
        ..model.options_for(&before)
    };
    if args.no_stop {
        // Benchmarks: neither end-of-text ids nor Python's block stop.
        options.stop_ids.clear();
        options.python_stop = None;
    }

    let stdout = std::io::stdout();
    let cancel = AtomicBool::new(false);
    let streaming = args.format == Format::Text;
    let mut current = usize::MAX;
    let mut on_text = |sample: usize, text: &str| {
        if !streaming {
            return;
        }
        let mut out = stdout.lock();
        if sample != current {
            current = sample;
            let _ = writeln!(out, "{}=== completion {}", if sample == 0 { "" } else { "\n" }, sample + 1);
        }
        let _ = write!(out, "{text}");
        let _ = out.flush();
    };
    let prompt = model.prompt_at(&before, &after)?;
    let (completions, stats) = model.complete(&prompt, &options, true, &mut on_text, &cancel)?;

    let settings = config::load(args.profile, None)?;
    let checker = Checker::new(settings);
    let scores: Vec<f64> = completions
        .iter()
        .map(|c| checker.check_bytes(format!("{before}{}{after}", c.text).as_bytes(), "completion").score)
        .collect();

    let mut out = stdout.lock();
    match args.format {
        Format::Text => {
            writeln!(out)?;
            for (i, (c, score)) in completions.iter().zip(&scores).enumerate() {
                writeln!(out, "--- completion {}: score {score:.2}, {} tokens, {}", i + 1, c.tokens.len(), c.finish.as_str())?;
            }
        }
        Format::Json => {
            let items: Vec<_> = completions
                .iter()
                .zip(&scores)
                .map(|(c, s)| json!({"text": c.text, "score": s, "tokens": c.tokens.len(), "finish": c.finish.as_str()}))
                .collect();
            let value = json!({
                "model": weights_path.display().to_string(),
                "prefix": model.prefix_file().map(|p| p.display().to_string()),
                "prefix_len": model.prefix.as_ref().map_or(0, |p| p.len()),
                "fim": prompt.fim,
                "prompt_tokens": prompt.ids.len(),
                "completions": items,
                "stats": {
                    "load_s": load_time.as_secs_f64(),
                    "prefill_s": stats.prefill.as_secs_f64(),
                    "prefill_tokens_per_s": stats.prefill_tokens_per_s(),
                    "decode_tokens": stats.decode_tokens,
                    "decode_s": stats.decode.as_secs_f64(),
                    "decode_tokens_per_s": stats.decode_tokens_per_s(),
                },
            });
            writeln!(out, "{value}")?;
        }
    }
    if args.stats {
        eprintln!(
            "load {:.2} s, prompt {} tokens{}, prefill {:.1} tokens/s, decode {:.1} tokens/s ({} tokens in {:.2} s)",
            load_time.as_secs_f64(),
            stats.prompt_tokens,
            if prompt.fim { " (fill-in-the-middle)" } else { "" },
            stats.prefill_tokens_per_s(),
            stats.decode_tokens_per_s(),
            stats.decode_tokens,
            stats.decode.as_secs_f64(),
        );
    }
    Ok(0)
}

/// The text before and after the cursor.
fn read_input(args: &GenerateArgs) -> Result<(String, String)> {
    if let Some(path) = &args.prompt_file {
        let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
        return Ok((text, String::new()));
    }
    let Some(path) = &args.file else { bail!("give --prompt-file F, or --file F --line L --col C") };
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let (line, col) = (args.line.unwrap_or(1), args.col.unwrap_or(0));
    if line == 0 {
        bail!("--line is 1-based");
    }
    let mut offset = 0;
    for (i, l) in text.split_inclusive('\n').enumerate() {
        if i + 1 == line {
            let content = l.trim_end_matches(['\n', '\r']);
            if col > content.len() || !content.is_char_boundary(col) {
                bail!("--col {col} is not a character boundary of line {line} ({} bytes)", content.len());
            }
            let at = offset + col;
            return Ok((text[..at].to_owned(), text[at..].to_owned()));
        }
        offset += l.len();
    }
    if line == text.split_inclusive('\n').count() + 1 && col == 0 {
        return Ok((text.clone(), String::new()));
    }
    bail!("{} has no line {line}", path.display())
}

