//! One recursive walk that creates scopes, bindings and references.

use super::*;
use crate::syntax::kinds::*;
use crate::syntax::{code_children, node_text};

struct Builder<'t> {
    source: &'t str,
    model: SemanticModel<'t>,
    /// Reads, resolved once every binding is known.
    pending: Vec<(ScopeId, Node<'t>)>,
}

pub(super) fn build<'t>(source: &'t str, root: Node<'t>) -> SemanticModel<'t> {
    let mut builder = Builder {
        source,
        model: SemanticModel {
            scopes: Vec::new(),
            bindings: Vec::new(),
            references: Vec::new(),
            scope_by_node: Default::default(),
            scope_by_reference: Default::default(),
            astroid_locals: None,
            walk_order_reads: None,
        },
        pending: Vec::new(),
    };
    let module = builder.push_scope(ScopeKind::Module, None, root);
    builder.visit_children(root, module);
    builder.resolve_references();
    builder.model
}

impl<'t> Builder<'t> {
    fn push_scope(&mut self, kind: ScopeKind, parent: Option<ScopeId>, node: Node<'t>) -> ScopeId {
        let id = ScopeId(self.model.scopes.len() as u32);
        self.model.scopes.push(Scope {
            kind,
            parent,
            node,
            bindings: Default::default(),
            globals: Default::default(),
            nonlocals: Default::default(),
            used: Default::default(),
            uses_locals: false,
        });
        self.model.scope_by_node.insert(node.id(), id);
        id
    }

    fn text(&self, node: Node<'t>) -> &'t str {
        node_text(self.source, node)
    }

    fn bind(&mut self, scope: ScopeId, identifier: Node<'t>, kind: BindingKind, statement: Node<'t>, unpacked: bool) {
        let name = self.text(identifier);
        let id = BindingId(self.model.bindings.len() as u32);
        self.model.bindings.push(Binding { name, kind, scope, identifier, statement, unpacked });
        self.model.scopes[scope.0 as usize].bindings.entry(name).or_default().push(id);
    }

    fn read(&mut self, scope: ScopeId, identifier: Node<'t>) {
        self.pending.push((scope, identifier));
    }

    fn visit_children(&mut self, node: Node<'t>, scope: ScopeId) {
        for child in code_children(node) {
            self.visit(child, scope);
        }
    }

    fn visit_opt(&mut self, node: Option<Node<'t>>, scope: ScopeId) {
        if let Some(node) = node {
            self.visit(node, scope);
        }
    }

    fn visit(&mut self, node: Node<'t>, scope: ScopeId) {
        match node.kind_id() {
            IDENTIFIER => self.read(scope, node),
            COMMENT | STRING_START | STRING_CONTENT | STRING_END => {}
            DECORATED_DEFINITION => self.visit_children(node, scope),
            FUNCTION_DEFINITION => self.visit_function(node, scope),
            CLASS_DEFINITION => self.visit_class(node, scope),
            LAMBDA => self.visit_lambda(node, scope),
            LIST_COMPREHENSION | SET_COMPREHENSION | DICTIONARY_COMPREHENSION | GENERATOR_EXPRESSION => {
                self.visit_comprehension(node, scope)
            }
            ASSIGNMENT => {
                self.visit_opt(node.child_by_field_id(FIELD_RIGHT), scope);
                self.visit_opt(node.child_by_field_id(FIELD_TYPE), scope);
                if let Some(left) = node.child_by_field_id(FIELD_LEFT) {
                    let kind = if node.child_by_field_id(FIELD_RIGHT).is_some() {
                        BindingKind::Assignment
                    } else {
                        BindingKind::Annotation
                    };
                    let statement = node.parent().unwrap_or(node);
                    self.bind_target(left, scope, kind, statement, false);
                }
            }
            AUGMENTED_ASSIGNMENT => {
                self.visit_opt(node.child_by_field_id(FIELD_RIGHT), scope);
                if let Some(left) = node.child_by_field_id(FIELD_LEFT) {
                    if left.kind_id() == IDENTIFIER {
                        self.read(scope, left);
                    }
                    let statement = node.parent().unwrap_or(node);
                    self.bind_target(left, scope, BindingKind::Assignment, statement, false);
                }
            }
            FOR_STATEMENT => {
                self.visit_opt(node.child_by_field_id(FIELD_RIGHT), scope);
                if let Some(left) = node.child_by_field_id(FIELD_LEFT) {
                    self.bind_target(left, scope, BindingKind::LoopVariable, node, false);
                }
                self.visit_opt(node.child_by_field_id(FIELD_BODY), scope);
                self.visit_opt(node.child_by_field_id(FIELD_ALTERNATIVE), scope);
            }
            WITH_ITEM => {
                let Some(value) = node.child_by_field_id(FIELD_VALUE) else { return };
                if value.kind_id() == AS_PATTERN {
                    let mut children = code_children(value);
                    if let Some(expression) = children.next() {
                        self.visit(expression, scope);
                    }
                    if let Some(alias) = value.child_by_field_id(FIELD_ALIAS) {
                        let target = code_children(alias).next().unwrap_or(alias);
                        let statement = node.parent().and_then(|c| c.parent()).unwrap_or(node);
                        self.bind_target(target, scope, BindingKind::WithItem, statement, false);
                    }
                } else {
                    self.visit(value, scope);
                }
            }
            EXCEPT_CLAUSE => {
                let alias = node.child_by_field_id(FIELD_ALIAS);
                for child in code_children(node) {
                    if Some(child) == alias {
                        self.bind_target(child, scope, BindingKind::ExceptHandler, node, false);
                    } else if child.kind_id() == AS_PATTERN {
                        // tree-sitter-python 0.25 parses `except E as e` as
                        // `value: (as_pattern E alias: (as_pattern_target e))`.
                        let target = child.child_by_field_id(FIELD_ALIAS);
                        for part in code_children(child) {
                            if Some(part) == target {
                                let name = code_children(part).next().unwrap_or(part);
                                self.bind_target(name, scope, BindingKind::ExceptHandler, node, false);
                            } else {
                                self.visit(part, scope);
                            }
                        }
                    } else {
                        self.visit(child, scope);
                    }
                }
            }
            NAMED_EXPRESSION => {
                self.visit_opt(node.child_by_field_id(FIELD_VALUE), scope);
                let mut target_scope = scope;
                while self.model.scopes[target_scope.0 as usize].kind == ScopeKind::Comprehension {
                    target_scope = self.model.scopes[target_scope.0 as usize].parent.unwrap_or(target_scope);
                }
                if let Some(name) = node.child_by_field_id(FIELD_NAME) {
                    let statement = enclosing_statement(node);
                    self.bind(target_scope, name, BindingKind::NamedExpression, statement, false);
                }
            }
            IMPORT_STATEMENT | IMPORT_FROM_STATEMENT | FUTURE_IMPORT_STATEMENT => self.visit_import(node, scope),
            GLOBAL_STATEMENT | NONLOCAL_STATEMENT => {
                let global = node.kind_id() == GLOBAL_STATEMENT;
                for name in code_children(node).filter(|n| n.kind_id() == IDENTIFIER) {
                    let text = self.text(name);
                    let entry = &mut self.model.scopes[scope.0 as usize];
                    if global {
                        entry.globals.insert(text);
                    } else {
                        entry.nonlocals.insert(text);
                    }
                }
            }
            ATTRIBUTE => self.visit_opt(node.child_by_field_id(FIELD_OBJECT), scope),
            KEYWORD_ARGUMENT => self.visit_opt(node.child_by_field_id(FIELD_VALUE), scope),
            CASE_CLAUSE => {
                for child in code_children(node) {
                    if child.kind_id() == CASE_PATTERN {
                        self.visit_pattern(child, scope, node);
                    } else {
                        self.visit(child, scope);
                    }
                }
            }
            TYPE_ALIAS_STATEMENT => {
                if let Some(left) = node.child_by_field_id(FIELD_LEFT) {
                    if let Some(name) = first_identifier(left) {
                        self.bind(scope, name, BindingKind::TypeAlias, node, false);
                        // astroid files `type A[T] = ...`'s parameters in the enclosing scope.
                        let mut parameters = Vec::new();
                        crate::syntax::walk(left, |child| {
                            if child.kind_id() == IDENTIFIER && child != name {
                                parameters.push(child);
                            }
                            true
                        });
                        for parameter in parameters {
                            self.bind(scope, parameter, BindingKind::TypeAlias, node, false);
                        }
                    }
                }
                self.visit_opt(node.child_by_field_id(FIELD_RIGHT), scope);
            }
            CALL => {
                if let Some(function) = node.child_by_field_id(FIELD_FUNCTION) {
                    if function.kind_id() == IDENTIFIER && self.text(function) == "locals" {
                        self.model.scopes[scope.0 as usize].uses_locals = true;
                    }
                }
                self.visit_children(node, scope);
            }
            _ => self.visit_children(node, scope),
        }
    }

    fn visit_function(&mut self, node: Node<'t>, scope: ScopeId) {
        if let Some(name) = node.child_by_field_id(FIELD_NAME) {
            let statement = node.parent().filter(|p| p.kind_id() == DECORATED_DEFINITION).unwrap_or(node);
            self.bind(scope, name, BindingKind::FunctionDef, statement, false);
        }
        // Defaults and annotations are evaluated where the def is.
        let parameters = node.child_by_field_id(FIELD_PARAMETERS);
        if let Some(parameters) = parameters {
            self.visit_parameter_expressions(parameters, scope);
        }
        self.visit_opt(node.child_by_field_id(FIELD_RETURN_TYPE), scope);
        let inner = self.push_scope(ScopeKind::Function, Some(scope), node);
        if let Some(type_parameters) = node.child_by_field_id(FIELD_TYPE_PARAMETERS) {
            self.bind_type_parameters(type_parameters, inner);
        }
        if let Some(parameters) = parameters {
            self.bind_parameters(parameters, inner);
        }
        self.visit_opt(node.child_by_field_id(FIELD_BODY), inner);
    }

    fn visit_lambda(&mut self, node: Node<'t>, scope: ScopeId) {
        let parameters = node.child_by_field_id(FIELD_PARAMETERS);
        if let Some(parameters) = parameters {
            self.visit_parameter_expressions(parameters, scope);
        }
        let inner = self.push_scope(ScopeKind::Lambda, Some(scope), node);
        if let Some(parameters) = parameters {
            self.bind_parameters(parameters, inner);
        }
        self.visit_opt(node.child_by_field_id(FIELD_BODY), inner);
    }

    fn visit_class(&mut self, node: Node<'t>, scope: ScopeId) {
        if let Some(name) = node.child_by_field_id(FIELD_NAME) {
            let statement = node.parent().filter(|p| p.kind_id() == DECORATED_DEFINITION).unwrap_or(node);
            self.bind(scope, name, BindingKind::ClassDef, statement, false);
        }
        self.visit_opt(node.child_by_field_id(FIELD_SUPERCLASSES), scope);
        let inner = self.push_scope(ScopeKind::Class, Some(scope), node);
        if let Some(type_parameters) = node.child_by_field_id(FIELD_TYPE_PARAMETERS) {
            self.bind_type_parameters(type_parameters, inner);
        }
        self.visit_opt(node.child_by_field_id(FIELD_BODY), inner);
    }

    fn visit_comprehension(&mut self, node: Node<'t>, scope: ScopeId) {
        let inner = self.push_scope(ScopeKind::Comprehension, Some(scope), node);
        let mut first_iterable = true;
        let body = node.child_by_field_id(FIELD_BODY);
        for child in code_children(node) {
            if child.kind_id() == FOR_IN_CLAUSE {
                // `right` may hold several expressions; visit every non-left child.
                let left = child.child_by_field_id(FIELD_LEFT);
                for part in code_children(child) {
                    if Some(part) == left {
                        continue;
                    }
                    self.visit(part, if first_iterable { scope } else { inner });
                }
                first_iterable = false;
                if let Some(left) = left {
                    self.bind_target(left, inner, BindingKind::ComprehensionVariable, child, false);
                }
            } else if Some(child) != body {
                self.visit(child, inner);
            }
        }
        self.visit_opt(body, inner);
    }

    fn visit_import(&mut self, node: Node<'t>, scope: ScopeId) {
        let module_name = node.child_by_field_id(FIELD_MODULE_NAME);
        for child in code_children(node) {
            if Some(child) == module_name {
                continue;
            }
            match child.kind_id() {
                DOTTED_NAME => {
                    // `import a.b` binds `a`; `from m import a` binds `a`.
                    if let Some(first) = first_identifier(child) {
                        self.bind(scope, first, BindingKind::Import, node, false);
                    }
                }
                ALIASED_IMPORT => {
                    if let Some(alias) = child.child_by_field_id(FIELD_ALIAS) {
                        self.bind(scope, alias, BindingKind::Import, node, false);
                    }
                }
                _ => {}
            }
        }
    }

    fn visit_parameter_expressions(&mut self, parameters: Node<'t>, scope: ScopeId) {
        for parameter in code_children(parameters) {
            self.visit_opt(parameter.child_by_field_id(FIELD_VALUE), scope);
            self.visit_opt(parameter.child_by_field_id(FIELD_TYPE), scope);
        }
    }

    fn bind_parameters(&mut self, parameters: Node<'t>, scope: ScopeId) {
        for parameter in code_children(parameters) {
            let name = match parameter.kind_id() {
                IDENTIFIER => Some(parameter),
                DEFAULT_PARAMETER | TYPED_DEFAULT_PARAMETER => parameter.child_by_field_id(FIELD_NAME),
                TYPED_PARAMETER | LIST_SPLAT_PATTERN | DICTIONARY_SPLAT_PATTERN => first_identifier(parameter),
                TUPLE_PATTERN => {
                    self.bind_target(parameter, scope, BindingKind::Parameter, parameter, true);
                    None
                }
                _ => None,
            };
            if let Some(name) = name.filter(|n| n.kind_id() == IDENTIFIER) {
                self.bind(scope, name, BindingKind::Parameter, parameter, false);
            } else if let Some(name) = name {
                if let Some(identifier) = first_identifier(name) {
                    self.bind(scope, identifier, BindingKind::Parameter, parameter, false);
                }
            }
        }
    }

    fn bind_type_parameters(&mut self, type_parameters: Node<'t>, scope: ScopeId) {
        for parameter in code_children(type_parameters) {
            if let Some(name) = first_identifier(parameter) {
                self.bind(scope, name, BindingKind::TypeAlias, parameter, false);
            }
        }
    }

    /// Binds the names of an assignment target; reads what a target reads
    /// (`a.b = ...` reads `a`, `a[i] = ...` reads `a` and `i`).
    fn bind_target(&mut self, target: Node<'t>, scope: ScopeId, kind: BindingKind, statement: Node<'t>, unpacked: bool) {
        match target.kind_id() {
            IDENTIFIER => self.bind(scope, target, kind, statement, unpacked),
            TUPLE_PATTERN | LIST_PATTERN | PATTERN_LIST | TUPLE | LIST | EXPRESSION_LIST => {
                for child in code_children(target) {
                    self.bind_target(child, scope, kind, statement, true);
                }
            }
            PARENTHESIZED_EXPRESSION | LIST_SPLAT_PATTERN | LIST_SPLAT | AS_PATTERN_TARGET => {
                for child in code_children(target) {
                    self.bind_target(child, scope, kind, statement, unpacked);
                }
            }
            _ => self.visit(target, scope),
        }
    }

    /// Captures in `case` patterns bind; dotted names and literals are read.
    fn visit_pattern(&mut self, pattern: Node<'t>, scope: ScopeId, clause: Node<'t>) {
        let mut stack = vec![pattern];
        while let Some(node) = stack.pop() {
            match node.kind_id() {
                DOTTED_NAME => {
                    let parts: Vec<Node> = code_children(node).collect();
                    let is_class = node.parent().is_some_and(|p| p.kind() == "class_pattern")
                        && node.prev_named_sibling().is_none();
                    if parts.len() == 1 && !is_class {
                        if self.text(parts[0]) != "_" {
                            self.bind(scope, parts[0], BindingKind::MatchCapture, clause, false);
                        }
                    } else if let Some(first) = parts.first() {
                        self.read(scope, *first);
                    }
                }
                IDENTIFIER => {
                    let parent_kind = node.parent().map(|p| p.kind()).unwrap_or("");
                    if parent_kind == "keyword_pattern" && node.prev_named_sibling().is_none() {
                        continue; // the keyword itself
                    }
                    if self.text(node) != "_" {
                        self.bind(scope, node, BindingKind::MatchCapture, clause, false);
                    }
                }
                _ => {
                    for child in code_children(node) {
                        stack.push(child);
                    }
                }
            }
        }
    }

    fn resolve_references(&mut self) {
        let pending = std::mem::take(&mut self.pending);
        self.model.references.reserve(pending.len());
        for (scope, identifier) in pending {
            let name = self.text(identifier);
            self.model.scope_by_reference.insert(identifier.id(), scope);
            let resolved = self.model.resolve(scope, name);
            if let Some(target) = resolved {
                self.model.scopes[target.0 as usize].used.insert(name);
            }
            self.model.references.push(Reference { name, identifier, scope, resolved });
        }
    }
}

fn first_identifier(node: Node) -> Option<Node> {
    if node.kind_id() == IDENTIFIER {
        return Some(node);
    }
    let mut found = None;
    crate::syntax::walk(node, |child| {
        if found.is_some() {
            return false;
        }
        if child.kind_id() == IDENTIFIER {
            found = Some(child);
            return false;
        }
        true
    });
    found
}

/// The statement that holds an expression node.
pub fn enclosing_statement(node: Node) -> Node {
    let mut current = node;
    while let Some(parent) = current.parent() {
        if crate::syntax::is_statement_kind(current.kind_id()) {
            return current;
        }
        current = parent;
    }
    current
}
