use super::assignment_from_no_return::called_function;
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

/// astroid's `infer_call_result` gives exactly `None`: the function has no
/// `return`, is not a generator, and is not "abstract" with
/// `pass_is_abstract` and `any_raise_is_abstract` (first statement `pass`
/// or `raise`, or an abstract decorator).
fn returns_none_to_astroid(ctx: &Context, call: Node) -> bool {
    let Some(function) = called_function(ctx, call) else { return false };
    if function.parent().is_some_and(|parent| parent.kind_id() == DECORATED_DEFINITION) || syntax::is_async(function) {
        return false;
    }
    let Some(body) = function.child_by_field_id(FIELD_BODY) else { return false };
    let Some(first) = code_children(body).find(|statement| !ctx.is_docstring(*statement)) else { return false };
    if matches!(first.kind_id(), RAISE_STATEMENT | PASS_STATEMENT) {
        return false;
    }
    let mut returns_or_yields = false;
    syntax::walk(body, |node| match node.kind_id() {
        FUNCTION_DEFINITION | LAMBDA | CLASS_DEFINITION => false,
        RETURN_STATEMENT | YIELD => {
            returns_or_yields = true;
            false
        }
        _ => !returns_or_yields,
    });
    !returns_or_yields
}
