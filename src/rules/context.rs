//! What a rule sees (the module, its semantic model, the settings) and how it
//! reports.

use super::{Rule, Settings};
use crate::semantic::summary::ModuleIndex;
use crate::semantic::SemanticModel;
use std::path::Path;
use crate::syntax::{ParentMap, ParsedModule, Position};
use tree_sitter::Node;

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
    parents: &'a ParentMap<'t>,
    /// The checked file's path and the index that finds what it imports.
    pub imports: Option<(&'a Path, &'a dyn ModuleIndex)>,
}

impl<'a, 't> Context<'a, 't> {
    pub(crate) fn new(
        module: &'t ParsedModule,
        semantic: &'a SemanticModel<'t>,
        parents: &'a ParentMap<'t>,
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
            parents,
            imports,
        }
    }

    /// The source text of `node`.
    pub fn text(&self, node: Node) -> &'t str {
        crate::syntax::node_text(self.source, node)
    }

    /// The parent of `node` in O(1); use it instead of `Node::parent`
    /// (O(depth × siblings)) wherever a rule looks upwards from many nodes.
    pub fn parent(&self, node: Node<'t>) -> Option<Node<'t>> {
        self.parents.parent(node)
    }

    /// `syntax::is_docstring_statement` with O(1) parent lookups: the
    /// statement is the first of a module, class or function body and a
    /// plain string.
    pub fn is_docstring(&self, statement: Node<'t>) -> bool {
        let Some(container) = self.parent(statement) else { return false };
        let owner_ok = match container.kind_id() {
            crate::syntax::kinds::MODULE => true,
            crate::syntax::kinds::BLOCK => self.parent(container).is_some_and(|owner| {
                matches!(owner.kind_id(), crate::syntax::kinds::FUNCTION_DEFINITION | crate::syntax::kinds::CLASS_DEFINITION)
            }),
            _ => false,
        };
        owner_ok
            && crate::syntax::code_children(container).next().is_some_and(|first| first.id() == statement.id())
            && crate::syntax::is_plain_string_statement(self.source, statement)
    }

    /// `syntax::parent_skipping_parens` with O(1) parent lookups.
    pub fn parent_skipping_parens(&self, node: Node<'t>) -> Option<Node<'t>> {
        let mut parent = self.parent(node)?;
        while parent.kind_id() == crate::syntax::kinds::PARENTHESIZED_EXPRESSION {
            parent = self.parent(parent)?;
        }
        Some(parent)
    }

    /// The file's parent map, for helpers that keep no `Context`.
    pub fn parents(&self) -> &'a ParentMap<'t> {
        self.parents
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
