//! The messages pylint derives from inferring calls, assignments and
//! subscripts (its typecheck checker, and the unpacking checks of its
//! variables checker), computed in one pass per module and shared by their
//! rules: not-callable (E1102), the argument checks of calls (E1120,
//! E1121, E1123, E1124, W1114, W1117), unsubscriptable-object (E1136),
//! unpacking-non-sequence (E0633) and unbalanced-tuple-unpacking (W0632).
//!
//! Inference is `infer::Inferrer`'s: where it does not know, nothing is
//! reported.

use super::calls;
use super::infer::{assigned_value, Inferrer, Literal, Value};
use super::SemanticModel;
use crate::syntax::kinds::*;
use crate::syntax::{code_children, node_text, strip_parens, Node, Position};

/// One message: its id, the range it covers and its text.
#[derive(Clone, Debug)]
pub struct Finding {
    pub code: &'static str,
    pub start: Position,
    pub end: Position,
    pub message: String,
}

/// The message ids this pass produces.
pub const CODES: &[&str] = &["E1102", "E1120", "E1121", "E1123", "E1124", "E1136", "E0633", "W0632", "W1114", "W1117"];

struct Pass<'a, 't> {
    source: &'t str,
    inferrer: Inferrer<'a, 't>,
    enabled: &'a dyn Fn(&str) -> bool,
    findings: Vec<Finding>,
    /// `from __future__ import annotations` (annotations are not evaluated).
    postponed_annotations: bool,
}

/// The findings of the enabled ids (`enabled` answers for a message id).
pub fn analyze<'t>(source: &'t str, root: Node<'t>, semantic: &SemanticModel<'t>, enabled: &dyn Fn(&str) -> bool) -> Vec<Finding> {
    let wants_calls = ["E1102", "E1120", "E1121", "E1123", "E1124", "W1114", "W1117"].iter().any(|code| enabled(code));
    let wants_unpacking = enabled("E0633") || enabled("W0632");
    let wants_subscripts = enabled("E1136");
    let mut calls = Vec::new();
    let mut assignments = Vec::new();
    let mut subscripts = Vec::new();
    crate::syntax::walk(root, |node| {
        match node.kind_id() {
            CALL if wants_calls => calls.push(node),
            EXPRESSION_STATEMENT if wants_unpacking => {
                if let Some(assignment) = code_children(node).next().filter(|child| child.kind_id() == ASSIGNMENT) {
                    assignments.push(assignment);
                }
            }
            SUBSCRIPT if wants_subscripts => subscripts.push(node),
            _ => {}
        }
        true
    });
    if calls.is_empty() && assignments.is_empty() && subscripts.is_empty() {
        return Vec::new();
    }
    let postponed_annotations = code_children(root)
        .any(|statement| statement.kind_id() == FUTURE_IMPORT_STATEMENT && node_text(source, statement).contains("annotations"));
    let mut pass = Pass { source, inferrer: Inferrer::new(source, root, semantic), enabled, findings: Vec::new(), postponed_annotations };
    for call in calls {
        pass.check_call(call);
    }
    for assignment in assignments {
        pass.check_unpacking(assignment);
    }
    for subscript in subscripts {
        pass.check_subscript(subscript);
    }
    pass.findings
}

fn position(point: tree_sitter::Point) -> Position {
    Position { line: point.row as u32, column: point.column as u32 }
}

impl<'a, 't> Pass<'a, 't> {
    fn text(&self, node: Node) -> &'t str {
        node_text(self.source, node)
    }

    fn report(&mut self, code: &'static str, node: Node, message: String) {
        if (self.enabled)(code) {
            self.findings.push(Finding { code, start: position(node.start_position()), end: position(node.end_position()), message });
        }
    }

    /// Whether a read may be worth inferring: a name bound in this module
    /// (not only by imports), or an attribute.
    fn worth_inferring(&self, expression: Node<'t>) -> bool {
        match expression.kind_id() {
            IDENTIFIER => {
                let semantic = self.inferrer.semantic();
                let name = self.text(expression);
                let Some(scope) = semantic.resolve(semantic.enclosing_scope(expression), name) else {
                    // Builtins and undefined names are not modelled; a
                    // method's receiver is bound in its function.
                    return false;
                };
                semantic.bindings_of(scope, name).any(|binding| binding.kind != super::BindingKind::Import)
            }
            ATTRIBUTE => expression.child_by_field_id(FIELD_OBJECT).map(strip_parens).is_some_and(|object| self.worth_inferring(object)),
            _ => false,
        }
    }

    fn check_call(&mut self, call: Node<'t>) {
        let Some(function) = call.child_by_field_id(FIELD_FUNCTION).map(strip_parens) else { return };
        if matches!(function.kind_id(), LIST | TUPLE | SET | STRING | INTEGER | NONE | TRUE | FALSE) {
            // A literal called where it is written: `[1, 2]()`.
            if let Some(text) = render(self.source, function) {
                self.report("E1102", call, format!("{text} is not callable"));
            }
            return;
        }
        let value = if function.kind_id() == LAMBDA {
            Value::Lambda(function)
        } else if self.worth_inferring(function) {
            let Some(value) = self.inferrer.safe_infer(function) else { return };
            value
        } else {
            return;
        };
        if self.is_not_callable(value) {
            if let Some(text) = dotted_text(self.source, function) {
                self.report("E1102", call, format!("{text} is not callable"));
            }
            return;
        }
        let Some(callee) = calls::callee(&self.inferrer, value) else { return };
        let Some(arguments) = calls::arguments(&self.inferrer, call) else { return };
        let class_body_call = matches!(value, Value::Function(function) if self.called_from_own_class_body(call, function));
        let outcome = calls::bind(self.source, call, &arguments, &callee, class_body_call);
        let kind = callee.kind;
        if outcome.out_of_order {
            self.report("W1114", call, "Positional arguments appear to be out of order".to_string());
        }
        if outcome.too_many_positional {
            self.report("E1121", call, format!("Too many positional arguments for {kind} call"));
        }
        // A decorator may accept keywords the function does not
        // (`_keyword_argument_is_in_all_decorator_returns`): not modelled.
        if !callee.decorated {
            for keyword in &outcome.unexpected_keywords {
                self.report("E1123", call, format!("Unexpected keyword argument '{keyword}' in {kind} call"));
            }
        }
        if let Some(kwarg) = calls::kwarg_name(self.source, callee.function) {
            for keyword in &outcome.superseded_keywords {
                self.report(
                    "W1117",
                    call,
                    format!("'{keyword}' will be included in '**{kwarg}' since a positional-only parameter with this name already exists"),
                );
            }
        }
        for keyword in &outcome.redundant_keywords {
            self.report("E1124", call, format!("Argument '{keyword}' passed by position and keyword in {kind} call"));
        }
        for name in &outcome.missing {
            self.report("E1120", call, format!("No value for argument '{name}' in {kind} call"));
        }
    }

    /// The call is in a class body and calls a `def` of that same body that
    /// is not a staticmethod (astroid counts an implicit `self` for it).
    fn called_from_own_class_body(&self, call: Node<'t>, function: Node<'t>) -> bool {
        let semantic = self.inferrer.semantic();
        let scope = semantic.scope(semantic.enclosing_scope(call));
        if scope.kind != super::ScopeKind::Class || !calls::directly_in_class_body(function) {
            return false;
        }
        if self.inferrer.defining_class(function) != Some(scope.node) {
            return false;
        }
        !self.inferrer.decorator_names(function).iter().any(|name| name == "staticmethod")
    }

    /// pylint's `_check_not_callable` for a known value.
    fn is_not_callable(&self, value: Value<'t>) -> bool {
        match value {
            Value::Literal(..) => true,
            Value::Instance(class) => {
                // Descriptors are skipped; an instance is callable through
                // `__call__` along its MRO, which must be fully known.
                let own_get = self
                    .inferrer
                    .semantic()
                    .scope_of(class)
                    .is_some_and(|scope| self.inferrer.semantic().bindings_of(scope, "__get__").next().is_some());
                !own_get && self.inferrer.mro_defines(class, "__call__", true) == Some(false)
            }
            _ => false,
        }
    }

    /// E0633 and W0632: `a, b = value` where the value is one literal.
    fn check_unpacking(&mut self, assignment: Node<'t>) {
        let Some(target) = assignment.child_by_field_id(FIELD_LEFT) else { return };
        if !matches!(target.kind_id(), PATTERN_LIST | TUPLE_PATTERN | LIST_PATTERN | TUPLE | LIST) {
            return;
        }
        let targets: Vec<Node> = code_children(target).collect();
        if targets.iter().any(|t| matches!(t.kind_id(), LIST_SPLAT_PATTERN | LIST_SPLAT)) {
            return;
        }
        let Some(value) = innermost_value(assignment) else { return };
        let value = strip_parens(value);
        if !matches!(value.kind_id(), IDENTIFIER | ATTRIBUTE | TUPLE | LIST | SET | EXPRESSION_LIST | NONE | INTEGER | TRUE | FALSE) {
            return;
        }
        if matches!(value.kind_id(), IDENTIFIER | ATTRIBUTE) && !self.worth_inferring(value) {
            return;
        }
        let inferred = if value.kind_id() == EXPRESSION_LIST {
            vec![Value::Literal(Literal::Tuple, value)]
        } else {
            match self.inferrer.infer_all(value) {
                Some(values) => values,
                None => return,
            }
        };
        let [Value::Literal(kind, literal)] = inferred[..] else { return };
        if self.inside_abstract_class(assignment) {
            return;
        }
        let statement_line = assignment.start_position().row;
        let details = |rendered: Option<String>| -> Option<String> {
            if literal.start_position().row == statement_line {
                rendered.map(|text| format!("'{text}'"))
            } else {
                Some(format!("defined at line {}", literal.start_position().row + 1))
            }
        };
        match kind {
            Literal::Tuple | Literal::List | Literal::Set => {
                let count = code_children(literal).count();
                if count == targets.len() {
                    return;
                }
                let Some(details) = details(render(self.source, literal)) else { return };
                let plural = |n: usize| if n == 1 { "" } else { "s" };
                self.report(
                    "W0632",
                    assignment,
                    format!(
                        "Possible unbalanced tuple unpacking with sequence {details}: left side has {} label{}, right side has {} value{}",
                        targets.len(),
                        plural(targets.len()),
                        count,
                        plural(count)
                    ),
                );
            }
            Literal::None | Literal::Bool | Literal::Int => {
                let Some(details) = details(render(self.source, literal)) else { return };
                self.report("E0633", assignment, format!("Attempting to unpack a non-sequence {details}"));
            }
            _ => {}
        }
    }

    /// E1136: a subscript read of something that has no `__getitem__`.
    fn check_subscript(&mut self, subscript: Node<'t>) {
        let Some(value) = subscript.child_by_field_id(FIELD_VALUE).map(strip_parens) else { return };
        if !matches!(value.kind_id(), IDENTIFIER | ATTRIBUTE | SUBSCRIPT | CALL) || !is_load(subscript) {
            return;
        }
        let inferred_part = if value.kind_id() == CALL { value.child_by_field_id(FIELD_FUNCTION).map(strip_parens) } else { Some(value) };
        let Some(inferred_part) = inferred_part else { return };
        if inferred_part.kind_id() != SUBSCRIPT && !self.worth_inferring(inferred_part) {
            return;
        }
        let Some(inferred) = self.infer_subscripted(value) else { return };
        let unsupported = match inferred {
            Value::Literal(kind, _) => matches!(kind, Literal::None | Literal::Bool | Literal::Int | Literal::Float | Literal::Ellipsis | Literal::Set),
            Value::Function(function) => crate::semantic::classes::decorator_expressions(function).is_empty(),
            Value::Lambda(_) | Value::BoundMethod(_) | Value::UnboundMethod(_) => true,
            Value::Class(class) => {
                let annotation = self.postponed_annotations && super::astroid::in_type_annotation_context(subscript);
                !annotation
                    && crate::semantic::classes::decorator_expressions(class).is_empty()
                    && self.inferrer.mro_defines(class, "__class_getitem__", true) == Some(false)
                    && !self.any_metaclass(class)
            }
            Value::Instance(class) => {
                self.inferrer.mro_defines(class, "__getattr__", false) == Some(false)
                    && self.inferrer.mro_defines(class, "__getattribute__", false) == Some(false)
                    && self.inferrer.mro_defines(class, "__getitem__", true) == Some(false)
            }
        };
        if !unsupported || self.inside_abstract_class(subscript) || in_type_checking_block(self.source, subscript) {
            return;
        }
        let Some(text) = dotted_text(self.source, value) else { return };
        self.report("E1136", value, format!("Value '{text}' is unsubscriptable"));
    }

    /// The value of a subscripted expression; `x[i]` of a literal list or
    /// tuple `x` is its element `i`.
    fn infer_subscripted(&self, value: Node<'t>) -> Option<Value<'t>> {
        if value.kind_id() != SUBSCRIPT {
            return self.inferrer.safe_infer(value);
        }
        let inner = value.child_by_field_id(FIELD_VALUE).map(strip_parens)?;
        let index = value.child_by_field_id(FIELD_SUBSCRIPT).map(strip_parens)?;
        if index.kind_id() != INTEGER || !matches!(inner.kind_id(), IDENTIFIER | ATTRIBUTE) || !self.worth_inferring(inner) {
            return None;
        }
        let index: usize = self.text(index).parse().ok()?;
        let Value::Literal(Literal::List | Literal::Tuple, literal) = self.inferrer.safe_infer(inner)? else { return None };
        let element = code_children(literal).nth(index)?;
        if matches!(element.kind_id(), LIST_SPLAT | PARENTHESIZED_LIST_SPLAT) || code_children(literal).any(|e| e.kind_id() == LIST_SPLAT) {
            return None;
        }
        self.inferrer.safe_infer(element)
    }

    fn any_metaclass(&self, class: Node<'t>) -> bool {
        match self.inferrer.mro(class) {
            Some(mro) => mro.iter().any(|ancestor| match ancestor {
                super::infer::ClassRef::Local(node) => super::infer::has_metaclass_keyword(self.source, *node),
                super::infer::ClassRef::Builtin(builtin) => builtin.name == "type",
            }),
            None => true,
        }
    }

    /// pylint's `is_inside_abstract_class`, taken broadly: a class around
    /// the node whose name says abstract, base or mixin, that has a method
    /// raising `NotImplementedError` or marked abstract, a metaclass, or a
    /// base not known here (`ABC`, `Protocol`).
    fn inside_abstract_class(&self, node: Node<'t>) -> bool {
        let mut current = node.parent();
        while let Some(ancestor) = current {
            if ancestor.kind_id() == CLASS_DEFINITION && self.may_be_abstract(ancestor) {
                return true;
            }
            current = ancestor.parent();
        }
        false
    }

    fn may_be_abstract(&self, class: Node<'t>) -> bool {
        let name = class.child_by_field_id(FIELD_NAME).map(|name| self.text(name).to_lowercase()).unwrap_or_default();
        if name.starts_with("abstract") || name.starts_with("base") || name.ends_with("base") || name.ends_with("mixin") {
            return true;
        }
        if self.any_metaclass(class) {
            return true;
        }
        let Some(body) = class.child_by_field_id(FIELD_BODY) else { return false };
        code_children(body).map(crate::syntax::undecorated).filter(|s| s.kind_id() == FUNCTION_DEFINITION).any(|method| {
            super::summary::first_statement_raises_not_implemented(self.source, method)
                || self.inferrer.decorator_names(method).iter().any(|d| d == "abstractmethod" || d == "abstractproperty")
        })
    }
}

/// The value of an assignment chain's last link.
fn innermost_value(assignment: Node) -> Option<Node> {
    let mut value = assignment.child_by_field_id(FIELD_RIGHT)?;
    while value.kind_id() == ASSIGNMENT {
        value = value.child_by_field_id(FIELD_RIGHT)?;
    }
    let _ = assigned_value;
    Some(value)
}

/// astroid's `as_string()` of a name, or of attributes and integer
/// subscripts of one (`self.a.b`, `x[1]`); `None` for anything else.
fn dotted_text(source: &str, node: Node) -> Option<String> {
    let node = strip_parens(node);
    match node.kind_id() {
        IDENTIFIER => Some(node_text(source, node).to_string()),
        ATTRIBUTE => {
            let object = dotted_text(source, node.child_by_field_id(FIELD_OBJECT)?)?;
            let name = node_text(source, node.child_by_field_id(FIELD_ATTRIBUTE)?);
            Some(format!("{object}.{name}"))
        }
        SUBSCRIPT => {
            let object = dotted_text(source, node.child_by_field_id(FIELD_VALUE)?)?;
            let index = strip_parens(node.child_by_field_id(FIELD_SUBSCRIPT)?);
            let index_text = node_text(source, index);
            (index.kind_id() == INTEGER && index_text.bytes().all(|b| b.is_ascii_digit())).then(|| format!("{object}[{index_text}]"))
        }
        // Only an argument-free call renders the same as astroid's `as_string()`.
        CALL => {
            let arguments = node.child_by_field_id(FIELD_ARGUMENTS)?;
            if arguments.kind_id() != ARGUMENT_LIST || code_children(arguments).next().is_some() {
                return None;
            }
            Some(format!("{}()", dotted_text(source, node.child_by_field_id(FIELD_FUNCTION)?)?))
        }
        _ => None,
    }
}

/// astroid's `as_string()` of simple literals (names, decimal integers,
/// plain strings, `None`/`True`/`False`, and displays of them).
fn render(source: &str, node: Node) -> Option<String> {
    let node = strip_parens(node);
    let text = node_text(source, node);
    match node.kind_id() {
        IDENTIFIER | NONE | TRUE | FALSE => Some(text.to_string()),
        INTEGER if text.bytes().all(|b| b.is_ascii_digit()) && (text == "0" || !text.starts_with('0')) => Some(text.to_string()),
        STRING => {
            let content = super::summary::plain_string(source, node)?;
            (!content.contains('\'') && !content.contains('"') && !content.contains('\n')).then(|| format!("'{content}'"))
        }
        TUPLE | EXPRESSION_LIST | LIST | SET => {
            let elements: Option<Vec<String>> = code_children(node).map(|element| render(source, element)).collect();
            let elements = elements?;
            Some(match node.kind_id() {
                LIST => format!("[{}]", elements.join(", ")),
                SET => format!("{{{}}}", elements.join(", ")),
                _ if elements.len() == 1 => format!("({}, )", elements[0]),
                _ => format!("({})", elements.join(", ")),
            })
        }
        _ => None,
    }
}

/// Whether a subscript is read (astroid's `Load` context), not stored to
/// or deleted.
fn is_load(subscript: Node) -> bool {
    let mut child = subscript;
    while let Some(parent) = child.parent() {
        match parent.kind_id() {
            PARENTHESIZED_EXPRESSION | TUPLE | LIST | PATTERN_LIST | TUPLE_PATTERN | LIST_PATTERN | LIST_SPLAT | LIST_SPLAT_PATTERN
            | EXPRESSION_LIST => child = parent,
            ASSIGNMENT | AUGMENTED_ASSIGNMENT | FOR_STATEMENT | FOR_IN_CLAUSE => {
                return parent.child_by_field_id(FIELD_LEFT) != Some(child);
            }
            DELETE_STATEMENT | AS_PATTERN_TARGET => return false,
            _ => return true,
        }
    }
    true
}

/// Inside `if TYPE_CHECKING:` (or `typing.TYPE_CHECKING`).
fn in_type_checking_block(source: &str, node: Node) -> bool {
    let mut current = node.parent();
    while let Some(ancestor) = current {
        if ancestor.kind_id() == IF_STATEMENT {
            let condition = ancestor.child_by_field_id(FIELD_CONDITION).map(|c| node_text(source, c));
            if condition.is_some_and(|text| text == "TYPE_CHECKING" || text.ends_with(".TYPE_CHECKING")) {
                return true;
            }
        }
        current = ancestor.parent();
    }
    false
}
