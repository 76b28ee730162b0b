use super::prelude::*;
use crate::semantic::{Reference, ScopeId, SemanticModel};
use crate::syntax::FastHashSet;

declare_rule! {
    /// ## What it does
    /// Checks for names that are read but bound nowhere Python would look for
    /// them: not in the enclosing function, lambda or comprehension scopes,
    /// not in the module, not among the builtins.
    ///
    /// Follows Python's scoping as pylint does: class attributes are not
    /// visible from methods, lambdas or comprehension bodies in the class;
    /// `x += 1` and `x = x` in a scope that binds `x` only there look the
    /// name up outside; a module name that is only annotated (`x: int`) has
    /// no value. Module attributes such as `__file__`, `__class__` inside a
    /// method and reads guarded by `except NameError` are not reported. A
    /// `from m import *` binds what astroid finds in `m`'s source: the
    /// strings of its `__all__`, or its public names; a module whose star
    /// imports cannot be read or inferred is not checked.
    ///
    /// ## Why is this bad?
    /// Reading an unbound name raises `NameError` at run time; it is usually
    /// a typo or a missing import.
    ///
    /// ## Example
    /// ```python
    /// def area(radius):
    ///     return pi * radius**2
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// from math import pi
    ///
    /// def area(radius):
    ///     return pi * radius**2
    /// ```
    code: "E0602",
    symbol: "undefined-variable",
    category: Error,
    checker: "variables",
    trigger: Trigger::Module(check),
}

/// Module attributes astroid makes visible in the global scope.
const MODULE_SCOPE_ATTRIBUTES: &[&str] = &["__name__", "__doc__", "__file__", "__path__", "__package__"];

/// Names astroid binds implicitly in every class body.
const CLASS_IMPLICIT_LOCALS: &[&str] = &["__module__", "__qualname__", "__annotations__"];

fn check(ctx: &mut Context) {
    let Some(star_imported) = star_imported_names(ctx) else { return };
    let semantic = ctx.semantic;
    let mut exempt = ExemptNames::collect(semantic);
    exempt.names.extend(star_imported.iter().map(String::as_str));
    let postponed_annotations = has_postponed_annotations(ctx);
    // astroid's brains add names to some modules (`signal.Signals`, the
    // status names of `http.client`) that only exist at run time: in those
    // modules a global name may be bound without any binding in the source.
    // six's brain adds only `six.moves`, which six reads as an attribute.
    let brain_extended = ctx.imports.is_some_and(|(path, _)| {
        dotted_module_name(path).is_some_and(|name| {
            name != "six" && super::no_name_in_module::BRAIN_EXTENDED_MODULES.contains(&name.as_str())
        })
    });
    let mut undefined: Vec<(Node, &str)> = Vec::new();
    for reference in &semantic.references {
        let name = reference.name;
        let unbound = match reference.resolved {
            None => !brain_extended,
            Some(resolved) => {
                looks_outside(ctx, reference, resolved)
                    || is_only_annotated(semantic, reference, resolved)
                    || (!postponed_annotations && is_first_level_self_reference(ctx, reference, resolved))
                    || (is_read_while_class_runs(ctx, reference, resolved)
                        && !(postponed_annotations && is_in_variable_annotation(reference.identifier)))
            }
        };
        if !unbound || is_known_name(name) || exempt.contains(name) {
            continue;
        }
        if name == "__class__" && is_in_method(semantic, reference.scope) {
            continue;
        }
        if CLASS_IMPLICIT_LOCALS.contains(&name) && semantic.scope(reference.scope).kind == ScopeKind::Class {
            continue;
        }
        if is_metaclass_argument(ctx, reference.identifier) || ignores_name_error(ctx, reference.identifier) {
            continue;
        }
        undefined.push((reference.identifier, name));
    }
    for (identifier, name) in undefined {
        ctx.report(identifier, format!("Undefined variable '{name}'"));
    }
    check_metaclasses(ctx, &exempt);
}

/// The dotted name a file is imported by: its stem, under the packages
/// (directories with an `__init__.py`) around it.
pub(crate) fn dotted_module_name(path: &std::path::Path) -> Option<String> {
    let mut parts = Vec::new();
    let stem = path.file_stem()?.to_str()?;
    let mut directory = path.parent();
    if stem != "__init__" {
        parts.push(stem.to_string());
    }
    while let Some(package) = directory.filter(|directory| directory.join("__init__.py").is_file()) {
        parts.push(package.file_name()?.to_str()?.to_string());
        directory = package.parent();
    }
    parts.reverse();
    (!parts.is_empty()).then(|| parts.join("."))
}

fn is_known_name(name: &str) -> bool {
    crate::semantic::is_builtin_name(name) || name == "__builtins__" || MODULE_SCOPE_ATTRIBUTES.contains(&name)
}

/// Names bound in ways the scope walk does not see: assignments under
/// `global` (astroid files them in the module) and PEP 695 type parameters
/// (visible in the annotations of their own definition).
struct ExemptNames<'t> {
    names: FastHashSet<&'t str>,
}

impl<'t> ExemptNames<'t> {
    fn collect(semantic: &SemanticModel<'t>) -> Self {
        let mut names = FastHashSet::default();
        for scope in &semantic.scopes {
            for name in &scope.globals {
                if scope.bindings.contains_key(name) {
                    names.insert(*name);
                }
            }
        }
        for binding in &semantic.bindings {
            if binding.kind == BindingKind::TypeAlias && binding.statement.kind_id() != TYPE_ALIAS_STATEMENT {
                names.insert(binding.name);
            }
        }
        ExemptNames { names }
    }

    fn contains(&self, name: &str) -> bool {
        self.names.contains(name)
    }
}

/// The names the module's `from m import *` statements bind, as astroid
/// computes them from `m`'s source; `None` when some `m` cannot be read
/// (then nothing is reported).
fn star_imported_names(ctx: &Context) -> Option<Vec<String>> {
    use crate::semantic::summary::{star_import_locals, ModuleSummary};
    let mut names = Vec::new();
    let mut found_all = true;
    let star_imports = ModuleSummary::star_imports_of(ctx.source, ctx.module.root());
    if star_imports.is_empty() {
        return Some(names);
    }
    let (path, index) = ctx.imports?;
    for (level, module) in star_imports {
        match index.import(path, level, &module).and_then(|module| star_import_locals(index, &module)) {
            Some(imported) => names.extend(imported),
            None => found_all = false,
        }
    }
    found_all.then_some(names)
}

/// `from __future__ import annotations`: annotations are never evaluated.
fn has_postponed_annotations(ctx: &Context) -> bool {
    code_children(ctx.module.root()).any(|statement| {
        statement.kind_id() == FUTURE_IMPORT_STATEMENT && ctx.text(statement).contains("annotations")
    })
}

/// pylint skips a scope whose only binding of the name is the statement
/// that reads it (`x += 1`, `x = x`, `for x in x`) and looks further out.
fn looks_outside(ctx: &Context, reference: &Reference, resolved: ScopeId) -> bool {
    let semantic = ctx.semantic;
    let Some(first) = semantic.bindings_of(resolved, reference.name).next() else { return false };
    let Some(parent) = reference.identifier.parent() else { return false };
    let reads_own_binding = match parent.kind_id() {
        AUGMENTED_ASSIGNMENT => parent.child_by_field_id(FIELD_LEFT) == Some(reference.identifier)
            && first.identifier == reference.identifier,
        ASSIGNMENT => {
            parent.child_by_field_id(FIELD_RIGHT) == Some(reference.identifier)
                && parent.child_by_field_id(FIELD_LEFT).is_some_and(|left| {
                    left.kind_id() == IDENTIFIER && ctx.text(left) == reference.name && first.identifier == left
                })
        }
        FOR_STATEMENT => {
            parent.child_by_field_id(FIELD_RIGHT) == Some(reference.identifier)
                && parent.child_by_field_id(FIELD_LEFT).is_some_and(|left| {
                    left.kind_id() == IDENTIFIER
                        && ctx.text(left) == reference.name
                        && semantic.bindings_of(resolved, reference.name).all(|binding| binding.identifier == left)
                })
        }
        _ => false,
    };
    reads_own_binding && resolve_outside(semantic, resolved, reference.name).is_none()
}

/// Resolution of `name` from the scopes enclosing `scope` (classes skipped).
fn resolve_outside(semantic: &SemanticModel, scope: ScopeId, name: &str) -> Option<ScopeId> {
    let mut current = semantic.scope(scope).parent;
    while let Some(id) = current {
        let candidate = semantic.scope(id);
        if candidate.kind != ScopeKind::Class
            && !candidate.nonlocals.contains(name)
            && !candidate.globals.contains(name)
            && candidate.bindings.contains_key(name)
        {
            return Some(id);
        }
        current = candidate.parent;
    }
    None
}

/// A name read from a nested scope whose scope only annotates it (`x: int`)
/// has no value; pylint calls it undefined.
fn is_only_annotated(semantic: &SemanticModel, reference: &Reference, resolved: ScopeId) -> bool {
    if resolved == reference.scope || semantic.scope(resolved).kind == ScopeKind::Class {
        return false;
    }
    let mut bindings = semantic.bindings_of(resolved, reference.name).peekable();
    let annotated_only = bindings.peek().is_some() && bindings.all(|binding| binding.kind == BindingKind::Annotation);
    if !annotated_only {
        return false;
    }
    // A nested function may give it a value through `nonlocal`.
    !semantic.scopes.iter().any(|scope| scope.nonlocals.contains(reference.name))
}

/// A method's annotation or call default naming its own class: the class
/// name is not bound yet when the `def` runs. pylint reports it only while
/// no earlier read of the class name has been resolved.
fn is_first_level_self_reference(ctx: &Context, reference: &Reference, resolved: ScopeId) -> bool {
    let semantic = ctx.semantic;
    let class_scope = semantic.scope(reference.scope);
    if class_scope.kind != ScopeKind::Class {
        return false;
    }
    let Some(class_name) = class_scope.node.child_by_field_id(FIELD_NAME) else { return false };
    if ctx.text(class_name) != reference.name {
        return false;
    }
    let Some(first) = semantic.bindings_of(resolved, reference.name).next() else { return false };
    if first.identifier != class_name {
        return false;
    }
    let Some(function) = header_of_method(reference.identifier, class_scope.node) else { return false };
    let in_annotation = is_in_annotation(reference.identifier, function);
    let in_call_default = reference.identifier.parent().is_some_and(|call| {
        call.kind_id() == CALL
            && call.parent().is_some_and(|parameter| {
                matches!(parameter.kind_id(), DEFAULT_PARAMETER | TYPED_DEFAULT_PARAMETER)
                    && parameter.child_by_field_id(FIELD_VALUE) == Some(call)
            })
    });
    if !in_annotation && !in_call_default {
        return false;
    }
    // Any earlier read resolved to the class binding marks it consumed.
    let body_start = function.child_by_field_id(FIELD_BODY).map_or(function.end_byte(), |body| body.start_byte());
    !semantic.references.iter().any(|other| {
        other.name == reference.name
            && other.resolved == Some(resolved)
            && other.identifier != reference.identifier
            && other.identifier.start_byte() < body_start
            && !is_self_reference_site(ctx, other, class_scope.node)
    })
}

/// A class's own name read while its body runs (in the body or in a
/// comprehension there, not in a function or lambda): the name is bound only
/// once the body is done.
fn is_read_while_class_runs(ctx: &Context, reference: &Reference, resolved: ScopeId) -> bool {
    let semantic = ctx.semantic;
    let Some(first) = semantic.bindings_of(resolved, reference.name).next() else { return false };
    if first.kind != BindingKind::ClassDef {
        return false;
    }
    let Some(class) = first.identifier.parent().filter(|class| class.kind_id() == CLASS_DEFINITION) else { return false };
    let mut scope = reference.scope;
    loop {
        let current = semantic.scope(scope);
        if current.node == class {
            break;
        }
        match (current.kind, current.parent) {
            (ScopeKind::Class | ScopeKind::Comprehension, Some(parent)) => scope = parent,
            _ => return false,
        }
    }
    if header_of_method(reference.identifier, class).is_some() {
        return false;
    }
    true
}

/// Whether `node` is in the annotation of an annotated assignment.
fn is_in_variable_annotation(node: Node) -> bool {
    let mut current = node;
    while let Some(parent) = current.parent() {
        if parent.kind_id() == ASSIGNMENT {
            return parent.child_by_field_id(FIELD_TYPE) == Some(current);
        }
        if syntax::is_statement_kind(parent.kind_id()) {
            return false;
        }
        current = parent;
    }
    false
}

fn is_self_reference_site(ctx: &Context, reference: &Reference, class: Node) -> bool {
    if ctx.semantic.scope(reference.scope).node != class {
        return false;
    }
    let Some(function) = header_of_method(reference.identifier, class) else { return false };
    is_in_annotation(reference.identifier, function)
        || reference.identifier.parent().is_some_and(|call| {
            call.kind_id() == CALL
                && call.parent().is_some_and(|parameter| matches!(parameter.kind_id(), DEFAULT_PARAMETER | TYPED_DEFAULT_PARAMETER))
        })
}

/// The method of `class` whose parameters or return annotation hold `node`.
fn header_of_method<'t>(node: Node<'t>, class: Node<'t>) -> Option<Node<'t>> {
    let mut current = node;
    while let Some(parent) = current.parent() {
        match parent.kind_id() {
            FUNCTION_DEFINITION => {
                let in_header = Some(current) == parent.child_by_field_id(FIELD_PARAMETERS)
                    || Some(current) == parent.child_by_field_id(FIELD_RETURN_TYPE);
                let owner = parent.parent().and_then(|p| {
                    if p.kind_id() == DECORATED_DEFINITION { p.parent() } else { Some(p) }
                });
                let in_class_body = owner.and_then(|block| block.parent()) == Some(class);
                return (in_header && in_class_body).then_some(parent);
            }
            LAMBDA | CLASS_DEFINITION | LIST_COMPREHENSION | SET_COMPREHENSION | DICTIONARY_COMPREHENSION
            | GENERATOR_EXPRESSION => return None,
            _ => current = parent,
        }
    }
    None
}

/// Whether `node` is in a parameter annotation or the return annotation of `function`.
fn is_in_annotation(node: Node, function: Node) -> bool {
    let mut current = node;
    while let Some(parent) = current.parent() {
        if parent == function {
            return function.child_by_field_id(FIELD_RETURN_TYPE) == Some(current);
        }
        if matches!(parent.kind_id(), TYPED_PARAMETER | TYPED_DEFAULT_PARAMETER)
            && parent.child_by_field_id(FIELD_TYPE) == Some(current)
        {
            return true;
        }
        current = parent;
    }
    false
}

/// astroid's `is_method()` for any function around the scope.
fn is_in_method(semantic: &SemanticModel, scope: ScopeId) -> bool {
    let mut current = Some(scope);
    while let Some(id) = current {
        let candidate = semantic.scope(id);
        if candidate.kind == ScopeKind::Function
            && candidate.parent.is_some_and(|parent| semantic.scope(parent).kind == ScopeKind::Class)
        {
            return true;
        }
        current = candidate.parent;
    }
    false
}

/// astroid keeps `metaclass=` out of a class's keywords: its names are not
/// read as names (see [`check_metaclasses`]).
fn is_metaclass_argument(ctx: &Context, identifier: Node) -> bool {
    let mut current = identifier;
    while let Some(parent) = current.parent() {
        match parent.kind_id() {
            KEYWORD_ARGUMENT => {
                return parent.child_by_field_id(FIELD_NAME).is_some_and(|name| ctx.text(name) == "metaclass")
                    && parent.parent().and_then(|arguments| arguments.parent()).is_some_and(|owner| {
                        owner.kind_id() == CLASS_DEFINITION
                    });
            }
            CALL | LAMBDA | ARGUMENT_LIST | BLOCK | MODULE => return false,
            _ => current = parent,
        }
    }
    false
}

/// pylint's `node_ignores_exception(node, NameError)`: the nearest
/// enclosing `try` (body, `else` or `finally`) has a handler naming
/// `NameError`; or a `with suppress(NameError)` encloses it.
fn ignores_name_error(ctx: &Context, identifier: Node) -> bool {
    let mut current = identifier;
    let mut nearest_try_checked = false;
    while let Some(parent) = current.parent() {
        match parent.kind_id() {
            EXCEPT_CLAUSE => nearest_try_checked = true,
            TRY_STATEMENT if !nearest_try_checked => {
                nearest_try_checked = true;
                let catches = code_children(parent)
                    .filter(|clause| clause.kind_id() == EXCEPT_CLAUSE)
                    .any(|clause| handler_names(ctx, clause, "NameError"));
                if catches {
                    return true;
                }
            }
            WITH_STATEMENT => {
                if with_suppresses(ctx, parent, "NameError") {
                    return true;
                }
            }
            _ => {}
        }
        current = parent;
    }
    false
}

/// `with suppress(NameError):` (or `contextlib.suppress`) among the items.
fn with_suppresses(ctx: &Context, with_statement: Node, exception: &str) -> bool {
    let Some(clause) = code_children(with_statement).find(|child| child.kind_id() == WITH_CLAUSE) else { return false };
    code_children(clause).any(|item| {
        let Some(value) = item.child_by_field_id(FIELD_VALUE) else { return false };
        let call = if value.kind_id() == AS_PATTERN { code_children(value).next().unwrap_or(value) } else { value };
        call.kind_id() == CALL
            && call.child_by_field_id(FIELD_FUNCTION).is_some_and(|function| {
                let text = ctx.text(function);
                text == "suppress" || text.ends_with(".suppress")
            })
            && call
                .child_by_field_id(FIELD_ARGUMENTS)
                .is_some_and(|arguments| code_children(arguments).any(|argument| mentions(ctx, argument, exception)))
    })
}

/// Whether the exception type of an `except` clause names `exception`.
fn handler_names(ctx: &Context, clause: Node, exception: &str) -> bool {
    let Some(type_expression) = code_children(clause).find(|child| child.kind_id() != BLOCK) else { return false };
    let type_expression = if type_expression.kind_id() == AS_PATTERN {
        code_children(type_expression).next().unwrap_or(type_expression)
    } else {
        type_expression
    };
    mentions(ctx, type_expression, exception)
}

/// Whether an expression holds the bare name `name` (attributes' names excluded).
fn mentions(ctx: &Context, expression: Node, name: &str) -> bool {
    let mut found = false;
    syntax::walk(expression, |node| {
        if found {
            return false;
        }
        match node.kind_id() {
            IDENTIFIER if ctx.text(node) == name => {
                found = true;
                false
            }
            ATTRIBUTE => {
                if let Some(object) = node.child_by_field_id(FIELD_OBJECT) {
                    found = mentions(ctx, object, name);
                }
                false
            }
            _ => true,
        }
    });
    found
}

/// pylint's metaclass check: a class directly in a module or function body
/// whose `metaclass=` names an unbound name is reported on the class.
fn check_metaclasses(ctx: &mut Context, exempt: &ExemptNames) {
    let semantic = ctx.semantic;
    let mut reports = Vec::new();
    for (index, scope) in semantic.scopes.iter().enumerate() {
        if scope.kind != ScopeKind::Class {
            continue;
        }
        let class = scope.node;
        let Some(parent_scope) = scope.parent else { continue };
        let Some(container) = class.parent().map(|p| if p.kind_id() == DECORATED_DEFINITION { p.parent() } else { Some(p) }).flatten() else {
            continue;
        };
        let holder = semantic.scope(parent_scope).node;
        let direct_child = match container.kind_id() {
            MODULE => container == holder,
            BLOCK => container.parent() == Some(holder) && holder.kind_id() == FUNCTION_DEFINITION,
            _ => false,
        };
        if !direct_child {
            continue;
        }
        let Some(arguments) = class.child_by_field_id(FIELD_SUPERCLASSES) else { continue };
        let Some(metaclass) = code_children(arguments).find(|argument| {
            argument.kind_id() == KEYWORD_ARGUMENT
                && argument.child_by_field_id(FIELD_NAME).is_some_and(|name| ctx.text(name) == "metaclass")
        }) else {
            continue;
        };
        let Some(value) = metaclass.child_by_field_id(FIELD_VALUE) else { continue };
        let name_node = match value.kind_id() {
            IDENTIFIER => Some(value),
            ATTRIBUTE => {
                let mut object = value;
                while object.kind_id() == ATTRIBUTE {
                    match object.child_by_field_id(FIELD_OBJECT) {
                        Some(inner) => object = inner,
                        None => break,
                    }
                }
                Some(object).filter(|node| node.kind_id() == IDENTIFIER)
            }
            CALL => value.child_by_field_id(FIELD_FUNCTION).filter(|function| function.kind_id() == IDENTIFIER),
            _ => None,
        };
        let Some(name_node) = name_node else { continue };
        let name = ctx.text(name_node);
        if is_known_name(name) || exempt.contains(name) || CLASS_IMPLICIT_LOCALS.contains(&name) {
            continue;
        }
        if semantic.resolve(ScopeId(index as u32), name).is_none() && semantic.resolve(parent_scope, name).is_none() {
            reports.push((class, name));
        }
    }
    for (class, name) in reports {
        super::too_many_branches::report_on_def(ctx, class, format!("Undefined variable '{name}'"));
    }
}
