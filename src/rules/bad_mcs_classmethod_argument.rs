use super::no_method_argument::{first_argument_problem, function_name, quoted_names, FirstArgumentProblem};
use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// Checks for class methods of metaclasses whose first parameter is not
    /// one of the names of `valid-metaclass-classmethod-first-arg` (`mcs` by
    /// default): `@classmethod` methods, and `__new__`, `__init_subclass__`
    /// and `__class_getitem__`, in classes that derive from `type`.
    ///
    /// Class methods are recognized by their decorators (`classmethod`,
    /// `abc.abstractclassmethod`) or by `name = classmethod(name)` in the
    /// class; methods with decorators whose effect is unknown, and classes
    /// whose bases cannot be followed, are not reported.
    ///
    /// ## Why is this bad?
    /// In a metaclass, `cls` conventionally names the class a metaclass
    /// method receives (an instance of the metaclass); a class method of
    /// the metaclass receives the metaclass itself, and a name of its own
    /// keeps the two apart.
    ///
    /// ## Example
    /// ```python
    /// class Registry(type):
    ///     def __new__(cls, name, bases, namespace):
    ///         return super().__new__(cls, name, bases, namespace)
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// class Registry(type):
    ///     def __new__(mcs, name, bases, namespace):
    ///         return super().__new__(mcs, name, bases, namespace)
    /// ```
    code: "C0204",
    symbol: "bad-mcs-classmethod-argument",
    category: Convention,
    checker: "classes",
    trigger: Trigger::Node(&[FUNCTION_DEFINITION], check),
}

fn check(ctx: &mut Context, function: Node) {
    if first_argument_problem(ctx, function) == Some(FirstArgumentProblem::BadMcsClassmethodArgument) {
        let name = function_name(ctx, function);
        let valid = quoted_names(&ctx.settings.valid_metaclass_classmethod_first_arg);
        let message = format!("Metaclass class method {name} should have {valid} as first argument");
        super::too_many_branches::report_on_def(ctx, function, message);
    }
}
