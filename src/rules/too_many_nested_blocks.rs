use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// Checks for functions and methods with more than `max-nested-blocks`
    /// (default 5) `if`/`for`/`while`/`try` blocks nested inside each other.
    ///
    /// ## Why is this bad?
    /// Deeply nested code is hard to follow: the reader has to keep every
    /// enclosing condition in mind. Early returns, `continue` and helper
    /// functions flatten it.
    ///
    /// ## Example
    /// ```python
    /// def scan(rows):
    ///     for row in rows:
    ///         if row:
    ///             for cell in row:
    ///                 if cell:
    ///                     try:
    ///                         if cell.value:
    ///                             print(cell.value)
    ///                     except AttributeError:
    ///                         pass
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// def scan(rows):
    ///     for row in rows:
    ///         for cell in row or ():
    ///             print_value(cell)
    /// ```
    ///
    /// As in pylint, an `elif` does not add a level, and the count starts
    /// again inside `with`, `except`, `case` and `async for` blocks.
    code: "R1702",
    symbol: "too-many-nested-blocks",
    category: Refactor,
    checker: "refactoring",
    trigger: Trigger::Module(check),
}

/// Replays pylint's `_check_nested_blocks`: a stack of the open blocks kept
/// across the whole module in visit order, reported on when it shrinks and
/// when a (non-async) function is left.
struct NestedBlocks<'t> {
    stack: Vec<Node<'t>>,
    max: usize,
    groups: Vec<(Node<'t>, usize)>,
}

fn check(ctx: &mut Context) {
    let mut state = NestedBlocks { stack: Vec::new(), max: ctx.settings.max_nested_blocks, groups: Vec::new() };
    state.visit(ctx.module.root(), ctx.module.root());
    for (node, depth) in state.groups {
        let message = format!("Too many nested blocks ({depth}/{})", ctx.settings.max_nested_blocks);
        ctx.report(node, message);
    }
}

impl<'t> NestedBlocks<'t> {
    /// Visits `node` and the statements inside it; `scope` is the innermost
    /// function, class or module around it.
    fn visit(&mut self, node: Node<'t>, scope: Node<'t>) {
        let kind = node.kind_id();
        let counts = match kind {
            IF_STATEMENT | ELIF_CLAUSE | WHILE_STATEMENT => true,
            FOR_STATEMENT => !syntax::is_async(node),
            TRY_STATEMENT => !is_try_star(node),
            _ => false,
        };
        if counts && scope.kind_id() == FUNCTION_DEFINITION {
            self.enter_block(node, scope);
        }
        let inner_scope = if matches!(kind, FUNCTION_DEFINITION | CLASS_DEFINITION) { node } else { scope };
        for child in code_children(node) {
            if holds_statements(child.kind_id()) || syntax::is_statement_kind(child.kind_id()) {
                self.visit(child, inner_scope);
            }
        }
        if kind == FUNCTION_DEFINITION && !syntax::is_async(node) {
            // `leave_functiondef` (astroid gives `async def` another visit name).
            let stack = std::mem::take(&mut self.stack);
            self.emit(&stack);
        }
    }

    fn enter_block(&mut self, node: Node<'t>, scope: Node<'t>) {
        let saved_len = self.stack.len();
        let saved_first = self.stack.first().copied();
        let parent = astroid_parent(node);
        if parent.is_some_and(|parent| parent.id() == scope.id()) {
            self.stack = vec![node];
        } else {
            while let Some(top) = self.stack.last() {
                if parent.is_some_and(|parent| parent.id() == top.id()) {
                    break;
                }
                self.stack.pop();
            }
            // An `elif` takes the place of its `if`.
            if node.kind_id() == ELIF_CLAUSE {
                self.stack.pop();
            }
            self.stack.push(node);
        }
        if saved_len > self.stack.len() && saved_len > self.max {
            if let Some(first) = saved_first {
                self.groups.push((first, saved_len));
            }
        }
    }

    fn emit(&mut self, blocks: &[Node<'t>]) {
        if blocks.len() > self.max {
            self.groups.push((blocks[0], blocks.len()));
        }
    }
}

fn holds_statements(kind: u16) -> bool {
    matches!(kind, BLOCK | ELIF_CLAUSE | ELSE_CLAUSE | EXCEPT_CLAUSE | FINALLY_CLAUSE | CASE_CLAUSE)
}

fn is_try_star(node: Node) -> bool {
    code_children(node)
        .any(|child| child.kind_id() == EXCEPT_CLAUSE && super::no_else_return::is_except_star(child))
}

/// The node astroid would give as `parent` of a statement or `elif`: the
/// compound statement or clause that owns its block (the `If` of an `elif`
/// chain for an `else`, the `Try` for `else`/`finally` of a `try`).
fn astroid_parent<'t>(node: Node<'t>) -> Option<Node<'t>> {
    if node.kind_id() == ELIF_CLAUSE {
        let statement = node.parent()?;
        // The nearest `elif` before this one, comments skipped.
        let mut previous = None;
        for sibling in statement.named_children() {
            if sibling.id() == node.id() {
                break;
            }
            match sibling.kind_id() {
                ELIF_CLAUSE => previous = Some(sibling),
                COMMENT => {}
                _ => previous = None,
            }
        }
        return previous.or(Some(statement));
    }
    let container = node.parent()?;
    if container.kind_id() != BLOCK {
        return Some(container);
    }
    let owner = container.parent()?;
    match owner.kind_id() {
        ELSE_CLAUSE => {
            let statement = owner.parent()?;
            if statement.kind_id() == IF_STATEMENT {
                let last_elif = statement
                    .children_by_field_id(FIELD_ALTERNATIVE)
                    .filter(|alternative| alternative.kind_id() == ELIF_CLAUSE)
                    .last();
                Some(last_elif.unwrap_or(statement))
            } else {
                Some(statement)
            }
        }
        FINALLY_CLAUSE => owner.parent(),
        _ => Some(owner),
    }
}
