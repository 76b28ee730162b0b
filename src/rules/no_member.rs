use super::prelude::*;
use crate::semantic::builtin_classes::{builtin_class, BuiltinClass, IMPLICIT_LOCALS};
use crate::semantic::classes::{self, ClassFacts, Definition, DefinitionKind, MethodKind, ModuleClasses, Receivers, Slots};
use crate::semantic::summary::{self, AttributeValue, BaseRef, ImportTarget, ModuleIndex, ModuleRef, RemoteClass};
use crate::semantic::{ScopeId, SemanticModel};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

declare_rule! {
    /// ## What it does
    /// Checks for attributes read (or deleted, or augmented) on an object
    /// that has no such member, where the object is one pylint infers
    /// exactly: a method's `self` (an instance of its class), a
    /// classmethod's `cls` or a class named directly (the class),
    /// `super()` in a method, a name bound once to a call of a class or of
    /// a factory of this module (a function or classmethod whose every
    /// `return` gives an instance of one class, `cls(...)` included), and
    /// an imported module (its top-level names, what it star-imports, its
    /// submodules; for a compiled stdlib module, what `dir()` lists).
    ///
    /// A member is what astroid finds: names bound in the body of the class
    /// or of an ancestor (followed into imported modules and builtin
    /// classes), attributes its methods assign on `self` (`self.x += 1` and
    /// `self.x = self.x + 1` alone do not count), and what every object
    /// has. The message suggests a member one edit away, as pylint does.
    ///
    /// Not reported, as pylint does not: classes with `__getattr__` or
    /// `__getattribute__`, mixins (named `...Mixin`), attributes with a
    /// class-level annotation, reads guarded by `except AttributeError` or
    /// `contextlib.suppress(AttributeError)`, and reads under an `if`
    /// whose condition pylint may infer to a false constant (a `hasattr`
    /// test, a flag), modules with a `__getattr__` or whose names astroid
    /// extends (`six`, `collections`, ...). Not inferred here, so never
    /// reported: other objects (other call results, module attributes that
    /// are not modules), classes with a
    /// metaclass (`abc.ABCMeta` aside for instances), `__slots__`, class
    /// decorators astroid transforms (`dataclass`), bases that cannot be
    /// resolved to classes, and attributes assigned through any other
    /// object than a method's `self` or `cls` anywhere in the modules
    /// involved.
    ///
    /// ## Why is this bad?
    /// Reading a member the object does not have raises `AttributeError` at
    /// run time; it is usually a typo, or an attribute only subclasses
    /// provide (then the base class should declare it).
    ///
    /// ## Example
    /// ```python
    /// class Counter:
    ///     def __init__(self):
    ///         self.count = 0
    ///
    ///     def increment(self):
    ///         self.cont += 1
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// class Counter:
    ///     def __init__(self):
    ///         self.count = 0
    ///
    ///     def increment(self):
    ///         self.count += 1
    /// ```
    code: "E1101",
    symbol: "no-member",
    category: Error,
    checker: "typecheck",
    trigger: Trigger::Module(check),
}

/// astroid's `InstanceModel`: what every instance has besides its class's members.
const INSTANCE_SPECIAL_ATTRIBUTES: &[&str] = &[
    "__class__", "__delattr__", "__dict__", "__dir__", "__doc__", "__eq__", "__format__", "__ge__",
    "__getattribute__", "__getstate__", "__gt__", "__hash__", "__init__", "__init_subclass__", "__le__", "__lt__",
    "__module__", "__ne__", "__new__", "__reduce__", "__reduce_ex__", "__repr__", "__setattr__", "__sizeof__",
    "__str__", "__subclasshook__",
];

/// astroid's `ExceptionInstanceModel` adds these for instances of exception classes.
const EXCEPTION_SPECIAL_ATTRIBUTES: &[&str] = &["args", "__traceback__"];

/// astroid's `ModuleModel`: what every module has besides its names.
const MODULE_SPECIAL_ATTRIBUTES: &[&str] = &[
    "builtins", "__path__", "__name__", "__doc__", "__file__", "__dict__", "__package__", "__spec__", "__loader__",
    "__cached__",
];

/// astroid's `ClassModel`: what every class has besides its members.
const CLASS_SPECIAL_ATTRIBUTES: &[&str] = &[
    "__annotations__", "__bases__", "__call__", "__class__", "__delattr__", "__dict__", "__dir__", "__doc__",
    "__eq__", "__format__", "__ge__", "__getattribute__", "__getstate__", "__gt__", "__hash__", "__init__",
    "__init_subclass__", "__le__", "__lt__", "__module__", "__mro__", "__name__", "__ne__", "__new__",
    "__qualname__", "__reduce__", "__reduce_ex__", "__repr__", "__setattr__", "__sizeof__", "__str__",
    "__subclasses__", "__subclasshook__", "mro",
];

/// astroid's `SuperModel`.
const SUPER_SPECIAL_ATTRIBUTES: &[&str] = &[
    "__class__", "__delattr__", "__dir__", "__doc__", "__eq__", "__format__", "__ge__", "__getattribute__",
    "__getstate__", "__gt__", "__hash__", "__init__", "__init_subclass__", "__le__", "__lt__", "__ne__", "__new__",
    "__reduce__", "__reduce_ex__", "__repr__", "__self__", "__self_class__", "__setattr__", "__sizeof__", "__str__",
    "__subclasshook__", "__thisclass__",
];

/// Class decorators astroid's brains rewrite the class for (dataclasses,
/// attrs, six), by their last name part.
const TRANSFORMING_CLASS_DECORATORS: &[&str] =
    &["dataclass", "s", "attrs", "define", "frozen", "mutable", "add_metaclass", "__new__", "dataclass_transform"];

/// Classes of standard modules that astroid's brains replace by their own
/// definitions (`register_module_extender`): (file path ending, names).
const BRAIN_REPLACED_CLASSES: &[(&[&str], &[&str])] = &[
    (&["collections", "__init__.py"], &["OrderedDict", "defaultdict", "deque"]),
    (&["hashlib.py"], &[
        "blake2b", "blake2s", "md5", "sha1", "sha224", "sha256", "sha384", "sha3_224", "sha3_256", "sha3_384",
        "sha3_512", "sha512", "shake_128", "shake_256",
    ]),
    (&["http", "__init__.py"], &["HTTPMethod", "HTTPStatus"]),
    (&["multiprocessing", "managers.py"], &["Namespace", "SyncManager", "Value"]),
    (&["signal.py"], &["Handlers", "Sigmasks", "Signals"]),
    (&["ssl.py"], &["AlertDescription", "Options", "SSLErrorNumber", "VerifyFlags", "VerifyMode"]),
    (&["subprocess.py"], &["Popen"]),
    (&["threading.py"], &["lock"]),
];

/// Locals astroid's brains add to classes: (file path ending, or any
/// module; class name; names).
const BRAIN_ADDED_LOCALS: &[(Option<&[&str]>, &str, &[&str])] = &[
    (Some(&["uuid.py"]), "UUID", &["int"]),
    (None, "BufferedReader", &["raw"]),
    (None, "BufferedWriter", &["raw"]),
    (None, "TextIOWrapper", &["buffer"]),
];

/// pylint's default `ignored-classes` (`optparse.Values`, `thread._local`,
/// `_thread._local`, `argparse.Namespace`), by class name.
const IGNORED_CLASS_NAMES: &[&str] = &["Values", "_local", "Namespace"];

fn check(ctx: &mut Context) {
    let shared: &Context = ctx;
    let mut model = Model::new(shared, shared.classes());
    let mut reports: Vec<(Node, String)> = Vec::new();
    let attributes = syntax::nodes_of_kind(ctx.module.root(), ATTRIBUTE);
    for attribute in attributes {
        if let Some(message) = model.check_attribute(attribute) {
            reports.push((attribute, message));
        }
    }
    for (node, message) in reports {
        ctx.report(node, message);
    }
}

/// Modules CPython 3.11+ imports before any user code runs (with `site`):
/// keys of `sys.modules` in every process, pylint's included.
const STARTUP_MODULES: &[&str] = &[
    "__main__", "_abc", "_codecs", "_collections_abc", "_io", "_signal", "_thread", "_warnings", "_weakref", "abc",
    "builtins", "codecs", "encodings", "genericpath", "io", "marshal", "os", "posix", "posixpath", "site", "stat",
    "sys", "time", "zipimport",
];

/// The value of `identifier = value` when it is a `kind` node (no chains).
fn assigned_of_kind(identifier: Node, kind: u16) -> Option<Node> {
    let assignment = identifier
        .parent()
        .filter(|parent| parent.kind_id() == ASSIGNMENT && parent.child_by_field_id(FIELD_LEFT) == Some(identifier))?;
    assignment.child_by_field_id(FIELD_RIGHT).filter(|value| value.kind_id() == kind)
}

/// A class of the MRO: of this module, of an imported one, or builtin.
#[derive(Clone)]
enum Class<'t> {
    Local(Node<'t>),
    Remote(RemoteClass),
    Builtin(&'static BuiltinClass),
}

#[derive(Clone, PartialEq, Eq, Hash)]
enum ClassKey {
    Local(usize),
    Remote(PathBuf, String),
    Builtin(&'static str),
}

impl Class<'_> {
    fn key(&self) -> ClassKey {
        match self {
            Class::Local(node) => ClassKey::Local(node.id()),
            Class::Remote(class) => ClassKey::Remote(class.module.path.clone(), class.name.clone()),
            Class::Builtin(class) => ClassKey::Builtin(class.name),
        }
    }

    fn is_builtin(&self, name: &str) -> bool {
        matches!(self, Class::Builtin(class) if class.name == name)
    }
}

/// What pylint infers the object of an attribute to.
enum Owner<'t> {
    Instance(Class<'t>),
    Class(Class<'t>),
    /// `super()` in a method of this class.
    Super(Node<'t>),
}

/// What a name is bound to, among what is modelled.
enum Value<'t> {
    Class(Class<'t>),
    /// An instance of the class (`NAME = Class(...)`).
    Instance(Class<'t>),
    Module(ModuleRef),
}

impl<'t> Value<'t> {
    fn class(self) -> Option<Class<'t>> {
        match self {
            Value::Class(class) => Some(class),
            _ => None,
        }
    }

    fn instance(self) -> Option<Class<'t>> {
        match self {
            Value::Instance(class) => Some(class),
            _ => None,
        }
    }

    fn module(self) -> Option<ModuleRef> {
        match self {
            Value::Module(module) => Some(module),
            _ => None,
        }
    }
}

/// The outcome of astroid's lookup of a name.
enum Lookup {
    Found,
    /// Found, but only in definitions pylint skips (`self.x += 1`): reported
    /// without pylint's exemptions.
    Skipped,
    Missing,
    /// Depends on what is not modelled.
    Unknown,
}

struct Model<'a, 't> {
    source: &'t str,
    semantic: &'a SemanticModel<'t>,
    imports: Option<(&'a Path, &'a dyn ModuleIndex)>,
    analysis: &'a ModuleClasses,
    receivers: Receivers<'t>,
    mros: HashMap<ClassKey, Option<Vec<Class<'t>>>>,
    /// The modules this module star-imports; `None` inside when one cannot be read.
    star_imports: Option<Option<Vec<ModuleRef>>>,
    /// The names of each module an attribute was read from, by path
    /// (`None`: a module it star-imports cannot be read).
    module_names: HashMap<PathBuf, Option<std::rc::Rc<crate::syntax::FastHashSet<String>>>>,
    postponed_annotations: bool,
    replaced_here: &'static [&'static str],
    /// How deep `owner` calls are nested.
    owner_depth: usize,
}

impl<'a, 't> Model<'a, 't> {
    fn new(ctx: &'a Context<'_, 't>, analysis: &'a ModuleClasses) -> Model<'a, 't> {
        let postponed_annotations = code_children(ctx.module.root()).any(|statement| {
            statement.kind_id() == FUTURE_IMPORT_STATEMENT && ctx.text(statement).contains("annotations")
        });
        let replaced_here = ctx.imports.map_or(&[][..], |(path, _)| brain_replaced(path));
        Model {
            source: ctx.source,
            semantic: ctx.semantic,
            imports: ctx.imports,
            analysis,
            receivers: Receivers::new(ctx.source, ctx.module.root(), ctx.semantic),
            mros: HashMap::new(),
            star_imports: None,
            module_names: HashMap::new(),
            postponed_annotations,
            replaced_here,
            owner_depth: 0,
        }
    }

    fn text(&self, node: Node) -> &'t str {
        syntax::node_text(self.source, node)
    }

    fn check_attribute(&mut self, attribute: Node<'t>) -> Option<String> {
        let augmented = match classes::stored_augmented(attribute) {
            Some(false) => return None,
            Some(true) => true,
            None => false,
        };
        let name = self.text(attribute.child_by_field_id(FIELD_ATTRIBUTE)?);
        let object = strip_parens(attribute.child_by_field_id(FIELD_OBJECT)?);
        if self.postponed_annotations && in_annotation(attribute) {
            return None;
        }
        // An augmented target (`self.x += 1`) is looked up as a read is.
        let _ = augmented;
        let Some(owner) = self.owner(object) else { return self.check_module(attribute, object, name) };
        match owner {
            Owner::Instance(class) => self.check_instance(attribute, class, name),
            Owner::Class(class) => self.check_class(attribute, class, name),
            Owner::Super(class) => self.check_super(attribute, class, name),
        }
    }

    /// A name bound, where the read sees it, only to an instance: by
    /// `name = Class(...)`, by an import of such a module-level name, or by
    /// `except Class as name` around the read.
    fn bound_instance(&mut self, identifier: Node<'t>) -> Option<Class<'t>> {
        let name = self.text(identifier);
        let reading = self.semantic.enclosing_scope(identifier);
        let scope = self.semantic.resolve(reading, name)?;
        if scope == ScopeId(0) && !self.local_star_providers(name)?.is_empty() {
            return None;
        }
        let reaching = classes::reaching_bindings(self.semantic, identifier, scope, name);
        let handler = reaching.iter().rev().find(|binding| binding.kind == BindingKind::ExceptHandler);
        if let Some(handler) = handler {
            // astroid's lookup from inside a handler forgets earlier bindings.
            let clause = handler.statement;
            let inside = clause.start_byte() <= identifier.start_byte() && identifier.end_byte() <= clause.end_byte();
            let handler_line = classes::statement_line(clause);
            let others_before = reaching
                .iter()
                .filter(|binding| binding.identifier != handler.identifier)
                .all(|binding| classes::statement_line(binding.identifier) < handler_line);
            if !inside || !others_before {
                return None;
            }
            let (caught, _) = super::raise_missing_from::handler_parts(clause);
            let caught = strip_parens(caught?);
            if !matches!(caught.kind_id(), IDENTIFIER | ATTRIBUTE) {
                return None;
            }
            return self.local_expression(caught)?.class();
        }
        if reaching.len() > 1 {
            // Several assignments reach the read: one instance when each is a
            // call giving an instance of the same class.
            let mut classes = Vec::new();
            for binding in &reaching {
                if binding.kind != BindingKind::Assignment || binding.unpacked {
                    return None;
                }
                let call = self.assigned_call(binding.identifier)?;
                classes.push(self.call_result_instance(call)?);
            }
            let first = classes.first()?.key();
            return classes.iter().all(|class| class.key() == first).then(|| classes.swap_remove(0));
        }
        let [only] = reaching.as_slice() else { return None };
        match only.kind {
            BindingKind::Import => {
                let target = self.local_import_target(identifier)?;
                let (path, _) = self.imports?;
                self.import_target(path, &target, 0)?.instance()
            }
            BindingKind::Assignment if !only.unpacked => {
                if let Some(call) = self.assigned_call(only.identifier) {
                    return self.call_result_instance(call);
                }
                if let Some(subscript) = assigned_of_kind(only.identifier, SUBSCRIPT) {
                    return self.main_module_instance(subscript);
                }
                // `syms = self.syms`: the instance a class attribute holds.
                let value = only.identifier.parent().filter(|parent| {
                    parent.kind_id() == ASSIGNMENT && parent.child_by_field_id(FIELD_LEFT) == Some(only.identifier)
                })?;
                let value = strip_parens(value.child_by_field_id(FIELD_RIGHT)?);
                if value.kind_id() != ATTRIBUTE {
                    return None;
                }
                match self.owner(value)? {
                    Owner::Instance(class) => Some(class),
                    _ => None,
                }
            }
            _ => None,
        }
    }

    /// What pylint infers `object` to, when it is one value modelled here.
    fn owner(&mut self, object: Node<'t>) -> Option<Owner<'t>> {
        // `node = node.parent` in a loop reaches itself: give up on cycles.
        if self.owner_depth > 16 {
            return None;
        }
        self.owner_depth += 1;
        let owner = self.owner_uncounted(object);
        self.owner_depth -= 1;
        owner
    }

    fn owner_uncounted(&mut self, object: Node<'t>) -> Option<Owner<'t>> {
        match object.kind_id() {
            IDENTIFIER => {
                if let Some(receiver) = self.receivers.receiver(self.semantic, object) {
                    return match receiver.kind {
                        MethodKind::Instance => Some(Owner::Instance(Class::Local(receiver.class))),
                        MethodKind::Class => Some(Owner::Class(Class::Local(receiver.class))),
                        MethodKind::Static | MethodKind::Unknown => None,
                    };
                }
                if let Some(class) = self.named_class(object) {
                    return Some(Owner::Class(Class::Local(class)));
                }
                self.bound_instance(object).map(Owner::Instance)
            }
            CALL => match self.super_call(object) {
                Some(class) => Some(Owner::Super(class)),
                None => self.call_result_instance(object).map(Owner::Instance),
            },
            SUBSCRIPT => self.main_module_instance(object).map(Owner::Instance),
            ATTRIBUTE => {
                let inner = strip_parens(object.child_by_field_id(FIELD_OBJECT)?);
                let name = self.text(object.child_by_field_id(FIELD_ATTRIBUTE)?);
                let (class, instance) = match self.owner(inner) {
                    Some(Owner::Instance(class)) => (class, true),
                    Some(Owner::Class(class)) => (class, false),
                    Some(Owner::Super(_)) => return None,
                    // `module.instance`.
                    None => return self.local_expression(object)?.instance().map(Owner::Instance),
                };
                self.class_attribute_instance(&class, name, instance).map(Owner::Instance)
            }
            _ => None,
        }
    }

    /// `sys.modules["__main__"]`: an instance of astroid's `module` class,
    /// whose members are the type's, not a module's (`__name__` is not
    /// one). astroid builds `sys.modules` from the dict of the process
    /// running pylint; only keys every CPython process has at startup
    /// ([`STARTUP_MODULES`]) are taken to be there, the others depend on
    /// what that process imported.
    fn main_module_instance(&mut self, subscript: Node<'t>) -> Option<Class<'t>> {
        let mut indices = subscript.children_by_field_id(FIELD_SUBSCRIPT);
        let (Some(index), None) = (indices.next(), indices.next()) else { return None };
        let key = self.text(index);
        let unquoted = key.strip_prefix('"').and_then(|key| key.strip_suffix('"'))
            .or_else(|| key.strip_prefix('\'').and_then(|key| key.strip_suffix('\'')))?;
        if index.kind_id() != STRING || !STARTUP_MODULES.contains(&unquoted) {
            return None;
        }
        let modules = strip_parens(subscript.child_by_field_id(FIELD_VALUE)?);
        if modules.kind_id() != ATTRIBUTE || self.text(modules.child_by_field_id(FIELD_ATTRIBUTE)?) != "modules" {
            return None;
        }
        let Value::Module(sys) = self.local_expression(strip_parens(modules.child_by_field_id(FIELD_OBJECT)?))? else {
            return None;
        };
        (sys.path == Path::new("<compiled>/sys")).then_some(Class::Builtin(builtin_class("module")?))
    }

    /// The instance a class attribute holds (`syms = pygram.python_symbols`,
    /// `lock = Lock()`), read from an instance or the class: bound once in
    /// the first class of the MRO that binds it, stored by no method (astroid
    /// reads instance attributes first), and not a descriptor.
    fn class_attribute_instance(&mut self, class: &Class<'t>, name: &str, instance: bool) -> Option<Class<'t>> {
        let mro = self.mro(class)?;
        self.supported_for_lookup(&mro, instance)?;
        if instance {
            for member in &mro {
                if let Some(facts) = self.facts(member) {
                    if facts.instance_attributes.iter().any(|definition| definition.name == name) {
                        return None;
                    }
                }
            }
        }
        let defining = mro.iter().find(|member| match member {
            Class::Builtin(builtin) => builtin.has(name),
            _ => self.facts(member).is_none_or(|facts| facts.locals.iter().any(|definition| definition.name == name)),
        })?;
        let facts = self.facts(defining)?;
        if facts.locals.iter().filter(|definition| definition.name == name).count() != 1 {
            return None;
        }
        let value = match defining {
            Class::Local(node) => {
                let value = classes::class_body_assignment(*node, self.source, name)?;
                match strip_parens(value).kind_id() {
                    CALL => self.call_result_instance(strip_parens(value))?,
                    IDENTIFIER | ATTRIBUTE => self.local_expression(strip_parens(value))?.instance()?,
                    _ => return None,
                }
            }
            Class::Remote(remote) => {
                let value = remote.summary()?.attribute_values.get(name)?.clone();
                let module = remote.module.clone();
                match value {
                    AttributeValue::Call(callee) => instance_of(self.reference(&module, &callee, 1)?.class()?)?,
                    AttributeValue::Name(reference) => self.reference(&module, &reference, 1)?.instance()?,
                }
            }
            Class::Builtin(_) => return None,
        };
        let value_mro = self.mro(&value)?;
        match self.lookup(&value_mro, "__get__", false, None) {
            Lookup::Missing => Some(value),
            _ => None,
        }
    }

    /// The call in `identifier = call(...)`.
    fn assigned_call(&self, identifier: Node<'t>) -> Option<Node<'t>> {
        assigned_of_kind(identifier, CALL)
    }

    /// The instance a call gives astroid: a call of a class, or of a
    /// factory of this module whose every `return` gives an instance of the
    /// same class (or `None`, which pylint skips as an owner).
    fn call_result_instance(&mut self, call: Node<'t>) -> Option<Class<'t>> {
        let callee = strip_parens(call.child_by_field_id(FIELD_FUNCTION)?);
        if !matches!(callee.kind_id(), IDENTIFIER | ATTRIBUTE) {
            return None;
        }
        if let Some(value) = self.local_expression(callee) {
            return instance_of(value.class()?);
        }
        let (factory, receiver_class) = self.factory(callee)?;
        self.factory_instance(factory, receiver_class)
    }

    /// The function a callee names, when astroid knows it for certain: a
    /// function bound once, undecorated, or a classmethod or staticmethod
    /// of a class of this module read from the class (with the class, for a
    /// classmethod's `cls`).
    fn factory(&mut self, callee: Node<'t>) -> Option<(Node<'t>, Option<Node<'t>>)> {
        if callee.kind_id() == IDENTIFIER {
            let name = self.text(callee);
            let reading = self.semantic.enclosing_scope(callee);
            let scope = self.semantic.resolve(reading, name)?;
            if scope == ScopeId(0) && !self.local_star_providers(name)?.is_empty() {
                return None;
            }
            let function = self.unique_function_binding(scope, name)?;
            if !classes::decorator_expressions(function).is_empty()
                || (callee.start_byte() < function.end_byte() && !self.deferred(reading, scope))
            {
                return None;
            }
            return Some((function, None));
        }
        let object = strip_parens(callee.child_by_field_id(FIELD_OBJECT)?);
        if object.kind_id() != IDENTIFIER {
            return None;
        }
        let class = self.named_class(object)?;
        let class_scope = self.semantic.scope_of(class)?;
        let method = self.unique_function_binding(class_scope, self.text(callee.child_by_field_id(FIELD_ATTRIBUTE)?))?;
        let decorators = classes::decorator_expressions(method);
        match decorators.as_slice() {
            [only] if self.text(*only) == "classmethod" => Some((method, Some(class))),
            [only] if self.text(*only) == "staticmethod" => Some((method, None)),
            _ => None,
        }
    }

    /// The `def` that is the only binding of `name` in `scope`.
    fn unique_function_binding(&self, scope: ScopeId, name: &str) -> Option<Node<'t>> {
        let mut bindings = self.semantic.bindings_of(scope, name);
        let (Some(only), None) = (bindings.next(), bindings.next()) else { return None };
        if only.kind != BindingKind::FunctionDef {
            return None;
        }
        only.identifier.parent().filter(|function| function.kind_id() == FUNCTION_DEFINITION)
    }

    /// astroid's `infer_call_result` of a factory, when every `return`
    /// gives `None` or an instance of one class: `cls(...)` in a
    /// classmethod (`receiver_class`), or a call of a class.
    fn factory_instance(&mut self, function: Node<'t>, receiver_class: Option<Node<'t>>) -> Option<Class<'t>> {
        if syntax::is_async(function) {
            return None;
        }
        let body = function.child_by_field_id(FIELD_BODY)?;
        let (returns, generator) = crate::semantic::infer::returns_of(body);
        if generator {
            return None;
        }
        let receiver = match receiver_class {
            Some(_) => {
                let parameters = function.child_by_field_id(FIELD_PARAMETERS)?;
                let first = code_children(parameters).next().filter(|parameter| parameter.kind_id() == IDENTIFIER)?;
                let name = self.text(first);
                let function_scope = self.semantic.scope_of(function)?;
                // A receiver rebound in the body may be anything.
                (self.semantic.bindings_of(function_scope, name).count() == 1).then_some(name)?;
                Some(name)
            }
            None => None,
        };
        let mut instance: Option<Class<'t>> = None;
        for statement in returns {
            let Some(value) = code_children(statement).next().map(strip_parens) else { continue };
            if value.kind_id() == NONE {
                continue;
            }
            if value.kind_id() != CALL {
                return None;
            }
            let callee = strip_parens(value.child_by_field_id(FIELD_FUNCTION)?);
            let class = match (receiver, receiver_class) {
                (Some(receiver), Some(class)) if callee.kind_id() == IDENTIFIER && self.text(callee) == receiver => Class::Local(class),
                _ if matches!(callee.kind_id(), IDENTIFIER | ATTRIBUTE) => instance_of(self.local_expression(callee)?.class()?)?,
                _ => return None,
            };
            match &instance {
                Some(known) if known.key() != class.key() => return None,
                Some(_) => {}
                None => instance = Some(class),
            }
        }
        instance
    }

    /// A class of this module read by its name where the name is bound
    /// once, to it, and the read runs after the class statement.
    fn named_class(&mut self, identifier: Node<'t>) -> Option<Node<'t>> {
        let name = self.text(identifier);
        let reading_scope = self.semantic.enclosing_scope(identifier);
        let scope = self.semantic.resolve(reading_scope, name)?;
        let class = self.unique_class_binding(scope, name)?;
        if identifier.start_byte() < class.end_byte() && !self.deferred(reading_scope, scope) {
            return None;
        }
        if scope == ScopeId(0) && !self.local_star_providers(name)?.is_empty() {
            return None;
        }
        if self.replaced_here.contains(&name) {
            return None;
        }
        Some(class)
    }

    /// Whether a read in `reading` runs when a function between it and
    /// `binding` (the scope that binds the name) is called.
    fn deferred(&self, reading: ScopeId, binding: ScopeId) -> bool {
        let mut current = Some(reading);
        while let Some(id) = current.filter(|id| *id != binding) {
            let scope = self.semantic.scope(id);
            if matches!(scope.kind, ScopeKind::Function | ScopeKind::Lambda) {
                return true;
            }
            current = scope.parent;
        }
        false
    }

    /// The class statement that is the only binding of `name` in `scope`.
    fn unique_class_binding(&self, scope: ScopeId, name: &str) -> Option<Node<'t>> {
        let mut bindings = self.semantic.bindings_of(scope, name);
        let (Some(only), None) = (bindings.next(), bindings.next()) else { return None };
        if only.kind != BindingKind::ClassDef {
            return None;
        }
        only.identifier.parent().filter(|class| class.kind_id() == CLASS_DEFINITION)
    }

    /// `super()` in a method (or classmethod) of a class, as the method's
    /// own code (not in a nested function, lambda or comprehension).
    fn super_call(&self, call: Node<'t>) -> Option<Node<'t>> {
        let function = call.child_by_field_id(FIELD_FUNCTION)?;
        if function.kind_id() != IDENTIFIER || self.text(function) != "super" {
            return None;
        }
        let arguments = call.child_by_field_id(FIELD_ARGUMENTS)?;
        if arguments.kind_id() != ARGUMENT_LIST || code_children(arguments).next().is_some() {
            return None;
        }
        let scope_id = self.semantic.enclosing_scope(call);
        if !self.semantic.is_builtin(scope_id, "super") {
            return None;
        }
        let scope = self.semantic.scope(scope_id);
        let class_scope = self.semantic.scope(scope.parent?);
        if scope.kind != ScopeKind::Function || class_scope.kind != ScopeKind::Class {
            return None;
        }
        match classes::method_kind(self.source, self.semantic, scope.node, class_scope.node) {
            MethodKind::Instance | MethodKind::Class => Some(class_scope.node),
            MethodKind::Static | MethodKind::Unknown => None,
        }
    }

    fn check_instance(&mut self, attribute: Node<'t>, class: Class<'t>, name: &str) -> Option<String> {
        let mro = self.mro(&class)?;
        self.supported_for_lookup(&mro, true)?;
        if INSTANCE_SPECIAL_ATTRIBUTES.contains(&name) {
            return None;
        }
        let is_exception = mro.iter().any(|member| member.is_builtin("Exception") || member.is_builtin("BaseException"));
        if is_exception && EXCEPTION_SPECIAL_ATTRIBUTES.contains(&name) {
            return None;
        }
        let read_parent = classes::astroid_parent(attribute);
        let lookup = self.lookup(&mro, name, true, read_parent);
        self.report_missing(attribute, &mro, name, lookup, "Instance of")
    }

    /// `module.name` where `module` is a module astroid imports (its source
    /// read, or a compiled stdlib module built from `dir()`).
    fn check_module(&mut self, attribute: Node<'t>, object: Node<'t>, name: &str) -> Option<String> {
        if !matches!(object.kind_id(), IDENTIFIER | ATTRIBUTE) {
            return None;
        }
        let module = self.local_expression(object)?.module()?;
        let (_, index) = self.imports?;
        if MODULE_SPECIAL_ATTRIBUTES.contains(&name) {
            return None;
        }
        let names = match self.module_names.get(&module.path) {
            Some(known) => known.clone(),
            None => {
                let names = summary::all_module_locals(index, &module).map(|names| std::rc::Rc::new(names.into_iter().collect()));
                self.module_names.insert(module.path.clone(), names.clone());
                names
            }
        }?;
        if names.contains(name) || names.contains("__getattr__") {
            return None;
        }
        // Rarely reached: the file-system questions come last.
        let module_name = super::undefined_variable::dotted_module_name(&module.path)?;
        if super::no_name_in_module::BRAIN_EXTENDED_MODULES.contains(&module_name.as_str())
            || super::no_name_in_module::is_submodule(&module, name)
            || self.exempt(attribute, &module_name, name)
        {
            return None;
        }
        // pylint's hint: the first module name one edit away, in locals order.
        let hint = summary::all_module_locals(index, &module)?
            .into_iter()
            .find(|local| is_one_edit_away(local, name))
            .map_or(String::new(), |similar| format!("; maybe '{similar}'?"));
        Some(format!("Module '{module_name}' has no '{name}' member{hint}"))
    }

    fn check_class(&mut self, attribute: Node<'t>, class: Class<'t>, name: &str) -> Option<String> {
        let mro = self.mro(&class)?;
        self.supported_for_lookup(&mro, false)?;
        if CLASS_SPECIAL_ATTRIBUTES.contains(&name) {
            return None;
        }
        // The implicit metaclass `type` (and `object` above it) answers too.
        if builtin_class("type").is_some_and(|metaclass| metaclass.has(name)) {
            return None;
        }
        let lookup = self.lookup(&mro, name, false, None);
        self.report_missing(attribute, &mro, name, lookup, "Class")
    }

    fn check_super(&mut self, attribute: Node<'t>, class: Node<'t>, name: &str) -> Option<String> {
        let mro = self.mro(&Class::Local(class))?;
        for member in &mro {
            self.transformed_or_unsupported(member)?;
        }
        if name == "__class__" || SUPER_SPECIAL_ATTRIBUTES.contains(&name) {
            return None;
        }
        // astroid's `Super.igetattr`: the locals of the classes after this one.
        for member in &mro[1..] {
            match member {
                Class::Builtin(builtin) => {
                    if builtin.has(name) {
                        return None;
                    }
                }
                _ => {
                    // Found (a value pylint might skip, from `x += 1` in a class
                    // body, is not modelled either): no message.
                    if self.facts(member)?.binds(name) || self.brain_locals(member).contains(&name) {
                        return None;
                    }
                }
            }
        }
        if self.stored_elsewhere(&mro, name) {
            return None;
        }
        let pointer = self.class_name(class)?;
        if self.exempt(attribute, pointer, name) {
            return None;
        }
        Some(format!("Super of '{pointer}' has no '{name}' member"))
    }

    /// Reports a lookup that found nothing pylint counts.
    fn report_missing(
        &mut self,
        attribute: Node<'t>,
        mro: &[Class<'t>],
        name: &str,
        lookup: Lookup,
        display: &str,
    ) -> Option<String> {
        let owner_name = self.name_of(mro.first()?)?;
        match lookup {
            Lookup::Found | Lookup::Unknown => return None,
            Lookup::Skipped => {}
            Lookup::Missing => {
                // `_emit_no_member`'s exemptions apply only when nothing was found.
                if self.typed_annotation(mro, name)? {
                    return None;
                }
                if self.exempt(attribute, &owner_name, name) {
                    return None;
                }
            }
        }
        if self.stored_elsewhere(mro, name) {
            return None;
        }
        let hint = self.hint(mro, name)?;
        let hint = hint.map_or(String::new(), |similar| format!("; maybe '{similar}'?"));
        Some(format!("{display} '{owner_name}' has no '{name}' member{hint}"))
    }

    fn class_name(&self, class: Node<'t>) -> Option<&'t str> {
        class.child_by_field_id(FIELD_NAME).map(|name| self.text(name))
    }

    fn name_of(&self, class: &Class<'t>) -> Option<String> {
        match class {
            Class::Local(node) => self.class_name(*node).map(str::to_string),
            Class::Remote(remote) => Some(remote.name.clone()),
            Class::Builtin(builtin) => Some(builtin.name.to_string()),
        }
    }

    /// pylint's exemptions that depend on where the read is and on the
    /// owner's name (`_emit_no_member`).
    fn exempt(&mut self, attribute: Node<'t>, owner_name: &str, name: &str) -> bool {
        // The default `mixin-class-rgx` `.*[Mm]ixin`, matched at the start.
        if owner_name.contains("Mixin") || owner_name.contains("mixin") {
            return true;
        }
        // A mangled private name: pylint looks the unmangled one up, not modelled.
        if name.starts_with(&format!("_{owner_name}")) {
            return true;
        }
        handled_by_attribute_error_handler(self.source, attribute)
            || suppressed_by_context_manager(self.source, attribute)
            || self.guarded_by_constant_condition(attribute)
    }

    /// The checks that make pylint skip the owner or astroid answer
    /// differently than modelled, for each class of the MRO. `None` when the
    /// lookup is not modelled.
    fn supported_for_lookup(&self, mro: &[Class<'t>], instance: bool) -> Option<()> {
        if IGNORED_CLASS_NAMES.contains(&self.name_of(mro.first()?)?.as_str()) {
            return None;
        }
        for member in mro {
            self.transformed_or_unsupported(member)?;
            if member.is_builtin("type") {
                return None;
            }
            match member {
                Class::Builtin(builtin) => {
                    if builtin.has("__getattr__") {
                        return None;
                    }
                }
                _ => {
                    let facts = self.facts(member)?;
                    if ["__getattr__", "__getattribute__"].iter().any(|special| facts.binds(special)) {
                        return None;
                    }
                    for (keyword, value) in &facts.keywords {
                        if keyword == "metaclass" && instance && self.is_abc_meta(member, value) {
                            continue;
                        }
                        if keyword == "metaclass" || keyword == "**" {
                            return None;
                        }
                    }
                }
            }
        }
        Some(())
    }

    /// Classes whose attributes astroid's brains change: decorated by a
    /// dataclass-like decorator, generic (`class C[T]`).
    fn transformed_or_unsupported(&self, class: &Class<'t>) -> Option<()> {
        let Class::Builtin(_) = class else {
            let facts = self.facts(class)?;
            if facts.type_parameters {
                return None;
            }
            for decorator in &facts.decorators {
                let decorator = decorator.as_ref()?;
                let last = decorator.parts.last()?;
                if TRANSFORMING_CLASS_DECORATORS.contains(&last.as_str()) {
                    return None;
                }
            }
            return Some(());
        };
        Some(())
    }

    /// Whether a `metaclass=` value is `abc.ABCMeta`, which defines no
    /// `__getattr__` for instances to reach.
    fn is_abc_meta(&self, class: &Class<'t>, value: &BaseRef) -> bool {
        let from_abc = |target: Option<&ImportTarget>, name: &str| {
            matches!(target, Some(ImportTarget::From { level: 0, module, name: imported }) if module == "abc" && imported == name)
        };
        let module_abc = |target: Option<&ImportTarget>| matches!(target, Some(ImportTarget::Module { module }) if module == "abc");
        match class {
            Class::Local(node) => {
                let Some(arguments) = node.child_by_field_id(FIELD_SUPERCLASSES) else { return false };
                let Some(keyword_value) = code_children(arguments)
                    .filter(|argument| argument.kind_id() == KEYWORD_ARGUMENT)
                    .find(|argument| argument.child_by_field_id(FIELD_NAME).is_some_and(|n| self.text(n) == "metaclass"))
                    .and_then(|argument| argument.child_by_field_id(FIELD_VALUE))
                else {
                    return false;
                };
                let root = match value {
                    BaseRef::Name(name) if name == "ABCMeta" => keyword_value,
                    BaseRef::Dotted(parts) if parts.len() == 2 && parts[0] == "abc" && parts[1] == "ABCMeta" => {
                        match keyword_value.child_by_field_id(FIELD_OBJECT) {
                            Some(object) => object,
                            None => return false,
                        }
                    }
                    _ => return false,
                };
                let Some(target) = self.local_import_target(root) else { return false };
                match value {
                    BaseRef::Name(_) => from_abc(Some(&target), "ABCMeta"),
                    _ => module_abc(Some(&target)),
                }
            }
            Class::Remote(remote) => {
                let summary = &remote.module.summary;
                let bound_once = |name: &str| summary.binding_counts.get(name).copied().unwrap_or(0) == 1;
                match value {
                    BaseRef::Name(name) if name == "ABCMeta" => {
                        // `abc.ABC` itself, in abc.py.
                        path_ends_with(&remote.module.path, &["abc.py"])
                            || (bound_once(name) && from_abc(summary.imports.get(name.as_str()), "ABCMeta"))
                    }
                    BaseRef::Dotted(parts) if parts.len() == 2 && parts[0] == "abc" && parts[1] == "ABCMeta" => {
                        bound_once("abc") && module_abc(summary.imports.get("abc"))
                    }
                    _ => false,
                }
            }
            Class::Builtin(_) => false,
        }
    }

    /// The import target of the only binding of an identifier of this module.
    fn local_import_target(&self, identifier: Node<'t>) -> Option<ImportTarget> {
        if identifier.kind_id() != IDENTIFIER {
            return None;
        }
        let name = self.text(identifier);
        let scope = self.semantic.resolve(self.semantic.enclosing_scope(identifier), name)?;
        let mut bindings = self.semantic.bindings_of(scope, name);
        let (Some(only), None) = (bindings.next(), bindings.next()) else { return None };
        if only.kind != BindingKind::Import {
            return None;
        }
        summary::import_bindings(self.source, only.statement)
            .into_iter()
            .find(|(bound, _)| bound == name)
            .map(|(_, target)| target)
    }

    /// The names astroid's brains add to a class's locals.
    fn brain_locals(&self, class: &Class<'t>) -> &'static [&'static str] {
        let (path, name) = match class {
            Class::Local(node) => match (self.imports, self.class_name(*node)) {
                (Some((path, _)), Some(name)) => (path.to_path_buf(), name.to_string()),
                _ => return &[],
            },
            Class::Remote(remote) => (remote.module.path.clone(), remote.name.clone()),
            Class::Builtin(_) => return &[],
        };
        BRAIN_ADDED_LOCALS
            .iter()
            .find(|(ending, class, _)| *class == name && ending.is_none_or(|ending| path_ends_with(&path, ending)))
            .map_or(&[][..], |(_, _, names)| *names)
    }

    fn facts<'m>(&'m self, class: &'m Class<'t>) -> Option<&'m ClassFacts> {
        match class {
            Class::Local(node) => self.analysis.classes.get(&node.id()),
            Class::Remote(remote) => remote.summary().map(|summary| &summary.facts),
            Class::Builtin(_) => None,
        }
    }

    /// astroid's attribute lookup on an instance (`instance`: its
    /// attributes, then its class's) or a class, along the MRO.
    fn lookup(
        &mut self,
        mro: &[Class<'t>],
        name: &str,
        instance: bool,
        read_parent: Option<(usize, usize, u16)>,
    ) -> Lookup {
        // astroid files `self.x = ...` only where `__slots__` allows it.
        let mut assignable = Vec::with_capacity(mro.len());
        for member in mro {
            let allowed = match (instance, member) {
                (false, _) | (_, Class::Builtin(_)) => true,
                _ => match self.slot_names(member) {
                    None => return Lookup::Unknown,
                    Some(None) => true,
                    Some(Some(slots)) => slots.iter().any(|slot| slot == name),
                },
            };
            assignable.push(allowed);
        }
        let mut skipped = false;
        let mut undecided = false;
        let mut judge = |definition: &Definition, local: bool, from_instance: bool| -> bool {
            match definition.kind {
                DefinitionKind::AnnotationOnly if !from_instance => false,
                DefinitionKind::Plain | DefinitionKind::Annotated | DefinitionKind::AnnotationOnly => {
                    // `self.x = self.x`: the definition is the read's own statement.
                    if local && from_instance && Some(definition.parent) == read_parent {
                        skipped = true;
                        return false;
                    }
                    true
                }
                DefinitionKind::Augmented | DefinitionKind::SelfReferential => {
                    skipped = true;
                    false
                }
                DefinitionKind::Undecided => {
                    undecided = true;
                    false
                }
            }
        };
        for (member, assignable) in mro.iter().zip(assignable) {
            match member {
                Class::Builtin(builtin) => {
                    if builtin.has(name) {
                        return Lookup::Found;
                    }
                }
                _ => {
                    let Some(facts) = self.facts(member) else { return Lookup::Unknown };
                    if IMPLICIT_LOCALS.contains(&name) || self.brain_locals(member).contains(&name) {
                        return Lookup::Found;
                    }
                    let local = matches!(member, Class::Local(_));
                    if instance && assignable {
                        for definition in facts.instance_attributes.iter().filter(|d| d.name == name) {
                            if judge(definition, local, true) {
                                return Lookup::Found;
                            }
                        }
                    }
                    for definition in facts.locals.iter().filter(|d| d.name == name) {
                        if judge(definition, local, false) {
                            return Lookup::Found;
                        }
                    }
                }
            }
        }
        if undecided {
            Lookup::Unknown
        } else if skipped {
            Lookup::Skipped
        } else {
            Lookup::Missing
        }
    }

    /// astroid's `ClassDef.slots()`: the slot names of the class's whole MRO,
    /// `Some(None)` when some class has none (or all are empty), so that any
    /// attribute can be assigned; `None` when not modelled.
    fn slot_names(&mut self, class: &Class<'t>) -> Option<Option<Vec<String>>> {
        let mro = self.mro(class)?;
        let mut names = Vec::new();
        for member in &mro {
            match member {
                Class::Builtin(builtin) if builtin.name == "object" => {}
                // Builtin classes have no `__slots__` in astroid's locals.
                Class::Builtin(_) => return Some(None),
                _ => match &self.facts(member)?.slots {
                    Slots::Absent => return Some(None),
                    Slots::Unknown => return None,
                    Slots::Names(slots) => names.extend(slots.iter().cloned()),
                },
            }
        }
        Some(if names.is_empty() { None } else { Some(names) })
    }

    /// pylint's `is_attribute_typed_annotation`: the first binding of the
    /// name in the class, or in a class of its MRO, is an annotation.
    fn typed_annotation(&self, mro: &[Class<'t>], name: &str) -> Option<bool> {
        for member in mro {
            if let Class::Builtin(_) = member {
                continue;
            }
            let facts = self.facts(member)?;
            let first = facts.locals.iter().find(|local| local.name == name);
            if first.is_some_and(|first| matches!(first.kind, DefinitionKind::Annotated | DefinitionKind::AnnotationOnly)) {
                return Some(true);
            }
        }
        Some(false)
    }

    /// Whether some module involved stores the name through an object that
    /// may be an instance of one of the classes (or one of the classes).
    fn stored_elsewhere(&self, mro: &[Class<'t>], name: &str) -> bool {
        let stored = |names: &[String]| names.binary_search_by(|stored| stored.as_str().cmp(name)).is_ok();
        stored(&self.analysis.foreign_attribute_stores)
            || mro.iter().any(|member| match member {
                Class::Remote(remote) => stored(&remote.module.summary.foreign_attribute_stores),
                _ => false,
            })
    }

    /// pylint's `_similar_names`: the first name one edit away, in the order
    /// `_node_names` lists them (each class's instance attributes and
    /// locals, then the same for each class of its MRO, recursively).
    /// `None` when a name stored through another object could be one.
    fn hint(&mut self, mro: &[Class<'t>], name: &str) -> Option<Option<String>> {
        let close = |candidate: &str| candidate != name && is_one_edit_away(candidate, name);
        let foreign_close = |names: &[String]| names.iter().any(|stored| close(stored));
        if foreign_close(&self.analysis.foreign_attribute_stores)
            || mro.iter().any(|member| match member {
                Class::Remote(remote) => foreign_close(&remote.module.summary.foreign_attribute_stores),
                _ => false,
            })
        {
            return None;
        }
        let mut memo: HashMap<ClassKey, Option<String>> = HashMap::new();
        let owner = mro.first()?.clone();
        Some(self.first_similar(&owner, &close, &mut memo, 0)?)
    }

    fn first_similar(
        &mut self,
        class: &Class<'t>,
        close: &dyn Fn(&str) -> bool,
        memo: &mut HashMap<ClassKey, Option<String>>,
        depth: usize,
    ) -> Option<Option<String>> {
        if depth > 64 {
            return None;
        }
        let key = class.key();
        if let Some(found) = memo.get(&key) {
            return Some(found.clone());
        }
        let own: Option<String> = match class {
            Class::Builtin(builtin) => builtin.locals().into_iter().find(|candidate| close(candidate)).map(str::to_string),
            _ => {
                let slots = self.slot_names(class)?;
                let facts = self.facts(class)?;
                facts
                    .instance_attributes
                    .iter()
                    .filter(|definition| slots.as_ref().is_none_or(|slots| slots.contains(&definition.name)))
                    .map(|definition| definition.name.as_str())
                    .chain(IMPLICIT_LOCALS.iter().copied())
                    .chain(facts.locals.iter().map(|definition| definition.name.as_str()))
                    .chain(self.brain_locals(class).iter().copied())
                    .find(|candidate| close(candidate))
                    .map(str::to_string)
            }
        };
        let found = match own {
            Some(found) => Some(found),
            None => {
                let mro = self.mro(class)?;
                let mut found = None;
                for ancestor in &mro[1..] {
                    if let Some(similar) = self.first_similar(ancestor, close, memo, depth + 1)? {
                        found = Some(similar);
                        break;
                    }
                }
                found
            }
        };
        memo.insert(key, found.clone());
        Some(found)
    }

    /// astroid's C3 MRO of a class; `None` when a base is not known.
    fn mro(&mut self, class: &Class<'t>) -> Option<Vec<Class<'t>>> {
        self.mro_depth(class, 0)
    }

    fn mro_depth(&mut self, class: &Class<'t>, depth: usize) -> Option<Vec<Class<'t>>> {
        let key = class.key();
        if let Some(known) = self.mros.get(&key) {
            return known.clone();
        }
        if depth > 32 {
            return None;
        }
        // Provisionally unknown, which also ends inheritance cycles.
        self.mros.insert(key.clone(), None);
        let result = self.compute_mro(class, depth);
        self.mros.insert(key, result.clone());
        result
    }

    fn compute_mro(&mut self, class: &Class<'t>, depth: usize) -> Option<Vec<Class<'t>>> {
        let bases = self.bases(class)?;
        // Duplicate bases: astroid raises, pylint skips the owner.
        let distinct: std::collections::HashSet<ClassKey> = bases.iter().map(Class::key).collect();
        if distinct.len() != bases.len() {
            return None;
        }
        let mut sequences: Vec<Vec<Class<'t>>> = Vec::new();
        for base in &bases {
            sequences.push(self.mro_depth(base, depth + 1)?);
        }
        sequences.push(bases);
        let mut result = vec![class.clone()];
        loop {
            sequences.retain(|sequence| !sequence.is_empty());
            if sequences.is_empty() {
                return Some(result);
            }
            let head = sequences.iter().map(|sequence| sequence[0].clone()).find(|candidate| {
                let key = candidate.key();
                sequences.iter().all(|sequence| sequence[1..].iter().all(|member| member.key() != key))
            })?;
            let key = head.key();
            for sequence in &mut sequences {
                if sequence[0].key() == key {
                    sequence.remove(0);
                }
            }
            result.push(head);
        }
    }

    /// The bases of a class as astroid infers them (`object` when none).
    fn bases(&mut self, class: &Class<'t>) -> Option<Vec<Class<'t>>> {
        let mut bases = Vec::new();
        match class {
            Class::Builtin(builtin) => {
                for base in builtin.bases {
                    bases.push(Class::Builtin(builtin_class(base)?));
                }
                return Some(bases);
            }
            Class::Local(node) => {
                if let Some(arguments) = node.child_by_field_id(FIELD_SUPERCLASSES) {
                    for argument in code_children(arguments) {
                        match argument.kind_id() {
                            KEYWORD_ARGUMENT | DICTIONARY_SPLAT => continue,
                            IDENTIFIER | ATTRIBUTE => bases.push(self.local_expression(argument)?.class()?),
                            _ => return None,
                        }
                    }
                }
            }
            Class::Remote(remote) => {
                let module = remote.module.clone();
                let summary = remote.summary()?;
                for base in &summary.bases {
                    let value = match base {
                        BaseRef::Name(name) => self.global_name(&module, name, 0)?,
                        BaseRef::Dotted(parts) => {
                            let mut value = self.global_name(&module, &parts[0], 0)?;
                            for part in &parts[1..] {
                                value = self.module_attribute(&value.module()?, part, 0)?;
                            }
                            value
                        }
                        BaseRef::Subscript { .. } | BaseRef::Unknown => return None,
                    };
                    bases.push(value.class()?);
                }
            }
        }
        if bases.is_empty() {
            bases.push(Class::Builtin(builtin_class("object")?));
        }
        Some(bases)
    }

    /// What a name or a dotted name of this module is.
    fn local_expression(&mut self, expression: Node<'t>) -> Option<Value<'t>> {
        match expression.kind_id() {
            IDENTIFIER => self.local_name(expression),
            ATTRIBUTE => {
                let object = self.local_expression(expression.child_by_field_id(FIELD_OBJECT)?)?;
                let attribute = self.text(expression.child_by_field_id(FIELD_ATTRIBUTE)?);
                self.module_attribute(&object.module()?, attribute, 0)
            }
            _ => None,
        }
    }

    /// What a name read in this module is, when bound once (or not at all:
    /// a builtin) to a class or a module.
    fn local_name(&mut self, identifier: Node<'t>) -> Option<Value<'t>> {
        let name = self.text(identifier);
        let scope = self.semantic.enclosing_scope(identifier);
        let resolved = self.semantic.resolve(scope, name);
        let providers = match resolved {
            Some(scope) if scope != ScopeId(0) => Vec::new(),
            _ => self.local_star_providers(name)?,
        };
        let Some(resolved) = resolved else {
            return match providers.as_slice() {
                [] => builtin_class(name).map(|builtin| Value::Class(Class::Builtin(builtin))),
                [provider] => self.module_attribute(&provider.clone(), name, 0),
                _ => None,
            };
        };
        if self.replaced_here.contains(&name) {
            return None;
        }
        let own = match self.unique_class_binding(resolved, name) {
            Some(class) => Value::Class(Class::Local(class)),
            None => {
                let target = self.local_import_target(identifier)?;
                let (path, _) = self.imports?;
                self.import_target(path, &target, 0)?
            }
        };
        // Also bound by star imports: fine when they all mean the same.
        let mut values = vec![own];
        for provider in providers {
            values.push(self.module_attribute(&provider, name, 0)?);
        }
        agreed(values)?
    }

    /// The modules this module star-imports that bind `name` (astroid files
    /// every public name of a star-imported module); `None` when one of
    /// them cannot be read.
    fn local_star_providers(&mut self, name: &str) -> Option<Vec<ModuleRef>> {
        if self.star_imports.is_none() {
            let star_imports = summary::ModuleSummary::star_imports_of(self.source, self.semantic.scopes[0].node);
            let modules = if star_imports.is_empty() {
                Some(Vec::new())
            } else {
                self.imports.and_then(|(path, index)| {
                    star_imports.iter().map(|(level, module)| index.import(path, *level, module)).collect()
                })
            };
            self.star_imports = Some(modules);
        }
        let modules = self.star_imports.clone()??;
        let mut providers = Vec::new();
        for module in modules {
            if self.binds_publicly(&module, name, 0)? {
                providers.push(module);
            }
        }
        Some(providers)
    }

    /// Whether a star import of `module` binds `name`: a public name of it
    /// (its own or star-imported in turn).
    fn binds_publicly(&self, module: &ModuleRef, name: &str, depth: usize) -> Option<bool> {
        if name.starts_with('_') {
            return Some(false);
        }
        if module.summary.binding_counts.contains_key(name) {
            return Some(true);
        }
        if depth > 8 {
            return None;
        }
        let (_, index) = self.imports?;
        for (level, imported) in &module.summary.star_imports {
            let imported = index.import(&module.path, *level, imported)?;
            if self.binds_publicly(&imported, name, depth + 1)? {
                return Some(true);
            }
        }
        Some(false)
    }

    /// What an import binds.
    fn import_target(&mut self, importer: &Path, target: &ImportTarget, depth: usize) -> Option<Value<'t>> {
        let (_, index) = self.imports?;
        match target {
            ImportTarget::Module { module } => index.import(importer, 0, module).map(Value::Module),
            ImportTarget::From { level, module, name } => {
                let from = index.import(importer, *level, module)?;
                self.module_attribute(&from, name, depth + 1)
            }
        }
    }

    /// A name looked up in the global scope of `module` (then the builtins).
    fn global_name(&mut self, module: &ModuleRef, name: &str, depth: usize) -> Option<Value<'t>> {
        match self.module_local(module, name, depth)? {
            Some(value) => Some(value),
            None => builtin_class(name).map(|builtin| Value::Class(Class::Builtin(builtin))),
        }
    }

    /// `module.name`: a name the module binds, else a submodule of a package.
    fn module_attribute(&mut self, module: &ModuleRef, name: &str, depth: usize) -> Option<Value<'t>> {
        match self.module_local(module, name, depth)? {
            Some(value) => Some(value),
            None if module.path.file_name().is_some_and(|file| file == "__init__.py") => {
                let (_, index) = self.imports?;
                index.import(&module.path, 1, name).map(Value::Module)
            }
            None => None,
        }
    }

    /// What `module` binds `name` to, when it binds it once to a class or a
    /// module: `Some(None)` when it does not bind it, `None` when unknown.
    fn module_local(&mut self, module: &ModuleRef, name: &str, depth: usize) -> Option<Option<Value<'t>>> {
        if depth > 8 {
            return None;
        }
        let (_, index) = self.imports?;
        let summary = module.summary.clone();
        let mut providers = Vec::new();
        if !name.starts_with('_') {
            for (level, imported) in &summary.star_imports {
                let imported = index.import(&module.path, *level, imported)?;
                if self.binds_publicly(&imported, name, 0)? {
                    providers.push(imported);
                }
            }
        }
        let count = summary.binding_counts.get(name).copied().unwrap_or(0);
        let own = match count {
            0 => None,
            1 => Some(self.own_module_value(module, name, depth)?),
            _ => return None,
        };
        // Bound by more than one statement: fine when they all mean the same.
        let mut values: Vec<Value<'t>> = own.into_iter().collect();
        for provider in providers {
            values.push(self.module_attribute(&provider, name, depth + 1)?);
        }
        agreed(values)
    }

    /// What the one statement of `module` that binds `name` binds it to.
    fn own_module_value(&mut self, module: &ModuleRef, name: &str, depth: usize) -> Option<Value<'t>> {
        let summary = module.summary.clone();
        if brain_replaced(&module.path).contains(&name) {
            return None;
        }
        if summary.classes.contains_key(name) {
            let class = RemoteClass { module: module.clone(), name: name.to_string() };
            return Some(Value::Class(Class::Remote(class)));
        }
        if let Some(callee) = summary.instances.get(name) {
            let class = self.reference(module, callee, depth + 1)?;
            return instance_of(class.class()?).map(Value::Instance);
        }
        let target = summary.imports.get(name)?.clone();
        self.import_target(&module.path, &target, depth + 1)
    }

    /// What a (dotted) name read at the top level of `module` is.
    fn reference(&mut self, module: &ModuleRef, reference: &BaseRef, depth: usize) -> Option<Value<'t>> {
        match reference {
            BaseRef::Name(name) => self.global_name(module, name, depth),
            BaseRef::Dotted(parts) => {
                let mut value = self.global_name(module, &parts[0], depth)?;
                for part in &parts[1..] {
                    value = self.module_attribute(&value.module()?, part, depth)?;
                }
                Some(value)
            }
            BaseRef::Subscript { .. } | BaseRef::Unknown => None,
        }
    }

    /// pylint's guard: no message when an enclosing `if` (or conditional
    /// expression) runs the read only when its condition holds and that
    /// condition may be inferred to a false constant.
    fn guarded_by_constant_condition(&mut self, attribute: Node<'t>) -> bool {
        let mut child = attribute;
        while let Some(parent) = child.parent() {
            match parent.kind_id() {
                FUNCTION_DEFINITION | LAMBDA | CLASS_DEFINITION | MODULE => return false,
                IF_STATEMENT | ELIF_CLAUSE => {
                    if parent.child_by_field_id(FIELD_CONSEQUENCE) == Some(child) {
                        let condition = parent.child_by_field_id(FIELD_CONDITION);
                        if !condition.is_some_and(|condition| self.never_false_constant(condition)) {
                            return true;
                        }
                    }
                }
                CONDITIONAL_EXPRESSION => {
                    let mut parts = code_children(parent);
                    if parts.next() == Some(child) {
                        let condition = parts.next();
                        if !condition.is_some_and(|condition| self.never_false_constant(condition)) {
                            return true;
                        }
                    }
                }
                _ => {}
            }
            child = parent;
        }
        false
    }

    /// Whether pylint's `safe_infer` of a condition is certainly not a false
    /// constant: a `*args`/`**kwargs` parameter (a tuple or dict to astroid,
    /// `not args` and `'key' not in kwargs` are `True`), or an expression
    /// whose inference yields an uninferable value or fails, which
    /// `safe_infer` never returns as a constant.
    fn never_false_constant(&mut self, condition: Node<'t>) -> bool {
        let condition = strip_parens(condition);
        match condition.kind_id() {
            IDENTIFIER if self.is_variadic_parameter(condition) => return true,
            NOT_OPERATOR => {
                let argument = condition.child_by_field_id(FIELD_ARGUMENT).map(strip_parens);
                if argument.is_some_and(|argument| argument.kind_id() == IDENTIFIER && self.is_variadic_parameter(argument)) {
                    return true;
                }
            }
            COMPARISON_OPERATOR => {
                let operators = super::consider_using_in::comparison_operators(self.source, condition);
                let operands: Vec<Node> = code_children(condition).map(strip_parens).collect();
                if let ([operator], [left, right]) = (operators.as_slice(), operands.as_slice()) {
                    if operator == "not in"
                        && matches!(left.kind_id(), STRING | INTEGER)
                        && right.kind_id() == IDENTIFIER
                        && self.is_variadic_parameter(*right)
                    {
                        return true;
                    }
                }
            }
            _ => {}
        }
        self.uninferable(condition, 0, false)
    }

    /// A `*args` or `**kwargs` parameter read where nothing else binds it.
    fn is_variadic_parameter(&self, identifier: Node<'t>) -> bool {
        let name = self.text(identifier);
        let Some(scope) = self.semantic.resolve(self.semantic.enclosing_scope(identifier), name) else { return false };
        let reaching = classes::reaching_bindings(self.semantic, identifier, scope, name);
        let [only] = reaching.as_slice() else { return false };
        only.kind == BindingKind::Parameter && is_variadic(only.statement)
    }

    /// Whether inferring `node` yields an uninferable value or fails
    /// (`strict`: yields only uninferable values; the builtins' brains
    /// infer their argument's first value alone).
    fn uninferable(&mut self, node: Node<'t>, depth: usize, strict: bool) -> bool {
        if depth > 12 {
            return false;
        }
        let node = strip_parens(node);
        let operand = |model: &mut Self, field: u16| {
            node.child_by_field_id(field).is_some_and(|child| model.uninferable(child, depth + 1, strict))
        };
        match node.kind_id() {
            IDENTIFIER => self.name_uninferable(node, depth, strict),
            ATTRIBUTE => {
                operand(self, FIELD_OBJECT)
                    || self.missing_receiver_attribute(node)
                    || (!strict && self.ambiguous_module_attribute(node))
                    || self.check_attribute(node).is_some()
            }
            SUBSCRIPT => operand(self, FIELD_VALUE),
            NOT_OPERATOR | UNARY_OPERATOR if !strict => operand(self, FIELD_ARGUMENT),
            BOOLEAN_OPERATOR | BINARY_OPERATOR if !strict => operand(self, FIELD_LEFT) || operand(self, FIELD_RIGHT),
            COMPARISON_OPERATOR if !strict => {
                let operators = super::consider_using_in::comparison_operators(self.source, node);
                if operators.first().is_some_and(|first| first == "is" || first == "is not") {
                    return true;
                }
                let operands: Vec<Node> = code_children(node).take(2).collect();
                operands.into_iter().any(|operand| self.uninferable(operand, depth + 1, false))
            }
            CALL => {
                let Some(function) = node.child_by_field_id(FIELD_FUNCTION).map(strip_parens) else { return false };
                if function.kind_id() == IDENTIFIER {
                    let name = self.text(function);
                    if self.semantic.is_builtin(self.semantic.enclosing_scope(function), name) {
                        let argument_strictly = match name {
                            _ if strict => return false,
                            "isinstance" | "len" => false,
                            "issubclass" | "hasattr" | "getattr" | "callable" => true,
                            _ => return false,
                        };
                        let first = node
                            .child_by_field_id(FIELD_ARGUMENTS)
                            .and_then(|arguments| code_children(arguments).next())
                            .filter(|first| !matches!(first.kind_id(), KEYWORD_ARGUMENT | LIST_SPLAT | DICTIONARY_SPLAT));
                        return first.is_some_and(|first| self.uninferable(first, depth + 1, argument_strictly));
                    }
                }
                self.uninferable(function, depth + 1, strict)
            }
            _ => false,
        }
    }

    /// `module.name` where the module binds `name` more than once
    /// (`os.name`, set in each branch of an `if`): astroid infers every
    /// binding, and `safe_infer` gives up on several values.
    fn ambiguous_module_attribute(&mut self, attribute: Node<'t>) -> bool {
        let Some(object) = attribute.child_by_field_id(FIELD_OBJECT).map(strip_parens) else { return false };
        let Some(name) = attribute.child_by_field_id(FIELD_ATTRIBUTE).map(|name| self.text(name)) else { return false };
        if object.kind_id() != IDENTIFIER {
            return false;
        }
        let Some(Value::Module(module)) = self.local_expression(object) else { return false };
        module.summary.binding_counts.get(name).is_some_and(|count| *count > 1)
    }

    /// `self.x` where the instance has no `x` at all: its inference fails.
    fn missing_receiver_attribute(&mut self, attribute: Node<'t>) -> bool {
        let Some(object) = attribute.child_by_field_id(FIELD_OBJECT).map(strip_parens) else { return false };
        let Some(name) = attribute.child_by_field_id(FIELD_ATTRIBUTE).map(|name| self.text(name)) else { return false };
        let Some(receiver) = self.receivers.receiver(self.semantic, object) else { return false };
        if receiver.kind != MethodKind::Instance || INSTANCE_SPECIAL_ATTRIBUTES.contains(&name) {
            return false;
        }
        let Some(mro) = self.mro(&Class::Local(receiver.class)) else { return false };
        if self.supported_for_lookup(&mro, true).is_none() || self.stored_elsewhere(&mro, name) {
            return false;
        }
        let is_exception = mro.iter().any(|member| member.is_builtin("Exception") || member.is_builtin("BaseException"));
        if is_exception && EXCEPTION_SPECIAL_ATTRIBUTES.contains(&name) {
            return false;
        }
        matches!(self.lookup(&mro, name, true, None), Lookup::Missing)
    }

    /// A name of a function whose every binding the read may see is a
    /// plain parameter (not a method's receiver, not `*args`; `strict`:
    /// without a default, which is inferred first) or an assignment of an
    /// uninferable value.
    fn name_uninferable(&mut self, identifier: Node<'t>, depth: usize, strict: bool) -> bool {
        let name = self.text(identifier);
        let reading = self.semantic.enclosing_scope(identifier);
        let Some(scope_id) = self.semantic.resolve(reading, name) else { return false };
        let scope = self.semantic.scope(scope_id);
        if !matches!(scope.kind, ScopeKind::Function | ScopeKind::Lambda) || scope.nonlocals.contains(name) {
            return false;
        }
        let in_class = scope.parent.is_some_and(|parent| self.semantic.scope(parent).kind == ScopeKind::Class);
        let function = scope.node;
        let reaching = classes::reaching_bindings(self.semantic, identifier, scope_id, name);
        if reaching.is_empty() {
            return false;
        }
        for binding in reaching {
            let plain = match binding.kind {
                BindingKind::Parameter => {
                    let receiver = in_class && classes::first_positional_parameter(function) == Some(binding.identifier);
                    let allowed: &[u16] = if strict {
                        &[IDENTIFIER, TYPED_PARAMETER]
                    } else {
                        &[IDENTIFIER, DEFAULT_PARAMETER, TYPED_PARAMETER, TYPED_DEFAULT_PARAMETER]
                    };
                    !receiver && !is_variadic(binding.statement) && allowed.contains(&binding.statement.kind_id())
                }
                BindingKind::Assignment if !binding.unpacked => {
                    let assignment = binding.identifier.parent().filter(|parent| {
                        parent.kind_id() == ASSIGNMENT && parent.child_by_field_id(FIELD_LEFT) == Some(binding.identifier)
                    });
                    let value = assignment.and_then(|assignment| assignment.child_by_field_id(FIELD_RIGHT));
                    value.is_some_and(|value| value.kind_id() != ASSIGNMENT && self.uninferable(value, depth + 1, strict))
                }
                // The elements of an uninferable iterable are uninferable.
                BindingKind::LoopVariable if !binding.unpacked => binding
                    .statement
                    .child_by_field_id(FIELD_RIGHT)
                    .is_some_and(|iterable| self.uninferable(iterable, depth + 1, strict)),
                _ => false,
            };
            if !plain {
                return false;
            }
        }
        true
    }
}

/// The one value several bindings agree on: `Some(None)` for none,
/// `None` when they differ.
fn agreed(values: Vec<Value>) -> Option<Option<Value>> {
    let mut values = values.into_iter();
    let Some(first) = values.next() else { return Some(None) };
    let key = |value: &Value| match value {
        Value::Class(class) => (0, Some(class.key()), None),
        Value::Instance(class) => (1, Some(class.key()), None),
        Value::Module(module) => (2, None, Some(module.path.clone())),
    };
    let first_key = key(&first);
    values.all(|value| key(&value) == first_key).then_some(Some(first))
}

/// What calling a class gives to astroid: an instance of it (builtin
/// classes aside, whose calls astroid's brains infer their own way).
fn instance_of(class: Class) -> Option<Class> {
    match class {
        Class::Builtin(_) => None,
        class => Some(class),
    }
}

/// Whether a parameter node is `*args` or `**kwargs` (typed or not).
fn is_variadic(parameter: Node) -> bool {
    match parameter.kind_id() {
        LIST_SPLAT_PATTERN | DICTIONARY_SPLAT_PATTERN => true,
        TYPED_PARAMETER => code_children(parameter)
            .next()
            .is_some_and(|first| matches!(first.kind_id(), LIST_SPLAT_PATTERN | DICTIONARY_SPLAT_PATTERN)),
        _ => false,
    }
}

/// Whether a node is part of an annotation (never evaluated under
/// `from __future__ import annotations`).
fn in_annotation(node: Node) -> bool {
    let mut current = node.parent();
    while let Some(parent) = current {
        match parent.kind_id() {
            TYPE => return true,
            FUNCTION_DEFINITION | CLASS_DEFINITION | LAMBDA | MODULE => return false,
            _ => current = parent.parent(),
        }
    }
    false
}

/// pylint's `node_ignores_exception(node, AttributeError)`: the nearest
/// `try` around the node (its body, `else` or `finally`; not from inside a
/// handler) has a handler naming `AttributeError`.
fn handled_by_attribute_error_handler(source: &str, node: Node) -> bool {
    let mut current = node;
    while let Some(parent) = current.parent() {
        match parent.kind_id() {
            EXCEPT_CLAUSE => return false,
            TRY_STATEMENT => {
                let handlers: Vec<Node> = code_children(parent).filter(|child| child.kind_id() == EXCEPT_CLAUSE).collect();
                // `try ... except*` is not a `Try` to pylint: it looks further out.
                if !handlers.iter().any(|handler| super::no_else_return::is_except_star(*handler)) {
                    return handlers.iter().any(|handler| names_attribute_error(source, *handler));
                }
            }
            _ => {}
        }
        current = parent;
    }
    false
}

/// Whether the caught type of a handler mentions the name `AttributeError`
/// (astroid's `ExceptHandler.catch`: the `Name` nodes of the type).
fn names_attribute_error(source: &str, handler: Node) -> bool {
    let (caught, _) = super::raise_missing_from::handler_parts(handler);
    let Some(caught) = caught else { return false };
    let mut found = false;
    syntax::walk(caught, |node| {
        if node.kind_id() == IDENTIFIER
            && syntax::node_text(source, node) == "AttributeError"
            && node.parent().is_none_or(|parent| {
                parent.kind_id() != ATTRIBUTE || parent.child_by_field_id(FIELD_ATTRIBUTE) != Some(node)
            })
        {
            found = true;
        }
        !found
    });
    found
}

/// A `with` around the node whose context manager is a call given
/// `AttributeError` (pylint's `contextlib.suppress` check, taken broadly).
fn suppressed_by_context_manager(source: &str, node: Node) -> bool {
    let mut current = node.parent();
    while let Some(parent) = current {
        if parent.kind_id() == WITH_STATEMENT {
            let mut found = false;
            if let Some(clause) = code_children(parent).find(|child| child.kind_id() == WITH_CLAUSE) {
                syntax::walk(clause, |item| {
                    if item.kind_id() == CALL {
                        let arguments = item.child_by_field_id(FIELD_ARGUMENTS);
                        found |= arguments.is_some_and(|arguments| {
                            syntax::node_text(source, arguments).contains("AttributeError")
                        });
                    }
                    !found && item.kind_id() != BLOCK
                });
            }
            if found {
                return true;
            }
        }
        current = parent.parent();
    }
    false
}

/// The classes astroid's brains replace in the module at `path`.
fn brain_replaced(path: &Path) -> &'static [&'static str] {
    BRAIN_REPLACED_CLASSES
        .iter()
        .find(|(ending, _)| path_ends_with(path, ending))
        .map_or(&[][..], |(_, names)| *names)
}

fn path_ends_with(path: &Path, ending: &[&str]) -> bool {
    let components: Vec<&str> = path.components().filter_map(|component| component.as_os_str().to_str()).collect();
    components.len() >= ending.len() && components[components.len() - ending.len()..] == *ending
}

/// pylint's `_similar_names` test with `missing-member-hint-distance=1`:
/// lengths at most one apart and a Levenshtein distance of at most one.
fn is_one_edit_away(candidate: &str, name: &str) -> bool {
    let candidate: Vec<char> = candidate.chars().collect();
    let name: Vec<char> = name.chars().collect();
    if candidate.len().abs_diff(name.len()) > 1 {
        return false;
    }
    levenshtein(&name, &candidate) <= 1
}

fn levenshtein(first: &[char], second: &[char]) -> usize {
    let mut previous: Vec<usize> = (0..=second.len()).collect();
    for (i, a) in first.iter().enumerate() {
        let mut current = vec![i + 1; second.len() + 1];
        for (j, b) in second.iter().enumerate() {
            current[j + 1] = (previous[j + 1] + 1).min(current[j] + 1).min(previous[j] + usize::from(a != b));
        }
        previous = current;
    }
    previous[second.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_edit_away_is_pylints_distance_one() {
        assert!(is_one_edit_away("version", "_version"));
        assert!(is_one_edit_away("test", "tests"));
        assert!(!is_one_edit_away("cont", "coun"));
        assert!(!is_one_edit_away("count", "cont_"));
        assert!(!is_one_edit_away("ab", "ba"));
    }
}
