use super::prelude::*;
use super::unreachable::{call_never_returns, Purpose, Tri};
use std::collections::HashSet;

declare_rule! {
    /// ## What it does
    /// Checks for functions where some `return` statements return a value and
    /// others do not: a bare `return`, or the end of the function reached
    /// without a `return`.
    ///
    /// ## Why is this bad?
    /// PEP 8: if any return statement returns an expression, every return
    /// should return one (`return None` where there is nothing to return),
    /// and the function should end with an explicit `return`. Mixing the two
    /// hides whether falling off the end is intended.
    ///
    /// ## Example
    /// ```python
    /// def find(items, wanted):
    ///     for item in items:
    ///         if item == wanted:
    ///             return item
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// def find(items, wanted):
    ///     for item in items:
    ///         if item == wanted:
    ///             return item
    ///     return None
    /// ```
    ///
    /// A call that never returns (`sys.exit()`, a function annotated
    /// `NoReturn`), a `raise` and an endless `while True:` loop count as an
    /// explicit end. `async def` functions are not checked, as in pylint.
    code: "R1710",
    symbol: "inconsistent-return-statements",
    category: Refactor,
    checker: "refactoring",
    trigger: Trigger::Module(check),
}

fn check(ctx: &mut Context) {
    let noreturn_names = noreturn_function_names(ctx);
    for function in checked_functions(ctx.module.root()) {
        let Some(returns) = returns_of(ctx, function) else { continue };
        let explicit = returns.iter().filter(|r| code_children(**r).next().is_some()).count();
        if explicit == 0 {
            continue;
        }
        if explicit == returns.len() {
            let evaluator = Evaluator { ctx, noreturn_names: &noreturn_names };
            if evaluator.function_ends(function) != Tri::No {
                continue;
            }
        }
        ctx.report(function, "Either all return statements in a function should return an expression, or none of them should.");
    }
}

/// The functions pylint's `leave_functiondef` sees: every `def`, not
/// `async def` (astroid's `AsyncFunctionDef` has its own visit name).
pub(crate) fn checked_functions(root: Node) -> Vec<Node> {
    let mut functions = Vec::new();
    syntax::walk(root, |node| {
        let kind = node.kind_id();
        if kind == FUNCTION_DEFINITION && !syntax::is_async(node) {
            functions.push(node);
        }
        holds_statements(kind)
    });
    functions
}

/// Nodes whose children can be statements.
fn holds_statements(kind: u16) -> bool {
    matches!(
        kind,
        MODULE
            | BLOCK
            | IF_STATEMENT
            | ELIF_CLAUSE
            | ELSE_CLAUSE
            | FOR_STATEMENT
            | WHILE_STATEMENT
            | TRY_STATEMENT
            | EXCEPT_CLAUSE
            | FINALLY_CLAUSE
            | WITH_STATEMENT
            | FUNCTION_DEFINITION
            | CLASS_DEFINITION
            | DECORATED_DEFINITION
            | MATCH_STATEMENT
            | CASE_CLAUSE
    )
}

/// The `return` statements of `function`, not those of nested functions;
/// `None` when a nested `def` has the same name: pylint keeps the returns
/// by function name and the inner function's exit empties the outer's list.
pub(crate) fn returns_of<'t>(ctx: &Context<'_, 't>, function: Node<'t>) -> Option<Vec<Node<'t>>> {
    let name = function.child_by_field_id(FIELD_NAME).map(|name| ctx.text(name));
    let body = function.child_by_field_id(FIELD_BODY)?;
    let mut returns = Vec::new();
    let mut shadowed = false;
    syntax::walk(body, |node| {
        let kind = node.kind_id();
        if kind == FUNCTION_DEFINITION
            && !syntax::is_async(node)
            && node.child_by_field_id(FIELD_NAME).map(|inner| ctx.text(inner)) == name
        {
            shadowed = true;
        }
        if kind == RETURN_STATEMENT && !inside_nested_function(node, function) {
            returns.push(node);
        }
        holds_statements(kind)
    });
    (!shadowed).then_some(returns)
}

fn inside_nested_function<'t>(node: Node<'t>, function: Node<'t>) -> bool {
    let mut current = node.parent();
    while let Some(ancestor) = current {
        if ancestor.id() == function.id() {
            return false;
        }
        if ancestor.kind_id() == FUNCTION_DEFINITION {
            return true;
        }
        current = ancestor.parent();
    }
    false
}

/// Names of the functions and methods of this module annotated with
/// something named `NoReturn` or `Never`.
fn noreturn_function_names<'t>(ctx: &Context<'_, 't>) -> HashSet<&'t str> {
    ctx.semantic
        .bindings
        .iter()
        .filter(|binding| binding.kind == BindingKind::FunctionDef)
        .filter(|binding| {
            let annotation = binding.identifier.parent()
                .and_then(|definition| definition.child_by_field_id(FIELD_RETURN_TYPE))
                .and_then(|annotation| code_children(annotation).next())
                .map(strip_parens);
            let name = annotation.and_then(|annotation| match annotation.kind_id() {
                IDENTIFIER => Some(annotation),
                ATTRIBUTE => annotation.child_by_field_id(FIELD_ATTRIBUTE),
                _ => None,
            });
            name.is_some_and(|name| matches!(ctx.text(name), "NoReturn" | "Never"))
        })
        .map(|binding| binding.name)
        .collect()
}

/// pylint's `_is_node_return_ended` and its helpers.
struct Evaluator<'c, 'a, 't> {
    ctx: &'c Context<'a, 't>,
    noreturn_names: &'c HashSet<&'t str>,
}

impl<'t> Evaluator<'_, '_, 't> {
    /// The function node itself: any of its children (decorators, defaults,
    /// annotations, body) ends in a return.
    fn function_ends(&self, function: Node<'t>) -> Tri {
        let decorators = function.parent()
            .filter(|parent| parent.kind_id() == DECORATED_DEFINITION)
            .map(|parent| self.any_child_ends(parent, Some(function)))
            .unwrap_or(Tri::No);
        if decorators == Tri::Yes {
            return Tri::Yes;
        }
        decorators.max(self.any_child_ends(function, None))
    }

    fn ends(&self, node: Node<'t>) -> Tri {
        match node.kind_id() {
            RETURN_STATEMENT => Tri::Yes,
            CALL => call_never_returns(self.ctx, node, Purpose::Returns, Some(self.noreturn_names)),
            WHILE_STATEMENT => self.while_ends(node),
            RAISE_STATEMENT => self.raise_ends(node),
            IF_STATEMENT => {
                let alternatives: Vec<Node> = node.children_by_field_id(FIELD_ALTERNATIVE).collect();
                match node.child_by_field_id(FIELD_CONSEQUENCE) {
                    Some(body) => self.if_ends(node, body, &alternatives, false),
                    None => Tri::No,
                }
            }
            TRY_STATEMENT if !is_try_star(node) => self.try_ends(node),
            ASSERT_STATEMENT if asserts_false(self.ctx, node) => Tri::Yes,
            _ => self.any_child_ends(node, None),
        }
    }

    /// astroid's default: any child ends in a return. Walked with a stack as
    /// expressions nest arbitrarily deep. `skip`: a child to leave out.
    fn any_child_ends(&self, node: Node<'t>, skip: Option<Node<'t>>) -> Tri {
        let mut result = Tri::No;
        let mut pending: Vec<Node<'t>> = code_children(node).filter(|child| Some(*child) != skip).collect();
        while let Some(current) = pending.pop() {
            if matches!(
                current.kind_id(),
                RETURN_STATEMENT | CALL | WHILE_STATEMENT | RAISE_STATEMENT | IF_STATEMENT | TRY_STATEMENT | ASSERT_STATEMENT
            ) {
                let verdict = self.ends(current);
                if verdict == Tri::Yes {
                    return Tri::Yes;
                }
                result = result.max(verdict);
            } else {
                pending.extend(code_children(current));
            }
        }
        result
    }

    fn statements_end(&self, block: Option<Node<'t>>, skip_functions: bool) -> Tri {
        let Some(block) = block else { return Tri::No };
        Tri::any(
            syntax::statements_of(block)
                .into_iter()
                .filter(|statement| !(skip_functions && is_function_statement(*statement)))
                .map(|statement| self.ends(statement)),
        )
    }

    /// `_is_if_node_return_ended`; an `elif` is an `If` alone in the `orelse`
    /// of the previous one.
    fn if_ends(&self, if_node: Node<'t>, body: Node<'t>, alternatives: &[Node<'t>], is_elif: bool) -> Tri {
        let body_ends = self.statements_end(Some(body), true);
        match alternatives.split_first() {
            None => {
                // An `elif` has no siblings in astroid.
                if !is_elif && has_return_in_siblings(if_node) {
                    body_ends
                } else {
                    Tri::No
                }
            }
            Some((elif, rest)) if elif.kind_id() == ELIF_CLAUSE => match elif.child_by_field_id(FIELD_CONSEQUENCE) {
                Some(elif_body) => body_ends.and(self.if_ends(*elif, elif_body, rest, true)),
                None => Tri::No,
            },
            Some((else_clause, _)) => body_ends.and(self.statements_end(syntax::body_of(*else_clause), true)),
        }
    }

    /// A `while` with a truthy constant test and no `break` ends; otherwise
    /// only its `else` counts.
    fn while_ends(&self, node: Node<'t>) -> Tri {
        let endless = node.child_by_field_id(FIELD_CONDITION).is_some_and(|test| is_truthy_constant(self.ctx, test))
            && !loop_exits_early(node);
        if endless {
            return Tri::Yes;
        }
        let else_body = node.child_by_field_id(FIELD_ALTERNATIVE).and_then(syntax::body_of);
        self.statements_end(else_body, false)
    }

    fn try_ends(&self, node: Node<'t>) -> Tri {
        let mut others = Vec::new();
        let mut handlers = Vec::new();
        for child in code_children(node) {
            match child.kind_id() {
                BLOCK => others.extend(syntax::statements_of(child)),
                ELSE_CLAUSE | FINALLY_CLAUSE => {
                    if let Some(body) = syntax::body_of(child) {
                        others.extend(syntax::statements_of(body));
                    }
                }
                EXCEPT_CLAUSE => handlers.push(child),
                _ => {}
            }
        }
        let others_end = Tri::any(others.into_iter().map(|statement| self.ends(statement)));
        if others_end == Tri::No {
            return Tri::No;
        }
        others_end.and(Tri::all(handlers.into_iter().map(|handler| self.any_child_ends(handler, None))))
    }

    /// `_is_raise_node_return_ended`: a raise ends the function unless a
    /// handler of the enclosing `try` catches it and does not return.
    fn raise_ends(&self, node: Node<'t>) -> Tri {
        let cause = node.child_by_field_id(FIELD_CAUSE);
        let Some(exception) = code_children(node).find(|child| Some(*child) != cause) else {
            return Tri::Yes; // bare `raise`
        };
        let Some(try_node) = enclosing_try(node) else { return Tri::Yes };
        let exception = strip_parens(exception);
        if is_plain_parameter(self.ctx, exception) {
            return Tri::No; // uninferable
        }
        let Some(caught_as) = exception_type_name(self.ctx, exception) else { return Tri::Maybe };
        let handlers: Vec<Node> = code_children(try_node)
            .filter(|child| child.kind_id() == EXCEPT_CLAUSE)
            .filter(|handler| handler_names(self.ctx, *handler).contains(&caught_as))
            .collect();
        if handlers.is_empty() {
            return Tri::Yes;
        }
        Tri::any(handlers.into_iter().map(|handler| self.any_child_ends(handler, None)))
    }
}

fn is_function_statement(statement: Node) -> bool {
    syntax::undecorated(statement).kind_id() == FUNCTION_DEFINITION
}

fn has_return_in_siblings<'t>(node: Node<'t>) -> bool {
    let Some(parent) = node.parent() else { return false };
    let found = parent
        .named_children()
        .skip_while(|sibling| sibling.id() != node.id())
        .skip(1)
        .any(|sibling| sibling.kind_id() == RETURN_STATEMENT);
    found
}

/// `try` with an `except*` clause: astroid's `TryStar`.
fn is_try_star(node: Node) -> bool {
    code_children(node)
        .any(|child| child.kind_id() == EXCEPT_CLAUSE && super::no_else_return::is_except_star(child))
}

/// `find_try_except_wrapper_node` is a `Try`: the nearest `try` (body, `else`
/// or `finally`) or `except` clause around the node is a `try`.
fn enclosing_try<'t>(node: Node<'t>) -> Option<Node<'t>> {
    let mut current = node.parent();
    while let Some(ancestor) = current {
        match ancestor.kind_id() {
            EXCEPT_CLAUSE => return None,
            TRY_STATEMENT if !is_try_star(ancestor) => return Some(ancestor),
            _ => {}
        }
        current = ancestor.parent();
    }
    None
}

/// The last part of `exc.pytype()` for a raised expression: the class name
/// of a raised instance, `type` for a raised class; `None` when only
/// inference could tell.
fn exception_type_name<'t>(ctx: &Context<'_, 't>, exception: Node<'t>) -> Option<&'t str> {
    match exception.kind_id() {
        CALL => {
            let function = strip_parens(exception.child_by_field_id(FIELD_FUNCTION)?);
            (function.kind_id() == IDENTIFIER && names_a_class(ctx, function)).then(|| ctx.text(function))
        }
        IDENTIFIER => names_a_class(ctx, exception).then_some("type"),
        _ => None,
    }
}

/// A name bound only as a parameter without default value, which astroid
/// cannot infer (the first parameter of a method would be the instance).
fn is_plain_parameter(ctx: &Context, node: Node) -> bool {
    if node.kind_id() != IDENTIFIER {
        return false;
    }
    let name = ctx.text(node);
    let scope = ctx.semantic.enclosing_scope(node);
    let Some(defined_in) = ctx.semantic.resolve(scope, name) else { return false };
    let bindings: Vec<_> = ctx.semantic.bindings_of(defined_in, name).collect();
    let [binding] = bindings[..] else { return false };
    if binding.kind != BindingKind::Parameter {
        return false;
    }
    let Some(parameter) = binding.identifier.parent() else { return false };
    let plain = match parameter.kind_id() {
        PARAMETERS => true,
        TYPED_PARAMETER => parameter.parent().is_some_and(|parent| parent.kind_id() == PARAMETERS),
        _ => false,
    };
    let parameter = if parameter.kind_id() == PARAMETERS { binding.identifier } else { parameter };
    let is_first = parameter.prev_named_sibling().is_none();
    let function = ctx.semantic.scope(defined_in).node;
    let in_class = function.parent()
        .map(|parent| if parent.kind_id() == DECORATED_DEFINITION { parent } else { function })
        .and_then(|statement| statement.parent())
        .and_then(|block| block.parent())
        .is_some_and(|owner| owner.kind_id() == CLASS_DEFINITION);
    plain && function.kind_id() == FUNCTION_DEFINITION && !(is_first && in_class)
}

/// A builtin class, or a class of this module (every binding a `class`).
fn names_a_class(ctx: &Context, identifier: Node) -> bool {
    let name = ctx.text(identifier);
    let scope = ctx.semantic.enclosing_scope(identifier);
    match ctx.semantic.resolve(scope, name) {
        None => {
            crate::semantic::is_builtin_name(name)
                && name.starts_with(|c: char| c.is_ascii_uppercase())
                && !matches!(name, "True" | "False" | "None" | "Ellipsis" | "NotImplemented")
        }
        Some(defined_in) => {
            let mut bindings = ctx.semantic.bindings_of(defined_in, name).peekable();
            bindings.peek().is_some() && bindings.all(|binding| binding.kind == BindingKind::ClassDef)
        }
    }
}

/// The `Name` nodes of a handler's type (astroid's `_get_name_nodes`):
/// `except (a.B, C)` gives `a` and `C`.
fn handler_names<'t>(ctx: &Context<'_, 't>, handler: Node<'t>) -> Vec<&'t str> {
    let mut names = Vec::new();
    for value in handler.children_by_field_id(FIELD_VALUE) {
        syntax::walk(value, |node| {
            match node.kind_id() {
                IDENTIFIER => {
                    let is_attribute_name = node.parent().is_some_and(|parent| {
                        parent.kind_id() == ATTRIBUTE
                            && parent.child_by_field_id(FIELD_ATTRIBUTE).is_some_and(|attr| attr.id() == node.id())
                    });
                    if !is_attribute_name {
                        names.push(ctx.text(node));
                    }
                }
                KEYWORD_ARGUMENT => {
                    // The keyword itself is no `Name`.
                    if let Some(value) = node.child_by_field_id(FIELD_VALUE) {
                        syntax::walk(value, |inner| {
                            if inner.kind_id() == IDENTIFIER {
                                names.push(ctx.text(inner));
                            }
                            true
                        });
                    }
                    return false;
                }
                _ => {}
            }
            true
        });
    }
    names
}

/// `assert False` / `assert 0`: astroid's `Const(value=False | 0)`.
fn asserts_false(ctx: &Context, node: Node) -> bool {
    let Some(test) = code_children(node).next().map(strip_parens) else { return false };
    match test.kind_id() {
        FALSE => true,
        INTEGER | FLOAT => numeric_value(ctx.text(test)) == Some(0.0),
        _ => false,
    }
}

fn numeric_value(text: &str) -> Option<f64> {
    let text = text.replace('_', "");
    let text = text.trim_end_matches(['j', 'J', 'l', 'L']);
    let lower = text.to_ascii_lowercase();
    let radix = |prefix: &str, radix: u32| lower.strip_prefix(prefix).and_then(|digits| u128::from_str_radix(digits, radix).ok());
    if let Some(value) = radix("0x", 16).or_else(|| radix("0o", 8)).or_else(|| radix("0b", 2)) {
        return Some(value as f64);
    }
    lower.parse::<f64>().ok()
}

/// astroid's `bool_value()` is `True` for the loop test (a constant or a
/// literal display; anything else is uninferable, which counts as false).
fn is_truthy_constant(ctx: &Context, test: Node) -> bool {
    let test = strip_parens(test);
    match test.kind_id() {
        TRUE | LAMBDA => true,
        INTEGER | FLOAT => numeric_value(ctx.text(test)).is_some_and(|value| value != 0.0),
        STRING => string_is_nonempty_constant(ctx, test) == Some(true),
        CONCATENATED_STRING => {
            let parts: Vec<Option<bool>> = code_children(test).map(|part| string_is_nonempty_constant(ctx, part)).collect();
            parts.iter().all(Option::is_some) && parts.iter().any(|part| *part == Some(true))
        }
        LIST | TUPLE | SET | DICTIONARY => code_children(test).next().is_some(),
        _ => false,
    }
}

/// `Some(non-empty)` for a string constant; `None` for an f-string.
fn string_is_nonempty_constant(ctx: &Context, string: Node) -> Option<bool> {
    if string.kind_id() != STRING || syntax::string_prefix(ctx.source, string).to_ascii_lowercase().contains('f') {
        return None;
    }
    let nonempty = string.children().any(|part| part.kind_id() == STRING_CONTENT && part.byte_range().len() > 0);
    Some(nonempty)
}

/// `_loop_exits_early`: a `break` that leaves this loop (or, from its
/// `else`, an outer one), not one of an inner loop.
fn loop_exits_early<'t>(loop_node: Node<'t>) -> bool {
    let mut found = false;
    syntax::walk(loop_node, |node| {
        if found {
            return false;
        }
        match node.kind_id() {
            FUNCTION_DEFINITION | CLASS_DEFINITION => false,
            BREAK_STATEMENT => {
                let owner = break_owner(node);
                let inner = owner.is_some_and(|owner| {
                    owner.id() != loop_node.id()
                        && loop_node.start_byte() <= owner.start_byte()
                        && owner.end_byte() <= loop_node.end_byte()
                });
                found = !inner;
                false
            }
            _ => true,
        }
    });
    found
}

/// The loop a `break` leaves (`_get_break_loop_node`): a break in a loop's
/// `else` belongs to the loop around it.
fn break_owner<'t>(node: Node<'t>) -> Option<Node<'t>> {
    let mut child = node;
    let mut current = node.parent();
    while let Some(ancestor) = current {
        if matches!(ancestor.kind_id(), FOR_STATEMENT | WHILE_STATEMENT) && child.kind_id() != ELSE_CLAUSE {
            return Some(ancestor);
        }
        child = ancestor;
        current = ancestor.parent();
    }
    None
}
