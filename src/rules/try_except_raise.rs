use super::prelude::*;
use super::too_many_ancestors::builtin_is_subclass;
use crate::semantic::astroid::{except_clauses, except_type};

declare_rule! {
    /// ## What it does
    /// Checks for an `except` clause whose first statement is a bare
    /// `raise`, when no later clause of the same `try` needs it to
    /// intercept the exception.
    ///
    /// ## Why is this bad?
    /// Catching an exception only to raise it again does nothing; the clause
    /// only adds noise. It is useful only to keep a later, broader clause
    /// (`except Exception:`) from handling a narrower exception.
    ///
    /// Later clauses are compared when their exceptions are builtin
    /// exception classes; a later clause with any other exception is not
    /// evaluated and nothing is reported.
    ///
    /// ## Example
    /// ```python
    /// try:
    ///     value = int(text)
    /// except ValueError:
    ///     raise
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// value = int(text)
    /// ```
    code: "W0706",
    symbol: "try-except-raise",
    category: Warning,
    checker: "exceptions",
    trigger: Trigger::Node(&[TRY_STATEMENT], check),
}

/// What pylint infers an `except` clause's exceptions to.
enum Caught<'t> {
    /// A bare `except:`.
    Nothing,
    Classes(Vec<Class<'t>>),
    /// Anything this rule does not evaluate.
    Unknown,
}

#[derive(Clone, Copy)]
enum Class<'t> {
    /// A builtin exception class, by name.
    Builtin(&'t str),
    /// A class statement of this module (no builtin class derives from it).
    Local,
}

fn check(ctx: &mut Context, statement: Node) {
    let mut bare_raise: Option<(Node, Caught)> = None;
    for handler in except_clauses(statement) {
        if let Some((_, raised)) = &bare_raise {
            // pylint's loop stops (without a message) at a later clause it
            // cannot evaluate or a bare `except:`; a later clause catching a
            // base class of what the re-raising clause catches needs it.
            let Caught::Classes(later) = caught(ctx, handler) else { return };
            let Caught::Classes(raised) = raised else { return };
            let mut needed = false;
            for raised in raised {
                let Class::Builtin(raised) = raised else { return };
                needed |= later.iter().any(|later| match later {
                    Class::Builtin(later) => builtin_is_subclass(raised, later) == Some(true),
                    Class::Local => false,
                });
            }
            if needed {
                bare_raise = None;
            }
        }
        let body = handler.child_by_field_id(FIELD_BODY).or_else(|| code_children(handler).find(|child| child.kind_id() == BLOCK));
        let first = body.and_then(|block| code_children(block).find(|child| child.kind_id() != COMMENT));
        if first.is_some_and(|first| first.kind_id() == RAISE_STATEMENT && code_children(first).next().is_none()) {
            bare_raise = Some((handler, caught(ctx, handler)));
        }
    }
    if let Some((handler, _)) = bare_raise {
        ctx.report(handler, "The except handler raises immediately");
    }
}

fn caught<'t>(ctx: &Context<'_, 't>, handler: Node<'t>) -> Caught<'t> {
    let Some(written) = except_type(handler).map(strip_parens) else { return Caught::Nothing };
    let names: Vec<Node> = match written.kind_id() {
        TUPLE => code_children(written).map(strip_parens).collect(),
        _ => vec![written],
    };
    let mut classes = Vec::new();
    for name in names {
        if name.kind_id() != IDENTIFIER {
            return Caught::Unknown;
        }
        let text = ctx.text(name);
        if ctx.is_builtin_at(name, text) {
            if builtin_is_subclass(text, "BaseException") != Some(true) {
                return Caught::Unknown;
            }
            classes.push(Class::Builtin(text));
            continue;
        }
        let scope = ctx.semantic.enclosing_scope(name);
        let Some(resolved) = ctx.semantic.resolve(scope, text) else { return Caught::Unknown };
        let mut bindings = ctx.semantic.bindings_of(resolved, text);
        match (bindings.next(), bindings.next()) {
            (Some(binding), None) if binding.kind == BindingKind::ClassDef => classes.push(Class::Local),
            _ => return Caught::Unknown,
        }
    }
    Caught::Classes(classes)
}
