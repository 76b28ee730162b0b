use super::attribute_defined_outside_init::Ancestry;
use super::prelude::*;
use super::too_many_ancestors::ClassRef;
use crate::semantic::astroid;
use crate::semantic::classes::{self, Definition, DefinitionKind, MethodKind};
use crate::syntax::FastHashMap;

declare_rule! {
    /// ## What it does
    /// Checks for `self.name` read in a method before the statement of that
    /// same method that assigns `self.name` (pylint's classes checker), when
    /// that assignment is the class's only definition of the attribute
    /// (one per function): not a class attribute, not an attribute of an
    /// ancestor. In `__init__`, a call `self.method()` made before the
    /// assignment counts as a read when `method` reads the attribute.
    ///
    /// Not reported: reads and the assignment in exclusive branches of a
    /// `try` whose handler catches `AttributeError`, `Exception` or
    /// `BaseException`; mixin classes (named `...Mixin`) and metaclasses.
    /// Not inferred, so never reported: classes with an ancestor that
    /// cannot be resolved, and attributes also assigned through an object
    /// whose class is not known.
    ///
    /// ## Why is this bad?
    /// The read runs before the attribute exists: it raises
    /// `AttributeError`, or silently finds a class attribute or a stale
    /// value.
    ///
    /// ## Example
    /// ```python
    /// class Counter:
    ///     def __init__(self):
    ///         if self.count:
    ///             pass
    ///         self.count = 0
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// class Counter:
    ///     def __init__(self):
    ///         self.count = 0
    ///         if self.count:
    ///             pass
    /// ```
    code: "E0203",
    symbol: "access-member-before-definition",
    category: Error,
    checker: "classes",
    trigger: Trigger::Node(&[CLASS_DEFINITION], check),
}

/// The exceptions whose handlers make a read and the assignment exclusive.
const CAUGHT: &[&str] = &["AttributeError", "Exception", "BaseException"];

fn check(ctx: &mut Context, class: Node) {
    let Some(name) = class.child_by_field_id(FIELD_NAME).map(|name| ctx.text(name)) else { return };
    // pylint's default `mixin-class-rgx` `.*[Mm]ixin`, matched at the start.
    if name.contains("Mixin") || name.contains("mixin") {
        return;
    }
    let accessed = accessed_members(ctx, class);
    if accessed.is_empty() {
        return;
    }
    let mut reports = Vec::new();
    {
        let shared: &Context = ctx;
        let Some(facts) = shared.classes().classes.get(&class.id()) else { return };
        // Only an attribute the class assigns on its instances can be read too early.
        if !accessed.iter().any(|(name, _)| facts.instance_attributes.iter().any(|definition| definition.name == *name)) {
            return;
        }
        let mut ancestry = Ancestry::new(shared);
        let this = ClassRef::Local(class);
        let Some(ancestors) = ancestry.ancestors(&this) else { return };
        // A metaclass (a class deriving from `type`) is not checked.
        if ancestors.iter().any(|ancestor| matches!(ancestor, ClassRef::Builtin("type"))) {
            return;
        }
        let involved: Vec<ClassRef> = std::iter::once(this.clone()).chain(ancestors.iter().cloned()).collect();
        for (attribute, reads) in &accessed {
            let Some(found) = defined_before_reads(shared, &ancestry, &this, &ancestors, attribute, reads) else { continue };
            if ancestry.stored_elsewhere(&involved, attribute) {
                continue;
            }
            let (definition, defstmt) = found;
            let frame = astroid::frame_of(defstmt);
            let line = definition.line as usize + 1;
            let mut access_nodes: Vec<Node> = reads.clone();
            if frame_name(shared, frame) == Some("__init__") {
                for read in reads {
                    let Some(method) = method_of_class(astroid::frame_of(*read), class) else { continue };
                    let Some(method_name) = method.child_by_field_id(FIELD_NAME).map(|name| shared.text(name)) else {
                        continue;
                    };
                    // A call on the instance before the assignment stands in for the reads the method makes.
                    let calls = accessed.iter().filter(|(name, _)| *name == method_name).flat_map(|(_, nodes)| nodes.iter());
                    for call in calls {
                        let is_called = call.parent().is_some_and(|parent| {
                            parent.kind_id() == CALL && parent.child_by_field_id(FIELD_FUNCTION) == Some(*call)
                        });
                        if is_called && !access_nodes.contains(call) {
                            access_nodes.push(*call);
                        }
                    }
                }
            }
            for node in access_nodes {
                if astroid::frame_of(node) == frame
                    && node.start_position().row + 1 < line
                    && !are_exclusive(shared, astroid::statement_of(node), defstmt)
                {
                    reports.push((node, format!("Access to member '{attribute}' before its definition line {line}")));
                }
            }
        }
    }
    for (node, message) in reports {
        ctx.report(node, message);
    }
}

/// pylint's `_check_accessed_members` up to the reads' check: the one
/// assignment of the attribute that the reads are compared with, when the
/// attribute is neither a class attribute nor an ancestor's instance
/// attribute, and the class's own assignments (bare annotations and the
/// augmented assignments that are themselves reads aside) are one per scope
/// of the first.
fn defined_before_reads<'t>(
    ctx: &Context<'_, 't>,
    ancestry: &Ancestry<'_, '_, 't>,
    this: &ClassRef<'t>,
    ancestors: &[ClassRef<'t>],
    attribute: &str,
    reads: &[Node<'t>],
) -> Option<(Definition, Node<'t>)> {
    if ancestry.facts(this)?.binds(attribute) {
        return None;
    }
    for ancestor in ancestors {
        if ancestry.binds(ancestor, attribute)? || ancestry.instance_attributes(ancestor, attribute).next().is_some() {
            return None;
        }
    }
    let read_ranges: Vec<(u32, u32)> =
        reads.iter().map(|read| (read.start_byte() as u32, read.end_byte() as u32)).collect();
    let mut definitions: Vec<(&Definition, Node<'t>)> = Vec::new();
    for definition in ancestry.instance_attributes(this, attribute) {
        if definition.kind == DefinitionKind::AnnotationOnly || read_ranges.contains(&definition.range) {
            continue;
        }
        let (start, end) = definition.range;
        let node = attribute_at(ctx.module.root(), start as usize, end as usize)?;
        definitions.push((definition, node));
    }
    let (first, first_node) = *definitions.first()?;
    let scope = astroid::scope_node_of(first_node);
    let others = definitions[1..].iter().filter(|(_, node)| astroid::scope_node_of(*node) != scope).count();
    (others == 0).then(|| (first.clone(), first_node))
}

/// The attribute node spanning exactly `start..end`.
fn attribute_at(root: Node, start: usize, end: usize) -> Option<Node> {
    let mut current = root;
    loop {
        if current.kind_id() == ATTRIBUTE && current.start_byte() == start && current.end_byte() == end {
            return Some(current);
        }
        current = current.children().find(|child| child.start_byte() <= start && end <= child.end_byte())?;
    }
}

/// The attributes read through a method's instance (or class) parameter
/// in the class's methods, with `self.x += ...` targets: pylint's
/// `_uses_mandatory_method_param`, by the parameter's name alone.
fn accessed_members<'t>(ctx: &Context<'_, 't>, class: Node<'t>) -> Vec<(&'t str, Vec<Node<'t>>)> {
    let mut accessed: Vec<(&'t str, Vec<Node<'t>>)> = Vec::new();
    let mut index: FastHashMap<&'t str, usize> = FastHashMap::default();
    for (method, _) in super::method_hidden::methods(ctx, class) {
        let Some(parameter) = mandatory_parameter(ctx, method, class) else { continue };
        let Some(body) = method.child_by_field_id(FIELD_BODY) else { continue };
        syntax::walk(body, |node| match node.kind_id() {
            // A nested class's methods read through their own parameter.
            CLASS_DEFINITION => false,
            ATTRIBUTE => {
                let object = node.child_by_field_id(FIELD_OBJECT);
                let through_parameter = object.is_some_and(|object| object.kind_id() == IDENTIFIER && ctx.text(object) == parameter);
                if through_parameter && is_read_or_augmented(node) {
                    if let Some(name) = node.child_by_field_id(FIELD_ATTRIBUTE).map(|name| ctx.text(name)) {
                        let slot = *index.entry(name).or_insert_with(|| {
                            accessed.push((name, Vec::new()));
                            accessed.len() - 1
                        });
                        accessed[slot].1.push(node);
                    }
                }
                true
            }
            _ => true,
        });
    }
    accessed
}

/// The first parameter's name as pylint's `_check_first_arg_for_type`
/// leaves it for the method's code: none for a static method, unless it is
/// named `self`, `cls` or `mcs`.
fn mandatory_parameter<'t>(ctx: &Context<'_, 't>, method: Node<'t>, class: Node<'t>) -> Option<&'t str> {
    let name = ctx.text(classes::first_positional_parameter(method)?);
    let kind = classes::method_kind(ctx.source, ctx.semantic, method, class);
    if kind == MethodKind::Static && !matches!(name, "self" | "cls" | "mcs") {
        return None;
    }
    Some(name)
}

/// An attribute read (astroid's `Attribute`) or the target of `x.a += ...`;
/// not a plain store nor a `del` target.
fn is_read_or_augmented(attribute: Node) -> bool {
    match classes::stored_augmented(attribute) {
        Some(augmented) => augmented,
        None => !astroid::is_del_target(attribute),
    }
}

fn frame_name<'t>(ctx: &Context<'_, 't>, frame: Node<'t>) -> Option<&'t str> {
    (frame.kind_id() == FUNCTION_DEFINITION).then(|| frame.child_by_field_id(FIELD_NAME)).flatten().map(|name| ctx.text(name))
}

/// `frame` when it is a function defined directly in the class body
/// (astroid's `method.parent is node`).
fn method_of_class<'t>(frame: Node<'t>, class: Node<'t>) -> Option<Node<'t>> {
    if frame.kind_id() != FUNCTION_DEFINITION {
        return None;
    }
    let mut parent = frame.parent()?;
    if parent.kind_id() == DECORATED_DEFINITION {
        parent = parent.parent()?;
    }
    (parent.kind_id() == BLOCK && parent.parent() == Some(class)).then_some(frame)
}

/// astroid's `are_exclusive(stmt, defstmt, exceptions)` with exceptions
/// given: `if` branches do not count; at their first common ancestor, a
/// `try`'s body and a handler catching one of them, its `else` and any
/// handler, or two different handlers.
fn are_exclusive(ctx: &Context, statement: Node, defstmt: Node) -> bool {
    let statement_ancestors: Vec<Node> = astroid::ancestors(statement).collect();
    for node in astroid::ancestors(defstmt) {
        if !statement_ancestors.contains(&node) {
            continue;
        }
        if !astroid::is_try(node) {
            return false;
        }
        let (Some((part2, node2)), Some((part1, node1))) =
            (astroid::try_part_of(node, defstmt), astroid::try_part_of(node, statement))
        else {
            return false;
        };
        use astroid::TryPart::{Body, Handlers, OrElse};
        if part1 != part2 {
            return (part2 == Handlers && part1 == Body && catches(ctx, node2))
                || (part2 == Body && part1 == Handlers && catches(ctx, node1))
                || (part2 == Handlers && part1 == OrElse)
                || (part2 == OrElse && part1 == Handlers);
        }
        return part1 == Handlers && node1 != node2;
    }
    false
}

/// astroid's `ExceptHandler.catch(CAUGHT)`: a bare `except`, or a handler
/// whose type mentions one of the names.
fn catches(ctx: &Context, handler: Node) -> bool {
    let Some(caught) = astroid::except_type(handler) else { return true };
    let mut found = false;
    syntax::walk(caught, |node| {
        if node.kind_id() == IDENTIFIER
            && CAUGHT.contains(&ctx.text(node))
            && node.parent().is_none_or(|parent| {
                parent.kind_id() != ATTRIBUTE || parent.child_by_field_id(FIELD_ATTRIBUTE) != Some(node)
            })
        {
            found = true;
        }
        !found
    });
    found
}
