use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// Checks for functions and methods with more statements than
    /// `max-statements` (50 by default), counted as pylint's design checker
    /// counts them: the `def` itself is one, statements of nested functions
    /// and classes count too, an `if`/`elif` counts its branches, a `try`
    /// counts its clauses, and `return`, `for` and `while` count nothing.
    ///
    /// ## Why is this bad?
    /// A long function does several things at once; it is hard to read,
    /// test and reuse.
    ///
    /// ## Example
    /// ```python
    /// def main():
    ///     config = load()
    ///     # ... fifty more statements that parse, validate, compute and print ...
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// def main():
    ///     config = load()
    ///     data = parse(config)
    ///     publish(compute(validate(data)))
    /// ```
    code: "R0915",
    symbol: "too-many-statements",
    category: Refactor,
    checker: "design",
    trigger: Trigger::Node(&[FUNCTION_DEFINITION], check),
}

/// The class-size messages whose visitor, when active, keeps pylint from
/// counting a nested `class` as a statement.
/// R0901, R0902, R0903 and R0904.
const CLASS_VISITOR_RULES: [&super::Rule; 4] = [
    &super::too_many_ancestors::RULE,
    &super::too_many_instance_attributes::RULE,
    &super::too_few_public_methods::RULE,
    &super::too_many_public_methods::RULE,
];

fn check(ctx: &mut Context, function: Node) {
    let Some(body) = function.child_by_field_id(FIELD_BODY) else { return };
    // pylint's walker replaces its default statement count with the design
    // checker's own visitor for `if` and `class` nodes only when one of
    // that visitor's messages is enabled.
    let if_counts_branches =
        ctx.is_enabled(&super::too_many_branches::RULE) || ctx.is_enabled(&super::too_many_boolean_expressions::RULE);
    let class_counts = !CLASS_VISITOR_RULES.iter().any(|rule| ctx.is_enabled(rule));
    let mut statements = 1;
    super::too_many_branches::walk_statements(body, true, |node| {
        statements += match node.kind_id() {
            EXPRESSION_STATEMENT => usize::from(!ctx.is_docstring(node)),
            // pylint's design checker counts no `return`.
            RETURN_STATEMENT => 0,
            kind if syntax::is_simple_statement_kind(kind) => 1,
            WITH_STATEMENT | MATCH_STATEMENT | EXCEPT_CLAUSE => 1,
            IF_STATEMENT | ELIF_CLAUSE if if_counts_branches => super::too_many_branches::if_branches(node),
            IF_STATEMENT | ELIF_CLAUSE => 1,
            TRY_STATEMENT if super::too_many_branches::is_try_star(node) => 1,
            TRY_STATEMENT => super::too_many_branches::try_clauses(node),
            // An `AsyncFor` falls back to the default count; `For` does not.
            FOR_STATEMENT => usize::from(syntax::is_async(node)),
            CLASS_DEFINITION => usize::from(class_counts),
            _ => 0,
        };
    });
    let max = ctx.settings.max_statements;
    if statements > max {
        super::too_many_branches::report_on_def(ctx, function, format!("Too many statements ({statements}/{max})"));
    }
}
