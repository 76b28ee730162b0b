use super::prelude::*;
use crate::semantic::{Binding, ScopeId};
use std::collections::HashMap;

declare_rule! {
    /// ## What it does
    /// Checks for module-level names and function locals (parameters
    /// included) that shadow a builtin such as `id`, `type` or `list`.
    ///
    /// Not reported: names imported from a module listed in
    /// `redefining-builtins-modules`, function locals listed in
    /// `allowed-redefined-builtins`, and parameters that keep the name of the
    /// parameter of the method they override.
    ///
    /// ## Why is this bad?
    /// Shadowing a builtin hides it for the rest of the scope; a later use
    /// of the builtin then silently gets the local value.
    ///
    /// ## Example
    /// ```python
    /// def lookup(id, list):
    ///     return list[id]
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// def lookup(key, items):
    ///     return items[key]
    /// ```
    code: "W0622",
    symbol: "redefined-builtin",
    category: Warning,
    checker: "variables",
    trigger: Trigger::Module(check),
}

fn check(ctx: &mut Context) {
    let module_names = module_level_bindings(ctx);
    let mut module_reports: Vec<&Binding> = module_names
        .iter()
        .filter(|(name, _)| is_builtin(name) && **name != "__doc__")
        .map(|(_, first)| first)
        .filter(|first| !imported_from_builtins_module(ctx, first))
        .collect();
    module_reports.sort_by_key(|binding| binding.identifier.start_byte());
    for binding in module_reports {
        let message = format!("Redefining built-in '{}'", binding.name);
        super::unused_variable::report_binding(ctx, binding, message);
    }

    let mut function_reports = Vec::new();
    for (scope_id, scope) in ctx.semantic.function_scopes() {
        for (name, ids) in &scope.bindings {
            let Some(first) = ids.first().map(|id| ctx.semantic.binding(*id)) else { continue };
            if !is_builtin(name)
                || scope.globals.contains(name)
                || module_names.contains_key(name)
                || ctx.settings.allowed_redefined_builtins.iter().any(|allowed| allowed == name)
                || imported_from_builtins_module(ctx, first)
            {
                continue;
            }
            if first.kind == BindingKind::Parameter && keeps_overridden_parameter(ctx, scope_id, first) {
                continue;
            }
            function_reports.push(first);
        }
    }
    function_reports.sort_by_key(|binding| binding.identifier.start_byte());
    for binding in function_reports {
        let message = format!("Redefining built-in '{}'", binding.name);
        super::unused_variable::report_binding(ctx, binding, message);
    }

    // Almost no module declares a module attribute `global`: walk only then.
    let declares_special = ctx
        .semantic
        .scopes
        .iter()
        .any(|scope| scope.globals.iter().any(|name| MODULE_SPECIAL_ATTRIBUTES.contains(name)));
    if !declares_special {
        return;
    }
    let globals = syntax::nodes_of_kind(ctx.module.root(), GLOBAL_STATEMENT);
    for global in globals {
        let Some((scope, line, names)) = super::global_statement::global_in_scope(ctx, global) else { continue };
        for name in names {
            if MODULE_SPECIAL_ATTRIBUTES.contains(&name)
                && super::global_variable_not_assigned::is_assigned_after(ctx, scope, name, line)
                && global_rebinds_special_attribute(ctx, name) == Some(true)
            {
                ctx.report(global, format!("Redefining built-in '{name}'"));
            }
        }
    }
}

/// The attributes astroid's module model gives every module (`builtins`
/// is spelled so there, without underscores).
const MODULE_SPECIAL_ATTRIBUTES: &[&str] = &[
    "__name__", "__doc__", "__file__", "__path__", "__dict__", "__package__", "__spec__", "__loader__", "__cached__",
    "builtins",
];

/// pylint's `visit_global` loop over `module.getattr(name)`, in astroid's
/// locals order: `Some(true)` when it stops at an assignment of a module
/// special attribute (`global __doc__; __doc__ = ...`: redefined-builtin),
/// `Some(false)` at a module-level binding, `None` when nothing stops it
/// (global-variable-undefined).
pub(crate) fn global_rebinds_special_attribute(ctx: &Context, name: &str) -> Option<bool> {
    let special = MODULE_SPECIAL_ATTRIBUTES.contains(&name);
    for binding in super::function_redefined::astroid_frame_locals(ctx, ScopeId(0), name) {
        let definition = matches!(binding.kind, BindingKind::FunctionDef | BindingKind::ClassDef);
        if special && !definition && binding.kind != BindingKind::Import {
            return Some(true);
        }
        // A def's frame is the def itself: only one directly in the module's body counts.
        let module_level = if definition {
            binding.statement.parent().is_some_and(|parent| parent.kind_id() == MODULE)
        } else {
            binding.scope == ScopeId(0)
        };
        if module_level {
            return Some(false);
        }
    }
    None
}

/// pylint's `utils.is_builtin`: the builtins module's names and `__builtins__`.
fn is_builtin(name: &str) -> bool {
    crate::semantic::is_builtin_name(name) || name == "__builtins__"
}

/// astroid's module locals: module-level bindings, the names functions assign
/// after declaring them `global`, and the builtin names that a module-level
/// wildcard import brings in; each with its first binding.
fn module_level_bindings<'t>(ctx: &Context<'_, 't>) -> HashMap<&'t str, Binding<'t>> {
    let mut first: HashMap<&'t str, Binding<'t>> = HashMap::new();
    let mut consider = |binding: Binding<'t>| {
        match first.get(binding.name) {
            Some(current) if current.identifier.start_byte() <= binding.identifier.start_byte() => {}
            _ => {
                first.insert(binding.name, binding);
            }
        }
    };
    for ids in ctx.semantic.module_scope().bindings.values() {
        if let Some(id) = ids.first() {
            consider(ctx.semantic.binding(*id).clone());
        }
    }
    for (_, scope) in ctx.semantic.function_scopes() {
        for name in &scope.globals {
            if let Some(id) = scope.bindings.get(name).and_then(|ids| ids.first()) {
                consider(ctx.semantic.binding(*id).clone());
            }
        }
    }
    for statement in syntax::statements_of(ctx.module.root()) {
        if let Some((wildcard, names)) = wildcard_builtin_exports(ctx, statement) {
            for name in names {
                consider(Binding {
                    name,
                    kind: BindingKind::Import,
                    scope: ScopeId(0),
                    identifier: wildcard,
                    statement,
                    unpacked: false,
                });
            }
        }
    }
    first
}

/// `from os import *` and the like: the builtin names such a module-level
/// import redefines. Only standard modules known to export builtin names
/// are listed; other modules are taken to export none.
fn wildcard_builtin_exports<'t>(ctx: &Context<'_, 't>, statement: Node<'t>) -> Option<(Node<'t>, &'static [&'static str])> {
    if statement.kind_id() != IMPORT_FROM_STATEMENT {
        return None;
    }
    let wildcard = code_children(statement).find(|child| child.kind_id() == WILDCARD_IMPORT)?;
    let module = ctx.text(statement.child_by_field_id(FIELD_MODULE_NAME)?);
    let names: &'static [&'static str] = match module {
        "os" | "posix" | "nt" | "codecs" => &["open"],
        "io" | "_io" => &["BlockingIOError", "open"],
        "re" => &["compile"],
        "math" => &["pow"],
        "operator" | "_operator" => &["abs", "pow"],
        "locale" => &["format", "str"],
        "asyncio" => &["TimeoutError"],
        "curses" | "_curses" => &["filter"],
        "_thread" => &["exit"],
        "threading" => &["enumerate"],
        "sqlite3" | "sqlite3.dbapi2" | "_sqlite3" => &["Warning"],
        _ => return None,
    };
    Some((wildcard, names))
}

fn imported_from_builtins_module(ctx: &Context, binding: &Binding) -> bool {
    binding.kind == BindingKind::Import
        && binding.statement.kind_id() == IMPORT_FROM_STATEMENT
        && binding.statement.child_by_field_id(FIELD_MODULE_NAME).is_some_and(|module| {
            let module = ctx.text(module);
            ctx.settings.redefining_builtins_modules.iter().any(|allowed| allowed == module)
        })
}

/// A method parameter named like the (not positional-only) parameter of the
/// method it overrides; also true when the parent cannot be resolved.
fn keeps_overridden_parameter(ctx: &Context, scope: ScopeId, parameter: &Binding) -> bool {
    let Some(class) = super::unused_argument::method_class(ctx, scope) else { return false };
    let function = ctx.semantic.scope(scope).node;
    let Some(name) = function.child_by_field_id(FIELD_NAME) else { return false };
    match super::unused_argument::overridden_method(ctx, class, ctx.text(name)) {
        super::unused_argument::Overridden::No => false,
        super::unused_argument::Overridden::Unknown => true,
        super::unused_argument::Overridden::Yes(parameters) => {
            parameters.iter().any(|(other, positional_only)| other == parameter.name && !positional_only)
        }
    }
}
