use super::attribute_defined_outside_init::Ancestry;
use super::prelude::*;
use super::too_many_ancestors::ClassRef;
use crate::semantic::classes::Definition;

declare_rule! {
    /// ## What it does
    /// Checks for methods that an instance attribute of the same name
    /// hides: `self.name = ...` in a method of the class or of an ancestor
    /// (the first such assignment astroid knows of names the module and
    /// line). A method that overrides an ancestor's method is not reported,
    /// nor `__init__`, properties and their setters.
    ///
    /// Not inferred, so never reported: methods with decorators other than
    /// `staticmethod` and `classmethod`, classes with an ancestor that
    /// cannot be resolved, attributes assigned through another object than
    /// a method's `self` (or a name bound to `Class(...)`) somewhere in the
    /// modules involved, and the first assignment being in a nested
    /// function.
    ///
    /// ## Why is this bad?
    /// Once the attribute is set, `instance.name` is the attribute, not the
    /// method: calls meant for the method reach whatever was assigned.
    ///
    /// ## Example
    /// ```python
    /// class Reader:
    ///     def __init__(self, source):
    ///         self.read = source.read
    ///
    ///     def read(self):
    ///         return ""
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// class Reader:
    ///     def __init__(self, source):
    ///         self._read = source.read
    ///
    ///     def read(self):
    ///         return self._read()
    /// ```
    code: "E0202",
    symbol: "method-hidden",
    category: Error,
    checker: "classes",
    trigger: Trigger::Node(&[CLASS_DEFINITION], check),
}

fn check(ctx: &mut Context, class: Node) {
    let methods = methods(ctx, class);
    if methods.is_empty() {
        return;
    }
    let mut reports = Vec::new();
    {
        let shared: &Context = ctx;
        let Some(facts) = shared.classes().classes.get(&class.id()) else { return };
        let has_bases = class.child_by_field_id(FIELD_SUPERCLASSES).is_some_and(|bases| code_children(bases).next().is_some());
        let candidate = |name: &str| facts.instance_attributes.iter().any(|definition| definition.name == name);
        // Without bases only the class's own attributes can hide a method.
        if !has_bases && !methods.iter().any(|(_, name)| candidate(name)) {
            return;
        }
        let mut ancestry = Ancestry::new(shared);
        let this = ClassRef::Local(class);
        let Some(ancestors) = ancestry.ancestors(&this) else { return };
        for (function, name) in methods {
            if name == "__init__" || !plain_or_builtin_decorated(shared, function) {
                continue;
            }
            if let Some(message) = hiding_attribute(&ancestry, &this, &ancestors, name) {
                reports.push((function, message));
            }
        }
    }
    for (function, message) in reports {
        super::too_many_branches::report_on_def(ctx, function, message);
    }
}

/// pylint's `klass.instance_attr(name)[0]` and the checks after it: the
/// message when the first instance attribute named like the method is
/// assigned directly in a method of the class or of an ancestor, and no
/// ancestor defines a method of that name.
fn hiding_attribute<'t>(
    ancestry: &Ancestry<'_, '_, 't>,
    this: &ClassRef<'t>,
    ancestors: &[ClassRef<'t>],
    name: &str,
) -> Option<String> {
    let mut first: Option<(&ClassRef<'t>, &Definition)> = ancestry.instance_attributes(this, name).next().map(|definition| (this, definition));
    if first.is_none() {
        first = ancestors
            .iter()
            .find_map(|ancestor| ancestry.instance_attributes(ancestor, name).next().map(|definition| (ancestor, definition)));
    }
    let (owner, definition) = first?;
    // A store through an object of unknown class may come first.
    let involved: Vec<ClassRef<'t>> = std::iter::once(this.clone()).chain(ancestors.iter().cloned()).collect();
    if ancestry.stored_elsewhere(&involved, name) {
        return None;
    }
    // astroid's frame of the store must be a method of a class this one
    // derives from: not a nested function, not another class's method.
    if !definition.in_method {
        return None;
    }
    for ancestor in ancestors {
        if is_attr_private(name) && ancestry.instance_attributes(ancestor, name).next().is_some() {
            return None;
        }
        if ancestry.binds_function(ancestor, name)? {
            return None;
        }
    }
    let module = ancestry.module_name(owner)?;
    Some(format!("An attribute defined in {module} line {} hides this method", definition.line + 1))
}

/// pylint's `is_attr_private`: `^_{2,10}.*[^_]+_?$`, at least two leading
/// underscores and a last character (before one optional trailing `_`)
/// that is not an underscore.
fn is_attr_private(name: &str) -> bool {
    let bytes = name.as_bytes();
    let length = bytes.len();
    if !name.starts_with("__") {
        return false;
    }
    (length >= 3 && bytes[length - 1] != b'_') || (length >= 4 && bytes[length - 1] == b'_' && bytes[length - 2] != b'_')
}

/// Whether a method has no decorator, or only the builtin `staticmethod`
/// and `classmethod` (pylint infers any other decorator, and skips the
/// method when it is a property, a descriptor or not inferable).
fn plain_or_builtin_decorated(ctx: &Context, function: Node) -> bool {
    crate::semantic::classes::decorator_expressions(function).into_iter().all(|decorator| {
        let decorator = strip_parens(decorator);
        decorator.kind_id() == IDENTIFIER
            && matches!(ctx.text(decorator), "staticmethod" | "classmethod")
            && ctx.is_builtin_at(decorator, ctx.text(decorator))
    })
}

/// The functions defined in a class body (under `if`/`try` too), with
/// their names: what astroid's `is_method()` holds for.
pub(crate) fn methods<'t>(ctx: &Context<'_, 't>, class: Node<'t>) -> Vec<(Node<'t>, &'t str)> {
    let mut found = Vec::new();
    let Some(body) = class.child_by_field_id(FIELD_BODY) else { return found };
    syntax::walk(body, |node| match node.kind_id() {
        FUNCTION_DEFINITION => {
            if let Some(name) = node.child_by_field_id(FIELD_NAME) {
                found.push((node, ctx.text(name)));
            }
            false
        }
        CLASS_DEFINITION | LAMBDA | EXPRESSION_STATEMENT => false,
        _ => true,
    });
    found
}

#[cfg(test)]
mod tests {
    use super::is_attr_private;

    #[test]
    fn private_names_follow_pylints_pattern() {
        assert!(is_attr_private("__x"));
        assert!(is_attr_private("__secret_"));
        assert!(!is_attr_private("__init__"));
        assert!(!is_attr_private("_x"));
        assert!(!is_attr_private("__"));
        assert!(!is_attr_private("___"));
        assert!(!is_attr_private("__x__"));
    }
}
