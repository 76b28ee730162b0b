//! Completion events: a completion shown, accepted, rejected or ignored.
//!
//! The server reports every event to an [`EventRecorder`]. [`MemoryRecorder`]
//! keeps them in process (tests read it); [`JsonlRecorder`] appends one JSON
//! object per line to a file, which `pyqual pairs` reads later. A process
//! killed mid-write leaves at most one partial last line, which
//! [`read_events`] skips, so nothing recorded before is lost.

use serde::{Deserialize, Serialize};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// What happened to a shown completion.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    /// Offered to the user.
    Shown,
    /// Inserted (the client ran the item's accept command).
    Accepted,
    /// Dismissed explicitly (the client sent `pyqual/didRejectCompletion`).
    Rejected,
    /// Replaced by a newer request without being accepted or rejected.
    Ignored,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CompletionEvent {
    /// Milliseconds since the Unix epoch.
    pub time_ms: u64,
    pub outcome: Outcome,
    /// The server's id for the request that produced the completion.
    pub completion_id: u64,
    /// Which of the request's choices (0 for single-choice requests).
    pub choice_index: usize,
    pub uri: String,
    /// The document's text before and after the cursor when it was asked for.
    pub prefix: String,
    pub suffix: String,
    /// The completion text of the choice.
    pub text: String,
    /// The model and quality prefix that produced it.
    pub model: String,
    pub prefix_file: Option<String>,
}

/// Where the server sends completion events.
pub trait EventRecorder: Send + Sync {
    fn record(&self, event: CompletionEvent);
}

/// Keeps events in memory; for tests and for servers with no event file.
#[derive(Default)]
pub struct MemoryRecorder {
    events: Mutex<Vec<CompletionEvent>>,
}

impl MemoryRecorder {
    pub fn events(&self) -> Vec<CompletionEvent> {
        self.events.lock().map(|events| events.clone()).unwrap_or_default()
    }
}

impl EventRecorder for MemoryRecorder {
    fn record(&self, event: CompletionEvent) {
        if let Ok(mut events) = self.events.lock() {
            events.push(event);
        }
    }
}

/// Appends events to a JSON Lines file (created with its directory if missing).
pub struct JsonlRecorder {
    path: PathBuf,
    file: Mutex<Option<std::fs::File>>,
}

impl JsonlRecorder {
    pub fn new(path: impl Into<PathBuf>) -> JsonlRecorder {
        JsonlRecorder { path: path.into(), file: Mutex::new(None) }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn append(&self, line: &str) -> std::io::Result<()> {
        let mut file = self.file.lock().map_err(|_| std::io::Error::other("recorder lock poisoned"))?;
        if file.is_none() {
            if let Some(directory) = self.path.parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(directory)?;
            }
            *file = Some(std::fs::OpenOptions::new().create(true).append(true).open(&self.path)?);
        }
        let file = file.as_mut().expect("opened above");
        // One write call per line: with O_APPEND the line lands whole or not at all
        // in practice, and a torn last line is skipped by `read_events`.
        file.write_all(format!("{line}\n").as_bytes())?;
        file.flush()
    }
}

impl EventRecorder for JsonlRecorder {
    fn record(&self, event: CompletionEvent) {
        let Ok(line) = serde_json::to_string(&event) else { return };
        if let Err(error) = self.append(&line) {
            eprintln!("pyqual: could not record a completion event in {}: {error}", self.path.display());
        }
    }
}

/// Reads an event file; lines that do not parse (a torn last line, a foreign
/// line) are counted and skipped, never fatal.
pub fn read_events(path: &Path) -> std::io::Result<(Vec<CompletionEvent>, usize)> {
    let text = std::fs::read(path)?;
    let text = String::from_utf8_lossy(&text);
    let mut events = Vec::new();
    let mut skipped = 0;
    for line in text.lines().filter(|line| !line.trim().is_empty()) {
        match serde_json::from_str(line) {
            Ok(event) => events.push(event),
            Err(_) => skipped += 1,
        }
    }
    Ok((events, skipped))
}

/// Milliseconds since the Unix epoch.
pub fn now_ms() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_millis() as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(outcome: Outcome) -> CompletionEvent {
        CompletionEvent {
            time_ms: 1,
            outcome,
            completion_id: 7,
            choice_index: 0,
            uri: "file:///a.py".into(),
            prefix: "def f():\n    ".into(),
            suffix: String::new(),
            text: "return 1".into(),
            model: "test".into(),
            prefix_file: None,
        }
    }

    #[test]
    fn jsonl_round_trip_survives_a_torn_last_line() {
        let dir = std::env::temp_dir().join(format!("pyqual-events-{}", std::process::id()));
        let path = dir.join("events.jsonl");
        let _ = std::fs::remove_file(&path);
        let recorder = JsonlRecorder::new(&path);
        recorder.record(event(Outcome::Shown));
        recorder.record(event(Outcome::Accepted));
        std::fs::OpenOptions::new().append(true).open(&path).unwrap().write_all(b"{\"time_ms\": 3, \"outco").unwrap();
        let (events, skipped) = read_events(&path).unwrap();
        assert_eq!(events, vec![event(Outcome::Shown), event(Outcome::Accepted)]);
        assert_eq!(skipped, 1);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
