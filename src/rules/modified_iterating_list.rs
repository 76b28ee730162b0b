use super::prelude::*;
use crate::semantic::{Binding, ScopeId};

declare_rule! {
    /// ## What it does
    /// Checks for a `for` loop over a list whose body appends to or removes
    /// from that list (`items.append(...)`, `items.remove(...)` as a
    /// statement), or deletes the loop variable with `del`. As pylint does,
    /// the whole body is searched, nested functions and loops included (not
    /// the loop's `else` clause), and `async for` loops are not checked.
    ///
    /// The iterated object must be known to be a list. Here that means a
    /// list display, or a name whose bindings all assign a list display,
    /// `list()`, `list(...)` of a list or tuple display, or `+`/`*` of list
    /// displays (`+=` of one included); when the name has several bindings
    /// they must all come before the loop, in the scope where the loop and
    /// the call are. Other values (`sorted(...)`, a comprehension, a
    /// parameter, an attribute such as `self.items`) are not inferred.
    ///
    /// ## Why is this bad?
    /// Changing a list while iterating over it skips elements or visits new
    /// ones; appending can even make the loop endless.
    ///
    /// ## Example
    /// ```python
    /// names = ["a", "b"]
    /// for name in names:
    ///     names.append(name.upper())
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// names = ["a", "b"]
    /// for name in names.copy():
    ///     names.append(name.upper())
    /// ```
    code: "W4701",
    symbol: "modified-iterating-list",
    category: Warning,
    checker: "modified_iteration",
    trigger: Trigger::Node(&[FOR_STATEMENT], check),
}

/// The iterated object, as far as it is known to be a list.
enum Iterated<'a, 't> {
    /// A list display: pylint's `repr_name()` of it is `list`.
    Display,
    /// A name and the bindings (all of lists) it reads.
    Name { name: &'t str, scope: ScopeId, bindings: Vec<&'a Binding<'t>> },
}

fn check(ctx: &mut Context, node: Node) {
    if syntax::is_async(node) {
        return;
    }
    let (Some(iterable), Some(body)) = (node.child_by_field_id(FIELD_RIGHT), node.child_by_field_id(FIELD_BODY)) else {
        return;
    };
    let iterable = strip_parens(iterable);
    let iterated = match iterable.kind_id() {
        LIST => Iterated::Display,
        IDENTIFIER => match list_bindings(ctx, iterable, node) {
            Some((scope, bindings)) => Iterated::Name { name: ctx.text(iterable), scope, bindings },
            None => return,
        },
        _ => return,
    };
    let loop_targets = node.child_by_field_id(FIELD_LEFT).map(|target| target_names(ctx, target)).unwrap_or_default();
    let shown = match &iterated {
        Iterated::Display => "list",
        Iterated::Name { name, .. } => name,
    };
    let message = format!(
        "Iterated list '{shown}' is being modified inside for loop body, consider iterating through a copy of it instead."
    );
    let mut reported = Vec::new();
    syntax::walk(body, |statement| match statement.kind_id() {
        DELETE_STATEMENT => {
            if deletes_one_of(ctx, statement, &loop_targets) {
                reported.push(statement);
            }
            false
        }
        EXPRESSION_STATEMENT => {
            if let Iterated::Name { name, scope, bindings } = &iterated {
                if modifies(ctx, statement, name, *scope, bindings, iterable) {
                    reported.push(statement);
                }
            }
            false
        }
        BLOCK | IF_STATEMENT | ELIF_CLAUSE | ELSE_CLAUSE | FOR_STATEMENT | WHILE_STATEMENT | TRY_STATEMENT
        | EXCEPT_CLAUSE | FINALLY_CLAUSE | WITH_STATEMENT | MATCH_STATEMENT | CASE_CLAUSE | FUNCTION_DEFINITION
        | CLASS_DEFINITION | DECORATED_DEFINITION => true,
        _ => false,
    });
    for statement in reported {
        ctx.report(statement, message.clone());
    }
}

/// The scope and bindings of a name read, when every binding gives it a
/// list value astroid infers to a list node, and the read is sure to see
/// them all the same way from the loop and from inside it: a single
/// binding, or bindings all made before the loop in the loop's own scope.
fn list_bindings<'a, 't>(ctx: &Context<'a, 't>, identifier: Node<'t>, loop_node: Node) -> Option<(ScopeId, Vec<&'a Binding<'t>>)> {
    let semantic = ctx.semantic;
    let name = ctx.text(identifier);
    let here = semantic.enclosing_scope(identifier);
    let scope = semantic.resolve(here, name)?;
    let bindings: Vec<&Binding> = semantic.bindings_of(scope, name).collect();
    if bindings.is_empty() || !bindings.iter().all(|binding| binds_list(ctx, binding)) {
        return None;
    }
    if bindings.len() > 1
        && (scope != here || bindings.iter().any(|binding| binding.statement.start_byte() >= loop_node.start_byte()))
    {
        return None;
    }
    Some((scope, bindings))
}

/// Whether a binding assigns a value astroid infers to a list node.
fn binds_list(ctx: &Context, binding: &Binding) -> bool {
    if binding.kind != BindingKind::Assignment || binding.unpacked {
        return false;
    }
    let Some(parent) = binding.identifier.parent() else { return false };
    if parent.child_by_field_id(FIELD_LEFT).map(|left| left.id()) != Some(binding.identifier.id()) {
        return false;
    }
    match parent.kind_id() {
        ASSIGNMENT => {
            // `a = b = []`: the value is at the end of the chain.
            let mut value = parent.child_by_field_id(FIELD_RIGHT);
            while let Some(assignment) = value.filter(|value| value.kind_id() == ASSIGNMENT) {
                value = assignment.child_by_field_id(FIELD_RIGHT);
            }
            value.is_some_and(|value| is_list_value(ctx, value))
        }
        AUGMENTED_ASSIGNMENT => {
            let operator = parent.child_by_field_id(FIELD_OPERATOR).map(|operator| operator.kind());
            let value = parent.child_by_field_id(FIELD_RIGHT).map(strip_parens);
            match operator {
                Some("+=") => value.is_some_and(|value| value.kind_id() == LIST),
                Some("*=") => value.is_some_and(|value| value.kind_id() == INTEGER),
                _ => false,
            }
        }
        _ => false,
    }
}

/// A list display, `list()`, `list` of a list or tuple display, or `+`/`*`
/// of list displays (and an integer).
fn is_list_value(ctx: &Context, value: Node) -> bool {
    let value = strip_parens(value);
    match value.kind_id() {
        LIST => true,
        CALL => {
            let function = value.child_by_field_id(FIELD_FUNCTION);
            let arguments = super::consider_using_dict_comprehension::positional_arguments(value);
            let keywords = value
                .child_by_field_id(FIELD_ARGUMENTS)
                .is_some_and(|list| code_children(list).count() != arguments.len());
            function.is_some_and(|function| function.kind_id() == IDENTIFIER && ctx.is_builtin_at(function, "list"))
                && !keywords
                && match arguments[..] {
                    [] => true,
                    [only] => matches!(strip_parens(only).kind_id(), LIST | TUPLE),
                    _ => false,
                }
        }
        BINARY_OPERATOR => {
            let (Some(left), Some(operator), Some(right)) = (
                value.child_by_field_id(FIELD_LEFT).map(strip_parens),
                value.child_by_field_id(FIELD_OPERATOR),
                value.child_by_field_id(FIELD_RIGHT).map(strip_parens),
            ) else {
                return false;
            };
            match operator.kind() {
                "+" => left.kind_id() == LIST && right.kind_id() == LIST,
                "*" => matches!((left.kind_id(), right.kind_id()), (LIST, INTEGER) | (INTEGER, LIST)),
                _ => false,
            }
        }
        _ => false,
    }
}

/// The names a `for` target binds (astroid's `find_assigned_names_recursive`:
/// through tuples and lists, not starred targets).
fn target_names<'t>(ctx: &Context<'_, 't>, target: Node<'t>) -> Vec<&'t str> {
    let target = strip_parens(target);
    match target.kind_id() {
        IDENTIFIER => vec![ctx.text(target)],
        PATTERN_LIST | TUPLE_PATTERN | LIST_PATTERN | TUPLE | LIST => {
            code_children(target).flat_map(|element| target_names(ctx, element)).collect()
        }
        _ => Vec::new(),
    }
}

/// Whether a `del` statement deletes one of the loop's target names
/// directly (`del x`, `del x, y`; not inside a tuple such as `del (x, y)`).
fn deletes_one_of(ctx: &Context, statement: Node, names: &[&str]) -> bool {
    let Some(deleted) = code_children(statement).next() else { return false };
    let targets: Vec<Node> = match deleted.kind_id() {
        EXPRESSION_LIST => code_children(deleted).collect(),
        _ => vec![deleted],
    };
    targets.into_iter().map(strip_parens).any(|target| target.kind_id() == IDENTIFIER && names.contains(&ctx.text(target)))
}

/// Whether an expression statement is `name.append(...)` or
/// `name.remove(...)` where `name` reads the same list as the loop.
fn modifies(ctx: &Context, statement: Node, name: &str, scope: ScopeId, bindings: &[&Binding], iterable: Node) -> bool {
    let mut children = code_children(statement);
    let (Some(call), None) = (children.next().map(strip_parens), children.next()) else { return false };
    if call.kind_id() != CALL {
        return false;
    }
    let Some(function) = call.child_by_field_id(FIELD_FUNCTION).filter(|function| function.kind_id() == ATTRIBUTE) else {
        return false;
    };
    let (Some(object), Some(method)) = (function.child_by_field_id(FIELD_OBJECT), function.child_by_field_id(FIELD_ATTRIBUTE))
    else {
        return false;
    };
    if object.kind_id() != IDENTIFIER || ctx.text(object) != name || !matches!(ctx.text(method), "append" | "remove") {
        return false;
    }
    let here = ctx.semantic.enclosing_scope(object);
    if ctx.semantic.resolve(here, name) != Some(scope) {
        return false;
    }
    // With several bindings, only reads from the loop's own scope are sure
    // to see the same ones (astroid does not filter by flow across scopes).
    bindings.len() == 1 || here == ctx.semantic.enclosing_scope(iterable)
}
