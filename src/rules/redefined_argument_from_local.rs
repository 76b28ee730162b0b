use super::prelude::*;
use crate::semantic::Binding;

declare_rule! {
    /// ## What it does
    /// Checks for a function argument rebound as the target of a `for`
    /// loop, a `with ... as` item or an `except ... as` clause in the
    /// function's body.
    ///
    /// ## Why is this bad?
    /// The argument's value is lost from that point on, and a reader who
    /// sees the name further down expects the argument. Usually the loop or
    /// handler variable simply needs its own name.
    ///
    /// ## Example
    /// ```python
    /// def total(prices):
    ///     result = 0
    ///     for prices in prices:
    ///         result += prices
    ///     return result
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// def total(prices):
    ///     result = 0
    ///     for price in prices:
    ///         result += price
    ///     return result
    /// ```
    ///
    /// Names matching `dummy-variables-rgx` are exempt; comprehensions and
    /// plain assignments are not checked.
    code: "R1704",
    symbol: "redefined-argument-from-local",
    category: Refactor,
    checker: "refactoring",
    trigger: Trigger::Node(&[FUNCTION_DEFINITION], check),
}

fn check(ctx: &mut Context, function: Node) {
    let Some(scope) = ctx.semantic.scope_of(function) else { return };
    let mut rebindings: Vec<Binding> = Vec::new();
    for ids in ctx.semantic.scope(scope).bindings.values() {
        let bindings: Vec<&Binding> = ids.iter().map(|id| ctx.semantic.binding(*id)).collect();
        if !bindings.iter().any(|binding| binding.kind == BindingKind::Parameter && !is_variadic(binding)) {
            continue;
        }
        rebindings.extend(
            bindings
                .into_iter()
                .filter(|binding| match binding.kind {
                    // pylint visits For and With, not their async forms.
                    BindingKind::LoopVariable | BindingKind::WithItem => !syntax::is_async(binding.statement),
                    BindingKind::ExceptHandler => true,
                    _ => false,
                })
                .cloned(),
        );
    }
    for binding in rebindings {
        if ctx.settings.dummy_variables.is_match(binding.name) {
            continue;
        }
        let message = format!("Redefining argument with the local name '{}'", binding.name);
        // astroid places an except handler's name on the `except` keyword.
        let location = if binding.kind == BindingKind::ExceptHandler { binding.statement } else { binding.identifier };
        ctx.report(location, message);
    }
}

/// `*args` and `**kwargs`: astroid keeps them as strings, not among the
/// argument nodes pylint compares with.
fn is_variadic(parameter: &Binding) -> bool {
    parameter.identifier.parent()
        .is_some_and(|parent| matches!(parent.kind_id(), LIST_SPLAT_PATTERN | DICTIONARY_SPLAT_PATTERN))
}
