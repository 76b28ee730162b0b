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

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ClassMember {
    Method(Vec<Parameter>),
    /// Anything else bound in the class body (assignment, nested class).
    Other,
}

/// A base class as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BaseRef {
    /// `Name`.
    Name(String),
    /// `module.Name`, `package.module.Name`: the dotted parts.
    Dotted(Vec<String>),
    /// Anything else (calls, subscripts, deeper attributes).
    Unknown,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ClassSummary {
    pub members: FastHashMap<String, ClassMember>,
    pub bases: Vec<BaseRef>,
}

/// What an import statement binds a name to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportTarget {
    /// `import a.b as c` binds `c` to module `a.b`; `import a.b` binds `a` to `a`.
    Module { module: String },
    /// `from ..m import n as c` binds `c` to `n` of `m`, `level` dots up.
    From { level: usize, module: String, name: String },
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ModuleSummary {
    pub classes: FastHashMap<String, ClassSummary>,
    pub imports: FastHashMap<String, ImportTarget>,
    /// Other top-level names (functions, assignments): they shadow.
    pub others: Vec<String>,
    /// Top-level names bound once, to a dict display or `dict(...)`, and
    /// never bound again anywhere in the module (what astroid infers to a dict).
    pub dicts: Vec<String>,
}

impl ModuleSummary {
    pub fn build(source: &str, root: Node) -> ModuleSummary {
        let mut summary = ModuleSummary::default();
        for statement in code_children(root) {
            let definition = undecorated(statement);
            match definition.kind_id() {
                CLASS_DEFINITION => {
                    if let Some(name) = definition.child_by_field_id(FIELD_NAME) {
                        let class = class_summary(source, definition);
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
                    }
                }
                EXPRESSION_STATEMENT => {
                    if let Some(name) = dict_assignment(source, definition) {
                        summary.dicts.push(name.to_string());
                    }
                }
                _ => {}
            }
        }
        if !summary.dicts.is_empty() {
            summary.dicts.retain(|name| bound_once(source, root, name));
        }
        summary
    }
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

fn class_summary(source: &str, class: Node) -> ClassSummary {
    let mut summary = ClassSummary::default();
    if let Some(arguments) = class.child_by_field_id(FIELD_SUPERCLASSES) {
        for argument in code_children(arguments) {
            summary.bases.push(match argument.kind_id() {
                KEYWORD_ARGUMENT => continue,
                IDENTIFIER => BaseRef::Name(node_text(source, argument).to_string()),
                ATTRIBUTE => dotted_parts(source, argument).map_or(BaseRef::Unknown, BaseRef::Dotted),
                _ => BaseRef::Unknown,
            });
        }
    }
    let Some(body) = class.child_by_field_id(FIELD_BODY) else { return summary };
    for statement in code_children(body) {
        let definition = undecorated(statement);
        match definition.kind_id() {
            FUNCTION_DEFINITION => {
                if let Some(name) = definition.child_by_field_id(FIELD_NAME) {
                    let member = ClassMember::Method(parameters(source, definition));
                    summary.members.entry(node_text(source, name).to_string()).or_insert(member);
                }
            }
            CLASS_DEFINITION => {
                if let Some(name) = definition.child_by_field_id(FIELD_NAME) {
                    summary.members.entry(node_text(source, name).to_string()).or_insert(ClassMember::Other);
                }
            }
            EXPRESSION_STATEMENT => {
                for assignment in code_children(definition).filter(|n| n.kind_id() == ASSIGNMENT) {
                    if let Some(target) = assignment.child_by_field_id(FIELD_LEFT).filter(|t| t.kind_id() == IDENTIFIER) {
                        summary.members.entry(node_text(source, target).to_string()).or_insert(ClassMember::Other);
                    }
                }
            }
            _ => {}
        }
    }
    summary
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
            BaseRef::Unknown => Some(RemoteBase::Unknown),
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
