use super::prelude::*;
use crate::semantic::summary::{self, BaseRef, ImportTarget, RemoteBase, RemoteClass, Resolved};
use crate::semantic::ScopeId;

declare_rule! {
    /// ## What it does
    /// Checks for methods (functions defined in a class body) that take no
    /// parameter at all, not even `*args` or `**kwargs`, unless they are
    /// static methods.
    ///
    /// A method counts as static when decorated with `staticmethod`
    /// (also through `abc.abstractstaticmethod`, or a module function
    /// that returns `staticmethod(...)`) or rebound with
    /// `name = staticmethod(name)` in the class. Methods with decorators
    /// whose effect cannot be told from this module and the modules it
    /// imports are not reported.
    ///
    /// ## Why is this bad?
    /// Called on an instance, the method receives the instance as its
    /// first argument and fails with a `TypeError`.
    ///
    /// ## Example
    /// ```python
    /// class Greeter:
    ///     def greet():
    ///         print("hello")
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// class Greeter:
    ///     def greet(self):
    ///         print("hello")
    /// ```
    code: "E0211",
    symbol: "no-method-argument",
    category: Error,
    checker: "classes",
    trigger: Trigger::Node(&[FUNCTION_DEFINITION], check),
}

fn check(ctx: &mut Context, function: Node) {
    if first_argument_problem(ctx, function) == Some(FirstArgumentProblem::NoArgument) {
        let name = function_name(ctx, function);
        super::too_many_branches::report_on_def(ctx, function, format!("Method '{name}' has no argument"));
    }
}

pub(super) fn function_name<'t>(ctx: &Context<'_, 't>, function: Node<'t>) -> &'t str {
    function.child_by_field_id(FIELD_NAME).map_or("", |name| ctx.text(name))
}

/// What pylint's `_check_first_arg_for_type` finds wrong with a method's
/// first parameter (the three messages exclude one another).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum FirstArgumentProblem {
    /// E0211: a method or classmethod with no parameter at all.
    NoArgument,
    /// E0213: a method whose first parameter is not `self`.
    NotSelf,
    /// C0202: a classmethod whose first parameter is not a valid name.
    BadClassmethodArgument,
    /// C0204: a metaclass classmethod whose first parameter is not a valid
    /// name.
    BadMcsClassmethodArgument,
}

/// How astroid types a function defined in a class (`FunctionDef.type`).
#[derive(Clone, Copy, PartialEq, Eq)]
enum MethodType {
    Method,
    ClassMethod,
    StaticMethod,
}

/// The problem pylint reports for `function`'s first parameter, when it is
/// a method; `None` when there is none or when it cannot be told.
pub(super) fn first_argument_problem(ctx: &Context, function: Node) -> Option<FirstArgumentProblem> {
    let class = super::too_many_arguments::enclosing_frame(function).filter(|frame| frame.kind_id() == CLASS_DEFINITION)?;
    let parameters = Parameters::of(ctx, function);
    let method_type = method_type(ctx, function, class)?;
    if method_type == MethodType::StaticMethod {
        return None;
    }
    // `@staticmethod def __new__`: a classmethod to astroid, but pylint
    // leaves a method decorated with `builtins.staticmethod` alone.
    let decorated_static = crate::semantic::classes::decorator_expressions(function).into_iter().any(|decorator| {
        let text = ctx.text(strip_parens(decorator));
        text == "staticmethod" || text.ends_with(".staticmethod")
    });
    if decorated_static {
        return None;
    }
    if !parameters.any {
        return Some(FirstArgumentProblem::NoArgument);
    }
    // A metaclass's methods get messages of their own.
    if is_metaclass(ctx, class, 0)? {
        if method_type == MethodType::ClassMethod {
            let valid = parameters
                .first
                .is_some_and(|first| ctx.settings.valid_metaclass_classmethod_first_arg.iter().any(|v| v == first));
            return (!valid).then_some(FirstArgumentProblem::BadMcsClassmethodArgument);
        }
        // C0203 (bad-mcs-method-argument) is not implemented.
        return None;
    }
    let name = function_name(ctx, function);
    if method_type == MethodType::ClassMethod || name == "__class_getitem__" {
        let valid = parameters.first.is_some_and(|first| ctx.settings.valid_classmethod_first_arg.iter().any(|v| v == first));
        return (!valid).then_some(FirstArgumentProblem::BadClassmethodArgument);
    }
    (parameters.first != Some("self")).then_some(FirstArgumentProblem::NotSelf)
}

/// The valid first-argument names as pylint quotes them: `'cls'`, or
/// `'a', 'b' or 'c'`.
pub(super) fn quoted_names(names: &[String]) -> String {
    let quoted: Vec<String> = names.iter().map(|name| format!("'{name}'")).collect();
    match quoted.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        None => String::new(),
    }
}

struct Parameters<'t> {
    /// The first positional parameter (positional-only ones first).
    first: Option<&'t str>,
    /// Any positional parameter, `*args` or `**kwargs` (keyword-only ones
    /// do not count for pylint).
    any: bool,
}

impl<'t> Parameters<'t> {
    fn of(ctx: &Context<'_, 't>, function: Node<'t>) -> Parameters<'t> {
        let mut parameters = Parameters { first: None, any: false };
        let Some(list) = function.child_by_field_id(FIELD_PARAMETERS) else { return parameters };
        let mut past_star = false;
        for parameter in code_children(list) {
            let inner = match parameter.kind_id() {
                TYPED_PARAMETER => code_children(parameter).next().unwrap_or(parameter),
                _ => parameter,
            };
            match inner.kind_id() {
                LIST_SPLAT_PATTERN | DICTIONARY_SPLAT_PATTERN => {
                    parameters.any = true;
                    past_star |= inner.kind_id() == LIST_SPLAT_PATTERN;
                }
                KEYWORD_SEPARATOR => past_star = true,
                IDENTIFIER if !past_star => {
                    parameters.any = true;
                    parameters.first.get_or_insert(ctx.text(inner));
                }
                DEFAULT_PARAMETER | TYPED_DEFAULT_PARAMETER if !past_star => {
                    parameters.any = true;
                    if let Some(name) = inner.child_by_field_id(FIELD_NAME) {
                        parameters.first.get_or_insert(ctx.text(name));
                    }
                }
                _ => {}
            }
        }
        parameters
    }
}

/// astroid's `FunctionDef.type` for a function in `class`; `None` when a
/// decorator's effect is not known.
fn method_type(ctx: &Context, function: Node, class: Node) -> Option<MethodType> {
    let name = function_name(ctx, function);
    if let Some(rebound) = rebinding_descriptor(ctx, class, name) {
        return Some(rebound);
    }
    if matches!(name, "__new__" | "__init_subclass__" | "__class_getitem__") {
        return Some(MethodType::ClassMethod);
    }
    let decorators: Vec<Node> = function
        .parent()
        .filter(|parent| parent.kind_id() == DECORATED_DEFINITION)
        .map(|decorated| code_children(decorated).filter(|child| child.kind_id() == DECORATOR).collect())
        .unwrap_or_default();
    for decorator in decorators {
        let expression = code_children(decorator).next().map(strip_parens)?;
        match decorator_effect(ctx, expression)? {
            Some(method_type) => return Some(method_type),
            None => continue,
        }
    }
    Some(MethodType::Method)
}

/// `name = staticmethod(...)` / `name = classmethod(...)` in the class
/// scope (astroid's `extra_decorators`; the first such call decides).
fn rebinding_descriptor(ctx: &Context, class: Node, name: &str) -> Option<MethodType> {
    let scope = ctx.semantic.scope_of(class)?;
    let bindings: Vec<_> = ctx.semantic.bindings_of(scope, name).collect();
    // astroid requires the class's first binding of the name to be the def.
    if bindings.first()?.kind != BindingKind::FunctionDef {
        return None;
    }
    bindings.iter().find_map(|binding| {
        if binding.kind != BindingKind::Assignment || binding.unpacked {
            return None;
        }
        let assignment = binding.identifier.parent().filter(|parent| parent.kind_id() == ASSIGNMENT)?;
        let call = assignment.child_by_field_id(FIELD_RIGHT).filter(|value| value.kind_id() == CALL)?;
        let callee = call.child_by_field_id(FIELD_FUNCTION).filter(|callee| callee.kind_id() == IDENTIFIER)?;
        match ctx.text(callee) {
            "staticmethod" => Some(MethodType::StaticMethod),
            "classmethod" => Some(MethodType::ClassMethod),
            _ => None,
        }
    })
}

/// What one decorator does to the method's type: `Some(Some(type))` it
/// decides it, `Some(None)` it leaves it, `None` not known.
fn decorator_effect(ctx: &Context, decorator: Node) -> Option<Option<MethodType>> {
    const FROM_MODULES: &[(&str, &str, Option<MethodType>)] = &[
        ("abc", "abstractmethod", None),
        ("abc", "abstractproperty", None),
        ("abc", "abstractclassmethod", Some(MethodType::ClassMethod)),
        ("abc", "abstractstaticmethod", Some(MethodType::StaticMethod)),
        ("functools", "cached_property", None),
        ("functools", "cache", None),
        ("functools", "lru_cache", None),
        ("functools", "wraps", None),
        ("contextlib", "contextmanager", None),
        ("typing", "overload", None),
        ("typing", "final", None),
    ];
    let known = |module: &str, name: &str| {
        FROM_MODULES.iter().find(|(m, n, _)| *m == module && *n == name).map(|(_, _, effect)| *effect)
    };
    match decorator.kind_id() {
        // astroid goes by the name alone here.
        IDENTIFIER if matches!(ctx.text(decorator), "staticmethod" | "classmethod") => {
            Some(Some(if ctx.text(decorator) == "staticmethod" { MethodType::StaticMethod } else { MethodType::ClassMethod }))
        }
        IDENTIFIER => {
            let name = ctx.text(decorator);
            if ctx.is_builtin_at(decorator, name) {
                return (name == "property").then_some(None);
            }
            let binding = only_binding(ctx, decorator)?;
            match binding.kind {
                BindingKind::Import => match imported(ctx, binding)? {
                    ImportTarget::From { level: 0, module, name } if known(&module, &name).is_some() => known(&module, &name),
                    // A function of another module, with the same test as below.
                    ImportTarget::From { level, module, name } => {
                        let (path, index) = ctx.imports?;
                        let from = index.import(path, level, &module)?;
                        let bound_once = from.summary.binding_counts.get(&name) == Some(&1);
                        (bound_once && from.summary.type_preserving_decorators.binary_search(&name).is_ok()).then_some(None)
                    }
                    _ => None,
                },
                BindingKind::FunctionDef if binding.scope == ScopeId(0) => {
                    // A module function: what it returns when called decides;
                    // one that never names a descriptor leaves the type alone.
                    summary::keeps_method_type(ctx.source, binding.statement).then_some(None)
                }
                // An instance of a class decorates: only a subclass of
                // `classmethod` or `staticmethod` changes the type.
                BindingKind::ClassDef if binding.scope == ScopeId(0) => {
                    crate::semantic::classes::is_plain_module_class(ctx.source, ctx.semantic, name).then_some(None)
                }
                _ => None,
            }
        }
        ATTRIBUTE => {
            let object = decorator.child_by_field_id(FIELD_OBJECT).map(strip_parens)?;
            let attribute = ctx.text(decorator.child_by_field_id(FIELD_ATTRIBUTE)?);
            if object.kind_id() != IDENTIFIER {
                return None;
            }
            if ctx.text(object) == "builtins" && matches!(attribute, "staticmethod" | "classmethod") {
                return Some(Some(if attribute == "staticmethod" { MethodType::StaticMethod } else { MethodType::ClassMethod }));
            }
            // `@name.setter` on a property defined in the class.
            if matches!(attribute, "setter" | "getter" | "deleter") {
                return Some(None);
            }
            match imported(ctx, only_binding(ctx, object)?)? {
                ImportTarget::Module { module } => known(&module, attribute),
                _ => None,
            }
        }
        CALL => {
            let callee = decorator.child_by_field_id(FIELD_FUNCTION).map(strip_parens)?;
            // `functools.wraps(f)`, `lru_cache(maxsize=...)`: decorator factories
            // whose products are plain functions.
            match decorator_effect(ctx, callee)? {
                None => Some(None),
                Some(_) => None,
            }
        }
        _ => None,
    }
}

/// The one binding a name can mean where it is read (see W1514's).
fn only_binding<'a, 't>(ctx: &Context<'a, 't>, name: Node<'t>) -> Option<&'a crate::semantic::Binding<'t>> {
    let semantic = ctx.semantic;
    let text = ctx.text(name);
    let scope = semantic.resolve(semantic.enclosing_scope(name), text)?;
    let mut bindings = semantic.bindings_of(scope, text);
    let (Some(only), None) = (bindings.next(), bindings.next()) else { return None };
    if scope == ScopeId(0) && semantic.function_scopes().any(|(_, function)| function.globals.contains(text)) {
        return None;
    }
    Some(only)
}

fn imported(ctx: &Context, binding: &crate::semantic::Binding) -> Option<ImportTarget> {
    if binding.kind != BindingKind::Import {
        return None;
    }
    summary::import_bindings(ctx.source, binding.statement)
        .into_iter()
        .find(|(bound, _)| bound == binding.name)
        .map(|(_, target)| target)
}

/// Whether astroid types `class` as a metaclass (a base leads to `type`);
/// `None` when a base cannot be followed.
fn is_metaclass(ctx: &Context, class: Node, depth: usize) -> Option<bool> {
    if depth > 8 {
        return None;
    }
    let Some(arguments) = class.child_by_field_id(FIELD_SUPERCLASSES) else { return Some(false) };
    for base in code_children(arguments) {
        let base = strip_parens(base);
        let meta = match base.kind_id() {
            KEYWORD_ARGUMENT => continue,
            IDENTIFIER => {
                let name = ctx.text(base);
                if ctx.is_builtin_at(base, name) {
                    name == "type"
                } else {
                    let binding = only_binding(ctx, base)?;
                    match binding.kind {
                        BindingKind::ClassDef => {
                            let definition = syntax::undecorated(binding.statement);
                            if definition == class {
                                return None;
                            }
                            is_metaclass(ctx, definition, depth + 1)?
                        }
                        BindingKind::Import => match ctx.resolve_imported(binding.statement, binding.name)? {
                            Resolved::Class(remote) => remote_is_metaclass(ctx, &remote, depth + 1)?,
                            _ => return None,
                        },
                        _ => return None,
                    }
                }
            }
            ATTRIBUTE => {
                let object = base.child_by_field_id(FIELD_OBJECT).map(strip_parens)?;
                let attribute = ctx.text(base.child_by_field_id(FIELD_ATTRIBUTE)?);
                if object.kind_id() != IDENTIFIER {
                    return None;
                }
                let binding = only_binding(ctx, object)?;
                let Resolved::Module(module) = ctx.resolve_imported(binding.statement, binding.name)? else { return None };
                let (_, index) = ctx.imports?;
                match summary::class_in_module(index, module, attribute) {
                    RemoteBase::Class(remote) => remote_is_metaclass(ctx, &remote, depth + 1)?,
                    _ => return None,
                }
            }
            _ => return None,
        };
        if meta {
            return Some(true);
        }
    }
    Some(false)
}

fn remote_is_metaclass(ctx: &Context, class: &RemoteClass, depth: usize) -> Option<bool> {
    if depth > 8 {
        return None;
    }
    let (_, index) = ctx.imports?;
    let summary = class.summary()?;
    let module = &class.module.summary;
    let shadows_type = module.classes.contains_key("type") || module.imports.contains_key("type") || module.others.iter().any(|other| other == "type");
    if !shadows_type && summary.bases.iter().any(|base| matches!(base, BaseRef::Name(name) if name == "type")) {
        return Some(true);
    }
    for base in summary::remote_bases(index, class) {
        match base {
            RemoteBase::Class(base) => {
                if remote_is_metaclass(ctx, &base, depth + 1)? {
                    return Some(true);
                }
            }
            RemoteBase::Builtin => {}
            RemoteBase::Unknown => return None,
        }
    }
    Some(false)
}
