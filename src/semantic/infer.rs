//! The part of astroid's inference that pylint's typecheck messages rest
//! on, kept to what can be told for certain within one module: what a
//! literal, a name or an attribute evaluates to, as `safe_infer` sees it.
//!
//! Names follow astroid's lookup (`lookup::NameLookup`); a method's first
//! parameter is its instance or class; `obj.attr` on an instance or a class
//! of this module follows astroid's attribute lookup: the attributes its
//! methods store on `self` first (`instance_attrs`, the ancestors' too),
//! then the class body of the first class along the ancestors that binds
//! the name, keeping only that body's definitions and, of several `def`s,
//! the last one. Methods come back bound or unbound as astroid wraps them.
//!
//! Anything not modelled (imports, calls other than instantiating a class
//! of this module, parameters, classes whose bases are not all known here,
//! names rebound where astroid would see several values) is unknown:
//! `None`, and the rules say nothing.

use super::builtin_classes::{builtin_class, BuiltinClass};
use super::classes::{self, MethodKind, Receivers};
use super::lookup::{NameLookup, Reaching};
use super::{BindingKind, ScopeKind, SemanticModel};
use crate::syntax::kinds::*;
use crate::syntax::{code_children, node_text, strip_parens, FastHashMap, FastHashSet, Node, NodeMap};
use std::cell::{OnceCell, RefCell};
use std::rc::Rc;

/// How deep inference follows names into their values.
const MAX_DEPTH: u32 = 12;

/// The kind of a literal value (astroid's `Const` and container nodes).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Literal {
    None,
    Bool,
    Int,
    Float,
    Str,
    Bytes,
    /// An f-string (astroid's `JoinedStr`).
    FString,
    Ellipsis,
    List,
    Tuple,
    Dict,
    Set,
    ListComp,
    SetComp,
    DictComp,
    Generator,
}

/// What an expression evaluates to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Value<'t> {
    /// A literal, with the expression that wrote it.
    Literal(Literal, Node<'t>),
    /// A `def` as astroid infers its name (`FunctionDef`, unbound to anything).
    Function(Node<'t>),
    Lambda(Node<'t>),
    /// A class of this module.
    Class(Node<'t>),
    /// A method bound to an instance, or a classmethod bound to its class.
    BoundMethod(Node<'t>),
    /// A method read from its class (`Class.method`).
    UnboundMethod(Node<'t>),
    /// An instance of a class of this module.
    Instance(Node<'t>),
}

/// astroid's `FunctionDef.type`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FunctionType {
    Function,
    Method,
    ClassMethod,
    StaticMethod,
}

impl FunctionType {
    pub fn name(self) -> &'static str {
        match self {
            FunctionType::Function => "function",
            FunctionType::Method => "method",
            FunctionType::ClassMethod => "classmethod",
            FunctionType::StaticMethod => "staticmethod",
        }
    }
}

/// A class along an MRO: of this module, or builtin.
#[derive(Clone, Copy)]
pub enum ClassRef<'t> {
    Local(Node<'t>),
    Builtin(&'static BuiltinClass),
}

impl PartialEq for ClassRef<'_> {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (ClassRef::Local(a), ClassRef::Local(b)) => a == b,
            (ClassRef::Builtin(a), ClassRef::Builtin(b)) => a.name == b.name,
            _ => false,
        }
    }
}

/// Decorators astroid takes for properties (`PROPERTIES` and
/// `POSSIBLE_PROPERTIES`), by their last name part, and the accessors of
/// a property.
const PROPERTY_DECORATORS: &[&str] = &[
    "property",
    "abstractproperty",
    "cached_property",
    "cachedproperty",
    "lazyproperty",
    "lazy_property",
    "reify",
    "lazyattribute",
    "lazy_attribute",
    "LazyProperty",
    "lazy",
    "cache_readonly",
    "DynamicClassAttribute",
    "setter",
    "getter",
    "deleter",
];

/// Attribute stores seen through method receivers, for astroid's
/// `instance_attrs` and the `cls.x = ...` entries of a class's locals.
struct Stores<'t> {
    /// `self.name = ...` by (class node id, name): the stored attribute nodes.
    instance: FastHashMap<(usize, &'t str), Vec<Node<'t>>>,
    /// `cls.name = ...` by (class node id, name).
    class: FastHashSet<(usize, &'t str)>,
    /// Names stored through anything else: astroid adds them to whatever the
    /// object is inferred to, which is not modelled.
    foreign: FastHashSet<&'t str>,
}

pub struct Inferrer<'a, 't> {
    source: &'t str,
    root: Node<'t>,
    semantic: &'a SemanticModel<'t>,
    /// Built on the first name lookup: many modules' calls need none.
    lookup: OnceCell<NameLookup<'a, 't>>,
    receivers: OnceCell<Receivers<'t>>,
    stores: OnceCell<Stores<'t>>,
    /// Start bytes of the module's star imports (they may rebind any name).
    star_imports: OnceCell<Vec<usize>>,
    mros: RefCell<NodeMap<Option<Rc<Vec<ClassRef<'t>>>>>>,
    ancestors: RefCell<NodeMap<Option<Rc<Vec<ClassRef<'t>>>>>>,
}

impl<'a, 't> Inferrer<'a, 't> {
    pub fn new(source: &'t str, root: Node<'t>, semantic: &'a SemanticModel<'t>) -> Self {
        Inferrer {
            source,
            root,
            semantic,
            lookup: OnceCell::new(),
            receivers: OnceCell::new(),
            stores: OnceCell::new(),
            star_imports: OnceCell::new(),
            mros: RefCell::new(NodeMap::default()),
            ancestors: RefCell::new(NodeMap::default()),
        }
    }

    fn name_lookup(&self) -> &NameLookup<'a, 't> {
        self.lookup.get_or_init(|| NameLookup::new(self.source, self.semantic))
    }

    pub fn source(&self) -> &'t str {
        self.source
    }

    pub fn semantic(&self) -> &'a SemanticModel<'t> {
        self.semantic
    }

    /// The bindings astroid's lookup finds for the name `read`.
    pub fn reaching(&self, read: Node<'t>) -> Option<Vec<Reaching<'t>>> {
        self.name_lookup().reaching(read)
    }

    fn text(&self, node: Node) -> &'t str {
        node_text(self.source, node)
    }

    /// `safe_infer`: the one value of `expression`, or `None` when it is not
    /// known or astroid would find values of different kinds.
    pub fn safe_infer(&self, expression: Node<'t>) -> Option<Value<'t>> {
        single(self.infer(expression, 0)?)
    }

    /// Every value astroid infers for `expression` (`None`: some value is
    /// not known).
    pub fn infer_all(&self, expression: Node<'t>) -> Option<Vec<Value<'t>>> {
        self.infer(expression, 0)
    }

    fn infer(&self, expression: Node<'t>, depth: u32) -> Option<Vec<Value<'t>>> {
        if depth > MAX_DEPTH {
            return None;
        }
        let expression = strip_parens(expression);
        let literal = |kind| Some(vec![Value::Literal(kind, expression)]);
        match expression.kind_id() {
            NONE => literal(Literal::None),
            TRUE | FALSE => literal(Literal::Bool),
            INTEGER => literal(Literal::Int),
            FLOAT => literal(Literal::Float),
            ELLIPSIS => literal(Literal::Ellipsis),
            STRING | CONCATENATED_STRING => literal(self.string_kind(expression)),
            LIST => literal(Literal::List),
            TUPLE | EXPRESSION_LIST => literal(Literal::Tuple),
            DICTIONARY => literal(Literal::Dict),
            SET => literal(Literal::Set),
            LIST_COMPREHENSION => literal(Literal::ListComp),
            SET_COMPREHENSION => literal(Literal::SetComp),
            DICTIONARY_COMPREHENSION => literal(Literal::DictComp),
            GENERATOR_EXPRESSION => literal(Literal::Generator),
            LAMBDA => Some(vec![Value::Lambda(expression)]),
            IDENTIFIER => self.infer_name(expression, depth),
            ATTRIBUTE => self.infer_attribute(expression, depth),
            CALL => self.infer_instantiation(expression, depth),
            _ => None,
        }
    }

    fn string_kind(&self, string: Node) -> Literal {
        let first = if string.kind_id() == CONCATENATED_STRING { code_children(string).next() } else { Some(string) };
        let mut interpolated = false;
        crate::syntax::walk(string, |child| {
            interpolated |= child.kind_id() == INTERPOLATION;
            !interpolated
        });
        if interpolated {
            return Literal::FString;
        }
        let prefix = first.map_or("", |first| crate::syntax::string_prefix(self.source, first));
        if prefix.chars().any(|c| c == 'b' || c == 'B') {
            Literal::Bytes
        } else {
            Literal::Str
        }
    }

    fn receivers(&self) -> &Receivers<'t> {
        self.receivers.get_or_init(|| Receivers::new(self.source, self.root, self.semantic))
    }

    fn infer_name(&self, read: Node<'t>, depth: u32) -> Option<Vec<Value<'t>>> {
        if let Some(receiver) = self.receivers().receiver(self.semantic, read) {
            return match receiver.kind {
                // In a metaclass, the first parameter of a method is a class.
                MethodKind::Instance if self.is_metaclass(receiver.class) => Some(vec![Value::Class(receiver.class)]),
                MethodKind::Instance => Some(vec![Value::Instance(receiver.class)]),
                MethodKind::Class => Some(vec![Value::Class(receiver.class)]),
                _ => None,
            };
        }
        let reaching = self.name_lookup().reaching(read)?;
        if reaching.is_empty() {
            return None;
        }
        let mut values = Vec::new();
        for binding in &reaching {
            match *binding {
                Reaching::Value(value) => {
                    if self.rebound_by_star_import(value) {
                        return None;
                    }
                    values.extend(self.infer(value, depth + 1)?);
                }
                Reaching::Definition(definition) => {
                    if self.rebound_by_star_import(definition) {
                        return None;
                    }
                    values.push(self.definition_value(definition)?);
                }
                Reaching::Parameter { .. } | Reaching::Import(_) | Reaching::Other => return None,
            }
        }
        filter_constrained(self.source, read, values)
    }

    /// Whether a module-level star import after `binding` (a module-level
    /// one) may rebind its name.
    fn rebound_by_star_import(&self, binding: Node<'t>) -> bool {
        if self.semantic.enclosing_scope(binding) != super::ScopeId(0) {
            return false;
        }
        let star_imports = self.star_imports.get_or_init(|| {
            let mut starts: Vec<usize> = code_children(self.root)
                .filter(|statement| super::astroid::is_star_import(*statement))
                .map(|statement| statement.start_byte())
                .collect();
            starts.extend(super::astroid::module_nested_star_imports(self.root).iter().map(|s| s.start_byte()));
            starts
        });
        star_imports.iter().any(|start| *start > binding.start_byte())
    }

    /// What a `def` or `class` statement binds its name to.
    fn definition_value(&self, definition: Node<'t>) -> Option<Value<'t>> {
        match definition.kind_id() {
            CLASS_DEFINITION => Some(Value::Class(definition)),
            FUNCTION_DEFINITION => {
                // A property is a `Property` object to astroid, an overload
                // stub has no signature pylint checks.
                if self.decorator_names(definition).iter().any(|name| PROPERTY_DECORATORS.contains(&name.as_str()) || name == "overload") {
                    return None;
                }
                self.function_type(definition)?;
                Some(Value::Function(definition))
            }
            _ => None,
        }
    }

    /// The last name part of each decorator of a definition (`None` inside
    /// for a decorator that is not a dotted name or a call of one).
    pub fn decorator_names(&self, definition: Node) -> Vec<String> {
        classes::decorator_expressions(definition)
            .into_iter()
            .map(|decorator| {
                let decorator = strip_parens(decorator);
                let target = if decorator.kind_id() == CALL { decorator.child_by_field_id(FIELD_FUNCTION) } else { Some(decorator) };
                target
                    .and_then(|target| super::summary::dotted_parts(self.source, target))
                    .and_then(|parts| parts.last().cloned())
                    .unwrap_or_default()
            })
            .collect()
    }

    /// The class whose body defines `function` (astroid's frame is the class).
    pub fn defining_class(&self, function: Node<'t>) -> Option<Node<'t>> {
        let scope = self.semantic.scope_of(function)?;
        let parent = self.semantic.scope(scope).parent?;
        let parent = self.semantic.scope(parent);
        (parent.kind == ScopeKind::Class).then_some(parent.node)
    }

    /// astroid's `FunctionDef.type`; `None` where a decorator's effect is
    /// not modelled.
    pub fn function_type(&self, function: Node<'t>) -> Option<FunctionType> {
        if let Some(class) = self.defining_class(function) {
            return match classes::method_kind(self.source, self.semantic, function, class) {
                MethodKind::Instance => Some(FunctionType::Method),
                MethodKind::Class => Some(FunctionType::ClassMethod),
                MethodKind::Static => Some(FunctionType::StaticMethod),
                MethodKind::Unknown => None,
            };
        }
        for decorator in classes::decorator_expressions(function) {
            let decorator = strip_parens(decorator);
            if decorator.kind_id() == IDENTIFIER && self.semantic.is_builtin(self.semantic.enclosing_scope(decorator), self.text(decorator)) {
                match self.text(decorator) {
                    "classmethod" => return Some(FunctionType::ClassMethod),
                    "staticmethod" => return Some(FunctionType::StaticMethod),
                    _ => {}
                }
            }
        }
        Some(FunctionType::Function)
    }

    /// `Class(...)`: an instance of a class of this module, when no
    /// metaclass could change what calling it gives.
    fn infer_instantiation(&self, call: Node<'t>, depth: u32) -> Option<Vec<Value<'t>>> {
        let callee = call.child_by_field_id(FIELD_FUNCTION)?;
        let Value::Class(class) = single(self.infer(callee, depth + 1)?)? else { return None };
        if self.mro(class)?.iter().any(|ancestor| match ancestor {
            ClassRef::Local(node) => has_metaclass_keyword(self.source, *node),
            ClassRef::Builtin(builtin) => builtin.name == "type",
        }) {
            return None;
        }
        Some(vec![Value::Instance(class)])
    }

    fn infer_attribute(&self, attribute: Node<'t>, depth: u32) -> Option<Vec<Value<'t>>> {
        let object = strip_parens(attribute.child_by_field_id(FIELD_OBJECT)?);
        let name = self.text(attribute.child_by_field_id(FIELD_ATTRIBUTE)?);
        let values = match single(self.infer(object, depth + 1)?)? {
            Value::Instance(class) => self.instance_attribute(class, name, depth),
            Value::Class(class) => self.class_attribute(class, name, false, depth),
            _ => None,
        }?;
        filter_constrained(self.source, attribute, values)
    }

    /// `Instance.igetattr`: the attributes stored on instances of the class
    /// and its ancestors when there are any, else the class attribute.
    pub fn instance_attribute(&self, class: Node<'t>, name: &str, depth: u32) -> Option<Vec<Value<'t>>> {
        let stores = self.stores();
        if stores.foreign.contains(name) {
            return None;
        }
        let mut order = vec![ClassRef::Local(class)];
        order.extend(self.dfs_ancestors(class)?.iter().copied());
        let mut stored = Vec::new();
        for ancestor in &order {
            if let ClassRef::Local(node) = ancestor {
                if let Some(found) = stores.instance.get(&(node.id(), name)) {
                    stored.extend(found.iter().copied());
                }
            }
        }
        if stored.is_empty() {
            return self.class_attribute(class, name, true, depth);
        }
        let mut values = Vec::new();
        for attribute in stored {
            let value = stored_value(attribute)?;
            for value in self.infer(value, depth + 1)? {
                values.push(self.wrap_for_instance(value)?);
            }
        }
        Some(values)
    }

    /// `ClassDef.igetattr`: the definitions of the first class along the
    /// ancestors that binds `name`, as methods of an instance
    /// (`through_instance`) or of the class.
    pub fn class_attribute(&self, class: Node<'t>, name: &str, through_instance: bool, depth: u32) -> Option<Vec<Value<'t>>> {
        let mut order = vec![ClassRef::Local(class)];
        order.extend(self.dfs_ancestors(class)?.iter().copied());
        let stores = self.stores();
        for ancestor in order {
            match ancestor {
                ClassRef::Builtin(builtin) => {
                    if builtin.has(name) {
                        return None;
                    }
                }
                ClassRef::Local(node) => {
                    let scope = self.semantic.scope_of(node)?;
                    let bindings: Vec<&super::Binding<'t>> = self
                        .semantic
                        .bindings_of(scope, name)
                        .filter(|binding| binding.kind != BindingKind::Annotation)
                        .collect();
                    if bindings.is_empty() {
                        if stores.class.contains(&(node.id(), name)) {
                            return None;
                        }
                        continue;
                    }
                    return self.class_body_values(node, &bindings, through_instance, depth);
                }
            }
        }
        None
    }

    fn class_body_values(
        &self,
        class: Node<'t>,
        bindings: &[&super::Binding<'t>],
        through_instance: bool,
        depth: u32,
    ) -> Option<Vec<Value<'t>>> {
        // Of several `def`s only the last one counts (properties aside,
        // which are not modelled when redefined).
        let functions: Vec<Node<'t>> = bindings
            .iter()
            .filter(|binding| binding.kind == BindingKind::FunctionDef)
            .filter_map(|binding| binding.identifier.parent())
            .collect();
        let last_function = functions.last().copied();
        let mut values = Vec::new();
        for binding in bindings {
            match binding.kind {
                BindingKind::FunctionDef => {
                    let function = binding.identifier.parent()?;
                    let property = self.decorator_names(function).iter().any(|name| PROPERTY_DECORATORS.contains(&name.as_str()));
                    if property {
                        if !through_instance || bindings.len() != 1 {
                            return None;
                        }
                        values.extend(self.property_result(function, depth)?);
                        continue;
                    }
                    if Some(function) != last_function {
                        continue;
                    }
                    values.push(self.method_value(function, through_instance)?);
                }
                BindingKind::ClassDef => values.push(Value::Class(binding.identifier.parent()?)),
                BindingKind::Assignment if !binding.unpacked => {
                    let value = assigned_value(binding.identifier)?;
                    for inferred in self.infer(value, depth + 1)? {
                        values.push(self.wrap_class_attribute(inferred, through_instance)?);
                    }
                }
                _ => return None,
            }
        }
        let _ = class;
        Some(values)
    }

    /// A function found in a class body, as astroid's `function_to_method`
    /// and the instance's `_wrap_attr` give it.
    fn method_value(&self, function: Node<'t>, through_instance: bool) -> Option<Value<'t>> {
        Some(match self.function_type(function)? {
            FunctionType::StaticMethod => Value::Function(function),
            FunctionType::ClassMethod => Value::BoundMethod(function),
            FunctionType::Method | FunctionType::Function if through_instance => Value::BoundMethod(function),
            FunctionType::Method | FunctionType::Function => Value::UnboundMethod(function),
        })
    }

    /// A value assigned in a class body, read as an attribute.
    fn wrap_class_attribute(&self, value: Value<'t>, through_instance: bool) -> Option<Value<'t>> {
        match value {
            Value::Function(function) => self.method_value(function, through_instance),
            // A lambda whose first parameter is `self` is bound; not modelled.
            Value::Lambda(_) if through_instance => None,
            // An instance of a descriptor class reads as what `__get__`
            // returns: unknown.
            Value::Instance(class) => match self.mro_defines(class, "__get__", true) {
                Some(false) => Some(value),
                _ => None,
            },
            other => Some(other),
        }
    }

    /// A value stored on an instance, read back through it (`_wrap_attr`):
    /// unbound methods and `self` lambdas would be bound; not modelled.
    fn wrap_for_instance(&self, value: Value<'t>) -> Option<Value<'t>> {
        match value {
            Value::UnboundMethod(_) | Value::Lambda(_) => None,
            other => Some(other),
        }
    }

    /// What a property returns when read from an instance: its return
    /// values when they are literals; `None` (the constant) when it has no
    /// `return` and is not a placeholder or abstract.
    fn property_result(&self, function: Node<'t>, depth: u32) -> Option<Vec<Value<'t>>> {
        let body = function.child_by_field_id(FIELD_BODY)?;
        let (returns, generator) = returns_of(body);
        if generator {
            return None;
        }
        if returns.is_empty() {
            let statements: Vec<Node> =
                code_children(body).filter(|s| !crate::syntax::is_docstring_statement(self.source, *s)).collect();
            let first = statements.first()?;
            let placeholder = statements.len() == 1
                && first.kind_id() == EXPRESSION_STATEMENT
                && code_children(*first).next().is_some_and(|e| e.kind_id() == ELLIPSIS);
            let abstract_like = matches!(first.kind_id(), RAISE_STATEMENT | PASS_STATEMENT)
                || self.decorator_names(function).iter().any(|name| name == "abstractmethod" || name == "abstractproperty");
            if placeholder || abstract_like {
                return None;
            }
            return Some(vec![Value::Literal(Literal::None, function)]);
        }
        let mut values = Vec::new();
        for statement in returns {
            match code_children(statement).next() {
                None => values.push(Value::Literal(Literal::None, statement)),
                Some(value) => {
                    let value = strip_parens(value);
                    if matches!(value.kind_id(), IDENTIFIER | ATTRIBUTE | LAMBDA) {
                        return None;
                    }
                    // A call infers only as the instantiation of a known class.
                    let depth = if value.kind_id() == CALL { depth + 1 } else { MAX_DEPTH };
                    values.extend(self.infer(value, depth)?);
                }
            }
        }
        Some(values)
    }

    fn stores(&self) -> &Stores<'t> {
        self.stores.get_or_init(|| {
            let mut stores = Stores { instance: FastHashMap::default(), class: FastHashSet::default(), foreign: FastHashSet::default() };
            let mut attributes = Vec::new();
            crate::syntax::walk(self.root, |node| {
                if node.kind_id() == ATTRIBUTE && classes::stored_augmented(node).is_some() {
                    attributes.push(node);
                }
                true
            });
            for attribute in attributes {
                let Some(name) = attribute.child_by_field_id(FIELD_ATTRIBUTE).map(|name| self.text(name)) else { continue };
                let receiver = attribute
                    .child_by_field_id(FIELD_OBJECT)
                    .map(strip_parens)
                    .and_then(|object| self.receivers().receiver(self.semantic, object));
                match receiver {
                    Some(receiver) if receiver.kind == MethodKind::Instance => {
                        stores.instance.entry((receiver.class.id(), name)).or_default().push(attribute)
                    }
                    Some(receiver) if receiver.kind == MethodKind::Class => {
                        stores.class.insert((receiver.class.id(), name));
                    }
                    _ => {
                        stores.foreign.insert(name);
                    }
                }
            }
            stores
        })
    }

    /// The bases of a class of this module, when each is known: a class of
    /// this module or a builtin class (`object` when there are none).
    fn bases(&self, class: Node<'t>) -> Option<Vec<ClassRef<'t>>> {
        let Some(arguments) = class.child_by_field_id(FIELD_SUPERCLASSES) else {
            return Some(vec![ClassRef::Builtin(builtin_class("object")?)]);
        };
        let mut bases = Vec::new();
        for argument in code_children(arguments) {
            match argument.kind_id() {
                KEYWORD_ARGUMENT => continue,
                IDENTIFIER => {
                    let name = self.text(argument);
                    if self.semantic.is_builtin(self.semantic.enclosing_scope(argument), name) {
                        bases.push(ClassRef::Builtin(builtin_class(name)?));
                        continue;
                    }
                    bases.push(ClassRef::Local(self.base_class(class, argument)?));
                }
                // `dict[str, int]`: `__class_getitem__` of a builtin gives
                // the class back when astroid infers the index, which a tuple,
                // a literal or a builtin class always is.
                SUBSCRIPT => {
                    let origin = argument.child_by_field_id(FIELD_VALUE).filter(|origin| origin.kind_id() == IDENTIFIER)?;
                    let name = self.text(origin);
                    // `[a, b]` is a tuple to astroid.
                    let indices: Vec<Node> = argument.children_by_field_id(FIELD_SUBSCRIPT).collect();
                    let literal_index = match indices.as_slice() {
                        [only] if only.kind_id() == IDENTIFIER => {
                            // `list[int]`: a builtin class infers too.
                            let index = self.text(*only);
                            builtin_class(index).is_some() && self.semantic.is_builtin(self.semantic.enclosing_scope(*only), index)
                        }
                        [only] => super::summary::is_literal_index(*only),
                        _ => true,
                    };
                    if !literal_index
                        || !SUBSCRIPTABLE_BUILTINS.contains(&name)
                        || !self.semantic.is_builtin(self.semantic.enclosing_scope(origin), name)
                    {
                        return None;
                    }
                    bases.push(ClassRef::Builtin(builtin_class(name)?));
                }
                _ => return None,
            }
        }
        if bases.is_empty() {
            bases.push(ClassRef::Builtin(builtin_class("object")?));
        }
        Some(bases)
    }

    /// The class of this module a base name refers to. astroid looks it up
    /// in the scope around the class, among the bindings before the class
    /// statement; one `class` statement must be all there is.
    fn base_class(&self, class: Node<'t>, base: Node<'t>) -> Option<Node<'t>> {
        let name = self.text(base);
        let statement = match class.parent() {
            Some(decorated) if decorated.kind_id() == DECORATED_DEFINITION => decorated,
            _ => class,
        };
        let around = self.semantic.enclosing_scope(statement);
        let scope = self.semantic.resolve(around, name)?;
        let mut bindings = self
            .semantic
            .bindings_of(scope, name)
            .filter(|binding| scope != around || binding.statement.start_byte() < statement.start_byte());
        let (Some(only), None) = (bindings.next(), bindings.next()) else { return None };
        if only.kind != BindingKind::ClassDef || self.rebound_by_star_import(only.statement) {
            return None;
        }
        let base_class = only.identifier.parent()?;
        (base_class != class && base_class.kind_id() == CLASS_DEFINITION).then_some(base_class)
    }

    fn class_bases(&self, class: ClassRef<'t>) -> Option<Vec<ClassRef<'t>>> {
        match class {
            ClassRef::Local(node) => self.bases(node),
            ClassRef::Builtin(builtin) => builtin.bases.iter().map(|base| builtin_class(base).map(ClassRef::Builtin)).collect(),
        }
    }

    /// astroid's `ancestors()`: the bases depth first, each class once.
    pub fn dfs_ancestors(&self, class: Node<'t>) -> Option<Rc<Vec<ClassRef<'t>>>> {
        if let Some(cached) = self.ancestors.borrow().get(&class.id()) {
            return cached.clone();
        }
        // A cycle through a class being computed: unknown.
        self.ancestors.borrow_mut().insert(class.id(), None);
        let computed = self.compute_dfs_ancestors(ClassRef::Local(class), 0).map(Rc::new);
        self.ancestors.borrow_mut().insert(class.id(), computed.clone());
        computed
    }

    fn compute_dfs_ancestors(&self, class: ClassRef<'t>, depth: u32) -> Option<Vec<ClassRef<'t>>> {
        if depth > MAX_DEPTH {
            return None;
        }
        let mut out: Vec<ClassRef<'t>> = Vec::new();
        for base in self.class_bases(class)? {
            if base == class || out.contains(&base) {
                continue;
            }
            out.push(base);
            let further = match base {
                ClassRef::Local(node) => self.dfs_ancestors(node)?.as_ref().clone(),
                ClassRef::Builtin(_) => self.compute_dfs_ancestors(base, depth + 1)?,
            };
            for grandparent in further {
                if grandparent == class {
                    break;
                }
                if !out.contains(&grandparent) {
                    out.push(grandparent);
                }
            }
        }
        Some(out)
    }

    /// The class's MRO (C3), itself first.
    pub fn mro(&self, class: Node<'t>) -> Option<Rc<Vec<ClassRef<'t>>>> {
        if let Some(cached) = self.mros.borrow().get(&class.id()) {
            return cached.clone();
        }
        self.mros.borrow_mut().insert(class.id(), None);
        let computed = self.compute_mro(ClassRef::Local(class), 0).map(Rc::new);
        self.mros.borrow_mut().insert(class.id(), computed.clone());
        computed
    }

    fn compute_mro(&self, class: ClassRef<'t>, depth: u32) -> Option<Vec<ClassRef<'t>>> {
        if depth > MAX_DEPTH {
            return None;
        }
        let bases = self.class_bases(class)?;
        let mut sequences: Vec<Vec<ClassRef<'t>>> = Vec::new();
        for base in &bases {
            sequences.push(match base {
                ClassRef::Local(node) => self.mro(*node)?.as_ref().clone(),
                ClassRef::Builtin(_) => self.compute_mro(*base, depth + 1)?,
            });
        }
        sequences.push(bases);
        let mut out = vec![class];
        loop {
            sequences.retain(|sequence| !sequence.is_empty());
            if sequences.is_empty() {
                return Some(out);
            }
            let head = sequences
                .iter()
                .map(|sequence| sequence[0])
                .find(|candidate| !sequences.iter().any(|sequence| sequence[1..].contains(candidate)))?;
            out.push(head);
            for sequence in &mut sequences {
                if sequence[0] == head {
                    sequence.remove(0);
                }
            }
        }
    }

    /// A class deriving from `type` (astroid gives its methods' first
    /// parameter the class, not an instance).
    pub fn is_metaclass(&self, class: Node<'t>) -> bool {
        self.dfs_ancestors(class)
            .is_some_and(|ancestors| ancestors.iter().any(|ancestor| matches!(ancestor, ClassRef::Builtin(b) if b.name == "type")))
    }

    /// The last definition of `name` in the body of the first class of the
    /// MRO that binds it (astroid's `local_attr(name)[-1]`): `Ok(Some(def))`
    /// for a `def` of this module, `Ok(None)` when a builtin class has it
    /// first, `Err(())` when it is not known.
    pub fn local_attribute(&self, class: Node<'t>, name: &str) -> Result<Option<Node<'t>>, ()> {
        let mro = self.mro(class).ok_or(())?;
        let stores = self.stores();
        for ancestor in mro.iter() {
            match ancestor {
                ClassRef::Builtin(builtin) => {
                    if builtin.has(name) {
                        return Ok(None);
                    }
                }
                ClassRef::Local(node) => {
                    let scope = self.semantic.scope_of(*node).ok_or(())?;
                    if stores.class.contains(&(node.id(), name)) {
                        return Err(());
                    }
                    let Some(last) = self.semantic.bindings_of(scope, name).last() else { continue };
                    if last.kind != BindingKind::FunctionDef {
                        return Err(());
                    }
                    return last.identifier.parent().map(Some).ok_or(());
                }
            }
        }
        Ok(None)
    }

    /// Whether a class of the MRO defines `name` (`__call__`, `__getitem__`,
    /// ...): the builtin ones too when `builtins`; `None` when the MRO is
    /// not known.
    pub fn mro_defines(&self, class: Node<'t>, name: &str, builtins: bool) -> Option<bool> {
        let mro = self.mro(class)?;
        for ancestor in mro.iter() {
            match ancestor {
                ClassRef::Builtin(builtin) => {
                    if builtins && builtin.has(name) {
                        return Some(true);
                    }
                }
                ClassRef::Local(node) => {
                    let scope = self.semantic.scope_of(*node)?;
                    if self.semantic.bindings_of(scope, name).next().is_some() || self.stores().class.contains(&(node.id(), name)) {
                        return Some(true);
                    }
                }
            }
        }
        Some(false)
    }

    /// Whether every class of the MRO is known (pylint's `has_known_bases`).
    pub fn has_known_bases(&self, class: Node<'t>) -> bool {
        self.mro(class).is_some()
    }
}

/// The builtin classes with a `__class_getitem__` that returns the class
/// (`dict[str, int]` is `dict` to astroid).
pub const SUBSCRIPTABLE_BUILTINS: &[&str] = &["dict", "frozenset", "list", "set", "tuple", "type"];

/// One value where astroid's `safe_infer` would give one: a single value,
/// or several that are the same literal kind (its "same python type").
fn single(values: Vec<Value>) -> Option<Value> {
    let first = *values.first()?;
    let same = values.iter().all(|value| match (value, &first) {
        (Value::Literal(kind, _), Value::Literal(first_kind, _)) => kind == first_kind,
        _ => *value == first,
    });
    same.then_some(first)
}

/// The value a store `target.attr = value` assigns (chains included);
/// `None` for augmented, unpacked and other stores.
fn stored_value(attribute: Node) -> Option<Node> {
    assigned_value(attribute)
}

/// The value assigned to `target` by a plain assignment it is the whole
/// left side of (`a = b = value` included).
pub fn assigned_value(target: Node) -> Option<Node> {
    let parent = target.parent()?;
    if parent.kind_id() != ASSIGNMENT || parent.child_by_field_id(FIELD_LEFT) != Some(target) || parent.child_by_field_id(FIELD_TYPE).is_some() && parent.child_by_field_id(FIELD_RIGHT).is_none() {
        return None;
    }
    let mut value = parent.child_by_field_id(FIELD_RIGHT)?;
    while value.kind_id() == ASSIGNMENT {
        value = value.child_by_field_id(FIELD_RIGHT)?;
    }
    Some(value)
}

/// The `return` statements of a function body (nested defs, lambdas and
/// classes skipped) and whether it yields.
pub fn returns_of(body: Node) -> (Vec<Node>, bool) {
    let mut returns = Vec::new();
    let mut generator = false;
    crate::syntax::walk(body, |child| match child.kind_id() {
        FUNCTION_DEFINITION | CLASS_DEFINITION | LAMBDA => false,
        YIELD => {
            generator = true;
            true
        }
        RETURN_STATEMENT => {
            returns.push(child);
            true
        }
        _ => true,
    });
    (returns, generator)
}

/// `class C(metaclass=...)` (or any keyword: `**kwargs` may carry one).
pub fn has_metaclass_keyword(source: &str, class: Node) -> bool {
    let _ = source;
    class
        .child_by_field_id(FIELD_SUPERCLASSES)
        .is_some_and(|arguments| code_children(arguments).any(|a| matches!(a.kind_id(), KEYWORD_ARGUMENT | DICTIONARY_SPLAT)))
}

/// Whether a constraint on `read` may drop a value of this literal kind
/// or leave it undecided (`if not d: return` before `d.keys()` drops an
/// empty dict): what astroid infers there is then not the literal alone.
pub fn constraint_may_drop(source: &str, read: Node, literal: Literal) -> bool {
    constraint_tests(source, read).into_iter().any(|(test, negate)| {
        constrains(source, strip_parens(test), read) && satisfies(source, Value::Literal(literal, read), test, read, negate) != Some(true)
    })
}

/// astroid's constraint filtering of the values inferred for `read`: those
/// that satisfy every constraint its position puts on it (`if x is not
/// None:`, `if not x: return`, `x and x.y`). `None` when a constraint cannot
/// be decided for a value, or when none is left (astroid then infers
/// `Uninferable`).
fn filter_constrained<'t>(source: &str, read: Node<'t>, values: Vec<Value<'t>>) -> Option<Vec<Value<'t>>> {
    let tests: Vec<(Node, bool)> =
        constraint_tests(source, read).into_iter().filter(|(test, _)| constrains(source, strip_parens(*test), read)).collect();
    if tests.is_empty() {
        return Some(values);
    }
    let mut kept = Vec::new();
    for value in values {
        let mut keep = true;
        for (test, negate) in &tests {
            keep &= satisfies(source, value, *test, read, *negate)?;
        }
        if keep {
            kept.push(value);
        }
    }
    (!kept.is_empty()).then_some(kept)
}

/// The tests astroid's `get_constraints` collects for `read`, each with
/// whether it is negated (an `else` branch, an exiting `if` before the read,
/// an earlier operand of `or`).
fn constraint_tests<'t>(source: &str, read: Node<'t>) -> Vec<(Node<'t>, bool)> {
    let mut tests = Vec::new();
    let mut child = read;
    let mut collect_guards = true;
    while let Some(parent) = child.parent() {
        if matches!(child.kind_id(), FUNCTION_DEFINITION | LAMBDA | CLASS_DEFINITION | GENERATOR_EXPRESSION) {
            collect_guards = false;
        } else if collect_guards && matches!(parent.kind_id(), BLOCK | MODULE) {
            let mut sibling = child.prev_named_sibling();
            while let Some(guard) = sibling {
                sibling = guard.prev_named_sibling();
                match guard.kind_id() {
                    ASSERT_STATEMENT => tests.extend(code_children(guard).next().map(|test| (test, false))),
                    IF_STATEMENT if guard.child_by_field_id(FIELD_CONSEQUENCE).is_some_and(|body| !lets_through(source, body, read)) => {
                        tests.extend(guard.child_by_field_id(FIELD_CONDITION).map(|test| (test, true)));
                    }
                    _ => {}
                }
            }
        }
        match parent.kind_id() {
            BOOLEAN_OPERATOR if parent.child_by_field_id(FIELD_RIGHT) == Some(child) => {
                let operator = parent.child_by_field_id(FIELD_OPERATOR).map(|operator| node_text(source, operator));
                let negate = operator == Some("or");
                let mut left = parent.child_by_field_id(FIELD_LEFT);
                while let Some(operand) = left {
                    let same_chain = operand.kind_id() == BOOLEAN_OPERATOR
                        && operand.child_by_field_id(FIELD_OPERATOR).map(|operator| node_text(source, operator)) == operator;
                    if !same_chain {
                        tests.push((operand, negate));
                        break;
                    }
                    tests.extend(operand.child_by_field_id(FIELD_RIGHT).map(|right| (right, negate)));
                    left = operand.child_by_field_id(FIELD_LEFT);
                }
            }
            IF_STATEMENT => {
                let condition = parent.child_by_field_id(FIELD_CONDITION);
                if parent.child_by_field_id(FIELD_CONSEQUENCE) == Some(child) {
                    tests.extend(condition.map(|test| (test, false)));
                } else if matches!(child.kind_id(), ELIF_CLAUSE | ELSE_CLAUSE) {
                    // An `elif` or `else` runs when every earlier test failed.
                    tests.extend(condition.map(|test| (test, true)));
                    for clause in code_children(parent).filter(|clause| clause.kind_id() == ELIF_CLAUSE) {
                        if clause == child {
                            break;
                        }
                        tests.extend(clause.child_by_field_id(FIELD_CONDITION).map(|test| (test, true)));
                    }
                }
            }
            ELIF_CLAUSE if parent.child_by_field_id(FIELD_CONSEQUENCE) == Some(child) => {
                tests.extend(parent.child_by_field_id(FIELD_CONDITION).map(|test| (test, false)));
            }
            CONDITIONAL_EXPRESSION => {
                // `body if test else orelse`.
                let operands: Vec<Node> = code_children(parent).collect();
                if let [body, test, orelse] = operands.as_slice() {
                    if *body == child {
                        tests.push((*test, false));
                    } else if *orelse == child {
                        tests.push((*test, true));
                    }
                }
            }
            LIST_COMPREHENSION | SET_COMPREHENSION | DICTIONARY_COMPREHENSION | GENERATOR_EXPRESSION => tests.extend(
                code_children(parent)
                    .filter(|clause| clause.kind_id() == IF_CLAUSE)
                    .filter_map(|clause| code_children(clause).next())
                    .filter(|test| *test != child)
                    .map(|test| (test, false)),
            ),
            _ => {}
        }
        child = parent;
    }
    tests
}

/// Whether `value` satisfies the constraint `test` (negated: its opposite)
/// puts on `read`, as astroid's `satisfied_by` decides; `None` when that
/// depends on what is not modelled (a literal's value, an instance's
/// `__bool__`).
fn satisfies(source: &str, value: Value, test: Node, read: Node, negate: bool) -> Option<bool> {
    let test = strip_parens(test);
    if same_expression(source, test, read) {
        // `BooleanConstraint`.
        let truth = match value {
            Value::Literal(Literal::None, _) => false,
            Value::Function(_) | Value::Lambda(_) | Value::Class(_) | Value::BoundMethod(_) | Value::UnboundMethod(_) => true,
            _ => return None,
        };
        return Some(truth ^ negate);
    }
    match test.kind_id() {
        NOT_OPERATOR => satisfies(source, value, test.child_by_field_id(FIELD_ARGUMENT)?, read, !negate),
        COMPARISON_OPERATOR => {
            let operands: Vec<Node> = code_children(test).map(strip_parens).collect();
            let operator = test
                .children_by_field_id(FIELD_OPERATORS)
                .map(|operator| node_text(source, operator).split_whitespace().collect::<Vec<_>>().join(" "))
                .next()?;
            let [left, right] = operands.as_slice() else { return None };
            let is_none = matches!(value, Value::Literal(Literal::None, _));
            match operator.as_str() {
                // `NoneConstraint`: `read is None`, the read on the left.
                "is" | "is not" if same_expression(source, *left, read) && right.kind_id() == NONE => {
                    let negate = (operator == "is") == negate;
                    Some(negate ^ is_none)
                }
                // `EqualityConstraint`: compares constants (callables by identity).
                "==" | "!=" => {
                    let operand = if same_expression(source, *left, read) { *right } else { *left };
                    let negate = (operator == "==") == negate;
                    let operand_is_none = match operand.kind_id() {
                        NONE => true,
                        STRING | INTEGER | FLOAT | TRUE | FALSE => false,
                        _ => return None,
                    };
                    match value {
                        Value::Literal(Literal::None, _) => Some(negate ^ operand_is_none),
                        Value::Literal(Literal::Bool | Literal::Int | Literal::Float | Literal::Str | Literal::Bytes | Literal::Ellipsis, _) => {
                            operand_is_none.then_some(negate)
                        }
                        // Neither a constant nor callable against a constant: satisfied.
                        Value::Literal(_, _)
                        | Value::Function(_)
                        | Value::Lambda(_)
                        | Value::Class(_)
                        | Value::BoundMethod(_)
                        | Value::UnboundMethod(_) => Some(true),
                        Value::Instance(_) => None,
                    }
                }
                _ => None,
            }
        }
        _ => None,
    }
}

/// astroid's `_lets_through`: whether a value assigned before an `if` body
/// can reach the code after it.
fn lets_through(source: &str, body: Node, read: Node) -> bool {
    let statements: Vec<Node> = code_children(body).collect();
    if statements
        .last()
        .is_some_and(|last| matches!(last.kind_id(), RETURN_STATEMENT | RAISE_STATEMENT | CONTINUE_STATEMENT | BREAK_STATEMENT))
    {
        return false;
    }
    !statements.iter().any(|statement| {
        statement.kind_id() == EXPRESSION_STATEMENT
            && code_children(*statement).any(|assignment| {
                let mut target = (assignment.kind_id() == ASSIGNMENT).then(|| assignment.child_by_field_id(FIELD_LEFT)).flatten();
                let mut value = assignment.child_by_field_id(FIELD_RIGHT);
                while let Some(current) = target {
                    if same_expression(source, current, read) {
                        return true;
                    }
                    // `a = b = value`: every target is assigned.
                    target = value.filter(|v| v.kind_id() == ASSIGNMENT).and_then(|v| v.child_by_field_id(FIELD_LEFT));
                    value = value.filter(|v| v.kind_id() == ASSIGNMENT).and_then(|v| v.child_by_field_id(FIELD_RIGHT));
                }
                false
            })
    })
}

/// Whether `test` is one of astroid's constraint patterns for `read`.
fn constrains(source: &str, test: Node, read: Node) -> bool {
    if same_expression(source, test, read) {
        return true;
    }
    match test.kind_id() {
        // `_CompoundConstraint`: every operand must constrain the read.
        BOOLEAN_OPERATOR => [FIELD_LEFT, FIELD_RIGHT]
            .iter()
            .all(|field| test.child_by_field_id(*field).is_some_and(|operand| constrains(source, strip_parens(operand), read))),
        NOT_OPERATOR => test.child_by_field_id(FIELD_ARGUMENT).is_some_and(|operand| constrains(source, strip_parens(operand), read)),
        COMPARISON_OPERATOR => {
            // `NoneConstraint` and `EqualityConstraint`; `in` constrains nothing.
            let operands: Vec<Node> = code_children(test).collect();
            let operators: Vec<String> = test
                .children_by_field_id(FIELD_OPERATORS)
                .map(|operator| node_text(source, operator).split_whitespace().collect::<Vec<_>>().join(" "))
                .collect();
            let [only] = operators.as_slice() else { return false };
            if operands.len() != 2 || !matches!(only.as_str(), "==" | "!=" | "is" | "is not") {
                return false;
            }
            operands.iter().any(|operand| same_expression(source, strip_parens(*operand), read))
        }
        CALL => {
            let is_isinstance = test
                .child_by_field_id(FIELD_FUNCTION)
                .is_some_and(|function| function.kind_id() == IDENTIFIER && node_text(source, function) == "isinstance");
            is_isinstance
                && test
                    .child_by_field_id(FIELD_ARGUMENTS)
                    .and_then(|arguments| code_children(arguments).next())
                    .is_some_and(|first| same_expression(source, strip_parens(first), read))
        }
        _ => false,
    }
}

/// astroid's `constraint._matches`: the same name, or the same attribute of
/// the same expression.
fn same_expression(source: &str, a: Node, b: Node) -> bool {
    match (a.kind_id(), b.kind_id()) {
        (IDENTIFIER, IDENTIFIER) => node_text(source, a) == node_text(source, b),
        (ATTRIBUTE, ATTRIBUTE) => {
            let name_a = a.child_by_field_id(FIELD_ATTRIBUTE).map(|name| node_text(source, name));
            let name_b = b.child_by_field_id(FIELD_ATTRIBUTE).map(|name| node_text(source, name));
            name_a == name_b
                && match (a.child_by_field_id(FIELD_OBJECT).map(strip_parens), b.child_by_field_id(FIELD_OBJECT).map(strip_parens)) {
                    (Some(x), Some(y)) => same_expression(source, x, y),
                    _ => false,
                }
        }
        _ => false,
    }
}
