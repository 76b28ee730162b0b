use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// Checks for assignments to the first parameter of a method (`self`,
    /// `cls`, whatever its name), also through `nonlocal` from a nested
    /// function. Static methods are exempt.
    ///
    /// ## Why is this bad?
    /// Rebinding `self` or `cls` only changes a local name: the instance or
    /// class is untouched, which is rarely what the author meant, and the
    /// rest of the method no longer refers to the object it was called on.
    ///
    /// ## Example
    /// ```python
    /// class Node:
    ///     def detach(self, other):
    ///         self = other
    ///         self.parent = None
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// class Node:
    ///     def detach(self, other):
    ///         other.parent = None
    /// ```
    code: "W0642",
    symbol: "self-cls-assignment",
    category: Warning,
    checker: "variables",
    trigger: Trigger::Node(&[ASSIGNMENT], check),
}

fn check(ctx: &mut Context, assignment: Node) {
    // A chain `a = b = c` is one astroid Assign: check it from its outer node.
    if assignment.parent().is_some_and(|parent| parent.kind_id() == ASSIGNMENT) {
        return;
    }
    // `x: T = v` is an AnnAssign, which pylint does not check.
    if assignment.child_by_field_id(FIELD_TYPE).is_some() || assignment.child_by_field_id(FIELD_RIGHT).is_none() {
        return;
    }
    let mut targets = Vec::new();
    let mut current = Some(assignment);
    while let Some(link) = current.filter(|node| node.kind_id() == ASSIGNMENT) {
        if let Some(target) = link.child_by_field_id(FIELD_LEFT) {
            targets.extend(target_names(target).into_iter().map(|name| ctx.text(name)));
        }
        current = link.child_by_field_id(FIELD_RIGHT);
    }
    // Cheap test first: does any target share the enclosing function's first
    // parameter's name? Only then is it worth asking whether that is a method.
    // (A function declaring `nonlocal` checks its method's parameter instead.)
    let scope = ctx.semantic.scope(ctx.semantic.enclosing_scope(assignment));
    let candidate = first_parameter_name(ctx, scope.node);
    if scope.nonlocals.is_empty() && !candidate.is_some_and(|name| targets.contains(&name)) {
        return;
    }
    let Some(first_parameter) = method_first_parameter(ctx, assignment) else { return };
    if targets.contains(&first_parameter) {
        ctx.report(assignment, format!("Invalid assignment to {first_parameter} in method"));
    }
}

/// The first parameter name of the method whose local `assignment` binds,
/// following a `nonlocal` in the assigning function to the function around it.
fn method_first_parameter<'t>(ctx: &Context<'_, 't>, assignment: Node<'t>) -> Option<&'t str> {
    let mut scope = ctx.semantic.enclosing_scope(assignment);
    let scope_data = ctx.semantic.scope(scope);
    if scope_data.kind != ScopeKind::Function {
        return None;
    }
    let declares_nonlocal = scope_data
        .node
        .child_by_field_id(FIELD_BODY)
        .is_some_and(|body| code_children(body).any(|statement| statement.kind_id() == NONLOCAL_STATEMENT));
    if declares_nonlocal {
        scope = scope_data.parent?;
        if ctx.semantic.scope(scope).kind != ScopeKind::Function {
            return None;
        }
    }
    super::unused_argument::method_class(ctx, scope)?;
    let function = ctx.semantic.scope(scope).node;
    if super::unused_argument::method_kind(ctx, function) == super::unused_argument::MethodKind::Static {
        return None;
    }
    first_parameter_name(ctx, function)
}

/// astroid's `argnames()[0]`: the first positional parameter, else `*args`,
/// else the first keyword-only one, else `**kwargs`.
fn first_parameter_name<'t>(ctx: &Context<'_, 't>, function: Node<'t>) -> Option<&'t str> {
    let parameters = function.child_by_field_id(FIELD_PARAMETERS)?;
    code_children(parameters).find_map(|parameter| parameter_identifier(parameter)).map(|name| ctx.text(name))
}

fn parameter_identifier(parameter: Node) -> Option<Node> {
    match parameter.kind_id() {
        IDENTIFIER => Some(parameter),
        DEFAULT_PARAMETER | TYPED_DEFAULT_PARAMETER => {
            parameter.child_by_field_id(FIELD_NAME).filter(|name| name.kind_id() == IDENTIFIER)
        }
        TYPED_PARAMETER | LIST_SPLAT_PATTERN | DICTIONARY_SPLAT_PATTERN => {
            code_children(parameter).next().and_then(parameter_identifier)
        }
        _ => None,
    }
}

/// The names an Assign target binds as astroid sees them for this check: a
/// plain name, or the plain names directly in a tuple (not a list).
fn target_names(target: Node) -> Vec<Node> {
    let target = unparenthesized_pattern(target);
    match target.kind_id() {
        IDENTIFIER => vec![target],
        PATTERN_LIST | TUPLE_PATTERN => code_children(target)
            .map(unparenthesized_pattern)
            .filter(|element| element.kind_id() == IDENTIFIER)
            .collect(),
        _ => Vec::new(),
    }
}

/// `(x)` as a target parses as a one-element tuple pattern without a comma.
fn unparenthesized_pattern(mut node: Node) -> Node {
    loop {
        node = strip_parens(node);
        if node.kind_id() != TUPLE_PATTERN || node.named_child_count() != 1 {
            return node;
        }
        let has_comma = (0..node.child_count()).filter_map(|i| node.child(i)).any(|child| child.kind() == ",");
        match node.named_child(0) {
            Some(inner) if !has_comma && inner.kind_id() != COMMENT => node = inner,
            _ => return node,
        }
    }
}
