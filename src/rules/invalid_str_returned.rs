use super::prelude::*;
use crate::semantic::classes::decorator_expressions;
use crate::semantic::infer::{returns_of, ClassRef, Inferrer, Literal, Value};

declare_rule! {
    /// ## What it does
    /// Checks for `__str__` methods whose one return value is certainly not
    /// a `str`: a literal of another type (a number, `None`, bytes, a
    /// container, a lambda), a function or class, an instance of a class of
    /// the module that does not derive from `str`, or the `bytes` of
    /// `str.encode()`. A `__str__` that yields, or that ends without
    /// returning, returns something else too.
    ///
    /// As in pylint, only a method whose returns infer to a single value is
    /// checked; when several `return` statements or an unknown value leave
    /// the result open, nothing is reported.
    ///
    /// ## Why is this bad?
    /// `str()` and `print()` call `__str__` and raise `TypeError: __str__
    /// returned non-string` when it returns anything else.
    ///
    /// ## Example
    /// ```python
    /// class Temperature:
    ///     def __init__(self, degrees):
    ///         self.degrees = degrees
    ///
    ///     def __str__(self):
    ///         return self.degrees
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// class Temperature:
    ///     def __init__(self, degrees):
    ///         self.degrees = degrees
    ///
    ///     def __str__(self):
    ///         return f"{self.degrees}°"
    /// ```
    code: "E0307",
    symbol: "invalid-str-returned",
    category: Error,
    checker: "classes",
    trigger: Trigger::Node(&[FUNCTION_DEFINITION], check),
}

fn check(ctx: &mut Context, function: Node) {
    if !function.child_by_field_id(FIELD_NAME).is_some_and(|name| ctx.text(name) == "__str__") {
        return;
    }
    let in_class = super::too_many_arguments::enclosing_frame(function).is_some_and(|frame| frame.kind_id() == CLASS_DEFINITION);
    if !in_class {
        return;
    }
    if returns_non_str(ctx, function) == Some(true) {
        super::too_many_branches::report_on_def(ctx, function, "__str__ does not return str".to_string());
    }
}

/// Whether astroid's one inferred result of calling `function` is
/// certainly not a `str`; `None` when it is not known or not single.
fn returns_non_str(ctx: &Context, function: Node) -> Option<bool> {
    let body = function.child_by_field_id(FIELD_BODY)?;
    let (returns, generator) = returns_of(body);
    // astroid also finds the yields of nested class bodies.
    let mut nested_yield = false;
    syntax::walk(body, |node| match node.kind_id() {
        FUNCTION_DEFINITION | LAMBDA => false,
        YIELD => {
            nested_yield = true;
            false
        }
        _ => true,
    });
    if generator {
        // A generator object.
        return Some(true);
    }
    if nested_yield {
        return None;
    }
    match returns.as_slice() {
        [] => {
            // astroid infers `None` unless the body is a placeholder (only
            // `pass` or `...`) or "abstract" (starts with `pass` or `raise`,
            // or is decorated with abc's abstract decorators).
            if code_children(body).any(|statement| statement.is_error()) {
                return None;
            }
            let statements: Vec<Node> = code_children(body).filter(|statement| !ctx.is_docstring(*statement)).collect();
            let first = *statements.first()?;
            let is_ellipsis = |statement: Node| {
                statement.kind_id() == EXPRESSION_STATEMENT && code_children(statement).next().is_some_and(|value| value.kind_id() == ELLIPSIS)
            };
            if statements.len() == 1 && is_ellipsis(first) {
                return None;
            }
            // Decorators other than builtins (`staticmethod`, `property`)
            // may be abstract ones.
            let unknown_decorator = decorator_expressions(function).into_iter().any(|decorator| {
                let decorator = strip_parens(decorator);
                decorator.kind_id() != IDENTIFIER || !ctx.is_builtin_at(decorator, ctx.text(decorator))
            });
            if unknown_decorator {
                return None;
            }
            Some(!matches!(first.kind_id(), PASS_STATEMENT | RAISE_STATEMENT))
        }
        [only] => match code_children(*only).next() {
            None => Some(true),
            Some(value) => value_is_non_str(ctx, value),
        },
        // Several results: ambiguous to pylint.
        _ => None,
    }
}

fn value_is_non_str(ctx: &Context, value: Node) -> Option<bool> {
    let value = strip_parens(value);
    if value.kind_id() == CALL {
        if let Some(kind) = builtin_string_kind(ctx, value, 0) {
            return Some(kind != StringKind::Str);
        }
    }
    // `-1`, `+2.5`, `~3`: astroid folds a sign on a number.
    if value.kind_id() == UNARY_OPERATOR {
        let operand = value.child_by_field_id(FIELD_ARGUMENT).map(strip_parens)?;
        return matches!(operand.kind_id(), INTEGER | FLOAT).then_some(true);
    }
    let inferrer = Inferrer::new(ctx.source, ctx.module.root(), ctx.semantic);
    let values = inferrer.infer_all(value)?;
    let [only] = values.as_slice() else { return None };
    match *only {
        Value::Literal(Literal::Str | Literal::FString, _) => Some(false),
        // astroid leaves comprehensions uninferred here.
        Value::Literal(Literal::ListComp | Literal::SetComp | Literal::DictComp | Literal::Generator, _) => None,
        Value::Literal(..) | Value::Lambda(_) | Value::Function(_) | Value::Class(_) | Value::BoundMethod(_) | Value::UnboundMethod(_) => {
            Some(true)
        }
        Value::Instance(class) => {
            let ancestors = inferrer.dfs_ancestors(class)?;
            Some(!ancestors.iter().any(|ancestor| matches!(ancestor, ClassRef::Builtin(builtin) if builtin.name == "str")))
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum StringKind {
    Str,
    Bytes,
    Int,
}

/// What astroid infers for a string literal, `str(...)`, or a call of one
/// of the `str`/`bytes` methods its builtins brain redefines, on one of
/// those: `None` for anything else.
fn builtin_string_kind(ctx: &Context, expression: Node, depth: u32) -> Option<StringKind> {
    if depth > 8 {
        return None;
    }
    let expression = strip_parens(expression);
    match expression.kind_id() {
        STRING | CONCATENATED_STRING => {
            let mut interpolated = false;
            syntax::walk(expression, |child| {
                interpolated |= child.kind_id() == INTERPOLATION;
                !interpolated
            });
            let first = if expression.kind_id() == CONCATENATED_STRING { code_children(expression).next()? } else { expression };
            let prefix = syntax::string_prefix(ctx.source, first).to_ascii_lowercase();
            if interpolated || prefix.contains('f') || prefix.contains('t') {
                return None;
            }
            Some(if prefix.contains('b') { StringKind::Bytes } else { StringKind::Str })
        }
        CALL => {
            let callee = expression.child_by_field_id(FIELD_FUNCTION).map(strip_parens)?;
            match callee.kind_id() {
                IDENTIFIER if ctx.text(callee) == "str" && ctx.is_builtin_at(callee, "str") => Some(StringKind::Str),
                ATTRIBUTE => {
                    let method = ctx.text(callee.child_by_field_id(FIELD_ATTRIBUTE)?);
                    let receiver = builtin_string_kind(ctx, callee.child_by_field_id(FIELD_OBJECT)?, depth + 1)?;
                    match (receiver, method) {
                        (StringKind::Int, _) => None,
                        (_, "index" | "find" | "count") => Some(StringKind::Int),
                        (_, "decode") => Some(StringKind::Str),
                        (StringKind::Str, "encode") => Some(StringKind::Bytes),
                        (
                            _,
                            "join" | "replace" | "capitalize" | "title" | "lower" | "upper" | "swapcase" | "strip" | "lstrip" | "rstrip"
                            | "rjust" | "center" | "ljust",
                        ) => Some(receiver),
                        _ => None,
                    }
                }
                _ => None,
            }
        }
        _ => None,
    }
}
