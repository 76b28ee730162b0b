use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// Checks for an `__init__` method that returns a value other than
    /// `None`.
    ///
    /// ## Why is this bad?
    /// Python calls `__init__` to initialize an instance already made; a
    /// returned value is not the constructor's result, it makes the call
    /// raise `TypeError: __init__() should return None`.
    ///
    /// The rule reads `return` statements of the method itself (not of
    /// functions or classes nested in it); an `__init__` that yields is a
    /// generator, which pylint reports as E0100 instead.
    ///
    /// ## Example
    /// ```python
    /// class Point:
    ///     def __init__(self, x, y):
    ///         self.x, self.y = x, y
    ///         return self
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// class Point:
    ///     def __init__(self, x, y):
    ///         self.x, self.y = x, y
    /// ```
    code: "E0101",
    symbol: "return-in-init",
    category: Error,
    checker: "basic",
    trigger: Trigger::Node(&[FUNCTION_DEFINITION], check),
}

fn check(ctx: &mut Context, function: Node) {
    let is_init = function.child_by_field_id(FIELD_NAME).is_some_and(|name| ctx.text(name) == "__init__");
    if !is_init || !is_method(function) {
        return;
    }
    let Some(body) = function.child_by_field_id(FIELD_BODY) else { return };
    let mut returns_value = false;
    let mut yields = false;
    syntax::walk(body, |node| match node.kind_id() {
        // Their returns and yields are their own.
        FUNCTION_DEFINITION | LAMBDA => false,
        CLASS_DEFINITION => {
            // A class body's yields would still make the method a generator
            // to astroid, but its returns are not the method's.
            syntax::walk(node, |inner| {
                yields |= inner.kind_id() == YIELD;
                !matches!(inner.kind_id(), FUNCTION_DEFINITION | LAMBDA)
            });
            false
        }
        RETURN_STATEMENT => {
            returns_value |= code_children(node).next().is_some_and(|value| strip_parens(value).kind_id() != NONE);
            true
        }
        YIELD => {
            yields = true;
            true
        }
        _ => true,
    });
    if returns_value && !yields {
        ctx.report(function, "Explicit return in __init__");
    }
}

/// astroid's `is_method()`: defined directly in a class body.
fn is_method(function: Node) -> bool {
    let mut parent = function.parent();
    if parent.is_some_and(|p| p.kind_id() == DECORATED_DEFINITION) {
        parent = parent.and_then(|p| p.parent());
    }
    parent.filter(|p| p.kind_id() == BLOCK).and_then(|block| block.parent()).is_some_and(|p| p.kind_id() == CLASS_DEFINITION)
}
