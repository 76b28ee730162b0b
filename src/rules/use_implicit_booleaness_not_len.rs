use super::prelude::*;
use crate::semantic::{Binding, ScopeId};

declare_rule! {
    /// ## What it does
    /// Checks for `len(...)` used as a truth value: `not len(x)` anywhere,
    /// and `len(x)` as the condition of `if`, `while`, a conditional
    /// expression, `assert`, a comprehension's `if` or `bool(...)` (also
    /// inside `and` / `or`), when `x` is a sequence.
    ///
    /// The sequence must be certain, as astroid infers it: a list, set or
    /// dict comprehension, a list, tuple, set or string display, `range`,
    /// `list`, `tuple`, `set` or `str` called, or a name whose assignment
    /// reaching the test (or whose parameter default) is one of those.
    /// Other values (attributes, results of other calls) are left alone.
    ///
    /// ## Why is this bad?
    /// Empty sequences are false; `len` only adds a call and hides intent.
    ///
    /// ## Example
    /// ```python
    /// if len(items):
    ///     process(items)
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// if items:
    ///     process(items)
    /// ```
    code: "C1802",
    symbol: "use-implicit-booleaness-not-len",
    category: Convention,
    checker: "refactoring",
    trigger: Trigger::Node(&[CALL, NOT_OPERATOR], check),
}

const MESSAGE: &str = "Do not use `len(SEQUENCE)` without comparison to determine if a sequence is empty";

fn check(ctx: &mut Context, node: Node) {
    if node.kind_id() == NOT_OPERATOR {
        // `not len(...)` is reported whatever `len` is given (pylint does not infer).
        if node.child_by_field_id(FIELD_ARGUMENT).is_some_and(|operand| is_len_call(ctx, strip_parens(operand))) {
            ctx.report(node, MESSAGE);
        }
        return;
    }
    if !is_len_call(ctx, node) || !is_test_condition(ctx, node) {
        return;
    }
    // `len(x for x in y)` has a generator expression for its argument list.
    let Some(arguments) = node.child_by_field_id(FIELD_ARGUMENTS).filter(|arguments| arguments.kind_id() == ARGUMENT_LIST)
    else {
        return;
    };
    let Some(argument) = code_children(arguments).next() else { return };
    let argument = strip_parens(argument);
    let is_sequence = matches!(argument.kind_id(), LIST_COMPREHENSION | SET_COMPREHENSION | DICTIONARY_COMPREHENSION)
        || is_sequence_value(ctx, argument, 0);
    if is_sequence {
        ctx.report(node, MESSAGE);
    }
}

/// `len(...)`: a call of the name `len`, whatever it is bound to.
fn is_len_call(ctx: &Context, node: Node) -> bool {
    node.kind_id() == CALL
        && node
            .child_by_field_id(FIELD_FUNCTION)
            .is_some_and(|function| function.kind_id() == IDENTIFIER && ctx.text(function) == "len")
}

/// pylint's `is_test_condition` on the parent out of any `and` / `or`: the
/// test of `if`, `while`, a conditional expression or `assert`, a
/// comprehension's `if` (directly), or inside `bool(...)`.
fn is_test_condition(ctx: &Context, call: Node) -> bool {
    let mut child = call;
    let mut parent = syntax::parent_skipping_parens(call);
    while let Some(node) = parent.filter(|node| node.kind_id() == BOOLEAN_OPERATOR) {
        child = node;
        parent = syntax::parent_skipping_parens(node);
    }
    let Some(parent) = parent else { return false };
    let is_child_test = |field| parent.child_by_field_id(field).map(strip_parens) == Some(child);
    match parent.kind_id() {
        IF_STATEMENT | ELIF_CLAUSE | WHILE_STATEMENT => is_child_test(FIELD_CONDITION),
        // `body if test else orelse`: the test is the second operand.
        CONDITIONAL_EXPRESSION => code_children(parent).nth(1).map(strip_parens) == Some(child),
        ASSERT_STATEMENT => code_children(parent).next().map(strip_parens) == Some(child),
        IF_CLAUSE => child == call,
        ARGUMENT_LIST => parent.parent().is_some_and(|call| {
            call.kind_id() == CALL
                && call
                    .child_by_field_id(FIELD_FUNCTION)
                    .is_some_and(|function| function.kind_id() == IDENTIFIER && ctx.text(function) == "bool")
        }),
        _ => false,
    }
}

/// Whether `value` certainly infers to a `str`, `list`, `tuple`, `set` or
/// `range` instance.
fn is_sequence_value(ctx: &Context, value: Node, depth: usize) -> bool {
    if depth > 4 {
        return false;
    }
    let value = strip_parens(value);
    match value.kind_id() {
        // `*args` (what `binding_value` gives for it) is a tuple.
        LIST | TUPLE | SET | LIST_SPLAT_PATTERN => true,
        STRING | CONCATENATED_STRING => is_plain_str(ctx, value),
        CALL => value.child_by_field_id(FIELD_FUNCTION).is_some_and(|function| {
            function.kind_id() == IDENTIFIER
                && matches!(ctx.text(function), "list" | "tuple" | "set" | "str" | "range")
                && ctx.is_builtin_at(function, ctx.text(function))
        }),
        IDENTIFIER => reaching_value(ctx, value).is_some_and(|assigned| is_sequence_value(ctx, assigned, depth + 1)),
        _ => false,
    }
}

/// A string literal that is a `str` constant (not bytes, not an f-string).
fn is_plain_str(ctx: &Context, value: Node) -> bool {
    let parts: Vec<Node> = if value.kind_id() == STRING { vec![value] } else { code_children(value).collect() };
    parts.iter().all(|part| {
        part.kind_id() == STRING && {
            let prefix = syntax::string_prefix(ctx.source, *part).to_ascii_lowercase();
            !prefix.contains('b') && !prefix.contains('f') && !prefix.contains('t')
        }
    })
}

/// The value astroid infers first for the name read at `name`, in the
/// cases that are certain. Read from another scope: the one binding of
/// that scope. Read in its own scope, astroid keeps the bindings up to the
/// reading line, and a plain assignment in the same block as the reading
/// statement replaces the ones before it; so: that assignment when it is
/// the last binding before the read, or the only binding before the read
/// when its block encloses the read.
pub(super) fn reaching_value<'t>(ctx: &Context<'_, 't>, name: Node<'t>) -> Option<Node<'t>> {
    let semantic = ctx.semantic;
    let text = ctx.text(name);
    let reading_scope = semantic.enclosing_scope(name);
    let scope = semantic.resolve(reading_scope, text)?;
    if scope == ScopeId(0) && semantic.function_scopes().any(|(_, function)| function.globals.contains(text)) {
        return None;
    }
    let bindings: Vec<&Binding> = semantic.bindings_of(scope, text).collect();
    // Comprehensions are no frames for astroid: a read in one is filtered
    // like a read in the function around it.
    let mut reading_frame = reading_scope;
    while semantic.scope(reading_frame).kind == ScopeKind::Comprehension {
        let Some(parent) = semantic.scope(reading_frame).parent else { break };
        reading_frame = parent;
    }
    if scope != reading_frame {
        let [only] = bindings[..] else { return None };
        return binding_value(only);
    }
    let reading_row = name.start_position().row;
    if bindings.iter().any(|binding| binding.identifier.start_byte() > name.start_byte() && binding.identifier.start_position().row <= reading_row) {
        return None;
    }
    let before: Vec<&Binding> = bindings.into_iter().filter(|binding| binding.identifier.start_byte() < name.start_byte()).collect();
    let last = before.last()?;
    if last.kind == BindingKind::Parameter {
        return (before.len() == 1).then(|| binding_value(last)).flatten();
    }
    let block = assignment_statement(last)?.parent()?;
    let same_block = reading_statement(name).and_then(|statement| statement.parent()) == Some(block);
    let encloses = block.start_byte() <= name.start_byte() && name.end_byte() <= block.end_byte();
    if same_block || (before.len() == 1 && encloses) {
        binding_value(last)
    } else {
        None
    }
}

/// The statement holding a read, as astroid has it; `None` in an `elif`
/// condition (astroid's nested `If`, which no assignment sits beside).
fn reading_statement(name: Node) -> Option<Node> {
    let mut current = name.parent();
    while let Some(node) = current {
        if node.kind_id() == ELIF_CLAUSE {
            return None;
        }
        if syntax::is_statement_kind(node.kind_id()) {
            return Some(node);
        }
        current = node.parent();
    }
    None
}

/// The statement of a plain `name = value` binding.
fn assignment_statement<'t>(binding: &Binding<'t>) -> Option<Node<'t>> {
    plain_assignment_value(binding)?;
    binding.identifier.parent()?.parent().filter(|statement| statement.kind_id() == EXPRESSION_STATEMENT)
}

/// What a binding gives first: an assignment's value, a parameter's
/// default, or for `*args` the parameter itself (astroid infers a tuple).
fn binding_value<'t>(binding: &Binding<'t>) -> Option<Node<'t>> {
    if binding.kind == BindingKind::Parameter && binding.statement.kind_id() == LIST_SPLAT_PATTERN {
        return Some(binding.statement);
    }
    if binding.kind == BindingKind::Parameter {
        return matches!(binding.statement.kind_id(), DEFAULT_PARAMETER | TYPED_DEFAULT_PARAMETER)
            .then(|| binding.statement.child_by_field_id(FIELD_VALUE))
            .flatten();
    }
    plain_assignment_value(binding)
}

/// `name = value` as a whole (not unpacked, not chained into other targets).
fn plain_assignment_value<'t>(binding: &Binding<'t>) -> Option<Node<'t>> {
    if binding.kind != BindingKind::Assignment || binding.unpacked {
        return None;
    }
    let assignment = binding.identifier.parent().filter(|parent| parent.kind_id() == ASSIGNMENT)?;
    if assignment.child_by_field_id(FIELD_LEFT) != Some(binding.identifier) {
        return None;
    }
    let value = assignment.child_by_field_id(FIELD_RIGHT)?;
    // `a = b = value`: the right side is another assignment.
    (value.kind_id() != ASSIGNMENT).then_some(value)
}
