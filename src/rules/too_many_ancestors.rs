use super::prelude::*;
use super::too_many_branches::report_on_def;
use crate::semantic::summary::{
    self, import_bindings, BaseRef, ImportTarget, ModuleIndex, ModuleRef, ModuleSummary, RemoteClass,
};
use crate::semantic::ScopeId;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

declare_rule! {
    /// ## What it does
    /// Checks for classes with more ancestors than `max-parents` (7 by
    /// default). Every class in the inheritance graph counts once, bases
    /// from other modules included; `object`, the builtin containers
    /// (`tuple`, `dict`, `list`, `set`) and the standard library's abstract
    /// collections and `typing` aliases are not counted, nor are their own
    /// ancestors.
    ///
    /// ## Why is this bad?
    /// A deep or wide inheritance graph spreads a class's behaviour over
    /// many places, which makes it hard to follow and fragile to change.
    ///
    /// ## Example
    /// ```python
    /// class Widget(Base, Pack, Place, Grid, XView, YView, Theming, Tracing):
    ///     ...
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// class Widget(Base):
    ///     def __init__(self):
    ///         self.layout = Layout()
    ///         self.view = View()
    /// ```
    ///
    /// A class is not checked when one of its ancestors cannot be resolved
    /// statically (a base that is a call or a subscript, a name bound more
    /// than once, a module that cannot be found): pylint skips what it
    /// cannot infer, so the count would be a guess.
    code: "R0901",
    symbol: "too-many-ancestors",
    category: Refactor,
    checker: "design",
    trigger: Trigger::Node(&[CLASS_DEFINITION], check),
}

/// pylint's `STDLIB_CLASSES_IGNORE_ANCESTOR`: these classes and everything
/// above them are not counted. (`bulitins.frozenset` is misspelled there, so
/// `frozenset` does count.)
const IGNORED_ANCESTORS: &[&str] = &[
    "builtins.object", "builtins.tuple", "builtins.dict", "builtins.list", "builtins.set",
    "collections.ChainMap", "collections.Counter", "collections.OrderedDict", "collections.UserDict",
    "collections.UserList", "collections.UserString", "collections.defaultdict", "collections.deque",
    "collections.namedtuple", "_collections_abc.Awaitable", "_collections_abc.Coroutine",
    "_collections_abc.AsyncIterable", "_collections_abc.AsyncIterator", "_collections_abc.AsyncGenerator",
    "_collections_abc.Hashable", "_collections_abc.Iterable", "_collections_abc.Iterator",
    "_collections_abc.Generator", "_collections_abc.Reversible", "_collections_abc.Sized",
    "_collections_abc.Container", "_collections_abc.Callable", "_collections_abc.Collection",
    "_collections_abc.Set", "_collections_abc.MutableSet", "_collections_abc.Mapping",
    "_collections_abc.MutableMapping", "_collections_abc.MappingView", "_collections_abc.KeysView",
    "_collections_abc.ItemsView", "_collections_abc.ValuesView", "_collections_abc.Sequence",
    "_collections_abc.MutableSequence", "_collections_abc.ByteString", "_collections_abc.Buffer",
    "typing.Tuple", "typing.List", "typing.Dict", "typing.Set", "typing.FrozenSet", "typing.Deque",
    "typing.DefaultDict", "typing.OrderedDict", "typing.Counter", "typing.ChainMap", "typing.Awaitable",
    "typing.Coroutine", "typing.AsyncIterable", "typing.AsyncIterator", "typing.AsyncGenerator",
    "typing.Iterable", "typing.Iterator", "typing.Generator", "typing.Reversible", "typing.Container",
    "typing.Collection", "typing.AbstractSet", "typing.MutableSet", "typing.Mapping", "typing.MutableMapping",
    "typing.Sequence", "typing.MutableSequence", "typing.ByteString", "typing.MappingView", "typing.KeysView",
    "typing.ItemsView", "typing.ValuesView", "typing.ContextManager", "typing.AsyncContextManager",
    "typing.Hashable", "typing.Sized", "typing_extensions.Buffer",
];

fn check(ctx: &mut Context, class: Node) {
    let mut hierarchy = Hierarchy::new(ctx).with_compiled_classes();
    let Some(count) = counted_ancestors(&mut hierarchy, ClassRef::Local(class)) else { return };
    let max = ctx.settings.max_parents;
    if count > max {
        report_on_def(ctx, class, format!("Too many ancestors ({count}/{max})"));
    }
}

/// pylint's `_get_parents`: the distinct ancestors, not walking past the
/// ignored ones. `None` when some ancestor cannot be resolved.
fn counted_ancestors<'t>(hierarchy: &mut Hierarchy<'_, '_, 't>, class: ClassRef<'t>) -> Option<usize> {
    let mut parents = HashSet::new();
    let mut to_explore = hierarchy.direct_bases(&class)?;
    while let Some(parent) = to_explore.pop() {
        if IGNORED_ANCESTORS.contains(&hierarchy.qualified_name(&parent).as_str()) {
            continue;
        }
        if parents.insert(parent.key()) {
            to_explore.extend(hierarchy.direct_bases(&parent)?);
        }
    }
    Some(parents.len())
}

/// A class as astroid infers it from a base expression.
#[derive(Clone, Debug)]
pub(crate) enum ClassRef<'t> {
    /// A `class` statement of the checked file.
    Local(Node<'t>),
    /// A top-level class of another module.
    Remote(RemoteClass),
    /// A class of `builtins`, by its canonical name.
    Builtin(&'static str),
    /// A class of a compiled module (`_ctypes.Structure`), which astroid
    /// builds from the living class. Only a `Hierarchy` made
    /// `with_compiled_classes` gives these; to the others such a class is
    /// unknown.
    Compiled(RemoteClass),
}

/// What makes two `ClassRef`s the same class.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) enum ClassKey {
    Local(usize),
    Remote(PathBuf, String),
    Builtin(&'static str),
}

impl ClassRef<'_> {
    pub(crate) fn key(&self) -> ClassKey {
        match self {
            ClassRef::Local(node) => ClassKey::Local(node.id()),
            ClassRef::Remote(class) | ClassRef::Compiled(class) => ClassKey::Remote(class.module.path.clone(), class.name.clone()),
            ClassRef::Builtin(name) => ClassKey::Builtin(name),
        }
    }

    /// Whether this is the class `name` defined in a module file called
    /// `module` (`abc`, `typing`, ...).
    pub(crate) fn is_remote(&self, module: &str, name: &str) -> bool {
        match self {
            ClassRef::Remote(class) => class.name == name && module_name(&class.module.path) == module,
            _ => false,
        }
    }
}

/// The `typing` factories whose result astroid's typing brain infers to a class.
fn is_type_variable(name: &str) -> bool {
    matches!(name, "TypeVar" | "ParamSpec" | "TypeVarTuple" | "NewType")
}

/// Whether a module binds `name` once, at its top level, to a
/// `typing.TypeVar(...)` (or `ParamSpec`, ...): a class to astroid.
fn is_type_variable_of(module: &ModuleRef, name: &str) -> bool {
    let summary = &module.summary;
    let from_typing = match summary.instances.get(name) {
        Some(BaseRef::Name(callee)) => matches!(summary.imports.get(callee),
            Some(ImportTarget::From { level: 0, module, name }) if module == "typing" && is_type_variable(name)),
        Some(BaseRef::Dotted(parts)) => {
            parts.len() == 2
                && is_type_variable(&parts[1])
                && matches!(summary.imports.get(&parts[0]), Some(ImportTarget::Module { module }) if module == "typing")
        }
        _ => false,
    };
    from_typing && summary.binding_counts.get(name) == Some(&1)
}


/// Python 3.11's builtin classes and their direct bases (`__bases__`), from
/// which astroid builds its `builtins` module.
const BUILTIN_BASES: &[(&str, &[&str])] = &[
    ("ArithmeticError", &["Exception"]), ("AssertionError", &["Exception"]), ("AttributeError", &["Exception"]),
    ("BaseException", &["object"]), ("BaseExceptionGroup", &["BaseException"]), ("BlockingIOError", &["OSError"]),
    ("BrokenPipeError", &["ConnectionError"]), ("BufferError", &["Exception"]), ("BytesWarning", &["Warning"]),
    ("ChildProcessError", &["OSError"]), ("ConnectionAbortedError", &["ConnectionError"]),
    ("ConnectionError", &["OSError"]), ("ConnectionRefusedError", &["ConnectionError"]),
    ("ConnectionResetError", &["ConnectionError"]), ("DeprecationWarning", &["Warning"]),
    ("EOFError", &["Exception"]), ("EncodingWarning", &["Warning"]), ("Exception", &["BaseException"]),
    ("ExceptionGroup", &["BaseExceptionGroup", "Exception"]), ("FileExistsError", &["OSError"]),
    ("FileNotFoundError", &["OSError"]), ("FloatingPointError", &["ArithmeticError"]),
    ("FutureWarning", &["Warning"]), ("GeneratorExit", &["BaseException"]), ("ImportError", &["Exception"]),
    ("ImportWarning", &["Warning"]), ("IndentationError", &["SyntaxError"]), ("IndexError", &["LookupError"]),
    ("InterruptedError", &["OSError"]), ("IsADirectoryError", &["OSError"]), ("KeyError", &["LookupError"]),
    ("KeyboardInterrupt", &["BaseException"]), ("LookupError", &["Exception"]), ("MemoryError", &["Exception"]),
    ("ModuleNotFoundError", &["ImportError"]), ("NameError", &["Exception"]),
    ("NotADirectoryError", &["OSError"]), ("NotImplementedError", &["RuntimeError"]), ("OSError", &["Exception"]),
    ("OverflowError", &["ArithmeticError"]), ("PendingDeprecationWarning", &["Warning"]),
    ("PermissionError", &["OSError"]), ("ProcessLookupError", &["OSError"]), ("RecursionError", &["RuntimeError"]),
    ("ReferenceError", &["Exception"]), ("ResourceWarning", &["Warning"]), ("RuntimeError", &["Exception"]),
    ("RuntimeWarning", &["Warning"]), ("StopAsyncIteration", &["Exception"]), ("StopIteration", &["Exception"]),
    ("SyntaxError", &["Exception"]), ("SyntaxWarning", &["Warning"]), ("SystemError", &["Exception"]),
    ("SystemExit", &["BaseException"]), ("TabError", &["IndentationError"]), ("TimeoutError", &["OSError"]),
    ("TypeError", &["Exception"]), ("UnboundLocalError", &["NameError"]), ("UnicodeDecodeError", &["UnicodeError"]),
    ("UnicodeEncodeError", &["UnicodeError"]), ("UnicodeError", &["ValueError"]),
    ("UnicodeTranslateError", &["UnicodeError"]), ("UnicodeWarning", &["Warning"]), ("UserWarning", &["Warning"]),
    ("ValueError", &["Exception"]), ("Warning", &["Exception"]), ("ZeroDivisionError", &["ArithmeticError"]),
    ("bool", &["int"]), ("bytearray", &["object"]), ("bytes", &["object"]), ("classmethod", &["object"]),
    ("complex", &["object"]), ("dict", &["object"]), ("enumerate", &["object"]), ("filter", &["object"]),
    ("float", &["object"]), ("frozenset", &["object"]), ("int", &["object"]), ("list", &["object"]),
    ("map", &["object"]), ("memoryview", &["object"]), ("object", &[]), ("property", &["object"]),
    ("range", &["object"]), ("reversed", &["object"]), ("set", &["object"]), ("slice", &["object"]),
    ("staticmethod", &["object"]), ("str", &["object"]), ("super", &["object"]), ("tuple", &["object"]),
    ("type", &["object"]), ("zip", &["object"]),
];

/// Whether the builtin class `class` is `ancestor` or inherits from it
/// (`None` when either is not a builtin class).
pub(crate) fn builtin_is_subclass(class: &str, ancestor: &str) -> Option<bool> {
    let (class, ancestor) = (builtin_class(class)?, builtin_class(ancestor)?);
    let mut pending = vec![class];
    while let Some(current) = pending.pop() {
        if current == ancestor {
            return Some(true);
        }
        let (_, bases) = BUILTIN_BASES.iter().find(|(name, _)| *name == current)?;
        pending.extend(bases.iter().copied());
    }
    Some(false)
}

/// The builtin class a builtin name refers to (`IOError` is `OSError`).
fn builtin_class(name: &str) -> Option<&'static str> {
    let canonical = match name {
        "IOError" | "EnvironmentError" => "OSError",
        _ => name,
    };
    BUILTIN_BASES.iter().find(|(class, _)| *class == canonical).map(|(class, _)| *class)
}

pub(crate) use crate::semantic::summary::dotted_module_name as module_name;

/// Resolves the bases of classes of the checked file and of the modules it
/// imports, caching what the star imports of the file bind.
pub(crate) struct Hierarchy<'c, 'a, 't> {
    ctx: &'c Context<'a, 't>,
    /// Per star import of the file, in order: the names it binds (`None`
    /// when they cannot be told) and the module.
    star_imports: Option<Vec<(Option<Vec<String>>, summary::ModuleRef)>>,
    /// Some star import's module could not be found.
    unknown_star_import: bool,
    bases: HashMap<ClassKey, Option<Vec<ClassRef<'t>>>>,
    /// Whether classes of compiled modules are resolved (as
    /// `ClassRef::Compiled`) rather than unknown.
    compiled_classes: bool,
}

impl<'c, 'a, 't> Hierarchy<'c, 'a, 't> {
    pub(crate) fn new(ctx: &'c Context<'a, 't>) -> Self {
        Hierarchy { ctx, star_imports: None, unknown_star_import: false, bases: HashMap::new(), compiled_classes: false }
    }

    /// Resolves classes of compiled modules too, for callers that handle
    /// `ClassRef::Compiled`.
    pub(crate) fn with_compiled_classes(mut self) -> Self {
        self.compiled_classes = true;
        self
    }

    /// `class`, unless it is a compiled class and this hierarchy leaves those unknown.
    fn admitted(&self, class: ClassRef<'t>) -> Option<ClassRef<'t>> {
        (self.compiled_classes || !matches!(class, ClassRef::Compiled(_))).then_some(class)
    }

    fn index(&self) -> Option<(&'a Path, &'a dyn ModuleIndex)> {
        self.ctx.imports
    }

    /// The qualified name astroid gives the class (`module.Class`).
    pub(crate) fn qualified_name(&self, class: &ClassRef<'t>) -> String {
        match class {
            ClassRef::Builtin(name) => format!("builtins.{name}"),
            ClassRef::Remote(class) | ClassRef::Compiled(class) => format!("{}.{}", module_name(&class.module.path), class.name),
            ClassRef::Local(node) => {
                let name = node.child_by_field_id(FIELD_NAME).map_or("", |name| self.ctx.text(name));
                let at_module_level = self.ctx.semantic.enclosing_scope(*node) == ScopeId(0);
                match self.index() {
                    Some((path, _)) if at_module_level => format!("{}.{name}", module_name(path)),
                    // Nested classes are qualified by their enclosing scopes,
                    // which never matches a name pylint looks for.
                    _ => format!("<local>.{name}"),
                }
            }
        }
    }

    /// astroid's bases of a class, inferred: `object` for a class without
    /// any. `None` when some base cannot be resolved.
    pub(crate) fn direct_bases(&mut self, class: &ClassRef<'t>) -> Option<Vec<ClassRef<'t>>> {
        let key = class.key();
        if let Some(known) = self.bases.get(&key) {
            return known.clone();
        }
        let bases = match class {
            ClassRef::Builtin(name) if summary::proxy_class(name).is_some() => Some(Vec::new()),
            ClassRef::Builtin(name) => BUILTIN_BASES
                .iter()
                .find(|(builtin, _)| builtin == name)
                .map(|(_, bases)| bases.iter().map(|base| ClassRef::Builtin(base)).collect()),
            ClassRef::Local(node) => self.local_bases(*node),
            ClassRef::Remote(remote) => self.remote_bases(remote),
            ClassRef::Compiled(compiled) => self.compiled_bases(compiled),
        };
        // A compiled class whose bases astroid could not find has no
        // ancestors at all: `object` stands in only for a class without bases.
        let declares_bases = matches!(class, ClassRef::Compiled(compiled) if compiled_class(compiled).is_some_and(|found| !found.bases.is_empty()));
        let bases = bases.map(|mut bases| {
            if bases.is_empty() && !matches!(class, ClassRef::Builtin("object")) && !declares_bases {
                bases.push(ClassRef::Builtin("object"));
            }
            bases
        });
        let bases = bases.filter(|bases| self.compiled_classes || !bases.iter().any(|base| matches!(base, ClassRef::Compiled(_))));
        self.bases.insert(key, bases.clone());
        bases
    }

    fn local_bases(&mut self, class: Node<'t>) -> Option<Vec<ClassRef<'t>>> {
        let mut bases = Vec::new();
        let Some(arguments) = class.child_by_field_id(FIELD_SUPERCLASSES) else { return Some(bases) };
        for argument in code_children(arguments) {
            match argument.kind_id() {
                KEYWORD_ARGUMENT => continue,
                // astroid leaves out a base it cannot infer at all.
                IDENTIFIER if self.is_undefined(argument) || self.is_read_from_plain_parameter(argument) => continue,
                IDENTIFIER | ATTRIBUTE if super::unused_argument::from_missing_module(self.ctx, self.ctx.semantic.enclosing_scope(class), argument) => {
                    continue
                }
                IDENTIFIER => bases.push(self.local_name(argument)?),
                ATTRIBUTE => match self.local_dotted_target(argument)? {
                    Target::Class(class) => bases.push(self.admitted(class)?),
                    Target::Circular => continue,
                    Target::Module(_) => return None,
                },
                SUBSCRIPT => bases.push(self.local_subscript(argument)?),
                _ => return None,
            }
        }
        Some(bases)
    }

    /// `Origin[index]` in the checked file, as a base.
    pub(crate) fn local_subscript(&mut self, subscript: Node<'t>) -> Option<ClassRef<'t>> {
        let origin = subscript.child_by_field_id(FIELD_VALUE)?;
        let origin = match origin.kind_id() {
            IDENTIFIER => self.local_name(origin)?,
            ATTRIBUTE => self.local_dotted(origin)?,
            _ => return None,
        };
        let indices: Vec<Node> = subscript.children_by_field_id(FIELD_SUBSCRIPT).collect();
        if let [index] = indices.as_slice() {
            if !summary::is_literal_index(*index) && !self.local_index_infers(*index) {
                return None;
            }
        }
        self.subscripted(origin)
    }

    /// Whether astroid's first inferred value of a subscript's index is
    /// known: a class, or a name bound once to a `TypeVar(...)` (a class
    /// to astroid's typing brain). A `TypeVar` defined per branch, say, is
    /// not: astroid then skips the whole base.
    fn local_index_infers(&mut self, index: Node<'t>) -> bool {
        match index.kind_id() {
            IDENTIFIER => {
                let ctx = self.ctx;
                let name = ctx.text(index);
                if let Some(scope) = ctx.semantic.resolve(ctx.semantic.enclosing_scope(index), name) {
                    // astroid infers the bindings in order and keeps the first value.
                    let first = ctx.semantic.bindings_of(scope, name).min_by_key(|binding| binding.identifier.start_byte());
                    if first.is_some_and(|binding| binding.kind == BindingKind::Assignment && self.assigns_type_variable(binding.statement)) {
                        return true;
                    }
                    if let Some(target) = first.filter(|binding| binding.kind == BindingKind::Import).and_then(|binding| {
                        import_bindings(ctx.source, binding.statement).into_iter().find(|(bound, _)| bound == name).map(|(_, target)| target)
                    }) {
                        if let (ImportTarget::From { level, module, name }, Some((path, index))) = (&target, self.index()) {
                            if index.import(path, *level, module).is_some_and(|from| is_type_variable_of(&from, name)) {
                                return true;
                            }
                        }
                    }
                }
                self.local_name(index).is_some()
            }
            ATTRIBUTE => self.local_dotted(index).is_some(),
            SUBSCRIPT => self.local_subscript(index).is_some(),
            _ => false,
        }
    }

    /// `T = TypeVar("T", ...)` (or `ParamSpec`, ...) imported from
    /// `typing`, bare or through `import typing`: a class to astroid's
    /// typing brain.
    fn assigns_type_variable(&self, statement: Node<'t>) -> bool {
        let ctx = self.ctx;
        let Some(assignment) = code_children(statement).next().filter(|child| child.kind_id() == ASSIGNMENT) else { return false };
        let Some(call) = assignment.child_by_field_id(FIELD_RIGHT).filter(|value| value.kind_id() == CALL) else { return false };
        let Some(callee) = call.child_by_field_id(FIELD_FUNCTION) else { return false };
        // The one import binding `identifier` where it is read.
        let imported = |identifier: Node<'t>| {
            let bound = ctx.text(identifier);
            let scope = ctx.semantic.resolve(ctx.semantic.enclosing_scope(identifier), bound)?;
            let mut bindings = ctx.semantic.bindings_of(scope, bound);
            let (Some(binding), None) = (bindings.next(), bindings.next()) else { return None };
            (binding.kind == BindingKind::Import)
                .then(|| import_bindings(ctx.source, binding.statement).into_iter().find(|(name, _)| name == bound))
                .flatten()
                .map(|(_, target)| target)
        };
        match callee.kind_id() {
            IDENTIFIER => matches!(imported(callee), Some(ImportTarget::From { level: 0, module, name }) if module == "typing" && is_type_variable(&name)),
            ATTRIBUTE => {
                let attribute = callee.child_by_field_id(FIELD_ATTRIBUTE).map_or("", |name| ctx.text(name));
                let object = callee.child_by_field_id(FIELD_OBJECT).filter(|object| object.kind_id() == IDENTIFIER);
                is_type_variable(attribute)
                    && matches!(object.and_then(imported), Some(ImportTarget::Module { module }) if module == "typing")
            }
            _ => false,
        }
    }

    /// What astroid infers `Origin[...]` to as a base: `Origin` itself
    /// when the first `__class_getitem__` of its ancestors returns the
    /// class: a builtin container's, `typing.Generic`'s (astroid's typing
    /// brain gives it one) or that of an ABC of `collections.abc` (the
    /// collections brain replaces theirs). Another one, or none, leaves the
    /// base unknown.
    fn subscripted(&mut self, origin: ClassRef<'t>) -> Option<ClassRef<'t>> {
        let from_collections = |class: &ClassRef| match class {
            ClassRef::Remote(class) => {
                let module = module_name(&class.module.path);
                module.starts_with("_collections") || module.starts_with("collections")
            }
            _ => false,
        };
        let origin_from_collections = from_collections(&origin);
        // Depth first, left to right: astroid's order of ancestors.
        let mut pending = vec![origin.clone()];
        let mut seen = HashSet::new();
        while let Some(class) = pending.pop() {
            if !seen.insert(class.key()) {
                continue;
            }
            if seen.len() > 64 {
                return None;
            }
            if class.is_remote("typing", "Generic") {
                return Some(origin);
            }
            let defines = match &class {
                ClassRef::Builtin(name) => crate::semantic::infer::SUBSCRIPTABLE_BUILTINS.contains(name),
                ClassRef::Remote(remote) => remote.summary()?.members.contains_key("__class_getitem__"),
                ClassRef::Compiled(compiled) => compiled_class(compiled)?.binds("__class_getitem__"),
                ClassRef::Local(node) => {
                    let scope = self.ctx.semantic.scope_of(*node)?;
                    self.ctx.semantic.bindings_of(scope, "__class_getitem__").next().is_some()
                }
            };
            if defines {
                let returns_class = matches!(class, ClassRef::Builtin(_)) || (origin_from_collections && from_collections(&class));
                return returns_class.then_some(origin);
            }
            let mut bases = self.direct_bases(&class)?;
            bases.reverse();
            pending.extend(bases);
        }
        None
    }

    /// A name that nothing binds: not the file (also through `global` or a
    /// star import), not the builtins.
    fn is_undefined(&self, identifier: Node<'t>) -> bool {
        let ctx = self.ctx;
        let name = ctx.text(identifier);
        let scope = ctx.semantic.enclosing_scope(identifier);
        ctx.semantic.resolve(scope, name).is_none()
            && !crate::semantic::is_builtin_name(name)
            && !ctx.semantic.scopes.iter().any(|scope| scope.globals.contains(name))
            && ModuleSummary::star_imports_of(ctx.source, ctx.module.root()).is_empty()
    }

    /// A name bound once, by `name = <read from a parameter>` in a plain
    /// function (`oldcls = request.files.__class__`): astroid infers a
    /// parameter without a default to nothing but Uninferable outside a
    /// call, and so everything read from it (attributes, items, calls).
    fn is_read_from_plain_parameter(&self, identifier: Node<'t>) -> bool {
        let semantic = self.ctx.semantic;
        let only_binding = |identifier: Node<'t>| {
            let name = self.ctx.text(identifier);
            let resolved = semantic.resolve(semantic.enclosing_scope(identifier), name)?;
            let mut bindings = semantic.bindings_of(resolved, name);
            match (bindings.next(), bindings.next()) {
                (Some(binding), None) => Some(binding),
                _ => None,
            }
        };
        let Some(binding) = only_binding(identifier) else { return false };
        let assignment = binding.identifier.parent().filter(|assignment| assignment.kind_id() == ASSIGNMENT);
        let Some(assignment) = assignment.filter(|assignment| binding.kind == BindingKind::Assignment && assignment.child_by_field_id(FIELD_LEFT) == Some(binding.identifier)) else {
            return false;
        };
        let Some(value) = assignment.child_by_field_id(FIELD_RIGHT).map(strip_parens) else { return false };
        let Some(root) = syntax::read_chain_root(value) else { return false };
        if root == value || root.kind_id() != IDENTIFIER {
            return false;
        }
        let Some(parameter) = only_binding(root).filter(|binding| binding.kind == BindingKind::Parameter) else { return false };
        // No default, not `*args`/`**kwargs`, and not a method's receiver.
        let plain = match parameter.statement.kind_id() {
            IDENTIFIER => true,
            TYPED_PARAMETER => parameter.statement.named_child(0).is_some_and(|name| name.kind_id() == IDENTIFIER),
            _ => false,
        };
        let function = semantic.scope(parameter.scope).node;
        let definition = function.parent().filter(|parent| parent.kind_id() == DECORATED_DEFINITION).unwrap_or(function);
        let in_class_body = crate::semantic::astroid::astroid_parent(definition).is_some_and(|owner| owner.kind_id() == CLASS_DEFINITION);
        plain && function.kind_id() == FUNCTION_DEFINITION && !in_class_body
    }

    /// The class a name read in the checked file refers to.
    pub(crate) fn local_name(&mut self, identifier: Node<'t>) -> Option<ClassRef<'t>> {
        let ctx = self.ctx;
        let name = ctx.text(identifier);
        let scope = ctx.semantic.enclosing_scope(identifier);
        let Some(resolved) = ctx.semantic.resolve(scope, name) else {
            return self.star_imported_or_builtin(name);
        };
        let mut bindings = ctx.semantic.bindings_of(resolved, name);
        let (Some(binding), None) = (bindings.next(), bindings.next()) else { return None };
        match binding.kind {
            BindingKind::ClassDef => binding.identifier.parent().map(ClassRef::Local),
            BindingKind::Import => {
                let (path, index) = self.index()?;
                let (_, target) =
                    import_bindings(ctx.source, binding.statement).into_iter().find(|(bound, _)| bound == name)?;
                match resolve_target(index, path, &target, 0)? {
                    Target::Class(class) => self.admitted(class),
                    Target::Module(_) | Target::Circular => None,
                }
            }
            _ => None,
        }
    }

    /// `module.Class` (or deeper) in the checked file, where `module` is
    /// bound once, by an import.
    pub(crate) fn local_dotted(&mut self, attribute: Node<'t>) -> Option<ClassRef<'t>> {
        match self.local_dotted_target(attribute)? {
            Target::Class(class) => self.admitted(class),
            Target::Module(_) | Target::Circular => None,
        }
    }

    fn local_dotted_target(&mut self, attribute: Node<'t>) -> Option<Target> {
        let ctx = self.ctx;
        let (path, index) = self.index()?;
        let parts = summary::dotted_parts(ctx.source, attribute)?;
        let mut root = attribute;
        while root.kind_id() == ATTRIBUTE {
            root = root.child_by_field_id(FIELD_OBJECT)?;
        }
        let scope = ctx.semantic.enclosing_scope(root);
        let target = import_of_name(ctx, scope, &parts[0])?;
        dotted_target(index, path, &target, &parts, Some(path))
    }

    /// A name the file does not bind itself: from one of its star imports
    /// (the last that binds it wins), else a builtin class.
    fn star_imported_or_builtin(&mut self, name: &str) -> Option<ClassRef<'t>> {
        let ctx = self.ctx;
        if self.star_imports.is_none() {
            let mut found = Vec::new();
            for (level, module) in ModuleSummary::star_imports_of(ctx.source, ctx.module.root()) {
                let Some((path, index)) = self.index() else {
                    self.unknown_star_import = true;
                    continue;
                };
                match index.import(path, level, &module) {
                    Some(module) => found.push((summary::star_import_locals(index, &module), module)),
                    None => self.unknown_star_import = true,
                }
            }
            self.star_imports = Some(found);
        }
        if self.unknown_star_import {
            return None;
        }
        for (names, module) in self.star_imports.iter().flatten().rev() {
            let names = names.as_ref()?;
            if names.iter().any(|exported| exported == name) {
                let (_, index) = self.index()?;
                return class_in_module(index, module, name, 0);
            }
        }
        builtin_class(name).map(ClassRef::Builtin)
    }

    /// The bases of a class of another module, resolved in that module.
    fn remote_bases(&mut self, class: &RemoteClass) -> Option<Vec<ClassRef<'t>>> {
        let summary = class.summary()?;
        summary.bases.iter().map(|base| self.remote_base(class, base)).collect()
    }

    /// The bases of a compiled class: each name is looked up in its module
    /// (a class it defines, or something else, unknown here), then among
    /// the builtins; astroid drops a name found in neither (`_ctypes`'
    /// classes derive from `_CData`, which the module does not list).
    fn compiled_bases(&mut self, class: &RemoteClass) -> Option<Vec<ClassRef<'t>>> {
        let module = &class.module;
        let mut bases = Vec::new();
        for base in &compiled_class(class)?.bases {
            if module.summary.compiled_classes.contains_key(base) {
                bases.push(ClassRef::Compiled(RemoteClass { module: module.clone(), name: base.clone() }));
            } else if binds_publicly(module, base) {
                return None;
            } else if let Some(builtin) = builtin_class(base) {
                bases.push(ClassRef::Builtin(builtin));
            }
        }
        Some(bases)
    }

    /// One base of a class of another module, resolved in that module.
    fn remote_base(&mut self, class: &RemoteClass, base: &BaseRef) -> Option<ClassRef<'t>> {
        let (_, index) = self.index()?;
        let module = &class.module;
        Some(match base {
            BaseRef::Name(name) if module.summary.classes.contains_key(name) => {
                ClassRef::Remote(RemoteClass { module: module.clone(), name: name.clone() })
            }
            BaseRef::Name(name) => match module.summary.imports.get(name) {
                Some(target) => match resolve_target(index, &module.path, target, 0)? {
                    Target::Class(class) => class,
                    Target::Module(_) | Target::Circular => return None,
                },
                // A name the module does not bind at top level (nor
                // through star imports, which could shadow a builtin).
                None if !module.summary.others.contains(name) && module.summary.star_imports.is_empty() => {
                    ClassRef::Builtin(builtin_class(name)?)
                }
                None => return None,
            },
            BaseRef::Dotted(parts) => {
                dotted_class(index, &module.path, module.summary.imports.get(&parts[0])?, parts)?
            }
            BaseRef::Subscript { origin, index } => {
                match index.as_deref() {
                    Some(BaseRef::Name(name)) if is_type_variable_of(module, name) => {}
                    Some(index) => {
                        self.remote_base(class, index)?;
                    }
                    None => {}
                }
                let origin = self.remote_base(class, origin)?;
                self.subscripted(origin)?
            }
            BaseRef::Unknown => return None,
        })
    }
}

/// What the imports binding `name` (seen from `scope`) bind it to: the one
/// import that binds it, or the package that several `import package.sub`
/// statements all bind (`import xml.sax` and `import xml.sax.handler` both
/// bind `xml`). `None` when anything else binds the name.
pub(crate) fn import_of_name(ctx: &Context, scope: ScopeId, name: &str) -> Option<ImportTarget> {
    let resolved = ctx.semantic.resolve(scope, name)?;
    let mut targets = Vec::new();
    for binding in ctx.semantic.bindings_of(resolved, name) {
        if binding.kind != BindingKind::Import {
            return None;
        }
        targets.push(import_bindings(ctx.source, binding.statement).into_iter().find(|(bound, _)| bound == name)?.1);
    }
    match targets.as_slice() {
        [only] => Some(only.clone()),
        [first, ..] if targets.iter().all(|target| matches!(target, ImportTarget::Module { module } if module == name)) => {
            Some(first.clone())
        }
        _ => None,
    }
}

/// What an import binds, as far as base classes go.
enum Target {
    /// A class of another module, or a proxy class (`types.ModuleType`).
    Class(ClassRef<'static>),
    Module(ModuleRef),
    /// astroid's inference goes round in a circle and gives up: a package
    /// star-imports a module that binds `name` by `from <package> import name`.
    Circular,
}

/// Follows `target` (an import in the file `importer`) to a class or a
/// module, through re-exports. Like `summary::resolve_import`, except that
/// `from package import name` gives up when `package` does not bind `name`
/// itself but has star imports: astroid looks `name` up among everything
/// those star imports bind (their modules' public names) before it tries a
/// submodule, and often ends up with nothing it can infer.
fn resolve_target(index: &dyn ModuleIndex, importer: &Path, target: &ImportTarget, depth: usize) -> Option<Target> {
    resolve_target_along(index, importer, target, depth, &mut Trail::default())
}

/// The `(module, name)` lookups one resolution has made, to stop at a circle.
#[derive(Clone, Default)]
struct Trail {
    /// The checked file (canonical), when resolving one of its own imports.
    checked: Option<std::path::PathBuf>,
    steps: Vec<(std::path::PathBuf, String)>,
}

impl Trail {
    fn is_checked(&self, path: &Path) -> bool {
        let Some(checked) = &self.checked else { return false };
        std::fs::canonicalize(path).is_ok_and(|path| path == *checked)
    }
}

/// [`resolve_target`], with the `from` imports already followed in `trail`.
fn resolve_target_along(index: &dyn ModuleIndex, importer: &Path, target: &ImportTarget, depth: usize, trail: &mut Trail) -> Option<Target> {
    if depth > 8 {
        return None;
    }
    match target {
        ImportTarget::Module { module } => index.import(importer, 0, module).map(Target::Module),
        ImportTarget::From { level, module, name } => {
            if let Some(from) = index.import(importer, *level, module) {
                if let Some(found) = resolve_in_module(index, from, name, depth, trail) {
                    return found;
                }
            }
            let submodule = if module.is_empty() { name.clone() } else { format!("{module}.{name}") };
            index.import(importer, *level, &submodule).map(Target::Module)
        }
    }
}

/// astroid's `module.getattr(name)`, inferred: what the top-level bindings
/// of `name` in `module` are. `None` when the module does not bind `name`
/// (a `from` import then tries the submodule); `Some(None)` when what it is
/// cannot be told.
fn resolve_in_module(
    index: &dyn ModuleIndex,
    from: ModuleRef,
    name: &str,
    depth: usize,
    trail: &mut Trail,
) -> Option<Option<Target>> {
    let step = (from.path.clone(), name.to_string());
    if trail.steps.contains(&step) {
        return Some(Some(Target::Circular));
    }
    trail.steps.push(step);
    let bound_here = from.summary.classes.contains_key(name) || from.summary.imports.contains_key(name);
    if bound_here && is_rebound(&from, name) {
        return Some(None);
    }
    if from.summary.classes.contains_key(name) {
        return Some(Some(Target::Class(ClassRef::Remote(RemoteClass { module: from, name: name.to_string() }))));
    }
    if from.summary.compiled_classes.contains_key(name) {
        return Some(Some(Target::Class(ClassRef::Compiled(RemoteClass { module: from, name: name.to_string() }))));
    }
    if let Some(proxy) = proxy_of(&from, name) {
        return Some(Some(Target::Class(ClassRef::Builtin(proxy))));
    }
    if let Some(next) = from.summary.imports.get(name) {
        let next = next.clone();
        return Some(resolve_target_along(index, &from.path, &next, depth + 1, trail));
    }
    if from.summary.others.iter().any(|other| other == name) {
        return Some(None);
    }
    if !may_bind_through_star_imports(index, &from, name, 0) {
        return None;
    }
    // `collections.abc` re-exports `_collections_abc` with `import *`.
    let Some(providers) = star_providers(index, &from, name).filter(|providers| !providers.is_empty()) else {
        return Some(None);
    };
    let mut found = None;
    for (position, (level, provider)) in providers.into_iter().enumerate() {
        let provider_is_checked = index.import(&from.path, level, &provider).is_some_and(|module| trail.is_checked(&module.path));
        let next = ImportTarget::From { level, module: provider, name: name.to_string() };
        match resolve_target_along(index, &from.path, &next, depth + 1, &mut trail.clone()) {
            // A provider that binds `name` by importing it from this package
            // again (asyncio's `windows_events` and `unix_events` both do
            // `from . import selector_events`). What astroid makes of that
            // depends on the order it built the modules in: when the checked
            // module (built first) is the first provider, every path comes
            // back round and gives nothing; when another provider comes
            // first, that one is built with the package and, seeing no
            // binding yet, caches the submodule. Only the first case is known.
            Some(Target::Circular) if position == 0 && provider_is_checked => return Some(Some(Target::Circular)),
            Some(Target::Circular) => return Some(None),
            Some(target) if found.is_none() => found = Some(target),
            _ => return Some(None),
        }
    }
    Some(found)
}


/// Whether the star imports of `module` bind `name` in astroid's view: its
/// builder files every public name of a star-imported module in the
/// importer's `locals`, whatever that module's `__all__` says. A module not
/// found may bind anything.
fn may_bind_through_star_imports(index: &dyn ModuleIndex, module: &ModuleRef, name: &str, depth: usize) -> bool {
    if name.starts_with('_') || module.summary.star_imports.is_empty() {
        return false;
    }
    if depth > 8 {
        return true;
    }
    module.summary.star_imports.iter().any(|(level, imported)| match index.import(&module.path, *level, imported) {
        None => true,
        Some(imported) => binds_publicly(&imported, name) || may_bind_through_star_imports(index, &imported, name, depth + 1),
    })
}

/// What astroid built for a class of a compiled module.
pub(crate) fn compiled_class(class: &RemoteClass) -> Option<&summary::CompiledClass> {
    class.module.summary.compiled_classes.get(&class.name)
}

/// Whether `module` itself binds the public `name` at top level.
fn binds_publicly(module: &ModuleRef, name: &str) -> bool {
    module.summary.module_names.binary_search_by(|bound| bound.as_str().cmp(name)).is_ok()
}

/// The star imports of `module` that bind `name`, when the star imports of
/// the star-imported modules do not bind it too.
fn star_providers(index: &dyn ModuleIndex, module: &ModuleRef, name: &str) -> Option<Vec<(usize, String)>> {
    let mut providers = Vec::new();
    for (level, imported) in &module.summary.star_imports {
        let exports = index.import(&module.path, *level, imported)?;
        let binds = binds_publicly(&exports, name);
        if !binds && may_bind_through_star_imports(index, &exports, name, 1) {
            return None;
        }
        if binds {
            providers.push((*level, imported.clone()));
        }
    }
    Some(providers)
}

/// A top-level name bound more than once (`if not ssl: Connection = Dummy`)
/// has several values to astroid: which class it is cannot be told.
fn is_rebound(module: &ModuleRef, name: &str) -> bool {
    module.summary.binding_counts.get(name).is_some_and(|&count| count > 1)
}

/// The proxy class a module binds `name` to once with `type(...)`.
fn proxy_of(module: &ModuleRef, name: &str) -> Option<&'static str> {
    if is_rebound(module, name) {
        return None;
    }
    summary::proxy_class(module.summary.type_proxies.get(name)?)
}

/// The class `name` of `module`: defined there, or imported into it.
fn class_in_module(index: &dyn ModuleIndex, module: &ModuleRef, name: &str, depth: usize) -> Option<ClassRef<'static>> {
    match resolve_in_module(index, module.clone(), name, depth, &mut Trail::default())?? {
        Target::Class(class) => Some(class),
        Target::Module(_) | Target::Circular => None,
    }
}

/// The class named by dotted `parts` (`mod.Class`, `pkg.mod.Class`) whose
/// first part is bound by `target`, an import in the file `importer`.
fn dotted_class(index: &dyn ModuleIndex, importer: &Path, target: &ImportTarget, parts: &[String]) -> Option<ClassRef<'static>> {
    match dotted_target(index, importer, target, parts, None)? {
        Target::Class(class) => Some(class),
        Target::Module(_) | Target::Circular => None,
    }
}

/// What dotted `parts` name: a class, or nothing astroid can infer when the
/// import of their first part goes round in a circle through `checked`.
fn dotted_target(
    index: &dyn ModuleIndex,
    importer: &Path,
    target: &ImportTarget,
    parts: &[String],
    checked: Option<&Path>,
) -> Option<Target> {
    let [_, middle @ .., class] = parts else { return None };
    let module = match target {
        // `import a.b` binds `a`, so `a.b.C` is `C` of module `a.b`; with
        // `import a.b as c`, `c.C` is `C` of `a.b`.
        ImportTarget::Module { module } => {
            let mut path = vec![module.clone()];
            path.extend(middle.iter().cloned());
            index.import(importer, 0, &path.join("."))?
        }
        ImportTarget::From { .. } => match resolve_target_along(
            index,
            importer,
            target,
            0,
            &mut Trail { checked: checked.and_then(|checked| std::fs::canonicalize(checked).ok()), steps: Vec::new() },
        )? {
            Target::Module(module) if middle.is_empty() => module,
            Target::Module(module) => index.import(&module.path, 1, &middle.join("."))?,
            Target::Circular => return Some(Target::Circular),
            Target::Class(_) => return None,
        },
    };
    class_in_module(index, &module, class, 0).map(Target::Class)
}
