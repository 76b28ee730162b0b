//! `pyqual tokenize --model NAME|PATH FILE...`: the token ids of each file, as the
//! model's tokenizer gives them (tests/model/tokenizer_parity.py compares them
//! with llama.cpp's).

use crate::model::manifest;
use crate::generate::tokenizer::Tokenizer;
use anyhow::{Context, Result};
use candle_core::quantized::gguf_file;
use serde_json::json;
use std::io::{Read, Write};
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct TokenizeArgs {
    /// Files to tokenize (`-` reads standard input).
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// A model name under models/ or a path to a .gguf file.
    #[arg(long, default_value = manifest::DEFAULT_MODEL)]
    model: String,
    /// Recognise control tokens (`<|im_end|>`) written in the text.
    #[arg(long)]
    special: bool,
    /// Output format: one JSON object per line, or one line of ids per file.
    #[arg(long, value_enum, default_value_t = Format::Json)]
    format: Format,
    /// Instead of ids, check that decoding the ids gives the file's text back.
    #[arg(long)]
    roundtrip: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    Json,
    Ids,
}

pub fn run(args: TokenizeArgs) -> Result<u8> {
    let path = manifest::resolve(&args.model)?.path;
    let file = std::fs::File::open(&path).with_context(|| format!("cannot open {}", path.display()))?;
    // Buffered: the metadata is hundreds of thousands of small reads.
    let content = gguf_file::Content::read(&mut std::io::BufReader::new(file))
        .map_err(|error| anyhow::anyhow!("{} is not a readable GGUF file: {error}", path.display()))?;
    let tokenizer = Tokenizer::for_model(&path, &content).with_context(|| format!("tokenizer of {}", path.display()))?;

    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut failed = false;
    for file in &args.files {
        let name = file.display().to_string();
        let result = read_text(file).and_then(|text| {
            let ids = if args.special { tokenizer.encode_with_special(&text)? } else { tokenizer.encode(&text)? };
            Ok((text, ids))
        });
        let (text, ids) = match result {
            Ok(done) => done,
            Err(error) => {
                failed = true;
                eprintln!("pyqual: {name}: {error:#}");
                if args.format == Format::Json {
                    writeln!(out, "{}", json!({"file": name, "error": format!("{error:#}")}))?;
                }
                continue;
            }
        };
        if args.roundtrip {
            let decoded = tokenizer.decode(&ids)?;
            let first_diff = first_difference(&text, &decoded);
            failed |= first_diff.is_some();
            match args.format {
                Format::Json => writeln!(
                    out,
                    "{}",
                    json!({"file": name, "tokens": ids.len(), "bytes": text.len(), "roundtrip": first_diff.is_none(), "first_diff": first_diff})
                )?,
                Format::Ids => match first_diff {
                    None => writeln!(out, "{name}: ok ({} tokens)", ids.len())?,
                    Some(at) => writeln!(out, "{name}: differs at byte {at}")?,
                },
            }
            continue;
        }
        match args.format {
            Format::Json => writeln!(out, "{}", json!({"file": name, "ids": ids}))?,
            Format::Ids => {
                let line: Vec<String> = ids.iter().map(u32::to_string).collect();
                writeln!(out, "{}", line.join(" "))?;
            }
        }
    }
    out.flush()?;
    Ok(u8::from(failed))
}

fn read_text(file: &PathBuf) -> Result<String> {
    let mut bytes = Vec::new();
    if file.as_os_str() == "-" {
        std::io::stdin().read_to_end(&mut bytes)?;
    } else {
        bytes = std::fs::read(file).with_context(|| "cannot read")?;
    }
    String::from_utf8(bytes).map_err(|error| anyhow::anyhow!("not UTF-8 ({error})"))
}

/// The byte offset where two texts first differ, if they do.
fn first_difference(a: &str, b: &str) -> Option<usize> {
    let common = a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
    (common < a.len().max(b.len())).then_some(common)
}
