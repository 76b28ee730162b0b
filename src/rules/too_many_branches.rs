use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// Checks for functions and methods with more branches than
    /// `max-branches` (12 by default). Each `if`/`elif`, a counted `else`,
    /// each `except`, `try`'s `else` and `finally`, each `for`/`while` and
    /// its `else`, and each `case` of a `match` is a branch.
    ///
    /// ## Why is this bad?
    /// Many branches make a function hard to follow and to test: every path
    /// needs its own case.
    ///
    /// ## Example
    /// ```python
    /// def describe(code):
    ///     if code == 1:
    ///         return "one"
    ///     elif code == 2:
    ///         return "two"
    ///     # ... eleven more elif ...
    ///     else:
    ///         return "many"
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// NAMES = {1: "one", 2: "two"}
    ///
    /// def describe(code):
    ///     return NAMES.get(code, "many")
    /// ```
    code: "R0912",
    symbol: "too-many-branches",
    category: Refactor,
    checker: "design",
    trigger: Trigger::Node(&[FUNCTION_DEFINITION], check),
}

fn check(ctx: &mut Context, function: Node) {
    let Some(body) = function.child_by_field_id(FIELD_BODY) else { return };
    let mut branches = 0;
    walk_statements(body, false, |node| branches += branches_of(node));
    let max = ctx.settings.max_branches;
    if branches > max {
        report_on_def(ctx, function, format!("Too many branches ({branches}/{max})"));
    }
}

/// The branches pylint counts for one node of the function's own body.
fn branches_of<'t>(node: Node<'t>) -> usize {
    match node.kind_id() {
        IF_STATEMENT | ELIF_CLAUSE => if_branches(node),
        TRY_STATEMENT if !is_try_star(node) => try_clauses(node),
        // `async for` is an `AsyncFor`, which the design checker does not visit.
        FOR_STATEMENT if syntax::is_async(node) => 0,
        FOR_STATEMENT | WHILE_STATEMENT => 1 + usize::from(node.child_by_field_id(FIELD_ALTERNATIVE).is_some()),
        MATCH_STATEMENT => node
            .child_by_field_id(FIELD_BODY)
            .map_or(0, |block| code_children(block).filter(|case| case.kind_id() == CASE_CLAUSE).count()),
        _ => 0,
    }
}

/// Reports on the `def` line (decorators excluded), as astroid positions a function.
pub(crate) fn report_on_def(ctx: &mut Context, function: Node, message: String) {
    let start = function.start_position();
    let end = function.child_by_field_id(FIELD_NAME).map_or(start, |name| name.end_position());
    ctx.report_at(
        syntax::Position { line: start.row as u32, column: start.column as u32 },
        syntax::Position { line: end.row as u32, column: end.column as u32 },
        message,
    );
}

/// Calls `visit` on every node of a function body down to statement level:
/// statements, clauses, and the expressions directly under them (which are
/// not entered). Nested function and class bodies are entered only when
/// `enter_scopes` is set; the definitions themselves are always visited.
pub(crate) fn walk_statements<'t>(body: Node<'t>, enter_scopes: bool, mut visit: impl FnMut(Node<'t>)) {
    syntax::walk(body, |node| {
        visit(node);
        match node.kind_id() {
            BLOCK | IF_STATEMENT | ELIF_CLAUSE | ELSE_CLAUSE | FOR_STATEMENT | WHILE_STATEMENT | TRY_STATEMENT
            | EXCEPT_CLAUSE | FINALLY_CLAUSE | WITH_STATEMENT | MATCH_STATEMENT | CASE_CLAUSE
            | DECORATED_DEFINITION => true,
            FUNCTION_DEFINITION | CLASS_DEFINITION => enter_scopes,
            _ => false,
        }
    });
}

/// Branches of one `if` or `elif` (astroid's `If`): itself, plus its `else`
/// unless that `else` is an `elif` or holds nothing but another `if`.
pub(crate) fn if_branches<'t>(node: Node<'t>) -> usize {
    let if_statement = match node.kind_id() {
        ELIF_CLAUSE => match node.parent() {
            Some(parent) => parent,
            None => return 1,
        },
        _ => node,
    };
    let owns_else = match node.kind_id() {
        ELIF_CLAUSE => !code_children(if_statement)
            .skip_while(|sibling| sibling.id() != node.id())
            .skip(1)
            .any(|next| next.kind_id() == ELIF_CLAUSE),
        _ => !code_children(if_statement).any(|child| child.kind_id() == ELIF_CLAUSE),
    };
    let else_counts = owns_else
        && code_children(if_statement)
            .filter(|child| child.kind_id() == ELSE_CLAUSE)
            .any(|else_clause| !holds_only_an_if(else_clause));
    1 + usize::from(else_counts)
}

fn holds_only_an_if(else_clause: Node) -> bool {
    let Some(block) = syntax::body_of(else_clause) else { return false };
    let statements = syntax::statements_of(block);
    statements.len() == 1 && statements[0].kind_id() == IF_STATEMENT
}

/// `except` clauses plus `else` and `finally` of a `try`.
pub(crate) fn try_clauses(node: Node) -> usize {
    code_children(node).filter(|child| matches!(child.kind_id(), EXCEPT_CLAUSE | ELSE_CLAUSE | FINALLY_CLAUSE)).count()
}

/// `try: ... except* E: ...` (astroid's `TryStar`).
pub(crate) fn is_try_star(node: Node) -> bool {
    code_children(node)
        .filter(|child| child.kind_id() == EXCEPT_CLAUSE)
        .any(|clause| clause.child(1).is_some_and(|token| token.kind() == "*"))
}
