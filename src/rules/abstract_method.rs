use super::prelude::*;
use super::too_many_ancestors::{ClassKey, ClassRef, Hierarchy};
use super::too_many_branches::report_on_def;
use crate::semantic::summary::{first_statement_raises_not_implemented, import_bindings, ClassMember, ImportTarget};
use std::collections::{BTreeMap, HashMap};

declare_rule! {
    /// ## What it does
    /// Checks for concrete classes that leave an abstract method of an
    /// ancestor without an override. A method is abstract when it is
    /// decorated with `abc.abstractmethod` (or `abc.abstractproperty`), or
    /// when its first statement raises `NotImplementedError`. The method
    /// resolution order decides which definition of a name wins, and any
    /// binding of the name in the class itself counts as an override.
    ///
    /// Classes that are abstract themselves are not checked: those that
    /// define an abstract method, declare a metaclass, derive directly from
    /// `abc.ABC`, or are protocols (`typing.Protocol` among their bases).
    ///
    /// ## Why is this bad?
    /// Calling the inherited method raises at run time (or, with `ABCMeta`,
    /// the class cannot even be instantiated): the subclass does not fulfil
    /// the interface its base promises.
    ///
    /// ## Example
    /// ```python
    /// class Shape:
    ///     def area(self):
    ///         raise NotImplementedError
    ///
    /// class Square(Shape):
    ///     def __init__(self, side):
    ///         self.side = side
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// class Square(Shape):
    ///     def __init__(self, side):
    ///         self.side = side
    ///
    ///     def area(self):
    ///         return self.side**2
    /// ```
    ///
    /// Deliberately not inferred: a class attribute assigned in an ancestor
    /// (`area = _helper`) is taken as a concrete override, never as an
    /// alias of an abstract function; classes with an ancestor that cannot
    /// be resolved statically, or with a builtin ancestor other than
    /// `object`, are not checked.
    code: "W0223",
    symbol: "abstract-method",
    category: Warning,
    checker: "classes",
    trigger: Trigger::Node(&[CLASS_DEFINITION], check),
}

/// Ancestor chains deeper than this are not followed (cycles through
/// rebinding, or pathological hierarchies).
const MAX_DEPTH: usize = 32;

fn check(ctx: &mut Context, class: Node) {
    let unimplemented = {
        let mut hierarchy = Hierarchy::new(ctx);
        let Some(unimplemented) = unimplemented_abstract_methods(ctx, &mut hierarchy, class) else { return };
        unimplemented
    };
    let Some(scope) = ctx.semantic.scope_of(class) else { return };
    let class_name = class.child_by_field_id(FIELD_NAME).map_or("", |name| ctx.text(name));
    for (name, owner) in unimplemented {
        // Bound in the class in any way (attribute, descriptor): overridden.
        if ctx.semantic.scope(scope).bindings.contains_key(name.as_str()) {
            continue;
        }
        let message = format!(
            "Method '{name}' is abstract in class '{owner}' but is not overridden in child class '{class_name}'"
        );
        report_on_def(ctx, class, message);
    }
}

/// pylint's `unimplemented_abstract_methods` for a concrete class: the
/// abstract methods (name → name of the class defining it) that the MRO,
/// walked from `object` down, leaves abstract. `None` when the class is
/// abstract itself or its MRO is not fully known.
fn unimplemented_abstract_methods<'t>(
    ctx: &Context<'_, 't>,
    hierarchy: &mut Hierarchy<'_, '_, 't>,
    class: Node<'t>,
) -> Option<BTreeMap<String, String>> {
    if is_abstract_class(ctx, hierarchy, class)? {
        return None;
    }
    let mut mros = HashMap::new();
    let mro = linearization(hierarchy, ClassRef::Local(class), &mut mros, 0)?;
    // A builtin's methods are not modelled: one in the MRO could hide or
    // override abstract methods.
    if mro.iter().any(|ancestor| matches!(ancestor, ClassRef::Builtin(name) if *name != "object")) {
        return None;
    }
    let mut abstract_methods = BTreeMap::new();
    for ancestor in mro.iter().rev() {
        match ancestor {
            ClassRef::Builtin(_) => {}
            ClassRef::Compiled(_) => return None,
            ClassRef::Local(node) => {
                let owner = node.child_by_field_id(FIELD_NAME).map_or("", |name| ctx.text(name));
                let scope = ctx.semantic.scope_of(*node)?;
                for (name, ids) in &ctx.semantic.scope(scope).bindings {
                    let Some(first) = ids.first().map(|id| ctx.semantic.binding(*id)) else { continue };
                    match first.kind {
                        BindingKind::FunctionDef => {
                            let Some(function) = first.identifier.parent() else { continue };
                            if is_abstract_function(ctx, function) {
                                abstract_methods.insert(name.to_string(), owner.to_string());
                            } else {
                                abstract_methods.remove(*name);
                            }
                        }
                        // astroid leaves a nested class or an import in the
                        // class body alone.
                        BindingKind::ClassDef | BindingKind::Import | BindingKind::TypeAlias => {}
                        BindingKind::Assignment => match aliased_method(ctx, scope, first.identifier) {
                            Some(function) if is_abstract_function(ctx, function) => {
                                abstract_methods.insert(name.to_string(), owner.to_string());
                            }
                            // Something else astroid may infer to a function,
                            // even an abstract one: taking it as concrete can
                            // only leave a message out.
                            _ => {
                                abstract_methods.remove(*name);
                            }
                        },
                        _ => {
                            abstract_methods.remove(*name);
                        }
                    }
                }
            }
            ClassRef::Remote(remote) => {
                let summary = remote.summary()?;
                if summary.unlisted_bindings {
                    return None;
                }
                for (name, member) in &summary.members {
                    match member {
                        ClassMember::Method(_) if summary.abstract_methods.contains(name) => {
                            abstract_methods.insert(name.clone(), remote.name.clone());
                        }
                        // Nested classes are listed as `Other` too; removing
                        // for them as well can only leave a message out.
                        _ => {
                            abstract_methods.remove(name);
                        }
                    }
                }
            }
        }
    }
    Some(abstract_methods)
}

/// The method `target` is bound to by `target = other_method` in a class
/// body, when `other_method` is a `def` of the same class before it (what
/// astroid infers the name to).
fn aliased_method<'t>(ctx: &Context<'_, 't>, class_scope: crate::semantic::ScopeId, target: Node<'t>) -> Option<Node<'t>> {
    let assignment = target.parent().filter(|parent| parent.kind_id() == ASSIGNMENT)?;
    if assignment.child_by_field_id(FIELD_LEFT) != Some(target) {
        return None;
    }
    let value = assignment.child_by_field_id(FIELD_RIGHT).filter(|value| value.kind_id() == IDENTIFIER)?;
    let mut bindings = ctx.semantic.bindings_of(class_scope, ctx.text(value));
    let (Some(only), None) = (bindings.next(), bindings.next()) else { return None };
    (only.kind == BindingKind::FunctionDef && only.identifier.end_byte() <= assignment.start_byte())
        .then(|| only.identifier.parent())
        .flatten()
}

/// pylint's `class_is_abstract`: a protocol, a class with a declared
/// metaclass (`ABCMeta` makes it abstract; others are not modelled), a
/// direct subclass of `abc.ABC`, or one that defines an abstract method.
/// `None` when a base cannot be resolved.
fn is_abstract_class<'t>(ctx: &Context<'_, 't>, hierarchy: &mut Hierarchy<'_, '_, 't>, class: Node<'t>) -> Option<bool> {
    if let Some(arguments) = class.child_by_field_id(FIELD_SUPERCLASSES) {
        let declares_metaclass = code_children(arguments).any(|argument| {
            argument.kind_id() == KEYWORD_ARGUMENT
                && argument.child_by_field_id(FIELD_NAME).is_some_and(|name| ctx.text(name) == "metaclass")
        });
        if declares_metaclass {
            return Some(true);
        }
    }
    for base in hierarchy.direct_bases(&ClassRef::Local(class))? {
        let is_protocol = ["typing", "typing_extensions"].iter().any(|module| base.is_remote(module, "Protocol"));
        let is_abc = ["abc", "_py_abc"].iter().any(|module| base.is_remote(module, "ABC"));
        if is_protocol || is_abc {
            return Some(true);
        }
    }
    let scope = ctx.semantic.scope_of(class)?;
    let defines_abstract = ctx.semantic.scope(scope).bindings.values().any(|ids| {
        ids.first().map(|id| ctx.semantic.binding(*id)).is_some_and(|first| {
            first.kind == BindingKind::FunctionDef
                && first.identifier.parent().is_some_and(|function| is_abstract_function(ctx, function))
        })
    });
    Some(defines_abstract)
}

/// astroid's `FunctionDef.is_abstract(pass_is_abstract=False)` for a
/// function of the checked file.
fn is_abstract_function(ctx: &Context, function: Node) -> bool {
    let decorated = function.parent().filter(|parent| parent.kind_id() == DECORATED_DEFINITION).is_some_and(|decorated| {
        code_children(decorated)
            .filter(|child| child.kind_id() == DECORATOR)
            .filter_map(|decorator| code_children(decorator).next())
            .any(|expression| is_abc_abstract_decorator(ctx, expression))
    });
    decorated || first_statement_raises_not_implemented(ctx.source, function)
}

/// A decorator expression that names `abc.abstractmethod` or
/// `abc.abstractproperty` through an import (`from abc import
/// abstractmethod`, or `import abc` and `abc.abstractmethod`).
fn is_abc_abstract_decorator(ctx: &Context, expression: Node) -> bool {
    const ABSTRACT: [&str; 2] = ["abstractmethod", "abstractproperty"];
    let (identifier, attribute) = match expression.kind_id() {
        IDENTIFIER => (expression, None),
        ATTRIBUTE => match (expression.child_by_field_id(FIELD_OBJECT), expression.child_by_field_id(FIELD_ATTRIBUTE)) {
            (Some(object), Some(attribute)) if object.kind_id() == IDENTIFIER => (object, Some(ctx.text(attribute))),
            _ => return false,
        },
        _ => return false,
    };
    let name = ctx.text(identifier);
    let scope = ctx.semantic.enclosing_scope(identifier);
    let Some(resolved) = ctx.semantic.resolve(scope, name) else { return false };
    let mut bindings = ctx.semantic.bindings_of(resolved, name);
    let (Some(binding), None) = (bindings.next(), bindings.next()) else { return false };
    if binding.kind != BindingKind::Import {
        return false;
    }
    let Some((_, target)) = import_bindings(ctx.source, binding.statement).into_iter().find(|(bound, _)| bound == name)
    else {
        return false;
    };
    match (target, attribute) {
        (ImportTarget::From { level: 0, module, name }, None) => module == "abc" && ABSTRACT.contains(&name.as_str()),
        (ImportTarget::Module { module }, Some(attribute)) => module == "abc" && ABSTRACT.contains(&attribute),
        _ => false,
    }
}

/// astroid's `mro()`: the C3 linearization of the class and its inferred
/// bases. `None` when a base cannot be resolved, a class repeats among the
/// bases, or no consistent order exists (pylint then reports nothing).
pub(crate) fn linearization<'t>(
    hierarchy: &mut Hierarchy<'_, '_, 't>,
    class: ClassRef<'t>,
    known: &mut HashMap<ClassKey, Option<Vec<ClassRef<'t>>>>,
    depth: usize,
) -> Option<Vec<ClassRef<'t>>> {
    if depth > MAX_DEPTH {
        return None;
    }
    let key = class.key();
    if let Some(found) = known.get(&key) {
        return found.clone();
    }
    let bases = hierarchy.direct_bases(&class)?;
    let mut sequences = vec![vec![class.clone()]];
    for base in &bases {
        if base.key() == key {
            return None;
        }
        sequences.push(linearization(hierarchy, base.clone(), known, depth + 1)?);
    }
    sequences.push(bases);
    for sequence in &sequences {
        let mut seen = Vec::new();
        for member in sequence {
            let member_key = member.key();
            if seen.contains(&member_key) {
                return None;
            }
            seen.push(member_key);
        }
    }
    let merged = c3_merge(sequences);
    known.insert(key, merged.clone());
    merged
}

/// The C3 merge: repeatedly takes the first head that appears in no tail.
fn c3_merge<'t>(mut sequences: Vec<Vec<ClassRef<'t>>>) -> Option<Vec<ClassRef<'t>>> {
    let mut result = Vec::new();
    loop {
        sequences.retain(|sequence| !sequence.is_empty());
        if sequences.is_empty() {
            return Some(result);
        }
        let candidate = sequences.iter().map(|sequence| sequence[0].clone()).find(|head| {
            let head_key = head.key();
            sequences.iter().all(|sequence| sequence[1..].iter().all(|member| member.key() != head_key))
        })?;
        let candidate_key = candidate.key();
        for sequence in &mut sequences {
            if sequence[0].key() == candidate_key {
                sequence.remove(0);
            }
        }
        result.push(candidate);
    }
}
