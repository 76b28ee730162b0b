use super::consider_using_in::{string_literal, StringLiteral};
use super::prelude::*;
use super::too_few_public_methods::lineage;
use super::too_many_branches::report_on_def;
use std::collections::HashSet;

declare_rule! {
    /// ## What it does
    /// Checks for classes whose methods assign more distinct `self.<name>`
    /// attributes than `max-attributes` (7 by default). Class attributes and
    /// attributes set through `cls` do not count.
    ///
    /// ## Why is this bad?
    /// An object with many attributes usually holds several concerns at once;
    /// grouping related attributes into their own objects makes each class
    /// smaller and easier to reason about.
    ///
    /// ## Example
    /// ```python
    /// class Window:
    ///     def __init__(self):
    ///         self.x = self.y = 0
    ///         self.width = self.height = 100
    ///         self.title = ""
    ///         self.fg = self.bg = "black"
    ///         self.border = 1
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// class Window:
    ///     def __init__(self):
    ///         self.geometry = Rectangle(0, 0, 100, 100)
    ///         self.title = ""
    ///         self.style = Style(fg="black", bg="black", border=1)
    /// ```
    code: "R0902",
    symbol: "too-many-instance-attributes",
    category: Refactor,
    checker: "design",
    trigger: Trigger::Node(&[CLASS_DEFINITION], check),
}

fn check(ctx: &mut Context, class: Node) {
    let Some(body) = class.child_by_field_id(FIELD_BODY) else { return };
    let mut methods = Vec::new();
    let mut slots_assignments = Vec::new();
    collect_methods(ctx, body, &mut methods, &mut slots_assignments);
    let allowed = if slots_assignments.is_empty() {
        None
    } else {
        match all_slots(ctx, class) {
            Slots::Unknown => return,
            Slots::Absent => None,
            Slots::Names(names) => Some(names),
        }
    };
    let mut attributes = HashSet::new();
    for method in methods {
        let Some(instance) = instance_parameter(ctx, method).or_else(|| instance_made_in_new(ctx, class, method)) else { continue };
        if let Some(method_body) = method.child_by_field_id(FIELD_BODY) {
            collect_assigned_attributes(ctx, method_body, instance, &mut attributes);
        }
    }
    // `sr = StreamRecoder(...); sr.data_encoding = ...` elsewhere in the
    // module: astroid files those stores with the class too.
    let stored_elsewhere: Vec<String> = ctx.classes().classes.get(&class.id()).map_or_else(Vec::new, |facts| {
        facts.instance_attributes.iter().filter(|definition| !definition.in_method).map(|definition| definition.name.clone()).collect()
    });
    attributes.extend(stored_elsewhere.iter().map(String::as_str));
    // astroid drops attributes that the slots do not name.
    if let Some(allowed) = allowed {
        attributes.retain(|name| allowed.contains(name));
    }
    let max = ctx.settings.max_attributes;
    if attributes.len() > max {
        report_on_def(ctx, class, format!("Too many instance attributes ({}/{max})", attributes.len()));
    }
}

/// The class's own functions (also under `if`/`try` in its body), not those
/// of nested classes or functions, and its `__slots__` assignments.
fn collect_methods<'t>(ctx: &Context, container: Node<'t>, methods: &mut Vec<Node<'t>>, slots: &mut Vec<Node<'t>>) {
    syntax::walk(container, |node| match node.kind_id() {
        FUNCTION_DEFINITION => {
            methods.push(node);
            false
        }
        CLASS_DEFINITION | LAMBDA => false,
        ASSIGNMENT | AUGMENTED_ASSIGNMENT => {
            if node.child_by_field_id(FIELD_LEFT).is_some_and(|left| ctx.text(left) == "__slots__") {
                slots.push(node);
            }
            false
        }
        _ => true,
    });
}

/// The name of a method's first parameter when astroid infers it as an
/// instance of the class: not for static or class methods (declared, or
/// implicit like `__new__`).
pub(crate) fn instance_parameter<'t>(ctx: &Context<'_, 't>, method: Node<'t>) -> Option<&'t str> {
    let name = method.child_by_field_id(FIELD_NAME).map(|name| ctx.text(name))?;
    if matches!(name, "__new__" | "__init_subclass__" | "__class_getitem__") {
        return None;
    }
    if let Some(decorated) = method.parent().filter(|parent| parent.kind_id() == DECORATED_DEFINITION) {
        let descriptor = code_children(decorated).filter(|child| child.kind_id() == DECORATOR).any(|decorator| {
            let text = ctx.text(decorator);
            text.contains("classmethod") || text.contains("staticmethod")
        });
        if descriptor {
            return None;
        }
    }
    first_parameter(ctx, method)
}

/// The name of a function's first parameter (plain, typed or defaulted).
pub(crate) fn first_parameter<'t>(ctx: &Context<'_, 't>, method: Node<'t>) -> Option<&'t str> {
    let parameters = method.child_by_field_id(FIELD_PARAMETERS)?;
    let first = code_children(parameters).next()?;
    match first.kind_id() {
        IDENTIFIER => Some(ctx.text(first)),
        TYPED_PARAMETER => code_children(first).next().filter(|n| n.kind_id() == IDENTIFIER).map(|n| ctx.text(n)),
        DEFAULT_PARAMETER | TYPED_DEFAULT_PARAMETER => first.child_by_field_id(FIELD_NAME).map(|n| ctx.text(n)),
        _ => None,
    }
}

/// Adds the names of `<instance>.<name>` store targets in `body`, skipping
/// nested functions that rebind `instance` as a parameter.
fn collect_assigned_attributes<'t>(ctx: &Context<'_, 't>, body: Node<'t>, instance: &str, found: &mut HashSet<&'t str>) {
    syntax::walk(body, |node| match node.kind_id() {
        FUNCTION_DEFINITION | LAMBDA => !binds_parameter(ctx, node, instance),
        ATTRIBUTE => {
            let is_instance = node
                .child_by_field_id(FIELD_OBJECT)
                .is_some_and(|object| object.kind_id() == IDENTIFIER && ctx.text(object) == instance);
            if is_instance && is_store_target(node) {
                if let Some(attribute) = node.child_by_field_id(FIELD_ATTRIBUTE) {
                    found.insert(ctx.text(attribute));
                }
            }
            true
        }
        _ => true,
    });
}

fn binds_parameter(ctx: &Context, function: Node, name: &str) -> bool {
    let Some(parameters) = function.child_by_field_id(FIELD_PARAMETERS) else { return false };
    let mut bound = false;
    syntax::walk(parameters, |node| {
        match node.kind_id() {
            // Defaults are evaluated outside; only names are parameters.
            DEFAULT_PARAMETER | TYPED_DEFAULT_PARAMETER => {
                if node.child_by_field_id(FIELD_NAME).is_some_and(|n| ctx.text(n) == name) {
                    bound = true;
                }
                return false;
            }
            TYPED_PARAMETER => {}
            IDENTIFIER if ctx.text(node) == name => bound = true,
            _ => {}
        }
        !bound && node.kind_id() != TYPE
    });
    bound
}

/// Whether the node is (part of) what an assignment, `for` or `with ... as`
/// stores to.
fn is_store_target<'t>(node: Node<'t>) -> bool {
    let mut child = node;
    let mut current = node.parent();
    while let Some(parent) = current {
        match parent.kind_id() {
            PATTERN_LIST | TUPLE_PATTERN | LIST_PATTERN | TUPLE | LIST | PARENTHESIZED_EXPRESSION | LIST_SPLAT_PATTERN
            | LIST_SPLAT => {}
            ASSIGNMENT | AUGMENTED_ASSIGNMENT | FOR_STATEMENT | FOR_IN_CLAUSE => {
                return parent.child_by_field_id(FIELD_LEFT) == Some(child);
            }
            AS_PATTERN_TARGET => return true,
            _ => return false,
        }
        child = parent;
        current = parent.parent();
    }
    false
}

/// What astroid's `ClassDef.slots()` gives: the slot names of the whole MRO.
enum Slots<'t> {
    /// Some class of the MRO has no (or empty) slots: attributes are free.
    Absent,
    Names(HashSet<&'t str>),
    /// Not known from this file alone.
    Unknown,
}

fn all_slots<'t>(ctx: &Context<'_, 't>, class: Node<'t>) -> Slots<'t> {
    let Some(lineage) = lineage(ctx, class) else { return Slots::Unknown };
    // Builtin classes other than `object` have no `__slots__` to astroid.
    if lineage.has_builtin_base {
        return Slots::Absent;
    }
    let mut names = HashSet::new();
    for member in lineage.classes {
        let Some(body) = member.child_by_field_id(FIELD_BODY) else { return Slots::Unknown };
        let mut assignments = Vec::new();
        collect_methods(ctx, body, &mut Vec::new(), &mut assignments);
        let [assignment] = assignments.as_slice() else {
            return if assignments.is_empty() { Slots::Absent } else { Slots::Unknown };
        };
        if assignment.kind_id() != ASSIGNMENT {
            return Slots::Unknown;
        }
        let Some(value) = assignment.child_by_field_id(FIELD_RIGHT) else { return Slots::Unknown };
        let Some(own) = literal_slots(ctx, value) else { return Slots::Unknown };
        if own.is_empty() {
            return Slots::Absent;
        }
        names.extend(own);
    }
    Slots::Names(names)
}

/// The names of a `__slots__` value made of string literals.
fn literal_slots<'t>(ctx: &Context<'_, 't>, value: Node<'t>) -> Option<Vec<&'t str>> {
    let value = strip_parens(value);
    let elements: Vec<Node> = match value.kind_id() {
        STRING | CONCATENATED_STRING => vec![value],
        TUPLE | LIST | EXPRESSION_LIST => code_children(value).collect(),
        // A dict's keys are the slots (the values are their docstrings).
        DICTIONARY => code_children(value)
            .map(|pair| pair.child_by_field_id(FIELD_KEY).filter(|_| pair.kind_id() == PAIR))
            .collect::<Option<Vec<Node>>>()?,
        // astroid does not infer slots from `dict(...)`: nothing is restricted.
        CALL => return is_builtin_dict_call(ctx, value).then(Vec::new),
        _ => return None,
    };
    let mut names = Vec::new();
    for element in elements {
        let Some(StringLiteral::Text(text)) = string_literal(ctx.source, element) else { return None };
        // The name as written in the source, to borrow it from there.
        let raw = ctx.text(strip_parens(element));
        let start = raw.find(text.as_str())?;
        if !text.is_empty() {
            names.push(&raw[start..start + text.len()]);
        }
    }
    Some(names)
}

/// A call of the builtin `dict`.
fn is_builtin_dict_call(ctx: &Context, call: Node) -> bool {
    let scope = ctx.semantic.enclosing_scope(call);
    call.child_by_field_id(FIELD_FUNCTION)
        .is_some_and(|function| function.kind_id() == IDENTIFIER && ctx.text(function) == "dict")
        && ctx.semantic.is_builtin(scope, "dict")
}

/// In `__new__`, the local name every binding of which is a call of a
/// builtin class's `__new__` with the class first (`object.__new__(cls)`,
/// `tuple.__new__(cls, (a, b))`, or `super().__new__(cls)` in a class
/// without bases): astroid infers such a call to an instance of the class
/// (unless its second argument is a constant), so the stores through that
/// name are instance attributes, made in a defining method.
pub(crate) fn instance_made_in_new<'t>(ctx: &Context<'_, 't>, class: Node<'t>, method: Node<'t>) -> Option<&'t str> {
    if method.child_by_field_id(FIELD_NAME).map(|name| ctx.text(name)) != Some("__new__") {
        return None;
    }
    let cls = first_parameter(ctx, method)?;
    let scope = ctx.semantic.scope_of(method)?;
    let without_bases = class
        .child_by_field_id(FIELD_SUPERCLASSES)
        .is_none_or(|bases| code_children(bases).all(|base| base.kind_id() == IDENTIFIER && ctx.text(base) == "object"));
    let is_builtin_new = |call: Node<'t>| {
        let Some(function) = call.child_by_field_id(FIELD_FUNCTION).filter(|function| function.kind_id() == ATTRIBUTE) else { return false };
        let Some(arguments) = call.child_by_field_id(FIELD_ARGUMENTS) else { return false };
        let arguments: Vec<Node> = code_children(arguments).collect();
        // A constant second argument makes astroid build that constant instead.
        let with_class = match arguments.as_slice() {
            [first] => Some(*first),
            [first, second, ..] if matches!(second.kind_id(), TUPLE | LIST | DICTIONARY | SET | LIST_COMPREHENSION | GENERATOR_EXPRESSION) => Some(*first),
            _ => None,
        };
        let only_cls = with_class.is_some_and(|first| first.kind_id() == IDENTIFIER && ctx.text(first) == cls)
            && arguments.iter().all(|argument| argument.kind_id() != KEYWORD_ARGUMENT);
        let receiver = function.child_by_field_id(FIELD_OBJECT);
        let from_object = receiver.is_some_and(|receiver| {
            (receiver.kind_id() == IDENTIFIER
                && ctx.text(receiver) != "type"
                && crate::semantic::builtin_classes::builtin_class(ctx.text(receiver)).is_some()
                && ctx.semantic.is_builtin(scope, ctx.text(receiver)))
                || (without_bases
                    && receiver.kind_id() == CALL
                    && receiver.child_by_field_id(FIELD_FUNCTION).is_some_and(|callee| {
                        callee.kind_id() == IDENTIFIER && ctx.text(callee) == "super" && ctx.semantic.is_builtin(scope, "super")
                    }))
        });
        only_cls && from_object && function.child_by_field_id(FIELD_ATTRIBUTE).is_some_and(|name| ctx.text(name) == "__new__")
    };
    let makes_instance = |id: &crate::semantic::BindingId| {
        let binding = ctx.semantic.binding(*id);
        let assignment = binding.identifier.parent().filter(|parent| parent.kind_id() == ASSIGNMENT);
        let value = assignment.and_then(|assignment| assignment.child_by_field_id(FIELD_RIGHT)).filter(|value| value.kind_id() == CALL);
        binding.kind == BindingKind::Assignment
            && !binding.unpacked
            && assignment.and_then(|assignment| assignment.child_by_field_id(FIELD_LEFT)) == Some(binding.identifier)
            && value.is_some_and(is_builtin_new)
    };
    // Every binding of the name makes the instance (`datetime.time.__new__`
    // does so on two paths).
    ctx.semantic.scope(scope).bindings.iter().find_map(|(name, ids)| (!ids.is_empty() && ids.iter().all(makes_instance)).then_some(*name))
}
