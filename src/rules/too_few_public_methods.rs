use super::prelude::*;
use super::too_many_ancestors::{compiled_class, ClassRef, Hierarchy};
use super::too_many_branches::report_on_def;
use crate::semantic::summary::ClassMember;
use std::collections::HashSet;

declare_rule! {
    /// ## What it does
    /// Checks for classes with fewer public methods than `min-public-methods`
    /// (2 by default), counting inherited ones. Names without a leading
    /// underscore are public, and the class's own special methods (`__len__`,
    /// not `__init__`) count too. Exceptions, metaclasses, enums, typed named
    /// tuples and dicts, and dataclasses or attrs classes are exempt.
    ///
    /// ## Why is this bad?
    /// A class with a single method is often a function in disguise, and one
    /// without methods is a plain record, better written as a dataclass or a
    /// named tuple.
    ///
    /// ## Example
    /// ```python
    /// class Greeter:
    ///     def __init__(self, name):
    ///         self.name = name
    ///
    ///     def greet(self):
    ///         return f"Hello, {self.name}"
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// def greet(name):
    ///     return f"Hello, {name}"
    /// ```
    ///
    /// Bases are followed into the modules they are imported from (star
    /// imports included), as astroid does. A class is left alone when some
    /// ancestor cannot be resolved (compiled modules, conditional imports,
    /// subscripted bases), is a builtin class other than `object` (their
    /// methods are not tabled here), or belongs to another module and binds
    /// names conditionally (its methods are not certain).
    code: "R0903",
    symbol: "too-few-public-methods",
    category: Refactor,
    checker: "design",
    trigger: Trigger::Node(&[CLASS_DEFINITION], check),
}

/// A class known well enough to count its methods.
pub(crate) struct Lineage<'t> {
    /// The class and its ancestors defined in the file.
    pub(crate) classes: Vec<Node<'t>>,
    /// An exception, or a metaclass: not a plain class to pylint.
    is_special_type: bool,
    /// Some ancestor is a builtin class other than `object`.
    pub(crate) has_builtin_base: bool,
}

fn check(ctx: &mut Context, class: Node) {
    if is_dataclass(ctx, class) {
        return;
    }
    let Some(count) = public_method_count(ctx, class) else { return };
    let min = ctx.settings.min_public_methods;
    if count < min {
        report_on_def(ctx, class, format!("Too few public methods ({count}/{min})"));
    }
}

/// pylint's `_count_methods_in_class`: the distinct public method names of
/// the class and all its ancestors (astroid's `methods()`), plus the
/// class's own special methods. `None` when the class is exempt (its
/// astroid type is not "class", it is an enum, a `NamedTuple` or a
/// `TypedDict`) or some ancestor cannot be resolved or counted with
/// certainty (a builtin base other than `object`, whose methods are not
/// tabled; a class of another module with conditional bindings).
fn public_method_count(ctx: &Context, class: Node) -> Option<usize> {
    let mut hierarchy = Hierarchy::new(ctx).with_compiled_classes();
    let mut seen = HashSet::new();
    let mut pending = vec![ClassRef::Local(class)];
    let mut method_names: HashSet<String> = HashSet::new();
    while let Some(current) = pending.pop() {
        if !seen.insert(current.key()) {
            continue;
        }
        let qualified = hierarchy.qualified_name(&current);
        if EXEMPT_ANCESTORS.contains(&qualified.as_str()) {
            return None;
        }
        match &current {
            ClassRef::Builtin("object") => continue,
            // `types.ModuleType` and the like: astroid's member-less proxies.
            ClassRef::Builtin(name) if crate::semantic::summary::proxy_class(name).is_some() => {}
            // Exceptions and metaclasses are exempt; any other builtin has
            // methods this rule does not count (`dict`, `int`, ...).
            ClassRef::Builtin(_) => return None,
            ClassRef::Local(node) => {
                let name = node.child_by_field_id(FIELD_NAME).map_or("", |name| ctx.text(name));
                if is_special_class_name(name) {
                    return None;
                }
                method_names.extend(own_methods(ctx, *node).into_iter().map(str::to_string));
            }
            ClassRef::Compiled(compiled) => {
                if is_special_class_name(&compiled.name) {
                    return None;
                }
                method_names.extend(compiled_class(compiled)?.methods.iter().cloned());
            }
            ClassRef::Remote(remote) => {
                let summary = remote.summary()?;
                if is_special_class_name(&remote.name) || summary.unlisted_bindings {
                    return None;
                }
                method_names.extend(
                    summary
                        .members
                        .iter()
                        .filter(|(_, member)| matches!(member, ClassMember::Method(_)))
                        .map(|(name, _)| name.clone()),
                );
            }
        }
        pending.extend(hierarchy.direct_bases(&current)?);
    }
    let public = method_names.iter().filter(|name| !name.starts_with('_')).count();
    let special = own_methods(ctx, class).iter().filter(|name| is_special_method(name)).count();
    Some(public + special)
}

/// astroid gives classes named like this the type "exception" or
/// "interface" (and so do their subclasses): pylint does not count their methods.
fn is_special_class_name(name: &str) -> bool {
    name.ends_with("Exception") || name.ends_with("Interface")
}

/// pylint's `_is_exempt_from_public_methods` ancestors.
const EXEMPT_ANCESTORS: &[&str] =
    &["enum.Enum", "typing.NamedTuple", "typing.TypedDict", "typing_extensions.TypedDict"];

/// The class and its ancestors when every base is a builtin or a class of
/// this file; `None` when some base is unknown.
pub(crate) fn lineage<'t>(ctx: &Context<'_, 't>, class: Node<'t>) -> Option<Lineage<'t>> {
    let mut lineage = Lineage { classes: Vec::new(), is_special_type: false, has_builtin_base: false };
    let mut pending = vec![class];
    while let Some(current) = pending.pop() {
        if lineage.classes.iter().any(|seen| seen.id() == current.id()) {
            continue;
        }
        lineage.classes.push(current);
        let name = current.child_by_field_id(FIELD_NAME).map_or("", |name| ctx.text(name));
        if name.ends_with("Exception") {
            lineage.is_special_type = true;
        }
        let Some(bases) = current.child_by_field_id(FIELD_SUPERCLASSES) else { continue };
        for base in code_children(bases) {
            // astroid leaves out a base imported from a module that is not installed.
            if super::unused_argument::from_missing_module(ctx, ctx.semantic.enclosing_scope(current), base) {
                continue;
            }
            match base.kind_id() {
                KEYWORD_ARGUMENT => continue,
                IDENTIFIER => {}
                _ => return None,
            }
            let base_name = ctx.text(base);
            let scope = ctx.semantic.enclosing_scope(base);
            if ctx.semantic.is_builtin(scope, base_name) {
                match base_name {
                    "object" => {}
                    "type" => lineage.is_special_type = true,
                    _ if is_builtin_exception(base_name) => lineage.is_special_type = true,
                    _ => {}
                }
                lineage.has_builtin_base |= base_name != "object";
                continue;
            }
            let resolved = ctx.semantic.resolve(scope, base_name)?;
            let mut bindings = ctx.semantic.bindings_of(resolved, base_name);
            let (Some(binding), None) = (bindings.next(), bindings.next()) else { return None };
            if binding.kind != BindingKind::ClassDef {
                return None;
            }
            pending.push(syntax::undecorated(binding.statement));
        }
    }
    Some(lineage)
}

fn is_builtin_exception(name: &str) -> bool {
    name.ends_with("Error")
        || name.ends_with("Exception")
        || name.ends_with("Warning")
        || matches!(
            name,
            "BaseException" | "BaseExceptionGroup" | "ExceptionGroup" | "GeneratorExit" | "KeyboardInterrupt"
                | "StopAsyncIteration" | "StopIteration" | "SystemExit"
        )
}

/// The names whose first binding in the class body is a `def`
/// (astroid's `mymethods`).
pub(crate) fn own_methods<'t>(ctx: &Context<'_, 't>, class: Node<'t>) -> Vec<&'t str> {
    let Some(scope) = ctx.semantic.scope_of(class) else { return Vec::new() };
    let scope = ctx.semantic.scope(scope);
    scope
        .bindings
        .iter()
        .filter(|(_, ids)| ids.first().is_some_and(|id| ctx.semantic.binding(*id).kind == BindingKind::FunctionDef))
        .map(|(name, _)| *name)
        .collect()
}

/// `__len__`-like names (pylint's `^__[a-z]+__$`), `__init__` aside.
fn is_special_method(name: &str) -> bool {
    name != "__init__"
        && name.len() > 4
        && name.starts_with("__")
        && name.ends_with("__")
        && name[2..name.len() - 2].bytes().all(|byte| byte.is_ascii_lowercase())
}

/// A `dataclass`/`attrs` decorator, recognised by name as pylint does when
/// the module imports something of that name.
fn is_dataclass(ctx: &Context, class: Node) -> bool {
    let Some(decorated) = class.parent().filter(|parent| parent.kind_id() == DECORATED_DEFINITION) else {
        return false;
    };
    let module_binds = |names: &[&str]| names.iter().any(|name| ctx.semantic.module_scope().bindings.contains_key(name));
    code_children(decorated).filter(|child| child.kind_id() == DECORATOR).any(|decorator| {
        let Some(mut expression) = code_children(decorator).next() else { return false };
        if expression.kind_id() == CALL {
            match expression.child_by_field_id(FIELD_FUNCTION) {
                Some(function) => expression = function,
                None => return false,
            }
        }
        let name = match expression.kind_id() {
            IDENTIFIER => ctx.text(expression),
            ATTRIBUTE => expression.child_by_field_id(FIELD_ATTRIBUTE).map_or("", |name| ctx.text(name)),
            _ => return false,
        };
        (matches!(name, "dataclass" | "attrs") && module_binds(&["dataclass", "attrs", "dataclasses"]))
            || (matches!(name, "define" | "frozen") && module_binds(&["define", "frozen", "attrs"]))
    })
}
