//! The semantic model: scopes, the names each scope binds, and where names are
//! read. Built once per file by one walk, then read-only for the rules.
//!
//! Resolution follows Python's rules, at the level of names (as pylint's
//! variables checker does): a name bound anywhere in a function is local to
//! it unless declared `global`/`nonlocal`; class bodies are skipped when
//! resolving from nested scopes; a comprehension evaluates its first iterable
//! in the enclosing scope; `:=` binds in the nearest non-comprehension scope.

mod builder;
pub(crate) mod astroid;
pub mod builtin_classes;
pub mod calls;
pub mod classes;
pub mod flow;
pub mod infer;
pub mod lookup;
pub mod signature;
pub mod summary;
pub mod typecheck;

use crate::syntax::{FastHashMap, FastHashSet, NodeMap};
use std::borrow::Cow;
use crate::syntax::Node;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ScopeId(pub u32);

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct BindingId(pub u32);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScopeKind {
    Module,
    Class,
    Function,
    Lambda,
    Comprehension,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BindingKind {
    /// `x = ...`, `x += ...`, tuple targets included.
    Assignment,
    /// `x: int` with no value.
    Annotation,
    /// `for x in ...` (statement).
    LoopVariable,
    /// `for x in ...` inside a comprehension.
    ComprehensionVariable,
    /// `with ... as x`.
    WithItem,
    /// `except E as x`.
    ExceptHandler,
    /// A parameter of a function or lambda.
    Parameter,
    /// `import x`, `from m import x`.
    Import,
    FunctionDef,
    ClassDef,
    /// `:=`.
    NamedExpression,
    /// A capture in a `case` pattern.
    MatchCapture,
    /// `type X = ...` and type parameters.
    TypeAlias,
}

/// One place where a scope binds a name.
#[derive(Clone, Debug)]
pub struct Binding<'t> {
    pub name: &'t str,
    pub kind: BindingKind,
    pub scope: ScopeId,
    /// The identifier that is bound.
    pub identifier: Node<'t>,
    /// The statement (or parameter / clause) that binds it.
    pub statement: Node<'t>,
    /// Whether it is one target of a tuple/list unpacking.
    pub unpacked: bool,
}

#[derive(Clone, Debug)]
pub struct Scope<'t> {
    pub kind: ScopeKind,
    pub parent: Option<ScopeId>,
    /// The module, class, function, lambda or comprehension node.
    pub node: Node<'t>,
    /// Names bound in this scope → bindings in source order.
    pub bindings: FastHashMap<&'t str, Vec<BindingId>>,
    pub globals: FastHashSet<&'t str>,
    pub nonlocals: FastHashSet<&'t str>,
    /// Names read in this scope or any nested one that resolve here.
    pub used: FastHashSet<&'t str>,
    /// The scope calls `locals()` (every local counts as used).
    pub uses_locals: bool,
}

/// A read of a name, and the scope it resolves to (`None`: builtins or undefined).
#[derive(Clone, Debug)]
pub struct Reference<'t> {
    pub name: &'t str,
    pub identifier: Node<'t>,
    pub scope: ScopeId,
    pub resolved: Option<ScopeId>,
}

pub struct SemanticModel<'t> {
    pub scopes: Vec<Scope<'t>>,
    pub bindings: Vec<Binding<'t>>,
    pub references: Vec<Reference<'t>>,
    /// Scope created by a node (function, class, lambda, comprehension), by node id.
    scope_by_node: NodeMap<ScopeId>,
    /// Scope each read identifier is evaluated in, by node id: the answer of
    /// `enclosing_scope` without walking up (O(depth) per step in tree-sitter).
    scope_by_reference: NodeMap<ScopeId>,
    /// astroid's `locals` without star imports, and the reads in astroid's
    /// walk order: several analyses need them, so the checker builds them
    /// with the model (`build_for_rules`; a cell filled on first use would
    /// make the model invariant in `'t`). Summaries of imported modules
    /// never need them.
    astroid_locals: Option<astroid::Locals<'t>>,
    walk_order_reads: Option<Vec<Node<'t>>>,
}

impl<'t> SemanticModel<'t> {
    pub fn build(source: &'t str, root: Node<'t>) -> SemanticModel<'t> {
        builder::build(source, root)
    }

    pub fn scope(&self, id: ScopeId) -> &Scope<'t> {
        &self.scopes[id.0 as usize]
    }

    pub fn binding(&self, id: BindingId) -> &Binding<'t> {
        &self.bindings[id.0 as usize]
    }

    /// The model with the views of it that rules share (see
    /// `astroid_locals` and `reads_in_walk_order`) built once.
    pub fn build_for_rules(source: &'t str, root: Node<'t>) -> SemanticModel<'t> {
        let mut model = builder::build(source, root);
        model.astroid_locals = Some(astroid::scope_locals(root, &model, &|_| None));
        model.walk_order_reads = Some(flow::reads_in_walk_order(root, &model));
        model
    }

    /// astroid's `locals` of every scope, star-imported names left out
    /// (`astroid::scope_locals`): built with the model by `build_for_rules`,
    /// else now.
    pub(crate) fn astroid_locals(&self) -> Cow<'_, astroid::Locals<'t>> {
        match &self.astroid_locals {
            Some(locals) => Cow::Borrowed(locals),
            None => Cow::Owned(astroid::scope_locals(self.scopes[0].node, self, &|_| None)),
        }
    }

    /// Every read of the module in astroid's walk order
    /// (`flow::reads_in_walk_order`): built with the model by
    /// `build_for_rules`, else now.
    pub(crate) fn reads_in_walk_order(&self) -> Cow<'_, [Node<'t>]> {
        match &self.walk_order_reads {
            Some(reads) => Cow::Borrowed(reads),
            None => Cow::Owned(flow::reads_in_walk_order(self.scopes[0].node, self)),
        }
    }

    pub fn module_scope(&self) -> &Scope<'t> {
        &self.scopes[0]
    }

    /// The scope a function/class/lambda/comprehension node opens.
    pub fn scope_of(&self, node: Node) -> Option<ScopeId> {
        self.scope_by_node.get(&node.id()).copied()
    }

    /// Whether `identifier` is a read the model recorded (a `Reference`).
    pub fn is_reference(&self, identifier: Node) -> bool {
        self.scope_by_reference.contains_key(&identifier.id())
    }

    /// Innermost scope that contains `node` (the scope it is evaluated in).
    pub fn enclosing_scope(&self, node: Node) -> ScopeId {
        if let Some(scope) = self.scope_by_reference.get(&node.id()) {
            return *scope;
        }
        let mut current = node.parent();
        while let Some(candidate) = current {
            if let Some(scope) = self.scope_of(candidate) {
                // A def's name, decorators, defaults and annotations are
                // evaluated outside; only its body (and params) is inside.
                let inside = match candidate.child_by_field_id(crate::syntax::kinds::FIELD_BODY) {
                    Some(body) => node.start_byte() >= body.start_byte()
                        || candidate.child_by_field_id(crate::syntax::kinds::FIELD_PARAMETERS).is_some_and(|params| {
                            contains(params, node) && !in_parameter_expression(params, node)
                        }) && candidate.kind_id() != crate::syntax::kinds::CLASS_DEFINITION,
                    None => true,
                };
                if inside {
                    return scope;
                }
            }
            current = candidate.parent();
        }
        ScopeId(0)
    }

    /// Bindings of `name` in `scope`, in source order.
    pub fn bindings_of(&self, scope: ScopeId, name: &str) -> impl Iterator<Item = &Binding<'t>> {
        self.scope(scope)
            .bindings
            .get(name)
            .into_iter()
            .flatten()
            .map(|id| self.binding(*id))
    }

    /// Where a read of `name` from `scope` resolves (`None`: builtin or undefined).
    pub fn resolve(&self, scope: ScopeId, name: &str) -> Option<ScopeId> {
        let start = self.scope(scope);
        if start.globals.contains(name) {
            return Some(ScopeId(0)).filter(|_| self.module_scope().bindings.contains_key(name));
        }
        let mut current = Some(scope);
        let mut first = true;
        while let Some(id) = current {
            let candidate = self.scope(id);
            let skip_class = candidate.kind == ScopeKind::Class && !first;
            let declared_elsewhere = candidate.globals.contains(name) || candidate.nonlocals.contains(name);
            if !skip_class && !declared_elsewhere && candidate.bindings.contains_key(name) {
                return Some(id);
            }
            if candidate.globals.contains(name) {
                return Some(ScopeId(0)).filter(|_| self.module_scope().bindings.contains_key(name));
            }
            first = false;
            current = candidate.parent;
        }
        None
    }

    /// Whether `name` read in `scope` means the builtin (not shadowed anywhere on the way).
    pub fn is_builtin(&self, scope: ScopeId, name: &str) -> bool {
        self.resolve(scope, name).is_none() && is_builtin_name(name)
    }

    /// The function scopes (function and lambda), outermost first.
    pub fn function_scopes(&self) -> impl Iterator<Item = (ScopeId, &Scope<'t>)> {
        self.scopes
            .iter()
            .enumerate()
            .filter(|(_, scope)| scope.kind == ScopeKind::Function)
            .map(|(index, scope)| (ScopeId(index as u32), scope))
    }
}

fn contains(outer: Node, inner: Node) -> bool {
    outer.start_byte() <= inner.start_byte() && inner.end_byte() <= outer.end_byte()
}

/// Whether `node` is in a parameter's default value or annotation, which
/// are evaluated where the function is defined.
fn in_parameter_expression(params: Node, node: Node) -> bool {
    use crate::syntax::kinds::{FIELD_TYPE, FIELD_VALUE};
    crate::syntax::code_children(params).any(|parameter| {
        [FIELD_VALUE, FIELD_TYPE]
            .into_iter()
            .filter_map(|field| parameter.child_by_field_id(field))
            .any(|expression| contains(expression, node))
    })
}

/// Python 3.11's `builtins` module names (`dir(builtins)`), sorted.
pub const BUILTINS: &[&str] = &[
    "ArithmeticError", "AssertionError", "AttributeError", "BaseException", "BaseExceptionGroup",
    "BlockingIOError", "BrokenPipeError", "BufferError", "BytesWarning", "ChildProcessError",
    "ConnectionAbortedError", "ConnectionError", "ConnectionRefusedError", "ConnectionResetError",
    "DeprecationWarning", "EOFError", "Ellipsis", "EncodingWarning", "EnvironmentError",
    "Exception", "ExceptionGroup", "False", "FileExistsError", "FileNotFoundError",
    "FloatingPointError", "FutureWarning", "GeneratorExit", "IOError", "ImportError",
    "ImportWarning", "IndentationError", "IndexError", "InterruptedError", "IsADirectoryError",
    "KeyError", "KeyboardInterrupt", "LookupError", "MemoryError", "ModuleNotFoundError",
    "NameError", "None", "NotADirectoryError", "NotImplemented", "NotImplementedError",
    "OSError", "OverflowError", "PendingDeprecationWarning", "PermissionError",
    "ProcessLookupError", "RecursionError", "ReferenceError", "ResourceWarning", "RuntimeError",
    "RuntimeWarning", "StopAsyncIteration", "StopIteration", "SyntaxError", "SyntaxWarning",
    "SystemError", "SystemExit", "TabError", "TimeoutError", "True", "TypeError",
    "UnboundLocalError", "UnicodeDecodeError", "UnicodeEncodeError", "UnicodeError",
    "UnicodeTranslateError", "UnicodeWarning", "UserWarning", "ValueError", "Warning",
    "ZeroDivisionError", "__build_class__", "__debug__", "__doc__", "__import__", "__loader__",
    "__name__", "__package__", "__spec__", "abs", "aiter", "all", "anext", "any", "ascii", "bin",
    "bool", "breakpoint", "bytearray", "bytes", "callable", "chr", "classmethod", "compile",
    "complex", "copyright", "credits", "delattr", "dict", "dir", "divmod", "enumerate", "eval",
    "exec", "exit", "filter", "float", "format", "frozenset", "getattr", "globals", "hasattr",
    "hash", "help", "hex", "id", "input", "int", "isinstance", "issubclass", "iter", "len",
    "license", "list", "locals", "map", "max", "memoryview", "min", "next", "object", "oct",
    "open", "ord", "pow", "print", "property", "quit", "range", "repr", "reversed", "round",
    "set", "setattr", "slice", "sorted", "staticmethod", "str", "sum", "super", "tuple", "type",
    "vars", "zip",
];

pub fn is_builtin_name(name: &str) -> bool {
    BUILTINS.binary_search(&name).is_ok()
}
