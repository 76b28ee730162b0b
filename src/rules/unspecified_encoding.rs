use super::prelude::*;
use crate::semantic::summary::{self, ImportTarget};
use crate::semantic::{Binding, ScopeId};

declare_rule! {
    /// ## What it does
    /// Checks for files opened in text mode without an `encoding`: calls of
    /// the builtin `open` (or `io.open`), and of `open`, `read_text` and
    /// `write_text` on a `pathlib.Path`, where the mode is absent or a
    /// string without `b` and `encoding` is absent or `None`.
    ///
    /// As pylint does, the mode and the encoding are looked through names
    /// bound once to a literal and through parameter defaults. Calls whose
    /// mode or encoding is not such a value, `open` reached through another
    /// name, paths built with `/`, and `**` arguments other than a dict
    /// display or the function's own `**kwargs` are left alone.
    ///
    /// ## Why is this bad?
    /// Without an encoding the file is read with the platform's locale
    /// encoding, so the same code reads the same file differently on other
    /// systems (PEP 597).
    ///
    /// ## Example
    /// ```python
    /// with open("notes.txt") as notes:
    ///     text = notes.read()
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// with open("notes.txt", encoding="utf-8") as notes:
    ///     text = notes.read()
    /// ```
    code: "W1514",
    symbol: "unspecified-encoding",
    category: Warning,
    checker: "stdlib",
    trigger: Trigger::Node(&[CALL], check),
}

const MESSAGE: &str = "Using open without explicitly specifying an encoding";

/// The functions pylint checks, with where their mode and encoding go.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Opener {
    /// `open` / `io.open`: `open(file, mode, buffering, encoding, ...)`.
    Io,
    /// `Path.open(mode, buffering, encoding, ...)`.
    PathOpen,
    /// `Path.read_text(encoding, errors)`.
    PathReadText,
    /// `Path.write_text(data, encoding, ...)`.
    PathWriteText,
}

impl Opener {
    /// pylint reads the mode at this position for `_io` functions (1) and
    /// for every pathlib one (0), even where that is another parameter.
    fn mode_position(self) -> usize {
        if self == Opener::Io { 1 } else { 0 }
    }

    fn encoding_position(self) -> usize {
        match self {
            Opener::Io => 3,
            Opener::PathOpen => 2,
            Opener::PathReadText => 0,
            Opener::PathWriteText => 1,
        }
    }

    fn takes_mode(self) -> bool {
        matches!(self, Opener::Io | Opener::PathOpen)
    }
}

/// What an argument is known to be, as far as the rule needs.
enum Value {
    /// A constant; `has_b`: its `str()` contains `b` (every bytes constant does).
    Constant { is_none: bool, has_b: bool },
    /// Something astroid cannot infer (a parameter without default).
    Uninferable,
    /// Anything else: the rule does not decide.
    Unknown,
}

/// Where an argument was found.
enum Argument<'t> {
    Given(Node<'t>),
    Missing,
    /// A `**` argument that may hold it.
    Undecided,
}

fn check(ctx: &mut Context, call: Node) {
    let Some(function) = call.child_by_field_id(FIELD_FUNCTION).map(strip_parens) else { return };
    let Some(opener) = opener(ctx, function) else { return };
    let Some(arguments) = call.child_by_field_id(FIELD_ARGUMENTS) else { return };
    if arguments.kind_id() != ARGUMENT_LIST {
        return;
    }
    let text_mode = match argument(ctx, arguments, opener.mode_position(), "mode") {
        Argument::Missing => true,
        Argument::Undecided => return,
        // pylint falls back on a parameter's default for the mode.
        Argument::Given(node) => match value_of(ctx, node, true) {
            Value::Constant { has_b, .. } => !has_b,
            // `open` with a mode it cannot infer is left alone by pylint;
            // `read_text` and `write_text` go on to the encoding.
            Value::Uninferable => !opener.takes_mode(),
            Value::Unknown => false,
        },
    };
    if !text_mode {
        return;
    }
    let unspecified = match argument(ctx, arguments, opener.encoding_position(), "encoding") {
        Argument::Given(node) => matches!(value_of(ctx, node, false), Value::Constant { is_none: true, .. }),
        Argument::Missing => true,
        Argument::Undecided => false,
    };
    if unspecified {
        ctx.report(call, MESSAGE);
    }
}

/// Which checked function `function` is.
fn opener(ctx: &Context, function: Node) -> Option<Opener> {
    match function.kind_id() {
        IDENTIFIER => (ctx.text(function) == "open" && is_io_open_name(ctx, function)).then_some(Opener::Io),
        ATTRIBUTE => {
            let object = strip_parens(function.child_by_field_id(FIELD_OBJECT)?);
            let name = ctx.text(function.child_by_field_id(FIELD_ATTRIBUTE)?);
            if name == "open" && object.kind_id() == IDENTIFIER && is_io_module(ctx, object) {
                return Some(Opener::Io);
            }
            let opener = match name {
                "open" => Opener::PathOpen,
                "read_text" => Opener::PathReadText,
                "write_text" => Opener::PathWriteText,
                _ => return None,
            };
            is_path_instance(ctx, object, 0).then_some(opener)
        }
        _ => None,
    }
}

/// `open` that means `_io.open`: the builtin (not shadowed, not brought by
/// a star import) or `from io import open`.
fn is_io_open_name(ctx: &Context, name: Node) -> bool {
    if ctx.is_builtin_at(name, "open") {
        return !star_imports_may_bind(ctx, "open");
    }
    only_binding(ctx, name).is_some_and(|binding| {
        imported(ctx, binding).is_some_and(|target| {
            matches!(&target, ImportTarget::From { level: 0, module, name } if is_io(module) && name == "open")
        })
    })
}

fn is_io(module: &str) -> bool {
    matches!(module, "io" | "_io" | "builtins")
}

/// A name bound to the `io`, `_io` or `builtins` module by `import`.
fn is_io_module(ctx: &Context, name: Node) -> bool {
    only_binding(ctx, name).is_some_and(|binding| {
        matches!(imported(ctx, binding), Some(ImportTarget::Module { module }) if is_io(&module))
    })
}

/// Whether a `from m import *` of the module binds `name` (or may: a module
/// that cannot be read).
pub(super) fn star_imports_may_bind(ctx: &Context, name: &str) -> bool {
    let stars = summary::ModuleSummary::star_imports_of(ctx.source, ctx.module.root());
    if stars.is_empty() {
        return false;
    }
    let Some((path, index)) = ctx.imports else { return true };
    stars.iter().any(|(level, module)| {
        let names = index.import(path, *level, module).and_then(|module| summary::public_names(index, &module));
        names.is_none_or(|names| names.iter().any(|bound| bound == name))
    })
}

/// What the import binding `binding` binds its name to.
pub(crate) fn imported(ctx: &Context, binding: &Binding) -> Option<ImportTarget> {
    if binding.kind != BindingKind::Import {
        return None;
    }
    summary::import_bindings(ctx.source, binding.statement)
        .into_iter()
        .find(|(bound, _)| bound == binding.name)
        .map(|(_, target)| target)
}

/// The one binding a name read at `name` can mean: the scope it resolves to
/// binds it once, and no function rebinds it with `global`.
pub(crate) fn only_binding<'a, 't>(ctx: &Context<'a, 't>, name: Node<'t>) -> Option<&'a Binding<'t>> {
    let semantic = ctx.semantic;
    let text = ctx.text(name);
    let scope = semantic.resolve(semantic.enclosing_scope(name), text)?;
    let mut bindings = semantic.bindings_of(scope, text);
    let (Some(only), None) = (bindings.next(), bindings.next()) else { return None };
    if scope == ScopeId(0) && semantic.function_scopes().any(|(_, function)| function.globals.contains(text)) {
        return None;
    }
    Some(only)
}

/// `Path(...)`, `PosixPath(...)`, `Path.cwd()`, a path method that returns
/// a path, `.parent`, or a name bound once to one of those before its use:
/// what astroid infers to a `pathlib` path instance.
fn is_path_instance(ctx: &Context, node: Node, depth: usize) -> bool {
    if depth > 4 {
        return false;
    }
    let node = strip_parens(node);
    match node.kind_id() {
        CALL => {
            let Some(function) = node.child_by_field_id(FIELD_FUNCTION).map(strip_parens) else { return false };
            if is_path_class(ctx, function) {
                return true;
            }
            let (Some(object), Some(method)) =
                (function.child_by_field_id(FIELD_OBJECT), function.child_by_field_id(FIELD_ATTRIBUTE))
            else {
                return false;
            };
            match ctx.text(method) {
                "cwd" | "home" => is_path_class(ctx, strip_parens(object)),
                "resolve" | "absolute" | "expanduser" | "joinpath" | "with_name" | "with_stem" | "with_suffix"
                | "relative_to" => is_path_instance(ctx, object, depth + 1),
                _ => false,
            }
        }
        ATTRIBUTE => {
            node.child_by_field_id(FIELD_ATTRIBUTE).is_some_and(|attribute| ctx.text(attribute) == "parent")
                && node.child_by_field_id(FIELD_OBJECT).is_some_and(|object| is_path_instance(ctx, object, depth + 1))
        }
        IDENTIFIER => {
            let Some(binding) = only_binding(ctx, node) else { return false };
            if binding.kind != BindingKind::Assignment || binding.unpacked {
                return false;
            }
            let same_scope = binding.scope == ctx.semantic.enclosing_scope(node);
            if same_scope && binding.identifier.start_byte() > node.start_byte() {
                return false;
            }
            let Some(assignment) = binding.identifier.parent().filter(|parent| parent.kind_id() == ASSIGNMENT) else {
                return false;
            };
            assignment.child_by_field_id(FIELD_LEFT) == Some(binding.identifier)
                && assignment.child_by_field_id(FIELD_RIGHT).is_some_and(|value| is_path_instance(ctx, value, depth + 1))
        }
        _ => false,
    }
}

/// `Path`, `PosixPath` or `WindowsPath` from `pathlib` (imported from it,
/// or as an attribute of the imported module).
fn is_path_class(ctx: &Context, node: Node) -> bool {
    const CLASSES: [&str; 3] = ["Path", "PosixPath", "WindowsPath"];
    match node.kind_id() {
        IDENTIFIER => only_binding(ctx, node).is_some_and(|binding| {
            matches!(imported(ctx, binding), Some(ImportTarget::From { level: 0, module, name })
                if module == "pathlib" && CLASSES.contains(&name.as_str()))
        }),
        ATTRIBUTE => {
            let (Some(object), Some(attribute)) =
                (node.child_by_field_id(FIELD_OBJECT), node.child_by_field_id(FIELD_ATTRIBUTE))
            else {
                return false;
            };
            CLASSES.contains(&ctx.text(attribute))
                && object.kind_id() == IDENTIFIER
                && only_binding(ctx, object).is_some_and(|binding| {
                    matches!(imported(ctx, binding), Some(ImportTarget::Module { module }) if module == "pathlib")
                })
        }
        _ => false,
    }
}

/// pylint's `get_argument_from_call` then `infer_kwarg_from_call`: the
/// positional argument at `position` (a `*args` counts as one), else the
/// keyword argument, else the key of a `**` dict.
fn argument<'t>(ctx: &Context<'_, 't>, arguments: Node<'t>, position: usize, keyword: &str) -> Argument<'t> {
    let mut positional = code_children(arguments).filter(|argument| {
        !matches!(argument.kind_id(), KEYWORD_ARGUMENT | DICTIONARY_SPLAT)
    });
    if let Some(argument) = positional.nth(position) {
        return Argument::Given(argument);
    }
    for argument in code_children(arguments).filter(|argument| argument.kind_id() == KEYWORD_ARGUMENT) {
        let name = argument.child_by_field_id(FIELD_NAME).map(|name| ctx.text(name));
        if name == Some(keyword) {
            if let Some(value) = argument.child_by_field_id(FIELD_VALUE) {
                return Argument::Given(value);
            }
        }
    }
    for splat in code_children(arguments).filter(|argument| argument.kind_id() == DICTIONARY_SPLAT) {
        let Some(value) = code_children(splat).next().map(strip_parens) else { return Argument::Undecided };
        match value.kind_id() {
            DICTIONARY => {
                if let Some(found) = keyed_value(ctx, value, keyword) {
                    return found;
                }
            }
            // The function's own `**kwargs`: astroid infers it to an empty dict.
            IDENTIFIER if is_kwargs_parameter(ctx, value) => {}
            // A name whose reaching assignment is a dict display.
            IDENTIFIER => {
                let Some(display) = super::use_implicit_booleaness_not_len::reaching_value(ctx, value)
                    .map(strip_parens)
                    .filter(|display| display.kind_id() == DICTIONARY)
                else {
                    return Argument::Undecided;
                };
                match keyed_value(ctx, display, keyword) {
                    Some(found) => return found,
                    None => {}
                }
            }
            _ => return Argument::Undecided,
        }
    }
    Argument::Missing
}

/// The value under the string key `keyword` of a dict display
/// (`Some(Undecided)` when a key is not a plain string); `None` when absent.
fn keyed_value<'t>(ctx: &Context<'_, 't>, display: Node<'t>, keyword: &str) -> Option<Argument<'t>> {
    for pair in code_children(display) {
        if pair.kind_id() != PAIR {
            // `{**other}` inside: its keys are not known.
            return Some(Argument::Undecided);
        }
        let key = pair.child_by_field_id(FIELD_KEY).map(strip_parens);
        match key.and_then(|key| string_value(ctx, key)) {
            Some(StringValue::Text(text)) if text == keyword => {
                return Some(pair.child_by_field_id(FIELD_VALUE).map_or(Argument::Undecided, Argument::Given));
            }
            Some(_) => {}
            None => return Some(Argument::Undecided),
        }
    }
    None
}

pub(crate) fn is_kwargs_parameter(ctx: &Context, name: Node) -> bool {
    only_binding(ctx, name).is_some_and(|binding| {
        binding.kind == BindingKind::Parameter && binding.statement.kind_id() == DICTIONARY_SPLAT_PATTERN
    })
}

/// What astroid's `safe_infer` gives for an argument, in the cases modelled:
/// literals, names bound once to a literal, and parameters. A parameter
/// infers to its default and to "anything", which `safe_infer` calls
/// ambiguous; with `parameter_default` (pylint's fallback for the mode) its
/// default is taken instead.
fn value_of(ctx: &Context, node: Node, parameter_default: bool) -> Value {
    let node = strip_parens(node);
    if let Some(constant) = constant(ctx, node) {
        return constant;
    }
    if node.kind_id() != IDENTIFIER {
        return Value::Unknown;
    }
    // A parameter alone in its scope: no default infers to nothing; with
    // one, `safe_infer` sees the default and "anything" (ambiguous).
    if let Some(binding) = only_binding(ctx, node).filter(|binding| binding.kind == BindingKind::Parameter) {
        return match binding.statement.kind_id() {
            IDENTIFIER | TYPED_PARAMETER => Value::Uninferable,
            DEFAULT_PARAMETER | TYPED_DEFAULT_PARAMETER if parameter_default => binding
                .statement
                .child_by_field_id(FIELD_VALUE)
                .and_then(|default| constant(ctx, strip_parens(default)))
                .unwrap_or(Value::Unknown),
            _ => Value::Unknown,
        };
    }
    // Otherwise the one assignment astroid keeps for this read.
    super::use_implicit_booleaness_not_len::reaching_value(ctx, node)
        .and_then(|value| constant(ctx, strip_parens(value)))
        .unwrap_or(Value::Unknown)
}

/// A literal constant: a string or bytes literal without interpolation or
/// escapes, `None`, `True`/`False` or an integer.
fn constant(ctx: &Context, node: Node) -> Option<Value> {
    match node.kind_id() {
        NONE => Some(Value::Constant { is_none: true, has_b: false }),
        TRUE | FALSE | INTEGER => Some(Value::Constant { is_none: false, has_b: false }),
        STRING | CONCATENATED_STRING => match string_value(ctx, node)? {
            StringValue::Text(text) => Some(Value::Constant { is_none: false, has_b: text.contains('b') }),
            StringValue::Bytes => Some(Value::Constant { is_none: false, has_b: true }),
        },
        _ => None,
    }
}

enum StringValue {
    Text(String),
    Bytes,
}

/// The value of a (possibly implicitly concatenated) string literal; `None`
/// for f-strings and escapes, whose value is not read here.
fn string_value(ctx: &Context, node: Node) -> Option<StringValue> {
    let parts: Vec<Node> = match node.kind_id() {
        STRING => vec![node],
        CONCATENATED_STRING => code_children(node).collect(),
        _ => return None,
    };
    let mut text = String::new();
    let mut bytes = false;
    for part in parts {
        if part.kind_id() != STRING {
            return None;
        }
        let prefix = syntax::string_prefix(ctx.source, part).to_ascii_lowercase();
        if prefix.contains('f') || prefix.contains('t') {
            return None;
        }
        bytes |= prefix.contains('b');
        for child in code_children(part) {
            match child.kind_id() {
                STRING_START | STRING_END => {}
                STRING_CONTENT => {
                    if code_children(child).next().is_some() {
                        return None;
                    }
                    text.push_str(ctx.text(child));
                }
                _ => return None,
            }
        }
    }
    Some(if bytes { StringValue::Bytes } else { StringValue::Text(text) })
}
