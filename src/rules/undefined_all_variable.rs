use super::prelude::*;
use crate::semantic::summary;
use crate::semantic::ScopeId;
use crate::syntax::FastHashSet;

declare_rule! {
    /// ## What it does
    /// Checks for names listed in a module's `__all__` that the module does
    /// not define.
    ///
    /// As pylint does, only the first binding of `__all__` is read (later
    /// `+=`, `.extend()` or `.append()` are not followed), and a name counts
    /// as defined when the module binds it anywhere at its top level
    /// (conditionally included), through `global` in a function, or through
    /// a star import. In a package's `__init__.py`, a name that is a
    /// submodule or subpackage next to it is defined too.
    ///
    /// The rule reads `__all__` when its first binding is a list or tuple
    /// display; only the string literals in it are checked. A star import
    /// of a module that cannot be read leaves the module alone, and so do
    /// the modules astroid's brains add names to (`re`, `typing`, ...).
    ///
    /// ## Why is this bad?
    /// `from module import *` raises `AttributeError` for a listed name the
    /// module does not have.
    ///
    /// ## Example
    /// ```python
    /// __all__ = ["parse", "dump"]
    ///
    /// def parse(text): ...
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// __all__ = ["parse"]
    ///
    /// def parse(text): ...
    /// ```
    code: "E0603",
    symbol: "undefined-all-variable",
    category: Error,
    checker: "variables",
    trigger: Trigger::Module(check),
}

fn check(ctx: &mut Context) {
    let semantic = ctx.semantic;
    // `global __all__` in a function: the binding astroid meets first is not
    // easily told.
    if semantic.scopes[1..].iter().any(|scope| scope.globals.contains("__all__")) {
        return;
    }
    let Some(first) = semantic.bindings_of(ScopeId(0), "__all__").next() else { return };
    if first.kind != BindingKind::Assignment || first.unpacked {
        return;
    }
    let Some(assignment) = first.identifier.parent().filter(|parent| parent.kind_id() == ASSIGNMENT) else { return };
    if assignment.child_by_field_id(FIELD_LEFT) != Some(first.identifier) {
        return;
    }
    let Some(value) = assignment.child_by_field_id(FIELD_RIGHT).map(strip_parens) else { return };
    if !matches!(value.kind_id(), LIST | TUPLE | EXPRESSION_LIST) {
        return;
    }
    let listed: Vec<(Node, &str)> = code_children(value)
        .filter_map(|element| summary::plain_string(ctx.source, element).map(|name| (element, name)))
        .collect();
    if listed.is_empty() {
        return;
    }
    // astroid's brains add names to these modules' locals.
    if ctx.imports.is_some_and(|(path, _)| EXTENDED_MODULES.contains(&super::too_many_ancestors::module_name(path).as_str())) {
        return;
    }
    let Some(defined) = module_locals(ctx) else { return };
    let package_dir = ctx
        .imports
        .map(|(path, _)| path)
        .filter(|path| path.file_stem().is_some_and(|stem| stem == "__init__"))
        .and_then(|path| path.parent());
    for (element, name) in listed {
        if defined.contains(name) {
            continue;
        }
        if let Some(directory) = package_dir {
            // pylint looks the name up as a submodule of the package.
            if name.is_empty() || name.contains('.') || has_submodule(directory, name) {
                continue;
            }
        }
        let Some(shown) = super::duplicate_key::python_repr(name) else { continue };
        ctx.report(element, format!("Undefined variable name {shown} in __all__"));
    }
}

/// Modules astroid extends or transforms (`register_module_extender` and
/// module transforms in its brains): their locals hold more than the source binds.
const EXTENDED_MODULES: &[&str] = &[
    "PyQt4.QtCore", "collections", "collections.abc", "crypt", "ctypes", "curses", "dataclasses", "datetime",
    "dateutil.parser", "decimal", "gi", "hashlib", "http", "http.client", "mechanize", "multiprocessing", "numpy",
    "numpy._core.umath", "numpy.core.umath", "numpy.dtypes", "numpy.ma", "pkg_resources", "py.test", "pytest", "re",
    "regex", "responses", "scipy.signal", "signal", "six", "six.moves", "sqlalchemy.orm.session", "ssl",
    "string.templatelib", "subprocess", "threading", "typing", "unittest",
];

/// astroid's module `locals`: every name bound at top level, assigned under
/// `global` in a function, deleted with `del`, or brought by a star import.
/// `None` when a star-imported module cannot be read.
fn module_locals<'t>(ctx: &Context<'_, 't>) -> Option<FastHashSet<String>> {
    let semantic = ctx.semantic;
    let mut names: FastHashSet<String> = semantic.module_scope().bindings.keys().map(|name| name.to_string()).collect();
    for scope in &semantic.scopes[1..] {
        names.extend(scope.globals.iter().filter(|name| scope.bindings.contains_key(*name)).map(|n| n.to_string()));
    }
    for reference in &semantic.references {
        if crate::semantic::astroid::is_del_target(reference.identifier)
            && (reference.scope == ScopeId(0) || semantic.scope(reference.scope).globals.contains(reference.name))
        {
            names.insert(reference.name.to_string());
        }
    }
    let root = ctx.module.root();
    let stars: Vec<Node> = code_children(root)
        .filter(|statement| crate::semantic::astroid::is_star_import(*statement))
        .chain(crate::semantic::astroid::module_nested_star_imports(root))
        .collect();
    if stars.is_empty() {
        return Some(names);
    }
    let (path, index) = ctx.imports?;
    for statement in stars {
        let (level, module) = summary::star_import_target(ctx.source, statement)?;
        match index.import(path, level, &module) {
            Some(imported) => names.extend(summary::public_names(index, &imported)?),
            // astroid skips a star import of a module it cannot find at all.
            None if level == 0 && index.is_missing(path, &module) => {}
            None => return None,
        }
    }
    Some(names)
}

/// Whether the package directory holds a module or package `name` (what
/// astroid's `file_from_modpath` would find there).
fn has_submodule(directory: &std::path::Path, name: &str) -> bool {
    if directory.join(name).is_dir() {
        return true;
    }
    let Ok(entries) = std::fs::read_dir(directory) else { return true };
    let prefix = format!("{name}.");
    entries.flatten().any(|entry| entry.file_name().to_str().is_none_or(|file| file.starts_with(&prefix)))
}
