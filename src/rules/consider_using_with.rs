use super::prelude::*;
use crate::semantic::classes::{self, MethodKind, Receivers};
use crate::semantic::infer::assigned_value;
use crate::semantic::summary;
use crate::syntax::FastHashMap;

declare_rule! {
    /// ## What it does
    /// Checks for resources opened outside a `with` statement: calls of
    /// `open`, `subprocess.Popen`, `tempfile.TemporaryFile` and the like
    /// whose result is not assigned to a name later used in a `with`, nor
    /// returned, nor handed to `ExitStack.enter_context`.
    ///
    /// ## Why is this bad?
    /// Without `with`, an exception between opening and closing leaks the
    /// file handle, process or temporary file; `with` releases it on every
    /// path.
    ///
    /// ## Example
    /// ```python
    /// def read_config(path):
    ///     handle = open(path, encoding="utf-8")
    ///     text = handle.read()
    ///     handle.close()
    ///     return text
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// def read_config(path):
    ///     with open(path, encoding="utf-8") as handle:
    ///         return handle.read()
    /// ```
    ///
    /// It also checks for `acquire()` of a `threading` lock or semaphore
    /// and `start()` of a `multiprocessing` manager, where the receiver is
    /// a name assigned once, or an attribute of `self` stored once, from the
    /// constructor call (what pylint infers of the receiver, made certain).
    ///
    /// Calls inside `__enter__` or a `@contextmanager` function are exempt:
    /// they manage the resource themselves.
    code: "R1732",
    symbol: "consider-using-with",
    category: Refactor,
    checker: "refactoring",
    trigger: Trigger::Module(check),
}

/// What pylint's `CALLS_RETURNING_CONTEXT_MANAGERS` holds, by the names
/// the calls are written with.
/// (`tempfile.TemporaryFile` is two definitions, one per platform, which
/// astroid cannot choose between.)
const CONTEXT_MANAGER_FACTORIES: &[&str] = &[
    "builtins.open",
    "io.open",
    "_io.open",
    "codecs.open",
    "urllib.request.urlopen",
    "tempfile.NamedTemporaryFile",
    "tempfile.SpooledTemporaryFile",
    "tempfile.TemporaryDirectory",
    "zipfile.ZipFile",
    "zipfile.PyZipFile",
    "tarfile.TarFile",
    "tarfile.TarFile.open",
    "tarfile.open",
    "subprocess.Popen",
    "multiprocessing.Pool",
];

/// pylint's `CALLS_THAT_COULD_BE_REPLACED_BY_WITH`, as the constructor of
/// the receiver and the method called: `threading.lock.acquire` (astroid's
/// brain makes `Lock()` a `lock`), `threading._RLock.acquire`,
/// `threading.Semaphore.acquire` (inherited by `BoundedSemaphore`), and the
/// managers' `start`.
const ACQUISITIONS: &[(&str, &str)] = &[
    ("threading.Lock", "acquire"),
    ("threading.RLock", "acquire"),
    ("threading.Semaphore", "acquire"),
    ("threading.BoundedSemaphore", "acquire"),
    ("multiprocessing.managers.BaseManager", "start"),
    ("multiprocessing.managers.SyncManager", "start"),
];

const MESSAGE: &str = "Consider using 'with' for resource-allocating operations";

/// pylint's three stacks of assigned resources not yet seen in a `with`,
/// by variable name, in insertion order.
#[derive(Default)]
struct Stacks<'t> {
    function: Vec<(&'t str, Node<'t>)>,
    class: Vec<(&'t str, Node<'t>)>,
    module: Vec<(&'t str, Node<'t>)>,
}

enum Event<'t> {
    Enter(Node<'t>),
    Leave(Node<'t>),
}

fn check(ctx: &mut Context) {
    // Every factory's name contains one of these: most files can skip the walk.
    if !["open", "Temporary", "ZipFile", "TarFile", "Pool", ".acquire(", ".start("].iter().any(|word| ctx.source.contains(word)) {
        return;
    }
    let root = ctx.module.root();
    let mut stacks = Stacks::default();
    let mut reports: Vec<Node> = Vec::new();
    let mut receivers = ReceiverModel::default();
    let mut pending = vec![Event::Enter(root)];
    while let Some(event) = pending.pop() {
        match event {
            Event::Enter(node) => {
                match node.kind_id() {
                    ASSIGNMENT => assign(ctx, node, &mut stacks, &mut reports),
                    CALL => {
                        call(ctx, node, &stacks, &mut reports);
                        if is_acquisition(ctx, node, &mut receivers) {
                            reports.push(node);
                        }
                    }
                    WITH_STATEMENT => with(ctx, node, &mut stacks),
                    _ => {}
                }
                if matches!(node.kind_id(), FUNCTION_DEFINITION | CLASS_DEFINITION) {
                    pending.push(Event::Leave(node));
                }
                let children: Vec<Node> = code_children(node).collect();
                pending.extend(children.into_iter().rev().map(Event::Enter));
            }
            Event::Leave(node) => {
                let stack = if node.kind_id() == FUNCTION_DEFINITION { &mut stacks.function } else { &mut stacks.class };
                reports.extend(stack.drain(..).map(|(_, call)| call));
            }
        }
    }
    reports.extend(stacks.module.drain(..).map(|(_, call)| call));
    for call in reports {
        ctx.report(call, MESSAGE);
    }
}

/// The frame pylint files a node's resources under.
fn stack_for<'s, 't>(stacks: &'s mut Stacks<'t>, node: Node<'t>) -> &'s mut Vec<(&'t str, Node<'t>)> {
    match super::too_many_arguments::enclosing_frame(node).map(|frame| frame.kind_id()) {
        Some(FUNCTION_DEFINITION) => &mut stacks.function,
        Some(CLASS_DEFINITION) => &mut stacks.class,
        _ => &mut stacks.module,
    }
}

fn assign<'t>(ctx: &Context<'_, 't>, assignment: Node<'t>, stacks: &mut Stacks<'t>, reports: &mut Vec<Node<'t>>) {
    // Only the outer node of a chain, and not annotated assignments.
    if assignment.parent().is_some_and(|parent| parent.kind_id() == ASSIGNMENT)
        || assignment.child_by_field_id(FIELD_TYPE).is_some()
        || in_context_manager(ctx, assignment)
    {
        return;
    }
    let Some(target) = assignment.child_by_field_id(FIELD_LEFT) else { return };
    let mut value = assignment.child_by_field_id(FIELD_RIGHT);
    while let Some(link) = value.filter(|node| node.kind_id() == ASSIGNMENT) {
        value = link.child_by_field_id(FIELD_RIGHT);
    }
    let Some(value) = value else { return };
    let pairs: Vec<(Node, Node)> = if matches!(target.kind_id(), PATTERN_LIST | TUPLE_PATTERN | LIST_PATTERN) {
        let value = strip_parens(value);
        if !matches!(value.kind_id(), EXPRESSION_LIST | TUPLE | LIST) {
            return;
        }
        code_children(target).zip(code_children(value)).collect()
    } else {
        vec![(target, value)]
    };
    for (assignee, value) in pairs {
        let value = strip_parens(value);
        if value.kind_id() != CALL || !is_context_manager_factory(ctx, value) {
            continue;
        }
        let variable = match assignee.kind_id() {
            IDENTIFIER => ctx.text(assignee),
            ATTRIBUTE => match assignee.child_by_field_id(FIELD_ATTRIBUTE) {
                Some(attribute) => ctx.text(attribute),
                None => continue,
            },
            _ => continue,
        };
        let stack = stack_for(stacks, assignment);
        if let Some(index) = stack.iter().position(|(name, _)| *name == variable) {
            let existing = stack[index].1;
            // Only one of two exclusive assignments runs: the later replaces
            // the earlier silently; otherwise the earlier was never used.
            if !super::function_redefined::are_exclusive(assignment, existing) {
                reports.push(existing);
            }
            stack[index].1 = value;
        } else {
            stack.push((variable, value));
        }
    }
}

fn call<'t>(ctx: &Context<'_, 't>, call: Node<'t>, stacks: &Stacks<'t>, reports: &mut Vec<Node<'t>>) {
    if !is_context_manager_factory(ctx, call) || in_context_manager(ctx, call) || in_return(call) {
        return;
    }
    let assigned = [&stacks.function, &stacks.class, &stacks.module]
        .into_iter()
        .any(|stack| stack.iter().any(|(_, assigned)| assigned.id() == call.id()));
    if assigned || in_with_items(call) || released_by_exit_stack(ctx, call) {
        return;
    }
    reports.push(call);
}

/// `with name:` takes an assigned resource off the first stack holding it.
fn with<'t>(ctx: &Context<'_, 't>, statement: Node<'t>, stacks: &mut Stacks<'t>) {
    for item in with_items(statement) {
        let Some(mut expression) = item.child_by_field_id(FIELD_VALUE) else { continue };
        if expression.kind_id() == AS_PATTERN {
            match code_children(expression).next() {
                Some(inner) => expression = inner,
                None => continue,
            }
        }
        let expression = strip_parens(expression);
        if expression.kind_id() != IDENTIFIER {
            continue;
        }
        let name = ctx.text(expression);
        for stack in [&mut stacks.function, &mut stacks.class, &mut stacks.module] {
            if let Some(index) = stack.iter().position(|(variable, _)| *variable == name) {
                stack.remove(index);
                break;
            }
        }
    }
}

fn with_items(statement: Node) -> Vec<Node> {
    code_children(statement)
        .filter(|child| child.kind_id() == WITH_CLAUSE)
        .flat_map(|clause| code_children(clause).filter(|item| item.kind_id() == WITH_ITEM).collect::<Vec<_>>())
        .collect()
}

fn is_context_manager_factory(ctx: &Context, call: Node) -> bool {
    let Some(callee) = call.child_by_field_id(FIELD_FUNCTION) else { return false };
    let scope = ctx.semantic.enclosing_scope(callee);
    super::dangerous_default_value::qualified_name(ctx, callee, scope)
        .or_else(|| package_attribute_chain(ctx, callee, scope))
        .is_some_and(|name| CONTEXT_MANAGER_FACTORIES.contains(&name.as_str()))
}

/// `urllib.request.urlopen` after several `import urllib.<module>`
/// statements: each binds the package `urllib`, so the chain is the
/// qualified name.
fn package_attribute_chain(ctx: &Context, callee: Node, scope: crate::semantic::ScopeId) -> Option<String> {
    let mut root = callee;
    while root.kind_id() == ATTRIBUTE {
        root = root.child_by_field_id(FIELD_OBJECT)?;
    }
    if root.kind_id() != IDENTIFIER || root.id() == callee.id() {
        return None;
    }
    let name = ctx.text(root);
    let defining = ctx.semantic.resolve(scope, name)?;
    let all_package_imports = ctx.semantic.bindings_of(defining, name).all(|binding| {
        binding.kind == BindingKind::Import
            && binding.statement.kind_id() == IMPORT_STATEMENT
            && binding.identifier.parent().is_some_and(|parent| parent.kind_id() == DOTTED_NAME)
    });
    let chain = ctx.text(callee);
    (all_package_imports && !chain.contains(char::is_whitespace)).then(|| chain.to_string())
}

/// Inside `__enter__` or a `@contextmanager` generator, which manage the
/// resource themselves.
fn in_context_manager(ctx: &Context, node: Node) -> bool {
    let Some(frame) = super::too_many_arguments::enclosing_frame(node) else { return false };
    if frame.kind_id() != FUNCTION_DEFINITION {
        return false;
    }
    frame.child_by_field_id(FIELD_NAME).is_some_and(|name| ctx.text(name) == "__enter__")
        || super::unused_argument::decorated_with(ctx, frame, &["contextmanager"])
}

fn in_return(call: Node) -> bool {
    let mut current = call.parent();
    while let Some(ancestor) = current {
        match ancestor.kind_id() {
            RETURN_STATEMENT => return true,
            FUNCTION_DEFINITION | CLASS_DEFINITION | LAMBDA | MODULE => return false,
            _ => current = ancestor.parent(),
        }
    }
    false
}

/// pylint's line test: the call is on a line of the items of the first
/// `with` around it.
fn in_with_items(call: Node) -> bool {
    let mut current = call.parent();
    while let Some(ancestor) = current {
        match ancestor.kind_id() {
            WITH_STATEMENT => {
                let items = with_items(ancestor);
                let (Some(first), Some(last)) = (items.first(), items.last()) else { return false };
                let (Some(start), Some(end)) = (item_expression(*first), item_expression(*last)) else { return false };
                let line = call.start_position().row;
                return start.start_position().row <= line && line <= end.end_position().row;
            }
            FUNCTION_DEFINITION | CLASS_DEFINITION | LAMBDA | MODULE => return false,
            _ => current = ancestor.parent(),
        }
    }
    false
}

/// The context expression of a with item, without its `as` target.
fn item_expression(item: Node) -> Option<Node> {
    let value = item.child_by_field_id(FIELD_VALUE)?;
    if value.kind_id() == AS_PATTERN {
        code_children(value).next()
    } else {
        Some(value)
    }
}

/// `stack.enter_context(open(...))`: the exit stack closes it.
fn released_by_exit_stack(ctx: &Context, call: Node) -> bool {
    let Some(arguments) = call.parent().filter(|parent| parent.kind_id() == ARGUMENT_LIST) else { return false };
    let Some(outer) = arguments.parent().filter(|parent| parent.kind_id() == CALL) else { return false };
    outer.child_by_field_id(FIELD_FUNCTION).is_some_and(|callee| {
        callee.kind_id() == ATTRIBUTE
            && callee.child_by_field_id(FIELD_ATTRIBUTE).is_some_and(|attribute| ctx.text(attribute) == "enter_context")
    })
}

/// What finding the constructor of `self.name` needs, built on first use.
#[derive(Default)]
struct ReceiverModel<'t> {
    receivers: Option<Receivers<'t>>,
    /// The module's stored attributes (`x.name = ...`), by name.
    stored: Option<FastHashMap<&'t str, Vec<Node<'t>>>>,
}

fn stored_attributes<'t>(ctx: &Context<'_, 't>) -> FastHashMap<&'t str, Vec<Node<'t>>> {
    let mut stored: FastHashMap<&'t str, Vec<Node<'t>>> = FastHashMap::default();
    for attribute in syntax::nodes_of_kind(ctx.module.root(), ATTRIBUTE) {
        if classes::stored_augmented(attribute).is_none() {
            continue;
        }
        if let Some(name) = attribute.child_by_field_id(FIELD_ATTRIBUTE) {
            stored.entry(ctx.text(name)).or_default().push(attribute);
        }
    }
    stored
}

/// `lock.acquire()` or `manager.start()` on a receiver built by one of
/// [`ACQUISITIONS`]' constructors, outside the places pylint exempts.
fn is_acquisition<'t>(ctx: &Context<'_, 't>, call: Node<'t>, receivers: &mut ReceiverModel<'t>) -> bool {
    let Some(callee) = call.child_by_field_id(FIELD_FUNCTION).filter(|callee| callee.kind_id() == ATTRIBUTE) else { return false };
    let Some(method) = callee.child_by_field_id(FIELD_ATTRIBUTE).map(|name| ctx.text(name)) else { return false };
    if !ACQUISITIONS.iter().any(|(_, acquiring)| *acquiring == method) {
        return false;
    }
    let Some(receiver) = callee.child_by_field_id(FIELD_OBJECT).map(strip_parens) else { return false };
    let Some(constructor) = receiver_constructor(ctx, receiver, receivers) else { return false };
    let scope = ctx.semantic.enclosing_scope(constructor);
    let Some(qualified) = constructor.child_by_field_id(FIELD_FUNCTION).and_then(|function| {
        super::dangerous_default_value::qualified_name(ctx, function, scope).or_else(|| relatively_imported(ctx, function, scope))
    }) else {
        return false;
    };
    ACQUISITIONS.iter().any(|(class, acquiring)| *class == qualified && *acquiring == method)
        && !in_context_manager(ctx, call)
        && !in_return(call)
        && !released_by_exit_stack(ctx, call)
}

/// The one call a receiver was built by: a name bound once in its scope,
/// by a plain assignment; or `self.name` in a method of a class whose
/// ancestors are all classes of this module (astroid's `instance_attr`
/// looks through them), stored once through the receiver of one of those
/// classes and never through anything but a method's receiver. (A class-body binding of the name
/// comes after the instance's value in astroid's answer: it does not count.)
fn receiver_constructor<'t>(ctx: &Context<'_, 't>, receiver: Node<'t>, model: &mut ReceiverModel<'t>) -> Option<Node<'t>> {
    let value = match receiver.kind_id() {
        IDENTIFIER => {
            let name = ctx.text(receiver);
            let scope = ctx.semantic.resolve(ctx.semantic.enclosing_scope(receiver), name)?;
            let mut bindings = ctx.semantic.bindings_of(scope, name);
            let (Some(binding), None) = (bindings.next(), bindings.next()) else { return None };
            if binding.kind != BindingKind::Assignment || binding.unpacked {
                return None;
            }
            assigned_value(binding.identifier)?
        }
        ATTRIBUTE => {
            let object = strip_parens(receiver.child_by_field_id(FIELD_OBJECT)?);
            let name = ctx.text(receiver.child_by_field_id(FIELD_ATTRIBUTE)?);
            let receivers = model.receivers.get_or_insert_with(|| Receivers::new(ctx.source, ctx.module.root(), ctx.semantic));
            let stored = model.stored.get_or_insert_with(|| stored_attributes(ctx));
            let owner = receivers.receiver(ctx.semantic, object).filter(|owner| owner.kind == MethodKind::Instance)?;
            let lineage = super::too_few_public_methods::lineage(ctx, owner.class)?;
            if lineage.has_builtin_base {
                return None;
            }
            // Stores through other classes' receivers are theirs; one through
            // anything else could be this class's.
            let in_lineage = |class: Node| lineage.classes.iter().any(|member| *member == class);
            let mut stores = Vec::new();
            for &attribute in stored.get(name).into_iter().flatten() {
                let store_owner = attribute.child_by_field_id(FIELD_OBJECT).map(strip_parens).and_then(|object| receivers.receiver(ctx.semantic, object));
                match store_owner {
                    Some(store_owner) if store_owner.kind == MethodKind::Instance => {
                        if in_lineage(store_owner.class) {
                            stores.push(attribute);
                        }
                    }
                    _ => return None,
                }
            }
            let [store] = stores.as_slice() else { return None };
            assigned_value(*store)?
        }
        _ => return None,
    };
    let value = strip_parens(value);
    (value.kind_id() == CALL).then_some(value)
}

/// The absolute name of a name bound once by a relative import (`from
/// .managers import SyncManager` in `multiprocessing/context.py` is
/// `multiprocessing.managers.SyncManager`), from the checked file's path.
fn relatively_imported(ctx: &Context, name: Node, scope: crate::semantic::ScopeId) -> Option<String> {
    let (path, _) = ctx.imports?;
    if name.kind_id() != IDENTIFIER {
        return None;
    }
    let target = super::too_many_ancestors::import_of_name(ctx, scope, ctx.text(name))?;
    let summary::ImportTarget::From { level, module, name } = target else { return None };
    if level == 0 {
        return None;
    }
    let mut package: Vec<String> = super::too_many_ancestors::module_name(path).split('.').map(str::to_string).collect();
    // A module's own name is not part of its package; a package's `__init__` is.
    let levels_up = if path.file_stem().is_some_and(|stem| stem == "__init__") { level - 1 } else { level };
    if levels_up > package.len() {
        return None;
    }
    package.truncate(package.len() - levels_up);
    package.extend(module.split('.').filter(|part| !part.is_empty()).map(str::to_string));
    package.push(name);
    Some(package.join("."))
}
