use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// Checks for function definitions where a positional parameter with a
    /// default value comes before `*args`.
    ///
    /// As in pylint, a function whose only parameters before `*args` are
    /// positional-only (before `/`) is not reported.
    ///
    /// ## Why is this bad?
    /// The defaulted parameter can only be skipped by callers that pass no
    /// extra positional arguments; passing it by keyword together with
    /// `*args` raises "got multiple values".
    ///
    /// ## Example
    /// ```python
    /// def log(message, level="info", *details):
    ///     ...
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// def log(message, *details, level="info"):
    ///     ...
    /// ```
    code: "W1113",
    symbol: "keyword-arg-before-vararg",
    category: Warning,
    checker: "typecheck",
    trigger: Trigger::Node(&[FUNCTION_DEFINITION], check),
}

fn check(ctx: &mut Context, function: Node) {
    let Some(parameters) = function.child_by_field_id(FIELD_PARAMETERS) else { return };
    let mut has_vararg = false;
    let mut has_default = false;
    // astroid's `posonlyargs` and `args`: the named parameters before and
    // after `/`, up to the first `*`.
    let mut before_slash = 0;
    let mut after_slash = 0;
    let mut past_star = false;
    for parameter in code_children(parameters) {
        let inner = match parameter.kind_id() {
            TYPED_PARAMETER => code_children(parameter).next().unwrap_or(parameter),
            _ => parameter,
        };
        match inner.kind_id() {
            LIST_SPLAT_PATTERN => {
                has_vararg = true;
                past_star = true;
            }
            KEYWORD_SEPARATOR => past_star = true,
            POSITIONAL_SEPARATOR => {
                before_slash = after_slash;
                after_slash = 0;
            }
            IDENTIFIER | DEFAULT_PARAMETER | TYPED_DEFAULT_PARAMETER if !past_star => {
                after_slash += 1;
                has_default |= inner.kind_id() != IDENTIFIER;
            }
            _ => {}
        }
    }
    if !has_vararg || !has_default || (before_slash > 0 && after_slash == 0) {
        return;
    }
    let name = function.child_by_field_id(FIELD_NAME).map_or("", |name| ctx.text(name));
    let message = format!("Keyword argument before variable positional arguments list in the definition of {name} function");
    super::too_many_branches::report_on_def(ctx, function, message);
}
