use super::arguments_differ::{defined_in, Definition};
use super::attribute_defined_outside_init::Ancestry;
use super::prelude::*;
use super::too_many_ancestors::{ClassRef, Hierarchy};
use crate::semantic::builtin_classes::builtin_class;
use crate::semantic::classes::{method_kind, Decorator, MethodKind};
use crate::semantic::signature::Signature;
use crate::semantic::summary::{self, ImportTarget, ModuleRef, ModuleSummary, RemoteClass, Resolved};
use std::collections::HashMap;
use std::path::Path;

declare_rule! {
    /// ## What it does
    /// Checks for methods that override an inherited method of another
    /// kind: a property overridden by a plain method (or a static or class
    /// method), a method overridden by a property, or a coroutine
    /// (`async def`) overridden by a plain function and the other way round.
    ///
    /// The overridden method is the first definition of the name along the
    /// class's MRO, followed into other modules as astroid does; `__init__`
    /// is not compared. A decorator makes a property when it is `property`,
    /// `functools.cached_property`, a class deriving from `property`
    /// (`abc.abstractproperty` among them), `<name>.setter`/`<name>.deleter`,
    /// or a function whose one `return` gives a property. Where that cannot
    /// be told (a call as decorator, a name bound more than once, a function
    /// returning another name than its parameter, an ancestor of the
    /// decorator class that cannot be resolved), nothing is said about
    /// properties; `async` is compared regardless. Nothing is reported when
    /// an ancestor of the class cannot be resolved.
    ///
    /// ## Why is this bad?
    /// Code written against the base class reads a property as an attribute
    /// and calls a method, awaits a coroutine and uses a plain result as it
    /// is: an override of another kind breaks all of those uses.
    ///
    /// ## Example
    /// ```python
    /// class Shape:
    ///     @property
    ///     def area(self):
    ///         return 0
    ///
    /// class Square(Shape):
    ///     def area(self):
    ///         return self.side**2
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// class Square(Shape):
    ///     @property
    ///     def area(self):
    ///         return self.side**2
    /// ```
    code: "W0236",
    symbol: "invalid-overridden-method",
    category: Warning,
    checker: "classes",
    trigger: Trigger::Node(&[CLASS_DEFINITION], check),
}

fn check(ctx: &mut Context, class: Node) {
    let methods = super::method_hidden::methods(ctx, class);
    if methods.is_empty() {
        return;
    }
    let mut reports = Vec::new();
    {
        let shared: &Context = ctx;
        let mut hierarchy = Hierarchy::new(shared);
        let Some(mro) = super::abstract_method::linearization(&mut hierarchy, ClassRef::Local(class), &mut HashMap::new(), 0) else {
            return;
        };
        let mut kinds = MethodKinds { ctx: shared, ancestry: Ancestry::new(shared) };
        for (function, name) in methods {
            if name == "__init__" {
                continue;
            }
            let Some(overridden) = overridden_method(shared, &mro[1..], name) else { continue };
            let current = Signature::of(shared.source, function);
            let (parent_is_property, parent_is_async) = match &overridden {
                Overridden::Builtin => (Some(false), false),
                Overridden::Defined(owner, signature) => {
                    (Origin::of(owner).and_then(|origin| kinds.is_property(signature, &origin)), signature.is_async)
                }
            };
            let current_is_property = kinds.is_property(&current, &Origin::Local(class));
            match (parent_is_property, current_is_property) {
                (Some(true), Some(false)) => {
                    if let Some(kind) = kinds.method_type(function, class, &current.decorators) {
                        reports.push((function, format!("Method '{name}' was expected to be 'property', found it instead as '{kind}'")));
                    }
                }
                (Some(false), Some(true)) => {
                    reports.push((function, format!("Method '{name}' was expected to be 'method', found it instead as 'property'")));
                }
                _ => {}
            }
            let expected_and_found = match (parent_is_async, current.is_async) {
                (true, false) => Some(("async", "non-async")),
                (false, true) => Some(("non-async", "async")),
                _ => None,
            };
            if let Some((expected, found)) = expected_and_found {
                reports.push((function, format!("Method '{name}' was expected to be '{expected}', found it instead as '{found}'")));
            }
        }
    }
    for (function, message) in reports {
        super::too_many_branches::report_on_def(ctx, function, message);
    }
}

/// The method pylint compares an override with.
enum Overridden<'t> {
    /// A def in a class of this module or of another one (its
    /// implementation when the first def is an `overload` stub).
    Defined(ClassRef<'t>, Signature),
    /// A method of a builtin class: a plain function to astroid.
    Builtin,
}

/// astroid's `local_attr_ancestors(name)` as pylint walks it: along the MRO,
/// the first ancestor whose first binding of `name` is a def. `None` when
/// there is none, or some ancestor's binding cannot be read with certainty.
fn overridden_method<'t>(ctx: &Context<'_, 't>, ancestors: &[ClassRef<'t>], name: &str) -> Option<Overridden<'t>> {
    for ancestor in ancestors {
        if let ClassRef::Builtin(builtin) = ancestor {
            if !builtin_class(builtin)?.has(name) {
                continue;
            }
            // Data descriptors and class-bound builtins are not functions to
            // astroid, which goes on to the next ancestor; whether this
            // class's binding is one of them is not tabled per class.
            if BUILTIN_NON_FUNCTIONS.contains(&name) || crate::semantic::builtin_classes::IMPLICIT_LOCALS.contains(&name) {
                return None;
            }
            return Some(Overridden::Builtin);
        }
        match defined_in(ctx, ancestor, name) {
            Definition::Method(_, signature) => return Some(Overridden::Defined(ancestor.clone(), signature)),
            Definition::Other | Definition::Absent => {}
            Definition::Unknown => return None,
        }
    }
    None
}

/// The names that some builtin class binds to something else than a
/// function in astroid's `builtins` (data descriptors, constants, builtin
/// class methods): every name of a builtin `ClassDef`'s locals whose first
/// entry is not a `FunctionDef`, listed from astroid 4.x on CPython 3.11.
const BUILTIN_NON_FUNCTIONS: &[&str] = &[
    "__abstractmethods__", "__base__", "__basicsize__", "__cause__", "__class__", "__class_getitem__", "__context__",
    "__dict__", "__dictoffset__", "__flags__", "__func__", "__getformat__", "__hash__", "__init_subclass__",
    "__isabstractmethod__", "__itemsize__", "__prepare__", "__self__", "__self_class__", "__suppress_context__",
    "__text_signature__", "__thisclass__", "__traceback__", "__weakref__", "__weakrefoffset__", "__wrapped__", "args",
    "c_contiguous", "characters_written", "code", "contiguous", "denominator", "encoding", "end", "end_lineno",
    "end_offset", "errno", "exceptions", "f_contiguous", "fdel", "fget", "filename", "filename2", "format",
    "from_bytes", "fromhex", "fromkeys", "fset", "imag", "itemsize", "lineno", "maketrans", "message", "msg", "name",
    "nbytes", "ndim", "numerator", "obj", "object", "offset", "path", "print_file_and_line", "readonly", "real",
    "reason", "shape", "start", "step", "stop", "strerror", "strides", "suboffsets", "text", "value",
];

/// Where a method's decorators are evaluated: the body of a class of this
/// module, or a module found for an import.
enum Origin<'t> {
    Local(Node<'t>),
    Remote(ModuleRef),
}

impl<'t> Origin<'t> {
    /// Where the methods of `class` are defined (builtin classes have no defs).
    fn of(class: &ClassRef<'t>) -> Option<Origin<'t>> {
        match class {
            ClassRef::Local(node) => Some(Origin::Local(*node)),
            ClassRef::Remote(remote) => Some(Origin::Remote(remote.module.clone())),
            ClassRef::Builtin(_) | ClassRef::Compiled(_) => None,
        }
    }
}

/// What a decorator's name leads to.
enum Target<'t> {
    Class(ClassRef<'t>),
    /// A function of this module.
    Function(Node<'t>),
    /// Known by its qualified name, or a builtin: whether it makes a
    /// property (none of them changes the method's type).
    Known(bool),
}

/// Decorators whose effect on a method is known by their qualified name
/// (functions, whose bodies other modules' summaries do not carry, and a
/// few classes), with whether pylint's `decorated_with_property` holds.
/// None of them changes astroid's `FunctionDef.type`.
const KNOWN_DECORATORS: &[(&str, bool)] = &[
    ("abc.abstractmethod", false),
    ("abc.abstractproperty", true),
    ("builtins.property", true),
    ("contextlib.asynccontextmanager", false),
    ("contextlib.contextmanager", false),
    ("functools.cache", false),
    ("functools.cached_property", true),
    ("functools.lru_cache", false),
    ("typing.final", false),
    ("typing.overload", false),
    ("typing.override", false),
    ("typing_extensions.final", false),
    ("typing_extensions.overload", false),
    ("typing_extensions.override", false),
];

/// Tells properties from methods, following decorators into the modules
/// that define them.
struct MethodKinds<'c, 'a, 't> {
    ctx: &'c Context<'a, 't>,
    ancestry: Ancestry<'c, 'a, 't>,
}

impl<'c, 'a, 't> MethodKinds<'c, 'a, 't> {
    /// pylint's `decorated_with_property(f) or is_property_setter_or_deleter(f)`:
    /// `None` when some decorator's effect is not known and none makes a property.
    fn is_property(&mut self, method: &Signature, origin: &Origin<'t>) -> Option<bool> {
        let mut known = true;
        for decorator in &method.decorators {
            match decorator.as_ref().and_then(|decorator| self.makes_property(decorator, origin)) {
                Some(true) => return Some(true),
                Some(false) => {}
                None => known = false,
            }
        }
        known.then_some(false)
    }

    /// astroid's `FunctionDef.type` of a method of a class of this module,
    /// as the message names it; `None` where a decorator's effect is not
    /// modelled.
    fn method_type(&mut self, function: Node<'t>, class: Node<'t>, decorators: &[Option<Decorator>]) -> Option<&'static str> {
        match method_kind(self.ctx.source, self.ctx.semantic, function, class) {
            MethodKind::Instance => return Some("method"),
            MethodKind::Class => return Some("classmethod"),
            MethodKind::Static => return Some("staticmethod"),
            MethodKind::Unknown => {}
        }
        // `method_kind` stops at a decorator it does not know. astroid goes
        // on through them in order: the first one named `classmethod` or
        // `staticmethod`, deriving from one of them, or returning one,
        // decides; descriptor classes and pass-through functions do not.
        for decorator in decorators {
            let decorator = decorator.as_ref().filter(|decorator| !decorator.called)?;
            match decorator.parts.as_slice() {
                [name] if name == "classmethod" => return Some("classmethod"),
                [name] if name == "staticmethod" => return Some("staticmethod"),
                _ => {}
            }
            match self.resolve(&Origin::Local(class), &decorator.parts)? {
                Target::Known(_) => {}
                Target::Class(decorator_class) => {
                    let ancestors = self.ancestry.ancestors(&decorator_class)?;
                    for kind in ["classmethod", "staticmethod"] {
                        if ancestors.iter().any(|ancestor| matches!(ancestor, ClassRef::Builtin(builtin) if *builtin == kind)) {
                            return Some(kind);
                        }
                    }
                }
                Target::Function(decorator_function) => {
                    if !summary::returns_own_parameter(self.ctx.source, self.ctx.semantic, decorator_function) {
                        return None;
                    }
                }
            }
        }
        Some("method")
    }

    /// pylint's `_is_property_kind` (any `x.setter`, `x.deleter`) and
    /// `_is_property_decorator` for one decorator.
    fn makes_property(&mut self, decorator: &Decorator, origin: &Origin<'t>) -> Option<bool> {
        let last = decorator.parts.last()?;
        if !decorator.called && decorator.parts.len() > 1 && matches!(last.as_str(), "setter" | "deleter") {
            return Some(true);
        }
        // What a call returns is not modelled.
        if decorator.called {
            return None;
        }
        match self.resolve(origin, &decorator.parts)? {
            Target::Known(is_property) => Some(is_property),
            Target::Class(class) => self.is_property_class(&class),
            Target::Function(function) => summary::decorator_makes_property(self.ctx.source, self.ctx.semantic, function),
        }
    }

    /// Whether instances of `class` are properties to pylint: `property`,
    /// `functools.cached_property`, or a class deriving from `property`.
    fn is_property_class(&mut self, class: &ClassRef<'t>) -> Option<bool> {
        if class.is_remote("functools", "cached_property") {
            return Some(true);
        }
        if let ClassRef::Builtin(name) = class {
            return Some(*name == "property");
        }
        let ancestors = self.ancestry.ancestors(class)?;
        Some(ancestors.iter().any(|ancestor| matches!(ancestor, ClassRef::Builtin("property"))))
    }

    /// What the dotted name `parts` refers to where `origin` evaluates it.
    fn resolve(&self, origin: &Origin<'t>, parts: &[String]) -> Option<Target<'t>> {
        let (first, rest) = parts.split_first()?;
        let ctx = self.ctx;
        let class = match origin {
            Origin::Local(class) => *class,
            Origin::Remote(module) => return self.in_module(module, parts, 0),
        };
        let class_scope = ctx.semantic.scope_of(class)?;
        let Some(scope) = ctx.semantic.resolve(class_scope, first) else {
            let star_imports = !ModuleSummary::star_imports_of(ctx.source, ctx.module.root()).is_empty();
            return builtin_target(ctx.semantic.is_builtin(class_scope, first) && !star_imports, first, rest);
        };
        let mut bindings = ctx.semantic.bindings_of(scope, first);
        let (Some(binding), None) = (bindings.next(), bindings.next()) else { return None };
        match binding.kind {
            BindingKind::ClassDef if rest.is_empty() => binding.identifier.parent().map(|node| Target::Class(ClassRef::Local(node))),
            BindingKind::FunctionDef if rest.is_empty() => binding.identifier.parent().map(Target::Function),
            BindingKind::Import => {
                let (path, _) = ctx.imports?;
                let (_, target) = summary::import_bindings(ctx.source, binding.statement).into_iter().find(|(bound, _)| bound == first)?;
                self.imported(path, &target, parts, 0)
            }
            _ => None,
        }
    }

    /// `parts` read at the top level of another module: where a method of
    /// it is defined (`depth` 0), or reached through imports, where a name
    /// the module does not bind is no builtin.
    fn in_module(&self, module: &ModuleRef, parts: &[String], depth: usize) -> Option<Target<'t>> {
        let (first, rest) = parts.split_first()?;
        if depth > 8 {
            return None;
        }
        let summary = &module.summary;
        match summary.binding_counts.get(first.as_str()).copied().unwrap_or(0) {
            0 => {
                let builtin = depth == 0 && summary.star_imports.is_empty() && crate::semantic::is_builtin_name(first);
                return builtin_target(builtin, first, rest);
            }
            1 => {}
            // Bound several times: astroid infers each value, not modelled.
            _ => return None,
        }
        if rest.is_empty() {
            if summary.classes.contains_key(first.as_str()) {
                return Some(Target::Class(ClassRef::Remote(RemoteClass { module: module.clone(), name: first.clone() })));
            }
            if summary.non_property_decorators.binary_search(first).is_ok() {
                return Some(Target::Known(false));
            }
        }
        let target = summary.imports.get(first.as_str())?;
        self.imported(&module.path, target, parts, depth)
    }

    /// `parts`, whose first part the import `target` in the file `importer`
    /// binds, followed into the imported module.
    fn imported(&self, importer: &Path, target: &ImportTarget, parts: &[String], depth: usize) -> Option<Target<'t>> {
        let rest = &parts[1..];
        let qualified = match target {
            ImportTarget::From { level: 0, module, name } if rest.is_empty() => Some(format!("{module}.{name}")),
            ImportTarget::Module { module } if !rest.is_empty() => Some(format!("{module}.{}", rest.join("."))),
            _ => None,
        };
        if let Some(known) = qualified.and_then(|qualified| KNOWN_DECORATORS.iter().find(|(name, _)| *name == qualified)) {
            return Some(Target::Known(known.1));
        }
        let (_, index) = self.ctx.imports?;
        match target {
            ImportTarget::From { level, module, name } if rest.is_empty() => {
                let from = index.import(importer, *level, module)?;
                self.in_module(&from, std::slice::from_ref(name), depth + 1)
            }
            // `from package import module`, then `module.name`.
            ImportTarget::From { .. } => match summary::resolve_import(index, importer, target)? {
                Resolved::Module(module) => self.in_module(&module, rest, depth + 1),
                _ => None,
            },
            // `import a.b` binds `a`: `a.b.name` is `name` of `a.b`.
            ImportTarget::Module { module } => {
                let (name, middle) = rest.split_last()?;
                let path: Vec<&str> = std::iter::once(module.as_str()).chain(middle.iter().map(String::as_str)).collect();
                let module = index.import(importer, 0, &path.join("."))?;
                self.in_module(&module, std::slice::from_ref(name), depth + 1)
            }
        }
    }
}

/// A name that nothing in the module binds: the builtin, when it is one.
/// Of the builtins only `property` makes a property (builtin functions
/// have no `return` for pylint to follow).
fn builtin_target<'t>(builtin: bool, name: &str, rest: &[String]) -> Option<Target<'t>> {
    (builtin && rest.is_empty()).then_some(Target::Known(name == "property"))
}
