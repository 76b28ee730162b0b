use super::prelude::*;
use crate::syntax::FastHashMap;

declare_rule! {
    /// ## What it does
    /// Checks for a name read in a function on a line before the function's
    /// `global` statement for that name.
    ///
    /// ## Why is this bad?
    /// Python refuses to compile it (`SyntaxError: name 'x' is used prior
    /// to global declaration`): a name cannot be local in part of a function
    /// and global in the rest.
    ///
    /// As pylint does, only reads directly in the function are compared
    /// (not in nested functions, lambdas or comprehensions), with the line of
    /// the function's last `global` statement for the name.
    ///
    /// ## Example
    /// ```python
    /// def reset():
    ///     print(counter)
    ///     global counter
    ///     counter = 0
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// def reset():
    ///     global counter
    ///     print(counter)
    ///     counter = 0
    /// ```
    code: "E0118",
    symbol: "used-prior-global-declaration",
    category: Error,
    checker: "basic",
    trigger: Trigger::Module(check),
}

fn check(ctx: &mut Context) {
    // (function scope, name) → the line of its last `global` statement for it.
    let mut declared: FastHashMap<(u32, &str), usize> = FastHashMap::default();
    syntax::walk(ctx.module.root(), |node| {
        if node.kind_id() == GLOBAL_STATEMENT {
            let scope = ctx.semantic.enclosing_scope(node);
            if ctx.semantic.scope(scope).kind == ScopeKind::Function {
                for identifier in code_children(node).filter(|child| child.kind_id() == IDENTIFIER) {
                    declared.insert((scope.0, ctx.text(identifier)), node.start_position().row);
                }
            }
        }
        true
    });
    if declared.is_empty() {
        return;
    }
    let mut reports = Vec::new();
    for reference in &ctx.semantic.references {
        let Some(&global_line) = declared.get(&(reference.scope.0, reference.name)) else { continue };
        let identifier = reference.identifier;
        // astroid's `Name` nodes only: an augmented assignment's target and a
        // `del` target are other node classes.
        let augmented_target = identifier.parent().is_some_and(|parent| {
            parent.kind_id() == AUGMENTED_ASSIGNMENT && parent.child_by_field_id(FIELD_LEFT) == Some(identifier)
        });
        if !augmented_target && identifier.start_position().row < global_line {
            reports.push(identifier);
        }
    }
    for identifier in reports {
        let name = ctx.text(identifier);
        ctx.report(identifier, format!("Name '{name}' is used prior to global declaration"));
    }
}
