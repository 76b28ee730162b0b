//! What another module offers to the one being checked: its top-level classes
//! (methods with their parameters, bases) and what its imports bind.
//!
//! pylint follows base classes into the modules they come from (astroid
//! infers them); a summary is the small part of a module that rules need for
//! that, built once per module file and shared. Building it does no IO: the
//! checker finds, reads and parses the file.

use crate::syntax::kinds::*;
use crate::syntax::{code_children, node_text, undecorated, FastHashMap};
use crate::syntax::Node;

/// A parameter's name and whether it is positional-only.
pub type Parameter = (String, bool);

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum ClassMember {
    Method(Vec<Parameter>),
    /// Anything else bound in the class body (assignment, nested class).
    Other,
}

/// A base class as written.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum BaseRef {
    /// `Name`.
    Name(String),
    /// `module.Name`, `package.module.Name`: the dotted parts.
    Dotted(Vec<String>),
    /// `Name[...]` or `module.Name[...]` (a generic alias), which astroid
    /// infers to the class subscripted when the index infers and the
    /// class's `__class_getitem__` returns it. `index`: `None` for an index
    /// astroid takes as it is (a tuple, a literal), else the expression to
    /// infer (`Unknown` when it is neither a name nor a dotted name).
    Subscript { origin: Box<BaseRef>, index: Option<Box<BaseRef>> },
    /// Anything else (calls, deeper attributes).
    Unknown,
}

/// An index that astroid infers to itself: a tuple or a literal.
pub fn is_literal_index(index: Node) -> bool {
    matches!(index.kind_id(), TUPLE | STRING | CONCATENATED_STRING | INTEGER | FLOAT | TRUE | FALSE | NONE)
}

impl BaseRef {
    /// A base class expression as written (`Name`, `a.b.Name`, `Name[...]`).
    pub fn of_expression(source: &str, expression: Node) -> BaseRef {
        match expression.kind_id() {
            IDENTIFIER => BaseRef::Name(node_text(source, expression).to_string()),
            ATTRIBUTE => dotted_parts(source, expression).map_or(BaseRef::Unknown, BaseRef::Dotted),
            SUBSCRIPT => {
                let origin = match expression.child_by_field_id(FIELD_VALUE).map(|value| BaseRef::of_expression(source, value)) {
                    Some(origin @ (BaseRef::Name(_) | BaseRef::Dotted(_))) => Box::new(origin),
                    _ => return BaseRef::Unknown,
                };
                let indices: Vec<Node> = expression.children_by_field_id(FIELD_SUBSCRIPT).collect();
                let index = match indices.as_slice() {
                    [only] if !is_literal_index(*only) => Some(Box::new(BaseRef::of_expression(source, *only))),
                    _ => None,
                };
                BaseRef::Subscript { origin, index }
            }
            _ => BaseRef::Unknown,
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ClassSummary {
    pub members: FastHashMap<String, ClassMember>,
    pub bases: Vec<BaseRef>,
    /// The methods among `members` that astroid's `is_abstract(pass_is_abstract=False)`
    /// calls abstract: decorated with `abc.abstractmethod`/`abc.abstractproperty`
    /// (as the module's top-level imports spell them), or whose first statement
    /// raises `NotImplementedError`.
    pub abstract_methods: Vec<String>,
    /// The class body binds names that `members` does not list: inside
    /// compound statements (`if`, `try`, `for`, ...), by imports, or through
    /// tuple or chained assignment targets.
    pub unlisted_bindings: bool,
    /// What astroid's attribute lookups see of the class.
    pub facts: super::classes::ClassFacts,
    /// For each name whose first binding in the class body is a def: the
    /// signature pylint compares an override with (that def, or the last
    /// implementation when it is an `overload` stub).
    pub signatures: FastHashMap<String, super::signature::Signature>,
    /// Names the class body binds more than once at its top level
    /// (`f = staticmethod(f)` after `def f` changes what `f` is).
    pub rebound_names: Vec<String>,
    /// Class attributes bound once at the body's top level to a call
    /// (`x = Callee(...)`) or to a name (`syms = pygram.python_symbols`).
    #[serde(default)]
    pub attribute_values: FastHashMap<String, AttributeValue>,
    /// Methods whose body (docstring aside) is empty or starts with `pass`:
    /// abstract to astroid's default `is_abstract()`.
    #[serde(default)]
    pub pass_methods: Vec<String>,
}

/// What a class attribute is bound to, as written.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum AttributeValue {
    /// The result of calling this name.
    Call(BaseRef),
    /// The value of this name in the module's scope.
    Name(BaseRef),
}

impl AttributeValue {
    /// The value of an assignment, when it is a call of a (dotted) name or a
    /// (dotted) name.
    pub fn of(source: &str, value: Node) -> Option<AttributeValue> {
        let reference = |node: Node| match node.kind_id() {
            IDENTIFIER => Some(BaseRef::Name(node_text(source, node).to_string())),
            ATTRIBUTE => dotted_parts(source, node).map(BaseRef::Dotted),
            _ => None,
        };
        match value.kind_id() {
            CALL => reference(value.child_by_field_id(FIELD_FUNCTION)?).map(AttributeValue::Call),
            _ => reference(value).map(AttributeValue::Name),
        }
    }
}

/// What an import statement binds a name to.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum ImportTarget {
    /// `import a.b as c` binds `c` to module `a.b`; `import a.b` binds `a` to `a`.
    Module { module: String },
    /// `from ..m import n as c` binds `c` to `n` of `m`, `level` dots up.
    From { level: usize, module: String, name: String },
}

#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ModuleSummary {
    pub classes: FastHashMap<String, ClassSummary>,
    pub imports: FastHashMap<String, ImportTarget>,
    /// Other top-level names (functions, assignments): they shadow.
    pub others: Vec<String>,
    /// Top-level names bound once, to a dict display or `dict(...)`, and
    /// never bound again anywhere in the module (what astroid infers to a dict).
    pub dicts: Vec<String>,
    /// What `from this_module import *` binds (astroid's `wildcard_import_names`).
    pub star_exports: StarExports,
    /// `from m import *` statements of this module: (level, module).
    pub star_imports: Vec<(usize, String)>,
    /// Every name bound at module level (astroid's module `locals`, less
    /// what star imports bind), sorted.
    pub module_names: Vec<String>,
    /// The module's names in the order astroid files them in its locals
    /// (what `public_names()` lists, for `from this_module import *`).
    pub locals_order: Vec<LocalEntry>,
    /// Names bound by `from __future__ import ...`.
    pub future_imports: Vec<String>,
    /// How many times each top-level name is bound (`global` in functions
    /// included; the same import repeated counts once): a name bound more
    /// than once has no single value to astroid.
    pub binding_counts: FastHashMap<String, usize>,
    /// Attribute names stored through something else than a method's own
    /// instance or class (`ClassFacts`' stores aside).
    pub foreign_attribute_stores: Vec<String>,
    /// Top-level `NAME = Callee(...)` statements: the callee as written
    /// (astroid infers `NAME` to an instance when the callee is a class).
    pub instances: FastHashMap<String, BaseRef>,
    /// Top-level functions that never make a property when they decorate
    /// a method ([`decorator_makes_property`] is `Some(false)`), sorted.
    #[serde(default)]
    pub non_property_decorators: Vec<String>,
    /// Top-level functions whose text never names `staticmethod` or
    /// `classmethod`: as decorators they leave a method's type alone. Sorted.
    #[serde(default)]
    pub type_preserving_decorators: Vec<String>,
    /// Top-level `NAME = type(ARG)` where `ARG` is bound once, by `import m`
    /// or a `def`: astroid infers `NAME` to the proxy class it builds for
    /// a module's or a function's type (`types.ModuleType` is
    /// `type(sys)`), named here by [`proxy_class`].
    #[serde(default)]
    pub type_proxies: FastHashMap<String, String>,
    /// Top-level functions whose call astroid infers to `None` alone
    /// ([`call_result_is_only_none`]), sorted.
    #[serde(default)]
    pub none_returning_functions: Vec<String>,
    /// For a compiled module: the classes it defines, as astroid's raw
    /// builder sees them (empty for a module with source).
    #[serde(default)]
    pub compiled_classes: FastHashMap<String, CompiledClass>,
}

/// A class of a compiled module, from the living class: what astroid's raw
/// builder files in its `locals`. Names `object` has are left out.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CompiledClass {
    /// `__name__` of each of `__bases__`, which astroid infers by name in
    /// the module's scope (a name it cannot find drops the base).
    pub bases: Vec<String>,
    /// Members that are not routines (data descriptors, constants, classes).
    pub attributes: Vec<String>,
    /// Members astroid builds as functions.
    pub methods: Vec<String>,
}

impl CompiledClass {
    /// Whether the class's `locals` hold `name` (`object`'s names aside).
    pub fn binds(&self, name: &str) -> bool {
        self.has_method(name) || self.attributes.iter().any(|attribute| attribute == name)
    }

    /// Whether astroid built `name` as one of the class's functions.
    pub fn has_method(&self, name: &str) -> bool {
        self.methods.iter().any(|method| method == name)
    }
}

/// The classes astroid's `helpers.object_type` makes up for the type of a
/// module or a function: `builtins.module`, `builtins.function`, with no
/// members and `object` as their only ancestor.
pub fn proxy_class(name: &str) -> Option<&'static str> {
    match name {
        "module" => Some("module"),
        "function" => Some("function"),
        _ => None,
    }
}

/// One step of filling a module's locals, in astroid's order.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum LocalEntry {
    /// A name bound by the module (or by `global` in one of its functions).
    Name(String),
    /// `from m import *`: the public names of `m`, (level, module).
    Star { level: usize, module: String },
}

/// What a star import of a module binds, in astroid's terms.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum StarExports {
    /// The strings `__all__` is inferred to.
    Listed(Vec<String>),
    /// No `__all__`, or one astroid cannot infer to a list or tuple: the
    /// module-level names not starting with `_` (plus what the module's own
    /// star imports bind).
    Public(Vec<String>),
    /// `__all__` is bound in a way whose inference is not modelled here.
    #[default]
    Unknown,
}

impl ModuleSummary {
    /// A compiled module as astroid builds it from the living module: every
    /// name `dir()` lists, bound once, none followed any further; a star
    /// import of it binds the public ones (astroid ignores a compiled
    /// module's `__all__`, which it cannot infer).
    pub fn of_compiled(names: &[String], classes: FastHashMap<String, CompiledClass>) -> ModuleSummary {
        let mut module_names = names.to_vec();
        module_names.sort();
        module_names.dedup();
        ModuleSummary {
            star_exports: StarExports::Public(module_names.iter().filter(|name| !name.starts_with('_')).cloned().collect()),
            locals_order: module_names.iter().cloned().map(LocalEntry::Name).collect(),
            binding_counts: module_names.iter().map(|name| (name.clone(), 1)).collect(),
            others: module_names.clone(),
            module_names,
            compiled_classes: classes,
            ..ModuleSummary::default()
        }
    }

    pub fn build(source: &str, root: Node) -> ModuleSummary {
        let mut summary = ModuleSummary::default();
        let abstract_decorators = abc_abstract_decorators(source, root);
        let semantic = super::SemanticModel::build(source, root);
        let mut classes = super::classes::analyze(source, root, &semantic);
        summary.foreign_attribute_stores = std::mem::take(&mut classes.foreign_attribute_stores);
        summary.binding_counts = binding_counts(source, &semantic);
        for statement in code_children(root) {
            let definition = undecorated(statement);
            match definition.kind_id() {
                CLASS_DEFINITION => {
                    if let Some(name) = definition.child_by_field_id(FIELD_NAME) {
                        let mut class = class_summary(source, definition, &abstract_decorators);
                        class.facts = classes.classes.remove(&definition.id()).unwrap_or_default();
                        summary.classes.entry(node_text(source, name).to_string()).or_insert(class);
                    }
                }
                IMPORT_STATEMENT | IMPORT_FROM_STATEMENT => {
                    for (bound, target) in import_bindings(source, definition) {
                        summary.imports.entry(bound).or_insert(target);
                    }
                }
                FUNCTION_DEFINITION => {
                    if let Some(name) = definition.child_by_field_id(FIELD_NAME) {
                        summary.others.push(node_text(source, name).to_string());
                        if decorator_makes_property(source, &semantic, definition) == Some(false) {
                            summary.non_property_decorators.push(node_text(source, name).to_string());
                        }
                        if keeps_method_type(source, definition) {
                            summary.type_preserving_decorators.push(node_text(source, name).to_string());
                        }
                        if statement.kind_id() == FUNCTION_DEFINITION && call_result_is_only_none(source, definition) {
                            summary.none_returning_functions.push(node_text(source, name).to_string());
                        }
                    }
                }
                EXPRESSION_STATEMENT => {
                    if let Some(name) = dict_assignment(source, definition) {
                        summary.dicts.push(name.to_string());
                    }
                    if let Some((name, callee)) = call_assignment(source, definition) {
                        summary.instances.entry(name.to_string()).or_insert(callee);
                    }
                    if let Some((name, proxy)) = type_of_module_or_function(source, &semantic, definition) {
                        summary.type_proxies.insert(name.to_string(), proxy.to_string());
                    }
                }
                _ => {}
            }
        }
        if !summary.dicts.is_empty() {
            summary.dicts.retain(|name| bound_once(source, root, name));
        }
        summary.non_property_decorators.sort();
        summary.type_preserving_decorators.sort();
        summary.none_returning_functions.sort();
        summary.star_imports = star_imports(source, root);
        summary.module_names = module_names(&semantic);
        summary.star_exports = star_exports(source, &semantic, &summary.module_names);
        summary.locals_order = locals_order(source, root, &semantic);
        summary.future_imports = semantic
            .bindings
            .iter()
            .filter(|binding| binding.scope == super::ScopeId(0) && binding.statement.kind_id() == FUTURE_IMPORT_STATEMENT)
            .map(|binding| binding.name.to_string())
            .collect();
        summary
    }
}

/// pylint's `_is_property_decorator` for a function used as a decorator:
/// it makes a property only when its one `return` (nested functions left
/// out) gives a name or attribute that astroid infers to a property. Any
/// other number of returns, another returned expression, or one of the
/// function's own parameters (which astroid cannot infer) makes none;
/// `None` when what the name or attribute is is not modelled.
pub fn decorator_makes_property(source: &str, semantic: &super::SemanticModel, function: Node) -> Option<bool> {
    let Some(value) = sole_returned_value(function) else { return Some(false) };
    match value.kind_id() {
        IDENTIFIER if returns_own_parameter(source, semantic, function) => Some(false),
        IDENTIFIER | ATTRIBUTE => None,
        _ => Some(false),
    }
}

/// Whether a function's one `return` gives one of its own parameters,
/// bound nowhere else in it (astroid cannot infer what it returns).
pub fn returns_own_parameter(source: &str, semantic: &super::SemanticModel, function: Node) -> bool {
    let Some(value) = sole_returned_value(function).filter(|value| value.kind_id() == IDENTIFIER) else { return false };
    let Some(scope) = semantic.scope_of(function) else { return false };
    let mut bindings = semantic.bindings_of(scope, node_text(source, value));
    matches!((bindings.next(), bindings.next()), (Some(binding), None) if binding.kind == super::BindingKind::Parameter)
}

/// The value of a function's only `return` statement (nested functions
/// and classes left out), parentheses stripped.
fn sole_returned_value(function: Node) -> Option<Node> {
    let (returns, _) = super::infer::returns_of(function.child_by_field_id(FIELD_BODY)?);
    let [only] = returns.as_slice() else { return None };
    code_children(*only).next().map(crate::syntax::strip_parens)
}

/// How many times each module-level name is bound, `global` assignments in
/// functions included.
fn binding_counts(source: &str, semantic: &super::SemanticModel) -> FastHashMap<String, usize> {
    let mut counts: FastHashMap<String, usize> = FastHashMap::default();
    for (name, bindings) in &semantic.module_scope().bindings {
        // The same import written twice (`from _ctypes import _SimpleCData`
        // at the top and again under `if os.name == "nt"`) gives astroid the
        // same value twice: one value, not two.
        if bindings.len() < 2 {
            *counts.entry(name.to_string()).or_default() += bindings.len();
            continue;
        }
        let mut imports: Vec<ImportTarget> = Vec::new();
        let mut count = 0;
        for binding in bindings.iter().map(|id| semantic.binding(*id)) {
            if binding.kind == super::BindingKind::Import {
                let target = import_bindings(source, binding.statement).into_iter().find(|(bound, _)| bound == name).map(|(_, target)| target);
                if let Some(target) = target {
                    if imports.contains(&target) {
                        continue;
                    }
                    imports.push(target);
                }
            }
            count += 1;
        }
        *counts.entry(name.to_string()).or_default() += count;
    }
    for scope in &semantic.scopes[1..] {
        for name in &scope.globals {
            if let Some(bindings) = scope.bindings.get(name) {
                *counts.entry(name.to_string()).or_default() += bindings.len();
            }
        }
    }
    counts
}

impl ModuleSummary {
    /// `from m import *` statements at module level: (level, module).
    pub fn star_imports_of(source: &str, root: Node) -> Vec<(usize, String)> {
        star_imports(source, root)
    }
}

/// `from m import *` statements at module level (Python allows them nowhere else).
fn star_imports(source: &str, root: Node) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    crate::syntax::walk(root, |node| match node.kind_id() {
        IMPORT_FROM_STATEMENT => {
            found.extend(star_import_target(source, node));
            false
        }
        FUNCTION_DEFINITION | CLASS_DEFINITION | EXPRESSION_STATEMENT | RETURN_STATEMENT => false,
        _ => true,
    });
    found
}

/// astroid's `Module.wildcard_import_names`: the first binding of `__all__`
/// inferred to a list or tuple of strings, else the public module names.
/// Inference is modelled for literals, names bound once to a literal, `+`
/// of those, and comprehensions (which astroid never infers to a list).
/// [`star_exports`] of a module whose summary is not built (the checked one).
pub fn star_exports_of(source: &str, semantic: &super::SemanticModel) -> StarExports {
    star_exports(source, semantic, &module_names(semantic))
}

fn star_exports(source: &str, semantic: &super::SemanticModel, module_names: &[String]) -> StarExports {
    let public_names =
        || StarExports::Public(module_names.iter().filter(|name| !name.starts_with('_')).cloned().collect());
    if semantic.scopes[1..].iter().any(|scope| scope.globals.contains("__all__")) {
        return StarExports::Unknown;
    }
    let Some(first) = semantic.bindings_of(super::ScopeId(0), "__all__").next() else { return public_names() };
    if first.kind != super::BindingKind::Assignment || first.unpacked {
        return StarExports::Unknown;
    }
    let assignment = first.identifier.parent().filter(|parent| parent.kind_id() == ASSIGNMENT);
    let Some(value) = assignment.and_then(|assignment| assignment.child_by_field_id(FIELD_RIGHT)) else {
        return StarExports::Unknown;
    };
    match inferred_strings(source, semantic, value, 0) {
        Inferred::Strings(names) if names.len() < ASTROID_SEQUENCE_LIMIT - 10 => StarExports::Listed(names),
        Inferred::Strings(names) if names.len() >= ASTROID_SEQUENCE_LIMIT => public_names(),
        Inferred::Strings(_) | Inferred::Unknown => StarExports::Unknown,
        Inferred::NotASequence => public_names(),
    }
}

/// The names bound at module level, including `global x` assignments in
/// functions (astroid files those in the module too), sorted.
fn module_names(semantic: &super::SemanticModel) -> Vec<String> {
    let mut names: Vec<String> = semantic.module_scope().bindings.keys().map(|name| name.to_string()).collect();
    for scope in &semantic.scopes[1..] {
        names.extend(scope.globals.iter().filter(|name| scope.bindings.contains_key(*name)).map(|n| n.to_string()));
    }
    names.sort_unstable();
    names.dedup();
    names
}

/// astroid gives up inferring a `+` of sequences of about this many elements
/// (its `max_inferable_values`); near the limit the outcome is not modelled.
const ASTROID_SEQUENCE_LIMIT: usize = 100;

enum Inferred {
    Strings(Vec<String>),
    /// Something astroid infers, but not to a list or tuple.
    NotASequence,
    Unknown,
}

fn inferred_strings(source: &str, semantic: &super::SemanticModel, value: Node, depth: usize) -> Inferred {
    if depth > 4 {
        return Inferred::Unknown;
    }
    let value = crate::syntax::strip_parens(value);
    match value.kind_id() {
        LIST | TUPLE | EXPRESSION_LIST => {
            let mut names = Vec::new();
            for element in code_children(value) {
                match plain_string(source, element) {
                    Some(name) => names.push(name.to_string()),
                    None => return Inferred::Unknown,
                }
            }
            Inferred::Strings(names)
        }
        LIST_COMPREHENSION | GENERATOR_EXPRESSION | SET_COMPREHENSION | DICTIONARY_COMPREHENSION => {
            Inferred::NotASequence
        }
        IDENTIFIER => {
            let mut bindings = semantic.bindings_of(super::ScopeId(0), node_text(source, value));
            let (Some(only), None) = (bindings.next(), bindings.next()) else { return Inferred::Unknown };
            let assigned = only
                .identifier
                .parent()
                .filter(|parent| parent.kind_id() == ASSIGNMENT && only.kind == super::BindingKind::Assignment)
                .and_then(|assignment| assignment.child_by_field_id(FIELD_RIGHT));
            match assigned {
                Some(assigned) if !only.unpacked => inferred_strings(source, semantic, assigned, depth + 1),
                _ => Inferred::Unknown,
            }
        }
        BINARY_OPERATOR => {
            let operator = value.child_by_field_id(FIELD_OPERATOR).map(|operator| node_text(source, operator));
            let (Some("+"), Some(left), Some(right)) =
                (operator, value.child_by_field_id(FIELD_LEFT), value.child_by_field_id(FIELD_RIGHT))
            else {
                return Inferred::Unknown;
            };
            match (inferred_strings(source, semantic, left, depth), inferred_strings(source, semantic, right, depth)) {
                (Inferred::Strings(mut left), Inferred::Strings(right)) => {
                    left.extend(right);
                    Inferred::Strings(left)
                }
                _ => Inferred::Unknown,
            }
        }
        _ => Inferred::Unknown,
    }
}

/// The value of a string literal without prefix, escapes or interpolation.
pub(crate) fn plain_string<'s>(source: &'s str, node: Node) -> Option<&'s str> {
    if node.kind_id() != STRING || crate::syntax::string_prefix(source, node).chars().any(|c| "bBfFtT".contains(c)) {
        return None;
    }
    let mut content = "";
    for child in code_children(node) {
        match child.kind_id() {
            STRING_START | STRING_END => {}
            STRING_CONTENT if content.is_empty() => content = node_text(source, child),
            _ => return None,
        }
    }
    (!content.contains('\\')).then_some(content)
}

/// The names `from module import *` binds, following the module's own star
/// imports. `None` when that cannot be told (a module not found, an
/// `__all__` not modelled).
///
/// This is astroid's `wildcard_import_names`, which only pylint's flow
/// checks consult; the names that end up in the importer's `locals` are
/// [`star_import_locals`].
pub fn star_import_names(index: &dyn ModuleIndex, module: &ModuleRef) -> Option<Vec<String>> {
    star_import_names_depth(index, module, 0)
}

/// The names `from module import *` files in the importer's `locals`:
/// astroid's builder adds every public name of the module (`public_names()`,
/// which includes what its own star imports bound), whatever its `__all__`
/// says. Name lookups (undefined names, `from package import name`) see these.
/// `None` when a star import of the module cannot be followed.
pub fn star_import_locals(index: &dyn ModuleIndex, module: &ModuleRef) -> Option<Vec<String>> {
    star_import_locals_depth(index, module, 0)
}

fn star_import_locals_depth(index: &dyn ModuleIndex, module: &ModuleRef, depth: usize) -> Option<Vec<String>> {
    let mut names: Vec<String> = module.summary.module_names.iter().filter(|name| !name.starts_with('_')).cloned().collect();
    for (level, imported) in &module.summary.star_imports {
        if depth > 8 {
            return None;
        }
        let imported = index.import(&module.path, *level, imported)?;
        names.extend(star_import_locals_depth(index, &imported, depth + 1)?);
    }
    Some(names)
}

fn star_import_names_depth(index: &dyn ModuleIndex, module: &ModuleRef, depth: usize) -> Option<Vec<String>> {
    match &module.summary.star_exports {
        StarExports::Listed(names) => Some(names.clone()),
        StarExports::Unknown => None,
        StarExports::Public(names) => {
            let mut names = names.clone();
            for (level, imported) in &module.summary.star_imports {
                if depth > 8 {
                    return None;
                }
                let imported = index.import(&module.path, *level, imported)?;
                names.extend(star_import_names_depth(index, &imported, depth + 1)?.into_iter().filter(|n| !n.starts_with('_')));
            }
            Some(names)
        }
    }
}

/// The names a module's locals get, in astroid's order: while the tree is
/// built, every binding as it is met (a `def` or `class` name once its body
/// is done, and assignments under `global` in functions); after it,
/// `from` imports in statement order, `*` ones bringing the imported
/// module's public names. A name keeps the place it was first given.
pub fn locals_order(source: &str, root: Node, semantic: &super::SemanticModel) -> Vec<LocalEntry> {
    use super::{BindingKind, ScopeId, ScopeKind};
    let mut built: Vec<(usize, &str)> = Vec::new();
    // (statement start, place in it, a name or a star import's (level, module))
    let mut delayed: Vec<(usize, usize, Result<&str, (usize, String)>)> = Vec::new();
    for binding in &semantic.bindings {
        let at_module = binding.scope == ScopeId(0);
        if !at_module {
            // `global x` then `x = ...` in a function files `x` in the
            // module; astroid does so for assignments and imports, not for
            // `def` and `class`.
            let scope = semantic.scope(binding.scope);
            let global_assignment = scope.kind == ScopeKind::Function
                && scope.globals.contains(binding.name)
                && !matches!(binding.kind, BindingKind::FunctionDef | BindingKind::ClassDef | BindingKind::Parameter);
            if !global_assignment {
                continue;
            }
        }
        let statement_kind = binding.statement.kind_id();
        if binding.kind == BindingKind::Import && matches!(statement_kind, IMPORT_FROM_STATEMENT | FUTURE_IMPORT_STATEMENT) {
            delayed.push((binding.statement.start_byte(), binding.identifier.start_byte(), Ok(binding.name)));
        } else if matches!(binding.kind, BindingKind::FunctionDef | BindingKind::ClassDef) {
            built.push((binding.statement.end_byte(), binding.name));
        } else {
            built.push((binding.identifier.start_byte(), binding.name));
        }
    }
    crate::syntax::walk(root, |node| match node.kind_id() {
        IMPORT_FROM_STATEMENT => {
            if let Some(target) = star_import_target(source, node) {
                delayed.push((node.start_byte(), node.start_byte(), Err(target)));
            }
            false
        }
        FUNCTION_DEFINITION | CLASS_DEFINITION | EXPRESSION_STATEMENT | RETURN_STATEMENT => false,
        _ => true,
    });
    built.sort_by_key(|(at, _)| *at);
    delayed.sort_by_key(|(statement, at, _)| (*statement, *at));
    let mut seen = crate::syntax::FastHashSet::default();
    let mut order = Vec::new();
    for (_, name) in built {
        if seen.insert(name) {
            order.push(LocalEntry::Name(name.to_string()));
        }
    }
    for (_, _, entry) in delayed {
        match entry {
            Ok(name) => {
                if seen.insert(name) {
                    order.push(LocalEntry::Name(name.to_string()));
                }
            }
            Err((level, module)) => order.push(LocalEntry::Star { level, module }),
        }
    }
    order
}

/// `(level, module)` of a `from module import *` statement (`None` for any
/// other statement).
pub fn star_import_target(source: &str, statement: Node) -> Option<(usize, String)> {
    if statement.kind_id() != IMPORT_FROM_STATEMENT || !code_children(statement).any(|child| child.kind_id() == WILDCARD_IMPORT) {
        return None;
    }
    let written = node_text(source, statement.child_by_field_id(FIELD_MODULE_NAME)?);
    let level = written.chars().take_while(|&c| c == '.').count();
    Some((level, written[level..].trim().to_string()))
}

/// astroid's `Module.public_names()`: the module's locals not starting with
/// `_`, in the order astroid files them (what `from module import *` gives
/// the importing module's locals, whatever `__all__` says). `None` when a
/// module it star-imports cannot be read.
pub fn public_names(index: &dyn ModuleIndex, module: &ModuleRef) -> Option<Vec<String>> {
    let mut names = module_locals(index, module, 0)?;
    names.retain(|name| !name.starts_with('_'));
    Some(names)
}

/// astroid's `Module.locals` keys in order: the module's own names and what
/// its star imports bind. `None` when a star-imported module cannot be read.
pub fn all_module_locals(index: &dyn ModuleIndex, module: &ModuleRef) -> Option<Vec<String>> {
    module_locals(index, module, 0)
}

fn module_locals(index: &dyn ModuleIndex, module: &ModuleRef, depth: usize) -> Option<Vec<String>> {
    // A chain this deep is a cycle (astroid would see a half-built module).
    if depth > 8 {
        return None;
    }
    let mut names: Vec<String> = Vec::new();
    let mut seen = crate::syntax::FastHashSet::default();
    for entry in &module.summary.locals_order {
        match entry {
            LocalEntry::Name(name) => {
                if seen.insert(name.clone()) {
                    names.push(name.clone());
                }
            }
            LocalEntry::Star { level, module: imported } => {
                // astroid skips a star import it cannot build (`from nt import *` off Windows).
                let Some(imported) = index.import(&module.path, *level, imported) else {
                    if *level == 0 && index.is_missing(&module.path, imported) {
                        continue;
                    }
                    return None;
                };
                for name in module_locals(index, &imported, depth + 1)? {
                    if !name.starts_with('_') && seen.insert(name.clone()) {
                        names.push(name);
                    }
                }
            }
        }
    }
    Some(names)
}

/// `NAME = callee(...)` as a whole statement, the callee a name or a
/// dotted name: `NAME` and the callee.
fn call_assignment<'s>(source: &'s str, statement: Node) -> Option<(&'s str, BaseRef)> {
    let assignment = code_children(statement).next().filter(|node| node.kind_id() == ASSIGNMENT)?;
    let target = assignment.child_by_field_id(FIELD_LEFT).filter(|target| target.kind_id() == IDENTIFIER)?;
    let value = assignment.child_by_field_id(FIELD_RIGHT).filter(|value| value.kind_id() == CALL)?;
    let callee = value.child_by_field_id(FIELD_FUNCTION)?;
    let callee = match callee.kind_id() {
        IDENTIFIER => BaseRef::Name(node_text(source, callee).to_string()),
        ATTRIBUTE => BaseRef::Dotted(dotted_parts(source, callee)?),
        _ => return None,
    };
    Some((node_text(source, target), callee))
}

/// `NAME = type(ARG)` as a whole statement, where `ARG` is a module-level
/// name bound once, by `import m` (`import m.n` too) or by a `def`: `NAME`
/// and the proxy class (see [`proxy_class`]).
fn type_of_module_or_function<'s>(
    source: &'s str,
    semantic: &super::SemanticModel,
    statement: Node,
) -> Option<(&'s str, &'static str)> {
    let assignment = code_children(statement).next().filter(|node| node.kind_id() == ASSIGNMENT)?;
    let target = assignment.child_by_field_id(FIELD_LEFT).filter(|target| target.kind_id() == IDENTIFIER)?;
    let value = assignment.child_by_field_id(FIELD_RIGHT).filter(|value| value.kind_id() == CALL)?;
    let callee = value.child_by_field_id(FIELD_FUNCTION)?;
    if callee.kind_id() != IDENTIFIER || node_text(source, callee) != "type" || semantic.module_scope().bindings.contains_key("type") {
        return None;
    }
    let mut arguments = code_children(value.child_by_field_id(FIELD_ARGUMENTS)?);
    let (Some(argument), None) = (arguments.next(), arguments.next()) else { return None };
    if argument.kind_id() != IDENTIFIER {
        return None;
    }
    let mut bindings = semantic.bindings_of(super::ScopeId(0), node_text(source, argument));
    let (Some(binding), None) = (bindings.next(), bindings.next()) else { return None };
    let proxy = match binding.kind {
        super::BindingKind::Import if binding.statement.kind_id() == IMPORT_STATEMENT => "module",
        super::BindingKind::FunctionDef => "function",
        _ => return None,
    };
    Some((node_text(source, target), proxy))
}

/// `NAME = {...}` or `NAME = dict(...)` as a whole statement: `NAME`.
fn dict_assignment<'s>(source: &'s str, statement: Node) -> Option<&'s str> {
    let assignment = code_children(statement).next().filter(|node| node.kind_id() == ASSIGNMENT)?;
    let target = assignment.child_by_field_id(FIELD_LEFT).filter(|target| target.kind_id() == IDENTIFIER)?;
    let value = assignment.child_by_field_id(FIELD_RIGHT)?;
    let is_dict = match value.kind_id() {
        DICTIONARY => true,
        CALL => value
            .child_by_field_id(FIELD_FUNCTION)
            .is_some_and(|function| function.kind_id() == IDENTIFIER && node_text(source, function) == "dict"),
        _ => false,
    };
    is_dict.then(|| node_text(source, target))
}

/// Whether `name` appears exactly once in a binding position anywhere in the
/// module (targets, loop variables, imports, definitions, `global`, ...), so
/// that its one top-level assignment is all inference could see. Also false
/// when the module rebinds `dict`.
fn bound_once(source: &str, root: Node, name: &str) -> bool {
    let mut bindings = 0;
    crate::syntax::walk(root, |node| {
        if node.kind_id() == IDENTIFIER {
            let text = node_text(source, node);
            if (text == name || text == "dict") && is_binding_position(node) {
                bindings += if text == name { 1 } else { 2 };
            }
        }
        bindings < 2
    });
    bindings == 1
}

fn is_binding_position(identifier: Node) -> bool {
    let Some(parent) = identifier.parent() else { return false };
    match parent.kind_id() {
        ASSIGNMENT | AUGMENTED_ASSIGNMENT | FOR_STATEMENT | FOR_IN_CLAUSE | NAMED_EXPRESSION => {
            parent.child_by_field_id(FIELD_LEFT) == Some(identifier)
                || parent.child_by_field_id(FIELD_NAME) == Some(identifier)
        }
        FUNCTION_DEFINITION | CLASS_DEFINITION => parent.child_by_field_id(FIELD_NAME) == Some(identifier),
        PATTERN_LIST | TUPLE_PATTERN | LIST_PATTERN | AS_PATTERN_TARGET | GLOBAL_STATEMENT | NONLOCAL_STATEMENT
        | DOTTED_NAME | ALIASED_IMPORT | LIST_SPLAT_PATTERN | DELETE_STATEMENT => true,
        _ => false,
    }
}

/// How the module's top-level imports spell abc's `abstractmethod` and
/// `abstractproperty` as decorators: `from abc import abstractmethod as am`
/// gives `am`, `import abc` gives `abc.abstractmethod`.
fn abc_abstract_decorators(source: &str, root: Node) -> Vec<String> {
    const ABSTRACT: [&str; 2] = ["abstractmethod", "abstractproperty"];
    let mut spellings = Vec::new();
    for statement in code_children(root).filter(|s| matches!(s.kind_id(), IMPORT_STATEMENT | IMPORT_FROM_STATEMENT)) {
        for (bound, target) in import_bindings(source, statement) {
            match target {
                ImportTarget::Module { module } if module == "abc" => {
                    spellings.extend(ABSTRACT.iter().map(|name| format!("{bound}.{name}")));
                }
                ImportTarget::From { level: 0, module, name } if module == "abc" && ABSTRACT.contains(&name.as_str()) => {
                    spellings.push(bound);
                }
                _ => {}
            }
        }
    }
    spellings
}

/// Whether the first statement of `function`'s body (its docstring aside)
/// is a `raise` whose exception expression names `NotImplementedError`
/// anywhere (astroid's `Raise.raises_not_implemented`, which is what
/// `FunctionDef.is_abstract(pass_is_abstract=False)` looks at besides the
/// decorators).
/// A module function that, used as a decorator, cannot make a method a
/// `classmethod` or `staticmethod` (astroid infers what it returns): its
/// text never names either.
pub fn keeps_method_type(source: &str, function: Node) -> bool {
    let text = node_text(source, function);
    !text.contains("staticmethod") && !text.contains("classmethod")
}

/// A function whose body (docstring aside) is empty or starts with `pass`.
pub fn body_is_pass(source: &str, function: Node) -> bool {
    let Some(body) = function.child_by_field_id(FIELD_BODY) else { return true };
    code_children(body)
        .find(|statement| !crate::syntax::is_docstring_statement(source, *statement))
        .is_none_or(|first| first.kind_id() == PASS_STATEMENT)
}

pub fn first_statement_raises_not_implemented(source: &str, function: Node) -> bool {
    let Some(body) = function.child_by_field_id(FIELD_BODY) else { return false };
    let Some(first) = code_children(body).find(|statement| !crate::syntax::is_docstring_statement(source, *statement))
    else {
        return false;
    };
    if first.kind_id() != RAISE_STATEMENT {
        return false;
    }
    // The raised expression only: not the `from` cause.
    let Some(raised) = code_children(first).next() else { return false };
    if first.child_by_field_id(FIELD_CAUSE).is_some_and(|cause| cause.id() == raised.id()) {
        return false;
    }
    let mut names_it = false;
    crate::syntax::walk(raised, |node| {
        if node.kind_id() == IDENTIFIER && node_text(source, node) == "NotImplementedError" && is_name_position(node) {
            names_it = true;
        }
        !names_it
    });
    names_it
}

/// An identifier that is a name read (astroid's `Name`), not an attribute
/// or a keyword argument's name.
fn is_name_position(identifier: Node) -> bool {
    let Some(parent) = identifier.parent() else { return true };
    match parent.kind_id() {
        ATTRIBUTE => parent.child_by_field_id(FIELD_ATTRIBUTE) != Some(identifier),
        KEYWORD_ARGUMENT => parent.child_by_field_id(FIELD_NAME) != Some(identifier),
        _ => true,
    }
}

fn class_summary(source: &str, class: Node, abstract_decorators: &[String]) -> ClassSummary {
    let mut summary = ClassSummary::default();
    if let Some(arguments) = class.child_by_field_id(FIELD_SUPERCLASSES) {
        for argument in code_children(arguments) {
            if argument.kind_id() == KEYWORD_ARGUMENT {
                continue;
            }
            summary.bases.push(BaseRef::of_expression(source, argument));
        }
    }
    let Some(body) = class.child_by_field_id(FIELD_BODY) else { return summary };
    (summary.signatures, summary.rebound_names) = override_signatures(source, body);
    for statement in code_children(body) {
        let definition = undecorated(statement);
        match definition.kind_id() {
            FUNCTION_DEFINITION => {
                if let Some(name) = definition.child_by_field_id(FIELD_NAME) {
                    let name = node_text(source, name);
                    if !summary.members.contains_key(name) && is_abstract_method(source, statement, abstract_decorators) {
                        summary.abstract_methods.push(name.to_string());
                    }
                    if !summary.members.contains_key(name) && body_is_pass(source, definition) {
                        summary.pass_methods.push(name.to_string());
                    }
                    let member = ClassMember::Method(parameters(source, definition));
                    summary.members.entry(name.to_string()).or_insert(member);
                }
            }
            CLASS_DEFINITION => {
                if let Some(name) = definition.child_by_field_id(FIELD_NAME) {
                    summary.members.entry(node_text(source, name).to_string()).or_insert(ClassMember::Other);
                }
            }
            EXPRESSION_STATEMENT => {
                for child in code_children(definition) {
                    let assignment = match child.kind_id() {
                        ASSIGNMENT => child,
                        AUGMENTED_ASSIGNMENT => continue,
                        _ => {
                            summary.unlisted_bindings |= binds_by_walrus(child);
                            continue;
                        }
                    };
                    let chained = assignment.child_by_field_id(FIELD_RIGHT).is_some_and(|right| right.kind_id() == ASSIGNMENT);
                    match assignment.child_by_field_id(FIELD_LEFT).filter(|t| t.kind_id() == IDENTIFIER) {
                        Some(target) if !chained => {
                            let name = node_text(source, target).to_string();
                            let value = assignment.child_by_field_id(FIELD_RIGHT).and_then(|value| AttributeValue::of(source, value));
                            if let Some(value) = value.filter(|_| !summary.members.contains_key(&name)) {
                                summary.attribute_values.insert(name.clone(), value);
                            }
                            summary.members.entry(name).or_insert(ClassMember::Other);
                        }
                        _ => summary.unlisted_bindings = true,
                    }
                    summary.unlisted_bindings |= assignment.child_by_field_id(FIELD_RIGHT).is_some_and(binds_by_walrus);
                }
            }
            PASS_STATEMENT | RETURN_STATEMENT | RAISE_STATEMENT | ASSERT_STATEMENT | BREAK_STATEMENT
            | CONTINUE_STATEMENT | NONLOCAL_STATEMENT | GLOBAL_STATEMENT => {}
            _ => summary.unlisted_bindings = true,
        }
    }
    // A value rebound later in the body is not the one astroid infers alone.
    summary.attribute_values.retain(|name, _| !summary.rebound_names.contains(name));
    summary
}

/// The signatures an override is compared with, per name first bound by a
/// def at the top level of the class body, and the names bound there more
/// than once.
pub fn override_signatures(source: &str, body: Node) -> (FastHashMap<String, super::signature::Signature>, Vec<String>) {
    use super::signature::Signature;
    let mut bindings: Vec<(String, Option<Signature>)> = Vec::new();
    for statement in code_children(body) {
        let definition = undecorated(statement);
        match definition.kind_id() {
            FUNCTION_DEFINITION | CLASS_DEFINITION => {
                if let Some(name) = definition.child_by_field_id(FIELD_NAME) {
                    let signature = (definition.kind_id() == FUNCTION_DEFINITION).then(|| Signature::of(source, definition));
                    bindings.push((node_text(source, name).to_string(), signature));
                }
            }
            EXPRESSION_STATEMENT => {
                for assignment in code_children(definition).filter(|child| child.kind_id() == ASSIGNMENT) {
                    let mut target = assignment.child_by_field_id(FIELD_LEFT);
                    let mut value = assignment.child_by_field_id(FIELD_RIGHT);
                    while let Some(identifier) = target.filter(|t| t.kind_id() == IDENTIFIER) {
                        bindings.push((node_text(source, identifier).to_string(), None));
                        target = value.filter(|v| v.kind_id() == ASSIGNMENT).and_then(|v| v.child_by_field_id(FIELD_LEFT));
                        value = value.filter(|v| v.kind_id() == ASSIGNMENT).and_then(|v| v.child_by_field_id(FIELD_RIGHT));
                    }
                }
            }
            _ => {}
        }
    }
    let mut signatures: FastHashMap<String, Signature> = FastHashMap::default();
    let mut rebound = Vec::new();
    for (index, (name, first)) in bindings.iter().enumerate() {
        if bindings[..index].iter().any(|(earlier, _)| earlier == name) {
            if !rebound.contains(name) {
                rebound.push(name.clone());
            }
            continue;
        }
        let Some(first) = first else { continue };
        let chosen = if first.overload_stub {
            bindings[index..]
                .iter()
                .filter(|(other, signature)| other == name && signature.as_ref().is_some_and(|s| !s.overload_stub))
                .filter_map(|(_, signature)| signature.clone())
                .last()
                .unwrap_or_else(|| first.clone())
        } else {
            first.clone()
        };
        signatures.insert(name.clone(), chosen);
    }
    (signatures, rebound)
}

/// Whether `function` (under its decorators, `statement`) is abstract to
/// astroid with `pass_is_abstract=False`.
fn is_abstract_method(source: &str, statement: Node, abstract_decorators: &[String]) -> bool {
    let decorated = statement.kind_id() == DECORATED_DEFINITION
        && code_children(statement).filter(|child| child.kind_id() == DECORATOR).any(|decorator| {
            code_children(decorator).next().is_some_and(|expression| {
                abstract_decorators.iter().any(|spelling| dotted_parts(source, expression).is_some_and(|parts| parts.join(".") == *spelling))
            })
        });
    decorated || first_statement_raises_not_implemented(source, undecorated(statement))
}

/// Whether an expression contains `:=` (which binds in the class body).
fn binds_by_walrus(expression: Node) -> bool {
    let mut found = false;
    crate::syntax::walk(expression, |node| {
        found |= node.kind_id() == NAMED_EXPRESSION;
        !found && !matches!(node.kind_id(), LAMBDA | LIST_COMPREHENSION | SET_COMPREHENSION | DICTIONARY_COMPREHENSION | GENERATOR_EXPRESSION)
    });
    found
}

/// `a.b.c` → ["a", "b", "c"]; `None` unless it is names and dots only.
pub fn dotted_parts(source: &str, expression: Node) -> Option<Vec<String>> {
    match expression.kind_id() {
        IDENTIFIER => Some(vec![node_text(source, expression).to_string()]),
        ATTRIBUTE => {
            let mut parts = dotted_parts(source, expression.child_by_field_id(FIELD_OBJECT)?)?;
            parts.push(node_text(source, expression.child_by_field_id(FIELD_ATTRIBUTE)?).to_string());
            Some(parts)
        }
        _ => None,
    }
}

/// The class named by dotted `parts` whose first part is bound by `target`
/// (an import of the module at `importer`): `mod.Class`, `pkg.mod.Class`.
pub fn dotted_class(index: &dyn ModuleIndex, importer: &std::path::Path, target: &ImportTarget, parts: &[String]) -> RemoteBase {
    let [first, middle @ .., class] = parts else { return RemoteBase::Unknown };
    let module = match target {
        // `import a.b` binds `a`; `a.b.C` means module `a.b`.
        ImportTarget::Module { module } if module == first => {
            let mut path = vec![first.clone()];
            path.extend(middle.iter().cloned());
            index.import(importer, 0, &path.join("."))
        }
        // `import a.b as c`: `c.C` is `a.b.C`.
        ImportTarget::Module { module } => {
            let mut path = vec![module.clone()];
            path.extend(middle.iter().cloned());
            index.import(importer, 0, &path.join("."))
        }
        ImportTarget::From { .. } => match resolve_import(index, importer, target) {
            Some(Resolved::Module(module)) if middle.is_empty() => Some(module),
            Some(Resolved::Module(module)) => index.import(&module.path, 1, &middle.join(".")),
            _ => None,
        },
    };
    module.map_or(RemoteBase::Unknown, |module| class_in_module(index, module, class))
}

/// Parameter names of a function, in order, with whether each is positional-only.
pub fn parameters(source: &str, function: Node) -> Vec<Parameter> {
    let Some(parameters) = function.child_by_field_id(FIELD_PARAMETERS) else { return Vec::new() };
    let children: Vec<Node> = code_children(parameters).collect();
    let separator = children.iter().position(|child| child.kind_id() == POSITIONAL_SEPARATOR);
    let mut names = Vec::new();
    for (index, parameter) in children.iter().enumerate() {
        let identifier = match parameter.kind_id() {
            IDENTIFIER => Some(*parameter),
            DEFAULT_PARAMETER | TYPED_DEFAULT_PARAMETER => parameter.child_by_field_id(FIELD_NAME),
            TYPED_PARAMETER | LIST_SPLAT_PATTERN | DICTIONARY_SPLAT_PATTERN => {
                code_children(*parameter).find(|child| child.kind_id() == IDENTIFIER).or_else(|| {
                    // `*args: int` is (typed_parameter (list_splat_pattern (identifier)) type)
                    code_children(*parameter)
                        .find(|child| matches!(child.kind_id(), LIST_SPLAT_PATTERN | DICTIONARY_SPLAT_PATTERN))
                        .and_then(|splat| code_children(splat).find(|c| c.kind_id() == IDENTIFIER))
                })
            }
            _ => None,
        };
        if let Some(identifier) = identifier.filter(|n| n.kind_id() == IDENTIFIER) {
            names.push((node_text(source, identifier).to_string(), separator.is_some_and(|s| index < s)));
        }
    }
    names
}

/// The names an import statement binds and what they refer to.
pub fn import_bindings(source: &str, statement: Node) -> Vec<(String, ImportTarget)> {
    let mut bindings = Vec::new();
    if statement.kind_id() == IMPORT_STATEMENT {
        for child in code_children(statement) {
            match child.kind_id() {
                DOTTED_NAME => {
                    let module = node_text(source, child);
                    let first = module.split('.').next().unwrap_or(module);
                    bindings.push((first.to_string(), ImportTarget::Module { module: first.to_string() }));
                }
                ALIASED_IMPORT => {
                    if let (Some(name), Some(alias)) =
                        (child.child_by_field_id(FIELD_NAME), child.child_by_field_id(FIELD_ALIAS))
                    {
                        let module = node_text(source, name).to_string();
                        bindings.push((node_text(source, alias).to_string(), ImportTarget::Module { module }));
                    }
                }
                _ => {}
            }
        }
        return bindings;
    }
    let Some(module_name) = statement.child_by_field_id(FIELD_MODULE_NAME) else { return bindings };
    let written = node_text(source, module_name);
    let level = written.chars().take_while(|&c| c == '.').count();
    let module = written[level..].trim().to_string();
    for child in code_children(statement) {
        if child.id() == module_name.id() {
            continue;
        }
        let (name, bound) = match child.kind_id() {
            DOTTED_NAME => (node_text(source, child), node_text(source, child)),
            ALIASED_IMPORT => match (child.child_by_field_id(FIELD_NAME), child.child_by_field_id(FIELD_ALIAS)) {
                (Some(name), Some(alias)) => (node_text(source, name), node_text(source, alias)),
                _ => continue,
            },
            _ => continue,
        };
        let target = ImportTarget::From { level, module: module.clone(), name: name.to_string() };
        bindings.push((bound.to_string(), target));
    }
    bindings
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::ParsedModule;

    #[test]
    fn summarizes_classes_and_imports() {
        let source = "from . import mixins\nimport os.path\nfrom ..abc import Base as B\n\
                      class Queue(mixins._LoopBoundMixin, B, metaclass=M):\n    x = 1\n    \
                      def put(self, item, /, *args, block=True, **kw):\n        pass\n";
        let module = ParsedModule::parse(source.to_string(), None);
        let summary = ModuleSummary::build(&module.source, module.root());
        let queue = &summary.classes["Queue"];
        assert_eq!(
            queue.bases,
            [BaseRef::Dotted(vec!["mixins".into(), "_LoopBoundMixin".into()]), BaseRef::Name("B".into())]
        );
        let expected: Vec<Parameter> = vec![
            ("self".into(), true),
            ("item".into(), true),
            ("args".into(), false),
            ("block".into(), false),
            ("kw".into(), false),
        ];
        assert_eq!(queue.members["put"], ClassMember::Method(expected));
        assert_eq!(queue.members["x"], ClassMember::Other);
        assert_eq!(summary.imports["mixins"], ImportTarget::From { level: 1, module: String::new(), name: "mixins".into() });
        assert_eq!(summary.imports["os"], ImportTarget::Module { module: "os".into() });
        assert_eq!(summary.imports["B"], ImportTarget::From { level: 2, module: "abc".into(), name: "Base".into() });
    }

    #[test]
    fn lists_functions_that_make_no_property_as_decorators() {
        let source = "def passthrough(f):\n    return f\n\n\
                      def wrapping(f):\n    return property(f)\n\n\
                      def branching(f):\n    if f:\n        return f\n    return None\n\n\
                      def named(f):\n    @property\n    def inner(self):\n        return f(self)\n    return inner\n\n\
                      def rebinding(f):\n    f = wrap(f)\n    return f\n";
        let module = ParsedModule::parse(source.to_string(), None);
        let summary = ModuleSummary::build(&module.source, module.root());
        assert_eq!(summary.non_property_decorators, ["branching", "passthrough", "wrapping"]);
    }

    fn exports(source: &str) -> StarExports {
        let module = ParsedModule::parse(source.to_string(), None);
        ModuleSummary::build(&module.source, module.root()).star_exports
    }

    #[test]
    fn star_exports_follow_astroids_inference_of_dunder_all() {
        let listed = |names: &[&str]| StarExports::Listed(names.iter().map(|n| n.to_string()).collect());
        let public = |names: &[&str]| StarExports::Public(names.iter().map(|n| n.to_string()).collect());
        assert_eq!(exports("a = b = 1\n__all__ = ['a', '_b']\n__all__ += ['b']\n"), listed(&["a", "_b"]));
        assert_eq!(exports("_x = ('a',)\n__all__ = (_x + ['b'])\n"), listed(&["a", "b"]));
        // No `__all__`: public module names, `global` assignments in functions included.
        assert_eq!(exports("import os.path\nclass C: y = 1\ndef f():\n    global g\n    g = 1\n_p = 1\n"), public(&["C", "f", "g", "os"]));
        // A comprehension is never inferred to a list; neither is a `+` of 100 elements.
        assert_eq!(exports("a = 1\n__all__ = [n for n in 'a']\n"), public(&["a"]));
        let long = format!("x = 1\n_l = [{}]\n__all__ = _l + ['y']\n", vec!["'n'"; 100].join(", "));
        assert_eq!(exports(&long), public(&["x"]));
        // Calls, names bound twice, non-string elements: not modelled.
        assert_eq!(exports("__all__ = list(('a',))\n"), StarExports::Unknown);
        assert_eq!(exports("_x = ['a']\n_x = ['b']\n__all__ = _x\n"), StarExports::Unknown);
        assert_eq!(exports("b = 'b'\n__all__ = ['a', b]\n"), StarExports::Unknown);
    }
}

/// Whether astroid's `infer_call_result` of an undecorated function gives
/// exactly `None`: it is not async, has no `return` or `yield` of its own,
/// and is not "abstract" with `pass_is_abstract` and `any_raise_is_abstract`
/// (its first statement after the docstring is neither `pass` nor `raise`).
pub fn call_result_is_only_none(source: &str, function: Node) -> bool {
    if crate::syntax::is_async(function) {
        return false;
    }
    let Some(body) = function.child_by_field_id(FIELD_BODY) else { return false };
    let mut statements = code_children(body).peekable();
    if statements.peek().is_some_and(|first| crate::syntax::is_docstring_statement(source, *first)) {
        statements.next();
    }
    let Some(first) = statements.next() else { return false };
    if matches!(first.kind_id(), RAISE_STATEMENT | PASS_STATEMENT) {
        return false;
    }
    let mut returns_or_yields = false;
    crate::syntax::walk(body, |node| match node.kind_id() {
        FUNCTION_DEFINITION | LAMBDA | CLASS_DEFINITION => false,
        RETURN_STATEMENT | YIELD => {
            returns_or_yields = true;
            false
        }
        _ => !returns_or_yields,
    });
    !returns_or_yields
}

/// The top-level function an import leads to, through re-exports: its
/// module and name. `None` when some step binds the name more than once.
pub fn imported_function(index: &dyn ModuleIndex, importer: &std::path::Path, target: &ImportTarget) -> Option<(ModuleRef, String)> {
    let mut importer = importer.to_path_buf();
    let mut target = target.clone();
    for _ in 0..8 {
        let ImportTarget::From { level, module, name } = &target else { return None };
        let from = index.import(&importer, *level, module)?;
        if from.summary.binding_counts.get(name) != Some(&1) {
            return None;
        }
        match from.summary.imports.get(name) {
            Some(next) => {
                target = next.clone();
                importer = from.path.clone();
            }
            None => return Some((from, name.clone())),
        }
    }
    None
}

/// A module file found for an import, with its summary.
#[derive(Clone, Debug)]
pub struct ModuleRef {
    pub path: std::path::PathBuf,
    pub summary: std::sync::Arc<ModuleSummary>,
}

/// Finds and summarizes imported modules. Implemented outside the rules
/// (the checker reads files); rules only ask.
pub trait ModuleIndex: Send + Sync {
    /// The module `module` imported `level` dots up from the file `importer`
    /// (`level` 0: absolute). `None` when it cannot be found or read.
    fn import(&self, importer: &std::path::Path, level: usize, module: &str) -> Option<ModuleRef>;

    /// Whether the absolute import of `module` finds nothing at all: no
    /// source, no package directory, no compiled module. astroid cannot
    /// infer what such an import binds, and leaves it out (a base class
    /// from it is no base at all), where an unreadable module is unknown.
    fn is_missing(&self, _importer: &std::path::Path, _module: &str) -> bool {
        false
    }
}

/// The dotted module name of a file: its path from the top of its package
/// (`collections/__init__.py` is `collections`).
pub fn dotted_module_name(path: &std::path::Path) -> String {
    let mut parts = Vec::new();
    if let Some(stem) = path.file_stem().and_then(|stem| stem.to_str()) {
        if stem != "__init__" {
            parts.push(stem.to_string());
        }
    }
    let mut directory = path.parent();
    while let Some(current) = directory.filter(|dir| dir.join("__init__.py").is_file()) {
        match current.file_name().and_then(|name| name.to_str()) {
            Some(name) => parts.push(name.to_string()),
            None => break,
        }
        directory = current.parent();
    }
    parts.reverse();
    parts.join(".")
}

/// The classes astroid's brains put into a module by name, replacing what
/// the module binds (`register_module_extender`): astroid's
/// `brain_collections` mocks `defaultdict`, `deque` and `OrderedDict` in
/// Python, and pylint sees those, not the module's own code.
const BRAIN_EXTENSIONS: &[(&str, &str)] = &[("collections", COLLECTIONS_BRAIN)];

/// What astroid 4's `brain_collections` writes for `collections`.
const COLLECTIONS_BRAIN: &str = r#"
class defaultdict(dict):
    default_factory = None
    def __missing__(self, key): pass
    def __getitem__(self, key): return default_factory

class deque(object):
    maxlen = 0
    def __init__(self, iterable=None, maxlen=None):
        self.iterable = iterable or []
    def append(self, x): pass
    def appendleft(self, x): pass
    def clear(self): pass
    def count(self, x): return 0
    def extend(self, iterable): pass
    def extendleft(self, iterable): pass
    def pop(self): return self.iterable[0]
    def popleft(self): return self.iterable[0]
    def remove(self, value): pass
    def reverse(self): return reversed(self.iterable)
    def rotate(self, n=1): return self
    def __iter__(self): return self
    def __reversed__(self): return self.iterable[::-1]
    def __getitem__(self, index): return self.iterable[index]
    def __setitem__(self, index, value): pass
    def __delitem__(self, index): pass
    def __bool__(self): return bool(self.iterable)
    def __contains__(self, o): return o in self.iterable
    def __len__(self): return len(self.iterable)
    def __copy__(self): return deque(self.iterable)
    def copy(self): return deque(self.iterable)
    def index(self, x, start=0, end=0): return 0
    def insert(self, i, x): pass
    def __add__(self, other): pass
    def __iadd__(self, other): pass
    def __mul__(self, other): pass
    def __imul__(self, other): pass
    def __rmul__(self, other): pass
    @classmethod
    def __class_getitem__(self, item): return cls

class OrderedDict(dict):
    def __reversed__(self): return self[::-1]
    def move_to_end(self, key, last=False): pass
    @classmethod
    def __class_getitem__(cls, item): return cls
"#;

impl ModuleSummary {
    /// Applies the brain extension of the module named `dotted_name`, if
    /// astroid has one: each class the brain defines replaces the module's
    /// own binding of that name.
    pub fn extend_with_brain(&mut self, dotted_name: &str) {
        let Some((_, brain)) = BRAIN_EXTENSIONS.iter().find(|(module, _)| *module == dotted_name) else { return };
        let parsed = crate::syntax::ParsedModule::parse(brain.to_string(), None);
        let extension = ModuleSummary::build(&parsed.source, parsed.root());
        for (name, class) in extension.classes {
            self.imports.remove(&name);
            self.compiled_classes.remove(&name);
            self.binding_counts.insert(name.clone(), 1);
            if let Err(at) = self.module_names.binary_search(&name) {
                self.module_names.insert(at, name.clone());
            }
            self.classes.insert(name, class);
        }
    }
}

/// A class found in another module.
#[derive(Clone, Debug)]
pub struct RemoteClass {
    pub module: ModuleRef,
    pub name: String,
}

impl RemoteClass {
    pub fn summary(&self) -> Option<&ClassSummary> {
        self.module.summary.classes.get(&self.name)
    }
}

/// Where `target` (bound by an import in the file `importer`) leads: a class
/// or a module, following re-exports a few steps.
pub enum Resolved {
    Class(RemoteClass),
    Module(ModuleRef),
    /// A top-level name bound only to a dict (`ModuleSummary::dicts`).
    Dict,
}

pub fn resolve_import(index: &dyn ModuleIndex, importer: &std::path::Path, target: &ImportTarget) -> Option<Resolved> {
    resolve_import_depth(index, importer, target, 0)
}

fn resolve_import_depth(
    index: &dyn ModuleIndex,
    importer: &std::path::Path,
    target: &ImportTarget,
    depth: usize,
) -> Option<Resolved> {
    if depth > 8 {
        return None;
    }
    match target {
        ImportTarget::Module { module } => index.import(importer, 0, module).map(Resolved::Module),
        ImportTarget::From { level, module, name } => {
            if let Some(from) = index.import(importer, *level, module) {
                if from.summary.classes.contains_key(name) {
                    return Some(Resolved::Class(RemoteClass { module: from, name: name.clone() }));
                }
                if from.summary.dicts.contains(name) {
                    return Some(Resolved::Dict);
                }
                if let Some(next) = from.summary.imports.get(name) {
                    let next = next.clone();
                    return resolve_import_depth(index, &from.path, &next, depth + 1);
                }
            }
            // `from package import submodule`.
            let submodule = if module.is_empty() { name.clone() } else { format!("{module}.{name}") };
            index.import(importer, *level, &submodule).map(Resolved::Module)
        }
    }
}

/// The base classes of a class of another module, resolved in that module.
pub enum RemoteBase {
    Class(RemoteClass),
    /// A builtin class (`object` is left out).
    Builtin,
    Unknown,
}

pub fn remote_bases(index: &dyn ModuleIndex, class: &RemoteClass) -> Vec<RemoteBase> {
    let Some(summary) = class.summary() else { return vec![RemoteBase::Unknown] };
    let module = &class.module;
    summary
        .bases
        .iter()
        .filter_map(|base| match base {
            BaseRef::Name(name) if name == "object" => None,
            BaseRef::Name(name) => Some(if module.summary.classes.contains_key(name) {
                RemoteBase::Class(RemoteClass { module: module.clone(), name: name.clone() })
            } else if let Some(target) = module.summary.imports.get(name) {
                match resolve_import(index, &module.path, target) {
                    Some(Resolved::Class(class)) => RemoteBase::Class(class),
                    _ => RemoteBase::Unknown,
                }
            } else if !module.summary.others.contains(name) && crate::semantic::is_builtin_name(name) {
                RemoteBase::Builtin
            } else {
                RemoteBase::Unknown
            }),
            BaseRef::Dotted(parts) => Some(match module.summary.imports.get(&parts[0]) {
                Some(target) => dotted_class(index, &module.path, target, parts),
                None => RemoteBase::Unknown,
            }),
            BaseRef::Subscript { .. } | BaseRef::Unknown => Some(RemoteBase::Unknown),
        })
        .collect()
}

/// The class `name` of a module (defined there or imported into it).
pub fn class_in_module(index: &dyn ModuleIndex, module: ModuleRef, name: &str) -> RemoteBase {
    if module.summary.classes.contains_key(name) {
        return RemoteBase::Class(RemoteClass { module, name: name.to_string() });
    }
    match module.summary.imports.get(name).cloned() {
        Some(target) => match resolve_import(index, &module.path, &target) {
            Some(Resolved::Class(class)) => RemoteBase::Class(class),
            _ => RemoteBase::Unknown,
        },
        None => RemoteBase::Unknown,
    }

}
