//! What astroid knows of a class's attributes: the names its body binds
//! (`locals`), the attributes its methods store on their instance
//! (`instance_attrs`), its decorators and class keywords, and which method
//! parameters astroid infers to the instance or the class.
//!
//! Built the same way for the checked module and for imported ones (their
//! summaries carry it), so that attribute lookups can follow a class's
//! ancestors across modules as astroid does.

use super::summary::BaseRef;
use super::{BindingKind, ScopeId, ScopeKind, SemanticModel};
use crate::syntax::kinds::*;
use crate::syntax::{code_children, node_text, strip_parens, FastHashSet, Node, NodeMap};

/// How pylint's no-member check counts one definition of a name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum DefinitionKind {
    /// An attribute to astroid's lookup that pylint accepts as a definition.
    Plain,
    /// `x: T` without a value: in the class's locals, but astroid's
    /// `getattr` leaves it out.
    AnnotationOnly,
    /// `x: T = value`.
    Annotated,
    /// The target of `x += ...`: found by the lookup, but pylint skips it.
    Augmented,
    /// `x = x + ...`: pylint's `is_augmented_assign` holds, so it is skipped too.
    SelfReferential,
    /// `x = a + x`: whether pylint takes it for `x += ...` depends on what
    /// `a` is inferred to, which is not modelled.
    Undecided,
}

/// One definition of a name in a class.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Definition {
    pub name: String,
    pub kind: DefinitionKind,
    /// Byte range and kind of the node astroid makes the target's parent
    /// (the assignment, the tuple it is unpacked from, the `for`): pylint
    /// skips a definition whose parent is the read's parent (`self.x = self.x`).
    pub parent: (usize, usize, u16),
    /// Where a stored attribute is: the byte range of the `x.name` target
    /// and its 0-based line (for names of the class body: `(0, 0)` and 0).
    pub range: (u32, u32),
    pub line: u32,
    /// The name of the function or lambda (`<lambda>`) the store is in
    /// (astroid's `frame().name`); empty at module or class level.
    pub frame: String,
    /// Stored through a method's own instance parameter, directly in that
    /// method (astroid's frame is the method, not a nested function).
    pub in_method: bool,
    /// A name of the class body bound (by this binding) with a `def`.
    pub function: bool,
}

/// A class statement as astroid's attribute lookups see it.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ClassFacts {
    /// Each decorator as dotted name parts (a call: the called name's parts,
    /// with `called` set); `None` for any other expression.
    pub decorators: Vec<Option<Decorator>>,
    /// Keyword arguments of the class statement (`metaclass=...`), with their
    /// value; `**kwargs` is `("**", Unknown)`.
    pub keywords: Vec<(String, BaseRef)>,
    /// `class C[T]: ...`.
    pub type_parameters: bool,
    /// What astroid files in the class's `locals`, in its order (its three
    /// implicit names aside): the body's bindings in source order, then the
    /// names of `from ... import` statements (astroid adds those after the
    /// tree is built), then `cls.x = ...` stores of its classmethods.
    pub locals: Vec<Definition>,
    /// `self.x = ...` stores of its methods (astroid's `instance_attrs`), in
    /// source order.
    pub instance_attributes: Vec<Definition>,
    /// The class's own `__slots__`.
    pub slots: Slots,
    /// The names the class's own attribute-defining methods
    /// ([`DEFINING_ATTRIBUTE_METHODS`]) call, as `name(...)` or
    /// `x.name(...)`, sorted: what pylint's `_called_in_methods` may find.
    #[serde(default)]
    pub defining_calls: Vec<String>,
}

/// pylint's default `defining-attr-methods`: where W0201 accepts attributes.
pub const DEFINING_ATTRIBUTE_METHODS: &[&str] = &["__init__", "__new__", "setUp", "asyncSetUp", "__post_init__"];

/// The names called inside the attribute-defining methods of a class body.
fn defining_calls(source: &str, class: Node) -> Vec<String> {
    let mut names = Vec::new();
    let Some(body) = class.child_by_field_id(FIELD_BODY) else { return names };
    for statement in code_children(body) {
        let function = crate::syntax::undecorated(statement);
        let is_defining = function.kind_id() == FUNCTION_DEFINITION
            && function
                .child_by_field_id(FIELD_NAME)
                .is_some_and(|name| DEFINING_ATTRIBUTE_METHODS.contains(&node_text(source, name)));
        if !is_defining {
            continue;
        }
        crate::syntax::walk(function, |node| {
            if node.kind_id() == CALL {
                let callee = node.child_by_field_id(FIELD_FUNCTION).map(strip_parens);
                let name = match callee {
                    Some(callee) if callee.kind_id() == IDENTIFIER => Some(callee),
                    Some(callee) if callee.kind_id() == ATTRIBUTE => callee.child_by_field_id(FIELD_ATTRIBUTE),
                    _ => None,
                };
                names.extend(name.map(|name| node_text(source, name).to_string()));
            }
            true
        });
    }
    names.sort_unstable();
    names.dedup();
    names
}


/// A class's own `__slots__`, as astroid's `ClassDef._slots` infers it.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Slots {
    /// No `__slots__` in the class body.
    #[default]
    Absent,
    /// The slot names (empty for `__slots__ = ()`).
    Names(Vec<String>),
    /// Bound in a way whose inference is not modelled.
    Unknown,
}

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Decorator {
    pub parts: Vec<String>,
    pub called: bool,
}

impl Decorator {
    /// A decorator expression as dotted name parts, or the called name's
    /// parts for a call; `None` for any other expression.
    pub fn of(source: &str, expression: Node) -> Option<Decorator> {
        let expression = strip_parens(expression);
        let (target, called) = match expression.kind_id() {
            CALL => (expression.child_by_field_id(FIELD_FUNCTION)?, true),
            _ => (expression, false),
        };
        let parts = super::summary::dotted_parts(source, target)?;
        Some(Decorator { parts, called })
    }
}

impl ClassFacts {
    /// Whether the class's `locals` hold `name` (the implicit names included).
    pub fn binds(&self, name: &str) -> bool {
        super::builtin_classes::IMPLICIT_LOCALS.contains(&name) || self.locals.iter().any(|local| local.name == name)
    }
}

/// Every class of a module, and the attribute names stored through anything
/// else than a method's own instance or class parameter.
pub struct ModuleClasses {
    /// By class statement (node id).
    pub classes: NodeMap<ClassFacts>,
    /// Names of `x.name = ...` stores whose `x` is not a method's instance or
    /// class parameter: astroid adds them to whatever class `x` is inferred
    /// to, which is not modelled, so they may belong to any class. Sorted.
    pub foreign_attribute_stores: Vec<String>,
}

/// How astroid types a function defined in a class body (its `type`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MethodKind {
    /// `method`: the first parameter is an instance of the class.
    Instance,
    /// `classmethod` (also `__new__`, `__init_subclass__`, `__class_getitem__`).
    Class,
    Static,
    /// A decorator whose effect astroid infers; not modelled.
    Unknown,
}

/// A method's first parameter, read where it means the method's instance or class.
#[derive(Clone, Copy, Debug)]
pub struct Receiver<'t> {
    pub class: Node<'t>,
    pub function: Node<'t>,
    pub kind: MethodKind,
}

/// Decorators astroid infers to something that keeps a method a method
/// (neither a `classmethod` nor a `staticmethod`), by their last name part.
const METHOD_PRESERVING_DECORATORS: &[&str] = &[
    "property",
    "setter",
    "getter",
    "deleter",
    "abstractmethod",
    "abstractproperty",
    "cached_property",
    "overload",
    "override",
    "final",
    "contextmanager",
    "asynccontextmanager",
    "wraps",
    "lru_cache",
    "cache",
    "coroutine",
];

/// Finds method receivers: the first parameter of a function defined in a
/// class body, bound nowhere else in that function.
pub struct Receivers<'t> {
    source: &'t str,
    /// Names declared `nonlocal` anywhere (a nested scope could rebind a receiver).
    nonlocal_names: FastHashSet<&'t str>,
    /// Names deleted (`del name`), with the scope they are deleted in.
    deleted: FastHashSet<(ScopeId, &'t str)>,
}

impl<'t> Receivers<'t> {
    pub fn new(source: &'t str, root: Node<'t>, semantic: &SemanticModel<'t>) -> Receivers<'t> {
        let nonlocal_names = semantic.scopes.iter().flat_map(|scope| scope.nonlocals.iter().copied()).collect();
        let mut deleted = FastHashSet::default();
        crate::syntax::walk(root, |node| {
            if node.kind_id() == DELETE_STATEMENT {
                crate::syntax::walk(node, |target| {
                    if target.kind_id() == IDENTIFIER && super::astroid::is_del_target(target) {
                        deleted.insert((semantic.enclosing_scope(target), node_text(source, target)));
                    }
                    !matches!(target.kind_id(), ATTRIBUTE | SUBSCRIPT | CALL)
                });
                return false;
            }
            true
        });
        Receivers { source, nonlocal_names, deleted }
    }

    /// The method whose receiver `identifier` (a read) is, when astroid
    /// infers it to exactly the method's instance or class.
    pub fn receiver(&self, semantic: &SemanticModel<'t>, identifier: Node<'t>) -> Option<Receiver<'t>> {
        if identifier.kind_id() != IDENTIFIER {
            return None;
        }
        let name = node_text(self.source, identifier);
        let scope = semantic.resolve(semantic.enclosing_scope(identifier), name)?;
        let function_scope = semantic.scope(scope);
        if function_scope.kind != ScopeKind::Function || self.nonlocal_names.contains(name) {
            return None;
        }
        if self.deleted.contains(&(scope, name)) {
            return None;
        }
        let class_scope = semantic.scope(function_scope.parent?);
        if class_scope.kind != ScopeKind::Class {
            return None;
        }
        let function = function_scope.node;
        let first = first_positional_parameter(function)?;
        // A receiver rebound later in the method is still the instance
        // before (astroid filters a frame's bindings by line).
        let reaching = reaching_bindings(semantic, identifier, scope, name);
        let [only] = reaching.as_slice() else { return None };
        if only.kind != BindingKind::Parameter || only.identifier != first {
            return None;
        }
        let class = class_scope.node;
        let kind = method_kind(self.source, semantic, function, class);
        Some(Receiver { class, function, kind })
    }
}

/// The bindings of `name` in `scope` that astroid's lookup of the read
/// `identifier` may see: in the read's own frame, those of statements that
/// do not start on a later line than the read's statement (astroid's
/// `_filter_stmts` line filter); from a nested frame, all of them.
pub fn reaching_bindings<'m, 't>(
    semantic: &'m SemanticModel<'t>,
    identifier: Node<'t>,
    scope: ScopeId,
    name: &str,
) -> Vec<&'m super::Binding<'t>> {
    let mut frame = semantic.enclosing_scope(identifier);
    while semantic.scope(frame).kind == ScopeKind::Comprehension {
        match semantic.scope(frame).parent {
            Some(parent) => frame = parent,
            None => break,
        }
    }
    let bindings = semantic.bindings_of(scope, name);
    if frame != scope {
        return bindings.collect();
    }
    let line = statement_line(identifier);
    bindings.filter(|binding| binding.kind == BindingKind::Parameter || statement_line(binding.identifier) <= line).collect()
}

/// The first line of the statement a node is part of.
pub fn statement_line(node: Node) -> usize {
    let mut current = node;
    loop {
        // `elif` and `except` are statements (`If`, `ExceptHandler`) to astroid.
        if crate::syntax::is_statement_kind(current.kind_id()) || matches!(current.kind_id(), ELIF_CLAUSE | EXCEPT_CLAUSE) {
            return current.start_position().row;
        }
        match current.parent() {
            Some(parent) if parent.kind_id() != BLOCK && parent.kind_id() != MODULE => current = parent,
            _ => return current.start_position().row,
        }
    }
}

/// The value of `name = value` at the top level of a class body (the first
/// such statement).
pub fn class_body_assignment<'t>(class: Node<'t>, source: &str, name: &str) -> Option<Node<'t>> {
    let body = class.child_by_field_id(FIELD_BODY)?;
    code_children(body)
        .filter(|statement| statement.kind_id() == EXPRESSION_STATEMENT)
        .filter_map(|statement| code_children(statement).next())
        .filter(|assignment| assignment.kind_id() == ASSIGNMENT)
        .find(|assignment| {
            assignment
                .child_by_field_id(FIELD_LEFT)
                .is_some_and(|target| target.kind_id() == IDENTIFIER && node_text(source, target) == name)
        })
        .and_then(|assignment| assignment.child_by_field_id(FIELD_RIGHT))
        .filter(|value| value.kind_id() != ASSIGNMENT)
}

/// The identifier of a function's first positional parameter.
pub fn first_positional_parameter(function: Node) -> Option<Node> {
    let parameters = function.child_by_field_id(FIELD_PARAMETERS)?;
    let first = code_children(parameters).next()?;
    let identifier = match first.kind_id() {
        IDENTIFIER => first,
        DEFAULT_PARAMETER | TYPED_DEFAULT_PARAMETER => first.child_by_field_id(FIELD_NAME)?,
        TYPED_PARAMETER => code_children(first).next()?,
        _ => return None,
    };
    (identifier.kind_id() == IDENTIFIER).then_some(identifier)
}

/// astroid's `FunctionDef.type` for a function whose scope's parent is `class`'s.
pub fn method_kind(source: &str, semantic: &SemanticModel, function: Node, class: Node) -> MethodKind {
    let Some(name) = function.child_by_field_id(FIELD_NAME).map(|name| node_text(source, name)) else {
        return MethodKind::Unknown;
    };
    // `name = staticmethod(name)` in the class body (astroid's `extra_decorators`).
    if let Some(class_scope) = semantic.scope_of(class) {
        for binding in semantic.bindings_of(class_scope, name) {
            if binding.kind != BindingKind::Assignment {
                continue;
            }
            let value = binding
                .identifier
                .parent()
                .filter(|parent| parent.kind_id() == ASSIGNMENT)
                .and_then(|assignment| assignment.child_by_field_id(FIELD_RIGHT));
            let called = value.filter(|value| value.kind_id() == CALL).and_then(|call| call.child_by_field_id(FIELD_FUNCTION));
            match called.filter(|function| function.kind_id() == IDENTIFIER).map(|function| node_text(source, function)) {
                Some("classmethod") => return MethodKind::Class,
                Some("staticmethod") => return MethodKind::Static,
                _ => {}
            }
        }
    }
    if matches!(name, "__new__" | "__init_subclass__" | "__class_getitem__") {
        return MethodKind::Class;
    }
    for decorator in decorator_expressions(function) {
        let decorator = strip_parens(decorator);
        let (target, called) = match decorator.kind_id() {
            CALL => match decorator.child_by_field_id(FIELD_FUNCTION) {
                Some(function) => (function, true),
                None => return MethodKind::Unknown,
            },
            _ => (decorator, false),
        };
        let Some(parts) = super::summary::dotted_parts(source, target) else { return MethodKind::Unknown };
        let last = parts.last().map(String::as_str).unwrap_or("");
        let builtin_reference = parts.len() == 1 || (parts.len() == 2 && parts[0] == "builtins");
        match last {
            "classmethod" if builtin_reference && !called => return MethodKind::Class,
            "staticmethod" if builtin_reference && !called => return MethodKind::Static,
            _ if METHOD_PRESERVING_DECORATORS.contains(&last) => {}
            _ if !called && parts.len() == 1 && is_plain_module_class(source, semantic, last) => {}
            _ => return MethodKind::Unknown,
        }
    }
    MethodKind::Instance
}

/// A class the module defines once at top level with no base but `object`:
/// as a decorator it makes an instance of itself, which astroid does not
/// take for a `classmethod` or `staticmethod`.
pub fn is_plain_module_class(source: &str, semantic: &SemanticModel, name: &str) -> bool {
    let mut bindings = semantic.bindings_of(ScopeId(0), name);
    let (Some(binding), None) = (bindings.next(), bindings.next()) else { return false };
    if binding.kind != BindingKind::ClassDef {
        return false;
    }
    let Some(class) = binding.identifier.parent() else { return false };
    class
        .child_by_field_id(FIELD_SUPERCLASSES)
        .is_none_or(|bases| code_children(bases).all(|base| node_text(source, base) == "object"))
}

/// The decorator expressions of a function or class definition.
pub fn decorator_expressions(definition: Node) -> Vec<Node> {
    let Some(parent) = definition.parent().filter(|parent| parent.kind_id() == DECORATED_DEFINITION) else {
        return Vec::new();
    };
    code_children(parent)
        .filter(|child| child.kind_id() == DECORATOR)
        .filter_map(|decorator| code_children(decorator).next())
        .collect()
}

/// Analyzes every class of a module.
pub fn analyze<'t>(source: &'t str, root: Node<'t>, semantic: &SemanticModel<'t>) -> ModuleClasses {
    let mut classes = NodeMap::default();
    let mut attribute_stores = Vec::new();
    crate::syntax::walk(root, |node| {
        match node.kind_id() {
            CLASS_DEFINITION => {
                classes.insert(node.id(), body_facts(source, node, semantic));
            }
            ATTRIBUTE => {
                if let Some(store) = attribute_store(node) {
                    attribute_stores.push((node, store));
                }
            }
            _ => {}
        }
        true
    });
    let receivers = Receivers::new(source, root, semantic);
    let mut foreign: Vec<String> = Vec::new();
    for (attribute, store) in attribute_stores {
        let Some(name) = attribute.child_by_field_id(FIELD_ATTRIBUTE).map(|name| node_text(source, name).to_string())
        else {
            continue;
        };
        let object = attribute.child_by_field_id(FIELD_OBJECT).map(strip_parens);
        let receiver = object.and_then(|object| receivers.receiver(semantic, object));
        let frame = frame_function(semantic, attribute);
        let definition = Definition {
            name: name.clone(),
            kind: store.kind(source),
            parent: store.parent,
            range: (attribute.start_byte() as u32, attribute.end_byte() as u32),
            line: attribute.start_position().row as u32,
            frame: frame.and_then(|frame| frame_name(source, frame)).unwrap_or_default(),
            in_method: receiver.is_some_and(|receiver| frame == Some(receiver.function)),
            function: false,
        };
        if let Some(receiver) = receiver {
            if let Some(facts) = classes.get_mut(&receiver.class.id()) {
                match receiver.kind {
                    MethodKind::Instance => {
                        facts.instance_attributes.push(definition);
                        continue;
                    }
                    // astroid files `cls.x = ...` in the class's locals, after the body's names.
                    MethodKind::Class => {
                        facts.locals.push(definition);
                        continue;
                    }
                    MethodKind::Static | MethodKind::Unknown => {}
                }
            }
        }
        // `x.name = ...` where `x` is certainly an instance of a class of
        // this module: astroid files it among that class's instance attributes.
        let instance_of = object.filter(|object| receiver.is_none() && object.kind_id() == IDENTIFIER);
        let class = instance_of.and_then(|object| instance_class(source, semantic, object));
        match class.and_then(|class| classes.get_mut(&class.id())) {
            Some(facts) => facts.instance_attributes.push(Definition { in_method: false, ..definition }),
            None => foreign.push(name),
        }
    }
    foreign.sort_unstable();
    foreign.dedup();
    ModuleClasses { classes, foreign_attribute_stores: foreign }
}

/// The function or lambda astroid takes for a node's frame (comprehensions
/// are not frames); `None` at module or class level.
pub fn frame_function<'t>(semantic: &SemanticModel<'t>, node: Node<'t>) -> Option<Node<'t>> {
    let mut scope = semantic.enclosing_scope(node);
    loop {
        let current = semantic.scope(scope);
        match current.kind {
            ScopeKind::Function | ScopeKind::Lambda => return Some(current.node),
            ScopeKind::Comprehension => scope = current.parent?,
            _ => return None,
        }
    }
}

/// astroid's `name` of a function (`<lambda>` for a lambda).
fn frame_name(source: &str, frame: Node) -> Option<String> {
    match frame.kind_id() {
        LAMBDA => Some("<lambda>".to_string()),
        _ => frame.child_by_field_id(FIELD_NAME).map(|name| node_text(source, name).to_string()),
    }
}

/// The class of this module that a name read is certainly an instance of:
/// every binding of the name the read may see is `name = Class(...)`,
/// with `Class` bound once, to a class statement, where the call is.
pub fn instance_class<'t>(source: &'t str, semantic: &SemanticModel<'t>, identifier: Node<'t>) -> Option<Node<'t>> {
    let name = node_text(source, identifier);
    let scope = semantic.resolve(semantic.enclosing_scope(identifier), name)?;
    // `global name` elsewhere rebinds it out of sight of the scope's bindings.
    if semantic.scopes.iter().any(|scope| scope.globals.contains(name) || scope.nonlocals.contains(name)) {
        return None;
    }
    let reaching = reaching_bindings(semantic, identifier, scope, name);
    if reaching.is_empty() {
        return None;
    }
    let mut class: Option<Node<'t>> = None;
    for binding in reaching {
        if binding.kind != BindingKind::Assignment || binding.unpacked {
            return None;
        }
        let assignment = binding
            .identifier
            .parent()
            .filter(|parent| parent.kind_id() == ASSIGNMENT && parent.child_by_field_id(FIELD_LEFT) == Some(binding.identifier))?;
        let call = assignment.child_by_field_id(FIELD_RIGHT).filter(|value| value.kind_id() == CALL)?;
        let callee = strip_parens(call.child_by_field_id(FIELD_FUNCTION)?);
        if callee.kind_id() != IDENTIFIER {
            return None;
        }
        let callee_name = node_text(source, callee);
        let callee_scope = semantic.resolve(semantic.enclosing_scope(callee), callee_name)?;
        let mut bindings = semantic.bindings_of(callee_scope, callee_name);
        let (Some(only), None) = (bindings.next(), bindings.next()) else { return None };
        if only.kind != BindingKind::ClassDef {
            return None;
        }
        // A class statement after the call, in the call's own frame, is not seen.
        if reaching_bindings(semantic, callee, callee_scope, callee_name).is_empty() {
            return None;
        }
        let statement = only.identifier.parent().filter(|parent| parent.kind_id() == CLASS_DEFINITION)?;
        if class.is_some_and(|class| class != statement) {
            return None;
        }
        class = Some(statement);
    }
    class
}

/// Where an attribute is stored to, as astroid's `AssignAttr` (not `del`).
struct Store<'t> {
    parent: (usize, usize, u16),
    /// The assignment whose direct target it is (chained targets: the outermost).
    assignment: Option<Node<'t>>,
    augmented: bool,
}

impl Store<'_> {
    fn kind(&self, source: &str) -> DefinitionKind {
        if self.augmented {
            return DefinitionKind::Augmented;
        }
        match self.assignment {
            Some(assignment) => assignment_kind(source, assignment),
            None => DefinitionKind::Plain,
        }
    }
}

fn range_of(node: Node) -> (usize, usize, u16) {
    (node.start_byte(), node.end_byte(), node.kind_id())
}

/// The outermost assignment of a chain `a = b = value` that `assignment` is part of.
fn chain_top(assignment: Node) -> Node {
    let mut top = assignment;
    while let Some(parent) = top.parent() {
        if parent.kind_id() == ASSIGNMENT && parent.child_by_field_id(FIELD_RIGHT) == Some(top) {
            top = parent;
        } else {
            break;
        }
    }
    top
}

/// The node astroid makes the parent of an expression: parentheses are not
/// nodes, and a chain of assignments is one node.
pub fn astroid_parent(node: Node) -> Option<(usize, usize, u16)> {
    let parent = crate::syntax::parent_skipping_parens(node)?;
    if parent.kind_id() == ASSIGNMENT {
        return Some(range_of(chain_top(parent)));
    }
    Some(range_of(parent))
}

/// Whether an attribute node is stored to (astroid's `AssignAttr`; not
/// `del`): `Some(true)` for the target of `x.a += ...`.
pub fn stored_augmented(attribute: Node) -> Option<bool> {
    attribute_store(attribute).map(|store| store.augmented)
}

/// Whether `attribute` is stored to, and how.
fn attribute_store(attribute: Node) -> Option<Store> {
    let mut container: Option<Node> = None;
    let mut child = attribute;
    let mut current = attribute.parent();
    while let Some(parent) = current {
        match parent.kind_id() {
            PARENTHESIZED_EXPRESSION => {}
            PATTERN_LIST | TUPLE_PATTERN | LIST_PATTERN | TUPLE | LIST | LIST_SPLAT_PATTERN | LIST_SPLAT => {
                container.get_or_insert(parent);
            }
            ASSIGNMENT => {
                if parent.child_by_field_id(FIELD_LEFT) != Some(child) {
                    return None;
                }
                let top = chain_top(parent);
                return Some(Store {
                    parent: range_of(container.unwrap_or(top)),
                    assignment: container.is_none().then_some(parent),
                    augmented: false,
                });
            }
            AUGMENTED_ASSIGNMENT => {
                if parent.child_by_field_id(FIELD_LEFT) != Some(child) || container.is_some() {
                    return None;
                }
                return Some(Store { parent: range_of(parent), assignment: None, augmented: true });
            }
            FOR_STATEMENT | FOR_IN_CLAUSE => {
                if parent.child_by_field_id(FIELD_LEFT) != Some(child) {
                    return None;
                }
                return Some(Store { parent: range_of(container.unwrap_or(parent)), assignment: None, augmented: false });
            }
            AS_PATTERN_TARGET => {
                let with_statement = parent
                    .parent()
                    .and_then(|pattern| pattern.parent())
                    .filter(|item| item.kind_id() == WITH_ITEM)
                    .and_then(|item| item.parent())
                    .and_then(|clause| clause.parent())?;
                return Some(Store {
                    parent: range_of(container.unwrap_or(with_statement)),
                    assignment: None,
                    augmented: false,
                });
            }
            _ => return None,
        }
        child = parent;
        current = parent.parent();
    }
    None
}

/// How pylint counts a name assigned directly by `assignment` (a chain's
/// link): `x = x + 1` is pylint's `is_augmented_assign`, which it skips.
fn assignment_kind(source: &str, assignment: Node) -> DefinitionKind {
    if assignment.child_by_field_id(FIELD_TYPE).is_some() {
        return if assignment.child_by_field_id(FIELD_RIGHT).is_some() {
            DefinitionKind::Annotated
        } else {
            DefinitionKind::AnnotationOnly
        };
    }
    let top = chain_top(assignment);
    let mut value = top.child_by_field_id(FIELD_RIGHT);
    while let Some(inner) = value.filter(|value| value.kind_id() == ASSIGNMENT) {
        value = inner.child_by_field_id(FIELD_RIGHT);
    }
    let (Some(target), Some(value)) = (top.child_by_field_id(FIELD_LEFT), value) else {
        return DefinitionKind::Plain;
    };
    augmented_assign_kind(source, strip_parens(target), strip_parens(value))
}

/// pylint's `utils.is_augmented_assign` for `target = value`.
fn augmented_assign_kind(source: &str, target: Node, value: Node) -> DefinitionKind {
    if value.kind_id() != BINARY_OPERATOR || !matches!(target.kind_id(), IDENTIFIER | ATTRIBUTE) {
        return DefinitionKind::Plain;
    }
    let (Some(left), Some(right)) = (value.child_by_field_id(FIELD_LEFT), value.child_by_field_id(FIELD_RIGHT)) else {
        return DefinitionKind::Plain;
    };
    let (left, right) = (strip_parens(left), strip_parens(right));
    let is_text_constant = |node: Node| {
        matches!(node.kind_id(), STRING | CONCATENATED_STRING)
            && !crate::syntax::string_prefix(source, if node.kind_id() == STRING { node } else { code_children(node).next().unwrap_or(node) })
                .chars()
                .any(|c| c == 'f' || c == 'F')
    };
    if is_text_constant(left) || left.kind_id() == CALL || right.kind_id() == CALL {
        return DefinitionKind::Plain;
    }
    match same_target(source, target, left) {
        Some(true) => return DefinitionKind::SelfReferential,
        None => return DefinitionKind::Undecided,
        Some(false) => {}
    }
    let operator = value.child_by_field_id(FIELD_OPERATOR).map(|operator| node_text(source, operator));
    if !matches!(operator, Some("*" | "+" | "^" | "&" | "|")) {
        return DefinitionKind::Plain;
    }
    match same_target(source, target, right) {
        Some(true) => match left.kind_id() {
            INTEGER | TRUE | FALSE => DefinitionKind::SelfReferential,
            FLOAT | STRING | CONCATENATED_STRING | NONE => DefinitionKind::Plain,
            _ => DefinitionKind::Undecided,
        },
        None => DefinitionKind::Undecided,
        Some(false) => DefinitionKind::Plain,
    }
}

/// pylint's `_is_target_name_in_binop_side`: a name read as the assigned
/// name, an attribute rendered as the assigned attribute. `None` when the
/// rendering of the attribute is not modelled.
fn same_target(source: &str, target: Node, side: Node) -> Option<bool> {
    match (target.kind_id(), side.kind_id()) {
        (IDENTIFIER, IDENTIFIER) => Some(node_text(source, target) == node_text(source, side)),
        (ATTRIBUTE, ATTRIBUTE) => {
            let target = super::summary::dotted_parts(source, target)?;
            let side = super::summary::dotted_parts(source, side)?;
            Some(target == side)
        }
        _ => Some(false),
    }
}

/// The facts of one class statement, stores to its instance aside.
fn body_facts(source: &str, class: Node, semantic: &SemanticModel) -> ClassFacts {
    let mut facts = ClassFacts {
        type_parameters: class.child_by_field_id(FIELD_TYPE_PARAMETERS).is_some(),
        defining_calls: defining_calls(source, class),
        ..ClassFacts::default()
    };
    for decorator in decorator_expressions(class) {
        facts.decorators.push(Decorator::of(source, decorator));
    }
    if let Some(arguments) = class.child_by_field_id(FIELD_SUPERCLASSES) {
        for argument in code_children(arguments) {
            match argument.kind_id() {
                KEYWORD_ARGUMENT => {
                    let name = argument.child_by_field_id(FIELD_NAME).map_or("", |name| node_text(source, name));
                    let value = argument.child_by_field_id(FIELD_VALUE).map(strip_parens);
                    let value = match value {
                        Some(value) if value.kind_id() == IDENTIFIER => BaseRef::Name(node_text(source, value).to_string()),
                        Some(value) if value.kind_id() == ATTRIBUTE => {
                            super::summary::dotted_parts(source, value).map_or(BaseRef::Unknown, BaseRef::Dotted)
                        }
                        _ => BaseRef::Unknown,
                    };
                    facts.keywords.push((name.to_string(), value));
                }
                DICTIONARY_SPLAT => facts.keywords.push(("**".to_string(), BaseRef::Unknown)),
                _ => {}
            }
        }
    }
    let Some(scope) = semantic.scope_of(class) else { return facts };
    let mut locals: Vec<((bool, usize), Definition)> = Vec::new();
    for ids in semantic.scope(scope).bindings.values() {
        for id in ids {
            let binding = semantic.binding(*id);
            let kind = match binding.kind {
                BindingKind::Annotation => DefinitionKind::AnnotationOnly,
                BindingKind::Assignment => name_assignment_kind(source, binding.identifier),
                _ => DefinitionKind::Plain,
            };
            let from_import = binding.kind == BindingKind::Import && binding.statement.kind_id() == IMPORT_FROM_STATEMENT;
            let order = if from_import { binding.statement.start_byte() } else { binding.identifier.start_byte() };
            locals.push((
                (from_import, order),
                Definition {
                    name: binding.name.to_string(),
                    kind,
                    parent: (0, 0, 0),
                    range: (0, 0),
                    line: 0,
                    frame: String::new(),
                    in_method: false,
                    function: binding.kind == BindingKind::FunctionDef,
                },
            ));
        }
    }
    locals.sort_by_key(|(order, _)| *order);
    facts.locals = locals.into_iter().map(|(_, definition)| definition).collect();
    facts.slots = slots(source, semantic, scope);
    facts
}

/// The class scope's own `__slots__`: a string or a display of strings.
fn slots(source: &str, semantic: &SemanticModel, scope: ScopeId) -> Slots {
    let mut bindings = semantic.bindings_of(scope, "__slots__");
    let Some(only) = bindings.next() else { return Slots::Absent };
    if bindings.next().is_some() || only.kind != BindingKind::Assignment || only.unpacked {
        return Slots::Unknown;
    }
    let value = only
        .identifier
        .parent()
        .filter(|parent| parent.kind_id() == ASSIGNMENT && parent.child_by_field_id(FIELD_LEFT) == Some(only.identifier))
        .and_then(|assignment| assignment.child_by_field_id(FIELD_RIGHT))
        .map(strip_parens);
    let Some(value) = value else { return Slots::Unknown };
    let elements: Vec<Node> = match value.kind_id() {
        STRING => vec![value],
        TUPLE | EXPRESSION_LIST | LIST | SET => code_children(value).collect(),
        DICTIONARY => {
            let keys: Option<Vec<Node>> =
                code_children(value).map(|pair| pair.child_by_field_id(FIELD_KEY).filter(|_| pair.kind_id() == PAIR)).collect();
            match keys {
                Some(keys) => keys,
                None => return Slots::Unknown,
            }
        }
        _ => return Slots::Unknown,
    };
    let mut names = Vec::new();
    for element in elements {
        match super::summary::plain_string(source, element) {
            // An empty string alone leaves the class without slots to astroid; in a display it is skipped.
            Some("") if value.kind_id() == STRING => return Slots::Unknown,
            Some("") => {}
            Some(name) => names.push(name.to_string()),
            None => return Slots::Unknown,
        }
    }
    Slots::Names(names)
}

/// How pylint counts the class-body binding of `identifier` by an assignment.
fn name_assignment_kind(source: &str, identifier: Node) -> DefinitionKind {
    let Some(parent) = identifier.parent() else { return DefinitionKind::Plain };
    match parent.kind_id() {
        AUGMENTED_ASSIGNMENT if parent.child_by_field_id(FIELD_LEFT) == Some(identifier) => DefinitionKind::Augmented,
        ASSIGNMENT if parent.child_by_field_id(FIELD_LEFT) == Some(identifier) => assignment_kind(source, parent),
        _ => DefinitionKind::Plain,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::ParsedModule;

    fn analyzed(source: &str) -> (Vec<String>, Vec<(String, DefinitionKind)>, Vec<(String, DefinitionKind)>) {
        let module = ParsedModule::parse(source.to_string(), None);
        let semantic = SemanticModel::build(&module.source, module.root());
        let analysis = analyze(&module.source, module.root(), &semantic);
        let mut class = None;
        crate::syntax::walk(module.root(), |node| {
            if node.kind_id() == CLASS_DEFINITION && class.is_none() {
                class = Some(node);
            }
            class.is_none()
        });
        let facts = &analysis.classes[&class.expect("a class").id()];
        let pairs = |definitions: &[Definition]| {
            definitions.iter().map(|definition| (definition.name.clone(), definition.kind)).collect()
        };
        (analysis.foreign_attribute_stores.clone(), pairs(&facts.locals), pairs(&facts.instance_attributes))
    }

    #[test]
    fn class_locals_follow_astroids_order_and_kinds() {
        let (_, locals, _) = analyzed(
            "class C:\n    from os import sep\n    x: int\n    y: int = 1\n    z = z + 1\n    w += 1\n    \
             import sys\n    def f(self): pass\n",
        );
        let expected: Vec<(String, DefinitionKind)> = vec![
            ("x".into(), DefinitionKind::AnnotationOnly),
            ("y".into(), DefinitionKind::Annotated),
            ("z".into(), DefinitionKind::SelfReferential),
            ("w".into(), DefinitionKind::Augmented),
            ("sys".into(), DefinitionKind::Plain),
            ("f".into(), DefinitionKind::Plain),
            ("sep".into(), DefinitionKind::Plain),
        ];
        assert_eq!(locals, expected);
    }

    #[test]
    fn stores_through_the_receiver_are_the_classes_others_are_foreign() {
        let (foreign, locals, instance) = analyzed(
            "class C:\n    def f(self, other):\n        self.a = 1\n        self.b += 1\n        \
             (self.c, [self.d, *self.e]) = 1, 2\n        self.n = self.n * 2\n        other.g = 1\n        \
             def inner():\n            self.h = 1\n    @classmethod\n    def k(cls):\n        cls.i = 1\n    \
             @staticmethod\n    def s(self):\n        self.j = 1\n",
        );
        let names: Vec<&str> = instance.iter().map(|(name, _)| name.as_str()).collect();
        assert_eq!(names, ["a", "b", "c", "d", "e", "n", "h"]);
        assert_eq!(instance[1].1, DefinitionKind::Augmented);
        assert_eq!(instance[5].1, DefinitionKind::SelfReferential);
        assert_eq!(locals.last().map(|(name, _)| name.as_str()), Some("i"));
        assert_eq!(foreign, ["g", "j"]);
    }
}
