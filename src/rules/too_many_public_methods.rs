use super::prelude::*;
use super::too_few_public_methods::own_methods;
use super::too_many_branches::report_on_def;

declare_rule! {
    /// ## What it does
    /// Checks for classes that define more public methods than
    /// `max-public-methods` (20 by default). Only the class's own methods
    /// count (names whose first binding in the class body is a `def`, also
    /// under `if`/`try`), not inherited ones, and names starting with an
    /// underscore (special methods included) are not public.
    ///
    /// ## Why is this bad?
    /// A class with a very wide public interface usually does too many
    /// things; splitting it makes each part easier to understand and test.
    ///
    /// ## Example
    /// ```python
    /// class Everything:
    ///     def load(self): ...
    ///     def save(self): ...
    ///     def render(self): ...
    ///     # ... 20 more public methods
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// class Storage:
    ///     def load(self): ...
    ///     def save(self): ...
    ///
    /// class View:
    ///     def render(self): ...
    /// ```
    ///
    /// Inherited methods are deliberately not counted (pylint does the same:
    /// the author of a subclass does not control its bases' interface).
    code: "R0904",
    symbol: "too-many-public-methods",
    category: Refactor,
    checker: "design",
    trigger: Trigger::Node(&[CLASS_DEFINITION], check),
}

fn check(ctx: &mut Context, class: Node) {
    let class_name = class.child_by_field_id(FIELD_NAME).map_or("", |name| ctx.text(name));
    let replaced_by_brain = brain_replaced_member(class_name);
    let public = own_methods(ctx, class)
        .iter()
        .filter(|name| !name.starts_with('_') && Some(**name) != replaced_by_brain)
        .count();
    let max = ctx.settings.max_public_methods;
    if public > max {
        report_on_def(ctx, class, format!("Too many public methods ({public}/{max})"));
    }
}

/// astroid's `brain_io` replaces a member of every class with these names
/// (whatever its module) by an instance of an `_io` class, so a method
/// defined under that name is no method to pylint.
fn brain_replaced_member(class_name: &str) -> Option<&'static str> {
    match class_name {
        "TextIOWrapper" => Some("buffer"),
        "BufferedWriter" | "BufferedReader" => Some("raw"),
        _ => None,
    }
}
