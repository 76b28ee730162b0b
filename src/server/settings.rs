//! The server's settings: `initializationOptions` at start, then
//! `workspace/didChangeConfiguration` (either the object itself or under a
//! `pyqual` key). Unknown keys are ignored; a wrong type keeps the old value
//! and is reported once.

use crate::config::Profile;
use serde_json::Value;
use std::path::PathBuf;

/// How diagnostics reach the client.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DiagnosticMode {
    /// `textDocument/publishDiagnostics` after open, change (debounced) and save.
    Push,
    /// The client asks with `textDocument/diagnostic` (advertised only in this mode,
    /// so clients that support both do not show every message twice).
    Pull,
}

#[derive(Clone, Debug)]
pub struct ServerSettings {
    pub profile: Profile,
    pub debounce_ms: u64,
    pub diagnostic_mode: DiagnosticMode,
    /// Inline completions on/off.
    pub completions: bool,
    /// Model name (a directory under models/) or a GGUF path; `None` = the default model.
    pub model: Option<String>,
    /// The quality prefix file; `None` = the model's installed prefix if any.
    pub prefix_path: Option<PathBuf>,
    /// Steer completions with the quality prefix.
    pub prefix_enabled: bool,
    pub device: String,
    pub max_tokens: usize,
    /// Where completion events are appended (JSON Lines); `None` = kept in memory only.
    pub events_file: Option<PathBuf>,
}

impl Default for ServerSettings {
    fn default() -> Self {
        ServerSettings {
            profile: Profile::Paper,
            debounce_ms: 150,
            diagnostic_mode: DiagnosticMode::Push,
            completions: true,
            model: None,
            prefix_path: None,
            prefix_enabled: true,
            device: "cpu".into(),
            max_tokens: 64,
            events_file: None,
        }
    }
}

impl ServerSettings {
    /// Applies the keys present in `value`; returns a description of each
    /// value that was refused.
    pub fn update(&mut self, value: &Value) -> Vec<String> {
        let value = value.get("pyqual").unwrap_or(value);
        let mut problems = Vec::new();
        let Some(object) = value.as_object() else { return problems };
        for (key, item) in object {
            let ok = match key.as_str() {
                "profile" => item.as_str().and_then(Profile::from_name).map(|p| self.profile = p).is_some(),
                "debounceMs" => item.as_u64().map(|ms| self.debounce_ms = ms.min(10_000)).is_some(),
                "diagnosticMode" => match item.as_str() {
                    Some("push") => Some(self.diagnostic_mode = DiagnosticMode::Push).is_some(),
                    Some("pull") => Some(self.diagnostic_mode = DiagnosticMode::Pull).is_some(),
                    _ => false,
                },
                "completions" => item.as_bool().map(|on| self.completions = on).is_some(),
                "model" => optional_string(item).map(|model| self.model = model).is_some(),
                "prefix" => optional_string(item).map(|path| self.prefix_path = path.map(PathBuf::from)).is_some(),
                "prefixEnabled" => item.as_bool().map(|on| self.prefix_enabled = on).is_some(),
                "device" => item.as_str().map(|device| self.device = device.to_string()).is_some(),
                "maxTokens" => item.as_u64().map(|n| self.max_tokens = n.clamp(1, 1024) as usize).is_some(),
                "eventsFile" => optional_string(item).map(|path| self.events_file = path.map(PathBuf::from)).is_some(),
                _ => true,
            };
            if !ok {
                problems.push(format!("setting `{key}`: unexpected value {item}"));
            }
        }
        problems
    }
}

/// A string, or null for "unset".
fn optional_string(value: &Value) -> Option<Option<String>> {
    match value {
        Value::Null => Some(None),
        Value::String(text) if text.is_empty() => Some(None),
        Value::String(text) => Some(Some(text.clone())),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn known_keys_apply_and_bad_values_are_reported() {
        let mut settings = ServerSettings::default();
        let problems = settings.update(&json!({"pyqual": {
            "profile": "pylint", "debounceMs": 20, "diagnosticMode": "pull", "prefixEnabled": false,
            "maxTokens": "many", "eventsFile": "/tmp/e.jsonl", "unknown": 1
        }}));
        assert_eq!(settings.profile, Profile::Pylint);
        assert_eq!(settings.debounce_ms, 20);
        assert_eq!(settings.diagnostic_mode, DiagnosticMode::Pull);
        assert!(!settings.prefix_enabled);
        assert_eq!(settings.max_tokens, 64);
        assert_eq!(settings.events_file, Some(PathBuf::from("/tmp/e.jsonl")));
        assert_eq!(problems, vec!["setting `maxTokens`: unexpected value \"many\"".to_string()]);
    }
}
