use super::inconsistent_return_statements::{checked_functions, returns_of};
use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// Checks for a function whose only `return` statement is a bare
    /// `return` or `return None` at its very end (possibly the last statement
    /// of a final `if`/`else` or `try`/`except`).
    ///
    /// ## Why is this bad?
    /// A function returns `None` when it reaches its end; the statement adds
    /// nothing.
    ///
    /// ## Example
    /// ```python
    /// def log(message):
    ///     print(message)
    ///     return None
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// def log(message):
    ///     print(message)
    /// ```
    ///
    /// A function whose whole body is `return` is left alone, as is one with
    /// other `return` statements (then `return None` at the end is what
    /// PEP 8 asks for). `async def` functions are not checked, as in pylint.
    code: "R1711",
    symbol: "useless-return",
    category: Refactor,
    checker: "refactoring",
    trigger: Trigger::Module(check),
}

fn check(ctx: &mut Context) {
    for function in checked_functions(ctx.module.root()) {
        if returns_of(ctx, function).is_none_or(|returns| returns.len() != 1) {
            continue;
        }
        let Some(body) = function.child_by_field_id(FIELD_BODY) else { continue };
        let mut statements = syntax::statements_of(body);
        if statements.first().is_some_and(|first| ctx.is_docstring(*first)) {
            statements.remove(0);
        }
        let Some(&last) = statements.last() else { continue };
        if last.kind_id() == RETURN_STATEMENT && statements.len() == 1 {
            continue;
        }
        let Some(last) = innermost_last_statement(last) else { continue };
        if last.kind_id() == RETURN_STATEMENT && returns_nothing(last) {
            ctx.report(function, "Useless return at end of function or method");
        }
    }
}

/// Follows astroid's `last_child()` through `if`, `try` and `except`.
fn innermost_last_statement(mut statement: Node) -> Option<Node> {
    loop {
        let last_block = match statement.kind_id() {
            // The last `elif`/`else`, else the body.
            IF_STATEMENT => {
                let last_alternative = statement.children_by_field_id(FIELD_ALTERNATIVE).last();
                match last_alternative {
                    Some(alternative) => syntax::body_of(alternative),
                    None => statement.child_by_field_id(FIELD_CONSEQUENCE),
                }
            }
            // `finally`, else `else`, else the last handler, else the body;
            // `except*` makes astroid's `TryStar`, which is not followed.
            TRY_STATEMENT => {
                let clauses: Vec<Node> = code_children(statement).collect();
                if clauses
                    .iter()
                    .any(|clause| clause.kind_id() == EXCEPT_CLAUSE && super::no_else_return::is_except_star(*clause))
                {
                    return Some(statement);
                }
                let pick = |kind: u16| clauses.iter().rev().find(|clause| clause.kind_id() == kind).copied();
                match pick(FINALLY_CLAUSE).or_else(|| pick(ELSE_CLAUSE)).or_else(|| pick(EXCEPT_CLAUSE)) {
                    Some(clause) => syntax::body_of(clause),
                    None => statement.child_by_field_id(FIELD_BODY),
                }
            }
            _ => return Some(statement),
        };
        statement = *syntax::statements_of(last_block?).last()?;
    }
}

/// `return` or `return None`.
fn returns_nothing(node: Node) -> bool {
    match code_children(node).next() {
        None => true,
        Some(value) => strip_parens(value).kind_id() == NONE,
    }
}
