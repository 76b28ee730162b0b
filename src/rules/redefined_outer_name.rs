use super::prelude::*;
use crate::semantic::Binding;
use std::collections::HashMap;

declare_rule! {
    /// ## What it does
    /// Checks for function locals (parameters, assignments, imports, nested
    /// definitions) that reuse the name of a module-level name, and for an
    /// `except ... as name` nested in a handler that already binds `name`.
    ///
    /// Not reported: names declared `global`, names that match
    /// `dummy-variables-rgx` (or `ignored-argument-names` for parameters),
    /// module names first bound by an `except` clause, `__future__` imports
    /// and names defined under `if TYPE_CHECKING:`.
    ///
    /// ## Why is this bad?
    /// Inside the function the module-level name is hidden; reading it there
    /// silently gets the local value, and renaming one of the two is easy to
    /// get wrong.
    ///
    /// ## Example
    /// ```python
    /// config = load()
    ///
    /// def apply(config):
    ///     return config.value
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// config = load()
    ///
    /// def apply(settings):
    ///     return settings.value
    /// ```
    code: "W0621",
    symbol: "redefined-outer-name",
    category: Warning,
    checker: "variables",
    trigger: Trigger::Module(check),
}

fn check(ctx: &mut Context) {
    let module_names = module_bindings(ctx);
    let mut reports = Vec::new();
    for (_, scope) in ctx.semantic.function_scopes() {
        for (name, ids) in &scope.bindings {
            let Some(first) = ids.first().map(|id| ctx.semantic.binding(*id)) else { continue };
            if scope.globals.contains(name) {
                continue;
            }
            if is_ignored(ctx, first) {
                continue;
            }
            // A star import binds the public names of its module at its line.
            let star_import = super::function_redefined::first_star_import_of(ctx, name);
            let outer = module_names.get(name).map(Vec::as_slice).unwrap_or_default();
            let line = match (outer.first(), star_import) {
                (None, None) => continue,
                (Some(outer_first), star) if star.is_none_or(|star| outer_first.identifier.start_byte() < star.start_byte()) => {
                    if outer_first.statement.kind_id() == FUTURE_IMPORT_STATEMENT
                        || outer_first.kind == BindingKind::ExceptHandler
                        || outer.iter().any(|binding| in_type_checking_block(ctx, binding.statement))
                    {
                        continue;
                    }
                    from_line(outer_first)
                }
                (_, Some(star)) => {
                    if in_type_checking_block(ctx, star) || outer.iter().any(|binding| in_type_checking_block(ctx, binding.statement)) {
                        continue;
                    }
                    star.start_position().row + 1
                }
                (Some(_), None) => continue,
            };
            reports.push((first.clone(), line));
        }
    }
    reports.sort_by_key(|(binding, _)| binding.identifier.start_byte());
    for (binding, line) in reports {
        let message = format!("Redefining name '{}' from outer scope (line {line})", binding.name);
        super::unused_variable::report_binding(ctx, &binding, message);
    }
    check_nested_handlers(ctx);
}

/// astroid's module locals, each name with its bindings in source order:
/// module-level bindings and what functions assign after `global name`.
fn module_bindings<'t>(ctx: &Context<'_, 't>) -> HashMap<&'t str, Vec<Binding<'t>>> {
    let mut names: HashMap<&'t str, Vec<Binding<'t>>> = HashMap::new();
    for (name, ids) in &ctx.semantic.module_scope().bindings {
        names.entry(name).or_default().extend(ids.iter().map(|id| ctx.semantic.binding(*id).clone()));
    }
    for (_, scope) in ctx.semantic.function_scopes() {
        for name in &scope.globals {
            if let Some(ids) = scope.bindings.get(name) {
                names.entry(name).or_default().extend(ids.iter().map(|id| ctx.semantic.binding(*id).clone()));
            }
        }
    }
    for bindings in names.values_mut() {
        bindings.sort_by_key(|binding| binding.identifier.start_byte());
    }
    names
}

/// The line astroid gives as a definition's `fromlineno`: a decorated
/// `def`/`class` counts from its first decorator plus the decorators' line
/// spans, which is the `def` line when nothing sits between them.
fn from_line(binding: &Binding) -> usize {
    match binding.kind {
        BindingKind::FunctionDef | BindingKind::ClassDef => {
            let Some(definition) = binding.identifier.parent() else {
                return binding.identifier.start_position().row + 1;
            };
            let decorators = super::unused_argument::decorators(definition);
            match decorators.first() {
                Some(first) => {
                    let spans: usize = decorators
                        .iter()
                        .map(|decorator| decorator.end_position().row - decorator.start_position().row + 1)
                        .sum();
                    first.start_position().row + 1 + spans
                }
                None => definition.start_position().row + 1,
            }
        }
        BindingKind::Import | BindingKind::ExceptHandler => binding.statement.start_position().row + 1,
        _ => binding.identifier.start_position().row + 1,
    }
}

/// pylint's `_is_name_ignored`: parameters against `ignored-argument-names`,
/// other locals against `dummy-variables-rgx`.
fn is_ignored(ctx: &Context, binding: &Binding) -> bool {
    let regex = if binding.kind == BindingKind::Parameter {
        &ctx.settings.ignored_argument_names
    } else {
        &ctx.settings.dummy_variables
    };
    regex.find(binding.name).is_some_and(|found| found.start() == 0)
}

/// pylint's `in_type_checking_block`, without inference: some enclosing `if`
/// tests `TYPE_CHECKING` or `<module>.TYPE_CHECKING`, in any of its branches.
fn in_type_checking_block(ctx: &Context, node: Node) -> bool {
    let mut current = node.parent();
    while let Some(ancestor) = current {
        if ancestor.kind_id() == IF_STATEMENT {
            let tests_type_checking = ancestor.child_by_field_id(FIELD_CONDITION).is_some_and(|condition| {
                let text = ctx.text(condition);
                match condition.kind_id() {
                    IDENTIFIER => text == "TYPE_CHECKING",
                    ATTRIBUTE => text.ends_with(".TYPE_CHECKING"),
                    _ => false,
                }
            });
            if tests_type_checking {
                return true;
            }
        }
        current = ancestor.parent();
    }
    false
}

/// An `except ... as name` inside the body of an outer handler that binds the
/// same name (nested functions included): reported against the outermost one.
fn check_nested_handlers(ctx: &mut Context) {
    let mut found = Vec::new();
    collect_handlers(ctx, ctx.module.root(), &mut Vec::new(), &mut found);
    for (handler, name, outer_line) in found {
        ctx.report(handler, format!("Redefining name '{name}' from outer scope (line {outer_line})"));
    }
}

fn collect_handlers<'t>(
    ctx: &Context<'_, 't>,
    node: Node<'t>,
    open: &mut Vec<(&'t str, usize)>,
    found: &mut Vec<(Node<'t>, &'t str, usize)>,
) {
    for child in code_children(node) {
        if child.kind_id() != EXCEPT_CLAUSE {
            if holds_statements(child.kind_id()) {
                collect_handlers(ctx, child, open, found);
            }
            continue;
        }
        let name = super::raise_missing_from::handler_parts(child)
            .1
            .filter(|name| name.kind_id() == IDENTIFIER)
            .map(|name| ctx.text(name));
        let Some(name) = name else {
            collect_handlers(ctx, child, open, found);
            continue;
        };
        if let Some((_, outer_line)) = open.iter().find(|(outer, _)| *outer == name) {
            found.push((child, name, *outer_line));
        }
        open.push((name, child.start_position().row + 1));
        collect_handlers(ctx, child, open, found);
        open.pop();
    }
}

/// Nodes on the way from the module to an `except` clause: compound
/// statements, their clauses and blocks (never expressions, which can nest
/// deeply).
fn holds_statements(kind: u16) -> bool {
    matches!(
        kind,
        BLOCK | IF_STATEMENT | FOR_STATEMENT | WHILE_STATEMENT | TRY_STATEMENT | WITH_STATEMENT | FUNCTION_DEFINITION
            | CLASS_DEFINITION | DECORATED_DEFINITION | MATCH_STATEMENT | ELIF_CLAUSE | ELSE_CLAUSE | FINALLY_CLAUSE
            | CASE_CLAUSE
    )
}
