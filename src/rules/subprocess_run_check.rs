use super::prelude::*;
use super::unspecified_encoding::{imported, only_binding};
use crate::semantic::summary::ImportTarget;

declare_rule! {
    /// ## What it does
    /// Checks for calls of `subprocess.run` without a `check` keyword
    /// argument.
    ///
    /// The function is recognized as `run` imported from `subprocess`, or
    /// as the `run` attribute of a name bound to the imported `subprocess`
    /// module (each bound once). As in pylint, a `**kwargs` argument does
    /// not count as giving `check`. Names bound more than once, or brought
    /// by a star import, are left alone.
    ///
    /// ## Why is this bad?
    /// `check` defaults to `False`: a process that exits with a non-zero
    /// status fails silently. Setting it explicitly states what should
    /// happen on failure.
    ///
    /// ## Example
    /// ```python
    /// import subprocess
    ///
    /// subprocess.run(["make", "install"])
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// import subprocess
    ///
    /// subprocess.run(["make", "install"], check=True)
    /// ```
    code: "W1510",
    symbol: "subprocess-run-check",
    category: Warning,
    checker: "stdlib",
    trigger: Trigger::Node(&[CALL], check),
}

fn check(ctx: &mut Context, call: Node) {
    let Some(function) = call.child_by_field_id(FIELD_FUNCTION).map(strip_parens) else { return };
    if !is_subprocess_run(ctx, function) {
        return;
    }
    let Some(arguments) = call.child_by_field_id(FIELD_ARGUMENTS).filter(|arguments| arguments.kind_id() == ARGUMENT_LIST)
    else {
        return;
    };
    let has_check = code_children(arguments).any(|argument| {
        argument.kind_id() == KEYWORD_ARGUMENT
            && argument.child_by_field_id(FIELD_NAME).is_some_and(|name| ctx.text(name) == "check")
    });
    if !has_check {
        ctx.report(call, "'subprocess.run' used without explicitly defining the value for 'check'.");
    }
}

/// Whether `function` is what astroid infers to the function `subprocess.run`.
fn is_subprocess_run(ctx: &Context, function: Node) -> bool {
    match function.kind_id() {
        IDENTIFIER => only_binding(ctx, function).is_some_and(|binding| {
            matches!(imported(ctx, binding), Some(ImportTarget::From { level: 0, module, name })
                if module == "subprocess" && name == "run")
        }),
        ATTRIBUTE => {
            let (Some(object), Some(attribute)) =
                (function.child_by_field_id(FIELD_OBJECT), function.child_by_field_id(FIELD_ATTRIBUTE))
            else {
                return false;
            };
            ctx.text(attribute) == "run"
                && object.kind_id() == IDENTIFIER
                && only_binding(ctx, object).is_some_and(|binding| {
                    matches!(imported(ctx, binding), Some(ImportTarget::Module { module }) if module == "subprocess")
                })
        }
        _ => false,
    }
}
