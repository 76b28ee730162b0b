use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// Checks for subscript reads (`value[key]`) of values that support no
    /// subscript: `None`, numbers, sets, functions, methods, classes of this
    /// module without `__class_getitem__` and instances of classes of this
    /// module without `__getitem__` (nor `__getattr__`).
    ///
    /// The value must be certain, as pylint infers it; imports, parameters,
    /// call results and classes with a metaclass or bases from other modules
    /// are not inferred. Subscripts inside abstract classes, under
    /// `if TYPE_CHECKING:` and in postponed annotations are not reported.
    ///
    /// ## Why is this bad?
    /// The read raises `TypeError` when it runs.
    ///
    /// ## Example
    /// ```python
    /// limits = None
    ///
    /// def first_limit():
    ///     return limits[0]
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// limits = (10, 20)
    ///
    /// def first_limit():
    ///     return limits[0]
    /// ```
    code: "E1136",
    symbol: "unsubscriptable-object",
    category: Error,
    checker: "typecheck",
    trigger: Trigger::Module(check),
}

fn check(ctx: &mut Context) {
    super::no_value_for_parameter::report_typecheck(ctx, RULE.code);
}
