//! How pylint matches a call's arguments to the parameters of what it calls
//! (`TypeChecker.visit_call`): too many positional arguments (E1121),
//! parameters left without a value (E1120), unexpected (E1123) and
//! repeated (E1124) keywords, keywords that a `**kwargs` takes instead of
//! the positional-only parameter they name (W1117), and arguments passed
//! in another order than the parameters (W1114).
//!
//! The callee comes from `infer`: a function, lambda or method of this
//! module, or a class of this module (its `__new__` or `__init__`). The
//! arguments are counted as astroid's `CallSite` counts them: `*` and `**`
//! operands only when they are literals (or names bound to one), or the
//! calling function's own `*args`/`**kwargs`; anything else makes pylint
//! give up, and so does this.

use super::infer::{FunctionType, Inferrer, Literal, Value};
use super::lookup::Reaching;
use super::ScopeKind;
use crate::syntax::kinds::*;
use crate::syntax::{code_children, node_text, strip_parens, Node};

/// One parameter that can be given positionally or by keyword.
#[derive(Clone, Debug)]
pub struct Parameter<'t> {
    pub name: &'t str,
    pub has_default: bool,
}

/// A function's parameters, as astroid's `Arguments` lists them.
#[derive(Clone, Debug)]
pub struct Signature<'t> {
    /// Positional-only, then positional-or-keyword parameters.
    pub positional: Vec<Parameter<'t>>,
    pub positional_only: usize,
    pub vararg: bool,
    pub keyword_only: Vec<Parameter<'t>>,
    pub kwarg: bool,
}

/// The parameters of a `def` or `lambda`; `None` when a name repeats
/// (pylint leaves such calls alone) or a parameter has an unknown form.
pub fn signature<'t>(source: &'t str, function: Node<'t>) -> Option<Signature<'t>> {
    let mut signature = Signature { positional: Vec::new(), positional_only: 0, vararg: false, keyword_only: Vec::new(), kwarg: false };
    let Some(parameters) = function.child_by_field_id(FIELD_PARAMETERS) else { return Some(signature) };
    let mut keyword_only = false;
    let mut names: Vec<&str> = Vec::new();
    for parameter in code_children(parameters) {
        let (name, has_default) = match parameter.kind_id() {
            IDENTIFIER => (node_text(source, parameter), false),
            DEFAULT_PARAMETER | TYPED_DEFAULT_PARAMETER => (node_text(source, parameter.child_by_field_id(FIELD_NAME)?), true),
            TYPED_PARAMETER => {
                let inner = code_children(parameter).next()?;
                match inner.kind_id() {
                    IDENTIFIER => (node_text(source, inner), false),
                    LIST_SPLAT_PATTERN => {
                        signature.vararg = true;
                        keyword_only = true;
                        names.push(node_text(source, code_children(inner).next()?));
                        continue;
                    }
                    DICTIONARY_SPLAT_PATTERN => {
                        signature.kwarg = true;
                        names.push(node_text(source, code_children(inner).next()?));
                        continue;
                    }
                    _ => return None,
                }
            }
            LIST_SPLAT_PATTERN => {
                signature.vararg = true;
                keyword_only = true;
                names.push(node_text(source, code_children(parameter).next()?));
                continue;
            }
            DICTIONARY_SPLAT_PATTERN => {
                signature.kwarg = true;
                names.push(node_text(source, code_children(parameter).next()?));
                continue;
            }
            KEYWORD_SEPARATOR => {
                keyword_only = true;
                continue;
            }
            POSITIONAL_SEPARATOR => {
                signature.positional_only = signature.positional.len();
                continue;
            }
            _ => return None,
        };
        names.push(name);
        let parameter = Parameter { name, has_default };
        if keyword_only {
            signature.keyword_only.push(parameter);
        } else {
            signature.positional.push(parameter);
        }
    }
    let mut sorted = names.clone();
    sorted.sort_unstable();
    let before = sorted.len();
    sorted.dedup();
    (sorted.len() == before).then_some(signature)
}

/// What is called, as `_determine_callable` sees it.
#[derive(Clone, Debug)]
pub struct Callee<'t> {
    /// The `def` or `lambda` whose parameters receive the arguments.
    pub function: Node<'t>,
    pub signature: Signature<'t>,
    /// Arguments passed implicitly (`self`, `cls`).
    pub implicit: usize,
    /// pylint's name for the kind of call ("function", "method",
    /// "unbound method", "constructor", ...).
    pub kind: &'static str,
    /// The function has decorators (which may accept other keywords).
    pub decorated: bool,
    /// A class body defines it directly (for W1114's `self`).
    pub in_class_body: bool,
}

/// The callee behind a called value, when pylint would check it.
pub fn callee<'t>(inferrer: &Inferrer<'_, 't>, value: Value<'t>) -> Option<Callee<'t>> {
    let source = inferrer.source();
    let (function, implicit, kind) = match value {
        Value::Function(function) => {
            let kind = inferrer.function_type(function)?;
            let implicit = usize::from(matches!(kind, FunctionType::Method | FunctionType::ClassMethod));
            (function, implicit, kind.name())
        }
        Value::BoundMethod(function) => {
            let kind = inferrer.function_type(function)?;
            // `__new__` is bound to its class, which is passed explicitly.
            let name = function.child_by_field_id(FIELD_NAME).map(|name| node_text(source, name));
            (function, usize::from(name != Some("__new__")), kind.name())
        }
        Value::UnboundMethod(function) => (function, 0, "unbound method"),
        Value::Lambda(lambda) => (lambda, 0, "lambda"),
        Value::Class(class) => (constructor(inferrer, class)?, 1, "constructor"),
        Value::Literal(..) | Value::Instance(_) => return None,
    };
    let signature = signature(source, function)?;
    let decorated = !crate::semantic::classes::decorator_expressions(function).is_empty();
    let in_class_body = directly_in_class_body(function);
    Some(Callee { function, signature, implicit, kind, decorated, in_class_body })
}

/// The name of a `def`'s or `lambda`'s `**kwargs` parameter.
pub fn kwarg_name<'t>(source: &'t str, function: Node<'t>) -> Option<&'t str> {
    let parameters = function.child_by_field_id(FIELD_PARAMETERS)?;
    code_children(parameters).find_map(|parameter| {
        // `**kwargs: T` is a typed parameter around the splat pattern.
        let pattern = match parameter.kind_id() {
            TYPED_PARAMETER => code_children(parameter).next()?,
            _ => parameter,
        };
        if pattern.kind_id() != DICTIONARY_SPLAT_PATTERN {
            return None;
        }
        code_children(pattern).next().map(|name| node_text(source, name))
    })
}

/// Whether a statement is one of a class body's own statements (astroid's
/// parent is the class).
pub fn directly_in_class_body(definition: Node) -> bool {
    let statement = match definition.parent() {
        Some(decorated) if decorated.kind_id() == DECORATED_DEFINITION => decorated,
        _ => definition,
    };
    statement.parent().filter(|block| block.kind_id() == BLOCK).and_then(|block| block.parent()).is_some_and(|class| class.kind_id() == CLASS_DEFINITION)
}

/// The `__new__` (when a class of this module defines it before any
/// builtin class does) or else the `__init__` a class's instantiation
/// runs; `None` when a metaclass, a class decorator (dataclasses, attrs...)
/// or a builtin `__init__` is involved.
fn constructor<'t>(inferrer: &Inferrer<'_, 't>, class: Node<'t>) -> Option<Node<'t>> {
    let source = inferrer.source();
    let mro = inferrer.mro(class)?;
    for ancestor in mro.iter() {
        match ancestor {
            super::infer::ClassRef::Local(node) => {
                let decorated = !crate::semantic::classes::decorator_expressions(*node).is_empty();
                if decorated || super::infer::has_metaclass_keyword(source, *node) {
                    return None;
                }
            }
            super::infer::ClassRef::Builtin(builtin) => {
                if builtin.name == "type" {
                    return None;
                }
            }
        }
    }
    if let Some(new) = inferrer.local_attribute(class, "__new__").ok()? {
        return Some(new);
    }
    inferrer.local_attribute(class, "__init__").ok()?
}

/// A call's arguments as astroid's `CallSite` unpacks them.
#[derive(Clone, Debug, Default)]
pub struct Arguments<'t> {
    /// Positional arguments, literal `*` operands spread out.
    pub positional: Vec<Node<'t>>,
    /// Keyword arguments (literal `**` operands spread out), in order, with
    /// their values.
    pub keywords: Vec<(&'t str, Node<'t>)>,
    /// A `**` operand that is not a literal dict may hold more keywords.
    pub keywords_may_supply_more: bool,
    /// The calling function's own `*args` is passed on
    /// (`_no_context_variadic_positional`): missing values are not reported.
    pub positional_variadic_without_context: bool,
}

/// The arguments of `call`; `None` where pylint cannot make sense of them.
pub fn arguments<'t>(inferrer: &Inferrer<'_, 't>, call: Node<'t>) -> Option<Arguments<'t>> {
    let source = inferrer.source();
    let mut out = Arguments::default();
    let list = call.child_by_field_id(FIELD_ARGUMENTS)?;
    if list.kind_id() == GENERATOR_EXPRESSION {
        out.positional.push(list);
        return Some(out);
    }
    for argument in code_children(list) {
        match argument.kind_id() {
            KEYWORD_ARGUMENT => {
                let name = node_text(source, argument.child_by_field_id(FIELD_NAME)?);
                let value = argument.child_by_field_id(FIELD_VALUE)?;
                if out.keywords.iter().any(|(known, _)| *known == name) {
                    return None;
                }
                out.keywords.push((name, value));
            }
            LIST_SPLAT => {
                let operand = strip_parens(code_children(argument).next()?);
                if let Some(elements) = literal_elements(inferrer, operand, &[Literal::List, Literal::Tuple]) {
                    out.positional.extend(elements);
                } else if variadic_parameter_of_scope(inferrer, operand, call, false) {
                    out.positional_variadic_without_context = true;
                } else {
                    return None;
                }
            }
            DICTIONARY_SPLAT => {
                let operand = strip_parens(code_children(argument).next()?);
                if operand.kind_id() != DICTIONARY {
                    out.keywords_may_supply_more = true;
                }
                if let Some(pairs) = literal_elements(inferrer, operand, &[Literal::Dict]) {
                    for pair in pairs {
                        if pair.kind_id() != PAIR {
                            return None;
                        }
                        let key = strip_parens(pair.child_by_field_id(FIELD_KEY)?);
                        let value = pair.child_by_field_id(FIELD_VALUE)?;
                        let name = super::summary::plain_string(source, key)?;
                        if out.keywords.iter().any(|(known, _)| *known == name) {
                            return None;
                        }
                        out.keywords.push((name, value));
                    }
                } else if !variadic_parameter_of_scope(inferrer, operand, call, true) {
                    return None;
                }
            }
            _ => out.positional.push(argument),
        }
    }
    Some(out)
}

/// The elements of a literal of one of `kinds` that `operand` is, or a
/// name is bound to (what astroid spreads of a `*`/`**` operand).
fn literal_elements<'t>(inferrer: &Inferrer<'_, 't>, operand: Node<'t>, kinds: &[Literal]) -> Option<Vec<Node<'t>>> {
    let literal = match operand.kind_id() {
        LIST | TUPLE | DICTIONARY => operand,
        IDENTIFIER => match inferrer.safe_infer(operand)? {
            Value::Literal(kind, node) if kinds.contains(&kind) => node,
            _ => return None,
        },
        _ => return None,
    };
    let kind = match literal.kind_id() {
        LIST => Literal::List,
        TUPLE => Literal::Tuple,
        DICTIONARY => Literal::Dict,
        _ => return None,
    };
    if !kinds.contains(&kind) {
        return None;
    }
    let elements: Vec<Node<'t>> = code_children(literal).collect();
    // Nested spreads (`*[*a]`, `**{**d}`) are not modelled.
    if elements.iter().any(|element| matches!(element.kind_id(), LIST_SPLAT | DICTIONARY_SPLAT | PARENTHESIZED_LIST_SPLAT)) {
        return None;
    }
    Some(elements)
}

/// Whether `operand` is the `*args` (or `**kwargs`) parameter of the
/// function or lambda the call is in (astroid infers it to an empty tuple
/// or dict there).
fn variadic_parameter_of_scope<'t>(inferrer: &Inferrer<'_, 't>, operand: Node<'t>, call: Node<'t>, keywords: bool) -> bool {
    if operand.kind_id() != IDENTIFIER {
        return false;
    }
    let semantic = inferrer.semantic();
    let scope = semantic.scope(semantic.enclosing_scope(call));
    if !matches!(scope.kind, ScopeKind::Function | ScopeKind::Lambda) {
        return false;
    }
    let Some(reaching) = inferrer.reaching(operand) else { return false };
    let [Reaching::Parameter { identifier, .. }] = reaching[..] else { return false };
    let Some(mut pattern) = identifier.parent() else { return false };
    if pattern.kind_id() == TYPED_PARAMETER {
        return false;
    }
    let expected = if keywords { DICTIONARY_SPLAT_PATTERN } else { LIST_SPLAT_PATTERN };
    if pattern.kind_id() != expected {
        return false;
    }
    if pattern.parent().is_some_and(|p| p.kind_id() == TYPED_PARAMETER) {
        pattern = match pattern.parent() {
            Some(parent) => parent,
            None => return false,
        };
    }
    pattern.parent().and_then(|parameters| parameters.parent()) == Some(scope.node)
}

/// The result of matching a call's arguments to a callee's parameters.
#[derive(Clone, Debug, Default)]
pub struct Outcome {
    pub too_many_positional: bool,
    pub unexpected_keywords: Vec<String>,
    pub redundant_keywords: Vec<String>,
    /// Keywords named like a positional-only parameter of a callee with
    /// `**kwargs`, which takes them instead (W1117).
    pub superseded_keywords: Vec<String>,
    /// Parameters without a value, in order (E1120).
    pub missing: Vec<String>,
    /// Named arguments passed in another order than the parameters (W1114).
    pub out_of_order: bool,
}

/// pylint's matching, for `call` with these arguments and callee.
pub fn bind<'t>(source: &'t str, call: Node<'t>, arguments: &Arguments<'t>, callee: &Callee<'t>, class_body_call: bool) -> Outcome {
    let signature = &callee.signature;
    let mut outcome = Outcome::default();
    let mut positional_count = arguments.positional.len() + callee.implicit;
    // A function of a class body called from that body: astroid counts an
    // implicit `self` the call does not pass.
    if class_body_call && positional_count > 0 {
        positional_count -= 1;
    }
    let _ = call;
    outcome.out_of_order = out_of_order(source, arguments, callee);
    let mut assigned = vec![false; signature.positional.len()];
    let mut keyword_only_assigned = vec![false; signature.keyword_only.len()];
    for index in 0..positional_count {
        if index < assigned.len() {
            assigned[index] = true;
        } else if signature.vararg {
            break;
        } else {
            outcome.too_many_positional = true;
            break;
        }
    }
    for (keyword, _) in &arguments.keywords {
        let positional_only = &signature.positional[..signature.positional_only.min(signature.positional.len())];
        if signature.kwarg && positional_only.iter().any(|parameter| parameter.name == *keyword) {
            outcome.superseded_keywords.push(keyword.to_string());
            continue;
        }
        if let Some(index) = signature.positional.iter().position(|parameter| parameter.name == *keyword) {
            if assigned[index] {
                outcome.redundant_keywords.push(keyword.to_string());
            } else {
                assigned[index] = true;
            }
        } else if let Some(index) = signature.keyword_only.iter().position(|parameter| parameter.name == *keyword) {
            if keyword_only_assigned[index] {
                outcome.redundant_keywords.push(keyword.to_string());
            } else {
                keyword_only_assigned[index] = true;
            }
        } else if !signature.kwarg {
            outcome.unexpected_keywords.push(keyword.to_string());
        }
    }
    if arguments.keywords_may_supply_more {
        assigned.iter_mut().for_each(|value| *value = true);
    }
    if !arguments.positional_variadic_without_context {
        for (parameter, assigned) in signature.positional.iter().zip(&assigned) {
            if !parameter.has_default && !assigned {
                outcome.missing.push(parameter.name.to_string());
            }
        }
    }
    let _ = keyword_only_assigned;
    outcome
}

/// `_check_argument_order`: every argument is a name, the names are the
/// parameters' (less a method's `self`), and the positional ones are not
/// in the parameters' order.
fn out_of_order(source: &str, arguments: &Arguments, callee: &Callee) -> bool {
    let mut parameters: Vec<&str> = callee.signature.positional.iter().map(|parameter| parameter.name).collect();
    if callee.in_class_body && parameters.first() == Some(&"self") {
        parameters.remove(0);
    }
    let name_of = |node: Node| -> Option<&str> {
        let node = strip_parens(node);
        (node.kind_id() == IDENTIFIER).then(|| node_text(source, node))
    };
    let Some(positional) = arguments.positional.iter().map(|node| name_of(*node)).collect::<Option<Vec<&str>>>() else {
        return false;
    };
    let Some(keyword_values) = arguments.keywords.iter().map(|(_, value)| name_of(*value)).collect::<Option<Vec<&str>>>() else {
        return false;
    };
    let mut argument_set: Vec<&str> = positional.iter().chain(&keyword_values).copied().collect();
    argument_set.sort_unstable();
    argument_set.dedup();
    let mut parameter_set = parameters.clone();
    parameter_set.sort_unstable();
    parameter_set.dedup();
    if argument_set != parameter_set {
        return false;
    }
    positional.len() > parameters.len() || positional[..] != parameters[..positional.len()]
}
