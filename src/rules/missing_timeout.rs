use super::prelude::*;
use super::unspecified_encoding::{imported, is_kwargs_parameter, only_binding};
use crate::semantic::summary::{self, ImportTarget, ModuleRef};
use crate::semantic::ScopeId;

declare_rule! {
    /// ## What it does
    /// Checks for calls of the functions in pylint's `timeout-methods`
    /// (by default `requests.api.delete`, `get`, `head`, `options`,
    /// `patch`, `post`, `put` and `request`) without a `timeout` keyword
    /// argument.
    ///
    /// The function is recognized when it is imported from `requests` or
    /// `requests.api` (the import must find the package), reached as an
    /// attribute of the imported module, or called in `requests/api.py`
    /// itself. As in pylint, the function's own `**kwargs` does not count
    /// as giving `timeout`, a `**` dict display counts by its keys, and any
    /// other `**` argument leaves the call alone.
    ///
    /// ## Why is this bad?
    /// Without a timeout, `requests` waits for the server forever: the
    /// program can hang indefinitely.
    ///
    /// ## Example
    /// ```python
    /// import requests
    ///
    /// response = requests.get("https://example.com")
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// import requests
    ///
    /// response = requests.get("https://example.com", timeout=10)
    /// ```
    code: "W3101",
    symbol: "missing-timeout",
    category: Warning,
    checker: "method_args",
    trigger: Trigger::Node(&[CALL], check),
}

/// pylint's default `timeout-methods`, all in `requests.api`.
const METHODS: [&str; 8] = ["delete", "get", "head", "options", "patch", "post", "put", "request"];

fn check(ctx: &mut Context, call: Node) {
    let Some(function) = call.child_by_field_id(FIELD_FUNCTION) else { return };
    if function.kind_id() == PARENTHESIZED_EXPRESSION || !is_timeout_method(ctx, function) {
        return;
    }
    let Some(arguments) = call.child_by_field_id(FIELD_ARGUMENTS).filter(|arguments| arguments.kind_id() == ARGUMENT_LIST)
    else {
        return;
    };
    let mut has_timeout = false;
    for argument in code_children(arguments) {
        match argument.kind_id() {
            KEYWORD_ARGUMENT => {
                has_timeout |= argument.child_by_field_id(FIELD_NAME).is_some_and(|name| ctx.text(name) == "timeout");
            }
            DICTIONARY_SPLAT => {
                let Some(value) = code_children(argument).next().map(strip_parens) else { return };
                match value.kind_id() {
                    // astroid infers the function's own `**kwargs` to an empty dict.
                    IDENTIFIER if is_kwargs_parameter(ctx, value) => {}
                    DICTIONARY => {
                        for pair in code_children(value) {
                            let key = (pair.kind_id() == PAIR)
                                .then(|| pair.child_by_field_id(FIELD_KEY))
                                .flatten()
                                .map(strip_parens)
                                .and_then(|key| summary::plain_string(ctx.source, key));
                            match key {
                                Some(key) => has_timeout |= key == "timeout",
                                // Keys astroid may not infer: the call site is invalid.
                                None => return,
                            }
                        }
                    }
                    _ => return,
                }
            }
            _ => {}
        }
    }
    if !has_timeout {
        let shown = crate::semantic::astroid::normalized_text(ctx.source, function);
        ctx.report(call, format!("Missing timeout argument for method '{shown}' can cause your program to hang indefinitely"));
    }
}

/// Whether `function` is what astroid infers to one of `requests.api`'s
/// functions in [`METHODS`].
fn is_timeout_method(ctx: &Context, function: Node) -> bool {
    match function.kind_id() {
        IDENTIFIER => {
            let Some(binding) = only_binding(ctx, function) else { return false };
            match binding.kind {
                // A function of `requests/api.py` itself.
                BindingKind::FunctionDef => {
                    METHODS.contains(&ctx.text(function))
                        && binding.scope == ScopeId(0)
                        && ctx.imports.is_some_and(|(path, _)| {
                            super::too_many_ancestors::module_name(path) == "requests.api"
                        })
                }
                BindingKind::Import => match imported(ctx, binding) {
                    Some(ImportTarget::From { level: 0, module, name }) => {
                        METHODS.contains(&name.as_str()) && exports_method(ctx, &module, &name)
                    }
                    _ => false,
                },
                _ => false,
            }
        }
        ATTRIBUTE => {
            // Most calls are methods of other names: decide on the last part
            // before building the dotted name.
            let method = function.child_by_field_id(FIELD_ATTRIBUTE).map(|name| ctx.text(name));
            if !method.is_some_and(|method| METHODS.contains(&method)) {
                return false;
            }
            let Some(parts) = summary::dotted_parts(ctx.source, function) else { return false };
            let [_, middle @ .., method] = parts.as_slice() else { return false };
            if !METHODS.contains(&method.as_str()) {
                return false;
            }
            let mut object = function;
            while object.kind_id() == ATTRIBUTE {
                let Some(inner) = object.child_by_field_id(FIELD_OBJECT) else { return false };
                object = inner;
            }
            let Some(module) = imported_module(ctx, object) else { return false };
            let dotted = std::iter::once(module.as_str()).chain(middle.iter().map(String::as_str)).collect::<Vec<_>>().join(".");
            exports_method(ctx, &dotted, method)
        }
        _ => false,
    }
}

/// Whether module `module` (absolute) binds `name` to the function of
/// `requests.api`: `requests.api` defines it once, and `requests` imports
/// it from `.api` once.
fn exports_method(ctx: &Context, module: &str, name: &str) -> bool {
    let Some((path, index)) = ctx.imports else { return false };
    let Some(api) = index.import(path, 0, "requests.api") else { return false };
    if !defines_once(&api, name) {
        return false;
    }
    match module {
        "requests.api" => true,
        "requests" => {
            let Some(package) = index.import(path, 0, "requests") else { return false };
            let once = package.summary.binding_counts.get(name).copied() == Some(1);
            let from_api = matches!(package.summary.imports.get(name),
                Some(ImportTarget::From { level: 1, module, name: imported }) if module == "api" && imported == name);
            once && from_api
        }
        _ => false,
    }
}

fn defines_once(module: &ModuleRef, name: &str) -> bool {
    module.summary.binding_counts.get(name).copied() == Some(1)
        && module.summary.others.iter().any(|other| other == name)
        && !module.summary.imports.contains_key(name)
}

/// The module a name is bound to by `import` statements only, all of the
/// same module (`import requests` and `import requests.api` both bind
/// `requests` to `requests`).
fn imported_module(ctx: &Context, name: Node) -> Option<String> {
    let semantic = ctx.semantic;
    let text = ctx.text(name);
    let scope = semantic.resolve(semantic.enclosing_scope(name), text)?;
    if scope == ScopeId(0) && semantic.function_scopes().any(|(_, function)| function.globals.contains(text)) {
        return None;
    }
    let mut found: Option<String> = None;
    for binding in semantic.bindings_of(scope, text) {
        let Some(ImportTarget::Module { module }) = imported(ctx, binding) else { return None };
        if found.as_ref().is_some_and(|found| *found != module) {
            return None;
        }
        found = Some(module);
    }
    found
}
