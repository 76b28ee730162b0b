use super::prelude::*;
use super::singleton_comparison::comparison_parts;
use crate::semantic::infer::{Inferrer, Value};
use crate::semantic::lookup::Reaching;
use crate::semantic::summary::ModuleSummary;

declare_rule! {
    /// ## What it does
    /// Checks for comparisons (`==`, `!=`, `<`, `>`, `<=`, `>=`) where one
    /// side is a function, a method bound to its instance or class, or a
    /// builtin function such as `len`, and the other side is not: the first
    /// comparison of a chain only.
    ///
    /// Functions whose body raises at its top level are not counted, nor are
    /// classes, lambdas and methods read from their class (`Class.method`).
    /// Both sides must be known: the function as this module defines it or
    /// a builtin, the other side a value inferred here, a parameter, or
    /// what is read from a parameter (`param.attr`, `param[0]`,
    /// `param()`), which pylint cannot infer. Functions imported from other
    /// modules are not followed, so comparisons with them are not reported.
    ///
    /// ## Why is this bad?
    /// A function never equals the value it would return: the comparison is
    /// almost always missing the parentheses of a call.
    ///
    /// ## Example
    /// ```python
    /// def is_ready():
    ///     return True
    ///
    /// if is_ready == True:
    ///     ...
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// if is_ready():
    ///     ...
    /// ```
    code: "W0143",
    symbol: "comparison-with-callable",
    category: Warning,
    checker: "basic",
    trigger: Trigger::Module(check),
}

/// pylint's `COMPARISON_OPERATORS`.
const COMPARISON_OPERATORS: &[&str] = &["==", "!=", "<", ">", "<=", ">="];

/// The builtins that astroid's `builtins` module binds to a function
/// (`open` through `io`).
const BUILTIN_FUNCTIONS: &[&str] = &[
    "__build_class__", "__import__", "abs", "aiter", "all", "anext", "any", "ascii", "bin", "breakpoint", "callable",
    "chr", "compile", "delattr", "dir", "divmod", "eval", "exec", "format", "getattr", "globals", "hasattr", "hash",
    "hex", "id", "input", "isinstance", "issubclass", "iter", "len", "locals", "max", "min", "next", "oct", "open",
    "ord", "pow", "print", "repr", "round", "setattr", "sorted", "sum", "vars",
];

fn check(ctx: &mut Context) {
    let comparisons = syntax::nodes_of_kind(ctx.module.root(), COMPARISON_OPERATOR);
    if comparisons.is_empty() {
        return;
    }
    let mut reports = Vec::new();
    {
        let shared: &Context = ctx;
        let inferrer = Inferrer::new(shared.source, shared.module.root(), shared.semantic);
        let star_imports = !ModuleSummary::star_imports_of(shared.source, shared.module.root()).is_empty();
        let operands = Operands { ctx: shared, inferrer: &inferrer, star_imports };
        for comparison in comparisons {
            let Some((left, operators)) = comparison_parts(comparison) else { continue };
            let Some(&(operator, right)) = operators.first() else { continue };
            if !COMPARISON_OPERATORS.contains(&operator) {
                continue;
            }
            // Exactly one side must be a bare callable, and both must be known.
            let Some(left) = operands.is_bare_callable(left) else { continue };
            let Some(right) = operands.is_bare_callable(right) else { continue };
            if left != right {
                reports.push(comparison);
            }
        }
    }
    for comparison in reports {
        ctx.report(comparison, "Comparing against a callable, did you omit the parenthesis?");
    }
}

struct Operands<'c, 'a, 't> {
    ctx: &'c Context<'a, 't>,
    inferrer: &'c Inferrer<'a, 't>,
    /// The module has a star import, which may rebind any builtin name.
    star_imports: bool,
}

impl<'t> Operands<'_, '_, 't> {
    /// Whether pylint counts `operand` as a bare callable: `safe_infer`
    /// gives a function (a bound method unwrapped) that does not raise at
    /// the top level of its body. `None` when that is not known here.
    fn is_bare_callable(&self, operand: Node<'t>) -> Option<bool> {
        let operand = strip_parens(operand);
        // A comparison or a `not` is a boolean, or nothing astroid can infer.
        if matches!(operand.kind_id(), COMPARISON_OPERATOR | NOT_OPERATOR) {
            return Some(false);
        }
        if let Some(values) = self.inferrer.infer_all(operand) {
            return self.safe_inferred_is_bare_callable(&values);
        }
        match operand.kind_id() {
            IDENTIFIER => {
                let name = self.ctx.text(operand);
                if self.ctx.is_builtin_at(operand, name) {
                    return (!self.star_imports).then(|| BUILTIN_FUNCTIONS.contains(&name));
                }
                // Whatever its default, astroid infers a parameter to
                // "anything" too, which `safe_infer` does not count.
                self.is_parameter(operand, true).then_some(false)
            }
            // Whatever is read from an uninferable value is uninferable.
            ATTRIBUTE | SUBSCRIPT | CALL => self.reads_uninferable_parameter(operand).then_some(false),
            _ => None,
        }
    }

    /// pylint's `safe_infer` over the values astroid would infer, then the
    /// test for a bare callable.
    fn safe_inferred_is_bare_callable(&self, values: &[Value<'t>]) -> Option<bool> {
        let callable = |value: &Value<'t>| match *value {
            Value::Function(function) | Value::BoundMethod(function) => Some(function),
            _ => None,
        };
        match values {
            [] => None,
            [only] => Some(callable(only).is_some_and(|function| self.counts(function))),
            [first, rest @ ..] => {
                if values.iter().all(|value| callable(value).is_none()) {
                    // Several values of which none is a function: whichever
                    // `safe_infer` keeps (if any), it is not one.
                    return Some(false);
                }
                // Plain functions with the same parameters are one type to
                // `safe_infer`, which keeps the first.
                let first = match *first {
                    Value::Function(function) if self.is_plain_function(function) => function,
                    _ => return None,
                };
                let same_parameters = rest.iter().all(|value| match *value {
                    Value::Function(other) => self.is_plain_function(other) && self.parameters_text(other) == self.parameters_text(first),
                    _ => false,
                });
                same_parameters.then(|| self.counts(first))
            }
        }
    }

    /// A function pylint counts: none of its top-level statements raises,
    /// and it is not one of `typing`'s special forms.
    fn counts(&self, function: Node<'t>) -> bool {
        let raises = function
            .child_by_field_id(FIELD_BODY)
            .is_some_and(|body| code_children(body).any(|statement| statement.kind_id() == RAISE_STATEMENT));
        let special_form = self.inferrer.decorator_names(function).iter().any(|name| name == "_SpecialForm");
        !raises && !special_form
    }

    /// A def outside any class body (its `pytype` is `builtins.function`).
    fn is_plain_function(&self, function: Node<'t>) -> bool {
        self.inferrer.defining_class(function).is_none()
    }

    /// The parameter list as written: the same text means the same
    /// argument names and defaults (`function_arguments_are_ambiguous`).
    fn parameters_text(&self, function: Node<'t>) -> Option<&'t str> {
        function.child_by_field_id(FIELD_PARAMETERS).map(|parameters| self.ctx.text(parameters))
    }

    /// Whether every binding of the name `identifier` that astroid finds is a
    /// parameter that astroid infers to "anything": not the first parameter
    /// of a method (the instance or the class), and, unless `any_default`,
    /// without a default value and not `*args`/`**kwargs`.
    fn is_parameter(&self, identifier: Node<'t>, any_default: bool) -> bool {
        let Some(reaching) = self.inferrer.reaching(identifier) else { return false };
        !reaching.is_empty()
            && reaching.iter().all(|binding| match *binding {
                Reaching::Parameter { identifier: parameter, default } => {
                    !self.is_receiver(parameter) && (any_default || (default.is_none() && !is_variadic(parameter)))
                }
                _ => false,
            })
    }

    /// The first parameter of a function or lambda defined in a class
    /// body, which astroid may infer to the instance or the class.
    fn is_receiver(&self, parameter: Node<'t>) -> bool {
        let mut function = parameter.parent();
        while let Some(node) = function.filter(|node| !matches!(node.kind_id(), FUNCTION_DEFINITION | LAMBDA)) {
            function = node.parent();
        }
        let Some(function) = function else { return true };
        if self.inferrer.defining_class(function).is_none() {
            return false;
        }
        let first = function.child_by_field_id(FIELD_PARAMETERS).and_then(|parameters| code_children(parameters).next());
        first.is_none_or(|first| first.start_byte() <= parameter.start_byte() && parameter.end_byte() <= first.end_byte())
    }

    /// `param.attr`, `param[...]`, `param(...)` and chains of them, on a
    /// parameter astroid infers to "anything" alone.
    fn reads_uninferable_parameter(&self, expression: Node<'t>) -> bool {
        let Some(root) = syntax::read_chain_root(expression) else { return false };
        root != expression && root.kind_id() == IDENTIFIER && self.is_parameter(root, false)
    }
}

/// `*args` or `**kwargs` (astroid infers them to a tuple and a dict),
/// typed or not: the name is inside the splat pattern.
fn is_variadic(parameter: Node) -> bool {
    parameter.parent().is_some_and(|parent| matches!(parent.kind_id(), LIST_SPLAT_PATTERN | DICTIONARY_SPLAT_PATTERN))
}
