use super::prelude::*;
use crate::semantic::lookup::{BindingValue, NameLookup};
use crate::syntax::FastHashSet;

declare_rule! {
    /// ## What it does
    /// Checks for a `for` loop's target read after the loop, when the loop
    /// is the only binding of the name that reaches the read: if the
    /// iterable is empty, the name is unbound.
    ///
    /// As pylint does, the read is not reported when the loop's `else`
    /// leaves (`return`, `raise`, `break`, `continue`, or a call of a
    /// function of this module annotated `NoReturn`/`Never`), when the read
    /// is in a function or lambda defined after the loop, or when the
    /// iterable is known not to be empty: a `range()`, a non-empty literal
    /// list, tuple, set or dict (also through `enumerate()`, `list()` and
    /// the like, names bound to one, parameters defaulting to one, and
    /// functions of this module returning one). Other iterables are taken
    /// to be possibly empty; iterables astroid might infer from other
    /// modules (imported names, module attributes) are not reported.
    ///
    /// ## Why is this bad?
    /// When the loop does not run, the read raises `NameError` or
    /// `UnboundLocalError`.
    ///
    /// ## Example
    /// ```python
    /// def last(items):
    ///     for item in items:
    ///         pass
    ///     return item
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// def last(items):
    ///     item = None
    ///     for item in items:
    ///         pass
    ///     return item
    /// ```
    code: "W0631",
    symbol: "undefined-loop-variable",
    category: Warning,
    checker: "variables",
    trigger: Trigger::Module(check),
}

fn check(ctx: &mut Context) {
    // Only a name some `for` statement binds can have a loop as its only
    // reaching binding: the astroid lookup is skipped for every other read.
    let loop_names: FastHashSet<&str> = ctx
        .semantic
        .bindings
        .iter()
        .filter(|binding| binding.kind == BindingKind::LoopVariable)
        .map(|binding| binding.name)
        .collect();
    if loop_names.is_empty() {
        return;
    }
    let lookup = NameLookup::new(ctx.source, ctx.semantic);
    let mut reports = Vec::new();
    for &read in lookup.reads().iter().filter(|read| loop_names.contains(ctx.text(**read))) {
        let Some(loop_node) = lookup.loop_of_only_binding(read) else { continue };
        if else_leaves(ctx, loop_node) || in_walrus_in_comprehension(read) {
            continue;
        }
        let Some(iterable) = loop_node.child_by_field_id(FIELD_RIGHT) else { continue };
        if iterable_verdict(ctx, &lookup, iterable, 0) == Verdict::MayBeEmpty {
            reports.push((read, ctx.text(read)));
        }
    }
    for (read, name) in reports {
        ctx.report(read, format!("Using possibly undefined loop variable '{name}'"));
    }
}

/// What astroid's first inferred value of the iterable says.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Verdict {
    /// A `range()` or a non-empty literal collection.
    NotEmpty,
    /// Anything else pylint reports on.
    MayBeEmpty,
    /// Not modelled: nothing is reported.
    Unknown,
}

/// The loop's `else` has a statement that leaves (pylint looks at the
/// `else`'s own statements only).
fn else_leaves(ctx: &Context, loop_node: Node) -> bool {
    let Some(block) = loop_node.child_by_field_id(FIELD_ALTERNATIVE).and_then(syntax::body_of) else { return false };
    syntax::statements_of(block).into_iter().any(|statement| match statement.kind_id() {
        RETURN_STATEMENT | RAISE_STATEMENT | BREAK_STATEMENT | CONTINUE_STATEMENT => true,
        EXPRESSION_STATEMENT => {
            let mut children = code_children(statement);
            match (children.next().map(strip_parens), children.next()) {
                (Some(call), None) if call.kind_id() == CALL => calls_noreturn_function(ctx, call),
                _ => false,
            }
        }
        _ => false,
    })
}

/// The callee is a function of this module annotated `NoReturn` or `Never`.
fn calls_noreturn_function(ctx: &Context, call: Node) -> bool {
    let Some(function) = call.child_by_field_id(FIELD_FUNCTION).filter(|f| f.kind_id() == IDENTIFIER) else { return false };
    let name = ctx.text(function);
    let semantic = ctx.semantic;
    let Some(resolved) = semantic.resolve(semantic.enclosing_scope(function), name) else { return false };
    let mut bindings = semantic.bindings_of(resolved, name);
    let (Some(binding), None) = (bindings.next(), bindings.next()) else { return false };
    if binding.kind != BindingKind::FunctionDef {
        return false;
    }
    let Some(returns) = binding.identifier.parent().and_then(|definition| definition.child_by_field_id(FIELD_RETURN_TYPE)) else {
        return false;
    };
    let text = ctx.text(returns);
    let last = text.rsplit('.').next().unwrap_or(text).trim();
    matches!(last, "NoReturn" | "Never")
}

/// pylint skips a read inside `:=` inside a comprehension.
fn in_walrus_in_comprehension(read: Node) -> bool {
    let mut current = read;
    let mut in_walrus = false;
    while let Some(parent) = current.parent() {
        match parent.kind_id() {
            NAMED_EXPRESSION => in_walrus = true,
            FOR_IN_CLAUSE | IF_CLAUSE if in_walrus => return true,
            kind if syntax::is_statement_kind(kind) => return false,
            _ => {}
        }
        current = parent;
    }
    false
}

fn iterable_verdict<'t>(ctx: &Context<'_, 't>, lookup: &NameLookup<'_, 't>, node: Node<'t>, depth: u32) -> Verdict {
    if depth > 6 {
        return Verdict::Unknown;
    }
    let node = strip_parens(node);
    match node.kind_id() {
        LIST | TUPLE | SET | DICTIONARY | EXPRESSION_LIST => literal_verdict(node),
        CALL => call_verdict(ctx, lookup, node, depth),
        IDENTIFIER => {
            if ctx.semantic.resolve(ctx.semantic.enclosing_scope(node), ctx.text(node)).is_none() {
                // A builtin or an undefined name: not a collection.
                return Verdict::MayBeEmpty;
            }
            let Some(values) = lookup.reaching_values(node) else { return Verdict::Unknown };
            match values.first() {
                None => Verdict::Unknown,
                Some(BindingValue::Value(value)) => iterable_verdict(ctx, lookup, *value, depth + 1),
                Some(BindingValue::Parameter { default: Some(default) }) => iterable_verdict(ctx, lookup, *default, depth + 1),
                Some(BindingValue::Parameter { default: None }) => Verdict::MayBeEmpty,
                Some(BindingValue::Import) => Verdict::Unknown,
                Some(BindingValue::Other) => Verdict::MayBeEmpty,
            }
        }
        SUBSCRIPT => subscript_verdict(ctx, lookup, node, depth),
        ATTRIBUTE => {
            // Attributes of modules and classes may be literal collections.
            let object = node.child_by_field_id(FIELD_OBJECT).map(strip_parens);
            let Some(object) = object.filter(|o| o.kind_id() == IDENTIFIER) else { return Verdict::MayBeEmpty };
            if ctx.text(object) == "self" {
                if let Some(attribute) = node.child_by_field_id(FIELD_ATTRIBUTE) {
                    return self_attribute_verdict(ctx, lookup, object, ctx.text(attribute), depth);
                }
            }
            let name = ctx.text(object);
            let semantic = ctx.semantic;
            let Some(resolved) = semantic.resolve(semantic.enclosing_scope(object), name) else { return Verdict::MayBeEmpty };
            if semantic
                .bindings_of(resolved, name)
                .any(|binding| matches!(binding.kind, BindingKind::Import | BindingKind::ClassDef))
            {
                Verdict::Unknown
            } else {
                Verdict::MayBeEmpty
            }
        }
        CONDITIONAL_EXPRESSION => match code_children(node).next() {
            Some(body) => iterable_verdict(ctx, lookup, body, depth + 1),
            None => Verdict::Unknown,
        },
        _ => Verdict::MayBeEmpty,
    }
}

/// `self.<attribute>` in a method: astroid's first value is the first
/// `self.<attribute> = ...` of the class, else its class attribute.
fn self_attribute_verdict<'t>(ctx: &Context<'_, 't>, lookup: &NameLookup<'_, 't>, self_node: Node<'t>, attribute: &str, depth: u32) -> Verdict {
    let semantic = ctx.semantic;
    let method_scope = semantic.enclosing_scope(self_node);
    let Some(class_scope) = semantic.scope(method_scope).parent.filter(|parent| semantic.scope(*parent).kind == ScopeKind::Class) else {
        return Verdict::Unknown;
    };
    let class = semantic.scope(class_scope).node;
    let mut first_value: Option<Option<Node>> = None;
    syntax::walk(class, |child| {
        if first_value.is_some() {
            return false;
        }
        if child.kind_id() == ASSIGNMENT {
            let assigned = child.child_by_field_id(FIELD_LEFT).is_some_and(|left| {
                left.kind_id() == ATTRIBUTE
                    && left.child_by_field_id(FIELD_ATTRIBUTE).is_some_and(|name| ctx.text(name) == attribute)
                    && left.child_by_field_id(FIELD_OBJECT).is_some_and(|object| ctx.text(object) == "self")
            });
            if assigned {
                first_value = Some(child.child_by_field_id(FIELD_RIGHT));
            }
        } else if child.kind_id() == AUGMENTED_ASSIGNMENT || child.kind_id() == PATTERN_LIST {
            if ctx.text(child).contains(&format!("self.{attribute}")) {
                first_value = Some(None);
            }
        }
        true
    });
    match first_value {
        Some(Some(value)) => iterable_verdict(ctx, lookup, value, depth + 1),
        Some(None) => Verdict::Unknown,
        None => {
            let mut class_bindings = semantic.bindings_of(class_scope, attribute);
            match class_bindings.next() {
                Some(_) => Verdict::Unknown,
                None if class.child_by_field_id(FIELD_SUPERCLASSES).is_some() => Verdict::Unknown,
                None => Verdict::MayBeEmpty,
            }
        }
    }
}

/// `sequence[start:stop]` of a literal: astroid slices it.
fn subscript_verdict<'t>(ctx: &Context<'_, 't>, lookup: &NameLookup<'_, 't>, node: Node<'t>, depth: u32) -> Verdict {
    let Some(value) = node.child_by_field_id(FIELD_VALUE) else { return Verdict::MayBeEmpty };
    let Some(literal) = literal_behind(ctx, lookup, value, depth) else { return Verdict::MayBeEmpty };
    let length = code_children(literal).count() as i64;
    let slices: Vec<Node> = node.children_by_field_id(FIELD_SUBSCRIPT).collect();
    let [slice] = slices[..] else { return Verdict::Unknown };
    if slice.kind_id() != SLICE {
        // Indexing a literal gives one of its elements.
        return Verdict::Unknown;
    }
    let parts: Vec<Node> = slice.children().collect();
    let mut bounds: [Option<i64>; 2] = [None, None];
    let mut position = 0;
    for part in parts {
        if !part.is_named() {
            if ctx.text(part) == ":" {
                position += 1;
            }
            continue;
        }
        if position > 1 {
            return Verdict::Unknown;
        }
        let text = ctx.text(part).replace(' ', "");
        match text.parse::<i64>() {
            Ok(number) => bounds[position] = Some(number),
            Err(_) => return Verdict::Unknown,
        }
    }
    if position > 1 {
        return Verdict::Unknown;
    }
    let clamp = |bound: i64| if bound < 0 { (length + bound).max(0) } else { bound.min(length) };
    let start = bounds[0].map_or(0, clamp);
    let stop = bounds[1].map_or(length, clamp);
    if stop > start { Verdict::NotEmpty } else { Verdict::MayBeEmpty }
}

/// The literal list or tuple an expression is, or a name is bound to first.
fn literal_behind<'t>(ctx: &Context, lookup: &NameLookup<'_, 't>, node: Node<'t>, depth: u32) -> Option<Node<'t>> {
    if depth > 6 {
        return None;
    }
    let node = strip_parens(node);
    match node.kind_id() {
        LIST | TUPLE => Some(node).filter(|n| !code_children(*n).any(|e| e.kind_id() == LIST_SPLAT)),
        IDENTIFIER => match lookup.reaching_values(node)?.first()? {
            BindingValue::Value(value) => literal_behind(ctx, lookup, *value, depth + 1),
            _ => None,
        },
        _ => None,
    }
}

fn literal_verdict(node: Node) -> Verdict {
    let mut elements = code_children(node).peekable();
    if elements.peek().is_none() {
        return Verdict::MayBeEmpty;
    }
    if code_children(node).all(|element| matches!(element.kind_id(), LIST_SPLAT | DICTIONARY_SPLAT)) {
        return Verdict::Unknown;
    }
    Verdict::NotEmpty
}

fn call_verdict<'t>(ctx: &Context<'_, 't>, lookup: &NameLookup<'_, 't>, call: Node<'t>, depth: u32) -> Verdict {
    let Some(function) = call.child_by_field_id(FIELD_FUNCTION).map(strip_parens) else { return Verdict::MayBeEmpty };
    let arguments: Vec<Node> = call
        .child_by_field_id(FIELD_ARGUMENTS)
        .map(|arguments| code_children(arguments).collect())
        .unwrap_or_default();
    if function.kind_id() != IDENTIFIER {
        // Method results: pylint's inference rarely gets a literal here.
        return Verdict::MayBeEmpty;
    }
    let name = ctx.text(function);
    let semantic = ctx.semantic;
    let Some(resolved) = semantic.resolve(semantic.enclosing_scope(function), name) else {
        return match name {
            "range" => Verdict::NotEmpty,
            // astroid's first value of `enumerate(x)` is taken from `x`.
            "enumerate" => match arguments.first() {
                Some(first) if first.kind_id() != KEYWORD_ARGUMENT => iterable_verdict(ctx, lookup, *first, depth + 1),
                _ => Verdict::MayBeEmpty,
            },
            // Built from a literal, these are literals too.
            "list" | "tuple" | "set" | "frozenset" => match arguments.first().map(|a| strip_parens(*a)) {
                Some(first) if matches!(first.kind_id(), LIST | TUPLE | SET) => literal_verdict(first),
                _ => Verdict::MayBeEmpty,
            },
            _ => Verdict::MayBeEmpty,
        };
    };
    let mut bindings = semantic.bindings_of(resolved, name);
    let (Some(binding), None) = (bindings.next(), bindings.next()) else { return Verdict::Unknown };
    match binding.kind {
        BindingKind::FunctionDef => match binding.identifier.parent() {
            Some(definition) => function_result_verdict(ctx, lookup, definition, depth),
            None => Verdict::Unknown,
        },
        BindingKind::Import => Verdict::Unknown,
        _ => Verdict::MayBeEmpty,
    }
}

/// The first value a function of this module returns.
fn function_result_verdict<'t>(ctx: &Context<'_, 't>, lookup: &NameLookup<'_, 't>, definition: Node<'t>, depth: u32) -> Verdict {
    if syntax::is_async(definition) || definition.parent().is_some_and(|p| p.kind_id() == DECORATED_DEFINITION) {
        return Verdict::Unknown;
    }
    let Some(body) = definition.child_by_field_id(FIELD_BODY) else { return Verdict::Unknown };
    let mut first_return = None;
    let mut generator = false;
    syntax::walk(body, |child| match child.kind_id() {
        FUNCTION_DEFINITION | CLASS_DEFINITION | LAMBDA => false,
        YIELD => {
            generator = true;
            false
        }
        RETURN_STATEMENT => {
            if first_return.is_none() {
                first_return = Some(code_children(child).next());
            }
            false
        }
        _ => true,
    });
    if generator {
        return Verdict::MayBeEmpty;
    }
    match first_return {
        None | Some(None) => Verdict::MayBeEmpty,
        Some(Some(value)) => {
            let parameters = ctx.semantic.scope_of(definition).map(|scope| ctx.semantic.scope(scope)).map(|scope| {
                scope
                    .bindings
                    .iter()
                    .filter(|(_, ids)| ids.iter().any(|id| ctx.semantic.binding(*id).kind == BindingKind::Parameter))
                    .map(|(name, _)| *name)
                    .collect::<Vec<&str>>()
            });
            let mut uses_parameter = false;
            syntax::walk(value, |child| {
                if child.kind_id() == IDENTIFIER && parameters.as_ref().is_some_and(|names| names.contains(&ctx.text(child))) {
                    uses_parameter = true;
                }
                !uses_parameter
            });
            if uses_parameter {
                // The value depends on the call's arguments.
                return Verdict::Unknown;
            }
            iterable_verdict(ctx, lookup, value, depth + 1)
        }
    }
}
