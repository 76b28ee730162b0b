//! A method's parameters as astroid's `Arguments` node splits them, and what
//! its decorators make it: what pylint compares when a method overrides
//! another (arguments-differ, arguments-renamed). Built the same way for the
//! checked file and for imported modules (their class summaries carry it).

use crate::syntax::kinds::*;
use crate::syntax::{code_children, node_text, Node};

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Param {
    pub name: String,
    pub has_default: bool,
}

/// astroid's `FunctionDef.type` for a def in a class body, as far as
/// decorators written by name tell it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum MethodType {
    #[default]
    Method,
    ClassMethod,
    StaticMethod,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Signature {
    /// Before `/` (astroid's `posonlyargs`).
    pub positional_only: Vec<Param>,
    /// astroid's `args`: positional-or-keyword parameters.
    pub positional: Vec<Param>,
    pub vararg: bool,
    pub keyword_only: Vec<Param>,
    pub kwarg: bool,
    pub method_type: MethodType,
    /// Decorated with `overload` (`typing.overload` and the like).
    pub overload_stub: bool,
    /// Decorated with `<property>.setter`.
    pub property_setter: bool,
    /// A decorator this model does not know: astroid may infer it to a
    /// descriptor that changes the method's type.
    pub unknown_decorator: bool,
    /// `async def` (astroid's `AsyncFunctionDef`).
    #[serde(default)]
    pub is_async: bool,
    /// The decorators as written, for what only the defining module can
    /// tell (whether one is a property): dotted names or calls of them,
    /// `None` for any other expression.
    #[serde(default)]
    pub decorators: Vec<Option<super::classes::Decorator>>,
}

impl Signature {
    /// The signature of `function` (a `function_definition`), its decorators
    /// read from the `decorated_definition` around it.
    pub fn of(source: &str, function: Node) -> Signature {
        let mut signature = Signature { is_async: crate::syntax::is_async(function), ..Signature::default() };
        read_parameters(source, function, &mut signature);
        let name = function.child_by_field_id(FIELD_NAME).map_or("", |name| node_text(source, name));
        // astroid's implicit class methods.
        if matches!(name, "__new__" | "__init_subclass__" | "__class_getitem__") {
            signature.method_type = MethodType::ClassMethod;
        }
        let decorated = function.parent().filter(|parent| parent.kind_id() == DECORATED_DEFINITION);
        for decorator in decorated.into_iter().flat_map(code_children).filter(|child| child.kind_id() == DECORATOR) {
            let Some(expression) = code_children(decorator).next() else { continue };
            signature.decorators.push(super::classes::Decorator::of(source, expression));
            let text = node_text(source, expression);
            let last = text.rsplit('.').next().unwrap_or(text);
            match (expression.kind_id(), text, last) {
                (IDENTIFIER, "staticmethod", _) | (ATTRIBUTE, "builtins.staticmethod", _) => {
                    signature.method_type = MethodType::StaticMethod;
                }
                (IDENTIFIER, "classmethod", _) | (ATTRIBUTE, "builtins.classmethod", _) => {
                    signature.method_type = MethodType::ClassMethod;
                }
                (IDENTIFIER | ATTRIBUTE, _, "overload") => signature.overload_stub = true,
                (ATTRIBUTE, _, "setter") => signature.property_setter = true,
                // Decorators that leave a method a method.
                (IDENTIFIER | ATTRIBUTE, _, "property" | "getter" | "deleter" | "abstractmethod" | "override" | "final") => {}
                _ => signature.unknown_decorator = true,
            }
        }
        signature
    }

    /// astroid's `args.args`, less the first one for a class method (pylint's
    /// `_positional_parameters` on `function_to_method`: only class methods
    /// become bound methods there).
    pub fn compared_positional(&self) -> &[Param] {
        match self.method_type {
            MethodType::ClassMethod => self.positional.get(1..).unwrap_or(&[]),
            _ => &self.positional,
        }
    }

    /// What pylint counts in "Number of parameters was N": `args.args`,
    /// the variadics and the keyword-only parameters.
    pub fn counted_parameters(&self) -> usize {
        self.positional.len() + usize::from(self.vararg) + usize::from(self.kwarg) + self.keyword_only.len()
    }
}

fn read_parameters(source: &str, function: Node, signature: &mut Signature) {
    let Some(parameters) = function.child_by_field_id(FIELD_PARAMETERS) else { return };
    let mut after_star = false;
    for parameter in code_children(parameters) {
        let (identifier, has_default) = match parameter.kind_id() {
            IDENTIFIER => (Some(parameter), false),
            DEFAULT_PARAMETER | TYPED_DEFAULT_PARAMETER => (parameter.child_by_field_id(FIELD_NAME), true),
            TYPED_PARAMETER => {
                // `*args: int` and `**kwargs: int` are typed splat patterns.
                match code_children(parameter).next() {
                    Some(inner) if inner.kind_id() == LIST_SPLAT_PATTERN => {
                        signature.vararg = true;
                        after_star = true;
                        continue;
                    }
                    Some(inner) if inner.kind_id() == DICTIONARY_SPLAT_PATTERN => {
                        signature.kwarg = true;
                        continue;
                    }
                    inner => (inner.filter(|inner| inner.kind_id() == IDENTIFIER), false),
                }
            }
            LIST_SPLAT_PATTERN => {
                signature.vararg = true;
                after_star = true;
                continue;
            }
            DICTIONARY_SPLAT_PATTERN => {
                signature.kwarg = true;
                continue;
            }
            KEYWORD_SEPARATOR => {
                after_star = true;
                continue;
            }
            POSITIONAL_SEPARATOR => {
                signature.positional_only.append(&mut signature.positional);
                continue;
            }
            _ => continue,
        };
        let Some(identifier) = identifier else { continue };
        let param = Param { name: node_text(source, identifier).to_string(), has_default };
        if after_star {
            signature.keyword_only.push(param);
        } else {
            signature.positional.push(param);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::ParsedModule;

    fn signature(source: &str) -> Signature {
        let module = ParsedModule::parse(source.to_string(), None);
        let mut found = None;
        crate::syntax::walk(module.root(), |node| {
            if node.kind_id() == FUNCTION_DEFINITION && found.is_none() {
                found = Some(Signature::of(&module.source, node));
            }
            true
        });
        found.expect("a def")
    }

    #[test]
    fn splits_parameters_as_astroid_does() {
        let parsed = signature("class C:\n    @classmethod\n    def f(cls, a, /, b, c=1, *args: int, d, e=2, **kw): ...\n");
        let names = |params: &[Param]| params.iter().map(|p| (p.name.clone(), p.has_default)).collect::<Vec<_>>();
        assert_eq!(names(&parsed.positional_only), [("cls".to_string(), false), ("a".to_string(), false)]);
        assert_eq!(names(&parsed.positional), [("b".to_string(), false), ("c".to_string(), true)]);
        assert_eq!(names(&parsed.keyword_only), [("d".to_string(), false), ("e".to_string(), true)]);
        assert!(parsed.vararg && parsed.kwarg);
        assert_eq!(parsed.method_type, MethodType::ClassMethod);
        assert_eq!(parsed.counted_parameters(), 6);

        let bare_star = signature("def g(self, *, key): ...\n");
        assert_eq!(bare_star.positional.len(), 1);
        assert_eq!(bare_star.keyword_only.len(), 1);
        assert!(!bare_star.vararg);

        let setter = signature("class C:\n    @name.setter\n    def name(self, value): ...\n");
        assert!(setter.property_setter && !setter.unknown_decorator);
        assert!(signature("@cache\ndef h(): ...\n").unknown_decorator);
    }
}
