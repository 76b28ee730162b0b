use super::prelude::*;
use crate::semantic::summary::{self, LocalEntry, ModuleRef, StarExports};
use crate::semantic::{Binding, ScopeId};
use crate::syntax::{FastHashMap, FastHashSet};

declare_rule! {
    /// ## What it does
    /// Checks for `from module import *` statements that bring names the
    /// module never uses, listing those names in one message per statement.
    ///
    /// As in pylint, a star import binds every public name of the imported
    /// module's namespace (whatever its `__all__` says), following that
    /// module's own star imports. A name counts as used when it is read
    /// anywhere (nested scopes included), deleted or listed in this module's
    /// `__all__`; a name an earlier import
    /// statement already binds belongs to that statement. Nothing is
    /// reported when a module in the chain cannot be read as Python source
    /// (compiled modules such as `_socket`), when this module's `__all__`
    /// cannot be inferred, or in a package's `__init__.py`.
    ///
    /// ## Why is this bad?
    /// A star import hides where names come from and fills the namespace
    /// with names that are never used, which can shadow other definitions.
    ///
    /// ## Example
    /// ```python
    /// from os.path import *
    ///
    /// print(join("a", "b"))
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// from os.path import join
    ///
    /// print(join("a", "b"))
    /// ```
    code: "W0614",
    symbol: "unused-wildcard-import",
    category: Warning,
    checker: "variables",
    trigger: Trigger::Module(check),
}

/// A star import of the checked module and what it brings.
struct StarImport<'t> {
    statement: Node<'t>,
    module_name: String,
    /// The imported module and its public names; `None` when unreadable.
    imported: Option<(ModuleRef, Vec<String>)>,
}

fn check(ctx: &mut Context) {
    let Some((path, index)) = ctx.imports else { return };
    // pylint leaves unused imports of a package's `__init__.py` alone
    // (`init-import` is off by default).
    if path.file_name().is_some_and(|name| name == "__init__.py") {
        return;
    }
    let root = ctx.module.root();
    let mut stars: Vec<StarImport> = Vec::new();
    syntax::walk(root, |node| match node.kind_id() {
        IMPORT_FROM_STATEMENT => {
            if let Some((level, module_name)) = summary::star_import_target(ctx.source, node) {
                let imported = if module_name.is_empty() {
                    // `from . import *`: pylint takes it for a plain import.
                    None
                } else {
                    index.import(path, level, &module_name).and_then(|module| {
                        let names = summary::public_names(index, &module)?;
                        Some((module, names))
                    })
                };
                stars.push(StarImport { statement: node, module_name, imported });
            }
            false
        }
        FUNCTION_DEFINITION | CLASS_DEFINITION | EXPRESSION_STATEMENT | RETURN_STATEMENT => false,
        _ => true,
    });
    if stars.iter().all(|star| star.imported.is_none()) {
        return;
    }
    // Names in this module's `__all__` count as used; an `__all__` whose
    // value is not modelled could hide any name.
    let exported: FastHashSet<String> = match summary::star_exports_of(ctx.source, ctx.semantic) {
        StarExports::Listed(names) => names.into_iter().collect(),
        StarExports::Public(_) => FastHashSet::default(),
        StarExports::Unknown => return,
    };
    let used = used_names(ctx);
    let Some(positions) = locals_positions(ctx, &stars) else { return };
    let imports = ImportBindings::collect(ctx);
    let mut reports: Vec<(Node, String)> = Vec::new();
    for (number, star) in stars.iter().enumerate() {
        let Some((module, names)) = &star.imported else { continue };
        let earlier = &stars[..number];
        // An earlier star import whose names are not known may own any name.
        if earlier.iter().any(|other| other.imported.is_none()) {
            continue;
        }
        let mut unused: Vec<&str> = names
            .iter()
            .map(String::as_str)
            .filter(|name| {
                !used.contains(name)
                    && !exported.contains(*name)
                    && !module.summary.future_imports.iter().any(|future| future == name)
                    && !earlier.iter().any(|other| other.imported.as_ref().is_some_and(|(_, names)| names.iter().any(|n| n == name)))
                    && !imports.claim_before(name, star.statement, &used)
            })
            .collect();
        if unused.is_empty() {
            continue;
        }
        // pylint lists them in the order of the module's locals.
        unused.sort_by_key(|name| positions.get(*name).copied().unwrap_or(usize::MAX));
        let listed = match unused.split_last() {
            Some((last, [])) => last.to_string(),
            Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
            None => continue,
        };
        reports.push((star.statement, format!("Unused import(s) {listed} from wildcard import of {}", star.module_name)));
    }
    for (statement, message) in reports {
        ctx.report(statement, message);
    }
}

/// Names read (or deleted) anywhere where they mean the module's name.
/// (pylint's exemption of names in string annotations compares the
/// imported name, `*` here, so it never applies to star imports.)
fn used_names<'t>(ctx: &Context<'_, 't>) -> FastHashSet<&'t str> {
    ctx.semantic
        .references
        .iter()
        .filter(|reference| matches!(reference.resolved, None | Some(ScopeId(0))))
        .map(|reference| reference.name)
        .collect()
}

/// Each name's place in the checked module's locals (astroid's order):
/// what it binds while its tree is built, then what its `from` imports
/// bring. `None` when the star imports of the order do not line up with
/// `stars` (they are found by the same walk, so they should).
fn locals_positions(ctx: &Context, stars: &[StarImport]) -> Option<FastHashMap<String, usize>> {
    let mut positions: FastHashMap<String, usize> = FastHashMap::default();
    let mut stars = stars.iter();
    for entry in summary::locals_order(ctx.source, ctx.module.root(), ctx.semantic) {
        match entry {
            LocalEntry::Name(name) => {
                let next = positions.len();
                positions.entry(name).or_insert(next);
            }
            LocalEntry::Star { .. } => {
                if let Some((_, names)) = &stars.next()?.imported {
                    for name in names {
                        let next = positions.len();
                        positions.entry(name.clone()).or_insert(next);
                    }
                }
            }
        }
    }
    Some(positions)
}

/// The checked module's non-star import bindings, by the name they import.
struct ImportBindings<'a, 't> {
    /// `import x`, `from m import x`: bind `x` under its own name.
    own_name: FastHashMap<&'t str, Vec<&'a Binding<'t>>>,
    /// `import x as y`, `from m import x as y`: import `x` as another name.
    aliased: FastHashMap<&'t str, Vec<&'a Binding<'t>>>,
}

impl<'a, 't> ImportBindings<'a, 't> {
    fn collect(ctx: &Context<'a, 't>) -> Self {
        let mut own_name: FastHashMap<&str, Vec<&Binding>> = FastHashMap::default();
        let mut aliased: FastHashMap<&str, Vec<&Binding>> = FastHashMap::default();
        for binding in &ctx.semantic.bindings {
            if binding.scope != ScopeId(0) || binding.kind != BindingKind::Import {
                continue;
            }
            let Some(parent) = binding.identifier.parent() else { continue };
            match parent.kind_id() {
                // `import a.b` binds `a` but imports `a.b`: it owns no name `a`.
                DOTTED_NAME if parent.named_child_count() == 1 => {
                    own_name.entry(binding.name).or_default().push(binding);
                }
                ALIASED_IMPORT => {
                    let Some(imported) = parent.child_by_field_id(FIELD_NAME) else { continue };
                    let imported = ctx.text(imported);
                    if imported == binding.name {
                        own_name.entry(binding.name).or_default().push(binding);
                    } else {
                        aliased.entry(imported).or_default().push(binding);
                    }
                }
                _ => {}
            }
        }
        ImportBindings { own_name, aliased }
    }

    /// Whether an import statement pylint looks at before `star` takes
    /// `name` for itself: one binding `name` under its own name, or one
    /// importing `name` under an unused alias (pylint then marks `name` as
    /// checked). Statements are ordered by line; on one line, `import`
    /// statements (filed while the tree is built) before `from` ones in
    /// source order.
    fn claim_before(&self, name: &str, star: Node, used: &FastHashSet<&str>) -> bool {
        let before = |binding: &Binding| {
            let (row, star_row) = (binding.statement.start_position().row, star.start_position().row);
            row < star_row
                || (row == star_row
                    && (binding.statement.kind_id() == IMPORT_STATEMENT || binding.statement.start_byte() < star.start_byte()))
        };
        self.own_name.get(name).is_some_and(|bindings| bindings.iter().any(|binding| before(binding)))
            || self
                .aliased
                .get(name)
                .is_some_and(|bindings| bindings.iter().any(|binding| before(binding) && !used.contains(binding.name)))
    }
}
