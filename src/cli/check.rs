//! `pyqual check PATH...`: pylint-style text or JSON, pylint's exit codes.

use crate::checker::{self, Checker, FileReport};
use crate::syntax::{self, LineIndex, ParsedModule};
use std::time::Instant;
use crate::config::{self, Profile};
use crate::rules::{self, Diagnostic};
use crate::score::{self, Counts};
use anyhow::{bail, Result};
use serde_json::json;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

/// Files larger than this are refused rather than parsed.
const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

#[derive(clap::Args)]
pub struct CheckArgs {
    /// Files or directories (searched recursively for *.py, .gitignore respected).
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Base configuration.
    #[arg(long, value_enum, default_value_t = Profile::Paper)]
    profile: Profile,
    /// A pylintrc or pyproject.toml to apply on top of the profile (default:
    /// the nearest one above the current directory).
    #[arg(long)]
    rcfile: Option<PathBuf>,
    /// Ignore project configuration files; use the profile alone.
    #[arg(long)]
    no_config: bool,
    /// Messages, symbols, checkers or categories to disable (comma-separated).
    #[arg(long)]
    disable: Vec<String>,
    /// Messages, symbols, checkers or categories to enable (comma-separated).
    #[arg(long)]
    enable: Vec<String>,
    /// Worker threads (default: all cores; 1 = single-threaded).
    #[arg(long, short = 'j')]
    jobs: Option<usize>,
    /// List the implemented rules and exit.
    #[arg(long)]
    list_rules: bool,
    /// Print where the time went (read, parse, engine), summed over threads, to stderr.
    #[arg(long)]
    timings: bool,
    /// `--timings`, and each node rule's time within the walk (reading the
    /// clock around every call slows the walk down).
    #[arg(long)]
    rule_timings: bool,
    /// Apply every available fix to the files in place (repeating until none
    /// is left), then report what remains.
    #[arg(long)]
    fix: bool,
    /// Do not read or write the on-disk cache of imported modules' summaries
    /// (kept in $PYQUAL_CACHE_DIR, $XDG_CACHE_HOME/pyqual or ~/.cache/pyqual).
    #[arg(long)]
    no_cache: bool,
    /// Print a rule's documentation (by id or symbol) and exit.
    #[arg(long, value_name = "ID")]
    explain: Option<String>,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    Text,
    Json,
}

/// The outcome for one input file.
struct FileResult {
    path: PathBuf,
    outcome: Result<FileReport, String>,
    timings: Timings,
    /// Line starts of the checked text, to place fix edits (files with a fix only).
    lines: Option<LineIndex>,
    /// Fixes applied to the file (`--fix`).
    fixed: usize,
}

/// Seconds spent per phase for one file.
#[derive(Clone, Copy, Default)]
struct Timings {
    read: f64,
    parse: f64,
    flatten: f64,
    engine: f64,
}

pub fn run(args: CheckArgs) -> Result<u8> {
    let mut out = std::io::stdout().lock();
    if args.list_rules {
        for rule in rules::ALL {
            writeln!(out, "{}  {:<40} {}", rule.code, rule.symbol, rule.checker)?;
        }
        return Ok(0);
    }
    if let Some(name) = &args.explain {
        let Some(rule) = rules::find(name) else { bail!("no rule `{name}` (see --list-rules)") };
        writeln!(out, "{} ({})\n\n{}", rule.code, rule.symbol, rule.doc)?;
        return Ok(0);
    }
    if args.paths.is_empty() {
        bail!("no paths given (try `pyqual check .`)");
    }

    let config_file = match (&args.rcfile, args.no_config) {
        (Some(path), _) => Some(path.clone()),
        (None, true) => None,
        (None, false) => config::discover(&std::env::current_dir()?),
    };
    let mut settings = config::load(args.profile, config_file.as_deref())?;
    config::apply_cli_lists(&mut settings, &args.disable, &args.enable)?;
    let cache = if args.no_cache { None } else { checker::SummaryCache::at_default_location() };
    let modules = Arc::new(checker::FileModuleIndex::with_cache(cache));
    let checker = Checker::new(settings).with_modules(modules.clone());
    let checker = if args.rule_timings { checker.with_node_rule_times() } else { checker };

    let (files, missing) = collect_files(&args.paths);
    let jobs = args.jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get())).max(1);
    let mut results = check_files(&checker, &files, jobs, args.fix);
    results.extend(missing.into_iter().map(|(path, error)| FileResult {
        path,
        outcome: Err(error),
        timings: Timings::default(),
        lines: None,
        fixed: 0,
    }));
    if args.fix {
        let applied: usize = results.iter().map(|result| result.fixed).sum();
        let files = results.iter().filter(|result| result.fixed > 0).count();
        eprintln!("pyqual: applied {applied} fix(es) in {files} file(s)");
    }
    if args.timings || args.rule_timings {
        let sum = |phase: fn(&Timings) -> f64| results.iter().map(|r| phase(&r.timings)).sum::<f64>();
        eprintln!(
            "timings over {} files ({jobs} thread(s), seconds summed over threads): read {:.4}, parse {:.4} (tree-sitter), flatten {:.4}, engine {:.4} (semantic model + rules + score = {:.2}× parse; with flatten {:.2}×)",
            results.len(),
            sum(|t| t.read),
            sum(|t| t.parse),
            sum(|t| t.flatten),
            sum(|t| t.engine),
            sum(|t| t.engine) / sum(|t| t.parse).max(1e-9),
            (sum(|t| t.flatten) + sum(|t| t.engine)) / sum(|t| t.parse).max(1e-9),
        );
        let imports = modules.loading_time().as_secs_f64();
        eprintln!(
            "  of the engine's time, {imports:.4} s went to asking python3 for sys.path and loading {} imported modules, \
             {} of them from the summary cache (engine without it: {:.2}× parse)",
            modules.loaded_modules(),
            modules.cache_hits(),
            (sum(|t| t.engine) - imports) / sum(|t| t.parse).max(1e-9),
        );
        let tasks = checker.task_times();
        let (walk, module_rules): (Vec<_>, Vec<_>) = tasks.iter().partition(|(rules, _)| rules.starts_with("node rule "));
        let listed = |times: &[&(String, f64)]| {
            times.iter().take(12).map(|(rules, seconds)| format!("{} {seconds:.4}", rules.trim_start_matches("node rule "))).collect::<Vec<_>>().join(", ")
        };
        eprintln!("  dearest module rules and walks (seconds summed over files): {}", listed(&module_rules));
        if !walk.is_empty() {
            eprintln!("  dearest node rules in the walk (clock reads included): {}", listed(&walk));
        }
    }
    results.sort_by(|a, b| a.path.cmp(&b.path));

    match args.format {
        Format::Text => write_text(&mut out, &results)?,
        Format::Json => write_json(&mut out, &results)?,
    }
    Ok(exit_code(&results))
}

/// Python files under the given paths, sorted; paths that do not exist are returned apart.
fn collect_files(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<(PathBuf, String)>) {
    let mut files = Vec::new();
    let mut missing = Vec::new();
    for path in paths {
        if path.is_file() {
            files.push(path.clone());
        } else if path.is_dir() {
            for entry in ignore::WalkBuilder::new(path).hidden(true).build().flatten() {
                let candidate = entry.path();
                if candidate.extension().is_some_and(|ext| ext == "py") && entry.file_type().is_some_and(|t| t.is_file()) {
                    files.push(candidate.to_path_buf());
                }
            }
        } else {
            missing.push((path.clone(), format!("No such file or directory: '{}'", path.display())));
        }
    }
    files.sort();
    files.dedup();
    (files, missing)
}

/// Checks files on `jobs` threads; each thread has a large stack so deeply
/// nested code cannot overflow it.
fn check_files(checker: &Checker, files: &[PathBuf], jobs: usize, fix: bool) -> Vec<FileResult> {
    let next = AtomicUsize::new(0);
    let results = Mutex::new(Vec::with_capacity(files.len()));
    std::thread::scope(|scope| {
        for _ in 0..jobs.min(files.len().max(1)) {
            std::thread::Builder::new()
                .stack_size(256 * 1024 * 1024)
                .spawn_scoped(scope, || loop {
                    let index = next.fetch_add(1, Ordering::Relaxed);
                    let Some(path) = files.get(index) else { break };
                    let result = check_file(checker, path, fix);
                    results.lock().expect("no panics while holding the lock").push(result);
                })
                .expect("spawn checker thread");
        }
    });
    results.into_inner().expect("threads joined")
}

fn check_file(checker: &Checker, path: &Path, fix: bool) -> FileResult {
    let mut timings = Timings::default();
    let mut lines = None;
    let mut fixed = 0;
    let started = Instant::now();
    let bytes = match read_file(path) {
        Ok(bytes) => bytes,
        Err(error) => return FileResult { path: path.to_path_buf(), outcome: Err(error), timings, lines, fixed },
    };
    timings.read = started.elapsed().as_secs_f64();
    let module_name = checker::module_name(path);
    // A rule bug must not take the other files down with it.
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let source = match checker::decode(&bytes) {
            Ok(source) => source,
            Err(_) => return Ok(checker.check_bytes(&bytes, &module_name)),
        };
        if fix {
            if let Some((report, source, applied)) = fix_file(checker, path, &bytes, source.clone(), &module_name)? {
                fixed = applied;
                if report.diagnostics.iter().any(|diagnostic| diagnostic.fix.is_some()) {
                    lines = Some(LineIndex::new(&source));
                }
                return Ok(report);
            }
        }
        let parse_started = Instant::now();
        let tree = syntax::parse_tree(&source, None);
        timings.parse = parse_started.elapsed().as_secs_f64();
        let flatten_started = Instant::now();
        let module = ParsedModule::from_tree(source, tree);
        timings.flatten = flatten_started.elapsed().as_secs_f64();
        let engine_started = Instant::now();
        let report = checker.check_module_at(&module, &module_name, Some(path));
        timings.engine = engine_started.elapsed().as_secs_f64();
        if report.diagnostics.iter().any(|diagnostic| diagnostic.fix.is_some()) {
            lines = Some(LineIndex::new(&module.source));
        }
        Ok(report)
    }))
    .unwrap_or_else(|_| Err("internal error while checking this file (please report it)".to_string()));
    FileResult { path: path.to_path_buf(), outcome, timings, lines, fixed }
}

/// `--fix`: applies every fix and writes the file back (a temporary file in
/// the same directory, then a rename, so an interrupted run leaves the old or
/// the new file, never half of one). Only UTF-8 files (a BOM is kept) are
/// rewritten; others give `None` and are checked as they are. Returns the
/// report on the fixed text, the text and the number of fixes applied.
fn fix_file(
    checker: &Checker,
    path: &Path,
    bytes: &[u8],
    source: String,
    module_name: &str,
) -> Result<Option<(FileReport, String, usize)>, String> {
    let bom: &[u8] = if bytes.starts_with(b"\xef\xbb\xbf") { b"\xef\xbb\xbf" } else { b"" };
    if bytes[bom.len()..] != *source.as_bytes() {
        return Ok(None);
    }
    let result = checker::fix_all(checker, source, module_name, Some(path));
    if result.applied > 0 {
        let mut contents = bom.to_vec();
        contents.extend_from_slice(result.source.as_bytes());
        write_atomically(path, &contents).map_err(|error| format!("could not write the fixed file: {error}"))?;
    }
    Ok(Some((result.report, result.source, result.applied)))
}

fn write_atomically(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    let directory = path.parent().filter(|parent| !parent.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path.file_name().map_or_else(|| "file".into(), |name| name.to_string_lossy().into_owned());
    let temporary = directory.join(format!(".{name}.pyqual-fix-{}", std::process::id()));
    let written = (|| {
        let mut file = std::fs::File::create(&temporary)?;
        file.write_all(contents)?;
        file.sync_all()?;
        if let Ok(metadata) = std::fs::metadata(path) {
            std::fs::set_permissions(&temporary, metadata.permissions())?;
        }
        std::fs::rename(&temporary, path)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    written
}

fn read_file(path: &Path) -> Result<Vec<u8>, String> {
    let metadata = std::fs::metadata(path).map_err(|error| error.to_string())?;
    if metadata.len() > MAX_FILE_BYTES {
        return Err(format!("file is too large ({} bytes, limit {MAX_FILE_BYTES})", metadata.len()));
    }
    std::fs::read(path).map_err(|error| error.to_string())
}

/// pylint's name for a module: the file stem (E0001 and the text header use it).
fn write_text(out: &mut impl Write, results: &[FileResult]) -> Result<()> {
    let mut total = Counts::default();
    let mut statements = 0;
    for result in results {
        match &result.outcome {
            Ok(report) => {
                total.merge(&report.counts);
                statements += report.statements;
                if report.diagnostics.is_empty() {
                    continue;
                }
                writeln!(out, "************* Module {}", checker::module_name(&result.path))?;
                for diagnostic in &report.diagnostics {
                    writeln!(out, "{}", text_line(&result.path, diagnostic))?;
                }
            }
            Err(error) => {
                total.fatal += 1;
                writeln!(out, "************* Module {}", checker::module_name(&result.path))?;
                writeln!(out, "{}:1:0: F0001: {error} (fatal)", result.path.display())?;
            }
        }
    }
    let rating = score::score(&total, statements);
    writeln!(out, "\n{}", "-".repeat(70))?;
    writeln!(out, "Your code has been rated at {rating:.2}/10\n")?;
    Ok(())
}

fn text_line(path: &Path, diagnostic: &Diagnostic) -> String {
    format!(
        "{}:{}:{}: {}: {} ({})",
        path.display(),
        diagnostic.start.line + 1,
        diagnostic.start.column,
        diagnostic.rule.code,
        diagnostic.message,
        diagnostic.rule.symbol
    )
}

fn write_json(out: &mut impl Write, results: &[FileResult]) -> Result<()> {
    let mut total = Counts::default();
    let mut statements = 0;
    let mut score_sum = 0.0;
    let mut files = Vec::with_capacity(results.len());
    for result in results {
        let path = result.path.display().to_string();
        match &result.outcome {
            Ok(report) => {
                total.merge(&report.counts);
                statements += report.statements;
                score_sum += report.score;
                let messages: Vec<_> =
                    report.diagnostics.iter().map(|diagnostic| json_message(diagnostic, result.lines.as_ref())).collect();
                files.push(json!({
                    "path": path,
                    "score": report.score,
                    "statements": report.statements,
                    "counts": report.counts,
                    "messages": messages,
                }));
            }
            Err(error) => {
                total.fatal += 1;
                files.push(json!({
                    "path": path,
                    "score": 0.0,
                    "statements": 0,
                    "counts": Counts { fatal: 1, ..Counts::default() },
                    "messages": [{
                        "id": "F0001", "symbol": "fatal", "category": "fatal",
                        "line": 1, "column": 0, "end_line": null, "end_column": null,
                        "message": error, "fix": null,
                    }],
                }));
            }
        }
    }
    let summary = json!({
        "files": results.len(),
        "statements": statements,
        "counts": total,
        "score": score::score(&total, statements),
        "mean_file_score": if results.is_empty() { 10.0 } else { score_sum / results.len() as f64 },
    });
    serde_json::to_writer_pretty(&mut *out, &json!({ "files": files, "summary": summary }))?;
    writeln!(out)?;
    Ok(())
}

fn json_message(diagnostic: &Diagnostic, lines: Option<&LineIndex>) -> serde_json::Value {
    let fix = diagnostic.fix.as_ref().zip(lines).map(|(fix, lines)| {
        let edits: Vec<_> = fix
            .edits
            .iter()
            .map(|edit| {
                let (start, end) = (lines.position(edit.start), lines.position(edit.end));
                json!({
                    "start_line": start.line + 1,
                    "start_column": start.column,
                    "end_line": end.line + 1,
                    "end_column": end.column,
                    "replacement": edit.replacement,
                })
            })
            .collect();
        json!({ "title": fix.title, "edits": edits })
    });
    json!({
        "id": diagnostic.rule.code,
        "symbol": diagnostic.rule.symbol,
        "category": diagnostic.rule.category.name(),
        "line": diagnostic.start.line + 1,
        "column": diagnostic.start.column,
        "end_line": diagnostic.end.line + 1,
        "end_column": diagnostic.end.column,
        "message": diagnostic.message,
        "fix": fix,
    })
}

/// pylint's bit-encoded exit status: 1 fatal, 2 error, 4 warning, 8 refactor, 16 convention.
fn exit_code(results: &[FileResult]) -> u8 {
    let mut code = 0;
    for result in results {
        match &result.outcome {
            Ok(report) => {
                let counts = &report.counts;
                code |= u8::from(counts.fatal > 0)
                    | u8::from(counts.error > 0) << 1
                    | u8::from(counts.warning > 0) << 2
                    | u8::from(counts.refactor > 0) << 3
                    | u8::from(counts.convention > 0) << 4;
            }
            Err(_) => code |= 1,
        }
    }
    code
}
