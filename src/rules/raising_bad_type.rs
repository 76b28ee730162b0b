use super::assignment_from_no_return::called_function;
use crate::semantic::summary;
use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// Checks for `raise` with a value that is neither an exception class
    /// nor an exception instance: a literal (`raise "failed"`, `raise 1`), a
    /// tuple, or the result of a call of a function that returns nothing.
    ///
    /// ## Why is this bad?
    /// Python raises `TypeError: exceptions must derive from BaseException`
    /// instead of the intended exception.
    ///
    /// Only values known for certain are checked: literals written in the
    /// `raise`, and calls of this module's functions (or `self` methods found
    /// in this module) without a `return`, whose first statement is neither
    /// `raise` nor `pass` (astroid does not infer those). A function that
    /// raises as its last statement still returns `None` to astroid.
    ///
    /// ## Example
    /// ```python
    /// raise "connection failed"
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// raise ConnectionError("connection failed")
    /// ```
    code: "E0702",
    symbol: "raising-bad-type",
    category: Error,
    checker: "exceptions",
    trigger: Trigger::Node(&[RAISE_STATEMENT], check),
}

fn check(ctx: &mut Context, statement: Node) {
    let Some(raised) = code_children(statement).next() else { return };
    if statement.child_by_field_id(FIELD_CAUSE).is_some_and(|cause| cause.id() == raised.id()) {
        return;
    }
    let raised = strip_parens(raised);
    let type_name = match raised.kind_id() {
        INTEGER => "int",
        FLOAT => "float",
        TRUE | FALSE => "bool",
        NONE => "NoneType",
        TUPLE => "tuple",
        STRING if !syntax::string_prefix(ctx.source, raised).chars().any(|c| "fFtT".contains(c)) => {
            if syntax::string_prefix(ctx.source, raised).chars().any(|c| "bB".contains(c)) {
                "bytes"
            } else {
                "str"
            }
        }
        CALL if returns_none_to_astroid(ctx, raised) => "NoneType",
        _ => return,
    };
    ctx.report(statement, format!("Raising {type_name} while only classes or instances are allowed"));
}

/// astroid's `infer_call_result` gives exactly `None` (see
/// `summary::call_result_is_only_none`) for the function called: one of
/// this module, or a top-level function of the module it is imported from.
fn returns_none_to_astroid(ctx: &Context, call: Node) -> bool {
    if let Some(function) = called_function(ctx, call) {
        let decorated = function.parent().is_some_and(|parent| parent.kind_id() == DECORATED_DEFINITION);
        return !decorated && summary::call_result_is_only_none(ctx.source, function);
    }
    imported_function_returns_none(ctx, call).unwrap_or(false)
}

/// `name(...)` where `name` is bound once, by `from m import name`, to a
/// top-level function of `m` whose call gives `None` alone.
fn imported_function_returns_none(ctx: &Context, call: Node) -> Option<bool> {
    let callee = call.child_by_field_id(FIELD_FUNCTION).filter(|callee| callee.kind_id() == IDENTIFIER)?;
    let (path, index) = ctx.imports?;
    let target = super::too_many_ancestors::import_of_name(ctx, ctx.semantic.enclosing_scope(callee), ctx.text(callee))?;
    let (module, function) = summary::imported_function(index, path, &target)?;
    Some(module.summary.none_returning_functions.binary_search(&function).is_ok())
}
