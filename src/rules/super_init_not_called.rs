use super::prelude::*;
use crate::semantic::ScopeId;

declare_rule! {
    /// ## What it does
    /// Checks for an `__init__` that calls neither `super().__init__()` nor
    /// `Base.__init__(self)` for a direct base class whose `__init__` (its
    /// own or inherited) is defined in the same module.
    ///
    /// Not reported: bases whose `__init__` is abstract (decorated with
    /// `abstractmethod`, or whose body is empty, starts with `pass` or with
    /// `raise NotImplementedError`), protocol classes, `@overload` stubs, and
    /// bases this module alone cannot resolve.
    ///
    /// ## Why is this bad?
    /// The base class's initialisation is skipped: the attributes it sets and
    /// the invariants it establishes are missing from the new instance.
    ///
    /// ## Example
    /// ```python
    /// class Base:
    ///     def __init__(self):
    ///         self.ready = True
    ///
    /// class Child(Base):
    ///     def __init__(self):
    ///         self.extra = 1
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// class Child(Base):
    ///     def __init__(self):
    ///         super().__init__()
    ///         self.extra = 1
    /// ```
    code: "W0231",
    symbol: "super-init-not-called",
    category: Warning,
    checker: "classes",
    trigger: Trigger::Node(&[CLASS_DEFINITION], check),
}

/// A direct base whose `__init__` must be called, and the class that defines
/// that `__init__` (the base itself or one of its ancestors).
#[derive(Clone)]
struct ToCall<'t> {
    base: Node<'t>,
    name: &'t str,
    owner: Node<'t>,
}

fn check(ctx: &mut Context, class: Node) {
    let mut to_call = Vec::new();
    for base in base_nodes(ctx, class) {
        let Some(base) = base else { continue };
        let Some((init, owner)) = find_init(ctx, base) else { continue };
        if is_abstract(ctx, init) {
            continue;
        }
        let Some(name) = base.child_by_field_id(FIELD_NAME) else { continue };
        to_call.push(ToCall { base, name: ctx.text(name), owner });
    }
    if to_call.is_empty() {
        return;
    }
    for init in own_methods(ctx, class, "__init__") {
        check_init(ctx, init, &to_call);
    }
}

/// pylint's `_check_init` for one `__init__`: the bases whose `__init__` no
/// call in its body reaches. Any call it cannot follow (an `__init__` of an
/// expression this module cannot resolve) silences the method.
fn check_init(ctx: &mut Context, init: Node, to_call: &[ToCall]) {
    let Some(body) = init.child_by_field_id(FIELD_BODY) else { return };
    let mut not_called: Vec<ToCall> = to_call.to_vec();
    let mut called_owners = Vec::new();
    let mut unknown = false;
    let mut uses_super = false;
    syntax::walk(body, |node| {
        if unknown || uses_super {
            return false;
        }
        if node.kind_id() != CALL {
            return true;
        }
        let Some(function) = node.child_by_field_id(FIELD_FUNCTION).map(strip_parens) else { return true };
        if function.kind_id() != ATTRIBUTE
            || function.child_by_field_id(FIELD_ATTRIBUTE).is_none_or(|attribute| ctx.text(attribute) != "__init__")
        {
            return true;
        }
        let Some(object) = function.child_by_field_id(FIELD_OBJECT).map(strip_parens) else { return true };
        match called_class(ctx, object) {
            Called::Super => uses_super = true,
            Called::Unknown => unknown = true,
            Called::External => {}
            Called::Local(class) => {
                if let Some(index) = not_called.iter().position(|entry| entry.base.id() == class.id()) {
                    called_owners.push(not_called.remove(index).owner.id());
                }
            }
        }
        true
    });
    if unknown || uses_super {
        return;
    }
    if super::unused_argument::decorated_with(ctx, init, &["overload"]) {
        return;
    }
    for entry in not_called {
        if called_owners.contains(&entry.owner.id()) || is_protocol_class(ctx, entry.base) {
            return;
        }
        let message = format!("__init__ method from base class '{}' is not called", entry.name);
        super::too_many_branches::report_on_def(ctx, init, message);
    }
}

enum Called<'t> {
    /// `super().__init__()`, or an `__init__` of a name that may hold `super()`.
    Super,
    /// A class of this module.
    Local(Node<'t>),
    /// A builtin or imported class: never one of the bases to call.
    External,
    Unknown,
}

fn called_class<'t>(ctx: &Context<'_, 't>, object: Node<'t>) -> Called<'t> {
    match object.kind_id() {
        CALL => {
            let is_super = object
                .child_by_field_id(FIELD_FUNCTION)
                .is_some_and(|function| function.kind_id() == IDENTIFIER && ctx.text(function) == "super");
            if is_super {
                Called::Super
            } else {
                Called::Unknown
            }
        }
        IDENTIFIER => {
            let name = ctx.text(object);
            let scope = ctx.semantic.enclosing_scope(object);
            match ctx.semantic.resolve(scope, name) {
                None => Called::External,
                Some(resolved) => match unique_binding(ctx, resolved, name) {
                    Some((BindingKind::ClassDef, definition)) => Called::Local(definition),
                    Some((BindingKind::Import, _)) => Called::External,
                    _ => Called::Unknown,
                },
            }
        }
        ATTRIBUTE => {
            let mut root = object;
            while root.kind_id() == ATTRIBUTE {
                let Some(inner) = root.child_by_field_id(FIELD_OBJECT) else { return Called::Unknown };
                root = inner;
            }
            if root.kind_id() != IDENTIFIER {
                return Called::Unknown;
            }
            let name = ctx.text(root);
            let scope = ctx.semantic.enclosing_scope(root);
            let imported = ctx.semantic.resolve(scope, name).is_some_and(|resolved| {
                ctx.semantic.bindings_of(resolved, name).all(|binding| binding.kind == BindingKind::Import)
            });
            if imported {
                Called::External
            } else {
                Called::Unknown
            }
        }
        _ => Called::Unknown,
    }
}

/// The kind of the only binding of `name` in `scope`, with the definition
/// node for a class.
fn unique_binding<'t>(ctx: &Context<'_, 't>, scope: ScopeId, name: &str) -> Option<(BindingKind, Node<'t>)> {
    let mut bindings = ctx.semantic.bindings_of(scope, name);
    let (Some(only), None) = (bindings.next(), bindings.next()) else { return None };
    let node = match only.kind {
        BindingKind::ClassDef => only.identifier.parent()?,
        _ => only.statement,
    };
    Some((only.kind, node))
}

/// The direct bases of a class in order: `Some(class)` for a class of this
/// module, `None` for anything else (`object` is left out).
fn base_nodes<'t>(ctx: &Context<'_, 't>, class: Node<'t>) -> Vec<Option<Node<'t>>> {
    let Some(arguments) = class.child_by_field_id(FIELD_SUPERCLASSES) else { return Vec::new() };
    let mut bases = Vec::new();
    for argument in code_children(arguments) {
        match argument.kind_id() {
            KEYWORD_ARGUMENT | DICTIONARY_SPLAT => continue,
            IDENTIFIER => {}
            _ => {
                bases.push(None);
                continue;
            }
        }
        let name = ctx.text(argument);
        let scope = ctx.semantic.enclosing_scope(argument);
        let local = ctx.semantic.resolve(scope, name).and_then(|resolved| match unique_binding(ctx, resolved, name) {
            Some((BindingKind::ClassDef, definition)) => Some(definition),
            _ => None,
        });
        if local.is_none() && name == "object" && ctx.semantic.is_builtin(scope, name) {
            continue;
        }
        bases.push(local);
    }
    bases
}

/// The `__init__` astroid's `igetattr` finds first on `class`: its own, or
/// the first along its ancestors (depth first, left to right), with the
/// class that defines it. `None` when it is not a plain method of this
/// module (a builtin's, an assigned value, or behind an unresolved base).
fn find_init<'t>(ctx: &Context<'_, 't>, class: Node<'t>) -> Option<(Node<'t>, Node<'t>)> {
    let mut stack = vec![Some(class)];
    let mut visited = Vec::new();
    while let Some(current) = stack.pop() {
        let current = current?;
        if visited.contains(&current.id()) {
            continue;
        }
        visited.push(current.id());
        let scope = ctx.semantic.scope_of(current)?;
        if let Some(first) = ctx.semantic.bindings_of(scope, "__init__").next() {
            if first.kind != BindingKind::FunctionDef {
                return None;
            }
            return Some((first.identifier.parent()?, current));
        }
        let bases = base_nodes(ctx, current);
        stack.extend(bases.into_iter().rev());
    }
    None
}

/// astroid's `FunctionDef.is_abstract()`: decorated with `abstractmethod`,
/// or a body (docstring aside) that is empty or starts with `pass` or
/// `raise NotImplementedError`.
fn is_abstract(ctx: &Context, function: Node) -> bool {
    if super::unused_argument::decorated_with(ctx, function, &["abstractmethod", "abstractproperty"]) {
        return true;
    }
    let Some(body) = function.child_by_field_id(FIELD_BODY) else { return true };
    let first = code_children(body).find(|statement| !ctx.is_docstring(*statement));
    let Some(first) = first else { return true };
    match first.kind_id() {
        PASS_STATEMENT => true,
        RAISE_STATEMENT => code_children(first).next().is_some_and(|raised| {
            let raised = strip_parens(raised);
            let exception = if raised.kind_id() == CALL {
                raised.child_by_field_id(FIELD_FUNCTION).unwrap_or(raised)
            } else {
                raised
            };
            ctx.text(exception) == "NotImplementedError"
        }),
        _ => false,
    }
}

/// pylint's `is_protocol_class`: the class names `Protocol` among its bases.
fn is_protocol_class(ctx: &Context, class: Node) -> bool {
    let Some(arguments) = class.child_by_field_id(FIELD_SUPERCLASSES) else { return false };
    code_children(arguments).any(|base| {
        let target = if base.kind_id() == SUBSCRIPT { base.child_by_field_id(FIELD_VALUE).unwrap_or(base) } else { base };
        let text = ctx.text(target);
        text == "Protocol" || text.ends_with(".Protocol")
    })
}

/// The functions named `name` that are methods of `class`: defined in its
/// body, possibly under `if`/`try`, not inside nested functions or classes.
pub(crate) fn own_methods<'t>(ctx: &Context<'_, 't>, class: Node<'t>, name: &str) -> Vec<Node<'t>> {
    let mut methods = Vec::new();
    let Some(body) = class.child_by_field_id(FIELD_BODY) else { return methods };
    syntax::walk(body, |node| match node.kind_id() {
        FUNCTION_DEFINITION => {
            if node.child_by_field_id(FIELD_NAME).is_some_and(|identifier| ctx.text(identifier) == name) {
                methods.push(node);
            }
            false
        }
        CLASS_DEFINITION | LAMBDA => false,
        kind => kind == BLOCK || kind == DECORATED_DEFINITION || syntax::is_statement_kind(kind) || is_clause(kind),
    });
    methods
}

fn is_clause(kind: u16) -> bool {
    matches!(kind, ELIF_CLAUSE | ELSE_CLAUSE | EXCEPT_CLAUSE | FINALLY_CLAUSE | CASE_CLAUSE)
}
