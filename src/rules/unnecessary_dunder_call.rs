use super::prelude::*;
use crate::semantic::{Binding, ScopeId};

declare_rule! {
    /// ## What it does
    /// Checks for explicit calls of dunder methods (`x.__len__()`,
    /// `a.__add__(b)`, `obj.__init__()`...) on objects, where a builtin
    /// function, an operator or plain syntax does the same.
    ///
    /// ## Why is this bad?
    /// The dunder call is harder to read, bypasses the fallbacks the
    /// operator or builtin implements (reflected operands, `__len__`
    /// checks), and is usually slower.
    ///
    /// ## Example
    /// ```python
    /// def describe(items, limit):
    ///     if items.__len__().__gt__(limit):
    ///         return items.__str__()
    ///     return ""
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// def describe(items, limit):
    ///     if len(items) > limit:
    ///         return str(items)
    ///     return ""
    /// ```
    ///
    /// Calls inside the definition of any dunder method, calls on `super()`
    /// and calls on classes or modules (`dict.__setitem__(d, k, v)`) are
    /// allowed, and so are a few dunders inside a lambda, where no statement
    /// form exists.
    code: "C2801",
    symbol: "unnecessary-dunder-call",
    category: Convention,
    checker: "unnecessary-dunder-call",
    trigger: Trigger::Node(&[CALL], check),
}

/// pylint's `DUNDER_METHODS` for Python 3.10 and later, with its advice.
const DUNDER_METHODS: &[(&str, &str)] = &[
    ("__init__", "Instantiate class directly"),
    ("__del__", "Use del keyword"),
    ("__repr__", "Use repr built-in function"),
    ("__str__", "Use str built-in function"),
    ("__bytes__", "Use bytes built-in function"),
    ("__format__", "Use format built-in function, format string method, or f-string"),
    ("__lt__", "Use < operator"),
    ("__le__", "Use <= operator"),
    ("__eq__", "Use == operator"),
    ("__ne__", "Use != operator"),
    ("__gt__", "Use > operator"),
    ("__ge__", "Use >= operator"),
    ("__hash__", "Use hash built-in function"),
    ("__bool__", "Use bool built-in function"),
    ("__getattr__", "Access attribute directly or use getattr built-in function"),
    ("__getattribute__", "Access attribute directly or use getattr built-in function"),
    ("__setattr__", "Set attribute directly or use setattr built-in function"),
    ("__delattr__", "Use del keyword"),
    ("__dir__", "Use dir built-in function"),
    ("__get__", "Use get method"),
    ("__set__", "Use set method"),
    ("__delete__", "Use del keyword"),
    ("__instancecheck__", "Use isinstance built-in function"),
    ("__subclasscheck__", "Use issubclass built-in function"),
    ("__call__", "Invoke instance directly"),
    ("__len__", "Use len built-in function"),
    ("__length_hint__", "Use length_hint method"),
    ("__getitem__", "Access item via subscript"),
    ("__setitem__", "Set item via subscript"),
    ("__delitem__", "Use del keyword"),
    ("__iter__", "Use iter built-in function"),
    ("__next__", "Use next built-in function"),
    ("__reversed__", "Use reversed built-in function"),
    ("__contains__", "Use in keyword"),
    ("__add__", "Use + operator"),
    ("__sub__", "Use - operator"),
    ("__mul__", "Use * operator"),
    ("__matmul__", "Use @ operator"),
    ("__truediv__", "Use / operator"),
    ("__floordiv__", "Use // operator"),
    ("__mod__", "Use % operator"),
    ("__divmod__", "Use divmod built-in function"),
    ("__pow__", "Use ** operator or pow built-in function"),
    ("__lshift__", "Use << operator"),
    ("__rshift__", "Use >> operator"),
    ("__and__", "Use & operator"),
    ("__xor__", "Use ^ operator"),
    ("__or__", "Use | operator"),
    ("__radd__", "Use + operator"),
    ("__rsub__", "Use - operator"),
    ("__rmul__", "Use * operator"),
    ("__rmatmul__", "Use @ operator"),
    ("__rtruediv__", "Use / operator"),
    ("__rfloordiv__", "Use // operator"),
    ("__rmod__", "Use % operator"),
    ("__rdivmod__", "Use divmod built-in function"),
    ("__rpow__", "Use ** operator or pow built-in function"),
    ("__rlshift__", "Use << operator"),
    ("__rrshift__", "Use >> operator"),
    ("__rand__", "Use & operator"),
    ("__rxor__", "Use ^ operator"),
    ("__ror__", "Use | operator"),
    ("__iadd__", "Use += operator"),
    ("__isub__", "Use -= operator"),
    ("__imul__", "Use *= operator"),
    ("__imatmul__", "Use @= operator"),
    ("__itruediv__", "Use /= operator"),
    ("__ifloordiv__", "Use //= operator"),
    ("__imod__", "Use %= operator"),
    ("__ipow__", "Use **= operator"),
    ("__ilshift__", "Use <<= operator"),
    ("__irshift__", "Use >>= operator"),
    ("__iand__", "Use &= operator"),
    ("__ixor__", "Use ^= operator"),
    ("__ior__", "Use |= operator"),
    ("__neg__", "Multiply by -1 instead"),
    ("__pos__", "Multiply by +1 instead"),
    ("__abs__", "Use abs built-in function"),
    ("__invert__", "Use ~ operator"),
    ("__complex__", "Use complex built-in function"),
    ("__int__", "Use int built-in function"),
    ("__float__", "Use float built-in function"),
    ("__round__", "Use round built-in function"),
    ("__trunc__", "Use math.trunc function"),
    ("__floor__", "Use math.floor function"),
    ("__ceil__", "Use math.ceil function"),
    ("__enter__", "Invoke context manager directly"),
    ("__aenter__", "Invoke context manager directly"),
    ("__copy__", "Use copy.copy function"),
    ("__deepcopy__", "Use copy.deepcopy function"),
    ("__fspath__", "Use os.fspath function instead"),
    ("__aiter__", "Use aiter built-in function"),
    ("__anext__", "Use anext built-in function"),
];

/// Dunders whose statement form (`del`, item assignment, augmented
/// assignment) cannot be written in a lambda.
const LAMBDA_EXCEPTIONS: &[&str] = &[
    "__init__", "__del__", "__delattr__", "__set__", "__delete__", "__setitem__", "__delitem__", "__iadd__",
    "__isub__", "__imul__", "__imatmul__", "__itruediv__", "__ifloordiv__", "__imod__", "__ipow__", "__ilshift__",
    "__irshift__", "__iand__", "__ixor__", "__ior__",
];

fn check(ctx: &mut Context, call: Node) {
    let Some(callee) = call.child_by_field_id(FIELD_FUNCTION) else { return };
    if callee.kind_id() != ATTRIBUTE {
        return;
    }
    let Some(attribute) = callee.child_by_field_id(FIELD_ATTRIBUTE) else { return };
    let method = ctx.text(attribute);
    let Some((_, advice)) = DUNDER_METHODS.iter().find(|(name, _)| *name == method) else { return };
    let Some(receiver) = callee.child_by_field_id(FIELD_OBJECT) else { return };
    if within_dunder_or_lambda(ctx, call, method) || !is_instance_or_unknown(ctx, receiver) {
        return;
    }
    ctx.report(call, format!("Unnecessarily calls dunder method {method}. {advice}."));
}

/// Whether an enclosing function is a dunder method, or an enclosing lambda
/// could not hold the statement that replaces `method`.
fn within_dunder_or_lambda(ctx: &Context, call: Node, method: &str) -> bool {
    let mut current = call.parent();
    while let Some(ancestor) = current {
        match ancestor.kind_id() {
            FUNCTION_DEFINITION => {
                let name = ancestor.child_by_field_id(FIELD_NAME).map_or("", |name| ctx.text(name));
                if name.starts_with("__") && name.ends_with("__") {
                    return true;
                }
            }
            LAMBDA if LAMBDA_EXCEPTIONS.contains(&method) => return true,
            _ => {}
        }
        current = ancestor.parent();
    }
    false
}

/// Whether astroid would infer the receiver as an instance, or fail to
/// infer it (both reported); classes, modules and functions are not. Only
/// receivers whose inference is certain from the source count.
fn is_instance_or_unknown(ctx: &Context, receiver: Node) -> bool {
    let receiver = strip_parens(receiver);
    match receiver.kind_id() {
        STRING => !syntax::string_prefix(ctx.source, receiver).contains(['f', 'F']),
        INTEGER | FLOAT | TRUE | FALSE | NONE | LIST | TUPLE | DICTIONARY | SET | CONCATENATED_STRING => true,
        IDENTIFIER => name_is_instance_or_unknown(ctx, receiver),
        ATTRIBUTE => {
            // An attribute of an undefined name cannot be inferred.
            let mut root = receiver;
            while root.kind_id() == ATTRIBUTE {
                match root.child_by_field_id(FIELD_OBJECT) {
                    Some(object) => root = strip_parens(object),
                    None => return false,
                }
            }
            root.kind_id() == IDENTIFIER && is_undefined(ctx, root)
        }
        CALL => call_is_instance_or_unknown(ctx, receiver),
        _ => false,
    }
}

fn is_undefined(ctx: &Context, name: Node) -> bool {
    let text = ctx.text(name);
    let scope = ctx.semantic.enclosing_scope(name);
    // A star import may define any name.
    ctx.semantic.resolve(scope, text).is_none()
        && !crate::semantic::is_builtin_name(text)
        && !ctx.source.contains("import *")
}

fn name_is_instance_or_unknown(ctx: &Context, name: Node) -> bool {
    if is_undefined(ctx, name) {
        return true;
    }
    let text = ctx.text(name);
    let scope = ctx.semantic.enclosing_scope(name);
    let Some(defining) = ctx.semantic.resolve(scope, text) else { return false };
    // Several bindings (`x = A()` in one branch, `x = B()` in another): astroid
    // infers each, and the receiver counts as an instance when every one is.
    let bindings: Vec<&Binding> = ctx.semantic.bindings_of(defining, text).collect();
    // Assignments under `global` in functions bind it too, where astroid's
    // flow-sensitive lookup picks among them: not followed.
    let assigned_under_global =
        ctx.semantic.scopes.iter().any(|scope| scope.globals.contains(text) && scope.bindings.contains_key(text));
    !assigned_under_global
        && !bindings.is_empty()
        && bindings.iter().all(|binding| binding_is_instance_or_unknown(ctx, defining, binding))
}

fn binding_is_instance_or_unknown(ctx: &Context, defining: ScopeId, binding: &Binding) -> bool {
    match binding.kind {
        BindingKind::Parameter => !binds_class(ctx, defining, binding),
        BindingKind::Assignment if !binding.unpacked => {
            let Some(value) = super::dangerous_default_value::assigned_value(binding) else { return false };
            let value = strip_parens(value);
            value.kind_id() != IDENTIFIER && value.kind_id() != ATTRIBUTE && is_instance_or_unknown(ctx, value)
        }
        _ => false,
    }
}

/// Whether the parameter is the first one of a classmethod (or implicit one
/// such as `__new__`), which astroid infers as the class itself.
fn binds_class(ctx: &Context, scope: ScopeId, parameter: &Binding) -> bool {
    if ctx.semantic.scope(scope).kind != ScopeKind::Function || super::unused_argument::method_class(ctx, scope).is_none() {
        return false;
    }
    let function = ctx.semantic.scope(scope).node;
    let first = super::unused_argument::parameter_bindings(ctx, scope).into_iter().next();
    first.is_some_and(|first| first.identifier.id() == parameter.identifier.id())
        && super::unused_argument::method_kind(ctx, function) == super::unused_argument::MethodKind::Class
}

/// Calls whose result is an instance (a builtin or module class called) or
/// uninferable (`type()` of an uninferable parameter).
fn call_is_instance_or_unknown(ctx: &Context, call: Node) -> bool {
    let Some(callee) = call.child_by_field_id(FIELD_FUNCTION).map(strip_parens) else { return false };
    if callee.kind_id() != IDENTIFIER {
        return false;
    }
    let name = ctx.text(callee);
    let scope = ctx.semantic.enclosing_scope(callee);
    match ctx.semantic.resolve(scope, name) {
        // `type(x)` of an uninferable `x` is uninferable; of an instance, a class.
        None if name == "type" => {
            let arguments: Vec<Node> =
                call.child_by_field_id(FIELD_ARGUMENTS).map(|list| code_children(list).collect()).unwrap_or_default();
            matches!(arguments.as_slice(), [argument] if is_uninferable_parameter(ctx, strip_parens(*argument)))
        }
        None if BUILTIN_CLASSES.contains(&name) => name != "type" && name != "super",
        None => false,
        Some(defining) => {
            let bindings: Vec<&Binding> = ctx.semantic.bindings_of(defining, name).collect();
            match bindings.as_slice() {
                [binding] if binding.kind == BindingKind::ClassDef => !is_metaclass(ctx, binding),
                [binding] if binding.kind == BindingKind::FunctionDef => returns_instances(ctx, binding),
                _ => false,
            }
        }
    }
}

/// An undecorated function whose every `return` gives a literal, a call, a
/// parameter or nothing: astroid infers an instance or nothing it can use,
/// never a class or module (which only a bare name or attribute could be).
fn returns_instances(ctx: &Context, function: &Binding) -> bool {
    let Some(definition) = function.identifier.parent() else { return false };
    if definition.parent().is_some_and(|parent| parent.kind_id() == DECORATED_DEFINITION) {
        return false;
    }
    let Some(scope) = ctx.semantic.scope_of(definition) else { return false };
    let Some(body) = definition.child_by_field_id(FIELD_BODY) else { return false };
    let mut all_instances = true;
    syntax::walk(body, |node| {
        match node.kind_id() {
            FUNCTION_DEFINITION | CLASS_DEFINITION | LAMBDA => return false,
            RETURN_STATEMENT => {
                let value = code_children(node).next().map(strip_parens);
                all_instances &= value.is_none_or(|value| match value.kind_id() {
                    IDENTIFIER => {
                        let text = ctx.text(value);
                        text == "NotImplemented"
                            || ctx.semantic.bindings_of(scope, text).all(|binding| binding.kind == BindingKind::Parameter)
                                && ctx.semantic.bindings_of(scope, text).next().is_some()
                    }
                    ATTRIBUTE | SUBSCRIPT | CONDITIONAL_EXPRESSION | BOOLEAN_OPERATOR => false,
                    _ => true,
                });
            }
            _ => {}
        }
        all_instances
    });
    all_instances
}

/// A parameter that astroid cannot infer: any but the first of a method
/// or classmethod.
fn is_uninferable_parameter(ctx: &Context, name: Node) -> bool {
    if name.kind_id() != IDENTIFIER {
        return false;
    }
    let text = ctx.text(name);
    let scope = ctx.semantic.enclosing_scope(name);
    let Some(defining) = ctx.semantic.resolve(scope, text) else { return false };
    let bindings: Vec<&Binding> = ctx.semantic.bindings_of(defining, text).collect();
    let [binding] = bindings.as_slice() else { return false };
    if binding.kind != BindingKind::Parameter {
        return false;
    }
    let is_method = ctx.semantic.scope(defining).kind == ScopeKind::Function
        && super::unused_argument::method_class(ctx, defining).is_some()
        && super::unused_argument::method_kind(ctx, ctx.semantic.scope(defining).node)
            != super::unused_argument::MethodKind::Static;
    let is_first = super::unused_argument::parameter_bindings(ctx, defining)
        .first()
        .is_some_and(|first| first.identifier.id() == binding.identifier.id());
    !(is_method && is_first)
}

/// A class deriving from `type`: its instances are classes.
fn is_metaclass(ctx: &Context, class: &Binding) -> bool {
    let Some(definition) = class.identifier.parent() else { return true };
    definition.child_by_field_id(FIELD_SUPERCLASSES).is_some_and(|bases| ctx.text(bases).contains("type"))
}

/// Builtin classes whose call returns an instance.
const BUILTIN_CLASSES: &[&str] = &[
    "bool", "bytearray", "bytes", "complex", "dict", "float", "frozenset", "int", "list", "object", "range", "set",
    "slice", "str", "tuple", "memoryview", "type", "super",
];
