use super::prelude::*;
use super::too_many_ancestors::{ClassKey, ClassRef, Hierarchy};
use crate::semantic::summary::{BaseRef, ClassMember};
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
struct ToCall {
    base: ClassKey,
    name: String,
    /// The class whose `__init__` the base inherits (or the base itself).
    owner: ClassKey,
    protocol: bool,
}

fn check(ctx: &mut Context, class: Node) {
    let mut hierarchy = Hierarchy::new(ctx);
    let mut to_call = Vec::new();
    for base in direct_bases(&mut hierarchy, class) {
        let Some(owner) = find_init(ctx, &mut hierarchy, base.clone()) else { continue };
        let name = match &base {
            ClassRef::Local(node) => node.child_by_field_id(FIELD_NAME).map_or("", |name| ctx.text(name)).to_string(),
            ClassRef::Remote(remote) | ClassRef::Compiled(remote) => remote.name.clone(),
            ClassRef::Builtin(name) => name.to_string(),
        };
        to_call.push(ToCall { base: base.key(), name, owner, protocol: is_protocol_class(ctx, &base) });
    }
    if to_call.is_empty() {
        return;
    }
    let mut reports = Vec::new();
    for init in own_methods(ctx, class, "__init__") {
        for name in bases_not_called(ctx, &mut hierarchy, init, &to_call) {
            reports.push((init, format!("__init__ method from base class '{name}' is not called")));
        }
    }
    drop(hierarchy);
    for (init, message) in reports {
        super::too_many_branches::report_on_def(ctx, init, message);
    }
}

/// pylint's `_check_init` for one `__init__`: the names of the bases whose
/// `__init__` no call in its body reaches. Any call it cannot follow (an
/// `__init__` of an expression this module cannot resolve) silences the method.
fn bases_not_called<'t>(ctx: &Context<'_, 't>, hierarchy: &mut Hierarchy<'_, '_, 't>, init: Node<'t>, to_call: &[ToCall]) -> Vec<String> {
    let Some(body) = init.child_by_field_id(FIELD_BODY) else { return Vec::new() };
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
        match called_class(ctx, hierarchy, object) {
            Called::Super => uses_super = true,
            Called::Unknown => unknown = true,
            Called::External => {}
            Called::Class(key) => {
                if let Some(index) = not_called.iter().position(|entry| entry.base == key) {
                    called_owners.push(not_called.remove(index).owner);
                }
            }
        }
        true
    });
    if unknown || uses_super || super::unused_argument::decorated_with(ctx, init, &["overload"]) {
        return Vec::new();
    }
    let mut names = Vec::new();
    for entry in not_called {
        // pylint returns at the first such base, keeping what it reported.
        if called_owners.contains(&entry.owner) || entry.protocol {
            break;
        }
        names.push(entry.name);
    }
    names
}

enum Called {
    /// `super().__init__()`, or an `__init__` of a name that may hold `super()`.
    Super,
    /// A class this module defines or imports.
    Class(ClassKey),
    /// A builtin, or an import that leads to no class: never one of the bases to call.
    External,
    Unknown,
}

fn called_class<'t>(ctx: &Context<'_, 't>, hierarchy: &mut Hierarchy<'_, '_, 't>, object: Node<'t>) -> Called {
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
                // A star-imported class, a builtin, or nothing known.
                None => hierarchy.local_name(object).map_or(Called::External, |class| Called::Class(class.key())),
                Some(resolved) => match unique_binding(ctx, resolved, name) {
                    Some((BindingKind::ClassDef, definition)) => Called::Class(ClassRef::Local(definition).key()),
                    Some((BindingKind::Import, _)) => {
                        hierarchy.local_name(object).map_or(Called::External, |class| Called::Class(class.key()))
                    }
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
                hierarchy.local_dotted(object).map_or(Called::External, |class| Called::Class(class.key()))
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

/// astroid's `ancestors(recurs=False)`: the direct bases that resolve to a
/// class, in order (`object` is left out; a base that does not resolve is
/// skipped, as astroid skips one it cannot infer).
fn direct_bases<'t>(hierarchy: &mut Hierarchy<'_, '_, 't>, class: Node<'t>) -> Vec<ClassRef<'t>> {
    let Some(arguments) = class.child_by_field_id(FIELD_SUPERCLASSES) else { return Vec::new() };
    let mut bases = Vec::new();
    for argument in code_children(arguments) {
        let base = match argument.kind_id() {
            IDENTIFIER => hierarchy.local_name(argument),
            ATTRIBUTE => hierarchy.local_dotted(argument),
            SUBSCRIPT => hierarchy.local_subscript(argument),
            _ => None,
        };
        match base {
            Some(ClassRef::Builtin("object")) | None => {}
            Some(base) => bases.push(base),
        }
    }
    bases
}

/// The class whose `__init__` astroid's `igetattr` finds first on `class`:
/// its own, or the first along its ancestors (depth first, left to right).
/// `None` when that `__init__` is not a plain, non-abstract method of a
/// module (a builtin's, an assigned value, or behind an unresolved base).
fn find_init<'t>(ctx: &Context<'_, 't>, hierarchy: &mut Hierarchy<'_, '_, 't>, class: ClassRef<'t>) -> Option<ClassKey> {
    let mut stack = vec![class];
    let mut visited = Vec::new();
    while let Some(current) = stack.pop() {
        let key = current.key();
        if visited.contains(&key) {
            continue;
        }
        visited.push(key.clone());
        match &current {
            // A builtin's `__init__` has no body to astroid: abstract.
            ClassRef::Builtin(_) | ClassRef::Compiled(_) => return None,
            ClassRef::Local(node) => {
                let scope = ctx.semantic.scope_of(*node)?;
                if let Some(first) = ctx.semantic.bindings_of(scope, "__init__").next() {
                    if first.kind != BindingKind::FunctionDef {
                        return None;
                    }
                    return (!is_abstract(ctx, first.identifier.parent()?)).then_some(key);
                }
            }
            ClassRef::Remote(remote) => {
                let summary = remote.summary()?;
                match summary.members.get("__init__") {
                    Some(ClassMember::Method(_)) => {
                        let listed = |names: &[String]| names.iter().any(|name| name == "__init__");
                        return (!listed(&summary.abstract_methods) && !listed(&summary.pass_methods)).then_some(key);
                    }
                    Some(ClassMember::Other) => return None,
                    None if summary.unlisted_bindings => return None,
                    None => {}
                }
            }
        }
        let mut bases = hierarchy.direct_bases(&current)?;
        bases.reverse();
        stack.extend(bases);
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
fn is_protocol_class(ctx: &Context, class: &ClassRef) -> bool {
    match class {
        ClassRef::Local(class) => {
            let Some(arguments) = class.child_by_field_id(FIELD_SUPERCLASSES) else { return false };
            code_children(arguments).any(|base| {
                let target = if base.kind_id() == SUBSCRIPT { base.child_by_field_id(FIELD_VALUE).unwrap_or(base) } else { base };
                let text = ctx.text(target);
                text == "Protocol" || text.ends_with(".Protocol")
            })
        }
        ClassRef::Compiled(_) => false,
        ClassRef::Remote(remote) => remote.summary().is_some_and(|summary| {
            summary.bases.iter().any(|base| {
                let origin = match base {
                    BaseRef::Subscript { origin, .. } => origin.as_ref(),
                    base => base,
                };
                match origin {
                    BaseRef::Name(name) => name == "Protocol",
                    BaseRef::Dotted(parts) => parts.last().is_some_and(|last| last == "Protocol"),
                    _ => false,
                }
            })
        }),
        ClassRef::Builtin(_) => false,
    }
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
