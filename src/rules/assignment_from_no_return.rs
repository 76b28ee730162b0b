use super::prelude::*;
use super::too_many_ancestors::{ClassRef, Hierarchy};
use crate::semantic::summary::first_statement_raises_not_implemented;

declare_rule! {
    /// ## What it does
    /// Checks for assignments of a call's result where the called function
    /// has no `return` statement at all.
    ///
    /// ## Why is this bad?
    /// Such a function always returns `None`; assigning its result is
    /// usually a mistake (the function was meant to return something, or
    /// the call was meant to be a statement).
    ///
    /// The called function must be known for certain: a function of this
    /// module called by a name bound only to it, or a method called through
    /// `self` and found in the class or its ancestors in this module. As in
    /// pylint, decorated, async, abstract and generator functions and those
    /// that only raise are not checked.
    ///
    /// ## Example
    /// ```python
    /// def log(message):
    ///     print(message)
    ///
    /// result = log("started")
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// log("started")
    /// ```
    code: "E1111",
    symbol: "assignment-from-no-return",
    category: Error,
    checker: "typecheck",
    trigger: Trigger::Node(&[ASSIGNMENT], check),
}

fn check(ctx: &mut Context, assignment: Node) {
    if called_function_returns(ctx, assignment) != Some(Returns::Nothing) {
        return;
    }
    let Some(callee) = assignment.child_by_field_id(FIELD_RIGHT).and_then(|call| call.child_by_field_id(FIELD_FUNCTION)) else {
        return;
    };
    let name = match callee.kind_id() {
        ATTRIBUTE => callee.child_by_field_id(FIELD_ATTRIBUTE).map_or("", |name| ctx.text(name)),
        _ => ctx.text(callee),
    };
    // pylint's default `known-side-effects-only-functions`.
    let hint = match name {
        "reverse" => ", did you mean to use 'reversed(...)' instead?",
        "sort" => ", did you mean to use 'sorted(...)' instead?",
        _ => "",
    };
    let message = format!("Assigning result of a function call, but '{name}' returns None{hint}");
    ctx.report(assignment_statement(assignment), message);
}

/// What the returns of a called function give.
#[derive(PartialEq, Eq, Debug)]
pub(crate) enum Returns {
    /// No `return` statement.
    Nothing,
    /// Only `return None` and bare `return`.
    OnlyNone,
    /// Anything else.
    Other,
}

/// The statement pylint reports on: the whole `a = b = f()` chain.
pub(crate) fn assignment_statement(assignment: Node) -> Node {
    let mut top = assignment;
    while let Some(parent) = top.parent().filter(|parent| parent.kind_id() == ASSIGNMENT) {
        top = parent;
    }
    top
}

/// pylint's `_check_assignment_from_function_call` up to its verdict:
/// `None` when the assignment is not a call of a function known for certain,
/// or the function is one pylint does not analyze.
pub(crate) fn called_function_returns(ctx: &Context, assignment: Node) -> Option<Returns> {
    // The innermost assignment of a chain holds the value.
    let value = assignment.child_by_field_id(FIELD_RIGHT)?;
    if value.kind_id() != CALL || assignment.child_by_field_id(FIELD_TYPE).is_some() {
        return None;
    }
    returns_of(ctx, called_function(ctx, value)?)
}

/// The def a call calls, when it is known for certain (see `called_function_returns`).
pub(crate) fn called_function<'t>(ctx: &Context<'_, 't>, call: Node<'t>) -> Option<Node<'t>> {
    let callee = call.child_by_field_id(FIELD_FUNCTION)?;
    match callee.kind_id() {
        IDENTIFIER => function_bound_to(ctx, callee),
        ATTRIBUTE => method_through_self(ctx, callee),
        _ => None,
    }
}

/// The def a name refers to, when that def is its only binding.
fn function_bound_to<'t>(ctx: &Context<'_, 't>, identifier: Node<'t>) -> Option<Node<'t>> {
    let name = ctx.text(identifier);
    let scope = ctx.semantic.resolve(ctx.semantic.enclosing_scope(identifier), name)?;
    let mut bindings = ctx.semantic.bindings_of(scope, name);
    let (Some(binding), None) = (bindings.next(), bindings.next()) else { return None };
    (binding.kind == BindingKind::FunctionDef && ctx.semantic.scope(scope).kind != ScopeKind::Class)
        .then(|| binding.statement)
        .map(syntax::undecorated)
}

/// `self.method` in a method of a class, where `method` is found in the class
/// or its ancestors in this module (first binding a def) and nothing stores
/// an instance attribute of that name.
fn method_through_self<'t>(ctx: &Context<'_, 't>, attribute: Node<'t>) -> Option<Node<'t>> {
    let object = attribute.child_by_field_id(FIELD_OBJECT)?;
    let name = ctx.text(attribute.child_by_field_id(FIELD_ATTRIBUTE)?);
    if object.kind_id() != IDENTIFIER {
        return None;
    }
    let method = crate::semantic::astroid::enclosing_function(attribute)?;
    let instance = super::too_many_instance_attributes::instance_parameter(ctx, method)?;
    if ctx.text(object) != instance || ctx.semantic.bindings_of(ctx.semantic.scope_of(method)?, instance).count() != 1 {
        return None;
    }
    let class = method.parent().map(|parent| if parent.kind_id() == DECORATED_DEFINITION { parent.parent() } else { Some(parent) })??;
    let class = class.parent().filter(|owner| class.kind_id() == BLOCK && owner.kind_id() == CLASS_DEFINITION)?;
    // Ancestors in astroid's order, each once; any that is not a class of
    // this module (or object) leaves the method unknown.
    let mut hierarchy = Hierarchy::new(ctx);
    let mut order = vec![class];
    let mut index = 0;
    while index < order.len() {
        for base in hierarchy.direct_bases(&ClassRef::Local(order[index]))? {
            match base {
                ClassRef::Local(node) if !order.iter().any(|seen| seen.id() == node.id()) => order.push(node),
                ClassRef::Local(_) | ClassRef::Builtin("object") => {}
                _ => return None,
            }
        }
        index += 1;
    }
    // astroid looks up an instance's attributes before its class's.
    if order.iter().any(|candidate| super::attribute_defined_outside_init::stores_attribute(ctx, *candidate, name)) {
        return None;
    }
    for candidate in order {
        let scope = ctx.semantic.scope_of(candidate)?;
        let Some(first) = ctx.semantic.bindings_of(scope, name).next() else { continue };
        return (first.kind == BindingKind::FunctionDef).then(|| syntax::undecorated(first.statement));
    }
    None
}

/// What the function's `return` statements give, or `None` for the
/// functions pylint leaves alone.
fn returns_of(ctx: &Context, function: Node) -> Option<Returns> {
    let decorated = function.parent().is_some_and(|parent| parent.kind_id() == DECORATED_DEFINITION);
    if decorated || syntax::is_async(function) || first_statement_raises_not_implemented(ctx.source, function) {
        return None;
    }
    let body = function.child_by_field_id(FIELD_BODY)?;
    let statements: Vec<Node> =
        code_children(body).filter(|statement| !ctx.is_docstring(*statement)).collect();
    // pylint's `is_error`: the body is a single `raise`.
    if matches!(statements[..], [only] if only.kind_id() == RAISE_STATEMENT) {
        return None;
    }
    let (returns, generator) = crate::semantic::infer::returns_of(body);
    // A body ending in a `raise`, with no `return`, never returns normally.
    if generator || (returns.is_empty() && statements.last().is_some_and(|last| last.kind_id() == RAISE_STATEMENT)) {
        return None;
    }
    if returns.is_empty() {
        return Some(Returns::Nothing);
    }
    let only_none = returns
        .iter()
        .all(|statement| code_children(*statement).next().is_none_or(|value| value.kind_id() == NONE));
    Some(if only_none { Returns::OnlyNone } else { Returns::Other })
}
