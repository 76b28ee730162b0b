//! The local model as the server's [`Completer`], loaded in the background
//! with progress reported to the editor.

use super::completion::{Completer, CompletionRequest};
use super::settings::ServerSettings;
use crate::generate::loaded::{parse_device, LoadedModel, PrefixChoice};
use crate::generate::session::Options;
use std::sync::atomic::AtomicBool;

pub use crate::model::manifest::DEFAULT_MODEL;

pub struct ModelCompleter {
    model: LoadedModel,
}

impl ModelCompleter {
    /// Loads the model the settings name (blocking: seconds for the default model).
    pub fn load(settings: &ServerSettings) -> anyhow::Result<ModelCompleter> {
        let device = parse_device(&settings.device)?;
        let prefix = match &settings.prefix_path {
            Some(path) => PrefixChoice::File(path.clone()),
            None => PrefixChoice::Installed,
        };
        let name = settings.model.as_deref().unwrap_or(DEFAULT_MODEL);
        Ok(ModelCompleter { model: LoadedModel::load(name, &device, &prefix)? })
    }

    pub fn load_seconds(&self) -> f64 {
        self.model.load_time.as_secs_f64()
    }
}

impl Completer for ModelCompleter {
    fn describe(&self) -> String {
        self.model.name.clone()
    }

    fn prefix_file(&self) -> Option<String> {
        self.model.prefix_file().map(|path| path.display().to_string())
    }

    fn complete(&self, request: &CompletionRequest, cancel: &AtomicBool) -> anyhow::Result<Vec<String>> {
        let options = Options {
            max_tokens: request.max_tokens,
            // One line: stop at its end (the block stop handles the rest).
            stop_sequences: if request.multiline { Vec::new() } else { vec!["\n".to_string()] },
            ..self.model.options_for(&request.prefix)
        };
        let (completions, _) =
            self.model.complete_at(&request.prefix, &request.suffix, options, request.use_quality_prefix, &mut |_, _| {}, cancel)?;
        Ok(completions.into_iter().map(|completion| completion.text).collect())
    }
}
