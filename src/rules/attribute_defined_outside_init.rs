use super::prelude::*;
use super::too_many_ancestors::{compiled_class, ClassKey, ClassRef, Hierarchy};
use crate::semantic::builtin_classes::builtin_class;
use crate::semantic::classes::{ClassFacts, Definition, Slots, DEFINING_ATTRIBUTE_METHODS as DEFINING_METHODS};
use std::collections::{HashMap, HashSet};

declare_rule! {
    /// ## What it does
    /// Checks for `self.name = ...` in a method other than `__init__`,
    /// `__new__`, `setUp`, `asyncSetUp` or `__post_init__` (pylint's
    /// `defining-attr-methods`) when no such method of the class or of its
    /// bases defines the attribute.
    ///
    /// Not reported: class attributes (of the class or a base), property
    /// setters, methods that a defining method calls, mixin classes (named
    /// `...Mixin`), classes with `__slots__`, and classes whose bases this
    /// module alone cannot resolve.
    ///
    /// ## Why is this bad?
    /// An attribute that only appears after some method ran makes the
    /// object's shape depend on call order: reading it earlier raises
    /// `AttributeError`, and readers cannot see all attributes in one place.
    ///
    /// ## Example
    /// ```python
    /// class Connection:
    ///     def __init__(self, host):
    ///         self.host = host
    ///
    ///     def open(self):
    ///         self.socket = connect(self.host)
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// class Connection:
    ///     def __init__(self, host):
    ///         self.host = host
    ///         self.socket = None
    ///
    ///     def open(self):
    ///         self.socket = connect(self.host)
    /// ```
    code: "W0201",
    symbol: "attribute-defined-outside-init",
    category: Warning,
    checker: "classes",
    trigger: Trigger::Node(&[CLASS_DEFINITION], check),
}


/// One place where a method stores an attribute on its instance.
struct Store<'t> {
    attribute: &'t str,
    /// The `self.x` target, or the `setattr(self, "x", ...)` call.
    node: Node<'t>,
    /// The innermost function or lambda around the store.
    frame: Node<'t>,
    /// `self.x += ...`: astroid records it, pylint does not count it.
    augmented: bool,
}

fn check(ctx: &mut Context, class: Node) {
    let Some(name) = class.child_by_field_id(FIELD_NAME).map(|name| ctx.text(name)) else { return };
    // pylint's default `mixin-class-rgx` is `.*[Mm]ixin`, matched at the start.
    if name.contains("Mixin") || name.contains("mixin") {
        return;
    }
    let Some(lineage) = super::too_few_public_methods::lineage(ctx, class) else {
        check_with_imported_ancestors(ctx, class);
        return;
    };
    if lineage.has_builtin_base {
        check_with_imported_ancestors(ctx, class);
        return;
    }
    let Some(slots) = lineage_slots(ctx, &lineage.classes) else { return };
    let ancestors: Vec<Node> = lineage.classes.iter().copied().filter(|member| member.id() != class.id()).collect();
    let mut stores = instance_stores(ctx, class, true);
    stores.extend(foreign_instance_stores(ctx, class));
    let mut attributes: Vec<&str> = Vec::new();
    for store in &stores {
        if !attributes.contains(&store.attribute) {
            attributes.push(store.attribute);
        }
    }
    let class_attributes: HashSet<&str> = lineage.classes.iter().flat_map(|member| class_locals(ctx, *member)).collect();
    let ancestor_stores: Vec<(Node, Vec<Store>)> =
        ancestors.iter().map(|ancestor| (*ancestor, instance_stores(ctx, *ancestor, true))).collect();
    let mut reports = Vec::new();
    for attribute in attributes {
        if attribute == "__dict__" || class_attributes.contains(attribute) {
            continue;
        }
        // astroid files no instance attribute that the slots leave out.
        if slots.as_ref().is_some_and(|slots| !slots.contains(attribute)) {
            continue;
        }
        let counted: Vec<&Store> =
            stores.iter().filter(|store| store.attribute == attribute && !store.augmented).collect();
        if counted.is_empty() || counted.iter().any(|store| is_defining_frame(ctx, store.frame)) {
            continue;
        }
        let defined_by_ancestor = ancestor_stores.iter().any(|(ancestor, stores)| {
            stores.iter().filter(|store| store.attribute == attribute).any(|store| {
                frame_name(ctx, store.frame).is_some_and(|name| DEFINING_METHODS.contains(&name))
                    || called_in_defining_methods(ctx, store.frame, *ancestor)
            })
        });
        if defined_by_ancestor || counted.iter().any(|store| called_in_defining_methods(ctx, store.frame, class)) {
            continue;
        }
        reports.extend(counted.iter().map(|store| store.node));
    }
    for node in reports {
        let attribute = stores.iter().find(|store| store.node.id() == node.id()).map_or("", |store| store.attribute);
        ctx.report(node, format!("Attribute '{attribute}' defined outside __init__"));
    }
}

/// The check for a class with ancestors in other modules, whose facts come
/// from their modules' summaries.
fn check_with_imported_ancestors(ctx: &mut Context, class: Node) {
    let shared: &Context = ctx;
    let mut ancestry = Ancestry::new(shared).with_compiled_classes();
    let local = ClassRef::Local(class);
    let Some(ancestors) = ancestry.ancestors(&local) else { return };
    // astroid's `slots()` is `None` (no restriction on stores) as soon as
    // one class of the MRO has no `__slots__`: this class, when it defines
    // none, whatever its ancestors define. One that does is not followed.
    if defines_slots(shared, class) {
        return;
    }
    for ancestor in &ancestors {
        let unknown = match ancestor {
            // Metaclasses store through `cls` names astroid infers; not followed here.
            ClassRef::Builtin(name) => *name == "type" || builtin_class(name).is_none(),
            ClassRef::Compiled(compiled) => compiled_class(compiled).is_none(),
            _ => ancestry.facts(ancestor).is_none(),
        };
        if unknown {
            return;
        }
    }
    let mut stores = instance_stores(shared, class, true);
    stores.extend(foreign_instance_stores(shared, class));
    let own_locals = class_locals(shared, class);
    let mut reports = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    for store in &stores {
        let attribute = store.attribute;
        if seen.contains(&attribute) {
            continue;
        }
        seen.push(attribute);
        if attribute == "__dict__" || own_locals.contains(&attribute) {
            continue;
        }
        let counted: Vec<&Store> = stores.iter().filter(|store| store.attribute == attribute && !store.augmented).collect();
        if counted.is_empty() || counted.iter().any(|store| is_defining_frame(shared, store.frame)) {
            continue;
        }
        // `local_attr`: a class attribute of the class or an ancestor.
        if ancestors.iter().any(|ancestor| ancestry.binds(ancestor, attribute) != Some(false)) {
            continue;
        }
        let defined_by_ancestor = ancestors.iter().any(|ancestor| match ancestor {
            ClassRef::Local(node) => instance_stores(shared, *node, true).iter().filter(|store| store.attribute == attribute).any(|store| {
                frame_name(shared, store.frame).is_some_and(|name| DEFINING_METHODS.contains(&name))
                    || called_in_defining_methods(shared, store.frame, *node)
            }),
            // A store outside the defining methods may be called from them:
            // not known across modules, taken as defined.
            _ => ancestry.instance_attributes(ancestor, attribute).next().is_some(),
        });
        if defined_by_ancestor {
            continue;
        }
        let called = counted.iter().any(|store| {
            frame_name(shared, store.frame).is_none_or(|name| called_by_defining_methods(&ancestry, class, &ancestors, name))
        });
        if !called {
            reports.extend(counted.iter().map(|store| (store.node, store.attribute)));
        }
    }
    for (node, attribute) in reports {
        ctx.report(node, format!("Attribute '{attribute}' defined outside __init__"));
    }
}

/// pylint's `_called_in_methods(frame, class)` over an MRO that reaches
/// other modules: a defining method of the class or of any ancestor
/// (astroid's `getattr` gathers them all) calls `name`.
fn called_by_defining_methods(ancestry: &Ancestry, class: Node, ancestors: &[ClassRef], name: &str) -> bool {
    let ctx = ancestry.context();
    let calls_in = |owner: Node| {
        DEFINING_METHODS.iter().any(|method| {
            super::super_init_not_called::own_methods(ctx, owner, method)
                .into_iter()
                .any(|definition| calls_method(ctx, definition, owner, name))
        })
    };
    calls_in(class)
        || ancestors.iter().any(|ancestor| match ancestor {
            ClassRef::Local(node) => calls_in(*node),
            ClassRef::Remote(_) => ancestry
                .facts(ancestor)
                .is_none_or(|facts| facts.defining_calls.binary_search_by(|called| called.as_str().cmp(name)).is_ok()),
            // `object`'s methods call nothing, and astroid sees no calls in
            // a compiled class's.
            ClassRef::Builtin(_) | ClassRef::Compiled(_) => false,
        })
}

/// A frame where pylint accepts attribute definitions: a defining method
/// (any function of that name), a `@x.setter`, or the `fset` of a
/// `property(...)` call in the class body.
fn is_defining_frame(ctx: &Context, frame: Node) -> bool {
    let Some(name) = frame_name(ctx, frame) else { return false };
    if DEFINING_METHODS.contains(&name) {
        return true;
    }
    let decorators = super::unused_argument::decorators(frame);
    if decorators.iter().any(|decorator| decorator.kind_id() == ATTRIBUTE && ctx.text(*decorator).ends_with(".setter")) {
        return true;
    }
    is_classic_property_setter(ctx, frame, name)
}

fn frame_name<'t>(ctx: &Context<'_, 't>, frame: Node<'t>) -> Option<&'t str> {
    if frame.kind_id() != FUNCTION_DEFINITION {
        return None;
    }
    frame.child_by_field_id(FIELD_NAME).map(|name| ctx.text(name))
}

/// `name = property(getter, setter)` (or `fset=setter`) in the class body
/// that directly holds the method.
fn is_classic_property_setter(ctx: &Context, function: Node, name: &str) -> bool {
    let Some(block) = enclosing_definition(function).and_then(|definition| definition.parent()) else {
        return false;
    };
    if block.kind_id() != BLOCK || block.parent().is_none_or(|owner| owner.kind_id() != CLASS_DEFINITION) {
        return false;
    }
    code_children(block).any(|statement| {
        let Some(assignment) = code_children(statement).next().filter(|_| statement.kind_id() == EXPRESSION_STATEMENT) else {
            return false;
        };
        let Some(call) = assignment.child_by_field_id(FIELD_RIGHT).filter(|_| assignment.kind_id() == ASSIGNMENT) else {
            return false;
        };
        if call.kind_id() != CALL
            || call.child_by_field_id(FIELD_FUNCTION).is_none_or(|function| ctx.text(function) != "property")
        {
            return false;
        }
        let Some(arguments) = call.child_by_field_id(FIELD_ARGUMENTS) else { return false };
        let mut setter = None;
        let mut positional = 0;
        for argument in code_children(arguments) {
            if argument.kind_id() == KEYWORD_ARGUMENT {
                if argument.child_by_field_id(FIELD_NAME).is_some_and(|keyword| ctx.text(keyword) == "fset") {
                    setter = argument.child_by_field_id(FIELD_VALUE);
                }
                continue;
            }
            positional += 1;
            if positional == 2 && setter.is_none() {
                setter = Some(argument);
            }
        }
        setter.is_some_and(|setter| setter.kind_id() == IDENTIFIER && ctx.text(setter) == name)
    })
}

/// The statement that holds a function: its decorated definition if any.
fn enclosing_definition<'t>(function: Node<'t>) -> Option<Node<'t>> {
    let parent = function.parent()?;
    Some(if parent.kind_id() == DECORATED_DEFINITION { parent } else { function })
}

/// pylint's `_called_in_methods`: a defining method of `class` or of its
/// ancestors calls a method named like `frame`. A call on the defining
/// method's own instance is bound when that method's class (or an ancestor)
/// defines the name; any other receiver is taken to be bound, which only
/// ever silences the message.
fn called_in_defining_methods(ctx: &Context, frame: Node, class: Node) -> bool {
    let Some(name) = frame_name(ctx, frame) else { return false };
    let Some(lineage) = super::too_few_public_methods::lineage(ctx, class) else { return true };
    lineage.classes.iter().any(|member| {
        DEFINING_METHODS.iter().any(|method| {
            super::super_init_not_called::own_methods(ctx, *member, method)
                .into_iter()
                .any(|definition| calls_method(ctx, definition, *member, name))
        })
    })
}

/// Whether `expression` is a name bound only by class statements.
fn names_a_class(ctx: &Context, expression: Node) -> bool {
    if expression.kind_id() != IDENTIFIER {
        return false;
    }
    let name = ctx.text(expression);
    let scope = ctx.semantic.enclosing_scope(expression);
    let Some(defined_in) = ctx.semantic.resolve(scope, name) else { return false };
    let mut bindings = ctx.semantic.bindings_of(defined_in, name).peekable();
    bindings.peek().is_some() && bindings.all(|binding| binding.kind == BindingKind::ClassDef)
}

/// Whether `definition`, a method of `owner`, calls `<receiver>.name(...)`
/// that astroid would infer as a bound method.
fn calls_method(ctx: &Context, definition: Node, owner: Node, name: &str) -> bool {
    let instance = super::too_many_instance_attributes::instance_parameter(ctx, definition);
    let mut called = false;
    syntax::walk(definition, |node| {
        if called {
            return false;
        }
        if node.kind_id() != CALL {
            return true;
        }
        let Some(function) = node.child_by_field_id(FIELD_FUNCTION).filter(|function| function.kind_id() == ATTRIBUTE)
        else {
            return true;
        };
        if function.child_by_field_id(FIELD_ATTRIBUTE).is_none_or(|attribute| ctx.text(attribute) != name) {
            return true;
        }
        let object = function.child_by_field_id(FIELD_OBJECT);
        let on_instance = object.is_some_and(|object| object.kind_id() == IDENTIFIER && Some(ctx.text(object)) == instance);
        // `Class.method(self)` infers to the plain function, not a bound method.
        let on_class = object.is_some_and(|object| names_a_class(ctx, object));
        called = !on_class && (!on_instance || defines_method(ctx, owner, name));
        true
    });
    called
}

/// Whether `class` or one of its ancestors defines the function `name`;
/// true when some ancestor is unknown.
fn defines_method(ctx: &Context, class: Node, name: &str) -> bool {
    let Some(lineage) = super::too_few_public_methods::lineage(ctx, class) else { return true };
    lineage.has_builtin_base
        || lineage.classes.iter().any(|member| {
            ctx.semantic.scope_of(*member).is_some_and(|scope| {
                ctx.semantic.bindings_of(scope, name).next().is_some_and(|first| first.kind == BindingKind::FunctionDef)
            })
        })
}

/// astroid's class locals: the names the class body binds, plus
/// `cls.name = ...` in its class methods.
fn class_locals<'t>(ctx: &Context<'_, 't>, class: Node<'t>) -> Vec<&'t str> {
    let mut names: Vec<&'t str> = ctx
        .semantic
        .scope_of(class)
        .map(|scope| ctx.semantic.scope(scope).bindings.keys().copied().collect())
        .unwrap_or_default();
    for method in methods(class) {
        if super::unused_argument::method_kind(ctx, method) != super::unused_argument::MethodKind::Class {
            continue;
        }
        let Some(cls) = super::too_many_instance_attributes::first_parameter(ctx, method) else { continue };
        if let Some(body) = method.child_by_field_id(FIELD_BODY) {
            syntax::walk(body, |node| {
                if let Some(attribute) = stored_attribute_of(ctx, node, cls) {
                    names.push(attribute);
                }
                !matches!(node.kind_id(), FUNCTION_DEFINITION | LAMBDA | CLASS_DEFINITION)
            });
        }
    }
    names
}

/// astroid's `ClassDef.slots()` over a lineage of this module's classes:
/// `Some(Some(names))` when every class defines `__slots__` and they name
/// something (astroid then keeps only those instance attributes),
/// `Some(None)` when there is no such restriction, `None` when some class
/// binds `__slots__` in a way not modelled.
fn lineage_slots(ctx: &Context, classes: &[Node]) -> Option<Option<HashSet<String>>> {
    let mut union = HashSet::new();
    let mut every_class = true;
    for class in classes {
        match ctx.classes().classes.get(&class.id()).map(|facts| &facts.slots) {
            Some(Slots::Names(names)) => union.extend(names.iter().cloned()),
            Some(Slots::Absent) => every_class = false,
            _ => return None,
        }
    }
    Some((every_class && !union.is_empty()).then_some(union))
}

/// Whether the class body assigns `__slots__` (astroid then drops the
/// attributes the slots do not name; not followed here).
fn defines_slots(ctx: &Context, class: Node) -> bool {
    ctx.semantic
        .scope_of(class)
        .is_some_and(|scope| ctx.semantic.scope(scope).bindings.contains_key("__slots__"))
}

/// The functions defined directly in a class body (under `if`/`try` too).
fn methods(class: Node) -> Vec<Node> {
    let mut found = Vec::new();
    let Some(body) = class.child_by_field_id(FIELD_BODY) else { return found };
    syntax::walk(body, |node| match node.kind_id() {
        FUNCTION_DEFINITION => {
            found.push(node);
            false
        }
        CLASS_DEFINITION | LAMBDA | EXPRESSION_STATEMENT => false,
        _ => true,
    });
    found
}

/// Every `self.x = ...` (and `setattr(self, "x", ...)` when `with_setattr`)
/// in the instance methods of `class`, nested functions and lambdas
/// included unless they rebind the instance name.
/// Whether a method of `class` stores the attribute `name` on its instance.
pub(crate) fn stores_attribute(ctx: &Context, class: Node, name: &str) -> bool {
    // Asked once per `self.method()` call: the answer is kept per class.
    type StoredNames = std::cell::RefCell<crate::syntax::NodeMap<Vec<String>>>;
    let memo = ctx.shared::<StoredNames>("instance_stored_names", |_| Default::default());
    if let Some(names) = memo.borrow().get(&class.id()) {
        return names.iter().any(|stored| stored == name);
    }
    let names: Vec<String> = instance_stores(ctx, class, true).into_iter().map(|store| store.attribute.to_string()).collect();
    let found = names.iter().any(|stored| stored == name);
    memo.borrow_mut().insert(class.id(), names);
    found
}

fn instance_stores<'t>(ctx: &Context<'_, 't>, class: Node<'t>, with_setattr: bool) -> Vec<Store<'t>> {
    let mut stores = Vec::new();
    for method in methods(class) {
        let instance = match super::too_many_instance_attributes::instance_parameter(ctx, method) {
            Some(parameter) => {
                // astroid infers a reassigned instance name to the new value.
                let reassigned = ctx
                    .semantic
                    .scope_of(method)
                    .is_some_and(|scope| ctx.semantic.bindings_of(scope, parameter).count() > 1);
                if reassigned {
                    continue;
                }
                parameter
            }
            None => match super::too_many_instance_attributes::instance_made_in_new(ctx, class, method) {
                Some(instance) => instance,
                None => continue,
            },
        };
        let Some(body) = method.child_by_field_id(FIELD_BODY) else { continue };
        syntax::walk(body, |node| match node.kind_id() {
            FUNCTION_DEFINITION | LAMBDA => !rebinds(ctx, node, instance),
            CLASS_DEFINITION => false,
            ATTRIBUTE => {
                if let Some(attribute) = stored_attribute_of(ctx, node, instance) {
                    let frame = frame_of(node, method);
                    let augmented = node.parent().is_some_and(|parent| parent.kind_id() == AUGMENTED_ASSIGNMENT);
                    stores.push(Store { attribute, node, frame, augmented });
                }
                true
            }
            CALL if with_setattr => {
                if let Some(attribute) = setattr_attribute(ctx, node, instance) {
                    let frame = frame_of(node, method);
                    if frame.id() == method.id() {
                        stores.push(Store { attribute, node, frame, augmented: false });
                    }
                }
                true
            }
            _ => true,
        });
    }
    stores
}

/// `name.attribute = value` where `name` is bound once, by `name = Class(...)`
/// with `Class` this class (as a name bound once, to it): astroid infers
/// `name` to an instance and files the store in the class's instance
/// attributes, wherever the store is (`e = Event(); e.serial = ...`).
fn foreign_instance_stores<'t>(ctx: &Context<'_, 't>, class: Node<'t>) -> Vec<Store<'t>> {
    let semantic = ctx.semantic;
    let mut stores = Vec::new();
    for binding in semantic.bindings.iter().filter(|binding| binding.kind == BindingKind::Assignment && !binding.unpacked) {
        let Some(assignment) = binding.identifier.parent().filter(|parent| parent.kind_id() == ASSIGNMENT) else { continue };
        if assignment.child_by_field_id(FIELD_LEFT) != Some(binding.identifier) {
            continue;
        }
        let Some(callee) = assignment
            .child_by_field_id(FIELD_RIGHT)
            .filter(|value| value.kind_id() == CALL)
            .and_then(|call| call.child_by_field_id(FIELD_FUNCTION))
            .filter(|callee| callee.kind_id() == IDENTIFIER)
        else {
            continue;
        };
        if !names_class(ctx, callee, class) || semantic.bindings_of(binding.scope, binding.name).count() != 1 {
            continue;
        }
        for reference in semantic.references.iter().filter(|r| r.name == binding.name && r.resolved == Some(binding.scope)) {
            let Some(attribute) = reference.identifier.parent().filter(|parent| parent.kind_id() == ATTRIBUTE) else { continue };
            let Some(stored) = stored_attribute_of(ctx, attribute, binding.name) else { continue };
            let frame = crate::semantic::astroid::frame_of(attribute);
            let augmented = attribute.parent().is_some_and(|parent| parent.kind_id() == AUGMENTED_ASSIGNMENT);
            stores.push(Store { attribute: stored, node: attribute, frame, augmented });
        }
    }
    stores
}

/// Whether the name `callee` refers to the class statement `class` (its only
/// binding), directly or as a parameter whose default names it: astroid
/// infers a parameter to its default (`Link=_Link` in `OrderedDict`).
fn names_class(ctx: &Context, callee: Node, class: Node) -> bool {
    let name = ctx.text(callee);
    let scope = ctx.semantic.enclosing_scope(callee);
    let Some(resolved) = ctx.semantic.resolve(scope, name) else { return false };
    let mut bindings = ctx.semantic.bindings_of(resolved, name);
    let (Some(binding), None) = (bindings.next(), bindings.next()) else { return false };
    match binding.kind {
        BindingKind::ClassDef => binding.identifier.parent().is_some_and(|node| node.id() == class.id()),
        BindingKind::Parameter => binding
            .identifier
            .parent()
            .filter(|parameter| matches!(parameter.kind_id(), DEFAULT_PARAMETER | TYPED_DEFAULT_PARAMETER))
            .and_then(|parameter| parameter.child_by_field_id(FIELD_VALUE))
            .filter(|default| default.kind_id() == IDENTIFIER)
            .is_some_and(|default| names_class(ctx, default, class)),
        _ => false,
    }
}

/// `setattr(instance, "name", value)` with the builtin `setattr`.
fn setattr_attribute<'t>(ctx: &Context<'_, 't>, call: Node<'t>, instance: &str) -> Option<&'t str> {
    let function = call.child_by_field_id(FIELD_FUNCTION)?;
    if function.kind_id() != IDENTIFIER || ctx.text(function) != "setattr" {
        return None;
    }
    if !ctx.semantic.is_builtin(ctx.semantic.enclosing_scope(function), "setattr") {
        return None;
    }
    let arguments: Vec<Node> = code_children(call.child_by_field_id(FIELD_ARGUMENTS)?)
        .filter(|argument| !matches!(argument.kind_id(), KEYWORD_ARGUMENT | DICTIONARY_SPLAT))
        .collect();
    if arguments.len() < 3 || arguments[0].kind_id() != IDENTIFIER || ctx.text(arguments[0]) != instance {
        return None;
    }
    let name = arguments[1];
    if name.kind_id() != STRING || code_children(name).any(|part| part.kind_id() == INTERPOLATION) {
        return None;
    }
    let content: Vec<Node> = code_children(name).filter(|part| part.kind_id() == STRING_CONTENT).collect();
    let prefix = syntax::string_prefix(ctx.source, name);
    if content.len() != 1 || prefix.chars().any(|c| matches!(c, 'b' | 'B')) || ctx.text(content[0]).contains('\\') {
        return None;
    }
    Some(ctx.text(content[0]))
}

/// `instance.name` as a store target: the name.
fn stored_attribute_of<'t>(ctx: &Context<'_, 't>, node: Node<'t>, instance: &str) -> Option<&'t str> {
    if node.kind_id() != ATTRIBUTE {
        return None;
    }
    let object = node.child_by_field_id(FIELD_OBJECT)?;
    if object.kind_id() != IDENTIFIER || ctx.text(object) != instance || !is_store_target(node) {
        return None;
    }
    node.child_by_field_id(FIELD_ATTRIBUTE).map(|attribute| ctx.text(attribute))
}

/// The innermost function or lambda around `node`, up to `method`.
fn frame_of<'t>(node: Node<'t>, method: Node<'t>) -> Node<'t> {
    let mut current = node.parent();
    while let Some(ancestor) = current {
        if ancestor.id() == method.id() {
            return method;
        }
        if matches!(ancestor.kind_id(), FUNCTION_DEFINITION | LAMBDA) {
            return ancestor;
        }
        current = ancestor.parent();
    }
    method
}

/// Whether a nested function or lambda binds `name` itself, as a parameter
/// or a local.
fn rebinds(ctx: &Context, function: Node, name: &str) -> bool {
    ctx.semantic.scope_of(function).is_none_or(|scope| ctx.semantic.bindings_of(scope, name).next().is_some())
}

/// Whether the node is (part of) what an assignment, `for` or `with ... as`
/// stores to (not an `except ... as` target, which astroid leaves out).
fn is_store_target(node: Node) -> bool {
    let mut child = node;
    let mut current = node.parent();
    while let Some(parent) = current {
        match parent.kind_id() {
            PATTERN_LIST | TUPLE_PATTERN | LIST_PATTERN | TUPLE | LIST | PARENTHESIZED_EXPRESSION | LIST_SPLAT_PATTERN
            | LIST_SPLAT => {}
            ASSIGNMENT | AUGMENTED_ASSIGNMENT | FOR_STATEMENT | FOR_IN_CLAUSE => {
                return parent.child_by_field_id(FIELD_LEFT).is_some_and(|left| left.id() == child.id());
            }
            AS_PATTERN_TARGET => {
                return parent.parent()
                    .and_then(|pattern| pattern.parent())
                    .is_some_and(|owner| owner.kind_id() == WITH_ITEM);
            }
            _ => return false,
        }
        child = parent;
        current = parent.parent();
    }
    false
}

/// A class's ancestors as astroid lists them, with what astroid knows of
/// each one's attributes (its `locals` and `instance_attrs`): classes of
/// this module, of imported modules, and builtin classes. Shared by the
/// classes checker's attribute messages (W0201, E0202, E0203).
pub(crate) struct Ancestry<'c, 'a, 't> {
    ctx: &'c Context<'a, 't>,
    hierarchy: Hierarchy<'c, 'a, 't>,
    ancestors: HashMap<ClassKey, Option<Vec<ClassRef<'t>>>>,
}

impl<'c, 'a, 't> Ancestry<'c, 'a, 't> {
    pub(crate) fn new(ctx: &'c Context<'a, 't>) -> Self {
        Ancestry { ctx, hierarchy: Hierarchy::new(ctx), ancestors: HashMap::new() }
    }

    /// Follows bases into compiled modules' classes too.
    pub(crate) fn with_compiled_classes(mut self) -> Self {
        self.hierarchy = self.hierarchy.with_compiled_classes();
        self
    }

    /// astroid's `ClassDef.ancestors()`: the bases depth first, each class
    /// once. `None` when some base cannot be resolved (what astroid would
    /// find there is not known).
    pub(crate) fn ancestors(&mut self, class: &ClassRef<'t>) -> Option<Vec<ClassRef<'t>>> {
        self.ancestors_depth(class, 0)
    }

    fn ancestors_depth(&mut self, class: &ClassRef<'t>, depth: usize) -> Option<Vec<ClassRef<'t>>> {
        let key = class.key();
        if let Some(known) = self.ancestors.get(&key) {
            return known.clone();
        }
        if depth > 32 {
            return None;
        }
        // Provisionally unknown, which also ends inheritance cycles.
        self.ancestors.insert(key.clone(), None);
        let mut found: Vec<ClassRef<'t>> = Vec::new();
        let mut seen: HashSet<ClassKey> = HashSet::from([key.clone()]);
        let Some(bases) = self.hierarchy.direct_bases(class) else { return None };
        let mut complete = true;
        for base in bases {
            if !seen.insert(base.key()) {
                continue;
            }
            found.push(base.clone());
            let Some(above) = self.ancestors_depth(&base, depth + 1) else {
                complete = false;
                break;
            };
            for grandparent in above {
                let grandparent_key = grandparent.key();
                if grandparent_key == key {
                    break;
                }
                if seen.insert(grandparent_key) {
                    found.push(grandparent);
                }
            }
        }
        let result = complete.then_some(found);
        self.ancestors.insert(key, result.clone());
        result
    }

    pub(crate) fn context(&self) -> &'c Context<'a, 't> {
        self.ctx
    }

    /// The facts of a class of this module or of an imported one.
    pub(crate) fn facts<'m>(&'m self, class: &'m ClassRef<'t>) -> Option<&'m ClassFacts> {
        match class {
            ClassRef::Local(node) => self.ctx.classes().classes.get(&node.id()),
            ClassRef::Remote(remote) => remote.summary().map(|summary| &summary.facts),
            ClassRef::Builtin(_) | ClassRef::Compiled(_) => None,
        }
    }

    /// Whether the class's own `locals` hold `name`. `None` when not known.
    pub(crate) fn binds(&self, class: &ClassRef<'t>, name: &str) -> Option<bool> {
        match class {
            ClassRef::Builtin(builtin) => builtin_class(builtin).map(|builtin| builtin.has(name)),
            ClassRef::Compiled(compiled) => compiled_class(compiled).map(|class| class.binds(name) || object_binds(name)),
            _ => self.facts(class).map(|facts| facts.binds(name)),
        }
    }

    /// Whether the class's own `locals` hold a function named `name`
    /// (a builtin class's members are taken for functions).
    pub(crate) fn binds_function(&self, class: &ClassRef<'t>, name: &str) -> Option<bool> {
        match class {
            ClassRef::Builtin(builtin) => builtin_class(builtin).map(|builtin| builtin.has(name)),
            ClassRef::Compiled(compiled) => compiled_class(compiled).map(|class| class.has_method(name) || object_binds(name)),
            _ => self.facts(class).map(|facts| facts.locals.iter().any(|local| local.name == name && local.function)),
        }
    }

    /// The class's own `instance_attrs` entries for `name` (none for a builtin class).
    pub(crate) fn instance_attributes<'m>(&'m self, class: &'m ClassRef<'t>, name: &'m str) -> impl Iterator<Item = &'m Definition> + 'm {
        self.facts(class)
            .into_iter()
            .flat_map(move |facts| facts.instance_attributes.iter().filter(move |definition| definition.name == name))
    }

    /// Whether some module involved stores `name` through an object whose
    /// class is not known (it could be an instance of one of `classes`).
    pub(crate) fn stored_elsewhere(&self, classes: &[ClassRef<'t>], name: &str) -> bool {
        let stored = |names: &[String]| names.binary_search_by(|stored| stored.as_str().cmp(name)).is_ok();
        stored(&self.ctx.classes().foreign_attribute_stores)
            || classes.iter().any(|class| match class {
                ClassRef::Remote(remote) => stored(&remote.module.summary.foreign_attribute_stores),
                _ => false,
            })
    }

    /// The dotted name of the module a class is defined in (`None` for the
    /// checked module when its path is not known).
    pub(crate) fn module_name(&self, class: &ClassRef<'t>) -> Option<String> {
        match class {
            ClassRef::Local(_) => self.ctx.imports.map(|(path, _)| super::too_many_ancestors::module_name(path)),
            ClassRef::Remote(remote) | ClassRef::Compiled(remote) => Some(super::too_many_ancestors::module_name(&remote.module.path)),
            ClassRef::Builtin(_) => Some("builtins".to_string()),
        }
    }
}

/// Whether `object` has `name`: a compiled class's `locals` hold it too
/// (`CompiledClass` leaves those names out of its lists).
fn object_binds(name: &str) -> bool {
    builtin_class("object").is_some_and(|object| object.has(name))
}
