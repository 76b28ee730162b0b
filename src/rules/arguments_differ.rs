use super::prelude::*;
use super::too_many_ancestors::{ClassRef, ClassKey, Hierarchy};
use crate::semantic::signature::{Param, Signature};
use crate::semantic::summary::ClassMember;
use std::collections::HashSet;

declare_rule! {
    /// ## What it does
    /// Checks for a method that overrides an inherited one with a different
    /// number of parameters, different keyword-only parameters, or without
    /// the `*args`/`**kwargs` the overridden method takes.
    ///
    /// ## Why is this bad?
    /// Code written against the base class calls the method the way the base
    /// class declares it; an override that takes other arguments breaks those
    /// calls for instances of the subclass (the Liskov substitution principle).
    ///
    /// The overridden method is the first one found in the class's ancestors,
    /// followed into other modules as astroid does. Constructors (`__init__`,
    /// `__new__`, ...) and private methods are not compared; special methods
    /// only by their number of parameters. Nothing is reported when an
    /// ancestor cannot be resolved or when the first ancestor that defines
    /// the name is a builtin class (their signatures are not modelled), when
    /// a class of another module binds names conditionally, or when a method
    /// is rebound in its class body (`f = staticmethod(f)`).
    ///
    /// ## Example
    /// ```python
    /// class Shape:
    ///     def scale(self, factor):
    ///         ...
    ///
    /// class Square(Shape):
    ///     def scale(self, factor, origin):
    ///         ...
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// class Square(Shape):
    ///     def scale(self, factor, origin=None):
    ///         ...
    /// ```
    code: "W0221",
    symbol: "arguments-differ",
    category: Warning,
    checker: "classes",
    trigger: Trigger::Node(&[FUNCTION_DEFINITION], check),
}

fn check(ctx: &mut Context, function: Node) {
    for (code, message) in signature_differences(ctx, function) {
        if code == RULE.code {
            ctx.report(function, message);
        }
    }
}

/// pylint's `_check_signature` for a method and the method it overrides:
/// the messages (W0221 or W0237) it gives, in pylint's order. Computed once
/// per method for both rules.
pub(crate) fn signature_differences(ctx: &Context, function: Node) -> Vec<(&'static str, String)> {
    if let Some((id, differences)) = ctx.signature_differences.borrow().as_ref() {
        if *id == function.id() {
            return differences.clone();
        }
    }
    let differences = compute_signature_differences(ctx, function);
    *ctx.signature_differences.borrow_mut() = Some((function.id(), differences.clone()));
    differences
}

fn compute_signature_differences(ctx: &Context, function: Node) -> Vec<(&'static str, String)> {
    let Some(class) = enclosing_class(function) else { return Vec::new() };
    let Some(name) = function.child_by_field_id(FIELD_NAME).map(|name| ctx.text(name)) else { return Vec::new() };
    if name == "__init__" || is_private(name) || bound_otherwise(ctx, class, name) {
        return Vec::new();
    }
    let overriding = Signature::of(ctx.source, function);
    if overriding.property_setter || overriding.overload_stub {
        return Vec::new();
    }
    let mut hierarchy = Hierarchy::new(ctx);
    let mut visited = HashSet::new();
    let Search::Found(base_name, overridden) = search(ctx, &mut hierarchy, &ClassRef::Local(class), name, &mut visited) else {
        return Vec::new();
    };
    let class_name = class.child_by_field_id(FIELD_NAME).map_or("", |name| ctx.text(name));
    different_parameters(&overridden, &overriding, name, &ctx.settings.dummy_variables)
        .into_iter()
        .map(|difference| {
            let place = format!("overriding '{class_name}.{name}' method");
            if difference.starts_with("Number") {
                let message = format!(
                    "{difference}was {} in '{base_name}.{name}' and is now {} in {place}",
                    overridden.counted_parameters(),
                    overriding.counted_parameters()
                );
                ("W0221", message)
            } else if difference.contains("renamed") {
                ("W0237", format!("{difference} {place}"))
            } else {
                ("W0221", format!("{difference} {place}"))
            }
        })
        .collect()
}

/// The class whose body defines `function` directly (astroid's `is_method()`).
fn enclosing_class(function: Node) -> Option<Node> {
    let mut parent = function.parent()?;
    if parent.kind_id() == DECORATED_DEFINITION {
        parent = parent.parent()?;
    }
    let class = parent.parent().filter(|_| parent.kind_id() == BLOCK)?;
    (class.kind_id() == CLASS_DEFINITION).then_some(class)
}

/// pylint's `is_attr_private` (`^_{2,10}.*[^_]+_?$`): two or more leading
/// underscores, a name, at most one trailing underscore.
fn is_private(name: &str) -> bool {
    let leading = name.len() - name.trim_start_matches('_').len();
    let trimmed = name.trim_end_matches('_');
    leading >= 2 && trimmed.len() > leading && name.len() - trimmed.len() <= 1
}

/// The class body binds `name` by something else than a def too: astroid's
/// `extra_decorators` (`f = staticmethod(f)`) may change what the def is.
fn bound_otherwise(ctx: &Context, class: Node, name: &str) -> bool {
    let Some(scope) = ctx.semantic.scope_of(class) else { return true };
    ctx.semantic.scope(scope).bindings.get(name).is_some_and(|bindings| {
        bindings.iter().any(|id| ctx.semantic.binding(*id).kind != BindingKind::FunctionDef)
    })
}

enum Search {
    /// The overridden method: its class's name and signature.
    Found(String, Signature),
    /// No ancestor defines the name as a method.
    NotFound,
    /// Some ancestor cannot be read with certainty.
    Unknown,
}

/// astroid's `local_attr_ancestors(name)` up to the first ancestor whose
/// first binding of `name` is a def: ancestors depth-first, bases in order,
/// each class once.
fn search<'t>(
    ctx: &Context<'_, 't>,
    hierarchy: &mut Hierarchy<'_, '_, 't>,
    class: &ClassRef<'t>,
    name: &str,
    visited: &mut HashSet<ClassKey>,
) -> Search {
    let Some(bases) = hierarchy.direct_bases(class) else { return Search::Unknown };
    for base in bases {
        if !visited.insert(base.key()) {
            continue;
        }
        match defined_in(ctx, &base, name) {
            Definition::Method(class_name, signature) => return Search::Found(class_name, signature),
            Definition::Unknown => return Search::Unknown,
            // astroid goes on with the next ancestor, this one's bases first.
            Definition::Other | Definition::Absent => {}
        }
        match search(ctx, hierarchy, &base, name, visited) {
            Search::NotFound => {}
            found_or_unknown => return found_or_unknown,
        }
    }
    Search::NotFound
}

/// What an ancestor's `locals` hold for a name, as pylint reads its first
/// entry (shared with invalid-overridden-method).
pub(crate) enum Definition {
    Method(String, Signature),
    /// Bound by something else than a def: astroid goes on to the next ancestor.
    Other,
    Absent,
    Unknown,
}

pub(crate) fn defined_in(ctx: &Context, class: &ClassRef, name: &str) -> Definition {
    match class {
        ClassRef::Builtin("object") if !(name.starts_with("__") && name.ends_with("__")) => Definition::Absent,
        // Introspected builtin methods have no signature astroid reads
        // (pylint skips them); the ones a brain writes in Python have one.
        ClassRef::Builtin(class) => match crate::semantic::builtin_classes::brain_method_signature(class, name) {
            Some(signature) => Definition::Method(class.to_string(), signature),
            None => Definition::Unknown,
        },
        // Introspected, as above.
        ClassRef::Compiled(_) => Definition::Unknown,
        ClassRef::Local(node) => {
            let Some(scope) = ctx.semantic.scope_of(*node) else { return Definition::Unknown };
            let Some(bindings) = ctx.semantic.scope(scope).bindings.get(name) else { return Definition::Absent };
            let bindings: Vec<_> = bindings.iter().map(|id| ctx.semantic.binding(*id)).collect();
            if bindings.first().is_none_or(|first| first.kind != BindingKind::FunctionDef) {
                return Definition::Other;
            }
            if bindings.iter().any(|binding| binding.kind != BindingKind::FunctionDef) {
                return Definition::Unknown;
            }
            let signatures: Vec<Signature> = bindings
                .iter()
                .map(|binding| Signature::of(ctx.source, syntax::undecorated(binding.statement)))
                .collect();
            let chosen = if signatures[0].overload_stub {
                signatures.iter().rfind(|signature| !signature.overload_stub).unwrap_or(&signatures[0]).clone()
            } else {
                signatures[0].clone()
            };
            let class_name = node.child_by_field_id(FIELD_NAME).map_or("", |name| ctx.text(name));
            Definition::Method(class_name.to_string(), chosen)
        }
        ClassRef::Remote(remote) => {
            let Some(summary) = remote.summary() else { return Definition::Unknown };
            // astroid's locals of the class, conditional bindings included.
            if !summary.facts.locals.iter().any(|local| local.name == name) {
                return Definition::Absent;
            }
            if summary.unlisted_bindings || summary.rebound_names.iter().any(|rebound| rebound == name) {
                return Definition::Unknown;
            }
            match (summary.members.get(name), summary.signatures.get(name)) {
                (Some(ClassMember::Method(_)), Some(signature)) => Definition::Method(remote.name.clone(), signature.clone()),
                (Some(ClassMember::Method(_)), None) => Definition::Unknown,
                (Some(ClassMember::Other), _) => Definition::Other,
                (None, _) => Definition::Absent,
            }
        }
    }
}

/// pylint's `_different_parameters(original, overridden)`: what differs, as
/// the start of pylint's messages.
fn different_parameters(original: &Signature, overriding: &Signature, name: &str, dummy: &regex::Regex) -> Vec<String> {
    let mut original_positional: Vec<&Param> = original.compared_positional().iter().collect();
    let overriding_positional: Vec<&Param> = overriding.compared_positional().iter().collect();
    let mut original_keyword_only: Vec<&Param> = original.keyword_only.iter().collect();
    // Variadics in the override match any parameter of the original that
    // they do not list themselves.
    if overriding.vararg {
        original_positional.retain(|param| overriding_positional.iter().any(|other| other.name == param.name));
    }
    if overriding.kwarg {
        original_keyword_only.retain(|param| overriding.keyword_only.iter().any(|other| other.name == param.name));
    }
    let positional = different_positional(&original_positional, &overriding_positional, dummy);
    let keyword_only = different_keyword_only(&original_keyword_only, &overriding.keyword_only);
    let mut messages: Vec<String> = Vec::new();
    match (positional.first(), keyword_only.first()) {
        (Some(first), Some(other)) if first.contains("Number ") && other.contains("Number ") => {
            messages.push("Number of parameters ".to_string());
            messages.extend(positional[1..].iter().cloned());
            messages.extend(keyword_only[1..].iter().cloned());
        }
        _ => {
            messages.extend(positional);
            messages.extend(keyword_only);
        }
    }
    if (original.kwarg && !overriding.kwarg) || (original.vararg && !overriding.vararg) {
        messages.push("Variadics removed in".to_string());
    }
    if CONSTRUCTOR_METHODS.contains(&name) {
        messages.clear();
    } else if SPECIAL_METHODS.contains(&name) {
        messages.retain(|message| message.contains("Number"));
    }
    messages
}

fn different_positional(original: &[&Param], overriding: &[&Param], dummy: &regex::Regex) -> Vec<String> {
    let mut messages = Vec::new();
    for index in 0..original.len().max(overriding.len()) {
        match (original.get(index), overriding.get(index)) {
            (_, None) => return vec!["Number of parameters ".to_string()],
            (None, Some(extra)) => {
                if !extra.has_default {
                    return vec!["Number of parameters ".to_string()];
                }
            }
            (Some(before), Some(after)) => {
                if dummy.is_match(&before.name) || dummy.is_match(&after.name) {
                    continue;
                }
                if before.name != after.name {
                    messages.push(format!("Parameter '{}' has been renamed to '{}' in", before.name, after.name));
                }
            }
        }
    }
    messages
}

fn different_keyword_only(original: &[&Param], overriding: &[Param]) -> Vec<String> {
    let number = || vec!["Number of parameters ".to_string()];
    if original.iter().any(|param| !overriding.iter().any(|other| other.name == param.name)) {
        return number();
    }
    if overriding.iter().any(|param| !param.has_default && !original.iter().any(|other| other.name == param.name)) {
        return number();
    }
    Vec::new()
}

/// pylint's `CONSTRUCTOR_METHODS`: overriding them with another signature is idiomatic.
const CONSTRUCTOR_METHODS: &[&str] = &["__new__", "__init__", "__init_subclass__", "__post_init__"];

/// pylint's `PYMETHODS`: special methods, compared by their number of parameters only.
const SPECIAL_METHODS: &[&str] = &[
    "__abs__", "__add__", "__aenter__", "__aexit__", "__aiter__", "__and__", "__anext__", "__await__", "__bool__",
    "__bytes__", "__call__", "__ceil__", "__cmp__", "__complex__", "__contains__", "__copy__", "__deepcopy__",
    "__del__", "__delattr__", "__delete__", "__delitem__", "__dir__", "__div__", "__divmod__", "__enter__", "__eq__",
    "__exit__", "__float__", "__floor__", "__floordiv__", "__format__", "__fspath__", "__ge__", "__get__",
    "__getattr__", "__getattribute__", "__getitem__", "__getnewargs__", "__getnewargs_ex__", "__getstate__",
    "__gt__", "__hash__", "__iadd__", "__iand__", "__ifloordiv__", "__ilshift__", "__imatmul__", "__imod__",
    "__imul__", "__index__", "__init__", "__init_subclass__", "__instancecheck__", "__int__", "__invert__", "__ior__",
    "__ipow__", "__irshift__", "__isub__", "__iter__", "__itruediv__", "__ixor__", "__le__", "__len__",
    "__length_hint__", "__lshift__", "__lt__", "__matmul__", "__missing__", "__mod__", "__mul__", "__ne__", "__neg__",
    "__new__", "__nonzero__", "__or__", "__pos__", "__pow__", "__radd__", "__rand__", "__rdivmod__", "__reduce__",
    "__reduce_ex__", "__repr__", "__reversed__", "__rfloordiv__", "__rlshift__", "__rmatmul__", "__rmod__",
    "__rmul__", "__ror__", "__round__", "__rpow__", "__rrshift__", "__rshift__", "__rsub__", "__rtruediv__",
    "__rxor__", "__set__", "__set_name__", "__setattr__", "__setitem__", "__setstate__", "__str__", "__sub__",
    "__subclasscheck__", "__subclasses__", "__truediv__", "__trunc__", "__unicode__", "__xor__",
];

#[cfg(test)]
mod tests {
    use super::is_private;

    #[test]
    fn private_names_are_pylints() {
        assert!(is_private("__cache"));
        assert!(is_private("__cache_"));
        assert!(!is_private("__len__"));
        assert!(!is_private("_cache"));
        assert!(!is_private("__"));
    }
}
