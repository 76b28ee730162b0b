use super::prelude::*;
use crate::semantic::classes::decorator_expressions;
use crate::semantic::signature::Signature;

declare_rule! {
    /// ## What it does
    /// Checks for special methods (`__eq__`, `__exit__`, `__getitem__`, ...)
    /// defined with a number of positional parameters, after `self`, that
    /// Python never passes them.
    ///
    /// As in pylint, positional-only parameters are not counted (a method
    /// whose positional parameters are all positional-only is not checked),
    /// keyword-only parameters and `**kwargs` are ignored, parameters with
    /// defaults and `*args` may make up for missing ones, and
    /// `@staticmethod` methods count their first parameter too. `__new__`,
    /// `__init__`, `__call__` and `__init_subclass__` take any number.
    /// Methods with a decorator that may be `staticmethod` under another
    /// name are not reported.
    ///
    /// ## Why is this bad?
    /// Python calls special methods with a fixed number of arguments; a
    /// method with too few or too many parameters fails with a `TypeError`
    /// when the operation is used.
    ///
    /// ## Example
    /// ```python
    /// class Resource:
    ///     def __enter__(self):
    ///         return self
    ///
    ///     def __exit__(self, exc_type):
    ///         self.close()
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// class Resource:
    ///     def __enter__(self):
    ///         return self
    ///
    ///     def __exit__(self, exc_type, exc_value, traceback):
    ///         self.close()
    /// ```
    code: "E0302",
    symbol: "unexpected-special-method-signature",
    category: Error,
    checker: "classes",
    trigger: Trigger::Node(&[FUNCTION_DEFINITION], check),
}

/// How many parameters (after the instance) a special method is called
/// with: pylint's `SPECIAL_METHODS_PARAMS`.
#[derive(Clone, Copy)]
enum Expected {
    Exactly(i64),
    /// One of the two (`__round__`, `__pow__`).
    Either(i64, i64),
}

fn expected_params(name: &str) -> Option<Expected> {
    Some(match name {
        "__del__" | "__repr__" | "__str__" | "__bytes__" | "__hash__" | "__bool__" | "__dir__" | "__len__"
        | "__length_hint__" | "__iter__" | "__reversed__" | "__neg__" | "__pos__" | "__abs__" | "__invert__"
        | "__complex__" | "__int__" | "__float__" | "__index__" | "__trunc__" | "__floor__" | "__ceil__"
        | "__enter__" | "__aenter__" | "__getnewargs_ex__" | "__getnewargs__" | "__getstate__" | "__reduce__"
        | "__copy__" | "__unicode__" | "__nonzero__" | "__await__" | "__aiter__" | "__anext__" | "__fspath__"
        | "__subclasses__" => Expected::Exactly(0),
        "__format__" | "__lt__" | "__le__" | "__eq__" | "__ne__" | "__gt__" | "__ge__" | "__getattr__"
        | "__getattribute__" | "__delattr__" | "__delete__" | "__instancecheck__" | "__subclasscheck__"
        | "__getitem__" | "__missing__" | "__delitem__" | "__contains__" | "__add__" | "__sub__" | "__mul__"
        | "__truediv__" | "__floordiv__" | "__rfloordiv__" | "__mod__" | "__divmod__" | "__lshift__"
        | "__rshift__" | "__and__" | "__xor__" | "__or__" | "__radd__" | "__rsub__" | "__rmul__"
        | "__rtruediv__" | "__rmod__" | "__rdivmod__" | "__rpow__" | "__rlshift__" | "__rrshift__" | "__rand__"
        | "__rxor__" | "__ror__" | "__iadd__" | "__isub__" | "__imul__" | "__itruediv__" | "__ifloordiv__"
        | "__imod__" | "__ilshift__" | "__irshift__" | "__iand__" | "__ixor__" | "__ior__" | "__ipow__"
        | "__setstate__" | "__reduce_ex__" | "__deepcopy__" | "__cmp__" | "__matmul__" | "__rmatmul__"
        | "__imatmul__" | "__div__" => Expected::Exactly(1),
        "__setattr__" | "__get__" | "__set__" | "__setitem__" | "__set_name__" => Expected::Exactly(2),
        "__exit__" | "__aexit__" => Expected::Exactly(3),
        "__round__" => Expected::Either(0, 1),
        "__pow__" => Expected::Either(1, 2),
        _ => return None,
    })
}

/// What this check counts of astroid's `Arguments`.
struct Counts {
    /// `args.args`: positional parameters that are not positional-only.
    args: i64,
    /// `args.defaults`: defaults of positional-only and other positional
    /// parameters.
    defaults: i64,
    vararg: bool,
}

fn counts(ctx: &Context, function: Node) -> Counts {
    let signature = Signature::of(ctx.source, function);
    let positional = signature.positional_only.iter().chain(&signature.positional);
    Counts {
        args: signature.positional.len() as i64,
        defaults: positional.filter(|param| param.has_default).count() as i64,
        vararg: signature.vararg,
    }
}

fn check(ctx: &mut Context, function: Node) {
    let Some(name_node) = function.child_by_field_id(FIELD_NAME) else { return };
    let name = ctx.text(name_node);
    let Some(expected) = expected_params(name) else { return };
    let in_class = super::too_many_arguments::enclosing_frame(function).is_some_and(|frame| frame.kind_id() == CLASS_DEFINITION);
    if !in_class {
        return;
    }
    let signature = counts(ctx, function);
    if signature.args == 0 && !signature.vararg {
        // No parameter: no-method-argument's business.
        return;
    }
    let Some(static_method) = is_staticmethod(ctx, function) else { return };
    let all_args = if static_method { signature.args } else { (signature.args - 1).max(0) };
    let optional = signature.defaults;
    let mandatory = all_args - optional;
    let current = mandatory + optional;
    let (emit, expected_text) = match expected {
        Expected::Either(low, high) => (mandatory != low && mandatory != high, format!("between {low} or {high}")),
        Expected::Exactly(count) => {
            let rest = count - mandatory;
            let emit = match rest {
                0 => false,
                rest if rest < 0 => true,
                rest => !(optional - rest >= 0 || signature.vararg),
            };
            (emit, count.to_string())
        }
    };
    if emit {
        let verb = if current <= 1 { "was" } else { "were" };
        let message = format!("The special method '{name}' expects {expected_text} param(s), {current} {verb} given");
        super::too_many_branches::report_on_def(ctx, function, message);
    }
}

/// pylint's `decorated_with(node, ["builtins.staticmethod"])`: some
/// decorator (or the callee of a decorator call) infers to the builtin
/// `staticmethod`. `None` when a decorator might be it under another name.
fn is_staticmethod(ctx: &Context, function: Node) -> Option<bool> {
    let mut found = false;
    for decorator in decorator_expressions(function) {
        let mut expression = strip_parens(decorator);
        if expression.kind_id() == CALL {
            expression = expression.child_by_field_id(FIELD_FUNCTION).map(strip_parens)?;
        }
        match expression.kind_id() {
            IDENTIFIER => {
                let name = ctx.text(expression);
                let scope = ctx.semantic.enclosing_scope(expression);
                if ctx.semantic.is_builtin(scope, name) {
                    found |= name == "staticmethod";
                    continue;
                }
                if name == "staticmethod" {
                    return None;
                }
                // A name bound to a def, a class or an import is not the
                // builtin; anything else might be an alias of it.
                if let Some(owner) = ctx.semantic.resolve(scope, name) {
                    let definite = ctx
                        .semantic
                        .bindings_of(owner, name)
                        .all(|binding| matches!(binding.kind, BindingKind::FunctionDef | BindingKind::ClassDef | BindingKind::Import));
                    if !definite {
                        return None;
                    }
                }
            }
            ATTRIBUTE => {
                let attribute = expression.child_by_field_id(FIELD_ATTRIBUTE)?;
                if ctx.text(attribute) == "staticmethod" {
                    return None;
                }
            }
            _ => return None,
        }
    }
    Some(found)
}
