use super::prelude::*;
use super::too_many_ancestors::ClassRef;
use crate::semantic::summary::{self, ClassMember, RemoteBase, RemoteClass, Resolved};
use crate::semantic::{Binding, ScopeId};

declare_rule! {
    /// ## What it does
    /// Checks for function and method parameters that the body never reads.
    ///
    /// Not reported: names matching `ignored-argument-names` (by default
    /// those starting with `_`), the first parameter of methods, parameters
    /// of special methods other than `__init__`/`__new__`, of methods that
    /// override a parent method with that parameter, of functions that only
    /// raise, of abstract methods, overload stubs and callbacks.
    ///
    /// ## Why is this bad?
    /// An unused parameter is often a bug (the body uses another name), or a
    /// leftover that callers must still pass for nothing.
    ///
    /// ## Example
    /// ```python
    /// def area(width, height, depth):
    ///     return width * height
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// def area(width, height):
    ///     return width * height
    /// ```
    code: "W0613",
    symbol: "unused-argument",
    category: Warning,
    checker: "variables",
    trigger: Trigger::Module(check),
}

fn check(ctx: &mut Context) {
    let nested_names = super::unused_variable::nested_names_by_function(ctx);
    for (scope_id, scope) in ctx.semantic.function_scopes() {
        let function = scope.node;
        if super::unused_variable::skips_unused_checks(ctx, function) {
            continue;
        }
        let parameters = parameter_bindings(ctx, scope_id);
        let mut exempt_names: Option<Vec<&str>> = None;
        for binding in &parameters {
            let name = binding.name;
            if scope.used.contains(name)
                || ctx.settings.ignored_argument_names.is_match(name)
                || scope.nonlocals.contains(name)
                || scope.globals.contains(name)
                || nested_names.get(&scope_id).is_some_and(|names| names.nonlocals.contains(name))
            {
                continue;
            }
            let exempt = exempt_names.get_or_insert_with(|| exempt_parameters(ctx, scope_id, &parameters));
            if exempt.contains(&name) {
                continue;
            }
            let message = format!("Unused argument '{name}'");
            super::unused_variable::report_binding(ctx, binding, message);
        }
    }
}

/// The first binding of each parameter of a function scope, in order.
pub(crate) fn parameter_bindings<'t>(ctx: &Context<'_, 't>, scope: ScopeId) -> Vec<Binding<'t>> {
    let mut parameters: Vec<Binding<'t>> = ctx
        .semantic
        .scope(scope)
        .bindings
        .values()
        .filter_map(|ids| ids.first())
        .map(|id| ctx.semantic.binding(*id))
        .filter(|binding| binding.kind == BindingKind::Parameter)
        .cloned()
        .collect();
    parameters.sort_by_key(|binding| binding.identifier.start_byte());
    parameters
}

/// Parameters that pylint never reports for this function, whatever the body
/// does (`self`, overridden signatures, special methods, callbacks...).
fn exempt_parameters<'t>(ctx: &Context<'_, 't>, scope: ScopeId, parameters: &[Binding<'t>]) -> Vec<&'t str> {
    let all: Vec<&'t str> = parameters.iter().map(|binding| binding.name).collect();
    let function = ctx.semantic.scope(scope).node;
    let function_name = function.child_by_field_id(FIELD_NAME).map(|name| ctx.text(name)).unwrap_or("");
    if let Some(class) = method_class(ctx, scope) {
        if class_defines_init(ctx, class) && function_name == "__new__" {
            return all;
        }
        let mut exempt = Vec::new();
        if method_kind(ctx, function) != MethodKind::Static {
            exempt.extend(all.first().copied());
        }
        match overridden_method(ctx, class, function_name) {
            Overridden::No => {}
            Overridden::Unknown => return all,
            Overridden::Yes(parent) => exempt.extend(all.iter().filter(|name| parent.iter().any(|(p, _)| p == *name))),
        }
        if is_special_method(function_name) && !matches!(function_name, "__init__" | "__new__") {
            return all;
        }
        if is_callback(ctx, function_name) || is_singledispatch_registered(ctx, function) || is_protocol_class(ctx, class)
        {
            return all;
        }
        return exempt;
    }
    if is_callback(ctx, function_name) || is_singledispatch_registered(ctx, function) {
        return all;
    }
    Vec::new()
}

fn is_callback(ctx: &Context, function_name: &str) -> bool {
    ctx.settings
        .callbacks
        .iter()
        .any(|affix| function_name.starts_with(affix.as_str()) || function_name.ends_with(affix.as_str()))
}

/// `@f.register` / `@f.register(int)` where `f` is a `singledispatch`
/// function; an `f` that cannot be resolved in this module counts as one.
fn is_singledispatch_registered(ctx: &Context, function: Node) -> bool {
    decorators(function).into_iter().any(|decorator| {
        let callee = match decorator.kind_id() {
            CALL => decorator.child_by_field_id(FIELD_FUNCTION),
            _ => Some(decorator),
        };
        let Some(callee) = callee.filter(|callee| callee.kind_id() == ATTRIBUTE) else { return false };
        if !callee.child_by_field_id(FIELD_ATTRIBUTE).is_some_and(|attribute| ctx.text(attribute) == "register") {
            return false;
        }
        let Some(object) = callee.child_by_field_id(FIELD_OBJECT).filter(|object| object.kind_id() == IDENTIFIER) else {
            return true;
        };
        let name = ctx.text(object);
        let scope = ctx.semantic.enclosing_scope(decorator);
        let Some(defining_scope) = ctx.semantic.resolve(scope, name) else { return true };
        let mut bindings = ctx.semantic.bindings_of(defining_scope, name);
        match bindings.next() {
            Some(first) if first.kind == BindingKind::FunctionDef => match first.identifier.parent() {
                Some(definition) => decorated_with(ctx, definition, &["singledispatch"]),
                None => true,
            },
            _ => true,
        }
    })
}

/// The decorator expressions of a function or class definition.
pub(crate) fn decorators<'t>(definition: Node<'t>) -> Vec<Node<'t>> {
    let Some(parent) = definition.parent().filter(|parent| parent.kind_id() == DECORATED_DEFINITION) else {
        return Vec::new();
    };
    code_children(parent)
        .filter(|child| child.kind_id() == DECORATOR)
        .filter_map(|decorator| code_children(decorator).next())
        .collect()
}

/// Whether a decorator list names one of `names` (bare or as `module.name`).
pub(crate) fn decorated_with(ctx: &Context, definition: Node, names: &[&str]) -> bool {
    decorators(definition).into_iter().any(|decorator| {
        let text = ctx.text(decorator);
        let last = text.rsplit('.').next().unwrap_or(text);
        names.contains(&text) || names.contains(&last)
    })
}

/// The class whose body defines this function scope directly, when it is a method.
pub(crate) fn method_class<'t>(ctx: &Context<'_, 't>, scope: ScopeId) -> Option<Node<'t>> {
    let parent = ctx.semantic.scope(scope).parent?;
    let parent_scope = ctx.semantic.scope(parent);
    (parent_scope.kind == ScopeKind::Class).then_some(parent_scope.node)
}

#[derive(PartialEq, Eq)]
pub(crate) enum MethodKind {
    Instance,
    Class,
    Static,
}

pub(crate) fn method_kind(ctx: &Context, function: Node) -> MethodKind {
    if decorators(function).into_iter().any(|d| matches!(ctx.text(d), "staticmethod" | "builtins.staticmethod")) {
        return MethodKind::Static;
    }
    let name = function.child_by_field_id(FIELD_NAME).map(|name| ctx.text(name)).unwrap_or("");
    if matches!(name, "__new__" | "__init_subclass__" | "__class_getitem__")
        || decorators(function).into_iter().any(|d| matches!(ctx.text(d), "classmethod" | "builtins.classmethod"))
    {
        return MethodKind::Class;
    }
    MethodKind::Instance
}

fn class_defines_init(ctx: &Context, class: Node) -> bool {
    matches!(class_attribute(ctx, class, "__init__"), Some(attribute) if attribute.kind_id() == FUNCTION_DEFINITION)
        || is_dataclass(ctx, class)
}

/// `@dataclass` / `@dataclasses.dataclass(...)`: astroid gives the class a generated `__init__`.
fn is_dataclass(ctx: &Context, class: Node) -> bool {
    let Some(decorated) = class.parent().filter(|parent| parent.kind_id() == DECORATED_DEFINITION) else {
        return false;
    };
    code_children(decorated).filter(|child| child.kind_id() == DECORATOR).any(|decorator| {
        let Some(mut expression) = code_children(decorator).next() else { return false };
        if expression.kind_id() == CALL {
            // `@dataclass(init=False)` generates no `__init__`.
            let no_init = expression.child_by_field_id(FIELD_ARGUMENTS).is_some_and(|arguments| {
                code_children(arguments).any(|argument| {
                    argument.kind_id() == KEYWORD_ARGUMENT
                        && argument.child_by_field_id(FIELD_NAME).is_some_and(|name| ctx.text(name) == "init")
                        && argument.child_by_field_id(FIELD_VALUE).is_some_and(|value| value.kind_id() == FALSE)
                })
            });
            match expression.child_by_field_id(FIELD_FUNCTION) {
                Some(function) if !no_init => expression = function,
                _ => return false,
            }
        }
        matches!(ctx.text(expression), "dataclass" | "dataclasses.dataclass")
    })
}

/// What an ancestor class says about a method name.
pub(crate) enum Overridden {
    /// No ancestor defines the name as a function.
    No,
    /// The first ancestor that defines the name has it as a method with these
    /// parameters (name, positional-only).
    Yes(Vec<(String, bool)>),
    /// Some ancestor cannot be resolved within this module.
    Unknown,
}

/// The method `name` of the nearest ancestor of `class` that binds `name`,
/// in depth-first, left-to-right order (astroid's MRO for simple hierarchies).
///
/// Methods of builtin classes have no parameter names in astroid, so a
/// builtin base never exempts a parameter; it only matters when it could
/// shadow a later base that defines the method.
pub(crate) fn overridden_method(ctx: &Context, class: Node, name: &str) -> Overridden {
    let mut visited_local = Vec::new();
    let mut visited_remote: Vec<(std::path::PathBuf, String)> = Vec::new();
    let mut stack: Vec<Base> = base_classes(ctx, class).into_iter().rev().collect();
    let (mut unresolved, mut builtin_seen) = (false, false);
    while let Some(base) = stack.pop() {
        let found = match base {
            Base::Local(base_class) => {
                if visited_local.contains(&base_class.id()) {
                    continue;
                }
                visited_local.push(base_class.id());
                match class_attribute(ctx, base_class, name) {
                    Some(attribute) if attribute.kind_id() == FUNCTION_DEFINITION => {
                        Some(ClassMember::Method(parameter_names(ctx, attribute)))
                    }
                    Some(_) => Some(ClassMember::Other),
                    None => {
                        stack.extend(base_classes(ctx, base_class).into_iter().rev());
                        None
                    }
                }
            }
            Base::Remote(remote) => {
                let key = (remote.module.path.clone(), remote.name.clone());
                if visited_remote.contains(&key) {
                    continue;
                }
                visited_remote.push(key);
                match remote.summary().and_then(|summary| summary.members.get(name)) {
                    Some(member) => Some(member.clone()),
                    None => {
                        if ctx.imports.is_some() {
                            stack.extend(ancestor_bases(ctx, ClassRef::Remote(remote)).into_iter().rev());
                        }
                        None
                    }
                }
            }
            Base::Compiled(compiled) => {
                let key = (compiled.module.path.clone(), compiled.name.clone());
                if visited_remote.contains(&key) {
                    continue;
                }
                visited_remote.push(key);
                let Some(members) = super::too_many_ancestors::compiled_class(&compiled) else {
                    unresolved = true;
                    continue;
                };
                // astroid builds a compiled method without parameters
                // (`argnames()` is empty): it exempts no parameter.
                if members.has_method(name) {
                    Some(ClassMember::Method(Vec::new()))
                } else if members.attributes.iter().any(|attribute| attribute == name) {
                    Some(ClassMember::Other)
                } else {
                    stack.extend(ancestor_bases(ctx, ClassRef::Compiled(compiled)).into_iter().rev());
                    None
                }
            }
            Base::Builtin => {
                builtin_seen = true;
                continue;
            }
            Base::Unknown => {
                unresolved = true;
                continue;
            }
        };
        if let Some(member) = found {
            if unresolved || builtin_seen {
                return Overridden::Unknown;
            }
            return match member {
                ClassMember::Method(parameters) => Overridden::Yes(parameters),
                ClassMember::Other => Overridden::No,
            };
        }
    }
    if unresolved {
        Overridden::Unknown
    } else {
        Overridden::No
    }
}

enum Base<'t> {
    /// A class defined in this module.
    Local(Node<'t>),
    /// A class defined in a module this one imports (found on disk).
    Remote(RemoteClass),
    /// A class of a compiled module (`_socket.socket`), known from the living class.
    Compiled(RemoteClass),
    /// A builtin class such as `Exception` or `dict`.
    Builtin,
    /// Anything that cannot be resolved.
    Unknown,
}

impl Base<'_> {
    fn from_remote(base: RemoteBase) -> Self {
        match base {
            // astroid special-cases typing's classes (Protocol, NamedTuple...);
            // their source says little about what they are. `Generic` is
            // its source plus a `__class_getitem__`.
            RemoteBase::Class(class) if is_typing_module(&class.module.path) && class.name != "Generic" => Base::Unknown,
            RemoteBase::Class(class) => Base::Remote(class),
            RemoteBase::Builtin => Base::Builtin,
            RemoteBase::Unknown => Base::Unknown,
        }
    }
}

/// The base classes of a class of another module or of a compiled one;
/// `object` is left out.
fn ancestor_bases<'t>(ctx: &Context<'_, 't>, class: ClassRef<'t>) -> Vec<Base<'t>> {
    let Some(bases) = super::too_many_ancestors::Hierarchy::new(ctx).with_compiled_classes().direct_bases(&class) else {
        return vec![Base::Unknown];
    };
    bases
        .into_iter()
        .filter_map(|base| match base {
            ClassRef::Builtin("object") => None,
            ClassRef::Builtin(_) => Some(Base::Builtin),
            ClassRef::Remote(class) => Some(Base::from_remote(RemoteBase::Class(class))),
            ClassRef::Compiled(class) => Some(Base::Compiled(class)),
            ClassRef::Local(node) => Some(Base::Local(node)),
        })
        .collect()
}

/// A base of the checked file that names a class of a compiled module.
fn compiled_base<'t>(ctx: &Context<'_, 't>, base: Node<'t>) -> Option<Base<'t>> {
    let mut hierarchy = super::too_many_ancestors::Hierarchy::new(ctx).with_compiled_classes();
    let class = match base.kind_id() {
        IDENTIFIER => hierarchy.local_name(base)?,
        ATTRIBUTE => hierarchy.local_dotted(base)?,
        _ => return None,
    };
    match class {
        ClassRef::Compiled(class) => Some(Base::Compiled(class)),
        _ => None,
    }
}

/// The base classes of a class; `object` is left out.
fn base_classes<'t>(ctx: &Context<'_, 't>, class: Node<'t>) -> Vec<Base<'t>> {
    let Some(arguments) = class.child_by_field_id(FIELD_SUPERCLASSES) else { return Vec::new() };
    let outer = ctx.semantic.enclosing_scope(class);
    let mut bases = Vec::new();
    for argument in code_children(arguments) {
        if argument.kind_id() == KEYWORD_ARGUMENT || from_missing_module(ctx, outer, argument) {
            continue;
        }
        if argument.kind_id() == ATTRIBUTE {
            let base = imported_attribute_class(ctx, outer, argument).map_or(Base::Unknown, Base::from_remote);
            bases.push(match base {
                Base::Unknown => compiled_base(ctx, argument).unwrap_or(Base::Unknown),
                known => known,
            });
            continue;
        }
        if argument.kind_id() == SUBSCRIPT {
            // `Generic[T]`, `dict[str, int]`: the class astroid infers, if any.
            let base = match super::too_many_ancestors::Hierarchy::new(ctx).local_subscript(argument) {
                Some(ClassRef::Local(node)) => Base::Local(node),
                Some(ClassRef::Remote(class)) => Base::from_remote(RemoteBase::Class(class)),
                Some(ClassRef::Builtin("object")) => continue,
                Some(ClassRef::Builtin(_)) => Base::Builtin,
                Some(ClassRef::Compiled(_)) | None => Base::Unknown,
            };
            bases.push(base);
            continue;
        }
        if argument.kind_id() != IDENTIFIER {
            bases.push(Base::Unknown);
            continue;
        }
        let name = ctx.text(argument);
        if ctx.semantic.is_builtin(outer, name) {
            if name != "object" {
                bases.push(Base::Builtin);
            }
            continue;
        }
        let only_binding = ctx.semantic.resolve(outer, name).and_then(|scope| {
            let mut bindings = ctx.semantic.bindings_of(scope, name);
            match (bindings.next(), bindings.next()) {
                (Some(only), None) => Some(only),
                _ => None,
            }
        });
        let base = match only_binding {
            Some(binding) if binding.kind == BindingKind::ClassDef => binding.identifier.parent().map(Base::Local),
            Some(binding) if binding.kind == BindingKind::Import => match ctx.resolve_imported(binding.statement, name) {
                Some(Resolved::Class(class)) => Some(Base::from_remote(RemoteBase::Class(class))),
                _ => None,
            },
            _ => None,
        };
        bases.push(base.or_else(|| compiled_base(ctx, argument)).unwrap_or(Base::Unknown));
    }
    bases
}

/// pylint's `is_protocol_class`: a base is inferred to `typing.Protocol`
/// (one it cannot find, such as an uninstalled `typing_extensions`, is not).
fn is_protocol_class(ctx: &Context, class: Node) -> bool {
    let Some(arguments) = class.child_by_field_id(FIELD_SUPERCLASSES) else { return false };
    let outer = ctx.semantic.enclosing_scope(class);
    let is_protocol = |class: &RemoteClass| class.name == "Protocol" && is_typing_module(&class.module.path);
    code_children(arguments).any(|base| match base.kind_id() {
        IDENTIFIER => {
            let name = ctx.text(base);
            let Some(scope) = ctx.semantic.resolve(outer, name) else { return false };
            let mut bindings = ctx.semantic.bindings_of(scope, name);
            match (bindings.next(), bindings.next()) {
                (Some(binding), None) if binding.kind == BindingKind::Import => {
                    matches!(ctx.resolve_imported(binding.statement, name), Some(summary::Resolved::Class(class)) if is_protocol(&class))
                }
                _ => false,
            }
        }
        ATTRIBUTE => matches!(imported_attribute_class(ctx, outer, base), Some(RemoteBase::Class(class)) if is_protocol(&class)),
        _ => false,
    })
}

/// A base read through an import of a module that is not installed at all:
/// astroid cannot infer it and leaves it out of the class's bases.
pub(crate) fn from_missing_module(ctx: &Context, scope: crate::semantic::ScopeId, base: Node) -> bool {
    let Some((path, index)) = ctx.imports else { return false };
    let mut root = base;
    while root.kind_id() == ATTRIBUTE {
        match root.child_by_field_id(FIELD_OBJECT) {
            Some(object) => root = object,
            None => return false,
        }
    }
    if root.kind_id() != IDENTIFIER {
        return false;
    }
    let name = ctx.text(root);
    let Some(defined_in) = ctx.semantic.resolve(scope, name) else { return false };
    let mut bindings = ctx.semantic.bindings_of(defined_in, name);
    let (Some(binding), None) = (bindings.next(), bindings.next()) else { return false };
    if binding.kind != BindingKind::Import {
        return false;
    }
    let module = summary::import_bindings(ctx.source, binding.statement).into_iter().find(|(bound, _)| bound == name).and_then(
        |(_, target)| match target {
            summary::ImportTarget::Module { module } => Some(module),
            summary::ImportTarget::From { level: 0, module, .. } => Some(module),
            summary::ImportTarget::From { .. } => None,
        },
    );
    module.is_some_and(|module| index.is_missing(path, &module))
}

fn is_typing_module(path: &std::path::Path) -> bool {
    path.file_name().is_some_and(|name| name == "typing.py" || name == "typing_extensions.py")
}

/// What the import statement `statement` binds `name` to, found on disk.
/// `module.Class` or `package.module.Class` where `module`/`package` is bound by an import.
fn imported_attribute_class(ctx: &Context, scope: crate::semantic::ScopeId, attribute: Node) -> Option<RemoteBase> {
    let (path, index) = ctx.imports?;
    let parts = summary::dotted_parts(ctx.source, attribute)?;
    let target = super::too_many_ancestors::import_of_name(ctx, scope, &parts[0])?;
    Some(summary::dotted_class(index, path, &target, &parts))
}

/// The definition or assignment that first binds `name` in a class body.
fn class_attribute<'t>(ctx: &Context<'_, 't>, class: Node<'t>, name: &str) -> Option<Node<'t>> {
    let scope = ctx.semantic.scope_of(class)?;
    let first = ctx.semantic.bindings_of(scope, name).next()?;
    Some(match first.kind {
        BindingKind::FunctionDef | BindingKind::ClassDef => first.identifier.parent()?,
        _ => first.statement,
    })
}

/// A function's parameter names with whether each is positional-only.
fn parameter_names(ctx: &Context, function: Node) -> Vec<(String, bool)> {
    let Some(parameters) = function.child_by_field_id(FIELD_PARAMETERS) else { return Vec::new() };
    let children: Vec<Node> = code_children(parameters).collect();
    let separator = children.iter().position(|child| child.kind_id() == POSITIONAL_SEPARATOR);
    let mut names = Vec::new();
    for (index, parameter) in children.iter().enumerate() {
        let mut identifier = None;
        syntax::walk(*parameter, |node| {
            if identifier.is_some() {
                return false;
            }
            if node.kind_id() == IDENTIFIER {
                identifier = Some(node);
                return false;
            }
            // Defaults and annotations are not names of the parameter.
            !matches!(node.kind_id(), DEFAULT_PARAMETER | TYPED_DEFAULT_PARAMETER) || node == *parameter
        });
        if let Some(identifier) = identifier {
            names.push((ctx.text(identifier).to_string(), separator.is_some_and(|s| index < s)));
        }
    }
    names
}

/// pylint's `PYMETHODS`: the special methods with a fixed signature.
pub(crate) fn is_special_method(name: &str) -> bool {
    SPECIAL_METHODS.binary_search(&name).is_ok()
}

const SPECIAL_METHODS: &[&str] = &[
    "__abs__", "__add__", "__aenter__", "__aexit__", "__aiter__", "__and__", "__anext__", "__await__",
    "__bool__", "__bytes__", "__call__", "__ceil__", "__cmp__", "__complex__", "__contains__", "__copy__",
    "__deepcopy__", "__del__", "__delattr__", "__delete__", "__delitem__", "__dir__", "__div__",
    "__divmod__", "__enter__", "__eq__", "__exit__", "__float__", "__floor__", "__floordiv__",
    "__format__", "__fspath__", "__ge__", "__get__", "__getattr__", "__getattribute__", "__getitem__",
    "__getnewargs__", "__getnewargs_ex__", "__getstate__", "__gt__", "__hash__", "__iadd__", "__iand__",
    "__ifloordiv__", "__ilshift__", "__imatmul__", "__imod__", "__imul__", "__index__", "__init__",
    "__init_subclass__", "__instancecheck__", "__int__", "__invert__", "__ior__", "__ipow__",
    "__irshift__", "__isub__", "__iter__", "__itruediv__", "__ixor__", "__le__", "__len__",
    "__length_hint__", "__lshift__", "__lt__", "__matmul__", "__missing__", "__mod__", "__mul__",
    "__ne__", "__neg__", "__new__", "__nonzero__", "__or__", "__pos__", "__pow__", "__radd__",
    "__rand__", "__rdivmod__", "__reduce__", "__reduce_ex__", "__repr__", "__reversed__",
    "__rfloordiv__", "__rlshift__", "__rmatmul__", "__rmod__", "__rmul__", "__ror__", "__round__",
    "__rpow__", "__rrshift__", "__rshift__", "__rsub__", "__rtruediv__", "__rxor__", "__set__",
    "__set_name__", "__setattr__", "__setitem__", "__setstate__", "__str__", "__sub__",
    "__subclasscheck__", "__subclasses__", "__truediv__", "__trunc__", "__unicode__", "__xor__",
];

#[cfg(test)]
mod tests {
    #[test]
    fn special_methods_are_sorted() {
        assert!(super::SPECIAL_METHODS.windows(2).all(|pair| pair[0] < pair[1]));
    }
}
