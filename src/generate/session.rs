//! Running the decoder: one prefill of the prompt, then n samples that each
//! continue a clone of its KV cache; text streamed through a callback as soon
//! as no stop condition can still claim it; a cancel flag checked every token.

use super::sampling::Sampler;
use super::stops::{PythonStop, Stop, StopSequences};
use super::tokenizer::{DecodeStream, Tokenizer};
use crate::model::{Decoder, Prefix};
use anyhow::Result;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

#[derive(Clone, Debug)]
pub struct Options {
    /// Samples per prompt.
    pub n: usize,
    pub max_tokens: usize,
    /// 0 is greedy.
    pub temperature: f32,
    pub top_p: f32,
    /// Sample i draws from seed + i.
    pub seed: u64,
    /// Token ids that end a sample (end of text, end of turn, ...).
    pub stop_ids: Vec<u32>,
    pub stop_sequences: Vec<String>,
    /// Python block-structure stops, built from the text before the cursor.
    pub python_stop: Option<PythonStop>,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            n: 1,
            max_tokens: 128,
            temperature: 0.0,
            top_p: 1.0,
            seed: 0,
            stop_ids: Vec::new(),
            stop_sequences: Vec::new(),
            python_stop: None,
        }
    }
}

/// Why a sample ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Finish {
    StopToken,
    StopSequence,
    Dedent,
    MaxTokens,
    ContextFull,
    Cancelled,
}

impl Finish {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::StopToken => "stop_token",
            Self::StopSequence => "stop_sequence",
            Self::Dedent => "dedent",
            Self::MaxTokens => "max_tokens",
            Self::ContextFull => "context_full",
            Self::Cancelled => "cancelled",
        }
    }
}

#[derive(Clone, Debug)]
pub struct Completion {
    pub text: String,
    /// Tokens sampled (including any cut off by a stop).
    pub tokens: Vec<u32>,
    pub finish: Finish,
}

#[derive(Clone, Debug, Default)]
pub struct Stats {
    pub prompt_tokens: usize,
    pub prefill: Duration,
    /// Decoder steps after the prefill, over all samples.
    pub decode_tokens: usize,
    pub decode: Duration,
}

impl Stats {
    pub fn prefill_tokens_per_s(&self) -> f64 {
        self.prompt_tokens as f64 / self.prefill.as_secs_f64().max(1e-9)
    }

    pub fn decode_tokens_per_s(&self) -> f64 {
        self.decode_tokens as f64 / self.decode.as_secs_f64().max(1e-9)
    }
}

/// Generates `options.n` completions of `prompt`. `on_text(sample, text)` gets
/// each sample's text in order, in pieces; the pieces of a sample concatenate
/// to its final text.
pub fn generate(
    decoder: &Decoder,
    prefix: Option<&Prefix>,
    tokenizer: &Tokenizer,
    prompt: &[u32],
    options: &Options,
    on_text: &mut dyn FnMut(usize, &str),
    cancel: &AtomicBool,
) -> Result<(Vec<Completion>, Stats)> {
    let mut stats = Stats { prompt_tokens: prompt.len(), ..Stats::default() };
    let started = Instant::now();
    let mut cache = decoder.cache(prefix)?;
    let first_logits = decoder.forward_last(prompt, &mut cache)?.to_vec1::<f32>()?;
    stats.prefill = started.elapsed();
    let context = decoder.config().context_length;
    let sequences = StopSequences(options.stop_sequences.clone());
    let mut completions = Vec::with_capacity(options.n);
    for sample in 0..options.n {
        let started = Instant::now();
        let mut cache = cache.clone();
        let mut sampler = Sampler::new(options.temperature, options.top_p, options.seed.wrapping_add(sample as u64));
        let mut stream = DecodeStream::new(tokenizer);
        let mut logits = first_logits.clone();
        let (mut text, mut tokens, mut emitted) = (String::new(), Vec::new(), 0);
        let finish = loop {
            if cancel.load(Ordering::Relaxed) {
                break Finish::Cancelled;
            }
            if tokens.len() >= options.max_tokens {
                break Finish::MaxTokens;
            }
            let token = sampler.sample(&logits);
            if options.stop_ids.contains(&token) {
                break Finish::StopToken;
            }
            tokens.push(token);
            if let Some(piece) = stream.push(token)? {
                text.push_str(&piece);
            }
            let seq_cut = sequences.cut(&text);
            let dedent_cut = options.python_stop.as_ref().and_then(|p| p.cut(&text));
            let cut = match (seq_cut, dedent_cut) {
                (Some(a), Some(b)) if b < a => Some((b, Finish::Dedent)),
                (Some(a), _) => Some((a, Finish::StopSequence)),
                (None, Some(b)) => Some((b, Finish::Dedent)),
                (None, None) => None,
            };
            if let Some((at, why)) = cut {
                text.truncate(at);
                break why;
            }
            let held = sequences
                .holdback(&text)
                .max(options.python_stop.as_ref().map_or(0, |p| p.holdback(&text)));
            let safe = floor_char_boundary(&text, text.len() - held);
            if safe > emitted {
                on_text(sample, &text[emitted..safe]);
                emitted = safe;
            }
            if cache.len() + 1 > context {
                break Finish::ContextFull;
            }
            logits = decoder.forward_last(&[token], &mut cache)?.to_vec1::<f32>()?;
            stats.decode_tokens += 1;
        };
        if text.len() > emitted {
            on_text(sample, &text[emitted..]);
        }
        stats.decode += started.elapsed();
        completions.push(Completion { text, tokens, finish });
    }
    Ok((completions, stats))
}

fn floor_char_boundary(text: &str, mut at: usize) -> usize {
    while at > 0 && !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}
