use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// Checks for functions and methods that take more arguments than
    /// `max-args` (5 by default). Positional and keyword-only parameters
    /// count; `*args`, `**kwargs`, the `self`/`cls` of a method and names
    /// matching `ignored-argument-names` (`_`-prefixed by default) do not.
    ///
    /// ## Why is this bad?
    /// A long parameter list is hard to call correctly and often means the
    /// function does too much, or that some parameters belong together in
    /// an object.
    ///
    /// ## Example
    /// ```python
    /// def connect(host, port, user, password, timeout, retries):
    ///     ...
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// def connect(address, credentials, options):
    ///     ...
    /// ```
    code: "R0913",
    symbol: "too-many-arguments",
    category: Refactor,
    checker: "design",
    trigger: Trigger::Node(&[FUNCTION_DEFINITION], check),
}

fn check(ctx: &mut Context, function: Node) {
    let signature = Signature::of(ctx, function);
    let count = signature.counted_arguments();
    let max = ctx.settings.max_args;
    if signature.has_arguments() && count > max {
        super::too_many_branches::report_on_def(ctx, function, format!("Too many arguments ({count}/{max})"));
    }
}

/// pylint's view of a parameter list: the positional parameters (the
/// first one of a method or classmethod left out) and the keyword-only
/// ones, with how many of each match `ignored-argument-names`.
pub(crate) struct Signature {
    pub(crate) positional: usize,
    pub(crate) ignored_positional: usize,
    pub(crate) keyword_only: usize,
    pub(crate) ignored_keyword_only: usize,
}

impl Signature {
    pub(crate) fn of(ctx: &Context, function: Node) -> Signature {
        let mut positional = Vec::new();
        let mut keyword_only = Vec::new();
        let mut after_star = false;
        if let Some(parameters) = function.child_by_field_id(FIELD_PARAMETERS) {
            for parameter in code_children(parameters) {
                match parameter_kind(parameter) {
                    ParameterKind::Named(name) => {
                        let name = ctx.text(name);
                        if after_star {
                            keyword_only.push(name)
                        } else {
                            positional.push(name)
                        }
                    }
                    ParameterKind::Star => after_star = true,
                    ParameterKind::Other => {}
                }
            }
        }
        if binds_instance_or_class(ctx, function) && !positional.is_empty() {
            positional.remove(0);
        }
        let ignored =
            |names: &[&str]| names.iter().filter(|name| ctx.settings.ignored_argument_names.is_match(name)).count();
        Signature {
            positional: positional.len(),
            ignored_positional: ignored(&positional),
            keyword_only: keyword_only.len(),
            ignored_keyword_only: ignored(&keyword_only),
        }
    }

    pub(crate) fn has_arguments(&self) -> bool {
        self.positional + self.keyword_only > 0
    }

    pub(crate) fn ignored(&self) -> usize {
        self.ignored_positional + self.ignored_keyword_only
    }

    pub(crate) fn counted_arguments(&self) -> usize {
        self.positional + self.keyword_only - self.ignored()
    }
}

enum ParameterKind<'t> {
    Named(Node<'t>),
    /// `*`, `*args`: what follows is keyword-only.
    Star,
    /// `/`, `**kwargs`, broken input.
    Other,
}

fn parameter_kind(parameter: Node) -> ParameterKind {
    match parameter.kind_id() {
        IDENTIFIER => ParameterKind::Named(parameter),
        DEFAULT_PARAMETER | TYPED_DEFAULT_PARAMETER => match parameter.child_by_field_id(FIELD_NAME) {
            Some(name) if name.kind_id() == IDENTIFIER => ParameterKind::Named(name),
            _ => ParameterKind::Other,
        },
        // `x: int`, `*args: int`, `**kwargs: int`
        TYPED_PARAMETER => match code_children(parameter).next() {
            Some(inner) if inner.kind_id() == IDENTIFIER => ParameterKind::Named(inner),
            Some(inner) => parameter_kind(inner),
            None => ParameterKind::Other,
        },
        LIST_SPLAT_PATTERN | KEYWORD_SEPARATOR => ParameterKind::Star,
        _ => ParameterKind::Other,
    }
}

/// Whether astroid types the function as a method or classmethod, whose
/// first parameter is bound implicitly. Decorators whose effect only
/// inference could tell are taken as leaving a method a method.
fn binds_instance_or_class(ctx: &Context, function: Node) -> bool {
    let Some(class) = enclosing_frame(function).filter(|frame| frame.kind_id() == CLASS_DEFINITION) else {
        return false;
    };
    let name = function.child_by_field_id(FIELD_NAME).map_or("", |name| ctx.text(name));
    if rebound_as_staticmethod(ctx, class, name) {
        return false;
    }
    if matches!(name, "__new__" | "__init_subclass__" | "__class_getitem__") {
        return true;
    }
    let decorators = function.parent()
        .filter(|parent| parent.kind_id() == DECORATED_DEFINITION)
        .map(|decorated| code_children(decorated).filter(|child| child.kind_id() == DECORATOR).collect::<Vec<_>>())
        .unwrap_or_default();
    for decorator in decorators {
        let Some(expression) = code_children(decorator).next() else { continue };
        let text = ctx.text(expression);
        let last = text.rsplit('.').next().unwrap_or(text);
        let is_name_or_builtins = expression.kind_id() == IDENTIFIER || text == format!("builtins.{last}");
        if is_name_or_builtins && matches!(last, "staticmethod") {
            return false;
        }
        if is_name_or_builtins && matches!(last, "classmethod") {
            return true;
        }
        // Subclasses of staticmethod, found by inference in pylint.
        if last == "abstractstaticmethod" {
            return false;
        }
    }
    true
}

/// `name = staticmethod(name)` in the class body.
fn rebound_as_staticmethod(ctx: &Context, class: Node, name: &str) -> bool {
    let Some(body) = class.child_by_field_id(FIELD_BODY) else { return false };
    // Runs once per method: only a name the class scope binds twice (the
    // `def` and a later assignment) can have been rebound, so most methods
    // are answered by one lookup instead of a walk of the class body.
    let rebound = ctx.semantic.scope_of(class).is_some_and(|scope| ctx.semantic.bindings_of(scope, name).nth(1).is_some());
    if !rebound {
        return false;
    }
    let mut found = false;
    super::too_many_branches::walk_statements(body, false, |node| {
        let Some(node) = code_children(node).next().filter(|_| node.kind_id() == EXPRESSION_STATEMENT) else {
            return;
        };
        if node.kind_id() != ASSIGNMENT {
            return;
        }
        let (Some(left), Some(right)) = (node.child_by_field_id(FIELD_LEFT), node.child_by_field_id(FIELD_RIGHT)) else {
            return;
        };
        if left.kind_id() == IDENTIFIER
            && ctx.text(left) == name
            && right.kind_id() == CALL
            && right.child_by_field_id(FIELD_FUNCTION).is_some_and(|callee| ctx.text(callee) == "staticmethod")
        {
            found = true;
        }
    });
    found
}

/// The function, class or module whose body holds `node` (astroid's `frame()`).
pub(crate) fn enclosing_frame<'t>(node: Node<'t>) -> Option<Node<'t>> {
    let mut current = node.parent();
    while let Some(candidate) = current {
        if matches!(candidate.kind_id(), FUNCTION_DEFINITION | CLASS_DEFINITION | MODULE | LAMBDA) {
            return Some(candidate);
        }
        current = candidate.parent();
    }
    None
}
