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
        if undefined_at_module_level(ctx, name) {
            ctx.report(global, format!("Global variable '{name}' undefined at the module level"));
        }
    }
}

/// pylint's test for a `global` name that is assigned after the statement:
/// neither the module nor an import binds it, and no function rebinds it
/// as a module attribute such as `__doc__`.
pub(crate) fn undefined_at_module_level(ctx: &Context, name: &str) -> bool {
    !super::global_statement::defined_by_module(ctx, name)
        && !super::global_variable_not_assigned::imported_by_module(ctx, name)
        && super::redefined_builtin::global_rebinds_special_attribute(ctx, name).is_none()
}
