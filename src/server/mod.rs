//! `pyqual serve`: the language server (LSP over stdio, tower-lsp-server).
//!
//! Diagnostics with pylint's ids, the score on save, the rules' quick fixes,
//! and inline completions from the local model.
//!
//! Architecture invariant: this is the only module that knows LSP. It reads
//! documents into the same `Checker` the command line uses; `convert.rs` is
//! the one place that turns results into LSP types.
//!
//! Concurrency: tower-lsp-server polls up to four messages at once. Document
//! changes are applied synchronously in the handler (no `.await` before the
//! edit), so they land in the order they arrived; linting runs on a snapshot in
//! `spawn_blocking` and is published with the version it was computed for.
//! No lock is held across an `.await`.

mod actions;
pub mod completion;
mod convert;
pub mod document;
mod model;
pub mod settings;
mod transport;

use crate::checker::{self, Checker, FileModuleIndex, FileReport};
use crate::config;
use crate::harvest::events::{EventRecorder, JsonlRecorder, MemoryRecorder, Outcome};
use completion::{Completer, Completions};
use dashmap::DashMap;
use document::{Document, Encoding};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use settings::{DiagnosticMode, ServerSettings};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, RwLock};
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::notification::Notification;
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer, LspService, Server};

/// `pyqual/qualityScore`: sent after each save.
pub enum QualityScore {}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct QualityScoreParams {
    pub uri: Uri,
    pub version: i32,
    pub score: f64,
    pub previous_score: Option<f64>,
    pub statements: usize,
    pub counts: crate::score::Counts,
}

impl Notification for QualityScore {
    type Params = QualityScoreParams;
    const METHOD: &'static str = "pyqual/qualityScore";
}

/// Arguments of `pyqual.acceptCompletion` and of the show/reject notifications.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct CompletionChoice {
    completion_id: u64,
    #[serde(default)]
    choice_index: usize,
}

/// Everything the handlers share.
struct State {
    documents: DashMap<Uri, Document>,
    /// The last lint of each document and the version it was computed for.
    reports: DashMap<Uri, (i32, Arc<FileReport>)>,
    /// The score at the last save, per document.
    scores: DashMap<Uri, f64>,
    /// Bumped on every change; a debounced lint runs only if still current.
    generations: DashMap<Uri, u64>,
    settings: RwLock<ServerSettings>,
    checker: RwLock<Arc<Checker>>,
    modules: Arc<FileModuleIndex>,
    encoding: RwLock<Encoding>,
    root: RwLock<Option<PathBuf>>,
    completions: Arc<Completions>,
    /// Where events go when no `eventsFile` is set (tests pass their own).
    default_recorder: Arc<dyn EventRecorder>,
    model_notice_sent: AtomicBool,
    /// A completer given by the embedding code (tests): never replaced by a loaded model.
    completer_injected: bool,
    /// The (model, device, prefix) the loaded completer was built from.
    loaded_model_key: std::sync::Mutex<Option<String>>,
    next_generation: AtomicU64,
}

pub struct Backend {
    client: Client,
    state: Arc<State>,
}

/// How a server is put together; tests inject their own completer and recorder.
#[derive(Default)]
pub struct Options {
    pub completer: Option<Arc<dyn Completer>>,
    pub recorder: Option<Arc<dyn EventRecorder>>,
}

impl Backend {
    fn new(client: Client, options: Options) -> Backend {
        let recorder = options.recorder.unwrap_or_else(|| Arc::new(MemoryRecorder::default()));
        let completions = Arc::new(Completions::new(recorder.clone()));
        let completer_injected = options.completer.is_some();
        completions.set_completer(options.completer);
        let modules = Arc::new(FileModuleIndex::with_cache(crate::checker::SummaryCache::at_default_location()));
        let settings = ServerSettings::default();
        let checker = Checker::new(settings.profile.settings()).with_modules(modules.clone()).with_parallel_rules(several_cores());
        Backend {
            client,
            state: Arc::new(State {
                documents: DashMap::new(),
                reports: DashMap::new(),
                scores: DashMap::new(),
                generations: DashMap::new(),
                settings: RwLock::new(settings),
                checker: RwLock::new(Arc::new(checker)),
                modules,
                encoding: RwLock::new(Encoding::Utf16),
                root: RwLock::new(None),
                completions,
                default_recorder: recorder,
                model_notice_sent: AtomicBool::new(false),
                completer_injected,
                loaded_model_key: std::sync::Mutex::new(None),
                next_generation: AtomicU64::new(1),
            }),
        }
    }

    fn encoding(&self) -> Encoding {
        self.state.encoding.read().map_or(Encoding::Utf16, |e| *e)
    }

    fn settings(&self) -> ServerSettings {
        self.state.settings.read().map(|s| s.clone()).unwrap_or_default()
    }

    /// Rebuilds the checker from the profile and the project's pylintrc /
    /// pyproject.toml; a broken configuration keeps the profile and says why.
    async fn reload_configuration(&self) {
        let profile = self.settings().profile;
        let root = self.state.root.read().ok().and_then(|root| root.clone());
        let config_file = root.as_deref().and_then(config::discover);
        let settings = match config::load(profile, config_file.as_deref()) {
            Ok(settings) => settings,
            Err(error) => {
                let file = config_file.map(|p| p.display().to_string()).unwrap_or_default();
                self.client.show_message(MessageType::WARNING, format!("pyqual: {file}: {error:#}")).await;
                profile.settings()
            }
        };
        let checker = Checker::new(settings).with_modules(self.state.modules.clone()).with_parallel_rules(several_cores());
        if let Ok(mut slot) = self.state.checker.write() {
            *slot = Arc::new(checker);
        }
        self.state.reports.clear();
        let settings = self.settings();
        let recorder: Arc<dyn EventRecorder> = match &settings.events_file {
            Some(path) => Arc::new(JsonlRecorder::new(path)),
            None => self.state.default_recorder.clone(),
        };
        self.state.completions.set_recorder(recorder);
    }

    /// Lints the current version of `uri` (cached per version) on a blocking thread.
    async fn lint(&self, uri: &Uri) -> Option<(Document, Arc<FileReport>)> {
        let document = self.state.documents.get(uri)?.clone();
        if let Some(cached) = self.state.reports.get(uri).filter(|entry| entry.0 == document.version) {
            return Some((document, cached.1.clone()));
        }
        let checker = self.state.checker.read().ok()?.clone();
        let path = uri.to_file_path().map(|p| p.into_owned());
        let snapshot = document.clone();
        let linted = tokio::task::spawn_blocking(move || {
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                let module = snapshot.into_module();
                let name = path.as_deref().map(checker::module_name).unwrap_or_default();
                checker.check_module_at(&module, &name, path.as_deref())
            }))
        })
        .await;
        let report = match linted {
            Ok(Ok(report)) => Arc::new(report),
            _ => {
                self.client
                    .log_message(MessageType::ERROR, format!("pyqual: internal error while linting {}", uri.as_str()))
                    .await;
                return None;
            }
        };
        self.state.reports.insert(uri.clone(), (document.version, report.clone()));
        Some((document, report))
    }

    /// Lints and publishes, unless a newer version arrived meanwhile.
    async fn publish(&self, uri: &Uri) {
        if self.settings().diagnostic_mode == DiagnosticMode::Pull {
            return;
        }
        let Some((document, report)) = self.lint(uri).await else { return };
        let current = self.state.documents.get(uri).map(|d| d.version);
        if current != Some(document.version) {
            return;
        }
        let score_line = self.state.scores.get(uri).map(|score| convert::score_line(*score, None));
        let items = convert::diagnostics(&document, &report, self.encoding(), score_line);
        self.client.publish_diagnostics(uri.clone(), items, Some(document.version)).await;
    }

    /// Publishes after the debounce delay if no newer change came in.
    fn publish_later(&self, uri: Uri) {
        let generation = self.state.next_generation.fetch_add(1, Ordering::Relaxed);
        self.state.generations.insert(uri.clone(), generation);
        let delay = std::time::Duration::from_millis(self.settings().debounce_ms);
        let backend = Backend { client: self.client.clone(), state: self.state.clone() };
        tokio::spawn(async move {
            // The timer wheel's 1 ms granularity would delay even a zero debounce.
            if !delay.is_zero() {
                tokio::time::sleep(delay).await;
            }
            if backend.state.generations.get(&uri).map(|g| *g) == Some(generation) {
                backend.publish(&uri).await;
            }
        });
    }

    /// The score after a save: the notification, then the diagnostics with the score line.
    async fn score_on_save(&self, uri: &Uri) {
        let Some((document, report)) = self.lint(uri).await else { return };
        let previous = self.state.scores.insert(uri.clone(), report.score);
        let params = QualityScoreParams {
            uri: uri.clone(),
            version: document.version,
            score: report.score,
            previous_score: previous,
            statements: report.statements,
            counts: report.counts,
        };
        self.client.send_notification::<QualityScore>(params).await;
        if self.settings().diagnostic_mode == DiagnosticMode::Push {
            let line = convert::score_line(report.score, previous);
            let items = convert::diagnostics(&document, &report, self.encoding(), Some(line));
            self.client.publish_diagnostics(uri.clone(), items, Some(document.version)).await;
        }
    }

    /// Loads the model the settings name (in the background, with progress),
    /// unless it is loaded already, completions are off, or a completer was given.
    async fn load_model_if_needed(&self) {
        let settings = self.settings();
        if self.state.completer_injected || !settings.completions {
            return;
        }
        let key = format!("{:?}|{}|{:?}", settings.model, settings.device, settings.prefix_path);
        {
            let Ok(mut loaded) = self.state.loaded_model_key.lock() else { return };
            if loaded.as_deref() == Some(key.as_str()) {
                return;
            }
            *loaded = Some(key);
        }
        let name = settings.model.clone().unwrap_or_else(|| model::DEFAULT_MODEL.to_string());
        let token = NumberOrString::String("pyqual-model-load".into());
        let progress = match self.client.create_work_done_progress(token.clone()).await {
            Ok(()) => Some(self.client.progress(token, "pyqual").with_message(format!("loading {name}")).begin().await),
            Err(_) => None,
        };
        let loaded = tokio::task::spawn_blocking(move || model::ModelCompleter::load(&settings)).await;
        let message = match loaded {
            Ok(Ok(completer)) => {
                let message = format!("pyqual: {name} loaded in {:.1} s", completer.load_seconds());
                self.state.completions.set_completer(Some(Arc::new(completer)));
                self.state.model_notice_sent.store(false, Ordering::Relaxed);
                message
            }
            Ok(Err(error)) => {
                self.state.completions.set_completer(None);
                format!("pyqual: no completions: {error:#}")
            }
            Err(_) => "pyqual: no completions: loading the model failed".to_string(),
        };
        if let Some(progress) = progress {
            progress.finish_with_message(message.clone()).await;
        }
        let kind = if self.state.completions.completer().is_some() { MessageType::INFO } else { MessageType::WARNING };
        self.client.log_message(kind, message.clone()).await;
        if kind == MessageType::WARNING {
            self.client.show_message(kind, message).await;
            self.state.model_notice_sent.store(true, Ordering::Relaxed);
        }
    }

    async fn say_once_there_is_no_model(&self) {
        if !self.state.model_notice_sent.swap(true, Ordering::Relaxed) {
            self.client
                .show_message(
                    MessageType::INFO,
                    "pyqual: no completion model is loaded; diagnostics, fixes and scores work as usual",
                )
                .await;
        }
    }

    /// `textDocument/inlineCompletion` (LSP 3.18, routed as a custom method).
    async fn inline_completion(&self, params: InlineCompletionParams) -> Result<Option<InlineCompletionResponse>> {
        let settings = self.settings();
        if !settings.completions {
            return Ok(None);
        }
        if self.state.completions.completer().is_none() {
            let loading = self.state.loaded_model_key.lock().is_ok_and(|key| key.is_some())
                && !self.state.model_notice_sent.load(Ordering::Relaxed);
            if loading {
                self.client.log_message(MessageType::INFO, "pyqual: the completion model is still loading").await;
            } else {
                self.say_once_there_is_no_model().await;
            }
            return Ok(None);
        }
        let position = params.text_document_position;
        let uri = position.text_document.uri;
        let encoding = self.encoding();
        let Some(document) = self.state.documents.get(&uri).map(|d| d.clone()) else {
            return Err(Error::invalid_params(format!("{} is not open", uri.as_str())));
        };
        let Some(offset) = document.offset(position.position, encoding) else {
            return Err(Error::invalid_params("position outside the document"));
        };
        let request = completion::request_at(&document, offset, settings.max_tokens, settings.prefix_enabled);
        let completions = self.state.completions.clone();
        let (id, cancel) = completions.begin();
        // `$/cancelRequest` drops this future: the guard then stops the generation.
        let _stop_on_drop = CancelOnDrop(cancel.clone());
        let worker_request = request.clone();
        let worker = completions.clone();
        let generated = tokio::task::spawn_blocking(move || worker.generate(&worker_request, &cancel)).await;
        let choices = match generated {
            Ok(Some(Ok(choices))) => choices,
            Ok(Some(Err(error))) => {
                self.client.log_message(MessageType::ERROR, format!("pyqual: completion failed: {error:#}")).await;
                return Ok(None);
            }
            // Cancelled by a newer request, or the worker panicked.
            _ => return Ok(None),
        };
        let cursor = completion::cursor_position(&document, offset, encoding);
        let items = completions.offer(id, uri.as_str(), request, choices, cursor);
        Ok(Some(InlineCompletionResponse::Array(items)))
    }

    async fn malformed_message(&self, params: Value) {
        let error = params["error"].as_str().unwrap_or("ignored a malformed message").to_string();
        self.client.log_message(MessageType::ERROR, format!("pyqual: {error}")).await;
    }

    async fn did_show_completion(&self, params: Value) {
        self.settle_from(params, Outcome::Shown).await;
    }

    async fn did_reject_completion(&self, params: Value) {
        self.settle_from(params, Outcome::Rejected).await;
    }

    async fn settle_from(&self, params: Value, outcome: Outcome) -> bool {
        let settled = serde_json::from_value::<CompletionChoice>(params.clone())
            .map(|choice| self.state.completions.settle(choice.completion_id, choice.choice_index, outcome));
        if !matches!(settled, Ok(true)) {
            self.client.log_message(MessageType::WARNING, format!("pyqual: unknown completion {params}")).await;
        }
        matches!(settled, Ok(true))
    }
}

/// Sets the flag when dropped (request finished or cancelled).
struct CancelOnDrop(Arc<AtomicBool>);

impl Drop for CancelOnDrop {
    fn drop(&mut self) {
        self.0.store(true, Ordering::Relaxed);
    }
}

fn negotiate_encoding(params: &InitializeParams) -> Encoding {
    let offered = params.capabilities.general.as_ref().and_then(|general| general.position_encodings.clone()).unwrap_or_default();
    if offered.contains(&PositionEncodingKind::UTF8) {
        Encoding::Utf8
    } else {
        Encoding::Utf16
    }
}

fn encoding_kind(encoding: Encoding) -> PositionEncodingKind {
    match encoding {
        Encoding::Utf8 => PositionEncodingKind::UTF8,
        Encoding::Utf16 => PositionEncodingKind::UTF16,
        Encoding::Utf32 => PositionEncodingKind::UTF32,
    }
}

fn workspace_root(params: &InitializeParams) -> Option<PathBuf> {
    let folder = params.workspace_folders.as_ref().and_then(|folders| folders.first()).map(|folder| folder.uri.clone());
    #[allow(deprecated)]
    let uri = folder.or_else(|| params.root_uri.clone())?;
    uri.to_file_path().map(|path| path.into_owned())
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let mut problems = Vec::new();
        if let Some(options) = &params.initialization_options {
            if let Ok(mut settings) = self.state.settings.write() {
                problems = settings.update(options);
            }
        }
        for problem in problems {
            self.client.log_message(MessageType::WARNING, format!("pyqual: {problem}")).await;
        }
        let encoding = negotiate_encoding(&params);
        if let Ok(mut slot) = self.state.encoding.write() {
            *slot = encoding;
        }
        if let Ok(mut root) = self.state.root.write() {
            *root = workspace_root(&params);
        }
        self.reload_configuration().await;
        let settings = self.settings();
        let capabilities = ServerCapabilities {
            position_encoding: Some(encoding_kind(encoding)),
            text_document_sync: Some(TextDocumentSyncCapability::Options(TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions { include_text: Some(false) })),
                ..Default::default()
            })),
            code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
                code_action_kinds: Some(vec![CodeActionKind::QUICKFIX, actions::fix_all_kind()]),
                ..Default::default()
            })),
            execute_command_provider: Some(ExecuteCommandOptions {
                commands: vec![completion::ACCEPT_COMMAND.to_string()],
                ..Default::default()
            }),
            diagnostic_provider: (settings.diagnostic_mode == DiagnosticMode::Pull).then(|| {
                DiagnosticServerCapabilities::Options(DiagnosticOptions {
                    identifier: Some("pyqual".into()),
                    inter_file_dependencies: false,
                    workspace_diagnostics: false,
                    ..Default::default()
                })
            }),
            inline_completion_provider: Some(OneOf::Left(true)),
            completion_provider: Some(CompletionOptions::default()),
            ..Default::default()
        };
        Ok(InitializeResult {
            capabilities,
            server_info: Some(ServerInfo { name: "pyqual".into(), version: Some(env!("CARGO_PKG_VERSION").into()) }),
            offset_encoding: None,
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        // Reload when the project's pylint configuration changes.
        let watchers = ["**/pyproject.toml", "**/pylintrc", "**/.pylintrc"]
            .into_iter()
            .map(|glob| FileSystemWatcher { glob_pattern: GlobPattern::String(glob.into()), kind: None })
            .collect();
        let registration = Registration {
            id: "pyqual-config-watch".into(),
            method: "workspace/didChangeWatchedFiles".into(),
            register_options: serde_json::to_value(DidChangeWatchedFilesRegistrationOptions { watchers }).ok(),
        };
        // Clients without dynamic registration answer with an error; nothing else depends on it.
        let _ = self.client.register_capability(vec![registration]).await;
        self.load_model_if_needed().await;
    }

    async fn shutdown(&self) -> Result<()> {
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let document = params.text_document;
        self.state.documents.insert(document.uri.clone(), Document::new(document.text, document.version));
        self.publish(&document.uri).await;
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let uri = params.text_document.uri;
        let encoding = self.encoding();
        let applied = match self.state.documents.get_mut(&uri) {
            Some(mut document) => document.apply_changes(&params.content_changes, params.text_document.version, encoding),
            None => Err("the document is not open".to_string()),
        };
        match applied {
            Ok(()) => self.publish_later(uri),
            Err(error) => {
                self.client.log_message(MessageType::ERROR, format!("pyqual: change to {} refused: {error}", uri.as_str())).await;
            }
        }
    }

    async fn did_save(&self, params: DidSaveTextDocumentParams) {
        self.score_on_save(&params.text_document.uri).await;
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        self.state.documents.remove(&uri);
        self.state.reports.remove(&uri);
        self.state.generations.remove(&uri);
        self.client.publish_diagnostics(uri, Vec::new(), None).await;
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        let problems = self.state.settings.write().map(|mut settings| settings.update(&params.settings)).unwrap_or_default();
        for problem in problems {
            self.client.log_message(MessageType::WARNING, format!("pyqual: {problem}")).await;
        }
        self.relint_all().await;
        self.load_model_if_needed().await;
    }

    async fn did_change_watched_files(&self, _: DidChangeWatchedFilesParams) {
        self.relint_all().await;
    }

    async fn diagnostic(&self, params: DocumentDiagnosticParams) -> Result<DocumentDiagnosticReportResult> {
        let uri = params.text_document.uri;
        let Some((document, report)) = self.lint(&uri).await else {
            return Err(Error::invalid_params(format!("{} is not open", uri.as_str())));
        };
        let score_line = self.state.scores.get(&uri).map(|score| convert::score_line(*score, None));
        let items = convert::diagnostics(&document, &report, self.encoding(), score_line);
        Ok(DocumentDiagnosticReportResult::Report(DocumentDiagnosticReport::Full(RelatedFullDocumentDiagnosticReport {
            related_documents: None,
            full_document_diagnostic_report: FullDocumentDiagnosticReport { result_id: None, items },
        })))
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let uri = params.text_document.uri;
        let Some((document, report)) = self.lint(&uri).await else { return Ok(None) };
        let only = params.context.only.as_deref();
        let encoding = self.encoding();
        let mut found = actions::code_actions(&uri, &document, &report, params.range, only, encoding);
        if actions::wants_fix_all(only) && report.diagnostics.iter().any(|d| d.fix.is_some()) {
            let checker = self.state.checker.read().map_err(|_| Error::internal_error())?.clone();
            let path = uri.to_file_path().map(|p| p.into_owned());
            let text = document.text.clone();
            let fixed = tokio::task::spawn_blocking(move || {
                let name = path.as_deref().map(checker::module_name).unwrap_or_default();
                checker::fix_all(&checker, text, &name, path.as_deref())
            })
            .await
            .map_err(|_| Error::internal_error())?;
            found.extend(actions::fix_all_action(&uri, &document, &fixed.source, fixed.applied, encoding));
        }
        Ok(Some(found))
    }

    async fn execute_command(&self, params: ExecuteCommandParams) -> Result<Option<LSPAny>> {
        if params.command != completion::ACCEPT_COMMAND {
            return Err(Error::invalid_params(format!("unknown command {}", params.command)));
        }
        let argument = params.arguments.into_iter().next().unwrap_or(Value::Null);
        if self.settle_from(argument, Outcome::Accepted).await {
            Ok(None)
        } else {
            Err(Error::invalid_params("unknown completion"))
        }
    }

    /// The fallback for clients without inline completions: the same
    /// completion as one item.
    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        let inline = InlineCompletionParams {
            work_done_progress_params: params.work_done_progress_params,
            text_document_position: params.text_document_position,
            context: InlineCompletionContext { trigger_kind: InlineCompletionTriggerKind::INVOKED, selected_completion_info: None },
        };
        let Some(InlineCompletionResponse::Array(items)) = self.inline_completion(inline).await? else { return Ok(None) };
        let items = items
            .into_iter()
            .map(|item| CompletionItem {
                label: item.insert_text.lines().next().unwrap_or("").trim().to_string(),
                insert_text: Some(item.insert_text),
                kind: Some(CompletionItemKind::TEXT),
                detail: Some("pyqual".into()),
                command: item.command,
                ..Default::default()
            })
            .collect();
        Ok(Some(CompletionResponse::Array(items)))
    }
}

impl Backend {
    async fn relint_all(&self) {
        self.reload_configuration().await;
        let open: Vec<Uri> = self.state.documents.iter().map(|entry| entry.key().clone()).collect();
        for uri in open {
            self.publish(&uri).await;
        }
    }
}

/// The service with pyqual's custom methods routed.
pub fn service(options: Options) -> (LspService<Backend>, tower_lsp_server::ClientSocket) {
    let mut options = Some(options);
    LspService::build(move |client| Backend::new(client, options.take().unwrap_or_default()))
        .custom_method("textDocument/inlineCompletion", Backend::inline_completion)
        .custom_method("pyqual/didShowCompletion", Backend::did_show_completion)
        .custom_method("pyqual/didRejectCompletion", Backend::did_reject_completion)
        .custom_method(transport::MALFORMED, Backend::malformed_message)
        .finish()
}

/// Serves LSP on stdin/stdout until the client exits.
pub fn run_stdio(options: Options) -> anyhow::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    runtime.block_on(serve(tokio::io::stdin(), tokio::io::stdout(), options));
    // tokio reads stdin on a blocking thread that only returns when stdin
    // closes; after `exit` the process must end whether or not it has.
    runtime.shutdown_background();
    Ok(())
}

/// Serves LSP over any byte streams (stdio, a socket in tests), with
/// malformed input filtered out (see `transport`).
pub async fn serve(
    input: impl tokio::io::AsyncRead + Unpin + Send + 'static,
    output: impl tokio::io::AsyncWrite + Unpin,
    options: Options,
) {
    let (filtered_in, server_in) = tokio::io::duplex(1 << 20);
    tokio::spawn(async move {
        let _ = transport::pump(input, filtered_in).await;
    });
    let (service, socket) = service(options);
    Server::new(server_in, output, socket).serve(service).await;
}

/// Whether re-lints can use a second thread (one file's latency is what an
/// editor waits for).
fn several_cores() -> bool {
    std::thread::available_parallelism().is_ok_and(|cores| cores.get() > 1)
}
