use super::prelude::*;
use std::collections::HashSet;

declare_rule! {
    /// ## What it does
    /// Checks for a statement that starts on the same line as the statement
    /// before it, or on the header line of the block that holds it.
    ///
    /// ## Why is this bad?
    /// One statement per line is easier to read, diff and step through in a
    /// debugger (PEP 8).
    ///
    /// ## Example
    /// ```python
    /// if ready: start()
    /// x = 1; y = 2
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// if ready:
    ///     start()
    /// x = 1
    /// y = 2
    /// ```
    ///
    /// A body of only `...` on a `def`/`class` line (a stub) is allowed.
    code: "C0321",
    symbol: "multiple-statements",
    category: Convention,
    checker: "format",
    trigger: Trigger::Module(check),
}

fn check(ctx: &mut Context) {
    let mut reported_lines = HashSet::new();
    let mut statements = Vec::new();
    syntax::walk(ctx.module.root(), |node| {
        let kind = node.kind_id();
        if syntax::is_statement_kind(kind) && kind != DECORATED_DEFINITION {
            statements.push(node);
        }
        // Statements only live in blocks, the module and compound statements.
        !matches!(kind, EXPRESSION_STATEMENT | RETURN_STATEMENT | ASSIGNMENT | CALL)
    });
    for statement in statements {
        if statement.kind_id() == EXPRESSION_STATEMENT && syntax::is_docstring_statement(ctx.source, statement) {
            continue;
        }
        let line = statement.start_position().row;
        if previous_line(ctx, statement) != Some(line) || reported_lines.contains(&line) {
            continue;
        }
        if statement.kind_id() == WITH_STATEMENT || is_stub_ellipsis(statement) {
            continue;
        }
        ctx.report(statement, "More than one statement on a single line");
        reported_lines.insert(line);
    }
}

/// The line pylint compares with: the previous statement of the same body, or
/// the header of the clause that owns the body.
fn previous_line(ctx: &Context, statement: Node) -> Option<usize> {
    // A decorated definition is the statement in the block.
    let in_block = match statement.parent() {
        Some(parent) if parent.kind_id() == DECORATED_DEFINITION => parent,
        _ => statement,
    };
    let mut sibling = in_block.prev_named_sibling();
    while let Some(previous) = sibling {
        let kind = previous.kind_id();
        if syntax::is_statement_kind(kind) {
            if kind == EXPRESSION_STATEMENT && syntax::is_docstring_statement(ctx.source, previous) {
                break; // astroid keeps docstrings out of the body
            }
            return Some(syntax::undecorated(previous).start_position().row);
        }
        sibling = previous.prev_named_sibling();
    }
    let container = in_block.parent()?;
    if container.kind_id() == MODULE {
        return None;
    }
    let owner = container.parent()?;
    let header = match owner.kind_id() {
        // `else:` of if/for/while belongs to the statement, as in astroid;
        // `else:`/`finally:` of try are located on their own line.
        ELSE_CLAUSE => match owner.parent() {
            Some(statement) if statement.kind_id() == TRY_STATEMENT => owner,
            Some(statement) => statement,
            None => owner,
        },
        CASE_CLAUSE => owner.parent().and_then(|block| block.parent()).unwrap_or(owner),
        _ => owner,
    };
    Some(header.start_position().row)
}

/// `def f(): ...` and `class C: ...`.
fn is_stub_ellipsis(statement: Node) -> bool {
    statement.kind_id() == EXPRESSION_STATEMENT
        && code_children(statement).next().is_some_and(|value| value.kind_id() == ELLIPSIS)
        && code_children(statement).count() == 1
        && statement
            .parent()
            .and_then(|block| block.parent())
            .is_some_and(|owner| matches!(owner.kind_id(), FUNCTION_DEFINITION | CLASS_DEFINITION))
}
