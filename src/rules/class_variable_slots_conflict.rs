use super::prelude::*;
use crate::semantic::infer::assigned_value;
use crate::semantic::summary::plain_string;

declare_rule! {
    /// ## What it does
    /// Checks for names listed in a class's `__slots__` that the class body
    /// also binds: a class attribute, a method, a property, a nested class
    /// or an import. A bare annotation (`name: int`, with no value) does not
    /// conflict.
    ///
    /// astroid also counts `__module__`, `__qualname__` and `__annotations__`
    /// as class variables.
    ///
    /// Only `__slots__` bound once in the class body, to a tuple, list, set
    /// or dict display, is read, and of its items only plain string
    /// literals; names the class binds only through `cls.name = ...` or
    /// `del name` are not seen.
    ///
    /// ## Why is this bad?
    /// Python creates a descriptor in the class for every slot; a class
    /// variable of the same name would replace it, and defining the class
    /// fails with `ValueError: 'name' in __slots__ conflicts with class
    /// variable`.
    ///
    /// ## Example
    /// ```python
    /// class Point:
    ///     __slots__ = ("x", "y")
    ///     x = 0
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// class Point:
    ///     __slots__ = ("x", "y")
    ///
    ///     def __init__(self, x=0, y=0):
    ///         self.x = x
    ///         self.y = y
    /// ```
    code: "E0242",
    symbol: "class-variable-slots-conflict",
    category: Error,
    checker: "classes",
    trigger: Trigger::Node(&[CLASS_DEFINITION], check),
}

fn check(ctx: &mut Context, class: Node) {
    let Some(scope) = ctx.semantic.scope_of(class) else { return };
    let Some(body) = class.child_by_field_id(FIELD_BODY) else { return };
    let mut slots_bindings = ctx.semantic.bindings_of(scope, "__slots__");
    let (Some(only), None) = (slots_bindings.next(), slots_bindings.next()) else { return };
    if only.kind != BindingKind::Assignment || only.unpacked || ctx.semantic.scope(scope).globals.contains("__slots__") {
        return;
    }
    let Some(value) = assigned_value(only.identifier).map(strip_parens) else { return };
    let elements: Vec<Node> = match value.kind_id() {
        TUPLE | EXPRESSION_LIST | LIST | SET => code_children(value).collect(),
        DICTIONARY => code_children(value)
            .filter(|item| item.kind_id() == PAIR)
            .filter_map(|pair| pair.child_by_field_id(FIELD_KEY))
            .collect(),
        _ => return,
    };
    for element in elements {
        let Some(name) = plain_string(ctx.source, element).filter(|name| !name.is_empty()) else { continue };
        if ctx.semantic.scope(scope).globals.contains(name) || ctx.semantic.scope(scope).nonlocals.contains(name) {
            continue;
        }
        // astroid's `locals` of the class: what its body binds.
        let locals: Vec<BindingKind> = ctx
            .semantic
            .bindings_of(scope, name)
            .filter(|binding| !matches!(binding.kind, BindingKind::Parameter | BindingKind::ComprehensionVariable))
            .filter(|binding| binding.identifier.start_byte() >= body.start_byte() && binding.identifier.end_byte() <= body.end_byte())
            .map(|binding| binding.kind)
            .collect();
        let implicit = IMPLICIT_LOCALS.contains(&name) || (name == "int" && is_uuid_class(ctx, class));
        if !implicit && (locals.is_empty() || locals == [BindingKind::Annotation]) {
            continue;
        }
        let message = format!("Value {} in slots conflicts with class variable", super::expression_not_assigned::str_repr(name));
        ctx.report(element, message);
    }
}

/// Names astroid puts in every class's `locals`.
const IMPLICIT_LOCALS: &[&str] = &["__module__", "__qualname__", "__annotations__"];

/// `uuid.UUID`, whose `locals` astroid's uuid brain gives an `int`.
fn is_uuid_class(ctx: &Context, class: Node) -> bool {
    let named_uuid = class.child_by_field_id(FIELD_NAME).is_some_and(|name| ctx.text(name) == "UUID");
    let at_module_level = class.parent().is_some_and(|parent| parent.kind_id() == MODULE);
    let in_uuid = ctx.imports.is_some_and(|(path, _)| super::too_many_ancestors::module_name(path) == "uuid");
    named_uuid && at_module_level && in_uuid
}
