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
use crate::syntax::{self, kinds, pragmas::Pragmas, ParsedModule, Position};
use crate::semantic::summary::ModuleIndex;
use std::path::Path;
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

/// Module rules that share nothing with the others and together take about
/// as long as everything else (on difflib.py, 2,000 lines: the flow analysis
/// of E0601/E0606, undefined-loop-variable's astroid lookups, and the two
/// token-level checks, and cell-var-from-loop's second flow analysis): with
/// `parallel_rules`, they run on a second thread while the first walks the
/// tree for the node rules. Rules that share one analysis through the
/// `Context` must stay together (E0601 and E0606).
const OFFLOADED_RULES: &[&str] = &["E0601", "E0606", "W0631", "C0325", "R1707", "W0640"];

/// The enabled rules of one `Settings`, arranged for dispatch. Build once, use for many files.
pub struct Checker {
    settings: Settings,
    /// Where imported modules are found (none: rules stay within the file).
    modules: Option<Arc<dyn ModuleIndex>>,
    by_kind: Vec<Vec<NodeRule>>,
    module_rules: Vec<ModuleRule>,
    /// The enabled `OFFLOADED_RULES`: run after `module_rules`, or beside
    /// everything else with `parallel_rules`.
    offloaded_rules: Vec<ModuleRule>,
    parallel_rules: bool,
}

impl Checker {
    pub fn new(settings: Settings) -> Checker {
        let mut by_kind: Vec<Vec<NodeRule>> = vec![Vec::new(); kinds::KIND_COUNT + 1];
        let mut module_rules = Vec::new();
        for rule in settings.enabled_rules() {
            match rule.trigger {
                Trigger::Node(node_kinds, check) => {
                    for &kind in node_kinds {
                        by_kind[kind as usize].push((rule, check));
                    }
                }
                Trigger::Module(check) => module_rules.push((rule, check)),
            }
        }
        let (offloaded_rules, module_rules) =
            module_rules.into_iter().partition(|(rule, _): &ModuleRule| OFFLOADED_RULES.contains(&rule.code));
        Checker { settings, modules: None, by_kind, module_rules, offloaded_rules, parallel_rules: false }
    }

    /// Checks each module on two threads (for the language server, where
    /// one file's latency matters; the command line checks files in parallel
    /// instead). The diagnostics are the same either way.
    pub fn with_parallel_rules(mut self, parallel: bool) -> Checker {
        self.parallel_rules = parallel;
        self
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
        let semantic = SemanticModel::build(&module.source, root);
        let imports = path.zip(self.modules.as_deref());
        let run_module_rules = |context: &mut rules::Context, module_rules: &[ModuleRule]| {
            for &(rule, check) in module_rules {
                context.rule = rule;
                check(context);
            }
        };
        let mut context = rules::Context::new(module, &semantic, &self.settings, imports);
        let offloaded = std::thread::scope(|scope| {
            let offloaded = (self.parallel_rules && !self.offloaded_rules.is_empty()).then(|| {
                scope.spawn(|| {
                    let mut context = rules::Context::new(module, &semantic, &self.settings, imports);
                    run_module_rules(&mut context, &self.offloaded_rules);
                    context.diagnostics
                })
            });
            syntax::walk(root, |node| {
                for &(rule, check) in &self.by_kind[node.kind_id() as usize] {
                    context.rule = rule;
                    check(&mut context, node);
                }
                true
            });
            run_module_rules(&mut context, &self.module_rules);
            match offloaded {
                // A panic in a rule surfaces as it would on one thread.
                Some(handle) => handle.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
                None => {
                    run_module_rules(&mut context, &self.offloaded_rules);
                    Vec::new()
                }
            }
        });
        context.diagnostics.extend(offloaded);

        let mut diagnostics = context.diagnostics;
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
            compared += usize::from(one.iter().any(|line| OFFLOADED_RULES.iter().any(|code| line.contains(code))));
        }
        assert!(compared >= 3, "the fixtures exercise the offloaded rules ({compared} files)");
    }
}
