//! Prompts from the model manifest's templates: `completion` (`{prefix}`) or,
//! when the model has fill-in-the-middle tokens and there is text after the
//! cursor, `fim` (`{prefix}`, `{suffix}`).
//!
//! The template's own text is encoded with special tokens recognised (so
//! `<|fim_prefix|>` is one id); the user's code is encoded as plain text, so
//! code that happens to contain a special token's text cannot inject it.

use super::tokenizer::Tokenizer;
use crate::model::Manifest;
use anyhow::Result;

/// A prompt ready for the decoder.
#[derive(Clone, Debug)]
pub struct Prompt {
    pub ids: Vec<u32>,
    /// Whether the fill-in-the-middle template was used.
    pub fim: bool,
}

/// The prompt for completing at a cursor between `before` and `after`.
pub fn cursor_prompt(tokenizer: &Tokenizer, manifest: Option<&Manifest>, before: &str, after: &str) -> Result<Prompt> {
    let fim_template = manifest.filter(|m| m.has_fim() && !after.trim().is_empty()).and_then(|m| m.templates.fim.clone());
    let (template, fim) = match fim_template {
        Some(t) => (t, true),
        None => (manifest.map_or_else(|| "{prefix}".to_string(), |m| m.templates.completion.clone()), false),
    };
    let ids = fill(tokenizer, &template, &[("{prefix}", before), ("{suffix}", after)])?;
    Ok(Prompt { ids, fim })
}

/// An instruction through the manifest's chat template (or verbatim without one).
pub fn chat_prompt(tokenizer: &Tokenizer, manifest: Option<&Manifest>, prompt: &str) -> Result<Vec<u32>> {
    let template = manifest.and_then(|m| m.templates.chat.clone()).unwrap_or_else(|| "{prompt}".into());
    fill(tokenizer, &template, &[("{prompt}", prompt)])
}

/// Encodes `template` with each placeholder replaced by its (plain-encoded) text.
fn fill(tokenizer: &Tokenizer, template: &str, slots: &[(&str, &str)]) -> Result<Vec<u32>> {
    let mut ids = Vec::new();
    if tokenizer.add_bos() {
        ids.extend(tokenizer.bos_id());
    }
    let mut rest = template;
    loop {
        let next = slots.iter().filter_map(|&(key, text)| rest.find(key).map(|at| (at, key, text))).min_by_key(|s| s.0);
        let Some((at, key, text)) = next else { break };
        if at > 0 {
            ids.extend(tokenizer.encode_with_special(&rest[..at])?);
        }
        if !text.is_empty() {
            ids.extend(tokenizer.encode(text)?);
        }
        rest = &rest[at + key.len()..];
    }
    if !rest.is_empty() {
        ids.extend(tokenizer.encode_with_special(rest)?);
    }
    Ok(ids)
}
