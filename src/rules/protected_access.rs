use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// Checks for reads (and plain assignments) of attributes whose name
    /// starts with an underscore (not dunders) on objects other than the
    /// method's `self`/`cls`, outside the class that owns them: from
    /// module code, or in a class through anything but `self`, `super()`,
    /// `type(self)`, the class itself or one of its bases.
    ///
    /// ## Why is this bad?
    /// A leading underscore marks an implementation detail: code outside the
    /// class that relies on it breaks when the class changes.
    ///
    /// ## Example
    /// ```python
    /// class Account:
    ///     def __init__(self):
    ///         self._balance = 0
    ///
    /// account = Account()
    /// print(account._balance)
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// class Account:
    ///     def __init__(self):
    ///         self._balance = 0
    ///
    ///     @property
    ///     def balance(self):
    ///         return self._balance
    ///
    /// account = Account()
    /// print(account.balance)
    /// ```
    ///
    /// Accesses inside special methods such as `__eq__` are allowed for
    /// single-underscore names, as are namedtuple's `_asdict`, `_fields`,
    /// `_replace`, `_source`, `_make` and `os._exit`.
    code: "W0212",
    symbol: "protected-access",
    category: Warning,
    checker: "classes",
    trigger: Trigger::Node(&[ATTRIBUTE], check),
}

/// pylint's default `exclude-protected` names.
const EXCLUDED: &[&str] = &["_asdict", "_fields", "_replace", "_source", "_make"];

/// pylint's `PYMETHODS`: the special methods in which protected access is
/// allowed.
const SPECIAL_METHODS: &[&str] = &[
    "__abs__",
    "__add__",
    "__aenter__",
    "__aexit__",
    "__aiter__",
    "__and__",
    "__anext__",
    "__await__",
    "__bool__",
    "__bytes__",
    "__call__",
    "__ceil__",
    "__cmp__",
    "__complex__",
    "__contains__",
    "__copy__",
    "__deepcopy__",
    "__del__",
    "__delattr__",
    "__delete__",
    "__delitem__",
    "__dir__",
    "__div__",
    "__divmod__",
    "__enter__",
    "__eq__",
    "__exit__",
    "__float__",
    "__floor__",
    "__floordiv__",
    "__format__",
    "__fspath__",
    "__ge__",
    "__get__",
    "__getattr__",
    "__getattribute__",
    "__getitem__",
    "__getnewargs__",
    "__getnewargs_ex__",
    "__getstate__",
    "__gt__",
    "__hash__",
    "__iadd__",
    "__iand__",
    "__ifloordiv__",
    "__ilshift__",
    "__imatmul__",
    "__imod__",
    "__imul__",
    "__index__",
    "__init__",
    "__init_subclass__",
    "__instancecheck__",
    "__int__",
    "__invert__",
    "__ior__",
    "__ipow__",
    "__irshift__",
    "__isub__",
    "__iter__",
    "__itruediv__",
    "__ixor__",
    "__le__",
    "__len__",
    "__length_hint__",
    "__lshift__",
    "__lt__",
    "__matmul__",
    "__missing__",
    "__mod__",
    "__mul__",
    "__ne__",
    "__neg__",
    "__new__",
    "__nonzero__",
    "__or__",
    "__pos__",
    "__pow__",
    "__radd__",
    "__rand__",
    "__rdivmod__",
    "__reduce__",
    "__reduce_ex__",
    "__repr__",
    "__reversed__",
    "__rfloordiv__",
    "__rlshift__",
    "__rmatmul__",
    "__rmod__",
    "__rmul__",
    "__ror__",
    "__round__",
    "__rpow__",
    "__rrshift__",
    "__rshift__",
    "__rsub__",
    "__rtruediv__",
    "__rxor__",
    "__set__",
    "__set_name__",
    "__setattr__",
    "__setitem__",
    "__setstate__",
    "__str__",
    "__sub__",
    "__subclasscheck__",
    "__subclasses__",
    "__truediv__",
    "__trunc__",
    "__unicode__",
    "__xor__",
];

fn check(ctx: &mut Context, attribute: Node) {
    let (Some(object), Some(name)) =
        (attribute.child_by_field_id(FIELD_OBJECT), attribute.child_by_field_id(FIELD_ATTRIBUTE))
    else {
        return;
    };
    let attr_name = ctx.text(name);
    if !is_protected(attr_name) || EXCLUDED.contains(&attr_name) || !is_checked_context(attribute) {
        return;
    }
    let object = strip_parens(object);
    let first_parameter = innermost_method(attribute).and_then(|method| mandatory_parameter(ctx, method));
    let is_first_parameter = |node: Node| node.kind_id() == IDENTIFIER && Some(ctx.text(node)) == first_parameter;
    if is_first_parameter(object) || in_annotation(attribute) {
        return;
    }
    if attr_name == "_exit" {
        let scope = ctx.semantic.enclosing_scope(attribute);
        if super::dangerous_default_value::qualified_name(ctx, object, scope).as_deref() == Some("os") {
            return;
        }
    }
    let message = format!("Access to a protected member {attr_name} of a client class");
    let Some(klass) = enclosing_class(attribute) else {
        ctx.report(attribute, message);
        return;
    };
    if is_exempt_in_class(ctx, object, &is_first_parameter) {
        return;
    }
    let callee_text = super::consider_using_in::as_string(ctx.source, object);
    let mut outer = Some(klass);
    let mut failed_part = None;
    for part in callee_text.split('.').rev() {
        match outer {
            Some(class) if class_name(ctx, class) == Some(part) => outer = enclosing_class_of_class(class),
            _ => {
                failed_part = Some(part);
                break;
            }
        }
    }
    let Some(callee) = failed_part else { return };
    if base_names(ctx, klass).iter().any(|base| base == callee) {
        return;
    }
    if is_property_assignment(ctx, attribute, klass) {
        return;
    }
    let frame = frame_of(attribute);
    if let Some(function) = frame.filter(|frame| frame.kind_id() == FUNCTION_DEFINITION) {
        let function_name = function.child_by_field_id(FIELD_NAME).map(|name| ctx.text(name));
        if is_classmethod(ctx, function) && is_own_instance_attribute(ctx, object, klass, first_parameter, attr_name) {
            return;
        }
        if !attr_name.starts_with("__") && function_name.is_some_and(|name| SPECIAL_METHODS.contains(&name)) {
            return;
        }
    }
    ctx.report(attribute, message);
}

/// pylint's `is_attr_protected`: a leading underscore, not `_` alone nor a dunder.
fn is_protected(name: &str) -> bool {
    name.starts_with('_') && name != "_" && !(name.starts_with("__") && name.ends_with("__"))
}

/// Whether pylint looks at this attribute: reads (astroid `Attribute`), and
/// the first target of a plain assignment. Augmented, annotated, unpacked,
/// loop, `with` and `del` targets are not checked.
fn is_checked_context<'t>(attribute: Node<'t>) -> bool {
    let mut node = attribute;
    let mut in_container = false;
    while let Some(parent) = node.parent() {
        match parent.kind_id() {
            PARENTHESIZED_EXPRESSION => {}
            PATTERN_LIST | TUPLE_PATTERN | LIST_PATTERN | LIST_SPLAT_PATTERN | EXPRESSION_LIST | TUPLE | LIST
            | LIST_SPLAT => in_container = true,
            ASSIGNMENT => {
                if parent.child_by_field_id(FIELD_LEFT) != Some(node) {
                    return true;
                }
                let chained = parent.parent().is_some_and(|grandparent| grandparent.kind_id() == ASSIGNMENT);
                let annotated = parent.child_by_field_id(FIELD_TYPE).is_some();
                return !in_container && !chained && !annotated;
            }
            AUGMENTED_ASSIGNMENT | FOR_STATEMENT | FOR_IN_CLAUSE => {
                return parent.child_by_field_id(FIELD_LEFT) != Some(node);
            }
            AS_PATTERN_TARGET | DELETE_STATEMENT => return false,
            _ => return true,
        }
        node = parent;
    }
    true
}

/// Whether the node is inside an annotation: of a parameter, a return or
/// an annotated assignment.
fn in_annotation<'t>(node: Node<'t>) -> bool {
    let mut child = node;
    while let Some(parent) = child.parent() {
        let field = match parent.kind_id() {
            TYPED_PARAMETER | TYPED_DEFAULT_PARAMETER | ASSIGNMENT => "type",
            FUNCTION_DEFINITION => "return_type",
            _ => "",
        };
        if !field.is_empty() && parent.child_by_field_name(field) == Some(child) {
            return true;
        }
        // tree-sitter gives `typed_parameter` no field for its type.
        if parent.kind_id() == TYPED_PARAMETER && child.kind_id() == TYPE {
            return true;
        }
        child = parent;
    }
    false
}

/// astroid's frame of a node: the nearest function, lambda or class that
/// holds it, decorators counting as part of what they decorate.
fn frame_of<'t>(node: Node<'t>) -> Option<Node<'t>> {
    let mut current = node.parent();
    while let Some(candidate) = current {
        match candidate.kind_id() {
            FUNCTION_DEFINITION | LAMBDA | CLASS_DEFINITION => return Some(candidate),
            DECORATOR => {
                let definition = candidate.parent().and_then(|decorated| decorated.child_by_field_id(FIELD_DEFINITION));
                if definition.is_some() {
                    return definition;
                }
            }
            _ => {}
        }
        current = candidate.parent();
    }
    None
}

/// pylint's `node_frame_class`: the class around the node's frame chain.
fn enclosing_class<'t>(node: Node<'t>) -> Option<Node<'t>> {
    let mut frame = frame_of(node);
    while let Some(current) = frame {
        if current.kind_id() == CLASS_DEFINITION {
            return Some(current);
        }
        frame = frame_of(current);
    }
    None
}

/// The class a nested class is defined in, when its frame is one.
fn enclosing_class_of_class<'t>(class: Node<'t>) -> Option<Node<'t>> {
    frame_of(class).filter(|frame| frame.kind_id() == CLASS_DEFINITION)
}

/// The innermost function around the node whose frame is a class: the
/// method whose first parameter pylint treats as `self`.
fn innermost_method<'t>(node: Node<'t>) -> Option<Node<'t>> {
    let mut frame = frame_of(node);
    while let Some(current) = frame {
        let outer = frame_of(current);
        if current.kind_id() == FUNCTION_DEFINITION && outer.is_some_and(|outer| outer.kind_id() == CLASS_DEFINITION) {
            return Some(current);
        }
        frame = outer;
    }
    None
}

/// The name of a method's first positional parameter, as pylint records it
/// (none for static methods, unless it is named `self`, `cls` or `mcs`).
fn mandatory_parameter<'t>(ctx: &Context<'_, 't>, method: Node<'t>) -> Option<&'t str> {
    let parameters = method.child_by_field_id(FIELD_PARAMETERS)?;
    let first = code_children(parameters).next()?;
    let identifier = match first.kind_id() {
        IDENTIFIER => first,
        TYPED_PARAMETER => code_children(first).next().filter(|name| name.kind_id() == IDENTIFIER)?,
        DEFAULT_PARAMETER | TYPED_DEFAULT_PARAMETER => {
            first.child_by_field_id(FIELD_NAME).filter(|name| name.kind_id() == IDENTIFIER)?
        }
        _ => return None,
    };
    let name = ctx.text(identifier);
    if has_decorator(ctx, method, &["staticmethod", "builtins.staticmethod"]) && !matches!(name, "self" | "cls" | "mcs")
    {
        return None;
    }
    Some(name)
}

fn has_decorator(ctx: &Context, function: Node, names: &[&str]) -> bool {
    let Some(decorated) = function.parent().filter(|parent| parent.kind_id() == DECORATED_DEFINITION) else {
        return false;
    };
    code_children(decorated)
        .filter(|child| child.kind_id() == DECORATOR)
        .filter_map(|decorator| decorator.named_child(0))
        .any(|expression| names.contains(&ctx.text(expression)))
}

/// Accesses in a class through `super()`, `type(self)` or `self.__class__`.
fn is_exempt_in_class(ctx: &Context, object: Node, is_first_parameter: &dyn Fn(Node) -> bool) -> bool {
    match object.kind_id() {
        CALL => {
            let Some(function) = object.child_by_field_id(FIELD_FUNCTION) else { return false };
            if function.kind_id() != IDENTIFIER {
                return false;
            }
            match ctx.text(function) {
                "super" => true,
                "type" => {
                    let positional: Vec<Node> = object
                        .child_by_field_id(FIELD_ARGUMENTS)
                        .map(|arguments| {
                            code_children(arguments)
                                .filter(|argument| !matches!(argument.kind_id(), KEYWORD_ARGUMENT | DICTIONARY_SPLAT))
                                .collect()
                        })
                        .unwrap_or_default();
                    positional.len() == 1 && is_first_parameter(strip_parens(positional[0]))
                }
                _ => false,
            }
        }
        ATTRIBUTE => {
            let is_class = object.child_by_field_id(FIELD_ATTRIBUTE).is_some_and(|name| ctx.text(name) == "__class__");
            is_class
                && object.child_by_field_id(FIELD_OBJECT).is_some_and(|inner| is_first_parameter(strip_parens(inner)))
        }
        _ => false,
    }
}

fn class_name<'t>(ctx: &Context<'_, 't>, class: Node<'t>) -> Option<&'t str> {
    class.child_by_field_id(FIELD_NAME).map(|name| ctx.text(name))
}

/// astroid's `basenames` of a class, plus the unsubscripted form of
/// generic bases (`Parent` for `Parent[T]`).
fn base_names(ctx: &Context, class: Node) -> Vec<String> {
    let Some(bases) = class.child_by_field_id(FIELD_SUPERCLASSES) else { return Vec::new() };
    let mut names = Vec::new();
    for base in code_children(bases) {
        if matches!(base.kind_id(), KEYWORD_ARGUMENT | DICTIONARY_SPLAT | LIST_SPLAT) {
            continue;
        }
        names.push(super::consider_using_in::as_string(ctx.source, base));
        if base.kind_id() == SUBSCRIPT {
            if let Some(value) = base.child_by_field_id(FIELD_VALUE) {
                names.push(super::consider_using_in::as_string(ctx.source, value));
            }
        }
    }
    names
}

/// `name = property(...)` (or a name the class defines with `@property`)
/// as the statement holding the access: `b = property(lambda self: self._b)`.
fn is_property_assignment(ctx: &Context, attribute: Node, klass: Node) -> bool {
    let mut current = attribute.parent();
    while let Some(node) = current {
        if syntax::is_statement_kind(node.kind_id()) {
            break;
        }
        current = node.parent();
    }
    let Some(statement) = current.filter(|statement| statement.kind_id() == EXPRESSION_STATEMENT) else {
        return false;
    };
    let Some(assignment) = statement.named_child(0).filter(|child| child.kind_id() == ASSIGNMENT) else {
        return false;
    };
    let (Some(target), Some(value)) = (assignment.child_by_field_id(FIELD_LEFT), assignment.child_by_field_id(FIELD_RIGHT))
    else {
        return false;
    };
    if target.kind_id() != IDENTIFIER || value.kind_id() == ASSIGNMENT {
        return false;
    }
    let name = ctx.text(target);
    let Some(body) = klass.child_by_field_id(FIELD_BODY) else { return false };
    code_children(body).any(|member| match member.kind_id() {
        EXPRESSION_STATEMENT => member.named_child(0).is_some_and(|assignment| {
            assignment.kind_id() == ASSIGNMENT
                && assignment.child_by_field_id(FIELD_LEFT).is_some_and(|left| ctx.text(left) == name)
                && assignment.child_by_field_id(FIELD_RIGHT).is_some_and(|right| {
                    right.kind_id() == CALL
                        && right
                            .child_by_field_id(FIELD_FUNCTION)
                            .is_some_and(|function| ctx.text(function) == "property")
                })
        }),
        DECORATED_DEFINITION => member.child_by_field_id(FIELD_DEFINITION).is_some_and(|function| {
            function.kind_id() == FUNCTION_DEFINITION
                && function.child_by_field_id(FIELD_NAME).is_some_and(|function_name| ctx.text(function_name) == name)
                && has_decorator(ctx, function, &["property"])
        }),
        _ => false,
    })
}

/// astroid's `classmethod` type: decorated, or one of the implicit ones.
fn is_classmethod(ctx: &Context, function: Node) -> bool {
    has_decorator(ctx, function, &["classmethod", "builtins.classmethod"])
        || function
            .child_by_field_id(FIELD_NAME)
            .is_some_and(|name| matches!(ctx.text(name), "__new__" | "__init_subclass__" | "__class_getitem__"))
}

/// In a classmethod, an instance of the class (`cls()`, `object.__new__(cls)`,
/// `cls.create()` for a classmethod `create`, or a name only ever bound to
/// one of those) whose `_x` is defined in the class body or assigned as an
/// attribute in it.
fn is_own_instance_attribute(
    ctx: &Context,
    object: Node,
    klass: Node,
    first_parameter: Option<&str>,
    attr_name: &str,
) -> bool {
    let creates_instance = |value: Node| creates_instance(ctx, strip_parens(value), klass, first_parameter);
    let is_instance = match object.kind_id() {
        IDENTIFIER => {
            let name = ctx.text(object);
            let scope = ctx.semantic.enclosing_scope(object);
            match ctx.semantic.resolve(scope, name) {
                Some(defining) => {
                    // astroid drops the bindings of the same scope that come later.
                    let mut bindings = ctx
                        .semantic
                        .bindings_of(defining, name)
                        .filter(|binding| defining != scope || binding.identifier.start_byte() < object.start_byte())
                        .peekable();
                    bindings.peek().is_some()
                        && bindings.all(|binding| {
                            binding.kind == BindingKind::Assignment
                                && !binding.unpacked
                                && super::dangerous_default_value::assigned_value(binding).is_some_and(creates_instance)
                        })
                }
                None => false,
            }
        }
        _ => creates_instance(object),
    };
    is_instance && is_defined_in_class(ctx, klass, attr_name)
}

fn creates_instance(ctx: &Context, value: Node, klass: Node, first_parameter: Option<&str>) -> bool {
    if value.kind_id() != CALL {
        return false;
    }
    let Some(function) = value.child_by_field_id(FIELD_FUNCTION) else { return false };
    let is_class = |node: Node| {
        let node = strip_parens(node);
        node.kind_id() == IDENTIFIER && {
            let name = ctx.text(node);
            Some(name) == first_parameter || Some(name) == class_name(ctx, klass)
        }
    };
    if is_class(function) {
        return true;
    }
    if function.kind_id() != ATTRIBUTE {
        return false;
    }
    let (Some(receiver), Some(method)) =
        (function.child_by_field_id(FIELD_OBJECT), function.child_by_field_id(FIELD_ATTRIBUTE))
    else {
        return false;
    };
    let method = ctx.text(method);
    if method == "__new__" {
        // astroid infers `object.__new__(cls)` and `super().__new__(cls)`
        // to an instance, not a user class's `__new__`.
        let scope = ctx.semantic.enclosing_scope(value);
        let is_super_call = receiver.kind_id() == CALL
            && receiver.child_by_field_id(FIELD_FUNCTION).is_some_and(|function| ctx.text(function) == "super");
        let builtin_receiver =
            is_super_call || receiver.kind_id() == IDENTIFIER && ctx.semantic.is_builtin(scope, ctx.text(receiver));
        if !builtin_receiver {
            return false;
        }
        let first_argument =
            value.child_by_field_id(FIELD_ARGUMENTS).and_then(|arguments| code_children(arguments).next());
        return first_argument.is_some_and(is_class);
    }
    is_class(receiver) && is_classmethod_of(ctx, klass, method)
}

fn is_classmethod_of(ctx: &Context, klass: Node, method: &str) -> bool {
    let Some(body) = klass.child_by_field_id(FIELD_BODY) else { return false };
    code_children(body).any(|member| {
        let function = syntax::undecorated(member);
        function.kind_id() == FUNCTION_DEFINITION
            && function.child_by_field_id(FIELD_NAME).is_some_and(|name| ctx.text(name) == method)
            && is_classmethod(ctx, function)
    })
}

fn is_defined_in_class(ctx: &Context, klass: Node, attr_name: &str) -> bool {
    let class_scope = ctx.semantic.scope_of(klass);
    if class_scope.is_some_and(|scope| ctx.semantic.scope(scope).bindings.contains_key(attr_name)) {
        return true;
    }
    let mut assigned = false;
    syntax::walk(klass, |node| {
        if assigned {
            return false;
        }
        if node.kind_id() == ASSIGNMENT || node.kind_id() == AUGMENTED_ASSIGNMENT {
            if let Some(left) = node.child_by_field_id(FIELD_LEFT).filter(|left| left.kind_id() == ATTRIBUTE) {
                assigned = left.child_by_field_id(FIELD_ATTRIBUTE).is_some_and(|name| ctx.text(name) == attr_name);
            }
        }
        true
    });
    assigned
}
