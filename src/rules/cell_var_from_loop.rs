use super::prelude::*;
use crate::semantic::lookup::NameLookup;
use crate::semantic::{Reference, ScopeId, SemanticModel};
use crate::syntax::FastHashSet;

declare_rule! {
    /// ## What it does
    /// Checks for a function or lambda defined in a loop that reads a
    /// variable the loop rebinds: the loop's target, or a name the loop body
    /// assigns, as the first binding astroid's lookup finds from the closure.
    /// A lambda over a comprehension's variable is reported too.
    ///
    /// As pylint does, reads in default values are not reported (they are
    /// evaluated at once), nor lambdas called where they are defined, nor
    /// closures returned from inside the loop, nor bindings made by `while`
    /// loops. Reads that pylint's name analysis does not attribute to a
    /// binding (e.g. a name bound only under an `if` of the loop body, on
    /// the closure's first read of it) are not reported either; where that
    /// analysis depends on an inference not modelled here, the read is left
    /// out. Reads in a function's own annotations, and closures inside a
    /// default value, are not checked.
    ///
    /// ## Why is this bad?
    /// The closure looks the variable up when it is called, not when it is
    /// defined: every closure made by the loop sees the value of the last
    /// iteration.
    ///
    /// ## Example
    /// ```python
    /// callbacks = []
    /// for name in ["a", "b"]:
    ///     callbacks.append(lambda: print(name))
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// callbacks = []
    /// for name in ["a", "b"]:
    ///     callbacks.append(lambda name=name: print(name))
    /// ```
    code: "W0640",
    symbol: "cell-var-from-loop",
    category: Warning,
    checker: "variables",
    trigger: Trigger::Module(check),
}

fn check(ctx: &mut Context) {
    let semantic = ctx.semantic;
    let candidates: Vec<&Reference> = semantic.references.iter().filter(|reference| is_candidate(semantic, reference)).collect();
    if candidates.is_empty() {
        return;
    }
    let checked: FastHashSet<usize> =
        super::used_before_assignment::late_binding_checked_reads(ctx).into_iter().map(|read| read.id()).collect();
    let lookup = NameLookup::new(ctx.source, semantic);
    let mut reported = Vec::new();
    for reference in candidates {
        if !checked.contains(&reference.identifier.id()) {
            continue;
        }
        let frame = frame_scope(semantic, reference.scope);
        let Some((found_in, first_binding)) = lookup.first_binding(reference.identifier) else { continue };
        if !is_strict_ancestor(semantic, found_in, frame) {
            continue;
        }
        let found_scope = semantic.scope(found_in);
        let closure = semantic.scope(frame).node;
        if found_scope.kind == ScopeKind::Comprehension
            || (loop_around(first_binding, found_scope.node).is_some_and(|loop_node| contains(loop_node, closure))
                && !is_called_at_once(closure)
                && !is_returned(closure))
        {
            reported.push(reference.identifier);
        }
    }
    for identifier in reported {
        let name = ctx.text(identifier);
        ctx.report(identifier, format!("Cell variable {name} defined in loop"));
    }
}

/// A cheap test before the flow analysis: a read in a function or lambda
/// of a name it does not bind itself, bound in an enclosing scope that is a
/// comprehension or has a `for` loop around the function.
fn is_candidate(semantic: &SemanticModel, reference: &Reference) -> bool {
    let Some(resolved) = reference.resolved else { return false };
    let frame = frame_scope(semantic, reference.scope);
    let frame_scope = semantic.scope(frame);
    if !matches!(frame_scope.kind, ScopeKind::Function | ScopeKind::Lambda) || frame == resolved {
        return false;
    }
    // astroid files a name the function assigns under `nonlocal` in its locals.
    if frame_scope.bindings.contains_key(reference.name) && !frame_scope.globals.contains(reference.name) {
        return false;
    }
    if !is_strict_ancestor(semantic, resolved, frame) {
        return false;
    }
    let binding_scope = semantic.scope(resolved);
    binding_scope.kind == ScopeKind::Comprehension || loop_between(frame_scope.node, binding_scope.node)
}

/// astroid's `frame()` of a read: its scope, comprehensions skipped.
fn frame_scope(semantic: &SemanticModel, mut scope: ScopeId) -> ScopeId {
    while semantic.scope(scope).kind == ScopeKind::Comprehension {
        match semantic.scope(scope).parent {
            Some(parent) => scope = parent,
            None => break,
        }
    }
    scope
}

fn is_strict_ancestor(semantic: &SemanticModel, ancestor: ScopeId, scope: ScopeId) -> bool {
    let mut current = semantic.scope(scope).parent;
    while let Some(id) = current {
        if id == ancestor {
            return true;
        }
        current = semantic.scope(id).parent;
    }
    false
}

/// Whether a `for` statement lies between `inner` and `outer`.
fn loop_between(inner: Node, outer: Node) -> bool {
    let mut current = inner.parent();
    while let Some(ancestor) = current {
        if ancestor.id() == outer.id() {
            return false;
        }
        if ancestor.kind_id() == FOR_STATEMENT {
            return true;
        }
        current = ancestor.parent();
    }
    false
}

/// The `for` statement around a binding, searched up to the scope node
/// that holds it (pylint looks at the first binding only).
fn loop_around<'t>(binding: Node<'t>, scope: Node<'t>) -> Option<Node<'t>> {
    let mut current = Some(binding);
    while let Some(node) = current {
        if node.id() == scope.id() {
            return None;
        }
        if node.kind_id() == FOR_STATEMENT {
            return Some(node);
        }
        current = node.parent();
    }
    None
}

fn contains(outer: Node, inner: Node) -> bool {
    outer.start_byte() <= inner.start_byte() && inner.end_byte() <= outer.end_byte() && outer.id() != inner.id()
}

/// `(lambda: x)()`: the lambda is the function a call calls.
fn is_called_at_once(closure: Node) -> bool {
    if closure.kind_id() != LAMBDA {
        return false;
    }
    let Some(parent) = syntax::parent_skipping_parens(closure) else { return false };
    parent.kind_id() == CALL
        && parent.child_by_field_id(FIELD_FUNCTION).map(strip_parens).is_some_and(|function| function.id() == closure.id())
}

/// Whether the closure is a lambda in a `return` statement (astroid's
/// `statement()` of a def is the def itself).
fn is_returned(closure: Node) -> bool {
    if closure.kind_id() != LAMBDA {
        return false;
    }
    let mut current = closure.parent();
    while let Some(ancestor) = current {
        if syntax::is_statement_kind(ancestor.kind_id()) {
            return ancestor.kind_id() == RETURN_STATEMENT;
        }
        current = ancestor.parent();
    }
    false
}
