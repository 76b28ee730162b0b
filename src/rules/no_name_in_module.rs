use super::prelude::*;
use crate::semantic::summary::{star_import_locals, ModuleRef};

declare_rule! {
    /// ## What it does
    /// Checks for `from module import name` where the module is found in
    /// source (next to the file or on the local Python's `sys.path`) and binds
    /// no `name` at module level, and has no submodule `name` either.
    ///
    /// Like pylint, a module's names are what its source binds: functions a
    /// module creates at run time (with `exec`, `globals().update(...)`) are
    /// not there. Nothing is reported for relative imports, for modules that
    /// cannot be read (compiled extension modules, whose names only an
    /// interpreter knows), when the module star-imports one of those, for
    /// modules astroid extends with plugins (`hashlib`, `typing`, ...), for
    /// imports inside `try` blocks (fallback imports), under
    /// `if TYPE_CHECKING:` or a `sys.version_info`/`sys.platform` test, and
    /// for dunder names.
    ///
    /// ## Why is this bad?
    /// The import raises `ImportError` when it runs: the name is misspelled,
    /// was removed from the module, or lives in another module.
    ///
    /// ## Example
    /// ```python
    /// from os.path import joinpath
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// from os.path import join
    /// ```
    code: "E0611",
    symbol: "no-name-in-module",
    category: Error,
    checker: "variables",
    trigger: Trigger::Node(&[IMPORT_FROM_STATEMENT], check),
}

fn check(ctx: &mut Context, statement: Node) {
    let Some((path, index)) = ctx.imports else { return };
    let Some(module_name) = statement.child_by_field_id(FIELD_MODULE_NAME) else { return };
    let module = ctx.text(module_name);
    if module.starts_with('.') || is_guarded(ctx, statement) {
        return;
    }
    // astroid imports the first package and looks each later part up as an
    // attribute: a package that binds the name of its submodule to something
    // else makes that something else the module (not followed here).
    let parts: Vec<&str> = module.split('.').map(str::trim).collect();
    for depth in 1..parts.len() {
        let Some(package) = index.import(path, 0, &parts[..depth].join(".")) else { return };
        if package.summary.module_names.iter().any(|name| name == parts[depth]) {
            return;
        }
    }
    if BRAIN_EXTENDED_MODULES.contains(&module) {
        return;
    }
    let Some(imported) = index.import(path, 0, module) else { return };
    let Some(names) = known_names(ctx, &imported) else { return };
    let mut missing = Vec::new();
    for child in code_children(statement) {
        let name_node = match child.kind_id() {
            DOTTED_NAME if child.id() != module_name.id() => child,
            ALIASED_IMPORT => match child.child_by_field_id(FIELD_NAME) {
                Some(name) => name,
                None => continue,
            },
            _ => continue,
        };
        let name = ctx.text(name_node);
        if name.contains('.') || (name.starts_with("__") && name.ends_with("__")) {
            continue;
        }
        if !names.iter().any(|known| known == name) && !is_submodule(&imported, name) {
            missing.push(name.to_string());
        }
    }
    for name in missing {
        ctx.report(statement, format!("No name '{name}' in module '{module}'"));
    }
}

/// Modules whose names astroid extends beyond their source with its
/// "brain" plugins (e.g. `hashlib.md5`, made at run time by a loop).
pub(crate) const BRAIN_EXTENDED_MODULES: &[&str] = &[
    "collections", "crypt", "ctypes", "curses", "datetime", "decimal", "hashlib", "http", "http.client",
    "multiprocessing", "re", "signal", "six", "ssl", "subprocess", "threading", "typing", "unittest",
    "dateutil.parser", "mechanize", "numpy.core.umath", "numpy.ma", "pkg_resources", "py.test", "pytest", "regex",
    "responses", "scipy.signal", "sqlalchemy.orm.session", "PyQt4.QtCore",
];

/// The module's own names plus what its star imports bind; `None` when a
/// star import cannot be followed.
fn known_names(ctx: &Context, module: &ModuleRef) -> Option<Vec<String>> {
    let (_, index) = ctx.imports?;
    let mut names = module.summary.module_names.clone();
    for (level, star_module) in &module.summary.star_imports {
        let star = index.import(&module.path, *level, star_module)?;
        names.extend(star_import_locals(index, &star)?);
    }
    Some(names)
}

/// A package's submodule or subpackage `name` (any file or directory named
/// so, compiled extensions included).
pub(crate) fn is_submodule(module: &ModuleRef, name: &str) -> bool {
    if module.path.file_name().is_none_or(|file| file != "__init__.py") {
        return false;
    }
    let Some(directory) = module.path.parent() else { return true };
    let Ok(entries) = std::fs::read_dir(directory) else { return true };
    entries.flatten().any(|entry| {
        let file_name = entry.file_name();
        let file_name = file_name.to_string_lossy();
        file_name == name || file_name.strip_prefix(name).is_some_and(|rest| rest.starts_with('.'))
    })
}

/// pylint skips fallback imports (inside `try`/`except`), imports under
/// `if TYPE_CHECKING:` and under `sys` version or platform tests. Any
/// enclosing `try` or such `if` is enough here.
fn is_guarded(ctx: &Context, statement: Node) -> bool {
    let mut current = statement.parent();
    while let Some(ancestor) = current {
        match ancestor.kind_id() {
            TRY_STATEMENT | EXCEPT_CLAUSE => return true,
            IF_STATEMENT | ELIF_CLAUSE => {
                let condition = ancestor.child_by_field_id(FIELD_CONDITION).map_or("", |condition| ctx.text(condition));
                if condition.contains("TYPE_CHECKING") || condition.contains("sys.") {
                    return true;
                }
            }
            FUNCTION_DEFINITION | CLASS_DEFINITION => return false,
            _ => {}
        }
        current = ancestor.parent();
    }
    false
}
