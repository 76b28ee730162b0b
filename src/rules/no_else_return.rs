use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// Checks for an `else` (or `elif`) that follows an `if` whose body
    /// returns, and for the `else` of a `try` whose every `except` handler
    /// returns.
    ///
    /// ## Why is this bad?
    /// Once the `if` branch has returned, the `else` adds a level of
    /// indentation and nothing else: the code after the `if` only runs when
    /// the condition is false anyway.
    ///
    /// ## Example
    /// ```python
    /// def sign(x):
    ///     if x < 0:
    ///         return -1
    ///     else:
    ///         return 1
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// def sign(x):
    ///     if x < 0:
    ///         return -1
    ///     return 1
    /// ```
    ///
    /// Only the first branch is looked at: an `if` whose body returns is
    /// reported even when a later `elif` does not.
    code: "R1705",
    symbol: "no-else-return",
    category: Refactor,
    checker: "refactoring",
    trigger: Trigger::Node(&[IF_STATEMENT, TRY_STATEMENT], check),
}

fn check(ctx: &mut Context, node: Node) {
    check_superfluous_else(ctx, node, RETURN_STATEMENT, "return");
}

/// pylint's `_check_superfluous_else`, shared by no-else-return/raise/break/continue:
/// an `if` whose body holds a `jump_kind` statement directly, or a `try` whose
/// every handler does, followed by `else`/`elif`.
pub(crate) fn check_superfluous_else(ctx: &mut Context, node: Node, jump_kind: u16, jump_word: &str) {
    let alternative = match node.kind_id() {
        IF_STATEMENT => {
            let Some(alternative) = node.child_by_field_id(FIELD_ALTERNATIVE) else { return };
            let holds_jump = node
                .child_by_field_id(FIELD_CONSEQUENCE)
                .is_some_and(|body| block_holds(body, jump_kind));
            if !holds_jump {
                return;
            }
            alternative
        }
        TRY_STATEMENT => {
            // pylint visits `try` for these messages only when one of these two
            // is enabled.
            if !ctx.is_enabled(&super::no_else_return::RULE)
                && !ctx.is_enabled(&super::too_many_nested_blocks::RULE)
            {
                return;
            }
            let Some(else_clause) = try_else_without_finally(node) else { return };
            let every_handler_jumps = code_children(node)
                .filter(|child| child.kind_id() == EXCEPT_CLAUSE)
                .all(|handler| syntax::body_of(handler).is_some_and(|body| block_holds(body, jump_kind)));
            if !every_handler_jumps {
                return;
            }
            else_clause
        }
        _ => return,
    };
    let message = if alternative.kind_id() == ELIF_CLAUSE {
        format!("Unnecessary \"elif\" after \"{jump_word}\", replace only that \"elif\" with \"if\"")
    } else {
        format!("Unnecessary \"else\" after \"{jump_word}\", remove the \"else\" and de-indent the code inside it")
    };
    ctx.report(node, message);
}

/// The `else` of a plain `try` (astroid's `Try`) that has no `finally`;
/// `except*` makes it a `TryStar`, which pylint does not look at.
fn try_else_without_finally(node: Node) -> Option<Node> {
    let mut else_clause = None;
    for child in code_children(node) {
        match child.kind_id() {
            FINALLY_CLAUSE => return None,
            EXCEPT_CLAUSE if is_except_star(child) => return None,
            ELSE_CLAUSE => else_clause = Some(child),
            _ => {}
        }
    }
    else_clause
}

/// `except* E:`.
pub(crate) fn is_except_star(handler: Node) -> bool {
    handler.child(1).is_some_and(|token| !token.is_named() && token.kind() == "*")
}

fn block_holds(block: Node, kind: u16) -> bool {
    code_children(block).any(|statement| statement.kind_id() == kind)
}
