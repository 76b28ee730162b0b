use super::consider_using_in::as_string;
use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// Checks for `min()` or `max()` called with another call of the same
    /// builtin among several positional arguments, as in `max(a, max(b, c))`,
    /// and suggests the flattened call. As pylint does, an inner call with
    /// keyword arguments is left alone (flattening would drop them), and so
    /// is a nesting where the outer call has a single argument (the maximum
    /// of a matrix). An argument an inner call had alone is suggested
    /// unpacked (`max(a, *values)`) when it is a list or tuple.
    ///
    /// The builtins are recognized by name (unless shadowed), through a name
    /// bound once to one of them, and as `builtins.max` after `import
    /// builtins`. Whether a lone inner argument is a list or tuple is told
    /// from displays, comprehensions, `list(...)`/`tuple(...)`, parameters
    /// and names bound once to a display or constant; for anything else (an
    /// attribute, a subscript, another call) the call is not reported.
    ///
    /// ## Why is this bad?
    /// The nested call is redundant: one call over all the values reads
    /// better and avoids building an intermediate result.
    ///
    /// ## Example
    /// ```python
    /// largest = max(first, max(second, third))
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// largest = max(first, second, third)
    /// ```
    code: "W3301",
    symbol: "nested-min-max",
    category: Warning,
    checker: "nested_min_max",
    trigger: Trigger::Node(&[CALL], check),
}

/// One positional argument of the flattened call.
#[derive(Clone, Copy)]
struct Argument<'t> {
    node: Node<'t>,
    /// The call whose argument it is in the source (astroid's `parent`).
    owner: Node<'t>,
    /// It was the only argument of a flattened inner call.
    lone: bool,
}

fn check(ctx: &mut Context, node: Node) {
    let Some(builtin) = builtin_min_max(ctx, node) else { return };
    let mut arguments: Vec<Argument> =
        positional(node).into_iter().map(|argument| Argument { node: argument, owner: node, lone: false }).collect();
    let mut redundant = redundant_calls(ctx, &arguments, builtin);
    if redundant.is_empty() {
        return;
    }
    while !redundant.is_empty() {
        let mut flattened = false;
        for index in 0..arguments.len() {
            let argument = strip_parens(arguments[index].node);
            // pylint gives up on a call over a generator expression met
            // before (or at) the next redundant call.
            if argument.kind_id() == CALL && positional(argument).iter().any(|inner| inner.kind_id() == GENERATOR_EXPRESSION) {
                return;
            }
            if redundant.iter().any(|call| call.id() == argument.id()) {
                let inner = positional(argument);
                let lone = inner.len() == 1;
                let lifted = inner.into_iter().map(|node| Argument { node, owner: argument, lone });
                arguments.splice(index..=index, lifted);
                flattened = true;
                break;
            }
        }
        if !flattened {
            break;
        }
        redundant = redundant_calls(ctx, &arguments, builtin);
    }
    let mut rendered = Vec::new();
    for argument in &arguments {
        let text = as_string(ctx.source, argument.node);
        if argument.lone && !is_constant(argument.node) {
            match splattable(ctx, argument.node) {
                Some(true) => rendered.push(format!("*{text}")),
                Some(false) => rendered.push(text),
                None => return,
            }
        } else {
            rendered.push(text);
        }
    }
    if let Some(arguments) = node.child_by_field_id(FIELD_ARGUMENTS).filter(|arguments| arguments.kind_id() == ARGUMENT_LIST) {
        for keyword in code_children(arguments).filter(|argument| matches!(argument.kind_id(), KEYWORD_ARGUMENT | DICTIONARY_SPLAT)) {
            rendered.push(as_string(ctx.source, keyword));
        }
    }
    let Some(function) = node.child_by_field_id(FIELD_FUNCTION).map(strip_parens) else { return };
    // pylint names the function as written: the attribute of `builtins.max`.
    let name = match function.kind_id() {
        ATTRIBUTE => function.child_by_field_id(FIELD_ATTRIBUTE).map_or("", |attribute| ctx.text(attribute)),
        _ => ctx.text(function),
    };
    let function = as_string(ctx.source, function);
    ctx.report(node, format!("Do not use nested call of '{name}'; it's possible to do '{function}({})' instead", rendered.join(", ")));
}

/// `min` or `max` when `call` calls that builtin: by its name, through a
/// name bound once to it (`biggest = max`), or as `builtins.max`.
fn builtin_min_max(ctx: &Context, call: Node) -> Option<&'static str> {
    let function = strip_parens(call.child_by_field_id(FIELD_FUNCTION)?);
    match function.kind_id() {
        IDENTIFIER => builtin_named(ctx, function).or_else(|| {
            let value = single_assigned_value(ctx, function)?;
            (value.kind_id() == IDENTIFIER).then(|| builtin_named(ctx, value)).flatten()
        }),
        ATTRIBUTE => {
            let object = strip_parens(function.child_by_field_id(FIELD_OBJECT)?);
            let attribute = function.child_by_field_id(FIELD_ATTRIBUTE)?;
            if object.kind_id() != IDENTIFIER || !is_builtins_module(ctx, object) {
                return None;
            }
            match ctx.text(attribute) {
                "min" => Some("min"),
                "max" => Some("max"),
                _ => None,
            }
        }
        _ => None,
    }
}

/// The builtin `min` or `max` an identifier reads.
fn builtin_named(ctx: &Context, identifier: Node) -> Option<&'static str> {
    let name = match ctx.text(identifier) {
        "min" => "min",
        "max" => "max",
        _ => return None,
    };
    ctx.is_builtin_at(identifier, name).then_some(name)
}

/// Whether the name is bound once, by `import builtins`.
fn is_builtins_module(ctx: &Context, identifier: Node) -> bool {
    use crate::semantic::summary::{import_bindings, ImportTarget};
    let name = ctx.text(identifier);
    let Some(binding) = single_binding(ctx, identifier) else { return false };
    binding.kind == BindingKind::Import
        && import_bindings(ctx.source, binding.statement).into_iter().any(|(bound, target)| {
            bound == name && matches!(&target, ImportTarget::Module { module } if module == "builtins")
        })
}

/// The one binding a name read resolves to.
fn single_binding<'a, 't>(ctx: &Context<'a, 't>, identifier: Node) -> Option<&'a crate::semantic::Binding<'t>> {
    let name = ctx.text(identifier);
    let scope = ctx.semantic.enclosing_scope(identifier);
    let resolved = ctx.semantic.resolve(scope, name)?;
    let mut bindings = ctx.semantic.bindings_of(resolved, name);
    match (bindings.next(), bindings.next()) {
        (Some(binding), None) => Some(binding),
        _ => None,
    }
}

/// The value of `name = value` when that is the one binding of a name read.
fn single_assigned_value<'t>(ctx: &Context<'_, 't>, identifier: Node) -> Option<Node<'t>> {
    let binding = single_binding(ctx, identifier)?;
    if binding.kind != BindingKind::Assignment || binding.unpacked {
        return None;
    }
    let assignment = binding.identifier.parent().filter(|parent| parent.kind_id() == ASSIGNMENT)?;
    if assignment.child_by_field_id(FIELD_LEFT).map(|left| left.id()) != Some(binding.identifier.id()) {
        return None;
    }
    assignment.child_by_field_id(FIELD_RIGHT).map(strip_parens)
}

/// A call's positional arguments as astroid's `args` (starred ones
/// included, keywords and `**` excluded).
fn positional(call: Node) -> Vec<Node> {
    super::consider_using_dict_comprehension::positional_arguments(call)
}

/// pylint's `get_redundant_calls`: arguments that call the same builtin,
/// without keywords, where the call holding them has several arguments.
fn redundant_calls<'t>(ctx: &Context<'_, 't>, arguments: &[Argument<'t>], builtin: &str) -> Vec<Node<'t>> {
    arguments
        .iter()
        .filter_map(|argument| {
            let call = strip_parens(argument.node);
            (call.kind_id() == CALL
                && builtin_min_max(ctx, call) == Some(builtin)
                && positional(argument.owner).len() > 1
                && !has_keywords(call))
            .then_some(call)
        })
        .collect()
}

fn has_keywords(call: Node) -> bool {
    call.child_by_field_id(FIELD_ARGUMENTS).is_some_and(|arguments| {
        arguments.kind_id() == ARGUMENT_LIST
            && code_children(arguments).any(|argument| matches!(argument.kind_id(), KEYWORD_ARGUMENT | DICTIONARY_SPLAT))
    })
}

/// astroid's `Const`: number, string, bytes, `True`, `False`, `None`, `...`.
fn is_constant(node: Node) -> bool {
    let node = strip_parens(node);
    match node.kind_id() {
        INTEGER | FLOAT | TRUE | FALSE | NONE | ELLIPSIS => true,
        STRING => !is_fstring(node),
        CONCATENATED_STRING => code_children(node).all(|part| part.kind_id() == STRING && !is_fstring(part)),
        _ => false,
    }
}

fn is_fstring(string: Node) -> bool {
    code_children(string).any(|child| child.kind_id() == INTERPOLATION)
}

/// pylint's `_is_splattable_expression`: a list or tuple (by inference), a
/// display or comprehension of a list, tuple, set or dict, or a `+`/`|` of
/// such. `None` when that cannot be told here.
fn splattable(ctx: &Context, node: Node) -> Option<bool> {
    let node = strip_parens(node);
    match node.kind_id() {
        LIST | TUPLE | SET | DICTIONARY | LIST_COMPREHENSION | DICTIONARY_COMPREHENSION => Some(true),
        // A set comprehension infers to a set, `not` to a bool, an f-string
        // to a str: none is unpacked. A starred argument infers to nothing.
        SET_COMPREHENSION | NOT_OPERATOR | LIST_SPLAT => Some(false),
        BINARY_OPERATOR => {
            let operator = node.child_by_field_id(FIELD_OPERATOR)?;
            if !matches!(ctx.text(operator), "+" | "|") {
                return None;
            }
            let left = splattable(ctx, node.child_by_field_id(FIELD_LEFT)?)?;
            let right = splattable(ctx, node.child_by_field_id(FIELD_RIGHT)?)?;
            Some(left && right)
        }
        STRING | CONCATENATED_STRING => Some(false),
        _ if is_constant(node) => Some(false),
        IDENTIFIER => name_is_sequence(ctx, node),
        // `list(...)` and `tuple(...)` infer to instances of those builtins.
        CALL => {
            let function = strip_parens(node.child_by_field_id(FIELD_FUNCTION)?);
            let name = ctx.text(function);
            (function.kind_id() == IDENTIFIER && matches!(name, "list" | "tuple") && ctx.is_builtin_at(function, name))
                .then_some(true)
        }
        _ => None,
    }
}

/// What a name read infers to, as far as lists and tuples go: a parameter
/// (`*args` is a tuple, `**kwargs` a dict; astroid infers nothing it can
/// unpack for the others, defaults included) or a name bound once, by a
/// plain assignment of a display or constant.
fn name_is_sequence(ctx: &Context, identifier: Node) -> Option<bool> {
    let binding = single_binding(ctx, identifier)?;
    match binding.kind {
        BindingKind::Parameter => match binding.identifier.parent()?.kind_id() {
            LIST_SPLAT_PATTERN | DICTIONARY_SPLAT_PATTERN => Some(true),
            PARAMETERS | LAMBDA_PARAMETERS | DEFAULT_PARAMETER | TYPED_PARAMETER | TYPED_DEFAULT_PARAMETER => Some(false),
            _ => None,
        },
        BindingKind::Assignment => {
            let value = single_assigned_value(ctx, identifier)?;
            match value.kind_id() {
                LIST | TUPLE | SET | DICTIONARY | LIST_COMPREHENSION | DICTIONARY_COMPREHENSION => Some(true),
                _ if is_constant(value) => Some(false),
                _ => None,
            }
        }
        _ => None,
    }
}
