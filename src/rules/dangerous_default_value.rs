use super::prelude::*;
use crate::semantic::{Binding, ScopeId};

declare_rule! {
    /// ## What it does
    /// Checks for parameter defaults that are mutable: list, dict and set
    /// values (literals, calls of `list`/`dict`/`set`, `collections`
    /// containers, or module names bound to one), and the same as field
    /// defaults of a `typing.NamedTuple` class.
    ///
    /// ## Why is this bad?
    /// A default is evaluated once, when the `def` runs; every call that
    /// mutates it changes the value all later calls see.
    ///
    /// ## Example
    /// ```python
    /// def add(item, items=[]):
    ///     items.append(item)
    ///     return items
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// def add(item, items=None):
    ///     if items is None:
    ///         items = []
    ///     items.append(item)
    ///     return items
    /// ```
    code: "W0102",
    symbol: "dangerous-default-value",
    category: Warning,
    checker: "basic",
    trigger: Trigger::Node(&[FUNCTION_DEFINITION, CLASS_DEFINITION], check),
}

/// The `collections` classes pylint treats as mutable defaults.
const MUTABLE_COLLECTIONS: &[&str] =
    &["deque", "ChainMap", "Counter", "OrderedDict", "defaultdict", "UserDict", "UserList"];

fn check(ctx: &mut Context, node: Node) {
    if node.kind_id() == CLASS_DEFINITION {
        check_named_tuple_fields(ctx, node);
        return;
    }
    let Some(parameters) = node.child_by_field_id(FIELD_PARAMETERS) else { return };
    let scope = ctx.semantic.enclosing_scope(node);
    let mut messages = Vec::new();
    for parameter in code_children(parameters) {
        if let Some(default) = parameter.child_by_field_id(FIELD_VALUE) {
            if let Some(shown) = describe_mutable(ctx, default, scope) {
                messages.push(shown);
            }
        }
    }
    for shown in messages {
        super::too_many_branches::report_on_def(ctx, node, format!("Dangerous default value {shown} as argument"));
    }
}

/// Field defaults of a class deriving from `typing.NamedTuple`.
fn check_named_tuple_fields(ctx: &mut Context, class: Node) {
    let scope = ctx.semantic.enclosing_scope(class);
    let derives_named_tuple = class.child_by_field_id(FIELD_SUPERCLASSES).is_some_and(|bases| {
        code_children(bases).any(|base| qualified_name(ctx, base, scope).as_deref() == Some("typing.NamedTuple"))
    });
    if !derives_named_tuple {
        return;
    }
    let Some(body) = class.child_by_field_id(FIELD_BODY) else { return };
    let class_scope = ctx.semantic.scope_of(class).unwrap_or(scope);
    for statement in code_children(body) {
        if statement.kind_id() != EXPRESSION_STATEMENT {
            continue;
        }
        let Some(assignment) = statement.named_child(0).filter(|child| child.kind_id() == ASSIGNMENT) else { continue };
        if assignment.child_by_field_id(FIELD_TYPE).is_none() {
            continue;
        }
        let Some(value) = assignment.child_by_field_id(FIELD_RIGHT) else { continue };
        if let Some(shown) = describe_mutable(ctx, value, class_scope) {
            ctx.report(assignment, format!("Dangerous default value {shown} as argument"));
        }
    }
}

/// How pylint shows a default that is certainly a mutable container:
/// `[]`, `{}`, `set()` for literals, `list()`/`deque()` for calls, and
/// `NAME (builtins.dict)` for a name bound once to one.
fn describe_mutable(ctx: &Context, default: Node, scope: ScopeId) -> Option<String> {
    let default = strip_parens(default);
    if default.kind_id() == IDENTIFIER {
        let name = ctx.text(default);
        let binding = reaching_assignment(ctx, scope, default, name)?;
        let value = assigned_value(binding)?;
        let (qualified, _) = mutable_value(ctx, value, binding.scope)?;
        return Some(format!("{name} ({qualified})"));
    }
    if is_list_concatenation(default) {
        let shown = super::consider_using_in::as_string(ctx.source, default);
        return Some(format!("{shown} (builtins.list)"));
    }
    mutable_value(ctx, default, scope).map(|(_, shown)| shown)
}

/// `[...] + [...]`, which astroid infers to a new list.
fn is_list_concatenation(node: Node) -> bool {
    node.kind_id() == BINARY_OPERATOR
        && node.child_by_field_id(FIELD_OPERATOR).is_some_and(|operator| operator.kind() == "+")
        && ["left", "right"]
            .iter()
            .all(|side| node.child_by_field_name(side).is_some_and(|operand| strip_parens(operand).kind_id() == LIST))
}

/// The qualified class name and pylint's short form of a value that is
/// certainly a list, dict, set or `collections` container.
fn mutable_value(ctx: &Context, value: Node, scope: ScopeId) -> Option<(String, String)> {
    let value = strip_parens(value);
    match value.kind_id() {
        LIST => Some(("builtins.list".into(), "[]".into())),
        DICTIONARY => Some(("builtins.dict".into(), "{}".into())),
        SET => Some(("builtins.set".into(), "set()".into())),
        CALL => {
            let function = value.child_by_field_id(FIELD_FUNCTION)?;
            let qualified = match function.kind_id() {
                ATTRIBUTE if is_builtin_dict_fromkeys(ctx, function, scope) => "builtins.dict".to_string(),
                _ => qualified_name(ctx, function, scope)?,
            };
            let class_name = match qualified.strip_prefix("collections.") {
                Some(class_name) if MUTABLE_COLLECTIONS.contains(&class_name) => class_name,
                _ => qualified.strip_prefix("builtins.").filter(|name| matches!(*name, "list" | "dict" | "set"))?,
            };
            let shown = format!("{class_name}()");
            Some((qualified, shown))
        }
        _ => None,
    }
}

/// `dict.fromkeys`, which astroid infers to a dict.
fn is_builtin_dict_fromkeys(ctx: &Context, function: Node, scope: ScopeId) -> bool {
    let object = function.child_by_field_id(FIELD_OBJECT);
    let attribute = function.child_by_field_id(FIELD_ATTRIBUTE);
    match (object, attribute) {
        (Some(object), Some(attribute)) => {
            object.kind_id() == IDENTIFIER
                && ctx.text(object) == "dict"
                && ctx.text(attribute) == "fromkeys"
                && ctx.semantic.is_builtin(scope, "dict")
        }
        _ => false,
    }
}

/// The dotted name an expression refers to when that is certain from the
/// imports: `builtins.list` for the builtin `list`, `collections.deque`
/// for `deque` imported from `collections` or `coll.deque` after
/// `import collections as coll`.
pub(crate) fn qualified_name(ctx: &Context, expression: Node, scope: ScopeId) -> Option<String> {
    let expression = strip_parens(expression);
    match expression.kind_id() {
        IDENTIFIER => {
            let name = ctx.text(expression);
            if ctx.semantic.is_builtin(scope, name) {
                return Some(format!("builtins.{name}"));
            }
            let defining = ctx.semantic.resolve(scope, name)?;
            let mut bindings = ctx.semantic.bindings_of(defining, name);
            let binding = bindings.next()?;
            if bindings.next().is_some() {
                return None;
            }
            imported_name(ctx, binding)
        }
        ATTRIBUTE => {
            let object = expression.child_by_field_id(FIELD_OBJECT)?;
            let attribute = expression.child_by_field_id(FIELD_ATTRIBUTE)?;
            let base = qualified_name(ctx, object, scope)?;
            Some(format!("{base}.{}", ctx.text(attribute)))
        }
        _ => None,
    }
}

/// What an import binding refers to: `m` for `import m`, `m` for
/// `import m as x`, `m.a` for `from m import a [as x]`. Relative imports
/// give `None`.
pub(crate) fn imported_name(ctx: &Context, binding: &Binding) -> Option<String> {
    if binding.kind != BindingKind::Import {
        return None;
    }
    let statement = binding.statement;
    let parent = binding.identifier.parent()?;
    let imported = match parent.kind_id() {
        ALIASED_IMPORT => ctx.text(parent.child_by_field_id(FIELD_NAME)?),
        // `import a.b` binds `a`, the top package.
        DOTTED_NAME if statement.kind_id() == IMPORT_STATEMENT => ctx.text(binding.identifier),
        DOTTED_NAME => ctx.text(parent),
        _ => return None,
    };
    match statement.kind_id() {
        IMPORT_STATEMENT => Some(imported.to_string()),
        IMPORT_FROM_STATEMENT => {
            let module = statement.child_by_field_id(FIELD_MODULE_NAME)?;
            if module.kind_id() != DOTTED_NAME {
                return None;
            }
            Some(format!("{}.{imported}", ctx.text(module)))
        }
        _ => None,
    }
}

/// The assignment whose value `name` has at `use`, when that is certain:
/// the only binding of an outer scope, or in the scope of the use the last
/// binding before it, made in a block that encloses the use (astroid's
/// lookup drops the earlier ones). Anything but a plain assignment leaves
/// the value uncertain.
pub(crate) fn reaching_assignment<'a, 't>(
    ctx: &'a Context<'_, 't>,
    scope: ScopeId,
    use_: Node,
    name: &str,
) -> Option<&'a Binding<'t>> {
    let defining = ctx.semantic.resolve(scope, name)?;
    let binding = if defining == scope {
        let binding = ctx
            .semantic
            .bindings_of(defining, name)
            .filter(|binding| binding.identifier.start_byte() < use_.start_byte())
            .last()?;
        let block = binding.statement.parent()?;
        let encloses = block.start_byte() <= use_.start_byte() && use_.end_byte() <= block.end_byte();
        encloses.then_some(binding)?
    } else {
        let mut bindings = ctx.semantic.bindings_of(defining, name);
        let binding = bindings.next()?;
        if bindings.next().is_some() {
            return None;
        }
        binding
    };
    (binding.kind == BindingKind::Assignment && !binding.unpacked).then_some(binding)
}

/// The value of `name = value` for the binding of `name`.
pub(crate) fn assigned_value<'t>(binding: &Binding<'t>) -> Option<Node<'t>> {
    let assignment = binding.identifier.parent()?;
    if assignment.kind_id() != ASSIGNMENT || assignment.child_by_field_id(FIELD_LEFT)? != binding.identifier {
        return None;
    }
    let value = assignment.child_by_field_id(FIELD_RIGHT)?;
    (value.kind_id() != ASSIGNMENT).then_some(value)
}
