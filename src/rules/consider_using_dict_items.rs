use super::prelude::*;
use crate::semantic::{summary, Binding, ScopeId};
use crate::syntax::Position;

declare_rule! {
    /// ## What it does
    /// Checks for loops and comprehensions over the keys of a dictionary
    /// (`for key in d` or `for key in d.keys()`) that look each value up
    /// with `d[key]`.
    ///
    /// Only dictionaries that are certainly dictionaries are considered: a
    /// name bound once to a `{...}` display or `dict(...)`, a `**kwargs`
    /// parameter, or a `self.attribute` only ever assigned dict displays.
    ///
    /// ## Why is this bad?
    /// Iterating with `.items()` gives the key and the value together,
    /// without a second lookup.
    ///
    /// ## Example
    /// ```python
    /// for name in ages:
    ///     print(name, ages[name])
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// for name, age in ages.items():
    ///     print(name, age)
    /// ```
    code: "C0206",
    symbol: "consider-using-dict-items",
    category: Convention,
    checker: "refactoring",
    trigger: Trigger::Node(&[FOR_STATEMENT, FOR_IN_CLAUSE], check),
}

const MESSAGE: &str = "Consider iterating with .items()";

fn check(ctx: &mut Context, node: Node) {
    let Some(target) = node.child_by_field_id(FIELD_LEFT).filter(|target| target.kind_id() == IDENTIFIER) else {
        return;
    };
    let Some(iterable) = node.child_by_field_id(FIELD_RIGHT) else { return };
    let Some(dictionary) = iterated_dictionary(ctx, iterable) else { return };
    // pylint accepts `d.keys()` when `d.keys` infers to a bound method (a
    // dict's, or any instance's with `keys`), a bare `d` only when it infers to a dict.
    let via_keys = strip_parens(iterable).kind_id() == CALL;
    let wanted = (ctx.text(target), ctx.text(dictionary));
    if node.kind_id() == FOR_STATEMENT {
        let Some(body) = node.child_by_field_id(FIELD_BODY) else { return };
        if !loop_body_looks_up(ctx, node, body, wanted) || !is_certainly_dict(ctx, node, dictionary, via_keys) {
            return;
        }
        ctx.report(node, MESSAGE);
    } else {
        let Some(comprehension) = node.parent() else { return };
        let mut found = false;
        syntax::walk(comprehension, |child| {
            if !found && child.kind_id() == SUBSCRIPT && looks_up(ctx, child, wanted) {
                found = true;
            }
            !found
        });
        if !found || !is_certainly_dict(ctx, node, dictionary, via_keys) {
            return;
        }
        // astroid gives a comprehension clause no position: the line of its
        // target, column 0.
        let row = target.start_position().row as u32;
        let end = node.end_position();
        ctx.report_at(
            Position { line: row, column: 0 },
            Position { line: end.row as u32, column: end.column as u32 },
            MESSAGE,
        );
    }
}

/// `d` in `for k in d` (a name or attribute) or in `for k in d.keys()`.
fn iterated_dictionary<'t>(ctx: &Context<'_, 't>, iterable: Node<'t>) -> Option<Node<'t>> {
    match iterable.kind_id() {
        IDENTIFIER | ATTRIBUTE => Some(iterable),
        CALL => {
            let function = iterable.child_by_field_id(FIELD_FUNCTION).filter(|f| f.kind_id() == ATTRIBUTE)?;
            let arguments = iterable.child_by_field_id(FIELD_ARGUMENTS)?;
            if code_children(arguments).next().is_some() || ctx.text(function.child_by_field_id(FIELD_ATTRIBUTE)?) != "keys" {
                return None;
            }
            function.child_by_field_id(FIELD_OBJECT).filter(|object| matches!(object.kind_id(), IDENTIFIER | ATTRIBUTE))
        }
        _ => None,
    }
}

/// pylint's loop heuristic: the first `d[k]` in the body decides; storing
/// into or deleting `d[k]` means the lookup is needed.
fn loop_body_looks_up(ctx: &Context, for_statement: Node, body: Node, wanted: (&str, &str)) -> bool {
    let scope = ctx.semantic.enclosing_scope(for_statement);
    let for_row = for_statement.start_position().row;
    let mut verdict = None;
    syntax::walk(body, |node| {
        if verdict.is_some() {
            return false;
        }
        if node.kind_id() != SUBSCRIPT || !looks_up(ctx, node, wanted) {
            return true;
        }
        if redefined_before(ctx, scope, wanted.0, for_row, node) {
            return true;
        }
        verdict = Some(!is_store_or_delete(node));
        false
    });
    verdict == Some(true)
}

/// `d[k]` with the wanted key name and dictionary text.
fn looks_up(ctx: &Context, subscript: Node, (key, dictionary): (&str, &str)) -> bool {
    let Some(value) = subscript.child_by_field_id(FIELD_VALUE) else { return false };
    if !matches!(value.kind_id(), IDENTIFIER | ATTRIBUTE) || ctx.text(value) != dictionary {
        return false;
    }
    let slices: Vec<Node> = subscript.children_by_field_id(FIELD_SUBSCRIPT).collect();
    matches!(slices[..], [slice] if slice.kind_id() == IDENTIFIER && ctx.text(slice) == key)
}

/// The loop variable is bound again after the loop header and before this use.
fn redefined_before(ctx: &Context, scope: ScopeId, key: &str, for_row: usize, subscript: Node) -> bool {
    ctx.semantic.bindings_of(scope, key).any(|binding| {
        binding.identifier.start_position().row > for_row && binding.identifier.start_byte() < subscript.start_byte()
    })
}

fn is_store_or_delete<'t>(subscript: Node<'t>) -> bool {
    let Some(parent) = subscript.parent() else { return false };
    match parent.kind_id() {
        ASSIGNMENT | AUGMENTED_ASSIGNMENT => parent.child_by_field_id(FIELD_LEFT) == Some(subscript),
        DELETE_STATEMENT => true,
        EXPRESSION_LIST => parent.parent().is_some_and(|grand| grand.kind_id() == DELETE_STATEMENT),
        _ => false,
    }
}

/// Whether astroid would infer `dictionary` to a dict (or, `via_keys`, to
/// an instance with a `keys` method), for the cases that are certain from
/// this module and the modules it imports.
pub(super) fn is_certainly_dict(ctx: &Context, at: Node, dictionary: Node, via_keys: bool) -> bool {
    // After `if not d: return`, astroid drops the falsy (empty) dict it
    // would infer: what is left depends on values not modelled.
    if crate::semantic::infer::constraint_may_drop(ctx.source, dictionary, crate::semantic::infer::Literal::Dict) {
        return false;
    }
    let scope = ctx.semantic.enclosing_scope(at);
    match dictionary.kind_id() {
        IDENTIFIER => name_is_dict(ctx, scope, ctx.text(dictionary), at, via_keys),
        ATTRIBUTE => self_attribute_is_dict(ctx, scope, dictionary),
        _ => false,
    }
}

fn name_is_dict(ctx: &Context, scope: ScopeId, name: &str, at: Node, via_keys: bool) -> bool {
    match ctx.semantic.resolve(scope, name) {
        Some(defining) if defining != ScopeId(0) => {
            let mut bindings = ctx.semantic.bindings_of(defining, name);
            let (Some(only), None) = (bindings.next(), bindings.next()) else { return false };
            match only.kind {
                BindingKind::Parameter => only.statement.kind_id() == DICTIONARY_SPLAT_PATTERN,
                BindingKind::Import => imports_dict(ctx, only),
                _ if only.identifier.start_byte() >= at.start_byte() => false,
                _ => {
                    assigns_dict(ctx, only)
                        || assigned_value(only).is_some_and(|value| {
                            let scope = ctx.semantic.enclosing_scope(value);
                            // `n2i = self._node2info`: an alias of a dict attribute.
                            (value.kind_id() == ATTRIBUTE && self_attribute_is_dict(ctx, scope, value))
                                || (via_keys && creates_instance_with_keys(ctx, scope, value))
                        })
                }
            }
        }
        _ => {
            // A global: every module-level binding and every assignment made
            // under `global` in a function.
            let mut bindings: Vec<&Binding> = ctx.semantic.bindings_of(ScopeId(0), name).collect();
            for (function, scope) in ctx.semantic.function_scopes() {
                if scope.globals.contains(name) {
                    bindings.extend(ctx.semantic.bindings_of(function, name));
                }
            }
            !bindings.is_empty() && bindings.iter().all(|binding| assigns_dict(ctx, binding) || imports_dict(ctx, binding))
        }
    }
}

/// `from module import NAME` where the module binds NAME to a dict only.
fn imports_dict(ctx: &Context, binding: &Binding) -> bool {
    binding.kind == BindingKind::Import
        && matches!(ctx.resolve_imported(binding.statement, binding.name), Some(summary::Resolved::Dict))
}

/// The value of a plain `name = value` binding (no unpacking).
fn assigned_value<'t>(binding: &Binding<'t>) -> Option<Node<'t>> {
    if binding.kind != BindingKind::Assignment || binding.unpacked {
        return None;
    }
    let assignment = binding.identifier.parent().filter(|parent| parent.kind_id() == ASSIGNMENT)?;
    (assignment.child_by_field_id(FIELD_LEFT) == Some(binding.identifier))
        .then(|| assignment.child_by_field_id(FIELD_RIGHT))
        .flatten()
        .map(strip_parens)
}

/// `Class(...)` or `self.method(...)` whose every return is `Class(...)`,
/// with `Class` defined at the top of this module with a `keys` method.
fn creates_instance_with_keys(ctx: &Context, scope: ScopeId, value: Node) -> bool {
    if value.kind_id() != CALL {
        return false;
    }
    let Some(function) = value.child_by_field_id(FIELD_FUNCTION) else { return false };
    match function.kind_id() {
        IDENTIFIER => instantiates_class_with_keys(ctx, value),
        ATTRIBUTE => {
            let (Some(object), Some(method_name)) =
                (function.child_by_field_id(FIELD_OBJECT), function.child_by_field_id(FIELD_ATTRIBUTE))
            else {
                return false;
            };
            if object.kind_id() != IDENTIFIER || ctx.text(object) != "self" {
                return false;
            }
            let Some(class) = enclosing_method_class(ctx, scope) else { return false };
            let Some(method) = only_method(ctx, class, ctx.text(method_name)) else { return false };
            let returns = returned_values(method);
            !returns.is_empty()
                && returns.iter().all(|value| value.is_some_and(|value| instantiates_class_with_keys(ctx, value)))
        }
        _ => false,
    }
}

/// `Class(...)` for a class bound once at module level, defining `keys`.
fn instantiates_class_with_keys(ctx: &Context, call: Node) -> bool {
    let call = strip_parens(call);
    let Some(function) = call.child_by_field_id(FIELD_FUNCTION).filter(|f| call.kind_id() == CALL && f.kind_id() == IDENTIFIER)
    else {
        return false;
    };
    let mut bindings = ctx.semantic.bindings_of(ScopeId(0), ctx.text(function));
    let (Some(only), None) = (bindings.next(), bindings.next()) else { return false };
    if only.kind != BindingKind::ClassDef {
        return false;
    }
    let Some(class) = only.identifier.parent() else { return false };
    only_method(ctx, class, "keys").is_some()
}

/// The one method called `name` defined directly in `class`'s body.
fn only_method<'t>(ctx: &Context<'_, 't>, class: Node<'t>, name: &str) -> Option<Node<'t>> {
    let body = class.child_by_field_id(FIELD_BODY)?;
    let mut methods = code_children(body).map(syntax::undecorated).filter(|definition| {
        definition.kind_id() == FUNCTION_DEFINITION
            && definition.child_by_field_id(FIELD_NAME).is_some_and(|method| ctx.text(method) == name)
    });
    match (methods.next(), methods.next()) {
        (Some(method), None) => Some(method),
        _ => None,
    }
}

/// The values of `function`'s return statements (`None` for a bare `return`),
/// nested functions and classes excluded.
fn returned_values(function: Node) -> Vec<Option<Node>> {
    let mut values = Vec::new();
    let Some(body) = function.child_by_field_id(FIELD_BODY) else { return values };
    syntax::walk(body, |node| match node.kind_id() {
        FUNCTION_DEFINITION | CLASS_DEFINITION | LAMBDA => false,
        RETURN_STATEMENT => {
            values.push(code_children(node).next());
            false
        }
        _ => true,
    });
    values
}

/// `name = {...}` / `name = dict(...)`, not unpacked.
fn assigns_dict(ctx: &Context, binding: &Binding) -> bool {
    if binding.kind != BindingKind::Assignment || binding.unpacked {
        return false;
    }
    let Some(assignment) = binding.identifier.parent().filter(|parent| parent.kind_id() == ASSIGNMENT) else {
        return false;
    };
    assignment.child_by_field_id(FIELD_LEFT) == Some(binding.identifier)
        && assignment
            .child_by_field_id(FIELD_RIGHT)
            .is_some_and(|value| is_dict_value(ctx, ctx.semantic.enclosing_scope(assignment), value))
}

/// `{...}` or `dict(...)` (astroid infers both to a dict display).
fn is_dict_value(ctx: &Context, scope: ScopeId, value: Node) -> bool {
    let value = strip_parens(value);
    match value.kind_id() {
        DICTIONARY => true,
        CALL => value.child_by_field_id(FIELD_FUNCTION).is_some_and(|function| {
            function.kind_id() == IDENTIFIER && ctx.text(function) == "dict" && ctx.semantic.is_builtin(scope, "dict")
        }),
        _ => false,
    }
}

/// `self.attr` in a method, where every `self.attr = ...` of the class (and
/// a class-level `attr = ...`) assigns a dict.
fn self_attribute_is_dict(ctx: &Context, scope: ScopeId, attribute: Node) -> bool {
    let (Some(object), Some(name)) = (attribute.child_by_field_id(FIELD_OBJECT), attribute.child_by_field_id(FIELD_ATTRIBUTE))
    else {
        return false;
    };
    if object.kind_id() != IDENTIFIER || ctx.text(object) != "self" {
        return false;
    }
    let Some(class) = enclosing_method_class(ctx, scope) else { return false };
    let Some(class_scope) = ctx.semantic.scope_of(class) else { return false };
    let name = ctx.text(name);
    let mut values = Vec::new();
    for binding in ctx.semantic.bindings_of(class_scope, name) {
        match binding.identifier.parent().filter(|parent| parent.kind_id() == ASSIGNMENT && !binding.unpacked) {
            Some(assignment) => values.push((assignment.child_by_field_id(FIELD_RIGHT), class_scope)),
            None => return false,
        }
    }
    let Some(body) = class.child_by_field_id(FIELD_BODY) else { return false };
    let mut other_store = false;
    syntax::walk(body, |node| {
        if node.kind_id() == ATTRIBUTE && is_self_attribute(ctx, node, name) {
            match node.parent() {
                Some(parent) if parent.kind_id() == ASSIGNMENT && parent.child_by_field_id(FIELD_LEFT) == Some(node) => {
                    values.push((parent.child_by_field_id(FIELD_RIGHT), ctx.semantic.enclosing_scope(parent)));
                }
                Some(parent) if is_store_context(parent, node) => other_store = true,
                _ => {}
            }
        }
        true
    });
    !other_store
        && !values.is_empty()
        && values.iter().all(|(value, scope)| value.is_some_and(|value| is_dict_value(ctx, *scope, value)))
}

fn is_self_attribute(ctx: &Context, node: Node, name: &str) -> bool {
    node.child_by_field_id(FIELD_OBJECT).is_some_and(|object| object.kind_id() == IDENTIFIER && ctx.text(object) == "self")
        && node.child_by_field_id(FIELD_ATTRIBUTE).is_some_and(|attribute| ctx.text(attribute) == name)
}

/// Targets other than a plain `self.attr = value`: unpacking, `for`, `with`, augmented.
fn is_store_context(parent: Node, node: Node) -> bool {
    match parent.kind_id() {
        PATTERN_LIST | TUPLE_PATTERN | LIST_PATTERN => true,
        AUGMENTED_ASSIGNMENT | ASSIGNMENT | FOR_STATEMENT | FOR_IN_CLAUSE => parent.child_by_field_id(FIELD_LEFT) == Some(node),
        AS_PATTERN_TARGET => true,
        _ => false,
    }
}

/// The class of the method that holds `scope` (a method body, or a scope nested in one).
fn enclosing_method_class<'t>(ctx: &Context<'_, 't>, mut scope: ScopeId) -> Option<Node<'t>> {
    loop {
        let current = ctx.semantic.scope(scope);
        let parent = current.parent?;
        if current.kind == ScopeKind::Function && ctx.semantic.scope(parent).kind == ScopeKind::Class {
            return Some(ctx.semantic.scope(parent).node);
        }
        scope = parent;
    }
}
