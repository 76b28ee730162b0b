use super::prelude::*;
use crate::semantic::{Binding, ScopeId};
use std::collections::HashSet;

declare_rule! {
    /// ## What it does
    /// Checks for statements that follow a `return`, `raise`, `break` or
    /// `continue` in the same block, or a call that never returns
    /// (`sys.exit()`, `exit()`, `os._exit()`, a function annotated
    /// `NoReturn`/`Never`).
    ///
    /// ## Why is this bad?
    /// The statement can never run. Either it is dead code that misleads the
    /// reader, or the jump before it is a mistake.
    ///
    /// ## Example
    /// ```python
    /// def area(radius):
    ///     return 3.14159 * radius ** 2
    ///     print("computed")
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// def area(radius):
    ///     print("computed")
    ///     return 3.14159 * radius ** 2
    /// ```
    ///
    /// A bare `yield` right after the jump is allowed: it only marks the
    /// function as a generator.
    code: "W0101",
    symbol: "unreachable",
    category: Warning,
    checker: "basic",
    trigger: Trigger::Node(&[RETURN_STATEMENT, RAISE_STATEMENT, BREAK_STATEMENT, CONTINUE_STATEMENT, CALL], check),
}

fn check(ctx: &mut Context, node: Node) {
    let statement = if node.kind_id() == CALL {
        if call_never_returns(ctx, node, Purpose::Unreachable, None) != Tri::Yes {
            return;
        }
        let Some(statement) = enclosing_statement(node) else { return };
        statement
    } else {
        node
    };
    let Some(mut unreachable) = next_statement(statement) else { return };
    if is_bare_yield_statement(unreachable) {
        match next_statement(unreachable) {
            Some(after) => unreachable = after,
            None => return,
        }
    }
    ctx.report(syntax::undecorated(unreachable), "Unreachable code");
}

/// The statement astroid's `next_sibling` climbs to from an expression;
/// `None` where that statement has no siblings in astroid (an `elif` test, an
/// `except` clause's type).
fn enclosing_statement<'t>(node: Node<'t>) -> Option<Node<'t>> {
    let mut current = node.parent()?;
    loop {
        match current.kind_id() {
            ELIF_CLAUSE | EXCEPT_CLAUSE | BLOCK | MODULE => return None,
            kind if syntax::is_statement_kind(kind) => {
                return Some(match current.parent() {
                    Some(parent) if parent.kind_id() == DECORATED_DEFINITION => parent,
                    _ => current,
                });
            }
            _ => current = current.parent()?,
        }
    }
}

/// The statement after `statement` in the same block.
fn next_statement<'t>(statement: Node<'t>) -> Option<Node<'t>> {
    let parent = statement.parent()?;
    let next = parent
        .named_children()
        .skip_while(|sibling| sibling.id() != statement.id())
        .skip(1)
        .find(|sibling| sibling.kind_id() != COMMENT);
    next.filter(|candidate| syntax::is_statement_kind(candidate.kind_id()))
}

/// A `yield` expression on its own.
fn is_bare_yield_statement(statement: Node) -> bool {
    if statement.kind_id() != EXPRESSION_STATEMENT {
        return false;
    }
    let mut children = code_children(statement);
    let (Some(expression), None) = (children.next(), children.next()) else { return false };
    // astroid's `YieldFrom` is a `Yield` too.
    strip_parens(expression).kind_id() == YIELD
}

/// A three-valued answer, for what pylint decides by inference: `Maybe`
/// where the syntax and the semantic model cannot tell what inference sees.
/// Ordered so that `or` is `max` and `and` is `min` (Kleene logic).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Tri {
    No,
    Maybe,
    Yes,
}

impl Tri {
    pub(crate) fn from_bool(value: bool) -> Tri {
        if value {
            Tri::Yes
        } else {
            Tri::No
        }
    }

    pub(crate) fn and(self, other: Tri) -> Tri {
        self.min(other)
    }

    /// `any()`: stops at the first `Yes`.
    pub(crate) fn any<I: IntoIterator<Item = Tri>>(values: I) -> Tri {
        let mut result = Tri::No;
        for value in values {
            if value == Tri::Yes {
                return Tri::Yes;
            }
            result = result.max(value);
        }
        result
    }

    /// `all()`: stops at the first `No`.
    pub(crate) fn all<I: IntoIterator<Item = Tri>>(values: I) -> Tri {
        let mut result = Tri::Yes;
        for value in values {
            if value == Tri::No {
                return Tri::No;
            }
            result = result.min(value);
        }
        result
    }

    /// Every inferred value agrees: that answer; they disagree: `Maybe`.
    fn unanimous<I: IntoIterator<Item = Tri>>(values: I) -> Tri {
        let mut result: Option<Tri> = None;
        for value in values {
            result = match result {
                None => Some(value),
                Some(previous) if previous == value => Some(value),
                Some(_) => return Tri::Maybe,
            };
        }
        result.unwrap_or(Tri::No)
    }
}

/// Which of pylint's two never-returning tests applies.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Purpose {
    /// `utils.is_terminating_func` (unreachable).
    Unreachable,
    /// `is_terminating_func`, or a callee named in `never-returning-functions`
    /// or annotated with something named `NoReturn`/`Never`
    /// (inconsistent-return-statements).
    Returns,
}

/// What a callee is known to be, as far as never returning goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Verdicts {
    /// `utils.is_terminating_func` would say so.
    terminating: Tri,
    /// `_is_function_def_never_returning` would say so.
    never_returning: Tri,
}

impl Verdicts {
    const NO: Verdicts = Verdicts { terminating: Tri::No, never_returning: Tri::No };
    const MAYBE: Verdicts = Verdicts { terminating: Tri::Maybe, never_returning: Tri::Maybe };
}

/// Functions that never return, by the qualified name astroid infers.
const TERMINATING_QNAMES: &[&str] = &[
    "sys.exit",
    "os._exit",
    "posix._exit",
    "nt._exit",
    "builtins.exit",
    "builtins.quit",
    "typing.assert_never",
    "typing_extensions.assert_never",
];

/// Whether calling `call` never returns, by pylint's rule for `purpose`.
/// `noreturn_names`: names of the functions in this module annotated
/// `NoReturn`/`Never`; a method call by that name on something we cannot
/// infer is then `Maybe` instead of `No`.
pub(crate) fn call_never_returns(ctx: &Context, call: Node, purpose: Purpose, noreturn_names: Option<&HashSet<&str>>) -> Tri {
    let Some(function) = call.child_by_field_id(FIELD_FUNCTION).map(strip_parens) else { return Tri::No };
    // Walking up costs O(depth) per step in tree-sitter, and every call is
    // checked: decide from the callee alone first, as almost every call returns.
    let verdicts = callee_verdicts(ctx, function, false, noreturn_names, 0);
    let awaited_verdicts = callee_verdicts(ctx, function, true, noreturn_names, 0);
    if [verdicts.terminating, verdicts.never_returning, awaited_verdicts.terminating, awaited_verdicts.never_returning]
        .iter()
        .all(|verdict| *verdict == Tri::No)
    {
        return Tri::No;
    }
    let awaited = syntax::parent_skipping_parens(call).is_some_and(|parent| parent.kind_id() == AWAIT);
    let verdicts = if awaited { awaited_verdicts } else { verdicts };
    let terminating = if in_lambda_body(call) { Tri::No } else { verdicts.terminating };
    match purpose {
        Purpose::Unreachable => terminating,
        Purpose::Returns => terminating.max(verdicts.never_returning),
    }
}

/// astroid's `_is_in_lambda_body`: the call only runs when a lambda is called.
fn in_lambda_body<'t>(node: Node<'t>) -> bool {
    let mut child = node;
    while let Some(parent) = child.parent() {
        let kind = parent.kind_id();
        if syntax::is_statement_kind(kind) || kind == BLOCK || kind == MODULE {
            return false;
        }
        if kind == LAMBDA && parent.child_by_field_id(FIELD_BODY).is_some_and(|body| body.id() == child.id()) {
            return true;
        }
        child = parent;
    }
    false
}

fn callee_verdicts(ctx: &Context, callee: Node, awaited: bool, noreturn_names: Option<&HashSet<&str>>, depth: u32) -> Verdicts {
    if depth > 4 {
        return Verdicts::MAYBE;
    }
    match callee.kind_id() {
        IDENTIFIER => name_verdicts(ctx, callee, awaited, noreturn_names, depth),
        ATTRIBUTE => attribute_verdicts(ctx, callee, awaited, noreturn_names),
        _ => Verdicts::NO,
    }
}

fn name_verdicts(ctx: &Context, identifier: Node, awaited: bool, noreturn_names: Option<&HashSet<&str>>, depth: u32) -> Verdicts {
    let name = ctx.text(identifier);
    let scope = ctx.semantic.enclosing_scope(identifier);
    let Some(defined_in) = ctx.semantic.resolve(scope, name) else {
        // `exit` and `quit` are `_sitebuiltins.Quitter` instances.
        let quitter = matches!(name, "exit" | "quit") && crate::semantic::is_builtin_name(name);
        return Verdicts { terminating: Tri::from_bool(quitter), never_returning: Tri::No };
    };
    let bindings: Vec<&Binding> = ctx.semantic.bindings_of(defined_in, name).collect();
    let verdicts: Vec<Verdicts> = bindings
        .iter()
        .map(|binding| binding_verdicts(ctx, binding, awaited, noreturn_names, depth))
        .collect();
    combine(&verdicts)
}

fn combine(verdicts: &[Verdicts]) -> Verdicts {
    Verdicts {
        terminating: Tri::unanimous(verdicts.iter().map(|v| v.terminating)),
        never_returning: Tri::unanimous(verdicts.iter().map(|v| v.never_returning)),
    }
}

fn binding_verdicts(ctx: &Context, binding: &Binding, awaited: bool, noreturn_names: Option<&HashSet<&str>>, depth: u32) -> Verdicts {
    match binding.kind {
        BindingKind::FunctionDef => match binding.identifier.parent() {
            Some(definition) => definition_verdicts(ctx, definition, awaited),
            None => Verdicts::NO,
        },
        BindingKind::Import => match imported(ctx, binding) {
            Some(Imported::Member(module, name)) => qualified_name_verdicts(&format!("{module}.{name}")),
            Some(Imported::Module(_)) => Verdicts::NO,
            None => Verdicts::MAYBE,
        },
        BindingKind::Assignment => {
            // `die = sys.exit`: inference follows the alias.
            let Some(assignment) = binding.identifier.parent().filter(|parent| parent.kind_id() == ASSIGNMENT) else {
                return Verdicts::NO;
            };
            let value = assignment.child_by_field_id(FIELD_RIGHT).map(strip_parens);
            let target = assignment.child_by_field_id(FIELD_LEFT);
            match (target, value) {
                (Some(target), Some(value))
                    if target.id() == binding.identifier.id() && matches!(value.kind_id(), IDENTIFIER | ATTRIBUTE) =>
                {
                    callee_verdicts(ctx, value, awaited, noreturn_names, depth + 1)
                }
                _ => Verdicts::NO,
            }
        }
        BindingKind::Parameter => {
            // astroid infers a parameter as its default value, among others.
            let default = binding.identifier.parent()
                .filter(|parameter| matches!(parameter.kind_id(), DEFAULT_PARAMETER | TYPED_DEFAULT_PARAMETER))
                .and_then(|parameter| parameter.child_by_field_id(FIELD_VALUE))
                .map(strip_parens);
            match default {
                Some(value) if matches!(value.kind_id(), IDENTIFIER | ATTRIBUTE) => {
                    let verdicts = callee_verdicts(ctx, value, awaited, noreturn_names, depth + 1);
                    if verdicts == Verdicts::NO {
                        Verdicts::NO
                    } else {
                        Verdicts::MAYBE
                    }
                }
                _ => Verdicts::NO,
            }
        }
        _ => Verdicts::NO,
    }
}

fn qualified_name_verdicts(qualified: &str) -> Verdicts {
    Verdicts {
        terminating: Tri::from_bool(TERMINATING_QNAMES.contains(&qualified)),
        // The default `never-returning-functions`: sys.exit, argparse.parse_error;
        // assert_never is annotated `-> Never`.
        never_returning: Tri::from_bool(matches!(
            qualified,
            "sys.exit" | "argparse.parse_error" | "typing.assert_never" | "typing_extensions.assert_never"
        )),
    }
}

fn attribute_verdicts(ctx: &Context, attribute: Node, awaited: bool, noreturn_names: Option<&HashSet<&str>>) -> Verdicts {
    let (Some(object), Some(name)) = (
        attribute.child_by_field_id(FIELD_OBJECT).map(strip_parens),
        attribute.child_by_field_id(FIELD_ATTRIBUTE),
    ) else {
        return Verdicts::NO;
    };
    let name = ctx.text(name);
    let unknown_object = || {
        if name == "fail" || noreturn_names.is_some_and(|names| names.contains(name)) {
            Verdicts::MAYBE
        } else {
            Verdicts::NO
        }
    };
    if object.kind_id() != IDENTIFIER {
        return unknown_object();
    }
    if let Some(class) = instance_class(ctx, object) {
        return method_verdicts(ctx, class, name, awaited, noreturn_names);
    }
    let object_name = ctx.text(object);
    let scope = ctx.semantic.enclosing_scope(object);
    let Some(defined_in) = ctx.semantic.resolve(scope, object_name) else { return Verdicts::NO };
    let verdicts: Vec<Verdicts> = ctx
        .semantic
        .bindings_of(defined_in, object_name)
        .map(|binding| match binding.kind {
            BindingKind::Import => match imported(ctx, binding) {
                Some(Imported::Module(module)) => qualified_name_verdicts(&format!("{module}.{name}")),
                Some(Imported::Member(..)) => Verdicts::NO,
                None => Verdicts::MAYBE,
            },
            BindingKind::ClassDef => {
                // `Class.method()`: astroid infers an unbound method, which
                // its checks may or may not see through.
                match binding.identifier.parent().and_then(|class| ctx.semantic.scope_of(class)) {
                    Some(class_scope) if ctx.semantic.scope(class_scope).bindings.contains_key(name) => {
                        if class_member_verdicts(ctx, class_scope, name, awaited) == Verdicts::NO {
                            Verdicts::NO
                        } else {
                            Verdicts::MAYBE
                        }
                    }
                    _ => unknown_object(),
                }
            }
            _ => unknown_object(),
        })
        .collect();
    combine(&verdicts)
}

/// The class whose instance `identifier` is: the first parameter of a
/// method (astroid infers `self` and `cls` from the enclosing class).
fn instance_class<'t>(ctx: &Context<'_, 't>, identifier: Node<'t>) -> Option<Node<'t>> {
    let scope = ctx.semantic.enclosing_scope(identifier);
    let name = ctx.text(identifier);
    if ctx.semantic.resolve(scope, name) != Some(scope) {
        return None;
    }
    let function = ctx.semantic.scope(scope).node;
    if function.kind_id() != FUNCTION_DEFINITION {
        return None;
    }
    let first = function.child_by_field_id(FIELD_PARAMETERS).and_then(|parameters| code_children(parameters).next())?;
    let first_name = match first.kind_id() {
        IDENTIFIER => first,
        TYPED_PARAMETER => code_children(first).next().filter(|n| n.kind_id() == IDENTIFIER)?,
        DEFAULT_PARAMETER | TYPED_DEFAULT_PARAMETER => first.child_by_field_id(FIELD_NAME)?,
        _ => return None,
    };
    if ctx.text(first_name) != name {
        return None;
    }
    let (statement, decorators) = match function.parent() {
        Some(parent) if parent.kind_id() == DECORATED_DEFINITION => (parent, Some(parent)),
        _ => (function, None),
    };
    if let Some(decorated) = decorators {
        let is_static = code_children(decorated)
            .filter(|child| child.kind_id() == DECORATOR)
            .any(|decorator| ctx.text(decorator).trim_start_matches('@').trim() == "staticmethod");
        if is_static {
            return None;
        }
    }
    let class = statement.parent()?.parent()?;
    (class.kind_id() == CLASS_DEFINITION).then_some(class)
}

fn method_verdicts(ctx: &Context, class: Node, name: &str, awaited: bool, noreturn_names: Option<&HashSet<&str>>) -> Verdicts {
    method_verdicts_depth(ctx, class, name, awaited, noreturn_names, 0)
}

fn method_verdicts_depth(
    ctx: &Context,
    class: Node,
    name: &str,
    awaited: bool,
    noreturn_names: Option<&HashSet<&str>>,
    depth: u32,
) -> Verdicts {
    let Some(class_scope) = ctx.semantic.scope_of(class) else { return Verdicts::MAYBE };
    if ctx.semantic.scope(class_scope).bindings.contains_key(name) {
        return class_member_verdicts(ctx, class_scope, name, awaited);
    }
    let bases: Vec<Node> = class
        .child_by_field_id(FIELD_SUPERCLASSES)
        .map(|arguments| code_children(arguments).filter(|base| base.kind_id() != KEYWORD_ARGUMENT).collect())
        .unwrap_or_default();
    if bases.is_empty() || bases.iter().all(|base| ctx.text(*base) == "object") {
        return Verdicts::NO;
    }
    if name == "fail" && bases.iter().any(|base| is_unittest_test_case(ctx, *base)) {
        return Verdicts { terminating: Tri::Yes, never_returning: Tri::No };
    }
    // Bases defined at the top of this module are followed (depth first,
    // left to right: the MRO for the single inheritance this is meant for).
    let local_bases: Option<Vec<Node>> = bases.iter().map(|base| module_class(ctx, *base)).collect();
    if let Some(local_bases) = local_bases.filter(|_| depth < 8) {
        for base in local_bases {
            let Some(base_scope) = ctx.semantic.scope_of(base) else { return Verdicts::MAYBE };
            if ctx.semantic.scope(base_scope).bindings.contains_key(name) {
                return class_member_verdicts(ctx, base_scope, name, awaited);
            }
        }
        let verdicts: Vec<Verdicts> = bases
            .iter()
            .filter_map(|base| module_class(ctx, *base))
            .map(|base| method_verdicts_depth(ctx, base, name, awaited, noreturn_names, depth + 1))
            .collect();
        return combine(&verdicts);
    }
    // Inherited from a base we do not follow.
    if name == "fail" || noreturn_names.is_some_and(|names| names.contains(name)) {
        Verdicts::MAYBE
    } else {
        Verdicts::NO
    }
}

fn class_member_verdicts(ctx: &Context, class_scope: ScopeId, name: &str, awaited: bool) -> Verdicts {
    let verdicts: Vec<Verdicts> = ctx
        .semantic
        .bindings_of(class_scope, name)
        .map(|binding| match binding.kind {
            BindingKind::FunctionDef => match binding.identifier.parent() {
                Some(definition) => definition_verdicts(ctx, definition, awaited),
                None => Verdicts::NO,
            },
            _ => Verdicts::MAYBE,
        })
        .collect();
    combine(&verdicts)
}

/// The class a base-class expression names when it is a name bound once,
/// by a class statement at the top of this module.
fn module_class<'t>(ctx: &Context<'_, 't>, base: Node<'t>) -> Option<Node<'t>> {
    if base.kind_id() != IDENTIFIER {
        return None;
    }
    let mut bindings = ctx.semantic.bindings_of(ScopeId(0), ctx.text(base));
    match (bindings.next(), bindings.next()) {
        (Some(binding), None) if binding.kind == BindingKind::ClassDef => binding.identifier.parent(),
        _ => None,
    }
}

/// `unittest.TestCase` and friends, whose `fail()` always raises.
fn is_unittest_test_case(ctx: &Context, base: Node) -> bool {
    let base = strip_parens(base);
    let class_names = ["TestCase", "IsolatedAsyncioTestCase"];
    match base.kind_id() {
        ATTRIBUTE => {
            let (Some(object), Some(attribute)) =
                (base.child_by_field_id(FIELD_OBJECT), base.child_by_field_id(FIELD_ATTRIBUTE))
            else {
                return false;
            };
            class_names.contains(&ctx.text(attribute))
                && object.kind_id() == IDENTIFIER
                && imported_name(ctx, object).is_some_and(|imported| {
                    matches!(imported, Imported::Module(module) if module == "unittest" || module == "unittest.case")
                })
        }
        IDENTIFIER => imported_name(ctx, base).is_some_and(|imported| match imported {
            Imported::Member(module, name) => {
                (module == "unittest" || module == "unittest.case") && class_names.contains(&name.as_str())
            }
            Imported::Module(_) => false,
        }),
        _ => false,
    }
}

/// What a name refers to when every binding of it is the same import.
fn imported_name(ctx: &Context, identifier: Node) -> Option<Imported> {
    let name = ctx.text(identifier);
    let scope = ctx.semantic.enclosing_scope(identifier);
    let defined_in = ctx.semantic.resolve(scope, name)?;
    let mut result: Option<Imported> = None;
    for binding in ctx.semantic.bindings_of(defined_in, name) {
        if binding.kind != BindingKind::Import {
            return None;
        }
        let this = imported(ctx, binding)?;
        match &result {
            Some(previous) if *previous != this => return None,
            _ => result = Some(this),
        }
    }
    result
}

/// A function definition's verdicts when called (`awaited`: the call is
/// the operand of `await`).
fn definition_verdicts(ctx: &Context, definition: Node, awaited: bool) -> Verdicts {
    if definition.kind_id() != FUNCTION_DEFINITION {
        return Verdicts::NO;
    }
    let Some(annotation) = definition.child_by_field_id(FIELD_RETURN_TYPE).and_then(|t| code_children(t).next()) else {
        return Verdicts::NO;
    };
    let annotation = strip_parens(annotation);
    let annotation_name = match annotation.kind_id() {
        IDENTIFIER => Some(annotation),
        ATTRIBUTE => annotation.child_by_field_id(FIELD_ATTRIBUTE),
        _ => None,
    };
    let named_noreturn = annotation_name.is_some_and(|name| matches!(ctx.text(name), "NoReturn" | "Never"));
    if !named_noreturn {
        return Verdicts::NO;
    }
    let is_overload = definition.parent().is_some_and(|parent| {
        parent.kind_id() == DECORATED_DEFINITION
            && code_children(parent).filter(|child| child.kind_id() == DECORATOR).any(|decorator| {
                let text = ctx.text(decorator).trim_start_matches('@').trim();
                text == "overload" || text.ends_with(".overload")
            })
    });
    let terminating = if is_overload || (syntax::is_async(definition) && !awaited) {
        Tri::No
    } else {
        typing_noreturn(ctx, annotation)
    };
    Verdicts { terminating, never_returning: Tri::Yes }
}

/// Whether an annotation named `NoReturn`/`Never` infers to typing's.
fn typing_noreturn(ctx: &Context, annotation: Node) -> Tri {
    let typing_modules = ["typing", "typing_extensions"];
    let imported = match annotation.kind_id() {
        IDENTIFIER => imported_name(ctx, annotation),
        ATTRIBUTE => {
            let object = annotation.child_by_field_id(FIELD_OBJECT).map(strip_parens);
            let attribute = annotation.child_by_field_id(FIELD_ATTRIBUTE);
            match (object, attribute) {
                (Some(object), Some(attribute)) if object.kind_id() == IDENTIFIER => {
                    match imported_name(ctx, object) {
                        Some(Imported::Module(module)) => Some(Imported::Member(module, ctx.text(attribute).to_string())),
                        _ => None,
                    }
                }
                _ => None,
            }
        }
        _ => None,
    };
    match imported {
        Some(Imported::Member(module, name)) => {
            Tri::from_bool(typing_modules.contains(&module.as_str()) && matches!(name.as_str(), "NoReturn" | "Never"))
        }
        _ => Tri::Maybe,
    }
}

/// What an import binds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Imported {
    /// `import a.b` binds module `a`; `import a.b as c` binds `a.b`.
    Module(String),
    /// `from module import name [as alias]`.
    Member(String, String),
}

pub(crate) fn imported(ctx: &Context, binding: &Binding) -> Option<Imported> {
    let identifier = binding.identifier;
    let parent = identifier.parent()?;
    let dotted = |node: Node| -> String { ctx.text(node).split_whitespace().collect() };
    match binding.statement.kind_id() {
        IMPORT_STATEMENT => match parent.kind_id() {
            DOTTED_NAME => Some(Imported::Module(ctx.text(identifier).to_string())),
            ALIASED_IMPORT => Some(Imported::Module(dotted(parent.child_by_field_id(FIELD_NAME)?))),
            _ => None,
        },
        IMPORT_FROM_STATEMENT => {
            // A relative module keeps its dots and so matches no known name.
            let module = binding.statement.child_by_field_id(FIELD_MODULE_NAME)?;
            let name = match parent.kind_id() {
                DOTTED_NAME => dotted(parent),
                ALIASED_IMPORT => dotted(parent.child_by_field_id(FIELD_NAME)?),
                _ => return None,
            };
            Some(Imported::Member(dotted(module), name))
        }
        _ => None,
    }
}
