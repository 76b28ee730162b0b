//! The tokenizer built from GGUF metadata: a tiny GGUF written here (merges, bytes,
//! added tokens, errors), llama.cpp's ids for the real models
//! (tests/fixtures/tokenizer/*.json, written by tests/model/tokenizer_goldens.py),
//! and damaged files.

use std::io::Cursor;
use std::path::{Path, PathBuf};

use candle_core::quantized::gguf_file::{self, Value};
use candle_core::quantized::{GgmlDType, QTensor};
use candle_core::{Device, Tensor};
use pyqual::generate::tokenizer::{DecodeStream, Tokenizer};

/// GPT-2's byte alphabet, written independently of the crate's.
fn byte_char(byte: u8) -> char {
    let printable = |b: u8| matches!(b, b'!'..=b'~' | 0xA1..=0xAC | 0xAE..=0xFF);
    if printable(byte) {
        return char::from(byte);
    }
    let shifted = (0..byte).filter(|&b| !printable(b)).count() as u32;
    char::from_u32(256 + shifted).unwrap()
}

const CONTROL: i32 = 3;
const USER_DEFINED: i32 = 4;

/// The tiny vocabulary: the 256 byte tokens, then merged tokens, then added tokens.
fn tiny_tokens() -> Vec<(String, i32)> {
    let mut tokens: Vec<(String, i32)> = (0..=255u8).map(|b| (byte_char(b).to_string(), 1)).collect();
    for merged in ["he", "ll", "hell", "hello", "Ġhello", "12", "Ġ1"] {
        tokens.push((merged.to_string(), 1));
    }
    tokens.push(("<|end|>".to_string(), CONTROL));
    tokens.push(("<tool>".to_string(), USER_DEFINED));
    tokens
}

const TINY_MERGES: &[&str] = &["h e", "l l", "he ll", "hell o", "Ġ hello", "1 2", "Ġ 1"];

struct Tiny {
    pre: Option<&'static str>,
    merges: bool,
    token_types: Value,
}

impl Default for Tiny {
    fn default() -> Self {
        let types = tiny_tokens().into_iter().map(|(_, kind)| Value::I32(kind)).collect();
        Self { pre: Some("qwen2"), merges: true, token_types: Value::Array(types) }
    }
}

impl Tiny {
    fn bytes(&self) -> Vec<u8> {
        let tokens = Value::Array(tiny_tokens().into_iter().map(|(text, _)| Value::String(text)).collect());
        let merges = Value::Array(TINY_MERGES.iter().map(|m| Value::String(m.to_string())).collect());
        let model = Value::String("gpt2".into());
        let pre = self.pre.map(|p| Value::String(p.into()));
        let (bos, eos, add_bos) = (Value::U32(256), Value::U32(263), Value::Bool(true));
        let mut metadata: Vec<(&str, &Value)> = vec![
            ("tokenizer.ggml.model", &model),
            ("tokenizer.ggml.tokens", &tokens),
            ("tokenizer.ggml.token_type", &self.token_types),
            ("tokenizer.ggml.bos_token_id", &bos),
            ("tokenizer.ggml.eos_token_id", &eos),
            ("tokenizer.ggml.add_bos_token", &add_bos),
        ];
        if let Some(pre) = &pre {
            metadata.push(("tokenizer.ggml.pre", pre));
        }
        if self.merges {
            metadata.push(("tokenizer.ggml.merges", &merges));
        }
        let weights = Tensor::zeros((2, 32), candle_core::DType::F32, &Device::Cpu).unwrap();
        let weights = QTensor::quantize(&weights, GgmlDType::F32).unwrap();
        let mut out = Cursor::new(Vec::new());
        gguf_file::write(&mut out, &metadata, &[("token_embd.weight", &weights)]).unwrap();
        out.into_inner()
    }

    fn tokenizer(&self) -> anyhow::Result<Tokenizer> {
        let content = gguf_file::Content::read(&mut Cursor::new(self.bytes()))?;
        Tokenizer::from_gguf(&content)
    }
}

fn tiny() -> Tokenizer {
    Tiny::default().tokenizer().expect("the tiny GGUF loads")
}

fn ids(tokenizer: &Tokenizer, tokens: &[&str]) -> Vec<u32> {
    tokens.iter().map(|t| tokenizer.token_id(t).unwrap_or_else(|| panic!("no token {t:?}"))).collect()
}

#[test]
fn merges_apply_by_rank() {
    let t = tiny();
    assert_eq!(t.encode("hello").unwrap(), ids(&t, &["hello"]));
    assert_eq!(t.encode(" hello").unwrap(), ids(&t, &["Ġhello"]));
    assert_eq!(t.encode("hell").unwrap(), ids(&t, &["hell"]));
    assert_eq!(t.encode("help").unwrap(), ids(&t, &["he", "l", "p"]));
    assert_eq!(t.encode("hello hello\n").unwrap(), ids(&t, &["hello", "Ġhello", "Ċ"]));
}

#[test]
fn metadata_fields_are_read() {
    let t = tiny();
    assert_eq!(t.vocab_size(), 256 + 7 + 2);
    assert_eq!((t.bos_id(), t.eos_id(), t.add_bos()), (Some(256), Some(263), true));
    assert_eq!(t.token_id("<|end|>"), Some(263));
    assert_eq!(t.token_id("nope"), None);
}

#[test]
fn the_pre_tokenizer_decides_how_digits_merge() {
    // qwen2 splits every digit apart, so the "1 2" merge never applies.
    let t = tiny();
    assert_eq!(t.encode("12").unwrap(), ids(&t, &["1", "2"]));
    assert_eq!(t.encode(" 12").unwrap(), ids(&t, &["Ġ", "1", "2"]));
    // gpt2 keeps " 12" one word; smollm isolates digits first, then applies gpt2's rule.
    let gpt2 = Tiny { pre: Some("gpt2"), ..Tiny::default() }.tokenizer().unwrap();
    // "1 2" (rank 5) outranks "Ġ 1" (rank 6).
    assert_eq!(gpt2.encode(" 12").unwrap(), ids(&gpt2, &["Ġ", "12"]));
    assert_eq!(gpt2.encode(" 1").unwrap(), ids(&gpt2, &["Ġ1"]));
    assert_eq!(gpt2.encode("12").unwrap(), ids(&gpt2, &["12"]));
    let smollm = Tiny { pre: Some("smollm"), ..Tiny::default() }.tokenizer().unwrap();
    assert_eq!(smollm.encode(" 12").unwrap(), ids(&smollm, &["Ġ", "1", "2"]));
}

#[test]
fn characters_without_a_token_fall_back_to_byte_tokens() {
    let t = tiny();
    let encoded = t.encode("é🙂").unwrap();
    let bytes: Vec<String> = "é🙂".bytes().map(|b| byte_char(b).to_string()).collect();
    let expected: Vec<&str> = bytes.iter().map(String::as_str).collect();
    assert_eq!(encoded, ids(&t, &expected));
    assert_eq!(t.decode(&encoded).unwrap(), "é🙂");
}

#[test]
fn decode_stream_holds_back_incomplete_utf8() {
    let t = tiny();
    let encoded = t.encode("hi é🙂!").unwrap();
    let mut stream = DecodeStream::new(&t);
    let mut pieces = Vec::new();
    for &id in &encoded {
        if let Some(text) = stream.push(id).unwrap() {
            pieces.push(text);
        }
    }
    assert_eq!(pieces.concat(), "hi é🙂!");
    assert!(pieces.contains(&"🙂".to_string()), "the emoji comes out whole once its 4th byte arrives: {pieces:?}");
    assert!(pieces.iter().all(|p| !p.contains('\u{FFFD}')));
}

#[test]
fn control_tokens_are_text_unless_special_tokens_are_parsed() {
    let t = tiny();
    let plain = t.encode("a<|end|>b").unwrap();
    assert!(!plain.contains(&263), "{plain:?}");
    assert_eq!(t.decode(&plain).unwrap(), "a<|end|>b");
    assert_eq!(t.encode_with_special("a<|end|>b").unwrap(), ids(&t, &["a", "<|end|>", "b"]));
    // User-defined tokens are recognised in both modes (llama.cpp's rule).
    assert_eq!(t.encode("<tool>hello").unwrap(), ids(&t, &["<tool>", "hello"]));
    assert_eq!(t.encode_with_special("<tool>hello").unwrap(), ids(&t, &["<tool>", "hello"]));
    assert_eq!(t.decode(&ids(&t, &["<|end|>"])).unwrap(), "<|end|>");
}

#[test]
fn missing_merges_is_an_error() {
    let Err(error) = (Tiny { merges: false, ..Tiny::default() }).tokenizer() else {
        panic!("a GGUF without merges must not load");
    };
    assert!(format!("{error:#}").contains("tokenizer.ggml.merges"), "{error:#}");
}

#[test]
fn unknown_or_missing_pre_tokenizer_is_an_error() {
    let Err(error) = (Tiny { pre: Some("llama-bpe"), ..Tiny::default() }).tokenizer() else {
        panic!("an unknown pre-tokenizer must not load");
    };
    let message = format!("{error:#}");
    assert!(message.contains("unsupported pre-tokenizer") && message.contains("llama-bpe"), "{message}");
    let Err(error) = (Tiny { pre: None, ..Tiny::default() }).tokenizer() else {
        panic!("a GGUF without tokenizer.ggml.pre must not load");
    };
    assert!(format!("{error:#}").contains("tokenizer.ggml.pre"), "{error:#}");
}

#[test]
fn wrongly_typed_metadata_is_an_error() {
    let strings = Value::Array(tiny_tokens().into_iter().map(|(t, _)| Value::String(t)).collect());
    let Err(error) = (Tiny { token_types: strings, ..Tiny::default() }).tokenizer() else {
        panic!("string token types must not load");
    };
    assert!(format!("{error:#}").contains("tokenizer.ggml.token_type"), "{error:#}");
    let short = Value::Array(vec![Value::I32(1); 3]);
    assert!((Tiny { token_types: short, ..Tiny::default() }).tokenizer().is_err());
}

#[test]
fn ids_outside_the_vocabulary_are_errors() {
    let t = tiny();
    assert!(t.decode(&[100_000]).is_err());
    assert!(DecodeStream::new(&t).push(100_000).is_err());
}

#[test]
fn truncated_gguf_is_an_error_not_a_panic() {
    let bytes = Tiny::default().bytes();
    let metadata_end = gguf_file::Content::read(&mut Cursor::new(&bytes)).unwrap().tensor_data_offset as usize;
    // The last bytes before the tensor data are alignment padding, never read.
    for cut in (0..metadata_end - 32).step_by(7) {
        let loaded = gguf_file::Content::read(&mut Cursor::new(&bytes[..cut]))
            .map_err(anyhow::Error::from)
            .and_then(|content| Tokenizer::from_gguf(&content));
        assert!(loaded.is_err(), "a file cut at byte {cut} of {metadata_end} loaded");
    }
    // Garbage after a valid magic.
    let mut garbage = bytes[..8].to_vec();
    garbage.extend((0..4096u32).map(|i| (i.wrapping_mul(2654435761) >> 13) as u8));
    assert!(gguf_file::Content::read(&mut Cursor::new(garbage)).is_err());
}

/// A `tokenizer.json` for the tiny vocabulary without any merge, so that which of the
/// two a tokenizer was built from shows in its ids.
fn tiny_tokenizer_json() -> String {
    let tokens = tiny_tokens();
    let vocab: serde_json::Map<String, serde_json::Value> =
        tokens.iter().enumerate().map(|(id, (text, _))| (text.clone(), id.into())).collect();
    let added: Vec<serde_json::Value> = tokens
        .iter()
        .enumerate()
        .filter(|(_, (_, kind))| *kind != 1)
        .map(|(id, (text, kind))| {
            serde_json::json!({"id": id, "content": text, "single_word": false, "lstrip": false, "rstrip": false,
                               "normalized": false, "special": *kind == CONTROL})
        })
        .collect();
    serde_json::json!({
        "version": "1.0", "truncation": null, "padding": null, "added_tokens": added, "normalizer": null,
        "pre_tokenizer": {"type": "ByteLevel", "add_prefix_space": false, "trim_offsets": false, "use_regex": true},
        "post_processor": null,
        "decoder": {"type": "ByteLevel", "add_prefix_space": false, "trim_offsets": false, "use_regex": true},
        "model": {"type": "BPE", "dropout": null, "unk_token": null, "continuing_subword_prefix": null,
                  "end_of_word_suffix": null, "fuse_unk": false, "byte_fallback": false, "vocab": vocab, "merges": []}
    })
    .to_string()
}

#[test]
fn tokenizer_json_next_to_the_weights_wins() {
    let dir = std::env::temp_dir().join(format!("pyqual-tokenizer-json-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let gguf = dir.join("model.gguf");
    let bytes = Tiny::default().bytes();
    std::fs::write(&gguf, &bytes).unwrap();
    let content = gguf_file::Content::read(&mut Cursor::new(&bytes)).unwrap();

    let from_gguf = Tokenizer::for_model(&gguf, &content).unwrap();
    assert_eq!(from_gguf.encode("hello").unwrap(), ids(&from_gguf, &["hello"]));

    std::fs::write(dir.join("tokenizer.json"), tiny_tokenizer_json()).unwrap();
    let from_json = Tokenizer::for_model(&gguf, &content).unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(from_json.encode("hello").unwrap(), ids(&from_json, &["h", "e", "l", "l", "o"]));
    assert_eq!(from_json.encode_with_special("a<|end|>b").unwrap(), ids(&from_json, &["a", "<|end|>", "b"]));
    assert!(!from_json.encode("a<|end|>b").unwrap().contains(&263));
    assert_eq!(from_json.encode("<tool>").unwrap(), ids(&from_json, &["<tool>"]));
    assert_eq!(from_json.decode(&from_json.encode("héllo 🙂").unwrap()).unwrap(), "héllo 🙂");
    // BOS/EOS still come from the GGUF metadata.
    assert_eq!((from_json.bos_id(), from_json.eos_id(), from_json.add_bos()), (Some(256), Some(263), true));
}

// --- the real models against llama.cpp -------------------------------------------

#[derive(serde::Deserialize)]
struct Golden {
    model: String,
    vocab_size: usize,
    bos: u32,
    eos: u32,
    add_bos: bool,
    cases: Vec<Case>,
}

#[derive(serde::Deserialize)]
struct Case {
    text: String,
    plain: Vec<u32>,
    special: Vec<u32>,
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn model_path(name: &str) -> PathBuf {
    let path = root().join("models").join(name).join("model.gguf");
    assert!(path.is_file(), "{} is missing: run models/fetch to install the models", path.display());
    path
}

fn load(path: &Path) -> Tokenizer {
    let file = std::fs::File::open(path).unwrap();
    let content = gguf_file::Content::read(&mut std::io::BufReader::new(file)).unwrap();
    Tokenizer::for_model(path, &content).unwrap()
}

fn check_golden(name: &str) {
    let fixture = root().join("tests/fixtures/tokenizer").join(format!("{name}.json"));
    let golden: Golden = serde_json::from_str(&std::fs::read_to_string(&fixture).unwrap()).unwrap();
    assert_eq!(golden.model, name);
    let t = load(&model_path(name));
    assert_eq!((t.vocab_size(), t.bos_id(), t.eos_id(), t.add_bos()), (golden.vocab_size, Some(golden.bos), Some(golden.eos), golden.add_bos));
    let mut failures = Vec::new();
    for case in &golden.cases {
        let plain = t.encode(&case.text).unwrap();
        if plain != case.plain {
            failures.push(format!("plain {:?}:\n  pyqual    {plain:?}\n  llama.cpp {:?}", case.text, case.plain));
        }
        let special = t.encode_with_special(&case.text).unwrap();
        if special != case.special {
            failures.push(format!("special {:?}:\n  pyqual    {special:?}\n  llama.cpp {:?}", case.text, case.special));
        }
        assert_eq!(t.decode(&plain).unwrap(), case.text, "round trip");
        let mut stream = DecodeStream::new(&t);
        let streamed: String = plain.iter().filter_map(|&id| stream.push(id).unwrap()).collect();
        assert_eq!(streamed, case.text, "streamed round trip");
    }
    assert!(failures.is_empty(), "{name}: ids differ from llama.cpp's:\n{}", failures.join("\n"));
}

#[test]
fn qwen2_5_coder_matches_llama_cpp() {
    check_golden("qwen2.5-coder-0.5b-instruct");
}

#[test]
fn smollm2_matches_llama_cpp() {
    check_golden("smollm2-135m-instruct");
}

#[test]
fn truncated_model_file_is_an_error() {
    let bytes = std::fs::read(model_path("smollm2-135m-instruct")).unwrap();
    for cut in [4, 24, 4096, 1 << 20] {
        let loaded = gguf_file::Content::read(&mut Cursor::new(&bytes[..cut]))
            .map_err(anyhow::Error::from)
            .and_then(|content| Tokenizer::from_gguf(&content));
        assert!(loaded.is_err(), "the model cut at byte {cut} loaded");
    }
}

// --- `pyqual tokenize` ------------------------------------------------------------

fn pyqual_tokenize(args: &[&str]) -> (i32, String, String) {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_pyqual")).arg("tokenize").args(args).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "pyqual panicked: {stderr}");
    (output.status.code().unwrap(), String::from_utf8(output.stdout).unwrap(), stderr)
}

#[test]
fn tokenize_command_prints_the_library_ids_and_reports_bad_files() {
    let name = "smollm2-135m-instruct";
    let tokenizer = load(&model_path(name));
    let dir = std::env::temp_dir().join(format!("pyqual-tokenize-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let text = "def f(x):\n    return x + 12345  # <|im_end|> 🙂\n";
    let good = dir.join("good.py");
    let latin1 = dir.join("latin1.py");
    std::fs::write(&good, text).unwrap();
    std::fs::write(&latin1, b"name = '\xe9t\xe9'\n").unwrap();
    let (good, latin1) = (good.to_str().unwrap(), latin1.to_str().unwrap());

    let (code, stdout, _) = pyqual_tokenize(&["--model", name, "--format", "ids", good, good]);
    let expected: Vec<String> = tokenizer.encode(text).unwrap().iter().map(u32::to_string).collect();
    assert_eq!((code, stdout), (0, format!("{0}\n{0}\n", expected.join(" "))));

    let (code, stdout, _) = pyqual_tokenize(&["--model", name, "--special", good]);
    let record: serde_json::Value = serde_json::from_str(stdout.trim()).unwrap();
    assert_eq!(code, 0);
    assert_eq!(record["ids"], serde_json::json!(tokenizer.encode_with_special(text).unwrap()));

    let (code, stdout, stderr) = pyqual_tokenize(&["--model", name, "--roundtrip", latin1, good]);
    std::fs::remove_dir_all(&dir).unwrap();
    let records: Vec<serde_json::Value> = stdout.lines().map(|line| serde_json::from_str(line).unwrap()).collect();
    assert_eq!(code, 1, "a file that is not UTF-8 fails the run");
    assert!(records[0]["error"].as_str().unwrap().contains("not UTF-8") && stderr.contains("latin1.py"), "{stdout}");
    assert_eq!(records[1]["roundtrip"], true, "{stdout}");
}

#[test]
fn tokenize_command_says_how_to_get_a_missing_model() {
    let (code, _, stderr) = pyqual_tokenize(&["--model", "no-such-model", "x.py"]);
    assert_eq!(code, 32);
    assert!(stderr.contains("no-such-model") && stderr.contains("models/fetch"), "{stderr}");
}
