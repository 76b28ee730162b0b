//! `check`: from a file's bytes to its messages, statement count and score.
//!
//! Order of work: decode → parse → (syntax error? report E0001 and stop, as
//! pylint does) → pragmas → semantic model → one walk of the tree calling the
//! enabled rules by node kind, then the module rules → suppressions → sort.

mod fix;
mod modules;
mod python_env;
mod summary_cache;

pub use fix::{apply_fixes, fix_all, Applied, FixError, FixedSource};
pub use modules::FileModuleIndex;
pub use summary_cache::SummaryCache;

use crate::rules::{self, Diagnostic, Rule, Settings, Trigger};
use crate::score::{self, Counts};
use crate::semantic::SemanticModel;
use crate::syntax::{self, kinds, pragmas::Pragmas, FastHashMap, ParsedModule, Position};
use crate::semantic::summary::ModuleIndex;
use std::path::Path;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;
use crate::syntax::Node;

/// What checking one file found.
#[derive(Clone, Debug)]
pub struct FileReport {
    pub statements: usize,
    pub diagnostics: Vec<Diagnostic>,
    pub counts: Counts,
    pub score: f64,
    /// `# pylint: skip-file` was present.
    pub skipped: bool,
}

type NodeRule = (&'static Rule, fn(&mut rules::Context, Node));
type ModuleRule = (&'static Rule, fn(&mut rules::Context));

/// Module rules that share one analysis through the `Context` (whichever
/// runs first computes it): each set is one task, so that the analysis runs
/// once even when the rules of a module are spread over two threads.
const SHARED_ANALYSES: &[&[&str]] = &[
    // `used_before_assignment::findings`: the flow analysis.
    &["E0601", "E0606"],
    // `no_value_for_parameter::report_typecheck`: the call and unpacking checks.
    &["E0633", "E1102", "E1120", "E1121", "E1123", "E1124", "E1136", "W0632", "W1114", "W1117"],
];

/// The two threads that share one module's tasks with `parallel_rules`.
/// They live as long as the process: waking a parked thread puts it on the
/// idle core at once, where a new thread often waits for the scheduler to
/// move it (measured: up to 4 ms on the 2-core machine).
/// `None` when the system refuses the threads: the rules then run on one.
fn rule_threads() -> Option<&'static rayon::ThreadPool> {
    static POOL: std::sync::LazyLock<Option<rayon::ThreadPool>> = std::sync::LazyLock::new(|| {
        rayon::ThreadPoolBuilder::new().num_threads(2).thread_name(|index| format!("pyqual-rules-{index}")).build().ok()
    });
    POOL.as_ref()
}

/// One unit of a module's check: the walk that calls every node rule, or a
/// module rule (with the rules it shares an analysis with).
enum Task {
    NodeRules,
    ModuleRules(Vec<ModuleRule>),
}

/// The enabled rules of one `Settings`, arranged for dispatch. Build once, use for many files.
pub struct Checker {
    settings: Settings,
    /// Where imported modules are found (none: rules stay within the file).
    modules: Option<Arc<dyn ModuleIndex>>,
    by_kind: Vec<Vec<NodeRule>>,
    /// The node walk first, then the module rules in registration order.
    tasks: Vec<Task>,
    /// What each task has cost so far, by index into `tasks`.
    costs: Vec<TaskCost>,
    parallel_rules: bool,
    /// Node rule code → nanoseconds, when each node rule's time is measured
    /// (`check --rule-timings`; a clock read per call costs too much otherwise).
    node_rule_times: Option<std::sync::Mutex<FastHashMap<&'static str, u64>>>,
}

/// Time spent in one task, in nanoseconds: the total (for `--timings`) and
/// a moving average of recent modules (to schedule the dearest tasks first).
#[derive(Default)]
struct TaskCost {
    total: AtomicU64,
    recent: AtomicU64,
}

impl Checker {
    pub fn new(settings: Settings) -> Checker {
        let mut by_kind: Vec<Vec<NodeRule>> = vec![Vec::new(); kinds::KIND_COUNT + 1];
        let mut tasks = vec![Task::NodeRules];
        for rule in settings.enabled_rules() {
            match rule.trigger {
                Trigger::Node(node_kinds, check) => {
                    for &kind in node_kinds {
                        by_kind[kind as usize].push((rule, check));
                    }
                }
                Trigger::Module(check) => {
                    let shared = SHARED_ANALYSES.iter().find(|codes| codes.contains(&rule.code));
                    let partner = shared.and_then(|codes| {
                        tasks.iter().position(|task| match task {
                            Task::ModuleRules(group) => group.iter().any(|(other, _)| codes.contains(&other.code)),
                            Task::NodeRules => false,
                        })
                    });
                    match partner.map(|index| &mut tasks[index]) {
                        Some(Task::ModuleRules(group)) => group.push((rule, check)),
                        _ => tasks.push(Task::ModuleRules(vec![(rule, check)])),
                    }
                }
            }
        }
        let costs = tasks.iter().map(|_| TaskCost::default()).collect();
        Checker { settings, modules: None, by_kind, tasks, costs, parallel_rules: false, node_rule_times: None }
    }

    /// Checks each module on two threads (for the language server, where
    /// one file's latency matters; the command line checks files in parallel
    /// instead). Both threads take tasks from one queue, dearest first by
    /// the time they took on earlier modules. The diagnostics are the same
    /// either way.
    pub fn with_parallel_rules(mut self, parallel: bool) -> Checker {
        self.parallel_rules = parallel;
        self
    }

    /// Measures each node rule's time as well (see `task_times`).
    pub fn with_node_rule_times(mut self) -> Checker {
        self.node_rule_times = Some(Default::default());
        self
    }

    /// The rules of each task and the seconds spent in it so far, dearest
    /// first (the node rules' walk is named "node rules"), then, with
    /// `with_node_rule_times`, each node rule's share of that walk.
    pub fn task_times(&self) -> Vec<(String, f64)> {
        let mut times: Vec<(String, f64)> = self
            .tasks
            .iter()
            .zip(&self.costs)
            .map(|(task, cost)| {
                let name = match task {
                    Task::NodeRules => "node rules".to_string(),
                    Task::ModuleRules(group) => group.iter().map(|(rule, _)| rule.code).collect::<Vec<_>>().join("+"),
                };
                (name, cost.total.load(Ordering::Relaxed) as f64 * 1e-9)
            })
            .collect();
        times.sort_by(|a, b| b.1.total_cmp(&a.1));
        if let Some(node_rule_times) = self.node_rule_times.as_ref().and_then(|times| times.lock().ok()) {
            let mut node_times: Vec<(String, f64)> =
                node_rule_times.iter().map(|(code, nanos)| (format!("node rule {code}"), *nanos as f64 * 1e-9)).collect();
            node_times.sort_by(|a, b| b.1.total_cmp(&a.1));
            times.extend(node_times);
        }
        times
    }

    /// Lets rules follow imports (base classes defined in other modules) through `index`.
    pub fn with_modules(mut self, index: Arc<dyn ModuleIndex>) -> Checker {
        self.modules = Some(index);
        self
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// Checks raw file contents. Never panics on bad input: undecodable text
    /// and syntax errors become E0001, as with pylint.
    /// `module_name` is the dotted module name pylint shows in E0001.
    pub fn check_bytes(&self, bytes: &[u8], module_name: &str) -> FileReport {
        match decode(bytes) {
            Ok(source) => self.check_source(source, module_name),
            Err(message) => {
                let message = format!("Parsing failed: '{message}'");
                self.syntax_error_report(Position::default(), message)
            }
        }
    }

    /// Checks decoded source text.
    pub fn check_source(&self, source: String, module_name: &str) -> FileReport {
        let module = ParsedModule::parse(source, None);
        self.check_module(&module, module_name)
    }

    /// Checks an already parsed module (the language server keeps the tree).
    pub fn check_module(&self, module: &ParsedModule, module_name: &str) -> FileReport {
        self.check_module_at(module, module_name, None)
    }

    /// Checks a parsed module that lives at `path` (imports are resolved from there).
    pub fn check_module_at(&self, module: &ParsedModule, module_name: &str, path: Option<&Path>) -> FileReport {
        if let Some(error) = module.syntax_error() {
            let line = error.position.line + 1;
            let message = format!("Parsing failed: '{} ({module_name}, line {line})'", error.message);
            return self.syntax_error_report(error.position, message);
        }
        let pragmas = Pragmas::collect(module);
        if pragmas.skip_file {
            return FileReport {
                statements: 0,
                diagnostics: Vec::new(),
                counts: Counts::default(),
                score: 10.0,
                skipped: true,
            };
        }
        let root = module.root();
        let statements = syntax::count_statements(&module.source, root);
        let semantic = SemanticModel::build_for_rules(&module.source, root);
        let imports = path.zip(self.modules.as_deref());
        let threads = if self.parallel_rules { rule_threads() } else { None };
        let mut diagnostics = if let Some(threads) = threads {
            // Dearest first, so that the last task to finish is a cheap one.
            let mut order: Vec<usize> = (0..self.tasks.len()).collect();
            order.sort_by_key(|&index| std::cmp::Reverse(self.costs[index].recent.load(Ordering::Relaxed)));
            let next = AtomicUsize::new(0);
            let work = || {
                let mut context = rules::Context::new(module, &semantic, &self.settings, imports);
                while let Some(&index) = order.get(next.fetch_add(1, Ordering::Relaxed)) {
                    self.run_task(index, &mut context, root);
                }
                context.diagnostics
            };
            // A panic in a rule surfaces as it would on one thread.
            let (mut diagnostics, more) = threads.join(work, work);
            diagnostics.extend(more);
            diagnostics
        } else {
            let mut context = rules::Context::new(module, &semantic, &self.settings, imports);
            for index in 0..self.tasks.len() {
                self.run_task(index, &mut context, root);
            }
            context.diagnostics
        };
        diagnostics.retain(|diagnostic| {
            let rule = diagnostic.rule;
            !pragmas.is_disabled(diagnostic.start.line, |written| {
                rule.is_named(written)
                    || written.eq_ignore_ascii_case(&rule.code[..1])
                    || written.eq_ignore_ascii_case(rule.checker)
            })
        });
        self.finish(statements, diagnostics)
    }

    fn run_task<'t>(&self, index: usize, context: &mut rules::Context<'_, 't>, root: Node<'t>) {
        let started = std::time::Instant::now();
        match &self.tasks[index] {
            Task::NodeRules => self.walk_node_rules(context, root),
            Task::ModuleRules(group) => {
                for &(rule, check) in group {
                    context.rule = rule;
                    check(context);
                }
            }
        }
        let spent = u64::try_from(started.elapsed().as_nanos()).unwrap_or(u64::MAX);
        let cost = &self.costs[index];
        cost.total.fetch_add(spent, Ordering::Relaxed);
        // Races between files checked at once lose an update, nothing more.
        let recent = cost.recent.load(Ordering::Relaxed);
        cost.recent.store(if recent == 0 { spent } else { recent - recent / 4 + spent / 4 }, Ordering::Relaxed);
    }

    /// The walk that calls the node rules, each rule's time measured only
    /// with `with_node_rule_times`.
    fn walk_node_rules<'t>(&self, context: &mut rules::Context<'_, 't>, root: Node<'t>) {
        let mut times: Option<FastHashMap<&'static str, u64>> = self.node_rule_times.as_ref().map(|_| FastHashMap::default());
        syntax::walk(root, |node| {
            for &(rule, check) in &self.by_kind[node.kind_id() as usize] {
                context.rule = rule;
                match times.as_mut() {
                    None => check(context, node),
                    Some(times) => {
                        let started = std::time::Instant::now();
                        check(context, node);
                        *times.entry(rule.code).or_default() += u64::try_from(started.elapsed().as_nanos()).unwrap_or(u64::MAX);
                    }
                }
            }
            true
        });
        let total = self.node_rule_times.as_ref().and_then(|total| total.lock().ok());
        if let (Some(mut total), Some(times)) = (total, times) {
            for (code, nanos) in times {
                *total.entry(code).or_default() += nanos;
            }
        }
    }

    fn syntax_error_report(&self, start: Position, message: String) -> FileReport {
        let end = start;
        let rule = &rules::syntax_error::RULE;
        let mut diagnostics = Vec::new();
        if self.settings.is_enabled(rule) {
            diagnostics.push(Diagnostic { rule, message, start, end, fix: None });
        }
        self.finish(0, diagnostics)
    }

    fn finish(&self, statements: usize, mut diagnostics: Vec<Diagnostic>) -> FileReport {
        diagnostics.sort_by(|a, b| {
            (a.start, a.rule.code, &a.message).cmp(&(b.start, b.rule.code, &b.message))
        });
        let mut counts = Counts::default();
        for diagnostic in &diagnostics {
            counts.add(diagnostic.rule.category);
        }
        let score = score::score(&counts, statements);
        FileReport { statements, diagnostics, counts, score, skipped: false }
    }
}

/// Source bytes to text as CPython reads them: UTF-8 (BOM allowed) unless a
/// PEP 263 `coding:` comment on line 1 or 2 names Latin-1; NUL bytes are refused.
/// The error text is the one pylint shows inside E0001.
/// The module name pylint gives a file: its stem.
pub fn module_name(path: &Path) -> String {
    path.file_stem().map_or_else(String::new, |stem| stem.to_string_lossy().into_owned())
}

pub fn decode(bytes: &[u8]) -> Result<String, String> {
    if bytes.contains(&0) {
        return Err("source code string cannot contain null bytes".to_string());
    }
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    match declared_encoding(bytes).as_deref() {
        None | Some("utf-8" | "utf8" | "utf_8") => String::from_utf8(bytes.to_vec())
            .map_err(|_| "invalid or missing encoding declaration".to_string()),
        Some("latin-1" | "latin1" | "iso-8859-1" | "iso8859-1" | "iso-latin-1" | "l1") => {
            Ok(bytes.iter().map(|&byte| char::from(byte)).collect())
        }
        Some("cp1252" | "windows-1252") => Ok(bytes.iter().map(|&byte| cp1252_char(byte)).collect()),
        // Every codec CPython accepts for source files is ASCII-compatible, so
        // the code's structure survives a byte-per-character reading; only
        // the text inside non-ASCII strings and comments is approximate.
        Some(_) => Ok(String::from_utf8(bytes.to_vec())
            .unwrap_or_else(|_| bytes.iter().map(|&byte| char::from(byte)).collect())),
    }
}

/// The encoding named by a PEP 263 comment (`coding[:=] name`) on line 1 or 2.
fn declared_encoding(bytes: &[u8]) -> Option<String> {
    for line in bytes.split(|&b| b == b'\n').take(2) {
        let line = String::from_utf8_lossy(line);
        let trimmed = line.trim_start();
        if !trimmed.starts_with('#') {
            if trimmed.is_empty() {
                continue;
            }
            return None;
        }
        let Some(at) = trimmed.find("coding") else { continue };
        let rest = &trimmed[at + "coding".len()..];
        let Some(rest) = rest.strip_prefix([':', '=']) else { continue };
        let name: String = rest
            .trim_start()
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
            .collect();
        return Some(name.to_ascii_lowercase()).filter(|name| !name.is_empty());
    }
    None
}

/// Windows-1252: Latin-1 but for 0x80–0x9F (undefined bytes kept as C1 controls).
fn cp1252_char(byte: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}',
        '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
    ];
    match byte {
        0x80..=0x9f => HIGH[usize::from(byte - 0x80)],
        _ => char::from(byte),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The second thread changes when rules run, never what they report:
    /// every rule fixture gives the same diagnostics either way.
    #[test]
    fn parallel_rules_report_what_sequential_rules_report() {
        let sequential = Checker::new(Settings::default());
        let parallel = Checker::new(Settings::default()).with_parallel_rules(true);
        let mut compared = 0;
        for entry in std::fs::read_dir("tests/fixtures/rules").expect("fixtures directory") {
            let path = entry.expect("directory entry").path();
            if path.extension().is_none_or(|extension| extension != "py") {
                continue;
            }
            let source = std::fs::read_to_string(&path).expect("fixture is UTF-8");
            let render = |report: FileReport| {
                report.diagnostics.iter().map(|d| format!("{:?} {} {}", d.start, d.rule.code, d.message)).collect::<Vec<_>>()
            };
            let one = render(sequential.check_source(source.clone(), "fixture"));
            let two = render(parallel.check_source(source, "fixture"));
            assert_eq!(one, two, "{}", path.display());
            compared += usize::from(one.iter().any(|line| SHARED_ANALYSES.iter().flat_map(|codes| codes.iter()).any(|code| line.contains(code))));
        }
        assert!(compared >= 3, "the fixtures exercise the rules that share analyses ({compared} files)");
    }
}
