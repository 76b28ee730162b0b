use super::prelude::*;
use std::collections::HashSet;

declare_rule! {
    /// ## What it does
    /// Checks for functions and methods with more local variables than
    /// `max-locals` (15 by default). Parameters, assigned names, loop and
    /// `with`/`except` targets, imports, nested definitions and deleted names
    /// all count; `_` and parameters matching `ignored-argument-names` do not.
    ///
    /// ## Why is this bad?
    /// A function juggling many variables is hard to keep in one's head and
    /// usually does several things that could be separate functions.
    ///
    /// ## Example
    /// ```python
    /// def report(rows):
    ///     total = 0
    ///     count = 0
    ///     # ... fourteen more local variables ...
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// def report(rows):
    ///     totals = summarize(rows)
    ///     return render(totals)
    /// ```
    code: "R0914",
    symbol: "too-many-locals",
    category: Refactor,
    checker: "design",
    trigger: Trigger::Node(&[FUNCTION_DEFINITION], check),
}

fn check(ctx: &mut Context, function: Node) {
    let semantic = ctx.semantic;
    let Some(scope_id) = semantic.scope_of(function) else { return };
    let scope = semantic.scope(scope_id);
    let mut locals: HashSet<&str> = HashSet::new();
    let mut type_parameters: HashSet<&str> = HashSet::new();
    for (name, bindings) in &scope.bindings {
        for binding in bindings.iter().map(|id| semantic.binding(*id)) {
            match binding.kind {
                BindingKind::TypeAlias if binding.statement.kind_id() != TYPE_ALIAS_STATEMENT => {
                    type_parameters.insert(*name);
                }
                // astroid stores a `global` name's assignments in the module,
                // but binds nested definitions in the function regardless.
                BindingKind::FunctionDef | BindingKind::ClassDef => {
                    locals.insert(*name);
                }
                _ if scope.globals.contains(name) => {}
                _ => {
                    locals.insert(*name);
                }
            }
        }
    }
    if let Some(body) = function.child_by_field_id(FIELD_BODY) {
        super::too_many_branches::walk_statements(body, false, |node| {
            if node.kind_id() == DELETE_STATEMENT {
                for target in code_children(node) {
                    collect_deleted_names(ctx, target, &scope.globals, &mut locals);
                }
            }
        });
    }
    let ignored_arguments = super::too_many_arguments::Signature::of(ctx, function).ignored();
    let mut count = locals.difference(&type_parameters).count().saturating_sub(ignored_arguments);
    if locals.contains("_") {
        count = count.saturating_sub(1);
    }
    let max = ctx.settings.max_locals;
    if count > max {
        super::too_many_branches::report_on_def(ctx, function, format!("Too many local variables ({count}/{max})"));
    }
}

/// `del x` binds `x` in the function for astroid (a `DelName`).
fn collect_deleted_names<'t>(
    ctx: &Context<'_, 't>,
    target: Node<'t>,
    globals: &syntax::FastHashSet<&str>,
    locals: &mut HashSet<&'t str>,
) {
    match target.kind_id() {
        IDENTIFIER => {
            let name = ctx.text(target);
            if !globals.contains(name) {
                locals.insert(name);
            }
        }
        EXPRESSION_LIST | TUPLE | LIST | PARENTHESIZED_EXPRESSION => {
            for child in code_children(target) {
                collect_deleted_names(ctx, child, globals, locals);
            }
        }
        _ => {}
    }
}
