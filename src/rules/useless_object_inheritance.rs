use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// Checks for classes that list `object` among their bases.
    ///
    /// ## Why is this bad?
    /// In Python 3 every class inherits from `object` implicitly; naming it
    /// is Python 2 residue that adds noise.
    ///
    /// ## Example
    /// ```python
    /// class Point(object):
    ///     pass
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// class Point:
    ///     pass
    /// ```
    code: "R0205",
    symbol: "useless-object-inheritance",
    category: Refactor,
    checker: "classes",
    trigger: Trigger::Node(&[CLASS_DEFINITION], check),
}

fn check(ctx: &mut Context, class: Node) {
    let Some(bases) = class.child_by_field_id(FIELD_SUPERCLASSES) else { return };
    let Some(name) = class.child_by_field_id(FIELD_NAME) else { return };
    let object_bases = code_children(bases).filter(|base| is_builtin_object(ctx, *base)).count();
    let message =
        format!("Class '{}' inherits from object, can be safely removed from bases in python3", ctx.text(name));
    for _ in 0..object_bases {
        ctx.report(class, message.clone());
    }
}

/// `object` or `builtins.object`, when it means the builtin class.
fn is_builtin_object(ctx: &Context, base: Node) -> bool {
    let base = strip_parens(base);
    let scope = ctx.semantic.enclosing_scope(base);
    match base.kind_id() {
        IDENTIFIER => ctx.text(base) == "object" && ctx.semantic.is_builtin(scope, "object"),
        ATTRIBUTE => {
            let (Some(module), Some(attribute)) =
                (base.child_by_field_id(FIELD_OBJECT), base.child_by_field_id(FIELD_ATTRIBUTE))
            else {
                return false;
            };
            module.kind_id() == IDENTIFIER
                && ctx.text(module) == "builtins"
                && ctx.text(attribute) == "object"
                && imports_builtins_module(ctx, scope)
        }
        _ => false,
    }
}

fn imports_builtins_module(ctx: &Context, scope: crate::semantic::ScopeId) -> bool {
    let Some(defining) = ctx.semantic.resolve(scope, "builtins") else { return false };
    ctx.semantic.bindings_of(defining, "builtins").all(|binding| {
        binding.kind == BindingKind::Import && ctx.text(binding.statement).starts_with("import builtins")
    })
}
