//! Inline completions: the prompt from the document, one generation at a
//! time on a worker thread, the latest request wins, and what the user does
//! with each offered item becomes a [`CompletionEvent`].
//!
//! The model is behind [`Completer`], so the server runs (and says so once)
//! without one, and tests can drive the whole flow with their own.

use super::document::{Document, Encoding};
use crate::harvest::events::{now_ms, CompletionEvent, EventRecorder, Outcome};
use crate::syntax::kinds;
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use tower_lsp_server::ls_types::{Command, InlineCompletionItem, Position, Range};

/// The command each offered item carries; clients run it when the item is inserted.
pub const ACCEPT_COMMAND: &str = "pyqual.acceptCompletion";

/// Text before the cursor kept in a prompt, and after it (FIM suffix), in bytes.
const PREFIX_BUDGET: usize = 6_000;
const SUFFIX_BUDGET: usize = 2_000;

/// What the model is asked for.
#[derive(Clone, Debug)]
pub struct CompletionRequest {
    pub prefix: String,
    pub suffix: String,
    /// A whole block (cursor on an empty line) or the rest of the line.
    pub multiline: bool,
    pub max_tokens: usize,
    pub use_quality_prefix: bool,
}

/// A source of completions (the local model).
pub trait Completer: Send + Sync {
    /// Names the model (and prefix) in events and logs.
    fn describe(&self) -> String;
    /// The quality prefix file in use, if any.
    fn prefix_file(&self) -> Option<String> {
        None
    }
    /// Completions for `request`; must return early (with what it has) once `cancel` is set.
    fn complete(&self, request: &CompletionRequest, cancel: &AtomicBool) -> anyhow::Result<Vec<String>>;
}

/// Builds the request for a cursor position: prefix and suffix cut at line
/// boundaries within the budgets, single- or multi-line from the syntax around
/// the cursor.
pub fn request_at(document: &Document, offset: usize, max_tokens: usize, use_quality_prefix: bool) -> CompletionRequest {
    let text = &document.text;
    let offset = offset.min(text.len());
    let mut prefix_start = offset.saturating_sub(PREFIX_BUDGET);
    while !text.is_char_boundary(prefix_start) {
        prefix_start += 1;
    }
    if prefix_start > 0 {
        // Start on a whole line.
        prefix_start = text[prefix_start..offset].find('\n').map_or(prefix_start, |newline| prefix_start + newline + 1);
    }
    let mut suffix_end = (offset + SUFFIX_BUDGET).min(text.len());
    while !text.is_char_boundary(suffix_end) {
        suffix_end -= 1;
    }
    if suffix_end < text.len() {
        suffix_end = text[offset..suffix_end].rfind('\n').map_or(suffix_end, |newline| offset + newline + 1);
    }
    CompletionRequest {
        prefix: text[prefix_start..offset].to_string(),
        suffix: text[offset..suffix_end].to_string(),
        multiline: is_multiline_position(document, offset),
        max_tokens,
        use_quality_prefix,
    }
}

/// Shapes a model's text for insertion at the cursor: on a line that holds
/// only indentation, models often start with a line break and re-indent; the
/// blank lead is dropped and the cursor line's indentation not repeated.
pub fn fit_to_cursor(request: &CompletionRequest, text: &str) -> String {
    let line_before = request.prefix.rsplit('\n').next().unwrap_or("");
    if !line_before.trim().is_empty() {
        return text.to_string();
    }
    let mut rest = text;
    while let Some((first, after)) = rest.split_once('\n') {
        if !first.trim().is_empty() {
            break;
        }
        rest = after;
    }
    if rest.len() == text.len() {
        return without_extra_indent(line_before, text);
    }
    rest.strip_prefix(line_before).unwrap_or(rest.trim_start_matches([' ', '\t'])).to_string()
}

/// A completion that starts with spaces on a line already indented (a
/// tokenizer artefact: the prompt ends in spaces, the model's token starts
/// with one) is shifted left by those spaces, every line alike, when all its
/// lines allow it.
fn without_extra_indent(line_before: &str, text: &str) -> String {
    let extra = text.len() - text.trim_start_matches(' ').len();
    if extra == 0 || line_before.is_empty() {
        return text.to_string();
    }
    let inner = format!("{line_before}{}", " ".repeat(extra));
    let mut lines = text.split('\n');
    let first = lines.next().unwrap_or("");
    let rest: Vec<&str> = lines.collect();
    if !rest.iter().all(|line| line.trim().is_empty() || line.starts_with(&inner)) {
        return text.to_string();
    }
    let mut fitted = first[extra..].to_string();
    for line in rest {
        fitted.push('\n');
        fitted.push_str(line.get(extra..).filter(|_| !line.trim().is_empty()).unwrap_or(line));
    }
    fitted
}

/// A block is wanted when the cursor ends the text of its line and the line
/// holds nothing else (a new line in a body), or follows a `:` that opens a
/// block; never inside a string or comment.
fn is_multiline_position(document: &Document, offset: usize) -> bool {
    let text = &document.text;
    let line_start = text[..offset].rfind('\n').map_or(0, |newline| newline + 1);
    let line_end = text[offset..].find('\n').map_or(text.len(), |newline| offset + newline);
    let before = &text[line_start..offset];
    let after = &text[offset..line_end];
    if !after.trim().is_empty() {
        return false;
    }
    let tree = document.module();
    let root = tree.root();
    let mut innermost = root;
    // The deepest node that contains the cursor.
    crate::syntax::walk(root, |node| {
        let contains = node.start_byte() < offset && offset <= node.end_byte();
        if contains {
            innermost = node;
        }
        contains
    });
    let in_literal = std::iter::successors(Some(innermost), |node| node.parent())
        .any(|node| matches!(node.kind_id(), kinds::STRING | kinds::COMMENT));
    !in_literal && (before.trim().is_empty() || before.trim_end().ends_with(':'))
}

/// One request's offered items, kept until a newer request replaces them.
struct Offer {
    id: u64,
    uri: String,
    request: CompletionRequest,
    choices: Vec<String>,
    /// Choices already accepted or rejected (the rest become "ignored").
    settled: Vec<bool>,
}

/// The server's completion state.
pub struct Completions {
    completer: Mutex<Option<Arc<dyn Completer>>>,
    recorder: Mutex<Arc<dyn EventRecorder>>,
    next_id: AtomicU64,
    /// The cancel flag of the generation in progress: a newer request sets it.
    running: Mutex<Option<Arc<AtomicBool>>>,
    /// Generations run one at a time.
    worker: Mutex<()>,
    current: Mutex<Option<Offer>>,
    /// Past offers by id (accept/reject may arrive after a newer request).
    settled_by_id: Mutex<HashMap<u64, (String, CompletionRequest, Vec<String>)>>,
}

impl Completions {
    pub fn new(recorder: Arc<dyn EventRecorder>) -> Completions {
        Completions {
            completer: Mutex::new(None),
            recorder: Mutex::new(recorder),
            next_id: AtomicU64::new(1),
            running: Mutex::new(None),
            worker: Mutex::new(()),
            current: Mutex::new(None),
            settled_by_id: Mutex::new(HashMap::new()),
        }
    }

    pub fn set_completer(&self, completer: Option<Arc<dyn Completer>>) {
        if let Ok(mut slot) = self.completer.lock() {
            *slot = completer;
        }
    }

    pub fn completer(&self) -> Option<Arc<dyn Completer>> {
        self.completer.lock().ok().and_then(|slot| slot.clone())
    }

    pub fn set_recorder(&self, recorder: Arc<dyn EventRecorder>) {
        if let Ok(mut slot) = self.recorder.lock() {
            *slot = recorder;
        }
    }

    fn record(&self, outcome: Outcome, id: u64, uri: &str, request: &CompletionRequest, choice: usize, text: &str) {
        let Some(completer) = self.completer() else { return };
        let event = CompletionEvent {
            time_ms: now_ms(),
            outcome,
            completion_id: id,
            choice_index: choice,
            uri: uri.to_string(),
            prefix: request.prefix.clone(),
            suffix: request.suffix.clone(),
            text: text.to_string(),
            model: completer.describe(),
            prefix_file: if request.use_quality_prefix { completer.prefix_file() } else { None },
        };
        if let Ok(recorder) = self.recorder.lock() {
            recorder.record(event);
        }
    }

    /// Starts a new request: cancels the running generation and turns the
    /// previous offer's unsettled items into "ignored". Returns the new id and
    /// its cancel flag.
    pub fn begin(&self) -> (u64, Arc<AtomicBool>) {
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        let cancel = Arc::new(AtomicBool::new(false));
        if let Ok(mut running) = self.running.lock() {
            if let Some(previous) = running.replace(cancel.clone()) {
                previous.store(true, Ordering::Relaxed);
            }
        }
        let previous = self.current.lock().ok().and_then(|mut current| current.take());
        if let Some(offer) = previous {
            for (index, choice) in offer.choices.iter().enumerate() {
                if !offer.settled[index] {
                    self.record(Outcome::Ignored, offer.id, &offer.uri, &offer.request, index, choice);
                }
            }
        }
        (id, cancel)
    }

    /// Runs the completer for `request` (blocking; call from a worker thread).
    /// `None` when there is no model or the request was cancelled.
    pub fn generate(&self, request: &CompletionRequest, cancel: &AtomicBool) -> Option<anyhow::Result<Vec<String>>> {
        let completer = self.completer()?;
        let _one_at_a_time = self.worker.lock().ok()?;
        if cancel.load(Ordering::Relaxed) {
            return None;
        }
        let result = completer
            .complete(request, cancel)
            .map(|choices| choices.iter().map(|text| fit_to_cursor(request, text)).collect());
        (!cancel.load(Ordering::Relaxed)).then_some(result)
    }

    /// Keeps the offer and turns it into items that carry the accept command.
    pub fn offer(
        &self,
        id: u64,
        uri: &str,
        request: CompletionRequest,
        choices: Vec<String>,
        cursor: Position,
    ) -> Vec<InlineCompletionItem> {
        let items = choices
            .iter()
            .enumerate()
            .filter(|(_, text)| !text.is_empty())
            .map(|(index, text)| InlineCompletionItem {
                insert_text: text.clone(),
                filter_text: None,
                range: Some(Range { start: cursor, end: cursor }),
                command: Some(Command {
                    title: "Accept completion".into(),
                    command: ACCEPT_COMMAND.into(),
                    arguments: Some(vec![serde_json::json!({"completionId": id, "choiceIndex": index})]),
                }),
                insert_text_format: None,
            })
            .collect();
        if let Ok(mut past) = self.settled_by_id.lock() {
            past.insert(id, (uri.to_string(), request.clone(), choices.clone()));
        }
        let settled = vec![false; choices.len()];
        if let Ok(mut current) = self.current.lock() {
            *current = Some(Offer { id, uri: uri.to_string(), request, choices, settled });
        }
        items
    }

    /// The user accepted or rejected one offered item, or the client showed
    /// it. Returns false for an unknown id or index.
    pub fn settle(&self, id: u64, choice: usize, outcome: Outcome) -> bool {
        if outcome == Outcome::Shown {
            return self.record_past(id, choice, outcome);
        }
        if let Ok(mut current) = self.current.lock() {
            if let Some(offer) = current.as_mut().filter(|offer| offer.id == id) {
                if let Some(flag) = offer.settled.get_mut(choice) {
                    *flag = true;
                }
            }
        }
        self.record_past(id, choice, outcome)
    }

    fn record_past(&self, id: u64, choice: usize, outcome: Outcome) -> bool {
        let past = self.settled_by_id.lock().ok().and_then(|past| past.get(&id).cloned());
        let Some((uri, request, choices)) = past else { return false };
        let Some(text) = choices.get(choice) else { return false };
        self.record(outcome, id, &uri, &request, choice, text);
        true
    }
}

/// Cursor position for the items' ranges.
pub fn cursor_position(document: &Document, offset: usize, encoding: Encoding) -> Position {
    document.position_of_offset(offset, encoding)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::harvest::events::MemoryRecorder;

    struct Fixed;

    impl Completer for Fixed {
        fn describe(&self) -> String {
            "fixed".into()
        }

        fn complete(&self, request: &CompletionRequest, _: &AtomicBool) -> anyhow::Result<Vec<String>> {
            Ok(vec![if request.multiline { "return 1\n".into() } else { "1".into() }])
        }
    }

    #[test]
    fn a_leading_line_break_on_an_indented_blank_line_is_dropped() {
        let request = |prefix: &str| CompletionRequest {
            prefix: prefix.into(),
            suffix: String::new(),
            multiline: true,
            max_tokens: 8,
            use_quality_prefix: false,
        };
        let blank = request("def f(xs):\n    ");
        assert_eq!(fit_to_cursor(&blank, "\n    for x in xs:\n        pass\n"), "for x in xs:\n        pass\n");
        assert_eq!(fit_to_cursor(&blank, "return 1\n"), "return 1\n");
        let shifted = " with open(p) as f:\n         return f.read()\n";
        assert_eq!(fit_to_cursor(&blank, shifted), "with open(p) as f:\n        return f.read()\n");
        let mid_line = request("def f(xs):\n    y = ");
        assert_eq!(fit_to_cursor(&mid_line, "\n    z"), "\n    z");
    }

    #[test]
    fn prompt_and_shape_follow_the_cursor() {
        let document = Document::new("def f(x):\n    \n\ny = 'abc'\n".into(), 1);
        let body = document.text.find("    \n").unwrap() + 4;
        let request = request_at(&document, body, 16, true);
        assert_eq!(request.prefix, "def f(x):\n    ");
        assert_eq!(request.suffix, "\n\ny = 'abc'\n");
        assert!(request.multiline);
        let in_string = document.text.find("abc").unwrap() + 1;
        assert!(!request_at(&document, in_string, 16, true).multiline);
    }

    #[test]
    fn a_newer_request_ignores_the_old_offer_and_accepts_are_recorded() {
        let recorder = Arc::new(MemoryRecorder::default());
        let completions = Completions::new(recorder.clone());
        completions.set_completer(Some(Arc::new(Fixed)));
        let document = Document::new("def f():\n    \n".into(), 1);
        let request = request_at(&document, 13, 16, true);
        let (first, cancel) = completions.begin();
        let choices = completions.generate(&request, &cancel).unwrap().unwrap();
        assert_eq!(choices, vec!["return 1\n".to_string()]);
        let items = completions.offer(first, "file:///a.py", request.clone(), choices, Position::new(1, 4));
        assert_eq!(items.len(), 1);
        assert!(completions.settle(first, 0, Outcome::Shown));
        let (second, cancel_second) = completions.begin();
        assert!(cancel_second.load(Ordering::Relaxed) == false && cancel.load(Ordering::Relaxed));
        let choices = completions.generate(&request, &cancel_second).unwrap().unwrap();
        completions.offer(second, "file:///a.py", request, choices, Position::new(1, 4));
        assert!(completions.settle(second, 0, Outcome::Accepted));
        assert!(!completions.settle(99, 0, Outcome::Accepted));
        let outcomes: Vec<(u64, Outcome)> = recorder.events().iter().map(|e| (e.completion_id, e.outcome)).collect();
        assert_eq!(
            outcomes,
            vec![(first, Outcome::Shown), (first, Outcome::Ignored), (second, Outcome::Accepted)]
        );
    }
}
