//! Protocol tests against `pyqual serve` as editors run it (a child process
//! on stdio), plus in-process tests where the test supplies the completion
//! model: diagnostics, the score on save, quick fixes, malformed input, big
//! documents, change storms and cancel storms. The server must answer or
//! refuse every message cleanly and keep running.

use pyqual::harvest::events::{MemoryRecorder, Outcome};
use pyqual::server::completion::{Completer, CompletionRequest};
use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{channel, Receiver};
use std::sync::Arc;
use std::time::{Duration, Instant};

const TIMEOUT: Duration = Duration::from_secs(60);

/// A blocking LSP client over any byte streams.
struct Client {
    writer: Box<dyn Write + Send>,
    incoming: Receiver<Value>,
    /// Notifications and responses read but not yet asked for.
    seen: Vec<Value>,
    next_id: i64,
    child: Option<Child>,
}

fn read_messages(reader: impl Read + Send + 'static) -> Receiver<Value> {
    let (sender, receiver) = channel();
    std::thread::spawn(move || {
        let mut reader = BufReader::new(reader);
        loop {
            let mut length = None;
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 {
                    return;
                }
                let line = line.trim_end();
                if line.is_empty() {
                    break;
                }
                if let Some(value) = line.strip_prefix("Content-Length: ") {
                    length = value.parse::<usize>().ok();
                }
            }
            let mut body = vec![0; length.expect("Content-Length header")];
            if reader.read_exact(&mut body).is_err() {
                return;
            }
            let message: Value = serde_json::from_slice(&body).expect("server sends JSON");
            if sender.send(message).is_err() {
                return;
            }
        }
    });
    receiver
}

impl Client {
    fn spawn() -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_pyqual"))
            .args(["serve", "--stdio"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start pyqual serve");
        let incoming = read_messages(child.stdout.take().unwrap());
        let writer = Box::new(child.stdin.take().unwrap());
        Client { writer, incoming, seen: Vec::new(), next_id: 1, child: Some(child) }
    }

    /// The server in this process, with the test's completer and recorder.
    fn in_process(options: pyqual::server::Options) -> Client {
        let (client_end, server_end) = std::os::unix::net::UnixStream::pair().unwrap();
        std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
            runtime.block_on(async move {
                server_end.set_nonblocking(true).unwrap();
                let stream = tokio::net::UnixStream::from_std(server_end).unwrap();
                let (read, write) = tokio::io::split(stream);
                pyqual::server::serve(read, write, options).await;
            });
        });
        let incoming = read_messages(client_end.try_clone().unwrap());
        Client { writer: Box::new(client_end), incoming, seen: Vec::new(), next_id: 1, child: None }
    }

    fn send_raw(&mut self, body: &[u8]) {
        let header = format!("Content-Length: {}\r\n\r\n", body.len());
        self.writer.write_all(header.as_bytes()).unwrap();
        self.writer.write_all(body).unwrap();
        self.writer.flush().unwrap();
    }

    fn send(&mut self, message: Value) {
        self.send_raw(serde_json::to_string(&message).unwrap().as_bytes());
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    fn send_request(&mut self, method: &str, params: Value) -> i64 {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        id
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.send_request(method, params);
        self.response(id)
    }

    /// The response to request `id` (result or error object).
    fn response(&mut self, id: i64) -> Value {
        self.wait_for(|message| message["id"] == json!(id) && message.get("method").is_none())
    }

    /// Waits for a message matching `wanted`; answers server requests on the way.
    fn wait_for(&mut self, wanted: impl Fn(&Value) -> bool) -> Value {
        if let Some(index) = self.seen.iter().position(&wanted) {
            return self.seen.remove(index);
        }
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let message = self.incoming.recv_timeout(left).expect("message from the server before the timeout");
            if message.get("method").is_some() && message.get("id").is_some() {
                // A server request (registerCapability, ...): accept it.
                let id = message["id"].clone();
                self.send(json!({"jsonrpc": "2.0", "id": id, "result": null}));
            }
            if wanted(&message) {
                return message;
            }
            self.seen.push(message);
        }
    }

    fn diagnostics_for(&mut self, uri: &str, version: i64) -> Vec<Value> {
        let message = self.wait_for(|m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri && m["params"]["version"] == version
        });
        message["params"]["diagnostics"].as_array().unwrap().clone()
    }

    fn initialize(&mut self, options: Value) -> Value {
        let result = self.request(
            "initialize",
            json!({"processId": null, "rootUri": null, "capabilities": {"general": {"positionEncodings": ["utf-16"]}},
                   "initializationOptions": options}),
        );
        self.notify("initialized", json!({}));
        result
    }

    fn open(&mut self, uri: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "python", "version": 1, "text": text}}),
        );
    }

    fn shutdown(mut self) {
        let reply = self.request("shutdown", Value::Null);
        assert!(reply.get("error").is_none(), "{reply}");
        self.notify("exit", Value::Null);
        if let Some(mut child) = self.child.take() {
            let deadline = Instant::now() + Duration::from_secs(10);
            while child.try_wait().unwrap().is_none() {
                assert!(Instant::now() < deadline, "server did not exit");
                std::thread::sleep(Duration::from_millis(20));
            }
        }
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        if let Some(child) = self.child.as_mut() {
            let _ = child.kill();
        }
    }
}

fn codes(diagnostics: &[Value]) -> Vec<String> {
    diagnostics.iter().map(|d| d["code"].as_str().unwrap_or("").to_string()).collect()
}

const FIXTURE: &str = "def check(value):\n    if value == None:\n        return 1\n    else:\n        return 2\n";

#[test]
fn diagnostics_score_and_fixes_round_trip() {
    let mut client = Client::spawn();
    let init = client.initialize(json!({"debounceMs": 10, "completions": false}));
    let capabilities = &init["result"]["capabilities"];
    assert_eq!(capabilities["inlineCompletionProvider"], json!(true));
    assert_eq!(capabilities["textDocumentSync"]["change"], json!(2));
    let uri = "file:///tmp/pyqual-lsp-fixture.py";
    client.open(uri, FIXTURE);
    let diagnostics = client.diagnostics_for(uri, 1);
    let found = codes(&diagnostics);
    assert!(found.contains(&"C0121".to_string()) && found.contains(&"R1705".to_string()), "{found:?}");
    let c0121 = diagnostics.iter().find(|d| d["code"] == "C0121").unwrap();
    assert_eq!(c0121["range"]["start"], json!({"line": 1, "character": 7}));
    assert!(c0121["message"].as_str().unwrap().ends_with("(singleton-comparison)"));

    client.notify("textDocument/didSave", json!({"textDocument": {"uri": uri}}));
    let score = client.wait_for(|m| m["method"] == "pyqual/qualityScore");
    let first_score = score["params"]["score"].as_f64().unwrap();
    assert!(first_score < 10.0);
    assert_eq!(score["params"]["statements"], json!(4));
    assert_eq!(score["params"]["previousScore"], Value::Null);

    // The rule's own fix for the comparison, applied as the editor would.
    let actions = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": c0121["range"], "context": {"diagnostics": [c0121]}}),
    );
    let actions = actions["result"].as_array().unwrap().clone();
    assert!(actions.iter().any(|a| a["title"] == "Disable singleton-comparison for this line"), "{actions:?}");
    let fix = actions
        .iter()
        .find(|a| a["isPreferred"] == json!(true) && a["diagnostics"][0]["code"] == "C0121")
        .expect("the C0121 quick fix");
    let edits = fix["edit"]["changes"][uri].as_array().unwrap().clone();
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2},
               "contentChanges": edits.iter().map(|e| json!({"range": e["range"], "text": e["newText"]})).collect::<Vec<_>>()}),
    );
    let after = client.diagnostics_for(uri, 2);
    assert!(!codes(&after).contains(&"C0121".to_string()), "{:?}", codes(&after));
    assert!(codes(&after).contains(&"R1705".to_string()), "{:?}", codes(&after));
    client.notify("textDocument/didSave", json!({"textDocument": {"uri": uri}}));
    let score = client.wait_for(|m| m["method"] == "pyqual/qualityScore");
    assert!(score["params"]["score"].as_f64().unwrap() > first_score, "{score}");
    assert_eq!(score["params"]["previousScore"].as_f64(), Some(first_score));

    // Fix all: the else after return goes too.
    let actions = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
               "context": {"diagnostics": [], "only": ["source.fixAll.pyqual"]}}),
    );
    let fix_all = &actions["result"][0];
    assert_eq!(fix_all["kind"], "source.fixAll.pyqual", "{actions}");
    let edit = &fix_all["edit"]["changes"][uri][0];
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 3}, "contentChanges": [{"range": edit["range"], "text": edit["newText"]}]}),
    );
    let after = client.diagnostics_for(uri, 3);
    assert!(!codes(&after).contains(&"R1705".to_string()), "{:?} after fix all:\n{}", codes(&after), edit["newText"]);
    client.shutdown();
}

#[test]
fn malformed_messages_and_unknown_methods_are_refused_without_dying() {
    let mut client = Client::spawn();
    client.initialize(json!({"completions": false}));
    client.send_raw(b"{ this is not json");
    client.send_raw(b"[1, 2, 3]");
    let logged = client.wait_for(|m| m["method"] == "window/logMessage" && m["params"]["message"].as_str().unwrap_or("").contains("batches"));
    assert_eq!(logged["params"]["type"], json!(1));
    client.send(json!({"jsonrpc": "2.0", "id": 900, "method": "textDocument/codeAction", "params": {"bogus": true}}));
    let invalid = client.response(900);
    assert!(invalid.get("error").is_some(), "{invalid}");
    let unknown = client.request("pyqual/noSuchMethod", json!({}));
    assert_eq!(unknown["error"]["code"], json!(-32601), "{unknown}");
    // A change for a document that is not open, and a range outside the document.
    client.notify("textDocument/didChange", json!({"textDocument": {"uri": "file:///nope.py", "version": 3}, "contentChanges": [{"text": "x"}]}));
    let uri = "file:///tmp/pyqual-lsp-bad-range.py";
    client.open(uri, "x = 1\n");
    client.diagnostics_for(uri, 1);
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2},
               "contentChanges": [{"range": {"start": {"line": 40, "character": 0}, "end": {"line": 41, "character": 0}}, "text": "y"}]}),
    );
    // Still alive and still right about the document.
    let actions = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "context": {"diagnostics": []}}),
    );
    assert!(actions.get("result").is_some(), "{actions}");
    client.shutdown();
}

#[test]
fn a_fifty_thousand_line_document_and_a_thousand_rapid_changes() {
    let mut client = Client::spawn();
    client.initialize(json!({"debounceMs": 50, "completions": false}));
    let big: String = (0..50_000).map(|i| format!("value_{i} = {i} == None\n")).collect();
    let uri = "file:///tmp/pyqual-lsp-big.py";
    client.open(uri, &big);
    let diagnostics = client.diagnostics_for(uri, 1);
    assert_eq!(codes(&diagnostics).iter().filter(|c| *c == "C0121").count(), 50_000);

    let small = "file:///tmp/pyqual-lsp-typing.py";
    client.open(small, "");
    client.diagnostics_for(small, 1);
    // Type a function one character at a time: 1,000+ incremental changes.
    let text = "def f(a, b):\n    if a == True:\n        return b\n    return None\n".repeat(16);
    let (mut line, mut character) = (0u32, 0u32);
    for (index, ch) in text.chars().enumerate() {
        let position = json!({"line": line, "character": character});
        client.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": small, "version": index + 2},
                   "contentChanges": [{"range": {"start": position, "end": position}, "text": ch.to_string()}]}),
        );
        if ch == '\n' {
            line += 1;
            character = 0;
        } else {
            character += 1;
        }
    }
    let last_version = text.chars().count() as i64 + 1;
    assert!(last_version > 1000);
    let diagnostics = client.diagnostics_for(small, last_version);
    // The incremental document equals the typed text: the same messages as a fresh check.
    let expected = pyqual::Checker::new(pyqual::Profile::Paper.settings()).check_source(text.clone(), "typing");
    let mut expected_codes: Vec<String> = expected.diagnostics.iter().map(|d| d.rule.code.to_string()).collect();
    let mut got = codes(&diagnostics);
    expected_codes.sort();
    got.sort();
    assert_eq!(got, expected_codes);
    client.shutdown();
}

/// Writes the same completion slowly, token by token, checking the cancel flag.
struct SlowCompleter {
    calls: AtomicUsize,
}

impl Completer for SlowCompleter {
    fn describe(&self) -> String {
        "slow-test-model".into()
    }

    fn complete(&self, request: &CompletionRequest, cancel: &AtomicBool) -> anyhow::Result<Vec<String>> {
        self.calls.fetch_add(1, Ordering::Relaxed);
        let mut text = String::new();
        for piece in ["return ", "a ", "+ ", "b\n"] {
            if cancel.load(Ordering::Relaxed) {
                break;
            }
            std::thread::sleep(Duration::from_millis(5));
            text.push_str(piece);
        }
        Ok(vec![if request.multiline { text } else { text.trim_end().to_string() }])
    }
}

#[test]
fn inline_completions_cancel_storms_and_the_accept_event() {
    let recorder = Arc::new(MemoryRecorder::default());
    let completer = Arc::new(SlowCompleter { calls: AtomicUsize::new(0) });
    let mut client = Client::in_process(pyqual::server::Options {
        completer: Some(completer.clone()),
        recorder: Some(recorder.clone()),
    });
    client.initialize(json!({}));
    let uri = "file:///tmp/pyqual-lsp-complete.py";
    client.open(uri, "def add(a, b):\n    \n");
    let params = json!({"textDocument": {"uri": uri}, "position": {"line": 1, "character": 4}, "context": {"triggerKind": 2}});

    // A storm: 200 requests, most cancelled at once. Every one is answered.
    let mut ids = Vec::new();
    for index in 0..200 {
        let id = client.send_request("textDocument/inlineCompletion", params.clone());
        if index % 4 != 3 {
            client.notify("$/cancelRequest", json!({"id": id}));
        }
        ids.push(id);
    }
    for id in ids {
        let reply = client.response(id);
        assert!(reply.get("result").is_some() || reply["error"]["code"] == json!(-32800), "{reply}");
    }

    let reply = client.request("textDocument/inlineCompletion", params.clone());
    let item = &reply["result"][0];
    assert_eq!(item["insertText"], "return a + b\n");
    assert_eq!(item["command"]["command"], "pyqual.acceptCompletion");
    let argument = item["command"]["arguments"][0].clone();
    client.notify("pyqual/didShowCompletion", argument.clone());
    let accepted = client.request("workspace/executeCommand", json!({"command": "pyqual.acceptCompletion", "arguments": [argument]}));
    assert!(accepted.get("error").is_none(), "{accepted}");
    let unknown = client.request("workspace/executeCommand", json!({"command": "pyqual.acceptCompletion", "arguments": [{"completionId": 123456}]}));
    assert!(unknown.get("error").is_some(), "{unknown}");

    let id = argument["completionId"].as_u64().unwrap();
    let events: Vec<Outcome> = recorder.events().iter().filter(|e| e.completion_id == id).map(|e| e.outcome).collect();
    assert_eq!(events, vec![Outcome::Shown, Outcome::Accepted]);
    let accepted_event = recorder.events().into_iter().find(|e| e.outcome == Outcome::Accepted).unwrap();
    assert_eq!(accepted_event.prefix, "def add(a, b):\n    ");
    assert_eq!(accepted_event.model, "slow-test-model");
    assert!(completer.calls.load(Ordering::Relaxed) >= 1);
    client.shutdown();
}

#[test]
fn the_real_small_model_completes_and_the_accept_lands_in_the_events_file() {
    let events = std::env::temp_dir().join(format!("pyqual-lsp-events-{}.jsonl", std::process::id()));
    let _ = std::fs::remove_file(&events);
    let mut client = Client::spawn();
    client.initialize(json!({"model": "smollm2-135m-instruct", "maxTokens": 12, "eventsFile": events}));
    let loaded = client.wait_for(|m| {
        m["method"] == "window/logMessage" && m["params"]["message"].as_str().unwrap_or("").contains("smollm2-135m-instruct")
    });
    assert!(loaded["params"]["message"].as_str().unwrap().contains("loaded"), "{loaded}");
    let uri = "file:///tmp/pyqual-lsp-model.py";
    client.open(uri, "def add(a, b):\n    \"\"\"Return the sum of a and b.\"\"\"\n    \n");
    let reply = client.request(
        "textDocument/inlineCompletion",
        json!({"textDocument": {"uri": uri}, "position": {"line": 2, "character": 4}, "context": {"triggerKind": 1}}),
    );
    let item = &reply["result"][0];
    assert!(!item["insertText"].as_str().unwrap_or("").trim().is_empty(), "{reply}");
    let argument = item["command"]["arguments"][0].clone();
    let accepted = client.request("workspace/executeCommand", json!({"command": "pyqual.acceptCompletion", "arguments": [argument]}));
    assert!(accepted.get("error").is_none(), "{accepted}");
    let (recorded, skipped) = pyqual::harvest::events::read_events(&events).unwrap();
    assert_eq!(skipped, 0);
    let accepted: Vec<_> = recorded.iter().filter(|e| e.outcome == Outcome::Accepted).collect();
    assert_eq!(accepted.len(), 1, "{recorded:?}");
    assert_eq!(accepted[0].text, item["insertText"].as_str().unwrap());
    assert_eq!(accepted[0].model, "smollm2-135m-instruct");
    client.shutdown();
    let _ = std::fs::remove_file(&events);
}
