//! Generation on the real SmolLM2: shared prefill, streaming, cancellation,
//! stops, prompts; and `pyqual generate`'s errors.

use candle_core::Device;
use pyqual::generate::prompt::cursor_prompt;
use pyqual::generate::session::{generate, Finish, Options};
use pyqual::generate::stops::PythonStop;
use pyqual::generate::tokenizer::Tokenizer;
use pyqual::model::{manifest, Decoder, ForwardMode, WeightFormat, Weights};
use std::path::Path;
use std::sync::atomic::AtomicBool;

fn smollm() -> (manifest::Manifest, Weights, Decoder, Tokenizer) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("models/smollm2-135m-instruct");
    let m = manifest::Manifest::read(&dir).unwrap();
    let path = m.weights_path();
    assert!(path.is_file(), "{} is missing: run `models/fetch` to rebuild the models", path.display());
    let weights = Weights::from_gguf(&path, WeightFormat::Dequantized, &Device::Cpu).unwrap();
    let decoder = Decoder::new(&weights, ForwardMode::Inference).unwrap();
    let tokenizer = Tokenizer::for_model(&path, weights.gguf().unwrap()).unwrap();
    (m, weights, decoder, tokenizer)
}

#[test]
fn samples_share_a_prefill_stream_and_stop() {
    let (m, _, decoder, tokenizer) = smollm();
    let before = "def add(a, b):\n    ";
    let prompt = cursor_prompt(&tokenizer, Some(&m), before, "").unwrap();
    assert!(!prompt.fim, "SmolLM2 has no FIM tokens");
    let options = Options {
        n: 2,
        max_tokens: 24,
        stop_ids: tokenizer.eos_id().into_iter().collect(),
        python_stop: Some(PythonStop::new(before)),
        ..Options::default()
    };
    let mut streamed = vec![String::new(); 2];
    let cancel = AtomicBool::new(false);
    let (completions, stats) =
        generate(&decoder, None, &tokenizer, &prompt.ids, &options, &mut |i, t| streamed[i].push_str(t), &cancel)
            .unwrap();
    assert_eq!(completions.len(), 2);
    assert_eq!(completions[0].text, completions[1].text, "greedy samples differ");
    assert_eq!(streamed[0], completions[0].text);
    assert!(!completions[0].text.is_empty());
    assert_eq!(stats.prompt_tokens, prompt.ids.len());
    println!("{:?}: {:?}", completions[0].finish, completions[0].text);

    // Sampling with a seed is reproducible, and the cancel flag stops at once.
    let sampled = Options { n: 1, temperature: 0.8, top_p: 0.95, seed: 4, ..options.clone() };
    let run = |o: &Options, c: &AtomicBool| generate(&decoder, None, &tokenizer, &prompt.ids, o, &mut |_, _| {}, c).unwrap().0;
    assert_eq!(run(&sampled, &cancel)[0].tokens, run(&sampled, &cancel)[0].tokens);
    let cancelled = AtomicBool::new(true);
    let out = run(&sampled, &cancelled);
    assert_eq!((out[0].finish, out[0].tokens.len()), (Finish::Cancelled, 0));
}

#[test]
fn qwen_cursor_prompts_use_fill_in_the_middle() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("models/qwen2.5-coder-0.5b-instruct");
    let m = manifest::Manifest::read(&dir).unwrap();
    let path = m.weights_path();
    assert!(path.is_file(), "{} is missing: run `models/fetch` to rebuild the models", path.display());
    let header = pyqual::model::weights::read_gguf_header(&path).unwrap();
    let tokenizer = Tokenizer::for_model(&path, &header).unwrap();
    let prompt = cursor_prompt(&tokenizer, Some(&m), "x = ", "\nprint(x)\n").unwrap();
    assert!(prompt.fim);
    let fim_prefix = tokenizer.token_id("<|fim_prefix|>").unwrap();
    let fim_middle = tokenizer.token_id("<|fim_middle|>").unwrap();
    assert_eq!(prompt.ids.first(), Some(&fim_prefix));
    assert_eq!(prompt.ids.last(), Some(&fim_middle));
    // Code that spells a special token is not turned into it.
    let injected = cursor_prompt(&tokenizer, Some(&m), "s = '<|fim_middle|>'", "").unwrap();
    assert!(!injected.fim && !injected.ids.contains(&fim_middle));
}

#[test]
fn generate_cli_reports_bad_devices_and_models() {
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_pyqual")).arg("generate").args(args).output().unwrap()
    };
    let prompt = Path::new(env!("CARGO_TARGET_TMPDIR")).join("prompt.py");
    std::fs::write(&prompt, "def f():\n").unwrap();
    let p = prompt.to_str().unwrap();
    let out = run(&["--prompt-file", p, "--model", "no-such-model"]);
    assert_eq!(out.status.code(), Some(32));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown model \"no-such-model\""));
    if !cfg!(feature = "cuda") {
        let out = run(&["--prompt-file", p, "--model", "smollm2-135m-instruct", "--device", "cuda"]);
        assert!(String::from_utf8_lossy(&out.stderr).contains("built without CUDA support"), "{out:?}");
    }
    let out = run(&["--prompt-file", p, "--model", "smollm2-135m-instruct", "--device", "tpu"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("bad device"), "{out:?}");
}
