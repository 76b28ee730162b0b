use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// Checks for calls of the builtin `eval`.
    ///
    /// ## Why is this bad?
    /// `eval` runs arbitrary code: on untrusted input it is a security hole,
    /// and it is slower and harder to read than direct code.
    /// `ast.literal_eval` safely evaluates literals.
    ///
    /// ## Example
    /// ```python
    /// settings = eval(text)
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// import ast
    ///
    /// settings = ast.literal_eval(text)
    /// ```
    code: "W0123",
    symbol: "eval-used",
    category: Warning,
    checker: "basic",
    trigger: Trigger::Node(&[CALL], check),
}

fn check(ctx: &mut Context, call: Node) {
    if is_builtin_call_in_frame(ctx, call, "eval") {
        ctx.report(call, "Use of eval");
    }
}

/// Whether `call` calls the plain name `name`, not defined in the call's frame
/// (function, lambda, class or module) nor in the module: pylint's test for
/// a builtin, which does not look at enclosing functions.
pub(crate) fn is_builtin_call_in_frame(ctx: &Context, call: Node, name: &str) -> bool {
    let Some(function) = call.child_by_field_id(FIELD_FUNCTION) else { return false };
    if function.kind_id() != IDENTIFIER || ctx.text(function) != name {
        return false;
    }
    let mut frame = ctx.semantic.enclosing_scope(call);
    while ctx.semantic.scope(frame).kind == ScopeKind::Comprehension {
        match ctx.semantic.scope(frame).parent {
            Some(parent) => frame = parent,
            None => break,
        }
    }
    let defined_in_frame = ctx.semantic.scope(frame).bindings.contains_key(name);
    !defined_in_frame && !ctx.semantic.module_scope().bindings.contains_key(name)
}
