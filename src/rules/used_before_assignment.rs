use super::prelude::*;
use super::unreachable::{call_never_returns, Purpose, Tri};
use super::context::FlowFinding;
use crate::semantic::flow::{self, Answer, Finding, Oracle, Verdict};
use crate::syntax::Position;
use crate::semantic::{Binding, ScopeId};

declare_rule! {
    /// ## What it does
    /// Checks for names read before any binding of them can have run: a
    /// local read above its assignment, a module-level function called
    /// above its `def`, a name bound only in an `except` clause or a `try`
    /// body that the read may run without, or only under an `if` whose test
    /// is always false.
    ///
    /// The analysis is pylint's name consumption: within a scope only the
    /// first read of a name is checked. An `if` test counts as always false
    /// when it is built from literals, names bound only to literals,
    /// `TYPE_CHECKING`, `sys.platform`, attributes of `self` set only to
    /// literals, or calls of module functions returning only literals.
    /// Tests whose value is inferred in other ways (calls of functions
    /// whose results depend on their arguments, `hasattr` on modules or
    /// `self`, imported constants) are not decided, and reads that depend
    /// on them are not reported. A call of an imported function or of a
    /// method of another object is taken not to be a constant.
    ///
    /// ## Why is this bad?
    /// The read raises `NameError` (or `UnboundLocalError`) when it runs
    /// before the binding.
    ///
    /// ## Example
    /// ```python
    /// def total(prices):
    ///     print(count)
    ///     count = len(prices)
    ///     return sum(prices)
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// def total(prices):
    ///     count = len(prices)
    ///     print(count)
    ///     return sum(prices)
    /// ```
    code: "E0601",
    symbol: "used-before-assignment",
    category: Error,
    checker: "variables",
    trigger: Trigger::Module(check),
}

fn check(ctx: &mut Context) {
    for finding in findings(ctx, Verdict::UsedBeforeAssignment) {
        ctx.report_at(finding.start, finding.end, format!("Using variable '{}' before assignment", finding.name));
    }
}

/// The flow analysis's findings with `verdict` for this module, with
/// inference answered from the syntax, the semantic model and the imported
/// modules. The analysis runs once per module for both of its messages.
pub(crate) fn findings(ctx: &Context, verdict: Verdict) -> Vec<FlowFinding> {
    let all = ctx.flow_findings.get_or_init(|| {
        let oracle = FlowOracle { ctx, inferred_tests: Default::default() };
        let position = |point: tree_sitter::Point| Position { line: point.row as u32, column: point.column as u32 };
        flow::analyze(ctx.source, ctx.module.root(), ctx.semantic, &oracle)
            .into_iter()
            .map(|Finding { identifier, name, verdict }| FlowFinding {
                start: position(identifier.start_position()),
                end: position(identifier.end_position()),
                name: name.to_string(),
                verdict,
            })
            .collect()
    });
    all.iter().filter(|finding| finding.verdict == verdict).cloned().collect()
}

/// The reads pylint checks for cell-var-from-loop, from the same analysis
/// with the same inference.
pub(crate) fn late_binding_checked_reads<'t>(ctx: &Context<'_, 't>) -> Vec<Node<'t>> {
    let oracle = FlowOracle { ctx, inferred_tests: Default::default() };
    flow::late_binding_checked_reads(ctx.source, ctx.module.root(), ctx.semantic, &oracle)
}

struct FlowOracle<'c, 'a, 't> {
    ctx: &'c Context<'a, 't>,
    /// What each `if` test inferred to: the analysis asks about the same
    /// test for every read of every name bound under it.
    inferred_tests: std::cell::RefCell<crate::syntax::NodeMap<std::rc::Rc<Inferred>>>,
}

impl<'t> FlowOracle<'_, '_, 't> {
    fn infer_test(&self, test: Node<'t>) -> std::rc::Rc<Inferred> {
        if let Some(known) = self.inferred_tests.borrow().get(&test.id()) {
            return known.clone();
        }
        let inferred = std::rc::Rc::new(Inference { ctx: self.ctx }.infer(test, 0));
        self.inferred_tests.borrow_mut().insert(test.id(), inferred.clone());
        inferred
    }
}

impl<'t> Oracle<'t> for FlowOracle<'_, '_, 't> {
    fn is_terminating_call(&self, call: Node<'t>) -> Answer {
        match call_never_returns(self.ctx, call, Purpose::Unreachable, None) {
            Tri::Yes => Answer::Yes,
            Tri::Maybe => Answer::Maybe,
            Tri::No => Answer::No,
        }
    }

    fn test_is_always_false(&self, test: Node<'t>) -> Answer {
        let inferred = self.infer_test(test);
        if inferred.non_const {
            return Answer::No;
        }
        if inferred.unknown {
            return Answer::Maybe;
        }
        // No value at all: astroid's inference failed, and pylint searches both branches.
        if !inferred.values.is_empty() && inferred.values.iter().all(|value| !value.truthy()) {
            Answer::Yes
        } else {
            Answer::No
        }
    }

    fn tests_infer_same_constants(&self, first: Node<'t>, second: Node<'t>) -> Answer {
        let (a, b) = (self.infer_test(first), self.infer_test(second));
        if a.non_const || b.non_const {
            return Answer::No;
        }
        if a.unknown || b.unknown {
            return Answer::Maybe;
        }
        let same = !a.values.is_empty()
            && a.values.len() == b.values.len()
            && a.values.iter().all(|value| b.values.contains(value))
            && b.values.iter().all(|value| a.values.contains(value));
        if same {
            Answer::Yes
        } else {
            Answer::No
        }
    }

    fn star_imported_names(&self, statement: Node<'t>) -> Option<Vec<String>> {
        use crate::semantic::summary::star_import_names;
        let module_name = statement.child_by_field_id(FIELD_MODULE_NAME)?;
        let written = self.ctx.text(module_name);
        let level = written.chars().take_while(|&c| c == '.').count();
        let (path, index) = self.ctx.imports?;
        let module = index.import(path, level, written[level..].trim())?;
        star_import_names(index, &module)
    }
}

/// A constant astroid can infer.
#[derive(Clone, Debug, PartialEq)]
enum Const {
    Bool(bool),
    Int(i128),
    Float(f64),
    Str(String),
    None,
}

impl Const {
    fn truthy(&self) -> bool {
        match self {
            Const::Bool(value) => *value,
            Const::Int(value) => *value != 0,
            Const::Float(value) => *value != 0.0,
            Const::Str(value) => !value.is_empty(),
            Const::None => false,
        }
    }

    fn as_int(&self) -> Option<i128> {
        match self {
            Const::Bool(value) => Some(*value as i128),
            Const::Int(value) => Some(*value),
            _ => None,
        }
    }

    fn as_float(&self) -> Option<f64> {
        match self {
            Const::Float(value) => Some(*value),
            _ => self.as_int().map(|value| value as f64),
        }
    }
}

/// What astroid infers for an expression, as far as this model tells:
/// `values` are the constants it yields; `non_const` is set when it also
/// yields something that is not a constant (or cannot infer it);
/// `unknown` when the model cannot tell.
#[derive(Default, Debug)]
struct Inferred {
    values: Vec<Const>,
    non_const: bool,
    unknown: bool,
}

impl Inferred {
    fn value(value: Const) -> Inferred {
        Inferred { values: vec![value], ..Inferred::default() }
    }

    fn non_const() -> Inferred {
        Inferred { non_const: true, ..Inferred::default() }
    }

    fn unknown() -> Inferred {
        Inferred { unknown: true, ..Inferred::default() }
    }

    fn merge(&mut self, other: Inferred) {
        self.values.extend(other.values);
        self.non_const |= other.non_const;
        self.unknown |= other.unknown;
    }

    /// Applies `operation` to every pair of values, as astroid does for
    /// binary forms; any non-constant operand makes the result non-constant.
    fn pairwise(left: Inferred, right: Inferred, operation: impl Fn(&Const, &Const) -> Option<Const>) -> Inferred {
        if left.non_const || right.non_const {
            return Inferred::non_const();
        }
        if left.unknown || right.unknown {
            return Inferred::unknown();
        }
        let mut result = Inferred::default();
        for a in &left.values {
            for b in &right.values {
                match operation(a, b) {
                    Some(value) => result.values.push(value),
                    None => result.non_const = true,
                }
            }
        }
        result
    }
}

/// The values a few stdlib module attributes have for astroid (built from
/// the running interpreter: Linux, CPython 3.11).
fn module_attribute(module: &str, attribute: &str) -> Option<Inferred> {
    match (module, attribute) {
        ("sys", "platform") => Some(Inferred::value(Const::Str("linux".into()))),
        ("sys", "maxsize") => Some(Inferred::value(Const::Int(i64::MAX as i128))),
        ("sys", "byteorder") => Some(Inferred::value(Const::Str("little".into()))),
        // Live objects that are not constants (lists, modules, files, ...).
        ("sys", "argv" | "path" | "modules" | "stdin" | "stdout" | "stderr" | "flags" | "version_info" | "implementation") => {
            Some(Inferred::non_const())
        }
        ("os", "altsep") => Some(Inferred::value(Const::None)),
        ("os", "sep") => Some(Inferred::value(Const::Str("/".into()))),
        // os.py assigns `name` in branches: astroid yields each value.
        ("os", "name") => Some(Inferred { values: vec![Const::Str("posix".into()), Const::Str("nt".into())], ..Inferred::default() }),
        _ => None,
    }
}

struct Inference<'c, 'a, 't> {
    ctx: &'c Context<'a, 't>,
}

impl<'t> Inference<'_, '_, 't> {
    fn infer(&self, node: Node<'t>, depth: u32) -> Inferred {
        if depth > 6 {
            return Inferred::unknown();
        }
        let node = strip_parens(node);
        match node.kind_id() {
            TRUE => Inferred::value(Const::Bool(true)),
            FALSE => Inferred::value(Const::Bool(false)),
            NONE => Inferred::value(Const::None),
            INTEGER => parse_integer(self.ctx.text(node)).map_or_else(Inferred::unknown, |value| Inferred::value(Const::Int(value))),
            FLOAT => self
                .ctx
                .text(node)
                .replace('_', "")
                .parse::<f64>()
                .map_or_else(|_| Inferred::unknown(), |value| Inferred::value(Const::Float(value))),
            STRING => self.string(node).map_or_else(Inferred::unknown, |value| Inferred::value(Const::Str(value))),
            NOT_OPERATOR => {
                let Some(argument) = node.child_by_field_id(FIELD_ARGUMENT) else { return Inferred::unknown() };
                let inner = self.infer(argument, depth + 1);
                Inferred {
                    values: inner.values.iter().map(|value| Const::Bool(!value.truthy())).collect(),
                    non_const: inner.non_const,
                    unknown: inner.unknown,
                }
            }
            BOOLEAN_OPERATOR => {
                let (Some(left), Some(right)) = (node.child_by_field_id(FIELD_LEFT), node.child_by_field_id(FIELD_RIGHT)) else {
                    return Inferred::unknown();
                };
                let is_and = node.child_by_field_id(FIELD_OPERATOR).is_some_and(|op| self.ctx.text(op) == "and");
                Inferred::pairwise(self.infer(left, depth + 1), self.infer(right, depth + 1), |a, b| {
                    Some(if is_and == a.truthy() { b.clone() } else { a.clone() })
                })
            }
            COMPARISON_OPERATOR => self.comparison(node, depth),
            IDENTIFIER => self.name(node, depth),
            ATTRIBUTE => self.attribute(node, depth),
            CALL => self.call(node, depth),
            NAMED_EXPRESSION => match node.child_by_field_id(FIELD_VALUE) {
                Some(value) => self.infer(value, depth + 1),
                None => Inferred::unknown(),
            },
            CONDITIONAL_EXPRESSION => {
                let mut result = Inferred::default();
                for (index, part) in code_children(node).enumerate() {
                    if index != 1 {
                        result.merge(self.infer(part, depth + 1));
                    }
                }
                if result.non_const { Inferred::non_const() } else { Inferred::unknown() }
            }
            BINARY_OPERATOR => {
                let (Some(left), Some(right)) = (node.child_by_field_id(FIELD_LEFT), node.child_by_field_id(FIELD_RIGHT)) else {
                    return Inferred::unknown();
                };
                let operator = node.child_by_field_id(FIELD_OPERATOR).map(|op| self.ctx.text(op)).unwrap_or("");
                let result = Inferred::pairwise(self.infer(left, depth + 1), self.infer(right, depth + 1), |a, b| arithmetic(a, b, operator));
                // An operation not modelled here is not known to fail.
                if result.non_const && !result.values.is_empty() { Inferred::unknown() } else { result }
            }
            UNARY_OPERATOR => {
                let Some(argument) = node.child_by_field_id(FIELD_ARGUMENT) else { return Inferred::unknown() };
                let operator = node.child_by_field_id(FIELD_OPERATOR).map(|op| self.ctx.text(op)).unwrap_or("");
                let inner = self.infer(argument, depth + 1);
                if inner.non_const || inner.unknown {
                    return inner;
                }
                let mut result = Inferred::default();
                for value in &inner.values {
                    match (operator, value) {
                        ("-", Const::Float(x)) => result.values.push(Const::Float(-x)),
                        ("+", Const::Float(x)) => result.values.push(Const::Float(*x)),
                        (_, other) => match (operator, other.as_int()) {
                            ("-", Some(x)) => result.values.push(Const::Int(-x)),
                            ("+", Some(x)) => result.values.push(Const::Int(x)),
                            ("~", Some(x)) => result.values.push(Const::Int(!x)),
                            _ => result.unknown = true,
                        },
                    }
                }
                result
            }
            SUBSCRIPT => {
                let mut operands = Inferred::default();
                for operand in code_children(node) {
                    operands.merge(self.infer(operand, depth + 1));
                }
                if operands.non_const { Inferred::non_const() } else { Inferred::unknown() }
            }
            LIST | TUPLE | SET | DICTIONARY | LIST_COMPREHENSION | SET_COMPREHENSION | DICTIONARY_COMPREHENSION
            | GENERATOR_EXPRESSION | LAMBDA | AWAIT | CONCATENATED_STRING => Inferred::non_const(),
            _ => Inferred::unknown(),
        }
    }

    /// A plain string literal's value (f-strings are not constants; escapes are not modelled).
    fn string(&self, node: Node<'t>) -> Option<String> {
        let prefix = syntax::string_prefix(self.ctx.source, node).to_ascii_lowercase();
        if prefix.contains('f') || prefix.contains('b') {
            return None;
        }
        let mut value = String::new();
        for child in code_children(node) {
            match child.kind_id() {
                STRING_START | STRING_END => {}
                STRING_CONTENT => {
                    let text = self.ctx.text(child);
                    if text.contains('\\') && !prefix.contains('r') {
                        return None;
                    }
                    value.push_str(text);
                }
                _ => return None,
            }
        }
        Some(value)
    }

    fn comparison(&self, node: Node<'t>, depth: u32) -> Inferred {
        let operands: Vec<Node<'t>> = code_children(node).collect();
        let operators: Vec<&str> = node.children().filter(|child| !child.is_named()).map(|child| self.ctx.text(child)).collect();
        let operator = operators.join(" ");
        let [left, right] = operands[..] else {
            // Chains (`a < b < c`) are not evaluated.
            let mut all = Inferred::default();
            for operand in operands {
                all.merge(self.infer(operand, depth + 1));
            }
            return if all.non_const { Inferred::non_const() } else { Inferred::unknown() };
        };
        if matches!(operator.as_str(), "is" | "is not") {
            // astroid does not infer identity comparisons.
            return Inferred::non_const();
        }
        let left_inferred = self.infer(left, depth + 1);
        if matches!(operator.as_str(), "in" | "not in") {
            let negate = operator == "not in";
            if left_inferred.non_const {
                return Inferred::non_const();
            }
            if let Some(elements) = self.literal_elements(right) {
                if left_inferred.unknown {
                    return Inferred::unknown();
                }
                let values = left_inferred.values.iter().map(|value| Const::Bool(elements.contains(value) != negate)).collect();
                return Inferred { values, ..Inferred::default() };
            }
            let right_inferred = self.infer(right, depth + 1);
            return Inferred::pairwise(left_inferred, right_inferred, |a, b| match (a, b) {
                (Const::Str(needle), Const::Str(haystack)) => Some(Const::Bool(haystack.contains(needle.as_str()) != negate)),
                _ => None,
            });
        }
        let right_inferred = self.infer(right, depth + 1);
        Inferred::pairwise(left_inferred, right_inferred, |a, b| compare(a, b, &operator).map(Const::Bool))
    }

    /// The constants of a tuple/list/set literal of constants.
    fn literal_elements(&self, node: Node<'t>) -> Option<Vec<Const>> {
        let node = strip_parens(node);
        if !matches!(node.kind_id(), TUPLE | LIST | SET) {
            return None;
        }
        code_children(node)
            .map(|element| {
                let inferred = self.infer(element, 6);
                match (inferred.non_const, inferred.unknown, &inferred.values[..]) {
                    (false, false, [value]) => Some(value.clone()),
                    _ => None,
                }
            })
            .collect()
    }

    fn name(&self, node: Node<'t>, depth: u32) -> Inferred {
        let name = self.ctx.text(node);
        let semantic = self.ctx.semantic;
        let scope = semantic.enclosing_scope(node);
        let Some(resolved) = semantic.resolve(scope, name) else {
            return match name {
                "__debug__" => Inferred::value(Const::Bool(true)),
                _ => Inferred::non_const(),
            };
        };
        let bindings: Vec<&Binding<'t>> = self.reaching_bindings(node, scope, resolved, name);
        let mut result = Inferred::default();
        for binding in bindings {
            result.merge(self.binding(binding, depth));
            if result.non_const {
                break;
            }
        }
        if result.values.is_empty() && !result.non_const && !result.unknown {
            return Inferred::unknown();
        }
        result
    }

    /// The bindings astroid's lookup keeps for a read: in the read's own
    /// scope, those whose statement does not start after the read's.
    fn reaching_bindings(&self, read: Node<'t>, scope: ScopeId, resolved: ScopeId, name: &str) -> Vec<&Binding<'t>> {
        let semantic = self.ctx.semantic;
        let read_line = read.start_position().row;
        semantic
            .bindings_of(resolved, name)
            .filter(|binding| resolved != scope || binding.statement.start_position().row <= read_line)
            .collect()
    }

    fn binding(&self, binding: &Binding<'t>, depth: u32) -> Inferred {
        match binding.kind {
            BindingKind::Assignment => {
                let Some(parent) = binding.identifier.parent() else { return Inferred::unknown() };
                if matches!(parent.kind_id(), PATTERN_LIST | TUPLE_PATTERN | TUPLE) {
                    return self.unpacked(parent, binding.identifier, depth);
                }
                let Some(assignment) = Some(parent).filter(|parent| parent.kind_id() == ASSIGNMENT) else {
                    // `x += ...` and nested unpacking: not modelled.
                    return Inferred::unknown();
                };
                if assignment.child_by_field_id(FIELD_LEFT) != Some(binding.identifier) {
                    return Inferred::unknown();
                }
                let mut value = assignment.child_by_field_id(FIELD_RIGHT);
                while let Some(inner) = value.filter(|v| v.kind_id() == ASSIGNMENT) {
                    value = inner.child_by_field_id(FIELD_RIGHT);
                }
                match value {
                    Some(value) => self.infer(value, depth + 1),
                    None => Inferred::unknown(),
                }
            }
            // `x: int` has no value.
            BindingKind::Annotation => Inferred::default(),
            BindingKind::NamedExpression => match binding.identifier.parent().and_then(|walrus| walrus.child_by_field_id(FIELD_VALUE)) {
                Some(value) => self.infer(value, depth + 1),
                None => Inferred::unknown(),
            },
            BindingKind::Import => {
                if binding.name == "TYPE_CHECKING" && self.ctx.text(binding.statement).contains("typing") {
                    return Inferred::value(Const::Bool(false));
                }
                if binding.statement.kind_id() == IMPORT_STATEMENT {
                    // A module object.
                    Inferred::non_const()
                } else {
                    Inferred::unknown()
                }
            }
            BindingKind::FunctionDef | BindingKind::ClassDef => Inferred::non_const(),
            // Parameters, loop and `with` targets, handlers, captures: astroid
            // yields Uninferable among their values.
            _ => Inferred::non_const(),
        }
    }

    /// `a, b = 1, 2`: the element at the target's position; other
    /// right-hand sides are taken not to unpack to constants.
    fn unpacked(&self, targets: Node<'t>, identifier: Node<'t>, depth: u32) -> Inferred {
        let Some(assignment) = targets.parent().filter(|parent| parent.kind_id() == ASSIGNMENT && parent.child_by_field_id(FIELD_LEFT) == Some(targets)) else {
            return Inferred::unknown();
        };
        let Some(value) = assignment.child_by_field_id(FIELD_RIGHT).map(strip_parens) else { return Inferred::unknown() };
        let target_list: Vec<Node<'t>> = code_children(targets).collect();
        if target_list.iter().any(|target| target.kind_id() != IDENTIFIER) {
            return Inferred::unknown();
        }
        if !matches!(value.kind_id(), EXPRESSION_LIST | TUPLE | LIST) {
            return Inferred::non_const();
        }
        let values: Vec<Node<'t>> = code_children(value).collect();
        if values.len() != target_list.len() || values.iter().any(|v| matches!(v.kind_id(), LIST_SPLAT | PARENTHESIZED_LIST_SPLAT)) {
            return Inferred::unknown();
        }
        match target_list.iter().position(|target| *target == identifier) {
            Some(index) => self.infer(values[index], depth + 1),
            None => Inferred::unknown(),
        }
    }

    fn attribute(&self, node: Node<'t>, depth: u32) -> Inferred {
        let (Some(object), Some(attribute)) = (node.child_by_field_id(FIELD_OBJECT), node.child_by_field_id(FIELD_ATTRIBUTE)) else {
            return Inferred::unknown();
        };
        let object = strip_parens(object);
        let attribute_name = self.ctx.text(attribute);
        if attribute_name == "TYPE_CHECKING" && object.kind_id() == IDENTIFIER && self.ctx.text(object) == "typing" {
            return Inferred::value(Const::Bool(false));
        }
        if object.kind_id() != IDENTIFIER {
            // Attributes of computed objects: astroid rarely gets a constant.
            return Inferred::non_const();
        }
        let object_name = self.ctx.text(object);
        let semantic = self.ctx.semantic;
        let scope = semantic.enclosing_scope(object);
        let Some(resolved) = semantic.resolve(scope, object_name) else { return Inferred::non_const() };
        let bindings: Vec<&Binding<'t>> = semantic.bindings_of(resolved, object_name).collect();
        let [binding] = bindings[..] else {
            let maybe_constant_holder =
                bindings.iter().any(|binding| matches!(binding.kind, BindingKind::Import | BindingKind::ClassDef));
            return if maybe_constant_holder { Inferred::unknown() } else { Inferred::non_const() };
        };
        match binding.kind {
            BindingKind::Import => {
                let imports_module = binding.statement.kind_id() == IMPORT_STATEMENT
                    && self.ctx.text(binding.statement).split(&[' ', ','][..]).any(|word| word == object_name);
                if imports_module {
                    if let Some(inferred) = module_attribute(object_name, attribute_name) {
                        return inferred;
                    }
                }
                Inferred::unknown()
            }
            BindingKind::Parameter => {
                if self.is_self_parameter(binding) {
                    self.self_attribute(binding, attribute_name, depth)
                } else {
                    Inferred::non_const()
                }
            }
            // A class's attributes may be constants.
            BindingKind::ClassDef => Inferred::unknown(),
            // Attributes of variables: taken not to be constants.
            _ => Inferred::non_const(),
        }
    }

    /// The first parameter of a function defined directly in a class body.
    fn is_self_parameter(&self, binding: &Binding<'t>) -> bool {
        let scope = self.ctx.semantic.scope(binding.scope);
        if scope.kind != ScopeKind::Function {
            return false;
        }
        let in_class = scope.parent.is_some_and(|parent| self.ctx.semantic.scope(parent).kind == ScopeKind::Class);
        let first = scope
            .node
            .child_by_field_id(FIELD_PARAMETERS)
            .and_then(|parameters| code_children(parameters).next());
        in_class && first == Some(binding.identifier) && !syntax::is_async(scope.node)
    }

    /// An attribute of `self`: every `self.<attribute> = value` in the
    /// class's methods and every `<attribute> = value` in its body.
    fn self_attribute(&self, binding: &Binding<'t>, attribute: &str, depth: u32) -> Inferred {
        let semantic = self.ctx.semantic;
        let Some(class_scope) = semantic.scope(binding.scope).parent else { return Inferred::unknown() };
        let class = semantic.scope(class_scope).node;
        if has_bases(self.ctx, class) {
            // Inherited attributes are not followed.
            return Inferred::unknown();
        }
        let mut result = Inferred::default();
        for class_binding in semantic.bindings_of(class_scope, attribute) {
            result.merge(self.binding(class_binding, depth + 1));
        }
        let mut values = Vec::new();
        syntax::walk(class, |child| {
            if child.kind_id() == ASSIGNMENT {
                if let Some(left) = child.child_by_field_id(FIELD_LEFT) {
                    let is_target = left.kind_id() == ATTRIBUTE
                        && left.child_by_field_id(FIELD_ATTRIBUTE).is_some_and(|name| self.ctx.text(name) == attribute)
                        && left.child_by_field_id(FIELD_OBJECT).is_some_and(|object| self.ctx.text(object) == "self");
                    if is_target {
                        values.push(child.child_by_field_id(FIELD_RIGHT));
                    }
                }
            } else if child.kind_id() == AUGMENTED_ASSIGNMENT || child.kind_id() == PATTERN_LIST {
                if self.ctx.text(child).contains(&format!("self.{attribute}")) {
                    values.push(None);
                }
            }
            true
        });
        for value in values {
            match value {
                Some(value) => result.merge(self.infer(value, depth + 1)),
                None => result.unknown = true,
            }
        }
        if result.values.is_empty() && !result.non_const && !result.unknown {
            // astroid finds no such attribute: inference fails, both branches count.
            return Inferred::non_const();
        }
        result
    }

    fn call(&self, node: Node<'t>, depth: u32) -> Inferred {
        let Some(function) = node.child_by_field_id(FIELD_FUNCTION).map(strip_parens) else { return Inferred::unknown() };
        let arguments: Vec<Node<'t>> = node
            .child_by_field_id(FIELD_ARGUMENTS)
            .map(|arguments| code_children(arguments).collect())
            .unwrap_or_default();
        match function.kind_id() {
            IDENTIFIER => {
                let name = self.ctx.text(function);
                let semantic = self.ctx.semantic;
                let scope = semantic.enclosing_scope(function);
                match semantic.resolve(scope, name) {
                    None => self.builtin_call(name, &arguments, depth),
                    Some(resolved) => {
                        let bindings: Vec<&Binding<'t>> = semantic.bindings_of(resolved, name).collect();
                        match bindings[..] {
                            [binding] if binding.kind == BindingKind::FunctionDef => match binding.identifier.parent() {
                                Some(definition) => self.function_result(definition, depth),
                                None => Inferred::unknown(),
                            },
                            [binding] if binding.kind == BindingKind::ClassDef => Inferred::non_const(),
                            // Imported functions are taken to return non-constants.
                            [binding] if binding.kind == BindingKind::Import => Inferred::non_const(),
                            [binding] if binding.kind == BindingKind::Parameter => Inferred::non_const(),
                            _ => Inferred::unknown(),
                        }
                    }
                }
            }
            ATTRIBUTE => {
                let object = function.child_by_field_id(FIELD_OBJECT).map(strip_parens);
                let method = function.child_by_field_id(FIELD_ATTRIBUTE).map(|name| self.ctx.text(name));
                if let (Some(object), Some(method)) = (object, method) {
                    if object.kind_id() == IDENTIFIER {
                        let semantic = self.ctx.semantic;
                        let scope = semantic.enclosing_scope(object);
                        let object_name = self.ctx.text(object);
                        let self_binding = semantic
                            .resolve(scope, object_name)
                            .and_then(|resolved| semantic.bindings_of(resolved, object_name).next())
                            .filter(|binding| binding.kind == BindingKind::Parameter && self.is_self_parameter(binding));
                        if let Some(binding) = self_binding {
                            return self.method_result(binding.scope, method, depth);
                        }
                    }
                }
                // Methods of other objects are taken to return non-constants.
                Inferred::non_const()
            }
            _ => Inferred::non_const(),
        }
    }

    /// Calls of builtins, as astroid's brain infers them.
    fn builtin_call(&self, name: &str, arguments: &[Node<'t>], depth: u32) -> Inferred {
        let first = arguments.first().copied().map(strip_parens);
        let first_uninferable = first.is_some_and(|argument| self.likely_uninferable(argument));
        match name {
            "len" => {
                let Some(argument) = first else { return Inferred::non_const() };
                if matches!(argument.kind_id(), LIST | TUPLE | SET | DICTIONARY) {
                    let count = code_children(argument).count() as i128;
                    let spread = code_children(argument).any(|e| matches!(e.kind_id(), LIST_SPLAT | DICTIONARY_SPLAT));
                    return if spread { Inferred::unknown() } else { Inferred::value(Const::Int(count)) };
                }
                if let Some(Const::Str(text)) = self.infer(argument, depth + 1).values.first().filter(|_| argument.kind_id() == STRING) {
                    return Inferred::value(Const::Int(text.chars().count() as i128));
                }
                // astroid measures literal containers and constant strings,
                // also through names; anything else has no length it knows.
                if first_uninferable || !self.may_hold_sized_literal(argument, depth) {
                    Inferred::non_const()
                } else {
                    Inferred::unknown()
                }
            }
            // `str(x)` falls back to `""` when x is not a constant.
            "str" => {
                let Some(argument) = first else { return Inferred::value(Const::Str(String::new())) };
                if first_uninferable {
                    return Inferred::value(Const::Str(String::new()));
                }
                let inferred = self.infer(argument, depth + 1);
                if inferred.unknown || inferred.non_const {
                    return Inferred::unknown();
                }
                let texts: Vec<Option<String>> = inferred
                    .values
                    .iter()
                    .map(|value| match value {
                        Const::Str(text) => Some(text.clone()),
                        Const::Int(number) => Some(number.to_string()),
                        Const::Bool(flag) => Some(if *flag { "True".into() } else { "False".into() }),
                        Const::None => Some("None".into()),
                        Const::Float(_) => None,
                    })
                    .collect();
                match texts.into_iter().collect::<Option<Vec<String>>>() {
                    Some(all) if !all.is_empty() && all.iter().all(|text| *text == all[0]) => Inferred::value(Const::Str(all[0].clone())),
                    Some(_) => Inferred::value(Const::Str(String::new())),
                    None => Inferred::unknown(),
                }
            }
            "int" => {
                let Some(argument) = first else { return Inferred::value(Const::Int(0)) };
                if first_uninferable {
                    return Inferred::non_const();
                }
                let inferred = self.infer(argument, depth + 1);
                match (&inferred.values[..], inferred.unknown || inferred.non_const) {
                    ([value], false) => match value {
                        Const::Int(number) => Inferred::value(Const::Int(*number)),
                        Const::Bool(flag) => Inferred::value(Const::Int(*flag as i128)),
                        Const::Str(text) => Inferred::value(Const::Int(text.trim().parse().unwrap_or(0))),
                        _ => Inferred::unknown(),
                    },
                    _ => Inferred::unknown(),
                }
            }
            "bool" | "hasattr" | "getattr" | "isinstance" | "issubclass" | "callable" => {
                if first_uninferable {
                    Inferred::non_const()
                } else {
                    Inferred::unknown()
                }
            }
            // Other builtins return instances or what astroid cannot infer.
            _ => Inferred::non_const(),
        }
    }

    /// Whether `node` may infer to a literal container or a string (what
    /// astroid's `len()` can measure).
    fn may_hold_sized_literal(&self, node: Node<'t>, depth: u32) -> bool {
        let node = strip_parens(node);
        match node.kind_id() {
            LIST | TUPLE | SET | DICTIONARY | STRING | CONCATENATED_STRING => true,
            IDENTIFIER => {
                let semantic = self.ctx.semantic;
                let name = self.ctx.text(node);
                let scope = semantic.enclosing_scope(node);
                let Some(resolved) = semantic.resolve(scope, name) else { return false };
                semantic.bindings_of(resolved, name).any(|binding| match binding.kind {
                    BindingKind::Assignment | BindingKind::NamedExpression => {
                        let value = binding.identifier.parent().and_then(|parent| parent.child_by_field_id(FIELD_RIGHT).or_else(|| parent.child_by_field_id(FIELD_VALUE)));
                        value.is_none_or(|value| depth > 4 || self.may_hold_sized_literal(value, depth + 1))
                    }
                    BindingKind::Import => true,
                    _ => false,
                })
            }
            // Attributes of modules, classes and `self` may be literals.
            ATTRIBUTE => node.child_by_field_id(FIELD_OBJECT).map(strip_parens).is_some_and(|object| {
                object.kind_id() == IDENTIFIER && {
                    let semantic = self.ctx.semantic;
                    let name = self.ctx.text(object);
                    let scope = semantic.enclosing_scope(object);
                    semantic.resolve(scope, name).is_some_and(|resolved| {
                        semantic.bindings_of(resolved, name).any(|binding| {
                            matches!(binding.kind, BindingKind::Import | BindingKind::ClassDef)
                                || (binding.kind == BindingKind::Parameter && self.is_self_parameter(binding))
                        })
                    })
                }
            }),
            _ => false,
        }
    }

    /// Whether astroid infers `node` to Uninferable: a parameter (not
    /// `self`), or an attribute, item or method result of one.
    fn likely_uninferable(&self, node: Node<'t>) -> bool {
        let node = strip_parens(node);
        match node.kind_id() {
            IDENTIFIER => {
                let semantic = self.ctx.semantic;
                let name = self.ctx.text(node);
                let scope = semantic.enclosing_scope(node);
                let Some(resolved) = semantic.resolve(scope, name) else { return false };
                let mut bindings = self.reaching_bindings(node, scope, resolved, name).into_iter().peekable();
                bindings.peek().is_some()
                    && bindings.all(|binding| binding.kind == BindingKind::Parameter && !self.is_self_parameter(binding))
            }
            ATTRIBUTE => node.child_by_field_id(FIELD_OBJECT).is_some_and(|object| self.likely_uninferable(object)),
            SUBSCRIPT => node.child_by_field_id(FIELD_VALUE).is_some_and(|value| self.likely_uninferable(value)),
            CALL => node
                .child_by_field_id(FIELD_FUNCTION)
                .filter(|function| function.kind_id() == ATTRIBUTE)
                .and_then(|function| function.child_by_field_id(FIELD_OBJECT))
                .is_some_and(|object| self.likely_uninferable(object)),
            _ => false,
        }
    }

    /// A method of the class of `method_scope`'s `self`, called without arguments that matter.
    fn method_result(&self, method_scope: ScopeId, method: &str, depth: u32) -> Inferred {
        let semantic = self.ctx.semantic;
        let Some(class_scope) = semantic.scope(method_scope).parent else { return Inferred::unknown() };
        let class = semantic.scope(class_scope).node;
        if has_bases(self.ctx, class) {
            return Inferred::unknown();
        }
        let bindings: Vec<&Binding<'t>> = semantic.bindings_of(class_scope, method).collect();
        match bindings[..] {
            [binding] if binding.kind == BindingKind::FunctionDef => match binding.identifier.parent() {
                Some(definition) => self.function_result(definition, depth),
                None => Inferred::unknown(),
            },
            [] => Inferred::non_const(),
            _ => Inferred::unknown(),
        }
    }

    /// What calling a function defined here yields: its `return` values.
    fn function_result(&self, definition: Node<'t>, depth: u32) -> Inferred {
        if syntax::is_async(definition) {
            return Inferred::non_const();
        }
        let Some(body) = definition.child_by_field_id(FIELD_BODY) else { return Inferred::unknown() };
        if definition.parent().is_some_and(|parent| parent.kind_id() == DECORATED_DEFINITION) {
            return Inferred::unknown();
        }
        let mut returns = Vec::new();
        let mut generator = false;
        syntax::walk(body, |child| match child.kind_id() {
            FUNCTION_DEFINITION | CLASS_DEFINITION | LAMBDA => false,
            YIELD => {
                generator = true;
                false
            }
            RETURN_STATEMENT => {
                returns.push(code_children(child).next());
                false
            }
            _ => true,
        });
        if generator || returns.is_empty() {
            return Inferred::non_const();
        }
        let parameters: Vec<&str> = self
            .ctx
            .semantic
            .scope_of(definition)
            .map(|scope| {
                self.ctx
                    .semantic
                    .scope(scope)
                    .bindings
                    .iter()
                    .filter(|(_, ids)| ids.iter().any(|id| self.ctx.semantic.binding(*id).kind == BindingKind::Parameter))
                    .map(|(name, _)| *name)
                    .collect()
            })
            .unwrap_or_default();
        let mut result = Inferred::default();
        for value in returns {
            match value {
                None => result.values.push(Const::None),
                Some(value) => {
                    // Values computed from the arguments depend on the call site.
                    let mut uses_parameter = false;
                    syntax::walk(value, |child| {
                        if child.kind_id() == IDENTIFIER && parameters.contains(&self.ctx.text(child)) {
                            uses_parameter = true;
                        }
                        !uses_parameter
                    });
                    if uses_parameter {
                        result.unknown = true;
                    } else {
                        result.merge(self.infer(value, depth + 1));
                    }
                }
            }
        }
        result
    }
}

/// Whether a class names bases other than `object` (inherited attributes are not followed).
fn has_bases(ctx: &Context, class: Node) -> bool {
    class
        .child_by_field_id(FIELD_SUPERCLASSES)
        .is_some_and(|bases| code_children(bases).any(|base| ctx.text(base) != "object"))
}

/// Python's binary operators on constants (`None` where not modelled or raising).
fn arithmetic(a: &Const, b: &Const, operator: &str) -> Option<Const> {
    if let (Some(x), Some(y)) = (a.as_int(), b.as_int()) {
        return match operator {
            "+" => x.checked_add(y).map(Const::Int),
            "-" => x.checked_sub(y).map(Const::Int),
            "*" => x.checked_mul(y).map(Const::Int),
            "//" if y != 0 => Some(Const::Int(floor_division(x, y))),
            "%" if y != 0 => Some(Const::Int(x - y * floor_division(x, y))),
            "**" if (0..128).contains(&y) => x.checked_pow(y as u32).map(Const::Int),
            "&" => Some(Const::Int(x & y)),
            "|" => Some(Const::Int(x | y)),
            "^" => Some(Const::Int(x ^ y)),
            "<<" if (0..100).contains(&y) => x.checked_shl(y as u32).map(Const::Int),
            ">>" if (0..128).contains(&y) => Some(Const::Int(x >> y)),
            "/" if y != 0 => Some(Const::Float(x as f64 / y as f64)),
            _ => None,
        };
    }
    if let (Some(x), Some(y)) = (a.as_float(), b.as_float()) {
        return match operator {
            "+" => Some(Const::Float(x + y)),
            "-" => Some(Const::Float(x - y)),
            "*" => Some(Const::Float(x * y)),
            "/" if y != 0.0 => Some(Const::Float(x / y)),
            _ => None,
        };
    }
    match (a, b, operator) {
        (Const::Str(x), Const::Str(y), "+") => Some(Const::Str(format!("{x}{y}"))),
        _ => None,
    }
}

fn floor_division(x: i128, y: i128) -> i128 {
    let quotient = x / y;
    if x % y != 0 && ((x < 0) != (y < 0)) {
        quotient - 1
    } else {
        quotient
    }
}

pub(crate) fn parse_integer(text: &str) -> Option<i128> {
    let cleaned: String = text.chars().filter(|c| *c != '_').collect::<String>().to_ascii_lowercase();
    if let Some(hex) = cleaned.strip_prefix("0x") {
        return i128::from_str_radix(hex, 16).ok();
    }
    if let Some(octal) = cleaned.strip_prefix("0o") {
        return i128::from_str_radix(octal, 8).ok();
    }
    if let Some(binary) = cleaned.strip_prefix("0b") {
        return i128::from_str_radix(binary, 2).ok();
    }
    cleaned.parse().ok()
}

/// Python's comparison of two constants (`None` where it raises or is not modelled).
fn compare(a: &Const, b: &Const, operator: &str) -> Option<bool> {
    let ordering = match (a, b) {
        (Const::Str(x), Const::Str(y)) => Some(x.cmp(y)),
        (Const::None, Const::None) if matches!(operator, "==" | "!=") => Some(std::cmp::Ordering::Equal),
        _ => match (a.as_int(), b.as_int()) {
            (Some(x), Some(y)) => Some(x.cmp(&y)),
            _ => match (a.as_float(), b.as_float()) {
                (Some(x), Some(y)) => x.partial_cmp(&y),
                _ => None,
            },
        },
    };
    match operator {
        "==" => Some(ordering == Some(std::cmp::Ordering::Equal)),
        "!=" => Some(ordering != Some(std::cmp::Ordering::Equal)),
        "<" => ordering.map(|o| o.is_lt()),
        "<=" => ordering.map(|o| o.is_le()),
        ">" => ordering.map(|o| o.is_gt()),
        ">=" => ordering.map(|o| o.is_ge()),
        _ => None,
    }
}
