//! What a rule sees (the module, its semantic model, the settings) and how it
//! reports.

use super::{Rule, Settings};
use crate::semantic::summary::ModuleIndex;
use crate::semantic::SemanticModel;
use std::path::Path;
use crate::syntax::{Node, ParsedModule, Position};

/// A text replacement, in byte offsets of the source.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Edit {
    pub start: usize,
    pub end: usize,
    pub replacement: String,
}

/// A fix: edits that together remove the problem, with a title for editors.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Fix {
    pub title: String,
    pub edits: Vec<Edit>,
}

impl Edit {
    /// Replaces the bytes `range` of the source with `text`.
    pub fn replace(range: std::ops::Range<usize>, text: impl Into<String>) -> Edit {
        Edit { start: range.start, end: range.end, replacement: text.into() }
    }

    /// Deletes the bytes `range` of the source.
    pub fn delete(range: std::ops::Range<usize>) -> Edit {
        Edit::replace(range, "")
    }
}

impl Fix {
    pub fn new(title: impl Into<String>, edits: Vec<Edit>) -> Fix {
        Fix { title: title.into(), edits }
    }

    /// A fix of one edit.
    pub fn replace(title: impl Into<String>, range: std::ops::Range<usize>, text: impl Into<String>) -> Fix {
        Fix::new(title, vec![Edit::replace(range, text)])
    }
}

/// One message about one place.
#[derive(Clone, Debug)]
pub struct Diagnostic {
    pub rule: &'static Rule,
    pub message: String,
    pub start: Position,
    pub end: Position,
    pub fix: Option<Fix>,
}

pub struct Context<'a, 't> {
    pub module: &'t ParsedModule,
    pub source: &'t str,
    pub semantic: &'a SemanticModel<'t>,
    pub settings: &'a Settings,
    /// The rule being run; set by the checker before each call.
    pub(crate) rule: &'static Rule,
    pub(crate) diagnostics: Vec<Diagnostic>,
    /// The checked file's path and the index that finds what it imports.
    pub imports: Option<(&'a Path, &'a dyn ModuleIndex)>,
    /// Results several rules share, computed once per module by the first
    /// rule that asks (see [`Context::shared`]).
    shared: std::cell::RefCell<crate::syntax::FastHashMap<&'static str, std::rc::Rc<dyn std::any::Any>>>,
    /// What astroid knows of the module's classes, built on first use and
    /// shared by the rules that need it.
    classes: std::cell::OnceCell<crate::semantic::classes::ModuleClasses>,
    /// The use-before-assignment flow analysis, run once for E0601 and E0606
    /// (positions rather than nodes: a cell holding `Node<'t>` would make the
    /// context invariant in `'t`).
    pub(crate) flow_findings: std::cell::OnceCell<Vec<FlowFinding>>,
    /// The last method W0221/W0237 compared with the method it overrides
    /// (node id) and the messages: both rules ask for the same method in turn.
    pub(crate) signature_differences: std::cell::RefCell<Option<(usize, Vec<(&'static str, String)>)>>,
}

/// A read the flow analysis reports, by its identifier's range.
#[derive(Clone, Debug)]
pub(crate) struct FlowFinding {
    pub start: Position,
    pub end: Position,
    pub name: String,
    pub verdict: crate::semantic::flow::Verdict,
}

impl<'a, 't> Context<'a, 't> {
    pub(crate) fn new(
        module: &'t ParsedModule,
        semantic: &'a SemanticModel<'t>,
        settings: &'a Settings,
        imports: Option<(&'a Path, &'a dyn ModuleIndex)>,
    ) -> Self {
        Context {
            module,
            source: &module.source,
            semantic,
            settings,
            rule: super::ALL[0],
            diagnostics: Vec::new(),
            imports,
            shared: Default::default(),
            classes: std::cell::OnceCell::new(),
            flow_findings: std::cell::OnceCell::new(),
            signature_differences: std::cell::RefCell::new(None),
        }
    }

    /// The module's classes as astroid's attribute lookups see them
    /// (`semantic::classes::analyze`), computed once per module.
    pub fn classes(&self) -> &crate::semantic::classes::ModuleClasses {
        self.classes.get_or_init(|| crate::semantic::classes::analyze(self.source, self.module.root(), self.semantic))
    }

    /// The result stored under `key` for this module, built by `build` the
    /// first time it is asked for: analyses that feed several rules (one
    /// per message) run once. `key` names one type `T` for all its callers.
    pub fn shared<T: 'static>(&self, key: &'static str, build: impl FnOnce(&Self) -> T) -> std::rc::Rc<T> {
        if let Some(found) = self.shared.borrow().get(key) {
            if let Ok(value) = std::rc::Rc::clone(found).downcast::<T>() {
                return value;
            }
        }
        let value = std::rc::Rc::new(build(self));
        self.shared.borrow_mut().insert(key, value.clone());
        value
    }

    /// The source text of `node`.
    pub fn text(&self, node: Node) -> &'t str {
        crate::syntax::node_text(self.source, node)
    }

    /// Whether `statement` is the docstring of a module, class or function.
    pub fn is_docstring(&self, statement: Node<'t>) -> bool {
        crate::syntax::is_docstring_statement(self.source, statement)
    }

    /// What the import `statement` binds `name` to, followed into the
    /// imported module (`None` without a module index or when not found).
    pub fn resolve_imported(&self, statement: Node, name: &str) -> Option<crate::semantic::summary::Resolved> {
        use crate::semantic::summary;
        let (path, index) = self.imports?;
        let (_, target) = summary::import_bindings(self.source, statement).into_iter().find(|(bound, _)| bound == name)?;
        summary::resolve_import(index, path, &target)
    }

    /// Reports the current rule on `node`'s range.
    pub fn report(&mut self, node: Node, message: impl Into<String>) -> &mut Diagnostic {
        let start = node.start_position();
        let end = node.end_position();
        self.report_at(
            Position { line: start.row as u32, column: start.column as u32 },
            Position { line: end.row as u32, column: end.column as u32 },
            message,
        )
    }

    /// Reports the current rule on an explicit range.
    pub fn report_at(&mut self, start: Position, end: Position, message: impl Into<String>) -> &mut Diagnostic {
        self.diagnostics.push(Diagnostic { rule: self.rule, message: message.into(), start, end, fix: None });
        self.diagnostics.last_mut().expect("just pushed")
    }

    /// Whether a comment lies inside `node` (a fix that rewrites `node`
    /// from its parts would lose it).
    pub fn has_comment(&self, node: Node) -> bool {
        let mut found = false;
        node.walk_preorder(|child| {
            found |= child.kind_id() == crate::syntax::kinds::COMMENT;
            !found
        });
        found
    }

    /// Whether `name` is Python's builtin where `node` is (not shadowed).
    pub fn is_builtin_at(&self, node: Node, name: &str) -> bool {
        self.semantic.is_builtin(self.semantic.enclosing_scope(node), name)
    }

    /// Whether another rule is enabled (rules that share work with a sibling).
    pub fn is_enabled(&self, rule: &Rule) -> bool {
        self.settings.is_enabled(rule)
    }
}

impl Diagnostic {
    /// Attaches a fix built by `build`; a fix that cannot be built leaves the
    /// diagnostic as it is.
    pub fn with_fix(&mut self, build: impl FnOnce() -> Option<Fix>) -> &mut Self {
        self.fix = build();
        self
    }
}
