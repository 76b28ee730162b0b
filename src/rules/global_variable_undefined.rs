use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// Checks for names declared `global` and assigned in a function or class
    /// body that the module itself never defines at its top level.
    ///
    /// ## Why is this bad?
    /// The module variable only comes into existence when the function runs:
    /// reading it before that raises `NameError`, and readers of the module
    /// cannot see that it exists at all.
    ///
    /// ## Example
    /// ```python
    /// def connect():
    ///     global CONNECTION
    ///     CONNECTION = open_connection()
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// CONNECTION = None
    ///
    /// def connect():
    ///     global CONNECTION
    ///     CONNECTION = open_connection()
    /// ```
    ///
    /// A `def` or `class` counts as a module definition only directly in the
    /// module body, not inside an `if` or `try` there.
    code: "W0601",
    symbol: "global-variable-undefined",
    category: Warning,
    checker: "variables",
    trigger: Trigger::Node(&[GLOBAL_STATEMENT], check),
}

fn check(ctx: &mut Context, global: Node) {
    let Some((scope, line, names)) = super::global_statement::global_in_scope(ctx, global) else { return };
    for name in names {
        // Unassigned names get global-variable-not-assigned instead.
        if !super::global_variable_not_assigned::is_assigned_after(ctx, scope, name, line) {
            continue;
        }
        // Module attributes such as `__doc__` exist without a definition.
        let is_module_attribute = name.starts_with("__") && name.ends_with("__");
        if !is_module_attribute
            && !super::global_statement::defined_by_module(ctx, name)
            && !super::global_variable_not_assigned::imported_by_module(ctx, name)
        {
            ctx.report(global, format!("Global variable '{name}' undefined at the module level"));
        }
    }
}
