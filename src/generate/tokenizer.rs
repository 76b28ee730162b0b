//! Text ⇄ token ids for byte-level BPE models, built from the GGUF file's own
//! `tokenizer.ggml.*` metadata (or a `tokenizer.json` next to the weights), so
//! that the ids are the ones llama.cpp gives for the same file.
//!
//! `encode` runs three steps, as llama.cpp does:
//! 1. **Added tokens** are cut out of the text first, longest first. User-defined
//!    tokens always are; control tokens only in [`Tokenizer::encode_with_special`].
//! 2. **Pre-tokenization** splits each remaining fragment into words with the
//!    rules `tokenizer.ggml.pre` names ([`PreTokenizer`]), hand-written after
//!    llama.cpp's regexes so the corner cases (digits, whitespace runs, newlines)
//!    split the same way.
//! 3. **BPE**: each word's bytes are written in GPT-2's byte alphabet and merged
//!    by merge rank (the `tokenizers` crate's BPE model).
//!
//! `decode` maps each token back to its bytes; [`DecodeStream`] does the same one
//! token at a time and holds back UTF-8 sequences that are still incomplete.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::OnceLock;

use anyhow::{anyhow, bail, Context, Result};
use candle_core::quantized::gguf_file::{self, Value};
use tokenizers::models::bpe::BPE;
use tokenizers::Model;

/// A byte-level BPE tokenizer for one model.
pub struct Tokenizer {
    backend: Backend,
    token_to_id: HashMap<String, u32>,
    /// The bytes each id decodes to.
    pieces: Vec<Vec<u8>>,
    /// Added tokens, longest text first (the order llama.cpp matches them in).
    added: Vec<AddedToken>,
    bos: Option<u32>,
    eos: Option<u32>,
    add_bos: bool,
}

enum Backend {
    Gguf {
        pre: PreTokenizer,
        bpe: Box<BPE>,
        /// Bytes with no token: dropped, and no merge spans them (as in llama.cpp).
        missing: Box<[bool; 256]>,
    },
    /// A `tokenizer.json`, with its own pre-tokenizer; its special tokens are not
    /// matched by it (`encode_special_tokens`), [`Tokenizer`] cuts them out first.
    Json(Box<tokenizers::Tokenizer>),
}

struct AddedToken {
    text: String,
    id: u32,
    /// Control tokens are recognised only when special tokens are parsed;
    /// user-defined ones always are (llama.cpp's and `tokenizers`' rule).
    control: bool,
}

// GGUF token types (llama.cpp's `llama_token_type`).
const TYPE_UNKNOWN: i64 = 2;
const TYPE_CONTROL: i64 = 3;
const TYPE_USER_DEFINED: i64 = 4;

/// Token texts llama.cpp treats as control tokens whatever their GGUF type: the
/// end-of-generation and fill-in-the-middle markers it looks up by name when
/// loading a vocabulary (`llama-vocab.cpp`). Qwen2.5's vocabulary has an ordinary
/// `</s>` token, which llama.cpp therefore matches in special mode.
const CONTROL_BY_NAME: &[&str] = &[
    // end of generation / turn / message
    "<|eot_id|>", "<|im_end|>", "<|end|>", "<|return|>", "<|call|>", "<|flush|>", "<|calls|>",
    "<end_of_turn>", "<|endoftext|>", "</s>", "<|eom_id|>", "<EOT>", "_<EOT>", "[EOT]", "[EOS]",
    "<|end_of_text|>", "<end_of_utterance>", "<eos>", "<turn|>", "<|tool_response>",
    "<\u{ff5c}end\u{2581}of\u{2581}sentence\u{ff5c}>", "[e~[",
    // fill in the middle: prefix, suffix, middle, pad, repo, file separator
    "<|fim_prefix|>", "<fim-prefix>", "<fim_prefix>", "<\u{ff5c}fim\u{2581}begin\u{ff5c}>", "<PRE>", "\u{2581}<PRE>",
    "<|code_prefix|>", "<|prefix|>",
    "<|fim_suffix|>", "<fim-suffix>", "<fim_suffix>", "<\u{ff5c}fim\u{2581}hole\u{ff5c}>", "<SUF>", "\u{2581}<SUF>",
    "<|code_suffix|>", "<|suffix|>",
    "<|fim_middle|>", "<fim-middle>", "<fim_middle>", "<\u{ff5c}fim\u{2581}end\u{ff5c}>", "<MID>", "\u{2581}<MID>",
    "<|code_middle|>", "<|middle|>",
    "<|fim_pad|>", "<fim-pad>", "<fim_pad>", "<PAD>", "[PAD]",
    "<|fim_repo|>", "<|repo_name|>", "<fim-repo>", "<REPO>", "<reponame>",
    "<|file_sep|>",
];

/// Whether llama.cpp parses the token as a control token (only in special mode), a
/// user-defined one (always) or not at all, given its GGUF type and its text.
fn added_token_kind(text: &str, kind: i64, in_vocab: impl Fn(&str) -> bool) -> Option<bool> {
    let by_type = match kind {
        TYPE_CONTROL | TYPE_UNKNOWN => Some(true),
        TYPE_USER_DEFINED => Some(false),
        _ => None,
    };
    match text {
        // gpt-oss: always rendered, so user-defined.
        "<|channel|>" | "<|message|>" | "<|start|>" | "<|constrain|>" => return Some(false),
        // o200k_harmony and solar-open: "<|end|>" does not end generation there.
        "<|end|>"
            if (in_vocab("<|call|>") || in_vocab("<|calls|>"))
                && (in_vocab("<|return|>") || in_vocab("<|flush|>")) =>
        {
            return Some(false)
        }
        // gemma4 and plamo: "</s>" is an ordinary token.
        "</s>" if in_vocab("<|tool_response>") || in_vocab("<|plamo:eos|>") => return None,
        _ => {}
    }
    static NAMES: OnceLock<HashSet<&str>> = OnceLock::new();
    if NAMES.get_or_init(|| CONTROL_BY_NAME.iter().copied().collect()).contains(text) {
        return Some(true);
    }
    by_type
}

impl Tokenizer {
    /// `tokenizer.json` next to the weights wins when present, else built from the GGUF metadata.
    pub fn for_model(gguf_path: &Path, content: &gguf_file::Content) -> Result<Self> {
        let json = gguf_path.with_file_name("tokenizer.json");
        if !json.is_file() {
            return Self::from_gguf(content);
        }
        let mut tokenizer = Self::from_tokenizer_json(&json)?;
        let meta = &content.metadata;
        tokenizer.bos = optional_id(meta, "tokenizer.ggml.bos_token_id")?;
        tokenizer.eos = optional_id(meta, "tokenizer.ggml.eos_token_id")?;
        tokenizer.add_bos = optional_bool(meta, "tokenizer.ggml.add_bos_token")?.unwrap_or(false);
        Ok(tokenizer)
    }

    /// Builds the tokenizer from `tokenizer.ggml.{model,pre,tokens,token_type,merges}`.
    pub fn from_gguf(content: &gguf_file::Content) -> Result<Self> {
        let meta = &content.metadata;
        let model = string(meta, "tokenizer.ggml.model")?;
        if model != "gpt2" {
            bail!("tokenizer.ggml.model is {model:?}: only byte-level BPE (\"gpt2\") is supported");
        }
        let pre = PreTokenizer::from_name(string(meta, "tokenizer.ggml.pre")?)?;
        let tokens = strings(meta, "tokenizer.ggml.tokens")?;
        let types = match meta.get("tokenizer.ggml.token_type") {
            Some(value) => integers(value, "tokenizer.ggml.token_type")?,
            None => vec![1; tokens.len()],
        };
        if types.len() != tokens.len() {
            bail!(
                "tokenizer.ggml.token_type has {} entries for {} tokens",
                types.len(),
                tokens.len()
            );
        }
        let merges = strings(meta, "tokenizer.ggml.merges")?
            .iter()
            .enumerate()
            .map(|(rank, merge)| {
                let (left, right) = merge
                    .split_once(' ')
                    .ok_or_else(|| anyhow!("tokenizer.ggml.merges[{rank}] {merge:?} is not two tokens"))?;
                Ok((left.to_string(), right.to_string()))
            })
            .collect::<Result<Vec<_>>>()?;

        // Later duplicates win, as in llama.cpp's token_to_id.
        let mut token_to_id = HashMap::with_capacity(tokens.len());
        for (id, token) in tokens.iter().enumerate() {
            token_to_id.insert(token.to_string(), id as u32);
        }
        // Some vocabularies lack a few bytes (SmolLM2 has no token for 0x04).
        let mut missing = [false; 256];
        for byte in 0..=255u8 {
            missing[byte as usize] = !token_to_id.contains_key(&byte_char(byte).to_string());
        }
        if missing.iter().all(|&m| m) {
            bail!("tokenizer.ggml.tokens has no byte-level tokens: not a byte-level BPE vocabulary");
        }
        let bpe = BPE::builder()
            .vocab_and_merges(
                token_to_id.iter().map(|(token, &id)| (token.clone(), id)).collect::<tokenizers::models::bpe::Vocab>(),
                merges,
            )
            .build()
            .map_err(|error| anyhow!("tokenizer.ggml.merges do not fit tokenizer.ggml.tokens: {error}"))?;

        let mut added = Vec::new();
        let mut pieces = Vec::with_capacity(tokens.len());
        for (id, (token, &kind)) in tokens.iter().zip(&types).enumerate() {
            let is_byte_level = kind != TYPE_CONTROL && kind != TYPE_USER_DEFINED;
            pieces.push(if is_byte_level { byte_level_decode(token) } else { token.as_bytes().to_vec() });
            if let Some(control) = added_token_kind(token, kind, |text| token_to_id.contains_key(text)) {
                added.push(AddedToken { text: token.to_string(), id: id as u32, control });
            }
        }
        Ok(Self::assemble(
            Backend::Gguf { pre, bpe: Box::new(bpe), missing: Box::new(missing) },
            token_to_id,
            pieces,
            added,
            optional_id(meta, "tokenizer.ggml.bos_token_id")?,
            optional_id(meta, "tokenizer.ggml.eos_token_id")?,
            optional_bool(meta, "tokenizer.ggml.add_bos_token")?.unwrap_or(false),
        ))
    }

    /// Loads a Hugging Face `tokenizer.json` (byte-level BPE); its added tokens marked
    /// `special` play the part of control tokens. No BOS/EOS are known from it alone.
    pub fn from_tokenizer_json(path: &Path) -> Result<Self> {
        let mut hf = tokenizers::Tokenizer::from_file(path)
            .map_err(|error| anyhow!("cannot load {}: {error}", path.display()))?;
        hf.set_encode_special_tokens(true);
        let token_to_id: HashMap<String, u32> = hf.get_vocab(true).into_iter().collect();
        let added_tokens = hf.get_added_tokens_decoder();
        let size = token_to_id.values().map(|&id| id as usize + 1).max().unwrap_or(0);
        let mut pieces = vec![Vec::new(); size];
        for (token, &id) in &token_to_id {
            pieces[id as usize] = match added_tokens.get(&id) {
                Some(_) => token.as_bytes().to_vec(),
                None => byte_level_decode(token),
            };
        }
        let added = added_tokens
            .into_iter()
            .map(|(id, token)| AddedToken { text: token.content, id, control: token.special })
            .collect();
        Ok(Self::assemble(Backend::Json(Box::new(hf)), token_to_id, pieces, added, None, None, false))
    }

    fn assemble(
        backend: Backend,
        token_to_id: HashMap<String, u32>,
        pieces: Vec<Vec<u8>>,
        mut added: Vec<AddedToken>,
        bos: Option<u32>,
        eos: Option<u32>,
        add_bos: bool,
    ) -> Self {
        added.retain(|token| !token.text.is_empty());
        added.sort_by(|a, b| b.text.len().cmp(&a.text.len()).then(a.id.cmp(&b.id)));
        Self { backend, token_to_id, pieces, added, bos, eos, add_bos }
    }

    /// Encodes plain text: control tokens written in it (`<|im_end|>`) are text;
    /// user-defined ones (Qwen2.5's `<tool_call>`) are still matched, as llama.cpp does.
    pub fn encode(&self, text: &str) -> Result<Vec<u32>> {
        self.encode_inner(text, false)
    }

    /// Encodes text in which control and user-defined tokens are recognised.
    pub fn encode_with_special(&self, text: &str) -> Result<Vec<u32>> {
        self.encode_inner(text, true)
    }

    fn encode_inner(&self, text: &str, parse_special: bool) -> Result<Vec<u32>> {
        let mut ids = Vec::with_capacity(text.len() / 3);
        for fragment in self.partition(text, parse_special) {
            match fragment {
                Fragment::Token(id) => ids.push(id),
                Fragment::Text(fragment) => self.encode_fragment(fragment, &mut ids)?,
            }
        }
        Ok(ids)
    }

    /// Cuts added tokens out of the text, longest first, each everywhere it occurs.
    fn partition<'t>(&self, text: &'t str, parse_special: bool) -> Vec<Fragment<'t>> {
        let mut fragments = vec![Fragment::Text(text)];
        for token in self.added.iter().filter(|token| parse_special || !token.control) {
            if !text.contains(token.text.as_str()) {
                continue;
            }
            let mut next = Vec::with_capacity(fragments.len() + 2);
            for fragment in fragments {
                let Fragment::Text(mut rest) = fragment else {
                    next.push(fragment);
                    continue;
                };
                while let Some(at) = rest.find(token.text.as_str()) {
                    if at > 0 {
                        next.push(Fragment::Text(&rest[..at]));
                    }
                    next.push(Fragment::Token(token.id));
                    rest = &rest[at + token.text.len()..];
                }
                if !rest.is_empty() {
                    next.push(Fragment::Text(rest));
                }
            }
            fragments = next;
        }
        fragments
    }

    fn encode_fragment(&self, fragment: &str, ids: &mut Vec<u32>) -> Result<()> {
        match &self.backend {
            Backend::Gguf { pre, bpe, missing } => {
                let mut word = String::new();
                for piece in pre.split(fragment) {
                    for part in piece.as_bytes().split(|&byte| missing[byte as usize]) {
                        if part.is_empty() {
                            continue;
                        }
                        word.clear();
                        word.extend(part.iter().map(|&byte| byte_char(byte)));
                        let tokens = bpe
                            .tokenize(&word)
                            .map_err(|error| anyhow!("BPE failed on {piece:?}: {error}"))?;
                        ids.extend(tokens.iter().map(|token| token.id));
                    }
                }
            }
            Backend::Json(hf) => {
                let encoding = hf
                    .encode_fast(fragment, false)
                    .map_err(|error| anyhow!("tokenizer.json failed to encode: {error}"))?;
                ids.extend_from_slice(encoding.get_ids());
            }
        }
        Ok(())
    }

    /// The text of the ids (control tokens included, as their text); byte sequences
    /// that are not UTF-8 become U+FFFD. An id outside the vocabulary is an error.
    pub fn decode(&self, ids: &[u32]) -> Result<String> {
        let mut bytes = Vec::with_capacity(ids.len() * 4);
        for &id in ids {
            bytes.extend_from_slice(self.piece(id)?);
        }
        Ok(String::from_utf8_lossy(&bytes).into_owned())
    }

    fn piece(&self, id: u32) -> Result<&[u8]> {
        self.pieces
            .get(id as usize)
            .map(Vec::as_slice)
            .ok_or_else(|| anyhow!("token id {id} is outside the vocabulary of {}", self.pieces.len()))
    }

    /// The id of a token given by its vocabulary text (`"<|im_end|>"`, `"Ġthe"`).
    pub fn token_id(&self, token: &str) -> Option<u32> {
        self.token_to_id.get(token).copied()
    }

    pub fn vocab_size(&self) -> usize {
        self.pieces.len()
    }

    /// `tokenizer.ggml.bos_token_id`.
    pub fn bos_id(&self) -> Option<u32> {
        self.bos
    }

    /// `tokenizer.ggml.eos_token_id`.
    pub fn eos_id(&self) -> Option<u32> {
        self.eos
    }

    /// `tokenizer.ggml.add_bos_token` (false when absent).
    pub fn add_bos(&self) -> bool {
        self.add_bos
    }
}

enum Fragment<'t> {
    Text(&'t str),
    Token(u32),
}

/// Incremental detokenizer for streaming: feed ids one at a time, get the text that
/// became complete (UTF-8 sequences split across byte tokens are held back).
pub struct DecodeStream<'a> {
    tokenizer: &'a Tokenizer,
    pending: Vec<u8>,
}

impl<'a> DecodeStream<'a> {
    pub fn new(tokenizer: &'a Tokenizer) -> Self {
        Self { tokenizer, pending: Vec::new() }
    }

    /// Adds one token; returns the text that is complete now, if any. Bytes that
    /// can never become UTF-8 are given out as U+FFFD rather than held forever.
    pub fn push(&mut self, id: u32) -> Result<Option<String>> {
        self.pending.extend_from_slice(self.tokenizer.piece(id)?);
        let mut text = String::new();
        loop {
            match std::str::from_utf8(&self.pending) {
                Ok(valid) => {
                    text.push_str(valid);
                    self.pending.clear();
                    break;
                }
                Err(error) => {
                    let (valid, rest) = self.pending.split_at(error.valid_up_to());
                    text.push_str(std::str::from_utf8(valid).expect("checked by valid_up_to"));
                    match error.error_len() {
                        // An incomplete sequence at the end: wait for the next token.
                        None => {
                            self.pending = rest.to_vec();
                            break;
                        }
                        Some(bad) => {
                            text.push(char::REPLACEMENT_CHARACTER);
                            self.pending = rest[bad..].to_vec();
                        }
                    }
                }
            }
        }
        Ok((!text.is_empty()).then_some(text))
    }
}

/// How a GGUF `tokenizer.ggml.pre` splits text into words: a sequence of passes,
/// each applied to every piece the previous one produced (llama.cpp's regex list).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum PreTokenizer {
    /// `gpt2`: `'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+`.
    Gpt2,
    /// `smollm`: every `\p{N}` alone, then GPT-2's rule.
    SmolLm,
    /// `qwen2`: `(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+`.
    Qwen2,
    /// `default`: `[\p{P}$+<=>^~|]+`, then GPT-2's rule, then `\p{N}+`, then `[0-9]{3}`.
    Default,
}

type Span = (usize, usize);

/// One pass of a pre-tokenizer: splits one span of the characters into pieces.
type Pass = fn(&[(usize, char)], Span, &mut Vec<Span>);

impl PreTokenizer {
    fn from_name(name: &str) -> Result<Self> {
        Ok(match name {
            "qwen2" => Self::Qwen2,
            "smollm" => Self::SmolLm,
            "gpt2" | "gpt-2" => Self::Gpt2,
            "default" => Self::Default,
            other => bail!(
                "unsupported pre-tokenizer {other:?} in tokenizer.ggml.pre (supported: qwen2, smollm, gpt2, default)"
            ),
        })
    }

    /// The words of `text`, in order; they concatenate back to `text`.
    fn split<'t>(&self, text: &'t str) -> Vec<&'t str> {
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let mut spans = vec![(0, chars.len())];
        let passes: &[Pass] = match self {
            Self::Gpt2 => &[split_gpt2],
            Self::SmolLm => &[isolate_each_number, split_gpt2],
            Self::Qwen2 => &[split_qwen2],
            Self::Default => &[isolate_punctuation_runs, split_gpt2, isolate_number_runs, isolate_digit_triples],
        };
        for pass in passes {
            let mut next = Vec::with_capacity(spans.len() * 2);
            for &span in &spans {
                pass(&chars, span, &mut next);
            }
            spans = next;
        }
        let byte_at = |i: usize| chars.get(i).map_or(text.len(), |&(at, _)| at);
        spans.into_iter().map(|(start, end)| &text[byte_at(start)..byte_at(end)]).collect()
    }
}

/// The Unicode classes the pre-tokenizers look at.
#[derive(Clone, Copy, Default)]
struct Class {
    letter: bool,
    number: bool,
    space: bool,
    punctuation: bool,
}

fn class(c: char) -> Class {
    if c.is_ascii() {
        return Class {
            letter: c.is_ascii_alphabetic(),
            number: c.is_ascii_digit(),
            space: matches!(c, '\t' | '\n' | '\x0B' | '\x0C' | '\r' | ' '),
            punctuation: matches!(c, '!'..='#' | '%'..='*' | ','..='/' | ':' | ';' | '?' | '@' | '['..=']' | '_' | '{' | '}'),
        };
    }
    static CLASSES: OnceLock<[regex::Regex; 4]> = OnceLock::new();
    let [letter, number, space, punctuation] = CLASSES.get_or_init(|| {
        [r"\A\p{L}\z", r"\A\p{N}\z", r"\A\s\z", r"\A\p{P}\z"].map(|re| regex::Regex::new(re).expect("valid regex"))
    });
    let mut buf = [0u8; 4];
    let s = &*c.encode_utf8(&mut buf);
    Class {
        letter: letter.is_match(s),
        number: number.is_match(s),
        space: space.is_match(s),
        punctuation: punctuation.is_match(s),
    }
}

/// A cursor over one span, answering `None` outside it (llama.cpp's OUT_OF_RANGE).
struct Cursor<'c> {
    chars: &'c [(usize, char)],
    end: usize,
}

impl Cursor<'_> {
    fn char(&self, pos: usize) -> Option<char> {
        (pos < self.end).then(|| self.chars[pos].1)
    }

    fn class(&self, pos: usize) -> Option<Class> {
        self.char(pos).map(class)
    }

    fn is(&self, pos: usize, test: impl Fn(Class) -> bool) -> bool {
        self.class(pos).is_some_and(test)
    }
}

fn is_other(c: Class) -> bool {
    !(c.space || c.letter || c.number)
}

/// `'s|'t|'re|'ve|'m|'ll|'d`, case-insensitive when asked: the contraction's length.
fn contraction(cur: &Cursor, pos: usize, any_case: bool) -> Option<usize> {
    if cur.char(pos)? != '\'' {
        return None;
    }
    let lower = |c: char| if any_case { c.to_ascii_lowercase() } else { c };
    let next = lower(cur.char(pos + 1)?);
    if matches!(next, 's' | 't' | 'm' | 'd') {
        return Some(2);
    }
    let after = lower(cur.char(pos + 2)?);
    matches!((next, after), ('r', 'e') | ('v', 'e') | ('l', 'l')).then_some(3)
}

/// Whitespace at `pos` that `\s+(?!\S)|\s+` takes: all of it at the end of the
/// span, else all but the last (which goes with the next word) when more than one.
fn whitespace_run(cur: &Cursor, pos: usize) -> usize {
    let mut n = 0;
    while cur.is(pos + n, |c| c.space) {
        n += 1;
    }
    if n > 1 && pos + n < cur.end {
        n - 1
    } else {
        n
    }
}

fn split_gpt2(chars: &[(usize, char)], (start, end): Span, out: &mut Vec<Span>) {
    let cur = Cursor { chars, end };
    let mut pos = start;
    while pos < end {
        let begin = pos;
        if let Some(len) = contraction(&cur, pos, false) {
            pos += len;
        } else {
            let space = cur.char(pos) == Some(' ');
            let first = pos + usize::from(space);
            match cur.class(first) {
                Some(c) if c.letter => pos = run(&cur, first, |c| c.letter),
                Some(c) if c.number => pos = run(&cur, first, |c| c.number),
                Some(c) if is_other(c) => pos = run(&cur, first, is_other),
                _ => pos += whitespace_run(&cur, pos).max(1),
            }
        }
        out.push((begin, pos));
    }
}

fn split_qwen2(chars: &[(usize, char)], (start, end): Span, out: &mut Vec<Span>) {
    let cur = Cursor { chars, end };
    let mut pos = start;
    while pos < end {
        let begin = pos;
        let c = cur.char(pos).expect("pos < end");
        let class = cur.class(pos).expect("pos < end");
        if let Some(len) = contraction(&cur, pos, true) {
            pos += len;
        } else if !(c == '\r' || c == '\n' || class.number) && (class.letter || cur.is(pos + 1, |c| c.letter)) {
            // [^\r\n\p{L}\p{N}]?\p{L}+
            pos = run(&cur, pos + 1, |c| c.letter);
        } else if class.number {
            pos += 1;
        } else if c == ' ' && cur.class(pos + 1).is_none_or(is_other) || c != ' ' && is_other(class) {
            // ' ?[^\s\p{L}\p{N}]+[\r\n]*'
            pos = run(&cur, pos + usize::from(c == ' '), is_other);
            while matches!(cur.char(pos), Some('\r' | '\n')) {
                pos += 1;
            }
        } else {
            // \s*[\r\n]+ (up to the last newline of the run), else \s+(?!\S)|\s+
            let mut n = 0;
            let mut last_newline = None;
            while cur.is(pos + n, |c| c.space) {
                if matches!(cur.char(pos + n), Some('\r' | '\n')) {
                    last_newline = Some(pos + n + 1);
                }
                n += 1;
            }
            pos = match last_newline {
                Some(after) => after,
                None => pos + whitespace_run(&cur, pos).max(1),
            };
        }
        out.push((begin, pos));
    }
}

/// Advances from `pos` over the characters that pass `test`.
fn run(cur: &Cursor, mut pos: usize, test: impl Fn(Class) -> bool + Copy) -> usize {
    while cur.is(pos, test) {
        pos += 1;
    }
    pos
}

/// Splits a span around the matches `matched(pos) -> match length` finds, keeping
/// the gaps between them as pieces (llama.cpp's regex split).
fn isolate((start, end): Span, out: &mut Vec<Span>, matched: impl Fn(usize) -> usize) {
    let mut gap = start;
    let mut pos = start;
    while pos < end {
        let len = matched(pos);
        if len == 0 {
            pos += 1;
            continue;
        }
        if gap < pos {
            out.push((gap, pos));
        }
        out.push((pos, pos + len));
        pos += len;
        gap = pos;
    }
    if gap < end {
        out.push((gap, end));
    }
}

/// `\p{N}`: each number character alone.
fn isolate_each_number(chars: &[(usize, char)], span: Span, out: &mut Vec<Span>) {
    isolate(span, out, |pos| usize::from(class(chars[pos].1).number));
}

/// `\p{N}+`.
fn isolate_number_runs(chars: &[(usize, char)], span: Span, out: &mut Vec<Span>) {
    let cur = Cursor { chars, end: span.1 };
    isolate(span, out, |pos| run(&cur, pos, |c| c.number) - pos);
}

/// `[\p{P}\$\+<=>\^~\|]+`.
fn isolate_punctuation_runs(chars: &[(usize, char)], span: Span, out: &mut Vec<Span>) {
    let test = |pos: usize| {
        pos < span.1 && (matches!(chars[pos].1, '$' | '+' | '<' | '=' | '>' | '^' | '~' | '|') || class(chars[pos].1).punctuation)
    };
    isolate(span, out, |pos| (pos..span.1).take_while(|&p| test(p)).count());
}

/// `[0-9][0-9][0-9]`.
fn isolate_digit_triples(chars: &[(usize, char)], span: Span, out: &mut Vec<Span>) {
    isolate(span, out, |pos| {
        let triple = pos + 3 <= span.1 && chars[pos..pos + 3].iter().all(|&(_, c)| c.is_ascii_digit());
        if triple {
            3
        } else {
            0
        }
    });
}

/// GPT-2's byte alphabet: printable bytes stand for themselves, the others are
/// shifted to U+0100 and up, so every byte is a visible character.
fn byte_char(byte: u8) -> char {
    byte_alphabet().0[byte as usize]
}

fn byte_alphabet() -> &'static ([char; 256], HashMap<char, u8>) {
    static ALPHABET: OnceLock<([char; 256], HashMap<char, u8>)> = OnceLock::new();
    ALPHABET.get_or_init(|| {
        let mut chars = ['\0'; 256];
        let mut shifted = 0u32;
        for byte in 0..=255u8 {
            let printable = matches!(byte, b'!'..=b'~' | 0xA1..=0xAC | 0xAE..=0xFF);
            chars[byte as usize] = if printable {
                char::from(byte)
            } else {
                shifted += 1;
                char::from_u32(255 + shifted).expect("below U+0200")
            };
        }
        let bytes = (0..=255u8).map(|byte| (chars[byte as usize], byte)).collect();
        (chars, bytes)
    })
}

/// A vocabulary token's bytes; characters outside the byte alphabet (never in a
/// well-formed vocabulary) are kept as their UTF-8.
fn byte_level_decode(token: &str) -> Vec<u8> {
    let bytes = &byte_alphabet().1;
    let mut out = Vec::with_capacity(token.len());
    for c in token.chars() {
        match bytes.get(&c) {
            Some(&byte) => out.push(byte),
            None => out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes()),
        }
    }
    out
}

fn string<'m>(meta: &'m HashMap<String, Value>, key: &str) -> Result<&'m str> {
    match meta.get(key) {
        Some(Value::String(s)) => Ok(s),
        Some(other) => bail!("GGUF metadata {key} is not a string ({:?})", other.value_type()),
        None => bail!("GGUF metadata lacks {key}"),
    }
}

fn strings<'m>(meta: &'m HashMap<String, Value>, key: &str) -> Result<Vec<&'m String>> {
    let Some(value) = meta.get(key) else {
        bail!("GGUF metadata lacks {key}");
    };
    let Value::Array(values) = value else {
        bail!("GGUF metadata {key} is not an array");
    };
    values
        .iter()
        .enumerate()
        .map(|(i, value)| match value {
            Value::String(s) => Ok(s),
            _ => bail!("GGUF metadata {key}[{i}] is not a string"),
        })
        .collect()
}

fn integers(value: &Value, key: &str) -> Result<Vec<i64>> {
    let Value::Array(values) = value else {
        bail!("GGUF metadata {key} is not an array");
    };
    values.iter().enumerate().map(|(i, value)| integer(value).with_context(|| format!("GGUF metadata {key}[{i}]"))).collect()
}

fn integer(value: &Value) -> Result<i64> {
    Ok(match *value {
        Value::U8(v) => v.into(),
        Value::I8(v) => v.into(),
        Value::U16(v) => v.into(),
        Value::I16(v) => v.into(),
        Value::U32(v) => v.into(),
        Value::I32(v) => v.into(),
        Value::U64(v) => i64::try_from(v)?,
        Value::I64(v) => v,
        _ => bail!("not an integer ({:?})", value.value_type()),
    })
}

fn optional_id(meta: &HashMap<String, Value>, key: &str) -> Result<Option<u32>> {
    meta.get(key)
        .map(|value| {
            let id = integer(value).with_context(|| format!("GGUF metadata {key}"))?;
            u32::try_from(id).with_context(|| format!("GGUF metadata {key} = {id} is not a token id"))
        })
        .transpose()
}

fn optional_bool(meta: &HashMap<String, Value>, key: &str) -> Result<Option<bool>> {
    match meta.get(key) {
        None => Ok(None),
        Some(Value::Bool(b)) => Ok(Some(*b)),
        Some(other) => bail!("GGUF metadata {key} is not a bool ({:?})", other.value_type()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(pre: PreTokenizer, text: &str) -> Vec<&str> {
        pre.split(text)
    }

    #[test]
    fn byte_alphabet_is_a_bijection() {
        let (chars, bytes) = byte_alphabet();
        assert_eq!(bytes.len(), 256);
        assert_eq!(chars[b' ' as usize], 'Ġ');
        assert_eq!(chars[b'\n' as usize], 'Ċ');
        assert_eq!(byte_level_decode("ĠhelloĊ"), b" hello\n");
    }

    #[test]
    fn qwen2_splits_digits_and_keeps_newlines_with_whitespace() {
        assert_eq!(words(PreTokenizer::Qwen2, "x = 12345\n"), ["x", " =", " ", "1", "2", "3", "4", "5", "\n"]);
        assert_eq!(words(PreTokenizer::Qwen2, "  if a:\n        b"), [" ", " if", " a", ":\n", "       ", " b"]);
        assert_eq!(words(PreTokenizer::Qwen2, "don't DON'T"), ["don", "'t", " DON", "'T"]);
        assert_eq!(words(PreTokenizer::Qwen2, "a  \n\n  "), ["a", "  \n\n", "  "]);
    }

    #[test]
    fn gpt2_and_smollm_differ_on_digits() {
        assert_eq!(words(PreTokenizer::Gpt2, "x 12345"), ["x", " 12345"]);
        assert_eq!(words(PreTokenizer::SmolLm, "x 12345"), ["x", " ", "1", "2", "3", "4", "5"]);
        assert_eq!(words(PreTokenizer::Gpt2, "don't DON'T"), ["don", "'t", " DON", "'", "T"]);
        assert_eq!(words(PreTokenizer::Gpt2, "a   b\t"), ["a", "  ", " b", "\t"]);
    }

    #[test]
    fn default_groups_digits_by_three() {
        assert_eq!(words(PreTokenizer::Default, "1234567"), ["123", "456", "7"]);
        assert_eq!(words(PreTokenizer::Default, "a+=b"), ["a", "+=", "b"]);
    }

    #[test]
    fn splits_concatenate_back() {
        let text = "héllo wörld 日本語 ١٢٣ 🙂🙂  \r\n\tx's 'LL";
        for pre in [PreTokenizer::Gpt2, PreTokenizer::SmolLm, PreTokenizer::Qwen2, PreTokenizer::Default] {
            assert_eq!(words(pre, text).concat(), text, "{pre:?}");
        }
    }
}
