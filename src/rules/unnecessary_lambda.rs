use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// Checks for a lambda whose body only calls a function with the
    /// lambda's own arguments, in the same order.
    ///
    /// ## Why is this bad?
    /// The lambda adds a call and a level of indirection; the function can
    /// be passed directly.
    ///
    /// ## Example
    /// ```python
    /// names.sort(key=lambda name: len(name))
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// names.sort(key=len)
    /// ```
    ///
    /// A lambda is kept when its called expression uses its parameters, or
    /// names that are rebound or deleted later in the same scope (the lambda
    /// then delays their lookup).
    code: "W0108",
    symbol: "unnecessary-lambda",
    category: Warning,
    checker: "basic",
    trigger: Trigger::Node(&[LAMBDA], check),
}

#[derive(Default)]
struct LambdaParameters<'s> {
    /// Positional-or-keyword parameters (astroid's `args.args`).
    ordinary: Vec<&'s str>,
    vararg: Option<&'s str>,
    kwarg: Option<&'s str>,
    has_defaults: bool,
}

fn check(ctx: &mut Context, lambda: Node) {
    let Some(parameters) = parameters_of(ctx, lambda) else { return };
    if parameters.has_defaults {
        return;
    }
    let Some(body) = lambda.child_by_field_id(FIELD_BODY).map(strip_parens) else { return };
    if body.kind_id() != CALL {
        return;
    }
    let (Some(function), Some(arguments)) = (body.child_by_field_id(FIELD_FUNCTION), body.child_by_field_id(FIELD_ARGUMENTS))
    else {
        return;
    };
    // A chained call: the intermediate call may return something else.
    if function.kind_id() == ATTRIBUTE
        && function.child_by_field_id(FIELD_OBJECT).is_some_and(|object| strip_parens(object).kind_id() == CALL)
    {
        return;
    }
    if arguments.kind_id() != ARGUMENT_LIST {
        return;
    }
    let mut positional = Vec::new();
    let mut starred = Vec::new();
    let mut keywords = Vec::new();
    for argument in code_children(arguments) {
        match argument.kind_id() {
            LIST_SPLAT => {
                starred.push(argument);
                let value = code_children(argument).next();
                // Only `*name` with another name than the vararg is passed on.
                if let Some(value) = value.filter(|value| value.kind_id() == IDENTIFIER) {
                    if Some(ctx.text(value)) != parameters.vararg {
                        positional.push(argument);
                    }
                }
            }
            DICTIONARY_SPLAT => keywords.push(code_children(argument).next()),
            KEYWORD_ARGUMENT => keywords.push(argument.child_by_field_id(FIELD_VALUE)),
            _ => positional.push(argument),
        }
    }
    match parameters.kwarg {
        Some(kwarg) if !only_passes(ctx, &keywords, kwarg) => return,
        Some(_) => {}
        None if !keywords.is_empty() => return,
        None => {}
    }
    let starred_values: Vec<Option<Node>> = starred.iter().map(|star| code_children(*star).next()).collect();
    match parameters.vararg {
        Some(vararg) if !only_passes(ctx, &starred_values, vararg) => return,
        Some(_) => {}
        None if !starred.is_empty() => return,
        None => {}
    }
    if parameters.ordinary.len() != positional.len() {
        return;
    }
    for (parameter, passed) in parameters.ordinary.iter().zip(&positional) {
        if passed.kind_id() != IDENTIFIER || ctx.text(*passed) != *parameter {
            return;
        }
    }
    if uses_late_bound_names(ctx, lambda, function) {
        return;
    }
    ctx.report(lambda, "Lambda may not be necessary");
}

/// Whether every value is the bare name `variadic` (and there is at least one).
fn only_passes(ctx: &Context, values: &[Option<Node>], variadic: &str) -> bool {
    !values.is_empty()
        && values
            .iter()
            .all(|value| value.is_some_and(|value| value.kind_id() == IDENTIFIER && ctx.text(value) == variadic))
}

fn parameters_of<'s>(ctx: &Context<'_, 's>, lambda: Node) -> Option<LambdaParameters<'s>> {
    let mut parameters = LambdaParameters::default();
    let Some(list) = lambda.child_by_field_id(FIELD_PARAMETERS) else { return Some(parameters) };
    let children: Vec<Node> = code_children(list).collect();
    let has_positional_only = children.iter().any(|child| child.kind_id() == POSITIONAL_SEPARATOR);
    let mut section_positional_only = has_positional_only;
    let mut keyword_only = false;
    for child in children {
        match child.kind_id() {
            POSITIONAL_SEPARATOR => section_positional_only = false,
            KEYWORD_SEPARATOR => keyword_only = true,
            LIST_SPLAT_PATTERN => {
                keyword_only = true;
                parameters.vararg = code_children(child).next().map(|name| ctx.text(name));
            }
            DICTIONARY_SPLAT_PATTERN => {
                parameters.kwarg = code_children(child).next().map(|name| ctx.text(name));
            }
            IDENTIFIER if !keyword_only && !section_positional_only => parameters.ordinary.push(ctx.text(child)),
            DEFAULT_PARAMETER if !keyword_only => {
                parameters.has_defaults = true;
            }
            IDENTIFIER | DEFAULT_PARAMETER => {}
            _ => return None,
        }
    }
    Some(parameters)
}

/// Whether the called expression reads a parameter of the lambda, or a name
/// rebound or deleted after the lambda in its scope.
fn uses_late_bound_names(ctx: &Context, lambda: Node, function: Node) -> bool {
    let Some(lambda_scope) = ctx.semantic.scope_of(lambda) else { return true };
    let outer_scope = ctx.semantic.enclosing_scope(lambda);
    let lambda_line = lambda.start_position().row;
    let mut late = false;
    syntax::walk(function, |node| {
        if late {
            return false;
        }
        if node.kind_id() == IDENTIFIER && is_read(node) {
            let name = ctx.text(node);
            let scope = ctx.semantic.enclosing_scope(node);
            if ctx.semantic.resolve(scope, name) == Some(lambda_scope)
                || rebound_after(ctx, outer_scope, name, lambda_line)
                || deleted_after(ctx, outer_scope, name, lambda_line)
            {
                late = true;
            }
        }
        true
    });
    late
}

/// An identifier that astroid parses as a `Name` (not an attribute, keyword or parameter).
fn is_read<'t>(identifier: Node<'t>) -> bool {
    let Some(parent) = identifier.parent() else { return true };
    let field_is = |field: &str| parent.child_by_field_name(field).is_some_and(|child| child.id() == identifier.id());
    match parent.kind_id() {
        ATTRIBUTE => !field_is("attribute"),
        KEYWORD_ARGUMENT => !field_is("name"),
        LAMBDA_PARAMETERS | DEFAULT_PARAMETER | LIST_SPLAT_PATTERN | DICTIONARY_SPLAT_PATTERN => false,
        _ => true,
    }
}

fn rebound_after(ctx: &Context, scope: crate::semantic::ScopeId, name: &str, line: usize) -> bool {
    ctx.semantic
        .bindings_of(scope, name)
        .any(|binding| binding.kind != BindingKind::Import && binding.identifier.start_position().row > line)
}

/// pylint looks for `del name` anywhere under the scope, nested functions included.
fn deleted_after(ctx: &Context, scope: crate::semantic::ScopeId, name: &str, line: usize) -> bool {
    let root = ctx.semantic.scope(scope).node;
    let mut found = false;
    syntax::walk(root, |node| {
        if found {
            return false;
        }
        if node.kind_id() == DELETE_STATEMENT {
            let targets: Vec<Node> = match code_children(node).next() {
                Some(list) if list.kind_id() == EXPRESSION_LIST => code_children(list).collect(),
                Some(target) => vec![target],
                None => Vec::new(),
            };
            found = targets.iter().any(|target| {
                target.kind_id() == IDENTIFIER && ctx.text(*target) == name && target.start_position().row > line
            });
            return false;
        }
        true
    });
    found
}
